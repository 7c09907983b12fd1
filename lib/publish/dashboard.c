/*
 * dashboard: building the model of a month's dashboard from the reports
 * (dashboard.h).  The reports run with suppression off; the tables built
 * here copy their true counts, and dash_supp.c suppresses them all as one
 * set before anything is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/numfmt.h"
#include "dash_int.h"
#include "dashboard.h"

void dashboard_init(struct dashboard *d)
{
	size_t i;

	memset(d, 0, sizeof *d);
	for (i = 0; i < DASH_NTABLES; i++)
		table_init(&d->t[i]);
	for (i = 0; i < DASH_NCHARTS; i++) {
		chart_init(&d->chart[i][NS_EN]);
		chart_init(&d->chart[i][NS_FR]);
	}
	report_set_init(&d->book);
}

void dashboard_release(struct dashboard *d)
{
	size_t i;

	for (i = 0; i < DASH_NTABLES; i++)
		table_release(&d->t[i]);
	for (i = 0; i < DASH_NCHARTS; i++) {
		chart_release(&d->chart[i][NS_EN]);
		chart_release(&d->chart[i][NS_FR]);
	}
	for (i = 0; i < d->nnotes; i++) {
		free(d->notes[i].text[NS_EN]);
		free(d->notes[i].text[NS_FR]);
	}
	report_set_release(&d->book);
	dashboard_init(d);
}

/* run_one: load report id and run it for o into t (initialised). */
static int run_one(sqlite3 *db, const char *dir, const char *id,
		   const struct report_opts *o, struct report *r,
		   struct table *t, struct nserr *err)
{
	int rc = report_find(dir, id, r, err);

	if (!rc)
		rc = report_run(db, r, o, t, err);
	if (rc)
		nserr_prefix(err, "%s", id);
	return rc;
}

/* col: the column `name` of t, or -1 (the caller checks). */
static int col(const struct table *t, const char *name)
{
	return table_col_find(t, name);
}

/* copy_cell: (sr, sc) of s into (dr, dc) of d, value and the flags that
 * say a value does not exist (not recorded, no data). */
static int copy_cell(struct table *d, size_t dr, size_t dc,
		     const struct table *s, size_t sr, int sc)
{
	const struct table_col *c;
	unsigned f;
	int rc;

	if (sc < 0)
		return table_set_null(d, dr, dc);
	c = table_col(s, (size_t)sc);
	f = table_flags(s, sr, (size_t)sc) & (CELL_NOT_RECORDED | CELL_NO_DATA |
					     CELL_SIGNIFICANT);
	if (table_is_null(s, sr, (size_t)sc))
		rc = table_set_null(d, dr, dc);
	else if (c->type == COL_TEXT)
		rc = table_set_text(d, dr, dc, table_get_text(s, sr, (size_t)sc,
				    NS_EN), table_get_text(s, sr, (size_t)sc,
							   NS_FR));
	else if (c->type == COL_INT)
		rc = table_set_int(d, dr, dc, table_cell(s, sr,
				   (size_t)sc)->v.i);
	else
		rc = table_set_real(d, dr, dc, table_get_real(s, sr,
				    (size_t)sc));
	if (!rc && f)
		rc = table_add_flags(d, dr, dc, f);
	return rc;
}

