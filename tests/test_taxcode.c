/*
 * Tests for taxcode: the code grammar, normalisation, compound terms,
 * category-map prefixes and section names.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/nserr.h"
#include "classify/taxcode.h"

static struct taxcode tc;
static const char *why;

static int parse(const char *s)
{
	memset(&tc, 0x55, sizeof tc);
	why = NULL;
	return taxcode_parse(s, strlen(s), &tc, &why);
}

static void expect_ok(const char *s, const char *service, int level,
		      const char *targets, int ntargets)
{
	CU_ASSERT_EQUAL_FATAL(parse(s), 0);
	CU_ASSERT_STRING_EQUAL(tc.service, service);
	CU_ASSERT_EQUAL(tc.level, level);
	CU_ASSERT_STRING_EQUAL(tc.targets, targets);
	CU_ASSERT_EQUAL(tc.ntargets, ntargets);
}

static void expect_bad(const char *s, const char *msg)
{
	CU_ASSERT_EQUAL(parse(s), NS_EDATA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_STRING_EQUAL(why, msg);
}

static void test_levels(void)
{
	expect_ok("B", "B", 1, "", 0);
	expect_ok("BD", "BD", 2, "", 0);
	expect_ok("BD-1800", "BD-1800", 3, "", 0);
	expect_ok("BD-1800.2000", "BD-1800.2000", 4, "", 0);
	expect_ok("BT-4800.0500-060", "BT-4800.0500-060", 5, "", 0);
	expect_ok("BT-4800.0500-060-10", "BT-4800.0500-060-10", 6, "", 0);
	expect_ok("BT-480.050-06", "BT-480.050-06", 5, "", 0);
	expect_ok("BT-480.050-06-01", "BT-480.050-06-01", 6, "", 0);
	expect_ok("Y", "Y", 1, "", 0);
	expect_ok("YN-9000", "YN-9000", 3, "", 0);
	expect_ok("LT-8000.3500", "LT-8000.3500", 4, "", 0);
}

/* Level 6 as real exports write it: ".NN"; stored in the dash form. */
static void test_level6_dot(void)
{
	expect_ok("RP-1400.8000-020.24", "RP-1400.8000-020-24", 6, "", 0);
	expect_ok("rp-1400.8000-020 . 24", "RP-1400.8000-020-24", 6, "", 0);
	expect_ok("BT-480.050-06.01", "BT-480.050-06-01", 6, "", 0);
	expect_ok("BD-1800.2000-620.05 * YN-9000.1500-050.10",
		  "BD-1800.2000-620-05", 6, "YN-9000.1500-050-10", 1);
	expect_bad("RP-1400.8000-020.2", "segment is too short");
	expect_bad("RP-1400.8000-020.240", "segment is too long");
	expect_bad("RP-1400.8000.020", "is not a taxonomy code");
	expect_bad("RP-1400.8000-020.24.10", "is not a taxonomy code");
	/* a map prefix is compared with stored codes: the dash form only */
	CU_ASSERT_EQUAL(taxcode_check_prefix("RP-1400.8000-020.24", 19, &why),
			NS_EDATA);
	CU_ASSERT_EQUAL(taxcode_check_prefix("RP-1400.8000-020-24", 19, &why),
			0);
}

static void test_normalise(void)
{
	expect_ok("bd-1800.2000", "BD-1800.2000", 4, "", 0);
	expect_ok("  BD-1800  ", "BD-1800", 3, "", 0);
	expect_ok("\tbd\t", "BD", 2, "", 0);
	expect_ok("BD - 1800", "BD-1800", 3, "", 0);
	expect_ok("BD-1800 . 2000", "BD-1800.2000", 4, "", 0);
	expect_ok("Bt -4800. 0500 - 060", "BT-4800.0500-060", 5, "", 0);
}

static void test_compound(void)
{
	expect_ok("BD-1800.2000 * YN-9000", "BD-1800.2000", 4, "YN-9000", 1);
	expect_ok("BD-1800.2000*YN-9000", "BD-1800.2000", 4, "YN-9000", 1);
	expect_ok("bd-1800.2000   *  yn-9000 * YF-3000", "BD-1800.2000", 4,
		  "YN-9000 * YF-3000", 2);
	expect_ok("LH * Y", "LH", 2, "Y", 1);
	expect_ok("NL-6000 * YN-9000.1500-200", "NL-6000", 3,
		  "YN-9000.1500-200", 1);
}

