/*
 * dash_int: what the files of the dashboard module share (not exported
 * beyond lib/publish).
 */
#ifndef NEEDSTAT_DASH_INT_H
#define NEEDSTAT_DASH_INT_H

#include "dashboard.h"

/* dash_notes: the page notes (period, source, categories, coverage from
 * the status report src; the suppression rule of d) on the headline
 * table.  Returns 0 or NS_ENOMEM. */
int dash_notes(struct dashboard *d, const struct table *src,
	       struct nserr *err);

/* dash_suppress: suppress the counts of all tables of d as one set
 * (dashboard.h); nothing with min_cell 1.  Returns 0, NS_EINTERNAL when
 * a small count stays exposed, NS_ENOMEM. */
int dash_suppress(struct dashboard *d, struct nserr *err);

/* dash_top: the top unmet needs from the suppressed status table (only
 * shown counts are ranked).  Returns 0 or NS_ENOMEM. */
int dash_top(struct dashboard *d, struct nserr *err);

/* dash_charts: the chart models of the suppressed tables of d, in both
 * languages (a table without rows other than totals has none).  Returns
 * 0 or the error of chart_build, prefixed with the chart's name. */
int dash_charts(struct dashboard *d, struct nserr *err);

/* dash_chart_name: the file name (no extension) of chart i. */
const char *dash_chart_name(size_t i);

/* dash_chart_table: the table (enum dash_table) chart i is drawn from. */
size_t dash_chart_table(size_t i);

/* dash_chart_alt: the alt text of c in lang into buf (size bytes,
 * truncated): its title and the shown values of its first (for hbar:
 * largest) categories; hidden values are not said.  Returns 0. */
int dash_chart_alt(const struct chart *c, int lang, char *buf, size_t size);

#endif
