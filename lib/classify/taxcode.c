/*
 * taxcode: parsing and normalisation of 211 / AIRS taxonomy codes.
 *
 * taxcode_parse works in two passes over a small stack buffer: the first
 * copies the text upper-cased and drops the blanks a person would forgive
 * (around '-', '.' and '*'), rejecting any other inner blank; the second
 * splits on '*' and checks each part against the code grammar.  No
 * allocation, no locale.
 */
#include "taxcode.h"

#include <string.h>

#include "core/nserr.h"

/* Longest normalised compound we look at (service + targets + '*'s). */
#define TAXCODE_TEXT_MAX 256

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return NS_EDATA;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_sep(char c)
{
	return c == '-' || c == '.' || c == '*';
}

static int is_section(char c)
{
	switch (c) {
	case 'B': case 'D': case 'F': case 'H': case 'J': case 'L':
	case 'N': case 'P': case 'R': case 'T': case 'Y':
		return 1;
	}
	return 0;
}

/*
 * One numeric segment: the separator sep, then minw..maxw digits.
 * Returns 1 when present and valid, 0 when absent (at end), NS_EDATA
 * otherwise with *why set.
 */
static int segment(const char **pp, const char *end, char sep, char alt,
		   int minw, int maxw, const char **why)
{
	const char *p = *pp, *d;

	if (p == end)
		return 0;
	if (*p != sep && *p != alt)
		return fail(why, "is not a taxonomy code");
	d = ++p;
	while (p < end && is_digit(*p))
		p++;
	if (p == d) {
		if (p != end)
			return fail(why, "is not a taxonomy code");
		return fail(why, sep == '.' ? "empty segment after '.'"
					   : "empty segment after '-'");
	}
	if (p < end && *p != '-' && *p != '.')
		return fail(why, "is not a taxonomy code");
	if (p - d < minw)
		return fail(why, "segment is too short");
	if (p - d > maxw)
		return fail(why, "segment is too long");
	*pp = p;
	return 1;
}

/*
 * Check one blank-free, case-exact code p[0..n) against the grammar.
 * Returns the level (1..6) or NS_EDATA with *why set.
 */
static int check_code(const char *p, size_t n, const char **why)
{
	/* level 6 is written "-10" or, as real exports do, ".10" */
	static const struct {
		char sep, alt;
		int minw, maxw;
	} segs[4] = {{'-', '-', 3, 4}, {'.', '.', 3, 4}, {'-', '-', 2, 3},
		     {'-', '.', 2, 2}};
	const char *end = p + n;
	int level, i, rc;
	char section;

	if (n == 0)
		return fail(why, "is empty");
	if (!(*p >= 'A' && *p <= 'Z'))
		return fail(why, "is not a taxonomy code");
	section = *p++;
	level = 1;
	if (p == end)
		goto out;
	if (!(*p >= 'A' && *p <= 'Z'))
		return fail(why, "is not a taxonomy code");
	p++;
	level = 2;
	for (i = 0; i < 4; i++) {
		rc = segment(&p, end, segs[i].sep, segs[i].alt, segs[i].minw,
			     segs[i].maxw, why);
		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		level++;
	}
	if (p != end)
		return fail(why, "is not a taxonomy code");
out:
	if (!is_section(section))
		return fail(why, "unknown taxonomy section");
	return level;
}

/*
 * Copy s[0..len) upper-cased into buf without forgivable blanks.
 * Returns the length, or NS_EDATA with *why set.
 */
