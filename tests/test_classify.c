/*
 * Tests for classify (longest prefix, old and new codes, compound codes,
 * category names in English and French, regions of FSAs and ZIPs, the
 * crosswalk overriding the province) and for refdata (the loads it is
 * built from: errors name file and line, and a bad file leaves nothing).
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "classify/classify.h"
#include "core/db.h"
#include "classify/refdata.h"
#include "testutil.h"

static sqlite3 *db;
static struct classify cl;
static struct nserr err;

/* A fresh database with the bundled reference data, as needstat-init. */
static sqlite3 *new_db(const char *name)
{
	sqlite3 *d;

	tu_db_init(name, NULL, &d, &err);
	return d;
}

static int setup(void)
{
	if (!(db = new_db("classify.db")))
		return 1;
	return classify_load(&cl, db, &err);
}

static int teardown(void)
{
	classify_release(&cl);
	sqlite3_close(db);
	return 0;
}

static const char *fixture(const char *name)
{
	static char buf[4][512];
	static int next;
	char *b = buf[next++ % 4];

	snprintf(b, 512, "%s/%s", tu_source_path("fixtures/classify"), name);
	return b;
}

static const char *cat_of(const char *code, size_t *plen)
{
	return cl.cats[classify_code_prefix(&cl, code, strlen(code), plen)];
}

/* Codes kept as written (not taxonomy codes): only raw-code prefixes
 * classify them; a taxonomy prefix never does. */
static void test_raw_codes(void)
{
	CU_ASSERT_STRING_EQUAL(cl.cats[cl.unclassified], "unclassified");
	CU_ASSERT_STRING_EQUAL(cl.cats[cl.target_only], "target_only");
	CU_ASSERT_EQUAL(classify_code_raw(&cl, "B D", 3), cl.unclassified);
	CU_ASSERT_EQUAL(classify_code_raw(&cl, "BD-18000", 8), cl.unclassified);
	CU_ASSERT_EQUAL(classify_code_raw(&cl, "X_RX-8450", 9), cl.unclassified);
	CU_ASSERT_EQUAL(classify_code_raw(&cl, "4711", 4), cl.unclassified);
	CU_ASSERT_EQUAL(classify_stored(&cl, "B D", 0), cl.unclassified);
	CU_ASSERT_STRING_EQUAL(cl.cats[classify_stored(&cl, "BD", 2)], "food");
	CU_ASSERT_EQUAL(classify_fallback(&cl, "B D", 3), cl.unclassified);
	CU_ASSERT_EQUAL(classify_fallback(&cl, "YN-9000", 7), cl.target_only);
	CU_ASSERT_EQUAL(classify_fallback(&cl, "JP-1500", 7), cl.other);
	CU_ASSERT(classify_is_unmapped(&cl, cl.unclassified));
	CU_ASSERT(!classify_is_unmapped(&cl, classify_stored(&cl, "BD", 2)));
}

static void test_longest_prefix(void)
{
	size_t n = 99;

	CU_ASSERT_STRING_EQUAL(cat_of("NL-6000.2000", &n), "food");
	CU_ASSERT_EQUAL(n, 7);                   /* NL-6000 beats N */
	CU_ASSERT_STRING_EQUAL(cat_of("NL-5000", &n), "income");
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(cat_of("ND-6500.1500-200", &n), "employment");
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(cat_of("TH-2600", &n), "disaster");
	CU_ASSERT_STRING_EQUAL(cat_of("TJ-3000.8000", &n), "information");
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_STRING_EQUAL(cat_of("TJ-3100", &n), "other_government");
	CU_ASSERT_STRING_EQUAL(cat_of("B", &n), "other");
	CU_ASSERT_EQUAL(n, 1);                   /* mapped to other by 'B' */
	CU_ASSERT_STRING_EQUAL(cat_of("YF-3000", &n), "target_only");
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(classify_code(&cl, "BD-1800", 7),
			classify_code(&cl, "BD-1800.2000", 12));
	CU_ASSERT_EQUAL(cl.map_version, 1);
}

static void test_old_and_new_codes(void)
{
	size_t n;

	/* utility payment assistance: was BH-8900.9100, now BV-8900.9300 */
	CU_ASSERT_STRING_EQUAL(cat_of("BH-8900.9100", &n), "utilities");
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_STRING_EQUAL(cat_of("BV-8900.9300", &n), "utilities");
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(cat_of("BH-1800.8500", &n), "housing");
	/* pre-2007 short segments classify by the same prefixes */
	CU_ASSERT_STRING_EQUAL(cat_of("BH-890.910", &n), "housing");
	CU_ASSERT_EQUAL(n, 2);
}

