/*
 * Report metadata: one meaning per word.  Every column of the bundled
 * reports has a glossary entry in both languages, a label means the same
 * in every report (and never the bare, ambiguous "Referrals"), glossary
 * lines are checked, and a report knows which filters its query uses.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "testutil.h"

static void test_every_column_explained(void)
{
	struct report *list;
	struct nserr err;
	size_t n, i, c;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(report_list(tu_source_path("reports"), &list, &n,
					  &err), 0);
	CU_ASSERT_EQUAL(n, 9);
	for (i = 0; i < n; i++)
		for (c = 0; c < list[i].ncols; c++) {
			const struct report_colspec *k = &list[i].cols[c];

			if (!k->meaning[NS_EN] || !k->meaning[NS_FR])
				fprintf(stderr, "\n%s: column %s has no "
					"glossary\n", list[i].id, k->name);
			CU_ASSERT_PTR_NOT_NULL(k->meaning[NS_EN]);
			CU_ASSERT_PTR_NOT_NULL(k->meaning[NS_FR]);
		}
	report_list_free(list, n);
}

/* same_word: two declared columns with the same label in a language have
 * the same meaning, and the same label in the other language. */
static int same_word(const struct report_colspec *a,
		     const struct report_colspec *b, int l)
{
	if (!a->label[l] || !b->label[l] || strcmp(a->label[l], b->label[l]))
		return 1;
	return a->meaning[l] && b->meaning[l] &&
	       strcmp(a->meaning[l], b->meaning[l]) == 0 &&
	       a->label[!l] && b->label[!l] &&
	       strcmp(a->label[!l], b->label[!l]) == 0;
}

static void test_one_meaning_per_label(void)
{
	struct report *list;
	struct nserr err;
	size_t n, i, j, c, d;
	int l;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(report_list(tu_source_path("reports"), &list, &n,
					  &err), 0);
	for (i = 0; i < n; i++)
		for (c = 0; c < list[i].ncols; c++) {
			const struct report_colspec *a = &list[i].cols[c];

			if (!a->line)
				continue;   /* interval bounds: generic */
			CU_ASSERT(!a->label[NS_EN] ||
				  strcmp(a->label[NS_EN], "Referrals") != 0);
			CU_ASSERT(!a->label[NS_FR] ||
				  strcmp(a->label[NS_FR], "R\xc3\xa9" "f\xc3\xa9"
					 "rences") != 0);
			for (j = 0; j < n; j++)
				for (d = 0; d < list[j].ncols; d++) {
					if (!list[j].cols[d].line)
						continue;
					for (l = 0; l < NS_NLANG; l++) {
						if (same_word(a, &list[j].cols[d], l))
							continue;
						fprintf(stderr, "\n'%s': %s.%s and "
							"%s.%s differ\n",
							a->label[l], list[i].id,
							a->name, list[j].id,
							list[j].cols[d].name);
						CU_FAIL("one label, two meanings");
					}
				}
		}
	report_list_free(list, n);
}

static void test_referrals_words(void)
{
	struct report r;
	struct nserr err;
	size_t c;
	int seen = 0;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL_FATAL(report_find(tu_source_path("reports"),
					  "territory", &r, &err), 0);
	for (c = 0; c < r.ncols; c++)
		if (strcmp(r.cols[c].name, "referrals") == 0) {
			CU_ASSERT_STRING_EQUAL(r.cols[c].label[NS_EN],
					       "Referrals given");
			seen++;
		}
	report_release(&r);
	CU_ASSERT_EQUAL_FATAL(report_find(tu_source_path("reports"),
					  "referrals_top", &r, &err), 0);
	for (c = 0; c < r.ncols; c++)
		if (strcmp(r.cols[c].name, "referrals") == 0) {
			CU_ASSERT_STRING_EQUAL(r.cols[c].label[NS_EN],
					       "Referrals received");
			seen++;
		}
	report_release(&r);
	CU_ASSERT_EQUAL(seen, 2);
}

