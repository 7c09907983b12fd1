/*
 * xlsx_int: what the files of the workbook writer share (xlsx.c: the
 * workbook, formats and the Notes sheet; xlsx_sheet.c: a table's sheet;
 * xlsx_chart.c: the chart block and the native chart).  Not for callers.
 */
#ifndef NEEDSTAT_XLSX_INT_H
#define NEEDSTAT_XLSX_INT_H

#include <xlsxwriter.h>

#include "xlsx.h"

#define XLSX_MAX_FMT 64
#define XLSX_MAX_SHEETS 64
#define XLSX_NAME_BUF (XLSX_SHEET_NAME_MAX * 4 + 16)

/* A cached cell format: number format, bold, text right-aligned. */
struct xfmt {
	char num[32];
	int bold, right;
	lxw_format *f;
};

/* The writer's state for one workbook. */
struct xw {
	lxw_workbook *wb;
	const struct xlsx_opts *o;
	struct nserr *err;
	int big;                    /* constant memory: no Excel tables */
	lxw_format *f_title, *f_sub, *f_stamp, *f_head, *f_label, *f_wrap,
		   *f_top;
	struct xfmt fmt[XLSX_MAX_FMT];
	size_t nfmt;
	char names[XLSX_MAX_SHEETS][XLSX_NAME_BUF];
	const char *used[XLSX_MAX_SHEETS];
	size_t nused;
};

/* "NOT FOR PUBLICATION ...", English and French. */
extern const char *const xlsx_stamp[2];

/* A sheet's layout: rows of the title block, the header row. */
#define XLSX_HEAD_ROW 3

/* xw_fmt: the cached format (created on first use); NULL when out of
 * memory or when the cache is full. */
lxw_format *xw_fmt(struct xw *w, const char *num, int bold, int right);

/* xw_fail: set w->err for libxlsxwriter error e in sheet `sheet` while
 * doing `what`; returns NS_EINTERNAL. */
int xw_fail(struct xw *w, const char *sheet, const char *what, lxw_error e);

/* xsheet_write: the sheet of table t named name (the Data sheet when
 * data is 1: no chart).  Returns 0 or a status (w->err set). */
int xsheet_write(struct xw *w, const struct table *t, const char *name,
		 int data);

/* The chart block beside a table: an x column and one column per
 * series, whose cells refer to the table's cells. */
struct xblock {
	size_t nx, ns;              /* rows (x values), series */
	size_t *xrow;               /* nx: table row giving the x value */
	long *src;                  /* nx * ns: table row of each value, or
				     * -1 (gap) */
	int *ycol;                  /* ns: table column of each series */
	size_t *srow;               /* ns: table row naming the series
				     * (series column), unused otherwise */
	int by_series;              /* 1: series split by a key column */
};

/* xchart_block: the block of t's default chart into *b (nx == 0 when t
 * has no chart or nothing to draw).  Returns 0 or NS_ENOMEM.  Release
 * with xchart_block_release(). */
int xchart_block(const struct table *t, struct xblock *b);
void xchart_block_release(struct xblock *b);

/* xchart_block_row: write block row i (sheet row `row`, first column
 * col0) with formulas referring to the table's cells (the table's first
 * data row is sheet row `data0`); i == (size_t)-1 writes the header. */
lxw_error xchart_block_row(struct xw *w, lxw_worksheet *ws,
			   const struct table *t, const struct xblock *b,
			   size_t i, lxw_row_t row, lxw_col_t col0,
			   lxw_row_t data0);

/* xchart_insert: the native chart over the block (sheet rows
 * XLSX_HEAD_ROW.., columns col0..), placed at column at.  Returns 0 or
 * a status. */
int xchart_insert(struct xw *w, lxw_worksheet *ws, const char *sheet,
		  const struct table *t, const struct xblock *b,
		  lxw_col_t col0, lxw_col_t at);

/* xlsx_text_lines: the lines text s takes wrapped in a column of width
 * characters (neither LibreOffice nor Excel sizes rows of a
 * libxlsxwriter file: the writer sets their heights). */
unsigned xlsx_text_lines(const char *s, double width);

#endif
