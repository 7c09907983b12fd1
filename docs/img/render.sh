#!/usr/bin/env bash
# docs/img/render.sh: the chart examples of the README, drawn from the demo
# database (./build.sh demo makes it):
# - one PNG per chart type (chart-*.png), with the rolling means;
# - every bundled report's default chart in English and French
#   (reports/ID.en.png, reports/ID.fr.png), to look at after a change to
#   the drawing or to a report (data_quality has none: needstat-chart(1)).
#   docs/img/render.sh [DB]     (default demo/needstat.db)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
db=${1:-demo/needstat.db}
C() { build/bin/needstat-chart --db "$db" --fiscal-year 2024 \
	--width 800 --height 500 "$@"; }
C -o docs/img/chart-line.png trends
C --lang fr -o docs/img/chart-line-fr.png trends
# the demo holds one year: 3-month means show the dashed lines (12-month
# ones need the 11 months before the period)
C --rolling 3 -o docs/img/chart-rolling.png volume
C -o docs/img/chart-stacked.png needs_status
C -o docs/img/chart-hbar.png territory
C --type grouped_bar --x month --y phone,text,chat \
	-o docs/img/chart-bar.png volume
C --type multiples --x month --y needs --series category \
	-o docs/img/chart-multiples.png trends
mkdir -p docs/img/reports
rm -f docs/img/reports/*.png
for f in reports/*.sql; do
	id=$(basename "$f" .sql)
	grep -q '^-- chart:' "$f" || continue
	for lang in en fr; do
		C --lang "$lang" -o "docs/img/reports/$id.$lang.png" "$id"
	done
done
