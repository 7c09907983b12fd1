/*
 * Tests for the table model: columns and their defaults and links, typed
 * cell setters, suppression erasing values, effective flags, displayed
 * texts, notes, metadata, chart spec, sorting, growth, legend notes.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/nserr.h"
#include "core/table.h"

#define NBSP "\xc2\xa0"

static char buf[NF_BUFSZ];

static const char *disp(const struct table *t, size_t r, size_t c, int lang,
			enum nf_style st)
{
	return table_cell_display(t, r, c, lang, st, buf, sizeof buf);
}

static void test_columns(void)
{
	struct table t;
	const struct table_col *col;

	table_init(&t);
	CU_ASSERT_EQUAL(table_add_col(&t, "region", COL_TEXT, "Region",
				      "R\xc3\xa9gion"), 0);
	CU_ASSERT_EQUAL(table_add_col(&t, "needs", COL_INT, "Needs", NULL), 1);
	CU_ASSERT_EQUAL(table_add_col(&t, "share", COL_SHARE, NULL, NULL), 2);
	CU_ASSERT_EQUAL(table_add_col(&t, "lo", COL_SHARE, "Low", "Bas"), 3);
	CU_ASSERT_EQUAL(table_add_col(&t, "hi", COL_SHARE, "High", "Haut"), 4);
	CU_ASSERT_EQUAL(table_add_col(&t, "needs", COL_REAL, "x", "x"),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(table_add_col(&t, "", COL_REAL, "x", "x"), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_add_col(&t, "bad", (enum col_type)42, "x", "x"),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(table_ncols(&t), 5);
	CU_ASSERT_EQUAL(table_col_find(&t, "share"), 2);
	CU_ASSERT_EQUAL(table_col_find(&t, "nope"), -1);
	col = table_col(&t, 0);
	CU_ASSERT_EQUAL(col->flags, COLF_KEY);
	CU_ASSERT_EQUAL(table_col(&t, 1)->flags, COLF_COUNT);
	CU_ASSERT_EQUAL(table_col(&t, 1)->decimals, 0);
	CU_ASSERT_EQUAL(table_col(&t, 2)->flags, 0u);
	CU_ASSERT_EQUAL(table_col(&t, 2)->decimals, 1);
	CU_ASSERT_PTR_NULL(table_col(&t, 5));
	CU_ASSERT_STRING_EQUAL(table_col_label(&t, 0, NS_FR), "R\xc3\xa9gion");
	CU_ASSERT_STRING_EQUAL(table_col_label(&t, 1, NS_FR), "Needs");
	CU_ASSERT_STRING_EQUAL(table_col_label(&t, 2, NS_EN), "share");
	CU_ASSERT_STRING_EQUAL(table_col_unit(&t, 1, NS_EN), "");
	CU_ASSERT_EQUAL(table_col_set_unit(&t, 1, "per 10,000",
					   "pour 10 000"), 0);
	CU_ASSERT_STRING_EQUAL(table_col_unit(&t, 1, NS_FR), "pour 10 000");
	CU_ASSERT_EQUAL(table_col_set_decimals(&t, 2, 13), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_col_set_decimals(&t, 2, 2), 0);
	CU_ASSERT_EQUAL(table_col_set_denom(&t, 2, 1), 0);
	CU_ASSERT_EQUAL(table_col_set_denom(&t, 2, 2), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_col_set_denom(&t, 2, 9), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_col_set_interval(&t, 2, 1, 4), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_col_set_interval(&t, 2, 3, 3), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_col_set_interval(&t, 2, 3, 4), 0);
	CU_ASSERT_EQUAL(table_col(&t, 2)->lo, 3);
	CU_ASSERT_EQUAL(table_col(&t, 2)->hi, 4);
	CU_ASSERT_EQUAL(table_col(&t, 3)->bound_of, 2);
	CU_ASSERT(table_col(&t, 4)->flags & COLF_BOUND);
	/* set_flags keeps COLF_BOUND, which the interval link manages */
	CU_ASSERT_EQUAL(table_col_set_flags(&t, 4, COLF_TOTAL), 0);
	CU_ASSERT_EQUAL(table_col(&t, 4)->flags, COLF_TOTAL | COLF_BOUND);
	CU_ASSERT_EQUAL(table_col_set_interval(&t, 2, -1, -1), 0);
	CU_ASSERT_EQUAL(table_col(&t, 3)->flags, 0u);
	CU_ASSERT_EQUAL(table_col(&t, 3)->bound_of, -1);
	CU_ASSERT_EQUAL(table_add_row(&t), 0);
	CU_ASSERT_EQUAL(table_add_col(&t, "late", COL_INT, "x", "x"),
			NS_EUSAGE);
	table_release(&t);
	CU_ASSERT_EQUAL(table_ncols(&t), 0);
	CU_ASSERT_EQUAL(table_add_row(&t), NS_EUSAGE);
	table_release(&t);
}

