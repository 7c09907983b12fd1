# expect.bash: helpers sourced by the CLI tests of the subcommand tools
# (taxonomy.sh, regions.sh).  Needs $T (a scratch directory).  Not a test
# itself: CTest runs tests/cli/*.sh only.

fail() { echo "FAIL: $*" >&2; exit 1; }

# run CMD...: status in $rc, output in $T/out and $T/err.
run() { set +e; "$@" > "$T/out" 2> "$T/err"; rc=$?; set -e; }

# expect_ok CMD... <<< EXPECTED-STDOUT
expect_ok() {
  cat > "$T/want"
  run "$@"
  [ "$rc" = 0 ] || fail "$*: exit $rc: $(cat "$T/err")"
  diff -u "$T/want" "$T/out" || fail "$*: unexpected output"
}

# expect_err RC STDERR-LINE CMD...: that status, nothing on stdout.
expect_err() {
  local want_rc="$1" want_err="$2"; shift 2
  run "$@"
  [ "$rc" = "$want_rc" ] || fail "$*: exit $rc, wanted $want_rc: $(cat "$T/err")"
  [ ! -s "$T/out" ] || fail "$*: wrote to stdout: $(cat "$T/out")"
  grep -qxF -- "$want_err" "$T/err" || fail "$*: stderr is '$(cat "$T/err")'"
}

q() { sqlite3 "$NEEDSTAT_DB" "$1"; }
