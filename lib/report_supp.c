/*
 * report_supp: small-cell suppression of a report's table, for the count
 * columns its metadata lists in 'suppress:' (DESIGN.md, Statistics).
 *
 * The published additive equations ("lines") are
 *   - with 'matrix: R x C', for every suppressed column: the cells of each
 *     row value add up to its "all C" total, the cells of each column
 *     value to its "all R" total, and the row totals and the column totals
 *     each add up to the grand total (the rows the engine adds);
 *   - every 'sum: T = A + B + ...', in every row (e.g. the unmet needs of
 *     a cell = the sum of its reasons), which links the matrices of the
 *     columns into one three-way table.
 * Rule 1 (primary): a count 1..N-1 is hidden and shown as "<N".
 * Rule 2 (complementary): a line with exactly one hidden member would give
 * it away, so a second member is hidden: the smallest non-zero visible
 * cell of the line, else its first visible zero, else its total; repeated
 * over all lines until nothing changes (the rule of suppress.h, which
 * handles one two-way matrix; here the lines of several matrices and of
 * the sums interact, so they are solved together).
 * Then every share, rate, change and interval computed from a hidden
 * count is hidden too.  Like suppress.h, this defeats solving any line
 * with a single unknown, not every combination of equations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

enum { SHOWN = 0, PRIMARY = 1, COMPLEMENT = 2 };

struct lines {
	size_t *pos;                /* members of all lines, back to back */
	size_t npos, cap_pos;
	size_t *start, *len, *total;    /* per line */
	size_t n, cap;
};

struct supp {
	size_t ns;                  /* suppressed columns */
	int col[REPORT_MAX_SUPPRESS];   /* their table columns */
	int64_t *v;                 /* nrows * ns values */
	unsigned char *st;          /* nrows * ns states */
	struct lines l;
};

static int line_add(struct lines *l, size_t total)
{
	size_t nc;

	if (l->n == l->cap) {
		nc = l->cap ? l->cap * 2 : 64;
		size_t *s = realloc(l->start, nc * sizeof *s);
		if (!s)
			return -1;
		l->start = s;
		if (!(s = realloc(l->len, nc * sizeof *s)))
			return -1;
		l->len = s;
		if (!(s = realloc(l->total, nc * sizeof *s)))
			return -1;
		l->total = s;
		l->cap = nc;
	}
	l->start[l->n] = l->npos;
	l->len[l->n] = 0;
	l->total[l->n++] = total;
	return 0;
}

static int line_member(struct lines *l, size_t pos)
{
	size_t *p;

	if (l->npos == l->cap_pos) {
		l->cap_pos = l->cap_pos ? l->cap_pos * 2 : 256;
		p = realloc(l->pos, l->cap_pos * sizeof *p);
		if (!p)
			return -1;
		l->pos = p;
	}
	l->pos[l->npos++] = pos;
	l->len[l->n - 1]++;
	return 0;
}

