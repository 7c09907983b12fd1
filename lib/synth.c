/*
 * synth: deterministic synthetic 211 contact logs.  See synth.h.
 *
 * How rows are laid out in time, in constant memory and exactly N rows:
 * every UTC day of the period gets a weight (the sum over its minutes and
 * provinces of population share x hourly profile of the local day type,
 * zero where the local date falls outside the period, times season, trend
 * and a little day-to-day noise).  Day d receives the needs that bring the
 * running total to N x (cumulative weight / total weight).  To place a
 * day's contacts in order, the need counts are drawn from their own PRNG
 * stream, counted, and the stream rewound (a state copy) so that they can
 * be drawn again while writing; minutes are drawn from the day's profile
 * into a 1440-slot histogram, seconds into a 60-slot one.  A contact's
 * province is drawn conditional on its UTC minute, so business hours hold
 * in every time zone.  Separate streams drive counts, times, contents and
 * damage, so --dirty damages rows of the same clean data.
 */
#include "synth.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "synth_data.h"

#define DAY_MIN 1440
#define ROW_MAX 4096
#define CODES_MAX 128

/* ---- PRNG: xoshiro256** seeded with splitmix64 ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
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
static uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

/* Index drawn with probability w[i] / sum(w); the sum must be positive. */
static size_t pick(struct rng *r, const unsigned *w, size_t n)
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

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* Append s to buf (holding len bytes, NUL-terminated), truncating at
 * size - 1; returns the new length. */
static size_t add(char *buf, size_t size, size_t len, const char *s)
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

/* ---- Days: offsets, local day types, weights ---- */

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
	unsigned long line;         /* physical line of the next record */
	int code_year;
	unsigned code_w[CODES_MAX]; /* code weights of code_year */
	uint64_t cum[DAY_MIN];      /* cumulative profile of the day */
	uint32_t hist[DAY_MIN];     /* contacts per minute of the day */
	char row[ROW_MAX];
	size_t rowlen;
	unsigned row_nl;            /* line feeds inside the row's fields */
};

/* 0 Monday-Friday, 1 Saturday, 2 Sunday or statutory holiday. */
static int day_type(int64_t z)
{
	int y, m, d, wd = synth_weekday(z);

	synth_civil_from_days(z, &y, &m, &d);
	if ((m == 1 && d == 1) || (m == 7 && d == 1) ||
	    (m == 12 && (d == 25 || d == 26)) || wd == 0)
		return 2;
	return wd == 6;
}

static void day_setup(struct day *d, int64_t no)
{
	int64_t t0 = no * 86400;
	int p, k, lo, hi, mid, dd;

	d->no = no;
	synth_civil_from_days(no, &d->year, &d->month, &dd);
	for (k = 0; k < 3; k++)
		d->type[k] = day_type(no + k - 1);
	for (p = 0; p < SYNTH_NPROV; p++) {
		d->off0[p] = synth_prov_offset(p, t0);
		d->off1[p] = synth_prov_offset(p, t0 + (DAY_MIN - 1) * 60);
		d->sw[p] = DAY_MIN;
		if (d->off0[p] == d->off1[p])
			continue;
		lo = 0;
		hi = DAY_MIN - 1;
		while (hi - lo > 1) {
			mid = (lo + hi) / 2;
			if (synth_prov_offset(p, t0 + mid * 60) == d->off0[p])
				lo = mid;
			else
				hi = mid;
		}
		d->sw[p] = hi;
	}
}

/* Weight of province p at UTC minute m of day d. */
static uint64_t prov_weight(const struct gen *g, const struct day *d, int p,
			    int m)
{
	int lm = m + (m < d->sw[p] ? d->off0[p] : d->off1[p]), k = 1;

	if (lm < 0) {
		lm += DAY_MIN;
		k = 0;
	} else if (lm >= DAY_MIN) {
		lm -= DAY_MIN;
		k = 2;
	}
	if (d->no + k - 1 < g->lo || d->no + k - 1 > g->hi)
		return 0;
	return (uint64_t)synth_provs[p].share * synth_hour_w[d->type[k]][lm / 60];
}

