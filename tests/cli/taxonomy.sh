#!/usr/bin/env bash
# needstat-taxonomy end to end: classify (output, invalid codes), map load
# (bad file: FILE:LINE and nothing loaded; own categories), map show,
# terms load, unmapped, reclassify, usage errors.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
F="$NS_SRC/fixtures/classify"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export NEEDSTAT_DB="$T/needstat.db"
X="$NS_BIN/needstat-taxonomy"
. "$NS_SRC/tests/cli/expect.bash"

"$NS_BIN/needstat-init" -q

run "$X" --help
[ "$rc" = 0 ] && grep -q '^Exit status: 0 ok, 64 usage, 65 bad data' "$T/out" ||
  fail "--help"
expect_ok "$X" --version <<< "needstat-taxonomy 0.1.0"
# -V/--version means the same after a subcommand (no subcommand flag of
# that name: map show takes --map-version)
expect_ok "$X" map show --version <<< "needstat-taxonomy 0.1.0"
expect_ok "$X" unmapped -V <<< "needstat-taxonomy 0.1.0"
expect_err 64 "needstat-taxonomy: no subcommand" "$X"
expect_err 64 "needstat-taxonomy: 'map': unknown subcommand or wrong number of operands" \
  "$X" map load
expect_err 64 "needstat-taxonomy: --categories goes with 'map load'" \
  "$X" unmapped --categories x.csv

expect_ok "$X" classify 'bd-1800.2000 * yn-9000' BH-8900.9100 BV-8900.9300 \
  NL-6000.2000 N YF-3000 <<'OUT'
code,level,service,targets,category,name_en,prefix,map_version
BD-1800.2000 * YN-9000,4,BD-1800.2000,YN-9000,food,Food/Meals,BD,1
BH-8900.9100,4,BH-8900.9100,,utilities,Utility Assistance,BH-8900,1
BV-8900.9300,4,BV-8900.9300,,utilities,Utility Assistance,BV,1
NL-6000.2000,4,NL-6000.2000,,food,Food/Meals,NL-6000,1
N,1,N,,income,Income Support/Assistance,N,1
YF-3000,3,YF-3000,,target_only,Target term only,Y,1
OUT
# an invalid code: the good ones print, the bad one is named, exit 65
run "$X" classify BD 'B D' QX-1000
[ "$rc" = 65 ] || fail "classify invalid: exit $rc"
[ "$(tail -n 1 "$T/out")" = "BD,2,BD,,food,Food/Meals,BD,1" ] || fail "classify BD"
grep -qxF "needstat-taxonomy: 'B D' is not a taxonomy code" "$T/err" &&
grep -qxF "needstat-taxonomy: 'QX-1000' is not a taxonomy code (unknown taxonomy section)" "$T/err" ||
  fail "classify invalid: stderr '$(cat "$T/err")'"

# a bad map: file and line, nothing loaded (still one version)
expect_err 65 "needstat-taxonomy: $F/map_bad.csv:5: 'B D' is not a taxonomy prefix (expected a code such as B, BD, BD-1800 or BD-1800.2000)" \
  "$X" map load "$F/map_bad.csv"
expect_err 65 "needstat-taxonomy: $F/map2.csv:7: 'shelter' is not a known category (give the map's categories file too)" \
  "$X" map load "$F/map2.csv"
expect_err 66 "needstat-taxonomy: cannot open '$T/none.csv': No such file or directory" \
  "$X" map load "$T/none.csv"
[ "$(q 'SELECT count(*) FROM map_versions')" = 1 ] || fail "a bad map left a version"
[ "$(q "SELECT count(*) FROM categories WHERE id = 'shelter'")" = 0 ] || fail "categories kept"

"$NS_BIN/needstat-ingest" -q --source s "$F/contacts1.csv" 2> /dev/null
expect_ok "$X" unmapped <<'OUT'
code,needs,prefix,category
YF-3000,1,Y,target_only
OUT

expect_ok "$X" map load "$F/map2.csv" --categories "$F/categories2.csv" <<OUT
categories: 1 rows from '$F/categories2.csv'
map version 2: 18 prefixes from '$F/map2.csv'; stored needs keep their category until 'needstat-taxonomy reclassify'
OUT
run "$X" map show
[ "$rc" = 0 ] && [ "$(head -n 1 "$T/out")" = "prefix,category" ] &&
  [ "$(wc -l < "$T/out")" = 19 ] && grep -qx 'BH-1800,shelter' "$T/out" ||
  fail "map show: $(cat "$T/out")"
# map show's output loads as a map again
cp "$T/out" "$T/shown.csv"
run "$X" map show --map-version 1
[ "$rc" = 0 ] && [ "$(grep -c , "$T/out")" = 27 ] && grep -qx 'NL-6000,food' "$T/out" ||
  fail "map show --map-version 1"
expect_err 65 "needstat-taxonomy: there is no category map version 9" \
  "$X" map show --map-version 9
expect_ok "$X" classify BH-1800.8500 JP-1500 <<'OUT'
code,level,service,targets,category,name_en,prefix,map_version
BH-1800.8500,4,BH-1800.8500,,shelter,Shelter,BH-1800,2
JP-1500,3,JP-1500,,other,Other / unmapped,,2
OUT

# 4: with YF-3000, target_only under the bundled map, other under map2's Y
expect_ok "$X" reclassify <<< "map version 2 applied to 10 needs: 4 changed category"
expect_ok "$X" unmapped <<'OUT'
code,needs,prefix,category
JP-1500,1,,other
YF-3000,1,Y,other
OUT
expect_ok "$X" reclassify <<< "map version 2 applied to 10 needs: 0 changed category"
"$X" map load "$T/shown.csv" > /dev/null
expect_ok "$X" reclassify <<< "map version 3 applied to 10 needs: 0 changed category"

expect_ok "$X" terms load "$F/terms.csv" <<< "terms: 2 rows from '$F/terms.csv'"
expect_err 65 "needstat-taxonomy: $F/terms_bad.csv:3: 'bd-1800' is not a taxonomy code (expected a code such as B, BD, BD-1800 or BD-1800.2000)" \
  "$X" terms load "$F/terms_bad.csv"
[ "$(q 'SELECT count(*) FROM terms')" = 2 ] || fail "terms"

expect_err 66 "needstat-taxonomy: database '$T/missing.db' does not exist: run 'needstat-init --db $T/missing.db' first" \
  "$X" --db "$T/missing.db" unmapped
echo "ok: needstat-taxonomy"
