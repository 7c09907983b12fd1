/*
 * suppress_plan: which shown cells to hide so that exposed "<N" cells
 * can reach 0 and N-1 again: a linear program asks it, instead of trying
 * the nearest cell and auditing again (one cell per round took hundreds
 * of rounds on a sparse table).
 *
 * The program has the audit's variables for the hidden cells, and for
 * every shown cell of a published line two more, its rise u and its fall
 * w (its value is v + u - w; w <= v - N, since a hidden count is shown
 * "x" and is N or more).  Every line holds.  The objective prices the
 * moves of shown cells: one per unit for an inner cell, more for a total
 * (hidden after inner cells, as the line rule does).  With nothing moved
 * the true values are optimal at cost 0; for an exposed cell fixed at the
 * bound it could not reach, the cheapest solution moves a few shown
 * cells: hiding exactly those makes that solution one a reader cannot
 * rule out, so the cell reaches its bound.  Each exposed cell is solved
 * from the previous basis with the dual simplex (the objective does not
 * change, so the basis stays dual feasible); a cell chosen for one is
 * free for the next (its price drops to 0).
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suppress_int.h"

#define EPS 1e-6
#define PRICE_INNER 1.0
#define PRICE_TOTAL 4.0

struct plan {
	glp_prob *p;
	int *col;                 /* per cell: its column, or 0 */
	int *rise;                /* per cell: the column of u (shown) or 0 */
	size_t *cell_of;          /* per column: its cell */
	int *ind;
	double *val;
};

static size_t line_cell(const struct suppress_set *s, size_t i, size_t k)
{
	return k < s->l_len[i] ? s->members[s->l_start[i] + k] : s->l_total[i];
}

/* columns: a variable for each hidden cell and two for each shown cell
 * of a published line.  Returns the number of columns. */
static int columns(const struct suppress_set *s, struct plan *pl)
{
	size_t i, k, c;
	int j = 0;
	double n = (double)s->min_count, price;

	for (i = 0; i < s->nl; i++) {
		if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
			continue;
		for (k = 0; k <= s->l_len[i]; k++) {
			c = line_cell(s, i, k);
			if (pl->col[c] || pl->rise[c] ||
			    s->state[c] == SUPPRESS_ABSENT)
				continue;
			if (SUPPRESS_HIDDEN(s->state[c])) {
				j = glp_add_cols(pl->p, 1);
				pl->col[c] = j;
				pl->cell_of[j] = c;
				if (s->state[c] == SUPPRESS_PRIMARY)
					glp_set_col_bnds(pl->p, j, GLP_DB, 0,
							 n - 1);
				else
					glp_set_col_bnds(pl->p, j, GLP_LO, n,
							 0);
				continue;
			}
			price = s->total[c] & SUPPRESS_CELL_TOTAL ?
				PRICE_TOTAL : PRICE_INNER;
			j = glp_add_cols(pl->p, 2);
			pl->rise[c] = j;
			pl->cell_of[j] = pl->cell_of[j + 1] = c;
			glp_set_col_bnds(pl->p, j, GLP_LO, 0, 0);
			if ((double)s->value[c] > n)
				glp_set_col_bnds(pl->p, j + 1, GLP_DB, 0,
						 (double)s->value[c] - n);
			else
				glp_set_col_bnds(pl->p, j + 1, GLP_FX, 0, 0);
			glp_set_obj_coef(pl->p, j, price);
			glp_set_obj_coef(pl->p, j + 1, price);
		}
	}
	return j;
}

/* rows: each published line, members minus total = 0, shown values
 * moved to the right-hand side. */