/* add_cols: columns of d named in names[], typed and labelled as in s. */
static int add_cols(struct table *d, const struct table *s,
		    const char *const *names)
{
	size_t i;
	int c, n, rc;

	for (i = 0; names[i]; i++) {
		const struct table_col *sc;

		if ((c = col(s, names[i])) < 0)
			return NS_ECONFIG;
		sc = table_col(s, (size_t)c);
		n = table_add_col(d, names[i], sc->type,
				  table_col_label(s, (size_t)c, NS_EN),
				  table_col_label(s, (size_t)c, NS_FR));
		if (n < 0)
			return n;
		rc = table_col_set_flags(d, (size_t)n, sc->flags & ~COLF_BOUND);
		if (!rc && sc->decimals >= 0)
			rc = table_col_set_decimals(d, (size_t)n, sc->decimals);
		if (!rc && sc->unit[NS_EN])
			rc = table_col_set_unit(d, (size_t)n,
						table_col_unit(s, (size_t)c, NS_EN),
						table_col_unit(s, (size_t)c, NS_FR));
		if (rc)
			return rc;
	}
	/* intervals: NAME_lo and NAME_hi follow NAME */
	for (i = 0; names[i]; i++) {
		char lo[64], hi[64];
		int a, b;

		snprintf(lo, sizeof lo, "%s_lo", names[i]);
		snprintf(hi, sizeof hi, "%s_hi", names[i]);
		a = col(d, lo);
		b = col(d, hi);
		if (a >= 0 && b >= 0 &&
		    (rc = table_col_set_interval(d, (size_t)col(d, names[i]),
						 a, b)))
			return rc;
	}
	return 0;
}

/* copy_row: a new row of d holding the columns of s named like d's. */
static int copy_row(struct table *d, const struct table *s, size_t sr)
{
	int r = table_add_row(d), rc = 0;
	size_t c;

	if (r < 0)
		return r;
	for (c = 0; c < table_ncols(d) && !rc; c++)
		rc = copy_cell(d, (size_t)r, c, s, sr,
			       col(s, table_col(d, c)->name));
	if (!rc && (table_row_flags(s, sr) & ROW_TOTAL))
		rc = table_set_row_flags(d, (size_t)r, ROW_TOTAL);
	return rc ? rc : r;
}

static int setup(struct table *t, const char *id, const char *en,
		 const char *fr, const struct dashboard *d)
{
	int rc = table_set_id(t, id);

	if (!rc)
		rc = table_set_title(t, en, fr);
	if (!rc)
		rc = table_set_subtitle(t, d->period[NS_EN], d->period[NS_FR]);
	table_set_min_cell(t, d->min_cell);
	return rc;
}

/* build_status: needs and unmet needs by category, with the unmet share
 * (unmet / needs whose outcome is recorded).  Met and partly met are left
 * out: partly met is small in most categories, and with the equation
 * needs = met + partly met + unmet it would take the unmet count of the
 * big categories down with it when suppressed. */
static int build_status(struct dashboard *d, const struct table *s)
{
	static const char *const names[] = { "category", "needs", "unmet",
		"unmet_share", "unmet_share_lo", "unmet_share_hi", NULL };
	struct table *t = &d->t[DASH_STATUS];
	size_t r;
	int rc;

	if ((rc = setup(t, "status", "Needs and unmet needs by category",
			"Besoins et besoins non combl\xc3\xa9s par "
			"cat\xc3\xa9gorie", d)) || (rc = add_cols(t, s, names)))
		return rc;
	for (r = 0; r < table_nrows(s); r++)
		if ((rc = copy_row(t, s, r)) < 0)
			return rc;
	return 0;
}

/* build_region: unmet needs by region (funders_unmet, the rows of all
 * categories), with the rate per 10,000. */
static int build_region(struct dashboard *d, const struct table *s,
			const struct report *rep)
{
	static const char *const names[] = { "region", "unmet", "rate",
		"rate_lo", "rate_hi", NULL };
	struct table *t = &d->t[DASH_REGION];
	int cc = col(s, "category"), rc0 = col(s, "region"), rc;
	size_t r;

	if (cc < 0 || rc0 < 0 || !rep->total[1][NS_EN])
		return NS_ECONFIG;
	if ((rc = setup(t, "region", "Unmet needs by region",
			"Besoins non combl\xc3\xa9s par r\xc3\xa9gion", d)) ||
	    (rc = add_cols(t, s, names)))
		return rc;
	for (r = 0; r < table_nrows(s); r++) {
		const char *cat = table_get_text(s, r, (size_t)cc, NS_EN);

		const char *reg = table_get_text(s, r, (size_t)rc0, NS_EN);
		int nr;

		if (!cat || strcmp(cat, rep->total[1][NS_EN]) != 0)
			continue;
		if ((nr = copy_row(t, s, r)) < 0)
			return nr;
		/* only the regions' total is a total row here */
		if (!reg || !rep->total[0][NS_EN] ||
		    strcmp(reg, rep->total[0][NS_EN]) != 0)
			table_set_row_flags(t, (size_t)nr, 0);
	}
	return 0;
}

