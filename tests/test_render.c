/*
 * Tests for the renderers: golden outputs of one small bilingual table
 * (a suppressed count, a complementary cell, NULLs, a share with its
 * interval, a small estimated rate shown with 3 significant digits (and
 * in full in CSV and JSON, with flag columns in CSV), a significant
 * change, a total row, French
 * accents, a text cell holding a comma, quotes and a newline) in every
 * format, then escaping, empty tables, bad arguments and write failures.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "render/render.h"
#include "core/table.h"

static void fixture(struct table *t)
{
	int ys[1] = { 3 };

	table_init(t);
	table_set_id(t, "unmet");
	table_set_title(t, "Unmet needs by category",
			"Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie");
	table_set_subtitle(t, "April 2024", "avril 2024");
	table_set_min_cell(t, 5);
	table_add_col(t, "category", COL_TEXT, "Category", "Cat\xc3\xa9gorie");
	table_add_col(t, "needs", COL_INT, "Needs", "Besoins");
	table_add_col(t, "unmet", COL_INT, "Unmet", "Non combl\xc3\xa9s");
	table_add_col(t, "unmet_share", COL_SHARE, "Unmet share",
		      "Part non combl\xc3\xa9" "e");
	table_add_col(t, "unmet_share_lo", COL_SHARE, "95% CI low",
		      "IC 95 % bas");
	table_add_col(t, "unmet_share_hi", COL_SHARE, "95% CI high",
		      "IC 95 % haut");
	table_add_col(t, "rate", COL_RATE, "Rate", "Taux");
	table_col_set_unit(t, 6, "per 10,000", "pour 10 000");
	table_col_set_denom(t, 3, 1);
	table_col_set_interval(t, 3, 4, 5);
	table_add_row(t);
	table_set_text(t, 0, 0, "Housing", "Logement");
	table_set_int(t, 0, 1, 1234);
	table_set_int(t, 0, 2, 456);
	table_set_real(t, 0, 3, 0.36953);
	table_set_flags(t, 0, 3, CELL_SIGNIFICANT);
	table_set_real(t, 0, 4, 0.34271);
	table_set_real(t, 0, 5, 0.39722);
	table_set_real(t, 0, 6, 12.345);
	table_add_row(t);
	table_set_text(t, 1, 0, "Food, \"emergency\"\nhampers",
		       "Alimentation, \"d\xc3\xa9pannage\"\npaniers");
	table_set_flags(t, 1, 1, CELL_SUPPRESSED);
	table_set_flags(t, 1, 3, CELL_COMPLEMENTARY);
	table_set_real(t, 1, 6, 0.00412);
	table_set_flags(t, 1, 6, CELL_ESTIMATED);
	table_add_row(t);
	table_set_row_flags(t, 2, ROW_TOTAL);
	table_set_text(t, 2, 0, "Total", NULL);
	table_set_int(t, 2, 1, 1240);
	table_set_int(t, 2, 2, 460);
	table_set_real(t, 2, 3, 460.0 / 1240.0);
	table_set_real(t, 2, 6, 12.4);
	table_add_note(t, "Source: batches 1-3.",
		       "Source\xc2\xa0: lots 1 \xc3\xa0 3.");
	table_add_note(t, "Counts under 5 are suppressed.",
		       "Les effectifs inf\xc3\xa9rieurs \xc3\xa0 5 sont "
		       "masqu\xc3\xa9s.");
	table_set_meta(t, "period_from", "2024-04-01");
	table_set_meta(t, "period_to", "2024-04-30");
	table_set_chart(t, CHART_BAR, 0, ys, 1, -1);
}

static const char golden_text_en[] =
	"Unmet needs by category\n"
	"April 2024\n"
	"\n"
	"Category                   Needs  Unmet  Unmet share  95% CI low  95% CI high  Rate (per 10,000)\n"
	"-------------------------  -----  -----  -----------  ----------  -----------  -----------------\n"
	"Housing                    1,234    456       37.0%*       34.3%        39.7%              12.3\n"
	"Food, \"emergency\" hampers     <5                  x                                     0.00412E\n"
	"-------------------------  -----  -----  -----------  ----------  -----------  -----------------\n"
	"Total                      1,240    460       37.1%                                        12.4\n"
	"\n"
	"Notes:\n"
	"- Source: batches 1-3.\n"
	"- Counts under 5 are suppressed.\n"
;

static const char golden_text_fr[] =
	"Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie\n"
	"avril 2024\n"
	"\n"
	"Cat\xc3\xa9gorie                          Besoins  Non combl\xc3\xa9s  Part non combl\xc3\xa9" "e  IC 95 % bas  IC 95 % haut  Taux (pour 10 000)\n"
	"---------------------------------  -------  -----------  ----------------  -----------  ------------  ------------------\n"
	"Logement                             1 234          456           37,0\xc2\xa0%*       34,3\xc2\xa0%        39,7\xc2\xa0%               12,3\n"
	"Alimentation, \"d\xc3\xa9pannage\" paniers       <5                             x                                        0,00412E\n"
	"---------------------------------  -------  -----------  ----------------  -----------  ------------  ------------------\n"
	"Total                                1 240          460           37,1\xc2\xa0%                                           12,4\n"
	"\n"
	"Notes\xc2\xa0:\n"
	"- Source\xc2\xa0: lots 1 \xc3\xa0 3.\n"
	"- Les effectifs inf\xc3\xa9rieurs \xc3\xa0 5 sont masqu\xc3\xa9s.\n"
;

static const char golden_csv_en[] =
	"row_type,category,needs,needs_flag,unmet,unmet_flag,unmet_share,"
	"unmet_share_flag,unmet_share_lo,unmet_share_lo_flag,unmet_share_hi,"
	"unmet_share_hi_flag,rate,rate_flag\n"
	"data,Housing,1234,,456,,0.36953,*,0.34271,,0.39722,,12.345,\n"
	"data,\"Food, \"\"emergency\"\"\n"
	"hampers\",,<5,,,,x,,,,,0.00412,E\n"
	"total,Total,1240,,460,,0.3709677419354839,,,,,,12.4,\n"
;

static const char golden_md_en[] =
	"## Unmet needs by category\n"
	"\n"
	"April 2024\n"
	"\n"
	"| Category | Needs | Unmet | Unmet share | 95% CI low | 95% CI high | Rate (per 10,000) |\n"
	"| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
	"| Housing | 1,234 | 456 | 37.0%\\* | 34.3% | 39.7% | 12.3 |\n"
	"| Food, \"emergency\" hampers | <5 |  | x |  |  | 0.00412E |\n"
	"| **Total** | **1,240** | **460** | **37.1%** |  |  | **12.4** |\n"
	"\n"
	"- Source: batches 1-3.\n"
	"- Counts under 5 are suppressed.\n"
;

static const char golden_md_fr[] =
	"## Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie\n"
	"\n"
	"avril 2024\n"
	"\n"
	"| Cat\xc3\xa9gorie | Besoins | Non combl\xc3\xa9s | Part non combl\xc3\xa9" "e | IC 95 % bas | IC 95 % haut | Taux (pour 10 000) |\n"
	"| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
	"| Logement | 1 234 | 456 | 37,0\xc2\xa0%\\* | 34,3\xc2\xa0% | 39,7\xc2\xa0% | 12,3 |\n"
	"| Alimentation, \"d\xc3\xa9pannage\" paniers | <5 |  | x |  |  | 0,00412E |\n"
	"| **Total** | **1 240** | **460** | **37,1\xc2\xa0%** |  |  | **12,4** |\n"
	"\n"
	"- Source\xc2\xa0: lots 1 \xc3\xa0 3.\n"
	"- Les effectifs inf\xc3\xa9rieurs \xc3\xa0 5 sont masqu\xc3\xa9s.\n"
;

static const char golden_json_en[] =
	"{\n"
	"  \"id\": \"unmet\",\n"
	"  \"lang\": \"en\",\n"
	"  \"title\": \"Unmet needs by category\",\n"
	"  \"subtitle\": \"April 2024\",\n"
	"  \"min_cell\": 5,\n"
	"  \"columns\": [\n"
	"    {\"name\": \"category\", \"label\": \"Category\", \"type\": \"text\", \"unit\": null, \"decimals\": 0, \"key\": true, \"count\": false, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": null},\n"
	"    {\"name\": \"needs\", \"label\": \"Needs\", \"type\": \"int\", \"unit\": null, \"decimals\": 0, \"key\": false, \"count\": true, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": null},\n"
	"    {\"name\": \"unmet\", \"label\": \"Unmet\", \"type\": \"int\", \"unit\": null, \"decimals\": 0, \"key\": false, \"count\": true, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": null},\n"
	"    {\"name\": \"unmet_share\", \"label\": \"Unmet share\", \"type\": \"share\", \"unit\": null, \"decimals\": 1, \"key\": false, \"count\": false, \"total\": false, \"denominator\": \"needs\", \"interval\": [\"unmet_share_lo\", \"unmet_share_hi\"], \"bound_of\": null},\n"
	"    {\"name\": \"unmet_share_lo\", \"label\": \"95% CI low\", \"type\": \"share\", \"unit\": null, \"decimals\": 1, \"key\": false, \"count\": false, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": \"unmet_share\"},\n"
	"    {\"name\": \"unmet_share_hi\", \"label\": \"95% CI high\", \"type\": \"share\", \"unit\": null, \"decimals\": 1, \"key\": false, \"count\": false, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": \"unmet_share\"},\n"
	"    {\"name\": \"rate\", \"label\": \"Rate\", \"type\": \"rate\", \"unit\": \"per 10,000\", \"decimals\": 1, \"key\": false, \"count\": false, \"total\": false, \"denominator\": null, \"interval\": null, \"bound_of\": null}\n"
	"  ],\n"
	"  \"rows\": [\n"
	"    [\"Housing\", 1234, 456, 0.36953, 0.34271, 0.39722, 12.345],\n"
	"    [\"Food, \\\"emergency\\\"\\nhampers\", null, null, null, null, null, 0.00412],\n"
	"    [\"Total\", 1240, 460, 0.3709677419354839, null, null, 12.4]\n"
	"  ],\n"
	"  \"flags\": [\n"
	"    {\"unmet_share\": [\"significant\"]},\n"
	"    {\"needs\": [\"suppressed\"], \"unmet_share\": [\"suppressed\", \"complementary\"], \"rate\": [\"estimated\"]},\n"
	"    {}\n"
	"  ],\n"
	"  \"total_rows\": [2],\n"
	"  \"notes\": [\n"
	"    \"Source: batches 1-3.\",\n"
	"    \"Counts under 5 are suppressed.\"\n"
	"  ],\n"
	"  \"meta\": {\"period_from\": \"2024-04-01\", \"period_to\": \"2024-04-30\"},\n"
	"  \"chart\": {\"type\": \"bar\", \"x\": \"category\", \"y\": [\"unmet_share\"], \"series\": null}\n"
	"}\n"
;

static const char golden_html_fr[] =
	"<table class=\"needstat\" data-id=\"unmet\" lang=\"fr\">\n"
	"<caption>Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie<br><span class=\"subtitle\">avril 2024</span></caption>\n"
	"<thead>\n"
	"<tr><th scope=\"col\">Cat\xc3\xa9gorie</th><th scope=\"col\" class=\"num\">Besoins</th><th scope=\"col\" class=\"num\">Non combl\xc3\xa9s</th><th scope=\"col\" class=\"num\">Part non combl\xc3\xa9" "e</th><th scope=\"col\" class=\"num\">IC 95 % bas</th><th scope=\"col\" class=\"num\">IC 95 % haut</th><th scope=\"col\" class=\"num\">Taux <span class=\"unit\">(pour 10 000)</span></th></tr>\n"
	"</thead>\n"
	"<tbody>\n"
	"<tr><th scope=\"row\">Logement</th><td class=\"num\">1\xe2\x80\xaf" "234</td><td class=\"num\">456</td><td class=\"num significant\">37,0\xe2\x80\xaf%<span class=\"marker\">*</span></td><td class=\"num\">34,3\xe2\x80\xaf%</td><td class=\"num\">39,7\xe2\x80\xaf%</td><td class=\"num\">12,3</td></tr>\n"
	"<tr><th scope=\"row\">Alimentation, &quot;d\xc3\xa9pannage&quot;\n"
	"paniers</th><td class=\"num suppressed\">&lt;5</td><td class=\"num\"></td><td class=\"num suppressed\">x</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num estimated\">0,00412<span class=\"marker\">E</span></td></tr>\n"
	"<tr class=\"total\"><th scope=\"row\">Total</th><td class=\"num\">1\xe2\x80\xaf" "240</td><td class=\"num\">460</td><td class=\"num\">37,1\xe2\x80\xaf%</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">12,4</td></tr>\n"
	"</tbody>\n"
	"</table>\n"
	"<ul class=\"notes\">\n"
	"<li>Source\xc2\xa0: lots 1 \xc3\xa0 3.</li>\n"
	"<li>Les effectifs inf\xc3\xa9rieurs \xc3\xa0 5 sont masqu\xc3\xa9s.</li>\n"
	"</ul>\n"
;

/* render_f: t in fmt/lang with flags into a malloc'ed string; *rc gets
 * the status. */
