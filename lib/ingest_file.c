/*
 * ingest_file: reading one input file: header mapping, the per-record path
 * (map -> validate -> store or reject), the rejects CSV and the SHA-256 of
 * the bytes read.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvin.h"
#include "db.h"
#include "ingest_file.h"

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

static void say(struct ifile *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct ifile *f, const char *fmt, ...)
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
		say(f, "%s: ignoring %d unknown column%s: %s", f->name, unknown,
		    unknown > 1 ? "s" : "", list);
	f->header_done = 1;
	return 0;
}

static int open_rejects(struct ifile *f)
{
	struct ingest_run *run = f->run;

	if (run->rejects || run->rejects_failed)
		return run->rejects ? 0 : NS_ECANTCREAT;
	if (f->opts->rejects_path)
		snprintf(run->rejects_path, sizeof run->rejects_path, "%s",
			 f->opts->rejects_path);
	else if (f->opts->dry_run)
		return 0;
	else
		snprintf(run->rejects_path, sizeof run->rejects_path,
			 "rejects-batch-%ld.csv", f->batch_id);
	run->rejects = fopen(run->rejects_path, "w");
	if (!run->rejects) {
		run->rejects_failed = 1;
		return nserr_set(f->err, NS_ECANTCREAT, "cannot create rejects "
			"file '%s': %s", run->rejects_path, strerror(errno));
	}
	fputs("file,line,column,value,reason,record\n", run->rejects);
	return 0;
}

static int write_reject(struct ifile *f, const struct csvin_record *r,
			const struct row_fault *ft)
{
	FILE *o;
	char line[32];
	size_t i;
	int rc = open_rejects(f);

	if (rc || !(o = f->run->rejects))
		return rc;
	snprintf(line, sizeof line, ",%llu,", (unsigned long long)r->line);
	csvin_write_field(o, f->name, strlen(f->name));
	fputs(line, o);
	csvin_write_field(o, ft->column, strlen(ft->column));
	putc(',', o);
	csvin_write_field(o, ft->value, ft->value_len);
	putc(',', o);
	csvin_write_field(o, ft->reason, strlen(ft->reason));
	putc(',', o);
	{
		/* the original record, re-quoted, as one field */
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		if (!m)
			return nserr_set(f->err, NS_ENOMEM, "out of memory");
		for (i = 0; i < r->nfields; i++) {
			if (i)
				putc(',', m);
			csvin_write_field(m, r->field[i], r->len[i]);
		}
		fclose(m);
		csvin_write_field(o, buf, len);
		free(buf);
	}
	if (putc('\n', o) == EOF)
		return nserr_set(f->err, NS_EIO, "writing '%s': %s",
				 f->run->rejects_path, strerror(errno));
	return 0;
}

/* A record-level problem (ragged, NUL, invalid UTF-8, too long). */
static int record_fault(struct ifile *f, const struct csvin_record *r,
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

static int reject(struct ifile *f, const struct csvin_record *r,
		  const struct row_fault *ft)
{
	struct ingest_run *run = f->run;
	int rc;

	run->st->rows_rejected++;
	f->rejected++;
	tally_add(&f->issues, "reject", ft->column, ft->reason, ft->value,
		  ft->value_len);
	if (run->messages < f->opts->max_messages) {
		run->messages++;
		if (ft->col >= 0)
			say(f, "%s:%llu: column '%s': '%.*s' %s", f->name,
			    (unsigned long long)r->line, ft->column,
			    (int)(ft->value_len > 80 ? 80 : ft->value_len),
			    ft->value, ft->reason);
		else
			say(f, "%s:%llu: %s", f->name,
			    (unsigned long long)r->line, ft->reason);
	}
	if ((rc = write_reject(f, r, ft)) != 0)
		return rc;
	if (f->opts->max_rejects >= 0 &&
	    run->st->rows_rejected > f->opts->max_rejects)
		return nserr_set(f->err, NS_EDATA, "more than %ld bad rows "
			"(--max-rejects): stopped at %s:%llu; nothing was "
			"loaded", f->opts->max_rejects, f->name,
			(unsigned long long)r->line);
	return 0;
}

static int on_record(const struct csvin_record *r, void *ctx)
{
	struct ifile *f = ctx;
	struct canon_row cr;
	struct need_row nr;
	struct row_fault ft;
	int c;

	if (!f->header_done)
		return map_header(f, r);
	if (csvin_is_blank_record(r) && f->ncols > 1)
		return 0;               /* a blank line between records */
	f->run->st->rows_read++;
	f->rows++;
	if (record_fault(f, r, &ft))
		return reject(f, r, &ft);
	cr.line = r->line;
	for (c = 0; c < CC_N; c++) {
		int i = f->colof[c];
		cr.v[c] = i >= 0 ? r->field[i] : NULL;
		cr.len[c] = i >= 0 ? r->len[i] : 0;
	}
	if (row_check(f->run->cl, &cr, &nr, &ft, &f->issues))
		return reject(f, r, &ft);
	if ((f->run->st->rows_read & 0xffff) == 0 && f->opts->on_progress)
		f->opts->on_progress(f->run->st, f->opts->ctx);
	return store_row(f->run->store, &nr, f->err);
}

static void on_bytes(const void *data, size_t len, void *ctx)
{
	struct ifile *f = ctx;

	sha256_update(&f->sha, len, data);
	f->run->st->bytes += len;
}

int ifile_read(struct ifile *f, int fd)
{
	struct csvin in;
	uint8_t digest[SHA256_DIGEST_SIZE];
	int rc, i;

	sha256_init(&f->sha);
	if (csvin_init(&in, fd, f->name, on_record, on_bytes, f) != 0)
		return nserr_set(f->err, NS_ENOMEM, "out of memory");
	rc = csvin_run(&in, f->err);
	f->bytes = in.bytes;
	csvin_release(&in);
	sha256_digest(&f->sha, SHA256_DIGEST_SIZE, digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(f->sha_hex + 2 * i, 3, "%02x", digest[i]);
	if (!rc && !f->header_done)
		rc = nserr_set(f->err, NS_EDATA, "%s: the file is empty: a "
			       "header row is required", f->name);
	return rc;
}
