/*
 * render_json: a table as one JSON object (schema in render.h) for web
 * pages and other programs.  A small writer with full string escaping:
 * the output is valid JSON and valid UTF-8 whatever the table holds, and
 * can be pasted into an HTML <script> element.
 */
#include <stdio.h>

#include "render_int.h"

static const char *esc_json(int32_t cp, const char *next, char *tmp)
{
	(void)next;
	switch (cp) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '<': return "\\u003c";
	case '>': return "\\u003e";
	}
	if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029) {
		snprintf(tmp, 16, "\\u%04x", (unsigned)cp);
		return tmp;
	}
	return NULL;
}

static void put_str(struct rout *o, const char *s)
{
	ro_put(o, "\"", 1);
	ro_put_esc(o, s, esc_json);
	ro_put(o, "\"", 1);
}

/* put_str_or_null: a string, or null for NULL or "". */
static void put_str_or_null(struct rout *o, const char *s)
{
	if (s && *s)
		put_str(o, s);
	else
		ro_puts(o, "null");
}

static void put_colref(struct rout *o, const struct table *t, int c)
{
	put_str_or_null(o, c >= 0 ? table_col(t, (size_t)c)->name : NULL);
}

static void put_key(struct rout *o, const char *key)
{
	put_str(o, key);
	ro_puts(o, ": ");
}

static void put_column(struct rout *o, const struct table *t, size_t c,
		       int lang)
{
	const struct table_col *col = table_col(t, c);

	ro_puts(o, "{");
	put_key(o, "name");
	put_str(o, col->name);
	ro_puts(o, ", ");
	put_key(o, "label");
	put_str(o, table_col_label(t, c, lang));
	ro_puts(o, ", ");
	put_key(o, "type");
	put_str(o, table_type_name(col->type));
	ro_puts(o, ", ");
	put_key(o, "unit");
	put_str_or_null(o, table_col_unit(t, c, lang));
	ro_printf(o, ", \"decimals\": %d, \"key\": %s, \"count\": %s, "
		  "\"total\": %s, ", col->decimals,
		  col->flags & COLF_KEY ? "true" : "false",
		  col->flags & COLF_COUNT ? "true" : "false",
		  col->flags & COLF_TOTAL ? "true" : "false");
	put_key(o, "denominator");
	put_colref(o, t, col->denom);
	ro_puts(o, ", ");
	put_key(o, "interval");
	if (col->lo >= 0) {
		ro_puts(o, "[");
		put_colref(o, t, col->lo);
		ro_puts(o, ", ");
		put_colref(o, t, col->hi);
		ro_puts(o, "]");
	} else {
		ro_puts(o, "null");
	}
	ro_puts(o, ", ");
	put_key(o, "bound_of");
	put_colref(o, t, col->bound_of);
	ro_puts(o, "}");
}

static void put_value(struct rout *o, const struct table *t, size_t r,
		      size_t c, int lang)
{
	char buf[NF_BUFSZ];
	const char *s;

	if (table_is_null(t, r, c)) {
		ro_puts(o, "null");
		return;
	}
	s = table_cell_display(t, r, c, lang, NF_MACHINE, buf, sizeof buf);
	if (!table_col_is_numeric(t, c))
		put_str(o, s);
	else
		ro_puts(o, *s ? s : "null");
}

static const struct {
	unsigned flag;
	const char *name;
} flag_names[] = {
	{ CELL_SUPPRESSED, "suppressed" },
	{ CELL_COMPLEMENTARY, "complementary" },
	{ CELL_ESTIMATED, "estimated" },
	{ CELL_SIGNIFICANT, "significant" },
	{ CELL_TOTAL, "total" },
	{ CELL_NOT_RECORDED, "not_recorded" },
	{ CELL_NO_DATA, "no_data" },
};
#define NFLAGS (sizeof flag_names / sizeof flag_names[0])

static void put_flags(struct rout *o, const struct table *t, size_t r)
{
	const struct table_cell *cell;
	size_t c, i;
	int first = 1, f1;

	ro_puts(o, "{");
	for (c = 0; c < table_ncols(t); c++) {
		cell = table_cell(t, r, c);
		if (!cell->flags)
			continue;
		ro_puts(o, first ? "" : ", ");
		put_key(o, table_col(t, c)->name);
		ro_puts(o, "[");
		for (i = 0, f1 = 1; i < NFLAGS; i++) {
			if (cell->flags & flag_names[i].flag) {
				ro_puts(o, f1 ? "" : ", ");
				put_str(o, flag_names[i].name);
				f1 = 0;
			}
		}
		ro_puts(o, "]");
		first = 0;
	}
	ro_puts(o, "}");
}

