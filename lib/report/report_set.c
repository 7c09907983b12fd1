/*
 * report_set: loading the reports of a request and running them
 * (report_set.h), suppressed as one set.
 */
#include <stdlib.h>
#include <string.h>

#include "report_data.h"
#include "report_set.h"
#include "suppress.h"
#include "suppress_table.h"

void report_set_init(struct report_set *s)
{
	memset(s, 0, sizeof *s);
}

void report_set_release(struct report_set *s)
{
	size_t i;

	if (s->tables)
		for (i = 0; i < s->n; i++)
			table_release(&s->tables[i]);
	free(s->tables);
	if (s->reports)
		report_list_free(s->reports, s->n);
	report_set_init(s);
}

/* publishable: whether r's output may go to a publication (o suppresses
 * and r has counts it suppresses). */
static int publishable(const struct report *r, const struct report_opts *o)
{
	return o->min_cell <= 1 || r->nsuppress > 0;
}

/* fits: whether r honours the filters of o and may be published. */
static int fits(const struct report *r, const struct report_opts *o)
{
	return (!o->region || report_uses(r, "region")) &&
	       (!o->category || report_uses(r, "category")) &&
	       publishable(r, o);
}

/* load_all: every installed report that fits o. */
static int load_all(struct report_set *s, const char *dir,
		    const struct report_opts *o, struct nserr *err)
{
	struct report *all;
	size_t n, i;
	int rc;

	if ((rc = report_list(dir, &all, &n, err)) != 0) {
		report_list_free(all, n);
		return rc;
	}
	free(s->reports);
	if (!(s->reports = calloc(n + 1, sizeof *s->reports))) {
		report_list_free(all, n);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		if (!fits(&all[i], o))
			continue;
		s->reports[s->n++] = all[i];
		report_init(&all[i]);   /* moved: nothing left to free */
	}
	report_list_free(all, n);
	if (s->n == 0)
		return nserr_set(err, NS_EUSAGE, "no report takes %s",
				 o->region ? "--region" : o->category ?
				 "--category" : "these options");
	return 0;
}

/* load_ids: the reports of the comma-separated list ids. */
static int load_ids(struct report_set *s, const char *dir, const char *ids,
		    const struct report_opts *o, struct nserr *err)
{
	char id[REPORT_ID_MAX + 1];
	const char *p = ids, *e;
	size_t len, i;
	int rc;

	for (;;) {
		e = strchr(p, ',');
		len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || len > REPORT_ID_MAX)
			return nserr_set(err, NS_EUSAGE, "--reports '%s': %s",
					 ids, len ? "an id is too long"
					 : "an id is empty");
		memcpy(id, p, len);
		id[len] = '\0';
		for (i = 0; i < s->n; i++)
			if (!strcmp(s->reports[i].id, id))
				return nserr_set(err, NS_EUSAGE, "--reports "
						 "'%s': '%s' twice", ids, id);
		report_init(&s->reports[s->n]);
		if ((rc = report_find(dir, id, &s->reports[s->n], err)) != 0)
			return rc;
		if (!publishable(&s->reports[s->n++], o))
			return nserr_set(err, NS_EUSAGE, "report '%s' does not "
					 "suppress small counts: it is for "
					 "internal use only", id);
		if (!e)
			return 0;
		p = e + 1;
	}
}

