/*
 * stats_gamma: quantiles of the gamma distribution (shape a, scale 1),
 * exact to the last bits of a double for shapes from 1e-3 to 1e12, which
 * Garwood intervals need for every count a report can hold.
 *
 * GSL's quantile functions (gsl_cdf_gamma_Pinv, gsl_cdf_chisq_Pinv) return
 * NaN for many shapes above a thousand, and its incomplete gamma functions
 * give up (GSL_EMAXITER) for shapes above about a million.  So:
 * - the distribution function P(a, x) and its complement Q(a, x) come
 *   from GSL for a < GAMMA_OWN_MIN; from a in the series
 *   P(a, x) = D(a, x) sum_n x^n / ((a+1)...(a+n)), D = x^a e^-x / Gamma(a+1),
 *   with D computed as exp(a log1pmx((x-a)/a) - c(a)) / sqrt(2 pi a)
 *   (Stirling's series c(a) for the log of Gamma(a+1); no cancellation of
 *   huge logarithms), and Q = 1 - P;
 * - the quantile is the root of an increasing function, found by Newton
 *   steps from the Wilson-Hilferty approximation, kept inside a bracket
 *   that shrinks at every step (bisection when Newton would leave it).
 * The series takes O(sqrt(a)) terms near the quantiles (about 3e5 at
 * a = 1e9): milliseconds per interval.
 */
#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>

#include "stats.h"
#include "stats_int.h"

/* Shapes from here on use the series of this file instead of GSL. */
#define GAMMA_OWN_MIN 1000.0
/* Largest shape accepted (the series then takes about 1e8 terms). */
#define GAMMA_MAX_SHAPE 1e12
#define MAX_ITER 400
/* Relative change at which the root is found (1e-9 is what is asked). */
#define TOL (8.0 * DBL_EPSILON)

double stats_stirling(double a)
{
	double a2 = a * a;

	return 1.0 / (12.0 * a) - 1.0 / (360.0 * a * a2)
	       + 1.0 / (1260.0 * a * a2 * a2);
}

/*
 * own_cdf: P and Q of shape a (>= GAMMA_OWN_MIN) at x > 0, and the
 * density.  Returns 0, or -1 when the series does not converge or
 * overflows (x far in the upper tail).
 */
static int own_cdf(double a, double x, double *P, double *Q, double *dens)
{
	double t = (x - a) / a, d, s = 1.0, term = 1.0, n, nmax;

	d = exp(a * gsl_sf_log_1plusx_mx(t) - stats_stirling(a))
	    / sqrt(STATS_TWO_PI * a);
	nmax = (x > a ? x - a : 0.0) + 100.0 * sqrt(a) + 1000.0;
	for (n = 1.0; n < nmax; n += 1.0) {
		term *= x / (a + n);
		s += term;
		if (a + n > x && term < s * 1e-17)
			break;
	}
	if (n >= nmax || !isfinite(s) || !isfinite(d))
		return -1;
	*P = d * s;
	if (*P > 1.0)
		*P = 1.0;
	*Q = 1.0 - *P;
	*dens = d * a / x;
	return 0;
}

/* gamma_cdf: P, Q and density of shape a at x > 0; 0 or -1. */
static int gamma_cdf(double a, double x, double *P, double *Q, double *dens)
{
	gsl_sf_result rp, rq;

	if (a >= GAMMA_OWN_MIN)
		return own_cdf(a, x, P, Q, dens);
	if (gsl_sf_gamma_inc_P_e(a, x, &rp) || gsl_sf_gamma_inc_Q_e(a, x, &rq))
		return -1;
	*P = rp.val;
	*Q = rq.val;
	*dens = exp((a - 1.0) * log(x) - x - gsl_sf_lngamma(a));
	return isfinite(*P) && isfinite(*Q) && isfinite(*dens) ? 0 : -1;
}

/* first_guess: the Wilson-Hilferty approximation of the quantile, or a
 * when it is not positive (small shapes). */
static double first_guess(double a, double p, int upper)
{
	double z = gsl_cdf_ugaussian_Pinv(upper ? 1.0 - p : p);
	double c = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * sqrt(a)), x = a * c * c * c;

	return isfinite(x) && x > 0.0 ? x : a;
}

/*
 * solve: the root of g(x) = P(a, x) - p (upper == 0) or p - Q(a, x),
 * increasing in x, with g(0) < 0.  Returns 0 and *x, or -1.
 */
static int solve(double a, double p, int upper, double *out)
{
	double lo = 0.0, hi = INFINITY, x = first_guess(a, p, upper);
	double P, Q, d, g, nx, cap = 8.0 * sqrt(a) + 8.0;
	int i;

	for (i = 0; i < MAX_ITER; i++) {
		if (gamma_cdf(a, x, &P, &Q, &d) < 0)
			return -1;
		g = upper ? p - Q : P - p;
		if (g == 0.0) {
			*out = x;
			return 0;
		}
		if (g < 0.0)
			lo = x;
		else
			hi = x;
		nx = d > 0.0 ? x - g / d : NAN;
		if (isinf(hi)) {
			/* no upper end yet: step right, at most cap at a
			 * time */
			if (!(nx > x) || nx > x + cap)
				nx = x + cap;
			cap *= 2.0;
		} else if (!(nx > lo && nx < hi)) {
			nx = lo + (hi - lo) / 2.0;
		}
		if (fabs(nx - x) <= TOL * x ||
		    (isfinite(hi) && hi - lo <= TOL * hi)) {
			*out = nx;
			return 0;
		}
		x = nx;
	}
	return -1;
}

int stats_gamma_quantile(double a, double p, int upper, double *x,
			 struct nserr *err)
{
	gsl_error_handler_t *old;
	int rc;

	*x = NAN;
	if (!(isfinite(a) && a > 0.0 && a <= GAMMA_MAX_SHAPE) ||
	    !(p > 0.0 && p < 1.0))
		return nserr_set(err, NS_EUSAGE, "gamma quantile: shape %g "
				 "must be in (0, %g] and probability %g in "
				 "(0, 1)", a, GAMMA_MAX_SHAPE, p);
	old = gsl_set_error_handler_off();
	rc = solve(a, p, upper, x);
	gsl_set_error_handler(old);
	if (rc < 0) {
		*x = NAN;
		return nserr_set(err, NS_EINTERNAL, "gamma quantile did not "
				 "converge for shape %.17g, %s tail %g", a,
				 upper ? "upper" : "lower", p);
	}
	return 0;
}