/* Fill g->cum for day d; returns the day's total mass. */
static uint64_t day_profile(struct gen *g, const struct day *d)
{
	uint64_t total = 0;
	int m, p;

	for (m = 0; m < DAY_MIN; m++) {
		for (p = 0; p < SYNTH_NPROV; p++)
			total += prov_weight(g, d, p, m);
		g->cum[m] = total;
	}
	return total;
}

/* Day weight, at most 65535 so that needs x total weight fits 64 bits. */
static uint64_t day_weight(const struct gen *g, const struct day *d,
			   uint64_t mass)
{
	uint64_t h = g->o->seed ^ ((uint64_t)d->no * 0xA24BAED4963EE407ULL);
	uint64_t noise = 85 + splitmix64(&h) % 31, w;
	int trend = 1000 + 15 * (d->year - 2020);

	trend = trend < 700 ? 700 : trend > 1400 ? 1400 : trend;
	w = (mass >> 16) * synth_month_w[d->month - 1] * noise / 10000;
	w = w * (uint64_t)trend / 1000;
	return w > 65535 ? 65535 : w;
}

/* ---- Contacts and needs ---- */

enum { BAD_NONE = -1, BAD_STARTED, BAD_CODE, BAD_STATUS, BAD_REFERRALS };
static const char *const bad_cols[] = {
	"started_at", "need_code", "need_status", "referrals"
};

