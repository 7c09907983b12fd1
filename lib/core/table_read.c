/*
 * table_read: the accessor layer renderers use to read a struct table --
 * counts, columns, cells, effective flags, the displayed text of a cell,
 * notes, metadata, chart spec and the names of types -- plus the
 * standard legend notes (see table.h for the contract).
 */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nserr.h"

#define NBSP "\xc2\xa0"

static int L(int lang)
{
	return lang == NS_FR ? NS_FR : NS_EN;
}

/* pick: s[lang], falling back to English, then to dflt. */
static const char *pick(const char *const s[NS_NLANG], int lang,
			const char *dflt)
{
	if (s[L(lang)])
		return s[L(lang)];
	return s[NS_EN] ? s[NS_EN] : dflt;
}

size_t table_nrows(const struct table *t)
{
	return t->nrows;
}

size_t table_ncols(const struct table *t)
{
	return t->ncols;
}

const char *table_id(const struct table *t)
{
	return t->id ? t->id : "";
}

const char *table_title(const struct table *t, int lang)
{
	return pick(t->title, lang, "");
}

const char *table_subtitle(const struct table *t, int lang)
{
	return pick(t->subtitle, lang, "");
}

int table_min_cell(const struct table *t)
{
	return t->min_cell;
}

const struct table_col *table_col(const struct table *t, size_t c)
{
	return c < t->ncols ? &t->cols[c] : NULL;
}

int table_col_find(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; name && i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *table_col_label(const struct table *t, size_t c, int lang)
{
	if (c >= t->ncols)
		return "";
	return pick(t->cols[c].label, lang, t->cols[c].name);
}

const char *table_col_unit(const struct table *t, size_t c, int lang)
{
	if (c >= t->ncols)
		return "";
	return pick(t->cols[c].unit, lang, "");
}

int table_col_is_numeric(const struct table *t, size_t c)
{
	enum col_type type;

	if (c >= t->ncols)
		return 0;
	type = t->cols[c].type;
	return type == COL_INT || type == COL_REAL || type == COL_SHARE
	       || type == COL_RATE;
}

const struct table_cell *table_cell(const struct table *t, size_t r,
				    size_t c)
{
	if (r >= t->nrows || c >= t->ncols)
		return NULL;
	return &t->cells[r * t->ncols + c];
}

unsigned table_row_flags(const struct table *t, size_t r)
{
	return r < t->nrows ? t->row_flags[r] : 0;
}

unsigned table_flags(const struct table *t, size_t r, size_t c)
{
	const struct table_cell *cell = table_cell(t, r, c);
	unsigned f;

	if (!cell)
		return 0;
	f = cell->flags;
	if ((t->row_flags[r] & ROW_TOTAL) || (t->cols[c].flags & COLF_TOTAL))
		f |= CELL_TOTAL;
	return f;
}

int table_is_null(const struct table *t, size_t r, size_t c)
{
	const struct table_cell *cell = table_cell(t, r, c);

	return !cell || cell->null;
}

double table_get_real(const struct table *t, size_t r, size_t c)
{
	const struct table_cell *cell = table_cell(t, r, c);

	if (!cell || cell->null || !table_col_is_numeric(t, c))
		return NAN;
	return t->cols[c].type == COL_INT ? (double)cell->v.i : cell->v.r;
}

const char *table_get_text(const struct table *t, size_t r, size_t c,
			   int lang)
{
	const struct table_cell *cell = table_cell(t, r, c);

	if (!cell || cell->null || table_col_is_numeric(t, c))
		return NULL;
	return pick(cell->v.s, lang, NULL);
}

/* suppressed_text: "<N" for a primary suppressed count, else "x". */
static const char *suppressed_text(const struct table *t, size_t c,
				   unsigned flags, char *buf, size_t size)
{
	if ((t->cols[c].flags & COLF_COUNT) && !(flags & CELL_COMPLEMENTARY)
	    && t->min_cell > 1) {
		snprintf(buf, size, "<%d", t->min_cell);
		return buf;
	}
	return "x";
}

const char *table_cell_display(const struct table *t, size_t r, size_t c,
			       int lang, enum nf_style st, char *buf,
			       size_t size)
{
	const struct table_cell *cell = table_cell(t, r, c);
	const struct table_col *col;

	if (!cell || !buf || !size)
		return "";
	col = &t->cols[c];
	lang = L(lang);
	if (cell->flags & CELL_SUPPRESSED)
		return suppressed_text(t, c, cell->flags, buf, size);
	if (cell->flags & CELL_NOT_RECORDED)
		return lang == NS_FR ? "non consign\xc3\xa9" : "not recorded";
	if (cell->flags & CELL_NO_DATA)
		return lang == NS_FR ? "aucune donn\xc3\xa9" "e" : "no data";
	if (cell->null) {
		/* a total row's empty first key (a month, a date) says what
		 * the row is in people formats */
		if (c == 0 && st != NF_MACHINE &&
		    (table_row_flags(t, r) & ROW_TOTAL))
			return "Total";
		return "";
	}
	switch (col->type) {
	case COL_TEXT:
		return pick(cell->v.s, lang, "");
	case COL_DATE:
	case COL_MONTH:
		if (st == NF_MACHINE)
			return cell->v.s[NS_EN];
		nf_iso_label(buf, size, cell->v.s[NS_EN], lang, st);
		return buf;
	case COL_INT:
		nf_int(buf, size, cell->v.i, lang, st);
		return buf;
	case COL_SHARE:
	case COL_REAL:
	case COL_RATE:
		if (st == NF_MACHINE)
			nf_real_exact(buf, size, cell->v.r);
		else if (col->type == COL_SHARE)
			nf_percent_sig(buf, size, cell->v.r, col->decimals,
				       TABLE_MIN_SIG, lang, st);
		else
			nf_real_sig(buf, size, cell->v.r, col->decimals,
				    TABLE_MIN_SIG, lang, st);
		return buf;
	}
	return "";
}

const char *table_cell_marker(const struct table *t, size_t r, size_t c)
{
	unsigned f = table_flags(t, r, c);

	if ((f & CELL_ESTIMATED) && (f & CELL_SIGNIFICANT))
		return "E*";
	if (f & CELL_ESTIMATED)
		return "E";
	if (f & CELL_SIGNIFICANT)
		return "*";
	return "";
}

size_t table_nnotes(const struct table *t)
{
	return t->nnotes;
}

const char *table_note(const struct table *t, size_t i, int lang)
{
	return i < t->nnotes ? pick(t->notes[i].text, lang, "") : "";
}

size_t table_nmeta(const struct table *t)
{
	return t->nmeta;
}

void table_meta_at(const struct table *t, size_t i, const char **key,
		   const char **value)
{
	*key = i < t->nmeta ? t->meta[i].key : NULL;
	*value = i < t->nmeta ? t->meta[i].value : NULL;
}

const char *table_meta_get(const struct table *t, const char *key)
{
	size_t i;

	for (i = 0; key && i < t->nmeta; i++)
		if (strcmp(t->meta[i].key, key) == 0)
			return t->meta[i].value;
	return NULL;
}

const struct table_chart *table_chart(const struct table *t)
{
	return &t->chart;
}

static const char *const type_names[] = {
	"text", "int", "real", "share", "rate", "date", "month"
};
static const char *const chart_names[] = {
	"none", "line", "bar", "grouped_bar", "stacked_bar", "hbar",
	"multiples"
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *table_type_name(enum col_type type)
{
	return (size_t)type < NELEM(type_names) ? type_names[type] : "";
}

int table_type_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < NELEM(type_names); i++)
		if (strcmp(name, type_names[i]) == 0)
			return (int)i;
	return NS_EUSAGE;
}

