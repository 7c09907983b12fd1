/*
 * testutil: temporary files and paths for the CUnit suites.
 */
#define _XOPEN_SOURCE 700
#include "testutil.h"

#include "classify/refdata.h"
#include "core/db.h"
#include "core/nserr.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (tmpdir[0] && !getenv("NS_KEEP_TMP"))
		nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *tu_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/needstat-test-XXXXXX",
			 base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(2);
		}
		atexit(cleanup);
	}
	return tmpdir;
}

static char *rotating(void)
{
	static char slots[8][512];
	static int next;
	return slots[next++ % 8];
}

const char *tu_path(const char *name)
{
	char *p = rotating();
	snprintf(p, 512, "%s/%s", tu_tmpdir(), name);
	return p;
}

const char *tu_source_path(const char *rel)
{
	char *p = rotating();
	snprintf(p, 512, "%s/%s", NEEDSTAT_SOURCE_DIR, rel);
	return p;
}

const char *tu_datadir(void)
{
	return NEEDSTAT_BINARY_DIR "/share/needstat";
}

int tu_write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	if (len == (size_t)-1)
		len = strlen(text);
	if (fwrite(text, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb;
			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

char *tu_dump(sqlite3 *db)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	sqlite3_stmt *t, *s;

	if (!m)
		return NULL;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE "
		"type = 'table' ORDER BY name", -1, &t, NULL) != SQLITE_OK) {
		fclose(m);
		free(buf);
		return NULL;
	}
	while (sqlite3_step(t) == SQLITE_ROW) {
		char sql[300];
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"",
			 (const char *)sqlite3_column_text(t, 0));
		fprintf(m, "== %s\n", sql);
		if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
			continue;
		while (sqlite3_step(s) == SQLITE_ROW) {
			int i;
			for (i = 0; i < sqlite3_column_count(s); i++)
				fprintf(m, "%d:%s|", sqlite3_column_type(s, i),
					sqlite3_column_text(s, i)
					? (const char *)sqlite3_column_text(s, i)
					: "");
			putc('\n', m);
		}
		sqlite3_finalize(s);
	}
	sqlite3_finalize(t);
	fclose(m);
	return buf;
}

/* The fault: statements started (a stack: nested loops), the target. */
static struct {
	sqlite3 *db;
	const char *prefix;
	int n, count, fired, depth;
	sqlite3_stmt *stack[256];
} fault;

static int fault_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx, (void)x;
	if (type == SQLITE_TRACE_STMT && fault.depth < 256)
		fault.stack[fault.depth++] = p;
	return 0;
}

/* Is st a live statement of the connection (without touching it)? */
static int fault_live(sqlite3_stmt *st)
{
	sqlite3_stmt *p = NULL;

	while ((p = sqlite3_next_stmt(fault.db, p)) != NULL)
		if (p == st)
			return 1;
	return 0;
}

static int fault_progress(void *ctx)
{
	const char *sql;

	(void)ctx;
	if (fault.fired)
		return 0;
	/* the statement running: the last one started that still runs */
	while (fault.depth > 0 && (!fault_live(fault.stack[fault.depth - 1]) ||
	       !sqlite3_stmt_busy(fault.stack[fault.depth - 1])))
		fault.depth--;
	if (fault.depth == 0)
		return 0;
	sql = sqlite3_sql(fault.stack[fault.depth - 1]);
	if (!sql || strncmp(sql, fault.prefix, strlen(fault.prefix)) != 0 ||
	    ++fault.count < fault.n)
		return 0;
	fault.fired = 1;
	return 1;
}

void tu_fault_arm(sqlite3 *db, const char *prefix, int n)
{
	memset(&fault, 0, sizeof fault);
	fault.db = db;
	fault.prefix = prefix;
	fault.n = n;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, fault_trace, NULL);
	sqlite3_progress_handler(db, 1, fault_progress, NULL);
}

int tu_fault_disarm(sqlite3 *db)
{
	sqlite3_progress_handler(db, 0, NULL, NULL);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	return fault.fired;
}

int tu_db_init(const char *name, const char *extra_sql, sqlite3 **db,
	       struct nserr *err)
{
	struct nserr own;
	sqlite3 *d = NULL;
	int rc;

	if (!err)
		err = &own;
	nserr_init(err);
	remove(tu_path(name));
	rc = db_open(tu_path(name), 1, NULL, &d, err);
	if (!rc)
		rc = db_migrate(d, tu_datadir(), NULL, err);
	if (!rc)
		rc = db_begin(d, err);
	if (!rc)
		rc = refdata_load_bundled(d, tu_datadir(), err);
	if (!rc && extra_sql)
		rc = db_exec(d, extra_sql, err);
	if (!rc)
		rc = db_commit(d, err);
	if (rc) {
		fprintf(stderr, "tu_db_init '%s': %s\n", name, err->msg);
		sqlite3_close(d);
		d = NULL;
	}
	*db = d;
	return rc;
}