struct contact {
	char id[24], started[40], postal[16];
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

static const char *pick_channel(struct rng *r, int year)
{
	unsigned yo = year < 2016 ? 0 : year > 2028 ? 12 : (unsigned)year - 2016;
	unsigned w[SYNTH_NCHANNEL] = {800 - 35 * yo, 50 + 12 * yo, 50 + 12 * yo,
				      40 + 3 * yo, 30 + 6 * yo, 30 - yo};

	return synth_channels[pick(r, w, SYNTH_NCHANNEL)];
}

static void make_postal(struct rng *r, const struct synth_prov *pv,
			char *buf, size_t size)
{
	static const char ldu_letters[] = "ABCEGHJKLMNPRSTVWXYZ";
	const char *fsa = pv->fsa[rng_below(r, pv->nfsa)];
	int d1 = (int)rng_below(r, 10), d2;
	char l = ldu_letters[rng_below(r, sizeof ldu_letters - 1)];

	d2 = (int)rng_below(r, 10);
	snprintf(buf, size, "%s %d%c%d", fsa, d1, l, d2);
}

/* Damage to a contact's fields (--dirty), drawn from g->dirty. */
static void dirty_contact(struct gen *g, struct contact *c, int y, int m,
			  int d)
{
	uint64_t r = rng_below(&g->dirty, 1000), k;
	char p[16];

	if (r < 6) {
		c->bad = BAD_STARTED;
		k = rng_below(&g->dirty, 4);
		if (k == 0)
			snprintf(c->started, sizeof c->started, "%04d-13-%02d", y, d);
		else if (k == 1)
			snprintf(c->started, sizeof c->started, "%04d-02-30", y);
		else if (k == 2)
			snprintf(c->started, sizeof c->started, "%02d/%02d/%04d",
				 d, m, y);
		else
			c->started[0] = '\0';
		return;
	}
	if (r >= 36)
		return;
	k = rng_below(&g->dirty, synth_nbad_postal + 6);
	memcpy(p, c->postal, sizeof p);
	if (k < synth_nbad_postal)
		snprintf(c->postal, sizeof c->postal, "%s", synth_bad_postal[k]);
	else if (k == synth_nbad_postal)           /* no space */
		snprintf(c->postal, sizeof c->postal, "%.3s%s", p, p + 4);
	else if (k == synth_nbad_postal + 1)       /* lower case */
		for (k = 0; c->postal[k]; k++)
			c->postal[k] = (char)(c->postal[k] | 0x20);
	else if (k == synth_nbad_postal + 2)       /* FSA only */
		c->postal[3] = '\0';
	else if (k == synth_nbad_postal + 3)       /* "K1A, 0B1" */
		snprintf(c->postal, sizeof c->postal, "%.3s, %s", p, p + 4);
	else if (k == synth_nbad_postal + 4)
		c->channel = "fax machine";
	else
		c->lang = "";
}

static void make_contact(struct gen *g, const struct day *d, int m,
			 int64_t t, struct contact *c)
{
	uint64_t w[SYNTH_NPROV], total = 0, x;
	int p, off, y, mo, dd, sec, aoff;
	int64_t lt;
	const struct synth_prov *pv;

	for (p = 0; p < SYNTH_NPROV; p++)
		total += w[p] = prov_weight(g, d, p, m);
	x = rng_below(&g->main, total);
	for (p = 0; p + 1 < SYNTH_NPROV && x >= w[p]; p++)
		x -= w[p];
	pv = &synth_provs[p];
	off = synth_prov_offset(p, t);
	aoff = off < 0 ? -off : off;
	lt = t + off * 60;
	synth_civil_from_days(floor_div(lt, 86400), &y, &mo, &dd);
	sec = (int)(lt - floor_div(lt, 86400) * 86400);
	snprintf(c->started, sizeof c->started,
		 "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, dd,
		 sec / 3600, sec / 60 % 60, sec % 60, off < 0 ? '-' : '+',
		 aoff / 60, aoff % 60);
	snprintf(c->id, sizeof c->id, "C%08" PRIu64, ++g->contacts);
	c->prov = p;
	c->year = y;
	c->channel = pick_channel(&g->main, y);
	c->lang = synth_langs[pick(&g->main, pv->lang_w, SYNTH_NLANG)];
	c->fr = strcmp(c->lang, "fr") == 0;
	make_postal(&g->main, pv, c->postal, sizeof c->postal);
	c->age = synth_ages[pick(&g->main, synth_age_w, 8)];
	c->gender = synth_genders[pick(&g->main, synth_gender_w, 4)];
	c->town = c->fr ? synth_towns_fr[rng_below(&g->main, synth_ntowns_fr)]
			: synth_towns_en[rng_below(&g->main, synth_ntowns_en)];
	c->bad = BAD_NONE;
	if (g->o->dirty)
		dirty_contact(g, c, y, mo, dd);
}

static void code_weights(struct gen *g, int year)
{
	size_t i;
	long f;

	if (year == g->code_year)
		return;
	for (i = 0; i < synth_ncodes; i++) {
		f = 1000 + (long)synth_codes[i].trend * (year - 2020);
		f = f < 200 ? 200 : f > 3000 ? 3000 : f;
		g->code_w[i] = (unsigned)(synth_codes[i].weight * f / 1000);
		if (!g->code_w[i])
			g->code_w[i] = 1;
	}
	g->code_year = year;
}

/* Up to three agency names for nref referrals, ';'-joined into buf. */
static void agency_names(struct gen *g, const struct contact *c, int cat,
			 int nref, char *buf, size_t size)
{
	const struct synth_agency *cl = synth_agencies[c->fr][cat];
	const struct synth_agency *gl = synth_agencies_generic[c->fr], *a;
	size_t n1 = 0, n2 = 0, start, j, len = 0;
	int k = nref > 3 ? 3 : nref;

	buf[0] = '\0';
	while (cl[n1].pre)
		n1++;
	while (gl[n2].pre)
		n2++;
	if (k == 0)
		return;
	start = rng_below(&g->main, n1 ? n1 : n2);
	for (j = 0; j < (size_t)k; j++) {
		size_t idx = (start + j) % (n1 + n2);

		a = idx < n1 ? &cl[idx] : &gl[idx - n1];
		len = add(buf, size, len, j ? ";" : "");
		len = add(buf, size, len, a->pre);
		len = add(buf, size, len, c->town);
		len = add(buf, size, len, a->post);
	}
}

/* Damage to a need's fields (--dirty), drawn from g->dirty. */
static void dirty_need(struct gen *g, const struct contact *c,
		       struct need *nd)
{
	static const char *const odd_status[3][2] = {
		{"MET", " Met"}, {" Unmet ", "UNMET"}, {"Partial ", "PARTIAL"}
	};
	uint64_t r = rng_below(&g->dirty, 1000);
	const struct synth_agency *qa;
	const char *rest;
	char tmp[sizeof nd->referred];
	int s;

