/*
 * ingest: one run over several files, in one transaction; batches,
 * already-loaded detection, the summary.
 */
#include "ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "classify/classify.h"
#include "core/db.h"
#include "ingest_file.h"

void ingest_opts_init(struct ingest_opts *o)
{
	memset(o, 0, sizeof *o);
	o->source = "default";
	o->profile = "canonical";
	o->max_rejects = -1;
	o->max_messages = 10;
}

void ingest_stats_release(struct ingest_stats *st)
{
	size_t i;

	for (i = 0; i < st->nissues; i++) {
		free((char *)st->issues[i].kind);
		free((char *)st->issues[i].column);
		free((char *)st->issues[i].reason);
	}
	free(st->issues);
	st->issues = NULL;
	st->nissues = 0;
	if (st->rejects_path && st->rejects_path[0])
		free((char *)st->rejects_path);
	st->rejects_path = "";
}

static int source_id(sqlite3 *db, const char *name, long *id,
		     struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "INSERT INTO sources(name) VALUES (?1) "
		"ON CONFLICT(name) DO UPDATE SET name = name RETURNING id",
		&st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, err, "source");
	sqlite3_finalize(st);
	return rc;
}

static int new_batch(sqlite3 *db, long source, const struct ingest_opts *o,
		     const char *name, long map_version, long *id,
		     struct nserr *err)
{
	sqlite3_stmt *st;
	char now[32];
	int rc = db_prepare(db, "INSERT INTO batches(source_id, file_name, "
		"profile, map_version, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
		&st, err);

	if (rc)
		return rc;
	db_now_utc(now, sizeof now);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->profile, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, map_version);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, err, "batch");
	sqlite3_finalize(st);
	*id = (long)sqlite3_last_insert_rowid(db);
	return rc;
}

/* *id: an earlier batch of this source with the same bytes, or 0.
 * Returns 0 or a status. */
static int same_batch(sqlite3 *db, long source, const struct ifile *f,
		      long *id, struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "SELECT id FROM batches WHERE source_id = ?1"
		" AND sha256 = ?2 AND file_size = ?3 AND id <> ?4 AND "
		"finished_at IS NOT NULL ORDER BY id LIMIT 1", &st, err);

	*id = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_text(st, 2, f->sha_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)f->bytes);
	sqlite3_bind_int64(st, 4, f->batch_id);
	if ((rc = db_row(db, st, "looking for the same file", err)) == 1)
		*id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc < 0 ? rc : 0;
}

/* The store's counters when a file starts (its share is the difference). */
struct store_mark {
	long c_new, c_rep, needs, loaded, merged, m_loaded, m_merged;
};

static void store_mark(const struct store *s, struct store_mark *m)
{
	m->c_new = s->contacts_new;
	m->c_rep = s->contacts_replaced;
	m->needs = s->needs;
	m->loaded = s->rows_loaded;
	m->merged = s->rows_merged;
	m->m_loaded = s->moved_loaded;
	m->m_merged = s->moved_merged;
}

static void store_back(struct store *s, const struct store_mark *m)
{
	s->contacts_new = m->c_new;
	s->contacts_replaced = m->c_rep;
	s->needs = m->needs;
	s->rows_loaded = m->loaded;
	s->rows_merged = m->merged;
	s->moved_loaded = m->m_loaded;
	s->moved_merged = m->m_merged;
}

/*
 * The rows of a two-file pair are loaded when its second file is read:
 * give the first file's batch the buckets of its own rows (contacts rows,
 * or need rows), so that the equation holds per batch.  *mv gets the
 * counts moved (loaded, merged, duplicate, dropped, rejected).
 */
