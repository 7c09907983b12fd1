/*
 * suppress: the set of published cells and lines, and the protection
 * step (primary, line rule, audit-driven repair); see suppress.h for the
 * rule.  The linear programs are in suppress_audit.c.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress_int.h"

int suppress_init(struct suppress_set *s, int64_t min_count,
		  struct nserr *err)
{
	memset(s, 0, sizeof *s);
	s->min_count = min_count;
	if (strmap_init(&s->keys))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (min_count < 2)
		return nserr_set(err, NS_EUSAGE, "suppression threshold %lld "
				 "is below 2", (long long)min_count);
	return 0;
}

void suppress_release(struct suppress_set *s)
{
	free(s->value);
	free(s->state);
	free(s->total);
	free(s->key);
	free(s->table);
	free(s->l_start);
	free(s->l_len);
	free(s->l_total);
	free(s->members);
	strmap_release(&s->keys);
	memset(s, 0, sizeof *s);
}

/* grow: make room for one more element of an array of `size`-byte items. */
static int grow(void **p, size_t *cap, size_t n, size_t size)
{
	size_t nc;
	void *q;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 64;
	if (!(q = realloc(*p, nc * size)))
		return -1;
	*p = q;
	*cap = nc;
	return 0;
}

static int grow_cells(struct suppress_set *s)
{
	size_t c = s->cap;

	if (s->n < s->cap)
		return 0;
	if (grow((void **)&s->value, &c, s->n, sizeof *s->value))
		return -1;
	c = s->cap;
	if (grow((void **)&s->state, &c, s->n, 1))
		return -1;
	c = s->cap;
	if (grow((void **)&s->total, &c, s->n, 1))
		return -1;
	c = s->cap;
	if (grow((void **)&s->key, &c, s->n, sizeof *s->key))
		return -1;
	c = s->cap;
	if (grow((void **)&s->table, &c, s->n, sizeof *s->table))
		return -1;
	s->cap = c;
	return 0;
}

long suppress_cell(struct suppress_set *s, const char *table, const char *key,
		   int64_t value, unsigned flags, struct nserr *err)
{
	char name[512];
	const char *kept;
	int64_t *slot;
	int rc, dup;

	if (value < 0)
		return nserr_set(err, NS_EDATA, "table '%s': cell (%s) has a "
				 "negative count %lld", table, key,
				 (long long)value);
	snprintf(name, sizeof name, "%s", key);
	for (dup = 2;; dup++) {
		rc = strmap_put(&s->keys, name, strlen(name), (int64_t)s->n,
				&slot, &kept);
		if (rc < 0)
			return nserr_set(err, NS_ENOMEM, "out of memory");
		if (rc == 0 && s->value[*slot] == value)
			return (long)*slot;   /* the same cell, seen again */
		if (rc == 1)
			break;
		snprintf(name, sizeof name, "%s #%d", key, dup);
	}
	if (grow_cells(s))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	s->value[s->n] = value;
	s->state[s->n] = SUPPRESS_SHOWN;
	s->total[s->n] = (unsigned char)(flags & (SUPPRESS_CELL_TOTAL |
						  SUPPRESS_CELL_ABSENT));
	s->key[s->n] = kept;
	s->table[s->n] = table;
	return (long)s->n++;
}

int suppress_line(struct suppress_set *s, size_t total, const size_t *members,
		  size_t n, struct nserr *err)
{
	int64_t sum = 0;
	size_t i, c;

	if (total >= s->n)
		return nserr_set(err, NS_EUSAGE, "suppression: bad line total");
	for (i = 0; i < n; i++) {
		if (members[i] >= s->n)
			return nserr_set(err, NS_EUSAGE, "suppression: bad "
					 "line member");
		sum += s->value[members[i]];
	}
	if (sum != s->value[total])
		return nserr_set(err, NS_EDATA, "table '%s': cell (%s) is %lld "
				 "but its parts add up to %lld",
				 s->table[total], s->key[total],
				 (long long)s->value[total], (long long)sum);
	c = s->cap_l;
	if (grow((void **)&s->l_start, &c, s->nl, sizeof(size_t)))
		goto nomem;
	c = s->cap_l;
	if (grow((void **)&s->l_len, &c, s->nl, sizeof(size_t)))
		goto nomem;
	c = s->cap_l;
	if (grow((void **)&s->l_total, &c, s->nl, sizeof(size_t)))
		goto nomem;
	s->cap_l = c;
	for (i = 0; i < n; i++) {
		if (grow((void **)&s->members, &s->cap_m, s->nm,
			 sizeof(size_t)))
			goto nomem;
		s->members[s->nm++] = members[i];
	}
	s->l_start[s->nl] = s->nm - n;
	s->l_len[s->nl] = n;
	s->l_total[s->nl++] = total;
	return 0;
nomem:
	return nserr_set(err, NS_ENOMEM, "out of memory");
}

