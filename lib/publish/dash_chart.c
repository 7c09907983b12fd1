/*
 * dash_chart: the charts of a dashboard (dash_int.h).  Each chart is the
 * model (render/chart.h) of one of the dashboard's own tables, built
 * after suppression from a chart spec set on the table for the moment of
 * chart_build: so a chart draws only what its table shows (a hidden cell
 * is a gap, never a zero), and no report runs again.  The models are
 * kept in the dashboard per language; dash_html.c draws them as SVG and
 * PNG into LANG/charts/ and writes a figure with alt text (the chart's
 * message, from the model's shown values only) and a caption.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "dash_int.h"

/* The charts, in page order under their table. */
static const struct {
	size_t table;
	const char *name;
	enum chart_type type;
	const char *x, *y[2];
	const char *title[NS_NLANG];
} defs[DASH_NCHARTS] = {
	{ DASH_STATUS, "unmet_by_category", CHART_HBAR, "category",
	  { "unmet", NULL }, { "Unmet needs by category",
	  "Besoins non combl\xc3\xa9s par cat\xc3\xa9gorie" } },
	{ DASH_STATUS, "needs_unmet_by_category", CHART_HBAR, "category",
	  { "needs", "unmet" }, { "Needs and unmet needs by category",
	  "Besoins et besoins non combl\xc3\xa9s par cat\xc3\xa9gorie" } },
	{ DASH_REGION, "unmet_by_region", CHART_HBAR, "region",
	  { "unmet", NULL }, { "Unmet needs by region",
	  "Besoins non combl\xc3\xa9s par r\xc3\xa9gion" } },
	{ DASH_TREND, "trend", CHART_GROUPED_BAR, "category",
	  { "needs_prev", "needs" }, { "Needs against the same month a year "
	  "earlier", "Besoins par rapport au m\xc3\xaame mois un an plus "
	  "t\xc3\xb4t" } },
};

const char *dash_chart_name(size_t i)
{
	return defs[i].name;
}

size_t dash_chart_table(size_t i)
{
	return defs[i].table;
}

/* spec: set chart i's spec on its table; 0, or -1 when a column is not
 * there (the chart is left out). */
static int spec(struct table *t, size_t i)
{
	int x = table_col_find(t, defs[i].x), ys[2];
	size_t ny;

	for (ny = 0; ny < 2 && defs[i].y[ny]; ny++)
		if ((ys[ny] = table_col_find(t, defs[i].y[ny])) < 0)
			return -1;
	if (x < 0)
		return -1;
	return table_set_chart(t, defs[i].type, x, ys, ny, -1);
}

int dash_charts(struct dashboard *d, struct nserr *err)
{
	size_t i, r, rows;
	int lang, rc = 0;

	for (i = 0; i < DASH_NCHARTS && !d->empty && !rc; i++) {
		struct table *t = &d->t[defs[i].table];

		for (r = rows = 0; r < table_nrows(t); r++)
			rows += !(table_row_flags(t, r) & ROW_TOTAL);
		if (!rows || (rc = spec(t, i)) < 0) {
			rc = 0;
			continue;
		}
		for (lang = 0; lang < NS_NLANG && !rc; lang++) {
			struct chart *c = &d->chart[i][lang];

			if ((rc = chart_build(c, t, lang, err)))
				break;
			free(c->title);
			if (!(c->title = strdup(defs[i].title[lang])))
				rc = nserr_set(err, NS_ENOMEM, "out of memory");
			else
				d->has_chart[i] = 1;
		}
		table_set_chart(t, CHART_NONE, -1, NULL, 0, -1);
	}
	if (rc)
		nserr_prefix(err, "chart %s", defs[i - 1].name);
	return rc;
}

/* value: point p as text in lang into buf. */
static const char *value(const struct chart_point *p, int lang, char *buf,
			 size_t size)
{
	nf_int(buf, size, (int64_t)(p->v + (p->v < 0 ? -0.5 : 0.5)), lang,
	       NF_UNICODE);
	return buf;
}

int dash_chart_alt(const struct chart *c, int lang, char *buf, size_t size)
{
	const char *colon = lang == NS_FR ? "\xc2\xa0: " : ": ";
	size_t k, s, said = 0, len;
	char v[NF_BUFSZ];
	int hbar = c->type == CHART_HBAR;

	snprintf(buf, size, "%s", c->title ? c->title : "");
	len = strlen(buf);
	/* the message: the first categories drawn (ranked for a bar chart
	 * of one order) with their shown values; hidden ones are not said */
	for (k = 0; k < c->nshown && said < 3 && len + 1 < size; k++) {
		size_t cat = hbar && c->order ? c->order[k] : k;
		int any = 0, first = 1;

		for (s = 0; s < c->nseries; s++)
			any |= c->series[s].pts[cat].state == CPT_VALUE;
		if (!any)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
					said ? (lang == NS_FR ? "\xc2\xa0; " : "; ")
					: (hbar ?
					(lang == NS_FR ? "\xc2\xa0; en t\xc3\xaate"
					 "\xc2\xa0: " : ". Largest: ") : ". "),
					c->cats[cat], colon);
		for (s = 0; s < c->nseries && len + 1 < size; s++) {
			const struct chart_point *p = &c->series[s].pts[cat];

			if (p->state != CPT_VALUE)
				continue;
			len += (size_t)snprintf(buf + len, size - len, "%s%s %s",
						first ? "" : ", ",
						c->series[s].name,
						value(p, lang, v, sizeof v));
			first = 0;
		}
		said++;
	}
	if (len + 1 < size)
		snprintf(buf + len, size - len, ".");
	return 0;
}
