/*
 * ingest_file: state of one ingest run and of the file being read
 * (internal to the ingest), and the record path shared with the profile
 * code (profile_ingest.c, profile_emit.c).
 */
#ifndef NEEDSTAT_INGEST_FILE_H
#define NEEDSTAT_INGEST_FILE_H

#include <nettle/sha2.h>
#include <stdio.h>

#include "ingest.h"
#include "ingest_int.h"
#include "core/outfile.h"
#include "profile_map.h"

struct pstage;

struct ingest_run {
	const struct ingest_opts *opts;
	struct ingest_stats *st;
	const struct classify *cl;
	struct store *store;
	FILE *rejects;                   /* rejects_out.fp once opened */
	struct outfile rejects_out;      /* the rejects file (outfile.h) */
	int rejects_failed;
	char *rejects_path;              /* owned; NULL until a reject */
	int messages;
	/* two-file profiles: the pair being read (see ifile_run_finish) */
	struct pstage *pair;
	unsigned long long drops_found;  /* bit i: drop rule i had a column */
	long pair_batch[2];              /* batch of each file of the pair */
};

/* Counts of a file that belong to the other file of its pair (rows of
 * both are loaded when the second is read): moved to its batch. */
struct ifile_moved {
	long merged, duplicate, dropped, rejected;
};

struct ifile {
	struct ingest_run *run;
	const struct ingest_opts *opts;
	const char *name;
	long batch_id;
	int header_done;
	size_t ncols;
	int colof[CC_N];
	long rows, rejected;
	long merged, duplicate, blank; /* reader's buckets of this file */
	int extra_row;               /* the row being checked is a further
				      * row of its record (not counted) */
	int foreign;                 /* what is being counted belongs to the
				      * other file of the pair */
	struct ifile_moved moved;    /* reader's counts of the other file */
	uint64_t bytes;
	struct sha256_ctx sha;
	char sha_hex[2 * SHA256_DIGEST_SIZE + 1];
	struct issue_tally issues;
	struct nserr *err;
	/* profile runs */
	struct pfile *pf;            /* the mapping of this file */
	struct pstage *stage;        /* duplicates, need-id regrouping */
	int side;                    /* -1, or PSIDE_* of a two-file profile */
	long dropped;                /* rows dropped by rule: to be stored in
				      * batches.rows_dropped by finish_batch */
	char *text;                  /* a record as CSV text (staging) */
	size_t text_cap;
};

/* ifile_read: read fd to the end through the record path. */
int ifile_read(struct ifile *f, int fd);

/*
 * ifile_run_finish: call after the last file of a run, before commit:
 * NS_EDATA when a file of a two-file profile was read without the other
 * file of its pair (nothing of it was loaded).  Returns 0 otherwise.
 */
int ifile_run_finish(struct ingest_run *run, struct nserr *err);

/* ifile_run_release: free what the run's files left (always call);
 * run->rejects_path stays (see ifile_run_detach_rejects). */
void ifile_run_release(struct ingest_run *run);

/* ifile_run_detach_rejects: the rejects file's path (malloc'd, NULL when
 * none was opened), handed to the caller, who frees it. */
char *ifile_run_detach_rejects(struct ingest_run *run);

/*
 * ifile_may_skip: 0 when the already-loaded shortcut must not skip a file
 * of this run (two-file profiles: an unchanged contacts file is still
 * needed to load its changed needs file), else 1.
 */
int ifile_may_skip(const struct ingest_run *run);

/* The record path, shared with profile_ingest.c and profile_emit.c. */

/* ifile_blank_row: 1 (and the row counted blank) when every field of
 * record r is blank: nothing to store, nothing to reject; else 0. */
int ifile_blank_row(struct ifile *f, const struct csvin_record *r);

/* ifile_record_fault: 1 (and *ft set) when record r is unusable as a row
 * (NUL byte, field too long, ragged, invalid UTF-8), else 0. */
int ifile_record_fault(const struct ifile *f, const struct csvin_record *r,
		       struct row_fault *ft);

/* ifile_reject: count, report and write one bad row from origin o. */
int ifile_reject(struct ifile *f, const struct porigin *o,
		 const struct row_fault *ft);

/*
 * ifile_skipped: count a row of origin o that stores nothing of its own:
 * dup 1, a duplicate (written to the rejects file with action
 * 'duplicate' and reason why), dup 0, merged into a need or contact of an
 * earlier row (why unused).  Returns 0 or a fatal status.
 */
int ifile_skipped(struct ifile *f, const struct porigin *o, int dup,
		  const char *why);

/*
 * ifile_row: validate canonical row cr (values from oc for the contact
 * columns, on for the need columns: the same for one-file inputs) and
 * store it or reject it.  Returns 0 or a fatal status.
 */
int ifile_row(struct ifile *f, const struct canon_row *cr,
	      const struct porigin *oc, const struct porigin *on);

/* ifile_say: a warning through opts->on_msg. */
void ifile_say(struct ifile *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ifile_text: record r as one line of CSV text in f->text (*len gets its
 * length).  Returns 0 or NS_ENOMEM. */
int ifile_text(struct ifile *f, const struct csvin_record *r, size_t *len);

/* profile_ingest.c: the profile record path and its file hooks. */
int prof_file_start(struct ifile *f);
int prof_record(struct ifile *f, const struct csvin_record *r);
int prof_file_end(struct ifile *f, int rc);

/* profile_emit.c: value maps, dates, splitting, then ifile_row. */
int prof_emit(struct ifile *f, const struct prow *in,
	      const struct porigin *oc, const struct porigin *on);

#endif
