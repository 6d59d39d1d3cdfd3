//! Loading a small temporary module: dependency order, file selection, patterns and the go
//! command's error wording.

use std::path::{Path, PathBuf};

use frontend::ast::NodeIdGen;
use frontend::load::{self, LoadConfig};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("rgo-load-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
    fn write(&self, rel: &str, text: &str) {
        let p = self.0.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("create dir");
        }
        std::fs::write(p, text).expect("write file");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config(dir: &Path) -> Option<LoadConfig> {
    let mut cfg = LoadConfig::from_env()?;
    cfg.dir = Some(dir.to_path_buf());
    Some(cfg)
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn module() -> TempDir {
    // Tests run in parallel: each gets its own directory.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let t = TempDir::new(&format!("mod{n}"));
    t.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    t.write(
        "main.go",
        "package main\n\nimport (\n\t\"example.com/m/a\"\n\t\"example.com/m/b\"\n)\n\nfunc main() { a.A(); b.B() }\n",
    );
    t.write(
        "a/a.go",
        "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n",
    );
    t.write("a/a_linux.go", "package a\n\nfunc linux() {}\n");
    t.write("a/a_windows.go", "package a\n\nfunc windows() {}\n");
    t.write("a/tagged.go", "//go:build ignore\n\npackage nota\n");
    t.write("a/a_test.go", "package a\n\nimport \"example.com/m/c\"\n");
    t.write(
        "a/x_test.go",
        "package a_test\n\nimport \"example.com/m/a\"\n",
    );
    t.write("b/b.go", "// Package b.\npackage b\n\nfunc B() {}\n");
    t.write("b/_ignored.go", "package zzz\n");
    t.write("b/testdata/t.go", "package zzz\n");
    t.write("c/c.go", "package c\n");
    t
}

#[test]
fn dependency_order_and_files() {
    let t = module();
    let Some(cfg) = config(&t.0) else {
        eprintln!("note: no GOROOT found; skipping");
        return;
    };
    let mut ids = NodeIdGen::new();
    let loaded = match load::load_report(&cfg, &args(&["."]), &mut ids) {
        Ok(l) => l,
        Err(e) => panic!("{}", e.render()),
    };
    let paths: Vec<(&str, &str)> = loaded
        .packages
        .iter()
        .map(|p| (p.path.as_str(), p.import_path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("example.com/m/b", "example.com/m/b"),
            ("example.com/m/a", "example.com/m/a"),
            ("main", "example.com/m"),
        ]
    );
    let a = &loaded.packages[1];
    let names: Vec<&str> = a
        .files
        .iter()
        .map(|f| loaded.fset.files[f.file_index as usize].path.as_str())
        .collect();
    assert_eq!(names, ["a/a.go", "a/a_linux.go"]);
    assert_eq!(a.imports, ["example.com/m/b"]);
    assert_eq!(a.go_version.as_deref(), Some("1.22"));
    let main = &loaded.packages[2];
    assert_eq!(
        loaded.fset.files[main.files[0].file_index as usize].path,
        "./main.go"
    );
    assert!(main.root && !a.root);
    // File indices follow the package order.
    let idx: Vec<u32> = loaded
        .packages
        .iter()
        .flat_map(|p| p.files.iter().map(|f| f.file_index))
        .collect();
    assert_eq!(idx, (0..idx.len() as u32).collect::<Vec<_>>());
}

#[test]
fn tests_and_patterns() {
    let t = module();
    let Some(mut cfg) = config(&t.0) else { return };
    let l = load::list(&cfg, &args(&["./..."])).expect("list ./...");
    let paths: Vec<&str> = l.packages.iter().map(|p| p.import_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "example.com/m/b",
            "example.com/m/a",
            "example.com/m",
            "example.com/m/c"
        ]
    );
    let l = load::list(&cfg, &args(&["example.com/m/..."])).expect("list module pattern");
    assert_eq!(l.packages.len(), 4);
    // A directory without packages: a warning; a missing directory: the go command's error.
    std::fs::create_dir_all(t.0.join("nothing")).expect("mkdir nothing");
    let l = load::list(&cfg, &args(&["./nothing/..."])).expect("list empty pattern");
    assert!(l.packages.is_empty());
    assert_eq!(
        l.warnings,
        ["go: warning: \"./nothing/...\" matched no packages"]
    );
    let e = load::list(&cfg, &args(&["./missing/..."])).expect_err("missing directory");
    assert_eq!(
        e,
        ["pattern ./missing/...: lstat ./missing/: no such file or directory"]
    );

    cfg.tests = true;
    let l = load::list(&cfg, &args(&["./a"])).expect("list with tests");
    let got: Vec<(&str, Vec<String>)> = l
        .packages
        .iter()
        .map(|p| (p.import_path.as_str(), p.go_files.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("example.com/m/b", vec!["b.go".to_string()]),
            ("example.com/m/c", vec!["c.go".to_string()]),
            (
                "example.com/m/a",
                vec![
                    "a.go".to_string(),
                    "a_linux.go".to_string(),
                    "a_test.go".to_string()
                ]
            ),
            ("example.com/m/a_test", vec!["x_test.go".to_string()]),
        ]
    );
}

#[test]
fn command_line_files() {
    let t = module();
    let Some(cfg) = config(&t.0) else { return };
    t.write(
        "cmd/x_windows.go",
        "package main\n\nimport \"example.com/m/b\"\n\nfunc main() { b.B() }\n",
    );
    t.write("cmd/y.go", "package main\n");
    let l = load::list(&cfg, &args(&["cmd/x_windows.go", "cmd/y.go"])).expect("files");
    let last = l.packages.last().expect("a package");
    assert_eq!(last.import_path, "command-line-arguments");
    assert_eq!(last.path, "main");
    // Named files are built as given, whatever their constraints.
    assert_eq!(last.go_files, ["x_windows.go", "y.go"]);
    let e = load::list(&cfg, &args(&["cmd/y.go", "main.go"])).expect_err("two dirs");
    assert_eq!(
        e,
        ["named files must all be in one directory; have cmd and ."]
    );
    let e = load::list(&cfg, &args(&["nope.go"])).expect_err("missing");
    assert_eq!(e, ["stat nope.go: no such file or directory"]);
}

#[test]
fn errors_in_go_wording() {
    let t = module();
    let Some(cfg) = config(&t.0) else { return };
    let goroot_src = cfg.goroot.join("src");
    let root = t.0.display().to_string();
    t.write(
        "cy/p/p.go",
        "package p\n\nimport _ \"example.com/m/cy/q\"\n",
    );
    t.write(
        "cy/q/q.go",
        "package q\n\nimport _ \"example.com/m/cy/p\"\n",
    );
    t.write("two/a.go", "package a\n");
    t.write("two/b.go", "package b\n");
    t.write("empty/README", "x\n");
    t.write("win/w.go", "//go:build windows\n\npackage w\n");
    t.write(
        "bad/bad.go",
        "package bad\n\nimport (\n\t\"fmt\"\n\t_ \"nosuch/pkg\"\n)\n\nvar _ = fmt.Sprint\n",
    );
    t.write("in/in.go", "package in\n\nimport _ \"internal/abi\"\n");
    t.write("ext/e.go", "package e\n\nimport _ \"github.com/x/y\"\n");
    t.write(
        "u/u.go",
        "package main\nimport _ \"example.com/m/empty\"\nfunc main(){}\n",
    );
    t.write("imain/i.go", "package i\nimport _ \"example.com/m/u\"\n");
    let cases: Vec<(&str, String)> = vec![
        (
            "./u",
            "u/u.go:2:8: no required module provides package example.com/m/empty; to add it:\n\tgo get example.com/m/empty".to_string(),
        ),
        (
            "./imain",
            "imain/i.go:2:8: import \"example.com/m/u\" is a program, not an importable package".to_string(),
        ),
        (
            "./cy/p",
            "package example.com/m/cy/p\n\timports example.com/m/cy/q from p.go\n\timports example.com/m/cy/p from q.go: import cycle not allowed".to_string(),
        ),
        ("./two", format!("found packages a (a.go) and b (b.go) in {root}/two")),
        ("./empty", format!("no Go files in {root}/empty")),
        (
            "./win",
            format!("package example.com/m/win: build constraints exclude all Go files in {root}/win"),
        ),
        (
            "./bad",
            format!(
                "bad/bad.go:5:2: package nosuch/pkg is not in std ({})",
                goroot_src.join("nosuch/pkg").display()
            ),
        ),
        (
            "nosuch",
            format!("package nosuch is not in std ({})", goroot_src.join("nosuch").display()),
        ),
        (
            "./in",
            "package example.com/m/in\n\tin/in.go:3:8: use of internal package internal/abi not allowed".to_string(),
        ),
        (
            "./ext",
            "ext/e.go:3:8: no required module provides package github.com/x/y; to add it:\n\tgo get github.com/x/y".to_string(),
        ),
    ];
    for (arg, want) in cases {
        match load::list(&cfg, &args(&[arg])) {
            Ok(_) => panic!("{arg}: expected an error"),
            Err(e) => assert_eq!(e.join("\n"), want, "{arg}"),
        }
    }
}

#[test]
fn vendored_std_imports() {
    let t = module();
    let Some(cfg) = config(&t.0) else { return };
    let l = load::list(&cfg, &args(&["net"])).expect("list net");
    let net = l.packages.last().expect("net");
    assert_eq!(net.import_path, "net");
    assert!(
        net.imports
            .iter()
            .any(|i| i == "vendor/golang.org/x/net/dns/dnsmessage")
    );
    assert_eq!(
        net.import_map
            .get("golang.org/x/net/dns/dnsmessage")
            .map(String::as_str),
        Some("vendor/golang.org/x/net/dns/dnsmessage")
    );
    // Every package comes after its imports.
    let pos: std::collections::HashMap<&str, usize> = l
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.import_path.as_str(), i))
        .collect();
    for (i, p) in l.packages.iter().enumerate() {
        for imp in &p.imports {
            if imp != "unsafe" {
                assert!(pos[imp.as_str()] < i, "{} before {}", imp, p.import_path);
            }
        }
    }
}
