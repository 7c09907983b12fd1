/*
 * ingest_file: reading one input file: header mapping, the per-record path
 * (map -> validate -> store or reject), the rejects CSV and the SHA-256 of
 * the bytes read.  A file read through a profile that is not plain takes
 * the profile path (profile_ingest.c) and comes back here for each
 * canonical row (ifile_row) and each bad row (ifile_reject).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/csvin.h"
#include "core/db.h"
#include "ingest_file.h"
#include "profile.h"
#include "profile_report.h"
#include "profile_stage.h"

static int header_name_eq(const char *a, size_t alen, const char *canon)
{
	size_t i, n = strlen(canon);

	while (alen && (*a == ' ' || *a == '\t'))
		a++, alen--;
	while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t'))
		alen--;
	if (alen != n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != canon[i])
			return 0;
	}
	return 1;
}

void ifile_say(struct ifile *f, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!f->opts->on_msg)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	f->opts->on_msg(msg, f->opts->ctx);
}

static void describe_plain(struct ifile *f, const struct csvin_record *r)
{
	struct profile_report *rep = f->opts->report;
	size_t i;
	int c;

	if (!rep)
		return;
	profile_report_say(rep, "\nFile '%s': header on line %llu, %zu "
		"columns (canonical names)", f->name,
		(unsigned long long)r->line, r->nfields);
	for (c = 0; c < CC_N; c++)
		if (f->colof[c] >= 0)
			profile_report_say(rep, "  %-13s <- %s", canon_names[c],
					   r->field[f->colof[c]]);
	for (i = 0; i < r->nfields; i++) {
		for (c = 0; c < CC_N && f->colof[c] != (int)i; c++)
			;
		if (c == CC_N && r->len[i])
			profile_report_say(rep, "  ignored       '%s'",
					   r->field[i]);
	}
}

static int map_header(struct ifile *f, const struct csvin_record *r)
{
	size_t i;
	int c, unknown = 0;
	char list[512];
	size_t used = 0;

	f->ncols = r->nfields;
	for (c = 0; c < CC_N; c++)
		f->colof[c] = -1;
	list[0] = '\0';
	for (i = 0; i < r->nfields; i++) {
		for (c = 0; c < CC_N; c++) {
			if (f->colof[c] < 0 &&
			    header_name_eq(r->field[i], r->len[i], canon_names[c]))
				break;
		}
		if (c < CC_N) {
			f->colof[c] = (int)i;
		} else if (r->len[i]) {
			int n = snprintf(list + used, sizeof list - used, "%s'%s'",
					 unknown ? ", " : "", r->field[i]);
			if (n > 0 && (size_t)n < sizeof list - used)
				used += (size_t)n;
			unknown++;
		}
	}
	if (f->colof[CC_CONTACT_ID] < 0 || f->colof[CC_STARTED_AT] < 0 ||
	    f->colof[CC_STATUS] < 0 ||
	    (f->colof[CC_CODE] < 0 && f->colof[CC_CATEGORY] < 0)) {
		const char *miss = f->colof[CC_CONTACT_ID] < 0 ? "contact_id"
			: f->colof[CC_STARTED_AT] < 0 ? "started_at"
			: f->colof[CC_STATUS] < 0 ? "need_status" : "need_code";
		return nserr_set(f->err, NS_EDATA, "%s: missing required column "
			"'%s' (the header is line %llu)", f->name, miss,
			(unsigned long long)r->line);
	}
	if (unknown)
		ifile_say(f, "%s: ignoring %d unknown column%s: %s", f->name,
			  unknown, unknown > 1 ? "s" : "", list);
	describe_plain(f, r);
	f->header_done = 1;
	return 0;
}

static int open_rejects(struct ifile *f)
{
	struct ingest_run *run = f->run;

	char name[64];
	const char *path = f->opts->rejects_path;
	size_t n;

	if (run->rejects || run->rejects_failed)
		return run->rejects ? 0 : NS_ECANTCREAT;
	if (!path && f->opts->dry_run)
		return 0;
	if (!path) {
		snprintf(name, sizeof name, "rejects-batch-%ld.csv",
			 f->batch_id);
		path = name;
	}
	n = strlen(path) + 1;
	if (!(run->rejects_path = malloc(n)))
		return nserr_set(f->err, NS_ENOMEM, "out of memory");
	memcpy(run->rejects_path, path, n);
	/* Through a temporary renamed in at the end, never over an input or
	 * the database; mode 0600: the file holds whole raw records. */
	outfile_init(&run->rejects_out);
	run->rejects_out.mode = 0600;
	run->rejects_out.what = "rejects file";
	if (outfile_open(&run->rejects_out, run->rejects_path, f->err) != 0) {
		run->rejects_failed = 1;
		return f->err->code;
	}
	run->rejects = run->rejects_out.fp;
	fputs("file,line,column,value,reason,record,action\n", run->rejects);
	return 0;
}

