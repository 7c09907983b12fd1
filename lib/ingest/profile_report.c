/*
 * profile_report: collecting and writing what a profile run saw (see
 * profile_report.h).  Collection is cheap and bounded so that it can stay
 * on for real runs: the summary uses the drop counts.
 */
#include "profile_report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_int.h"
#include "core/nserr.h"

static int list_init(struct report_list *l)
{
	memset(l, 0, sizeof *l);
	return strmap_init(&l->ix);
}

static void list_release(struct report_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->it[i].label);
	free(l->it);
	strmap_release(&l->ix);
	memset(l, 0, sizeof *l);
}

int profile_report_init(struct profile_report *r)
{
	memset(r, 0, sizeof *r);
	if (list_init(&r->drops) || list_init(&r->dups) ||
	    list_init(&r->rejects) ||
	    list_init(&r->fields) || list_init(&r->codes) ||
	    list_init(&r->values)) {
		profile_report_release(r);
		return NS_ENOMEM;
	}
	r->codes.max = REPORT_CODES_MAX;
	return 0;
}

void profile_report_release(struct profile_report *r)
{
	int i;

	list_release(&r->drops);
	list_release(&r->dups);
	list_release(&r->rejects);
	list_release(&r->fields);
	list_release(&r->codes);
	list_release(&r->values);
	for (i = 0; i < r->nrows; i++)
		free(r->rows[i]);
	free(r->text);
	memset(r, 0, sizeof *r);
}

void profile_report_say(struct profile_report *r, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
	if (r->len + (size_t)n + 2 > r->cap) {
		size_t cap = (r->cap ? r->cap * 2 : 4096) + (size_t)n;
		char *t = realloc(r->text, cap);
		if (!t) {
			r->oom = 1;
			return;
		}
		r->text = t;
		r->cap = cap;
	}
	memcpy(r->text + r->len, line, (size_t)n);
	r->len += (size_t)n;
	r->text[r->len++] = '\n';
	r->text[r->len] = '\0';
}

int report_list_add(struct report_list *l, const char *label,
		    const char *example, long count)
{
	struct report_item *it;
	int64_t *slot;
	size_t n = strlen(label);
	int rc;

	if (!strmap_get(&l->ix, label, n) &&
	    l->n >= (l->max ? l->max : REPORT_MAX_ITEMS)) {
		l->more += count;
		return 0;
	}
	rc = strmap_put(&l->ix, label, n, (int64_t)l->n, &slot, NULL);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 16;
			it = realloc(l->it, cap * sizeof *it);
			if (!it)
				return NS_ENOMEM;
			l->it = it;
			l->cap = cap;
		}
		it = &l->it[l->n++];
		memset(it, 0, sizeof *it);
		if (!(it->label = malloc(n + 1)))
			return NS_ENOMEM;
		memcpy(it->label, label, n + 1);
	}
	it = &l->it[*slot];
	it->count += count;
	if (example && it->nex < REPORT_EXAMPLES)
		snprintf(it->ex[it->nex++], sizeof it->ex[0], "%s", example);
	return 0;
}

static void add(struct profile_report *r, struct report_list *l,
		const char *label, const char *example, long count)
{
	if (report_list_add(l, label, example, count) != 0)
		r->oom = 1;
}

void profile_report_drop(struct profile_report *r, const char *label,
			 const char *example)
{
	r->dropped++;
	add(r, &r->drops, label, example, 1);
}

void profile_report_duplicate(struct profile_report *r, const char *label,
			      const char *example)
{
	add(r, &r->dups, label, example, 1);
}