static int normalise(const char *s, size_t len, char *buf, const char **why)
{
	const char *end = s + len;
	size_t n = 0;
	int blank = 0;

	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	if (s == end)
		return fail(why, "is empty");
	for (; s < end; s++) {
		char c = *s;

		if (is_blank(c)) {
			blank = 1;
			continue;
		}
		if (blank && !is_sep(c) && !is_sep(buf[n - 1]))
			return fail(why, "is not a taxonomy code");
		blank = 0;
		if (n + 1 >= TAXCODE_TEXT_MAX)
			return fail(why, "is too long");
		buf[n++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	buf[n] = '\0';
	return (int)n;
}

/* The normal form of a level-6 code: "-NN" ("RP-1400.8000-020.24" is
 * stored as "RP-1400.8000-020-24"). */
static void level6_dash(char *p, size_t n, int level)
{
	if (level == 6 && n > 3)
		p[n - 3] = '-';
}

/* Append the target t[0..n) to out->targets, " * " between targets. */
static int add_target(struct taxcode *out, const char *t, size_t n,
		      const char **why)
{
	size_t used = strlen(out->targets);
	size_t extra = n + (used ? 3 : 0);

	if (used + extra + 1 > sizeof out->targets)
		return fail(why, "too many targets");
	if (used) {
		memcpy(out->targets + used, " * ", 3);
		used += 3;
	}
	memcpy(out->targets + used, t, n);
	out->targets[used + n] = '\0';
	out->ntargets++;
	return 0;
}

int taxcode_parse(const char *s, size_t len, struct taxcode *out,
		  const char **why)
{
	char buf[TAXCODE_TEXT_MAX];
	const char *p, *star, *end;
	int n, level, rc;

	out->service[0] = out->targets[0] = '\0';
	out->level = out->ntargets = 0;
	if ((n = normalise(s, len, buf, why)) < 0)
		return n;
	end = buf + n;
	star = memchr(buf, '*', (size_t)n);
	if (!star)
		star = end;
	if (star == buf)
		return fail(why, "empty service code before '*'");
	if ((level = check_code(buf, (size_t)(star - buf), why)) < 0)
		return level;
	level6_dash(buf, (size_t)(star - buf), level);
	if (star - buf >= TAXCODE_MAX)
		return fail(why, "is too long");
	if (star < end && buf[0] == 'Y')
		return fail(why, "service code is a target population (Y) code");
	memcpy(out->service, buf, (size_t)(star - buf));
	out->service[star - buf] = '\0';
	out->level = level;
	while (star < end) {
		p = star + 1;
		star = memchr(p, '*', (size_t)(end - p));
		if (!star)
			star = end;
		if (star == p)
			return fail(why, "empty target after '*'");
		if ((rc = check_code(p, (size_t)(star - p), why)) < 0)
			return rc;
		level6_dash(buf + (p - buf), (size_t)(star - p), rc);
		if (*p != 'Y')
			return fail(why, "target is not a target population (Y) code");
		if ((rc = add_target(out, p, (size_t)(star - p), why)) != 0)
			return rc;
	}
	return 0;
}

int taxcode_check_prefix(const char *s, size_t len, const char **why)
{
	int rc = check_code(s, len, why);

	if (rc == 6 && s[len - 3] == '.')   /* stored codes use the dash */
		return fail(why, "level 6 must end in -NN, the form codes "
			    "are stored in");
	return rc < 0 ? rc : 0;
}

const char *taxcode_section_name(char letter, int fr)
{
	static const struct {
		char letter;
		const char *en, *fr;
	} sections[] = {
		{'B', "Basic Needs", "Besoins fondamentaux"},
		{'D', "Consumer Services", "Services aux consommateurs"},
		{'F', "Criminal Justice and Legal Services",
		 "Justice pénale et services juridiques"},
		{'H', "Education", "Éducation"},
		{'J', "Environment and Public Health/Safety",
		 "Environnement, santé et sécurité publiques"},
		{'L', "Health Care", "Soins de santé"},
		{'N', "Income Support and Employment",
		 "Soutien du revenu et emploi"},
		{'P', "Individual and Family Life",
		 "Vie individuelle et familiale"},
		{'R', "Mental Health and Substance Use Disorder Services",
		 "Santé mentale et troubles liés à l'usage de substances"},
		{'T', "Organizational/Community/International Services",
		 "Services organisationnels, communautaires et internationaux"},
		{'Y', "Target Populations", "Populations cibles"},
	};
	size_t i;

	if (letter >= 'a' && letter <= 'z')
		letter = (char)(letter - 'a' + 'A');
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (sections[i].letter == letter)
			return fr ? sections[i].fr : sections[i].en;
	return NULL;
}
