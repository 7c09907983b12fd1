/*
 * profile_keys: the meaning of each section and key of a profile:
 * [profile], [columns] (with the .formats, .zone and .split options), the
 * value maps (a section named after a canonical column), [drop], and the
 * [contacts] / [needs] files of a two-file export.  Each handler checks
 * its value at once so that the error can name the line and key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_int.h"
#include "profile_value.h"
#include "profile_xform.h"

static char *dup_str(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);

	if (d)
		memcpy(d, s, n + 1);
	return d;
}

static int set_str(struct pparse *x, char **dst, const char *v)
{
	free(*dst);
	if (!(*dst = dup_str(v)))
		return x->rc = nserr_set(x->err, NS_ENOMEM, "out of memory"), 0;
	return 1;
}

static int yes_no(const char *v, int *out)
{
	char k[8];

	if (pv_fold(v, strlen(v), k, sizeof k) < 0)
		return -1;
	if (!strcmp(k, "yes") || !strcmp(k, "true") || !strcmp(k, "1"))
		return *out = 1, 0;
	if (!strcmp(k, "no") || !strcmp(k, "false") || !strcmp(k, "0"))
		return *out = 0, 0;
	return -1;
}

static int lines_value(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || *end != '\0' || n < 0 || n > 1000)
		return -1;
	*out = (int)n;
	return 0;
}

static int key_profile(struct pparse *x, const char *k, const char *v)
{
	struct profile *p = x->p;
	int b;

	if (!strcmp(k, "name"))
		return set_str(x, &p->name, v);
	if (!strcmp(k, "description"))
		return set_str(x, &p->description, v);
	if (!strcmp(k, "skip_lines")) {
		if (lines_value(v, &p->skip_lines) != 0)
			return pparse_fail(x, "profile", k, "'%s' is not a "
				"number of lines (0..1000)", v);
		return 1;
	}
	if (!strcmp(k, "need_id")) {
		if (!*v)
			return pparse_fail(x, "profile", k, "names no column");
		p->need_id_line = x->line;
		return set_str(x, &p->need_id, v);
	}
	if (!strcmp(k, "drop_duplicate_rows")) {
		char m[8];
		if (pv_fold(v, strlen(v), m, sizeof m) > 0 &&
		    !strcmp(m, "mapped"))
			return p->drop_duplicates = 2, 1;
		if (yes_no(v, &b) != 0)
			return pparse_fail(x, "profile", k, "'%s' is not yes, "
				"no or mapped", v);
		return p->drop_duplicates = b, 1;
	}
	if (!strcmp(k, "drop_blank_rows")) {
		if (yes_no(v, &b) != 0)
			return pparse_fail(x, "profile", k, "'%s' is not yes "
				"or no", v);
		return p->drop_blank = b, 1;
	}
	return pparse_fail(x, "profile", k, "unknown key (known: name, "
		"description, skip_lines, need_id, drop_blank_rows, "
		"drop_duplicate_rows)");
}

struct fmt_ctx {
	struct pparse *x;
	struct pcol *c;
	const char *key;
};

static int add_format(void *ctx, const char *s, size_t len, int quoted)
{
	struct fmt_ctx *f = ctx;
	enum dt_form form;
	int i;

	(void)quoted;
	if (pv_format(s, len, &form) != 0)
		return pparse_fail(f->x, "columns", f->key, "'%.*s' is not a "
			"date format (ISO, MM/DD/YYYY, DD/MM/YYYY, YYYY-MM-DD)",
			(int)len, s), NS_ECONFIG;
	for (i = 0; i < f->c->nforms; i++) {
		enum dt_form o = f->c->forms[i];
		if ((o == DT_MDY && form == DT_DMY) ||
		    (o == DT_DMY && form == DT_MDY))
			return pparse_fail(f->x, "columns", f->key, "MM/DD/YYYY"
				" and DD/MM/YYYY are ambiguous together "
				"(03/04/2024 is 4 March or 3 April): list the "
				"one the export uses"), NS_ECONFIG;
		if (o == form)
			return 0;
	}
	if (f->c->nforms == PROFILE_MAX_FORMATS)
		return pparse_fail(f->x, "columns", f->key, "more than %d "
			"formats", PROFILE_MAX_FORMATS), NS_ECONFIG;
	f->c->forms[f->c->nforms++] = form;
	return 0;
}

/* trim, case, pattern, pad: the rewrites before the value map. */
static int key_col_rule(struct pparse *x, struct pcol *pc, const char *k,
			const char *opt, const char *v)
{
	char why[400], low[8];

	if (!strcmp(opt, "trim")) {
		if (yes_no(v, &pc->trim) != 0)
			return pparse_fail(x, "columns", k, "'%s' is not yes "
				"or no", v);
		return 1;
	}
	if (!strcmp(opt, "case")) {
		if (pv_fold(v, strlen(v), low, sizeof low) < 0 ||
		    (strcmp(low, "upper") && strcmp(low, "lower") &&
		     strcmp(low, "keep")))
			return pparse_fail(x, "columns", k, "'%s' is not upper, "
				"lower or keep", v);
		pc->casing = low[0] == 'u' ? PCASE_UPPER : low[0] == 'l'
			? PCASE_LOWER : PCASE_KEEP;
		return 1;
	}
	if (!strcmp(opt, "pad")) {
		if (lines_value(v, &pc->pad) != 0 || pc->pad > 64)
			return pparse_fail(x, "columns", k, "'%s' is not a "
				"width (0..64 digits)", v);
		return 1;
	}
	if (!strcmp(opt, "pattern")) {
		int rc;
		if (pc->npat == PROFILE_MAX_PATTERNS)
			return pparse_fail(x, "columns", k, "more than %d "
				"patterns", PROFILE_MAX_PATTERNS);
		rc = px_pattern(v, &pc->pat[pc->npat], why, sizeof why);
		if (rc == NS_ENOMEM)
			return x->rc = nserr_set(x->err, rc, "out of memory"), 0;
		if (rc)
			return pparse_fail(x, "columns", k, "%s", why);
		pc->pat[pc->npat++].line = x->line;
		return 1;
	}
	return pparse_fail(x, "columns", k, "unknown option '%s' (known: "
			   "formats, zone, split, trim, case, pattern, pad)",
			   opt);
}

