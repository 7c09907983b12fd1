/*
 * report_set: several reports run for one request (a workbook, later a
 * dashboard): which reports, loaded once, and their tables.
 *
 * Suppression: the tables of a request for publication (min_cell > 1)
 * are suppressed as ONE set (suppress.h): every count of every table is
 * a cell keyed by what it counts, so the count two tables show is one
 * cell with one treatment, and the lines of all tables (and the sums of
 * the flat data that the tables show, report_data.h) are audited
 * together: a cell that is safe in each table alone but that two tables
 * together give away is hidden.  Shares, rates and intervals on a hidden
 * count are hidden in every table (report_supp.c).
 */
#ifndef NEEDSTAT_REPORT_SET_H
#define NEEDSTAT_REPORT_SET_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/nserr.h"
#include "core/table.h"
#include "report.h"

struct report_set {
	struct report *reports;     /* n loaded reports, in order */
	struct table *tables;       /* n tables (after report_set_run) */
	size_t n;
	size_t ncells, nhidden;     /* counts in the set, of which hidden
				     * (after a run for publication) */
};

/* report_set_init: an empty set (allocates nothing). */
void report_set_init(struct report_set *s);

/* report_set_release: free the reports and tables; s is as after init. */
void report_set_release(struct report_set *s);

/*
 * report_set_load: load into s (empty) the installed reports of dir named
 * in ids, a comma-separated list ("needs_status,trends", in that order,
 * each once), or with ids NULL every installed report in the order of
 * --list, leaving out the ones that cannot honour o: a report that does
 * not use a region or category filter o sets, and, when o suppresses
 * (min_cell > 1: an output for publication), a report that suppresses
 * nothing (no 'suppress:' columns: its small counts are for internal
 * use).  Returns 0; NS_EUSAGE for an unknown id, an empty or repeated
 * one, a named report that suppresses nothing in an output that must
 * (its id in the message), or when no report is left ("no report takes
 * --region"); NS_ENOINPUT, NS_ECONFIG as report_list; NS_ENOMEM.
 */
int report_set_load(struct report_set *s, const char *dir, const char *ids,
		    const struct report_opts *o, struct nserr *err);

/*
 * report_set_run: run every report of s on db for o into s->tables,
 * each with the -p parameters of o it declares, and when data is not
 * NULL (an initialised, empty table: the caller releases it) the flat
 * data of o into it (report_data.h).  With o->min_cell > 1 every table
 * and data are suppressed as one set (above; each report runs twice:
 * once to collect its cells and lines, once to take their states).
 * Errors as report_run, prefixed with the report id ("trends: ...") or
 * "data: ", "workbook: " for a cell the protection leaves exposed
 * (NS_EINTERNAL: nothing may be published), and NS_EUSAGE "no report of
 * the set takes -p NAME"; the tables are then released.
 */
int report_set_run(struct report_set *s, sqlite3 *db,
		   const struct report_opts *o, struct table *data,
		   struct nserr *err);

#endif
