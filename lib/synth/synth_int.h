/*
 * synth_int: what the generator's files share (not part of the API): the
 * PRNG, the generator state, a contact and a need being made.
 */
#ifndef NEEDSTAT_SYNTH_INT_H
#define NEEDSTAT_SYNTH_INT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/nserr.h"
#include "synth.h"
#include "synth_data.h"

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
