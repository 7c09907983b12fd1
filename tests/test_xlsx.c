/*
 * Tests of lib/render/xlsx*.c: sheet names, number formats, widths, and
 * workbooks written from hand-built tables, read back from the package's
 * XML (unzip -p): text that looks like a formula stays a string, a
 * suppressed cell is a string with a note, the Excel table and frozen
 * header, the chart's references, constant-memory mode, errors.
 * (tests/cli/xlsx_openpyxl.sh reads whole workbooks with openpyxl.)
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/xlsx.h"
#include "report/report_data.h"
#include "testutil.h"

/* unzip_part: member `part` of the zip at path (caller frees), NULL when
 * it is absent or unzip is missing. */
static char *unzip_part(const char *path, const char *part)
{
	char cmd[1024], *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *p;

	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", path, part);
	if (!(p = popen(cmd, "r")))
		return NULL;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap * 2 + 8192);

			if (!nb)
				break;
			buf = nb;
		}
		if ((n = fread(buf + len, 1, 4096, p)) == 0)
			break;
		len += n;
	}
	if (pclose(p) != 0 || len == 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static int have_unzip(void)
{
	return system("unzip -v >/dev/null 2>&1") == 0;
}

/* cell_xml: the <c r="REF" ...> element of sheet xml (static copy). */
static const char *cell_xml(const char *xml, const char *ref)
{
	static char out[512];
	char pat[32];
	const char *s, *e;

	snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
	if (!xml || !(s = strstr(xml, pat)))
		return "";
	e = strstr(s, "</c>");
	if (!e || strstr(s, "/>") < e)
		e = strstr(s, "/>");
	snprintf(out, sizeof out, "%.*s", (int)(e - s + 4), s);
	return out;
}

static void test_sheet_name(void)
{
	char buf[XLSX_SHEET_NAME_MAX * 4 + 16];
	const char *used[] = {"Notes", "Contact volume by month"};

	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("Contact volume by month, "
		"channel and language", NULL, 0, buf, sizeof buf),
		"Contact volume by month");
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("Contact volume by month, "
		"channel and language", used, 2, buf, sizeof buf),
		"Contact volume by month (2)");
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("notes", used, 2, buf,
					       sizeof buf), "notes (2)");
	/* forbidden characters dropped, spaces not doubled */
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("Gaps: [a/b] * c?", NULL, 0,
					       buf, sizeof buf), "Gaps ab c");
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("'quoted'", NULL, 0, buf,
					       sizeof buf), "quoted");
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("", NULL, 0, buf, sizeof buf),
			       "Sheet");
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name(":/", NULL, 0, buf, sizeof buf),
			       "Sheet");
	/* 31 characters, not bytes: 30 accented letters fit */
	CU_ASSERT_STRING_EQUAL(xlsx_sheet_name("\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		"\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3"
		"\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		"\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 xyzwv", NULL, 0, buf,
		sizeof buf), "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		"\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		"\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3"
		"\xa9\xc3\xa9\xc3\xa9");
	/* one long word is cut, not dropped */
	CU_ASSERT_EQUAL(strlen(xlsx_sheet_name("abcdefghijklmnopqrstuvwxyz"
		"abcdefghij", NULL, 0, buf, sizeof buf)), 31);
}

static void test_num_format(void)
{
	struct table_col c;
	char b[32];

	memset(&c, 0, sizeof c);
	c.type = COL_INT;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "#,##0");
	c.type = COL_SHARE;
	c.decimals = 1;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "0.0%");
	c.decimals = 0;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "0%");
	c.type = COL_RATE;
	c.decimals = 2;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "#,##0.00");
	c.type = COL_REAL;
	c.decimals = 0;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "#,##0");
	c.type = COL_MONTH;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "yyyy-mm");
	c.type = COL_DATE;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "yyyy-mm-dd");
	c.type = COL_TEXT;
	CU_ASSERT_STRING_EQUAL(xlsx_num_format(&c, b, sizeof b), "");
}

/* sample: a small table: month, agency (text that looks like formulas),
 * needs (count, one suppressed, one complementary), share; total row;
 * a line chart of needs by month when chart is 1. */
