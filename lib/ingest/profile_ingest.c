/*
 * profile_ingest: the record path of a file read through a profile: lines
 * before the header, the header resolved (for a two-file profile: which
 * file of the pair this is), drop rules and duplicate rows (counted, never
 * silent), and each record mapped onto the canonical columns and either
 * emitted at once or staged (need-id regrouping, the two-file join) and
 * emitted when the file, or the pair, is complete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_file.h"
#include "profile.h"
#include "profile_stage.h"
#include "profile_value.h"

static void warn_cb(void *ctx, const char *msg)
{
	ifile_say(ctx, "%s", msg);
}

int prof_file_start(struct ifile *f)
{
	const struct profile *p = f->opts->prof;
	int rc;

	if (pfile_new(p, &f->pf) != 0)
		return nserr_set(f->err, NS_ENOMEM, "out of memory");
	if (!p->join && (p->drop_duplicates || p->need_id) &&
	    (rc = pstage_open(&f->stage, f->err)) != 0) {
		pfile_free(f->pf);
		f->pf = NULL;
		return rc;
	}
	return 0;
}

static int drop(struct ifile *f, const char *label, const char *example)
{
	f->dropped++;
	f->moved.dropped += f->foreign;
	f->run->st->rows_dropped++;
	if (f->opts->report)
		profile_report_drop(f->opts->report, label, example);
	return 0;
}

/* A repeated row: counted, listed (dry run) and written as a duplicate. */
static int duplicate(struct ifile *f, const struct porigin *o,
		     const char *label, const char *example)
{
	char why[1024];         /* label[300] ": " example[600] */

	if (f->opts->report)
		profile_report_duplicate(f->opts->report, label, example);
	snprintf(why, sizeof why, "%s: %s", label, example);
	return ifile_skipped(f, o, 1, why);
}

static int skip_of(const struct profile *p, int side)
{
	return side >= 0 && p->side[side].skip_lines >= 0
		? p->side[side].skip_lines : p->skip_lines;
}

static int has_header(const struct csvin_record *r, const char *name)
{
	char a[PV_KEY_MAX], b[PV_KEY_MAX];
	int n = pv_fold(name, strlen(name), a, sizeof a);
	size_t i;

	for (i = 0; n > 0 && i < r->nfields; i++)
		if (pv_fold(r->field[i], r->len[i], b, sizeof b) == n &&
		    memcmp(a, b, (size_t)n) == 0)
			return 1;
	return 0;
}

/* Which file of the pair r is the header of (the first row after the
 * file's skip_lines that holds its key column); -2: a row before it. */
static int pair_side(struct ifile *f, const struct csvin_record *r)
{
	const struct profile *p = f->opts->prof;
	const struct pstage *pair = f->run->pair;
	int cand[2], s;

	for (s = 0; s < 2; s++) {
		int open = !pair || !pair->staged[s];
		cand[s] = open && r->line > (uint64_t)skip_of(p, s) &&
			  has_header(r, p->side[s].key);
	}
	if (cand[0] && cand[1])
		return pfile_guess_side(p, r);
	if (cand[0] || cand[1])
		return cand[0] ? PSIDE_CONTACTS : PSIDE_NEEDS;
	return -2;
}