static char *render_f(const struct table *t, enum render_format fmt,
		      int lang, unsigned flags, int *rc)
{
	struct nserr err;
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);

	nserr_init(&err);
	*rc = render_table_flags(t, fmt, lang, flags, f, &err);
	fclose(f);
	return p;
}

/* render: render_f without flags (HTML is a page). */
static char *render(const struct table *t, enum render_format fmt, int lang,
		    int *rc)
{
	return render_f(t, fmt, lang, 0, rc);
}

static void check_f(enum render_format fmt, int lang, unsigned flags,
		    const char *want)
{
	struct table t;
	char *got;
	int rc;

	fixture(&t);
	got = render_f(&t, fmt, lang, flags, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n--- got (%s %s):\n%s---\n",
			render_format_name(fmt), nf_lang_code(lang), got);
	free(got);
	table_release(&t);
}

static void check(enum render_format fmt, int lang, const char *want)
{
	check_f(fmt, lang, 0, want);
}

static void test_text(void)
{
	check(RENDER_TEXT, NS_EN, golden_text_en);
	check(RENDER_TEXT, NS_FR, golden_text_fr);
}

static void test_csv(void)
{
	check(RENDER_CSV, NS_EN, golden_csv_en);
}

static void test_md(void)
{
	check(RENDER_MD, NS_EN, golden_md_en);
	check(RENDER_MD, NS_FR, golden_md_fr);
}

