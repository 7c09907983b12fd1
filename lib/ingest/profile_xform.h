/*
 * profile_xform: the rewrites a profile may ask for on a column before its
 * value map, for exports that a spreadsheet or a picklist left untidy:
 * trim (blanks and non-breaking spaces), case (upper or lower), patterns
 * (POSIX extended regular expressions, replaced as by sed's s command) and
 * pad (digits left-padded with zeros, for ZIPs that lost their leading
 * zero).  They apply in that order; needstat-profile(5) documents them.
 */
#ifndef NEEDSTAT_PROFILE_XFORM_H
#define NEEDSTAT_PROFILE_XFORM_H

#include <stddef.h>

#include "profile.h"

/* Work buffers of one column (owned by the caller; px_release frees). */
struct pxbuf {
	char *a, *b;
	size_t ca, cb;
};

/*
 * px_pattern: parse a rule "/REGEX/REPLACEMENT/" (or with | # ! , : @ ~ %
 * for the slash; optional flag "i" after the last one: ignore case; the whole rule
 * may be in double quotes) into *out (free with px_pattern_release).  In
 * the regex, a backslash before the delimiter stands for the delimiter; in
 * the replacement \0 is the whole match, \1 to \9 the groups and \\ one
 * backslash.  Returns 0, NS_ECONFIG with why[whysize] saying what is
 * wrong, or NS_ENOMEM.
 */
int px_pattern(const char *rule, struct ppattern *out, char *why,
	       size_t whysize);

/* px_pattern_release: free what *pt owns. */
void px_pattern_release(struct ppattern *pt);

/* px_active: 1 when column c has a trim, case, pattern or pad rule. */
int px_active(const struct pcol *c);

/*
 * px_apply: apply c's rules to the value *v[0..*len) (NULL: nothing to
 * do).  When a rule applies, *v and *len point into xb, valid until the
 * next call with xb.  Blanks around the value are always removed when c
 * has a rule.  Returns 0 or NS_ENOMEM.
 */
int px_apply(const struct pcol *c, struct pxbuf *xb, const char **v,
	     size_t *len);

/* px_describe: the rules of c for the dry run (" [trim, case upper, ...]",
 * or "") into buf[size]. */
void px_describe(const struct pcol *c, char *buf, size_t size);

/* px_release: free the buffers of *xb and clear it. */
void px_release(struct pxbuf *xb);

#endif
