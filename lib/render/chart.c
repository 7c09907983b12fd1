/*
 * chart: building the chart model (chart.h) from a table and its chart
 * spec: categories, series, points with their gaps and breaks, the stack
 * rule that keeps a hidden part from being computed, and the value axis.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

void chart_init(struct chart *c)
{
	memset(c, 0, sizeof *c);
}

void chart_release(struct chart *c)
{
	size_t i;

	free(c->title);
	free(c->subtitle);
	free(c->xlabel);
	free(c->y.label);
	for (i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->notes);
	for (i = 0; i < c->ncat; i++)
		free(c->cats[i]);
	free(c->cats);
	free(c->cat_label);
	free(c->cat_month);
	free(c->order);
	for (i = 0; i < c->nseries; i++) {
		free(c->series[i].name);
		free(c->series[i].pts);
	}
	free(c->series);
	chart_init(c);
}

/* The state of building: the table, the spec and growing arrays. */
struct cb {
	struct chart *c;
	const struct table *t;
	const struct table_chart *spec;
	struct nserr *err;
	size_t cat_cap;
	size_t npts[CHART_MAX_SERIES]; /* points allocated per series */
	int per_row;                /* hbar: every row its own category */
	int month_x;                /* x is a month column: c->cat_month */
};

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

/* cols_list: "a, b, c": the columns of t, for messages. */
static void cols_list(const struct table *t, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < table_ncols(t) && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				      table_col(t, i)->name);
}

static int spec_error(struct cb *b, const char *what)
{
	char cols[1024];

	cols_list(b->t, cols, sizeof cols);
	return nserr_set(b->err, NS_EUSAGE, "chart of '%s': %s (columns: %s)",
			 table_id(b->t), what, cols);
}

/* cell_text: the text of key cell (r, col) in the chart's language. */
static const char *cell_text(struct cb *b, size_t r, int col, char *buf,
			     size_t size)
{
	const struct table_col *tc = table_col(b->t, (size_t)col);
	const char *s;
	int y, m, d = 0;

	if (tc->type == COL_MONTH && !table_is_null(b->t, r, (size_t)col) &&
	    sscanf(table_get_text(b->t, r, (size_t)col, 0), "%d-%d", &y,
		   &m) == 2) {
		nf_month(buf, size, y, m, b->c->lang, NF_UNICODE);
		return buf;
	}
	if (tc->type == COL_DATE && !table_is_null(b->t, r, (size_t)col) &&
	    sscanf(table_get_text(b->t, r, (size_t)col, 0), "%d-%d-%d", &y,
		   &m, &d) == 3) {
		nf_date(buf, size, y, m, d, b->c->lang, NF_UNICODE);
		return buf;
	}
	s = table_cell_display(b->t, r, (size_t)col, b->c->lang, NF_UNICODE,
			       buf, size);
	return *s ? s : "\xe2\x80\x93";
}

/* row_label: for per-row categories, the key texts of row r joined by
 * " · " (the x text alone when no other key text exists). */
static void row_label(struct cb *b, size_t r, char *buf, size_t size)
{
	char one[NF_BUFSZ];
	size_t c, n = 0;

	buf[0] = '\0';
	for (c = 0; c < table_ncols(b->t) && n < size; c++) {
		const struct table_col *tc = table_col(b->t, c);

		if (tc->type != COL_TEXT || !(tc->flags & COLF_KEY))
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      n ? " \xc2\xb7 " : "",
				      cell_text(b, r, (int)c, one, sizeof one));
	}
	if (!n)
		snprintf(buf, size, "%s",
			 cell_text(b, r, b->spec->x, one, sizeof one));
}

/* find_or_add_cat: the index of category label s (added at the end when
 * new, or always when per_row), of month mon (x a month column: year *
 * 12 + month - 1, or -1); -1 when out of memory. */
static long find_or_add_cat(struct cb *b, const char *s, long mon)
{
	struct chart *c = b->c;
	size_t i;

	if (!b->per_row)
		for (i = 0; i < c->ncat; i++)
			if (strcmp(c->cats[i], s) == 0)
				return (long)i;
	if (c->ncat == b->cat_cap) {
		size_t cap = b->cat_cap ? 2 * b->cat_cap : 16;
		char **v = realloc(c->cats, cap * sizeof *v);
		long *m;

		if (!v)
			return -1;
		c->cats = v;
		if (b->month_x) {
			if (!(m = realloc(c->cat_month, cap * sizeof *m)))
				return -1;
			c->cat_month = m;
		}
		b->cat_cap = cap;
	}
	if (!(c->cats[c->ncat] = dup(s)))
		return -1;
	if (b->month_x)
		c->cat_month[c->ncat] = mon;
	return (long)c->ncat++;
}

