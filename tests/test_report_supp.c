/*
 * Tests for the report engine's small-cell suppression: the rule on a
 * hand-solved 3x3 matrix (primary "<5", complementary "x", smallest cells
 * first, totals added by the engine), --min-cell 1, and the bundled
 * funders' table against an attacker who repeatedly solves every
 * published equation with one unknown (rows, columns, totals, and the
 * reasons that add up to each cell), the rows of a characteristic that add
 * up to a total the query returns without showing it ('group:', as in
 * caller_profile), columns computed from hidden counts ('derived:'), and
 * the errors of those two keys.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/db.h"
#include "classify/refdata.h"
#include "report/report.h"
#include "testutil.h"

static sqlite3 *db;

/* Unmet needs of 2021 for the funders' table: 4 regions x 4 categories,
 * reasons mapped to the table's five reason columns. */
static const char funders_sql[] =
	"INSERT INTO agg_needs VALUES"
	" (202103, 'housing', 'ON', 'unmet', 'no_service', 12, 0),"
	" (202103, 'housing', 'ON', 'unmet', 'waitlist', 8, 0),"
	" (202103, 'housing', 'ON', 'unmet', 'cost', 6, 0),"
	" (202103, 'food', 'ON', 'unmet', 'waitlist', 3, 0),"
	" (202103, 'utilities', 'ON', 'unmet', 'cost', 7, 0),"
	" (202103, 'utilities', 'ON', 'unmet', 'other', 2, 0),"
	" (202103, 'housing', 'QC', 'unmet', 'no_service', 20, 0),"
	" (202103, 'housing', 'QC', 'unmet', 'capacity', 15, 0),"
	" (202103, 'food', 'QC', 'unmet', 'ineligible', 6, 0),"
	" (202103, 'utilities', 'QC', 'unmet', 'funds_exhausted', 1, 0),"
	" (202103, 'health', 'QC', 'unmet', 'waitlist', 9, 0),"
	" (202103, 'housing', 'BC', 'unmet', 'waitlist', 11, 0),"
	" (202103, 'housing', 'BC', 'unmet', '', 4, 0),"
	" (202103, 'food', 'BC', 'unmet', 'no_service', 2, 0),"
	" (202103, 'health', 'BC', 'unmet', 'ineligible', 5, 0),"
	" (202103, 'housing', 'NS', 'unmet', 'no_service', 1, 0),"
	" (202103, 'utilities', 'NS', 'unmet', 'cost', 8, 0),"
	" (202103, 'health', 'NS', 'met', '', 30, 30),"
	" (202103, 'health', 'ON', 'met', '', 30, 30);";

static int suite_init(void)
{
	struct nserr err;

	return tu_db_init("report_supp.db", funders_sql, &db, &err) ? 1 : 0;
}

static int suite_clean(void)
{
	sqlite3_close(db);
	return 0;
}

static int run(const char *text, const struct report_opts *o,
	       struct table *t, struct nserr *err)
{
	struct report r;
	int rc;

	nserr_init(err);
	report_init(&r);
	table_init(t);
	if (report_parse(&r, "run.sql", text, err) != 0)
		return -100;
	rc = report_run(db, &r, o, t, err);
	report_release(&r);
	return rc;
}

static int has_note(const struct table *t, int lang, const char *s)
{
	size_t i;

	for (i = 0; i < table_nnotes(t); i++)
		if (strstr(table_note(t, i, lang), s))
			return 1;
	return 0;
}

static const char t_3x3[] =
	"-- id: s3\n-- title: S3\n"
	"-- column: r text\n-- column: c text\n-- column: n int\n"
	"-- matrix: r x c\n-- total: r | All r | Tous r\n"
	"-- total: c | All c\n-- suppress: n\n"
	"SELECT column1 AS r, column2 AS c, column3 AS n FROM (VALUES\n"
	" ('A', 'X', 3), ('A', 'Y', 10), ('A', 'Z', 12),\n"
	" ('B', 'X', 20), ('B', 'Y', 30), ('B', 'Z', 7),\n"
	" ('C', 'X', 15), ('C', 'Y', 8), ('C', 'Z', 40))\n"
	"WHERE :from > 0;\n";

