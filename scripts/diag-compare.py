#!/usr/bin/env python3
"""Differential test of diagnostics: generates random invalid Go programs and compares rgo's
compiler errors with gc's (the pinned go1.27.3, `go build` in the program's directory, as
scripts/record-error-goldens.sh records them).

Usage: scripts/diag-compare.py [-n COUNT] [--seed S] [--keep DIR] [--rgo PATH]

Each program is `package main` with a few functions whose bodies mix valid statements with
invalid ones drawn from a table of error kinds (type mismatches, undefined names, unused
variables and imports, bad calls, constant overflow, shifts, conversions, generic inference,
long lines, ...), so that orders, the 10-error limit and long lines are exercised. The script
prints every program whose diagnostics differ (with a diff) and the match rate; with --keep the
differing programs are copied to DIR.
"""

import argparse
import difflib
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_go():
    out = subprocess.run(
        ["bash", "-c", f"ROOT='{ROOT}'; . \"$ROOT/scripts/pinned-go.sh\" >/dev/null && echo \"$go_bin\""],
        capture_output=True,
        text=True,
    )
    go = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    if not go or not os.path.exists(go):
        sys.exit("diag-compare.py: pinned gc not found (run scripts/install-go.sh)")
    return go


# Statement generators: each returns (lines, is_error). `v` is a fresh-name supplier.
def s_undefined(r, v):
    return [f"println({v('u')}Undefined)"], True


def s_unused(r, v):
    n = v("x")
    return [f"{n} := {r.randint(0, 99)}"], True


def s_used(r, v):
    n = v("y")
    return [f"{n} := {r.randint(0, 99)}", f"println({n})"], False


def s_mismatch(r, v):
    n = v("m")
    t, val = r.choice([("int", '"s"'), ("string", "1"), ("bool", "0"), ("float64", '"f"')])
    return [f"var {n} {t} = {val}", f"_ = {n}"], True


def s_overflow(r, v):
    n = v("o")
    t, val = r.choice([("int8", "300"), ("uint8", "-1"), ("uint16", "70000"), ("int32", "1 << 40")])
    return [f"var {n} {t} = {val}", f"_ = {n}"], True


def s_shift(r, v):
    n = v("s")
    t, val = r.choice([("uint64", "-1"), ("uint8", "300"), ("int8", "200")])
    return [f"var {n}c uint = 2", f"{n} := {t}({val} << {n}c)", f"_ = {n}"], True


def s_binop(r, v):
    n = v("b")
    return [f"{n} := 1 + \"a\"", f"_ = {n}"], True


def s_mixed(r, v):
    a, b = v("p"), v("q")
    return [f"var {a} int = 1", f"var {b} int64 = 2", f"println({a} + {b})"], True


def s_call_count(r, v):
    return [r.choice(["two(1)", "two(1, 2, 3)", "_ = two()"])], True


def s_call_nonfunc(r, v):
    n = v("c")
    return [f"{n} := 3", f"{n}()"], True


def s_assign_count(r, v):
    a, b = v("a"), v("a")
    return [f"{a}, {b} := 1", f"_, _ = {a}, {b}"], True


def s_return_value(r, v):
    return ["return 1"], True


def s_convert(r, v):
    n = v("k")
    e = r.choice(["int(\"x\")", "string(1.5)", "int8(1000)", "uint(-1.5)", "float32(\"z\")"])
    return [f"{n} := {e}", f"_ = {n}"], True


def s_generic(r, v):
    e = r.choice(["clampf(1, 2, \"s\")", f"clampf({v('g')}Missing, 1, 2)", "clampf[int](1, 2, 3)"])
    return [f"_ = {e}"], True


def s_long_sum(r, v):
    n = v("l")
    k = r.randint(20, 120)
    return [f"var {n} string = " + " + ".join(["1"] * k), f"_ = {n}"], True


def s_long_line(r, v):
    n = v("w")
    return [f"var {n} int8 = " + " " * r.randint(200, 300) + "300", f"_ = {n}"], True


def s_method(r, v):
    n = v("t")
    return [f"var {n} T", f"{n}.Missing()"], True


def s_field(r, v):
    n = v("f")
    return [f"var {n} T", f"println({n}.nofield)"], True


def s_iface(r, v):
    n = v("i")
    return [f"var {n} I = T{{}}", f"_ = {n}"], True


def s_dup_case(r, v):
    n = v("d")
    return [f"{n} := 1", f"switch {n} {{", "case 1:", "case 1:", "}"], True