static int header(struct ifile *f, const struct csvin_record *r)
{
	const struct profile *p = f->opts->prof;
	struct ingest_run *run = f->run;
	int side = -1, rc;
	size_t i;

	if (p->join) {
		if ((side = pair_side(f, r)) == -2)
			return 0;
		f->side = side;
		if (run->pair && run->pair->staged[!side] &&
		    pfile_guess_side(p, r) == !side)
			return nserr_set(f->err, NS_EDATA, "'%s' and '%s' both "
				"look like the %s file of profile '%s': give each"
				" contacts file with its needs file",
				run->pair->name[!side], f->name, side ? "contacts"
				: "needs", p->name);
	} else if (r->line <= (uint64_t)p->skip_lines) {
		return 0;
	}
	f->side = side;
	if (side >= 0)
		run->pair_batch[side] = f->batch_id;
	rc = pfile_header(f->pf, side, r, f->name, f->opts->report, warn_cb,
			  f, f->err);
	if (rc)
		return rc;
	f->ncols = r->nfields;
	f->header_done = 1;
	if (side >= 0) {
		if (!run->pair && (rc = pstage_open(&run->pair, f->err)) != 0)
			return rc;
		f->stage = run->pair;
		for (i = 0; i < p->ndrops && i < 64; i++)
			if (f->pf->drop_idx[i] >= 0)
				run->drops_found |= 1ULL << i;
	}
	if (p->drop_duplicates && (rc = pstage_dup_reset(f->stage, f->err)))
		return rc;
	return 0;
}

static int key_fault(struct ifile *f, const struct porigin *o,
		     const char *key)
{
	struct row_fault ft;

	memset(&ft, 0, sizeof ft);
	ft.col = -1;
	ft.column = "(row)";
	ft.value = "";
	snprintf(ft.reason, sizeof ft.reason, "the join key '%s' is blank",
		 key);
	return ifile_reject(f, o, &ft);
}

/* Stage a record of a two-file profile, or of a need-id regrouping. */
static int stage(struct ifile *f, const struct csvin_record *r,
		 const struct porigin *o, const struct prow *row,
		 const char *dropped)
{
	const struct profile *p = f->opts->prof;
	const char *key, *nid = NULL;
	size_t klen, nlen = 0, tlen;
	uint64_t first = 0;
	char ex[600], label[300];
	int rc;

	if ((rc = ifile_text(f, r, &tlen)) != 0)
		return nserr_set(f->err, rc, "out of memory");
	if (f->side >= 0) {
		key = pfile_field(r, f->pf->key_idx, &klen);
		if (!klen && dropped)
			return 0;
		if (!klen)
			return key_fault(f, o, p->side[f->side].key);
	} else {
		key = pfile_field(r, -1, &klen);
		if (row->v[CC_CONTACT_ID]) {
			key = row->v[CC_CONTACT_ID];
			klen = row->len[CC_CONTACT_ID];
		}
	}
	if (f->side == PSIDE_CONTACTS) {
		struct porigin early = {f->name, 0, NULL, NULL, 0};
		rc = pstage_contact(f->stage, key, klen, r->line, f->text, tlen,
				    dropped, row, &first, f->err);
		if (rc != 1)
			return rc;
		early.line = first;
		snprintf(ex, sizeof ex, "%s:%llu", f->name,
			 (unsigned long long)first);
		snprintf(label, sizeof label, "earlier row with the same %s "
			 "(a later row replaces it)", p->side[0].key);
		return duplicate(f, &early, label, ex);
	}
	if (f->pf->nid_idx >= 0)
		nid = pfile_field(r, f->pf->nid_idx, &nlen);
	return pstage_need(f->stage, key, klen, nid, nlen, r->line, f->text,
			   tlen, row, f->err);
}

/*
 * Skip record r when key (r itself, or its mapped values) repeats one seen
 * earlier in the file: returns 1 (counted as a duplicate and written to the
 * rejects file as "duplicate row"), 0 when new, or a negative status.
 */
static int dup_row(struct ifile *f, const struct csvin_record *r,
		   const struct csvin_record *key, const struct porigin *o)
{
	char ex[600];
	uint64_t first = 0;
	int rc = pstage_dup(f->stage, key, r->line, &first, f->err);

	if (rc != 1)
		return rc;
	snprintf(ex, sizeof ex, "%s:%llu (= line %llu)", f->name,
		 (unsigned long long)r->line, (unsigned long long)first);
	rc = duplicate(f, o, "duplicate row", ex);
	return rc ? rc : 1;
}

/* The values a row is loaded from (drop_duplicate_rows = mapped): the
 * canonical columns as mapped, the join key and the need id, in *m. */
