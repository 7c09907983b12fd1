/*
 * xlsx_chart: the native Excel chart of a table's default chart
 * (table_chart(): type, x column, y columns or one y column split by a
 * series column).  Excel charts need each series in one contiguous range,
 * and leave total rows out; so beside the table a small block holds the
 * x values (copied) and one column per series whose cells are formulas
 * referring to the table's cells (=C5): edit the table, the chart
 * follows.  A suppressed or missing value is a blank cell: a gap, never a
 * number.  Colours: Okabe-Ito (colour-blind safe), as the PNG charts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_int.h"

#define XCHART_MAX_SERIES 24

static const lxw_color_t okabe_ito[] = {
	0xE69F00, 0x56B4E9, 0x009E73, 0x0072B2, 0xD55E00, 0xCC79A7,
	0xF0E442, 0x000000};

void xchart_block_release(struct xblock *b)
{
	free(b->xrow);
	free(b->src);
	free(b->ycol);
	free(b->srow);
	memset(b, 0, sizeof *b);
}

/* drawn: whether row r of t is drawn (not a total, x has a value). */
static int drawn(const struct table *t, size_t r, int x)
{
	return !(table_row_flags(t, r) & ROW_TOTAL) &&
	       !table_is_null(t, r, (size_t)x);
}

/* same: whether rows a and b of t show the same value in column c. */
static int same(const struct table *t, size_t a, size_t b, int c)
{
	char ba[NF_BUFSZ], bb[NF_BUFSZ];

	return !strcmp(table_cell_display(t, a, (size_t)c, NS_EN, NF_MACHINE,
					  ba, sizeof ba),
		       table_cell_display(t, b, (size_t)c, NS_EN, NF_MACHINE,
					  bb, sizeof bb));
}

/* find: index of the first of xs[0..n) showing row r's value in c, or n. */
static size_t find(const struct table *t, const size_t *xs, size_t n,
		   size_t r, int c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same(t, xs[i], r, c))
			return i;
	return n;
}

static int alloc(struct xblock *b, size_t nx, size_t ns)
{
	size_t i;

	b->xrow = calloc(nx + 1, sizeof *b->xrow);
	b->src = malloc((nx * ns + 1) * sizeof *b->src);
	b->ycol = calloc(ns + 1, sizeof *b->ycol);
	b->srow = calloc(ns + 1, sizeof *b->srow);
	if (!b->xrow || !b->src || !b->ycol || !b->srow)
		return NS_ENOMEM;
	for (i = 0; i < nx * ns; i++)
		b->src[i] = -1;
	return 0;
}

static int by_columns(const struct table *t, const struct table_chart *ch,
		      struct xblock *b)
{
	size_t r, k, nr = table_nrows(t);

	if (alloc(b, nr, ch->ny))
		return NS_ENOMEM;
	b->ns = ch->ny;
	for (k = 0; k < b->ns; k++)
		b->ycol[k] = ch->y[k];
	for (r = 0; r < nr; r++) {
		if (!drawn(t, r, ch->x))
			continue;
		for (k = 0; k < b->ns; k++)
			if (!table_is_null(t, r, (size_t)ch->y[k]))
				b->src[b->nx * b->ns + k] = (long)r;
		b->xrow[b->nx++] = r;
	}
	return 0;
}

static int by_series(const struct table *t, const struct table_chart *ch,
		     struct xblock *b)
{
	size_t r, nr = table_nrows(t), xi, si, nx = 0;

