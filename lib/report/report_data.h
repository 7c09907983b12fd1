/*
 * report_data: the flat data behind the reports, one row per month x
 * category x region x status with its needs and referrals (agg_needs),
 * for the Data sheet of a workbook that an analyst pivots.
 *
 * For publication its counts join the suppression of the report tables
 * of the same request (report_set.c, one suppress_set): a reader who adds
 * up rows of the flat table gets the counts the report sheets show, so
 * those sums are lines of the set (report_data_suppress); for internal
 * use (min_cell 1) nothing is hidden and the table says so.
 */
#ifndef NEEDSTAT_REPORT_DATA_H
#define NEEDSTAT_REPORT_DATA_H

#include <sqlite3.h>

#include "core/nserr.h"
#include "core/table.h"
#include "report.h"

/*
 * report_data: the flat table for o's period (open ends: all the data),
 * region and category into t (initialised and empty; caller releases):
 * columns month, category, region, status (bilingual labels), needs,
 * referrals; rows by month, category order, region id, status; with
 * o->min_cell 1 a note says nothing is suppressed, else the table's
 * threshold is o->min_cell and nothing is hidden yet
 * (report_data_suppress).  Returns 0; NS_EBUSY, NS_EIO or NS_ECONFIG
 * from the database; NS_ENOMEM.
 */
int report_data(sqlite3 *db, const struct report_opts *o, struct table *t,
		struct nserr *err);

/*
 * report_data_suppress: the counts of t (from report_data) into the set
 * of cells (suppress_table.h), each keyed by what it counts
 * ("category=Housing, month=2024-04, region=Alberta, status=Unmet,
 * needs"), and, for every sum of them a reader can make that a cell
 * already in the set shows with the same value, the line "that cell =
 * those counts": needs and referrals summed over any of month, category
 * and region and over the statuses ("region=Alberta, needs"), needs of
 * one status ("category=Housing, region=Alberta, unmet"), the keys of
 * the report tables (report_supp.c, joint keys).  Add the report tables
 * first; after suppress_protect, suppress_table_apply marks t.  Returns 0,
 * NS_EDATA (a negative count), NS_ENOMEM.
 */
struct suppress_table;
int report_data_suppress(struct table *t, struct suppress_table *cells,
			 struct nserr *err);

#endif
