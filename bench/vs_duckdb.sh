#!/usr/bin/env bash
# bench/vs_duckdb.sh [-r RUNS] [-p "PEER ..."] [-b BIN] [ROWS ...]: the write path
# against DuckDB in one run.  For each ROWS (default 1000000) it generates
# (or reuses) $NEEDSBENCH/contacts_<N>.csv with ../shared/bench/
# gen_contacts.py --rows ROWS --seed 211, then runs, interleaved, RUNS
# (default 3) times each:
#   - each PEER of ../shared/bench/peers.sh (default duckdb_mem: DuckDB in
#     memory, all threads), one run per call;
#   - needstat: init, load the bench maps, ingest (classify and
#     aggregates included, durable: rollback journal, synchronous=FULL)
#     and the year x category x province table (bench/table.sh), with the
#     map conversion done once beforehand (NS_MAPS_DIR, not timed);
#   - with -b BIN, the same with the tools in BIN ("base": another build,
#     to decide a change by measurement).
# Prints each run (wall, max RSS of the process tree, user+sys CPU), the
# medians, the ratios needstat / each peer (wall: the target; CPU: steadier
# when other work shares the cores), the database size per million needs, and
# checks needstat's table against DuckDB's (../shared/bench/compare.py);
# exit 1 when they differ.  Results are appended to
# $NEEDSBENCH/vs_duckdb.tsv.  Only ratios within one run mean anything on a
# shared machine (BASELINE.md).
# Needs ../shared/bench/setup_peers.sh run once (NEEDSBENCH, default
# ${TMPDIR:-/tmp}/needsbench); tools from $NS_BIN (default build/bin).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SHARED="$(cd "$HERE/../../shared/bench" && pwd)"
export NS_BIN="${NS_BIN:-$HERE/../build/bin}"
export NEEDSBENCH="${NEEDSBENCH:-${TMPDIR:-/tmp}/needsbench}"
RUNS=3 PEERS="duckdb_mem" BASE=""
while getopts "r:p:b:h" opt; do
  case "$opt" in
    r) RUNS="$OPTARG" ;;
    p) PEERS="$OPTARG" ;;
    b) BASE="$(cd "$OPTARG" && pwd)" ;;
    *) sed -n '2,24p' "$0"; exit 64 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 1000000
TIME="$(type -P time)" || { echo "vs_duckdb.sh: GNU time missing (apt-get install time)" >&2; exit 69; }
W="$NEEDSBENCH/vs_duckdb"
mkdir -p "$W"
export NS_MAPS_DIR="$W/maps"
TSV="$NEEDSBENCH/vs_duckdb.tsv"
[ -f "$TSV" ] || printf 'date\trows\ttool\trun\twall_s\tmaxrss_kib\tcpu_s\n' > "$TSV"
STAMP="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

label() { awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dm", n / 1000000;
  else if (n % 1000 == 0) printf "%dk", n / 1000; else printf "%d", n }'; }

# timed NAME ROWS RUN CMD...: wall and max RSS of CMD (and its children).
timed() {
  local name="$1" rows="$2" run="$3"; shift 3
  "$TIME" -v -o "$W/time.txt" "$@" > /dev/null 2> "$W/err.txt" ||
    { cat "$W/err.txt" "$W/time.txt" >&2; exit 1; }
  awk -v n="$name" -v r="$rows" -v i="$run" -v d="$STAMP" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, t, ":");
      s = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /Maximum resident set size/ { m = $2 }
    /User time|System time/ { c += $2 }
    END { printf "%s\t%s\t%s\t%s\t%.2f\t%d\t%.2f\n", d, r, n, i, s, m, c }' \
    "$W/time.txt" | tee -a "$TSV" |
    awk -F'\t' '{ printf "  %-12s run %s  wall %7.2f s  max RSS %7.1f MiB  CPU %7.2f s\n",
      $3, $4, $5, $6 / 1024, $7 }'
}

median() {  # median of column $3 for tool $2 at rows $1 in this run
  awk -F'\t' -v r="$1" -v t="$2" -v c="$3" -v d="$STAMP" \
    '$1 == d && $2 == r && $3 == t { print $c }' "$TSV" | sort -g |
  awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

status=0
for rows in "$@"; do
  file="$NEEDSBENCH/contacts_$(label "$rows").csv"
  if [ ! -s "$file" ]; then
    echo "generating $file" >&2
    python3 "$SHARED/gen_contacts.py" --rows "$rows" --seed 211 -o "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  name="$(basename "$file" .csv)"
  out="$NEEDSBENCH/results/$name"
  db="$W/$name.db"
  rm -rf "$out"
  cat "$file" > /dev/null                     # warm the page cache
  "$HERE/load_maps.sh" "$db"                  # converts the maps once
  echo "$name: $rows needs, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in $(seq 1 "$RUNS"); do
    for peer in $PEERS; do
      "$SHARED/peers.sh" -r 1 -p "$peer" -o "$out" "$file" > "$W/peers.log" 2>&1 ||
        { cat "$W/peers.log" >&2; exit 1; }
      awk -F'\t' -v p="$peer" -v r="$rows" -v i="$i" -v d="$STAMP" \
        '$2 == p { l = $0 } END { split(l, f, "\t");
          printf "%s\t%s\t%s\t%s\t%.2f\t%d\t%.2f\n", d, r, p, i, f[4], f[7],
            f[5] + f[6] }' \
        "$out/runs.tsv" | tee -a "$TSV" |
        awk -F'\t' '{ printf "  %-12s run %s  wall %7.2f s  max RSS %7.1f MiB  CPU %7.2f s\n",
          $3, $4, $5, $6 / 1024, $7 }'
    done
    timed needstat "$rows" "$i" bash -c '"$0/table.sh" "$1" "$2" > "$3"' \
      "$HERE" "$file" "$db" "$W/$name.needstat.csv"
    if [ -n "$BASE" ]; then
      timed base "$rows" "$i" env NS_BIN="$BASE" bash -c \
        '"$0/table.sh" "$1" "$2" > "$3"' "$HERE" "$file" "$W/base.db" \
        "$W/$name.base.csv"
    fi
  done
  nw=$(median "$rows" needstat 5) nr=$(median "$rows" needstat 6)
  nc=$(median "$rows" needstat 7)
  bytes=$(stat -c %s "$db")
  printf '  median of %s: needstat %.2f s (CPU %.2f s) %.1f MiB; database %.1f MB per million needs\n' \
    "$RUNS" "$nw" "$nc" "$(awk -v r="$nr" 'BEGIN { print r / 1024 }')" \
    "$(awk -v b="$bytes" -v n="$rows" 'BEGIN { print b / n }')"
  for peer in $PEERS ${BASE:+base}; do
    pw=$(median "$rows" "$peer" 5) pr=$(median "$rows" "$peer" 6)
    pc=$(median "$rows" "$peer" 7)
    awk -v p="$peer" -v pw="$pw" -v pr="$pr" -v nw="$nw" -v pc="$pc" -v nc="$nc" 'BEGIN {
      printf "  %-12s %.2f s (CPU %.2f s) %.1f MiB; ratio needstat / %s: wall %.2f, CPU %.2f\n",
        p, pw, pc, pr / 1024, p, nw / pw, nc / pc }'
  done
  ref="$out/out/duckdb_mem.csv"
  [ -f "$ref" ] || ref="$(ls "$out"/out/*.csv | head -n 1)"
  python3 "$SHARED/compare.py" "$ref" "$W/$name.needstat.csv" | sed 's/^/  /' ||
    status=1
done
exit "$status"
