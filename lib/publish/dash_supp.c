/*
 * dash_supp: small-cell suppression of a dashboard as one set
 * (dashboard.h, suppress.h).
 *
 * Every count of the headline, status, region and trend tables is a cell
 * keyed by what it counts, so that the count two tables show is one cell:
 *   "ALL|needs", "ALL|met", ... the month's totals (status total row,
 *       the regions' total, the "all needs" series of trends, headline);
 *   "CATEGORY|needs" ... a category (status; a featured series of trends);
 *   "region:REGION|unmet" a region's unmet needs;
 *   "prev:KEY" the same count a year earlier (trends, headline);
 *   "contacts" the month's contacts.
 * The lines are the sums the pages publish: each status column's total =
 * its categories, the regions' total = the regions (each added when the
 * values add up: a sum that does not hold is no equation a reader has;
 * the cells and lines go through suppress_table.h).  suppress_protect
 * then hides and audits the whole set; shares, rates and changes built on
 * a hidden count are hidden ("x") after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash_int.h"
#include "report/suppress.h"
#include "report/suppress_table.h"

struct ctx {
	struct dashboard *d;
	struct suppress_set set;
	struct suppress_table cells;
	struct nserr *err;
};

/* row_key: the key prefix of row r of table ti. */
static void row_key(const struct dashboard *d, size_t ti, size_t r,
		    char *buf, size_t size)
{
	const struct table *t = &d->t[ti];
	const struct table *st = &d->t[DASH_STATUS];
	const char *label;
	size_t i;

	if (ti == DASH_HEADLINE) {
		snprintf(buf, size, "ALL");
		return;
	}
	label = table_get_text(t, r, 0, NS_EN);
	if (ti == DASH_STATUS) {
		snprintf(buf, size, "%s", (table_row_flags(t, r) & ROW_TOTAL)
			 ? "ALL" : label);
		return;
	}
	if (ti == DASH_REGION) {
		if (table_row_flags(t, r) & ROW_TOTAL)
			snprintf(buf, size, "ALL");
		else
			snprintf(buf, size, "region:%s", label);
		return;
	}
	/* trend: a category of status, else the first series is all needs */
	for (i = 0; i < table_nrows(st); i++)
		if (!(table_row_flags(st, i) & ROW_TOTAL) &&
		    strcmp(table_get_text(st, i, 0, NS_EN), label) == 0) {
			snprintf(buf, size, "%s", label);
			return;
		}
	snprintf(buf, size, r == 0 ? "ALL" : "trend:%s", label);
}

/* add_table: the counts of table ti; idx[r * ncols + c] their cells. */
static int add_table(struct ctx *x, size_t ti, long **idxp)
{
	struct table *t = &x->d->t[ti];
	size_t r, c, nc = table_ncols(t);
	long *idx = malloc((table_nrows(t) * nc + 1) * sizeof *idx);
	int rc = 0;

	*idxp = idx;
	if (!idx)
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	for (r = 0; r < table_nrows(t) && !rc; r++) {
		char pre[512], key[600];

		row_key(x->d, ti, r, pre, sizeof pre);
		for (c = 0; c < nc && !rc; c++) {
			const struct table_col *col = table_col(t, c);

			idx[r * nc + c] = -1;
			if (col->type != COL_INT || !(col->flags & COLF_COUNT))
				continue;
			if (strcmp(col->name, "contacts") == 0)
				snprintf(key, sizeof key, "contacts");
			else if (strcmp(col->name, "needs_prev") == 0)
				snprintf(key, sizeof key, "prev:%s|needs", pre);
			else
				snprintf(key, sizeof key, "%s|%s", pre,
					 col->name);
			rc = suppress_table_cell(&x->cells, t, r, c, key, 0,
						 &idx[r * nc + c], x->err);
		}
	}
	return rc;
}

/* table_lines: the column totals of status and region. */
static int table_lines(struct ctx *x, size_t ti, const long *idx)
{
	const struct table *t = &x->d->t[ti];
	size_t nc = table_ncols(t), nr = table_nrows(t), r, c, n;
	long tot, *m = malloc((nr + 1) * sizeof *m);
	int rc = 0;

	if (!m)
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	for (c = 0; c < nc && !rc; c++) {
		tot = -1;
		for (r = 0, n = 0; r < nr; r++) {
			if (table_row_flags(t, r) & ROW_TOTAL)
				tot = idx[r * nc + c];
			else
				m[n++] = idx[r * nc + c];
		}
		if (n && tot >= 0)
			rc = suppress_table_line(&x->cells, tot, m, n,
						 x->err);
	}
	free(m);
	return rc;
}

