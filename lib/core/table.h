/*
 * table: the one result-table model of needstat.
 *
 * Every output -- text, CSV, Markdown, JSON, HTML, cairo charts, xlsx
 * workbooks, HTML dashboards -- is rendered from a struct table, so a
 * report written once renders everywhere.  A table is produced by the
 * report engine (SQL result + report metadata + suppression + statistics)
 * and then only read by renderers.
 *
 * CONTRACT FOR RENDERERS (chart, workbook, dashboard, ...)
 *
 * Shape.  ncols typed columns, nrows rows; every cell of a row exists.
 *   Columns come first: no column can be added once a row exists.  Row
 *   and column indexes are size_t from 0; int fields that refer to a
 *   column (denom, lo, hi, chart x ...) hold -1 for "none".
 *
 * Languages.  Every people-facing text is bilingual: index NS_EN (0) and
 *   NS_FR (1) from numfmt.h.  Title, subtitle, label, unit and note
 *   getters never return NULL: a missing French text falls back to
 *   English, then to "" (column labels fall back to the machine name).
 *   Text cells may also be bilingual (category and region names): read
 *   them with table_get_text() or table_cell_display().
 *
 * Column types and cell values (struct table_cell, read with
 *   table_cell(); cell->null says the value is missing):
 *     COL_TEXT   v.s[lang]  owned UTF-8 text (v.s[NS_FR] may be NULL)
 *     COL_DATE   v.s[0]     "YYYY-MM-DD"
 *     COL_MONTH  v.s[0]     "YYYY-MM"
 *     COL_INT    v.i        int64_t; a count when COLF_COUNT is set
 *     COL_REAL   v.r        double, shown with `decimals` places
 *     COL_SHARE  v.r        proportion 0..1, shown as a percentage with
 *                           `decimals` places of the percentage
 *                           (0.1234, decimals 1 -> 12.3%)
 *     COL_RATE   v.r        rate per 10,000 population (unit text says
 *                           so), `decimals` places
 *   People styles show REAL, SHARE and RATE values with more places when
 *   needed for TABLE_MIN_SIG (3) significant digits (0.00412, not 0.0;
 *   1.23%); machine outputs (CSV, JSON) write the full value, the
 *   shortest text that reads back as the same double (0.1234,
 *   2.997019180922758; a proportion stays a proportion).
 *   A stored real is always finite: setting NaN or an infinity stores
 *   NULL.  Spreadsheet writers should write numbers as numbers
 *   (table_get_real works for INT columns too) with a number format of
 *   `decimals` places (percent format for COL_SHARE), and dates as dates.
 *
 * Column roles (struct table_col.flags):
 *     COLF_KEY      a dimension (category axis, row header, pivot field);
 *                   a column without it is a measure.  TEXT, DATE and
 *                   MONTH columns are keys by default.
 *     COLF_COUNT    a count subject to small-cell suppression (default
 *                   for COL_INT columns).
 *     COLF_TOTAL    a total column (all its cells read as CELL_TOTAL).
 *     COLF_BOUND    the lower or upper bound of another column's
 *                   confidence interval (see lo/hi and bound_of).
 *   Links: `denom` is the column a share or rate is computed over (or
 *   -1); `lo`/`hi` are the interval bound columns of an estimate (e.g.
 *   unmet_share -> unmet_share_lo, unmet_share_hi), whose own `bound_of`
 *   points back.  Charts draw lo/hi as error bars; tables show them as
 *   ordinary columns.
 *
 * Cell flags (table_flags() gives the effective set):
 *     CELL_SUPPRESSED     value withheld; the cell is also NULL (setting
 *                         the flag erases the value, so a renderer
 *                         cannot leak it).  Shown as "<N" (N =
 *                         table->min_cell) in a COLF_COUNT column when
 *                         CELL_COMPLEMENTARY is not set and min_cell > 1,
 *                         otherwise as "x".  Charts leave a gap;
 *                         workbooks write the text shown.
 *     CELL_COMPLEMENTARY  suppressed so that another small cell cannot
 *                         be recomputed (or built on one); implies
 *                         CELL_SUPPRESSED.  Shown as "x".
 *     CELL_ESTIMATED      an estimate; people outputs append "E".
 *     CELL_SIGNIFICANT    a statistically significant change; people
 *                         outputs append "*".
 *     CELL_NOT_RECORDED   the data cannot give this value: the exports
 *                         behind it did not record it (a need's met or
 *                         unmet status).  The cell is NULL (setting the
 *                         flag erases the value); shown as "not
 *                         recorded" / "non consigné", never as 0.
 *     CELL_NO_DATA        no loaded batch covers the row's period (a
 *                         month with no data); NULL like the above;
 *                         shown as "no data" / "aucune donnée".
 *     CELL_TOTAL          part of a total row or column (set on the
 *                         cell, or inherited from table_row_flags() &
 *                         ROW_TOTAL or the column's COLF_TOTAL).  Charts
 *                         leave totals out; tables set them apart
 *                         (bold, a rule above).
 *   table_add_legend_notes() adds notes explaining the markers in use
 *   (also "not recorded" and "no data").
 *   Use table_cell_display() for the exact text of a cell: every output
 *   then shows the same thing.
 *
 * Notes: ordered bilingual paragraphs (source batches, period, map
 *   version, population year, suppression rule, methods); shown below
 *   tables, on a workbook's notes sheet, under a chart.  Never in CSV.
 * Metadata: ordered key/value strings (machine values, not translated).
 *   Keys the engine sets: "period_from", "period_to" (YYYY-MM-DD),
 *   "generated_at" (ISO 8601 UTC), "source", "map_version",
 *   "population_year", "report" (report file).
 * Chart: a default chart spec (type, x column, y columns or one y column
 *   split by a series column); type CHART_NONE means "no chart".
 *
 * Memory.  A table owns every string it holds (copied on set, in an
 *   arena freed by table_release()); string pointers returned by getters
 *   stay valid until table_release().  struct table_cell pointers stay
 *   valid only until the next table_add_row() or table_sort(), which
 *   may move the cells.  Arrays grow by doubling.  Not thread-safe for
 *   writing; any number of threads may read a table nobody writes.
 *
 * Errors.  Functions returning int give 0 (or an index >= 0) on success,
 *   NS_EUSAGE for a bad argument (index out of range, wrong type,
 *   duplicate column name) and NS_ENOMEM when out of memory; the table
 *   is unchanged after a failure.
 *
 * Example, building:
 *   struct table t;
 *   table_init(&t);
 *   int cat = table_add_col(&t, "category", COL_TEXT, "Category",
 *                           "Catégorie");
 *   int n = table_add_col(&t, "needs", COL_INT, "Needs", "Besoins");
 *   int r = table_add_row(&t);
 *   table_set_text(&t, r, cat, "Housing", "Logement");
 *   table_set_int(&t, r, n, 3);
 *   table_set_flags(&t, r, n, CELL_SUPPRESSED);   (value erased)
 *   ... render_table(&t, RENDER_HTML, NS_FR, out, &err) ...
 *   table_release(&t);
 * Example, reading (a chart or workbook writer), for each row r and
 * column c:
 *   if table_is_null(t, r, c): a gap, or the text
 *       table_cell_display(t, r, c, lang, NF_UNICODE, buf, sizeof buf)
 *       ("<5", "x" or "") where a text fits;
 *   else if table_col_is_numeric(t, c): table_get_real(t, r, c);
 *   else table_get_text(t, r, c, lang);
 *   plus table_flags(t, r, c) for styling and table_cell_marker().
 */
