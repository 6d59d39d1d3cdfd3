#!/usr/bin/env python3
"""Runs the standard library's own tests with gc and with rgo, and writes a results table.

For each package, `go test -short -count=1 PKG` (the pinned gc) and `rgo test -short PKG` run
one after the other, each under a time limit, and the table gets one row: the package, gc's
result, rgo's result and, when rgo's run failed, the first failing test (or `build failed`,
`timeout`, `panic`, ...). The totals count the packages gc passes and how many of those rgo
passes too: the issue's measure (`rgo test -short` over every std package `go test -short`
passes).

Usage:
  scripts/std-test-table.py [-o docs/std-tests.md] [--timeout 300] [--rgo PATH] [PKG ...]

Without packages, every package of `go list std` is run (except cmd, and the packages that
are only assembly or only documentation, which `go list` already leaves out of std patterns).
`--from FILE` reads package names, one a line, instead. Results print as they come; the table
is written at the end (Markdown).
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pinned_go():
    if os.environ.get("GO"):
        return os.environ["GO"]
    goroot = subprocess.run(
        [os.path.join(ROOT, "scripts", "install-go.sh")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return os.path.join(goroot, "bin", "go")


def run(cmd, timeout, env):
    """(exit status or None on timeout, combined output, seconds).

    The command runs in its own process group, and a timeout kills the whole group: `go test`
    and `rgo test` run the test binary as a child, which would otherwise outlive them and load
    the machine for the packages after it."""
    t0 = time.time()
    p = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out.decode("utf-8", "replace"), time.time() - t0
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = p.communicate()
        return None, (out or b"").decode("utf-8", "replace"), time.time() - t0


FAIL_RE = re.compile(r"^\s*--- FAIL: (\S+)", re.M)


def classify(status, out):
    """ok, no tests, FAIL (first failing test), build failed, timeout, panic."""
    if status is None:
        return "timeout", ""
    if "[no test files]" in out and status == 0:
        return "no tests", ""
    if status == 0:
        return "ok", ""
    if "[build failed]" in out or "[setup failed]" in out:
        # The first compiler message says why.
        for line in out.splitlines():
            if line.startswith("#") or line.startswith("FAIL") or not line.strip():
                continue
            return "build failed", line.strip()[:120]
        return "build failed", ""
    m = FAIL_RE.search(out)
    if m:
        return "FAIL", m.group(1)
    for line in out.splitlines():
        if line.startswith("panic:") or line.startswith("fatal error:"):
            return "FAIL", line.strip()[:120]
    return "FAIL", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "docs", "std-tests.md"))
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--rgo", default=os.path.join(ROOT, "target", "release", "rgo"))
    ap.add_argument("--from", dest="from_file")
    ap.add_argument("--no-gc", action="store_true", help="skip gc's runs (its column says -)")
    ap.add_argument("packages", nargs="*")
    args = ap.parse_args()

    go = pinned_go()
    env = dict(os.environ)
    env.update(GOTOOLCHAIN="local", GOFLAGS="", GO111MODULE="on", CGO_ENABLED="0")
    pkgs = list(args.packages)
    if args.from_file:
        with open(args.from_file) as f:
            pkgs += [l.strip() for l in f if l.strip() and not l.startswith("#")]
    if not pkgs:
        out = subprocess.run([go, "list", "std"], check=True, capture_output=True, text=True, env=env)
        pkgs = [p for p in out.stdout.split() if not p.startswith("cmd/")]

    rows = []
    for pkg in pkgs:
        if args.no_gc:
            gc = ("-", "")
        else:
            status, out, _ = run([go, "test", "-short", "-count=1", pkg], args.timeout, env)
            gc = classify(status, out)
        status, out, secs = run([args.rgo, "test", "-short", pkg], args.timeout, env)
        rg = classify(status, out)
        rows.append((pkg, gc, rg, secs))
        print(f"{pkg}\tgc: {gc[0]}\trgo: {rg[0]}\t{rg[1]}\t({secs:.0f}s)", flush=True)

    gc_ok = [r for r in rows if r[1][0] == "ok"]
    both_ok = [r for r in gc_ok if r[2][0] == "ok"]
    rgo_ok = [r for r in rows if r[2][0] == "ok"]
    with open(args.output, "w") as f:
        f.write("# The standard library's tests under rgo\n\n")
        f.write(
            "Generated by `scripts/std-test-table.py` (`go test -short -count=1` with gc 1.27.3 "
            "and `rgo test -short`, per package, on this machine). Do not edit by hand.\n\n"
        )
        if args.from_file or args.packages:
            source = f"`{os.path.relpath(args.from_file, ROOT)}`" if args.from_file else "the command line"
            f.write(f"Packages: the {len(rows)} listed in {source}.\n\n")
        else:
            f.write(f"Packages: all {len(rows)} of `go list std` (without cmd).\n\n")
        f.write(
            f"**{len(both_ok)} of the {len(gc_ok)} packages gc passes also pass with rgo** "
            f"({len(rgo_ok)} of {len(rows)} packages run pass with rgo).\n\n"
        )
        f.write("| package | gc | rgo | first failure (rgo) |\n|---|---|---|---|\n")
        for pkg, gc, rg, _ in rows:
            why = rg[1].replace("|", "\\|")
            f.write(f"| {pkg} | {gc[0]} | {rg[0]} | {why} |\n")
    print(
        f"{len(both_ok)} of {len(gc_ok)} packages gc passes pass with rgo; "
        f"{len(rgo_ok)} of {len(rows)} rgo passes; table in {args.output}"
    )


if __name__ == "__main__":
    sys.exit(main())
