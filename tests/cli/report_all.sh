#!/usr/bin/env bash
# needstat-report end to end on a fixture database (fixtures/report: 2,000
# synthetic need rows of April 2023 to March 2025 plus a small second batch
# with unmapped codes):
# - --list shows the nine bundled reports, in English and in French;
# - every report runs for fiscal year 2024 in en and fr and in every format,
#   exits 0, and shows its title in the language (CSV: its column names;
#   JSON: valid, with rows and notes);
# - French text uses French labels and number formatting, CSV stays
#   machine-readable;
# - unknown report, region, category, parameter: exit 64 naming the valid
#   choices, nothing on stdout; a period without data: exit 0, a note;
# - a report dropped into a directory runs with --file: the example of the
#   man page, "Adding a report", extracted from man/needstat-report.1;
# - -o writes the file (and no .tmp is left).
# Env: NS_BIN, NS_SRC (set by CTest).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
: "${NS_SRC:?set NS_SRC to the source tree}"
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

nb=$'\xc2\xa0'   # French puts a no-break space before : and %
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/r.db"
R() { "$NS_BIN/needstat-report" --db "$db" "$@"; }

"$NS_BIN/needstat-init" --db "$db" >/dev/null 2>&1 || fail "needstat-init"
(cd "$NS_SRC/fixtures/report" &&
	"$NS_BIN/needstat-ingest" --db "$db" -q --rejects "$work/rej1.csv" \
		contacts.csv 2>/dev/null &&
	"$NS_BIN/needstat-ingest" --db "$db" -q --rejects "$work/rej2.csv" \
		late.csv 2>/dev/null) || fail "ingest of the fixtures"

ids="volume needs_status funders_unmet caller_profile referrals_top
territory trends data_quality gaps"

# --list
R --list >"$work/list" 2>"$work/err" || fail "--list: exit $?"
[ "$(awk '{ print $1 }' "$work/list" | tr '\n' ' ')" = "$(echo $ids) " ] ||
	fail "--list ids: $(awk '{ print $1 }' "$work/list" | tr '\n' ' ')"
grep -q '^funders_unmet  *Unmet needs by region and category' "$work/list" ||
	fail "--list: no English title"
R --list --lang fr >"$work/list" || fail "--list --lang fr"
[ "$(wc -l <"$work/list")" -eq 9 ] || fail "--list fr: not nine lines"
grep -q '^trends  *Tendances : besoins par mois' "$work/list" ||
	fail "--list fr: no French title"

