/*
 * Tests for suppress: primary and complementary suppression on hand-worked
 * tables, errors, derived values, and the attack test: a reader who knows
 * every published value and all the additive relations of the table
 * (rows, columns, margins, grand total, published or not) repeatedly solves
 * any relation with a single unknown; suppression must leave every hidden
 * value unrecovered.
 */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <string.h>

#include "suppress.h"

enum { S = SUPPRESS_SHOWN, P = SUPPRESS_PRIMARY, C = SUPPRESS_COMPLEMENT,
       U = SUPPRESS_UNPUBLISHED };

#define MAXPOS 256

/* run: suppress cells (rows x cols) and compare flags with want (the
 * augmented matrix, (rows+1)*(cols+1) entries). */
static void run(size_t rows, size_t cols, const int64_t *cells,
		unsigned margins, int64_t n, const unsigned char *want)
{
	struct suppress_table t = {rows, cols, cells, margins, n};
	unsigned char flags[MAXPOS];
	int64_t values[MAXPOS];
	size_t i, len = suppress_flags_len(rows, cols);

	CU_ASSERT_FATAL(len <= MAXPOS);
	CU_ASSERT_EQUAL_FATAL(suppress_apply(&t, flags, values, NULL), 0);
	for (i = 0; i < len; i++)
		CU_ASSERT_EQUAL(flags[i], want[i]);
}

static void test_primary(void)
{
	static const int64_t cells[] = {0, 3, 7, 4, 12, 1};
	static const unsigned char n5[] = {S, P, S, U, P, S, P, U, U, U, U, U};
	static const unsigned char n1[] = {S, S, S, U, S, S, S, U, U, U, U, U};
	static const unsigned char n10[] = {S, P, P, U, P, S, P, U,
					    U, U, U, U};

	run(2, 3, cells, 0, 5, n5);
	run(2, 3, cells, 0, 1, n1);
	run(2, 3, cells, 0, 10, n10);
}

static void test_values(void)
{
	static const int64_t cells[] = {0, 3, 7, 4, 12, 1};
	static const int64_t want[] = {0, 3, 7, 10, 4, 12, 1, 17, 4, 15, 8, 27};
	struct suppress_table t = {2, 3, cells, SUPPRESS_ALL_TOTALS, 5};
	unsigned char flags[12];
	int64_t values[12];

	CU_ASSERT_EQUAL(suppress_flags_len(2, 3), 12);
	CU_ASSERT_EQUAL(suppress_index(3, 2, 3), 11);
	CU_ASSERT_EQUAL(suppress_index(3, 1, 0), 4);
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, values, NULL), 0);
	CU_ASSERT_EQUAL(memcmp(values, want, sizeof want), 0);
	/* values may be NULL */
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, NULL, NULL), 0);
}

static void test_complement_row(void)
{
	/* 2 hidden; the smallest non-zero visible cell of the row is 8 */
	static const int64_t cells[] = {2, 10, 8, 20};
	static const unsigned char want[] = {P, S, C, S, S, U, U, U, U, U};

	run(1, 4, cells, SUPPRESS_ROW_TOTALS, 5, want);
}

static void test_complement_col(void)
{
	static const int64_t cells[] = {9, 3, 6};
	static const unsigned char want[] = {S, U, P, U, C, U, S, U};

	run(3, 1, cells, SUPPRESS_COL_TOTALS, 5, want);
}

static void test_complement_both(void)
{
	/* row 0 hides 6, column 1 hides 7, column 2 then hides 8: a
	 * rectangle; all margins stay visible */
	static const int64_t cells[] = {20, 3, 6, 10, 30, 12, 25, 7, 8};
	static const unsigned char want[] = {S, P, C, S,  S, S, S, S,
					     S, C, C, S,  S, S, S, S};

	run(3, 3, cells, SUPPRESS_ALL_TOTALS, 5, want);
}

static void test_small_margin(void)
{
	/* row total 3 is primary; the row-totals line then hides 30 */
	static const int64_t cells[] = {2, 0, 1, 10, 20, 30, 15, 6, 9};
	static const unsigned char want[] = {P, S, P, P,  C, C, S, S,
					     S, C, C, C,  S, S, S, S};

	run(3, 3, cells, SUPPRESS_ALL_TOTALS, 5, want);
}

