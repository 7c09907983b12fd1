/*
 * Tests for a profile's column rewrites (profile_xform.h) and the other
 * export features of needstat-profile(5) that are checked when a profile
 * is read: trim, case, patterns and pad with their order and errors,
 * columns by position ("#N"), "@row", and drop_duplicate_rows = mapped.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/profile.h"
#include "ingest/profile_value.h"
#include "ingest/profile_xform.h"
#include "testutil.h"

static struct nserr err;

#define COLS "[columns]\ncontact_id = Id\nstarted_at = When\n" \
	"need_code = Code\nneed_status = Status\n"

/* The profile COLS + extra, or NULL with err set. */
static struct profile *parse(const char *extra)
{
	char text[2048];
	struct profile *p = NULL;

	snprintf(text, sizeof text, "%s%s", COLS, extra);
	nserr_init(&err);
	if (profile_parse(text, "p.ini", &p, &err) != 0)
		return NULL;
	return p;
}

/* The error of COLS + extra, or "ok". */
static const char *perr(const char *extra)
{
	struct profile *p = parse(extra);

	if (p) {
		profile_free(p);
		return "ok";
	}
	CU_ASSERT_EQUAL(err.code, NS_ECONFIG);
	return err.msg;
}

static char out[512];

/* v rewritten by the rules of column col of COLS + extra. */
static const char *apply(const char *extra, int col, const char *v)
{
	struct profile *p = parse(extra);
	struct pxbuf xb = {0};
	const char *s = v;
	size_t n = strlen(v);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(px_apply(&p->col[col], &xb, &s, &n), 0);
	snprintf(out, sizeof out, "%.*s", (int)n, s);
	px_release(&xb);
	profile_free(p);
	return out;
}

static void test_pad(void)
{
	const char *zip = "postal_code = Zip\npostal_code.pad = 5\n";

	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, "6001"), "06001");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, " 501 "), "00501");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, "12345"), "12345");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, "123456"), "123456");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, "K1A 0B1"), "K1A 0B1");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, "6001-1234"),
			       "6001-1234");
	CU_ASSERT_STRING_EQUAL(apply(zip, CC_POSTAL, ""), "");
	/* the pattern runs before pad: ZIP+4 cut, then padded */
	CU_ASSERT_STRING_EQUAL(apply("postal_code = Zip\npostal_code.pad = 5"
		"\npostal_code.pattern = /^([0-9]{3,5})-[0-9]{4}$/\\1/\n",
		CC_POSTAL, "6001-1234"), "06001");
}

static void test_trim_case(void)
{
	const char *t = "channel = Line\nchannel.trim = yes\n";

	CU_ASSERT_STRING_EQUAL(apply(t, CC_CHANNEL, " \tWeb \t  chat\xC2\xA0"),
			       "Web chat");
	CU_ASSERT_STRING_EQUAL(apply(t, CC_CHANNEL, "\xC2\xA0phone"), "phone");
	/* without trim: blanks around go, inner blanks stay */
	CU_ASSERT_STRING_EQUAL(apply("channel = Line\nchannel.case = lower\n",
		CC_CHANNEL, "  Web  CHAT  "), "web  chat");
	CU_ASSERT_STRING_EQUAL(apply("postal_code = Zip\npostal_code.case = "
		"upper\n", CC_POSTAL, "k1a 0b1"), "K1A 0B1");
	CU_ASSERT_STRING_EQUAL(apply("language = L\nlanguage.case = upper\n",
		CC_LANGUAGE, "français"), "FRANÇAIS");
	CU_ASSERT_STRING_EQUAL(apply("language = L\nlanguage.case = lower\n",
		CC_LANGUAGE, "ÉCOLE"), "école");
	/* case runs before patterns: a pattern sees upper case only */
	CU_ASSERT_STRING_EQUAL(apply("postal_code = Zip\npostal_code.case = "
		"upper\npostal_code.pattern = /^([A-Z][0-9][A-Z])([0-9])/\\1 "
		"\\2/\n", CC_POSTAL, "k1a0b1"), "K1A 0B1");
}

static void test_patterns(void)
{
	const char *two = "region = R\nregion.pattern = "
		"/^([A-Z]{2})([0-9]{4})$/\\1-\\2/\n  |^x-(.*)$|\\1|i\n";

	CU_ASSERT_STRING_EQUAL(apply(two, CC_REGION, "BD1800"), "BD-1800");
	CU_ASSERT_STRING_EQUAL(apply(two, CC_REGION, "X-BD-1800.2000"),
			       "BD-1800.2000");
	/* the first pattern that matches is the only one applied */
	CU_ASSERT_STRING_EQUAL(apply(two, CC_REGION, "x-BD1800"), "BD1800");
	CU_ASSERT_STRING_EQUAL(apply(two, CC_REGION, "bd1800"), "bd1800");
	/* only the match is replaced; \0, \\ and the escaped delimiter */
	CU_ASSERT_STRING_EQUAL(apply("region = R\nregion.pattern = /-old$//\n",
		CC_REGION, "ON-old"), "ON");
	CU_ASSERT_STRING_EQUAL(apply("region = R\nregion.pattern = "
		"\"/a\\/b/[\\0\\\\]/\"\n", CC_REGION, "xa/by"), "x[a/b\\]y");
}

