/*
 * report_meta: parsing the metadata block that opens a report file.
 *
 * report_block.c cuts the block into "key: value" entries; this file
 * interprets each key.  Keys, value syntax and an example are in
 * needstat-report(1).  Errors name the file and line: "x.sql:7: ...".
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

struct mp {
	struct report *r;
	const char *path;
	struct nserr *err;
	int line;
	char tok[256];
};

static int fail(struct mp *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct mp *m, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return nserr_set(m->err, NS_ECONFIG, "%s:%d: %s", m->path, m->line,
			 msg);
}

static int is_ident(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!(islower((unsigned char)s[n]) ||
		      isdigit((unsigned char)s[n]) || s[n] == '_'))
			return 0;
	return n > 0 && n <= REPORT_ID_MAX;
}

static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* next_tok: the next token of *p into m->tok (valid until the next
 * call): blanks and commas separate tokens; "=" (at the start of a
 * token), "/" and "+" are tokens of their own.  NULL at the end. */
static char *next_tok(struct mp *m, char **p)
{
	char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	if (strchr("=/+", *s)) {
		m->tok[n++] = *s++;
	} else {
		for (; *s && !strchr(" \t,/+", *s); s++)
			if (n < sizeof m->tok - 1)
				m->tok[n++] = *s;
	}
	m->tok[n] = '\0';
	*p = s;
	return m->tok;
}

/* split_bar: split v at '|' into up to max trimmed parts. */
static int split_bar(char *v, char **parts, int max)
{
	int n = 0;
	char *bar;

	while (n < max) {
		bar = strchr(v, '|');
		if (bar)
			*bar = '\0';
		parts[n++] = trim(v);
		if (!bar)
			break;
		v = bar + 1;
	}
	return n;
}

static const char *keep(struct mp *m, const char *s)
{
	return s && *s ? rmem_strndup(m->r, s, strlen(s)) : NULL;
}

static int ident_arg(struct mp *m, char **p, const char *what,
		     const char **out)
{
	char *t = next_tok(m, p);

	if (!t || !is_ident(t))
		return fail(m, "%s: expected a column name, got '%s'", what,
			    t ? t : "");
	*out = keep(m, t);
	return *out ? 0 : nserr_set(m->err, NS_ENOMEM, "out of memory");
}

static int expect(struct mp *m, char **p, const char *op, const char *what)
{
	char *t = next_tok(m, p);

	if (!t || strcmp(t, op) != 0)
		return fail(m, "%s: expected '%s'", what, op);
	return 0;
}

/* do_column: "NAME TYPE [key|measure|count|total|decimals=N]... | en | fr" */
static int do_column(struct mp *m, char *v)
{
	struct report *r = m->r;
	struct report_colspec *c;
	char *parts[3], *p, *t;
	int n = split_bar(v, parts, 3), type;
	long d;

	if (r->ncols == REPORT_MAX_COLS)
		return fail(m, "too many columns");
	c = &r->cols[r->ncols];
	memset(c, 0, sizeof *c);
	c->decimals = -1;
	c->line = m->line;
	p = parts[0];
	if (ident_arg(m, &p, "column", &c->name))
		return m->err->code;
	t = next_tok(m, &p);
	type = t ? table_type_parse(t) : NS_EUSAGE;
	if (type < 0)
		return fail(m, "column '%s': type '%s' is not text, int, real, "
			    "share, rate, date or month", c->name, t);
	c->type = (enum col_type)type;
	c->flags = (type == COL_TEXT || type == COL_DATE || type == COL_MONTH)
		   ? COLF_KEY : type == COL_INT ? COLF_COUNT : 0;
	while ((t = next_tok(m, &p)) != NULL) {
		char *end;

		if (strcmp(t, "key") == 0)
			c->flags = (c->flags | COLF_KEY) & ~COLF_COUNT;
		else if (strcmp(t, "measure") == 0)
			c->flags &= ~(COLF_KEY | COLF_COUNT);
		else if (strcmp(t, "count") == 0)
			c->flags = (c->flags | COLF_COUNT) & ~COLF_KEY;
		else if (strcmp(t, "total") == 0)
			c->flags |= COLF_TOTAL;
		else if (strncmp(t, "decimals", 8) == 0 && t[8] == '=' &&
			 (d = strtol(t + 9, &end, 10), *end == '\0' &&
			  end != t + 9 && d >= 0 && d <= NF_MAX_DECIMALS))
			c->decimals = (int)d;
		else
			return fail(m, "column '%s': unknown option '%s'",
				    c->name, t);
	}
	c->label[NS_EN] = keep(m, n > 1 ? parts[1] : NULL);
	c->label[NS_FR] = keep(m, n > 2 ? parts[2] : NULL);
	r->ncols++;
	return 0;
}

