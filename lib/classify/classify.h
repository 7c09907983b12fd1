/*
 * classify: the in-memory classifier used while ingesting: taxonomy code ->
 * reporting category (longest prefix of the map in force), category names
 * -> category, postal key -> region and province.  Built once from the
 * database; no SQL per row.  The same tables answer the tools'
 * `classify CODE` and `resolve POSTAL` questions (classify_explain,
 * classify_resolve), so what they print is what the ingest does.
 */
#ifndef NEEDSTAT_CLASSIFY_H
#define NEEDSTAT_CLASSIFY_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/nserr.h"
#include "postal.h"
#include "core/strmap.h"
#include "taxcode.h"

struct classify_region {
	const char *id;          /* owned by the classifier */
	const char *province;    /* province/state region id, or NULL */
	const char *level;       /* 'country', 'province', 'state', ... */
	const char *name_en, *name_fr;
	const char *parent_id;   /* or NULL */
	int parent;              /* index of the parent region, -1 none */
};

struct classify {
	long map_version;        /* version in force (0: none loaded) */
	struct strmap prefixes;  /* prefix -> category index */
	struct strmap catnames;  /* folded id / name_en / name_fr -> index */
	struct strmap keys;      /* FSA or ZIP -> region index */
	struct strmap regionids; /* region id -> region index */
	struct strmap regionci;  /* lower-cased id -> index, -1 ambiguous */
	char **cats;             /* category ids by index */
	char **cat_en, **cat_fr; /* category names by index */
	size_t ncats;
	int other;               /* index of 'other' */
	int unclassified;        /* 'unclassified': not a taxonomy code */
	int target_only;         /* 'target_only': a lone section Y code */
	struct classify_region *regions;
	size_t nregions;
	int unknown;             /* index of region 'unknown' */
	size_t max_prefix;       /* longest prefix length */
};

/* What classify_explain found for one taxonomy code. */
struct classify_info {
	struct taxcode code;     /* service, level, targets */
	char text[TAXCODE_MAX + TAXCODE_TARGETS_MAX + 4]; /* "BD * YN-9000" */
	int category;            /* category index */
	size_t prefix_len;       /* matched prefix: code.service[0..n); 0 none */
};

/* What classify_resolve found for one postal code or ZIP. */
struct classify_place {
	struct postal postal;    /* kind, key (FSA or ZIP) */
	int region;              /* finest region index (maybe 'unknown') */
	int province;            /* province/state region index, -1 none */
};

/*
 * classify_load: build *c from db (categories, map in force, regions,
 * crosswalk).  Returns 0 or a status (NS_ECONFIG when the database has no
 * categories or no 'other' category or no 'unknown' region).
 * Release with classify_release (also after a failure).
 */
int classify_load(struct classify *c, sqlite3 *db, struct nserr *err);

/* classify_release: free what *c owns. */
void classify_release(struct classify *c);

/*
 * classify_code: category index of a normalised service code
 * code[0..len): the longest map prefix it starts with (plain string
 * prefix), else classify_fallback.
 */
int classify_code(const struct classify *c, const char *code, size_t len);

/*
 * classify_fallback: the category of a code no map prefix matches:
 * 'unclassified' when code[0..len) is not a taxonomy code (a raw code
 * kept as written: a local extension X_..., another scheme, a counter),
 * 'target_only' for a section Y code, else 'other'.  A database without
 * the first two categories (not migrated) gives 'other' for all three.
 */
int classify_fallback(const struct classify *c, const char *code,
		      size_t len);

/*
 * classify_code_raw: category index of a code kept as written because it
 * is not a taxonomy code (codes.level 0): the longest map prefix for raw
 * codes (starting with "X_" or a digit) it starts with, else
 * 'unclassified'.  Taxonomy prefixes never match a raw code.
 */
int classify_code_raw(const struct classify *c, const char *code,
		      size_t len);

/* classify_stored: a stored code's category: classify_code_raw for level
 * 0, else classify_code. */
int classify_stored(const struct classify *c, const char *service,
		    int level);

/* classify_is_unmapped: 1 when category is one of the three fallbacks. */
int classify_is_unmapped(const struct classify *c, int category);

/*
 * classify_code_prefix: as classify_code; *plen (not NULL) gets the length
 * of the prefix that matched, 0 when none did (then classify_fallback).
 */
int classify_code_prefix(const struct classify *c, const char *code,
			 size_t len, size_t *plen);

/*
 * classify_explain: parse s[0..len) as a taxonomy code (taxcode_parse:
 * normalised, compound allowed) and classify its service part.  Fills
 * *out.  Returns 0, or NS_EDATA with *why a static phrase (as
 * taxcode_parse).
 */
int classify_explain(const struct classify *c, const char *s, size_t len,
		     struct classify_info *out, const char **why);

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

/*
 * classify_resolve: parse s[0..len) as a postal code or ZIP (postal_parse)
 * and find its region and province/state.  A blank value resolves to
 * 'unknown'.  Returns 0, or NS_EDATA with *why a static phrase for an
 * invalid value.  Walk the chain with c->regions[i].parent.
 */
int classify_resolve(const struct classify *c, const char *s, size_t len,
		     struct classify_place *out, const char **why);

/* classify_region_id: region index of a region id, or -1.  An id that is
 * not one as written matches in any (ASCII) case, unless two ids differ
 * only in case. */
int classify_region_id(const struct classify *c, const char *id, size_t len);

#endif
