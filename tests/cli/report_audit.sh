#!/usr/bin/env bash
# needstat-report --audit: on synthetic data (needstat-synth, 10,000 needs
# of fiscal year 2024), every report that suppresses ('suppress:' in its
# file), at N = 3, 5 and 10, for the fiscal year and for one month:
# - the run exits 0 and prints one line per suppressed cell, all safe;
# - every "<N" cell keeps the interval [0, N-1] (nothing learned beyond
#   its marker), every "x" cell has a lower bound of at least N;
# - (funders_unmet) the report itself shows no count 0..N-1;
# - the same for caller_profile and volume filtered to a small region
#   (Yukon) and a large one (Ontario), where these tables show no count
#   0..N-1, hide the share, the needs per contact and their intervals of
#   every hidden count, and do suppress something;
# every other report gives an empty audit; a hand-made leaking table is
# refused (exit 70, naming the table and the cell, nothing on stdout);
# --no-suppress says "not for publication" in English and French.
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
db="$work/s.db"
R() { "$NS_BIN/needstat-report" --db "$db" "$@"; }

"$NS_BIN/needstat-init" --db "$db" >/dev/null 2>&1 || fail "needstat-init"
"$NS_BIN/needstat-synth" --needs 10000 -o "$work/s.csv" || fail "synth"
"$NS_BIN/needstat-ingest" --db "$db" -q "$work/s.csv" 2>/dev/null ||
	fail "ingest of the synthetic log"

suppressing=$(grep -l '^-- suppress:' "$NS_SRC"/reports/*.sql |
	sed 's|.*/||; s|\.sql$||')
[ -n "$suppressing" ] || fail "no report suppresses"
all=$(R --list | awk '{ print $1 }')

# audit_ok N FILE: every line safe, "<N" = [0, N-1], "x" >= N; prints the
# number of audited cells
audit_ok() {
	awk -F, -v n="$1" '
	NR == 1 { next }
	{
		# the cell name is quoted (it holds commas): take fields from
		# the end
		safe = $NF; hi = $(NF - 1); lo = $(NF - 2); mark = $(NF - 3)
		cells++
		if (safe != "yes") { print "unsafe: " $0 > "/dev/stderr"; bad++ }
		if (mark == "<" n && (lo + 0 != 0 || hi + 0 != n - 1)) {
			print "narrowed: " $0 > "/dev/stderr"; bad++
		}
		if (mark == "x" && lo + 0 < n) { print "x below N: " $0 > "/dev/stderr"; bad++ }
	}
	END { print cells + 0; exit bad > 0 }' "$2"
}

for id in $all; do
	case " $(echo $suppressing) " in
	*" $id "*) ;;
	*)
		R --fiscal-year 2024 --audit --format csv "$id" >"$work/a.csv" ||
			fail "$id --audit: exit $?"
		[ "$(wc -l <"$work/a.csv")" -eq 1 ] ||
			fail "$id suppresses nothing, yet its audit lists cells"
		;;
	esac
done

for id in $suppressing; do
	# below, with their regions and their table checks
	case $id in caller_profile | volume) continue ;; esac
	for n in 3 5 10; do
		for per in "--fiscal-year 2024" "--month 2024-06"; do
			what="$id N=$n $per"
			R $per --min-cell "$n" --audit --format csv "$id" \
				>"$work/a.csv" 2>"$work/err" ||
				{ fail "$what --audit: exit $?: $(cat "$work/err")"; continue; }
			cells=$(audit_ok "$n" "$work/a.csv") ||
				fail "$what: audit not safe"
			# the funders' table always has small cells on this data
			[ "$id" != funders_unmet ] || [ "$cells" -gt 0 ] ||
				fail "$what: nothing suppressed"
		done
	done
done

# shown_small N FILE COLUMN...: the rows of CSV FILE that show a count
# below N in one of the named columns
shown_small() {
	local n="$1" file="$2"
	shift 2
	awk -F, -v n="$n" -v cols="$*" '
	NR == 1 { k = split(cols, want, " ")
		for (i = 1; i <= NF; i++) for (j = 1; j <= k; j++)
			if ($i == want[j]) use[i] = 1
		next }
	{ for (i in use) if ($i ~ /^[0-9]+$/ && $i + 0 < n) { print; next } }' "$file"
}
# hidden_shown FILE COUNT DERIVED...: rows where COUNT is hidden (its flag
# column says "<N" or "x") but a column built on it still shows a value
hidden_shown() {
	local file="$1" count="$2"
	shift 2
	awk -F, -v count="$count" -v cols="$*" '
	NR == 1 { k = split(cols, want, " ")
		for (i = 1; i <= NF; i++) {
			if ($i == count "_flag") f = i
			for (j = 1; j <= k; j++) if ($i == want[j]) use[i] = 1
		}
		next }
	$f ~ /^(<[0-9]+|x)$/ { for (i in use) if ($i != "") { print; next } }' "$file"
}