/* A table: text, int (count), share, date, month, real. */
static void make(struct table *t)
{
	table_init(t);
	table_set_id(t, "demo");
	table_add_col(t, "cat", COL_TEXT, "Category", "Cat\xc3\xa9gorie");
	table_add_col(t, "n", COL_INT, "N", "N");
	table_add_col(t, "share", COL_SHARE, "Share", "Part");
	table_add_col(t, "day", COL_DATE, "Day", "Jour");
	table_add_col(t, "month", COL_MONTH, "Month", "Mois");
	table_add_col(t, "avg", COL_REAL, "Mean", "Moyenne");
	table_set_min_cell(t, 5);
}

static void test_cells(void)
{
	struct table t;

	make(&t);
	CU_ASSERT_EQUAL(table_add_row(&t), 0);
	CU_ASSERT(table_is_null(&t, 0, 1));
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 0, "Housing", "Logement"), 0);
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 1, 12345), 0);
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 2, 0.1234), 0);
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 3, "2024-04-01", NULL), 0);
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 4, "2024-04", NULL), 0);
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 5, 3), 0);
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 5), 3.0);
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 5, -1234.56), 0);
	/* type checks */
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 1, "12", NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 0, 1), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 1, 1.5), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 3, "2024-04", NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 4, "April", NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_int(&t, 1, 1, 1), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 6, 1), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_get_real(&t, 0, 1), 12345.0);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_FR), "Logement");
	CU_ASSERT_PTR_NULL(table_get_text(&t, 0, 1, NS_FR));
	CU_ASSERT(isnan(table_get_real(&t, 0, 0)));
	/* displayed texts */
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 0, NS_EN, NF_TEXT), "Housing");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 0, NS_FR, NF_MACHINE), "Logement");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 1, NS_FR, NF_TEXT), "12 345");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 1, NS_FR, NF_MACHINE), "12345");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_EN, NF_TEXT), "12.3%");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_FR, NF_TEXT), "12,3" NBSP "%");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_EN, NF_MACHINE), "0.1234");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 3, NS_FR, NF_TEXT),
			       "1er avril 2024");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 3, NS_FR, NF_MACHINE), "2024-04-01");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 4, NS_EN, NF_TEXT), "Apr 2024");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 5, NS_EN, NF_TEXT), "-1,234.6");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 6, NS_EN, NF_TEXT), "");
	/* small values keep 3 significant digits for people, all of them
	 * for machines */
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 5, 0.0041234), 0);
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 5, NS_EN, NF_TEXT), "0.00412");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 5, NS_FR, NF_TEXT), "0,00412");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 5, NS_EN, NF_MACHINE), "0.0041234");
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 2, 0.0000412), 0);
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_EN, NF_TEXT), "0.00412%");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_FR, NF_TEXT),
			       "0,00412" NBSP "%");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_EN, NF_MACHINE), "0.0000412");
	/* NULL and non-finite */
	CU_ASSERT_EQUAL(table_set_real(&t, 0, 5, NAN), 0);
	CU_ASSERT(table_is_null(&t, 0, 5));
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 5, NS_EN, NF_TEXT), "");
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 0, NULL, "x"), 0);
	CU_ASSERT(table_is_null(&t, 0, 0));
	CU_ASSERT_EQUAL(table_set_text(&t, 0, 0, "Food", NULL), 0);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_FR), "Food");
	CU_ASSERT_EQUAL(table_set_null(&t, 0, 1), 0);
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 1, NS_EN, NF_TEXT), "");
	table_release(&t);
}

