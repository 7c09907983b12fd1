/*
 * reclassify: re-applying the map, the crosswalk and the regions to stored
 * contacts and needs, and rebuilding the aggregates from the raw tables.
 *
 * The classifier decides once per distinct code (or postal key) in C; the
 * decisions go to a temporary table and one UPDATE ... FROM applies them,
 * so the work per stored row is SQLite's, not a round trip.
 */
#include "reclassify.h"

#include <stdio.h>
#include <string.h>

#include "aggdef.h"
#include "classify.h"
#include "core/db.h"
#include "postal.h"

static int begin(sqlite3 *db, int *own, struct nserr *err)
{
	*own = sqlite3_get_autocommit(db);
	return *own ? db_begin(db, err) : 0;
}

static int finish(sqlite3 *db, int own, int rc, struct nserr *err)
{
	if (own && !rc)
		rc = db_commit(db, err);
	if (own && rc)
		db_rollback(db);
	return rc;
}

int agg_rebuild(sqlite3 *db, unsigned what, struct nserr *err)
{
	int own, rc = begin(db, &own, err), i;

	for (i = 0; !rc && i < AGGDEF_N; i++)
		if (what & aggdefs[i].what)
			rc = aggdef_rebuild(db, &aggdefs[i], err);
	if (rc)
		nserr_prefix(err, "rebuilding the aggregates");
	return finish(db, own, rc, err);
}

/* Run one statement with ?1 = v (if it has a ?1); *changes (may be NULL)
 * gets the number of rows it changed. */
static int run_int(sqlite3 *db, const char *sql, long long v, long *changes,
		   struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, sql, &st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, v);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, err, "updating");
	sqlite3_finalize(st);
	if (!rc && changes)
		*changes = (long)sqlite3_changes(db);
	return rc;
}

/* temp.ns_codecat: the category of every stored code under cl. */
static int fill_codecat(sqlite3 *db, const struct classify *cl,
			struct nserr *err)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = db_exec(db, "DROP TABLE IF EXISTS temp.ns_codecat;"
		"CREATE TEMP TABLE ns_codecat (code_id INTEGER PRIMARY KEY, "
		"category TEXT NOT NULL)", err);

	if (!rc)
		rc = db_prepare(db, "SELECT id, service, level FROM codes", &q,
				err);
	if (!rc)
		rc = db_prepare(db, "INSERT INTO temp.ns_codecat VALUES (?1, ?2)",
				&ins, err);
	while (!rc && (rc = db_row(db, q, "reading the codes", err)) == 1) {
		const char *svc = (const char *)sqlite3_column_text(q, 1);
		int cat = classify_stored(cl, svc, sqlite3_column_int(q, 2));

		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_text(ins, 2, cl->cats[cat], -1, SQLITE_STATIC);
		rc = sqlite3_step(ins) == SQLITE_DONE ? 0 :
			db_fail(db, err, "classifying the codes");
	}
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

static int apply_map(sqlite3 *db, struct reclassify_stats *st,
		     struct nserr *err)
{
	long long n = 0;
	int rc = run_int(db, "UPDATE needs SET category = k.category, "
		"map_version = ?1 FROM temp.ns_codecat k WHERE k.code_id = "
		"needs.code_id AND needs.category <> k.category",
		st->map_version, &st->changed, err);

	if (!rc)
		rc = run_int(db, "UPDATE needs SET map_version = ?1 WHERE "
			     "code_id IS NOT NULL AND map_version <> ?1",
			     st->map_version, NULL, err);
	if (!rc)
		rc = db_int(db, "SELECT count(*) FROM needs WHERE code_id IS "
			    "NOT NULL", 0, &n, err);
	st->needs = (long)n;
	return rc;
}

int reclassify_needs(sqlite3 *db, struct reclassify_stats *st,
		     struct nserr *err)
{
	struct classify cl;
	int own, rc;