/* len cut to ISSUE_VALUE_MAX bytes, not inside a UTF-8 character. */
static size_t cut_utf8(const char *v, size_t len)
{
	size_t n = len;

	if (n <= ISSUE_VALUE_MAX)
		return n;
	n = ISSUE_VALUE_MAX;
	while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void profile_report_reject(struct profile_report *r, const char *column,
			   const char *reason, const char *file,
			   unsigned long long line, const char *v, size_t len)
{
	char label[256], ex[300];

	snprintf(label, sizeof label, "%s: %s", column, reason);
	if (len)
		snprintf(ex, sizeof ex, "%.100s:%llu '%.*s%s'", file, line,
			 (int)cut_utf8(v, len), v,
			 len > ISSUE_VALUE_MAX ? "..." : "");
	else
		snprintf(ex, sizeof ex, "%s:%llu", file, line);
	add(r, &r->rejects, label, ex, 1);
}

void profile_report_field(struct profile_report *r, const char *column,
			  const char *reason, const char *example, long n)
{
	char label[256];

	snprintf(label, sizeof label, "%s: %s", column, reason);
	add(r, &r->fields, label, example, n);
}

void profile_report_code(struct profile_report *r, const char *code)
{
	add(r, &r->codes, code, NULL, 1);
}

void profile_report_value(struct profile_report *r, const char *column,
			  const char *v, size_t len)
{
	char label[160];

	snprintf(label, sizeof label, "%s: '%.*s'", column,
		 (int)(len > 60 ? 60 : len), v);
	add(r, &r->values, label, NULL, 1);
}

#define S(x) ((x) ? (x) : "-")

void profile_report_row(struct profile_report *r, const struct need_row *nr,
			const struct classify *cl, const char *where)
{
	char *buf = NULL, code[TAXCODE_MAX + TAXCODE_TARGETS_MAX + 4];
	size_t len = 0;
	FILE *m;

	if (r->nrows >= REPORT_ROWS || !(m = open_memstream(&buf, &len))) {
		return;
	}
	fprintf(m, "  %s\n    contact_id=%.*s started_at=%s", where,
		(int)nr->contact_len, nr->contact_id, nr->local);
	if (nr->when.has_offset)
		fprintf(m, "%c%02d:%02d", nr->when.offset_min < 0 ? '-' : '+',
			abs(nr->when.offset_min) / 60,
			abs(nr->when.offset_min) % 60);
	fprintf(m, " channel=%s language=%s\n    postal=%s region=%s "
		"age_group=%s gender=%s\n", S(nr->channel), S(nr->language),
		nr->postal.key[0] ? nr->postal.key : "-",
		cl->regions[nr->region].id, S(nr->age_group), S(nr->gender));
	if (nr->kind == ROW_CONTACT_ONLY) {
		fprintf(m, "    (a contact with no need)\n");
	} else {
		if (nr->has_code)
			snprintf(code, sizeof code, "%s%s%s", nr->code.service,
				 nr->code.targets[0] ? " * " : "",
				 nr->code.targets);
		fprintf(m, "    need_code=%s category=%s status=%s reason=%s "
			"referrals=", nr->has_code ? code : "-",
			cl->cats[nr->category], nr->status, S(nr->reason));
		if (nr->referrals >= 0)
			fprintf(m, "%ld", nr->referrals);
		else
			fputc('-', m);
		if (nr->referred_len)
			fprintf(m, "\n    referred_to=%.*s",
				(int)(nr->referred_len > 200 ? 200
				      : nr->referred_len), nr->referred_to);
		fputc('\n', m);
	}
	if (fclose(m) != 0 || !buf) {
		free(buf);
		r->oom = 1;
		return;
	}
	r->rows[r->nrows++] = buf;
}

static void write_list(FILE *out, const struct report_list *l,
		       const char *title, const char *none)
{
	size_t i;
	int k;

	fprintf(out, "\n%s\n", title);
	if (!l->n)
		fprintf(out, "  %s\n", none);
	for (i = 0; i < l->n; i++) {
		const struct report_item *it = &l->it[i];
		fprintf(out, "  %7ld  %s", it->count, it->label);
		for (k = 0; k < it->nex; k++)
			fprintf(out, "%s%s", k ? ", " : "  e.g. ", it->ex[k]);
		fputc('\n', out);
	}
	if (l->more)
		fprintf(out, "  %7ld  (more, not listed)\n", l->more);
}

static int by_count(const void *a, const void *b)
{
	const struct report_item *x = *(const struct report_item *const *)a;
	const struct report_item *y = *(const struct report_item *const *)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* The codes most frequent first, the first REPORT_CODES_SHOWN of them,
 * then how many more and the total. */
static void write_codes(FILE *out, const struct report_list *l,
			const char *title)
{
	const struct report_item **v;
	long total = l->more, rest = l->more;
	size_t i, shown;

	if (!l->n || !(v = malloc(l->n * sizeof *v))) {
		write_list(out, l, title, "none");
		return;
	}
	for (i = 0; i < l->n; i++) {
		v[i] = &l->it[i];
		total += v[i]->count;
	}
	qsort(v, l->n, sizeof *v, by_count);
	shown = l->n < REPORT_CODES_SHOWN ? l->n : REPORT_CODES_SHOWN;
	fprintf(out, "\n%s\n", title);
	for (i = 0; i < shown; i++)
		fprintf(out, "  %7ld  %s\n", v[i]->count, v[i]->label);
	for (; i < l->n; i++)
		rest += v[i]->count;
	if (l->n > shown || l->more)
		fprintf(out, "  and %zu%s more code%s (%ld need%s)\n",
			l->n - shown, l->more ? "+" : "",
			l->n - shown == 1 && !l->more ? "" : "s", rest,
			rest == 1 ? "" : "s");
	fprintf(out, "  %7ld  needs in all, %zu%s code%s\n", total, l->n,
		l->more ? "+" : "", l->n == 1 && !l->more ? "" : "s");
	free(v);
}

int profile_report_write(const struct profile_report *r,
			 const struct ingest_stats *st, const char *profile,
			 FILE *out)
{
	int i;

	if (profile)
		fprintf(out, "Profile %s\n", profile);
	fprintf(out, "%s", r->text ? r->text : "");
	fprintf(out, "\nFirst rows as they would be loaded (%d of %ld):\n",
		r->nrows, st->rows_loaded);
	for (i = 0; i < r->nrows; i++)
		fprintf(out, "%s", r->rows[i]);
	if (!r->nrows)
		fprintf(out, "  none\n");
	write_list(out, &r->drops, "Rows dropped by profile rules:", "none");
	write_list(out, &r->dups, "Rows skipped as duplicates:", "none");
	write_list(out, &r->rejects, "Rows that would be rejected, by column "
		   "and reason:", "none");
	write_list(out, &r->fields, "Fields that would be left unknown, by "
		   "column and reason:", "none");
	fprintf(out, "\nDates: ");
	if (st->date_min[0])
		fprintf(out, "%s to %s (local dates of the contacts)\n",
			st->date_min, st->date_max);
	else
		fprintf(out, "none\n");
	write_codes(out, &r->codes, "Taxonomy codes no category map entry "
		    "classifies more precisely than 'other':");
	write_list(out, &r->values, "Source values no value map matched "
		   "(passed on as written):", "none");
	if (r->oom)
		fprintf(out, "\n(out of memory: lists above are partial)\n");
	return ferror(out) ? NS_EIO : 0;
}
