#!/usr/bin/env bash
# bench/charts.sh: time drawing every bundled report's default chart (PNG)
# for one fiscal year from a big synthetic database.
#   bench/charts.sh [NEEDS] [DB]   (default 1000000 needs, /tmp/needstat-bench-charts.db)
# The database is made once with needstat-synth + needstat-ingest and kept.
# Prints, per report, the time of needstat-report (text) and of
# needstat-chart (the same report run plus the drawing), then the totals:
# the drawing's own cost is the difference.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
needs=${1:-1000000}
db=${2:-/tmp/needstat-bench-charts.db}
bin=build/bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ ! -s "$db" ]; then
  "$bin/needstat-init" -q --db "$db"
  "$bin/needstat-synth" --needs "$needs" --seed 211 --from 2023-04 \
    --to 2025-03 -o "$out/contacts.csv"
  "$bin/needstat-ingest" --db "$db" -q "$out/contacts.csv"
  rm -f "$out/contacts.csv"
fi
now() { date +%s.%N; }
tr=0; tc=0
for id in volume needs_status funders_unmet caller_profile referrals_top \
          territory trends gaps; do
  a=$(now)
  "$bin/needstat-report" --db "$db" --fiscal-year 2024 "$id" >/dev/null
  b=$(now)
  "$bin/needstat-chart" --db "$db" --fiscal-year 2024 -o "$out/$id.png" "$id"
  c=$(now)
  r=$(echo "$b - $a" | bc); ch=$(echo "$c - $b" | bc)
  printf '%-16s report %6.3f s   chart %6.3f s\n' "$id" "$r" "$ch"
  tr=$(echo "$tr + $r" | bc); tc=$(echo "$tc + $ch" | bc)
done
printf 'total            report %6.3f s   chart %6.3f s   drawing %6.3f s\n' \
  "$tr" "$tc" "$(echo "$tc - $tr" | bc)"
