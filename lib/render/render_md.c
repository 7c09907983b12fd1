/*
 * render_md: a table as GitHub-flavoured Markdown (layout in render.h):
 * a heading, the subtitle, a pipe table and the notes as a list.  Texts
 * are escaped so that no value can open emphasis, a link, an HTML tag
 * or a new table cell.
 */
#include <string.h>

#include "render_int.h"

static int is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static const char *esc_md(int32_t cp, const char *next, char *tmp)
{
	(void)tmp;
	if (ro_is_control(cp))
		return " ";
	switch (cp) {
	case '\\': return "\\\\";
	case '`': return "\\`";
	case '*': return "\\*";
	case '_': return "\\_";
	case '[': return "\\[";
	case ']': return "\\]";
	case '|': return "\\|";
	case '~': return "\\~";
	case '#': return "\\#";
	case '<':
		if (is_alpha(*next) || *next == '/' || *next == '!'
		    || *next == '?')
			return "\\<";
		break;
	case '&':
		if (is_alpha(*next) || *next == '#')
			return "\\&";
		break;
	}
	return NULL;
}

static void put_md(struct rout *o, const char *s)
{
	ro_put_esc(o, s, esc_md);
}

/* put_block: s at the start of a block, where "-", "+", ">", "=" or
 * "1." would start a list, quote or heading. */
static void put_block(struct rout *o, const char *s)
{
	size_t n = 0;

	if (*s && strchr("-+>=", *s))
		ro_put(o, "\\", 1);
	while (is_digit(s[n]))
		n++;
	if (n && (s[n] == '.' || s[n] == ')')) {
		ro_put(o, s, n);
		ro_put(o, "\\", 1);
		s += n;
	}
	put_md(o, s);
}

static void put_heading(struct rout *o, const struct table *t, size_t c,
			int lang)
{
	const char *unit = table_col_unit(t, c, lang);

	put_md(o, table_col_label(t, c, lang));
	if (*unit) {
		ro_puts(o, " (");
		put_md(o, unit);
		ro_puts(o, ")");
	}
}

static void put_header(struct rout *o, const struct table *t, int lang)
{
	size_t c;

	ro_puts(o, "|");
	for (c = 0; c < table_ncols(t); c++) {
		ro_puts(o, " ");
		put_heading(o, t, c, lang);
		ro_puts(o, " |");
	}
	ro_puts(o, "\n|");
	for (c = 0; c < table_ncols(t); c++)
		ro_puts(o, table_col_is_numeric(t, c) ? " ---: |" : " --- |");
	ro_puts(o, "\n");
}

static void put_row(struct rout *o, const struct table *t, size_t r,
		    int lang)
{
	char buf[NF_BUFSZ];
	const char *text, *mark;
	int bold = (table_row_flags(t, r) & ROW_TOTAL) != 0;
	size_t c;

	ro_puts(o, "|");
	for (c = 0; c < table_ncols(t); c++) {
		text = table_cell_display(t, r, c, lang, NF_TEXT, buf,
					  sizeof buf);
		mark = table_cell_marker(t, r, c);
		ro_puts(o, " ");
		if (bold && *text)
			ro_puts(o, "**");
		put_md(o, text);
		put_md(o, mark);
		if (bold && *text)
			ro_puts(o, "**");
		ro_puts(o, " |");
	}
	ro_puts(o, "\n");
}

int render_md(const struct table *t, int lang, FILE *out,
	      struct nserr *err)
{
	struct rout o;
	size_t r, i;
	int sep = 0;

	ro_init(&o, out);
	if (*table_title(t, lang)) {
		ro_puts(&o, "## ");
		put_md(&o, table_title(t, lang));
		ro_puts(&o, "\n");
		sep = 1;
	}
	if (*table_subtitle(t, lang)) {
		ro_puts(&o, sep ? "\n" : "");
		put_block(&o, table_subtitle(t, lang));
		ro_puts(&o, "\n");
		sep = 1;
	}
	if (table_ncols(t)) {
		ro_puts(&o, sep ? "\n" : "");
		put_header(&o, t, lang);
		for (r = 0; r < table_nrows(t) && !o.failed; r++)
			put_row(&o, t, r, lang);
		sep = 1;
	}
	for (i = 0; i < table_nnotes(t); i++) {
		ro_puts(&o, sep && i == 0 ? "\n- " : "- ");
		put_block(&o, table_note(t, i, lang));
		ro_puts(&o, "\n");
	}
	return ro_finish(&o, t, "Markdown", err);
}
