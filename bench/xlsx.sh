#!/usr/bin/env bash
# Time and measure the workbook of a fiscal year (issue 14: < 2 s and peak
# RSS < 64 MiB on the 10M-need benchmark database, warm cache), for
# publication (the suppressing reports) and --internal (every report and
# the flat Data sheet), in English; and, to tell the writer's share from
# the report engine's, the same reports run by needstat-report.
#   bench/xlsx.sh DB [PERIOD-OPTION...] (default --fiscal-year 2024)
# Build the database first, e.g.:
#   needstat-synth --needs 10000000 --from 2023-04 --to 2025-03 -o n10m.csv
#   needstat-init --db n10m.db && needstat-ingest --db n10m.db n10m.csv
# Env: NS_BIN (default: build/bin beside this script), RUNS (default 3):
# one warm-up run, then the median wall and CPU (user + system) times and
# the largest peak RSS of RUNS runs (GNU time).  On a shared machine the
# CPU time is the steadier figure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
DB="${1:?usage: bench/xlsx.sh DB [PERIOD-OPTION...]}"
shift
[ $# -gt 0 ] || set -- --fiscal-year 2024
RUNS="${RUNS:-3}"
export LC_ALL=C
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench/xlsx.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# measure LABEL CMD...: median wall ms and max RSS of RUNS runs
measure() {
	local label="$1" i
	shift
	"$@" >/dev/null
	for i in $(seq "$RUNS"); do
		"$TIME" -f '%e %M %U %S' -o "$OUT/t" "$@" >/dev/null
		cat "$OUT/t"
	done >"$OUT/all"
	printf '  %-34s %6d ms (cpu %6d ms)  %6.1f MiB\n' "$label" \
		"$(awk '{ print int($1 * 1000) }' "$OUT/all" | median)" \
		"$(awk '{ print int(($3 + $4) * 1000) }' "$OUT/all" | median)" \
		"$(awk '$2 > m { m = $2 } END { print m / 1024 }' "$OUT/all")"
}

needs=$(sqlite3 "$DB" 'SELECT sum(needs) FROM agg_needs' 2>/dev/null || echo '?')
echo "database $DB ($needs needs), period: $*, $RUNS runs"
measure "needstat-xlsx (publication)" \
	"$BIN/needstat-xlsx" --db "$DB" "$@" -o "$OUT/pub.xlsx"
measure "needstat-xlsx --internal" \
	"$BIN/needstat-xlsx" --db "$DB" "$@" --internal -o "$OUT/int.xlsx"
ls -l "$OUT"/*.xlsx | awk '{ printf "  %-34s %6.1f KiB\n", $NF, $5 / 1024 }' |
	sed "s|$OUT/||"
# the report engine alone, same reports
pub=$(grep -l '^-- suppress:' "$HERE"/../reports/*.sql | xargs -n1 basename |
	sed 's/\.sql$//' | tr '\n' ' ')
cat >"$OUT/reports.sh" <<EOS
for id in $pub; do "$BIN/needstat-report" --db "$DB" $* --format csv "\$id"; done
EOS
measure "needstat-report, same reports" bash "$OUT/reports.sh"
