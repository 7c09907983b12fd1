/*
 * Tests for profiles (profile.h, profile_value.h, profile_stage.h): column
 * expressions and lists, value folding and maps, every date format and
 * zone, every profile error (file, line, key), the bundled profiles, the
 * work database (duplicates, need-id regrouping, the two-file join).
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/profile.h"
#include "ingest/profile_stage.h"
#include "ingest/profile_value.h"
#include "testutil.h"

/* ---- expressions, lists, folding ----------------------------------- */

static void test_expr(void)
{
	struct pexpr e;
	const char *why = NULL;

	CU_ASSERT_EQUAL_FATAL(pv_expr("  Call ID ", &e, &why), 0);
	CU_ASSERT_EQUAL(e.n, 1);
	CU_ASSERT_EQUAL(e.t[0].is_text, 0);
	CU_ASSERT_STRING_EQUAL(e.t[0].text, "Call ID");
	pv_expr_release(&e);
	CU_ASSERT_EQUAL_FATAL(pv_expr("\"unrecorded\"", &e, &why), 0);
	CU_ASSERT_EQUAL(e.n, 1);
	CU_ASSERT_EQUAL(e.t[0].is_text, 1);
	CU_ASSERT_STRING_EQUAL(e.t[0].text, "unrecorded");
	pv_expr_release(&e);
	CU_ASSERT_EQUAL_FATAL(pv_expr("\"hl-\" + Call ID + \" \"\"x\"\"\" + "
				      "Age 65+", &e, &why), 0);
	CU_ASSERT_EQUAL_FATAL(e.n, 4);
	CU_ASSERT_STRING_EQUAL(e.t[0].text, "hl-");
	CU_ASSERT_STRING_EQUAL(e.t[1].text, "Call ID");
	CU_ASSERT_STRING_EQUAL(e.t[2].text, " \"x\"");
	CU_ASSERT_EQUAL(e.t[2].is_text, 1);
	CU_ASSERT_STRING_EQUAL(e.t[3].text, "Age 65+");
	pv_expr_release(&e);
	CU_ASSERT_EQUAL(pv_expr("\"abc", &e, &why), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(why, "has an unterminated quoted text");
	pv_expr_release(&e);
	CU_ASSERT_EQUAL(pv_expr("\"a\" b", &e, &why), NS_ECONFIG);
	pv_expr_release(&e);
	CU_ASSERT_EQUAL(pv_expr("A +  + B", &e, &why), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(why, "has an empty term around ' + '");
	pv_expr_release(&e);
	CU_ASSERT_EQUAL(pv_expr("", &e, &why), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(why, "is empty");
	pv_expr_release(&e);
}

static char items[8][64];
static int nitems, quoted_mask;

static int collect(void *ctx, const char *s, size_t len, int quoted)
{
	(void)ctx;
	if (nitems < 8)
		snprintf(items[nitems], sizeof items[0], "%.*s", (int)len, s);
	quoted_mask |= quoted << nitems;
	nitems++;
	return 0;
}

static void test_list(void)
{
	const char *why = NULL;

	nitems = quoted_mask = 0;
	CU_ASSERT_EQUAL(pv_list(" True , Yes,1,\"Yes, sure\" ,\"\", "
				"\"say \"\"no\"\"\",", collect, NULL, &why), 0);
	CU_ASSERT_EQUAL_FATAL(nitems, 6);
	CU_ASSERT_STRING_EQUAL(items[0], "True");
	CU_ASSERT_STRING_EQUAL(items[1], "Yes");
	CU_ASSERT_STRING_EQUAL(items[2], "1");
	CU_ASSERT_STRING_EQUAL(items[3], "Yes, sure");
	CU_ASSERT_STRING_EQUAL(items[4], "");
	CU_ASSERT_STRING_EQUAL(items[5], "say \"no\"");
	CU_ASSERT_EQUAL(quoted_mask, 8 | 16 | 32);
	CU_ASSERT_EQUAL(pv_list("a, \"b", collect, NULL, &why), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(why, "has an unterminated quoted item");
	CU_ASSERT_EQUAL(pv_list("\"b\" c", collect, NULL, &why), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(why, "has text after a quoted item");
}

static void test_fold(void)
{
	char a[PV_KEY_MAX], b[PV_KEY_MAX];

	CU_ASSERT_EQUAL(pv_fold("  Not   Referred\t", 17, a, sizeof a), 12);
	CU_ASSERT_STRING_EQUAL(a, "not referred");
	CU_ASSERT_EQUAL(pv_fold("", 0, a, sizeof a), 0);
	CU_ASSERT(pv_fold("ÉTÉ Résultat", strlen("ÉTÉ Résultat"), a,
			  sizeof a) > 0);
	CU_ASSERT(pv_fold("été résultat", strlen("été résultat"), b,
			  sizeof b) > 0);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT_EQUAL(pv_fold("abcdef", 6, a, 4), -1);
	CU_ASSERT_EQUAL(pv_fold("\xff\xfe", 2, a, sizeof a), -1);
}

/* ---- formats, zones, dates ----------------------------------------- */

static void test_formats_zones(void)
{
	enum dt_form f;
	int m = 0;

	CU_ASSERT(pv_format("iso", 3, &f) == 0 && f == DT_ISO);
	CU_ASSERT(pv_format("ISO 8601", 8, &f) == 0 && f == DT_ISO);
	CU_ASSERT(pv_format("MM/DD/YYYY", 10, &f) == 0 && f == DT_MDY);
	CU_ASSERT(pv_format("m/d/yyyy", 8, &f) == 0 && f == DT_MDY);
	CU_ASSERT(pv_format("DD/MM/YYYY", 10, &f) == 0 && f == DT_DMY);
	CU_ASSERT(pv_format("YYYY-MM-DD", 10, &f) == 0 && f == DT_YMD);
	CU_ASSERT(pv_format("YYYY/MM/DD", 10, &f) == 0 && f == DT_YMD);
	CU_ASSERT_EQUAL(pv_format("DD.MM.YYYY", 10, &f), NS_ECONFIG);
	CU_ASSERT_STRING_EQUAL(pv_format_name(DT_DMY), "DD/MM/YYYY");
	CU_ASSERT(pv_zone("EST", &m) == 0 && m == -300);
	CU_ASSERT(pv_zone("mdt", &m) == 0 && m == -360);
	CU_ASSERT(pv_zone("NST", &m) == 0 && m == -210);
	CU_ASSERT(pv_zone("UTC", &m) == 0 && m == 0);
	CU_ASSERT(pv_zone("+05:30", &m) == 0 && m == 330);
	CU_ASSERT(pv_zone("-0330", &m) == 0 && m == -210);
	CU_ASSERT(pv_zone("-05", &m) == 0 && m == -300);
	CU_ASSERT_EQUAL(pv_zone("-15:00", &m), NS_ECONFIG);
	CU_ASSERT_EQUAL(pv_zone("-05:60", &m), NS_ECONFIG);
	CU_ASSERT_EQUAL(pv_zone("Mountain", &m), NS_ECONFIG);
	CU_ASSERT_EQUAL(pv_zone("", &m), NS_ECONFIG);
}

/* pv_date_iso with the given formats and zone; the text or the reason. */
static const char *date(const char *s, const char *fmts, const char *zone)
{
	static char out[200];
	struct pcol c;
	char why[160];
	int n;

	memset(&c, 0, sizeof c);
	for (; fmts && *fmts; fmts += strcspn(fmts, ",") + (fmts[strcspn(
		     fmts, ",")] == ',')) {
		size_t len = strcspn(fmts, ",");
		CU_ASSERT_FATAL(pv_format(fmts, len, &c.forms[c.nforms++]) == 0);
	}
	if (zone) {
		CU_ASSERT_FATAL(pv_zone(zone, &c.zone_min) == 0);
		c.has_zone = 1;
	}
	n = pv_date_iso(&c, s, strlen(s), out, sizeof out, why, sizeof why);
	if (n < 0)
		snprintf(out, sizeof out, "! %s", why);
	else
		CU_ASSERT_EQUAL((size_t)n, strlen(out));
	return out;
}

static void test_dates(void)
{
	/* ISO (the default) */
	CU_ASSERT_STRING_EQUAL(date("2024-03-05", NULL, NULL), "2024-03-05");
	CU_ASSERT_STRING_EQUAL(date("2024-03-05T14:22:10-05:00", NULL, NULL),
			       "2024-03-05T14:22:10-05:00");
	CU_ASSERT_STRING_EQUAL(date("2024-03-05 14:22", "ISO", "EST"),
			       "2024-03-05T14:22:00-05:00");
	CU_ASSERT_STRING_EQUAL(date("2024-03-05T14:22:10Z", NULL, "EST"),
			       "2024-03-05T14:22:10+00:00");
	/* MM/DD/YYYY: 12-hour clocks, fractions, zones */
	CU_ASSERT_STRING_EQUAL(date("12/27/2017 09:02:27.151999 MST",
				    "MM/DD/YYYY", NULL),
			       "2017-12-27T09:02:27-07:00");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024 2:22:10 PM", "MM/DD/YYYY",
				    NULL), "2024-03-05T14:22:10");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024 12:05 AM EDT", "MM/DD/YYYY",
				    NULL), "2024-03-05T00:05:00-04:00");
	CU_ASSERT_STRING_EQUAL(date("03/05/2024 11:00 pm", "MM/DD/YYYY",
				    "PST"), "2024-03-05T23:00:00-08:00");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024", "MM/DD/YYYY", "EST"),
			       "2024-03-05");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024 14:22 NDT", "MM/DD/YYYY",
				    "EST"), "2024-03-05T14:22:00-02:30");
	/* DD/MM/YYYY */
	CU_ASSERT_STRING_EQUAL(date("5/3/2024 14:22", "DD/MM/YYYY", NULL),
			       "2024-03-05T14:22:00");
	CU_ASSERT_STRING_EQUAL(date("31/12/2023 23:59:59 AST",
				    "DD/MM/YYYY", NULL),
			       "2023-12-31T23:59:59-04:00");
	/* YYYY-MM-DD and YYYY/MM/DD with a 12-hour clock */
	CU_ASSERT_STRING_EQUAL(date("2024/03/05 2:22 PM", "YYYY/MM/DD",
				    "-06:00"), "2024-03-05T14:22:00-06:00");
	CU_ASSERT_STRING_EQUAL(date("2024-3-5 08:00 CST", "YYYY-MM-DD",
				    NULL), "2024-03-05T08:00:00-06:00");
	/* tried in order: the first that reads the value wins */
	CU_ASSERT_STRING_EQUAL(date("2024-03-05 08:00", "MM/DD/YYYY,ISO",
				    NULL), "2024-03-05T08:00:00");
	CU_ASSERT_STRING_EQUAL(date("03/04/2024", "DD/MM/YYYY,ISO", NULL),
			       "2024-04-03");
	/* failures give the first format's reason */
	CU_ASSERT_STRING_EQUAL(date("13/04/2018 09:00 MST", "MM/DD/YYYY",
				    NULL), "! is not a date (MM/DD/YYYY: month "
			       "out of range)");
	CU_ASSERT_STRING_EQUAL(date("2/30/2024", "MM/DD/YYYY,ISO", NULL),
			       "! is not a date (MM/DD/YYYY: day out of range "
			       "for the month)");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024 13:00 PM", "MM/DD/YYYY", NULL),
			       "! is not a date (MM/DD/YYYY: hour out of range "
			       "for a 12-hour clock)");
	CU_ASSERT_STRING_EQUAL(date("3/5/2024 10:00 XYZ", "MM/DD/YYYY",
				    NULL), "! is not a date (MM/DD/YYYY: "
			       "unknown time zone)");
	CU_ASSERT_STRING_EQUAL(date("yesterday", "MM/DD/YYYY,ISO", NULL),
			       "! is not a date in the profile's formats");
	CU_ASSERT_STRING_EQUAL(date("yesterday", NULL, NULL),
			       "! is not a date in the profile's format");
}

