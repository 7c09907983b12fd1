/*
 * profile_xform: a column's rewrite rules (trim, case, patterns, pad)
 * parsed from a profile and applied to each value, in that order, before
 * the column's value map.  Patterns are POSIX extended regular
 * expressions (regcomp/regexec from libc) matched on bytes, as the tools
 * run in the C locale; case is changed per code point with utf8proc.
 */
#include "profile_xform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define PX_DELIMITERS "/|#!,:@~%"

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Copy rule text up to the unescaped delimiter d into out; a backslash
 * before d stands for d when unesc_delim.  Returns the end or NULL. */
static const char *part(const char *p, char d, char *out, size_t size,
			int unesc_delim)
{
	size_t n = 0;

	while (*p && *p != d) {
		char c = *p++;
		if (c == '\\' && *p == d && unesc_delim)
			c = *p++;
		else if (c == '\\' && *p) {
			if (n + 2 >= size)
				return NULL;
			out[n++] = c;
			c = *p++;
		}
		if (n + 1 >= size)
			return NULL;
		out[n++] = c;
	}
	out[n] = '\0';
	return *p == d ? p : NULL;
}

/* Check a replacement's escapes against the regex's groups. */
static int check_repl(const char *r, size_t ngroups, char *why, size_t wsize)
{
	for (; *r; r++) {
		if (*r != '\\')
			continue;
		r++;
		if (*r == '\\')
			continue;
		if (*r >= '0' && *r <= '9') {
			if ((size_t)(*r - '0') > ngroups)
				return snprintf(why, wsize, "the replacement "
					"names group \\%c but the pattern has %zu "
					"group%s", *r, ngroups, ngroups == 1 ? ""
					: "s"), -1;
			continue;
		}
		return snprintf(why, wsize, "'\\%s' in the replacement: write "
			"\\1 to \\9 for a group, \\0 for the whole match, \\\\ "
			"for a backslash", *r ? (char[]){*r, 0} : ""), -1;
	}
	return 0;
}

int px_pattern(const char *rule, struct ppattern *out, char *why,
	       size_t whysize)
{
	char re[512], repl[512];
	const char *p = rule, *end;
	size_t n = strlen(rule);
	char d;
	int flags = REG_EXTENDED, rc;

	memset(out, 0, sizeof *out);
	if (n >= 2 && rule[0] == '"' && rule[n - 1] == '"')
		p++, n -= 2;
	d = n ? *p : '\0';
	if (!d || !strchr(PX_DELIMITERS, d))
		return snprintf(why, whysize, "write a pattern as "
			"/REGEX/REPLACEMENT/ (such as /^([0-9]{4})$/0\\1/)"),
			NS_ECONFIG;
	if (!(end = part(p + 1, d, re, sizeof re, 1)) ||
	    !(end = part(end + 1, d, repl, sizeof repl, 1)))
		return snprintf(why, whysize, "the pattern needs three '%c' "
			"(/REGEX/REPLACEMENT/), at most 500 characters each",
			d), NS_ECONFIG;
	end++;
	if ((size_t)(end - p) < n) {
		if ((size_t)(end - p) + 1 != n || (*end != 'i' && *end != 'I'))
			return snprintf(why, whysize, "'%.*s' after the pattern"
				": the only flag is i (ignore case)",
				(int)(n - (size_t)(end - p)), end), NS_ECONFIG;
		flags |= REG_ICASE;
	}
	if (!*re)
		return snprintf(why, whysize, "the regular expression is "
				"empty"), NS_ECONFIG;
	if ((rc = regcomp(&out->re, re, flags)) != 0) {
		char msg[160];
		regerror(rc, &out->re, msg, sizeof msg);
		return snprintf(why, whysize, "'%s' is not a POSIX extended "
				"regular expression: %s", re, msg), NS_ECONFIG;
	}
	if (check_repl(repl, out->re.re_nsub, why, whysize) != 0) {
		regfree(&out->re);
		return NS_ECONFIG;
	}
	if (!(out->repl = dup_n(repl, strlen(repl))) ||
	    !(out->text = dup_n(p, n))) {
		regfree(&out->re);
		free(out->repl);
		out->repl = NULL;
		return NS_ENOMEM;
	}
	return 0;
}

void px_pattern_release(struct ppattern *pt)
{
	if (!pt->text)
		return;
	regfree(&pt->re);
	free(pt->repl);
	free(pt->text);
	memset(pt, 0, sizeof *pt);
}

int px_active(const struct pcol *c)
{
	return c->trim || c->casing != PCASE_KEEP || c->npat || c->pad;
}

static int reserve(char **b, size_t *cap, size_t need)
{
	char *n;

	if (need <= *cap)
		return 0;
	need = need < 128 ? 128 : need * 2;
	if (!(n = realloc(*b, need)))
		return NS_ENOMEM;
	*b = n;
	*cap = need;
	return 0;
}

static void swap(struct pxbuf *x)
{
	char *t = x->a;
	size_t c = x->ca;

	x->a = x->b;
	x->ca = x->cb;
	x->b = t;
	x->cb = c;
}

