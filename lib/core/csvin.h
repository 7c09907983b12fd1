/*
 * csvin: a streaming RFC 4180 reader over libcsv for untrusted files.
 *
 * It reads a file descriptor in large chunks, skips a UTF-8 byte order mark,
 * keeps blanks inside fields (libcsv trims them by default), accepts CRLF,
 * LF or a lone CR, drops a byte order mark at the start of any field, and
 * hands each record to a callback with the physical line where the
 * record starts (right also after quoted newlines).  Memory is bounded by
 * design, whatever one record holds: a field longer than CSVIN_FIELD_MAX is
 * flagged and truncated, a record's fields past CSVIN_FIELDS_MAX and bytes
 * past CSVIN_RECORD_MAX are flagged and not kept, and libcsv's own buffer
 * never grows past CSVIN_HARD_MAX (a longer field is passed over in pieces;
 * a runaway quoted field ends in an error at end of file naming the line
 * where it began).
 */
#ifndef NEEDSTAT_CSVIN_H
#define NEEDSTAT_CSVIN_H

#include <csv.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "nserr.h"

/* The limits; a fuzz build (tests/fuzz) makes them small so that fuzzing
 * reaches them. */
#ifndef CSVIN_FIELD_MAX
#define CSVIN_FIELD_MAX (64 * 1024)     /* longer fields are flagged */
#endif
#ifndef CSVIN_RECORD_MAX
#define CSVIN_RECORD_MAX (1024 * 1024)  /* longer records are flagged */
#endif
#ifndef CSVIN_FIELDS_MAX
#define CSVIN_FIELDS_MAX 4096           /* more fields are flagged */
#endif
#ifndef CSVIN_HARD_MAX
#define CSVIN_HARD_MAX (256 * 1024)     /* libcsv buffer limit (a multiple
					 * of its 4096-byte block) */
#endif

/* Record flags. */
enum {
	CSVIN_FIELD_TOO_LONG = 1,   /* a field was longer than CSVIN_FIELD_MAX */
	CSVIN_RECORD_TOO_LONG = 2,  /* the record passed CSVIN_RECORD_MAX */
	CSVIN_HAS_NUL = 4,          /* a field holds a NUL byte */
	CSVIN_TOO_MANY_FIELDS = 8   /* more than CSVIN_FIELDS_MAX fields */
};

struct csvin_record {
	uint64_t line;          /* physical line (1-based) where it starts */
	size_t nfields;         /* fields kept: at most CSVIN_FIELDS_MAX */
	const char **field;     /* field[i] is NUL-terminated ... */
	const size_t *len;      /* ... with length len[i] (may hold NULs) */
	unsigned flags;         /* CSVIN_* flags */
	size_t long_field;      /* CSVIN_FIELD_TOO_LONG: the first such field
				 * (0-based index) */
};

/*
 * Called once per record; returns 0 to go on, or a negative status (and
 * fills the error it was given through its context) to stop the read.
 * The record and its strings are valid only during the call.
 */
typedef int (*csvin_record_fn)(const struct csvin_record *rec, void *ctx);

/* Called with every chunk of raw bytes read (hashing, progress). */
typedef void (*csvin_bytes_fn)(const void *data, size_t len, void *ctx);

struct csvin {
	struct csv_parser parser;
	int fd;
	const char *name;       /* for messages; not owned */
	csvin_record_fn on_record;
	csvin_bytes_fn on_bytes;
	void *ctx;
	/* current record */
	char *data;
	size_t data_len, data_cap;
	size_t *off;
	size_t *flen;
	const char **fptr;
	size_t nfields, fields_cap;
	unsigned flags;
	size_t long_field;
	int partial;            /* a field longer than libcsv's buffer is being
				 * passed over: its head is kept already */
	uint64_t line;          /* line where the next record starts */
	uint64_t inner_nl;      /* newlines inside the current record */
	int after_cr;           /* the last line end was a CR: a line end of
				 * its own unless a LF follows */
	uint64_t bytes;         /* bytes read so far */
	int stop;               /* status returned by on_record, if not 0 */
	int oom;
};

/*
 * csvin_init: prepare *in to read fd (not closed by csvin), naming it name
 * in messages.  on_record is required; on_bytes may be NULL.
 * Returns 0 or NS_ENOMEM.
 */
int csvin_init(struct csvin *in, int fd, const char *name,
	       csvin_record_fn on_record, csvin_bytes_fn on_bytes, void *ctx);

/*
 * csvin_run: read to end of file, calling on_record for each record.
 * Returns 0 at end of input; the callback's status if it stopped the read;
 * NS_EIO on a read error; NS_EDATA for an unterminated quoted field at end
 * of file or a runaway field (message names the file and starting line).
 */
int csvin_run(struct csvin *in, struct nserr *err);

/* csvin_release: free the buffers of *in (not the fd). */
void csvin_release(struct csvin *in);

/*
 * csvin_is_blank_record: 1 when the record is one empty field (a line
 * holding only blanks is not blank: it is data).
 */
int csvin_is_blank_record(const struct csvin_record *rec);

/*
 * csvin_utf8_valid: 1 when s[0..len) is well-formed UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF), 0 otherwise.
 */
int csvin_utf8_valid(const char *s, size_t len);

/*
 * csvin_write_field: write s[0..len) to f as one RFC 4180 field, quoted
 * when it holds a comma, quote, CR or LF.  Returns 0 or NS_EIO.
 */
int csvin_write_field(FILE *f, const char *s, size_t len);

#endif
