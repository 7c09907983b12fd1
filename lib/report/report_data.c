/*
 * report_data: the flat month x category x region x status table of the
 * needs (report_data.h), straight from the agg_needs aggregate with the
 * category and region names in both languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/strmap.h"
#include "report_data.h"
#include "suppress_table.h"

/* ?5 = 1 (publication): every month x category x region x status of the
 * period's data, a combination without needs as 0 (a row left out would
 * say "0" where the suppressed tables say "<N"). */
static const char data_sql[] =
	"WITH a AS (SELECT month, category, region_id, status,"
	" sum(needs) AS needs, sum(referrals) AS referrals FROM agg_needs"
	" WHERE (?1 = 0 OR month >= ?1) AND (?2 = 0 OR month <= ?2)"
	" AND (?3 IS NULL OR region_id IN (SELECT region_id FROM"
	" region_ancestors WHERE ancestor_id = ?3))"
	" AND (?4 IS NULL OR category = ?4)"
	" GROUP BY month, category, region_id, status),"
	" g AS (SELECT m.month, c.category, r.region_id, s.status FROM"
	" (SELECT DISTINCT month FROM a) m, (SELECT DISTINCT category FROM a) c,"
	" (SELECT DISTINCT region_id FROM a) r, (SELECT DISTINCT status FROM a) s"
	" WHERE ?5 = 1"
	" UNION SELECT month, category, region_id, status FROM a WHERE ?5 = 0)"
	" SELECT g.month, coalesce(c.name_en, g.category),"
	" coalesce(c.name_fr, c.name_en, g.category),"
	" coalesce(r.name_en, g.region_id),"
	" coalesce(r.name_fr, r.name_en, g.region_id), g.status,"
	" coalesce(a.needs, 0), coalesce(a.referrals, 0)"
	" FROM g LEFT JOIN a USING (month, category, region_id, status)"
	" LEFT JOIN categories c ON c.id = g.category"
	" LEFT JOIN regions r ON r.id = g.region_id"
	" ORDER BY g.month, coalesce(c.sort, 1000000), g.category,"
	" g.region_id, CASE g.status WHEN 'met' THEN 1 WHEN 'partial' THEN 2"
	" WHEN 'unmet' THEN 3 ELSE 4 END";

/* The statuses of agg_needs and their labels. */
static const char *const status_names[][3] = {
	{"met", "Met", "Combl\xc3\xa9"},
	{"partial", "Partly met", "Partiellement combl\xc3\xa9"},
	{"unmet", "Unmet", "Non combl\xc3\xa9"},
	{"unrecorded", "Not recorded", "Non consign\xc3\xa9"},
};

