#!/usr/bin/env python3
"""Frame sizes of rgo's code against gc's, function by function.

Usage: scripts/frame-sizes.py [-v] [PROGRAM.go ...]   (default: tests/programs/*.go)

Each program is built with gc (`go build -gcflags=-S`, whose `TEXT sym(SB), ABIInternal, $F-A`
lines give the frame size F, the saved frame pointer included) and with rgo (target/release/rgo;
the frame is read off the prologue with objdump: `push %rbp` (8 bytes) plus the largest
`sub $N,%rsp`, the probe of a large frame aside). Only functions of package main present in
both builds and given a frame by gc are compared. Prints the distribution of the ratio
rgo/gc and the totals; -v lists every function.
"""
import glob, os, re, subprocess, sys, tempfile, statistics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RGO = os.environ.get("RGO", os.path.join(ROOT, "target/release/rgo"))
GO = os.environ.get("GO", "go")

def gc_frames(src, tmp):
    out = os.path.join(tmp, "gc")
    r = subprocess.run([GO, "build", "-gcflags=-S", "-o", out, src], capture_output=True,
                       text=True, cwd=tmp, env=dict(os.environ, GO111MODULE="on"), timeout=300)
    frames = {}
    for line in r.stderr.splitlines():
        m = re.match(r'^(\S+) STEXT.* locals=(0x[0-9a-f]+)', line)
        if m and m.group(1).startswith("main."):
            locals_ = int(m.group(2), 16)
            # locals excludes the saved frame pointer, which gc adds when there is a frame.
            frames[m.group(1)] = locals_ + 8 if locals_ > 0 else 0
    return frames

def rgo_frames(src, tmp):
    out = os.path.join(tmp, "rgo")
    subprocess.run([RGO, "build", "-o", out, src], check=True, capture_output=True, timeout=300)
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", out], capture_output=True,
                         text=True, check=True).stdout
    frames, cur, n, probe = {}, None, 0, False
    for line in dis.splitlines():
        m = re.match(r'^[0-9a-f]+ <(.+)>:$', line)
        if m:
            cur, n, probe = m.group(1), 0, False
            if cur.startswith("main."):
                frames[cur] = 0
            continue
        if cur is None or not cur.startswith("main.") or n > 12:
            continue
        n += 1
        if re.search(r'\tpush\s+%rbp$', line):
            frames[cur] += 8
        if "movl   $0x0,(%rsp)" in line:
            probe = True
        m = re.search(r'\tsub\s+\$0x([0-9a-f]+),%rsp$', line)
        if m:
            frames[cur] = max(frames[cur], 8 + int(m.group(1), 16))
    return frames

def main():
    verbose = "-v" in sys.argv
    files = [a for a in sys.argv[1:] if a != "-v"] or sorted(glob.glob(os.path.join(ROOT, "tests/programs/*.go")))
    ratios, tot_r, tot_g, rows = [], 0, 0, []
    for src in files:
        src = os.path.abspath(src)
        with tempfile.TemporaryDirectory() as tmp:
            try:
                g = gc_frames(src, tmp)
                r = rgo_frames(src, tmp)
            except Exception as e:  # a program one of them cannot build
                print(f"skip {os.path.basename(src)}: {e}", file=sys.stderr)
                continue
        for name, gf in g.items():
            if gf == 0 or name not in r:
                continue
            rows.append((os.path.basename(src), name, r[name], gf))
            ratios.append(r[name] / gf)
            tot_r += r[name]
            tot_g += gf
    if not ratios:
        print("no functions compared")
        return
    ratios.sort()
    q = lambda p: ratios[min(len(ratios) - 1, int(p * len(ratios)))]
    print(f"functions: {len(ratios)}  total frame bytes rgo {tot_r} gc {tot_g} ({tot_r / tot_g:.2f}x)")
    print(f"rgo/gc ratio: min {ratios[0]:.2f} p10 {q(0.1):.2f} p25 {q(0.25):.2f} median {q(0.5):.2f} "
          f"p75 {q(0.75):.2f} p90 {q(0.9):.2f} max {ratios[-1]:.2f} geomean "
          f"{statistics.geometric_mean(ratios):.2f}")
    buckets = [(0, 0.5), (0.5, 1.0), (1.0, 1.0001), (1.0001, 1.5), (1.5, 2), (2, 4), (4, 1e9)]
    for lo, hi in buckets:
        c = sum(1 for x in ratios if lo <= x < hi)
        label = "=1" if (lo, hi) == (1.0, 1.0001) else f"[{lo:g},{hi:g})"
        print(f"  {label:>12}: {c}")
    if verbose:
        for prog, name, rf, gf in sorted(rows, key=lambda x: -x[2] / x[3]):
            print(f"{rf / gf:6.2f} {rf:6} {gf:6}  {prog} {name}")

main()
