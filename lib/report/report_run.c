/*
 * report_run: running a loaded report (see report.h): resolve the period,
 * bind the parameters, read the query's rows into a store, add the matrix
 * totals, turn the rows into a struct table, then statistics,
 * suppression and notes (report_stats.c, report_supp.c,
 * report_notes.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "report_int.h"

/* ---- parameters ---- */

static int bind_declared(const struct rctx *x, sqlite3_stmt *st, int i,
			 size_t k)
{
	const struct report_param *q = &x->r->params[k];
	const char *v = x->pval[k] ? x->pval[k] : rparams_given(x->o, q->name);
	char *end;
	long long n;
	double d;

	if (!v)
		v = q->def;
	if (!v)
		return sqlite3_bind_null(st, i);
	if (q->type == RP_TEXT)
		return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	if (q->type == RP_INT) {
		n = strtoll(v, &end, 10);
		if (end == v || *end)
			return -1;
		return sqlite3_bind_int64(st, i, n);
	}
	d = strtod(v, &end);
	if (end == v || *end || !isfinite(d))
		return -1;
	return sqlite3_bind_double(st, i, d);
}

/* bind_builtin: 1 when name is built in (bound), else 0. */
static int bind_builtin(const struct rctx *x, sqlite3_stmt *st, int i,
			const char *name)
{
	char from[11] = "", to[11] = "";
	const struct period *p = &x->per;
	int open = period_months(p) == 0;

	period_dates(p, from, to);
	if (!strcmp(name, "from") || !strcmp(name, "to"))
		sqlite3_bind_int(st, i, open ? 0 : name[0] == 'f' ? p->from
				 : p->to);
	else if (!strcmp(name, "prev_from") || !strcmp(name, "prev_to"))
		sqlite3_bind_int(st, i, open ? 0 : period_month_add(
					 name[5] == 'f' ? p->from : p->to, -12));
	else if (!strcmp(name, "from_date") || !strcmp(name, "to_date"))
		sqlite3_bind_text(st, i, name[0] == 'f' ? from : to, -1,
				  SQLITE_TRANSIENT);
	else if (!strcmp(name, "months"))
		sqlite3_bind_int(st, i, period_months(p));
	else if (!strcmp(name, "region") || !strcmp(name, "category"))
		sqlite3_bind_text(st, i, name[0] == 'r' ? x->o->region
				  : x->o->category, -1, SQLITE_TRANSIENT);
	else if (!strcmp(name, "min_cell"))
		sqlite3_bind_int(st, i, x->o->min_cell);
	else if (!strcmp(name, "fy_start"))
		sqlite3_bind_int(st, i, x->o->fy_start);
	else
		return 0;
	return 1;
}

int report_bind(const struct rctx *x, sqlite3_stmt *st)
{
	int i, n = sqlite3_bind_parameter_count(st);
	const char *name;
	size_t k;

	for (i = 1; i <= n; i++) {
		name = sqlite3_bind_parameter_name(st, i);
		if (!name)
			return nserr_set(x->err, NS_ECONFIG, "%s: parameter %d "
					 "has no name: write :name", x->r->path,
					 i);
		if (bind_builtin(x, st, i, name + 1))
			continue;
		for (k = 0; k < x->r->nparams; k++)
			if (strcmp(x->r->params[k].name, name + 1) == 0)
				break;
		if (k == x->r->nparams)
			return nserr_set(x->err, NS_ECONFIG, "%s: parameter "
					 "'%s' is neither built in nor declared "
					 "with 'param:'", x->r->path, name);
		if (bind_declared(x, st, i, k) != SQLITE_OK)
			return nserr_set(x->err, NS_EUSAGE, "parameter '%s': "
					 "'%s' is not %s", x->r->params[k].name,
					 rparams_given(x->o, x->r->params[k].name),
					 x->r->params[k].type == RP_INT ?
					 "an integer" : "a number");
	}
	return 0;
}

/* check_params: every -p names a declared parameter. */
static int check_params(const struct rctx *x)
{
	char names[400] = "";
	size_t i, k, len = 0;

	for (k = 0; k < x->r->nparams && len < sizeof names; k++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
					k ? ", " : "", x->r->params[k].name);
	for (i = 0; i < x->o->nparams; i++) {
		for (k = 0; k < x->r->nparams; k++)
			if (strcmp(x->r->params[k].name, x->o->pnames[i]) == 0)
				break;
		if (k == x->r->nparams)
			return nserr_set(x->err, NS_EUSAGE, "report '%s' has no "
					 "parameter '%s' (%s%s)", x->r->id,
					 x->o->pnames[i], len ? "parameters: "
					 : "it has none", names);
	}
	return 0;
}

/* ---- the period ---- */

