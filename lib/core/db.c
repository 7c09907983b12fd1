/*
 * db: connection set-up, migrations and error mapping for SQLite.
 */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "datadir.h"
#include "outfile.h"

#define MAX_MIGRATIONS 256

/* The number a migration file name starts with ("001_core.sql" -> 1). */
static int migration_number(const char *name)
{
	int v = 0;

	while (*name >= '0' && *name <= '9' && v < 100000)
		v = v * 10 + (*name++ - '0');
	return v;
}

const char *db_path_default(void)
{
	const char *env = getenv("NEEDSTAT_DB");
	return env && *env ? env : "needstat.db";
}

int db_fail(sqlite3 *db, struct nserr *err, const char *context)
{
	int rc = db ? sqlite3_errcode(db) : SQLITE_ERROR;
	int code;

	switch (rc & 0xff) {
	case SQLITE_BUSY: case SQLITE_LOCKED: code = NS_EBUSY; break;
	case SQLITE_FULL: case SQLITE_IOERR: code = NS_EIO; break;
	case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_PERM:
		code = NS_ECANTCREAT; break;
	case SQLITE_NOTADB: case SQLITE_CORRUPT: code = NS_EDATA; break;
	case SQLITE_NOMEM: code = NS_ENOMEM; break;
	default: code = NS_EINTERNAL;
	}
	if (code == NS_EBUSY)
		return nserr_set(err, code, "%s: database is locked by another "
			"process (waited %s ms); try again later", context,
			getenv("NEEDSTAT_BUSY_MS") ? getenv("NEEDSTAT_BUSY_MS")
						   : "10000");
	if (code == NS_EIO && sqlite3_system_errno(db))   /* EFBIG, ENOSPC */
		return nserr_set(err, code, "%s: %s (%s)", context,
				 sqlite3_errmsg(db),
				 strerror(sqlite3_system_errno(db)));
	return nserr_set(err, code, "%s: %s", context,
			 db ? sqlite3_errmsg(db) : "cannot allocate");
}

int db_exec(sqlite3 *db, const char *sql, struct nserr *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc;
		sqlite3_free(msg);
		rc = db_fail(db, err, "database");
		return rc;
	}
	return 0;
}

int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt,
	       struct nserr *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, stmt, NULL) != SQLITE_OK) {
		char ctx[160];
		snprintf(ctx, sizeof ctx, "cannot prepare '%.100s'", sql);
		return db_fail(db, err, ctx);
	}
	return 0;
}

int db_int(sqlite3 *db, const char *sql, long long def, long long *value,
	   struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, sql, &st, err);

	if (rc)
		return rc;
	*value = def;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*value = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(db, err, "query");
	}
	sqlite3_finalize(st);
	return rc;
}

int db_row(sqlite3 *db, sqlite3_stmt *st, const char *context,
	   struct nserr *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, err, context);
}

int db_begin(sqlite3 *db, struct nserr *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

int db_commit(sqlite3 *db, struct nserr *err)
{
	return db_exec(db, "COMMIT", err);
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

void db_now_utc(char *buf, unsigned size)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int busy_ms(void)
{
	const char *env = getenv("NEEDSTAT_BUSY_MS");
	char *end;
	long v;

	if (!env || !*env)
		return 10000;
	v = strtol(env, &end, 10);
	if (*end || v < 0 || v > 3600000)
		return 10000;
	return (int)v;
}

/* Names of sql/NNN_*.sql, sorted; returns count or -1. */
static int list_migrations(const char *dir, char names[][128], int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL && n < max) {
		size_t len = strlen(e->d_name);
		if (len < 8 || len >= 128 || e->d_name[0] < '0' ||
		    e->d_name[0] > '9' || strcmp(e->d_name + len - 4, ".sql"))
			continue;
		memcpy(names[n++], e->d_name, len + 1);
	}
	closedir(d);
	qsort(names, (size_t)n, 128, (int (*)(const void *, const void *))strcmp);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)n + 1))) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int current_version(sqlite3 *db, long long *v, struct nserr *err)
{
	int rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_version ("
		"version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
		"applied_at TEXT NOT NULL) STRICT", err);
	if (rc)
		return rc;
	return db_int(db, "SELECT max(version) FROM schema_version", 0, v, err);
}

static int apply_one(sqlite3 *db, const char *dir, const char *name,
		     struct nserr *err)
{
	char path[4096], now[32], *sql, *ins;
	int rc;