int ifile_text(struct ifile *f, const struct csvin_record *r, size_t *len)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->nfields; i++) {
		size_t need = n + 2 * r->len[i] + 4;
		const char *fs = r->field[i];
		size_t fl = r->len[i];
		int q = memchr(fs, ',', fl) || memchr(fs, '"', fl) ||
			memchr(fs, '\n', fl) || memchr(fs, '\r', fl);
		if (need > f->text_cap) {
			size_t cap = need * 2;
			char *t = realloc(f->text, cap);
			if (!t)
				return NS_ENOMEM;
			f->text = t;
			f->text_cap = cap;
		}
		if (i)
			f->text[n++] = ',';
		if (q)
			f->text[n++] = '"';
		for (j = 0; j < r->len[i]; j++) {
			if (r->field[i][j] == '"')
				f->text[n++] = '"';
			f->text[n++] = r->field[i][j];
		}
		if (q)
			f->text[n++] = '"';
	}
	if (!f->text && !(f->text = malloc(f->text_cap = 64)))
		return NS_ENOMEM;
	f->text[n] = '\0';
	*len = n;
	return 0;
}

/* One line of the rejects file; action: rejected, kept or duplicate. */
static int write_reject(struct ifile *f, const struct porigin *o,
			const struct row_fault *ft, const char *action)
{
	FILE *w;
	char line[32];
	size_t len = o->text_len;
	const char *text = o->text;
	int rc = open_rejects(f);

	if (rc || !(w = f->run->rejects))
		return rc;
	if (o->rec) {
		if (ifile_text(f, o->rec, &len) != 0)
			return nserr_set(f->err, NS_ENOMEM, "out of memory");
		text = f->text;
	}
	snprintf(line, sizeof line, ",%llu,", (unsigned long long)o->line);
	csvin_write_field(w, o->file, strlen(o->file));
	fputs(line, w);
	csvin_write_field(w, ft->column, strlen(ft->column));
	putc(',', w);
	csvin_write_field(w, ft->value, ft->value_len);
	putc(',', w);
	csvin_write_field(w, ft->reason, strlen(ft->reason));
	putc(',', w);
	csvin_write_field(w, text ? text : "", text ? len : 0);
	putc(',', w);
	fputs(action, w);
	if (putc('\n', w) == EOF)
		return nserr_set(f->err, NS_EIO, "writing '%s': %s",
				 f->run->rejects_path, strerror(errno));
	return 0;
}

int ifile_blank_row(struct ifile *f, const struct csvin_record *r)
{
	size_t i, j;

	for (i = 0; i < r->nfields; i++)
		for (j = 0; j < r->len[i]; j++)
			if (r->field[i][j] != ' ' && r->field[i][j] != '\t')
				return 0;
	f->blank++;
	f->run->st->rows_blank++;
	return 1;
}

int ifile_record_fault(const struct ifile *f, const struct csvin_record *r,
		       struct row_fault *ft)
{
	size_t i;

	ft->col = -1;
	ft->column = "(row)";
	ft->value = "";
	ft->value_len = 0;
	if (r->flags & CSVIN_HAS_NUL) {
		snprintf(ft->reason, sizeof ft->reason, "contains a NUL byte");
		return 1;
	}
	if (r->flags & (CSVIN_FIELD_TOO_LONG | CSVIN_RECORD_TOO_LONG)) {
		snprintf(ft->reason, sizeof ft->reason, "a field is longer "
			 "than 64 KiB");
		return 1;
	}
	if (r->nfields != f->ncols) {
		snprintf(ft->reason, sizeof ft->reason, "has %zu fields, the "
			 "header has %zu", r->nfields, f->ncols);
		return 1;
	}
	for (i = 0; i < r->nfields; i++) {
		if (!csvin_utf8_valid(r->field[i], r->len[i])) {
			snprintf(ft->reason, sizeof ft->reason, "column %zu is "
				 "not valid UTF-8", i + 1);
			return 1;
		}
	}
	return 0;
}

/* One of the first max_messages rows rejected or kept with a problem. */
static void say_row(struct ifile *f, const struct porigin *o,
		    const struct row_fault *ft)
{
	struct ingest_run *run = f->run;

	if (run->messages >= f->opts->max_messages)
		return;
	run->messages++;
	if (ft->col >= 0)
		ifile_say(f, "%s:%llu: column '%s': '%.*s' %s", o->file,
			  (unsigned long long)o->line, ft->column,
			  (int)(ft->value_len > 80 ? 80 : ft->value_len),
			  ft->value, ft->reason);
	else
		ifile_say(f, "%s:%llu: %s", o->file,
			  (unsigned long long)o->line, ft->reason);
}