static void test_json(void)
{
	check(RENDER_JSON, NS_EN, golden_json_en);
}

/* The page: the shell around the very fragment, the stylesheet inline. */
static const char page_head_fr[] =
	"<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, "
	"initial-scale=1\">\n"
	"<title>Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie</title>\n"
	"<style>\n";
static const char page_tail[] = "</main>\n</body>\n</html>\n";

static void test_html(void)
{
	const char *css = render_page_css();
	size_t n;
	char *want;

	check_f(RENDER_HTML, NS_FR, RENDER_FRAGMENT, golden_html_fr);
	n = strlen(page_head_fr) + strlen(css) + strlen(golden_html_fr) + 64;
	want = malloc(n);
	snprintf(want, n, "%s%s</style>\n</head>\n<body>\n<main>\n%s%s",
		 page_head_fr, css, golden_html_fr, page_tail);
	check(RENDER_HTML, NS_FR, want);
	free(want);
	/* the stylesheet does what the page promises */
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "font-variant-numeric: "
				      "tabular-nums"));
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "position: sticky"));
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "tr:nth-child(even)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(css, "@media print"));
	CU_ASSERT_PTR_NULL(strstr(css, "</"));
	CU_ASSERT_EQUAL(css[strlen(css) - 1], '\n');
}

