/*
 * needstat-chart: run one report and draw its chart (the report's default
 * chart, or the type and columns given) as PNG, SVG or PDF, or dump the
 * chart model as text (see chart.h and needstat-chart(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opttab.h"
#include "core/datadir.h"
#include "core/db.h"
#include "core/outfile.h"
#include "render/chart.h"
#include "report/report.h"
#include "report/request.h"

#define MASK (CLI_T_STD | CLI_T_REQUEST | CLI_T_CHART)

static const char synopsis[] = "needstat-chart [--db FILE] [--lang en|fr] "
	"[--from D --to D | --month YYYY-MM | --quarter YYYY-Qn | --year YYYY "
	"| --fiscal-year YYYY] [--fiscal-start M] [--region ID] "
	"[--category ID] [--min-cell N | --no-suppress] [-p NAME=VALUE]... "
	"[--type line|bar|grouped_bar|stacked_bar|hbar|multiples] [--x COL] "
	"[--y COL[,COL]...] [--series COL|none] [--rolling N] [--width W] "
	"[--height H] [--scale S] [--format png|svg|pdf] (--dump | -o FILE) "
	"REPORT";

static int help(void)
{
	printf("usage: %s\n\n"
"Run a report on the database and draw its chart: the report's default\n"
"chart (needstat-report --describe REPORT shows it), or the type and\n"
"columns given.  Titles, labels, numbers and month names follow --lang.\n"
"A chart shows only what the report's table shows: suppressed cells are\n"
"gaps (never zeros), and a stacked bar with a withheld part is not drawn.\n"
"--rolling 12 adds each line's 12-month rolling mean (the mean, not the\n"
"sum), dashed; it has no value where one of the 12 months is before the\n"
"period, has no data or is withheld.\n\n"
"Options:\n", synopsis);
	cli_opts_help(MASK, stdout);
	printf("\n"
"Exit status: 0 ok, 64 usage (unknown report, a column that does not\n"
"exist, a chart that does not fit the data), 66 cannot open the\n"
"database, 70 internal error, 73 cannot create the output, 74 write\n"
"error, 75 database busy, 78 bad report file or database.\n");
	return 0;
}

struct args {
	const char *out, *type, *x, *y, *series;
	int format, dump;
	long width, height, rolling;
	double scale;
	struct report_request rq;
};

/* write_chart: draw c through outfile (a temporary beside a->out, renamed
 * in at the end; never the database). */
static int write_chart(const struct args *a, const struct chart *c,
		       struct nserr *err)
{
	struct outfile of;
	int rc;

	outfile_init(&of);
	rc = outfile_open(&of, a->out, err);
	if (!rc)
		rc = chart_draw(c, (enum chart_format)a->format,
				(double)a->width, (double)a->height, a->scale,
				of.fp, err);
	if (rc == NS_EIO && !strncmp(err->msg, "cannot write the chart: ", 24)) {
		char why[sizeof err->msg];

		snprintf(why, sizeof why, "%s", err->msg + 24);
		nserr_set(err, NS_EIO, "cannot write '%s': %s", a->out, why);
	}
	if (!rc)
		rc = outfile_commit(&of, err);
	else
		outfile_abort(&of);
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
		rc = db_open(a->rq.db, DB_OPEN_READONLY, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->rq.o, &err);
	if (!rc)
		rc = report_run(db, &r, &a->rq.o, &t, &err);
	if (!rc && (a->type || a->x || a->y || a->series))
		rc = report_chart_override(&t, a->type, a->x, a->y, a->series,
					   &err);
	if (!rc)
		rc = chart_build(&c, &t, a->rq.lang, &err);
	if (!rc && a->rolling)
		rc = chart_rolling(&c, (int)a->rolling, &err);
	if (!rc)
		rc = a->dump ? chart_dump(&c, stdout, &err)
			     : write_chart(a, &c, &err);
	chart_release(&c);
	table_release(&t);
	report_release(&r);
	sqlite3_close(db);
	return cli_subcommand_exit(rc, &err, synopsis);
}

/* parse_opts: the options into *a; returns -1 to go on, else the exit
 * status (help, version, usage error). */
static int parse_opts(int argc, char **argv, struct args *a)
{
	struct cli_optset set;
	char *end;
	int c;

	cli_opts_build(&set, MASK);
	while ((c = cli_opts_next(&set, argc, argv, &a->rq, synopsis, NULL))
	       != -1) {
		switch (c) {
		case CLI_OPTS_FAIL: return 64;
		case 0: break;  /* a request option, now in a->rq */
		case CLI_O_DUMP: a->dump = 1; break;
		case CLI_O_FORMAT:
			if ((a->format = chart_format_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--format '%s' "
					"is not png, svg or pdf", optarg);
			break;
		case CLI_O_HEIGHT:
			if (cli_parse_long("--height", optarg, 200, 8000,
					   &a->height))
				return cli_usage_error(synopsis, NULL);
			break;
		case CLI_O_ROLLING:
			if (cli_parse_long("--rolling", optarg, 2,
					   CHART_ROLLING_MAX, &a->rolling))
				return cli_usage_error(synopsis, NULL);
			break;
		case CLI_O_SCALE:
			a->scale = strtod(optarg, &end);
			if (*end || end == optarg || !(a->scale >= 0.5 &&
			    a->scale <= 4))
				return cli_usage_error(synopsis, "--scale '%s' "
					"is not a number from 0.5 to 4", optarg);
			break;
		case CLI_O_SERIES: a->series = optarg; break;
		case CLI_O_TYPE: a->type = optarg; break;
		case CLI_O_WIDTH:
			if (cli_parse_long("--width", optarg, 200, 8000,
					   &a->width))
				return cli_usage_error(synopsis, NULL);
			break;
		case CLI_O_X: a->x = optarg; break;
		case CLI_O_Y: a->y = optarg; break;
		case 'h': return cli_finish(help());
		case 'o': a->out = optarg; break;
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	static struct args a;
	const char *datadir;
	char rdir[4096];
	struct nserr err;
	int rc;

	cli_set_prog("needstat-chart");
	nserr_init(&err);
	report_request_init(&a.rq);
	a.format = -1;
	a.width = 800;
	a.height = 500;
	a.scale = 1;
	if (report_request_env(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(synopsis, "give one REPORT");
	if (!a.dump && !a.out)
		return cli_usage_error(synopsis, "give -o FILE (or --dump)");
	if (!a.dump && a.format < 0 &&
	    (a.format = chart_format_parse(a.out)) < 0)
		return cli_usage_error(synopsis, "cannot tell the format of '%s' "
				       "(.png, .svg or .pdf): give --format",
				       a.out);
	if (report_request_finish(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	return run(&a, rdir, argv[optind], datadir);
}
