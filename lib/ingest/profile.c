/*
 * profile: loading a profile file: finding it (a path or a bundled name),
 * running libinih over its text with a line-counting reader (this inih
 * build gives the handler no line numbers), the checks that need the whole
 * profile, and freeing it.
 */
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_int.h"
#include "profile_value.h"
#include "profile_xform.h"

#define PROFILE_FILE_MAX (1 << 20)

int canon_col_of(const char *name, size_t len)
{
	char key[32];
	int c;

	if (pv_fold(name, len, key, sizeof key) <= 0)
		return -1;
	for (c = 0; c < CC_N; c++)
		if (strcmp(key, canon_names[c]) == 0)
			return c;
	return -1;
}

int profile_col_is_contact(int col)
{
	return col >= CC_CONTACT_ID && col <= CC_GENDER;
}

int pparse_fail(struct pparse *x, const char *section, const char *key,
		const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	if (x->rc)
		return 0;
	x->err_line = x->line;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (*section)
		x->rc = nserr_set(x->err, NS_ECONFIG, "%s:%d: [%s] %s: %s",
				  x->path, x->line, section, key, msg);
	else
		x->rc = nserr_set(x->err, NS_ECONFIG, "%s:%d: %s: %s", x->path,
				  x->line, key, msg);
	return 0;
}

/* inih's reader: one line of x->text per call, counting lines. */
static char *read_line(char *str, int num, void *stream)
{
	struct pparse *x = stream;
	const char *s = x->text + x->pos, *nl;
	size_t n;

	if (*s == '\0' || x->toolong)
		return NULL;
	nl = strchr(s, '\n');
	n = nl ? (size_t)(nl - s) + 1 : strlen(s);
	x->line++;
	if (n + 1 > (size_t)num) {
		x->toolong = 1;
		return NULL;
	}
	memcpy(str, s, n);
	str[n] = '\0';
	x->pos += n;
	return str;
}

/* What needs the whole profile: required columns, maps, the join. */
static int check_whole(struct pparse *x)
{
	struct profile *p = x->p;
	int c;

	if (p->has_columns) {
		static const int req[] = {CC_CONTACT_ID, CC_STARTED_AT,
					  CC_STATUS};
		size_t i;
		for (i = 0; i < sizeof req / sizeof req[0]; i++)
			if (!p->col[req[i]].expr.n)
				return nserr_set(x->err, NS_ECONFIG, "%s: [columns] "
					"does not map %s%s", x->path,
					canon_names[req[i]], req[i] == CC_STATUS
					? " (for an export that records requests"
					  " only, write need_status = "
					  "\"unrecorded\")" : req[i] ==
					CC_CONTACT_ID ? " (for an export without "
					"a contact id, write contact_id = @row "
					"for one contact per row, or a key from "
					"columns such as Date + Time + Line)"
					: "");
		if (!p->col[CC_CODE].expr.n && !p->col[CC_CATEGORY].expr.n)
			return nserr_set(x->err, NS_ECONFIG, "%s: [columns] maps"
				" neither need_code nor need_category", x->path);
		for (c = 0; c < CC_N; c++)
			if ((p->col[c].map || p->col[c].nforms ||
			     p->col[c].has_zone || p->col[c].split[0] ||
			     px_active(&p->col[c])) &&
			    !p->col[c].expr.n)
				return nserr_set(x->err, NS_ECONFIG, "%s:%d: [%s] "
					"%s is not mapped in [columns]", x->path,
					x->map_line[c], canon_names[c],
					canon_names[c]);
	}
	if (x->seen_side[0] != x->seen_side[1])
		return nserr_set(x->err, NS_ECONFIG, "%s: a two-file profile "
			"needs both [contacts] and [needs]", x->path);
	if (x->seen_side[0]) {
		int s;
		for (s = 0; s < 2; s++)
			if (!p->side[s].key)
				return nserr_set(x->err, NS_ECONFIG, "%s:%d: [%s] "
					"has no key (the column that joins the "
					"two files)", x->path, p->side[s].line,
					s ? "needs" : "contacts");
		if (!p->has_columns)
			return nserr_set(x->err, NS_ECONFIG, "%s: a two-file "
				"profile needs a [columns] section", x->path);
		p->join = 1;
	}
	return 0;
}

static void default_name(struct profile *p, const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".ini") == 0)
		n -= 4;
	if ((p->name = malloc(n + 1)) != NULL) {
		memcpy(p->name, b, n);
		p->name[n] = '\0';
	}
}

int profile_parse(const char *text, const char *path, struct profile **out,
		  struct nserr *err)
{
	struct pparse x;
	struct profile *p = calloc(1, sizeof *p);
	int rc, s;

