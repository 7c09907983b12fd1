/*
 * Tests for the dashboard model and site (lib/publish): one suppression
 * over the whole page (no count below the threshold in any table, the
 * count several tables show treated alike), derived figures hidden with
 * their counts, the top unmet ranking, a month with no data, refusing a
 * period that is not one month, escaping of names from the data, the
 * pages and CSV files written, and the --lazy stamp.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "classify/refdata.h"
#include "core/db.h"
#include "core/period.h"
#include "publish/dash_int.h"
#include "publish/dashboard.h"
#include "testutil.h"

/* The site's charts are drawn with cairo and pango, whose font caches
 * (fontconfig) live for the whole process: chart_shutdown() cannot free
 * them safely (see needstat-chart.c), so LeakSanitizer is told to ignore
 * what those libraries keep.  Read only by an ASan build. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\n"
	       "leak:libglib\nleak:libgobject\nleak:libharfbuzz\n"
	       "leak:libfreetype\n";
}

static sqlite3 *db;

/* October 2025 and October 2024.  Unmet needs: Manitoba's (2) and
 * utilities' (1) are small, so one more region and one more category
 * must be hidden.  The housing name carries markup. */
static const char fixture_sql[] =
	"INSERT INTO sources(id, name) VALUES (1, 't');"
	"INSERT INTO batches(id, source_id, file_name, profile, map_version,"
	" date_min, date_max, started_at) VALUES (1, 1, 'a<b>.csv',"
	" 'canonical', 1, '2024-10-01', '2025-10-31', '2025-11-01T00:00:00Z');"
	"INSERT INTO agg_needs VALUES"
	" (202510, 'housing', 'ON', 'unmet', 'no_service', 20, 0),"
	" (202510, 'housing', 'ON', 'met', '', 50, 50),"
	" (202510, 'housing', 'QC', 'unmet', 'waitlist', 3, 0),"
	" (202510, 'housing', 'QC', 'met', '', 30, 30),"
	" (202510, 'food', 'ON', 'unmet', 'cost', 2, 0),"
	" (202510, 'food', 'ON', 'met', '', 40, 40),"
	" (202510, 'food', 'QC', 'unmet', 'waitlist', 6, 0),"
	" (202510, 'food', 'QC', 'met', '', 25, 25),"
	" (202510, 'housing', 'MB', 'unmet', 'cost', 2, 0),"
	" (202510, 'utilities', 'ON', 'unmet', 'cost', 1, 0),"
	" (202510, 'utilities', 'ON', 'met', '', 9, 9),"
	" (202410, 'housing', 'ON', 'met', '', 60, 60),"
	" (202410, 'food', 'ON', 'met', '', 50, 50);"
	"INSERT INTO agg_needs_year SELECT month / 100, category, region_id,"
	" status, sum(needs), sum(referrals) FROM agg_needs GROUP BY 1, 2, 3, 4;"
	"INSERT INTO agg_contacts VALUES"
	" (202510, 'ON', 'phone', 'en', '25-34', 'woman', 70, 112),"
	" (202510, 'QC', 'chat', 'fr', '', '', 40, 64),"
	" (202410, 'ON', 'phone', 'en', '65+', 'man', 80, 110);"
	"UPDATE categories SET name_en = '<script>alert(\"x\")</script> & ''q''',"
	" name_fr = '<b>\"Logement\"</b>' WHERE id = 'housing';";

static int suite_init(void)
{
	struct nserr err;

	nserr_init(&err);
	if (db_open(tu_path("dash.db"), 1, NULL, &db, &err) ||
	    db_migrate(db, tu_datadir(), NULL, &err) || db_begin(db, &err) ||
	    refdata_load_bundled(db, tu_datadir(), &err) ||
	    db_exec(db, fixture_sql, &err) || db_commit(db, &err)) {
		fprintf(stderr, "dashboard suite: %s\n", err.msg);
		return 1;
	}
	return 0;
}

static int suite_clean(void)
{
	sqlite3_close(db);
	return 0;
}

static int build(const char *month, int min_cell, struct dashboard *d,
		 struct nserr *err)
{
	struct report_opts o;

	report_opts_init(&o);
	o.min_cell = min_cell;
	o.generated_at = "2025-11-02T00:00:00Z";
	nserr_init(err);
	if (period_parse_month(month, &o.period, err))
		return err->code;
	dashboard_init(d);
	return dashboard_build(db, tu_source_path("reports"), &o, d, err);
}

