/*
 * render_csv: a table as RFC 4180 CSV for scripts and spreadsheets
 * (layout in render.h): machine names in the header row, a row_type
 * column, full machine numbers, each numeric column followed by its flag
 * column, LF line ends, quoting only where needed.  Titles and notes
 * stay out of the data; they travel in the other formats.
 */
#include <stdlib.h>
#include <string.h>

#include "render_int.h"

/* put_field: s, quoted (with quotes doubled) if it holds , " CR or LF. */
static void put_field(struct rout *o, const char *s)
{
	const char *q;

	if (!s[strcspn(s, ",\"\r\n")]) {
		ro_puts(o, s);
		return;
	}
	ro_put(o, "\"", 1);
	while ((q = strchr(s, '"')) != NULL) {
		ro_put(o, s, (size_t)(q - s) + 1);
		ro_put(o, "\"", 1);
		s = q + 1;
	}
	ro_puts(o, s);
	ro_put(o, "\"", 1);
}

/* has_flag: column c is followed by its flag column NAME_flag. */
static int has_flag(const struct table *t, size_t c)
{
	return table_col_is_numeric(t, c) &&
	       !(table_col(t, c)->flags & COLF_KEY);
}

static void put_header(struct rout *o, const struct table *t)
{
	size_t c;

	ro_puts(o, "row_type");
	for (c = 0; c < table_ncols(t); c++) {
		ro_put(o, ",", 1);
		put_field(o, table_col(t, c)->name);
		if (has_flag(t, c)) {
			ro_put(o, ",", 1);
			put_field(o, table_col(t, c)->name);
			ro_puts(o, "_flag");
		}
	}
	ro_put(o, "\n", 1);
}

/* put_text: a text cell; text from contact logs (an agency's name) must
 * not run as a formula in a spreadsheet: OWASP's guard. */
static int put_text(struct rout *o, const char *s, struct nserr *err)
{
	char *guarded;
	size_t n;

	if (!*s || !strchr("=+-@\t\r", *s)) {
		put_field(o, s);
		return 0;
	}
	n = strlen(s);
	if (!(guarded = malloc(n + 2)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	guarded[0] = '\'';
	memcpy(guarded + 1, s, n + 1);
	put_field(o, guarded);
	free(guarded);
	return 0;
}

/* put_value: a numeric cell and its flag: the value (empty when NULL,
 * suppressed, not recorded or no data), then "<N" or "x" when
 * suppressed, "not_recorded" or "no_data" (the same words in every
 * language, as in JSON) for a value the data cannot give, else the
 * marker people outputs append ("*", "E", "E*") or nothing. */
static void put_value(struct rout *o, const struct table *t, size_t r,
		      size_t c)
{
	char buf[NF_BUFSZ];
	const char *s = table_cell_display(t, r, c, NS_EN, NF_MACHINE, buf,
					   sizeof buf);
	unsigned f = table_flags(t, r, c);

	if (!(f & CELL_NO_VALUE))
		put_field(o, s);
	ro_put(o, ",", 1);
	if (f & CELL_SUPPRESSED)
		put_field(o, s);
	else if (f & CELL_NOT_RECORDED)
		put_field(o, "not_recorded");
	else if (f & CELL_NO_DATA)
		put_field(o, "no_data");
	else
		put_field(o, table_cell_marker(t, r, c));
}

int render_csv(const struct table *t, int lang, FILE *out,
	       struct nserr *err)
{
	char buf[NF_BUFSZ];
	struct rout o;
	size_t r, c;

	ro_init(&o, out);
	if (!table_ncols(t))
		return ro_finish(&o, t, "CSV", err);
	put_header(&o, t);
	for (r = 0; r < table_nrows(t) && !o.failed; r++) {
		ro_puts(&o, table_row_flags(t, r) & ROW_TOTAL ? "total"
			: "data");
		for (c = 0; c < table_ncols(t); c++) {
			ro_put(&o, ",", 1);
			if (has_flag(t, c))
				put_value(&o, t, r, c);
			else if (put_text(&o, table_cell_display(t, r, c, lang,
				 NF_MACHINE, buf, sizeof buf), err))
				return NS_ENOMEM;
		}
		ro_put(&o, "\n", 1);
	}
	return ro_finish(&o, t, "CSV", err);
}