static void mapped_record(const struct ifile *f, const struct csvin_record *r,
			  const struct prow *row, struct csvin_record *m,
			  const char **v, size_t *len)
{
	int c;

	for (c = 0; c < CC_N; c++) {
		v[c] = row->v[c] ? row->v[c] : "";
		len[c] = row->v[c] ? row->len[c] : 0;
	}
	v[CC_N] = pfile_field(r, f->pf->key_idx, &len[CC_N]);
	v[CC_N + 1] = pfile_field(r, f->pf->nid_idx, &len[CC_N + 1]);
	memset(m, 0, sizeof *m);
	m->line = r->line;
	m->nfields = CC_N + 2;
	m->field = v;
	m->len = len;
}

int prof_record(struct ifile *f, const struct csvin_record *r)
{
	const struct profile *p = f->opts->prof;
	struct porigin o = {f->name, r->line, r, NULL, 0};
	struct row_fault ft;
	struct prow row;
	char label[300], ex[600];
	int rc;

	if (!f->header_done)
		return header(f, r);
	if (csvin_is_blank_record(r) && f->ncols > 1)
		return 0;
	f->run->st->rows_read++;
	f->rows++;
	if (ifile_blank_row(f, r))
		return 0;
	if (ifile_record_fault(f, r, &ft))
		return ifile_reject(f, &o, &ft);
	snprintf(ex, sizeof ex, "%s:%llu", f->name, (unsigned long long)r->line);
	if (pfile_drop(f->pf, r, label, sizeof label)) {
		if (f->side == PSIDE_CONTACTS &&
		    (rc = stage(f, r, &o, NULL, label)) != 0)
			return rc;
		return drop(f, label, ex);
	}
	if (p->drop_duplicates == 1 && (rc = dup_row(f, r, r, &o)) != 0)
		return rc < 0 ? rc : 0;
	if (pfile_eval(f->pf, r, &row) != 0)
		return nserr_set(f->err, NS_ENOMEM, "out of memory");
	if (p->drop_duplicates == 2) {
		struct csvin_record m;
		const char *mv[CC_N + 2];
		size_t ml[CC_N + 2];
		mapped_record(f, r, &row, &m, mv, ml);
		if ((rc = dup_row(f, r, &m, &o)) != 0)
			return rc < 0 ? rc : 0;
	}
	if (f->side >= 0 || p->need_id)
		return stage(f, r, &o, &row, NULL);
	return prof_emit(f, &row, &o, &o);
}

/* What is counted next belongs to file side of the pair (PSIDE_*): to the
 * other file than f when f is not that side (see finish_batch). */
static void count_for(struct ifile *f, int side)
{
	f->foreign = f->side >= 0 && side != f->side;
}

static int emit_row(void *ctx, const struct prow *row,
		    const struct porigin *oc, const struct porigin *on)
{
	struct ifile *f = ctx;
	int rc;

	/* a contact with no need stands for its contacts-file row */
	count_for(f, oc->file == on->file && oc->line == on->line
		  ? PSIDE_CONTACTS : PSIDE_NEEDS);
	rc = prof_emit(f, row, oc, on);
	f->foreign = 0;
	return rc;
}

static int emit_drop(void *ctx, const char *label, const struct porigin *o)
{
	struct ifile *f = ctx;
	char ex[600];
	int rc;

	snprintf(ex, sizeof ex, "%s:%llu", o->file, (unsigned long long)o->line);
	count_for(f, PSIDE_NEEDS);
	rc = drop(f, label, ex);
	f->foreign = 0;
	return rc;
}

static int emit_skip(void *ctx, int dup, const struct porigin *o,
		     const char *why)
{
	struct ifile *f = ctx;
	char ex[600];
	int rc;

	count_for(f, o ? PSIDE_NEEDS : PSIDE_CONTACTS);
	if (dup && o && f->opts->report) {
		snprintf(ex, sizeof ex, "%s:%llu", o->file,
			 (unsigned long long)o->line);
		profile_report_duplicate(f->opts->report, "same need id, no "
					 "further agency", ex);
	}
	rc = ifile_skipped(f, o, dup, why);
	f->foreign = 0;
	return rc;
}

