/*
 * Tests for the report engine: the metadata parser (fields, continuation
 * lines, the interval columns it adds, errors with file and line), binding
 * (built-in and declared parameters, never pasted), refusals (writes, two
 * statements, unknown parameters), statistics plumbing, notes in both
 * languages, empty periods, the bundled reports.  Suppression:
 * test_report_supp.c.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "core/db.h"
#include "classify/refdata.h"
#include "report/report.h"
#include "report/stats.h"
#include "testutil.h"

static sqlite3 *db;

/* A small database: bundled reference data, one batch, known aggregates. */
static const char fixture_sql[] =
	"INSERT INTO sources(id, name) VALUES (1, 't');"
	"INSERT INTO batches(id, source_id, file_name, profile, map_version,"
	" date_min, date_max, started_at) VALUES (1, 1, '/in/a.csv',"
	" 'canonical', 1, '2023-04-01', '2025-03-31', '2025-04-01T00:00:00Z');"
	"INSERT INTO agg_needs VALUES"
	" (202404, 'housing', 'ON', 'unmet', 'no_service', 10, 0),"
	" (202404, 'housing', 'ON', 'met', '', 30, 30),"
	" (202405, 'food', 'QC', 'unmet', 'waitlist', 3, 0),"
	" (202405, 'food', 'QC', 'met', '', 7, 9),"
	" (202304, 'housing', 'ON', 'met', '', 20, 20);"
	"INSERT INTO agg_contacts VALUES"
	" (202404, 'ON', 'phone', 'en', '25-34', 'woman', 25, 40),"
	" (202405, 'QC', 'chat', 'fr', '', '', 8, 10),"
	" (202304, 'ON', 'phone', 'en', '65+', 'man', 20, 20);";

static int suite_init(void)
{
	struct nserr err;

	return tu_db_init("report.db", fixture_sql, &db, &err) ? 1 : 0;
}

static int suite_clean(void)
{
	sqlite3_close(db);
	return 0;
}

static const char t1[] =
	"-- A test report.  This line is free text.\n"
	"-- id: t1\n"
	"-- order: 5\n"
	"-- title: Unmet share by category\n"
	"-- title.fr: Part non combl\xc3\xa9" "e par cat\xc3\xa9gorie\n"
	"-- about: One line\n"
	"--     continued here.\n"
	"-- param: min_needs int 0 | smallest category | plus petite\n"
	"-- param: label text | a text | un texte\n"
	"-- column: category text | Category | Cat\xc3\xa9gorie\n"
	"-- column: unmet int | Unmet | Non combl\xc3\xa9s\n"
	"-- column: needs int | Needs | Besoins\n"
	"-- column: share share decimals=2 | Share | Part\n"
	"-- column: echo text measure | Echo | \xc3\x89" "cho\n"
	"-- wilson: share = unmet / needs\n"
	"-- chart: bar category unmet needs\n"
	"-- note: A static note. | not split\n"
	"-- note.fr: Une note fixe.\n"
	"\n"
	"SELECT k.name_en AS category, k.name_fr AS category_fr,\n"
	"  sum(CASE WHEN status = 'unmet' THEN needs ELSE 0 END) AS unmet,\n"
	"  sum(needs) AS needs, :label AS echo\n"
	"FROM agg_needs a JOIN categories k ON k.id = a.category\n"
	"WHERE month BETWEEN :from AND :to\n"
	"GROUP BY a.category HAVING sum(needs) >= :min_needs ORDER BY k.sort;\n";

