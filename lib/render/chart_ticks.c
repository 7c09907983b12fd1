/*
 * chart_ticks: nice value-axis ticks (1-2-5 steps, zero included) and
 * their labels in the chart's language (grouped thousands, percentages).
 */
#include <math.h>
#include <string.h>

#include "chart.h"

/* nice_step: the smallest 1, 2 or 5 times a power of ten >= raw. */
static double nice_step(double raw)
{
	double mag = pow(10, floor(log10(raw))), f = raw / mag;

	if (f <= 1 + 1e-9)
		return mag;
	if (f <= 2 + 1e-9)
		return 2 * mag;
	if (f <= 5 + 1e-9)
		return 5 * mag;
	return 10 * mag;
}

int chart_ticks(struct chart_axis *a, double lo, double hi, int integral,
		int lang)
{
	double step, v;
	size_t n = 0;
	int dec;

	lo = fmin(lo, 0);
	hi = fmax(hi, 0);
	if (hi - lo <= 0)
		hi = lo + (a->percent ? 0.1 : integral ? 5 : 1);
	step = nice_step((hi - lo) / 5);
	if (integral && step < 1)
		step = 1;
	a->min = floor(lo / step + 1e-9) * step;
	a->max = ceil(hi / step - 1e-9) * step;
	while ((a->max - a->min) / step + 1 > CHART_MAX_TICKS)
		step = nice_step(step * 1.01);
	a->min = floor(lo / step + 1e-9) * step;
	a->max = ceil(hi / step - 1e-9) * step;
	a->step = step;
	/* places needed to tell ticks apart (of the % for percentages) */
	dec = (int)ceil(-log10((a->percent ? 100 : 1) * step) - 1e-9);
	a->decimals = dec < 0 ? 0 : dec;
	for (v = a->min; v <= a->max + step / 2 && n < CHART_MAX_TICKS;
	     v += step, n++) {
		struct chart_tick *t = &a->ticks[n];
		double tv = fabs(v) < step * 1e-9 ? 0 : v;

		t->v = tv;
		if (a->percent)
			nf_percent(t->label, sizeof t->label, tv, a->decimals,
				   lang, NF_UNICODE);
		else
			nf_real(t->label, sizeof t->label, tv, a->decimals,
				lang, NF_UNICODE);
	}
	a->nticks = n;
	return 0;
}
