/*
 * Tests for numfmt: exact strings for integers, decimals, percentages,
 * dates, months, fiscal years and periods in English, French and machine
 * styles, rounding, truncation, invalid arguments and non-finite values.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "core/numfmt.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static char buf[NF_BUFSZ];

static const char *I(int64_t v, int lang, enum nf_style st)
{
	nf_int(buf, sizeof buf, v, lang, st);
	return buf;
}

static const char *R(double v, int dec, int lang, enum nf_style st)
{
	nf_real(buf, sizeof buf, v, dec, lang, st);
	return buf;
}

static const char *P(double v, int dec, int lang, enum nf_style st)
{
	nf_percent(buf, sizeof buf, v, dec, lang, st);
	return buf;
}

static void test_int(void)
{
	CU_ASSERT_STRING_EQUAL(I(0, NS_EN, NF_TEXT), "0");
	CU_ASSERT_STRING_EQUAL(I(999, NS_EN, NF_TEXT), "999");
	CU_ASSERT_STRING_EQUAL(I(1000, NS_EN, NF_TEXT), "1,000");
	CU_ASSERT_STRING_EQUAL(I(1000, NS_FR, NF_TEXT), "1 000");
	CU_ASSERT_STRING_EQUAL(I(1000, NS_FR, NF_UNICODE), "1" NNBSP "000");
	CU_ASSERT_STRING_EQUAL(I(-1234567, NS_EN, NF_TEXT), "-1,234,567");
	CU_ASSERT_STRING_EQUAL(I(-1234567, NS_FR, NF_TEXT), "-1 234 567");
	CU_ASSERT_STRING_EQUAL(I(-1234567, NS_FR, NF_MACHINE), "-1234567");
	CU_ASSERT_STRING_EQUAL(I(-999, NS_EN, NF_TEXT), "-999");
	CU_ASSERT_STRING_EQUAL(I(123456, NS_EN, NF_TEXT), "123,456");
	CU_ASSERT_STRING_EQUAL(I(INT64_MIN, NS_EN, NF_MACHINE),
			       "-9223372036854775808");
	CU_ASSERT_STRING_EQUAL(I(INT64_MAX, NS_EN, NF_TEXT),
			       "9,223,372,036,854,775,807");
	CU_ASSERT_EQUAL(nf_int(buf, sizeof buf, 1, 7, NF_TEXT), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static void test_real(void)
{
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 2, NS_EN, NF_TEXT),
			       "1,234,567.89");
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 1, NS_EN, NF_TEXT),
			       "1,234,567.9");
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 0, NS_EN, NF_TEXT), "1,234,568");
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 1, NS_FR, NF_TEXT),
			       "1 234 567,9");
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 1, NS_FR, NF_UNICODE),
			       "1" NNBSP "234" NNBSP "567,9");
	CU_ASSERT_STRING_EQUAL(R(1234567.89, 1, NS_FR, NF_MACHINE),
			       "1234567.9");
	CU_ASSERT_STRING_EQUAL(R(12345.6, 1, NS_EN, NF_TEXT), "12,345.6");
	CU_ASSERT_STRING_EQUAL(R(12345.6, 1, NS_FR, NF_TEXT), "12 345,6");
	CU_ASSERT_STRING_EQUAL(R(-12345.6, 1, NS_FR, NF_TEXT), "-12 345,6");
	CU_ASSERT_STRING_EQUAL(R(0, 2, NS_EN, NF_TEXT), "0.00");
	CU_ASSERT_STRING_EQUAL(R(0, 0, NS_FR, NF_TEXT), "0");
	CU_ASSERT_STRING_EQUAL(R(999.96, 1, NS_EN, NF_TEXT), "1,000.0");
	CU_ASSERT_STRING_EQUAL(R(999.94, 1, NS_FR, NF_TEXT), "999,9");
	CU_ASSERT_STRING_EQUAL(R(2, 1, NS_EN, NF_TEXT), "2.0");
	CU_ASSERT_STRING_EQUAL(R(0.05, 1, NS_EN, NF_TEXT), "0.1");
	/* exact ties round half away from zero */
	CU_ASSERT_STRING_EQUAL(R(2.5, 0, NS_EN, NF_TEXT), "3");
	CU_ASSERT_STRING_EQUAL(R(-2.5, 0, NS_EN, NF_TEXT), "-3");
	CU_ASSERT_STRING_EQUAL(R(0.125, 2, NS_EN, NF_TEXT), "0.13");
	/* 1.005 is 1.00499999999999989... in binary: no tie */
	CU_ASSERT_STRING_EQUAL(R(1.005, 2, NS_EN, NF_TEXT), "1.00");
	/* no negative zero */
	CU_ASSERT_STRING_EQUAL(R(-0.04, 1, NS_EN, NF_TEXT), "0.0");
	CU_ASSERT_STRING_EQUAL(R(-0.0, 0, NS_EN, NF_MACHINE), "0");
	CU_ASSERT_STRING_EQUAL(R(-0.06, 1, NS_EN, NF_MACHINE), "-0.1");
	/* decimals clamped */
	CU_ASSERT_STRING_EQUAL(R(1.5, -3, NS_EN, NF_TEXT), "2");
	CU_ASSERT_STRING_EQUAL(R(1e20, 0, NS_EN, NF_MACHINE),
			       "100000000000000000000");
	CU_ASSERT_EQUAL(nf_real(buf, sizeof buf, NAN, 1, NS_EN, NF_TEXT), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_STRING_EQUAL(R(INFINITY, 1, NS_FR, NF_MACHINE), "");
	CU_ASSERT_STRING_EQUAL(R(-INFINITY, 1, NS_FR, NF_TEXT), "");
}