static void put_rows(struct rout *o, const struct table *t, int lang)
{
	size_t r, c;

	ro_puts(o, "  \"rows\": [");
	for (r = 0; r < table_nrows(t) && !o->failed; r++) {
		ro_puts(o, r ? ",\n    [" : "\n    [");
		for (c = 0; c < table_ncols(t); c++) {
			ro_puts(o, c ? ", " : "");
			put_value(o, t, r, c, lang);
		}
		ro_puts(o, "]");
	}
	ro_puts(o, table_nrows(t) ? "\n  ],\n  \"flags\": [" : "],\n"
		"  \"flags\": [");
	for (r = 0; r < table_nrows(t) && !o->failed; r++) {
		ro_puts(o, r ? ",\n    " : "\n    ");
		put_flags(o, t, r);
	}
	ro_puts(o, table_nrows(t) ? "\n  ],\n  \"total_rows\": ["
		: "],\n  \"total_rows\": [");
	for (r = 0, c = 0; r < table_nrows(t); r++)
		if (table_row_flags(t, r) & ROW_TOTAL)
			ro_printf(o, "%s%zu", c++ ? ", " : "", r);
	ro_puts(o, "],\n");
}

static void put_head(struct rout *o, const struct table *t, int lang)
{
	size_t c;

	ro_puts(o, "{\n  \"id\": ");
	put_str(o, table_id(t));
	ro_printf(o, ",\n  \"lang\": \"%s\",\n  \"title\": ",
		  nf_lang_code(lang));
	put_str(o, table_title(t, lang));
	ro_puts(o, ",\n  \"subtitle\": ");
	put_str(o, table_subtitle(t, lang));
	ro_printf(o, ",\n  \"min_cell\": %d,\n  \"columns\": [",
		  table_min_cell(t));
	for (c = 0; c < table_ncols(t); c++) {
		ro_puts(o, c ? ",\n    " : "\n    ");
		put_column(o, t, c, lang);
	}
	ro_puts(o, table_ncols(t) ? "\n  ],\n" : "],\n");
}

static void put_chart(struct rout *o, const struct table *t)
{
	const struct table_chart *ch = table_chart(t);
	size_t i;

	ro_puts(o, "  \"chart\": ");
	if (ch->type == CHART_NONE) {
		ro_puts(o, "null\n");
		return;
	}
	ro_puts(o, "{\"type\": ");
	put_str(o, table_chart_name(ch->type));
	ro_puts(o, ", \"x\": ");
	put_colref(o, t, ch->x);
	ro_puts(o, ", \"y\": [");
	for (i = 0; i < ch->ny; i++) {
		ro_puts(o, i ? ", " : "");
		put_colref(o, t, ch->y[i]);
	}
	ro_puts(o, "], \"series\": ");
	put_colref(o, t, ch->series);
	ro_puts(o, "}\n");
}

static void put_tail(struct rout *o, const struct table *t, int lang)
{
	const char *key, *value;
	size_t i;

	ro_puts(o, "  \"notes\": [");
	for (i = 0; i < table_nnotes(t); i++) {
		ro_puts(o, i ? ",\n    " : "\n    ");
		put_str(o, table_note(t, i, lang));
	}
	ro_puts(o, table_nnotes(t) ? "\n  ],\n  \"meta\": {"
		: "],\n  \"meta\": {");
	for (i = 0; i < table_nmeta(t); i++) {
		table_meta_at(t, i, &key, &value);
		ro_puts(o, i ? ", " : "");
		put_key(o, key);
		put_str(o, value);
	}
	ro_puts(o, "},\n");
	put_chart(o, t);
	ro_puts(o, "}\n");
}

int render_json(const struct table *t, int lang, FILE *out,
		struct nserr *err)
{
	struct rout o;

	ro_init(&o, out);
	put_head(&o, t, lang);
	put_rows(&o, t, lang);
	put_tail(&o, t, lang);
	return ro_finish(&o, t, "JSON", err);
}
