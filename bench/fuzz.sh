#!/usr/bin/env bash
# bench/fuzz.sh [SECONDS] [TARGET...]: the long fuzz run.  Builds the
# libFuzzer targets (tests/fuzz, clang, ASan+UBSan) in build-fuzz beside
# this script's folder and runs each TARGET (default: all of csv value
# profile report) for SECONDS (default 1800), one after the other, from
# the seed corpora plus what earlier runs found (build-fuzz/corpus/NAME).
# Prints executions and coverage per target.  A crash leaves its input in
# build-fuzz/corpus/NAME.crash-*: make it a regression test by copying it
# to tests/fuzz/regress/NAME/ (and a unit test where the bug is), then fix.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/.."
SECS="${1:-1800}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv value profile report)
B="$SRC/build-fuzz"
CC=clang cmake -S "$SRC/tests/fuzz" -B "$B" >/dev/null
cmake --build "$B" -j"$(nproc)" >/dev/null
rc=0
for t in "${TARGETS[@]}"; do
  sh "$SRC/tests/fuzz/run.sh" "$B/fuzz_$t" "$t" "$SECS" "$B/seeds/$t" \
     "$SRC/tests/fuzz/regress/$t" "$B/corpus/$t" || rc=1
done
exit $rc
