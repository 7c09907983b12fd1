/*
 * ingest_agg: the aggregates, summed in memory during an ingest and added
 * to agg_needs, agg_needs_year, agg_contacts and agg_referrals at the end
 * of each file (or when the cells grow many), so their size is bounded by
 * the number of distinct cells, not by the input.
 *
 * The text values of a cell (category, region, status, reason, channel,
 * ...) are interned once into small integer ids (agg_id); a needs or
 * contacts cell is keyed by a tuple of integers, hashed with one multiply
 * a part, so the per-row cost is a few integer operations instead of
 * building, hashing and comparing a text key (22-31% of the writer thread
 * before, issue 16).  Text comes back only at a flush, once per cell.
 * What each table holds is defined by its rebuild query (aggdef.h); the
 * tests check the tallies against it for every column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/aggdef.h"
#include "core/db.h"
#include "ingest_int.h"

#define AGG_FLUSH_CELLS 200000

static int itab_init(struct agg_itab *t)
{
	memset(t, 0, sizeof *t);
	t->mask = 1023;
	t->index = calloc(t->mask + 1, sizeof *t->index);
	return t->index ? 0 : NS_ENOMEM;
}

static void itab_release(struct agg_itab *t)
{
	free(t->index);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

static void itab_clear(struct agg_itab *t)
{
	memset(t->index, 0, (t->mask + 1) * sizeof *t->index);
	t->n = 0;
}

static uint32_t itab_hash(const int32_t *k)
{
	uint64_t h = 0x9E3779B97F4A7C15u;
	int i;

	for (i = 0; i < AGG_KEY_PARTS; i++)
		h = (h ^ (uint32_t)k[i]) * 0xBF58476D1CE4E5B9u;
	h ^= h >> 31;           /* splitmix64's finaliser: every bit mixed */
	h *= 0x94D049BB133111EBu;
	h ^= h >> 29;
	return (uint32_t)h;
}

static int itab_grow(struct agg_itab *t)
{
	size_t cap = (t->mask + 1) * 2, i;
	uint32_t *ix = calloc(cap, sizeof *ix);

	if (!ix)
		return NS_ENOMEM;
	for (i = 0; i < t->n; i++) {
		size_t j = itab_hash(t->cells[i].k) & (cap - 1);
		while (ix[j])
			j = (j + 1) & (cap - 1);
		ix[j] = (uint32_t)i + 1;
	}
	free(t->index);
	t->index = ix;
	t->mask = cap - 1;
	return 0;
}

/* The cell of key k (AGG_KEY_PARTS ints, unused parts 0), created at 0. */
static struct agg_icell *itab_cell(struct agg_itab *t, const int32_t *k)
{
	size_t j;

	if ((t->n + 1) * 2 > t->mask + 1 && itab_grow(t))
		return NULL;
	for (j = itab_hash(k) & t->mask; t->index[j]; j = (j + 1) & t->mask) {
		struct agg_icell *c = &t->cells[t->index[j] - 1];
		if (memcmp(c->k, k, sizeof c->k) == 0)
			return c;
	}
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 1024;
		struct agg_icell *c = realloc(t->cells, nc * sizeof *c);
		if (!c)
			return NULL;
		t->cells = c;
		t->cap = nc;
	}
	memcpy(t->cells[t->n].k, k, sizeof t->cells[t->n].k);
	t->cells[t->n].a = t->cells[t->n].b = 0;
	t->index[j] = (uint32_t)++t->n;
	return &t->cells[t->n - 1];
}

int agg_init(struct agg *a)
{
	memset(a, 0, sizeof *a);
	if (strmap_init(&a->dict) || strmap_init(&a->refs_ix) ||
	    itab_init(&a->needs) || itab_init(&a->contacts) ||
	    agg_id(a, "", 0) != 0)
		return NS_ENOMEM;
	return 0;
}

