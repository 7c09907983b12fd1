/*
 * typo: French typography for running text (see typo.h).
 */
#include <string.h>

#include "numfmt.h"
#include "typo.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	size_t room = o->len < o->size ? o->size - o->len - 1 : 0;

	if (o->size)
		memcpy(o->buf + o->len, s, n < room ? n : room);
	o->len += n;
}

/* space_len: the length of the blank at s (ASCII space, U+00A0 or
 * U+202F), 0 if none. */
static size_t space_len(const char *s)
{
	if (s[0] == ' ')
		return 1;
	if (strncmp(s, TYPO_NBSP, 2) == 0)
		return 2;
	if (strncmp(s, TYPO_NNBSP, 3) == 0)
		return 3;
	return 0;
}

/* closes: what may follow punctuation that gets a space before it. */
static int closes(const char *s)
{
	return !*s || space_len(s) || *s == '\n' || *s == ')' || *s == '"' ||
	       strncmp(s, "\xc2\xbb", 2) == 0;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* group_sep: s is U+00A0 between a digit (before) and exactly three
 * digits: a thousands separator written with a no-break space. */
static int group_sep(const char *start, const char *s)
{
	return s > start && digit(s[-1]) && strncmp(s, TYPO_NBSP, 2) == 0 &&
	       digit(s[2]) && digit(s[3]) && digit(s[4]) && !digit(s[5]);
}

/* trim_space: drop the blank just written before punctuation. */
static void trim_space(struct out *o, const char *src, const char *s)
{
	size_t n;

	for (n = 3; n >= 1; n--)
		if ((size_t)(s - src) >= n && space_len(s - n) == n &&
		    o->len >= n) {
			o->len -= n;
			return;
		}
}

size_t typo_fr(char *buf, size_t size, const char *src)
{
	struct out o = { buf, size, 0 };
	const char *s = src;

	for (; *s; s++) {
		if ((*s == ';' || *s == '?' || *s == '!' || *s == ':') &&
		    s > src && closes(s + 1) && !(s[-1] == *s)) {
			trim_space(&o, src, s);
			put(&o, *s == ':' ? TYPO_NBSP : TYPO_NNBSP,
			    *s == ':' ? 2 : 3);
			put(&o, s, 1);
		} else if (strncmp(s, "\xc2\xab", 2) == 0) {
			put(&o, s, 2);
			s += 2;
			s += space_len(s);
			put(&o, TYPO_NNBSP, 3);
			s--;
		} else if (strncmp(s, "\xc2\xbb", 2) == 0) {
			trim_space(&o, src, s);
			put(&o, TYPO_NNBSP, 3);
			put(&o, s, 2);
			s++;
		} else if (group_sep(src, s)) {
			put(&o, TYPO_NNBSP, 3);
			s++;
		} else {
			put(&o, s, 1);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int typo_count(char *buf, size_t size, int64_t v, int lang)
{
	return nf_int(buf, size, v, lang, NF_UNICODE);
}
