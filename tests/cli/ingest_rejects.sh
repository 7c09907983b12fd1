# needstat-ingest: bad rows on stderr (FILE:LINE: column 'x': 'value' ...,
# the first 10 then the count), the rejects CSV (default name in the
# current directory, or --rejects), bad optional fields counted, --dry-run
# writing nothing.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
HDR=contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to
init_db t.db
cp "$FIX/bad.csv" .

# The golden run: stderr and the rejects file, byte for byte.
run "$INGEST" --db t.db bad.csv
expect_rc 0 "bad.csv"
expect_empty out "bad.csv: stdout"
norm err >err.norm
expect_file err.norm "$FIX/bad.stderr" "bad.csv: stderr"
[ -f rejects-batch-1.csv ] || fail "default rejects file rejects-batch-1.csv not in the current directory"
expect_file rejects-batch-1.csv "$FIX/bad.rejects.csv" "bad.csv: rejects file"
expect_eq "$(head -1 rejects-batch-1.csv)" "file,line,column,value,reason,record,action" "rejects header"
expect_eq "$(q t.db 'SELECT rows_read, rows_loaded, rows_rejected, contacts_new, needs_loaded FROM batches')" "15|9|6|8|9" "batch counts"
# a bad status, code or referral count keeps its contact and need
expect_eq "$(q t.db "SELECT group_concat(source_contact_id, ' ') FROM (SELECT * FROM contacts ORDER BY id)")" "B001 B005 B006 B007 B008 B011 B012 B013" "contacts loaded"
expect_eq "$(q t.db "SELECT group_concat(c.source_contact_id || ':' || n.status || ':' || n.category || ':' || coalesce(n.referrals, 'NULL'), ' ') FROM contacts c JOIN needs n ON n.contact_id = c.id WHERE c.source_contact_id IN ('B005', 'B006', 'B007')")" "B005:unrecorded:food:1 B006:met:unclassified:1 B007:met:food:NULL" "kept needs"
expect_eq "$(cut -d, -f2 rejects-batch-1.csv | tr '\n' ' ')|$(awk -F, '{print $NF}' rejects-batch-1.csv | tr '\n' ' ')" "line 3 4 5 6 7 8 12 13 19 |action rejected rejected rejected kept kept kept rejected rejected rejected " "rejects file: action per row"
# the record after a 3-line quoted field was read from the right line:
expect_line err "$P: bad.csv:12: column 'started_at': '2024-00-10' is not a date (month out of range)" "line after quoted newlines"
# bad optional fields: stored as unknown, counted by column
expect_eq "$(q t.db "SELECT coalesce(channel, 'NULL'), coalesce(postal_key, 'NULL'), region_id FROM contacts WHERE source_contact_id = 'B011'")" "NULL|NULL|unknown" "fax, N/A -> unknown"
expect_eq "$(q t.db "SELECT coalesce(postal_key, 'NULL'), language FROM contacts WHERE source_contact_id = 'B012'")" "NULL|fr" "Montréal -> unknown"
expect_eq "$(q t.db "SELECT postal_key FROM contacts WHERE source_contact_id = 'B013'")" "90210" "ZIP+4 -> ZIP5"
expect_eq "$(q t.db "SELECT column_name, count, example FROM batch_issues WHERE kind = 'field' AND column_name IN ('channel', 'postal_code') ORDER BY column_name")" "channel|1|bad.csv:15 'fax'
postal_code|2|bad.csv:15 'N/A'" "batch_issues fields: file, line and value"

# --rejects FILE, and -q: bad rows still reported, no summary.
init_db t2.db
run "$INGEST" --db t2.db -q --rejects my-rejects.csv bad.csv
expect_rc 0 "-q --rejects"
expect_eq "$(wc -l <err)" 9 "-q: only the 9 bad rows (6 rejected, 3 kept) on stderr"
expect_file my-rejects.csv "$FIX/bad.rejects.csv" "--rejects FILE content"
[ -e rejects-batch-2.csv ] && fail "--rejects given, but rejects-batch-2.csv was written"