static void test_percent(void)
{
	CU_ASSERT_STRING_EQUAL(P(0.1234, 1, NS_EN, NF_TEXT), "12.3%");
	CU_ASSERT_STRING_EQUAL(P(0.1234, 1, NS_FR, NF_TEXT), "12,3" NBSP "%");
	CU_ASSERT_STRING_EQUAL(P(0.1234, 1, NS_FR, NF_UNICODE),
			       "12,3" NNBSP "%");
	CU_ASSERT_STRING_EQUAL(P(0.1234, 1, NS_FR, NF_MACHINE), "12.3%");
	CU_ASSERT_STRING_EQUAL(P(0, 0, NS_EN, NF_TEXT), "0%");
	CU_ASSERT_STRING_EQUAL(P(1, 1, NS_FR, NF_TEXT), "100,0" NBSP "%");
	CU_ASSERT_STRING_EQUAL(P(-0.0525, 1, NS_EN, NF_TEXT), "-5.3%");
	CU_ASSERT_STRING_EQUAL(P(12.5, 0, NS_EN, NF_TEXT), "1,250%");
	CU_ASSERT_STRING_EQUAL(P(NAN, 1, NS_FR, NF_TEXT), "");
}

static const char *S(double v, int dec, int lang, enum nf_style st)
{
	nf_real_sig(buf, sizeof buf, v, dec, 3, lang, st);
	return buf;
}

static const char *SP(double v, int dec, int lang, enum nf_style st)
{
	nf_percent_sig(buf, sizeof buf, v, dec, 3, lang, st);
	return buf;
}

/* At least 3 significant digits: a small rate is never "0.0". */
static void test_significant(void)
{
	CU_ASSERT_STRING_EQUAL(S(0.00412, 1, NS_EN, NF_TEXT), "0.00412");
	CU_ASSERT_STRING_EQUAL(S(0.00412, 1, NS_FR, NF_TEXT), "0,00412");
	CU_ASSERT_STRING_EQUAL(S(-0.00412, 1, NS_EN, NF_TEXT), "-0.00412");
	CU_ASSERT_STRING_EQUAL(S(0.0164217, 2, NS_EN, NF_TEXT), "0.0164");
	CU_ASSERT_STRING_EQUAL(S(1.2345, 1, NS_EN, NF_TEXT), "1.23");
	CU_ASSERT_STRING_EQUAL(S(12.345, 1, NS_EN, NF_TEXT), "12.3");
	CU_ASSERT_STRING_EQUAL(S(1234.5, 1, NS_FR, NF_TEXT), "1 234,5");
	CU_ASSERT_STRING_EQUAL(S(1234.56, 0, NS_EN, NF_TEXT), "1,235");
	CU_ASSERT_STRING_EQUAL(S(0.0, 1, NS_EN, NF_TEXT), "0.0");
	/* rounding up to the next power of ten keeps 3 digits */
	CU_ASSERT_STRING_EQUAL(S(0.09996, 1, NS_EN, NF_TEXT), "0.100");
	CU_ASSERT_STRING_EQUAL(S(9.996, 1, NS_EN, NF_TEXT), "10.0");
	/* places stop at NF_MAX_DECIMALS */
	CU_ASSERT_STRING_EQUAL(S(1e-15, 1, NS_EN, NF_TEXT), "0.000000000000");
	CU_ASSERT_STRING_EQUAL(S(NAN, 1, NS_EN, NF_TEXT), "");
	CU_ASSERT_STRING_EQUAL(SP(0.0000412, 1, NS_EN, NF_TEXT), "0.00412%");
	CU_ASSERT_STRING_EQUAL(SP(0.0000412, 1, NS_FR, NF_TEXT),
			       "0,00412" NBSP "%");
	CU_ASSERT_STRING_EQUAL(SP(0.1234, 1, NS_EN, NF_TEXT), "12.3%");
	CU_ASSERT_STRING_EQUAL(SP(0.05, 1, NS_EN, NF_TEXT), "5.00%");
}