int suppress_cheaper(const struct suppress_set *s, size_t a, size_t b)
{
	unsigned ta = s->total[a] & SUPPRESS_CELL_TOTAL;
	unsigned tb = s->total[b] & SUPPRESS_CELL_TOTAL;

	if (ta != tb)
		return ta < tb;
	if (s->value[a] != s->value[b])
		return s->value[a] < s->value[b];
	return a < b;
}

/* line_cell: member k of line i, k == len meaning its total. */
static size_t line_cell(const struct suppress_set *s, size_t i, size_t k)
{
	return k < s->l_len[i] ? s->members[s->l_start[i] + k] : s->l_total[i];
}

/*
 * protect_line: when line i has exactly one hidden cell, hide its
 * cheapest visible member, else its total.  Returns 1 when it hid one.
 */
static int protect_line(struct suppress_set *s, size_t i)
{
	size_t k, c, best = SIZE_MAX, n = s->l_len[i];
	int hidden = 0;

	if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
		return 0;       /* a total without value: no equation shown */
	for (k = 0; k <= n && hidden < 2; k++)
		hidden += SUPPRESS_HIDDEN(s->state[line_cell(s, i, k)]);
	if (hidden != 1)
		return 0;
	for (k = 0; k < n; k++) {
		c = line_cell(s, i, k);
		if (s->state[c] == SUPPRESS_SHOWN &&
		    (best == SIZE_MAX || suppress_cheaper(s, c, best)))
			best = c;
	}
	if (best == SIZE_MAX)
		best = s->l_total[i];
	if (s->state[best] != SUPPRESS_SHOWN)
		return 0;       /* nothing left to hide here: the audit decides */
	s->state[best] = SUPPRESS_COMPLEMENT;
	return 1;
}

/* The lines of each cell (as a member or as the total). */
struct adj {
	size_t *start;            /* n + 1 */
	size_t *lines;
	unsigned char *seen;      /* per cell, for the search */
	size_t *queue, *next;     /* per cell */
	unsigned char *touched;   /* per line, in one repair round */
};

static void adj_release(struct adj *a)
{
	free(a->start);
	free(a->lines);
	free(a->seen);
	free(a->queue);
	free(a->next);
	free(a->touched);
}

static int adj_build(const struct suppress_set *s, struct adj *a)
{
	size_t i, k, c, *fill;

	memset(a, 0, sizeof *a);
	a->start = calloc(s->n + 1, sizeof *a->start);
	a->lines = malloc((s->nm + s->nl + 1) * sizeof *a->lines);
	a->seen = calloc(s->n + 1, 1);
	a->queue = malloc((s->n + 1) * sizeof *a->queue);
	a->next = malloc((s->n + 1) * sizeof *a->next);
	a->touched = calloc(s->nl + 1, 1);
	fill = calloc(s->n + 1, sizeof *fill);
	if (!a->start || !a->lines || !a->seen || !a->queue || !a->next ||
	    !a->touched || !fill) {
		free(fill);
		return -1;
	}
	for (i = 0; i < s->nl; i++)
		for (k = 0; k <= s->l_len[i]; k++)
			a->start[line_cell(s, i, k) + 1]++;
	for (c = 0; c < s->n; c++)
		a->start[c + 1] += a->start[c];
	for (i = 0; i < s->nl; i++)
		for (k = 0; k <= s->l_len[i]; k++) {
			c = line_cell(s, i, k);
			a->lines[a->start[c] + fill[c]++] = i;
		}
	free(fill);
	return 0;
}

/*
 * nearest: the cheapest visible cell of the lines that bind cell p,
 * searching outwards through hidden cells (the lines of p, then the lines
 * of the hidden cells of those lines, ...).  Returns SIZE_MAX when every
 * cell connected to p is hidden.
 */
static size_t nearest(const struct suppress_set *s, struct adj *a, size_t p)
{
	size_t nq = 1, nn, q, j, k, i, c, best = SIZE_MAX, *t;

	a->queue[0] = p;
	a->seen[p] = 1;
	while (nq && best == SIZE_MAX) {
		nn = 0;
		for (q = 0; q < nq; q++)
			for (j = a->start[a->queue[q]];
			     j < a->start[a->queue[q] + 1]; j++) {
				i = a->lines[j];
				if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
					continue;       /* not published */
				for (k = 0; k <= s->l_len[i]; k++) {
					c = line_cell(s, i, k);
					if (s->state[c] == SUPPRESS_SHOWN) {
						if (best == SIZE_MAX ||
						    suppress_cheaper(s, c, best))
							best = c;
					} else if (!a->seen[c] &&
						   s->state[c] !=
						   SUPPRESS_ABSENT) {
						a->seen[c] = 1;
						a->next[nn++] = c;
					}
				}
			}
		assert(nn <= s->n + 1); /* within a->next: a cell once (seen) */
		t = a->queue;
		a->queue = a->next;
		a->next = t;
		nq = nn;
	}
	memset(a->seen, 0, s->n + 1);
	return best;
}

