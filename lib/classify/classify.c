/*
 * classify: prefix table and region lookups built from the database.
 *
 * Everything is read once by classify_load: the categories (ids and both
 * names, folded for name lookups), the prefixes of the map in force, the
 * regions with their parent, level and province, and the crosswalk keys.
 * Lookups are hash probes: a code is tried from its longest possible
 * prefix down to one letter.
 */
#include "classify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/db.h"

static char *dupstr(const unsigned char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen((const char *)s);
	if ((d = malloc(n + 1)) != NULL)
		memcpy(d, s, n + 1);
	return d;
}

/* dupstr that treats NULL as "" (so NULL means out of memory). */
static char *dupstr0(const unsigned char *s)
{
	return dupstr(s ? s : (const unsigned char *)"");
}

/* Fold case and accents, trim blanks: "  Français " -> "francais". */
static size_t fold(const char *s, size_t len, char *out, size_t size)
{
	utf8proc_uint8_t *m = NULL;
	size_t n;

	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
			 UTF8PROC_COMPOSE) < 0 || !m)
		return 0;
	n = strlen((char *)m);
	if (n >= size)
		n = size - 1;
	memcpy(out, m, n);
	out[n] = '\0';
	free(m);
	return n;
}

static int add_catname(struct classify *c, const unsigned char *name, int idx)
{
	char buf[256];
	size_t n;

	if (!name)
		return 0;
	n = fold((const char *)name, strlen((const char *)name), buf, sizeof buf);
	return n && strmap_put(&c->catnames, buf, n, idx, NULL, NULL) < 0
		? NS_ENOMEM : 0;
}

static int grow_cats(struct classify *c, size_t *cap)
{
	size_t nc = *cap ? *cap * 2 : 32;
	char **a = realloc(c->cats, nc * sizeof *a);

	if (!a)
		return NS_ENOMEM;
	c->cats = a;
	if (!(a = realloc(c->cat_en, nc * sizeof *a)))
		return NS_ENOMEM;
	c->cat_en = a;
	if (!(a = realloc(c->cat_fr, nc * sizeof *a)))
		return NS_ENOMEM;
	c->cat_fr = a;
	*cap = nc;
	return 0;
}

static int load_categories(struct classify *c, sqlite3 *db, struct nserr *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = db_prepare(db, "SELECT id, name_en, name_fr FROM categories "
			    "ORDER BY sort, id", &st, err);

	if (rc)
		return rc;
	c->other = c->unclassified = c->target_only = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *id = sqlite3_column_text(st, 0);
		size_t i = c->ncats;

		if (i == cap && grow_cats(c, &cap))
			break;
		c->cats[i] = dupstr0(id);
		c->cat_en[i] = dupstr0(sqlite3_column_text(st, 1));
		c->cat_fr[i] = dupstr0(sqlite3_column_text(st, 2));
		c->ncats++;
		if (!c->cats[i] || !c->cat_en[i] || !c->cat_fr[i])
			break;
		if (strcmp(c->cats[i], "other") == 0)
			c->other = (int)i;
		if (strcmp(c->cats[i], "unclassified") == 0)
			c->unclassified = (int)i;
		if (strcmp(c->cats[i], "target_only") == 0)
			c->target_only = (int)i;
		if (add_catname(c, id, (int)i) ||
		    add_catname(c, sqlite3_column_text(st, 1), (int)i) ||
		    add_catname(c, sqlite3_column_text(st, 2), (int)i))
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? nserr_set(err, NS_ENOMEM, "out of "
			"memory loading categories") : db_fail(db, err,
			"categories");
	if (c->other < 0)
		return nserr_set(err, NS_ECONFIG, "the database has no 'other' "
				 "category: run needstat-init");
	if (c->unclassified < 0)
		c->unclassified = c->other;
	if (c->target_only < 0)
		c->target_only = c->other;
	return 0;
}

static int load_map(struct classify *c, sqlite3 *db, struct nserr *err)
{
	sqlite3_stmt *st;
	long long v;
	int rc = db_int(db, "SELECT max(version) FROM map_versions", 0, &v, err);

	if (rc)
		return rc;
	c->map_version = (long)v;
	if ((rc = db_prepare(db, "SELECT prefix, category FROM category_map "
			     "WHERE version = ?1", &st, err)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, v);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		const char *cat = (const char *)sqlite3_column_text(st, 1);
		size_t n = strlen(p), i;
		int idx = c->other;

		for (i = 0; i < c->ncats; i++)
			if (strcmp(c->cats[i], cat) == 0)
				idx = (int)i;
		if (strmap_put(&c->prefixes, p, n, idx, NULL, NULL) < 0)
			break;
		if (n > c->max_prefix)
			c->max_prefix = n;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "category map");
}

/* Append one row of the regions query to c->regions. */
/* id[0..len) with ASCII letters lower-cased, into out (len bytes). */
static void lower_id(const char *id, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = id[i] >= 'A' && id[i] <= 'Z' ? (char)(id[i] - 'A' + 'a')
						      : id[i];
}