/* started_at.formats, .zone; need_code/need_category/referred_to.split */
static int key_col_option(struct pparse *x, int c, const char *k,
			  const char *opt, const char *v)
{
	struct pcol *pc = &x->p->col[c];
	struct fmt_ctx f;
	const char *why = NULL;

	if (!strcmp(opt, "formats") || !strcmp(opt, "zone")) {
		if (c != CC_STARTED_AT)
			return pparse_fail(x, "columns", k, "only started_at "
				"is a date: formats and zone belong to it");
		if (opt[0] == 'z') {
			if (pv_zone(v, &pc->zone_min) != 0)
				return pparse_fail(x, "columns", k, "'%s' is not "
					"a zone (EST, MST, UTC, -05:00, ...)", v);
			pc->has_zone = 1;
			return 1;
		}
		f.x = x;
		f.c = pc;
		f.key = k;
		pc->nforms = 0;
		if (pv_list(v, add_format, &f, &why) != 0)
			return why ? pparse_fail(x, "columns", k, "%s", why) : 0;
		if (!pc->nforms)
			return pparse_fail(x, "columns", k, "lists no format");
		return 1;
	}
	if (!strcmp(opt, "split")) {
		size_t n = strlen(v);
		if (c != CC_CODE && c != CC_CATEGORY && c != CC_REFERRED_TO)
			return pparse_fail(x, "columns", k, "only need_code, "
				"need_category and referred_to can hold several "
				"values");
		if (n >= 2 && v[0] == '"' && v[n - 1] == '"')
			v++, n -= 2;
		if (n == 0 || n >= PROFILE_SPLIT_MAX)
			return pparse_fail(x, "columns", k, "the separator must "
				"be 1 to %d characters (write \";\" in quotes: a "
				"';' after a blank starts a comment)",
				PROFILE_SPLIT_MAX - 1);
		memcpy(pc->split, v, n);
		pc->split[n] = '\0';
		return 1;
	}
	return key_col_rule(x, pc, k, opt, v);
}

