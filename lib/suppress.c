/*
 * suppress: primary and complementary small-cell suppression over the
 * augmented matrix of a table (see suppress.h for the rules and limits).
 *
 * While it works, suppress_apply() keeps the state in the caller's flags
 * array: SHOWN, PRIMARY or COMPLEMENT for every position that takes part
 * (cells, published margins, an implied grand total), UNPUBLISHED for the
 * others; the implied grand total is marked UNPUBLISHED at the end.
 */
#include <stdlib.h>

#include "suppress.h"

enum line_kind {
	LINE_ROW,    /* cells of row i = row total i */
	LINE_COL,    /* cells of column i = column total i */
	LINE_RTOTS,  /* row totals = grand total */
	LINE_CTOTS,  /* column totals = grand total */
	LINE_ALL     /* all cells = grand total */
};

struct ctx {
	size_t rows, cols;
	unsigned char *flags;
	const int64_t *v;
};

size_t suppress_flags_len(size_t rows, size_t cols)
{
	if (rows >= SIZE_MAX || cols >= SIZE_MAX ||
	    rows + 1 > SIZE_MAX / (cols + 1))
		return 0;
	return (rows + 1) * (cols + 1);
}

size_t suppress_index(size_t cols, size_t r, size_t c)
{
	return r * (cols + 1) + c;
}

int suppress_hidden(int flag)
{
	return flag == SUPPRESS_PRIMARY || flag == SUPPRESS_COMPLEMENT;
}

int suppress_derived_hidden(int count_flag, int denom_flag)
{
	return count_flag != SUPPRESS_SHOWN || denom_flag != SUPPRESS_SHOWN;
}

/* line_len: the number of inner members of a line. */
static size_t line_len(const struct ctx *x, enum line_kind kind)
{
	switch (kind) {
	case LINE_ROW:
	case LINE_CTOTS:
		return x->cols;
	case LINE_COL:
	case LINE_RTOTS:
		return x->rows;
	case LINE_ALL:
		break;
	}
	return x->rows * x->cols;
}

/* line_member: the index of inner member k of line (kind, i). */
static size_t line_member(const struct ctx *x, enum line_kind kind, size_t i,
			  size_t k)
{
	switch (kind) {
	case LINE_ROW:
		return suppress_index(x->cols, i, k);
	case LINE_COL:
		return suppress_index(x->cols, k, i);
	case LINE_RTOTS:
		return suppress_index(x->cols, k, x->cols);
	case LINE_CTOTS:
		return suppress_index(x->cols, x->rows, k);
	case LINE_ALL:
		break;
	}
	return suppress_index(x->cols, k / x->cols, k % x->cols);
}

/* line_total: the index of the total of line (kind, i). */
static size_t line_total(const struct ctx *x, enum line_kind kind, size_t i)
{
	switch (kind) {
	case LINE_ROW:
		return suppress_index(x->cols, i, x->cols);
	case LINE_COL:
		return suppress_index(x->cols, x->rows, i);
	default:
		break;
	}
	return suppress_index(x->cols, x->rows, x->cols);
}

/*
 * protect_line: when line (kind, i) has exactly one hidden member, hide a
 * second one (suppress.h, rule 2).  Returns 1 when it hid one, else 0.
 */
static int protect_line(struct ctx *x, enum line_kind kind, size_t i)
{
	size_t n = line_len(x, kind), k, at, total = line_total(x, kind, i);
	size_t best = SIZE_MAX, zero = SIZE_MAX;
	int hidden = suppress_hidden(x->flags[total]);

	for (k = 0; k < n && hidden < 2; k++)
		hidden += suppress_hidden(x->flags[line_member(x, kind, i, k)]);
	if (hidden != 1)
		return 0;
	for (k = 0; k < n; k++) {
		at = line_member(x, kind, i, k);
		if (x->flags[at] != SUPPRESS_SHOWN)
			continue;
		if (x->v[at] == 0) {
			if (zero == SIZE_MAX)
				zero = at;
		} else if (best == SIZE_MAX || x->v[at] < x->v[best]) {
			best = at;
		}
	}
	if (best == SIZE_MAX)
		best = zero;
	if (best == SIZE_MAX)
		best = total;  /* every inner member hidden: total is visible */
	x->flags[best] = SUPPRESS_COMPLEMENT;
	return 1;
}

