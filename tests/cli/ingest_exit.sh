# needstat-ingest: exit statuses 0, 64, 65, 66, 73, 75 with their messages
# (stdout stays empty; stderr says what failed).
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
SYN="usage: $P [--db FILE] [--source NAME] [--profile NAME|FILE] [--rejects FILE] [--strict] [--max-rejects N] [--dry-run] [--progress] [-q] FILE... | -"
init_db t.db
cp "$FIX/good.csv" "$FIX/bad.csv" .

# --help and --version: stdout, exit 0
run "$INGEST" --help
expect_rc 0 "--help"
expect_eq "$(head -1 out)" "$SYN" "--help first line"
expect_line out "error, 75 database busy (try again later), 78 database not initialised." "--help lists exit codes"
expect_empty err "--help stderr"
run "$INGEST" -V
expect_rc 0 "-V"
expect_eq "$(cut -d' ' -f1 out)" "$P" "-V output"
expect_empty err "-V stderr"

# 64: usage errors
run "$INGEST" --db t.db
expect_rc 64 "no input file"
printf '%s\n' "$P: no input: name a FILE, or - for standard input" "$SYN" "try '$P --help'" >want.txt
expect_file err want.txt "no input: stderr"
expect_empty out "no input: stdout"
run "$INGEST" --db t.db --bogus good.csv
expect_rc 64 "unknown option"
expect_line err "try '$P --help'" "unknown option: hint"
run "$INGEST" --db t.db --max-rejects x good.csv
expect_rc 64 "--max-rejects x"
expect_line err "$P: option '--max-rejects': 'x' is not a whole number from 0 to 1000000000" "--max-rejects x: message"
run "$INGEST" --db t.db --max-rejects -1 good.csv
expect_rc 64 "--max-rejects -1"
run "$INGEST" --db t.db --source '' good.csv
expect_rc 64 "--source ''"
expect_line err "$P: --source needs a name" "--source '': message"
expect_eq "$(q t.db 'SELECT count(*) FROM batches')" 0 "usage errors load nothing"

# 66: missing input, missing database (not created)
run "$INGEST" --db t.db nofile.csv
expect_rc 66 "missing input file"
expect_line err "$P: cannot open 'nofile.csv': No such file or directory" "missing input: message"
expect_empty out "missing input: stdout"
run "$INGEST" --db nope.db good.csv
expect_rc 66 "missing database"
expect_line err "$P: database 'nope.db' does not exist: run 'needstat-init --db nope.db' first" "missing database: message"
[ -e nope.db ] && fail "missing database: nope.db was created"

# 65: a file that is not a database (init and ingest both refuse it)
echo "not a database" >notdb.db
run "$NS_BIN/needstat-init" --db notdb.db
expect_rc 65 "init on a non-database file"
expect_line err "needstat-init: 'notdb.db' exists and is not an SQLite database: give another --db path" "init non-database: message"
run "$INGEST" --db notdb.db good.csv
expect_rc 65 "ingest into a non-database file"
expect_eq "$(cat notdb.db)" "not a database" "the non-database file is left alone"

# 65: missing column, empty file, every row rejected, --strict
printf 'contact_id,started_at,need_code,referrals\nM1,2024-05-01,BD-1800,1\n' >nostatus.csv
run "$INGEST" --db t.db nostatus.csv
expect_rc 65 "missing column"
expect_line err "$P: nostatus.csv: missing required column 'need_status' (the header is line 1)" "missing column: message"
: >empty.csv
run "$INGEST" --db t.db empty.csv
expect_rc 65 "empty file"
expect_line err "$P: empty.csv: the file is empty: a header row is required" "empty file: message"
printf 'contact_id,started_at,need_code,need_status\nZ1,2024-05-32,BD-1800,met\n,2024-05-01,BD-1800,met\n' >allbad.csv
run "$INGEST" --db t.db allbad.csv
expect_rc 65 "every row rejected"
expect_line err "$P: every row was rejected: nothing was loaded (is this the right file or profile?)" "every row rejected: message"
run "$INGEST" --db t.db --strict --rejects strict.csv bad.csv
expect_rc 65 "--strict"
expect_line err "$P: 6 bad rows and --strict: nothing was loaded" "--strict: message"
run "$INGEST" --db t.db --max-rejects 5 --rejects mr.csv bad.csv
expect_rc 65 "--max-rejects 5"
expect_line err "$P: more than 5 bad rows (--max-rejects): stopped at bad.csv:19; nothing was loaded" "--max-rejects: message"
expect_eq "$(q t.db 'SELECT count(*) FROM batches')|$(q t.db 'SELECT count(*) FROM contacts')" "0|0" "failed runs load nothing"

# 73: the rejects file cannot be created
run "$INGEST" --db t.db --rejects nodir/r.csv bad.csv
expect_rc 73 "rejects file in a missing directory"
expect_line err "$P: cannot create rejects file 'nodir/r.csv': No such file or directory" "rejects file: message"
expect_eq "$(q t.db 'SELECT count(*) FROM batches')" 0 "rejects failure loads nothing"

# 0: a good file; stdout stays empty
run "$INGEST" --db t.db good.csv
expect_rc 0 "good file"
expect_empty out "good file: stdout"
expect_eq "$(q t.db 'SELECT count(*) FROM contacts')|$(q t.db 'SELECT count(*) FROM needs')" "6|8" "good file: contacts|needs"
run "$INGEST" --db t.db -q "$FIX/later.csv"
expect_rc 0 "-q"
expect_empty err "-q: stderr"

# 75: the database is locked by another process (a sqlite3 holding a write
# transaction open, fed through a FIFO so that we decide when it ends)
mkfifo ctl
sqlite3 -batch t.db <ctl >locked 2>&1 &
holder=$!
exec 3>ctl
printf 'BEGIN EXCLUSIVE;\nINSERT INTO sources(name) VALUES (%s);\nSELECT %s;\n' "'lock'" "'locked'" >&3
for _ in $(seq 100); do grep -q locked locked 2>/dev/null && break; sleep 0.05; done
expect_eq "$(cat locked)" locked "lock holder ready"
cp "$FIX/bad.csv" bad2.csv
NEEDSTAT_BUSY_MS=200 run "$INGEST" --db t.db bad2.csv
expect_rc 75 "database busy"
expect_line err "$P: database: database is locked by another process (waited 200 ms); try again later" "database busy: message"
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait "$holder"
expect_eq "$(q t.db "SELECT count(*) FROM sources WHERE name = 'lock'")" 0 "lock holder rolled back"
run "$INGEST" --db t.db bad2.csv
expect_rc 0 "after the lock is gone"

finish