def s_if_nonbool(r, v):
    return ["if 1 {", "}"], True


def s_range(r, v):
    n = v("r")
    return [f"for {n} := range 3.5 {{", f"_ = {n}", "}"], True


def s_valid_loop(r, v):
    n = v("z")
    return [f"for {n} := 0; {n} < 3; {n}++ {{", f"println({n})", "}"], False


def s_redeclared(r, v):
    n = v("e")
    return [f"{n} := 1", f"var {n} int", f"_ = {n}"], True


def s_struct_lit(r, v):
    n = v("h")
    return [f"{n} := T{{y: 1}}", f"_ = {n}"], True


def s_map_key(r, v):
    n = v("mk")
    return [f"{n} := map[string]int{{1: 2}}", f"_ = {n}"], True


def s_string_assign(r, v):
    n = v("st")
    return [f"{n} := \"abc\"", f"{n}[0] = 'x'"], True


def s_nil_use(r, v):
    return ["_ = nil + 1"], True


def s_untyped_nil(r, v):
    n = v("nl")
    return [f"{n} := nil", f"_ = {n}"], True


def s_deref(r, v):
    n = v("dr")
    return [f"{n} := 1", f"println(*{n})"], True


def s_closure(r, v):
    n = v("fn")
    return [f"{n} := func() int {{", "\tx := 1", "\treturn \"s\"", "}", f"_ = {n}"], True


STMTS = [
    s_redeclared, s_struct_lit, s_map_key, s_string_assign, s_nil_use, s_untyped_nil, s_deref,
    s_closure,
    s_undefined, s_unused, s_used, s_mismatch, s_overflow, s_shift, s_binop, s_mixed,
    s_call_count, s_call_nonfunc, s_assign_count, s_return_value, s_convert, s_generic,
    s_long_sum, s_long_line, s_method, s_field, s_iface, s_dup_case, s_if_nonbool, s_range,
    s_valid_loop,
]

PRELUDE = """package main

import "unsafe"

type T struct{ x int }

func (T) M() {}

type I interface{ N() }

func two(a, b int) int { return a + b }

func clampf[F ~float32 | ~float64](x, lo, hi F) F {
	if x < lo {
		return lo
	}
	return x
}
"""


def program(r):
    counter = [0]

    def v(prefix):
        counter[0] += 1
        return f"{prefix}{counter[0]}"

    out = [PRELUDE]
    if r.random() < 0.5:
        out.append("var _ = unsafe.Sizeof(0)\n")
    nfuncs = r.randint(1, 4)
    nerr = 0
    for fi in range(nfuncs):
        name = "main" if fi == nfuncs - 1 else f"f{fi}"
        out.append(f"func {name}() {{")
        for _ in range(r.randint(1, 8)):
            lines, err = r.choice(STMTS)(r, v)
            nerr += err
            out.extend("\t" + ln for ln in lines)
        out.append("}\n")
    if nerr == 0:
        out.insert(-1, "\tprintln(undefinedAtEnd)")
    return "\n".join(out) + "\n"


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep")
    ap.add_argument("--rgo", default=os.path.join(ROOT, "target/release/rgo"))
    args = ap.parse_args()
    go = find_go()
    env = dict(os.environ, GOFLAGS="", GO111MODULE="on", GOTOOLCHAIN="local")
    os.environ.update(env)
    r = random.Random(args.seed)
    same = 0
    with tempfile.TemporaryDirectory() as work:
        os.environ["GOCACHE"] = os.path.join(work, "cache")
        for i in range(args.n):
            src = program(r)
            d = os.path.join(work, f"p{i}")
            os.makedirs(d)
            with open(os.path.join(d, "x.go"), "w") as f:
                f.write(src)
            gc_code, gc_err = run([go, "build", "-o", os.devnull, "x.go"], d)
            rgo_code, rgo_err = run([args.rgo, "build", "-o", os.devnull, "x.go"], d)
            if gc_code == rgo_code and gc_err == rgo_err:
                same += 1
                continue
            print(f"=== program {i} (seed {args.seed}): exit gc {gc_code} rgo {rgo_code}")
            sys.stdout.writelines(
                difflib.unified_diff(
                    gc_err.splitlines(True), rgo_err.splitlines(True), "gc", "rgo"
                )
            )
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(os.path.join(d, "x.go"), os.path.join(args.keep, f"p{i}.go"))
    print(f"{same}/{args.n} programs with identical diagnostics ({100 * same / args.n:.1f}%)")


if __name__ == "__main__":
    main()