#ifndef NEEDSTAT_TABLE_H
#define NEEDSTAT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "numfmt.h"

enum col_type {
	COL_TEXT = 0,
	COL_INT,
	COL_REAL,
	COL_SHARE,
	COL_RATE,
	COL_DATE,
	COL_MONTH
};

/* Column role flags. */
#define COLF_KEY 0x01u
#define COLF_COUNT 0x02u
#define COLF_TOTAL 0x04u
#define COLF_BOUND 0x08u

/* Cell flags. */
#define CELL_SUPPRESSED 0x01u
#define CELL_COMPLEMENTARY 0x02u
#define CELL_ESTIMATED 0x04u
#define CELL_SIGNIFICANT 0x08u
#define CELL_TOTAL 0x10u
#define CELL_NOT_RECORDED 0x20u
#define CELL_NO_DATA 0x40u
/* Flags that keep a cell NULL: its value is withheld or does not exist. */
#define CELL_NO_VALUE (CELL_SUPPRESSED | CELL_NOT_RECORDED | CELL_NO_DATA)

/* Fewest significant digits people outputs show for a non-zero real. */
#define TABLE_MIN_SIG 3

/* Row flags. */
#define ROW_TOTAL 0x01u

enum chart_type {
	CHART_NONE = 0,
	CHART_LINE,
	CHART_BAR,
	CHART_GROUPED_BAR,
	CHART_STACKED_BAR,
	CHART_HBAR,
	CHART_MULTIPLES             /* one panel per series value */
};
#define TABLE_CHART_MAX_Y 8

