/*
 * dash_stamp: the stamp of what feeds a dashboard (dashboard_stamp), so
 * that `needstat-dashboard --lazy` rebuilds only when something changed.
 * The stamp is a short text: the month, the options, the number of
 * batches, the highest map version, and a 64-bit hash of everything that
 * can change a figure (every batch's id, SHA-256, rows and finish time;
 * the map versions; the regions, crosswalk and populations; the name,
 * size and modification time of every report file, since the workbook
 * runs them all).  Version 2 of the stamp: the site has the workbook, so
 * a site stamped 1 is rebuilt.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/strmap.h"
#include "dashboard.h"

static const char stamp_sql[] =
	"SELECT (SELECT count(*) FROM batches),"
	" (SELECT ifnull(max(version), 0) FROM map_versions),"
	" (SELECT ifnull(group_concat(id || ':' || ifnull(sha256, '') || ':'"
	"   || rows_read || ':' || rows_loaded || ':' || ifnull(finished_at, ''),"
	"   ','), '') FROM (SELECT * FROM batches ORDER BY id))"
	" || '/' || (SELECT ifnull(group_concat(version || ':' ||"
	"   ifnull(sha256, '') || ':' || loaded_at, ','), '') FROM"
	"   (SELECT * FROM map_versions ORDER BY version))"
	" || '/' || (SELECT count(*) || ':' || ifnull(group_concat(id || '>' ||"
	"   ifnull(parent_id, '') || '=' || name_en || '|' || name_fr, ','), '')"
	"   FROM (SELECT * FROM regions ORDER BY id))"
	" || '/' || (SELECT count(*) || ':' || ifnull(sum(length(key) +"
	"   length(region_id) * 7), 0) FROM region_keys)"
	" || '/' || (SELECT count(*) || ':' || ifnull(sum(population * 3 +"
	"   year), 0) || ':' || ifnull(group_concat(DISTINCT source), '')"
	"   FROM populations)";

/* report_files: a hash of the name, size and time of every report file
 * of dir (the pages run five of them, the workbook all), in any order. */
static uint64_t report_files(const char *dir)
{
	char path[4096], line[4400];
	struct dirent *e;
	struct stat st;
	uint64_t h = 0;
	size_t n;
	DIR *d;

	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".sql") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		n = (size_t)snprintf(line, sizeof line, "%s:%lld.%lld.%ld",
				     e->d_name, (long long)st.st_size,
				     (long long)st.st_mtim.tv_sec,
				     (long)st.st_mtim.tv_nsec);
		h += strmap_hash(line, n < sizeof line ? n : sizeof line - 1);
	}
	closedir(d);
	return h;
}

int dashboard_stamp(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, unsigned langs, char *buf,
		    size_t size, struct nserr *err)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *all;
	uint64_t h;
	int rc, n;

	if (sqlite3_prepare_v2(db, stamp_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, "cannot read what feeds the dashboard");
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = db_fail(db, err, "cannot read what feeds the dashboard");
		sqlite3_finalize(st);
		return rc;
	}
	all = sqlite3_column_text(st, 2);
	h = strmap_hash(all ? (const char *)all : "",
			all ? (size_t)sqlite3_column_bytes(st, 2) : 0);
	h ^= report_files(reports_dir) * 0x9e3779b97f4a7c15ull;
	n = snprintf(buf, size, "needstat-dashboard stamp 2\nmonth %d\n"
		     "min_cell %d\nlangs %u\nbatches %lld\nmap_version %lld\n"
		     "hash %016llx\n", o->period.from, o->min_cell, langs,
		     (long long)sqlite3_column_int64(st, 0),
		     (long long)sqlite3_column_int64(st, 1),
		     (unsigned long long)h);
	sqlite3_finalize(st);
	if (n < 0 || (size_t)n >= size)
		return nserr_set(err, NS_EINTERNAL, "dashboard stamp too long");
	return 0;
}
