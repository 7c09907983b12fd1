/*
 * ingest_row: validation and classification of one canonical row.
 *
 * Only what a row cannot be stored without makes it bad: contact_id and
 * started_at.  A bad need field keeps the row (the need becomes
 * unclassified, unrecorded or of unknown referrals), is counted and is
 * written to the rejects file as kept; optional fields (channel, language,
 * postal_code, region, age_group, gender, unmet_reason) become unknown and
 * are counted.
 */
#include <stdio.h>
#include <string.h>

#include "fieldval.h"
#include "ingest_int.h"

#define CONTACT_ID_MAX 64
#define REFERRALS_MAX 1000

const char *const canon_names[CC_N] = {
	"contact_id", "started_at", "channel", "language", "postal_code",
	"region", "age_group", "gender", "need_code", "need_category",
	"need_status", "unmet_reason", "referrals", "referred_to",
};

static int is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int fault(struct row_fault *f, const struct canon_row *in, int col,
		 const char *fmt, const char *detail)
{
	f->col = col;
	f->column = col >= 0 ? canon_names[col] : "(row)";
	f->value = col >= 0 && in->v[col] ? in->v[col] : "";
	f->value_len = col >= 0 && in->v[col] ? in->len[col] : 0;
	snprintf(f->reason, sizeof f->reason, fmt, detail ? detail : "");
	return 1;
}

/* "LEAD (WHY)", or LEAD alone when WHY says the same thing. */
static int lead_fault(struct row_fault *f, const struct canon_row *in,
		      int col, const char *lead, const char *why)
{
	char d[140];

	if (!why || !*why || strcmp(why, lead) == 0)
		return fault(f, in, col, "%s", lead);
	snprintf(d, sizeof d, "%s (%s)", lead, why);
	return fault(f, in, col, "%s", d);
}

/* An optional field failed: count it, leave it unknown. */
static void field_issue(struct issue_tally *t, const struct canon_row *in,
			int col, const char *why)
{
	tally_add(t, "field", canon_names[col], why, in->v[col], in->len[col]);
}

#define FIELD(c) (in->v[c] ? in->v[c] : ""), (in->v[c] ? in->len[c] : 0)

static void check_optional(const struct classify *cl,
			   const struct canon_row *in, struct need_row *out,
			   struct issue_tally *t)
{
	const char *why = NULL;

	out->channel = out->language = out->age_group = out->gender = NULL;
	if (in->v[CC_CHANNEL] && fv_channel(FIELD(CC_CHANNEL), &out->channel,
					    &why))
		field_issue(t, in, CC_CHANNEL, why), out->channel = NULL;
	if (in->v[CC_LANGUAGE] && fv_language(FIELD(CC_LANGUAGE),
					      &out->language, &why))
		field_issue(t, in, CC_LANGUAGE, why), out->language = NULL;
	if (in->v[CC_AGE] && fv_age_group(FIELD(CC_AGE), out->agebuf,
					  sizeof out->agebuf, &out->age_group,
					  &why))
		field_issue(t, in, CC_AGE, why), out->age_group = NULL;
	if (in->v[CC_GENDER] && fv_gender(FIELD(CC_GENDER), &out->gender, &why))
		field_issue(t, in, CC_GENDER, why), out->gender = NULL;
	if (postal_parse(FIELD(CC_POSTAL), &out->postal, &why) != 0)
		field_issue(t, in, CC_POSTAL, why);
	out->region = classify_region_of(cl, &out->postal);
	out->region_given = 0;
	if (in->v[CC_REGION] && !is_blank(FIELD(CC_REGION))) {
		int r = classify_region_id(cl, FIELD(CC_REGION));
		if (r >= 0)
			out->region = r, out->region_given = 1;
		else
			field_issue(t, in, CC_REGION, "is not a known region id");
	}
}

/* The first problem of a row that is kept: what the rejects file says. */
static void keep_issue(struct row_fault *k, const struct canon_row *in,
		       int col, const char *lead, const char *why)
{
	if (k->col != -2)
		return;                  /* one line per row: the first */
	lead_fault(k, in, col, lead, why);
}

/* A field of a need that failed: keep the need, count and report it. */
static void need_issue(struct issue_tally *t, struct row_fault *k,
		       const struct canon_row *in, int col, const char *tally,
		       const char *lead, const char *why)
{
	tally_add(t, "field", canon_names[col], tally, in->v[col],
		  in->len[col]);
	keep_issue(k, in, col, lead, why);
}

/* A need_code that is not a taxonomy code, kept as written (blanks
 * trimmed, cut to TAXCODE_MAX - 1 bytes on a UTF-8 boundary). */
static void raw_code(const char *s, size_t n, struct taxcode *c)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > TAXCODE_MAX - 1) {
		n = TAXCODE_MAX - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(c->service, s, n);
	c->service[n] = '\0';
	c->level = 0;
	c->targets[0] = '\0';
	c->ntargets = 0;
}

#define KEPT_CODE "is not a taxonomy code: need kept as unclassified"

static void check_code(const struct classify *cl, const struct canon_row *in,
		       struct need_row *out, struct row_fault *k,
		       struct issue_tally *t)
{
	const char *why = NULL;