/* value: the count of column name in the row whose first column is key
 * (English), -1 when hidden, -2 when there is no such row. */
static long long value(const struct table *t, const char *key,
		       const char *name)
{
	int c = table_col_find(t, name);
	size_t r;

	for (r = 0; c >= 0 && r < table_nrows(t); r++)
		if (!key || strcmp(table_get_text(t, r, 0, NS_EN), key) == 0)
			return table_is_null(t, r, (size_t)c) ? -1
			       : (long long)table_cell(t, r, (size_t)c)->v.i;
	return -2;
}

static void test_one_set(void)
{
	struct dashboard d;
	struct nserr err;
	size_t ti, r, c, hidden = 0;

	CU_ASSERT_EQUAL_FATAL(build("2025-10", 5, &d, &err), 0);
	CU_ASSERT_EQUAL(d.empty, 0);
	/* no visible count below 5 in any table */
	for (ti = 0; ti < DASH_NTABLES; ti++)
		for (r = 0; r < table_nrows(&d.t[ti]); r++)
			for (c = 0; c < table_ncols(&d.t[ti]); c++) {
				const struct table_col *col = table_col(&d.t[ti], c);

				if (col->type != COL_INT ||
				    !(col->flags & COLF_COUNT))
					continue;
				if (table_flags(&d.t[ti], r, c) & CELL_SUPPRESSED) {
					hidden++;
					continue;
				}
				CU_ASSERT(table_is_null(&d.t[ti], r, c) ||
					  table_cell(&d.t[ti], r, c)->v.i >= 5);
			}
	CU_ASSERT(hidden >= 4);
	CU_ASSERT(d.nhidden >= 4 && d.ncells > d.nhidden);
	/* unmet by region: Manitoba 2 is <5, so Quebec (9, the smallest
	 * other member of the regions' total) is hidden too */
	CU_ASSERT_EQUAL(value(&d.t[DASH_REGION], "Manitoba", "unmet"), -1);
	CU_ASSERT_EQUAL(value(&d.t[DASH_REGION], "Quebec", "unmet"), -1);
	CU_ASSERT_EQUAL(value(&d.t[DASH_REGION], "Ontario", "unmet"), 23);
	/* by category: utilities 1 is <5, food (8) hidden with it */
	CU_ASSERT_EQUAL(value(&d.t[DASH_STATUS], "Utility Assistance",
			      "unmet"), -1);
	CU_ASSERT_EQUAL(value(&d.t[DASH_STATUS], "Food/Meals", "unmet"), -1);
	/* one total of unmet needs, in three tables, treated alike */
	CU_ASSERT_EQUAL(value(&d.t[DASH_HEADLINE], NULL, "unmet"), 34);
	CU_ASSERT_EQUAL(value(&d.t[DASH_STATUS], "All categories", "unmet"),
			34);
	CU_ASSERT_EQUAL(value(&d.t[DASH_REGION], "All regions", "unmet"), 34);
	CU_ASSERT_EQUAL(value(&d.t[DASH_HEADLINE], NULL, "contacts"), 110);
	CU_ASSERT_EQUAL(value(&d.t[DASH_HEADLINE], NULL, "needs"), 188);
	CU_ASSERT_EQUAL(value(&d.t[DASH_HEADLINE], NULL, "needs_prev"), 110);
	/* a rate is hidden with its count */
	{
		const struct table *t = &d.t[DASH_REGION];

		for (r = 0; r < table_nrows(t); r++)
			CU_ASSERT_EQUAL(table_is_null(t, r, 1),
					table_is_null(t, r, (size_t)
					table_col_find(t, "rate")));
	}
	/* every hidden unmet count takes its share with it */
	for (r = 0; r < table_nrows(&d.t[DASH_STATUS]); r++) {
		const struct table *t = &d.t[DASH_STATUS];
		int un = table_col_find(t, "unmet"),
		    sh = table_col_find(t, "unmet_share");

		if (table_flags(t, r, (size_t)un) & CELL_SUPPRESSED)
			CU_ASSERT(table_flags(t, r, (size_t)sh) &
				  CELL_SUPPRESSED);
	}
	/* the top unmet needs rank only shown counts: housing alone */
	CU_ASSERT_EQUAL_FATAL(table_nrows(&d.t[DASH_TOP]), 1);
	CU_ASSERT_EQUAL(table_cell(&d.t[DASH_TOP], 0, 1)->v.i, 25);
	dashboard_release(&d);
}

