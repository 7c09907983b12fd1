/*
 * report_stats: what the engine computes after the query: the totals of
 * a report's matrix ('matrix:'), populations ('population:'), Wilson
 * intervals of shares ('wilson:'), rates per 10,000 with exact Poisson
 * (Garwood) intervals ('rate:') and year-over-year rate ratios ('yoy:'),
 * with the methods of stats.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "core/db.h"
#include "report_int.h"
#include "stats.h"

/* ---- matrix totals ---- */

/* dim_index: index of key among vals[0..*n) (appended when new). */
static int dim_index(const char **vals, size_t *n, const char *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(vals[i], key) == 0)
			return (int)i;
	vals[*n] = key;
	return (int)(*n)++;
}

static int is_member(const struct rstore *rs, size_t inner, size_t tot)
{
	int d;

	for (d = 0; d < 2; d++)
		if (rs->dim[d][tot] != RDIM_TOTAL &&
		    rs->dim[d][tot] != rs->dim[d][inner])
			return 0;
	return rs->dim[0][inner] >= 0 && rs->dim[1][inner] >= 0;
}

/* fill_total: row tot (dims set) gets the sums of the count columns over
 * its member rows and the texts that all its members share (SQLITE_FLOAT
 * marks, while scanning, a text column whose members differ: such
 * columns never get numbers here). */
static int fill_total(struct rctx *x, size_t ninner, size_t tot)
{
	struct rstore *rs = &x->rs;
	struct rval *t = &rs->v[tot * rs->ncols], *v;
	size_t c, i, k;
	int sum;

	for (c = 0; c < rs->ncols; c++) {
		sum = 0;
		for (k = 0; k < x->r->ncols; k++)
			if (x->scol[k] == (int)c && x->r->cols[k].type == COL_INT
			    && (x->r->cols[k].flags & COLF_COUNT))
				sum = 1;
		for (i = 0; i < ninner; i++) {
			if (!is_member(rs, i, tot))
				continue;
			v = &rs->v[i * rs->ncols + c];
			if (sum && v->type == SQLITE_INTEGER) {
				t[c].type = SQLITE_INTEGER;
				t[c].i += v->i;
			} else if (!sum && v->type == SQLITE_TEXT &&
				   t[c].type != SQLITE_FLOAT) {
				if (t[c].type == SQLITE_NULL) {
					t[c].type = SQLITE_TEXT;
					if (!(t[c].s = strdup(v->s)))
						return NS_ENOMEM;
				} else if (strcmp(t[c].s, v->s) != 0) {
					free(t[c].s);
					t[c].s = NULL;
					t[c].type = SQLITE_FLOAT;  /* differs */
				}
			}
		}
		if (t[c].type == SQLITE_FLOAT)
			t[c].type = SQLITE_NULL;
	}
	rs->rflags[tot] = ROW_TOTAL;
	return 0;
}

static long add_total(struct rctx *x, size_t ninner, int d0, int d1)
{
	long row = rstore_add_row(&x->rs);

	if (row < 0)
		return -1;
	x->rs.dim[0][row] = d0;
	x->rs.dim[1][row] = d1;
	return fill_total(x, ninner, (size_t)row) ? -1 : row;
}

/* permute: reorder the store rows as idx[0..nrows). */
static int permute(struct rstore *rs, const size_t *idx)
{
	size_t n = rs->nrows, i;
	struct rval *v = malloc(n * rs->ncols * sizeof *v + 1);
	int *d0 = malloc(n * sizeof(int) + 1), *d1 = malloc(n * sizeof(int) + 1);
	unsigned *f = malloc(n * sizeof(unsigned) + 1);

	if (!v || !d0 || !d1 || !f) {
		free(v);
		free(d0);
		free(d1);
		free(f);
		return NS_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		memcpy(&v[i * rs->ncols], &rs->v[idx[i] * rs->ncols],
		       rs->ncols * sizeof *v);
		d0[i] = rs->dim[0][idx[i]];
		d1[i] = rs->dim[1][idx[i]];
		f[i] = rs->rflags[idx[i]];
	}
	free(rs->v);
	free(rs->dim[0]);
	free(rs->dim[1]);
	free(rs->rflags);
	rs->v = v;
	rs->dim[0] = d0;
	rs->dim[1] = d1;
	rs->rflags = f;
	rs->cap = n;
	return 0;
}

