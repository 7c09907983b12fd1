#!/usr/bin/env bash
# Banned functions (STYLE.md, after curl's checksrc): no C source under lib/
# or cmd/ may call sprintf, vsprintf, strcpy, strcat, strtok, gets, atoi,
# atol, or setlocale(LC_ALL, "").  Use snprintf/vsnprintf, memcpy with
# lengths, strtol/strtod with end-pointer checks, explicit number
# formatting.  Lines that start a comment (" *", "/*", "//") are skipped;
# that is rough, and enough.  Prints FILE:LINE: TEXT for each call found.
# Env: NS_SRC (the source tree; default: two levels up from this script).
set -u
export LC_ALL=C
src=${NS_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}

pattern='\b(sprintf|vsprintf|strcpy|strcat|strtok|gets|atoi|atol)[[:space:]]*\(|\bsetlocale[[:space:]]*\([[:space:]]*LC_ALL[[:space:]]*,[[:space:]]*""'

# scan DIR: print "FILE:LINE: TEXT" (FILE relative to DIR) of every call.
scan() {
	(cd "$1" && find lib cmd -type f \( -name '*.c' -o -name '*.h' \) \
		2>/dev/null | LC_ALL=C sort | while read -r f; do
		grep -nE "$pattern" "$f" | grep -vE '^[0-9]+:[[:space:]]*(\*|/\*|//)' |
			sed "s|^|$f:|"
	done)
}

fails=0

# The scanner must catch what it is meant to catch, and only that.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib" "$tmp/cmd/common"
cat > "$tmp/lib/bad.c" <<'EOF'
/* a comment naming sprintf(buf, ...) is fine */
 * so is a comment line: strcpy(a, b)
// and atoi(s) here
static void f(char *b, const char *s)
{
	snprintf(b, 8, "%s", s);            /* allowed */
	vsnprintf(b, 8, s, ap);             /* allowed */
	strncpy(b, s, 8); fgets(b, 8, fp);  /* not on the list */
	n = atoi_safe_prefix(s) + strtol(s, &end, 10);
	sprintf(b, "%d", 1);
	strcat (b, s);
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
}
EOF
cat > "$tmp/cmd/common/x.h" <<'EOF'
#define N(s) atol(s)
EOF
got=$(scan "$tmp")
want='cmd/common/x.h:1:#define N(s) atol(s)
lib/bad.c:10:	sprintf(b, "%d", 1);
lib/bad.c:11:	strcat (b, s);
lib/bad.c:12:	setlocale(LC_ALL, "");'
if [ "$got" != "$want" ]; then
	echo "FAIL: scanner self-test: got:" >&2
	printf '%s\n' "$got" >&2
	fails=$((fails + 1))
fi

[ -d "$src/lib" ] && [ -d "$src/cmd" ] || {
	echo "FAIL: no lib/ and cmd/ in '$src'" >&2
	exit 1
}
hits=$(scan "$src")
if [ -n "$hits" ]; then
	echo "FAIL: banned functions called (see STYLE.md):" >&2
	printf '%s\n' "$hits" >&2
	fails=$((fails + 1))
fi
[ $fails -eq 0 ] || exit 1
echo "banned_functions: $(cd "$src" && find lib cmd -name '*.[ch]' | wc -l) files clean"
