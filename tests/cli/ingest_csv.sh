# needstat-ingest on CSV edge cases: BOM and CRLF, quoted commas, doubled
# quotes and newlines (the line of the next record stays right), blank
# lines, a field over 64 KiB, an unterminated quote at end of file, an
# empty file, a header only.  Each: a clear message, no crash.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
HDR=contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to

# BOM + CRLF + a 3-line quoted field + blank lines; a bad row after them.
{
	printf '\357\273\277%s\r\n' "$HDR"
	printf 'E1,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,2,"Food Bank, ""East""\r\nSoup Kitchen\r\nShelter"\r\n'
	printf '\r\n\r\n'
	printf 'E2,2024-02-30,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\r\n'
	printf 'E3,2024-05-02,phone,en,K1A 0B1,,,,BD-1800,,met,,1,x\r\n'
} >crlf.csv
init_db a.db
run "$INGEST" --db a.db --rejects r.csv crlf.csv
expect_rc 0 "BOM/CRLF file"
expect_line err "$P: crlf.csv:7: column 'started_at': '2024-02-30' is not a date (day out of range for the month)" "line after quoted newlines and blank lines"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 3 rows read = 2 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 1 rejected; 2 contacts (2 new, 0 replaced), 2 needs; T s" "BOM/CRLF summary"
expect_eq "$(q a.db "SELECT agency FROM referrals ORDER BY id LIMIT 1" | od -c | head -2 | tr -s ' ' | tr -d '\n')" \
	"$(printf 'Food Bank, "East"\r\nSoup Kitchen\r\nShelter\n' | od -c | head -2 | tr -s ' ' | tr -d '\n')" "quoted field kept whole"
expect_eq "$(q a.db "SELECT source_contact_id FROM contacts ORDER BY id LIMIT 1")" E1 "BOM not part of the first column"

# A field over 64 KiB: the row is rejected, the next one loads.
{
	echo "$HDR"
	printf 'L1,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,'
	head -c 70000 /dev/zero | tr '\0' 'y'
	printf '\n'
	echo "L2,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,"
} >long.csv
init_db b.db
run "$INGEST" --db b.db --rejects r.csv long.csv
expect_rc 0 "long field"
expect_line err "$P: long.csv:2: column 'referred_to' is longer than 64 KiB" "long field: message"
expect_eq "$(q b.db 'SELECT group_concat(source_contact_id) FROM contacts')" L2 "long field: the next row loads"

# An unterminated quote at end of file: an error naming the line where the
# record starts; nothing is loaded (the quote must not swallow the rest).
{
	echo "$HDR"
	echo "U1,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,ok"
	echo "U2,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\"open"
	echo "U3,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,ok"
} >unterm.csv
init_db c.db
run "$INGEST" --db c.db unterm.csv
expect_rc 65 "unterminated quote"
expect_line err "$P: unterm.csv:3: a quoted field is not closed at end of file" "unterminated quote: message"
expect_eq "$(q c.db 'SELECT count(*) FROM contacts')" 0 "unterminated quote: nothing loaded"

# Empty, blank-only and BOM-only files: 65, "the file is empty".
init_db d.db
for kind in empty blank bom; do
	case $kind in
	empty) : >"$kind.csv" ;;
	blank) printf '\n\r\n\n' >"$kind.csv" ;;
	bom) printf '\357\273\277' >"$kind.csv" ;;
	esac
	run "$INGEST" --db d.db "$kind.csv"
	expect_rc 65 "$kind file"
	expect_line err "$P: $kind.csv: the file is empty: a header row is required" "$kind file: message"
done
expect_eq "$(q d.db 'SELECT count(*) FROM batches')" 0 "empty files: no batch"

# A header only: success, 0 rows (a batch is recorded; again: unchanged).
echo "$HDR" >hdr.csv
run "$INGEST" --db d.db hdr.csv
expect_rc 0 "header only"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 0 rows read = 0 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 0 rejected; 0 contacts (0 new, 0 replaced), 0 needs; T s" "header only: summary"
expect_eq "$(q d.db 'SELECT rows_read FROM batches')" 0 "header only: batch"
run "$INGEST" --db d.db hdr.csv
expect_rc 0 "header only, again"
expect_line err "$P: 1 file already loaded: unchanged" "header only, again: unchanged"

# Quoted commas and doubled quotes in a bad value reach the rejects file
# re-quoted, and the record is kept whole in the last column.
{
	echo "$HDR"
	echo 'Q1,"2024-05-01, 10:00","phone",en,K1A 0B1,,,,BD-1800,,met,,1,"a ""b"", c"'
	echo 'Q2,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,'
} >quoted.csv
init_db e.db
run "$INGEST" --db e.db --rejects rq.csv quoted.csv
expect_rc 0 "quoted bad value"
printf '%s\n' 'file,line,column,value,reason,record,action' \
	'quoted.csv,2,started_at,"2024-05-01, 10:00",is not a date (trailing characters after the date),"Q1,""2024-05-01, 10:00"",phone,en,K1A 0B1,,,,BD-1800,,met,,1,""a """"b"""", c""",rejected' >rq.want
expect_file rq.csv rq.want "quoted bad value: rejects file"

finish
