/*
 * report_set: several reports run for one request (a workbook, later a
 * dashboard): which reports, loaded once, and their tables.
 *
 * Suppression: each table is suppressed and audited on its own, as
 * needstat-report does (report_supp.c); the cells of different tables
 * are not yet put into one suppress_set (suppress.h) audited together.
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
 * each with the -p parameters of o it declares.  Errors as report_run,
 * prefixed with the report id ("trends: ..."), and NS_EUSAGE "no report
 * of the set takes -p NAME"; the tables are then released.
 */
int report_set_run(struct report_set *s, sqlite3 *db,
		   const struct report_opts *o, struct nserr *err);

#endif
