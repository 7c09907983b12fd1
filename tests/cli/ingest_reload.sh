# needstat-ingest: never lost, never counted twice.  Re-ingesting a file
# (by name or through stdin) changes nothing; a later export replaces the
# contacts it carries; --strict and --max-rejects leave the database as it
# was; full postal codes and unknown columns never reach the database.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
init_db t.db
cp "$FIX/good.csv" "$FIX/later.csv" "$FIX/bad.csv" .

# Aggregates equal to the raw tables (0 rows differ).
agg_check()
{
	q "$1" "SELECT (SELECT count(*) FROM (
	  SELECT c.month, n.category, c.region_id, n.status, coalesce(n.reason, ''), count(*), sum(coalesce(n.referrals, 0))
	  FROM needs n JOIN contacts c ON c.id = n.contact_id GROUP BY 1, 2, 3, 4, 5
	  EXCEPT SELECT month, category, region_id, status, reason, needs, referrals FROM agg_needs))
	+ (SELECT count(*) FROM (
	  SELECT month, category, region_id, status, reason, needs, referrals FROM agg_needs
	  EXCEPT SELECT c.month, n.category, c.region_id, n.status, coalesce(n.reason, ''), count(*), sum(coalesce(n.referrals, 0))
	  FROM needs n JOIN contacts c ON c.id = n.contact_id GROUP BY 1, 2, 3, 4, 5))
	+ (SELECT count(*) FROM (
	  SELECT month, region_id, coalesce(channel, ''), coalesce(language, ''), coalesce(age_group, ''), coalesce(gender, ''),
	         count(*), sum((SELECT count(*) FROM needs n WHERE n.contact_id = c.id)) FROM contacts c GROUP BY 1, 2, 3, 4, 5, 6
	  EXCEPT SELECT month, region_id, channel, language, age_group, gender, contacts, needs FROM agg_contacts))
	+ (SELECT count(*) FROM (
	  SELECT month, region_id, channel, language, age_group, gender, contacts, needs FROM agg_contacts
	  EXCEPT SELECT month, region_id, coalesce(channel, ''), coalesce(language, ''), coalesce(age_group, ''), coalesce(gender, ''),
	         count(*), sum((SELECT count(*) FROM needs n WHERE n.contact_id = c.id)) FROM contacts c GROUP BY 1, 2, 3, 4, 5, 6))"
}
counts()
{
	q "$1" "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM needs), (SELECT count(*) FROM referrals),
	  (SELECT sum(needs) FROM agg_needs), (SELECT sum(contacts) FROM agg_contacts), (SELECT count(*) FROM batches)"
}

# First load.
run "$INGEST" --db t.db good.csv
expect_rc 0 "good.csv"
expect_line err "$P: good.csv: ignoring 1 unknown column: 'caller_name'" "unknown column warned once"
expect_eq "$(grep -c 'unknown column' "$T/err")" 1 "unknown column warned once (count)"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 9 rows read = 9 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 0 rejected; 6 contacts (6 new, 0 replaced), 8 needs; T s" "good.csv summary"
expect_eq "$(counts t.db)" "6|8|3|8|6|1" "good.csv counts"
expect_eq "$(q t.db "SELECT group_concat(seq, ' ') FROM (SELECT seq FROM needs_v WHERE source_contact_id = 'G1' ORDER BY seq)")" "1 2 3" "G1 seq"
expect_eq "$(q t.db "SELECT count(*) FROM needs_v WHERE source_contact_id = 'G2'")" 0 "contact-only row: no needs"
expect_eq "$(agg_check t.db)" 0 "good.csv aggregates"
dbdump t.db >dump1.sql
for s in 'Jane Doe' 'K1A 0B1' 'H2X 1Y4' '90210-1234' 'X0A 1H0' 'm5v2t6'; do
	grep -qF "$s" dump1.sql && fail "'$s' is stored in the database"
done
expect_eq "$(q t.db "SELECT group_concat(postal_key, ' ') FROM (SELECT postal_key FROM contacts ORDER BY id)")" "K1A H2X 90210 M5V X0A K1A" "postal keys"

# The same file again: nothing changes, and it says so.
run "$INGEST" --db t.db good.csv
expect_rc 0 "good.csv again"
expect_line err "$P: good.csv: already loaded as batch 1 (same SHA-256): nothing to do" "good.csv again: message"
expect_line err "$P: 1 file already loaded: unchanged" "good.csv again: summary"
dbdump t.db >dump2.sql
expect_file dump2.sql dump1.sql "good.csv again: database unchanged"

