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

#include "synth_int.h"

/* ---- Days: offsets, local day types, weights ---- */



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
uint64_t synth_prov_weight(const struct gen *g, const struct day *d, int p,
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
			total += synth_prov_weight(g, d, p, m);
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
		fprintf(g->expect, "%lu,%s\n", g->line, synth_bad_cols[bad]);
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
	synth_make_contact(g, d, m, t, &c);
	synth_code_weights(g, c.year);
	for (i = 0; i < n; i++) {
		synth_make_need(g, &c, chosen, (int)i, &nd);
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

int synth_id_prefix_ok(const char *p)
{
	size_t n = strlen(p);

	return n <= SYNTH_ID_PREFIX_MAX && strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWX"
		"YZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
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
	if (o->id_prefix && !synth_id_prefix_ok(o->id_prefix))
		return nserr_set(err, NS_EUSAGE, "id prefix '%s': at most %d "
				 "letters, digits, '.', '_' or '-'",
				 o->id_prefix, SYNTH_ID_PREFIX_MAX);
	return 0;
}

/* The contact ids' prefix: o->id_prefix, or the seed and the period. */
static void id_prefix(const struct synth_opts *o, char *buf, size_t size)
{
	if (o->id_prefix)
		snprintf(buf, size, "%s", o->id_prefix);
	else
		snprintf(buf, size, "S%" PRIu64 "-%04d%02d-%04d%02d-", o->seed,
			 o->from_year, o->from_month, o->to_year, o->to_month);
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
	id_prefix(o, g->id_prefix, sizeof g->id_prefix);
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
