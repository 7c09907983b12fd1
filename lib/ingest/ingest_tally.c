/*
 * ingest_tally: counts of problems by kind, column and reason, with the
 * first example of each, for the summary and the batch_issues table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_int.h"

int tally_init(struct issue_tally *t)
{
	memset(t, 0, sizeof *t);
	return strmap_init(&t->index);
}

void tally_release(struct issue_tally *t)
{
	strmap_release(&t->index);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

void tally_clear(struct issue_tally *t)
{
	strmap_clear(&t->index);
	t->n = 0;
}

static int is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A full Canadian postal code (A9A 9A9, A9A9A9) at s[0..n): its length
 * (6 or 7), else 0. */
static size_t full_postal_at(const char *s, size_t n)
{
	size_t k;

	if (n < 6 || !is_alpha(s[0]) || !is_digit(s[1]) || !is_alpha(s[2]))
		return 0;
	k = (s[3] == ' ' || s[3] == '-') ? 4 : 3;
	if (n < k + 3 || !is_digit(s[k]) || !is_alpha(s[k + 1]) ||
	    !is_digit(s[k + 2]))
		return 0;
	return k + 3;
}

/* Mask the local part of full postal codes (K1A 0B1 -> K1A ***) and of
 * ZIP+4 codes (90210-1234 -> 90210-****) in v[0..n). */
static void mask_postal(char *v, size_t n)
{
	size_t i, k, d;

	for (i = 0; i < n; i++) {
		if ((k = full_postal_at(v + i, n - i)) != 0) {
			memset(v + i + k - 3, '*', 3);
			i += k - 1;
			continue;
		}
		for (d = 0; i + d < n && is_digit(v[i + d]); d++)
			;
		if (d == 5 && i + 10 <= n && v[i + 5] == '-' &&
		    is_digit(v[i + 6]) && is_digit(v[i + 7]) &&
		    is_digit(v[i + 8]) && is_digit(v[i + 9]))
			memset(v + i + 6, '*', 4);
		if (d)
			i += d - 1;
	}
}

/* The example of a new slot: see tally_add in ingest_int.h. */
static void keep_example(const struct issue_tally *t, struct issue_slot *s,
			 const char *column, const char *v, size_t len)
{
	char val[ISSUE_VALUE_MAX + 4];
	size_t n = len, cut = 0;

	if (!v)
		v = "", len = n = 0;
	if (!t->file) {
		n = len < sizeof s->example ? len : sizeof s->example - 1;
		memcpy(s->example, v, n);
		s->example[n] = '\0';
		return;
	}
	if (n > ISSUE_VALUE_MAX) {
		n = ISSUE_VALUE_MAX;
		while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;         /* not inside a UTF-8 character */
		cut = 1;
	}
	memcpy(val, v, n);
	if (strcmp(column, "postal_code") == 0)
		mask_postal(val, n);
	if (cut)
		memcpy(val + n, "...", 3), n += 3;
	val[n] = '\0';
	snprintf(s->example, sizeof s->example, "%.100s:%llu '%s'", t->file,
		 t->line, val);
}

int tally_add(struct issue_tally *t, const char *kind, const char *column,
	      const char *reason, const char *example, size_t example_len)
{
	return tally_add_n(t, kind, column, reason, example, example_len, 1);
}

int tally_add_n(struct issue_tally *t, const char *kind, const char *column,
		const char *reason, const char *example, size_t example_len,
		long count)
{
	char key[512];
	int64_t *slot;
	const char *kept;
	int n = snprintf(key, sizeof key, "%s\x1f%s\x1f%s", kind, column,
			 reason ? reason : "");
	int rc;

	if (n < 0 || (size_t)n >= sizeof key)
		n = (int)sizeof key - 1;
	rc = strmap_put(&t->index, key, (size_t)n, (int64_t)t->n, &slot, &kept);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		struct issue_slot *s;
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 32;
			s = realloc(t->slots, cap * sizeof *s);
			if (!s)
				return NS_ENOMEM;
			t->slots = s;
			t->cap = cap;
		}
		s = &t->slots[t->n++];
		s->key = kept;
		s->count = 0;
		keep_example(t, s, column, example, example_len);
	}
	t->slots[*slot].count += count;
	return 0;
}
