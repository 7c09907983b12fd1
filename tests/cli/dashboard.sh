#!/usr/bin/env bash
# needstat-dashboard (issue 15) on synthetic data:
# - a build is quiet and writes both pages, the stylesheet and the CSVs;
# - no count below 5 in any CSV or in the HTML of the pages, and an
#   attacker who solves every published equation with a single unknown
#   (category totals, region totals, the unmet total the headline, the
#   category table and the region table all show) recovers no "<5"
#   count; the attacker is real (a cell hidden by hand in an unsuppressed
#   build is recovered);
# - cron: two overlapping runs (one builds, the other exits 75 at once
#   naming the first's pid; with --wait it waits and builds); a killed run
#   leaves the previous dashboard intact and the next run works and removes
#   the killed run's marked temporary folder (and no other); --lazy
#   skips an unchanged month quietly and rebuilds after a new ingest;
# - a month with no data is a page saying so; usage and other errors with
#   their sysexits codes;
# - the crontab line of needstat-dashboard(1) builds the dashboard.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/unflag.bash"

D=$NS_BIN/needstat-dashboard
P=needstat-dashboard
init_db db
"$NS_BIN/needstat-synth" --needs 4000 --seed 7 --from 2024-09 --to 2025-10 \
	-o a.csv && "$INGEST" --db db -q a.csv >/dev/null 2>&1 ||
	fail "synthetic data"
export SOURCE_DATE_EPOCH=1762041600

# ---- a build ----
run "$D" --db db --month 2025-10 --out site
expect_rc 0 "build"
expect_empty "$T/out" "build: stdout"
expect_empty "$T/err" "build: stderr"
for f in style.css en/index.html fr/index.html csv/headline.en.csv \
	csv/status.en.csv csv/status.fr.csv csv/region.en.csv \
	csv/top_unmet.fr.csv csv/trend.en.csv .needstat-stamp; do
	[ -s "site/$f" ] || fail "build: no site/$f"
done
grep -q 'href="../fr/index.html"' site/en/index.html ||
	fail "en page: no link to fr"
grep -q 'href="../en/index.html"' site/fr/index.html ||
	fail "fr page: no link to en"
grep -q 'octobre 2025' site/fr/index.html || fail "fr page: no French month"
ls -a . | grep -q '^\.site\.' && fail "build: a temporary folder is left"

# ---- charts: every chart linked from a page is there, a valid SVG with
# a PNG beside it, with alt text and a caption ----
for lang in en fr; do
	imgs=$(grep -o 'src="charts/[^"]*\.svg"' "site/$lang/index.html" |
		sed 's/^src="//; s/"$//')
	[ "$(echo "$imgs" | grep -c svg)" -ge 4 ] ||
		fail "$lang page: fewer than 4 charts: $imgs"
	for c in unmet_by_category needs_unmet_by_category trend; do
		echo "$imgs" | grep -qx "charts/$c.svg" ||
			fail "$lang page: no chart $c"
	done
	for i in $imgs; do
		xmllint --noout "site/$lang/$i" 2>/dev/null ||
			fail "$lang/$i: not a valid SVG"
		head -c 8 "site/$lang/${i%.svg}.png" | grep -q PNG ||
			fail "$lang/${i%.svg}.png: not a PNG"
	done
	grep -q '<img src="charts/unmet_by_category.svg"[^>]* alt="[^"]\{20,\}"' \
		"site/$lang/index.html" || fail "$lang page: a chart without alt text"
	grep -q '<figcaption>' "site/$lang/index.html" ||
		fail "$lang page: a chart without a caption"
done
grep -q 'alt="Unmet needs[^"]*Largest' site/en/index.html ||
	fail "en page: the alt text does not say the largest"
grep -q $'en t\xc3\xaate' site/fr/index.html ||
	fail "fr page: the alt text is not French"
# a chart draws no count the tables hide: no label below 5 in the SVG
# text of the charts (cairo writes glyphs, so check the alt texts)
s=$(grep -o 'alt="[^"]*"' site/en/index.html | grep -oE ' [0-9]+[.;,]' |
	tr -d ' .;,' | awk '$1 < 5')
[ -z "$s" ] || fail "a chart's alt text says a count below 5: $s"

