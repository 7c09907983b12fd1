# needstat-ingest --profile icarol on a synthetic iCarol export pair
# (fixtures/profiles/icarol): a title row and a blank row above the
# CallReports header, a header with a trailing blank, NeedWasUnmet
# True/False/Yes, ReasonIfUnmetOrPartial picklist values, a need whose
# agency rows are not adjacent, an Excel-mangled age band, a hang-up (and
# its need), an exact duplicate row in each file, a repeated
# CallReportNum (the later row wins), a blank row, a bad date, a need with
# no contact, a bad code, a blank status.  Counts by category, region,
# status and reason are the values the fixture holds.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
F=$NS_SRC/fixtures/profiles/icarol
cp "$F/CallReports.csv" "$F/Needs.csv" .

# Dry run: everything read, nothing written, the display on stdout.
init_db a.db
before=$(dbdump a.db)
run "$INGEST" --db a.db --profile icarol --dry-run CallReports.csv Needs.csv
expect_rc 0 "dry run"
expect_eq "$(dbdump a.db)" "$before" "dry run writes nothing"
expect_eq "$(norm err | grep ' rows read')" "$P: dry run, nothing written: 2 files, 26 rows read = 11 loaded + 7 merged + 3 duplicate + 2 dropped + 1 blank + 2 rejected; 6 contacts (6 new, 0 replaced), 10 needs; T s" "dry run summary"
expect_line out "File 'CallReports.csv' (contacts file): header on line 3, 14 columns" "dry run: contacts header found after the title rows"
expect_line out "File 'Needs.csv' (needs file): header on line 1, 10 columns" "dry run: needs header"
expect_line out "  contact_id    <- CallReportNum" "dry run: mapping"
expect_line out "  need_status   <- NeedWasUnmet [value map, line 53]" "dry run: mapping with a value map"
expect_line out "  ignored source columns (3): 'DateOfCall', 'TaxonomyName', 'ResourceAgencyNum'" "dry run: ignored columns"
expect_line out "  Needs.csv:2 (contact: CallReports.csv:4)" "dry run: first row"
expect_line out "    referred_to=Ottawa Food Bank;St Vincent Pantry" "dry run: agencies of a need regrouped"
expect_line out "        1  Call Information - Call Type = Hang up  e.g. CallReports.csv:8" "dry run: drop rule"
expect_line out "        2  duplicate row  e.g. CallReports.csv:9 (= line 6), Needs.csv:16 (= line 11)" "dry run: duplicates"
expect_line out "        1  its contact was dropped (Call Information - Call Type = Hang up)  e.g. Needs.csv:9" "dry run: need of a dropped contact"
expect_line out "        1  CallReportNum: has no row in the contacts file  e.g. Needs.csv:13 '9999'" "dry run: orphan need"
expect_line out "        1  started_at: is not a date (MM/DD/YYYY: day out of range for the month)  e.g. CallReports.csv:13 '3/32/2024 10:00:00 AM'" "dry run: bad date, with its file and line"
expect_line out "        2  gender: is not a gender  e.g. CallReports.csv:7 'Transgender'" "dry run: field left unknown, with its file and line"
expect_line out "Dates: 2024-01-03 to 2024-03-15 (local dates of the contacts)" "dry run: dates"
expect_line out "        2  gender: 'Transgender'" "dry run: value no map matched"

# The load.
run "$INGEST" --db a.db --profile icarol --rejects rj.csv CallReports.csv Needs.csv
expect_rc 0 "ingest"
expect_eq "$(norm err | grep ' rows read')" "$P: 2 files, 26 rows read = 11 loaded + 7 merged + 3 duplicate + 2 dropped + 1 blank + 2 rejected; 6 contacts (6 new, 0 replaced), 10 needs; T s" "summary"
# merged: the 6 CallReports rows whose needs carry them, and Needs.csv:4
# (a further agency of need 5001); duplicate: CallReports.csv:9 and :11
# (replaced by :12), Needs.csv:16; the bad code (5012) and the blank
# status (5013) keep their needs
expect_eq "$(q a.db "SELECT group_concat(rows_read || '=' || rows_loaded || '+' || rows_merged || '+' || rows_duplicate || '+' || rows_dropped || '+' || rows_blank || '+' || rows_rejected, ' ') FROM batches")" "26=11+7+3+2+1+2" "every row in one bucket, in the pair's one batch"
expect_line err "$P:   drop         1  Call Information - Call Type = Hang up" "summary: drops by rule"
expect_line err "$P: Needs.csv:13: column 'CallReportNum': '9999' has no row in the contacts file" "orphan need reported"
expect_eq "$(q a.db "SELECT group_concat(source_contact_id, ' ') FROM (SELECT source_contact_id FROM contacts ORDER BY 1)")" "1001 1002 1003 1004 1006 1007" "contacts"
expect_eq "$(q a.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT category c, count(*) n FROM needs GROUP BY 1 ORDER BY 1)")" \
	"food=2 health=1 housing=2 income=1 information=1 mental_health=1 unclassified=1 utilities=1" "needs by category"
