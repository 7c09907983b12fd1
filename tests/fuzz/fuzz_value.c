/*
 * fuzz_value: libFuzzer target for the one-value parsers, the first byte
 * choosing which: 0 dates (every dt_form, zone offsets), 1 postal codes,
 * 2 taxonomy codes (parse and prefix check), 3 the coded fields
 * (fieldval).  Checks beyond the sanitizers: what a parser accepts is in
 * range and its normalised form parses again to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/postal.h"
#include "classify/taxcode.h"
#include "core/datetime.h"
#include "ingest/fieldval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void dates(const char *s, size_t n)
{
	struct ns_datetime d;
	const char *why;
	int f, min;

	for (f = DT_ISO; f <= DT_YMD; f++) {
		if (dt_parse(s, n, (enum dt_form)f, &d, &why) != 0)
			continue;
		if (d.month < 1 || d.month > 12 || d.day < 1 ||
		    d.day > dt_days_in_month(d.year, d.month))
			abort();
	}
	dt_zone_offset(s, n, &min);
}

static void postal(const char *s, size_t n)
{
	struct postal p, q;
	const char *why;

	if (postal_parse(s, n, &p, &why) != 0 || p.kind == POSTAL_BLANK)
		return;
	if (postal_parse(p.key, strlen(p.key), &q, &why) != 0 ||
	    q.kind != p.kind || strcmp(q.key, p.key) != 0)
		abort();
}

static void taxonomy(const char *s, size_t n)
{
	struct taxcode t, u;
	const char *why;

	taxcode_check_prefix(s, n, &why);
	if (taxcode_parse(s, n, &t, &why) != 0)
		return;
	if (t.level < 1 || t.level > 6 ||
	    memchr(t.service, '\0', sizeof t.service) == NULL)
		abort();
	if (taxcode_parse(t.service, strlen(t.service), &u, &why) != 0 ||
	    strcmp(u.service, t.service) != 0 || u.level != t.level)
		abort();
}

static void fields(const char *s, size_t n)
{
	const char *why, *canon;
	char buf[64];
	long v;

	fv_status(s, n, &canon, &why);
	fv_channel(s, n, &canon, &why);
	fv_language(s, n, &canon, &why);
	fv_age_group(s, n, buf, sizeof buf, &canon, &why);
	fv_gender(s, n, &canon, &why);
	fv_reason(s, n, &canon, &why);
	if (fv_count(s, n, 1000, &v, &why) == 0 && (v < -1 || v > 1000))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	/* an exact-size copy, so that a read past the end is caught */
	if (!(s = malloc(size - 1 ? size - 1 : 1)))
		return 0;
	memcpy(s, data + 1, size - 1);
	switch (data[0] % 4) {
	case 0: dates(s, size - 1); break;
	case 1: postal(s, size - 1); break;
	case 2: taxonomy(s, size - 1); break;
	default: fields(s, size - 1); break;
	}
	free(s);
	return 0;
}
