/*
 * report_supp: small-cell suppression of a report's table, for the count
 * columns its metadata lists in 'suppress:' (DESIGN.md, Statistics), with
 * the protection and the audit of suppress.h.
 *
 * Every count of a suppressed column is a cell of a suppress_set, keyed by
 * the row's text keys and the column ("Alberta, Housing, waitlist").  The
 * published additive equations ("lines") are
 *   - with 'matrix: R x C', for every suppressed column: the cells of each
 *     row value add up to its "all C" total, the cells of each column
 *     value to its "all R" total, and the row totals and the column totals
 *     each add up to the grand total (the rows the engine adds);
 *   - without a matrix, the one total row of the query (total_row) = the
 *     sum of the other rows;
 *   - every 'sum: T = A + B + ...', in every row (e.g. the unmet needs of
 *     a cell = the sum of its reasons), which links the matrices of the
 *     columns into one three-way table;
 *   - every 'group: C by K = T', for each value of text column K: T (a
 *     count of the whole table the query returns without showing it,
 *     such as the period's contacts that shares are divided by) = the
 *     C of the rows with that value (e.g. the age groups of a caller
 *     profile add up to its contacts, and so do its genders).
 * Counts 0..N-1 are shown "<N", the cells hidden to protect them "x"; the
 * audit proves that no "<N" cell can be narrowed below 0..N-1 by any
 * combination of the lines, or the run fails (NS_EINTERNAL: nothing is
 * published).  Then every share, rate, change and interval computed from a
 * hidden count (or hidden group total) is hidden too, and so is every
 * column the query computes that 'derived:' declares built on one.  With --min-cell 1 nothing is suppressed and
 * the table says it is not for publication.
 *
 * A request of several tables (o->joint, report_set.c) suppresses them as
 * one set: each run first adds its cells (keyed by what they count, the
 * same count in two tables being one cell) and lines to the request's set
 * and hides nothing; the request protects and audits the whole set; a
 * second run (o->joint_apply) finds its cells again and takes their
 * states, so its notes and derived columns see the final suppression.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "suppress.h"

struct supp {
	size_t ns;                  /* suppressed columns */
	int col[REPORT_MAX_SUPPRESS];   /* their table columns */
	size_t *cell;               /* nrows * ns: cell index in set */
	size_t *gtot;               /* nrows * ngroups: cell of the group
				     * total in that row, SIZE_MAX: none */
	size_t *tmp;                /* members of one line */
	struct suppress_set own;    /* the table's own set, or */
	struct suppress_set *set;   /* ... the request's (o->joint) */
};

/* member_of: whether row i is a part (one level down) of total row tot;
 * which: for the grand total, 0 the row totals, 1 the column totals. */
static int member_of(const struct rstore *rs, size_t i, size_t tot, int which)
{
	int a0 = rs->dim[0][tot], a1 = rs->dim[1][tot];
	int b0 = rs->dim[0][i], b1 = rs->dim[1][i];

	if (a0 >= 0 && a1 == RDIM_TOTAL)
		return b0 == a0 && b1 >= 0;
	if (a0 == RDIM_TOTAL && a1 >= 0)
		return b0 >= 0 && b1 == a1;
	if (a0 == RDIM_TOTAL && a1 == RDIM_TOTAL)
		return which ? (b0 == RDIM_TOTAL && b1 >= 0)
			     : (b0 >= 0 && b1 == RDIM_TOTAL);
	return 0;
}

static int matrix_lines(const struct rctx *x, struct supp *s)
{
	const struct rstore *rs = &x->rs;
	size_t k, tot, i, n;
	int which, rc;

	for (k = 0; k < s->ns; k++)
		for (tot = 0; tot < rs->nrows; tot++) {
			if (!rs->rflags[tot] || rs->dim[0][tot] == RDIM_NONE)
				continue;
			for (which = 0; which < 2; which++) {
				if (which && (rs->dim[0][tot] != RDIM_TOTAL ||
					      rs->dim[1][tot] != RDIM_TOTAL))
					break;
				for (i = 0, n = 0; i < rs->nrows; i++)
					if (member_of(rs, i, tot, which))
						s->tmp[n++] = s->cell[i * s->ns + k];
				if ((rc = suppress_line(s->set, s->cell[tot *
				     s->ns + k], s->tmp, n, x->err)) != 0)
					return rc;
			}
		}
	return 0;
}

static int find_k(const struct supp *s, const struct table *t,
		  const char *name)
{
	int c = table_col_find(t, name);
	size_t k;

	for (k = 0; k < s->ns; k++)
		if (s->col[k] == c)
			return (int)k;
	return -1;
}

