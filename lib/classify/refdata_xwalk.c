/*
 * refdata_xwalk: from the rows of a crosswalk file to one region per key.
 *
 * Public ZIP-to-county crosswalks (HUD-USPS style) list a ZIP in every
 * county it touches, with the share of its addresses there.  The loader
 * (refdata.c) puts every row in temp.ns_xwalk (key, region, weight or
 * NULL, line); this module then refuses what cannot be decided (a key
 * repeated without weights, an unknown region), gives each key its
 * largest-share region (ties: the smallest region id, byte order) and
 * counts the keys split between regions.  Nothing is ever last-wins.
 */
#include "refdata_xwalk.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"

#define XW_LIST_MAX 8           /* repeated keys named in the message */

int xwalk_begin(sqlite3 *db, struct nserr *err)
{
	return db_exec(db, "DROP TABLE IF EXISTS temp.ns_xwalk;"
		"CREATE TEMP TABLE ns_xwalk (key TEXT NOT NULL, region_id TEXT "
		"NOT NULL, weight REAL, line INTEGER NOT NULL)", err);
}

void xwalk_end(sqlite3 *db)
{
	sqlite3_exec(db, "DROP TABLE IF EXISTS temp.ns_xwalk", NULL, NULL,
		     NULL);
}

/* Append printf-style text at *n of buf (size), cut at the end. */
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= size)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	*n = k < 0 ? size : *n + (size_t)k;
}

/* Keys on several rows of a file without weights: NS_EDATA naming each
 * with the lines it is on. */
static int repeated(sqlite3 *db, const char *path, struct nserr *err)
{
	sqlite3_stmt *st;
	char list[700];
	size_t n = 0;
	long keys = 0;
	int rc = db_prepare(db, "SELECT key, group_concat(line, ' ') FROM "
		"(SELECT key, line FROM temp.ns_xwalk ORDER BY line) GROUP BY "
		"key HAVING count(*) > 1 ORDER BY min(line)", &st, err);

	if (rc)
		return rc;
	list[0] = '\0';
	while ((rc = db_row(db, st, "checking the crosswalk", err)) == 1) {
		const char *lines = (const char *)sqlite3_column_text(st, 1);
		const char *sep = "";

		if (++keys > XW_LIST_MAX)
			continue;
		add(list, sizeof list, &n, "%s'%s' at", keys > 1 ? "; " : "",
		    (const char *)sqlite3_column_text(st, 0));
		while (*lines) {
			size_t len = strcspn(lines, " ");
			add(list, sizeof list, &n, "%s %s:%.*s", sep, path,
			    (int)len, lines);
			sep = ",";
			lines += len + (lines[len] == ' ');
		}
	}
	sqlite3_finalize(st);
	if (rc < 0 || keys == 0)
		return rc;
	if (keys > XW_LIST_MAX)
		add(list, sizeof list, &n, "; and %ld more", keys - XW_LIST_MAX);
	return nserr_set(err, NS_EDATA, "%s: %ld key%s on more than one row "
		"and no weight column to choose a region: %s (give each key "
		"once, or add a 'weight' column, such as the share of the "
		"key's addresses, and each key goes to its largest share)",
		path, keys, keys > 1 ? "s" : "", list);
}

/* The first row naming a region that does not exist: NS_EDATA. */
static int unknown_region(sqlite3 *db, const char *path, struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "SELECT line, region_id FROM temp.ns_xwalk "
		"WHERE region_id NOT IN (SELECT id FROM regions) ORDER BY line "
		"LIMIT 1", &st, err);

	if (rc)
		return rc;
	if ((rc = db_row(db, st, "checking the crosswalk", err)) == 1)
		rc = nserr_set(err, NS_EDATA, "%s:%lld: '%s' is not a known "
			"region (load it with the regions file first)", path,
			(long long)sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return rc;
}

int xwalk_finish(sqlite3 *db, const char *path, int weighted, long *keys,
		 long *split, struct nserr *err)
{
	long long k = 0, s = 0;
	int rc = weighted ? 0 : repeated(db, path, err);

	if (!rc)
		rc = unknown_region(db, path, err);
	/* the largest share of each key; ties: the smallest region id */
	if (!rc)
		rc = db_exec(db, "INSERT OR REPLACE INTO region_keys SELECT key, "
			"region_id FROM (SELECT key, region_id, row_number() OVER "
			"(PARTITION BY key ORDER BY w DESC, region_id) AS rank "
			"FROM (SELECT key, region_id, sum(weight) AS w FROM "
			"temp.ns_xwalk GROUP BY key, region_id)) WHERE rank = 1",
			err);
	if (!rc)
		rc = db_int(db, "SELECT count(DISTINCT key) FROM temp.ns_xwalk",
			    0, &k, err);
	if (!rc)
		rc = db_int(db, "SELECT count(*) FROM (SELECT key FROM "
			    "temp.ns_xwalk GROUP BY key HAVING count(DISTINCT "
			    "region_id) > 1)", 0, &s, err);
	*keys = (long)k;
	*split = (long)s;
	return rc;
}
