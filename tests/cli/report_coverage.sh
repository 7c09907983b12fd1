#!/usr/bin/env bash
# Reports say so when the data cannot answer (issue 10, point 3), on the
# synthetic batches of fixtures/coverage:
#   feb24.csv  February 3-8 and March 28, 2024 (status met)
#   jan.csv    January 2025, mar.csv March 2025 (met, partly met, unmet;
#              Ontario, Quebec, Arizona and unknown locations)
#   apr.csv    April 2025, requests only (status 'unrecorded')
# No batch covers February 2025.
# - requests-only data: needs_status, funders_unmet, territory and gaps show
#   "not recorded" (never 0), no share or rate of it, and a note naming the
#   batch; volume still works; mixed periods: shares of the recorded needs
#   and a note counting the needs without status; French too.
# - a month no batch covers (February 2025) is "no data" in volume and
#   trends, never 0; trends computes no change against it (no -100%), none
#   from 0 or for 0 vs 0, and says so; volume and trends list the same
#   months; a note names the month.
# - "All regions" and territory's Total divide by the population of the
#   regions shown that have one, over those regions' counts only; a note
#   names that population and lists the regions left out (United States, holding Arizona, when
#   populations are Canadian, unknown location) with their counts.
. "$(dirname "$0")/lib.sh"

F=$NS_SRC/fixtures/coverage
R() { "$NS_BIN/needstat-report" "$@"; }

# ---- requests only ----
init_db req.db
"$INGEST" -q --db req.db "$F/apr.csv" || fail "ingest apr.csv"

run R --db req.db --month 2025-04 --format csv needs_status
unflag_file out
expect_rc 0 "needs_status on requests-only data"
expect_line out "Housing,2,not_recorded,not_recorded,not_recorded,,," \
	"needs_status: not recorded, no share"
expect_line out "All categories,4,not_recorded,not_recorded,not_recorded,,," \
	"needs_status total: not recorded"
run R --db req.db --month 2025-04 needs_status
expect_line out "- Status not recorded: none of the 4 needs of this period has a met or unmet status (batch #1 apr.csv, April 2, 2025 to April 29, 2025: 4 of 4 needs without status): the exports record requests only, so met and unmet counts show \"not recorded\" and no share or rate of them is computed." \
	"needs_status: the note names the batch and its dates"
expect_line out "- not recorded: the contact logs behind this cell did not record it; it is not a zero." \
	"legend of the marker"
run R --db req.db --month 2025-04 --lang fr --format csv needs_status
unflag_file out
expect_line out "Logement,2,not_recorded,not_recorded,not_recorded,,," \
	"needs_status in French"
run R --db req.db --month 2025-04 --lang fr needs_status
sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' out >fr.txt     # no-break spaces as spaces
expect_line fr.txt "- Statut non consigné : aucun des 4 besoins de cette période n'a de statut comblé ou non comblé (lot n° 1 apr.csv, du 2 avril 2025 au 29 avril 2025 : 4 besoins sur 4 sans statut) : les exports ne consignent que les demandes, donc les effectifs comblés et non comblés indiquent « non consigné » et aucune part ni aucun taux n'en est calculé." \
	"French status note"

run R --db req.db --month 2025-04 --format csv funders_unmet
unflag_file out
expect_rc 0 "funders_unmet on requests-only data"
expect_line out "Quebec,Food/Meals,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,8501833,,," \
	"funders_unmet: not recorded, no rate"
expect_line out "All regions,All categories,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,22725775,,," \
	"funders_unmet: the grand total is not recorded, not 0"
run R --db req.db --month 2025-04 --no-suppress --format csv funders_unmet
unflag_file out
expect_line out "Ontario,Food/Meals,0,0,0,0,0,0,14223942,0,0,0.002593429763784143" \
	"a cell without needs stays 0"
[ "$(grep -c ',0,0,0,0,0,0,' out)" = 2 ] || fail "funders_unmet: only cells without needs show 0"

