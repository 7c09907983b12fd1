#!/usr/bin/env bash
# readme: the README's tour is real.  Every ```sh block runs (exit 0) in a
# scratch directory, in order, with the built tools on the PATH; every line
# of the output blocks after them must appear in what they printed (timings
# aside; lines with "..." are elisions).
set -euo pipefail
: "${NS_BIN:?}" "${NS_SRC:?}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: readme: $*" >&2; exit 1; }

# Split the README into numbered sh and output blocks.
awk -v dir="$T" '
  /^```sh$/ { n++; f = dir "/cmd" n; kind = "sh"; next }
  /^```[a-z]+$/ && !kind { f = "/dev/null"; kind = "other"; next }
  /^```$/ && !kind { n++; f = dir "/out" n; kind = "out"; next }
  /^```$/ && kind { kind = ""; next }
  kind { print > f }
' "$NS_SRC/README.md"
ls "$T"/cmd* >/dev/null 2>&1 || fail "no sh blocks in README.md"

mkdir "$T/run"
ln -s "$NS_SRC/fixtures" "$T/run/fixtures"
cd "$T/run"
export PATH="$NS_BIN:$PATH"
unset NEEDSTAT_DB
for c in $(ls "$T"/cmd* | sort -V); do
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    bash -c "$line" >> "$T/got" 2>&1 || fail "'$line' exited $?"
  done < "$c"
done

norm() { sed -E 's/; [0-9]+\.[0-9]+ s$/; T s/'; }
norm < "$T/got" > "$T/got.norm"
checked=0
for o in "$T"/out*; do
  [ -e "$o" ] || continue
  while IFS= read -r line; do
    case "$line" in ""|*...*) continue ;; esac
    l=$(printf '%s\n' "$line" | norm)
    grep -qxF -- "$l" "$T/got.norm" || fail "README shows a line the tools do not print: $line"
    checked=$((checked + 1))
  done < "$o"
done
[ "$checked" -gt 20 ] || fail "only $checked output lines checked"
echo "readme: ok ($checked output lines)"
