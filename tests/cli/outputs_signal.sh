# An interrupted run leaves the old output and no temporary (issue 17):
# SIGTERM or SIGHUP while needstat-synth writes -o out.csv: the tool dies
# of the signal (exit 128 + N), out.csv keeps its old bytes, and the
# ".out.csv.XXXXXX" temporary beside it is gone (cmd/common/cli.c catches
# the signal, lib/core/outfile.c's outfile_remove_live unlinks).  Failed
# before: the temporary stayed.
. "$(dirname "$0")/lib.sh"

SYNTH=$NS_BIN/needstat-synth
for sig in TERM HUP; do
	echo old >out.csv
	"$SYNTH" --needs 50000000 --seed 1 -o out.csv 2>err &
	pid=$!
	for _ in $(seq 600); do
		ls -A | grep -q '^\.out\.csv\.' && break
		sleep 0.05
	done
	ls -A | grep -q '^\.out\.csv\.' || fail "SIG$sig: no temporary seen"
	kill -"$sig" "$pid"
	wait "$pid" && rc=0 || rc=$?
	case "$sig" in TERM) want=143 ;; HUP) want=129 ;; esac
	expect_eq "$rc" "$want" "SIG$sig: exit status"
	expect_eq "$(cat out.csv)" old "SIG$sig: the old output is kept"
	left=$(ls -A | grep '^\.out\.csv\.' || true)
	[ -z "$left" ] || fail "SIG$sig: temporary left behind: $left"
done
finish