static void test_glossary_checked(void)
{
	static const char bad[] = "-- id: x\n-- title: X\n"
		"-- glossary: nope | Nothing | Rien\n"
		"-- column: a int | A | A\nSELECT 1 AS a\n";
	static const char half[] = "-- id: x\n-- title: X\n"
		"-- column: a int | A | A\n-- glossary: a | Only English\n"
		"SELECT 1 AS a\n";
	static const char good[] = "-- id: x\n-- title: X\n"
		"-- glossary: a | Apples | Pommes\n"
		"-- column: a int | A | A\nSELECT 1 AS a\n";
	struct report r;
	struct nserr err;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL(report_parse(&r, "x.sql", bad, &err), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(err.msg, "x.sql:3: glossary: 'nope' is not a "
			       "declared column");
	report_init(&r);
	CU_ASSERT_EQUAL(report_parse(&r, "x.sql", half, &err), NS_ECONFIG);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "x.sql:4: glossary: write"));
	report_init(&r);
	CU_ASSERT_EQUAL_FATAL(report_parse(&r, "x.sql", good, &err), 0);
	CU_ASSERT_STRING_EQUAL(r.cols[0].meaning[NS_EN], "Apples");
	CU_ASSERT_STRING_EQUAL(r.cols[0].meaning[NS_FR], "Pommes");
	report_release(&r);
}

static void test_param_sql_checked(void)
{
	static const char undeclared[] = "-- id: x\n-- title: X\n"
		"-- column: a int | A | A\n"
		"-- values.sql: level SELECT 'a'\nSELECT 1 AS a\n";
	static const char list[] = "-- id: x\n-- title: X\n"
		"-- param: f text a\n-- column: a int | A | A\n"
		"-- values.sql: f list SELECT 'a'\n"
		"-- default.sql: f SELECT 'a'\nSELECT :f AS a\n";
	struct report r;
	struct nserr err;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL(report_parse(&r, "x.sql", undeclared, &err),
			NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(err.msg, "x.sql:4: values.sql: 'level' is not "
			       "a parameter declared above with 'param:'");
	report_init(&r);
	CU_ASSERT_EQUAL_FATAL(report_parse(&r, "x.sql", list, &err), 0);
	CU_ASSERT_EQUAL(r.params[0].list, 1);
	CU_ASSERT_STRING_EQUAL(r.params[0].values_sql, "SELECT 'a'");
	CU_ASSERT_STRING_EQUAL(r.params[0].default_sql, "SELECT 'a'");
	report_release(&r);
}

static void test_filters_used(void)
{
	static const char *const uses[][3] = {
		/* id, region, category */
		{ "volume", "1", "0" }, { "caller_profile", "1", "0" },
		{ "data_quality", "1", "0" }, { "needs_status", "1", "1" },
		{ "trends", "1", "1" }, { "territory", "1", "1" },
	};
	struct report r;
	struct nserr err;
	size_t i;

	nserr_init(&err);
	for (i = 0; i < sizeof uses / sizeof uses[0]; i++) {
		report_init(&r);
		CU_ASSERT_EQUAL_FATAL(report_find(tu_source_path("reports"),
						  uses[i][0], &r, &err), 0);
		CU_ASSERT_EQUAL(report_uses(&r, "region"), uses[i][1][0] - '0');
		CU_ASSERT_EQUAL(report_uses(&r, "category"),
				uses[i][2][0] - '0');
		report_release(&r);
	}
}

static CU_TestInfo tests[] = {
	{"every bundled column has a glossary", test_every_column_explained},
	{"one meaning per label", test_one_meaning_per_label},
	{"referrals given and received", test_referrals_words},
	{"glossary lines are checked", test_glossary_checked},
	{"values.sql and default.sql", test_param_sql_checked},
	{"filters a report uses", test_filters_used},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_report_meta[] = {
	{"report_meta", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