struct table_col {
	const char *name;           /* machine name, unique: [a-z0-9_] */
	const char *label[NS_NLANG];/* may be NULL: use table_col_label() */
	const char *unit[NS_NLANG]; /* "per 10,000" ...; NULL when none */
	enum col_type type;
	unsigned flags;             /* COLF_* */
	int decimals;               /* places shown (of the % for shares) */
	int denom;                  /* denominator column or -1 */
	int lo, hi;                 /* interval bound columns or -1 */
	int bound_of;               /* for a COLF_BOUND column, or -1 */
};

struct table_cell {
	int null;                   /* 1: no value (NULL or suppressed) */
	unsigned flags;             /* CELL_* set on this cell */
	union {
		int64_t i;
		double r;
		const char *s[NS_NLANG];
	} v;
};

struct table_chart {
	enum chart_type type;
	int x;                      /* category / time axis column */
	int y[TABLE_CHART_MAX_Y];   /* value columns, one series each */
	size_t ny;
	int series;                 /* -1, or a key column whose values
				       split y[0] into series (ny == 1) */
};

struct table_note {
	const char *text[NS_NLANG];
};

struct table_meta {
	const char *key, *value;
};

struct table_arena;

/* All fields are private to table.c: read through the functions below. */
struct table {
	const char *id;
	const char *title[NS_NLANG], *subtitle[NS_NLANG];
	int min_cell;
	struct table_col *cols;
	size_t ncols, cols_cap;
	struct table_cell *cells;   /* nrows * ncols, row-major */
	unsigned *row_flags;
	size_t nrows, rows_cap;
	struct table_note *notes;
	size_t nnotes, notes_cap;
	struct table_meta *meta;
	size_t nmeta, meta_cap;
	struct table_chart chart;
	struct table_arena *arena;
};

/* ---- life cycle ---- */

/* table_init: prepare *t as an empty table (no id, min_cell 0, no
 * chart).  Allocates nothing; cannot fail. */
void table_init(struct table *t);

/* table_release: free everything *t owns and leave it as after
 * table_init().  Invalidates every pointer obtained from it. */
void table_release(struct table *t);

/* ---- building (report engine) ---- */

/* table_set_id: the machine id ("unmet_by_category"), copied. */
int table_set_id(struct table *t, const char *id);

/* table_set_title / table_set_subtitle: bilingual texts, copied; either
 * may be NULL.  The subtitle usually names the period. */
int table_set_title(struct table *t, const char *en, const char *fr);
int table_set_subtitle(struct table *t, const char *en, const char *fr);

/* table_set_min_cell: the suppression threshold N used to show "<N". */
void table_set_min_cell(struct table *t, int min_cell);

/*
 * table_add_col: append a column (only while the table has no rows).
 * name is the unique machine name; labels may be NULL.  Defaults:
 * decimals 0 for COL_INT and text types, 1 otherwise; flags COLF_KEY
 * for TEXT/DATE/MONTH, COLF_COUNT for INT; no unit, denom, interval.
 * Returns the new column index, NS_EUSAGE (rows exist, duplicate or
 * empty name, bad type) or NS_ENOMEM.
 */
int table_add_col(struct table *t, const char *name, enum col_type type,
		  const char *label_en, const char *label_fr);

