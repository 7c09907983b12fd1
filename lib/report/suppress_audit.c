/*
 * suppress_audit: how much a reader can learn about each hidden cell of a
 * suppress_set from everything published, by linear programming (GLPK,
 * the solver tau-ARGUS uses the same way).
 *
 * The program: one variable per hidden cell, bounded as its marker says
 * ("<N": 0..N-1; "x": N or more); one equality per line that has a hidden
 * cell, with the shown values moved to the right-hand side.  For each
 * audited cell it minimises and maximises that variable.  The true values
 * are a feasible point, so the program is always feasible.  Warm start:
 * presolve is off and each solve starts from the previous optimal basis;
 * a first program minimises (then maximises) the sum of all "<N" cells,
 * and every solution found proves which "<N" cells reach 0 or N-1: those
 * bounds are not solved for again, so most cells need no program of
 * their own; for those, fixing the cell at 0 (then N-1) and restoring
 * feasibility with the dual simplex (a few pivots) proves the bound, and
 * only a cell that cannot reach it is minimised or maximised (exposed).
 *
 * Decomposition: the program splits into independent components (hidden
 * cells linked through the published lines that hold them; shown cells
 * are constants), so each component is solved alone, and only those that
 * hold an audited cell (a repair re-audits only the components of the
 * cells found exposed).  A component that a single line binds needs no
 * solver: its intervals have a closed form (one_line), exact, not an
 * estimate.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"

#define EPS 1e-6
/* A sweep that proves fewer new bounds than this (plus 1/64 of those
 * left) ends the sweeps: each cell's own test is cheaper from there. */
#define SWEEP_MIN 16

struct lp {
	glp_prob *p;
	int ncols, nrows;
	int *col;                 /* per cell: LP column (1-based) or 0 */
	size_t *cell;             /* per LP column: the cell */
	unsigned char *at_lo, *at_hi;   /* per LP column: bound reached */
	int *ind;                 /* scratch for one row, 1-based */
	double *val, *acc;
};

static void lp_release(struct lp *lp)
{
	if (lp->p)
		glp_delete_prob(lp->p);
	free(lp->col);
	free(lp->cell);
	free(lp->at_lo);
	free(lp->at_hi);
	free(lp->ind);
	free(lp->val);
	free(lp->acc);
}

/* published: whether line i is an equation a reader sees (not one whose
 * total has no value). */
static int published(const struct suppress_set *s, size_t i)
{
	return s->state[s->l_total[i]] != SUPPRESS_ABSENT;
}

/* line_cell: member k of line i, k == len meaning its total. */
static size_t line_cell(const struct suppress_set *s, size_t i, size_t k)
{
	return k < s->l_len[i] ? s->members[s->l_start[i] + k] : s->l_total[i];
}

/*
 * gather: the equation of line i over the current LP columns: lp->ind[1..r]
 * and lp->val[1..r] get its non-zero coefficients (a cell both member and
 * total cancels out), *rhs the shown values moved to the right.  Returns r.
 */
static int gather(const struct suppress_set *s, struct lp *lp, size_t i,
		  double *rhs)
{
	size_t k, n = s->l_len[i], c;
	double sign;
	int nz = 0, j, r;

	*rhs = 0;
	for (k = 0; k <= n; k++) {
		c = line_cell(s, i, k);
		sign = k < n ? 1.0 : -1.0;
		if (!(j = lp->col[c])) {
			*rhs -= sign * (double)s->value[c];
			continue;
		}
		if (lp->acc[j] == 0)
			lp->ind[++nz] = j;
		lp->acc[j] += sign;
	}
	for (k = 1, r = 0; k <= (size_t)nz; k++) {
		j = lp->ind[k];
		if (lp->acc[j] != 0) {
			lp->ind[++r] = j;
			lp->val[r] = lp->acc[j];
		}
		lp->acc[j] = 0;
	}
	return r;
}

/* add_line: the equality of line i, when it has a hidden cell. */
static void add_line(const struct suppress_set *s, struct lp *lp, size_t i)
{
	double rhs;
	int r, j;

	if (!published(s, i) || (r = gather(s, lp, i, &rhs)) == 0)
		return;
	j = glp_add_rows(lp->p, 1);
	glp_set_row_bnds(lp->p, j, GLP_FX, rhs, rhs);
	glp_set_mat_row(lp->p, j, r, lp->ind, lp->val);
	lp->nrows++;
}