/* member_of: whether row i is a part (one level down) of total row tot;
 * part 0: along the row dimension... as documented at the top. */
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
	size_t k, tot, i;
	int which;

	for (k = 0; k < s->ns; k++)
		for (tot = 0; tot < rs->nrows; tot++) {
			if (!rs->rflags[tot] || rs->dim[0][tot] == RDIM_NONE)
				continue;
			for (which = 0; which < 2; which++) {
				if (which && (rs->dim[0][tot] != RDIM_TOTAL ||
					      rs->dim[1][tot] != RDIM_TOTAL))
					break;
				if (line_add(&s->l, tot * s->ns + k))
					return -1;
				for (i = 0; i < rs->nrows; i++)
					if (member_of(rs, i, tot, which) &&
					    line_member(&s->l, i * s->ns + k))
						return -1;
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

	for (i = 0; i < x->r->nsums; i++) {
		const struct report_sum *m = &x->r->sums[i];
		size_t kt = (size_t)find_k(s, x->t, m->total);

		for (row = 0; row < table_nrows(x->t); row++) {
			if (line_add(&s->l, row * s->ns + kt))
				return -1;
			for (j = 0; j < m->nterms; j++)
				if (line_member(&s->l, row * s->ns +
						(size_t)find_k(s, x->t,
							       m->terms[j])))
					return -1;
		}
	}
	return 0;
}

static int hidden(const struct supp *s, size_t pos)
{
	return s->st[pos] != SHOWN;
}

/* protect: rule 2 on line i; 1 when it hid a member. */
static int protect(struct supp *s, size_t i)
{
	const size_t *m = s->l.pos + s->l.start[i];
	size_t n = s->l.len[i], k, best = SIZE_MAX, zero = SIZE_MAX;
	int h = hidden(s, s->l.total[i]);

	for (k = 0; k < n && h < 2; k++)
		h += hidden(s, m[k]);
	if (h != 1)
		return 0;
	for (k = 0; k < n; k++) {
		if (hidden(s, m[k]))
			continue;
		if (s->v[m[k]] == 0) {
			if (zero == SIZE_MAX)
				zero = m[k];
		} else if (best == SIZE_MAX || s->v[m[k]] < s->v[best]) {
			best = m[k];
		}
	}
	if (best == SIZE_MAX)
		best = zero;
	if (best == SIZE_MAX)
		best = s->l.total[i];
	s->st[best] = COMPLEMENT;
	return 1;
}

/* derived: hide every statistic whose inputs include a hidden cell. */
static int derived(struct rctx *x)
{
	char name[REPORT_ID_MAX + 8];
	size_t i, row, k;
	int in[2], out[4];

	for (i = 0; i < x->r->nstats; i++) {
		const struct report_stat *st = &x->r->stats[i];

		if (st->kind == RS_POPULATION)
			continue;
		in[0] = table_col_find(x->t, st->a);
		in[1] = table_col_find(x->t, st->b);
		out[0] = table_col_find(x->t, st->out);
		snprintf(name, sizeof name, "%s_lo", st->out);
		out[1] = table_col_find(x->t, name);
		snprintf(name, sizeof name, "%s_hi", st->out);
		out[2] = table_col_find(x->t, name);
		out[3] = st->flag ? table_col_find(x->t, st->flag) : -1;
		for (row = 0; row < table_nrows(x->t); row++) {
			if (!((in[0] >= 0 && (table_flags(x->t, row, (size_t)
			       in[0]) & CELL_SUPPRESSED)) || (in[1] >= 0 &&
			      (table_flags(x->t, row, (size_t)in[1]) &
			       CELL_SUPPRESSED))))
				continue;
			for (k = 0; k < 4; k++)
				if (out[k] >= 0 && table_add_flags(x->t, row,
				    (size_t)out[k], CELL_SUPPRESSED))
					return NS_ENOMEM;
		}
	}
	return 0;
}

static int solve(struct rctx *x, struct supp *s)
{
	size_t n = table_nrows(x->t), row, k, i;
	int changed;
	double v;

	for (k = 0; k < s->ns; k++)
		s->col[k] = table_col_find(x->t, x->r->suppress[k]);
	for (row = 0; row < n; row++)
		for (k = 0; k < s->ns; k++) {
			v = table_get_real(x->t, row, (size_t)s->col[k]);
			s->v[row * s->ns + k] = v == v ? (int64_t)v : 0;
			s->st[row * s->ns + k] = v >= 1 && v < x->o->min_cell
						 ? PRIMARY : SHOWN;
		}
	if ((x->r->matrix[0] && matrix_lines(x, s)) || sum_lines(x, s))
		return NS_ENOMEM;
	do {
		changed = 0;
		for (i = 0; i < s->l.n; i++)
			changed |= protect(s, i);
	} while (changed);
	for (i = 0; i < n * s->ns; i++)
		if (s->st[i] != SHOWN &&
		    table_add_flags(x->t, i / s->ns, (size_t)s->col[i % s->ns],
				    s->st[i] == PRIMARY ? CELL_SUPPRESSED
				    : CELL_COMPLEMENTARY))
			return NS_ENOMEM;
	return derived(x);
}

int rsupp_apply(struct rctx *x)
{
	struct supp s;
	size_t n = table_nrows(x->t);
	int rc;

	if (x->r->nsuppress == 0 || x->o->min_cell <= 1 || n == 0)
		return 0;
	memset(&s, 0, sizeof s);
	s.ns = x->r->nsuppress;
	s.v = malloc(n * s.ns * sizeof *s.v);
	s.st = malloc(n * s.ns);
	rc = s.v && s.st ? solve(x, &s) : NS_ENOMEM;
	free(s.v);
	free(s.st);
	free(s.l.pos);
	free(s.l.start);
	free(s.l.len);
	free(s.l.total);
	return rc ? nserr_set(x->err, rc, "out of memory") : 0;
}
