#!/usr/bin/env bash
# report_terms: a licensed centre's term names (needstat-taxonomy terms
# load) name the unmapped codes of the data-quality report, in English and
# in French; without a term file the code stands alone.
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: report_terms: $*" >&2; exit 1; }
export NEEDSTAT_DB="$T/t.db"
"$NS_BIN/needstat-init" -q
printf 'contact_id,started_at,need_code,need_status\nA1,2024-05-01,BD-1800,met\nA2,2024-05-02,BA-1000,met\n' > "$T/c.csv"
"$NS_BIN/needstat-ingest" -q "$T/c.csv"
line() { "$NS_BIN/needstat-report" "$@" data_quality | grep -E '^(Unmapped code|Code non class)'; }
case "$(line)" in *"need_code "*" BA-1000  "*) ;; *) fail "before terms: $(line)" ;; esac
printf 'code,name_en,name_fr\nBA-1000,Families,Familles\n' > "$T/terms.csv"
"$NS_BIN/needstat-taxonomy" terms load "$T/terms.csv" > /dev/null
case "$(line)" in *"BA-1000 Families "*) ;; *) fail "en: $(line)" ;; esac
case "$(line --lang fr)" in *"BA-1000 Familles "*) ;; *) fail "fr: $(line --lang fr)" ;; esac
echo "report_terms: ok"
