//! A gdb session on an rgo-built end-to-end program (tests/programs/780_debug_frames.go): the
//! DWARF the linker writes (linker/src/dwarf.rs) must let gdb break in a function, show every
//! frame of `bt` with its file:line, and print parameters of five kinds (int, string, slice,
//! struct, pointer) with the values gdb shows for gc's build of the same program. Skipped, with
//! a message, when gdb is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{TempDir, locate_rgo, programs_dir};

fn have_gdb() -> bool {
    Command::new("gdb")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `gdb -batch` on `exe` with `commands`; returns its standard output.
fn gdb(exe: &Path, commands: &[&str]) -> String {
    let mut cmd = Command::new("timeout");
    cmd.args(["120", "gdb", "-nx", "-q", "-batch"]);
    cmd.args(["-ex", "set pagination off", "-ex", "set auto-load no"]);
    for c in commands {
        cmd.args(["-ex", c]);
    }
    let out = cmd.arg(exe).output().expect("run gdb");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn build(rgo: &Path, src: &Path, dir: &Path) -> PathBuf {
    let exe = dir.join("prog");
    let out = Command::new(rgo)
        .arg("build")
        .arg("-o")
        .arg(&exe)
        .arg(src)
        .output()
        .expect("run rgo");
    assert!(
        out.status.success(),
        "rgo build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

#[test]
fn backtrace_and_parameters() {
    if !have_gdb() {
        eprintln!("gdb is not installed: skipping the debugger session test");
        return;
    }
    let rgo = locate_rgo().expect("rgo");
    let src = programs_dir().join("780_debug_frames.go");
    let tmp = TempDir::new("gdb").expect("temp dir");
    let exe = build(&rgo, &src, tmp.path());
    let out = gdb(
        &exe,
        &[
            "break main.leaf",
            "run",
            "bt",
            "print n",
            "print s",
            "print xs",
            "print p",
            "print *q",
        ],
    );
    let file = src.to_string_lossy();
    // Every frame of the backtrace with its function and file:line, as gdb shows gc's build
    // (gc's lines: the breakpoint after leaf's prologue is on line 12 for rgo, 11 for gc, which
    // stops at the entry; the callers' lines are the calls').
    let frames: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(frames.len(), 3, "bt:\n{out}");
    for (frame, (func, line)) in
        frames
            .iter()
            .zip([("main.leaf", 12), ("main.middle", 19), ("main.main", 23)])
    {
        assert!(
            frame.contains(&format!(" {func} (")) && frame.ends_with(&format!(" at {file}:{line}")),
            "frame {frame:?} should be {func} at {file}:{line}\n{out}"
        );
    }
    // The values gdb prints for gc's build (addresses masked).
    let values: Vec<String> = out
        .lines()
        .filter(|l| l.starts_with('$'))
        .map(mask_addresses)
        .collect();
    assert_eq!(
        values,
        [
            "$1 = 7",
            "$2 = ADDR \"hello\"",
            "$3 = {array = ADDR, len = 3, cap = 3}",
            "$4 = {X = 3, Y = 4}",
            "$5 = {X = 5, Y = 6}",
        ],
        "gdb output:\n{out}"
    );
}

/// Replaces every `0x…` number by `ADDR`.
fn mask_addresses(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("ADDR");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// Locals of seven kinds in `main.work` of tests/programs/990_debug_locals.go, printed on the
/// line after a call (`break FILE:LINE`), with the values gdb shows for gc's
/// `-gcflags=all='-N -l'` build. gc's default (optimised) build shows count, name and pt the
/// same, but xs with a wrong len and cap, no q or m ("No symbol") and e `<optimized out>`
/// (docs/debugging.md).
#[test]
fn locals() {
    if !have_gdb() {
        eprintln!("gdb is not installed: skipping the debugger session test");
        return;
    }
    let rgo = locate_rgo().expect("rgo");
    let src = programs_dir().join("990_debug_locals.go");
    let text = std::fs::read_to_string(&src).expect("read the program");
    let line = 1 + text
        .lines()
        .position(|l| l.contains("r := use("))
        .expect("the call line");
    let tmp = TempDir::new("gdb-locals").expect("temp dir");
    let exe = build(&rgo, &src, tmp.path());
    let file = src.to_string_lossy();
    let brk = format!("break {file}:{line}");
    let out = gdb(
        &exe,
        &[
            &brk,
            "run",
            "bt",
            "print count",
            "print name",
            "print xs",
            "print pt",
            "print q",
            "print *q",
            "print m",
            "print e",
            "finish",
        ],
    );
    let frames: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(frames.len(), 2, "bt:\n{out}");
    for (frame, (func, line)) in frames.iter().zip([("main.work", line), ("main.main", 39)]) {
        assert!(
            frame.contains(&format!(" {func} (")) && frame.ends_with(&format!(" at {file}:{line}")),
            "frame {frame:?} should be {func} at {file}:{line}\n{out}"
        );
    }
    let values: Vec<String> = out
        .lines()
        .filter(|l| l.starts_with('$'))
        .map(mask_addresses)
        .collect();
    assert_eq!(
        values,
        [
            "$1 = 6",
            "$2 = ADDR \"gophe\"",
            "$3 = {array = ADDR, len = 2, cap = 4}",
            "$4 = {X = 2, Y = 6}",
            "$5 = (main.Point *) ADDR",
            "$6 = {X = 5, Y = 6}",
            "$7 = (map[string]int) ADDR",
            "$8 = {_type = ADDR, data = ADDR}",
        ],
        "gdb output:\n{out}"
    );
    // `finish` returns to the caller's line.
    assert!(
        out.lines()
            .any(|l| l.contains(" in main.main () at ") && l.ends_with(":39")),
        "finish:\n{out}"
    );
}
