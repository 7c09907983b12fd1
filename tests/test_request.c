/*
 * Tests for request: the report request built from options and the
 * environment (defaults, each option, the usage messages the tools print,
 * one period kind, fiscal years after --fiscal-start, parameters) and its
 * "source and method" lines in English and French.
 */
#define _POSIX_C_SOURCE 200809L
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "report/request.h"

/* clean_env: none of the variables a request reads. */
static void clean_env(void)
{
	unsetenv("NEEDSTAT_DB");
	unsetenv("NEEDSTAT_FISCAL_START");
	unsetenv("NEEDSTAT_LANG");
	unsetenv("SOURCE_DATE_EPOCH");
}

static void test_defaults(void)
{
	struct report_request rq;
	struct nserr err;

	clean_env();
	nserr_init(&err);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_env(&rq, &err), 0);
	CU_ASSERT_STRING_EQUAL(rq.db, "needstat.db");
	CU_ASSERT_EQUAL(rq.lang, NS_EN);
	CU_ASSERT_EQUAL(rq.o.min_cell, 5);
	CU_ASSERT_EQUAL(rq.o.fy_start, 4);
	CU_ASSERT_PTR_NULL(rq.o.region);
	CU_ASSERT_PTR_NULL(rq.o.category);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	CU_ASSERT_EQUAL(rq.o.period.from, 0);
	CU_ASSERT_EQUAL(rq.o.period.to, 0);
	CU_ASSERT_EQUAL(rq.o.nparams, 0);
	/* no SOURCE_DATE_EPOCH: now, set once for every output */
	CU_ASSERT_PTR_EQUAL(rq.o.generated_at, rq.generated_at);
	CU_ASSERT_EQUAL(strlen(rq.generated_at), 20);
	CU_ASSERT_EQUAL(rq.generated_at[19], 'Z');
}

static void test_env(void)
{
	struct report_request rq;
	struct nserr err;

	clean_env();
	nserr_init(&err);
	setenv("NEEDSTAT_DB", "/tmp/x.db", 1);
	setenv("NEEDSTAT_FISCAL_START", "7", 1);
	setenv("NEEDSTAT_LANG", "fr_CA.UTF-8", 1);
	setenv("SOURCE_DATE_EPOCH", "1735689600", 1);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_env(&rq, &err), 0);
	CU_ASSERT_STRING_EQUAL(rq.db, "/tmp/x.db");
	CU_ASSERT_EQUAL(rq.o.fy_start, 7);
	CU_ASSERT_EQUAL(rq.lang, NS_FR);
	/* options override the environment */
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_LANG, "en", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_DB, "a.db", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_FISCAL_YEAR, "2024",
					      &err), 0);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	CU_ASSERT_EQUAL(rq.lang, NS_EN);
	CU_ASSERT_STRING_EQUAL(rq.db, "a.db");
	CU_ASSERT_EQUAL(rq.o.period.from, 202407);
	CU_ASSERT_EQUAL(rq.o.period.to, 202506);
	CU_ASSERT_STRING_EQUAL(rq.o.generated_at, "2025-01-01T00:00:00Z");

	/* bad values: the messages the tools print */
	setenv("NEEDSTAT_FISCAL_START", "13", 1);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_env(&rq, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "option 'NEEDSTAT_FISCAL_START': '13' "
			       "is not a whole number from 1 to 12");
	setenv("NEEDSTAT_FISCAL_START", "", 1);
	setenv("NEEDSTAT_LANG", "de", 1);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_env(&rq, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "NEEDSTAT_LANG 'de' is not en or fr");
	/* a SOURCE_DATE_EPOCH that is not a number is ignored */
	setenv("NEEDSTAT_LANG", "", 1);
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_env(&rq, &err), 0);
	CU_ASSERT_STRING_EQUAL(rq.generated_at, "");
	clean_env();
}

