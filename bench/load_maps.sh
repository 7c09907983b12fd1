#!/usr/bin/env bash
# bench/load_maps.sh DB: create DB (replacing it) with needstat-init and load
# ../shared/bench/category_map.csv and fsa_region.csv converted to
# needstat's formats (a categories file, a regions file, a crosswalk) in a
# temporary directory.  Used by table.sh and ingest.sh.  With NS_MAPS_DIR
# set, the converted files are kept in that directory and reused when
# present (bench/vs_duckdb.sh: the conversion is bench glue, not timed).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bench/load_maps.sh DB" >&2; exit 64; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(cd "$HERE/../../shared/bench" && pwd)"
BIN="${NS_BIN:-$HERE/../build/bin}"
DB="$1"
if [ -n "${NS_MAPS_DIR:-}" ]; then
  TMP="$NS_MAPS_DIR"
  mkdir -p "$TMP"
else
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
fi
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
"$BIN/needstat-init" -q --db "$DB"

# The bench map's categories are not needstat's: load them with a
# categories file of their ids (an id without names is its own label; ids
# needstat has already keep their names).  The crosswalk maps an FSA to a
# (province, region) name: each pair becomes a region <province>-<slug>
# under the province needstat already has.
[ -s "$TMP/crosswalk.csv" ] || python3 - "$BENCH" "$TMP" "$DB" <<'PY'
import csv, re, sqlite3, sys, unicodedata
bench, tmp, db = sys.argv[1:4]
with open(f"{bench}/category_map.csv", newline="") as f:
    cats = sorted({row["category"] for row in csv.DictReader(f)})
with open(f"{tmp}/categories.csv", "w", newline="") as f:
    f.write("id\n" + "".join(c + "\n" for c in cats))
provinces = {r[0]: r for r in sqlite3.connect(db).execute(
    "SELECT id, level, parent_id, name_en, name_fr FROM regions "
    "WHERE level = 'province'")}
def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
ids, keys = {}, []
with open(f"{bench}/fsa_region.csv", newline="") as f:
    for row in csv.DictReader(f):
        prov, name = row["province"], row["region"]
        if prov not in provinces:
            sys.exit(f"fsa_region.csv: unknown province {prov!r}")
        if (prov, name) not in ids:
            rid = f"{prov}-{slug(name)}"
            if rid in ids.values():
                sys.exit(f"fsa_region.csv: two regions make id {rid!r}")
            ids[(prov, name)] = rid
        keys.append((row["fsa"], ids[(prov, name)]))
with open(f"{tmp}/regions.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "level", "parent_id", "name_en", "name_fr"])
    for p in sorted({p for p, _ in ids}):
        w.writerow(provinces[p])
    for (p, name), rid in sorted(ids.items(), key=lambda kv: kv[1]):
        w.writerow([rid, "region", p, name, name])
with open(f"{tmp}/crosswalk.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["key", "region_id"])
    w.writerows(keys)
PY
"$BIN/needstat-taxonomy" --db "$DB" map load "$BENCH/category_map.csv" \
  --categories "$TMP/categories.csv" > /dev/null
"$BIN/needstat-regions" --db "$DB" load regions "$TMP/regions.csv" > /dev/null
"$BIN/needstat-regions" --db "$DB" load crosswalk "$TMP/crosswalk.csv" > /dev/null
