/*
 * needstat-chart: run one report and draw its chart (the report's default
 * chart, or the type and columns given) as PNG, SVG or PDF, or dump the
 * chart model as text (see chart.h and needstat-chart(1)).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "render/chart.h"
#include "report/report.h"

static const char synopsis[] = "needstat-chart [--db FILE] [--lang en|fr] "
	"[--from D --to D | --month YYYY-MM | --quarter YYYY-Qn | --year YYYY "
	"| --fiscal-year YYYY] [--fiscal-start M] [--region ID] "
	"[--category ID] [--min-cell N] [-p NAME=VALUE]... "
	"[--type line|bar|grouped_bar|stacked_bar|hbar|multiples] [--x COL] "
	"[--y COL[,COL]...] [--series COL|none] [--width W] [--height H] "
	"[--scale S] [--format png|svg|pdf] (--dump | -o FILE) REPORT";

static int help(void)
{
	printf("usage: %s\n\n"
"Run a report on the database and draw its chart: the report's default\n"
"chart (needstat-report --describe REPORT shows it), or the type and\n"
"columns given.  Titles, labels, numbers and month names follow --lang.\n"
"A chart shows only what the report's table shows: suppressed cells are\n"
"gaps (never zeros), and a stacked bar with a withheld part is not drawn.\n\n"
"Options:\n"
"  --category ID       only needs of this category\n"
"  --db FILE           database (default $NEEDSTAT_DB, else needstat.db)\n"
"  --dump              print the chart model as text instead of drawing\n"
"  --fiscal-start M    first month of fiscal years, 1-12 (default 4)\n"
"  --fiscal-year YYYY  the fiscal year starting in YYYY\n"
"  --format F          png, svg or pdf (default: from -o's extension)\n"
"  --from D, --to D    first and last month (YYYY-MM)\n"
"  --height H          height in pixels (PNG) or points (default 500)\n"
"  --lang L            en (default $NEEDSTAT_LANG, else en) or fr\n"
"  --min-cell N        suppression threshold (default 5)\n"
"  --month YYYY-MM     one month\n"
"  -o, --output FILE   write the chart to FILE (a temporary file renamed\n"
"                      into place)\n"
"  -p, --param N=V     set the report parameter N\n"
"  --quarter YYYY-Qn   a calendar quarter\n"
"  --region ID         only contacts in this region (and its parts)\n"
"  --scale S           PNG pixels per unit, 0.5-4 (2 for HiDPI; default 1)\n"
"  --series COL        split the y column into one series per value of\n"
"                      COL ('none': no split)\n"
"  --type T            line, bar, grouped_bar, stacked_bar, hbar or\n"
"                      multiples (one panel per series value)\n"
"  --width W           width in pixels (PNG) or points (default 800)\n"
"  --x COL, --y COLS   the category (or month) column and the value\n"
"                      column(s), comma-separated\n"
"  --year YYYY         a calendar year\n"
"  -h, --help          show this help\n"
"  -V, --version       show the version\n\n"
"Exit status: 0 ok, 64 usage (unknown report, a column that does not\n"
"exist, a chart that does not fit the data), 66 cannot open the\n"
"database, 70 internal error, 73 cannot create the output, 74 write\n"
"error, 75 database busy, 78 bad report file or database.\n", synopsis);
	return 0;
}

struct args {
	const char *db, *out, *fy, *from, *to, *month, *quarter, *year;
	const char *type, *x, *y, *series;
	const char *pn[REPORT_MAX_PARAMS], *pv[REPORT_MAX_PARAMS];
	char pbuf[REPORT_MAX_PARAMS][256];
	int lang, format, dump;
	long width, height;
	double scale;
	struct report_opts o;
};

static int parse_period(struct args *a, struct nserr *err)
{
	int kinds = (a->from || a->to) + !!a->month + !!a->quarter +
		    !!a->year + !!a->fy;

	if (kinds > 1)
		return nserr_set(err, NS_EUSAGE, "give one period: --from/--to, "
				 "--month, --quarter, --year or --fiscal-year");
	if (a->month)
		return period_parse_month(a->month, &a->o.period, err);
	if (a->quarter)
		return period_parse_quarter(a->quarter, &a->o.period, err);
	if (a->year)
		return period_parse_year(a->year, &a->o.period, err);
	if (a->fy)
		return period_parse_fiscal_year(a->fy, a->o.fy_start,
						&a->o.period, err);
	return period_parse_range(a->from, a->to, &a->o.period, err);
}

/* write_chart: draw c into a temporary file beside a->out, then rename. */
static int write_chart(const struct args *a, const struct chart *c,
		       struct nserr *err)
{
	char tmp[4096];
	const char *slash = strrchr(a->out, '/');
	FILE *f;
	int fd, rc;

