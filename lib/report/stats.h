/*
 * stats: the interval estimates that reports print beside counts, shares
 * and rates (DESIGN.md, Statistics).
 *
 * - a share k/n: Wilson score interval;
 * - a count k: exact Poisson (Garwood) interval from gamma quantiles
 *   (stats_gamma.c: exact for every count from 0 to 1e12);
 * - a rate per P population: the count's Garwood interval scaled by P/pop;
 * - a rate ratio (year over year): the exact conditional interval, i.e.
 *   Clopper-Pearson on k1/(k1+k2) from beta quantiles, transformed to the
 *   ratio scale; the same numbers as R's
 *   `poisson.test(c(k1, k2), c(t1, t2))$conf.int`.
 *
 * Quantiles come from stats_gamma_quantile() and GSL (gsl_cdf_beta_Pinv,
 * gsl_cdf_ugaussian_Pinv, incomplete gamma and beta functions).  While a function runs, GSL's error handler is
 * switched off (and restored afterwards), so a GSL failure becomes a status,
 * never an abort(); this touches GSL's process-wide handler, so do not call
 * these functions concurrently with other GSL code that relies on it.
 *
 * Levels are two-sided confidence levels in (0, 1), 0.95 by default
 * (STATS_DEFAULT_LEVEL).  All functions return 0 or NS_EUSAGE (bad
 * arguments; *out is then filled with NaN) or NS_EINTERNAL (a quantile came
 * back NaN), and record a message in err when err is not NULL.
 */
#ifndef NEEDSTAT_STATS_H
#define NEEDSTAT_STATS_H

#include <stdint.h>

#include "core/nserr.h"

#define STATS_DEFAULT_LEVEL 0.95
#define STATS_DEFAULT_PER 10000.0

/* A point estimate and its two-sided interval [lo, hi]. */
struct stats_interval {
	double est;
	double lo;
	double hi;
};

/*
 * stats_wilson: Wilson score interval for the proportion k/n at the given
 * confidence level: est = k/n and, with z = Phi^-1(1 - alpha/2),
 * centre = (k/n + z^2/2n) / (1 + z^2/n),
 * half = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).  lo is exactly 0 when
 * k == 0 and hi exactly 1 when k == n.
 * n == 0 (a share of nothing) is not an error: est, lo and hi are NaN and the
 * return is 0; renderers show NaN as an empty cell.
 * Requires 0 <= k <= n and 0 < level < 1, else NS_EUSAGE.
 */
int stats_wilson(int64_t k, int64_t n, double level,
		 struct stats_interval *out, struct nserr *err);

/*
 * stats_gamma_quantile: the quantile of the gamma distribution of shape a
 * and scale 1: the x with P(a, x) = p when upper is 0, or with
 * Q(a, x) = 1 - P(a, x) = p when upper is 1 (the upper tail, solved on Q
 * itself so that a small p keeps its precision).  Accurate to about
 * 1e-15 relative (1e-9 is guaranteed by the tests) for 0 < a <= 1e12.
 * Returns 0; NS_EUSAGE for a out of (0, 1e12] or p out of (0, 1);
 * NS_EINTERNAL when the root cannot be found (far tails of huge shapes,
 * p below about 1e-300).  *x is NaN after a failure.
 */
int stats_gamma_quantile(double a, double p, int upper, double *x,
			 struct nserr *err);

/*
 * stats_poisson: exact Poisson (Garwood) interval for an observed count k:
 * est = k, lo = the alpha/2 quantile of Gamma(k, 1) (0 when k == 0),
 * hi = the upper alpha/2 quantile of Gamma(k + 1, 1); the same as
 * chisq_Pinv(alpha/2, 2k)/2 and chisq_Pinv(1 - alpha/2, 2k + 2)/2.
 * Requires 0 <= k <= 1e12 - 1 and 0 < level < 1, else NS_EUSAGE.  When
 * the interval cannot be computed (NS_EINTERNAL), est is still k and lo,
 * hi are NaN.
 */
int stats_poisson(int64_t k, double level, struct stats_interval *out,
		  struct nserr *err);

/*
 * stats_rate: the rate of k events in a population pop, per `per` people
 * (STATS_DEFAULT_PER = 10,000): est = k / pop * per, with the Garwood
 * interval of k scaled by the same factor.
 * Requires k >= 0, pop > 0 and finite, per > 0 and finite,
 * 0 < level < 1, else NS_EUSAGE.  When only the interval fails
 * (NS_EINTERNAL), est is still set and lo, hi are NaN: a caller that
 * shows no interval keeps the rate.
 */
int stats_rate(int64_t k, double pop, double per, double level,
	       struct stats_interval *out, struct nserr *err);

/* A rate ratio with its interval, percent change and significance. */
struct stats_ratio {
	double rr;          /* (k1/t1) / (k2/t2) */
	double lo, hi;      /* exact conditional interval of rr */
	double pct;         /* percent change (rr - 1) * 100 */
	double pct_lo;      /* (lo - 1) * 100 */
	double pct_hi;      /* (hi - 1) * 100 */
	int significant;    /* 1 when the interval excludes 1, else 0 */
};

/*
 * stats_rate_ratio: compare two Poisson counts, k1 over exposure t1 (e.g.
 * this year: population, or 1 for plain counts) and k2 over exposure t2
 * (last year).  With n = k1 + k2 and the Clopper-Pearson interval of
 * p = k1/n, pL = beta_Pinv(alpha/2, k1, k2 + 1) (0 when k1 == 0) and
 * pU = beta_Pinv(1 - alpha/2, k1 + 1, k2) (1 when k2 == 0), the interval is
 * lo = pL/(1-pL) * t2/t1, hi = pU/(1-pU) * t2/t1.
 * Edge cases: k1 == 0 gives rr = 0, lo = 0, pct = -100; k2 == 0 gives
 * rr = hi = +INFINITY (pct and pct_hi +INFINITY); k1 == k2 == 0 gives
 * rr = pct = NaN, lo = 0, hi = +INFINITY, not significant (there is no
 * information), and still returns 0.
 * Requires k1, k2 >= 0, t1, t2 > 0 and finite, 0 < level < 1, else
 * NS_EUSAGE.
 */
int stats_rate_ratio(int64_t k1, double t1, int64_t k2, double t2,
		     double level, struct stats_ratio *out, struct nserr *err);

#endif
