# needstat-ingest: each batch describes its own file (issue 11 point 3).
# Two files with disjoint dates in one run: each batch has its own date
# range, counts and SHA-256, and a report of one month names only the
# batch of that month; the iCarol-style pair is one batch naming both
# files.
. "$(dirname "$0")/lib.sh"

REPORT=$NS_BIN/needstat-report
cat >jan.csv <<'CSV'
contact_id,started_at,channel,language,postal_code,need_code,need_status
J1,2024-01-05 10:00:00,phone,en,K1A 0B1,BD-1800.2000,met
J2,2024-01-20 11:00:00,phone,en,K1A 0B1,BH-1800,unmet
CSV
cat >mar.csv <<'CSV'
contact_id,started_at,channel,language,postal_code,need_code,need_status
M1,2024-03-02 09:00:00,text,fr,H2X 1Y4,BD-1800.2000,met
M2,2024-03-30 09:00:00,phone,en,H2X 1Y4,LH-2700,met
M3,2024-03-31 09:00:00,phone,en,H2X 1Y4,LH-2700,met
M3,2024-03-31 09:00:00,phone,en,H2X 1Y4,BH-1800,partial
CSV
sha() { sha256sum "$1" | cut -d' ' -f1; }

init_db t.db
run "$INGEST" --db t.db jan.csv mar.csv
expect_rc 0 "two files"
expect_line err "needstat-ingest: contacts from 2024-01-05 to 2024-03-31, category map version 1" "the run's date range"
expect_eq "$(q t.db 'SELECT id, file_name, rows_read, rows_loaded, contacts_new, needs_loaded, date_min, date_max FROM batches ORDER BY id')" \
"1|jan.csv|2|2|2|2|2024-01-05|2024-01-20
2|mar.csv|4|4|3|4|2024-03-02|2024-03-31" "each batch: its own counts and dates"
expect_eq "$(q t.db 'SELECT sha256 || file_size FROM batches WHERE id = 1')" "$(sha jan.csv)$(wc -c <jan.csv)" "batch 1: SHA-256 and size of jan.csv"
expect_eq "$(q t.db 'SELECT sha256 || file_size FROM batches WHERE id = 2')" "$(sha mar.csv)$(wc -c <mar.csv)" "batch 2: SHA-256 and size of mar.csv"

# Reports name the batches of their period only.
run "$REPORT" --db t.db --month 2024-03 volume
expect_rc 0 "report March"
expect_line out "- Source: 1 batch of contact logs feeds this period: #2 mar.csv (source default, March 2, 2024 to March 31, 2024)." "March: only mar.csv"
run "$REPORT" --db t.db --month 2024-01 volume
expect_line out "- Source: 1 batch of contact logs feeds this period: #1 jan.csv (source default, January 5, 2024 to January 20, 2024)." "January: only jan.csv"
run "$REPORT" --db t.db --month 2024-02 volume
expect_no_line out "- Source: 1 batch of contact logs feeds this period: #2 mar.csv (source default, March 2, 2024 to March 31, 2024)." "February: no batch"
run "$REPORT" --db t.db --month 2024-03 data_quality
expect_line out "Rows of the batch      2  mar.csv              all rows read                                  4  100.0%" "data quality of March: batch 2 only"
expect_eq "$(grep -c "jan.csv" out)" 0 "data quality of March: not batch 1"

# The same files in the other order, through stdin for the second.
init_db u.db
"$INGEST" --db u.db mar.csv - <jan.csv 2>/dev/null || fail "mar.csv and stdin"
expect_eq "$(q u.db 'SELECT file_name, date_min, date_max, sha256 FROM batches ORDER BY id')" \
"mar.csv|2024-03-02|2024-03-31|$(sha mar.csv)
-|2024-01-05|2024-01-20|$(sha jan.csv)" "stdin batch: its own dates and hash"

