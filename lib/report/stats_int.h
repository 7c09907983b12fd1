/*
 * stats_int: what the files of the statistics module share (stats.c,
 * stats_gamma.c, stats_beta.c) and nothing else.
 */
#ifndef NEEDSTAT_STATS_INT_H
#define NEEDSTAT_STATS_INT_H

#define STATS_TWO_PI 6.283185307179586476925

/*
 * stats_stirling: lgamma(a + 1) - ((a + 1/2) log a - a + log(2 pi) / 2),
 * equally lgamma(a) - ((a - 1/2) log a - a + log(2 pi) / 2), from
 * Stirling's series to the a^-5 term: error below 1e-12 for a >= 10.
 */
double stats_stirling(double a);

/*
 * stats_beta_cdf: the regularized incomplete beta function I_x(a, b) for
 * 0 < x < 1 and shapes a, b >= 1 of any size (GSL's gives up from about
 * a million), by its power series in the smaller shape, with the prefix
 * x^a (1-x)^b / (a B(a, b)) computed without the cancellation of huge
 * logarithms.  Fast within a dozen standard deviations of the mean a/(a+b);
 * farther out it may take O(a + b) terms.  Returns 0 and *out, or -1
 * when the series does not converge or overflows.
 */
int stats_beta_cdf(double x, double a, double b, double *out);

#endif
