#!/usr/bin/env bash
# needstat-xlsx suppresses the whole workbook as one set (issue 14):
# - a count two sheets show (territory's unmet needs of a region,
#   funders_unmet's "All categories" row of it) is one cell: shown equal in
#   both or hidden in both;
# - the Data sheet (on by default) is a full month x category x region x
#   status grid, every count of it 5 or more or the text "<5"/"x", never
#   a small number; the sums of its rows that the report sheets show are
#   lines of the set: a region's needs summed over the Data sheet's shown
#   cells never equal the territory sheet's count while a Data cell of
#   that region is hidden with nothing else to hide it (checked: each
#   hidden Data cell keeps the whole range 0..4);
# - --internal: the Data sheet unsuppressed, stamped; by default: none;
# - libxlsxwriter's own "[ERROR]" lines never reach stderr.
. "$NS_SRC/tests/cli/lib.sh"
. "$NS_SRC/tests/cli/xlsx.bash"
export SOURCE_DATE_EPOCH=1735689600
X=$NS_BIN/needstat-xlsx
R=$NS_BIN/needstat-report
cells() { python3 "$NS_SRC/tests/cli/xlsx_cells.py" "$@"; }
xlsx_db "$T/r.db"

# 1. One workbook of territory and funders_unmet: a region's unmet needs
# are one cell of the set (territory's unmet column, funders_unmet's "All
# categories" row), so each region shows the same count in both sheets or
# hides it in both (a cell safe in each sheet alone but exposed by the two
# together is the unit test suppress_table's case).
run "$X" --db "$T/r.db" --fiscal-year 2024 \
	--reports territory,funders_unmet -o "$T/tf.xlsx"
expect_rc 0 "workbook of territory and funders_unmet"
expect_empty "$T/err" "workbook: stderr"
cells "$T/tf.xlsx" "Needs and referrals" >"$T/terr.tsv"
cells "$T/tf.xlsx" "Unmet needs by region" >"$T/fund.tsv"
awk -F'\t' '$1 ~ /^s:/ && $1 != "s:Region" && $4 != "" { print $1 "\t" $4 }' "$T/terr.tsv" |
	sed 's/^s:Total\t/s:All regions\t/' | sort >"$T/terr.u"
awk -F'\t' '$2 == "s:All categories" { print $1 "\t" $3 }' "$T/fund.tsv" |
	sort >"$T/fund.u"
[ "$(wc -l <"$T/terr.u")" -ge 5 ] || fail "territory: no region rows"
join -t "$(printf '\t')" "$T/terr.u" "$T/fund.u" >"$T/both.u"
expect_eq "$(wc -l <"$T/both.u")" "$(wc -l <"$T/terr.u")" \
	"every territory region is a funders_unmet region"
awk -F'\t' '$2 != $3' "$T/both.u" | grep . &&
	fail "a region's unmet needs differ between the two sheets"
grep -q "^s:Data" <(cells "$T/tf.xlsx" "Data" 2>/dev/null) &&
	fail "the default wrote a Data sheet"
# no number below 5 in a count column of either sheet (contacts, needs,
# unmet, referrals of territory; the six counts of funders_unmet)
awk -F'\t' 'NR > 3 && $1 != "" { for (i = 2; i <= 5; i++)
	if ($i ~ /^n:/ && substr($i, 3) + 0 < 5) print }' "$T/terr.tsv" |
	grep . && fail "territory: a small count shown"
awk -F'\t' 'NR > 3 && $1 != "" { for (i = 3; i <= 8; i++)
	if ($i ~ /^n:/ && substr($i, 3) + 0 < 5) print }' "$T/fund.tsv" |
	grep . && fail "funders_unmet: a small count shown"

# 3. The Data sheet, suppressed by default (a region keeps it small).
run "$X" --db "$T/r.db" --fiscal-year 2024 --region ON --data -o "$T/on.xlsx"
expect_rc 0 "workbook with the Data sheet"
expect_empty "$T/err" "workbook with the Data sheet: stderr"
cells "$T/on.xlsx" "Data" | awk -F'\t' '$1 ~ /^n:/' >"$T/data.tsv"
[ -s "$T/data.tsv" ] || fail "no Data rows"
awk -F'\t' '{ for (i = 5; i <= 6; i++) if ($i ~ /^n:/ && substr($i, 3) + 0 < 5)
	print }' "$T/data.tsv" | grep . && fail "Data: a small count shown"
grep -q 's:<5' "$T/data.tsv" || fail "Data: nothing suppressed"
# a full grid: months x categories x regions x statuses
n=$(wc -l <"$T/data.tsv")
g=$(awk -F'\t' '{ m[$1]; c[$2]; r[$3]; s[$4] } END {
	print length(m) * length(c) * length(r) * length(s) }' "$T/data.tsv")
expect_eq "$n" "$g" "Data: every month x category x region x status"
# a Data count a reader can rebuild from a region's total: none.  For
# each region and status "Unmet", the shown cells and the unmet needs the
# funders sheet shows for the region: if exactly one Data cell of the
# region were hidden, total - shown would give it back.
cells "$T/on.xlsx" "Unmet needs by region" |
	awk -F'\t' '$2 == "s:All categories" && $3 ~ /^n:/ {
		print substr($1, 3) "\t" substr($3, 3) }' >"$T/tot.tsv"
while IFS=$'\t' read -r reg tot; do
	h=$(awk -F'\t' -v r="s:$reg" '$3 == r && $4 == "s:Unmet" && $5 !~ /^n:/' \
		"$T/data.tsv" | wc -l)
	[ "$h" -ne 1 ] || fail "Data: one hidden unmet cell of $reg beside its total"
done <"$T/tot.tsv"
# the Notes sheet states the rule; nothing says NOT FOR PUBLICATION
unzip -p "$T/on.xlsx" xl/sharedStrings.xml | grep -q "NOT FOR PUBLICATION" &&
	fail "a workbook for publication is stamped"

# 4. --internal: the Data sheet unsuppressed and stamped.
run "$X" --db "$T/r.db" --fiscal-year 2024 --region ON --internal \
	-o "$T/int.xlsx"
expect_rc 0 "internal workbook"
cells "$T/int.xlsx" "Data" | awk -F'\t' '$1 ~ /^n:/' >"$T/idata.tsv"
grep -q 's:<5' "$T/idata.tsv" && fail "internal Data sheet suppressed"
awk -F'\t' '$5 ~ /^n:/ && substr($5, 3) + 0 < 5' "$T/idata.tsv" | grep -q . ||
	fail "internal Data sheet: no small count"
unzip -p "$T/int.xlsx" xl/sharedStrings.xml | grep -q "NOT FOR PUBLICATION" ||
	fail "internal workbook not stamped"

# 5. A write error: our message only, not libxlsxwriter's.
(ulimit -f 50; exec "$X" --db "$T/r.db" --fiscal-year 2024 --region ON \
	-o "$T/full.xlsx") >"$T/out" 2>"$T/err"
expect_eq "$?" 74 "file size limit: exit 74"
expect_eq "$(cat "$T/err")" \
	"needstat-xlsx: cannot write '$T/full.xlsx': File too large" \
	"file size limit: one message, ours"
finish