/* hide: make c complementary and mark its lines as changed this round. */
static void hide(struct suppress_set *s, struct adj *a, size_t c)
{
	size_t j;

	s->state[c] = SUPPRESS_COMPLEMENT;
	for (j = a->start[c]; j < a->start[c + 1]; j++)
		a->touched[a->lines[j]] = 1;
}

/* bound_touched: whether a line of p got a new hidden cell this round. */
static int bound_touched(const struct adj *a, size_t p)
{
	size_t j;

	for (j = a->start[p]; j < a->start[p + 1]; j++)
		if (a->touched[a->lines[j]])
			return 1;
	return 0;
}

/* exposed_error: NS_EINTERNAL naming cell c and its exact interval. */
static int exposed_error(const struct suppress_set *s, size_t c,
			 struct nserr *err)
{
	struct suppress_interval *iv = NULL;
	unsigned char *only = calloc(s->n + 1, 1);
	size_t n = 0;
	int rc;

	if (!only)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	only[c] = 1;
	rc = suppress_audit(s, 0, only, &iv, &n, NULL, err);
	if (!rc && n == 1)
		rc = nserr_set(err, NS_EINTERNAL, "table '%s': cell (%s) is "
			       "exposed: a reader can tell it lies in [%.6g, "
			       "%.6g], narrower than its marker <%lld (0 to "
			       "%lld); not published: the table is too sparse "
			       "to protect; report a longer period or a coarser "
			       "region level, or turn suppression off for "
			       "internal use only", s->table[c], s->key[c],
			       iv[0].lo, iv[0].hi, (long long)s->min_count,
			       (long long)s->min_count - 1);
	free(iv);
	free(only);
	return rc ? rc : NS_EINTERNAL;
}

/*
 * repair: audit, and while a "<N" cell is exposed hide the nearest
 * cheapest visible cell for each exposed cell whose lines did not change
 * in this round; audit again the cells that were exposed (the others stay
 * safe: hiding only widens intervals).  Returns 0 when safe, else the
 * status.
 */
static int repair(struct suppress_set *s, struct adj *a, struct nserr *err)
{
	struct suppress_interval *iv = NULL;
	unsigned char *only = NULL;
	size_t niv, nexp, i, c, first, nplan;
	int rc, progress;

	for (;;) {
		free(iv);
		iv = NULL;
		if ((rc = suppress_audit(s, SUPPRESS_AUDIT_QUICK, only, &iv,
					 &niv, &nexp, err)))
			break;
		if (nexp == 0)
			break;
		if (!only && !(only = malloc(s->n + 1))) {
			rc = nserr_set(err, NS_ENOMEM, "out of memory");
			break;
		}
		memset(only, 0, s->n + 1);
		memset(a->touched, 0, s->nl + 1);
		progress = 0;
		first = SIZE_MAX;
		memset(a->seen, 0, s->n + 1);
		if ((rc = suppress_plan(s, iv, niv, a->seen, &nplan, err)))
			break;
		for (c = 0; c < s->n; c++)
			if (a->seen[c]) {
				hide(s, a, c);
				progress = 1;
			}
		memset(a->seen, 0, s->n + 1);
		for (i = 0; i < niv; i++) {
			if (!iv[i].exposed)
				continue;
			only[iv[i].cell] = 1;
			if (first == SIZE_MAX)
				first = i;
			if (nplan || bound_touched(a, iv[i].cell))
				continue;
			if ((c = nearest(s, a, iv[i].cell)) == SIZE_MAX)
				continue;
			hide(s, a, c);
			progress = 1;
		}
		if (!progress) {
			c = iv[first].cell;
			rc = exposed_error(s, c, err);
			break;
		}
	}
	free(iv);
	free(only);
	return rc;
}

int suppress_protect(struct suppress_set *s, struct nserr *err)
{
	struct adj a;
	size_t c, i;
	int changed, rc;

	for (c = 0; c < s->n; c++)
		s->state[c] = s->total[c] & SUPPRESS_CELL_ABSENT ?
			SUPPRESS_ABSENT : s->value[c] < s->min_count ?
			SUPPRESS_PRIMARY : SUPPRESS_SHOWN;
	do {
		changed = 0;
		for (i = 0; i < s->nl; i++)
			changed |= protect_line(s, i);
		for (i = 0; i < s->nl; i++)
			changed |= suppress_slack_line(s, i);
	} while (changed);
	if (adj_build(s, &a)) {
		adj_release(&a);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	rc = repair(s, &a, err);
	adj_release(&a);
	return rc;
}
