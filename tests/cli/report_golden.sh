#!/usr/bin/env bash
# needstat-report outputs compared byte for byte with the expected files of
# fixtures/report/expected (on the report fixtures, fiscal year 2024):
#   needs_status.en.txt    text, English (Wilson intervals, totals, notes)
#   funders_unmet.fr.csv   CSV, French (suppression, rates, machine numbers)
#   trends.fr.md           Markdown, French (rolling sums, year over year)
#   gaps.en.json           JSON, English (flags, notes, metadata)
#   needs_status.fr.html   HTML page, French (page shell, stylesheet,
#                          totals, intervals, notes under the table)
# UPDATE_GOLDEN=1 rewrites the expected files instead (review the diff).
# Env: NS_BIN, NS_SRC (set by CTest).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
: "${NS_SRC:?set NS_SRC to the source tree}"
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/r.db"
exp="$NS_SRC/fixtures/report/expected"
"$NS_BIN/needstat-init" --db "$db" >/dev/null 2>&1 || fail "needstat-init"
(cd "$NS_SRC/fixtures/report" &&
	"$NS_BIN/needstat-ingest" --db "$db" -q --rejects "$work/rej1.csv" \
		contacts.csv 2>/dev/null &&
	"$NS_BIN/needstat-ingest" --db "$db" -q --rejects "$work/rej2.csv" \
		late.csv 2>/dev/null) || fail "ingest of the fixtures"

golden() {
	local file="$1" id="$2" lang="$3" fmt="$4"
	"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 --lang "$lang" \
		--format "$fmt" "$id" >"$work/$file" 2>"$work/err" ||
		{ fail "$file: exit $?: $(head -2 "$work/err")"; return; }
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$exp" && cp "$work/$file" "$exp/$file"
		echo "updated $exp/$file"
	elif ! cmp -s "$work/$file" "$exp/$file"; then
		fail "$file differs from the expected output:"
		diff -u "$exp/$file" "$work/$file" | head -40 >&2
	fi
}
golden needs_status.en.txt needs_status en text
golden funders_unmet.fr.csv funders_unmet fr csv
golden trends.fr.md trends fr md
golden gaps.en.json gaps en json
golden needs_status.fr.html needs_status fr html

if [ $fails -ne 0 ]; then
	echo "report_golden: $fails failure(s)" >&2
	exit 1
fi
echo "report_golden: ok"
