# needstat-synth | needstat-ingest -: a clean synthetic log loads with zero
# rejects and the counts the CSV itself shows; a --dirty log rejects exactly
# the (line, column) pairs that needstat-synth --expect lists.
. "$(dirname "$0")/lib.sh"

P=needstat-ingest
SYNTH=$NS_BIN/needstat-synth
if [ ! -x "$SYNTH" ]; then
	fail "$SYNTH is missing"
	finish
fi
init_db t.db

# Clean: through a pipe, zero rejects.
"$SYNTH" --needs 20000 --seed 5 -o clean.csv || fail "needstat-synth (clean)"
"$SYNTH" --needs 20000 --seed 5 | "$INGEST" --db t.db - 2>err.txt
rc=$?
expect_eq "$rc" 0 "synth | ingest -: exit status"
expect_no_line err.txt "$P: rejected rows written to 'rejects-batch-1.csv'" "synth | ingest -: no rejects"
[ -e rejects-batch-1.csv ] && fail "synth | ingest -: a rejects file was written"
# What the CSV says, counted without needstat (the clean file has no quotes).
grep -q '"' clean.csv && fail "clean synth output holds quotes: the counts below are not valid"
rows=$(($(wc -l <clean.csv) - 1))
contacts=$(cut -d, -f1 clean.csv | sed 1d | sort -u | wc -l)
hdr=$(head -1 clean.csv)
expect_eq "$(printf '%s\n' "$hdr" | cut -d, -f11)" need_status "clean header: column 11"
unmet=$(cut -d, -f11 clean.csv | grep -cx unmet)
partial=$(cut -d, -f11 clean.csv | grep -cx partial)
expect_eq "$rows" 20000 "synth --needs 20000 rows"
expect_eq "$(q t.db 'SELECT rows_read, rows_loaded, rows_rejected FROM batches')" "20000|20000|0" "clean: batch"
expect_eq "$(q t.db 'SELECT count(*) FROM contacts')" "$contacts" "clean: contacts"
expect_eq "$(q t.db 'SELECT count(*) FROM needs')" 20000 "clean: needs"
expect_eq "$(q t.db "SELECT count(*) FROM needs WHERE status = 'unmet'")" "$unmet" "clean: unmet"
expect_eq "$(q t.db "SELECT count(*) FROM needs WHERE status = 'partial'")" "$partial" "clean: partial"
expect_eq "$(q t.db 'SELECT sum(needs) FROM agg_needs')" 20000 "clean: aggregates"
expect_eq "$(norm err.txt | grep ' rows read')" "$P: 1 file, 20000 rows read = 20000 loaded + 0 merged + 0 duplicate + 0 dropped + 0 blank + 0 rejected; $contacts contacts ($contacts new, 0 replaced), 20000 needs; T s" "clean: summary"

# Dirty: the rejected (line, column) set equals the expected set exactly.
for seed in 3 211; do
	"$SYNTH" --needs 5000 --seed "$seed" --dirty --expect "expect$seed.txt" -o "dirty$seed.csv" ||
		fail "needstat-synth --dirty --seed $seed"
	init_db "d$seed.db"
	run "$INGEST" --db "d$seed.db" --rejects "rej$seed.csv" "dirty$seed.csv"
	expect_rc 0 "dirty seed $seed"
	grep -E "^dirty$seed\\.csv,[0-9]+," "rej$seed.csv" | cut -d, -f2,3 | sort >got.txt
	sort "expect$seed.txt" >want.txt
	[ -s want.txt ] || fail "dirty seed $seed: --expect listed no bad row"
	expect_file got.txt want.txt "dirty seed $seed: rejected (line,column) = --expect"
	n=$(wc -l <want.txt)
	# the rejects file lists rows rejected and rows kept with a bad need
	# field; every row read is in one bucket
	nrej=$(grep -E "^dirty$seed\\.csv,[0-9]+,.*,rejected\$" "rej$seed.csv" | wc -l)
	expect_eq "$(q "d$seed.db" 'SELECT rows_rejected, rows_loaded + rows_merged + rows_duplicate + rows_dropped + rows_blank + rows_rejected = rows_read FROM batches')" "$nrej|1" "dirty seed $seed: counts"
	[ "$nrej" -gt 0 ] && [ "$nrej" -lt "$n" ] || fail "dirty seed $seed: $nrej of $n listed rows rejected"
	# the first 10 bad rows on stderr are the first 10 expected ones
	while IFS=, read -r line col; do
		case $col in
		"(row)") pat="^$P: dirty$seed\\.csv:$line: " ;;
		*) pat="^$P: dirty$seed\\.csv:$line: column '$col': " ;;
		esac
		grep -q "$pat" "$T/err" ||
			fail "dirty seed $seed: no stderr line for $line,$col"
	done < <(sort -t, -k1,1n "expect$seed.txt" | head -10)
done

# Two months written apart, as a centre exports them, and another seed:
# loaded under one source they add up (their contact ids differ), and a
# month loaded again replaces only itself.
"$SYNTH" --needs 3000 --from 2024-01 --to 2024-01 -o jan.csv || fail "synth January"
"$SYNTH" --needs 2000 --from 2024-02 --to 2024-02 -o feb.csv || fail "synth February"
"$SYNTH" --needs 1000 --seed 9 --from 2024-02 --to 2024-02 -o feb9.csv || fail "synth February, seed 9"
cj=$(cut -d, -f1 jan.csv | sed 1d | sort -u | wc -l)
cf=$(cut -d, -f1 feb.csv | sed 1d | sort -u | wc -l)
c9=$(cut -d, -f1 feb9.csv | sed 1d | sort -u | wc -l)
init_db m.db
"$INGEST" -q --db m.db --source centre jan.csv 2>/dev/null || fail "load January"
"$INGEST" -q --db m.db --source centre feb.csv feb9.csv 2>/dev/null || fail "load February"
expect_eq "$(q m.db 'SELECT count(*), (SELECT count(*) FROM needs), (SELECT sum(contacts_replaced) FROM batches) FROM contacts')" \
	"$((cj + cf + c9))|6000|0" "months and seeds add up, nothing replaced"
expect_eq "$(q m.db 'SELECT group_concat(month || ":" || n, " ") FROM (SELECT month, count(*) n FROM contacts GROUP BY 1 ORDER BY 1)')" \
	"202401:$cj 202402:$((cf + c9))" "contacts by month"
"$SYNTH" --needs 2000 --from 2024-02 --to 2024-02 --dirty -o feb-again.csv || fail "synth February again"
"$INGEST" -q --db m.db --source centre feb-again.csv 2>/dev/null
expect_eq "$(q m.db 'SELECT count(*) FROM contacts WHERE month = 202401')" "$cj" "February again: January untouched"
expect_eq "$(q m.db 'SELECT contacts_new FROM batches ORDER BY id DESC LIMIT 1')" 0 "February again: replaces its own contacts"
finish