/* ---- value maps ----------------------------------------------------- */

static void test_maps(void)
{
	struct pmap m;
	int unmet, met, other, blank, prev = -1, exact = -1;

	CU_ASSERT_EQUAL_FATAL(pmap_init(&m), 0);
	unmet = pmap_target(&m, "unmet");
	met = pmap_target(&m, "met");
	CU_ASSERT_EQUAL(pmap_target(&m, "unmet"), unmet);
	CU_ASSERT_EQUAL(pmap_add(&m, "True", 4, 0, unmet, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, " YES ", 5, 0, unmet, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, "False", 5, 0, met, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, "yes", 3, 0, unmet, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, "TRUE", 4, 0, met, &prev), 1);
	CU_ASSERT_EQUAL(prev, unmet);
	CU_ASSERT_EQUAL(pmap_find(&m, "true", 4, &exact), unmet);
	CU_ASSERT_EQUAL(exact, 1);
	CU_ASSERT_EQUAL(pmap_find(&m, "  Yes", 5, NULL), unmet);
	CU_ASSERT_EQUAL(pmap_find(&m, "false", 5, NULL), met);
	CU_ASSERT_EQUAL(pmap_find(&m, "maybe", 5, &exact), -1);
	CU_ASSERT_EQUAL(exact, 0);
	CU_ASSERT_EQUAL(pmap_find(&m, "  ", 2, NULL), -1);
	other = pmap_target(&m, "other");
	blank = pmap_target(&m, "");
	CU_ASSERT_EQUAL(pmap_add(&m, "*", 1, 0, other, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, "", 0, 1, blank, &prev), 0);
	CU_ASSERT_EQUAL(pmap_add(&m, "*", 1, 1, other, &prev), 0);
	CU_ASSERT_EQUAL(pmap_find(&m, "maybe", 5, &exact), other);
	CU_ASSERT_EQUAL(exact, 0);
	CU_ASSERT_EQUAL(pmap_find(&m, "*", 1, &exact), other);
	CU_ASSERT_EQUAL(exact, 1);          /* a quoted "*" is the text */
	CU_ASSERT_EQUAL(pmap_find(&m, " ", 1, NULL), blank);
	CU_ASSERT_EQUAL(pmap_find(&m, "True", 4, NULL), unmet);
	CU_ASSERT_EQUAL(pmap_add(&m, "", 0, 1, met, &prev), 1);
	CU_ASSERT_EQUAL(prev, blank);
	pmap_release(&m);
}

