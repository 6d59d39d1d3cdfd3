#!/usr/bin/env bash
# Records the goldens of the plugin tests (tests/tests/plugin.rs) with the pinned gc go1.27.3.
#
# gc builds plugins only with cgo (its plugin package calls dlopen), so this script, unlike the
# others, runs with CGO_ENABLED=1 and needs a C compiler. It copies the module tests/plugins to
# a temp dir, builds the plugins p1 and p2 with `go build -trimpath -buildmode=plugin` and the
# host with `go build -trimpath`, and runs, with the environment of record-goldens.sh:
#
#   host DIR           -> tests/plugins/golden/run.{stdout,stderr,exit}
#   host DIR panic     -> tests/plugins/golden/panic.{stdout,stderr,exit}
#   host DIR/changed   -> tests/plugins/golden/changed.{stdout,stderr,exit}
#
# where DIR/changed holds p1 built after a function was added to package shared (the plugin
# test makes the same change), which gc refuses to load. DIR is spelled /plugins in the
# goldens (the test maps its own directory to it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pinned-go.sh
. "$ROOT/scripts/pinned-go.sh"
export CGO_ENABLED=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$ROOT/tests/plugins" "$work/src"
rm -rf "$work/src/golden"
out="$work/out"
mkdir -p "$out/changed"
(
	cd "$work/src"
	"$go_bin" build -trimpath -buildmode=plugin -o "$out/p1.so" ./p1
	"$go_bin" build -trimpath -buildmode=plugin -o "$out/p2.so" ./p2
	"$go_bin" build -trimpath -o "$out/host" ./host
	printf '\n// Version tells which version of the package this is.\nfunc Version() int { return 2 }\n' >>shared/shared.go
	"$go_bin" build -trimpath -buildmode=plugin -o "$out/changed/p1.so" ./p1
)
golden="$ROOT/tests/plugins/golden"
mkdir -p "$golden"
run() {
	local name="$1"
	shift
	local status=0
	(cd "$out" && env -i PATH=/usr/bin:/bin HOME="$out" timeout 10 ./host "$@" \
		>"$golden/$name.stdout" 2>"$golden/$name.stderr" </dev/null) || status=$?
	echo "$status" >"$golden/$name.exit"
	sed -i "s#$out#/plugins#g" "$golden/$name.stdout" "$golden/$name.stderr"
}
run run "$out"
run panic "$out" panic
run changed "$out/changed"
echo "recorded $(ls "$golden" | wc -l) files in tests/plugins/golden"
