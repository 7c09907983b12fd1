/*
 * Tests for synth: determinism, exact row counts, RFC 4180 shape, dates and
 * time zones, the realistic shape of the data, and --dirty with its expect
 * file checked against an independent validator written here.
 */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nserr.h"
#include "synth/synth.h"

#define NF 14
#define FMAX 1024

enum { C_ID, C_STARTED, C_CHANNEL, C_LANG, C_POSTAL, C_REGION, C_AGE,
       C_GENDER, C_CODE, C_CATEGORY, C_STATUS, C_REASON, C_REFS, C_REFTO };

struct rec {
	int nf;
	unsigned long line;          /* physical line where it starts */
	char f[NF + 1][FMAX];        /* extra fields land in the last slot */
};

struct out {
	char *csv, *exp;
	size_t csvlen, explen;
	int rc;
};

/* Generate with o into memory (CSV and expect streams). */
static void gen(const struct synth_opts *o, struct out *r)
{
	struct nserr err;
	FILE *f = open_memstream(&r->csv, &r->csvlen);
	FILE *e = open_memstream(&r->exp, &r->explen);

	nserr_init(&err);
	r->rc = synth_write(o, f, e, &err);
	fclose(f);
	fclose(e);
}

static void out_free(struct out *r)
{
	free(r->csv);
	free(r->exp);
}

/*
 * A strict RFC 4180 record splitter (LF line ends, final LF required):
 * returns 1 and fills *r, 0 at the end of the input, -1 when malformed.
 */
static int next_record(const char **pp, const char *end, unsigned long *line,
		       struct rec *r)
{
	const char *p = *pp;
	char *f;
	size_t n;

	if (p == end)
		return 0;
	r->nf = 0;
	r->line = *line;
	for (;;) {
		f = r->f[r->nf < NF ? r->nf : NF];
		n = 0;
		if (p < end && *p == '"') {
			for (p++;; p++) {
				if (p == end)
					return -1;
				if (*p == '"' && (p + 1 == end || p[1] != '"'))
					break;
				if (*p == '"')
					p++;
				if (*p == '\n')
					(*line)++;
				if (n + 1 < FMAX)
					f[n++] = *p;
			}
			p++;
			if (p < end && *p != ',' && *p != '\n')
				return -1;
		} else {
			for (; p < end && *p != ',' && *p != '\n'; p++) {
				if (*p == '"' || *p == '\r')
					return -1;
				if (n + 1 < FMAX)
					f[n++] = *p;
			}
		}
		f[n] = '\0';
		r->nf++;
		if (p == end)
			return -1;
		if (*p++ == '\n')
			break;
	}
	(*line)++;
	*pp = p;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

static int dim(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
				  31};

	if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int64_t days_civil(int y, int m, int d)
{
	int64_t n = 0;
	int i;

	for (i = 1970; i < y; i++)
		n += 365 + (dim(i, 2) == 29);
	for (i = 1; i < m; i++)
		n += dim(y, i);
	return n + d - 1;
}

/* YYYY-MM-DDTHH:MM:SS+HH:MM naming a real local time. */
static int valid_started(const char *s)
{
	int y = num(s, 4), m, d;

	if (strlen(s) != 25 || y < 0 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    (s[19] != '-' && s[19] != '+') || s[22] != ':' ||
	    num(s + 11, 2) < 0 || num(s + 11, 2) > 23 ||
	    num(s + 14, 2) < 0 || num(s + 14, 2) > 59 ||
	    num(s + 17, 2) < 0 || num(s + 17, 2) > 59 ||
	    num(s + 20, 2) < 0 || num(s + 23, 2) < 0)
		return 0;
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	return m >= 1 && m <= 12 && d >= 1 && d <= dim(y, m);
}

/* UTC seconds of a valid started_at. */
static int64_t started_utc(const char *s)
{
	int64_t t = days_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2)) *
		    86400 + num(s + 11, 2) * 3600 + num(s + 14, 2) * 60 +
		    num(s + 17, 2);
	int off = num(s + 20, 2) * 60 + num(s + 23, 2);

	return s[19] == '-' ? t + off * 60 : t - off * 60;
}

