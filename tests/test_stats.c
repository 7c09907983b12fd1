/*
 * Tests for stats: Wilson, Garwood, rate and rate-ratio intervals against
 * reference values computed independently with SciPy 1.10.1 (Debian
 * python3-scipy).  Each table names the exact Python expression that
 * produced its numbers; values are compared to 1e-9 relative (exactly when
 * the reference is 0 or infinite).
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>

#include "report/stats.h"

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
	/* a national year of needs: the closed form holds at any size */
	{123456789, 1000000000, 0.95, 0.12343640161927887, 0.12347717927367156},
	{999999999, 1000000000, 0.95, 0.9999999943350657, 0.9999999998234754},
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
 * Garwood references (level 0.95), SciPy 1.10.1:
 *   from scipy.special import gammaincinv, gammainccinv
 *   lo = gammaincinv(k, 0.025) if k else 0.0; hi = gammainccinv(k+1, 0.025)
 * (the same numbers as chi2.ppf(0.025, 2*k)/2 and chi2.ppf(0.975, 2*k+2)/2,
 * and as R's qgamma(0.025, k), qgamma(0.975, k+1)).  1159 is the first
 * count where GSL's chi-square quantile returned NaN.
 */
struct poisson_ref {
	int64_t k;
	double lo, hi;
};

static const struct poisson_ref poisson_ref[] = {
	{0, 0.0, 3.6888794541139363},
	{1, 0.025317807984289876, 5.571643390938898},
	{2, 0.24220927854396496, 7.224687667723961},
	{5, 1.6234863901184207, 11.66833207932267},
	{10, 4.7953886961324335, 18.390356042017775},
	{37, 26.05141456710603, 50.99962614193084},
	{100, 81.36399125092314, 121.62679379242638},
	{1000, 938.9730184076952, 1063.952136016302},
	{1158, 1092.255750009985, 1226.6672323326159},
	{1159, 1093.2269559972128, 1227.6960140257002},
	{1160, 1094.1981744054965, 1228.7247833136144},
	{10000, 9804.952467260184, 10197.951624661473},
	{100000, 99381.15266374472, 100621.74473974388},
	{1000000, 998040.9833402939, 1001961.9119454322},
	{10000000, 9993802.996884268, 10006199.897731498},
	{1000000000, 999938021.4439279, 1000061981.4504089},
};

/* The same expressions at every 5th count of the sweep of test_poisson_sweep
 * (k = 1 + 997 i). */
static const struct poisson_ref sweep_ref[] = {
	{1, 0.025317807984289876, 5.571643390938898},
	{4986, 4848.553354612541, 5126.35480198248},
	{9971, 9776.236870857383, 10168.667235264687},
	{14956, 14717.25529609473, 15197.647013873133},
	{19941, 19665.176745988883, 20219.724492767888},
	{24926, 24617.509711469498, 25237.390796050156},
	{29911, 29572.976354409304, 30251.923613226947},
	{34896, 34530.81756609621, 35264.08198188085},
	{39881, 39490.538739015785, 40274.36047064447},
	{44866, 44451.79631452713, 45283.10261487393},
	{49851, 49414.3401479789, 50290.55854431259},
	{54836, 54377.98139936329, 55296.91708892226},
	{59821, 59342.573358152884, 60302.32495218086},
	{64806, 64307.99935275773, 65306.89880056608},
	{69791, 69274.1647860236, 70310.73322742242},
	{74776, 74240.99169613759, 75313.90619165769},
	{79761, 79208.41492816326, 80316.48284594924},
	{84746, 84176.37936900972, 85318.51830160113},
	{89731, 89144.83790564924, 90320.05967020681},
	{94716, 94113.749887983, 95321.14760069863},
	{99701, 99083.07995179688, 100321.81745633099},
	{104686, 104052.7971037786, 105322.10022961843},
	{109671, 109022.87400062701, 110322.0232631927},
	{114656, 113993.2863741856, 115321.61082464398},
	{119641, 118964.01256799733, 120320.8845699464},
	{124626, 123935.03315997058, 125319.86392077702},
	{129611, 128906.33065237237, 130318.56637451054},
	{134596, 133877.8892150236, 135317.00776101474},
	{139581, 138849.69447094522, 140315.2024569966},
	{144566, 143821.73331618088, 145313.1635661735},
	{149551, 148793.99376736372, 150310.90307170144},
	{154536, 153766.46483197706, 155308.4319659103},
	{159521, 158739.136397312, 160305.7603613427},
	{164506, 163711.99913493014, 165302.89758628854},
	{169491, 168685.04441806473, 170299.85226738153},
	{174476, 173658.2642498811, 175296.6324013367},
	{179461, 178631.65120090052, 180293.24541752477},
	{184446, 183605.19835419673, 185289.69823277427},
	{189431, 188578.8992572163, 190285.99729955013},
	{194416, 193552.74787926997, 195282.14864846092},
	{199401, 198526.73857389993, 200278.15792589093},
};

/* The same expressions up to 1e9 (counts of a national data set). */
static const struct poisson_ref big_ref[] = {
	{200003, 199127.41842264388, 200881.47807384373},
	{499979, 498594.07267593604, 501366.82301560446},
	{1000003, 998043.9804003498, 1001964.9148853747},
	{3162278, 3158793.583464219, 3165765.311392703},
	{12345679, 12338793.335735269, 12352567.558849508},
	{50000017, 49986158.90657772, 50013877.987866744},
	{123456789, 123435012.5696615, 123478568.32473257},
	{314159265, 314124526.4900622, 314194006.404299},
	{999999937, 999937958.4458803, 1000061918.4484566},
};

static void check_poisson(const struct poisson_ref *ref, size_t n)
{
	struct stats_interval iv;
	size_t i;

	for (i = 0; i < n; i++) {
		CU_ASSERT_EQUAL_FATAL(stats_poisson(ref[i].k, 0.95, &iv, NULL),
				      0);
		CU_ASSERT(rel_close(iv.est, (double)ref[i].k));
		CU_ASSERT(rel_close(iv.lo, ref[i].lo));
		CU_ASSERT(rel_close(iv.hi, ref[i].hi));
		if (!rel_close(iv.lo, ref[i].lo) || !rel_close(iv.hi, ref[i].hi))
			fprintf(stderr, "\nGarwood %lld: [%.17g, %.17g], want "
				"[%.17g, %.17g]\n", (long long)ref[i].k, iv.lo,
				iv.hi, ref[i].lo, ref[i].hi);
	}
}

static void test_poisson(void)
{
	struct stats_interval iv;
	struct nserr err;

	check_poisson(poisson_ref, sizeof poisson_ref / sizeof poisson_ref[0]);
	check_poisson(big_ref, sizeof big_ref / sizeof big_ref[0]);
	/* level 0.90: chi2.ppf(0.05, 10)/2, chi2.ppf(0.95, 12)/2 */
	CU_ASSERT_EQUAL(stats_poisson(5, 0.90, &iv, NULL), 0);
	CU_ASSERT(rel_close(iv.lo, 1.9701495680595302));
	CU_ASSERT(rel_close(iv.hi, 10.513034908741535));
	CU_ASSERT_EQUAL(stats_poisson(-1, 0.95, &iv, NULL), NS_EUSAGE);
	CU_ASSERT(isnan(iv.est));
	CU_ASSERT_EQUAL(stats_poisson(3, 1.5, &iv, NULL), NS_EUSAGE);
	nserr_init(&err);
	CU_ASSERT_EQUAL(stats_poisson(INT64_C(1000000000000), 0.95, &iv, &err),
			NS_EUSAGE);
	CU_ASSERT_STRING_EQUAL(err.msg, "count 1000000000000 is out of range "
			       "(0 to 999999999999)");
}

/*
 * Every 997th count from 1 to 200,000 (where GSL failed for about a
 * quarter of the counts above 10,000): finite, lo < k < hi, both bounds
 * increasing with k, the width growing like sqrt(k) (between 3.9 and 4
 * times sqrt(k): 2 * 1.96 = 3.92), and every 5th against SciPy.
 */
static void test_poisson_sweep(void)
{
	struct stats_interval iv, prev = { 0.0, -1.0, 0.0 };
	size_t i, j = 0;
	int64_t k;
	double w;

	for (k = 1, i = 0; k <= 200000; k += 997, i++) {
		CU_ASSERT_EQUAL_FATAL(stats_poisson(k, 0.95, &iv, NULL), 0);
		CU_ASSERT(isfinite(iv.lo) && isfinite(iv.hi));
		CU_ASSERT(iv.lo < (double)k && (double)k < iv.hi);
		CU_ASSERT(iv.lo > prev.lo && iv.hi > prev.hi);
		w = (iv.hi - iv.lo) / sqrt((double)k);
		CU_ASSERT(k < 1000 || (w > 3.9 && w < 4.0));
		if (i % 5 == 0) {
			CU_ASSERT_FATAL(j < sizeof sweep_ref / sizeof sweep_ref[0]);
			CU_ASSERT_EQUAL(sweep_ref[j].k, k);
			CU_ASSERT(rel_close(iv.lo, sweep_ref[j].lo));
			CU_ASSERT(rel_close(iv.hi, sweep_ref[j].hi));
			j++;
		}
		prev = iv;
	}
	CU_ASSERT_EQUAL(j, sizeof sweep_ref / sizeof sweep_ref[0]);
}

/*
 * Gamma quantiles at other levels and shapes:
 *   (a, p, gammaincinv(a, p), gammainccinv(a, p))
 */
static const struct {
	double a, p, lower, upper;
} gamma_ref[] = {
	{0.5, 0.0005, 1.9634956655146132e-07, 6.057832573198587},
	{3, 0.005, 0.33786338872773336, 9.273792089255544},
	{1159, 0.05, 1103.5767078013077, 1215.5602681051266},
	{250000, 0.0005, 248358.01178790382, 251648.5399188124},
	{1000000000.0, 0.005, 999918547.0036695, 1000081456.7529283},
};

static void test_gamma_quantile(void)
{
	struct nserr err;
	double x;
	size_t i;

	for (i = 0; i < sizeof gamma_ref / sizeof gamma_ref[0]; i++) {
		CU_ASSERT_EQUAL(stats_gamma_quantile(gamma_ref[i].a,
			gamma_ref[i].p, 0, &x, NULL), 0);
		CU_ASSERT(rel_close(x, gamma_ref[i].lower));
		CU_ASSERT_EQUAL(stats_gamma_quantile(gamma_ref[i].a,
			gamma_ref[i].p, 1, &x, NULL), 0);
		CU_ASSERT(rel_close(x, gamma_ref[i].upper));
	}
	nserr_init(&err);
	CU_ASSERT_EQUAL(stats_gamma_quantile(0.0, 0.5, 0, &x, &err),
			NS_EUSAGE);
	CU_ASSERT(isnan(x));
	CU_ASSERT_STRING_EQUAL(err.msg, "gamma quantile: shape 0 must be in "
			       "(0, 1e+12] and probability 0.5 in (0, 1)");
	CU_ASSERT_EQUAL(stats_gamma_quantile(5.0, 1.0, 1, &x, NULL),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_gamma_quantile(NAN, 0.5, 1, &x, NULL),
			NS_EUSAGE);
	CU_ASSERT_EQUAL(stats_gamma_quantile(2e12, 0.5, 1, &x, NULL),
			NS_EUSAGE);
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
	/* counts where gsl_cdf_beta_P gives NaN and gsl_cdf_beta_Pinv runs for
	 * minutes (SciPy's betaincinv for p) */
	{1000000, 1, 1000000, 1, 1.0, 0.9972310329327215, 1.0027766555350122,
	 0},
	{10000000, 1, 9000000, 1, 1.1111111111111112, 1.1101108487420963,
	 1.1121122864810353, 1},
	{123456789, 1, 120000000, 1, 1.02880657500, 1.0285481085965222,
	 1.029065106581429, 1},
	{1000000000, 1, 999000000, 1, 1.001001001001001, 1.0009132418417863,
	 1.0010887678015634, 1},
	{5000000, 1, 4000, 1, 1250.0, 1211.8359940145147, 1289.6759854457905,
	 1},
	{3000, 1, 7000000, 1, 0.00042857142857142855, 0.0004133680606498397,
	 0.0004441911151386753, 1},
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
		/* on the ratio scale: near a ratio of 1 the percent change
		 * keeps fewer digits than the references */
		CU_ASSERT(rel_close(r.pct_lo / 100.0 + 1.0, ratio_ref[i].lo));
		CU_ASSERT(rel_close(r.pct_hi / 100.0 + 1.0, ratio_ref[i].hi));
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

/*
 * One count huge, the other 1: the bounds have closed forms (Beta(a, 1)
 * has the distribution function x^a), computed with mpmath at 50 digits:
 *   x = 0.975 ** (1 / (10**9 + 1)); hi of (10^9, 1) = x / (1 - x)
 *   y = 1 - x;                        lo of (1, 10^9) = y / (1 - y)
 * p is then within 1e-8 of 0 or 1: the odds need 1 - p computed directly.
 */
static void test_rate_ratio_extreme(void)
{
	struct stats_ratio r;

	CU_ASSERT_EQUAL_FATAL(stats_rate_ratio(1000000000, 1, 1, 1, 0.95, &r,
					       NULL), 0);
	CU_ASSERT(rel_close(r.hi, 39497890244.205101525));
	CU_ASSERT(isfinite(r.lo) && r.lo > 1e8 && r.lo < r.rr);
	CU_ASSERT_EQUAL_FATAL(stats_rate_ratio(1, 1, 1000000000, 1, 0.95, &r,
					       NULL), 0);
	CU_ASSERT(rel_close(r.lo, 2.5317807959292563145e-11));
	CU_ASSERT(isfinite(r.hi) && r.hi > r.rr && r.hi < 1e-8);
	CU_ASSERT_EQUAL_FATAL(stats_rate_ratio(1000000000, 1, 10, 1, 0.95, &r,
					       NULL), 0);
	CU_ASSERT(r.lo < r.rr && r.rr < r.hi && isfinite(r.hi));
}

static CU_TestInfo tests[] = {
	{"wilson", test_wilson},
	{"wilson edges", test_wilson_edges},
	{"poisson garwood", test_poisson},
	{"poisson garwood sweep to 200000", test_poisson_sweep},
	{"gamma quantile", test_gamma_quantile},
	{"rate per 10000", test_rate},
	{"rate ratio", test_rate_ratio},
	{"rate ratio edges", test_rate_ratio_edges},
	{"rate ratio at extreme counts", test_rate_ratio_extreme},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_stats[] = {
	{"stats", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
