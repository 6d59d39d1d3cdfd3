//! Tests: Go sources checked by the frontend, compared with gc 1.27.3's `go build -gcflags='-m -l'`
//! output, recorded by hand from the real gc (lines as `line:col: message`).

use std::path::{Path, PathBuf};

use frontend::ast::NodeIdGen;
use frontend::load::{self, LoadConfig};
use frontend::types::{self, ParsedPackage, PkgId, Program};

use super::{EscapeResult, analyze};

/// Loads and checks the file at `path` (with its imports from GOROOT); returns the program and the
/// file's package.
fn load_file(path: &Path) -> Result<(Program, PkgId), String> {
    let mut cfg = LoadConfig::from_env().ok_or("no GOROOT")?;
    cfg.dir = path.parent().map(Path::to_path_buf);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("bad path")?
        .to_string();
    let mut ids = NodeIdGen::new();
    let loaded = load::load_report(&cfg, &[name], &mut ids).map_err(|e| e.render())?;
    let mut parsed = Vec::new();
    let mut root = None;
    for p in loaded.packages {
        if p.root {
            root = Some(p.path.clone());
        }
        parsed.push(ParsedPackage {
            path: p.path,
            files: p.files,
            import_map: p.import_map.into_iter().collect(),
        });
    }
    let fset = loaded.fset.clone();
    let prog =
        types::check_program(loaded.fset, parsed).map_err(|e| frontend::diag::render(&fset, &e))?;
    let root = root.ok_or("no root package")?;
    let pkg = prog
        .package_by_path(&root)
        .map(|p| p.id)
        .ok_or("root package not checked")?;
    Ok((prog, pkg))
}

/// `line:col: message` lines of the diagnostics (no file name).
fn render(prog: &Program, res: &EscapeResult) -> Vec<String> {
    res.diagnostics
        .iter()
        .map(|(pos, m)| match prog.fset.position(*pos) {
            Some((_, l, c)) => format!("{l}:{c}: {m}"),
            None => format!("?: {m}"),
        })
        .collect()
}

fn temp_file(src: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    src.hash(&mut h);
    let dir = std::env::temp_dir().join(format!("rgo-escape-{:016x}", h.finish()));
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join("x.go");
    std::fs::write(&p, src).expect("write temp file");
    p
}

/// Runs the analysis on a source text; `None` when no GOROOT is available.
fn run_src(src: &str) -> Option<(Vec<String>, EscapeResult)> {
    LoadConfig::from_env()?;
    let p = temp_file(src);
    let (prog, pkg) = load_file(&p).unwrap_or_else(|e| panic!("load failed: {e}"));
    let res = analyze(&prog, pkg);
    Some((render(&prog, &res), res))
}

