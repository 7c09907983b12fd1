#!/usr/bin/env bash
# aggregates: agg_needs (with its yearly roll-up agg_needs_year),
# agg_referrals and agg_contacts equal the GROUP BY of the raw
# tables (sqlite3 EXCEPT both ways is empty) after each step: an ingest, a
# second ingest that replaces contacts, a new map with reclassification, a
# regions and crosswalk load (contacts re-derived), and an ingest that
# replaces re-derived contacts.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
F="$NS_SRC/fixtures/classify"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
DB="$T/needstat.db"
export NEEDSTAT_DB="$DB"
fail() { echo "FAIL: $*" >&2; exit 1; }

# The raw GROUP BYs, written independently of lib/reclassify.c.
cat > "$T/check.sql" <<'SQL'
CREATE TEMP VIEW gn AS
  SELECT c.month, n.category, c.region_id, n.status,
         coalesce(n.reason, '') AS reason, count(*) AS needs,
         sum(coalesce(n.referrals, 0)) AS referrals
  FROM needs n JOIN contacts c ON c.id = n.contact_id
  GROUP BY 1, 2, 3, 4, 5;
CREATE TEMP VIEW gc AS
  SELECT c.month, c.region_id, coalesce(c.channel, '') AS channel,
         coalesce(c.language, '') AS language,
         coalesce(c.age_group, '') AS age_group,
         coalesce(c.gender, '') AS gender, count(*) AS contacts,
         coalesce(sum(x.n), 0) AS needs
  FROM contacts c
  LEFT JOIN (SELECT contact_id, count(*) AS n FROM needs GROUP BY 1) x
    ON x.contact_id = c.id
  GROUP BY 1, 2, 3, 4, 5, 6;
CREATE TEMP VIEW gy AS
  SELECT c.month / 100, n.category, c.region_id, n.status, count(*),
         sum(coalesce(n.referrals, 0))
  FROM needs n JOIN contacts c ON c.id = n.contact_id
  GROUP BY 1, 2, 3, 4;
CREATE TEMP VIEW gr AS
  SELECT c.month, n.category, c.region_id, r.agency, count(*)
  FROM referrals r JOIN needs n ON n.contact_id = r.contact_id AND n.seq = r.seq
  JOIN contacts c ON c.id = n.contact_id GROUP BY 1, 2, 3, 4;
SELECT ((SELECT count(*) FROM (SELECT * FROM agg_needs EXCEPT SELECT * FROM gn))
  + (SELECT count(*) FROM (SELECT * FROM agg_referrals EXCEPT SELECT * FROM gr))
  + (SELECT count(*) FROM (SELECT * FROM gr EXCEPT SELECT * FROM agg_referrals))
  + (SELECT count(*) FROM (SELECT * FROM agg_needs_year EXCEPT SELECT * FROM gy))
  + (SELECT count(*) FROM (SELECT * FROM gy EXCEPT SELECT * FROM agg_needs_year)))
  || ' ' || (SELECT count(*) FROM (SELECT * FROM gn EXCEPT SELECT * FROM agg_needs))
  || ' ' || (SELECT count(*) FROM (SELECT * FROM agg_contacts EXCEPT SELECT * FROM gc))
  || ' ' || (SELECT count(*) FROM (SELECT * FROM gc EXCEPT SELECT * FROM agg_contacts))
  || ' ' || (SELECT count(*) FROM contacts) || ' ' || (SELECT count(*) FROM needs)
  || ' ' || (SELECT sum(needs) FROM agg_needs) || ' ' || (SELECT sum(contacts) FROM agg_contacts);
SQL

# check STEP CONTACTS NEEDS: no difference either way, and the totals.
check() {
  local got
  got="$(sqlite3 "$DB" < "$T/check.sql")"
  [ "$got" = "0 0 0 0 $2 $3 $3 $2" ] ||
    fail "$1: expected '0 0 0 0 $2 $3 $3 $2' (differences, contacts, needs), got '$got'"
}
q() { sqlite3 "$DB" "$1"; }

"$NS_BIN/needstat-init" -q
"$NS_BIN/needstat-ingest" -q --source s "$F/contacts1.csv" 2> /dev/null
check "ingest" 10 12

# C1 moves to February on another channel, C3 changes FSA and needs.
"$NS_BIN/needstat-ingest" -q --source s "$F/contacts2.csv"
check "replace" 12 15
[ "$(q "SELECT month || ' ' || channel FROM contacts WHERE source_contact_id = 'C1'")" = "202402 text" ] ||
  fail "replace: C1 not replaced"

"$NS_BIN/needstat-taxonomy" map load "$F/map2.csv" --categories "$F/categories2.csv" > /dev/null
check "map load (no reclassification yet)" 12 15
out="$("$NS_BIN/needstat-taxonomy" reclassify)"
# 7: YF-3000 goes from target_only (bundled map) to other (map2's Y)
[ "$out" = "map version 2 applied to 13 needs: 7 changed category" ] ||
  fail "reclassify said '$out'"
check "reclassify" 12 15
[ "$(q "SELECT count(*) FROM agg_needs WHERE category = 'shelter'")" -gt 0 ] ||
  fail "reclassify: no shelter needs in agg_needs"
[ "$(q "SELECT count(*) FROM needs WHERE code_id IS NOT NULL AND map_version <> 2")" = 0 ] ||
  fail "reclassify: a need with a code kept an old map version"
[ "$(q "SELECT count(*) FROM needs WHERE code_id IS NULL AND map_version = 0")" = 2 ] ||
  fail "reclassify: needs with a given category must keep map version 0"

"$NS_BIN/needstat-regions" load regions "$F/regions.csv" > /dev/null
check "regions load" 12 15
out="$("$NS_BIN/needstat-regions" load crosswalk "$F/crosswalk.csv")"
case "$out" in *"; 4 of 12 contacts changed region or province") ;;
  *) fail "crosswalk load said '$out'" ;; esac
check "crosswalk load" 12 15
# C1 moves to ON-ottawa; C8 (K2P) keeps the region its row gave (QC)
[ "$(q "SELECT sum(needs) FROM agg_needs WHERE region_id = 'ON-ottawa'")" = 1 ] ||
  fail "crosswalk: ON-ottawa needs"
[ "$(q "SELECT region_id FROM contacts WHERE source_contact_id = 'C8'")" = QC ] ||
  fail "crosswalk: C8 lost the region its row gave"

# Replace contacts whose region was re-derived: the ingest takes back what
# the rebuilt aggregates hold.
"$NS_BIN/needstat-ingest" -q --source s "$F/contacts3.csv"
check "replace after crosswalk" 13 16
echo "ok: aggregates equal the GROUP BY of the raw tables after every step"