run R --db req.db --month 2025-04 --no-suppress --format csv territory
unflag_file out
expect_line out "Ontario,1,1,not_recorded,0,14223942,0.0007030399870865615,0.000017799431398335213,0.0039170880976166075,0" \
	"territory: unmet not recorded, needs and rates kept"
run R --db req.db --month 2025-04 gaps
expect_rc 0 "gaps on requests-only data"
grep -q "^- No data" out && fail "gaps: 'No data' although the period has needs"
grep -q "^- Status not recorded: none of the 4 needs" out ||
	fail "gaps: no status note"

run R --db req.db --month 2025-04 --no-suppress --format csv volume
unflag_file out
expect_line out "2025-04,3,4,1.3333333333333333,2,1,0,0,0,0,0,2,1,0" "volume works"
run R --db req.db --month 2025-04 volume
grep -q "Status not recorded" out && fail "volume: a status note on a report that does not use status"

# ---- mixed: some batches with status, one without ----
init_db mix.db
for f in jan mar apr; do
	"$INGEST" -q --db mix.db "$F/$f.csv" || fail "ingest $f.csv"
done
run R --db mix.db --from 2025-03 --to 2025-04 --format csv needs_status
unflag_file out
expect_line out "Housing,4,2,0,0,0,0,0.6576197724933468" \
	"mixed: the share is over the recorded needs only"
run R --db mix.db --from 2025-03 --to 2025-04 needs_status
expect_line out "- Status not recorded for 4 of the 7 needs of this period (batch #3 apr.csv, April 2, 2025 to April 29, 2025: 4 of 4 needs without status): met and unmet counts, shares and rates are of the 3 needs with a recorded status; a row with none shows \"not recorded\"." \
	"mixed: the note counts the needs without status"
run R --db mix.db --from 2025-03 --to 2025-04 --format csv --min-cell 1 funders_unmet
unflag_file out
expect_line out "Quebec,Housing,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,not_recorded,8501833,,," \
	"mixed: a cell whose needs all lack status"
expect_line out "Quebec,All categories,1,1,0,0,0,0,8501833,,," \
	"mixed: a total sums the recorded cells; no rate while a cell is not recorded"
run R --db mix.db --month 2025-03 needs_status
grep -q "Status not recorded" out && fail "a period whose needs all have a status: no status note"

# ---- a month no batch covers ----
init_db gap.db
for f in feb24 jan mar apr; do
	"$INGEST" -q --db gap.db "$F/$f.csv" || fail "ingest $f.csv"
done
P="--from 2025-01 --to 2025-04"
run R --db gap.db $P --format csv volume
unflag_file out
expect_line out "2025-02,no_data,no_data,,no_data,no_data,no_data,no_data,no_data,no_data,no_data,no_data,no_data,no_data" \
	"volume: February 2025 is no data"
cut -d, -f1 out | sed -n '2,5p' >vol.months
run R --db gap.db $P --format csv trends
unflag_file out
expect_line out "All needs,2025-02,no_data,,8,,,," \
	"trends: no data, no change against it"
grep -q -- "-1.000" out && fail "trends: a -100% change"
awk -F, '$1 == "All needs" { print $2 }' out >tr.months
expect_eq "$(cat tr.months | tr '\n' ' ')" "$(cat vol.months | tr '\n' ' ')" \
	"volume and trends list the same months"
expect_eq "$(cat tr.months | tr '\n' ' ')" "2025-01 2025-02 2025-03 2025-04 " \
	"every month of the period"
expect_line out "All needs,2025-01,6,,no_data,,,," \
	"a year earlier not covered: no data"
expect_line out "Housing,2025-03,2,,0,,,," "no change from 0"
run R --db gap.db $P -p featured=all --format csv trends
unflag_file out
expect_line out "Health Care,2025-03,0,,0,,,," "0 vs 0: no rate ratio"
run R --db gap.db $P trends
expect_line out "- No data for February 2025: no loaded batch covers this month, so it is not in the counts; tables show \"no data\" there, not 0, and no change is computed against it." \
	"trends: the no-data note"
