#!/usr/bin/env bash
# needstat's one entry point for set-up (see README.md):
#   ./build.sh demo   install what is missing, build, run the demo
#   ./build.sh test   install what is missing, build, run the whole test suite
#                     (a normal build, cppcheck, an ASan+UBSan build, a
#                     ThreadSanitizer build of the threaded ingest's tests,
#                     then the libFuzzer targets for ~60 s in build-fuzz)
#   ./build.sh deps   only install what is missing
# On Debian bookworm as root (or with sudo).  Nothing else is downloaded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages needstat builds and tests with.
PACKAGES=(cmake make gcc pkg-config libsqlite3-dev sqlite3 libcsv-dev
          libcunit1-dev libgsl-dev nettle-dev libutf8proc-dev libinih-dev
          groff-base python3 libglpk-dev libxlsxwriter-dev
          unzip python3-openpyxl libreoffice-calc-nogui  # the xlsx read-back tests
          chromium poppler-utils  # chromium, pdftotext: the HTML page test
          clang-format cppcheck
          clang libclang-rt-14-dev   # clang: the fuzz build (tests/fuzz)
          # charts: cairo, pango, a font; xmllint checks the SVG charts
          libcairo2-dev libpango1.0-dev fonts-dejavu-core libxml2-utils)

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

# cppcheck on lib/ and cmd/: any finding fails the run; the few false
# positives are listed with their reasons in tests/cppcheck.supp.
static_check() {
  echo "cppcheck: lib cmd" >&2
  cppcheck -q -j"$(nproc)" --std=c11 --enable=warning,portability,performance \
    --inline-suppr --suppressions-list=tests/cppcheck.supp -I lib \
    --error-exitcode=1 lib cmd
}

# ThreadSanitizer, only where there are threads (the ingest pipeline): the
# unit ingest suite and the ingest CLI tests, to keep CI short.
tsan_ingest() {
  build build-tsan -DNEEDSTAT_TSAN=ON -DCMAKE_BUILD_TYPE=Debug
  (cd build-tsan && export TSAN_OPTIONS="halt_on_error=1 exitcode=66" &&
    ./bin/unit_tests ingest >/dev/null &&
    ctest --output-on-failure -j"$(nproc)" -R '^cli_ingest_')
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
    static_check
    build build-asan -DNEEDSTAT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$(nproc)")
    tsan_ingest
    CC=clang cmake -S tests/fuzz -B build-fuzz >/dev/null
    cmake --build build-fuzz -j"$(nproc)" >/dev/null
    (cd build-fuzz && ctest --output-on-failure -j"$(nproc)")
    ;;
  *) echo "usage: ./build.sh demo|test|deps" >&2; exit 64 ;;
esac
