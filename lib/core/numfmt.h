/*
 * numfmt: numbers, percentages, dates and periods written for people (in
 * English or French) or for machines, without the C locale.
 *
 * needstat never calls setlocale(), and these functions would not depend
 * on it if a program did: digits are produced with "%f" and re-assembled
 * here, so the decimal point and the grouping always come from the style
 * and language asked for.
 *
 * Styles:
 *   NF_MACHINE  12345.6, -3, 0.123, 2024-04-01: "." decimal point, no
 *               grouping, ISO dates.  For CSV, JSON and file names.
 *   NF_TEXT     en 12,345.6  12.3%      fr 12 345,6  12,3 %
 *               French groups with an ASCII space and puts U+00A0
 *               (no-break space) before "%".  For terminals, Markdown.
 *   NF_UNICODE  en as NF_TEXT; fr groups with U+202F (narrow no-break
 *               space) and puts U+202F before "%" (as CLDR and browsers
 *               do).  For HTML (UTF-8 pages) and cairo/pango charts.
 * Negative numbers use an ASCII hyphen-minus in every style.  Rounding is
 * half away from zero on the exact binary value (2.5 -> 3, 0.125 -> 0.13
 * at 2 decimals), as spreadsheets display numbers.
 *
 * Every function writes a NUL-terminated string into buf[0..size) with
 * snprintf semantics: it returns the length of the whole text (excluding
 * the NUL) even when that did not fit, so `n >= size` means truncated.
 * NF_BUFSZ bytes hold any number these functions can produce.  Invalid
 * arguments (bad language, month 13, ...) write "" and return NS_EUSAGE.
 */
#ifndef NEEDSTAT_NUMFMT_H
#define NEEDSTAT_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Languages of every bilingual text in needstat; usable as array index. */
enum ns_lang {
	NS_EN = 0,
	NS_FR = 1
};
#define NS_NLANG 2

enum nf_style {
	NF_MACHINE = 0,
	NF_TEXT = 1,
	NF_UNICODE = 2
};

/* Decimals are clamped to 0..NF_MAX_DECIMALS. */
#define NF_MAX_DECIMALS 12
/* A buffer this size holds any formatted number or date. */
#define NF_BUFSZ 1024

/* A calendar date; d is 0 for a whole month. */
struct nf_ymd {
	int y, m, d;
};

/*
 * nf_lang_parse: the language named by s: "en", "fr", also "en_CA",
 * "fr-CA", "fr_CA.UTF-8", any case.  Returns NS_EN, NS_FR, or NS_EUSAGE.
 */
int nf_lang_parse(const char *s);

/* nf_lang_code: "en" or "fr" (NULL for an invalid language). */
const char *nf_lang_code(int lang);

/*
 * nf_int: an integer: 1234567 -> "1,234,567" (en), "1 234 567" (fr
 * text), "1234567" (machine).  Returns the text length (see above).
 */
int nf_int(char *buf, size_t size, int64_t v, int lang, enum nf_style st);

/*
 * nf_real: v rounded to `decimals` places (trailing zeros kept:
 * 2 -> "2.0" at 1 decimal).  NaN and infinities write "" and return 0:
 * callers treat them as missing values.  -0.04 at 1 decimal is "0.0".
 */
int nf_real(char *buf, size_t size, double v, int decimals, int lang,
	    enum nf_style st);

/*
 * nf_percent: a proportion shown as a percentage: 0.1234 at 1 decimal ->
 * "12.3%" (en, machine), "12,3 %" (fr; the space is U+00A0 in NF_TEXT,
 * U+202F in NF_UNICODE).  `decimals` counts places of the percentage.
 * Non-finite values as nf_real.
 */
int nf_percent(char *buf, size_t size, double share, int decimals, int lang,
	       enum nf_style st);

/*
 * nf_real_sig / nf_percent_sig: nf_real and nf_percent with at least
 * minsig (1..17) significant digits: more places than `decimals` when
 * the value is small, so that a small rate is never shown as 0.0
 * (0.00412 at 1 decimal, minsig 3 -> "0.00412"; 1.2345 -> "1.23";
 * 12.345 -> "12.3"; 1234.5 -> "1,234.5"; 0 -> "0.0").  Places stay at
 * most NF_MAX_DECIMALS.
 */
int nf_real_sig(char *buf, size_t size, double v, int decimals, int minsig,
		int lang, enum nf_style st);
int nf_percent_sig(char *buf, size_t size, double share, int decimals,
		   int minsig, int lang, enum nf_style st);

/*
 * nf_real_exact: v for machines, with the fewest digits that read back
 * (strtod) as exactly v: "0.1", "2.997019180922758", "250000" (an
 * integral value has no point), "-0.00412"; plain decimal notation for
 * exponents -20..20, else "1.5e-25".  -0 is "0".  NaN and infinities
 * write "" and return 0.
 */
int nf_real_exact(char *buf, size_t size, double v);

/*
 * nf_date: machine "2024-04-01"; en "April 1, 2024"; fr "1er avril 2024",
 * "2 avril 2024" (month names in lower case).  Years 1..9999; the date
 * must exist (no February 30).
 */
int nf_date(char *buf, size_t size, int y, int m, int d, int lang,
	    enum nf_style st);

/* nf_month: machine "2024-04"; en "Apr 2024"; fr "avr. 2024" (CLDR
 * abbreviations: janv. févr. mars avr. mai juin juil. août sept. oct.
 * nov. déc.). */
int nf_month(char *buf, size_t size, int y, int m, int lang,
	     enum nf_style st);

/* nf_month_long: machine "2024-04"; en "April 2024"; fr "avril 2024". */
int nf_month_long(char *buf, size_t size, int y, int m, int lang,
		  enum nf_style st);

/*
 * nf_fiscal_year: the fiscal year that starts in start_year: en "fiscal
 * year 2024-25" ("fiscal year 1999-2000" across a century), fr
 * "exercice 2024-2025", machine "2024-2025".
 */
int nf_fiscal_year(char *buf, size_t size, int start_year, int lang,
		   enum nf_style st);

/*
 * nf_period: a label for the inclusive period from..to (both full dates),
 * the most compact that is exact:
 *   one day          April 1, 2024           | 1er avril 2024
 *   one month        April 2024              | avril 2024
 *   a calendar year  2024                    | 2024
 *   a fiscal year    fiscal year 2024-25     | exercice 2024-2025
 *                    (fy_start_month 2..12 is its first month; 0 or 1:
 *                    no fiscal years)
 *   whole months     April to June 2024      | d'avril à juin 2024
 *                    November 2024 to February 2025
 *                                            | de novembre 2024 à février 2025
 *   otherwise        April 3, 2024 to June 30, 2024
 *                                            | du 3 avril 2024 au 30 juin 2024
 * Machine style: "2024-04-01/2025-03-31" (ISO 8601 interval).  Returns
 * NS_EUSAGE for an invalid date or from after to.
 */
int nf_period(char *buf, size_t size, const struct nf_ymd *from,
	      const struct nf_ymd *to, int fy_start_month, int lang,
	      enum nf_style st);

/*
 * nf_parse_iso: parse "YYYY-MM-DD" (returns 3) or "YYYY-MM" (returns 2,
 * out->d = 0) exactly, the date existing; NS_EDATA otherwise.
 */
int nf_parse_iso(const char *s, struct nf_ymd *out);

/*
 * nf_iso_label: people label of an ISO date or month text (nf_date or
 * nf_month); in NF_MACHINE style, or when s does not parse, s is copied
 * unchanged.
 */
int nf_iso_label(char *buf, size_t size, const char *s, int lang,
		 enum nf_style st);

#endif
