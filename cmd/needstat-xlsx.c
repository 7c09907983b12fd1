/*
 * needstat-xlsx: the report set as one Excel workbook (xlsx.h,
 * report_set.h, needstat-xlsx(1)): a Notes sheet, one sheet per report
 * with its table and chart, and with --internal a flat Data sheet.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "render/xlsx.h"
#include "report/report_data.h"
#include "report/report_set.h"

static const char synopsis[] = "needstat-xlsx [--db FILE] [--lang en|fr] "
	"[--from D --to D | --month YYYY-MM | --quarter YYYY-Qn | --year YYYY "
	"| --fiscal-year YYYY] [--fiscal-start M] [--region ID] "
	"[--category ID] [--reports ID,ID...] [--min-cell N | --internal] "
	"-o FILE.xlsx";

static int help(void)
{
	printf("usage: %s\n\n"
"Write the reports as one Excel workbook: a Notes sheet (period, source\n"
"batches, category map, population year, suppression, methods), one sheet\n"
"per report with an Excel table (filters, frozen header, number formats)\n"
"and its chart, in English or French.  Small counts are suppressed in\n"
"every sheet as in needstat-report (each sheet audited on its own).\n\n"
"Options:\n"
"  --category ID       only needs of this category (reports that take it)\n"
"  --db FILE           database (default $NEEDSTAT_DB, else needstat.db)\n"
"  --fiscal-start M    first month of fiscal years, 1-12 (default\n"
"                      $NEEDSTAT_FISCAL_START, else 4: April to March)\n"
"  --fiscal-year YYYY  the fiscal year starting in YYYY\n"
"  --from D, --to D    first and last month (YYYY-MM or YYYY-MM-DD)\n"
"  --internal          no suppression, plus a flat Data sheet (month x\n"
"                      category x region x status); every sheet says NOT\n"
"                      FOR PUBLICATION (as --min-cell 1)\n"
"  --lang L            en (default $NEEDSTAT_LANG, else en) or fr\n"
"  --min-cell N        show counts 0..N-1 as <N (default 5)\n"
"  --month YYYY-MM     one month\n"
"  -o, --output FILE   the workbook to write (required; replaced only on\n"
"                      success)\n"
"  --quarter YYYY-Qn   a calendar quarter\n"
"  --region ID         only contacts in this region (reports that take it)\n"
"  --reports LIST      these reports, in this order (default: every\n"
"                      installed report, as needstat-report --list)\n"
"  --year YYYY         a calendar year\n"
"  -h, --help          show this help\n"
"  -V, --version       show the version\n\n"
"Exit status: 0 ok, 64 usage (unknown report, region or category), 66\n"
"cannot open the database, 70 internal error or a suppressed cell found\n"
"exposed (nothing is written), 73 cannot create the output, 74 write\n"
"error, 75 database busy, 78 bad report file or database not\n"
"initialised.\n", synopsis);
	return 0;
}

struct args {
	const char *db, *out, *ids, *fy, *from, *to, *month, *quarter, *year;
	int lang, internal, min_given;
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

/* generated_at: SOURCE_DATE_EPOCH (reproducible output) when set. */
static const char *generated_at(char *buf, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t t;
	struct tm tm;

	if (!e || !*e)
		return NULL;
	v = strtoll(e, &end, 10);
	t = (time_t)v;
	if (*end || v < 0 || !gmtime_r(&t, &tm))
		return NULL;
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* tmp_for: a new empty temporary file beside path (mkstemp: O_EXCL). */
static int tmp_for(const char *path, char *tmp, size_t size,
		   struct nserr *err)
{
	const char *slash = strrchr(path, '/');
	int n = slash ? (int)(slash - path + 1) : 0, fd;
	mode_t mask;

	if ((size_t)snprintf(tmp, size, "%.*s.needstat-xlsx.XXXXXX", n, path)
	    >= size)
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': "
				 "name too long", path);
	if ((fd = mkstemp(tmp)) < 0)
		return nserr_set(err, NS_ECANTCREAT, "cannot create a "
				 "temporary file for '%s': %s", path,
				 strerror(errno));
	/* mkstemp makes it 0600: give it the mode a new file gets */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		close(fd);
		remove(tmp);
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 tmp, strerror(errno));
	}
	close(fd);
	return 0;
}

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

