/*
 * csvin: streaming RFC 4180 reading with line tracking and memory limits.
 *
 * libcsv is used with CSV_REPALL_NL so that every line feed outside a record
 * reaches us: the line of a record's start is 1 + the line feeds seen before
 * it, counting those inside quoted fields.  Blank trimming is turned off.
 *
 * Memory is bounded by design.  libcsv's field buffer may not grow past
 * CSVIN_HARD_MAX: when a field fills it, csv_parse stops with its state
 * saved and returns how far it got; passed_over() keeps the field's head
 * (CSVIN_FIELD_MAX bytes) as the record's field, empties libcsv's buffer
 * and parsing resumes, so a field of any length costs no more.  A record
 * keeps at most CSVIN_FIELDS_MAX fields and CSVIN_RECORD_MAX bytes; what
 * is past those is counted in the flags, not stored.
 */
#include "csvin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CSVIN_CHUNK
#define CSVIN_CHUNK (1024 * 1024)       /* bytes per read (small in fuzzing) */
#endif

/* libcsv's parser states (libcsv.c): a quote inside a quoted field that
 * may end it has been put in the buffer, to be taken out if it does. */
#define LIBCSV_FIELD_MIGHT_HAVE_ENDED 3

_Static_assert(CSVIN_HARD_MAX % 4096 == 0 && CSVIN_HARD_MAX > CSVIN_FIELD_MAX,
	       "libcsv's buffer stops at exactly CSVIN_HARD_MAX, past a field");

