/*
 * profile_report: what an ingest through a profile saw, for the summary
 * and for `needstat-ingest --dry-run`: the column mapping resolved for
 * each file (and the source columns ignored), the first rows as they would
 * be loaded, rows dropped by rule, rows rejected and fields left unknown
 * by reason with examples, taxonomy codes no category map entry
 * classifies, and source values no value map matched.  Memory is bounded:
 * a few rows, a few examples per reason, at most REPORT_MAX_ITEMS distinct
 * labels per list (the rest are counted together).
 */
#ifndef NEEDSTAT_PROFILE_REPORT_H
#define NEEDSTAT_PROFILE_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "ingest.h"
#include "core/strmap.h"

#define REPORT_ROWS 5
#define REPORT_EXAMPLES 3
#define REPORT_MAX_ITEMS 200
#define REPORT_CODES_MAX 10000  /* distinct codes counted for the list */
#define REPORT_CODES_SHOWN 20   /* codes listed, most frequent first */

struct report_item {
	char *label;                 /* owned */
	long count;
	char ex[REPORT_EXAMPLES][192];
	int nex;
};

/* Labels with counts and the first examples, in order of first sight. */
struct report_list {
	struct strmap ix;
	struct report_item *it;
	size_t n, cap;
	long more;                   /* occurrences of labels past the limit */
	size_t max;                  /* distinct labels kept (0: default) */
};

struct profile_report {
	char *text;                  /* resolved mappings, one line each */
	size_t len, cap;
	struct report_list drops, dups, rejects, fields, codes, values;
	long dropped;
	char *rows[REPORT_ROWS];     /* the first rows, formatted */
	int nrows;
	int oom;                     /* an allocation failed: lists partial */
};

struct need_row;
struct classify;

/* profile_report_init: an empty report.  Returns 0 or NS_ENOMEM. */
int profile_report_init(struct profile_report *r);

/* profile_report_release: free what *r owns. */
void profile_report_release(struct profile_report *r);

/* profile_report_say: append one formatted line to the mapping text. */
void profile_report_say(struct profile_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * report_list_add: count one occurrence of label in l, keeping example (may
 * be NULL) among the first REPORT_EXAMPLES of that label.  Returns 0 or
 * NS_ENOMEM (then r->oom is set by the callers below).
 */
int report_list_add(struct report_list *l, const char *label,
		    const char *example, long count);

/* profile_report_drop: a row dropped by rule (label); example says where
 * ("Calls.csv:9"). */
void profile_report_drop(struct profile_report *r, const char *label,
			 const char *example);

/* profile_report_duplicate: a row skipped as a duplicate (label says of
 * what); example says where ("Calls.csv:9 (= line 3)"). */
void profile_report_duplicate(struct profile_report *r, const char *label,
			      const char *example);

/* profile_report_reject: a rejected row: column, reason, file:line and the
 * offending value v[0..len). */
void profile_report_reject(struct profile_report *r, const char *column,
			   const char *reason, const char *file,
			   unsigned long long line, const char *v, size_t len);

/* profile_report_field: n optional fields of column left unknown for
 * reason, with one example value. */
void profile_report_field(struct profile_report *r, const char *column,
			  const char *reason, const char *example, long n);

/* profile_report_code: a loaded taxonomy code no map prefix matches. */
void profile_report_code(struct profile_report *r, const char *code);

/* profile_report_value: a value of column that no value map entry matched
 * (it was passed on as written). */
void profile_report_value(struct profile_report *r, const char *column,
			  const char *v, size_t len);

/*
 * profile_report_row: keep row nr (a validated row, see ingest_int.h) as
 * one of the first rows, labelled where (e.g. "Needs.csv:5"); cl gives the
 * category and region names.  Does nothing once REPORT_ROWS are kept.
 */
void profile_report_row(struct profile_report *r, const struct need_row *nr,
			const struct classify *cl, const char *where);

/*
 * profile_report_write: the dry-run display of r and st on out (profile
 * is the profile's name and file, or NULL).  Returns 0, or NS_EIO when
 * out has an error.
 */
int profile_report_write(const struct profile_report *r,
			 const struct ingest_stats *st, const char *profile,
			 FILE *out);

#endif