static int key_columns(struct pparse *x, const char *k, const char *v)
{
	const char *dot = strchr(k, '.');
	size_t n = dot ? (size_t)(dot - k) : strlen(k);
	int c = canon_col_of(k, n), rc;
	const char *why = NULL;

	if (c < 0)
		return pparse_fail(x, "columns", k, "'%.*s' is not a canonical "
			"column (contact_id, started_at, channel, language, "
			"postal_code, region, age_group, gender, need_code, "
			"need_category, need_status, unmet_reason, referrals, "
			"referred_to)", (int)n, k);
	if (dot) {
		if (!x->map_line[c])
			x->map_line[c] = x->line;
		return key_col_option(x, c, k, dot + 1, v);
	}
	x->p->has_columns = 1;
	if (x->col_line[c])
		return pparse_fail(x, "columns", k, "mapped twice (first on "
			"line %d)", x->col_line[c]);
	rc = pv_expr(v, &x->p->col[c].expr, &why);
	if (rc == NS_ENOMEM)
		return x->rc = nserr_set(x->err, rc, "out of memory"), 0;
	if (rc)
		return pparse_fail(x, "columns", k, "'%s' %s", v, why);
	x->col_line[c] = x->p->col[c].expr.line = x->line;
	return 1;
}

struct map_ctx {
	struct pparse *x;
	struct pmap *m;
	const char *section, *key;
	int ti;
};

static int add_source(void *ctx, const char *s, size_t len, int quoted)
{
	struct map_ctx *mc = ctx;
	int prev = -1, rc = pmap_add(mc->m, s, len, quoted, mc->ti, &prev);

	if (rc == 1)
		return pparse_fail(mc->x, mc->section, mc->key, "'%.*s' is "
			"already mapped to '%s'", (int)len, s,
			mc->m->to[prev]), NS_ECONFIG;
	if (rc == NS_ENOMEM)
		return mc->x->rc = nserr_set(mc->x->err, rc, "out of memory");
	if (rc)
		return pparse_fail(mc->x, mc->section, mc->key, "'%.*s' is "
			"too long to match", (int)len, s), NS_ECONFIG;
	return 0;
}

static int fill_map(struct pparse *x, struct pmap *m, const char *section,
		    const char *k, const char *target, const char *v)
{
	struct map_ctx mc = {x, m, section, k, 0};
	const char *why = NULL;

	if ((mc.ti = pmap_target(m, target)) < 0)
		return x->rc = nserr_set(x->err, NS_ENOMEM, "out of memory"), 0;
	if (pv_list(v, add_source, &mc, &why) != 0)
		return why ? pparse_fail(x, section, k, "%s", why) : 0;
	return 1;
}

static int key_map(struct pparse *x, int c, const char *section,
		   const char *k, const char *v)
{
	struct pcol *pc = &x->p->col[c];
	const char *target = strcmp(k, "\"\"") == 0 ? "" : k, *why;

	if (c == CC_CONTACT_ID || c == CC_STARTED_AT)
		return pparse_fail(x, section, k, "%s takes no value map",
				   canon_names[c]);
	if ((why = pv_check(c, target, strlen(target))) != NULL)
		return pparse_fail(x, section, k, "'%s' %s", target, why);
	if (!pc->map) {
		if (!(pc->map = malloc(sizeof *pc->map)) ||
		    pmap_init(pc->map) != 0)
			return x->rc = nserr_set(x->err, NS_ENOMEM, "out of "
						 "memory"), 0;
		pc->map->line = x->line;
		x->map_line[c] = x->line;
	}
	return fill_map(x, pc->map, section, k, target, v);
}

