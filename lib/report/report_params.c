/*
 * report_params: what a report accepts from the command line, checked
 * before it runs.  Each declared parameter gets its value (-p NAME=VALUE,
 * else the first row of its default.sql -- a default that follows the
 * data, such as the region level -- else the default of its param:
 * line); a value must have the parameter's type and, when the report
 * gives a values.sql, be one of the values it lists (or, for a "list"
 * parameter, each comma-separated element must be).  The --region and
 * --category filters must be used by the report's query: a filter the
 * report would ignore is a usage error naming what it accepts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "report_int.h"

#define ACCEPTED_MAX 900

const char *rparams_given(const struct report_opts *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->nparams; i++)
		if (strcmp(o->pnames[i], name) == 0)
			return o->pvalues[i];
	return NULL;
}

/* typed: v has the type of q. */
static int typed(const struct report_param *q, const char *v)
{
	char *end;
	double d;

	if (q->type == RP_TEXT)
		return 1;
	if (q->type == RP_INT) {
		(void)strtoll(v, &end, 10);
		return end != v && !*end;
	}
	d = strtod(v, &end);
	return end != v && !*end && isfinite(d);
}

/* data_default: the first column of the first row of q's default.sql
 * into buf (empty when it gives no row or NULL). */
static int data_default(struct rctx *x, const struct report_param *q,
			char *buf, size_t size)
{
	char what[REPORT_ID_MAX + 40];
	sqlite3_stmt *st;
	int rc;

	buf[0] = '\0';
	snprintf(what, sizeof what, "default.sql of '%s'", q->name);
	if ((rc = report_prepare(x, q->default_sql, what, &st)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, size, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(x->db, x->err, x->r->path);
	return 0;
}

/* elem_in: e[0..n) is a value of the query st (first column). */
static int elem_in(const char *e, size_t n, sqlite3_stmt *st)
{
	const unsigned char *s;

	sqlite3_reset(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		if ((s = sqlite3_column_text(st, 0)) != NULL &&
		    strlen((const char *)s) == n &&
		    memcmp(s, e, n) == 0)
			return 1;
	return 0;
}

/* check_value: v is accepted by q's values.sql; else NS_EUSAGE listing
 * the accepted values. */
static int check_value(struct rctx *x, const struct report_param *q,
		       const char *v)
{
	char what[REPORT_ID_MAX + 40], acc[ACCEPTED_MAX] = "";
	const char *e = v, *comma;
	sqlite3_stmt *st;
	size_t n, len = 0;
	int rc, ok = 1;

	snprintf(what, sizeof what, "values.sql of '%s'", q->name);
	if ((rc = report_prepare(x, q->values_sql, what, &st)) != 0)
		return rc;
	do {
		comma = q->list ? strchr(e, ',') : NULL;
		n = comma ? (size_t)(comma - e) : strlen(e);
		while (n && e[0] == ' ')
			e++, n--;
		while (n && e[n - 1] == ' ')
			n--;
		ok = elem_in(e, n, st);
		e = comma ? comma + 1 : e + n;
	} while (ok && comma);
	if (ok) {
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_reset(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < sizeof acc)
		if (sqlite3_column_text(st, 0))
			len += (size_t)snprintf(acc + len, sizeof acc - len,
				"%s%s", len ? ", " : "",
				(const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (len >= sizeof acc)
		memcpy(acc + sizeof acc - 5, " ...", 5);
	return nserr_set(x->err, NS_EUSAGE, "parameter '%s': '%s' is not "
			 "accepted by report '%s' (%s%s: %s)", q->name, v,
			 x->r->id, q->list ? "a comma-separated list of" :
			 "one of", q->list ? " these" : "",
			 acc[0] ? acc : "none in this database");
}

int rparams_resolve(struct rctx *x)
{
	const struct report_param *q;
	const char *v;
	size_t k;
	int rc;

	for (k = 0; k < x->r->nparams; k++) {
		q = &x->r->params[k];
		v = rparams_given(x->o, q->name);
		if (v && !typed(q, v))
			return nserr_set(x->err, NS_EUSAGE, "parameter '%s': "
					 "'%s' is not %s", q->name, v,
					 q->type == RP_INT ? "an integer" :
					 "a number");
		if (v && q->values_sql && (rc = check_value(x, q, v)) != 0)
			return rc;
		if (!v && q->default_sql && period_months(&x->per)) {
			if ((rc = data_default(x, q, x->pbuf[k],
					       sizeof x->pbuf[k])) != 0)
				return rc;
			if (x->pbuf[k][0] && typed(q, x->pbuf[k]))
				v = x->pbuf[k];
		}
		x->pval[k] = v ? v : q->def;
	}
	return 0;
}

int rfilters_check(const struct rctx *x, sqlite3_stmt *st)
{
	int reg = sqlite3_bind_parameter_index(st, ":region") > 0;
	int cat = sqlite3_bind_parameter_index(st, ":category") > 0;
	const char *bad = x->o->region && !reg ? "--region"
			  : x->o->category && !cat ? "--category" : NULL;
	char acc[400];
	size_t len, k;

	if (!bad)
		return 0;
	len = (size_t)snprintf(acc, sizeof acc, "a period%s%s",
			       reg ? ", --region" : "",
			       cat ? ", --category" : "");
	for (k = 0; k < x->r->nparams && len < sizeof acc; k++)
		len += (size_t)snprintf(acc + len, sizeof acc - len,
					", -p %s", x->r->params[k].name);
	return nserr_set(x->err, NS_EUSAGE, "%s does not apply to report '%s' "
			 "(it accepts %s)", bad, x->r->id, acc);
}