static void test_parse(void)
{
	struct report r;
	struct nserr err;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL_FATAL(report_parse(&r, "t1.sql", t1, &err), 0);
	CU_ASSERT_STRING_EQUAL(r.id, "t1");
	CU_ASSERT_EQUAL(r.order, 5);
	CU_ASSERT_STRING_EQUAL(r.title[NS_FR], "Part non combl\xc3\xa9" "e par "
			       "cat\xc3\xa9gorie");
	CU_ASSERT_STRING_EQUAL(r.about[NS_EN], "One line continued here.");
	CU_ASSERT_EQUAL(r.nparams, 2);
	CU_ASSERT_STRING_EQUAL(r.params[0].def, "0");
	CU_ASSERT_EQUAL(r.params[0].type, RP_INT);
	CU_ASSERT_STRING_EQUAL(r.params[0].about[NS_FR], "plus petite");
	CU_ASSERT_PTR_NULL(r.params[1].def);
	/* the Wilson interval bounds follow their share */
	CU_ASSERT_EQUAL_FATAL(r.ncols, 7);
	CU_ASSERT_STRING_EQUAL(r.cols[3].name, "share");
	CU_ASSERT_STRING_EQUAL(r.cols[4].name, "share_lo");
	CU_ASSERT_STRING_EQUAL(r.cols[5].name, "share_hi");
	CU_ASSERT_STRING_EQUAL(r.cols[6].name, "echo");
	CU_ASSERT_EQUAL(r.cols[4].type, COL_SHARE);
	CU_ASSERT_EQUAL(r.cols[4].decimals, 2);
	CU_ASSERT_STRING_EQUAL(r.cols[1].label[NS_FR], "Non combl\xc3\xa9s");
	CU_ASSERT_EQUAL(r.cols[0].flags, COLF_KEY);
	CU_ASSERT_EQUAL(r.cols[1].flags, COLF_COUNT);
	CU_ASSERT_EQUAL(r.cols[6].flags, 0u);
	CU_ASSERT_EQUAL(r.chart, CHART_BAR);
	CU_ASSERT_EQUAL(r.chart_ny, 2);
	CU_ASSERT_STRING_EQUAL(r.notes[0].text[NS_EN], "A static note. | not "
			       "split");
	CU_ASSERT_STRING_EQUAL(r.notes[0].text[NS_FR], "Une note fixe.");
	report_release(&r);
	CU_ASSERT_PTR_NULL(r.id);
}

static void expect_error(const char *text, const char *msg)
{
	struct report r;
	struct nserr err;

	nserr_init(&err);
	report_init(&r);
	CU_ASSERT_EQUAL(report_parse(&r, "bad.sql", text, &err), NS_ECONFIG);
	if (!strstr(err.msg, msg)) {
		fprintf(stderr, "\nwant '%s' in '%s'\n", msg, err.msg);
		CU_FAIL("error message");
	}
	CU_ASSERT_PTR_NULL(r.id);
}

#define HEAD "-- id: x\n-- title: X\n"

static void test_parse_errors(void)
{
	expect_error(HEAD "-- colum: a int\nSELECT 1",
		     "bad.sql:3: unknown metadata key 'colum'");
	expect_error("-- title: X\n-- column: a int\nSELECT 1",
		     "bad.sql:1: the metadata block needs at least 'id:'");
	expect_error("-- id: Bad-Id\n", "bad.sql:1: id 'Bad-Id' is not");
	expect_error(HEAD "-- column: a inte\n", "bad.sql:3: column 'a': type "
		     "'inte' is not");
	expect_error(HEAD "-- column: a int colour=red\n", "unknown option "
		     "'colour=red'");
	expect_error(HEAD "-- column: a int\n-- column: a real\n",
		     "bad.sql:4: column 'a' declared twice");
	expect_error(HEAD "-- column: a int\n-- column: s int\n"
		     "-- wilson: s = a / b\n", "bad.sql:5: wilson: column 's' "
		     "must have type share");
	expect_error(HEAD "-- column: a int\n-- column: r rate\n"
		     "-- rate: r = a b\n", "bad.sql:5: rate: expected '/'");
	expect_error(HEAD "-- column: a int\n-- column: b int\n"
		     "-- suppress: a\n-- sum: a = b\n", "bad.sql:6: sum: 'b' is "
		     "not listed in 'suppress:'");
	expect_error(HEAD "-- param: from int 1\n", "built-in parameter");
	expect_error(HEAD "-- param: n int x1\n", "param 'n': bad default");
	expect_error(HEAD "-- column: a int\n-- note.fr: sans note\n",
		     "note.fr must follow a note:");
	expect_error(HEAD "-- column: a int\n-- chart: pie a a\n",
		     "chart: unknown type 'pie'");
	expect_error(HEAD "-- column: a int\n-- matrix: a x b\n",
		     "matrix: column 'a' must have type text");
}