static int sum_lines(const struct rctx *x, struct supp *s)
{
	size_t i, row, j;
	int rc;

	for (i = 0; i < x->r->nsums; i++) {
		const struct report_sum *m = &x->r->sums[i];
		size_t kt = (size_t)find_k(s, x->t, m->total);

		for (row = 0; row < table_nrows(x->t); row++) {
			for (j = 0; j < m->nterms; j++)
				s->tmp[j] = s->cell[row * s->ns + (size_t)
						    find_k(s, x->t, m->terms[j])];
			if ((rc = suppress_line(s->set, s->cell[row * s->ns +
			     kt], s->tmp, m->nterms, x->err)) != 0)
				return rc;
		}
	}
	return 0;
}

/*
 * total_lines: without a matrix, a table with exactly one total row (the
 * query's total_row) publishes, for every suppressed column, total = the
 * sum of the other rows (checked: a total that is not that sum stops the
 * run, the report's metadata being wrong).
 */
static int total_lines(const struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), row, tot = SIZE_MAX, k, m;
	int rc;

	for (row = 0; row < n; row++)
		if (table_row_flags(x->t, row) & ROW_TOTAL) {
			if (tot != SIZE_MAX)
				return 0;
			tot = row;
		}
	if (tot == SIZE_MAX)
		return 0;
	for (k = 0; k < s->ns; k++) {
		for (row = 0, m = 0; row < n; row++)
			if (row != tot)
				s->tmp[m++] = s->cell[row * s->ns + k];
		if ((rc = suppress_line(s->set, s->cell[tot * s->ns + k],
					s->tmp, m, x->err)) != 0)
			return rc;
	}
	return 0;
}

/*
 * group_cells: for every 'group: COUNT by KEY = TOTAL', the count TOTAL
 * of every row (a query column the table does not show, keyed by its
 * name alone: one count of the whole table, the same cell in every row
 * that has the same value) into the set, as a total.
 */
static int group_cells(const struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), g, row;
	struct rref ref;
	double v;
	long id;
	int rc;

	for (g = 0; g < x->r->ngroups; g++) {
		const struct report_group *gr = &x->r->groups[g];

		if ((rc = rctx_ref(x, gr->total, &ref)) != 0)
			return rc;
		for (row = 0; row < n; row++) {
			s->gtot[row * x->r->ngroups + g] = SIZE_MAX;
			if (table_row_flags(x->t, row) & ROW_TOTAL)
				continue;
			if (!rctx_num(x, &ref, row, &v) || v < 0 ||
			    v != floor(v))
				return nserr_set(x->err, NS_ECONFIG, "%s: group: "
						 "'%s' is not a count in row %zu "
						 "of the query", x->r->path,
						 gr->total, row + 1);
			id = suppress_cell(s->set, x->r->id, gr->total,
					   (int64_t)v, SUPPRESS_CELL_TOTAL,
					   x->err);
			if (id < 0)
				return (int)id;
			s->gtot[row * x->r->ngroups + g] = (size_t)id;
		}
	}
	return 0;
}

/* group_lines: for every group, each value of its KEY column: TOTAL =
 * the COUNT of the rows with that value (rows without a value or totals
 * of the query belong to no group). */
static int group_lines(const struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), g, row, i, m;
	const char *v, *w;
	int kc, k, rc;

	for (g = 0; g < x->r->ngroups; g++) {
		const struct report_group *gr = &x->r->groups[g];

		kc = table_col_find(x->t, gr->key);
		k = find_k(s, x->t, gr->count);
		for (row = 0; row < n; row++) {
			if (s->gtot[row * x->r->ngroups + g] == SIZE_MAX ||
			    !(v = table_get_text(x->t, row, (size_t)kc, NS_EN)))
				continue;
			/* the first row of its group only */
			for (i = 0; i < row; i++)
				if (s->gtot[i * x->r->ngroups + g] != SIZE_MAX &&
				    (w = table_get_text(x->t, i, (size_t)kc,
							NS_EN)) && !strcmp(v, w))
					break;
			if (i < row)
				continue;
			for (i = row, m = 0; i < n; i++)
				if (s->gtot[i * x->r->ngroups + g] != SIZE_MAX &&
				    (w = table_get_text(x->t, i, (size_t)kc,
							NS_EN)) && !strcmp(v, w))
					s->tmp[m++] = s->cell[i * s->ns +
							      (size_t)k];
			if ((rc = suppress_line(s->set, s->gtot[row *
			     x->r->ngroups + g], s->tmp, m, x->err)) != 0)
				return rc;
		}
	}
	return 0;
}

