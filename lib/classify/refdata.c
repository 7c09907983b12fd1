/*
 * refdata: validated loading of small reference CSV files, and listings.
 *
 * A loader reads the file through csvin, checks each row (taxonomy
 * prefixes, postal keys, numbers), inserts it with one prepared statement
 * and turns a constraint failure into "FILE:LINE: ..." (an unknown
 * category or region, a duplicate).  All of it runs in a savepoint, so a
 * bad file leaves no trace even inside a caller's transaction.
 */
#include "refdata.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvin.h"
#include "core/db.h"
#include "postal.h"
#include "refdata_xwalk.h"
#include "core/strmap.h"
#include "taxcode.h"

#define REF_MAXCOLS 5

struct spec {
	const char *what;                  /* for messages */
	const char *cols[REF_MAXCOLS];     /* canonical names, NULL-ended */
	int required;                      /* the first N are required */
	const char *alias0;                /* another name for column 0 */
	int fkcol;                         /* column a FK failure is about */
	const char *fkwhat;                /* what it refers to */
	const char *sql;                   /* insert, ?1.. = columns */
};

static const struct spec specs[] = {
	[REF_CATEGORIES] = {"categories", {"id", "name_en", "name_fr", "sort"},
		1, NULL, 0, "category", "INSERT INTO categories VALUES (?1, "
		"coalesce(?2, ?1), coalesce(?3, ?2, ?1), coalesce(?4, 1000)) ON "
		"CONFLICT(id) DO UPDATE SET name_en = coalesce(?2, name_en), "
		"name_fr = coalesce(?3, name_fr), sort = coalesce(?4, sort)"},
	[REF_MAP] = {"category map", {"prefix", "category"}, 2, "code_prefix",
		1, "category (give the map's categories file too)",
		"INSERT INTO category_map VALUES (?3, ?1, ?2)"},
	[REF_REGIONS] = {"regions", {"id", "level", "parent_id", "name_en",
		"name_fr"}, 2, NULL, 2, "region", "INSERT INTO regions VALUES "
		"(?1, ?2, ?3, coalesce(?4, ?1), coalesce(?5, ?4, ?1)) ON "
		"CONFLICT(id) DO UPDATE SET level=excluded.level, parent_id="
		"excluded.parent_id, name_en=excluded.name_en, "
		"name_fr=excluded.name_fr"},
	/* rows go to temp.ns_xwalk; refdata_xwalk.c decides each key */
	[REF_CROSSWALK] = {"crosswalk", {"key", "region_id", "weight"}, 2,
		"fsa", 1, "region (load it with the regions file first)",
		"INSERT INTO temp.ns_xwalk VALUES (?1, ?2, ?3, ?4)"},
	[REF_POPULATIONS] = {"populations", {"region_id", "year", "population",
		"source"}, 3, NULL, 0, "region", "INSERT OR REPLACE INTO "
		"populations VALUES (?1, ?2, ?3, ?4)"},
	[REF_TERMS] = {"terms", {"code", "name_en", "name_fr"}, 2, NULL, 0,
		"term", "INSERT OR REPLACE INTO terms VALUES (?1, ?2, ?3)"},
};

struct loader {
	sqlite3 *db;
	enum refdata_kind kind;
	const struct spec *spec;
	const char *path;
	const char *weight_col;    /* REF_CROSSWALK: name of column 2 */
	sqlite3_stmt *ins;
	int colidx[REF_MAXCOLS];   /* file column of each spec column, -1 */
	int have_header;
	long rows, version;
	long keys, split;          /* REF_CROSSWALK: see refdata_result */
	struct strmap lines;       /* REF_REGIONS: id -> line */
	struct sha256_ctx sha;
	struct nserr *err;
};

static int bad(struct loader *l, unsigned long long line, const char *fmt,
	       ...) __attribute__((format(printf, 3, 4)));

