/*
 * refdata: loading the reference tables from CSV files: categories,
 * category maps (each load a new version), regions, crosswalks (FSA or ZIP
 * to region), populations and licensed term names.
 *
 * Files have a header row (columns matched by name, order free); lines
 * whose first field starts with '#' are comments.  Every row is checked;
 * the first bad row stops the load with "FILE:LINE: ..." and, because the
 * caller runs the load inside a transaction (or the function does when
 * none is open), nothing of a bad file is kept.
 */
#ifndef NEEDSTAT_REFDATA_H
#define NEEDSTAT_REFDATA_H

#include <sqlite3.h>

#include "nserr.h"

enum refdata_kind {
	REF_CATEGORIES,   /* id,name_en,name_fr,sort (names optional) */
	REF_MAP,          /* prefix,category  (or code_prefix,category) */
	REF_REGIONS,      /* id,level,parent_id,name_en,name_fr */
	REF_CROSSWALK,    /* key,region_id  (key: FSA or 5-digit ZIP) */
	REF_POPULATIONS,  /* region_id,year,population[,source] */
	REF_TERMS         /* code,name_en[,name_fr] */
};

struct refdata_result {
	long rows;          /* rows loaded */
	long map_version;   /* REF_MAP: the new version */
};

/*
 * refdata_load: load path (a file of the given kind) into db.  In its own
 * transaction unless one is already open (then the caller commits or rolls
 * back).  REF_MAP creates a new map version named after the file; its
 * categories must exist (load a categories file first for a centre's own
 * categories).  REF_REGIONS rebuilds region_ancestors.  *res may be NULL.
 * Returns 0, NS_ENOINPUT (cannot open), NS_EDATA/NS_ECONFIG (bad file,
 * message "FILE:LINE: ..."), or a database status.
 */
int refdata_load(sqlite3 *db, enum refdata_kind kind, const char *path,
		 struct refdata_result *res, struct nserr *err);

/*
 * refdata_load_bundled: load the bundled reference data of datadir/data
 * (categories, regions, populations, and the default category map when no
 * map is loaded yet) in the caller's transaction.  Running it again changes
 * nothing.
 */
int refdata_load_bundled(sqlite3 *db, const char *datadir, struct nserr *err);

/* refdata_rebuild_ancestors: recompute region_ancestors from regions. */
int refdata_rebuild_ancestors(sqlite3 *db, struct nserr *err);

#endif
