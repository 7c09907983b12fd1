#!/usr/bin/env bash
# Time the suppressing reports (issue 10: protection and its GLPK audit)
# for a fiscal year and a month at N = 3, 5 and 10, with the tools being
# measured (NS_BIN) and, if NS_BASE names another build's bin directory,
# with those too ("before" / "after" columns).
#   bench/suppress.sh [DB...]
# Without DB, it builds the README tour database in a temporary directory
# (needstat-synth --needs 20000 --seed 211 plus 2000 dirty needs, seed 7);
# NEEDS=1000000 builds a bigger one the same way (takes a while).
# Env: NS_BIN (default: build/bin beside this script), NS_BASE (none),
# RUNS (default 3: the median wall time is printed, in ms), FY (default
# 2024), MONTH (default 2024-06), REPORTS (default: funders_unmet gaps
# territory referrals_top), MINS (default: 3 5 10).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
BASE="${NS_BASE:-}"
RUNS="${RUNS:-3}"
FY="${FY:-2024}"
MONTH="${MONTH:-2024-06}"
REPORTS="${REPORTS:-funders_unmet gaps territory referrals_top}"
MINS="${MINS:-3 5 10}"
export LC_ALL=C

now_ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# run BIN DB ARGS...: median ms of RUNS runs (exit status kept as "!")
run() {
	local bin="$1" db="$2" i t0 rc
	shift 2
	for i in $(seq "$RUNS"); do
		t0=$(now_ns)
		rc=0
		"$bin/needstat-report" --db "$db" "$@" --format csv \
			>/dev/null 2>&1 || rc=$?
		echo "$(( ($(now_ns) - t0) / 1000000 ))$([ $rc -eq 0 ] || echo "!$rc")"
	done | median
}

if [ $# -eq 0 ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	db="$work/tour.db"
	"$BIN/needstat-init" --db "$db" >/dev/null 2>&1
	"$BIN/needstat-synth" --needs "${NEEDS:-20000}" --seed 211 -o "$work/c.csv"
	"$BIN/needstat-ingest" --db "$db" -q --source centre-a "$work/c.csv" 2>/dev/null
	"$BIN/needstat-synth" --needs 2000 --seed 7 --dirty -o "$work/d.csv"
	"$BIN/needstat-ingest" --db "$db" -q --source centre-b "$work/d.csv" \
		2>/dev/null || true     # rejected rows: exit 65, loaded anyway
	set -- "$db"
fi

printf '%-14s %-16s %3s %-14s %9s %9s\n' database period N report \
	"before ms" "after ms"
for db in "$@"; do
	for period in "--fiscal-year $FY" "--month $MONTH"; do
		for n in $MINS; do
			for id in $REPORTS; do
				# shellcheck disable=SC2086
				after=$(run "$BIN" "$db" $period --min-cell "$n" "$id")
				before=-
				# shellcheck disable=SC2086
				[ -z "$BASE" ] ||
					before=$(run "$BASE" "$db" $period --min-cell "$n" "$id")
				printf '%-14s %-16s %3s %-14s %9s %9s\n' \
					"$(basename "$db")" "$period" "$n" "$id" \
					"$before" "$after"
			done
		done
	done
done
