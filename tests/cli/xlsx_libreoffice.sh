#!/usr/bin/env bash
# needstat-xlsx opened by LibreOffice (headless, Debian
# libreoffice-calc-nogui): the French workbook converted to one CSV per
# sheet, every report sheet's shown cells equal to needstat-report
# --format csv --no-suppress for the same period, every hidden one <5 (a
# count below 5) or x: the workbook suppresses its sheets as one set, so
# it may hide more than a report alone (without --data: the report sheets
# only; xlsx_openpyxl.sh and xlsx_joint.sh check the Data sheet).
# Skipped (77) without LibreOffice or python3.
. "$NS_SRC/tests/cli/lib.sh"
. "$NS_SRC/tests/cli/xlsx.bash"
export SOURCE_DATE_EPOCH=1735689600

LO=$(command -v soffice || command -v libreoffice)
if [ -z "$LO" ] || ! command -v python3 >/dev/null; then
	echo "SKIP: no LibreOffice (apt-get install libreoffice-calc-nogui)"
	exit 77
fi
xlsx_db "$T/r.db"
xlsx_expected "$T/r.db" "$T/exp" fr csv --no-suppress
run "$NS_BIN/needstat-xlsx" --db "$T/r.db" --fiscal-year 2024 --lang fr \
	-o "$T/book.xlsx"
expect_rc 0 "workbook"
mkdir -p "$T/sheets"
# a private profile: parallel runs do not share one; the last filter
# field -1 writes every sheet (LibreOffice 7.2+)
HOME=$T "$LO" -env:UserInstallation=file://$T/lo --headless --convert-to \
	'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$T/sheets" "$T/book.xlsx" >"$T/lo.out" 2>&1 ||
	fail "LibreOffice conversion: $(tail -3 "$T/lo.out")"
ls "$T"/sheets/*.csv >/dev/null 2>&1 ||
	fail "LibreOffice wrote no CSV: $(tail -3 "$T/lo.out")"
run python3 "$NS_SRC/tests/cli/xlsx_check.py" csv "$T/sheets" "$T/exp"
expect_rc 0 "LibreOffice read-back: $(grep FAIL "$T/out" | head -5)"
grep -q "report sheets checked" "$T/out" || fail "nothing checked"

# The checker notices one changed count.
f=$(ls "$T"/sheets/*Volume*.csv | head -1)
awk -F, 'NR == 5 { $2 = $2 + 1 } 1' OFS=, "$f" >"$T/v.csv" && mv "$T/v.csv" "$f"
run python3 "$NS_SRC/tests/cli/xlsx_check.py" csv "$T/sheets" "$T/exp"
expect_rc 1 "the checker finds a changed count"
finish
