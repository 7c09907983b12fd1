/*
 * period: parsing the period options into whole-month ranges and labelling
 * them (see period.h).  Parsing is strict: digits where digits belong, no
 * blanks, real months and days.
 */
#include <stdio.h>
#include <string.h>

#include "period.h"

void period_init(struct period *p)
{
	p->from = 0;
	p->to = 0;
}

/* digits: s[0..n) all digits; *v gets their value. */
static int digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int year_ok(int y)
{
	return y >= PERIOD_YEAR_MIN && y <= PERIOD_YEAR_MAX;
}

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
				 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* parse_ym: "YYYY-MM" at s[0..7) into *ym; returns 1 when valid. */
static int parse_ym(const char *s, int *ym)
{
	int y, m;

	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    !year_ok(y) || m < 1 || m > 12)
		return 0;
	*ym = y * 100 + m;
	return 1;
}

static int set(struct period *p, int from, int to)
{
	p->from = from;
	p->to = to;
	return 0;
}

int period_parse_month(const char *s, struct period *p, struct nserr *err)
{
	int ym;

	if (!s || strlen(s) != 7 || !parse_ym(s, &ym))
		return nserr_set(err, NS_EUSAGE, "month '%s' is not YYYY-MM",
				 s ? s : "");
	return set(p, ym, ym);
}

int period_parse_quarter(const char *s, struct period *p, struct nserr *err)
{
	int y, q;

	if (!s || strlen(s) != 7 || !digits(s, 4, &y) || !year_ok(y) ||
	    s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') ||
	    !digits(s + 6, 1, &q) || q < 1 || q > 4)
		return nserr_set(err, NS_EUSAGE, "quarter '%s' is not "
				 "YYYY-Qn (n 1 to 4)", s ? s : "");
	return set(p, y * 100 + 3 * q - 2, y * 100 + 3 * q);
}

/* parse_year: "YYYY" into *y, or NS_EUSAGE naming what. */
static int parse_year(const char *s, const char *what, int *y,
		      struct nserr *err)
{
	if (!s || strlen(s) != 4 || !digits(s, 4, y) || !year_ok(*y))
		return nserr_set(err, NS_EUSAGE, "%s '%s' is not a year "
				 "YYYY (%d to %d)", what, s ? s : "",
				 PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	return 0;
}

int period_parse_year(const char *s, struct period *p, struct nserr *err)
{
	int y = 0, rc = parse_year(s, "year", &y, err);

	return rc ? rc : set(p, y * 100 + 1, y * 100 + 12);
}

int period_parse_fiscal_year(const char *s, int start_month,
			     struct period *p, struct nserr *err)
{
	int y = 0, rc;

	if (start_month < 1 || start_month > 12)
		return nserr_set(err, NS_EUSAGE, "fiscal year start month %d "
				 "is not 1 to 12", start_month);
	rc = parse_year(s, "fiscal year", &y, err);
	if (rc)
		return rc;
	if (y == PERIOD_YEAR_MAX && start_month > 1)
		return nserr_set(err, NS_EUSAGE, "fiscal year '%s' ends after "
				 "%d", s, PERIOD_YEAR_MAX);
	return set(p, y * 100 + start_month,
		   period_month_add(y * 100 + start_month, 11));
}

/*
 * parse_end: one end of --from/--to: "YYYY-MM" or "YYYY-MM-DD" whose day
 * is the first (first != 0) or the last of its month.
 */
static int parse_end(const char *s, int first, int *ym, struct nserr *err)
{
	const char *opt = first ? "--from" : "--to";
	size_t n = strlen(s);
	int d, want;

	if ((n != 7 && n != 10) || !parse_ym(s, ym) ||
	    (n == 10 && (s[7] != '-' || !digits(s + 8, 2, &d))))
		return nserr_set(err, NS_EUSAGE, "%s '%s' is not a date "
				 "YYYY-MM-DD or a month YYYY-MM", opt, s);
	if (n == 7)
		return 0;
	want = first ? 1 : days_in(*ym / 100, *ym % 100);
	if (d < 1 || d > days_in(*ym / 100, *ym % 100))
		return nserr_set(err, NS_EUSAGE, "%s '%s': no such day", opt,
				 s);
	if (d != want)
		return nserr_set(err, NS_EUSAGE, "%s '%s': reports count whole "
				 "months, so %s must be the %s day of a month "
				 "(or give YYYY-MM)", opt, s, opt,
				 first ? "first" : "last");
	return 0;
}

int period_parse_range(const char *from, const char *to, struct period *p,
		       struct nserr *err)
{
	int f = 0, t = 0, rc;

	if (from && (rc = parse_end(from, 1, &f, err)) != 0)
		return rc;
	if (to && (rc = parse_end(to, 0, &t, err)) != 0)
		return rc;
	if (f && t && f > t)
		return nserr_set(err, NS_EUSAGE, "--from '%s' is after --to "
				 "'%s'", from, to);
	return set(p, f, t);
}

int period_month_add(int ym, int n)
{
	int k = (ym / 100) * 12 + (ym % 100 - 1) + n;

	return (k / 12) * 100 + k % 12 + 1;
}

int period_months(const struct period *p)
{
	if (!p->from || !p->to || p->from > p->to)
		return 0;
	return (p->to / 100 - p->from / 100) * 12 + p->to % 100 -
	       p->from % 100 + 1;
}

int period_dates(const struct period *p, char from[11], char to[11])
{
	int ty = p->to / 100, tm = p->to % 100;

	if (period_months(p) == 0)
		return NS_EUSAGE;
	if (snprintf(from, 11, "%04d-%02d-01", p->from / 100, p->from % 100)
	    != 10 || snprintf(to, 11, "%04d-%02d-%02d", ty, tm,
			      days_in(ty, tm)) != 10)
		return NS_EUSAGE;        /* a month out of range */
	return 0;
}

int period_label(const struct period *p, int fy_start, int lang,
		 enum nf_style st, char *buf, size_t size)
{
	struct nf_ymd f, t;

	if (period_months(p) == 0) {
		if (size)
			buf[0] = '\0';
		return NS_EUSAGE;
	}
	f.y = p->from / 100;
	f.m = p->from % 100;
	f.d = 1;
	t.y = p->to / 100;
	t.m = p->to % 100;
	t.d = days_in(t.y, t.m);
	return nf_period(buf, size, &f, &t, fy_start, lang, st);
}