/* NS_EDATA with "FILE:LINE: " and the formatted message. */
static int bad(struct loader *l, unsigned long long line, const char *fmt,
	       ...)
{
	char msg[NSERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return nserr_set(l->err, NS_EDATA, "%s:%llu: %s", l->path, line, msg);
}

static int read_header(struct loader *l, const struct csvin_record *r)
{
	size_t i;
	int c;

	for (c = 0; c < REF_MAXCOLS; c++)
		l->colidx[c] = -1;
	for (i = 0; i < r->nfields; i++) {
		const char *f = r->field[i];
		for (c = 0; c < REF_MAXCOLS && l->spec->cols[c]; c++) {
			const char *name = l->kind == REF_CROSSWALK && c == 2 &&
				l->weight_col ? l->weight_col : l->spec->cols[c];
			if (strcmp(f, name) == 0 ||
			    (c == 0 && l->spec->alias0 &&
			     strcmp(f, l->spec->alias0) == 0))
				l->colidx[c] = (int)i;
		}
	}
	for (c = 0; c < l->spec->required; c++) {
		if (l->colidx[c] < 0)
			return bad(l, r->line, "missing required column '%s' "
				   "in this %s file", l->spec->cols[c],
				   l->spec->what);
	}
	if (l->kind == REF_CROSSWALK && l->weight_col && l->colidx[2] < 0)
		return bad(l, r->line, "no weight column '%s' in this "
			   "crosswalk file (the header is this line)",
			   l->weight_col);
	l->have_header = 1;
	return 0;
}

static const char *col(const struct loader *l, const struct csvin_record *r,
		       int c)
{
	int i = l->colidx[c];
	if (i < 0 || (size_t)i >= r->nfields || r->len[i] == 0)
		return NULL;
	return r->field[i];
}

static int check_int(struct loader *l, const struct csvin_record *r, int c,
		     long lo, long hi)
{
	const char *s = col(l, r, c);
	char *end;
	long v;

	if (!s)
		return bad(l, r->line, "column '%s' is empty%s",
			   l->spec->cols[c], "");
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return bad(l, r->line, "column '%s': '%s' is not a valid "
			   "number here", l->spec->cols[c], s);
	return 0;
}

/* A crosswalk weight: a number >= 0 (a share, a count of addresses). */
static int check_weight(struct loader *l, const struct csvin_record *r)
{
	const char *s = col(l, r, 2);
	const char *name = l->weight_col ? l->weight_col : "weight";
	char *end;
	double v;

	if (!s)
		return bad(l, r->line, "column '%s' is empty: every row of a "
			   "crosswalk with weights needs one", name);
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno || end == s || !(v >= 0 && v <= 1e15))
		return bad(l, r->line, "column '%s': '%s' is not a weight (a "
			   "number from 0 up, such as 0.25)", name, s);
	return 0;
}

/* taxcode's reason, or what is expected when the reason says nothing. */
static const char *code_why(const char *why)
{
	return strcmp(why, "is not a taxonomy code") == 0 ? "expected a code "
		"such as B, BD, BD-1800 or BD-1800.2000" : why;
}

/* A map prefix for codes kept raw (not taxonomy codes): a local extension
 * ("X_RX-8450") or a numeric code of another scheme ("47"), no blanks. */