static int resolve_period(struct rctx *x)
{
	static const char sql[] = "SELECT min(m), max(m) FROM ("
		"SELECT min(month) m FROM agg_needs UNION ALL "
		"SELECT max(month) FROM agg_needs UNION ALL "
		"SELECT min(month) FROM agg_contacts UNION ALL "
		"SELECT max(month) FROM agg_contacts)";
	static const char has[] = "SELECT EXISTS(SELECT 1 FROM agg_contacts "
		"WHERE month BETWEEN ?1 AND ?2) OR EXISTS(SELECT 1 FROM "
		"agg_needs WHERE month BETWEEN ?1 AND ?2)";
	sqlite3_stmt *st = NULL;
	int lo = 0, hi = 0, rc;

	x->per = x->o->period;
	if ((rc = db_prepare(x->db, sql, &st, x->err)) != 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		lo = sqlite3_column_int(st, 0);
		hi = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (!x->per.from)
		x->per.from = x->per.to && (!lo || lo > x->per.to) ? x->per.to
			      : lo;
	if (!x->per.to)
		x->per.to = hi && hi >= x->per.from ? hi : x->per.from;
	if (period_months(&x->per) == 0) {
		period_init(&x->per);
		return 0;
	}
	if ((rc = db_prepare(x->db, has, &st, x->err)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, x->per.from);
	sqlite3_bind_int(st, 2, x->per.to);
	rc = sqlite3_step(st);
	x->has_data = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(x->db, x->err, "cannot read the aggregates");
	return 0;
}

/* ---- values the data cannot give ---- */

/* na_flag: the cell flag named by a query value 'not_recorded' or
 * 'no_data'; 0 for NULL or '' (a value is there); -1 for anything else. */
static int na_flag(const struct rval *v, unsigned *flag)
{
	*flag = 0;
	if (v->type == SQLITE_NULL || (v->type == SQLITE_TEXT && !v->s[0]))
		return 0;
	if (v->type == SQLITE_TEXT && strcmp(v->s, "not_recorded") == 0)
		*flag = CELL_NOT_RECORDED;
	else if (v->type == SQLITE_TEXT && strcmp(v->s, "no_data") == 0)
		*flag = CELL_NO_DATA;
	else
		return -1;
	return 0;
}

/*
 * mark_na: the query says why a value is missing with a column 'na' (the
 * whole row: every count cell the query left NULL) or 'NAME_na' (column
 * NAME only, overriding 'na'): 'not_recorded' (the exports did not record
 * it, e.g. requests-only data has no met/unmet status) or 'no_data' (no
 * batch covers the row's month); NULL or '' when the value is there.
 * Those NULL cells get CELL_NOT_RECORDED or CELL_NO_DATA, so they show
 * as such and never as 0; statistics built on them stay empty.  A matrix
 * total takes the marker its members share (report_stats.c, fill_total:
 * NULL members do not count), whatever the sum of their values.
 */
static int mark_na(struct rctx *x)
{
	char name[REPORT_ID_MAX + 8];
	int row_col = rstore_col(&x->rs, "na"), own[REPORT_MAX_COLS], c;
	const struct rval *v;
	unsigned flag;
	size_t i, row;

	for (i = 0; i < x->r->ncols; i++) {
		snprintf(name, sizeof name, "%s_na", x->r->cols[i].name);
		own[i] = rstore_col(&x->rs, name);
	}
	for (row = 0; row < x->rs.nrows; row++) {
		v = &x->rs.v[row * x->rs.ncols];
		for (i = 0; i < x->r->ncols; i++) {
			c = own[i] >= 0 ? own[i] : row_col;
			if (c < 0 || x->scol[i] < 0 ||
			    (v[x->scol[i]].type != SQLITE_NULL &&
			     !x->rs.rflags[row]) ||
			    (own[i] < 0 && (x->r->cols[i].type != COL_INT ||
			     !(x->r->cols[i].flags & COLF_COUNT))))
				continue;
			if (na_flag(&v[c], &flag))
				return nserr_set(x->err, NS_ECONFIG, "%s: column "
						 "'%s': '%s' is neither "
						 "'not_recorded' nor 'no_data'",
						 x->r->path, x->rs.names[c],
						 v[c].type == SQLITE_TEXT ?
						 v[c].s : "(a number)");
			if (flag && table_add_flags(x->t, row, i, flag))
				return nserr_set(x->err, NS_ENOMEM,
						 "out of memory");
		}
	}
	return 0;
}

/* ---- running the query ---- */

/* only_trivia: s holds nothing but blanks, ';' and comments. */
static int only_trivia(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == ';') {
			s++;
		} else if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
		} else if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");

			if (!e)
				return 1;
			s = e + 2;
		} else {
			return 0;
		}
	}
	return 1;
}