# The same bytes through stdin: nothing changes either.
run "$INGEST" --db t.db - <good.csv
expect_rc 0 "good.csv through stdin"
expect_line err "$P: 1 file already loaded: unchanged" "stdin again: summary"
dbdump t.db >dump3.sql
expect_file dump3.sql dump1.sql "stdin again: database unchanged"

# A later export: G1 changed, G2 the same, G7 new -> replaced, not doubled.
run "$INGEST" --db t.db later.csv
expect_rc 0 "later.csv"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 4 rows read = 4 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 0 rejected; 3 contacts (1 new, 2 replaced), 3 needs; T s" "later.csv summary"
expect_eq "$(counts t.db)" "7|8|2|8|7|2" "later.csv counts"
expect_eq "$(q t.db "SELECT group_concat(seq || ':' || code || ':' || status, ' ') FROM (SELECT * FROM needs_v WHERE source_contact_id = 'G1' ORDER BY seq)")" "1:BD-1800.2000:met 2:BH-1800:partial" "G1 replaced"
expect_eq "$(q t.db "SELECT month, batch_id FROM contacts WHERE source_contact_id = 'G1'")" "202404|2" "G1 moved to April, batch 2"
expect_eq "$(q t.db "SELECT group_concat(agency, ';') FROM (SELECT agency FROM referrals ORDER BY agency)")" "Food Bank;Shelter" "referrals after replacement"
expect_eq "$(q t.db 'SELECT sum(needs) FROM agg_needs WHERE month = 202403')" "" "no March needs left"
expect_eq "$(agg_check t.db)" 0 "later.csv aggregates"
run "$INGEST" --db t.db later.csv good.csv
expect_rc 0 "both again"
expect_line err "$P: 2 files already loaded: unchanged" "both again: summary"
expect_eq "$(counts t.db)" "7|8|2|8|7|2" "both again: counts"

# --strict with a bad row, and --max-rejects: the database stays as it was.
dbdump t.db >before.sql
run "$INGEST" --db t.db --strict --rejects s.csv bad.csv
expect_rc 65 "--strict"
dbdump t.db >after.sql
expect_file after.sql before.sql "--strict: database unchanged"
expect_eq "$(grep -c '^bad\.csv,' s.csv)" 9 "--strict: the bad rows are still listed"
run "$INGEST" --db t.db --max-rejects 3 --rejects m.csv bad.csv
expect_rc 65 "--max-rejects 3"
# lines 6-8 are kept (bad status, code, referrals): the 4th reject is 12
expect_line err "$P: more than 3 bad rows (--max-rejects): stopped at bad.csv:12; nothing was loaded" "--max-rejects 3: message"
dbdump t.db >after2.sql
expect_file after2.sql before.sql "--max-rejects: database unchanged"
# a failing file later in the same run takes the good ones with it
printf 'contact_id,started_at,need_code\nQ1,2024-05-01,BD-1800\n' >nostatus.csv
cp "$FIX/good.csv" good-copy.csv
printf 'G8,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,,\n' >>good-copy.csv
run "$INGEST" --db t.db good-copy.csv nostatus.csv
expect_rc 65 "good file then a bad one"
dbdump t.db >after3.sql
expect_file after3.sql before.sql "good file then a bad one: database unchanged"

# A file with a bad row, through stdin twice: the second run is the same
# file and must change nothing (and succeed).
init_db s.db
run "$INGEST" --db s.db --rejects r1.csv - <bad.csv
expect_rc 0 "bad.csv through stdin"
dbdump s.db >s1.sql
run "$INGEST" --db s.db --rejects r2.csv - <bad.csv
expect_rc 0 "bad.csv through stdin again"
expect_line err "$P: 1 file already loaded: unchanged" "bad.csv through stdin again: summary"
dbdump s.db >s2.sql
expect_file s2.sql s1.sql "bad.csv through stdin again: database unchanged"

# A postal code that fails its check must not reach the database in any
# table (batch_issues keeps an example of each problem).
init_db pc.db
{
	head -1 bad.csv
	echo 'P1,2024-05-01,phone,en,K1A 0B1 Ottawa,,,,BD-1800,,met,,1,'
} >pc.csv
run "$INGEST" --db pc.db pc.csv
expect_rc 0 "invalid full postal code"
dbdump pc.db | grep -qF '0B1' && fail "invalid full postal code: 'K1A 0B1 Ottawa' is stored in the database"

finish
