/*
 * stats_beta: the incomplete beta function for the huge shapes of
 * year-over-year rate ratios (Clopper-Pearson on k1/(k1+k2) with counts in
 * the millions), where GSL's gsl_cdf_beta_P returns NaN.
 *
 * I_x(a, b) = P(x) sum_m t_m, with t_0 = 1,
 * t_m = t_(m-1) x (a+b+m-1)/(a+m) and P(x) = x^a (1-x)^b / (a B(a, b)),
 * summed with the smaller shape first (I_x(a, b) = 1 - I_(1-x)(b, a)):
 * within a dozen standard deviations of the mean, O(sqrt(min(a, b)))
 * terms suffice.
 * With p = a/(a+b), u = x/p - 1, v = (1-x)/(1-p) - 1 (a u + b v = 0),
 * log P(x) = a log1pmx(u) + b log1pmx(v) - c(a) - c(b) + c(a+b)
 *            + log(b / (2 pi a (a+b))) / 2,
 * with c() Stirling's series: no cancellation of logarithms of size a.
 * Shapes below 10 use GSL's log beta function instead.
 */
#include <math.h>

#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>

#include "stats_int.h"

/* log of x^a (1-x)^b / (a B(a, b)). */
static double log_prefix(double x, double a, double b)
{
	double p, u, v;

	if (a < 10.0 || b < 10.0)
		return a * log(x) + b * log1p(-x) - log(a)
		       - gsl_sf_lnbeta(a, b);
	p = a / (a + b);
	u = (x - p) / p;
	v = (p - x) / (1.0 - p);
	return a * gsl_sf_log_1plusx_mx(u) + b * gsl_sf_log_1plusx_mx(v)
	       - stats_stirling(a) - stats_stirling(b)
	       + stats_stirling(a + b)
	       + 0.5 * log(b / (STATS_TWO_PI * a * (a + b)));
}

/*
 * series: I_x(a, b) for a <= b: the terms grow while
 * m < ((a+b) x - a) / (1 - x) (x above the mean), then fall off within
 * about sqrt(a (a+b) / b) <= sqrt(2 a) more.
 */
static int series(double x, double a, double b, double *out)
{
	double s = 1.0, t = 1.0, m, peak = ((a + b) * x - a) / (1.0 - x);
	double nmax = (peak > 0.0 ? peak : 0.0)
		      + 200.0 * sqrt(a * (a + b) / b) + 1000.0;

	for (m = 1.0; m < nmax; m += 1.0) {
		t *= x * (a + b + m - 1.0) / (a + m);
		s += t;
		if (m > peak && t < s * 1e-17)
			break;
	}
	if (m >= nmax)
		return -1;
	*out = exp(log_prefix(x, a, b)) * s;
	return isfinite(*out) ? 0 : -1;
}

int stats_beta_cdf(double x, double a, double b, double *out)
{
	double c;

	if (!(x > 0.0 && x < 1.0) || !(a >= 1.0 && b >= 1.0))
		return -1;
	if (a <= b) {
		if (series(x, a, b, &c) < 0)
			return -1;
	} else {
		if (series(1.0 - x, b, a, &c) < 0)
			return -1;
		c = 1.0 - c;
	}
	*out = c < 0.0 ? 0.0 : c > 1.0 ? 1.0 : c;
	return 0;
}
