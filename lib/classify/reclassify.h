/*
 * reclassify: bringing stored data back in line with the reference data.
 *
 * A new category map does not touch the needs already stored until
 * reclassify_needs applies it; a new crosswalk or regions file changes
 * where stored contacts belong, and reclassify_load_regions re-derives
 * their region and province from the stored postal key.  Both rebuild the
 * monthly aggregates from the raw tables (agg_rebuild) in the same
 * transaction, so agg_needs and agg_contacts always equal the GROUP BY of
 * contacts and needs.  reclassify_unmapped lists the codes the map leaves
 * in 'other'.
 */
#ifndef NEEDSTAT_RECLASSIFY_H
#define NEEDSTAT_RECLASSIFY_H

#include <sqlite3.h>

#include "core/nserr.h"
#include "refdata.h"

enum {
	AGG_NEEDS = 1,        /* agg_needs */
	AGG_CONTACTS = 2,     /* agg_contacts */
	AGG_ALL = 3
};

struct reclassify_stats {
	long map_version;     /* the map applied */
	long needs;           /* needs with a code (reclassified) */
	long changed;         /* needs whose category changed */
	long contacts;        /* contacts re-derived */
	long regions_changed; /* contacts whose region or province changed */
};

/*
 * agg_rebuild: empty and refill the aggregates named by what (AGG_NEEDS:
 * agg_needs and agg_needs_year; AGG_CONTACTS: agg_contacts; either:
 * agg_referrals) from the raw tables with their definitions (aggdef.h),
 * the grouping the ingest maintains.  Runs in the caller's transaction if
 * one is open, else in its own.  Returns 0 or a database status.
 */
int agg_rebuild(sqlite3 *db, unsigned what, struct nserr *err);

/*
 * reclassify_needs: classify every stored need that has a code with the
 * map in force (longest prefix of its service part), record that map
 * version on it, and rebuild agg_needs; needs stored with a given category
 * (no code, map_version 0) keep it.  One transaction (the caller's if
 * open).  *st (not NULL) gets map_version, needs and changed.  Returns 0
 * or a status (NS_ECONFIG: database not initialised).
 */
int reclassify_needs(sqlite3 *db, struct reclassify_stats *st,
		     struct nserr *err);

/*
 * reclassify_regions: recompute region_id and province of every stored
 * contact from its postal_key (FSA or ZIP) with the crosswalk and regions
 * in force, as the ingest would (a contact without a postal key goes to
 * 'unknown'), then rebuild both aggregates.  A region given in the input's
 * `region` column is not stored apart from the derived one, so it is
 * replaced too.  One transaction (the caller's if open).  *st (not NULL)
 * gets contacts and regions_changed.  Returns 0 or a status.
 */
int reclassify_regions(sqlite3 *db, struct reclassify_stats *st,
		       struct nserr *err);

/*
 * reclassify_load_regions: refdata_load of a REF_CROSSWALK or REF_REGIONS
 * file followed by reclassify_regions, in one transaction (the caller's if
 * open): both or neither.  *res and *st may be NULL.  Returns as
 * refdata_load, or NS_EUSAGE for another kind.
 */
int reclassify_load_regions(sqlite3 *db, enum refdata_kind kind,
			    const char *path, struct refdata_result *res,
			    struct reclassify_stats *st, struct nserr *err);

/*
 * reclassify_load_crosswalk: refdata_load_crosswalk(db, path, weight_col)
 * followed by reclassify_regions, as reclassify_load_regions.
 */
int reclassify_load_crosswalk(sqlite3 *db, const char *path,
			      const char *weight_col,
			      struct refdata_result *res,
			      struct reclassify_stats *st, struct nserr *err);

/*
 * reclassify_unmapped: call fn with the header "code,needs,prefix,category"
 * and then each stored code whose needs are in category 'other',
 * 'unclassified' (not a taxonomy code) or 'target_only', with its
 * count of such needs, most frequent first (ties by code).  prefix and
 * category say what the map in force does with the code now: the prefix
 * that sends it to 'other' ('Y', say) or NULL when no prefix matches at
 * all; a category other than 'other' means a newer map maps it and
 * reclassify_needs has not run yet.  Returns 0, fn's status or a database
 * status.
 */
int reclassify_unmapped(sqlite3 *db, refdata_row_fn fn, void *ctx,
			struct nserr *err);

#endif