/* build_trend: the series of trends for the month. */
static int build_trend(struct dashboard *d, const struct table *s)
{
	static const char *const names[] = { "category", "needs",
		"needs_prev", "change", "change_lo", "change_hi", "significant",
		NULL };
	struct table *t = &d->t[DASH_TREND];
	size_t r;
	int rc;

	if ((rc = setup(t, "trend", "Needs against the same month a year "
			"earlier", "Besoins par rapport au m\xc3\xaame mois un "
			"an plus t\xc3\xb4t", d)) || (rc = add_cols(t, s, names)))
		return rc;
	for (r = 0; r < table_nrows(s); r++)
		if ((rc = copy_row(t, s, r)) < 0)
			return rc;
	return 0;
}

/* headline_col: a column named name in the headline, as src's column. */
static int headline(struct dashboard *d, const struct table *vol,
		    const struct table *st, const struct table *tr)
{
	static const char *const sn[] = { "needs", "unmet", "unmet_share",
		"unmet_share_lo", "unmet_share_hi", NULL };
	static const char *const tn[] = { "needs_prev", "change", "change_lo",
		"change_hi", "significant", NULL };
	struct table *t = &d->t[DASH_HEADLINE];
	size_t i, c;
	int r, rc;

	if ((rc = setup(t, "headline", "The month at a glance",
			"Le mois en bref", d)))
		return rc;
	if ((rc = add_cols(t, vol, (const char *const[]){ "contacts", NULL }))
	    || (rc = add_cols(t, st, sn)) || (rc = add_cols(t, tr, tn)))
		return rc;
	if ((r = table_add_row(t)) < 0)
		return r;
	for (c = 0; c < table_ncols(t); c++) {
		const char *name = table_col(t, c)->name;
		const struct table *s = c == 0 ? vol : c <= 5 ? st : tr;
		size_t row = 0;

		/* the total row of volume and status, the first series
		 * (all needs) of trends */
		for (i = 0; s != tr && i < table_nrows(s); i++)
			if (table_row_flags(s, i) & ROW_TOTAL)
				row = i;
		if (table_nrows(s) == 0)
			rc = table_set_null(t, (size_t)r, c);
		else
			rc = copy_cell(t, (size_t)r, c, s, row, col(s, name));
		if (rc)
			return rc;
	}
	return 0;
}

/* build_quality: the data-quality notes of the month (data_quality
 * rows with a non-zero count other than the batch row counts). */
static int build_quality(struct dashboard *d, const struct table *q)
{
	int ck = col(q, "check"), fl = col(q, "field"), dt = col(q, "detail"),
	    cn = col(q, "count"), sh = col(q, "share");
	size_t r;

	if (ck < 0 || fl < 0 || dt < 0 || cn < 0 || sh < 0)
		return NS_ECONFIG;
	for (r = 0; r < table_nrows(q) && d->nnotes < DASH_MAX_DQ; r++) {
		const char *check = table_get_text(q, r, (size_t)ck, NS_EN);
		int64_t n;
		int lang;

		if (table_is_null(q, r, (size_t)cn) || !check ||
		    strcmp(check, "Rows of the batch") == 0)
			continue;
		if ((n = table_cell(q, r, (size_t)cn)->v.i) <= 0)
			continue;
		for (lang = 0; lang < NS_NLANG; lang++) {
			char pct[NF_BUFSZ], buf[2 * NF_BUFSZ + 64];
			const char *f = table_get_text(q, r, (size_t)fl, lang);
			const char *det = table_get_text(q, r, (size_t)dt, lang);

			if (n < d->min_cell)
				snprintf(pct, sizeof pct, lang ? "moins de %d"
					 : "fewer than %d", d->min_cell);
			else if (table_cell_display(q, r, (size_t)sh, lang,
						    NF_UNICODE, pct, sizeof pct)
				 == NULL)
				pct[0] = '\0';
			snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s",
				 table_get_text(q, r, (size_t)ck, lang),
				 f && *f ? " \xe2\x80\x93 " : "", f ? f : "",
				 det && *det ? ", " : "", det ? det : "",
				 lang == NS_FR ? "\xc2\xa0: " : ": ", pct);
			if (!(d->notes[d->nnotes].text[lang] = strdup(buf)))
				return NS_ENOMEM;
		}
		d->nnotes++;
	}
	return 0;
}

