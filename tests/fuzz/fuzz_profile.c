/*
 * fuzz_profile: libFuzzer target for the profile INI parser
 * (profile_parse: inih, then every key's own parser: value maps, date
 * forms, rewrites, regular expressions, drop rules).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "ingest/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile *p = NULL;
	struct nserr err;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	nserr_init(&err);
	if (profile_parse(text, "fuzz.ini", &p, &err) == 0)
		profile_free(p);
	free(text);
	return 0;
}
