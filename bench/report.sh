#!/usr/bin/env bash
# Time every installed report for one period on a database (issue 6: each
# report < 200 ms and the whole set < 1 s for a fiscal year on the 10M-need
# benchmark database, warm cache).
#   bench/report.sh DB [PERIOD-OPTION...] (default --fiscal-year 2024)
# Build the database first, e.g.:
#   needstat-synth --needs 10000000 --from 2023-04 --to 2025-03 -o n10m.csv
#   needstat-init --db n10m.db && needstat-ingest --db n10m.db n10m.csv
# Env: NS_BIN (default: build/bin beside this script), RUNS (default 5):
# each report runs once to warm the cache, then RUNS times; the median
# wall time is printed, in ms, for each report and for the set.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
DB="${1:?usage: bench/report.sh DB [PERIOD-OPTION...]}"
shift
[ $# -gt 0 ] || set -- --fiscal-year 2024
RUNS="${RUNS:-5}"
export LC_ALL=C

now_ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

needs=$(sqlite3 "$DB" 'SELECT sum(needs) FROM agg_needs' 2>/dev/null || echo '?')
echo "database $DB ($needs needs), period: $*, median of $RUNS runs"
total=0
for id in $("$BIN/needstat-report" --list | awk '{ print $1 }'); do
	"$BIN/needstat-report" --db "$DB" "$@" --format csv "$id" >/dev/null
	ms=$(for i in $(seq "$RUNS"); do
		t0=$(now_ns)
		"$BIN/needstat-report" --db "$DB" "$@" --format csv "$id" >/dev/null
		echo $(( ($(now_ns) - t0) / 1000000 ))
	done | median)
	total=$((total + ms))
	flag=""
	[ "$ms" -lt 200 ] || flag="  (over 200 ms)"
	printf '  %-16s %6d ms%s\n' "$id" "$ms" "$flag"
done
printf '  %-16s %6d ms%s\n' "all" "$total" "$([ $total -lt 1000 ] || echo '  (over 1 s)')"
