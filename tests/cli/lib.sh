# tests/cli/lib.sh: helpers shared by the CLI tests (source it first).
#
# The environment comes from CTest: NS_BIN (the build's bin directory) and
# NS_SRC (the source directory).  Sourcing this file pins TZ and LC_ALL,
# makes a private temporary directory $T (removed on exit), changes into
# it, and defines:
#   run CMD...            run CMD; stdout in $T/out, stderr in $T/err,
#                         exit status in $RC
#   expect_rc N WHAT      fail unless $RC is N (shows stderr)
#   expect_eq GOT WANT WHAT
#   expect_file GOT WANT WHAT       byte comparison, with a diff
#   expect_line FILE LINE WHAT      FILE holds LINE as a whole line
#   expect_no_line FILE LINE WHAT
#   expect_empty FILE WHAT
#   run_ok CMD... <<<WANT run CMD: exit 0 and stdout exactly WANT (stdin)
#   run_fails N LINE CMD...
#                         run CMD: exit N, nothing on stdout, stderr holds
#                         LINE as a whole line
#   init_db DB            needstat-init --db DB
#   q DB SQL              one sqlite3 query, values joined by '|'
#   dbdump DB             every row of every table, to stdout
#   norm FILE             FILE with the run time of the summary ("0.01 s")
#                         replaced by "T s"
#   finish                exit 1 (after a count) if any check failed
# A failed check prints "FAIL: <script>: <what>: <details>" and the script
# goes on, so one run shows every failure.
#
# Run directly (bash tests/cli/lib.sh), it checks itself: the tools are
# there and the helpers do notice a difference.

set -u
: "${NS_BIN:?set NS_BIN to the build bin directory}"
: "${NS_SRC:?set NS_SRC to the source directory}"
export TZ=UTC LC_ALL=C
unset NEEDSTAT_DB
FIX=$NS_SRC/fixtures/ingest
INGEST=$NS_BIN/needstat-ingest
TEST_NAME=$(basename "$0" .sh)
FAILS=0
RC=0
T=$(mktemp -d "${TMPDIR:-/tmp}/needstat-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2

fail()
{
	printf 'FAIL: %s: %s\n' "$TEST_NAME" "$*" >&2
	FAILS=$((FAILS + 1))
}

run()
{
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
}

expect_rc()
{
	[ "$RC" -eq "$1" ] && return 0
	fail "$2: exit status $RC, expected $1; stderr:
$(sed 's/^/    /' "$T/err" | head -20)"
	return 1
}

expect_eq()
{
	[ "$1" = "$2" ] && return 0
	fail "$3: got '$1', expected '$2'"
	return 1
}

expect_file()
{
	cmp -s "$1" "$2" && return 0
	fail "$3: '$1' differs from '$2':
$(diff -u "$2" "$1" 2>&1 | head -40 | sed 's/^/    /')"
	return 1
}

expect_line()
{
	grep -qxF -- "$2" "$1" && return 0
	fail "$3: no line '$2' in $(basename "$1"):
$(head -20 "$1" | sed 's/^/    /')"
	return 1
}

expect_no_line()
{
	grep -qxF -- "$2" "$1" || return 0
	fail "$3: unexpected line '$2' in $(basename "$1")"
	return 1
}

expect_empty()
{
	[ ! -s "$1" ] && return 0
	fail "$2: $(basename "$1") is not empty:
$(head -10 "$1" | sed 's/^/    /')"
	return 1
}

run_ok()
{
	cat >"$T/want"
	run "$@"
	expect_rc 0 "$*" && expect_file "$T/out" "$T/want" "$*: stdout"
}

run_fails()
{
	local rc=$1 line=$2
	shift 2
	run "$@"
	expect_rc "$rc" "$*" || return 1
	expect_empty "$T/out" "$*: stdout"
	expect_line "$T/err" "$line" "$*: stderr"
}

init_db()
{
	"$NS_BIN/needstat-init" -q --db "$1" || fail "needstat-init --db $1"
}

q()
{
	sqlite3 -batch -noheader -separator '|' "$1" "$2"
}

dbdump()
{
	sqlite3 -batch "$1" .dump
}

norm()
{
	sed 's/; [0-9][0-9]*\.[0-9][0-9]* s$/; T s/' "$1"
}

finish()
{
	if [ "$FAILS" -gt 0 ]; then
		printf '%s: %d check(s) failed\n' "$TEST_NAME" "$FAILS" >&2
		exit 1
	fi
	printf '%s: ok\n' "$TEST_NAME"
	exit 0
}

# Self-check when run rather than sourced.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	for tool in needstat-init needstat-ingest; do
		[ -x "$NS_BIN/$tool" ] || fail "tool $NS_BIN/$tool is missing"
	done
	command -v sqlite3 >/dev/null || fail "the sqlite3 CLI is missing"
	n=$FAILS
	printf 'a\n' >"$T/a"; printf 'b\n' >"$T/b"
	expect_file "$T/a" "$T/b" "self-check" 2>/dev/null
	expect_eq x y "self-check" 2>/dev/null
	run false
	expect_rc 0 "self-check" 2>/dev/null
	expect_line "$T/a" "b" "self-check" 2>/dev/null
	run_ok echo a <<<"b" 2>/dev/null
	run_fails 1 "x" sh -c 'echo x >&2; exit 2' 2>/dev/null
	run_fails 1 "y" sh -c 'echo x >&2; exit 1' 2>/dev/null
	run_fails 1 "x" sh -c 'echo out; echo x >&2; exit 1' 2>/dev/null
	[ "$FAILS" -eq $((n + 8)) ] || { echo "lib.sh: a check did not fail" >&2; exit 1; }
	FAILS=$((FAILS - 8))
	run_ok echo a <<<"a"
	run_fails 1 "x" sh -c 'echo x >&2; exit 1'
	[ "$FAILS" -eq "$n" ] || { echo "lib.sh: a good run failed a check" >&2; exit 1; }
	printf 'x; 12.34 s\n' >"$T/c"
	expect_eq "$(norm "$T/c")" "x; T s" "norm"
	finish
fi

# unflag, unflag_file: the CSV layout with flag columns read as plain
. "$(dirname "${BASH_SOURCE[0]}")/unflag.bash"
