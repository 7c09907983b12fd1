/*
 * profile_emit: the last steps of a profile row before validation:
 * rewrites (trim, case, patterns, pad) and value maps (canonical value =
 * source values), the date-time read with the profile's formats and zone
 * and handed on as ISO 8601, agencies split on the profile's separator,
 * referrals counted from the agencies of a regrouped need, and a
 * multi-value need_code or need_category cell split into one row per
 * value.  Then ifile_row validates and stores each row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_file.h"
#include "profile.h"
#include "profile_report.h"
#include "profile_map.h"
#include "profile_value.h"
#include "profile_xform.h"

/* Apply column c's rewrites (trim, case, patterns, pad), then its value
 * map (if any entry matches).  Returns 0 or NS_ENOMEM. */
static int map_value(struct ifile *f, int c, const char **v, size_t *len)
{
	const struct pmap *m = f->opts->prof->col[c].map;
	int exact, ti;

	if (px_apply(&f->opts->prof->col[c], &f->pf->xb[c], v, len) != 0)
		return nserr_set(f->err, NS_ENOMEM, "out of memory");
	if (!m || !*v)
		return 0;
	ti = pmap_find(m, *v, *len, &exact);
	if (ti >= 0) {
		*v = m->to[ti];
		*len = strlen(m->to[ti]);
	} else if (f->opts->report) {
		const char *s = *v;
		size_t n = *len;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n && pv_check(c, s, n))
			profile_report_value(f->opts->report, canon_names[c], s,
					     n);
	}
	return 0;
}

/* Agencies separated by the profile's separator, joined with ';'. */
static char *convert_refs(const char *s, size_t len, const char *sep,
			  size_t *out_len)
{
	size_t sl = strlen(sep), n = 0, i = 0;
	char *b = malloc(len + 1);

	if (!b)
		return NULL;
	while (i < len) {
		if (i + sl <= len && memcmp(s + i, sep, sl) == 0) {
			b[n++] = ';';
			i += sl;
		} else {
			b[n++] = s[i++];
		}
	}
	b[n] = '\0';
	*out_len = n;
	return b;
}

static long count_items(const char *s, size_t len)
{
	long n = 0;
	int any = 0;
	size_t i;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == ';') {
			n += any;
			any = 0;
		} else if (s[i] != ' ' && s[i] != '\t') {
			any = 1;
		}
	}
	return n;
}

/* One row per non-blank item of column c (split on sep). */
static int split_rows(struct ifile *f, struct canon_row *cr, int c,
		      const struct porigin *oc, const struct porigin *on)
{
	const char *sep = f->opts->prof->col[c].split;
	const char *s = cr->v[c], *end = s + cr->len[c];
	size_t sl = strlen(sep);
	int rows = 0, rc = 0;

	while (!rc && s <= end) {
		const char *hit = s, *a = s, *b;
		while (hit + sl <= end && memcmp(hit, sep, sl) != 0)
			hit++;
		if (hit + sl > end)
			hit = end;
		b = hit;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a) {
			cr->v[c] = a;
			cr->len[c] = (size_t)(b - a);
			rc = map_value(f, c, &cr->v[c], &cr->len[c]);
			cr->extra = rows > 0;  /* one record: counted once */
			if (!rc)
				rc = ifile_row(f, cr, oc, on);
			rows++;
		}
		s = hit + sl;
		if (hit == end)
			break;
	}
	if (!rc && !rows) {
		cr->extra = 0;
		cr->len[c] = 0;
		rc = ifile_row(f, cr, oc, on);
	}
	return rc;
}

static int blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; s && i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* need_status is a constant (an export that records requests only). */
static int constant_status(const struct profile *p)
{
	const struct pexpr *e = &p->col[CC_STATUS].expr;

	return e->n == 1 && e->t[0].is_text;
}

static int date_fault(struct ifile *f, const struct canon_row *cr,
		      const char *why, const struct porigin *oc)
{
	struct row_fault ft;

	memset(&ft, 0, sizeof ft);
	ft.col = CC_STARTED_AT;
	ft.column = canon_names[CC_STARTED_AT];
	ft.value = cr->v[CC_STARTED_AT];
	ft.value_len = cr->len[CC_STARTED_AT];
	snprintf(ft.reason, sizeof ft.reason, "%s", why);
	return ifile_reject(f, oc, &ft);
}

int prof_emit(struct ifile *f, const struct prow *in,
	      const struct porigin *oc, const struct porigin *on)
{
	const struct profile *p = f->opts->prof;
	const struct pcol *when = &p->col[CC_STARTED_AT];
	struct canon_row cr;
	char date[48], why[160], nref[24];
	char *refs = NULL;
	int c, split = -1, rc, n;

	cr.line = on->line;
	cr.extra = 0;
	for (c = 0; c < CC_N; c++) {
		cr.v[c] = in->v[c];
		cr.len[c] = in->len[c];
		if (p->col[c].split[0] && (c == CC_CODE || c == CC_CATEGORY))
			split = c;
	}
	for (c = 0; c < CC_N; c++)
		if (c != split && (rc = map_value(f, c, &cr.v[c],
						   &cr.len[c])) != 0)
			return rc;
	if (constant_status(p) && blank(cr.v[CC_CODE], cr.len[CC_CODE]) &&
	    blank(cr.v[CC_CATEGORY], cr.len[CC_CATEGORY]))
		cr.v[CC_STATUS] = NULL;     /* a contact with no request */
	if (cr.v[CC_STARTED_AT] && (when->nforms || when->has_zone)) {
		n = pv_date_iso(when, cr.v[CC_STARTED_AT],
				cr.len[CC_STARTED_AT], date, sizeof date, why,
				sizeof why);
		if (n < 0)
			return date_fault(f, &cr, why, oc);
		cr.v[CC_STARTED_AT] = date;
		cr.len[CC_STARTED_AT] = (size_t)n;
	}
	if (cr.v[CC_REFERRED_TO] && p->col[CC_REFERRED_TO].split[0]) {
		refs = convert_refs(cr.v[CC_REFERRED_TO],
				    cr.len[CC_REFERRED_TO],
				    p->col[CC_REFERRED_TO].split,
				    &cr.len[CC_REFERRED_TO]);
		if (!refs)
			return nserr_set(f->err, NS_ENOMEM, "out of memory");
		cr.v[CC_REFERRED_TO] = refs;
	}
	if (in->count_refs) {
		n = snprintf(nref, sizeof nref, "%ld", cr.v[CC_REFERRED_TO]
			     ? count_items(cr.v[CC_REFERRED_TO],
					   cr.len[CC_REFERRED_TO]) : 0L);
		cr.v[CC_REFERRALS] = nref;
		cr.len[CC_REFERRALS] = (size_t)n;
	}
	if (split >= 0 && cr.v[split])
		rc = split_rows(f, &cr, split, oc, on);
	else
		rc = ifile_row(f, &cr, oc, on);
	free(refs);
	return rc;
}