	memset(st, 0, sizeof *st);
	if ((rc = begin(db, &own, err)) != 0)
		return rc;
	rc = classify_load(&cl, db, err);
	st->map_version = cl.map_version;
	if (!rc && cl.map_version == 0)
		rc = nserr_set(err, NS_ECONFIG, "no category map is loaded: "
			       "load one with 'needstat-taxonomy map load'");
	if (!rc)
		rc = fill_codecat(db, &cl, err);
	classify_release(&cl);
	if (!rc)
		rc = apply_map(db, st, err);
	if (!rc)
		rc = db_exec(db, "DROP TABLE temp.ns_codecat", err);
	if (!rc)
		rc = agg_rebuild(db, AGG_NEEDS, err);
	return finish(db, own, rc, err);
}

/* temp.ns_rekey: region and province of every stored postal key. */
static int fill_rekey(sqlite3 *db, const struct classify *cl,
		      struct nserr *err)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = db_exec(db, "DROP TABLE IF EXISTS temp.ns_rekey;"
		"CREATE TEMP TABLE ns_rekey (key TEXT PRIMARY KEY, region_id "
		"TEXT NOT NULL, province TEXT)", err);

	if (!rc)
		rc = db_prepare(db, "SELECT DISTINCT coalesce(postal_key, '') "
				"FROM contacts", &q, err);
	if (!rc)
		rc = db_prepare(db, "INSERT INTO temp.ns_rekey VALUES (?1, ?2, "
				"?3)", &ins, err);
	while (!rc && (rc = db_row(db, q, "reading the postal keys", err)) ==
	       1) {
		const char *key = (const char *)sqlite3_column_text(q, 0);
		const struct classify_region *r;
		struct postal pc;

		postal_parse(key, strlen(key), &pc, NULL);
		r = &cl->regions[classify_region_of(cl, &pc)];
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, r->id, -1, SQLITE_STATIC);
		if (r->province)
			sqlite3_bind_text(ins, 3, r->province, -1,
					  SQLITE_STATIC);
		else
			sqlite3_bind_null(ins, 3);
		rc = sqlite3_step(ins) == SQLITE_DONE ? 0 :
			db_fail(db, err, "resolving the postal keys");
	}
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

int reclassify_regions(sqlite3 *db, struct reclassify_stats *st,
		       struct nserr *err)
{
	struct classify cl;
	long long n = 0;
	int own, rc;

	memset(st, 0, sizeof *st);
	if ((rc = begin(db, &own, err)) != 0)
		return rc;
	rc = classify_load(&cl, db, err);
	if (!rc)
		rc = fill_rekey(db, &cl, err);
	classify_release(&cl);
	if (!rc)
		rc = run_int(db, "UPDATE contacts SET region_id = k.region_id, "
			"province = k.province FROM temp.ns_rekey k WHERE k.key = "
			"coalesce(contacts.postal_key, '') AND region_given = 0 "
			"AND (contacts.region_id IS NOT k.region_id OR "
			"contacts.province IS NOT k.province)", 0,
			&st->regions_changed, err);
	if (!rc) {
		/* a region given in the input stays; its province follows the
		 * regions' parents */
		long moved = 0;
		rc = run_int(db, "UPDATE contacts SET province = (SELECT "
			"a.ancestor_id FROM region_ancestors a JOIN regions p ON "
			"p.id = a.ancestor_id WHERE a.region_id = contacts.region_id"
			" AND p.level IN ('province', 'state') ORDER BY a.depth "
			"LIMIT 1) WHERE region_given = 1 AND province IS NOT (SELECT "
			"a.ancestor_id FROM region_ancestors a JOIN regions p ON "
			"p.id = a.ancestor_id WHERE a.region_id = contacts.region_id"
			" AND p.level IN ('province', 'state') ORDER BY a.depth "
			"LIMIT 1)", 0, &moved, err);
		st->regions_changed += moved;
	}
	if (!rc)
		rc = db_exec(db, "DROP TABLE temp.ns_rekey", err);
	if (!rc)
		rc = db_int(db, "SELECT count(*) FROM contacts", 0, &n, err);
	st->contacts = (long)n;
	if (!rc)
		rc = agg_rebuild(db, AGG_ALL, err);
	return finish(db, own, rc, err);
}

