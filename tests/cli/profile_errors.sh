# Broken profiles: a clear message naming the profile file, line and key,
# exit status 78, nothing on stdout, nothing loaded (the database is
# untouched).  An export that lacks a column the profile requires: 65,
# nothing loaded.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
cp "$NS_SRC/fixtures/profiles/requests/export.csv" .
init_db a.db
before=$(dbdump a.db)

# broken NAME TEXT MESSAGE: the profile TEXT in NAME is refused with MESSAGE.
broken()
{
	printf '%s' "$2" >"$1"
	run "$INGEST" --db a.db --profile "$1" export.csv
	expect_rc 78 "$1"
	expect_empty out "$1: stdout"
	expect_eq "$(cat err)" "$P: $3" "$1: message"
	expect_eq "$(dbdump a.db)" "$before" "$1: nothing loaded"
}

COLS='[columns]
contact_id = Interaction ID
started_at = Interaction Date
need_code = Requested Services
need_status = "unrecorded"
'
broken ambiguous.ini "$COLS"'started_at.formats = MM/DD/YYYY, DD/MM/YYYY
' "ambiguous.ini:6: [columns] started_at.formats: MM/DD/YYYY and DD/MM/YYYY are ambiguous together (03/04/2024 is 4 March or 3 April): list the one the export uses"
broken status.ini '[columns]
contact_id = Interaction ID
started_at = Interaction Date
need_code = Requested Services
' "status.ini: [columns] does not map need_status (for an export that records requests only, write need_status = \"unrecorded\")"
broken target.ini "$COLS"'channel = Contact Method
[channel]
phone = Phone
txt = Text
' "target.ini:9: [channel] txt: 'txt' is not a channel"
broken column.ini "$COLS"'zip = Caller ZIP
' "column.ini:6: [columns] zip: 'zip' is not a canonical column (contact_id, started_at, channel, language, postal_code, region, age_group, gender, need_code, need_category, need_status, unmet_reason, referrals, referred_to)"
broken twice.ini "$COLS"'need_code = Other
' "twice.ini:6: [columns] need_code: mapped twice (first on line 4)"
broken syntax.ini "$COLS"'[drop
Agent = x
' "syntax.ini:6: not a [section] or a 'key = value' line"

run "$INGEST" --db a.db --profile icarl export.csv
expect_rc 78 "unknown profile"
expect_eq "$(cat err)" "$P: unknown profile 'icarl' (bundled: canonical, icarol; or give the path of a profile file)" "unknown profile: message"
run "$INGEST" --db a.db --profile ./none.ini export.csv
expect_rc 66 "missing profile file"
expect_eq "$(cat err)" "$P: cannot open profile './none.ini': No such file or directory" "missing profile file: message"

# The export lacks a required column: 65, nothing loaded.
printf '%s' "$COLS" | sed 's/^contact_id = .*/contact_id = Call Number/' >other.ini
run "$INGEST" --db a.db --profile other.ini export.csv
expect_rc 65 "missing column"
expect_line err "$P: export.csv: no column 'Call Number' for contact_id (other.ini:2); the header read is line 1 (skip_lines = 0)" "missing column: message"
expect_eq "$(dbdump a.db)" "$before" "missing column: nothing loaded"

# A mapped optional column the export lacks: a warning, the rest loads.
printf '%sstarted_at.formats = MM/DD/YYYY\ngender = Caller Gender\n' "$COLS" >gender.ini
run "$INGEST" --db a.db --profile gender.ini export.csv
expect_rc 0 "missing optional column"
expect_line err "$P: export.csv: no column 'Caller Gender' for gender (gender.ini:7): gender left unknown" "missing optional column: warning"
# (without need_code.split a multi-code cell is not a taxonomy code: its
# call loads with one need, unclassified: AZ-0001, AZ-0003 twice, AZ-0009)
expect_eq "$(q a.db 'SELECT count(*) FROM contacts')" "9" "missing optional column: loaded"
expect_eq "$(q a.db "SELECT count(*) FROM needs WHERE category = 'unclassified'")" "4" "missing optional column: multi-code cells unclassified"
finish
