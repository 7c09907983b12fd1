/*
 * profile_value: expressions, lists, date formats, zones, value maps and
 * date conversion for profiles.
 *
 * Values are matched on a folded key (trimmed, blanks collapsed, case
 * folded) so that "True", " true " and "TRUE" are one value; only text
 * with bytes >= 0x80 goes through utf8proc (which allocates).
 */
#include "profile_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fieldval.h"
#include "classify/taxcode.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *trim(const char *s, size_t *len)
{
	const char *e = s + *len;

	while (s < e && is_blank(*s))
		s++;
	while (e > s && is_blank(e[-1]))
		e--;
	*len = (size_t)(e - s);
	return s;
}

/* Collapse, lower-case ASCII; returns the length or -1. */
static int fold_ascii(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0, i;
	int gap = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (is_blank(c)) {
			gap = n > 0;
			continue;
		}
		if (n + 2 >= size)
			return -1;
		if (gap)
			buf[n++] = ' ';
		gap = 0;
		buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	buf[n] = '\0';
	return (int)n;
}

int pv_fold(const char *s, size_t len, char *buf, size_t size)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	size_t i;
	int k;

	s = trim(s, &len);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			break;
	if (i == len)
		return fold_ascii(s, len, buf, size);
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &dst, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
	if (n < 0)
		return -1;
	k = fold_ascii((const char *)dst, (size_t)n, buf, size);
	free(dst);
	return k;
}

static int add_term(struct pexpr *e, const char *s, size_t len, int is_text)
{
	struct pterm *t = realloc(e->t, (e->n + 1) * sizeof *t);
	char *copy;

	if (!t)
		return NS_ENOMEM;
	e->t = t;
	if (!(copy = malloc(len + 1)))
		return NS_ENOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	e->t[e->n].is_text = is_text;
	e->t[e->n].is_row = !is_text && len == 4 && !strncmp(s, "@row", 4);
	e->t[e->n].text = copy;
	e->t[e->n].len = len;
	e->n++;
	return 0;
}

/* A quoted text at *pp (after the opening quote): unescape into buf. */
static int quoted(const char **pp, char *buf, size_t size, size_t *len)
{
	const char *p = *pp;
	size_t n = 0;

	for (;;) {
		if (*p == '\0')
			return -1;
		if (*p == '"') {
			if (p[1] != '"')
				break;
			p++;
		}
		if (n + 1 >= size)
			return -1;
		buf[n++] = *p++;
	}
	*pp = p + 1;
	*len = n;
	return 0;
}

int pv_position(const char *s, size_t len)
{
	size_t i;
	int n = 0;

	if (len < 2 || len > 5 || s[0] != '#')
		return -1;
	for (i = 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n >= 1 ? n - 1 : -1;
}

void pv_expr_release(struct pexpr *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->t[i].text);
	free(e->t);
	e->t = NULL;
	e->n = 0;
}

int pv_expr(const char *value, struct pexpr *out, const char **why)
{
	const char *p = value;
	char buf[512];
	int rc;

	memset(out, 0, sizeof *out);
	for (;;) {
		const char *start, *end;
		size_t len;

		while (is_blank(*p))
			p++;
		if (*p == '"') {
			p++;
			if (quoted(&p, buf, sizeof buf, &len) != 0) {
				*why = "has an unterminated quoted text";
				return NS_ECONFIG;
			}
			if ((rc = add_term(out, buf, len, 1)) != 0)
				return rc;
			while (is_blank(*p))
				p++;
			if (*p == '\0')
				return 0;
			if (*p != '+') {
				*why = "has text after a quoted text (join "
				       "terms with ' + ')";
				return NS_ECONFIG;
			}
			p++;
			continue;
		}
		start = p;
		end = strstr(p, " + ");
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - start);
		start = trim(start, &len);
		if (len == 0 || (start[0] == '+' && (len == 1 ||
		    is_blank(start[1])))) {
			*why = out->n ? "has an empty term around ' + '"
				      : "is empty";
			return NS_ECONFIG;
		}
		if (start[0] == '#' && len > 1 && start[1] >= '0' &&
		    start[1] <= '9' && pv_position(start, len) < 0) {
			*why = "names a column by position: #1 is the first "
			       "column (#1 to #9999)";
			return NS_ECONFIG;
		}
		if ((rc = add_term(out, start, len, 0)) != 0)
			return rc;
		if (*end == '\0')
			return 0;
		p = end + 3;
	}
}

