# ingest_fk: the loader keeps every reference itself.  needstat-ingest
# turns SQLite's foreign-key checks off during a load (one B-tree probe a
# row saved); after first loads, replacements (a replaced contact's
# referrals go with its needs: no ON DELETE CASCADE while the checks are
# off), appends to a contact seen earlier in the batch, a two-file profile
# pair and a failed run, PRAGMA foreign_key_check is empty, no referral
# is left without its need, and the connection has the checks back on
# for every other tool.
. "$(dirname "$0")/lib.sh"

fk_clean() {  # DB WHAT
  expect_eq "$(q "$1" 'PRAGMA foreign_key_check')" "" "$2: foreign_key_check"
  expect_eq "$(q "$1" 'SELECT count(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM needs n WHERE n.contact_id = r.contact_id AND n.seq = r.seq)')" 0 "$2: referrals without their need"
}

init_db a.db
"$NS_BIN/needstat-synth" --needs 3000 --seed 1 --id-prefix C -o a.csv
"$NS_BIN/needstat-synth" --needs 5000 --seed 2 --id-prefix C -o b.csv
run "$INGEST" --db a.db --source s -q a.csv
expect_rc 0 "first load"
fk_clean a.db "first load"
refs=$(q a.db 'SELECT count(*) FROM referrals')
[ "$refs" -gt 0 ] || expect_eq "$refs" "more than 0" "synthetic data has referrals"
run "$INGEST" --db a.db --source s -q b.csv
expect_rc 0 "replacing load"
fk_clean a.db "replacing load"
expect_eq "$(q a.db 'SELECT count(*) FROM contacts WHERE batch_id = 1')" 0 "every contact of the first file replaced"
# a replaced contact keeps its id and its new needs start again at seq 1,
# so a referral left behind would hang on a new need: b.csv alone must
# give the same referrals
init_db only_b.db
run "$INGEST" --db only_b.db --source s -q b.csv
expect_rc 0 "b.csv alone"
refs_sql="SELECT count(*) || ':' || coalesce(sum(length(agency) * seq), 0) FROM referrals"
expect_eq "$(q a.db "$refs_sql")" "$(q only_b.db "$refs_sql")" "no referral of a replaced need left"

# a contact's rows apart in one file (appended to), then the fixtures
run "$INGEST" --db a.db --source f -q "$FIX/good.csv" "$FIX/later.csv"
expect_rc 0 "fixtures"
fk_clean a.db "fixtures"

# a two-file profile pair
init_db p.db
cp "$NS_SRC/fixtures/profiles/icarol/CallReports.csv" "$NS_SRC/fixtures/profiles/icarol/Needs.csv" .
run "$INGEST" --db p.db --profile icarol -q CallReports.csv Needs.csv
expect_rc 0 "icarol pair"
fk_clean p.db "icarol pair"
expect_eq "$(q p.db 'SELECT count(*) FROM batches')" 1 "the pair's one batch"

# a failed run leaves nothing, and the checks are on again afterwards:
# needstat-regions and needstat-taxonomy rely on them
before=$(dbdump a.db)
printf 'contact_id,started_at,need_code\nX1,2024-01-01T10:00:00-05:00,BD\n' > bad.csv
run "$INGEST" --db a.db --source s --strict "$FIX/bad.csv"
expect_rc 65 "strict run with bad rows"
expect_eq "$(dbdump a.db)" "$before" "a failed run changes nothing"
fk_clean a.db "failed run"
finish
