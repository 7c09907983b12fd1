/*
 * synth: deterministic synthetic 211 contact logs in needstat's canonical
 * CSV (FORMATS.md section 5), for demos, tests and benchmarks.
 *
 * The same options give byte-identical output on any machine: the
 * generator uses its own PRNG (xoshiro256** seeded by splitmix64) and
 * integer arithmetic only.  Output streams in constant memory, one row per
 * need, rows in chronological (UTC) order, with a realistic shape:
 * multi-need contacts, seasonality, business hours, provincial time zones
 * with Canadian daylight saving time, channels and languages by year and
 * province, real FSAs, housing and food needs growing over the years.  With
 * `dirty`, a few percent of rows carry the mess of real exports; the rows
 * that an ingest must reject are listed in an "expect" stream.
 */
#ifndef NEEDSTAT_SYNTH_H
#define NEEDSTAT_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "core/nserr.h"

#define SYNTH_NEEDS_MAX 1000000000UL
#define SYNTH_YEAR_MIN 1990
#define SYNTH_YEAR_MAX 2099

/* The header row written first (without its line feed). */
#define SYNTH_HEADER "contact_id,started_at,channel,language,postal_code," \
	"region,age_group,gender,need_code,need_category,need_status," \
	"unmet_reason,referrals,referred_to"

struct synth_opts {
	unsigned long needs;      /* need rows to write, 0..SYNTH_NEEDS_MAX */
	uint64_t seed;            /* any value */
	int from_year, from_month; /* first month (local dates), inclusive */
	int to_year, to_month;    /* last month, inclusive */
	int dirty;                /* nonzero: damage a few percent of rows */
	const char *id_prefix;    /* contact ids are this + 8 digits; NULL:
				   * "S<seed>-<from>-<to>-", as
				   * S211-202404-202503-00000001 */
	const char *out_name;     /* names in error messages */
	const char *expect_name;
};

/* The longest --id-prefix (ids stay within the ingest's 64 bytes). */
#define SYNTH_ID_PREFIX_MAX 40

/* synth_id_prefix_ok: 1 when p can prefix contact ids: at most
 * SYNTH_ID_PREFIX_MAX letters, digits, '.', '_' or '-' (maybe none). */
int synth_id_prefix_ok(const char *p);

/*
 * synth_opts_init: the defaults: 10000 needs, seed 211, April 2024 to
 * March 2025 (one fiscal year), clean, contact ids prefixed with the seed
 * and the period (unique across seeds and periods, so several files load
 * under one source side by side), names "standard output" and "expect
 * file".
 */
void synth_opts_init(struct synth_opts *o);

/*
 * synth_write: write the header and exactly o->needs need rows to out.
 * Rows of one contact are consecutive; the last contact is cut to fit.
 * Local dates of started_at lie in o->from .. o->to.  expect may be NULL;
 * otherwise it receives one line "LINE,COLUMN" per row that a canonical
 * ingest must reject: LINE is the physical line where the record starts
 * (header = 1, quoted newlines counted), COLUMN the first bad required
 * column in the order started_at, need_code, need_status, referrals.
 * Without o->dirty no row is bad and expect stays empty.  Both streams are
 * flushed, not closed (the caller owns them).
 * Contact ids are o->id_prefix (or the seed and period: see struct
 * synth_opts) followed by an 8-digit count from 00000001.
 * Returns 0; NS_EUSAGE for options out of range (months, years,
 * from after to, needs, an id prefix longer than SYNTH_ID_PREFIX_MAX or
 * not of letters, digits, '.', '_' and '-'); NS_ENOMEM; NS_EIO when a write or flush fails
 * (err names o->out_name or o->expect_name).
 */
int synth_write(const struct synth_opts *o, FILE *out, FILE *expect,
		struct nserr *err);

/*
 * synth_parse_month: parse exactly "YYYY-MM" (four digits, '-', two
 * digits; month 01..12, year SYNTH_YEAR_MIN..SYNTH_YEAR_MAX) into *year
 * and *month.  Returns 0, or NS_EUSAGE (outputs untouched).
 */
int synth_parse_month(const char *s, int *year, int *month);

/*
 * synth_utc_offset: the UTC offset in minutes east (-300 for -05:00) in
 * force at the UTC instant utc (seconds since 1970) in a province or
 * territory ("ON", "NL", ...), as the generator uses it: Canadian DST from
 * the second Sunday of March to the first Sunday of November at 02:00 local
 * time (first Sunday of April to last Sunday of October before 2007);
 * Saskatchewan no DST; Newfoundland -03:30/-02:30; Yukon UTC-7 all year
 * from 2020-03-08 (Pacific time before); Nunavut on Eastern time.
 * Returns 0 with *minutes set, or NS_EUSAGE for an unknown province.
 */
int synth_utc_offset(const char *province, int64_t utc, int *minutes);

#endif
