#!/bin/sh
# seeds.sh SRC OUT: the seed corpora of the fuzz targets, from the
# repository's own files: OUT/csv (fixture CSV files up to 64 KiB, and the
# first 40 lines of the larger ones), OUT/value (values of the date, postal
# code, taxonomy code and coded columns of the fixtures, each behind the
# byte that picks its parser in fuzz_value), OUT/profile (bundled and
# fixture profiles), OUT/report (the bundled report files).
set -eu
src=$1 out=$2
rm -rf "$out"
mkdir -p "$out/csv" "$out/value" "$out/profile" "$out/report"
n=0
for f in $(find "$src/fixtures" -name '*.csv' | sort); do
	n=$((n + 1))
	if [ "$(wc -c <"$f")" -le 65536 ]; then
		cp "$f" "$out/csv/$n.csv"
	else
		head -n 40 "$f" >"$out/csv/$n.csv"
	fi
done
for f in "$src"/profiles/*.ini $(find "$src/fixtures" -name '*.ini' | sort); do
	cp "$f" "$out/profile/$(basename "$(dirname "$f")")_$(basename "$f")"
done
cp "$src"/reports/*.sql "$out/report/"
python3 - "$src/fixtures" "$out/value" <<'PY'
import csv, os, sys
root, out = sys.argv[1], sys.argv[2]
pick = {"started_at": 0, "ended_at": 0, "postal_code": 1, "need_code": 2,
        "channel": 3, "language": 3, "age_group": 3, "gender": 3,
        "need_status": 3, "unmet_reason": 3, "referrals": 3}
seen = set()
for d, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(d, name), newline="", encoding="utf-8",
                  errors="replace") as f:
            for i, row in enumerate(csv.DictReader(f)):
                if i > 300:
                    break
                for col, sel in pick.items():
                    v = (row.get(col) or "").encode()
                    if v and (sel, v) not in seen and len(seen) < 600:
                        seen.add((sel, v))
for i, (sel, v) in enumerate(sorted(seen)):
    with open(os.path.join(out, "%d" % i), "wb") as f:
        f.write(bytes([sel]) + v)
PY
touch "$out/stamp"