/* table_col_set_flags: replace the COLF_* flags of column c
 * (COLF_BOUND is managed by table_col_set_interval and kept). */
int table_col_set_flags(struct table *t, size_t c, unsigned flags);

/* table_col_set_decimals: places shown, 0..NF_MAX_DECIMALS. */
int table_col_set_decimals(struct table *t, size_t c, int decimals);

/* table_col_set_unit: bilingual unit text (copied; NULLs clear it). */
int table_col_set_unit(struct table *t, size_t c, const char *en,
		       const char *fr);

/* table_col_set_denom: column d (or -1) is the denominator of c. */
int table_col_set_denom(struct table *t, size_t c, int d);

/*
 * table_col_set_interval: columns lo and hi (same type as c, distinct
 * from c) bound c's confidence interval; marks them COLF_BOUND with
 * bound_of = c.  lo = hi = -1 removes the link.
 */
int table_col_set_interval(struct table *t, size_t c, int lo, int hi);

/* table_add_row: append a row of NULL cells without flags.  Returns its
 * index or NS_ENOMEM; NS_EUSAGE when the table has no columns. */
int table_add_row(struct table *t);

/* table_set_row_flags: replace the ROW_* flags of row r. */
int table_set_row_flags(struct table *t, size_t r, unsigned flags);

/*
 * Cell setters: store a value in cell (r, c), keeping its flags except
 * that a suppressed cell stays NULL (the value is dropped).  Returns 0,
 * NS_EUSAGE for an index out of range or a value the column type cannot
 * hold, or NS_ENOMEM.
 *   table_set_int:  INT; REAL/SHARE/RATE (converted to double).
 *   table_set_real: REAL/SHARE/RATE; INT when v is integral and fits.
 *                   A non-finite v stores NULL.
 *   table_set_text: TEXT (fr may be NULL: English is used), DATE and
 *                   MONTH (en must parse as YYYY-MM-DD or YYYY-MM; fr is
 *                   ignored).  en == NULL stores NULL.  Copied.
 *   table_set_null: any column.
 */
int table_set_int(struct table *t, size_t r, size_t c, int64_t v);
int table_set_real(struct table *t, size_t r, size_t c, double v);
int table_set_text(struct table *t, size_t r, size_t c, const char *en,
		   const char *fr);
int table_set_null(struct table *t, size_t r, size_t c);

/* table_set_flags: replace the CELL_* flags of (r, c);
 * CELL_COMPLEMENTARY adds CELL_SUPPRESSED; suppression makes the cell
 * NULL.  table_add_flags: the same, OR-ing into the current flags. */
int table_set_flags(struct table *t, size_t r, size_t c, unsigned flags);
int table_add_flags(struct table *t, size_t r, size_t c, unsigned flags);

/* table_add_note: append a note (copied; fr may be NULL). */
int table_add_note(struct table *t, const char *en, const char *fr);

/* table_add_legend_notes: append standard bilingual notes explaining
 * "<N", "x", "E" and "*" for the markers that occur in the table. */
int table_add_legend_notes(struct table *t);

/* table_set_meta: set key to value (both copied; replaces an earlier
 * value of the key, keeping its position). */
int table_set_meta(struct table *t, const char *key, const char *value);

/*
 * table_set_chart: the default chart.  x, ys[0..ny) and series are
 * column indexes (series -1 for none; with a series column ny must be
 * 1); ny <= TABLE_CHART_MAX_Y.  CHART_NONE clears it.
 */
int table_set_chart(struct table *t, enum chart_type type, int x,
		    const int *ys, size_t ny, int series);

/* A sort key: column and direction. */
struct table_sortkey {
	size_t col;
	int desc;                   /* 1 for descending */
};

/*
 * table_sort: stable sort of the rows by the keys in order.  Text
 * compares case- and accent-insensitively in language `lang` (then
 * bytewise); numbers numerically; NULL (and suppressed) cells sort
 * after values in either direction; ROW_TOTAL rows go after all others,
 * in their previous order.  Returns 0, NS_EUSAGE or NS_ENOMEM.
 */