static void test_no_suppression(void)
{
	struct dashboard d;
	struct nserr err;
	size_t i;
	int said = 0;

	CU_ASSERT_EQUAL_FATAL(build("2025-10", 1, &d, &err), 0);
	CU_ASSERT_EQUAL(d.nhidden, 0);
	CU_ASSERT_EQUAL(value(&d.t[DASH_REGION], "Manitoba", "unmet"), 2);
	CU_ASSERT_EQUAL(table_nrows(&d.t[DASH_TOP]), 3);
	for (i = 0; i < table_nnotes(&d.t[DASH_HEADLINE]); i++)
		said |= strstr(table_note(&d.t[DASH_HEADLINE], i, NS_EN),
			       "NOT FOR PUBLICATION") != NULL;
	CU_ASSERT(said);
	dashboard_release(&d);
}

static void test_not_a_month(void)
{
	struct dashboard d;
	struct report_opts o;
	struct nserr err;

	nserr_init(&err);
	report_opts_init(&o);
	CU_ASSERT_EQUAL(period_parse_year("2025", &o.period, &err), 0);
	dashboard_init(&d);
	CU_ASSERT_EQUAL(dashboard_build(db, tu_source_path("reports"), &o, &d,
					&err), NS_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--month"));
	dashboard_release(&d);
}

static char *page(const char *dir, const char *name)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return tu_read_file(path, NULL);
}

/* point: the state of chart k's series s at category cat (English). */
static int point(const struct dashboard *d, size_t k, size_t s,
		 const char *cat, double *v)
{
	const struct chart *c = &d->chart[k][NS_EN];
	size_t i;

	for (i = 0; i < c->ncat; i++)
		if (strcmp(c->cats[i], cat) == 0) {
			*v = c->series[s].pts[i].v;
			return (int)c->series[s].pts[i].state;
		}
	return -1;
}

static void test_charts(void)
{
	struct dashboard d;
	struct nserr err;
	double v = 0;
	size_t k;

	CU_ASSERT_EQUAL_FATAL(build("2025-10", 5, &d, &err), 0);
	for (k = 0; k < DASH_NCHARTS; k++)
		CU_ASSERT(d.has_chart[k]);
	/* chart 0, unmet by category: the hidden cells are gaps, never
	 * values; the shown one is drawn; no total bar */
	CU_ASSERT_STRING_EQUAL(d.chart[0][NS_EN].title,
			       "Unmet needs by category");
	CU_ASSERT_EQUAL(point(&d, 0, 0, "Utility Assistance", &v),
			CPT_SUPPRESSED);
	CU_ASSERT_EQUAL(point(&d, 0, 0, "Food/Meals", &v), CPT_SUPPRESSED);
	/* housing, named with markup by the fixture */
	CU_ASSERT_EQUAL(point(&d, 0, 0, "<script>alert(\"x\")</script> & 'q'",
			      &v), CPT_VALUE);
	CU_ASSERT_DOUBLE_EQUAL(v, 25, 1e-9);
	CU_ASSERT_EQUAL(point(&d, 0, 0, "All categories", &v), -1);
	CU_ASSERT(d.chart[0][NS_EN].gaps >= 2);
	/* chart 2, unmet by region: Manitoba and Quebec are gaps */
	CU_ASSERT_EQUAL(point(&d, 2, 0, "Manitoba", &v), CPT_SUPPRESSED);
	CU_ASSERT_EQUAL(point(&d, 2, 0, "Quebec", &v), CPT_SUPPRESSED);
	CU_ASSERT_STRING_EQUAL(d.chart[1][NS_FR].title, "Besoins et besoins "
			       "non combl\xc3\xa9s par cat\xc3\xa9gorie");
	{
		char alt[512];

		/* the message says the largest shown, never a hidden one */
		dash_chart_alt(&d.chart[0][NS_EN], NS_EN, alt, sizeof alt);
		CU_ASSERT_PTR_NOT_NULL(strstr(alt, "Largest: <script>"));
		CU_ASSERT_PTR_NOT_NULL(strstr(alt, "Unmet 25."));
		CU_ASSERT_PTR_NULL(strstr(alt, "Utility"));
	}
	dashboard_release(&d);
}

