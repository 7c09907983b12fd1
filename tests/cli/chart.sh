#!/usr/bin/env bash
# needstat-chart end to end on the report fixture database:
# - every bundled report with a default chart draws it in en and fr as
#   PNG, SVG and PDF: the PNG has the size asked for (and twice that with
#   --scale 2) and is not blank, the SVG parses (xmllint), the PDF's text
#   (pdftotext) holds the title;
# - every chart type (line, bar, grouped_bar, stacked_bar, hbar,
#   multiples) draws from some report with --type/--x/--y/--series;
# - --dump prints the model, with French month names in French;
# - funders_unmet's default chart holds exactly the table's unmet cells;
# - --rolling 12 adds each line's 12-month rolling mean, empty where the
#   12 months are not all there;
# - a column that does not exist or a type that does not fit the data is
#   a usage error (64) naming the columns; no output file is left.
# Env: NS_BIN, NS_SRC (set by CTest).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
: "${NS_SRC:?set NS_SRC to the source tree}"
export LC_ALL=C TZ=UTC
unset NEEDSTAT_LANG NEEDSTAT_FISCAL_START

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/r.db"
C() { "$NS_BIN/needstat-chart" --db "$db" --fiscal-year 2024 "$@"; }

"$NS_BIN/needstat-init" --db "$db" >/dev/null 2>&1 || fail "needstat-init"
(cd "$NS_SRC/fixtures/report" &&
	"$NS_BIN/needstat-ingest" --db "$db" -q contacts.csv 2>/dev/null) ||
	fail "ingest of the fixtures"