/* order_rows: each row value's cells then its total; then the column
 * totals and the grand total. */
static int order_rows(struct rstore *rs, size_t ninner)
{
	size_t *idx = malloc(rs->nrows * sizeof *idx + 1), k = 0, i, j;
	int rc;

	if (!idx)
		return NS_ENOMEM;
	for (i = 0; i < rs->ndim[0]; i++) {
		for (j = 0; j < ninner; j++)
			if (rs->dim[0][j] == (int)i)
				idx[k++] = j;
		idx[k++] = ninner + i;
	}
	for (j = ninner + rs->ndim[0]; j < rs->nrows; j++)
		idx[k++] = j;
	rc = permute(rs, idx);
	free(idx);
	return rc;
}

int rstats_margins(struct rctx *x)
{
	struct rstore *rs = &x->rs;
	const char **vals[2] = { NULL, NULL };
	size_t n = rs->nrows, i, d;
	int dc[2], rc = 0;

	for (d = 0; d < 2; d++)
		if ((dc[d] = rstore_col(rs, x->r->matrix[d])) < 0)
			return nserr_set(x->err, NS_ECONFIG, "%s: matrix: the "
					 "query does not return '%s'",
					 x->r->path, x->r->matrix[d]);
	if (n == 0)
		return 0;
	vals[0] = malloc(n * sizeof *vals[0]);
	vals[1] = malloc(n * sizeof *vals[1]);
	if (!vals[0] || !vals[1]) {
		rc = NS_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		for (d = 0; d < 2; d++) {
			const struct rval *v = &rs->v[i * rs->ncols + dc[d]];

			rs->dim[d][i] = dim_index(vals[d], &rs->ndim[d],
						  v->type == SQLITE_TEXT ? v->s
						  : "");
		}
	for (i = 0; !rc && i < rs->ndim[0]; i++)
		rc = add_total(x, n, (int)i, RDIM_TOTAL) < 0 ? NS_ENOMEM : 0;
	for (i = 0; !rc && i <= rs->ndim[1]; i++)
		rc = add_total(x, n, RDIM_TOTAL, i < rs->ndim[1] ? (int)i
			       : RDIM_TOTAL) < 0 ? NS_ENOMEM : 0;
	if (!rc)
		rc = order_rows(rs, n);
out:
	free(vals[0]);
	free(vals[1]);
	return rc ? nserr_set(x->err, rc, "out of memory") : 0;
}

/* ---- populations ---- */

struct popcache {
	const char *region;
	int64_t pop;                /* 0: none */
};

/* lookup_pop: the population of region nearest at or before the period's
 * first year (else the earliest after), cached in pc[0..*n). */
static int lookup_pop(struct rctx *x, sqlite3_stmt *st, struct popcache *pc,
		      size_t *n, const char *region, int64_t *pop)
{
	size_t i;
	int rc, year;

	for (i = 0; i < *n; i++)
		if (strcmp(pc[i].region, region) == 0) {
			*pop = pc[i].pop;
			return 0;
		}
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, x->per.from / 100);
	*pop = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*pop = sqlite3_column_int64(st, 0);
		year = sqlite3_column_int(st, 1);
		if (!x->pop_year_lo || year < x->pop_year_lo)
			x->pop_year_lo = year;
		if (year > x->pop_year_hi)
			x->pop_year_hi = year;
		if (!x->pop_source[0] && sqlite3_column_text(st, 2))
			snprintf(x->pop_source, sizeof x->pop_source, "%s",
				 (const char *)sqlite3_column_text(st, 2));
	} else if (rc != SQLITE_DONE) {
		return db_fail(x->db, x->err, "cannot read populations");
	}
	pc[*n].region = region;
	pc[(*n)++].pop = *pop;
	return 0;
}

