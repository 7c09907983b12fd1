#!/usr/bin/env bash
# bench/table.sh FILE.csv DB: the benchmark task of ../shared/bench (see
# BASELINE.md section 2) with needstat.  Creates DB (replacing it), loads
# the bench category map and FSA crosswalk converted to needstat's formats
# (load_maps.sh), ingests FILE.csv, and prints needs, met, unmet and unmet
# share by year, category and province as CSV on stdout (LF, sorted) from
# agg_needs:
#   year,category,province,needs,met,unmet,unmet_share
# Tools from $NS_BIN (default build/bin beside this script); timings of the
# steps go to stderr.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/table.sh FILE.csv DB" >&2; exit 64; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
FILE="$1" DB="$2"
now() { date +%s.%N; }
step() { awk -v a="$(now)" -v b="$2" -v s="$1" \
  'BEGIN { printf "table.sh: %-7s %7.3f s\n", s, a - b }' >&2; }

t=$(now)
"$HERE/load_maps.sh" "$DB"
step "maps" "$t"

t=$(now)
"$BIN/needstat-ingest" --db "$DB" --source bench -q "$FILE"
step "ingest" "$t"

# From the monthly aggregates: province is the region's ancestor at level
# province ('unknown' when it has none: unknown, US, states).  The share is
# formatted by awk (C printf rounds the binary double, as the peers do;
# SQLite's printf rounds some ties such as 0.04375 up).
t=$(now)
sqlite3 -bail "$DB" ".mode csv" ".separator , \"\\n\"" ".headers on" "
WITH rp AS MATERIALIZED (
  SELECT a.region_id, a.ancestor_id AS province
  FROM region_ancestors a JOIN regions r ON r.id = a.ancestor_id
  WHERE r.level = 'province')
SELECT g.year, g.category,
       coalesce(rp.province, 'unknown') AS province,
       sum(g.needs) AS needs,
       sum(CASE g.status WHEN 'met' THEN g.needs ELSE 0 END) AS met,
       sum(CASE g.status WHEN 'unmet' THEN g.needs ELSE 0 END) AS unmet
FROM agg_needs_year g LEFT JOIN rp ON rp.region_id = g.region_id
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;" |
awk -F, 'NR == 1 { print $0 ",unmet_share"; next }
         { printf "%s,%.4f\n", $0, $6 / $4 }'
step "query" "$t"