int report_set_load(struct report_set *s, const char *dir, const char *ids,
		    const struct report_opts *o, struct nserr *err)
{
	size_t cap = 1;
	const char *p;
	int rc;

	if (ids)
		for (p = ids; *p; p++)
			cap += *p == ',';
	if (!(s->reports = calloc(cap, sizeof *s->reports)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	rc = ids ? load_ids(s, dir, ids, o, err) : load_all(s, dir, o, err);
	if (rc)
		report_set_release(s);
	return rc;
}

/* declares: whether report r declares parameter name. */
static int declares(const struct report *r, const char *name)
{
	size_t k;

	for (k = 0; k < r->nparams; k++)
		if (!strcmp(r->params[k].name, name))
			return 1;
	return 0;
}

/* check_params: every -p of o is declared by a report of the set. */
static int check_params(const struct report_set *s,
			const struct report_opts *o, struct nserr *err)
{
	size_t p, i;

	for (p = 0; p < o->nparams; p++) {
		for (i = 0; i < s->n && !declares(&s->reports[i],
						  o->pnames[p]); i++)
			;
		if (i == s->n)
			return nserr_set(err, NS_EUSAGE, "no report of the set "
					 "takes -p %s", o->pnames[p]);
	}
	return 0;
}

/* run_one: report i with the -p parameters it declares (and o's joint
 * set). */
static int run_one(struct report_set *s, size_t i, sqlite3 *db,
		   const struct report_opts *o, struct nserr *err)
{
	const char *names[REPORT_MAX_PARAMS], *values[REPORT_MAX_PARAMS];
	struct report_opts mine = *o;
	size_t p;

	mine.nparams = 0;
	for (p = 0; p < o->nparams && p < REPORT_MAX_PARAMS; p++)
		if (declares(&s->reports[i], o->pnames[p])) {
			names[mine.nparams] = o->pnames[p];
			values[mine.nparams++] = o->pvalues[p];
		}
	mine.pnames = names;
	mine.pvalues = values;
	return report_run(db, &s->reports[i], &mine, &s->tables[i], err);
}

/* run_all: every report of s into s->tables (released and
 * initialised first). */
static int run_all(struct report_set *s, sqlite3 *db,
		   const struct report_opts *o, struct nserr *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < s->n; i++) {
		table_release(&s->tables[i]);
		table_init(&s->tables[i]);
	}
	for (i = 0; i < s->n && !rc; i++)
		if ((rc = run_one(s, i, db, o, err)) != 0)
			nserr_prefix(err, "%s", s->reports[i].id);
	return rc;
}

/* run_joint: the reports (and data) suppressed as one set: a first run
 * adds every table's cells and lines, then the flat data's, the set is
 * protected and audited, and a second run takes the states. */
static int run_joint(struct report_set *s, sqlite3 *db,
		     const struct report_opts *o, struct table *data,
		     struct nserr *err)
{
	struct report_opts mine = *o;
	struct suppress_set set;
	struct suppress_table cells;
	size_t i;
	int rc;

	suppress_table_init(&cells, &set);
	if ((rc = suppress_init(&set, o->min_cell, err)) != 0)
		goto out;
	mine.joint = &set;
	mine.joint_apply = 0;
	mine.audit = NULL;
	if ((rc = run_all(s, db, &mine, err)) != 0)
		goto out;
	if (data && ((rc = report_data(db, o, data, err)) != 0 ||
		     (rc = report_data_suppress(data, &cells, err)) != 0)) {
		nserr_prefix(err, "data");
		goto out;
	}
	if ((rc = suppress_protect(&set, err)) != 0) {
		nserr_prefix(err, "workbook");
		goto out;
	}
	mine.joint_apply = 1;
	if ((rc = run_all(s, db, &mine, err)) != 0 ||
	    (rc = suppress_table_apply(&cells, err)) != 0)
		goto out;
	s->ncells = set.n;
	for (i = 0, s->nhidden = 0; i < set.n; i++)
		s->nhidden += SUPPRESS_HIDDEN(set.state[i]);
out:
	suppress_table_release(&cells);
	suppress_release(&set);
	return rc;
}

int report_set_run(struct report_set *s, sqlite3 *db,
		   const struct report_opts *o, struct table *data,
		   struct nserr *err)
{
	size_t i;
	int rc = 0;

	if (!(s->tables = calloc(s->n ? s->n : 1, sizeof *s->tables)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < s->n; i++)
		table_init(&s->tables[i]);
	if ((rc = check_params(s, o, err)) != 0)
		goto out;
	if (o->min_cell > 1 && !o->joint)
		rc = run_joint(s, db, o, data, err);
	else if ((rc = run_all(s, db, o, err)) == 0 && data &&
		 (rc = report_data(db, o, data, err)) != 0)
		nserr_prefix(err, "data");
out:
	if (rc) {
		for (i = 0; i < s->n; i++)
			table_release(&s->tables[i]);
		free(s->tables);
		s->tables = NULL;
	}
	return rc;
}
