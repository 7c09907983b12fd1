# Opening the database: each cause its own message and exit code (issue
# 17): locked -> 75 "busy" (not 78 "not a needstat database"), read-only
# file or folder -> 73, full disk -> 74, newer schema -> 78 "newer"; a
# database left in DELETE mode (a killed load) gets WAL back; report files
# run on a read-only connection and cannot write (pragma_optimize,
# fts3_tokenizer, ATTACH, PRAGMA, DML, temp tables).
. "$(dirname "$0")/lib.sh"

R=$NS_BIN/needstat-report
init_db t.db
"$INGEST" -q --db t.db "$FIX/gen_seed7_2000.csv" || fail "setup ingest"

# a long load holds the database (rollback journal, exclusive lock)
export NEEDSTAT_BUSY_MS=300
mkfifo ctl
sqlite3 t.db <ctl >/dev/null 2>&1 &
holder=$!
exec 3>ctl
echo "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE; SELECT 1;" >&3
i=0
while sqlite3 -cmd '.timeout 0' t.db 'SELECT 1' >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
busy="database 't.db' is busy: another process (a load?) holds a lock on it; waited 300 ms (NEEDSTAT_BUSY_MS); try again later"
run "$R" --db t.db volume
expect_rc 75 "report on a locked database"
expect_line err "needstat-report: $busy" "report on a locked database: message"
run "$INGEST" -q --db t.db "$FIX/good.csv"
expect_rc 75 "ingest on a locked database"
expect_line err "needstat-ingest: $busy" "ingest on a locked database: message"
exec 3>&-
wait "$holder"
unset NEEDSTAT_BUSY_MS

# the holder left the database in DELETE mode: a read-write open restores WAL
expect_eq "$(q t.db 'PRAGMA journal_mode')" delete "setup: left in DELETE mode"
"$NS_BIN/needstat-init" -q --db t.db || fail "init on an existing database"
expect_eq "$(q t.db 'PRAGMA journal_mode')" wal "WAL restored at open"

# report files cannot write: each hostile file is refused, nothing changes
dbdump t.db >before.sql
hdr='-- id: h\n-- title: h\n-- column: a text | A | A\n'
n=0
for sql in "SELECT * FROM pragma_optimize(0x10002)" \
	   "SELECT fts3_tokenizer('simple') AS a" \
	   "SELECT load_extension('x') AS a" \
	   "ATTACH 'evil.db' AS e" \
	   "PRAGMA journal_mode=DELETE" \
	   "SELECT name AS a FROM pragma_table_info('batches')" \
	   "DELETE FROM batches RETURNING 'x' AS a" \
	   "INSERT INTO batches(id) VALUES (99) RETURNING 'x' AS a" \
	   "CREATE TEMP TABLE x AS SELECT 1 AS a" \
	   "WITH d AS (DELETE FROM needs RETURNING 1) SELECT 1 AS a"; do
	n=$((n + 1))
	printf -- "$hdr%s;\n" "$sql" >hostile$n.sql
	run "$R" --db t.db --file hostile$n.sql
	[ "$RC" -ne 0 ] || fail "hostile report '$sql': exit 0"
	grep -q "not authorized\|syntax error\|readonly" err ||
		fail "hostile report '$sql': $(cat err)"
done
dbdump t.db >after.sql
expect_file after.sql before.sql "hostile reports: database unchanged"
expect_eq "$(q t.db "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")" 0 "pragma_optimize: no sqlite_stat1"
[ -e evil.db ] && fail "ATTACH created evil.db"
# an honest report still runs on the read-only connection
printf -- "$hdr%s;\n" "SELECT count(*) AS a FROM batches" >honest.sql
run "$R" --db t.db --file honest.sql
expect_rc 0 "honest --file report"

# full disk (RLIMIT_FSIZE): SQLite cannot make t.db-shm: 74, not 78
cp t.db full.db
(ulimit -f 4; "$INGEST" -q --db full.db "$FIX/good.csv" >out 2>err; echo $? >rc)
expect_eq "$(cat rc)" 74 "ingest, disk full at open: exit"
expect_line err "needstat-ingest: cannot read database 'full.db': disk I/O error (is the disk full?)" "ingest, disk full: message"

# a database from a newer needstat is refused
cp t.db new.db
q new.db "INSERT INTO schema_version VALUES (999, '999_future.sql', 'x')"
run "$R" --db new.db volume
expect_rc 78 "newer schema"
grep -q "^needstat-report: database 'new.db' was made by a newer needstat (schema 999, this one knows [0-9]*): use that version$" err ||
	fail "newer schema: message: $(cat err)"
# ... by needstat-init too: no migration over a newer schema, exit 78
run "$NS_BIN/needstat-init" --db new.db
expect_rc 78 "needstat-init, newer schema"
grep -q "^needstat-init: database '.*new.db' was made by a newer needstat (schema 999, this one knows [0-9]*): use that version$" err ||
	fail "needstat-init, newer schema: message: $(cat err)"

# read-only file and read-only folder, as a user who is not the owner (the
# data directory copied where that user can read it: a checkout under a
# private home, as on a fresh machine's /root, is not)
as_other()
{
	if [ "$(id -u)" -eq 0 ]; then
		NEEDSTAT_DATADIR=$T/data setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$@"
	else
		"$@"
	fi
}
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
	mkdir -p ro rw
	cp -r "$NS_BIN/../share/needstat" data
	chmod -R a+rX data
	cp t.db ro/t.db
	cp t.db rw/t.db
	chmod 755 "$T" ro
	chmod 777 rw
	chmod 444 ro/t.db rw/t.db
	run as_other "$INGEST" -q --db rw/t.db "$FIX/good.csv"
	expect_rc 73 "ingest, read-only file"
	expect_line err "needstat-ingest: database 'rw/t.db' is read-only (the file is not writable here) and this tool writes to it: check its permissions" "ingest, read-only file: message"
	run as_other "$R" --db rw/t.db volume
	expect_rc 0 "report, read-only file, writable folder"
	run as_other "$R" --db ro/t.db volume
	expect_rc 73 "report, read-only folder"
	grep -q "^needstat-report: cannot read database 'ro/t.db': .* (a database in WAL mode needs 'ro/t.db-shm' beside it: is the folder writable?)$" err ||
		fail "report, read-only folder: message: $(cat err)"
	chmod 755 rw
else
	echo "db_errors: skipping the read-only checks (root without setpriv)"
fi

finish
