/*
 * report_cover: the notes that say where the data cannot answer, in
 * English and French: the months of the period that no loaded batch
 * covers ("no data", never 0), and, for reports built on a need's met or
 * unmet status, the needs and batches whose exports did not record it
 * (requests-only exports).  Called by report_notes.c.
 */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "report_int.h"

#define NOTE_MAX 1600
#define NBSP "\xc2\xa0"
#define LIST_MAX 5

/* months: months of the period that no batch's dates overlap. */
static const char months_sql[] =
	"WITH RECURSIVE m(ym) AS (SELECT :from UNION ALL "
	"SELECT CASE WHEN ym % 100 = 12 THEN ym + 89 ELSE ym + 1 END FROM m "
	"WHERE ym < :to) "
	"SELECT ym FROM m WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE "
	"b.date_min <= printf('%04d-%02d-31', ym / 100, ym % 100) AND "
	"b.date_max >= printf('%04d-%02d-01', ym / 100, ym % 100)) ORDER BY ym";

int rcover_months(struct rctx *x)
{
	char en[NOTE_MAX], fr[NOTE_MAX], lab[2][64], meta[400] = "";
	size_t le = 0, lf = 0, lm = 0;
	sqlite3_stmt *st;
	int rc, n = 0, ym;

	if (period_months(&x->per) == 0 || !x->has_data)
		return 0;
	if ((rc = report_prepare(x, months_sql, "the coverage query", &st)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ym = sqlite3_column_int(st, 0);
		if (lm < sizeof meta)
			lm += (size_t)snprintf(meta + lm, sizeof meta - lm,
					       "%s%04d-%02d", n ? "," : "",
					       ym / 100, ym % 100);
		if (++n > 12)
			continue;
		nf_month_long(lab[0], sizeof lab[0], ym / 100, ym % 100,
			      NS_EN, NF_TEXT);
		nf_month_long(lab[1], sizeof lab[1], ym / 100, ym % 100,
			      NS_FR, NF_TEXT);
		le += (size_t)snprintf(en + le, sizeof en - le, "%s%s",
				       n > 1 ? ", " : "", lab[0]);
		lf += (size_t)snprintf(fr + lf, sizeof fr - lf, "%s%s",
				       n > 1 ? ", " : "", lab[1]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(x->db, x->err, "cannot read batches");
	if (n == 0)
		return 0;
	if (n > 12) {
		snprintf(en + le, sizeof en - le, " and %d more", n - 12);
		snprintf(fr + lf, sizeof fr - lf, " et %d autres", n - 12);
	}
	table_set_meta(x->t, "months_no_data", meta);
	{
		char men[NOTE_MAX + 300], mfr[NOTE_MAX + 300];

		snprintf(men, sizeof men, "No data for %s: no loaded batch "
			 "covers %s, so %s not in the counts; tables show \"no "
			 "data\" there, not 0, and no change is computed "
			 "against %s.", en, n > 1 ? "these months" : "this "
			 "month", n > 1 ? "they are" : "it is", n > 1 ? "them"
			 : "it");
		snprintf(mfr, sizeof mfr, "Aucune donn\xc3\xa9" "e pour %s" NBSP
			 ": aucun lot charg\xc3\xa9 ne couvre %s, qui %s donc "
			 "absent%s des effectifs" NBSP "; les tableaux y "
			 "indiquent \xc2\xab" NBSP "aucune donn\xc3\xa9" "e" NBSP
			 "\xc2\xbb, pas 0, et aucune variation n'est calcul"
			 "\xc3\xa9" "e par rapport \xc3\xa0 %s.", fr, n > 1 ?
			 "ces mois" : "ce mois", n > 1 ? "sont" : "est",
			 n > 1 ? "s" : "", n > 1 ? "eux" : "lui");
		return rnote(x, men, mfr);
	}
}

int rcover_yoy(struct rctx *x)
{
	char en[NOTE_MAX], fr[NOTE_MAX];
	int n = x->yoy_from_zero;

	if (n == 0)
		return 0;
	snprintf(en, sizeof en, "No year-over-year change in %d row%s: the "
		 "same month a year earlier counts 0, and a change from 0 (or 0 "
		 "against 0) has no rate ratio.", n, n > 1 ? "s" : "");
	snprintf(fr, sizeof fr, "Aucune variation annuelle dans %d ligne%s"
		 NBSP ": le m\xc3\xaame mois un an plus t\xc3\xb4t compte 0, "
		 "et une variation depuis 0 (ou 0 contre 0) n'a pas de rapport "
		 "de taux.", n, n > 1 ? "s" : "");
	return rnote(x, en, fr);
}

/* ---- needs without a met/unmet status ---- */

/* The needs of the period (with the report's filters) and those whose
 * status was not recorded. */
static const char period_sql[] =
	"SELECT coalesce(sum(needs), 0), coalesce(sum(CASE WHEN status = "
	"'unrecorded' THEN needs ELSE 0 END), 0) FROM agg_needs "
	"WHERE month BETWEEN :from AND :to AND (:region IS NULL OR region_id "
	"IN (SELECT region_id FROM region_ancestors WHERE ancestor_id = "
	":region)) AND (:category IS NULL OR category = :category)";

/* The batches holding needs of the period without a status: reads the
 * raw tables, so only run when the aggregates show such needs. */
static const char batch_sql[] =
	"SELECT b.id, b.file_name, b.date_min, b.date_max, count(*), "
	"sum(n.status = 'unrecorded') FROM contacts c "
	"JOIN needs n ON n.contact_id = c.id JOIN batches b ON b.id = "
	"c.batch_id WHERE c.month BETWEEN :from AND :to AND (:region IS NULL "
	"OR c.region_id IN (SELECT region_id FROM region_ancestors WHERE "
	"ancestor_id = :region)) AND (:category IS NULL OR n.category = "
	":category) GROUP BY b.id HAVING sum(n.status = 'unrecorded') > 0 "
	"ORDER BY b.id";

/* batch_label: "#3 apr.csv, April 2 to 29, 2025: 4 of 4 needs" in lang. */
static void batch_label(sqlite3_stmt *st, int lang, char *buf, size_t size)
{
	const char *f = (const char *)sqlite3_column_text(st, 1);
	const char *slash = f ? strrchr(f, '/') : NULL;
	const char *d0 = (const char *)sqlite3_column_text(st, 2);
	const char *d1 = (const char *)sqlite3_column_text(st, 3);
	struct nf_ymd a, b;
	char per[160] = "", nu[32], nt[32];

	if (d0 && d1 && nf_parse_iso(d0, &a) == 3 && nf_parse_iso(d1, &b) == 3)
		nf_period(per, sizeof per, &a, &b, 0, lang, NF_TEXT);
	nf_int(nu, sizeof nu, sqlite3_column_int64(st, 5), lang, NF_UNICODE);
	nf_int(nt, sizeof nt, sqlite3_column_int64(st, 4), lang, NF_UNICODE);
	if (lang == NS_FR)
		snprintf(buf, size, "lot n\xc2\xb0" NBSP "%d %s, %s" NBSP ": "
			 "%s besoins sur %s sans statut",
			 sqlite3_column_int(st, 0), slash ? slash + 1 : f ? f
			 : "", per, nu, nt);
	else
		snprintf(buf, size, "batch #%d %s, %s: %s of %s needs without "
			 "status", sqlite3_column_int(st, 0), slash ? slash + 1
			 : f ? f : "", per, nu, nt);
}

/* status_batches: the batches list, en and fr ("; "-separated). */
static int status_batches(struct rctx *x, char *en, char *fr, size_t size)
{
	char one[2][400];
	size_t le = 0, lf = 0;
	sqlite3_stmt *st;
	int rc, n = 0;

	en[0] = fr[0] = '\0';
	if ((rc = report_prepare(x, batch_sql, "the status query", &st)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n > LIST_MAX)
			continue;
		batch_label(st, NS_EN, one[0], sizeof one[0]);
		batch_label(st, NS_FR, one[1], sizeof one[1]);
		le += (size_t)snprintf(en + le, size - le, "%s%s", n > 1 ?
				       "; " : "", one[0]);
		lf += (size_t)snprintf(fr + lf, size - lf, "%s%s", n > 1 ?
				       "; " : "", one[1]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(x->db, x->err, "cannot read needs");
	if (n > LIST_MAX) {
		snprintf(en + le, size - le, "; and %d more batches",
			 n - LIST_MAX);
		snprintf(fr + lf, size - lf, "; et %d autres lots",
			 n - LIST_MAX);
	}
	return 0;
}

int rcover_status_count(struct rctx *x)
{
	sqlite3_stmt *st;
	int rc;

	x->needs_all = x->needs_unrec = 0;
	if (rstore_col(&x->rs, "recorded") < 0 ||
	    period_months(&x->per) == 0 || !x->has_data)
		return 0;
	if ((rc = report_prepare(x, period_sql, "the status query", &st)))
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->needs_all = sqlite3_column_int64(st, 0);
		x->needs_unrec = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(x->db, x->err, "cannot read the aggregates");
	return 0;
}

int rcover_status(struct rctx *x)
{
	char ben[NOTE_MAX], bfr[NOTE_MAX], en[NOTE_MAX + 600];
	char fr[NOTE_MAX + 600], nu[2][32], nt[2][32], nr[2][32];
	int64_t all = x->needs_all, unrec = x->needs_unrec;
	int rc, l;

	if (unrec == 0)
		return 0;
	if ((rc = status_batches(x, ben, bfr, sizeof ben)) != 0)
		return rc;
	for (l = 0; l < NS_NLANG; l++) {
		nf_int(nu[l], sizeof nu[l], unrec, l, NF_UNICODE);
		nf_int(nt[l], sizeof nt[l], all, l, NF_UNICODE);
		nf_int(nr[l], sizeof nr[l], all - unrec, l, NF_UNICODE);
	}
	table_set_meta(x->t, "needs_status_not_recorded", nu[0]);
	if (unrec == all) {
		snprintf(en, sizeof en, "Status not recorded: none of the %s "
			 "needs of this period has a met or unmet status (%s): "
			 "the exports record requests only, so met and unmet "
			 "counts show \"not recorded\" and no share or rate of "
			 "them is computed.", nt[0], ben);
		snprintf(fr, sizeof fr, "Statut non consign\xc3\xa9" NBSP ": "
			 "aucun des %s besoins de cette p\xc3\xa9riode n'a de "
			 "statut combl\xc3\xa9 ou non combl\xc3\xa9 (%s)" NBSP
			 ": les exports ne consignent que les demandes, donc "
			 "les effectifs combl\xc3\xa9s et non combl\xc3\xa9s "
			 "indiquent \xc2\xab" NBSP "non consign\xc3\xa9" NBSP
			 "\xc2\xbb et aucune part ni aucun taux n'en est "
			 "calcul\xc3\xa9.", nt[1], bfr);
	} else {
		snprintf(en, sizeof en, "Status not recorded for %s of the %s "
			 "needs of this period (%s): met and unmet counts, "
			 "shares and rates are of the %s needs with a recorded "
			 "status; a row with none shows \"not recorded\".",
			 nu[0], nt[0], ben, nr[0]);
		snprintf(fr, sizeof fr, "Statut non consign\xc3\xa9 pour %s des "
			 "%s besoins de cette p\xc3\xa9riode (%s)" NBSP ": les "
			 "effectifs combl\xc3\xa9s et non combl\xc3\xa9s, les "
			 "parts et les taux portent sur les %s besoins dont le "
			 "statut est consign\xc3\xa9" NBSP "; une ligne qui "
			 "n'en a aucun indique \xc2\xab" NBSP "non consign"
			 "\xc3\xa9" NBSP "\xc2\xbb.", nu[1], nt[1], bfr, nr[1]);
	}
	return rnote(x, en, fr);
}

/* ---- the population of the total rows ---- */

/* grand_total: the total row whose population the note describes: the
 * grand total of a matrix, else a query total without a region; -1. */
static long grand_total(const struct rctx *x, const struct rref *reg)
{
	size_t row, n = table_nrows(x->t);

	for (row = n; row-- > 0;) {
		if (x->r->matrix[0] ? x->rs.rflags[row] &&
		    x->rs.dim[0][row] == RDIM_TOTAL &&
		    x->rs.dim[1][row] == RDIM_TOTAL :
		    (table_row_flags(x->t, row) & ROW_TOTAL) &&
		    !rctx_text(x, reg, row))
			return (long)row;
	}
	return -1;
}

/* region_row: the row that shows region i's own total: the row itself,
 * or in a matrix the region's "all" row. */
static size_t region_row(const struct rctx *x, size_t i)
{
	size_t row;

	if (!x->r->matrix[0])
		return i;
	for (row = 0; row < table_nrows(x->t); row++)
		if (x->rs.dim[0][row] == x->rs.dim[0][i] &&
		    x->rs.dim[1][row] == RDIM_TOTAL)
			return row;
	return i;
}

/* pop_lists: the names (column 0) of the distinct member regions of
 * total row tot, with a population into with[] and without one into
 * without[] (with the count column cnt as the table shows it). */
static void pop_lists(const struct rctx *x, const struct rref *reg,
		      size_t tot, int pcol, int cnt, int lang, char *with,
		      char *without, size_t size, int *nw, int *nwo)
{
	size_t i, j, lw = 0, lo = 0, rr;
	const char *name;
	char buf[NF_BUFSZ];

	with[0] = without[0] = '\0';
	*nw = *nwo = 0;
	for (i = 0; i < table_nrows(x->t); i++) {
		if (!rstats_pop_member(x, reg, i, tot) || !rctx_text(x, reg, i))
			continue;
		for (j = 0; j < i; j++)
			if (rstats_pop_member(x, reg, j, tot) &&
			    rctx_text(x, reg, j) && !strcmp(rctx_text(x, reg, j),
							    rctx_text(x, reg, i)))
				break;
		if (j < i)
			continue;
		name = table_get_text(x->t, i, 0, lang);
		name = name ? name : rctx_text(x, reg, i);
		if (!table_is_null(x->t, i, (size_t)pcol)) {
			if (++*nw <= 15 && lw < size)
				lw += (size_t)snprintf(with + lw, size - lw,
						       "%s%s", *nw > 1 ? ", " :
						       "", name);
			continue;
		}
		rr = region_row(x, i);
		if (++*nwo <= 15 && lo < size)
			lo += (size_t)snprintf(without + lo, size - lo,
					       "%s%s (%s%s %s)", *nwo > 1 ? ", "
					       : "", name, table_col_label(x->t,
					       (size_t)cnt, lang), lang ? NBSP
					       ":" : ":", table_cell_display(x->t,
					       rr, (size_t)cnt, lang, NF_UNICODE,
					       buf, sizeof buf));
	}
	if (*nw > 15 && lw < size)
		snprintf(with + lw, size - lw, lang ? " et %d autres" :
			 " and %d more", *nw - 15);
	if (*nwo > 15 && lo < size)
		snprintf(without + lo, size - lo, lang ? " et %d autres" :
			 " and %d more", *nwo - 15);
}

int rcover_total_pop(struct rctx *x)
{
	char w[NS_NLANG][NOTE_MAX], wo[NS_NLANG][NOTE_MAX], pop[NS_NLANG][32];
	char en[3 * NOTE_MAX], fr[3 * NOTE_MAX];
	const struct report_stat *ps = NULL, *rate = NULL;
	struct rref reg;
	long tot;
	int pcol, cnt, nw, nwo, l;
	size_t k;

	for (k = 0; k < x->r->nstats; k++) {
		if (x->r->stats[k].kind == RS_POPULATION && !ps)
			ps = &x->r->stats[k];
		if (x->r->stats[k].kind == RS_RATE && !rate)
			rate = &x->r->stats[k];
	}
	if (!ps || !rate || rctx_ref(x, ps->a, &reg) ||
	    (tot = grand_total(x, &reg)) < 0 ||
	    (pcol = table_col_find(x->t, ps->out)) < 0 ||
	    (cnt = table_col_find(x->t, rate->a)) < 0 ||
	    table_is_null(x->t, (size_t)tot, (size_t)pcol))
		return 0;
	for (l = 0; l < NS_NLANG; l++) {
		pop_lists(x, &reg, (size_t)tot, pcol, cnt, l, w[l], wo[l],
			  sizeof w[l], &nw, &nwo);
		nf_int(pop[l], sizeof pop[l], (int64_t)table_get_real(x->t,
		       (size_t)tot, (size_t)pcol), l, NF_UNICODE);
	}
	nf_int(en, sizeof en, (int64_t)table_get_real(x->t, (size_t)tot,
					(size_t)pcol), NS_EN, NF_MACHINE);
	table_set_meta(x->t, "total_population", en);
	snprintf(en, sizeof en, "Total rows: the population is %s, of the %d "
		 "region%s with one (%s); their rates count the needs of these "
		 "regions only.%s%s%s", pop[0], nw, nw > 1 ? "s" : "", w[0],
		 nwo ? " Not in these rates, no population loaded: " : "",
		 nwo ? wo[0] : "", nwo ? "." : "");
	snprintf(fr, sizeof fr, "Lignes de total" NBSP ": la population est de "
		 "%s, celle des %d r\xc3\xa9gion%s qui en ont une (%s)" NBSP "; "
		 "leurs taux ne comptent que les besoins de ces r\xc3\xa9gions."
		 "%s%s%s", pop[1], nw, nw > 1 ? "s" : "", w[1], nwo ? " Hors de "
		 "ces taux, faute de population charg\xc3\xa9" "e" NBSP ": " :
		 "", nwo ? wo[1] : "", nwo ? "." : "");
	return rnote(x, en, fr);
}