	if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
		return nserr_set(err, NS_ECONFIG, "path too long: '%s/%s'", dir,
				 name);
	sql = slurp(path);
	if (!sql)
		return nserr_set(err, NS_ECONFIG, "cannot read '%s': %s", path,
				 strerror(errno));
	db_now_utc(now, sizeof now);
	ins = sqlite3_mprintf("INSERT INTO schema_version VALUES (%d, %Q, %Q)",
			      migration_number(name), name, now);
	rc = db_begin(db, err);
	if (!rc && (rc = db_exec(db, sql, err)) != 0)
		nserr_prefix(err, "migration '%s'", name);
	if (!rc)
		rc = db_exec(db, ins, err);
	if (!rc)
		rc = db_commit(db, err);
	if (rc)
		db_rollback(db);
	sqlite3_free(ins);
	free(sql);
	return rc;
}

int db_migrate(sqlite3 *db, const char *datadir, int *applied,
	       struct nserr *err)
{
	static char names[MAX_MIGRATIONS][128];
	char dir[4096];
	long long have;
	int n, i, rc, count = 0;

	snprintf(dir, sizeof dir, "%s/sql", datadir);
	n = list_migrations(dir, names, MAX_MIGRATIONS);
	if (n < 0)
		return nserr_set(err, NS_ECONFIG, "cannot read '%s': %s "
			"(set NEEDSTAT_DATADIR?)", dir, strerror(errno));
	if ((rc = current_version(db, &have, err)) != 0)
		return rc;
	if (n > 0 && have > migration_number(names[n - 1]))
		return nserr_set(err, NS_ECONFIG, "database '%s' was made by "
			"a newer needstat (schema %lld, this one knows %d): use "
			"that version", sqlite3_db_filename(db, "main"), have,
			migration_number(names[n - 1]));
	for (i = 0; i < n; i++) {
		if (migration_number(names[i]) <= have)
			continue;
		if ((rc = apply_one(db, dir, names[i], err)) != 0)
			return rc;
		count++;
	}
	if (applied)
		*applied = count;
	return 0;
}

static int latest_version(const char *datadir)
{
	static char names[MAX_MIGRATIONS][128];
	char dir[4096];
	int n;

	snprintf(dir, sizeof dir, "%s/sql", datadir);
	n = list_migrations(dir, names, MAX_MIGRATIONS);
	return n > 0 ? migration_number(names[n - 1]) : 0;
}

/*
 * open_error: the message and status for an SQLite result rc met while
 * opening or first reading the database at path: each cause its own
 * (busy 75, read-only file or folder 73, full disk or I/O 74, not a
 * database 65), else 0 (the caller decides).
 */
static int open_error(sqlite3 *db, int rc, const char *path, int ro,
		      struct nserr *err)
{
	if (ro && ((rc & 0xff) == SQLITE_READONLY ||
		   (rc & 0xff) == SQLITE_CANTOPEN))
		return nserr_set(err, NS_ECANTCREAT, "cannot read database "
			"'%s': %s (a database in WAL mode needs '%s-shm' "
			"beside it: is the folder writable?)", path,
			sqlite3_errmsg(db), path);
	switch (rc & 0xff) {
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return nserr_set(err, NS_EBUSY, "database '%s' is busy: "
			"another process (a load?) holds a lock on it; waited "
			"%d ms (NEEDSTAT_BUSY_MS); try again later", path,
			busy_ms());
	case SQLITE_READONLY:
		return nserr_set(err, NS_ECANTCREAT, "database '%s' is "
			"read-only here: %s; this tool writes to it, so check "
			"the permissions of the file and its folder", path,
			sqlite3_errmsg(db));
	case SQLITE_CANTOPEN: case SQLITE_PERM:
		return nserr_set(err, NS_ECANTCREAT, "cannot open database "
			"'%s': %s (SQLite creates '%s-wal' and '%s-shm' beside "
			"it: is the folder writable?)", path,
			sqlite3_errmsg(db), path, path);
	case SQLITE_FULL: case SQLITE_IOERR:
		return nserr_set(err, NS_EIO, "cannot read database '%s': %s "
			"(is the disk full?)", path, sqlite3_errmsg(db));
	case SQLITE_NOTADB: case SQLITE_CORRUPT:
		return nserr_set(err, NS_EDATA, "'%s' exists and is not an "
			"SQLite database: give another --db path", path);
	case SQLITE_NOMEM:
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	return 0;
}

/*
 * check_schema: the schema version of an existing database against the
 * installed migrations: older or newer (made by another needstat) is
 * NS_ECONFIG; a database without needstat's tables NS_ECONFIG "not a
 * needstat database"; a lock or a read error their own status.
 */
static int check_schema(sqlite3 *db, const char *path, const char *datadir,
			int ro, struct nserr *err)
{
	sqlite3_stmt *st = NULL;
	long long have = 0;
	int latest = latest_version(datadir), rc;

	rc = sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version",
				-1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		have = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return open_error(db, rc, path, ro, err) ? err->code :
		       nserr_set(err, NS_ECONFIG, "'%s' is not a needstat "
				 "database (run 'needstat-init --db %s')",
				 path, path);
	if (have < latest)
		return nserr_set(err, NS_ECONFIG, "database '%s' has schema "
			"version %lld, older than this needstat: run "
			"'needstat-init --db %s' to migrate it", path, have,
			path);
	if (have > latest)
		return nserr_set(err, NS_ECONFIG, "database '%s' was made by "
			"a newer needstat (schema %lld, this one knows %d): use "
			"that version", path, have, latest);
	return 0;
}

/*
 * restore_wal: the database is promised in WAL mode (readers never wait
 * for a writer); a load killed while it used a rollback journal leaves it
 * in DELETE mode: put WAL back.  Best effort: when another connection is
 * open the mode cannot change now, and a later open will.
 */
static void restore_wal(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int wal = 1;

	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		wal = sqlite3_strnicmp((const char *)sqlite3_column_text(st, 0)
				       ? (const char *)sqlite3_column_text(st,
				       0) : "wal", "wal", 4) == 0;
	sqlite3_finalize(st);
	if (!wal)
		sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
}

/*
 * deny_writes: the authorizer of read-only connections (report files):
 * reads, selects, functions and transactions pass; a write of any kind,
 * ATTACH/DETACH, PRAGMA and the functions that reach outside the database
 * (fts3_tokenizer, load_extension) are refused at prepare time.
 */
static int deny_writes(void *ctx, int action, const char *a, const char *b,
		       const char *dbname, const char *trigger)
{
	(void)ctx; (void)a; (void)dbname; (void)trigger;
	switch (action) {
	case SQLITE_SELECT: case SQLITE_READ: case SQLITE_TRANSACTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:  /* b is the function's name */
		return b && (sqlite3_stricmp(b, "fts3_tokenizer") == 0 ||
			     sqlite3_stricmp(b, "load_extension") == 0)
		       ? SQLITE_DENY : SQLITE_OK;
	}
	return SQLITE_DENY;
}

/* The first read of an existing file, and the connection settings. */
static int first_read(sqlite3 *db, const char *path, int fresh, int ro,
		      struct nserr *err)
{
	int rc;