/* The shell on its own, as the dashboard uses it: title and href escaped,
 * a linked stylesheet, several fragments in one page, bad arguments and
 * write failures. */
static void test_page(void)
{
	struct nserr err;
	struct table t;
	char *p = NULL, *got;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n), *full;
	int rc;

	nserr_init(&err);
	CU_ASSERT_EQUAL(render_page_open(f, "<Needs> & \"gaps\"", NS_EN,
					 "s.css?a=1&b='2'", &err), 0);
	fixture(&t);
	CU_ASSERT_EQUAL(render_table_flags(&t, RENDER_HTML, NS_EN,
					   RENDER_FRAGMENT, f, &err), 0);
	CU_ASSERT_EQUAL(render_table_flags(&t, RENDER_HTML, NS_FR,
					   RENDER_FRAGMENT, f, &err), 0);
	CU_ASSERT_EQUAL(render_page_close(f, &err), 0);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<html lang=\"en\">\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<title>&lt;Needs&gt; &amp; "
				      "&quot;gaps&quot;</title>\n"
				      "<link rel=\"stylesheet\" href=\"s.css"
				      "?a=1&amp;b=&#39;2&#39;\">\n</head>\n"
				      "<body>\n<main>\n<table class="));
	CU_ASSERT_PTR_NULL(strstr(p, "<style>"));
	CU_ASSERT_PTR_NULL(strstr(p, "<!DOCTYPE html>\n<html lang=\"fr\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "lang=\"fr\">\n<caption>"));
	CU_ASSERT_EQUAL(strcmp(p + strlen(p) - strlen(page_tail), page_tail),
			0);
	free(p);
	/* an untitled table's page is titled with its id */
	table_set_title(&t, "", "");
	got = render(&t, RENDER_HTML, NS_EN, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "<title>unmet</title>"));
	free(got);
	/* flags other formats ignore; unknown flags refused */
	got = render_f(&t, RENDER_CSV, NS_EN, RENDER_FRAGMENT, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	free(got);
	got = render_f(&t, RENDER_HTML, NS_EN, 0x80, &rc);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	free(got);
	table_release(&t);
	CU_ASSERT_EQUAL(render_page_open(stdout, "x", 7, NULL, &err),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(render_page_close(NULL, &err), NS_EUSAGE);
	full = fopen("/dev/full", "w");
	if (full) {
		nserr_init(&err);
		CU_ASSERT_EQUAL(render_page_open(full, "x", NS_FR, NULL, &err),
				NS_EIO);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot write HTML "
					      "page: "));
		fclose(full);
	}
}

