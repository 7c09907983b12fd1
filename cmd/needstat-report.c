/*
 * needstat-report: run one report for a period and filters, or list the
 * installed reports (see report.h and needstat-report(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "core/outfile.h"
#include "opttab.h"
#include "render/render.h"
#include "report/report.h"
#include "report/request.h"

/* The options of the table (opttab.c) this tool takes. */
#define MASK (CLI_T_STD | CLI_T_REQUEST | CLI_T_REPORT)

static const char synopsis[] = "needstat-report [--audit] [--db FILE] "
	"[--lang en|fr] "
	"[--format text|csv|md|json|html] [--fragment] [--from D --to D | --month YYYY-MM "
	"| --quarter YYYY-Qn | --year YYYY | --fiscal-year YYYY] "
	"[--fiscal-start M] [--region ID] [--category ID] [--min-cell N | "
	"--no-suppress] [-p NAME=VALUE]... [-o FILE] REPORT | --file PATH | "
	"--list | --describe REPORT";

static int help(void)
{
	printf("usage: %s\n\n"
"Run a report on the database and write its table, with notes (period,\n"
"source batches, category map, population year, suppression, methods),\n"
"in English or French.  REPORT is an installed report id (--list shows\n"
"them); --file runs a report file that is not installed.\n\n"
"Options:\n", synopsis);
	cli_opts_help(MASK, stdout);
	printf("\n"
"Without a period option the report covers all the data.  A period\n"
"without data gives an empty table and a note.  A filter the report does\n"
"not use, or a -p value it does not accept, is a usage error.\n\n"
"Glossary: each report's columns are explained by --describe REPORT.\n"
"Two words that are easy to mix up: 'Referrals given' (territory) count\n"
"the referrals recorded for needs; 'Referrals received' (referrals_top)\n"
"count the referrals an organisation received.  'Not recorded' is a\n"
"field left blank, 'Unknown' a field recorded as unknown.\n\n"
"Exit status: 0 ok, 64 usage (unknown report, region, category or\n"
"parameter), 66 cannot open the database or report file, 70 internal\n"
"error or a suppressed cell the audit finds exposed (nothing is written),\n"
"73 cannot create the output, 74 write error, 75 database busy, 78 bad\n"
"report file or database not initialised.\n");
	return 0;
}

struct args {
	struct report_request rq;   /* period, filters, lang, -p, --db */
	const char *file, *out;
	int format, list, verbose, describe, audit;
	unsigned render_flags;      /* RENDER_FRAGMENT */
};

static int list_reports(const char *dir, const struct args *a)
{
	struct report *rs;
	struct nserr err;
	size_t n, i, w = 0, k;
	int rc;

	nserr_init(&err);
	rc = report_list(dir, &rs, &n, &err);
	if (rc && rc != NS_ECONFIG)
		return cli_fail(&err);
	for (i = 0; i < n; i++)
		if (strlen(rs[i].id) > w)
			w = strlen(rs[i].id);
	for (i = 0; i < n; i++) {
		const struct report *r = &rs[i];
		int l = r->title[a->rq.lang] ? a->rq.lang : NS_EN;

		printf("%-*s  %s\n", (int)w, r->id, r->title[l]);
		if (!a->verbose)
			continue;
		if (r->about[NS_EN])
			printf("%*s  %s\n", (int)w, "", r->about[r->about[a->rq.lang]
			       ? a->rq.lang : NS_EN]);
		for (k = 0; k < r->nparams; k++)
			printf("%*s  -p %s=%s (%s %s%s)%s%s\n", (int)w, "",
			       r->params[k].name, r->params[k].type == RP_INT ?
			       "INT" : r->params[k].type == RP_REAL ? "NUMBER"
			       : "TEXT", a->rq.lang == NS_FR ? "par d\xc3\xa9" "faut"
			       : "default", !r->params[k].default_sql ? "" :
			       a->rq.lang == NS_FR ? "selon les donn\xc3\xa9" "es, "
			       "sinon " : "from the data, else ",
			       r->params[k].def ? r->params[k].def
			       : "-", r->params[k].about[NS_EN] ? ": " : "",
			       r->params[k].about[NS_EN] ? r->params[k].about[
			       r->params[k].about[a->rq.lang] ? a->rq.lang : NS_EN]
			       : "");
	}
	report_list_free(rs, n);
	if (rc)
		cli_warn("%s", err.msg);
	return cli_finish(rc ? 78 : 0);
}

