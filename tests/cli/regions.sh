#!/usr/bin/env bash
# needstat-regions end to end: resolve (FSA, X0A/X1A, ZIP, blank, invalid),
# load regions / crosswalk / populations (bad files: FILE:LINE, nothing
# loaded; stored contacts re-derived), list, usage errors.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
F="$NS_SRC/fixtures/classify"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export NEEDSTAT_DB="$T/needstat.db"
X="$NS_BIN/needstat-regions"
. "$NS_SRC/tests/cli/expect.bash"

"$NS_BIN/needstat-init" -q
run "$X" --help
[ "$rc" = 0 ] && grep -q '^usage: needstat-regions \[--db FILE\] resolve' "$T/out" ||
  fail "--help"
expect_err 64 "needstat-regions: 'load': unknown subcommand or wrong number of operands" \
  "$X" load crosswalk
expect_err 64 "needstat-regions: cannot load 'keys': say crosswalk, regions or populations" \
  "$X" load keys "$F/crosswalk.csv"
expect_err 64 "needstat-regions: --level goes with 'list'" "$X" resolve K1A --level x

expect_ok "$X" resolve 'K1A 0B1' x0a 'X1A 2P3' 90210-1234 '' <<'OUT'
input,kind,key,province,region,chain
K1A 0B1,ca,K1A,ON,ON,ON (Ontario) > CA (Canada)
x0a,ca,X0A,NU,NU,NU (Nunavut) > CA (Canada)
X1A 2P3,ca,X1A,NT,NT,NT (Northwest Territories) > CA (Canada)
90210-1234,us,90210,US-CA,US-CA,US-CA (California) > US (United States)
,blank,,,unknown,unknown (Unknown location)
OUT
run "$X" resolve 'H2X 1Y4' 'Montréal' W1A
[ "$rc" = 65 ] && [ "$(cat "$T/out")" = "input,kind,key,province,region,chain
H2X 1Y4,ca,H2X,QC,QC,QC (Quebec) > CA (Canada)" ] || fail "resolve invalid: $rc"
grep -qxF "needstat-regions: 'Montréal' is not a postal code or ZIP" "$T/err" &&
grep -qxF "needstat-regions: 'W1A': first letter is not used in Canadian postal codes" "$T/err" ||
  fail "resolve invalid: stderr '$(cat "$T/err")'"

"$NS_BIN/needstat-ingest" -q --source s "$F/contacts1.csv" 2> /dev/null

# bad files: file and line, nothing loaded, contacts untouched
expect_err 65 "needstat-regions: $F/crosswalk.csv:2: 'ON-ottawa' is not a known region (load it with the regions file first)" \
  "$X" load crosswalk "$F/crosswalk.csv"
expect_err 65 "needstat-regions: $F/populations_bad.csv:2: 'ON-ottawa' is not a known region" \
  "$X" load populations "$F/populations_bad.csv"
printf 'id,level,parent_id\nON-x,region,ON-y\n' > "$T/regions_bad.csv"
expect_err 65 "needstat-regions: $T/regions_bad.csv:2: parent_id 'ON-y' of region 'ON-x' is not a known region" \
  "$X" load regions "$T/regions_bad.csv"
[ "$(q "SELECT count(*) FROM regions WHERE id LIKE 'ON-%'")" = 0 ] || fail "bad regions kept"
[ "$(q "SELECT region_id FROM contacts WHERE source_contact_id = 'C8'")" = QC ] ||
  fail "C8 should still have its override"

# the regions load re-derives contacts from their postal codes; C8 keeps
# the region its row gave (QC)
expect_ok "$X" load regions "$F/regions.csv" <<OUT
regions: 3 rows from '$F/regions.csv'; 0 of 10 contacts changed region or province
OUT
expect_err 65 "needstat-regions: $F/crosswalk_bad.csv:3: 'ON-nowhere' is not a known region (load it with the regions file first)" \
  "$X" load crosswalk "$F/crosswalk_bad.csv"
expect_err 65 "needstat-regions: $F/crosswalk_badkey.csv:3: 'K1A 0B1' is not an FSA (K1A) or a 5-digit ZIP" \
  "$X" load crosswalk "$F/crosswalk_badkey.csv"
[ "$(q 'SELECT count(*) FROM region_keys')" = 0 ] || fail "bad crosswalk kept"
expect_ok "$X" load crosswalk "$F/crosswalk.csv" <<OUT
crosswalk: 4 rows from '$F/crosswalk.csv'; 4 of 10 contacts changed region or province
OUT
[ "$(q "SELECT group_concat(source_contact_id || ':' || region_id || ':' || coalesce(province, '-'), ' ') FROM (SELECT * FROM contacts ORDER BY id)")" = \
  "C1:ON-ottawa:ON C2:QC:QC C3:NU-qikiqtaaluk:NU C4:NT:NT C5:US-CA-037:US-CA C6:unknown:- C7:unknown:- C8:QC:QC C9:AB:AB C10:ON-ottawa:ON" ] ||
  fail "contacts after the crosswalk: $(q 'SELECT source_contact_id, region_id FROM contacts')"
expect_ok "$X" load crosswalk "$F/crosswalk.csv" <<OUT
crosswalk: 4 rows from '$F/crosswalk.csv'; 0 of 10 contacts changed region or province
OUT
expect_ok "$X" resolve K1A0B1 X0A 90210 <<'OUT'
input,kind,key,province,region,chain
K1A0B1,ca,K1A,ON,ON-ottawa,ON-ottawa (Ottawa) > ON (Ontario) > CA (Canada)
X0A,ca,X0A,NU,NU-qikiqtaaluk,NU-qikiqtaaluk (Qikiqtaaluk) > NU (Nunavut) > CA (Canada)
90210,us,90210,US-CA,US-CA-037,US-CA-037 (Los Angeles County) > US-CA (California) > US (United States)
OUT

expect_ok "$X" load populations "$F/populations.csv" <<OUT
populations: 2 rows from '$F/populations.csv'
OUT
expect_ok "$X" list --level region <<'OUT'
id,level,parent_id,name_en,name_fr,population,year
NU-qikiqtaaluk,region,NU,Qikiqtaaluk,Qikiqtaaluk,,
ON-ottawa,region,ON,Ottawa,Ottawa,1017449,2021
OUT
run "$X" list
[ "$rc" = 0 ] && [ "$(sed -n '2p;10,12p' "$T/out")" = "CA,country,,Canada,Canada,36991981,2021
NU,province,CA,Nunavut,Nunavut,36858,2021
NU-qikiqtaaluk,region,NU,Qikiqtaaluk,Qikiqtaaluk,,
ON,province,CA,Ontario,Ontario,14223942,2021" ] || fail "list: $(head -15 "$T/out")"
[ "$(wc -l < "$T/out")" = 72 ] || fail "list: $(wc -l < "$T/out") lines"
echo "ok: needstat-regions"