static void test_explain(void)
{
	struct classify_info ci;
	const char *why = NULL;
	const char *s = " bd-1800.2000 * yn-9000 ";

	CU_ASSERT_EQUAL_FATAL(classify_explain(&cl, s, strlen(s), &ci, &why), 0);
	CU_ASSERT_STRING_EQUAL(ci.text, "BD-1800.2000 * YN-9000");
	CU_ASSERT_STRING_EQUAL(ci.code.service, "BD-1800.2000");
	CU_ASSERT_STRING_EQUAL(ci.code.targets, "YN-9000");
	CU_ASSERT_EQUAL(ci.code.level, 4);
	CU_ASSERT_STRING_EQUAL(cl.cats[ci.category], "food");
	CU_ASSERT_STRING_EQUAL(cl.cat_en[ci.category], "Food/Meals");
	CU_ASSERT_EQUAL(ci.prefix_len, 2);
	CU_ASSERT_EQUAL(classify_explain(&cl, "B D", 3, &ci, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is not a taxonomy code");
	CU_ASSERT_EQUAL(classify_explain(&cl, "QX", 2, &ci, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "unknown taxonomy section");
}

static const char *by_name(const char *s)
{
	int i = classify_category_name(&cl, s, strlen(s));
	return i < 0 ? "(none)" : cl.cats[i];
}

static void test_category_names(void)
{
	CU_ASSERT_STRING_EQUAL(by_name("health"), "health");
	CU_ASSERT_STRING_EQUAL(by_name("Health Care"), "health");
	CU_ASSERT_STRING_EQUAL(by_name("Santé"), "health");
	CU_ASSERT_STRING_EQUAL(by_name("  SANTÉ "), "health");
	CU_ASSERT_STRING_EQUAL(by_name("sante"), "health");
	CU_ASSERT_STRING_EQUAL(by_name("Éducation"), "education");
	CU_ASSERT_STRING_EQUAL(by_name("EDUCATION"), "education");
	CU_ASSERT_STRING_EQUAL(by_name("Aide aux services publics (énergie, "
				       "eau)"), "utilities");
	CU_ASSERT_STRING_EQUAL(by_name("food/meals"), "food");
	CU_ASSERT_STRING_EQUAL(by_name("Nourriture et repas"), "food");
	CU_ASSERT_STRING_EQUAL(by_name("Bénévolat et dons"),
			       "volunteers_donations");
	CU_ASSERT_STRING_EQUAL(by_name("Food"), "food");     /* the id */
	CU_ASSERT_STRING_EQUAL(by_name("Meals"), "(none)");
	CU_ASSERT_STRING_EQUAL(by_name(""), "(none)");
}

static const char *region_of(const char *postal, const char **prov)
{
	struct classify_place p;
	const char *why = NULL;

	if (classify_resolve(&cl, postal, strlen(postal), &p, &why) != 0)
		return why;
	*prov = p.province >= 0 ? cl.regions[p.province].id : "-";
	return cl.regions[p.region].id;
}

static void test_regions(void)
{
	const char *prov = NULL;

	CU_ASSERT_STRING_EQUAL(region_of("K1A 0B1", &prov), "ON");
	CU_ASSERT_STRING_EQUAL(prov, "ON");
	CU_ASSERT_STRING_EQUAL(region_of("x0a", &prov), "NU");
	CU_ASSERT_STRING_EQUAL(region_of("X0B 1A0", &prov), "NU");
	CU_ASSERT_STRING_EQUAL(region_of("X0C0A0", &prov), "NU");
	CU_ASSERT_STRING_EQUAL(region_of("X1A 2P3", &prov), "NT");
	CU_ASSERT_STRING_EQUAL(prov, "NT");
	CU_ASSERT_STRING_EQUAL(region_of("X0E 0V0", &prov), "NT");
	CU_ASSERT_STRING_EQUAL(region_of("Y1A", &prov), "YT");
	CU_ASSERT_STRING_EQUAL(region_of("H2X 1Y4", &prov), "QC");
	CU_ASSERT_STRING_EQUAL(region_of("90210", &prov), "US-CA");
	CU_ASSERT_STRING_EQUAL(prov, "US-CA");
	CU_ASSERT_STRING_EQUAL(region_of("10001-1234", &prov), "US-NY");
	CU_ASSERT_STRING_EQUAL(region_of("00100", &prov), "US");
	CU_ASSERT_STRING_EQUAL(prov, "-");
	CU_ASSERT_STRING_EQUAL(region_of("  ", &prov), "unknown");
	CU_ASSERT_STRING_EQUAL(prov, "-");
	CU_ASSERT_STRING_EQUAL(region_of("Montréal", &prov),
			       "is not a postal code or ZIP");
	CU_ASSERT_EQUAL(cl.regions[classify_region_id(&cl, "NU", 2)].parent,
			classify_region_id(&cl, "CA", 2));
	CU_ASSERT_EQUAL(cl.regions[classify_region_id(&cl, "CA", 2)].parent, -1);
	/* region ids match in any case, as headers and values do */
	CU_ASSERT_TRUE(classify_region_id(&cl, "ON", 2) >= 0);
	CU_ASSERT_EQUAL(classify_region_id(&cl, "on", 2),
			classify_region_id(&cl, "ON", 2));
	CU_ASSERT_EQUAL(classify_region_id(&cl, "us-ca", 5),
			classify_region_id(&cl, "US-CA", 5));
	CU_ASSERT_EQUAL(classify_region_id(&cl, "UNKNOWN", 7), cl.unknown);
	CU_ASSERT_EQUAL(classify_region_id(&cl, "ONT", 3), -1);
}

static void test_crosswalk_override(void)
{
	const char *prov = NULL;
	int r;

	CU_ASSERT_EQUAL_FATAL(refdata_load(db, REF_REGIONS,
			      fixture("regions.csv"), NULL, &err), 0);
	CU_ASSERT_EQUAL_FATAL(refdata_load(db, REF_CROSSWALK,
			      fixture("crosswalk.csv"), NULL, &err), 0);
	classify_release(&cl);
	CU_ASSERT_EQUAL_FATAL(classify_load(&cl, db, &err), 0);
	CU_ASSERT_STRING_EQUAL(region_of("K1A 0B1", &prov), "ON-ottawa");
	CU_ASSERT_STRING_EQUAL(prov, "ON");
	CU_ASSERT_STRING_EQUAL(region_of("K1B 0B1", &prov), "ON");
	CU_ASSERT_STRING_EQUAL(region_of("X0A 0H0", &prov), "NU-qikiqtaaluk");
	CU_ASSERT_STRING_EQUAL(prov, "NU");
	CU_ASSERT_STRING_EQUAL(region_of("90210-0001", &prov), "US-CA-037");
	CU_ASSERT_STRING_EQUAL(prov, "US-CA");
	r = classify_region_id(&cl, "US-CA-037", 9);
	CU_ASSERT_FATAL(r >= 0);
	CU_ASSERT_STRING_EQUAL(cl.regions[r].name_fr, "Comté de Los Angeles");
	CU_ASSERT_STRING_EQUAL(cl.regions[r].level, "county");
	r = cl.regions[r].parent;
	CU_ASSERT_STRING_EQUAL(cl.regions[r].id, "US-CA");
	CU_ASSERT_STRING_EQUAL(cl.regions[cl.regions[r].parent].id, "US");
}

static void test_own_categories(void)
{
	struct refdata_result res;
	long ncats = 0;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(refdata_load_map(db, fixture("map2.csv"),
			      fixture("categories2.csv"), &res, &ncats, &err), 0);
	CU_ASSERT_EQUAL(res.map_version, 2);
	CU_ASSERT_EQUAL(res.rows, 18);
	CU_ASSERT_EQUAL(ncats, 1);
	classify_release(&cl);
	CU_ASSERT_EQUAL_FATAL(classify_load(&cl, db, &err), 0);
	CU_ASSERT_EQUAL(cl.map_version, 2);
	CU_ASSERT_STRING_EQUAL(cat_of("BH-1800.8500", &n), "shelter");
	CU_ASSERT_STRING_EQUAL(cl.cat_fr[classify_code(&cl, "BH-1800", 7)],
			       "Hébergement");
	CU_ASSERT_STRING_EQUAL(by_name("hebergement"), "shelter");
	CU_ASSERT_STRING_EQUAL(cat_of("JP-1500", &n), "other");
	CU_ASSERT_EQUAL(n, 0);                   /* no prefix at all */
	CU_ASSERT_STRING_EQUAL(cat_of("NL-6000", &n), "income");
}

static CU_TestInfo classify_tests[] = {
	{"longest prefix wins", test_longest_prefix},
	{"codes kept as written", test_raw_codes},
	{"old and new codes both mapped", test_old_and_new_codes},
	{"explain a compound code", test_explain},
	{"category names en/fr, accents", test_category_names},
	{"regions of FSAs and ZIPs", test_regions},
	{"crosswalk overrides the province", test_crosswalk_override},
	{"a centre's own categories", test_own_categories},
	CU_TEST_INFO_NULL,
};

/* ---- refdata: loads that fail name file and line and keep nothing ---- */

static long long count(const char *sql)
{
	long long n = -1;
	db_int(db, sql, -1, &n, &err);
	return n;
}

static void expect_bad(enum refdata_kind kind, const char *file,
		       const char *msg_tail)
{
	char want[1024];
	int rc;

	nserr_init(&err);
	rc = refdata_load(db, kind, fixture(file), NULL, &err);
	CU_ASSERT_EQUAL(rc, NS_EDATA);
	snprintf(want, sizeof want, "%s%s", fixture(file), msg_tail);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	CU_ASSERT_EQUAL(sqlite3_get_autocommit(db), 1);
}

static void test_bad_map(void)
{
	long long versions = count("SELECT count(*) FROM map_versions");
	long long rows = count("SELECT count(*) FROM category_map");

	expect_bad(REF_MAP, "map_bad.csv", ":5: 'B D' is not a taxonomy prefix"
		   " (expected a code such as B, BD, BD-1800 or BD-1800.2000)");
	expect_bad(REF_MAP, "map_unknown_category.csv", ":3: 'shelter' is not"
		   " a known category (give the map's categories file too)");
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM map_versions"), versions);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM category_map"), rows);
}

static void test_bad_files(void)
{
	long long keys;

	CU_ASSERT_EQUAL_FATAL(refdata_load(db, REF_REGIONS,
			      fixture("regions.csv"), NULL, &err), 0);
	keys = count("SELECT count(*) FROM region_keys");
	expect_bad(REF_CROSSWALK, "crosswalk_bad.csv", ":3: 'ON-nowhere' is "
		   "not a known region (load it with the regions file first)");
	expect_bad(REF_CROSSWALK, "crosswalk_badkey.csv", ":3: 'K1A 0B1' is "
		   "not an FSA (K1A) or a 5-digit ZIP");
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM region_keys"), keys);
	expect_bad(REF_POPULATIONS, "populations_bad.csv", ":3: column 'year'"
		   ": '21' is not a valid number here");
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM populations WHERE "
			      "region_id = 'ON-ottawa'"), 0);
	expect_bad(REF_TERMS, "terms_bad.csv", ":3: 'bd-1800' is not a "
		   "taxonomy code (expected a code such as B, BD, BD-1800 or "
		   "BD-1800.2000)");
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM terms"), 0);
}

