/*
 * synth_int: what the generator's files (synth.c, synth_rows.c,
 * synth_data.c) share, not part of the API: the static tables and the
 * calendar and time-zone rules (synth_data.c), the PRNG, the generator
 * state, a contact and a need being made.
 *
 * The tables: provinces and territories with their population shares,
 * time zones, languages and real forward sortation areas (FSAs); plausible
 * 211 taxonomy codes with their reporting category, weight and trend;
 * unmet rates and reasons; seasonal and hourly contact profiles; synthetic
 * agency names; the damaged values that --dirty writes.  Every table is
 * read-only and every weight an integer, so the generator's output never
 * depends on floating point.  No taxonomy names are bundled (the taxonomy
 * is licensed): the codes are the public code shapes only.
 */
#ifndef NEEDSTAT_SYNTH_INT_H
#define NEEDSTAT_SYNTH_INT_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/nserr.h"
#include "synth.h"

/* ---- Static tables (synth_data.c) ---- */

#define SYNTH_NPROV 13
#define SYNTH_NLANG 9
#define SYNTH_NCAT 17
#define SYNTH_NREASON 8
#define SYNTH_NCHANNEL 6

/* Province indexes used by the generator's special cases. */
enum synth_prov_id {
	SP_NL, SP_PE, SP_NS, SP_NB, SP_QC, SP_ON, SP_MB, SP_SK, SP_AB, SP_BC,
	SP_YT, SP_NT, SP_NU
};

/* Category indexes, in the order of FORMATS.md section 3. */
enum synth_cat_id {
	SC_HOUSING, SC_UTILITIES, SC_FOOD, SC_HEALTH, SC_INCOME,
	SC_FAMILY, SC_INFORMATION, SC_LEGAL, SC_MENTAL, SC_CLOTHING,
	SC_DISASTER, SC_TRANSPORT, SC_EMPLOYMENT, SC_VOLUNTEERS,
	SC_EDUCATION, SC_GOVERNMENT, SC_ARTS
};

struct synth_prov {
	const char *code;         /* "ON" */
	unsigned share;           /* 2021 population in thousands */
	int std_off;              /* standard time, minutes east of UTC */
	int dst;                  /* 1: observes daylight saving time */
	unsigned lang_w[SYNTH_NLANG]; /* weights over synth_langs */
	const char *const *fsa;   /* real FSAs of the province */
	size_t nfsa;
};

struct synth_code {
	const char *code;         /* "BD-1800.2000" */
	int cat;                  /* enum synth_cat_id */
	unsigned weight;          /* relative frequency in 2020 */
	int trend;                /* per-mille change of the weight per year */
};

/* An agency name is pre + town + post. */
struct synth_agency {
	const char *pre, *post;
};

extern const struct synth_prov synth_provs[SYNTH_NPROV];
extern const char *const synth_langs[SYNTH_NLANG];
extern const struct synth_code synth_codes[];
extern const size_t synth_ncodes;
extern const char *const synth_cat_ids[SYNTH_NCAT];
extern const unsigned synth_cat_unmet[SYNTH_NCAT];  /* per mille */
extern const unsigned synth_cat_partial[SYNTH_NCAT]; /* per mille */

/* Target-population codes for compound terms ("BD-1800.2000 * YN-9000"). */
extern const char *const synth_targets[];
extern const size_t synth_ntargets;

extern const char *const synth_reasons[SYNTH_NREASON];
/* Reason weights: [0] housing, [1] utilities, [2] everything else. */
extern const unsigned synth_reason_w[3][SYNTH_NREASON];
/* The same reasons as a centre's picklist would spell them, odd case. */
extern const char *const synth_reason_odd[SYNTH_NREASON];

extern const char *const synth_channels[SYNTH_NCHANNEL];
extern const char *const synth_ages[8];
extern const unsigned synth_age_w[8];
extern const char *const synth_genders[4];
extern const unsigned synth_gender_w[4];
extern const unsigned synth_nneeds_w[4];   /* contacts with 1..4 needs */
extern const unsigned synth_referral_w[5]; /* met needs: 1..5 referrals */

/* Seasonal weight per month (100 = average) and hourly weights by local
 * day type: [0] Monday-Friday, [1] Saturday, [2] Sunday or holiday. */
extern const unsigned synth_month_w[12];
extern const unsigned synth_hour_w[3][24];

/* Fictional towns for agency names, English and French. */
extern const char *const synth_towns_en[];
extern const size_t synth_ntowns_en;
extern const char *const synth_towns_fr[];
extern const size_t synth_ntowns_fr;

/* Agency name templates per category and language ([0] en, [1] fr), each
 * list ending with {NULL, NULL}; may be empty.  The generic lists hold at
 * least three names, so a need can always name three distinct agencies. */