void agg_release(struct agg *a)
{
	strmap_release(&a->dict);
	strmap_release(&a->refs_ix);
	itab_release(&a->needs);
	itab_release(&a->contacts);
	free(a->names);
	free(a->refs);
	memset(a, 0, sizeof *a);
}

void agg_clear(struct agg *a)
{
	itab_clear(&a->needs);
	itab_clear(&a->contacts);
	strmap_clear(&a->refs_ix);
	a->nrefs = 0;
}

int agg_full(const struct agg *a)
{
	return a->needs.n + a->contacts.n + a->nrefs > AGG_FLUSH_CELLS;
}

int agg_id(struct agg *a, const char *v, size_t len)
{
	const char *kept;
	int64_t *slot;
	int rc;

	if (!v)
		v = "", len = 0;
	rc = strmap_put(&a->dict, v, len, (int64_t)a->nnames, &slot, &kept);
	if (rc < 0)
		return NS_ENOMEM;
	if (rc == 1) {
		if (a->nnames == a->cap_names) {
			size_t nc = a->cap_names ? a->cap_names * 2 : 64;
			const char **p = realloc(a->names, nc * sizeof *p);
			if (!p)
				return NS_ENOMEM;
			a->names = p;
			a->cap_names = nc;
		}
		a->names[a->nnames++] = kept;
	}
	return (int)*slot;
}

/* agg_id of a NUL-terminated string (NULL: ""). */
static int id_of(struct agg *a, const char *v)
{
	return agg_id(a, v, v ? strlen(v) : 0);
}

int agg_need_ids(struct agg *a, int month, int category, int region,
		 int status, int reason, int d, long referrals)
{
	int32_t k[AGG_KEY_PARTS] = {month, category, region, status, reason, 0};
	struct agg_icell *c = itab_cell(&a->needs, k);

	if (!c)
		return NS_ENOMEM;
	a->took_back |= d < 0;
	c->a += d;
	c->b += d * (referrals > 0 ? referrals : 0);
	return 0;
}

int agg_need(struct agg *a, int month, const char *category,
	     const char *region, const char *status, const char *reason,
	     int d, long referrals)
{
	int c = id_of(a, category), r = id_of(a, region), s = id_of(a, status),
	    why = id_of(a, reason);

	if (c < 0 || r < 0 || s < 0 || why < 0)
		return NS_ENOMEM;
	return agg_need_ids(a, month, c, r, s, why, d, referrals);
}

int agg_contact_ids(struct agg *a, int month, const int *dims, int dc, int dn)
{
	int32_t k[AGG_KEY_PARTS] = {month, dims[0], dims[1], dims[2], dims[3],
				    dims[4]};
	struct agg_icell *c = itab_cell(&a->contacts, k);

	if (!c)
		return NS_ENOMEM;
	a->took_back |= dc < 0 || dn < 0;
	c->a += dc;
	c->b += dn;
	return 0;
}

int agg_contact(struct agg *a, int month, const char *region,
		const char *channel, const char *language,
		const char *age_group, const char *gender, int dc, int dn)
{
	int dims[5] = {id_of(a, region), id_of(a, channel), id_of(a, language),
		       id_of(a, age_group), id_of(a, gender)}, i;

	for (i = 0; i < 5; i++)
		if (dims[i] < 0)
			return NS_ENOMEM;
	return agg_contact_ids(a, month, dims, dc, dn);
}

