/*
 * ingest_tally: counts of problems by kind, column and reason, with the
 * first example of each, for the summary and the batch_issues table.
 */
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
		if (example_len >= sizeof s->example)
			example_len = sizeof s->example - 1;
		/* a postal code may be a full one: never keep more than the
		 * FSA's three characters of it */
		if (strcmp(column, "postal_code") == 0 && example_len > 3)
			example_len = 3;
		if (example)
			memcpy(s->example, example, example_len);
		s->example[example ? example_len : 0] = '\0';
	}
	t->slots[*slot].count += count;
	return 0;
}
