/*
 * report: loading report files, listing and finding the installed ones,
 * checking the region and category filters (see report.h).  Running a
 * report is in report_run.c.
 *
 * A report's strings live in a chain of blocks (rmem) that
 * report_release() frees in one go.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "report_int.h"

#define RMEM_BLOCK 8192
#define REPORT_FILE_MAX (1024 * 1024)

struct rmem {
	struct rmem *next;
	size_t used, cap;
	int failed;
	char data[];
};

char *rmem_strndup(struct report *r, const char *s, size_t n)
{
	struct rmem *b = r->mem, *nb;
	size_t cap;
	char *p;

	if (!b || b->cap - b->used < n + 1) {
		cap = n + 1 > RMEM_BLOCK ? n + 1 : RMEM_BLOCK;
		nb = malloc(sizeof *nb + cap);
		if (!nb) {
			if (b)
				b->failed = 1;
			return NULL;
		}
		nb->next = b;
		nb->used = 0;
		nb->cap = cap;
		nb->failed = b ? b->failed : 0;
		r->mem = b = nb;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

int rmem_failed(const struct report *r)
{
	const struct rmem *b = r->mem;

	return b ? b->failed : 0;
}

void report_init(struct report *r)
{
	memset(r, 0, sizeof *r);
	r->order = 1000;
}

void report_release(struct report *r)
{
	struct rmem *b = r->mem, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	report_init(r);
}

/* read_text: the whole file into a malloc'ed NUL-terminated buffer. */
static int read_text(const char *path, char **out, struct nserr *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;
	int rc = 0;

	*out = NULL;
	if (!f)
		return nserr_set(err, NS_ENOINPUT, "cannot open report '%s': "
				 "%s", path, strerror(errno));
	buf = malloc(REPORT_FILE_MAX + 1);
	if (!buf) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	n = fread(buf, 1, REPORT_FILE_MAX + 1, f);
	if (ferror(f))
		rc = nserr_set(err, NS_EIO, "cannot read report '%s': %s",
			       path, strerror(errno));
	else if (n > REPORT_FILE_MAX)
		rc = nserr_set(err, NS_ECONFIG, "report '%s' is larger than "
			       "%d bytes", path, REPORT_FILE_MAX);
	else if (memchr(buf, '\0', n))
		rc = nserr_set(err, NS_ECONFIG, "report '%s' is not a text "
			       "file", path);
out:
	fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

int report_load(struct report *r, const char *path, struct nserr *err)
{
	char *text;
	int rc = read_text(path, &text, err);

	if (rc)
		return rc;
	rc = report_parse(r, path, text, err);
	free(text);
	return rc;
}

static int cmp_report(const void *a, const void *b)
{
	const struct report *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int is_sql_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && name[0] != '.' && strcmp(name + n - 4, ".sql") == 0;
}

/* add_file: load dir/name into (*list)[*n]; a bad file sets the first
 * error (status kept in *bad) and is skipped. */
static int add_file(const char *dir, const char *name, struct report **list,
		    size_t *n, size_t *cap, int *bad, struct nserr *err)
{
	char path[4096];
	struct nserr e;
	struct report *nl;
	size_t i;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		nl = realloc(*list, *cap * sizeof *nl);
		if (!nl)
			return nserr_set(err, NS_ENOMEM, "out of memory");
		*list = nl;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	nserr_init(&e);
	report_init(&(*list)[*n]);
	if (report_load(&(*list)[*n], path, &e) == 0) {
		for (i = 0; i < *n; i++)
			if (strcmp((*list)[i].id, (*list)[*n].id) == 0)
				break;
		if (i == *n) {
			(*n)++;
			return 0;
		}
		nserr_set(&e, NS_ECONFIG, "'%s' and '%s' both have id '%s'",
			  (*list)[i].path, path, (*list)[*n].id);
		report_release(&(*list)[*n]);
	}
	if (e.code == NS_ENOMEM)
		return nserr_set(err, NS_ENOMEM, "%s", e.msg);
	if (!*bad) {
		*bad = NS_ECONFIG;
		nserr_set(err, NS_ECONFIG, "%s", e.msg);
	}
	return 0;
}

int report_list(const char *dir, struct report **list, size_t *n,
		struct nserr *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;
	int rc = 0, bad = 0;

	*list = NULL;
	*n = 0;
	if (!d)
		return nserr_set(err, NS_ENOINPUT, "cannot open report "
				 "directory '%s': %s", dir, strerror(errno));
	while (!rc && (de = readdir(d)) != NULL)
		if (is_sql_name(de->d_name))
			rc = add_file(dir, de->d_name, list, n, &cap, &bad,
				      err);
	closedir(d);
	if (rc) {
		report_list_free(*list, *n);
		*list = NULL;
		*n = 0;
		return rc;
	}
	if (*n)
		qsort(*list, *n, sizeof **list, cmp_report);
	return bad;
}

void report_list_free(struct report *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		report_release(&list[i]);
	free(list);
}

/* unknown: NS_EUSAGE naming the valid ids of dir. */
static int unknown(const char *dir, const char *id, struct nserr *err)
{
	struct report *list;
	struct nserr e;
	char ids[700] = "";
	size_t n, i, len = 0;

	nserr_init(&e);
	if (report_list(dir, &list, &n, &e) == NS_ENOMEM)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < n && len < sizeof ids; i++)
		len += (size_t)snprintf(ids + len, sizeof ids - len, "%s%s",
					i ? ", " : "", list[i].id);
	report_list_free(list, n);
	return nserr_set(err, NS_EUSAGE, "unknown report '%s' (valid: %s)",
			 id, n ? ids : "none installed");
}

