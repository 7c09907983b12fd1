/*
 * chart_draw: drawing a chart model (chart.h) with cairo onto a PNG, SVG
 * or PDF surface, every text laid out by pango (DejaVu Sans, from
 * fonts-dejavu-core).
 *
 * Layout, top to bottom: title and subtitle (wrapped, at most two lines
 * each), the value axis title, the plot, the legend (under the plot,
 * never over data), then the notes (source, period, suppression rule) in
 * small type.  Long category labels wrap within their band and are
 * ellipsised past two lines, so labels never overlap.  Colours are the
 * Okabe-Ito palette; bars of a series also carry a hatch pattern and
 * lines a marker shape, so series are told apart without colour.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "chart.h"

#define FONT "DejaVu Sans"

/* Okabe-Ito, in the order series take them (yellow late: low contrast). */
static const double palette[8][3] = {
	{0x00 / 255., 0x72 / 255., 0xB2 / 255.},   /* blue */
	{0xE6 / 255., 0x9F / 255., 0x00 / 255.},   /* orange */
	{0x00 / 255., 0x9E / 255., 0x73 / 255.},   /* bluish green */
	{0xD5 / 255., 0x5E / 255., 0x00 / 255.},   /* vermillion */
	{0x56 / 255., 0xB4 / 255., 0xE9 / 255.},   /* sky blue */
	{0xCC / 255., 0x79 / 255., 0xA7 / 255.},   /* reddish purple */
	{0x00 / 255., 0x00 / 255., 0x00 / 255.},   /* black */
	{0xF0 / 255., 0xE4 / 255., 0x42 / 255.},   /* yellow */
};

struct dc {
	cairo_t *cr;
	PangoLayout *lay;
	const struct chart *c;
	double fs;                  /* body font size */
};

struct rect {
	double x, y, w, h;
};

static void colour(cairo_t *cr, size_t s)
{
	const double *p = palette[s % 8];

	cairo_set_source_rgb(cr, p[0], p[1], p[2]);
}

/* setup: the layout holds text s in size pt (bold when set), wrapped at
 * width (none when <= 0), at most lines lines, ellipsised after. */
static void setup(struct dc *d, const char *s, double pt, int bold,
		  double width, int lines, PangoAlignment al)
{
	PangoFontDescription *f = pango_font_description_new();

	pango_font_description_set_family(f, FONT);
	pango_font_description_set_absolute_size(f, pt * PANGO_SCALE);
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD
					  : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(d->lay, f);
	pango_font_description_free(f);
	pango_layout_set_text(d->lay, s, -1);
	pango_layout_set_alignment(d->lay, al);
	pango_layout_set_wrap(d->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(d->lay, width > 0 ? (int)(width * PANGO_SCALE)
			       : -1);
	pango_layout_set_height(d->lay, -lines);
	pango_layout_set_ellipsize(d->lay, width > 0 ? PANGO_ELLIPSIZE_END
				   : PANGO_ELLIPSIZE_NONE);
}

static void size_of(struct dc *d, double *w, double *h)
{
	int iw, ih;

	pango_layout_get_size(d->lay, &iw, &ih);
	*w = (double)iw / PANGO_SCALE;
	*h = (double)ih / PANGO_SCALE;
}

/* text: draw s at (x, y) (top-left of its box); returns its height. */
static double text(struct dc *d, const char *s, double pt, int bold,
		   double x, double y, double width, int lines,
		   PangoAlignment al)
{
	double w, h;

	setup(d, s, pt, bold, width, lines, al);
	size_of(d, &w, &h);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->lay);
	return h;
}

static double text_height(struct dc *d, const char *s, double pt, int bold,
			  double width, int lines)
{
	double w, h;

	setup(d, s, pt, bold, width, lines, PANGO_ALIGN_LEFT);
	size_of(d, &w, &h);
	return *s ? h : 0;
}

static double text_width(struct dc *d, const char *s, double pt)
{
	double w, h;

	setup(d, s, pt, 0, -1, 1, PANGO_ALIGN_LEFT);
	size_of(d, &w, &h);
	return w;
}

static void grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

