# A US export that records requests only (fixtures/profiles/requests):
# no met/unmet (need_status = "unrecorded"), several codes in one cell,
# ZIPs and ZIP+4 from Arizona and New Mexico and a bad ZIP, counties
# (ignored), date-times like 12/27/2017 09:02:27.151999 MST (and one with
# no zone: the profile's MST), a blank row, an exact duplicate row, a
# training call dropped by rule, an impossible month, a call with no
# request.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
F=$NS_SRC/fixtures/profiles/requests
cp "$F/export.csv" "$F/requests.ini" .

init_db a.db
run "$INGEST" --db a.db --profile requests.ini --rejects rj.csv export.csv
expect_rc 0 "ingest"
# the cell of three codes is one row read (three needs); the call with no
# request is loaded (a contact with no need); the blank row is blank
expect_eq "$(norm err | grep ' rows read')" "$P: 1 file, 12 rows read = 8 loaded + 0 merged + 1 duplicate + 1 dropped + 1 blank + 1 rejected; 8 contacts (8 new, 0 replaced), 10 needs; T s" "summary"
expect_line err "$P:   dup          1  duplicate row" "duplicate counted"
expect_line err "$P:   drop         1  Agent = training" "rule counted"
expect_line err "$P: export.csv:11: column 'started_at': '13/04/2018 09:00:00.000000 MST' is not a date (MM/DD/YYYY: month out of range)" "bad month"
expect_eq "$(q a.db "SELECT group_concat(c || '=' || n, ' ') FROM (SELECT category c, count(*) n FROM needs GROUP BY 1 ORDER BY 1)")" \
	"food=5 health=1 housing=2 mental_health=1 utilities=1" "needs by category"
expect_eq "$(q a.db "SELECT group_concat(r || '=' || n, ' ') FROM (SELECT region_id r, count(*) n FROM needs_v GROUP BY 1 ORDER BY 1)")" \
	"US-AZ=8 US-NM=1 unknown=1" "needs by region"
expect_eq "$(q a.db "SELECT group_concat(r || '=' || n, ' ') FROM (SELECT region_id r, count(*) n FROM contacts GROUP BY 1 ORDER BY 1)")" \
	"US-AZ=6 US-NM=1 unknown=1" "contacts by region"
expect_eq "$(q a.db "SELECT group_concat(DISTINCT status) FROM needs")" "unrecorded" "requests only: status unrecorded"
expect_eq "$(q a.db "SELECT count(*) FROM needs_v WHERE source_contact_id = 'AZ-0003'")" "3" "three codes in one cell: three needs"
expect_eq "$(q a.db "SELECT count(*) FROM needs_v WHERE source_contact_id = 'AZ-0009'")" "1" "a trailing separator adds no need"
expect_eq "$(q a.db "SELECT count(*) FROM needs n JOIN contacts c ON c.id = n.contact_id WHERE source_contact_id = 'AZ-0008'")" "0" "a call with no request: a contact with no need"
expect_eq "$(q a.db "SELECT started_local || '|' || utc_offset || '|' || started_utc FROM contacts WHERE source_contact_id = 'AZ-0001'")" \
	"2017-12-27 09:02:27|-420|1514390547" "12/27/2017 09:02:27.151999 MST"
expect_eq "$(q a.db "SELECT started_local || '|' || utc_offset FROM contacts WHERE source_contact_id = 'AZ-0003'")" \
	"2017-12-28 14:40:00|-420" "12-hour clock"
expect_eq "$(q a.db "SELECT started_local || '|' || utc_offset FROM contacts WHERE source_contact_id = 'AZ-0005'")" \
	"2018-01-03 16:20:00|-420" "no zone in the value: the profile's zone"
expect_eq "$(q a.db "SELECT postal_key FROM contacts WHERE source_contact_id = 'AZ-0002'")" "85701" "ZIP+4 kept as 5 digits"
expect_eq "$(q a.db "SELECT group_concat(channel || ':' || language, ' ') FROM (SELECT channel, language FROM contacts WHERE source_contact_id IN ('AZ-0002', 'AZ-0004') ORDER BY 1)")" \
	"chat:en text:es" "channel and language"
expect_eq "$(q a.db "SELECT min(month) || '-' || max(month) FROM agg_needs")" "201712-201801" "aggregate months"
finish