static void sample(struct table *t, int chart)
{
	static const char *const agency[] = {"=1+1", "@SUM(A1)", "+cmd|x",
					     "-2+3", "Plain"};
	static const long needs[] = {12, 3, 40, 9, 7};
	size_t i;
	int r, y = 2;
	char m[16];

	table_init(t);
	CU_ASSERT_EQUAL(table_set_id(t, "sample"), 0);
	table_set_title(t, "Sample needs", "Besoins exemple");
	table_set_subtitle(t, "Fiscal year 2024-25", "Exercice 2024-2025");
	table_set_min_cell(t, 5);
	CU_ASSERT_EQUAL(table_add_col(t, "month", COL_MONTH, "Month", "Mois"),
			0);
	table_add_col(t, "agency", COL_TEXT, "Agency", "Organisme");
	table_add_col(t, "needs", COL_INT, "Needs", "Besoins");
	table_add_col(t, "share", COL_SHARE, "Share", "Part");
	for (i = 0; i < 5; i++) {
		r = table_add_row(t);
		snprintf(m, sizeof m, "2024-%02zu", i + 4);
		table_set_text(t, (size_t)r, 0, m, NULL);
		table_set_text(t, (size_t)r, 1, agency[i], NULL);
		table_set_int(t, (size_t)r, 2, needs[i]);
		table_set_real(t, (size_t)r, 3, needs[i] / 71.0);
	}
	table_set_flags(t, 1, 2, CELL_SUPPRESSED);      /* 3 -> "<5" */
	table_set_flags(t, 1, 3, CELL_SUPPRESSED);      /* its share: "x" */
	table_set_flags(t, 4, 2, CELL_COMPLEMENTARY);   /* 7 -> "x" */
	table_set_flags(t, 4, 3, CELL_SUPPRESSED);
	r = table_add_row(t);
	table_set_row_flags(t, (size_t)r, ROW_TOTAL);
	table_set_int(t, (size_t)r, 2, 71);
	table_add_note(t, "Suppression: counts from 0 to 4 are shown as <5.",
		       "Masquage : les effectifs de 0 \xc3\xa0 4 sont <5.");
	table_set_meta(t, "period_from", "2024-04-01");
	if (chart)
		table_set_chart(t, CHART_LINE, 0, &y, 1, -1);
}