/* A one-column text table holding s, with s as title and note too. */
static char *render_text_cell(const char *s, enum render_format fmt)
{
	struct table t;
	char *got;
	int rc;

	table_init(&t);
	table_set_id(&t, "esc");
	table_add_col(&t, "v", COL_TEXT, "V", NULL);
	table_add_row(&t);
	table_set_text(&t, 0, 0, s, NULL);
	got = render(&t, fmt, NS_EN, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	table_release(&t);
	return got;
}

static void test_escaping(void)
{
	char *got;

	got = render_text_cell("a\x01" "b\x7f" "c\xe2\x80\xa8" "d\xff" "e</x>\t",
			       RENDER_JSON);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "[\"a\\u0001b\\u007fc\\u2028d"
				      "\xef\xbf\xbd" "e\\u003c/x\\u003e\\t\"]"));
	free(got);
	got = render_text_cell("x,y", RENDER_CSV);
	CU_ASSERT_STRING_EQUAL(got, "row_type,v\ndata,\"x,y\"\n");
	free(got);
	got = render_text_cell("say \"hi\"\r\n", RENDER_CSV);
	CU_ASSERT_STRING_EQUAL(got, "row_type,v\ndata,\"say \"\"hi\"\"\r\n\"\n");
	free(got);
	got = render_text_cell("", RENDER_CSV);
	CU_ASSERT_STRING_EQUAL(got, "row_type,v\ndata,\n");
	free(got);
	/* a formula in a text cell is neutralised for spreadsheets */
	got = render_text_cell("=HYPERLINK(\"http://x\",\"y\")", RENDER_CSV);
	CU_ASSERT_STRING_EQUAL(got, "row_type,v\ndata,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n");
	free(got);
	got = render_text_cell("@SUM(A1)", RENDER_CSV);
	CU_ASSERT_STRING_EQUAL(got, "row_type,v\ndata,'@SUM(A1)\n");
	free(got);
	got = render_text_cell("a|b *c* <b>x</b> 1<2 [l](u) \\ & &amp; #",
			       RENDER_MD);
	CU_ASSERT_STRING_EQUAL(got, "| V |\n| --- |\n"
			       "| a\\|b \\*c\\* \\<b>x\\</b> 1<2 \\[l\\](u) "
			       "\\\\ & \\&amp; \\# |\n");
	free(got);
	got = render_text_cell("<a href='x'>&\"\x1b", RENDER_HTML);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "<th scope=\"row\">&lt;a href=&#39;"
				      "x&#39;&gt;&amp;&quot; </th>"));
	free(got);
	got = render_text_cell("\x1b[31mred\nline", RENDER_TEXT);
	CU_ASSERT_STRING_EQUAL(got, "V\n-------------\n [31mred line\n");
	free(got);
}

