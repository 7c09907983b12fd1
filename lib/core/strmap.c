/*
 * strmap: linear-probing hash map with an arena for keys.
 */
#include "strmap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "nserr.h"

#define ARENA_BLOCK (256 * 1024)

int strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
	m->cap = 1024;
	m->slots = calloc(m->cap, sizeof *m->slots);
	return m->slots ? 0 : NS_ENOMEM;
}

void strmap_release(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->narenas; i++)
		free(m->arenas[i]);
	free(m->arenas);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

void strmap_clear(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->narenas; i++)
		free(m->arenas[i]);
	m->narenas = 0;
	m->arena_used = 0;
	m->arena_cap = 0;
	memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->count = 0;
}

uint64_t strmap_hash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static struct strmap_slot *find(const struct strmap *m, uint64_t h,
				const void *key, size_t len)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	/* the mask needs a power of two; the probe ends at a free slot,
	 * which the load limit of strmap_put (3/4) keeps */
	assert(m->cap && (m->cap & mask) == 0 && m->count < m->cap);
	for (;;) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->len == len &&
				memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & mask;
	}
}

int64_t *strmap_get(const struct strmap *m, const void *key, size_t len)
{
	struct strmap_slot *s = find(m, strmap_hash(key, len), key, len);
	return s->key ? &s->value : NULL;
}

static int grow(struct strmap *m)
{
	struct strmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (!m->slots) {
		m->slots = old;
		m->cap = oldcap;
		return NS_ENOMEM;
	}
	for (i = 0; i < oldcap; i++) {
		if (old[i].key)
			*find(m, old[i].hash, old[i].key, old[i].len) = old[i];
	}
	free(old);
	return 0;
}

static char *arena_copy(struct strmap *m, const void *key, size_t len)
{
	char *dst;

	if (m->narenas == 0 || m->arena_used + len + 1 > m->arena_cap) {
		size_t cap = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;
		char **na = realloc(m->arenas, (m->narenas + 1) * sizeof *na);
		if (!na)
			return NULL;
		m->arenas = na;
		if (!(na[m->narenas] = malloc(cap)))
			return NULL;
		/* keep the newest block last: it is the one being filled */
		m->narenas++;
		m->arena_used = 0;
		m->arena_cap = cap;
	}
	dst = m->arenas[m->narenas - 1] + m->arena_used;
	memcpy(dst, key, len);
	dst[len] = '\0';
	m->arena_used += len + 1;
	return dst;
}

int strmap_put(struct strmap *m, const void *key, size_t len, int64_t init,
	       int64_t **slot, const char **key_out)
{
	uint64_t h = strmap_hash(key, len);
	struct strmap_slot *s = find(m, h, key, len);
	char *copy;

	if (s->key) {
		if (slot)
			*slot = &s->value;
		if (key_out)
			*key_out = s->key;
		return 0;
	}
	if ((m->count + 1) * 4 > m->cap * 3) {
		if (grow(m) != 0)
			return NS_ENOMEM;
		s = find(m, h, key, len);
	}
	if (!(copy = arena_copy(m, key, len)))
		return NS_ENOMEM;
	s->hash = h;
	s->key = copy;
	s->len = len;
	s->value = init;
	m->count++;
	if (slot)
		*slot = &s->value;
	if (key_out)
		*key_out = copy;
	return 1;
}
