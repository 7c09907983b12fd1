/*
 * dash_html: writing a dashboard's site (dashboard_write, dashboard.h):
 * one stylesheet, a page per language, a CSV per table and language and
 * the month's workbook per language (dash_book.c), linked under the
 * headline figures.
 *
 * The pages are static, semantic HTML without scripts, in the page shell
 * of render.h (render_page_open: head, the one stylesheet, lang): a
 * header with the
 * language switch, the headline figures as a definition list, each table
 * as the HTML fragment of render_table (caption, th scope, flags) in a
 * scrolling wrapper with a link to its CSV, the data-quality notes and
 * the notes on the figures; under a table its charts (dash_chart.c) as
 * figures of LANG/charts/NAME.svg with alt text and a caption.  Every text from the data goes through esc()
 * or render_table, which escape & < > " '.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dash_int.h"

/* The size of a chart: CSS pixels of the PNG, points of the SVG. */
#define DASH_CHART_W 760
#define DASH_CHART_H 460
#include "render/render.h"

/* What the dashboard adds to the page shell's stylesheet
 * (render_page_css): the header, the headline figures, phone and print. */
static const char css[] =
"/* needstat dashboard */\n"
":root { --accent: #0072b2; --band: #f3f6f9; --muted: #555; }\n"
"header { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }\n"
"h1 { font-size: 1.6rem; margin: .3rem 0 .2rem; }\n"
"h2 { font-size: 1.25rem; margin: 2rem 0 .3rem; }\n"
".lang { float: right; margin: .3rem 0; }\n"
".meta, .csv { color: var(--muted); font-size: .9rem; }\n"
".figures { display: grid; grid-template-columns: repeat(auto-fit,"
" minmax(12rem, 1fr)); gap: .75rem; margin: 1rem 0; padding: 0; }\n"
".figures div { background: var(--band); border-left: 4px solid"
" var(--accent); padding: .6rem .8rem; }\n"
".figures dt { font-size: .9rem; color: var(--muted); }\n"
".figures dd { margin: .1rem 0 0; font-size: 1.5rem; font-weight: 600; }\n"
".figures dd small { display: block; font-size: .8rem; font-weight: 400;"
" color: var(--muted); }\n"
".empty { font-size: 1.2rem; padding: 1rem; background: var(--band); }\n"
".scroll { overflow-x: auto; }\n"
"/* the section's heading says what the caption says: the caption is\n"
"   kept for screen readers only */\n"
".scroll caption { position: absolute; width: 1px; height: 1px;"
" overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n"
".scroll table.needstat { margin-top: .5rem; }\n"
"figure.chart { margin: 1rem 0; }\n"
"figure.chart img { max-width: 100%; height: auto; display: block; }\n"
"figure.chart figcaption { color: var(--muted); font-size: .9rem; }\n"
"a { color: var(--accent); }\n"
".book { margin: 0 0 1rem; }\n"
"@media (max-width: 40rem) { body { margin: 1rem auto; } .lang {"
" float: none; } table.needstat tbody th { min-width: 8em; } }\n"
"@media print { header { border-bottom-color: #000; } a { color: inherit;"
" text-decoration: none; } .csv, .lang { display: none; }"
" section { break-inside: avoid; } .scroll { overflow: visible; }"
" .figures div { -webkit-print-color-adjust: exact;"
" print-color-adjust: exact; } }\n";

/* The words of a page, in each language. */
static const char *const W[][NS_NLANG] = {
#define W_TITLE 0
	{ "Needs dashboard", "Tableau de bord des besoins" },
#define W_OTHER 1
	{ "Fran\xc3\xa7" "ais", "English" },
#define W_GLANCE 2
	{ "The month at a glance", "Le mois en bref" },
#define W_EMPTY 3
	{ "No data for this month: no contact log loaded covers it.",
	  "Aucune donn\xc3\xa9" "e pour ce mois\xc2\xa0: aucun journal de "
	  "contacts charg\xc3\xa9 ne le couvre." },
#define W_UNMET 4
	{ "Unmet share", "Part non combl\xc3\xa9" "e" },
#define W_CHANGE 5
	{ "Change from a year earlier", "Variation sur un an" },
#define W_CI 6
	{ "95% CI", "IC \xc3\xa0 95\xc2\xa0%" },
#define W_SIG 7
	{ "significant", "significative" },
#define W_NOTSIG 8
	{ "not significant", "non significative" },
#define W_CSV 9
	{ "Download as CSV", "T\xc3\xa9l\xc3\xa9" "charger en CSV" },
#define W_DQ 10
	{ "Data quality", "Qualit\xc3\xa9 des donn\xc3\xa9" "es" },
#define W_DQNONE 11
	{ "No problem found in the data of this month.",
	  "Aucun probl\xc3\xa8me relev\xc3\xa9 dans les donn\xc3\xa9" "es du "
	  "mois." },
#define W_ABOUT 12
	{ "About these figures", "\xc3\x80 propos de ces chiffres" },
#define W_GEN 13
	{ "Generated", "Produit le" },
#define W_UNMETN 14
	{ "Unmet needs", "Besoins non combl\xc3\xa9s" },
#define W_PREV 15
	{ "Needs a year earlier", "Besoins un an plus t\xc3\xb4t" },
#define W_BOOK 16
	{ "The month\xe2\x80\x99s reports as an Excel workbook",
	  "Les rapports du mois en classeur Excel" },
};