static void test_site_escaped(void)
{
	struct dashboard d;
	struct nserr err;
	const char *dir = tu_path("site");
	char *en, *fr, *csv;

	CU_ASSERT_EQUAL_FATAL(build("2025-10", 5, &d, &err), 0);
	{
		char cmd[1100];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
		CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
	}
	CU_ASSERT_EQUAL_FATAL(dashboard_write(&d, dir, 3u, &err), 0);
	en = page(dir, "en/index.html");
	fr = page(dir, "fr/index.html");
	csv = page(dir, "csv/status.en.csv");
	CU_ASSERT_PTR_NOT_NULL_FATAL(en);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
	/* no markup from the data gets through, in text or attributes */
	CU_ASSERT_PTR_NULL(strstr(en, "<script"));
	CU_ASSERT_PTR_NULL(strstr(fr, "<b>"));
	CU_ASSERT_PTR_NULL(strstr(en, "a<b>.csv"));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "&lt;script&gt;alert(&quot;x&quot;)"
				      "&lt;/script&gt; &amp; &#39;q&#39;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fr, "&lt;b&gt;&quot;Logement&quot;"));
	/* the languages link to each other; the page has its parts */
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "href=\"../fr/index.html\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(fr, "href=\"../en/index.html\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "<html lang=\"en\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fr, "<html lang=\"fr\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "<th scope=\"col\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "href=\"../csv/region.en.csv\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(fr, "octobre 2025"));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "<img src=\"charts/unmet_by_category"
				      ".svg\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(fr, "<figcaption>"));
	/* the alt text of a chart escapes the names it says */
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "Largest: &lt;script&gt;alert("));
	/* the CSV quotes the name as data, unchanged */
	CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\"<script>alert(\"\"x\"\")"
				      "</script> & 'q'\""));
	free(en);
	free(fr);
	free(csv);
	/* no language */
	CU_ASSERT_EQUAL(dashboard_write(&d, dir, 0u, &err), NS_EUSAGE);
	dashboard_release(&d);
}

static void test_empty_month(void)
{
	struct dashboard d;
	struct nserr err;
	const char *dir = tu_path("empty");
	char cmd[1100], *en;

	CU_ASSERT_EQUAL_FATAL(build("2020-01", 5, &d, &err), 0);
	CU_ASSERT_EQUAL(d.empty, 1);
	CU_ASSERT_EQUAL(d.has_chart[0] + d.has_chart[3], 0);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
	CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
	CU_ASSERT_EQUAL_FATAL(dashboard_write(&d, dir, 1u << NS_EN, &err), 0);
	en = page(dir, "en/index.html");
	CU_ASSERT_PTR_NOT_NULL_FATAL(en);
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "No data for this month"));
	CU_ASSERT_PTR_NULL(strstr(en, "fr/index.html"));
	free(en);
	dashboard_release(&d);
}

static void test_stamp(void)
{
	struct report_opts o;
	struct nserr err;
	char a[512], b[512], c[512];

	nserr_init(&err);
	report_opts_init(&o);
	CU_ASSERT_EQUAL(period_parse_month("2025-10", &o.period, &err), 0);
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 3u,
					a, sizeof a, &err), 0);
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 3u,
					b, sizeof b, &err), 0);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO batches(id, source_id,"
		" file_name, profile, started_at) VALUES (2, 1, 'b.csv',"
		" 'canonical', '2025-11-02T00:00:00Z')", &err), 0);
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 3u,
					c, sizeof c, &err), 0);
	CU_ASSERT_STRING_NOT_EQUAL(a, c);
	/* another threshold or set of languages is another dashboard */
	o.min_cell = 10;
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 3u,
					b, sizeof b, &err), 0);
	CU_ASSERT_STRING_NOT_EQUAL(b, c);
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 1u,
					a, sizeof a, &err), 0);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	CU_ASSERT_EQUAL(dashboard_stamp(db, tu_source_path("reports"), &o, 3u,
					a, 8, &err), NS_EINTERNAL);
	CU_ASSERT_EQUAL(db_exec(db, "DELETE FROM batches WHERE id = 2", &err),
			0);
}

static CU_TestInfo tests[] = {
	{ "one suppression over the page", test_one_set },
	{ "min-cell 1: nothing hidden, not for publication",
	  test_no_suppression },
	{ "a period that is not one month", test_not_a_month },
	{ "charts of the suppressed tables", test_charts },
	{ "site written, data escaped", test_site_escaped },
	{ "a month with no data", test_empty_month },
	{ "lazy stamp", test_stamp },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo suite_dashboard[] = {
	{ "dashboard", suite_init, suite_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL
};