static int local_prefix(const char *a)
{
	size_t i, n = strlen(a);

	if (!((n > 2 && a[0] == 'X' && a[1] == '_') ||
	      (n > 0 && a[0] >= '0' && a[0] <= '9')) || n >= TAXCODE_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (a[i] == ' ' || a[i] == '\t')
			return 0;
	return 1;
}

static int check_row(struct loader *l, const struct csvin_record *r)
{
	const char *a = col(l, r, 0), *why = NULL;
	struct postal pc;
	int c;

	for (c = 0; c < l->spec->required; c++)
		if (!col(l, r, c))
			return bad(l, r->line, "column '%s' is empty%s",
				   l->spec->cols[c], "");
	switch (l->kind) {
	case REF_MAP:
		if (taxcode_check_prefix(a, strlen(a), &why) != 0 &&
		    !local_prefix(a))
			return bad(l, r->line, "'%s' is not a taxonomy prefix"
				   " (%s)", a, code_why(why));
		break;
	case REF_TERMS:
		if (taxcode_check_prefix(a, strlen(a), &why) != 0)
			return bad(l, r->line, "'%s' is not a taxonomy code"
				   " (%s)", a, code_why(why));
		break;
	case REF_CROSSWALK:
		if (postal_parse(a, strlen(a), &pc, &why) != 0 ||
		    pc.kind == POSTAL_BLANK || strcmp(pc.key, a) != 0)
			return bad(l, r->line, "'%s' is not an FSA (K1A) or a "
				   "5-digit ZIP", a);
		if (l->colidx[2] >= 0)
			return check_weight(l, r);
		break;
	case REF_POPULATIONS:
		if (check_int(l, r, 1, 1800, 2200) ||
		    check_int(l, r, 2, 1, 2000000000L))
			return l->err->code;
		break;
	case REF_CATEGORIES:
		if (col(l, r, 3) && check_int(l, r, 3, -1000000, 1000000))
			return l->err->code;
		break;
	case REF_REGIONS:
		if (col(l, r, 2) && strcmp(col(l, r, 2), a) == 0)
			return bad(l, r->line, "region '%s' is its own "
				   "parent%s", a, "");
		if (strmap_put(&l->lines, a, strlen(a), (int64_t)r->line,
			       NULL, NULL) == 0)
			return bad(l, r->line, "'%s' appears twice%s", a, "");
		break;
	}
	return 0;
}

static int insert_failed(struct loader *l, const struct csvin_record *r)
{
	const char *m = sqlite3_errmsg(l->db);
	const char *v = col(l, r, l->spec->fkcol);

	if (strstr(m, "FOREIGN KEY"))
		return bad(l, r->line, "'%s' is not a known %s", v ? v : "",
			   l->spec->fkwhat);
	if (strstr(m, "UNIQUE"))
		return bad(l, r->line, "'%s' appears twice%s", col(l, r, 0),
			   "");
	return db_fail(l->db, l->err, l->path);
}

static int on_record(const struct csvin_record *r, void *ctx)
{
	struct loader *l = ctx;
	int c, rc;

	if (csvin_is_blank_record(r) || (r->len[0] && r->field[0][0] == '#'))
		return 0;
	if (!l->have_header)
		return read_header(l, r);
	if ((rc = check_row(l, r)) != 0)
		return rc;
	sqlite3_reset(l->ins);
	sqlite3_clear_bindings(l->ins);
	for (c = 0; c < REF_MAXCOLS && l->spec->cols[c]; c++) {
		const char *v = col(l, r, c);
		if (v)
			sqlite3_bind_text(l->ins, c + 1, v, -1, SQLITE_STATIC);
	}
	if (l->kind == REF_MAP)
		sqlite3_bind_int64(l->ins, 3, l->version);
	if (l->kind == REF_CROSSWALK)
		sqlite3_bind_int64(l->ins, 4, (sqlite3_int64)r->line);
	if (sqlite3_step(l->ins) != SQLITE_DONE)
		return insert_failed(l, r);
	l->rows++;
	return 0;
}

static void on_bytes(const void *data, size_t len, void *ctx)
{
	struct loader *l = ctx;
	sha256_update(&l->sha, len, data);
}

static int new_map_version(struct loader *l)
{
	sqlite3_stmt *st;
	char now[32];
	const char *base = strrchr(l->path, '/');
	int rc;

	if ((rc = db_prepare(l->db, "INSERT INTO map_versions(name, loaded_at)"
			     " VALUES (?1, ?2)", &st, l->err)) != 0)
		return rc;
	db_now_utc(now, sizeof now);
	sqlite3_bind_text(st, 1, base ? base + 1 : l->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(l->db, l->err,
							   "map version");
	sqlite3_finalize(st);
	l->version = (long)sqlite3_last_insert_rowid(l->db);
	return rc;
}

static int set_map_sha(struct loader *l)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	sqlite3_stmt *st;
	size_t i;
	int rc;

	sha256_digest(&l->sha, sizeof d, d);
	for (i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	if ((rc = db_prepare(l->db, "UPDATE map_versions SET sha256 = ?1 WHERE"
			     " version = ?2", &st, l->err)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, l->version);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(l->db, l->err,
							   "map version");
	sqlite3_finalize(st);
	return rc;
}

static int run_loader(struct loader *l)
{
	struct csvin in;
	int fd, rc;

	fd = open(l->path, O_RDONLY);
	if (fd < 0)
		return nserr_set(l->err, NS_ENOINPUT, "cannot open '%s': %s",
				 l->path, strerror(errno));
	if ((rc = csvin_init(&in, fd, l->path, on_record, on_bytes, l)) != 0) {
		close(fd);
		return nserr_set(l->err, rc, "out of memory");
	}
	rc = csvin_run(&in, l->err);
	csvin_release(&in);
	close(fd);
	if (!rc && !l->have_header)
		rc = nserr_set(l->err, NS_EDATA, "%s: empty file: a header row "
			       "is required", l->path);
	if (!rc && l->rows == 0)
		rc = nserr_set(l->err, NS_EDATA, "%s: no rows after the header",
			       l->path);
	return rc;
}

/* After a regions load: every parent_id must name a region. */
static int check_parents(struct loader *l)
{
	sqlite3_stmt *st;
	int rc = db_prepare(l->db, "SELECT r.id, r.parent_id FROM regions r "
		"WHERE r.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
		"regions p WHERE p.id = r.parent_id) ORDER BY r.id", &st,
		l->err);

	if (rc)
		return rc;
	if ((rc = db_row(l->db, st, "checking the parents", l->err)) == 1) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int64_t *line = strmap_get(&l->lines, id, strlen(id));
		rc = bad(l, line ? (unsigned long long)*line : 0, "parent_id "
			 "'%s' of region '%s' is not a known region",
			 (const char *)sqlite3_column_text(st, 1), id);
	}
	sqlite3_finalize(st);
	if (!rc)
		rc = db_exec(l->db, "PRAGMA defer_foreign_keys = OFF", l->err);
	if (!rc)
		rc = refdata_rebuild_ancestors(l->db, l->err);
	return rc;
}

/* The load proper, inside the savepoint. */
static int load_in_savepoint(struct loader *l)
{
	int rc = 0;

	sha256_init(&l->sha);
	if (l->kind == REF_REGIONS)   /* a child may come before its parent */
		rc = db_exec(l->db, "PRAGMA defer_foreign_keys = ON", l->err);
	if (!rc && l->kind == REF_CROSSWALK)
		rc = xwalk_begin(l->db, l->err);
	if (!rc)
		rc = db_prepare(l->db, l->spec->sql, &l->ins, l->err);
	if (!rc && l->kind == REF_MAP)
		rc = new_map_version(l);
	if (!rc)
		rc = run_loader(l);
	sqlite3_finalize(l->ins);
	l->ins = NULL;
	if (!rc && l->kind == REF_MAP)
		rc = set_map_sha(l);
	if (!rc && l->kind == REF_REGIONS)
		rc = check_parents(l);
	if (!rc && l->kind == REF_CROSSWALK)
		rc = xwalk_finish(l->db, l->path, l->colidx[2] >= 0, &l->keys,
				  &l->split, l->err);
	return rc;
}

static int load(sqlite3 *db, enum refdata_kind kind, const char *path,
		const char *weight_col, struct refdata_result *res,
		struct nserr *err)
{
	struct loader l;
	int own = sqlite3_get_autocommit(db), rc;

	memset(&l, 0, sizeof l);
	l.db = db;
	l.kind = kind;
	l.spec = &specs[kind];
	l.path = path;
	l.weight_col = weight_col;
	l.err = err;
	if (strmap_init(&l.lines))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((own && (rc = db_begin(db, err)) != 0) ||
	    (rc = db_exec(db, "SAVEPOINT refdata", err)) != 0) {
		strmap_release(&l.lines);
		if (own)
			db_rollback(db);
		return rc;
	}
	rc = load_in_savepoint(&l);
	strmap_release(&l.lines);
	if (kind == REF_CROSSWALK)
		xwalk_end(db);
	if (rc) {
		sqlite3_exec(db, "ROLLBACK TO refdata; RELEASE refdata; "
			     "PRAGMA defer_foreign_keys = OFF", 0, 0, 0);
		if (own)
			db_rollback(db);
		return rc;
	}
	rc = db_exec(db, "RELEASE refdata", err);
	if (own && !rc)
		rc = db_commit(db, err);
	if (own && rc)
		db_rollback(db);
	if (!rc && res) {
		res->rows = l.rows;
		res->map_version = l.version;
		res->keys = kind == REF_CROSSWALK ? l.keys : l.rows;
		res->split_keys = l.split;
	}
	return rc;
}

int refdata_load(sqlite3 *db, enum refdata_kind kind, const char *path,
		 struct refdata_result *res, struct nserr *err)
{
	return load(db, kind, path, NULL, res, err);
}

int refdata_load_crosswalk(sqlite3 *db, const char *path,
			   const char *weight_col, struct refdata_result *res,
			   struct nserr *err)
{
	return load(db, REF_CROSSWALK, path, weight_col, res, err);
}

int refdata_load_map(sqlite3 *db, const char *map_path, const char *cats_path,
		     struct refdata_result *res, long *ncats,
		     struct nserr *err)
{
	struct refdata_result cr = {0, 0, 0, 0};
	int own = sqlite3_get_autocommit(db), rc;

	if (own && (rc = db_begin(db, err)) != 0)
		return rc;
	rc = cats_path ? refdata_load(db, REF_CATEGORIES, cats_path, &cr, err)
		       : 0;
	if (!rc)
		rc = refdata_load(db, REF_MAP, map_path, res, err);
	if (own && !rc)
		rc = db_commit(db, err);
	if (own && rc)
		db_rollback(db);
	if (!rc && ncats)
		*ncats = cr.rows;
	return rc;
}

int refdata_rebuild_ancestors(sqlite3 *db, struct nserr *err)
{
	long long loops;
	int rc = db_exec(db, "DELETE FROM region_ancestors;"
		"INSERT INTO region_ancestors "
		"WITH RECURSIVE up(region_id, ancestor_id, depth) AS ("
		" SELECT id, id, 0 FROM regions"
		" UNION ALL SELECT up.region_id, r.parent_id, up.depth + 1"
		" FROM up JOIN regions r ON r.id = up.ancestor_id"
		" WHERE r.parent_id IS NOT NULL AND up.depth < 16)"
		" SELECT region_id, ancestor_id, min(depth) FROM up"
		" GROUP BY region_id, ancestor_id", err);
	if (rc)
		return rc;
	rc = db_int(db, "SELECT count(*) FROM region_ancestors WHERE depth>=16",
		    0, &loops, err);
	if (!rc && loops)
		rc = nserr_set(err, NS_EDATA, "regions: a parent_id chain loops "
			       "back on itself");
	return rc;
}

int refdata_load_bundled(sqlite3 *db, const char *datadir, struct nserr *err)
{
	static const struct { enum refdata_kind kind; const char *file; } b[] = {
		{REF_CATEGORIES, "categories.csv"},
		{REF_REGIONS, "regions.csv"},
		{REF_POPULATIONS, "populations.csv"},
	};
	char path[4096];
	long long maps;
	size_t i;
	int rc;

	for (i = 0; i < sizeof b / sizeof b[0]; i++) {
		snprintf(path, sizeof path, "%s/data/%s", datadir, b[i].file);
		if ((rc = refdata_load(db, b[i].kind, path, NULL, err)) != 0)
			return rc;
	}
	if ((rc = db_int(db, "SELECT count(*) FROM map_versions", 0, &maps,
			 err)) != 0)
		return rc;
	if (maps)
		return 0;
	snprintf(path, sizeof path, "%s/data/category_map.csv", datadir);
	return refdata_load(db, REF_MAP, path, NULL, err);
}
