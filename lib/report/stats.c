/*
 * stats: Wilson, Garwood, rate and rate-ratio intervals on top of the
 * gamma quantiles of stats_gamma.c and GSL's beta and normal quantiles
 * (see stats.h for the formulas and contracts).
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "stats.h"
#include "stats_int.h"

static void interval_nan(struct stats_interval *out)
{
	out->est = NAN;
	out->lo = NAN;
	out->hi = NAN;
}

static int level_ok(double level)
{
	return isfinite(level) && level > 0.0 && level < 1.0;
}

static int positive_finite(double x)
{
	return isfinite(x) && x > 0.0;
}

static int bad_level(double level, struct nserr *err)
{
	return nserr_set(err, NS_EUSAGE,
			 "confidence level %g is not between 0 and 1", level);
}

/* Counts up to here get an interval (shape k + 1 <= 1e12). */
#define POISSON_MAX_COUNT 999999999999LL

/*
 * poisson_bounds: the Garwood bounds of count k from gamma quantiles.
 * Returns 0 or NS_EINTERNAL.
 */
static int poisson_bounds(int64_t k, double alpha, double *lo, double *hi,
			  struct nserr *err)
{
	double kd = (double)k;
	int rc = 0;

	*lo = 0.0;
	if (k > 0)
		rc = stats_gamma_quantile(kd, alpha / 2.0, 0, lo, NULL);
	if (!rc)
		rc = stats_gamma_quantile(kd + 1.0, alpha / 2.0, 1, hi, NULL);
	if (rc)
		return nserr_set(err, NS_EINTERNAL,
				 "gamma quantile failed for count %lld",
				 (long long)k);
	return 0;
}

int stats_wilson(int64_t k, int64_t n, double level,
		 struct stats_interval *out, struct nserr *err)
{
	double z, nd, p, denom, centre, half;
	gsl_error_handler_t *old;

	interval_nan(out);
	if (!level_ok(level))
		return bad_level(level, err);
	if (k < 0 || n < 0 || k > n)
		return nserr_set(err, NS_EUSAGE,
				 "share %lld/%lld: need 0 <= k <= n",
				 (long long)k, (long long)n);
	if (n == 0)
		return 0;
	old = gsl_set_error_handler_off();
	z = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - level) / 2.0);
	gsl_set_error_handler(old);
	if (!isfinite(z))
		return nserr_set(err, NS_EINTERNAL,
				 "normal quantile failed for level %g", level);
	nd = (double)n;
	p = (double)k / nd;
	denom = 1.0 + z * z / nd;
	centre = (p + z * z / (2.0 * nd)) / denom;
	half = z * sqrt(p * (1.0 - p) / nd + z * z / (4.0 * nd * nd)) / denom;
	out->est = p;
	out->lo = k == 0 ? 0.0 : centre - half;
	out->hi = k == n ? 1.0 : centre + half;
	return 0;
}

int stats_poisson(int64_t k, double level, struct stats_interval *out,
		  struct nserr *err)
{
	double lo, hi;
	int rc;

	interval_nan(out);
	if (!level_ok(level))
		return bad_level(level, err);
	if (k < 0 || k > POISSON_MAX_COUNT)
		return nserr_set(err, NS_EUSAGE, "count %lld is out of range "
				 "(0 to %lld)", (long long)k,
				 (long long)POISSON_MAX_COUNT);
	out->est = (double)k;
	rc = poisson_bounds(k, 1.0 - level, &lo, &hi, err);
	if (rc)
		return rc;
	out->lo = lo;
	out->hi = hi;
	return 0;
}

int stats_rate(int64_t k, double pop, double per, double level,
	       struct stats_interval *out, struct nserr *err)
{
	struct stats_interval c;
	double f;
	int rc;

	interval_nan(out);
	if (!positive_finite(pop) || !positive_finite(per))
		return nserr_set(err, NS_EUSAGE,
				 "rate: population %g and multiplier %g must "
				 "be positive", pop, per);
	rc = stats_poisson(k, level, &c, err);
	f = per / pop;
	out->est = c.est * f;
	out->lo = c.lo * f;
	out->hi = c.hi * f;
	return rc;
}

