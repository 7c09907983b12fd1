/*
 * Tests for the chart model (lib/render/chart.c): assertions on the text
 * dump (ticks, ranks, gaps, bar extents, month labels), never on pixels.
 * Covers nice ticks with grouped thousands in both languages, percent
 * axes, suppressed cells as gaps (never zero), the stack rule that hides
 * a stack with a withheld part, breaks for months without data,
 * intervals, small multiples, and bad specs naming the columns.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "core/table.h"
#include "render/chart.h"

/* dump: the dump of t's chart in lang (caller frees); NULL on error,
 * with the status in *rc and the message in err. */
static char *dump(const struct table *t, int lang, int *rc,
		  struct nserr *err)
{
	struct chart c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	nserr_init(err);
	chart_init(&c);
	*rc = chart_build(&c, t, lang, err);
	if (!*rc)
		*rc = chart_dump(&c, f, err);
	fclose(f);
	chart_release(&c);
	if (*rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int has(const char *s, const char *needle)
{
	int ok = s && strstr(s, needle) != NULL;

	if (!ok)
		fprintf(stderr, "\nmissing: %s\nin:\n%s\n", needle, s ? s : "(null)");
	return ok;
}

/* Four categories: one large, one suppressed (<5), one complementary. */
static void hbar_table(struct table *t)
{
	int y = 1;

	table_init(t);
	table_set_id(t, "unmet");
	table_set_title(t, "Unmet needs", "Besoins non combl\xc3\xa9s");
	table_set_min_cell(t, 5);
	table_add_col(t, "category", COL_TEXT, "Category", "Cat\xc3\xa9gorie");
	table_add_col(t, "unmet", COL_INT, "Unmet", "Non combl\xc3\xa9s");
	table_add_row(t);
	table_set_text(t, 0, 0, "Food", "Alimentation");
	table_set_int(t, 0, 1, 450);
	table_add_row(t);
	table_set_text(t, 1, 0, "Housing", "Logement");
	table_set_int(t, 1, 1, 12345);
	table_add_row(t);
	table_set_text(t, 2, 0, "Legal", "Juridique");
	table_set_int(t, 2, 1, 3);
	table_set_flags(t, 2, 1, CELL_SUPPRESSED);
	table_add_row(t);
	table_set_text(t, 3, 0, "Transport", NULL);
	table_set_int(t, 3, 1, 9);
	table_set_flags(t, 3, 1, CELL_COMPLEMENTARY);
	table_add_row(t);
	table_set_text(t, 4, 0, "Total", NULL);
	table_set_int(t, 4, 1, 12807);
	table_set_row_flags(t, 4, ROW_TOTAL);
	table_set_chart(t, CHART_HBAR, 0, &y, 1, -1);
}

static void test_hbar_gaps(void)
{
	struct table t;
	struct nserr err;
	char *d;
	int rc;

	hbar_table(&t);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	/* ranked, largest first, gaps last; the total row left out */
	CU_ASSERT(has(d, "cat 1 \"Housing\"\ncat 0 \"Food\"\ncat 2 \"Legal\"\n"
		      "cat 3 \"Transport\"\nseries 0"));
	CU_ASSERT(!strstr(d, "Total"));
	/* 1-2-5 ticks from zero, grouped thousands */
	CU_ASSERT(has(d, "min 0 max 15000 step 5000"));
	CU_ASSERT(has(d, "tick 10000 \"10,000\"\ntick 15000 \"15,000\"\n"));
	/* gaps keep the table's text and are never a zero bar */
	CU_ASSERT(has(d, "point 1 value 12345 bar 0..12345\n"));
	CU_ASSERT(has(d, "point 2 gap \"<5\"\n"));
	CU_ASSERT(has(d, "point 3 gap \"x\"\n"));
	CU_ASSERT(has(d, "note \"Gaps: values the table withholds"));
	CU_ASSERT(!strstr(d, "value 3") && !strstr(d, "value 9"));
	free(d);
	d = dump(&t, NS_FR, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "tick 10000 \"10\xe2\x80\xaf" "000\""));
	CU_ASSERT(has(d, "cat 1 \"Logement\""));
	CU_ASSERT(has(d, "note \"Vides :"));
	free(d);
	table_release(&t);
}

/* More bars than an hbar draws, two of them withheld: the note says the
 * ranking is of the shown values (an x may hide a large count). */
static void test_hbar_top(void)
{
	struct table t;
	struct nserr err;
	char name[16], *d;
	int rc, y = 1;
	size_t r;

	table_init(&t);
	table_set_id(&t, "top");
	table_set_title(&t, "Top", NULL);
	table_add_col(&t, "agency", COL_TEXT, "Agency", NULL);
	table_add_col(&t, "n", COL_INT, "Referrals", NULL);
	for (r = 0; r < 25; r++) {
		snprintf(name, sizeof name, "A%02zu", r);
		table_add_row(&t);
		table_set_text(&t, r, 0, name, NULL);
		table_set_int(&t, r, 1, (int64_t)(100 + r));
	}
	table_set_flags(&t, 3, 1, CELL_SUPPRESSED);
	table_set_flags(&t, 24, 1, CELL_COMPLEMENTARY);
	table_set_chart(&t, CHART_HBAR, 0, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "shown 20 of 25\ncat 23 \"A23\"\n"));
	CU_ASSERT(has(d, "note \"The 20 largest of the 23 values the table "
		      "shows are drawn; the 2 it withholds are not ranked.\""));
	free(d);
	d = dump(&t, NS_FR, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "note \"Les 20 plus grandes des 23 valeurs "
		      "affich\xc3\xa9" "es par le tableau"));
	free(d);
	/* fewer values shown than bars drawn; none shown */
	for (r = 0; r < 25; r++) {
		table_set_flags(&t, r, 1, 0);
		table_set_int(&t, r, 1, (int64_t)(100 + r));
		table_set_flags(&t, r, 1, r < 8 ? CELL_SUPPRESSED : 0);
	}
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "note \"The 17 values the table shows are drawn; the "
		      "8 it withholds are not ranked.\""));
	free(d);
	for (r = 0; r < 25; r++)
		table_set_flags(&t, r, 1, CELL_SUPPRESSED);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "note \"The table withholds all its 25 values: no "
		      "bar is drawn or ranked.\""));
	CU_ASSERT(!strstr(d, " value "));
	free(d);
	d = dump(&t, NS_FR, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "note \"Le tableau masque ses 25 valeurs"));
	free(d);
	/* nothing withheld: the plain note */
	for (r = 0; r < 25; r++) {
		table_set_flags(&t, r, 1, 0);
		table_set_int(&t, r, 1, (int64_t)(100 + r));
	}
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "note \"The 20 largest of 25 are shown.\""));
	free(d);
	table_release(&t);
}

