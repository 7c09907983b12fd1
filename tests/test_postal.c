/*
 * Tests for postal: Canadian postal codes (every accepted spelling and the
 * rejected ones), US ZIPs, provinces and ZIP-prefix states.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/nserr.h"
#include "classify/postal.h"

static struct postal pc;
static const char *why;

static int parse(const char *s)
{
	memset(&pc, 0x55, sizeof pc);
	why = NULL;
	return postal_parse(s, strlen(s), &pc, &why);
}

static void expect_ca(const char *s, const char *fsa, const char *prov,
		      int rural)
{
	CU_ASSERT_EQUAL_FATAL(parse(s), 0);
	CU_ASSERT_EQUAL(pc.kind, POSTAL_CA);
	CU_ASSERT_STRING_EQUAL(pc.key, fsa);
	CU_ASSERT_STRING_EQUAL(pc.province, prov);
	CU_ASSERT_EQUAL(pc.rural, rural);
}

static void expect_us(const char *s, const char *zip)
{
	CU_ASSERT_EQUAL_FATAL(parse(s), 0);
	CU_ASSERT_EQUAL(pc.kind, POSTAL_US);
	CU_ASSERT_STRING_EQUAL(pc.key, zip);
	CU_ASSERT_STRING_EQUAL(pc.province, "");
	CU_ASSERT_EQUAL(pc.rural, 0);
}

static void expect_bad(const char *s, const char *msg)
{
	CU_ASSERT_EQUAL(parse(s), NS_EDATA);
	CU_ASSERT_EQUAL(pc.kind, POSTAL_INVALID);
	CU_ASSERT_STRING_EQUAL(pc.key, "");
	CU_ASSERT_STRING_EQUAL(pc.province, "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_STRING_EQUAL(why, msg);
}

static void test_canadian_forms(void)
{
	expect_ca("K1A 0B1", "K1A", "ON", 0);
	expect_ca("k1a0b1", "K1A", "ON", 0);
	expect_ca(" K1A  0B1", "K1A", "ON", 0);
	expect_ca("K1A-0B1", "K1A", "ON", 0);
	expect_ca("K1A, 0B1", "K1A", "ON", 0);
	expect_ca("K1A,0B1", "K1A", "ON", 0);
	expect_ca("K1A", "K1A", "ON", 0);
	expect_ca("\tk1a \t", "K1A", "ON", 0);
	expect_ca("h7l 4v0", "H7L", "QC", 0);
	expect_ca("X0A 0H0", "X0A", "", 1);
	expect_ca("T0L 1K0", "T0L", "AB", 1);
	expect_ca("V6B 4Y8", "V6B", "BC", 0);
	expect_ca("A1C 5M2", "A1C", "NL", 0);
	expect_ca("Y1A 2C6", "Y1A", "YT", 0);
}

static void test_canadian_rejects(void)
{
	expect_bad("K1 0B1", "is not a postal code or ZIP");
	expect_bad("N/A", "is not a postal code or ZIP");
	expect_bad("Montréal", "is not a postal code or ZIP");
	expect_bad("\"H7L 4V0\"", "is not a postal code or ZIP");
	expect_bad("D1A 1A1", "first letter is not used in Canadian postal codes");
	expect_bad("W1A 1A1", "first letter is not used in Canadian postal codes");
	expect_bad("Z1A 1A1", "first letter is not used in Canadian postal codes");
	expect_bad("K1D 1A1",
		   "third character is not used in Canadian postal codes");
	expect_bad("K1U", "third character is not used in Canadian postal codes");
	expect_bad("K1A 0B", "is not a postal code or ZIP");
	expect_bad("K1A 0B12", "is not a postal code or ZIP");
	expect_bad("K1A 0BB", "is not a postal code or ZIP");
	expect_bad("K1A AB1", "is not a postal code or ZIP");
	expect_bad("K1A 0 B1", "is not a postal code or ZIP");
	expect_bad("K1A--0B1", "is not a postal code or ZIP");
	expect_bad("K1A0B1x", "is not a postal code or ZIP");
	expect_bad("KK1A", "is not a postal code or ZIP");
}

static void test_us(void)
{
	expect_us("90210", "90210");
	expect_us("90210-1234", "90210");
	expect_us(" 02108 ", "02108");
	expect_bad("9021", "is not a postal code or ZIP");
	expect_bad("902101", "is not a postal code or ZIP");
	expect_bad("90210-123", "is not a postal code or ZIP");
	expect_bad("90210 1234", "is not a postal code or ZIP");
	expect_bad("90210-12345", "is not a postal code or ZIP");
	expect_bad("9021O", "is not a postal code or ZIP");
}

static void test_blank(void)
{
	CU_ASSERT_EQUAL(parse(""), 0);
	CU_ASSERT_EQUAL(pc.kind, POSTAL_BLANK);
	CU_ASSERT_STRING_EQUAL(pc.key, "");
	CU_ASSERT_EQUAL(parse("   \t"), 0);
	CU_ASSERT_EQUAL(pc.kind, POSTAL_BLANK);
	CU_ASSERT_STRING_EQUAL(pc.province, "");
}

static void test_provinces(void)
{
	static const struct {
		char c;
		const char *p;
	} t[] = {
		{'A', "NL"}, {'B', "NS"}, {'C', "PE"}, {'E', "NB"},
		{'G', "QC"}, {'H', "QC"}, {'J', "QC"}, {'K', "ON"},
		{'L', "ON"}, {'M', "ON"}, {'N', "ON"}, {'P', "ON"},
		{'R', "MB"}, {'S', "SK"}, {'T', "AB"}, {'V', "BC"},
		{'Y', "YT"}, {'m', "ON"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *p = postal_province_of_letter(t[i].c);

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_STRING_EQUAL(p, t[i].p);
	}
	CU_ASSERT_PTR_NULL(postal_province_of_letter('X'));
	CU_ASSERT_PTR_NULL(postal_province_of_letter('D'));
	CU_ASSERT_PTR_NULL(postal_province_of_letter('W'));
	CU_ASSERT_PTR_NULL(postal_province_of_letter('Z'));
	CU_ASSERT_PTR_NULL(postal_province_of_letter('1'));
}

static void test_us_states(void)
{
	static const struct {
		const char *zip, *st;
	} t[] = {
		{"10001", "NY"}, {"90210", "CA"}, {"60601", "IL"},
		{"77001", "TX"}, {"33101", "FL"}, {"98101", "WA"},
		{"20001", "DC"}, {"02108", "MA"}, {"99501", "AK"},
		{"96813", "HI"}, {"00901", "PR"}, {"85001", "AZ"},
		{"00501", "NY"}, {"00602", "PR"}, {"05401", "VT"},
		{"03101", "NH"}, {"04101", "ME"}, {"02903", "RI"},
		{"06103", "CT"}, {"07102", "NJ"}, {"19103", "PA"},
		{"19901", "DE"}, {"21201", "MD"}, {"23219", "VA"},
		{"20101", "VA"}, {"25301", "WV"}, {"27601", "NC"},
		{"29201", "SC"}, {"30303", "GA"}, {"39901", "GA"},
		{"35203", "AL"}, {"37201", "TN"}, {"39201", "MS"},
		{"40202", "KY"}, {"43215", "OH"}, {"46204", "IN"},
		{"48226", "MI"}, {"50309", "IA"}, {"53202", "WI"},
		{"55401", "MN"}, {"57501", "SD"}, {"58501", "ND"},
		{"59601", "MT"}, {"63101", "MO"}, {"66603", "KS"},
		{"68502", "NE"}, {"70112", "LA"}, {"72201", "AR"},
		{"73102", "OK"}, {"73301", "TX"}, {"79901", "TX"},
		{"88510", "TX"}, {"80202", "CO"}, {"82001", "WY"},
		{"83702", "ID"}, {"84101", "UT"}, {"87501", "NM"},
		{"89501", "NV"}, {"97201", "OR"}, {"96701", "HI"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *st = postal_us_state(t[i].zip);

		CU_ASSERT_PTR_NOT_NULL_FATAL(st);
		CU_ASSERT_STRING_EQUAL(st, t[i].st);
	}
	CU_ASSERT_PTR_NULL(postal_us_state("00000"));
	CU_ASSERT_PTR_NULL(postal_us_state("00401"));
	CU_ASSERT_PTR_NULL(postal_us_state("09901"));
	CU_ASSERT_PTR_NULL(postal_us_state("69901"));
	CU_ASSERT_PTR_NULL(postal_us_state("1234"));
	CU_ASSERT_PTR_NULL(postal_us_state("K1A0B"));
	CU_ASSERT_PTR_NULL(postal_us_state(""));
}

static CU_TestInfo tests[] = {
	{"canadian forms", test_canadian_forms},
	{"canadian rejects", test_canadian_rejects},
	{"us zip", test_us},
	{"blank", test_blank},
	{"provinces", test_provinces},
	{"us states", test_us_states},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_postal[] = {
	{"postal", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
