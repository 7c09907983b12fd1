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

/* dash_book_build: the report set of the month's workbook into d->book
 * (d built; nothing for an empty month), min_cell of d.  Returns 0 or
 * the errors of report_set_load and report_set_run, prefixed "the
 * month's workbook"; d->book is then empty. */
int dash_book_build(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, struct dashboard *d,
		    struct nserr *err);

/* dash_book_name: the file name of the workbook of d in lang
 * ("needstat-2025-10.en.xlsx") into buf. */
void dash_book_name(const struct dashboard *d, int lang, char *buf,
		    size_t size);

/* dash_book_write: the workbook of d in lang as
 * dir/xlsx/needstat-YYYY-MM.LANG.xlsx (nothing when d has none).
 * Returns 0, NS_ECANTCREAT, NS_EIO, NS_ENOMEM or NS_EINTERNAL as
 * xlsx_write (the message names the file). */
int dash_book_write(const struct dashboard *d, const char *dir, int lang,
		    struct nserr *err);

#endif
