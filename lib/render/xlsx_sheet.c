/*
 * xlsx_sheet: one table as one worksheet (xlsx.h): title, subtitle and
 * (internal) the stamp above; the header row at XLSX_HEAD_ROW; the rows
 * as typed cells (numbers as numbers with the column's number format,
 * months and dates as dates, text always as strings, suppressed cells as
 * the text they show with a cell note); an Excel table over them (or a
 * plain autofilter in constant-memory mode); frozen header; widths from
 * content; the table's notes below; the chart block and chart beside.
 *
 * Rows are written strictly top to bottom, each row left to right (the
 * block's row with the table's), as constant-memory mode requires.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsx_int.h"

/* Cell notes: English, French (%d: the threshold N). */
static const char *const N_PRIMARY[2] = {
	"Suppressed: a count from 0 to %d, not published to protect privacy.",
	"Masqu\xc3\xa9\xc2\xa0: un effectif de 0 \xc3\xa0 %d, non publi\xc3\xa9 "
	"pour prot\xc3\xa9ger la vie priv\xc3\xa9" "e."};
static const char *const N_COMPL[2] = {
	"Suppressed (a count of %d or more) so that a small count cannot be "
	"deduced.",
	"Masqu\xc3\xa9 (un effectif de %d ou plus) pour qu'un petit effectif "
	"ne puisse pas \xc3\xaatre d\xc3\xa9" "duit."};
static const char *const N_DERIVED[2] = {
	"Suppressed: computed from a suppressed count.",
	"Masqu\xc3\xa9\xc2\xa0: calcul\xc3\xa9 \xc3\xa0 partir d'un effectif "
	"masqu\xc3\xa9."};
static const char *const N_EST[2] = {"Estimate.", "Estimation."};
static const char *const N_SIG[2] = {
	"Statistically significant change.",
	"Variation statistiquement significative."};
const char *xlsx_cell_note(const struct table *t, size_t r, size_t c,
			   int lang, char *buf, size_t size)
{
	unsigned f = table_flags(t, r, c);
	const struct table_col *col = table_col(t, c);
	int n = table_min_cell(t);
	const char *m;
	size_t len = 0;

	buf[0] = '\0';
	if (!col || size == 0)
		return buf;
	if (f & CELL_SUPPRESSED) {
		if (!(f & CELL_COMPLEMENTARY) && (col->flags & COLF_COUNT) &&
		    n > 1)
			len = (size_t)snprintf(buf, size, N_PRIMARY[lang], n - 1);
		else if (col->flags & COLF_COUNT)
			len = (size_t)snprintf(buf, size, N_COMPL[lang], n);
		else
			len = (size_t)snprintf(buf, size, "%s", N_DERIVED[lang]);
		return buf;
	}
	m = table_cell_marker(t, r, c);
	if (strchr(m, 'E') && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s",
					N_EST[lang]);
	if (strchr(m, '*') && len < size)
		snprintf(buf + len, size - len, "%s%s", len ? " " : "",
			 N_SIG[lang]);
	return buf;
}

/* put_date: a YYYY-MM or YYYY-MM-DD text as an Excel date. */
static lxw_error put_date(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			  const char *s, lxw_format *f)
{
	struct nf_ymd d;
	lxw_datetime dt;

	if (nf_parse_iso(s, &d) < 0)
		return worksheet_write_string(ws, row, col, s, NULL);
	memset(&dt, 0, sizeof dt);
	dt.year = d.y;
	dt.month = d.m;
	dt.day = d.d ? d.d : 1;
	return worksheet_write_datetime(ws, row, col, &dt, f);
}

