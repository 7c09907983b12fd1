#!/usr/bin/env bash
# docs/img/render.sh: the chart examples of the README, one PNG per chart
# type, drawn from the demo database (./build.sh demo makes it).
#   docs/img/render.sh [DB]     (default demo/needstat.db)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
db=${1:-demo/needstat.db}
C() { build/bin/needstat-chart --db "$db" --fiscal-year 2024 \
	--width 800 --height 500 "$@"; }
C -o docs/img/chart-line.png trends
C --lang fr -o docs/img/chart-line-fr.png trends
C -o docs/img/chart-stacked.png needs_status
C -o docs/img/chart-hbar.png territory
C --type grouped_bar --x month --y phone,text,chat \
	-o docs/img/chart-bar.png volume
C --type multiples --x month --y needs --series category \
	-o docs/img/chart-multiples.png trends