static void test_options(void)
{
	struct report_request rq;
	struct nserr err;

	clean_env();
	nserr_init(&err);
	report_request_init(&rq);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_REGION, "ON", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_CATEGORY, "housing",
					      &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_MIN_CELL, "10", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "top=5", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "level=", &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_QUARTER, "2024-Q2", &err),
			0);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	CU_ASSERT_STRING_EQUAL(rq.o.region, "ON");
	CU_ASSERT_STRING_EQUAL(rq.o.category, "housing");
	CU_ASSERT_EQUAL(rq.o.min_cell, 10);
	CU_ASSERT_EQUAL(rq.o.nparams, 2);
	CU_ASSERT_STRING_EQUAL(rq.o.pnames[0], "top");
	CU_ASSERT_STRING_EQUAL(rq.o.pvalues[0], "5");
	CU_ASSERT_STRING_EQUAL(rq.o.pnames[1], "level");
	CU_ASSERT_STRING_EQUAL(rq.o.pvalues[1], "");
	CU_ASSERT_EQUAL(rq.o.period.from, 202404);
	CU_ASSERT_EQUAL(rq.o.period.to, 202406);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_NO_SUPPRESS, NULL, &err),
			0);
	CU_ASSERT_EQUAL(rq.o.min_cell, 1);

	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_LANG, "xx", &err),
			NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "--lang 'xx' is not en or fr");
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_MIN_CELL, "0", &err),
			NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "option '--min-cell': '0' is not a "
			       "whole number from 1 to 1000000");
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_FISCAL_START, "4x",
					      &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "option '--fiscal-start': '4x' is not "
			       "a whole number from 1 to 12");
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "=5", &err),
			NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "-p '=5' is not NAME=VALUE (at most "
			       "16)");
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "top", &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(report_request_option(&rq, 999, "x", &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(rq.o.nparams, 2);
}

static void test_params_full(void)
{
	struct report_request rq;
	struct nserr err;
	int i;

	nserr_init(&err);
	report_request_init(&rq);
	for (i = 0; i < REPORT_MAX_PARAMS; i++)
		CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "a=1",
						      &err), 0);
	CU_ASSERT_EQUAL(report_request_option(&rq, RQ_PARAM, "a=1", &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(rq.o.nparams, REPORT_MAX_PARAMS);
}

static void test_one_period(void)
{
	struct report_request rq;
	struct nserr err;

	clean_env();
	nserr_init(&err);
	report_request_init(&rq);
	report_request_option(&rq, RQ_MONTH, "2024-01", &err);
	report_request_option(&rq, RQ_TO, "2024-03", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "give one period: --from/--to, "
			       "--month, --quarter, --year or --fiscal-year");
	/* --fiscal-year uses --fiscal-start given after it */
	report_request_init(&rq);
	report_request_option(&rq, RQ_FISCAL_YEAR, "2024", &err);
	report_request_option(&rq, RQ_FISCAL_START, "1", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	CU_ASSERT_EQUAL(rq.o.period.from, 202401);
	CU_ASSERT_EQUAL(rq.o.period.to, 202412);
	/* the period parser's message */
	report_request_init(&rq);
	report_request_option(&rq, RQ_MONTH, "2024-13", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), NS_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "2024-13"));
	/* from/to, either open */
	report_request_init(&rq);
	report_request_option(&rq, RQ_FROM, "2024-05", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	CU_ASSERT_EQUAL(rq.o.period.from, 202405);
	CU_ASSERT_EQUAL(rq.o.period.to, 0);
}

static void test_describe(void)
{
	struct report_request rq;
	struct nserr err;
	char buf[1024], small[16];
	size_t n;

	clean_env();
	setenv("SOURCE_DATE_EPOCH", "1735689600", 1);
	nserr_init(&err);
	report_request_init(&rq);
	report_request_env(&rq, &err);
	report_request_option(&rq, RQ_FISCAL_YEAR, "2024", &err);
	report_request_option(&rq, RQ_REGION, "ON", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	n = report_request_describe(&rq, NS_EN, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf,
		"Period: fiscal year 2024-25 (April 2024 to March 2025)\n"
		"Region: ON\n"
		"Category: all categories\n"
		"Small cells: counts from 0 to 4 are suppressed\n"
		"Generated: 2025-01-01T00:00:00Z\n");
	CU_ASSERT_EQUAL(n, strlen(buf));
	/* snprintf semantics: cut, terminated, full length returned */
	CU_ASSERT_EQUAL(report_request_describe(&rq, NS_EN, small,
						sizeof small), n);
	CU_ASSERT_STRING_EQUAL(small, "Period: fiscal ");

	report_request_option(&rq, RQ_NO_SUPPRESS, NULL, &err);
	report_request_option(&rq, RQ_CATEGORY, "housing", &err);
	report_request_describe(&rq, NS_FR, buf, sizeof buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "P\xc3\xa9riode\xc2\xa0: exercice "
				      "2024-2025"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Cat\xc3\xa9gorie\xc2\xa0: "
				      "housing\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "aucun masquage (--min-cell 1)"));

	report_request_init(&rq);
	report_request_env(&rq, &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	report_request_describe(&rq, NS_EN, buf, sizeof buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Period: all the data\n"
				      "Region: all regions\n"));
	report_request_init(&rq);
	report_request_option(&rq, RQ_TO, "2025-03", &err);
	CU_ASSERT_EQUAL(report_request_finish(&rq, &err), 0);
	report_request_describe(&rq, NS_EN, buf, sizeof buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Period: up to 2025-03\n"));
	clean_env();
}

static CU_TestInfo tests[] = {
	{"defaults", test_defaults},
	{"environment defaults", test_env},
	{"options and their messages", test_options},
	{"at most REPORT_MAX_PARAMS -p", test_params_full},
	{"one period kind", test_one_period},
	{"source and method lines", test_describe},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_request[] = {
	{"request", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