	snprintf(tmp, sizeof tmp, "%.*s.needstat-chart-XXXXXX",
		 slash ? (int)(slash - a->out + 1) : 0, a->out);
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
		if (fd >= 0)
			close(fd), remove(tmp);
		return nserr_set(err, NS_ECANTCREAT, "cannot create a "
				 "temporary file for '%s': %s", a->out,
				 strerror(errno));
	}
	rc = chart_draw(c, (enum chart_format)a->format, (double)a->width,
			(double)a->height, a->scale, f, err);
	if ((fflush(f) != 0 || fsync(fileno(f)) != 0) && !rc)
		rc = nserr_set(err, NS_EIO, "cannot write '%s': %s", tmp,
			       strerror(errno));
	if (fclose(f) != 0 && !rc)
		rc = nserr_set(err, NS_EIO, "cannot write '%s'", tmp);
	if (!rc && rename(tmp, a->out) != 0)
		rc = nserr_set(err, NS_ECANTCREAT, "cannot rename '%s' to "
			       "'%s': %s", tmp, a->out, strerror(errno));
	if (rc)
		remove(tmp);
	return rc;
}

static int run(struct args *a, const char *rdir, const char *id,
	       const char *datadir)
{
	struct report r;
	struct table t;
	struct chart c;
	struct nserr err;
	sqlite3 *db = NULL;
	int rc;

	nserr_init(&err);
	report_init(&r);
	table_init(&t);
	chart_init(&c);
	rc = report_find(rdir, id, &r, &err);
	if (!rc)
		rc = db_open(a->db, 0, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->o, &err);
	if (!rc)
		rc = report_run(db, &r, &a->o, &t, &err);
	if (!rc && (a->type || a->x || a->y || a->series))
		rc = report_chart_override(&t, a->type, a->x, a->y, a->series,
					   &err);
	if (!rc)
		rc = chart_build(&c, &t, a->lang, &err);
	if (!rc)
		rc = a->dump ? chart_dump(&c, stdout, &err)
			     : write_chart(a, &c, &err);
	chart_release(&c);
	table_release(&t);
	report_release(&r);
	sqlite3_close(db);
	if (rc == NS_EUSAGE)
		return cli_usage_error(synopsis, "%s", err.msg);
	return rc ? cli_fail(&err) : cli_finish(0);
}

static int number(const char *opt, const char *s, long lo, long hi,
		  long *out)
{
	return cli_parse_long(opt, s, lo, hi, out) ? -1 : 0;
}

/* parse_opts: the options into *a; returns -1 to go on, else the exit
 * status (help, version, usage error). */