/* Index region idx under its lower-cased id; two ids that differ only in
 * case make the folded id match neither (-1).  Returns 0 or NS_ENOMEM. */
static int put_folded_id(struct classify *c, const char *id, int idx)
{
	char low[64];
	size_t len = strlen(id);
	int64_t *slot;
	int rc;

	if (len > sizeof low)
		return 0;
	lower_id(id, len, low);
	rc = strmap_put(&c->regionci, low, len, idx, &slot, NULL);
	if (rc < 0)
		return rc;
	if (rc == 0 && *slot != idx)
		*slot = -1;
	return 0;
}

static int add_region(struct classify *c, sqlite3_stmt *st, size_t *cap)
{
	struct classify_region *r;

	if (c->nregions == *cap) {
		size_t nc = *cap ? *cap * 2 : 128;
		if (!(r = realloc(c->regions, nc * sizeof *r)))
			return NS_ENOMEM;
		c->regions = r;
		*cap = nc;
	}
	r = &c->regions[c->nregions++];
	memset(r, 0, sizeof *r);
	r->parent = -1;
	r->id = dupstr0(sqlite3_column_text(st, 0));
	r->province = dupstr(sqlite3_column_text(st, 1));
	r->parent_id = dupstr(sqlite3_column_text(st, 2));
	r->level = dupstr0(sqlite3_column_text(st, 3));
	r->name_en = dupstr0(sqlite3_column_text(st, 4));
	r->name_fr = dupstr0(sqlite3_column_text(st, 5));
	if (!r->id || !r->level || !r->name_en || !r->name_fr ||
	    (sqlite3_column_type(st, 1) != SQLITE_NULL && !r->province) ||
	    (sqlite3_column_type(st, 2) != SQLITE_NULL && !r->parent_id))
		return NS_ENOMEM;
	if (strmap_put(&c->regionids, r->id, strlen(r->id),
		       (int64_t)(c->nregions - 1), NULL, NULL) < 0 ||
	    put_folded_id(c, r->id, (int)(c->nregions - 1)) < 0)
		return NS_ENOMEM;
	if (strcmp(r->id, "unknown") == 0)
		c->unknown = (int)(c->nregions - 1);
	return 0;
}

static int load_keys(struct classify *c, sqlite3 *db, struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "SELECT key, region_id FROM region_keys", &st,
			    err);

	if (rc)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *id = (const char *)sqlite3_column_text(st, 1);
		int idx = classify_region_id(c, id, strlen(id));
		if (idx >= 0 && strmap_put(&c->keys, k, strlen(k), idx, NULL,
					   NULL) < 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "crosswalk");
}

static int load_regions(struct classify *c, sqlite3 *db, struct nserr *err)
{
	sqlite3_stmt *st;
	size_t cap = 0, i;
	int rc = db_prepare(db, "SELECT r.id, (SELECT a.ancestor_id FROM "
		"region_ancestors a JOIN regions p ON p.id = a.ancestor_id "
		"WHERE a.region_id = r.id AND p.level IN ('province', 'state') "
		"ORDER BY a.depth LIMIT 1), r.parent_id, r.level, r.name_en, "
		"r.name_fr FROM regions r ORDER BY r.id", &st, err);

	if (rc)
		return rc;
	c->unknown = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_region(c, st, &cap))
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? nserr_set(err, NS_ENOMEM, "out of "
			"memory loading regions") : db_fail(db, err, "regions");
	if (c->unknown < 0)
		return nserr_set(err, NS_ECONFIG, "the database has no 'unknown' "
				 "region: run needstat-init");
	for (i = 0; i < c->nregions; i++) {
		const char *p = c->regions[i].parent_id;
		if (p)
			c->regions[i].parent = classify_region_id(c, p,
								  strlen(p));
	}
	return load_keys(c, db, err);
}

int classify_load(struct classify *c, sqlite3 *db, struct nserr *err)
{
	int rc;

	memset(c, 0, sizeof *c);
	if (strmap_init(&c->prefixes) || strmap_init(&c->catnames) ||
	    strmap_init(&c->keys) || strmap_init(&c->regionids) ||
	    strmap_init(&c->regionci))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((rc = load_categories(c, db, err)) != 0 ||
	    (rc = load_map(c, db, err)) != 0 ||
	    (rc = load_regions(c, db, err)) != 0)
		return rc;
	return 0;
}

void classify_release(struct classify *c)
{
	size_t i;

	for (i = 0; i < c->ncats; i++) {
		free(c->cats[i]);
		free(c->cat_en[i]);
		free(c->cat_fr[i]);
	}
	free(c->cats);
	free(c->cat_en);
	free(c->cat_fr);
	for (i = 0; i < c->nregions; i++) {
		struct classify_region *r = &c->regions[i];
		free((char *)r->id);
		free((char *)r->province);
		free((char *)r->level);
		free((char *)r->name_en);
		free((char *)r->name_fr);
		free((char *)r->parent_id);
	}
	free(c->regions);
	strmap_release(&c->prefixes);
	strmap_release(&c->catnames);
	strmap_release(&c->keys);
	strmap_release(&c->regionids);
	strmap_release(&c->regionci);
	memset(c, 0, sizeof *c);
}

