#!/usr/bin/env bash
# install: `cmake --install` puts the tools in bin/, the data in
# share/needstat/ and the man pages in share/man/man1 and man5; an installed
# tool finds its data relative to its own executable, from any prefix.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: install: $*" >&2; exit 1; }

cmake --install "$NS_BIN/.." --prefix "$T/prefix" >/dev/null
for t in needstat needstat-init needstat-ingest needstat-synth; do
  [ -x "$T/prefix/bin/$t" ] || fail "bin/$t not installed"
done
for d in sql data reports profiles; do
  [ ! -d "$NS_SRC/$d" ] || [ -d "$T/prefix/share/needstat/$d" ] ||
    fail "share/needstat/$d not installed"
done
[ -f "$T/prefix/share/man/man1/needstat-ingest.1" ] || fail "man1 page missing"
[ -f "$T/prefix/share/man/man5/needstat-schema.5" ] || fail "man5 page missing"

# Move the whole prefix: the tools must still find their data.
mv "$T/prefix" "$T/moved"
unset NEEDSTAT_DATADIR
"$T/moved/bin/needstat" init --db "$T/x.db" -q || fail "installed init failed"
"$T/moved/bin/needstat-synth" --needs 50 -o "$T/c.csv"
"$T/moved/bin/needstat-ingest" -q --db "$T/x.db" "$T/c.csv" || fail "installed ingest failed"
n=$(sqlite3 "$T/x.db" "SELECT count(*) FROM needs")
[ "$n" = 50 ] || fail "expected 50 needs, got $n"
# Without its data next to it, a tool says how to point at it (exit 78).
rm -rf "$T/moved/share/needstat"
set +e
err=$("$T/moved/bin/needstat-init" --db "$T/y.db" 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 78 ] || fail "missing data dir: exit $rc, expected 78"
case "$err" in *NEEDSTAT_DATADIR*) ;; *) fail "message does not name NEEDSTAT_DATADIR: $err" ;; esac
echo "install: ok"
