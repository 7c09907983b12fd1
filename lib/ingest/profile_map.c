/*
 * profile_map: resolving a file's header against a profile and evaluating
 * its records onto the canonical columns.  Header names match after
 * trimming and case folding; a simple column is a pointer into the record
 * (no copy), a join of terms is built in a per-column buffer.
 */
#include "profile_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_value.h"

int pfile_new(const struct profile *p, struct pfile **out)
{
	struct pfile *pf = calloc(1, sizeof *pf);

	*out = NULL;
	if (!pf || (p->ndrops && !(pf->drop_idx = calloc(p->ndrops,
							 sizeof (int))))) {
		free(pf);
		return NS_ENOMEM;
	}
	pf->p = p;
	pf->side = -1;
	pf->key_idx = pf->nid_idx = -1;
	*out = pf;
	return 0;
}

void pfile_free(struct pfile *pf)
{
	int c;

	if (!pf)
		return;
	for (c = 0; c < CC_N; c++) {
		free(pf->col[c].idx);
		free(pf->buf[c]);
		px_release(&pf->xb[c]);
	}
	free(pf->drop_idx);
	free(pf);
}

const char *pfile_field(const struct csvin_record *r, int i, size_t *len)
{
	const char *s;
	size_t n;

	if (i < 0 || (size_t)i >= r->nfields) {
		*len = 0;
		return "";
	}
	s = r->field[i];
	n = r->len[i];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* Field index of header name s in the folded header index (or of
 * position "#N" among ncols fields), or -1. */
static int find(const struct strmap *ix, size_t ncols, const char *s,
		size_t len)
{
	char key[PV_KEY_MAX];
	int k = pv_position(s, len);
	int64_t *v;

	if (k >= 0)
		return (size_t)k < ncols ? k : -1;
	k = pv_fold(s, len, key, sizeof key);
	if (k <= 0 || !(v = strmap_get(ix, key, (size_t)k)))
		return -1;
	return (int)*v;
}

static int index_header(struct strmap *ix, const struct csvin_record *hdr)
{
	char key[PV_KEY_MAX];
	size_t i;
	int k;

	if (strmap_init(ix) != 0)
		return NS_ENOMEM;
	for (i = 0; i < hdr->nfields; i++) {
		k = pv_fold(hdr->field[i], hdr->len[i], key, sizeof key);
		if (k > 0 && strmap_put(ix, key, (size_t)k, (int64_t)i, NULL,
					NULL) < 0)
			return NS_ENOMEM;
	}
	return 0;
}

int pfile_guess_side(const struct profile *p, const struct csvin_record *hdr)
{
	struct strmap ix;
	int score[2] = {0, 0}, c;
	size_t t;

	if (index_header(&ix, hdr) != 0) {
		strmap_release(&ix);
		return PSIDE_CONTACTS;
	}
	for (c = 0; c < CC_N; c++)
		for (t = 0; t < p->col[c].expr.n; t++) {
			const struct pterm *pt = &p->col[c].expr.t[t];
			if (!pt->is_text && !pt->is_row &&
			    find(&ix, hdr->nfields, pt->text, pt->len) >= 0)
				score[profile_col_is_contact(c) ? 0 : 1]++;
		}
	if (p->need_id && find(&ix, hdr->nfields, p->need_id,
			       strlen(p->need_id)) >= 0)
		score[1]++;
	strmap_release(&ix);
	return score[1] > score[0] ? PSIDE_NEEDS : PSIDE_CONTACTS;
}

/* The expression of column c: the profile's, or the canonical name. */
static struct pexpr expr_of(const struct profile *p, int c,
			    struct pterm *tmp)
{
	struct pexpr e = {tmp, 1, 0};

	if (p->has_columns)
		return p->col[c].expr;
	tmp->is_text = 0;
	tmp->text = (char *)canon_names[c];
	tmp->len = strlen(canon_names[c]);
	return e;
}

static int required(const struct pfile *pf, int c)
{
	if (c == CC_CONTACT_ID || c == CC_STARTED_AT || c == CC_STATUS)
		return 1;
	return 0;
}

static int missing_col(struct pfile *pf, int c, const char *name,
		       const char *fname, const struct csvin_record *hdr,
		       pfile_warn_fn warn, void *ctx, struct nserr *err)
{
	const struct profile *p = pf->p;
	char msg[900];

	if (!p->has_columns)      /* the canonical message */
		return nserr_set(err, NS_EDATA, "%s: missing required column "
			"'%s' (the header is line %llu)", fname, name,
			(unsigned long long)hdr->line);
	if (required(pf, c))
		return nserr_set(err, NS_EDATA, "%s: no column '%s' for %s (%s:"
			"%d); the header read is line %llu (skip_lines = %d)",
			fname, name, canon_names[c], p->path,
			p->col[c].expr.line, (unsigned long long)hdr->line,
			pf->side >= 0 && p->side[pf->side].skip_lines >= 0
			? p->side[pf->side].skip_lines : p->skip_lines);
	snprintf(msg, sizeof msg, "%s: no column '%s' for %s (%s:%d): %s "
		 "left unknown", fname, name, canon_names[c], p->path,
		 p->col[c].expr.line, canon_names[c]);
	if (warn)
		warn(ctx, msg);
	return 0;
}

/* Warn when contact_id is read from no column: each row, or the whole
 * file, is then one contact. */
static void no_contact_id(const struct pfile *pf, const struct pexpr *e,
			  const char *fname, pfile_warn_fn warn, void *ctx)
{
	char msg[700];
	size_t t;
	int row = 0;

	for (t = 0; t < e->n; t++) {
		if (!e->t[t].is_text && !e->t[t].is_row)
			return;
		row |= e->t[t].is_row;
	}
	snprintf(msg, sizeof msg, "%s: contact_id is read from no column (%s:"
		 "%d): %s", fname, pf->p->path, pf->p->col[CC_CONTACT_ID]
		 .expr.line, row ? "each row is a contact of its own (@row), so "
		 "a caller with several needs counts as several contacts"
		 : "every row is the same contact");
	if (warn)
		warn(ctx, msg);
}

static int resolve_col(struct pfile *pf, int c, const struct strmap *ix,
		       const struct csvin_record *hdr, const char *fname,
		       struct profile_report *rep, pfile_warn_fn warn,
		       void *ctx, struct nserr *err)
{
	struct pterm tmp;
	struct pexpr e = expr_of(pf->p, c, &tmp);
	struct pres *r = &pf->col[c];
	const char *missing = NULL;
	size_t t;

	if (!e.n) {
		if (rep && pf->p->has_columns)
			profile_report_say(rep, "  %-13s (not mapped)",
					   canon_names[c]);
		return 0;
	}
	if (!(r->idx = calloc(e.n, sizeof *r->idx)))
		return NS_ENOMEM;
	r->nt = e.n;
	for (t = 0; t < e.n; t++) {
		r->idx[t] = e.t[t].is_row ? -2 : e.t[t].is_text ? -1
			  : find(ix, hdr->nfields, e.t[t].text, e.t[t].len);
		if (!e.t[t].is_text && r->idx[t] == -1 && !missing)
			missing = e.t[t].text;
	}
	if (!missing) {
		r->on = 1;
		pfile_describe(rep, pf->p, c, &e, NULL);
		if (c == CC_CONTACT_ID)
			no_contact_id(pf, &e, fname, warn, ctx);
		return 0;
	}
	if (pf->p->has_columns || required(pf, c))
		pfile_describe(rep, pf->p, c, &e, pf->p->has_columns
			       ? missing : NULL);
	if (!pf->p->has_columns && !required(pf, c) && c != CC_CODE &&
	    c != CC_CATEGORY)
		return 0;            /* canonical: optional and absent */
	if (!pf->p->has_columns && (c == CC_CODE || c == CC_CATEGORY))
		return 0;            /* checked together below */
	return missing_col(pf, c, missing, fname, hdr, warn, ctx, err);
}

/* Mark the fields the profile reads; describe the rest as ignored (and,
 * with the canonical headers, warn about them as the canonical CSV does). */
static void ignored(const struct pfile *pf, const struct csvin_record *hdr,
		    const char *fname, struct profile_report *rep,
		    pfile_warn_fn warn, void *ctx)
{
	unsigned char *used = calloc(hdr->nfields + 1, 1);
	char list[800], msg[1000];
	size_t i, t, n = 0, k = 0;
	int c;

	if (!used) {
		free(used);
		return;
	}
	for (c = 0; c < CC_N; c++)
		for (t = 0; t < pf->col[c].nt; t++)
			if (pf->col[c].idx[t] >= 0)
				used[pf->col[c].idx[t]] = 1;
	for (i = 0; i < pf->p->ndrops; i++)
		if (pf->drop_idx[i] >= 0)
			used[pf->drop_idx[i]] = 1;
	if (pf->key_idx >= 0)
		used[pf->key_idx] = 1;
	if (pf->nid_idx >= 0)
		used[pf->nid_idx] = 1;
	list[0] = '\0';
	for (i = 0; i < hdr->nfields; i++) {
		int w;
		if (used[i] || (!hdr->len[i] && !pf->p->has_columns))
			continue;
		k++;
		if (n >= sizeof list - 1)
			continue;
		if (hdr->len[i])
			w = snprintf(list + n, sizeof list - n, "%s'%s'",
				     n ? ", " : "", hdr->field[i]);
		else
			w = snprintf(list + n, sizeof list - n, "%s#%zu (no "
				     "header)", n ? ", " : "", i + 1);
		if (w > 0)
			n += (size_t)w;
	}
	if (n >= sizeof list - 1)
		memcpy(list + sizeof list - 5, "...", 4);
	if (rep)
		profile_report_say(rep, "  ignored source columns (%zu): %s", k,
				   k ? list : "none");
	if (k && !pf->p->has_columns && warn) {
		snprintf(msg, sizeof msg, "%s: ignoring %zu unknown column%s: "
			 "%s", fname, k, k > 1 ? "s" : "", list);
		warn(ctx, msg);
	}
	free(used);
}

static int want(const struct pfile *pf, int c)
{
	return pf->side < 0 ||
	       profile_col_is_contact(c) == (pf->side == PSIDE_CONTACTS);
}

/* Drop rules, join key and need id of this file. */
static int resolve_rest(struct pfile *pf, const struct strmap *ix,
			const struct csvin_record *hdr, const char *fname,
			struct profile_report *rep, pfile_warn_fn warn,
			void *ctx, struct nserr *err)
{
	const struct profile *p = pf->p;
	char msg[700];
	size_t i;

	for (i = 0; i < p->ndrops; i++) {
		const struct pdrop *d = &p->drops[i];
		pf->drop_idx[i] = find(ix, hdr->nfields, d->header,
				       strlen(d->header));
		if (pf->drop_idx[i] >= 0 && rep)
			profile_report_say(rep, "  drop rule     %s (%s:%d)",
					   d->header, p->path, d->line);
		if (pf->drop_idx[i] < 0 && pf->side < 0) {
			snprintf(msg, sizeof msg, "%s: no column '%s' for the "
				 "drop rule (%s:%d): it drops nothing", fname,
				 d->header, p->path, d->line);
			if (warn)
				warn(ctx, msg);
		}
	}
	if (pf->side >= 0) {
		const char *key = p->side[pf->side].key;
		if ((pf->key_idx = find(ix, hdr->nfields, key,
					strlen(key))) < 0)
			return nserr_set(err, NS_EDATA, "%s: no column '%s' "
				"for the join key of the %s file (%s:%d)", fname,
				key, pf->side ? "needs" : "contacts", p->path,
				p->side[pf->side].line);
		if (rep)
			profile_report_say(rep, "  join key      <- %s", key);
	}
	if (p->need_id && pf->side != PSIDE_CONTACTS) {
		pf->nid_idx = find(ix, hdr->nfields, p->need_id,
				   strlen(p->need_id));
		if (pf->nid_idx < 0)
			return nserr_set(err, NS_EDATA, "%s: no column '%s' for "
				"need_id (%s:%d)", fname, p->need_id, p->path,
				p->need_id_line);
		if (rep)
			profile_report_say(rep, "  need id       <- %s (rows with"
				" one need id are one need; referrals = rows)",
				p->need_id);
	}
	return 0;
}

int pfile_header(struct pfile *pf, int side, const struct csvin_record *hdr,
		 const char *fname, struct profile_report *rep,
		 pfile_warn_fn warn, void *ctx, struct nserr *err)
{
	static const char *const sides[] = {"contacts file", "needs file"};
	struct strmap ix;
	int c, rc = 0;

	pf->side = side;
	pf->ncols = hdr->nfields;
	pf->fname = strrchr(fname, '/') ? strrchr(fname, '/') + 1 : fname;
	if (rep)
		profile_report_say(rep, "\nFile '%s'%s%s%s: header on line %llu,"
			" %zu columns", fname, side >= 0 ? " (" : "",
			side >= 0 ? sides[side] : "", side >= 0 ? ")" : "",
			(unsigned long long)hdr->line, hdr->nfields);
	pfile_list_columns(rep, hdr);
	if (index_header(&ix, hdr) != 0) {
		strmap_release(&ix);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	for (c = 0; !rc && c < CC_N; c++) {
		if (c == CC_STATUS || !want(pf, c))
			continue;
		if (c == CC_CODE && want(pf, CC_STATUS))
			rc = resolve_col(pf, CC_STATUS, &ix, hdr, fname, rep,
					 warn, ctx, err);
		if (!rc)
			rc = resolve_col(pf, c, &ix, hdr, fname, rep, warn, ctx,
					 err);
	}
	if (!rc && want(pf, CC_CODE) && !pf->col[CC_CODE].on &&
	    !pf->col[CC_CATEGORY].on)
		rc = pf->p->has_columns
			? nserr_set(err, NS_EDATA, "%s: none of the columns "
				    "for need_code or need_category is in the "
				    "file (%s)", fname, pf->p->path)
			: nserr_set(err, NS_EDATA, "%s: missing required column "
				    "'need_code' (the header is line %llu)",
				    fname, (unsigned long long)hdr->line);
	if (!rc)
		rc = resolve_rest(pf, &ix, hdr, fname, rep, warn, ctx, err);
	if (!rc)
		ignored(pf, hdr, fname, rep, warn, ctx);
	strmap_release(&ix);
	return rc;
}

static int grow(struct pfile *pf, int c, size_t need)
{
	char *b;

	if (need <= pf->cap[c])
		return 0;
	need = need < 256 ? 256 : need * 2;
	if (!(b = realloc(pf->buf[c], need)))
		return NS_ENOMEM;
	pf->buf[c] = b;
	pf->cap[c] = need;
	return 0;
}

static int eval_join(struct pfile *pf, int c, const struct pexpr *e,
		     const struct csvin_record *r, struct prow *out)
{
	const struct pres *rs = &pf->col[c];
	size_t t, n = 0;

	for (t = 0; t < rs->nt; t++) {
		const char *s = e->t[t].text;
		size_t len = e->t[t].len;
		char at[600];
		if (rs->idx[t] >= 0)
			s = pfile_field(r, rs->idx[t], &len);
		if (rs->idx[t] == -2) {
			int w = snprintf(at, sizeof at, "%s:%llu", pf->fname,
					 (unsigned long long)r->line);
			s = at;
			len = w > 0 && (size_t)w < sizeof at ? (size_t)w
							       : strlen(at);
		}
		if (grow(pf, c, n + len + 1) != 0)
			return NS_ENOMEM;
		memcpy(pf->buf[c] + n, s, len);
		n += len;
	}
	pf->buf[c][n] = '\0';
	out->v[c] = pf->buf[c];
	out->len[c] = n;
	return 0;
}

int pfile_eval(struct pfile *pf, const struct csvin_record *r,
	       struct prow *out)
{
	int c;

	out->count_refs = 0;
	for (c = 0; c < CC_N; c++) {
		const struct pres *rs = &pf->col[c];
		const struct pexpr *e = &pf->p->col[c].expr;

		out->v[c] = NULL;
		out->len[c] = 0;
		if (!rs->on)
			continue;
		if (rs->nt == 1 && rs->idx[0] >= 0) {
			out->v[c] = r->field[rs->idx[0]];
			out->len[c] = r->len[rs->idx[0]];
		} else if (rs->nt == 1 && rs->idx[0] == -1) {
			out->v[c] = e->t[0].text;
			out->len[c] = e->t[0].len;
		} else if (eval_join(pf, c, e, r, out) != 0) {
			return NS_ENOMEM;
		}
	}
	return 0;
}

int pfile_drop(const struct pfile *pf, const struct csvin_record *r,
	       char *label, size_t size)
{
	const struct profile *p = pf->p;
	size_t i, len;

	for (i = 0; i < p->ndrops; i++) {
		const char *s;
		int ti;
		if (pf->drop_idx[i] < 0)
			continue;
		s = pfile_field(r, pf->drop_idx[i], &len);
		if ((ti = pmap_find(&p->drops[i].values, s, len, NULL)) >= 0) {
			snprintf(label, size, "%s = %s", p->drops[i].header,
				 p->drops[i].values.to[ti]);
			return 1;
		}
	}
	if (p->drop_blank) {
		for (i = 0; i < r->nfields; i++) {
			pfile_field(r, (int)i, &len);
			if (len)
				return 0;
		}
		snprintf(label, size, "blank row");
		return 1;
	}
	return 0;
}
