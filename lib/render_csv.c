/*
 * render_csv: a table as RFC 4180 CSV for scripts and spreadsheets
 * (layout in render.h): machine names in the header row, machine
 * numbers, LF line ends, quoting only where needed.  Titles and notes
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

int render_csv(const struct table *t, int lang, FILE *out,
	       struct nserr *err)
{
	char buf[NF_BUFSZ];
	struct rout o;
	const char *s;
	size_t r, c;

	ro_init(&o, out);
	for (c = 0; c < table_ncols(t); c++) {
		if (c)
			ro_put(&o, ",", 1);
		put_field(&o, table_col(t, c)->name);
	}
	if (table_ncols(t))
		ro_put(&o, "\n", 1);
	for (r = 0; r < table_nrows(t) && !o.failed; r++) {
		for (c = 0; c < table_ncols(t); c++) {
			if (c)
				ro_put(&o, ",", 1);
			s = table_cell_display(t, r, c, lang, NF_MACHINE, buf,
					       sizeof buf);
			/* a lone empty field would read as a blank line */
			if (!*s && table_ncols(t) == 1) {
				ro_puts(&o, "\"\"");
				continue;
			}
			/* text from contact logs (an agency's name) must not
			 * run as a formula in a spreadsheet: OWASP's guard */
			if (table_col(t, c)->type == COL_TEXT && *s &&
			    strchr("=+-@\t\r", *s)) {
				size_t n = strlen(s);
				char *guarded = malloc(n + 2);
				if (!guarded)
					return nserr_set(err, NS_ENOMEM,
							 "out of memory");
				guarded[0] = '\'';
				memcpy(guarded + 1, s, n + 1);
				put_field(&o, guarded);
				free(guarded);
			} else {
				put_field(&o, s);
			}
		}
		ro_put(&o, "\n", 1);
	}
	return ro_finish(&o, t, "CSV", err);
}