static void test_write(void)
{
	struct table t;
	const struct table *tp[1];
	struct xlsx_opts o;
	struct nserr err;
	const char *path = tu_path("sample.xlsx");
	char *xml, *ss, *cm, *tab, *wbx;

	sample(&t, 1);
	tp[0] = &t;
	xlsx_opts_init(&o);
	o.generated_at = "2025-01-01T00:00:00Z";
	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(xlsx_write(path, tp, 1, NULL, &o, &err), 0);
	if (!have_unzip()) {
		fprintf(stderr, "test_xlsx: unzip is missing: the workbook's "
			"XML is not checked\n");
		table_release(&t);
		return;
	}
	xml = unzip_part(path, "xl/worksheets/sheet2.xml");
	ss = unzip_part(path, "xl/sharedStrings.xml");
	cm = unzip_part(path, "xl/comments1.xml");
	tab = unzip_part(path, "xl/tables/table1.xml");
	wbx = unzip_part(path, "xl/workbook.xml");
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ss);
	/* sheets: Notes first, then the table's, named from its title */
	CU_ASSERT_PTR_NOT_NULL(wbx && strstr(wbx, "<sheet name=\"Notes\""));
	CU_ASSERT_PTR_NOT_NULL(wbx && strstr(wbx, "name=\"Sample needs\""));
	/* text that looks like a formula is a shared string, never <f> */
	CU_ASSERT_PTR_NOT_NULL(strstr(ss, "<t>=1+1</t>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ss, "<t>@SUM(A1)</t>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ss, "<t>+cmd|x</t>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ss, "<t>-2+3</t>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "B5"), "t=\"s\""));
	CU_ASSERT_PTR_NULL(strstr(xml, "<f>1+1"));
	CU_ASSERT_PTR_NULL(strstr(xml, "<f>SUM"));
	/* the suppressed count (row 2 of the table: sheet row 6) is the
	 * string "<5", its share "x"; the complementary count "x" */
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "C6"), "t=\"s\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "D6"), "t=\"s\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "C9"), "t=\"s\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(ss, "<t>&lt;5</t>"));
	CU_ASSERT_PTR_NULL(strstr(cell_xml(xml, "C6"), "<v>3</v>"));
	/* a shown count is a number */
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "C5"), "<v>12</v>"));
	CU_ASSERT_PTR_NULL(strstr(cell_xml(xml, "C5"), "t=\"s\""));
	/* notes on the suppressed cells */
	CU_ASSERT_PTR_NOT_NULL(cm && strstr(cm, "Suppressed: a count from 0 "
					    "to 4"));
	CU_ASSERT_PTR_NOT_NULL(cm && strstr(cm, "a count of 5 or more"));
	CU_ASSERT_PTR_NOT_NULL(cm && strstr(cm, "computed from a suppressed"));
	/* the Excel table over header and rows; frozen header */
	CU_ASSERT_PTR_NOT_NULL(tab && strstr(tab, "ref=\"A4:D10\""));
	CU_ASSERT_PTR_NOT_NULL(tab && strstr(tab, "name=\"Needs\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "topLeftCell=\"A5\""));
	/* the chart block refers to the table's shown cells; the
	 * suppressed ones are gaps (no formula) */
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "G5"), "<f>C5</f>"));
	CU_ASSERT_PTR_NULL(strstr(cell_xml(xml, "G6"), "<f>"));
	CU_ASSERT_PTR_NULL(strstr(cell_xml(xml, "G9"), "<f>"));
	/* the total row is not drawn: 5 rows in the block */
	CU_ASSERT_PTR_NULL(strstr(cell_xml(xml, "G10"), "<f>"));
	free(xml);
	free(ss);
	free(cm);
	free(tab);
	free(wbx);
	table_release(&t);
}

static void test_french_internal(void)
{
	struct table t;
	const struct table *tp[1];
	struct xlsx_opts o;
	struct nserr err;
	const char *path = tu_path("fr.xlsx");
	char *wbx, *ss, *xml;

	sample(&t, 0);
	tp[0] = &t;
	xlsx_opts_init(&o);
	o.lang = NS_FR;
	o.internal = 1;
	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(xlsx_write(path, tp, 1, NULL, &o, &err), 0);
	if (!have_unzip()) {
		table_release(&t);
		return;
	}
	wbx = unzip_part(path, "xl/workbook.xml");
	ss = unzip_part(path, "xl/sharedStrings.xml");
	xml = unzip_part(path, "xl/worksheets/sheet2.xml");
	CU_ASSERT_PTR_NOT_NULL(wbx && strstr(wbx, "name=\"Besoins exemple\""));
	CU_ASSERT_PTR_NOT_NULL(ss && strstr(ss, "NE PAS PUBLIER"));
	CU_ASSERT_PTR_NOT_NULL(ss && strstr(ss, "Masquage : les effectifs"));
	/* stamped on every sheet: the sheet's third row and its header */
	CU_ASSERT_PTR_NOT_NULL(xml && strstr(xml, "NOT FOR PUBLICATION"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cell_xml(xml, "A3"), "t=\"s\""));
	/* no chart asked: no block */
	CU_ASSERT_PTR_NULL(xml && strstr(xml, "<f>"));
	free(wbx);
	free(ss);
	free(xml);
	table_release(&t);
}

