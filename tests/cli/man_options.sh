#!/usr/bin/env bash
# The tools whose options come from the option table (cmd/common/opttab.c)
# and their man pages list exactly the same options:
# - the options of `TOOL --help` (its Options section, generated from the
#   table) are exactly the options the man page's OPTIONS section
#   describes (the tags of its .TP paragraphs);
# - every option in the usage line (which man_synopsis.sh holds equal to
#   the man SYNOPSIS) is one of them;
# - the tool's parser knows each of them (none is an "unrecognized
#   option").
# The comparison is tried first on a man page with one option removed and
# one added, so it cannot pass by seeing nothing.
. "$(dirname "$0")/lib.sh"

# The tools built on the table; a new request tool adds its name here.
TABLE_TOOLS="needstat-report needstat-xlsx needstat-chart needstat-dashboard"

# help_options: the option names in the Options section of a --help text
# on stdin (the left column of "  --name ARG   text" lines), one a line,
# sorted.
help_options()
{
	awk '/^Options:$/ { f = 1; next } f && /^$/ { exit }
	     f && /^  -/ { l = substr($0, 3); sub(/  .*/, "", l); print l }' |
		grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ ,]*//' | sort -u
}

# usage_options: the option names in the usage line of a --help text.
usage_options()
{
	grep '^usage: ' | grep -oE '[[ |]--?[A-Za-z][A-Za-z-]*' |
		sed 's/^[[ |]//' | sort -u
}

# man_options PAGE: the option names in the tags of the OPTIONS section
# (the line after each .TP), roff escapes removed, one a line, sorted.
man_options()
{
	awk '/^\.SH/ { f = ($0 ~ /^\.SH +"?OPTIONS"?$/); next }
	     f && /^\.TP/ { tag = 1; next }
	     f && tag { print; tag = 0 }' "$1" |
		sed -E 's/\\f(\[[^]]*\]|\(..|.)//g; s/\\-/-/g; s/^\.[A-Z]+ //' |
		grep -oE '(^|[ ",])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ ",]*//' |
		sort -u
}

# compare TOOL HELPFILE PAGE: fail (returns 1) unless the sets match.
compare()
{
	local t=$1 helpf=$2 page=$3 h m u
	h=$(help_options < "$helpf")
	m=$(man_options "$page")
	u=$(usage_options < "$helpf")
	[ -n "$h" ] || { fail "$t: no options in the --help Options section"; return 1; }
	[ "$h" = "$m" ] || {
		fail "$t: --help and $(basename "$page") OPTIONS differ (< help only, > man only):
$(diff <(echo "$h") <(echo "$m") | grep '^[<>]')"
		return 1
	}
	extra=$(comm -23 <(echo "$u") <(echo "$h"))
	[ -z "$extra" ] || { fail "$t: usage names options not in --help: $extra"; return 1; }
	return 0
}

for t in $TABLE_TOOLS; do
	exe=$NS_BIN/$t
	page=$NS_SRC/man/$t.1
	[ -x "$exe" ] || { fail "$t: not built"; continue; }
	run "$exe" --help
	expect_rc 0 "$t --help" || continue
	cp "$T/out" "$T/help"

	# self-test: a page without --region and with a --bogus must differ
	awk '/^\.BI \\-\\-region/ { print ".BI \\-\\-bogus \" ID\""; next }
	     { print }' "$page" > "$T/bad.1"
	saved=$FAILS
	compare "$t" "$T/help" "$T/bad.1" 2>"$T/self" &&
		fail "$t: self-test: a man page without --region passed"
	grep -q -- '--bogus' "$T/self" && grep -q -- '--region' "$T/self" ||
		fail "$t: self-test: the difference does not name --region and --bogus: $(cat "$T/self")"
	FAILS=$saved

	compare "$t" "$T/help" "$page"

	# the parser takes every option of the help
	for o in $(help_options < "$T/help"); do
		run "$exe" "$o" x
		grep -qE 'unrecognized option|invalid option' "$T/err" &&
			fail "$t: the parser does not know $o: $(head -1 "$T/err")"
	done
	run "$exe" --no-such-option x
	grep -qE 'unrecognized option' "$T/err" ||
		fail "$t: an unknown option is not reported as unrecognized"
done
finish
