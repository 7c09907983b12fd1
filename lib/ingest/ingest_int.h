/*
 * ingest_int: the pieces of the ingest shared between its files (not part
 * of the public API): the canonical columns, a validated row, the issue
 * tally, the aggregates and the store.
 */
#ifndef NEEDSTAT_INGEST_INT_H
#define NEEDSTAT_INGEST_INT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "classify/classify.h"
#include "core/datetime.h"
#include "core/nserr.h"
#include "classify/postal.h"
#include "core/strmap.h"
#include "classify/taxcode.h"

/* The canonical contact-log columns (FORMATS.md section 5). */
enum canon_col {
	CC_CONTACT_ID, CC_STARTED_AT, CC_CHANNEL, CC_LANGUAGE, CC_POSTAL,
	CC_REGION, CC_AGE, CC_GENDER, CC_CODE, CC_CATEGORY, CC_STATUS,
	CC_REASON, CC_REFERRALS, CC_REFERRED_TO, CC_N
};
extern const char *const canon_names[CC_N];

/* A record mapped onto the canonical columns (absent column: NULL). */
struct canon_row {
	uint64_t line;
	int extra;                   /* 1: a further row of one record (a
				      * split cell): not counted as read */
	const char *v[CC_N];
	size_t len[CC_N];
};

enum row_kind { ROW_NEED, ROW_CONTACT_ONLY };

/* A row that passed validation, classified. */
struct need_row {
	enum row_kind kind;
	int counted;                 /* 1: counts in the row buckets */
	int foreign;                 /* 1: a row of the other file of a pair */
	const char *contact_id;
	size_t contact_len;
	struct ns_datetime when;
	char local[20];
	int month;                   /* YYYYMM */
	const char *channel, *language, *age_group, *gender;
	char agebuf[16];
	struct postal postal;
	int region;                  /* classifier region index */
	int region_given;            /* 1: from the region column */
	struct taxcode code;
	int has_code;
	int category;                /* classifier category index */
	int category_given;          /* 1: from need_category, not the map */
	const char *status, *reason;
	long referrals;              /* -1 unknown */
	const char *referred_to;
	size_t referred_len;
};

/* Why a row is bad. */
struct row_fault {
	int col;                     /* enum canon_col, or -1 for the row */
	const char *column;          /* name for messages */
	const char *value;
	size_t value_len;
	char reason[160];
};

/* The offending value kept in an issue example: at most this many bytes
 * (cut on a UTF-8 boundary, then "..."); needstat-schema(5). */
#define ISSUE_VALUE_MAX 64

/* Tally of issues (kind 'reject' or 'field') by column and reason. */
struct issue_tally {
	struct strmap index;         /* "kind\x1fcolumn\x1freason" -> slot */
	struct issue_slot {
		const char *key;         /* owned by index */
		long count;
		char example[192];       /* "FILE:LINE 'value'" */
	} *slots;
	size_t n, cap;
	const char *file;            /* where the next issues are, or NULL: */
	unsigned long long line;     /* examples are then kept as given */
};

int tally_init(struct issue_tally *t);
void tally_release(struct issue_tally *t);
void tally_clear(struct issue_tally *t);
/* tally_add: count one issue; example is kept for the first of its kind,
 * as "FILE:LINE 'value'" when t->file is set (the value cut to
 * ISSUE_VALUE_MAX bytes; in a postal_code value, the last three characters
 * of anything shaped like a full postal code masked with '*'). */
int tally_add(struct issue_tally *t, const char *kind, const char *column,
	      const char *reason, const char *example, size_t example_len);
/* tally_add_n: the same, count times. */
int tally_add_n(struct issue_tally *t, const char *kind, const char *column,
		const char *reason, const char *example, size_t example_len,
		long count);

/*
 * row_check: validate a canonical row, classify it into *out.  Optional
 * fields that fail are set unknown and counted in *fields.  Returns 0 for
 * a good row, 1 for a bad row (*fault says why), 2 for a row kept with a
 * bad need field (*fault describes the first, for the rejects file).
 */
int row_check(const struct classify *cl, const struct canon_row *in,
	      struct need_row *out, struct row_fault *fault,
	      struct issue_tally *fields);

#define AGENCY_MAX 200          /* longer agency names are cut */

/* In-memory aggregates, flushed into agg_needs, agg_needs_year,
 * agg_contacts and agg_referrals.  Text values are interned to small ids
 * (agg_id; 0 is "", unknown); needs and contacts cells are keyed by
 * integer tuples. */
#define AGG_KEY_PARTS 6
struct agg_itab {
	struct agg_icell {
		int32_t k[AGG_KEY_PARTS];    /* month or year, then text ids */
		int64_t a, b;                /* the one or two counts */
	} *cells;
	uint32_t *index;                 /* open addressing: cell + 1, 0 empty */
	size_t n, cap, mask;
};
struct agg {
	struct strmap dict;              /* text -> id */
	const char **names;              /* id -> text (owned by dict) */
	size_t nnames, cap_names;
	struct agg_itab needs, contacts;
	struct strmap refs_ix;           /* month, category, region, agency */
	struct agg_ref {
		int month, category, region, agency;
		int64_t n;
	} *refs;
	size_t nrefs, cap_refs;
	int took_back;                   /* 1: a count was decremented */
};

int agg_init(struct agg *a);
void agg_release(struct agg *a);
void agg_clear(struct agg *a);
/* agg_id: the id of text v[0..len) (NULL: ""), interned on first sight;
 * ids stay valid until agg_release.  Returns the id or NS_ENOMEM. */
int agg_id(struct agg *a, const char *v, size_t len);
/* agg_need_ids: add d (+1 or -1) need with referrals r to the needs cell
 * (month, category, region, status, reason), text parts as agg_id ids. */
