/*
 * datetime: strict parsing of contact-log dates and date-times.
 *
 * Hand-written scanners (no strptime, no locale, no allocation): each form
 * is read left to right with a cursor, every field is range-checked and the
 * whole text must be consumed.  Calendar arithmetic uses Howard Hinnant's
 * days_from_civil so epochs are exact for any proleptic Gregorian date.
 */
#include "datetime.h"

#include <stdio.h>

#include "nserr.h"

/* A cursor over s[0..len). */
struct cur {
	const char *p;
	const char *end;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char up(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static void skip_blanks(struct cur *c)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
}

/* Read minw..maxw digits into *v; 0 when fewer than minw digits. */
static int num(struct cur *c, int minw, int maxw, int *v)
{
	int n = 0, val = 0;

	while (n < maxw && c->p < c->end && is_digit(*c->p)) {
		val = val * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	*v = val;
	return n >= minw;
}

/* Consume the character ch; 0 when it is not next. */
static int lit(struct cur *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return NS_EDATA;
}

int dt_days_in_month(int y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	int leap;

	if (m < 1 || m > 12)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mdays[m - 1] + (m == 2 && leap);
}

int64_t dt_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;                         /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

int64_t dt_epoch(const struct ns_datetime *d)
{
	int64_t t = dt_days_from_civil(d->year, d->month, d->day) * 86400;

	if (d->has_time)
		t += (int64_t)d->hour * 3600 + d->min * 60 + d->sec;
	if (d->has_offset)
		t -= (int64_t)d->offset_min * 60;
	return t;
}

static char *put2(char *b, int v)
{
	b[0] = (char)('0' + v / 10 % 10);
	b[1] = (char)('0' + v % 10);
	return b + 2;
}

int dt_format_local(const struct ns_datetime *d, char *buf, size_t size)
{
	size_t need = d->has_time ? 19 : 10;
	char *b = buf;

	if (d->year < 0 || d->year > 9999) {
		int n = d->has_time
			? snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d",
				   d->year, d->month, d->day,
				   d->hour, d->min, d->sec)
			: snprintf(buf, size, "%04d-%02d-%02d",
				   d->year, d->month, d->day);
		return (n < 0 || (size_t)n >= size) ? 0 : n;
	}
	if (size <= need) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	b = put2(b, d->year / 100);
	b = put2(b, d->year % 100);
	*b++ = '-';
	b = put2(b, d->month);
	*b++ = '-';
	b = put2(b, d->day);
	if (d->has_time) {
		*b++ = ' ';
		b = put2(b, d->hour);
		*b++ = ':';
		b = put2(b, d->min);
		*b++ = ':';
		b = put2(b, d->sec);
	}
	*b = '\0';
	return (int)need;
}

int dt_zone_offset(const char *s, size_t len, int *minutes)
{
	static const struct {
		const char *name;
		int off;
	} zones[] = {
		{"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"UT", 0},
		{"NST", -210}, {"NDT", -150}, {"AST", -240}, {"ADT", -180},
		{"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
		{"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
		{"AKST", -540}, {"AKDT", -480}, {"HST", -600},
	};
	char u[5];
	size_t i, j;

	if (len == 0 || len > 4)
		return NS_EDATA;
	for (i = 0; i < len; i++)
		u[i] = up(s[i]);
	u[len] = '\0';
	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		const char *n = zones[i].name;

		for (j = 0; j < len && n[j] != '\0' && n[j] == u[j]; j++)
			;
		if (j == len && n[j] == '\0') {
			*minutes = zones[i].off;
			return 0;
		}
	}
	return NS_EDATA;
}

static int check_date(const struct ns_datetime *o, const char **why)
{
	if (o->year < 1)
		return fail(why, "year out of range");
	if (o->month < 1 || o->month > 12)
		return fail(why, "month out of range");
	if (o->day < 1 || o->day > dt_days_in_month(o->year, o->month))
		return fail(why, "day out of range for the month");
	return 0;
}

/* HH:MM[:SS[.f+]] with hmin..2 hour digits; fractions dropped. */
static int parse_clock(struct cur *c, int hmin, struct ns_datetime *o,
		       const char **why)
{
	int f;

	if (!num(c, hmin, 2, &o->hour) || !lit(c, ':') ||
	    !num(c, 2, 2, &o->min))
		return fail(why, "is not a time");
	o->sec = 0;
	o->has_time = 1;
	if (lit(c, ':')) {
		if (!num(c, 2, 2, &o->sec))
			return fail(why, "is not a time");
		if (lit(c, '.')) {
			if (!num(c, 1, 1, &f))
				return fail(why, "is not a time");
			while (c->p < c->end && is_digit(*c->p))
				c->p++;
		}
	}
	if (o->hour > 23)
		return fail(why, "hour out of range");
	if (o->min > 59)
		return fail(why, "minute out of range");
	if (o->sec > 59)
		return fail(why, "second out of range");
	return 0;
}

/* +HH:MM, +HHMM or +HH (or '-'), within -14:00..+14:00. */
static int parse_offset(struct cur *c, struct ns_datetime *o,
			const char **why)
{
	int sign, hh, mm = 0;

	if (lit(c, '+'))
		sign = 1;
	else if (lit(c, '-'))
		sign = -1;
	else
		return fail(why, "is not a UTC offset");
	if (!num(c, 2, 2, &hh))
		return fail(why, "is not a UTC offset");
	if (lit(c, ':')) {
		if (!num(c, 2, 2, &mm))
			return fail(why, "is not a UTC offset");
	} else if (c->p < c->end && is_digit(*c->p)) {
		if (!num(c, 2, 2, &mm))
			return fail(why, "is not a UTC offset");
	}
	if (mm > 59 || hh * 60 + mm > 14 * 60)
		return fail(why, "offset out of range");
	o->offset_min = sign * (hh * 60 + mm);
	o->has_offset = 1;
	return 0;
}

static int parse_iso_tail(struct cur *c, struct ns_datetime *o,
			  const char **why)
{
	int rc;

	if (c->p == c->end)
		return 0;
	if (*c->p != 'T' && *c->p != 't' && *c->p != ' ')
		return fail(why, "trailing characters after the date");
	c->p++;
	if ((rc = parse_clock(c, 2, o, why)) != 0)
		return rc;
	if (c->p < c->end && (*c->p == 'Z' || *c->p == 'z')) {
		c->p++;
		o->has_offset = 1;
		o->offset_min = 0;
	} else if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
		if ((rc = parse_offset(c, o, why)) != 0)
			return rc;
	}
	if (c->p != c->end)
		return fail(why, "trailing characters after the time");
	return 0;
}

/* A run of letters; *n gets its length. */
static const char *word(struct cur *c, size_t *n)
{
	const char *w = c->p;

	while (c->p < c->end && is_alpha(*c->p))
		c->p++;
	*n = (size_t)(c->p - w);
	return w;
}

/* After the clock: [AM|PM] [ZONE|offset], blanks between. */
static int parse_meridiem_zone(struct cur *c, struct ns_datetime *o,
			       const char **why)
{
	const char *w;
	size_t n;

	skip_blanks(c);
	w = word(c, &n);
	if (n == 2 && (up(w[1]) == 'M') &&
	    (up(w[0]) == 'A' || up(w[0]) == 'P')) {
		if (o->hour < 1 || o->hour > 12)
			return fail(why, "hour out of range for a 12-hour clock");
		o->hour = (o->hour % 12) + (up(w[0]) == 'P' ? 12 : 0);
		skip_blanks(c);
		w = word(c, &n);
	}
	if (n > 0) {
		if (dt_zone_offset(w, n, &o->offset_min) != 0)
			return fail(why, "unknown time zone");
		o->has_offset = 1;
	} else if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
		int rc = parse_offset(c, o, why);

		if (rc != 0)
			return rc;
	}
	skip_blanks(c);
	if (c->p != c->end)
		return fail(why, "trailing characters after the time");
	return 0;
}

/* Date fields of the non-ISO forms; sep is the separator seen. */
static int parse_slash_date(struct cur *c, enum dt_form form,
			    struct ns_datetime *o)
{
	char sep;

