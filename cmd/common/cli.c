/*
 * cli: diagnostics and exit-status plumbing for the tools.
 */
#include "cli.h"

#include "core/csvin.h"
#include "core/outfile.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "needstat";

/* on_stop: an interrupted run removes its temporaries (outfile), then
 * dies of the signal as it would have (exit status 128 + signal). */
static void on_stop(int sig)
{
	outfile_remove_live();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* catch_stop: on_stop for sig, unless it is ignored (nohup, a background
 * job): an ignored signal stays ignored. */
static void catch_stop(int sig)
{
	if (signal(sig, on_stop) == SIG_IGN)
		signal(sig, SIG_IGN);
}

void cli_set_prog(const char *name)
{
	const char *slash = strrchr(name, '/');
	prog = slash ? slash + 1 : name;
	/* Past `ulimit -f` a write fails with EFBIG (reported, exit 74, the
	 * temporary removed) instead of SIGXFSZ killing the tool silently. */
	signal(SIGXFSZ, SIG_IGN);
	catch_stop(SIGINT);
	catch_stop(SIGTERM);
	catch_stop(SIGHUP);
}

const char *cli_prog(void)
{
	return prog;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_fail(const struct nserr *err)
{
	cli_warn("%s", err->msg[0] ? err->msg : nserr_str(err->code));
	return nserr_exit_code(err->code);
}

int cli_usage_error(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fprintf(stderr, "%s: ", prog);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "usage: %s\ntry '%s --help'\n", synopsis, prog);
	return 64;
}

int cli_version(void)
{
	printf("%s %s\n", prog, NEEDSTAT_VERSION);
	return 0;
}

int cli_finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("write error on standard output: %s", strerror(errno));
		fclose(stdout);
		return 74;
	}
	if (fclose(stdout) != 0) {
		cli_warn("write error on standard output: %s", strerror(errno));
		return 74;
	}
	return rc;
}

int cli_parse_long(const char *opt, const char *s, long lo, long hi,
		   long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi) {
		cli_warn("option '%s': '%s' is not a whole number from %ld to "
			 "%ld", opt, s, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_print_csv_row(void *ctx, int n, const char *const *v)
{
	int i;

	(void)ctx;
	for (i = 0; i < n; i++) {
		if (i)
			putchar(',');
		if (v[i])
			csvin_write_field(stdout, v[i], strlen(v[i]));
	}
	putchar('\n');
	return 0;
}

/* The options every subcommand tool takes, before and after the
 * subcommand: parsed here, so --db, --help and --version mean one thing
 * in every tool. */
static const struct option global_opts[] = {
	CLI_OPT_DB,
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* merge_opts: global_opts then sub_opts into out (cap entries with the
 * terminator); -1 when a subcommand option reuses a global name or there
 * are too many (a bug in the tool). */
static int merge_opts(const struct option *sub_opts, struct option *out,
		      size_t cap)
{
	size_t n = 0, i, k;

	for (i = 0; global_opts[i].name; i++)
		out[n++] = global_opts[i];
	for (k = 0; sub_opts && sub_opts[k].name; k++) {
		for (i = 0; global_opts[i].name; i++)
			if (strcmp(sub_opts[k].name, global_opts[i].name) == 0) {
				cli_warn("internal error: subcommand option "
					 "'--%s' is a global option",
					 sub_opts[k].name);
				return -1;
			}
		if (n + 1 >= cap)
			return -1;
		out[n++] = sub_opts[k];
	}
	memset(&out[n], 0, sizeof out[n]);
	return 0;
}

int cli_subcommand_args(int *argc, char ***argv, const char *synopsis,
			int (*help)(void), const char **dbpath,
			const struct option *sub_opts,
			int (*on_opt)(int c, const char *arg, void *ctx),
			void *ctx)
{
	struct option opts[64];
	int c, n = *argc;
	char **v = *argv;

	if (merge_opts(sub_opts, opts, sizeof opts / sizeof opts[0]))
		return 70;
	while ((c = getopt_long(n, v, "+hV", global_opts, NULL)) != -1) {
		switch (c) {
		case CLI_O_DB: *dbpath = optarg; break;
		case 'h': return cli_finish(help());
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	if (optind == n)
		return cli_usage_error(synopsis, "no subcommand");
	n -= optind;
	v += optind;
	optind = 0;                   /* options after the subcommand */
	while ((c = getopt_long(n, v, "hV", opts, NULL)) != -1) {
		if (c == CLI_O_DB)
			*dbpath = optarg;
		else if (c == 'h')
			return cli_finish(help());
		else if (c == 'V')
			return cli_finish(cli_version());
		else if (c == '?' || on_opt(c, optarg, ctx) != 0)
			return cli_usage_error(synopsis, NULL);
	}
	v[optind - 1] = v[0];         /* operands follow the subcommand */
	*argc = n - (optind - 1);
	*argv = v + (optind - 1);
	return -1;
}

int cli_subcommand_exit(int rc, const struct nserr *err,
			const char *synopsis)
{
	if (rc == NS_EUSAGE)
		return cli_usage_error(synopsis, "%s", err->msg);
	if (rc && err->msg[0])
		return cli_fail(err);
	return cli_finish(rc ? nserr_exit_code(rc) : 0);
}
