/*
 * bench/chart_draw.c: the drawing's own cost, without the report run.
 * For each report named, run it once (fiscal year FY) into a table, then
 * time chart_build + chart_draw to PNG (800 x 500) RUNS times in this
 * process and print the best and the mean.  Built and run by
 * bench/charts.sh against build/libneedstat_core.a.
 *   chart_draw DB FY RUNS REPORTS_DIR ID...
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/db.h"
#include "render/chart.h"
#include "report/report.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* one: time report id's chart; adds the best time to *total. */
static int one(sqlite3 *db, const char *dir, const char *id, int fy,
	       int runs, FILE *sink, double *total)
{
	struct report r;
	struct report_opts o;
	struct table t;
	struct nserr err;
	double best = 1e9, sum = 0;
	int i, rc;

	nserr_init(&err);
	report_init(&r);
	report_opts_init(&o);
	table_init(&t);
	o.period.from = fy * 100 + 4;
	o.period.to = (fy + 1) * 100 + 3;
	rc = report_find(dir, id, &r, &err);
	if (!rc)
		rc = report_run(db, &r, &o, &t, &err);
	for (i = 0; i < runs && !rc; i++) {
		struct chart c;
		double a = now(), e;

		chart_init(&c);
		rewind(sink);
		rc = chart_build(&c, &t, NS_EN, &err);
		if (!rc)
			rc = chart_draw(&c, CHART_PNG, 800, 500, 1, sink, &err);
		chart_release(&c);
		e = now() - a;
		sum += e;
		best = e < best ? e : best;
	}
	if (rc)
		fprintf(stderr, "chart_draw: %s: %s\n", id, err.msg);
	else
		printf("%-16s drawing best %7.4f s   mean %7.4f s\n", id, best,
		       sum / runs);
	*total += best;
	table_release(&t);
	report_release(&r);
	return rc;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct nserr err;
	double total = 0;
	FILE *sink;
	int i, rc = 0;

	char *e1, *e2;
	long fy = argc > 2 ? strtol(argv[2], &e1, 10) : 0;
	long runs = argc > 3 ? strtol(argv[3], &e2, 10) : 0;

	if (argc < 6 || *e1 || *e2 || fy < 1900 || fy > 2999 || runs < 1 ||
	    runs > 1000) {
		fprintf(stderr, "usage: chart_draw DB FY RUNS REPORTS_DIR ID... "
			"(FY a year, RUNS 1-1000)\n");
		return 64;
	}
	nserr_init(&err);
	if (db_open(argv[1], DB_OPEN_READONLY, NULL, &db, &err)) {
		fprintf(stderr, "chart_draw: %s\n", err.msg);
		return 66;
	}
	if (!(sink = fopen("/dev/null", "w")))
		return 74;
	for (i = 5; i < argc; i++)
		rc |= one(db, argv[4], argv[i], (int)fy, (int)runs, sink,
			  &total);
	printf("total            drawing best %7.4f s (all %d charts)\n", total,
	       argc - 5);
	fclose(sink);
	sqlite3_close(db);
	chart_shutdown();
	return rc ? 1 : 0;
}
