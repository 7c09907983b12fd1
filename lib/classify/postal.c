/*
 * postal: classification of Canadian postal codes and US ZIP codes.
 *
 * A value is reduced to what needstat may store: the FSA (first three
 * characters) of a Canadian code, or the 5-digit ZIP.  The province comes
 * from the FSA's first letter; the US state of a ZIP from the USPS 3-digit
 * prefix ranges.  Hand-written ASCII scanner: no allocation, no locale.
 */
#include "postal.h"

#include <string.h>

#include "core/nserr.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char up(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int invalid(struct postal *out, const char **why, const char *msg)
{
	out->kind = POSTAL_INVALID;
	out->key[0] = out->province[0] = '\0';
	out->rural = 0;
	if (why)
		*why = msg;
	return NS_EDATA;
}

const char *postal_province_of_letter(char c)
{
	switch (up(c)) {
	case 'A': return "NL";
	case 'B': return "NS";
	case 'C': return "PE";
	case 'E': return "NB";
	case 'G': case 'H': case 'J': return "QC";
	case 'K': case 'L': case 'M': case 'N': case 'P': return "ON";
	case 'R': return "MB";
	case 'S': return "SK";
	case 'T': return "AB";
	case 'V': return "BC";
	case 'Y': return "YT";
	}
	return NULL;   /* X (NT or NU) and letters not in use */
}

/* Canadian: check p[0..n) (starts letter digit letter): FSA, optional
 * separator and LDU.  Returns 0 or NS_EDATA via invalid(). */
static int check_ca(const char *p, size_t n, struct postal *out,
		    const char **why)
{
	const char *end = p + n;

	if (!strchr("ABCEGHJKLMNPRSTVXY", up(p[0])))
		return invalid(out, why,
			       "first letter is not used in Canadian postal codes");
	if (strchr("DFIOQU", up(p[2])))
		return invalid(out, why,
			       "third character is not used in Canadian postal codes");
	p += 3;
	if (p == end)
		return 0;
	while (p < end && is_blank(*p))
		p++;
	if (p < end && (*p == '-' || *p == ','))
		p++;
	while (p < end && is_blank(*p))
		p++;
	if (end - p != 3 || !is_digit(p[0]) || !is_upper(up(p[1])) ||
	    !is_digit(p[2]))
		return invalid(out, why, "is not a postal code or ZIP");
	return 0;
}

int postal_parse(const char *s, size_t len, struct postal *out,
		 const char **why)
{
	const char *end = s + len;
	const char *prov;
	size_t n;

	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	n = (size_t)(end - s);
	out->key[0] = out->province[0] = '\0';
	out->rural = 0;
	if (n == 0) {
		out->kind = POSTAL_BLANK;
		return 0;
	}
	if (n >= 3 && is_upper(up(s[0])) && is_digit(s[1]) &&
	    is_upper(up(s[2]))) {
		int rc = check_ca(s, n, out, why);

		if (rc != 0)
			return rc;
		out->key[0] = up(s[0]);
		out->key[1] = s[1];
		out->key[2] = up(s[2]);
		out->key[3] = '\0';
		out->kind = POSTAL_CA;
		prov = postal_province_of_letter(s[0]);
		if (prov)
			memcpy(out->province, prov, 3);
		out->rural = s[1] == '0';
		return 0;
	}
	if ((n == 5 || (n == 10 && s[5] == '-')) &&
	    is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]) && is_digit(s[4]) &&
	    (n == 5 || (is_digit(s[6]) && is_digit(s[7]) &&
			is_digit(s[8]) && is_digit(s[9])))) {
		out->kind = POSTAL_US;
		memcpy(out->key, s, 5);
		out->key[5] = '\0';
		return 0;
	}
	return invalid(out, why, "is not a postal code or ZIP");
}

/* USPS 3-digit ZIP prefix ranges, sorted; gaps are unassigned. */
static const struct {
	short lo, hi;
	char st[3];
} zip3[] = {
	{5, 5, "NY"}, {6, 7, "PR"}, {8, 8, "VI"}, {9, 9, "PR"},
	{10, 27, "MA"}, {28, 29, "RI"}, {30, 38, "NH"}, {39, 49, "ME"},
	{50, 54, "VT"}, {55, 55, "MA"}, {56, 59, "VT"}, {60, 69, "CT"},
	{70, 89, "NJ"}, {90, 98, "AE"}, {100, 149, "NY"}, {150, 196, "PA"},
	{197, 199, "DE"}, {200, 200, "DC"}, {201, 201, "VA"},
	{202, 205, "DC"}, {206, 219, "MD"}, {220, 246, "VA"},
	{247, 268, "WV"}, {270, 289, "NC"}, {290, 299, "SC"},
	{300, 319, "GA"}, {320, 339, "FL"}, {340, 340, "AA"},
	{341, 349, "FL"}, {350, 369, "AL"}, {370, 385, "TN"},
	{386, 397, "MS"}, {398, 399, "GA"}, {400, 427, "KY"},
	{430, 459, "OH"}, {460, 479, "IN"}, {480, 499, "MI"},
	{500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"},
	{570, 577, "SD"}, {580, 588, "ND"}, {590, 599, "MT"},
	{600, 629, "IL"}, {630, 658, "MO"}, {660, 679, "KS"},
	{680, 693, "NE"}, {700, 714, "LA"}, {716, 729, "AR"},
	{730, 732, "OK"}, {733, 733, "TX"}, {734, 749, "OK"},
	{750, 799, "TX"}, {800, 816, "CO"}, {820, 831, "WY"},
	{832, 838, "ID"}, {840, 847, "UT"}, {850, 865, "AZ"},
	{870, 884, "NM"}, {885, 885, "TX"}, {889, 898, "NV"},
	{900, 961, "CA"}, {962, 966, "AP"}, {967, 968, "HI"},
	{969, 969, "GU"}, {970, 979, "OR"}, {980, 994, "WA"},
	{995, 999, "AK"},
};

const char *postal_us_state(const char *zip5)
{
	size_t lo = 0, hi = sizeof zip3 / sizeof zip3[0];
	int i, v = 0;

	for (i = 0; i < 5; i++)
		if (!is_digit(zip5[i]))
			return NULL;
	v = (zip5[0] - '0') * 100 + (zip5[1] - '0') * 10 + (zip5[2] - '0');
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v < zip3[mid].lo)
			hi = mid;
		else if (v > zip3[mid].hi)
			lo = mid + 1;
		else
			return zip3[mid].st;
	}
	return NULL;
}
