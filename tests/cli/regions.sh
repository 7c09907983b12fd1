#!/usr/bin/env bash
# needstat-regions end to end: resolve (FSA, X0A/X1A, ZIP, blank, invalid),
# load regions / crosswalk / populations (bad files: FILE:LINE, nothing
# loaded; stored contacts re-derived), list, usage errors.
. "$(dirname "$0")/lib.sh"
F="$NS_SRC/fixtures/classify"
export NEEDSTAT_DB="$T/needstat.db"
X="$NS_BIN/needstat-regions"

init_db "$NEEDSTAT_DB"
run "$X" --help
[ "$RC" = 0 ] && grep -q '^usage: needstat-regions \[--db FILE\] resolve' "$T/out" ||
  fail "--help"
run_fails 64 "needstat-regions: 'load': unknown subcommand or wrong number of operands" \
  "$X" load crosswalk
run_fails 64 "needstat-regions: cannot load 'keys': say crosswalk, regions or populations" \
  "$X" load keys "$F/crosswalk.csv"
run_fails 64 "needstat-regions: --level goes with 'list'" "$X" resolve K1A --level x

run_ok "$X" resolve 'K1A 0B1' x0a 'X1A 2P3' 90210-1234 '' <<'OUT'
input,kind,key,province,region,chain
K1A 0B1,ca,K1A,ON,ON,ON (Ontario) > CA (Canada)
x0a,ca,X0A,NU,NU,NU (Nunavut) > CA (Canada)
X1A 2P3,ca,X1A,NT,NT,NT (Northwest Territories) > CA (Canada)
90210-1234,us,90210,US-CA,US-CA,US-CA (California) > US (United States)
,blank,,,unknown,unknown (Unknown location)
OUT
run "$X" resolve 'H2X 1Y4' 'Montréal' W1A
[ "$RC" = 65 ] && [ "$(cat "$T/out")" = "input,kind,key,province,region,chain
H2X 1Y4,ca,H2X,QC,QC,QC (Quebec) > CA (Canada)" ] || fail "resolve invalid: $RC"
grep -qxF "needstat-regions: 'Montréal' is not a postal code or ZIP" "$T/err" &&
grep -qxF "needstat-regions: 'W1A': first letter is not used in Canadian postal codes" "$T/err" ||
  fail "resolve invalid: stderr '$(cat "$T/err")'"

"$NS_BIN/needstat-ingest" -q --source s "$F/contacts1.csv" 2> /dev/null ||
  fail "ingest of contacts1.csv"

# bad files: file and line, nothing loaded, contacts untouched
run_fails 65 "needstat-regions: $F/crosswalk.csv:2: 'ON-ottawa' is not a known region (load it with the regions file first)" \
  "$X" load crosswalk "$F/crosswalk.csv"
run_fails 65 "needstat-regions: $F/populations_bad.csv:2: 'ON-ottawa' is not a known region" \
  "$X" load populations "$F/populations_bad.csv"
printf 'id,level,parent_id\nON-x,region,ON-y\n' > "$T/regions_bad.csv"
run_fails 65 "needstat-regions: $T/regions_bad.csv:2: parent_id 'ON-y' of region 'ON-x' is not a known region" \
  "$X" load regions "$T/regions_bad.csv"
[ "$(q "$NEEDSTAT_DB" "SELECT count(*) FROM regions WHERE id LIKE 'ON-%'")" = 0 ] || fail "bad regions kept"
[ "$(q "$NEEDSTAT_DB" "SELECT region_id FROM contacts WHERE source_contact_id = 'C8'")" = QC ] ||
  fail "C8 should still have its override"

# the regions load re-derives contacts from their postal codes; C8 keeps
# the region its row gave (QC)
run_ok "$X" load regions "$F/regions.csv" <<OUT
regions: 3 rows from '$F/regions.csv'; 0 of 10 contacts changed region or province
OUT
run_fails 65 "needstat-regions: $F/crosswalk_bad.csv:3: 'ON-nowhere' is not a known region (load it with the regions file first)" \
  "$X" load crosswalk "$F/crosswalk_bad.csv"
run_fails 65 "needstat-regions: $F/crosswalk_badkey.csv:3: 'K1A 0B1' is not an FSA (K1A) or a 5-digit ZIP" \
  "$X" load crosswalk "$F/crosswalk_badkey.csv"
[ "$(q "$NEEDSTAT_DB" 'SELECT count(*) FROM region_keys')" = 0 ] || fail "bad crosswalk kept"
run_ok "$X" load crosswalk "$F/crosswalk.csv" <<OUT
crosswalk: 4 rows from '$F/crosswalk.csv'; 4 of 10 contacts changed region or province
OUT
[ "$(q "$NEEDSTAT_DB" "SELECT group_concat(source_contact_id || ':' || region_id || ':' || coalesce(province, '-'), ' ') FROM (SELECT * FROM contacts ORDER BY id)")" = \
  "C1:ON-ottawa:ON C2:QC:QC C3:NU-qikiqtaaluk:NU C4:NT:NT C5:US-CA-037:US-CA C6:unknown:- C7:unknown:- C8:QC:QC C9:AB:AB C10:ON-ottawa:ON" ] ||
  fail "contacts after the crosswalk: $(q "$NEEDSTAT_DB" 'SELECT source_contact_id, region_id FROM contacts')"
run_ok "$X" load crosswalk "$F/crosswalk.csv" <<OUT
crosswalk: 4 rows from '$F/crosswalk.csv'; 0 of 10 contacts changed region or province
OUT

# ZIP-to-county crosswalks: a ZIP on rows of several counties.  Without
# weights: refused, each repeated key with FILE:LINE of each row, nothing
# loaded; with weights: the largest share, split keys counted.
printf 'id,level,parent_id,name_en\nUS-CA-059,county,US-CA,Orange County\n' > "$T/counties.csv"
"$X" load regions "$T/counties.csv" > /dev/null || fail "load counties.csv"
printf 'key,region_id\n90210,US-CA-037\n90620,US-CA-059\n90631,US-CA-037\n90620,US-CA-037\n90631,US-CA-059\n90631,US-CA-037\n' > "$T/zips.csv"
run_fails 65 "needstat-regions: $T/zips.csv: 2 keys on more than one row and no weight column to choose a region: '90620' at $T/zips.csv:3, $T/zips.csv:5; '90631' at $T/zips.csv:4, $T/zips.csv:6, $T/zips.csv:7 (give each key once, or add a 'weight' column, such as the share of the key's addresses, and each key goes to its largest share)" \
  "$X" load crosswalk "$T/zips.csv"
[ "$(q "$NEEDSTAT_DB" "SELECT count(*) FROM region_keys WHERE key IN ('90620', '90631')")" = 0 ] || fail "repeated keys: something loaded"
printf 'key,region_id,weight\n90210,US-CA-037,1\n90620,US-CA-059,0.7\n90631,US-CA-037,0.25\n90620,US-CA-037,0.3\n90631,US-CA-059,0.5\n90631,US-CA-037,0.25\n' > "$T/zipsw.csv"
run_ok "$X" load crosswalk "$T/zipsw.csv" <<OUT
crosswalk: 6 rows from '$T/zipsw.csv' for 3 keys, 2 of them split between regions (each in its largest share); 0 of 10 contacts changed region or province
OUT
# 90631: 0.25 + 0.25 for 037 against 0.5 for 059: a tie, the smaller id
[ "$(q "$NEEDSTAT_DB" "SELECT group_concat(key || ':' || region_id, ' ') FROM (SELECT * FROM region_keys WHERE key LIKE '9%' ORDER BY key)")" = \
  "90210:US-CA-037 90620:US-CA-059 90631:US-CA-037" ] || fail "weighted crosswalk: $(q "$NEEDSTAT_DB" 'SELECT * FROM region_keys')"
# HUD column names through --weight; a bad or missing weight is refused
printf 'key,region_id,res_ratio,tot_ratio\n90620,US-CA-059,0.2,0.6\n90620,US-CA-037,0.8,0.4\n' > "$T/hud.csv"
run_ok "$X" load --weight res_ratio crosswalk "$T/hud.csv" <<OUT
crosswalk: 2 rows from '$T/hud.csv' for 1 keys, 1 of them split between regions (each in its largest share); 0 of 10 contacts changed region or province
OUT
[ "$(q "$NEEDSTAT_DB" "SELECT region_id FROM region_keys WHERE key = '90620'")" = US-CA-037 ] || fail "--weight res_ratio"
run_ok "$X" load crosswalk --weight tot_ratio "$T/hud.csv" <<OUT
crosswalk: 2 rows from '$T/hud.csv' for 1 keys, 1 of them split between regions (each in its largest share); 0 of 10 contacts changed region or province
OUT
[ "$(q "$NEEDSTAT_DB" "SELECT region_id FROM region_keys WHERE key = '90620'")" = US-CA-059 ] || fail "--weight tot_ratio"
run_fails 65 "needstat-regions: $T/hud.csv:1: no weight column 'share' in this crosswalk file (the header is this line)" \
  "$X" load --weight share crosswalk "$T/hud.csv"
printf 'key,region_id,weight\n90620,US-CA-059,0.7\n90620,US-CA-037,\n' > "$T/zipsw_bad.csv"
run_fails 65 "needstat-regions: $T/zipsw_bad.csv:3: column 'weight' is empty: every row of a crosswalk with weights needs one" \
  "$X" load crosswalk "$T/zipsw_bad.csv"
printf 'key,region_id,weight\n90620,US-CA-059,-1\n' > "$T/zipsw_bad.csv"
run_fails 65 "needstat-regions: $T/zipsw_bad.csv:2: column 'weight': '-1' is not a weight (a number from 0 up, such as 0.25)" \
  "$X" load crosswalk "$T/zipsw_bad.csv"
run_fails 64 "needstat-regions: --weight goes with 'load crosswalk'" \
  "$X" load --weight w regions "$T/counties.csv"
[ "$(q "$NEEDSTAT_DB" "SELECT region_id FROM region_keys WHERE key = '90620'")" = US-CA-059 ] || fail "bad weighted files: something loaded"

run_ok "$X" resolve K1A0B1 X0A 90210 <<'OUT'
input,kind,key,province,region,chain
K1A0B1,ca,K1A,ON,ON-ottawa,ON-ottawa (Ottawa) > ON (Ontario) > CA (Canada)
X0A,ca,X0A,NU,NU-qikiqtaaluk,NU-qikiqtaaluk (Qikiqtaaluk) > NU (Nunavut) > CA (Canada)
90210,us,90210,US-CA,US-CA-037,US-CA-037 (Los Angeles County) > US-CA (California) > US (United States)
OUT

run_ok "$X" load populations "$F/populations.csv" <<OUT
populations: 2 rows from '$F/populations.csv'
OUT
run_ok "$X" list --level region <<'OUT'
id,level,parent_id,name_en,name_fr,population,year
NU-qikiqtaaluk,region,NU,Qikiqtaaluk,Qikiqtaaluk,,
ON-ottawa,region,ON,Ottawa,Ottawa,1017449,2021
OUT
run "$X" list
[ "$RC" = 0 ] && [ "$(sed -n '2p;10,12p' "$T/out")" = "CA,country,,Canada,Canada,36991981,2021
NU,province,CA,Nunavut,Nunavut,36858,2021
NU-qikiqtaaluk,region,NU,Qikiqtaaluk,Qikiqtaaluk,,
ON,province,CA,Ontario,Ontario,14223942,2021" ] || fail "list: $(head -15 "$T/out")"
[ "$(wc -l < "$T/out")" = 73 ] || fail "list (with US-CA-059): $(wc -l < "$T/out") lines"
finish
