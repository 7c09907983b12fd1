/*
 * testutil: small helpers shared by the CUnit suites.
 */
#ifndef NEEDSTAT_TESTUTIL_H
#define NEEDSTAT_TESTUTIL_H

#include <sqlite3.h>
#include <stddef.h>

/* tu_tmpdir: a fresh temporary directory for this process (created once,
 * removed at exit).  Returns its path (static storage). */
const char *tu_tmpdir(void);

/* tu_path: "<tmpdir>/<name>" in a static rotating buffer (8 slots). */
const char *tu_path(const char *name);

/* tu_write_file: write len bytes (or strlen(text) when len is (size_t)-1)
 * to path; returns 0 or -1. */
int tu_write_file(const char *path, const char *text, size_t len);

/* tu_read_file: whole file into a malloc'ed NUL-terminated buffer (caller
 * frees), NULL on error; *len gets its length when len is not NULL. */
char *tu_read_file(const char *path, size_t *len);

/* tu_source_path: "<source dir>/<rel>" in a static rotating buffer. */
const char *tu_source_path(const char *rel);

/* tu_datadir: the build tree's share/needstat directory. */
const char *tu_datadir(void);

/* tu_dump: every row of every table of db as text, tables by name (caller
 * frees; NULL on error). */
char *tu_dump(sqlite3 *db);

/*
 * tu_db_init: a fresh database as needstat-init makes it: removes
 * tu_path(name) if it exists, opens it (created), applies the migrations
 * and loads the bundled reference data, then runs extra_sql (NULL: none)
 * in the same transaction.  Returns 0 with *db open (the caller closes
 * it), or the status with *db NULL and err (may be NULL) filled; the
 * message also goes to stderr, naming the database.
 */
struct nserr;
int tu_db_init(const char *name, const char *extra_sql, sqlite3 **db,
	       struct nserr *err);

/*
 * A real SQLite fault, without hooks in the library: tu_fault_arm makes
 * the n-th step of SQLite's virtual machine (n >= 1) spent inside a
 * statement whose SQL starts with prefix fail once with SQLITE_INTERRUPT
 * (a progress handler; the statement running is tracked with a trace
 * callback).  tu_fault_disarm removes both and returns 1 when the fault
 * happened, 0 when the statement never reached its n-th step.
 */
void tu_fault_arm(sqlite3 *db, const char *prefix, int n);
int tu_fault_disarm(sqlite3 *db);

#endif
