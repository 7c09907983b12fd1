#!/usr/bin/env bash
# needstat's one entry point for set-up (see README.md):
#   ./build.sh demo   install what is missing, build, run the demo
#   ./build.sh test   install what is missing, build, run the whole test suite
#                     (a normal build, then an ASan+UBSan build)
#   ./build.sh deps   only install what is missing
# On Debian bookworm as root (or with sudo).  Nothing else is downloaded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages needstat builds and tests with.
PACKAGES=(cmake make gcc pkg-config libsqlite3-dev sqlite3 libcsv-dev
          libcunit1-dev libgsl-dev nettle-dev libutf8proc-dev libinih-dev
          groff-base python3 libglpk-dev
          chromium poppler-utils)  # chromium, pdftotext: the HTML page test

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DNEEDSTAT_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)" >/dev/null
}

demo() {
  local bin=build/bin db=demo/needstat.db
  mkdir -p demo
  rm -f "$db" "$db"-wal "$db"-shm
  "$bin/needstat-init" --db "$db"
  "$bin/needstat-synth" --needs 50000 --seed 211 --from 2024-04 --to 2025-03 \
    -o demo/contacts.csv
  "$bin/needstat-ingest" --db "$db" --source demo demo/contacts.csv
  echo
  "$bin/needstat-report" --db "$db" --fiscal-year 2024 needs_status
}

case "${1:-}" in
  deps) deps ;;
  demo) deps; build build; demo ;;
  test)
    deps
    build build
    (cd build && ctest --output-on-failure -j"$(nproc)")
    build build-asan -DNEEDSTAT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$(nproc)")
    ;;
  *) echo "usage: ./build.sh demo|test|deps" >&2; exit 64 ;;
esac
