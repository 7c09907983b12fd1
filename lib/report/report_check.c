/*
 * report_check: the consistency checks of a parsed report's metadata
 * (every column a directive names is declared with the right type,
 * nothing declared twice, sums and groups only over suppressed counts) and the
 * columns the engine adds: the 95% interval bounds OUT_lo and OUT_hi
 * after each statistic that has an interval, unless the report declares
 * them itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report_int.h"

static int fail(const struct report *r, struct nserr *err, int line,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(const struct report *r, struct nserr *err, int line,
		const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return nserr_set(err, NS_ECONFIG, "%s:%d: %s", r->path, line, msg);
}

static int find_col(const struct report *r, const char *name)
{
	size_t i;

	for (i = 0; name && i < r->ncols; i++)
		if (strcmp(r->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* need_col: name is a declared column of type `type` (-1: any). */
static int need_col(const struct report *r, struct nserr *err, int line,
		    const char *what, const char *name, int type)
{
	int c = find_col(r, name);

	if (c < 0)
		return fail(r, err, line, "%s: '%s' is not a declared column",
			    what, name);
	if (type >= 0 && r->cols[c].type != (enum col_type)type)
		return fail(r, err, line, "%s: column '%s' must have type %s",
			    what, name, table_type_name((enum col_type)type));
	return 0;
}

static int check_stats(const struct report *r, struct nserr *err)
{
	static const enum col_type want[] = { COL_INT, COL_SHARE, COL_RATE,
					      COL_SHARE };
	static const char *const kname[] = { "population", "wilson", "rate",
					     "yoy" };
	size_t i, j;

	for (i = 0; i < r->nstats; i++) {
		const struct report_stat *s = &r->stats[i];

		if (need_col(r, err, s->line, kname[s->kind], s->out,
			     (int)want[s->kind]) ||
		    (s->flag && need_col(r, err, s->line, kname[s->kind],
					 s->flag, COL_TEXT)))
			return NS_ECONFIG;
		for (j = 0; j < i; j++)
			if (strcmp(r->stats[j].out, s->out) == 0)
				return fail(r, err, s->line, "column '%s' is "
					    "computed twice", s->out);
	}
	return 0;
}

static int in_suppress(const struct report *r, const char *name)
{
	size_t k;

	for (k = 0; k < r->nsuppress; k++)
		if (strcmp(r->suppress[k], name) == 0)
			return 1;
	return 0;
}

static int check_sums(const struct report *r, struct nserr *err)
{
	size_t i, j;

	for (i = 0; i < r->nsums; i++) {
		for (j = 0; j <= r->sums[i].nterms; j++) {
			const char *c = j ? r->sums[i].terms[j - 1]
				      : r->sums[i].total;

			if (!in_suppress(r, c))
				return fail(r, err, r->sums[i].line, "sum: '%s' "
					    "is not listed in 'suppress:'", c);
		}
	}
	return 0;
}

/* check_groups: 'group:' counts suppressed, keys declared text columns,
 * totals not shown (query columns); 'derived:' columns declared, from
 * suppressed counts or group totals. */
static int check_groups(const struct report *r, struct nserr *err)
{
	size_t i, j, k;
	int ok;

	for (i = 0; i < r->ngroups; i++) {
		const struct report_group *g = &r->groups[i];

		if (!in_suppress(r, g->count))
			return fail(r, err, g->line, "group: '%s' is not listed "
				    "in 'suppress:'", g->count);
		if (need_col(r, err, g->line, "group", g->key, COL_TEXT))
			return NS_ECONFIG;
		if (find_col(r, g->total) >= 0)
			return fail(r, err, g->line, "group: total '%s' must be "
				    "a column of the query that the table does "
				    "not show", g->total);
	}
	for (i = 0; i < r->nderived; i++) {
		const struct report_derived *d = &r->derived[i];

		if (need_col(r, err, d->line, "derived", d->out, -1))
			return NS_ECONFIG;
		if (in_suppress(r, d->out))
			return fail(r, err, d->line, "derived: '%s' is a "
				    "suppressed count", d->out);
		for (j = 0; j < d->nfrom; j++) {
			ok = in_suppress(r, d->from[j]);
			for (k = 0; !ok && k < r->ngroups; k++)
				ok = !strcmp(r->groups[k].total, d->from[j]);
			if (!ok)
				return fail(r, err, d->line, "derived: '%s' is "
					    "neither listed in 'suppress:' nor "
					    "the total of a 'group:'",
					    d->from[j]);
		}
	}
	return 0;
}

static int check_chart(const struct report *r, struct nserr *err)
{
	size_t i;

	if (r->chart == CHART_NONE)
		return 0;
	if (need_col(r, err, 1, "chart", r->chart_x, -1) ||
	    (r->chart_series &&
	     need_col(r, err, 1, "chart", r->chart_series, -1)))
		return NS_ECONFIG;
	for (i = 0; i < r->chart_ny; i++)
		if (need_col(r, err, 1, "chart", r->chart_y[i], -1))
			return NS_ECONFIG;
	return 0;
}

