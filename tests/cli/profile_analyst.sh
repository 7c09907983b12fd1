# A layout needstat does not bundle ("Rapport des appels", a French
# export: two title lines, YYYY/MM/DD date-times, French picklists and
# headers with accents, agencies separated by " / "), read through a
# profile written from needstat-profile(5) alone (fixtures/profiles/
# analyst/rapport.ini): it must keep working as the man page promises.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
F=$NS_SRC/fixtures/profiles/analyst
cp "$F/rapport.csv" "$F/rapport.ini" .

init_db a.db
run "$INGEST" --db a.db --profile rapport.ini --dry-run rapport.csv
expect_rc 0 "dry run"
expect_line out "File 'rapport.csv': header on line 3, 14 columns" "dry run: header after two title lines"
expect_line out "  ignored source columns (1): 'Intervenant'" "dry run: ignored column"
expect_eq "$(sed -n '/^Source values no value map matched/{n;p;}' out)" "  none" "dry run: every picklist value understood"
expect_eq "$(sed -n '/^Fields that would be left unknown/{n;p;}' out)" "  none" "dry run: no field left unknown"
run "$INGEST" --db a.db --profile rapport.ini --rejects rj.csv rapport.csv
expect_rc 0 "ingest"
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 9 rows read = 6 loaded + 0 merged + 0 duplicate + 2 dropped + 0 blank + 1 rejected; 5 contacts (5 new, 0 replaced), 6 needs; T s" "summary"
expect_eq "$(q a.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT category c, count(*) n FROM needs GROUP BY 1 ORDER BY 1)")" \
	"food=2 health=1 housing=2 mental_health=1" "needs by category"
expect_eq "$(q a.db "SELECT group_concat(r || '=' || n, ' ') FROM (SELECT region_id r, count(*) n FROM needs_v GROUP BY 1 ORDER BY 1)")" \
	"NB=1 ON=1 QC=4" "needs by region"
expect_eq "$(q a.db "SELECT group_concat(s || ':' || r || '=' || n, ' ') FROM (SELECT status s, coalesce(reason, '-') r, count(*) n FROM needs GROUP BY 1, 2 ORDER BY 1, 2)")" \
	"met:-=3 partial:cost=1 unmet:no_service=1 unmet:waitlist=1" "status and reason"
expect_eq "$(q a.db "SELECT group_concat(source_contact_id || ':' || channel || ':' || language || ':' || age_group || ':' || gender, ' ') FROM (SELECT * FROM contacts ORDER BY source_contact_id)")" \
	"est-E-1:phone:fr:25-34:woman est-E-2:text:en:65+:man est-E-3:chat:fr:18-24:non-binary est-E-5:phone:en:0-17:unknown est-E-8:phone:fr:45-54:woman" "contact fields through French maps"
expect_eq "$(q a.db "SELECT group_concat(agency, '|') FROM referrals")" "Banque alimentaire|Moisson Québec|Office d'habitation|Tel-Aide|CLSC" "agencies split on ' / '"
expect_eq "$(q a.db "SELECT DISTINCT utc_offset FROM contacts")" "-240" "fixed zone EDT"
finish
