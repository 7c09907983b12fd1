/*
 * numfmt: locale-independent number, date and period formatting in
 * English, French and machine styles (see numfmt.h).
 *
 * Numbers: "%.*f" with 20 extra places gives the digits of the exact
 * binary value (whatever the decimal point of the C locale); the digits
 * are then rounded half away from zero and re-assembled with the
 * separators of the style.  20 extra places suffice to tell an exact tie
 * from a near one: a double that is not a tie differs from it by more
 * than 1e-17 of the rounding unit.
 */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nserr.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define EXTRA_PLACES 20

/* An snprintf-like output: counts everything, stores what fits. */
struct out {
	char *buf;
	size_t size, len;
};

static void out_init(struct out *o, char *buf, size_t size)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	if (size)
		buf[0] = '\0';
}

static void put(struct out *o, const char *s, size_t n)
{
	if (o->size && o->len < o->size - 1) {
		size_t room = o->size - 1 - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void putnum(struct out *o, const char *fmt, int v)
{
	char tmp[16];
	int n = snprintf(tmp, sizeof tmp, fmt, v);

	if (n > 0)
		put(o, tmp, (size_t)n);
}

static int out_end(struct out *o)
{
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
	return (int)o->len;
}

static int bad(char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	return NS_EUSAGE;
}

static int valid_lang(int lang)
{
	return lang == NS_EN || lang == NS_FR;
}

int nf_lang_parse(const char *s)
{
	char a, b;

	if (!s || !s[0] || !s[1])
		return NS_EUSAGE;
	a = (char)(s[0] | 0x20);
	b = (char)(s[1] | 0x20);
	if (s[2] != '\0' && s[2] != '_' && s[2] != '-' && s[2] != '.')
		return NS_EUSAGE;
	if (a == 'e' && b == 'n')
		return NS_EN;
	if (a == 'f' && b == 'r')
		return NS_FR;
	return NS_EUSAGE;
}

const char *nf_lang_code(int lang)
{
	return lang == NS_EN ? "en" : lang == NS_FR ? "fr" : NULL;
}

/*
 * emit: write sign, the integer digits ip[0..ni) grouped, and the
 * fraction fp[0..nf) with the separators of lang/st, then suffix.
 */
static void emit(struct out *o, int neg, const char *ip, size_t ni,
		 const char *fp, size_t nf, int lang, enum nf_style st)
{
	const char *group = "", *point = ".";
	size_t i;

	if (st != NF_MACHINE) {
		group = lang == NS_FR ? (st == NF_UNICODE ? NNBSP : " ") : ",";
		point = lang == NS_FR ? "," : ".";
	}
	if (neg)
		put(o, "-", 1);
	for (i = 0; i < ni; i++) {
		if (i > 0 && (ni - i) % 3 == 0)
			puts_(o, group);
		put(o, ip + i, 1);
	}
	if (nf) {
		puts_(o, point);
		put(o, fp, nf);
	}
}

int nf_int(char *buf, size_t size, int64_t v, int lang, enum nf_style st)
{
	char digits[24];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = sizeof digits;
	struct out o;

	if (!valid_lang(lang))
		return bad(buf, size);
	out_init(&o, buf, size);
	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	emit(&o, v < 0, digits + n, sizeof digits - n, NULL, 0, lang, st);
	return out_end(&o);
}

/*
 * fixed: format fabs(v) rounded to dec places as digit strings:
 * dig[0..*ni) integer part then dec fraction digits.  Returns 0, or -1
 * if the "%f" output was not understood.
 */
static int fixed(double v, int dec, char *dig, size_t cap, size_t *ni)
{
	char tmp[512];
	size_t i = 0, n = 0, nint, nfrac = 0, k;
	int len = snprintf(tmp, sizeof tmp, "%.*f", dec + EXTRA_PLACES, fabs(v));

	if (len <= 0 || (size_t)len >= sizeof tmp)
		return -1;
	dig[n++] = '0';         /* room for a carry */
	for (; tmp[i] >= '0' && tmp[i] <= '9' && n < cap; i++)
		dig[n++] = tmp[i];
	nint = n;
	while (tmp[i] && (tmp[i] < '0' || tmp[i] > '9'))
		i++;            /* the decimal point, whatever it is */
	for (; tmp[i] >= '0' && tmp[i] <= '9' && nfrac < (size_t)dec + 1
	     && n < cap; i++, nfrac++)
		dig[n++] = tmp[i];
	if (nfrac != (size_t)dec + 1)
		return -1;
	n--;                    /* drop the first discarded digit ... */
	if (dig[n] >= '5') {    /* ... rounding half away from zero */
		for (k = n; k-- > 0;) {
			if (dig[k] != '9') {
				dig[k]++;
				break;
			}
			dig[k] = '0';
		}
	}
	/* strip leading zeros of the integer part, keeping one */
	for (k = 0; k + 1 < nint && dig[k] == '0'; k++)
		;
	memmove(dig, dig + k, n - k);
	*ni = nint - k;
	return 0;
}

static int real_suffix(char *buf, size_t size, double v, int decimals,
		       int lang, enum nf_style st, const char *suffix)
{
	char dig[NF_BUFSZ];
	size_t ni, i, nd;
	int neg = 0;
	struct out o;

	if (!valid_lang(lang))
		return bad(buf, size);
	out_init(&o, buf, size);
	if (!isfinite(v))
		return out_end(&o);
	if (decimals < 0)
		decimals = 0;
	if (decimals > NF_MAX_DECIMALS)
		decimals = NF_MAX_DECIMALS;
	if (fixed(v, decimals, dig, sizeof dig, &ni) < 0)
		return out_end(&o);
	nd = ni + (size_t)decimals;
	if (v < 0)
		for (i = 0; i < nd; i++)
			if (dig[i] != '0')
				neg = 1;
	emit(&o, neg, dig, ni, dig + ni, (size_t)decimals, lang, st);
	puts_(&o, suffix);
	return out_end(&o);
}

int nf_real(char *buf, size_t size, double v, int decimals, int lang,
	    enum nf_style st)
{
	return real_suffix(buf, size, v, decimals, lang, st, "");
}

int nf_percent(char *buf, size_t size, double share, int decimals, int lang,
	       enum nf_style st)
{
	const char *suffix = "%";

	if (lang == NS_FR && st == NF_TEXT)
		suffix = NBSP "%";
	else if (lang == NS_FR && st == NF_UNICODE)
		suffix = NNBSP "%";
	return real_suffix(buf, size, share * 100.0, decimals, lang, st,
			   suffix);
}

/*
 * sig_places: the decimal places that show |v| with at least minsig
 * significant digits (after rounding), or decimals if more.
 */
static int sig_places(double v, int decimals, int minsig)
{
	char tmp[64];
	const char *e;
	long ex;
	int n;

	if (v == 0.0 || minsig < 1 || minsig > 17)
		return decimals;
	n = snprintf(tmp, sizeof tmp, "%.*e", minsig - 1, fabs(v));
	if (n <= 0 || (size_t)n >= sizeof tmp || !(e = strchr(tmp, 'e')))
		return decimals;
	ex = strtol(e + 1, NULL, 10);
	if (minsig - 1 - ex > decimals)
		return (int)(minsig - 1 - ex);
	return decimals;
}

int nf_real_sig(char *buf, size_t size, double v, int decimals, int minsig,
		int lang, enum nf_style st)
{
	if (isfinite(v))
		decimals = sig_places(v, decimals, minsig);
	return real_suffix(buf, size, v, decimals, lang, st, "");
}

int nf_percent_sig(char *buf, size_t size, double share, int decimals,
		   int minsig, int lang, enum nf_style st)
{
	if (isfinite(share))
		decimals = sig_places(share * 100.0, decimals, minsig);
	return nf_percent(buf, size, share, decimals, lang, st);
}

/*
 * shortest: the fewest significant digits (1..17) that read back as v,
 * as the digit string dig (no point, no sign) and the decimal exponent of
 * its first digit.  Returns the number of digits, or 0.
 */
static int shortest(double v, char *dig, long *ex)
{
	char tmp[64], *e;
	int p, n, k = 0, i;

	for (p = 1; p <= 17; p++) {
		n = snprintf(tmp, sizeof tmp, "%.*e", p - 1, fabs(v));
		if (n <= 0 || (size_t)n >= sizeof tmp)
			return 0;
		if (strtod(tmp, NULL) == fabs(v))
			break;
	}
	if (p > 17 || !(e = strchr(tmp, 'e')))
		return 0;
	*ex = strtol(e + 1, NULL, 10);
	for (i = 0; tmp + i < e; i++)
		if (tmp[i] >= '0' && tmp[i] <= '9')
			dig[k++] = tmp[i];
	while (k > 1 && dig[k - 1] == '0')
		k--;
	dig[k] = '\0';
	return k;
}

int nf_real_exact(char *buf, size_t size, double v)
{
	char dig[32];
	long ex, i;
	int n;
	struct out o;

	out_init(&o, buf, size);
	if (!isfinite(v))
		return out_end(&o);
	if (v == 0.0) {
		put(&o, "0", 1);
		return out_end(&o);
	}
	if (!(n = shortest(v, dig, &ex)))
		return out_end(&o);
	if (v < 0)
		put(&o, "-", 1);
	if (ex < -20 || ex > 20) {  /* 1.5e-25: still a number */
		put(&o, dig, 1);
		if (n > 1) {
			put(&o, ".", 1);
			put(&o, dig + 1, (size_t)n - 1);
		}
		putnum(&o, "e%d", (int)ex);
	} else if (ex < 0) {
		put(&o, "0.", 2);
		for (i = -1; i > ex; i--)
			put(&o, "0", 1);
		put(&o, dig, (size_t)n);
	} else {
		for (i = 0; i <= ex; i++)
			put(&o, i < n ? dig + i : "0", 1);
		if (n > ex + 1) {
			put(&o, ".", 1);
			put(&o, dig + ex + 1, (size_t)(n - ex - 1));
		}
	}
	return out_end(&o);
}

/* ---- dates ---- */

static const char *const month_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const month_fr[12] = {
	"janvier", "f\xc3\xa9vrier", "mars", "avril", "mai", "juin",
	"juillet", "ao\xc3\xbbt", "septembre", "octobre", "novembre",
	"d\xc3\xa9" "cembre"
};
static const char *const mon_en[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};
static const char *const mon_fr[12] = {
	"janv.", "f\xc3\xa9vr.", "mars", "avr.", "mai", "juin", "juil.",
	"ao\xc3\xbbt", "sept.", "oct.", "nov.", "d\xc3\xa9" "c."
};

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return dm[m - 1] + (m == 2 && leap);
}

static int valid_ym(int y, int m)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12;
}