# A long --rejects path (over 512 bytes) is used whole, never cut.
long=$T
while [ ${#long} -lt 500 ]; do long=$long/dddddddddddddddddddddddddddddd; done
mkdir -p "$long"
long=$long/long-rejects-file.csv
init_db tl.db
run "$INGEST" --db tl.db --rejects "$long" bad.csv
expect_rc 0 "--rejects with a ${#long}-byte path"
expect_file "$long" "$FIX/bad.rejects.csv" "--rejects with a ${#long}-byte path: content"
expect_line err "$P: bad and skipped rows written to '$long' (action: rejected, kept, duplicate)" "--rejects with a ${#long}-byte path: named whole"

# More than 10 bad rows: the first 10 on stderr, then the count.
{
	echo "$HDR"
	for i in $(seq 1 12); do echo "X$i,2024-$((i + 12))-01,phone,,,,,,BD-1800,,met,,1,"; done
	echo "X99,2024-05-01,phone,,,,,,BD-1800,,met,,1,"
} >many.csv
init_db t3.db
run "$INGEST" --db t3.db many.csv
expect_rc 0 "12 bad rows"
grep -c "^$P: many.csv:[0-9]*: column 'started_at': '2024-[0-9]*-01' is not a date (month out of range)$" err >n.txt
expect_eq "$(cat n.txt)" 10 "12 bad rows: 10 on stderr"
expect_line err "$P: many.csv:11: column 'started_at': '2024-22-01' is not a date (month out of range)" "12 bad rows: the 10th"
expect_no_line err "$P: many.csv:12: column 'started_at': '2024-23-01' is not a date (month out of range)" "12 bad rows: the 11th is not shown"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 13 rows read = 1 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 12 rejected; 1 contacts (1 new, 0 replaced), 1 needs; T s" "12 bad rows: the count"
expect_line err "$P:   reject started_at         12  is not a date (month out of range)" "12 bad rows: by reason"
expect_eq "$(grep -c '^many\.csv,' rejects-batch-1.csv)" 12 "12 bad rows: all in the rejects file"

# Record-level faults: ragged, invalid UTF-8, NUL byte; each names its line.
{
	echo "$HDR"
	echo "N1,2024-05-01,phone,,,,,,BD-1800,,met,,1,"
	printf 'N2,2024-05-01,phone,,,,,,BD-1800,,met,,1,Caf\xe9\n'
	printf 'N3,2024-05-01,ph\000one,,,,,,BD-1800,,met,,1,\n'
	echo "N4,2024-05-01,phone"
	echo "N5,2024-05-01,phone,,,,,,BD-1800,,met,,1,,extra"
} >rows.csv
init_db t4.db
run "$INGEST" --db t4.db --rejects rows-rejects.csv rows.csv
expect_rc 0 "record faults"
expect_line err "$P: rows.csv:3: column 14 is not valid UTF-8" "invalid UTF-8"
expect_line err "$P: rows.csv:4: contains a NUL byte" "NUL byte"
expect_line err "$P: rows.csv:5: has 3 fields, the header has 14" "ragged (short)"
expect_line err "$P: rows.csv:6: has 15 fields, the header has 14" "ragged (long)"
expect_eq "$(cut -d, -f1-3 rows-rejects.csv | tr '\n' ' ')" "file,line,column rows.csv,3,(row) rows.csv,4,(row) rows.csv,5,(row) rows.csv,6,(row) " "record faults: rejects"
expect_eq "$(q t4.db 'SELECT count(*) FROM contacts')" 1 "record faults: the good row loads"

# --dry-run: reports, writes neither the database nor a rejects file.
init_db t5.db
dbdump t5.db >before.sql
mkdir dry && cd dry || exit 2
run "$INGEST" --db ../t5.db --dry-run ../bad.csv
expect_rc 0 "--dry-run"
expect_eq "$(norm "$T/err" | grep ' rows read')" "$P: dry run, nothing written: 1 file, 15 rows read = 9 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 6 rejected; 8 contacts (8 new, 0 replaced), 9 needs; T s" "--dry-run summary"
expect_eq "$(ls -A)" "" "--dry-run leaves no file in the current directory"
cd .. || exit 2
dbdump t5.db >after.sql
expect_file after.sql before.sql "--dry-run leaves the database unchanged"

finish
