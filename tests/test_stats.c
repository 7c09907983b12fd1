/*
 * Tests for stats: Wilson, Garwood, rate and rate-ratio intervals against
 * reference values computed independently with SciPy 1.10 (Debian
 * python3-scipy).  Each table names the exact Python expression that
 * produced its numbers; values are compared to 1e-9 relative (exactly when
 * the reference is 0 or infinite).
 */
#include <CUnit/CUnit.h>
#include <math.h>

#include "stats.h"

/* rel_close: a == b within 1e-9 relative; 0, NaN and infinities exactly. */
static int rel_close(double a, double b)
{
	if (isnan(b))
		return isnan(a);
	if (isinf(b) || b == 0.0)
		return a == b;
	return fabs(a - b) <= 1e-9 * fabs(b);
}

/*
 * Wilson references:
 *   from scipy.stats import norm; from math import sqrt
 *   z = norm.ppf(1 - (1 - level)/2); p = k/n; d = 1 + z*z/n
 *   c = (p + z*z/(2*n))/d; h = z*sqrt(p*(1-p)/n + z*z/(4*n*n))/d
 *   (lo, hi) = (c - h, c + h)
 */
static const struct {
	int64_t k, n;
	double level, lo, hi;
} wilson_ref[] = {
	{0, 1, 0.95, 0.0, 0.7934506856227626},
	{1, 1, 0.95, 0.20654931437723745, 1.0},
	{0, 10, 0.95, 0.0, 0.2775327998628892},
	{1, 10, 0.95, 0.017876213095072896, 0.4041500267952385},
	{5, 10, 0.95, 0.236593090512564, 0.7634069094874361},
	{3, 7, 0.90, 0.18644319036395607, 0.7105229089864071},
	{37, 50, 0.95, 0.6044684273515117, 0.8412847250644762},
	{37, 1000, 0.95, 0.026961180875554734, 0.05058239748206931},
	{1000, 250000, 0.95, 0.0037600842048183414, 0.004255158469565749},
	{1000, 1000, 0.95, 0.996173241514445, 1.0},
};

