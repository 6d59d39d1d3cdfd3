# Sourced by the record-*-goldens.sh scripts: sets go_bin to the pinned reference compiler,
# gc go1.27.3 ($GO if set, else the one scripts/install-go.sh installs), checks its version,
# and exports the environment every golden is recorded under, so no go.mod, GOFLAGS or
# toolchain switch around the checkout changes the output.
#
# GO111MODULE=on matters: with GO111MODULE=auto (or off) and no go.mod, `go build P.go` runs in
# GOPATH mode and links the program with Go 1.20 GODEBUG defaults (e.g. panicnil=1).
#
# Expects ROOT (the checkout) to be set; $0 names the calling script in messages.

pinned_go_version="go1.27.3"
if [ -n "${GO:-}" ]; then
	go_bin="$GO"
else
	go_bin="$("$ROOT/scripts/install-go.sh")/bin/go"
fi
if ! [ -x "$go_bin" ]; then
	echo "$(basename "$0"): $go_bin is not an executable go command" >&2
	exit 1
fi
export GOTOOLCHAIN=local GOFLAGS= GO111MODULE=on CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOAMD64=v1
pinned_go_got="$("$go_bin" version)"
if [ "$pinned_go_got" != "go version $pinned_go_version linux/amd64" ]; then
	echo "$(basename "$0"): need go version $pinned_go_version linux/amd64, but $go_bin says: $pinned_go_got" >&2
	exit 1
fi