int pv_list(const char *value, pv_item_fn fn, void *ctx, const char **why)
{
	const char *p = value;
	char buf[512];
	int rc;

	for (;;) {
		size_t len;

		while (is_blank(*p))
			p++;
		if (*p == '"') {
			p++;
			if (quoted(&p, buf, sizeof buf, &len) != 0) {
				*why = "has an unterminated quoted item";
				return NS_ECONFIG;
			}
			while (is_blank(*p))
				p++;
			if (*p != ',' && *p != '\0') {
				*why = "has text after a quoted item";
				return NS_ECONFIG;
			}
			if ((rc = fn(ctx, buf, len, 1)) != 0)
				return rc;
		} else {
			const char *start = p, *comma = strchr(p, ',');

			p = comma ? comma : p + strlen(p);
			len = (size_t)(p - start);
			start = trim(start, &len);
			if (len && (rc = fn(ctx, start, len, 0)) != 0)
				return rc;
		}
		if (*p == '\0')
			return 0;
		p++;                    /* the comma */
	}
}

static const struct {
	const char *name;
	enum dt_form form;
} formats[] = {
	{"iso", DT_ISO}, {"iso 8601", DT_ISO}, {"iso8601", DT_ISO},
	{"mm/dd/yyyy", DT_MDY}, {"m/d/yyyy", DT_MDY},
	{"dd/mm/yyyy", DT_DMY}, {"d/m/yyyy", DT_DMY},
	{"yyyy-mm-dd", DT_YMD}, {"yyyy/mm/dd", DT_YMD},
};

int pv_format(const char *s, size_t len, enum dt_form *out)
{
	char key[32];
	size_t i;

	if (pv_fold(s, len, key, sizeof key) <= 0)
		return NS_ECONFIG;
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(key, formats[i].name) == 0) {
			*out = formats[i].form;
			return 0;
		}
	}
	return NS_ECONFIG;
}

const char *pv_format_name(enum dt_form f)
{
	switch (f) {
	case DT_ISO: return "ISO";
	case DT_MDY: return "MM/DD/YYYY";
	case DT_DMY: return "DD/MM/YYYY";
	case DT_YMD: return "YYYY-MM-DD";
	}
	return "?";
}

int pv_zone(const char *s, int *minutes)
{
	size_t len = strlen(s);
	int sign, hh = 0, mm = 0, i, nd = 0;
	char d[4];

	s = trim(s, &len);
	if (len && dt_zone_offset(s, len, minutes) == 0)
		return 0;
	if (len < 3 || (s[0] != '+' && s[0] != '-'))
		return NS_ECONFIG;
	sign = s[0] == '-' ? -1 : 1;
	for (i = 1; (size_t)i < len; i++) {
		if (s[i] == ':' && i == 3)
			continue;
		if (s[i] < '0' || s[i] > '9' || nd == 4)
			return NS_ECONFIG;
		d[nd++] = s[i];
	}
	if (nd != 2 && nd != 4)
		return NS_ECONFIG;
	hh = (d[0] - '0') * 10 + (d[1] - '0');
	if (nd == 4)
		mm = (d[2] - '0') * 10 + (d[3] - '0');
	if (mm > 59 || hh * 60 + mm > 14 * 60)
		return NS_ECONFIG;
	*minutes = sign * (hh * 60 + mm);
	return 0;
}

int pmap_init(struct pmap *m)
{
	memset(m, 0, sizeof *m);
	m->any = m->blank = -1;
	return strmap_init(&m->ix);
}

void pmap_release(struct pmap *m)
{
	size_t i;

	strmap_release(&m->ix);
	for (i = 0; i < m->nto; i++)
		free(m->to[i]);
	free(m->to);
	memset(m, 0, sizeof *m);
	m->any = m->blank = -1;
}

int pmap_target(struct pmap *m, const char *t)
{
	size_t i, n = strlen(t);
	char *copy;

	for (i = 0; i < m->nto; i++)
		if (strcmp(m->to[i], t) == 0)
			return (int)i;
	if (m->nto == m->capto) {
		size_t cap = m->capto ? m->capto * 2 : 8;
		char **to = realloc(m->to, cap * sizeof *to);
		if (!to)
			return NS_ENOMEM;
		m->to = to;
		m->capto = cap;
	}
	if (!(copy = malloc(n + 1)))
		return NS_ENOMEM;
	memcpy(copy, t, n + 1);
	m->to[m->nto] = copy;
	return (int)m->nto++;
}

