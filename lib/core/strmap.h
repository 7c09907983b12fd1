/*
 * strmap: an open-addressing hash map from byte strings to 64-bit values,
 * for the in-memory dictionaries of the ingest (codes, map prefixes, region
 * keys, aggregate keys).  Keys are copied into an arena owned by the map.
 */
#ifndef NEEDSTAT_STRMAP_H
#define NEEDSTAT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	uint64_t hash;
	const char *key;        /* NULL: empty slot */
	size_t len;
	int64_t value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
	char **arenas;          /* key storage blocks */
	size_t narenas, arena_used, arena_cap;
};

/* strmap_init: an empty map.  Returns 0 or NS_ENOMEM. */
int strmap_init(struct strmap *m);

/* strmap_release: free everything the map owns; *m may be reused after
 * strmap_init. */
void strmap_release(struct strmap *m);

/* strmap_hash: the hash used for key[0..len) (FNV-1a, 64-bit). */
uint64_t strmap_hash(const void *key, size_t len);

/*
 * strmap_get: pointer to the value stored for key[0..len), or NULL.
 * The pointer is valid until the next insertion.
 */
int64_t *strmap_get(const struct strmap *m, const void *key, size_t len);

/*
 * strmap_put: find or insert key[0..len); a new key gets value init.
 * *slot (if not NULL) gets the value's address (valid until the next
 * insertion) and *key_out (if not NULL) the map's NUL-terminated copy of
 * the key (valid until strmap_release).  Returns 1 if inserted, 0 if
 * found, NS_ENOMEM on allocation failure.
 */
int strmap_put(struct strmap *m, const void *key, size_t len, int64_t init,
	       int64_t **slot, const char **key_out);

/* strmap_clear: remove all keys (keeps the allocation). */
void strmap_clear(struct strmap *m);

#endif