static void ratio_finish(struct stats_ratio *out)
{
	out->pct = (out->rr - 1.0) * 100.0;
	out->pct_lo = (out->lo - 1.0) * 100.0;
	out->pct_hi = (out->hi - 1.0) * 100.0;
	out->significant = out->lo > 1.0 || out->hi < 1.0;
}

/* Shapes a + b from here on skip gsl_cdf_beta_Pinv. */
#define BETA_OWN_MIN 1e4

/*
 * The beta quantile: gsl_cdf_beta_Pinv for small shapes, else (it returns
 * NaN for shapes in the tens of thousands, which a year of needs reaches,
 * and runs for minutes from about a million) bisection on the beta
 * distribution function of stats_beta.c: the same exact quantile, to the
 * last bit of a double.
 */
static double beta_quantile(double q, double a, double b)
{
	double p, lo, hi, c, mean, sd;
	int i;

	if (a + b < BETA_OWN_MIN && !isnan(p = gsl_cdf_beta_Pinv(q, a, b)))
		return p;
	/* a bracket 12 standard deviations wide, checked */
	mean = a / (a + b);
	sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)));
	lo = mean - 12.0 * sd > 0.0 ? mean - 12.0 * sd : 0.0;
	hi = mean + 12.0 * sd < 1.0 ? mean + 12.0 * sd : 1.0;
	if ((lo > 0.0 && (stats_beta_cdf(lo, a, b, &c) < 0 || c >= q)) ||
	    (hi < 1.0 && (stats_beta_cdf(hi, a, b, &c) < 0 || c <= q)))
		return NAN;
	for (i = 0; i < 2000; i++) {
		double m = lo + (hi - lo) / 2.0;

		if (m <= lo || m >= hi)
			break;      /* lo and hi are neighbours */
		if (stats_beta_cdf(m, a, b, &c) < 0)
			return NAN;
		if (c < q)
			lo = m;
		else
			hi = m;
	}
	return (lo + hi) / 2.0;
}

/*
 * beta_odds: p/(1-p) for the q quantile p of Beta(a, b) (+INFINITY for
 * p == 1).  When p is above 1/2 (a > b), 1 - p is found directly as the
 * 1 - q quantile of Beta(b, a): near 1, p itself would keep too few
 * digits of 1 - p.
 */
static double beta_odds(double q, double a, double b)
{
	double p;

	if (a > b) {
		p = beta_quantile(1.0 - q, b, a);
		return p <= 0.0 ? INFINITY : (1.0 - p) / p;
	}
	p = beta_quantile(q, a, b);
	return p >= 1.0 ? INFINITY : p / (1.0 - p);
}

int stats_rate_ratio(int64_t k1, double t1, int64_t k2, double t2,
		     double level, struct stats_ratio *out, struct nserr *err)
{
	gsl_error_handler_t *old;
	double alpha, lo, hi, f, a = (double)k1, b = (double)k2;

	out->rr = out->lo = out->hi = NAN;
	out->pct = out->pct_lo = out->pct_hi = NAN;
	out->significant = 0;
	if (!level_ok(level))
		return bad_level(level, err);
	if (k1 < 0 || k2 < 0 || !positive_finite(t1) || !positive_finite(t2))
		return nserr_set(err, NS_EUSAGE,
				 "rate ratio: counts %lld, %lld must not be "
				 "negative and exposures %g, %g must be "
				 "positive", (long long)k1, (long long)k2,
				 t1, t2);
	alpha = 1.0 - level;
	f = t2 / t1;
	if (k1 == 0 && k2 == 0) {
		out->lo = 0.0;
		out->hi = INFINITY;
		ratio_finish(out);
		return 0;
	}
	out->rr = k2 == 0 ? INFINITY : (a / t1) / (b / t2);
	out->pct = (out->rr - 1.0) * 100.0;
	old = gsl_set_error_handler_off();
	lo = k1 == 0 ? 0.0 : beta_odds(alpha / 2.0, a, b + 1.0);
	hi = k2 == 0 ? INFINITY : beta_odds(1.0 - alpha / 2.0, a + 1.0, b);
	gsl_set_error_handler(old);
	if (isnan(lo) || isnan(hi))
		return nserr_set(err, NS_EINTERNAL,
				 "beta quantile failed for counts %lld, %lld",
				 (long long)k1, (long long)k2);
	out->lo = lo * f;
	out->hi = hi * f;
	ratio_finish(out);
	return 0;
}
