#!/usr/bin/env bash
# Top-N lists keep ties at the cut-off (referrals_top, gaps), on a crafted
# log of May 2024 with one referral per need:
#   housing: Alpha 3, Bravo 2, Charlie 2, Delta 2, Echo 1
#   food:    Foxtrot 2, Golf 1
# and needs unmet because no service exists: Alberta housing 2, Alberta
# food 2, Ontario housing 1.
# - top=2: Bravo, Charlie, Delta (and Foxtrot overall) share rank 2 and are
#   all kept; a note says 2 lists hold more than 2 organisations (5 more);
# - top=4: only the overall list grows (5 names); top=1: no tie, no note;
# - gaps top=1: the two Alberta pairs tie at rank 1, both kept, noted.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
REPORT=$NS_BIN/needstat-report

init_db t.db
{
	echo "contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to"
	i=0
	row() {  # row CODE STATUS REASON REFERRALS AGENCY POSTAL
		i=$((i + 1))
		printf 'T%04d,2024-05-%02dT10:00:00-06:00,phone,en,%s,,25-34,woman,%s,,%s,%s,%s,%s\n' \
			"$i" $((i % 28 + 1)) "$6" "$1" "$2" "$3" "$4" "$5"
	}
	for a in Alpha Alpha Alpha Bravo Bravo Charlie Charlie Delta Delta Echo; do
		row BH-1800.8500 met "" 1 "$a Housing Help" "T5B 6M9"
	done
	for a in Foxtrot Foxtrot Golf; do
		row BD-5000 met "" 1 "$a Food Bank" "T5B 6M9"
	done
	row BH-1800.8500 unmet no_service 0 "" "T5B 6M9"
	row BH-1800.8500 unmet no_service 0 "" "T5B 6M9"
	row BD-5000 unmet no_service 0 "" "T5B 6M9"
	row BD-5000 unmet no_service 0 "" "T5B 6M9"
	row BH-1800.8500 unmet no_service 0 "" "M5V 2T6"
} >log.csv
run "$INGEST" --db t.db -q log.csv
expect_rc 0 "ingest"

# top N: "scope|rank|agency" lines of referrals_top (CSV columns: row_type,
# scope, rank, rank_flag, agency, ...)
top() {
	"$REPORT" --db t.db --month 2024-05 --format csv -p top="$1" \
		referrals_top >top.csv 2>err || fail "top=$1: exit $?: $(cat err)"
	awk -F, 'NR > 1 { print $2 "|" $3 "|" $5 }' top.csv
}
cat >want <<'EOF'
All categories|1|Alpha Housing Help
All categories|2|Bravo Housing Help
All categories|2|Charlie Housing Help
All categories|2|Delta Housing Help
All categories|2|Foxtrot Food Bank
Housing|1|Alpha Housing Help
Housing|2|Bravo Housing Help
Housing|2|Charlie Housing Help
Housing|2|Delta Housing Help
Food/Meals|1|Foxtrot Food Bank
Food/Meals|2|Golf Food Bank
EOF
top 2 >got
expect_file got want "top=2: ties at rank 2 kept"
run "$REPORT" --db t.db --month 2024-05 -p top=2 referrals_top
expect_rc 0 "top=2 text"
expect_line out "- Organisations tied at the cut-off are all kept, with the same rank: 2 lists hold more than 2 organisations (5 more in all)." "top=2: note"
run "$REPORT" --db t.db --month 2024-05 -p top=2 --lang fr referrals_top
expect_line out "- Les organismes à égalité au seuil sont tous gardés, avec le même rang"$'\xc2\xa0'": 2 listes comptent plus de 2 organismes (5 de plus en tout)." "top=2: French note"
expect_eq "$(top 4 | grep -c '^All categories|')" 5 "top=4: overall list"
expect_eq "$(top 4 | grep -c '^Housing|')" 4 "top=4: housing list"
run "$REPORT" --db t.db --month 2024-05 -p top=4 referrals_top
expect_line out "- Organisations tied at the cut-off are all kept, with the same rank: 1 list holds more than 4 organisations (1 more in all)." "top=4: note"
expect_eq "$(top 1 | tr '\n' ' ')" "All categories|1|Alpha Housing Help Housing|1|Alpha Housing Help Food/Meals|1|Foxtrot Food Bank " "top=1"
run "$REPORT" --db t.db --month 2024-05 -p top=1 referrals_top
grep -q "tied at the cut-off" out && fail "top=1: a tie note without a tie"

# gaps: region and category pairs
run "$REPORT" --db t.db --month 2024-05 --format csv -p top=1 gaps
expect_rc 0 "gaps top=1"
expect_eq "$(awk -F, 'NR > 1 { print $2 "|" $4 "|" $5 }' out | tr '\n' ' ')" \
	"1|Alberta|Food/Meals 1|Alberta|Housing " "gaps top=1: the tie kept"
run "$REPORT" --db t.db --month 2024-05 -p top=1 gaps
expect_line out "- Pairs tied at the cut-off are all kept, with the same rank: the list holds 2 pairs, not 1." "gaps: note"
run "$REPORT" --db t.db --month 2024-05 -p top=3 gaps
grep -q "tied at the cut-off" out && fail "gaps top=3: a tie note without a tie"

finish
