/*
 * Tests for suppress_table: the cells of struct tables in one
 * suppress_set.  Two sheets of one workbook: sheet A (needs by category)
 * hides Housing (3) and, to protect it, Food (6); sheet B (a region's
 * needs, which are all the needs here) shows Food's 6 among counts that
 * are all 5 or more, so alone it hides nothing.  Each sheet suppressed
 * alone is safe, but a reader of both gets Housing = 60 - 51 - 6 = 3.
 * Suppressed as one set (Food is one cell, keyed alike in both sheets),
 * Food is hidden in both, B hides Shelter too (else Food = 15 - 9), and
 * every "<N" cell is safe.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/suppress.h"
#include "report/suppress_table.h"

/* sheet: a table id with rows keys[i] = v[i], the last one a total. */
static void sheet(struct table *t, const char *id, const char *const *keys,
		  const int64_t *v, size_t n)
{
	size_t i;
	int r;

	table_init(t);
	CU_ASSERT_FATAL(table_set_id(t, id) == 0);
	CU_ASSERT_FATAL(table_add_col(t, "key", COL_TEXT, "Key", "Cl\xc3\xa9")
			== 0);
	CU_ASSERT_FATAL(table_add_col(t, "needs", COL_INT, "Needs",
				      "Besoins") == 1);
	for (i = 0; i < n; i++) {
		r = table_add_row(t);
		CU_ASSERT_FATAL(r >= 0);
		table_set_text(t, (size_t)r, 0, keys[i], NULL);
		table_set_int(t, (size_t)r, 1, v[i]);
		if (i == n - 1)
			table_set_row_flags(t, (size_t)r, ROW_TOTAL);
	}
}

static const char *const ka[] = { "Housing", "Food", "Health", "All" };
static const int64_t va[] = { 3, 6, 51, 60 };
static const char *const kb[] = { "Food", "Shelter", "Ontario" };
static const int64_t vb[] = { 6, 9, 15 };

/* model: the cells of t (key "KEY|needs": A's Food and B's total are one
 * cell) into cells, with the line total = rows. */
static void model(struct suppress_table *cells, struct table *t, long *idx)
{
	char key[64];
	size_t r, n = table_nrows(t);

	for (r = 0; r < n; r++) {
		snprintf(key, sizeof key, "%s|needs",
			 table_get_text(t, r, 0, NS_EN));
		CU_ASSERT_EQUAL_FATAL(suppress_table_cell(cells, t, r, 1, key,
							  0, &idx[r], NULL), 0);
	}
	CU_ASSERT_EQUAL(suppress_table_line(cells, idx[n - 1], idx, n - 1,
					    NULL), 0);
}

/* hidden: whether row r of t is hidden. */
static int hidden(const struct table *t, size_t r)
{
	return (table_flags(t, r, 1) & CELL_SUPPRESSED) != 0;
}

/* housing: the audited interval of A's Housing in s (given states). */
static struct suppress_interval housing(const struct suppress_set *s,
					size_t cell)
{
	struct suppress_interval *iv = NULL, r = { 0, -1, -1, 1 };
	size_t n = 0, i;

	CU_ASSERT_EQUAL_FATAL(suppress_audit(s, 0, NULL, &iv, &n, NULL, NULL),
			      0);
	for (i = 0; i < n; i++)
		if (iv[i].cell == cell)
			r = iv[i];
	free(iv);
	return r;
}

/* alone: each sheet protected in its own set; then the states of both
 * sheets put together in one set and audited as a reader of both. */