	if (fresh && (rc = db_exec(db, "PRAGMA page_size=16384;"
				  "PRAGMA journal_mode=WAL", err)) != 0)
		return rc;
	if ((rc = db_exec(db, "PRAGMA foreign_keys=ON", err)) != 0)
		return rc;
	if (fresh)
		return 0;
	rc = sqlite3_exec(db, "PRAGMA schema_version", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return open_error(db, rc, path, ro, err) ? err->code :
		       db_fail(db, err, "cannot read the database");
	if (!ro && sqlite3_db_readonly(db, "main") == 1)
		return nserr_set(err, NS_ECANTCREAT, "database '%s' is "
			"read-only (the file is not writable here) and this "
			"tool writes to it: check its permissions", path);
	if (!ro)
		restore_wal(db);
	return 0;
}

int db_open(const char *path, int flags, const char *datadir, sqlite3 **out,
	    struct nserr *err)
{
	struct stat st;
	sqlite3 *db = NULL;
	int create = flags & DB_OPEN_CREATE, ro = flags & DB_OPEN_READONLY;
	int oflags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		     SQLITE_OPEN_NOMUTEX, rc, fresh;

	*out = NULL;
	/* No output of this process may be written over the database. */
	if ((rc = outfile_protect_db(path, err)) != 0)
		return rc;
	fresh = stat(path, &st) != 0;
	if (fresh && !create)
		return nserr_set(err, NS_ENOINPUT, "database '%s' does not "
			"exist: run 'needstat-init --db %s' first", path, path);
	if (create && !ro)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
		char ctx[512];
		snprintf(ctx, sizeof ctx, "cannot open database '%s'", path);
		rc = db_fail(db, err, ctx);
		if (rc == NS_EINTERNAL)
			rc = create ? NS_ECANTCREAT : NS_ENOINPUT;
		err->code = rc;
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, busy_ms());
	sqlite3_extended_result_codes(db, 0);
	if ((rc = first_read(db, path, fresh, ro, err)) != 0)
		goto fail;
	if (!create && datadir &&
	    (rc = check_schema(db, path, datadir, ro, err)) != 0)
		goto fail;
	if (ro && ((rc = db_exec(db, "PRAGMA query_only=ON", err)) != 0 ||
		   sqlite3_set_authorizer(db, deny_writes, NULL) != SQLITE_OK))
		goto fail;
	*out = db;
	return 0;
fail:
	if (!rc)
		rc = db_fail(db, err, "cannot set up the connection");
	sqlite3_close(db);
	return rc;
}
