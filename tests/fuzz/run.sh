#!/bin/sh
# run.sh FUZZER NAME SECONDS SEEDS REGRESS CORPUS: one fuzz test.  First
# every input under REGRESS (crashes found before, kept as regression
# tests) runs once; then libFuzzer runs for SECONDS from the seeds, adding
# what it finds to CORPUS (kept between runs).  Prints executions and
# coverage; fails on any crash, leak, sanitizer report or timeout.
set -eu
bin=$1 name=$2 secs=$3 seeds=$4 regress=$5 corpus=$6
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$corpus"
if [ -d "$regress" ] && [ -n "$(ls "$regress")" ]; then
	"$bin" -runs=1 "$regress"/* >"$corpus.regress.log" 2>&1 || {
		cat "$corpus.regress.log"
		echo "fuzz_$name: a regression input fails" >&2
		exit 1
	}
	echo "fuzz_$name: $(ls "$regress" | wc -l) regression inputs pass"
fi
log=$corpus.log
rc=0
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 \
	-artifact_prefix="$corpus." "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
	tail -n 60 "$log"
	echo "fuzz_$name: failed (exit $rc); the input is $corpus.crash-*" >&2
	exit 1
fi
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*corp: \([0-9]*\).*/\1 edges, \2 features, corpus \3/p')
echo "fuzz_$name: $execs executions in ${secs}s, coverage $cov"