# ---- suppression: the CSVs ----
# small_csv FILE: the visible counts below 5 (count columns: contacts,
# needs, unmet, needs_prev).
small_csv() {
	awk "$CSV_PARSE"'
	NR == 1 { n = parse($0, h); next }
	{
		parse($0, f)
		for (i = 1; i <= n; i++)
			if (h[i] ~ /^(contacts|needs|unmet|needs_prev)$/ &&
			    f[i] != "" && f[i] + 0 < 5)
				print FILENAME ": " h[i] " = " f[i]
	}' "$1"
}
for f in site/csv/*.csv; do
	s=$(small_csv "$f")
	[ -z "$s" ] || fail "a count below 5 is shown: $s"
done
hidden=$(cat site/csv/*.en.csv | grep -c '<5')
[ "$hidden" -gt 0 ] || fail "the data has small counts: none is <5"

# ---- suppression: the HTML (table cells and headline figures) ----
for f in site/en/index.html site/fr/index.html; do
	s=$(grep -o '<t[dh][^>]*>[^<]*<\|<dd>[^<]*<' "$f" |
		sed 's/^<[^>]*>//; s/<$//' |
		sed 's/\xe2\x80\xaf//g; s/\xc2\xa0//g; s/,//g; s/ //g' |
		grep -xE '[0-9]+' | awk '$1 < 5')
	[ -z "$s" ] || fail "$f shows a count below 5: $s"
	grep -q '&lt;5' "$f" || fail "$f: no <5 cell"
done

# ---- suppression: an attacker on the published equations ----
# attack DIR: every line "total = sum of members" of the dashboard's CSVs
# (English); print the <5 cells a single-unknown equation pins.
attack() {
	{
		unflag <"$1/csv/status.en.csv" | sed 's/^/S,/'
		unflag <"$1/csv/region.en.csv" | sed 's/^/R,/'
		unflag <"$1/csv/headline.en.csv" | sed 's/^/H,/'
	} | awk "$CSV_PARSE"'
	{
		n = parse($0, f)
		if (f[2] == "category" || f[2] == "region" || f[2] == "contacts") {
			for (i = 2; i <= n; i++) col[f[1], f[i]] = i
			next
		}
		if (f[1] == "H") { tot["U"] = f[col["H", "unmet"]]; next }
		key = f[2]
		if (key == "All categories" || key == "All regions") {
			if (f[1] == "S") { tot["SN"] = f[col["S", "needs"]]; tot["SU"] = f[col["S", "unmet"]] }
			else tot["RU"] = f[col["R", "unmet"]]
			next
		}
		if (f[1] == "S") {
			m["SN", ++ns] = f[col["S", "needs"]]
			m["SU", ns] = f[col["S", "unmet"]]
		} else m["RU", ++nr] = f[col["R", "unmet"]]
	}
	function solve(t, name, n,   i, sum, unk, which) {
		sum = 0; unk = 0
		if (tot[t] ~ /^(<|x)/) return
		for (i = 1; i <= n; i++)
			if (m[name, i] ~ /^(<|x)/) { unk++; which = i }
			else sum += m[name, i]
		if (unk == 1 && m[name, which] ~ /^</)
			print name " member " which " = " tot[t] - sum
	}
	END {
		# one count in three tables: shown or hidden alike
		if ((tot["U"] ~ /^(<|x)/) != (tot["SU"] ~ /^(<|x)/) ||
		    (tot["U"] ~ /^(<|x)/) != (tot["RU"] ~ /^(<|x)/))
			print "the unmet total is hidden in one table, not in another"
		solve("SN", "SN", ns); solve("SU", "SU", ns); solve("RU", "RU", nr)
	}'
}
s=$(attack site)
[ -z "$s" ] || fail "the attacker recovers a small count: $s"
# the attacker is real: an unsuppressed build with one small region count
# hidden by hand gives it away
run "$D" --db db --month 2025-10 --no-suppress --lang en --out raw
expect_rc 0 "--no-suppress"
grep -q 'NOT FOR PUBLICATION' raw/en/index.html ||
	fail "--no-suppress: no NOT FOR PUBLICATION"
[ -e raw/fr/index.html ] && fail "--lang en: a French page"
grep -q 'fr/index.html' raw/en/index.html &&
	fail "--lang en: a link to a French page"
awk -F, 'NR > 1 && $1 == "data" && $3 != "" && $3 < 5 && !done {
		$3 = ""; $4 = "<5"; done = 1 } { print }' OFS=, \
	raw/csv/region.en.csv >raw/r && mv raw/r raw/csv/region.en.csv
grep -q '<5' raw/csv/region.en.csv || fail "self-test: no small region"
s=$(attack raw)
case $s in *"RU member"*) ;; *) fail "self-test: the attacker misses a" \
	"single hidden region: '$s'" ;; esac

# ---- cron: overlapping runs ----
# wait_for GLOB: until a path matches (at most 60 s: a build under load)
wait_for() {
	local i
	for i in $(seq 600); do
		compgen -G "$1" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}
sums() { (cd site && find . -type f | sort | xargs sha256sum); }
before=$(sums)
NEEDSTAT_TEST_PAUSE=3 "$D" --db db --month 2025-10 --out site \
	>a.out 2>a.err &
a=$!
wait_for '.site.*/.needstat-stamp' || fail "overlap: the first run never wrote"
run "$D" --db db --month 2025-10 --out site
expect_rc 75 "overlap: second run"
expect_empty "$T/out" "overlap: stdout"
grep -q "process $a" "$T/err" || fail "overlap: the message does not name" \
	"the holder $a: $(cat "$T/err")"
wait $a
expect_eq "$?" 0 "overlap: the first run"
expect_empty a.err "overlap: first run's stderr"
# --wait: the second run waits for the first and then builds
NEEDSTAT_TEST_PAUSE=2 "$D" --db db --month 2025-10 --out site 2>a.err &
a=$!
wait_for '.site.*/.needstat-stamp' || fail "--wait: the first run never wrote"
run "$D" --db db --month 2025-10 --wait --out site
expect_rc 0 "--wait"
kill -0 $a 2>/dev/null && fail "--wait: returned while the first run holds"
wait $a

