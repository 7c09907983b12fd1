/*
 * fuzz_csv: libFuzzer target for the CSV reader (lib/core/csvin.c) and
 * what every field goes through next (the UTF-8 check, then written back
 * with csvin_write_field); the value parsers have their own target
 * (fuzz_value).  The fuzz build (tests/fuzz/CMakeLists.txt)
 * makes csvin's limits small so that long fields, many fields and fields
 * past libcsv's buffer are reached.  Checks beyond the sanitizers: every
 * field is NUL-terminated at its length, no record has more than
 * CSVIN_FIELDS_MAX fields, lines only grow.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	uint64_t last_line;
	FILE *sink;
};

static int on_rec(const struct csvin_record *r, void *ctx)
{
	struct seen *s = ctx;
	size_t i;

	if (r->line < s->last_line || r->nfields > CSVIN_FIELDS_MAX ||
	    r->nfields == 0)
		abort();
	if ((r->flags & CSVIN_FIELD_TOO_LONG) && r->long_field >= r->nfields)
		abort();
	s->last_line = r->line;
	for (i = 0; i < r->nfields; i++) {
		if (r->len[i] > CSVIN_FIELD_MAX || r->field[i][r->len[i]] != '\0')
			abort();
		csvin_utf8_valid(r->field[i], r->len[i]);
		csvin_write_field(s->sink, r->field[i], r->len[i]);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct seen s = {0, NULL};
	struct csvin in;
	struct nserr err;
	int fd = memfd_create("fuzz.csv", 0);

	if (fd < 0)
		return 0;
	if (!sink)
		sink = fopen("/dev/null", "w");
	s.sink = sink;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	lseek(fd, 0, SEEK_SET);
	nserr_init(&err);
	if (csvin_init(&in, fd, "fuzz.csv", on_rec, NULL, &s) == 0) {
		csvin_run(&in, &err);
		csvin_release(&in);
	}
	close(fd);
	return 0;
}