fn check(src: &str, want: &[&str]) {
    let Some((got, _)) = run_src(src) else {
        eprintln!("skipped: no GOROOT");
        return;
    };
    let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

/// Prints the diagnostics of `$RGO_ESCAPE_FILE` (a debugging aid:
/// `RGO_ESCAPE_FILE=x.go cargo test -p midend escape_dump -- --ignored --nocapture`).
#[test]
#[ignore]
fn escape_dump() {
    let Ok(f) = std::env::var("RGO_ESCAPE_FILE") else {
        return;
    };
    let p = std::fs::canonicalize(&f).expect("file");
    let (prog, pkg) = load_file(&p).unwrap_or_else(|e| panic!("{e}"));
    let res = analyze(&prog, pkg);
    for l in render(&prog, &res) {
        println!("{l}");
    }
}

#[test]
fn gc_basic_sites_params_and_fmt() {
    // Recorded from go1.27.3: go build -gcflags='-m -l' (fmt.Println's tags come from analysing
    // package fmt's bodies).
    check(
        r#"package main

import "fmt"

type T struct{ a, b int; p *int }

func (t *T) M() int { return t.a }
func (t T) V() int  { return t.a }

var g *T
var gi interface{}
var gf func() int

func f1(x int) *int { return &x }
func f2(p *T) *int  { return p.p }
func f3(p *T, _ *int, _ int) { g = p }
func f4(p **int) int { return **p }
func f5(xs ...*int) {}
func f6(s []byte) string { return string(s) }
func f7(n int) {
	a := make([]int, n)
	b := make([]int, 10)
	c := new(T)
	d := &T{a: 1}
	e := []int{1, 2}
	m := map[int]int{1: 2}
	m2 := make(map[int]int)
	_, _, _, _, _, _, _ = a, b, c, d, e, m, m2
	g = &T{}
	gi = n
	gi = c.a
	gi = 1
	var t T
	gf = t.V
	h := t.M
	_ = h
	y := 0
	k := func() int { return y }
	_ = k
	gf = func() int { return n }
	fmt.Println(n, "x", 1)
	f5(nil, nil)
	var i interface{} = t
	_ = i == t
	s := "a" + fmt.Sprint(n)
	_ = []byte(s)
	gi = string(rune(n))
	_, _ = f1, f2
}
func (T) N(p *int, q *int) (_ *int, r *int) { return p, q }
func main() {}
"#,
        &[
            r#"7:7: t does not escape"#,
            r#"8:7: t does not escape"#,
            r#"14:9: moved to heap: x"#,
            r#"15:9: leaking param: p to result ~r0 level=1"#,
            r#"16:9: leaking param: p"#,
            r#"17:9: p does not escape"#,
            r#"18:9: xs does not escape"#,
            r#"19:9: s does not escape"#,
            r#"19:42: string(s) escapes to heap"#,
            r#"21:11: make([]int, n) does not escape"#,
            r#"22:11: make([]int, 10) does not escape"#,
            r#"23:10: new(T) does not escape"#,
            r#"24:7: &T{...} does not escape"#,
            r#"25:12: []int{...} does not escape"#,
            r#"26:18: map[int]int{...} does not escape"#,
            r#"27:12: make(map[int]int) does not escape"#,
            r#"29:6: &T{} escapes to heap"#,
            r#"30:7: n escapes to heap"#,
            r#"31:8: c.a escapes to heap"#,
            r#"32:7: 1 escapes to heap"#,
            r#"34:8: t.V escapes to heap"#,
            r#"35:8: t.M does not escape"#,
            r#"38:7: func literal does not escape"#,
            r#"40:7: func literal escapes to heap"#,
            r#"41:13: ... argument does not escape"#,
            r#"41:14: n escapes to heap"#,
            r#"41:17: "x" escapes to heap"#,
            r#"41:22: 1 escapes to heap"#,
            r#"42:4: ... argument does not escape"#,
            r#"43:22: t does not escape"#,
            r#"44:11: t does not escape"#,
            r#"45:11: "a" + fmt.Sprint(... argument...) does not escape"#,
            r#"45:23: ... argument does not escape"#,
            r#"45:24: n escapes to heap"#,
            r#"46:13: ([]byte)(s) does not escape"#,
            r#"46:13: zero-copy string->[]byte conversion"#,
            r#"47:13: string(rune(n)) escapes to heap"#,
            r#"47:18: string(rune(n)) escapes to heap"#,
            r#"50:12: leaking param: p to result ~r0 level=0"#,
            r#"50:20: leaking param: q to result r level=0"#,
        ],
    );
}

#[test]
fn gc_append_loops_closures_conversions() {
    check(
        r#"package main

type T struct{ a int; p *int }
type I interface{ M() }

func (t *T) M() {}

const C = 5

var gi interface{}
var gs []int
var gp *int

func sink(x interface{}) { gi = x }
func g1(xs []int, y int) []int {
	xs = append(xs, y)
	s := make([]int, 0, 4)
	s = append(s, 1)
	gs = append(gs, 2)
	return xs
}
func g2(i I, t *T) {
	i.M()
	t.M()
	var u T
	u.M()
	for i := 0; i < 3; i++ {
		gp = &i
	}
	for _, v := range []int{1, 2} {
		defer func() { _ = v }()
		go func() { _ = v }()
	}
	x := 1
	x = 2
	f := func() int { return x }
	_ = f()
	sink(C)
	sink(int8(3))
	sink('a')
	sink(1.5)
	sink(x + 1)
	var e interface{} = T{}
	switch e.(type) {
	case *T:
	}
	_ = e.(T)
	var arr [3]int
	sl := arr[:]
	_ = sl
	defer println(x)
	defer t.M()
	go t.M()
	sink(interface{}(x))
	sink(any(&x))
	var y *int
	func() { y = new(int) }(); _ = y
}
func g3(p *int) (r *int) { r = p; return }
func g4(m map[string]*int, k string, v *int) { m[k] = v }
func g5(a, b string) string { return a + b + "x" }
func main() {}
"#,
        &[
            r#"6:7: t does not escape"#,
            r#"14:11: leaking param: x"#,
            r#"15:9: leaking param: xs to result ~r0 level=0"#,
            r#"16:13: append escapes to heap"#,
            r#"17:11: make([]int, 0, 4) does not escape"#,
            r#"18:12: append does not escape"#,
            r#"19:13: append escapes to heap"#,
            r#"22:9: leaking param: i"#,
            r#"22:14: leaking param: t"#,
            r#"27:6: moved to heap: i"#,
            r#"34:2: moved to heap: x"#,
            r#"30:25: []int{...} does not escape"#,
            r#"31:9: func literal escapes to heap"#,
            r#"32:6: func literal escapes to heap"#,
            r#"36:7: func literal does not escape"#,
            r#"38:7: 5 escapes to heap"#,
            r#"39:11: int8(3) escapes to heap"#,
            r#"40:7: 'a' escapes to heap"#,
            r#"41:7: 1.5 escapes to heap"#,
            r#"42:9: x + 1 escapes to heap"#,
            r#"43:23: T{} does not escape"#,
            r#"54:19: (interface {})(x) escapes to heap"#,
            r#"57:2: func literal does not escape"#,
            r#"57:18: new(int) escapes to heap"#,
            r#"59:9: leaking param: p to result r level=0"#,
            r#"60:9: m does not escape"#,
            r#"60:28: leaking param: k"#,
            r#"60:38: leaking param: v"#,
            r#"61:9: a does not escape"#,
            r#"61:12: b does not escape"#,
            r#"61:44: a + b + "x" escapes to heap"#,
        ],
    );
}

#[test]
fn gc_capture_by_value_rule() {
    // gc -m=2 says: a by value, b by ref (assigned after capture), i by value (per-iteration),
    // big by ref (129 bytes), small by value (128 bytes), c by ref (c++ inside), d by ref
    // (address taken), p by value.
    let src = r#"package main

var sink func() int

func main() {
	a := 1
	a = 2
	sink = func() int { return a }
	b := 1
	for i := 0; i < 3; i++ {
		sink = func() int { return b + i }
	}
	b = 3
	var big [129]byte
	var small [128]byte
	sink = func() int { return int(big[0] + small[0]) }
	c := 0
	sink = func() int { c++; return c }
	d := 0
	p := &d
	sink = func() int { return d + *p }
}
"#;
    let Some((got, res)) = run_src(src) else {
        return;
    };
    assert_eq!(
        got,
        [
            r#"9:2: moved to heap: b"#,
            r#"14:6: moved to heap: big"#,
            r#"17:2: moved to heap: c"#,
            r#"19:2: moved to heap: d"#,
            r#"8:9: func literal escapes to heap"#,
            r#"11:10: func literal escapes to heap"#,
            r#"16:9: func literal escapes to heap"#,
            r#"18:9: func literal escapes to heap"#,
            r#"21:9: func literal escapes to heap"#,
        ]
    );
    let mut caps: Vec<Vec<bool>> = res.capture_by_value.values().cloned().collect();
    caps.sort();
    let mut want = vec![
        vec![true],
        vec![false, true],
        vec![false, true],
        vec![false],
        vec![false, true],
    ];
    want.sort();
    assert_eq!(caps, want);
}
