#!/usr/bin/env bash
# The folders of lib/ are layers (lib/layers.txt): a file in lib/LAYER/ may
# include its own folder's headers by bare name and another layer's headers
# as "OTHER/name.h" only where lib/layers.txt lets LAYER use OTHER.  Also:
# every lib/*/ folder is a declared layer with a README.md, and no C file
# sits in lib/ itself.  The checker is tried on a planted bad tree first, so
# it cannot pass by seeing nothing.
. "$(dirname "$0")/lib.sh"

# check ROOT: print one line per broken rule under ROOT/lib.
check()
{
	local root=$1
	awk -v root="$root" '
	FNR == 1 && FILENAME ~ /layers\.txt$/ { inlayers = 1 }
	inlayers && /^[a-z]+:/ {
		name = $1; sub(/:$/, "", name); known[name] = 1
		for (i = 2; i <= NF; i++) allow[name, $i] = 1
		next
	}
	FNR == 1 && FILENAME !~ /layers\.txt$/ { inlayers = 0 }
	!inlayers && /^[ \t]*#[ \t]*include[ \t]*"/ {
		f = FILENAME; rel = substr(f, length(root) + 2)
		n = split(rel, part, "/")
		layer = part[2]
		h = $0; sub(/^[^"]*"/, "", h); sub(/".*/, "", h)
		if (!(layer in known)) {
			print rel ": folder lib/" layer "/ is not in lib/layers.txt"
		} else if (h ~ /\//) {
			split(h, hp, "/")
			if (hp[1] != layer && !((layer, hp[1]) in allow))
				print rel ":" FNR ": " layer " may not include " h
		} else if (system("test -f \"" root "/lib/" layer "/" h "\"") != 0) {
			print rel ":" FNR ": \"" h "\" is not in lib/" layer "/ (use LAYER/" h ")"
		}
	}' "$root/lib/layers.txt" $(cd "$root" && find lib -mindepth 2 -name '*.[ch]' | sort | sed "s|^|$root/|")
	local d
	for d in "$root"/lib/*/; do
		d=${d%/}; d=${d##*/}
		grep -q "^$d:" "$root/lib/layers.txt" ||
			echo "lib/$d/: not a layer in lib/layers.txt"
		[ -f "$root/lib/$d/README.md" ] || echo "lib/$d/: no README.md"
	done
	find "$root/lib" -maxdepth 1 -name '*.[ch]' | sed "s|^$root/||;s|\$|: C file outside a layer folder|"
}

# A planted tree: core includes report (upward), report names a core header
# by bare name, one folder is undeclared.
mkdir -p bad/lib/core bad/lib/report bad/lib/extra
printf 'core:\nreport: core\n' > bad/lib/layers.txt
touch bad/lib/core/README.md bad/lib/report/README.md bad/lib/core/db.h bad/lib/report/report.h
printf '#include "report/report.h"\n' > bad/lib/core/db.c
printf '#include "core/db.h"\n#include "db.h"\n#include "report.h"\n' > bad/lib/report/report.c
printf 'int x;\n' > bad/lib/extra/x.c
printf 'int y;\n' > bad/lib/stray.c
check "$T/bad" > got
cat > want <<'W'
lib/core/db.c:1: core may not include report/report.h
lib/report/report.c:2: "db.h" is not in lib/report/ (use LAYER/db.h)
lib/extra/: not a layer in lib/layers.txt
lib/extra/: no README.md
lib/stray.c: C file outside a layer folder
W
expect_file got want "the checker catches a planted bad tree"

check "$NS_SRC" > got
expect_empty got "lib/ keeps its layers"
finish