static int run(struct args *a, const char *rdir, const char *datadir)
{
	struct report_set set;
	struct xlsx_opts xo;
	struct table data;
	struct nserr err;
	sqlite3 *db = NULL;
	char tmp[4096] = "", when[32];
	int rc;

	nserr_init(&err);
	report_set_init(&set);
	table_init(&data);
	xlsx_opts_init(&xo);
	xo.lang = a->lang;
	xo.internal = a->internal;
	xo.generated_at = a->o.generated_at = generated_at(when, sizeof when);
	rc = db_open(a->db, 0, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->o, &err);
	if (!rc)
		rc = report_set_load(&set, rdir, a->ids, &a->o, &err);
	if (!rc)
		rc = report_set_run(&set, db, &a->o, &err);
	if (!rc && a->internal)
		rc = report_data(db, &a->o, &data, &err);
	if (!rc)
		rc = tmp_for(a->out, tmp, sizeof tmp, &err);
	if (!rc) {
		const struct table **tp = malloc((set.n + 1) * sizeof *tp);
		size_t i;

		for (i = 0; tp && i < set.n; i++)
			tp[i] = &set.tables[i];
		rc = tp ? xlsx_write(tmp, tp, set.n, a->internal ? &data : NULL,
				     &xo, &err)
			: nserr_set(&err, NS_ENOMEM, "out of memory");
		free(tp);
		if (rc == NS_ECANTCREAT)
			rename_subject(&err, tmp, a->out);
	}
	if (!rc && rename(tmp, a->out) != 0)
		rc = nserr_set(&err, NS_ECANTCREAT, "cannot rename '%s' to "
			       "'%s': %s", tmp, a->out, strerror(errno));
	if (rc && tmp[0])
		remove(tmp);
	table_release(&data);
	report_set_release(&set);
	sqlite3_close(db);
	if (rc == NS_EUSAGE)
		return cli_usage_error(synopsis, "%s", err.msg);
	return rc ? cli_fail(&err) : cli_finish(0);
}

static int env_defaults(struct args *a)
{
	const char *fs = getenv("NEEDSTAT_FISCAL_START");
	const char *lang = getenv("NEEDSTAT_LANG");
	long v;

	if (fs && *fs) {
		if (cli_parse_long("NEEDSTAT_FISCAL_START", fs, 1, 12, &v))
			return -1;
		a->o.fy_start = (int)v;
	}
	if (lang && *lang && (a->lang = nf_lang_parse(lang)) < 0) {
		cli_warn("NEEDSTAT_LANG '%s' is not en or fr", lang);
		return -1;
	}
	return 0;
}

/* parse_opts: returns -1 to go on, else the exit status. */
static int parse_opts(int argc, char **argv, struct args *a)
{
	enum { O_CAT = 256, O_DB, O_FYS, O_FY, O_FROM, O_INT, O_LANG, O_MIN,
	       O_MONTH, O_QUARTER, O_REGION, O_REPORTS, O_TO, O_YEAR };
	static const struct option opts[] = {
		{"category", required_argument, NULL, O_CAT},
		{"db", required_argument, NULL, O_DB},
		{"fiscal-start", required_argument, NULL, O_FYS},
		{"fiscal-year", required_argument, NULL, O_FY},
		{"from", required_argument, NULL, O_FROM},
		{"help", no_argument, NULL, 'h'},
		{"internal", no_argument, NULL, O_INT},
		{"lang", required_argument, NULL, O_LANG},
		{"min-cell", required_argument, NULL, O_MIN},
		{"month", required_argument, NULL, O_MONTH},
		{"output", required_argument, NULL, 'o'},
		{"quarter", required_argument, NULL, O_QUARTER},
		{"region", required_argument, NULL, O_REGION},
		{"reports", required_argument, NULL, O_REPORTS},
		{"to", required_argument, NULL, O_TO},
		{"version", no_argument, NULL, 'V'},
		{"year", required_argument, NULL, O_YEAR},
		{NULL, 0, NULL, 0},
	};
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "ho:V", opts, NULL)) != -1) {
		switch (c) {
		case O_CAT: a->o.category = optarg; break;
		case O_DB: a->db = optarg; break;
		case O_FYS:
			if (cli_parse_long("--fiscal-start", optarg, 1, 12, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.fy_start = (int)v;
			break;
		case O_FY: a->fy = optarg; break;
		case O_FROM: a->from = optarg; break;
		case O_INT: a->internal = 1; break;
		case O_LANG:
			if ((a->lang = nf_lang_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--lang '%s' is "
					"not en or fr", optarg);
			break;
		case O_MIN:
			if (cli_parse_long("--min-cell", optarg, 2, 1000000, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.min_cell = (int)v;
			a->min_given = 1;
			break;
		case O_MONTH: a->month = optarg; break;
		case O_QUARTER: a->quarter = optarg; break;
		case O_REGION: a->o.region = optarg; break;
		case O_REPORTS: a->ids = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_YEAR: a->year = optarg; break;
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
	report_opts_init(&a.o);
	a.db = db_path_default();
	a.lang = NS_EN;
	if (env_defaults(&a))
		return cli_usage_error(synopsis, NULL);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (optind != argc)
		return cli_usage_error(synopsis, "unexpected operand '%s'",
				       argv[optind]);
	if (!a.out || !*a.out || !strcmp(a.out, "-"))
		return cli_usage_error(synopsis, "name the workbook with -o "
				       "FILE.xlsx");
	if (a.internal && a.min_given)
		return cli_usage_error(synopsis, "--internal and --min-cell "
				       "exclude each other");
	if (a.internal)
		a.o.min_cell = 1;
	if (parse_period(&a, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	return run(&a, rdir, datadir);
}
