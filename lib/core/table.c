/*
 * table: building a result table -- life cycle, columns, rows, cell
 * values and flags, notes, metadata and the chart spec (see table.h for
 * the contract).  Reading lives in table_read.c, sorting in table_sort.c.
 *
 * Strings are copied into an arena: a chain of blocks, each twice the
 * size of the previous one, freed together by table_release().  Nothing
 * is ever freed one by one, so an overwritten cell's old text stays in
 * the arena until then; tables are small enough for that not to matter.
 */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nserr.h"

struct table_arena {
	struct table_arena *next;
	size_t used, cap;
	char data[];
};

#define ARENA_FIRST 1024

void table_init(struct table *t)
{
	memset(t, 0, sizeof *t);
	t->chart.type = CHART_NONE;
	t->chart.x = -1;
	t->chart.series = -1;
}

void table_release(struct table *t)
{
	struct table_arena *a = t->arena, *next;

	for (; a; a = next) {
		next = a->next;
		free(a);
	}
	free(t->cols);
	free(t->cells);
	free(t->row_flags);
	free(t->notes);
	free(t->meta);
	table_init(t);
}

/* tdup: a copy of s in the arena (NULL for s == NULL or no memory). */
static const char *tdup(struct table *t, const char *s)
{
	struct table_arena *a = t->arena;
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	if (!a || a->cap - a->used < n) {
		size_t cap = a ? a->cap * 2 : ARENA_FIRST;

		while (cap < n)
			cap *= 2;
		a = malloc(sizeof *a + cap);
		if (!a)
			return NULL;
		a->next = t->arena;
		a->used = 0;
		a->cap = cap;
		t->arena = a;
	}
	memcpy(a->data + a->used, s, n);
	a->used += n;
	return a->data + a->used - n;
}

/* dup2: copy en and fr into out[]; 0 or NS_ENOMEM (out unchanged). */
static int dup2(struct table *t, const char *en, const char *fr,
		const char *out[NS_NLANG])
{
	const char *e = tdup(t, en), *f = tdup(t, fr);

	if ((en && !e) || (fr && !f))
		return NS_ENOMEM;
	out[NS_EN] = e;
	out[NS_FR] = f;
	return 0;
}

/* grow: make room for n + 1 elements of size sz in *p (capacity *cap). */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;
	void *np;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	if (ncap > SIZE_MAX / sz)
		return NS_ENOMEM;
	np = realloc(*p, ncap * sz);
	if (!np)
		return NS_ENOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

int table_set_id(struct table *t, const char *id)
{
	const char *s = tdup(t, id ? id : "");

	if (!s)
		return NS_ENOMEM;
	t->id = s;
	return 0;
}

int table_set_title(struct table *t, const char *en, const char *fr)
{
	return dup2(t, en, fr, t->title);
}

int table_set_subtitle(struct table *t, const char *en, const char *fr)
{
	return dup2(t, en, fr, t->subtitle);
}

void table_set_min_cell(struct table *t, int min_cell)
{
	t->min_cell = min_cell;
}

static int is_text_type(enum col_type type)
{
	return type == COL_TEXT || type == COL_DATE || type == COL_MONTH;
}

int table_add_col(struct table *t, const char *name, enum col_type type,
		  const char *label_en, const char *label_fr)
{
	struct table_col col;

	if (t->nrows || !name || !name[0] || table_col_find(t, name) >= 0
	    || (int)type < COL_TEXT || type > COL_MONTH || t->ncols >= INT32_MAX)
		return NS_EUSAGE;
	memset(&col, 0, sizeof col);
	col.type = type;
	col.decimals = (type == COL_INT || is_text_type(type)) ? 0 : 1;
	col.flags = is_text_type(type) ? COLF_KEY
		  : type == COL_INT ? COLF_COUNT : 0;
	col.denom = col.lo = col.hi = col.bound_of = -1;
	col.name = tdup(t, name);
	if (!col.name || dup2(t, label_en, label_fr, col.label) < 0)
		return NS_ENOMEM;
	if (grow((void **)&t->cols, &t->cols_cap, t->ncols, sizeof col) < 0)
		return NS_ENOMEM;
	t->cols[t->ncols] = col;
	return (int)t->ncols++;
}

static struct table_col *colp(struct table *t, size_t c)
{
	return c < t->ncols ? &t->cols[c] : NULL;
}

static int col_ref_ok(const struct table *t, int c)
{
	return c == -1 || (c >= 0 && (size_t)c < t->ncols);
}

