#!/usr/bin/env python3
"""Compares the machine code of GOROOT's assembly functions in an rgo-built and a gc-built
executable of the same program (docs/asm.md, "The assembler against gc").

usage: scripts/asm-elf-diff.py PROGRAM.go        (builds it with gc and rgo in a temp dir)
       scripts/asm-elf-diff.py GC_BINARY RGO_BINARY

Functions are found through the ELF symbol tables (`nm -S`): every `pkg.f.abi0` symbol (the
assembly of a function Go code calls) and every other text symbol that both binaries define
and that rgo took from a `.s` file (its `pkg/file.s.o` object has no Go line table, so the
symbol list is the rgo binary's `.abi0` symbols plus the assembly-only helpers such as
nistec's `p256MulInternal`, found as symbols absent from rgo's Go packages). Each function is
disassembled with objdump from both binaries and compared instruction by instruction:

* identical bytes: equal;
* same mnemonic, bytes differ only where the instruction refers to another symbol (a
  RIP-relative operand, or a call/jump whose target lies outside the function): a relocation
  target, which differs because the two linkers lay out the binary differently;
* gc's stack-growth check (a function without NOSPLIT: `mov %fs:..,%r14` / `cmp 0x10(%r14),
  %rsp` / `jbe`, and the `call runtime.morestack_noctxt` / `jmp` tail) missing from rgo's
  function, when the rest compares as above, is reported as "prologue" (rgo emits the check
  too since it keeps g at -8(FS); the kind remains for binaries of older rgo versions);
* anything else is a difference, printed with both instructions.

Exit status 1 if any function has a difference of the last kind.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

GOROOT = os.environ.get(
    "GOROOT", "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/go"
)
HERE = os.path.dirname(os.path.abspath(__file__))
RGO = os.environ.get("RGO", os.path.join(HERE, "..", "target", "release", "rgo"))


def symbols(binary):
    """name -> (address, size) of the defined text symbols."""
    out = subprocess.run(
        ["nm", "-S", "--defined-only", binary], capture_output=True, text=True, check=True
    ).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split(maxsplit=3)
        if len(parts) == 4 and parts[2] in "tT":
            syms[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
    return syms


INSN = re.compile(r"^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)$")


def disasm(binary, addr, size):
    """[(address, bytes, text)] of the function, objdump's instruction boundaries."""
    out = subprocess.run(
        [
            "objdump",
            "-d",
            "-w",
            "-z",
            f"--start-address={addr}",
            f"--stop-address={addr + size}",
            binary,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    insns = []
    for line in out.splitlines():
        m = INSN.match(line)
        if m:
            text = re.sub(r"\s+", " ", m.group(3)).strip()
            insns.append((int(m.group(1), 16), bytes.fromhex(m.group(2)), text))
    return insns


def mnemonic(text):
    return text.split(" ", 1)[0] if text else ""


def branch_target(text):
    m = re.match(r"^(?:call|jmp|j[a-z]+)\s+([0-9a-f]+)", text)
    return int(m.group(1), 16) if m else None


def is_reloc_difference(a, b, ga, gsize, ra, rsize):
    """Whether two instructions differ only in a reference to another symbol."""
    (gaddr, gbytes, gtext), (raddr, rbytes, rtext) = a, b
    if mnemonic(gtext) != mnemonic(rtext) or len(gbytes) != len(rbytes):
        return False
    if "(%rip)" in gtext and "(%rip)" in rtext:
        # The 4-byte displacement precedes any immediate; allow the whole tail to differ
        # by at most 4 bytes (the displacement).
        diff = [i for i in range(len(gbytes)) if gbytes[i] != rbytes[i]]
        return max(diff) - min(diff) < 4
    gt, rt = branch_target(gtext), branch_target(rtext)
    if gt is not None and rt is not None:
        outside_g = not (ga <= gt < ga + gsize)
        outside_r = not (ra <= rt < ra + rsize)
        return outside_g and outside_r
    return False


def strip_prologue(g):
    """gc's stack-growth check removed from gc's instructions: (rest, found). The check is
    `mov %fs:-8,%r14` (g), then `cmp 0x10(%r14),%rsp` (or, for frames over a page's
    worth, `lea -N(%rsp),%r12; cmp 0x10(%r14),%r12`), `jbe` to the tail
    `call runtime.morestack_noctxt; jmp entry`."""
    if not (g and g[0][2].startswith("mov %fs:") and g[0][2].endswith("%r14")):
        return g, False
    i = 1
    if i < len(g) and g[i][2].startswith("lea ") and g[i][2].endswith("(%rsp),%r12"):
        i += 1
    if not (i + 1 < len(g) and g[i][2].startswith("cmp 0x10(%r14),")):
        return g, False
    if mnemonic(g[i + 1][2]) not in ("jbe", "jna"):
        return g, False
    rest = g[i + 2 :]
    for j in range(len(rest) - 1, -1, -1):
        if "morestack" in rest[j][2]:
            return rest[:j], True
    return rest, True


def compare(gc_bin, rgo_bin):
    gsyms, rsyms = symbols(gc_bin), symbols(rgo_bin)
    names = sorted(n for n in rsyms if n.endswith(".abi0") and n in gsyms)
    # Assembly helpers without a package (nistec's p256MulInternal, ...) or `<>`-local: the
    # rgo symbols that look like neither Go nor Rust and that gc also has.
    names += sorted(
        n
        for n in rsyms
        if "." not in n and "/" not in n and n in gsyms and not n.startswith("_")
        and n not in ("memcpy", "memset", "memmove", "memcmp", "bcmp")
    )
    bad = 0
    counts = {"identical": 0, "relocations only": 0, "prologue": 0, "different": 0}
    for n in names:
        (ga, gsize), (ra, rsize) = gsyms[n], rsyms[n]
        g, r = disasm(gc_bin, ga, gsize), disasm(rgo_bin, ra, rsize)
        # gc pads functions with int3 / zero bytes up to the next symbol; rgo too.
        g = [i for i in g if i[2] not in ("int3", "(bad)")]
        r = [i for i in r if i[2] not in ("int3", "(bad)")]
        # rgo emits gc's check too; an rgo binary without it (older rgo) still compares.
        g2, prologue = strip_prologue(g)
        if prologue and len(g2) == len(r):
            g = g2
        else:
            prologue = False
        kind = "identical"
        notes = []
        if len(g) != len(r):
            kind = "different"
            notes.append(f"{len(g)} instructions in gc, {len(r)} in rgo")
        else:
            for a, b in zip(g, r):
                if a[1] == b[1]:
                    continue
                if is_reloc_difference(a, b, ga, gsize, ra, rsize):
                    if kind == "identical":
                        kind = "relocations only"
                    continue
                kind = "different"
                notes.append(f"gc  {a[1].hex()} {a[2]}\n      rgo {b[1].hex()} {b[2]}")
        if prologue and kind != "different":
            kind = "prologue"
        counts[kind] += 1
        print(f"{kind:17} {n}")
        for x in notes[:5]:
            print(f"      {x}")
        if kind == "different":
            bad += 1
    print("summary: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return bad


def build(prog):
    d = tempfile.mkdtemp(prefix="asm-elf-diff-")
    shutil.copy(prog, os.path.join(d, "main.go"))
    env = dict(os.environ, GOROOT=GOROOT, GO111MODULE="on", GOFLAGS="-mod=mod")
    with open(os.path.join(d, "go.mod"), "w") as f:
        f.write("module m\n\ngo 1.24\n")
    go = os.path.join(GOROOT, "bin", "go")
    subprocess.run([go, "build", "-o", "gc.bin", "."], cwd=d, env=env, check=True)
    subprocess.run([RGO, "build", "-o", "rgo.bin", "."], cwd=d, env=env, check=True)
    return os.path.join(d, "gc.bin"), os.path.join(d, "rgo.bin")


def main():
    args = sys.argv[1:]
    if len(args) == 1:
        gc_bin, rgo_bin = build(args[0])
    elif len(args) == 2:
        gc_bin, rgo_bin = args
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if compare(gc_bin, rgo_bin) else 0


if __name__ == "__main__":
    sys.exit(main())
