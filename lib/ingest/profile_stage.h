/*
 * profile_stage: the bounded-memory work area of a profile run, a private
 * temporary SQLite database (its own connection, on disk, deleted when
 * closed; the ingest's connection and transaction are not touched):
 * - exact duplicate rows: a 128-bit hash of every record read;
 * - rows to regroup: the rows of a file whose need_id groups several rows
 *   (one need x agency each) into one need, and the two files of a
 *   contacts + needs export, staged and then read back joined on the key
 *   and ordered by contact and need.
 */
#ifndef NEEDSTAT_PROFILE_STAGE_H
#define NEEDSTAT_PROFILE_STAGE_H

#include <sqlite3.h>
#include <stdint.h>

#include "profile_map.h"

struct pstage {
	sqlite3 *db;
	sqlite3_stmt *dup_put, *dup_get, *c_get, *c_put, *c_upd, *n_put;
	long seq;
	int staged[2];               /* contacts / needs file staged */
	const char *name[2];         /* their file names (the caller's) */
	char *grp;                   /* the group being emitted */
	size_t grp_cap;
};

/* pstage_open: a new work area.  Returns 0, NS_ENOMEM or NS_EIO. */
int pstage_open(struct pstage **out, struct nserr *err);

/* pstage_close: drop everything (NULL is fine). */
void pstage_close(struct pstage *s);

/* pstage_dup_reset: forget the records seen (a new file begins). */
int pstage_dup_reset(struct pstage *s, struct nserr *err);

/*
 * pstage_dup: 1 when record r repeats a record seen since the last reset
 * (*first gets the line of the first one), 0 when new (remembered at
 * line), or a negative status.
 */
int pstage_dup(struct pstage *s, const struct csvin_record *r, uint64_t line,
	       uint64_t *first, struct nserr *err);

/*
 * pstage_contact: stage a contact row (the contact columns of v) under
 * key, with its line and CSV text; drop is the label of the rule that
 * dropped it, or NULL.  A key staged before is replaced: returns 1 and
 * *first gets the line of the earlier row; 0 when new; or a status.
 */
int pstage_contact(struct pstage *s, const char *key, size_t klen,
		   uint64_t line, const char *rec, size_t rec_len,
		   const char *drop, const struct prow *v, uint64_t *first,
		   struct nserr *err);

/*
 * pstage_need: stage a need row: contact key, need id (NULL: the row is
 * its own need), line, CSV text and values (the need columns, or all
 * columns for a one-file export).  Returns 0 or a status.
 */
int pstage_need(struct pstage *s, const char *key, size_t klen,
		const char *nid, size_t nlen, uint64_t line, const char *rec,
		size_t rec_len, const struct prow *v, struct nserr *err);

/* What the read-back hands over: one need (or a contact with none). */
typedef int (*pstage_row_fn)(void *ctx, const struct prow *row,
			     const struct porigin *oc,
			     const struct porigin *on);
/* A contact dropped by rule (label) and the need rows it takes along. */
typedef int (*pstage_drop_fn)(void *ctx, const char *label,
			      const struct porigin *o);
/* A need row whose key has no contact. */
typedef int (*pstage_orphan_fn)(void *ctx, const char *key,
				const struct porigin *o);
/* A row that stores nothing of its own: dup 1, a further row of a need id
 * that adds no agency (why says so); dup 0, a further row of a need id
 * that adds agencies, or a contacts-file row whose needs carry it. */
typedef int (*pstage_skip_fn)(void *ctx, int dup, const struct porigin *o,
			      const char *why);

struct pstage_emit {
	const char *cfile, *nfile;   /* contacts / needs file names */
	int join;                    /* 1: contacts + needs; 0: one file */
	int count_refs;              /* referrals = agencies (no column) */
	pstage_row_fn row;
	pstage_drop_fn drop;
	pstage_orphan_fn orphan;
	pstage_skip_fn skip;
	void *ctx;
};

/*
 * pstage_emit: read the staged rows back grouped by contact and need id
 * (rows of one need: the first row's values, referred_to joined with
 * ';'), calling e->row for each need, e->drop for each need row of a
 * dropped contact, e->orphan for need rows without a contact, e->skip for
 * each row merged into a need or contact emitted for another; then
 * forget them.  Returns 0, a callback's status, or a database status.
 */
int pstage_emit(struct pstage *s, const struct pstage_emit *e,
		struct nserr *err);

#endif