static int columns(struct table *t, int min_cell)
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
			  "Orientations donn\xc3\xa9" "es") < 0)
		return NS_ENOMEM;
	table_set_min_cell(t, min_cell);
	if (min_cell <= 1 && table_add_note(t, "Not suppressed: every count is shown, however "
			   "small; for internal use only.", "Non masqu\xc3\xa9"
			   "\xc2\xa0: chaque effectif est montr\xc3\xa9, si "
			   "petit soit-il\xc2\xa0; usage interne seulement."))
		return NS_ENOMEM;
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

	if (columns(t, o->min_cell))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((rc = db_prepare(db, data_sql, &st, err)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, o->period.from);
	sqlite3_bind_int(st, 2, o->period.to);
	if (o->region)
		sqlite3_bind_text(st, 3, o->region, -1, SQLITE_STATIC);
	if (o->category)
		sqlite3_bind_text(st, 4, o->category, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, o->min_cell > 1);
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

/* The sums of the flat counts, while they are collected. */
struct sums {
	struct strmap keys;         /* sum key -> index */
	char **key;                 /* by index (malloc'ed) */
	int64_t *value;
	size_t n, cap;
	size_t *pair_sum, *pair_cell;   /* (sum, member cell) pairs */
	size_t np, cap_p;
};

static int grow(void **p, size_t *cap, size_t n, size_t each)
{
	size_t nc = *cap ? 2 * *cap : 256;
	void *q;

	if (n < *cap)
		return 0;
	if (!(q = realloc(*p, nc * each)))
		return NS_ENOMEM;
	*p = q;
	*cap = nc;
	return 0;
}

/* sum_add: cell (its value v) into the sum named key. */
static int sum_add(struct sums *m, const char *key, size_t cell, int64_t v)
{
	size_t c = m->cap, i;
	int64_t *slot;
	const char *kept;
	int rc;

	if ((rc = strmap_put(&m->keys, key, strlen(key), (int64_t)m->n, &slot,
			     &kept)) < 0)
		return NS_ENOMEM;
	if (rc == 1) {
		if (grow((void **)&m->key, &c, m->n, sizeof *m->key) ||
		    (c = m->cap, grow((void **)&m->value, &c, m->n,
				      sizeof *m->value)))
			return NS_ENOMEM;
		m->cap = c;
		m->key[m->n] = (char *)kept;
		m->value[m->n++] = 0;
	}
	i = (size_t)*slot;
	m->value[i] += v;
	c = m->cap_p;
	if (grow((void **)&m->pair_sum, &c, m->np, sizeof(size_t)) ||
	    (c = m->cap_p, grow((void **)&m->pair_cell, &c, m->np,
				sizeof(size_t))))
		return NS_ENOMEM;
	m->cap_p = c;
	m->pair_sum[m->np] = i;
	m->pair_cell[m->np++] = cell;
	return 0;
}

/* status_id: the status id of an English label of status_names. */
static const char *status_id(const char *label)
{
	size_t i;

	for (i = 0; label && i < sizeof status_names / sizeof *status_names;
	     i++)
		if (!strcmp(label, status_names[i][1]))
			return status_names[i][0];
	return label ? label : "";
}

/* row_sums: the cells of row r (needs, referrals: cells nd, rf; -1
 * none) into every sum over a subset of month, category and region. */
static int row_sums(struct sums *m, const struct table *t, size_t r,
		    long nd, long rf, const int64_t *v)
{
	static const char *const dim[3] = { "category", "month", "region" };
	static const size_t dcol[3] = { 1, 0, 2 };
	const char *st = status_id(table_get_text(t, r, 3, NS_EN));
	char pre[400], key[480];
	size_t len, d;
	unsigned mask;
	int rc = 0;

	for (mask = 0; mask < 8 && !rc; mask++) {
		for (d = 0, len = 0, pre[0] = '\0'; d < 3; d++)
			if (mask & (1u << d) && len < sizeof pre) {
				const char *x = table_get_text(t, r, dcol[d],
							       NS_EN);
				len += (size_t)snprintf(pre + len, sizeof pre -
							len, "%s=%s, ", dim[d],
							x ? x : "");
			}
		if (nd >= 0) {
			snprintf(key, sizeof key, "%sneeds", pre);
			rc = sum_add(m, key, (size_t)nd, v[0]);
			if (!rc && strcmp(st, "unrecorded")) {
				snprintf(key, sizeof key, "%s%s", pre, st);
				rc = sum_add(m, key, (size_t)nd, v[0]);
			}
		}
		if (!rc && rf >= 0) {
			snprintf(key, sizeof key, "%sreferrals", pre);
			rc = sum_add(m, key, (size_t)rf, v[1]);
		}
	}
	return rc;
}

/* shown_cell: the cell of the set named key (or "key #2" ...) with
 * value v and a value, or -1. */
static long shown_cell(const struct suppress_set *set, const char *key,
		       int64_t v)
{
	char name[520];
	int64_t *slot;
	int dup;

	snprintf(name, sizeof name, "%s", key);
	for (dup = 2; (slot = strmap_get(&set->keys, name, strlen(name)));
	     dup++) {
		if (set->value[*slot] == v &&
		    set->state[*slot] != SUPPRESS_ABSENT)
			return (long)*slot;
		snprintf(name, sizeof name, "%s #%d", key, dup);
	}
	return -1;
}

/* sum_lines: every sum a cell of the set shows, as its line. */
static int sum_lines(struct sums *m, struct suppress_table *cells,
		     struct nserr *err)
{
	size_t *start = calloc(m->n + 1, sizeof *start), *fill = NULL, i;
	long *mem = malloc((m->np + 1) * sizeof *mem), tot;
	int rc = 0;

	if (!start || !mem || !(fill = calloc(m->n + 1, sizeof *fill))) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < m->np; i++)
		start[m->pair_sum[i] + 1]++;
	for (i = 0; i < m->n; i++)
		start[i + 1] += start[i];
	for (i = 0; i < m->np; i++)
		mem[start[m->pair_sum[i]] + fill[m->pair_sum[i]]++] =
			(long)m->pair_cell[i];
	for (i = 0; i < m->n && !rc; i++)
		if ((tot = shown_cell(cells->set, m->key[i], m->value[i])) >= 0)
			rc = suppress_table_line(cells, tot, mem + start[i],
						 start[i + 1] - start[i], err);
out:
	free(start);
	free(fill);
	free(mem);
	return rc;
}

int report_data_suppress(struct table *t, struct suppress_table *cells,
			 struct nserr *err)
{
	struct sums m;
	char key[480];
	long id[2];
	int64_t v[2];
	size_t r, c;
	int rc;

	memset(&m, 0, sizeof m);
	if (strmap_init(&m.keys))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (r = 0, rc = 0; r < table_nrows(t) && !rc; r++) {
		for (c = 0; c < 2 && !rc; c++) {
			const char *mo = table_get_text(t, r, 0, NS_EN);
			const char *ca = table_get_text(t, r, 1, NS_EN);
			const char *re = table_get_text(t, r, 2, NS_EN);
			const char *st = table_get_text(t, r, 3, NS_EN);

			snprintf(key, sizeof key, "category=%s, month=%s, "
				 "region=%s, status=%s, %s", ca ? ca : "",
				 mo ? mo : "", re ? re : "", st ? st : "",
				 c ? "referrals" : "needs");
			rc = suppress_table_cell(cells, t, r, 4 + c, key, 0,
						 &id[c], err);
			v[c] = id[c] >= 0 ? cells->set->value[id[c]] : 0;
		}
		if (!rc && row_sums(&m, t, r, id[0], id[1], v))
			rc = nserr_set(err, NS_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = sum_lines(&m, cells, err);
	strmap_release(&m.keys);
	free(m.key);
	free(m.value);
	free(m.pair_sum);
	free(m.pair_cell);
	return rc;
}
