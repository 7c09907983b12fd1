#!/usr/bin/env bash
# A full disk (a file size limit, ulimit -f) while needstat-xlsx,
# needstat-chart and needstat-dashboard write: exit 74 with a message
# naming the file the user gave (for the dashboard: the file in the site),
# no temporary left beside it, the previous output untouched, the
# database unchanged.  (Ingest and report: faults.sh.  The limits stay
# above 32 KiB so the database's -shm file can be read.)
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"

"$NS_BIN/needstat-init" --db t.db >/dev/null || fail "init"
"$NS_BIN/needstat-synth" --needs 20000 --seed 211 -o c.csv 2>/dev/null || fail "synth"
"$INGEST" -q --db t.db --source a c.csv || fail "ingest"
dbdump t.db >before.dump

# full WRITE-COMMAND...: run under a file size limit of $LIMIT KiB
full() { ( ulimit -f "$LIMIT"; exec "$@" ) >"$T/out" 2>"$T/err"; RC=$?; }

# Workbook: the whole one is over 100 KiB; allow 50.
# (no --data: the Data sheet's cells would make the suppression audit of a
# fiscal year slow; the write path is the same)
run "$NS_BIN/needstat-xlsx" --db t.db --fiscal-year 2024 -o w.xlsx
expect_rc 0 "xlsx: whole workbook"
[ "$(stat -c %s w.xlsx)" -gt 61440 ] || fail "xlsx: workbook too small to test"
cp w.xlsx old.xlsx
LIMIT=50 full "$NS_BIN/needstat-xlsx" --db t.db --fiscal-year 2024 --lang fr -o w.xlsx
expect_rc 74 "xlsx on a full disk"
expect_eq "$(cat err)" "needstat-xlsx: cannot write 'w.xlsx': File too large" \
	"xlsx on a full disk: our one message (no libxlsxwriter [ERROR] line)"
cmp -s w.xlsx old.xlsx || fail "xlsx on a full disk: the previous workbook changed"
ls -a | grep -q '^\.w\.xlsx\.' && fail "xlsx on a full disk: a temporary file left"

# Chart: the PNG is about 50 KiB; allow 40.
run "$NS_BIN/needstat-chart" --db t.db --fiscal-year 2024 -o c.png needs_status
expect_rc 0 "chart: whole chart"
[ "$(stat -c %s c.png)" -gt 43008 ] || fail "chart: PNG too small to test"
cp c.png old.png
LIMIT=40 full "$NS_BIN/needstat-chart" --db t.db --fiscal-year 2024 --lang fr -o c.png needs_status
expect_rc 74 "chart on a full disk"
grep -q "^needstat-chart: .*c\.png.*File too large" err || fail "chart on a full disk: message: $(cat err)"
cmp -s c.png old.png || fail "chart on a full disk: the previous chart changed"
ls -a | grep -q '^\.c\.png\.' && fail "chart on a full disk: a temporary file left"

# Dashboard: its SVG charts are over 100 KiB; allow 100.
sums() { (cd site && find . -type f | sort | xargs sha256sum); }
run "$NS_BIN/needstat-dashboard" --db t.db --month 2024-10 --out site
expect_rc 0 "dashboard: whole site"
big=$(find site -type f -size +100k | head -1)
[ -n "$big" ] || fail "dashboard: no file over 100 KiB to test with"
before=$(sums)
LIMIT=100 full "$NS_BIN/needstat-dashboard" --db t.db --month 2024-10 --lang fr,en --out site
expect_rc 74 "dashboard on a full disk"
expect_empty "$T/out" "dashboard on a full disk: stdout"
grep -q "^needstat-dashboard: site/.*File too large" err ||
	fail "dashboard on a full disk: message: $(cat err)"
expect_eq "$(sums)" "$before" "dashboard on a full disk: the previous site changed"
ls -a | grep -q '^\.site\.' && fail "dashboard on a full disk: a temporary folder left"
[ -e site.lock ] && fail "dashboard on a full disk: the lock file left"

dbdump t.db >after.dump
expect_file after.dump before.dump "database unchanged by the outputs"
finish
