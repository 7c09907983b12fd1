/*
 * report_describe: a report's own help, from its metadata only: title,
 * description, the filters and parameters it accepts, and its glossary
 * (each column with what it counts), in English or French.  This is what
 * `needstat-report --describe REPORT` prints; nothing in it is written
 * per report in C, so a report added by an analyst describes itself.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "report_int.h"
#include "core/typo.h"

#define WRAP 76
#define FR_COLON TYPO_NBSP ":"

/* lang_or_en: s[lang] when given, else the English text. */
static const char *lang_or_en(const char *const *s, int lang)
{
	return s[lang] ? s[lang] : s[NS_EN];
}

/* wrapped: text in lines of at most WRAP columns (bytes), each line
 * starting with `indent` blanks; French typography in French. */
static void wrapped(FILE *out, const char *text, int indent, int lang)
{
	char buf[2048];
	const char *p = text, *sp, *brk;
	size_t width = WRAP - (size_t)indent;

	if (lang == NS_FR) {
		typo_fr(buf, sizeof buf, text);
		p = buf;
	}
	while (*p) {
		while (*p == ' ')
			p++;
		if (strlen(p) <= width) {
			fprintf(out, "%*s%s\n", indent, "", p);
			return;
		}
		brk = NULL;
		for (sp = p; *sp && (size_t)(sp - p) <= width; sp++)
			if (*sp == ' ')
				brk = sp;
		if (!brk)
			brk = strchr(p + width, ' ');
		if (!brk) {
			fprintf(out, "%*s%s\n", indent, "", p);
			return;
		}
		fprintf(out, "%*s%.*s\n", indent, "", (int)(brk - p), p);
		p = brk + 1;
	}
}

int report_uses(const struct report *r, const char *name)
{
	const char *s = r->sql;
	size_t n = strlen(name);
	char q;

	while (*s) {
		if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
		} else if (*s == '\'' || *s == '"') {
			for (q = *s++; *s && *s != q; s++)
				;
			if (*s)
				s++;
		} else if (*s == ':' && strncmp(s + 1, name, n) == 0 &&
			   !(isalnum((unsigned char)s[n + 1]) || s[n + 1] == '_')) {
			return 1;
		} else {
			s++;
		}
	}
	return 0;
}

static void params(const struct report *r, int lang, FILE *out)
{
	static const char *const type[] = { "INT", "NUMBER", "TEXT" };
	const struct report_param *q;
	size_t k;

	for (k = 0; k < r->nparams; k++) {
		q = &r->params[k];
		fprintf(out, "  -p %s=%s (%s %s%s)\n", q->name, type[q->type],
			lang ? "par d\xc3\xa9" "faut" FR_COLON : "default:",
			q->default_sql ? (lang ? "selon les donn\xc3\xa9" "es, "
			"sinon " : "from the data, else ") : "",
			q->def ? q->def : "-");
		if (q->about[NS_EN])
			wrapped(out, lang_or_en(q->about, lang), 6, lang);
		if (q->values_sql)
			wrapped(out, lang ? "Valeurs accept\xc3\xa9" "es : celles "
				"de la base (une valeur refus\xc3\xa9" "e les "
				"\xc3\xa9" "num\xc3\xa8re)." : "Accepted values: "
				"those of the database (a refused value lists "
				"them).", 6, lang);
	}
}

int report_describe(const struct report *r, int lang, FILE *out)
{
	const struct report_colspec *c;
	size_t i;

	if (lang != NS_FR)
		lang = NS_EN;
	fprintf(out, "%s \xe2\x80\x94 %s\n\n", r->id,
		lang_or_en(r->title, lang));
	if (r->about[NS_EN]) {
		wrapped(out, lang_or_en(r->about, lang), 0, lang);
		fputc('\n', out);
	}
	fprintf(out, "%s%s%s%s\n", lang ? "Filtres" FR_COLON " une p\xc3\xa9"
		"riode" : "Filters: a period", report_uses(r, "region") ?
		", --region" : "", report_uses(r, "category") ? ", --category"
		: "", lang ? TYPO_NNBSP "; les autres sont refus\xc3\xa9s." :
		"; others are refused.");
	if (r->nparams) {
		fprintf(out, "\n%s\n", lang ? "Param\xc3\xa8tres" FR_COLON :
			"Parameters:");
		params(r, lang, out);
	}
	fprintf(out, "\n%s\n", lang ? "Glossaire (colonnes)" FR_COLON :
		"Glossary (columns):");
	for (i = 0; i < r->ncols; i++) {
		c = &r->cols[i];
		fprintf(out, "  %s\n", c->label[NS_EN] ? lang_or_en(c->label,
			lang) : c->name);
		wrapped(out, c->meaning[NS_EN] ? lang_or_en(c->meaning, lang)
			: lang ? "(non d\xc3\xa9" "crite)" : "(not described)", 6,
			lang);
	}
	return ferror(out) ? NS_EIO : 0;
}
