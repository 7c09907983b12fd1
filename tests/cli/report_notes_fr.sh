#!/usr/bin/env bash
# French notes are written the French way, in every report:
# - numbers in notes grouped like the tables ("1 205 besoins", U+202F;
#   "1,205 needs" in English), through nf_int() in note.sql;
# - a no-break space (U+00A0) before ":", a narrow no-break space
#   (U+202F) before ";" "?" "!" and inside « », in every note, whoever
#   wrote it (report files, the engine, the legend of markers), and never
#   a plain space or none;
# - data-driven notes translated: the population source of the bundled
#   populations ("Statistics Canada, 2021 Census of Population") reads
#   "Statistique Canada, Recensement de la population de 2021".
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START
NB=$'\xc2\xa0'
NN=$'\xe2\x80\xaf'

db=$T/r.db
init_db "$db"
(cd "$NS_SRC/fixtures/report" &&
	"$INGEST" --db "$db" -q --rejects "$T/rej1.csv" contacts.csv 2>/dev/null &&
	"$INGEST" --db "$db" -q --rejects "$T/rej2.csv" late.csv 2>/dev/null) ||
	fail "ingest of the report fixtures"
R() { run "$NS_BIN/needstat-report" --db "$db" "$@"; }

# notes: the lines after "Notes" of a text output
notes() { sed -n '/^Notes/,$p' "$1" | sed 1d; }

R --fiscal-year 2024 --lang fr funders_unmet
expect_rc 0 "funders_unmet fr"
notes "$T/out" >funders.notes
grep -q "^- Population$NB: 2021 (Statistique Canada, Recensement de la population de 2021)," funders.notes ||
	fail "population source not in French: $(grep Population funders.notes)"
grep -q 'Statistics Canada' funders.notes && fail "English source in French notes"
grep -q "taux pour 10${NN}000 habitants" funders.notes ||
	fail "10 000 not grouped with U+202F: $(grep 'taux pour' funders.notes | head -1)"
grep -q "non combl\xc3\xa9s$NN; les besoins" funders.notes ||
	grep -q "non comblés$NN; les besoins" funders.notes ||
	fail "report note: no U+202F before ;"
grep -q "«$NN<5$NN»" funders.notes || fail "guillemets without U+202F"

grep -q "^- <5$NB: moins de 5$NN; l'effectif" funders.notes ||
	fail "legend: no U+202F before ;"

R --fiscal-year 2024 --lang en funders_unmet
grep -q '^- Population: 2021 (Statistics Canada, 2021 Census of Population),' "$T/out" ||
	fail "English population source changed"

# every report, every French note: the spaces before : ; ? !
for id in volume needs_status funders_unmet caller_profile referrals_top \
	territory trends data_quality gaps; do
	R --fiscal-year 2024 --lang fr "$id"
	expect_rc 0 "$id fr"
	notes "$T/out" >n
	grep -n "[^$NN];\|[^$NB]:\( \|$\)\|[^$NN][?!]\( \|$\)" n |
		grep -v "^[0-9]*:- [^:]*://" >bad
	[ -s bad ] && fail "$id fr notes: punctuation without its space: $(head -2 bad)"
done

# a count in a note: grouped in both languages
db=$T/n.db
init_db "$db"
{
	echo 'contact_id,started_at,channel,language,postal_code,region,age_group,gender,need_code,need_category,need_status,unmet_reason,referrals,referred_to'
	for i in $(seq 1 1205); do
		echo "N$i,2024-05-01T10:00:00-04:00,phone,en,,ON,25-34,man,BH-1800.8500,,unrecorded,,0,"
	done
} >requests.csv
"$INGEST" --db "$db" -q requests.csv 2>/dev/null || fail "ingest of requests.csv"
R --month 2024-05 needs_status
expect_eq "$(grep -c -- '^- Status not recorded: none of the 1,205 needs of this period' "$T/out")" 1 \
	"English count in a note"
R --month 2024-05 --lang fr needs_status
expect_eq "$(grep -c -- "^- Statut non consigné$NB: aucun des 1${NN}205 besoins de cette période" "$T/out")" 1 \
	"French count in a note"

finish
