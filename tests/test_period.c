/*
 * Tests for period: the period options as whole-month ranges (fiscal years
 * with a configurable start, calendar quarters, strict --from/--to) and
 * their English and French labels.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/period.h"

static struct period P(int from, int to)
{
	struct period p;

	p.from = from;
	p.to = to;
	return p;
}

static int eq(const struct period *p, int from, int to)
{
	return p->from == from && p->to == to;
}

static void test_month_quarter_year(void)
{
	struct period p;
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL(period_parse_month("2024-04", &p, &err), 0);
	CU_ASSERT(eq(&p, 202404, 202404));
	CU_ASSERT_EQUAL(period_parse_quarter("2024-Q1", &p, &err), 0);
	CU_ASSERT(eq(&p, 202401, 202403));
	CU_ASSERT_EQUAL(period_parse_quarter("2023-q4", &p, &err), 0);
	CU_ASSERT(eq(&p, 202310, 202312));
	CU_ASSERT_EQUAL(period_parse_year("2025", &p, &err), 0);
	CU_ASSERT(eq(&p, 202501, 202512));
	/* bad values leave *p alone and say what was expected */
	p = P(1, 2);
	CU_ASSERT_EQUAL(period_parse_month("2024-13", &p, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "month '2024-13' is not YYYY-MM");
	CU_ASSERT_EQUAL(period_parse_month("2024-4", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_month("2024-04 ", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_quarter("2024-Q5", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_quarter("2024Q1", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_year("24", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_year("+2024", &p, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_year(NULL, &p, &err), NS_EUSAGE);
	CU_ASSERT(eq(&p, 1, 2));
}

static void test_fiscal_year(void)
{
	struct period p;
	struct nserr err;

	nserr_init(&err);
	/* Canadian default: fiscal year 2024 = April 2024 to March 2025 */
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", PERIOD_FY_START_DEFAULT,
						 &p, &err), 0);
	CU_ASSERT(eq(&p, 202404, 202503));
	CU_ASSERT_EQUAL(period_months(&p), 12);
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", 7, &p, &err), 0);
	CU_ASSERT(eq(&p, 202407, 202506));
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", 1, &p, &err), 0);
	CU_ASSERT(eq(&p, 202401, 202412));
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", 12, &p, &err), 0);
	CU_ASSERT(eq(&p, 202412, 202511));
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", 13, &p, &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_fiscal_year("2024", 0, &p, &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_fiscal_year("9999", 4, &p, &err),
			NS_EUSAGE);
}

static void test_range(void)
{
	struct period p;
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL(period_parse_range("2024-04", "2024-06", &p, &err), 0);
	CU_ASSERT(eq(&p, 202404, 202406));
	CU_ASSERT_EQUAL(period_parse_range("2024-04-01", "2024-06-30", &p,
					   &err), 0);
	CU_ASSERT(eq(&p, 202404, 202406));
	CU_ASSERT_EQUAL(period_parse_range("2024-02-01", "2024-02-29", &p,
					   &err), 0);
	CU_ASSERT(eq(&p, 202402, 202402));
	/* open ends */
	CU_ASSERT_EQUAL(period_parse_range("2024-04", NULL, &p, &err), 0);
	CU_ASSERT(eq(&p, 202404, 0));
	CU_ASSERT_EQUAL(period_parse_range(NULL, NULL, &p, &err), 0);
	CU_ASSERT(eq(&p, 0, 0));
	/* whole months only, real days, in order */
	CU_ASSERT_EQUAL(period_parse_range("2024-04-02", NULL, &p, &err),
			NS_EUSAGE);
	CU_ASSERT(strstr(err.msg, "first day") != NULL);
	CU_ASSERT_EQUAL(period_parse_range(NULL, "2024-06-29", &p, &err),
			NS_EUSAGE);
	CU_ASSERT(strstr(err.msg, "last day") != NULL);
	CU_ASSERT_EQUAL(period_parse_range(NULL, "2023-02-29", &p, &err),
			NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "--to '2023-02-29': no such day");
	CU_ASSERT_EQUAL(period_parse_range("2024-06", "2024-04", &p, &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(period_parse_range("2024/04", NULL, &p, &err),
			NS_EUSAGE);
}

static void test_arithmetic(void)
{
	struct period p = P(202402, 202402), open = P(202404, 0);
	char from[11], to[11];

	CU_ASSERT_EQUAL(period_month_add(202411, 3), 202502);
	CU_ASSERT_EQUAL(period_month_add(202401, -1), 202312);
	CU_ASSERT_EQUAL(period_month_add(202404, -12), 202304);
	CU_ASSERT_EQUAL(period_month_add(202412, 0), 202412);
	CU_ASSERT_EQUAL(period_month_add(202403, -27), 202112);
	CU_ASSERT_EQUAL(period_dates(&p, from, to), 0);
	CU_ASSERT_STRING_EQUAL(from, "2024-02-01");
	CU_ASSERT_STRING_EQUAL(to, "2024-02-29");
	p = P(202311, 202502);
	CU_ASSERT_EQUAL(period_months(&p), 16);
	CU_ASSERT_EQUAL(period_dates(&p, from, to), 0);
	CU_ASSERT_STRING_EQUAL(to, "2025-02-28");
	CU_ASSERT_EQUAL(period_months(&open), 0);
	CU_ASSERT_EQUAL(period_dates(&open, from, to), NS_EUSAGE);
}

static void check_label(const struct period *p, int fy, int lang,
			enum nf_style st, const char *want)
{
	char buf[200];

	CU_ASSERT(period_label(p, fy, lang, st, buf, sizeof buf) > 0);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_labels(void)
{
	struct period fy = P(202404, 202503), m = P(202404, 202404);
	struct period q = P(202401, 202403), y = P(202401, 202412);
	struct period open = P(0, 0);
	char buf[32];

	check_label(&fy, 4, NS_EN, NF_TEXT, "fiscal year 2024-25");
	check_label(&fy, 4, NS_FR, NF_TEXT, "exercice 2024-2025");
	check_label(&fy, 0, NS_EN, NF_TEXT, "April 2024 to March 2025");
	check_label(&fy, 0, NS_FR, NF_TEXT, "d'avril 2024 \xc3\xa0 mars 2025");
	check_label(&fy, 4, NS_EN, NF_MACHINE, "2024-04-01/2025-03-31");
	check_label(&m, 4, NS_EN, NF_TEXT, "April 2024");
	check_label(&m, 4, NS_FR, NF_TEXT, "avril 2024");
	check_label(&q, 4, NS_EN, NF_TEXT, "January to March 2024");
	check_label(&q, 4, NS_FR, NF_TEXT, "de janvier \xc3\xa0 mars 2024");
	check_label(&y, 4, NS_EN, NF_TEXT, "2024");
	check_label(&y, 4, NS_FR, NF_TEXT, "2024");
	CU_ASSERT_EQUAL(period_label(&open, 4, NS_EN, NF_TEXT, buf,
				     sizeof buf), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static CU_TestInfo tests[] = {
	{"month, quarter, year", test_month_quarter_year},
	{"fiscal year", test_fiscal_year},
	{"from/to range", test_range},
	{"month arithmetic and dates", test_arithmetic},
	{"labels en/fr", test_labels},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_period[] = {
	{"period", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
