# The worked examples of needstat-profile(5) are run as written: the CSV
# and profile files are taken from the man page, and the --dry-run and
# ingest output it shows must be what the tools print (the run time of the
# summary aside).  Also: the canonical profile named explicitly loads
# exactly what no profile loads.
. "$(dirname "$0")/lib.sh"

MAN=$NS_SRC/man/needstat-profile.5

# The text of block NAME of the man page, roff escapes undone.
extract()
{
	sed -n "/^\.\\\\\" example: $1 begin/,/^\.\\\\\" example: $1 end/p" "$MAN" |
		sed '1d;$d' | grep -v -e '^\.nf$' -e '^\.fi$' -e '^\.ft' |
		sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/^\\&//'
}

extract calls.csv >calls.csv
extract helpline.ini >helpline.ini
expect_eq "$(wc -l <calls.csv)" "10" "man page: calls.csv extracted"
expect_eq "$(grep -c '^\[' helpline.ini)" "6" "man page: helpline.ini extracted"

init_db a.db
run "$NS_BIN/needstat-ingest" --db a.db --profile helpline.ini --dry-run calls.csv
expect_rc 0 "man page dry run"
{ head -1 err; cat out; tail -n +2 err; } | norm /dev/stdin >got.txt
extract dry-run | norm /dev/stdin >want.txt
expect_file got.txt want.txt "man page: the dry run shown is the dry run"

run "$NS_BIN/needstat-ingest" --db a.db --profile helpline.ini calls.csv
expect_rc 0 "man page ingest"
norm err >got.txt
extract ingest | norm /dev/stdin >want.txt
expect_file got.txt want.txt "man page: the ingest shown is the ingest"
expect_eq "$(q a.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT category c, count(*) n FROM needs GROUP BY 1 ORDER BY 1)")" \
	"food=2 health=1 housing=1" "man page example: needs by category"
expect_eq "$(q a.db "SELECT group_concat(agency, '|') FROM referrals")" \
	"Ottawa Food Bank|Parkdale Pantry|Daily Bread|Health Link" "man page example: agencies split on |"

# The spreadsheet copy: trim, case, pattern and pad rules, a column named
# by position (#1, blank header), duplicates of the mapped columns, and a
# region id in lower case, as the man page shows them.
extract intake.csv >intake.csv
extract intake.ini >intake.ini
expect_eq "$(wc -l <intake.csv)" "7" "man page: intake.csv extracted"
expect_eq "$(grep -c 'pattern' intake.ini)" "2" "man page: intake.ini extracted"
init_db i.db
run "$NS_BIN/needstat-ingest" --db i.db --profile intake.ini --dry-run intake.csv
expect_rc 0 "man page dry run (intake)"
{ cat out; cat err; } | norm /dev/stdin >got.txt
extract 'intake dry-run' | norm /dev/stdin >want.txt
expect_file got.txt want.txt "man page: the intake dry run shown is the dry run"
run "$NS_BIN/needstat-ingest" --db i.db --profile intake.ini intake.csv
expect_rc 0 "man page ingest (intake)"
expect_eq "$(q i.db "SELECT group_concat(source_contact_id || '=' || coalesce(postal_key, '-') || '/' || region_id || '/' || region_given, ' ') FROM (SELECT * FROM contacts ORDER BY source_contact_id)")" \
	"in-1041=06001/US-CT/0 in-1042=02134/US-MA/0 in-1043=K1A/ON/0 in-1044=-/ON/1" \
	"man page example: ZIPs padded, ZIP+4 cut, region id 'on' is ON, duplicate dropped"
expect_eq "$(q i.db "SELECT group_concat(t.code, ' ') FROM (SELECT c.code FROM needs n JOIN codes c ON c.id = n.code_id ORDER BY c.code) t")" \
	"BD-1800 BD-1800.2000 BH-1800.8500 LH-2700" "man page example: codes upper-cased and given their dash"

# The walk-in tally sheet: no contact id, one contact per row (@row).
extract walkin.csv >walkin.csv
extract walkin.ini >walkin.ini
init_db w.db
run "$NS_BIN/needstat-ingest" --db w.db --profile walkin.ini walkin.csv
expect_rc 0 "man page ingest (walkin)"
norm err >got.txt
extract 'walkin ingest' | norm /dev/stdin >want.txt
expect_file got.txt want.txt "man page: the walk-in ingest shown is the ingest (with its warning)"
expect_eq "$(q w.db "SELECT group_concat(source_contact_id, ' ') FROM (SELECT source_contact_id FROM contacts ORDER BY id)")" \
	"walkin.csv:2 walkin.csv:3 walkin.csv:4" "man page example: @row ids"
run "$NS_BIN/needstat-ingest" --db w.db --profile walkin.ini walkin.csv
expect_rc 0 "man page walkin loaded again"
expect_eq "$(q w.db "SELECT count(*) FROM contacts")" "3" "@row: the same file loaded again replaces its contacts"

# --profile canonical is the canonical CSV: the same load as no profile.
HDR=contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to
{
	echo "$HDR"
	echo "C1,2024-05-01T10:00:00-04:00,phone,en,K1A 0B1,,25-34,woman,BD-1800,,met,,1,Food Bank"
	echo "C1,2024-05-01T10:00:00-04:00,phone,en,K1A 0B1,,25-34,woman,BH-1800,,unmet,waitlist,0,"
	echo "C2,2024-05-02,text,fr,H2X 1Y4,,,,,housing,partial,cost,,"
	echo "C3,2024-13-02,text,fr,H2X 1Y4,,,,BD-1800,,met,,,"
} >c.csv
init_db p.db
init_db n.db
run "$NS_BIN/needstat-ingest" --db n.db c.csv
cp err n.err
run "$NS_BIN/needstat-ingest" --db p.db --profile canonical c.csv
expect_rc 0 "--profile canonical"
expect_eq "$(norm err)" "$(norm n.err)" "--profile canonical: same messages"
expect_eq "$(q p.db 'SELECT * FROM needs_v')" "$(q n.db 'SELECT * FROM needs_v')" "--profile canonical: same needs"
expect_eq "$(q p.db 'SELECT * FROM agg_needs')" "$(q n.db 'SELECT * FROM agg_needs')" "--profile canonical: same aggregates"
finish
