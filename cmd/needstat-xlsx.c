/*
 * needstat-xlsx: the report set as one Excel workbook (xlsx.h,
 * report_set.h, needstat-xlsx(1)): a Notes sheet, one sheet per report
 * with its table and chart, and a flat Data sheet (with --data or --internal),
 * all suppressed as one set (unless --internal).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "core/outfile.h"
#include "opttab.h"
#include "render/xlsx.h"
#include "report/report_data.h"
#include "report/report_set.h"
#include "report/request.h"

/* The options of the table (opttab.c) this tool takes. */
#define MASK (CLI_T_STD | CLI_T_REQUEST | CLI_T_XLSX)

static const char synopsis[] = "needstat-xlsx [--db FILE] [--lang en|fr] "
	"[--from D --to D | --month YYYY-MM | --quarter YYYY-Qn | --year YYYY "
	"| --fiscal-year YYYY] [--fiscal-start M] [--region ID] "
	"[--category ID] [--reports ID,ID...] [--min-cell N | --no-suppress "
	"| --internal] [--data] [-p NAME=VALUE]... -o FILE.xlsx";

static int help(void)
{
	printf("usage: %s\n\n"
"Write the reports as one Excel workbook: a Notes sheet (period, source\n"
"batches, category map, population year, suppression, methods), one sheet\n"
"per report with an Excel table (filters, frozen header, number formats)\n"
"and its chart, and a flat Data sheet (month x category x region x\n"
"status), in English or French.  Small counts are suppressed over the\n"
"whole workbook as one set: a count two sheets show is one cell, and\n"
"the audit combines every sum of every sheet (the Data sheet's sums\n"
"that a report shows too), so no sheet gives away what another hides.\n\n"
"Options:\n", synopsis);
	cli_opts_help(MASK, stdout);
	printf("\n"
"-p sets a parameter of the reports that declare it.\n\n"
"Exit status: 0 ok, 64 usage (unknown report, region or category), 66\n"
"cannot open the database, 70 internal error or a suppressed cell found\n"
"exposed (nothing is written), 73 cannot create the output, 74 write\n"
"error, 75 database busy, 78 bad report file or database not\n"
"initialised.\n");
	return 0;
}

struct args {
	struct report_request rq;   /* period, filters, lang, -p, --db */
	const char *out, *ids;
	int internal, min_given, data;
};

/* rename_subject: "cannot write 'TMP': why" -> "cannot write 'OUT': why"
 * (the user named OUT). */
static void rename_subject(struct nserr *err, const char *tmp,
			  const char *out)
{
	char why[sizeof err->msg];
	size_t n = strlen("cannot write '") + strlen(tmp) + 3;

	if (strncmp(err->msg, "cannot write '", 14) ||
	    strncmp(err->msg + 14, tmp, strlen(tmp)) || strlen(err->msg) < n)
		return;
	snprintf(why, sizeof why, "%s", err->msg + n);
	nserr_set(err, err->code, "cannot write '%s': %s", out, why);
}

/* write_book: the workbook of set (and data) through outfile: libxlsxwriter
 * writes the temporary by name, commit renames it onto a->out. */
static int write_book(struct args *a, const struct report_set *set,
		 const struct table *data, struct nserr *err)
{
	const struct table **tp;
	struct xlsx_opts xo;
	struct outfile of;
	size_t i;
	int rc;

	outfile_init(&of);
	of.what = "workbook";
	if ((rc = outfile_open(&of, a->out, err)) != 0)
		return rc;
	if (!of.tmp_path) {
		outfile_abort(&of);
		return nserr_set(err, NS_ECANTCREAT, "cannot write a workbook "
				 "to '%s': name a regular file", a->out);
	}
	fclose(of.fp);
	of.fp = NULL;
	xlsx_opts_init(&xo);
	xo.lang = a->rq.lang;
	xo.internal = a->internal;
	xo.generated_at = a->rq.generated_at;
	if (!(tp = malloc((set->n + 1) * sizeof *tp))) {
		outfile_abort(&of);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	for (i = 0; i < set->n; i++)
		tp[i] = &set->tables[i];
	rc = xlsx_write(of.tmp_path, tp, set->n, data, &xo, err);
	free(tp);
	if (rc == NS_ECANTCREAT || rc == NS_EIO)
		rename_subject(err, of.tmp_path, a->out);
	if (!rc)
		return outfile_commit(&of, err);
	outfile_abort(&of);
	return rc;
}

static int run(struct args *a, const char *rdir, const char *datadir)
{
	struct report_set set;
	struct table data;
	struct nserr err;
	sqlite3 *db = NULL;
	int rc;

	nserr_init(&err);
	report_set_init(&set);
	table_init(&data);
	rc = db_open(a->rq.db, DB_OPEN_READONLY, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->rq.o, &err);
	if (!rc)
		rc = report_set_load(&set, rdir, a->ids, &a->rq.o, &err);
	if (!rc)
		rc = report_set_run(&set, db, &a->rq.o, a->data ? &data
				    : NULL, &err);
	if (!rc)
		rc = write_book(a, &set, a->data ? &data : NULL, &err);
	table_release(&data);
	report_set_release(&set);
	sqlite3_close(db);
	return cli_subcommand_exit(rc, &err, synopsis);
}

/* parse_opts: returns -1 to go on, else the exit status. */
static int parse_opts(int argc, char **argv, struct args *a)
{
	struct cli_optset set;
	int c, id;

	cli_opts_build(&set, MASK);
	while ((c = cli_opts_next(&set, argc, argv, &a->rq, synopsis, &id))
	       != -1) {
		switch (c) {
		case CLI_OPTS_FAIL: return 64;
		case 0:         /* a request option, now in a->rq */
			a->min_given |= id == RQ_MIN_CELL ||
					id == RQ_NO_SUPPRESS;
			break;
		case CLI_O_INTERNAL: a->internal = 1; break;
		case CLI_O_DATA: a->data = 1; break;
		case CLI_O_REPORTS: a->ids = optarg; break;
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

	cli_set_prog("needstat-xlsx");
	nserr_init(&err);
	report_request_init(&a.rq);
	if (report_request_env(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (optind != argc)
		return cli_usage_error(synopsis, "unexpected operand '%s'",
				       argv[optind]);
	if (!a.out || !*a.out || !strcmp(a.out, "-"))
		return cli_usage_error(synopsis, "name the workbook with -o "
				       "FILE.xlsx");
	if (a.internal && a.min_given && a.rq.o.min_cell > 1)
		return cli_usage_error(synopsis, "--internal and --min-cell "
				       "exclude each other");
	/* unsuppressed is internal: stamped, with the Data sheet */
	if (a.internal || a.rq.o.min_cell <= 1)
		a.internal = 1, a.rq.o.min_cell = 1, a.data = 1;
	if (report_request_finish(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	return run(&a, rdir, datadir);
}
