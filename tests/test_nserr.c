/*
 * Tests for nserr: message formatting, prefixes, exit codes.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/nserr.h"

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

/* No status is a small number that a helper might return by mistake
 * (-1 for "not found" used to be NS_EUSAGE, exit 64): such a value maps
 * to 70, internal error. */
static void test_no_collision(void)
{
	static const int codes[] = {NS_EUSAGE, NS_EDATA, NS_ENOINPUT,
		NS_ECANTCREAT, NS_EIO, NS_EBUSY, NS_ECONFIG, NS_ENOMEM,
		NS_EINTERNAL, NS_ESAME};
	size_t i;
	int v;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		CU_ASSERT(codes[i] < -255);
	for (v = -255; v <= 255; v++)
		if (v != 0)
			CU_ASSERT_EQUAL(nserr_exit_code(v), 70);
	CU_ASSERT_STRING_EQUAL(nserr_str(-1), "unknown error");
}

/* A message too long for the buffer is cut visibly, never silently. */
static void test_long_message(void)
{
	struct nserr err;
	char big[3000];

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	nserr_set(&err, NS_EDATA, "cannot open '%s'", big);
	CU_ASSERT_EQUAL(strlen(err.msg), NSERR_MSG_MAX - 1);
	CU_ASSERT_STRING_EQUAL(err.msg + NSERR_MSG_MAX - 4, "...");
	nserr_set(&err, NS_EDATA, "short");
	nserr_prefix(&err, "%s", big);
	CU_ASSERT_STRING_EQUAL(err.msg + NSERR_MSG_MAX - 4, "...");
	CU_ASSERT_EQUAL(err.code, NS_EDATA);
}

static CU_TestInfo tests[] = {
	{"no collision with small numbers", test_no_collision},
	{"long message", test_long_message},
	{"set and prefix", test_set_and_prefix},
	{"exit codes", test_exit_codes},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_nserr[] = {
	{"nserr", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
