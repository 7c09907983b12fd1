/*
 * needstat-dashboard: build a month's dashboard (a static bilingual site)
 * for cron: built beside DIR and swapped in, one run at a time, --lazy
 * when nothing changed, quiet on success (dashboard.h,
 * needstat-dashboard(1)).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "core/lock.h"
#include "core/outdir.h"
#include "opttab.h"
#include "publish/dashboard.h"
#include "report/request.h"

#define MASK (CLI_T_STD | CLI_T_DASHBOARD)
#define STAMP ".needstat-stamp"

static const char synopsis[] = "needstat-dashboard [--db FILE] "
	"--month YYYY-MM [--lang en,fr] [--min-cell N | --no-suppress] "
	"[--lazy] [--wait] --out DIR";

static int help(void)
{
	printf("usage: %s\n\n"
"Build the dashboard of a month in DIR: en/index.html and fr/index.html\n"
"(headline figures, needs and unmet needs by category, top unmet needs,\n"
"unmet needs by region, the year-over-year change, data-quality notes),\n"
"style.css, every table as CSV in csv/, every chart as SVG and PNG and\n"
"the month's workbook in each language in xlsx/.  Small counts are\n"
"suppressed over the whole dashboard as one set (the workbook: as\n"
"needstat-xlsx).  The site is built in a temporary\n"
"folder beside DIR and swapped in: a reader never sees half of it and a\n"
"failed run leaves the last good one; the folders a killed run left are\n"
"removed by the next run.  Nothing is printed on success.\n\n"
"Options:\n", synopsis);
	cli_opts_help(MASK, stdout);
	printf("\nExit status: 0 ok (also: --lazy and nothing changed), 64 usage,\n"
"66 cannot open the database, 70 internal error or a small count the\n"
"audit finds exposed (nothing is written), 73 cannot create DIR, 74\n"
"write error, 75 another run is building DIR or the database is busy\n"
"(cron may retry), 78 database not initialised or reports not installed.\n");
	return 0;
}

struct args {
	struct report_request rq;
	const char *out;
	unsigned langs;
	int lazy, wait;
};

/* parse_langs: "en", "fr", "en,fr" (any order) into a bit mask. */
static int parse_langs(const char *s, unsigned *langs)
{
	char buf[32], *p, *save = NULL;
	int l;

	if (strlen(s) >= sizeof buf)
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	*langs = 0;
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if ((l = nf_lang_parse(p)) < 0 || strlen(p) != 2)
			return -1;
		*langs |= 1u << l;
	}
	return *langs ? 0 : -1;
}

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
		case CLI_O_LANGS:
			if (parse_langs(optarg, &a->langs))
				return cli_usage_error(synopsis, "--lang '%s' is "
					"not en, fr or en,fr", optarg);
			break;
		case CLI_O_LAZY: a->lazy = 1; break;
		case CLI_O_OUT: a->out = optarg; break;
		case CLI_O_WAIT: a->wait = -1; break;
		case 'h': return cli_finish(help());
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error(synopsis, "unexpected argument '%s'",
				       argv[optind]);
	if (!a->out || !*a->out)
		return cli_usage_error(synopsis, "give the dashboard folder: "
				       "--out DIR");
	if (!a->rq.month)
		return cli_usage_error(synopsis, "give the month: --month "
				       "YYYY-MM");
	return -1;
}

/* up_to_date: DIR/STAMP holds stamp. */
static int up_to_date(const char *dir, const char *stamp)
{
	char path[4096], buf[1024];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/" STAMP, dir);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strcmp(buf, stamp) == 0;
}

static int write_stamp(const char *dir, const char *stamp, struct nserr *err)
{
	char path[4096];
	FILE *f;
	int bad;

	snprintf(path, sizeof path, "%s/" STAMP, dir);
	if (!(f = fopen(path, "w")))
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 path, strerror(errno));
	fputs(stamp, f);
	bad = fflush(f) || ferror(f);
	if (fclose(f) || bad)
		return nserr_set(err, NS_EIO, "cannot write '%s'", path);
	return 0;
}

/* test_pause: NEEDSTAT_TEST_PAUSE=SECONDS holds a run with the site
 * written and not yet swapped in (the CLI tests kill it there). */
static void test_pause(void)
{
	const char *s = getenv("NEEDSTAT_TEST_PAUSE");
	char *end;
	long v;

	if (!s || !*s)
		return;
	v = strtol(s, &end, 10);
	if (*end == '\0' && v > 0 && v < 600)
		sleep((unsigned)v);
}

/* site_subject: a message naming a file in the folder being built (tmp)
 * names it in the site the user gave (out) instead. */
static void site_subject(struct nserr *err, const char *tmp, const char *out)
{
	char msg[sizeof err->msg];
	const char *p = tmp ? strstr(err->msg, tmp) : NULL;

	if (!p)
		return;
	snprintf(msg, sizeof msg, "%.*s%s%s", (int)(p - err->msg), err->msg,
		 out, p + strlen(tmp));
	snprintf(err->msg, sizeof err->msg, "%s", msg);
}

static int build(struct args *a, const char *rdir, const char *datadir,
		 struct nserr *err)
{
	struct dashboard d;
	struct outdir od;
	struct lock lk;
	sqlite3 *db = NULL;
	char stamp[1024];
	int rc;

	dashboard_init(&d);
	outdir_init(&od);
	lock_init(&lk);
	rc = lock_acquire(&lk, a->out, a->wait, err);
	if (!rc)    /* a killed run's folders: ours to remove while locked */
		outdir_clean_stale(a->out);
	if (!rc)
		rc = db_open(a->rq.db, 0, datadir, &db, err);
	if (!rc)
		rc = dashboard_stamp(db, rdir, &a->rq.o, a->langs, stamp,
				     sizeof stamp, err);
	if (!rc && a->lazy && up_to_date(a->out, stamp))
		goto out;
	if (!rc)
		rc = dashboard_build(db, rdir, &a->rq.o, &d, err);
	if (!rc)
		rc = outdir_open(&od, a->out, err);
	if (!rc && (rc = dashboard_write(&d, od.tmp_path, a->langs, err)))
		site_subject(err, od.tmp_path, a->out);
	if (!rc)
		rc = write_stamp(od.tmp_path, stamp, err);
	if (!rc) {
		test_pause();
		rc = outdir_commit(&od, err);
	}
out:
	outdir_abort(&od);
	lock_release(&lk);
	dashboard_release(&d);
	sqlite3_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	static struct args a;
	const char *datadir;
	char rdir[4096];
	struct nserr err;
	int rc;

	cli_set_prog("needstat-dashboard");
	nserr_init(&err);
	report_request_init(&a.rq);
	a.langs = 1u << NS_EN | 1u << NS_FR;
	if (report_request_env(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if ((rc = parse_opts(argc, argv, &a)) >= 0)
		return rc;
	if (report_request_finish(&a.rq, &err))
		return cli_usage_error(synopsis, "%s", err.msg);
	if (datadir_get(&datadir, &err) ||
	    datadir_path("reports", rdir, sizeof rdir, &err))
		return cli_fail(&err);
	rc = build(&a, rdir, datadir, &err);
	return cli_subcommand_exit(rc, &err, synopsis);
}
