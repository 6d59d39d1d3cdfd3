#!/usr/bin/env bash
# Measures how far rgo gets with the standard-library end-to-end programs
# (tests/programs/6NN_topic.go): builds each one with the given rgo binary, runs
# it the way the e2e harness does and prints one table row per program:
#
#   program  build  golden  first line of the error
#
# build:  yes | no | timeout
# golden: match | differ | timeout | -   (compared as tests/src/lib.rs does:
#         stdout and exit status exactly, stderr normalized: exact up to the
#         first `goroutine N [...]:` line with the `pc=0x…` of a `[signal` line
#         and the address in `panic: (T) 0x…` masked, after it only the frame
#         function names)
# A program that matches its goldens but is listed in tests/known-failures.txt
# is marked `(unlist)`.
#
# Usage: scripts/std-survey.sh [-j JOBS] [-t BUILD_TIMEOUT_SECONDS] RGO [PROGRAM.go ...]
#        (no programs: every tests/programs/6NN_*.go)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs=1
build_timeout=120
while getopts "j:t:h" opt; do
	case "$opt" in
	j) jobs="$OPTARG" ;;
	t) build_timeout="$OPTARG" ;;
	*)
		sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ]; then
	echo "usage: $(basename "$0") [-j JOBS] [-t BUILD_TIMEOUT_SECONDS] RGO [PROGRAM.go ...]" >&2
	exit 2
fi
rgo="$1"
shift
case "$rgo" in
/*) ;;
*) rgo="$PWD/$rgo" ;;
esac
if ! [ -x "$rgo" ]; then
	echo "$(basename "$0"): $rgo is not an executable" >&2
	exit 2
fi
if [ $# -eq 0 ]; then
	set -- "$ROOT"/tests/programs/6[0-9][0-9]_*.go
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The e2e harness's stderr normalization (tests/src/lib.rs, normalize_stderr).
normalize() {
	awk '
	function mask(line, marker,   i, rest) {
		i = index(line, marker)
		if (i == 0) return line
		rest = substr(line, i + length(marker))
		sub(/^[0-9a-fA-F]+/, "", rest)
		return substr(line, 1, i + length(marker) - 1) "?" rest
	}
	function header(line) { return line ~ /^goroutine [0-9]+ \[.*\]:$/ }
	!tb {
		if ($0 ~ /^\[signal /) $0 = mask($0, " pc=0x")
		else if ($0 ~ /^\t?panic: \(/) $0 = mask($0, ") 0x")
		print
		if (header($0)) tb = 1
		next
	}
	/^\t/ { next }
	header($0) || $0 == "" { print; next }
	{
		line = $0
		if (line ~ /\)$/) {
			for (i = length(line); i > 0; i--) if (substr(line, i, 1) == "(") break
			if (i > 0) line = substr(line, 1, i - 1)
		}
		print line
	}' "$1"
}

# first_difference GOT WANT: "line N: got «…», want «…»" for the first differing line.
first_difference() {
	local n got want
	n="$(cmp "$1" "$2" 2>&1 | sed -n 's/.*line \([0-9]*\).*/\1/p')"
	if [ -z "$n" ]; then
		# One file is a prefix of the other (cmp: EOF on …).
		n="$(($(wc -l <"$1") < $(wc -l <"$2") ? $(wc -l <"$1") + 1 : $(wc -l <"$2") + 1))"
	fi
	got="$(sed -n "${n}p" "$1" | cut -c1-60)"
	want="$(sed -n "${n}p" "$2" | cut -c1-60)"
	printf 'line %s: got «%s», want «%s»' "$n" "$got" "$want"
}

survey_one() {
	local src="$1" name dir base code want why
	name="$(basename "$src" .go)"
	dir="$work/$name"
	base="${src%.go}"
	mkdir -p "$dir"
	(cd "$dir" && timeout "$build_timeout" "$rgo" build -o "$dir/prog" "$src") >"$dir/build.log" 2>&1
	code=$?
	if [ "$code" -ne 0 ] || ! [ -x "$dir/prog" ]; then
		local build=no
		# `# pkg` header lines name the package of the error that follows them.
		why="$(awk 'NF == 0 { next } /^# / { pkg = $2; next } { print (pkg != "" ? pkg ": " : "") $0; exit }' "$dir/build.log")"
		# Shorten paths into the standard library: /…/go/src/fmt/print.go → $GOROOT/src/fmt/print.go.
		why="$(printf '%s' "$why" | sed -E 's#/[^ :]*/go/src/#$GOROOT/src/#g' | cut -c1-200)"
		if [ "$code" -eq 124 ]; then
			build=timeout
			why="rgo build timed out after ${build_timeout}s"
		fi
		printf '%s\t%s\t-\t%s\n' "$name" "$build" "${why:-exit status $code}" >"$dir/row"
		return
	fi
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$dir" timeout 10 ./prog </dev/null >"$dir/out" 2>"$dir/err")
	code=$?
	if [ "$code" -eq 124 ]; then
		printf '%s\tyes\ttimeout\t%s\n' "$name" "the program ran longer than 10s" >"$dir/row"
		return
	fi
	if ! [ -f "$base.exit" ]; then
		printf '%s\tyes\t-\t%s\n' "$name" "no goldens (scripts/record-goldens.sh $name.go)" >"$dir/row"
		return
	fi
	want="$(cat "$base.exit")"
	why=""
	if [ "$code" != "$want" ]; then
		why="exit status $code, want $want"
	fi
	if ! cmp -s "$dir/out" "$base.stdout"; then
		why="${why:+$why; }stdout $(first_difference "$dir/out" "$base.stdout")"
	fi
	normalize "$dir/err" >"$dir/err.norm"
	normalize "$base.stderr" >"$dir/want.norm"
	if ! cmp -s "$dir/err.norm" "$dir/want.norm"; then
		why="${why:+$why; }stderr $(first_difference "$dir/err.norm" "$dir/want.norm")"
	fi
	if [ -z "$why" ]; then
		if grep -q "^$name[[:space:]]*#" "$ROOT/tests/known-failures.txt" 2>/dev/null; then
			why="(unlist: listed in tests/known-failures.txt)"
		fi
		printf '%s\tyes\tmatch\t%s\n' "$name" "$why" >"$dir/row"
	else
		printf '%s\tyes\tdiffer\t%s\n' "$name" "$why" >"$dir/row"
	fi
}

for src in "$@"; do
	src="$(cd "$(dirname "$src")" && pwd)/$(basename "$src")"
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	survey_one "$src" &
done
wait

total=0 built=0 matched=0
printf '%-34s %-7s %-7s %s\n' PROGRAM BUILD GOLDEN "FIRST LINE OF ERROR"
for src in "$@"; do
	name="$(basename "$src" .go)"
	row="$work/$name/row"
	total=$((total + 1))
	if ! [ -f "$row" ]; then
		printf '%-34s %-7s %-7s %s\n' "$name" "?" "?" "survey failed"
		continue
	fi
	IFS=$'\t' read -r n build golden why <"$row"
	[ "$build" = yes ] && built=$((built + 1))
	[ "$golden" = match ] && matched=$((matched + 1))
	printf '%-34s %-7s %-7s %s\n' "$n" "$build" "$golden" "$why"
done
echo "$total programs: $built build, $matched match their goldens"