int classify_code_prefix(const struct classify *c, const char *code,
			 size_t len, size_t *plen)
{
	size_t n = len < c->max_prefix ? len : c->max_prefix;

	for (; n > 0; n--) {
		int64_t *v = strmap_get(&c->prefixes, code, n);
		if (v) {
			if (plen)
				*plen = n;
			return (int)*v;
		}
	}
	if (plen)
		*plen = 0;
	return classify_fallback(c, code, len);
}

int classify_fallback(const struct classify *c, const char *code,
		      size_t len)
{
	if (taxcode_check_prefix(code, len, NULL) != 0)
		return c->unclassified;
	return code[0] == 'Y' ? c->target_only : c->other;
}

int classify_code_raw(const struct classify *c, const char *code,
		      size_t len)
{
	size_t n = 0;
	int cat;

	/* only a map prefix for raw codes (X_..., a digit) may match: a
	 * taxonomy prefix never classifies what is not a taxonomy code */
	if (!(len > 1 && code[0] == 'X' && code[1] == '_') &&
	    !(len > 0 && code[0] >= '0' && code[0] <= '9'))
		return c->unclassified;
	cat = classify_code_prefix(c, code, len, &n);
	return n ? cat : c->unclassified;
}

int classify_stored(const struct classify *c, const char *service,
		    int level)
{
	size_t len = strlen(service);

	return level == 0 ? classify_code_raw(c, service, len)
			  : classify_code(c, service, len);
}

int classify_is_unmapped(const struct classify *c, int category)
{
	return category == c->other || category == c->unclassified ||
	       category == c->target_only;
}

int classify_code(const struct classify *c, const char *code, size_t len)
{
	return classify_code_prefix(c, code, len, NULL);
}

int classify_explain(const struct classify *c, const char *s, size_t len,
		     struct classify_info *out, const char **why)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = taxcode_parse(s, len, &out->code, why)) != 0)
		return rc;
	if (out->code.targets[0])
		snprintf(out->text, sizeof out->text, "%s * %s",
			 out->code.service, out->code.targets);
	else
		snprintf(out->text, sizeof out->text, "%s", out->code.service);
	out->category = classify_code_prefix(c, out->code.service,
					     strlen(out->code.service),
					     &out->prefix_len);
	return 0;
}

int classify_category_name(const struct classify *c, const char *s,
			   size_t len)
{
	char buf[256];
	size_t n = fold(s, len, buf, sizeof buf);
	int64_t *v = n ? strmap_get(&c->catnames, buf, n) : NULL;

	return v ? (int)*v : -1;
}

int classify_region_id(const struct classify *c, const char *id, size_t len)
{
	int64_t *v = strmap_get(&c->regionids, id, len);
	char low[64];

	if (v || len > sizeof low)
		return v ? (int)*v : -1;
	lower_id(id, len, low);
	v = strmap_get(&c->regionci, low, len);
	return v ? (int)*v : -1;
}

int classify_region_of(const struct classify *c, const struct postal *pc)
{
	int64_t *v;
	int idx = -1;

	if (pc->kind != POSTAL_CA && pc->kind != POSTAL_US)
		return c->unknown;
	v = strmap_get(&c->keys, pc->key, strlen(pc->key));
	if (v)
		return (int)*v;
	if (pc->kind == POSTAL_CA) {
		if (pc->province[0])
			idx = classify_region_id(c, pc->province, 2);
		else if (pc->key[0] == 'X')
			idx = classify_region_id(c, (pc->key[1] == '0' &&
				(pc->key[2] == 'A' || pc->key[2] == 'B' ||
				 pc->key[2] == 'C')) ? "NU" : "NT", 2);
	} else {
		const char *st = postal_us_state(pc->key);
		char id[8];
		if (st) {
			int n = snprintf(id, sizeof id, "US-%s", st);
			idx = classify_region_id(c, id, (size_t)n);
		}
		if (idx < 0)
			idx = classify_region_id(c, "US", 2);
	}
	return idx >= 0 ? idx : c->unknown;
}

int classify_resolve(const struct classify *c, const char *s, size_t len,
		     struct classify_place *out, const char **why)
{
	const char *prov;
	int rc;

	memset(out, 0, sizeof *out);
	out->region = c->unknown;
	out->province = -1;
	if ((rc = postal_parse(s, len, &out->postal, why)) != 0)
		return rc;
	out->region = classify_region_of(c, &out->postal);
	prov = c->regions[out->region].province;
	if (prov)
		out->province = classify_region_id(c, prov, strlen(prov));
	return 0;
}
