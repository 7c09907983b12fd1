/*
 * ingest: load contact logs into the database, validating every row.
 *
 * One call loads one or more files (or standard input) in ONE transaction:
 * a failure, a kill or a strict-mode reject leaves the database as it was.
 * Each file becomes a row of `batches`.  Rows are one need each; the rows of
 * a contact carry the same contact_id.  A profile (opts->prof) maps a
 * vendor export onto these rows first; with a two-file profile the files
 * come in pairs (a contacts file and its needs file, in either order) and
 * the rows are loaded with the batch of the second file of each pair.  A good row loads; a bad row (bad
 * required field) goes to the rejects CSV with its line, column, value and
 * reason; a bad optional field becomes unknown and is counted.  Contacts
 * already loaded from the same source are replaced, never counted twice;
 * a file whose bytes were already loaded changes nothing.
 * Memory is bounded whatever the input size.
 */
#ifndef NEEDSTAT_INGEST_H
#define NEEDSTAT_INGEST_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/nserr.h"

struct ingest_stats;
struct profile;
struct profile_report;

/* Called for each of the first bad rows and for warnings (unknown columns,
 * a skipped file); msg is "FILE:LINE: column 'x': ..." without program
 * name. */
typedef void (*ingest_msg_fn)(const char *msg, void *ctx);
/* Called about once a second while reading (progress display). */
typedef void (*ingest_progress_fn)(const struct ingest_stats *st, void *ctx);

struct ingest_opts {
	const char *source;        /* source name (default "default") */
	const char *profile;       /* profile name recorded in batches */
	const char *rejects_path;  /* NULL: rejects-batch-N.csv in cwd */
	int strict;                /* any bad row: load nothing, NS_EDATA */
	long max_rejects;          /* > this many bad rows: stop; -1 none */
	int dry_run;               /* read and check everything, write nothing */
	int max_messages;          /* bad rows reported through on_msg (10) */
	const struct profile *prof;/* NULL: the canonical CSV (profile.h) */
	struct profile_report *report; /* NULL, or filled with what was seen:
				    * mapping, first rows, drops, rejects
				    * (profile_report.h; caller-owned) */
	ingest_msg_fn on_msg;
	ingest_progress_fn on_progress;
	void *ctx;
};

/* One tally line of the summary: kind 'reject' or 'field'. */
struct ingest_issue {
	const char *kind, *column, *reason;
	long count;
};

struct ingest_stats {
	long files, files_same;      /* files read; files already loaded */
	/* rows_read = rows_loaded + rows_merged + rows_duplicate +
	 * rows_dropped + rows_blank + rows_rejected (per file and per run) */
	long rows_read, rows_loaded, rows_rejected;
	long rows_dropped;           /* by a profile rule */
	long rows_merged;            /* stored nothing new: a contact or need
				      * already stored by an earlier row */
	long rows_duplicate;         /* repeated rows skipped */
	long rows_blank;             /* every field blank */
	long rows_kept;              /* of rows_loaded + rows_merged: kept
				      * with a bad need field (rejects file,
				      * action 'kept') */
	long contacts, contacts_new, contacts_replaced;
	long needs;
	uint64_t bytes;
	double seconds;
	long first_batch, last_batch;
	const char *rejects_path;    /* "" when no row was rejected, else
				      * the file (owned by *st, any length) */
	struct ingest_issue *issues; /* sorted: rejects first, by count */
	size_t nissues;
	char date_min[11], date_max[11];
	long map_version;
};

/* ingest_opts_init: defaults (source "default", profile "canonical",
 * max_rejects -1, max_messages 10). */
void ingest_opts_init(struct ingest_opts *o);

/*
 * ingest_files: load files[0..nfiles) ("-" = standard input) into db.
 * On return *st (caller-owned, released with ingest_stats_release) holds
 * the counts.  Returns 0 on success (also when every file was already
 * loaded); NS_EDATA when --strict saw a bad row, when max_rejects was
 * passed, when a required column is missing or a file is empty, or when
 * every row was rejected (then nothing is kept); NS_ENOINPUT when a file
 * cannot be opened; NS_EBUSY, NS_EIO, NS_ECANTCREAT (rejects file) as the
 * names say.  On any non-zero return the database is unchanged.
 */
int ingest_files(sqlite3 *db, const struct ingest_opts *o,
		 const char *const *files, int nfiles, struct ingest_stats *st,
		 struct nserr *err);

/* ingest_stats_release: free what *st owns. */
void ingest_stats_release(struct ingest_stats *st);

#endif
