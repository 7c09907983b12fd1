/*
 * Tests for suppress: the protection step and its linear-programming audit
 * on hand-made tables with known attacks: the five-ones row, a single
 * hidden cell in a row with a total, two hidden cells of a 2x2 table with
 * its margins, the same cell in two tables, and a table no hiding can
 * protect (refused).  Each attack is first shown to work on a hand-set
 * pattern (the audit reports the cell exposed), then protect() must leave
 * every "<N" cell with the interval [0, N-1].
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"

/* add: cells named k0, k1, ... with values v[0..n); idx gets the indexes;
 * total: index of the first total cell (cells from it on are totals). */
static void add(struct suppress_set *s, const char *table, const int64_t *v,
		size_t n, size_t total, size_t *idx)
{
	char key[32];
	size_t i;
	long id;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		id = suppress_cell(s, table, key, v[i], i >= total, NULL);
		CU_ASSERT_FATAL(id >= 0);
		idx[i] = (size_t)id;
	}
}

/* interval: the audited interval of cell c (fails if c is not hidden). */
static struct suppress_interval interval(const struct suppress_set *s,
					 size_t c, size_t *exposed)
{
	struct suppress_interval *iv = NULL, r = { 0, -1, -1, 1 };
	size_t n = 0, i;

	CU_ASSERT_EQUAL_FATAL(suppress_audit(s, SUPPRESS_AUDIT_X, NULL, &iv, &n, exposed, NULL), 0);
	for (i = 0; i < n; i++)
		if (iv[i].cell == c)
			r = iv[i];
	free(iv);
	CU_ASSERT_EQUAL(r.cell, c);
	return r;
}

/* all_safe: every "<N" cell audits as [0, N-1]. */
static int all_safe(const struct suppress_set *s)
{
	struct suppress_interval *iv = NULL;
	size_t n = 0, i, exp = 99;
	int ok = 1;

	CU_ASSERT_EQUAL_FATAL(suppress_audit(s, 0, NULL, &iv, &n, &exp, NULL), 0);
	for (i = 0; i < n; i++)
		ok &= fabs(iv[i].lo) < 1e-6 &&
		      fabs(iv[i].hi - (double)(s->min_count - 1)) < 1e-6;
	free(iv);
	return ok && exp == 0;
}

/* Five counts of 1 and their shown total 5: under "<5" = 0..4 each can be
 * anything from 0 to 4, so nothing else needs hiding. */
static void test_five_ones(void)
{
	static const int64_t v[] = { 1, 1, 1, 1, 1, 5 };
	struct suppress_set s;
	size_t idx[6];

	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	add(&s, "t", v, 6, 5, idx);
	CU_ASSERT_EQUAL(suppress_line(&s, idx[5], idx, 5, NULL), 0);
	CU_ASSERT_EQUAL(suppress_protect(&s, NULL), 0);
	CU_ASSERT_EQUAL(s.state[idx[0]], SUPPRESS_PRIMARY);
	CU_ASSERT_EQUAL(s.state[idx[5]], SUPPRESS_SHOWN);
	CU_ASSERT(all_safe(&s));
	/* with N = 2 ("<2" = 0..1), the total 5 pins all five at 1 */
	suppress_release(&s);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 2, NULL), 0);
	add(&s, "t", v, 6, 5, idx);
	CU_ASSERT_EQUAL(suppress_line(&s, idx[5], idx, 5, NULL), 0);
	s.state[idx[0]] = s.state[idx[1]] = s.state[idx[2]] = s.state[idx[3]] =
		s.state[idx[4]] = SUPPRESS_PRIMARY;
	CU_ASSERT_EQUAL(interval(&s, idx[0], NULL).lo, 1);
	CU_ASSERT_EQUAL(suppress_protect(&s, NULL), 0);
	CU_ASSERT_EQUAL(s.state[idx[5]], SUPPRESS_COMPLEMENT);
	CU_ASSERT(all_safe(&s));
	suppress_release(&s);
}

/* One "<5" in a row with a total: the total minus the shown cells gives
 * it away; protection hides the smallest other cell, and the interval is
 * 0..4 again. */
static void test_single_hidden(void)
{
	static const int64_t v[] = { 3, 10, 12, 25 };
	struct suppress_set s;
	struct suppress_interval iv;
	size_t idx[4], exp = 0;

	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	add(&s, "t", v, 4, 3, idx);
	CU_ASSERT_EQUAL(suppress_line(&s, idx[3], idx, 3, NULL), 0);
	s.state[idx[0]] = SUPPRESS_PRIMARY;
	iv = interval(&s, idx[0], &exp);
	CU_ASSERT_EQUAL(exp, 1);
	CU_ASSERT(iv.exposed && fabs(iv.lo - 3) < 1e-6 && fabs(iv.hi - 3) < 1e-6);
	CU_ASSERT_EQUAL(suppress_protect(&s, NULL), 0);
	CU_ASSERT_EQUAL(s.state[idx[1]], SUPPRESS_COMPLEMENT);
	CU_ASSERT_EQUAL(s.state[idx[2]], SUPPRESS_SHOWN);
	CU_ASSERT_EQUAL(s.state[idx[3]], SUPPRESS_SHOWN);
	iv = interval(&s, idx[1], NULL);
	CU_ASSERT(fabs(iv.lo - 9) < 1e-6 && fabs(iv.hi - 13) < 1e-6);
	CU_ASSERT(all_safe(&s));
	suppress_release(&s);
}

