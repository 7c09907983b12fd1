# Outputs cannot destroy data (issue 17): report -o, ingest --rejects and
# synth -o write through a fresh temporary beside the target (lib/core/
# outfile.c), never over the database, its -wal/-shm/-journal, an input or
# the report file; never through a symlink; a FIFO stays a FIFO; a failing
# write leaves the old file whole.  Each check failed before outfile.
. "$(dirname "$0")/lib.sh"

R=$NS_BIN/needstat-report
SYNTH=$NS_BIN/needstat-synth
init_db t.db
"$INGEST" -q --db t.db "$FIX/gen_seed7_2000.csv" || fail "setup ingest"
sqlite3 t.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp t.db t.db.orig

# report -o onto the database (and a companion not there yet): refused
run "$R" --db t.db -o t.db trends
expect_rc 73 "-o the database"
expect_line err "needstat-report: refusing to write the output to 't.db': it is the database ('t.db'); choose another file" "-o the database: message"
cmp -s t.db t.db.orig || fail "-o the database: the database changed"
run "$R" --db t.db -o ./t.db-journal trends
expect_rc 73 "-o the database's -journal"
[ -e t.db-journal ] && fail "-o t.db-journal: created"
ln t.db alias.db
run "$R" --db t.db -o alias.db trends
expect_rc 73 "-o a hard link to the database"
cmp -s t.db t.db.orig || fail "-o alias: the database changed"

# report --file F -o F: the report file is an input
cp "$NS_SRC/reports/trends.sql" mine.sql
cp mine.sql mine.orig
run "$R" --db t.db --file mine.sql -o mine.sql
expect_rc 73 "-o the --file report"
cmp -s mine.sql mine.orig || fail "-o the --file report: it changed"

# a symlink planted at the old predictable FILE.tmp is not followed
echo precious >victim
ln -s victim out.md.tmp
run "$R" --db t.db --format md -o out.md trends
expect_rc 0 "-o with a planted out.md.tmp"
expect_eq "$(cat victim)" precious "planted FILE.tmp: victim untouched"
grep -q '^## ' out.md || fail "planted FILE.tmp: out.md not written"
[ -z "$(find . -name '.out.md.*')" ] || fail "-o: a temporary left behind"

# a symlink as -o is refused, neither followed nor replaced
ln -s victim link.md
run "$R" --db t.db --format md -o link.md trends
expect_rc 73 "-o a symlink"
expect_line err "needstat-report: cannot write 'link.md': it is a symbolic link (outputs never follow one: name the file it points to)" "-o a symlink: message"
[ -L link.md ] || fail "-o a symlink: the link was replaced"
expect_eq "$(cat victim)" precious "-o a symlink: victim untouched"

# a directory is refused; a missing folder is 73 naming the path
mkdir adir
run "$R" --db t.db -o adir trends
expect_rc 73 "-o a directory"
expect_line err "needstat-report: cannot write 'adir': it is a directory" "-o a directory: message"
run "$R" --db t.db -o nodir/x.txt trends
expect_rc 73 "-o in a missing folder"
expect_line err "needstat-report: cannot create 'nodir/x.txt': No such file or directory" "-o missing folder: message"

# a FIFO is written directly and stays a FIFO
mkfifo fifo
timeout 60 cat fifo >from_fifo &
reader=$!
run "$R" --db t.db --format csv -o fifo trends
expect_rc 0 "-o a FIFO"
[ $RC -eq 0 ] || : >fifo  # unblock the reader when nothing was written
wait "$reader"
[ -p fifo ] || fail "-o a FIFO: replaced by a regular file"
"$R" --db t.db --format csv trends >direct.csv
expect_file from_fifo direct.csv "-o a FIFO: content"

# ingest --rejects onto its input: refused before reading; input intact
cp "$FIX/bad.csv" bad.csv; cp bad.csv in.csv
cp in.csv in.orig
init_db r.db
run "$INGEST" -q --db r.db --rejects in.csv in.csv
expect_rc 73 "--rejects the input"
expect_line err "needstat-ingest: refusing to write the rejects file to 'in.csv': it is an input ('in.csv'); choose another file" "--rejects the input: message"
cmp -s in.csv in.orig || fail "--rejects the input: the input changed"
expect_eq "$(q r.db 'SELECT count(*) FROM batches')" 0 "--rejects the input: nothing loaded"
run "$INGEST" -q --db r.db --rejects ./r.db-wal in.csv
expect_rc 73 "--rejects the database's -wal"
run "$INGEST" -q --db r.db --rejects link.md in.csv
expect_rc 73 "--rejects a symlink"
expect_eq "$(cat victim)" precious "--rejects a symlink: victim untouched"

# rejects hold raw records: mode 0600, whatever the umask
umask 022
run "$INGEST" -q --db r.db --rejects rej.csv bad.csv
expect_rc 0 "--rejects rej.csv"
expect_eq "$(stat -c %a rej.csv)" 600 "rejects file mode"
expect_file rej.csv "$FIX/bad.rejects.csv" "rejects file content"

# synth: a write past `ulimit -f` exits 74 with a message, the old file
# whole and no temporary left (SIGXFSZ no longer kills it silently)
echo "last good" >big.csv
(ulimit -f 8; "$SYNTH" --needs 5000 -o big.csv >out 2>err; echo $? >rc)
expect_eq "$(cat rc)" 74 "synth past ulimit -f: exit"
grep -q "^needstat-synth: cannot write 'big.csv': File too large$" err ||
	fail "synth past ulimit -f: message: $(cat err)"
expect_eq "$(cat big.csv)" "last good" "synth past ulimit -f: old file kept"
[ -z "$(find . -name '.big.csv.*')" ] || fail "synth: a temporary left behind"
run "$SYNTH" --needs 5 -o same.csv --expect same.csv
expect_rc 64 "synth -o and --expect the same file"

finish