/* protect_all: run protect_line over every published line until stable. */
static void protect_all(struct ctx *x, unsigned m, int grand)
{
	size_t i;
	int changed;

	do {
		changed = 0;
		for (i = 0; (m & SUPPRESS_ROW_TOTALS) && i < x->rows; i++)
			changed |= protect_line(x, LINE_ROW, i);
		for (i = 0; (m & SUPPRESS_COL_TOTALS) && i < x->cols; i++)
			changed |= protect_line(x, LINE_COL, i);
		if (grand && (m & SUPPRESS_ROW_TOTALS))
			changed |= protect_line(x, LINE_RTOTS, 0);
		if (grand && (m & SUPPRESS_COL_TOTALS))
			changed |= protect_line(x, LINE_CTOTS, 0);
		if (grand && !(m & (SUPPRESS_ROW_TOTALS | SUPPRESS_COL_TOTALS)))
			changed |= protect_line(x, LINE_ALL, 0);
	} while (changed);
}

/*
 * fill_values: copy the cells into the augmented matrix v and add up the
 * margins.  Returns 0, or NS_EDATA for a negative count or an overflow.
 */
static int fill_values(const struct suppress_table *t, int64_t *v,
		       struct nserr *err)
{
	size_t r, c, w = t->cols + 1, last = t->rows * w;
	int64_t x;

	for (c = 0; c < w; c++)
		v[last + c] = 0;
	for (r = 0; r < t->rows; r++) {
		v[r * w + t->cols] = 0;
		for (c = 0; c < t->cols; c++) {
			x = t->cells[r * t->cols + c];
			if (x < 0)
				return nserr_set(err, NS_EDATA, "cell (%zu, %zu)"
						 " has a negative count %lld",
						 r + 1, c + 1, (long long)x);
			/* every partial sum is at most the grand total */
			if (x > INT64_MAX - v[last + t->cols])
				return nserr_set(err, NS_EDATA,
						 "table totals overflow");
			v[r * w + c] = x;
			v[r * w + t->cols] += x;
			v[last + c] += x;
			v[last + t->cols] += x;
		}
	}
	return 0;
}

/* take_part: whether position (r, c) of the augmented matrix is protected
 * (a cell, a published margin or an implied grand total). */
static int take_part(const struct suppress_table *t, int grand, size_t r,
		     size_t c)
{
	if (r < t->rows && c < t->cols)
		return 1;
	if (r < t->rows)
		return (t->margins & SUPPRESS_ROW_TOTALS) != 0;
	if (c < t->cols)
		return (t->margins & SUPPRESS_COL_TOTALS) != 0;
	return grand;
}

int suppress_apply(const struct suppress_table *t, unsigned char *flags,
		   int64_t *values, struct nserr *err)
{
	struct ctx x;
	int64_t *own = NULL;
	size_t len, r, c, i;
	int rc, grand;

	if (!t || !t->cells || !flags || t->rows == 0 || t->cols == 0 ||
	    t->min_count < 1)
		return nserr_set(err, NS_EUSAGE, "suppression: bad table "
				 "or threshold");
	len = suppress_flags_len(t->rows, t->cols);
	if (len == 0 || len > SIZE_MAX / sizeof(int64_t))
		return nserr_set(err, NS_EUSAGE, "suppression: table too big");
	if (!values) {
		own = malloc(len * sizeof(int64_t));
		if (!own)
			return nserr_set(err, NS_ENOMEM, "out of memory");
		values = own;
	}
	rc = fill_values(t, values, err);
	if (rc)
		goto out;
	grand = (t->margins & SUPPRESS_GRAND_TOTAL) ||
		((t->margins & SUPPRESS_ROW_TOTALS) &&
		 (t->margins & SUPPRESS_COL_TOTALS));
	for (r = 0; r <= t->rows; r++) {
		for (c = 0; c <= t->cols; c++) {
			i = suppress_index(t->cols, r, c);
			if (!take_part(t, grand, r, c))
				flags[i] = SUPPRESS_UNPUBLISHED;
			else if (values[i] >= 1 && values[i] < t->min_count)
				flags[i] = SUPPRESS_PRIMARY;
			else
				flags[i] = SUPPRESS_SHOWN;
		}
	}
	x.rows = t->rows;
	x.cols = t->cols;
	x.flags = flags;
	x.v = values;
	protect_all(&x, t->margins, grand);
	if (!(t->margins & SUPPRESS_GRAND_TOTAL))
		flags[len - 1] = SUPPRESS_UNPUBLISHED;
out:
	free(own);
	return rc;
}
