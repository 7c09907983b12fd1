/*
 * classify: the in-memory classifier used while ingesting: taxonomy code ->
 * reporting category (longest prefix of the map in force), category names
 * -> category, postal key -> region and province.  Built once from the
 * database; no SQL per row.
 */
#ifndef NEEDSTAT_CLASSIFY_H
#define NEEDSTAT_CLASSIFY_H

#include <sqlite3.h>
#include <stddef.h>

#include "nserr.h"
#include "postal.h"
#include "strmap.h"

struct classify_region {
	const char *id;          /* owned by the classifier */
	const char *province;    /* province/state region id, or NULL */
};

struct classify {
	long map_version;        /* version in force (0: none loaded) */
	struct strmap prefixes;  /* prefix -> category index */
	struct strmap catnames;  /* folded id / name_en / name_fr -> index */
	struct strmap keys;      /* FSA or ZIP -> region index */
	struct strmap regionids; /* region id -> region index */
	char **cats;             /* category ids by index */
	size_t ncats;
	int other;               /* index of 'other' */
	struct classify_region *regions;
	size_t nregions;
	int unknown;             /* index of region 'unknown' */
	size_t max_prefix;       /* longest prefix length */
};

/*
 * classify_load: build *c from db (categories, map in force, regions,
 * crosswalk).  Returns 0 or a status (NS_ECONFIG when the database has no
 * categories or no 'other' category or no 'unknown' region).
 * Release with classify_release.
 */
int classify_load(struct classify *c, sqlite3 *db, struct nserr *err);

/* classify_release: free what *c owns. */
void classify_release(struct classify *c);

/*
 * classify_code: category index of a normalised service code
 * code[0..len): the longest map prefix it starts with (plain string
 * prefix), else the 'other' index.
 */
int classify_code(const struct classify *c, const char *code, size_t len);

/*
 * classify_category_name: category index for s[0..len) given as a
 * category id or an English or French category name (case, accents and
 * surrounding blanks ignored), or -1.
 */
int classify_category_name(const struct classify *c, const char *s,
			   size_t len);

/*
 * classify_region_of: region index for a parsed postal code: the crosswalk
 * entry of its key if any; else for Canada the province (X0A-X0C NU,
 * other X NT), for a US ZIP its state, else 'unknown'.
 */
int classify_region_of(const struct classify *c, const struct postal *pc);

/* classify_region_id: region index of a region id, or -1. */
int classify_region_id(const struct classify *c, const char *id, size_t len);

#endif