	if (r < 15) {
		r = rng_below(&g->dirty, 3);
		if (r == 0) {
			snprintf(nd->code, sizeof nd->code, "%s", synth_bad_codes[
				 rng_below(&g->dirty, synth_nbad_codes)]);
			nd->category = "";
			nd->bad = BAD_CODE;
		} else if (r == 1) {
			nd->status = "maybe";
			nd->bad = BAD_STATUS;
		} else {
			snprintf(nd->referrals, sizeof nd->referrals, "%s",
				 synth_bad_referrals[rng_below(&g->dirty,
				 synth_nbad_referrals)]);
			nd->bad = BAD_REFERRALS;
		}
	} else if (r < 35) {
		s = nd->status[0] == 'm' ? 0 : nd->status[0] == 'u' ? 1 : 2;
		nd->status = odd_status[s][rng_below(&g->dirty, 2)];
		if (nd->reason)
			nd->reason = synth_reason_odd[nd->reason_i];
	} else if (r < 43 && nd->nref > 0) {
		qa = &synth_quoted_agencies[rng_below(&g->dirty, 3)];
		rest = strchr(nd->referred, ';');
		snprintf(tmp, sizeof tmp, "%s%s%s%s", qa->pre, c->town, qa->post,
			 rest ? rest : "");
		memcpy(nd->referred, tmp, sizeof tmp);
	}
}

/* Need i of contact c; chosen[] holds the codes already used by c. */
static void make_need(struct gen *g, const struct contact *c,
		      size_t *chosen, int i, struct need *nd)
{
	const struct synth_code *sc;
	size_t ci = 0;
	int tries, j, dup, cat, grp;
	uint64_t r;
	size_t n;

	for (tries = 0, dup = 1; dup && tries < 8; tries++) {
		ci = pick(&g->main, g->code_w, synth_ncodes);
		for (j = 0, dup = 0; j < i; j++)
			dup |= chosen[j] == ci;
	}
	chosen[i] = ci;
	sc = &synth_codes[ci];
	cat = sc->cat;
	nd->category = "";
	nd->bad = BAD_NONE;
	r = rng_below(&g->main, 1000);
	if (r < 10) {
		nd->code[0] = '\0';
		nd->category = synth_cat_ids[cat];
	} else {
		n = add(nd->code, sizeof nd->code, 0, sc->code);
		if (r < 35 && strchr("BLNPR", sc->code[0])) {
			n = add(nd->code, sizeof nd->code, n, " * ");
			add(nd->code, sizeof nd->code, n, synth_targets[
			    rng_below(&g->main, synth_ntargets)]);
		}
	}
	r = rng_below(&g->main, 1000);
	nd->reason = NULL;
	if (r < synth_cat_unmet[cat]) {
		nd->status = "unmet";
		nd->nref = 0;
	} else if (r < synth_cat_unmet[cat] + synth_cat_partial[cat]) {
		nd->status = "partial";
		nd->nref = 1 + (int)rng_below(&g->main, 2);
	} else {
		nd->status = "met";
		nd->nref = 1 + (int)pick(&g->main, synth_referral_w, 5);
	}
	if (nd->status[0] != 'm') {
		grp = cat == SC_HOUSING ? 0 : cat == SC_UTILITIES ? 1 : 2;
		nd->reason_i = (int)pick(&g->main, synth_reason_w[grp],
					 SYNTH_NREASON);
		nd->reason = synth_reasons[nd->reason_i];
	}
	nd->referrals[0] = (char)('0' + nd->nref);   /* 0..5 */
	nd->referrals[1] = '\0';
	agency_names(g, c, cat, nd->nref, nd->referred, sizeof nd->referred);
	if (g->o->dirty)
		dirty_need(g, c, nd);
}

/* ---- Output ---- */

static void row_field(struct gen *g, const char *s, int last)
{
	size_t n = g->rowlen, len = strlen(s);

	if (n + 2 * len + 4 > ROW_MAX) { /* cannot happen: fields are short */
		s = "";
		len = 0;
	}
	if (strcspn(s, ",\"\r\n") == len) {
		memcpy(g->row + n, s, len);
		n += len;
	} else {
		g->row[n++] = '"';
		for (; *s; s++) {
			if (*s == '"')
				g->row[n++] = '"';
			g->row_nl += *s == '\n';
			g->row[n++] = *s;
		}
		g->row[n++] = '"';
	}
	g->row[n++] = last ? '\n' : ',';
	g->rowlen = n;
}

static void emit_row(struct gen *g, const struct contact *c,
		     const struct need *nd)
{
	const char *f[14] = {
		c->id, c->started, c->channel, c->lang, c->postal, "", c->age,
		c->gender, nd->code, nd->category, nd->status,
		nd->reason ? nd->reason : "", nd->referrals, nd->referred
	};
	int i, bad = c->bad != BAD_NONE ? c->bad : nd->bad;

	g->rowlen = 0;
	g->row_nl = 0;
	for (i = 0; i < 14; i++)
		row_field(g, f[i], i == 13);
	fwrite(g->row, 1, g->rowlen, g->out);
	if (bad != BAD_NONE && g->expect)
		fprintf(g->expect, "%lu,%s\n", g->line, bad_cols[bad]);
	g->line += 1 + g->row_nl;
	g->emitted++;
}

static int io_error(struct gen *g, FILE *f, const char *name)
{
	int e = errno;

	errno = 0;
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	if (errno)
		e = errno;
	if (!e)
		e = EIO;
	return nserr_set(g->err, NS_EIO, "cannot write '%s': %s", name,
			 strerror(e));
}

static int check_io(struct gen *g)
{
	if (ferror(g->out))
		return io_error(g, g->out, g->o->out_name);
	if (g->expect && ferror(g->expect))
		return io_error(g, g->expect, g->o->expect_name);
	return 0;
}

static int emit_contact(struct gen *g, const struct day *d, int m,
			int64_t t)
{
	struct contact c;
	struct need nd;
	size_t chosen[4];
	uint64_t n = 1 + pick(&g->count, synth_nneeds_w, 4), i;

	if (n > g->o->needs - g->emitted)
		n = g->o->needs - g->emitted;
	if (n == 0)
		return 0;
	make_contact(g, d, m, t, &c);
	code_weights(g, c.year);
	for (i = 0; i < n; i++) {
		make_need(g, &c, chosen, (int)i, &nd);
		emit_row(g, &c, &nd);
	}
	return check_io(g);
}

/* Write the contacts of day d carrying `want` more needs. */
static int emit_day(struct gen *g, const struct day *d, uint64_t want,
		    uint64_t mass)
{
	struct rng save = g->count;
	uint64_t k = 0, s = 0, i, r;
	uint32_t sec[60], j;
	int m, lo, hi, mid, rc;

	while (s < want) {
		s += 1 + pick(&g->count, synth_nneeds_w, 4);
		k++;
	}
	g->count = save;
	memset(g->hist, 0, sizeof g->hist);
	for (i = 0; i < k; i++) {
		r = rng_below(&g->time, mass);
		for (lo = 0, hi = DAY_MIN - 1; lo < hi;) {
			mid = (lo + hi) / 2;
			if (g->cum[mid] > r)
				hi = mid;
			else
				lo = mid + 1;
		}
		g->hist[lo]++;
	}
	for (m = 0; m < DAY_MIN; m++) {
		if (!g->hist[m])
			continue;
		memset(sec, 0, sizeof sec);
		for (j = 0; j < g->hist[m]; j++)
			sec[rng_below(&g->time, 60)]++;
		for (s = 0; s < 60; s++)
			for (j = 0; j < sec[s]; j++)
				if ((rc = emit_contact(g, d, m, d->no * 86400 +
						       m * 60 + (int64_t)s)))
					return rc;
	}
	return 0;
}

static int generate(struct gen *g)
{
	const struct synth_opts *o = g->o;
	struct day d;
	uint64_t total = 0, cum = 0, target, mass;
	int64_t no;
	int rc;

	g->lo = synth_days_from_civil(o->from_year, o->from_month, 1);
	g->hi = synth_days_from_civil(o->to_year, o->to_month,
				synth_days_in_month(o->to_year, o->to_month));
	for (no = g->lo; no <= g->hi + 1; no++) {
		day_setup(&d, no);
		total += day_weight(g, &d, day_profile(g, &d));
	}
	for (no = g->lo; no <= g->hi + 1 && total > 0; no++) {
		day_setup(&d, no);
		mass = day_profile(g, &d);
		cum += day_weight(g, &d, mass);
		target = no == g->hi + 1 ? o->needs : o->needs * cum / total;
		if (target > g->emitted && mass > 0 &&
		    (rc = emit_day(g, &d, target - g->emitted, mass)))
			return rc;
	}
	if (g->emitted != o->needs)
		return nserr_set(g->err, NS_EINTERNAL,
				 "wrote %" PRIu64 " of %lu rows", g->emitted,
				 o->needs);
	return 0;
}

/* ---- Public API ---- */

void synth_opts_init(struct synth_opts *o)
{
	memset(o, 0, sizeof *o);
	o->needs = 10000;
	o->seed = 211;
	o->from_year = 2024;
	o->from_month = 4;
	o->to_year = 2025;
	o->to_month = 3;
	o->out_name = "standard output";
	o->expect_name = "expect file";
}

static int check_opts(const struct synth_opts *o, struct nserr *err)
{
	if (o->needs > SYNTH_NEEDS_MAX)
		return nserr_set(err, NS_EUSAGE, "needs %lu out of range "
				 "0..%lu", o->needs, SYNTH_NEEDS_MAX);
	if (o->from_month < 1 || o->from_month > 12 || o->to_month < 1 ||
	    o->to_month > 12 || o->from_year < SYNTH_YEAR_MIN ||
	    o->to_year > SYNTH_YEAR_MAX || o->to_year < SYNTH_YEAR_MIN ||
	    o->from_year > SYNTH_YEAR_MAX)
		return nserr_set(err, NS_EUSAGE, "months must lie in "
				 "%d-01..%d-12", SYNTH_YEAR_MIN, SYNTH_YEAR_MAX);
	if (o->from_year * 12 + o->from_month > o->to_year * 12 + o->to_month)
		return nserr_set(err, NS_EUSAGE, "'%04d-%02d' is after "
				 "'%04d-%02d'", o->from_year, o->from_month,
				 o->to_year, o->to_month);
	if (synth_ncodes > CODES_MAX)
		return nserr_set(err, NS_EINTERNAL, "too many codes");
	return 0;
}

int synth_write(const struct synth_opts *o, FILE *out, FILE *expect,
		struct nserr *err)
{
	struct gen *g;
	int rc;