int table_col_set_flags(struct table *t, size_t c, unsigned flags)
{
	struct table_col *col = colp(t, c);

	if (!col)
		return NS_EUSAGE;
	col->flags = (flags & ~COLF_BOUND) | (col->flags & COLF_BOUND);
	return 0;
}

int table_col_set_decimals(struct table *t, size_t c, int decimals)
{
	struct table_col *col = colp(t, c);

	if (!col || decimals < 0 || decimals > NF_MAX_DECIMALS)
		return NS_EUSAGE;
	col->decimals = decimals;
	return 0;
}

int table_col_set_unit(struct table *t, size_t c, const char *en,
		       const char *fr)
{
	struct table_col *col = colp(t, c);

	return col ? dup2(t, en, fr, col->unit) : NS_EUSAGE;
}

int table_col_set_denom(struct table *t, size_t c, int d)
{
	struct table_col *col = colp(t, c);

	if (!col || !col_ref_ok(t, d) || d == (int)c)
		return NS_EUSAGE;
	col->denom = d;
	return 0;
}

static void unbind(struct table *t, int b)
{
	if (b >= 0) {
		t->cols[b].flags &= ~COLF_BOUND;
		t->cols[b].bound_of = -1;
	}
}

int table_col_set_interval(struct table *t, size_t c, int lo, int hi)
{
	struct table_col *col = colp(t, c);

	if (!col)
		return NS_EUSAGE;
	if (lo == -1 && hi == -1) {
		unbind(t, col->lo);
		unbind(t, col->hi);
		col->lo = col->hi = -1;
		return 0;
	}
	if (lo < 0 || hi < 0 || (size_t)lo >= t->ncols
	    || (size_t)hi >= t->ncols || lo == hi || lo == (int)c
	    || hi == (int)c || t->cols[lo].type != col->type
	    || t->cols[hi].type != col->type)
		return NS_EUSAGE;
	unbind(t, col->lo);
	unbind(t, col->hi);
	col->lo = lo;
	col->hi = hi;
	t->cols[lo].flags |= COLF_BOUND;
	t->cols[hi].flags |= COLF_BOUND;
	t->cols[lo].bound_of = t->cols[hi].bound_of = (int)c;
	return 0;
}

int table_add_row(struct table *t)
{
	size_t cap = t->rows_cap, i;
	struct table_cell *cells;
	unsigned *rf;

	if (!t->ncols || t->nrows >= INT32_MAX)
		return NS_EUSAGE;
	if (t->nrows == cap) {
		cap = cap ? cap * 2 : 16;
		if (cap > SIZE_MAX / (t->ncols * sizeof *cells))
			return NS_ENOMEM;
		cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (!cells)
			return NS_ENOMEM;
		t->cells = cells;
		rf = realloc(t->row_flags, cap * sizeof *rf);
		if (!rf)
			return NS_ENOMEM;
		t->row_flags = rf;
		t->rows_cap = cap;
	}
	cells = t->cells + t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].null = 1;
	}
	t->row_flags[t->nrows] = 0;
	return (int)t->nrows++;
}

int table_set_row_flags(struct table *t, size_t r, unsigned flags)
{
	if (r >= t->nrows)
		return NS_EUSAGE;
	t->row_flags[r] = flags;
	return 0;
}

static struct table_cell *cellp(struct table *t, size_t r, size_t c)
{
	if (r >= t->nrows || c >= t->ncols)
		return NULL;
	return &t->cells[r * t->ncols + c];
}

/* clear: make *cell NULL, keeping its flags. */
static void clear(struct table_cell *cell)
{
	unsigned flags = cell->flags;

	memset(cell, 0, sizeof *cell);
	cell->null = 1;
	cell->flags = flags;
}

static int is_real_type(enum col_type type)
{
	return type == COL_REAL || type == COL_SHARE || type == COL_RATE;
}

int table_set_int(struct table *t, size_t r, size_t c, int64_t v)
{
	struct table_cell *cell = cellp(t, r, c);

	if (!cell)
		return NS_EUSAGE;
	if (t->cols[c].type != COL_INT)
		return is_real_type(t->cols[c].type)
		       ? table_set_real(t, r, c, (double)v) : NS_EUSAGE;
	if (cell->flags & CELL_NO_VALUE)
		return 0;
	cell->null = 0;
	cell->v.i = v;
	return 0;
}

