#!/usr/bin/env bash
# bench/charts.sh: time every bundled report's default chart (PNG) for one
# fiscal year from a big synthetic database.
#   bench/charts.sh [NEEDS] [DB]   (default 1000000 needs, /tmp/needstat-bench-charts.db)
# The database is made once with needstat-synth + needstat-ingest and kept.
# Prints, per report, the best of 3 runs of: needstat-report (text),
# needstat-chart --dump (the same report run plus the chart model) and
# needstat-chart -o PNG (plus the drawing), then the totals; the
# difference of such whole runs is lost in the noise of the report runs,
# so bench/chart_draw.c then times the drawing alone (chart_build +
# chart_draw to PNG, 20 times in one process after one report run).  The
# drawing does not grow with the database (it draws the report's table);
# the rest is the report run, whose suppression audit dominates
# (bench/suppress.sh).
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
# best: the least time of 3 runs of "$@" (output thrown away)
best() {
  local b=999 a t i
  for i in 1 2 3; do
    a=$(now); "$@" >/dev/null; t=$(echo "$(now) - $a" | bc)
    b=$(echo "if ($t < $b) $t else $b" | bc)
  done
  echo "$b"
}
ids=$(for f in reports/*.sql; do
  grep -q '^-- chart:' "$f" && basename "$f" .sql; done)
tr=0; tm=0; tp=0
for id in $ids; do
  r=$(best "$bin/needstat-report" --db "$db" --fiscal-year 2024 "$id")
  m=$(best "$bin/needstat-chart" --db "$db" --fiscal-year 2024 --dump "$id")
  p=$(best "$bin/needstat-chart" --db "$db" --fiscal-year 2024 \
        -o "$out/$id.png" "$id")
  printf '%-16s report %6.3f s   model %6.3f s   png %6.3f s   drawing %6.3f s\n' \
    "$id" "$r" "$m" "$p" "$(echo "$p - $m" | bc)"
  tr=$(echo "$tr + $r" | bc); tm=$(echo "$tm + $m" | bc)
  tp=$(echo "$tp + $p" | bc)
done
printf 'total            report %6.3f s   model %6.3f s   png %6.3f s   drawing %6.3f s\n' \
  "$tr" "$tm" "$tp" "$(echo "$tp - $tm" | bc)"
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Ilib -o "$out/chart_draw" \
  bench/chart_draw.c build/libneedstat_core.a \
  $(pkg-config --cflags --libs pangocairo cairo-png fontconfig sqlite3 gsl \
    nettle libutf8proc inih xlsxwriter) -lglpk -lcsv -lpthread -lm
# shellcheck disable=SC2086
"$out/chart_draw" "$db" 2024 20 reports $ids
