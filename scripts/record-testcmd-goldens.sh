#!/usr/bin/env bash
# Records gc's `go test` output for the cases of tests/testcmd/cases.txt (a small module with
# its own packages, in-package and external tests, examples, TestMain, failures): for each
# case NAME, golden/NAME.stdout, .stderr and .exit, as gc 1.27.3 prints them in tests/testcmd.
# tests/tests/test_cmd.rs runs `rgo test` with the same arguments and compares, timings
# normalised.
#
# Usage: scripts/record-testcmd-goldens.sh [NAME ...]   (default: every case)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"
dir="$ROOT/tests/testcmd"
mkdir -p "$dir/golden"
while IFS=$'\t' read -r name args; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  read -r -a argv <<< "$args"
  set +e
  ( cd "$dir" && "$go_bin" test "${argv[@]}" > "golden/$name.stdout" 2> "golden/$name.stderr" )
  echo "$?" > "$dir/golden/$name.exit"
  set -e
  echo "$name: exit $(cat "$dir/golden/$name.exit"), $(wc -l < "$dir/golden/$name.stdout") lines"
done < "$dir/cases.txt"
