/*
 * Tests for aggdef, the one definition of each aggregate: after first
 * loads, a load that replaces contacts, appends to a contact and a
 * rebuild, every aggregate table equals its definition query
 * (aggdef_diff); the check itself sees a change in any one column of any
 * table (so it compares every column, and a tally that got one column
 * wrong would fail); the ingest's upsert names the definition's columns.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/aggdef.h"
#include "classify/reclassify.h"
#include "classify/refdata.h"
#include "core/db.h"
#include "ingest/ingest.h"
#include "testutil.h"

static sqlite3 *db;
static struct nserr err;

static int ingest(const char *name, const char *source)
{
	struct ingest_opts o;
	struct ingest_stats st;
	const char *files[1];
	char path[512];
	int rc;

	snprintf(path, sizeof path, "%s/%s", tu_source_path("fixtures/ingest"),
		 name);
	files[0] = path;
	ingest_opts_init(&o);
	o.source = source;
	o.rejects_path = tu_path("rejects.csv");
	rc = ingest_files(db, &o, files, 1, &st, &err);
	ingest_stats_release(&st);
	return rc;
}

static int setup(void)
{
	nserr_init(&err);
	remove(tu_path("aggdef.db"));
	if (db_open(tu_path("aggdef.db"), 1, NULL, &db, &err) ||
	    db_migrate(db, tu_datadir(), NULL, &err) || db_begin(db, &err) ||
	    refdata_load_bundled(db, tu_datadir(), &err) ||
	    db_commit(db, &err)) {
		fprintf(stderr, "aggdef setup: %s\n", err.msg);
		return 1;
	}
	return 0;
}

static int teardown(void)
{
	sqlite3_close(db);
	return 0;
}

static long long rows(const char *sql)
{
	long long v = -1;

	CU_ASSERT_EQUAL(db_int(db, sql, -1, &v, &err), 0);
	return v;
}

/* Every table equals its definition. */
static void expect_in_step(const char *when)
{
	int i;

	for (i = 0; i < AGGDEF_N; i++) {
		long long diff = -1;
		CU_ASSERT_EQUAL_FATAL(aggdef_diff(db, &aggdefs[i], &diff, &err),
				      0);
		if (diff != 0)
			fprintf(stderr, "%s: %s differs from its definition in "
				"%lld rows\n", when, aggdefs[i].table, diff);
		CU_ASSERT_EQUAL(diff, 0);
	}
}

static void test_loads_in_step(void)
{
	CU_ASSERT_EQUAL_FATAL(ingest("gen_seed7_2000.csv", "g"), 0);
	expect_in_step("first load");
	CU_ASSERT_EQUAL_FATAL(ingest("good.csv", "f"), 0);
	/* later.csv replaces contacts of good.csv (fewer needs, other
	 * agencies, another month) */
	CU_ASSERT_EQUAL_FATAL(ingest("later.csv", "f"), 0);
	expect_in_step("replacement");
	CU_ASSERT(rows("SELECT count(*) FROM agg_referrals") > 0);
	CU_ASSERT(rows("SELECT count(*) FROM agg_contacts WHERE "
		       "channel = '' OR age_group = ''") > 0);
	CU_ASSERT_EQUAL_FATAL(agg_rebuild(db, AGG_ALL, &err), 0);
	expect_in_step("rebuild");
}

/* The check sees a change of any one column of any table: count the
 * columns it caught. */
static void test_diff_sees_every_column(void)
{
	int i, caught = 0, columns = 0;

	for (i = 0; i < AGGDEF_N; i++) {
		const struct aggdef *d = &aggdefs[i];
		char list[256], sql[512], *col, *save = NULL;

		snprintf(list, sizeof list, "%s, %s", d->keys, d->counts);
		for (col = strtok_r(list, ", ", &save); col;
		     col = strtok_r(NULL, ", ", &save)) {
			long long diff = 0;
			columns++;
			CU_ASSERT_EQUAL_FATAL(db_exec(db, "SAVEPOINT t", &err), 0);
			/* one row (by its key: WITHOUT ROWID tables): a text
			 * column gets a suffix, a number + 10^6: no key collides) */
			snprintf(sql, sizeof sql, "UPDATE %s SET %s = iif(typeof(%s) "
				 "= 'text', %s || 'x', %s + 1000000) WHERE (%s) = (SELECT %s "
				 "FROM %s LIMIT 1)", d->table, col, col, col, col,
				 d->keys, d->keys, d->table);
			CU_ASSERT_EQUAL(db_exec(db, sql, &err), 0);
			CU_ASSERT_EQUAL(sqlite3_changes(db), 1);
			CU_ASSERT_EQUAL(aggdef_diff(db, d, &diff, &err), 0);
			caught += diff > 0;
			CU_ASSERT_EQUAL_FATAL(db_exec(db, "ROLLBACK TO t; RELEASE t",
						      &err), 0);
		}
	}
	CU_ASSERT_EQUAL(caught, columns);
	CU_ASSERT_EQUAL(columns, 7 + 6 + 8 + 5);
	expect_in_step("after the check's own changes");
}

static void test_upsert_sql(void)
{
	char buf[512];

	CU_ASSERT_EQUAL(aggdef_upsert_sql(&aggdefs[AGGDEF_NEEDS], buf,
					  sizeof buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "INSERT INTO agg_needs(month, category, "
		"region_id, status, reason, needs, referrals) VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET needs = needs + "
		"excluded.needs, referrals = referrals + excluded.referrals");
	CU_ASSERT_EQUAL(aggdef_upsert_sql(&aggdefs[AGGDEF_REFERRALS], buf, 40),
			NS_EINTERNAL);
}

static CU_TestInfo tests[] = {
	{"loads, replacement and rebuild equal the definitions",
	 test_loads_in_step},
	{"the check compares every column", test_diff_sees_every_column},
	{"the ingest's upsert names the definition's columns",
	 test_upsert_sql},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_aggdef[] = {
	{"aggdef", setup, teardown, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