	b->by_series = 1;
	if (alloc(b, nr, XCHART_MAX_SERIES))
		return NS_ENOMEM;
	for (r = 0; r < nr; r++) {
		if (!drawn(t, r, ch->x) || table_is_null(t, r,
							 (size_t)ch->series))
			continue;
		if ((xi = find(t, b->xrow, nx, r, ch->x)) == nx)
			b->xrow[nx++] = r;
		if ((si = find(t, b->srow, b->ns, r, ch->series)) == b->ns) {
			if (b->ns == XCHART_MAX_SERIES)
				continue;
			b->srow[b->ns] = r;
			b->ycol[b->ns++] = ch->y[0];
		}
		if (!table_is_null(t, r, (size_t)ch->y[0]))
			b->src[xi * XCHART_MAX_SERIES + si] = (long)r;
	}
	/* pack the rows to ns columns */
	for (xi = 0; xi < nx; xi++)
		for (si = 0; si < b->ns; si++)
			b->src[xi * b->ns + si] =
				b->src[xi * XCHART_MAX_SERIES + si];
	b->nx = nx;
	return 0;
}

int xchart_block(const struct table *t, struct xblock *b)
{
	const struct table_chart *ch = table_chart(t);

	memset(b, 0, sizeof *b);
	if (ch->type == CHART_NONE || ch->x < 0 || table_nrows(t) == 0 ||
	    (ch->series < 0 && ch->ny == 0))
		return 0;
	if (ch->series >= 0 ? by_series(t, ch, b) : by_columns(t, ch, b)) {
		xchart_block_release(b);
		return NS_ENOMEM;
	}
	if (b->ns == 0)
		b->nx = 0;
	return 0;
}

/* put_x: the x value of table row r as a plain value (text as string). */
static lxw_error put_x(struct xw *w, lxw_worksheet *ws, const struct table *t,
		       size_t r, int x, lxw_row_t row, lxw_col_t col)
{
	const struct table_col *c = table_col(t, (size_t)x);
	char num[32], buf[NF_BUFSZ];
	struct nf_ymd d;
	lxw_datetime dt;
	const char *s;

	if (table_col_is_numeric(t, (size_t)x))
		return worksheet_write_number(ws, row, col,
					      table_get_real(t, r, (size_t)x),
					      xw_fmt(w, xlsx_num_format(c, num,
						     sizeof num), 0, 0));
	if ((c->type == COL_MONTH || c->type == COL_DATE) &&
	    nf_parse_iso(table_get_text(t, r, (size_t)x, NS_EN), &d) >= 0) {
		memset(&dt, 0, sizeof dt);
		dt.year = d.y;
		dt.month = d.m;
		dt.day = d.d ? d.d : 1;
		return worksheet_write_datetime(ws, row, col, &dt,
			xw_fmt(w, xlsx_num_format(c, num, sizeof num), 0, 0));
	}
	s = table_cell_display(t, r, (size_t)x, w->o->lang, NF_TEXT, buf,
			       sizeof buf);
	return worksheet_write_string(ws, row, col, s, NULL);
}

lxw_error xchart_block_row(struct xw *w, lxw_worksheet *ws,
			   const struct table *t, const struct xblock *b,
			   size_t i, lxw_row_t row, lxw_col_t col0,
			   lxw_row_t data0)
{
	const struct table_chart *ch = table_chart(t);
	int lang = w->o->lang;
	char ref[32], formula[40], num[32], buf[NF_BUFSZ];
	lxw_error e;
	size_t k;
	long src;

	if (i == (size_t)-1) {
		e = worksheet_write_string(ws, row, col0, table_col_label(t,
					   (size_t)ch->x, lang), w->f_head);
		for (k = 0; k < b->ns && !e; k++)
			e = worksheet_write_string(ws, row,
				(lxw_col_t)(col0 + 1 + k), b->by_series ?
				table_cell_display(t, b->srow[k],
						   (size_t)ch->series, lang,
						   NF_TEXT, buf, sizeof buf) :
				table_col_label(t, (size_t)b->ycol[k], lang),
				w->f_head);
		return e;
	}
	e = put_x(w, ws, t, b->xrow[i], ch->x, row, col0);
	for (k = 0; k < b->ns && !e; k++) {
		if ((src = b->src[i * b->ns + k]) < 0)
			continue;   /* suppressed or missing: a gap */
		lxw_rowcol_to_cell(ref, (lxw_row_t)(data0 + (size_t)src),
				   (lxw_col_t)b->ycol[k]);
		snprintf(formula, sizeof formula, "=%s", ref);
		e = worksheet_write_formula_num(ws, row,
			(lxw_col_t)(col0 + 1 + k), formula,
			xw_fmt(w, xlsx_num_format(table_col(t,
			       (size_t)b->ycol[k]), num, sizeof num), 0, 0),
			table_get_real(t, (size_t)src, (size_t)b->ycol[k]));
	}
	return e;
}