/* cell: the row of (r, c) in a matrix table, or -1. */
static int cell(const struct table *t, const char *r, const char *c)
{
	size_t i;

	for (i = 0; i < table_nrows(t); i++)
		if (!strcmp(table_get_text(t, i, 0, NS_EN), r) &&
		    !strcmp(table_get_text(t, i, 1, NS_EN), c))
			return (int)i;
	return -1;
}

static void test_suppress_rule(void)
{
	static const char *const rows[] = { "A", "B", "C" };
	static const char *const cols[] = { "X", "Y", "Z" };
	/* expected: 1 primary (3), 2 complementary, 0 shown */
	static const int want[3][3] = { { 1, 2, 0 }, { 0, 0, 0 }, { 2, 2, 0 } };
	struct report_opts o;
	struct table t;
	struct nserr err;
	unsigned f;
	int i, j, row;

	report_opts_init(&o);
	o.period.from = 202101;
	o.period.to = 202112;
	CU_ASSERT_EQUAL_FATAL(run(t_3x3, &o, &t, &err), 0);
	/* 9 cells, 3 row totals, 3 column totals, the grand total */
	CU_ASSERT_EQUAL_FATAL(table_nrows(&t), 16);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 3, 1, NS_EN), "All c");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 15, 0, NS_FR), "Tous r");
	CU_ASSERT_EQUAL(table_row_flags(&t, 3), ROW_TOTAL);
	CU_ASSERT_EQUAL(table_get_real(&t, 15, 2), 145);
	CU_ASSERT_EQUAL(table_get_real(&t, cell(&t, "All r", "X"), 2), 38);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++) {
			row = cell(&t, rows[i], cols[j]);
			CU_ASSERT_FATAL(row >= 0);
			f = table_flags(&t, (size_t)row, 2);
			CU_ASSERT_EQUAL(want[i][j] == 0 ? !(f & CELL_SUPPRESSED) :
					want[i][j] == 1 ? (f & (CELL_SUPPRESSED |
					CELL_COMPLEMENTARY)) == CELL_SUPPRESSED :
					(f & CELL_COMPLEMENTARY) != 0, 1);
		}
	CU_ASSERT(has_note(&t, NS_EN, "counts from 0 to 4 are shown as <5"));
	table_release(&t);
	o.min_cell = 1;
	CU_ASSERT_EQUAL_FATAL(run(t_3x3, &o, &t, &err), 0);
	for (i = 0; i < (int)table_nrows(&t); i++)
		CU_ASSERT(!(table_flags(&t, (size_t)i, 2) & CELL_SUPPRESSED));
	CU_ASSERT(has_note(&t, NS_EN, "Suppression: none (--min-cell 1)."));
	CU_ASSERT(has_note(&t, NS_EN, "NOT FOR PUBLICATION"));
	CU_ASSERT(has_note(&t, NS_FR, "NE PAS PUBLIER"));
	table_release(&t);
}

#define NCOUNT 6   /* unmet + five reasons: table columns 2..7 */

/* solve: one equation over rows line[0..nl) of count column k: when
 * exactly one member is unknown, it becomes known.  Returns 1 then. */
static int solve(int known[][NCOUNT], const int *line, int nl, size_t k)
{
	int j, unknown = 0, at = -1;

	for (j = 0; j < nl; j++)
		if (!known[line[j]][k]) {
			unknown++;
			at = line[j];
		}
	if (unknown != 1)
		return 0;
	known[at][k] = 1;
	return 1;
}

/*
 * attack: what a reader can recompute from the shown table, solving
 * repeatedly any published equation with one unknown: the cells of a
 * region add up to its "All categories" row, the cells of a category to
 * its "All regions" row, the region totals and the category totals to the
 * grand total, and in every row unmet = the sum of the reasons.  Returns
 * the number of hidden counts recovered.
 */