struct page {
	FILE *f;
	const char *path;
	int lang;
};

/* esc: s HTML-escaped (element content and attribute values). */
static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: putc(*s, f);
		}
}

/* cell: the display text of headline column name (with its marker). */
static void cell(struct page *p, const struct table *t, const char *name)
{
	char buf[NF_BUFSZ];
	int c = table_col_find(t, name);

	if (c < 0 || table_nrows(t) == 0) {
		fputs("\xe2\x80\x94", p->f);
		return;
	}
	esc(p->f, table_cell_display(t, 0, (size_t)c, p->lang, NF_UNICODE, buf,
				     sizeof buf));
	esc(p->f, table_cell_marker(t, 0, (size_t)c));
}

static void figure(struct page *p, const struct table *t, const char *label,
		   const char *name, const char *lo, const char *extra)
{
	fputs("<div><dt>", p->f);
	esc(p->f, label);
	fputs("</dt><dd>", p->f);
	cell(p, t, name);
	if (lo) {
		fprintf(p->f, "<small>%s ", W[W_CI][p->lang]);
		cell(p, t, lo);
		fputs(" \xe2\x80\x93 ", p->f);
		cell(p, t, extra);
		fputs("</small>", p->f);
	}
	fputs("</dd></div>\n", p->f);
}

static void headline(struct page *p, const struct dashboard *d)
{
	const struct table *t = &d->t[DASH_HEADLINE];
	int sig = table_col_find(t, "significant");
	char buf[NF_BUFSZ];

	fprintf(p->f, "<section aria-labelledby=\"glance\">\n<h2 id=\"glance\">"
		"%s</h2>\n<dl class=\"figures\">\n", W[W_GLANCE][p->lang]);
	figure(p, t, table_col_label(t, 0, p->lang), "contacts", NULL, NULL);
	figure(p, t, table_col_label(t, 1, p->lang), "needs", NULL, NULL);
	figure(p, t, W[W_UNMETN][p->lang], "unmet", NULL, NULL);
	figure(p, t, W[W_UNMET][p->lang], "unmet_share", "unmet_share_lo",
	       "unmet_share_hi");
	figure(p, t, W[W_PREV][p->lang], "needs_prev", NULL, NULL);
	figure(p, t, W[W_CHANGE][p->lang], "change", "change_lo", "change_hi");
	fputs("</dl>\n", p->f);
	if (sig >= 0 && table_nrows(t) && !table_is_null(t, 0, (size_t)sig)) {
		const char *v = table_cell_display(t, 0, (size_t)sig, NS_EN,
						   NF_MACHINE, buf, sizeof buf);

		fprintf(p->f, "<p>%s%s%s.</p>\n", W[W_CHANGE][p->lang],
			p->lang == NS_FR ? "\xc2\xa0: " : ": ",
			strcmp(v, "yes") == 0 ? W[W_SIG][p->lang]
					      : W[W_NOTSIG][p->lang]);
	}
	fputs("</section>\n", p->f);
}

/* book: the link to the month's workbook in the page's language. */
static void book(struct page *p, const struct dashboard *d)
{
	char name[64];

	if (!d->book.n)
		return;
	dash_book_name(d, p->lang, name, sizeof name);
	fprintf(p->f, "<p class=\"book\"><a href=\"../xlsx/%s\" type=\""
		"application/vnd.openxmlformats-officedocument.spreadsheetml."
		"sheet\" download>%s</a> (xlsx)</p>\n", name, W[W_BOOK][p->lang]);
}

/* figures: the charts of table ti, each an <img> of its SVG (alt: the
 * chart's message) with a caption and a link to the PNG. */