/* libcsv grows its field buffer with this: refuse past the hard limit. */
static void *bounded_realloc(void *p, size_t size)
{
	if (size > CSVIN_HARD_MAX)
		return NULL;
	return realloc(p, size);
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int csvin_init(struct csvin *in, int fd, const char *name,
	       csvin_record_fn on_record, csvin_bytes_fn on_bytes, void *ctx)
{
	memset(in, 0, sizeof *in);
	if (csv_init(&in->parser, CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
		return NS_ENOMEM;
	csv_set_space_func(&in->parser, no_space);
	csv_set_realloc_func(&in->parser, bounded_realloc);
	csv_set_blk_size(&in->parser, 4096);
	in->fd = fd;
	in->name = name;
	in->on_record = on_record;
	in->on_bytes = on_bytes;
	in->ctx = ctx;
	in->line = 1;
	in->data_cap = 64 * 1024;
	in->fields_cap = CSVIN_FIELDS_MAX < 64 ? CSVIN_FIELDS_MAX : 64;
	in->data = malloc(in->data_cap);
	in->off = malloc(in->fields_cap * sizeof *in->off);
	in->flen = malloc(in->fields_cap * sizeof *in->flen);
	in->fptr = malloc(in->fields_cap * sizeof *in->fptr);
	if (!in->data || !in->off || !in->flen || !in->fptr) {
		csvin_release(in);
		return NS_ENOMEM;
	}
	return 0;
}

void csvin_release(struct csvin *in)
{
	csv_free(&in->parser);
	free(in->data);
	free(in->off);
	free(in->flen);
	free(in->fptr);
	in->data = NULL;
	in->off = NULL;
	in->flen = NULL;
	in->fptr = NULL;
}

static int grow_fields(struct csvin *in)
{
	size_t cap = in->fields_cap * 2;

	if (cap > CSVIN_FIELDS_MAX)
		cap = CSVIN_FIELDS_MAX;
	size_t *off = realloc(in->off, cap * sizeof *off);
	size_t *flen;
	const char **fptr;

	if (!off)
		return -1;
	in->off = off;
	flen = realloc(in->flen, cap * sizeof *flen);
	if (!flen)
		return -1;
	in->flen = flen;
	fptr = realloc(in->fptr, cap * sizeof *fptr);
	if (!fptr)
		return -1;
	in->fptr = fptr;
	in->fields_cap = cap;
	return 0;
}

static size_t count_lf(const char *s, size_t len)
{
	size_t n = 0;
	const char *p = s, *end = s + len;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Note the line feeds and NUL bytes of field bytes that are not kept. */
static void scan_dropped(struct csvin *in, const void *data, size_t len)
{
	if (len && memchr(data, '\n', len))
		in->inner_nl += count_lf(data, len);
	if (len && memchr(data, '\0', len))
		in->flags |= CSVIN_HAS_NUL;
}

/* Add data[0..len) as the record's next field (or only flag it when the
 * record is full).  Returns 0, or -1 out of memory (in->oom set). */
static int add_field(struct csvin *in, const void *data, size_t len)
{
	const unsigned char *u = data;
	size_t keep;

	/* a byte order mark at a field's start (files put end to end, a
	 * pasted cell) is not data */
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		data = u + 3;
		len -= 3;
	}
	keep = len;

	if (in->nfields == in->fields_cap) {
		if (in->fields_cap >= CSVIN_FIELDS_MAX) {
			in->flags |= CSVIN_TOO_MANY_FIELDS;
			scan_dropped(in, data, len);
			return 0;
		}
		if (grow_fields(in) != 0) {
			in->oom = 1;
			return -1;
		}
	}
	scan_dropped(in, data, len);    /* kept or not: lines and NULs */
	if (keep > CSVIN_FIELD_MAX) {
		keep = CSVIN_FIELD_MAX;
		if (!(in->flags & CSVIN_FIELD_TOO_LONG))
			in->long_field = in->nfields;
		in->flags |= CSVIN_FIELD_TOO_LONG;
	}
	if (in->data_len + keep + 1 > CSVIN_RECORD_MAX) {
		keep = 0;
		in->flags |= CSVIN_RECORD_TOO_LONG;
	}
	if (in->data_len + keep + 1 > in->data_cap) {
		size_t cap = in->data_cap;
		char *nd;
		while (in->data_len + keep + 1 > cap)
			cap *= 2;
		nd = realloc(in->data, cap);
		if (!nd) {
			in->oom = 1;
			return -1;
		}
		in->data = nd;
		in->data_cap = cap;
	}
	if (keep)
		memcpy(in->data + in->data_len, data, keep);
	in->off[in->nfields] = in->data_len;
	in->flen[in->nfields] = keep;
	in->data_len += keep;
	in->data[in->data_len++] = '\0';
	in->nfields++;
	return 0;
}

static void on_field(void *data, size_t len, void *vin)
{
	struct csvin *in = vin;

	if (in->stop || in->oom)
		return;
	if (in->partial) {              /* the tail of a passed-over field */
		in->partial = 0;
		scan_dropped(in, data, len);
		return;
	}
	add_field(in, data, len);
}

/*
 * libcsv's buffer is full in the middle of a field: keep the field's head
 * (the first time), drop the rest of what the buffer holds, and let libcsv
 * go on.  What libcsv may still take back stays: the blanks it counts and,
 * in a quoted field, a quote that may be the closing one.
 */
static void passed_over(struct csvin *in)
{
	struct csv_parser *p = &in->parser;
	size_t tail = p->spaces + (p->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED);
	size_t drop;

	if (tail > p->entry_pos)
		tail = p->entry_pos;
	drop = p->entry_pos - tail;
	if (!in->partial) {
		if (add_field(in, p->entry_buf, drop) != 0)
			return;
		/* flagged even when the head fits: the field goes on */
		if (!(in->flags & CSVIN_FIELD_TOO_LONG))
			in->long_field = in->nfields ? in->nfields - 1 : 0;
		in->flags |= CSVIN_FIELD_TOO_LONG;
		in->partial = 1;
	} else {
		scan_dropped(in, p->entry_buf, drop);
	}
	memmove(p->entry_buf, p->entry_buf + drop, tail);
	p->entry_pos = tail;
	p->status = 0;
}

static void on_row_end(int c, void *vin)
{
	struct csvin *in = vin;
	struct csvin_record rec;
	size_t i;

	if (in->stop || in->oom)
		return;
	if (in->nfields == 0) {          /* a line end outside any record */
		if (c == '\n' || in->after_cr)
			in->line++;      /* LF, CRLF, or a lone CR before */
		in->after_cr = c == '\r';
		return;
	}
	if (in->after_cr) {              /* the CR before was a line end */
		in->line++;
		in->after_cr = 0;
	}
	for (i = 0; i < in->nfields; i++)
		in->fptr[i] = in->data + in->off[i];
	rec.line = in->line;
	rec.nfields = in->nfields;
	rec.field = in->fptr;
	rec.len = in->flen;
	rec.flags = in->flags;
	in->line += in->inner_nl + (c == '\n');
	in->after_cr = c == '\r';
	rec.long_field = in->long_field;
	in->inner_nl = 0;
	in->stop = in->on_record(&rec, in->ctx);
	in->nfields = 0;
	in->data_len = 0;
	in->flags = 0;
	in->long_field = 0;
}

static int parse_failed(struct csvin *in, struct nserr *err)
{
	if (in->oom)
		return nserr_set(err, NS_ENOMEM, "%s: out of memory", in->name);
	return nserr_set(err, NS_EDATA, "%s:%llu: the CSV parser stopped "
		"(%s)", in->name, (unsigned long long)in->line,
		csv_strerror(csv_error(&in->parser)));
}

/* Parse buf[0..len), passing over fields longer than libcsv's buffer. */
static int parse_chunk(struct csvin *in, const unsigned char *buf,
		       size_t len)
{
	size_t done = 0;

	for (;;) {
		done += csv_parse(&in->parser, buf + done, len - done, on_field,
				  on_row_end, in);
		if (done == len || in->oom || in->stop)
			return 0;
		if (csv_error(&in->parser) != CSV_ENOMEM ||
		    in->parser.entry_pos < CSVIN_HARD_MAX)
			return -1;
		passed_over(in);
		if (in->oom)
			return 0;
	}
}

int csvin_run(struct csvin *in, struct nserr *err)
{
	char runaway[80];
	unsigned char *buf = malloc(CSVIN_CHUNK);
	int first = 1, rc = 0;

	if (!buf)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (;;) {
		ssize_t n = read(in->fd, buf, CSVIN_CHUNK);
		size_t skip = 0;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = nserr_set(err, NS_EIO, "%s: read error: %s",
				       in->name, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (in->on_bytes)
			in->on_bytes(buf, (size_t)n, in->ctx);
		in->bytes += (uint64_t)n;
		if (first && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB &&
		    buf[2] == 0xBF)
			skip = 3;
		first = 0;
		if (parse_chunk(in, buf + skip, (size_t)n - skip) != 0 ||
		    in->oom) {
			rc = parse_failed(in, err);
			goto out;
		}
		if (in->stop) {
			rc = in->stop;
			goto out;
		}
	}
	/* libcsv 3.0.3 reports an open quote at the end (CSV_STRICT_FINI)
	 * only in strict mode, which would also stop at any stray quote:
	 * look at its public state instead (FIELD_BEGUN = 2, quoted). */
	snprintf(runaway, sizeof runaway, " (it runs past %d KiB: is a "
		 "closing quote missing?)", CSVIN_HARD_MAX / 1024);
	if ((in->parser.pstate == 2 && in->parser.quoted) ||
	    csv_fini(&in->parser, on_field, on_row_end, in) != 0) {
		rc = nserr_set(err, NS_EDATA,
			"%s:%llu: a quoted field is not closed at end of file%s",
			in->name, (unsigned long long)in->line, in->partial
			? runaway : "");
		goto out;
	}
	if (in->oom)
		rc = parse_failed(in, err);
	else if (in->stop)
		rc = in->stop;
out:
	free(buf);
	return rc;
}

int csvin_is_blank_record(const struct csvin_record *rec)
{
	return rec->nfields == 1 && rec->len[0] == 0;
}

int csvin_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + need >= len)
			return 0;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

int csvin_write_field(FILE *f, const char *s, size_t len)
{
	size_t i;

	if (!memchr(s, ',', len) && !memchr(s, '"', len) &&
	    !memchr(s, '\n', len) && !memchr(s, '\r', len))
		return fwrite(s, 1, len, f) == len ? 0 : NS_EIO;
	if (putc('"', f) == EOF)
		return NS_EIO;
	for (i = 0; i < len; i++) {
		if (s[i] == '"' && putc('"', f) == EOF)
			return NS_EIO;
		if (putc(s[i], f) == EOF)
			return NS_EIO;
	}
	return putc('"', f) == EOF ? NS_EIO : 0;
}