static void test_check(void)
{
	CU_ASSERT_PTR_NULL(pv_check(CC_STATUS, "unrecorded", 10));
	CU_ASSERT_PTR_NULL(pv_check(CC_AGE, "5-9", 3));
	CU_ASSERT_PTR_NULL(pv_check(CC_GENDER, "", 0));
	CU_ASSERT_PTR_NULL(pv_check(CC_REGION, "anything", 8));
	CU_ASSERT_STRING_EQUAL(pv_check(CC_STATUS, "unment", 6),
			       "is not a need status (met, unmet, partial)");
	CU_ASSERT_STRING_EQUAL(pv_check(CC_AGE, "9-May", 5),
			       "is not an age group");
	CU_ASSERT_PTR_NOT_NULL(pv_check(CC_CODE, "B D", 3));
	CU_ASSERT_PTR_NOT_NULL(pv_check(CC_REASON, "Agency at Capacity", 18));
}

/* ---- profile files --------------------------------------------------- */

static struct nserr err;

/* Parse text as "p.ini": NULL and err.msg set on error. */
static struct profile *parse(const char *text)
{
	struct profile *p = NULL;

	nserr_init(&err);
	if (profile_parse(text, "p.ini", &p, &err) != 0)
		return NULL;
	return p;
}

/* The error message of text, or "ok". */
static const char *perr(const char *text)
{
	struct profile *p = parse(text);

	if (p) {
		profile_free(p);
		return "ok";
	}
	CU_ASSERT_EQUAL(err.code, NS_ECONFIG);
	return err.msg;
}