static void test_ticks(void)
{
	struct chart_axis a;

	memset(&a, 0, sizeof a);
	chart_ticks(&a, 0, 7, 1, NS_EN);
	CU_ASSERT_DOUBLE_EQUAL(a.step, 2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(a.max, 8, 1e-12);
	CU_ASSERT_EQUAL(a.nticks, 5);
	chart_ticks(&a, 0, 0, 1, NS_EN);       /* all zero: still an axis */
	CU_ASSERT(a.max > 0 && a.step >= 1);
	chart_ticks(&a, -3.2, 11, 0, NS_EN);  /* negatives below zero */
	CU_ASSERT_DOUBLE_EQUAL(a.min, -5, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(a.max, 15, 1e-12);
	CU_ASSERT_STRING_EQUAL(a.ticks[0].label, "-5");
	chart_ticks(&a, 0, 0.37, 0, NS_EN);
	CU_ASSERT_DOUBLE_EQUAL(a.step, 0.1, 1e-12);
	CU_ASSERT_STRING_EQUAL(a.ticks[1].label, "0.1");
	a.percent = 1;
	chart_ticks(&a, 0, 0.37, 0, NS_FR);
	CU_ASSERT_STRING_EQUAL(a.ticks[1].label, "10\xe2\x80\xaf%");
	chart_ticks(&a, 0, 0.037, 0, NS_EN);
	CU_ASSERT_STRING_EQUAL(a.ticks[1].label, "1%");
	chart_ticks(&a, 0, 0.0037, 0, NS_EN);
	CU_ASSERT_STRING_EQUAL(a.ticks[1].label, "0.1%");
}

/* met / partly met / unmet by category; Legal's partial is withheld. */
static void stacked_table(struct table *t)
{
	int ys[3] = { 1, 2, 3 };
	size_t r;
	static const int v[3][3] = { {100, 20, 30}, {40, 3, 12}, {7, 8, 9} };
	static const char *const cat[3] = { "Food", "Legal", "Tax" };

	table_init(t);
	table_set_id(t, "status");
	table_set_min_cell(t, 5);
	table_add_col(t, "category", COL_TEXT, "Category", NULL);
	table_add_col(t, "met", COL_INT, "Met", NULL);
	table_add_col(t, "partial", COL_INT, "Partly met", NULL);
	table_add_col(t, "unmet", COL_INT, "Unmet", NULL);
	for (r = 0; r < 3; r++) {
		table_add_row(t);
		table_set_text(t, r, 0, cat[r], NULL);
		table_set_int(t, r, 1, v[r][0]);
		table_set_int(t, r, 2, v[r][1]);
		table_set_int(t, r, 3, v[r][2]);
	}
	table_set_flags(t, 1, 2, CELL_SUPPRESSED);
	table_set_chart(t, CHART_STACKED_BAR, 0, ys, 3, -1);
}

static void test_stack_rule(void)
{
	struct table t;
	struct nserr err;
	char *d;
	int rc;

	stacked_table(&t);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	/* Food stacks 100, 20, 30 */
	CU_ASSERT(has(d, "series 0 \"Met\"\n  point 0 value 100 bar 0..100\n"
		      "  point 1 hidden\n  point 2 value 7 bar 0..7\n"));
	CU_ASSERT(has(d, "series 1 \"Partly met\"\n  point 0 value 20 bar "
		      "100..120\n  point 1 gap \"<5\"\n"));
	CU_ASSERT(has(d, "series 2 \"Unmet\"\n  point 0 value 30 bar 120..150\n"
		      "  point 1 hidden\n"));
	/* Legal's 40 + 12 would give its partial from a total: not drawn,
	 * and the axis does not reach for it */
	CU_ASSERT(!strstr(d, "value 40") && !strstr(d, "value 12"));
	CU_ASSERT(has(d, "note \"A bar with a withheld part is not drawn"));
	CU_ASSERT(has(d, "max 150"));
	free(d);
	table_release(&t);
}

/* Monthly needs for two categories; one month has no data. */
static void line_table(struct table *t)
{
	int y = 2;
	size_t r = 0;
	int m, k;
	char mon[16];

	table_init(t);
	table_set_id(t, "trends");
	table_set_title(t, "Trends", "Tendances");
	table_add_col(t, "category", COL_TEXT, "Series", "S\xc3\xa9rie");
	table_add_col(t, "month", COL_MONTH, "Month", "Mois");
	table_add_col(t, "needs", COL_INT, "Needs", "Besoins");
	table_add_col(t, "lo", COL_INT, "Low", NULL);
	table_add_col(t, "hi", COL_INT, "High", NULL);
	table_col_set_interval(t, 2, 3, 4);
	for (k = 0; k < 2; k++)
		for (m = 0; m < 24; m++, r++) {
			snprintf(mon, sizeof mon, "%04d-%02d", 2023 + (m + 3) / 12,
				 (m + 3) % 12 + 1);
			table_add_row(t);
			table_set_text(t, r, 0, k ? "Food" : "Housing",
				       k ? "Alimentation" : "Logement");
			table_set_text(t, r, 1, mon, NULL);
			if (m == 5) {
				table_set_flags(t, r, 2, CELL_NO_DATA);
				continue;
			}
			table_set_int(t, r, 2, 100 * (k + 1) + m);
			table_set_int(t, r, 3, 90 * (k + 1) + m);
			table_set_int(t, r, 4, 110 * (k + 1) + m);
		}
	table_set_chart(t, CHART_LINE, 1, &y, 1, 0);
}

static void test_line(void)
{
	struct table t;
	struct nserr err;
	char *d;
	int rc;

	line_table(&t);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "x \"Month\" time\n"));
	/* 24 months: every second one labelled */
	CU_ASSERT(has(d, "cat 0 \"Apr 2023\"\ncat 1 \"May 2023\" unlabelled\n"));
	CU_ASSERT(has(d, "series 0 \"Housing\"\n  point 0 value 100 interval "
		      "90..110\n"));
	CU_ASSERT(has(d, "  point 5 no_data\n"));
	CU_ASSERT(has(d, "series 1 \"Food\""));
	CU_ASSERT(has(d, "note \"Breaks in a line"));
	CU_ASSERT(has(d, "max 250 step 50"));
	free(d);
	d = dump(&t, NS_FR, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "cat 0 \"avr. 2023\"\n"));
	CU_ASSERT(has(d, "cat 10 \"f\xc3\xa9vr. 2024\"\n"));
	CU_ASSERT(has(d, "series 0 \"Logement\""));
	free(d);
	table_release(&t);
}