/* lp_alloc: the scratch arrays, sized for every cell of s.  Returns 0 or
 * -1 when out of memory. */
static int lp_alloc(const struct suppress_set *s, struct lp *lp)
{
	memset(lp, 0, sizeof *lp);
	lp->col = calloc(s->n + 1, sizeof *lp->col);
	lp->cell = malloc((s->n + 1) * sizeof *lp->cell);
	lp->at_lo = calloc(s->n + 1, 1);
	lp->at_hi = calloc(s->n + 1, 1);
	lp->ind = malloc((s->n + 2) * sizeof *lp->ind);
	lp->val = malloc((s->n + 2) * sizeof *lp->val);
	lp->acc = calloc(s->n + 2, sizeof *lp->acc);
	return !lp->col || !lp->cell || !lp->at_lo || !lp->at_hi || !lp->ind ||
	       !lp->val || !lp->acc ? -1 : 0;
}

/* lo_of, hi_of: the bounds a reader knows for hidden cell c. */
static double lo_of(const struct suppress_set *s, size_t c)
{
	return s->state[c] == SUPPRESS_PRIMARY ? 0 : (double)s->min_count;
}

static double hi_of(const struct suppress_set *s, size_t c)
{
	return s->state[c] == SUPPRESS_PRIMARY ? (double)(s->min_count - 1)
					       : HUGE_VAL;
}

/*
 * lp_columns: make the m hidden cells cells[] the LP columns 1..m (in
 * that order; lp->col maps them back), with the bounds reached by their
 * true values (a feasible point) already noted.
 */
static void lp_columns(const struct suppress_set *s, struct lp *lp,
		       const size_t *cells, int m)
{
	size_t c;
	int j;

	lp->ncols = m;
	lp->nrows = 0;
	for (j = 1; j <= m; j++) {
		c = cells[j - 1];
		lp->col[c] = j;
		lp->cell[j] = c;
		lp->at_lo[j] = s->value[c] == 0 ||
			       (s->state[c] != SUPPRESS_PRIMARY &&
				s->value[c] == s->min_count);
		lp->at_hi[j] = s->state[c] == SUPPRESS_PRIMARY &&
			       s->value[c] == s->min_count - 1;
	}
}

/* lp_forget: unmap the columns of the last component. */
static void lp_forget(struct lp *lp)
{
	int j;

	for (j = 1; j <= lp->ncols; j++)
		lp->col[lp->cell[j]] = 0;
	if (lp->p)
		glp_delete_prob(lp->p);
	lp->p = NULL;
	lp->ncols = lp->nrows = 0;
}

/* lp_build: the GLPK program of the current columns and the nl lines
 * lines[].  Returns 0. */
static int lp_build(const struct suppress_set *s, struct lp *lp,
		    const size_t *lines, size_t nl)
{
	size_t i;
	int j;

	glp_term_out(GLP_OFF);
	lp->p = glp_create_prob();
	glp_add_cols(lp->p, lp->ncols);
	for (j = 1; j <= lp->ncols; j++) {
		if (s->state[lp->cell[j]] == SUPPRESS_PRIMARY)
			glp_set_col_bnds(lp->p, j, GLP_DB, 0,
					 hi_of(s, lp->cell[j]));
		else
			glp_set_col_bnds(lp->p, j, GLP_LO,
					 lo_of(s, lp->cell[j]), 0);
	}
	for (i = 0; i < nl; i++)
		add_line(s, lp, lines[i]);
	return 0;
}

/* note_solution: record which variables sit on their bounds. */
static void note_solution(const struct suppress_set *s, struct lp *lp)
{
	double v, n1 = (double)(s->min_count - 1);
	int j;

	for (j = 1; j <= lp->ncols; j++) {
		v = glp_get_col_prim(lp->p, j);
		if (s->state[lp->cell[j]] == SUPPRESS_PRIMARY) {
			lp->at_lo[j] |= v <= EPS;
			lp->at_hi[j] |= v >= n1 - EPS;
		} else {
			lp->at_lo[j] |= v <= (double)s->min_count + EPS;
		}
	}
}

