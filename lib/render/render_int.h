/*
 * render_int: helpers shared by the renderers (render_*.c) and nothing
 * else -- a FILE writer that remembers its first failure, a UTF-8 walker
 * that lets each format escape code points its own way, text widths, and
 * the HTML escaping and page shell render_html shares with render_page.
 */
#ifndef NEEDSTAT_RENDER_INT_H
#define NEEDSTAT_RENDER_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "render.h"

/* An output stream: once a write fails, later writes are skipped. */
struct rout {
	FILE *f;
	int failed;
	int err;                    /* errno of the first failure */
};

void ro_init(struct rout *o, FILE *f);

/* ro_put / ro_puts: write n bytes / a string. */
void ro_put(struct rout *o, const char *s, size_t n);
void ro_puts(struct rout *o, const char *s);

/* ro_spaces: write n spaces. */
void ro_spaces(struct rout *o, size_t n);

/* ro_printf: formatted write. */
void ro_printf(struct rout *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * ro_put_esc: write the UTF-8 text s, calling esc for each code point
 * (invalid bytes arrive as U+FFFD, one byte each).  esc gets the code
 * point and the text after it, and returns the replacement to write, or
 * NULL to write the code point itself.  tmp (16 bytes) is scratch space
 * esc may format a replacement into.
 */
void ro_put_esc(struct rout *o, const char *s,
		const char *(*esc)(int32_t cp, const char *next, char *tmp));

/* ro_is_control: C0 controls, DEL and C1 controls. */
int ro_is_control(int32_t cp);

/* ro_esc_clean: the esc for plain text: controls become a space. */
const char *ro_esc_clean(int32_t cp, const char *next, char *tmp);

/* ro_width: terminal columns of s as ro_esc_clean writes it (a control
 * or invalid byte counts 1, combining marks 0, wide characters 2). */
size_t ro_width(const char *s);

/*
 * ro_finish: flush o and report a failure as NS_EIO in err, naming the
 * format and the table id.  Returns 0 or NS_EIO.
 */
int ro_finish(struct rout *o, const struct table *t, const char *format,
	      struct nserr *err);

/* One renderer per format: the contract of render_table(). */
int render_text(const struct table *t, int lang, FILE *out,
		struct nserr *err);
int render_csv(const struct table *t, int lang, FILE *out,
	       struct nserr *err);
int render_md(const struct table *t, int lang, FILE *out,
	      struct nserr *err);
int render_json(const struct table *t, int lang, FILE *out,
		struct nserr *err);
int render_html(const struct table *t, int lang, unsigned flags,
		FILE *out, struct nserr *err);

/* ro_esc_html: the esc for HTML text and attribute values (render_html.c):
 * & < > " ' as references, controls other than tab and newline as a
 * space. */
const char *ro_esc_html(int32_t cp, const char *next, char *tmp);

/* ro_page_open / ro_page_close: the page shell of render_page_open() and
 * render_page_close() written to o (render_page.c). */
void ro_page_open(struct rout *o, const char *title, int lang,
		  const char *css_href);
void ro_page_close(struct rout *o);

#endif