static int attack(const struct table *t)
{
	static const char *const all[2] = { "All regions", "All categories" };
	size_t n = table_nrows(t), i, j, k;
	int known[200][NCOUNT], recovered = 0, progress = 1, line[64], nl, d;

	CU_ASSERT_FATAL(n <= 200);
	for (i = 0; i < n; i++)
		for (k = 0; k < NCOUNT; k++)
			known[i][k] = !table_is_null(t, i, k + 2);
	while (progress) {
		progress = 0;
		for (i = 0; i < n; i++) {
			int unknown = 0;

			for (k = 0; k < NCOUNT; k++)
				unknown += !known[i][k];
			if (unknown == 1) {       /* unmet = sum of reasons */
				for (k = 0; k < NCOUNT; k++)
					known[i][k] = 1;
				recovered++;
				progress = 1;
			}
		}
		for (d = 0; d < 2; d++)
			for (i = 0; i < n; i++) {
				if (strcmp(table_get_text(t, i, (size_t)d, NS_EN),
					   all[d]))
					continue;
				/* row i = the total, along d, of the rows that
				 * share its other dimension */
				nl = 0;
				line[nl++] = (int)i;
				for (j = 0; j < n; j++)
					if (strcmp(table_get_text(t, j, (size_t)d,
						   NS_EN), all[d]) &&
					    !strcmp(table_get_text(t, j, (size_t)
						    (1 - d), NS_EN), table_get_text(
						    t, i, (size_t)(1 - d), NS_EN)))
						line[nl++] = (int)j;
				for (k = 0; k < NCOUNT; k++)
					if (solve(known, line, nl, k)) {
						recovered++;
						progress = 1;
					}
			}
	}
	return recovered;
}

static void test_funders_suppression(void)
{
	struct report r;
	struct report_opts o;
	struct table t, audit;
	struct nserr err;
	size_t i, k;
	int primary = 0, comp = 0, row;
	double v;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL_FATAL(report_load(&r, tu_source_path(
		"reports/funders_unmet.sql"), &err), 0);
	report_opts_init(&o);
	o.period.from = 202101;
	o.period.to = 202112;
	table_init(&t);
	CU_ASSERT_EQUAL_FATAL(report_run(db, &r, &o, &t, &err), 0);
	/* 4 x 4 cells, 4 + 4 margins, the grand total */
	CU_ASSERT_EQUAL_FATAL(table_nrows(&t), 25);
	CU_ASSERT_STRING_EQUAL(table_col(&t, 2)->name, "unmet");
	CU_ASSERT_STRING_EQUAL(table_col(&t, 7)->name, "other");
	for (i = 0; i < table_nrows(&t); i++)
		for (k = 2; k < 2 + NCOUNT; k++) {
			unsigned f = table_flags(&t, i, k);

			v = table_get_real(&t, i, k);
			/* zeros too are "<5" */
			if (!(f & CELL_SUPPRESSED))
				CU_ASSERT(v >= 5);
			primary += (f & CELL_SUPPRESSED) &&
				   !(f & CELL_COMPLEMENTARY);
			comp += (f & CELL_COMPLEMENTARY) != 0;
			/* a rate built on a hidden count is hidden */
			if (k == 2 && (f & CELL_SUPPRESSED))
				CU_ASSERT(table_is_null(&t, i, 9) &&
					  table_is_null(&t, i, 10));
		}
	CU_ASSERT(primary >= 6);
	CU_ASSERT(comp >= 2);
	CU_ASSERT_EQUAL(attack(&t), 0);
	/* the linear-programming audit: every "<5" can still be 0..4 */
	table_init(&audit);
	o.audit = &audit;
	table_release(&t);
	table_init(&t);
	CU_ASSERT_EQUAL_FATAL(report_run(db, &r, &o, &t, &err), 0);
	CU_ASSERT_EQUAL(table_nrows(&audit), (size_t)(primary + comp));
	for (i = 0; i < table_nrows(&audit); i++) {
		CU_ASSERT_STRING_EQUAL(table_get_text(&audit, i, 5, NS_EN),
				       "yes");
		if (!strcmp(table_get_text(&audit, i, 2, NS_EN), "<5"))
			CU_ASSERT(table_get_real(&audit, i, 3) == 0 &&
				  table_get_real(&audit, i, 4) == 4);
	}
	CU_ASSERT_STRING_EQUAL(table_get_text(&audit, 0, 0, NS_EN),
			       "funders_unmet");
	o.audit = NULL;
	table_release(&audit);
	/* the attacker works: with --min-cell 1 everything is visible, and
	 * hiding one cell by hand is recovered at once */
	row = cell(&t, "Ontario", "Food/Meals");
	CU_ASSERT_EQUAL(table_flags(&t, (size_t)row, 2) &
			(CELL_SUPPRESSED | CELL_COMPLEMENTARY), CELL_SUPPRESSED);
	row = cell(&t, "Ontario", "Housing");
	table_release(&t);
	o.min_cell = 1;
	table_init(&t);
	CU_ASSERT_EQUAL_FATAL(report_run(db, &r, &o, &t, &err), 0);
	table_add_flags(&t, (size_t)row, 3, CELL_SUPPRESSED);
	CU_ASSERT_EQUAL(attack(&t), 1);
	/* grand total: all unmet needs of 2021 */
	CU_ASSERT_EQUAL(table_get_real(&t, 24, 2), 120);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 24, 0, NS_FR),
			       "Toutes les r\xc3\xa9gions");
	table_release(&t);
	report_release(&r);
}

