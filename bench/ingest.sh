#!/usr/bin/env bash
# bench/ingest.sh FILE.csv [RUNS]: time `needstat-ingest` of FILE.csv (into
# a fresh database with the bench maps loaded: load_maps.sh, not timed)
# against `sqlite3 X.db '.import --csv FILE.csv needs'` in the same run,
# alternating, RUNS (default 3) runs each, with /usr/bin/time -v (wall
# seconds, max RSS).  Prints each run, the medians and the median ratios
# needstat / sqlite3.  Databases go to $TMPDIR (default /tmp) and are
# removed.  Tools from $NS_BIN (default build/bin beside this script).
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: bench/ingest.sh FILE.csv [RUNS]" >&2; exit 64; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
FILE="$1" RUNS="${2:-3}"
[ -f "$FILE" ] || { echo "bench/ingest.sh: no file '$FILE'" >&2; exit 66; }
W="$(mktemp -d "${TMPDIR:-/tmp}/needstat-bench.XXXXXX")"
trap 'rm -rf "$W"' EXIT
"$HERE/load_maps.sh" "$W/template.db"
cat "$FILE" > /dev/null                     # warm the page cache

# timed NAME CMD...: run CMD under /usr/bin/time -v; append "NAME wall rss".
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$W/time.txt" "$@" > /dev/null 2> "$W/err.txt" ||
    { cat "$W/err.txt" "$W/time.txt" >&2; exit 1; }
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, t, ":");
      s = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /Maximum resident set size/ { r = $2 }
    END { printf "%s %.2f %d\n", n, s, r }' "$W/time.txt" >> "$W/runs.txt"
  tail -n 1 "$W/runs.txt" | awk '{ printf "%-9s wall %7.2f s  max RSS %7.1f MiB\n", $1, $2, $3 / 1024 }'
}

for i in $(seq 1 "$RUNS"); do
  rm -f "$W/n.db" "$W/n.db-wal" "$W/n.db-shm" "$W/s.db"
  cp "$W/template.db" "$W/n.db"
  timed needstat "$BIN/needstat-ingest" --db "$W/n.db" --source bench -q "$FILE"
  timed sqlite3 sqlite3 "$W/s.db" ".import --csv $FILE needs"
done
rm -f "$W/n.db" "$W/s.db"

median() { grep "^$1 " "$W/runs.txt" | awk -v c="$2" '{ print $c }' | sort -g |
  awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
nw=$(median needstat 2) sw=$(median sqlite3 2)
nr=$(median needstat 3) sr=$(median sqlite3 3)
awk -v nw="$nw" -v sw="$sw" -v nr="$nr" -v sr="$sr" -v runs="$RUNS" 'BEGIN {
  printf "median of %d: needstat %.2f s %.1f MiB, sqlite3 .import %.2f s %.1f MiB\n",
    runs, nw, nr / 1024, sw, sr / 1024
  printf "ratio needstat / sqlite3: wall %.2f, max RSS %.2f\n", nw / sw, nr / sr }'
