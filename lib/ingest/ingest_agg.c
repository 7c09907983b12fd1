/*
 * ingest_agg: the monthly aggregates, summed in memory during an ingest and
 * added to agg_needs / agg_contacts at the end of each file (or when the
 * maps grow large), so their size is bounded by the number of distinct
 * cells, not by the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "ingest_int.h"

#define AGG_FLUSH_CELLS 200000
#define SEP "\x1f"

int agg_init(struct agg *a)
{
	memset(a, 0, sizeof *a);
	if (strmap_init(&a->needs_ix) || strmap_init(&a->contacts_ix) ||
	    strmap_init(&a->refs_ix))
		return NS_ENOMEM;
	return 0;
}

void agg_release(struct agg *a)
{
	strmap_release(&a->needs_ix);
	strmap_release(&a->contacts_ix);
	strmap_release(&a->refs_ix);
	free(a->needs);
	free(a->contacts);
	free(a->refs);
	memset(a, 0, sizeof *a);
}

void agg_clear(struct agg *a)
{
	strmap_clear(&a->needs_ix);
	strmap_clear(&a->contacts_ix);
	strmap_clear(&a->refs_ix);
	a->nneeds = a->ncontacts = a->nrefs = 0;
}

int agg_full(const struct agg *a)
{
	return a->nneeds + a->ncontacts + a->nrefs > AGG_FLUSH_CELLS;
}

static struct agg_cell *cell(struct strmap *ix, struct agg_cell **cells,
			     size_t *n, size_t *cap, const char *key,
			     size_t len)
{
	int64_t *slot;
	int rc = strmap_put(ix, key, len, (int64_t)*n, &slot, NULL);

	if (rc < 0)
		return NULL;
	if (rc == 1) {
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 1024;
			struct agg_cell *c = realloc(*cells, nc * sizeof *c);
			if (!c)
				return NULL;
			*cells = c;
			*cap = nc;
		}
		(*cells)[*n].a = (*cells)[*n].b = 0;
		(*n)++;
	}
	return &(*cells)[*slot];
}

static const char *s(const char *v)
{
	return v ? v : "";
}

/* Append "SEP part" to key at *n (parts are short: ids and codes). */
static void put(char *key, size_t *n, const char *part)
{
	size_t len = strlen(part);

	if (*n + len + 2 > 256)
		len = 256 - *n - 2;
	key[(*n)++] = '\x1f';
	memcpy(key + *n, part, len);
	*n += len;
}

static size_t month_key(char *key, int month)
{
	int i;

	for (i = 5; i >= 0; i--, month /= 10)
		key[i] = (char)('0' + month % 10);
	return 6;
}

int agg_need(struct agg *a, int month, const char *category,
	     const char *region, const char *status, const char *reason,
	     int d, long referrals)
{
	char key[256];
	size_t n = month_key(key, month);
	struct agg_cell *c;

	put(key, &n, category);
	put(key, &n, region);
	put(key, &n, status);
	put(key, &n, s(reason));
	c = cell(&a->needs_ix, &a->needs, &a->nneeds, &a->cap_needs, key, n);

	if (!c)
		return NS_ENOMEM;
	c->a += d;
	c->b += d * (referrals > 0 ? referrals : 0);
	return 0;
}

int agg_contact(struct agg *a, int month, const char *region,
		const char *channel, const char *language,
		const char *age_group, const char *gender, int dc, int dn)
{
	char key[256];
	size_t n = month_key(key, month);
	struct agg_cell *c;

	put(key, &n, region);
	put(key, &n, s(channel));
	put(key, &n, s(language));
	put(key, &n, s(age_group));
	put(key, &n, s(gender));
	c = cell(&a->contacts_ix, &a->contacts, &a->ncontacts,
		 &a->cap_contacts, key, n);

	if (!c)
		return NS_ENOMEM;
	c->a += dc;
	c->b += dn;
	return 0;
}

int agg_referral(struct agg *a, int month, const char *category,
		 const char *region, const char *agency, size_t len, int d)
{
	char key[512];
	size_t n = month_key(key, month);
	struct agg_cell *c;

	put(key, &n, category);
	put(key, &n, region);
	key[n++] = '\x1f';
	memcpy(key + n, agency, len);      /* len <= AGENCY_MAX */
	n += len;
	c = cell(&a->refs_ix, &a->refs, &a->nrefs, &a->cap_refs, key, n);
	if (!c)
		return NS_ENOMEM;
	c->a += d;
	return 0;
}

/* Split a key into its nparts fields (in place in buf). */
static void split(char *buf, const char **parts, int nparts)
{
	int i;

	for (i = 0; i < nparts; i++) {
		char *sep = i + 1 < nparts ? strchr(buf, '\x1f') : NULL;
		parts[i] = buf;
		if (sep) {
			*sep = '\0';
			buf = sep + 1;
		}
	}
}

