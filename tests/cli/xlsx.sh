#!/usr/bin/env bash
# needstat-xlsx: usage errors (exit 64, nothing written), an output that
# cannot be created (73), an existing workbook replaced only on success
# with no temporary file left, the sheets of the default set (the reports
# that suppress, and the Data sheet with --data) and of a region,
# French sheet names within 31 characters, the file's mode.
. "$NS_SRC/tests/cli/lib.sh"
. "$NS_SRC/tests/cli/xlsx.bash"
export SOURCE_DATE_EPOCH=1735689600
X=$NS_BIN/needstat-xlsx
xlsx_db "$T/r.db"

# sheets BOOK: the sheet names of BOOK, one a line
sheets()
{
	unzip -p "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' |
		sed 's/^<sheet name="//; s/"$//; s/&amp;/\&/g; s/&apos;/'"'"'/g'
}

usage()
{
	local what="$1" msg="$2"
	shift 2
	run "$X" --db "$T/r.db" "$@"
	expect_rc 64 "$what" && expect_empty "$T/out" "$what: stdout"
	grep -qF -- "$msg" "$T/err" || fail "$what: no '$msg' in: $(cat "$T/err")"
	grep -qF "try 'needstat-xlsx --help'" "$T/err" ||
		fail "$what: no hint: $(cat "$T/err")"
}
usage "no output" "name the workbook with -o FILE.xlsx" --fiscal-year 2024
usage "stdout" "name the workbook with -o FILE.xlsx" -o -
usage "internal and min-cell" "exclude each other" --internal \
	--min-cell 3 -o "$T/a.xlsx"
usage "parameter nobody takes" "no report of the set takes -p nope" \
	--reports volume -p nope=1 -o "$T/a.xlsx"
usage "unknown report" "unknown report 'nope'" --reports volume,nope \
	-o "$T/a.xlsx"
usage "repeated report" "'volume' twice" --reports volume,volume \
	-o "$T/a.xlsx"
usage "empty id" "an id is empty" --reports volume, -o "$T/a.xlsx"
usage "report without suppression" \
	"report 'needs_status' does not suppress small counts" \
	--reports needs_status -o "$T/a.xlsx"
usage "unknown region" "unknown region 'XX'" --region XX -o "$T/a.xlsx"
usage "operand" "unexpected operand 'volume'" -o "$T/a.xlsx" volume
[ -e "$T/a.xlsx" ] && fail "a usage error wrote the workbook"

# An output that cannot be created.
run "$X" --db "$T/r.db" --reports volume -o "$T/no/such/dir/b.xlsx"
expect_rc 73 "output in a missing directory"
grep -qF "cannot create workbook '$T/no/such/dir/b.xlsx'" \
	"$T/err" || fail "missing directory: $(cat "$T/err")"

# --min-cell 1 is internal: the Data sheet, stamped.
run "$X" --db "$T/r.db" --fiscal-year 2024 --min-cell 1 \
	--reports needs_status -o "$T/m1.xlsx"
expect_rc 0 "--min-cell 1"
expect_eq "$(sheets "$T/m1.xlsx" | tail -1)" Data "--min-cell 1 has the Data sheet"
unzip -p "$T/m1.xlsx" xl/sharedStrings.xml | grep -q "NOT FOR PUBLICATION" ||
	fail "--min-cell 1 is stamped"
# -p goes to the reports that declare it
run "$X" --db "$T/r.db" --fiscal-year 2024 --reports volume,referrals_top \
	-p top=3 -o "$T/p.xlsx"
expect_rc 0 "-p for one report of two"

# An existing workbook is replaced only on success.
mkdir "$T/out.d"
printf 'old\n' >"$T/out.d/book.xlsx"
run "$X" --db "$T/r.db" --region XX -o "$T/out.d/book.xlsx"
expect_rc 64 "failed run"
expect_eq "$(cat "$T/out.d/book.xlsx")" old "the old workbook is kept"
run "$X" --db "$T/nope.db" --reports volume -o "$T/out.d/book.xlsx"
expect_rc 66 "missing database"
expect_eq "$(cat "$T/out.d/book.xlsx")" old "the old workbook is kept (66)"
(umask 022 && "$X" --db "$T/r.db" --fiscal-year 2024 --reports volume \
	-o "$T/out.d/book.xlsx") || fail "workbook of one report"
expect_eq "$(head -c 2 "$T/out.d/book.xlsx")" PK "the workbook is a zip"
expect_eq "$(stat -c %a "$T/out.d/book.xlsx")" 644 "mode under umask 022"
expect_eq "$(ls -A "$T/out.d")" book.xlsx "no temporary file left"
expect_eq "$(sheets "$T/out.d/book.xlsx" | tr '\n' '|')" \
	"Notes|Contact volume by month|" "sheets of --reports volume"

# The default set: the reports that suppress, in --list order; French.
run "$X" --db "$T/r.db" --fiscal-year 2024 --lang fr -o "$T/fr.xlsx"
expect_rc 0 "French workbook"
sheets "$T/fr.xlsx" >"$T/fr.txt"
n=$(grep -l '^-- suppress:' "$NS_SRC"/reports/*.sql | wc -l)
expect_eq "$(wc -l <"$T/fr.txt")" $((n + 1)) "one sheet per suppressing report"
expect_line "$T/fr.txt" "Notes" "Notes sheet"
expect_line "$T/fr.txt" "Volume de contacts par mois" "French sheet name"
while IFS= read -r s; do
	[ "$(printf "%s" "$s" | LC_ALL=C.UTF-8 wc -m)" -le 31 ] ||
		fail "sheet name longer than 31 characters: '$s'"
done <"$T/fr.txt"

# A region: only the reports that take --region.
run "$X" --db "$T/r.db" --fiscal-year 2024 --region ON --data -o "$T/on.xlsx"
expect_rc 0 "workbook for a region"
for f in $(grep -l '^-- suppress:' "$NS_SRC"/reports/*.sql); do
	grep -q ':region' "$f" || continue
	t=$("$NS_BIN/needstat-report" --list | awk -v id="$(basename "$f" .sql)" \
		'$1 == id { $1 = ""; sub(/^ +/, ""); print }')
	sheets "$T/on.xlsx" | grep -qF "${t:0:12}" ||
		fail "region workbook lacks '$t'"
done
# ... and the Data sheet last, suppressed (not stamped)
expect_eq "$(sheets "$T/on.xlsx" | tail -1)" Data "the Data sheet with --data"
unzip -p "$T/on.xlsx" xl/sharedStrings.xml | grep -q "NOT FOR PUBLICATION" &&
	fail "a workbook for publication is stamped"
# without --data, no Data sheet in a workbook for publication
run "$X" --db "$T/r.db" --fiscal-year 2024 --region ON -o "$T/nd.xlsx"
expect_rc 0 "region workbook without --data"
sheets "$T/nd.xlsx" | grep -qx Data && fail "a Data sheet without --data"
finish