static void test_flags(void)
{
	struct table t;

	make(&t);
	table_add_row(&t);
	table_add_row(&t);
	table_set_int(&t, 0, 1, 3);
	table_set_real(&t, 0, 2, 0.5);
	CU_ASSERT_EQUAL(table_set_flags(&t, 0, 1, CELL_SUPPRESSED), 0);
	/* the value is gone, and stays gone */
	CU_ASSERT(table_is_null(&t, 0, 1));
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 1, 3), 0);
	CU_ASSERT(table_is_null(&t, 0, 1));
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 1, NS_EN, NF_TEXT), "<5");
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 1, NS_FR, NF_MACHINE), "<5");
	CU_ASSERT_EQUAL(table_add_flags(&t, 0, 2, CELL_COMPLEMENTARY), 0);
	CU_ASSERT_EQUAL(table_flags(&t, 0, 2),
			CELL_SUPPRESSED | CELL_COMPLEMENTARY);
	CU_ASSERT(table_is_null(&t, 0, 2));
	CU_ASSERT_STRING_EQUAL(disp(&t, 0, 2, NS_EN, NF_TEXT), "x");
	/* a complementary count is "x" too; no threshold known: "x" */
	table_set_int(&t, 1, 1, 40);
	table_set_flags(&t, 1, 1, CELL_COMPLEMENTARY);
	CU_ASSERT_STRING_EQUAL(disp(&t, 1, 1, NS_EN, NF_TEXT), "x");
	table_set_flags(&t, 1, 1, CELL_SUPPRESSED);
	table_set_min_cell(&t, 0);
	CU_ASSERT_STRING_EQUAL(disp(&t, 1, 1, NS_EN, NF_TEXT), "x");
	table_set_min_cell(&t, 10);
	CU_ASSERT_STRING_EQUAL(disp(&t, 1, 1, NS_EN, NF_TEXT), "<10");
	/* markers and total rows */
	table_set_real(&t, 1, 2, 0.25);
	table_set_flags(&t, 1, 2, CELL_SIGNIFICANT);
	CU_ASSERT_STRING_EQUAL(table_cell_marker(&t, 1, 2), "*");
	table_add_flags(&t, 1, 2, CELL_ESTIMATED);
	CU_ASSERT_STRING_EQUAL(table_cell_marker(&t, 1, 2), "E*");
	CU_ASSERT_STRING_EQUAL(disp(&t, 1, 2, NS_EN, NF_TEXT), "25.0%");
	CU_ASSERT_STRING_EQUAL(table_cell_marker(&t, 0, 2), "");
	CU_ASSERT_EQUAL(table_flags(&t, 1, 0), 0u);
	CU_ASSERT_EQUAL(table_set_row_flags(&t, 1, ROW_TOTAL), 0);
	CU_ASSERT_EQUAL(table_flags(&t, 1, 0), CELL_TOTAL);
	CU_ASSERT_EQUAL(table_cell(&t, 1, 0)->flags, 0u);
	CU_ASSERT_EQUAL(table_row_flags(&t, 1), ROW_TOTAL);
	CU_ASSERT_EQUAL(table_set_row_flags(&t, 2, ROW_TOTAL), NS_EUSAGE);
	table_col_set_flags(&t, 5, COLF_TOTAL);
	CU_ASSERT_EQUAL(table_flags(&t, 0, 5), CELL_TOTAL);
	CU_ASSERT_EQUAL(table_add_legend_notes(&t), 0);
	CU_ASSERT_EQUAL(table_nnotes(&t), 4);
	CU_ASSERT_STRING_EQUAL(table_note(&t, 0, NS_EN),
			       "<10: fewer than 10; the count is suppressed "
			       "to protect privacy.");
	CU_ASSERT_STRING_EQUAL(table_note(&t, 1, NS_EN),
			       "x: suppressed to protect a small count.");
	CU_ASSERT_STRING_EQUAL(table_note(&t, 2, NS_FR), "E" NBSP ": estimation.");
	CU_ASSERT_STRING_EQUAL(table_note(&t, 3, NS_EN),
			       "*: statistically significant change.");
	table_release(&t);
}

