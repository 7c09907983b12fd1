/*
 * needstat-ingest: load contact logs into the database (see ingest.h).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "core/outfile.h"
#include "ingest/ingest.h"
#include "ingest/profile.h"
#include "ingest/profile_report.h"

static const char synopsis[] = "needstat-ingest [--db FILE] [--source NAME] "
	"[--profile NAME|FILE] [--rejects FILE] [--strict] [--max-rejects N] "
	"[--dry-run] [--progress] [-q] FILE... | -";

static int help(void)
{
	printf("usage: %s\n\n"
"Load contact logs in needstat's canonical CSV (one row per need; see\n"
"needstat-ingest(1)), or vendor exports through a profile (see\n"
"needstat-profile(5)), into the database, validating every row, in one\n"
"transaction: if the run fails nothing is kept.\n\n"
"A row that cannot be stored (no contact id, bad date, a ragged row,\n"
"invalid UTF-8) is reported as FILE:LINE, written to the rejects file and\n"
"skipped; the other rows load.  A bad need field keeps its contact and\n"
"need (a code that is not a taxonomy code: category unclassified; a bad\n"
"status: unrecorded; a bad referral count: unknown), reported and written\n"
"to the rejects file as kept.  A bad optional field (postal code, channel,\n"
"language, ...) becomes unknown and is counted.  The summary puts every\n"
"row read in one bucket: loaded + merged + duplicate + dropped + blank +\n"
"rejected.  Contacts already loaded from the same source are replaced,\n"
"never counted twice; a file already loaded changes nothing.\n\n"
"Options:\n"
"  --db FILE         database (default $NEEDSTAT_DB, else needstat.db)\n"
"  --dry-run         read and check everything, write nothing; with\n"
"                    --profile, show on stdout the column mapping, the\n"
"                    first rows as they would load, rows dropped and\n"
"                    rejected by reason, the dates, unmapped codes\n"
"  --max-rejects N   stop, loading nothing, after more than N rejected rows\n"
"  --profile P       read the files through profile P: a bundled name\n"
"                    (canonical, the default; icarol: give the\n"
"                    CallReports and Needs files of each export pair)\n"
"                    or a profile file\n"
"  --progress        show rows, rows/s and the time left on stderr\n"
"                    (default: when it is a terminal, unless -q)\n"
"  -q, --quiet       no summary; bad rows and errors are still reported\n"
"  --rejects FILE    write rejected, kept and duplicate rows there\n"
"                    (default rejects-batch-N.csv)\n"
"  --source NAME     source system the contact ids belong to (default\n"
"                    'default'); re-ingest is idempotent per source\n"
"  --strict          any rejected row: load nothing, exit 65\n"
"  -h, --help        show this help\n"
"  -V, --version     show the version\n\n"
"Exit status: 0 ok (also with some rejected rows), 64 usage, 65 bad data\n"
"(strict, too many rejects, missing column, every row rejected), 66 cannot\n"
"open input, 70 internal error, 73 cannot create the rejects file, 74 I/O\n"
"error, 75 database busy (try again later), 78 database not initialised.\n"
"A bad profile exits 78 before anything is read.\n",
	       synopsis);
	return 0;
}

static void on_msg(const char *msg, void *ctx)
{
	(void)ctx;
	cli_warn("%s", msg);
}

static double last_progress, start_progress;
static int shown_progress;
static uint64_t total_bytes;    /* of the named files; 0 unknown (stdin) */

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line: rows, rows/s, and the time left when the size of
 * the input is known (from the bytes read so far and their rate). */
static void progress_line(const struct ingest_stats *st, double now)
{
	double secs = now - start_progress;
	double rate = secs > 0 ? (double)st->rows_read / secs : 0.0;
	double bps = secs > 0 ? (double)st->bytes / secs : 0.0;

	shown_progress = 1;
	fprintf(stderr, "\r%s: %ld rows, %.0f rows/s", cli_prog(),
		st->rows_read, rate);
	if (total_bytes > 0 && bps > 0 && st->bytes <= total_bytes)
		fprintf(stderr, ", %.0f%%, ETA %.0f s", 100.0 *
			(double)st->bytes / (double)total_bytes,
			(double)(total_bytes - st->bytes) / bps);
	fputs("   ", stderr);
}

static void on_progress(const struct ingest_stats *st, void *ctx)
{
	double now = now_seconds();

	(void)ctx;
	if (now - last_progress < 1.0)
		return;
	last_progress = now;
	progress_line(st, now);
}

