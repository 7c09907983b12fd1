#!/usr/bin/env bash
# One rule for a profile field that is missing, in every report: a blank
# field is "Not recorded", a field recorded as unknown (or not mappable)
# is "Unknown".
# - caller_profile shows them as two rows with these two names (never
#   two rows both called Unknown), in English and French;
# - data_quality counts both as missing for every field, language
#   included.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

db=$T/u.db
init_db "$db"
cat >unk.csv <<'CSV'
contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to
K1,2024-05-01T10:00:00-04:00,phone,en,,ON,18-24,woman,BH-1800.8500,,met,,0,
K2,2024-05-02T10:00:00-04:00,,,,ON,,,BH-1800.8500,,met,,0,
K3,2024-05-03T10:00:00-04:00,phone,unknown,,ON,unknown,unknown,BH-1800.8500,,met,,0,
K4,2024-05-04T10:00:00-04:00,chat,unknown,,ON,unknown,unknown,BH-1800.8500,,met,,0,
CSV
"$INGEST" --db "$db" -q unk.csv 2>/dev/null || fail "ingest of unk.csv"
R() { run "$NS_BIN/needstat-report" --db "$db" --month 2024-05 "$@"; }

R --format csv --min-cell 1 caller_profile
unflag_file "$T/out"
expect_rc 0 "caller_profile"
cut -d, -f1-3 "$T/out" >rows
for dim in "Age group" Gender Language; do
	expect_line rows "$dim,Unknown,2" "caller_profile: $dim recorded unknown"
	expect_line rows "$dim,Not recorded,1" "caller_profile: $dim blank"
done
expect_line rows "Channel,Not recorded,1" "caller_profile: channel blank"
[ "$(grep -c ',Unknown,' rows)" -eq 3 ] ||
	fail "caller_profile: not one Unknown row per field: $(cat rows)"
R --format csv --lang fr caller_profile
unflag_file "$T/out"
cut -d, -f1-2 "$T/out" >rows
expect_line rows "Genre,Inconnu" "caller_profile fr: recorded unknown"
expect_line rows "Genre,Non consigné" "caller_profile fr: blank"

R --format csv data_quality
unflag_file "$T/out"
expect_rc 0 "data_quality"
grep '^Missing value,' "$T/out" | cut -d, -f4-6 >missing
for f in language,3 age_group,3 gender,3 channel,1; do
	expect_line missing "${f%,*},not recorded or unknown,${f#*,}" \
		"data_quality: missing ${f%,*}"
done

finish