static int load_text(struct report *r, const char *name, const char *text)
{
	struct nserr err;

	nserr_init(&err);
	report_init(r);
	return report_parse(r, name, text, &err);
}

static int run(const char *text, const struct report_opts *o,
	       struct table *t, struct nserr *err)
{
	struct report r;
	int rc;

	if (load_text(&r, "run.sql", text) != 0)
		return -100;
	table_init(t);
	nserr_init(err);
	rc = report_run(db, &r, o, t, err);
	report_release(&r);
	return rc;
}

static void fy2024(struct report_opts *o)
{
	report_opts_init(o);
	o->period.from = 202404;
	o->period.to = 202503;
	o->generated_at = "2025-05-01T00:00:00Z";
}

static int has_note(const struct table *t, int lang, const char *s)
{
	size_t i;

	for (i = 0; i < table_nnotes(t); i++)
		if (strstr(table_note(t, i, lang), s))
			return 1;
	return 0;
}

static void test_run_wilson_and_notes(void)
{
	struct report_opts o;
	struct table t;
	struct nserr err;
	struct stats_interval w;

	fy2024(&o);
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT_EQUAL_FATAL(table_nrows(&t), 2);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_EN), "Housing");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_FR), "Logement");
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 1), 10);
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 2), 40);
	/* 10/40: Wilson 95% [0.141871186391, 0.401939614208] (the score
	 * formula in Python with statistics.NormalDist().inv_cdf(0.975)) */
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 3), 0.25, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 4), 0.141871186391, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 5), 0.401939614208, 1e-9);
	stats_wilson(3, 10, 0.95, &w, NULL);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 1, 4), w.lo, 1e-15);
	CU_ASSERT_EQUAL(table_col(&t, 3)->lo, 4);
	CU_ASSERT_EQUAL(table_col(&t, 3)->denom, 2);
	CU_ASSERT(table_is_null(&t, 0, 6));  /* :label defaults to NULL */
	CU_ASSERT_STRING_EQUAL(table_subtitle(&t, NS_EN), "Fiscal year 2024-25");
	CU_ASSERT_STRING_EQUAL(table_subtitle(&t, NS_FR), "Exercice 2024-2025");
	CU_ASSERT(has_note(&t, NS_EN, "Period: fiscal year 2024-25 (April 2024 "
			   "to March 2025)"));
	CU_ASSERT(has_note(&t, NS_FR, "exercice 2024-2025 (d'avril 2024"));
	CU_ASSERT(has_note(&t, NS_EN, "Source: 1 batch of contact logs feeds "
			   "this period: #1 a.csv (source "));
	CU_ASSERT(has_note(&t, NS_EN, "category map version 1"));
	CU_ASSERT(has_note(&t, NS_EN, "Wilson score"));
	CU_ASSERT(has_note(&t, NS_FR, "Wilson \xc3\xa0 95"));
	CU_ASSERT(has_note(&t, NS_EN, "Suppression: none"));
	CU_ASSERT(has_note(&t, NS_FR, "Une note fixe."));
	CU_ASSERT_STRING_EQUAL(table_meta_get(&t, "period_to"), "2025-03-31");
	CU_ASSERT_STRING_EQUAL(table_meta_get(&t, "generated_at"),
			       "2025-05-01T00:00:00Z");
	CU_ASSERT_EQUAL(table_chart(&t)->type, CHART_BAR);
	table_release(&t);
}