static void test_zero_and_total(void)
{
	/* column 1 has one hidden cell and only a zero left to hide */
	static const int64_t zero[] = {2, 8, 9, 0};
	static const unsigned char want_zero[] = {P, C, S, C, C, S, S, S, U};
	/* column 1's only cell is a complement: hide its total */
	static const int64_t tot[] = {3, 7};
	static const unsigned char want_tot[] = {P, C, S, P, C, U};
	/* grand total only: one line over all cells, ties to the first */
	static const int64_t all[] = {3, 10, 10, 10};
	static const unsigned char want_all[] = {P, C, U, S, S, U, U, U, S};
	/* a small row total beside a zero row */
	static const int64_t small[] = {0, 3, 0, 7, 9, 8};
	static const unsigned char want_small[] = {S, P, S, P, S, C, S, C,
						   S, S, S, U};

	run(2, 2, zero, SUPPRESS_ROW_TOTALS | SUPPRESS_COL_TOTALS, 5,
	    want_zero);
	run(1, 2, tot, SUPPRESS_ROW_TOTALS | SUPPRESS_COL_TOTALS, 5,
	    want_tot);
	run(2, 2, all, SUPPRESS_GRAND_TOTAL, 5, want_all);
	run(2, 3, small, SUPPRESS_ROW_TOTALS | SUPPRESS_COL_TOTALS, 5,
	    want_small);
}