static int cmp_slot(const void *a, const void *b)
{
	const struct strmap_slot *x = *(const struct strmap_slot *const *)a;
	const struct strmap_slot *y = *(const struct strmap_slot *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/*
 * Add the cells of ix to a table with sql (?1 the month or year, ?2.. the
 * text parts, then the one or two counts).  Cells go in key order, which is
 * the table's primary-key order ('\x1f' sorts below every character), so
 * the upserts walk the B-tree forward instead of jumping about.
 */
static int flush_map(sqlite3 *db, struct strmap *ix, struct agg_cell *cells,
		     const char *sql, int nparts, struct nserr *err)
{
	const struct strmap_slot **order;
	sqlite3_stmt *st;
	size_t i, n = 0;
	int rc;

	if (!(order = malloc((ix->count ? ix->count : 1) * sizeof *order)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < ix->cap; i++)
		if (ix->slots[i].key && (cells[ix->slots[i].value].a ||
					 cells[ix->slots[i].value].b))
			order[n++] = &ix->slots[i];
	qsort(order, n, sizeof *order, cmp_slot);
	rc = db_prepare(db, sql, &st, err);
	for (i = 0; !rc && i < n; i++) {
		const struct agg_cell *c = &cells[order[i]->value];
		const char *parts[6];
		char buf[512];
		int k;

		snprintf(buf, sizeof buf, "%s", order[i]->key);
		split(buf, parts, nparts);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, (int)strtol(parts[0], NULL, 10));
		for (k = 1; k < nparts; k++)
			sqlite3_bind_text(st, k + 1, parts[k], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, nparts + 1, c->a);
		if (sqlite3_bind_parameter_count(st) > nparts + 1)
			sqlite3_bind_int64(st, nparts + 2, c->b);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "aggregates");
	}
	sqlite3_finalize(st);
	free(order);
	return rc;
}

/*
 * Add the needs cells to agg_needs_year: a cell key "YYYYMM|cat|region|
 * status|reason" becomes "YYYY|cat|region|status".  Done per flush, in
 * proportion to the cells, not to the rows read.
 */
static int flush_years(struct agg *a, sqlite3 *db, struct nserr *err)
{
	struct strmap years;
	struct agg_cell *cells = NULL;
	size_t n = 0, cap = 0, i;
	int rc = strmap_init(&years);

	for (i = 0; !rc && i < a->needs_ix.cap; i++) {
		const struct strmap_slot *sl = &a->needs_ix.slots[i];
		const struct agg_cell *c;
		struct agg_cell *y;
		char key[256];
		size_t len;

		if (!sl->key)
			continue;
		c = &a->needs[sl->value];
		for (len = sl->len; len > 0 && sl->key[len - 1] != '\x1f'; len--)
			;
		len = len ? len - 1 : 0;    /* drop "|reason" */
		if (len < 6 || len - 2 >= sizeof key)
			continue;
		memcpy(key, sl->key, 4);
		memcpy(key + 4, sl->key + 6, len - 6);
		y = cell(&years, &cells, &n, &cap, key, len - 2);
		if (!y) {
			rc = NS_ENOMEM;
			break;
		}
		y->a += c->a;
		y->b += c->b;
	}
	if (!rc)
		rc = flush_map(db, &years, cells, "INSERT INTO agg_needs_year "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET "
			"needs = needs + excluded.needs, referrals = referrals + "
			"excluded.referrals", 4, err);
	else
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
	strmap_release(&years);
	free(cells);
	return rc;
}

int agg_flush(struct agg *a, sqlite3 *db, struct nserr *err)
{
	int rc = flush_map(db, &a->needs_ix, a->needs,
		"INSERT INTO agg_needs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT DO UPDATE SET needs = needs + excluded.needs, "
		"referrals = referrals + excluded.referrals", 5, err);

	if (!rc)
		rc = flush_years(a, db, err);
	if (!rc)
		rc = flush_map(db, &a->contacts_ix, a->contacts,
			"INSERT INTO agg_contacts VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			" ?7, ?8) ON CONFLICT DO UPDATE SET contacts = contacts"
			" + excluded.contacts, needs = needs + excluded.needs",
			6, err);
	if (!rc)
		rc = flush_map(db, &a->refs_ix, a->refs, "INSERT INTO "
			"agg_referrals VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO "
			"UPDATE SET referrals = referrals + excluded.referrals",
			4, err);
	if (!rc)
		rc = db_exec(db, "DELETE FROM agg_referrals WHERE referrals = 0;"
			     "DELETE FROM agg_needs WHERE needs = 0;"
			     "DELETE FROM agg_needs_year WHERE needs = 0;"
			     "DELETE FROM agg_contacts WHERE contacts = 0", err);
	agg_clear(a);
	return rc;
}
