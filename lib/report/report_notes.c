/*
 * report_notes: what every report output says about itself, in English
 * and French: the subtitle (period and filters), then the notes -- period,
 * source batches, category map version, population year, suppression
 * rule, methods, the report's own notes, "no data" -- and the legend of
 * the markers used; plus the machine metadata (table.h keys).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "report_int.h"

#define NOTE_MAX 1024
#define NBSP "\xc2\xa0"

int rnote(struct rctx *x, const char *en, const char *fr)
{
	/* typography adds at most a 3-byte space before each character */
	size_t size = fr ? 4 * strlen(fr) + 1 : 0;
	char *f = fr ? malloc(size) : NULL;
	int rc;

	if (fr && !f)
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	if (fr)
		rlang_fr(f, size, fr);
	rc = table_add_note(x->t, en, f) ?
	     nserr_set(x->err, NS_ENOMEM, "out of memory") : 0;
	free(f);
	return rc;
}

/* name_of: the en/fr names of id in regions or categories. */
static void name_of(struct rctx *x, const char *table, const char *id,
		    char en[200], char fr[200])
{
	char sql[128];
	sqlite3_stmt *st = NULL;

	snprintf(en, 200, "%s", id);
	snprintf(fr, 200, "%s", id);
	snprintf(sql, sizeof sql, "SELECT name_en, name_fr FROM %s WHERE id "
		 "= ?1", table);
	if (sqlite3_prepare_v2(x->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(en, 200, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(fr, 200, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
}

static void cap_first(char *s)
{
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
}

static int subtitle(struct rctx *x)
{
	char s[NS_NLANG][600], en[200], fr[200];
	size_t n[NS_NLANG];
	int l;

	for (l = 0; l < NS_NLANG; l++) {
		if (period_label(&x->per, x->o->fy_start, l, NF_TEXT, s[l],
				 sizeof s[l]) < 0)
			snprintf(s[l], sizeof s[l], "%s", l ? "Toutes les "
				 "données" : "All data");
		cap_first(s[l]);
		n[l] = strlen(s[l]);
	}
	if (x->o->region) {
		name_of(x, "regions", x->o->region, en, fr);
		n[0] += (size_t)snprintf(s[0] + n[0], sizeof s[0] - n[0],
					 " \xe2\x80\x94 %s", en);
		n[1] += (size_t)snprintf(s[1] + n[1], sizeof s[1] - n[1],
					 " \xe2\x80\x94 %s", fr);
	}
	if (x->o->category) {
		name_of(x, "categories", x->o->category, en, fr);
		snprintf(s[0] + n[0], sizeof s[0] - n[0], " \xe2\x80\x94 %s", en);
		snprintf(s[1] + n[1], sizeof s[1] - n[1], " \xe2\x80\x94 %s", fr);
	}
	return table_set_subtitle(x->t, s[0], s[1]) ?
	       nserr_set(x->err, NS_ENOMEM, "out of memory") : 0;
}

static int period_note(struct rctx *x)
{
	char lab[2][300], plain[2][300], en[NOTE_MAX], fr[NOTE_MAX];
	int l;

	if (period_months(&x->per) == 0)
		return rnote(x, "Period: all data; the database holds none yet.",
			    "P\xc3\xa9riode" NBSP ": toutes les donn\xc3\xa9"
			    "es ; la base n'en contient encore aucune.");
	for (l = 0; l < NS_NLANG; l++) {
		period_label(&x->per, x->o->fy_start, l, NF_TEXT, lab[l], 300);
		period_label(&x->per, 0, l, NF_TEXT, plain[l], 300);
	}
	snprintf(en, sizeof en, "Period: %s%s%s%s, by the local date of each "
		 "contact.", lab[0], strcmp(lab[0], plain[0]) ? " (" : "",
		 strcmp(lab[0], plain[0]) ? plain[0] : "",
		 strcmp(lab[0], plain[0]) ? ")" : "");
	snprintf(fr, sizeof fr, "P\xc3\xa9riode" NBSP ": %s%s%s%s, selon la "
		 "date locale de chaque contact.", lab[1],
		 strcmp(lab[1], plain[1]) ? " (" : "",
		 strcmp(lab[1], plain[1]) ? plain[1] : "",
		 strcmp(lab[1], plain[1]) ? ")" : "");
	return rnote(x, en, fr);
}

/* no_source_note: no batch in the period; name the map in force. */
static int no_source_note(struct rctx *x)
{
	char en[NOTE_MAX], fr[NOTE_MAX], map[300] = "";
	sqlite3_stmt *st = NULL;
	int rc;

	rc = rnote(x, "Source: no loaded batch holds contacts in this period.",
		  "Source" NBSP ": aucun lot charg\xc3\xa9 ne contient de "
		  "contacts pour cette p\xc3\xa9riode.");
	if (rc || sqlite3_prepare_v2(x->db, "SELECT version, name FROM "
				     "map_versions ORDER BY version DESC LIMIT 1",
				     -1, &st, NULL) != SQLITE_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(map, sizeof map, "%d (%s)", sqlite3_column_int(st, 0),
			 (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (!map[0])
		return 0;
	table_set_meta(x->t, "map_version", map);
	snprintf(en, sizeof en, "Categories: category map version %s, the "
		 "one in force.", map);
	snprintf(fr, sizeof fr, "Cat\xc3\xa9gories" NBSP ": table de classement "
		 "version %s, celle en vigueur.", map);
	return rnote(x, en, fr);
}

/* batch_cover: "source default, January 6, 2025 to January 28, 2025" in
 * both languages, from columns 4 (date_min), 5 (date_max) and 6 (the
 * source's name) of st. */
static void batch_cover(sqlite3_stmt *st, char cov[2][200])
{
	const char *d0 = (const char *)sqlite3_column_text(st, 4);
	const char *d1 = (const char *)sqlite3_column_text(st, 5);
	const char *src = (const char *)sqlite3_column_text(st, 6);
	struct nf_ymd a, b;
	char per[160];
	int l;

	for (l = 0; l < NS_NLANG; l++) {
		per[0] = '\0';
		if (d0 && d1 && nf_parse_iso(d0, &a) == 3 &&
		    nf_parse_iso(d1, &b) == 3)
			nf_period(per, sizeof per, &a, &b, 0, l, NF_TEXT);
		snprintf(cov[l], 200, "source %s, %s", src ? src : "?", per);
	}
}

/* source_note: the batches whose contacts overlap the period and the
 * category maps that classified them; sets the meta keys too. */
static int source_note(struct rctx *x)
{
	static const char sql[] = "SELECT b.id, b.file_name, b.map_version, "
		"m.name, b.date_min, b.date_max, s.name FROM batches b "
		"LEFT JOIN map_versions m ON m.version = b.map_version "
		"LEFT JOIN sources s ON s.id = b.source_id "
		"WHERE b.date_min <= :to_date AND b.date_max >= :from_date "
		"ORDER BY b.id";
	char en[NOTE_MAX], fr[NOTE_MAX], ids[400] = "", maps[300] = "";
	char men[NOTE_MAX + 128], mfr[NOTE_MAX + 128];   /* en, fr and a lead */
	size_t le = 0, lf = 0, li = 0, lm = 0;
	sqlite3_stmt *st;
	int rc, n = 0, lastmap = -1;

	if ((rc = report_prepare(x, sql, "the batch query", &st)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 1);
		const char *slash = f ? strrchr(f, '/') : NULL;
		int id = sqlite3_column_int(st, 0), mv = sqlite3_column_int(st, 2);

		f = slash ? slash + 1 : f ? f : "";
		if (++n <= 5) {
			char cov[2][200];

			batch_cover(st, cov);
			le += (size_t)snprintf(en + le, sizeof en - le, "%s#%d "
					       "%s (%s)", n > 1 ? ", " : "", id,
					       f, cov[0]);
			lf += (size_t)snprintf(fr + lf, sizeof fr - lf, "%sn\xc2"
					       "\xb0" NBSP "%d %s (%s)", n > 1 ?
					       ", " : "", id, f, cov[1]);
		}
		if (li < sizeof ids)
			li += (size_t)snprintf(ids + li, sizeof ids - li, "%s%d",
					       n > 1 ? "," : "", id);
		if (mv != lastmap && lm < sizeof maps)
			lm += (size_t)snprintf(maps + lm, sizeof maps - lm,
					       "%s%d (%s)", lm ? ", " : "", mv,
					       sqlite3_column_text(st, 3) ? (const
					       char *)sqlite3_column_text(st, 3)
					       : "?");
		lastmap = mv;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(x->db, x->err, "cannot read batches");
	if (n == 0)
		return no_source_note(x);
	if (n > 5) {
		snprintf(en + le, sizeof en - le, ", and %d more", n - 5);
		snprintf(fr + lf, sizeof fr - lf, " et %d autres", n - 5);
	}
	snprintf(men, sizeof men, "Source: %d batch%s of contact logs feed%s "
		 "this period: %s.", n, n > 1 ? "es" : "", n > 1 ? "" : "s", en);
	snprintf(mfr, sizeof mfr, "Source" NBSP ": %d lot%s de journaux de "
		 "contacts alimente%s cette p\xc3\xa9riode" NBSP ": %s.", n,
		 n > 1 ? "s" : "", n > 1 ? "nt" : "", fr);
	if ((rc = rnote(x, men, mfr)) != 0)
		return rc;
	table_set_meta(x->t, "source", ids);
	table_set_meta(x->t, "map_version", maps);
	snprintf(men, sizeof men, "Categories: category map version %s.", maps);
	snprintf(mfr, sizeof mfr, "Cat\xc3\xa9gories" NBSP ": table de "
		 "classement version %s.", maps);
	return rnote(x, men, mfr);
}

static int population_note(struct rctx *x)
{
	char en[NOTE_MAX], fr[NOTE_MAX], yen[64], yfr[64], year[16];
	char sen[256], sfr[256];
	int ref = x->per.from / 100, rc;

	if (!x->pop_year_lo)
		return rnote(x, "Population: none loaded for these regions, so "
			    "no rates.", "Population" NBSP ": aucune pour ces "
			    "r\xc3\xa9gions, donc pas de taux.");
	rlang_source(x->pop_source, sen, sfr, sizeof sen);
	if (x->pop_year_lo == x->pop_year_hi) {
		snprintf(yen, sizeof yen, "%d", x->pop_year_lo);
		snprintf(yfr, sizeof yfr, "%d", x->pop_year_lo);
	} else {
		snprintf(yen, sizeof yen, "%d to %d", x->pop_year_lo,
			 x->pop_year_hi);
		snprintf(yfr, sizeof yfr, "%d \xc3\xa0 %d", x->pop_year_lo,
			 x->pop_year_hi);
	}
	snprintf(en, sizeof en, "Population: %s%s%s%s, %s %d; rates are per "
		 "10,000 population.", yen, x->pop_source[0] ? " (" : "",
		 sen, x->pop_source[0] ? ")" : "",
		 x->pop_year_hi <= ref ? "the latest year available up to"
		 : "the earliest available: none up to", ref);
	snprintf(fr, sizeof fr, "Population" NBSP ": %s%s%s%s, %s %d" NBSP
		 "; taux pour 10" NBSP "000 habitants.", yfr,
		 x->pop_source[0] ? " (" : "", sfr,
		 x->pop_source[0] ? ")" : "", x->pop_year_hi <= ref ?
		 "derni\xc3\xa8re ann\xc3\xa9" "e disponible jusqu'\xc3\xa0" :
		 "la plus ancienne disponible" NBSP ": aucune jusqu'\xc3\xa0", ref);
	snprintf(year, sizeof year, "%d", x->pop_year_lo);
	table_set_meta(x->t, "population_year", year);
	if ((rc = rnote(x, en, fr)) != 0 || (rc = rcover_total_pop(x)) != 0 ||
	    x->pop_missing == 0)
		return rc;
	snprintf(en, sizeof en, "No rate in %d row%s: no population is loaded "
		 "for %s region (such as an unknown location).", x->pop_missing,
		 x->pop_missing > 1 ? "s" : "", x->pop_missing > 1 ? "their"
		 : "its");
	snprintf(fr, sizeof fr, "Pas de taux dans %d ligne%s" NBSP ": aucune "
		 "population n'est charg\xc3\xa9" "e pour %s r\xc3\xa9gion (par "
		 "exemple un lieu inconnu).", x->pop_missing,
		 x->pop_missing > 1 ? "s" : "", x->pop_missing > 1 ? "leur"
		 : "sa");
	return rnote(x, en, fr);
}

static int suppression_note(struct rctx *x)
{
	char en[NOTE_MAX], fr[NOTE_MAX];
	int n = x->o->min_cell;

	if (x->r->nsuppress == 0)
		return rnote(x, "Suppression: none; small counts are shown: for "
			    "internal use, not for publication as is.",
			    "Confidentialit\xc3\xa9" NBSP ": aucun masquage" NBSP
			    "; les petits effectifs sont affich\xc3\xa9s" NBSP
			    ": usage interne, \xc3\xa0 ne pas publier tel quel.");
	if (n <= 1)
		return rnote(x, "Suppression: none (--min-cell 1).",
			    "Confidentialit\xc3\xa9" NBSP ": aucun masquage "
			    "(--min-cell 1).");
	snprintf(en, sizeof en, "Suppression: counts from 0 to %d are shown as "
		 "<%d; further counts (each %d or more) are hidden (x) so that no "
		 "combination of rows, columns and totals narrows a <%d below 0 to "
		 "%d (checked by linear programming); shares and rates built on a "
		 "hidden count are hidden too.", n - 1, n, n, n, n - 1);
	snprintf(fr, sizeof fr, "Confidentialit\xc3\xa9" NBSP ": les effectifs "
		 "de 0 \xc3\xa0 %d sont affich\xc3\xa9s \xc2\xab" NBSP "<%d"
		 NBSP "\xc2\xbb" NBSP "; d'autres effectifs (chacun d'au moins "
		 "%d) sont masqu\xc3\xa9s (x) pour qu'aucune combinaison de "
		 "lignes, de colonnes et de totaux ne ram\xc3\xa8ne un \xc2\xab"
		 NBSP "<%d" NBSP "\xc2\xbb en de\xc3\xa7\xc3\xa0 de 0 \xc3\xa0 %d "
		 "(v\xc3\xa9rifi\xc3\xa9 par programmation lin\xc3\xa9"
		 "aire)" NBSP "; les parts et les taux calcul\xc3\xa9s sur un "
		 "effectif masqu\xc3\xa9 sont masqu\xc3\xa9s aussi.", n - 1, n,
		 n, n, n - 1);
	return rnote(x, en, fr);
}

static int methods_note(struct rctx *x)
{
	int ci[4] = { 0, 0, 0, 0 }, has[4] = { 0, 0, 0, 0 }, rc = 0;
	size_t i;

	/* only the statistics computed in at least one cell */
	for (i = 0; i < x->r->nstats; i++) {
		if (!x->used[x->r->stats[i].kind])
			continue;
		has[x->r->stats[i].kind] = 1;
		ci[x->r->stats[i].kind] |= x->r->stats[i].ci;
	}
	if (ci[RS_WILSON])
		rc = rnote(x, "Method: shares with a 95% Wilson score confidence "
			  "interval.", "M\xc3\xa9thode" NBSP ": parts avec "
			  "intervalle de confiance de Wilson \xc3\xa0 95" NBSP
			  "%.");
	if (!rc && ci[RS_RATE])
		rc = rnote(x, "Method: rates per 10,000 population with an exact "
			  "Poisson (Garwood) 95% confidence interval.",
			  "M\xc3\xa9thode" NBSP ": taux pour 10" NBSP "000 "
			  "habitants avec intervalle de confiance exact de "
			  "Poisson (Garwood) \xc3\xa0 95" NBSP "%.");
	else if (!rc && has[RS_RATE])
		rc = rnote(x, "Method: rates per 10,000 population.",
			  "M\xc3\xa9thode" NBSP ": taux pour 10" NBSP "000 "
			  "habitants.");
	if (!rc && has[RS_YOY])
		rc = rnote(x, "Method: year-over-year change = count / count of "
			  "the same months a year earlier - 1, with the exact "
			  "conditional (binomial) 95% confidence interval of "
			  "this rate ratio; * marks a change whose interval "
			  "excludes no change (significant at the 5% level).",
			  "M\xc3\xa9thode" NBSP ": variation annuelle = effectif "
			  "/ effectif des m\xc3\xaames mois un an plus t\xc3\xb4t "
			  "- 1, avec l'intervalle de confiance exact "
			  "conditionnel (binomial) \xc3\xa0 95" NBSP "% de ce "
			  "rapport de taux" NBSP "; * signale une variation dont "
			  "l'intervalle exclut l'absence de changement "
			  "(significative au seuil de 5" NBSP "%).");
	if (!rc && !ci[RS_WILSON] && !has[RS_RATE] && !has[RS_YOY] &&
	    table_nrows(x->t) > 0)
		rc = rnote(x, "Method: counts as recorded.", "M\xc3\xa9thode"
			  NBSP ": effectifs tels qu'enregistr\xc3\xa9s.");
	return rc;
}

/* sql_notes: the rows (en, fr) of the report's note.sql. */
static int sql_notes(struct rctx *x)
{
	sqlite3_stmt *st;
	int rc;

	if (!x->r->note_sql || period_months(&x->per) == 0)
		return 0;
	if (rlang_register(x->db))
		return nserr_set(x->err, NS_ENOMEM, "out of memory");
	if ((rc = report_prepare(x, x->r->note_sql, "note.sql", &st)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *en = (const char *)sqlite3_column_text(st, 0);
		const char *fr = sqlite3_column_count(st) > 1 ?
			(const char *)sqlite3_column_text(st, 1) : NULL;

		if (en && *en && rnote(x, en, fr)) {
			sqlite3_finalize(st);
			return NS_ENOMEM;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(x->db, x->err, x->r->path);
}

static int empty_note(struct rctx *x)
{
	char lab[2][300], en[NOTE_MAX], fr[NOTE_MAX];
	int filt = x->o->region || x->o->category;

	if (table_nrows(x->t) > 0 || period_months(&x->per) == 0)
		return 0;
	/* needs there are, without a status: rcover_status() says so */
	if (x->needs_unrec > 0 && x->needs_unrec == x->needs_all)
		return 0;
	period_label(&x->per, x->o->fy_start, NS_EN, NF_TEXT, lab[0], 300);
	period_label(&x->per, x->o->fy_start, NS_FR, NF_TEXT, lab[1], 300);
	if (x->has_data) {
		/* data there is: the report's selection is empty */
		snprintf(en, sizeof en, "No row for %s%s: no contact or need "
			 "of the period matches what this report counts.",
			 lab[0], filt ? " with these filters" : "");
		snprintf(fr, sizeof fr, "Aucune ligne pour %s%s" NBSP ": aucun "
			 "contact ni besoin de la p\xc3\xa9riode ne correspond "
			 "\xc3\xa0 ce que ce rapport compte.", lab[1], filt ?
			 " avec ces filtres" : "");
		return rnote(x, en, fr);
	}
	snprintf(en, sizeof en, "No data for %s%s.", lab[0],
		 filt ? " with these filters" : "");
	snprintf(fr, sizeof fr, "Aucune donn\xc3\xa9" "e pour %s%s.", lab[1],
		 filt ? " avec ces filtres" : "");
	return rnote(x, en, fr);
}

static int set_meta(struct rctx *x)
{
	char from[11] = "", to[11] = "", now[32], mc[16];
	const char *base = strrchr(x->r->path, '/');

	if (period_dates(&x->per, from, to) == 0) {
		table_set_meta(x->t, "period_from", from);
		table_set_meta(x->t, "period_to", to);
	}
	if (x->o->generated_at) {
		snprintf(now, sizeof now, "%s", x->o->generated_at);
	} else {
		db_now_utc(now, sizeof now);
	}
	table_set_meta(x->t, "generated_at", now);
	table_set_meta(x->t, "report", base ? base + 1 : x->r->path);
	if (x->o->region)
		table_set_meta(x->t, "region", x->o->region);
	if (x->o->category)
		table_set_meta(x->t, "category", x->o->category);
	if (x->r->nsuppress) {
		snprintf(mc, sizeof mc, "%d", x->o->min_cell);
		table_set_meta(x->t, "min_cell", mc);
	}
	return 0;
}

int rnotes_add(struct rctx *x)
{
	size_t i;
	int rc;

	if ((rc = subtitle(x)) != 0 || (rc = set_meta(x)) != 0 ||
	    (rc = rcover_status_count(x)) != 0 || (rc = empty_note(x)) != 0 || (rc = period_note(x)) != 0 ||
	    (rc = source_note(x)) != 0 || (rc = rcover_months(x)) != 0 ||
	    (rc = rcover_status(x)) != 0)
		return rc;
	for (i = 0; i < x->r->nstats; i++)
		if (x->r->stats[i].kind == RS_POPULATION)
			break;
	/* no row, no population used: no population note */
	if (i < x->r->nstats && period_months(&x->per) &&
	    table_nrows(x->t) > 0 && (rc = population_note(x)) != 0)
		return rc;
	if ((rc = suppression_note(x)) != 0 || (rc = methods_note(x)) != 0 ||
	    (rc = rcover_yoy(x)) != 0)
		return rc;
	for (i = 0; i < x->r->nnotes; i++)
		if ((rc = rnote(x, x->r->notes[i].text[NS_EN],
			       x->r->notes[i].text[NS_FR])) != 0)
			return rc;
	if ((rc = sql_notes(x)) != 0)
		return rc;
	return table_add_legend_notes(x->t) ? nserr_set(x->err, NS_ENOMEM,
							"out of memory") : 0;
}