static void test_params(void)
{
	static const char *const n1[] = { "min_needs", "label" };
	static const char *const v1[] = { "20", "x' OR '1'='1" };
	static const char *const nbad[] = { "nope" };
	static const char *const vbad[] = { "abc" };
	struct report_opts o;
	struct table t;
	struct nserr err;

	fy2024(&o);
	o.pnames = n1;
	o.pvalues = v1;
	o.nparams = 2;
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT_EQUAL(table_nrows(&t), 1);
	/* a text parameter is bound, so quotes stay data */
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 6, NS_EN),
			       "x' OR '1'='1");
	table_release(&t);
	o.nparams = 1;
	o.pvalues = vbad;
	CU_ASSERT_EQUAL(run(t1, &o, &t, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "parameter 'min_needs': 'abc' is not "
			       "an integer");
	table_release(&t);
	o.pnames = nbad;
	CU_ASSERT_EQUAL(run(t1, &o, &t, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "report 't1' has no parameter 'nope' "
			       "(parameters: min_needs, label)");
	table_release(&t);
}

static void expect_run_error(const char *sql, int code, const char *msg)
{
	char text[2048];
	struct report_opts o;
	struct table t;
	struct nserr err;

	snprintf(text, sizeof text, HEAD "-- column: a int\n%s", sql);
	fy2024(&o);
	CU_ASSERT_EQUAL(run(text, &o, &t, &err), code);
	if (!strstr(err.msg, msg)) {
		fprintf(stderr, "\nwant '%s' in '%s'\n", msg, err.msg);
		CU_FAIL("error message");
	}
	table_release(&t);
}

static void test_refusals(void)
{
	long long n = 0;
	struct nserr err;

	expect_run_error("DELETE FROM regions", NS_ECONFIG,
			 "the query would change the database");
	expect_run_error("SELECT 1 AS a; DELETE FROM regions", NS_ECONFIG,
			 "the query holds more than one statement");
	expect_run_error("SELECT :nope AS a", NS_ECONFIG, "parameter ':nope' is "
			 "neither built in nor declared");
	expect_run_error("SELECT ? AS a", NS_ECONFIG, "has no name");
	expect_run_error("SELEC 1 AS a", NS_ECONFIG, "cannot prepare the query "
			 "of 'run.sql'");
	expect_run_error("SELECT 1 AS b", NS_ECONFIG, "column 'a' is declared "
			 "but the query does not return it");
	expect_run_error("SELECT 'x' AS a", NS_ECONFIG, "column 'a', row 1: "
			 "'x' is not a int");
	nserr_init(&err);
	CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM regions", 0, &n,
			       &err), 0);
	CU_ASSERT(n > 60);
}

static void test_filters(void)
{
	struct report_opts o;
	struct nserr err;

	report_opts_init(&o);
	nserr_init(&err);
	o.region = "ON";
	o.category = "housing";
	CU_ASSERT_EQUAL(report_check_filters(db, &o, &err), 0);
	o.region = "Ontario' OR 1=1 --";
	CU_ASSERT_EQUAL(report_check_filters(db, &o, &err), NS_EUSAGE);
	CU_ASSERT(strncmp(err.msg, "unknown region 'Ontario' OR 1=1 --' "
			  "(valid: CA, US, ", 50) == 0);
	o.region = NULL;
	o.category = "Housing";
	CU_ASSERT_EQUAL(report_check_filters(db, &o, &err), NS_EUSAGE);
	CU_ASSERT(strncmp(err.msg, "unknown category 'Housing' (valid: "
			  "housing, utilities, food, ", 60) == 0);
}