static int emit_orphan(void *ctx, const char *key, const struct porigin *o)
{
	struct ifile *f = ctx;
	const struct profile *p = f->opts->prof;
	struct row_fault ft;
	int rc;

	memset(&ft, 0, sizeof ft);
	ft.col = CC_N;           /* not a canonical column */
	ft.column = p->side[PSIDE_NEEDS].key;
	ft.value = key;
	ft.value_len = strlen(key);
	snprintf(ft.reason, sizeof ft.reason, "has no row in the contacts "
		 "file");
	count_for(f, PSIDE_NEEDS);
	rc = ifile_reject(f, o, &ft);
	f->foreign = 0;
	return rc;
}

/* Read the staged rows back (the pair, or this file) and load them. */
static int emit_staged(struct ifile *f, struct pstage *s)
{
	const struct profile *p = f->opts->prof;
	struct pstage_emit e;
	size_t i;

	memset(&e, 0, sizeof e);
	e.join = p->join;
	e.cfile = p->join ? s->name[PSIDE_CONTACTS] : f->name;
	e.nfile = p->join ? s->name[PSIDE_NEEDS] : f->name;
	e.count_refs = p->need_id && p->col[CC_REFERRED_TO].expr.n &&
		       !p->col[CC_REFERRALS].expr.n;
	e.row = emit_row;
	e.drop = emit_drop;
	e.orphan = emit_orphan;
	e.skip = emit_skip;
	e.ctx = f;
	for (i = 0; p->join && i < p->ndrops && i < 64; i++)
		if (!(f->run->drops_found & (1ULL << i)))
			ifile_say(f, "no column '%s' in '%s' or '%s' for the "
				  "drop rule (%s:%d): it drops nothing",
				  p->drops[i].header, e.cfile, e.nfile, p->path,
				  p->drops[i].line);
	return pstage_emit(s, &e, f->err);
}

/* A file of a two-file profile in which no row holds a key column. */
static int no_header(struct ifile *f)
{
	const struct profile *p = f->opts->prof;
	const struct pstage *pair = f->run->pair;
	int s;

	for (s = 0; s < 2; s++)
		if (pair && pair->staged[s])
			return nserr_set(f->err, NS_EDATA, "%s: no row holds the "
				"key column '%s' of the %s file (%s); '%s' was "
				"read as the %s file: give each contacts file "
				"with its needs file", f->name, p->side[!s].key,
				s ? "contacts" : "needs", p->path, pair->name[s],
				s ? "needs" : "contacts");
	return nserr_set(f->err, NS_EDATA, "%s: no row holds the key column "
		"'%s' (contacts file) or '%s' (needs file) of profile %s",
		f->name, p->side[0].key, p->side[1].key, p->path);
}

int prof_file_end(struct ifile *f, int rc)
{
	struct ingest_run *run = f->run;
	struct pstage *pair = run->pair;

	if (rc == NS_EDATA && !f->header_done && f->side < 0 &&
	    f->opts->prof->join)
		rc = no_header(f);
	if (!rc && f->side >= 0 && pair) {
		pair->staged[f->side] = 1;
		pair->name[f->side] = f->name;
		if (pair->staged[0] && pair->staged[1]) {
			rc = emit_staged(f, pair);
			pstage_close(pair);
			run->pair = pair = NULL;
			run->drops_found = 0;
		}
	} else if (!rc && f->stage && f->opts->prof->need_id) {
		rc = emit_staged(f, f->stage);
	}
	if (rc && f->side >= 0 && pair) {
		pstage_close(pair);
		run->pair = pair = NULL;
	}
	if (f->stage && f->side < 0)
		pstage_close(f->stage);
	f->stage = NULL;
	pfile_free(f->pf);
	f->pf = NULL;
	return rc;
}
