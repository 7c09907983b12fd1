# Profile features for spreadsheet-shaped exports, beyond the man page's
# examples: a column by position in need_id and past the last column,
# drop_duplicate_rows = yes against = mapped on the same file, a rewrite
# of started_at before its date is read, @row ids when the file is loaded
# again with a row added, and issue examples with file, line and whole
# value through a profile.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
{
	echo "Id,Need No,When,Code,Status,Agency,Postal,Exported"
	echo "A1,1,2024-05-01 at 10:00,BD-1800,met,Food Bank,K1A 0B1,t1"
	echo "A1,1,2024-05-01 at 10:00,BD-1800,met,Pantry,K1A 0B1,t1"
	echo "A1,1,2024-05-01 at 10:00,BD-1800,met,Pantry,K1A 0B1,t2"
	echo "A2,1,2024-05-02 at 11:30,BH-1800,unmet,,K1A 0B1 Ottawa,t2"
	echo "A3,1,2024-05-02 at 25:30,BH-1800,unmet,,,t2"
} >x.csv
cat >x.ini <<'EOF'
[profile]
need_id = #2
drop_duplicate_rows = yes
[columns]
contact_id = #1
started_at = When
started_at.pattern = / at / /
need_code = Code
need_status = Status
referred_to = Agency
postal_code = Postal
EOF

init_db a.db
run "$INGEST" --db a.db --profile x.ini x.csv
expect_rc 0 "need_id by position"
# yes: line 4 differs from line 3 in 'Exported', so it is no duplicate
# row (no drop line); it adds no agency to need 1, so it is a duplicate of
# that need's rows
expect_eq "$(norm err | grep -e ' rows read' -e 'drop ' -e ' dup ')" "$P: 1 file, 5 rows read = 2 loaded + 1 merged + 1 duplicate + 0 dropped + 0 blank + 1 rejected; 2 contacts (2 new, 0 replaced), 2 needs; T s
$P:   dup          1  same need id, no further agency" \
	"yes: the rows that differ in 'Exported' are no duplicate rows (and regrouped)"
expect_eq "$(q a.db "SELECT group_concat(agency, '|') FROM (SELECT agency FROM referrals ORDER BY agency)")" \
	"Food Bank|Pantry" "need_id = #2: one need, its agencies joined"
expect_eq "$(q a.db "SELECT group_concat(started_local, '|') FROM (SELECT started_local FROM contacts ORDER BY id)")" \
	"2024-05-01 10:00:00|2024-05-02 11:30:00" "started_at rewritten before it is read as a date"
expect_eq "$(q a.db "SELECT kind || '|' || column_name || '|' || example FROM batch_issues ORDER BY kind, column_name")" \
	"field|postal_code|x.csv:5 'K1A *** Ottawa'
reject|started_at|x.csv:6 '2024-05-02 25:30'" "issue examples: file, line, value (the rewritten date; the postal code masked)"
dbdump a.db | grep -qF '0B1' && fail "a full postal code reached the database"

sed 's/^drop_duplicate_rows = yes/drop_duplicate_rows = mapped/' x.ini >m.ini
init_db m.db
run "$INGEST" --db m.db --profile m.ini x.csv
expect_rc 0 "mapped duplicates"
expect_eq "$(norm err | grep -e ' rows read' -e 'drop ' -e ' dup ')" "$P: 1 file, 5 rows read = 2 loaded + 1 merged + 1 duplicate + 0 dropped + 0 blank + 1 rejected; 2 contacts (2 new, 0 replaced), 2 needs; T s
$P:   dup          1  duplicate row" "mapped: line 4 repeats line 3 but for 'Exported'"
expect_eq "$(q m.db "SELECT group_concat(agency, '|') FROM (SELECT agency FROM referrals ORDER BY agency)")" \
	"Food Bank|Pantry" "mapped: the duplicate's agency is not counted twice"

# A column past the last one is a missing column, named as written.
sed 's/^contact_id = #1/contact_id = #9/' x.ini >p.ini
init_db p.db
run "$INGEST" --db p.db --profile p.ini --dry-run x.csv
expect_rc 65 "#9 of 8 columns"
expect_line err "$P: x.csv: no column '#9' for contact_id (p.ini:5); the header read is line 1 (skip_lines = 0)" "#9: which column, which profile line"

# @row: one contact per row; the same file loaded again replaces them.
printf '[columns]\ncontact_id = @row\nstarted_at = When\nstarted_at.pattern = / at / /\nneed_code = Code\nneed_status = Status\n' >r.ini
init_db r.db
run "$INGEST" --db r.db --profile r.ini --dry-run x.csv
expect_line err "$P: x.csv: contact_id is read from no column (r.ini:2): each row is a contact of its own (@row), so a caller with several needs counts as several contacts" "@row: the dry run warns"
run "$INGEST" --db r.db --profile r.ini x.csv
expect_rc 0 "@row ingest"
echo "A4,1,2024-05-03 at 09:00,BD-1800,met,,,t3" >>x.csv
run "$INGEST" --db r.db --profile r.ini x.csv
expect_rc 0 "@row: the file with a row added"
expect_eq "$(q r.db "SELECT group_concat(source_contact_id, ' ') FROM (SELECT source_contact_id FROM contacts ORDER BY source_contact_id)")" \
	"x.csv:2 x.csv:3 x.csv:4 x.csv:5 x.csv:7" "@row: ids are file:line; rows loaded again replace, not add"
finish