#define COLS "[columns]\ncontact_id = Id\nstarted_at = When\n" \
	"need_code = Code\nneed_status = Status\n"

static void test_parse_full(void)
{
	struct profile *p = parse(
		"; a comment\n# another\n"
		"[profile]\nname = east\ndescription = East export ; note\n"
		"skip_lines = 2\nneed_id = Need No\ndrop_blank_rows = yes\n"
		"drop_duplicate_rows = TRUE\n"
		"[columns]\ncontact_id = \"e-\" + Call No\n"
		"started_at = Date + \" \" + Time\n"
		"started_at.formats = MM/DD/YYYY, ISO\nstarted_at.zone = MST\n"
		"need_code = Codes\nneed_code.split = \";\"\n"
		"need_status = Met?\nreferred_to = Agencies\n"
		"referred_to.split = \" | \"\nage_group = Age\n"
		"[need_status]\nunmet = True, Yes\nmet = False,\n  No, 0\n"
		"[age_group]\n5-9 = 9-May\n\"\" = N/A\n"
		"[drop]\nCall Type = Hang up, \"Test, internal\"\n"
		"Call Type = Prank\nAgent = *\n");

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p->name, "east");
	CU_ASSERT_STRING_EQUAL(p->description, "East export");
	CU_ASSERT_EQUAL(p->skip_lines, 2);
	CU_ASSERT_STRING_EQUAL(p->need_id, "Need No");
	CU_ASSERT_EQUAL(p->drop_blank, 1);
	CU_ASSERT_EQUAL(p->drop_duplicates, 1);
	CU_ASSERT_EQUAL(p->has_columns, 1);
	CU_ASSERT_EQUAL(p->join, 0);
	CU_ASSERT_EQUAL(p->col[CC_CONTACT_ID].expr.n, 2);
	CU_ASSERT_EQUAL(p->col[CC_CONTACT_ID].expr.line, 11);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].expr.n, 3);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].nforms, 2);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].forms[0], DT_MDY);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].forms[1], DT_ISO);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].has_zone, 1);
	CU_ASSERT_EQUAL(p->col[CC_STARTED_AT].zone_min, -420);
	CU_ASSERT_STRING_EQUAL(p->col[CC_CODE].split, ";");
	CU_ASSERT_STRING_EQUAL(p->col[CC_REFERRED_TO].split, " | ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->col[CC_STATUS].map);
	CU_ASSERT_EQUAL(p->col[CC_STATUS].map->nto, 2);
	CU_ASSERT_STRING_EQUAL(p->col[CC_STATUS].map->to[pmap_find(
		p->col[CC_STATUS].map, "no", 2, NULL)], "met");
	CU_ASSERT_STRING_EQUAL(p->col[CC_STATUS].map->to[pmap_find(
		p->col[CC_STATUS].map, "0", 1, NULL)], "met");
	CU_ASSERT_STRING_EQUAL(p->col[CC_AGE].map->to[pmap_find(
		p->col[CC_AGE].map, "n/a", 3, NULL)], "");
	CU_ASSERT_EQUAL_FATAL(p->ndrops, 2);
	CU_ASSERT_STRING_EQUAL(p->drops[0].header, "Call Type");
	CU_ASSERT_EQUAL(p->drops[0].values.nto, 3);
	CU_ASSERT_STRING_EQUAL(p->drops[0].values.to[pmap_find(
		&p->drops[0].values, "test, INTERNAL", 14, NULL)],
		"Test, internal");
	CU_ASSERT_EQUAL(pmap_find(&p->drops[0].values, "Hang", 4, NULL), -1);
	CU_ASSERT_STRING_EQUAL(p->drops[1].values.to[pmap_find(
		&p->drops[1].values, "anyone", 6, NULL)], "(any value)");
	CU_ASSERT_EQUAL(pmap_find(&p->drops[1].values, "", 0, NULL), -1);
	CU_ASSERT_EQUAL(profile_is_plain(p), 0);
	profile_free(p);
}