/* simplex: solve with the current objective, warm from the last basis.
 * Returns 0 or -1 when the solver fails. */
static int simplex(struct lp *lp)
{
	glp_smcp parm;
	int rc;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	rc = glp_simplex(lp->p, &parm);
	if (rc != 0) {         /* a lost basis: start again from scratch */
		glp_std_basis(lp->p);
		rc = glp_simplex(lp->p, &parm);
	}
	return rc != 0 ? -1 : 0;
}

/*
 * pick: set the objective to the sum of the "<N" cells not yet seen at
 * the bound (`seen`); with spread, only of cells that share no line with
 * one taken before (so that they do not trade off against each other).
 * Returns how many were taken.
 */
static int pick(const struct suppress_set *s, struct lp *lp,
		const unsigned char *seen, int spread, unsigned char *row_used)
{
	int j, k, len, open = 0, on;

	if (spread)
		memset(row_used, 0, (size_t)lp->nrows + 1);
	for (j = 1; j <= lp->ncols; j++) {
		on = s->state[lp->cell[j]] == SUPPRESS_PRIMARY && !seen[j];
		if (on && spread) {
			len = glp_get_mat_col(lp->p, j, lp->ind, lp->val);
			for (k = 1; k <= len && on; k++)
				on = !row_used[lp->ind[k]];
			for (k = 1; k <= len && on; k++)
				row_used[lp->ind[k]] = 1;
		}
		glp_set_obj_coef(lp->p, j, on ? 1.0 : 0.0);
		open += on;
	}
	return open;
}

/*
 * prove_bounds: minimise (GLP_MIN) the sum of the "<N" cells not yet seen
 * at 0, or maximise the sum of those not yet seen at N-1, while that
 * proves new ones: first all of them, then cells that share no line; the
 * cells left need a program of their own.  Returns 0 or -1 when the
 * solver fails.
 */
static int prove_bounds(const struct suppress_set *s, struct lp *lp, int dir)
{
	unsigned char *seen = dir == GLP_MIN ? lp->at_lo : lp->at_hi;
	unsigned char *row_used = malloc((size_t)lp->nrows + 1);
	int j, spread = 0, open, before, after, rc = 0;

	if (!row_used)
		return -1;
	glp_set_obj_dir(lp->p, dir);
	while (lp->nrows > 0 && spread < 2) {
		if ((open = pick(s, lp, seen, spread, row_used)) == 0) {
			if (!spread++)
				continue;
			break;
		}
		if (simplex(lp) || glp_get_status(lp->p) != GLP_OPT) {
			rc = -1;
			break;
		}
		for (j = 1, before = 0; j <= lp->ncols; j++)
			before += s->state[lp->cell[j]] == SUPPRESS_PRIMARY &&
				  !seen[j];
		note_solution(s, lp);
		for (j = 1, after = 0; j <= lp->ncols; j++)
			after += s->state[lp->cell[j]] == SUPPRESS_PRIMARY &&
				 !seen[j];
		if (before - after < SWEEP_MIN + before / 64)
			spread++;
	}
	for (j = 1; j <= lp->ncols; j++)
		glp_set_obj_coef(lp->p, j, 0.0);
	free(row_used);
	return rc;
}

/* optimise: min (dir GLP_MIN) or max of column j into *v (HUGE_VAL or
 * -HUGE_VAL when unbounded).  Returns 0 or -1 when the solver fails. */
static int optimise(const struct suppress_set *s, struct lp *lp, int j,
		    int dir, double *v)
{
	int rc, st;

	glp_set_obj_dir(lp->p, dir);
	glp_set_obj_coef(lp->p, j, 1.0);
	rc = simplex(lp);
	glp_set_obj_coef(lp->p, j, 0.0);
	if (rc != 0)
		return -1;
	st = glp_get_status(lp->p);
	if (st == GLP_UNBND) {
		*v = dir == GLP_MAX ? HUGE_VAL : -HUGE_VAL;
		return 0;
	}
	if (st != GLP_OPT)
		return -1;
	*v = glp_get_obj_val(lp->p);
	note_solution(s, lp);
	return 0;
}