/* month_of: cell (r, col) of a month column as year * 12 + month - 1;
 * -1 when empty. */
static long month_of(struct cb *b, size_t r, int col)
{
	int y, m;

	if (table_is_null(b->t, r, (size_t)col) ||
	    sscanf(table_get_text(b->t, r, (size_t)col, 0), "%d-%d", &y,
		   &m) != 2)
		return -1;
	return (long)y * 12 + m - 1;
}

/* find_or_add_series: the index of series name s, added when new; -1
 * when out of memory, -2 when there would be too many. */
static long find_or_add_series(struct cb *b, const char *s)
{
	struct chart *c = b->c;
	size_t i;

	for (i = 0; i < c->nseries; i++)
		if (strcmp(c->series[i].name, s) == 0)
			return (long)i;
	if (c->nseries == CHART_MAX_SERIES)
		return -2;
	if (!(c->series[c->nseries].name = dup(s)))
		return -1;
	return (long)c->nseries++;
}

/* point_of: the point of cell (r, col), with its interval. */
static void point_of(struct cb *b, size_t r, int col, struct chart_point *p)
{
	const struct table_col *tc = table_col(b->t, (size_t)col);
	unsigned f = table_flags(b->t, r, (size_t)col);
	char buf[NF_BUFSZ];

	memset(p, 0, sizeof *p);
	if (!table_is_null(b->t, r, (size_t)col)) {
		p->state = CPT_VALUE;
		p->v = table_get_real(b->t, r, (size_t)col);
		if (tc->lo >= 0 && tc->hi >= 0 &&
		    !table_is_null(b->t, r, (size_t)tc->lo) &&
		    !table_is_null(b->t, r, (size_t)tc->hi)) {
			p->has_iv = 1;
			p->lo = table_get_real(b->t, r, (size_t)tc->lo);
			p->hi = table_get_real(b->t, r, (size_t)tc->hi);
		}
	} else if (f & CELL_SUPPRESSED) {
		p->state = CPT_SUPPRESSED;
		snprintf(p->gap_text, sizeof p->gap_text, "%s",
			 table_cell_display(b->t, r, (size_t)col, b->c->lang,
					    NF_UNICODE, buf, sizeof buf));
	} else if (f & CELL_NOT_RECORDED) {
		p->state = CPT_NOT_RECORDED;
	} else {
		p->state = CPT_NO_DATA;   /* NULL or no data: a break */
	}
}

/* check_spec: the spec's columns fit the chart type. */
static int check_spec(struct cb *b)
{
	const struct table_chart *s = b->spec;
	const struct table_col *x = table_col(b->t, (size_t)s->x);
	char what[512];
	size_t i;

	if (s->type == CHART_NONE)
		return spec_error(b, "the report has no default chart (see "
				  "needstat-chart(1)): give --type, --x and --y");
	for (i = 0; i < s->ny; i++)
		if (!table_col_is_numeric(b->t, (size_t)s->y[i])) {
			snprintf(what, sizeof what, "y column '%s' is not "
				 "numeric", table_col(b->t, (size_t)s->y[i])->name);
			return spec_error(b, what);
		}
	if (s->type == CHART_MULTIPLES && s->series < 0)
		return spec_error(b, "multiples need a series column (one "
				  "panel per value)");
	if (s->series >= 0 && table_col(b->t, (size_t)s->series)->type !=
	    COL_TEXT) {
		snprintf(what, sizeof what, "series column '%s' is not a text "
			 "column", table_col(b->t, (size_t)s->series)->name);
		return spec_error(b, what);
	}
	if (s->type == CHART_LINE && x->type != COL_MONTH &&
	    x->type != COL_DATE) {
		snprintf(what, sizeof what, "a line needs a month or date x "
			 "column, '%s' is %s", x->name, table_type_name(x->type));
		return spec_error(b, what);
	}
	return 0;
}

/* grow: series si holds cat_cap points, the new ones CPT_MISSING. */
static int grow(struct cb *b, size_t si)
{
	struct chart_series *sr = &b->c->series[si];
	size_t cap = b->cat_cap ? b->cat_cap : 1;
	struct chart_point *pts;

	if (b->npts[si] >= cap)
		return 0;
	if (!(pts = realloc(sr->pts, cap * sizeof *pts)))
		return nserr_set(b->err, NS_ENOMEM, "out of memory");
	memset(pts + b->npts[si], 0, (cap - b->npts[si]) * sizeof *pts);
	sr->pts = pts;
	b->npts[si] = cap;
	return 0;
}

