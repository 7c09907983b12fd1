/*
 * chart_dump: the chart model as text, one fact per line, for tests and
 * `needstat-chart --dump`.  Values in machine form (%.10g); texts quoted
 * as they would be drawn.  Bars show their extent (base..top) on the
 * value axis, which is where the stack rule shows.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chart.h"

static const char *const state_names[] = {
	"missing", "value", "gap", "no_data", "not_recorded", "hidden"
};

static void point(FILE *out, const struct chart *c, size_t s, size_t i,
		  double *base_pos, double *base_neg)
{
	const struct chart_point *p = &c->series[s].pts[i];
	double base = 0, top;

	fprintf(out, "  point %zu %s", i, state_names[p->state]);
	if (p->state == CPT_SUPPRESSED)
		fprintf(out, " \"%s\"", p->gap_text);
	if (p->state == CPT_VALUE) {
		top = p->v;
		if (c->type == CHART_STACKED_BAR) {
			double *b = p->v >= 0 ? &base_pos[i] : &base_neg[i];

			base = *b;
			top = *b + p->v;
			*b = top;
		}
		fprintf(out, " %.10g", p->v);
		if (c->type != CHART_LINE && !c->time_x)
			fprintf(out, " bar %.10g..%.10g", base, top);
		if (p->has_iv)
			fprintf(out, " interval %.10g..%.10g", p->lo, p->hi);
	}
	fputc('\n', out);
}

int chart_dump(const struct chart *c, FILE *out, struct nserr *err)
{
	double *bp = calloc(c->ncat ? c->ncat : 1, sizeof *bp);
	double *bn = calloc(c->ncat ? c->ncat : 1, sizeof *bn);
	size_t i, s;

	if (!bp || !bn) {
		free(bp);
		free(bn);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	fprintf(out, "chart %s lang %s\n", table_chart_name(c->type),
		nf_lang_code(c->lang));
	fprintf(out, "title \"%s\"\nsubtitle \"%s\"\nx \"%s\"%s\n", c->title,
		c->subtitle, c->xlabel, c->time_x ? " time" : "");
	fprintf(out, "y \"%s\" min %.10g max %.10g step %.10g%s\n",
		c->y.label, c->y.min, c->y.max, c->y.step,
		c->y.percent ? " percent" : "");
	for (i = 0; i < c->y.nticks; i++)
		fprintf(out, "tick %.10g \"%s\"\n", c->y.ticks[i].v,
			c->y.ticks[i].label);
	if (c->nshown < c->ncat)
		fprintf(out, "shown %zu of %zu\n", c->nshown, c->ncat);
	for (i = 0; i < c->ncat; i++)
		fprintf(out, "cat %zu \"%s\"%s\n", c->order ? c->order[i] : i,
			c->cats[c->order ? c->order[i] : i],
			c->cat_label && !c->cat_label[c->order ? c->order[i] : i]
			? " unlabelled" : "");
	for (s = 0; s < c->nseries; s++) {
		fprintf(out, "%s %zu \"%s\"", c->type == CHART_MULTIPLES ?
			"panel" : "series", s, c->series[s].name);
		if (c->series[s].rolling)
			fprintf(out, " rolling %d of %zu", c->series[s].rolling,
				c->series[s].of);
		fputc('\n', out);
		for (i = 0; i < c->ncat; i++)
			point(out, c, s, i, bp, bn);
	}
	for (i = 0; i < c->nnotes; i++)
		fprintf(out, "note \"%s\"\n", c->notes[i]);
	free(bp);
	free(bn);
	if (fflush(out) != 0 || ferror(out))
		return nserr_set(err, NS_EIO, "cannot write the chart dump");
	return 0;
}