static void period_names(struct dashboard *d)
{
	int lang;

	for (lang = 0; lang < NS_NLANG; lang++)
		nf_month_long(d->period[lang], sizeof d->period[lang],
			      d->month / 100, d->month % 100, lang, NF_UNICODE);
}

static void when(struct dashboard *d, const char *at)
{
	time_t now = time(NULL);
	struct tm tm;

	if (at) {
		snprintf(d->generated_at, sizeof d->generated_at, "%s", at);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(d->generated_at, sizeof d->generated_at,
		 "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum { R_VOL, R_STATUS, R_FUND, R_TREND, R_DQ, R_N };

int dashboard_build(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, struct dashboard *d,
		    struct nserr *err)
{
	static const char *const ids[R_N] = { "volume", "needs_status",
		"funders_unmet", "trends", "data_quality" };
	struct report rep[R_N];
	struct table src[R_N];
	struct report_opts ro = *o;
	size_t i;
	int rc = 0, tot;

	if (!o->period.from || o->period.from != o->period.to)
		return nserr_set(err, NS_EUSAGE, "a dashboard is for one month: "
				 "give --month YYYY-MM");
	d->month = o->period.from;
	d->min_cell = o->min_cell < 1 ? 1 : o->min_cell;
	period_names(d);
	when(d, o->generated_at);
	ro.min_cell = 1;            /* true counts: dash_supp.c suppresses */
	ro.audit = NULL;
	for (i = 0; i < R_N; i++) {
		report_init(&rep[i]);
		table_init(&src[i]);
	}
	for (i = 0; i < R_N && !rc; i++)
		rc = run_one(db, reports_dir, ids[i], &ro, &rep[i], &src[i], err);
	if (!rc)
		rc = build_status(d, &src[R_STATUS]);
	if (!rc)
		rc = build_region(d, &src[R_FUND], &rep[R_FUND]);
	if (!rc)
		rc = build_trend(d, &src[R_TREND]);
	if (!rc)
		rc = headline(d, &src[R_VOL], &src[R_STATUS], &src[R_TREND]);
	if (!rc)
		rc = build_quality(d, &src[R_DQ]);
	if (rc == NS_ECONFIG)
		rc = nserr_set(err, NS_ECONFIG, "the installed reports do not "
			       "have the columns the dashboard shows");
	else if (rc && !err->code)
		rc = nserr_set(err, rc, "cannot build the dashboard: %s",
			       nserr_str(rc));
	if (!rc) {
		tot = col(&d->t[DASH_HEADLINE], "needs");
		d->empty = table_is_null(&d->t[DASH_HEADLINE], 0, (size_t)tot) ||
			   table_cell(&d->t[DASH_HEADLINE], 0,
				      (size_t)tot)->v.i == 0;
		rc = dash_notes(d, &src[R_STATUS], err);
	}
	if (!rc)
		rc = dash_suppress(d, err);
	if (!rc)
		rc = dash_top(d, err);
	if (!rc)
		rc = dash_charts(d, err);
	if (!rc)
		rc = dash_book_build(db, reports_dir, o, d, err);
	for (i = 0; i < R_N; i++) {
		report_release(&rep[i]);
		table_release(&src[i]);
	}
	return rc;
}