int report_find(const char *dir, const char *id, struct report *r,
		struct nserr *err)
{
	char path[4096];
	size_t i, n = strlen(id);
	FILE *f;

	for (i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		      (id[i] >= '0' && id[i] <= '9') || id[i] == '_'))
			break;
	if (n == 0 || i < n || n > REPORT_ID_MAX)
		return unknown(dir, id, err);
	snprintf(path, sizeof path, "%s/%s.sql", dir, id);
	f = fopen(path, "rb");
	if (!f)
		return unknown(dir, id, err);
	fclose(f);
	if (report_load(r, path, err) != 0)
		return err->code;
	if (strcmp(r->id, id) != 0) {
		nserr_set(err, NS_ECONFIG, "%s: its id is '%s': an installed "
			  "report must be named ID.sql", path, r->id);
		report_release(r);
		return NS_ECONFIG;
	}
	return 0;
}

void report_opts_init(struct report_opts *o)
{
	memset(o, 0, sizeof *o);
	period_init(&o->period);
	o->fy_start = PERIOD_FY_START_DEFAULT;
	o->min_cell = 5;
}

/* check_one: value is an id of table; else NS_EUSAGE listing them. */
static int check_one(sqlite3 *db, const char *what, const char *value,
		     const char *exists_sql, const char *list_sql,
		     struct nserr *err)
{
	sqlite3_stmt *st = NULL;
	char valid[800] = "";
	int rc, found;

	if ((rc = db_prepare(db, exists_sql, &st, err)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "cannot check the filters");
	if (found)
		return 0;
	if ((rc = db_prepare(db, list_sql, &st, err)) != 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(valid, sizeof valid, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return nserr_set(err, NS_EUSAGE, "unknown %s '%s' (valid: %s)", what,
			 value, valid[0] ? valid : "none loaded");
}

/* region_hint: append "did you mean 'AB' (Alberta)?" to err when a
 * region's id or name matches value but for the case. */
static void region_hint(sqlite3 *db, const char *value, struct nserr *err)
{
	sqlite3_stmt *st = NULL;
	size_t n = strlen(err->msg);

	if (sqlite3_prepare_v2(db, "SELECT id, name_en FROM regions WHERE "
			       "lower(id) = lower(?1) OR lower(name_en) = "
			       "lower(?1) OR lower(name_fr) = lower(?1) "
			       "ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && n < sizeof err->msg)
		snprintf(err->msg + n, sizeof err->msg - n, "; did you mean "
			 "'%s' (%s)?", (const char *)sqlite3_column_text(st, 0),
			 (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
}

int report_check_filters(sqlite3 *db, const struct report_opts *o,
			 struct nserr *err)
{
	int rc = 0;

	if (o->region)
		rc = check_one(db, "region", o->region,
			       "SELECT 1 FROM regions WHERE id = ?1",
			       /* every id, coarsest level first, when they fit
				* in a message; else the levels, their counts
				* and where to see the ids */
			       "WITH l AS (SELECT g.level, count(*) AS n, "
			       "min(ra.depth) AS d FROM regions g JOIN "
			       "(SELECT region_id, max(depth) AS depth FROM "
			       "region_ancestors GROUP BY region_id) ra ON "
			       "ra.region_id = g.id GROUP BY g.level), a AS ("
			       "SELECT group_concat(id, ', ') AS ids FROM ("
			       "SELECT g.id FROM regions g JOIN l ON l.level = "
			       "g.level ORDER BY l.d, g.level, g.id)) "
			       "SELECT CASE WHEN length(ids) <= 700 THEN ids "
			       "ELSE (SELECT sum(n) FROM l) || ' regions, ' || "
			       "(SELECT group_concat(level || ' ' || n, ', ') "
			       "FROM (SELECT * FROM l ORDER BY d, level)) || "
			       "': see needstat-regions list --level LEVEL' "
			       "END FROM a", err);
	if (rc == NS_EUSAGE)
		region_hint(db, o->region, err);
	if (!rc && o->category)
		rc = check_one(db, "category", o->category,
			       "SELECT 1 FROM categories WHERE id = ?1",
			       "SELECT group_concat(id, ', ') FROM (SELECT id "
			       "FROM categories ORDER BY sort, id)", err);
	return rc;
}