static const char *X(double v)
{
	nf_real_exact(buf, sizeof buf, v);
	return buf;
}

/* Machine numbers in full: the shortest text that reads back exactly. */
static void test_exact(void)
{
	static const double vals[] = { 0.1, 1.0 / 3.0, 2.997019180922758,
		0.0041234, 4.12e-5, 1e-7, 123456789.125, 1e20, 6.02e23,
		1.5e-25, -0.00412, 5e-324, 1.7976931348623157e308 };
	size_t i;

	CU_ASSERT_STRING_EQUAL(X(0.1), "0.1");
	CU_ASSERT_STRING_EQUAL(X(1.0 / 3.0), "0.3333333333333333");
	CU_ASSERT_STRING_EQUAL(X(250000.0), "250000");
	CU_ASSERT_STRING_EQUAL(X(0.0000412), "0.0000412");
	CU_ASSERT_STRING_EQUAL(X(-0.00412), "-0.00412");
	CU_ASSERT_STRING_EQUAL(X(123456789.125), "123456789.125");
	CU_ASSERT_STRING_EQUAL(X(-0.0), "0");
	CU_ASSERT_STRING_EQUAL(X(0.0), "0");
	CU_ASSERT_STRING_EQUAL(X(1e20), "100000000000000000000");
	CU_ASSERT_STRING_EQUAL(X(1.5e-25), "1.5e-25");
	CU_ASSERT_STRING_EQUAL(X(6.02e23), "6.02e23");
	CU_ASSERT_STRING_EQUAL(X(NAN), "");
	CU_ASSERT_STRING_EQUAL(X(INFINITY), "");
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++)
		CU_ASSERT_EQUAL(strtod(X(vals[i]), NULL), vals[i]);
}

static void test_truncation(void)
{
	char small[6];

	CU_ASSERT_EQUAL(nf_int(small, sizeof small, 1234567, NS_EN, NF_TEXT),
			9);
	CU_ASSERT_STRING_EQUAL(small, "1,234");
	CU_ASSERT_EQUAL(nf_real(small, 0, 1.5, 1, NS_EN, NF_TEXT), 3);
	CU_ASSERT_EQUAL(nf_date(buf, sizeof buf, 2024, 4, 1, NS_FR, NF_TEXT),
			14);
}

