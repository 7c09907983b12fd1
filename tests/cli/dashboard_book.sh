#!/usr/bin/env bash
# The month's workbook on the dashboard (issue 15: "every chart as SVG (and
# PNG), every table also as CSV, the month's workbook"):
# - each page links its language's workbook, xlsx/needstat-YYYY-MM.LANG.xlsx,
#   and the file is there, a zip with the sheets of an Excel workbook;
# - read back with openpyxl (when installed), each workbook holds the
#   reports needstat-xlsx writes for the month, with needstat-report's
#   figures and suppression (xlsx_check.py);
# - --no-suppress stamps the workbook not for publication, like the pages;
# - a month with no data has no workbook and no link to one;
# - --lazy rebuilds when a report file only the workbook runs changes.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
. "$NS_SRC/tests/cli/xlsx.bash"
export SOURCE_DATE_EPOCH=1735689600

D=$NS_BIN/needstat-dashboard
M=2024-10
xlsx_db "$T/r.db"
run "$D" --db r.db --month $M --out site
expect_rc 0 "build"
expect_empty "$T/err" "build: stderr"
for lang in en fr; do
	book=xlsx/needstat-$M.$lang.xlsx
	grep -q "<a href=\"../$book\"" "site/$lang/index.html" ||
		fail "$lang page: no link to $book"
	[ -s "site/$book" ] || { fail "no site/$book"; continue; }
	unzip -l "site/$book" >"$T/zip" 2>&1 || fail "$book: not a zip"
	grep -q 'xl/workbook.xml' "$T/zip" || fail "$book: not a workbook"
	grep -q 'xl/worksheets/sheet2.xml' "$T/zip" ||
		fail "$book: fewer than two sheets"
done
grep -q 'Les rapports du mois' site/fr/index.html ||
	fail "fr page: the workbook link is not French"
[ "$(ls site/xlsx | wc -l)" -eq 2 ] || fail "xlsx/: not just the two" \
	"workbooks: $(ls -a site/xlsx)"
# libxlsxwriter's temporary files (in the folder being built) are gone
expect_eq "$(ls -A site | tr '\n' ' ')" \
	".needstat-outdir .needstat-stamp csv en fr style.css xlsx " \
	"the site's top folder"

# ---- read back: the workbook needstat-xlsx writes for the month ----
PY=$(xlsx_python)
if [ -n "$PY" ]; then
	for lang in en fr; do
		mkdir -p "exp.$lang"
		"$NS_BIN/needstat-report" --list --lang $lang >"exp.$lang/list.txt"
		for f in $(grep -l '^-- suppress:' "$NS_SRC"/reports/*.sql); do
			id=$(basename "$f" .sql)
			"$NS_BIN/needstat-report" --db r.db --month $M \
				--lang $lang --format json --no-suppress "$id" \
				>"exp.$lang/$id.json" || fail "needstat-report $id"
		done
		run "$PY" "$NS_SRC/tests/cli/xlsx_check.py" openpyxl \
			"site/xlsx/needstat-$M.$lang.xlsx" "exp.$lang"
		expect_rc 0 "openpyxl read-back ($lang): $(grep FAIL "$T/out" |
			head -5)"
	done
	# the self-test: a figure changed in the expected outputs is found
	sed -i -E '0,/^    \["[0-9]{4}-[0-9]{2}", [0-9]+/s//&000/' \
		exp.en/volume.json
	run "$PY" "$NS_SRC/tests/cli/xlsx_check.py" openpyxl \
		"site/xlsx/needstat-$M.en.xlsx" exp.en
	[ "$RC" -ne 0 ] || fail "self-test: a changed figure is not found"
else
	echo "note: no python3 with openpyxl: workbook not read back"
fi

# ---- not for publication ----
run "$D" --db r.db --month $M --no-suppress --lang fr --out raw
expect_rc 0 "--no-suppress"
[ -s raw/xlsx/needstat-$M.fr.xlsx ] || fail "--no-suppress: no workbook"
[ -e raw/xlsx/needstat-$M.en.xlsx ] && fail "--lang fr: an English workbook"
unzip -p raw/xlsx/needstat-$M.fr.xlsx 'xl/sharedStrings.xml' 'xl/worksheets/*' |
	grep -qi 'NOT FOR PUBLICATION\|PAS POUR PUBLICATION\|NE PAS' ||
	fail "--no-suppress: the workbook is not stamped"

# ---- a month with no data ----
run "$D" --db r.db --month 2019-01 --out empty
expect_rc 0 "a month with no data"
[ -e empty/xlsx ] && fail "a month with no data: a workbook"
grep -q 'xlsx' empty/en/index.html && fail "a month with no data: a link"

# ---- --lazy: a report only the workbook runs ----
cp -r "$NS_BIN/../share/needstat" data
export NEEDSTAT_DATADIR=$T/data
run "$D" --db r.db --month $M --lazy --out lazy
expect_rc 0 "--lazy, first build"
ino=$(stat -c %i lazy)
run "$D" --db r.db --month $M --lazy --out lazy
expect_eq "$(stat -c %i lazy)" "$ino" "--lazy, nothing changed: rebuilt"
grep -q '^-- suppress:' data/reports/gaps.sql ||
	fail "self-test: gaps is not in the workbook"
echo "-- a comment" >>data/reports/gaps.sql
run "$D" --db r.db --month $M --lazy --out lazy
expect_rc 0 "--lazy after a report changed"
[ "$(stat -c %i lazy)" != "$ino" ] ||
	fail "--lazy: not rebuilt when a workbook report changed"
finish
