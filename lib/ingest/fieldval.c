/*
 * fieldval: validation and normalisation of a contact log's coded fields.
 *
 * Each value is folded into a short ASCII key on the stack (trimmed, lower
 * case, runs of blanks -- and '-' or '_' -- made one space) and looked up in
 * a small static table, so a call costs a copy and a few comparisons: no
 * allocation, no locale.  Only a language name with non-ASCII letters
 * ("Français") takes a slow path through utf8proc to fold case and strip
 * accents; that path allocates (and frees) once.
 */
#include "fieldval.h"

#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"

#include "fieldval_int.h"

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int fv_fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return NS_EDATA;
}

/* Trim blanks off s[0..*len); returns the new start. */
const char *fv_trim(const char *s, size_t *len)
{
	const char *end = s + *len;

	while (s < end && is_blank((unsigned char)*s))
		s++;
	while (end > s && is_blank((unsigned char)end[-1]))
		end--;
	*len = (size_t)(end - s);
	return s;
}

/*
 * Fold s[0..len) into buf[KEY_MAX]: ASCII lower case, runs of blanks (and
 * of '-'/'_' when dash) made one space, no space at either end.  Returns
 * the key length or -1 when too long; *high is set when a byte >= 0x80
 * occurs.
 */
int fv_fold(const char *s, size_t len, int dash, char *buf, int *high)
{
	const char *end = s + len;
	size_t n = 0;
	int gap = 0;

	*high = 0;
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;

		if (is_blank(c) || (dash && (c == '-' || c == '_'))) {
			gap = n > 0;
			continue;
		}
		if (n + 2 >= KEY_MAX)
			return -1;
		if (gap)
			buf[n++] = ' ';
		gap = 0;
		if (c >= 0x80)
			*high = 1;
		buf[n++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
	}
	buf[n] = '\0';
	return (int)n;
}

/* Linear lookup of key in t[0..n). */
static const char *find(const struct kv *t, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].k[0] == key[0] && strcmp(t[i].k, key) == 0)
			return t[i].v;
	return NULL;
}

/* Binary lookup of key in the sorted t[0..n). */
const char *fv_bsearch_kv(const struct kv *t, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, t[mid].k);

		if (c == 0)
			return t[mid].v;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Shared body of the table-driven fields. */
static int lookup(const char *s, size_t len, const struct kv *t, size_t n,
		  const char **canon, const char **why, const char *msg)
{
	char key[KEY_MAX];
	int high, k;

	s = fv_trim(s, &len);
	*canon = NULL;
	if (len == 0)
		return 0;
	k = fv_fold(s, len, 1, key, &high);
	if (k <= 0 || high || !(*canon = find(t, n, key)))
		return fv_fail(why, msg);
	return 0;
}


int fv_status(const char *s, size_t len, const char **canon, const char **why)
{
	static const struct kv t[] = {
		{"met", "met"}, {"fully met", "met"},
		{"unmet", "unmet"}, {"not met", "unmet"},
		{"partial", "partial"}, {"partially met", "partial"},
		{"partly met", "partial"}, {"partially", "partial"},
		{"unrecorded", "unrecorded"}, {"not recorded", "unrecorded"},
	};

	return lookup(s, len, t, NELEM(t), canon, why,
		      "is not a need status (met, unmet, partial)");
}

int fv_channel(const char *s, size_t len, const char **canon,
	       const char **why)
{
	static const struct kv t[] = {
		{"phone", "phone"}, {"telephone", "phone"}, {"call", "phone"},
		{"voice", "phone"}, {"phone call", "phone"},
		{"text", "text"}, {"sms", "text"}, {"text message", "text"},
		{"texting", "text"}, {"texto", "text"},
		{"chat", "chat"}, {"webchat", "chat"}, {"web chat", "chat"},
		{"live chat", "chat"}, {"clavardage", "chat"},
		{"email", "email"}, {"e mail", "email"}, {"courriel", "email"},
		{"web", "web"}, {"website", "web"}, {"web site", "web"},
		{"walk in", "walk-in"}, {"walkin", "walk-in"},
		{"in person", "walk-in"}, {"en personne", "walk-in"},
		{"other", "other"}, {"autre", "other"},
	};

	return lookup(s, len, t, NELEM(t), canon, why, "is not a channel");
}

int fv_gender(const char *s, size_t len, const char **canon, const char **why)
{
	static const struct kv t[] = {
		{"woman", "woman"}, {"female", "woman"}, {"f", "woman"},
		{"w", "woman"}, {"femme", "woman"}, {"girl", "woman"},
		{"trans woman", "woman"}, {"transgender woman", "woman"},
		{"man", "man"}, {"male", "man"}, {"m", "man"},
		{"homme", "man"}, {"boy", "man"}, {"trans man", "man"},
		{"transgender man", "man"},
		{"non binary", "non-binary"}, {"nonbinary", "non-binary"},
		{"two spirit", "non-binary"}, {"other gender", "non-binary"},
		{"genderqueer", "non-binary"}, {"non binaire", "non-binary"},
		{"unknown", "unknown"}, {"prefer not to say", "unknown"},
		{"prefer not to answer", "unknown"}, {"declined", "unknown"},
		{"not asked", "unknown"}, {"inconnu", "unknown"},
	};

	return lookup(s, len, t, NELEM(t), canon, why, "is not a gender");
}

