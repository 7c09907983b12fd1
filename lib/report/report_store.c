/*
 * report_store: the rows a report's query returned (plus the totals the
 * engine adds), kept with SQLite's dynamic types until they become table
 * rows, and the lookup of a named value in the table or the store.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

void rstore_release(struct rstore *rs)
{
	size_t i;

	for (i = 0; i < rs->nrows * rs->ncols; i++)
		free(rs->v[i].s);
	for (i = 0; i < rs->ncols; i++)
		free(rs->names[i]);
	free(rs->names);
	free(rs->v);
	free(rs->dim[0]);
	free(rs->dim[1]);
	free(rs->rflags);
	memset(rs, 0, sizeof *rs);
}

static int grow(void *pp, size_t n, size_t size)
{
	void *p = realloc(*(void **)pp, n * size);

	if (!p)
		return -1;
	*(void **)pp = p;
	return 0;
}

long rstore_add_row(struct rstore *rs)
{
	size_t cap = rs->cap ? rs->cap * 2 : 64, i;

	if (rs->nrows == rs->cap) {
		if (grow(&rs->v, cap * (rs->ncols ? rs->ncols : 1),
			 sizeof *rs->v) || grow(&rs->dim[0], cap, sizeof(int)) ||
		    grow(&rs->dim[1], cap, sizeof(int)) ||
		    grow(&rs->rflags, cap, sizeof(unsigned)))
			return -1;
		rs->cap = cap;
	}
	for (i = 0; i < rs->ncols; i++) {
		memset(&rs->v[rs->nrows * rs->ncols + i], 0, sizeof *rs->v);
		rs->v[rs->nrows * rs->ncols + i].type = SQLITE_NULL;
	}
	rs->dim[0][rs->nrows] = rs->dim[1][rs->nrows] = RDIM_NONE;
	rs->rflags[rs->nrows] = 0;
	return (long)rs->nrows++;
}

int rstore_col(const struct rstore *rs, const char *name)
{
	size_t i;

	for (i = 0; name && i < rs->ncols; i++)
		if (strcmp(rs->names[i], name) == 0)
			return (int)i;
	return -1;
}

int rctx_ref(const struct rctx *x, const char *name, struct rref *ref)
{
	ref->tcol = table_col_find(x->t, name);
	ref->scol = ref->tcol >= 0 ? -1 : rstore_col(&x->rs, name);
	if (ref->tcol < 0 && ref->scol < 0)
		return nserr_set(x->err, NS_ECONFIG, "%s: column '%s' is "
				 "neither declared nor returned by the query",
				 x->r->path, name);
	return 0;
}

int rctx_num(const struct rctx *x, const struct rref *ref, size_t row,
	     double *v)
{
	const struct rval *rv;

	if (ref->tcol >= 0) {
		*v = table_get_real(x->t, row, (size_t)ref->tcol);
		return !isnan(*v);
	}
	rv = &x->rs.v[row * x->rs.ncols + (size_t)ref->scol];
	if (rv->type == SQLITE_INTEGER)
		*v = (double)rv->i;
	else if (rv->type == SQLITE_FLOAT)
		*v = rv->r;
	else
		return 0;
	return 1;
}

const char *rctx_text(const struct rctx *x, const struct rref *ref,
		      size_t row)
{
	const struct rval *rv;

	if (ref->tcol >= 0)
		return table_get_text(x->t, row, (size_t)ref->tcol, NS_EN);
	rv = &x->rs.v[row * x->rs.ncols + (size_t)ref->scol];
	return rv->type == SQLITE_TEXT ? rv->s : NULL;
}