/*
 * reach: whether column j can take the value v, everything else as
 * published: fix j at v and restore feasibility with the dual simplex
 * from the current basis (the objective is zero, so every basis is dual
 * feasible and a few pivots usually do).  *ok gets 1 or 0.  Returns 0 or
 * -1 when the solver fails.
 */
static int reach(const struct suppress_set *s, struct lp *lp, int j, double v,
		 int *ok)
{
	int type = glp_get_col_type(lp->p, j), rc, st;
	double lb = glp_get_col_lb(lp->p, j), ub = glp_get_col_ub(lp->p, j);
	glp_smcp parm;

	glp_set_col_bnds(lp->p, j, GLP_FX, v, v);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	parm.meth = GLP_DUALP;
	rc = glp_simplex(lp->p, &parm);
	if (rc != 0) {
		glp_std_basis(lp->p);
		rc = glp_simplex(lp->p, &parm);
	}
	st = glp_get_status(lp->p);
	*ok = rc == 0 && st == GLP_OPT;
	if (*ok)
		note_solution(s, lp);
	glp_set_col_bnds(lp->p, j, type, lb, ub);
	return rc == 0 && (st == GLP_OPT || st == GLP_NOFEAS) ? 0 : -1;
}

/* interval: the feasible interval of LP column j. */
static int interval(const struct suppress_set *s, struct lp *lp, int j,
		    int quick, struct suppress_interval *iv)
{
	int primary = s->state[lp->cell[j]] == SUPPRESS_PRIMARY, ok;
	double n1 = (double)(s->min_count - 1);

	iv->cell = lp->cell[j];
	iv->lo = primary ? 0 : (double)s->min_count;
	iv->hi = primary ? n1 : HUGE_VAL;
	if (lp->nrows == 0)
		goto out;
	if (primary && !lp->at_lo[j] && reach(s, lp, j, 0, &ok))
		return -1;
	if (primary && quick && !lp->at_lo[j]) {
		iv->lo = NAN;   /* exposed; how much is not needed */
		goto out;
	}
	if (primary && !lp->at_hi[j] && reach(s, lp, j, n1, &ok))
		return -1;
	if (primary && quick && !lp->at_hi[j]) {
		iv->hi = NAN;
		goto out;
	}
	if (!lp->at_lo[j] && optimise(s, lp, j, GLP_MIN, &iv->lo))
		return -1;
	if ((!primary || !lp->at_hi[j]) &&
	    optimise(s, lp, j, GLP_MAX, &iv->hi))
		return -1;
out:
	iv->exposed = primary && (!(iv->lo <= EPS) || !(iv->hi >= n1 - EPS));
	return 0;
}

/*
 * one_line: the exact intervals of the audited columns of a component
 * that a single line binds (no linear program needed).  For one equation
 * sum a_k x_k = rhs over boxes, x_j can take exactly the values of
 * (rhs - S) / a_j that lie in its own box, S ranging over the interval of
 * the sums of the other terms (each over its own box).  All values are
 * integers (sums exact in a double).
 */
static void one_line(const struct suppress_set *s, struct lp *lp, size_t line,
		     const unsigned char *audit, struct suppress_interval *res)
{
	double rhs, fmin = 0, fmax = 0, a, l, u, tmin, tmax, smin, smax, lo,
	       hi, n1 = (double)(s->min_count - 1);
	int r, k, j, imin = 0, imax = 0;
	size_t c;

	r = published(s, line) ? gather(s, lp, line, &rhs) : 0;
	for (k = 1; k <= r; k++)
		lp->acc[lp->ind[k]] = lp->val[k];
	for (k = 1; k <= r; k++) {
		j = lp->ind[k];
		a = lp->val[k];
		l = lo_of(s, lp->cell[j]);
		u = hi_of(s, lp->cell[j]);
		tmin = a > 0 ? a * l : a * u;
		tmax = a > 0 ? a * u : a * l;
		if (isinf(tmin))
			imin++;
		else
			fmin += tmin;
		if (isinf(tmax))
			imax++;
		else
			fmax += tmax;
	}
	for (j = 1; j <= lp->ncols; j++) {
		c = lp->cell[j];
		if (!audit[c])
			continue;
		a = lp->acc[j];
		l = lo_of(s, c);
		u = hi_of(s, c);
		lo = l;
		hi = u;
		if (a != 0) {
			tmin = a > 0 ? a * l : a * u;
			tmax = a > 0 ? a * u : a * l;
			/* isinf() may be negative for -inf: count with !! */
			smin = imin - !!isinf(tmin) > 0 ? -HUGE_VAL
				: fmin - (isinf(tmin) ? 0 : tmin);
			smax = imax - !!isinf(tmax) > 0 ? HUGE_VAL
				: fmax - (isinf(tmax) ? 0 : tmax);
			lo = (rhs - (a > 0 ? smax : smin)) / a;
			hi = (rhs - (a > 0 ? smin : smax)) / a;
			lo = lo > l ? lo : l;
			hi = hi < u ? hi : u;
		}
		res[c].cell = c;
		res[c].lo = lo;
		res[c].hi = hi;
		res[c].exposed = s->state[c] == SUPPRESS_PRIMARY &&
				 (!(lo <= EPS) || !(hi >= n1 - EPS));
	}
	for (k = 1; k <= r; k++)
		lp->acc[lp->ind[k]] = 0;
}

