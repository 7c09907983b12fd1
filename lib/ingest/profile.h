/*
 * profile: how a vendor export maps onto the canonical contact log
 * (FORMATS.md section 6; the file format is documented in
 * needstat-profile(5)).
 *
 * A profile is a small INI file (parsed with libinih) that says, for each
 * canonical column, which source header gives it (or a constant, or a join
 * of several columns and texts), the date formats to try, value maps
 * (canonical value = source values), a multi-value separator, rows to drop
 * by rule, how many lines precede the header, and for the two-file exports
 * (a contacts file and a needs file) the key that joins them.  Loading
 * checks everything it can without data: any error names the profile file,
 * its line and key, and nothing is loaded.
 */
#ifndef NEEDSTAT_PROFILE_H
#define NEEDSTAT_PROFILE_H

#include <regex.h>
#include <stddef.h>

#include "core/datetime.h"
#include "ingest_int.h"
#include "core/nserr.h"
#include "core/strmap.h"

#define PROFILE_MAX_FORMATS 4
#define PROFILE_SPLIT_MAX 8
#define PROFILE_MAX_PATTERNS 8

/*
 * One term of a column expression: a source header (by name, or "#N" for
 * the N-th column), a constant text, or "@row" (the file and line).
 */
struct pterm {
	int is_text;             /* 1: constant text; 0: source header */
	int is_row;              /* 1: @row, "FILE:LINE" of the record */
	char *text;              /* owned; header name as written (trimmed) */
	size_t len;
};

/* A column expression: terms joined end to end (n == 0: not mapped). */
struct pexpr {
	struct pterm *t;
	size_t n;
	int line;                /* profile line that set it */
};

/*
 * A value set or map: folded source values -> index into to[].  For a
 * value map to[] holds the canonical values; for a drop rule the source
 * values as written (labels).  any / blank: index for any other non-blank
 * value ('*') / a blank cell ('""'), or -1.
 */
struct pmap {
	struct strmap ix;
	char **to;
	size_t nto, capto;
	int any, blank;
	int line;
};

/* A rewrite rule of a column: the first match of re becomes repl. */
struct ppattern {
	regex_t re;
	char *repl;              /* owned; \0..\9 name groups, \\ is one \ */
	char *text;              /* owned; the rule as written (dry run) */
	int line;
};

enum { PCASE_KEEP, PCASE_UPPER, PCASE_LOWER };

struct pcol {
	struct pexpr expr;
	int trim;                /* 1: blanks and NBSP trimmed, inner runs one */
	int casing;              /* PCASE_* */
	struct ppattern pat[PROFILE_MAX_PATTERNS];
	int npat;
	int pad;                 /* digits left-padded with 0 to this width */
	enum dt_form forms[PROFILE_MAX_FORMATS];
	int nforms;              /* 0: ISO text passed through unchanged */
	int has_zone, zone_min;  /* fixed zone for values without one */
	char split[PROFILE_SPLIT_MAX]; /* multi-value separator, "" none */
	struct pmap *map;        /* value map, or NULL */
};

/* Drop the row when header's value is in values. */
struct pdrop {
	char *header;
	struct pmap values;      /* to[] = the values as written (labels) */
	int line;
};

/* One file of a two-file profile. */
struct pside {
	int skip_lines;          /* -1: the [profile] value */
	char *key;               /* header of the join key */
	int line;
};

enum { PSIDE_CONTACTS, PSIDE_NEEDS };

struct profile {
	char *path;              /* file it was read from (messages) */
	char *name;              /* [profile] name, else the file's base name */
	char *description;
	int skip_lines;          /* lines before the header row */
	int has_columns;         /* 0: the canonical header names */
	struct pcol col[CC_N];
	char *need_id;           /* rows with one need id are one need */
	int need_id_line;
	int drop_blank;
	int drop_duplicates;     /* 0 no; 1 the whole row; 2 mapped columns */
	struct pdrop *drops;
	size_t ndrops;
	int join;                /* [contacts] and [needs]: two files */
	struct pside side[2];
};

/*
 * profile_load: read the profile spec: a path (it holds a '/' or ends in
 * ".ini") or the name of a bundled profile in <datadir>/profiles/NAME.ini
 * (datadir may be NULL for paths).  On success *out (free with
 * profile_free) holds it.  Returns 0; NS_ECONFIG for an unknown name or a
 * bad profile (err names the file, line and key); NS_ENOINPUT when a given
 * path cannot be read; NS_ENOMEM.
 */
int profile_load(const char *spec, const char *datadir, struct profile **out,
		 struct nserr *err);

/*
 * profile_parse: the same from the text of a profile (NUL-terminated);
 * path is used in messages and for the default name.
 */
int profile_parse(const char *text, const char *path, struct profile **out,
		  struct nserr *err);

/* profile_free: free p and everything it owns (NULL is fine). */
void profile_free(struct profile *p);

/*
 * profile_is_plain: 1 when p (or NULL) reads the canonical CSV exactly as
 * it is (no mapping, skipped lines, rules, maps, formats, join): the
 * ingest then takes its canonical path, messages included.
 */
int profile_is_plain(const struct profile *p);

/* profile_col_is_contact: 1 for the contact-level canonical columns
 * (contact_id .. gender), 0 for the need-level ones. */
int profile_col_is_contact(int col);

#endif