	if ((rc = check_opts(o, err)))
		return rc;
	g = calloc(1, sizeof *g);
	if (!g)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	g->o = o;
	g->out = out;
	g->expect = expect;
	g->err = err;
	g->line = 2;
	g->code_year = INT_MIN;
	rng_seed(&g->main, o->seed, 1);
	rng_seed(&g->count, o->seed, 2);
	rng_seed(&g->time, o->seed, 3);
	rng_seed(&g->dirty, o->seed, 4);
	fputs(SYNTH_HEADER "\n", out);
	rc = generate(g);
	if (!rc)
		rc = io_error(g, out, o->out_name);
	if (!rc && expect)
		rc = io_error(g, expect, o->expect_name);
	free(g);
	return rc;
}

int synth_parse_month(const char *s, int *year, int *month)
{
	int i, y = 0, m;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return NS_EUSAGE;
	if (s[7] != '\0')
		return NS_EUSAGE;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12 || y < SYNTH_YEAR_MIN || y > SYNTH_YEAR_MAX)
		return NS_EUSAGE;
	*year = y;
	*month = m;
	return 0;
}

int synth_utc_offset(const char *province, int64_t utc, int *minutes)
{
	int p;

	for (p = 0; p < SYNTH_NPROV; p++) {
		if (strcmp(province, synth_provs[p].code) == 0) {
			*minutes = synth_prov_offset(p, utc);
			return 0;
		}
	}
	return NS_EUSAGE;
}
