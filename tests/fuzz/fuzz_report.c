/*
 * fuzz_report: libFuzzer target for the report metadata parser
 * (report_parse: the comment block at the top of a report .sql file and
 * its checks).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report r;
	struct nserr err;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	nserr_init(&err);
	report_init(&r);
	if (report_parse(&r, "fuzz.sql", text, &err) == 0)
		report_release(&r);
	free(text);
	return 0;
}