static int move_counts(sqlite3 *db, const struct ifile *f,
		       const struct store *s, const struct store_mark *m,
		       long mv[5], struct nserr *err)
{
	sqlite3_stmt *st;
	long other = f->side >= 0 ? f->run->pair_batch[!f->side] : 0;
	int rc, i;

	mv[0] = s->moved_loaded - m->m_loaded;
	mv[1] = s->moved_merged - m->m_merged + f->moved.merged;
	mv[2] = f->moved.duplicate;
	mv[3] = f->moved.dropped;
	mv[4] = f->moved.rejected;
	if (!other || other == f->batch_id ||
	    !(mv[0] | mv[1] | mv[2] | mv[3] | mv[4])) {
		for (i = 0; i < 5; i++)
			mv[i] = 0;
		return 0;
	}
	if ((rc = db_prepare(db, "UPDATE batches SET rows_loaded = rows_loaded"
		" + ?2, rows_merged = rows_merged + ?3, rows_duplicate = "
		"rows_duplicate + ?4, rows_dropped = rows_dropped + ?5, "
		"rows_rejected = rows_rejected + ?6 WHERE id = ?1", &st,
		err)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, other);
	for (i = 0; i < 5; i++)
		sqlite3_bind_int64(st, i + 2, mv[i]);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, err, "batch");
	sqlite3_finalize(st);
	return rc;
}

static int finish_batch(sqlite3 *db, const struct ifile *f,
			const struct store *s, const struct store_mark *m,
			struct nserr *err)
{
	sqlite3_stmt *st;
	char now[32];
	size_t i;
	long mv[5];
	int rc = move_counts(db, f, s, m, mv, err);

	if (rc)
		return rc;
	rc = db_prepare(db, "UPDATE batches SET file_size = ?2, sha256 = "
		"?3, rows_read = ?4, rows_loaded = ?5, rows_rejected = ?6, "
		"contacts_new = ?7, contacts_replaced = ?8, needs_loaded = ?9, "
		"date_min = ?10, date_max = ?11, finished_at = ?12, rows_dropped = "
		"?13, rows_merged = ?14, rows_duplicate = ?15, rows_blank = ?16 "
		"WHERE id = ?1",
		&st, err);

	if (rc)
		return rc;
	db_now_utc(now, sizeof now);
	sqlite3_bind_int64(st, 1, f->batch_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)f->bytes);
	sqlite3_bind_text(st, 3, f->sha_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, f->rows);
	sqlite3_bind_int64(st, 5, s->rows_loaded - m->loaded - mv[0]);
	sqlite3_bind_int64(st, 6, f->rejected - mv[4]);
	sqlite3_bind_int64(st, 7, s->contacts_new - m->c_new);
	sqlite3_bind_int64(st, 8, s->contacts_replaced - m->c_rep);
	sqlite3_bind_int64(st, 9, s->needs - m->needs);
	if (s->date_min[0]) {
		sqlite3_bind_text(st, 10, s->date_min, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, s->date_max, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 12, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, f->dropped - mv[3]);
	sqlite3_bind_int64(st, 14, s->rows_merged - m->merged + f->merged -
			   mv[1]);
	sqlite3_bind_int64(st, 15, f->duplicate - mv[2]);
	sqlite3_bind_int64(st, 16, f->blank);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, err, "batch");
	sqlite3_finalize(st);
	if (rc || (rc = db_prepare(db, "INSERT INTO batch_issues VALUES (?1, "
		"?2, ?3, ?4, ?5, ?6)", &st, err)) != 0)
		return rc;
	for (i = 0; !rc && i < f->issues.n; i++) {
		const struct issue_slot *sl = &f->issues.slots[i];
		char key[512], *col, *why;
		snprintf(key, sizeof key, "%s", sl->key);
		col = strchr(key, '\x1f');
		*col++ = '\0';
		why = strchr(col, '\x1f');
		*why++ = '\0';
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f->batch_id);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, col, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, why, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, sl->count);
		sqlite3_bind_text(st, 6, sl->example, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "batch issues");
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The two files of a pair (two-file profile) make one batch: the batch of
 * the file that completed the pair, which holds the joined rows, takes in
 * the first file's batch (name, size, SHA-256 and counts, contacts file
 * first: "CallReports.csv + Needs.csv") and that batch is deleted.
 */
