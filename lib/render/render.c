/*
 * render: the entry point that picks a renderer for a format, the format
 * names, and the helpers the renderers share (render_int.h): checked
 * writes, escaping UTF-8 walker, display widths.
 */
#include "render.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <utf8proc.h>

#include "render_int.h"

static const char *const fmt_names[] = { "text", "csv", "md", "json",
					 "html" };
static const char *const fmt_exts[] = { "txt", "csv", "md", "json", "html" };
#define NFMT (sizeof fmt_names / sizeof fmt_names[0])

int render_format_parse(const char *name)
{
	size_t i;

	if (!name)
		return NS_EUSAGE;
	if (strcmp(name, "txt") == 0)
		return RENDER_TEXT;
	if (strcmp(name, "markdown") == 0)
		return RENDER_MD;
	for (i = 0; i < NFMT; i++)
		if (strcmp(name, fmt_names[i]) == 0)
			return (int)i;
	return NS_EUSAGE;
}

const char *render_format_name(enum render_format fmt)
{
	return (size_t)fmt < NFMT ? fmt_names[fmt] : "";
}

const char *render_format_ext(enum render_format fmt)
{
	return (size_t)fmt < NFMT ? fmt_exts[fmt] : "";
}

int render_table(const struct table *t, enum render_format fmt, int lang,
		 FILE *out, struct nserr *err)
{
	return render_table_flags(t, fmt, lang, 0, out, err);
}

int render_table_flags(const struct table *t, enum render_format fmt,
		       int lang, unsigned flags, FILE *out,
		       struct nserr *err)
{
	if (flags & ~(unsigned)RENDER_FRAGMENT)
		return nserr_set(err, NS_EUSAGE, "invalid render flags %#x",
				 flags);
	if (lang != NS_EN && lang != NS_FR)
		return nserr_set(err, NS_EUSAGE, "invalid language %d", lang);
	if (!t || !out)
		return nserr_set(err, NS_EUSAGE, "render_table: no table or "
				 "output");
	switch (fmt) {
	case RENDER_TEXT: return render_text(t, lang, out, err);
	case RENDER_CSV: return render_csv(t, lang, out, err);
	case RENDER_MD: return render_md(t, lang, out, err);
	case RENDER_JSON: return render_json(t, lang, out, err);
	case RENDER_HTML: return render_html(t, lang, flags, out, err);
	}
	return nserr_set(err, NS_EUSAGE, "invalid output format %d", (int)fmt);
}

void ro_init(struct rout *o, FILE *f)
{
	o->f = f;
	o->failed = 0;
	o->err = 0;
}

static void fail(struct rout *o)
{
	if (!o->failed) {
		o->failed = 1;
		o->err = errno ? errno : EIO;
	}
}

void ro_put(struct rout *o, const char *s, size_t n)
{
	if (o->failed || n == 0)
		return;
	errno = 0;
	if (fwrite(s, 1, n, o->f) != n)
		fail(o);
}

void ro_puts(struct rout *o, const char *s)
{
	ro_put(o, s, strlen(s));
}

void ro_spaces(struct rout *o, size_t n)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;

		ro_put(o, sp, k);
		n -= k;
	}
}

void ro_printf(struct rout *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->failed)
		return;
	errno = 0;
	va_start(ap, fmt);
	n = vfprintf(o->f, fmt, ap);
	va_end(ap);
	if (n < 0)
		fail(o);
}

int ro_is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* next_cp: decode the code point at s; returns its length in bytes (1
 * for an invalid byte, whose *cp is U+FFFD). */
static size_t next_cp(const char *s, int32_t *cp)
{
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
	if (n <= 0 || *cp < 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

void ro_put_esc(struct rout *o, const char *s,
		const char *(*esc)(int32_t cp, const char *next, char *tmp))
{
	char tmp[16];
	const char *rep, *run = s;
	int32_t cp;
	size_t n;

	while (*s) {
		n = next_cp(s, &cp);
		rep = esc(cp, s + n, tmp);
		if (rep || (cp == 0xFFFD && n == 1)) {
			ro_put(o, run, (size_t)(s - run));
			ro_puts(o, rep ? rep : "\xEF\xBF\xBD");
			run = s + n;
		}
		s += n;
	}
	ro_put(o, run, (size_t)(s - run));
}

const char *ro_esc_clean(int32_t cp, const char *next, char *tmp)
{
	(void)next;
	(void)tmp;
	return ro_is_control(cp) ? " " : NULL;
}

size_t ro_width(const char *s)
{
	size_t w = 0;
	int32_t cp;
	int cw;

	while (*s) {
		s += next_cp(s, &cp);
		cw = ro_is_control(cp) ? 1 : utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
	}
	return w;
}

int ro_finish(struct rout *o, const struct table *t, const char *format,
	      struct nserr *err)
{
	errno = 0;
	if (!o->failed && (fflush(o->f) != 0 || ferror(o->f)))
		fail(o);
	if (!o->failed)
		return 0;
	return nserr_set(err, NS_EIO, "cannot write %s table '%s': %s", format,
			 table_id(t), strerror(o->err));
}
