#!/usr/bin/env bash
# Records gc's escape-analysis decisions for the programs in tests/escape (and for programs of
# tests/programs named explicitly; their P.m next to them opts them in): for each P.go,
# P.m holds the stderr of `go build -gcflags='-m -l' P.go` (gc 1.27.3, inlining off: rgo has no
# inliner), run in a temp dir holding only P.go so positions print as ./P.go:L:C.
#
# Usage: scripts/record-escape-goldens.sh [tests/escape/P.go ...]   (default: all)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"
if [ "$#" -eq 0 ]; then set -- "$ROOT"/tests/escape/*.go; fi
for src in "$@"; do
  name="$(basename "$src" .go)"
  dir="$(mktemp -d)"
  cp "$src" "$dir/"
  ( cd "$dir" && "$go_bin" build -gcflags='-m -l' -o prog "$name.go" 2> m.txt ) || {
    echo "$name: go build failed" >&2; cat "$dir/m.txt" >&2; rm -rf "$dir"; exit 1; }
  cp "$dir/m.txt" "$(dirname "$src")/$name.m"
  rm -rf "$dir"
  echo "$name: $(grep -c . "$(dirname "$src")/$name.m") lines"
done