/* add_row: the points of row r. */
static int add_row(struct cb *b, size_t r)
{
	const struct table_chart *s = b->spec;
	char lab[1024], sname[NF_BUFSZ];
	long ci, si;
	size_t k;

	if (b->per_row)
		row_label(b, r, lab, sizeof lab);
	else
		snprintf(lab, sizeof lab, "%s",
			 cell_text(b, r, s->x, sname, sizeof sname));
	if ((ci = find_or_add_cat(b, lab, b->month_x ? month_of(b, r, s->x)
					       : -1)) < 0)
		return nserr_set(b->err, NS_ENOMEM, "out of memory");
	for (k = 0; k < (s->series >= 0 ? 1 : s->ny); k++) {
		struct chart_point *p;

		si = s->series >= 0 ? find_or_add_series(b, cell_text(b, r,
				      s->series, sname, sizeof sname))
				    : (long)k;
		if (si == -2)
			return spec_error(b, "more than 24 series or panels");
		if (si < 0)
			return nserr_set(b->err, NS_ENOMEM, "out of memory");
		if (grow(b, (size_t)si))
			return b->err->code;
		p = &b->c->series[si].pts[ci];
		if (p->state != CPT_MISSING) {
			char msg[1400];

			snprintf(msg, sizeof msg, "'%.200s' repeats in x "
				 "column '%.100s': give a series column", lab,
				 table_col(b->t, (size_t)s->x)->name);
			return spec_error(b, msg);
		}
		point_of(b, r, s->y[k], p);
	}
	return 0;
}

static int fill(struct cb *b)
{
	struct chart *c = b->c;
	size_t r, s;

	if (b->spec->series < 0)
		for (s = 0; s < b->spec->ny; s++) {
			if (!(c->series[s].name = dup(table_col_label(b->t,
					(size_t)b->spec->y[s], c->lang))))
				return nserr_set(b->err, NS_ENOMEM, "out of "
						 "memory");
			c->nseries++;
		}
	for (r = 0; r < table_nrows(b->t); r++)
		if (!(table_row_flags(b->t, r) & ROW_TOTAL) && add_row(b, r))
			return b->err->code;
	for (s = 0; s < c->nseries; s++)
		if (grow(b, s))
			return b->err->code;
	return 0;
}

/* stack_rule: hide every stack with a part that is not shown. */
static void stack_rule(struct chart *c)
{
	size_t i, s;

	for (i = 0; i < c->ncat; i++) {
		int hide = 0;

		for (s = 0; s < c->nseries; s++)
			hide |= c->series[s].pts[i].state != CPT_VALUE &&
				c->series[s].pts[i].state != CPT_MISSING;
		if (!hide)
			continue;
		c->hidden++;
		for (s = 0; s < c->nseries; s++)
			if (c->series[s].pts[i].state == CPT_VALUE)
				c->series[s].pts[i].state = CPT_HIDDEN;
	}
}

static const struct chart *rank_c;

static double rank_value(size_t i)
{
	const struct chart_point *p = &rank_c->series[0].pts[i];

	return p->state == CPT_VALUE ? p->v : -INFINITY;
}

static int rank_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double u = rank_value(i), v = rank_value(j);

	if (u != v)
		return u > v ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* rank: order hbar categories by the first series, largest first, gaps
 * (and ties in table order) after. */
static int rank(struct cb *b)
{
	struct chart *c = b->c;
	size_t i;

	if (!(c->order = malloc((c->ncat ? c->ncat : 1) * sizeof *c->order)))
		return nserr_set(b->err, NS_ENOMEM, "out of memory");
	for (i = 0; i < c->ncat; i++)
		c->order[i] = i;
	if (c->type == CHART_HBAR && c->nseries) {
		rank_c = c;
		qsort(c->order, c->ncat, sizeof *c->order, rank_cmp);
		rank_c = NULL;
	}
	c->nshown = c->type == CHART_HBAR && c->ncat > CHART_HBAR_MAX
		    ? CHART_HBAR_MAX : c->ncat;
	return 0;
}

