/*
 * report_table: turning the query's rows (the store, with the totals the
 * engine added) into the struct table: declared columns with their types,
 * labels, decimals, units, denominators and intervals; cells converted
 * from SQLite's dynamic types (a month may be YYYYMM or "YYYY-MM"; a
 * column NAME_fr gives the French text of NAME); total rows flagged and
 * labelled; the default chart.
 */
#include <stdio.h>
#include <string.h>

#include "report_int.h"

/* computed: whether a statistic fills column `name`. */
static int computed(const struct report *r, const char *name)
{
	size_t i, n;

	for (i = 0; i < r->nstats; i++) {
		const struct report_stat *s = &r->stats[i];

		n = strlen(s->out);
		if (strcmp(s->out, name) == 0 ||
		    (s->flag && strcmp(s->flag, name) == 0))
			return 1;
		if (s->ci && strncmp(name, s->out, n) == 0 &&
		    (strcmp(name + n, "_lo") == 0 || strcmp(name + n, "_hi") == 0))
			return 1;
	}
	return 0;
}

int rtable_map(struct rctx *x)
{
	char fr[REPORT_ID_MAX + 8];
	size_t i;

	for (i = 0; i < x->r->ncols; i++) {
		const char *name = x->r->cols[i].name;

		snprintf(fr, sizeof fr, "%s_fr", name);
		x->scol[i] = rstore_col(&x->rs, name);
		x->scol_fr[i] = rstore_col(&x->rs, fr);
		if (x->scol[i] < 0 && !computed(x->r, name))
			return nserr_set(x->err, NS_ECONFIG, "%s: column '%s' "
					 "is declared but the query does not "
					 "return it", x->r->path, name);
	}
	x->total_scol = rstore_col(&x->rs, "total_row");
	return 0;
}

static int col_index(const struct table *t, const char *name)
{
	return name ? table_col_find(t, name) : -1;
}

static int add_cols(struct rctx *x)
{
	const struct report *r = x->r;
	struct table *t = x->t;
	char lo[REPORT_ID_MAX + 8], hi[REPORT_ID_MAX + 8];
	size_t i;
	int c, rc = 0;

	for (i = 0; !rc && i < r->ncols; i++) {
		const struct report_colspec *s = &r->cols[i];

		c = table_add_col(t, s->name, s->type, s->label[NS_EN],
				  s->label[NS_FR]);
		if (c < 0)
			return nserr_set(x->err, c, "%s: cannot add column '%s'",
					 r->path, s->name);
		rc = table_col_set_flags(t, (size_t)c, s->flags);
		if (!rc && s->decimals >= 0)
			rc = table_col_set_decimals(t, (size_t)c, s->decimals);
		if (!rc && s->type == COL_RATE)
			rc = table_col_set_unit(t, (size_t)c, "per 10,000",
						"pour 10\xc2\xa0" "000");
	}
	for (i = 0; !rc && i < r->nstats; i++) {
		const struct report_stat *s = &r->stats[i];

		c = col_index(t, s->out);
		snprintf(lo, sizeof lo, "%s_lo", s->out);
		snprintf(hi, sizeof hi, "%s_hi", s->out);
		if (s->ci && s->kind != RS_POPULATION)
			rc = table_col_set_interval(t, (size_t)c,
						    col_index(t, lo),
						    col_index(t, hi));
		if (!rc && (s->kind == RS_WILSON || s->kind == RS_RATE))
			rc = table_col_set_denom(t, (size_t)c,
						 col_index(t, s->b));
	}
	return rc ? nserr_set(x->err, rc, "%s: bad column links", r->path)
		  : 0;
}