static void test_alone_exposed(void)
{
	struct suppress_set sa, sb, both;
	struct suppress_table ca, cb, cboth;
	struct table a, b;
	struct suppress_interval iv;
	long ia[4], ib[3], ja[4], jb[3];
	size_t i;

	sheet(&a, "a", ka, va, 4);
	sheet(&b, "b", kb, vb, 3);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&sa, 5, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&sb, 5, NULL), 0);
	suppress_table_init(&ca, &sa);
	suppress_table_init(&cb, &sb);
	model(&ca, &a, ia);
	model(&cb, &b, ib);
	CU_ASSERT_EQUAL(suppress_protect(&sa, NULL), 0);
	CU_ASSERT_EQUAL(suppress_protect(&sb, NULL), 0);
	/* each alone is safe: A hides Housing and Food, B its channels */
	CU_ASSERT_EQUAL(sa.state[ia[0]], SUPPRESS_PRIMARY);
	CU_ASSERT_EQUAL(sa.state[ia[1]], SUPPRESS_COMPLEMENT);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(sb.state[ib[i]], SUPPRESS_SHOWN);
	iv = housing(&sa, (size_t)ia[0]);
	CU_ASSERT_FALSE(iv.exposed);
	/* a reader of both: B's shown total is A's hidden Food */
	CU_ASSERT_EQUAL_FATAL(suppress_init(&both, 5, NULL), 0);
	suppress_table_init(&cboth, &both);
	model(&cboth, &a, ja);
	model(&cboth, &b, jb);
	CU_ASSERT_EQUAL(jb[0], ja[1]);   /* one cell */
	for (i = 1; i < 3; i++)
		both.state[jb[i]] = sb.state[ib[i]];
	for (i = 0; i < 4; i++)       /* Food: shown in B, "x" in A */
		both.state[ja[i]] = sa.state[ia[i]];
	both.state[jb[0]] = SUPPRESS_SHOWN;
	iv = housing(&both, (size_t)ja[0]);
	CU_ASSERT_TRUE(iv.exposed);
	CU_ASSERT_DOUBLE_EQUAL(iv.lo, 3.0, 1e-6);
	CU_ASSERT_DOUBLE_EQUAL(iv.hi, 3.0, 1e-6);
	suppress_table_release(&ca);
	suppress_table_release(&cb);
	suppress_table_release(&cboth);
	suppress_release(&sa);
	suppress_release(&sb);
	suppress_release(&both);
	table_release(&a);
	table_release(&b);
}

/* one set: Food hidden in both sheets, B hides a second cell, all safe,
 * and the states are on the tables. */
static void test_one_set(void)
{
	struct suppress_set s;
	struct suppress_table c;
	struct table a, b;
	struct suppress_interval iv;
	long ia[4], ib[3];

	sheet(&a, "a", ka, va, 4);
	sheet(&b, "b", kb, vb, 3);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	suppress_table_init(&c, &s);
	model(&c, &a, ia);
	model(&c, &b, ib);
	CU_ASSERT_EQUAL(s.n, 6);
	CU_ASSERT_EQUAL(suppress_protect(&s, NULL), 0);
	CU_ASSERT_EQUAL(suppress_table_apply(&c, NULL), 0);
	iv = housing(&s, (size_t)ia[0]);
	CU_ASSERT_FALSE(iv.exposed);
	CU_ASSERT_TRUE(hidden(&a, 0));
	CU_ASSERT_TRUE(hidden(&a, 1));
	CU_ASSERT_TRUE(hidden(&b, 0));          /* Food, also in B */
	CU_ASSERT_TRUE(hidden(&b, 1));          /* Shelter: 15 - Food */
	CU_ASSERT_FALSE(hidden(&a, 2));
	CU_ASSERT_FALSE(hidden(&b, 2));
	CU_ASSERT_TRUE(table_flags(&b, 0, 1) & CELL_COMPLEMENTARY);
	CU_ASSERT_TRUE(table_is_null(&b, 0, 1)); /* the value is erased */
	suppress_table_release(&c);
	suppress_release(&s);
	table_release(&a);
	table_release(&b);
}

/* lines: only when every member is a cell and the values add up. */
static void test_lines(void)
{
	struct suppress_set s;
	struct suppress_table c;
	struct table a;
	long ia[4], m[2];

	sheet(&a, "a", ka, va, 4);
	CU_ASSERT_EQUAL_FATAL(suppress_init(&s, 5, NULL), 0);
	suppress_table_init(&c, &s);
	model(&c, &a, ia);
	CU_ASSERT_EQUAL(s.nl, 1);
	m[0] = ia[0];
	m[1] = ia[1];
	CU_ASSERT_EQUAL(suppress_table_line(&c, ia[3], m, 2, NULL), 0);
	CU_ASSERT_EQUAL(s.nl, 1);                /* 3 + 6 != 60: none */
	m[0] = -1;
	CU_ASSERT_EQUAL(suppress_table_line(&c, ia[0], m, 1, NULL), 0);
	CU_ASSERT_EQUAL(s.nl, 1);                /* a member not a cell */
	CU_ASSERT_EQUAL(suppress_table_line(&c, -1, ia, 1, NULL), 0);
	CU_ASSERT_EQUAL(s.nl, 1);                /* a total not a cell */
	CU_ASSERT_EQUAL(suppress_table_line(&c, ia[0], ia, 1, NULL), 0);
	CU_ASSERT_EQUAL(s.nl, 2);                /* 3 = 3 */
	suppress_table_release(&c);
	suppress_release(&s);
	table_release(&a);
}

static CU_TestInfo tests[] = {
	{"each sheet alone: safe, but exposed across", test_alone_exposed},
	{"one set over both sheets", test_one_set},
	{"lines only when the values add up", test_lines},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_suppress_table[] = {
	{"suppress_table", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
