/*
 * needstat: the git-style front door.  `needstat CMD ARGS...` runs the tool
 * needstat-CMD with ARGS, looked for first in the directory of this
 * executable (so a build tree or an install prefix is self-contained), then
 * in PATH.  `needstat --help` lists the tools found beside it, one line
 * each, from one static table; `needstat help CMD` runs `needstat-CMD
 * --help`.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char synopsis[] = "needstat COMMAND [ARGS...]\n"
	"       needstat help [COMMAND]\n"
	"       needstat -h | --help | -V | --version";

/* Every tool, in the order a new user meets them; --help lists those
 * whose executable is present, so the list is always true. */
static const struct {
	const char *name, *summary;
} commands[] = {
	{"init", "create or migrate a database, load the reference data"},
	{"ingest", "load contact logs (canonical CSV) into the database"},
	{"synth", "write a synthetic contact log (demo, tests, benchmarks)"},
	{"taxonomy", "load term files and category maps, classify codes"},
	{"regions", "load regions, crosswalks, populations; resolve postal codes"},
	{"report", "run a report for a period: text, csv, md, json, html"},
	{"xlsx", "write a set of reports as an Excel workbook"},
	{"chart", "draw a report as a PNG, SVG or PDF chart"},
	{"dashboard", "build a month's dashboard directory (for cron)"},
	{"export", "write privacy-safe monthly aggregates to share"},
};

static char exedir[PATH_MAX];

/* The directory of the running executable into exedir ("" if unknown). */
static void find_exedir(void)
{
	char *slash;
	ssize_t n = readlink("/proc/self/exe", exedir, sizeof exedir - 1);

	exedir[n > 0 ? n : 0] = '\0';
	slash = strrchr(exedir, '/');
	if (slash)
		*slash = '\0';
	else
		exedir[0] = '\0';
}

/* The path of needstat-name beside this executable, if it is one. */
static int beside(const char *name, char *buf, size_t size)
{
	if (!exedir[0] || (size_t)snprintf(buf, size, "%s/needstat-%s",
					   exedir, name) >= size)
		return 0;
	return access(buf, X_OK) == 0;
}

static int help(void)
{
	char path[PATH_MAX];
	size_t i;
	int found = 0;

	printf("usage: %s\n\n"
"Run the needstat tool needstat-COMMAND with ARGS.  Tools are looked for\n"
"in the directory of this program first, then in PATH.\n\n"
"Commands:\n", synopsis);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (!beside(commands[i].name, path, sizeof path))
			continue;
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
		found++;
	}
	if (!found)
		printf("  (none found in '%s')\n", exedir);
	printf("\n"
"'needstat help COMMAND' shows a command's options (its --help).\n\n"
"Options:\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n\n"
"Environment: NEEDSTAT_DB, NEEDSTAT_DATADIR, NEEDSTAT_BUSY_MS (see the\n"
"commands' manual pages).\n\n"
"Exit status: that of the command; 64 usage error or unknown command,\n"
"70 the command cannot be run.\n");
	return 0;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* Exec needstat-cmd with args[1..] (args[0] is replaced); returns only on
 * failure, with the exit status. */
static int run(const char *cmd, char **args)
{
	char path[PATH_MAX], name[256];

	if (!valid_name(cmd) ||
	    (size_t)snprintf(name, sizeof name, "needstat-%s", cmd) >=
	    sizeof name)
		goto unknown;
	args[0] = name;
	fflush(stdout);
	if (beside(cmd, path, sizeof path)) {
		execv(path, args);
		cli_warn("cannot run '%s': %s", path, strerror(errno));
		return 70;
	}
	execvp(name, args);
	if (errno != ENOENT) {
		cli_warn("cannot run '%s': %s", name, strerror(errno));
		return 70;
	}
unknown:
	cli_warn("'%s' is not a needstat command; see 'needstat --help'", cmd);
	return 64;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	char *help_args[3] = {NULL, "--help", NULL};
	int c;

	cli_set_prog("needstat");
	find_exedir();
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_finish(help());
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	if (optind == argc)
		return cli_usage_error(synopsis, "no command given");
	if (strcmp(argv[optind], "help") == 0) {
		if (argc - optind == 1)
			return cli_finish(help());
		if (argc - optind > 2)
			return cli_usage_error(synopsis, "help takes one "
					       "COMMAND");
		return run(argv[optind + 1], help_args);
	}
	return run(argv[optind], argv + optind);
}
