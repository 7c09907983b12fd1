/*
 * refdata_list: listing the reference tables (maps, regions) and running
 * small read-only queries row by row for the tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "refdata.h"

int refdata_query_rows(sqlite3 *db, const char *sql, const char *const *args,
		       refdata_row_fn fn, void *ctx, struct nserr *err)
{
	const char *vals[16];
	sqlite3_stmt *st;
	int rc = db_prepare(db, sql, &st, err), n, i, step;

	if (rc)
		return rc;
	for (i = 0; args && args[i]; i++)
		sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
	n = sqlite3_column_count(st);
	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++)
		vals[i] = sqlite3_column_name(st, i);
	rc = fn(ctx, n, vals);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, i);
		rc = fn(ctx, n, vals);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(db, err, "listing");
	sqlite3_finalize(st);
	return rc;
}

static int map_info(sqlite3 *db, long version, struct refdata_map_info *info,
		    struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "SELECT m.version, m.name, m.loaded_at, (SELECT "
		"count(*) FROM category_map c WHERE c.version = m.version), "
		"(SELECT max(version) FROM map_versions) FROM map_versions m "
		"WHERE m.version = coalesce(nullif(?1, 0), (SELECT max(version) "
		"FROM map_versions))", &st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, version);
	if (sqlite3_step(st) == SQLITE_ROW) {
		info->version = (long)sqlite3_column_int64(st, 0);
		snprintf(info->name, sizeof info->name, "%s",
			 sqlite3_column_text(st, 1));
		snprintf(info->loaded_at, sizeof info->loaded_at, "%s",
			 sqlite3_column_text(st, 2));
		info->rows = (long)sqlite3_column_int64(st, 3);
	} else if (version) {
		rc = nserr_set(err, NS_EDATA, "there is no category map "
			       "version %ld", version);
	} else {
		rc = nserr_set(err, NS_ECONFIG, "no category map is loaded: "
			       "run needstat-init");
	}
	sqlite3_finalize(st);
	return rc;
}

int refdata_list_map(sqlite3 *db, long version, refdata_row_fn fn, void *ctx,
		     struct refdata_map_info *info, struct nserr *err)
{
	struct refdata_map_info mi;
	char v[24];
	const char *args[2] = {v, NULL};
	int rc = map_info(db, version, &mi, err);

	if (rc)
		return rc;
	if (info)
		*info = mi;
	snprintf(v, sizeof v, "%ld", mi.version);
	return refdata_query_rows(db, "SELECT prefix, category FROM "
		"category_map WHERE version = ?1 ORDER BY prefix",
		args, fn, ctx, err);
}

int refdata_list_regions(sqlite3 *db, const char *level, refdata_row_fn fn,
			 void *ctx, struct nserr *err)
{
	const char *args[2] = {level, NULL};

	return refdata_query_rows(db, "SELECT r.id, r.level, r.parent_id, "
		"r.name_en, r.name_fr, p.population, p.year FROM regions r "
		"LEFT JOIN populations p ON p.region_id = r.id AND p.year = "
		"(SELECT max(year) FROM populations q WHERE q.region_id = r.id) "
		"WHERE ?1 IS NULL OR r.level = ?1 ORDER BY (SELECT "
		"group_concat(id, '/') FROM (SELECT a.ancestor_id AS id FROM "
		"region_ancestors a WHERE a.region_id = r.id ORDER BY a.depth "
		"DESC)), r.id", level ? args : NULL, fn, ctx, err);
}
