/*
 * period: the reporting periods of needstat (--from/--to, --month,
 * --quarter, --year, --fiscal-year) as inclusive ranges of whole months,
 * and their English and French labels.
 *
 * Reports read monthly aggregates, so a period is always whole months:
 * months are integers YYYYMM (202404 = April 2024), as in agg_needs.month.
 * Either end may be open (0) until the report engine fills it from the
 * data (see report.h).  Fiscal years are named after the calendar year in
 * which they start: with the default start month April (Canadian
 * governments and non-profits), fiscal year 2024 is 2024-04..2025-03.
 * Quarters are calendar quarters (Q1 = January to March).
 */
#ifndef NEEDSTAT_PERIOD_H
#define NEEDSTAT_PERIOD_H

#include <stddef.h>

#include "nserr.h"
#include "numfmt.h"

#define PERIOD_FY_START_DEFAULT 4
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 9999

struct period {
	int from;                   /* first month YYYYMM, 0 = open */
	int to;                     /* last month YYYYMM, 0 = open */
};

/* period_init: an open period (from = to = 0). */
void period_init(struct period *p);

/*
 * Parsers: fill *p from an option value, or return NS_EUSAGE with a
 * message naming the value and the expected form (*p unchanged).
 *   period_parse_month:   "YYYY-MM"
 *   period_parse_quarter: "YYYY-Qn" (n 1..4; "q" accepted)
 *   period_parse_year:    "YYYY" (January to December)
 *   period_parse_fiscal_year: "YYYY": start_month of YYYY to the month
 *                         before it a year later (start_month 1..12; 1
 *                         makes it the calendar year)
 * Years are PERIOD_YEAR_MIN..PERIOD_YEAR_MAX.
 */
int period_parse_month(const char *s, struct period *p, struct nserr *err);
int period_parse_quarter(const char *s, struct period *p, struct nserr *err);
int period_parse_year(const char *s, struct period *p, struct nserr *err);
int period_parse_fiscal_year(const char *s, int start_month,
			     struct period *p, struct nserr *err);

/*
 * period_parse_range: --from and --to, each NULL (open) or "YYYY-MM" or
 * "YYYY-MM-DD"; a from date must be the first day of its month and a to
 * date the last day of its month (reports count whole months).  Both
 * given: from must not be after to.  Returns 0 or NS_EUSAGE.
 */
int period_parse_range(const char *from, const char *to, struct period *p,
		       struct nserr *err);

/* period_month_add: the month n months after ym (n may be negative);
 * 202411 + 3 -> 202502. */
int period_month_add(int ym, int n);

/* period_months: the number of months of a closed period (0 when open
 * or reversed). */
int period_months(const struct period *p);

/*
 * period_dates: the first day of p->from and the last day of p->to as
 * "YYYY-MM-DD" into from and to (11 bytes each).  The period must be
 * closed; returns 0 or NS_EUSAGE.
 */
int period_dates(const struct period *p, char from[11], char to[11]);

/*
 * period_label: the people (or machine) label of a closed period in
 * lang and style, as nf_period(): "April 2024", "fiscal year 2024-25",
 * "April to June 2024" | "avril 2024", "exercice 2024-2025", "d'avril à
 * juin 2024".  fy_start is the fiscal start month (0 or 1: no fiscal
 * years).  snprintf semantics; returns the length, or NS_EUSAGE.
 */
int period_label(const struct period *p, int fy_start, int lang,
		 enum nf_style st, char *buf, size_t size);

#endif