# png_check FILE W H: a PNG of W x H pixels with more than one colour.
png_check() {
	python3 - "$@" <<'PY' || fail "png $1: $(cat "$work/pyerr")"
import sys, zlib, struct
f, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = open(f, 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pw, ph = struct.unpack('>II', d[16:24])
assert (pw, ph) == (w, h), 'size %dx%d, not %dx%d' % (pw, ph, w, h)
i, idat = 8, b''
while i < len(d):
    n, = struct.unpack('>I', d[i:i+4]); t = d[i+4:i+8]
    if t == b'IDAT': idat += d[i+8:i+8+n]
    i += 12 + n
raw = zlib.decompress(idat)
# unfiltered bytes differ from white somewhere in most rows of a drawing
colours = len(set(raw)) 
assert colours > 8, 'blank (%d byte values)' % colours
PY
}

title_of() { \
	"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 --lang "$2" \
	--format json "$1" | python3 -c \
	'import json,sys; print(json.load(sys.stdin)["title"])'; }

# (report runs are the slow part: a few reports cover the drawing code)
for id in volume needs_status territory; do
	for lang in en fr; do
		base="$work/$id.$lang"
		C --lang "$lang" -o "$base.png" --width 640 --height 400 "$id" \
			2>"$work/err" || fail "$id $lang png: $(cat "$work/err")"
		png_check "$base.png" 640 400 2>"$work/pyerr"
		C --lang "$lang" -o "$base.svg" "$id" 2>"$work/err" ||
			fail "$id $lang svg: $(cat "$work/err")"
		xmllint --noout "$base.svg" 2>"$work/err" ||
			fail "$id $lang: svg does not parse: $(head -3 "$work/err")"
		C --lang "$lang" -o "$base.pdf" "$id" 2>"$work/err" ||
			fail "$id $lang pdf: $(cat "$work/err")"
		title=$(title_of "$id" "$lang")
		pdftotext -nopgbrk "$base.pdf" - | tr '\n' ' ' | tr -s ' ' |
			grep -qF "${title:0:30}" ||
			fail "$id $lang: pdf text lacks the title '$title'"
	done
done

# HiDPI: twice the pixels
C -o "$work/hidpi.png" --scale 2 --width 400 --height 300 territory ||
	fail "--scale 2"
png_check "$work/hidpi.png" 800 600 2>"$work/pyerr"

# every type, in each format
while read -r id args; do
	for f in png svg pdf; do
		# shellcheck disable=SC2086
		C $args -o "$work/type.$f" "$id" 2>"$work/err" ||
			fail "$id $args $f: $(cat "$work/err")"
	done
	# shellcheck disable=SC2086
	C $args --dump "$id" >"$work/dump" 2>"$work/err" ||
		fail "$id $args --dump: $(cat "$work/err")"
	t=$(echo "$args" | sed -n 's/.*--type \([a-z_]*\).*/\1/p')
	head -1 "$work/dump" | grep -q "^chart $t lang en" ||
		fail "$id $args: dump says $(head -1 "$work/dump")"
	xmllint --noout "$work/type.svg" || fail "$id $args: svg"
done <<'LIST'
volume --type line
territory --type bar --x region --y needs
volume --type grouped_bar --x month --y phone,text,chat
needs_status --type stacked_bar
territory --type hbar --x region --y needs_rate
trends --type multiples --x month --y needs --series category
LIST

# --dump in French: months in French, grouped numbers
C --lang fr --dump volume >"$work/dump" || fail "--dump fr"
grep -q '^cat 0 "avr. 2024"' "$work/dump" || fail "--dump fr: months"
grep -q '^x "Mois" time' "$work/dump" || fail "--dump fr: x label"

# funders_unmet's default: one ranked bar per region and category, and
# exactly the unmet cells the table shows: its values, its gaps, nothing
# else (the fixtures' counts are so small that all are withheld at
# --min-cell 5 and even 2; --min-cell 1 shows them all)
for mc in 5 1; do
	C --min-cell "$mc" --dump funders_unmet >"$work/fu.dump" 2>"$work/err" ||
		fail "funders_unmet dump: $(cat "$work/err")"
	"$NS_BIN/needstat-report" --db "$db" --fiscal-year 2024 --min-cell "$mc" \
		--format csv funders_unmet >"$work/fu.csv" 2>"$work/err" ||
		fail "funders_unmet csv: $(cat "$work/err")"
	python3 - "$work/fu.dump" "$work/fu.csv" <<'PY' ||
import csv, sys
dump = open(sys.argv[1]).read().splitlines()
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["row_type"] == "data"]
assert dump[0] == "chart hbar lang en", dump[0]
cats = [l for l in dump if l.startswith("cat ")]
assert len(cats) == len(rows), (len(cats), len(rows))
assert " \u00b7 " in cats[0], cats[0]
pts = [l.split() for l in dump if l.startswith("  point ")]
vals = sorted(float(p[3]) for p in pts if p[2] == "value")
gaps = sorted(p[3].strip('"') for p in pts if p[2] == "gap")
want_vals = sorted(float(r["unmet"]) for r in rows if r["unmet"] != "")
want_gaps = sorted(r["unmet_flag"] for r in rows if r["unmet"] == "")
assert vals == want_vals, "values %s, table %s" % (vals[:5], want_vals[:5])
assert gaps == want_gaps, "gaps %d, table %d" % (len(gaps), len(want_gaps))
assert len(pts) == len(rows)
PY
	fail "funders_unmet --min-cell $mc: the chart is not the table's cells"
done
grep -q '^note "The table withholds all its' "$work/fu.dump" &&
	fail "funders_unmet --min-cell 1: nothing shown"

# --rolling 12: each line's 12-month rolling mean (the mean, not the
# sum), none before 12 months of the period; the March 2025 mean of All
# needs is the mean of the 12 monthly points of the fiscal year
C --rolling 12 --dump trends >"$work/dump" 2>"$work/err" ||
	fail "--rolling 12: $(cat "$work/err")"
grep -q '^subtitle "Fiscal year 2024-25, with 12-month rolling means (dashed)"$' \
	"$work/dump" || fail "--rolling: subtitle: $(grep subtitle "$work/dump")"
grep -q '^note "Dashed lines: 12-month rolling means, the mean (not the sum)' \
	"$work/dump" || fail "--rolling: no note"
want=$(awk '/^series 0 /{f=1; next} /^series/{f=0} f && / value /{s+=$4; n++}
	END { if (n == 12) printf "%.10g", s / 12 }' "$work/dump")
got=$(awk '/^series 3 "All needs \(12-month rolling mean\)" rolling 12 of 0$/{f=1; next}
	/^series/{f=0} f && /point 11 value/{print $4}' "$work/dump")
[ -n "$want" ] && [ "$(printf '%.6f' "$want")" = "$(printf '%.6f' "${got:-0}")" ] ||
	fail "--rolling: mean '$got', want '$want'"
[ "$(awk '/^series 3 /{f=1; next} /^series/{f=0} f' "$work/dump" |
	grep -c 'no_data')" -eq 11 ] || fail "--rolling: months 0-10 not empty"
C --lang fr --rolling 12 --dump trends | grep -q \
	'^series 3 "Tous les besoins (moyenne mobile sur 12 mois)"' ||
	fail "--rolling fr"
C --rolling 12 -o "$work/rolling.svg" trends && xmllint --noout \
	"$work/rolling.svg" || fail "--rolling: svg"
C --rolling 12 -o "$work/bad.png" territory 2>"$work/err"
[ $? -eq 64 ] && grep -q "line chart over a month column" "$work/err" ||
	fail "--rolling on regions: $(cat "$work/err")"
C --rolling 1 -o "$work/bad.png" trends 2>/dev/null
[ $? -eq 64 ] || fail "--rolling 1: exit not 64"

# bad specs: usage errors naming the columns, no file left
C --x nosuch -o "$work/bad.png" territory 2>"$work/err"
[ $? -eq 64 ] || fail "--x nosuch: exit not 64"
grep -q "no column 'nosuch'.*columns: region, contacts" "$work/err" ||
	fail "--x nosuch: $(cat "$work/err")"
C --type line -o "$work/bad.png" territory 2>"$work/err"
[ $? -eq 64 ] || fail "--type line on regions: exit not 64"
grep -q "month or date x column" "$work/err" ||
	fail "--type line: $(cat "$work/err")"
C -o "$work/bad.png" data_quality 2>"$work/err"
[ $? -eq 64 ] && grep -q "no default chart (see needstat-chart(1))" \
	"$work/err" || fail "data_quality: $(cat "$work/err")"
C --type pie -o "$work/bad.png" territory 2>/dev/null
[ $? -eq 64 ] || fail "--type pie: exit not 64"
C -o "$work/bad.gif" territory 2>/dev/null
[ $? -eq 64 ] || fail "-o x.gif: exit not 64"
[ -z "$(ls "$work" | grep -e bad -e needstat-chart-)" ] ||
	fail "files left: $(ls "$work")"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "chart: ok"
