# migrate_needs_keyed: migration 006 (needs keyed by (contact_id, seq),
# referrals by the same pair) converts a database of the schema before
# it: the rows of two loads (the second replacing part of the first),
# written into an old-schema database with need ids out of key order and
# migrated by needstat-init, are the rows and aggregates of a new database
# given the same loads, and a later load replaces by (source, contact_id)
# in both alike.
. "$(dirname "$0")/lib.sh"

# the data directory as it was before 006
mkdir old
cp -r "$NS_BIN/../share/needstat/." old/
rm old/sql/006_*.sql
[ -z "$(ls old/sql | awk -F_ '$1 + 0 >= 6')" ] ||
	fail "the old data directory still has migrations from 006 on"

"$NS_BIN/needstat-synth" --needs 3000 --seed 1 --id-prefix C -o a.csv
"$NS_BIN/needstat-synth" --needs 2000 --seed 2 --id-prefix C -o b.csv
"$NS_BIN/needstat-synth" --needs 1500 --seed 3 --id-prefix C -o c.csv

init_db new.db
for f in a.csv b.csv; do
	run "$INGEST" --db new.db --source s -q $f
	expect_rc 0 "load $f"
done

# The same rows in a database of the old schema (needs with their own
# ids, in an order unlike (contact_id, seq); referrals by need id), as a
# load before 006 left them.
NEEDSTAT_DATADIR=$T/old "$NS_BIN/needstat-init" -q --db old.db ||
	fail "init with the old schema"
expect_eq "$(q old.db "SELECT count(*) FROM pragma_table_info('needs') WHERE name = 'id'")" 1 "the old needs table has its id"
sqlite3 -bail old.db "
ATTACH 'new.db' AS n;
BEGIN;
DELETE FROM agg_needs; DELETE FROM agg_needs_year; DELETE FROM agg_contacts;
DELETE FROM agg_referrals;
INSERT INTO sources SELECT * FROM n.sources;
INSERT INTO batches SELECT * FROM n.batches;
INSERT INTO batch_issues SELECT * FROM n.batch_issues;
INSERT INTO codes SELECT * FROM n.codes;
INSERT INTO contacts SELECT * FROM n.contacts;
INSERT INTO needs(contact_id, seq, code_id, category, map_version, status,
                  reason, referrals)
SELECT contact_id, seq, code_id, category, map_version, status, reason,
       referrals FROM n.needs ORDER BY contact_id % 7, contact_id DESC, seq;
INSERT INTO referrals(id, need_id, agency)
SELECT r.id, o.id, r.agency FROM n.referrals r
JOIN needs o ON o.contact_id = r.contact_id AND o.seq = r.seq;
INSERT INTO agg_needs SELECT * FROM n.agg_needs;
INSERT INTO agg_needs_year SELECT * FROM n.agg_needs_year;
INSERT INTO agg_contacts SELECT * FROM n.agg_contacts;
INSERT INTO agg_referrals SELECT * FROM n.agg_referrals;
COMMIT;" || fail "copying the rows into the old schema"
moved=$(q old.db 'SELECT count(*) FROM needs WHERE id <> (SELECT count(*) FROM needs n2 WHERE n2.contact_id < needs.contact_id OR (n2.contact_id = needs.contact_id AND n2.seq <= needs.seq))')
[ "$moved" -gt 0 ] || fail "old need ids should differ from the key order: got '$moved'"

run "$NS_BIN/needstat-init" -q --db old.db
expect_rc 0 "needstat-init migrates"
expect_eq "$(q old.db 'SELECT max(version) FROM schema_version')" \
	"$(ls "$NS_SRC/sql" | tail -n 1 | awk -F_ '{ print $1 + 0 }')" "schema version"
expect_eq "$(q old.db "SELECT count(*) FROM pragma_table_info('needs') WHERE name = 'id'")" 0 "needs has no id any more"
expect_eq "$(q old.db "SELECT group_concat(name) FROM pragma_index_list('needs') WHERE origin = 'c'")" "needs_other" "needs has no second full index (only the partial needs_other)"
expect_eq "$(q old.db 'PRAGMA foreign_key_check')" "" "foreign_key_check after the migration"

same() {  # WHAT SQL: old.db and new.db give the same rows
	expect_eq "$(q old.db "$2" | md5sum)" "$(q new.db "$2" | md5sum)" "$1"
}
same "needs" "SELECT * FROM needs ORDER BY contact_id, seq"
same "needs_v" "SELECT * FROM needs_v ORDER BY contact_id, seq"
same "referrals" "SELECT * FROM referrals ORDER BY id"
same "contacts_v" "SELECT * FROM contacts_v ORDER BY contact_id"
for t in agg_needs agg_needs_year agg_contacts agg_referrals; do
	same "$t" "SELECT * FROM $t"
done
refs=$(q old.db 'SELECT count(*) FROM referrals')
[ "$refs" -gt 0 ] || fail "the synthetic data has no referrals: got '$refs'"

# loads after the migration replace as before
for db in old.db new.db; do
	run "$INGEST" --db $db --source s -q c.csv
	expect_rc 0 "$db: load c.csv after"
done
same "needs after a later load" "SELECT * FROM needs ORDER BY contact_id, seq"
same "referrals after a later load" "SELECT contact_id, seq, agency FROM referrals ORDER BY id"
for t in agg_needs agg_contacts agg_referrals; do
	same "$t after a later load" "SELECT * FROM $t"
done
expect_eq "$(q old.db 'PRAGMA foreign_key_check')" "" "foreign_key_check after a later load"

finish