/*
 * The components: hidden cells linked by a published line that holds
 * both are in one component; a line's equation only involves the cells
 * of one component (the shown ones are constants), so each component's
 * intervals are those of its own, smaller, program.
 */
struct comps {
	size_t *up;               /* per cell: union-find parent */
	size_t *id;               /* per cell: component, SIZE_MAX if shown */
	size_t n;                 /* components */
	size_t *cstart, *cells;   /* cells of component k, in cell order */
	size_t *lstart, *lines;   /* lines of component k */
	unsigned char *need;      /* per component: has an audited cell */
};

static void comps_release(struct comps *g)
{
	free(g->up);
	free(g->id);
	free(g->cstart);
	free(g->cells);
	free(g->lstart);
	free(g->lines);
	free(g->need);
}

static size_t root(size_t *up, size_t c)
{
	size_t r = c, t;

	while (up[r] != r)
		r = up[r];
	while (up[c] != r) {
		t = up[c];
		up[c] = r;
		c = t;
	}
	return r;
}

/* line_first: the first hidden cell of line i, or SIZE_MAX. */
static size_t line_first(const struct suppress_set *s, size_t i)
{
	size_t k, c;

	for (k = 0; k <= s->l_len[i]; k++)
		if (SUPPRESS_HIDDEN(s->state[c = line_cell(s, i, k)]))
			return c;
	return SIZE_MAX;
}

/* comps_build: the components of s, and those that hold a cell of
 * audit[].  Returns 0 or -1 when out of memory. */
static int comps_build(const struct suppress_set *s, struct comps *g,
		       const unsigned char *audit)
{
	size_t c, i, k, h, x, *fill = NULL;

	memset(g, 0, sizeof *g);
	g->up = malloc((s->n + 1) * sizeof *g->up);
	g->id = malloc((s->n + 1) * sizeof *g->id);
	g->cstart = calloc(s->n + 2, sizeof *g->cstart);
	g->cells = malloc((s->n + 1) * sizeof *g->cells);
	g->lstart = calloc(s->n + 2, sizeof *g->lstart);
	g->lines = malloc((s->nl + 1) * sizeof *g->lines);
	g->need = calloc(s->n + 1, 1);
	fill = calloc(s->n + 1, sizeof *fill);
	if (!g->up || !g->id || !g->cstart || !g->cells || !g->lstart ||
	    !g->lines || !g->need || !fill) {
		free(fill);
		return -1;
	}
	for (c = 0; c < s->n; c++)
		g->up[c] = c;
	for (i = 0; i < s->nl; i++) {
		if (!published(s, i) || (h = line_first(s, i)) == SIZE_MAX)
			continue;
		h = root(g->up, h);
		for (k = 0; k <= s->l_len[i]; k++) {
			c = line_cell(s, i, k);
			if (SUPPRESS_HIDDEN(s->state[c]) &&
			    (x = root(g->up, c)) != h)
				g->up[x] = h;
		}
	}
	for (c = 0; c < s->n; c++)
		g->id[c] = SIZE_MAX;
	for (c = 0; c < s->n; c++) {
		if (!SUPPRESS_HIDDEN(s->state[c]))
			continue;
		x = root(g->up, c);
		if (g->id[x] == SIZE_MAX)
			g->id[x] = g->n++;
		g->id[c] = g->id[x];
		g->cstart[g->id[c] + 1]++;
		g->need[g->id[c]] |= audit[c];
	}
	for (i = 0; i < s->nl; i++)
		if (published(s, i) && (h = line_first(s, i)) != SIZE_MAX)
			g->lstart[g->id[h] + 1]++;
	for (k = 0; k < g->n; k++) {
		g->cstart[k + 1] += g->cstart[k];
		g->lstart[k + 1] += g->lstart[k];
	}
	for (c = 0; c < s->n; c++)
		if (g->id[c] != SIZE_MAX)
			g->cells[g->cstart[g->id[c]] + fill[g->id[c]]++] = c;
	memset(fill, 0, (s->n + 1) * sizeof *fill);
	for (i = 0; i < s->nl; i++)
		if (published(s, i) && (h = line_first(s, i)) != SIZE_MAX)
			g->lines[g->lstart[g->id[h]] + fill[g->id[h]]++] = i;
	free(fill);
	return 0;
}

