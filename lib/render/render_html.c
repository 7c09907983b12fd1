/*
 * render_html: a table as an HTML page, or as the fragment (structure and
 * class names in render.h) that the page and the dashboard embed and
 * style.  Every text is escaped for both element content and attribute
 * values; control characters other than tab and newline become spaces.
 */
#include <string.h>

#include "render_int.h"

const char *ro_esc_html(int32_t cp, const char *next, char *tmp)
{
	(void)next;
	(void)tmp;
	switch (cp) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\t': case '\n': return NULL;
	}
	return ro_is_control(cp) ? " " : NULL;
}

static void put_h(struct rout *o, const char *s)
{
	ro_put_esc(o, s, ro_esc_html);
}

static void put_caption(struct rout *o, const struct table *t, int lang)
{
	const char *title = table_title(t, lang), *sub = table_subtitle(t, lang);

	if (!*title && !*sub)
		return;
	ro_puts(o, "<caption>");
	put_h(o, title);
	if (*title && *sub)
		ro_puts(o, "<br>");
	if (*sub) {
		ro_puts(o, "<span class=\"subtitle\">");
		put_h(o, sub);
		ro_puts(o, "</span>");
	}
	ro_puts(o, "</caption>\n");
}

static void put_thead(struct rout *o, const struct table *t, int lang)
{
	const char *unit;
	size_t c;

	ro_puts(o, "<thead>\n<tr>");
	for (c = 0; c < table_ncols(t); c++) {
		ro_puts(o, table_col_is_numeric(t, c)
			? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		put_h(o, table_col_label(t, c, lang));
		unit = table_col_unit(t, c, lang);
		if (*unit) {
			ro_puts(o, " <span class=\"unit\">(");
			put_h(o, unit);
			ro_puts(o, ")</span>");
		}
		ro_puts(o, "</th>");
	}
	ro_puts(o, "</tr>\n</thead>\n");
}

/* put_open: the opening tag of cell (r, c) with its classes. */
static void put_open(struct rout *o, const struct table *t, size_t r,
		     size_t c)
{
	static const struct {
		unsigned flag;
		const char *name;
	} cls[] = {
		{ CELL_SUPPRESSED, "suppressed" },
		{ CELL_ESTIMATED, "estimated" },
		{ CELL_SIGNIFICANT, "significant" },
		{ CELL_NOT_RECORDED, "not-recorded" },
		{ CELL_NO_DATA, "no-data" },
	};
	const struct table_col *col = table_col(t, c);
	unsigned f = table_cell(t, r, c)->flags;
	const char *sep = "";
	size_t i;

	ro_puts(o, col->flags & COLF_KEY ? "<th scope=\"row\"" : "<td");
	if (!table_col_is_numeric(t, c) && !(f & ~CELL_COMPLEMENTARY)
	    && !(col->flags & COLF_TOTAL)) {
		ro_puts(o, ">");
		return;
	}
	ro_puts(o, " class=\"");
	if (table_col_is_numeric(t, c)) {
		ro_puts(o, "num");
		sep = " ";
	}
	for (i = 0; i < sizeof cls / sizeof cls[0]; i++) {
		if (f & cls[i].flag) {
			ro_puts(o, sep);
			ro_puts(o, cls[i].name);
			sep = " ";
		}
	}
	if ((f & CELL_TOTAL) || (col->flags & COLF_TOTAL)) {
		ro_puts(o, sep);
		ro_puts(o, "total");
	}
	ro_puts(o, "\">");
}

static void put_tbody(struct rout *o, const struct table *t, int lang)
{
	char buf[NF_BUFSZ];
	const char *mark;
	size_t r, c;

	ro_puts(o, "<tbody>\n");
	for (r = 0; r < table_nrows(t) && !o->failed; r++) {
		ro_puts(o, table_row_flags(t, r) & ROW_TOTAL
			? "<tr class=\"total\">" : "<tr>");
		for (c = 0; c < table_ncols(t); c++) {
			put_open(o, t, r, c);
			put_h(o, table_cell_display(t, r, c, lang, NF_UNICODE,
						    buf, sizeof buf));
			mark = table_cell_marker(t, r, c);
			if (*mark) {
				ro_puts(o, "<span class=\"marker\">");
				put_h(o, mark);
				ro_puts(o, "</span>");
			}
			ro_puts(o, table_col(t, c)->flags & COLF_KEY
				? "</th>" : "</td>");
		}
		ro_puts(o, "</tr>\n");
	}
	ro_puts(o, "</tbody>\n");
}

int render_html(const struct table *t, int lang, unsigned flags,
		FILE *out, struct nserr *err)
{
	const char *title = table_title(t, lang);
	struct rout o;
	size_t i;

	ro_init(&o, out);
	if (!(flags & RENDER_FRAGMENT))
		ro_page_open(&o, *title ? title : table_id(t), lang, NULL);
	ro_puts(&o, "<table class=\"needstat\" data-id=\"");
	put_h(&o, table_id(t));
	ro_puts(&o, "\" lang=\"");
	ro_puts(&o, nf_lang_code(lang));
	ro_puts(&o, "\">\n");
	put_caption(&o, t, lang);
	if (table_ncols(t)) {
		put_thead(&o, t, lang);
		put_tbody(&o, t, lang);
	}
	ro_puts(&o, "</table>\n");
	if (table_nnotes(t)) {
		ro_puts(&o, "<ul class=\"notes\">\n");
		for (i = 0; i < table_nnotes(t); i++) {
			ro_puts(&o, "<li>");
			put_h(&o, table_note(t, i, lang));
			ro_puts(&o, "</li>\n");
		}
		ro_puts(&o, "</ul>\n");
	}
	if (!(flags & RENDER_FRAGMENT))
		ro_page_close(&o);
	return ro_finish(&o, t, "HTML", err);
}
