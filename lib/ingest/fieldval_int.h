/*
 * fieldval_int: helpers shared by fieldval.c and fieldval_lang.c (not part
 * of the API): a folded key -> canonical value table entry, trimming,
 * folding and table lookup.
 */
#ifndef NEEDSTAT_FIELDVAL_INT_H
#define NEEDSTAT_FIELDVAL_INT_H

#include <stddef.h>

#define KEY_MAX 64
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct kv {
	const char *k;   /* folded key */
	const char *v;   /* canonical value */
};

/* fv_fail: set *why to msg (if why) and return NS_EDATA. */
int fv_fail(const char **why, const char *msg);
/* fv_trim: trim blanks off s[0..*len); returns the new start. */
const char *fv_trim(const char *s, size_t *len);
/* fv_fold: s[0..len) into buf[KEY_MAX], ASCII lower case, blank runs (and
 * '-'/'_' runs when dash) made one space; the key length or -1 when too
 * long; *high set when a byte >= 0x80 occurs. */
int fv_fold(const char *s, size_t len, int dash, char *buf, int *high);
/* fv_bsearch_kv: binary lookup of key in the sorted t[0..n), or NULL. */
const char *fv_bsearch_kv(const struct kv *t, size_t n, const char *key);

#endif