static void test_parse_defaults(void)
{
	struct profile *p = parse("[profile]\ndescription = x\n");

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p->name, "p");     /* from "p.ini" */
	CU_ASSERT_EQUAL(profile_is_plain(p), 1);
	profile_free(p);
	CU_ASSERT_EQUAL(profile_is_plain(NULL), 1);
	p = parse("[columns]\nstarted_at.formats = DD/MM/YYYY\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->has_columns, 0);       /* canonical headers */
	CU_ASSERT_EQUAL(profile_is_plain(p), 0);
	profile_free(p);
	p = parse("[columns]\ncontact_id = A\nstarted_at = B\n"
		  "need_category = C\nneed_status = \"unrecorded\"\n"
		  "[contacts]\nkey = A\n[needs]\nkey = A2\nskip_lines = 1\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->join, 1);
	CU_ASSERT_STRING_EQUAL(p->side[PSIDE_NEEDS].key, "A2");
	CU_ASSERT_EQUAL(p->side[PSIDE_NEEDS].skip_lines, 1);
	CU_ASSERT_EQUAL(p->side[PSIDE_CONTACTS].skip_lines, -1);
	profile_free(p);
}

static void test_parse_errors(void)
{
	CU_ASSERT_STRING_EQUAL(perr("[profil]\nname = x\n"), "p.ini:2: "
		"[profil] name: unknown section (known: [profile], [columns], "
		"[drop], [contacts], [needs], and value maps named after a "
		"canonical column such as [need_status])");
	CU_ASSERT_STRING_EQUAL(perr("name = x\n"), "p.ini:1: name: comes "
			       "before any [section]");
	CU_ASSERT_STRING_EQUAL(perr("[profile]\nskip = 2\n"), "p.ini:2: "
		"[profile] skip: unknown key (known: name, description, "
		"skip_lines, need_id, drop_blank_rows, drop_duplicate_rows)");
	CU_ASSERT_STRING_EQUAL(perr("[profile]\nskip_lines = two\n"),
		"p.ini:2: [profile] skip_lines: 'two' is not a number of lines "
		"(0..1000)");
	CU_ASSERT_STRING_EQUAL(perr("[profile]\ndrop_blank_rows = maybe\n"),
		"p.ini:2: [profile] drop_blank_rows: 'maybe' is not yes or no");
	CU_ASSERT_STRING_EQUAL(perr("[columns]\ncontact = Id\n"), "p.ini:2: "
		"[columns] contact: 'contact' is not a canonical column "
		"(contact_id, started_at, channel, language, postal_code, "
		"region, age_group, gender, need_code, need_category, "
		"need_status, unmet_reason, referrals, referred_to)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "contact_id = Other\n"), "p.ini:6: "
		"[columns] contact_id: mapped twice (first on line 2)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "started_at.formats = MM/DD/YYYY, "
		"ISO, DD/MM/YYYY\n"), "p.ini:6: [columns] started_at.formats: "
		"MM/DD/YYYY and DD/MM/YYYY are ambiguous together (03/04/2024 "
		"is 4 March or 3 April): list the one the export uses");
	CU_ASSERT_STRING_EQUAL(perr(COLS "started_at.formats = DD-MM-YY\n"),
		"p.ini:6: [columns] started_at.formats: 'DD-MM-YY' is not a "
		"date format (ISO, MM/DD/YYYY, DD/MM/YYYY, YYYY-MM-DD)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "need_code.formats = ISO\n"),
		"p.ini:6: [columns] need_code.formats: only started_at is a "
		"date: formats and zone belong to it");
	CU_ASSERT_STRING_EQUAL(perr(COLS "started_at.zone = Mountain\n"),
		"p.ini:6: [columns] started_at.zone: 'Mountain' is not a zone "
		"(EST, MST, UTC, -05:00, ...)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "gender.split = \";\"\n"), "p.ini:6: "
		"[columns] gender.split: only need_code, need_category and "
		"referred_to can hold several values");
	CU_ASSERT_STRING_EQUAL(perr(COLS "need_code.split = ;\n"), "p.ini:6: "
		"[columns] need_code.split: the separator must be 1 to 7 "
		"characters (write \";\" in quotes: a ';' after a blank starts "
		"a comment)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "need_code.color = red\n"),
		"p.ini:6: [columns] need_code.color: unknown option 'color' "
		"(known: formats, zone, split, trim, case, pattern, pad)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "channel = \"phone\" x\n"), "p.ini:6:"
		" [columns] channel: '\"phone\" x' has text after a quoted text "
		"(join terms with ' + ')");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[need_status]\nunment = True\n"),
		"p.ini:7: [need_status] unment: 'unment' is not a need status "
		"(met, unmet, partial)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[need_status]\nunmet = True\n"
		"met = False, true\n"), "p.ini:8: [need_status] met: 'true' is "
		"already mapped to 'unmet'");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[started_at]\nx = y\n"), "p.ini:7: "
		"[started_at] x: started_at takes no value map");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[age_group]\n5-9 = \"9-May\n"),
		"p.ini:7: [age_group] 5-9: has an unterminated quoted item");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[gender]\nwoman = F\n"), "p.ini:7: "
		"[gender] gender is not mapped in [columns]");
	CU_ASSERT_STRING_EQUAL(perr("[columns]\ncontact_id = Id\nstarted_at"
		" = When\nneed_code = Code\n"), "p.ini: [columns] does not map "
		"need_status (for an export that records requests only, write "
		"need_status = \"unrecorded\")");
	CU_ASSERT_STRING_EQUAL(perr("[columns]\ncontact_id = Id\nstarted_at"
		" = When\nneed_status = S\n"), "p.ini: [columns] maps neither "
		"need_code nor need_category");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[contacts]\nkey = Id\n"), "p.ini: a "
		"two-file profile needs both [contacts] and [needs]");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[contacts]\nkey = Id\n[needs]\n"
		"skip_lines = 1\n"), "p.ini:9: [needs] has no key (the column "
		"that joins the two files)");
	CU_ASSERT_STRING_EQUAL(perr(COLS "[needs]\nfile = x\n"), "p.ini:7: "
		"[needs] file: unknown key (known: skip_lines, key)");
	CU_ASSERT_STRING_EQUAL(perr("[profile]\nname = x\nnot a key\n"),
		"p.ini:3: not a [section] or a 'key = value' line");
	{
		char text[400];
		memset(text, 'x', sizeof text);
		memcpy(text, "[profile]\ndescription = ", 24);
		text[sizeof text - 2] = '\n';
		text[sizeof text - 1] = '\0';
		CU_ASSERT_STRING_EQUAL(perr(text), "p.ini:2: the line is too "
			"long (at most 196 characters: continue a list on an "
			"indented next line)");
	}
}

