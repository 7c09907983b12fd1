/*
 * typo: French typography of running text, counts in sentences, and the
 * French names of population sources (report_lang.c).
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "report/report_int.h"
#include "core/typo.h"

#define NB TYPO_NBSP
#define NN TYPO_NNBSP

static void fr_is(const char *in, const char *want)
{
	char buf[512];

	typo_fr(buf, sizeof buf, in);
	if (strcmp(buf, want) != 0)
		CU_FAIL(in);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_punctuation(void)
{
	fr_is("Source: 2 lots; voir plus", "Source" NB ": 2 lots" NN "; voir plus");
	fr_is("Source : x ; y", "Source" NB ": x" NN "; y");
	fr_is("Source" NB ": x" NN "; y", "Source" NB ": x" NN "; y");
	fr_is("Vraiment ? Oui !", "Vraiment" NN "? Oui" NN "!");
	fr_is("Fin:", "Fin" NB ":");
	/* not punctuation of a sentence */
	fr_is("10:30 http://x a;b", "10:30 http://x a;b");
	fr_is("", "");
}

static void test_quotes_and_numbers(void)
{
	fr_is("affich\xc3\xa9s \xc2\xab <5 \xc2\xbb.",
	      "affich\xc3\xa9s \xc2\xab" NN "<5" NN "\xc2\xbb.");
	fr_is("\xc2\xab" NB "x" NB "\xc2\xbb", "\xc2\xab" NN "x" NN "\xc2\xbb");
	fr_is("pour 10" NB "000 habitants", "pour 10" NN "000 habitants");
	fr_is("1" NB "234" NB "567 besoins", "1" NN "234" NN "567 besoins");
	/* not a digit group: left alone */
	fr_is("n\xc2\xb0" NB "12 contacts.csv", "n\xc2\xb0" NB "12 contacts.csv");
	fr_is("10 000", "10 000");
}

static void test_truncation(void)
{
	char buf[8];

	CU_ASSERT_EQUAL(typo_fr(buf, sizeof buf, "Source: abc"), 13);
	CU_ASSERT_STRING_EQUAL(buf, "Source" "\xc2");
	CU_ASSERT_EQUAL(typo_fr(NULL, 0, "a;"), 2 + 3);
}

static void test_counts(void)
{
	char buf[64];

	typo_count(buf, sizeof buf, 11642, NS_FR);
	CU_ASSERT_STRING_EQUAL(buf, "11" NN "642");
	typo_count(buf, sizeof buf, 11642, NS_EN);
	CU_ASSERT_STRING_EQUAL(buf, "11,642");
	typo_count(buf, sizeof buf, 7, NS_FR);
	CU_ASSERT_STRING_EQUAL(buf, "7");
}

static void test_population_source(void)
{
	char en[200], fr[200];

	rlang_source("Statistics Canada, 2021 Census of Population", en, fr,
		     sizeof en);
	CU_ASSERT_STRING_EQUAL(en, "Statistics Canada, 2021 Census of "
			       "Population");
	CU_ASSERT_STRING_EQUAL(fr, "Statistique Canada, Recensement de la "
			       "population de 2021");
	rlang_source("U.S. Census Bureau, 2020 Census", en, fr, sizeof en);
	CU_ASSERT_STRING_EQUAL(fr, "Bureau du recensement des \xc3\x89tats-"
			       "Unis, Recensement de 2020");
	rlang_source("City survey | Enqu\xc3\xaate municipale", en, fr,
		     sizeof en);
	CU_ASSERT_STRING_EQUAL(en, "City survey");
	CU_ASSERT_STRING_EQUAL(fr, "Enqu\xc3\xaate municipale");
	rlang_source("City survey 2022", en, fr, sizeof en);
	CU_ASSERT_STRING_EQUAL(fr, "City survey 2022");
}

static CU_TestInfo tests[] = {
	{"space before French punctuation", test_punctuation},
	{"guillemets and digit groups", test_quotes_and_numbers},
	{"truncation", test_truncation},
	{"counts in sentences", test_counts},
	{"population source in French", test_population_source},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_typo[] = {
	{"typo", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