int agg_referral(struct agg *a, int month, const char *category,
		 const char *region, const char *agency, size_t len, int d)
{
	char key[512];
	size_t n = 0, lc = strlen(category), lr = strlen(region);
	int64_t *slot;
	int rc;

	/* "month|category|region|agency": the parts are short ids, the
	 * agency at most AGENCY_MAX bytes */
	if (lc > 100)
		lc = 100;
	if (lr > 100)
		lr = 100;
	memcpy(key, &month, sizeof month);
	n = sizeof month;
	memcpy(key + n, category, lc), n += lc, key[n++] = '\x1f';
	memcpy(key + n, region, lr), n += lr, key[n++] = '\x1f';
	memcpy(key + n, agency, len), n += len;
	rc = strmap_put(&a->refs_ix, key, n, (int64_t)a->nrefs, &slot, NULL);
	if (rc < 0)
		return NS_ENOMEM;
	if (rc == 1) {
		if (a->nrefs == a->cap_refs) {
			size_t nc = a->cap_refs ? a->cap_refs * 2 : 1024;
			struct agg_ref *r = realloc(a->refs, nc * sizeof *r);
			if (!r)
				return NS_ENOMEM;
			a->refs = r;
			a->cap_refs = nc;
		}
		a->refs[a->nrefs].month = month;
		a->refs[a->nrefs].category = id_of(a, category);
		a->refs[a->nrefs].region = id_of(a, region);
		a->refs[a->nrefs].agency = agg_id(a, agency, len);
		a->refs[a->nrefs].n = 0;
		if (a->refs[a->nrefs].category < 0 ||
		    a->refs[a->nrefs].region < 0 || a->refs[a->nrefs].agency < 0)
			return NS_ENOMEM;
		a->nrefs++;
	}
	a->took_back |= d < 0;
	a->refs[*slot].n += d;
	return 0;
}

struct named {
	const char *name;
	int id;
};

static int cmp_named(const void *x, const void *y)
{
	return strcmp(((const struct named *)x)->name,
		      ((const struct named *)y)->name);
}

/* rank[id]: the position of names[id] in byte order (caller frees). */
static int *name_ranks(const struct agg *a)
{
	struct named *v = malloc(a->nnames * sizeof *v);
	int *rank = malloc(a->nnames * sizeof *rank);
	size_t i;

	if (!v || !rank) {
		free(v);
		free(rank);
		return NULL;
	}
	for (i = 0; i < a->nnames; i++)
		v[i].name = a->names[i], v[i].id = (int)i;
	qsort(v, a->nnames, sizeof *v, cmp_named);
	for (i = 0; i < a->nnames; i++)
		rank[v[i].id] = (int)i;
	free(v);
	return rank;
}

/* A cell with its key in table order: the number, then text ranks. */
struct sorted {
	int32_t rk[AGG_KEY_PARTS];
	const void *cell;
};

static int cmp_sorted(const void *x, const void *y)
{
	const struct sorted *p = x, *q = y;
	int i;

	for (i = 0; i < AGG_KEY_PARTS; i++)
		if (p->rk[i] != q->rk[i])
			return p->rk[i] < q->rk[i] ? -1 : 1;
	return 0;
}

/*
 * Add the non-zero cells of t to the table of d (aggdef_upsert_sql): key
 * part 0 the month or year, 1 .. d->nkeys - 1 text ids, then the one or
 * two counts.  Cells go in primary-key order (number, then the texts in
 * byte order), so the upserts walk the B-tree forward instead of jumping
 * about.
 */
static int flush_itab(struct agg *a, sqlite3 *db, const struct agg_itab *t,
		      const struct aggdef *d, struct nserr *err)
{
	int nparts = d->nkeys, ncounts = d->ncounts;
	char sql[512];
	struct sorted *order = malloc((t->n ? t->n : 1) * sizeof *order);
	int *rank = name_ranks(a);
	sqlite3_stmt *st;
	size_t i, n = 0;
	int rc, k;

	if (!order || !rank) {
		free(order);
		free(rank);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	for (i = 0; i < t->n; i++) {
		const struct agg_icell *c = &t->cells[i];
		if (!c->a && !c->b)
			continue;
		order[n].rk[0] = c->k[0];
		for (k = 1; k < AGG_KEY_PARTS; k++)
			order[n].rk[k] = rank[c->k[k]];
		order[n++].cell = c;
	}
	free(rank);
	qsort(order, n, sizeof *order, cmp_sorted);
	rc = aggdef_upsert_sql(d, sql, sizeof sql) ? nserr_set(err,
		NS_EINTERNAL, "upsert of %s too long", d->table) :
		db_prepare(db, sql, &st, err);
	for (i = 0; !rc && i < n; i++) {
		const struct agg_icell *c = order[i].cell;

		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, c->k[0]);
		for (k = 1; k < nparts; k++)
			sqlite3_bind_text(st, k + 1, a->names[c->k[k]], -1,
					  SQLITE_STATIC);
		sqlite3_bind_int64(st, nparts + 1, c->a);
		if (ncounts > 1)
			sqlite3_bind_int64(st, nparts + 2, c->b);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "aggregates");
	}
	sqlite3_finalize(st);
	free(order);
	return rc;
}

