#!/usr/bin/env bash
# ingest_bulk_replace: the writer's fast paths (32-contact and 64-need
# statements) with replacement.  A first file of 5,000 needs, then a second
# export reusing the same contact ids (another seed, 8,000 needs, one
# --id-prefix for both): every contact of the first is replaced, the rest
# are new, nothing is counted twice, and every aggregate equals the GROUP
# BY of the raw tables.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: ingest_bulk_replace: $*" >&2; exit 1; }
export NEEDSTAT_DB="$T/t.db"
q() { sqlite3 "$NEEDSTAT_DB" "$1"; }

"$NS_BIN/needstat-init" -q
"$NS_BIN/needstat-synth" --needs 5000 --seed 1 --id-prefix C -o "$T/a.csv"
"$NS_BIN/needstat-synth" --needs 8000 --seed 2 --id-prefix C -o "$T/b.csv"
ca=$(cut -d, -f1 "$T/a.csv" | sed 1d | sort -u | wc -l)
cb=$(cut -d, -f1 "$T/b.csv" | sed 1d | sort -u | wc -l)
[ "$cb" -gt "$ca" ] || fail "the second file must hold more contacts ($ca, $cb)"

"$NS_BIN/needstat-ingest" -q --source s "$T/a.csv"
[ "$(q 'SELECT count(*) FROM contacts')" = "$ca" ] || fail "first load: contacts"
"$NS_BIN/needstat-ingest" --source s "$T/b.csv" 2> "$T/err"
grep -q "; $cb contacts ($((cb - ca)) new, $ca replaced), 8000 needs;" "$T/err" ||
  fail "second load summary: $(head -1 "$T/err")"
[ "$(q 'SELECT count(*) FROM contacts')" = "$cb" ] || fail "contacts after replacement"
[ "$(q 'SELECT count(*) FROM needs')" = 8000 ] || fail "needs after replacement"
[ "$(q 'SELECT count(*) FROM (SELECT contact_id, seq FROM needs GROUP BY 1, 2 HAVING count(*) > 1)')" = 0 ] ||
  fail "a need number appears twice in a contact"
[ "$(q 'SELECT count(*) FROM contacts WHERE batch_id <> 2')" = 0 ] ||
  fail "a contact still belongs to the first batch"

diff=$(q "
SELECT (SELECT count(*) FROM (SELECT * FROM agg_needs EXCEPT
  SELECT month, category, region_id, status, coalesce(reason, ''), count(*),
         coalesce(sum(referrals), 0) FROM needs_v GROUP BY 1, 2, 3, 4, 5))
 + (SELECT count(*) FROM (SELECT month, category, region_id, status,
         coalesce(reason, ''), count(*), coalesce(sum(referrals), 0)
         FROM needs_v GROUP BY 1, 2, 3, 4, 5 EXCEPT SELECT * FROM agg_needs))
 + (SELECT count(*) FROM (SELECT * FROM agg_referrals EXCEPT
  SELECT c.month, n.category, c.region_id, r.agency, count(*)
  FROM referrals r JOIN needs n ON n.contact_id = r.contact_id AND n.seq = r.seq
  JOIN contacts c ON c.id = n.contact_id GROUP BY 1, 2, 3, 4))
 + (SELECT count(*) FROM (SELECT c.month, c.region_id, coalesce(c.channel, ''),
         coalesce(c.language, ''), coalesce(c.age_group, ''),
         coalesce(c.gender, ''), count(*), sum((SELECT count(*) FROM needs n
         WHERE n.contact_id = c.id)) FROM contacts c GROUP BY 1, 2, 3, 4, 5, 6
         EXCEPT SELECT * FROM agg_contacts))
 + (SELECT abs(sum(contacts) - $cb) + abs(sum(needs) - 8000) FROM agg_contacts)")
[ "$diff" = 0 ] || fail "aggregates differ from the raw tables ($diff)"
[ "$(q 'SELECT count(*) FROM referrals')" = "$(q 'SELECT sum(referrals) FROM agg_referrals')" ] ||
  fail "agg_referrals total"
echo "ingest_bulk_replace: ok ($ca replaced, $((cb - ca)) new)"
