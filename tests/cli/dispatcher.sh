#!/usr/bin/env bash
# needstat, the git-style dispatcher: `needstat CMD ARGS` runs needstat-CMD
# beside it (else from PATH) with ARGS and its exit status; --help lists
# exactly the commands installed beside it; `help CMD` shows CMD's --help;
# an unknown command or option exits 64.
# Env: NS_BIN (the built tools), NS_SRC (the source tree).
set -u
: "${NS_BIN:?set NS_BIN to the directory of the built tools}"
export LC_ALL=C TZ=UTC

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ns=$NS_BIN/needstat
unset NEEDSTAT_DB

# run ARGS...: run in $work, stdout to $work/out, stderr to $work/err,
# exit status to $rc.
run() {
	(cd "$work" && timeout 30 "$@" </dev/null >"$work/out" 2>"$work/err")
	rc=$?
}

# --help: usage, and the commands built beside it.
run "$ns" --help
[ $rc -eq 0 ] || fail "needstat --help: exit $rc"
grep -q '^usage: needstat COMMAND' "$work/out" || fail "needstat --help: no usage line"
for c in init ingest; do
	grep -qE "^  $c +[a-z]" "$work/out" || fail "needstat --help does not list '$c'"
done
run "$ns" help
[ $rc -eq 0 ] || fail "needstat help: exit $rc"
grep -qE '^  init +' "$work/out" || fail "needstat help does not list 'init'"

# --version.
run "$ns" --version
[ $rc -eq 0 ] && grep -qE '^needstat [0-9]+\.[0-9]+' "$work/out" ||
	fail "needstat --version: exit $rc, '$(cat "$work/out")'"

# A command with its arguments: the database is made.
run "$ns" init --db "$work/x.db"
[ $rc -eq 0 ] || fail "needstat init --db: exit $rc: $(cat "$work/err")"
[ -s "$work/x.db" ] || fail "needstat init --db: no database"
grep -q 'database ready' "$work/out" || fail "needstat init: output '$(cat "$work/out")'"
if command -v sqlite3 >/dev/null 2>&1; then
	v=$(sqlite3 "$work/x.db" 'SELECT count(*) FROM schema_version')
	[ "$v" -ge 1 ] 2>/dev/null || fail "needstat init: schema_version has '$v' rows"
fi

# The tool's exit status and messages come through unchanged.
run "$ns" ingest --db "$work/x.db"
[ $rc -eq 64 ] || fail "needstat ingest (no FILE): exit $rc, want 64"
grep -q "try 'needstat-ingest --help'" "$work/err" ||
	fail "needstat ingest (no FILE): stderr '$(cat "$work/err")'"
run "$ns" ingest --db "$work/x.db" "$work/no-such.csv"
[ $rc -eq 66 ] || fail "needstat ingest missing file: exit $rc, want 66"

# help CMD is CMD --help.
run "$ns" help init
[ $rc -eq 0 ] || fail "needstat help init: exit $rc"
grep -q '^usage: needstat-init ' "$work/out" || fail "needstat help init: not init's help"

# Unknown commands and options.
run "$ns" frobnicate --db x
[ $rc -eq 64 ] || fail "needstat frobnicate: exit $rc, want 64"
grep -qxF "needstat: 'frobnicate' is not a needstat command; see 'needstat --help'" \
	"$work/err" || fail "needstat frobnicate: stderr '$(cat "$work/err")'"
[ -s "$work/out" ] && fail "needstat frobnicate: wrote to stdout"
run "$ns" help frobnicate
[ $rc -eq 64 ] || fail "needstat help frobnicate: exit $rc, want 64"
run "$ns" ../needstat-init
[ $rc -eq 64 ] || fail "needstat ../needstat-init: exit $rc, want 64"
run "$ns"
[ $rc -eq 64 ] || fail "needstat (no command): exit $rc, want 64"
grep -q "try 'needstat --help'" "$work/err" || fail "needstat (no command): stderr '$(cat "$work/err")'"
run "$ns" --no-such-option
[ $rc -eq 64 ] || fail "needstat --no-such-option: exit $rc, want 64"
grep -q "try 'needstat --help'" "$work/err" || fail "needstat --no-such-option: stderr '$(cat "$work/err")'"

# A copy of needstat in a directory of its own: --help lists only the
# tools beside it, tools beside it win over PATH, PATH is the fallback.
mkdir -p "$work/inst" "$work/path"
cp "$ns" "$work/inst/needstat"
cat > "$work/inst/needstat-ingest" <<'EOF'
#!/bin/sh
printf 'beside:'; printf ' [%s]' "$@"; echo
EOF
cat > "$work/path/needstat-ingest" <<'EOF'
#!/bin/sh
echo "path ingest"
EOF
cat > "$work/path/needstat-hello" <<'EOF'
#!/bin/sh
printf 'hello from path:'; printf ' [%s]' "$@"; echo
exit 3
EOF
chmod +x "$work/inst/needstat-ingest" "$work/path/needstat-ingest" \
	"$work/path/needstat-hello"
PATH="$work/path:$PATH" run "$work/inst/needstat" --help
grep -qE '^  ingest ' "$work/out" || fail "copied needstat --help does not list its ingest"
grep -qE '^  (init|synth) ' "$work/out" && fail "copied needstat --help lists tools that are not beside it"
PATH="$work/path:$PATH" run "$work/inst/needstat" ingest -q 'a b'
[ "$(cat "$work/out")" = "beside: [-q] [a b]" ] ||
	fail "needstat ingest: not the tool beside it, or argv changed: '$(cat "$work/out")'"
PATH="$work/path:$PATH" run "$work/inst/needstat" hello x "y z"
[ $rc -eq 3 ] || fail "needstat hello (from PATH): exit $rc, want the tool's 3"
[ "$(cat "$work/out")" = "hello from path: [x] [y z]" ] ||
	fail "needstat hello (from PATH): '$(cat "$work/out")'"

if [ $fails -ne 0 ]; then
	echo "dispatcher: $fails failure(s)" >&2
	exit 1
fi
echo "dispatcher: ok"