/* describe: print the help of one report; returns the exit status. */
static int describe(const struct args *a, const char *rdir, const char *id)
{
	struct report r;
	struct nserr err;
	int rc;

	nserr_init(&err);
	report_init(&r);
	rc = a->file ? report_load(&r, a->file, &err)
		     : report_find(rdir, id, &r, &err);
	if (!rc && report_describe(&r, a->rq.lang, stdout))
		rc = nserr_set(&err, NS_EIO, "cannot write the description");
	report_release(&r);
	return cli_subcommand_exit(rc, &err, synopsis);
}

/* run: load, run and render one report; returns the exit status.  The
 * output goes through outfile (a temporary beside -o FILE, renamed in at
 * the end), never over the database or the report file; the report runs
 * on a read-only connection. */
static int run(struct args *a, const char *rdir, const char *id,
	       const char *datadir)
{
	struct report r;
	struct table t, audit;
	struct nserr err;
	struct outfile of;
	sqlite3 *db = NULL;
	int rc;

	nserr_init(&err);
	report_init(&r);
	table_init(&t);
	table_init(&audit);
	outfile_init(&of);
	a->rq.o.audit = a->audit ? &audit : NULL;
	rc = a->file ? outfile_protect(a->file, &err) : 0;
	if (!rc)
		rc = a->file ? report_load(&r, a->file, &err)
			     : report_find(rdir, id, &r, &err);
	if (!rc)
		rc = db_open(a->rq.db, DB_OPEN_READONLY, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->rq.o, &err);
	if (!rc)
		rc = report_run(db, &r, &a->rq.o, &t, &err);
	if (!rc)
		rc = outfile_open(&of, a->out, &err);
	if (!rc)
		rc = render_table_flags(a->audit ? &audit : &t,
					(enum render_format)a->format, a->rq.lang,
					a->render_flags, of.fp, &err);
	if (!rc)
		rc = outfile_commit(&of, &err);
	else
		outfile_abort(&of);
	table_release(&t);
	table_release(&audit);
	report_release(&r);
	sqlite3_close(db);
	return cli_subcommand_exit(rc, &err, synopsis);
}

/* parse_opts: the options into *a; returns -1 to go on, else the exit
 * status (help, version, usage error). */
static int parse_opts(int argc, char **argv, struct args *a)
{
	struct cli_optset set;
	int c;

	cli_opts_build(&set, MASK);
	while ((c = cli_opts_next(&set, argc, argv, &a->rq, synopsis, NULL))
	       != -1) {
		switch (c) {
		case CLI_OPTS_FAIL: return 64;
		case 0: break;  /* a request option, now in a->rq */
		case CLI_O_AUDIT: a->audit = 1; break;
		case CLI_O_DESCRIBE: a->describe = 1; break;
		case CLI_O_FILE: a->file = optarg; break;
		case CLI_O_FORMAT:
			if ((a->format = render_format_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--format '%s' "
					"is not text, csv, md, json or html",
					optarg);
			break;
		case CLI_O_FRAGMENT: a->render_flags |= RENDER_FRAGMENT; break;
		case CLI_O_LIST: a->list = 1; break;
		case 'h': a->describe = 2; break;
		case 'o': a->out = optarg; break;
		case 'v': a->verbose = 1; break;
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

	cli_set_prog("needstat-report");
	nserr_init(&err);
	report_request_init(&a.rq);
	a.format = RENDER_TEXT;
	if (report_request_env(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (a.describe == 2 && optind == argc && !a.file)
		return cli_finish(help());
	if (report_request_finish(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	if (a.describe && (a.list || (a.file ? optind != argc
					 : optind != argc - 1)))
		return cli_usage_error(synopsis, "--describe takes one REPORT "
				       "(or --file PATH)");
	if (a.describe)
		return describe(&a, rdir, a.file ? NULL : argv[optind]);
	if (a.list)
		return optind == argc && !a.file ? list_reports(rdir, &a)
		       : cli_usage_error(synopsis, "--list takes no REPORT");
	if (a.file ? optind != argc : optind != argc - 1)
		return cli_usage_error(synopsis, a.file ? "--file takes no "
				       "REPORT" : optind == argc ? "name a "
				       "REPORT (--list shows them)" :
				       "one REPORT at a time");
	return run(&a, rdir, a.file ? NULL : argv[optind], datadir);
}