static int validate(const struct report *r, struct nserr *err)
{
	size_t i, j;
	int d;

	if (!r->id || !r->title[NS_EN] || r->ncols == 0)
		return fail(r, err, 1, "the metadata block needs at least "
			    "'id:', 'title:' and one 'column:'");
	for (i = 0; i < r->ncols; i++)
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[i].name, r->cols[j].name) == 0)
				return fail(r, err, r->cols[i].line, "column "
					    "'%s' declared twice",
					    r->cols[i].name);
	if (check_stats(r, err))
		return NS_ECONFIG;
	for (d = 0; d < 2 && r->matrix[0]; d++)
		if (need_col(r, err, 1, "matrix", r->matrix[d], COL_TEXT))
			return NS_ECONFIG;
	for (i = 0; i < r->nsuppress; i++)
		if (need_col(r, err, 1, "suppress", r->suppress[i], COL_INT))
			return NS_ECONFIG;
	if (check_sums(r, err) || check_groups(r, err) ||
	    check_chart(r, err))
		return NS_ECONFIG;
	return 0;
}

/* add_bound: declare OUT_lo (hi 0) or OUT_hi (hi 1) right after column
 * `after` unless the report declares it. */
static int add_bound(struct report *r, struct nserr *err, int out,
		     int after, int hi)
{
	struct report_colspec *c;
	char name[REPORT_ID_MAX + 8], m[NS_NLANG][400];

	snprintf(name, sizeof name, "%s_%s", r->cols[out].name,
		 hi ? "hi" : "lo");
	if (find_col(r, name) >= 0)
		return 0;
	if (r->ncols == REPORT_MAX_COLS)
		return fail(r, err, 1, "too many columns");
	memmove(&r->cols[after + 2], &r->cols[after + 1],
		(r->ncols - (size_t)after - 1) * sizeof r->cols[0]);
	r->ncols++;
	c = &r->cols[after + 1];
	*c = r->cols[out];
	c->flags &= ~(COLF_KEY | COLF_COUNT | COLF_TOTAL);
	c->line = 0;
	c->name = rmem_strndup(r, name, strlen(name));
	c->label[NS_EN] = hi ? "95% CI high" : "95% CI low";
	c->label[NS_FR] = hi ? "IC 95\xc2\xa0% sup." : "IC 95\xc2\xa0% inf.";
	snprintf(m[0], sizeof m[0], "%s end of the 95%% confidence interval "
		 "of %s", hi ? "Upper" : "Lower", r->cols[out].label[NS_EN] ?
		 r->cols[out].label[NS_EN] : r->cols[out].name);
	snprintf(m[1], sizeof m[1], "Borne %s de l'intervalle de confiance "
		 "\xc3\xa0 95\xc2\xa0%% de %s", hi ? "sup\xc3\xa9rieure" :
		 "inf\xc3\xa9rieure", r->cols[out].label[NS_FR] ?
		 r->cols[out].label[NS_FR] : r->cols[out].name);
	c->meaning[NS_EN] = rmem_strndup(r, m[0], strlen(m[0]));
	c->meaning[NS_FR] = rmem_strndup(r, m[1], strlen(m[1]));
	return c->name && c->meaning[NS_EN] && c->meaning[NS_FR] ? 0
	       : nserr_set(err, NS_ENOMEM, "out of memory");
}

/* attach_glossary: each glossary line's meaning onto its column. */
static int attach_glossary(struct report *r, struct nserr *err)
{
	const struct report_gloss *g;
	size_t i;
	int c;

	for (i = 0; i < r->ngloss; i++) {
		g = &r->gloss[i];
		if ((c = find_col(r, g->col)) < 0)
			return fail(r, err, g->line, "glossary: '%s' is not a "
				    "declared column", g->col);
		if (r->cols[c].meaning[NS_EN])
			return fail(r, err, g->line, "glossary: '%s' given "
				    "twice", g->col);
		r->cols[c].meaning[NS_EN] = g->text[NS_EN];
		r->cols[c].meaning[NS_FR] = g->text[NS_FR];
	}
	return 0;
}

int report_check(struct report *r, struct nserr *err)
{
	char lo[REPORT_ID_MAX + 8];
	size_t i;
	int c, rc;

	if ((rc = validate(r, err)) != 0 || (rc = attach_glossary(r, err)) != 0)
		return rc;
	for (i = 0; i < r->nstats; i++) {
		c = find_col(r, r->stats[i].out);
		r->cols[c].flags &= ~(COLF_KEY | COLF_COUNT);
		if (r->stats[i].kind == RS_POPULATION || !r->stats[i].ci)
			continue;
		snprintf(lo, sizeof lo, "%s_lo", r->stats[i].out);
		if ((rc = add_bound(r, err, c, c, 0)) != 0 ||
		    (rc = add_bound(r, err, c, find_col(r, lo), 1)) != 0)
			return rc;
	}
	return 0;
}