/*
 * A 2x2 table with its margins: a=2 b=10 / c=10 d=30, rows 12 and 40,
 * columns 12 and 40, grand total 52.  Hiding a and b (same row) satisfies
 * the row but the column a + c = 12 pins a: the line-by-line rule that
 * checks each line alone would still be fooled by a pattern the audit
 * sees through.  Protection must hide the four inner cells.
 */
static void test_two_by_two(void)
{
	static const int64_t v[] = { 2, 10, 10, 30, 12, 40, 12, 40, 52 };
	struct suppress_set s;
	size_t idx[9], m[2];
	int i;

	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	add(&s, "t", v, 9, 4, idx);
	m[0] = idx[0]; m[1] = idx[1];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[4], m, 2, NULL), 0);
	m[0] = idx[2]; m[1] = idx[3];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[5], m, 2, NULL), 0);
	m[0] = idx[0]; m[1] = idx[2];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[6], m, 2, NULL), 0);
	m[0] = idx[1]; m[1] = idx[3];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[7], m, 2, NULL), 0);
	m[0] = idx[4]; m[1] = idx[5];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[8], m, 2, NULL), 0);
	m[0] = idx[6]; m[1] = idx[7];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[8], m, 2, NULL), 0);
	s.state[idx[0]] = SUPPRESS_PRIMARY;
	s.state[idx[1]] = SUPPRESS_COMPLEMENT;
	CU_ASSERT(interval(&s, idx[0], NULL).exposed);
	CU_ASSERT_EQUAL(suppress_protect(&s, NULL), 0);
	for (i = 0; i < 4; i++)
		CU_ASSERT_NOT_EQUAL(s.state[idx[i]], SUPPRESS_SHOWN);
	for (i = 4; i < 9; i++)
		CU_ASSERT_EQUAL(s.state[idx[i]], SUPPRESS_SHOWN);
	CU_ASSERT(all_safe(&s));
	suppress_release(&s);
}

/* The same key from two tables is one cell; a different value under the
 * same key is another cell. */
static void test_set_linkage(void)
{
	struct suppress_set s;
	long a, b, c;

	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	a = suppress_cell(&s, "t1", "ON, housing, unmet", 3, 0, NULL);
	b = suppress_cell(&s, "t2", "ON, housing, unmet", 3, 0, NULL);
	c = suppress_cell(&s, "t2", "ON, housing, unmet", 4, 0, NULL);
	CU_ASSERT(a >= 0 && a == b && c >= 0 && c != a);
	CU_ASSERT_STRING_EQUAL(s.key[c], "ON, housing, unmet #2");
	CU_ASSERT_STRING_EQUAL(s.table[b], "t1");
	CU_ASSERT_EQUAL(suppress_cell(&s, "t", "k", -1, 0, NULL), NS_EDATA);
	suppress_release(&s);
	CU_ASSERT_EQUAL(suppress_init(&s, 1, NULL), NS_EUSAGE);
	suppress_release(&s);
}

/* A line that does not add up is refused; a table whose "<N" cell stays
 * exposed whatever is hidden (6 = p + p: any "x" >= 5 forces p >= 2.5) is
 * refused, naming the table and the cell. */
static void test_refused(void)
{
	static const int64_t v[] = { 3, 6 };
	struct suppress_set s;
	struct nserr err;
	size_t idx[2], m[2];

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	add(&s, "leaky", v, 2, 1, idx);
	CU_ASSERT_EQUAL(suppress_line(&s, idx[1], idx, 1, &err), NS_EDATA);
	m[0] = m[1] = idx[0];
	CU_ASSERT_EQUAL(suppress_line(&s, idx[1], m, 2, NULL), 0);
	CU_ASSERT_EQUAL(suppress_protect(&s, &err), NS_EINTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "table 'leaky': cell (k0) is "
				      "exposed"));
	suppress_release(&s);
}

static CU_TestInfo tests[] = {
	{ "five ones in a row with its total", test_five_ones },
	{ "a single hidden cell in a row with a total", test_single_hidden },
	{ "two hidden cells of a 2x2 with margins", test_two_by_two },
	{ "one cell across tables", test_set_linkage },
	{ "an exposed table is refused", test_refused },
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_suppress[] = {
	{ "suppress", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};
