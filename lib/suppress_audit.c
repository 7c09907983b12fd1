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
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"

#define EPS 1e-6

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
	glp_free_env();
}

/* add_line: the equality of line i, when it has a hidden cell (none for a
 * line whose total has no value: that equation is not published). */
static void add_line(const struct suppress_set *s, struct lp *lp, size_t i)
{
	size_t k, n = s->l_len[i], c;
	double rhs = 0, sign;
	int nz = 0, j, r;

	if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
		return;

	for (k = 0; k <= n; k++) {
		c = k < n ? s->members[s->l_start[i] + k] : s->l_total[i];
		sign = k < n ? 1.0 : -1.0;
		if (!(j = lp->col[c])) {
			rhs -= sign * (double)s->value[c];
			continue;
		}
		if (lp->acc[j] == 0)
			lp->ind[++nz] = j;
		lp->acc[j] += sign;
	}
	/* gather the non-zero coefficients (a cell both member and total
	 * cancels out) */
	for (k = 1, r = 0; k <= (size_t)nz; k++) {
		j = lp->ind[k];
		if (lp->acc[j] != 0) {
			lp->ind[++r] = j;
			lp->val[r] = lp->acc[j];
		}
		lp->acc[j] = 0;
	}
	if (r == 0)
		return;
	j = glp_add_rows(lp->p, 1);
	glp_set_row_bnds(lp->p, j, GLP_FX, rhs, rhs);
	glp_set_mat_row(lp->p, j, r, lp->ind, lp->val);
	lp->nrows++;
}

static int lp_build(const struct suppress_set *s, struct lp *lp)
{
	size_t c, i;
	double n1 = (double)(s->min_count - 1);
	int j;

	memset(lp, 0, sizeof *lp);
	lp->col = calloc(s->n + 1, sizeof *lp->col);
	lp->cell = malloc((s->n + 1) * sizeof *lp->cell);
	lp->at_lo = calloc(s->n + 1, 1);
	lp->at_hi = calloc(s->n + 1, 1);
	lp->ind = malloc((s->n + 2) * sizeof *lp->ind);
	lp->val = malloc((s->n + 2) * sizeof *lp->val);
	lp->acc = calloc(s->n + 2, sizeof *lp->acc);
	if (!lp->col || !lp->cell || !lp->at_lo || !lp->at_hi || !lp->ind ||
	    !lp->val || !lp->acc)
		return -1;
	glp_term_out(GLP_OFF);
	lp->p = glp_create_prob();
	for (c = 0; c < s->n; c++)
		if (SUPPRESS_HIDDEN(s->state[c])) {
			lp->col[c] = ++lp->ncols;
			lp->cell[lp->ncols] = c;
		}
	if (lp->ncols == 0)
		return 0;
	glp_add_cols(lp->p, lp->ncols);
	for (j = 1; j <= lp->ncols; j++) {
		c = lp->cell[j];
		if (s->state[c] == SUPPRESS_PRIMARY)
			glp_set_col_bnds(lp->p, j, GLP_DB, 0, n1);
		else
			glp_set_col_bnds(lp->p, j, GLP_LO,
					 (double)s->min_count, 0);
		/* the true values are a feasible point */
		lp->at_lo[j] = s->value[c] == 0 ||
			       (s->state[c] != SUPPRESS_PRIMARY &&
				s->value[c] == s->min_count);
		lp->at_hi[j] = s->state[c] == SUPPRESS_PRIMARY &&
			       s->value[c] == s->min_count - 1;
	}
	for (i = 0; i < s->nl; i++)
		add_line(s, lp, i);
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
		if (after == before)
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

int suppress_audit(const struct suppress_set *s, unsigned flags,
		   const unsigned char *only, struct suppress_interval **out,
		   size_t *nout, size_t *exposed, struct nserr *err)
{
	struct lp lp;
	size_t n = 0, nexp = 0;
	int j, rc = 0;

	*out = NULL;
	*nout = 0;
	if (lp_build(s, &lp) ||
	    !(*out = malloc(((size_t)lp.ncols + 1) * sizeof **out))) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	if (prove_bounds(s, &lp, GLP_MIN) || prove_bounds(s, &lp, GLP_MAX)) {
		rc = nserr_set(err, NS_EINTERNAL, "the suppression audit's "
			       "linear program failed");
		goto out;
	}
	for (j = 1; j <= lp.ncols; j++) {
		if ((!(flags & SUPPRESS_AUDIT_X) && s->state[lp.cell[j]] != SUPPRESS_PRIMARY)
		    || (only && !only[lp.cell[j]]))
			continue;
		if (interval(s, &lp, j, (flags & SUPPRESS_AUDIT_QUICK) != 0,
			     &(*out)[n])) {
			rc = nserr_set(err, NS_EINTERNAL, "table '%s': the "
				       "audit's linear program failed for cell "
				       "(%s)", s->table[lp.cell[j]],
				       s->key[lp.cell[j]]);
			goto out;
		}
		nexp += (*out)[n++].exposed;
	}
out:
	*nout = n;
	if (exposed)
		*exposed = nexp;
	lp_release(&lp);
	return rc;
}