extern const struct synth_agency *const synth_agencies[2][SYNTH_NCAT];
extern const struct synth_agency synth_agencies_generic[2][4];

/* --dirty values.  Damage to optional fields (must load): */
extern const char *const synth_bad_postal[];   /* "N/A", "Montréal" */
extern const size_t synth_nbad_postal;
/* Damage to required fields (must be rejected): */
extern const char *const synth_bad_codes[];    /* "B D", "BD-18000" */
extern const size_t synth_nbad_codes;
extern const char *const synth_bad_referrals[];
extern const size_t synth_nbad_referrals;
/* Agency names that need RFC 4180 quoting (comma, quote, newline). */
extern const struct synth_agency synth_quoted_agencies[3];

/* ---- Calendar (proleptic Gregorian; day 0 is 1970-01-01) ---- */

/* synth_days_from_civil: day number of y-m-d (valid date assumed). */
int64_t synth_days_from_civil(int y, int m, int d);

/* synth_civil_from_days: the date of day number z into *y, *m, *d. */
void synth_civil_from_days(int64_t z, int *y, int *m, int *d);

/* synth_weekday: 0 (Sunday) .. 6 (Saturday) of day number z. */
int synth_weekday(int64_t z);

/* synth_days_in_month: 28..31 for month m (1..12) of year y. */
int synth_days_in_month(int y, int m);

/*
 * synth_prov_offset: UTC offset in minutes east in force in province p
 * (enum synth_prov_id, 0..SYNTH_NPROV-1) at UTC second t; the rules are
 * described at synth_utc_offset() in synth.h.
 */
int synth_prov_offset(int p, int64_t t);

/* ---- The generator ---- */

#define DAY_MIN 1440
#define ROW_MAX 4096
#define CODES_MAX 128

/* ---- PRNG: xoshiro256** seeded with splitmix64 ---- */

struct rng {
	uint64_t s[4];
};

static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n > 0 (modulo bias below n / 2^64). */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

/* Index drawn with probability w[i] / sum(w); the sum must be positive. */
static inline size_t pick(struct rng *r, const unsigned *w, size_t n)
{
	uint64_t total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	assert(total > 0);          /* a table of weights all zero */
	x = rng_below(r, total);
	for (i = 0; i + 1 < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static inline int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* Append s to buf (holding len bytes, NUL-terminated), truncating at
 * size - 1; returns the new length. */
static inline size_t add(char *buf, size_t size, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len >= size)
		return len;
	if (n >= size - len)
		n = size - 1 - len;
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
	return len + n;
}

struct day {
	int64_t no;                 /* UTC day number */
	int year, month;            /* its calendar month */
	int off0[SYNTH_NPROV];      /* offset from 00:00 UTC ... */
	int off1[SYNTH_NPROV];      /* ... and from minute sw on */
	int sw[SYNTH_NPROV];        /* DAY_MIN when no change that day */
	int type[3];                /* day types of local days no-1, no, no+1 */
};

struct gen {
	const struct synth_opts *o;
	FILE *out, *expect;
	struct nserr *err;
	struct rng main, count, time, dirty;
	int64_t lo, hi;             /* local dates allowed (day numbers) */
	uint64_t emitted, contacts;
	char id_prefix[64];         /* of the contact ids */
	unsigned long line;         /* physical line of the next record */
	int code_year;
	unsigned code_w[CODES_MAX]; /* code weights of code_year */
	uint64_t cum[DAY_MIN];      /* cumulative profile of the day */
	uint32_t hist[DAY_MIN];     /* contacts per minute of the day */
	char row[ROW_MAX];
	size_t rowlen;
	unsigned row_nl;            /* line feeds inside the row's fields */
};

enum { BAD_NONE = -1, BAD_STARTED, BAD_CODE, BAD_STATUS, BAD_REFERRALS };
extern const char *const synth_bad_cols[];

struct contact {
	char id[96], started[40], postal[16];
	const char *channel, *lang, *age, *gender, *town;
	int prov, fr, year;
	int bad;
};

struct need {
	char code[48], referrals[8], referred[512];
	const char *category, *status, *reason;
	int reason_i, nref;
	int bad;
};

/* synth.c: weight of province p at minute m of day d (business hours in
 * its own time zone times its population share). */
uint64_t synth_prov_weight(const struct gen *g, const struct day *d, int p,
			   int m);
/* synth_rows.c: the code weights of a year; one contact of day d at UTC
 * minute m (t: its UTC time); need i of contact c (chosen: codes already
 * used by c). */
void synth_code_weights(struct gen *g, int year);
void synth_make_contact(struct gen *g, const struct day *d, int m,
			int64_t t, struct contact *c);
void synth_make_need(struct gen *g, const struct contact *c,
		     size_t *chosen, int i, struct need *nd);

#endif
