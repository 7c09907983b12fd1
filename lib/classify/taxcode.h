/*
 * taxcode: the grammar of 211 / AIRS taxonomy codes (FORMATS.md section 2).
 *
 * A code has one to six levels: B, BD, BD-1800, BD-1800.2000,
 * BT-4800.0500-060, BT-4800.0500-060-10 (older exports carry 3-digit
 * segments: BT-480.050-06).  Level 6 is also written with a dot, as real
 * exports do (RP-1400.8000-020.24); the normal form, stored and printed,
 * is the dash form (RP-1400.8000-020-24).  A compound term joins a service code and one or
 * more target codes (section Y) with " * ": classification uses the service
 * part; the targets are kept as an attribute.
 */
#ifndef NEEDSTAT_TAXCODE_H
#define NEEDSTAT_TAXCODE_H

#include <stddef.h>

#define TAXCODE_MAX 32     /* longest single code, with NUL */
#define TAXCODE_TARGETS_MAX 128

struct taxcode {
	char service[TAXCODE_MAX];   /* normalised service code, "BD-1800.2000" */
	int level;                   /* 1..6 of the service code */
	char targets[TAXCODE_TARGETS_MAX]; /* "YN-9000 * YF-3000", or "" */
	int ntargets;
};

/*
 * taxcode_parse: parse s[0..len) into *out.  Normalises what a person would
 * forgive: leading/trailing blanks, lower case letters, spaces around " * ",
 * spaces inside a code around '-' and '.' ("BD - 1800"); "BD*YN" is read
 * as "BD * YN"; a level-6 ".NN" becomes "-NN".  Anything else that does not match the grammar is
 * rejected, and the first letter must be a section letter (B D F H J L N P
 * R T Y).  The service part may not be a target code (section Y) when
 * targets follow; every target must be a section Y code; a lone Y code is
 * accepted (level as usual).  A blank value is an error ("is empty").
 * Returns 0, or NS_EDATA with *why a static phrase ("is empty", "is not a
 * taxonomy code", "unknown taxonomy section", "segment is too long",
 * "segment is too short", "empty segment after '.'", "empty target after
 * '*'", "too many targets" when targets[] would overflow).
 */
int taxcode_parse(const char *s, size_t len, struct taxcode *out,
		  const char **why);

/*
 * taxcode_check_prefix: check that s[0..len) (exact, no normalisation of
 * case) is a valid single code usable as a category-map prefix (levels
 * 1..6, no targets, level 6 in the stored dash form: a ".NN" level 6
 * would never match).  Returns 0 or NS_EDATA with *why set.
 */
int taxcode_check_prefix(const char *s, size_t len, const char **why);

/*
 * taxcode_section_name: English name of a level-1 section letter
 * ('B' -> "Basic Needs"), or NULL for a letter that is not a section.
 * fr != 0 gives the French name.
 */
const char *taxcode_section_name(char letter, int fr);

#endif