static int fold_pair(sqlite3 *db, long into, long first, int into_side,
		     struct nserr *err)
{
	static const char *const sql[] = {
		"UPDATE batches AS b SET "
		"file_name = iif(?3, b.file_name || ' + ' || o.file_name, "
		"o.file_name || ' + ' || b.file_name), "
		"sha256 = iif(?3, b.sha256 || ' + ' || o.sha256, "
		"o.sha256 || ' + ' || b.sha256), "
		"file_size = b.file_size + o.file_size, "
		"rows_read = b.rows_read + o.rows_read, "
		"rows_loaded = b.rows_loaded + o.rows_loaded, "
		"rows_rejected = b.rows_rejected + o.rows_rejected, "
		"rows_dropped = b.rows_dropped + o.rows_dropped, "
		"rows_merged = b.rows_merged + o.rows_merged, "
		"rows_duplicate = b.rows_duplicate + o.rows_duplicate, "
		"rows_blank = b.rows_blank + o.rows_blank, "
		"contacts_new = b.contacts_new + o.contacts_new, "
		"contacts_replaced = b.contacts_replaced + o.contacts_replaced, "
		"needs_loaded = b.needs_loaded + o.needs_loaded, "
		"date_min = coalesce(min(b.date_min, o.date_min), b.date_min, "
		"o.date_min), date_max = coalesce(max(b.date_max, o.date_max), "
		"b.date_max, o.date_max) "
		"FROM batches AS o WHERE b.id = ?1 AND o.id = ?2",
		"INSERT INTO batch_issues SELECT ?1, kind, column_name, reason, "
		"count, example FROM batch_issues WHERE batch_id = ?2 AND true "
		"ON CONFLICT DO UPDATE SET count = count + excluded.count",
		"DELETE FROM batch_issues WHERE batch_id = ?2",
		"DELETE FROM batches WHERE id = ?2",
	};
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < sizeof sql / sizeof sql[0]; i++) {
		if ((rc = db_prepare(db, sql[i], &st, err)) != 0)
			break;
		sqlite3_bind_int64(st, 1, into);
		sqlite3_bind_int64(st, 2, first);
		if (i == 0)
			sqlite3_bind_int(st, 3, into_side == PSIDE_CONTACTS);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "joining the batches of a pair");
		sqlite3_finalize(st);
	}
	return rc;
}

