#!/usr/bin/env bash
# needstat-report --describe REPORT (and --help REPORT): a report's own
# help from its metadata, with its glossary, in English and French; the
# man page's GLOSSARY holds the words that are easy to mix up.
# - territory says "Referrals given" and what it counts, referrals_top
#   "Referrals received": one meaning per word;
# - the filters line says what the report accepts (volume: no
#   --category);
# - French: French labels, meanings and typography;
# - an unknown report: exit 64; --describe with two reports: exit 64.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
unset NEEDSTAT_LANG
NB=$'\xc2\xa0'
NN=$'\xe2\x80\xaf'
D() { run "$NS_BIN/needstat-report" "$@"; }

D --describe territory
expect_rc 0 "--describe territory"
expect_empty "$T/err" "--describe territory: stderr"
cp "$T/out" territory.txt
expect_line territory.txt "territory — Needs and referrals given by region, per 10,000 population" "title"
expect_line territory.txt "Filters: a period, --region, --category; others are refused." "filters"
expect_line territory.txt "Glossary (columns):" "glossary heading"
expect_line territory.txt "  Referrals given" "referrals given label"
grep -A1 '^  Referrals given$' territory.txt | grep -q 'the number of referrals recorded for the needs' ||
	fail "territory: no meaning for Referrals given"
expect_line territory.txt "  -p level=TEXT (default: from the data, else province)" "level parameter"
grep -c '^      ' territory.txt >/dev/null || fail "territory: no indented meaning"
D --help territory
expect_rc 0 "--help territory"
expect_file "$T/out" territory.txt "--help REPORT is --describe REPORT"

D --describe referrals_top
expect_rc 0 "--describe referrals_top"
expect_line "$T/out" "  Referrals received" "referrals received label"
grep -q '^  Referrals$' "$T/out" && fail "referrals_top: bare 'Referrals' label"

D --describe volume
expect_line "$T/out" "Filters: a period, --region; others are refused." "volume filters"

D --describe --lang fr caller_profile
expect_rc 0 "--describe fr"
expect_line "$T/out" "Glossaire (colonnes)$NB:" "fr glossary heading"
expect_line "$T/out" "Filtres$NB: une période, --region$NN; les autres sont refusés." "fr filters"
grep -q "Non consigné quand l'export l'a" "$T/out" ||
	fail "fr: value meaning"
grep -q " ;" "$T/out" && fail "fr: ASCII space before ;"

# --list -v says the level follows the data
D --list -v
grep -qF -- "-p level=TEXT (default from the data, else province): " "$T/out" ||
	fail "--list -v: level default not from the data: $(grep level= "$T/out" | head -1)"

# plain --help needs no data directory
NEEDSTAT_DATADIR=$T/none D --help
expect_rc 0 "--help without a data directory"
grep -q '^usage: needstat-report ' "$T/out" || fail "--help: no usage"

D --describe nosuch
expect_rc 64 "--describe nosuch"
expect_empty "$T/out" "--describe nosuch: stdout"
D --describe volume trends
expect_rc 64 "--describe two reports"

# the man page's glossary
awk '/^\.SH GLOSSARY/ { s = 1; next } /^\.SH / { s = 0 } s' \
	"$NS_SRC/man/needstat-report.1" >glossary.roff
for w in "Referrals given" "Referrals received" "Organisations referred to" \
	"Not recorded" "Unknown"; do
	grep -q "^\.BR \"\?$w\"\? " glossary.roff || fail "man GLOSSARY: no '$w'"
done

finish
