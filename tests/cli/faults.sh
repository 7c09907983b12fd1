#!/usr/bin/env bash
# faults: what cron may meet (issue 17), each check able to fail:
# - kill -9 during an ingest, early, mid-stream and late (the commit):
#   integrity_check ok, the database equals its dump from before the run
#   (or, killed after its commit, holds the whole load: never a part), and
#   a rerun loads everything;
# - a full disk (ulimit -f) for ingest and report: exit 74 with a message,
#   no half-written output, the database unchanged;
# - a missing database, a read-only one, one from a newer needstat;
# - two ingests of the same file at once: loaded once, never twice;
# - a report while an ingest runs sees the database as before the ingest.
# (A locked database -> 75 is in ingest_exit.sh.)
# Env: NS_BIN, NS_SRC (set by CTest).
. "$NS_SRC/tests/cli/lib.sh"
REPORT=$NS_BIN/needstat-report
P=needstat-ingest

"$NS_BIN/needstat-synth" --needs 60000 --seed 17 --from 2024-04 --to 2025-03 \
	-o big.csv 2>/dev/null || fail "synth"
init_db base.db
"$INGEST" -q --db base.db "$FIX/good.csv" || fail "base load"
dbdump base.db >before.dump

# The clean run: its time (ms) and what it loads.
cp base.db clean.db
t0=$(date +%s%N)
"$INGEST" -q --db clean.db big.csv || fail "clean ingest"
t1=$(date +%s%N)
MS=$(( (t1 - t0) / 1000000 ))
COUNTS="SELECT (SELECT count(*) FROM contacts) || '|' || (SELECT count(*) FROM needs) || '|' || (SELECT count(*) FROM batches)"
WANT=$(q clean.db "$COUNTS")
ms_sleep() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# kill9 NAME WAIT_MS: an ingest of big.csv into a copy of base.db, killed
# with SIGKILL WAIT_MS after it starts; then the checks.
kill9() {
	local name=$1 wait=$2 db=k_$1.db pid st
	cp base.db "$db"
	"$INGEST" -q --db "$db" big.csv 2>/dev/null &
	pid=$!
	ms_sleep "$wait"
	kill -9 "$pid" 2>/dev/null
	wait "$pid"
	st=$?
	expect_eq "$(q "$db" 'PRAGMA integrity_check')" ok "kill -9 $name: integrity"
	dbdump "$db" >after.dump
	if [ "$st" -eq 137 ] && ! cmp -s after.dump before.dump; then
		# killed after its commit (closing, switching back to WAL):
		# the load is whole, never part of it
		expect_eq "$(q "$db" "$COUNTS")" "$WANT" "kill -9 $name (after the commit): all loaded, or the database as before"
	elif [ "$st" -ne 137 ]; then    # it finished first: all or nothing
		expect_eq "$(q "$db" "$COUNTS")" "$WANT" "kill -9 $name (finished, exit $st): all loaded"
	fi
	run "$INGEST" -q --db "$db" big.csv
	expect_rc 0 "kill -9 $name: rerun"
	expect_eq "$(q "$db" "$COUNTS")" "$WANT" "kill -9 $name: rerun loads everything once"
	rm -f "$db"*
	KILLED=$((KILLED + (st == 137)))
}
KILLED=0
kill9 early 30
kill9 mid $((MS / 2))
for pc in 80 90 95 98; do
	kill9 "late$pc" $((MS * pc / 100))
done
# The commit itself: kill as soon as the database file grows (SQLite
# writes the file proper at commit, or when its cache spills).
cp base.db k_commit.db
size0=$(stat -c %s k_commit.db)
"$INGEST" -q --db k_commit.db big.csv 2>/dev/null &
pid=$!
while kill -0 "$pid" 2>/dev/null && [ "$(stat -c %s k_commit.db)" -eq "$size0" ]; do :; done
kill -9 "$pid" 2>/dev/null
wait "$pid"
st=$?
expect_eq "$(q k_commit.db 'PRAGMA integrity_check')" ok "kill -9 at the first write of the file: integrity"
if [ "$st" -eq 137 ]; then
	KILLED=$((KILLED + 1))
	dbdump k_commit.db >after.dump
	expect_file after.dump before.dump "kill -9 at the first write of the file: database as before"
fi
[ "$KILLED" -ge 3 ] || fail "only $KILLED of 7 kills hit a running ingest (clean run: $MS ms)"

# Full disk: the process may not write more than 200 KiB (ulimit -f).
cp base.db full.db
"$INGEST" -q --db full.db "$FIX/later.csv" || fail "full: base"
dbdump full.db >full.dump
( ulimit -f 200; exec "$INGEST" --db full.db big.csv ) >out 2>err
RC=$?
expect_rc 74 "ingest on a full disk"
grep -q "^$P: .*(File too large)$" err || fail "ingest on a full disk: message: $(cat err)"
expect_eq "$(q full.db 'PRAGMA integrity_check')" ok "ingest on a full disk: integrity"
dbdump full.db >after.dump
expect_file after.dump full.dump "ingest on a full disk: database unchanged"
# a report bigger than the limit
"$INGEST" -q --db full.db big.csv || fail "full: load big"
dbdump full.db >full.dump
"$REPORT" --db full.db --fiscal-year 2024 --format html --no-suppress funders_unmet >whole.html \
	|| fail "full: whole report"