	*out = NULL;
	if (!p || !(p->path = malloc(strlen(path) + 1))) {
		free(p);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	memcpy(p->path, path, strlen(path) + 1);
	for (s = 0; s < 2; s++)
		p->side[s].skip_lines = -1;
	memset(&x, 0, sizeof x);
	x.p = p;
	x.path = path;
	x.text = text;
	x.err = err;
	rc = ini_parse_stream(read_line, &x, pparse_key, &x);
	if (!x.rc && x.toolong)
		x.rc = nserr_set(err, NS_ECONFIG, "%s:%d: the line is too long "
				 "(at most 196 characters: continue a list on "
				 "an indented next line)", path, x.line);
	if (rc > 0 && (!x.rc || (x.err_line && rc < x.err_line)))
		x.rc = nserr_set(err, NS_ECONFIG, "%s:%d: not a [section] or a "
				 "'key = value' line", path, rc);
	if (!x.rc && rc < 0)
		x.rc = nserr_set(err, NS_ENOMEM, "out of memory");
	if (!x.rc)
		x.rc = check_whole(&x);
	if (!x.rc && !p->name)
		default_name(p, path);
	if (x.rc) {
		profile_free(p);
		return x.rc;
	}
	*out = p;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "canonical, icarol": the .ini files of dir, sorted, into buf. */
static void list_bundled(const char *dir, char *buf, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[64];
	size_t used = 0, n = 0, i;

	buf[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n < 64) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0 ||
		    !(names[n] = malloc(len - 3)))
			continue;
		memcpy(names[n], e->d_name, len - 4);
		names[n++][len - 4] = '\0';
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmp_str);
	for (i = 0; i < n; i++) {
		int k = snprintf(buf + used, size - used, "%s%s",
				 used ? ", " : "", names[i]);
		if (k > 0 && (size_t)k < size - used)
			used += (size_t)k;
		free(names[i]);
	}
}

static int read_text(const char *path, char **text, struct nserr *err)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	*text = NULL;
	if (!f)
		return errno;
	if (!(*text = malloc(PROFILE_FILE_MAX + 1))) {
		fclose(f);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	n = fread(*text, 1, PROFILE_FILE_MAX + 1, f);
	if (ferror(f) || n > PROFILE_FILE_MAX) {
		int bad = ferror(f);
		fclose(f);
		return nserr_set(err, bad ? NS_EIO : NS_ECONFIG, bad ?
			"cannot read profile '%s'" : "profile '%s' is larger "
			"than 1 MiB", path);
	}
	fclose(f);
	(*text)[n] = '\0';
	if (memchr(*text, '\0', n))
		return nserr_set(err, NS_ECONFIG, "profile '%s' holds a NUL "
				 "byte: is it a text file?", path);
	return 0;
}

int profile_load(const char *spec, const char *datadir, struct profile **out,
		 struct nserr *err)
{
	char path[4096], dir[4096], names[512];
	size_t n = strlen(spec);
	int is_path = strchr(spec, '/') || (n > 4 && !strcmp(spec + n - 4,
							      ".ini"));
	char *text = NULL;
	int rc;

	*out = NULL;
	if (!n)
		return nserr_set(err, NS_ECONFIG, "the profile name is empty");
	snprintf(dir, sizeof dir, "%s/profiles", datadir ? datadir : ".");
	if ((is_path ? snprintf(path, sizeof path, "%s", spec) :
	     snprintf(path, sizeof path, "%s/%s.ini", dir, spec)) >=
	    (int)sizeof path)
		return nserr_set(err, NS_ECONFIG, "profile path too long: "
				 "'%s'", spec);
	rc = read_text(path, &text, err);
	if (rc > 0 && is_path)
		rc = nserr_set(err, NS_ENOINPUT, "cannot open profile '%s': %s",
			       path, strerror(rc));
	else if (rc > 0) {
		list_bundled(dir, names, sizeof names);
		rc = nserr_set(err, NS_ECONFIG, "unknown profile '%s' (bundled:"
			" %s; or give the path of a profile file)", spec,
			names[0] ? names : "none found");
	}
	if (!rc)
		rc = profile_parse(text, path, out, err);
	free(text);
	return rc;
}

void profile_free(struct profile *p)
{
	size_t i;
	int c;

	if (!p)
		return;
	for (c = 0; c < CC_N; c++) {
		int k;
		pv_expr_release(&p->col[c].expr);
		for (k = 0; k < p->col[c].npat; k++)
			px_pattern_release(&p->col[c].pat[k]);
		if (p->col[c].map) {
			pmap_release(p->col[c].map);
			free(p->col[c].map);
		}
	}
	for (i = 0; i < p->ndrops; i++) {
		free(p->drops[i].header);
		pmap_release(&p->drops[i].values);
	}
	free(p->drops);
	free(p->side[0].key);
	free(p->side[1].key);
	free(p->need_id);
	free(p->name);
	free(p->description);
	free(p->path);
	free(p);
}

int profile_is_plain(const struct profile *p)
{
	int c;

	if (!p)
		return 1;
	if (p->has_columns || p->skip_lines || p->ndrops || p->need_id ||
	    p->drop_blank || p->drop_duplicates || p->join)
		return 0;
	for (c = 0; c < CC_N; c++)
		if (p->col[c].map || p->col[c].nforms || p->col[c].has_zone ||
		    p->col[c].split[0] || px_active(&p->col[c]))
			return 0;
	return 1;
}
