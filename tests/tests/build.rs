//! Tests of `rgo build`/`rgo run` as the go command builds packages and modules, and of the
//! package build cache (docs/cache.md): a temporary module with two local library packages
//! (one generic), a main package at its root and a second command under `cmd/`.
//!
//! Every test uses its own cache directory (`RGO_CACHE`), so they run in parallel and never
//! touch the user's cache. `rgo build -v` prints the import path of each package it compiled
//! (not taken from the cache), which is how the tests see hits and misses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use tests::{TempDir, locate_rgo};

fn rgo() -> PathBuf {
    static RGO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match RGO.get_or_init(locate_rgo) {
        Ok(path) => path.clone(),
        Err(e) => panic!("cannot test rgo: {e}"),
    }
}

const GO_MOD: &str = "module example.com/demo\n\ngo 1.27\n";

const GREET: &str = r#"package greet

import "unicode/utf8"

// Width is the number of runes of s.
func Width(s string) int { return utf8.RuneCountInString(s) }

// Last returns the last element of xs: instantiated by main with main's own type.
func Last[T any](xs []T) T { return xs[len(xs)-1] }
"#;

const COUNT: &str = r#"package count

import "example.com/demo/lib/greet"

func Total(words ...string) int {
	n := 0
	for _, w := range words {
		n += greet.Width(w)
	}
	return n
}
"#;

const MAIN: &str = r#"package main

import (
	"example.com/demo/lib/count"
	"example.com/demo/lib/greet"
)

type Pair struct{ a int }

func main() {
	p := greet.Last([]Pair{{1}, {2}, {3}})
	println("total", count.Total("héllo", "wörld"), "last", p.a)
}
"#;

const TOOL: &str = r#"package main

import "example.com/demo/lib/greet"

func main() { println("tool", greet.Width("ünïcode")) }
"#;

/// A fresh module; returns its directory (inside `tmp`).
fn module(tmp: &TempDir) -> PathBuf {
    let root = tmp.path().join("demo");
    for (path, text) in [
        ("go.mod", GO_MOD),
        ("main.go", MAIN),
        ("lib/greet/greet.go", GREET),
        ("lib/count/count.go", COUNT),
        ("cmd/tool/main.go", TOOL),
    ] {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    root
}

/// Runs rgo in `dir` with the cache at `cache`.
fn run_rgo(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(rgo())
        .args(args)
        .current_dir(dir)
        .env("RGO_CACHE", cache)
        .output()
        .expect("rgo runs")
}

fn ok(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\n{stderr}",
        out.status
    );
    stderr
}

/// The output of running an executable.
fn run_exe(path: &Path) -> String {
    let out = Command::new(path).output().expect("executable runs");
    assert!(out.status.success(), "{} failed", path.display());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The package lines of `rgo build -v` output, sorted.
fn compiled(stderr: &str) -> Vec<String> {
    let mut v: Vec<String> = stderr
        .lines()
        .filter(|l| !l.starts_with("rgo:"))
        .map(String::from)
        .collect();
    v.sort();
    v
}

const MAIN_OUTPUT: &str = "total 10 last 3\n";

#[test]
fn module_packages_and_output_names() {
    let tmp = TempDir::new("build-names").unwrap();
    let root = module(&tmp);
    let cache = tmp.path().join("cache");

    // The main package in the current directory: named after the module's last element.
    ok(&run_rgo(&root, &cache, &["build"]), "rgo build");
    assert_eq!(run_exe(&root.join("demo")), MAIN_OUTPUT);
    std::fs::remove_file(root.join("demo")).unwrap();

    // A command by directory and by import path: named after its last element.
    ok(
        &run_rgo(&root, &cache, &["build", "./cmd/tool"]),
        "build ./cmd/tool",
    );
    assert_eq!(run_exe(&root.join("tool")), "tool 7\n");
    std::fs::remove_file(root.join("tool")).unwrap();
    let sub = root.join("lib");
    ok(
        &run_rgo(&sub, &cache, &["build", "example.com/demo/cmd/tool"]),
        "build by import path",
    );
    assert!(
        sub.join("tool").is_file(),
        "output goes to the current directory"
    );

    // Several packages: compiled as a check, nothing written ...
    let before: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
    ok(&run_rgo(&root, &cache, &["build", "./..."]), "build ./...");
    let after: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
    assert_eq!(before.len(), after.len(), "build ./... wrote nothing");
    // ... unless -o names a directory, which gets every command.
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "bin/", "./..."]),
        "build -o bin/ ./...",
    );
    let mut bin: Vec<String> = std::fs::read_dir(root.join("bin"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    bin.sort();
    assert_eq!(bin, ["demo", "tool"]);
    assert_eq!(run_exe(&root.join("bin/demo")), MAIN_OUTPUT);
    // A non-directory -o with several packages is an error, as in the go command.
    let out = run_rgo(&root, &cache, &["build", "-o", "x", "./..."]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "go: cannot write multiple packages to non-directory x\n"
    );
    // -o /dev/null builds and discards, for one package or several.
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "/dev/null", "./..."]),
        "-o /dev/null ./...",
    );
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "/dev/null"]),
        "-o /dev/null",
    );
    assert!(
        !Path::new("/dev/null").is_file(),
        "/dev/null is still the device"
    );
    // A library package alone is only checked and compiled.
    ok(
        &run_rgo(&root, &cache, &["build", "./lib/count"]),
        "build ./lib/count",
    );
    assert!(!root.join("count").exists());
    // So are a library package's files.
    ok(
        &run_rgo(&root, &cache, &["build", "lib/greet/greet.go"]),
        "build lib/greet/greet.go",
    );
    assert!(!root.join("greet").exists());
    // -o FILE for one command.
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "t2", "./cmd/tool"]),
        "build -o t2",
    );
    assert_eq!(run_exe(&root.join("t2")), "tool 7\n");

    // rgo run of a package, with arguments for the program.
    let out = run_rgo(&root, &cache, &["run", "./cmd/tool", "arg"]);
    assert_eq!(ok(&out, "rgo run ./cmd/tool"), "tool 7\n");
    let out = run_rgo(&root, &cache, &["run", "./..."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "go: pattern ./... matches multiple packages:\n\texample.com/demo\n\texample.com/demo/cmd/tool\n"
    );
    let out = run_rgo(&root, &cache, &["run", "./cmd/..."]);
    assert_eq!(ok(&out, "rgo run ./cmd/..."), "tool 7\n");
    let out = run_rgo(&root, &cache, &["run", "./lib/count"]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "package example.com/demo/lib/count is not a main package\n"
    );
}

