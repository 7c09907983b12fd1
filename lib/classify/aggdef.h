/*
 * aggdef: the one definition of each aggregate table.
 *
 * agg_needs, agg_needs_year, agg_contacts and agg_referrals are kept in
 * step with the raw tables by the ingest (summed in memory, ingest_agg.c),
 * by replacement (the old version taken back) and by the rebuild after a
 * reclassification.  What each one holds is said once, here: its key
 * columns, its count columns and the query over the raw tables (or over
 * another aggregate: agg_needs_year rolls up agg_needs) that computes it.
 * The rebuild runs that query; the ingest writes the same columns
 * (aggdef_upsert_sql); tests compare every table with its query
 * (aggdef_diff) after loads, replacements and rebuilds.
 */
#ifndef NEEDSTAT_AGGDEF_H
#define NEEDSTAT_AGGDEF_H

#include <stddef.h>
#include <sqlite3.h>

#include "core/nserr.h"

struct aggdef {
	const char *table;       /* "agg_needs" */
	const char *keys;        /* key columns, primary-key order */
	const char *counts;      /* count columns, added on conflict */
	const char *query;       /* the definition: keys then counts */
	int nkeys, ncounts;      /* names in keys, in counts */
	unsigned what;           /* AGG_NEEDS / AGG_CONTACTS (reclassify.h)
				  * rebuilds that refresh it */
};

enum { AGGDEF_NEEDS, AGGDEF_NEEDS_YEAR, AGGDEF_CONTACTS, AGGDEF_REFERRALS,
       AGGDEF_N };

/* The definitions, in rebuild order (agg_needs before agg_needs_year). */
extern const struct aggdef aggdefs[AGGDEF_N];

/*
 * aggdef_rebuild: empty d->table and refill it from d->query, in the
 * caller's transaction.  Returns 0 or a database status.
 */
int aggdef_rebuild(sqlite3 *db, const struct aggdef *d, struct nserr *err);

/*
 * aggdef_upsert_sql: into buf[size], "INSERT INTO table(keys, counts)
 * VALUES (?1, ...) ON CONFLICT DO UPDATE SET c = c + excluded.c, ...":
 * the statement that adds one cell of in-memory counts.  Returns 0, or
 * NS_EINTERNAL when buf is too small.
 */
int aggdef_upsert_sql(const struct aggdef *d, char *buf, size_t size);

/*
 * aggdef_diff: *rows gets the number of rows in d->table and not in
 * d->query plus those in d->query and not in the table (0: in step).
 * Returns 0 or a database status.
 */
int aggdef_diff(sqlite3 *db, const struct aggdef *d, long long *rows,
		struct nserr *err);

#endif
