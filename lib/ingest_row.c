/*
 * ingest_row: validation and classification of one canonical row.
 *
 * Required fields (contact_id, started_at, need_code or need_category,
 * need_status, referrals when present) make a row bad when they fail;
 * optional fields (channel, language, postal_code, region, age_group,
 * gender, unmet_reason) become unknown and are counted instead.
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

static int check_need(const struct classify *cl, const struct canon_row *in,
		      struct need_row *out, struct row_fault *f,
		      struct issue_tally *t)
{
	const char *why = NULL;
	int code_blank = !in->v[CC_CODE] || is_blank(FIELD(CC_CODE));
	int cat_blank = !in->v[CC_CATEGORY] || is_blank(FIELD(CC_CATEGORY));

	out->has_code = 0;
	out->category_given = 0;
	if (fv_status(FIELD(CC_STATUS), &out->status, &why) != 0)
		return fault(f, in, CC_STATUS, "is not a need status (met, "
			     "unmet, partial)%s", NULL);
	if (code_blank && cat_blank && !out->status) {
		out->kind = ROW_CONTACT_ONLY;
		return 0;
	}
	out->kind = ROW_NEED;
	if (!out->status)
		return fault(f, in, CC_STATUS, "is blank: every need needs a "
			     "status (met, unmet, partial)%s", NULL);
	if (!code_blank) {
		if (taxcode_parse(FIELD(CC_CODE), &out->code, &why) != 0)
			return lead_fault(f, in, CC_CODE, "is not a taxonomy "
					  "code", why);
		out->has_code = 1;
		out->category = classify_code(cl, out->code.service,
					      strlen(out->code.service));
	} else if (cat_blank) {
		return fault(f, in, CC_CODE, "is blank: a need needs a "
			     "need_code or a need_category%s", NULL);
	} else {
		out->category = classify_category_name(cl, FIELD(CC_CATEGORY));
		if (out->category < 0)
			return fault(f, in, CC_CATEGORY, "is not a known "
				     "category id or name%s", NULL);
		out->category_given = 1;
	}
	out->referrals = -1;
	if (in->v[CC_REFERRALS] && fv_count(FIELD(CC_REFERRALS), REFERRALS_MAX,
					    &out->referrals, &why) != 0)
		return fault(f, in, CC_REFERRALS, "%s", why);
	out->reason = NULL;
	if (in->v[CC_REASON] && fv_reason(FIELD(CC_REASON), &out->reason, &why))
		field_issue(t, in, CC_REASON, why), out->reason = NULL;
	if (out->reason && strcmp(out->status, "met") == 0) {
		field_issue(t, in, CC_REASON, "reason given for a met need");
		out->reason = NULL;
	}
	out->referred_to = in->v[CC_REFERRED_TO];
	out->referred_len = in->v[CC_REFERRED_TO] ? in->len[CC_REFERRED_TO] : 0;
	return 0;
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
	if (check_need(cl, in, out, f, t))
		return 1;
	check_optional(cl, in, out, t);
	return 0;
}