int rstats_pop_member(const struct rctx *x, const struct rref *reg,
		      size_t i, size_t row)
{
	const struct rstore *rs = &x->rs;

	if (i == row)
		return 0;
	if (x->r->matrix[0])
		return rs->rflags[row] && is_member(rs, i, row);
	/* a total row of the query without a region of its own: every
	 * other row is a member */
	return (table_row_flags(x->t, row) & ROW_TOTAL) &&
	       !(table_row_flags(x->t, i) & ROW_TOTAL) &&
	       !rctx_text(x, reg, row);
}

/* row_pop: the population of a row: its region's, or for a total row
 * (rstats_pop_member) the sum over the distinct regions of its members
 * that have one; the others are left out of its rates too (do_interval)
 * and named in a note (report_cover.c).  *pop 0 when none is known. */
static int row_pop(struct rctx *x, sqlite3_stmt *st, struct popcache *pc,
		   size_t *n, const struct rref *reg, size_t row, int64_t *pop)
{
	const struct rstore *rs = &x->rs;
	size_t i, j;
	const char *name;
	int64_t p;
	int rc;

	*pop = 0;
	if ((x->r->matrix[0] && !rs->rflags[row]) || (!x->r->matrix[0] &&
	    rctx_text(x, reg, row))) {
		name = rctx_text(x, reg, row);
		if (!name)
			return 0;
		return lookup_pop(x, st, pc, n, name, pop);
	}
	for (i = 0; i < rs->nrows; i++) {
		if (!rstats_pop_member(x, reg, i, row) ||
		    !(name = rctx_text(x, reg, i)))
			continue;
		for (j = 0; j < i; j++)
			if (rstats_pop_member(x, reg, j, row) &&
			    rctx_text(x, reg, j) &&
			    strcmp(rctx_text(x, reg, j), name) == 0)
				break;
		if (j < i)
			continue;
		if ((rc = lookup_pop(x, st, pc, n, name, &p)) != 0)
			return rc;
		*pop += p;
	}
	return 0;
}

