/*
 * Tests for csvin: the streaming RFC 4180 reader (LF/CRLF, BOM, quoting,
 * the physical line of each record also after quoted newlines, blank lines,
 * untrimmed blanks, the 64 KiB field flag, NUL bytes, an unterminated quote
 * at end of file, a runaway quoted field), UTF-8 validation and field
 * quoting on output.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvin.h"
#include "core/nserr.h"
#include "testutil.h"

#define MAXREC 16
#define MAXF 8

/* What the callback saw: copies of the first MAXREC records. */
struct seen {
	size_t n;
	uint64_t line[MAXREC];
	size_t nfields[MAXREC];
	unsigned flags[MAXREC];
	char *field[MAXREC][MAXF];
	size_t len[MAXREC][MAXF];
	int blank[MAXREC];
	size_t long_field[MAXREC];
	size_t stop_at;          /* return NS_EDATA on this record (1-based) */
	uint64_t bytes_cb;       /* sum of on_bytes lengths */
};

static struct seen sn;
static struct nserr err;
static uint64_t in_bytes;
static size_t in_fields_cap, in_data_cap;  /* buffer sizes after a read */

static void seen_release(void)
{
	size_t r, i;

	for (r = 0; r < MAXREC; r++)
		for (i = 0; i < MAXF; i++) {
			free(sn.field[r][i]);
			sn.field[r][i] = NULL;
		}
	memset(&sn, 0, sizeof sn);
}

static int on_rec(const struct csvin_record *rec, void *ctx)
{
	struct seen *s = ctx;
	size_t r = s->n++, i;

	if (r < MAXREC) {
		s->line[r] = rec->line;
		s->nfields[r] = rec->nfields;
		s->flags[r] = rec->flags;
		s->long_field[r] = rec->long_field;
		s->blank[r] = csvin_is_blank_record(rec);
		for (i = 0; i < rec->nfields && i < MAXF; i++) {
			s->field[r][i] = malloc(rec->len[i] + 1);
			memcpy(s->field[r][i], rec->field[i], rec->len[i] + 1);
			s->len[r][i] = rec->len[i];
		}
	}
	if (s->stop_at && s->n == s->stop_at)
		return nserr_set(NULL, NS_EDATA, "stop");
	return 0;
}

static void on_bytes(const void *data, size_t len, void *ctx)
{
	struct seen *s = ctx;

	(void)data;
	s->bytes_cb += len;
}

/* Read bytes[0..len) through csvin from a temporary file "t.csv". */
static int read_bytes(const char *bytes, size_t len, size_t stop_at)
{
	struct csvin in;
	const char *path = tu_path("t.csv");
	int fd, rc;

	seen_release();
	sn.stop_at = stop_at;
	nserr_init(&err);
	if (tu_write_file(path, bytes, len) != 0)
		return 999;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 998;
	if (csvin_init(&in, fd, "t.csv", on_rec, on_bytes, &sn) != 0) {
		close(fd);
		return 997;
	}
	rc = csvin_run(&in, &err);
	in_bytes = in.bytes;
	in_fields_cap = in.fields_cap;
	in_data_cap = in.data_cap;
	csvin_release(&in);
	close(fd);
	return rc;
}

static int read_str(const char *s)
{
	return read_bytes(s, strlen(s), 0);
}

static void expect_field(size_t r, size_t i, const char *v)
{
	CU_ASSERT_FATAL(r < sn.n && i < sn.nfields[r]);
	CU_ASSERT_EQUAL(sn.len[r][i], strlen(v));
	CU_ASSERT_STRING_EQUAL(sn.field[r][i], v);
}