/*
 * component: the intervals of the audited cells of component k into
 * res[cell]: in closed form when a single line binds it, else with the
 * component's own program.  Returns 0, or -1 when the solver fails
 * (*bad: the cell).
 */
static int component(const struct suppress_set *s, struct lp *lp,
		     const struct comps *g, size_t k,
		     const unsigned char *audit, int quick,
		     struct suppress_interval *res, size_t *bad)
{
	size_t nl = g->lstart[k + 1] - g->lstart[k], c;
	int j, rc = 0;

	lp_columns(s, lp, g->cells + g->cstart[k],
		   (int)(g->cstart[k + 1] - g->cstart[k]));
	if (nl == 1) {
		one_line(s, lp, g->lines[g->lstart[k]], audit, res);
		goto out;
	}
	lp_build(s, lp, g->lines + g->lstart[k], nl);
	*bad = lp->cell[1];
	if (prove_bounds(s, lp, GLP_MIN) || prove_bounds(s, lp, GLP_MAX)) {
		rc = -1;
		goto out;
	}
	for (j = 1; j <= lp->ncols; j++) {
		c = lp->cell[j];
		if (audit[c] && interval(s, lp, j, quick, &res[c])) {
			*bad = c;
			rc = -1;
			goto out;
		}
	}
out:
	lp_forget(lp);
	return rc;
}

int suppress_audit(const struct suppress_set *s, unsigned flags,
		   const unsigned char *only, struct suppress_interval **out,
		   size_t *nout, size_t *exposed, struct nserr *err)
{
	struct lp lp;
	struct comps g;
	struct suppress_interval *res = NULL;
	unsigned char *audit = calloc(s->n + 1, 1);
	size_t n = 0, nexp = 0, c, k, bad = 0;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	memset(&g, 0, sizeof g);
	if (lp_alloc(s, &lp) || !audit ||
	    !(res = malloc((s->n + 1) * sizeof *res))) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	for (c = 0; c < s->n; c++)
		audit[c] = SUPPRESS_HIDDEN(s->state[c]) &&
			   ((flags & SUPPRESS_AUDIT_X) ||
			    s->state[c] == SUPPRESS_PRIMARY) &&
			   (!only || only[c]);
	if (comps_build(s, &g, audit) ||
	    !(*out = malloc((s->n + 1) * sizeof **out))) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < g.n; k++)
		if (g.need[k] && component(s, &lp, &g, k, audit,
					   (flags & SUPPRESS_AUDIT_QUICK) != 0,
					   res, &bad)) {
			rc = nserr_set(err, NS_EINTERNAL, "table '%s': the "
				       "audit's linear program failed for cell "
				       "(%s)", s->table[bad], s->key[bad]);
			goto out;
		}
	for (c = 0; c < s->n; c++)
		if (audit[c]) {
			(*out)[n] = res[c];
			nexp += (*out)[n++].exposed;
		}
out:
	*nout = n;
	if (exposed)
		*exposed = nexp;
	comps_release(&g);
	lp_release(&lp);
	glp_free_env();
	free(res);
	free(audit);
	return rc;
}