/* put_cell: table cell (r, c) at sheet (row, c). */
static lxw_error put_cell(struct xw *w, lxw_worksheet *ws,
			  const struct table *t, size_t r, size_t c,
			  lxw_row_t row)
{
	const struct table_col *col = table_col(t, c);
	int lang = w->o->lang;
	int bold = (table_row_flags(t, r) & ROW_TOTAL) != 0;
	char num[32], buf[NF_BUFSZ];
	lxw_format *f;
	const char *s;
	lxw_error e;
	double v;

	xlsx_num_format(col, num, sizeof num);
	if (table_flags(t, r, c) & CELL_NO_VALUE) {
		/* "<5", "x", "not recorded", "no data": text, never a number */
		s = table_cell_display(t, r, c, lang, NF_TEXT, buf, sizeof buf);
		e = worksheet_write_string(ws, row, (lxw_col_t)c, s,
					   xw_fmt(w, "", bold, 1));
	} else if (table_is_null(t, r, c)) {
		/* empty, or "Total" in a total row's first key */
		s = table_cell_display(t, r, c, lang, NF_TEXT, buf, sizeof buf);
		return *s ? worksheet_write_string(ws, row, (lxw_col_t)c, s,
						   xw_fmt(w, "", bold, 0))
			  : LXW_NO_ERROR;
	} else if (table_col_is_numeric(t, c)) {
		v = table_get_real(t, r, c);
		f = xw_fmt(w, num, bold, 0);
		e = worksheet_write_number(ws, row, (lxw_col_t)c, v, f);
	} else if (col->type == COL_MONTH || col->type == COL_DATE) {
		e = put_date(ws, row, (lxw_col_t)c,
			     table_get_text(t, r, c, NS_EN),
			     xw_fmt(w, num, bold, 0));
	} else {
		/* always a string: "=1+1" or "@cmd" stays text */
		e = worksheet_write_string(ws, row, (lxw_col_t)c,
					   table_get_text(t, r, c, lang),
					   bold ? xw_fmt(w, "", 1, 0) : NULL);
	}
	if (e == LXW_NO_ERROR &&
	    *xlsx_cell_note(t, r, c, lang, buf, sizeof buf))
		e = worksheet_write_comment(ws, row, (lxw_col_t)c, buf);
	return e;
}

/* header: the column labels (with their unit), unique, into labels[]
 * (each XLSX_NAME_BUF * 4 bytes). */
static void header(const struct table *t, int lang, char *labels,
		   size_t each)
{
	size_t c, k, n = table_ncols(t);
	const char *u;
	char *p;
	int dup;
	unsigned j;

	for (c = 0; c < n; c++) {
		p = labels + c * each;
		u = table_col_unit(t, c, lang);
		snprintf(p, each, *u ? "%s (%s)" : "%s",
			 table_col_label(t, c, lang), u);
		for (j = 2;; j++) {
			for (k = 0, dup = 0; k < c && !dup; k++)
				dup = !strcasecmp(labels + k * each, p);
			if (!dup)
				break;
			snprintf(p, each, "%s (%u)", table_col_label(t, c, lang),
				 j);
		}
	}
}

/* top: title, subtitle, stamp; widths; print set-up. */
static lxw_error top(struct xw *w, lxw_worksheet *ws, const struct table *t)
{
	int l = w->o->lang;
	lxw_error e;
	size_t c;

	for (c = 0; c < table_ncols(t); c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				     xlsx_col_width(t, c, l), NULL);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (w->o->internal)
		worksheet_set_header(ws, "&C&\"-,Bold\"NOT FOR PUBLICATION");
	e = worksheet_write_string(ws, 0, 0, table_title(t, l), w->f_title);
	if (!e && *table_subtitle(t, l))
		e = worksheet_write_string(ws, 1, 0, table_subtitle(t, l),
					   w->f_sub);
	if (!e && w->o->internal)
		e = worksheet_write_string(ws, 2, 0, xlsx_stamp[l], w->f_stamp);
	return e;
}

/* excel_table: the Excel table (or the autofilter) over the header and
 * rows. */