/* value_range: the extent of the shown values (stacks summed). */
static void value_range(struct chart *c, double *lo, double *hi)
{
	size_t i, s;

	*lo = *hi = 0;
	for (i = 0; i < c->ncat; i++) {
		double pos = 0, neg = 0;

		for (s = 0; s < c->nseries; s++) {
			const struct chart_point *p = &c->series[s].pts[i];

			if (p->state == CPT_SUPPRESSED)
				c->gaps++;
			else if (p->state == CPT_NO_DATA ||
				 p->state == CPT_NOT_RECORDED)
				c->breaks++;
			if (p->state != CPT_VALUE)
				continue;
			if (c->type == CHART_STACKED_BAR) {
				*(p->v >= 0 ? &pos : &neg) += p->v;
				continue;
			}
			*lo = fmin(*lo, p->has_iv ? fmin(p->v, p->lo) : p->v);
			*hi = fmax(*hi, p->has_iv ? fmax(p->v, p->hi) : p->v);
		}
		*lo = fmin(*lo, neg);
		*hi = fmax(*hi, pos);
	}
}

/* axis_label: the y label: the one y column's label (and unit), or the
 * shared unit of several. */
static char *axis_label(struct cb *b)
{
	const struct table_chart *s = b->spec;
	const char *unit = table_col_unit(b->t, (size_t)s->y[0], b->c->lang);
	char buf[1024];

	if (s->ny == 1 || s->series >= 0)
		snprintf(buf, sizeof buf, *unit ? "%s (%s)" : "%s",
			 table_col_label(b->t, (size_t)s->y[0], b->c->lang),
			 unit);
	else
		snprintf(buf, sizeof buf, "%s", unit);
	return dup(buf);
}

static const char *const gap_note[NS_NLANG] = {
	"Gaps: values the table withholds to protect privacy (shown there "
	"as <N or x); they are not zero.",
	"Vides : valeurs que le tableau masque pour prot\xc3\xa9ger la "
	"confidentialit\xc3\xa9 (<N ou x dans le tableau) ; ce ne sont pas "
	"des z\xc3\xa9ros."
};
static const char *const break_note[NS_NLANG] = {
	"Breaks in a line: months without data or values not recorded.",
	"Coupures d'une ligne : mois sans donn\xc3\xa9" "es ou valeurs non "
	"consign\xc3\xa9" "es."
};
static const char *const hidden_note[NS_NLANG] = {
	"A bar with a withheld part is not drawn, so that the part cannot "
	"be worked out from the others.",
	"Une barre dont une partie est masqu\xc3\xa9" "e n'est pas "
	"dessin\xc3\xa9" "e, pour que cette partie ne puisse pas se "
	"d\xc3\xa9" "duire des autres."
};

static int add_note(struct chart *c, const char *s)
{
	char **v = realloc(c->notes, (c->nnotes + 1) * sizeof *v);

	if (!v)
		return -1;
	c->notes = v;
	if (!(v[c->nnotes] = dup(s)))
		return -1;
	c->nnotes++;
	return 0;
}

/* shown_note: "The 20 largest of 221 are shown.", or when the ranked
 * series has withheld values, which cannot be ranked (an x may hide a
 * large count), a note that says the ranking is of the shown values. */
static const char *shown_note(const struct chart *c)
{
	static char buf[320];
	size_t i, nval = 0, nsup = 0;

	for (i = 0; i < c->ncat; i++) {
		nval += c->series[0].pts[i].state == CPT_VALUE;
		nsup += c->series[0].pts[i].state == CPT_SUPPRESSED;
	}
	if (!nsup)
		snprintf(buf, sizeof buf, c->lang == NS_FR ? "Les %zu plus "
			 "grandes valeurs sur %zu sont repr\xc3\xa9sent\xc3\xa9"
			 "es." : "The %zu largest of %zu are shown.", c->nshown,
			 c->ncat);
	else if (nval > c->nshown)
		snprintf(buf, sizeof buf, c->lang == NS_FR ? "Les %zu plus "
			 "grandes des %zu valeurs affich\xc3\xa9" "es par le "
			 "tableau sont repr\xc3\xa9sent\xc3\xa9" "es ; les %zu "
			 "qu'il masque ne sont pas class\xc3\xa9" "es." :
			 "The %zu largest of the %zu values the table shows are "
			 "drawn; the %zu it withholds are not ranked.",
			 c->nshown, nval, nsup);
	else if (nval)
		snprintf(buf, sizeof buf, c->lang == NS_FR ? "Les %zu valeurs "
			 "affich\xc3\xa9" "es par le tableau sont "
			 "repr\xc3\xa9sent\xc3\xa9" "es ; les %zu qu'il masque "
			 "ne sont pas class\xc3\xa9" "es." : "The %zu values "
			 "the table shows are drawn; the %zu it withholds are not "
			 "ranked.", nval, nsup);
	else
		snprintf(buf, sizeof buf, c->lang == NS_FR ? "Le tableau "
			 "masque ses %zu valeurs : aucune barre n'est "
			 "dessin\xc3\xa9" "e ni class\xc3\xa9" "e." : "The table "
			 "withholds all its %zu values: no bar is drawn or "
			 "ranked.",
			 nsup);
	return buf;
}