expect_eq "$(q a.db "SELECT group_concat(r || '=' || n, ' ') FROM (SELECT region_id r, count(*) n FROM needs_v GROUP BY 1 ORDER BY 1)")" \
	"NS=2 ON=6 QC=2" "needs by region"
expect_eq "$(q a.db "SELECT group_concat(r || '=' || n, ' ') FROM (SELECT region_id r, count(*) n FROM contacts GROUP BY 1 ORDER BY 1)")" \
	"BC=1 NS=1 ON=3 QC=1" "contacts by region"
expect_eq "$(q a.db "SELECT group_concat(s || ':' || r || '=' || n, ' ') FROM (SELECT status s, coalesce(reason, '-') r, count(*) n FROM needs GROUP BY 1, 2 ORDER BY 1, 2)")" \
	"met:-=5 unmet:capacity=1 unmet:funds_exhausted=1 unmet:ineligible=1 unmet:waitlist=1 unrecorded:-=1" "status and reason"
expect_eq "$(q a.db "SELECT sum(referrals), (SELECT count(*) FROM referrals) FROM needs")" "7|7" "referrals: agency rows"
expect_eq "$(q a.db "SELECT referrals FROM needs_v WHERE source_contact_id = '1001' AND code = 'BD-1800.2000'")" "2" "a need's agency rows are one need"
expect_eq "$(q a.db "SELECT count(*) FROM needs_v WHERE source_contact_id = '1007'")" "2" "repeated CallReportNum: one contact"
expect_eq "$(q a.db "SELECT age_group FROM contacts WHERE source_contact_id = '1004'")" "10-14" "Excel-mangled band 14-Oct"
expect_eq "$(q a.db "SELECT age_group || '|' || gender FROM contacts WHERE source_contact_id = '1006'")" "5-9|woman" "9-May and Female"
expect_eq "$(q a.db "SELECT count(*) FROM needs n JOIN contacts c ON c.id = n.contact_id WHERE source_contact_id = '1006'")" "0" "a contact with no needs"
expect_eq "$(q a.db "SELECT category FROM needs_v WHERE source_contact_id = '1004' AND code IS NULL")" "income" "AIRSNeedCategory when the code is blank"
expect_eq "$(q a.db "SELECT started_local FROM contacts WHERE source_contact_id = '1002'")" "2024-01-05 14:30:00" "MM/DD/YYYY with PM"
expect_eq "$(q a.db "SELECT group_concat(profile || ':' || rows_read || ':' || file_name, ' ') FROM batches")" "icarol:26:CallReports.csv + Needs.csv" "one batch for the pair"
expect_eq "$(q a.db "SELECT sum(needs) FROM agg_needs")" "10" "aggregates kept in step"
expect_eq "$(sed -n '2,$p' rj.csv | awk -F, '{print $1 "," $2 "," $3 "," $NF}' | sort | tr '\n' ' ')" \
	"CallReports.csv,11,(row),duplicate CallReports.csv,13,started_at,rejected CallReports.csv,9,(row),duplicate Needs.csv,13,CallReportNum,rejected Needs.csv,14,need_code,kept Needs.csv,15,need_status,kept Needs.csv,16,(row),duplicate " "rejects file"

# The same pair again: nothing changes.
after=$(q a.db "SELECT count(*), sum(referrals) FROM needs")
run "$INGEST" --db a.db --profile icarol CallReports.csv Needs.csv
expect_rc 0 "same pair again"
expect_eq "$(q a.db "SELECT count(*), sum(referrals) FROM needs")" "$after" "same pair again: same needs"

# The files in the other order give the same load.
init_db b.db
run "$INGEST" --db b.db --profile icarol Needs.csv CallReports.csv
expect_rc 0 "needs file first"
expect_eq "$(q b.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT category c, count(*) n FROM needs GROUP BY 1 ORDER BY 1)")" \
	"food=2 health=1 housing=2 income=1 information=1 mental_health=1 unclassified=1 utilities=1" "needs file first: needs by category"
expect_eq "$(q b.db "SELECT count(*) FROM contacts")" "6" "needs file first: contacts"
expect_eq "$(q b.db "SELECT group_concat(rows_read || '=' || rows_loaded || '+' || rows_merged || '+' || rows_duplicate || '+' || rows_dropped || '+' || rows_blank || '+' || rows_rejected, ' ') FROM batches")" "26=11+7+3+2+1+2" "needs file first: every row in one bucket, in the pair's one batch"

# A pair given as one file: usage error, nothing read.
run "$INGEST" --db b.db --profile icarol CallReports.csv
expect_rc 64 "one file of a pair"
expect_line err "$P: profile 'icarol' reads file pairs (a contacts file and its needs file): 1 file given" "one file of a pair: message"
finish
