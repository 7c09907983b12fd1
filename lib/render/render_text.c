/*
 * render_text: a table as aligned plain text for terminals and e-mails
 * (layout in render.h).  Widths are measured in terminal columns of the
 * UTF-8 text; spaces are written lazily so that no line ends in blanks.
 */
#include <stdlib.h>

#include "render_int.h"

#define NBSP "\xc2\xa0"
#define GAP 2

struct tcol {
	size_t width;               /* column width */
	size_t mw;                  /* widest marker in the column */
	int right;                  /* numbers: right-aligned */
};

/* A line being written: blanks wait until something follows them. */
struct line {
	struct rout *o;
	size_t pend;
};

static void put_text(struct line *l, const char *s)
{
	if (!*s)
		return;
	ro_spaces(l->o, l->pend);
	l->pend = 0;
	ro_put_esc(l->o, s, ro_esc_clean);
}

static void end_line(struct line *l)
{
	l->pend = 0;
	ro_put(l->o, "\n", 1);
}

static size_t heading_width(const struct table *t, size_t c, int lang)
{
	const char *unit = table_col_unit(t, c, lang);
	size_t w = ro_width(table_col_label(t, c, lang));

	return *unit ? w + ro_width(unit) + 3 : w;
}

static void put_heading(struct line *l, const struct table *t, size_t c,
			int lang)
{
	const char *unit = table_col_unit(t, c, lang);

	put_text(l, table_col_label(t, c, lang));
	if (*unit) {
		put_text(l, " (");
		put_text(l, unit);
		put_text(l, ")");
	}
}

static void measure(const struct table *t, int lang, struct tcol *tc)
{
	char buf[NF_BUFSZ];
	size_t r, c, w;

	for (c = 0; c < table_ncols(t); c++) {
		tc[c].right = table_col_is_numeric(t, c);
		tc[c].width = heading_width(t, c, lang);
		tc[c].mw = 0;
		for (r = 0; r < table_nrows(t); r++) {
			w = ro_width(table_cell_marker(t, r, c));
			if (w > tc[c].mw)
				tc[c].mw = w;
		}
		for (r = 0; r < table_nrows(t); r++) {
			w = ro_width(table_cell_display(t, r, c, lang, NF_TEXT,
							buf, sizeof buf))
			    + tc[c].mw;
			if (w > tc[c].width)
				tc[c].width = w;
		}
	}
}

static void put_headings(struct line *l, const struct table *t, int lang,
			 const struct tcol *tc)
{
	size_t c, w;

	for (c = 0; c < table_ncols(t); c++) {
		w = heading_width(t, c, lang);
		if (tc[c].right)
			l->pend += tc[c].width - w;
		put_heading(l, t, c, lang);
		if (!tc[c].right)
			l->pend += tc[c].width - w;
		l->pend += GAP;
	}
	end_line(l);
}

static void put_rule(struct line *l, const struct table *t,
		     const struct tcol *tc)
{
	size_t c, i;

	for (c = 0; c < table_ncols(t); c++) {
		if (c)
			ro_spaces(l->o, GAP);
		for (i = 0; i < tc[c].width; i++)
			ro_put(l->o, "-", 1);
	}
	end_line(l);
}

static void put_row(struct line *l, const struct table *t, size_t r,
		    int lang, const struct tcol *tc)
{
	char buf[NF_BUFSZ];
	const char *text, *mark;
	size_t c, wt, wm;

	for (c = 0; c < table_ncols(t); c++) {
		text = table_cell_display(t, r, c, lang, NF_TEXT, buf, sizeof buf);
		mark = table_cell_marker(t, r, c);
		wt = ro_width(text);
		wm = ro_width(mark);
		if (tc[c].right)
			l->pend += tc[c].width - wt - tc[c].mw;
		put_text(l, text);
		put_text(l, mark);
		l->pend += tc[c].right ? tc[c].mw - wm
				       : tc[c].width - wt - wm;
		l->pend += GAP;
	}
	end_line(l);
}

static void put_notes(struct line *l, const struct table *t, int lang)
{
	size_t i;

	if (!table_nnotes(t))
		return;
	if (table_ncols(t) || *table_title(t, lang) || *table_subtitle(t, lang))
		end_line(l);
	put_text(l, lang == NS_FR ? "Notes" NBSP ":" : "Notes:");
	end_line(l);
	for (i = 0; i < table_nnotes(t); i++) {
		put_text(l, "- ");
		put_text(l, table_note(t, i, lang));
		end_line(l);
	}
}

static void put_body(struct line *l, const struct table *t, int lang,
		     const struct tcol *tc)
{
	size_t r;
	int prev_total = 0, total;

	put_headings(l, t, lang, tc);
	put_rule(l, t, tc);
	for (r = 0; r < table_nrows(t); r++) {
		total = (table_row_flags(t, r) & ROW_TOTAL) != 0;
		if (total && !prev_total && r > 0)
			put_rule(l, t, tc);
		prev_total = total;
		put_row(l, t, r, lang, tc);
	}
}

int render_text(const struct table *t, int lang, FILE *out,
		struct nserr *err)
{
	struct rout o;
	struct line l;
	struct tcol *tc = NULL;
	int head = 0;

	ro_init(&o, out);
	l.o = &o;
	l.pend = 0;
	if (table_ncols(t)) {
		tc = calloc(table_ncols(t), sizeof *tc);
		if (!tc)
			return nserr_set(err, NS_ENOMEM, "out of memory");
		measure(t, lang, tc);
	}
	if (*table_title(t, lang)) {
		put_text(&l, table_title(t, lang));
		end_line(&l);
		head = 1;
	}
	if (*table_subtitle(t, lang)) {
		put_text(&l, table_subtitle(t, lang));
		end_line(&l);
		head = 1;
	}
	if (tc) {
		if (head)
			end_line(&l);
		put_body(&l, t, lang, tc);
	}
	put_notes(&l, t, lang);
	free(tc);
	return ro_finish(&o, t, "text", err);
}