/* is_sum_total: whether count column k is the total of a 'sum:'. */
static int is_sum_total(const struct rctx *x, const struct supp *s, size_t k)
{
	size_t i;

	for (i = 0; i < x->r->nsums; i++)
		if (find_k(s, x->t, x->r->sums[i].total) == (int)k)
			return 1;
	return 0;
}

/* cell_key: "KEY, KEY, column" for count column k of row. */
static void cell_key(const struct rctx *x, const struct supp *s, size_t row,
		     size_t k, char *buf, size_t size)
{
	size_t c, len = 0;
	const char *v;

	buf[0] = '\0';
	for (c = 0; c < table_ncols(x->t); c++) {
		if (table_col_is_numeric(x->t, c))
			continue;
		v = table_get_text(x->t, row, c, NS_EN);
		if (!v)
			v = table_row_flags(x->t, row) & ROW_TOTAL ? "Total"
								   : "";
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
					"%s, ", v);
	}
	if (len < size)
		snprintf(buf + len, size - len, "%s",
			 table_col(x->t, (size_t)s->col[k])->name);
}

/* A dimension of a joint key. */
struct kpart {
	const char *name, *value;
};

/*
 * joint_key: the key of count column k of row in the request's set
 * (o->joint): what the cell counts, whichever report shows it, so that
 * two tables showing one count give one key: "NAME=VALUE, ...,
 * column" with the row's text columns by name (sorted), the dimensions a
 * total row sums over left out ("All regions" of a matrix; every text of
 * the query's total row): "category=Housing, region=Alberta, unmet",
 * "region=Alberta, unmet" (its "All categories" row, or a report by
 * region only), "unmet" (a grand total).
 */
static void joint_key(const struct rctx *x, const struct supp *s, size_t row,
		      size_t k, char *buf, size_t size)
{
	struct kpart p[REPORT_MAX_COLS], tmp;
	size_t c, n = 0, i, j, len = 0;
	const char *name, *v;
	int d, tot = (table_row_flags(x->t, row) & ROW_TOTAL) != 0;

	for (c = 0; c < table_ncols(x->t) && n < REPORT_MAX_COLS; c++) {
		if (table_col_is_numeric(x->t, c))
			continue;
		name = table_col(x->t, c)->name;
		for (d = 0; d < 2 && !(x->r->matrix[d] &&
					 !strcmp(x->r->matrix[d], name)); d++)
			;
		if (x->r->matrix[0] ? d < 2 && x->rs.dim[d][row] == RDIM_TOTAL
		    : tot)
			continue;
		v = table_get_text(x->t, row, c, NS_EN);
		p[n++] = (struct kpart){ name, v ? v : "" };
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(p[j - 1].name, p[j].name) > 0; j--) {
			tmp = p[j];
			p[j] = p[j - 1];
			p[j - 1] = tmp;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
					"%s=%s, ", p[i].name, p[i].value);
	if (len < size)
		snprintf(buf + len, size - len, "%s",
			 table_col(x->t, (size_t)s->col[k])->name);
}

/* add_cells: every count of the suppressed columns into the set. */
static int add_cells(const struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), row, k;
	char key[480];
	unsigned fl;
	double v;
	long id;

	for (row = 0; row < n; row++)
		for (k = 0; k < s->ns; k++) {
			v = table_get_real(x->t, row, (size_t)s->col[k]);
			if (x->o->joint)
				joint_key(x, s, row, k, key, sizeof key);
			else
				cell_key(x, s, row, k, key, sizeof key);
			fl = (table_row_flags(x->t, row) & ROW_TOTAL) ||
			     is_sum_total(x, s, k) ? SUPPRESS_CELL_TOTAL : 0;
			/* "not recorded", "no data": no value, adds nothing
			 * to the totals (report_cover.c) */
			if (table_flags(x->t, row, (size_t)s->col[k]) &
			    (CELL_NOT_RECORDED | CELL_NO_DATA))
				fl |= SUPPRESS_CELL_ABSENT;
			id = suppress_cell(s->set, x->r->id, key, v == v &&
					   !(fl & SUPPRESS_CELL_ABSENT) ?
					   (int64_t)llround(v) : 0, fl, x->err);
			if (id < 0)
				return (int)id;
			s->cell[row * s->ns + k] = (size_t)id;
		}
	return 0;
}

/* hidden_in: whether the input `name` of row is hidden: a suppressed
 * cell of the table, or a group total hidden by the protection. */