const char *table_chart_name(enum chart_type type)
{
	return (size_t)type < NELEM(chart_names) ? chart_names[type] : "";
}

int table_chart_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < NELEM(chart_names); i++)
		if (strcmp(name, chart_names[i]) == 0)
			return (int)i;
	return NS_EUSAGE;
}

/* Legend kinds, in the order their notes are added. */
enum { LG_LT, LG_X, LG_NR, LG_ND, LG_E, LG_SIG, LG_N };

static void scan_markers(const struct table *t, int seen[LG_N])
{
	size_t r, c;
	unsigned f;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			f = table_flags(t, r, c);
			if (f & CELL_SUPPRESSED) {
				char tmp[16];

				seen[suppressed_text(t, c, f, tmp, sizeof tmp)[0]
				     == '<' ? LG_LT : LG_X] = 1;
			}
			if (f & CELL_NOT_RECORDED)
				seen[LG_NR] = 1;
			if (f & CELL_NO_DATA)
				seen[LG_ND] = 1;
			if (f & CELL_ESTIMATED)
				seen[LG_E] = 1;
			if (f & CELL_SIGNIFICANT)
				seen[LG_SIG] = 1;
		}
	}
}

int table_add_legend_notes(struct table *t)
{
	int seen[LG_N] = { 0 }, rc = 0;
	char en[160], fr[192];

	scan_markers(t, seen);
	if (seen[LG_LT]) {
		snprintf(en, sizeof en, "<%d: fewer than %d; the count is "
			 "suppressed to protect privacy.", t->min_cell,
			 t->min_cell);
		snprintf(fr, sizeof fr, "<%d" NBSP ": moins de %d"
			 "\xe2\x80\xaf; l'effectif est masqu\xc3\xa9 pour prot\xc3\xa9ger "
			 "la confidentialit\xc3\xa9.", t->min_cell, t->min_cell);
		rc = table_add_note(t, en, fr);
	}
	if (!rc && seen[LG_X])
		rc = table_add_note(t, "x: suppressed to protect a small count.",
				    "x" NBSP ": valeur masqu\xc3\xa9" "e pour "
				    "prot\xc3\xa9ger un petit effectif.");
	if (!rc && seen[LG_NR])
		rc = table_add_note(t, "not recorded: the contact logs behind "
				    "this cell did not record it; it is not a "
				    "zero.", "non consign\xc3\xa9" NBSP ": les "
				    "journaux de contacts de cette case ne l'ont "
				    "pas consign\xc3\xa9" NBSP "; ce n'est pas un "
				    "z\xc3\xa9ro.");
	if (!rc && seen[LG_ND])
		rc = table_add_note(t, "no data: no loaded batch of contact logs "
				    "covers this period; it is not a zero.",
				    "aucune donn\xc3\xa9" "e" NBSP ": aucun lot "
				    "de journaux de contacts charg\xc3\xa9 ne "
				    "couvre cette p\xc3\xa9riode" NBSP "; ce n'est "
				    "pas un z\xc3\xa9ro.");
	if (!rc && seen[LG_E])
		rc = table_add_note(t, "E: estimate.",
				    "E" NBSP ": estimation.");
	if (!rc && seen[LG_SIG])
		rc = table_add_note(t, "*: statistically significant change.",
				    "*" NBSP ": changement statistiquement "
				    "significatif.");
	return rc;
}