static int do_population(struct rctx *x, const struct report_stat *s)
{
	static const char sql[] = "SELECT population, year, source FROM "
		"populations WHERE region_id = ?1 ORDER BY year > ?2, "
		"CASE WHEN year <= ?2 THEN -year ELSE year END LIMIT 1";
	struct popcache *pc;
	sqlite3_stmt *st = NULL;
	struct rref reg;
	size_t n = 0, row, out = (size_t)table_col_find(x->t, s->out);
	int64_t pop;
	int rc;

	if ((rc = rctx_ref(x, s->a, &reg)) != 0 ||
	    (rc = db_prepare(x->db, sql, &st, x->err)) != 0)
		return rc;
	pc = malloc((x->rs.nrows + 1) * sizeof *pc);
	if (!pc) {
		sqlite3_finalize(st);
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	for (row = 0; !rc && row < table_nrows(x->t); row++) {
		rc = row_pop(x, st, pc, &n, &reg, row, &pop);
		if (!rc && pop > 0)
			rc = table_set_int(x->t, row, out, pop);
		else if (!rc && !x->rs.rflags[row] &&
			 !(table_row_flags(x->t, row) & ROW_TOTAL))
			x->pop_missing++;
	}
	free(pc);
	sqlite3_finalize(st);
	return rc;
}

/* ---- intervals ---- */

static int set3(struct rctx *x, size_t row, int out, int lo, int hi,
		double est, double l, double h)
{
	int rc = table_set_real(x->t, row, (size_t)out, est);

	if (!rc && lo >= 0)
		rc = table_set_real(x->t, row, (size_t)lo, l);
	if (!rc && hi >= 0)
		rc = table_set_real(x->t, row, (size_t)hi, h);
	return rc;
}

static int yoy_flag(struct rctx *x, size_t row, int fcol,
		    const struct stats_ratio *q)
{
	if (fcol < 0 || !isfinite(q->rr))
		return 0;
	return table_set_text(x->t, row, (size_t)fcol,
			      q->significant ? "yes" : "no",
			      q->significant ? "oui" : "non");
}

/* stat_fail: the error of a statistic that cannot be computed: report,
 * row (number and first cell), column and why. */
static int stat_fail(struct rctx *x, const struct report_stat *s,
		     size_t row, const char *why)
{
	char buf[NF_BUFSZ];
	const char *key = table_cell_display(x->t, row, 0, NS_EN, NF_MACHINE,
					     buf, sizeof buf);

	return nserr_set(x->err, NS_EINTERNAL, "%s: row %zu%s%s%s, column "
			 "'%s': cannot compute the statistic: %s", x->r->path,
			 row + 1, *key ? " ('" : "", key, *key ? "')" : "",
			 s->out, why);
}

/* has_ci: 1 when the interval of the statistic is shown somewhere. */
static int has_ci(const int cols[4])
{
	return cols[1] >= 0 || cols[2] >= 0;
}

/* one_ratio: a year-over-year change; the change itself is kept when
 * only its interval fails and neither interval nor flag is shown. */
static int one_ratio(struct rctx *x, const struct report_stat *s,
		     size_t row, double a, double b, const int cols[4])
{
	struct stats_ratio q;
	struct nserr e;
	int rc;

	/* from 0 (0 vs 0 too) there is no rate ratio: no change, and a
	 * note says why (x->yoy_from_zero) */
	if (b == 0) {
		x->yoy_from_zero++;
		return 0;
	}
	nserr_init(&e);
	rc = stats_rate_ratio((int64_t)a, 1, (int64_t)b, 1,
			      STATS_DEFAULT_LEVEL, &q, &e);
	if (rc && (has_ci(cols) || cols[3] >= 0 || rc != NS_EINTERNAL))
		return stat_fail(x, s, row, e.msg);
	if (rc)
		return table_set_real(x->t, row, (size_t)cols[0],
				      b > 0 ? a / b - 1 : NAN);
	rc = set3(x, row, cols[0], cols[1], cols[2], q.rr - 1, q.lo - 1,
		  q.hi - 1);
	if (!rc && q.significant && isfinite(q.rr))
		rc = table_add_flags(x->t, row, (size_t)cols[0],
				     CELL_SIGNIFICANT);
	if (!rc)
		rc = yoy_flag(x, row, cols[3], &q);
	return rc;
}

/*
 * one_stat: statistic s for one row whose inputs are a and b.  Inputs a
 * statistic cannot be computed on (a negative or fractional count, a
 * share above 1, a population of 0) and failed intervals are errors
 * (NS_EINTERNAL naming the row), never a blank; a rate or change whose
 * interval is not shown is kept when only the interval fails.
 */
static int one_stat(struct rctx *x, const struct report_stat *s, size_t row,
		    double a, double b, const int cols[4])
{
	struct stats_interval iv;
	struct nserr e;
	char why[NSERR_MSG_MAX];
	int rc = 0;

	nserr_init(&e);
	if (a < 0 || b < 0 || a != floor(a) ||
	    (s->kind != RS_RATE && b != floor(b))) {
		snprintf(why, sizeof why, "%s %.17g and %s %.17g must be "
			 "whole numbers, not negative", s->a, a, s->b, b);
		return stat_fail(x, s, row, why);
	}
	if (s->kind == RS_WILSON) {
		rc = stats_wilson((int64_t)a, (int64_t)b, STATS_DEFAULT_LEVEL,
				  &iv, &e);
	} else if (s->kind == RS_RATE) {
		if (b <= 0) {
			snprintf(why, sizeof why, "population %s is %.17g",
				 s->b, b);
			return stat_fail(x, s, row, why);
		}
		rc = stats_rate((int64_t)a, b, STATS_DEFAULT_PER,
				STATS_DEFAULT_LEVEL, &iv, &e);
		if (rc == NS_EINTERNAL && !has_ci(cols) && isfinite(iv.est))
			rc = 0;     /* the rate without its interval */
	} else {
		rc = one_ratio(x, s, row, a, b, cols);
		goto done;
	}
	if (rc)
		return stat_fail(x, s, row, e.msg);
	rc = set3(x, row, cols[0], cols[1], cols[2], iv.est, iv.lo, iv.hi);
done:
	if (!rc && !table_is_null(x->t, row, (size_t)cols[0]))
		x->used[s->kind] = 1;
	return rc;
}

/* total_numerator: for a total row with a population (the sum over its
 * members' regions that have one), *a = the count of those members only,
 * so that the rate divides like by like.  Members are recognised by the
 * region column of the population statistic.  Returns 1 (no rate) when
 * such a member's count was not recorded, else 0. */
static int total_numerator(struct rctx *x, const struct rref *ra,
			   const struct rref *rb, size_t row, double *a)
{
	struct rref reg;
	size_t i, k;
	double v, p, n;
	int any = 0;

	for (k = 0; k < x->r->nstats; k++)
		if (x->r->stats[k].kind == RS_POPULATION)
			break;
	if (k == x->r->nstats || rctx_ref(x, x->r->stats[k].a, &reg))
		return 0;
	if (!(table_row_flags(x->t, row) & ROW_TOTAL) &&
	    !(x->r->matrix[0] && x->rs.rflags[row]))
		return 0;
	for (i = 0, v = 0; i < table_nrows(x->t); i++) {
		if (!rstats_pop_member(x, &reg, i, row))
			continue;
		any = 1;
		if (!rctx_num(x, rb, i, &p) || p <= 0)
			continue;
		/* a member whose count was not recorded: its population would
		 * divide nothing, so no rate for the total */
		if (ra->tcol >= 0 && (table_flags(x->t, i, (size_t)ra->tcol) &
				      CELL_NOT_RECORDED))
			return 1;
		if (rctx_num(x, ra, i, &n))
			v += n;
	}
	if (any)
		*a = v;
	return 0;
}

static int do_interval(struct rctx *x, const struct report_stat *s)
{
	char lo[REPORT_ID_MAX + 8], hi[REPORT_ID_MAX + 8];
	struct rref ra, rb;
	int cols[4], rc;
	double a, b;
	size_t row;

	snprintf(lo, sizeof lo, "%s_lo", s->out);
	snprintf(hi, sizeof hi, "%s_hi", s->out);
	cols[0] = table_col_find(x->t, s->out);
	cols[1] = s->ci ? table_col_find(x->t, lo) : -1;
	cols[2] = s->ci ? table_col_find(x->t, hi) : -1;
	cols[3] = s->flag ? table_col_find(x->t, s->flag) : -1;
	if ((rc = rctx_ref(x, s->a, &ra)) != 0 ||
	    (rc = rctx_ref(x, s->b, &rb)) != 0)
		return rc;
	for (row = 0; row < table_nrows(x->t); row++) {
		if (!rctx_num(x, &ra, row, &a) || !rctx_num(x, &rb, row, &b))
			continue;
		if (s->kind == RS_RATE && total_numerator(x, &ra, &rb, row, &a))
			continue;
		if ((rc = one_stat(x, s, row, a, b, cols)) == NS_EINTERNAL)
			return rc;
		if (rc)
			return nserr_set(x->err, rc, "%s: cannot store '%s'",
					 x->r->path, s->out);
	}
	return 0;
}

int rstats_apply(struct rctx *x)
{
	size_t i;
	int rc = 0;

	if (period_months(&x->per) == 0)
		return 0;
	/* populations first: rates read them */
	for (i = 0; !rc && i < x->r->nstats; i++)
		if (x->r->stats[i].kind == RS_POPULATION)
			rc = do_population(x, &x->r->stats[i]);
	for (i = 0; !rc && i < x->r->nstats; i++)
		if (x->r->stats[i].kind != RS_POPULATION)
			rc = do_interval(x, &x->r->stats[i]);
	return rc;
}