# every report, language and format
title_en() { R --list | awk -v id="$1" '$1 == id { sub(/^[^ ]+ +/, ""); print; exit }'; }
title_fr() { R --list --lang fr | awk -v id="$1" '$1 == id { sub(/^[^ ]+ +/, ""); print; exit }'; }
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
for id in $ids; do
	ten=$(title_en "$id")
	tfr=$(title_fr "$id")
	for lang in en fr; do
		[ $lang = en ] && t=$ten || t=$tfr
		for fmt in text csv md json html; do
			out="$work/$id.$lang.$fmt"
			R --fiscal-year 2024 --lang $lang --format $fmt "$id" \
				>"$out" 2>"$work/err"
			rc=$?
			[ $rc -eq 0 ] || { fail "$id $lang $fmt: exit $rc: $(head -2 "$work/err")"; continue; }
			[ -s "$work/err" ] && fail "$id $lang $fmt: stderr: $(head -2 "$work/err")"
			case $fmt in
			text) [ "$(head -1 "$out")" = "$t" ] ||
				fail "$id $lang text: first line '$(head -1 "$out")', want '$t'" ;;
			md) grep -qF "## $t" "$out" || fail "$id $lang md: no title" ;;
			html) grep -q "<table class=\"needstat\" data-id=\"$id\" lang=\"$lang\"" "$out" ||
				fail "$id $lang html: no table element" ;;
			csv) [ "$(wc -l <"$out")" -ge 2 ] || fail "$id $lang csv: no rows"
			     [ "$(head -1 "$out" | tr -cd '[:upper:] ')" = "" ] ||
				fail "$id $lang csv: header is not machine names: $(head -1 "$out")" ;;
			json) if [ $have_jq -eq 1 ]; then
				jq -e --arg t "$t" '.title == $t and (.rows | length) > 0
					and (.notes | length) >= 4' "$out" >/dev/null ||
					fail "$id $lang json: bad object"
			      fi ;;
			esac
		done
		case $lang in
		en) grep -q '^- Period: fiscal year 2024-25 (April 2024 to March 2025)' \
			"$work/$id.en.text" || fail "$id en: no period note"
		    grep -q '^- Source: 2 batches of contact logs feed this period: #1 contacts.csv (source default, April 2023 to March 2025), #2 late.csv (source default, March 3, 2025 to March 7, 2025).' \
			"$work/$id.en.text" || fail "$id en: no source note"
		    grep -q '^- Categories: category map version 1' \
			"$work/$id.en.text" || fail "$id en: no map note"
		    grep -q '^- Suppression: ' "$work/$id.en.text" || fail "$id en: no suppression note"
		    grep -q '^- Method: ' "$work/$id.en.text" || fail "$id en: no method note" ;;
		fr) grep -q "^- Période$nb: exercice 2024-2025" "$work/$id.fr.text" ||
			fail "$id fr: no period note"
		    grep -q "^- Confidentialité$nb: " "$work/$id.fr.text" ||
			fail "$id fr: no suppression note"
		    grep -q "^- Méthode$nb: " "$work/$id.fr.text" || fail "$id fr: no method note" ;;
		esac
	done
done

# French people formats, machine CSV
grep -q "^Logement  .*  *[0-9][0-9]*,[0-9]$nb%" "$work/needs_status.fr.text" ||
	fail "needs_status fr text: no French percentage on the Logement row"
grep -q '^Toutes les catégories  ' "$work/needs_status.fr.text" ||
	fail "needs_status fr text: no French total label"
grep -q '^data,"Soutien individuel, familial et communautaire",[0-9]*,,[0-9]*,,[0-9]*,,[0-9]*,,0\.[0-9]*,,' \
	"$work/needs_status.fr.csv" || fail "needs_status fr csv: not machine numbers"
grep -q '^Population .* 14 223 942 ' "$work/funders_unmet.fr.text" ||
	grep -q ' 14 223 942 ' "$work/funders_unmet.fr.text" ||
	fail "funders_unmet fr text: no French grouping"
grep -q '14223942' "$work/funders_unmet.fr.csv" ||
	fail "funders_unmet fr csv: population not a machine number"
grep -q 'avr\. 2024' "$work/volume.fr.text" || fail "volume fr: months not French"
grep -q '^data,2024-04,' "$work/volume.fr.csv" || fail "volume fr csv: months not ISO"
grep -q 'Unmapped code (category Other)  .*BA-1000' "$work/data_quality.en.text" ||
	fail "data_quality: unmapped code BA-1000 not listed"
# late.csv's bad code (unknown taxonomy section) keeps its need
grep -q 'late.csv  .*need_code  .*is not a taxonomy code: need kept as unclassified' "$work/data_quality.en.text" ||
	fail "data_quality: kept row of batch 2 not listed"
grep -q 'Rows of the batch.*late\.csv.*all rows read' "$work/data_quality.en.text" ||
	fail "data_quality: rows of batch 2 not accounted"

# usage errors name the valid choices; nothing on stdout
expect64() {
	local what="$1" want="$2"
	shift 2
	R "$@" >"$work/out" 2>"$work/err"
	rc=$?
	[ $rc -eq 64 ] || fail "$what: exit $rc, want 64"
	[ -s "$work/out" ] && fail "$what: wrote to stdout"
	grep -qF -- "$want" "$work/err" || fail "$what: stderr lacks '$want': $(head -2 "$work/err")"
}
expect64 "unknown report" "unknown report 'nosuch' (valid: volume, needs_status, funders_unmet," nosuch
expect64 "bad report id" "unknown report '../x'" ../x
expect64 "unknown region" "unknown region 'ZZ' (valid: CA, US, " --region ZZ volume
expect64 "unknown category" "unknown category 'food_bank' (valid: housing, utilities, food," \
	--category food_bank needs_status
