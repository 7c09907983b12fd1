#!/usr/bin/env bash
# Man pages and the command-line conventions every tool shares (STYLE.md):
# - every needstat and needstat-* executable in $NS_BIN has man/TOOL.1;
# - each man/*.1 has the standard sections, a NAME line "TOOL \- ...",
#   and, when its tool is built, a SYNOPSIS (lines joined, roff removed)
#   equal to the `usage:` of `TOOL --help` (its indented continuation
#   lines joined);
# - every tool: -h and --help exit 0 with the usage on stdout; -V and
#   --version exit 0 printing "TOOL VERSION"; an unknown option exits 64,
#   prints nothing on stdout and "try 'TOOL --help'" on stderr;
# - every man page formats without groff warnings (when groff is present).
# Env: NS_BIN (the built tools), NS_SRC (the source tree).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
: "${NS_SRC:?set NS_SRC to the source tree}"
export LC_ALL=C TZ=UTC

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEEDSTAT_DB="$work/never-created.db"

# roff_synopsis PAGE: the SYNOPSIS section as one line of plain text.
# Requests that only format (.br, .nf, .PP, ...) give no text; font macros
# (.B, .I, .SM) join their arguments with spaces; alternating macros (.BR,
# .RI, ...) join them without; .OP gives "[opt arg]"; .SY starts a line;
# escapes are removed (\f.., \-, \&, \e, \(xx, \[xx], \c joins lines).
roff_synopsis() {
	awk '
	function args(s, a,   n, i, c, w, q) {
		n = 0; i = 1
		while (i <= length(s)) {
			c = substr(s, i, 1)
			if (c == " " || c == "\t") { i++; continue }
			w = ""
			if (c == "\"") {
				i++
				while (i <= length(s)) {
					c = substr(s, i, 1)
					if (c == "\"") {
						if (substr(s, i + 1, 1) == "\"") { w = w "\""; i += 2; continue }
						i++; break
					}
					w = w c; i++
				}
			} else {
				while (i <= length(s) && (c = substr(s, i, 1)) != " " && c != "\t") { w = w c; i++ }
			}
			a[++n] = w
		}
		return n
	}
	function special(name) {
		if (name == "aq") return "\047"
		if (name == "dq" || name == "lq" || name == "rq") return "\""
		if (name == "hy" || name == "mi" || name == "en") return "-"
		if (name == "em") return "--"
		if (name == "rs") return "\\"
		if (name == "ti") return "~"
		if (name == "ha") return "^"
		if (name == "bu") return "*"
		return ""
	}
	function unescape(s,   out, i, c, d, j) {
		out = ""; i = 1
		while (i <= length(s)) {
			c = substr(s, i, 1)
			if (c != "\\") { out = out c; i++; continue }
			d = substr(s, i + 1, 1); i += 2
			if (d == "f") {            # font: \fB \f(BI \f[BI]
				c = substr(s, i, 1)
				if (c == "(") i += 3
				else if (c == "[") { j = index(substr(s, i), "]"); i += (j ? j : 1) }
				else i++
			} else if (d == "(") {     # \(xx
				out = out special(substr(s, i, 2)); i += 2
			} else if (d == "[") {     # \[name]
				j = index(substr(s, i), "]")
				out = out special(substr(s, i, j - 1)); i += (j ? j : 1)
			} else if (d == "-") out = out "-"
			else if (d == "e" || d == "\\") out = out "\\"
			else if (d == " " || d == "~" || d == "0") out = out " "
			else if (d == "\"") break  # comment to end of line
			# \& \| \^ \% \: \/ \, and \c (handled by the caller): nothing
		}
		return out
	}
	function emit(t,   joined) {
		joined = (t ~ /\\c$/); sub(/\\c$/, "", t)
		t = unescape(t)
		text = text (nospace || text == "" ? "" : " ") t
		nospace = joined
	}
	/^\.SH/ {
		insyn = ($0 ~ /^\.SH[ \t]+"?SYNOPSIS"?[ \t]*$/); next
	}
	!insyn { next }
	/^[.\047][ \t]*\\"/ { next }
	/^[.\047]/ {
		line = substr($0, 2); sub(/^[ \t]+/, "", line)
		m = line; sub(/[ \t].*/, "", m)
		rest = substr(line, length(m) + 1)
		n = args(rest, a)
		if (m == "B" || m == "I" || m == "R" || m == "SM" || m == "SB" || m == "SY") {
			t = ""
			for (k = 1; k <= n; k++) t = t (k > 1 ? " " : "") a[k]
			if (n) emit(t)
		} else if (m ~ /^(BR|BI|IB|IR|RB|RI)$/) {
			t = ""
			for (k = 1; k <= n; k++) t = t a[k]
			if (n) emit(t)
		} else if (m == "OP") {
			t = "["
			for (k = 1; k <= n; k++) t = t (k > 1 ? " " : "") a[k]
			emit(t "]")
		}
		next
	}
	{ emit($0) }
	END {
		gsub(/[ \t]+/, " ", text); sub(/^ /, "", text); sub(/ $/, "", text)
		print text
	}' "$1"
}

# help_usage: the usage of a --help text on stdin, continuation lines
# (indented, right after the usage line) joined.
help_usage() {
	awk '
	!found && /^usage: / { sub(/^usage: /, ""); u = $0; found = 1; next }
	found && /^[ \t]+[^ \t]/ { u = u " " $0; next }
	found { exit }
	END { gsub(/[ \t]+/, " ", u); sub(/^ /, "", u); sub(/ $/, "", u); print u }'
}