# ---- cron: a killed run leaves the last good dashboard ----
before=$(sums)
NEEDSTAT_TEST_PAUSE=30 "$D" --db db --month 2025-10 --out site 2>/dev/null &
a=$!
wait_for '.site.*/en/index.html' || fail "kill: the run never wrote"
kill -9 $a
wait $a 2>/dev/null
expect_eq "$(sums)" "$before" "kill: the dashboard changed"
left=$(ls -a | grep '^\.site\.')
[ -n "$left" ] && [ -e "$left/.needstat-outdir" ] ||
	fail "kill: no marked temporary left to clean ('$left')"
mkdir .site.ZZZZZZ   # not ours: no marker
run "$D" --db db --month 2025-10 --out site
expect_rc 0 "after a killed run"
expect_empty "$T/err" "after a killed run: stderr"
expect_eq "$(sums)" "$before" "after a killed run: the same dashboard"
[ -e "$left" ] && fail "after a killed run: its folder '$left' is left"
[ -d .site.ZZZZZZ ] || fail "after a killed run: a folder not ours removed"
rmdir .site.ZZZZZZ

# ---- cron: --lazy ----
ino=$(stat -c %i site)
run "$D" --db db --month 2025-10 --lazy --out site
expect_rc 0 "--lazy, nothing changed"
expect_empty "$T/out" "--lazy: stdout"
expect_empty "$T/err" "--lazy: stderr"
expect_eq "$(stat -c %i site)" "$ino" "--lazy, nothing changed: rebuilt"
# another threshold is another dashboard
run "$D" --db db --month 2025-10 --lazy --min-cell 10 --out site
expect_rc 0 "--lazy --min-cell 10"
[ "$(stat -c %i site)" != "$ino" ] || fail "--lazy: a new threshold skipped"
ino=$(stat -c %i site)
old=$(cat site/csv/headline.en.csv)
"$NS_BIN/needstat-synth" --needs 300 --seed 8 --from 2025-10 --to 2025-10 \
	-o b.csv && "$INGEST" --db db -q b.csv >/dev/null 2>&1 ||
	fail "second ingest"
run "$D" --db db --month 2025-10 --lazy --min-cell 10 --out site
expect_rc 0 "--lazy after an ingest"
[ "$(stat -c %i site)" != "$ino" ] || fail "--lazy: not rebuilt after an ingest"
[ "$(cat site/csv/headline.en.csv)" != "$old" ] ||
	fail "--lazy: the new batch is not in the figures"

# ---- a month with no data ----
run "$D" --db db --month 2019-01 --out empty
expect_rc 0 "a month with no data"
grep -q 'No data for this month' empty/en/index.html ||
	fail "a month with no data: no message"
grep -q 'Aucune donn' empty/fr/index.html ||
	fail "a month with no data: no French message"

# ---- errors ----
run "$D" --db db --month 2025-10
expect_rc 64 "no --out"
grep -q -- "--out DIR" "$T/err" || fail "no --out: message"
run "$D" --db db --out x
expect_rc 64 "no --month"
run "$D" --db db --fiscal-year 2024 --out x
expect_rc 64 "--fiscal-year"
run "$D" --db db --month 2025-13 --out x
expect_rc 64 "bad month"
run "$D" --db db --month 2025-10 --lang de --out x
expect_rc 64 "--lang de"
run "$D" --db nowhere.db --month 2025-10 --out x
expect_rc 66 "no database"
expect_empty "$T/out" "no database: stdout"
run "$D" --db db --month 2025-10 --out missing/dir
expect_rc 73 "the folder of DIR is missing"
grep -q "missing" "$T/err" || fail "missing folder: message"
[ -e x ] && fail "a failed run left 'x'"

# ---- the crontab line of the man page ----
line=$(grep -A1 '^\.nf' "$NS_SRC/man/needstat-dashboard.1" | grep '^30 6')
[ -n "$line" ] || fail "no crontab line in needstat-dashboard.1"
cmd=$(printf '%s\n' "$line" | sed 's/\\-/-/g; s/\\e%/\\%/g' |
	cut -d' ' -f6- | sed "s|/srv/211|$T/srv|; s/\\\\%/%/g")
mkdir -p srv/www && cp db srv/needs.db
# cron runs it with sh; 'last month' is made October 2025 for the test
mkdir -p fakebin && printf '#!/bin/sh\necho 2025-10\n' >fakebin/date &&
	chmod +x fakebin/date
(PATH="$T/fakebin:$NS_BIN:$PATH" sh -c "$cmd") >cron.out 2>&1 ||
	fail "the crontab line failed: $cmd: $(cat cron.out)"
[ -s srv/www/dashboard/en/index.html ] &&
	[ -s srv/www/dashboard/fr/index.html ] ||
	fail "the crontab line built no dashboard: $cmd"
expect_empty cron.out "the crontab line: output (cron would mail it)"
finish