int report_prepare(const struct rctx *x, const char *sql, const char *what,
		   sqlite3_stmt **st)
{
	const char *tail = NULL;
	char ctx[600];
	int rc;

	*st = NULL;
	snprintf(ctx, sizeof ctx, "cannot prepare %s of '%s'", what,
		 x->r->path);
	if (sqlite3_prepare_v2(x->db, sql, -1, st, &tail) != SQLITE_OK) {
		rc = db_fail(x->db, x->err, ctx);
		if (rc == NS_EINTERNAL)
			x->err->code = rc = NS_ECONFIG;
		return rc;
	}
	if (!*st)
		return nserr_set(x->err, NS_ECONFIG, "%s: %s is empty",
				 x->r->path, what);
	if (!only_trivia(tail))
		rc = nserr_set(x->err, NS_ECONFIG, "%s: %s holds more than one "
			       "statement", x->r->path, what);
	else if (!sqlite3_stmt_readonly(*st))
		rc = nserr_set(x->err, NS_ECONFIG, "%s: %s would change the "
			       "database: reports only read", x->r->path, what);
	else
		rc = report_bind(x, *st);
	if (rc) {
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return rc;
}

static int take_names(struct rctx *x, sqlite3_stmt *st)
{
	struct rstore *rs = &x->rs;
	size_t i, n = (size_t)sqlite3_column_count(st);

	rs->names = calloc(n ? n : 1, sizeof *rs->names);
	if (!rs->names)
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	rs->ncols = n;
	for (i = 0; i < n; i++) {
		const char *nm = sqlite3_column_name(st, (int)i);

		rs->names[i] = strdup(nm ? nm : "");
		if (!rs->names[i])
			return nserr_set(x->err, NS_ENOMEM, "out of memory");
	}
	return 0;
}

static int fetch(struct rctx *x, sqlite3_stmt *st)
{
	struct rstore *rs = &x->rs;
	struct rval *v;
	size_t i;
	long row;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((row = rstore_add_row(rs)) < 0)
			return nserr_set(x->err, NS_ENOMEM, "out of memory");
		for (i = 0; i < rs->ncols; i++) {
			v = &rs->v[(size_t)row * rs->ncols + i];
			v->type = sqlite3_column_type(st, (int)i);
			if (v->type == SQLITE_INTEGER)
				v->i = sqlite3_column_int64(st, (int)i);
			else if (v->type == SQLITE_FLOAT)
				v->r = sqlite3_column_double(st, (int)i);
			else if (v->type != SQLITE_NULL)
				v->type = SQLITE_TEXT;
			if (v->type == SQLITE_TEXT && !(v->s = strdup(
			    (const char *)sqlite3_column_text(st, (int)i))))
				return nserr_set(x->err, NS_ENOMEM,
						 "out of memory");
		}
	}
	if (rc != SQLITE_DONE)
		return db_fail(x->db, x->err, x->r->path);
	return 0;
}

static int run_query(struct rctx *x)
{
	sqlite3_stmt *st;
	int rc = report_prepare(x, x->r->sql, "the query", &st);

	if (rc)
		return rc;
	rc = rfilters_check(x, st);
	if (!rc)
		rc = take_names(x, st);
	if (!rc && x->has_data)
		rc = fetch(x, st);
	sqlite3_finalize(st);
	if (!rc)
		rc = rtable_map(x);
	if (!rc && x->r->matrix[0])
		rc = rstats_margins(x);
	return rc;
}

int report_run(sqlite3 *db, const struct report *r,
	       const struct report_opts *o, struct table *t,
	       struct nserr *err)
{
	struct rctx x;
	int rc;

	memset(&x, 0, sizeof x);
	x.db = db;
	x.r = r;
	x.o = o;
	x.err = err;
	x.t = t;
	x.total_scol = -1;
	if (o->min_cell < 1)
		return nserr_set(err, NS_EUSAGE, "--min-cell must be at least "
				 "1");
	if ((rc = check_params(&x)) != 0 || (rc = resolve_period(&x)) != 0 ||
	    (rc = rparams_resolve(&x)) != 0 || (rc = run_query(&x)) != 0)
		goto out;
	if (table_set_id(t, r->id) || table_set_title(t, r->title[NS_EN],
						       r->title[NS_FR])) {
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
		goto out;
	}
	table_set_min_cell(t, o->min_cell);
	if ((rc = rtable_fill(&x)) != 0 || (rc = mark_na(&x)) != 0 ||
	    (rc = rstats_apply(&x)) != 0 ||
	    (rc = rsupp_apply(&x)) != 0 || (rc = rtable_chart(&x)) != 0)
		goto out;
	rc = rnotes_add(&x);
out:
	rstore_release(&x.rs);
	return rc;
}