static lxw_error excel_table(struct xw *w, lxw_worksheet *ws,
			     const struct table *t, const char *labels,
			     size_t each, const char *sheet)
{
	size_t n = table_ncols(t), c, rows = table_nrows(t);
	lxw_row_t last = (lxw_row_t)(XLSX_HEAD_ROW + (rows ? rows : 1));
	lxw_table_column *cols, **pc;
	lxw_table_options to;
	char name[96];
	lxw_error e;

	if (w->big)
		return worksheet_autofilter(ws, XLSX_HEAD_ROW, 0, last,
					    (lxw_col_t)(n - 1));
	cols = calloc(n, sizeof *cols);
	pc = calloc(n + 1, sizeof *pc);
	if (!cols || !pc) {
		free(cols);
		free(pc);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	for (c = 0; c < n; c++) {
		cols[c].header = (char *)(labels + c * each);
		cols[c].header_format = w->f_head;
		pc[c] = &cols[c];
	}
	snprintf(name, sizeof name, "T_%s", *table_id(t) ? table_id(t)
		 : sheet);
	for (c = 2; name[c]; c++)
		if (!((name[c] >= 'a' && name[c] <= 'z') ||
		      (name[c] >= 'A' && name[c] <= 'Z') ||
		      (name[c] >= '0' && name[c] <= '9')))
			name[c] = '_';
	memset(&to, 0, sizeof to);
	to.name = name;
	to.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
	to.style_type_number = 2;
	to.columns = pc;
	e = worksheet_add_table(ws, XLSX_HEAD_ROW, 0, last,
				(lxw_col_t)(n - 1), &to);
	free(cols);
	free(pc);
	return e;
}

/* rows: header and rows, each with its row of the chart block. */
static lxw_error rows(struct xw *w, lxw_worksheet *ws, const struct table *t,
		      const char *labels, size_t each, const struct xblock *b)
{
	size_t r, c, n = table_ncols(t);
	lxw_col_t b0 = (lxw_col_t)(n + 1);
	lxw_row_t row = XLSX_HEAD_ROW;
	lxw_error e = LXW_NO_ERROR;

	for (c = 0; c < n && !e; c++)
		e = worksheet_write_string(ws, row, (lxw_col_t)c,
					   labels + c * each, w->f_head);
	if (!e && b->nx)
		e = xchart_block_row(w, ws, t, b, (size_t)-1, row, b0,
				     XLSX_HEAD_ROW + 1);
	for (r = 0; r < table_nrows(t) && !e; r++) {
		row = (lxw_row_t)(XLSX_HEAD_ROW + 1 + r);
		for (c = 0; c < n && !e; c++)
			e = put_cell(w, ws, t, r, c, row);
		if (!e && r < b->nx)
			e = xchart_block_row(w, ws, t, b, r, row, b0,
					     XLSX_HEAD_ROW + 1);
	}
	return e;
}

/* notes: the table's notes below it, each wrapped across the table's
 * width (at least 80 characters) in merged cells, rows sized to fit. */
static lxw_error notes(struct xw *w, lxw_worksheet *ws, const struct table *t)
{
	size_t rows = table_nrows(t), i, c, n = table_ncols(t);
	lxw_row_t row = (lxw_row_t)(XLSX_HEAD_ROW + (rows ? rows : 1) + 2);
	lxw_col_t last = 0;
	lxw_error e = LXW_NO_ERROR;
	double width = 0, lines;
	const char *s;

	for (c = 0; c < n; c++) {
		width += xlsx_col_width(t, c, w->o->lang);
		last = (lxw_col_t)c;
		if (width >= 80)
			break;
	}
	for (i = 0; i < table_nnotes(t) && !e; i++, row++) {
		s = table_note(t, i, w->o->lang);
		lines = xlsx_text_lines(s, width);
		if (lines > 1)
			e = worksheet_set_row(ws, row, 15.0 * lines, NULL);
		if (!e && last > 0)
			e = worksheet_merge_range(ws, row, 0, row, last, s,
						  w->f_wrap);
		else if (!e)
			e = worksheet_write_string(ws, row, 0, s, w->f_wrap);
	}
	return e;
}

int xsheet_write(struct xw *w, const struct table *t, const char *name,
		 int data)
{
	size_t n = table_ncols(t), each = XLSX_NAME_BUF * 4;
	struct xblock b;
	lxw_worksheet *ws;
	char *labels;
	const char *what = "write the cells";
	lxw_error e;
	int rc = 0;

	if (n == 0)
		return nserr_set(w->err, NS_EUSAGE, "sheet '%s': the table has "
				 "no columns", name);
	memset(&b, 0, sizeof b);
	labels = calloc(n, each);
	if (!labels || (!data && xchart_block(t, &b))) {
		free(labels);
		xchart_block_release(&b);
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	}
	if (!(ws = workbook_add_worksheet(w->wb, name))) {
		rc = nserr_set(w->err, NS_EINTERNAL, "cannot add the sheet "
			       "'%s'", name);
		goto out;
	}
	header(t, w->o->lang, labels, each);
	/* the table (or autofilter) first: constant memory refuses ranges
	 * over rows already written */
	if ((e = top(w, ws, t)) == LXW_NO_ERROR &&
	    (what = w->big ? "add the autofilter" : "add the Excel table",
	     e = excel_table(w, ws, t, labels, each, name)) == LXW_NO_ERROR &&
	    (what = "write the cells",
	     e = rows(w, ws, t, labels, each, &b)) == LXW_NO_ERROR &&
	    (what = "write the notes", e = notes(w, ws, t)) == LXW_NO_ERROR)
		worksheet_freeze_panes(ws, XLSX_HEAD_ROW + 1, 0);
	if (e != LXW_NO_ERROR)
		rc = xw_fail(w, name, what, e);
	else if (b.nx)
		rc = xchart_insert(w, ws, name, t, &b, (lxw_col_t)(n + 1),
				   (lxw_col_t)(n + 2 + b.ns + 1));
out:
	free(labels);
	xchart_block_release(&b);
	return rc;
}