	out->has_code = 1;
	if (taxcode_parse(FIELD(CC_CODE), &out->code, &why) != 0) {
		char lead[160];
		int detail = why && strcmp(why, "is not a taxonomy code");
		snprintf(lead, sizeof lead, "is not a taxonomy code%s%s%s: "
			 "need kept as unclassified (invalid code)",
			 detail ? " (" : "", detail ? why : "", detail ? ")" : "");
		raw_code(FIELD(CC_CODE), &out->code);
		out->category = classify_code_raw(cl, out->code.service,
						  strlen(out->code.service));
		need_issue(t, k, in, CC_CODE, KEPT_CODE, lead, NULL);
		return;
	}
	out->category = classify_code(cl, out->code.service,
				      strlen(out->code.service));
	if (out->category == cl->target_only && cl->target_only != cl->other)
		tally_add(t, "field", canon_names[CC_CODE], "is a target term "
			  "only (section Y): need kept as target term only",
			  in->v[CC_CODE], in->len[CC_CODE]);
}

/*
 * The need of a row.  Only the contact id and the date make a row bad: a
 * bad need field is kept (need_code: unclassified with the raw code;
 * need_category: unclassified; need_status: unrecorded; referrals:
 * unknown), counted, and described in *k for the rejects file.  A row
 * with neither need_code nor need_category is a contact with no need,
 * whatever its status.
 */
static void check_need(const struct classify *cl, const struct canon_row *in,
		       struct need_row *out, struct row_fault *k,
		       struct issue_tally *t)
{
	const char *why = NULL;
	int code_blank = !in->v[CC_CODE] || is_blank(FIELD(CC_CODE));
	int cat_blank = !in->v[CC_CATEGORY] || is_blank(FIELD(CC_CATEGORY));

	out->has_code = 0;
	out->category_given = 0;
	if (code_blank && cat_blank) {
		out->kind = ROW_CONTACT_ONLY;
		tally_add(t, "field", canon_names[CC_CODE], "is blank: a "
			  "contact with no need", NULL, 0);
		return;
	}
	out->kind = ROW_NEED;
	if (fv_status(FIELD(CC_STATUS), &out->status, &why) != 0 ||
	    !out->status) {
		out->status = "unrecorded";
		need_issue(t, k, in, CC_STATUS, why ? "is not a need status: "
			   "need kept as unrecorded" : "is blank: need kept "
			   "as unrecorded", why ? "is not a need status (met, "
			   "unmet, partial): need kept as unrecorded" : "is "
			   "blank: need kept as unrecorded", NULL);
	}
	if (!code_blank) {
		check_code(cl, in, out, k, t);
	} else {
		out->category = classify_category_name(cl, FIELD(CC_CATEGORY));
		if (out->category < 0) {
			out->category = cl->unclassified;
			need_issue(t, k, in, CC_CATEGORY, "is not a known "
				   "category: need kept as unclassified", "is "
				   "not a known category id or name: need kept "
				   "as unclassified", NULL);
		}
		out->category_given = 1;
	}
	out->referrals = -1;
	if (in->v[CC_REFERRALS] && fv_count(FIELD(CC_REFERRALS), REFERRALS_MAX,
					    &out->referrals, &why) != 0) {
		char lead[140];
		snprintf(lead, sizeof lead, "%s: need kept with referrals "
			 "unknown", why);
		out->referrals = -1;
		need_issue(t, k, in, CC_REFERRALS, lead, lead, NULL);
	}
	out->reason = NULL;
	if (in->v[CC_REASON] && fv_reason(FIELD(CC_REASON), &out->reason, &why))
		field_issue(t, in, CC_REASON, why), out->reason = NULL;
	if (out->reason && strcmp(out->status, "met") == 0) {
		field_issue(t, in, CC_REASON, "reason given for a met need");
		out->reason = NULL;
	}
	out->referred_to = in->v[CC_REFERRED_TO];
	out->referred_len = in->v[CC_REFERRED_TO] ? in->len[CC_REFERRED_TO] : 0;
}

int row_check(const struct classify *cl, const struct canon_row *in,
	      struct need_row *out, struct row_fault *f,
	      struct issue_tally *t)
{
	const char *why = NULL;
	const char *id = in->v[CC_CONTACT_ID];
	size_t idlen = id ? in->len[CC_CONTACT_ID] : 0;

	while (idlen && (*id == ' ' || *id == '\t'))
		id++, idlen--;
	while (idlen && (id[idlen - 1] == ' ' || id[idlen - 1] == '\t'))
		idlen--;
	if (idlen == 0)
		return fault(f, in, CC_CONTACT_ID, "is blank%s", NULL);
	if (idlen > CONTACT_ID_MAX)
		return fault(f, in, CC_CONTACT_ID, "is longer than 64 "
			     "characters%s", NULL);
	out->contact_id = id;
	out->contact_len = idlen;
	if (dt_parse_iso(FIELD(CC_STARTED_AT), &out->when, &why) != 0)
		return lead_fault(f, in, CC_STARTED_AT, "is not a date", why);
	dt_format_local(&out->when, out->local, sizeof out->local);
	out->month = out->when.year * 100 + out->when.month;
	f->col = -2;                 /* no kept issue yet */
	check_need(cl, in, out, f, t);
	check_optional(cl, in, out, t);
	return f->col == -2 ? 0 : 2;
}
