/*
 * table_sort: stable multi-key sorting of a table's rows (see table_sort()
 * in table.h).  Text keys are compared through a folded copy made once
 * per sort with utf8proc (case folded, accents stripped), so "Éducation"
 * sorts beside "education" and before "Zoo"; the bytes break ties.  A
 * merge sort on row indexes keeps equal rows in order, then the cells
 * are permuted into a new array in one pass.
 */
#include "table.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nserr.h"

struct sortctx {
	const struct table *t;
	const struct table_sortkey *keys;
	size_t nkeys;
	int lang;
	char **fold;                /* nkeys * nrows folded texts, or NULL */
};

static char *fold_text(const char *s)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	size_t len;
	char *copy;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &dst,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE
			 | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD
			 | UTF8PROC_STRIPMARK);
	if (n >= 0)
		return (char *)dst;
	len = strlen(s) + 1;        /* invalid UTF-8: compare the bytes */
	copy = malloc(len);
	if (copy)
		memcpy(copy, s, len);
	return copy;
}

/* make_folds: folded texts of every TEXT sort key; 0 or NS_ENOMEM. */
static int make_folds(struct sortctx *cx)
{
	const struct table *t = cx->t;
	size_t k, r, n = cx->nkeys * t->nrows;
	const char *s;

	cx->fold = calloc(n ? n : 1, sizeof *cx->fold);
	if (!cx->fold)
		return NS_ENOMEM;
	for (k = 0; k < cx->nkeys; k++) {
		if (t->cols[cx->keys[k].col].type != COL_TEXT)
			continue;
		for (r = 0; r < t->nrows; r++) {
			s = table_get_text(t, r, cx->keys[k].col, cx->lang);
			if (!s)
				continue;
			cx->fold[k * t->nrows + r] = fold_text(s);
			if (!cx->fold[k * t->nrows + r])
				return NS_ENOMEM;
		}
	}
	return 0;
}

static void free_folds(struct sortctx *cx)
{
	size_t i, n = cx->nkeys * cx->t->nrows;

	if (!cx->fold)
		return;
	for (i = 0; i < n; i++)
		free(cx->fold[i]);
	free(cx->fold);
}

static int cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

/* cmp_key: compare rows a and b on key k; NULLs last in any direction. */
static int cmp_key(const struct sortctx *cx, size_t k, size_t a, size_t b)
{
	const struct table *t = cx->t;
	size_t c = cx->keys[k].col;
	const struct table_cell *ca = table_cell(t, a, c),
				*cb = table_cell(t, b, c);
	int d;

	if (ca->null || cb->null)
		return ca->null - cb->null;
	switch (t->cols[c].type) {
	case COL_TEXT:
		d = strcmp(cx->fold[k * t->nrows + a],
			   cx->fold[k * t->nrows + b]);
		if (!d)
			d = strcmp(table_get_text(t, a, c, cx->lang),
				   table_get_text(t, b, c, cx->lang));
		break;
	case COL_DATE:
	case COL_MONTH:
		d = strcmp(ca->v.s[NS_EN], cb->v.s[NS_EN]);
		break;
	case COL_INT:
		d = ca->v.i < cb->v.i ? -1 : ca->v.i > cb->v.i;
		break;
	default:
		d = cmp_num(ca->v.r, cb->v.r);
		break;
	}
	return cx->keys[k].desc ? -d : d;
}

static int cmp_rows(const struct sortctx *cx, size_t a, size_t b)
{
	unsigned ta = cx->t->row_flags[a] & ROW_TOTAL,
		 tb = cx->t->row_flags[b] & ROW_TOTAL;
	size_t k;
	int d;

	if (ta != tb)
		return ta ? 1 : -1;
	if (ta)
		return 0;
	for (k = 0; k < cx->nkeys; k++)
		if ((d = cmp_key(cx, k, a, b)) != 0)
			return d;
	return 0;
}

/* msort: stable merge sort of idx[0..n) using tmp[0..n). */
static void msort(const struct sortctx *cx, size_t *idx, size_t *tmp,
		  size_t n)
{
	size_t mid = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return;
	msort(cx, idx, tmp, mid);
	msort(cx, idx + mid, tmp, n - mid);
	j = mid;
	while (i < mid && j < n)
		tmp[k++] = cmp_rows(cx, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
	while (i < mid)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof *idx);
}

/* permute: rows in the order idx; 0 or NS_ENOMEM (table unchanged). */
static int permute(struct table *t, const size_t *idx)
{
	size_t nc = t->ncols, r;
	struct table_cell *cells = malloc(t->rows_cap * nc * sizeof *cells);
	unsigned *rf = malloc(t->rows_cap * sizeof *rf);

	if (!cells || !rf) {
		free(cells);
		free(rf);
		return NS_ENOMEM;
	}
	for (r = 0; r < t->nrows; r++) {
		memcpy(cells + r * nc, t->cells + idx[r] * nc, nc * sizeof *cells);
		rf[r] = t->row_flags[idx[r]];
	}
	free(t->cells);
	free(t->row_flags);
	t->cells = cells;
	t->row_flags = rf;
	return 0;
}

int table_sort(struct table *t, const struct table_sortkey *keys,
	       size_t nkeys, int lang)
{
	struct sortctx cx = { t, keys, nkeys, lang, NULL };
	size_t *idx = NULL, *tmp = NULL, i;
	int rc = 0;

	for (i = 0; i < nkeys; i++)
		if (keys[i].col >= t->ncols)
			return NS_EUSAGE;
	if (t->nrows < 2)
		return 0;
	idx = malloc(t->nrows * sizeof *idx);
	tmp = malloc(t->nrows * sizeof *tmp);
	if (!idx || !tmp || (rc = make_folds(&cx)) < 0) {
		rc = NS_ENOMEM;
		goto out;
	}
	for (i = 0; i < t->nrows; i++)
		idx[i] = i;
	msort(&cx, idx, tmp, t->nrows);
	rc = permute(t, idx);
out:
	free_folds(&cx);
	free(idx);
	free(tmp);
	return rc;
}