/* rolling_dump: the dump of t's line chart with its `months`-month
 * rolling means (caller frees); NULL on error, the status in *rc. */
static char *rolling_dump(const struct table *t, int lang, int months,
			  int *rc, struct nserr *err)
{
	struct chart c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	nserr_init(err);
	chart_init(&c);
	*rc = chart_build(&c, t, lang, err);
	if (!*rc)
		*rc = chart_rolling(&c, months, err);
	if (!*rc)
		*rc = chart_dump(&c, f, err);
	fclose(f);
	chart_release(&c);
	if (*rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void test_rolling(void)
{
	struct table t;
	struct nserr err;
	char *d;
	int rc, y = 2;

	line_table(&t);
	/* Food's month 20 (row 24 + 20) withheld */
	table_set_flags(&t, 44, 2, CELL_SUPPRESSED);
	d = rolling_dump(&t, NS_EN, 12, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	/* the means are series 2 and 3, of series 0 and 1 */
	CU_ASSERT(has(d, "series 2 \"Housing (12-month rolling mean)\" "
		      "rolling 12 of 0\n"));
	CU_ASSERT(has(d, "series 3 \"Food (12-month rolling mean)\" "
		      "rolling 12 of 1\n"));
	/* fewer than 12 months, or month 5 (no data) in the window: none;
	 * month 17 is the first whole window: mean of 100 + 6..17 */
	CU_ASSERT(has(d, "rolling 12 of 0\n  point 0 no_data\n"));
	CU_ASSERT(has(d, "  point 16 no_data\n  point 17 value 111.5\n"));
	CU_ASSERT(has(d, "  point 23 value 117.5\nseries 3"));
	/* Food: 17..19 only; the withheld month 20 ends it (a gap in Food,
	 * no mean that would let it be computed) */
	CU_ASSERT(has(d, "rolling 12 of 1\n"));
	CU_ASSERT(has(strstr(d, "rolling 12 of 1\n"), "  point 19 value "
		      "213.5\n  point 20 no_data\n  point 21 no_data\n"
		      "  point 22 no_data\n  point 23 no_data\n"));
	CU_ASSERT(has(d, "  point 20 gap"));
	CU_ASSERT(has(d, "subtitle \"With 12-month rolling means (dashed)\""));
	CU_ASSERT(has(d, "note \"Dashed lines: 12-month rolling means, the "
		      "mean (not the sum)"));
	/* the axis is the months': the means lie within them */
	CU_ASSERT(has(d, "max 250 step 50"));
	free(d);
	d = rolling_dump(&t, NS_FR, 12, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "series 2 \"Logement (moyenne mobile sur 12 mois)\""));
	CU_ASSERT(has(d, "note \"Lignes pointill\xc3\xa9" "es : moyennes "
		      "mobiles sur 12 mois"));
	free(d);
	/* out of range; not a line over months */
	CU_ASSERT_PTR_NULL(rolling_dump(&t, NS_EN, 1, &rc, &err));
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "from 2 to 24"));
	table_set_chart(&t, CHART_MULTIPLES, 1, &y, 1, 0);
	CU_ASSERT_PTR_NULL(rolling_dump(&t, NS_EN, 12, &rc, &err));
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "line chart over a month column"));
	table_release(&t);
}

