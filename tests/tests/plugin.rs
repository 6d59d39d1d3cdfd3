//! Plugins (`rgo build -buildmode=plugin`, package plugin; docs/plugin.md). The module
//! tests/plugins holds a host, two plugins and a package `shared` that all three import. rgo
//! builds them into one temporary directory and the host's runs are compared with goldens
//! recorded from gc (scripts/record-plugin-goldens.sh, which needs cgo: gc's plugins use
//! dlopen). Test numbers 920-939.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use tests::{
    TempDir, TracePaths, diff_snippet, locate_rgo, program_command_stressed, run_with_timeout,
    stderr_diff, workspace_root,
};

const BUILD_TIMEOUT: Duration = Duration::from_secs(600);

fn fixture() -> PathBuf {
    workspace_root().join("tests/plugins")
}

fn rgo() -> PathBuf {
    locate_rgo().unwrap_or_else(|e| panic!("{e}"))
}

/// `rgo build ARGS` in `dir`; panics with rgo's output on failure.
fn build(dir: &Path, args: &[&str]) {
    let mut cmd = Command::new(rgo());
    cmd.arg("build").args(args).current_dir(dir);
    let out = run_with_timeout(&mut cmd, BUILD_TIMEOUT).expect("run rgo build");
    assert!(
        !out.timed_out && out.status.success(),
        "rgo build {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The host and both plugins, built once for all tests (and p1 again from a copy of the module
/// whose package shared changed, in `changed/`).
fn built() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = TempDir::new("plugins").expect("temp dir");
        let out = tmp.path();
        let src = fixture();
        for p in ["p1", "p2"] {
            let so = out.join(format!("{p}.so"));
            build(
                &src,
                &["-buildmode=plugin", "-o", so.to_str().unwrap(), &format!("./{p}")],
            );
        }
        let host = out.join("host");
        build(&src, &["-o", host.to_str().unwrap(), "./host"]);

        // The same module with one function added to package shared.
        let copy = out.join("src");
        copy_dir(&src, &copy);
        let shared = copy.join("shared/shared.go");
        let mut text = std::fs::read_to_string(&shared).expect("read shared.go");
        text.push_str(
            "\n// Version tells which version of the package this is.\nfunc Version() int { return 2 }\n",
        );
        std::fs::write(&shared, text).expect("write shared.go");
        std::fs::create_dir_all(out.join("changed")).expect("mkdir changed");
        let so = out.join("changed/p1.so");
        build(
            &copy,
            &["-buildmode=plugin", "-o", so.to_str().unwrap(), "./p1"],
        );
        tmp
    })
    .path()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("dir entry");
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

/// Runs the host with `args` and compares with the goldens `name.{stdout,stderr,exit}`:
/// stdout exactly (the build directory spelled `/plugins`), stderr as the e2e harness does
/// (tracebacks frame by frame, the fixture's directory spelled as gc's -trimpath does).
fn check_run(name: &str, args: &[&str]) {
    let dir = built();
    let mut cmd = program_command_stressed(&dir.join("host"), dir, None);
    cmd.args(args);
    let out = run_with_timeout(&mut cmd, Duration::from_secs(20)).expect("run host");
    assert!(!out.timed_out, "host {args:?} timed out");
    let golden = fixture().join("golden");
    let read = |ext: &str| std::fs::read(golden.join(format!("{name}.{ext}"))).expect("golden");
    let dir_s = dir.to_string_lossy().into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&dir_s, "/plugins");
    if let Some(d) = diff_snippet(&read("stdout"), stdout.as_bytes()) {
        panic!("{name}: stdout differs from gc's:\n{d}");
    }
    let fixture_s = fixture().to_string_lossy().into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&fixture_s, "rgo.test/plugins");
    if let Some(d) = stderr_diff(&read("stderr"), stderr.as_bytes(), &TracePaths::default()) {
        panic!("{name}: stderr differs from gc's:\n{d}");
    }
    let want: i32 = String::from_utf8_lossy(&read("exit"))
        .trim()
        .parse()
        .expect("exit golden");
    assert_eq!(out.status.code(), Some(want), "{name}: exit status");
}

/// 920: a host and two plugins: Lookup of functions and variables, values made in a plugin
/// asserted to a host interface and a shared struct type (one descriptor, one itab), a
/// missing symbol, the same path opened twice (same *Plugin, inits run once), a missing file,
/// a recovered panic from a plugin.
#[test]
fn plugin_920_host_and_two_plugins() {
    let dir = built().to_string_lossy().into_owned();
    check_run("run", &[&dir]);
}

/// 921: an unrecovered panic in a plugin, with its traceback through plugin and host frames.
#[test]
fn plugin_921_panic_traceback() {
    let dir = built().to_string_lossy().into_owned();
    check_run("panic", &[&dir, "panic"]);
}

/// 922: a plugin built against another version of a package the host has is refused with
/// gc's message.
#[test]
fn plugin_922_changed_package_refused() {
    let dir = built().join("changed").to_string_lossy().into_owned();
    check_run("changed", &[&dir]);
}

/// 923: `rgo inspect --plugin` shows the plugin's pluginpath, ptab (names and types) and the
/// package hashes of the module's own packages (std's change with GOROOT and rgo's runtime
/// overlay, so they are left out of the snapshot, but counted).
#[test]
fn plugin_923_inspect() {
    let so = built().join("p1.so");
    let out = Command::new(rgo())
        .args(["inspect", "--plugin"])
        .arg(&so)
        .output()
        .expect("run rgo inspect");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut kept = Vec::new();
    let mut std_hashes = 0;
    for line in text.lines() {
        if line.starts_with("  ")
            && line.contains(" runtimehash ")
            && !line.trim_start().starts_with("rgo.test/")
        {
            std_hashes += 1;
            continue;
        }
        kept.push(line.to_string());
    }
    assert!(std_hashes > 10, "expected std package hashes:\n{text}");
    // The addresses of the runtimehash symbols depend on the layout.
    let kept: Vec<String> = kept
        .into_iter()
        .map(|l| match l.find(" runtimehash ") {
            Some(i) => {
                let sym = l.rfind('<').map_or("", |j| &l[j..]);
                format!("{} runtimehash {sym}", &l[..i])
            }
            None => l,
        })
        .collect();
    insta::assert_snapshot!("plugin_923_inspect", kept.join("\n"));
}