/* Two characteristics (dim) whose values add up to the same total
 * (`tot`, returned but not shown): 'group:'; `ratio` and `per` are
 * computed by the query: 'derived:'. */
#define GROUP_HEAD \
	"-- id: grp\n-- title: Group\n" \
	"-- column: dim text\n-- column: val text\n-- column: n int\n" \
	"-- column: share share\n-- column: ratio real\n" \
	"-- column: per real\n-- wilson: share = n / tot\n" \
	"-- suppress: n\n-- group: n by dim = tot\n" \
	"-- derived: ratio from n\n-- derived: per from tot\n" \
	"SELECT column1 AS dim, column2 AS val, column3 AS n, column4 AS tot," \
	" 1.0 * column3 / column4 AS ratio, 100.0 / column4 AS per FROM\n"

static const char t_group[] = GROUP_HEAD
	" (VALUES ('A', 'a1', 40, 50), ('A', 'a2', 7, 50), ('A', 'a3', 3, 50),"
	" ('B', 'b1', 45, 50), ('B', 'b2', 5, 50)) WHERE :from > 0;\n";

static const char t_group_small[] = GROUP_HEAD
	" (VALUES ('A', 'a1', 2, 3), ('A', 'a2', 1, 3), ('B', 'b1', 3, 3))"
	" WHERE :from > 0;\n";

static unsigned hid(const struct table *t, size_t row, const char *col)
{
	int c = table_col_find(t, col);

	CU_ASSERT_FATAL(c >= 0);
	return table_flags(t, row, (size_t)c) &
	       (CELL_SUPPRESSED | CELL_COMPLEMENTARY);
}