size=$(stat -c %s whole.html)
lim=$(( size / 2048 ))               # half of it, in KiB
[ "$lim" -ge 36 ] || fail "full: the report is too small ($size bytes) to test"
( ulimit -f "$lim"; exec "$REPORT" --db full.db --fiscal-year 2024 --format html \
	--no-suppress -o rep.html funders_unmet ) >out 2>err
RC=$?
expect_rc 74 "report on a full disk"
expect_line err "needstat-report: cannot write HTML table 'funders_unmet': File too large" "report on a full disk: message"
[ -e rep.html ] && fail "report on a full disk: a half-written rep.html"
ls rep.html?* 2>/dev/null && fail "report on a full disk: a temporary file left"
dbdump full.db >after.dump
expect_file after.dump full.dump "report on a full disk: database unchanged"

# Missing, read-only and newer databases
run "$INGEST" --db nothere.db "$FIX/good.csv"
expect_rc 66 "missing database"
expect_line err "$P: database 'nothere.db' does not exist: run 'needstat-init --db nothere.db' first" "missing database: message"
[ -e nothere.db ] && fail "missing database: created by ingest"
run "$REPORT" --db nothere.db --fiscal-year 2024 volume
expect_rc 66 "missing database: report"
[ -e nothere.db ] && fail "missing database: created by report"
cp base.db ro.db
chmod 0444 ro.db
if [ "$(id -u)" -ne 0 ]; then          # root writes whatever the mode
	run "$INGEST" --db ro.db "$FIX/later.csv"
	[ "$RC" -ne 0 ] || fail "read-only database: ingest succeeded"
	expect_eq "$(dbdump ro.db | cmp -s - before.dump && echo same)" same "read-only database unchanged"
fi
run "$REPORT" --db ro.db --fiscal-year 2024 volume
expect_rc 0 "read-only database: a report reads it"
cp base.db new.db
q new.db "INSERT INTO schema_version SELECT max(version) + 1, 'from the future', '2099-01-01' FROM schema_version" \
	|| fail "newer: insert"
dbdump new.db >new.dump
for tool in "$INGEST" "$REPORT"; do
	name=$(basename "$tool")
	if [ "$name" = needstat-ingest ]; then
		run "$tool" --db new.db "$FIX/later.csv"
	else
		run "$tool" --db new.db --fiscal-year 2024 volume
	fi
	expect_rc 78 "$name: newer schema"
	grep -q "^$name: .*made by a newer needstat (schema [0-9]*, this one knows [0-9]*)" err \
		|| fail "$name: newer schema: message: $(cat err)"
done
dbdump new.db >after.dump
expect_file after.dump new.dump "newer schema: database unchanged"

# Two ingests of the same file at once: one loads it, the other waits and
# finds it loaded (or exits 75); never both.
cp base.db two.db
"$INGEST" -q --db two.db big.csv 2>two1.err &
p1=$!
"$INGEST" -q --db two.db big.csv 2>two2.err &
p2=$!
wait "$p1"; s1=$?
wait "$p2"; s2=$?
for s in "$s1" "$s2"; do
	[ "$s" -eq 0 ] || [ "$s" -eq 75 ] || fail "two ingests: exit $s: $(cat two1.err two2.err)"
done
expect_eq "$(q two.db "$COUNTS")" "$WANT" "two ingests: loaded once"
expect_eq "$(q two.db 'PRAGMA integrity_check')" ok "two ingests: integrity"

# A report during an ingest sees the database as before it.
cp base.db rd.db
"$REPORT" --db rd.db --fiscal-year 2024 --format csv volume >rd_before.csv || fail "report before"
"$INGEST" -q --db rd.db big.csv 2>/dev/null &
pid=$!
# wait until it writes (its journal is there), then read
while kill -0 "$pid" 2>/dev/null && [ ! -e rd.db-journal ] && [ ! -s rd.db-wal ]; do :; done
if kill -0 "$pid" 2>/dev/null; then
	NEEDSTAT_BUSY_MS=60000 run "$REPORT" --db rd.db --fiscal-year 2024 --format csv volume
	expect_rc 0 "report during an ingest"
	expect_file out rd_before.csv "report during an ingest: the state before"
else
	fail "report during an ingest: the ingest ended before it wrote"
fi
wait "$pid" || fail "ingest beside a report"
expect_eq "$(q rd.db "$COUNTS")" "$WANT" "ingest beside a report: loaded"

finish
