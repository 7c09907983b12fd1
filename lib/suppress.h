/*
 * suppress: small-cell suppression of a two-way table of counts, so that a
 * funder table never shows, nor lets a reader recompute, a count below the
 * threshold N (DESIGN.md, Statistics; --min-cell, default 5).
 *
 * Layout.  A table of R x C cells is seen with its margins as an
 * (R+1) x (C+1) "augmented" matrix, row-major: cell (r, c) for r < R,
 * c < C; the row total of row r at (r, C); the column total of column c at
 * (R, c); the grand total at (R, C).  suppress_index() gives the offset.
 * The margins are the sums of the cells (additive tables only: a total that
 * is not the sum of its cells, e.g. distinct contacts over needs, is outside
 * this model and must be protected on its own).
 *
 * Rules, applied to the cells and to every published margin:
 * 1. Primary: a value 1..N-1 is hidden (renderers show "<N"); 0 is shown.
 * 2. Complementary: a "line" is a published additive equation:
 *    - row r: its cells = row total r (when row totals are published);
 *    - column c: its cells = column total c (column totals published);
 *    - the row totals = the grand total, the column totals = the grand
 *      total (when that set of margins is published and the grand total is
 *      published, or implied because row and column totals are both
 *      published: sum of row totals = sum of column totals);
 *    - all cells = the grand total (only the grand total published).
 *    A line with exactly one hidden member would give that member away, so
 *    a second member of the line is hidden: the smallest non-zero visible
 *    inner member (cell, or margin total in a line of totals), ties to the
 *    leftmost/topmost; if none is non-zero, the first visible zero inner
 *    member (hiding a 0 still keeps the reader from telling which hidden
 *    value is which); if no inner member is visible, the line's total.  This
 *    is repeated over all lines until nothing changes.  Hiding an implied
 *    (unpublished) grand total only changes what the protection assumes a
 *    reader knows.
 * Result: no published line has exactly one hidden member, so an attacker
 * who repeatedly solves any line with a single unknown recovers nothing.
 *
 * Limits (the standard rule, not an optimal or complete one):
 * - it only defeats line-by-line solving.  A reader who combines several
 *   equations can still learn a group sum (e.g. when every hidden cell sits
 *   in one row, that row's hidden cells are known as a sum, never one by
 *   one), and bounds: a hidden cell is known to lie between 0 and its line's
 *   hidden sum; the rule does not enforce a protection interval;
 * - it is greedy, so it may hide more than an optimal (linear programming)
 *   pattern would;
 * - tables linked to other published tables (the same counts by other
 *   breakdowns, other months that add up to a published year) are not seen
 *   together: suppress the finest table and derive the others from it, or
 *   publish them unlinked.
 */
#ifndef NEEDSTAT_SUPPRESS_H
#define NEEDSTAT_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "nserr.h"

#define SUPPRESS_DEFAULT_MIN 5

/* Per-position flags written by suppress_apply(). */
enum suppress_flag {
	SUPPRESS_SHOWN = 0,       /* publish the value */
	SUPPRESS_PRIMARY = 1,     /* 1..N-1: show "<N" */
	SUPPRESS_COMPLEMENT = 2,  /* hidden to protect a primary cell */
	SUPPRESS_UNPUBLISHED = 3  /* a margin the caller does not publish */
};

/* Which margins the caller publishes (bit set). */
enum suppress_margin {
	SUPPRESS_ROW_TOTALS = 1u,
	SUPPRESS_COL_TOTALS = 2u,
	SUPPRESS_GRAND_TOTAL = 4u,
	SUPPRESS_ALL_TOTALS = 7u
};

/* The input: caller-owned; suppress_apply() only reads it. */
struct suppress_table {
	size_t rows, cols;        /* R >= 1, C >= 1 */
	const int64_t *cells;     /* R*C non-negative counts, row-major */
	unsigned margins;         /* enum suppress_margin bits, 0 for none */
	int64_t min_count;        /* N >= 1 (N == 1 hides nothing) */
};

/*
 * suppress_flags_len: the number of positions of the augmented matrix,
 * (rows+1) * (cols+1): the length of the flags and values arrays.
 * Returns 0 when that does not fit in size_t.
 */
size_t suppress_flags_len(size_t rows, size_t cols);

/*
 * suppress_index: offset of (r, c) in the augmented matrix of a table with
 * `cols` columns: r == rows addresses the column totals, c == cols the row
 * totals.  No bounds check.
 */
size_t suppress_index(size_t cols, size_t r, size_t c);

/*
 * suppress_apply: compute the suppression pattern of table t.
 * flags: caller array of suppress_flags_len(t->rows, t->cols) bytes; gets
 *   an enum suppress_flag per position (unpublished margins get
 *   SUPPRESS_UNPUBLISHED).
 * values: NULL, or a caller array of the same length that gets the cells
 *   and all margins (published or not); when NULL a temporary one is
 *   allocated and freed.
 * err: may be NULL.
 * Returns 0; NS_EUSAGE (no cells, NULL cells or flags, min_count < 1, size
 * overflow); NS_EDATA (a negative count, or a total overflowing int64);
 * NS_ENOMEM.  On error the arrays' contents are unspecified.
 */
int suppress_apply(const struct suppress_table *t, unsigned char *flags,
		   int64_t *values, struct nserr *err);

/* suppress_hidden: 1 when flag is SUPPRESS_PRIMARY or SUPPRESS_COMPLEMENT. */
int suppress_hidden(int flag);

/*
 * suppress_derived_hidden: whether a value derived from a count and a
 * denominator (a share, a rate, a ratio, an interval) must be hidden.
 * count_flag and denom_flag are the enum suppress_flag values of the two
 * (pass SUPPRESS_SHOWN for a denominator from outside the table, e.g. a
 * population).  Returns 0 only when both are SUPPRESS_SHOWN, else 1: a share
 * over an unpublished margin is hidden too, because the share and its count
 * would publish that margin (count / share); publish the margin (and let it
 * take part in suppression) to show such shares.
 */
int suppress_derived_hidden(int count_flag, int denom_flag);

#endif