int pmap_add(struct pmap *m, const char *s, size_t len, int quoted, int ti,
	     int *prev)
{
	char key[PV_KEY_MAX];
	int64_t *slot;
	int k, rc, *which = NULL;

	if (!quoted && len == 1 && s[0] == '*')
		which = &m->any;
	else if ((k = pv_fold(s, len, key, sizeof key)) < 0)
		return NS_ECONFIG;
	else if (k == 0)
		which = &m->blank;
	if (which) {
		if (*which >= 0 && *which != ti) {
			*prev = *which;
			return 1;
		}
		*which = ti;
		return 0;
	}
	rc = strmap_put(&m->ix, key, (size_t)k, ti, &slot, NULL);
	if (rc < 0)
		return rc;
	if (rc == 0 && *slot != ti) {
		*prev = (int)*slot;
		return 1;
	}
	return 0;
}

int pmap_find(const struct pmap *m, const char *s, size_t len, int *exact)
{
	char key[PV_KEY_MAX];
	int64_t *v;
	int k = pv_fold(s, len, key, sizeof key);

	if (exact)
		*exact = 0;
	if (k == 0)
		return m->blank;
	if (k > 0 && (v = strmap_get(&m->ix, key, (size_t)k)) != NULL) {
		if (exact)
			*exact = 1;
		return (int)*v;
	}
	return m->any;
}

static void put_offset(char *b, int off)
{
	int a = off < 0 ? -off : off;

	b[0] = off < 0 ? '-' : '+';
	b[1] = (char)('0' + a / 600);
	b[2] = (char)('0' + a / 60 % 10);
	b[3] = ':';
	b[4] = (char)('0' + a % 60 / 10);
	b[5] = (char)('0' + a % 10);
	b[6] = '\0';
}

int pv_date_iso(const struct pcol *c, const char *s, size_t len, char *buf,
		size_t size, char *why, size_t whysize)
{
	static const enum dt_form iso_only[1] = {DT_ISO};
	const enum dt_form *forms = c->nforms ? c->forms : iso_only;
	int nforms = c->nforms ? c->nforms : 1, i, n;
	const char *first_why = NULL;
	struct ns_datetime d;

	for (i = 0; i < nforms; i++) {
		const char *w = NULL;

		if (dt_parse(s, len, forms[i], &d, &w) == 0)
			break;
		if (!first_why)
			first_why = w;
	}
	if (i == nforms) {
		if (first_why && strcmp(first_why, "is not a date") != 0)
			snprintf(why, whysize, "is not a date (%s: %s)",
				 pv_format_name(forms[0]), first_why);
		else
			snprintf(why, whysize, "is not a date in the profile's "
				 "format%s", nforms > 1 ? "s" : "");
		return NS_EDATA;
	}
	if (!d.has_offset && c->has_zone && d.has_time) {
		d.has_offset = 1;
		d.offset_min = c->zone_min;
	}
	if (size < 32 || (n = dt_format_local(&d, buf, size)) <= 0) {
		snprintf(why, whysize, "is not a date (year out of range)");
		return NS_EDATA;
	}
	if (d.has_time) {
		buf[10] = 'T';
		if (d.has_offset) {
			put_offset(buf + n, d.offset_min);
			n += 6;
		}
	}
	return n;
}

const char *pv_check(int col, const char *s, size_t len)
{
	const char *canon = NULL, *why = NULL;
	struct taxcode tc;
	char buf[16];
	long l;
	int rc = 0;

	switch (col) {
	case CC_STATUS: rc = fv_status(s, len, &canon, &why); break;
	case CC_CHANNEL: rc = fv_channel(s, len, &canon, &why); break;
	case CC_GENDER: rc = fv_gender(s, len, &canon, &why); break;
	case CC_REASON: rc = fv_reason(s, len, &canon, &why); break;
	case CC_LANGUAGE: rc = fv_language(s, len, &canon, &why); break;
	case CC_AGE: rc = fv_age_group(s, len, buf, sizeof buf, &canon, &why);
		break;
	case CC_REFERRALS: rc = fv_count(s, len, 1000, &l, &why); break;
	case CC_CODE:
		if (len)
			rc = taxcode_parse(s, len, &tc, &why);
		break;
	default: break;
	}
	return rc ? (why ? why : "is not a value of the column") : NULL;
}
