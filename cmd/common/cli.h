/*
 * cli: what every needstat tool shares: diagnostics on stderr in the form
 * `prog: message`, the usage-error path, checked closing of stdout, the
 * standard --db/--version handling, and strict number parsing.
 */
#ifndef NEEDSTAT_CLI_H
#define NEEDSTAT_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "core/nserr.h"

/* cli_prog: set (once, from argv[0]'s base name or a fixed name) and get
 * the program name used in messages.  cli_set_prog also ignores SIGXFSZ,
 * so a write past `ulimit -f` is an error the tool reports (exit 74). */
void cli_set_prog(const char *name);
const char *cli_prog(void);

/* cli_warn: "prog: message\n" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cli_fail: print err's message and return its exit code (sysexits). */
int cli_fail(const struct nserr *err);

/* cli_usage_error: print the synopsis and "try 'prog --help'"; returns 64. */
int cli_usage_error(const char *synopsis, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_version: print "prog VERSION" on stdout; returns 0. */
int cli_version(void);

/*
 * cli_finish: flush and close stdout; on a write error (full disk) print it
 * and return 74, else return rc.
 */
int cli_finish(int rc);

/*
 * cli_parse_long: s as a base-10 integer in [lo, hi] into *out.
 * Returns 0 or -1 (and prints "option 'opt': 's' is not ...").
 */
int cli_parse_long(const char *opt, const char *s, long lo, long hi,
		   long *out);

/*
 * cli_print_csv_row: print v[0..n) on stdout as one RFC 4180 CSV line
 * (NULL prints as an empty field).  Has the row-callback shape of the
 * refdata and reclassify listings; ctx is unused.  Returns 0.
 */
int cli_print_csv_row(void *ctx, int n, const char *const *v);

/* --db FILE, the same in every tool: the getopt_long entry (value
 * CLI_O_DB; the request tools have it from the option table, opttab.c,
 * as a request option).  The default is db_path_default(). */
#define CLI_O_DB 0x1000
#define CLI_OPT_DB {"db", required_argument, NULL, CLI_O_DB}

/*
 * cli_subcommand_args: the argument handling of tools of the form
 * `TOOL [--db FILE] SUBCOMMAND [OPTIONS] OPERANDS`.  --db FILE (into
 * *dbpath), -h/--help (calling help()) and -V/--version are parsed here,
 * before and after the subcommand, so they mean the same in every tool;
 * after the subcommand, its own options sub_opts (which must not be named
 * db, help or version: that is a bug, exit 70) go to on_opt(c, optarg,
 * ctx), which returns 0 or -1 for a usage error.  On success *argc and
 * *argv hold the subcommand word(s) followed by the operands and it
 * returns -1; otherwise it returns the exit status to end with (0 after
 * help or version, 64 after a usage error it printed with synopsis).
 */
int cli_subcommand_args(int *argc, char ***argv, const char *synopsis,
			int (*help)(void), const char **dbpath,
			const struct option *sub_opts,
			int (*on_opt)(int c, const char *arg, void *ctx),
			void *ctx);

/*
 * cli_subcommand_exit: the exit status for a status rc (of a subcommand or
 * of a whole tool) with its error err: NS_EUSAGE prints the synopsis (64),
 * another error its message, success flushes stdout.
 */
int cli_subcommand_exit(int rc, const struct nserr *err,
			const char *synopsis);

#endif