	if (form == DT_YMD) {
		if (!num(c, 4, 4, &o->year) || c->p >= c->end)
			return 0;
		sep = *c->p;
		if ((sep != '/' && sep != '-') || !lit(c, sep))
			return 0;
		return num(c, 1, 2, &o->month) && lit(c, sep) &&
		       num(c, 1, 2, &o->day);
	}
	if (form == DT_MDY) {
		if (!num(c, 1, 2, &o->month) || !lit(c, '/') ||
		    !num(c, 1, 2, &o->day))
			return 0;
	} else {
		if (!num(c, 1, 2, &o->day) || !lit(c, '/') ||
		    !num(c, 1, 2, &o->month))
			return 0;
	}
	return lit(c, '/') && num(c, 4, 4, &o->year);
}

static int parse_other(struct cur *c, enum dt_form form,
		       struct ns_datetime *o, const char **why)
{
	int rc;

	if (!parse_slash_date(c, form, o))
		return fail(why, "is not a date");
	if (c->p < c->end && is_digit(*c->p))
		return fail(why, "is not a date");
	if ((rc = check_date(o, why)) != 0)
		return rc;
	if (c->p == c->end)
		return 0;
	if (!is_blank(*c->p))
		return fail(why, "trailing characters after the date");
	skip_blanks(c);
	if ((rc = parse_clock(c, 1, o, why)) != 0)
		return rc;
	return parse_meridiem_zone(c, o, why);
}

int dt_parse(const char *s, size_t len, enum dt_form form,
	     struct ns_datetime *out, const char **why)
{
	struct cur c = {s, s + len};
	int rc;

	skip_blanks(&c);
	while (c.end > c.p && is_blank(c.end[-1]))
		c.end--;
	if (c.p == c.end)
		return fail(why, "is empty");
	out->hour = out->min = out->sec = 0;
	out->has_time = out->has_offset = out->offset_min = 0;
	if (form != DT_ISO)
		return parse_other(&c, form, out, why);
	if (!num(&c, 4, 4, &out->year) || !lit(&c, '-') ||
	    !num(&c, 2, 2, &out->month) || !lit(&c, '-') ||
	    !num(&c, 2, 2, &out->day))
		return fail(why, "is not a date");
	if (c.p < c.end && is_digit(*c.p))
		return fail(why, "is not a date");
	if ((rc = check_date(out, why)) != 0)
		return rc;
	return parse_iso_tail(&c, out, why);
}

int dt_parse_iso(const char *s, size_t len, struct ns_datetime *out,
		 const char **why)
{
	return dt_parse(s, len, DT_ISO, out, why);
}