static int parse_opts(int argc, char **argv, struct args *a)
{
	enum { O_CAT = 256, O_DB, O_DUMP, O_FYS, O_FY, O_FMT, O_FROM, O_H,
	       O_LANG, O_MIN, O_MONTH, O_QUARTER, O_REGION, O_SCALE, O_SERIES,
	       O_TO, O_TYPE, O_W, O_X, O_Y, O_YEAR };
	static const struct option opts[] = {
		{"category", required_argument, NULL, O_CAT},
		{"db", required_argument, NULL, O_DB},
		{"dump", no_argument, NULL, O_DUMP},
		{"fiscal-start", required_argument, NULL, O_FYS},
		{"fiscal-year", required_argument, NULL, O_FY},
		{"format", required_argument, NULL, O_FMT},
		{"from", required_argument, NULL, O_FROM},
		{"height", required_argument, NULL, O_H},
		{"help", no_argument, NULL, 'h'},
		{"lang", required_argument, NULL, O_LANG},
		{"min-cell", required_argument, NULL, O_MIN},
		{"month", required_argument, NULL, O_MONTH},
		{"output", required_argument, NULL, 'o'},
		{"param", required_argument, NULL, 'p'},
		{"quarter", required_argument, NULL, O_QUARTER},
		{"region", required_argument, NULL, O_REGION},
		{"scale", required_argument, NULL, O_SCALE},
		{"series", required_argument, NULL, O_SERIES},
		{"to", required_argument, NULL, O_TO},
		{"type", required_argument, NULL, O_TYPE},
		{"version", no_argument, NULL, 'V'},
		{"width", required_argument, NULL, O_W},
		{"x", required_argument, NULL, O_X},
		{"y", required_argument, NULL, O_Y},
		{"year", required_argument, NULL, O_YEAR},
		{NULL, 0, NULL, 0},
	};
	long v;
	int c;
	char *end;

	while ((c = getopt_long(argc, argv, "ho:p:V", opts, NULL)) != -1) {
		switch (c) {
		case O_CAT: a->o.category = optarg; break;
		case O_DB: a->db = optarg; break;
		case O_DUMP: a->dump = 1; break;
		case O_FYS:
			if (number("--fiscal-start", optarg, 1, 12, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.fy_start = (int)v;
			break;
		case O_FY: a->fy = optarg; break;
		case O_FMT:
			if ((a->format = chart_format_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--format '%s' "
					"is not png, svg or pdf", optarg);
			break;
		case O_FROM: a->from = optarg; break;
		case O_H:
			if (number("--height", optarg, 200, 8000, &a->height))
				return cli_usage_error(synopsis, NULL);
			break;
		case O_LANG:
			if ((a->lang = nf_lang_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--lang '%s' is "
					"not en or fr", optarg);
			break;
		case O_MIN:
			if (number("--min-cell", optarg, 1, 1000000, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.min_cell = (int)v;
			break;
		case O_MONTH: a->month = optarg; break;
		case O_QUARTER: a->quarter = optarg; break;
		case O_REGION: a->o.region = optarg; break;
		case O_SCALE:
			a->scale = strtod(optarg, &end);
			if (*end || end == optarg || !(a->scale >= 0.5 &&
			    a->scale <= 4))
				return cli_usage_error(synopsis, "--scale '%s' "
					"is not a number from 0.5 to 4", optarg);
			break;
		case O_SERIES: a->series = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_TYPE: a->type = optarg; break;
		case O_W:
			if (number("--width", optarg, 200, 8000, &a->width))
				return cli_usage_error(synopsis, NULL);
			break;
		case O_X: a->x = optarg; break;
		case O_Y: a->y = optarg; break;
		case O_YEAR: a->year = optarg; break;
		case 'h': return cli_finish(help());
		case 'o': a->out = optarg; break;
		case 'p': {
			const char *eq = strchr(optarg, '=');
			size_t n = eq ? (size_t)(eq - optarg) : 0;

			if (!eq || n == 0 || n >= sizeof a->pbuf[0] ||
			    a->o.nparams == REPORT_MAX_PARAMS)
				return cli_usage_error(synopsis, "-p '%s' is not "
					"NAME=VALUE", optarg);
			memcpy(a->pbuf[a->o.nparams], optarg, n);
			a->pbuf[a->o.nparams][n] = '\0';
			a->pn[a->o.nparams] = a->pbuf[a->o.nparams];
			a->pv[a->o.nparams++] = eq + 1;
			break;
		}
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	static struct args a;
	const char *datadir, *lang = getenv("NEEDSTAT_LANG");
	char rdir[4096];
	struct nserr err;
	int rc;

	cli_set_prog("needstat-chart");
	nserr_init(&err);
	report_opts_init(&a.o);
	a.db = db_path_default();
	a.lang = lang && *lang && nf_lang_parse(lang) >= 0
		 ? nf_lang_parse(lang) : NS_EN;
	a.format = -1;
	a.width = 800;
	a.height = 500;
	a.scale = 1;
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	a.o.pnames = a.pn;
	a.o.pvalues = a.pv;
	if (optind != argc - 1)
		return cli_usage_error(synopsis, "give one REPORT");
	if (!a.dump && !a.out)
		return cli_usage_error(synopsis, "give -o FILE (or --dump)");
	if (!a.dump && a.format < 0 &&
	    (a.format = chart_format_parse(a.out)) < 0)
		return cli_usage_error(synopsis, "cannot tell the format of '%s' "
				       "(.png, .svg or .pdf): give --format",
				       a.out);
	if (parse_period(&a, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	return run(&a, rdir, argv[optind], datadir);
}