static void test_rejects(void)
{
	expect_bad("", "is empty");
	expect_bad("   ", "is empty");
	expect_bad("B D", "is not a taxonomy code");
	expect_bad("BD 1800", "is not a taxonomy code");
	expect_bad("BD-18", "segment is too short");
	expect_bad("BD-18000", "segment is too long");
	expect_bad("BD-1800.20", "segment is too short");
	expect_bad("BD-1800.20000", "segment is too long");
	expect_bad("BT-4800.0500-6", "segment is too short");
	expect_bad("BT-4800.0500-0600", "segment is too long");
	expect_bad("BT-4800.0500-060-1", "segment is too short");
	expect_bad("BT-4800.0500-060-100", "segment is too long");
	expect_bad("BT-4800.0500-060-10-10", "is not a taxonomy code");
	expect_bad("BD-1800.", "empty segment after '.'");
	expect_bad("BD-", "empty segment after '-'");
	expect_bad("BD.1800", "is not a taxonomy code");
	expect_bad("BD-1800-2000", "is not a taxonomy code");
	expect_bad("BD-18x0", "is not a taxonomy code");
	expect_bad("BDX", "is not a taxonomy code");
	expect_bad("1BD", "is not a taxonomy code");
	expect_bad("B1", "is not a taxonomy code");
	expect_bad("BD-1800 *", "empty target after '*'");
	expect_bad("BD-1800 * * YN", "empty target after '*'");
	expect_bad("* YN", "empty service code before '*'");
	expect_bad("Food Pantries", "is not a taxonomy code");
	expect_bad("Food Pantries * Veterans", "is not a taxonomy code");
	expect_bad("Veterans", "is not a taxonomy code");
	expect_bad("N/A", "is not a taxonomy code");
	expect_bad("AB-1000", "unknown taxonomy section");
	expect_bad("BD-1800 * LH", "target is not a target population (Y) code");
	expect_bad("YN-9000 * YF", "service code is a target population (Y) code");
	expect_bad("BD-1800 * YN-90", "segment is too short");
}

static void test_too_many_targets(void)
{
	char buf[400];
	size_t n = 0;
	int i;

	memcpy(buf, "BD", 2);
	n = 2;
	for (i = 0; i < 11; i++) {     /* 11 x " * YN-9000.1500" = 143 */
		memcpy(buf + n, " * YN-9000.1500", 15);
		n += 15;
	}
	buf[n] = '\0';
	CU_ASSERT_EQUAL(parse(buf), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "too many targets");
	/* 8 targets fit: 8 * 12 + 7 * 3 = 117 < 128 */
	buf[2 + 8 * 15] = '\0';
	CU_ASSERT_EQUAL(parse(buf), 0);
	CU_ASSERT_EQUAL(tc.ntargets, 8);
	CU_ASSERT_EQUAL(strlen(tc.targets), 117);
}

static void test_prefix(void)
{
	const char *w = NULL;

	CU_ASSERT_EQUAL(taxcode_check_prefix("N", 1, &w), 0);
	CU_ASSERT_EQUAL(taxcode_check_prefix("ND", 2, &w), 0);
	CU_ASSERT_EQUAL(taxcode_check_prefix("NL-6000", 7, &w), 0);
	CU_ASSERT_EQUAL(taxcode_check_prefix("BH-8900.9100", 12, &w), 0);
	CU_ASSERT_EQUAL(taxcode_check_prefix("BT-4800.0500-060-10", 19, &w),
			0);
	/* only len bytes are read */
	CU_ASSERT_EQUAL(taxcode_check_prefix("BD-1800,x", 7, &w), 0);
	CU_ASSERT_EQUAL(taxcode_check_prefix("nl-6000", 7, &w), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(w, "is not a taxonomy code");
	CU_ASSERT_EQUAL(taxcode_check_prefix(" NL", 3, &w), NS_EDATA);
	CU_ASSERT_EQUAL(taxcode_check_prefix("NL - 6000", 9, &w), NS_EDATA);
	CU_ASSERT_EQUAL(taxcode_check_prefix("BD * YN", 7, &w), NS_EDATA);
	CU_ASSERT_EQUAL(taxcode_check_prefix("BD-18", 5, &w), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(w, "segment is too short");
	CU_ASSERT_EQUAL(taxcode_check_prefix("", 0, &w), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(w, "is empty");
}

static void test_section_names(void)
{
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('B', 0), "Basic Needs");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('B', 1),
			       "Besoins fondamentaux");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('D', 0),
			       "Consumer Services");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('F', 1),
			       "Justice pénale et services juridiques");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('H', 1), "Éducation");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('J', 0),
			       "Environment and Public Health/Safety");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('L', 0), "Health Care");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('N', 1),
			       "Soutien du revenu et emploi");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('P', 0),
			       "Individual and Family Life");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('R', 0),
		"Mental Health and Substance Use Disorder Services");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('T', 1),
		"Services organisationnels, communautaires et internationaux");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('Y', 0),
			       "Target Populations");
	CU_ASSERT_STRING_EQUAL(taxcode_section_name('y', 1),
			       "Populations cibles");
	CU_ASSERT_PTR_NULL(taxcode_section_name('A', 0));
	CU_ASSERT_PTR_NULL(taxcode_section_name('Z', 1));
	CU_ASSERT_PTR_NULL(taxcode_section_name('\0', 0));
}

static CU_TestInfo tests[] = {
	{"levels", test_levels},
	{"level 6 with a dot", test_level6_dot},
	{"normalisation", test_normalise},
	{"compound terms", test_compound},
	{"rejects", test_rejects},
	{"too many targets", test_too_many_targets},
	{"category-map prefixes", test_prefix},
	{"section names", test_section_names},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_taxcode[] = {
	{"taxcode", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
