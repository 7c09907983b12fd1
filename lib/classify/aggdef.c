/*
 * aggdef: the definitions of the aggregate tables and the three things
 * done with them (rebuild, the ingest's upsert, the check).  See aggdef.h.
 */
#include "aggdef.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "reclassify.h"

const struct aggdef aggdefs[AGGDEF_N] = {
	{"agg_needs", "month, category, region_id, status, reason",
	 "needs, referrals",
	 "SELECT c.month, n.category, c.region_id, n.status, "
	 "coalesce(n.reason, ''), count(*), sum(coalesce(n.referrals, 0)) "
	 "FROM needs n JOIN contacts c ON c.id = n.contact_id "
	 "GROUP BY 1, 2, 3, 4, 5", 5, 2, AGG_NEEDS},
	{"agg_needs_year", "year, category, region_id, status",
	 "needs, referrals",
	 "SELECT month / 100, category, region_id, status, sum(needs), "
	 "sum(referrals) FROM agg_needs GROUP BY 1, 2, 3, 4", 4, 2, AGG_NEEDS},
	{"agg_contacts", "month, region_id, channel, language, age_group, "
	 "gender", "contacts, needs",
	 "SELECT c.month, c.region_id, coalesce(c.channel, ''), "
	 "coalesce(c.language, ''), coalesce(c.age_group, ''), "
	 "coalesce(c.gender, ''), count(*), "
	 "sum((SELECT count(*) FROM needs n WHERE n.contact_id = c.id)) "
	 "FROM contacts c GROUP BY 1, 2, 3, 4, 5, 6", 6, 2, AGG_CONTACTS},
	/* referrals are kept by category and by region: either rebuild */
	{"agg_referrals", "month, category, region_id, agency", "referrals",
	 "SELECT c.month, n.category, c.region_id, r.agency, count(*) "
	 "FROM referrals r JOIN needs n ON n.contact_id = r.contact_id "
	 "AND n.seq = r.seq "
	 "JOIN contacts c ON c.id = n.contact_id GROUP BY 1, 2, 3, 4", 4, 1,
	 AGG_ALL},
};

int aggdef_rebuild(sqlite3 *db, const struct aggdef *d, struct nserr *err)
{
	char sql[1024];
	int n = snprintf(sql, sizeof sql, "DELETE FROM %s; INSERT INTO %s "
			 "(%s, %s) %s", d->table, d->table, d->keys, d->counts,
			 d->query);

	if (n < 0 || (size_t)n >= sizeof sql)
		return nserr_set(err, NS_EINTERNAL, "aggregate definition of "
				 "%s too long", d->table);
	return db_exec(db, sql, err);
}

int aggdef_upsert_sql(const struct aggdef *d, char *buf, size_t size)
{
	int nk = d->nkeys, nc = d->ncounts, i;
	size_t n;
	const char *p = d->counts;
	int w = snprintf(buf, size, "INSERT INTO %s(%s, %s) VALUES (",
			 d->table, d->keys, d->counts);

	if (w < 0 || (size_t)w >= size)
		return NS_EINTERNAL;
	n = (size_t)w;
	for (i = 1; i <= nk + nc; i++) {
		w = snprintf(buf + n, size - n, "?%d%s", i,
			     i < nk + nc ? ", " : ") ON CONFLICT DO UPDATE SET ");
		if (w < 0 || (size_t)w >= size - n)
			return NS_EINTERNAL;
		n += (size_t)w;
	}
	for (i = 0; i < nc; i++) {
		size_t len;
		while (*p == ' ' || *p == ',')
			p++;
		len = strcspn(p, ",");
		w = snprintf(buf + n, size - n, "%s%.*s = %.*s + excluded.%.*s",
			     i ? ", " : "", (int)len, p, (int)len, p, (int)len,
			     p);
		if (w < 0 || (size_t)w >= size - n)
			return NS_EINTERNAL;
		n += (size_t)w;
		p += len;
	}
	return 0;
}

int aggdef_diff(sqlite3 *db, const struct aggdef *d, long long *rows,
		struct nserr *err)
{
	char sql[2048];
	int n = snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM "
			 "(SELECT %s, %s FROM %s EXCEPT %s)) + (SELECT count(*) "
			 "FROM (%s EXCEPT SELECT %s, %s FROM %s))", d->keys,
			 d->counts, d->table, d->query, d->query, d->keys,
			 d->counts, d->table);

	if (n < 0 || (size_t)n >= sizeof sql)
		return nserr_set(err, NS_EINTERNAL, "aggregate definition of "
				 "%s too long", d->table);
	return db_int(db, sql, 0, rows, err);
}
