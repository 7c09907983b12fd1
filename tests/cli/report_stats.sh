#!/usr/bin/env bash
# Statistics of needstat-report at every count (issue 10, point 2), through
# report files run with --file on the report fixtures:
# - rates per 10,000 with their Garwood interval for every 997th count from
#   1,159 to 200,000 and for 10^9: every rate, bound and noci rate is a
#   number (GSL's chi-square quantile gave NaN, so blank cells, for about a
#   quarter of these counts), lo < rate < hi, and the bounds of 1,159 and
#   10^9 equal SciPy's gammaincinv(k, 0.025) and gammainccinv(k+1, 0.025)
#   over 4,000 to 1e-9 relative; CSV carries them in full;
# - a statistic that cannot be computed (negative count, share above 1,
#   population 0) is an error naming the report file, row and column:
#   exit 70, nothing on stdout.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
REPORT=$NS_BIN/needstat-report

init_db r.db
(cd "$NS_SRC/fixtures/report" &&
	"$INGEST" --db "$T/r.db" -q --rejects "$T/rej.csv" contacts.csv \
		2>/dev/null) || fail "ingest of the fixtures"

# rep FILE SELECT...: a report file with a rate and a noci rate
rep() {
	local f=$1
	shift
	cat >"$f" <<EOF
-- id: ${f%.sql}
-- title: Large counts
-- column: label text | Label | Libellé
-- column: needs int | Needs | Besoins
-- column: population int measure | Population | Population
-- column: needs_rate rate decimals=1 | Needs rate | Taux
-- column: plain_rate rate decimals=1 | Rate, no interval | Taux sans IC
-- column: share share decimals=1 | Share | Part
-- rate: needs_rate = needs / population
-- rate: plain_rate = needs / population noci
-- wilson: share = needs / base noci

$*
EOF
}

rep big.sql "WITH RECURSIVE k(n) AS (SELECT 1159 UNION ALL SELECT n + 997
  FROM k WHERE n + 997 <= 200000)
SELECT 'k' || n AS label, n AS needs, 40000000 AS population,
  2 * n AS base FROM k
UNION ALL SELECT 'national', 1000000000, 40000000, 1000000000;"
run "$REPORT" --db r.db --fiscal-year 2024 --format csv --file big.sql
expect_rc 0 "large counts"
cp out big.csv
# columns: row_type label needs needs_flag population population_flag
# needs_rate _flag needs_rate_lo _flag needs_rate_hi _flag plain_rate _flag
# share _flag
expect_eq "$(head -1 big.csv)" "row_type,label,needs,needs_flag,population,population_flag,needs_rate,needs_rate_flag,needs_rate_lo,needs_rate_lo_flag,needs_rate_hi,needs_rate_hi_flag,plain_rate,plain_rate_flag,share,share_flag" "header"
expect_eq "$(awk -F, 'NR > 1' big.csv | wc -l | tr -d " ")" 201 "rows"
expect_eq "$(awk -F, 'NR > 1 && ($7 == "" || $9 == "" || $11 == "" ||
	$13 == "" || $15 == "" || !($9 < $7 && $7 < $11) || $7 != $13)' big.csv)" \
	"" "a rate, bound or share missing or out of order"
# SciPy 1.10.1: gammaincinv(1159, 0.025)/4000, gammainccinv(1160, 0.025)/4000
close() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d
	exit !(d <= 1e-9 * b) }'; }
row=$(grep '^data,k1159,' big.csv)
close "$(echo "$row" | cut -d, -f9)" 0.2733067389993032 ||
	fail "1159: lo $(echo "$row" | cut -d, -f9)"
close "$(echo "$row" | cut -d, -f11)" 0.306924003506425 ||
	fail "1159: hi $(echo "$row" | cut -d, -f11)"
row=$(grep '^data,national,' big.csv)
expect_eq "$(echo "$row" | cut -d, -f7)" 250000 "national rate, in full"
close "$(echo "$row" | cut -d, -f9)" 249984.50536098197 ||
	fail "1e9: lo $(echo "$row" | cut -d, -f9)"
close "$(echo "$row" | cut -d, -f11)" 250015.49536260223 ||
	fail "1e9: hi $(echo "$row" | cut -d, -f11)"

# statistics that cannot be computed: errors, never blanks
rep neg.sql "SELECT 'a' AS label, 10 AS needs, 5000 AS population, 20 AS base
UNION ALL SELECT 'b', -3, 5000, 20;"
run "$REPORT" --db r.db --fiscal-year 2024 --file neg.sql
expect_rc 70 "negative count"
expect_empty out "negative count: stdout"
grep -q "neg.sql: row 2 ('b'), column 'needs_rate': cannot compute the statistic: needs -3 and population 5000 must be whole numbers, not negative" err ||
	fail "negative count: message: $(cat err)"
rep share.sql "SELECT 'a' AS label, 30 AS needs, 5000 AS population, 20 AS base;"
run "$REPORT" --db r.db --fiscal-year 2024 --file share.sql
expect_rc 70 "share above 1"
expect_empty out "share above 1: stdout"
grep -q "share.sql: row 1 ('a'), column 'share': cannot compute the statistic: share 30/20: need 0 <= k <= n" err ||
	fail "share above 1: message: $(cat err)"
rep pop.sql "SELECT 'a' AS label, 3 AS needs, 0 AS population, 20 AS base;"
run "$REPORT" --db r.db --fiscal-year 2024 --file pop.sql
expect_rc 70 "population 0"
grep -q "pop.sql: row 1 ('a'), column 'needs_rate': cannot compute the statistic: population population is 0" err ||
	fail "population 0: message: $(cat err)"

finish
