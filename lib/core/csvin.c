/*
 * csvin: streaming RFC 4180 reading with line tracking and memory limits.
 *
 * libcsv is used with CSV_REPALL_NL so that every line feed outside a record
 * reaches us: the line of a record's start is 1 + the line feeds seen before
 * it, counting those inside quoted fields.  Blank trimming is turned off.
 */
#include "csvin.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CSVIN_CHUNK (1024 * 1024)

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
	in->fields_cap = 64;
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

static void on_field(void *data, size_t len, void *vin)
{
	struct csvin *in = vin;
	size_t keep = len;

	if (in->stop || in->oom)
		return;
	if (in->nfields == in->fields_cap && grow_fields(in) != 0) {
		in->oom = 1;
		return;
	}
	if (len && memchr(data, '\n', len))
		in->inner_nl += count_lf(data, len);
	if (len && memchr(data, '\0', len))
		in->flags |= CSVIN_HAS_NUL;
	if (keep > CSVIN_FIELD_MAX) {
		keep = CSVIN_FIELD_MAX;
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
			return;
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
}

static void on_row_end(int c, void *vin)
{
	struct csvin *in = vin;
	struct csvin_record rec;
	size_t i;

	if (in->stop || in->oom)
		return;
	if (in->nfields == 0) {          /* a line end outside any record */
		if (c == '\n')
			in->line++;
		return;
	}
	for (i = 0; i < in->nfields; i++)
		in->fptr[i] = in->data + in->off[i];
	rec.line = in->line;
	rec.nfields = in->nfields;
	rec.field = in->fptr;
	rec.len = in->flen;
	rec.flags = in->flags;
	in->line += in->inner_nl + (c == '\n');
	in->inner_nl = 0;
	in->stop = in->on_record(&rec, in->ctx);
	in->nfields = 0;
	in->data_len = 0;
	in->flags = 0;
}

static int parse_failed(struct csvin *in, struct nserr *err)
{
	if (in->oom)
		return nserr_set(err, NS_ENOMEM, "%s: out of memory", in->name);
	return nserr_set(err, NS_EDATA,
		"%s:%llu: a quoted field runs past %d MiB: is a closing quote "
		"missing?", in->name, (unsigned long long)in->line,
		CSVIN_HARD_MAX / (1024 * 1024));
}

int csvin_run(struct csvin *in, struct nserr *err)
{
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
		if (csv_parse(&in->parser, buf + skip, (size_t)n - skip, on_field,
			      on_row_end, in) != (size_t)n - skip) {
			rc = parse_failed(in, err);
			goto out;
		}
		if (in->oom) {
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
	if ((in->parser.pstate == 2 && in->parser.quoted) ||
	    csv_fini(&in->parser, on_field, on_row_end, in) != 0) {
		rc = nserr_set(err, NS_EDATA,
			"%s:%llu: a quoted field is not closed at end of file",
			in->name, (unsigned long long)in->line);
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