/* Length of the blank at s[0..len): space, tab or U+00A0 (0 if none). */
static size_t blank_at(const char *s, size_t len, int nbsp)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (nbsp && len >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Into xb->a: s trimmed (with trim: NBSP too, inner runs one space). */
static int copy_trimmed(const struct pcol *c, struct pxbuf *xb,
			const char *s, size_t len, size_t *out)
{
	size_t i = 0, n = 0, k;
	int gap = 0;

	if (reserve(&xb->a, &xb->ca, len + 1))
		return NS_ENOMEM;
	while (i < len) {
		if ((k = blank_at(s + i, len - i, c->trim)) != 0) {
			gap = 1;
			if (!c->trim && n)
				for (; k; k--)
					xb->a[n++] = s[i++];
			else
				i += k;
			continue;
		}
		if (gap && c->trim && n)
			xb->a[n++] = ' ';
		gap = 0;
		xb->a[n++] = s[i++];
	}
	while (!c->trim && n && (xb->a[n - 1] == ' ' || xb->a[n - 1] == '\t'))
		n--;
	xb->a[n] = '\0';
	*out = n;
	return 0;
}

/* Upper- or lower-case xb->a[0..*n) per code point (invalid UTF-8 kept). */
static int recase(const struct pcol *c, struct pxbuf *xb, size_t *n)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)xb->a;
	utf8proc_ssize_t i = 0, k;
	utf8proc_int32_t cp;
	size_t o = 0;

	if (reserve(&xb->b, &xb->cb, 4 * *n + 1))
		return NS_ENOMEM;
	while ((size_t)i < *n) {
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)*n - i, &cp);
		if (k <= 0)
			return 0;
		cp = c->casing == PCASE_UPPER ? utf8proc_toupper(cp)
					      : utf8proc_tolower(cp);
		o += (size_t)utf8proc_encode_char(cp,
			(utf8proc_uint8_t *)xb->b + o);
		i += k;
	}
	xb->b[o] = '\0';
	*n = o;
	swap(xb);
	return 0;
}

/* The first pattern that matches xb->a rewrites it. */
static int rewrite(const struct pcol *c, struct pxbuf *xb, size_t *n)
{
	regmatch_t m[10];
	int i;

	for (i = 0; i < c->npat; i++) {
		const struct ppattern *pt = &c->pat[i];
		const char *r;
		size_t o = 0, need;

		if (regexec(&pt->re, xb->a, 10, m, 0) != 0)
			continue;
		need = *n + 1;
		for (r = pt->repl; *r; r++)
			need += r[0] == '\\' && r[1] >= '0' && r[1] <= '9'
				? (size_t)(m[r[1] - '0'].rm_eo -
					   m[r[1] - '0'].rm_so) : 1;
		if (reserve(&xb->b, &xb->cb, need))
			return NS_ENOMEM;
		memcpy(xb->b, xb->a, (size_t)m[0].rm_so);
		o = (size_t)m[0].rm_so;
		for (r = pt->repl; *r; r++) {
			if (r[0] == '\\' && r[1] >= '0' && r[1] <= '9') {
				const regmatch_t *g = &m[r[1] - '0'];
				if (g->rm_so >= 0) {
					memcpy(xb->b + o, xb->a + g->rm_so,
					       (size_t)(g->rm_eo - g->rm_so));
					o += (size_t)(g->rm_eo - g->rm_so);
				}
				r++;
				continue;
			}
			if (r[0] == '\\' && r[1] == '\\')
				r++;
			xb->b[o++] = *r;
		}
		memcpy(xb->b + o, xb->a + m[0].rm_eo, *n - (size_t)m[0].rm_eo);
		o += *n - (size_t)m[0].rm_eo;
		xb->b[o] = '\0';
		*n = o;
		swap(xb);
		return 0;
	}
	return 0;
}

/* Digits shorter than the width get leading zeros. */
static int pad(const struct pcol *c, struct pxbuf *xb, size_t *n)
{
	size_t i, z;

	if (!*n || *n >= (size_t)c->pad)
		return 0;
	for (i = 0; i < *n; i++)
		if (xb->a[i] < '0' || xb->a[i] > '9')
			return 0;
	if (reserve(&xb->b, &xb->cb, (size_t)c->pad + 1))
		return NS_ENOMEM;
	z = (size_t)c->pad - *n;
	memset(xb->b, '0', z);
	memcpy(xb->b + z, xb->a, *n + 1);
	*n = (size_t)c->pad;
	swap(xb);
	return 0;
}

int px_apply(const struct pcol *c, struct pxbuf *xb, const char **v,
	     size_t *len)
{
	size_t n;

	if (!*v || !px_active(c))
		return 0;
	if (copy_trimmed(c, xb, *v, *len, &n) ||
	    (c->casing != PCASE_KEEP && recase(c, xb, &n)) ||
	    rewrite(c, xb, &n) || (c->pad && pad(c, xb, &n)))
		return NS_ENOMEM;
	*v = xb->a;
	*len = n;
	return 0;
}

void px_describe(const struct pcol *c, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	if (!px_active(c))
		return;
#define ADD(...) do { \
		int w_ = snprintf(buf + n, size - n, __VA_ARGS__); \
		if (w_ > 0 && (size_t)w_ < size - n) \
			n += (size_t)w_; \
	} while (0)
	ADD(" [");
	if (c->trim)
		ADD("trim");
	if (c->casing != PCASE_KEEP)
		ADD("%scase %s", c->trim ? ", " : "",
		    c->casing == PCASE_UPPER ? "upper" : "lower");
	for (i = 0; i < c->npat; i++)
		ADD("%spattern %s", n > 2 ? ", " : "", c->pat[i].text);
	if (c->pad)
		ADD("%spad %d", n > 2 ? ", " : "", c->pad);
	ADD("]");
#undef ADD
}

void px_release(struct pxbuf *xb)
{
	free(xb->a);
	free(xb->b);
	memset(xb, 0, sizeof *xb);
}