static void test_big_data(void)
{
	struct table t, d;
	const struct table *tp[1];
	struct xlsx_opts o;
	struct nserr err;
	const char *path = tu_path("big.xlsx");
	char *xml, *tab, *data;
	int r;

	sample(&t, 1);
	table_init(&d);
	table_set_title(&d, "Data", "Donn\xc3\xa9" "es");
	table_add_col(&d, "category", COL_TEXT, "Category", NULL);
	table_add_col(&d, "needs", COL_INT, "Needs", NULL);
	for (r = 0; r < 3; r++) {
		table_add_row(&d);
		table_set_text(&d, (size_t)r, 0, r ? "Food" : "=cmd()", NULL);
		table_set_int(&d, (size_t)r, 1, r + 1);
	}
	tp[0] = &t;
	xlsx_opts_init(&o);
	o.internal = 1;
	o.big_rows = 2;     /* 3 rows: constant memory */
	nserr_init(&err);
	CU_ASSERT_EQUAL(xlsx_write(path, tp, 1, &d, &o, &err), 0);
	if (err.code)
		fprintf(stderr, "test_big_data: %s\n", err.msg);
	if (!err.code && have_unzip()) {
		xml = unzip_part(path, "xl/worksheets/sheet2.xml");
		data = unzip_part(path, "xl/worksheets/sheet3.xml");
		tab = unzip_part(path, "xl/tables/table1.xml");
		/* no Excel table anywhere, plain autofilters instead */
		CU_ASSERT_PTR_NULL(tab);
		CU_ASSERT_PTR_NOT_NULL(xml && strstr(xml, "<autoFilter "
						     "ref=\"A4:D10\""));
		CU_ASSERT_PTR_NOT_NULL(data && strstr(data, "<autoFilter "
						      "ref=\"A4:B7\""));
		/* constant memory writes inline strings: still no formula */
		CU_ASSERT_PTR_NOT_NULL(data && strstr(data, "=cmd()"));
		CU_ASSERT_PTR_NULL(data && strstr(data, "<f>"));
		/* the cells are there, in row order */
		CU_ASSERT_PTR_NOT_NULL(data && strstr(cell_xml(data, "B7"),
						      "<v>3</v>"));
		CU_ASSERT_PTR_NOT_NULL(xml && strstr(cell_xml(xml, "C5"),
						     "<v>12</v>"));
		CU_ASSERT_PTR_NOT_NULL(xml && strstr(cell_xml(xml, "G5"),
						     "<f>C5</f>"));
		free(xml);
		free(data);
		free(tab);
	}
	table_release(&d);
	table_release(&t);
}

static void test_errors(void)
{
	struct table t;
	const struct table *tp[1];
	struct xlsx_opts o;
	struct nserr err;
	char buf[256];

	sample(&t, 0);
	tp[0] = &t;
	xlsx_opts_init(&o);
	nserr_init(&err);
	CU_ASSERT_EQUAL(xlsx_write(tu_path("none.xlsx"), tp, 0, NULL, &o,
				   &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(xlsx_write("/nonexistent-dir/x.xlsx", tp, 1, NULL,
				   &o, &err), NS_ECANTCREAT);
	CU_ASSERT_EQUAL(strncmp(err.msg, "cannot write '/nonexistent-dir/"
				"x.xlsx': ", 33), 0);
	/* cell notes */
	CU_ASSERT_STRING_EQUAL(xlsx_cell_note(&t, 0, 2, NS_EN, buf, sizeof buf),
			       "");
	CU_ASSERT_PTR_NOT_NULL(strstr(xlsx_cell_note(&t, 1, 2, NS_FR, buf,
						     sizeof buf), "0 \xc3\xa0 4"));
	table_release(&t);
}

static void test_width(void)
{
	struct table t;

	sample(&t, 0);
	/* "Agency" (6) + 3 for the filter button; "@SUM(A1)" 8 + 1 */
	CU_ASSERT_DOUBLE_EQUAL(xlsx_col_width(&t, 1, NS_EN), 9.0, 1e-9);
	/* "Organisme" 9 + 3 */
	CU_ASSERT_DOUBLE_EQUAL(xlsx_col_width(&t, 1, NS_FR), 12.0, 1e-9);
	/* never below 6 */
	CU_ASSERT_TRUE(xlsx_col_width(&t, 3, NS_EN) >= 6.0);
	table_release(&t);
}

static CU_TestInfo tests[] = {
	{"sheet names", test_sheet_name},
	{"number formats", test_num_format},
	{"column widths", test_width},
	{"workbook cells, notes, table, chart", test_write},
	{"French, internal", test_french_internal},
	{"constant memory Data sheet", test_big_data},
	{"errors", test_errors},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_xlsx[] = {
	{"xlsx", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