int ifile_reject(struct ifile *f, const struct porigin *o,
		 const struct row_fault *ft)
{
	struct ingest_run *run = f->run;
	int rc;

	if (f->extra_row)               /* its record is counted once */
		return write_reject(f, o, ft, "rejected");
	run->st->rows_rejected++;
	f->rejected++;
	f->moved.rejected += f->foreign;
	f->issues.file = o->file;
	f->issues.line = (unsigned long long)o->line;
	tally_add(&f->issues, "reject", ft->column, ft->reason, ft->value,
		  ft->value_len);
	f->issues.file = NULL;
	if (f->opts->report)
		profile_report_reject(f->opts->report, ft->column, ft->reason,
				      o->file, (unsigned long long)o->line,
				      ft->value, ft->value_len);
	say_row(f, o, ft);
	if ((rc = write_reject(f, o, ft, "rejected")) != 0)
		return rc;
	if (f->opts->max_rejects >= 0 &&
	    run->st->rows_rejected > f->opts->max_rejects)
		return nserr_set(f->err, NS_EDATA, "more than %ld bad rows "
			"(--max-rejects): stopped at %s:%llu; nothing was "
			"loaded", f->opts->max_rejects, o->file,
			(unsigned long long)o->line);
	return 0;
}

int ifile_skipped(struct ifile *f, const struct porigin *o, int dup,
		  const char *why)
{
	struct row_fault ft;

	if (!dup) {
		f->merged++;
		f->moved.merged += f->foreign;
		f->run->st->rows_merged++;
		return 0;
	}
	f->duplicate++;
	f->moved.duplicate += f->foreign;
	f->run->st->rows_duplicate++;
	memset(&ft, 0, sizeof ft);
	ft.col = -1;
	ft.column = "(row)";
	ft.value = "";
	snprintf(ft.reason, sizeof ft.reason, "%s", why);
	return write_reject(f, o, &ft, "duplicate");
}

/* What the dry run shows of a good row: the first rows, unmapped codes. */
static void report_good(struct ifile *f, const struct need_row *nr,
			const struct porigin *oc, const struct porigin *on)
{
	struct profile_report *rep = f->opts->report;
	const struct classify *cl = f->run->cl;
	char where[600];
	size_t n;

	if (nr->has_code) {
		const char *s = nr->code.service;
		size_t len = strlen(s);
		for (n = len < cl->max_prefix ? len : cl->max_prefix; n > 0; n--)
			if (strmap_get(&cl->prefixes, s, n))
				break;
		if (n == 0 || classify_is_unmapped(cl, nr->category))
			profile_report_code(rep, s);
	}
	if (rep->nrows >= REPORT_ROWS)
		return;
	if (oc != on && oc->file != on->file)
		snprintf(where, sizeof where, "%s:%llu (contact: %s:%llu)",
			 on->file, (unsigned long long)on->line, oc->file,
			 (unsigned long long)oc->line);
	else
		snprintf(where, sizeof where, "%s:%llu", on->file,
			 (unsigned long long)on->line);
	profile_report_row(rep, nr, cl, where);
}

/* Examples of the need columns' issues (slots from..) found while the
 * tally pointed at the contact's row: point them at the need's row. */
static void need_examples(struct issue_tally *t, size_t from,
			  const struct porigin *oc, const struct porigin *on)
{
	static const char reason_key[] = "field\x1funmet_reason\x1f";
	char tmp[sizeof t->slots[0].example];
	size_t i;

	for (i = from; oc != on && i < t->n; i++) {
		struct issue_slot *sl = &t->slots[i];
		const char *q = strstr(sl->example, " '");
		if (strncmp(sl->key, reason_key, sizeof reason_key - 1) != 0)
			continue;
		snprintf(tmp, sizeof tmp, "%.100s:%llu%s", on->file,
			 (unsigned long long)on->line, q ? q : "");
		memcpy(sl->example, tmp, sizeof tmp);
	}
}