static int valid_ymd(int y, int m, int d)
{
	return valid_ym(y, m) && d >= 1 && d <= days_in_month(y, m);
}

static void put_date(struct out *o, int y, int m, int d, int lang,
		     enum nf_style st)
{
	if (st == NF_MACHINE) {
		putnum(o, "%04d", y);
		putnum(o, "-%02d", m);
		putnum(o, "-%02d", d);
	} else if (lang == NS_FR) {
		putnum(o, "%d", d);
		puts_(o, d == 1 ? "er " : " ");
		puts_(o, month_fr[m - 1]);
		putnum(o, " %d", y);
	} else {
		puts_(o, month_en[m - 1]);
		putnum(o, " %d", d);
		putnum(o, ", %d", y);
	}
}

static void put_month(struct out *o, int y, int m, int lang,
		      enum nf_style st, int long_form)
{
	const char *const *names;

	if (st == NF_MACHINE) {
		putnum(o, "%04d", y);
		putnum(o, "-%02d", m);
		return;
	}
	if (lang == NS_FR)
		names = long_form ? month_fr : mon_fr;
	else
		names = long_form ? month_en : mon_en;
	puts_(o, names[m - 1]);
	putnum(o, " %d", y);
}

int nf_date(char *buf, size_t size, int y, int m, int d, int lang,
	    enum nf_style st)
{
	struct out o;

