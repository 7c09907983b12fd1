/*
 * xlsx: a report set as one Excel workbook (libxlsxwriter), for analysts
 * and funders who open, filter and pivot it (issue 14, DESIGN.md
 * "Spreadsheets").
 *
 * The workbook holds, in the workbook's language:
 *   - a Notes sheet first: title, period, generation time, source batches,
 *     map version, population year, suppression rule, the list of sheets
 *     and every note of every table (each distinct note once);
 *   - one sheet per table: title and subtitle above an Excel table (header
 *     row, autofilter, banded rows, frozen header), numbers written as
 *     numbers with a number format per column type (counts #,##0, shares
 *     0.0%, rates and reals with the column's places, months and dates as
 *     dates), column widths computed from the content; a suppressed cell
 *     is written as the text it shows ("<5", "x") with a cell note saying
 *     what it means, never as a number; text is always written as a string
 *     (a category or agency named "=1+1" or "@x" stays text);
 *   - a native chart for a table with a default chart (table_chart()),
 *     drawn from a small block of cells beside the table that refer to
 *     the table's cells (formulas like =C5), so the chart stays live;
 *   - optionally a flat Data sheet (any table, typically month x category
 *     x region x status counts): an Excel table, or in constant-memory
 *     mode a plain autofilter when it has more than big_rows rows
 *     (constant memory is a property of the whole workbook in
 *     libxlsxwriter, so then every sheet gets a plain autofilter).
 *   - workbook properties (title, subject, created).
 * With `internal`, every sheet says "NOT FOR PUBLICATION" above its
 * content and in its printed header.
 *
 * Suppression is the report engine's: this module writes what the tables
 * show and adds nothing a table does not show.
 */
#ifndef NEEDSTAT_XLSX_H
#define NEEDSTAT_XLSX_H

#include <stddef.h>

#include "core/nserr.h"
#include "core/table.h"

/* Data sheets with more rows than this use constant-memory mode. */
#define XLSX_BIG_ROWS 50000

/* Excel's limit on sheet names. */
#define XLSX_SHEET_NAME_MAX 31

struct xlsx_opts {
	int lang;                   /* NS_EN or NS_FR */
	int internal;               /* 1: stamp every sheet not for
				     * publication */
	const char *title;          /* workbook title; NULL: a default */
	const char *generated_at;   /* ISO 8601 UTC; NULL: now */
	size_t big_rows;            /* 0: XLSX_BIG_ROWS */
	const char *tmpdir;         /* libxlsxwriter's temporary files;
				     * NULL: the system's */
};

/* xlsx_opts_init: English, for publication, defaults elsewhere. */
void xlsx_opts_init(struct xlsx_opts *o);

/*
 * xlsx_write: write the workbook of the n tables (in order, one sheet
 * each) and, when data is not NULL, a Data sheet after them, to path
 * (created or replaced: the caller passes a temporary name and renames
 * it on success).  The tables are only read.  Returns 0; NS_EUSAGE for
 * no table; NS_ECANTCREAT when libxlsxwriter cannot create or close the
 * file ("cannot write 'PATH': ..." with libxlsxwriter's reason);
 * NS_ENOMEM; NS_EINTERNAL for a libxlsxwriter error while building
 * ("sheet 'S': cannot ...").  On error path may hold a partial file.
 * libxlsxwriter's own messages never reach stderr: stderr is swapped for a
 * memory stream during the call (glibc; not thread-safe).
 */
int xlsx_write(const char *path, const struct table *const *tables,
	       size_t n, const struct table *data, const struct xlsx_opts *o,
	       struct nserr *err);

/*
 * xlsx_sheet_name: a valid sheet name from title into buf (size >
 * XLSX_SHEET_NAME_MAX * 4): characters Excel forbids ([]:*?/\) become
 * spaces, a leading or trailing apostrophe is dropped, the name is cut
 * at a word boundary within XLSX_SHEET_NAME_MAX characters (not bytes),
 * and made unique (case-insensitively) among the nused names of used by
 * a suffix " (2)", " (3)"...  An empty title gives "Sheet".  Returns buf.
 */
char *xlsx_sheet_name(const char *title, const char *const *used,
		      size_t nused, char *buf, size_t size);

/*
 * xlsx_num_format: the Excel number format of column c into buf ("" for
 * text columns): counts and integers "#,##0", reals and rates with the
 * column's places ("#,##0.0"), shares as percentages ("0.0%"), months
 * "yyyy-mm", dates "yyyy-mm-dd".  Returns buf.
 */
const char *xlsx_num_format(const struct table_col *c, char *buf,
			    size_t size);

/*
 * xlsx_col_width: the width (in Excel character units) for column c of
 * t in lang: from the longest of its header and its cells as shown
 * (characters, not bytes), with room for the autofilter button, between
 * 6 and 60.
 */
double xlsx_col_width(const struct table *t, size_t c, int lang);

/*
 * xlsx_cell_note: the note a workbook attaches to cell (r, c) of t, in
 * lang, into buf: for a suppressed cell what its "<N" or "x" means (a
 * count from 0 to N-1; a count of N or more hidden to protect one; a
 * value computed from a hidden count), else "Estimate." and/or
 * "Statistically significant change." for its markers, else "".
 * Returns buf.
 */
const char *xlsx_cell_note(const struct table *t, size_t r, size_t c,
			   int lang, char *buf, size_t size);

#endif
