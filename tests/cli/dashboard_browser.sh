#!/usr/bin/env bash
# The dashboard in a real browser (issue 15): headless Chromium loads each
# language's index.html from disk and prints it to PDF; the PDF has the
# page's title (pdftotext) and a screenshot is not blank; a link checker
# over the whole site finds every href and src target present, no link
# leaving the site and no script.  Skipped (exit 77) where chromium or
# pdftotext is not installed (Debian: chromium, poppler-utils).
# NEEDSTAT_SHOTS=DIR keeps the screenshots there, to look at.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$(dirname "$0")/lib.sh"

for tool in chromium pdftotext; do
	if ! command -v $tool >/dev/null; then
		echo "$TEST_NAME: skipped: $tool is not installed"
		exit 77
	fi
done
init_db db
"$NS_BIN/needstat-synth" --needs 3000 --seed 3 --from 2024-10 --to 2025-10 \
	-o a.csv && "$INGEST" --db db -q a.csv >/dev/null 2>&1 ||
	fail "synthetic data"
run "$NS_BIN/needstat-dashboard" --db db --month 2025-10 --out site
expect_rc 0 "build"

# ---- the link checker ----
(cd site && find . -name '*.html') | while read -r page; do
	dir=$(dirname "site/$page")
	grep -o '\(href\|src\)="[^"]*"' "site/$page" | sed 's/^[a-z]*="//; s/"$//' |
	while read -r url; do
		case $url in
		http:*|https:*|//*) echo "$page: links out of the site: $url" ;;
		\#*) ;;
		*) [ -e "$dir/${url%%#*}" ] || echo "$page: broken link: $url" ;;
		esac
	done
done >links.txt
[ -s links.txt ] && fail "links: $(cat links.txt)"
grep -l '<script' site/*/index.html && fail "a page has a script"
n=$(cat site/*/index.html | grep -o 'href="[^"]*"' | sort -u | wc -l)
[ "$n" -ge 6 ] || fail "links: only $n distinct links checked"
for lang in en fr; do
	grep -q "href=\"../xlsx/needstat-2025-10.$lang.xlsx\"" \
		"site/$lang/index.html" || fail "$lang page: no workbook link"
done

# ---- Chromium ----
shots=${NEEDSTAT_SHOTS:-$T}
for lang in en fr; do
	case $lang in
	en) title='Needs dashboard' ;;
	fr) title='Tableau de bord des besoins' ;;
	esac
	url="file://$T/site/$lang/index.html"
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$T/c" --no-pdf-header-footer \
		--print-to-pdf="$T/$lang.pdf" "$url" >/dev/null 2>&1
	[ -s "$T/$lang.pdf" ] || { fail "$lang: chromium printed no PDF"; continue; }
	pdftotext "$T/$lang.pdf" "$T/$lang.txt" ||
		fail "$lang: pdftotext"
	tr '\n' ' ' <"$T/$lang.txt" | grep -q "$title" ||
		fail "$lang: the PDF has no '$title'"
	grep -q 'octobre 2025\|October 2025' "$T/$lang.txt" ||
		fail "$lang: the PDF has no month"
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$T/c" --window-size=1000,2000 --hide-scrollbars \
		--screenshot="$shots/dashboard-$lang.png" "$url" >/dev/null 2>&1
	# not blank: a PNG of a page with text compresses far less than a
	# white one (about 5 KB at this size)
	size=$(stat -c %s "$shots/dashboard-$lang.png" 2>/dev/null || echo 0)
	[ "$size" -gt 30000 ] || fail "$lang: the screenshot looks blank" \
		"($size bytes)"
	# a phone-width screenshot, to look at
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$T/c" --window-size=390,1800 --hide-scrollbars \
		--screenshot="$shots/dashboard-$lang-phone.png" "$url" \
		>/dev/null 2>&1 || fail "$lang: phone screenshot"
done
finish