/* hatch: pattern k over the rectangle (k 0: none). */
static void hatch(cairo_t *cr, double x, double y, double w, double h,
		  size_t k)
{
	double i, gap = 5;

	k %= 6;
	if (k == 0 || w <= 0 || h <= 0)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
	cairo_set_line_width(cr, 1.2);
	for (i = -h - w; i < w + h; i += gap) {
		if (k == 1 || k == 5) {
			cairo_move_to(cr, x + i, y + h);
			cairo_line_to(cr, x + i + h, y);
		}
		if (k == 2 || k == 5) {
			cairo_move_to(cr, x + i, y);
			cairo_line_to(cr, x + i + h, y + h);
		}
		if (k == 3 && i >= 0 && i <= h) {
			cairo_move_to(cr, x, y + i);
			cairo_line_to(cr, x + w, y + i);
		}
		if (k == 4 && i >= 0 && i <= w) {
			cairo_move_to(cr, x + i, y);
			cairo_line_to(cr, x + i, y + h);
		}
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* marker: shape k of size r at (x, y), in the current colour. */
static void marker(cairo_t *cr, double x, double y, double r, size_t k)
{
	switch (k % 5) {
	case 0:
		cairo_arc(cr, x, y, r, 0, 2 * G_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
		break;
	case 2:
		cairo_move_to(cr, x, y - 1.2 * r);
		cairo_line_to(cr, x + 1.1 * r, y + 0.9 * r);
		cairo_line_to(cr, x - 1.1 * r, y + 0.9 * r);
		cairo_close_path(cr);
		break;
	case 3:
		cairo_move_to(cr, x, y - 1.3 * r);
		cairo_line_to(cr, x + 1.3 * r, y);
		cairo_line_to(cr, x, y + 1.3 * r);
		cairo_line_to(cr, x - 1.3 * r, y);
		cairo_close_path(cr);
		break;
	default:
		cairo_move_to(cr, x - r, y - r);
		cairo_line_to(cr, x + r, y + r);
		cairo_move_to(cr, x + r, y - r);
		cairo_line_to(cr, x - r, y + r);
		cairo_set_line_width(cr, 2);
		cairo_stroke(cr);
		return;
	}
	cairo_fill(cr);
}

/* value_text: v formatted as the axis formats it (one more place). */
static void value_text(const struct chart *c, double v, char *buf,
		       size_t size)
{
	if (c->y.percent)
		nf_percent_sig(buf, size, v, 1, TABLE_MIN_SIG, c->lang,
			       NF_UNICODE);
	else if (v == floor(v) && fabs(v) < 1e15)
		nf_real(buf, size, v, 0, c->lang, NF_UNICODE);
	else
		nf_real_sig(buf, size, v, 1, TABLE_MIN_SIG, c->lang,
			    NF_UNICODE);
}

/* ---- vertical value axis: line, bar, stacked, multiples of lines ---- */

static double vy(const struct chart *c, const struct rect *p, double v)
{
	return p->y + p->h - (v - c->y.min) / (c->y.max - c->y.min) * p->h;
}

/* vgrid: ticks and grid lines; labels left of p (when labels set). */
static void vgrid(struct dc *d, const struct rect *p, int labels)
{
	const struct chart *c = d->c;
	size_t i;

	for (i = 0; i < c->y.nticks; i++) {
		double y = vy(c, p, c->y.ticks[i].v);

		grey(d->cr, c->y.ticks[i].v == 0 ? 0.3 : 0.85);
		cairo_set_line_width(d->cr, c->y.ticks[i].v == 0 ? 1.2 : 0.6);
		cairo_move_to(d->cr, p->x, y);
		cairo_line_to(d->cr, p->x + p->w, y);
		cairo_stroke(d->cr);
		if (!labels)
			continue;
		grey(d->cr, 0.25);
		setup(d, c->y.ticks[i].label, d->fs * 0.9, 0, -1, 1,
		      PANGO_ALIGN_RIGHT);
		{
			double w, h;

			size_of(d, &w, &h);
			cairo_move_to(d->cr, p->x - 6 - w, y - h / 2);
			pango_cairo_show_layout(d->cr, d->lay);
		}
	}
}

/* label_step: every how many categories a time axis shows a label:
 * the model's thinning, more when a label is wider than its room. */
static size_t label_step(struct dc *d, double band)
{
	static const size_t steps[] = {1, 2, 3, 6, 12, 24, 60};
	const struct chart *c = d->c;
	size_t k = 0, step = 1, i;
	double w = 0;

	if (!c->time_x)
		return 1;
	for (step = 1; step < c->ncat && !c->cat_label[step]; step++)
		;
	for (i = 0; i < c->ncat; i++)
		w = fmax(w, text_width(d, c->cats[i], d->fs * 0.9));
	while (k + 1 < sizeof steps / sizeof steps[0] &&
	       (steps[k] < step || band * (double)steps[k] < w + 6))
		k++;
	return steps[k];
}

/* xlabels: category labels under p (time axes: every step-th). */
static void xlabels(struct dc *d, const struct rect *p, double band)
{
	const struct chart *c = d->c;
	size_t i, step = label_step(d, band);
	double w = band * (double)step;

	grey(d->cr, 0.2);
	for (i = 0; i < c->ncat; i++) {
		double cx = p->x + band * ((double)i + 0.5);

		if (i % step)
			continue;
		text(d, c->cats[i], d->fs * 0.9, 0, cx - w / 2 + 2,
		     p->y + p->h + 5, w - 4, 2, PANGO_ALIGN_CENTER);
	}
}

static double xlabels_height(struct dc *d, double band)
{
	const struct chart *c = d->c;
	double h = 0;
	size_t i, step = label_step(d, band);

	for (i = 0; i < c->ncat; i++)
		h = fmax(h, text_height(d, c->cats[i], d->fs * 0.9, 0,
					band * (double)step - 4, 2));
	return h + 8;
}

static void gap_mark(struct dc *d, const char *s, double cx, double y)
{
	double w, h;

	grey(d->cr, 0.35);
	setup(d, s, d->fs * 0.8, 0, -1, 1, PANGO_ALIGN_CENTER);
	size_of(d, &w, &h);
	cairo_move_to(d->cr, cx - w / 2, y - h - 1);
	pango_cairo_show_layout(d->cr, d->lay);
}

static void error_bar(cairo_t *cr, double cx, double y0, double y1,
		      double cap)
{
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, cx, y0);
	cairo_line_to(cr, cx, y1);
	cairo_move_to(cr, cx - cap, y0);
	cairo_line_to(cr, cx + cap, y0);
	cairo_move_to(cr, cx - cap, y1);
	cairo_line_to(cr, cx + cap, y1);
	cairo_stroke(cr);
}

/* bars: grouped or stacked bars of all series in p. */
static void bars(struct dc *d, const struct rect *p)
{
	const struct chart *c = d->c;
	double band = p->w / (double)c->ncat, bw;
	size_t i, s;

	bw = band * 0.8 / (c->type == CHART_STACKED_BAR ? 1 : (double)c->nseries);
	for (i = 0; i < c->ncat; i++) {
		double x0 = p->x + band * (double)i + band * 0.1;
		double pos = 0, neg = 0;

		for (s = 0; s < c->nseries; s++) {
			const struct chart_point *pt = &c->series[s].pts[i];
			double bx = c->type == CHART_STACKED_BAR ? x0
				    : x0 + bw * (double)s;
			double base = 0, top, y0, y1;

			if (pt->state == CPT_SUPPRESSED) {
				gap_mark(d, pt->gap_text, bx + bw / 2,
					 vy(c, p, 0));
				continue;
			}
			if (pt->state != CPT_VALUE)
				continue;
			if (c->type == CHART_STACKED_BAR) {
				double *b = pt->v >= 0 ? &pos : &neg;

				base = *b;
				*b += pt->v;
			}
			top = base + pt->v;
			y0 = vy(c, p, fmax(base, top));
			y1 = vy(c, p, fmin(base, top));
			colour(d->cr, s);
			cairo_rectangle(d->cr, bx, y0, bw, y1 - y0);
			cairo_fill(d->cr);
			hatch(d->cr, bx, y0, bw, y1 - y0, s);
			if (pt->has_iv)
				error_bar(d->cr, bx + bw / 2, vy(c, p, pt->lo),
					  vy(c, p, pt->hi), fmin(bw / 4, 5));
		}
	}
}

/* line_series: series s as a line broken at every point without a
 * value, with its interval band and markers. */
static void line_series(struct dc *d, const struct rect *p, size_t s,
			size_t col)
{
	const struct chart *c = d->c;
	const struct chart_point *pts = c->series[s].pts;
	double band = p->w / (double)c->ncat;
	size_t i, j, mstep = c->ncat > 40 ? (c->ncat + 39) / 40 : 1;

	/* interval band, one polygon per run of points with intervals */
	cairo_new_path(d->cr);
	for (i = 0; i < c->ncat; i = j) {
		for (j = i; j < c->ncat && pts[j].state == CPT_VALUE &&
		     pts[j].has_iv; j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		for (size_t k = i; k < j; k++)
			cairo_line_to(d->cr, p->x + band * ((double)k + 0.5),
				      vy(c, p, pts[k].hi));
		for (size_t k = j; k-- > i;)
			cairo_line_to(d->cr, p->x + band * ((double)k + 0.5),
				      vy(c, p, pts[k].lo));
		cairo_close_path(d->cr);
		cairo_set_source_rgba(d->cr, palette[col % 8][0],
				      palette[col % 8][1], palette[col % 8][2],
				      0.18);
		cairo_fill(d->cr);
	}
	colour(d->cr, col);
	cairo_set_line_width(d->cr, 2);
	if (c->series[s].rolling) {
		/* a rolling mean: dashed, in its series' colour */
		static const double dash[] = { 7, 4 };

		cairo_set_dash(d->cr, dash, 2, 0);
		mstep *= 3;
	}
	cairo_new_path(d->cr);
	for (i = 0; i < c->ncat; i++) {
		double x = p->x + band * ((double)i + 0.5);

		if (pts[i].state != CPT_VALUE) {
			cairo_new_path(d->cr);
			continue;
		}
		cairo_line_to(d->cr, x, vy(c, p, pts[i].v));
		if (i + 1 == c->ncat || pts[i + 1].state != CPT_VALUE) {
			if (i == 0 || pts[i - 1].state != CPT_VALUE)
				marker(d->cr, x, vy(c, p, pts[i].v), 2.5, col);
			cairo_stroke(d->cr);
		}
	}
	cairo_set_dash(d->cr, NULL, 0, 0);
	cairo_new_path(d->cr);
	for (i = 0; i < c->ncat; i += mstep)
		if (pts[i].state == CPT_VALUE)
			marker(d->cr, p->x + band * ((double)i + 0.5),
			       vy(c, p, pts[i].v), 3, col);
}

/* vplot: the value axis, then bars or lines of series [s0, s1). */
static void vplot(struct dc *d, const struct rect *p, size_t s0, size_t s1,
		  int labels)
{
	const struct chart *c = d->c;
	size_t s;

	vgrid(d, p, labels);
	if (c->type == CHART_BAR || c->type == CHART_GROUPED_BAR ||
	    c->type == CHART_STACKED_BAR) {
		bars(d, p);
		return;
	}
	for (s = s0; s < s1; s++)
		line_series(d, p, s, c->type == CHART_MULTIPLES ? 0
			    : c->series[s].rolling ? c->series[s].of : s);
}

/* ---- horizontal bars: hbar, multiples of categories ---- */

static void hbar_error(cairo_t *cr, double x0, double x1, double y,
		       double cap)
{
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_move_to(cr, x0, y - cap);
	cairo_line_to(cr, x0, y + cap);
	cairo_move_to(cr, x1, y - cap);
	cairo_line_to(cr, x1, y + cap);
	cairo_stroke(cr);
}

/* hplot: ranked horizontal bars of series [s0, s1) in p; only the
 * categories that series s0 has a point for when only is set. */
static void hplot(struct dc *d, const struct rect *p, size_t s0, size_t s1,
		  int only)
{
	const struct chart *c = d->c;
	size_t *ord = malloc((c->ncat ? c->ncat : 1) * sizeof *ord);
	size_t n = 0, i, k, s, ns = s1 - s0;
	int stacked = c->type == CHART_STACKED_BAR;
	double labw = 0, band, fs, bh, x0, pw;
	char buf[NF_BUFSZ];

	if (!ord)
		return;
	for (i = 0; i < c->ncat; i++) {
		size_t ci = c->order ? c->order[i] : i;

		if (!only || c->series[s0].pts[ci].state != CPT_MISSING)
			ord[n++] = ci;
	}
	/* panels rank by their own series */
	for (i = 1; only && i < n; i++)
		for (k = i; k > 0; k--) {
			const struct chart_point *a = &c->series[s0].pts[ord[k - 1]];
			const struct chart_point *b = &c->series[s0].pts[ord[k]];
			double va = a->state == CPT_VALUE ? a->v : -INFINITY;
			double vb = b->state == CPT_VALUE ? b->v : -INFINITY;
			size_t t;

			if (va >= vb)
				break;
			t = ord[k];
			ord[k] = ord[k - 1];
			ord[k - 1] = t;
		}
	if (c->type == CHART_HBAR && n > c->nshown)
		n = c->nshown;
	if (!n)
		goto out;
	band = p->h / (double)n;
	fs = fmin(d->fs * 0.9, band * 0.55);
	for (i = 0; i < n; i++)
		labw = fmax(labw, text_width(d, c->cats[ord[i]], fs));
	labw = fmin(labw + 4, p->w * 0.36);
	x0 = p->x + labw + 6;
	pw = p->w - labw - 6 - text_width(d, "00 000,0 %", fs);
	/* value grid and tick labels under the bars */
	for (i = 0; i < c->y.nticks; i++) {
		double x = x0 + (c->y.ticks[i].v - c->y.min) /
			   (c->y.max - c->y.min) * pw, w, h;

		grey(d->cr, c->y.ticks[i].v == 0 ? 0.3 : 0.85);
		cairo_set_line_width(d->cr, c->y.ticks[i].v == 0 ? 1.2 : 0.6);
		cairo_move_to(d->cr, x, p->y);
		cairo_line_to(d->cr, x, p->y + p->h);
		cairo_stroke(d->cr);
		grey(d->cr, 0.25);
		setup(d, c->y.ticks[i].label, d->fs * 0.85, 0, -1, 1,
		      PANGO_ALIGN_LEFT);
		size_of(d, &w, &h);
		cairo_move_to(d->cr, x - w / 2, p->y + p->h + 3);
		pango_cairo_show_layout(d->cr, d->lay);
	}
	bh = band * 0.72 / (stacked ? 1 : (double)ns);
	for (i = 0; i < n; i++) {
		double y = p->y + band * (double)i, lh;
		const char *lab = c->cats[ord[i]];

		grey(d->cr, 0.15);
		lh = text_height(d, lab, fs, 0, labw, band > fs * 2.6 ? 2 : 1);
		text(d, lab, fs, 0, p->x, y + (band - lh) / 2, labw,
		     band > fs * 2.6 ? 2 : 1, PANGO_ALIGN_RIGHT);
		double base = 0;
		int gapshown = 0;

		for (s = s0; s < s1; s++) {
			const struct chart_point *pt = &c->series[s].pts[ord[i]];
			double by = y + band * 0.14 + bh * (double)(s - s0);
			double xa, xb, w, h;
			size_t col = c->type == CHART_MULTIPLES ? 0 : s;

			if (stacked)
				by = y + band * 0.14;
			if (pt->state == CPT_VALUE) {
				double lo = fmin(pt->v, 0) + base;
				double hi = fmax(pt->v, 0) + base;

				if (stacked && pt->v > 0)
					base += pt->v;
				xa = x0 + (lo - c->y.min) /
				     (c->y.max - c->y.min) * pw;
				xb = x0 + (hi - c->y.min) /
				     (c->y.max - c->y.min) * pw;
				colour(d->cr, col);
				cairo_rectangle(d->cr, xa, by, xb - xa, bh);
				cairo_fill(d->cr);
				hatch(d->cr, xa, by, xb - xa, bh, col);
				value_text(c, pt->v, buf, sizeof buf);
				if (pt->has_iv) {
					double l = x0 + (pt->lo - c->y.min) /
						   (c->y.max - c->y.min) * pw;
					double u = x0 + (pt->hi - c->y.min) /
						   (c->y.max - c->y.min) * pw;

					hbar_error(d->cr, l, u, by + bh / 2,
						   fmin(bh / 4, 5));
					xb = fmax(xb, u);
				}
				if (stacked && s + 1 < s1)
					continue;   /* one label: the total */
				if (stacked)
					value_text(c, base, buf, sizeof buf);
			} else {
				if (stacked && (pt->state != CPT_SUPPRESSED ||
						gapshown++))
					continue;
				xb = x0 + (base - c->y.min) / (c->y.max -
				     c->y.min) * pw;
				snprintf(buf, sizeof buf, "%s", pt->state ==
					 CPT_SUPPRESSED ? pt->gap_text : "");
			}
			grey(d->cr, pt->state == CPT_VALUE ? 0.15 : 0.4);
			setup(d, buf, fmin(fs, bh * 0.9), 0, -1, 1,
			      PANGO_ALIGN_LEFT);
			size_of(d, &w, &h);
			cairo_move_to(d->cr, xb + 3, by + (bh - h) / 2);
			pango_cairo_show_layout(d->cr, d->lay);
		}
	}
out:
	free(ord);
}

/* ---- the page ---- */

/* legend: swatches and names, wrapped into rows; returns its height
 * (drawn only when draw is set). */
static double legend(struct dc *d, double x, double y, double w, int draw)
{
	const struct chart *c = d->c;
	double cx = x, cy = y, fs = d->fs * 0.9, rowh = fs * 1.5;
	size_t s;
	int line = c->type == CHART_LINE;

	if (c->nseries < 2 || c->type == CHART_MULTIPLES)
		return 0;
	for (s = 0; s < c->nseries; s++) {
		double tw = fmin(text_width(d, c->series[s].name, fs), w - 30);
		double iw = 22 + tw + 16;

		if (cx > x && cx + iw > x + w) {
			cx = x;
			cy += rowh;
		}
		if (draw) {
			size_t k = c->series[s].rolling ? c->series[s].of : s;

			colour(d->cr, k);
			if (line) {
				static const double dash[] = { 4, 2.5 };

				cairo_set_line_width(d->cr, 2);
				if (c->series[s].rolling)
					cairo_set_dash(d->cr, dash, 2, 0);
				cairo_move_to(d->cr, cx, cy + rowh / 2);
				cairo_line_to(d->cr, cx + 16, cy + rowh / 2);
				cairo_stroke(d->cr);
				cairo_set_dash(d->cr, NULL, 0, 0);
				marker(d->cr, cx + 8, cy + rowh / 2, 3, k);
			} else {
				cairo_rectangle(d->cr, cx, cy + rowh / 2 - 6,
						16, 12);
				cairo_fill(d->cr);
				hatch(d->cr, cx, cy + rowh / 2 - 6, 16, 12, s);
			}
			grey(d->cr, 0.15);
			text(d, c->series[s].name, fs, 0, cx + 22,
			     cy + (rowh - fs * 1.2) / 2, tw + 1, 1,
			     PANGO_ALIGN_LEFT);
		}
		cx += iw;
	}
	return cy - y + rowh;
}

/* notes: the notes block in small type; its height. */
static double notes(struct dc *d, double x, double y, double w, int draw)
{
	const struct chart *c = d->c;
	double h = 0, fs = d->fs * 0.78;
	size_t i;

	for (i = 0; i < c->nnotes && i < 6; i++) {
		if (!*c->notes[i])
			continue;
		grey(d->cr, 0.3);
		h += draw ? text(d, c->notes[i], fs, 0, x, y + h, w, 3,
				 PANGO_ALIGN_LEFT)
			  : text_height(d, c->notes[i], fs, 0, w, 3);
	}
	return h;
}

/* labels_fit: every category label fits under its bar group in two
 * lines of the band's width (words not broken). */
static int labels_fit(struct dc *d, double band)
{
	const struct chart *c = d->c;
	size_t i;

	if (band < 3 * d->fs)
		return 0;
	for (i = 0; i < c->ncat; i++) {
		setup(d, c->cats[i], d->fs * 0.9, 0, band - 4, 2,
		      PANGO_ALIGN_CENTER);
		pango_layout_set_wrap(d->lay, PANGO_WRAP_WORD);
		if (pango_layout_is_ellipsized(d->lay))
			return 0;
		{
			double w, h;

			pango_layout_set_width(d->lay, -1);
			size_of(d, &w, &h);
			/* a single word wider than the band */
			if (!strchr(c->cats[i], ' ') && w > band - 4)
				return 0;
		}
	}
	return 1;
}

/* plot_area: the plot (or the grid of panels) in p. */
static void plot_area(struct dc *d, struct rect p)
{
	const struct chart *c = d->c;
	double yw = 0;
	size_t i;

	for (i = 0; i < c->y.nticks; i++)
		yw = fmax(yw, text_width(d, c->y.ticks[i].label, d->fs * 0.9));
	p.y += d->fs * 0.5;
	p.h -= d->fs * 0.5;
	if (c->type == CHART_HBAR || (!c->time_x && c->type != CHART_MULTIPLES
	    && !labels_fit(d, (p.w - yw - 8) / (double)c->ncat))) {
		/* bars whose labels would not fit under them lie down */
		p.h -= d->fs * 1.4;
		hplot(d, &p, 0, c->nseries, 0);
		return;
	}
	if (c->type == CHART_MULTIPLES) {
		size_t n = c->nseries, cols = (size_t)ceil(sqrt((double)n));
		size_t rows = (n + cols - 1) / cols;
		double pw = p.w / (double)cols, ph = p.h / (double)rows;

		for (i = 0; i < n; i++) {
			struct rect q = { p.x + pw * (double)(i % cols),
					  p.y + ph * (double)(i / cols), pw - 12,
					  ph - 8 };
			double th;

			grey(d->cr, 0.1);
			th = text(d, c->series[i].name, d->fs * 0.95, 1, q.x,
				  q.y, q.w, 1, PANGO_ALIGN_LEFT) + d->fs * 0.8;
			q.y += th;
			q.h -= th;
			if (c->time_x) {
				q.x += yw + 8;
				q.w -= yw + 8;
				q.h -= xlabels_height(d, q.w / (double)c->ncat);
				vplot(d, &q, i, i + 1, 1);
				xlabels(d, &q, q.w / (double)c->ncat);
			} else {
				q.h -= d->fs * 1.3;
				hplot(d, &q, i, i + 1, 1);
			}
		}
		return;
	}
	p.x += yw + 8;
	p.w -= yw + 8;
	p.h -= xlabels_height(d, p.w / (double)c->ncat);
	vplot(d, &p, 0, c->nseries, 1);
	xlabels(d, &p, p.w / (double)c->ncat);
}

static void page(struct dc *d, double w, double h)
{
	const struct chart *c = d->c;
	double pad = fmax(12, fmin(w, h) * 0.03), y = pad, cw = w - 2 * pad;
	double lh, nh;
	struct rect p;

	cairo_set_source_rgb(d->cr, 1, 1, 1);
	cairo_paint(d->cr);
	grey(d->cr, 0.05);
	y += text(d, c->title, d->fs * 1.45, 1, pad, y, cw, 2,
		  PANGO_ALIGN_LEFT) + 2;
	if (*c->subtitle) {
		grey(d->cr, 0.3);
		y += text(d, c->subtitle, d->fs, 0, pad, y, cw, 2,
			  PANGO_ALIGN_LEFT);
	}
	y += d->fs * 0.6;
	if (*c->y.label) {
		grey(d->cr, 0.25);
		y += text(d, c->y.label, d->fs * 0.9, 1, pad, y, cw, 1,
			  PANGO_ALIGN_LEFT) + 4;
	}
	nh = notes(d, pad, 0, cw, 0);
	lh = legend(d, pad, 0, cw, 0);
	p.x = pad;
	p.y = y;
	p.w = cw;
	p.h = h - pad - nh - (lh ? lh + 8 : 0) - 8 - y;
	if (c->ncat && p.h > 20)
		plot_area(d, p);
	else {
		grey(d->cr, 0.4);
		text(d, c->lang == NS_FR ? "Aucune donn\xc3\xa9" "e pour cette "
		     "p\xc3\xa9riode" : "No data for this period", d->fs, 0,
		     pad, y + 10, cw, 1, PANGO_ALIGN_CENTER);
	}
	if (lh)
		legend(d, pad, h - pad - nh - lh - 4, cw, 1);
	notes(d, pad, h - pad - nh, cw, 1);
}

int chart_format_parse(const char *s)
{
	static const char *const names[] = { "png", "svg", "pdf" };
	const char *dot = s ? strrchr(s, '.') : NULL;
	const char *e = dot ? dot + 1 : s;
	size_t i;

	for (i = 0; e && i < 3; i++)
		if (strcasecmp(e, names[i]) == 0)
			return (int)i;
	return NS_EUSAGE;
}

/* The stream cairo writes to: the file, and the errno of a failed write. */
struct sink {
	FILE *fp;
	int errnum;
};

static cairo_status_t write_fp(void *closure, const unsigned char *data,
			       unsigned int len)
{
	struct sink *k = closure;

	if (fwrite(data, 1, len, k->fp) == len)
		return CAIRO_STATUS_SUCCESS;
	if (!k->errnum)
		k->errnum = errno ? errno : EIO;
	return CAIRO_STATUS_WRITE_ERROR;
}

int chart_draw(const struct chart *c, enum chart_format fmt, double width,
	       double height, double scale, FILE *out, struct nserr *err)
{
	cairo_surface_t *sf;
	struct dc d;
	cairo_status_t st;
	struct sink sink = { out, 0 };
	double k = fmt == CHART_PNG ? scale : 1;

	if (!(scale >= 0.5 && scale <= 4) || !(width * k >= 200 &&
	    width * k <= 8000 && height * k >= 200 && height * k <= 8000))
		return nserr_set(err, NS_EUSAGE, "chart size %gx%g at scale %g "
				 "is out of range (200 to 8000 pixels, scale "
				 "0.5 to 4)", width, height, scale);
	if (fmt == CHART_PNG)
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						(int)lround(width * k),
						(int)lround(height * k));
	else if (fmt == CHART_SVG)
		sf = cairo_svg_surface_create_for_stream(write_fp, &sink, width,
							 height);
	else
		sf = cairo_pdf_surface_create_for_stream(write_fp, &sink, width,
							 height);
	memset(&d, 0, sizeof d);
	d.c = c;
	d.cr = cairo_create(sf);
	d.fs = fmax(9, fmin(13, fmin(width, height) / 42));
	cairo_scale(d.cr, k, k);
	d.lay = pango_cairo_create_layout(d.cr);
	{
		PangoContext *pc = pango_layout_get_context(d.lay);
		cairo_font_options_t *fo = cairo_font_options_create();

		/* no hinting: the same layout on every surface */
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		pango_cairo_context_set_font_options(pc, fo);
		cairo_font_options_destroy(fo);
		pango_layout_context_changed(d.lay);
	}
	page(&d, width, height);
	g_object_unref(d.lay);
	st = cairo_status(d.cr);
	cairo_destroy(d.cr);
	cairo_surface_flush(sf);
	if (!st && fmt == CHART_PNG)
		st = cairo_surface_write_to_png_stream(sf, write_fp, &sink);
	cairo_surface_finish(sf);
	if (!st)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return nserr_set(err, NS_EIO, "cannot write the chart: %s",
				 strerror(sink.errnum ? sink.errnum : EIO));
	if (st)
		return nserr_set(err, NS_EINTERNAL, "cannot draw the chart: %s",
				 cairo_status_to_string(st));
	return 0;
}

void chart_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
