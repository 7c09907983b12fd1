/*
 * report_data: the flat data behind the reports, one row per month x
 * category x region x status with its needs and referrals (agg_needs),
 * for the Data sheet of a workbook that an analyst pivots.
 *
 * Its counts are not suppressed: a flat table of small cells cannot be
 * protected together with the report tables that sum it (their totals
 * would give the hidden cells back), so it exists only for internal use
 * (min_cell 1), and says so.
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
 * referrals; rows by month, category order, region id, status.  Returns
 * 0; NS_EUSAGE when o->min_cell > 1 (it cannot be suppressed: only for
 * internal use); NS_EBUSY, NS_EIO or NS_ECONFIG from the database;
 * NS_ENOMEM.
 */
int report_data(sqlite3 *db, const struct report_opts *o, struct table *t,
		struct nserr *err);

#endif