/* set_cell: store value v (French text fr) into table cell (row, c). */
static int set_cell(struct rctx *x, size_t row, size_t c,
		    const struct rval *v, const struct rval *fr)
{
	enum col_type type = table_col(x->t, c)->type;
	char buf[32];
	int rc = 0;

	if (v->type == SQLITE_NULL)
		return 0;
	if (type == COL_TEXT || type == COL_DATE || type == COL_MONTH) {
		const char *en = v->s;

		if (v->type == SQLITE_INTEGER && type == COL_MONTH)
			snprintf(buf, sizeof buf, "%04d-%02d",
				 (int)(v->i / 100), (int)(v->i % 100));
		else if (v->type == SQLITE_INTEGER)
			snprintf(buf, sizeof buf, "%lld", (long long)v->i);
		else if (v->type == SQLITE_FLOAT)
			snprintf(buf, sizeof buf, "%.15g", v->r);
		if (v->type != SQLITE_TEXT)
			en = buf;
		rc = table_set_text(x->t, row, c, en,
				    fr && fr->type == SQLITE_TEXT ? fr->s
				    : NULL);
	} else if (v->type == SQLITE_INTEGER) {
		rc = table_set_int(x->t, row, c, v->i);
	} else if (v->type == SQLITE_FLOAT) {
		rc = table_set_real(x->t, row, c, v->r);
	} else {
		rc = NS_EUSAGE;
	}
	if (rc == NS_EUSAGE)
		return nserr_set(x->err, NS_ECONFIG, "%s: column '%s', row %zu: "
				 "'%s' is not a %s", x->r->path,
				 table_col(x->t, c)->name, row + 1,
				 v->type == SQLITE_TEXT ? v->s : "number",
				 table_type_name(type));
	return rc ? nserr_set(x->err, rc, "out of memory") : 0;
}

/* total_labels: the matrix dimensions of a total row say "All ...". */
static int total_labels(struct rctx *x, size_t row)
{
	const struct report *r = x->r;
	int d, c;

	for (d = 0; d < 2 && r->matrix[0]; d++) {
		if (x->rs.dim[d][row] != RDIM_TOTAL)
			continue;
		c = table_col_find(x->t, r->matrix[d]);
		if (table_set_text(x->t, row, (size_t)c, r->total[d][NS_EN] ?
				   r->total[d][NS_EN] : "Total",
				   r->total[d][NS_FR] ? r->total[d][NS_FR]
				   : "Total"))
			return nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	return 0;
}

static int fill_rows(struct rctx *x)
{
	const struct rstore *rs = &x->rs;
	size_t row, i;
	int rc;

	for (row = 0; row < rs->nrows; row++) {
		const struct rval *v = &rs->v[row * rs->ncols];

		if (table_add_row(x->t) < 0)
			return nserr_set(x->err, NS_ENOMEM, "out of memory");
		if (rs->rflags[row] || (x->total_scol >= 0 &&
		    v[x->total_scol].type == SQLITE_INTEGER &&
		    v[x->total_scol].i != 0))
			table_set_row_flags(x->t, row, ROW_TOTAL);
		for (i = 0; i < x->r->ncols; i++) {
			if (x->scol[i] < 0)
				continue;
			rc = set_cell(x, row, i, &v[x->scol[i]],
				      x->scol_fr[i] >= 0 ? &v[x->scol_fr[i]]
				      : NULL);
			if (rc)
				return rc;
		}
		if ((rc = total_labels(x, row)) != 0)
			return rc;
	}
	return 0;
}

int rtable_chart(struct rctx *x)
{
	const struct report *r = x->r;
	int ys[TABLE_CHART_MAX_Y];
	size_t i;

	if (r->chart == CHART_NONE)
		return 0;
	for (i = 0; i < r->chart_ny; i++)
		ys[i] = col_index(x->t, r->chart_y[i]);
	if (table_set_chart(x->t, r->chart, col_index(x->t, r->chart_x), ys,
			    r->chart_ny, col_index(x->t, r->chart_series)))
		return nserr_set(x->err, NS_ECONFIG, "%s: the chart does not "
				 "fit the columns", r->path);
	return 0;
}

int rtable_fill(struct rctx *x)
{
	int rc = add_cols(x);

	return rc ? rc : fill_rows(x);
}