int fv_reason(const char *s, size_t len, const char **canon, const char **why)
{
	static const struct kv t[] = {
		{"no service", "no_service"},
		{"service does not exist", "no_service"},
		{"no service available", "no_service"},
		{"service not available", "no_service"},
		{"ineligible", "ineligible"}, {"not eligible", "ineligible"},
		{"waitlist", "waitlist"}, {"wait list", "waitlist"},
		{"waiting list", "waitlist"}, {"waitlisted", "waitlist"},
		{"funds exhausted", "funds_exhausted"},
		{"no funds", "funds_exhausted"},
		{"no funding", "funds_exhausted"},
		{"capacity", "capacity"}, {"no capacity", "capacity"},
		{"full", "capacity"}, {"at capacity", "capacity"},
		{"cost", "cost"}, {"too expensive", "cost"},
		{"cannot afford", "cost"}, {"can't afford", "cost"},
		{"cant afford", "cost"},
		{"declined", "declined"}, {"client declined", "declined"},
		{"refused", "declined"}, {"client refused", "declined"},
		{"other", "other"},
	};

	return lookup(s, len, t, NELEM(t), canon, why,
		      "is not an unmet reason");
}

/* Read 1..3 digits at *pp into *v; 0 when none (or more than 3). */
static int age_num(const char **pp, int *v)
{
	const char *p = *pp;
	int n = 0;

	*v = 0;
	while (is_digit(*p) && n < 4) {
		*v = *v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || n > 3)
		return 0;
	*pp = p;
	return 1;
}

/* Skip one optional space, then the word w when it is next. */
static int word(const char **pp, const char *w)
{
	const char *p = *pp;
	size_t n = strlen(w);

	if (*p == ' ')
		p++;
	if (strncmp(p, w, n) != 0)
		return 0;
	*pp = p + n;
	return 1;
}

/* Write the decimal v (0..999) at b; returns the end. */
static char *put_num(char *b, int v)
{
	if (v >= 100)
		*b++ = (char)('0' + v / 100);
	if (v >= 10)
		*b++ = (char)('0' + v / 10 % 10);
	*b++ = (char)('0' + v % 10);
	return b;
}

/* An optional unit ("years", "ans") and the end of the key. */
static int unit_end(const char *p)
{
	if (!word(&p, "years"))
		word(&p, "ans");
	return *p == '\0';
}

/* Parse the folded key k into lo..hi (hi -1 for "lo+"). */
static int age_range(const char *k, int *lo, int *hi)
{
	static const char *const over[] = {
		"+", "and over", "and older", "or older", "plus", "et plus",
		"ans et plus", "years and over",
	};
	static const char *const under[] = {
		"under", "<", "less than", "moins de",
	};
	const char *p;
	size_t i;

	for (i = 0; i < NELEM(under); i++) {
		p = k;
		if (!word(&p, under[i]))
			continue;
		if (*p == ' ')
			p++;
		if (!age_num(&p, hi) || *hi < 1)
			return 0;
		*lo = 0;
		(*hi)--;
		return unit_end(p);
	}
	p = k;
	if (!age_num(&p, lo))
		return 0;
	if (word(&p, "-") || word(&p, "\xe2\x80\x93") || word(&p, "to")) {
		if (*p == ' ')
			p++;
		return age_num(&p, hi) && unit_end(p);
	}
	*hi = -1;
	for (i = 0; i < NELEM(over); i++) {
		const char *q = p;

		if (word(&q, over[i]) && *q == '\0')
			return 1;
	}
	return 0;
}

int fv_age_group(const char *s, size_t len, char *buf, size_t size,
		 const char **canon, const char **why)
{
	static const struct kv words[] = {
		{"unknown", "unknown"}, {"not asked", "unknown"},
		{"declined", "unknown"}, {"prefer not to say", "unknown"},
		{"inconnu", "unknown"}, {"unk", "unknown"},
	};
	char key[KEY_MAX];
	int high, lo, hi;
	char *b = buf;

	s = fv_trim(s, &len);
	*canon = NULL;
	if (len == 0)
		return 0;
	if (fv_fold(s, len, 0, key, &high) <= 0)
		return fv_fail(why, "is not an age group");
	if ((*canon = find(words, NELEM(words), key)) != NULL)
		return 0;
	if (!age_range(key, &lo, &hi))
		return fv_fail(why, "is not an age group");
	if (lo > 120 || hi > 120)
		return fv_fail(why, "age out of range (0..120)");
	if (hi >= 0 && hi < lo)
		return fv_fail(why, "age range is reversed");
	if (size < 16) {
		if (why)
			*why = "buffer too small";
		return NS_EUSAGE;
	}
	b = put_num(b, lo);
	if (hi < 0) {
		*b++ = '+';
	} else {
		*b++ = '-';
		b = put_num(b, hi);
	}
	*b = '\0';
	*canon = buf;
	return 0;
}

int fv_count(const char *s, size_t len, long max, long *value,
	     const char **why)
{
	long v = 0;
	size_t i;

	s = fv_trim(s, &len);
	*value = -1;
	if (len == 0)
		return 0;
	if (max < 0)
		return fv_fail(why, "is too large");
	for (i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return fv_fail(why, "is not a non-negative integer");
	for (i = 0; i < len; i++) {
		int d = s[i] - '0';

		if (v > (max - d) / 10)
			return fv_fail(why, "is too large");
		v = v * 10 + d;
	}
	if (v > max)
		return fv_fail(why, "is too large");
	*value = v;
	return 0;
}
