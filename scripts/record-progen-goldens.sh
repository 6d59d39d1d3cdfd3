#!/usr/bin/env bash
# Regenerates the random programs of the fast progen CI test (tests/tests/progen.rs) and
# records their goldens with the pinned gc.
#
# Usage: scripts/record-progen-goldens.sh [SEED ...]   (default: seeds 1 to 20)
#
# For each seed S it writes tests/progen/progen_S.go with the generator
# (tests/src/progen.rs, built as target/release/progen) and records
# progen_S.{stdout,stderr,exit} next to it with scripts/record-goldens.sh.
# Rerun it whenever the generator changes: the test checks that every committed
# program is still what the generator makes from its seed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo build --release -p tests --bin progen >&2
if [ $# -eq 0 ]; then
	set -- $(seq 1 20)
fi
mkdir -p tests/progen
rm -f tests/progen/progen_*
files=()
for seed in "$@"; do
	target/release/progen "$seed" "tests/progen/progen_$seed.go"
	files+=("tests/progen/progen_$seed.go")
done
scripts/record-goldens.sh "${files[@]}"