/* The load of a crosswalk (weight_col) or regions file, then the
 * contacts re-derived. */
static int load_rederive(sqlite3 *db, enum refdata_kind kind,
			 const char *path, const char *weight_col,
			 struct refdata_result *res,
			 struct reclassify_stats *st, struct nserr *err)
{
	struct reclassify_stats s;
	int own, rc;

	if ((rc = begin(db, &own, err)) != 0)
		return rc;
	rc = kind == REF_CROSSWALK ? refdata_load_crosswalk(db, path,
		weight_col, res, err) : refdata_load(db, kind, path, res, err);
	if (!rc)
		rc = reclassify_regions(db, &s, err);
	if (!rc && st)
		*st = s;
	return finish(db, own, rc, err);
}

int reclassify_load_regions(sqlite3 *db, enum refdata_kind kind,
			    const char *path, struct refdata_result *res,
			    struct reclassify_stats *st, struct nserr *err)
{
	if (kind != REF_CROSSWALK && kind != REF_REGIONS)
		return nserr_set(err, NS_EUSAGE, "reclassify_load_regions: "
				 "not a crosswalk or regions file");
	return load_rederive(db, kind, path, NULL, res, st, err);
}

int reclassify_load_crosswalk(sqlite3 *db, const char *path,
			      const char *weight_col,
			      struct refdata_result *res,
			      struct reclassify_stats *st, struct nserr *err)
{
	return load_rederive(db, REF_CROSSWALK, path, weight_col, res, st,
			     err);
}

struct unmapped_ctx {
	const struct classify *cl;
	refdata_row_fn fn;
	void *ctx;
	int header;
};

static int unmapped_row(void *ctx, int ncols, const char *const *vals)
{
	static const char *const head[] = {"code", "needs", "prefix",
					   "category"};
	struct unmapped_ctx *u = ctx;
	const char *out[4];
	char prefix[TAXCODE_MAX];
	size_t plen = 0;
	int cat;

	(void)ncols;
	if (!u->header) {
		u->header = 1;
		return u->fn(u->ctx, 4, head);
	}
	if (vals[3] && strcmp(vals[3], "0") == 0) {     /* a raw code */
		cat = classify_code_raw(u->cl, vals[2], strlen(vals[2]));
		if (cat != u->cl->unclassified)
			classify_code_prefix(u->cl, vals[2], strlen(vals[2]),
					     &plen);
	} else {
		cat = classify_code_prefix(u->cl, vals[2], strlen(vals[2]),
					   &plen);
	}
	if (plen >= sizeof prefix)
		plen = sizeof prefix - 1;
	memcpy(prefix, vals[2], plen);
	prefix[plen] = '\0';
	out[0] = vals[0];
	out[1] = vals[1];
	out[2] = plen ? prefix : NULL;
	out[3] = u->cl->cats[cat];
	return u->fn(u->ctx, 4, out);
}

int reclassify_unmapped(sqlite3 *db, refdata_row_fn fn, void *ctx,
			struct nserr *err)
{
	struct classify cl;
	struct unmapped_ctx u;
	int rc = classify_load(&cl, db, err);

	u.cl = &cl;
	u.fn = fn;
	u.ctx = ctx;
	u.header = 0;
	if (!rc)
		rc = refdata_query_rows(db, "SELECT k.code, count(*) AS needs, "
			"k.service, k.level FROM needs n JOIN codes k ON k.id = "
			"n.code_id WHERE n.category IN ('other', 'unclassified', "
			"'target_only') GROUP BY k.id ORDER BY needs DESC, k.code",
			NULL, unmapped_row, &u, err);
	classify_release(&cl);
	return rc;
}
