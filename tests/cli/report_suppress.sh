#!/usr/bin/env bash
# The funders' table (funders_unmet) protects small counts, on the report
# fixtures, for several periods, regions and thresholds:
# - no visible count (unmet needs or a reason) lies in 0..N-1;
# - an attacker who repeatedly solves any published equation with a single
#   unknown -- a region's cells = its "All categories" row, a category's
#   cells = its "All regions" row, region totals and category totals = the
#   grand total, and in every row unmet = the sum of its five reasons --
#   recovers no "<N" count (it may pin an "x" count, which is N or more:
#   the linear-programming audit of report_audit.sh is the full check);
# - a rate (and its interval) is never shown for a hidden count;
# - the attacker is real: hiding one cell of an unsuppressed table by hand
#   is recovered.
# Env: NS_BIN, NS_SRC (set by CTest).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
: "${NS_SRC:?set NS_SRC to the source tree}"
export LC_ALL=C TZ=UTC
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START
. "$(dirname "$0")/unflag.bash"

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/r.db"
"$NS_BIN/needstat-init" --db "$db" >/dev/null 2>&1 || fail "needstat-init"
(cd "$NS_SRC/fixtures/report" &&
	"$NS_BIN/needstat-ingest" --db "$db" -q --rejects "$work/rej.csv" \
		contacts.csv late.csv 2>/dev/null) || fail "ingest of the fixtures"


# check MIN < funders.csv: prints "small=S recovered=R rates=B hidden=H"
# (S visible counts in 1..MIN-1, R counts recovered, B rates shown for a
# hidden count, H hidden counts).  Columns: region, category, unmet, five
# reasons (3..8), population, rate, rate_lo, rate_hi (10..12).
check() {
	awk -v min="$1" "$CSV_PARSE"'
	NR == 1 { next }
	{
		sub(/\r$/, "")
		parse($0, f)
		n++
		R[n] = f[1]; C[n] = f[2]
		for (k = 3; k <= 8; k++) {
			hidden = (f[k] == "x" || f[k] ~ /^</)
			known[n, k] = !hidden
			prim[n, k] = (f[k] ~ /^</)
			if (hidden) nh++
			else if (f[k] != "" && f[k] + 0 < min) small++
		}
		if (!known[n, 3] && (f[10] != "x" || f[11] != "x" || f[12] != "x")) badrate++
	}
	function solve(m, k,   j, u, at) {
		u = 0
		for (j = 1; j <= m; j++) if (!known[L[j], k]) { u++; at = L[j] }
		if (u != 1) return 0
		known[at, k] = 1
		return prim[at, k] ? 2 : 1
	}
	END {
		do {
			progress = 0
			for (i = 1; i <= n; i++) {
				m = 0
				for (k = 3; k <= 8; k++) if (!known[i, k]) { m++; at = k }
				if (m == 1) { known[i, at] = 1; if (prim[i, at]) rec++; progress = 1 }
			}
			for (i = 1; i <= n; i++) {
				m = 0
				if (C[i] == "All categories") {
					L[++m] = i
					for (j = 1; j <= n; j++)
						if (R[j] == R[i] && C[j] != "All categories") L[++m] = j
				} else if (R[i] == "All regions") {
					L[++m] = i
					for (j = 1; j <= n; j++)
						if (C[j] == C[i] && R[j] != "All regions") L[++m] = j
				}
				if (m == 0) continue
				for (k = 3; k <= 8; k++)
					if ((r = solve(m, k))) { if (r == 2) rec++; progress = 1 }
			}
		} while (progress)
		printf "small=%d recovered=%d rates=%d hidden=%d\n", small, rec, badrate, nh
	}'
}

runs=0
for args in "--fiscal-year 2024" "--fiscal-year 2023" "--year 2024" \
	"--quarter 2024-Q4" "--fiscal-year 2024 --min-cell 10" \
	"--fiscal-year 2024 --region QC" "--fiscal-year 2024 --category housing" \
	"--fiscal-year 2024 -p level=country" "--month 2025-03 --min-cell 3"; do
	min=5
	case "$args" in *--min-cell*) min=${args##*--min-cell } ;; esac
	"$NS_BIN/needstat-report" --db "$db" $args --format csv funders_unmet \
		>"$work/flagged.csv" 2>"$work/err" || { fail "$args: exit $?: $(head -2 "$work/err")"; continue; }
	unflag <"$work/flagged.csv" >"$work/f.csv" || fail "$args: unflag"
	[ "$(wc -l <"$work/f.csv")" -gt 2 ] || { fail "$args: no rows"; continue; }
	got=$(check "$min" <"$work/f.csv")
	case "$got" in
	"small=0 recovered=0 rates=0 hidden="[1-9]*) runs=$((runs + 1)) ;;
	*) fail "$args: $got (want small=0 recovered=0 rates=0 hidden>0)" ;;
	esac
done
[ $runs -eq 9 ] || fail "only $runs of 9 tables checked"

# the checker can fail: an unsuppressed table shows small counts, and one
# cell hidden by hand is recovered from its row
"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 --min-cell 1 \
	--format csv funders_unmet >"$work/flagged.csv" || fail "--min-cell 1: exit $?"
unflag <"$work/flagged.csv" >"$work/open.csv" || fail "--min-cell 1: unflag"
got=$(check 5 <"$work/open.csv")
case "$got" in
"small="[1-9]*" recovered=0 rates=0 hidden=0") ;;
*) fail "--min-cell 1: $got, want small counts and nothing hidden" ;;
esac
awk -F, 'NR == 2 { $3 = "<5"; OFS = ","; $1 = $1 } { print }' "$work/open.csv" >"$work/one.csv"
got=$(check 1 <"$work/one.csv")
case "$got" in
*" recovered="[1-9]*) ;;
*) fail "one hidden cell: $got, want it recovered" ;;
esac

# the gap analysis: no visible small count, shares of hidden counts hidden
"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 --format csv gaps \
	>"$work/flagged.csv" || fail "gaps: exit $?"
unflag <"$work/flagged.csv" >"$work/g.csv" || fail "gaps: unflag"
awk -F, 'NR > 1 { n = NF; ns = $(n - 6); nm = $(n - 5)
	if ((ns + 0 >= 1 && ns + 0 < 5) || (nm + 0 >= 1 && nm + 0 < 5)) bad++
	if ((ns == "<5" || nm == "<5" || ns == "x" || nm == "x") && $(n - 4) != "x") bad++ }
	END { exit bad > 0 }' "$work/g.csv" || fail "gaps: a small count or its share is shown"

if [ $fails -ne 0 ]; then
	echo "report_suppress: $fails failure(s)" >&2
	exit 1
fi
echo "report_suppress: ok ($runs tables)"
