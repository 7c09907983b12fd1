/*
 * report_data: the flat month x category x region x status table of the
 * needs (report_data.h), straight from the agg_needs aggregate with the
 * category and region names in both languages.
 */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "report_data.h"

static const char data_sql[] =
	"SELECT a.month, coalesce(c.name_en, a.category),"
	" coalesce(c.name_fr, c.name_en, a.category),"
	" coalesce(r.name_en, a.region_id),"
	" coalesce(r.name_fr, r.name_en, a.region_id), a.status,"
	" sum(a.needs), sum(a.referrals)"
	" FROM agg_needs a"
	" LEFT JOIN categories c ON c.id = a.category"
	" LEFT JOIN regions r ON r.id = a.region_id"
	" WHERE (?1 = 0 OR a.month >= ?1) AND (?2 = 0 OR a.month <= ?2)"
	" AND (?3 IS NULL OR a.region_id IN (SELECT region_id FROM"
	" region_ancestors WHERE ancestor_id = ?3))"
	" AND (?4 IS NULL OR a.category = ?4)"
	" GROUP BY a.month, a.category, a.region_id, a.status"
	" ORDER BY a.month, coalesce(c.sort, 1000000), a.category,"
	" a.region_id, CASE a.status WHEN 'met' THEN 1 WHEN 'partial' THEN 2"
	" WHEN 'unmet' THEN 3 ELSE 4 END";

/* The statuses of agg_needs and their labels. */
static const char *const status_names[][3] = {
	{"met", "Met", "Combl\xc3\xa9"},
	{"partial", "Partly met", "Partiellement combl\xc3\xa9"},
	{"unmet", "Unmet", "Non combl\xc3\xa9"},
	{"unrecorded", "Not recorded", "Non consign\xc3\xa9"},
};

static int columns(struct table *t)
{
	if (table_set_id(t, "data") ||
	    table_set_title(t, "Needs by month, category, region and status",
			    "Besoins par mois, cat\xc3\xa9gorie, r\xc3\xa9gion "
			    "et issue") ||
	    table_add_col(t, "month", COL_MONTH, "Month", "Mois") < 0 ||
	    table_add_col(t, "category", COL_TEXT, "Category",
			  "Cat\xc3\xa9gorie") < 0 ||
	    table_add_col(t, "region", COL_TEXT, "Region",
			  "R\xc3\xa9gion") < 0 ||
	    table_add_col(t, "status", COL_TEXT, "Status", "Issue") < 0 ||
	    table_add_col(t, "needs", COL_INT, "Needs", "Besoins") < 0 ||
	    table_add_col(t, "referrals", COL_INT, "Referrals given",
			  "Orientations donn\xc3\xa9" "es") < 0 ||
	    table_add_note(t, "Not suppressed: every count is shown, however "
			   "small; for internal use only.", "Non masqu\xc3\xa9"
			   "\xc2\xa0: chaque effectif est montr\xc3\xa9, si "
			   "petit soit-il\xc2\xa0; usage interne seulement."))
		return NS_ENOMEM;
	table_set_min_cell(t, 1);
	return 0;
}

/* add_row: the current row of st into t. */
static int add_row(sqlite3_stmt *st, struct table *t)
{
	const char *s = (const char *)sqlite3_column_text(st, 5);
	const char *en = s, *fr = s;
	char month[16];
	int r, m = sqlite3_column_int(st, 0);
	size_t i;

	for (i = 0; s && i < sizeof status_names / sizeof *status_names; i++)
		if (!strcmp(s, status_names[i][0])) {
			en = status_names[i][1];
			fr = status_names[i][2];
		}
	snprintf(month, sizeof month, "%04d-%02d", m / 100 % 10000, m % 100);
	if ((r = table_add_row(t)) < 0)
		return r;
	if (table_set_text(t, (size_t)r, 0, month, NULL) ||
	    table_set_text(t, (size_t)r, 1,
			   (const char *)sqlite3_column_text(st, 1),
			   (const char *)sqlite3_column_text(st, 2)) ||
	    table_set_text(t, (size_t)r, 2,
			   (const char *)sqlite3_column_text(st, 3),
			   (const char *)sqlite3_column_text(st, 4)) ||
	    table_set_text(t, (size_t)r, 3, en, fr) ||
	    table_set_int(t, (size_t)r, 4, sqlite3_column_int64(st, 6)) ||
	    table_set_int(t, (size_t)r, 5, sqlite3_column_int64(st, 7)))
		return NS_EDATA;
	return 0;
}

int report_data(sqlite3 *db, const struct report_opts *o, struct table *t,
		struct nserr *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (o->min_cell > 1)
		return nserr_set(err, NS_EUSAGE, "the flat data is not "
				 "suppressed: it is for internal use only "
				 "(min-cell 1)");
	if (columns(t))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((rc = db_prepare(db, data_sql, &st, err)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, o->period.from);
	sqlite3_bind_int(st, 2, o->period.to);
	if (o->region)
		sqlite3_bind_text(st, 3, o->region, -1, SQLITE_STATIC);
	if (o->category)
		sqlite3_bind_text(st, 4, o->category, -1, SQLITE_STATIC);
	while ((rc = db_row(db, st, "cannot read the flat data", err)) == 1)
		if ((rc = add_row(st, t)) != 0) {
			rc = rc == NS_ENOMEM ? nserr_set(err, NS_ENOMEM, "out "
				"of memory") : nserr_set(err, NS_EDATA, "bad "
				"row in agg_needs (month %d)",
				sqlite3_column_int(st, 0));
			break;
		}
	sqlite3_finalize(st);
	return rc;
}
