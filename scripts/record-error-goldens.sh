#!/usr/bin/env bash
# Records the golden compiler errors of the invalid test programs with the
# pinned reference compiler, gc go1.27.3 (see scripts/install-go.sh).
#
# Usage: scripts/record-error-goldens.sh [tests/errors/NN_name.go ...]
#        (no arguments: every tests/errors/*.go)
#
# For each program P.go it writes P.stderr next to it: the standard error of
# `go build -o /dev/null P.go`, run from the program's own directory so that
# positions read `./P.go:L:C: msg` under the `# command-line-arguments`
# header, exactly as rgo prints them. The build must fail with exit status 1
# (a program that compiles is an error in the test suite, not a golden).
#
# GOFLAGS is cleared and GO111MODULE=on, as for scripts/record-goldens.sh, so
# no go.mod or environment around the checkout changes the output; a fresh
# GOCACHE keeps cached build results from hiding anything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"

if [ $# -eq 0 ]; then
	set -- "$ROOT"/tests/errors/*.go
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOCACHE="$work/cache"

status=0
for src in "$@"; do
	src="$(cd "$(dirname "$src")" && pwd)/$(basename "$src")"
	name="$(basename "$src" .go)"
	dir="$work/$name"
	mkdir -p "$dir"
	cp "$src" "$dir/$name.go"
	set +e
	(cd "$dir" && "$go_bin" build -o /dev/null "$name.go") 2>"$dir/err"
	code=$?
	set -e
	if [ "$code" -ne 1 ]; then
		echo "record-error-goldens.sh: $name: go build exited with $code, want 1:" >&2
		cat "$dir/err" >&2
		status=1
		continue
	fi
	cp "$dir/err" "${src%.go}.stderr"
	echo "$name: $(grep -c '^\./' "$dir/err") errors" >&2
done
exit $status