static int hidden_in(const struct rctx *x, const struct supp *s,
		     const char *name, size_t row)
{
	int c = name ? table_col_find(x->t, name) : -1;
	size_t g, id;

	if (c >= 0)
		return (table_flags(x->t, row, (size_t)c) & CELL_SUPPRESSED) != 0;
	for (g = 0; name && g < x->r->ngroups; g++)
		if (!strcmp(x->r->groups[g].total, name)) {
			id = s->gtot[row * x->r->ngroups + g];
			return id != SIZE_MAX &&
			       SUPPRESS_HIDDEN(s->set->state[id]);
		}
	return 0;
}

/* hide_out: hide column `name` and its interval bounds in row. */
static int hide_out(struct rctx *x, const char *name, size_t row)
{
	char b[REPORT_ID_MAX + 8];
	int c[3];
	size_t k;

	c[0] = table_col_find(x->t, name);
	snprintf(b, sizeof b, "%s_lo", name);
	c[1] = table_col_find(x->t, b);
	snprintf(b, sizeof b, "%s_hi", name);
	c[2] = table_col_find(x->t, b);
	for (k = 0; k < 3; k++)
		if (c[k] >= 0 && table_add_flags(x->t, row, (size_t)c[k],
						 CELL_SUPPRESSED))
			return NS_ENOMEM;
	return 0;
}

/* derived: hide every statistic whose inputs include a hidden cell (or
 * a hidden group total), and every 'derived:' column likewise. */
static int derived(struct rctx *x, const struct supp *s)
{
	size_t i, row, j;
	int hid, fc;

	for (row = 0; row < table_nrows(x->t); row++) {
		for (i = 0; i < x->r->nstats; i++) {
			const struct report_stat *st = &x->r->stats[i];

			if (st->kind == RS_POPULATION ||
			    !(hidden_in(x, s, st->a, row) ||
			      hidden_in(x, s, st->b, row)))
				continue;
			if (hide_out(x, st->out, row))
				return NS_ENOMEM;
			fc = st->flag ? table_col_find(x->t, st->flag) : -1;
			if (fc >= 0 && table_add_flags(x->t, row, (size_t)fc,
						       CELL_SUPPRESSED))
				return NS_ENOMEM;
		}
		for (i = 0; i < x->r->nderived; i++) {
			const struct report_derived *d = &x->r->derived[i];

			for (j = 0, hid = 0; j < d->nfrom && !hid; j++)
				hid = hidden_in(x, s, d->from[j], row);
			if (hid && hide_out(x, d->out, row))
				return NS_ENOMEM;
		}
	}
	return 0;
}

/* audit_cols: the columns of the audit table, once. */
static int audit_cols(struct rctx *x)
{
	struct table *a = x->o->audit;

	if (table_ncols(a) == 0 &&
	    (table_add_col(a, "table", COL_TEXT, "Table", "Tableau") < 0 ||
	     table_add_col(a, "cell", COL_TEXT, "Cell", "Cellule") < 0 ||
	     table_add_col(a, "marker", COL_TEXT, "Shown", "Affich\xc3\xa9")
	     < 0 || table_add_col(a, "lo", COL_REAL, "Lowest", "Minimum") < 0
	     || table_add_col(a, "hi", COL_REAL, "Highest", "Maximum") < 0 ||
	     table_add_col(a, "safe", COL_TEXT, "Safe", "S\xc3\xbbr") < 0))
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	return 0;
}

