/*
 * request: what one output is asked for, built from command-line options
 * in one place so that every tool that takes a request (needstat-report
 * today; needstat-chart, needstat-xlsx and needstat-dashboard next) reads
 * the same options the same way and says the same things about them.
 *
 * A request holds the database path, the period (and the option strings
 * that gave it), the region and category filters, the language, the
 * small-cell threshold, the -p parameters, the fiscal start month and the
 * generation time, and the struct report_opts that report_run() takes.
 *
 * Use:
 *
 *	struct report_request rq;
 *	report_request_init(&rq);                  // defaults ($NEEDSTAT_DB)
 *	if (report_request_env(&rq, &err)) ...     // $NEEDSTAT_FISCAL_START,
 *	                                           // $NEEDSTAT_LANG,
 *	                                           // $SOURCE_DATE_EPOCH
 *	for each option of the request (the table in cmd/common/opttab.c):
 *		if (report_request_option(&rq, RQ_xxx, optarg, &err)) ...
 *	if (report_request_finish(&rq, &err)) ...  // one period, parsed
 *	report_run(db, &r, &rq.o, &t, &err);
 *	report_request_describe(&rq, lang, buf, sizeof buf);  // source and
 *	                                                       // method lines
 *
 * Every error is NS_EUSAGE with the message the tool prints before its
 * synopsis (exit 64).  The request keeps pointers to the option strings
 * (argv): they must outlive it.  A request owns no heap memory (nothing
 * to release) but points into itself: do not copy it after
 * report_request_finish().
 *
 * Not (yet) in the request: a comparison period (no report asks for one:
 * year-over-year statistics take the year before from the data) and
 * source or batch filters (the report queries have no such filter).
 */
#ifndef NEEDSTAT_REQUEST_H
#define NEEDSTAT_REQUEST_H

#include <stddef.h>

#include "core/nserr.h"
#include "report.h"

/* The options a request takes; tools map their option table entries to
 * these ids (cmd/common/opttab.h) and pass the argument as given. */
enum report_request_option {
	RQ_CATEGORY = 1,            /* --category ID */
	RQ_DB,                      /* --db FILE */
	RQ_FISCAL_START,            /* --fiscal-start M (1-12) */
	RQ_FISCAL_YEAR,             /* --fiscal-year YYYY */
	RQ_FROM,                    /* --from D */
	RQ_LANG,                    /* --lang en|fr */
	RQ_MIN_CELL,                /* --min-cell N (1-1000000) */
	RQ_MONTH,                   /* --month YYYY-MM */
	RQ_NO_SUPPRESS,             /* --no-suppress (arg ignored) */
	RQ_PARAM,                   /* -p NAME=VALUE */
	RQ_QUARTER,                 /* --quarter YYYY-Qn */
	RQ_REGION,                  /* --region ID */
	RQ_TO,                      /* --to D */
	RQ_YEAR,                    /* --year YYYY */
	RQ_NOPTIONS
};

#define REPORT_REQUEST_PNAME_MAX 256

struct report_request {
	const char *db;             /* database path */
	int lang;                   /* NS_EN or NS_FR */
	/* the period options as given (NULL: not given) */
	const char *from, *to, *month, *quarter, *year, *fiscal_year;
	/* -p NAME=VALUE: names copied here, values point into the argument */
	const char *pnames[REPORT_MAX_PARAMS];
	const char *pvalues[REPORT_MAX_PARAMS];
	char pbuf[REPORT_MAX_PARAMS][REPORT_REQUEST_PNAME_MAX];
	char generated_at[32];      /* ISO 8601 UTC, set by env or finish */
	struct report_opts o;       /* what report_run() takes; complete
				     * after report_request_finish() */
};

/*
 * report_request_init: the defaults: database $NEEDSTAT_DB (else
 * needstat.db), English, all the data (open period), fiscal years from
 * April, no filters, min-cell 5, no parameters, no generation time.
 */
void report_request_init(struct report_request *rq);

/*
 * report_request_env: apply the environment defaults, which options given
 * later override: NEEDSTAT_FISCAL_START (1-12), NEEDSTAT_LANG (en or fr)
 * and SOURCE_DATE_EPOCH (seconds since 1970: the generation time, for
 * reproducible output; a value that is not a number is ignored).  Empty
 * variables are ignored.  Returns 0, or NS_EUSAGE ("option
 * 'NEEDSTAT_FISCAL_START': 'x' is not a whole number from 1 to 12",
 * "NEEDSTAT_LANG 'x' is not en or fr").
 */
int report_request_env(struct report_request *rq, struct nserr *err);

/*
 * report_request_option: apply one option `id` with its argument arg (NULL
 * for --no-suppress).  Values are checked here when they stand alone
 * (--lang, --fiscal-start, --min-cell, -p); periods are checked by
 * report_request_finish(), since --fiscal-year depends on --fiscal-start
 * given anywhere.  Returns 0, or NS_EUSAGE: "--lang 'x' is not en or fr",
 * "option '--min-cell': 'x' is not a whole number from 1 to 1000000",
 * "-p 'x' is not NAME=VALUE (at most 16)", "unknown request option N".
 */
int report_request_option(struct report_request *rq, int id,
			  const char *arg, struct nserr *err);

/*
 * report_request_finish: check that at most one kind of period was given
 * and parse it into rq->o.period; point rq->o at the parameters; set the
 * generation time to now (UTC) unless SOURCE_DATE_EPOCH gave one, so that
 * every output of the request carries the same time.  Returns 0, or
 * NS_EUSAGE ("give one period: --from/--to, --month, --quarter, --year or
 * --fiscal-year", or the period parser's message).  Filters are checked
 * against the database by report_check_filters(), and against a report by
 * report_run().
 */
int report_request_finish(struct report_request *rq, struct nserr *err);

/*
 * report_request_describe: the "source and method" lines of a finished
 * request, in lang (NS_EN or NS_FR), one per line, each ending in '\n':
 *   Period: fiscal year 2024-25 (April 2024 to March 2025)
 *   Region: ON            (or "all regions")
 *   Category: housing     (or "all categories")
 *   Small cells: counts from 0 to 4 are suppressed
 *                (min-cell 1: "not suppressed (--min-cell 1): not for
 *                publication")
 *   Generated: 2025-01-01T00:00:00Z
 * An open period reads "all the data", a half-open one "from 2024-04" or
 * "up to 2025-03".  Whether a given report suppresses at all is for the
 * report's own notes.  snprintf semantics: writes at most size bytes
 * (always terminated when size > 0) and returns the length the whole
 * text needs.
 */
size_t report_request_describe(const struct report_request *rq, int lang,
			       char *buf, size_t size);

#endif
