/*
 * Tests for reclassify: agg_rebuild equals the GROUP BY of the raw tables,
 * reclassify_needs applies a new map (category and map version, given
 * categories untouched), reclassify_load_regions re-derives contacts from
 * their postal key (and is all or nothing), reclassify_unmapped lists the
 * codes left in 'other'.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "ingest/ingest.h"
#include "classify/reclassify.h"
#include "classify/refdata.h"
#include "testutil.h"

static sqlite3 *db;
static struct nserr err;

static const char *fixture(const char *name)
{
	static char buf[8][512];
	static int next;
	char *b = buf[next++ % 8];

	snprintf(b, 512, "%s/%s", tu_source_path("fixtures/classify"), name);
	return b;
}

static int ingest(const char *name)
{
	struct ingest_opts o;
	struct ingest_stats st;
	const char *files[1];
	int rc;

	files[0] = fixture(name);
	ingest_opts_init(&o);
	o.source = "s";
	o.rejects_path = tu_path("rejects.csv");
	rc = ingest_files(db, &o, files, 1, &st, &err);
	ingest_stats_release(&st);
	return rc;
}

static int setup(void)
{
	if (tu_db_init("reclassify.db", NULL, &db, &err) ||
	    ingest("contacts1.csv") || ingest("contacts2.csv")) {
		fprintf(stderr, "reclassify setup: %s\n", err.msg);
		return 1;
	}
	return 0;
}

static int teardown(void)
{
	sqlite3_close(db);
	return 0;
}

static long long count(const char *sql)
{
	long long n = -1;
	db_int(db, sql, -1, &n, &err);
	return n;
}

/* Rows that differ between the aggregates and the raw GROUP BYs. */
static long long agg_diff(void)
{
	static const char gn[] = "SELECT c.month, n.category, c.region_id, "
		"n.status, coalesce(n.reason, ''), count(*), "
		"sum(coalesce(n.referrals, 0)) FROM needs n JOIN contacts c ON "
		"c.id = n.contact_id GROUP BY 1, 2, 3, 4, 5";
	static const char gc[] = "SELECT c.month, c.region_id, "
		"coalesce(c.channel, ''), coalesce(c.language, ''), "
		"coalesce(c.age_group, ''), coalesce(c.gender, ''), count(*), "
		"coalesce(sum(x.n), 0) FROM contacts c LEFT JOIN (SELECT "
		"contact_id, count(*) AS n FROM needs GROUP BY 1) x ON "
		"x.contact_id = c.id GROUP BY 1, 2, 3, 4, 5, 6";
	char sql[2048];

	snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (SELECT * FROM "
		 "agg_needs EXCEPT %s)) + (SELECT count(*) FROM (%s EXCEPT "
		 "SELECT * FROM agg_needs)) + (SELECT count(*) FROM (SELECT * "
		 "FROM agg_contacts EXCEPT %s)) + (SELECT count(*) FROM (%s "
		 "EXCEPT SELECT * FROM agg_contacts))", gn, gn, gc, gc);
	return count(sql);
}

static void test_agg_rebuild(void)
{
	CU_ASSERT_EQUAL(agg_diff(), 0);      /* the ingest kept them in step */
	CU_ASSERT_EQUAL(db_exec(db, "UPDATE agg_needs SET needs = needs + 1;"
				"DELETE FROM agg_contacts WHERE region_id = "
				"'QC'", &err), 0);
	CU_ASSERT(agg_diff() > 0);
	CU_ASSERT_EQUAL(agg_rebuild(db, AGG_NEEDS, &err), 0);
	CU_ASSERT(agg_diff() > 0);           /* agg_contacts still short */
	CU_ASSERT_EQUAL(agg_rebuild(db, AGG_ALL, &err), 0);
	CU_ASSERT_EQUAL(agg_diff(), 0);
	CU_ASSERT_EQUAL(count("SELECT sum(needs) FROM agg_needs"), 15);
	CU_ASSERT_EQUAL(count("SELECT sum(contacts) FROM agg_contacts"), 12);
	CU_ASSERT_EQUAL(count("SELECT sum(needs) FROM agg_contacts"), 15);
	CU_ASSERT_EQUAL(count("SELECT sum(referrals) FROM agg_needs"), 15);
}

