/*
 * dashboard: the model and the files of a month's dashboard
 * (needstat-dashboard(1), DESIGN.md "Dashboards").
 *
 * dashboard_build() runs the bundled reports for one month (report_run,
 * with suppression off, so that the true counts are known) and builds
 * the dashboard's own tables from them:
 *   headline  contacts, needs, unmet needs and the unmet share with its
 *             95% interval, needs the same month a year earlier and the
 *             change with its interval and significance;
 *   status    needs and unmet needs by category, with the unmet share;
 *   top       the categories with the most unmet needs (ties kept);
 *   region    unmet needs by region with the rate per 10,000;
 *   trend     all needs and the featured categories (housing, food)
 *             against the same month a year earlier.
 * Then every count of every table goes into ONE suppress_set
 * (suppress.h): a count that two tables show (the total of unmet needs
 * in status, region and headline) is one cell, and the lines are the
 * sums the tables publish (the category and region totals).
 * suppress_protect() hides and
 * audits the set as a whole; the shares, rates and changes built on a
 * hidden count are hidden too.  The data-quality notes come from the
 * data_quality report, each count below the threshold said as "fewer
 * than N".  A month with no data gives an empty model (d->empty).
 *
 * The charts are models of the suppressed tables (gaps for hidden cells).
 *
 * dashboard_write() writes the site into a directory: style.css,
 * en/index.html and fr/index.html (one link to the other), every
 * table as CSV (csv/ID.LANG.csv), every chart as SVG and PNG
 * (LANG/charts/NAME.svg, .png) and the month's workbook in each
 * language (xlsx/needstat-YYYY-MM.LANG.xlsx, dash_book.c): the report
 * set of needstat-xlsx for the month, with the workbook's own
 * suppression (report_set.h), linked from each page.
 */
#ifndef NEEDSTAT_DASHBOARD_H
#define NEEDSTAT_DASHBOARD_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/nserr.h"
#include "core/table.h"
#include "render/chart.h"
#include "report/report.h"
#include "report/report_set.h"

enum dash_table {
	DASH_HEADLINE = 0,
	DASH_STATUS,
	DASH_TOP,
	DASH_REGION,
	DASH_TREND,
	DASH_NTABLES
};

#define DASH_MAX_DQ 64
/* The charts (dash_chart.c): unmet needs by category, needs and unmet
 * needs by category, unmet needs by region, the year-on-year change. */
#define DASH_NCHARTS 4

/* One data-quality note, in both languages. */
struct dash_note {
	char *text[NS_NLANG];
};

struct dashboard {
	int month;                  /* YYYYMM */
	int min_cell;               /* 1: not for publication */
	int empty;                  /* 1: no needs in the month */
	char period[NS_NLANG][64];  /* "October 2025" / "octobre 2025" */
	char generated_at[32];      /* ISO 8601 UTC */
	struct table t[DASH_NTABLES];
	struct dash_note notes[DASH_MAX_DQ];   /* data-quality notes */
	size_t nnotes;
	size_t ncells, nhidden;     /* counts in the suppression set */
	struct chart chart[DASH_NCHARTS][NS_NLANG]; /* of the suppressed tables */
	int has_chart[DASH_NCHARTS];
	struct report_set book;     /* the workbook's reports and tables;
				     * book.n 0: no workbook (empty month) */
};

/* dashboard_init: an empty model (allocates nothing). */
void dashboard_init(struct dashboard *d);

/* dashboard_release: free what d holds; d is as after dashboard_init. */
void dashboard_release(struct dashboard *d);

/*
 * dashboard_build: fill d (initialised, empty) for the month of o
 * (o->period must be one month: from == to) from db, with the reports
 * of reports_dir, suppressing counts below o->min_cell over the whole
 * dashboard (min_cell 1: nothing suppressed, the pages say not for
 * publication).  o->generated_at (NULL: now) is the build time shown.
 * The month's workbook: the installed reports that honour o (as
 * needstat-xlsx, report_set_load with no ids) run with min_cell of o
 * into d->book (none for an empty month).
 * Returns 0; NS_EUSAGE when the period is not one month; NS_EINTERNAL
 * when the audit finds a small count exposed (nothing may be
 * published); the errors of report_find, report_run, report_set_load
 * and report_set_run, prefixed with the report id.  On error d holds what was built (release it).
 */
int dashboard_build(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, struct dashboard *d,
		    struct nserr *err);

/*
 * dashboard_write: write the site of d into the existing directory dir:
 * style.css, LANG/index.html, LANG/charts/NAME.svg and .png,
 * csv/ID.LANG.csv and xlsx/needstat-YYYY-MM.LANG.xlsx (libxlsxwriter's
 * temporary files in dir too) for each language of
 * langs (a bit mask: 1 << NS_EN, 1 << NS_FR; the language switch links
 * only to a language written).  Every text from the data is escaped.
 * Returns 0, NS_EUSAGE for an empty langs, NS_ECANTCREAT when a file or
 * folder cannot be created, NS_EIO on a write error (naming the file).
 */
int dashboard_write(const struct dashboard *d, const char *dir,
		    unsigned langs, struct nserr *err);

/*
 * dashboard_stamp: a text that changes whenever what feeds the month of
 * o can have changed: the batches loaded (id, sha256, finish time), the
 * category map version, the population and region reloads, the report
 * files of reports_dir (every one: the workbook runs them all) and the
 * options (min_cell, languages in langs).  Written in
 * buf (size bytes; too small is NS_EINTERNAL).  Returns 0 or a database
 * status.
 */
int dashboard_stamp(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, unsigned langs, char *buf,
		    size_t size, struct nserr *err);

#endif
