/*
 * request: one report request from options and environment (request.h):
 * the single parser of the period, filter, language, suppression and
 * parameter options, their validation, and the "source and method" lines
 * an output carries.
 */
#include "request.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/numfmt.h"
#include "core/period.h"
#include "core/typo.h"

void report_request_init(struct report_request *rq)
{
	memset(rq, 0, sizeof *rq);
	report_opts_init(&rq->o);
	rq->db = db_path_default();
	rq->lang = NS_EN;
}

/* parse_long: s as a base-10 integer in [lo, hi]; NS_EUSAGE naming opt
 * (the message cli_parse_long() prints). */
static int parse_long(const char *opt, const char *s, long lo, long hi,
		      long *out, struct nserr *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return nserr_set(err, NS_EUSAGE, "option '%s': '%s' is not a "
				 "whole number from %ld to %ld", opt, s, lo, hi);
	*out = v;
	return 0;
}

/* epoch_time: SOURCE_DATE_EPOCH as ISO 8601 UTC into buf; 0 or -1 when
 * unset or not a number of seconds. */
static int epoch_time(const char *e, char *buf, size_t size)
{
	char *end;
	long long v;
	time_t t;
	struct tm tm;

	if (!e || !*e)
		return -1;
	errno = 0;
	v = strtoll(e, &end, 10);
	t = (time_t)v;
	if (*end || errno || v < 0 || !gmtime_r(&t, &tm))
		return -1;
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int report_request_env(struct report_request *rq, struct nserr *err)
{
	const char *fs = getenv("NEEDSTAT_FISCAL_START");
	const char *lang = getenv("NEEDSTAT_LANG");
	long v;
	int l;

	if (fs && *fs) {
		if (parse_long("NEEDSTAT_FISCAL_START", fs, 1, 12, &v, err))
			return err->code;
		rq->o.fy_start = (int)v;
	}
	if (lang && *lang) {
		if ((l = nf_lang_parse(lang)) < 0)
			return nserr_set(err, NS_EUSAGE, "NEEDSTAT_LANG '%s' is "
					 "not en or fr", lang);
		rq->lang = l;
	}
	if (epoch_time(getenv("SOURCE_DATE_EPOCH"), rq->generated_at,
		       sizeof rq->generated_at) != 0)
		rq->generated_at[0] = '\0';
	return 0;
}

/* add_param: -p NAME=VALUE; the name is copied, the value is arg's. */
static int add_param(struct report_request *rq, const char *s,
		     struct nserr *err)
{
	const char *eq = strchr(s, '=');
	size_t n = eq ? (size_t)(eq - s) : 0, k = rq->o.nparams;

	if (!eq || n == 0 || n >= sizeof rq->pbuf[0] ||
	    k == REPORT_MAX_PARAMS)
		return nserr_set(err, NS_EUSAGE, "-p '%s' is not NAME=VALUE (at "
				 "most %d)", s, REPORT_MAX_PARAMS);
	memcpy(rq->pbuf[k], s, n);
	rq->pbuf[k][n] = '\0';
	rq->pnames[k] = rq->pbuf[k];
	rq->pvalues[k] = eq + 1;
	rq->o.nparams = k + 1;
	return 0;
}

int report_request_option(struct report_request *rq, int id,
			  const char *arg, struct nserr *err)
{
	long v;
	int l;

	switch (id) {
	case RQ_CATEGORY: rq->o.category = arg; return 0;
	case RQ_DB: rq->db = arg; return 0;
	case RQ_FISCAL_START:
		if (parse_long("--fiscal-start", arg, 1, 12, &v, err))
			return err->code;
		rq->o.fy_start = (int)v;
		return 0;
	case RQ_FISCAL_YEAR: rq->fiscal_year = arg; return 0;
	case RQ_FROM: rq->from = arg; return 0;
	case RQ_LANG:
		if ((l = nf_lang_parse(arg)) < 0)
			return nserr_set(err, NS_EUSAGE, "--lang '%s' is not en "
					 "or fr", arg);
		rq->lang = l;
		return 0;
	case RQ_MIN_CELL:
		if (parse_long("--min-cell", arg, 1, 1000000, &v, err))
			return err->code;
		rq->o.min_cell = (int)v;
		return 0;
	case RQ_MONTH: rq->month = arg; return 0;
	case RQ_NO_SUPPRESS: rq->o.min_cell = 1; return 0;
	case RQ_PARAM: return add_param(rq, arg, err);
	case RQ_QUARTER: rq->quarter = arg; return 0;
	case RQ_REGION: rq->o.region = arg; return 0;
	case RQ_TO: rq->to = arg; return 0;
	case RQ_YEAR: rq->year = arg; return 0;
	}
	return nserr_set(err, NS_EUSAGE, "unknown request option %d", id);
}

static int parse_period(struct report_request *rq, struct nserr *err)
{
	struct period *p = &rq->o.period;
	int kinds = (rq->from || rq->to) + !!rq->month + !!rq->quarter +
		    !!rq->year + !!rq->fiscal_year;

	if (kinds > 1)
		return nserr_set(err, NS_EUSAGE, "give one period: --from/--to, "
				 "--month, --quarter, --year or --fiscal-year");
	if (rq->month)
		return period_parse_month(rq->month, p, err);
	if (rq->quarter)
		return period_parse_quarter(rq->quarter, p, err);
	if (rq->year)
		return period_parse_year(rq->year, p, err);
	if (rq->fiscal_year)
		return period_parse_fiscal_year(rq->fiscal_year,
						rq->o.fy_start, p, err);
	return period_parse_range(rq->from, rq->to, p, err);
}

int report_request_finish(struct report_request *rq, struct nserr *err)
{
	int rc;

	if ((rc = parse_period(rq, err)) != 0)
		return rc;
	rq->o.pnames = rq->pnames;
	rq->o.pvalues = rq->pvalues;
	if (!rq->generated_at[0])
		db_now_utc(rq->generated_at, sizeof rq->generated_at);
	rq->o.generated_at = rq->generated_at;
	return 0;
}

/* A growing text with snprintf semantics. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
		      o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

/* period_text: the period of rq in lang, as in the report notes. */
static void period_text(const struct report_request *rq, int lang,
			char *buf, size_t size)
{
	const struct period *p = &rq->o.period;
	char lab[300], plain[300];

	if (!p->from && !p->to) {
		snprintf(buf, size, "%s", lang == NS_FR ? "toutes les donn"
			 "\xc3\xa9" "es" : "all the data");
	} else if (!p->to || !p->from) {
		snprintf(buf, size, "%s %04d-%02d", !p->to ? (lang == NS_FR ?
			 "depuis" : "from") : (lang == NS_FR ? "jusqu'en" :
			 "up to"), (p->to ? p->to : p->from) / 100,
			 (p->to ? p->to : p->from) % 100);
	} else {
		period_label(p, rq->o.fy_start, lang, NF_TEXT, lab, sizeof lab);
		period_label(p, 0, lang, NF_TEXT, plain, sizeof plain);
		if (strcmp(lab, plain) != 0)
			snprintf(buf, size, "%s (%s)", lab, plain);
		else
			snprintf(buf, size, "%s", lab);
	}
}

size_t report_request_describe(const struct report_request *rq, int lang,
			       char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	const char *colon = lang == NS_FR ? TYPO_NBSP ":" : ":";
	char per[700];
	int fr = lang == NS_FR, n = rq->o.min_cell;

	if (size)
		buf[0] = '\0';
	period_text(rq, lang, per, sizeof per);
	put(&o, "%s%s %s\n", fr ? "P\xc3\xa9riode" : "Period", colon, per);
	if (rq->o.region)
		put(&o, "%s%s %s\n", fr ? "R\xc3\xa9gion" : "Region", colon,
		    rq->o.region);
	else
		put(&o, "%s%s %s\n", fr ? "R\xc3\xa9gion" : "Region", colon,
		    fr ? "toutes les r\xc3\xa9gions" : "all regions");
	if (rq->o.category)
		put(&o, "%s%s %s\n", fr ? "Cat\xc3\xa9gorie" : "Category", colon,
		    rq->o.category);
	else
		put(&o, "%s%s %s\n", fr ? "Cat\xc3\xa9gorie" : "Category", colon,
		    fr ? "toutes les cat\xc3\xa9gories" : "all categories");
	if (n > 1)
		put(&o, fr ? "Petits effectifs%s les effectifs de 0 \xc3\xa0 %d "
		    "sont masqu\xc3\xa9s\n" : "Small cells%s counts from 0 to %d "
		    "are suppressed\n", colon, n - 1);
	else
		put(&o, "%s%s %s\n", fr ? "Petits effectifs" : "Small cells",
		    colon, fr ? "aucun masquage (--min-cell 1)" TYPO_NBSP
		    ": \xc3\xa0 ne pas publier" : "not suppressed (--min-cell 1): "
		    "not for publication");
	put(&o, "%s%s %s\n", fr ? "G\xc3\xa9n\xc3\xa9r\xc3\xa9 le" : "Generated",
	    colon, rq->generated_at[0] ? rq->generated_at : "-");
	return o.len;
}
