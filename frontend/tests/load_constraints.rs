//! Build-constraint evaluation, file-name suffix rules and header scanning (frontend::load).

use frontend::load::constraint::{
    Tags, eval_plus_build, file_name_ok, header_ok, parse_expr, scan_header,
};

fn linux_amd64() -> Tags {
    Tags::new("linux", "amd64", false, &[])
}

#[test]
fn go_build_expressions() {
    let tags = linux_amd64();
    let cgo = Tags::new("linux", "amd64", true, &["purego".to_string()]);
    // (expression, linux/amd64 without cgo, with cgo and -tags purego)
    let table: &[(&str, bool, bool)] = &[
        ("linux", true, true),
        ("amd64", true, true),
        ("windows", false, false),
        ("!windows", true, true),
        ("linux && amd64", true, true),
        ("linux && !amd64", false, false),
        ("darwin || linux", true, true),
        ("unix", true, true),
        ("unix && !linux", false, false),
        ("gc", true, true),
        ("gccgo", false, false),
        ("!gccgo", true, true),
        ("cgo", false, true),
        ("!cgo", true, false),
        ("go1.1", true, true),
        ("go1.21 && go1.27", true, true),
        ("go1.28", false, false),
        ("purego", false, true),
        ("amd64.v1", true, true),
        ("amd64.v2", false, false),
        ("goexperiment.regabiargs", true, true),
        ("goexperiment.greenteagc", true, true),
        ("goexperiment.jsonv2", true, true),
        ("goexperiment.arenas", false, false),
        ("!goexperiment.swissmap || linux", true, true),
        ("(linux || darwin) && (amd64 || arm64)", true, true),
        ("(linux || darwin) && !(amd64 || arm64)", false, false),
        ("!(linux && amd64)", false, false),
        ("linux || darwin && arm64", true, true),
        ("windows || darwin && amd64", false, false),
        ("ignore", false, false),
        ("android", false, false),
        ("solaris || illumos", false, false),
    ];
    for &(expr, want, want_cgo) in table {
        let e = parse_expr(expr).unwrap_or_else(|err| panic!("{expr}: {err}"));
        assert_eq!(e.eval(&tags), want, "{expr}");
        assert_eq!(e.eval(&cgo), want_cgo, "{expr} (cgo, purego)");
    }
    for bad in [
        "",
        "linux &&",
        "(linux",
        "linux)",
        "linux & amd64",
        "a b",
        "!",
        "linux ||| x",
        "!!linux",
    ] {
        assert!(parse_expr(bad).is_err(), "{bad:?} should not parse");
    }
}

#[test]
fn android_implies_linux() {
    let t = Tags::new("android", "arm64", false, &[]);
    assert!(parse_expr("linux").is_ok_and(|e| e.eval(&t)));
    assert!(parse_expr("unix").is_ok_and(|e| e.eval(&t)));
    assert!(file_name_ok("x_linux.go", &t));
}

#[test]
fn plus_build_lines() {
    let t = linux_amd64();
    let table: &[(&str, bool)] = &[
        ("linux", true),
        ("darwin linux", true),
        ("darwin,amd64 linux,amd64", true),
        ("linux,!amd64", false),
        ("!windows", true),
        ("!!linux", false),
        ("ignore", false),
        ("", false),
        ("linux,", false),
    ];
    for &(line, want) in table {
        assert_eq!(eval_plus_build(line, &t), want, "+build {line}");
    }
}

#[test]
fn file_name_suffixes() {
    let t = linux_amd64();
    let table: &[(&str, bool)] = &[
        ("x.go", true),
        ("linux.go", true),
        ("windows.go", true),
        ("x_linux.go", true),
        ("x_windows.go", false),
        ("x_amd64.go", true),
        ("x_arm64.go", false),
        ("x_linux_amd64.go", true),
        ("x_linux_arm64.go", false),
        ("x_windows_amd64.go", false),
        ("x_linux_test.go", true),
        ("x_windows_test.go", false),
        ("x_linux_amd64_test.go", true),
        ("x_unix.go", true), // `unix` is a build tag, not a file-name suffix
        ("x_zos.go", false),
        ("x_wasip1.go", false),
        ("x_ios.go", false),
        ("x_loong64.go", false),
        ("x_mips64p32le.go", false),
        ("x_amd64p32.go", false),
        ("x_test.go", true),
        ("x_foo.go", true),
        ("x_amd64_linux.go", true), // GOARCH then GOOS: only the last element counts
        ("x_arm64_linux.go", true),
        ("x_linux_foo.go", true),
        ("x_linux.s.go", true), // everything after the first dot is ignored
        ("amd64_windows.go", false),
        ("_linux_windows.go", false),
    ];
    for &(name, want) in table {
        assert_eq!(file_name_ok(name, &t), want, "{name}");
    }
}

#[test]
fn headers() {
    let t = linux_amd64();
    let ok = |src: &str| header_ok(&scan_header(src), &t);
    assert_eq!(ok("//go:build windows\n\npackage p\n"), Ok(false));
    assert_eq!(
        ok("// Copyright\n\n//go:build linux\n\npackage p\n"),
        Ok(true)
    );
    // //go:build counts even without a following blank line.
    assert_eq!(ok("//go:build windows\npackage p\n"), Ok(false));
    // After the package clause it is just a comment.
    assert_eq!(ok("package p\n//go:build windows\n"), Ok(true));
    // Inside a block comment it does not count.
    assert_eq!(ok("/*\n//go:build windows\n*/\n\npackage p\n"), Ok(true));
    // `//go:buildx` is not a constraint.
    assert_eq!(ok("//go:buildx windows\n\npackage p\n"), Ok(true));
    // A //go:build line wins over +build lines.
    assert_eq!(
        ok("//go:build linux\n// +build windows\n\npackage p\n"),
        Ok(true)
    );
    // Legacy lines: each line must hold.
    assert_eq!(
        ok("// +build linux darwin\n// +build amd64\n\npackage p\n"),
        Ok(true)
    );
    assert_eq!(
        ok("// +build linux\n// +build arm64\n\npackage p\n"),
        Ok(false)
    );
    // A +build line not followed by a blank line is part of the doc comment: ignored.
    assert_eq!(ok("// +build windows\npackage p\n"), Ok(true));
    assert_eq!(ok("// +build windows\n// doc\npackage p\n"), Ok(true));
    // Syntax errors and duplicates are reported with the line.
    assert!(ok("//go:build linux &&\n\npackage p\n").is_err());
    assert!(ok("//go:build linux\n//go:build amd64\n\npackage p\n").is_err());
    // CRLF line endings.
    assert_eq!(ok("//go:build windows\r\n\r\npackage p\r\n"), Ok(false));
}
