/*
 * profile_value: the small languages inside a profile's values -- column
 * expressions (`Date + " " + Time`), comma-separated lists with quoted
 * items, date format names and zones -- and the value-level operations the
 * ingest applies with them: folding a value for matching, looking it up in
 * a value map or drop rule, and turning a vendor date-time into ISO 8601.
 */
#ifndef NEEDSTAT_PROFILE_VALUE_H
#define NEEDSTAT_PROFILE_VALUE_H

#include <stddef.h>

#include "profile.h"

#define PV_KEY_MAX 256

/*
 * pv_fold: the matching key of s[0..len): blanks trimmed, inner runs of
 * blanks made one space, case folded (ASCII directly, other text with
 * utf8proc), into buf[size].  Returns the key length, or -1 when it does
 * not fit or is not valid UTF-8.
 */
int pv_fold(const char *s, size_t len, char *buf, size_t size);

/*
 * pv_expr: parse a column expression into *out (terms owned by *out; free
 * with pv_expr_release).  Terms are separated by " + " (a plus with a
 * blank on each side); a term in double quotes is a constant text (""
 * inside is one quote), "@row" the file and line of the record, "#N"
 * the N-th column, any other term a source header name.  Returns 0,
 * NS_ECONFIG with *why a static phrase, or NS_ENOMEM.
 */
int pv_expr(const char *value, struct pexpr *out, const char **why);

/*
 * pv_position: the 0-based field index named by "#N" (N >= 1, at most four
 * digits) in s[0..len), or -1 when s is not of that form.
 */
int pv_position(const char *s, size_t len);

/* pv_expr_release: free the terms of *e and clear it. */
void pv_expr_release(struct pexpr *e);

/* Called for each item of a list: s[0..len) unquoted; quoted is 1 when
 * the item was written in double quotes.  Returns 0 or a status. */
typedef int (*pv_item_fn)(void *ctx, const char *s, size_t len, int quoted);

/*
 * pv_list: split a comma-separated list (items trimmed; "..." quotes an
 * item holding commas or blanks, "" is an empty item) and call fn for
 * each item.  Returns 0, fn's first non-zero status, or NS_ECONFIG (*why
 * set) for an unterminated quote or text after a closing quote.
 */
int pv_list(const char *value, pv_item_fn fn, void *ctx, const char **why);

/* pv_format: a date format name (ISO, MM/DD/YYYY, DD/MM/YYYY, YYYY-MM-DD,
 * YYYY/MM/DD; M/D/YYYY and D/M/YYYY too; any case) into *out.  Returns 0
 * or NS_ECONFIG. */
int pv_format(const char *s, size_t len, enum dt_form *out);

/* pv_format_name: the display name of a form ("MM/DD/YYYY"). */
const char *pv_format_name(enum dt_form f);

/* pv_zone: a zone abbreviation (EST, MDT, UTC, ...) or an offset
 * (+HH:MM, -HHMM, -HH) into minutes east of UTC.  Returns 0 or
 * NS_ECONFIG. */
int pv_zone(const char *s, int *minutes);

/* pmap_init / pmap_release: an empty map; free what it owns. */
int pmap_init(struct pmap *m);
void pmap_release(struct pmap *m);

/*
 * pmap_target: index of target text t in m->to[] (added when new).
 * Returns the index (>= 0) or NS_ENOMEM.
 */
int pmap_target(struct pmap *m, const char *t);

/*
 * pmap_add: map source value s[0..len) to target index ti.  An unquoted
 * "*" means any other non-blank value; an empty item a blank cell.
 * Returns 0; 1 when the value is already mapped to another target (*prev
 * gets that target's index); NS_ECONFIG when the value cannot be folded;
 * NS_ENOMEM.
 */
int pmap_add(struct pmap *m, const char *s, size_t len, int quoted, int ti,
	     int *prev);

/*
 * pmap_find: target index for s[0..len), or -1 when no entry matches
 * (blank values match only a '""' entry; other values their own entry,
 * else '*').  *exact (when not NULL) is 1 when the value's own entry
 * matched.
 */
int pmap_find(const struct pmap *m, const char *s, size_t len, int *exact);

/*
 * pv_date_iso: parse s[0..len) with c's formats in order (the first that
 * reads it wins), apply c's fixed zone when the value names none, and
 * write ISO 8601 text ("2017-12-27T09:02:27-07:00", or the date alone)
 * into buf[size] (>= 32).  Returns the length, or NS_EDATA with the
 * reason written into why[whysize] ("is not a date (MM/DD/YYYY: month out
 * of range)").
 */
int pv_date_iso(const struct pcol *c, const char *s, size_t len, char *buf,
		size_t size, char *why, size_t whysize);

/*
 * pv_check: NULL when s[0..len) is a value canonical column col accepts
 * (or col has no fixed set of values), else why not (a static phrase).
 * Blank values are accepted.
 */
const char *pv_check(int col, const char *s, size_t len);

#endif