static void test_bad_regions(void)
{
	const char *f = tu_path("regions_bad.csv");

	CU_ASSERT_EQUAL_FATAL(tu_write_file(f, "id,level,parent_id,name_en\n"
		"ON-a,region,ON-b,A\nON-b,region,ON,B\nON-c,region,ON-x,C\n",
		(size_t)-1), 0);
	nserr_init(&err);
	CU_ASSERT_EQUAL(refdata_load(db, REF_REGIONS, f, NULL, &err), NS_EDATA);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "regions_bad.csv:4: parent_id "
				      "'ON-x' of region 'ON-c' is not a known "
				      "region"));
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM regions WHERE id LIKE "
			      "'ON-_'"), 0);
	/* the same file without the bad row: the child before its parent */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(f, "id,level,parent_id,name_en\n"
		"ON-a,region,ON-b,A\nON-b,region,ON,B\n", (size_t)-1), 0);
	CU_ASSERT_EQUAL(refdata_load(db, REF_REGIONS, f, NULL, &err), 0);
	CU_ASSERT_EQUAL(count("SELECT depth FROM region_ancestors WHERE "
			      "region_id = 'ON-a' AND ancestor_id = 'CA'"), 3);
}

static void test_categories_keep_names(void)
{
	const char *f = tu_path("cats_ids.csv");

	CU_ASSERT_EQUAL_FATAL(tu_write_file(f, "id\nfood\nbasic_needs\n",
					    (size_t)-1), 0);
	CU_ASSERT_EQUAL(refdata_load(db, REF_CATEGORIES, f, NULL, &err), 0);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM categories WHERE id = "
			      "'food' AND name_en = 'Food/Meals' AND name_fr = "
			      "'Nourriture et repas' AND sort = 3"), 1);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM categories WHERE id = "
			      "'basic_needs' AND name_en = 'basic_needs' AND "
			      "name_fr = 'basic_needs'"), 1);
}

static void test_map_sha(void)
{
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM map_versions WHERE "
			      "length(sha256) = 64"),
			count("SELECT count(*) FROM map_versions"));
}

static CU_TestInfo refdata_tests[] = {
	{"bad map: file, line, nothing loaded", test_bad_map},
	{"bad crosswalk, populations, terms", test_bad_files},
	{"regions: unknown parent, forward parent", test_bad_regions},
	{"categories file without names", test_categories_keep_names},
	{"map versions carry the file's SHA-256", test_map_sha},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_classify[] = {
	{"classify", setup, teardown, NULL, NULL, classify_tests},
	{"refdata", setup, teardown, NULL, NULL, refdata_tests},
	CU_SUITE_INFO_NULL,
};