/* audit_rows: the interval of every hidden cell into o->audit. */
static int audit_rows(struct rctx *x, struct supp *s)
{
	struct table *a = x->o->audit;
	struct suppress_interval *iv = NULL;
	size_t n = 0, i, c;
	char mark[24];
	int rc, r;

	rc = suppress_audit(s->set, SUPPRESS_AUDIT_X, NULL, &iv, &n, NULL, x->err);
	for (i = 0; !rc && i < n; i++) {
		c = iv[i].cell;
		if (s->set->state[c] == SUPPRESS_PRIMARY)
			snprintf(mark, sizeof mark, "<%lld",
				 (long long)s->set->min_count);
		else
			snprintf(mark, sizeof mark, "x");
		if ((r = table_add_row(a)) < 0 ||
		    table_set_text(a, (size_t)r, 0, s->set->table[c], NULL) ||
		    table_set_text(a, (size_t)r, 1, s->set->key[c], NULL) ||
		    table_set_text(a, (size_t)r, 2, mark, NULL) ||
		    table_set_real(a, (size_t)r, 3, iv[i].lo) ||
		    (isinf(iv[i].hi) ? table_set_null(a, (size_t)r, 4)
		     : table_set_real(a, (size_t)r, 4, iv[i].hi)) ||
		    table_set_text(a, (size_t)r, 5, iv[i].exposed ? "no" : "yes",
				   iv[i].exposed ? "non" : "oui"))
			rc = nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	free(iv);
	return rc;
}

/* model: the table's cells and (unless the request's set is protected
 * already: its cells are found again, same keys and values) its lines. */
static int model(struct rctx *x, struct supp *s)
{
	int lines = !x->o->joint || !x->o->joint_apply, rc;
	size_t i, before = s->set->n;

	for (i = 0; i < s->ns; i++)
		s->col[i] = table_col_find(x->t, x->r->suppress[i]);
	if ((rc = add_cells(x, s)) != 0 || (rc = group_cells(x, s)) != 0)
		return rc == NS_EDATA ? nserr_prefix(x->err, "cannot protect "
		       "the table") : rc;
	/* a new cell now would have no state of the protection: shown */
	if (!lines && s->set->n != before)
		return nserr_set(x->err, NS_EINTERNAL, "the second run of the "
				 "report gave a count the first did not "
				 "(%s): nothing may be published",
				 s->set->key[before]);
	if ((lines && x->r->matrix[0] && (rc = matrix_lines(x, s)) != 0) ||
	    (lines && !x->r->matrix[0] && (rc = total_lines(x, s)) != 0) ||
	    (lines && (rc = sum_lines(x, s)) != 0) ||
	    (lines && (rc = group_lines(x, s)) != 0))
		return rc == NS_EDATA ? nserr_prefix(x->err, "cannot protect "
		       "the table") : rc;
	return 0;
}

static int solve(struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), i;
	unsigned f;
	int rc;

	if ((rc = model(x, s)) != 0)
		return rc;
	if (x->o->joint && !x->o->joint_apply)
		return 0;   /* the request protects the whole set, then
			     * runs the report again */
	if (!x->o->joint && (rc = suppress_protect(s->set, x->err)) != 0)
		return rc;
	for (i = 0; i < n * s->ns; i++) {
		f = s->set->state[s->cell[i]];
		if (SUPPRESS_HIDDEN(f) &&
		    table_add_flags(x->t, i / s->ns, (size_t)s->col[i % s->ns],
				    f == SUPPRESS_PRIMARY ? CELL_SUPPRESSED
				    : CELL_COMPLEMENTARY))
			return nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	if (x->o->audit && (rc = audit_rows(x, s)) != 0)
		return rc;
	return derived(x, s);
}

/* not_for_publication: the note of a table whose counts are not
 * suppressed although its report asks for it. */
static int not_for_publication(struct rctx *x)
{
	if (table_add_note(x->t, "NOT FOR PUBLICATION: small counts are not "
			   "suppressed (--no-suppress or --min-cell 1); for "
			   "internal use only.", "\xc3\x80 NE PAS PUBLIER\xc2\xa0"
			   ": les petits effectifs ne sont pas masqu\xc3\xa9s "
			   "(--no-suppress ou --min-cell 1)\xc2\xa0; usage "
			   "interne seulement."))
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	return 0;
}

int rsupp_apply(struct rctx *x)
{
	struct supp s;
	size_t n = table_nrows(x->t);
	int rc = 0;

	if (x->o->audit && (rc = audit_cols(x)) != 0)
		return rc;
	if (x->r->nsuppress == 0)
		return 0;
	if (x->o->min_cell <= 1)
		return not_for_publication(x);
	if (n == 0)
		return 0;
	memset(&s, 0, sizeof s);
	s.ns = x->r->nsuppress;
	s.set = x->o->joint ? x->o->joint : &s.own;
	if (x->o->joint && x->o->joint->min_count != x->o->min_cell)
		return nserr_set(x->err, NS_EUSAGE, "the request's set has "
				 "threshold %lld, the report %d",
				 (long long)x->o->joint->min_count,
				 x->o->min_cell);
	if (x->o->joint || (rc = suppress_init(&s.own, x->o->min_cell,
					       x->err)) == 0) {
		s.cell = malloc(n * s.ns * sizeof *s.cell);
		s.tmp = malloc((n + REPORT_MAX_SUPPRESS + 1) * sizeof *s.tmp);
		s.gtot = malloc((n * x->r->ngroups + 1) * sizeof *s.gtot);
		rc = s.cell && s.tmp && s.gtot ? solve(x, &s)
		     : nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	free(s.cell);
	free(s.tmp);
	free(s.gtot);
	if (!x->o->joint)
		suppress_release(&s.own);
	return rc;
}