# A two-file profile: the pair is one batch that names both files, with
# both hashes, whatever the order on the command line.
F=$NS_SRC/fixtures/profiles/icarol
cp "$F/CallReports.csv" "$F/Needs.csv" .
for order in "CallReports.csv Needs.csv" "Needs.csv CallReports.csv"; do
	init_db p.db
	# shellcheck disable=SC2086
	"$INGEST" --db p.db --profile icarol --rejects rj.csv $order 2>/dev/null ||
		fail "icarol pair ($order)"
	expect_eq "$(q p.db 'SELECT count(*), file_name, sha256, file_size, rows_read, rows_rejected, rows_dropped, contacts_new, needs_loaded, date_min, date_max FROM batches')" \
		"1|CallReports.csv + Needs.csv|$(sha CallReports.csv) + $(sha Needs.csv)|$(($(wc -c <CallReports.csv) + $(wc -c <Needs.csv)))|26|2|2|6|10|2024-01-03|2024-03-15" \
		"icarol pair ($order): one batch for both files"
	expect_eq "$(q p.db 'SELECT count(DISTINCT batch_id) || (SELECT id FROM batches) FROM contacts')" "1$(q p.db 'SELECT batch_id FROM contacts LIMIT 1')" "icarol pair ($order): the contacts belong to it"
	expect_eq "$(q p.db "SELECT sum(count) FROM batch_issues WHERE kind = 'reject'")" 2 "icarol pair ($order): the issues of both files"
	rm -f p.db
done
# US contacts with a weighted ZIP-to-county crosswalk (90620 is 70% in
# Orange County, 30% in Los Angeles County): two months in two files; each
# batch its own dates; the report of February counts 90620 in Orange.
REGIONS=$NS_BIN/needstat-regions
init_db w.db
printf 'id,level,parent_id,name_en\nUS-CA-059,county,US-CA,Orange County\nUS-CA-037,county,US-CA,Los Angeles County\n' >counties.csv
printf 'key,region_id,weight\n90620,US-CA-059,0.7\n90620,US-CA-037,0.3\n90210,US-CA-037,1\n' >zips.csv
"$REGIONS" --db w.db load regions counties.csv >/dev/null || fail "load counties"
run "$REGIONS" --db w.db load crosswalk zips.csv
expect_rc 0 "weighted crosswalk"
expect_eq "$(cat out)" "crosswalk: 3 rows from 'zips.csv' for 2 keys, 1 of them split between regions (each in its largest share); 0 of 0 contacts changed region or province" "weighted crosswalk: split keys reported"
cat >feb.csv <<'CSV'
contact_id,started_at,channel,language,postal_code,need_code,need_status
U1,2024-02-03 10:00:00,phone,en,90620,BD-1800.2000,met
U2,2024-02-04 10:00:00,phone,en,90620-1234,BH-1800,unmet
U3,2024-02-05 10:00:00,phone,en,90210,BH-1800,met
CSV
cat >apr.csv <<'CSV'
contact_id,started_at,channel,language,postal_code,need_code,need_status
V1,2024-04-03 10:00:00,phone,en,90620,BD-1800.2000,met
CSV
run "$INGEST" --db w.db feb.csv apr.csv
expect_rc 0 "US files"
expect_eq "$(q w.db 'SELECT file_name, contacts_new, date_min, date_max FROM batches ORDER BY id')" \
"feb.csv|3|2024-02-03|2024-02-05
apr.csv|1|2024-04-03|2024-04-03" "US batches: their own dates"
expect_eq "$(q w.db "SELECT group_concat(source_contact_id || ':' || region_id, ' ') FROM (SELECT * FROM contacts ORDER BY 1)")" \
	"U1:US-CA-059 U2:US-CA-059 U3:US-CA-037 V1:US-CA-059" "90620 in its largest share"
run "$REPORT" --db w.db --month 2024-02 --region US-CA --min-cell 1 -p level=county --format csv territory
unflag_file out
expect_rc 0 "territory report"
expect_eq "$(grep -c 'County' out)" 2 "territory: two counties"
expect_eq "$(grep '^Orange County,' out | cut -d, -f1-4)" "Orange County,2,2,1" "territory: 90620 counted in Orange County"
expect_eq "$(grep '^Los Angeles County,' out | cut -d, -f1-4)" "Los Angeles County,1,1,0" "territory: 90210 in Los Angeles County"
run "$REPORT" --db w.db --month 2024-02 territory
expect_line out "- Source: 1 batch of contact logs feeds this period: #1 feb.csv (source default, February 3, 2024 to February 5, 2024)." "territory of February: feb.csv only"
finish