static void test_reclassify_needs(void)
{
	struct reclassify_stats st;

	CU_ASSERT_EQUAL_FATAL(refdata_load_map(db, fixture("map2.csv"),
			      fixture("categories2.csv"), NULL, NULL, &err), 0);
	/* loading a map does not touch stored needs */
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM needs WHERE category = "
			      "'shelter'"), 0);
	CU_ASSERT_EQUAL(reclassify_needs(db, &st, &err), 0);
	CU_ASSERT_EQUAL(st.map_version, 2);
	CU_ASSERT_EQUAL(st.needs, 13);
	/* BH-1800.8500 x2 -> shelter, JP-1500 x2 -> other, NL-6000 and
	 * NL-6000.2000 -> income, YF-3000 target_only -> other (map2: Y) */
	CU_ASSERT_EQUAL(st.changed, 7);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM needs WHERE category = "
			      "'shelter'"), 2);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM needs WHERE code_id IS NOT "
			      "NULL AND map_version <> 2"), 0);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM needs WHERE code_id IS NULL"
			      " AND map_version = 0 AND category IN ('health', "
			      "'food')"), 2);
	CU_ASSERT_EQUAL(count("SELECT needs FROM agg_needs WHERE category = "
			      "'shelter' AND month = 202402 AND region_id = 'ON'"
			      " AND status = 'unmet' AND reason = 'waitlist'"), 1);
	CU_ASSERT_EQUAL(agg_diff(), 0);
	CU_ASSERT_EQUAL(reclassify_needs(db, &st, &err), 0);
	CU_ASSERT_EQUAL(st.changed, 0);      /* idempotent */
	CU_ASSERT_EQUAL(agg_diff(), 0);
}

struct rows {
	char text[512];
	size_t n;
};

static int collect(void *ctx, int ncols, const char *const *vals)
{
	struct rows *r = ctx;
	int i;

	for (i = 0; i < ncols; i++)
		r->n += (size_t)snprintf(r->text + r->n, sizeof r->text - r->n,
					 "%s%s", i ? "," : "", vals[i] ? vals[i]
					 : "NULL");
	r->n += (size_t)snprintf(r->text + r->n, sizeof r->text - r->n, "\n");
	return 0;
}

static void test_unmapped(void)
{
	struct rows r;

	memset(&r, 0, sizeof r);
	CU_ASSERT_EQUAL(reclassify_unmapped(db, collect, &r, &err), 0);
	CU_ASSERT_STRING_EQUAL(r.text, "code,needs,prefix,category\n"
			       "JP-1500,2,NULL,other\nYF-3000,1,Y,other\n");
}

static void test_regions_rederived(void)
{
	struct reclassify_stats st;
	struct refdata_result res;
	long long keys = count("SELECT count(*) FROM region_keys");

	/* a crosswalk naming an unknown region: nothing changes */
	nserr_init(&err);
	CU_ASSERT_EQUAL(reclassify_load_regions(db, REF_CROSSWALK,
			fixture("crosswalk_bad.csv"), &res, &st, &err), NS_EDATA);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM region_keys"), keys);
	CU_ASSERT_EQUAL(sqlite3_get_autocommit(db), 1);
	/* regions first: nothing moves; C8 keeps the region its row gave
	 * (QC), not its FSA's */
	CU_ASSERT_EQUAL(reclassify_load_regions(db, REF_REGIONS,
			fixture("regions.csv"), &res, &st, &err), 0);
	CU_ASSERT_EQUAL(st.regions_changed, 0);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM contacts WHERE "
			      "source_contact_id = 'C8' AND region_id = 'QC' AND "
			      "province = 'QC' AND region_given = 1"), 1);
	CU_ASSERT_EQUAL(st.contacts, 12);
	CU_ASSERT_EQUAL(reclassify_load_regions(db, REF_CROSSWALK,
			fixture("crosswalk.csv"), &res, &st, &err), 0);
	CU_ASSERT_EQUAL(res.rows, 4);
	CU_ASSERT_EQUAL(st.regions_changed, 4);   /* C1 C10 K1A/K2P, C5 C12 */
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM contacts WHERE region_id = "
			      "'ON-ottawa' AND province = 'ON'"), 2);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM contacts WHERE region_id = "
			      "'US-CA-037' AND province = 'US-CA'"), 2);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM contacts WHERE region_id = "
			      "'unknown' AND province IS NULL"), 2);
	CU_ASSERT_EQUAL(agg_diff(), 0);
	CU_ASSERT_EQUAL(reclassify_regions(db, &st, &err), 0);
	CU_ASSERT_EQUAL(st.regions_changed, 0);
}

