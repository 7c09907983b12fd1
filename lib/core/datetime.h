/*
 * datetime: strict parsing of the dates and date-times found in contact logs.
 *
 * Canonical logs use ISO 8601; vendor exports (through profiles) use
 * US or day-first forms with 12-hour clocks and zone abbreviations.  Every
 * parser is strict: a value is accepted only if the whole text matches the
 * form and names a real calendar instant (no 2024-02-30, no 25:00).
 */
#ifndef NEEDSTAT_DATETIME_H
#define NEEDSTAT_DATETIME_H

#include <stddef.h>
#include <stdint.h>

struct ns_datetime {
	int year, month, day;   /* calendar date as written (local) */
	int hour, min, sec;     /* local clock time; 0 when has_time == 0 */
	int has_time;           /* 1 when a time of day was given */
	int has_offset;         /* 1 when a UTC offset, Z or zone was given */
	int offset_min;         /* minutes east of UTC (-300 for -05:00) */
};

/* The forms a profile may list for a column, tried in order. */
enum dt_form {
	DT_ISO,      /* YYYY-MM-DD, YYYY-MM-DD[T ]HH:MM[:SS[.f+]][Z|+-HH[:MM]|+-HHMM] */
	DT_MDY,      /* MM/DD/YYYY [HH:MM[:SS[.f+]]] [AM|PM] [ZONE] */
	DT_DMY,      /* DD/MM/YYYY [HH:MM[:SS[.f+]]] [AM|PM] [ZONE] */
	DT_YMD       /* YYYY/MM/DD or YYYY-MM-DD [HH:MM[:SS[.f+]]] [AM|PM] [ZONE] */
};

/*
 * dt_parse: parse s[0..len) (not NUL-terminated; leading and trailing
 * blanks allowed) in the given form into *out.  In the non-ISO forms the
 * month and day may have one or two digits, the hour one or two digits; a
 * 12-hour clock (AM/PM, any case) needs an hour 1..12; a trailing zone is
 * an abbreviation (UTC, GMT, Z, NST/NDT, AST/ADT, EST/EDT, CST/CDT,
 * MST/MDT, PST/PDT, AKST/AKDT, HST) or an ISO offset.
 * Years have four digits (0001..9999); seconds are 0..59 (no leap
 * second); fractional seconds are dropped; DT_ISO allows 'T', 't' or one
 * space before the time and no blank before the offset.
 * Returns 0 on success, NS_EDATA on failure with *why set to a static
 * English phrase ("is empty", "is not a date", "month out of range",
 * "day out of range for the month", "hour out of range", "is not a time",
 * "unknown time zone", "offset out of range", "trailing characters after
 * the time", ...).  *out is unspecified on failure.
 */
int dt_parse(const char *s, size_t len, enum dt_form form,
	     struct ns_datetime *out, const char **why);

/* dt_parse_iso: dt_parse(s, len, DT_ISO, out, why). */
int dt_parse_iso(const char *s, size_t len, struct ns_datetime *out,
		 const char **why);

/* dt_days_in_month: 28..31 for a valid month of year y, 0 otherwise. */
int dt_days_in_month(int y, int m);

/*
 * dt_days_from_civil: days since 1970-01-01 of the proleptic Gregorian
 * date y-m-d (negative before 1970).
 */
int64_t dt_days_from_civil(int y, int m, int d);

/*
 * dt_epoch: UTC seconds since the epoch of *d.  Without an offset the local
 * time is taken as UTC (callers store has_offset beside it).
 */
int64_t dt_epoch(const struct ns_datetime *d);

/*
 * dt_format_local: write the local date-time as "YYYY-MM-DD HH:MM:SS" (or
 * "YYYY-MM-DD" without a time) into buf (at least 20 bytes).  Returns the
 * length written, or 0 (buf set to "" when size > 0) when buf is too small.
 */
int dt_format_local(const struct ns_datetime *d, char *buf, size_t size);

/*
 * dt_zone_offset: offset in minutes east of UTC for a zone abbreviation
 * (case-insensitive, s[0..len)).  Returns 0 and sets *minutes on success,
 * NS_EDATA if the abbreviation is unknown.
 */
int dt_zone_offset(const char *s, size_t len, int *minutes);

#endif
