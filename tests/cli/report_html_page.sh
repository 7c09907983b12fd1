#!/usr/bin/env bash
# `needstat-report --format html` opened in a browser, as a funder would:
# headless Chromium loads the page written with -o and
#   - takes a screenshot: decoded here (python3, standard library only),
#     it is not blank (enough dark text pixels) and shows the page's own
#     colours (the header row and the zebra rows of the stylesheet);
#   - prints it to PDF: pdftotext finds the caption, a category, the total
#     row and a note, so the text is really there;
#   - reads the computed styles (a copy of the page with a probe script,
#     --dump-dom): numbers right-aligned in tabular figures, the header
#     row sticky, zebra rows, charset, lang and title.
# --fragment gives the bare table with its notes, no page around it.
# Skips (exit 77) with a message when chromium or pdftotext is absent.
# Env: NS_BIN, NS_SRC (set by CTest).
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] || ! command -v pdftotext >/dev/null ||
	! command -v python3 >/dev/null; then
	echo "report_html_page: SKIPPED: needs chromium, pdftotext" \
		"(poppler-utils) and python3 (./build.sh deps installs them)"
	exit 77
fi

init_db "$T/r.db"
(cd "$NS_SRC/fixtures/report" &&
	"$INGEST" --db "$T/r.db" -q --rejects "$T/rej1.csv" contacts.csv &&
	"$INGEST" --db "$T/r.db" -q --rejects "$T/rej2.csv" late.csv) \
	2>/dev/null || fail "ingest of the report fixtures"
REPORT=("$NS_BIN/needstat-report" --db "$T/r.db" --fiscal-year 2024
	--lang fr --format html)

# The fragment: the table and its notes only.
run "${REPORT[@]}" --fragment needs_status
expect_rc 0 "--fragment"
expect_eq "$(head -c 25 "$T/out")" '<table class="needstat" d' "--fragment starts with the table"
grep -qi -e '<!DOCTYPE' -e '<html' -e '<style' -e '<body' "$T/out" &&
	fail "--fragment holds page markup"
expect_eq "$(tail -n 1 "$T/out")" "</ul>" "--fragment ends with the notes"
run "${REPORT[@]}" --fragment --format csv needs_status
expect_rc 0 "--fragment with csv is ignored"

run "${REPORT[@]}" -o "$T/page.html" needs_status
expect_rc 0 "page written with -o"
expect_eq "$(head -n 1 "$T/page.html")" "<!DOCTYPE html>" "the page starts with its doctype"

# chrome ARGS...: headless Chromium on the page, quietly, within a minute.
chrome()
{
	local sandbox=()
	[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
	timeout 120 "$CHROMIUM" --headless=new --disable-gpu "${sandbox[@]}" \
		--user-data-dir="$T/chrome" --no-first-run --hide-scrollbars \
		--force-color-profile=srgb --window-size=1280,1000 "$@" \
		2>>"$T/chrome.log"
}

# 1. Screenshot: not blank, and styled.
chrome --screenshot="$T/shot.png" "file://$T/page.html" >/dev/null
if [ ! -s "$T/shot.png" ]; then
	fail "no screenshot: $(tail -3 "$T/chrome.log")"
else
	python3 - "$T/shot.png" >"$T/png" <<'EOF' || fail "cannot decode the screenshot"
# Decode an 8-bit RGB/RGBA PNG (zlib + the five row filters) and print
# "WIDTH HEIGHT DARK_PERMILLE COLOURS" and one line per colour to look for.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), 'unsupported PNG %d/%d' % (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
colours, dark = {}, 0
for line in rows:
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        colours[px] = colours.get(px, 0) + 1
        if sum(px) < 3 * 100:
            dark += 1
print(w, h, dark * 1000 // (w * h), len(colours))
for name, rgb in (('header', b'\xe4\xeb\xf2'), ('zebra', b'\xf4\xf6\xf8')):
    print(name, colours.get(rgb, 0))
EOF
	read -r w h dark ncol <"$T/png"
	expect_eq "$w x $h" "1280 x 1000" "screenshot size"
	[ "${dark:-0}" -ge 10 ] ||
		fail "screenshot looks blank: $dark per mille dark pixels"
	[ "${ncol:-0}" -ge 8 ] || fail "screenshot has only $ncol colours"
	for what in header zebra; do
		n=$(awk -v k="$what" '$1 == k { print $2 }' "$T/png")
		[ "${n:-0}" -ge 5000 ] ||
			fail "screenshot: the $what colour covers $n pixels only"
	done
fi

# 2. Print to PDF: the text is there.
chrome --no-pdf-header-footer --print-to-pdf="$T/page.pdf" \
	"file://$T/page.html" >/dev/null
# (words joined by single spaces: a narrow print column wraps cells)
if pdftotext -enc UTF-8 "$T/page.pdf" - 2>>"$T/chrome.log" |
	tr -s ' \n' '  ' >"$T/page.txt" && [ -s "$T/page.txt" ]; then
	for text in "Besoins comblés, partiellement comblés et non comblés, par catégorie" \
		"Exercice 2024-2025" "Logement" "Toutes les catégories" \
		"Méthode : parts avec intervalle de confiance de Wilson à 95 %."; do
		grep -qF -- "$text" "$T/page.txt" ||
			fail "PDF text lacks '$text': $(head -c 300 "$T/page.txt")"
	done
else
	fail "no PDF: $(tail -3 "$T/chrome.log")"
fi

# 3. Computed styles, read by a probe script in a copy of the page.
sed 's|</body>|<script>\
const q = s => getComputedStyle(document.querySelector(s));\
const p = document.createElement("pre");\
p.textContent = ["", "num-align=" + q("td.num").textAlign,\
  "num-figures=" + q("td.num").fontVariantNumeric,\
  "key-align=" + q("tbody th").textAlign,\
  "head-position=" + q("thead th").position,\
  "zebra=" + (q("tbody tr:nth-child(2)").backgroundColor !=\
              q("tbody tr:nth-child(1)").backgroundColor),\
  "charset=" + document.characterSet,\
  "lang=" + document.documentElement.lang,\
  "title=" + document.title, ""].join("\\n");\
document.body.appendChild(p);\
</script>\n</body>|' "$T/page.html" >"$T/probe.html"
chrome --dump-dom "file://$T/probe.html" >"$T/dom"
expect_line "$T/dom" "num-align=right" "numbers right-aligned"
expect_line "$T/dom" "num-figures=tabular-nums" "numbers in tabular figures"
expect_line "$T/dom" "key-align=left" "row keys left-aligned"
expect_line "$T/dom" "head-position=sticky" "header row stays in view"
expect_line "$T/dom" "zebra=true" "zebra rows"
expect_line "$T/dom" "charset=UTF-8" "charset"
expect_line "$T/dom" "lang=fr" "lang"
expect_line "$T/dom" "title=Besoins comblés, partiellement comblés et non comblés, par catégorie" "title"
finish