static int hidden(const struct table *t, size_t r, const char *name)
{
	int c = table_col_find(t, name);

	return c >= 0 && (table_flags(t, r, (size_t)c) & CELL_SUPPRESSED);
}

static int hide(struct table *t, size_t r, const char *name)
{
	int c = table_col_find(t, name);

	return c < 0 ? 0 : table_set_flags(t, r, (size_t)c, CELL_COMPLEMENTARY);
}

/* derived: hide what is computed from a hidden count, row by row:
 * outs[] when one of from[] is hidden. */
static int derived(struct table *t, const char *const *from,
		   const char *const *outs)
{
	size_t r, i;
	int rc = 0, any;

	for (r = 0; r < table_nrows(t) && !rc; r++) {
		for (i = 0, any = 0; from[i]; i++)
			any |= hidden(t, r, from[i]);
		for (i = 0; any && outs[i] && !rc; i++)
			rc = hide(t, r, outs[i]);
	}
	return rc;
}

static int hide_derived(struct dashboard *d)
{
	static const char *const share[] = { "unmet_share", "unmet_share_lo",
		"unmet_share_hi", NULL };
	static const char *const change[] = { "change", "change_lo",
		"change_hi", "significant", NULL };
	static const char *const rate[] = { "rate", "rate_lo", "rate_hi",
		NULL };
	size_t i;
	int rc;

	rc = derived(&d->t[DASH_STATUS], (const char *const[]){ "unmet",
		     NULL }, share);
	if (!rc)
		rc = derived(&d->t[DASH_REGION], (const char *const[]){ "unmet",
			     NULL }, rate);
	if (!rc)
		rc = derived(&d->t[DASH_TREND], (const char *const[]){ "needs",
			     "needs_prev", NULL }, change);
	if (!rc)
		rc = derived(&d->t[DASH_HEADLINE], (const char *const[]){
			     "needs", "needs_prev", NULL }, change);
	if (!rc)
		rc = derived(&d->t[DASH_HEADLINE], (const char *const[]){
			     "unmet", NULL }, share);
	/* the headline share is the status total's: hidden with it */
	if (!rc && table_nrows(&d->t[DASH_STATUS]) &&
	    hidden(&d->t[DASH_STATUS], table_nrows(&d->t[DASH_STATUS]) - 1,
		   "unmet_share"))
		for (i = 0; share[i] && !rc; i++)
			rc = hide(&d->t[DASH_HEADLINE], 0, share[i]);
	return rc;
}

int dash_suppress(struct dashboard *d, struct nserr *err)
{
	static const size_t order[] = { DASH_STATUS, DASH_REGION, DASH_TREND,
		DASH_HEADLINE };
	struct ctx x = { .d = d, .err = err };
	long *idx[4] = { NULL, NULL, NULL, NULL };
	size_t i;
	int rc;

	if (d->min_cell <= 1)
		return 0;
	suppress_table_init(&x.cells, &x.set);
	if ((rc = suppress_init(&x.set, d->min_cell, err)))
		goto out;
	for (i = 0; i < 4 && !rc; i++)
		rc = add_table(&x, order[i], &idx[i]);
	for (i = 0; i < 2 && !rc; i++)
		rc = table_lines(&x, order[i], idx[i]);
	if (!rc && (rc = suppress_protect(&x.set, err)))
		nserr_prefix(err, "dashboard");
	if (!rc)
		rc = suppress_table_apply(&x.cells, err);
	if (!rc)
		rc = hide_derived(d);
	if (!rc) {
		d->ncells = x.set.n;
		for (i = 0, d->nhidden = 0; i < x.set.n; i++)
			d->nhidden += SUPPRESS_HIDDEN(x.set.state[i]);
	}
	if (rc && !err->code)
		rc = nserr_set(err, rc, "dashboard suppression: %s",
			       nserr_str(rc));
out:
	for (i = 0; i < 4; i++)
		free(idx[i]);
	suppress_table_release(&x.cells);
	suppress_release(&x.set);
	return rc;
}