/* Hash a regular file's bytes without parsing it. */
static int hash_file(const char *path, char *hex, uint64_t *size)
{
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE], *buf;
	int fd = open(path, O_RDONLY), i;
	ssize_t n;

	if (fd < 0 || !(buf = malloc(1 << 20))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sha256_init(&sha);
	*size = 0;
	while ((n = read(fd, buf, 1 << 20)) > 0) {
		sha256_update(&sha, (size_t)n, buf);
		*size += (uint64_t)n;
	}
	free(buf);
	close(fd);
	if (n < 0)
		return -1;
	sha256_digest(&sha, SHA256_DIGEST_SIZE, digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

/* 1 when a finished batch of this source has this size, 0 when none,
 * or a status. */
static int size_seen(sqlite3 *db, long source, long long size,
		     struct nserr *err)
{
	sqlite3_stmt *st;
	int rc = db_prepare(db, "SELECT 1 FROM batches WHERE source_id = ?1"
		" AND file_size = ?2 AND finished_at IS NOT NULL LIMIT 1", &st,
		err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, size);
	rc = db_row(db, st, "looking for the same file", err);
	sqlite3_finalize(st);
	return rc;
}

static void note(const struct ingest_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A message through o->on_msg (cut visibly past 1023 bytes). */
static void note(const struct ingest_opts *o, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	if (!o->on_msg)
		return;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof msg)
		memcpy(msg + sizeof msg - 4, "...", 4);
	o->on_msg(msg, o->ctx);
}

static void merge_issues(struct issue_tally *run, const struct issue_tally *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		char key[512], *col, *why;
		snprintf(key, sizeof key, "%s", f->slots[i].key);
		col = strchr(key, '\x1f');
		*col++ = '\0';
		why = strchr(col, '\x1f');
		*why++ = '\0';
		tally_add_n(run, key, col, why, f->slots[i].example,
			    strlen(f->slots[i].example), f->slots[i].count);
	}
}

/* A file that turned out to be loaded already: its rows were not read. */
static void forget_file(struct ingest_stats *st, const struct ifile *f)
{
	st->rows_read -= f->rows;
	st->rows_rejected -= f->rejected;
	st->rows_dropped -= f->dropped;
	st->rows_merged -= f->merged;
	st->rows_duplicate -= f->duplicate;
	st->rows_blank -= f->blank;
}

/* Load one file inside a savepoint.  Returns 0, 1 when it was already
 * loaded (nothing changed), or a negative status. */
static int one_file(sqlite3 *db, struct ingest_run *run, long source,
		    const char *path, struct issue_tally *all,
		    struct nserr *err)
{
	struct store *s = run->store;
	struct ifile f;
	struct stat stt;
	struct store_mark mark;
	long same = 0, first;
	int is_stdin = strcmp(path, "-") == 0, fd, rc;
	int had_pair = run->pair != NULL;
	char run_min[11], run_max[11];

	store_mark(s, &mark);
	memset(&f, 0, sizeof f);
	f.run = run;
	f.opts = run->opts;
	f.name = is_stdin ? "-" : path;
	f.err = err;
	fd = is_stdin ? 0 : open(path, O_RDONLY);
	if (fd < 0)
		return nserr_set(err, NS_ENOINPUT, "cannot open '%s': %s", path,
				 strerror(errno));
	if (!is_stdin && ifile_may_skip(run) && fstat(fd, &stt) == 0 &&
	    S_ISREG(stt.st_mode) &&
	    (rc = size_seen(db, source, (long long)stt.st_size, err)) != 0 &&
	    (rc < 0 || (hash_file(path, f.sha_hex, &f.bytes) == 0 &&
			((rc = same_batch(db, source, &f, &same, err)) < 0 ||
			 same != 0)))) {
		close(fd);
		if (rc < 0)
			return rc;
		note(run->opts, "%s: already loaded as batch %ld (same SHA-256):"
		     " nothing to do", path, same);
		return 1;
	}
	if ((rc = tally_init(&f.issues)) != 0)
		goto out;
	memcpy(run_min, s->run_min, sizeof run_min);
	memcpy(run_max, s->run_max, sizeof run_max);
	if ((rc = db_exec(db, "SAVEPOINT file", err)) != 0 ||
	    (rc = new_batch(db, source, run->opts, f.name,
			    run->cl->map_version, &f.batch_id, err)) != 0)
		goto out;
	store_begin_batch(s, f.batch_id);
	if (!run->st->first_batch)
		run->st->first_batch = f.batch_id;
	run->st->last_batch = f.batch_id;
	rc = ifile_read(&f, fd);
	if (!rc)
		rc = store_end_batch(s, err);
	if (!rc && is_stdin && ifile_may_skip(run))
		rc = same_batch(db, source, &f, &same, err);
	if (!rc && is_stdin && same != 0) {
		rc = db_exec(db, "ROLLBACK TO file; RELEASE file", err);
		store_back(s, &mark);
		forget_file(run->st, &f);
		memcpy(s->run_min, run_min, sizeof run_min);
		memcpy(s->run_max, run_max, sizeof run_max);
		if (!rc) {
			note(run->opts, "%s: already loaded as batch %ld (same "
			     "SHA-256): nothing changed", f.name, same);
			rc = 1;
		}
		goto out;
	}
	if (!rc)
		rc = finish_batch(db, &f, s, &mark, err);
	/* the second file of a pair: its batch takes in the first file's */
	if (!rc && f.side >= 0 && had_pair && !run->pair &&
	    (first = run->pair_batch[!f.side]) != 0 && first != f.batch_id) {
		rc = fold_pair(db, f.batch_id, first, f.side, err);
		if (run->st->first_batch == first)
			run->st->first_batch = f.batch_id;
		run->pair_batch[0] = run->pair_batch[1] = 0;
	}
	if (!rc)
		rc = db_exec(db, "RELEASE file", err);
	if (!rc)
		merge_issues(all, &f.issues);
out:
	tally_release(&f.issues);
	if (!is_stdin)
		close(fd);
	return rc;
}

static int cmp_issue(const void *a, const void *b)
{
	const struct ingest_issue *x = a, *y = b;
	int k = strcmp(y->kind, x->kind);      /* 'reject' before 'field' */

	if (k)
		return k;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	k = strcmp(x->column, y->column);
	return k ? k : strcmp(x->reason, y->reason);
}

static char *dupstr(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}

static void export_issues(struct ingest_stats *st, const struct issue_tally *t)
{
	size_t i;

	st->issues = calloc(t->n ? t->n : 1, sizeof *st->issues);
	if (!st->issues)
		return;
	for (i = 0; i < t->n; i++) {
		char key[512], *col, *why;
		snprintf(key, sizeof key, "%s", t->slots[i].key);
		col = strchr(key, '\x1f');
		*col++ = '\0';
		why = strchr(col, '\x1f');
		*why++ = '\0';
		st->issues[i].kind = dupstr(key);
		st->issues[i].column = dupstr(col);
		st->issues[i].reason = dupstr(why);
		st->issues[i].count = t->slots[i].count;
	}
	st->nissues = t->n;
	qsort(st->issues, st->nissues, sizeof *st->issues, cmp_issue);
}

static int run_files(sqlite3 *db, struct ingest_run *run,
		     const char *const *files, int nfiles,
		     struct issue_tally *all, struct nserr *err)
{
	struct ingest_stats *st = run->st;
	long source = 0;
	int i, rc;

	if ((rc = source_id(db, run->opts->source, &source, err)) != 0 ||
	    (rc = store_open(run->store, db, run->cl, source, err)) != 0)
		return rc;
	for (i = 0; i < nfiles; i++) {
		rc = one_file(db, run, source, files[i], all, err);
		if (rc < 0)
			return rc;
		st->files++;
		st->files_same += rc == 1;
	}
	if ((rc = ifile_run_finish(run, err)) != 0)
		return rc;
	st->rows_loaded = run->store->rows_loaded;
	st->rows_merged += run->store->rows_merged;
	st->contacts_new = run->store->contacts_new;
	st->contacts_replaced = run->store->contacts_replaced;
	st->contacts = st->contacts_new + st->contacts_replaced;
	st->needs = run->store->needs;
	memcpy(st->date_min, run->store->run_min, sizeof st->date_min);
	memcpy(st->date_max, run->store->run_max, sizeof st->date_max);
	if (run->opts->strict && st->rows_rejected)
		return nserr_set(err, NS_EDATA, "%ld bad row%s and --strict: "
			"nothing was loaded", st->rows_rejected,
			st->rows_rejected > 1 ? "s" : "");
	if (st->rows_read > 0 && st->rows_loaded == 0 && st->rows_rejected &&
	    st->files_same < st->files)
		return nserr_set(err, NS_EDATA, "every row was rejected: "
			"nothing was loaded (is this the right file or "
			"profile?)");
	return 0;
}

int ingest_files(sqlite3 *db, const struct ingest_opts *o,
		 const char *const *files, int nfiles, struct ingest_stats *st,
		 struct nserr *err)
{
	struct ingest_run run;
	struct classify cl;
	struct store store;
	struct issue_tally all;
	struct timespec t0, t1;
	int rc;

	memset(st, 0, sizeof *st);
	st->rejects_path = "";
	memset(&run, 0, sizeof run);
	memset(&store, 0, sizeof store);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = tally_init(&all)) != 0)
		return nserr_set(err, rc, "out of memory");
	run.opts = o;
	run.st = st;
	run.cl = &cl;
	run.store = &store;
	/* A bulk load is faster with a rollback journal (WAL would write
	 * every page twice); readers get WAL back at the end.  If another
	 * connection has the database open, the mode simply stays WAL. */
	if (!o->dry_run)
		sqlite3_exec(db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if ((rc = db_begin(db, err)) != 0) {
		tally_release(&all);
		return rc;
	}
	rc = classify_load(&cl, db, err);
	if (!rc) {
		st->map_version = cl.map_version;
		rc = run_files(db, &run, files, nfiles, &all, err);
	}
	store_close(&store);
	ifile_run_release(&run);
	classify_release(&cl);
	if (!rc && !o->dry_run)
		rc = db_commit(db, err);
	if (rc || o->dry_run)
		db_rollback(db);
	if (!o->dry_run)
		sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	if (run.rejects) {
		struct nserr werr;

		nserr_init(&werr);
		if (outfile_commit(&run.rejects_out, &werr) != 0 && !rc)
			rc = nserr_set(err, werr.code, "%s", werr.msg);
	}
	if (run.rejects)
		st->rejects_path = ifile_run_detach_rejects(&run);
	free(ifile_run_detach_rejects(&run));
	export_issues(st, &all);
	tally_release(&all);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	st->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return rc;
}