/* A drop rule's value: its own target, labelled as written. */
static int add_drop_value(void *ctx, const char *s, size_t len, int quoted)
{
	struct map_ctx *mc = ctx;
	char label[128];

	if (!quoted && len == 1 && s[0] == '*')
		snprintf(label, sizeof label, "(any value)");
	else if (len == 0)
		snprintf(label, sizeof label, "(blank)");
	else
		snprintf(label, sizeof label, "%.*s", (int)len, s);
	if ((mc->ti = pmap_target(mc->m, label)) < 0)
		return mc->x->rc = nserr_set(mc->x->err, NS_ENOMEM, "out of "
					     "memory");
	return add_source(ctx, s, len, quoted);
}

static int key_drop(struct pparse *x, const char *k, const char *v)
{
	struct profile *p = x->p;
	struct pdrop *d = NULL;
	size_t i;

	for (i = 0; i < p->ndrops; i++)
		if (!strcmp(p->drops[i].header, k))
			d = &p->drops[i];
	if (!d) {
		d = realloc(p->drops, (p->ndrops + 1) * sizeof *d);
		if (!d)
			return x->rc = nserr_set(x->err, NS_ENOMEM, "out of "
						 "memory"), 0;
		p->drops = d;
		d = &p->drops[p->ndrops];
		memset(d, 0, sizeof *d);
		if (pmap_init(&d->values) != 0 || !(d->header = dup_str(k)))
			return x->rc = nserr_set(x->err, NS_ENOMEM, "out of "
						 "memory"), 0;
		d->line = x->line;
		p->ndrops++;
	}
	{
		struct map_ctx mc = {x, &d->values, "drop", k, -1};
		const char *why = NULL;

		if (pv_list(v, add_drop_value, &mc, &why) != 0)
			return why ? pparse_fail(x, "drop", k, "%s", why) : 0;
	}
	return 1;
}

static int key_side(struct pparse *x, int side, const char *section,
		    const char *k, const char *v)
{
	struct pside *s = &x->p->side[side];

	x->seen_side[side] = 1;
	if (!s->line)
		s->line = x->line;
	if (!strcmp(k, "skip_lines")) {
		if (lines_value(v, &s->skip_lines) != 0)
			return pparse_fail(x, section, k, "'%s' is not a number "
				"of lines (0..1000)", v);
		return 1;
	}
	if (!strcmp(k, "key")) {
		if (!*v)
			return pparse_fail(x, section, k, "names no column");
		return set_str(x, &s->key, v);
	}
	return pparse_fail(x, section, k, "unknown key (known: skip_lines, "
			   "key)");
}

int pparse_key(void *ctx, const char *section, const char *key,
	       const char *value)
{
	struct pparse *x = ctx;
	int c;

	if (x->rc)
		return 1;
	if (!strcmp(section, "profile"))
		return key_profile(x, key, value);
	if (!strcmp(section, "columns"))
		return key_columns(x, key, value);
	if (!strcmp(section, "drop"))
		return key_drop(x, key, value);
	if (!strcmp(section, "contacts"))
		return key_side(x, PSIDE_CONTACTS, section, key, value);
	if (!strcmp(section, "needs"))
		return key_side(x, PSIDE_NEEDS, section, key, value);
	if ((c = canon_col_of(section, strlen(section))) >= 0)
		return key_map(x, c, section, key, value);
	if (!*section)
		return pparse_fail(x, "", key, "comes before any [section]");
	return pparse_fail(x, section, key, "unknown section (known: "
		"[profile], [columns], [drop], [contacts], [needs], and value "
		"maps named after a canonical column such as [need_status])");
}