static void rows(const struct suppress_set *s, struct plan *pl)
{
	size_t i, k, c;
	int r, j, n;
	double rhs, a;

	for (i = 0; i < s->nl; i++) {
		if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
			continue;
		rhs = 0;
		n = 0;
		for (k = 0; k <= s->l_len[i]; k++) {
			c = line_cell(s, i, k);
			a = k == s->l_len[i] ? -1.0 : 1.0;
			if (s->state[c] == SUPPRESS_ABSENT)
				continue;
			if (pl->col[c]) {
				pl->ind[++n] = pl->col[c];
				pl->val[n] = a;
				continue;
			}
			rhs -= a * (double)s->value[c];
			pl->ind[++n] = pl->rise[c];
			pl->val[n] = a;
			pl->ind[++n] = pl->rise[c] + 1;
			pl->val[n] = -a;
		}
		/* A cell on both sides of its line: merge its coefficients
		 * (GLPK refuses duplicate indices). */
		for (j = 1; j <= n; j++)
			for (r = j + 1; r <= n; r++)
				if (pl->ind[r] == pl->ind[j]) {
					pl->val[j] += pl->val[r];
					pl->ind[r] = pl->ind[n];
					pl->val[r--] = pl->val[n--];
				}
		if (n == 0)
			continue;
		r = glp_add_rows(pl->p, 1);
		glp_set_row_bnds(pl->p, r, GLP_FX, rhs, rhs);
		glp_set_mat_row(pl->p, r, n, pl->ind, pl->val);
	}
}

static int solve(struct plan *pl, int dual)
{
	glp_smcp parm;
	int rc;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	parm.meth = dual ? GLP_DUALP : GLP_PRIMAL;
	rc = glp_simplex(pl->p, &parm);
	if (rc != 0) {
		glp_std_basis(pl->p);
		rc = glp_simplex(pl->p, &parm);
	}
	return rc;
}

int suppress_plan(const struct suppress_set *s,
		  const struct suppress_interval *iv, size_t niv,
		  unsigned char *hide, size_t *nhide, struct nserr *err)
{
	struct plan pl;
	size_t i, c, width = s->nm + s->nl + 2;
	int j, ncols, type, rc = 0;
	double lb, ub, t;

	*nhide = 0;
	memset(&pl, 0, sizeof pl);
	pl.col = calloc(s->n + 1, sizeof *pl.col);
	pl.rise = calloc(s->n + 1, sizeof *pl.rise);
	pl.cell_of = malloc((2 * s->n + 2) * sizeof *pl.cell_of);
	pl.ind = malloc((2 * width + 2) * sizeof *pl.ind);
	pl.val = malloc((2 * width + 2) * sizeof *pl.val);
	if (!pl.col || !pl.rise || !pl.cell_of || !pl.ind || !pl.val) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	glp_term_out(GLP_OFF);
	pl.p = glp_create_prob();
	glp_set_obj_dir(pl.p, GLP_MIN);
	ncols = columns(s, &pl);
	rows(s, &pl);
	if (ncols == 0 || glp_get_num_rows(pl.p) == 0)
		goto out;
	if (solve(&pl, 0) != 0 || glp_get_status(pl.p) != GLP_OPT) {
		rc = nserr_set(err, NS_EINTERNAL, "the suppression repair's "
			       "linear program failed");
		goto out;
	}
	for (i = 0; i < niv; i++) {
		c = iv[i].cell;
		if (!iv[i].exposed || !(j = pl.col[c]))
			continue;
		t = !(iv[i].lo <= EPS) ? 0.0 : (double)(s->min_count - 1);
		type = glp_get_col_type(pl.p, j);
		lb = glp_get_col_lb(pl.p, j);
		ub = glp_get_col_ub(pl.p, j);
		glp_set_col_bnds(pl.p, j, GLP_FX, t, t);
		if (solve(&pl, 1) == 0 && glp_get_status(pl.p) == GLP_OPT)
			for (j = 1; j <= ncols; j++) {
				c = pl.cell_of[j];
				if (pl.col[c] || hide[c] ||
				    glp_get_col_prim(pl.p, j) <= EPS)
					continue;
				hide[c] = 1;
				++*nhide;
				/* Hidden now: free to move at no cost. */
				glp_set_obj_coef(pl.p, pl.rise[c], 0.0);
				glp_set_obj_coef(pl.p, pl.rise[c] + 1, 0.0);
			}
		glp_set_col_bnds(pl.p, pl.col[iv[i].cell], type, lb, ub);
	}
out:
	if (pl.p)
		glp_delete_prob(pl.p);
	free(pl.col);
	free(pl.rise);
	free(pl.cell_of);
	free(pl.ind);
	free(pl.val);
	return rc;
}
