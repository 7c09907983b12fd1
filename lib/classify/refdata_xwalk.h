/*
 * refdata_xwalk: deciding the region of each key of a crosswalk file
 * (internal to refdata.c): the rows go to temp.ns_xwalk(key, region_id,
 * weight, line) between xwalk_begin and xwalk_finish.
 */
#ifndef NEEDSTAT_REFDATA_XWALK_H
#define NEEDSTAT_REFDATA_XWALK_H

#include <sqlite3.h>

#include "core/nserr.h"

/* xwalk_begin: create an empty temp.ns_xwalk.  Returns 0 or a status. */
int xwalk_begin(sqlite3 *db, struct nserr *err);

/*
 * xwalk_finish: check and apply the rows of temp.ns_xwalk read from path.
 * Without weights (weighted 0) a key on several rows is NS_EDATA naming
 * each such key with path:line of each of its rows.  A row naming an
 * unknown region is NS_EDATA "path:line: ...".  Otherwise each key is
 * put in region_keys (replacing an earlier entry) with the region of its
 * largest weight (summed over the key's rows for that region; ties: the
 * smallest region id in byte order).  *keys gets the distinct keys, *split
 * those with more than one region.  Returns 0 or a status; the caller's
 * savepoint undoes a partial load.
 */
int xwalk_finish(sqlite3 *db, const char *path, int weighted, long *keys,
		 long *split, struct nserr *err);

/* xwalk_end: drop temp.ns_xwalk (never fails). */
void xwalk_end(sqlite3 *db);

#endif