static void figures(struct page *p, const struct dashboard *d, size_t ti)
{
	char alt[1024];
	size_t k, n;

	for (k = 0; k < DASH_NCHARTS; k++) {
		const struct chart *c = &d->chart[k][p->lang];
		const char *name = dash_chart_name(k);

		if (!d->has_chart[k] || dash_chart_table(k) != ti)
			continue;
		dash_chart_alt(c, p->lang, alt, sizeof alt);
		fprintf(p->f, "<figure class=\"chart\">\n<img src=\"charts/%s"
			".svg\" width=\"%d\" height=\"%d\" alt=\"", name,
			DASH_CHART_W, DASH_CHART_H);
		esc(p->f, alt);
		fputs("\">\n<figcaption>", p->f);
		esc(p->f, c->title);
		fputs(".", p->f);
		for (n = 0; n < c->nnotes; n++) {
			fputc(' ', p->f);
			esc(p->f, c->notes[n]);
		}
		fprintf(p->f, " <a class=\"csv\" href=\"charts/%s.png\">PNG</a>"
			"</figcaption>\n</figure>\n", name);
	}
}

static int table_section(struct page *p, const struct dashboard *d,
			 size_t ti, struct nserr *err)
{
	const struct table *t = &d->t[ti];
	int rc;

	fprintf(p->f, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">",
		table_id(t), table_id(t));
	esc(p->f, table_title(t, p->lang));
	fputs("</h2>\n<div class=\"scroll\">\n", p->f);
	fflush(p->f);
	if ((rc = render_table_flags(t, RENDER_HTML, p->lang, RENDER_FRAGMENT,
				     p->f, err)))
		return rc;
	fprintf(p->f, "</div>\n<p class=\"csv\"><a href=\"../csv/%s.%s.csv\">"
		"%s</a></p>\n", table_id(t), nf_lang_code(p->lang),
		W[W_CSV][p->lang]);
	figures(p, d, ti);
	fputs("</section>\n", p->f);
	return 0;
}

static void notes(struct page *p, const struct dashboard *d)
{
	const struct table *h = &d->t[DASH_HEADLINE];
	size_t i;

	fprintf(p->f, "<section aria-labelledby=\"quality\">\n<h2 id=\"quality"
		"\">%s</h2>\n", W[W_DQ][p->lang]);
	if (!d->nnotes)
		fprintf(p->f, "<p>%s</p>\n", W[W_DQNONE][p->lang]);
	else
		fputs("<ul>\n", p->f);
	for (i = 0; i < d->nnotes; i++) {
		fputs("<li>", p->f);
		esc(p->f, d->notes[i].text[p->lang]);
		fputs("</li>\n", p->f);
	}
	fprintf(p->f, "%s</section>\n<section aria-labelledby=\"about\">\n"
		"<h2 id=\"about\">%s</h2>\n<ul class=\"notes\">\n",
		d->nnotes ? "</ul>\n" : "", W[W_ABOUT][p->lang]);
	for (i = 0; i < table_nnotes(h); i++) {
		fputs("<li>", p->f);
		esc(p->f, table_note(h, i, p->lang));
		fputs("</li>\n", p->f);
	}
	fputs("</ul>\n</section>\n", p->f);
}

static int page(struct page *p, const struct dashboard *d, unsigned langs,
		struct nserr *err)
{
	static const size_t order[] = { DASH_STATUS, DASH_TOP, DASH_REGION,
		DASH_TREND };
	int other = !p->lang, rc = 0;
	char title[256];
	size_t i;

	snprintf(title, sizeof title, "%s \xe2\x80\x93 %s", W[W_TITLE][p->lang],
		 d->period[p->lang]);
	if ((rc = render_page_open(p->f, title, p->lang, "../style.css", err)))
		return rc;
	fputs("<header>\n", p->f);
	if (langs & (1u << other))
		fprintf(p->f, "<p class=\"lang\"><a href=\"../%s/index.html\" "
			"hreflang=\"%s\" lang=\"%s\">%s</a></p>\n",
			nf_lang_code(other), nf_lang_code(other),
			nf_lang_code(other), W[W_OTHER][p->lang]);
	fprintf(p->f, "<h1>%s \xe2\x80\x93 ", W[W_TITLE][p->lang]);
	esc(p->f, d->period[p->lang]);
	fprintf(p->f, "</h1>\n<p class=\"meta\">%s %s</p>\n</header>\n",
		W[W_GEN][p->lang], d->generated_at);
	if (d->empty)
		fprintf(p->f, "<p class=\"empty\">%s</p>\n",
			W[W_EMPTY][p->lang]);
	else {
		headline(p, d);
		book(p, d);
		for (i = 0; i < 4 && !rc; i++)
			if (table_nrows(&d->t[order[i]]))
				rc = table_section(p, d, order[i], err);
	}
	if (rc)
		return rc;
	notes(p, d);
	return render_page_close(p->f, err);
}

