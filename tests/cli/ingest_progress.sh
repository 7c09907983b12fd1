# ingest_progress: the progress line of needstat-ingest (issue 16): rows,
# rows/s, and the share read and time left when the input's size is
# known; on a terminal by default, never with -q unless --progress, never
# when stderr is not a terminal unless --progress; a last line with the
# run's figures, ended by a newline before the summary.
. "$(dirname "$0")/lib.sh"

init_db p.db
"$NS_BIN/needstat-synth" --needs 3000 --seed 5 --id-prefix P -o a.csv
rows=$(($(wc -l < a.csv) - 1))

# --progress with -q: the progress line alone, ended by a newline
run "$INGEST" --db p.db --source s --progress -q a.csv
expect_rc 0 "--progress -q"
got=$(tr '\r' '\n' < err | grep -v '^$' | sed 's/[0-9][0-9]* rows\/s/R rows\/s/')
expect_eq "$got" "needstat-ingest: $rows rows, R rows/s, 100%, ETA 0 s   " "--progress -q: the last line"
expect_eq "$(tail -c 1 err | od -An -c | tr -d ' ')" '\n' "the progress line is ended"
expect_eq "$(head -c 1 err | od -An -c | tr -d ' ')" '\r' "the progress line starts with a carriage return"

# standard input: size unknown, no share and no time left
run "$INGEST" --db p.db --source t --progress - < a.csv
expect_rc 0 "--progress from stdin"
got=$(tr '\r' '\n' < err | grep 'rows/s' | sed 's/[0-9][0-9]* rows\/s/R rows\/s/')
expect_eq "$got" "needstat-ingest: $rows rows, R rows/s   " "stdin: no ETA"
norm err | tr '\r' '\n' | grep -q '^needstat-ingest: 1 file, ' ||
	fail "stdin: the summary does not start a line: $(od -c err | head -5)"

# not a terminal, no --progress: no progress line
run "$INGEST" --db p.db --source u a.csv
expect_rc 0 "no terminal"
grep -q 'rows/s' err && fail "progress shown when stderr is not a terminal: $(cat err)"

# a terminal (script(1) gives the tool a pseudo-terminal)
if command -v script >/dev/null 2>&1; then
	script -qec "'$INGEST' --db p.db --source v a.csv" /dev/null > tty.txt 2>&1
	grep -q 'rows/s' tty.txt || fail "no progress on a terminal: $(cat tty.txt)"
	grep -q 'rows read = ' tty.txt || fail "no summary on a terminal: $(cat tty.txt)"
	script -qec "'$INGEST' --db p.db --source w -q a.csv" /dev/null > tty.txt 2>&1
	expect_eq "$(cat tty.txt)" "" "-q on a terminal: nothing at all"
	script -qec "'$INGEST' --db p.db --source x -q --progress a.csv" /dev/null > tty.txt 2>&1
	grep -q 'rows/s' tty.txt || fail "-q --progress on a terminal: no progress: $(cat tty.txt)"
else
	echo "ingest_progress: script(1) missing, terminal cases skipped" >&2
fi

finish
