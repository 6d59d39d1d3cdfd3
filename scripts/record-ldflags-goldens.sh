#!/usr/bin/env bash
# Records gc's output for the cases of tests/ldflags/cases.txt: for each case NAME, the
# program tests/ldflags/main.go is built with `go build -ldflags=VALUE` and, when that
# succeeds, run; golden/NAME.stdout, .stderr and .exit get the build's stderr and status when
# it fails, else the program's output and status. tests/tests/ldflags.rs does the same with
# `rgo build` and compares.
#
# Usage: scripts/record-ldflags-goldens.sh [NAME ...]   (default: every case)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"
dir="$ROOT/tests/ldflags"
mkdir -p "$dir/golden"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$dir/main.go" "$work/main.go"
while IFS=$'\t' read -r name value; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  g="$dir/golden/$name"
  rm -f "$work/prog"
  set +e
  ( cd "$work" && "$go_bin" build -ldflags="$value" -o prog main.go ) > "$g.stdout" 2> "$g.stderr"
  code=$?
  if [ "$code" -eq 0 ]; then
    ( cd "$work" && ./prog ) > "$g.stdout" 2> "$g.stderr"
    code=$?
  fi
  set -e
  echo "$code" > "$g.exit"
  echo "$name: exit $code, $(wc -l < "$g.stdout") lines"
done < "$dir/cases.txt"