static void test_load(void)
{
	struct profile *p = NULL;
	char path[600];

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(profile_load("canonical", tu_datadir(), &p,
					   &err), 0);
	CU_ASSERT_STRING_EQUAL(p->name, "canonical");
	CU_ASSERT_EQUAL(profile_is_plain(p), 1);
	profile_free(p);
	CU_ASSERT_EQUAL_FATAL(profile_load("icarol", tu_datadir(), &p, &err),
			      0);
	CU_ASSERT_EQUAL(p->join, 1);
	CU_ASSERT_STRING_EQUAL(p->need_id, "ReportNeedNum");
	CU_ASSERT_STRING_EQUAL(p->side[PSIDE_CONTACTS].key, "CallReportNum");
	CU_ASSERT_EQUAL(p->side[PSIDE_CONTACTS].skip_lines, 2);
	CU_ASSERT_STRING_EQUAL(p->col[CC_REASON].map->to[pmap_find(
		p->col[CC_REASON].map, "service does not exist in community",
		35, NULL)], "no_service");
	CU_ASSERT_STRING_EQUAL(p->col[CC_AGE].map->to[pmap_find(
		p->col[CC_AGE].map, "9-May", 5, NULL)], "5-9");
	profile_free(p);
	CU_ASSERT_EQUAL(profile_load("icarl", tu_datadir(), &p, &err),
			NS_ECONFIG);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT_STRING_EQUAL(err.msg, "unknown profile 'icarl' (bundled: "
		"canonical, icarol; or give the path of a profile file)");
	snprintf(path, sizeof path, "%s", tu_path("none.ini"));
	CU_ASSERT_EQUAL(profile_load(path, NULL, &p, &err), NS_ENOINPUT);
	CU_ASSERT_EQUAL(tu_write_file(tu_path("bad.ini"), "[columns]\n"
				      "contact_id = \"x\n", (size_t)-1), 0);
	snprintf(path, sizeof path, "%s", tu_path("bad.ini"));
	CU_ASSERT_EQUAL(profile_load(path, NULL, &p, &err), NS_ECONFIG);
	CU_ASSERT(strstr(err.msg, "bad.ini:2: [columns] contact_id: '\"x' "
			 "has an unterminated quoted text") != NULL);
}

