/*
 * synth_rows: the contents of a synthetic contact and its needs: channel,
 * language, postal code, codes with their yearly trends, status, reasons,
 * agencies, and the damage --dirty does to them.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "synth_int.h"

const char *const synth_bad_cols[] = {
	"started_at", "need_code", "need_status", "referrals"
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
		snprintf(c->postal, sizeof c->postal, "%.3s%.3s", p, p + 4);
	else if (k == synth_nbad_postal + 1)       /* lower case */
		for (k = 0; c->postal[k]; k++)
			c->postal[k] = (char)(c->postal[k] | 0x20);
	else if (k == synth_nbad_postal + 2)       /* FSA only */
		c->postal[3] = '\0';
	else if (k == synth_nbad_postal + 3)       /* "K1A, 0B1" */
		snprintf(c->postal, sizeof c->postal, "%.3s, %.3s", p, p + 4);
	else if (k == synth_nbad_postal + 4)
		c->channel = "fax machine";
	else
		c->lang = "";
}

void synth_make_contact(struct gen *g, const struct day *d, int m,
			int64_t t, struct contact *c)
{
	uint64_t w[SYNTH_NPROV], total = 0, x;
	int p, off, y, mo, dd, sec, aoff;
	int64_t lt;
	const struct synth_prov *pv;

	for (p = 0; p < SYNTH_NPROV; p++)
		total += w[p] = synth_prov_weight(g, d, p, m);
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
	snprintf(c->id, sizeof c->id, "%s%08" PRIu64, g->id_prefix,
		 ++g->contacts);
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

void synth_code_weights(struct gen *g, int year)
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
void synth_make_need(struct gen *g, const struct contact *c,
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