static void test_notes_meta_chart(void)
{
	struct table t;
	const char *k, *v;
	int ys[2] = { 1, 2 };

	make(&t);
	CU_ASSERT_STRING_EQUAL(table_title(&t, NS_FR), "");
	table_set_title(&t, "Needs", NULL);
	CU_ASSERT_STRING_EQUAL(table_title(&t, NS_FR), "Needs");
	table_set_subtitle(&t, "April 2024", "avril 2024");
	CU_ASSERT_STRING_EQUAL(table_subtitle(&t, NS_FR), "avril 2024");
	CU_ASSERT_STRING_EQUAL(table_id(&t), "demo");
	CU_ASSERT_EQUAL(table_add_note(&t, "Source: batch 1.", "Source : lot 1."),
			0);
	CU_ASSERT_EQUAL(table_add_note(&t, "Only English.", NULL), 0);
	CU_ASSERT_EQUAL(table_add_note(&t, NULL, NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(table_nnotes(&t), 2);
	CU_ASSERT_STRING_EQUAL(table_note(&t, 0, NS_FR), "Source : lot 1.");
	CU_ASSERT_STRING_EQUAL(table_note(&t, 1, NS_FR), "Only English.");
	CU_ASSERT_STRING_EQUAL(table_note(&t, 2, NS_FR), "");
	table_set_meta(&t, "period_from", "2024-04-01");
	table_set_meta(&t, "period_to", "2024-04-30");
	table_set_meta(&t, "period_from", "2024-03-01");
	CU_ASSERT_EQUAL(table_nmeta(&t), 2);
	table_meta_at(&t, 0, &k, &v);
	CU_ASSERT_STRING_EQUAL(k, "period_from");
	CU_ASSERT_STRING_EQUAL(v, "2024-03-01");
	CU_ASSERT_STRING_EQUAL(table_meta_get(&t, "period_to"), "2024-04-30");
	CU_ASSERT_PTR_NULL(table_meta_get(&t, "nope"));
	CU_ASSERT_EQUAL(table_chart(&t)->type, CHART_NONE);
	CU_ASSERT_EQUAL(table_set_chart(&t, CHART_BAR, 0, ys, 2, -1), 0);
	CU_ASSERT_EQUAL(table_chart(&t)->ny, 2);
	CU_ASSERT_EQUAL(table_chart(&t)->y[1], 2);
	CU_ASSERT_EQUAL(table_set_chart(&t, CHART_LINE, 4, ys, 2, 0),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(table_set_chart(&t, CHART_LINE, 9, ys, 1, -1),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(table_chart(&t)->type, CHART_BAR);
	CU_ASSERT_EQUAL(table_set_chart(&t, CHART_LINE, 4, ys, 1, 0), 0);
	CU_ASSERT_EQUAL(table_chart(&t)->series, 0);
	CU_ASSERT_EQUAL(table_chart_parse("grouped_bar"), CHART_GROUPED_BAR);
	CU_ASSERT_EQUAL(table_chart_parse("pie"), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(table_chart_name(CHART_HBAR), "hbar");
	CU_ASSERT_EQUAL(table_type_parse("share"), COL_SHARE);
	CU_ASSERT_EQUAL(table_type_parse("float"), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(table_type_name(COL_MONTH), "month");
	table_release(&t);
}

static void add(struct table *t, const char *cat, int64_t n, int null_n)
{
	int r = table_add_row(t);

	table_set_text(t, (size_t)r, 0, cat, NULL);
	if (!null_n)
		table_set_int(t, (size_t)r, 1, n);
}

static void test_sort(void)
{
	static const char *const want_text[] = {
		"alimentation", "education", "\xc3\x89" "ducation", "Emploi",
		"Zoo", "Total"
	};
	struct table t;
	struct table_sortkey k[2] = { { 0, 0 }, { 1, 1 } };
	size_t i;

	make(&t);
	add(&t, "Zoo", 1, 0);
	add(&t, "Total", 100, 0);
	table_set_row_flags(&t, 1, ROW_TOTAL);
	add(&t, "education", 7, 0);
	add(&t, "Emploi", 7, 1);
	add(&t, "\xc3\x89" "ducation", 9, 0);
	add(&t, "alimentation", 7, 0);
	CU_ASSERT_EQUAL(table_sort(&t, k, 1, NS_FR), 0);
	for (i = 0; i < 6; i++)
		CU_ASSERT_STRING_EQUAL(table_get_text(&t, i, 0, NS_EN),
				       want_text[i]);
	CU_ASSERT_EQUAL(table_row_flags(&t, 5), ROW_TOTAL);
	CU_ASSERT_EQUAL(table_row_flags(&t, 0), 0u);
	/* by count descending, NULL last, ties keep the previous order */
	CU_ASSERT_EQUAL(table_sort(&t, k + 1, 1, NS_EN), 0);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_EN),
			       "\xc3\x89" "ducation");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 1, 0, NS_EN), "alimentation");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 2, 0, NS_EN), "education");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 3, 0, NS_EN), "Zoo");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 4, 0, NS_EN), "Emploi");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 5, 0, NS_EN), "Total");
	CU_ASSERT_EQUAL(table_get_real(&t, 5, 1), 100.0);
	k[0].col = 9;
	CU_ASSERT_EQUAL(table_sort(&t, k, 1, NS_EN), NS_EUSAGE);
	table_release(&t);
}