/* Sum the sizes of the input files for the ETA; any file of unknown size
 * (standard input, a pipe) leaves the total unknown. */
static void measure_inputs(char **files, int nfiles)
{
	struct stat sb;
	int i;

	total_bytes = 0;
	for (i = 0; i < nfiles; i++) {
		if (!strcmp(files[i], "-") || stat(files[i], &sb) != 0 ||
		    !S_ISREG(sb.st_mode)) {
			total_bytes = 0;
			return;
		}
		total_bytes += (uint64_t)sb.st_size;
	}
}

static void summary(const struct ingest_stats *st, int dry,
		    const struct profile_report *rep)
{
	size_t i;

	if (shown_progress)
		fputc('\n', stderr);
	fprintf(stderr, "%s: %s%ld file%s, %ld rows read = %ld loaded + %ld "
		"merged + %ld duplicate + %ld dropped + %ld blank + %ld "
		"rejected", cli_prog(), dry ? "dry run, nothing written: " : "",
		st->files, st->files == 1 ? "" : "s", st->rows_read,
		st->rows_loaded, st->rows_merged, st->rows_duplicate,
		st->rows_dropped, st->rows_blank, st->rows_rejected);
	fprintf(stderr, "; %ld contacts (%ld new, %ld replaced), %ld needs; "
		"%.2f s\n", st->contacts, st->contacts_new,
		st->contacts_replaced, st->needs, st->seconds);
	if (st->files_same)
		fprintf(stderr, "%s: %ld file%s already loaded: unchanged\n",
			cli_prog(), st->files_same, st->files_same > 1 ? "s" : "");
	if (st->date_min[0])
		fprintf(stderr, "%s: contacts from %s to %s, category map "
			"version %ld\n", cli_prog(), st->date_min, st->date_max,
			st->map_version);
	if (st->rows_rejected + st->rows_kept > 10)
		fprintf(stderr, "%s: %ld more bad rows not shown above%s%s%s\n",
			cli_prog(), st->rows_rejected + st->rows_kept - 10,
			st->rejects_path[0] ? ": see '" : "",
			st->rejects_path, st->rejects_path[0] ? "'" : "");
	for (i = 0; rep && i < rep->drops.n; i++)
		fprintf(stderr, "%s:   %-6s %7ld  %s\n", cli_prog(), "drop",
			rep->drops.it[i].count, rep->drops.it[i].label);
	for (i = 0; rep && i < rep->dups.n; i++)
		fprintf(stderr, "%s:   %-6s %7ld  %s\n", cli_prog(), "dup",
			rep->dups.it[i].count, rep->dups.it[i].label);
	for (i = 0; i < st->nissues; i++)
		fprintf(stderr, "%s:   %-6s %-13s %7ld  %s\n", cli_prog(),
			st->issues[i].kind, st->issues[i].column,
			st->issues[i].count, st->issues[i].reason);
	if (st->rejects_path[0])
		fprintf(stderr, "%s: bad and skipped rows written to '%s' (action: rejected, kept, duplicate)\n",
			cli_prog(), st->rejects_path);
}

/* Load the --profile; NULL spec: the canonical CSV (no profile). */
static int load_profile(const char *spec, const char *datadir, int nfiles,
			struct profile **prof, struct nserr *err)
{
	int rc;

	*prof = NULL;
	if (!spec)
		return 0;
	if ((rc = profile_load(spec, datadir, prof, err)) != 0)
		return rc;
	if ((*prof)->join && nfiles % 2)
		return nserr_set(err, NS_EUSAGE, "profile '%s' reads file pairs "
			"(a contacts file and its needs file): %d file%s given",
			(*prof)->name, nfiles, nfiles > 1 ? "s" : "");
	return 0;
}

/* protect_inputs: no output of this run may be written over an input. */
static int protect_inputs(char **files, int nfiles, struct nserr *err)
{
	int i, rc = 0;

	for (i = 0; i < nfiles && !rc; i++)
		if (strcmp(files[i], "-") != 0)
			rc = outfile_protect(files[i], err);
	return rc;
}

