/*
 * fieldval: validation and normalisation of the coded fields of a contact
 * log (FORMATS.md section 5): need status, channel, language, age group,
 * gender, unmet reason, referral count.
 *
 * Every function takes s[0..len) (not NUL-terminated), forgives case,
 * surrounding blanks and inner runs of blanks (for the word fields, '-'
 * and '_' count as blanks: "walk_in", "Non-Binary"), and on success points
 * *canon at a static canonical string.  On failure it returns NS_EDATA and
 * sets *why to a static English phrase.  A blank value is reported by
 * returning 0 with *canon == NULL (the caller decides whether blank is
 * allowed).
 */
#ifndef NEEDSTAT_FIELDVAL_H
#define NEEDSTAT_FIELDVAL_H

#include <stddef.h>

/* met, unmet, partial ("partially met", "partly met" accepted), and
 * unrecorded (requests-only exports).  */
int fv_status(const char *s, size_t len, const char **canon, const char **why);

/* phone, text, chat, email, web, walk-in, other; synonyms: telephone, call,
 * voice -> phone; sms -> text; e-mail -> email; webchat -> chat;
 * "walk in", walkin, in-person -> walk-in. */
int fv_channel(const char *s, size_t len, const char **canon, const char **why);

/* ISO 639-1 code (two letters, returned lower case, from a table of the
 * codes in ISO 639-1), an ISO 639-2/3 code of a common language mapped to
 * its 639-1 code (eng -> en, fra/fre -> fr, spa -> es, ara, zho/chi, pan,
 * iku, ...), or an English or French name with or without accents
 * ("French", "Français", "francais" -> fr; "Inuktitut" -> iu); sign
 * languages (ASL, LSQ, "sign language") -> "sgn" (ISO 639-2); a locale tag
 * "en-CA"/"fr_CA" gives its language; "other" and "unknown" (autre,
 * inconnu) are kept as such.  A name with non-ASCII letters is folded with
 * utf8proc, which allocates: the one slow path. */
int fv_language(const char *s, size_t len, const char **canon,
		const char **why);

/* age bands: "N-M" with 0 <= N <= M <= 120 (returned normalised, e.g.
 * "18-24"), "N+" (e.g. "65+"), "unknown"; "under 18"/"<18" -> "0-17". The
 * canonical string is written into buf (size >= 16) and *canon points to
 * it (or to static "unknown").  Also "N to M", "N and over", "N years";
 * failures: "is not an age group", "age out of range (0..120)", "age range
 * is reversed". */
int fv_age_group(const char *s, size_t len, char *buf, size_t size,
		 const char **canon, const char **why);

/* woman, man, non-binary, unknown; synonyms: female/f/w -> woman,
 * male/m -> man, nonbinary/non binary/two-spirit/other gender -> non-binary,
 * "prefer not to say"/declined/not asked -> unknown. */
int fv_gender(const char *s, size_t len, const char **canon, const char **why);

/* no_service, ineligible, waitlist, funds_exhausted, capacity, cost,
 * declined, other; synonyms: "service does not exist", "no service
 * available" -> no_service; "not eligible" -> ineligible; "wait list",
 * "waiting list" -> waitlist; "funds exhausted", "no funds" ->
 * funds_exhausted; "no capacity", "full" -> capacity; "too expensive",
 * "cannot afford" -> cost; "client declined", refused -> declined. */
int fv_reason(const char *s, size_t len, const char **canon, const char **why);

/*
 * fv_count: a non-negative integer 0..max (digits only, surrounding blanks
 * allowed) into *value.  Returns 0, NS_EDATA ("is not a non-negative
 * integer", "is too large").  Blank: returns 0 with *value = -1.
 */
int fv_count(const char *s, size_t len, long max, long *value,
	     const char **why);

#endif