static void test_growth(void)
{
	struct table t;
	char s[32];
	size_t i;
	int ok = 1;

	make(&t);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "row %zu", i);
		if (table_add_row(&t) != (int)i
		    || table_set_text(&t, i, 0, s, NULL) != 0
		    || table_set_int(&t, i, 1, (int64_t)i) != 0)
			ok = 0;
	}
	for (i = 0; i < 50; i++)
		if (table_add_note(&t, "a note that is long enough", NULL) < 0)
			ok = 0;
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(table_nrows(&t), 5000);
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 0, 0, NS_EN), "row 0");
	CU_ASSERT_STRING_EQUAL(table_get_text(&t, 4999, 0, NS_EN), "row 4999");
	CU_ASSERT_EQUAL(table_get_real(&t, 3333, 1), 3333.0);
	CU_ASSERT_EQUAL(table_nnotes(&t), 50);
	table_release(&t);
}

/* A total row's empty month reads "Total" for people, "" for machines. */
static void test_total_row_label(void)
{
	struct table t;
	char out[64];
	int r;

	table_init(&t);
	CU_ASSERT_EQUAL(table_add_col(&t, "month", COL_MONTH, "Month", "Mois"),
			0);
	CU_ASSERT_EQUAL(table_add_col(&t, "n", COL_INT, "N", NULL), 1);
	r = table_add_row(&t);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	CU_ASSERT_EQUAL(table_set_null(&t, 0, 0), 0);
	CU_ASSERT_EQUAL(table_set_int(&t, 0, 1, 7), 0);
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 0, 0, NS_EN, NF_TEXT,
						  out, sizeof out), "");
	CU_ASSERT_EQUAL(table_set_row_flags(&t, 0, ROW_TOTAL), 0);
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 0, 0, NS_FR, NF_TEXT,
						  out, sizeof out), "Total");
	CU_ASSERT_STRING_EQUAL(table_cell_display(&t, 0, 0, NS_EN,
						  NF_MACHINE, out, sizeof out), "");
	table_release(&t);
}

static CU_TestInfo tests[] = {
	{"total row label", test_total_row_label},
	{"columns", test_columns},
	{"cells", test_cells},
	{"flags and suppression", test_flags},
	{"notes, metadata, chart", test_notes_meta_chart},
	{"sort", test_sort},
	{"growth", test_growth},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_table[] = {
	{"table", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