int ifile_row(struct ifile *f, const struct canon_row *cr,
	      const struct porigin *oc, const struct porigin *on)
{
	struct need_row nr;
	struct row_fault ft;
	size_t n0 = f->issues.n;
	const struct porigin *o;
	int rc;

	f->issues.file = oc->file;
	f->issues.line = (unsigned long long)oc->line;
	rc = row_check(f->run->cl, cr, &nr, &ft, &f->issues);
	f->issues.file = NULL;
	need_examples(&f->issues, n0, oc, on);
	o = ft.col >= 0 && ft.col < CC_N && profile_col_is_contact(ft.col) ?
		oc : on;
	nr.counted = !cr->extra;
	nr.foreign = f->foreign;
	if (rc == 1) {
		f->extra_row = cr->extra;
		rc = ifile_reject(f, o, &ft);
		f->extra_row = 0;
		return rc;
	}
	if (rc == 2) {
		if (!cr->extra) {
			say_row(f, o, &ft);
			f->run->st->rows_kept++;
		}
		if ((rc = write_reject(f, o, &ft, "kept")) != 0)
			return rc;
	}
	if (f->opts->report)
		report_good(f, &nr, oc, on);
	if ((f->run->st->rows_read & 0xffff) == 0 && f->opts->on_progress)
		f->opts->on_progress(f->run->st, f->opts->ctx);
	return store_row(f->run->store, &nr, f->err);
}

static int on_record(const struct csvin_record *r, void *ctx)
{
	struct ifile *f = ctx;
	struct canon_row cr;
	struct row_fault ft;
	struct porigin o = {f->name, r->line, r, NULL, 0};
	int c;

	if (f->pf)
		return prof_record(f, r);
	if (!f->header_done)
		return map_header(f, r);
	if (csvin_is_blank_record(r) && f->ncols > 1)
		return 0;               /* a blank line between records */
	f->run->st->rows_read++;
	f->rows++;
	if (ifile_blank_row(f, r))
		return 0;
	if (ifile_record_fault(f, r, &ft))
		return ifile_reject(f, &o, &ft);
	cr.line = r->line;
	cr.extra = 0;
	for (c = 0; c < CC_N; c++) {
		int i = f->colof[c];
		cr.v[c] = i >= 0 ? r->field[i] : NULL;
		cr.len[c] = i >= 0 ? r->len[i] : 0;
	}
	return ifile_row(f, &cr, &o, &o);
}

static void on_bytes(const void *data, size_t len, void *ctx)
{
	struct ifile *f = ctx;

	sha256_update(&f->sha, len, data);
	f->run->st->bytes += len;
}

/* The optional fields left unknown in this file, for the report. */
static void report_fields(struct ifile *f)
{
	size_t i;

	for (i = 0; f->opts->report && i < f->issues.n; i++) {
		const struct issue_slot *sl = &f->issues.slots[i];
		char key[512], *col, *why;
		snprintf(key, sizeof key, "%s", sl->key);
		if (!(col = strchr(key, '\x1f')) || strncmp(key, "field", 5))
			continue;
		*col++ = '\0';
		if (!(why = strchr(col, '\x1f')))
			continue;
		*why++ = '\0';
		profile_report_field(f->opts->report, col, why, sl->example,
				     sl->count);
	}
}

int ifile_read(struct ifile *f, int fd)
{
	struct csvin in;
	uint8_t digest[SHA256_DIGEST_SIZE];
	int rc, i;

	sha256_init(&f->sha);
	f->side = -1;
	if (!profile_is_plain(f->opts->prof) && (rc = prof_file_start(f)))
		return rc;
	if (csvin_init(&in, fd, f->name, on_record, on_bytes, f) != 0) {
		rc = nserr_set(f->err, NS_ENOMEM, "out of memory");
		return f->pf ? prof_file_end(f, rc) : rc;
	}
	rc = csvin_run(&in, f->err);
	f->bytes = in.bytes;
	csvin_release(&in);
	sha256_digest(&f->sha, SHA256_DIGEST_SIZE, digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(f->sha_hex + 2 * i, 3, "%02x", digest[i]);
	if (!rc && !f->header_done)
		rc = nserr_set(f->err, NS_EDATA, "%s: the file is empty: a "
			       "header row is required", f->name);
	if (f->pf)
		rc = prof_file_end(f, rc);
	report_fields(f);
	free(f->text);
	f->text = NULL;
	return rc;
}

int ifile_run_finish(struct ingest_run *run, struct nserr *err)
{
	struct pstage *s = run->pair;

	if (!s)
		return 0;
	return nserr_set(err, NS_EDATA, "%s: the %s file of this pair was not "
		"read (a two-file profile loads a contacts file and its needs "
		"file together); nothing of it was loaded",
		s->staged[0] ? s->name[0] : s->name[1],
		s->staged[0] ? "needs" : "contacts");
}

void ifile_run_release(struct ingest_run *run)
{
	pstage_close(run->pair);
	run->pair = NULL;
}

char *ifile_run_detach_rejects(struct ingest_run *run)
{
	char *p = run->rejects_path;

	run->rejects_path = NULL;
	return p;
}

int ifile_may_skip(const struct ingest_run *run)
{
	return !run->opts->prof || !run->opts->prof->join;
}