static void test_wide_and_dates(void)
{
	struct table t;
	char *got;
	int rc;

	table_init(&t);
	table_add_col(&t, "m", COL_MONTH, "Mois", NULL);
	table_add_col(&t, "city", COL_TEXT, "Ville", NULL);
	table_add_col(&t, "n", COL_REAL, "N", NULL);
	table_add_row(&t);
	table_set_text(&t, 0, 0, "2024-02", NULL);
	table_set_text(&t, 0, 1, "\xe6\x9d\xb1\xe4\xba\xac", NULL);
	table_set_real(&t, 0, 2, NAN);
	table_add_row(&t);
	table_set_text(&t, 1, 0, "2024-08", NULL);
	table_set_text(&t, 1, 1, "Qu\xc3\xa9" "bec", NULL);
	table_set_real(&t, 1, 2, -1.25);
	got = render(&t, RENDER_TEXT, NS_FR, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_STRING_EQUAL(got,
		"Mois        Ville       N\n"
		"----------  ------  -----\n"
		"f\xc3\xa9vr. 2024  \xe6\x9d\xb1\xe4\xba\xac\n"
		"ao\xc3\xbbt 2024   Qu\xc3\xa9" "bec  -1,25\n");
	free(got);
	got = render(&t, RENDER_JSON, NS_FR, &rc);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "[\"2024-02\", \"\xe6\x9d\xb1"
				      "\xe4\xba\xac\", null]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"title\": \"\","));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"chart\": null\n}\n"));
	free(got);
	table_release(&t);
}

static void test_empty_and_errors(void)
{
	struct table t;
	struct nserr err;
	char *got;
	int rc;
	FILE *full;

	table_init(&t);
	got = render(&t, RENDER_JSON, NS_EN, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_STRING_EQUAL(got, "{\n  \"id\": \"\",\n  \"lang\": \"en\",\n"
		"  \"title\": \"\",\n  \"subtitle\": \"\",\n"
		"  \"min_cell\": 0,\n  \"columns\": [],\n  \"rows\": [],\n"
		"  \"flags\": [],\n  \"total_rows\": [],\n  \"notes\": [],\n"
		"  \"meta\": {},\n  \"chart\": null\n}\n");
	free(got);
	got = render(&t, RENDER_TEXT, NS_EN, &rc);
	CU_ASSERT_STRING_EQUAL(got, "");
	free(got);
	got = render(&t, RENDER_CSV, NS_EN, &rc);
	CU_ASSERT_STRING_EQUAL(got, "");
	free(got);
	got = render(&t, (enum render_format)9, NS_EN, &rc);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	free(got);
	got = render(&t, RENDER_CSV, 5, &rc);
	CU_ASSERT_EQUAL(rc, NS_EUSAGE);
	free(got);
	table_release(&t);
	fixture(&t);
	full = fopen("/dev/full", "w");
	if (full) {
		nserr_init(&err);
		CU_ASSERT_EQUAL(render_table(&t, RENDER_HTML, NS_EN, full, &err),
				NS_EIO);
		CU_ASSERT_EQUAL(err.code, NS_EIO);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot write HTML "
					      "table 'unmet': "));
		fclose(full);
	}
	table_release(&t);
	CU_ASSERT_EQUAL(render_format_parse("markdown"), RENDER_MD);
	CU_ASSERT_EQUAL(render_format_parse("txt"), RENDER_TEXT);
	CU_ASSERT_EQUAL(render_format_parse("json"), RENDER_JSON);
	CU_ASSERT_EQUAL(render_format_parse("xml"), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(render_format_ext(RENDER_TEXT), "txt");
	CU_ASSERT_STRING_EQUAL(render_format_name(RENDER_HTML), "html");
}

static CU_TestInfo tests[] = {
	{"text", test_text},
	{"csv", test_csv},
	{"markdown", test_md},
	{"json", test_json},
	{"html", test_html},
	{"html page shell", test_page},
	{"escaping", test_escaping},
	{"wide characters, months, NaN", test_wide_and_dates},
	{"empty table and errors", test_empty_and_errors},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_render[] = {
	{"render", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