/* ---- the work database ----------------------------------------------- */

/* A record of n fields from a '|'-separated text. */
struct rec {
	struct csvin_record r;
	const char *f[8];
	size_t l[8];
	char buf[256];
};

static const struct csvin_record *mkrec(struct rec *x, const char *text,
					uint64_t line)
{
	char *p;

	snprintf(x->buf, sizeof x->buf, "%s", text);
	memset(&x->r, 0, sizeof x->r);
	x->r.field = x->f;
	x->r.len = x->l;
	x->r.line = line;
	for (p = x->buf; x->r.nfields < 8; ) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		x->f[x->r.nfields] = p;
		x->l[x->r.nfields++] = strlen(p);
		if (!bar)
			break;
		p = bar + 1;
	}
	return &x->r;
}

static void test_stage_dup(void)
{
	struct pstage *s = NULL;
	struct rec a, b;
	uint64_t first = 0;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(pstage_open(&s, &err), 0);
	CU_ASSERT_EQUAL(pstage_dup(s, mkrec(&a, "x|y", 2), 2, &first, &err), 0);
	CU_ASSERT_EQUAL(pstage_dup(s, mkrec(&a, "x|yz", 3), 3, &first, &err),
			0);
	CU_ASSERT_EQUAL(pstage_dup(s, mkrec(&a, "xy|z", 4), 4, &first, &err),
			0);              /* same bytes, other fields */
	CU_ASSERT_EQUAL(pstage_dup(s, mkrec(&b, "x|y", 9), 9, &first, &err), 1);
	CU_ASSERT_EQUAL(first, 2);
	CU_ASSERT_EQUAL(pstage_dup_reset(s, &err), 0);
	CU_ASSERT_EQUAL(pstage_dup(s, mkrec(&b, "x|y", 1), 1, &first, &err), 0);
	pstage_close(s);
}

static char got[16][200];
static int ngot;

static void put(const char *fmt, const char *a, const char *b,
		unsigned long long n)
{
	if (ngot < 16)
		snprintf(got[ngot], sizeof got[0], fmt, a, b, n);
	ngot++;
}

static int on_row(void *ctx, const struct prow *row,
		  const struct porigin *oc, const struct porigin *on)
{
	char v[160];

	(void)ctx;
#define V(c) (int)(row->v[c] ? row->len[c] : 1), \
	(row->v[c] ? row->v[c] : "-")
	snprintf(v, sizeof v, "%.*s/%.*s/%.*s/%d", V(CC_CONTACT_ID),
		 V(CC_CODE), V(CC_REFERRED_TO), row->count_refs);
#undef V
	put("row %s %s:%llu", v, on->file, on->line);
	CU_ASSERT_STRING_EQUAL(oc->file, "c.csv");
	return 0;
}