int table_set_real(struct table *t, size_t r, size_t c, double v)
{
	struct table_cell *cell = cellp(t, r, c);
	enum col_type type;

	if (!cell)
		return NS_EUSAGE;
	type = t->cols[c].type;
	if (type == COL_INT && isfinite(v)) {
		if (v != floor(v) || v < -9.2e18 || v > 9.2e18)
			return NS_EUSAGE;
		return table_set_int(t, r, c, (int64_t)v);
	}
	if (type != COL_INT && !is_real_type(type))
		return NS_EUSAGE;
	if (!isfinite(v) || (cell->flags & CELL_NO_VALUE)) {
		clear(cell);
		return 0;
	}
	cell->null = 0;
	cell->v.r = v;
	return 0;
}

int table_set_text(struct table *t, size_t r, size_t c, const char *en,
		   const char *fr)
{
	struct table_cell *cell = cellp(t, r, c);
	const char *s[NS_NLANG];
	struct nf_ymd ymd;
	enum col_type type;

	if (!cell || !is_text_type(t->cols[c].type))
		return NS_EUSAGE;
	type = t->cols[c].type;
	if (!en || (cell->flags & CELL_NO_VALUE)) {
		clear(cell);
		return 0;
	}
	if (type != COL_TEXT) {
		if (nf_parse_iso(en, &ymd) != (type == COL_DATE ? 3 : 2))
			return NS_EUSAGE;
		fr = NULL;
	}
	if (dup2(t, en, fr, s) < 0)
		return NS_ENOMEM;
	cell->null = 0;
	cell->v.s[NS_EN] = s[NS_EN];
	cell->v.s[NS_FR] = s[NS_FR];
	return 0;
}

int table_set_null(struct table *t, size_t r, size_t c)
{
	struct table_cell *cell = cellp(t, r, c);

	if (!cell)
		return NS_EUSAGE;
	clear(cell);
	return 0;
}

int table_set_flags(struct table *t, size_t r, size_t c, unsigned flags)
{
	struct table_cell *cell = cellp(t, r, c);

	if (!cell)
		return NS_EUSAGE;
	if (flags & CELL_COMPLEMENTARY)
		flags |= CELL_SUPPRESSED;
	cell->flags = flags;
	if (flags & CELL_NO_VALUE)
		clear(cell);
	return 0;
}

int table_add_flags(struct table *t, size_t r, size_t c, unsigned flags)
{
	struct table_cell *cell = cellp(t, r, c);

	if (!cell)
		return NS_EUSAGE;
	return table_set_flags(t, r, c, cell->flags | flags);
}

int table_add_note(struct table *t, const char *en, const char *fr)
{
	struct table_note note;

	if (!en && !fr)
		return NS_EUSAGE;
	if (dup2(t, en, fr, note.text) < 0
	    || grow((void **)&t->notes, &t->notes_cap, t->nnotes,
		    sizeof note) < 0)
		return NS_ENOMEM;
	t->notes[t->nnotes++] = note;
	return 0;
}

int table_set_meta(struct table *t, const char *key, const char *value)
{
	struct table_meta m;
	size_t i;

	if (!key || !key[0] || !value)
		return NS_EUSAGE;
	m.key = tdup(t, key);
	m.value = tdup(t, value);
	if (!m.key || !m.value)
		return NS_ENOMEM;
	for (i = 0; i < t->nmeta; i++) {
		if (strcmp(t->meta[i].key, key) == 0) {
			t->meta[i].value = m.value;
			return 0;
		}
	}
	if (grow((void **)&t->meta, &t->meta_cap, t->nmeta, sizeof m) < 0)
		return NS_ENOMEM;
	t->meta[t->nmeta++] = m;
	return 0;
}

int table_set_chart(struct table *t, enum chart_type type, int x,
		    const int *ys, size_t ny, int series)
{
	struct table_chart ch;
	size_t i;

	memset(&ch, 0, sizeof ch);
	ch.x = ch.series = -1;
	if (type == CHART_NONE) {
		t->chart = ch;
		return 0;
	}
	if ((int)type < CHART_LINE || type > CHART_MULTIPLES || !col_ref_ok(t, x)
	    || x < 0 || !col_ref_ok(t, series) || ny == 0 || !ys
	    || ny > TABLE_CHART_MAX_Y || (series >= 0 && ny != 1))
		return NS_EUSAGE;
	for (i = 0; i < ny; i++) {
		if (ys[i] < 0 || !col_ref_ok(t, ys[i]))
			return NS_EUSAGE;
		ch.y[i] = ys[i];
	}
	ch.type = type;
	ch.x = x;
	ch.ny = ny;
	ch.series = series;
	t->chart = ch;
	return 0;
}
