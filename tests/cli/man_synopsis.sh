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
# - every man page formats without groff warnings.
# groff (Debian groff-base) formats the pages: without it the test fails.
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

# roff_synopsis PAGE: the SYNOPSIS section as one line of plain text, as
# groff formats it (lines so long that nothing wraps or hyphenates; no
# bold, underline or overstrike; blanks squeezed).
roff_synopsis() {
	groff -man -Tascii -rLL=4000n -P-c -P-b -P-u -P-o "$1" 2>/dev/null |
		awk '/^SYNOPSIS$/ { f = 1; next } /^[A-Z]/ { f = 0 } f' |
		tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
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
command -v groff >/dev/null 2>&1 ||
	fail "groff is not installed (Debian groff-base): man pages not checked"
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
	warn=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
	[ -z "$warn" ] || fail "$base: groff warnings: $warn"
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
