/*
 * db: opening, migrating and talking to the needstat SQLite database.
 *
 * Every connection has foreign keys on, a busy timeout (NEEDSTAT_BUSY_MS,
 * default 10000 ms: then the caller gets NS_EBUSY, exit 75), and 16 KiB
 * pages with WAL journaling for new databases.  Schema migrations are the
 * files sql/NNN_*.sql of the data directory, applied in order, each recorded
 * in schema_version.
 */
#ifndef NEEDSTAT_DB_H
#define NEEDSTAT_DB_H

#include <sqlite3.h>

#include "nserr.h"

/*
 * db_path_default: the database path to use when --db is not given:
 * $NEEDSTAT_DB, else "needstat.db".  Static storage.
 */
const char *db_path_default(void);

/* Flags of db_open. */
enum {
	DB_OPEN_CREATE = 1,   /* a missing file is created (needstat-init) */
	DB_OPEN_READONLY = 2  /* read-only connection for report files */
};

/*
 * db_open: open the database at path.  flags: 0, or DB_OPEN_CREATE to
 * allow creating a new file (needstat-init), or DB_OPEN_READONLY for a
 * connection that cannot write (SQLITE_OPEN_READONLY, query_only, and an
 * authorizer refusing writes, ATTACH, PRAGMA, fts3_tokenizer and
 * load_extension when a statement is prepared): what runs report files.
 * Without DB_OPEN_CREATE a missing file is NS_ENOINPUT with a hint to run
 * needstat-init.  Each cause of failure has its own status and message: a
 * database locked past the busy timeout NS_EBUSY (75, "busy"), a
 * read-only file or folder when the tool writes NS_ECANTCREAT (73), a read
 * error or full disk NS_EIO (74), not an SQLite file NS_EDATA (65), no
 * needstat tables, a schema older than the installed migrations or newer
 * than this needstat NS_ECONFIG (78).  A read-write open of a database
 * found in another journal mode (a killed load) puts WAL back.
 * On success *out owns the connection (close with sqlite3_close); on
 * failure *out is NULL.  datadir is needed only to check the schema
 * version (may be NULL to skip).  The path and its -wal/-shm/-journal are
 * registered with outfile_protect first, so no output of the process can
 * be written over them.
 */
int db_open(const char *path, int flags, const char *datadir, sqlite3 **out,
	    struct nserr *err);

/*
 * db_migrate: apply the migrations of datadir/sql not yet recorded, each in
 * its own transaction.  *applied (may be NULL) gets how many ran.  A
 * database whose schema is newer than every migration of datadir is
 * refused (NS_ECONFIG "made by a newer needstat"): nothing is applied.
 */
int db_migrate(sqlite3 *db, const char *datadir, int *applied,
	       struct nserr *err);

/*
 * db_fail: turn the connection's last error into a status and message,
 * "context: sqlite message".  SQLITE_BUSY/LOCKED -> NS_EBUSY,
 * SQLITE_FULL/IOERR -> NS_EIO, SQLITE_CANTOPEN/READONLY -> NS_ECANTCREAT,
 * anything else NS_EINTERNAL.  Returns the status.
 */
int db_fail(sqlite3 *db, struct nserr *err, const char *context);

/* db_exec: run one or more statements without results. */
int db_exec(sqlite3 *db, const char *sql, struct nserr *err);

/* db_prepare: prepare sql into *stmt (caller finalizes). */
int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt,
	       struct nserr *err);

/*
 * db_int: run a query whose first column of its first row is an integer;
 * *value gets it (def when there is no row or it is NULL).
 */
int db_int(sqlite3 *db, const char *sql, long long def, long long *value,
	   struct nserr *err);

/*
 * db_row: step st once.  Returns 1 when it gave a row, 0 when it is done,
 * or (any other result: an error is never the end of the rows) the
 * negative status of db_fail(db, err, context).
 */
int db_row(sqlite3 *db, sqlite3_stmt *st, const char *context,
	   struct nserr *err);

/* db_begin: BEGIN IMMEDIATE (waits for the busy timeout). */
int db_begin(sqlite3 *db, struct nserr *err);
/* db_commit: COMMIT. */
int db_commit(sqlite3 *db, struct nserr *err);
/* db_rollback: ROLLBACK if a transaction is open; never fails. */
void db_rollback(sqlite3 *db);

/* db_now_utc: current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 21). */
void db_now_utc(char *buf, unsigned size);

#endif
