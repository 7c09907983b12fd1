/*
 * Tests for nserr: message formatting, prefixes, exit codes.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "nserr.h"

static void test_set_and_prefix(void)
{
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL(err.code, NS_OK);
	CU_ASSERT_EQUAL(nserr_set(&err, NS_EDATA, "column '%s': bad", "x"),
			NS_EDATA);
	CU_ASSERT_STRING_EQUAL(err.msg, "column 'x': bad");
	nserr_prefix(&err, "%s:%d", "f.csv", 3);
	CU_ASSERT_STRING_EQUAL(err.msg, "f.csv:3: column 'x': bad");
	CU_ASSERT_EQUAL(err.code, NS_EDATA);
	CU_ASSERT_EQUAL(nserr_set(NULL, NS_EIO, "ignored"), NS_EIO);
}

static void test_exit_codes(void)
{
	CU_ASSERT_EQUAL(nserr_exit_code(NS_OK), 0);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_EUSAGE), 64);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_EDATA), 65);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_ENOINPUT), 66);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_EINTERNAL), 70);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_ECANTCREAT), 73);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_EIO), 74);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_EBUSY), 75);
	CU_ASSERT_EQUAL(nserr_exit_code(NS_ECONFIG), 78);
	CU_ASSERT_STRING_EQUAL(nserr_str(NS_EBUSY), "database busy");
}

static CU_TestInfo tests[] = {
	{"set and prefix", test_set_and_prefix},
	{"exit codes", test_exit_codes},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_nserr[] = {
	{"nserr", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
