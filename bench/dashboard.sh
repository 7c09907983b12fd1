#!/usr/bin/env bash
# Time a whole monthly dashboard, both languages (issue 15: < 3 s from the
# 10M-need benchmark database, warm cache).
#   bench/dashboard.sh DB [YYYY-MM] (default: the last month of the data)
# Build the database first, e.g.:
#   needstat-synth --needs 10000000 --from 2023-04 --to 2025-03 -o n10m.csv
#   needstat-init --db n10m.db && needstat-ingest --db n10m.db n10m.csv
# Env: NS_BIN (default: build/bin beside this script), RUNS (default 5):
# one run to warm the cache, then RUNS runs into a fresh folder each; the
# median and the slowest wall time are printed in ms.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
DB="${1:?usage: bench/dashboard.sh DB [YYYY-MM]}"
RUNS="${RUNS:-5}"
export LC_ALL=C
month="${2:-$(sqlite3 "$DB" 'SELECT max(month) FROM agg_needs' |
	sed 's/^\(....\)\(..\)$/\1-\2/')}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now_ns() { date +%s%N; }
needs=$(sqlite3 "$DB" 'SELECT sum(needs) FROM agg_needs')
echo "database $DB ($needs needs), month $month, median of $RUNS runs"
"$BIN/needstat-dashboard" --db "$DB" --month "$month" --out "$out/warm"
ms=$(for i in $(seq "$RUNS"); do
	t0=$(now_ns)
	"$BIN/needstat-dashboard" --db "$DB" --month "$month" --out "$out/d$i"
	echo $(( ($(now_ns) - t0) / 1000000 ))
done | sort -n)
med=$(echo "$ms" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
max=$(echo "$ms" | tail -1)
printf '  dashboard (en + fr)  median %d ms, slowest %d ms%s\n' "$med" "$max" \
	"$([ "$max" -lt 3000 ] || echo '  (over 3 s)')"
# and with --lazy when nothing changed (the usual cron run)
t0=$(now_ns)
"$BIN/needstat-dashboard" --db "$DB" --month "$month" --lazy --out "$out/d1"
printf '  --lazy, unchanged    %d ms\n' $(( ($(now_ns) - t0) / 1000000 ))