static void test_multiples(void)
{
	struct table t;
	struct nserr err;
	int y = 2;
	char *d;
	int rc;

	line_table(&t);
	table_set_chart(&t, CHART_MULTIPLES, 1, &y, 1, 0);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "panel 0 \"Housing\"\n"));
	CU_ASSERT(has(d, "panel 1 \"Food\"\n"));
	free(d);
	/* multiples need a series (panel) column */
	table_set_chart(&t, CHART_MULTIPLES, 1, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "series column"));
	table_release(&t);
}

static void test_bad_spec(void)
{
	struct table t;
	struct nserr err;
	int y = 2;
	char *d;
	int rc;

	line_table(&t);
	/* a line over a text column */
	table_set_chart(&t, CHART_LINE, 0, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "month or date x column"));
	CU_ASSERT(has(err.msg, "(columns: category, month, needs, lo, hi)"));
	/* a bar chart whose x repeats without a series */
	table_set_chart(&t, CHART_BAR, 1, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "repeats in x column 'month'"));
	/* a text y */
	y = 0;
	table_set_chart(&t, CHART_BAR, 1, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	CU_ASSERT(has(err.msg, "y column 'category' is not numeric"));
	CU_ASSERT_PTR_NULL(d);
	table_release(&t);
}

static void test_percent(void)
{
	struct table t;
	struct nserr err;
	int y = 1;
	char *d;
	int rc;

	table_init(&t);
	table_add_col(&t, "category", COL_TEXT, "Category", NULL);
	table_add_col(&t, "share", COL_SHARE, "Share", "Part");
	table_add_row(&t);
	table_set_text(&t, 0, 0, "A", NULL);
	table_set_real(&t, 0, 1, 0.12);
	table_add_row(&t);
	table_set_text(&t, 1, 0, "B", NULL);
	table_set_real(&t, 1, 1, 0.34);
	table_set_chart(&t, CHART_BAR, 0, &y, 1, -1);
	d = dump(&t, NS_EN, &rc, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(has(d, "step 0.1 percent\n"));
	CU_ASSERT(has(d, "tick 0.4 \"40%\"\n"));
	CU_ASSERT(has(d, "point 1 value 0.34 bar 0..0.34\n"));
	free(d);
	table_release(&t);
}

static CU_TestInfo tests[] = {
	{"hbar gaps and ranks", test_hbar_gaps},
	{"hbar top 20 with withheld values", test_hbar_top},
	{"ticks", test_ticks},
	{"stack rule", test_stack_rule},
	{"line breaks and months", test_line},
	{"rolling means", test_rolling},
	{"multiples", test_multiples},
	{"bad specs", test_bad_spec},
	{"percent axis", test_percent},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_chart[] = {
	{"chart", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
