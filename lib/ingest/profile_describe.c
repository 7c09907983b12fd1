/*
 * profile_describe: the dry run's account of how a file was read through a
 * profile: every column of the file with its position, and each canonical
 * column's expression with its formats, zone, separator, rewrites and
 * value map (or the column it lacks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_map.h"
#include "profile_value.h"
#include "profile_xform.h"

void pfile_describe(struct profile_report *rep, const struct profile *p,
		    int c, const struct pexpr *e, const char *missing)
{
	const struct pcol *pc = &p->col[c];
	char line[900], notes[1200] = "";
	size_t used = 0, t, nl = 0;
	int i;

	if (!rep)
		return;
	for (t = 0; t < e->n && used < sizeof line - 1; t++) {
		int n = snprintf(line + used, sizeof line - used, "%s%s%s%s",
				 t ? " + " : "", e->t[t].is_text ? "\"" : "",
				 e->t[t].text, e->t[t].is_text ? "\"" : "");
		if (n > 0)
			used += (size_t)n;
	}
	for (i = 0; i < pc->nforms; i++)
		nl += (size_t)snprintf(notes + nl, sizeof notes - nl, "%s%s",
				       i ? ", " : " [formats ",
				       pv_format_name(pc->forms[i]));
	if (pc->nforms && nl < sizeof notes)
		nl += (size_t)snprintf(notes + nl, sizeof notes - nl, "]");
	if (pc->has_zone && nl < sizeof notes)
		nl += (size_t)snprintf(notes + nl, sizeof notes - nl,
			" [zone %+03d:%02d when none given]", pc->zone_min / 60,
			abs(pc->zone_min) % 60);
	if (pc->split[0] && nl < sizeof notes)
		nl += (size_t)snprintf(notes + nl, sizeof notes - nl,
				       " [split on \"%s\"]", pc->split);
	if (nl < sizeof notes)
		px_describe(pc, notes + nl, sizeof notes - nl);
	nl = strlen(notes);
	if (pc->map && nl < sizeof notes)
		snprintf(notes + nl, sizeof notes - nl, " [value map, line %d]",
			 pc->map->line);
	if (missing)
		profile_report_say(rep, "  %-13s <- %s  (NOT FOUND: no column "
				   "'%s')", canon_names[c], line, missing);
	else
		profile_report_say(rep, "  %-13s <- %s%s", canon_names[c],
				   line, notes);
}

/* The dry run: every column of the file with its position, including
 * those with a blank header (a profile names them "#N"). */
void pfile_list_columns(struct profile_report *rep,
			const struct csvin_record *hdr)
{
	char line[100], item[80];
	size_t i, n = 0;

	if (!rep)
		return;
	for (i = 0; i < hdr->nfields; i++) {
		int w = hdr->len[i] ? snprintf(item, sizeof item, "#%zu '%.60s'",
			i + 1, hdr->field[i]) : snprintf(item, sizeof item,
			"#%zu (no header)", i + 1);
		if (w < 0)
			continue;
		if (n && n + (size_t)w + 3 > 76) {
			profile_report_say(rep, "%s,", line);
			n = 0;
		}
		if (!n)
			n = (size_t)snprintf(line, sizeof line, "  %-13s %s",
					     i ? "" : "columns", item);
		else
			n += (size_t)snprintf(line + n, sizeof line - n, ", %s",
					      item);
	}
	if (n)
		profile_report_say(rep, "%s", line);
}
