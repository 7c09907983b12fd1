#!/usr/bin/env bash
# needstat-report refuses what a report cannot use, and its region level
# follows the data:
# - -p with a value the report does not accept (level=bogus, a featured
#   category that does not exist): exit 64 naming the accepted values;
# - --category on a report of contacts (volume, caller_profile,
#   data_quality): exit 64 naming what the report accepts;
# - a bad --region lists every region id of the database, suggests the
#   id a wrong-case id or a name means, and stays short (levels, counts
#   and needstat-regions list) when the ids would not fit;
# - US data with counties loaded: territory, funders_unmet and gaps show
#   states by default (not a province column holding counties), counties
#   with -p level=county; Canadian data: provinces; mixed data shown by
#   province rolls US counties up to their states.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

R() { run "$NS_BIN/needstat-report" --db "$db" "$@"; }

# usage64 WHAT LINE ARGS...: exit 64, nothing on stdout, LINE in stderr.
usage64()
{
	local what="$1" want="$2"
	shift 2
	R "$@"
	expect_rc 64 "$what"
	expect_empty "$T/out" "$what: stdout"
	grep -qF -- "$want" "$T/err" ||
		fail "$what: stderr lacks '$want': $(head -1 "$T/err")"
}

db=$T/ca.db
init_db "$db"
(cd "$NS_SRC/fixtures/report" &&
	"$INGEST" --db "$db" -q --rejects "$T/rej.csv" contacts.csv \
		2>/dev/null) || fail "ingest of fixtures/report/contacts.csv"

usage64 "bad level" "needstat-report: parameter 'level': 'bogus' is not accepted by report 'territory' (one of: country, province, state)" \
	-p level=bogus territory
usage64 "bad level, funders" "'bogus' is not accepted by report 'funders_unmet' (one of: country, province, state)" \
	-p level=bogus funders_unmet
usage64 "bad featured" "parameter 'featured': 'housing,food_bank' is not accepted by report 'trends' (a comma-separated list of these: all, housing, utilities, food," \
	-p featured=housing,food_bank trends
usage64 "bad integer" "parameter 'top': 'many' is not an integer" \
	-p top=many gaps
for id in volume caller_profile data_quality; do
	usage64 "--category on $id" "needstat-report: --category does not apply to report '$id' (it accepts a period, --region)" \
		--category food "$id"
done
R --category food -p featured=all --fiscal-year 2024 trends
expect_rc 0 "--category on trends"
R -p featured='food, housing' --fiscal-year 2024 trends
expect_rc 0 "featured list with blanks"
usage64 "bad region" "unknown region 'ab' (valid: CA, US, unknown, AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT, US-AK," \
	--region ab volume
grep -qF ", US-WY); did you mean 'AB' (Alberta)?" "$T/err" ||
	fail "bad region: not every id, or no suggestion: $(head -1 "$T/err")"
usage64 "region by name" "did you mean 'ON' (Ontario)?" --region ontario territory

# Canadian data: provinces by default
R --fiscal-year 2024 --format csv territory
unflag_file "$T/out"
expect_rc 0 "territory, Canadian data"
grep -q '^Ontario,' "$T/out" || fail "territory, Canadian data: no Ontario row"

# US data, counties loaded: states by default, counties on request
db=$T/us.db
init_db "$db"
printf '%s\n' 'id,level,parent_id,name_en,name_fr' \
	'US-NY-061,county,US-NY,New York County,Comté de New York' \
	'US-NY-047,county,US-NY,Kings County,Comté de Kings' \
	'US-TX-201,county,US-TX,Harris County,Comté de Harris' >counties.csv
"$NS_BIN/needstat-regions" --db "$db" load regions counties.csv >/dev/null ||
	fail "load of the counties"
{
	echo 'contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to'
	i=0
	for r in US-NY-061 US-NY-061 US-NY-047 US-TX-201 US-TX-201 US-TX-201; do
		i=$((i + 1))
		echo "U$i,2024-05-0${i}T10:00:00-05:00,phone,en,,$r,25-34,man,BH-1800.8500,,unmet,no_service,1,Agency A"
	done
} >us.csv
"$INGEST" --db "$db" -q us.csv 2>/dev/null || fail "ingest of us.csv"
for id in territory funders_unmet gaps; do
	R --month 2024-05 --no-suppress --format csv "$id"
	unflag_file "$T/out"
	expect_rc 0 "$id, US data"
	grep -q '^"\?New York"\?,\|,"\?New York"\?,' "$T/out" ||
		fail "$id, US data: no New York (state) row: $(head -3 "$T/out")"
	grep -q 'County' "$T/out" && fail "$id, US data: county rows by default"
	R --month 2024-05 --no-suppress --format csv -p level=county "$id"
	unflag_file "$T/out"
	expect_rc 0 "$id, US data, level=county"
	grep -q '^"\?Harris County"\?,\|,"\?Harris County"\?,' "$T/out" ||
		fail "$id, level=county: no Harris County row"
done
usage64 "bad level, US" "(one of: country, province, state, county)" \
	-p level=township territory

# mixed data (Canadian fixture and US counties), level province: US
# contacts count at their country (a province column holds provinces),
# no state or county in the column
(cd "$NS_SRC/fixtures/report" &&
	"$INGEST" --db "$db" -q --rejects "$T/rej3.csv" contacts.csv \
		2>/dev/null) || fail "ingest of the Canadian fixture"
for id in territory funders_unmet gaps; do
	R --format csv --min-cell 1 -p level=province "$id"
	unflag_file "$T/out"
	expect_rc 0 "$id, mixed data"
	grep -q 'County' "$T/out" && fail "$id, mixed data: county rows"
	grep -q 'New York\|Texas' "$T/out" && fail "$id, mixed data: state rows"
	grep -q '^"\?United States"\?,\|,"\?United States"\?,' "$T/out" ||
		fail "$id, mixed data: no United States row"
	grep -q '^"\?Ontario"\?,\|,"\?Ontario"\?,' "$T/out" ||
		fail "$id, mixed data: no Ontario row"
done

# many regions: the message names the levels and where to see the ids
{
	echo 'id,level,parent_id,name_en,name_fr'
	for n in $(seq 100 399); do
		echo "US-TX-$n,county,US-TX,County $n,Comté $n"
	done
} >many.csv
"$NS_BIN/needstat-regions" --db "$db" load regions many.csv >/dev/null ||
	fail "load of 300 counties"
usage64 "bad region, many" "unknown region 'XX' (valid: 370 regions, country 2, unknown 1, province 13, state 52, county 302: see needstat-regions list --level LEVEL)" \
	--region XX volume

finish