static void test_wilson(void)
{
	struct stats_interval iv;
	size_t i;

	for (i = 0; i < sizeof wilson_ref / sizeof wilson_ref[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(stats_wilson(wilson_ref[i].k,
			wilson_ref[i].n, wilson_ref[i].level, &iv, NULL), 0);
		CU_ASSERT(rel_close(iv.est, (double)wilson_ref[i].k /
				(double)wilson_ref[i].n));
		CU_ASSERT(rel_close(iv.lo, wilson_ref[i].lo));
		CU_ASSERT(rel_close(iv.hi, wilson_ref[i].hi));
	}
}

static void test_wilson_edges(void)
{
	struct stats_interval iv;
	struct nserr err;

	/* n == 0: defined as "no share", NaN everywhere, status 0. */
	CU_ASSERT_EQUAL(stats_wilson(0, 0, 0.95, &iv, NULL), 0);
	CU_ASSERT(isnan(iv.est) && isnan(iv.lo) && isnan(iv.hi));
	nserr_init(&err);
	CU_ASSERT_EQUAL(stats_wilson(5, 4, 0.95, &iv, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "share 5/4: need 0 <= k <= n");
	CU_ASSERT(isnan(iv.lo));
	CU_ASSERT_EQUAL(stats_wilson(-1, 4, 0.95, &iv, NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_wilson(1, 4, 1.0, &iv, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg,
			       "confidence level 1 is not between 0 and 1");
	CU_ASSERT_EQUAL(stats_wilson(1, 4, 0.0, &iv, NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_wilson(1, 4, NAN, &iv, NULL), NS_EUSAGE);
}

/*
 * Garwood references (level 0.95):
 *   from scipy.stats import chi2
 *   lo = chi2.ppf(0.025, 2*k)/2 if k else 0.0; hi = chi2.ppf(0.975, 2*k+2)/2
 */
static const struct {
	int64_t k;
	double lo, hi;
} poisson_ref[] = {
	{0, 0.0, 3.6888794541139354},
	{1, 0.025317807984289876, 5.571643390938898},
	{5, 1.6234863901184207, 11.66833207932267},
	{37, 26.05141456710603, 50.999626141930825},
	{1000, 938.9730184076952, 1063.952136016302},
};

static void test_poisson(void)
{
	struct stats_interval iv;
	size_t i;

	for (i = 0; i < sizeof poisson_ref / sizeof poisson_ref[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(stats_poisson(poisson_ref[i].k, 0.95,
						    &iv, NULL), 0);
		CU_ASSERT(rel_close(iv.est, (double)poisson_ref[i].k));
		CU_ASSERT(rel_close(iv.lo, poisson_ref[i].lo));
		CU_ASSERT(rel_close(iv.hi, poisson_ref[i].hi));
	}
	/* level 0.90: chi2.ppf(0.05, 10)/2, chi2.ppf(0.95, 12)/2 */
	CU_ASSERT_EQUAL(stats_poisson(5, 0.90, &iv, NULL), 0);
	CU_ASSERT(rel_close(iv.lo, 1.9701495680595302));
	CU_ASSERT(rel_close(iv.hi, 10.513034908741535));
	CU_ASSERT_EQUAL(stats_poisson(-1, 0.95, &iv, NULL), NS_EUSAGE);
	CU_ASSERT(isnan(iv.est));
	CU_ASSERT_EQUAL(stats_poisson(3, 1.5, &iv, NULL), NS_EUSAGE);
}

/*
 * Rate references (per 10,000, level 0.95), f = 10000/pop:
 *   (k/pop*10000, (chi2.ppf(0.025, 2*k)/2 if k else 0.0)*f,
 *    chi2.ppf(0.975, 2*k+2)/2*f)
 */
static const struct {
	int64_t k;
	double pop, est, lo, hi;
} rate_ref[] = {
	{37, 123456, 2.997019180922758, 2.110178085075333, 4.130996155871794},
	{0, 5000, 0.0, 0.0, 7.377758908227871},
	{1000, 2500000, 4.0, 3.755892073630781, 4.255808544065208},
};

static void test_rate(void)
{
	struct stats_interval iv;
	struct nserr err;
	size_t i;

	for (i = 0; i < sizeof rate_ref / sizeof rate_ref[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(stats_rate(rate_ref[i].k, rate_ref[i].pop,
			STATS_DEFAULT_PER, STATS_DEFAULT_LEVEL, &iv, NULL), 0);
		CU_ASSERT(rel_close(iv.est, rate_ref[i].est));
		CU_ASSERT(rel_close(iv.lo, rate_ref[i].lo));
		CU_ASSERT(rel_close(iv.hi, rate_ref[i].hi));
	}
	/* per 1,000 is the per-10,000 rate divided by 10 */
	CU_ASSERT_EQUAL(stats_rate(37, 123456, 1000, 0.95, &iv, NULL), 0);
	CU_ASSERT(rel_close(iv.hi, 4.130996155871794 / 10.0));
	nserr_init(&err);
	CU_ASSERT_EQUAL(stats_rate(3, 0, 10000, 0.95, &iv, &err), NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "rate: population 0 and multiplier "
			       "10000 must be positive");
	CU_ASSERT(isnan(iv.est));
	CU_ASSERT_EQUAL(stats_rate(3, 100, -1, 0.95, &iv, NULL), NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_rate(3, INFINITY, 1, 0.95, &iv, NULL),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_rate(-3, 100, 1, 0.95, &iv, NULL), NS_EUSAGE);
}

/*
 * Rate-ratio references (level 0.95), f = t2/t1:
 *   from scipy.stats import beta
 *   pl = beta.ppf(0.025, k1, k2+1) if k1 else 0.0
 *   pu = beta.ppf(0.975, k1+1, k2) if k2 else 1.0
 *   (rr, lo, hi) = ((k1/t1)/(k2/t2), pl/(1-pl)*f, pu/(1-pu)*f)
 * {11, 800, 21, 3011} is the example of R's ?poisson.test, whose printed
 * result is 1.971488 [0.8584264, 4.2772659].
 */
static const struct {
	int64_t k1;
	double t1;
	int64_t k2;
	double t2, rr, lo, hi;
	int significant;
} ratio_ref[] = {
	{37, 1, 20, 1, 1.85, 1.0463011757959217, 3.3640375916356904, 1},
	{120, 1, 100, 1, 1.2, 0.9126057783465226, 1.5807420070202758, 0},
	{250, 52000, 180, 50000, 1.3354700854700856, 1.098211550141581,
	 1.6266231273869693, 1},
	{0, 1, 7, 1, 0.0, 0.0, 0.6938139800964526, 1},
	{6, 1, 0, 1, INFINITY, 1.1774247257241777, INFINITY, 1},
	{11, 800, 21, 3011, 1.9714880952380953, 0.8584264033916397,
	 4.277265943654075, 0},
	{1000, 1, 900, 1, 1.1111111111111112, 1.0144048594319397,
	 1.2171708368278973, 1},
	/* counts where gsl_cdf_beta_Pinv gives up (NaN): a year of needs */
	{100000, 1, 90000, 1, 1.1111111111111112, 1.1011389710959756,
	 1.1211747463925696, 1},
	{2500000, 1, 2400000, 1, 1.0416666666666667, 1.0398228709204886,
	 1.0435137482874328, 1},
};

static void test_rate_ratio(void)
{
	struct stats_ratio r;
	size_t i;

	for (i = 0; i < sizeof ratio_ref / sizeof ratio_ref[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(stats_rate_ratio(ratio_ref[i].k1,
			ratio_ref[i].t1, ratio_ref[i].k2, ratio_ref[i].t2,
			0.95, &r, NULL), 0);
		CU_ASSERT(rel_close(r.rr, ratio_ref[i].rr));
		CU_ASSERT(rel_close(r.lo, ratio_ref[i].lo));
		CU_ASSERT(rel_close(r.hi, ratio_ref[i].hi));
		CU_ASSERT(rel_close(r.pct, (ratio_ref[i].rr - 1.0) * 100.0));
		CU_ASSERT(rel_close(r.pct_lo, (ratio_ref[i].lo - 1.0) * 100.0));
		CU_ASSERT(rel_close(r.pct_hi, (ratio_ref[i].hi - 1.0) * 100.0));
		CU_ASSERT_EQUAL(r.significant, ratio_ref[i].significant);
	}
	/* 37 vs 20 is +85%, the 120 vs 100 case +20% but not significant */
	CU_ASSERT_EQUAL(stats_rate_ratio(37, 1, 20, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(rel_close(r.pct, 85.0));
	CU_ASSERT_EQUAL(stats_rate_ratio(120, 1, 100, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(rel_close(r.pct, 20.0));
	CU_ASSERT_EQUAL(r.significant, 0);
	CU_ASSERT(r.pct_lo < 0.0 && r.pct_hi > 0.0);
}

static void test_rate_ratio_edges(void)
{
	struct stats_ratio r;

	/* no events in either year: no information, defined result */
	CU_ASSERT_EQUAL(stats_rate_ratio(0, 1, 0, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(isnan(r.rr) && isnan(r.pct));
	CU_ASSERT_EQUAL(r.lo, 0.0);
	CU_ASSERT(isinf(r.hi) && r.hi > 0);
	CU_ASSERT_EQUAL(r.significant, 0);
	/* k1 == 0: a 100% drop */
	CU_ASSERT_EQUAL(stats_rate_ratio(0, 1, 7, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(rel_close(r.pct, -100.0));
	/* k2 == 0: an infinite increase */
	CU_ASSERT_EQUAL(stats_rate_ratio(6, 1, 0, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(isinf(r.pct) && r.pct > 0);
	/* one event against none is not significant:
	 * beta.ppf(0.025, 1, 1) = 0.025 -> lo = 0.025/0.975 */
	CU_ASSERT_EQUAL(stats_rate_ratio(1, 1, 0, 1, 0.95, &r, NULL), 0);
	CU_ASSERT(rel_close(r.lo, 0.025 / 0.975));
	CU_ASSERT_EQUAL(r.significant, 0);
	CU_ASSERT_EQUAL(stats_rate_ratio(-1, 1, 0, 1, 0.95, &r, NULL),
			NS_EUSAGE);
	CU_ASSERT(isnan(r.rr));
	CU_ASSERT_EQUAL(stats_rate_ratio(1, 0, 2, 1, 0.95, &r, NULL),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_rate_ratio(1, 1, 2, NAN, 0.95, &r, NULL),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_rate_ratio(1, 1, 2, 1, -0.5, &r, NULL),
			NS_EUSAGE);
}

static CU_TestInfo tests[] = {
	{"wilson", test_wilson},
	{"wilson edges", test_wilson_edges},
	{"poisson garwood", test_poisson},
	{"rate per 10000", test_rate},
	{"rate ratio", test_rate_ratio},
	{"rate ratio edges", test_rate_ratio_edges},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_stats[] = {
	{"stats", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
