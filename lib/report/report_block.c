/*
 * report_block: cutting the metadata block that opens a report file into
 * "key: value" entries.
 *
 * The block is the run of "--" comment lines (and blank lines) before the
 * first SQL line.  A metadata line is "-- key: value" (key [a-z][a-z0-9_.]*,
 * a blank or the end after the colon); a line starting "--" and three or
 * more spaces, right after a metadata line, continues its value (joined
 * with one space); other comment lines are free text.  A UTF-8 BOM is
 * skipped.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/*
 * add_entry: a metadata line "key: value" (rest points after "--" and the
 * blanks); returns 1 when it is one (appended to *es), 0 when it is free
 * text, -1 when out of memory.
 */
static int add_entry(const char *rest, size_t len, int line,
		     struct report_entry **es, size_t *n, size_t *cap)
{
	size_t k = 0, vlen;
	const char *val;
	struct report_entry *e;

	if (len == 0 || !islower((unsigned char)rest[0]))
		return 0;
	while (k < len && (islower((unsigned char)rest[k]) ||
			   isdigit((unsigned char)rest[k]) ||
			   rest[k] == '_' || rest[k] == '.'))
		k++;
	if (k == len || rest[k] != ':' ||
	    (k + 1 < len && rest[k + 1] != ' ' && rest[k + 1] != '\t'))
		return 0;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		struct report_entry *ne = realloc(*es, nc * sizeof *ne);

		if (!ne)
			return -1;
		*es = ne;
		*cap = nc;
	}
	e = &(*es)[*n];
	val = rest + k + 1;
	vlen = len - k - 1;
	e->key = malloc(k + 1);
	e->val = malloc(vlen + 1);
	if (!e->key || !e->val) {
		free(e->key);
		free(e->val);
		return -1;
	}
	memcpy(e->key, rest, k);
	e->key[k] = '\0';
	memcpy(e->val, val, vlen);
	e->val[vlen] = '\0';
	e->line = line;
	(*n)++;
	return 1;
}

/* append_cont: a continuation line joins the last value with a space. */
static int append_cont(struct report_entry *e, const char *rest, size_t len)
{
	size_t old = strlen(e->val);
	char *nv = realloc(e->val, old + len + 2);

	if (!nv)
		return -1;
	nv[old] = ' ';
	memcpy(nv + old + 1, rest, len);
	nv[old + 1 + len] = '\0';
	e->val = nv;
	return 0;
}

int report_block_read(const char *text, struct report_entry **es, size_t *n)
{
	const char *p = text, *eol, *rest;
	size_t cap = 0, len, sp;
	int line = 0, in_meta = 0, rc;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		line++;
		len = (size_t)(eol - p);
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
			       p[len - 1] == '\t'))
			len--;
		if (len == 0) {
			in_meta = 0;
			continue;
		}
		if (len < 2 || p[0] != '-' || p[1] != '-')
			break;
		for (sp = 2; sp < len && (p[sp] == ' ' || p[sp] == '\t'); sp++)
			;
		rest = p + sp;
		if (in_meta && sp >= 5 && sp < len) {
			if (append_cont(&(*es)[*n - 1], rest, len - sp))
				goto nomem;
			continue;
		}
		rc = add_entry(rest, len - sp, line, es, n, &cap);
		if (rc < 0)
			goto nomem;
		in_meta = rc;
	}
	return 0;
nomem:
	report_block_free(*es, *n);
	*es = NULL;
	*n = 0;
	return NS_ENOMEM;
}

void report_block_free(struct report_entry *es, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(es[i].key);
		free(es[i].val);
	}
	free(es);
}