# The extractor itself must be able to tell right from wrong.
cat > "$work/self.1" <<'EOF'
.TH SELF 1
.SH NAME
self \- test
.SH SYNOPSIS
.\" a comment
.nh
.B needstat\-self
[\fB\-\-db\fR \fIFILE\fR]
.RB [ \-\-from
.IR YYYY\-MM ]
.OP \-o FILE
\fIFILE\fR...\& |\c
.B " \-"
.br
.I "two words"
.SH DESCRIPTION
not this
EOF
got=$(roff_synopsis "$work/self.1")
want="needstat-self [--db FILE] [--from YYYY-MM] [-o FILE] FILE... | - two words"
[ "$got" = "$want" ] || fail "roff_synopsis self-test: got '$got', want '$want'"
got=$(printf 'usage: t [-a]\n          [-b X]\n\nOptions:\n  -c  no\n' | help_usage)
[ "$got" = "t [-a] [-b X]" ] || fail "help_usage self-test: got '$got'"

tools=()
for exe in "$NS_BIN"/needstat "$NS_BIN"/needstat-*; do
	[ -f "$exe" ] && [ -x "$exe" ] && tools+=("$(basename "$exe")")
done
[ ${#tools[@]} -ge 3 ] || fail "expected needstat, needstat-init and needstat-ingest in '$NS_BIN'"

# Every tool: a man page, the standard options, the usage error.
for t in "${tools[@]}"; do
	exe="$NS_BIN/$t"
	[ -f "$NS_SRC/man/$t.1" ] || fail "$t: no man page man/$t.1"
	for opt in -h --help; do
		(cd "$work" && timeout 20 "$exe" "$opt" </dev/null >"$work/out" 2>"$work/err")
		rc=$?
		[ $rc -eq 0 ] || fail "$t $opt: exit $rc, want 0"
		grep -q '^usage: ' "$work/out" || fail "$t $opt: no 'usage: ' line on stdout"
		[ -s "$work/err" ] && fail "$t $opt: wrote to stderr: $(head -2 "$work/err")"
	done
	for opt in -V --version; do
		(cd "$work" && timeout 20 "$exe" "$opt" </dev/null >"$work/out" 2>"$work/err")
		rc=$?
		[ $rc -eq 0 ] || fail "$t $opt: exit $rc, want 0"
		grep -qE "^$t [0-9]+\.[0-9]+" "$work/out" ||
			fail "$t $opt: stdout '$(head -1 "$work/out")', want '$t VERSION'"
	done
	(cd "$work" && timeout 20 "$exe" --no-such-option </dev/null >"$work/out" 2>"$work/err")
	rc=$?
	[ $rc -eq 64 ] || fail "$t --no-such-option: exit $rc, want 64"
	[ -s "$work/out" ] && fail "$t --no-such-option: wrote to stdout"
	grep -qF "try '$t --help'" "$work/err" ||
		fail "$t --no-such-option: stderr lacks \"try '$t --help'\": $(head -3 "$work/err")"
done

# Every man page: sections, NAME line, SYNOPSIS = usage when built.
have_groff=0
command -v groff >/dev/null 2>&1 && have_groff=1
[ $have_groff -eq 1 ] || echo "note: groff not installed: man pages not formatted" >&2
pages=0
for page in "$NS_SRC"/man/*.[15]; do
	[ -f "$page" ] || continue
	pages=$((pages + 1))
	base=$(basename "$page")
	t=${base%.*}
	for sec in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
		grep -qE "^\.SH +\"?$sec\"?\$" "$page" || fail "$base: no $sec section"
	done
	if [ "${base##*.}" = 1 ]; then
		for sec in OPTIONS "EXIT STATUS"; do
			grep -qE "^\.SH +\"?$sec\"?\$" "$page" || fail "$base: no $sec section"
		done
	fi
	name_line=$(awk '/^\.SH +"?NAME"?$/ { f = 1; next } f && !/^[.\047]/ { print; exit }' "$page")
	case "$(printf '%s' "$name_line" | sed 's/\\-/-/g')" in
	"$t - "?*) ;;
	*) fail "$base: NAME line '$name_line', want '$t \\- WHAT IT DOES'" ;;
	esac
	if [ $have_groff -eq 1 ]; then
		warn=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
		[ -z "$warn" ] || fail "$base: groff warnings: $warn"
	fi
	[ "${base##*.}" = 1 ] || continue
	if [ ! -x "$NS_BIN/$t" ]; then
		echo "note: $t not built: SYNOPSIS of $base not checked" >&2
		continue
	fi
	syn=$(roff_synopsis "$page")
	use=$( (cd "$work" && timeout 20 "$NS_BIN/$t" --help </dev/null) | help_usage)
	[ -n "$syn" ] || fail "$base: empty SYNOPSIS"
	[ "$syn" = "$use" ] ||
		fail "$base: SYNOPSIS differs from '$t --help':
  man:  $syn
  help: $use"
done
[ $pages -ge 1 ] || fail "no man pages in '$NS_SRC/man'"

if [ $fails -ne 0 ]; then
	echo "man_synopsis: $fails failure(s)" >&2
	exit 1
fi
echo "man_synopsis: ${#tools[@]} tools, $pages man pages: ok"
