/*
 * render_page: the HTML page shell around one or more table fragments
 * (render.h): doctype, <html lang>, a head with charset, viewport, title
 * and the one stylesheet, and the body.  `--format html` writes a table
 * inside it; the dashboard writes several.  The stylesheet styles the
 * fragment's class names, so a page needs no other file.
 */
#include <errno.h>
#include <string.h>

#include "render_int.h"

/* Kept small and plain: system fonts, no colours that carry meaning
 * alone, and print rules so a funder's printout looks like the screen. */
static const char page_css[] =
	"body { font-family: system-ui, -apple-system, \"Segoe UI\", "
	"Roboto, sans-serif; color: #1b1b1b; background: #fff;\n"
	"  margin: 2rem auto; max-width: 72rem; padding: 0 1rem; "
	"line-height: 1.4; }\n"
	"table.needstat { border-collapse: collapse; margin: 1.5rem 0 0.5rem; "
	"font-size: 0.95rem; }\n"
	"table.needstat caption { caption-side: top; text-align: left; "
	"font-size: 1.3rem; font-weight: bold;\n"
	"  padding-bottom: 0.6rem; }\n"
	"table.needstat caption .subtitle { font-size: 1rem; "
	"font-weight: normal; color: #444; }\n"
	"table.needstat th, table.needstat td { padding: 0.3rem 0.7rem; "
	"text-align: left; vertical-align: top;\n"
	"  border-bottom: 1px solid #d6d6d6; }\n"
	"table.needstat thead th { position: sticky; top: 0; z-index: 1; "
	"background: #e4ebf2;\n"
	"  border-bottom: 2px solid #4a4a4a; vertical-align: bottom; }\n"
	"table.needstat .num { text-align: right; "
	"font-variant-numeric: tabular-nums; }\n"
	"table.needstat td.num { white-space: nowrap; }\n"
	"table.needstat tbody tr:nth-child(even) { background: #f4f6f8; }\n"
	"table.needstat tbody th { font-weight: normal; min-width: 12em; }\n"
	"table.needstat tr.total th, table.needstat tr.total td { "
	"font-weight: bold; border-top: 2px solid #4a4a4a; }\n"
	"table.needstat .suppressed { color: #595959; }\n"
	"table.needstat .marker { font-size: 0.75em; vertical-align: super; "
	"margin-left: 0.15em; }\n"
	"table.needstat .unit { font-weight: normal; color: #444; }\n"
	"ul.notes { font-size: 0.85rem; color: #333; margin: 0.5rem 0 1.5rem; "
	"padding-left: 1.2rem; max-width: 60rem; }\n"
	"@media print {\n"
	"  body { margin: 0; max-width: none; font-size: 10pt; }\n"
	"  table.needstat { font-size: 9pt; }\n"
	"  table.needstat thead { display: table-header-group; }\n"
	"  table.needstat thead th { position: static; }\n"
	"  table.needstat tr { break-inside: avoid; }\n"
	"  table.needstat thead th, table.needstat tbody tr:nth-child(even) {\n"
	"    -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"  ul.notes { break-inside: avoid; }\n"
	"}\n";

const char *render_page_css(void)
{
	return page_css;
}

void ro_page_open(struct rout *o, const char *title, int lang,
		  const char *css_href)
{
	ro_puts(o, "<!DOCTYPE html>\n<html lang=\"");
	ro_puts(o, nf_lang_code(lang));
	ro_puts(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<title>");
	ro_put_esc(o, title ? title : "", ro_esc_html);
	ro_puts(o, "</title>\n");
	if (css_href) {
		ro_puts(o, "<link rel=\"stylesheet\" href=\"");
		ro_put_esc(o, css_href, ro_esc_html);
		ro_puts(o, "\">\n");
	} else {
		ro_puts(o, "<style>\n");
		ro_puts(o, page_css);
		ro_puts(o, "</style>\n");
	}
	ro_puts(o, "</head>\n<body>\n<main>\n");
}

void ro_page_close(struct rout *o)
{
	ro_puts(o, "</main>\n</body>\n</html>\n");
}

/* page_finish: flush and report a failure of the page shell. */
static int page_finish(struct rout *o, struct nserr *err)
{
	errno = 0;
	if (!o->failed && (fflush(o->f) != 0 || ferror(o->f))) {
		o->failed = 1;
		o->err = errno ? errno : EIO;
	}
	if (!o->failed)
		return 0;
	return nserr_set(err, NS_EIO, "cannot write HTML page: %s",
			 strerror(o->err));
}

int render_page_open(FILE *out, const char *title, int lang,
		     const char *css_href, struct nserr *err)
{
	struct rout o;

	if (lang != NS_EN && lang != NS_FR)
		return nserr_set(err, NS_EUSAGE, "invalid language %d", lang);
	if (!out)
		return nserr_set(err, NS_EUSAGE, "render_page_open: no output");
	ro_init(&o, out);
	ro_page_open(&o, title, lang, css_href);
	return page_finish(&o, err);
}

int render_page_close(FILE *out, struct nserr *err)
{
	struct rout o;

	if (!out)
		return nserr_set(err, NS_EUSAGE, "render_page_close: no output");
	ro_init(&o, out);
	ro_page_close(&o);
	return page_finish(&o, err);
}
