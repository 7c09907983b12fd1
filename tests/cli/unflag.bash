# shellcheck shell=bash
# Sourced by CLI tests that read report CSV.

# CSV_PARSE: an awk function parse(line, f) splitting one RFC 4180 record
# (no embedded newline) into f[1..n], returning n; awk programs of the
# tests start with it: awk "$CSV_PARSE"'...'.
CSV_PARSE='
	function parse(line, f,   n, i, c, q, cur) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ }
					else q = 0
				} else cur = cur c
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
'

# unflag < report.csv: the CSV as the checks below read it: without the
# row_type column, and with each NAME_flag column folded into NAME (a
# suppressed value field is empty and its marker, <N or x, is in the flag
# column; the checks see the marker in place of the value, and so the
# not_recorded and no_data flags of a value the data cannot give).
unflag() {
	awk "$CSV_PARSE"'
	function field(s) {
		if (s ~ /[",]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
		return s
	}
	NR == 1 {
		n = parse($0, h)
		if (h[1] != "row_type") { print "unflag: no row_type column" > "/dev/stderr"; exit 1 }
		for (i = 2; i <= n; i++) if (h[i] !~ /_flag$/) {
			src[++m] = i
			flg[m] = h[i + 1] == h[i] "_flag" ? i + 1 : 0
		}
	}
	{
		parse($0, f)
		line = ""
		for (k = 1; k <= m; k++) {
			v = f[src[k]]
			if (NR > 1 && flg[k] && f[flg[k]] ~ /^(<|x$|not_recorded$|no_data$)/) {
				if (v != "") { print "unflag: a suppressed cell has a value" > "/dev/stderr"; exit 1 }
				v = f[flg[k]]
			}
			line = line (k > 1 ? "," : "") (NR == 1 ? v : field(v))
		}
		print line
	}'
}

# unflag_file FILE: the same, in place (checks written against the plain
# layout read FILE afterwards).
unflag_file() {
	unflag <"$1" >"$1.plain" && mv "$1.plain" "$1"
}