static int on_drop(void *ctx, const char *label, const struct porigin *o)
{
	(void)ctx;
	put("drop %s %s:%llu", label, o->file, o->line);
	return 0;
}

static int on_orphan(void *ctx, const char *key, const struct porigin *o)
{
	(void)ctx;
	put("orphan %s %s:%llu", key, o->file, o->line);
	return 0;
}

static void test_stage_join(void)
{
	struct pstage *s = NULL;
	struct prow v;
	struct pstage_emit e = {"c.csv", "n.csv", 1, 1, on_row, on_drop,
				on_orphan, NULL, NULL};
	uint64_t first = 0;
	static const char *const nrow[][4] = {
		{"1", "A", "BD", "Food Bank"}, {"1", "B", "BH", ""},
		{"9", "D", "BD", "x"}, {"3", "C", "BD", "y"},
		{"1", "A", "BD", "Pantry"}, {"1", "A", "BD", ""},
	};
	size_t i;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(pstage_open(&s, &err), 0);
	memset(&v, 0, sizeof v);
	v.v[CC_CONTACT_ID] = "1";
	v.len[CC_CONTACT_ID] = 1;
	CU_ASSERT_EQUAL(pstage_contact(s, "1", 1, 4, "1,old", 5, NULL, &v,
				       &first, &err), 0);
	v.v[CC_CONTACT_ID] = "2";
	CU_ASSERT_EQUAL(pstage_contact(s, "2", 1, 5, "2", 1, NULL, &v, &first,
				       &err), 0);
	CU_ASSERT_EQUAL(pstage_contact(s, "3", 1, 6, "3", 1, "Type = Test",
				       NULL, &first, &err), 0);
	v.v[CC_CONTACT_ID] = "1";
	CU_ASSERT_EQUAL(pstage_contact(s, "1", 1, 7, "1,new", 5, NULL, &v,
				       &first, &err), 1);
	CU_ASSERT_EQUAL(first, 4);
	for (i = 0; i < sizeof nrow / sizeof nrow[0]; i++) {
		memset(&v, 0, sizeof v);
		v.v[CC_CODE] = nrow[i][2];
		v.len[CC_CODE] = strlen(nrow[i][2]);
		v.v[CC_REFERRED_TO] = nrow[i][3];
		v.len[CC_REFERRED_TO] = strlen(nrow[i][3]);
		CU_ASSERT_EQUAL(pstage_need(s, nrow[i][0], 1, nrow[i][1], 1,
					    i + 2, "n", 1, &v, &err), 0);
	}
	ngot = 0;
	CU_ASSERT_EQUAL(pstage_emit(s, &e, &err), 0);
	for (i = 0; i < 5 && getenv("NS_DEBUG"); i++)
		fprintf(stderr, "%s\n", got[i]);
	CU_ASSERT_EQUAL_FATAL(ngot, 5);
	/* contacts in first-seen order (a replaced one keeps its place),
	 * needs by need id: the rows of need A regrouped */
	CU_ASSERT_STRING_EQUAL(got[0], "row 1/BD/Food Bank;Pantry/1 "
			       "n.csv:2");
	CU_ASSERT_STRING_EQUAL(got[1], "row 1/BH//1 n.csv:3");
	CU_ASSERT_STRING_EQUAL(got[2], "row 2/-/-/0 c.csv:5");
	CU_ASSERT_STRING_EQUAL(got[3], "drop its contact was dropped (Type = "
			       "Test) n.csv:5");
	CU_ASSERT_STRING_EQUAL(got[4], "orphan 9 n.csv:4");
	/* emptied: a second read-back finds nothing */
	ngot = 0;
	CU_ASSERT_EQUAL(pstage_emit(s, &e, &err), 0);
	CU_ASSERT_EQUAL(ngot, 0);
	pstage_close(s);
}

static CU_TestInfo tests[] = {
	{"expressions", test_expr},
	{"lists", test_list},
	{"folding", test_fold},
	{"format names and zones", test_formats_zones},
	{"dates in every format", test_dates},
	{"value maps", test_maps},
	{"canonical value check", test_check},
	{"a full profile", test_parse_full},
	{"defaults and two-file profiles", test_parse_defaults},
	{"profile errors: file, line, key", test_parse_errors},
	{"bundled profiles and paths", test_load},
	{"work database: duplicates", test_stage_dup},
	{"work database: join and regrouping", test_stage_join},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_profile[] = {
	{"profile", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