const char *const report_builtin_params[] = {
	"from", "to", "prev_from", "prev_to", "from_date", "to_date",
	"months", "region", "category", "min_cell", "fy_start", NULL
};

/* do_param: "NAME int|real|text [DEFAULT] | about en | about fr" */
static int do_param(struct mp *m, char *v)
{
	struct report *r = m->r;
	struct report_param *q;
	char *parts[3], *p, *t, *def, *end;
	int n = split_bar(v, parts, 3), i;

	if (r->nparams == REPORT_MAX_PARAMS)
		return fail(m, "too many parameters");
	q = &r->params[r->nparams];
	memset(q, 0, sizeof *q);
	p = parts[0];
	if (ident_arg(m, &p, "param", &q->name))
		return m->err->code;
	for (i = 0; report_builtin_params[i]; i++)
		if (strcmp(q->name, report_builtin_params[i]) == 0)
			return fail(m, "param '%s' is a built-in parameter",
				    q->name);
	t = next_tok(m, &p);
	if (!t || (strcmp(t, "int") && strcmp(t, "real") && strcmp(t, "text")))
		return fail(m, "param '%s': type '%s' is not int, real or "
			    "text", q->name, t);
	q->type = t[0] == 'i' ? RP_INT : t[0] == 'r' ? RP_REAL : RP_TEXT;
	def = trim(p);
	if (*def && q->type == RP_INT)
		(void)strtoll(def, &end, 10);
	else if (*def && q->type == RP_REAL)
		(void)strtod(def, &end);
	else
		end = def + strlen(def);
	if (*end || (q->type != RP_TEXT && end == def && *def))
		return fail(m, "param '%s': bad default '%s'", q->name, def);
	q->def = keep(m, def);
	q->about[NS_EN] = keep(m, n > 1 ? parts[1] : NULL);
	q->about[NS_FR] = keep(m, n > 2 ? parts[2] : NULL);
	r->nparams++;
	return 0;
}

