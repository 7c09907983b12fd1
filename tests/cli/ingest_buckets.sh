# Issue 11: every row read lands in exactly one bucket that the summary
# names, per file and per run:
#   read = loaded + merged + duplicate + dropped + blank + rejected
# printed by needstat-ingest, stored per batch, shown by data_quality.
# A crafted canonical file holds every kind of row (a bad code beside a
# good one, blank codes, a dotted level-6 code, a local extension code, a
# target term alone, a bad status and referral count, a blank row, rows
# that cannot be stored); a crafted profile export adds duplicates with
# and without a need id, a further agency row of a need id and a rule drop.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
init_db t.db

cat >canon.csv <<'CSV'
contact_id,started_at,postal_code,need_code,need_status,referrals,referred_to
c1,2025-01-05T10:00:00-05:00,K1A 0B1,BD-1800.2000,met,1,Food Bank
c1,2025-01-05T10:00:00-05:00,K1A 0B1,4711,unmet,,
c2,2025-01-06 09:00,M5V 2T6,,,,
c2,2025-01-06 09:00,M5V 2T6,,unmet,,
c3,2025-01-06 10:00,M5V 2T6,BH-1800.8500,unmet,0,
c3,2025-01-06 10:00,M5V 2T6,,,,
c4,2025-01-07,M5V 2T6,RP-1400.8000-020.24,met,0,
c5,2025-01-07,M5V 2T6,X_RX-8450.5000-500,partial,two,
c6,2025-01-07,M5V 2T6,YN-9000,maybe,,
,2025-01-07,M5V 2T6,BD,met,,
c7,2025-13-07,M5V 2T6,BD,met,,
,,,,,,
c8,2025-01-08,,BD-1800,met,1,
CSV
# 13 rows: 8 loaded (c1 x2, c2, c3, c4, c5, c6, c8), 2 merged (c2's and
# c3's second rows), 1 blank, 2 rejected (no contact id, no date)
run "$INGEST" --db t.db --source s --rejects rj.csv canon.csv
expect_rc 0 "canonical"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 13 rows read = 8 loaded + 2 merged + 0 duplicate + 0 dropped + 1 blank + 2 rejected; 7 contacts (7 new, 0 replaced), 7 needs; T s" "canonical: the equation printed"
expect_eq "$(q t.db 'SELECT rows_read, rows_loaded, rows_merged, rows_duplicate, rows_dropped, rows_blank, rows_rejected FROM batches')" "13|8|2|0|0|1|2" "canonical: the equation stored"
# the contact with a bad code keeps its good need and its bad one
expect_eq "$(q t.db "SELECT group_concat(k.code || '=' || n.category, ' ') FROM needs_v n JOIN codes k ON k.code = n.code WHERE n.source_contact_id = 'c1'")" "BD-1800.2000=food 4711=unclassified" "bad code beside a good one: both needs"
expect_eq "$(q t.db "SELECT code || '|' || level FROM codes WHERE code LIKE 'RP-%'")" "RP-1400.8000-020-24|6" "dotted level 6: dash form"
expect_eq "$(q t.db "SELECT n.category || '|' || n.status || '|' || coalesce(n.referrals, 'NULL') FROM needs_v n WHERE source_contact_id = 'c5'")" "unclassified|partial|NULL" "local extension code: unclassified, referrals unknown"
expect_eq "$(q t.db "SELECT n.category || '|' || n.status FROM needs_v n WHERE source_contact_id = 'c6'")" "target_only|unrecorded" "target term alone, bad status"
expect_eq "$(q t.db "SELECT count(*) FROM needs_v WHERE source_contact_id = 'c2'")|$(q t.db "SELECT count(*) FROM contacts WHERE source_contact_id = 'c2'")" "0|1" "blank codes: a contact with no need"
# the rejects file: rejected and kept rows, with their action
expect_eq "$(sed -n '2,$p' rj.csv | awk -F, '{print $2 ":" $3 ":" $NF}' | tr '\n' ' ')" "3:need_code:kept 9:need_code:kept 10:need_status:kept 11:contact_id:rejected 12:started_at:rejected " "rejects file: rows and actions"
expect_line rj.csv 'canon.csv,3,need_code,4711,is not a taxonomy code: need kept as unclassified (invalid code),"c1,2025-01-05T10:00:00-05:00,K1A 0B1,4711,unmet,,",kept' "rejects file: a kept row"
# data_quality: the buckets and the shares per batch
"$NS_BIN/needstat-report" --db t.db --month 2025-01 data_quality >dq.txt 2>dq.err || fail "data_quality: $(cat dq.err)"
for want in "all rows read:13" "loaded:8" "merged into an existing contact or need:2" "blank (nothing to store):1" "rejected:2"; do
	detail=${want%:*} n=${want##*:}
	grep -Eq "^Rows of the batch +1 +canon\\.csv +$(printf '%s' "$detail" | sed 's/[()]/\\&/g') +$n " dq.txt || fail "data_quality: no line '$detail $n'"
done
grep -Eq '^Share per batch +1 +canon\.csv +need_code +not a taxonomy code: kept as unclassified +2 +15\.4%' dq.txt || fail "data_quality: share of invalid codes"
grep -Eq '^Share per batch +1 +canon\.csv +need_code +blank: a contact with no need +3 +23\.1%' dq.txt || fail "data_quality: share of blank codes"
grep -Eq '^Share per batch +1 +canon\.csv +need_code +target term only \(section Y\) +1 ' dq.txt || fail "data_quality: target terms alone"
grep -Eq '^Share per batch +1 +canon\.csv +started_at +not a date or out of range: rejected +1 ' dq.txt || fail "data_quality: dates rejected"
grep -Eq '^Share per batch +1 +canon\.csv +region +blank or unknown \(share of the contacts\) +1 +14\.3%' dq.txt || fail "data_quality: blank regions"

# A map sends the raw codes somewhere; reclassify applies it.
{ "$NS_BIN/needstat-taxonomy" --db t.db map show; printf 'X_RX,mental_health\n47,housing\n'; } >map.csv
"$NS_BIN/needstat-taxonomy" --db t.db map load map.csv >/dev/null || fail "map with raw-code prefixes refused"
"$NS_BIN/needstat-taxonomy" --db t.db reclassify >/dev/null || fail "reclassify"
expect_eq "$(q t.db "SELECT group_concat(n.source_contact_id || '=' || n.category, ' ') FROM (SELECT * FROM needs_v WHERE code IN ('X_RX-8450.5000-500', '4711') ORDER BY source_contact_id) n")" "c1=housing c5=mental_health" "raw codes mapped by the map"
printf 'prefix,category\nB D,food\n' >badmap.csv
run "$NS_BIN/needstat-taxonomy" --db t.db map load badmap.csv
expect_rc 65 "a map prefix that is neither a code nor a raw-code prefix"

# A profile export: need ids with a further agency row and an exact
# duplicate, a duplicate row without need id, a rule drop, a blank row.
cat >p.ini <<'INI'
[profile]
name = buckets
drop_duplicate_rows = yes
need_id = Need

[columns]
contact_id = Call
started_at = When
need_code = Code
need_status = Outcome
referred_to = Agency

[drop]
Kind = test
INI
cat >export.csv <<'CSV'
Call,When,Code,Outcome,Agency,Need,Kind
p1,2025-02-01,BD-1800.2000,met,Food Bank,n1,real
p1,2025-02-01,BD-1800.2000,met,Pantry,n1,real
p1,2025-02-01,BD-1800.2000,met,Food Bank,n1,real
p1,2025-02-01,BH-1800,unmet,,n2,real
p2,2025-02-02,BD-1800,met,,n3,real
p2,2025-02-02,BD-1800,met,,n3,real
p3,2025-02-03,BD-1800,met,,n4,test
,,,,,,
p4,2025-02-04,X_RX-1,met,A;B,n5,real
p4,2025-02-04,X_RX-1,met,B,n5,other
CSV
# 10 rows: loaded p1/n1, p1/n2, p2/n3, p4/n5 = 4; merged: p1 Pantry = 1;
# duplicate: line 4 (drop_duplicate_rows: = line 2) and line 7 (= line 6)
# are exact repeats, line 11 repeats need n5 adding no agency = 3;
# dropped 1; blank 1; rejected 0
run "$INGEST" --db t.db --source p --profile ./p.ini --rejects prj.csv export.csv
expect_rc 0 "profile"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 10 rows read = 4 loaded + 1 merged + 3 duplicate + 1 dropped + 1 blank + 0 rejected; 3 contacts (3 new, 0 replaced), 4 needs; T s" "profile: the equation printed"
expect_eq "$(q t.db "SELECT rows_read, rows_loaded, rows_merged, rows_duplicate, rows_dropped, rows_blank, rows_rejected FROM batches WHERE profile = 'buckets'")" "10|4|1|3|1|1|0" "profile: the equation stored"
expect_eq "$(q t.db "SELECT referrals FROM needs_v WHERE source_contact_id = 'p1' AND code = 'BD-1800.2000'")" "2" "need id: the agencies of its rows, once each"
expect_eq "$(awk -F, '$NF == "duplicate" {print $2}' prj.csv | sort -n | tr '\n' ' ')" "4 7 11 " "profile: duplicates written to the rejects file"
expect_eq "$(q t.db 'SELECT sum(rows_read) = sum(rows_loaded + rows_merged + rows_duplicate + rows_dropped + rows_blank + rows_rejected) FROM batches')" "1" "every batch: the equation"

# The dry run lists the codes no map classifies, most frequent first,
# capped at 20, with how many more and the total: X_C01 once ... X_C25
# 25 times.
{
	echo "Call,When,Code,Outcome,Agency,Need,Kind"
	for i in $(seq 1 25); do
		for j in $(seq 1 "$i"); do
			printf 'd%d-%d,2025-03-01,X_C%02d,met,,,real\n' "$i" "$j" "$i"
		done
	done
} >codes.csv
run "$INGEST" --db t.db --source d --profile ./p.ini --dry-run codes.csv
expect_rc 0 "dry run: codes"
sed -n "/^Taxonomy codes no category map entry/,/^\$/p" out >codes.txt
expect_eq "$(sed -n 2p codes.txt)" "       25  X_C25" "dry run: the most frequent code first"
expect_eq "$(sed -n 21p codes.txt)" "        6  X_C06" "dry run: the 20th"
expect_eq "$(sed -n 22p codes.txt)" "  and 5 more codes (15 needs)" "dry run: capped, with the rest"
expect_eq "$(sed -n 23p codes.txt)" "      325  needs in all, 25 codes" "dry run: the total"

finish