/*
 * Fail the n-th VM step, for n = 1, 2, ..., of the read that drives fn
 * (the codes or the postal keys): each failure is an error and leaves the
 * database as it was (it used to end the loop and commit a partial
 * update); without a failure fn succeeds.  Returns the failures seen.
 */
static int fault_each_step(const char *read,
			   int (*fn)(sqlite3 *, struct reclassify_stats *,
				     struct nserr *))
{
	struct reclassify_stats st;
	char *before = tu_dump(db), *after;
	int n, rc = 0, faults = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	for (n = 1; n < 100000; n++) {
		nserr_init(&err);
		tu_fault_arm(db, read, n);
		rc = fn(db, &st, &err);
		if (!tu_fault_disarm(db))
			break;
		faults++;
		if (rc == 0) {
			fprintf(stderr, "fault at step %d of '%s' ignored\n", n,
				read);
			CU_FAIL("a failed step was taken as the end of the rows");
			break;
		}
		CU_ASSERT(rc < 0 && rc != NS_EUSAGE);
		CU_ASSERT_EQUAL(sqlite3_get_autocommit(db), 1);
		after = tu_dump(db);
		CU_ASSERT_PTR_NOT_NULL_FATAL(after);
		CU_ASSERT_STRING_EQUAL(after, before);
		free(after);
	}
	free(before);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(agg_diff(), 0);
	return faults;
}

static void test_fault_reads(void)
{
	/* a map that moves needs back (the bundled one, a new version) */
	CU_ASSERT_EQUAL_FATAL(refdata_load_map(db, tu_source_path(
			      "data/category_map.csv"), NULL, NULL, NULL, &err),
			      0);
	CU_ASSERT(fault_each_step("SELECT id, service, level FROM codes",
				  reclassify_needs) > 5);
	CU_ASSERT_EQUAL(count("SELECT count(*) FROM needs WHERE category = "
			      "'shelter'"), 0);        /* applied in the end */
	CU_ASSERT(fault_each_step("SELECT DISTINCT coalesce(postal_key, '')",
				  reclassify_regions) > 5);
}

/* A write that fails mid-aggregate (a trigger aborts the third row put
 * into agg_needs by the rebuild): an error, nothing committed. */
static void test_fault_mid_aggregate(void)
{
	struct reclassify_stats st;
	char *before = tu_dump(db), *after;

	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "CREATE TEMP TRIGGER fault AFTER "
		"INSERT ON agg_needs WHEN (SELECT count(*) FROM agg_needs) > 2 "
		"BEGIN SELECT RAISE(ABORT, 'fault injected'); END", &err), 0);
	CU_ASSERT_EQUAL_FATAL(refdata_load_map(db, fixture("map2.csv"), NULL,
			      NULL, NULL, &err), 0);
	free(before);
	before = tu_dump(db);
	nserr_init(&err);
	CU_ASSERT(reclassify_needs(db, &st, &err) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "fault injected"));
	CU_ASSERT_EQUAL(db_exec(db, "DROP TRIGGER temp.fault", &err), 0);
	after = tu_dump(db);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(after);
	free(before);
	CU_ASSERT_EQUAL(reclassify_needs(db, &st, &err), 0);
	CU_ASSERT_EQUAL(st.changed, 7);   /* as test_reclassify_needs */
	CU_ASSERT_EQUAL(agg_diff(), 0);
}

static CU_TestInfo tests[] = {
	{"agg_rebuild equals the GROUP BY", test_agg_rebuild},
	{"reclassify applies the new map", test_reclassify_needs},
	{"unmapped codes", test_unmapped},
	{"crosswalk re-derives contacts", test_regions_rederived},
	{"fault: a failed read of the codes or keys", test_fault_reads},
	{"fault: a failed write mid-aggregate", test_fault_mid_aggregate},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_reclassify[] = {
	{"reclassify", setup, teardown, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