static int notes(struct cb *b)
{
	struct chart *c = b->c;
	size_t i;
	int bad = 0;

	if (c->gaps)
		bad |= add_note(c, gap_note[c->lang]);
	if (c->breaks && c->time_x)
		bad |= add_note(c, break_note[c->lang]);
	if (c->hidden)
		bad |= add_note(c, hidden_note[c->lang]);
	if (c->nshown < c->ncat)
		bad |= add_note(c, shown_note(c));
	for (i = 0; i < table_nnotes(b->t); i++)
		bad |= add_note(c, table_note(b->t, i, c->lang));
	return bad ? nserr_set(b->err, NS_ENOMEM, "out of memory") : 0;
}

/* time_labels: label every k-th month (k in 1, 2, 3, 6, 12) so that at
 * most 12 labels show. */
static int time_labels(struct cb *b)
{
	static const size_t steps[] = {1, 2, 3, 6, 12, 24, 60};
	struct chart *c = b->c;
	size_t k = 0, i;

	if (!(c->cat_label = calloc(c->ncat ? c->ncat : 1, 1)))
		return nserr_set(b->err, NS_ENOMEM, "out of memory");
	while (k + 1 < sizeof steps / sizeof steps[0] &&
	       (c->ncat + steps[k] - 1) / steps[k] > 12)
		k++;
	for (i = 0; i < c->ncat; i++)
		c->cat_label[i] = !c->time_x || i % steps[k] == 0;
	return 0;
}

int chart_build(struct chart *c, const struct table *t, int lang,
		struct nserr *err)
{
	struct cb b;
	const struct table_chart *s = table_chart(t);
	double lo, hi;
	int rc, integral = 1;
	size_t i;

	memset(&b, 0, sizeof b);
	b.c = c;
	b.t = t;
	b.spec = s;
	b.err = err;
	c->lang = lang == NS_FR ? NS_FR : NS_EN;
	if ((rc = check_spec(&b)) != 0)
		return rc;
	c->type = s->type;
	c->time_x = (table_col(t, (size_t)s->x)->type == COL_MONTH ||
		     table_col(t, (size_t)s->x)->type == COL_DATE) &&
		    (s->type == CHART_LINE || s->type == CHART_MULTIPLES);
	b.month_x = table_col(t, (size_t)s->x)->type == COL_MONTH;
	b.per_row = s->type == CHART_HBAR && s->series < 0;
	if (b.per_row) {
		/* a row per bar only when x repeats */
		for (i = 0; i < table_nrows(t) && b.per_row == 1; i++) {
			size_t j;

			for (j = 0; j < i; j++)
				if (!table_is_null(t, i, (size_t)s->x) &&
				    !table_is_null(t, j, (size_t)s->x) &&
				    strcmp(table_get_text(t, i, (size_t)s->x, 0) ?
					   table_get_text(t, i, (size_t)s->x, 0) : "",
					   table_get_text(t, j, (size_t)s->x, 0) ?
					   table_get_text(t, j, (size_t)s->x, 0) : "")
				    == 0)
					break;
			if (j < i)
				b.per_row = 2;
		}
		b.per_row = b.per_row == 2;
	}
	if (!(c->series = calloc(CHART_MAX_SERIES, sizeof *c->series)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (!(c->title = dup(table_title(t, c->lang))) ||
	    !(c->subtitle = dup(table_subtitle(t, c->lang))) ||
	    !(c->xlabel = dup(table_col_label(t, (size_t)s->x, c->lang))) ||
	    !(c->y.label = axis_label(&b)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((rc = fill(&b)) != 0)
		return rc;
	if (c->type == CHART_STACKED_BAR)
		stack_rule(c);
	if ((rc = rank(&b)) != 0 || (rc = time_labels(&b)) != 0)
		return rc;
	value_range(c, &lo, &hi);
	c->y.percent = 1;
	for (i = 0; i < s->ny; i++) {
		enum col_type ty = table_col(t, (size_t)s->y[i])->type;

		c->y.percent &= ty == COL_SHARE;
		integral &= ty == COL_INT;
	}
	chart_ticks(&c->y, lo, hi, integral, c->lang);
	return notes(&b);
}
