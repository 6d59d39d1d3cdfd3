#!/usr/bin/env bash
# Builds tests/programs/800_math_asm_random.go with gc and with rgo and compares the result
# bits of math's functions over N pseudo-random inputs per function (default 1,000,000).
# On a difference it dumps every result of both and counts the differing inputs per
# function. Both run on this machine, so exp_amd64.s takes the same FMA decision in both.
#
# Usage: scripts/asm-math-diff.sh [N]   (RGO=path/to/rgo to pick the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"
N="${1:-1000000}"
RGO="${RGO:-$ROOT/target/release/rgo}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp "$ROOT/tests/programs/800_math_asm_random.go" "$TMP/main.go"
(cd "$TMP" && GO111MODULE=on "$go_bin" build -trimpath -o gc.bin main.go)
"$RGO" build -o "$TMP/rgo.bin" "$TMP/main.go"
"$TMP/gc.bin" "$N" > "$TMP/gc.txt"
"$TMP/rgo.bin" "$N" > "$TMP/rgo.txt"
if cmp -s "$TMP/gc.txt" "$TMP/rgo.txt"; then
    echo "identical: $(wc -l < "$TMP/gc.txt") functions x $N inputs"
    cat "$TMP/gc.txt"
    exit 0
fi
echo "DIFFERENT summaries:"
diff "$TMP/gc.txt" "$TMP/rgo.txt" || true
"$TMP/gc.bin" "$N" dump > "$TMP/gc.dump"
"$TMP/rgo.bin" "$N" dump > "$TMP/rgo.dump"
paste -d' ' "$TMP/gc.dump" "$TMP/rgo.dump" |
    awk '$1 == $4 && $3 != $6 { bad[$1]++ } END { for (f in bad) printf "%s: %d of '"$N"' inputs differ\n", f, bad[f] }'
exit 1