static void test_empty_period(void)
{
	struct report_opts o;
	struct table t;
	struct nserr err;

	fy2024(&o);
	o.period.from = o.period.to = 203004;
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT_EQUAL(table_nrows(&t), 0);
	CU_ASSERT_EQUAL(table_ncols(&t), 7);
	CU_ASSERT(has_note(&t, NS_EN, "No data for April 2030."));
	CU_ASSERT(has_note(&t, NS_FR, "Aucune donn\xc3\xa9" "e pour avril 2030."));
	table_release(&t);
	/* open ends come from the data: April 2023 to May 2024 */
	report_opts_init(&o);
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT_STRING_EQUAL(table_meta_get(&t, "period_from"), "2023-04-01");
	CU_ASSERT_STRING_EQUAL(table_meta_get(&t, "period_to"), "2024-05-31");
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 2), 60);
	table_release(&t);
}

static const char t_rate[] =
	"-- id: rates\n-- title: Rates\n"
	"-- column: region text | Region | R\xc3\xa9gion\n"
	"-- column: needs int\n-- column: prev int\n"
	"-- column: population int | Population\n"
	"-- column: rate rate decimals=3 | Rate | Taux\n"
	"-- column: change share | Change | Variation\n"
	"-- column: sig text measure\n"
	"-- population: population = region_id\n"
	"-- rate: rate = needs / population\n"
	"-- yoy: change = needs / prev flag=sig\n"
	"SELECT g.name_en AS region, g.id AS region_id,\n"
	"  sum(CASE WHEN month >= :from THEN needs ELSE 0 END) AS needs,\n"
	"  sum(CASE WHEN month <= :prev_to THEN needs ELSE 0 END) AS prev\n"
	"FROM agg_needs a JOIN regions g ON g.id = a.region_id\n"
	"WHERE month BETWEEN :prev_from AND :to GROUP BY g.id ORDER BY g.id;\n";

static void test_rates_and_yoy(void)
{
	struct report_opts o;
	struct table t;
	struct nserr err;
	struct stats_interval iv;
	struct stats_ratio q;

	fy2024(&o);
	CU_ASSERT_EQUAL_FATAL(run(t_rate, &o, &t, &err), 0);
	CU_ASSERT_EQUAL_FATAL(table_nrows(&t), 2);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_EN), "Ontario");
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 3), 14223942);
	/* 40 needs in Ontario (2021 population): Garwood 95% */
	stats_rate(40, 14223942, 10000, 0.95, &iv, NULL);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 4), 40 / 1422.3942, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 5), iv.lo, 1e-15);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 6), iv.hi, 1e-15);
	CU_ASSERT_STRING_EQUAL(table_col_unit(&t, 4, NS_EN), "per 10,000");
	/* 40 vs 20 a year earlier: +100%, exact interval excludes 1 */
	stats_rate_ratio(40, 1, 20, 1, 0.95, &q, NULL);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 7), 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(table_get_real(&t, 0, 8), q.lo - 1, 1e-12);
	CU_ASSERT(table_flags(&t, 0, 7) & CELL_SIGNIFICANT);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 10, NS_FR), "oui");
	/* Quebec: 10 vs 0: ratio infinite -> no change shown, no flag */
	CU_ASSERT(table_is_null(&t, 1, 7));
	CU_ASSERT(has_note(&t, NS_EN, "Population: 2021 (Statistics Canada, "
			   "2021 Census of Population), the latest year "
			   "available up to 2024"));
	CU_ASSERT(has_note(&t, NS_EN, "exact Poisson (Garwood)"));
	CU_ASSERT(has_note(&t, NS_EN, "Year-over-year") ||
		  has_note(&t, NS_EN, "year-over-year change"));
	CU_ASSERT(has_note(&t, NS_FR, "*" "\xc2\xa0" ": changement"));
	table_release(&t);
}

/* A note is printed only when it is true: "No data" only without data,
 * "No row" when data there is but the report selects none, population
 * and method notes only when a population or a statistic is used, the
 * months no batch covers named, the batches with their dates. */