static void test_group_lines(void)
{
	/* a3 (3) is "<5"; its group adds up to the shown total 50, so a
	 * second member, the smallest (a2, 7), is "x" */
	static const unsigned want[5] = { 0, CELL_SUPPRESSED |
		CELL_COMPLEMENTARY, CELL_SUPPRESSED, 0, 0 };
	struct report_opts o;
	struct table t, audit;
	struct nserr err;
	size_t i;

	report_opts_init(&o);
	o.period.from = 202101;
	o.period.to = 202112;
	table_init(&audit);
	o.audit = &audit;
	CU_ASSERT_EQUAL_FATAL(run(t_group, &o, &t, &err), 0);
	CU_ASSERT_EQUAL_FATAL(table_nrows(&t), 5);
	for (i = 0; i < 5; i++) {
		CU_ASSERT_EQUAL(hid(&t, i, "n"), want[i]);
		/* the share, its interval and the ratio of a hidden count */
		CU_ASSERT_EQUAL(hid(&t, i, "share") != 0, want[i] != 0);
		CU_ASSERT_EQUAL(hid(&t, i, "share_lo") != 0, want[i] != 0);
		CU_ASSERT_EQUAL(hid(&t, i, "share_hi") != 0, want[i] != 0);
		CU_ASSERT_EQUAL(hid(&t, i, "ratio") != 0, want[i] != 0);
		/* the total (50) is shown: so is what is built on it */
		CU_ASSERT_EQUAL(hid(&t, i, "per"), 0);
	}
	CU_ASSERT_EQUAL(table_get_real(&t, 0, (size_t)table_col_find(&t,
			"per")), 2);
	/* without the group line, a3 = 50 - 40 - 7 would not need a2 */
	CU_ASSERT_EQUAL_FATAL(table_nrows(&audit), 2);
	for (i = 0; i < 2; i++)
		CU_ASSERT_STRING_EQUAL(table_get_text(&audit, i, 5, NS_EN),
				       "yes");
	CU_ASSERT_STRING_EQUAL(table_get_text(&audit, 1, 1, NS_EN),
			       "A, a3, n");
	CU_ASSERT_EQUAL(table_get_real(&audit, 1, 4), 4);
	table_release(&t);
	table_release(&audit);
	/* a total below 5: hidden, and everything built on it too */
	o.audit = NULL;
	CU_ASSERT_EQUAL_FATAL(run(t_group_small, &o, &t, &err), 0);
	for (i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(hid(&t, i, "n"), CELL_SUPPRESSED);
		CU_ASSERT(hid(&t, i, "per") != 0);
		CU_ASSERT(hid(&t, i, "share") != 0);
	}
	table_release(&t);
	/* --min-cell 1: all shown, not for publication */
	o.min_cell = 1;
	CU_ASSERT_EQUAL_FATAL(run(t_group_small, &o, &t, &err), 0);
	CU_ASSERT_EQUAL(hid(&t, 1, "n"), 0);
	CU_ASSERT(has_note(&t, NS_EN, "NOT FOR PUBLICATION"));
	table_release(&t);
}

/* check_meta: the metadata `bad` (a line replacing the group and derived
 * lines of the group report) is refused with a message holding msg. */
static void check_meta(const char *bad, const char *msg)
{
	char text[2048];
	struct report_opts o;
	struct table t;
	struct nserr err;

	snprintf(text, sizeof text, "-- id: g\n-- title: G\n"
		 "-- column: dim text\n-- column: n int\n-- column: m int\n"
		 "-- column: q real\n-- suppress: n\n%s\n"
		 "SELECT 'a' AS dim, 1 AS n, 2 AS m, 3 AS tot, 0.5 AS q;\n",
		 bad);
	report_opts_init(&o);
	CU_ASSERT_EQUAL(run(text, &o, &t, &err), -100);
	CU_ASSERT_EQUAL(err.code, NS_ECONFIG);
	if (!strstr(err.msg, msg))
		fprintf(stderr, "\n'%s': got '%s'\n", bad, err.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg));
	table_release(&t);
}

static void test_group_meta(void)
{
	check_meta("-- group: m by dim = tot",
		   "run.sql:8: group: 'm' is not listed in 'suppress:'");
	check_meta("-- group: n dim = tot", "group: expected 'by'");
	check_meta("-- group: n by dim = tot extra", "unexpected 'extra'");
	check_meta("-- group: n by q = tot", "column 'q' must have type text");
	check_meta("-- group: n by dim = m", "total 'm' must be a column of "
		   "the query that the table does not show");
	check_meta("-- derived: q from m", "derived: 'm' is neither listed");
	check_meta("-- derived: q n", "derived: expected 'from'");
	check_meta("-- derived: q from", "derived: 'q' from no column");
	check_meta("-- derived: n from n", "'n' is a suppressed count");
	check_meta("-- derived: z from n", "'z' is not a declared column");
}

static CU_TestInfo tests[] = {
	{"group lines and derived columns", test_group_lines},
	{"group and derived metadata errors", test_group_meta},
	{"rule on a 3x3 matrix", test_suppress_rule},
	{"funders' table resists line solving", test_funders_suppression},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_report_supp[] = {
	{"report_supp", suite_init, suite_clean, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
