# Cross-check with the independent generator: fixtures/ingest/
# gen_seed7_2000.csv was made once with
#   python3 ../shared/bench/gen_contacts.py --rows 2000 --seed 7
# (CRLF line ends, its own choice of messy postal codes).  The expected
# counts below were computed from that CSV with Python's csv module, not
# with needstat: 1836 distinct contact ids, 2000 needs, 244 unmet, 3046
# referrals; 58 contacts whose postal code is blank (54) or not a postal
# code (NFA twice, 'unknown', 'no fixed address'), 2 US ZIPs; 954 distinct
# FSA/ZIP keys; 60 months, 2021-01 to 2025-12.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
F=$FIX/gen_seed7_2000.csv
init_db t.db

expect_eq "$(head -c 200 "$F" | grep -c $'\r$')" 1 "the fixture has CRLF line ends"
run "$INGEST" --db t.db "$F"
expect_rc 0 "gen_seed7_2000.csv"
expect_eq "$(q t.db 'SELECT rows_read, rows_loaded, rows_rejected, contacts_new, needs_loaded, date_min, date_max FROM batches')" \
	"2000|2000|0|1836|2000|2021-01-01|2025-12-31" "batch"
expect_eq "$(q t.db 'SELECT count(*) FROM contacts')" 1836 "contacts"
expect_eq "$(q t.db 'SELECT count(*) FROM needs')" 2000 "needs"
expect_eq "$(q t.db "SELECT count(*) FROM needs WHERE status = 'unmet'")" 244 "unmet needs"
expect_eq "$(q t.db "SELECT count(*) FROM needs WHERE status = 'met'")" 1756 "met needs"
expect_eq "$(q t.db 'SELECT sum(referrals) FROM needs')" 3046 "referrals"
expect_eq "$(q t.db 'SELECT count(*) FROM contacts WHERE postal_key IS NULL')" 58 "unknown postal codes"
expect_eq "$(q t.db "SELECT count(*) FROM contacts WHERE region_id = 'unknown'")" 58 "unknown region"
expect_eq "$(q t.db "SELECT count(*) FROM contacts WHERE postal_key GLOB '[0-9][0-9][0-9][0-9][0-9]'")" 2 "US ZIPs"
expect_eq "$(q t.db 'SELECT count(DISTINCT postal_key) FROM contacts')" 954 "distinct postal keys"
expect_eq "$(q t.db 'SELECT count(*) FROM contacts WHERE length(postal_key) NOT IN (3, 5)')" 0 "postal keys are FSAs or ZIP5"
expect_eq "$(q t.db 'SELECT count(DISTINCT month) FROM contacts')" 60 "months"
# contacts with no need (a blank need_code) are counted, not rejected
expect_eq "$(q t.db "SELECT kind, column_name, count FROM batch_issues ORDER BY column_name")" "field|need_code|21
field|postal_code|4" "issues"
expect_eq "$(q t.db 'SELECT rows_read = rows_loaded + rows_merged + rows_duplicate + rows_dropped + rows_blank + rows_rejected FROM batches')" 1 "every row in one bucket"
expect_eq "$(q t.db 'SELECT sum(needs), sum(referrals) FROM agg_needs')" "2000|3046" "agg_needs"
expect_eq "$(q t.db 'SELECT sum(contacts), sum(needs) FROM agg_contacts')" "1836|2000" "agg_contacts"
expect_eq "$(q t.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT substr(month, 1, 4) c, count(*) n FROM contacts GROUP BY 1 ORDER BY 1)")" \
	"2021=343 2022=355 2023=370 2024=389 2025=379" "contacts by year"

finish