#[test]
fn diagnostics_of_imported_packages_are_headed_by_their_import_path() {
    let tmp = TempDir::new("build-diag").unwrap();
    let root = module(&tmp);
    let cache = tmp.path().join("cache");
    std::fs::write(
        root.join("lib/count/count.go"),
        format!("{COUNT}\nfunc bad() int {{ return \"x\" }}\n"),
    )
    .unwrap();
    let expected = "# example.com/demo/lib/count\n\
         lib/count/count.go:13:25: cannot use \"x\" (untyped string constant) as int value in return statement\n";
    let out = run_rgo(&root, &cache, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
    // Built for two roots (the library and main, which imports it): reported once.
    let out = run_rgo(&root, &cache, &["build", "./..."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
}

#[test]
fn cache_hits_misses_and_generic_instances() {
    let tmp = TempDir::new("build-cache").unwrap();
    let root = module(&tmp);
    let cache = tmp.path().join("cache");

    let cold = compiled(&ok(&run_rgo(&root, &cache, &["build", "-v"]), "cold build"));
    for p in [
        "runtime",
        "unicode/utf8",
        "example.com/demo/lib/greet",
        "example.com/demo/lib/count",
        "example.com/demo",
    ] {
        assert!(cold.contains(&p.to_string()), "{p} compiled in {cold:?}");
    }
    let first = std::fs::read(root.join("demo")).unwrap();

    // Nothing changed: nothing is compiled, and the executable is the same.
    let warm = ok(&run_rgo(&root, &cache, &["build", "-v"]), "warm build");
    assert_eq!(warm, "", "a warm build compiles nothing");
    assert_eq!(std::fs::read(root.join("demo")).unwrap(), first);

    // Another command's sources are no input of this program.
    std::fs::write(root.join("cmd/tool/main.go"), TOOL.replace("tool", "tool2")).unwrap();
    assert_eq!(
        ok(
            &run_rgo(&root, &cache, &["build", "-v"]),
            "after editing tool"
        ),
        ""
    );

    // A change to count recompiles count and its importer main, and greet, whose object holds
    // the instance greet.Last[main.Pair]: an instance's key covers the sources of the packages
    // its type arguments come from, with their dependencies (main, hence count); unicode/utf8
    // and the runtime are reused.
    std::fs::write(
        root.join("lib/count/count.go"),
        COUNT.replace("n := 0", "n := 0 // counted"),
    )
    .unwrap();
    let out = ok(
        &run_rgo(&root, &cache, &["build", "-v"]),
        "after editing count",
    );
    assert_eq!(
        compiled(&out),
        [
            "example.com/demo",
            "example.com/demo/lib/count",
            "example.com/demo/lib/greet"
        ]
    );
    // The tool instantiates nothing: its greet object (without main's instance) is another
    // entry; unicode/utf8 and the runtime are shared with main's build.
    let out = ok(
        &run_rgo(&root, &cache, &["build", "-v", "./cmd/tool"]),
        "tool",
    );
    assert_eq!(
        compiled(&out),
        ["example.com/demo/cmd/tool", "example.com/demo/lib/greet"]
    );

    // main's type Pair is a type argument of greet.Last, whose instance greet's object holds:
    // changing Pair's layout must recompile greet too (its cache key covers the instance).
    std::fs::write(
        root.join("main.go"),
        MAIN.replace(
            "type Pair struct{ a int }",
            "type Pair struct{ z string; a int }",
        )
        .replace("{{1}, {2}, {3}}", "{{\"x\", 1}, {\"y\", 2}, {\"z\", 3}}"),
    )
    .unwrap();
    let out = ok(
        &run_rgo(&root, &cache, &["build", "-v"]),
        "after editing Pair",
    );
    assert_eq!(
        compiled(&out),
        ["example.com/demo", "example.com/demo/lib/greet"]
    );
    assert_eq!(run_exe(&root.join("demo")), MAIN_OUTPUT);
}

#[test]
fn corrupt_entries_are_rebuilt_and_clean_empties_the_cache() {
    let tmp = TempDir::new("build-corrupt").unwrap();
    let root = module(&tmp);
    let cache = tmp.path().join("cache");
    ok(&run_rgo(&root, &cache, &["build", "-v"]), "cold build");
    let good = std::fs::read(root.join("demo")).unwrap();

    // Every object entry: truncate one, flip a byte in the others (same length).
    let mut entries = Vec::new();
    for d in std::fs::read_dir(&cache).unwrap() {
        let d = d.unwrap().path();
        if d.is_dir() && d.file_name().is_some_and(|n| n.len() == 2) {
            for e in std::fs::read_dir(&d).unwrap() {
                entries.push(e.unwrap().path());
            }
        }
    }
    entries.sort();
    assert!(entries.len() >= 5, "one entry per package: {entries:?}");
    for (i, e) in entries.iter().enumerate() {
        let mut data = std::fs::read(e).unwrap();
        if i == 0 {
            data.truncate(data.len() / 2);
        } else {
            let mid = data.len() - 7;
            data[mid] ^= 0x40;
        }
        std::fs::write(e, data).unwrap();
    }
    let out = ok(
        &run_rgo(&root, &cache, &["build", "-v"]),
        "build over corrupt cache",
    );
    let rebuilt = out
        .lines()
        .filter(|l| l.starts_with("rgo: cache entry rebuilt:"))
        .count();
    assert_eq!(rebuilt, entries.len(), "{out}");
    assert!(out.contains("truncated entry"), "{out}");
    assert!(out.contains("checksum mismatch"), "{out}");
    assert_eq!(std::fs::read(root.join("demo")).unwrap(), good);
    // The rebuilt entries are good again.
    assert_eq!(
        ok(&run_rgo(&root, &cache, &["build", "-v"]), "warm build"),
        ""
    );

    // rgo clean -cache: everything is compiled again.
    ok(
        &run_rgo(&root, &cache, &["clean", "-cache"]),
        "rgo clean -cache",
    );
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
    let out = ok(
        &run_rgo(&root, &cache, &["build", "-v"]),
        "build after clean",
    );
    assert!(compiled(&out).contains(&"runtime".to_string()), "{out}");
}

#[test]
fn builds_are_deterministic_with_and_without_the_cache() {
    let tmp = TempDir::new("build-determinism").unwrap();
    let root = module(&tmp);
    let off = Path::new("off");
    ok(
        &run_rgo(&root, off, &["build", "-o", "a"]),
        "uncached build 1",
    );
    ok(
        &run_rgo(&root, off, &["build", "-o", "b"]),
        "uncached build 2",
    );
    let cache = tmp.path().join("cache");
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "c"]),
        "cold cached build",
    );
    ok(
        &run_rgo(&root, &cache, &["build", "-o", "d"]),
        "warm cached build",
    );
    // On one core (no parallel packages or functions), where taskset exists.
    let mut others = vec!["b", "c", "d"];
    let one_core = Command::new("taskset")
        .args(["-c", "0"])
        .arg(rgo())
        .args(["build", "-p", "1", "-o", "e"])
        .current_dir(&root)
        .env("RGO_CACHE", "off")
        .output();
    if one_core.is_ok_and(|o| o.status.success()) {
        others.push("e");
    }
    let a = std::fs::read(root.join("a")).unwrap();
    for other in others {
        assert!(
            a == std::fs::read(root.join(other)).unwrap(),
            "executable {other} differs from a"
        );
    }
}

#[test]
fn concurrent_builds_share_one_cache() {
    let tmp = TempDir::new("build-concurrent").unwrap();
    let root = module(&tmp);
    let cache = tmp.path().join("cache");
    // Three builds race to fill the same empty cache (each writes every entry).
    let children: Vec<_> = ["x1", "x2", "x3"]
        .iter()
        .map(|out| {
            Command::new(rgo())
                .args(["build", "-o", out])
                .current_dir(&root)
                .env("RGO_CACHE", &cache)
                .spawn()
                .expect("rgo starts")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let x1 = std::fs::read(root.join("x1")).unwrap();
    assert!(x1 == std::fs::read(root.join("x2")).unwrap());
    assert!(x1 == std::fs::read(root.join("x3")).unwrap());
    // Every entry they left is complete: a warm build finds them all.
    assert_eq!(
        ok(&run_rgo(&root, &cache, &["build", "-v"]), "warm build"),
        ""
    );
}
