/*
 * dash_top: the parts of a dashboard built from the others: the page
 * notes (what the figures are, from the status report's notes, and the
 * suppression rule over the whole page) and the top unmet needs, ranked
 * from the status table after suppression so that the ranking shows
 * nothing the table hides.
 */
#include <stdio.h>
#include <string.h>

#include "dash_int.h"

#define DASH_TOP_N 5

int dash_notes(struct dashboard *d, const struct table *src,
	       struct nserr *err)
{
	struct table *h = &d->t[DASH_HEADLINE];
	char en[512], fr[512];
	size_t i;
	int rc = 0;

	for (i = 0; i < table_nnotes(src) && !rc; i++) {
		const char *e = table_note(src, i, NS_EN);

		/* the report's own suppression note is about the unsuppressed
		 * run the dashboard started from: the page has its own */
		if (strncmp(e, "Suppression:", 12) == 0)
			continue;
		rc = table_add_note(h, e, table_note(src, i, NS_FR));
	}
	if (rc)
		return nserr_set(err, rc, "cannot add the notes: %s",
				 nserr_str(rc));
	if (d->min_cell <= 1) {
		snprintf(en, sizeof en, "NOT FOR PUBLICATION: no count is "
			 "suppressed; small counts are shown.");
		snprintf(fr, sizeof fr, "NE PAS PUBLIER\xc2\xa0: aucun nombre "
			 "n'est masqu\xc3\xa9; les petits nombres sont "
			 "affich\xc3\xa9s.");
	} else {
		snprintf(en, sizeof en, "Suppression: on this whole page, "
			 "counts from 0 to %d are shown as <%d; further counts "
			 "(each %d or more) are hidden (x) so that no "
			 "combination of the figures and tables of the page "
			 "narrows a <%d below 0 to %d (checked by linear "
			 "programming over the page as one set); shares, rates "
			 "and changes built on a hidden count are hidden too.",
			 d->min_cell - 1, d->min_cell, d->min_cell,
			 d->min_cell, d->min_cell - 1);
		snprintf(fr, sizeof fr, "Masquage\xc2\xa0: sur toute la page, "
			 "les nombres de 0 \xc3\xa0 %d sont affich\xc3\xa9s <%d; "
			 "d'autres nombres (chacun %d ou plus) sont masqu\xc3\xa9s "
			 "(x) pour qu'aucune combinaison des chiffres et "
			 "tableaux de la page ne resserre un <%d en de\xc3\xa7\xc3"
			 "\xa0 de 0 \xc3\xa0 %d (v\xc3\xa9rifi\xc3\xa9 par "
			 "programmation lin\xc3\xa9" "aire sur la page "
			 "enti\xc3\xa8re); les parts, taux et variations "
			 "calcul\xc3\xa9s sur un nombre masqu\xc3\xa9 le sont "
			 "aussi.", d->min_cell - 1, d->min_cell, d->min_cell,
			 d->min_cell, d->min_cell - 1);
	}
	if ((rc = table_add_note(h, en, fr)))
		return nserr_set(err, rc, "cannot add the notes: %s",
				 nserr_str(rc));
	return 0;
}

/* shown: the unmet count of status row r when it is published, else -1. */
static int64_t shown(const struct table *s, size_t r, int un)
{
	if (table_row_flags(s, r) & ROW_TOTAL ||
	    table_is_null(s, r, (size_t)un))
		return -1;
	return table_cell(s, r, (size_t)un)->v.i;
}

int dash_top(struct dashboard *d, struct nserr *err)
{
	static const char *const names[] = { "category", "unmet",
		"unmet_share", "unmet_share_lo", "unmet_share_hi" };
	const struct table *s = &d->t[DASH_STATUS];
	struct table *t = &d->t[DASH_TOP];
	struct table_sortkey key;
	int un = table_col_find(s, "unmet"), rc, c, n;
	int64_t cut = -1, v;
	size_t r, i, kept = 0;

	rc = table_set_id(t, "top_unmet");
	if (!rc)
		rc = table_set_title(t, "Top unmet needs", "Principaux besoins "
				     "non combl\xc3\xa9s");
	if (!rc)
		rc = table_set_subtitle(t, d->period[NS_EN], d->period[NS_FR]);
	table_set_min_cell(t, d->min_cell);
	for (i = 0; i < 5 && !rc; i++) {
		c = table_col_find(s, names[i]);
		n = table_add_col(t, names[i], table_col(s, (size_t)c)->type,
				  table_col_label(s, (size_t)c, NS_EN),
				  table_col_label(s, (size_t)c, NS_FR));
		rc = n < 0 ? n : table_col_set_flags(t, (size_t)n,
				 table_col(s, (size_t)c)->flags & ~COLF_BOUND);
		if (!rc && table_col(s, (size_t)c)->decimals >= 0)
			rc = table_col_set_decimals(t, (size_t)n,
				 table_col(s, (size_t)c)->decimals);
	}
	if (!rc)
		rc = table_col_set_interval(t, 2, 3, 4);
	/* the cut-off: the N-th largest shown count above zero (ties kept) */
	for (i = 0; !rc && i < DASH_TOP_N; i++) {
		int64_t best = -1;

		for (r = 0; r < table_nrows(s); r++)
			if ((v = shown(s, r, un)) > best &&
			    (cut < 0 || v < cut))
				best = v;
		if (best <= 0)
			break;
		cut = best;
	}
	for (r = 0; !rc && cut > 0 && r < table_nrows(s); r++) {
		if (shown(s, r, un) < cut)
			continue;
		if ((n = table_add_row(t)) < 0) {
			rc = n;
			break;
		}
		for (i = 0; i < 5 && !rc; i++) {
			size_t sc = (size_t)table_col_find(s, names[i]);
			const struct table_cell *cell = table_cell(s, r, sc);

			if (table_flags(s, r, sc) & CELL_SUPPRESSED)
				rc = table_set_flags(t, (size_t)n, i,
					table_flags(s, r, sc));
			else if (cell->null)
				rc = table_set_null(t, (size_t)n, i);
			else if (i == 0)
				rc = table_set_text(t, (size_t)n, 0,
					cell->v.s[NS_EN], cell->v.s[NS_FR]);
			else if (i == 1)
				rc = table_set_int(t, (size_t)n, 1, cell->v.i);
			else
				rc = table_set_real(t, (size_t)n, i, cell->v.r);
		}
		kept++;
	}
	key.col = 1;
	key.desc = 1;
	if (!rc && kept)
		rc = table_sort(t, &key, 1, NS_EN);
	if (rc)
		return nserr_set(err, rc, "cannot rank the unmet needs: %s",
				 nserr_str(rc));
	return 0;
}