static void test_rule_errors(void)
{
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pad = x\n"),
		"p.ini:7: [columns] postal_code.pad: 'x' is not a width (0..64 "
		"digits)");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.case = "
		"title\n"), "p.ini:7: [columns] postal_code.case: 'title' is not"
		" upper, lower or keep");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.trim = "
		"maybe\n"), "p.ini:7: [columns] postal_code.trim: 'maybe' is not"
		" yes or no");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"^0*$\n"), "p.ini:7: [columns] postal_code.pattern: write a "
		"pattern as /REGEX/REPLACEMENT/ (such as /^([0-9]{4})$/0\\1/)");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"/abc/\n"), "p.ini:7: [columns] postal_code.pattern: the pattern"
		" needs three '/' (/REGEX/REPLACEMENT/), at most 500 characters "
		"each");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"/(a/b/\n"), "p.ini:7: [columns] postal_code.pattern: '(a' is "
		"not a POSIX extended regular expression: Unmatched ( or \\(");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"/(a)/\\2/\n"), "p.ini:7: [columns] postal_code.pattern: the "
		"replacement names group \\2 but the pattern has 1 group");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"/a/b/g\n"), "p.ini:7: [columns] postal_code.pattern: 'g' after "
		"the pattern: the only flag is i (ignore case)");
	CU_ASSERT_STRING_EQUAL(perr("postal_code = Z\npostal_code.pattern = "
		"//b/\n"), "p.ini:7: [columns] postal_code.pattern: the regular "
		"expression is empty");
	CU_ASSERT_STRING_EQUAL(perr("postal_code.pad = 5\n"), "p.ini:6: "
		"[postal_code] postal_code is not mapped in [columns]");
	CU_ASSERT_STRING_EQUAL(perr("region = #0\n"), "p.ini:6: [columns] "
		"region: '#0' names a column by position: #1 is the first "
		"column (#1 to #9999)");
}

static void test_terms_dups(void)
{
	struct pexpr e;
	const char *why = NULL;
	struct profile *p;

	CU_ASSERT_EQUAL_FATAL(pv_expr("@row + #7 + # of calls", &e, &why), 0);
	CU_ASSERT_EQUAL_FATAL(e.n, 3);
	CU_ASSERT_EQUAL(e.t[0].is_row, 1);
	CU_ASSERT_EQUAL(e.t[1].is_row, 0);
	CU_ASSERT_EQUAL(pv_position(e.t[1].text, e.t[1].len), 6);
	CU_ASSERT_EQUAL(pv_position(e.t[2].text, e.t[2].len), -1);
	pv_expr_release(&e);
	CU_ASSERT_EQUAL(pv_position("#10000", 6), -1);
	CU_ASSERT_EQUAL(pv_position("#1x", 3), -1);
	p = parse("[profile]\ndrop_duplicate_rows = Mapped\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->drop_duplicates, 2);
	CU_ASSERT_EQUAL(profile_is_plain(p), 0);
	profile_free(p);
	CU_ASSERT_STRING_EQUAL(perr("[profile]\ndrop_duplicate_rows = some\n"),
		"p.ini:7: [profile] drop_duplicate_rows: 'some' is not yes, no "
		"or mapped");
	CU_ASSERT_STRING_EQUAL(perr("[columns]\ncontact_id.trim = yes\n") ,
		"ok");
	nserr_init(&err);
	CU_ASSERT_NOT_EQUAL(profile_parse("[columns]\nstarted_at = When\n"
		"need_code = Code\nneed_status = S\n", "p.ini", &p, &err), 0);
	CU_ASSERT_STRING_EQUAL(err.msg, "p.ini: [columns] does not map "
		"contact_id (for an export without a contact id, write "
		"contact_id = @row for one contact per row, or a key from "
		"columns such as Date + Time + Line)");
}

static CU_TestInfo tests[] = {
	{"pad, and pattern before pad", test_pad},
	{"trim and case", test_trim_case},
	{"patterns", test_patterns},
	{"rule errors: file, line, key", test_rule_errors},
	{"@row, #N, duplicates of mapped columns", test_terms_dups},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_profile_xform[] = {
	{"profile_xform", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
