/*
 * refdata: loading the reference tables from CSV files: categories,
 * category maps (each load a new version), regions, crosswalks (FSA or ZIP
 * to region), populations and licensed term names; and listing them back.
 *
 * Files have a header row (columns matched by name, order free, unknown
 * columns ignored); lines whose first field starts with '#' are comments.
 * Every row is checked; the first bad row stops the load with
 * "FILE:LINE: ..." and nothing of a bad file is kept: each load runs in a
 * savepoint, inside the caller's transaction or its own.
 */
#ifndef NEEDSTAT_REFDATA_H
#define NEEDSTAT_REFDATA_H

#include <sqlite3.h>

#include "core/nserr.h"

enum refdata_kind {
	REF_CATEGORIES,   /* id,name_en,name_fr,sort (names optional) */
	REF_MAP,          /* prefix,category  (or code_prefix,category) */
	REF_REGIONS,      /* id,level,parent_id,name_en,name_fr */
	REF_CROSSWALK,    /* key,region_id[,weight]  (FSA or 5-digit ZIP) */
	REF_POPULATIONS,  /* region_id,year,population[,source] */
	REF_TERMS         /* code,name_en[,name_fr] */
};

struct refdata_result {
	long rows;          /* rows loaded */
	long map_version;   /* REF_MAP: the new version */
	long keys;          /* REF_CROSSWALK: distinct keys (else rows) */
	long split_keys;    /* REF_CROSSWALK: keys on rows of several
			     * regions, each put in its largest share */
};

/*
 * A row of a listing: vals[0..ncols) (NULL for SQL NULL), valid only during
 * the call.  The first call of a listing passes the column names.  Return
 * 0 to go on, or a negative status to stop the listing (it is returned).
 */
typedef int (*refdata_row_fn)(void *ctx, int ncols, const char *const *vals);

/* What refdata_list_map listed. */
struct refdata_map_info {
	long version;
	char name[256];       /* file the map came from */
	char loaded_at[32];   /* UTC, ISO 8601 */
	long rows;
};

/*
 * refdata_load: load path (a file of the given kind) into db.  In its own
 * transaction unless one is already open; either way a failed load leaves
 * nothing behind (savepoint).  REF_CATEGORIES adds categories or updates
 * the names given (an absent name column keeps the stored names; a new
 * category without names is labelled with its id).  REF_MAP creates a new
 * map version named after the file, with the file's SHA-256; its
 * categories must exist.  REF_REGIONS adds or updates regions (a child may
 * come before its parent) and rebuilds region_ancestors.  REF_CROSSWALK
 * adds or replaces keys, as refdata_load_crosswalk with the weight column
 * named "weight".  *res may be NULL.  Stored contacts are not
 * touched (see reclassify.h).  Returns 0, NS_ENOINPUT (cannot open),
 * NS_EDATA (bad file, message "FILE:LINE: ..."), or a database status.
 */
int refdata_load(sqlite3 *db, enum refdata_kind kind, const char *path,
		 struct refdata_result *res, struct nserr *err);

/*
 * refdata_load_crosswalk: load the crosswalk path (key,region_id and an
 * optional weight column, named weight_col, or "weight" when NULL; a
 * weight_col that is not in the header is NS_EDATA).  Without a weight
 * column each key must be on one row: repeated keys are NS_EDATA naming
 * each with FILE:LINE of its rows, and nothing is loaded.  With weights
 * (numbers >= 0 on every row) a key on rows of several regions goes to
 * the region of its largest weight (ties: the smallest region id, byte
 * order); res->split_keys counts such keys.  Keys already stored are
 * replaced.  Otherwise as refdata_load.
 */
int refdata_load_crosswalk(sqlite3 *db, const char *path,
			   const char *weight_col, struct refdata_result *res,
			   struct nserr *err);

/*
 * refdata_load_map: load the categories file cats_path (may be NULL) and
 * then the map map_path as a new version, in one transaction (its own
 * unless one is open): both or neither.  res->rows counts the map's
 * prefixes; *ncats (may be NULL) the categories rows.  Returns as
 * refdata_load.
 */
int refdata_load_map(sqlite3 *db, const char *map_path, const char *cats_path,
		     struct refdata_result *res, long *ncats,
		     struct nserr *err);

/*
 * refdata_load_bundled: load the bundled reference data of datadir/data
 * (categories, regions, populations, and the default category map when no
 * map is loaded yet) in the caller's transaction.  Running it again changes
 * nothing.
 */
int refdata_load_bundled(sqlite3 *db, const char *datadir, struct nserr *err);

/* refdata_rebuild_ancestors: recompute region_ancestors from regions. */
int refdata_rebuild_ancestors(sqlite3 *db, struct nserr *err);

/*
 * refdata_list_map: call fn with the header "prefix,category" and then
 * each prefix of map version (0: the one in force), sorted by prefix
 * (byte order).  *info (may be NULL) gets the version's name and date.
 * Returns 0, NS_EDATA when there is no such version, fn's status, or a
 * database status.
 */
int refdata_list_map(sqlite3 *db, long version, refdata_row_fn fn, void *ctx,
		     struct refdata_map_info *info, struct nserr *err);

/*
 * refdata_list_regions: call fn with the header "id,level,parent_id,
 * name_en,name_fr,population,year" and then each region (of level, when
 * not NULL) in tree order (country, then its provinces, each followed by
 * its finer regions); population and year are the latest population
 * loaded for the region (NULL when none).  Returns 0, fn's status or a
 * database status.
 */
int refdata_list_regions(sqlite3 *db, const char *level, refdata_row_fn fn,
			 void *ctx, struct nserr *err);

/*
 * refdata_query_rows: run sql (parameters ?1.. bound to the NULL-ended
 * texts args, which may be NULL) and hand the header and each row to fn.
 * Shared by the listings of this module and of reclassify.  Returns 0,
 * fn's status or a database status.
 */
int refdata_query_rows(sqlite3 *db, const char *sql, const char *const *args,
		       refdata_row_fn fn, void *ctx, struct nserr *err);

#endif