	if (!valid_lang(lang) || !valid_ymd(y, m, d))
		return bad(buf, size);
	out_init(&o, buf, size);
	put_date(&o, y, m, d, lang, st);
	return out_end(&o);
}

static int month_common(char *buf, size_t size, int y, int m, int lang,
			enum nf_style st, int long_form)
{
	struct out o;

	if (!valid_lang(lang) || !valid_ym(y, m))
		return bad(buf, size);
	out_init(&o, buf, size);
	put_month(&o, y, m, lang, st, long_form);
	return out_end(&o);
}

int nf_month(char *buf, size_t size, int y, int m, int lang,
	     enum nf_style st)
{
	return month_common(buf, size, y, m, lang, st, 0);
}

int nf_month_long(char *buf, size_t size, int y, int m, int lang,
		  enum nf_style st)
{
	return month_common(buf, size, y, m, lang, st, 1);
}

static void put_fiscal(struct out *o, int y, int lang, enum nf_style st)
{
	if (st != NF_MACHINE)
		puts_(o, lang == NS_FR ? "exercice " : "fiscal year ");
	putnum(o, "%d", y);
	if (st == NF_MACHINE || lang == NS_FR || (y + 1) / 100 != y / 100)
		putnum(o, "-%d", y + 1);
	else
		putnum(o, "-%02d", (y + 1) % 100);
}