static void test_errors(void)
{
	static const int64_t neg[] = {1, -1};
	static const int64_t big[] = {INT64_MAX, 1};
	struct suppress_table t = {1, 2, neg, 0, 5};
	unsigned char flags[6];
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, NULL, &err), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(err.msg, "cell (1, 2) has a negative count -1");
	t.cells = big;
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, NULL, &err), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(err.msg, "table totals overflow");
	t.min_count = 0;
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, NULL, NULL), NS_EUSAGE);
	t.min_count = 5;
	t.rows = 0;
	CU_ASSERT_EQUAL(suppress_apply(&t, flags, NULL, NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(suppress_flags_len(SIZE_MAX / 2, 4), 0);
}

static void test_derived(void)
{
	CU_ASSERT_EQUAL(suppress_derived_hidden(S, S), 0);
	CU_ASSERT_EQUAL(suppress_derived_hidden(P, S), 1);
	CU_ASSERT_EQUAL(suppress_derived_hidden(C, S), 1);
	CU_ASSERT_EQUAL(suppress_derived_hidden(S, P), 1);
	CU_ASSERT_EQUAL(suppress_derived_hidden(S, C), 1);
	CU_ASSERT_EQUAL(suppress_derived_hidden(S, U), 1);
	CU_ASSERT_EQUAL(suppress_hidden(P), 1);
	CU_ASSERT_EQUAL(suppress_hidden(C), 1);
	CU_ASSERT_EQUAL(suppress_hidden(S), 0);
	CU_ASSERT_EQUAL(suppress_hidden(U), 0);
}

/* ---- the attack ---- */

/*
 * solve: if relation (inner members at[0..n), total at `total`) has one
 * unknown, compute it from the others and mark it known.  Returns 1 when it
 * solved something.
 */
static int solve(const size_t *at, size_t n, size_t total,
		 const int64_t *values, unsigned char *known, int64_t *got)
{
	size_t i, unknown = SIZE_MAX, count = !known[total];
	int64_t sum = 0;

	if (count)
		unknown = total;
	for (i = 0; i < n; i++) {
		if (known[at[i]])
			sum += got[at[i]];
		else {
			count++;
			unknown = at[i];
		}
	}
	if (count != 1)
		return 0;
	got[unknown] = unknown == total ? sum : got[total] - sum;
	CU_ASSERT_EQUAL(got[unknown], values[unknown]);
	known[unknown] = 1;
	return 1;
}

/*
 * attack: what a reader can recompute from the published table.  Known at
 * the start: positions flagged SUPPRESS_SHOWN.  Relations: every row,
 * every column, row totals = grand, column totals = grand.  Returns the
 * number of hidden (primary or complementary) values recovered.
 */
static size_t attack(size_t rows, size_t cols, const int64_t *values,
		     const unsigned char *flags)
{
	unsigned char known[MAXPOS];
	int64_t got[MAXPOS];
	size_t at[MAXPOS], r, c, w = cols + 1, len = (rows + 1) * w, found = 0;
	int changed;

	for (r = 0; r < len; r++) {
		known[r] = flags[r] == SUPPRESS_SHOWN;
		got[r] = known[r] ? values[r] : -1;
	}
	do {
		changed = 0;
		for (r = 0; r <= rows; r++) {   /* r == rows: column totals */
			for (c = 0; c < cols; c++)
				at[c] = r * w + c;
			changed |= solve(at, cols, r * w + cols, values,
					 known, got);
		}
		for (c = 0; c <= cols; c++) {   /* c == cols: row totals */
			for (r = 0; r < rows; r++)
				at[r] = r * w + c;
			changed |= solve(at, rows, rows * w + c, values,
					 known, got);
		}
	} while (changed);
	for (r = 0; r < len; r++)
		found += known[r] && suppress_hidden(flags[r]);
	return found;
}

/* xorshift64*: a fixed-seed generator, the same on every platform. */
static uint64_t rng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* random_cells: about 30% zeros, 35% small (1..4), 35% 5..60. */
static void random_cells(uint64_t *s, int64_t *cells, size_t n)
{
	size_t i;
	uint64_t x;

	for (i = 0; i < n; i++) {
		x = rng(s) % 100;
		if (x < 30)
			cells[i] = 0;
		else if (x < 65)
			cells[i] = 1 + (int64_t)(rng(s) % 4);
		else
			cells[i] = 5 + (int64_t)(rng(s) % 56);
	}
}

/*
 * check_safe: suppress cells with every choice of margins, then assert no
 * shown cell or published margin is in 1..n-1, unpublished margins are
 * flagged so, and the attack recovers nothing.  Returns the number of
 * hidden positions seen (so callers can check the test had work to do).
 */
static size_t check_safe(size_t rows, size_t cols, const int64_t *cells,
			 int64_t n)
{
	struct suppress_table t = {rows, cols, cells, 0, n};
	unsigned char flags[MAXPOS];
	int64_t values[MAXPOS];
	size_t i, r, c, len = suppress_flags_len(rows, cols), hidden = 0;
	unsigned m;
	int pub;

	for (m = 0; m <= SUPPRESS_ALL_TOTALS; m++) {
		t.margins = m;
		CU_ASSERT_EQUAL_FATAL(suppress_apply(&t, flags, values, NULL),
				      0);
		for (i = 0; i < len; i++) {
			r = i / (cols + 1);
			c = i % (cols + 1);
			pub = (r < rows && c < cols) ||
			      (r < rows && (m & SUPPRESS_ROW_TOTALS)) ||
			      (c < cols && r == rows &&
			       (m & SUPPRESS_COL_TOTALS)) ||
			      (r == rows && c == cols &&
			       (m & SUPPRESS_GRAND_TOTAL));
			CU_ASSERT_EQUAL(flags[i] == U, !pub);
			if (flags[i] == S)
				CU_ASSERT(values[i] == 0 || values[i] >= n);
			if (flags[i] == P)
				CU_ASSERT(values[i] >= 1 && values[i] < n);
			hidden += suppress_hidden(flags[i]);
		}
		CU_ASSERT_EQUAL(attack(rows, cols, values, flags), 0);
	}
	return hidden;
}

static void test_attack_fixed(void)
{
	static const int64_t a[] = {20, 3, 6, 10, 30, 12, 25, 7, 8};
	static const int64_t b[] = {2, 0, 1, 10, 20, 30, 15, 6, 9};
	static const int64_t c[] = {2, 8, 9, 0};
	static const int64_t d[] = {1, 1, 1, 1, 1, 1};
	static const int64_t e[] = {0, 3, 0, 7, 9, 8};

	CU_ASSERT(check_safe(3, 3, a, 5) > 0);
	CU_ASSERT(check_safe(3, 3, b, 5) > 0);
	CU_ASSERT(check_safe(2, 2, c, 5) > 0);
	CU_ASSERT(check_safe(2, 3, d, 5) > 0);
	CU_ASSERT(check_safe(2, 3, e, 5) > 0);
	CU_ASSERT(check_safe(1, 2, c, 5) > 0);
	CU_ASSERT(check_safe(2, 1, c, 5) > 0);
}

/* The attack does find cells when only primary suppression is applied:
 * proof that the attack test can fail. */
static void test_attack_catches_primary_only(void)
{
	static const int64_t values[] = {20, 3, 6, 29, 10, 30, 12, 52,
					 25, 7, 8, 40, 55, 40, 26, 121};
	unsigned char flags[16];

	memset(flags, S, sizeof flags);
	flags[suppress_index(3, 0, 1)] = P;
	CU_ASSERT_EQUAL(attack(3, 3, values, flags), 1);
}

static void test_attack_random(void)
{
	int64_t cells[8 * 17];
	uint64_t seed = 0x5eed2026ULL;
	size_t k, rows, cols, hidden;

	/* the case: 8 x 17, fixed seed, many small cells */
	random_cells(&seed, cells, 8 * 17);
	hidden = check_safe(8, 17, cells, 5);
	CU_ASSERT(hidden > 8 * 8 * 17 / 4);
	CU_ASSERT(check_safe(8, 17, cells, 10) > hidden);
	/* many small shapes, where lines run out of candidates sooner */
	for (k = 0; k < 400; k++) {
		rows = 1 + (size_t)(rng(&seed) % 6);
		cols = 1 + (size_t)(rng(&seed) % 6);
		random_cells(&seed, cells, rows * cols);
		check_safe(rows, cols, cells, 5);
	}
}

static CU_TestInfo tests[] = {
	{"primary", test_primary},
	{"values and index", test_values},
	{"complement in a row", test_complement_row},
	{"complement in a column", test_complement_col},
	{"complement in row and column", test_complement_both},
	{"small margin", test_small_margin},
	{"zero cell and total as complements", test_zero_and_total},
	{"errors", test_errors},
	{"derived values", test_derived},
	{"attack: fixed tables", test_attack_fixed},
	{"attack: primary only is caught", test_attack_catches_primary_only},
	{"attack: random tables", test_attack_random},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_suppress[] = {
	{"suppress", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