int agg_need_ids(struct agg *a, int month, int category, int region,
		 int status, int reason, int d, long referrals);
/* agg_need: the same with the text parts (NULL reason: none). */
int agg_need(struct agg *a, int month, const char *category,
	     const char *region, const char *status, const char *reason,
	     int d, long referrals);
/* agg_contact_ids: add dc contacts and dn needs to the contacts cell
 * (month, dims[0..4] = region, channel, language, age group, gender ids). */
int agg_contact_ids(struct agg *a, int month, const int *dims, int dc,
		    int dn);
/* agg_contact: the same with the text parts (NULL: unknown). */
int agg_contact(struct agg *a, int month, const char *region,
		const char *channel, const char *language,
		const char *age_group, const char *gender, int dc, int dn);
/* agg_referral: add d referrals to agency[0..len) to a referrals cell. */
int agg_referral(struct agg *a, int month, const char *category,
		 const char *region, const char *agency, size_t len, int d);
/* agg_flush: add the cells to the tables, drop zero rows, clear. */
int agg_flush(struct agg *a, sqlite3 *db, struct nserr *err);
/* agg_full: 1 when the maps hold enough cells to be worth flushing. */
int agg_full(const struct agg *a);

struct pipe;

#define PENDING_NEEDS 1024     /* needs buffered before a flush */
#define NEEDS_PER_INSERT 64    /* rows of one multi-row INSERT */
#define CONTACTS_PER_INSERT 32 /* contacts of one multi-row INSERT */
#define MULTI_BACKOFF 64       /* after an existing one: one by one */

struct pending_need {
	const struct need_row *row;   /* in the pipe block being written */
	int64_t contact_id, code_id;
	int seq;
};

/* The writer: contacts, needs, referrals, codes, aggregates. */
struct store {
	struct pipe *pipe;             /* writer thread; see ingest_pipe.h */
	sqlite3 *db;
	const struct classify *cl;
	long source_id, batch_id;
	sqlite3_stmt *ins_contact, *find_contact, *upd_contact, *old_needs,
		     *del_needs, *ins_need, *ins_ref, *ins_code, *max_seq,
		     *ins_needs, *ins_contacts, *old_refs, *del_refs;
	int64_t next_id;               /* id for the next new contact */
	int multi_backoff;             /* new contacts to see one by one */
	struct pending_need pend[PENDING_NEEDS];
	size_t npend;
	long cur_needs;                /* needs written for cur contact */
	struct strmap codes;           /* code text -> id << 16 | category */
	struct agg agg;
	/* the contact being written */
	char cur_key[72];
	size_t cur_len;
	int64_t cur_id;
	int cur_seq;
	int cur_month;
	char cur_region[64], cur_channel[24], cur_language[24], cur_age[16],
	     cur_gender[24];
	int cur_dims[5];               /* agg ids of region, channel, ... */
	int cur_counted;               /* 1: a new or replaced contact, not
					* yet in its agg_contacts cell */
	int *cat_ids;                  /* agg id of each category index */
	/* counts */
	long contacts_new, contacts_replaced, needs, rows_loaded;
	long rows_merged;              /* rows that stored nothing new */
	long moved_loaded, moved_merged; /* of those: foreign rows */
	int fresh;                     /* the last contact started: 1 new or
					* replaced, 0 appended to */
	char date_min[11], date_max[11];       /* of the current batch */
	char run_min[11], run_max[11];         /* of the whole run */
};

int store_open(struct store *s, sqlite3 *db, const struct classify *cl,
	       long source_id, struct nserr *err);
void store_close(struct store *s);
/* store_begin_batch: start writing rows of batch_id (its date range
 * starts empty; the run's range keeps growing). */
void store_begin_batch(struct store *s, long batch_id);
/* store_row: write one good row. */
int store_row(struct store *s, const struct need_row *r, struct nserr *err);
/* store_end_batch: finish the current contact, flush aggregates. */
int store_end_batch(struct store *s, struct nserr *err);

/* Shared by ingest_store.c and ingest_batch.c (writer thread only). */
void store_bind_contact(struct store *s, sqlite3_stmt *st, int k,
			const struct need_row *r);
const char *store_category(const struct store *s, int idx);
/* store_category_id: the agg id of category index idx (NS_ENOMEM). */
int store_category_id(struct store *s, int idx);
int store_contact_started(struct store *s, const struct need_row *r,
			  int fresh, struct nserr *err);
int store_code_id(struct store *s, const struct need_row *r, int64_t *id,
		  struct nserr *err);
/* store_referrals: a referrals row for each agency of r, for the need
 * (contact_id, seq). */
int store_referrals(struct store *s, int64_t contact_id, int seq,
		    const struct need_row *r, struct nserr *err);
/* store_next_agency: the next agency of a ';'-joined list at *p (blanks
 * trimmed, empties skipped, cut to AGENCY_MAX bytes); 0 at the end. */
int store_next_agency(const char **p, const char *end, const char **a,
		      size_t *len);
/* store_count_row: count row r (if r->counted) as loaded when it stores
 * a need or started a new or replaced contact (fresh), else merged. */
void store_count_row(struct store *s, const struct need_row *r, int fresh);
int store_write_row(struct store *s, const struct need_row *r,
		    struct nserr *err);
int batch_prepare_contacts(struct store *s, struct nserr *err);
int batch_prepare_needs(struct store *s, struct nserr *err);
int batch_flush_needs(struct store *s, struct nserr *err);
int batch_need(struct store *s, const struct need_row *r, struct nserr *err);
int batch_end_contact(struct store *s, struct nserr *err);
int batch_write_block(void *ctx, const struct need_row *rows, size_t n,
		      struct nserr *err);

#endif
