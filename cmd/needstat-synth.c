/*
 * needstat-synth: write a deterministic synthetic 211 contact log in
 * needstat's canonical CSV (lib/synth.h does the work).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/nserr.h"
#include "core/outfile.h"
#include "synth/synth.h"

static const char synopsis[] =
	"needstat-synth [--needs N] [--seed S] [--from YYYY-MM] [--to YYYY-MM]\n"
	"                      [--dirty] [--expect FILE] [--id-prefix P] "
	"[-o FILE|-]";

static int help(void)
{
	printf("usage: %s\n\n%s", synopsis,
	       "Write a synthetic 211 contact log (one row per need) in "
	       "needstat's\ncanonical CSV.  The same arguments give "
	       "byte-identical output.\n\n"
	       "  --needs N          need rows to write, 0..1000000000 "
	       "(default 10000)\n"
	       "  --seed S           random seed, 0 or more (default 211)\n"
	       "  --from YYYY-MM     first month, local dates (default "
	       "2024-04)\n"
	       "  --to YYYY-MM       last month, inclusive (default 2025-03)\n"
	       "  --dirty            damage a few percent of rows as real "
	       "exports do\n"
	       "  --expect FILE      write LINE,COLUMN of each row an ingest "
	       "must reject\n"
	       "  --id-prefix P      contact ids P00000001, P00000002, ... "
	       "(default\n"
	       "                     S<seed>-<from>-<to>-: unique across "
	       "seeds and periods)\n"
	       "  -o, --output FILE  write the CSV to FILE ('-', the default: "
	       "standard output)\n"
	       "  -h, --help         show this help and exit\n"
	       "  -V, --version      show the version and exit\n\n"
	       "Years lie in 1990..2099.  Exit status: 0 ok, 64 usage error, "
	       "70 internal\nerror, 73 cannot create an output file, 74 write "
	       "error.\n");
	return 0;
}

enum { OPT_NEEDS = 256, OPT_SEED, OPT_FROM, OPT_TO, OPT_DIRTY, OPT_EXPECT,
       OPT_ID_PREFIX };

static const struct option longopts[] = {
	{"dirty", no_argument, NULL, OPT_DIRTY},
	{"expect", required_argument, NULL, OPT_EXPECT},
	{"from", required_argument, NULL, OPT_FROM},
	{"help", no_argument, NULL, 'h'},
	{"id-prefix", required_argument, NULL, OPT_ID_PREFIX},
	{"needs", required_argument, NULL, OPT_NEEDS},
	{"output", required_argument, NULL, 'o'},
	{"seed", required_argument, NULL, OPT_SEED},
	{"to", required_argument, NULL, OPT_TO},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* run: write the log (and the expectations) through outfile: each file
 * is built beside its name and renamed in only when all was written, so a
 * failed run leaves no half file; the two may not be the same file. */
static int run(struct synth_opts *o, const char *out_path,
	       const char *expect_path)
{
	struct nserr err;
	struct outfile out, expect;
	int rc;

	nserr_init(&err);
	outfile_init(&out);
	outfile_init(&expect);
	if (out_path && expect_path && strcmp(out_path, "-") != 0 &&
	    strcmp(out_path, expect_path) == 0)
		return cli_usage_error(synopsis, "-o and --expect name the same "
				       "file '%s'", out_path);
	rc = outfile_open(&out, out_path, &err);
	if (!rc && expect_path)
		rc = outfile_open(&expect, expect_path, &err);
	if (!rc) {
		if (out_path && strcmp(out_path, "-") != 0)
			o->out_name = out_path;
		if (expect_path)
			o->expect_name = expect_path;
		rc = synth_write(o, out.fp, expect_path ? expect.fp : NULL,
				 &err);
	}
	if (!rc && expect_path)
		rc = outfile_commit(&expect, &err);
	if (!rc)
		rc = outfile_commit(&out, &err);
	outfile_abort(&expect);
	outfile_abort(&out);
	return rc ? cli_fail(&err) : cli_finish(0);
}

static int parse_month(const char *opt, const char *s, int *y, int *m)
{
	if (synth_parse_month(s, y, m) == 0)
		return 0;
	cli_warn("option '%s': '%s' is not a month YYYY-MM in %d..%d", opt, s,
		 SYNTH_YEAR_MIN, SYNTH_YEAR_MAX);
	return -1;
}

int main(int argc, char **argv)
{
	struct synth_opts o;
	const char *out_path = NULL, *expect_path = NULL;
	long v;
	int c;

	cli_set_prog("needstat-synth");
	synth_opts_init(&o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:V", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DIRTY: o.dirty = 1; break;
		case OPT_EXPECT: expect_path = optarg; break;
		case OPT_FROM:
			if (parse_month("--from", optarg, &o.from_year,
					&o.from_month))
				return cli_usage_error(synopsis, NULL);
			break;
		case 'h': return cli_finish(help());
		case OPT_ID_PREFIX: o.id_prefix = optarg; break;
		case OPT_NEEDS:
			if (cli_parse_long("--needs", optarg, 0,
					   (long)SYNTH_NEEDS_MAX, &v))
				return cli_usage_error(synopsis, NULL);
			o.needs = (unsigned long)v;
			break;
		case 'o': out_path = optarg; break;
		case OPT_SEED:
			if (cli_parse_long("--seed", optarg, 0, LONG_MAX, &v))
				return cli_usage_error(synopsis, NULL);
			o.seed = (uint64_t)v;
			break;
		case OPT_TO:
			if (parse_month("--to", optarg, &o.to_year, &o.to_month))
				return cli_usage_error(synopsis, NULL);
			break;
		case 'V': return cli_finish(cli_version());
		case ':':
			return cli_usage_error(synopsis, "option '%s' needs a "
					       "value", argv[optind - 1]);
		default:
			if (optopt)
				return cli_usage_error(synopsis, "unknown option "
						       "'-%c'", optopt);
			return cli_usage_error(synopsis, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(synopsis, "unexpected argument '%s'",
				       argv[optind]);
	if (o.from_year * 12 + o.from_month > o.to_year * 12 + o.to_month)
		return cli_usage_error(synopsis, "--from '%04d-%02d' is after "
				       "--to '%04d-%02d'", o.from_year,
				       o.from_month, o.to_year, o.to_month);
	if (o.id_prefix && !synth_id_prefix_ok(o.id_prefix))
		return cli_usage_error(synopsis, "--id-prefix '%s': at most %d "
				       "letters, digits, '.', '_' or '-'",
				       o.id_prefix, SYNTH_ID_PREFIX_MAX);
	return run(&o, out_path, expect_path);
}
