/*
 * needstat-report: run one report for a period and filters, or list the
 * installed reports (see report.h and needstat-report(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "render/render.h"
#include "report/report.h"

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
"Options:\n"
"  --audit             instead of the report, write the interval a reader\n"
"                      can deduce for each suppressed cell (linear\n"
"                      programming over everything the table shows)\n"
"  --category ID       only needs of this category\n"
"  --db FILE           database (default $NEEDSTAT_DB, else needstat.db)\n"
"  --describe          the report's help: what it is, the filters and\n"
"                      parameters it accepts, its glossary (what each\n"
"                      column counts); also --help REPORT\n"
"  --file PATH         run the report in PATH instead of an installed one\n"
"  --fiscal-start M    first month of fiscal years, 1-12 (default\n"
"                      $NEEDSTAT_FISCAL_START, else 4: April to March)\n"
"  --fiscal-year YYYY  the fiscal year starting in YYYY\n"
"  --format F          text (default), csv, md, json or html (a complete\n"
"                      page with its stylesheet)\n"
"  --fragment          with --format html: only the table and its notes,\n"
"                      to embed in another page\n"
"  --from D, --to D    first and last month: YYYY-MM, or YYYY-MM-DD on a\n"
"                      month's first (--from) or last (--to) day\n"
"  --lang L            en (default $NEEDSTAT_LANG, else en) or fr\n"
"  --list              list the installed reports (id and title)\n"
"  --min-cell N        show counts 0..N-1 as <N in reports that suppress,\n"
"                      and hide more (x) so that none can be deduced\n"
"                      (default 5; 1 turns suppression off)\n"
"  --month YYYY-MM     one month\n"
"  --no-suppress       no suppression (as --min-cell 1): for internal use,\n"
"                      the output says NOT FOR PUBLICATION\n"
"  -o, --output FILE   write to FILE (through FILE.tmp) instead of stdout\n"
"  -p, --param N=V     set the report parameter N (see --list -v)\n"
"  --quarter YYYY-Qn   a calendar quarter\n"
"  --region ID         only contacts in this region (and its parts)\n"
"  --year YYYY         a calendar year\n"
"  -v, --verbose       with --list: also descriptions and parameters\n"
"  -h, --help          show this help\n"
"  -V, --version       show the version\n\n"
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
"report file or database not initialised.\n", synopsis);
	return 0;
}

struct args {
	const char *db, *file, *out, *fy, *from, *to, *month, *quarter, *year;
	const char *pn[REPORT_MAX_PARAMS], *pv[REPORT_MAX_PARAMS];
	char pbuf[REPORT_MAX_PARAMS][256];
	int lang, format, list, verbose, describe, audit;
	unsigned render_flags;
	struct report_opts o;
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
		int l = r->title[a->lang] ? a->lang : NS_EN;

		printf("%-*s  %s\n", (int)w, r->id, r->title[l]);
		if (!a->verbose)
			continue;
		if (r->about[NS_EN])
			printf("%*s  %s\n", (int)w, "", r->about[r->about[a->lang]
			       ? a->lang : NS_EN]);
		for (k = 0; k < r->nparams; k++)
			printf("%*s  -p %s=%s (%s %s%s)%s%s\n", (int)w, "",
			       r->params[k].name, r->params[k].type == RP_INT ?
			       "INT" : r->params[k].type == RP_REAL ? "NUMBER"
			       : "TEXT", a->lang == NS_FR ? "par d\xc3\xa9" "faut"
			       : "default", !r->params[k].default_sql ? "" :
			       a->lang == NS_FR ? "selon les donn\xc3\xa9" "es, "
			       "sinon " : "from the data, else ",
			       r->params[k].def ? r->params[k].def
			       : "-", r->params[k].about[NS_EN] ? ": " : "",
			       r->params[k].about[NS_EN] ? r->params[k].about[
			       r->params[k].about[a->lang] ? a->lang : NS_EN]
			       : "");
	}
	report_list_free(rs, n);
	if (rc)
		cli_warn("%s", err.msg);
	return cli_finish(rc ? 78 : 0);
}

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

static int add_param(struct args *a, const char *s)
{
	const char *eq = strchr(s, '=');
	size_t n = eq ? (size_t)(eq - s) : 0;

	if (!eq || n == 0 || n >= sizeof a->pbuf[0] ||
	    a->o.nparams == REPORT_MAX_PARAMS)
		return -1;
	memcpy(a->pbuf[a->o.nparams], s, n);
	a->pbuf[a->o.nparams][n] = '\0';
	a->pn[a->o.nparams] = a->pbuf[a->o.nparams];
	a->pv[a->o.nparams++] = eq + 1;
	return 0;
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
	if (!rc && report_describe(&r, a->lang, stdout))
		rc = nserr_set(&err, NS_EIO, "cannot write the description");
	report_release(&r);
	if (rc == NS_EUSAGE)
		return cli_usage_error(synopsis, "%s", err.msg);
	return rc ? cli_fail(&err) : cli_finish(0);
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

/* run: load, run and render one report; returns the exit status. */
static int run(struct args *a, const char *rdir, const char *id,
	       const char *datadir)
{
	struct report r;
	struct table t, audit;
	struct nserr err;
	sqlite3 *db = NULL;
	char tmp[4096] = "", when[32];
	FILE *out = stdout;
	int rc;

	nserr_init(&err);
	report_init(&r);
	table_init(&t);
	table_init(&audit);
	a->o.audit = a->audit ? &audit : NULL;
	a->o.generated_at = generated_at(when, sizeof when);
	rc = a->file ? report_load(&r, a->file, &err)
		     : report_find(rdir, id, &r, &err);
	if (!rc)
		rc = db_open(a->db, 0, datadir, &db, &err);
	if (!rc)
		rc = report_check_filters(db, &a->o, &err);
	if (!rc)
		rc = report_run(db, &r, &a->o, &t, &err);
	if (!rc && a->out && strcmp(a->out, "-") != 0) {
		snprintf(tmp, sizeof tmp, "%s.tmp", a->out);
		if (!(out = fopen(tmp, "w")))
			rc = nserr_set(&err, NS_ECANTCREAT, "cannot create "
				       "'%s'", tmp);
	}
	if (!rc)
		rc = render_table_flags(a->audit ? &audit : &t,
					(enum render_format)a->format, a->lang,
					a->render_flags, out, &err);
	if (out != stdout && out && fclose(out) != 0 && !rc)
		rc = nserr_set(&err, NS_EIO, "cannot write '%s'", tmp);
	if (!rc && tmp[0] && rename(tmp, a->out) != 0)
		rc = nserr_set(&err, NS_ECANTCREAT, "cannot rename '%s' to "
			       "'%s'", tmp, a->out);
	if (rc && tmp[0])
		remove(tmp);
	table_release(&t);
	table_release(&audit);
	report_release(&r);
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

/* parse_opts: the options into *a; returns -1 to go on, else the exit
 * status (help, version, usage error). */
static int parse_opts(int argc, char **argv, struct args *a)
{
	enum { O_AUDIT = 256, O_CAT, O_DB, O_DESC, O_FILE, O_FYS, O_FY, O_FMT,
	       O_FROM, O_LANG, O_LIST, O_MIN, O_MONTH, O_NOSUPP, O_QUARTER,
	       O_REGION, O_TO, O_YEAR, O_FRAG };
	static const struct option opts[] = {
		{"audit", no_argument, NULL, O_AUDIT},
		{"category", required_argument, NULL, O_CAT},
		{"db", required_argument, NULL, O_DB},
		{"describe", no_argument, NULL, O_DESC},
		{"file", required_argument, NULL, O_FILE},
		{"fiscal-start", required_argument, NULL, O_FYS},
		{"fiscal-year", required_argument, NULL, O_FY},
		{"format", required_argument, NULL, O_FMT},
		{"fragment", no_argument, NULL, O_FRAG},
		{"from", required_argument, NULL, O_FROM},
		{"help", no_argument, NULL, 'h'},
		{"lang", required_argument, NULL, O_LANG},
		{"list", no_argument, NULL, O_LIST},
		{"min-cell", required_argument, NULL, O_MIN},
		{"month", required_argument, NULL, O_MONTH},
		{"no-suppress", no_argument, NULL, O_NOSUPP},
		{"output", required_argument, NULL, 'o'},
		{"param", required_argument, NULL, 'p'},
		{"quarter", required_argument, NULL, O_QUARTER},
		{"region", required_argument, NULL, O_REGION},
		{"to", required_argument, NULL, O_TO},
		{"verbose", no_argument, NULL, 'v'},
		{"version", no_argument, NULL, 'V'},
		{"year", required_argument, NULL, O_YEAR},
		{NULL, 0, NULL, 0},
	};
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "ho:p:vV", opts, NULL)) != -1) {
		switch (c) {
		case O_AUDIT: a->audit = 1; break;
		case O_CAT: a->o.category = optarg; break;
		case O_DB: a->db = optarg; break;
		case O_DESC: a->describe = 1; break;
		case O_FILE: a->file = optarg; break;
		case O_FYS:
			if (cli_parse_long("--fiscal-start", optarg, 1, 12, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.fy_start = (int)v;
			break;
		case O_FY: a->fy = optarg; break;
		case O_FMT:
			if ((a->format = render_format_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--format '%s' "
					"is not text, csv, md, json or html",
					optarg);
			break;
		case O_FRAG: a->render_flags |= RENDER_FRAGMENT; break;
		case O_FROM: a->from = optarg; break;
		case O_LANG:
			if ((a->lang = nf_lang_parse(optarg)) < 0)
				return cli_usage_error(synopsis, "--lang '%s' is "
					"not en or fr", optarg);
			break;
		case O_LIST: a->list = 1; break;
		case O_MIN:
			if (cli_parse_long("--min-cell", optarg, 1, 1000000, &v))
				return cli_usage_error(synopsis, NULL);
			a->o.min_cell = (int)v;
			break;
		case O_MONTH: a->month = optarg; break;
		case O_NOSUPP: a->o.min_cell = 1; break;
		case O_QUARTER: a->quarter = optarg; break;
		case O_REGION: a->o.region = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_YEAR: a->year = optarg; break;
		case 'h': a->describe = 2; break;
		case 'o': a->out = optarg; break;
		case 'p':
			if (add_param(a, optarg))
				return cli_usage_error(synopsis, "-p '%s' is not "
					"NAME=VALUE (at most %d)", optarg,
					REPORT_MAX_PARAMS);
			break;
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
	report_opts_init(&a.o);
	a.db = db_path_default();
	a.lang = NS_EN;
	a.format = RENDER_TEXT;
	if (env_defaults(&a))
		return cli_usage_error(synopsis, NULL);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (a.describe == 2 && optind == argc && !a.file)
		return cli_finish(help());
	a.o.pnames = a.pn;
	a.o.pvalues = a.pv;
	if (parse_period(&a, &err))
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