static uint8_t chart_kind(enum chart_type type)
{
	switch (type) {
	case CHART_LINE: return LXW_CHART_LINE;
	case CHART_STACKED_BAR: return LXW_CHART_COLUMN_STACKED;
	case CHART_HBAR: return LXW_CHART_BAR;
	default: return LXW_CHART_COLUMN;
	}
}

static void style_series(lxw_chart_series *s, enum chart_type type, size_t k)
{
	lxw_color_t c = okabe_ito[k % (sizeof okabe_ito / sizeof *okabe_ito)];
	lxw_chart_line line;
	lxw_chart_fill fill;

	memset(&line, 0, sizeof line);
	memset(&fill, 0, sizeof fill);
	line.color = c;
	line.width = type == CHART_LINE ? 2.25f : 0.75f;
	fill.color = c;
	chart_series_set_line(s, &line);
	if (type != CHART_LINE)
		chart_series_set_fill(s, &fill);
}

int xchart_insert(struct xw *w, lxw_worksheet *ws, const char *sheet,
		  const struct table *t, const struct xblock *b,
		  lxw_col_t col0, lxw_col_t at)
{
	const struct table_chart *ch = table_chart(t);
	lxw_row_t r0 = XLSX_HEAD_ROW + 1, r1 = (lxw_row_t)(XLSX_HEAD_ROW + b->nx);
	lxw_chart_options opt;
	lxw_chart_series *s;
	char num[32];
	lxw_chart *chart;
	const char *title = table_title(t, w->o->lang);
	lxw_error e;
	size_t k;

	if (!(chart = workbook_add_chart(w->wb, chart_kind(ch->type))))
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	for (k = 0; k < b->ns; k++) {
		if (!(s = chart_add_series(chart, NULL, NULL)))
			return nserr_set(w->err, NS_ENOMEM, "out of memory");
		chart_series_set_categories(s, sheet, r0, col0, r1, col0);
		chart_series_set_values(s, sheet, r0, (lxw_col_t)(col0 + 1 + k),
					r1, (lxw_col_t)(col0 + 1 + k));
		chart_series_set_name_range(s, sheet, XLSX_HEAD_ROW,
					    (lxw_col_t)(col0 + 1 + k));
		style_series(s, ch->type, k);
	}
	/* a title starting with '=' would be read as a formula */
	if (*title && *title != '=')
		chart_title_set_name(chart, title);
	chart_legend_set_position(chart, b->ns > 1 ? LXW_CHART_LEGEND_BOTTOM
				  : LXW_CHART_LEGEND_NONE);
	if (table_col(t, (size_t)b->ycol[0])->type == COL_SHARE)
		chart_axis_set_num_format(ch->type == CHART_HBAR ?
					  chart->x_axis : chart->y_axis, "0%");
	if (ch->type == CHART_HBAR)
		chart_axis_set_reverse(chart->y_axis);
	if (table_col(t, (size_t)ch->x)->type == COL_MONTH ||
	    table_col(t, (size_t)ch->x)->type == COL_DATE)
		chart_axis_set_num_format(chart->x_axis, xlsx_num_format(
			table_col(t, (size_t)ch->x), num, sizeof num));
	memset(&opt, 0, sizeof opt);
	opt.x_scale = 1.6;
	opt.y_scale = ch->type == CHART_HBAR && b->nx > 12 ?
		      1.6 * (double)b->nx / 12.0 : 1.6;
	e = worksheet_insert_chart_opt(ws, XLSX_HEAD_ROW, at, chart, &opt);
	return e ? xw_fail(w, sheet, "insert the chart", e) : 0;
}