int nf_fiscal_year(char *buf, size_t size, int start_year, int lang,
		   enum nf_style st)
{
	struct out o;

	if (!valid_lang(lang) || start_year < 1 || start_year > 9998)
		return bad(buf, size);
	out_init(&o, buf, size);
	put_fiscal(&o, start_year, lang, st);
	return out_end(&o);
}

static long ymd_key(const struct nf_ymd *a)
{
	return (long)a->y * 10000L + a->m * 100L + a->d;
}

/* "de", or "d'" before a vowel (avril, août, octobre). */
static const char *fr_de(int m)
{
	return (m == 4 || m == 8 || m == 10) ? "d'" : "de ";
}

/* put_month_range: whole months from..to (from->d == 1, to at month end). */
static void put_month_range(struct out *o, const struct nf_ymd *f,
			    const struct nf_ymd *t, int lang)
{
	const char *const *names = lang == NS_FR ? month_fr : month_en;

	if (lang == NS_FR)
		puts_(o, fr_de(f->m));
	puts_(o, names[f->m - 1]);
	if (f->y != t->y)
		putnum(o, " %d", f->y);
	puts_(o, lang == NS_FR ? " \xc3\xa0 " : " to ");
	puts_(o, names[t->m - 1]);
	putnum(o, " %d", t->y);
}

int nf_period(char *buf, size_t size, const struct nf_ymd *from,
	      const struct nf_ymd *to, int fy_start_month, int lang,
	      enum nf_style st)
{
	int whole, fy = fy_start_month;
	struct out o;

	if (!valid_lang(lang) || !from || !to
	    || !valid_ymd(from->y, from->m, from->d)
	    || !valid_ymd(to->y, to->m, to->d) || ymd_key(from) > ymd_key(to)
	    || fy < 0 || fy > 12)
		return bad(buf, size);
	out_init(&o, buf, size);
	whole = from->d == 1 && to->d == days_in_month(to->y, to->m);
	if (st == NF_MACHINE) {
		put_date(&o, from->y, from->m, from->d, lang, st);
		put(&o, "/", 1);
		put_date(&o, to->y, to->m, to->d, lang, st);
	} else if (ymd_key(from) == ymd_key(to)) {
		put_date(&o, from->y, from->m, from->d, lang, st);
	} else if (whole && from->y == to->y && from->m == to->m) {
		put_month(&o, from->y, from->m, lang, st, 1);
	} else if (whole && from->y == to->y && from->m == 1 && to->m == 12) {
		putnum(&o, "%d", from->y);
	} else if (whole && fy > 1 && from->m == fy && to->y == from->y + 1
		   && to->m == fy - 1) {
		put_fiscal(&o, from->y, lang, st);
	} else if (whole) {
		put_month_range(&o, from, to, lang);
	} else {
		if (lang == NS_FR)
			puts_(&o, "du ");
		put_date(&o, from->y, from->m, from->d, lang, st);
		puts_(&o, lang == NS_FR ? " au " : " to ");
		put_date(&o, to->y, to->m, to->d, lang, st);
	}
	return out_end(&o);
}

static int digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int nf_parse_iso(const char *s, struct nf_ymd *out)
{
	struct nf_ymd r = { 0, 0, 0 };
	size_t n = s ? strlen(s) : 0;

	if ((n != 7 && n != 10) || !digits(s, 4, &r.y) || s[4] != '-'
	    || !digits(s + 5, 2, &r.m) || !valid_ym(r.y, r.m))
		return NS_EDATA;
	if (n == 10 && (s[7] != '-' || !digits(s + 8, 2, &r.d)
			|| !valid_ymd(r.y, r.m, r.d)))
		return NS_EDATA;
	*out = r;
	return n == 10 ? 3 : 2;
}

int nf_iso_label(char *buf, size_t size, const char *s, int lang,
		 enum nf_style st)
{
	struct nf_ymd d;
	struct out o;
	int k;

	if (!valid_lang(lang) || !s)
		return bad(buf, size);
	k = nf_parse_iso(s, &d);
	if (st == NF_MACHINE || k < 0) {
		out_init(&o, buf, size);
		puts_(&o, s);
		return out_end(&o);
	}
	if (k == 3)
		return nf_date(buf, size, d.y, d.m, d.d, lang, st);
	return nf_month(buf, size, d.y, d.m, lang, st);
}
