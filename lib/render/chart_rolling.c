/*
 * chart_rolling: the rolling means of a line chart's monthly series
 * (chart.h, chart_rolling()).  A mean of N months, not a sum: it lies on
 * the same value axis as the months it smooths.  It is computed from the
 * chart's points only, never from the database, and only where all N
 * months are shown values: a month without data, not recorded or
 * withheld leaves the N means that would include it undefined (a break
 * in the dashed line), so no withheld value can be worked out from the
 * difference of two means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

/* cat_of: the category of month mon (cat_month), or -1. */
static long cat_of(const struct chart *c, long mon, size_t hint)
{
	size_t i;

	/* months usually ascend one per category: try the hint first */
	if (hint < c->ncat && c->cat_month[hint] == mon)
		return (long)hint;
	for (i = 0; i < c->ncat; i++)
		if (c->cat_month[i] == mon)
			return (long)i;
	return -1;
}

/* mean_at: the mean of series s over the `months` months ending with
 * category i's, into *v; 0 when one of them is not a shown value. */
static int mean_at(const struct chart *c, size_t s, size_t i, int months,
		   double *v)
{
	const struct chart_point *pts = c->series[s].pts;
	double sum = 0;
	long ci;
	int k;

	if (c->cat_month[i] < 0)
		return 0;
	for (k = 0; k < months; k++) {
		ci = cat_of(c, c->cat_month[i] - k, i >= (size_t)k ? i - (size_t)k
			    : c->ncat);
		if (ci < 0 || pts[ci].state != CPT_VALUE)
			return 0;
		sum += pts[ci].v;
	}
	*v = sum / months;
	return 1;
}

static const char *const name_fmt[NS_NLANG] = {
	"%s (%d-month rolling mean)",
	"%s (moyenne mobile sur %d mois)"
};
static const char *const subtitle_fmt[NS_NLANG] = {
	"%s%swith %d-month rolling means (dashed)",
	"%s%savec moyennes mobiles sur %d mois (pointill\xc3\xa9s)"
};
static const char *const note_fmt[NS_NLANG] = {
	"Dashed lines: %d-month rolling means, the mean (not the sum) of the "
	"%d months ending with each month; none where one of those months is "
	"before the period shown, has no data or is withheld.",
	"Lignes pointill\xc3\xa9" "es : moyennes mobiles sur %d mois, la "
	"moyenne (non la somme) des %d mois se terminant par chaque mois ; "
	"aucune quand l'un de ces mois pr\xc3\xa9" "c\xc3\xa8" "de la "
	"p\xc3\xa9riode pr\xc3\xa9sent\xc3\xa9" "e, est sans donn\xc3\xa9" "es "
	"ou masqu\xc3\xa9."
};

/* add_mean: series `of`'s rolling mean as series c->nseries. */
static int add_mean(struct chart *c, size_t of, int months)
{
	struct chart_series *sr = &c->series[c->nseries];
	char buf[1024];
	size_t i;

	snprintf(buf, sizeof buf, name_fmt[c->lang], c->series[of].name,
		 months);
	if (!(sr->name = strdup(buf)))
		return -1;
	c->nseries++;               /* chart_release() frees it from here */
	if (!(sr->pts = calloc(c->ncat ? c->ncat : 1, sizeof *sr->pts)))
		return -1;
	sr->rolling = months;
	sr->of = of;
	for (i = 0; i < c->ncat; i++) {
		struct chart_point *p = &sr->pts[i];

		p->state = mean_at(c, of, i, months, &p->v) ? CPT_VALUE
			   : CPT_NO_DATA;
	}
	return 0;
}

/* add_texts: the rolling mean in the subtitle and the notes. */
static int add_texts(struct chart *c, int months)
{
	char buf[1024], **v;
	char *sub;

	snprintf(buf, sizeof buf, subtitle_fmt[c->lang], c->subtitle,
		 *c->subtitle ? ", " : "", months);
	if (!*c->subtitle)
		buf[0] = (char)(buf[0] - 'a' + 'A');   /* "With", "Avec" */
	if (!(sub = strdup(buf)))
		return -1;
	free(c->subtitle);
	c->subtitle = sub;
	snprintf(buf, sizeof buf, note_fmt[c->lang], months, months);
	if (!(v = realloc(c->notes, (c->nnotes + 1) * sizeof *v)))
		return -1;
	c->notes = v;
	/* first: it says how to read the chart, before the table's notes */
	memmove(v + 1, v, c->nnotes * sizeof *v);
	if (!(v[0] = strdup(buf))) {
		memmove(v, v + 1, c->nnotes * sizeof *v);
		return -1;
	}
	c->nnotes++;
	return 0;
}

int chart_rolling(struct chart *c, int months, struct nserr *err)
{
	size_t s, n = c->nseries;

	if (c->type != CHART_LINE || !c->time_x ||
	    (c->ncat && !c->cat_month))
		return nserr_set(err, NS_EUSAGE, "--rolling: a rolling mean "
				 "needs a line chart over a month column "
				 "(--type line --x MONTH_COLUMN)");
	if (months < 2 || months > CHART_ROLLING_MAX)
		return nserr_set(err, NS_EUSAGE, "--rolling: %d is not a "
				 "number of months from 2 to %d", months,
				 CHART_ROLLING_MAX);
	if (c->rolling)
		return nserr_set(err, NS_EUSAGE, "--rolling: the chart "
				 "already has %d-month rolling means",
				 c->rolling);
	if (2 * n > CHART_MAX_SERIES)
		return nserr_set(err, NS_EUSAGE, "--rolling: %zu series and "
				 "their means make more than %d lines", n,
				 CHART_MAX_SERIES);
	for (s = 0; s < n; s++)
		if (add_mean(c, s, months))
			return nserr_set(err, NS_ENOMEM, "out of memory");
	c->rolling = months;
	if (add_texts(c, months))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	return 0;
}
