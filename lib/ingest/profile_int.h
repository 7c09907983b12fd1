/*
 * profile_int: the state of one profile parse, shared by profile.c (the
 * reader, the checks after parsing) and profile_keys.c (what each section
 * and key means).  Not part of the public API.
 */
#ifndef NEEDSTAT_PROFILE_INT_H
#define NEEDSTAT_PROFILE_INT_H

#include "profile.h"

struct pparse {
	struct profile *p;
	const char *path;
	const char *text;
	size_t pos;
	int line;                   /* line being parsed (1-based) */
	int toolong;                /* a line did not fit inih's buffer */
	struct nserr *err;
	int rc;                     /* first error (0 none) */
	int err_line;               /* its line */
	int col_line[CC_N];         /* line of each [columns] mapping */
	int map_line[CC_N];         /* first line of each value map */
	int seen_side[2];           /* [contacts] / [needs] keys seen */
};

/*
 * pparse_fail: record the first error as "PATH:LINE: [SECTION] KEY: ..."
 * (NS_ECONFIG); later errors are ignored.  Returns 0 (inih's "error").
 */
int pparse_fail(struct pparse *x, const char *section, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* pparse_key: inih's handler: one `key = value` of section. */
int pparse_key(void *ctx, const char *section, const char *key,
	       const char *value);

/* canon_col_of: index of a canonical column name (any case), or -1. */
int canon_col_of(const char *name, size_t len);

#endif