static void test_notes_true(void)
{
	static const char *const n1[] = { "min_needs" };
	static const char *const v1[] = { "1000" };
	struct report_opts o;
	struct table t;
	struct nserr err;

	/* rows: population, rates and changes used; no "No data" */
	fy2024(&o);
	CU_ASSERT_EQUAL_FATAL(run(t_rate, &o, &t, &err), 0);
	CU_ASSERT(table_nrows(&t) > 0);
	CU_ASSERT(has_note(&t, NS_EN, "Population: 2021"));
	CU_ASSERT(has_note(&t, NS_EN, "Garwood"));
	CU_ASSERT(!has_note(&t, NS_EN, "No data"));
	CU_ASSERT(!has_note(&t, NS_EN, "No row"));
	CU_ASSERT(has_note(&t, NS_EN, "Source: 1 batch of contact logs feeds "
			   "this period: #1 a.csv (source t, April 2023 to "
			   "March 2025)."));
	CU_ASSERT(has_note(&t, NS_FR, "n\xc2\xb0\xc2\xa0" "1 a.csv (source t, "
			   "d'avril 2023 \xc3\xa0 mars 2025)"));
	CU_ASSERT(!has_note(&t, NS_EN, "no loaded batch covers"));
	table_release(&t);
	/* no data at all: "No data", no population, no method */
	o.period.from = o.period.to = 203004;
	CU_ASSERT_EQUAL_FATAL(run(t_rate, &o, &t, &err), 0);
	CU_ASSERT(has_note(&t, NS_EN, "No data for April 2030."));
	CU_ASSERT(!has_note(&t, NS_EN, "Population"));
	CU_ASSERT(!has_note(&t, NS_EN, "Method"));
	table_release(&t);
	/* data, but none the report selects: not "No data" */
	fy2024(&o);
	o.pnames = n1;
	o.pvalues = v1;
	o.nparams = 1;
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT_EQUAL(table_nrows(&t), 0);
	CU_ASSERT(!has_note(&t, NS_EN, "No data"));
	CU_ASSERT(has_note(&t, NS_EN, "No row for fiscal year 2024-25: no "
			   "contact or need of the period matches"));
	CU_ASSERT(has_note(&t, NS_FR, "Aucune ligne pour exercice 2024-2025"));
	CU_ASSERT(!has_note(&t, NS_EN, "Wilson"));
	table_release(&t);
	o.nparams = 0;
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT(has_note(&t, NS_EN, "Method: shares with a 95% Wilson"));
	table_release(&t);
	/* months after the batch's last date: named, and in the meta */
	o.period.to = 202506;
	CU_ASSERT_EQUAL_FATAL(run(t1, &o, &t, &err), 0);
	CU_ASSERT(has_note(&t, NS_EN, "No data for April 2025, May 2025, June "
			   "2025: no loaded batch covers these months"));
	CU_ASSERT(has_note(&t, NS_FR, "Aucune donn\xc3\xa9" "e pour avril 2025, "
			   "mai 2025, juin 2025"));
	CU_ASSERT(table_meta_get(&t, "months_no_data") &&
		  strcmp(table_meta_get(&t, "months_no_data"),
			 "2025-04,2025-05,2025-06") == 0);
	table_release(&t);
}

/* The helpers na and NAME_na mark the NULL cells the data cannot give:
 * flags, display in both languages, no statistic; a bad value is a
 * configuration error naming the column. */
