# tests/cli/xlsx.bash: what the needstat-xlsx tests share (source it after
# lib.sh).
#   xlsx_db DB              the report fixtures (fiscal year 2024) in DB
#   xlsx_expected DB DIR LANG FMT [OPTION...]
#                           DIR/list.txt (needstat-report --list in LANG)
#                           and DIR/ID.FMT for every report a workbook for
#                           publication holds (the ones that suppress),
#                           with the OPTIONs (--no-suppress: the values
#                           the workbook's shown cells must equal, as it
#                           suppresses all its sheets as one set)
#   xlsx_python             a python3 that can import openpyxl, or ""

xlsx_db()
{
	init_db "$1"
	(cd "$NS_SRC/fixtures/report" &&
		"$NS_BIN/needstat-ingest" --db "$1" -q --rejects "$T/rej1.csv" \
			contacts.csv 2>/dev/null &&
		"$NS_BIN/needstat-ingest" --db "$1" -q --rejects "$T/rej2.csv" \
			late.csv 2>/dev/null) || fail "ingest of the report fixtures"
}

xlsx_expected()
{
	local db="$1" dir="$2" lang="$3" fmt="$4" f id
	shift 4
	mkdir -p "$dir"
	"$NS_BIN/needstat-report" --list --lang "$lang" >"$dir/list.txt"
	for f in $(grep -l '^-- suppress:' "$NS_SRC"/reports/*.sql); do
		id=$(basename "$f" .sql)
		"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 \
			--lang "$lang" --format "$fmt" "$@" "$id" >"$dir/$id.$fmt" ||
			fail "needstat-report $id"
	done
}

xlsx_python()
{
	local p
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null &&
		   "$p" -c 'import openpyxl' 2>/dev/null; then
			command -v "$p"
			return
		fi
	done
}