static void test_lf(void)
{
	CU_ASSERT_EQUAL(read_str("a,b\nc,d\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(sn.nfields[0], 2);
	expect_field(0, 0, "a");
	expect_field(0, 1, "b");
	expect_field(1, 1, "d");
	CU_ASSERT_EQUAL(sn.flags[0], 0);
	CU_ASSERT_EQUAL(in_bytes, 8);
	CU_ASSERT_EQUAL(sn.bytes_cb, 8);
	/* no final line end */
	CU_ASSERT_EQUAL(read_str("a,b\nc,d"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	expect_field(1, 1, "d");
	/* empty input: no record, no error */
	CU_ASSERT_EQUAL(read_str(""), 0);
	CU_ASSERT_EQUAL(sn.n, 0);
}

static void test_crlf(void)
{
	CU_ASSERT_EQUAL(read_str("a,b\r\nc,d\r\ne,f\r\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 3);
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(sn.line[2], 3);
	expect_field(0, 1, "b");          /* no '\r' left in the field */
	expect_field(2, 1, "f");
	/* a quoted last field before CRLF */
	CU_ASSERT_EQUAL(read_str("\"a\",\"b\"\r\nc,\"\"\r\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	expect_field(0, 1, "b");
	expect_field(1, 1, "");
	CU_ASSERT_EQUAL(sn.line[1], 2);
}

static void test_bom(void)
{
	CU_ASSERT_EQUAL(read_str("\xEF\xBB\xBFid,x\r\n1,2\r\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	expect_field(0, 0, "id");
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(in_bytes, 14);     /* the BOM is read and counted */
	/* a BOM alone is an empty file */
	CU_ASSERT_EQUAL(read_str("\xEF\xBB\xBF"), 0);
	CU_ASSERT_EQUAL(sn.n, 0);
	/* a BOM at the start of a later field (files put end to end, a
	 * pasted cell) is dropped too; inside a field it is data */
	CU_ASSERT_EQUAL(read_str("a\n\xEF\xBB\xBF" "b,\xEF\xBB\xBF\n"
				 "c\xEF\xBB\xBF" "d,\"\xEF\xBB\xBF" "e\"\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 3);
	expect_field(1, 0, "b");
	expect_field(1, 1, "");
	expect_field(2, 0, "c\xEF\xBB\xBF" "d");
	expect_field(2, 1, "e");
}

/* A lone CR ends a line (old Mac files): lines are counted right. */
static void test_lone_cr(void)
{
	CU_ASSERT_EQUAL(read_str("h1,h2\ra,b\r\rc,d\r\ne,f\rg,h"), 0);
	CU_ASSERT_EQUAL(sn.n, 5);
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(sn.line[2], 4);
	CU_ASSERT_EQUAL(sn.line[3], 5);
	CU_ASSERT_EQUAL(sn.line[4], 6);
	expect_field(2, 1, "d");
	expect_field(4, 1, "h");
}

static void test_quotes(void)
{
	CU_ASSERT_EQUAL(read_str("\"a,b\",\"say \"\"hi\"\"\",c,\"\"\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_EQUAL(sn.nfields[0], 4);
	expect_field(0, 0, "a,b");
	expect_field(0, 1, "say \"hi\"");
	expect_field(0, 2, "c");
	expect_field(0, 3, "");
	CU_ASSERT_EQUAL(sn.blank[0], 0);
}

static void test_quoted_newlines_lf(void)
{
	/* a 3-line quoted field: the next record starts on line 5 */
	CU_ASSERT_EQUAL(read_str("h1,h2\n\"x\ny\nz\",1\nnext,2\nlast,3\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 4);
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(sn.line[2], 5);
	CU_ASSERT_EQUAL(sn.line[3], 6);
	expect_field(1, 0, "x\ny\nz");
	expect_field(1, 1, "1");
	expect_field(2, 0, "next");
	/* newlines in a middle field, and in two fields of one record */
	CU_ASSERT_EQUAL(read_str("a,\"1\n2\",b\n\"p\nq\",\"r\ns\"\nc\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 3);
	CU_ASSERT_EQUAL(sn.line[0], 1);
	CU_ASSERT_EQUAL(sn.line[1], 3);
	CU_ASSERT_EQUAL(sn.line[2], 6);
	expect_field(0, 2, "b");
}

static void test_quoted_newlines_crlf(void)
{
	CU_ASSERT_EQUAL(read_str("h1,h2\r\n\"x\r\ny\r\nz\",1\r\nnext,2\r\n"),
			0);
	CU_ASSERT_EQUAL(sn.n, 3);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	CU_ASSERT_EQUAL(sn.line[2], 5);
	expect_field(1, 0, "x\r\ny\r\nz");     /* kept as written */
	expect_field(2, 0, "next");
}

static void test_blank_lines(void)
{
	CU_ASSERT_EQUAL(read_str("a,b\n\n\nc,d\n\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);           /* skipped ... */
	CU_ASSERT_EQUAL(sn.line[1], 4);     /* ... but counted */
	CU_ASSERT_EQUAL(read_str("a,b\r\n\r\n\r\nc,d\r\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.line[1], 4);
	CU_ASSERT_EQUAL(read_str("\n\na\n"), 0);   /* blank lines first */
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_EQUAL(sn.line[0], 3);
	/* a line of blanks is data; "" is a record of one empty field */
	CU_ASSERT_EQUAL(read_str("a\n   \n\"\"\nb\n"), 0);
	CU_ASSERT_EQUAL(sn.n, 4);
	expect_field(1, 0, "   ");
	CU_ASSERT_EQUAL(sn.blank[1], 0);
	expect_field(2, 0, "");
	CU_ASSERT_EQUAL(sn.blank[2], 1);
	CU_ASSERT_EQUAL(sn.line[3], 4);
}

static void test_blanks_kept(void)
{
	CU_ASSERT_EQUAL(read_str(" a , b ,\" c \",\t\n"), 0);
	CU_ASSERT_EQUAL(sn.nfields[0], 4);
	expect_field(0, 0, " a ");
	expect_field(0, 1, " b ");
	expect_field(0, 2, " c ");
	expect_field(0, 3, "\t");
}

static void test_long_field(void)
{
	size_t n = CSVIN_FIELD_MAX + 10000, i;
	char *buf = malloc(n + 64);

	CU_ASSERT_FATAL(buf != NULL);
	memcpy(buf, "a,", 2);
	for (i = 0; i < n; i++)
		buf[2 + i] = 'x';
	memcpy(buf + 2 + n, ",z\nok,1,2\n", 10);
	CU_ASSERT_EQUAL(read_bytes(buf, n + 12, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.flags[0] & CSVIN_FIELD_TOO_LONG,
			CSVIN_FIELD_TOO_LONG);
	CU_ASSERT_EQUAL(sn.len[0][1], CSVIN_FIELD_MAX);   /* truncated */
	expect_field(0, 2, "z");
	CU_ASSERT_EQUAL(sn.flags[1], 0);                  /* flags reset */
	CU_ASSERT_EQUAL(sn.line[1], 2);
	/* exactly 64 KiB is not flagged */
	memcpy(buf + 2 + CSVIN_FIELD_MAX, "\n", 1);
	CU_ASSERT_EQUAL(read_bytes(buf, CSVIN_FIELD_MAX + 3, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_EQUAL(sn.flags[0], 0);
	CU_ASSERT_EQUAL(sn.len[0][1], CSVIN_FIELD_MAX);
	free(buf);
}

static void test_unterminated_quote(void)
{
	CU_ASSERT_EQUAL(read_str("a,b\n1,2\n3,\"open\nmore\n"), NS_EDATA);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_STRING_EQUAL(err.msg, "t.csv:3: a quoted field is not "
			       "closed at end of file");
	/* after a multi-line quoted record the line is still right */
	CU_ASSERT_EQUAL(read_str("\"a\nb\"\nc\n\"x"), NS_EDATA);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_STRING_EQUAL(err.msg, "t.csv:4: a quoted field is not "
			       "closed at end of file");
}

static void test_runaway_quote(void)
{
	size_t n = CSVIN_HARD_MAX + 1024 * 1024, i;
	char *buf = malloc(n);

	CU_ASSERT_FATAL(buf != NULL);
	memcpy(buf, "a\n\"", 3);
	for (i = 3; i < n; i++)
		buf[i] = (i % 100) ? 'y' : '\n';
	CU_ASSERT_EQUAL(read_bytes(buf, n, 0), NS_EDATA);
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_STRING_EQUAL(err.msg, "t.csv:2: a quoted field is not "
			       "closed at end of file (it runs past 256 KiB: "
			       "is a closing quote missing?)");
	free(buf);
}

/* A record of CSVIN_FIELDS_MAX + n fields of "a," followed by good ones. */
static char *many_fields(size_t extra, size_t *len)
{
	size_t n = CSVIN_FIELDS_MAX + extra, i;
	char *buf = malloc(2 * n + 32);

	if (!buf)
		return NULL;
	for (i = 0; i < n; i++)
		memcpy(buf + 2 * i, "a,", 2);
	memcpy(buf + 2 * n, "a\nok,1\n", 7);
	*len = 2 * n + 7;
	return buf;
}

static void test_many_fields(void)
{
	size_t len;
	char *buf = many_fields(1000, &len);

	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(read_bytes(buf, len, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.flags[0] & CSVIN_TOO_MANY_FIELDS,
			CSVIN_TOO_MANY_FIELDS);
	CU_ASSERT_EQUAL(sn.nfields[0], CSVIN_FIELDS_MAX);  /* no more kept */
	CU_ASSERT(in_fields_cap <= CSVIN_FIELDS_MAX);      /* bounded */
	CU_ASSERT_EQUAL(sn.flags[1], 0);
	CU_ASSERT_EQUAL(sn.line[1], 2);
	expect_field(1, 1, "1");
	free(buf);
	/* exactly CSVIN_FIELDS_MAX fields is not flagged */
	buf = many_fields(0, &len);
	CU_ASSERT_FATAL(buf != NULL);
	memcpy(buf + 2 * CSVIN_FIELDS_MAX - 1, "\n", 1);
	CU_ASSERT_EQUAL(read_bytes(buf, 2 * CSVIN_FIELDS_MAX, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_EQUAL(sn.nfields[0], CSVIN_FIELDS_MAX);
	CU_ASSERT_EQUAL(sn.flags[0], 0);
	free(buf);
}

/* The buffers stay small whatever one record holds: 8 MiB of "a,". */
static void test_record_memory_bounded(void)
{
	size_t n = 8 * 1024 * 1024, i;
	char *buf = malloc(n + 8);

	CU_ASSERT_FATAL(buf != NULL);
	for (i = 0; i < n; i += 2)
		memcpy(buf + i, "a,", 2);
	memcpy(buf + n, "a\nb\n", 4);
	CU_ASSERT_EQUAL(read_bytes(buf, n + 4, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT(sn.flags[0] & CSVIN_TOO_MANY_FIELDS);
	CU_ASSERT(in_fields_cap <= CSVIN_FIELDS_MAX);
	CU_ASSERT(in_data_cap <= 2 * CSVIN_RECORD_MAX);
	expect_field(1, 0, "b");
	free(buf);
}

/* head + fill x len + tail, as one buffer */
static char *big(const char *head, int fill, size_t len, const char *tail,
		 size_t *total)
{
	size_t h = strlen(head), t = strlen(tail);
	char *buf = malloc(h + len + t);

	if (!buf)
		return NULL;
	memcpy(buf, head, h);
	memset(buf + h, fill, len);
	memcpy(buf + h + len, tail, t);
	*total = h + len + t;
	return buf;
}

/* An unquoted field longer than libcsv's buffer: that record is flagged
 * (naming the field), the rest of the file is read. */
static void test_huge_unquoted_field(void)
{
	size_t len;
	char *buf = big("h1,h2,h3\nA,", 'y', CSVIN_HARD_MAX + 3 * 1024 * 1024 + 7,
			",z\nB,2,3\n", &len);

	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(read_bytes(buf, len, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 3);
	CU_ASSERT_EQUAL(sn.nfields[1], 3);
	CU_ASSERT_EQUAL(sn.flags[1], CSVIN_FIELD_TOO_LONG);
	CU_ASSERT_EQUAL(sn.long_field[1], 1);
	CU_ASSERT_EQUAL(sn.len[1][1], CSVIN_FIELD_MAX);    /* truncated */
	expect_field(1, 0, "A");
	expect_field(1, 2, "z");
	CU_ASSERT_EQUAL(sn.line[2], 3);
	CU_ASSERT_EQUAL(sn.flags[2], 0);
	expect_field(2, 0, "B");
	/* ... also as the last field of the file, with no line end */
	free(buf);
	buf = big("a,", 'y', 2 * CSVIN_HARD_MAX, "", &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(read_bytes(buf, len, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 1);
	CU_ASSERT_EQUAL(sn.flags[0], CSVIN_FIELD_TOO_LONG);
	CU_ASSERT_EQUAL(sn.long_field[0], 1);
	free(buf);
}

/* A closed quoted field longer than libcsv's buffer, with newlines and
 * with the buffer ending just after a quote (a doubled quote, then the
 * closing quote): the record is flagged and the lines stay right. */
static void test_huge_quoted_field(void)
{
	size_t n = 3 * CSVIN_HARD_MAX, len, i;
	char *buf = big("h\n\"", 'q', n, "\"\"tail\"\nnext\n", &len);

	CU_ASSERT_FATAL(buf != NULL);
	for (i = 0; i < 5; i++)
		buf[3 + i * (n / 5)] = '\n';      /* 5 newlines inside */
	CU_ASSERT_EQUAL(read_bytes(buf, len, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 3);
	CU_ASSERT_EQUAL(sn.flags[1], CSVIN_FIELD_TOO_LONG);
	CU_ASSERT_EQUAL(sn.nfields[1], 1);
	CU_ASSERT_EQUAL(sn.line[2], 8);
	expect_field(2, 0, "next");
	free(buf);
	/* the quote that may end the field is the last byte libcsv holds */
	for (i = 0; i < 2; i++) {
		const char *tail = i ? "\"\"more\",x\nnext\n" : "\",x\nnext\n";
		buf = big("h\n\"", 'q', CSVIN_HARD_MAX - 1, tail, &len);
		CU_ASSERT_FATAL(buf != NULL);
		CU_ASSERT_EQUAL(read_bytes(buf, len, 0), 0);
		CU_ASSERT_EQUAL(sn.n, 3);
		CU_ASSERT_EQUAL(sn.nfields[1], 2);
		CU_ASSERT_EQUAL(sn.flags[1], CSVIN_FIELD_TOO_LONG);
		expect_field(1, 1, "x");
		expect_field(2, 0, "next");
		CU_ASSERT_EQUAL(sn.line[2], 3);
		free(buf);
	}
}

static void test_nul(void)
{
	static const char data[] = "a,b\0c,d\ne,f\n";

	CU_ASSERT_EQUAL(read_bytes(data, sizeof data - 1, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.nfields[0], 3);
	CU_ASSERT_EQUAL(sn.len[0][1], 3);
	CU_ASSERT_EQUAL(memcmp(sn.field[0][1], "b\0c", 3), 0);
	CU_ASSERT_EQUAL(sn.flags[0], CSVIN_HAS_NUL);
	CU_ASSERT_EQUAL(sn.flags[1], 0);
	CU_ASSERT_EQUAL(sn.line[1], 2);
}

static void test_callback_stops(void)
{
	CU_ASSERT_EQUAL(read_bytes("a\nb\nc\n", 6, 2), NS_EDATA);
	CU_ASSERT_EQUAL(sn.n, 2);
}

static void test_utf8(void)
{
#define V(s) csvin_utf8_valid(s, sizeof(s) - 1)
	CU_ASSERT_EQUAL(V(""), 1);
	CU_ASSERT_EQUAL(V("plain ascii"), 1);
	CU_ASSERT_EQUAL(V("Montr\xC3\xA9" "al"), 1);          /* é */
	CU_ASSERT_EQUAL(V("\xE2\x82\xAC"), 1);                 /* € */
	CU_ASSERT_EQUAL(V("\xEF\xBF\xBF"), 1);                 /* U+FFFF */
	CU_ASSERT_EQUAL(V("\xF0\x9F\x98\x80"), 1);             /* U+1F600 */
	CU_ASSERT_EQUAL(V("\xF4\x8F\xBF\xBF"), 1);             /* U+10FFFF */
	CU_ASSERT_EQUAL(V("\xED\x9F\xBF"), 1);                 /* U+D7FF */
	CU_ASSERT_EQUAL(V("Caf\xE9"), 0);                      /* Latin-1 */
	CU_ASSERT_EQUAL(V("\x80"), 0);                         /* lone cont. */
	CU_ASSERT_EQUAL(V("\xC0\xAF"), 0);                     /* overlong / */
	CU_ASSERT_EQUAL(V("\xC1\xBF"), 0);
	CU_ASSERT_EQUAL(V("\xE0\x80\xAF"), 0);                 /* overlong */
	CU_ASSERT_EQUAL(V("\xF0\x8F\xBF\xBF"), 0);             /* overlong */
	CU_ASSERT_EQUAL(V("\xED\xA0\x80"), 0);                 /* U+D800 */
	CU_ASSERT_EQUAL(V("\xED\xBF\xBF"), 0);                 /* U+DFFF */
	CU_ASSERT_EQUAL(V("\xF4\x90\x80\x80"), 0);             /* > 10FFFF */
	CU_ASSERT_EQUAL(V("\xF5\x80\x80\x80"), 0);
	CU_ASSERT_EQUAL(V("\xFF"), 0);
	CU_ASSERT_EQUAL(V("ab\xC3"), 0);                       /* truncated */
	CU_ASSERT_EQUAL(V("ab\xE2\x82"), 0);
	CU_ASSERT_EQUAL(V("\xF0\x9F\x98"), 0);
	CU_ASSERT_EQUAL(V("\xC3" "a"), 0);                     /* bad cont. */
	/* the length is honoured: a valid prefix of a longer buffer */
	CU_ASSERT_EQUAL(csvin_utf8_valid("ok\xC3\xA9", 2), 1);
	CU_ASSERT_EQUAL(csvin_utf8_valid("ok\xC3\xA9", 3), 0);
#undef V
}

static char *write_field(const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);

	if (!m)
		return NULL;
	if (csvin_write_field(m, s, len) != 0) {
		fclose(m);
		free(buf);
		return NULL;
	}
	fclose(m);
	return buf;
}

static void expect_written(const char *in, const char *out)
{
	char *got = write_field(in, strlen(in));

	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, out);
	free(got);
}

static void test_write_field(void)
{
	char *got;

	expect_written("abc", "abc");
	expect_written("", "");
	expect_written(" a b ", " a b ");
	expect_written("a,b", "\"a,b\"");
	expect_written("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_written("\"", "\"\"\"\"");
	expect_written("x\ny", "\"x\ny\"");
	expect_written("x\r\ny", "\"x\r\ny\"");
	expect_written("x\ry", "\"x\ry\"");
	/* NUL bytes are written through (length, not strlen) */
	got = write_field("a\0,b", 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(memcmp(got, "\"a\0,b\"", 6), 0);
	free(got);
}

/* What csvin_write_field writes, csvin reads back unchanged. */
static void test_round_trip(void)
{
	static const char *const vals[] = {"plain", "a,b", "q\"q", "l1\nl2",
		" sp ", ""};
	char *line = NULL;
	size_t n = 0, i;
	FILE *m = open_memstream(&line, &n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	for (i = 0; i < 6; i++) {
		if (i)
			putc(',', m);
		csvin_write_field(m, vals[i], strlen(vals[i]));
	}
	fputs("\nnext\n", m);
	fclose(m);
	CU_ASSERT_EQUAL(read_bytes(line, n, 0), 0);
	CU_ASSERT_EQUAL(sn.n, 2);
	CU_ASSERT_EQUAL(sn.nfields[0], 6);
	for (i = 0; i < 6; i++)
		expect_field(0, i, vals[i]);
	CU_ASSERT_EQUAL(sn.line[1], 3);
	free(line);
}

static int suite_clean(void)
{
	seen_release();
	return 0;
}

static CU_TestInfo tests[] = {
	{"LF, no final newline, empty input", test_lf},
	{"CRLF", test_crlf},
	{"byte order mark", test_bom},
	{"lone CR line ends", test_lone_cr},
	{"quoted commas and doubled quotes", test_quotes},
	{"newlines inside quotes: record lines (LF)", test_quoted_newlines_lf},
	{"newlines inside quotes: record lines (CRLF)",
	 test_quoted_newlines_crlf},
	{"blank lines skipped but counted", test_blank_lines},
	{"blanks inside fields kept", test_blanks_kept},
	{"field over 64 KiB flagged and truncated", test_long_field},
	{"unterminated quote at end of file", test_unterminated_quote},
	{"runaway quoted field: error at end of file", test_runaway_quote},
	{"too many fields flagged, buffers bounded", test_many_fields},
	{"8 MiB record of empty fields: memory bounded",
	 test_record_memory_bounded},
	{"unquoted field past libcsv's buffer: flagged, read goes on",
	 test_huge_unquoted_field},
	{"quoted field past libcsv's buffer: flagged, lines right",
	 test_huge_quoted_field},
	{"NUL byte flagged", test_nul},
	{"callback status stops the read", test_callback_stops},
	{"utf8_valid", test_utf8},
	{"write_field quoting", test_write_field},
	{"write_field then read back", test_round_trip},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_csvin[] = {
	{"csvin", NULL, suite_clean, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