expect64 "unknown parameter" "report 'trends' has no parameter 'top' (parameters: featured)" \
	-p top=3 trends
expect64 "bad parameter" "parameter 'top': 'many' is not an integer" -p top=many referrals_top
expect64 "two periods" "give one period" --year 2024 --month 2024-05 volume
expect64 "bad month" "month '2024-13' is not YYYY-MM" --month 2024-13 volume
expect64 "partial month" "must be the first day of a month" --from 2024-04-15 --to 2024-05 volume
expect64 "no report" "name a REPORT" --year 2024

# a period without data: empty table and a note, exit 0
R --month 2030-01 needs_status >"$work/out" 2>"$work/err" || fail "empty period: exit $?"
grep -q '^- No data for January 2030.$' "$work/out" || fail "empty period: no note"
[ "$(R --month 2030-01 --format csv needs_status | wc -l)" -eq 1 ] ||
	fail "empty period csv: more than the header"
R --month 2030-01 --lang fr needs_status | grep -q '^- Aucune donnée pour janvier 2030.$' ||
	fail "empty period fr: no note"

# --file: the man page's example report, dropped into a directory
mkdir -p "$work/mine"
awk '/^\.SH ADDING A REPORT/ { s = 1 } s && /^\.EX/ { e = 1; next }
     e && /^\.EE/ { exit } e' "$NS_SRC/man/needstat-report.1" |
	sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e "s/\\\\('e/é/g" -e 's/\\e/\\/g' \
	>"$work/mine/unmet_monthly.sql"
grep -q '^-- id: unmet_monthly$' "$work/mine/unmet_monthly.sql" ||
	fail "could not extract the man page example"
R --file "$work/mine/unmet_monthly.sql" --fiscal-year 2024 >"$work/out" 2>"$work/err" ||
	fail "--file man example: exit $?: $(head -2 "$work/err")"
[ "$(head -1 "$work/out")" = "Unmet needs by month" ] || fail "--file: title '$(head -1 "$work/out")'"
[ "$(grep -c '^[A-Z][a-z][a-z] 202[45] ' "$work/out")" -eq 12 ] || fail "--file: not 12 months"
grep -q '^- Partly met needs count as met here.$' "$work/out" || fail "--file: no note"
R --file "$work/mine/unmet_monthly.sql" --fiscal-year 2024 --lang fr --category food \
	-p min_needs=1000000 >"$work/out" || fail "--file with parameters: exit $?"
grep -q '^Besoins non comblés par mois$' "$work/out" || fail "--file fr: no title"
grep -q 'Aucune donnée\|^- Les besoins partiellement' "$work/out" || fail "--file fr: no note"
NEEDSTAT_DATADIR="$work/dd" R --list >/dev/null 2>&1 && fail "--list with no reports dir: exit 0"
printf -- '-- id: broken\n-- titel: x\nSELECT 1\n' >"$work/mine/broken.sql"
R --file "$work/mine/broken.sql" >"$work/out" 2>"$work/err"
[ $? -eq 78 ] || fail "broken report: exit not 78"
grep -q "broken.sql:2: unknown metadata key 'titel'" "$work/err" || fail "broken report: message"

# -o: through FILE.tmp, nothing left behind
R --fiscal-year 2024 --format md -o "$work/t.md" trends || fail "-o: exit $?"
grep -q '^## Trends' "$work/t.md" || fail "-o: content"
[ -e "$work/t.md.tmp" ] && fail "-o: FILE.tmp left behind"

if [ $fails -ne 0 ]; then
	echo "report_all: $fails failure(s)" >&2
	exit 1
fi
echo "report_all: ok"
