/*
 * render: writing a struct table (table.h) as text, CSV, Markdown, JSON
 * or HTML (a page, or a fragment to embed), in English or French; and the
 * HTML page shell other outputs (the dashboard) reuse.
 *
 * Every format shows a cell as table_cell_display() gives it, so the
 * numbers agree everywhere; people formats (text, Markdown, HTML) append
 * the table_cell_marker() ("*" significant, "E" estimated).
 *
 * RENDER_TEXT  title, subtitle, a blank line, then aligned columns (two
 *              spaces apart; numbers right-aligned, keys and text left;
 *              widths in terminal columns of the UTF-8 text, so accents
 *              and wide characters align), a rule of dashes under the
 *              headings and above the first total row, then "Notes:"
 *              and one "- note" line each.  Headings are labels, with
 *              " (unit)" when a column has one.  Control characters in
 *              texts become spaces (no terminal escapes get through).
 * RENDER_CSV   RFC 4180 with LF line ends: row 1 holds the column machine
 *              names (stable for scripts), then one line per row.  The
 *              first column, row_type, is "total" for a total row and
 *              "data" otherwise.  Every numeric column that is not a key
 *              is followed by NAME_flag: "<5" or "x" when the cell is
 *              suppressed (the value field is then empty), else the
 *              marker of people outputs ("*", "E", "E*") or empty; a
 *              numeric field holds only a number or nothing.  Numbers in
 *              full (2.997019180922758, shares as proportions, integers
 *              without a point); fields with a comma, quote, CR or LF are
 *              quoted, quotes doubled; NULL is an empty field.  No
 *              title, no notes.
 * RENDER_MD    GitHub Markdown: "## title", the subtitle as a paragraph,
 *              a pipe table (numbers right-aligned, total rows bold),
 *              notes as a "- " list.  Markdown punctuation in texts is
 *              backslash-escaped, line breaks become spaces.
 * RENDER_JSON  one object, keys in this order:
 *                id, lang, title, subtitle, min_cell,
 *                columns: [{name, label, type, unit, decimals, key,
 *                           count, total, denominator, interval,
 *                           bound_of}]   (column references are names or
 *                                         null; interval: [lo, hi] | null)
 *                rows:    [[value, ...], ...]  in column order: numbers
 *                         as machine numbers (shares as proportions),
 *                         texts and dates as strings, NULL and
 *                         suppressed cells as null
 *                flags:   [{column name: [flag, ...]}, ...]  one object
 *                         per row listing only flagged cells; flags are
 *                         "suppressed", "complementary", "estimated",
 *                         "significant", "total"
 *                total_rows: [row index, ...]
 *                notes:   [string, ...]
 *                meta:    {key: value, ...}
 *                chart:   {type, x, y: [...], series} | null
 *              Strings are escaped fully (quotes, backslash, control
 *              characters, U+2028/U+2029, and < > as \u003c \u003e so the
 *              text can sit in an HTML <script>); invalid UTF-8 becomes
 *              U+FFFD.  One column, row or flag object per line.
 * RENDER_HTML  a complete page (render_page_open() below, the table,
 *              render_page_close()) titled with the table's title (its
 *              id when it has none); with RENDER_FRAGMENT only the
 *              fragment, for embedding: <table class="needstat"
 *              data-id="ID" lang="en"> with <caption> (title, <br>, <span
 *              class="subtitle">), <thead> of <th scope="col">, <tbody>
 *              where key cells are <th scope="row">, total rows are <tr
 *              class="total">, and td classes say "num" (numeric column),
 *              "suppressed", "estimated", "significant", "total"; markers
 *              are <span class="marker">; then <ul class="notes">.  All
 *              text escaped (& < > " '); French numbers use U+202F.
 *
 * Writers check every write and flush `out` at the end: a failure
 * (full disk, closed pipe) returns NS_EIO with the message "cannot write
 * FORMAT table 'ID': strerror".  The caller still closes `out`.
 */
#ifndef NEEDSTAT_RENDER_H
#define NEEDSTAT_RENDER_H

#include <stdio.h>

#include "core/nserr.h"
#include "core/table.h"

enum render_format {
	RENDER_TEXT = 0,
	RENDER_CSV,
	RENDER_MD,
	RENDER_JSON,
	RENDER_HTML
};

/* Flags of render_table_flags(). */
enum render_flag {
	RENDER_FRAGMENT = 1 << 0    /* HTML: the bare <table> and notes,
				       without the page around them */
};

/*
 * render_table: write t to out in format fmt and language lang (NS_EN or
 * NS_FR); HTML is a complete page.  Returns 0, NS_EUSAGE (bad format or
 * language) or NS_EIO, with err (may be NULL) filled on failure.  t is
 * not modified.  Same as render_table_flags(t, fmt, lang, 0, out, err).
 */
int render_table(const struct table *t, enum render_format fmt, int lang,
		 FILE *out, struct nserr *err);

/*
 * render_table_flags: render_table() with flags, a set of enum
 * render_flag (RENDER_FRAGMENT; formats other than HTML ignore it;
 * unknown bits are NS_EUSAGE).
 */
int render_table_flags(const struct table *t, enum render_format fmt,
		       int lang, unsigned flags, FILE *out,
		       struct nserr *err);

/*
 * The HTML page shell, shared by `--format html` and the dashboard.  A
 * page with several tables is
 *
 *	render_page_open(out, title, lang, NULL, err);   (or a .css href)
 *	render_table_flags(t, RENDER_HTML, lang, RENDER_FRAGMENT, out, err);
 *	... more fragments or the caller's own escaped HTML ...
 *	render_page_close(out, err);
 *
 * render_page_open writes "<!DOCTYPE html>", <html lang="en|fr">, a
 * <head> with <meta charset="utf-8">, a viewport <meta>, <title> and the
 * stylesheet, then "<body>" and "<main>".  title is escaped (NULL is an
 * empty title).  css_href NULL puts render_page_css() inline in a
 * <style> element; otherwise the head links to css_href (escaped; the
 * caller writes render_page_css() to that file).  render_page_close
 * writes "</main>", "</body>" and "</html>".  Both flush out and return
 * 0, NS_EUSAGE (bad language, NULL out) or NS_EIO ("cannot write HTML
 * page: strerror"), err (may be NULL) filled on failure.
 */
int render_page_open(FILE *out, const char *title, int lang,
		     const char *css_href, struct nserr *err);
int render_page_close(FILE *out, struct nserr *err);

/*
 * render_page_css: the stylesheet of the page (a static string, no
 * <style> tags, ends with a newline).  It styles the fragment's classes:
 * numbers right-aligned in tabular figures (font-variant-numeric:
 * tabular-nums), a header row that stays in view while scrolling
 * (position: sticky), zebra rows, bold total rows, the caption as the
 * title, small notes under the table, and print styles (no sticky
 * header, the header repeated on each page, rows not split, zebra kept).
 */
const char *render_page_css(void);

/* render_format_parse: "text" (or "txt"), "csv", "md" (or "markdown"),
 * "json", "html" -> the format, or NS_EUSAGE. */
int render_format_parse(const char *name);

/* render_format_name: "text", "csv", "md", "json", "html" ("" if bad). */
const char *render_format_name(enum render_format fmt);

/* render_format_ext: file name extension without the dot: "txt", "csv",
 * "md", "json", "html" ("" if bad). */
const char *render_format_ext(enum render_format fmt);

#endif
