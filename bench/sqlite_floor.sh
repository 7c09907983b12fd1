#!/usr/bin/env bash
# bench/sqlite_floor.sh FILE.csv [RUNS]: the floor of storing needstat's
# rows in SQLite.  For as many needs as FILE.csv has rows, time
# sqlite_floor (only the inserts needstat-ingest makes, no parsing) against
# sqlite3 '.import --csv FILE.csv' into an unvalidated table, alternating,
# RUNS (default 3) times.  Tools from $NS_BIN (default build/bin).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/sqlite_floor.sh FILE.csv [RUNS]" >&2; exit 64; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
FILE="$1" RUNS="${2:-3}"
W="$(mktemp -d "${TMPDIR:-/tmp}/needstat-floor.XXXXXX")"
trap 'rm -rf "$W"' EXIT
cc -O2 -o "$W/sqlite_floor" "$HERE/sqlite_floor.c" $(pkg-config --cflags --libs sqlite3)
rows=$(($(wc -l < "$FILE") - 1))
cat "$FILE" > /dev/null
for i in $(seq "$RUNS"); do
  rm -f "$W/f.db" "$W/i.db"
  "$BIN/needstat-init" -q --db "$W/f.db"
  /usr/bin/time -f "floor   wall %e s" "$W/sqlite_floor" "$W/f.db" "$rows"
  /usr/bin/time -f "import  wall %e s" sqlite3 "$W/i.db" \
    "CREATE TABLE needs(contact_id,started_at,channel,language,postal_code,age_group,gender,need_code,need_status,unmet_reason,referrals)" \
    ".import --csv --skip 1 $FILE needs"
done
