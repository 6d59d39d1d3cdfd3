#!/usr/bin/env python3
"""Measures rgo on the `// run` files of Go's test/ directory, grouped as issue 9 counts them.

Usage: scripts/gotest-survey.py [--rgo PATH] [-j N] GO_TEST_DIR

GO_TEST_DIR is the `test/` directory of the Go repository (not part of this repository; see
DESIGN.md for where to get it). The six directories ken, top level, chan, interface, fixedbugs and
typeparam are surveyed. Every file whose action is `// run` (no arguments) is run with
`rgo testdir -v -a run`, and the results are tabulated twice: per directory, and per import class:
  none    imports nothing but unsafe
  fmt     imports only fmt (and maybe unsafe)
  common  imports only common packages (fmt, os, strings, strconv, errors, sort, math, bytes,
          unicode, sync, time, bufio, io, slices, maps, ...), at least one of them not fmt
  other   everything else
Prints the tables and the failing files grouped by class, with their first reason line.
"""
import argparse, os, re, subprocess, sys, collections

COMMON = {"fmt", "os", "strings", "strconv", "errors", "sort", "math", "bytes", "unicode",
          "unicode/utf8", "sync", "sync/atomic", "time", "bufio", "io", "slices", "maps",
          "math/rand", "math/bits", "container/list", "container/heap", "context", "iter",
          "cmp", "unicode/utf16", "math/cmplx", "io/ioutil", "path", "path/filepath", "flag",
          "log", "regexp", "encoding/binary", "hash/crc32", "runtime/debug"}
FREE = {"unsafe"}
DIRS = [("ken", "ken"), ("top", ""), ("chan", "chan"), ("interface", "interface"),
        ("fixedbugs", "fixedbugs"), ("typeparam", "typeparam")]


def action(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                s = line.strip()
                if not s or s.startswith("//go:build") or s.startswith("// +build"):
                    continue
                return s
    except OSError:
        return ""
    return ""


def imports(path):
    src = open(path, encoding="utf-8", errors="replace").read()
    out = set()
    for m in re.finditer(r'^import\s*\(([^)]*)\)', src, re.M):
        out.update(re.findall(r'"([^"]+)"', m.group(1)))
    for m in re.finditer(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', src, re.M):
        out.add(m.group(1))
    return out


def klass(imps):
    rest = imps - FREE
    if not rest:
        return "none"
    if rest == {"fmt"}:
        return "fmt"
    if rest <= COMMON:
        return "common"
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rgo", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "rgo"))
    ap.add_argument("-j", default="2")
    ap.add_argument("testdir")
    a = ap.parse_args()
    files = {}
    for name, sub in DIRS:
        d = os.path.join(a.testdir, sub)
        for f in sorted(os.listdir(d)):
            p = os.path.join(d, f)
            if f.endswith(".go") and os.path.isfile(p) and action(p) == "// run":
                files[os.path.abspath(p)] = (name, klass(imports(p)))
    r = subprocess.run([a.rgo, "testdir", "-v", "-j", a.j, "-a", "run"] + sorted(files),
                       capture_output=True, text=True)
    status = {}
    for line in r.stdout.splitlines():
        m = re.match(r'^(ok  |FAIL|skip) (\S+?)(?::\s*(.*))?$', line)
        if m:
            status[os.path.abspath(m.group(2))] = (m.group(1).strip(), (m.group(3) or "").strip())
    by_dir = collections.defaultdict(lambda: [0, 0, 0])
    by_class = collections.defaultdict(lambda: [0, 0, 0])
    fails = collections.defaultdict(list)
    for p, (d, c) in files.items():
        st, why = status.get(p, ("FAIL", "no result"))
        i = {"ok": 0, "FAIL": 1, "skip": 2}[st]
        by_dir[d][i] += 1
        by_class[c][i] += 1
        if st == "FAIL":
            fails[c].append((os.path.relpath(p, a.testdir), why[:150]))
    print("| directory | run passed | failed | skipped |")
    print("|---|---|---|---|")
    tot = [0, 0, 0]
    for name, _ in DIRS:
        v = by_dir[name]
        tot = [x + y for x, y in zip(tot, v)]
        print(f"| {name} | {v[0]} | {v[1]} | {v[2]} |")
    print(f"| total | {tot[0]} | {tot[1]} | {tot[2]} |")
    print()
    print("| imports | passed / total (skipped) |")
    print("|---|---|")
    for c in ["none", "fmt", "common", "other"]:
        v = by_class[c]
        print(f"| {c} | {v[0]} / {v[0] + v[1]} ({v[2]}) |")
    for c in ["none", "fmt", "common", "other"]:
        print(f"\n## failing, {c}")
        for p, why in sorted(fails[c]):
            print(f"{p}: {why}")


if __name__ == "__main__":
    main()