expect_line out "- No year-over-year change in 1 row: the same month a year earlier counts 0, and a change from 0 (or 0 against 0) has no rate ratio." \
	"trends: the from-zero note"
expect_line out "- no data: no loaded batch of contact logs covers this period; it is not a zero." \
	"legend of no data"
run R --db gap.db $P --lang fr trends
sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' out >fr.txt
expect_line fr.txt "- Aucune donnée pour février 2025 : aucun lot chargé ne couvre ce mois, qui est donc absent des effectifs ; les tableaux y indiquent « aucune donnée », pas 0, et aucune variation n'est calculée par rapport à lui." \
	"French no-data note"
run R --db gap.db --month 2025-03 volume
grep -q "^- No data" out && fail "a covered month: no 'No data' note"
grep -q "^- No year" out && fail "volume: no year-over-year note"

# ---- the population of the totals ----
init_db pop.db
for f in jan mar; do
	"$INGEST" -q --db pop.db "$F/$f.csv" || fail "ingest $f.csv"
done
q pop.db "UPDATE populations SET population = 10000 WHERE region_id IN ('ON', 'QC')"
P="--from 2025-01 --to 2025-03"
run R --db pop.db $P --min-cell 1 --format csv funders_unmet
unflag_file out
# unmet: Ontario 2, Quebec 1, Arizona 1, unknown 1; rate of the total:
# 3 / 20,000 population, not 5 / 20,000
expect_line out "All regions,All categories,5,2,2,0,1,0,20000,1.5,0.3093360614478013,4.383636534871162" \
	"funders_unmet: All regions divides like by like"
run R --db pop.db $P --min-cell 1 funders_unmet
expect_line out "- Total rows: the population is 20,000, of the 2 regions with one (Ontario, Quebec); their rates count the needs of these regions only. Not in these rates, no population loaded: United States (Unmet needs: 1), Unknown location (Unmet needs: 1)." \
	"funders_unmet: the note names the population and the regions left out"
# (too sparse to protect: the audit refuses it)
run R --db pop.db $P funders_unmet
expect_rc 70 "funders_unmet: too sparse to publish"
expect_line err "needstat-report: table 'funders_unmet': cell (All regions, Housing, unmet) is exposed: a reader can tell it lies in [1, 4], narrower than its marker <5 (0 to 4); not published: the table is too sparse to protect; report a longer period or a coarser region level, or turn suppression off for internal use only" "the refusal says what to do"
run R --db pop.db $P --no-suppress --format csv territory
unflag_file out
# needs: Ontario 5, Quebec 2 of 20,000: 3.5 per 10,000
expect_line out "Total,9,9,5,2,20000,3.5,1.4071815257599345,7.211337680851188,1" \
	"territory: the total's rate over the regions with a population"
run R --db pop.db $P -p level=country --no-suppress --format csv territory
unflag_file out
expect_line out "Total,9,9,5,2,36991981,0.0018923020099950853,0.0007608035513209929,0.003898865368065143,0.0005406577171414529" \
	"territory by country: Canada's population, not the US or unknown"
run R --db pop.db $P -p level=country --no-suppress territory
grep -q "^- Total rows: the population is 36,991,981, of the 1 region with one (Canada); their rates count the needs of these regions only. Not in these rates, no population loaded: United States (Needs: 1), Unknown location (Needs: 1).$" out ||
	fail "territory by country: the note"
run R --db pop.db $P --lang fr --min-cell 1 funders_unmet
sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' out >fr.txt
expect_line fr.txt "- Lignes de total : la population est de 20 000, celle des 2 régions qui en ont une (Ontario, Québec) ; leurs taux ne comptent que les besoins de ces régions. Hors de ces taux, faute de population chargée : États-Unis (Besoins non comblés : 1), Lieu inconnu (Besoins non comblés : 1)." \
	"French population note"

finish