/* find_param: the declared parameter called name, or NULL. */
static struct report_param *find_param(struct report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

/* do_param_sql: "values.sql: NAME [list] QUERY" (the accepted values of
 * a declared parameter, each element of a comma-separated list when
 * "list") or "default.sql: NAME QUERY" (its default from the data). */
static int do_param_sql(struct mp *m, const char *key, char *v)
{
	struct report_param *q;
	const char *name, **slot;
	char *p = v, *t;

	if (ident_arg(m, &p, key, &name))
		return m->err->code;
	if (!(q = find_param(m->r, name)))
		return fail(m, "%s: '%s' is not a parameter declared above with "
			    "'param:'", key, name);
	slot = key[0] == 'v' ? &q->values_sql : &q->default_sql;
	if (*slot)
		return fail(m, "%s: '%s' given twice", key, name);
	t = trim(p);
	if (key[0] == 'v' && strncmp(t, "list", 4) == 0 &&
	    (t[4] == ' ' || t[4] == '\t')) {
		q->list = 1;
		t = trim(t + 4);
	}
	if (!*t)
		return fail(m, "%s: '%s' has no query", key, name);
	*slot = keep(m, t);
	return *slot ? 0 : NS_ENOMEM;
}

/* do_glossary: "glossary: COLUMN | English meaning | French meaning"
 * (the column may be declared further down: report_check attaches it). */
static int do_glossary(struct mp *m, char *v)
{
	struct report *r = m->r;
	struct report_gloss *g;
	char *parts[3];
	int n = split_bar(v, parts, 3);

	if (r->ngloss == REPORT_MAX_COLS)
		return fail(m, "too many glossary lines");
	if (!is_ident(parts[0]) || n < 3 || !*parts[1] || !*parts[2])
		return fail(m, "glossary: write 'glossary: COLUMN | English "
			    "meaning | French meaning'");
	g = &r->gloss[r->ngloss++];
	g->line = m->line;
	g->col = keep(m, parts[0]);
	g->text[NS_EN] = keep(m, parts[1]);
	g->text[NS_FR] = keep(m, parts[2]);
	return 0;
}

/* do_stat: "OUT = A / B [noci] [flag=COL]" or "OUT = A" (population). */
static int do_stat(struct mp *m, const char *key, char *v)
{
	struct report *r = m->r;
	struct report_stat *s;
	char *p = v, *t;

	if (r->nstats == REPORT_MAX_STATS)
		return fail(m, "too many statistics");
	s = &r->stats[r->nstats];
	memset(s, 0, sizeof *s);
	s->line = m->line;
	s->ci = 1;
	s->kind = strcmp(key, "population") == 0 ? RS_POPULATION
		  : strcmp(key, "wilson") == 0 ? RS_WILSON
		  : strcmp(key, "rate") == 0 ? RS_RATE : RS_YOY;
	if (ident_arg(m, &p, key, &s->out) || expect(m, &p, "=", key) ||
	    ident_arg(m, &p, key, &s->a))
		return m->err->code;
	if (s->kind != RS_POPULATION &&
	    (expect(m, &p, "/", key) || ident_arg(m, &p, key, &s->b)))
		return m->err->code;
	while ((t = next_tok(m, &p)) != NULL) {
		if (strcmp(t, "noci") == 0 && s->kind != RS_POPULATION) {
			s->ci = 0;
		} else if (strncmp(t, "flag=", 5) == 0 && s->kind == RS_YOY &&
			   is_ident(t + 5)) {
			s->flag = keep(m, t + 5);
		} else {
			return fail(m, "%s: unknown option '%s'", key, t);
		}
	}
	r->nstats++;
	return 0;
}

static int do_chart(struct mp *m, char *v)
{
	struct report *r = m->r;
	char *p = v, *t = next_tok(m, &p);
	int type = t ? table_chart_parse(t) : NS_EUSAGE;

	if (type < 0)
		return fail(m, "chart: unknown type '%s'", t);
	r->chart = (enum chart_type)type;
	if (ident_arg(m, &p, "chart", &r->chart_x))
		return m->err->code;
	while ((t = next_tok(m, &p)) != NULL) {
		if (strncmp(t, "series=", 7) == 0 && is_ident(t + 7)) {
			r->chart_series = keep(m, t + 7);
		} else if (is_ident(t) && r->chart_ny < TABLE_CHART_MAX_Y) {
			r->chart_y[r->chart_ny++] = keep(m, t);
		} else {
			return fail(m, "chart: bad or too many y columns at "
				    "'%s'", t);
		}
	}
	if (r->chart_ny == 0)
		return fail(m, "chart: no y column");
	return 0;
}

static int do_sum(struct mp *m, char *v)
{
	struct report_sum *s;
	char *p = v, *t;

	if (m->r->nsums == REPORT_MAX_SUMS)
		return fail(m, "too many sums");
	s = &m->r->sums[m->r->nsums];
	memset(s, 0, sizeof *s);
	s->line = m->line;
	if (ident_arg(m, &p, "sum", &s->total) || expect(m, &p, "=", "sum"))
		return m->err->code;
	for (;;) {
		if (s->nterms == REPORT_MAX_SUM_TERMS)
			return fail(m, "sum: too many terms");
		if (ident_arg(m, &p, "sum", &s->terms[s->nterms]))
			return m->err->code;
		s->nterms++;
		t = next_tok(m, &p);
		if (!t)
			break;
		if (strcmp(t, "+") != 0)
			return fail(m, "sum: expected '+' before '%s'", t);
	}
	m->r->nsums++;
	return 0;
}

/* do_group: "COUNT by KEY = TOTAL" (struct report_group). */
static int do_group(struct mp *m, char *v)
{
	struct report_group *g;
	char *p = v, *t;

	if (m->r->ngroups == REPORT_MAX_GROUPS)
		return fail(m, "too many groups");
	g = &m->r->groups[m->r->ngroups];
	memset(g, 0, sizeof *g);
	g->line = m->line;
	if (ident_arg(m, &p, "group", &g->count) ||
	    expect(m, &p, "by", "group") ||
	    ident_arg(m, &p, "group", &g->key) ||
	    expect(m, &p, "=", "group") ||
	    ident_arg(m, &p, "group", &g->total))
		return m->err->code;
	if ((t = next_tok(m, &p)) != NULL)
		return fail(m, "group: unexpected '%s' (write 'group: COUNT by "
			    "KEY = TOTAL')", t);
	m->r->ngroups++;
	return 0;
}

/* do_derived: "OUT from A B..." (struct report_derived). */
static int do_derived(struct mp *m, char *v)
{
	struct report_derived *d;
	char *p = v;

	if (m->r->nderived == REPORT_MAX_DERIVED)
		return fail(m, "too many derived columns");
	d = &m->r->derived[m->r->nderived];
	memset(d, 0, sizeof *d);
	d->line = m->line;
	if (ident_arg(m, &p, "derived", &d->out) ||
	    expect(m, &p, "from", "derived"))
		return m->err->code;
	while (*p) {
		if (d->nfrom == REPORT_MAX_DERIVED_FROM)
			return fail(m, "derived: too many columns");
		if (ident_arg(m, &p, "derived", &d->from[d->nfrom]))
			return m->err->code;
		d->nfrom++;
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
	}
	if (d->nfrom == 0)
		return fail(m, "derived: '%s' from no column", d->out);
	m->r->nderived++;
	return 0;
}

static int do_text(struct mp *m, const char *key, char *v)
{
	struct report *r = m->r;
	const char **slot = NULL;

	if (strcmp(key, "title") == 0)
		slot = &r->title[NS_EN];
	else if (strcmp(key, "title.fr") == 0)
		slot = &r->title[NS_FR];
	else if (strcmp(key, "about") == 0)
		slot = &r->about[NS_EN];
	else if (strcmp(key, "about.fr") == 0)
		slot = &r->about[NS_FR];
	else if (strcmp(key, "note.sql") == 0)
		slot = &r->note_sql;
	else if (strcmp(key, "note") == 0) {
		if (r->nnotes == REPORT_MAX_NOTES)
			return fail(m, "too many notes");
		slot = &r->notes[r->nnotes++].text[NS_EN];
	} else if (strcmp(key, "note.fr") == 0) {
		if (!r->nnotes || r->notes[r->nnotes - 1].text[NS_FR])
			return fail(m, "note.fr must follow a note:");
		slot = &r->notes[r->nnotes - 1].text[NS_FR];
	} else {
		return 1;
	}
	if (*slot && strcmp(key, "note") != 0)
		return fail(m, "'%s' given twice", key);
	if (!*v)
		return fail(m, "'%s' is empty", key);
	*slot = keep(m, v);
	return *slot ? 0 : NS_ENOMEM;
}

static int do_misc(struct mp *m, const char *key, char *v)
{
	struct report *r = m->r;
	char *parts[3], *p = v, *t, *end;
	int n, d;

	if (strcmp(key, "id") == 0) {
		if (!is_ident(v))
			return fail(m, "id '%s' is not [a-z0-9_]+", v);
		r->id = keep(m, v);
	} else if (strcmp(key, "order") == 0) {
		long o = strtol(v, &end, 10);

		if (*end || end == v || o < 0 || o > 1000000)
			return fail(m, "order '%s' is not a number", v);
		r->order = (int)o;
	} else if (strcmp(key, "matrix") == 0) {
		if (ident_arg(m, &p, key, &r->matrix[0]) ||
		    expect(m, &p, "x", key) ||
		    ident_arg(m, &p, key, &r->matrix[1]))
			return m->err->code;
	} else if (strcmp(key, "total") == 0) {
		n = split_bar(v, parts, 3);
		for (d = 0; d < 2; d++)
			if (r->matrix[d] && strcmp(parts[0], r->matrix[d]) == 0)
				break;
		if (d == 2 || n < 2)
			return fail(m, "total: '%s' is not a matrix dimension "
				    "(give 'matrix:' first, then 'total: DIM | "
				    "English | French')", parts[0]);
		r->total[d][NS_EN] = keep(m, parts[1]);
		r->total[d][NS_FR] = keep(m, n > 2 ? parts[2] : NULL);
	} else if (strcmp(key, "suppress") == 0) {
		while ((t = next_tok(m, &p)) != NULL) {
			if (!is_ident(t) || r->nsuppress == REPORT_MAX_SUPPRESS)
				return fail(m, "suppress: bad or too many "
					    "columns at '%s'", t);
			r->suppress[r->nsuppress++] = keep(m, t);
		}
	} else if (strcmp(key, "sum") == 0) {
		return do_sum(m, v);
	} else if (strcmp(key, "group") == 0) {
		return do_group(m, v);
	} else if (strcmp(key, "derived") == 0) {
		return do_derived(m, v);
	} else if (strcmp(key, "chart") == 0) {
		return do_chart(m, v);
	} else {
		return fail(m, "unknown metadata key '%s' (see needstat-report(1)"
			    ", \"Adding a report\")", key);
	}
	return 0;
}

static int dispatch(struct mp *m, const struct report_entry *e)
{
	char *v = trim(e->val);
	int rc;

	m->line = e->line;
	if (strcmp(e->key, "column") == 0)
		return do_column(m, v);
	if (strcmp(e->key, "param") == 0)
		return do_param(m, v);
	if (!strcmp(e->key, "values.sql") || !strcmp(e->key, "default.sql"))
		return do_param_sql(m, e->key, v);
	if (strcmp(e->key, "glossary") == 0)
		return do_glossary(m, v);
	if (!strcmp(e->key, "population") || !strcmp(e->key, "wilson") ||
	    !strcmp(e->key, "rate") || !strcmp(e->key, "yoy"))
		return do_stat(m, e->key, v);
	rc = do_text(m, e->key, v);
	return rc == 1 ? do_misc(m, e->key, v) : rc;
}

int report_parse(struct report *r, const char *path, const char *text,
		 struct nserr *err)
{
	struct mp m = { r, path, err, 0, "" };
	struct report_entry *es = NULL;
	size_t n = 0, i;
	int rc;

	r->path = keep(&m, path);
	r->sql = rmem_strndup(r, text, strlen(text));
	rc = report_block_read(text, &es, &n) ? NS_ENOMEM : 0;
	for (i = 0; !rc && i < n; i++)
		rc = dispatch(&m, &es[i]);
	if (!rc)
		rc = report_check(r, err);
	report_block_free(es, n);
	if (!rc && (!r->path || !r->sql || rmem_failed(r)))
		rc = nserr_set(err, NS_ENOMEM, "out of memory");
	if (rc == NS_ENOMEM && err && !err->msg[0])
		nserr_set(err, NS_ENOMEM, "out of memory");
	if (rc)
		report_release(r);
	return rc;
}