/* put_file: create path and write into it: the stylesheet (s not NULL),
 * the CSV of table ti (< DASH_NTABLES) or the page of lang. */
static int put_file(const char *path, const struct dashboard *d, int lang,
		    unsigned langs, size_t ti, const char *s,
		    struct nserr *err)
{
	struct page p = { NULL, path, lang };
	int rc = 0;

	if (!(p.f = fopen(path, "w")))
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 path, strerror(errno));
	if (s) {
		fputs(render_page_css(), p.f);
		fputs(s, p.f);
	}
	else if (ti < DASH_NTABLES)
		rc = render_table(&d->t[ti], RENDER_CSV, lang, p.f, err);
	else
		rc = page(&p, d, langs, err);
	if (fflush(p.f) || ferror(p.f)) {
		if (!rc)
			rc = nserr_set(err, NS_EIO, "cannot write '%s': %s",
				       path, strerror(errno));
	}
	if (fclose(p.f) && !rc)
		rc = nserr_set(err, NS_EIO, "cannot write '%s': %s", path,
			       strerror(errno));
	return rc;
}

/* put_chart: chart k of lang into path as fmt. */
static int put_chart(const char *path, const struct dashboard *d, size_t k,
		     int lang, enum chart_format fmt, struct nserr *err)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 path, strerror(errno));
	rc = chart_draw(&d->chart[k][lang], fmt, DASH_CHART_W, DASH_CHART_H,
			1, f, err);
	if (fclose(f) && !rc)
		rc = nserr_set(err, NS_EIO, "cannot write '%s': %s", path,
			       strerror(errno));
	if (rc)
		nserr_prefix(err, "%s", path);
	return rc;
}

static int mkdir_in(const char *dir, const char *sub, char *buf, size_t size,
		    struct nserr *err)
{
	snprintf(buf, size, "%s/%s", dir, sub);
	if (mkdir(buf, 0755) && errno != EEXIST)
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 buf, strerror(errno));
	return 0;
}

int dashboard_write(const struct dashboard *d, const char *dir,
		    unsigned langs, struct nserr *err)
{
	char path[4200], sub[4096];
	size_t ti;
	int lang, rc;

	if (!(langs & 3u))
		return nserr_set(err, NS_EUSAGE, "no language to write");
	snprintf(path, sizeof path, "%s/style.css", dir);
	if ((rc = put_file(path, d, 0, langs, DASH_NTABLES, css, err)) ||
	    (rc = mkdir_in(dir, "csv", sub, sizeof sub, err)))
		return rc;
	for (lang = 0; lang < NS_NLANG; lang++) {
		if (!(langs & (1u << lang)))
			continue;
		if ((rc = mkdir_in(dir, nf_lang_code(lang), sub, sizeof sub,
				   err)))
			return rc;
		snprintf(path, sizeof path, "%s/index.html", sub);
		if ((rc = put_file(path, d, lang, langs, DASH_NTABLES + 1,
				   NULL, err)))
			return rc;
		for (ti = 0; ti < DASH_NCHARTS; ti++) {
			char cdir[4100];

			if (!d->has_chart[ti])
				continue;
			if ((rc = mkdir_in(sub, "charts", cdir, sizeof cdir,
					   err)))
				return rc;
			snprintf(path, sizeof path, "%s/%s.svg", cdir,
				 dash_chart_name(ti));
			if ((rc = put_chart(path, d, ti, lang, CHART_SVG, err)))
				return rc;
			snprintf(path, sizeof path, "%s/%s.png", cdir,
				 dash_chart_name(ti));
			if ((rc = put_chart(path, d, ti, lang, CHART_PNG, err)))
				return rc;
		}
		for (ti = 0; ti < DASH_NTABLES && !d->empty; ti++) {
			snprintf(path, sizeof path, "%s/csv/%s.%s.csv", dir,
				 table_id(&d->t[ti]), nf_lang_code(lang));
			if ((rc = put_file(path, d, lang, langs, ti, NULL,
					   err)))
				return rc;
		}
		if ((rc = dash_book_write(d, dir, lang, err)))
			return rc;
	}
	return 0;
}