vcols="contacts needs phone text chat email web walk_in other_channel english french other_language"
for reg in "" "--region YT" "--region ON"; do
	for n in 3 5 10; do
		for per in "--fiscal-year 2024" "--month 2024-06"; do
			for id in caller_profile volume; do
				what="$id $reg N=$n $per"
				[ "$id" = volume ] || [ "$reg" != "--region ON" ] ||
					continue
				R $per $reg --min-cell "$n" --audit --format csv \
					"$id" >"$work/a.csv" 2>"$work/err" ||
					{ fail "$what --audit: exit $?: $(cat "$work/err")"; continue; }
				cells=$(audit_ok "$n" "$work/a.csv") ||
					fail "$what: audit not safe"
				[ "$reg" != "--region YT" ] || [ "$cells" -gt 0 ] ||
					fail "$what: nothing suppressed"
				R $per $reg --min-cell "$n" --format csv "$id" \
					>"$work/t.csv" 2>"$work/err" ||
					fail "$what: exit $?: $(cat "$work/err")"
				if [ "$id" = volume ]; then
					c="$vcols"
					d="needs_per_contact"
					bad=$(hidden_shown "$work/t.csv" needs \
						needs_per_contact)
				else
					c=contacts
					d="share share_lo share_hi"
					bad=
				fi
				bad="$bad$(shown_small "$n" "$work/t.csv" $c)"
				bad="$bad$(hidden_shown "$work/t.csv" contacts $d)"
				[ -z "$bad" ] || fail "$what: shows $bad"
			done
		done
	done
done
# the all-regions month: something is hidden in both tables
R --month 2024-06 --format csv caller_profile >"$work/t.csv"
grep -q ',<5,' "$work/t.csv" || fail "caller_profile: no <5 in June 2024"
grep -q '^data,Gender,Non-binary,,<5,,x,' "$work/t.csv" ||
	fail "caller_profile: Non-binary (4 contacts) not hidden with its share"
R --month 2024-06 --region YT --format csv volume >"$work/t.csv"
grep -q '^data,2024-06,,<5,,<5,,x,' "$work/t.csv" ||
	fail "volume --region YT: June 2024 (1 contact) not hidden"

# the funders' table: no count 0..N-1 shown in a count column (3..8)
R --month 2024-06 --format csv funders_unmet >"$work/f.csv"
awk -F, 'NR > 1 { for (k = 3; k <= 8; k++)
	if ($k ~ /^[0-9]+$/ && $k + 0 < 5) { print; bad++ } }
	END { exit bad > 0 }' "$work/f.csv" || fail "funders_unmet shows a count below 5"

# a table that no suppression can protect: refused, naming the cell
cat >"$work/leak.sql" <<'SQL'
-- id: leak
-- title: Leak
-- column: k text
-- column: a int
-- column: t int
-- suppress: a t
-- sum: t = a + a
SELECT 'one' AS k, 3 AS a, 6 AS t WHERE :from > 0;
SQL
R --month 2024-06 --file "$work/leak.sql" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 70 ] || fail "leaking table: exit $rc, want 70"
[ -s "$work/out" ] && fail "leaking table: something was written"
grep -q "table 'leak': cell (one, a) is exposed" "$work/err" ||
	fail "leaking table: message: $(cat "$work/err")"

# internal use
R --month 2024-06 --no-suppress funders_unmet | grep -q 'NOT FOR PUBLICATION' ||
	fail "--no-suppress: no 'NOT FOR PUBLICATION'"
R --month 2024-06 --no-suppress --lang fr funders_unmet |
	grep -q 'NE PAS PUBLIER' || fail "--no-suppress fr: no 'NE PAS PUBLIER'"
R --month 2024-06 funders_unmet | grep -q 'NOT FOR PUBLICATION' &&
	fail "suppressed table says 'NOT FOR PUBLICATION'"
for id in caller_profile volume; do
	R --month 2024-06 --region YT --no-suppress "$id" |
		grep -q 'NOT FOR PUBLICATION' ||
		fail "$id --no-suppress: no 'NOT FOR PUBLICATION'"
	R --month 2024-06 --region YT "$id" | grep -q 'NOT FOR PUBLICATION' &&
		fail "$id suppressed says 'NOT FOR PUBLICATION'"
done

if [ "$fails" -ne 0 ]; then
	echo "report_audit: $fails failure(s)" >&2
	exit 1
fi
echo "report_audit: ok"
