#!/usr/bin/env bash
# Time a whole monthly dashboard, both languages, with the month's workbook
# (issue 15: < 3 s from the 10M-need benchmark database, warm cache).
#   bench/dashboard.sh DB [YYYY-MM] (default: the last month of the data)
# Build the database first, e.g.:
#   needstat-synth --needs 10000000 --from 2023-04 --to 2025-03 -o n10m.csv
#   needstat-init --db n10m.db && needstat-ingest --db n10m.db n10m.csv
# Env: NS_BIN (default: build/bin beside this script), RUNS (default 5):
# one run to warm the cache, then RUNS runs into a fresh folder each; the
# median and the slowest wall time are printed in ms, with the median CPU
# time (user + sys: the machine may be shared, so wall time alone says
# little) and the load average before and after.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
DB="${1:?usage: bench/dashboard.sh DB [YYYY-MM]}"
RUNS="${RUNS:-5}"
export LC_ALL=C
month="${2:-$(sqlite3 -readonly "$DB" 'SELECT max(month) FROM agg_needs' |
	sed 's/^\(....\)\(..\)$/\1-\2/')}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
needs=$(sqlite3 -readonly "$DB" 'SELECT sum(needs) FROM agg_needs')
echo "database $DB ($needs needs), month $month, median of $RUNS runs"
echo "  load average before: $(load)"
"$BIN/needstat-dashboard" --db "$DB" --month "$month" --out "$out/warm"
# one line per run: wall ms, CPU (user + sys) ms
for i in $(seq "$RUNS"); do
	/usr/bin/time -f '%e %U %S' -o "$out/t" \
		"$BIN/needstat-dashboard" --db "$DB" --month "$month" \
		--out "$out/d$i"
	awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$out/t"
done >"$out/runs"
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
wall=$(cut -d' ' -f1 "$out/runs" | med)
max=$(cut -d' ' -f1 "$out/runs" | sort -n | tail -1)
cpu=$(cut -d' ' -f2 "$out/runs" | med)
printf '  dashboard (en + fr, pages, charts, CSV, workbooks)\n'
printf '    wall median %d ms, slowest %d ms; CPU (user+sys) median %d ms%s\n' \
	"$wall" "$max" "$cpu" "$([ "$cpu" -lt 3000 ] || echo '  (CPU over 3 s)')"
echo "  load average after: $(load)"
# and with --lazy when nothing changed (the usual cron run)
/usr/bin/time -f '%e %U %S' -o "$out/t" \
	"$BIN/needstat-dashboard" --db "$DB" --month "$month" --lazy --out "$out/d1"
awk '{ printf "  --lazy, unchanged    wall %d ms, CPU %d ms\n", $1 * 1000,
	($2 + $3) * 1000 }' "$out/t"