static void test_dates(void)
{
	nf_date(buf, sizeof buf, 2024, 4, 1, NS_EN, NF_MACHINE);
	CU_ASSERT_STRING_EQUAL(buf, "2024-04-01");
	nf_date(buf, sizeof buf, 2024, 4, 1, NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "April 1, 2024");
	nf_date(buf, sizeof buf, 2024, 4, 1, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "1er avril 2024");
	nf_date(buf, sizeof buf, 2024, 2, 29, NS_FR, NF_UNICODE);
	CU_ASSERT_STRING_EQUAL(buf, "29 f\xc3\xa9vrier 2024");
	nf_date(buf, sizeof buf, 2025, 12, 2, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "2 d\xc3\xa9" "cembre 2025");
	CU_ASSERT_EQUAL(nf_date(buf, sizeof buf, 2023, 2, 29, NS_EN, NF_TEXT),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(nf_date(buf, sizeof buf, 2024, 13, 1, NS_EN, NF_TEXT),
			NS_EUSAGE);
	nf_month(buf, sizeof buf, 2024, 4, NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "Apr 2024");
	nf_month(buf, sizeof buf, 2024, 4, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "avr. 2024");
	nf_month(buf, sizeof buf, 2024, 8, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "ao\xc3\xbbt 2024");
	nf_month(buf, sizeof buf, 2024, 4, NS_FR, NF_MACHINE);
	CU_ASSERT_STRING_EQUAL(buf, "2024-04");
	nf_month_long(buf, sizeof buf, 2024, 4, NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "April 2024");
	nf_month_long(buf, sizeof buf, 2024, 4, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "avril 2024");
	nf_fiscal_year(buf, sizeof buf, 2024, NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "fiscal year 2024-25");
	nf_fiscal_year(buf, sizeof buf, 2024, NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "exercice 2024-2025");
	nf_fiscal_year(buf, sizeof buf, 1999, NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "fiscal year 1999-2000");
	nf_fiscal_year(buf, sizeof buf, 2024, NS_EN, NF_MACHINE);
	CU_ASSERT_STRING_EQUAL(buf, "2024-2025");
}

static const char *per(int y1, int m1, int d1, int y2, int m2, int d2,
		       int lang, enum nf_style st)
{
	struct nf_ymd a = { y1, m1, d1 }, b = { y2, m2, d2 };

	if (nf_period(buf, sizeof buf, &a, &b, 4, lang, st) < 0)
		return "(error)";
	return buf;
}

static void test_periods(void)
{
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2025, 3, 31, NS_EN, NF_TEXT),
			       "fiscal year 2024-25");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2025, 3, 31, NS_FR, NF_TEXT),
			       "exercice 2024-2025");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2025, 3, 31, NS_FR, NF_MACHINE),
			       "2024-04-01/2025-03-31");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2024, 4, 30, NS_EN, NF_TEXT),
			       "April 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 1, 1, 2024, 12, 31, NS_FR, NF_TEXT),
			       "2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2024, 6, 30, NS_EN, NF_TEXT),
			       "April to June 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2024, 6, 30, NS_FR, NF_TEXT),
			       "d'avril \xc3\xa0 juin 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 11, 1, 2025, 2, 28, NS_FR, NF_TEXT),
			       "de novembre 2024 \xc3\xa0 f\xc3\xa9vrier 2025");
	CU_ASSERT_STRING_EQUAL(per(2024, 11, 1, 2025, 2, 28, NS_EN, NF_TEXT),
			       "November 2024 to February 2025");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 3, 2024, 6, 30, NS_EN, NF_TEXT),
			       "April 3, 2024 to June 30, 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 4, 1, 2024, 6, 29, NS_FR, NF_TEXT),
			       "du 1er avril 2024 au 29 juin 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 5, 1, 2024, 5, 1, NS_FR, NF_TEXT),
			       "1er mai 2024");
	CU_ASSERT_STRING_EQUAL(per(2024, 5, 2, 2024, 5, 1, NS_FR, NF_TEXT),
			       "(error)");
	CU_ASSERT_STRING_EQUAL(per(2024, 2, 1, 2024, 2, 30, NS_EN, NF_TEXT),
			       "(error)");
}

static void test_iso_and_lang(void)
{
	struct nf_ymd d;

	CU_ASSERT_EQUAL(nf_parse_iso("2024-04-01", &d), 3);
	CU_ASSERT(d.y == 2024 && d.m == 4 && d.d == 1);
	CU_ASSERT_EQUAL(nf_parse_iso("2024-04", &d), 2);
	CU_ASSERT_EQUAL(d.d, 0);
	CU_ASSERT_EQUAL(nf_parse_iso("2024-4-01", &d), NS_EDATA);
	CU_ASSERT_EQUAL(nf_parse_iso("2024-02-30", &d), NS_EDATA);
	CU_ASSERT_EQUAL(nf_parse_iso("2024-13", &d), NS_EDATA);
	CU_ASSERT_EQUAL(nf_parse_iso("2024-04-01x", &d), NS_EDATA);
	nf_iso_label(buf, sizeof buf, "2024-04", NS_FR, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "avr. 2024");
	nf_iso_label(buf, sizeof buf, "2024-04-01", NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "April 1, 2024");
	nf_iso_label(buf, sizeof buf, "2024-04-01", NS_EN, NF_MACHINE);
	CU_ASSERT_STRING_EQUAL(buf, "2024-04-01");
	nf_iso_label(buf, sizeof buf, "Q1", NS_EN, NF_TEXT);
	CU_ASSERT_STRING_EQUAL(buf, "Q1");
	CU_ASSERT_EQUAL(nf_lang_parse("fr"), NS_FR);
	CU_ASSERT_EQUAL(nf_lang_parse("FR_CA.UTF-8"), NS_FR);
	CU_ASSERT_EQUAL(nf_lang_parse("en-CA"), NS_EN);
	CU_ASSERT_EQUAL(nf_lang_parse("eng"), NS_EUSAGE);
	CU_ASSERT_EQUAL(nf_lang_parse("de"), NS_EUSAGE);
	CU_ASSERT_EQUAL(nf_lang_parse(""), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(nf_lang_code(NS_FR), "fr");
	CU_ASSERT_PTR_NULL(nf_lang_code(2));
}

static CU_TestInfo tests[] = {
	{"integers", test_int},
	{"decimals and rounding", test_real},
	{"percentages", test_percent},
	{"3 significant digits", test_significant},
	{"machine numbers in full", test_exact},
	{"truncation", test_truncation},
	{"dates, months, fiscal years", test_dates},
	{"periods", test_periods},
	{"iso parsing and languages", test_iso_and_lang},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_numfmt[] = {
	{"numfmt", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