static void test_na_markers(void)
{
	static const char t_na[] =
		"-- id: na\n-- title: NA\n"
		"-- column: category text\n-- column: unmet int\n"
		"-- column: needs int\n-- column: share share\n"
		"-- wilson: share = unmet / needs\n"
		"SELECT 'a' AS category, NULL AS unmet, 4 AS needs,\n"
		"  'not_recorded' AS na\n"
		"UNION ALL SELECT 'b', NULL, NULL, 'no_data'\n"
		"UNION ALL SELECT 'c', NULL, 3, ''\n"
		"UNION ALL SELECT 'd', 1, NULL, NULL;\n";
	static const char t_bad[] =
		"-- id: bad\n-- title: Bad\n"
		"-- column: unmet int\n"
		"SELECT NULL AS unmet, 'maybe' AS unmet_na;\n";
	struct report_opts o;
	struct table t;
	struct nserr err;
	char buf[NF_BUFSZ];

	fy2024(&o);
	CU_ASSERT_EQUAL_FATAL(run(t_na, &o, &t, &err), 0);
	CU_ASSERT(table_flags(&t, 0, 1) & CELL_NOT_RECORDED);
	CU_ASSERT(!(table_flags(&t, 0, 2) & CELL_NOT_RECORDED));
	CU_ASSERT(table_is_null(&t, 0, 3));     /* no share from it */
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 0, 1, NS_EN, NF_TEXT,
			       buf, sizeof buf), "not recorded");
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 0, 1, NS_FR, NF_TEXT,
			       buf, sizeof buf), "non consign\xc3\xa9");
	CU_ASSERT(table_flags(&t, 1, 1) & CELL_NO_DATA);
	CU_ASSERT(table_flags(&t, 1, 2) & CELL_NO_DATA);
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 1, 2, NS_FR, NF_TEXT,
			       buf, sizeof buf), "aucune donn\xc3\xa9" "e");
	CU_ASSERT_EQUAL(table_flags(&t, 2, 1), 0);  /* '': a plain NULL */
	CU_ASSERT_EQUAL(table_flags(&t, 3, 2), 0);
	CU_ASSERT(has_note(&t, NS_EN, "not recorded: the contact logs"));
	CU_ASSERT(has_note(&t, NS_EN, "no data: no loaded batch"));
	table_release(&t);
	CU_ASSERT_EQUAL(run(t_bad, &o, &t, &err), NS_ECONFIG);
	CU_ASSERT(strstr(err.msg, "column 'unmet_na': 'maybe' is neither "
			 "'not_recorded' nor 'no_data'") != NULL);
	table_release(&t);
}

static void test_bundled_list(void)
{
	static const char *const ids[] = { "volume", "needs_status",
		"funders_unmet", "caller_profile", "referrals_top", "territory",
		"trends", "data_quality", "gaps" };
	struct report *list, r;
	struct report_opts o;
	struct table t;
	struct nserr err;
	size_t n, i;
	int rc;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(report_list(tu_source_path("reports"), &list, &n,
					  &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 9);
	for (i = 0; i < n; i++) {
		CU_ASSERT_STRING_EQUAL(list[i].id, ids[i]);
		CU_ASSERT_PTR_NOT_NULL(list[i].title[NS_FR]);
		fy2024(&o);
		table_init(&t);
		rc = report_run(db, &list[i], &o, &t, &err);
		if (rc)
			fprintf(stderr, "\n%s: %s\n", list[i].id, err.msg);
		CU_ASSERT_EQUAL(rc, 0);
		/* no referrals in this database */
		CU_ASSERT(table_nrows(&t) > 0 || i == 4);
		CU_ASSERT(table_ncols(&t) >= 4);
		table_release(&t);
	}
	report_list_free(list, n);
	report_init(&r);
	CU_ASSERT_EQUAL(report_find(tu_source_path("reports"), "../etc",
				    &r, &err), NS_EUSAGE);
	CU_ASSERT(strstr(err.msg, "(valid: volume, needs_status, ") != NULL);
	CU_ASSERT_EQUAL(report_find(tu_source_path("reports"), "gaps", &r,
				    &err), 0);
	report_release(&r);
}

static CU_TestInfo tests[] = {
	{"parse metadata", test_parse},
	{"metadata errors name file and line", test_parse_errors},
	{"run: Wilson, notes en/fr, meta", test_run_wilson_and_notes},
	{"parameters are bound", test_params},
	{"refused queries", test_refusals},
	{"region and category filters", test_filters},
	{"empty and open periods", test_empty_period},
	{"population, rates, year over year", test_rates_and_yoy},
	{"notes only when true; coverage", test_notes_true},
	{"not recorded and no data markers", test_na_markers},
	{"bundled reports", test_bundled_list},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_report[] = {
	{"report", suite_init, suite_clean, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
