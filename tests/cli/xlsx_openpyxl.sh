#!/usr/bin/env bash
# needstat-xlsx read back with openpyxl (Debian python3-openpyxl): Notes
# sheet first; every report sheet an Excel table at A4 with a frozen
# header, its shown cells equal to needstat-report's JSON unsuppressed
# (the workbook suppresses its sheets as one set, so it may hide more
# than a report alone; numbers as numbers with the number format of
# their column type, months as dates), every suppressed cell the text <5
# (a count below 5) or x with a note and never a number, no formula but
# the chart block's references, one native chart of the report's chart
# type.  Then the French workbook; the Data sheet of a workbook for
# publication (no small count, hidden cells text with a note); and the
# internal one (Data sheet, stamped, no suppression).  The report sheets
# are checked without the Data sheet (without --data: a fiscal year's Data
# sheet makes the set's audit slow), the Data sheet on one region.
# Skipped (77) without openpyxl.
. "$NS_SRC/tests/cli/lib.sh"
. "$NS_SRC/tests/cli/xlsx.bash"
export SOURCE_DATE_EPOCH=1735689600

PY=$(xlsx_python)
if [ -z "$PY" ]; then
	echo "SKIP: no python3 with openpyxl (apt-get install python3-openpyxl)"
	exit 77
fi
CHECK=$NS_SRC/tests/cli/xlsx_check.py
xlsx_db "$T/r.db"

for lang in en fr; do
	xlsx_expected "$T/r.db" "$T/exp.$lang" "$lang" json --no-suppress
	run "$NS_BIN/needstat-xlsx" --db "$T/r.db" --fiscal-year 2024 \
		--lang "$lang" -o "$T/book.$lang.xlsx"
	expect_rc 0 "workbook ($lang)"
	run "$PY" "$CHECK" openpyxl "$T/book.$lang.xlsx" "$T/exp.$lang"
	expect_rc 0 "openpyxl read-back ($lang): $(grep FAIL "$T/out" | head -5)"
done

# The checker itself notices a number where a suppressed cell should be.
"$PY" - "$T/book.en.xlsx" "$T/bad.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets[1:]:
    for row in ws.iter_rows(min_row=5):
        for c in row:
            if c.value == "<5":
                c.value = 3
                wb.save(sys.argv[2])
                sys.exit(0)
sys.exit(1)
PYEOF
expect_eq "$?" 0 "a workbook with a small count put back"
run "$PY" "$CHECK" openpyxl "$T/bad.xlsx" "$T/exp.en"
expect_rc 1 "the checker finds the small count"

# The Data sheet of a workbook for publication (one region: small).
for lang in en fr; do
	run "$NS_BIN/needstat-xlsx" --db "$T/r.db" --fiscal-year 2024 \
		--region ON --data --lang "$lang" -o "$T/data.$lang.xlsx"
	expect_rc 0 "workbook with the Data sheet ($lang)"
	"$NS_BIN/needstat-report" --list --lang "$lang" >"$T/list.txt"
	mkdir -p "$T/none" && cp "$T/list.txt" "$T/none/"
	run "$PY" "$CHECK" openpyxl "$T/data.$lang.xlsx" "$T/none"
	expect_rc 0 "Data sheet ($lang): $(grep FAIL "$T/out" | head -5)"
	grep -q "^openpyxl: Data sheet, [0-9]* counts, [1-9][0-9]* hidden" \
		"$T/out" || fail "Data sheet ($lang) not checked: $(head -3 "$T/out")"
done

# Internal: a Data sheet, every sheet stamped, no suppressed cell.
run "$NS_BIN/needstat-xlsx" --db "$T/r.db" --fiscal-year 2024 --internal \
	-o "$T/int.xlsx"
expect_rc 0 "internal workbook"
"$PY" - "$T/int.xlsx" "$T/r.db" >"$T/int.txt" <<'PYEOF'
import sys, sqlite3, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[-1]
print("last", ws.title)
print("stamped", all(any("NOT FOR PUBLICATION" in str(c.value)
                         for row in s.iter_rows(max_row=3) for c in row)
                     for s in wb.worksheets))
print("suppressed", sum(1 for s in wb.worksheets for row in s.iter_rows()
                        for c in row if c.value in ("<5", "x")))
n = sum(c.value for c in ws["E"][4:] if isinstance(c.value, (int, float)))
db = sqlite3.connect(sys.argv[2])
want = db.execute("SELECT sum(needs) FROM agg_needs WHERE month BETWEEN "
                  "202404 AND 202503").fetchone()[0]
print("needs", n == want, n)
print("tables", len(ws.tables), ws.freeze_panes)
PYEOF
expect_line "$T/int.txt" "last Data" "the Data sheet is last"
expect_line "$T/int.txt" "stamped True" "every sheet is stamped"
expect_line "$T/int.txt" "suppressed 0" "nothing is suppressed"
expect_line "$T/int.txt" "tables 1 A5" "the Data sheet is an Excel table"
grep -q "^needs True" "$T/int.txt" ||
	fail "the Data sheet's needs add up to agg_needs: $(cat "$T/int.txt")"
finish