/* One code of the FORMATS.md section 2 grammar, s[0..n). */
static int valid_code1(const char *s, size_t n)
{
	static const char sep[] = "-.--";
	static const size_t lo[] = {3, 3, 2, 2}, hi[] = {4, 4, 3, 2};
	size_t i = 2, k;
	int lvl;

	if (n < 1 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	if (n == 1)
		return 1;
	if (s[1] < 'A' || s[1] > 'Z')
		return 0;
	for (lvl = 0; i < n && lvl < 4; lvl++) {
		if (s[i++] != sep[lvl])
			return 0;
		for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			k++;
		if (k < lo[lvl] || k > hi[lvl])
			return 0;
	}
	return i == n;
}

/* A service code, then optional " * " target codes (section Y). */
static int valid_code(const char *s)
{
	const char *q;
	int first = 1;

	for (;;) {
		q = strstr(s, " * ");
		if (!valid_code1(s, q ? (size_t)(q - s) : strlen(s)) ||
		    (!first && s[0] != 'Y'))
			return 0;
		if (!q)
			return 1;
		first = 0;
		s = q + 3;
	}
}

static int valid_status(const char *s)
{
	char b[16];
	size_t n = 0;

	for (; *s == ' '; s++)
		;
	for (; *s && *s != ' ' && n + 1 < sizeof b; s++)
		b[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	b[n] = '\0';
	for (; *s == ' '; s++)
		;
	return !*s && (!strcmp(b, "met") || !strcmp(b, "unmet") ||
		       !strcmp(b, "partial"));
}

/* The first bad required column of a row, NULL when the row must load. */
static const char *first_bad(const struct rec *r)
{
	const char *refs = r->f[C_REFS];

	if (!valid_started(r->f[C_STARTED]))
		return "started_at";
	if (r->f[C_CODE][0] ? !valid_code(r->f[C_CODE]) : !r->f[C_CATEGORY][0])
		return "need_code";
	if (!valid_status(r->f[C_STATUS]))
		return "need_status";
	if (num(refs, (int)strlen(refs)) < 0)
		return "referrals";
	return NULL;
}

static void opts(struct synth_opts *o, unsigned long needs)
{
	synth_opts_init(o);
	o->needs = needs;
}

static void test_header_and_count(void)
{
	struct synth_opts o;
	struct out r;
	struct rec *rec = malloc(sizeof *rec);
	const char *p;
	unsigned long line = 1, rows = 0;
	int rc, bad = 0;

	opts(&o, 777);
	gen(&o, &r);
	CU_ASSERT_EQUAL_FATAL(r.rc, 0);
	CU_ASSERT_EQUAL(strncmp(r.csv, SYNTH_HEADER "\n",
				strlen(SYNTH_HEADER) + 1), 0);
	p = r.csv;
	while ((rc = next_record(&p, r.csv + r.csvlen, &line, rec)) == 1) {
		bad += rec->nf != NF;
		rows++;
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(rows, 778);     /* header + 777 needs */
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(r.explen, 0);
	out_free(&r);
	opts(&o, 0);
	gen(&o, &r);
	CU_ASSERT_EQUAL(r.rc, 0);
	CU_ASSERT_STRING_EQUAL(r.csv, SYNTH_HEADER "\n");
	out_free(&r);
	free(rec);
}

static void test_determinism(void)
{
	struct synth_opts o;
	struct out a, b, c;

	opts(&o, 3000);
	gen(&o, &a);
	gen(&o, &b);
	CU_ASSERT_EQUAL(a.rc, 0);
	CU_ASSERT_EQUAL_FATAL(a.csvlen, b.csvlen);
	CU_ASSERT_EQUAL(memcmp(a.csv, b.csv, a.csvlen), 0);
	o.seed = 212;
	gen(&o, &c);
	CU_ASSERT(c.csvlen != a.csvlen ||
		  memcmp(a.csv, c.csv, a.csvlen) != 0);
	out_free(&a);
	out_free(&b);
	out_free(&c);
}

/* Every row valid, in range, chronological (UTC), consistent. */
static void test_rows_valid(void)
{
	struct synth_opts o;
	struct out r;
	struct rec *rec = malloc(sizeof *rec);
	const char *p;
	unsigned long line = 1, bad = 0, order = 0, range = 0, refs = 0;
	int64_t prev = 0, t;
	int n, semis;
	const char *s;

	opts(&o, 5000);
	o.from_year = 2023;
	o.from_month = 11;
	o.to_year = 2024;
	o.to_month = 2;
	gen(&o, &r);
	CU_ASSERT_EQUAL_FATAL(r.rc, 0);
	p = r.csv;
	next_record(&p, r.csv + r.csvlen, &line, rec);
	while (next_record(&p, r.csv + r.csvlen, &line, rec) == 1) {
		bad += first_bad(rec) != NULL || rec->f[C_REGION][0] ||
		       strlen(rec->f[C_POSTAL]) != 7;
		t = started_utc(rec->f[C_STARTED]);
		order += t < prev;
		prev = t;
		range += strncmp(rec->f[C_STARTED], "2023-11-01", 10) < 0 ||
			 strncmp(rec->f[C_STARTED], "2024-02-29", 10) > 0;
		n = num(rec->f[C_REFS], (int)strlen(rec->f[C_REFS]));
		for (semis = 0, s = rec->f[C_REFTO]; *s; s++)
			semis += *s == ';';
		refs += n == 0 ? rec->f[C_REFTO][0] != '\0'
			       : semis + 1 != (n > 3 ? 3 : n);
		refs += !strcmp(rec->f[C_STATUS], "unmet") && n != 0;
		refs += !strcmp(rec->f[C_STATUS], "met") &&
			rec->f[C_REASON][0] != '\0';
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(order, 0);
	CU_ASSERT_EQUAL(range, 0);
	CU_ASSERT_EQUAL(refs, 0);
	out_free(&r);
	free(rec);
}

static int off(const char *prov, int64_t t)
{
	int m = 9999;

	CU_ASSERT_EQUAL(synth_utc_offset(prov, t, &m), 0);
	return m;
}

static void test_offsets(void)
{
	int m = 1;

	CU_ASSERT_EQUAL(off("ON", 1721044800), -240);  /* 2024-07-15 12:00Z */
	CU_ASSERT_EQUAL(off("ON", 1705320000), -300);  /* 2024-01-15 */
	CU_ASSERT_EQUAL(off("ON", 1710053999), -300);  /* 2024-03-10 06:59:59 */
	CU_ASSERT_EQUAL(off("ON", 1710054000), -240);  /* 07:00:00 */
	CU_ASSERT_EQUAL(off("ON", 1730613599), -240);  /* 2024-11-03 05:59:59 */
	CU_ASSERT_EQUAL(off("ON", 1730613600), -300);
	CU_ASSERT_EQUAL(off("NL", 1710048599), -210);  /* 2024-03-10 05:29:59 */
	CU_ASSERT_EQUAL(off("NL", 1710048600), -150);
	CU_ASSERT_EQUAL(off("SK", 1721044800), -360);
	CU_ASSERT_EQUAL(off("SK", 1705320000), -360);
	CU_ASSERT_EQUAL(off("BC", 1721044800), -420);
	CU_ASSERT_EQUAL(off("NU", 1705320000), -300);
	CU_ASSERT_EQUAL(off("YT", 1547553600), -480);  /* 2019-01-15 */
	CU_ASSERT_EQUAL(off("YT", 1561982400), -420);  /* 2019-07-01 */
	CU_ASSERT_EQUAL(off("YT", 1705320000), -420);  /* 2024-01: UTC-7 */
	CU_ASSERT_EQUAL(off("ON", 1142424000), -300);  /* 2006-03-15 */
	CU_ASSERT_EQUAL(off("ON", 1143961199), -300);  /* 2006-04-02 06:59:59 */
	CU_ASSERT_EQUAL(off("ON", 1143961200), -240);
	CU_ASSERT_EQUAL(off("ON", 1162101599), -240);  /* 2006-10-29 05:59:59 */
	CU_ASSERT_EQUAL(off("ON", 1162101600), -300);
	CU_ASSERT_EQUAL(synth_utc_offset("XX", 0, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(m, 1);
}

/* Generated Ontario rows: -04:00 in July, -05:00 in January. */
static void test_generated_offsets(void)
{
	struct synth_opts o;
	struct out r;
	struct rec *rec = malloc(sizeof *rec);
	const char *p, *s;
	unsigned long line = 1, jul = 0, jan = 0, wrong = 0;

	opts(&o, 4000);
	o.from_year = 2024;
	o.from_month = 1;
	o.to_year = 2024;
	o.to_month = 7;
	gen(&o, &r);
	p = r.csv;
	while (next_record(&p, r.csv + r.csvlen, &line, rec) == 1) {
		s = rec->f[C_STARTED];
		if (!strchr("KLMNP", rec->f[C_POSTAL][0]))
			continue;
		if (!strncmp(s, "2024-07", 7)) {
			jul++;
			wrong += strcmp(s + 19, "-04:00") != 0;
		} else if (!strncmp(s, "2024-01", 7)) {
			jan++;
			wrong += strcmp(s + 19, "-05:00") != 0;
		}
	}
	CU_ASSERT(jul > 100);
	CU_ASSERT(jan > 100);
	CU_ASSERT_EQUAL(wrong, 0);
	out_free(&r);
	free(rec);
}

/* Needs per contact, unmet shares, blank codes, trends, languages. */
static void test_shape(void)
{
	struct synth_opts o;
	struct out r;
	struct rec *rec = malloc(sizeof *rec);
	const char *p;
	char last[64] = "";
	unsigned long line = 1, rows = 0, unmet = 0, partial = 0, blank = 0;
	unsigned long hous = 0, hous_unmet = 0, contacts = 0, run = 0, k[5] = {0};
	unsigned long ph[2] = {0}, all[2] = {0}, qc = 0, qc_fr = 0;
	int y;

	opts(&o, 40000);
	o.from_year = 2016;
	o.from_month = 1;
	o.to_year = 2025;
	o.to_month = 12;
	gen(&o, &r);
	p = r.csv;
	next_record(&p, r.csv + r.csvlen, &line, rec);
	while (next_record(&p, r.csv + r.csvlen, &line, rec) == 1) {
		rows++;
		if (strcmp(rec->f[C_ID], last)) {
			if (run) {
				k[run < 5 ? run : 0]++;
				contacts++;
			}
			run = 0;
			if (snprintf(last, sizeof last, "%s", rec->f[C_ID]) >=
			    (int)sizeof last)
				CU_FAIL("a contact id longer than 63 bytes");
		}
		run++;
		unmet += !strcmp(rec->f[C_STATUS], "unmet");
		partial += !strcmp(rec->f[C_STATUS], "partial");
		blank += !rec->f[C_CODE][0] && rec->f[C_CATEGORY][0];
		if (!strncmp(rec->f[C_CODE], "BH-", 3) &&
		    strncmp(rec->f[C_CODE], "BH-89", 5)) {
			hous++;
			hous_unmet += !strcmp(rec->f[C_STATUS], "unmet");
		}
		y = num(rec->f[C_STARTED], 4);
		if (y == 2016 || y == 2025) {
			all[y == 2025]++;
			ph[y == 2025] += !strcmp(rec->f[C_CHANNEL], "phone");
		}
		if (strchr("GHJ", rec->f[C_POSTAL][0])) {
			qc++;
			qc_fr += !strcmp(rec->f[C_LANG], "fr");
		}
	}
	k[run < 5 ? run : 0]++;
	contacts++;
	CU_ASSERT_EQUAL(rows, 40000);
	CU_ASSERT(k[1] * 100 > contacts * 50 && k[1] * 100 < contacts * 60);
	CU_ASSERT(k[2] * 100 > contacts * 25 && k[2] * 100 < contacts * 35);
	CU_ASSERT(k[4] > 0 && k[0] == 0);
	CU_ASSERT(unmet * 100 > rows * 9 && unmet * 100 < rows * 15);
	CU_ASSERT(partial * 100 > rows * 2 && partial * 100 < rows * 5);
	CU_ASSERT(hous_unmet * rows * 10 > 18 * unmet * hous);
	CU_ASSERT(blank * 1000 > rows * 5 && blank * 1000 < rows * 15);
	CU_ASSERT(ph[0] * 100 / all[0] > ph[1] * 100 / all[1] + 15);
	CU_ASSERT(qc_fr * 100 > qc * 65);
	out_free(&r);
	free(rec);
}

/* --dirty: expected lines are record starts naming the first bad required
 * column, exactly the rows the independent validator rejects. */
static void test_dirty_expect(void)
{
	struct synth_opts o;
	struct out r;
	struct rec *rec = malloc(sizeof *rec);
	const char *p, *e, *why;
	char want[64];
	unsigned long line = 1, rows = 0, rejects = 0, shifted = 0;
	unsigned long mismatch = 0, cols[4] = {0};
	int n;

	opts(&o, 20000);
	o.dirty = 1;
	gen(&o, &r);
	CU_ASSERT_EQUAL_FATAL(r.rc, 0);
	p = r.csv;
	e = r.exp;
	next_record(&p, r.csv + r.csvlen, &line, rec);
	while ((n = next_record(&p, r.csv + r.csvlen, &line, rec)) == 1) {
		rows++;
		CU_ASSERT_EQUAL(rec->nf, NF);
		shifted += line - rec->line > 1;
		why = first_bad(rec);
		if (!why)
			continue;
		rejects++;
		cols[why[0] == 's' ? 0 : why[5] == 'c' ? 1 : why[5] == 's' ? 2 : 3]++;
		snprintf(want, sizeof want, "%lu,%s\n", rec->line, why);
		if ((size_t)(r.exp + r.explen - e) < strlen(want) ||
		    strncmp(e, want, strlen(want)) != 0) {
			mismatch++;
			continue;
		}
		e += strlen(want);
	}
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(rows, 20000);
	CU_ASSERT_EQUAL(mismatch, 0);
	CU_ASSERT_PTR_EQUAL(e, r.exp + r.explen);  /* nothing unexplained */
	CU_ASSERT(rejects > 100 && rejects * 100 < rows * 5);
	CU_ASSERT(cols[0] && cols[1] && cols[2] && cols[3]);
	CU_ASSERT(shifted > 0);                    /* quoted newlines seen */
	out_free(&r);
	free(rec);
}

/* Dirty output damages the clean data: same contacts, same row count. */
static void test_dirty_same_base(void)
{
	struct synth_opts o;
	struct out a, b;
	struct rec *ra = malloc(sizeof *ra), *rb = malloc(sizeof *rb);
	const char *pa, *pb;
	unsigned long la = 1, lb = 1, diff = 0, same = 0;

	opts(&o, 2000);
	gen(&o, &a);
	o.dirty = 1;
	gen(&o, &b);
	pa = a.csv;
	pb = b.csv;
	while (next_record(&pa, a.csv + a.csvlen, &la, ra) == 1 &&
	       next_record(&pb, b.csv + b.csvlen, &lb, rb) == 1) {
		diff += strcmp(ra->f[C_ID], rb->f[C_ID]) != 0;
		same += strcmp(ra->f[C_AGE], rb->f[C_AGE]) == 0;
	}
	CU_ASSERT_EQUAL(diff, 0);
	CU_ASSERT_EQUAL(same, 2001);
	CU_ASSERT(a.csvlen != b.csvlen || memcmp(a.csv, b.csv, a.csvlen));
	out_free(&a);
	out_free(&b);
	free(ra);
	free(rb);
}

static void test_parse_month(void)
{
	int y = 0, m = 0;

	CU_ASSERT_EQUAL(synth_parse_month("2024-04", &y, &m), 0);
	CU_ASSERT_EQUAL(y, 2024);
	CU_ASSERT_EQUAL(m, 4);
	CU_ASSERT_EQUAL(synth_parse_month("2024-13", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(synth_parse_month("2024-00", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(synth_parse_month("2024-4", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(synth_parse_month("2024-04-01", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(synth_parse_month("1989-12", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(synth_parse_month("", &y, &m), NS_EUSAGE);
	CU_ASSERT_EQUAL(y, 2024);
	CU_ASSERT_EQUAL(m, 4);
}

static void test_bad_opts(void)
{
	struct synth_opts o;
	struct nserr err;
	FILE *f = tmpfile();

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	nserr_init(&err);
	opts(&o, 10);
	o.from_year = 2025;
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "'2025-04' is after '2025-03'");
	opts(&o, SYNTH_NEEDS_MAX + 1);
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EUSAGE);
	opts(&o, 10);
	o.to_month = 13;
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(ftell(f), 0);   /* nothing written */
	fclose(f);
}

/* The first contact id of a run with these options. */
static void first_id(const struct synth_opts *o, char *id, size_t size)
{
	struct out r;
	const char *nl, *comma;

	gen(o, &r);
	CU_ASSERT_EQUAL_FATAL(r.rc, 0);
	nl = strchr(r.csv, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
	comma = strchr(nl + 1, ',');
	CU_ASSERT_PTR_NOT_NULL_FATAL(comma);
	snprintf(id, size, "%.*s", (int)(comma - nl - 1), nl + 1);
	out_free(&r);
}

/* Contact ids are unique across seeds and periods (several files load side
 * by side under one source), the same for the same options, and a prefix
 * given replaces the seed and period. */
static void test_ids(void)
{
	struct synth_opts o;
	struct nserr err;
	char a[96], b[96];
	FILE *f = tmpfile();

	opts(&o, 10);
	first_id(&o, a, sizeof a);
	CU_ASSERT_STRING_EQUAL(a, "S211-202404-202503-00000001");
	first_id(&o, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(a, b);
	o.seed = 7;
	first_id(&o, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "S7-202404-202503-00000001");
	opts(&o, 10);
	o.from_year = o.to_year = 2024;
	o.from_month = o.to_month = 5;
	first_id(&o, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "S211-202405-202405-00000001");
	o.id_prefix = "C";
	first_id(&o, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "C00000001");
	o.id_prefix = "";
	first_id(&o, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "00000001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	nserr_init(&err);
	o.id_prefix = "a,b";
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EUSAGE);
	o.id_prefix = "0123456789012345678901234567890123456789x";
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EUSAGE);
	CU_ASSERT_EQUAL(ftell(f), 0);   /* nothing written */
	CU_ASSERT(synth_id_prefix_ok("0123456789012345678901234567890123456789"));
	CU_ASSERT(!synth_id_prefix_ok("a b"));
	fclose(f);
}

/* A full disk must not look like success. */
static void test_write_error(void)
{
	struct synth_opts o;
	struct nserr err;
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		return;     /* no /dev/full on this system */
	nserr_init(&err);
	opts(&o, 2000);
	o.out_name = "full.csv";
	CU_ASSERT_EQUAL(synth_write(&o, f, NULL, &err), NS_EIO);
	CU_ASSERT_EQUAL(strncmp(err.msg, "cannot write 'full.csv': ", 25), 0);
	fclose(f);
}

static CU_TestInfo tests[] = {
	{"header and exact row count", test_header_and_count},
	{"contact ids unique across seeds and periods", test_ids},
	{"determinism", test_determinism},
	{"rows valid, in range, chronological", test_rows_valid},
	{"utc offsets and dst", test_offsets},
	{"generated ontario offsets", test_generated_offsets},
	{"realistic shape", test_shape},
	{"dirty rows and expect file", test_dirty_expect},
	{"dirty damages the same base data", test_dirty_same_base},
	{"parse month", test_parse_month},
	{"bad options", test_bad_opts},
	{"write error", test_write_error},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_synth[] = {
	{"synth", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