/* The needs cells rolled up to agg_needs_year: month -> year, no reason.
 * Done per flush, in proportion to the cells, not to the rows read. */
static int flush_years(struct agg *a, sqlite3 *db, struct nserr *err)
{
	struct agg_itab years;
	size_t i;
	int rc = itab_init(&years);

	for (i = 0; !rc && i < a->needs.n; i++) {
		const struct agg_icell *c = &a->needs.cells[i];
		int32_t k[AGG_KEY_PARTS] = {c->k[0] / 100, c->k[1], c->k[2],
					    c->k[3], 0, 0};
		struct agg_icell *y = itab_cell(&years, k);
		if (!y) {
			rc = NS_ENOMEM;
			break;
		}
		y->a += c->a;
		y->b += c->b;
	}
	if (!rc)
		rc = flush_itab(a, db, &years, &aggdefs[AGGDEF_NEEDS_YEAR],
				err);
	else
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
	itab_release(&years);
	return rc;
}

static int flush_refs(struct agg *a, sqlite3 *db, struct nserr *err)
{
	struct sorted *order = malloc((a->nrefs ? a->nrefs : 1) * sizeof *order);
	int *rank = name_ranks(a);
	sqlite3_stmt *st;
	size_t i, n = 0;
	char sql[512];
	int rc;

	if (!order || !rank) {
		free(order);
		free(rank);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	for (i = 0; i < a->nrefs; i++) {
		const struct agg_ref *r = &a->refs[i];
		if (!r->n)
			continue;
		memset(&order[n], 0, sizeof order[n]);
		order[n].rk[0] = r->month;
		order[n].rk[1] = rank[r->category];
		order[n].rk[2] = rank[r->region];
		order[n].rk[3] = rank[r->agency];
		order[n++].cell = r;
	}
	free(rank);
	qsort(order, n, sizeof *order, cmp_sorted);
	rc = aggdef_upsert_sql(&aggdefs[AGGDEF_REFERRALS], sql, sizeof sql) ?
		nserr_set(err, NS_EINTERNAL, "upsert of agg_referrals too long")
		: db_prepare(db, sql, &st, err);
	for (i = 0; !rc && i < n; i++) {
		const struct agg_ref *r = order[i].cell;
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, r->month);
		sqlite3_bind_text(st, 2, a->names[r->category], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, a->names[r->region], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, a->names[r->agency], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, r->n);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "aggregates");
	}
	sqlite3_finalize(st);
	free(order);
	return rc;
}

int agg_flush(struct agg *a, sqlite3 *db, struct nserr *err)
{
	int i, rc = flush_itab(a, db, &a->needs, &aggdefs[AGGDEF_NEEDS], err);

	if (!rc)
		rc = flush_years(a, db, err);
	if (!rc)
		rc = flush_itab(a, db, &a->contacts, &aggdefs[AGGDEF_CONTACTS],
				err);
	if (!rc)
		rc = flush_refs(a, db, err);
	/* cells a replacement took back to 0 (a scan of each table: only
	 * when something was taken back) */
	for (i = 0; !rc && a->took_back && i < AGGDEF_N; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %.*s = 0",
			 aggdefs[i].table, (int)strcspn(aggdefs[i].counts, ","),
			 aggdefs[i].counts);
		rc = db_exec(db, sql, err);
	}
	a->took_back = 0;
	agg_clear(a);
	return rc;
}