static int run(const char *path, const char *spec, struct ingest_opts *o,
	       char **files, int nfiles, int quiet, struct nserr *err)
{
	struct profile *prof = NULL;
	struct profile_report rep;
	struct ingest_stats st;
	const char *datadir;
	sqlite3 *db = NULL;
	char label[4200];
	int rc;

	if (profile_report_init(&rep) != 0)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if ((rc = protect_inputs(files, nfiles, err)) != 0 ||
	    (rc = datadir_get(&datadir, err)) != 0 ||
	    (rc = load_profile(spec, datadir, nfiles, &prof, err)) != 0 ||
	    (prof && (rc = outfile_protect(prof->path, err)) != 0) ||
	    (rc = db_open(path, 0, datadir, &db, err)) != 0)
		goto out;
	/* refuse a rejects file over an input or the database up front */
	if (o->rejects_path &&
	    (rc = outfile_check(o->rejects_path, "rejects file", err)) != 0)
		goto out;
	if (prof) {
		o->prof = prof;
		o->profile = prof->name;
		o->report = &rep;
	}
	rc = ingest_files(db, o, (const char *const *)files, nfiles, &st, err);
	if (!rc && prof && o->dry_run) {
		snprintf(label, sizeof label, "'%s' (%s)%s%s", prof->name,
			 prof->path, prof->description ? ": " : "",
			 prof->description ? prof->description : "");
		profile_report_write(&rep, &st, label, stdout);
	}
	/* the last progress line: the whole run's rows and rate */
	if (o->on_progress && st.rows_read > 0)
		progress_line(&st, now_seconds());
	/* a run that failed before reading anything has nothing to sum up */
	if ((!quiet || rc) && (st.files > 0 || st.rows_read > 0))
		summary(&st, o->dry_run, prof ? &rep : NULL);
	else if (shown_progress)
		fputc('\n', stderr);      /* end the progress line */
	ingest_stats_release(&st);
	if (sqlite3_close(db) != SQLITE_OK && !rc)
		rc = nserr_set(err, NS_EIO, "closing '%s' failed", path);
	db = NULL;
out:
	o->prof = NULL;          /* both are freed here: no dangling pointers */
	o->report = NULL;
	sqlite3_close(db);
	profile_free(prof);
	profile_report_release(&rep);
	return rc;
}

int main(int argc, char **argv)
{
	enum { O_DRY = 256, O_MAXREJ, O_PROFILE, O_PROGRESS, O_REJECTS,
	       O_SOURCE, O_STRICT };
	static const struct option opts[] = {
		CLI_OPT_DB,
		{"dry-run", no_argument, NULL, O_DRY},
		{"help", no_argument, NULL, 'h'},
		{"max-rejects", required_argument, NULL, O_MAXREJ},
		{"profile", required_argument, NULL, O_PROFILE},
		{"progress", no_argument, NULL, O_PROGRESS},
		{"quiet", no_argument, NULL, 'q'},
		{"rejects", required_argument, NULL, O_REJECTS},
		{"source", required_argument, NULL, O_SOURCE},
		{"strict", no_argument, NULL, O_STRICT},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *path = db_path_default(), *spec = NULL;
	struct ingest_opts o;
	struct nserr err;
	int c, rc, quiet = 0, progress = -1;

	cli_set_prog("needstat-ingest");
	nserr_init(&err);
	ingest_opts_init(&o);
	while ((c = getopt_long(argc, argv, "hqV", opts, NULL)) != -1) {
		switch (c) {
		case CLI_O_DB: path = optarg; break;
		case O_DRY: o.dry_run = 1; break;
		case O_MAXREJ:
			if (cli_parse_long("--max-rejects", optarg, 0,
					   1000000000L, &o.max_rejects))
				return cli_usage_error(synopsis, NULL);
			break;
		case O_PROFILE: spec = optarg; break;
		case O_PROGRESS: progress = 1; break;
		case O_REJECTS: o.rejects_path = optarg; break;
		case O_SOURCE: o.source = optarg; break;
		case O_STRICT: o.strict = 1; break;
		case 'h': return cli_finish(help());
		case 'q': quiet = 1; break;
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	if (optind == argc)
		return cli_usage_error(synopsis, "no input: name a FILE, or - "
				       "for standard input");
	if (!*o.source)
		return cli_usage_error(synopsis, "--source needs a name");
	o.on_msg = on_msg;
	/* on a terminal unless -q; --progress shows it anyway */
	if (progress < 0)
		progress = !quiet && isatty(2);
	if (progress) {
		measure_inputs(argv + optind, argc - optind);
		start_progress = last_progress = now_seconds();
	}
	o.on_progress = progress ? on_progress : NULL;
	rc = run(path, spec, &o, argv + optind, argc - optind, quiet, &err);
	if (rc == NS_EUSAGE)
		return cli_usage_error(synopsis, "%s", err.msg);
	if (rc)
		return cli_fail(&err);
	return cli_finish(0);
}