int table_sort(struct table *t, const struct table_sortkey *keys,
	       size_t nkeys, int lang);

/* ---- reading (renderers) ---- */

size_t table_nrows(const struct table *t);
size_t table_ncols(const struct table *t);
/* table_id: the machine id ("" when unset). */
const char *table_id(const struct table *t);
const char *table_title(const struct table *t, int lang);
const char *table_subtitle(const struct table *t, int lang);
int table_min_cell(const struct table *t);

/* table_col: column c (NULL when out of range). */
const struct table_col *table_col(const struct table *t, size_t c);

/* table_col_find: index of the column named name, or -1. */
int table_col_find(const struct table *t, const char *name);

/* table_col_label: the label in lang, falling back to English and then
 * to the machine name.  table_col_unit: the unit text or "". */
const char *table_col_label(const struct table *t, size_t c, int lang);
const char *table_col_unit(const struct table *t, size_t c, int lang);

/* table_col_is_numeric: 1 for INT, REAL, SHARE, RATE columns. */
int table_col_is_numeric(const struct table *t, size_t c);

/* table_cell: cell (r, c), or NULL when out of range. */
const struct table_cell *table_cell(const struct table *t, size_t r,
				    size_t c);

/* table_flags: the effective flags of (r, c): the cell's flags plus
 * CELL_TOTAL from its row or column; 0 when out of range. */
unsigned table_flags(const struct table *t, size_t r, size_t c);

/* table_row_flags: ROW_* flags of row r (0 when out of range). */
unsigned table_row_flags(const struct table *t, size_t r);

/* table_is_null: 1 if (r, c) has no value (NULL, suppressed, out of
 * range). */
int table_is_null(const struct table *t, size_t r, size_t c);

/* table_get_real: the numeric value of (r, c) as a double (INT columns
 * converted); NAN when NULL or not numeric. */
double table_get_real(const struct table *t, size_t r, size_t c);

/* table_get_text: the text of a TEXT/DATE/MONTH cell in lang (French
 * falls back to English); NULL when NULL or not a text column. */
const char *table_get_text(const struct table *t, size_t r, size_t c,
			   int lang);

/*
 * table_cell_display: the text every output shows for cell (r, c),
 * without markers: "<N" or "x" when suppressed, "not recorded" or "no
 * data" (in lang) for those flags, "" when NULL, else the value
 * formatted by numfmt in lang and style (NF_MACHINE: 12345.6, reals in
 * full (nf_real_exact), shares as proportions, dates ISO; people styles:
 * grouped numbers, percentages, at least TABLE_MIN_SIG significant
 * digits, "April 1, 2024").  Text cells
 * return the stored string itself (not copied); other values are
 * written into buf (NF_BUFSZ bytes always suffice) and buf is returned.
 * Returns "" for an index out of range.
 */
const char *table_cell_display(const struct table *t, size_t r, size_t c,
			       int lang, enum nf_style st, char *buf,
			       size_t size);

/* table_cell_marker: the marker people outputs append to (r, c): "*"
 * (significant), "E" (estimated), "E*" (both) or "". */
const char *table_cell_marker(const struct table *t, size_t r, size_t c);

size_t table_nnotes(const struct table *t);
/* table_note: note i in lang ("" when out of range). */
const char *table_note(const struct table *t, size_t i, int lang);

size_t table_nmeta(const struct table *t);
/* table_meta_at: key and value of entry i (NULLs when out of range). */
void table_meta_at(const struct table *t, size_t i, const char **key,
		   const char **value);
/* table_meta_get: value of key or NULL. */
const char *table_meta_get(const struct table *t, const char *key);

/* table_chart: the default chart spec (type CHART_NONE when none). */
const struct table_chart *table_chart(const struct table *t);

/* Names used in report metadata and JSON: "text", "int", "real",
 * "share", "rate", "date", "month"; "none", "line", "bar",
 * "grouped_bar", "stacked_bar", "hbar", "multiples".  The parsers return the enum
 * value or NS_EUSAGE. */
const char *table_type_name(enum col_type type);
int table_type_parse(const char *name);
const char *table_chart_name(enum chart_type type);
int table_chart_parse(const char *name);

#endif
