/*
 * suppress_table: table cells in a suppress_set and back
 * (suppress_table.h).
 */
#include <stdlib.h>

#include "suppress_table.h"

void suppress_table_init(struct suppress_table *st, struct suppress_set *set)
{
	st->set = set;
	st->refs = NULL;
	st->n = st->cap = 0;
}

void suppress_table_release(struct suppress_table *st)
{
	free(st->refs);
	suppress_table_init(st, st->set);
}

int suppress_table_cell(struct suppress_table *st, struct table *t,
			size_t row, size_t col, const char *key,
			unsigned flags, long *idx, struct nserr *err)
{
	unsigned f = table_flags(t, row, col), cf = flags;
	int64_t v = 0;
	long i;

	*idx = -1;
	if (f & (CELL_NOT_RECORDED | CELL_NO_DATA))
		cf |= SUPPRESS_CELL_ABSENT;
	else if (table_is_null(t, row, col))
		return 0;
	else
		v = table_cell(t, row, col)->v.i;
	if (table_row_flags(t, row) & ROW_TOTAL)
		cf |= SUPPRESS_CELL_TOTAL;
	if ((i = suppress_cell(st->set, table_id(t), key, v, cf, err)) < 0)
		return (int)i;
	if (st->n == st->cap) {
		size_t nc = st->cap ? 2 * st->cap : 64;
		struct suppress_ref *p = realloc(st->refs, nc * sizeof *p);

		if (!p)
			return nserr_set(err, NS_ENOMEM, "out of memory");
		st->refs = p;
		st->cap = nc;
	}
	st->refs[st->n++] = (struct suppress_ref){ t, row, col, (size_t)i };
	*idx = i;
	return 0;
}

int suppress_table_line(struct suppress_table *st, long total,
			const long *members, size_t n, struct nserr *err)
{
	size_t i, small[64], *mem = small;
	int64_t sum = 0;
	int rc;

	if (total < 0 || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (members[i] < 0)
			return 0;
		sum += st->set->value[members[i]];
	}
	if (sum != st->set->value[total])
		return 0;
	if (n > 64 && !(mem = malloc(n * sizeof *mem)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		mem[i] = (size_t)members[i];
	rc = suppress_line(st->set, (size_t)total, mem, n, err);
	if (mem != small)
		free(mem);
	return rc;
}

int suppress_table_apply(struct suppress_table *st, struct nserr *err)
{
	const struct suppress_ref *r;
	unsigned char s;
	size_t i;

	for (i = 0; i < st->n; i++) {
		r = &st->refs[i];
		s = st->set->state[r->cell];
		if (SUPPRESS_HIDDEN(s) &&
		    table_set_flags(r->t, r->row, r->col, s == SUPPRESS_PRIMARY
				    ? CELL_SUPPRESSED : CELL_COMPLEMENTARY))
			return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	return 0;
}
