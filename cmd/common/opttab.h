/*
 * opttab: the one table of the options of the tools that take a report
 * request (needstat-report; needstat-chart, needstat-xlsx and
 * needstat-dashboard next).  From it come each tool's getopt_long array
 * and short-option string and the OPTIONS part of its --help, so the
 * parser and the help cannot disagree; tests/cli/man_options.sh checks
 * the man pages against the help.
 *
 * Each entry says which tools take it with CLI_T_* bits.  A tool asks
 * for the entries matching its mask:
 *
 *	unsigned mask = CLI_T_STD | CLI_T_REQUEST | CLI_T_CHART;
 *	struct cli_optset set;
 *	cli_opts_build(&set, mask);
 *	while ((c = getopt_long(argc, argv, set.shorts, set.longs, NULL)) ...)
 *		if ((id = cli_opts_request(c)) != 0)
 *			rc = report_request_option(&rq, id, optarg, &err);
 *		else switch (c) { tool's own options }
 *	cli_opts_help(mask, stdout);        // in --help, after "Options:\n"
 *
 * so a new tool adds the shared request options with the one bit
 * CLI_T_REQUEST, and its own options as entries with its own bit.
 */
#ifndef NEEDSTAT_OPTTAB_H
#define NEEDSTAT_OPTTAB_H

#include <getopt.h>
#include <stdio.h>

/* Which tools take an option. */
enum cli_tool_bit {
	CLI_T_STD = 1u << 0,        /* -h/--help, -V/--version */
	CLI_T_REQUEST = 1u << 1,    /* the request options (request.h) */
	CLI_T_REPORT = 1u << 2,     /* needstat-report's own */
	CLI_T_CHART = 1u << 3,      /* needstat-chart's own */
	CLI_T_XLSX = 1u << 4,       /* needstat-xlsx's own */
	CLI_T_DASHBOARD = 1u << 5   /* needstat-dashboard's own */
};

/* getopt values: an option with a short form has its character; a
 * request option without one has CLI_O_REQUEST + its request id; the
 * tools' own long options without a short form are the CLI_O_* below. */
#define CLI_O_REQUEST 0x2000

enum cli_own_option {
	CLI_O_AUDIT = 0x3000,
	CLI_O_DESCRIBE,
	CLI_O_FILE,
	CLI_O_FORMAT,
	CLI_O_FRAGMENT,
	CLI_O_LIST,
	CLI_O_INTERNAL,
	CLI_O_REPORTS,
	/* needstat-chart */
	CLI_O_DUMP,
	CLI_O_HEIGHT,
	CLI_O_ROLLING,
	CLI_O_SCALE,
	CLI_O_SERIES,
	CLI_O_TYPE,
	CLI_O_WIDTH,
	CLI_O_X,
	CLI_O_Y,
	/* needstat-dashboard */
	CLI_O_LANGS,                /* --lang L[,L] */
	CLI_O_LAZY,
	CLI_O_OUT,
	CLI_O_WAIT,
	/* needstat-xlsx */
	CLI_O_DATA
};

struct cli_opt {
	const char *name;           /* long name, without "--" */
	int val;                    /* getopt value (see above) */
	const char *arg;            /* argument name, NULL: none */
	int rq;                     /* enum report_request_option, 0: none */
	unsigned tools;             /* CLI_T_* bits */
	const char *label;          /* help's left column, NULL: made from
				     * the names; "" : described by another
				     * entry's label (--to by --from's) */
	const char *help;           /* help text, lines split by '\n' */
};

/* The table, in the order --help lists the options; ends with a zero
 * entry. */
extern const struct cli_opt cli_opt_table[];

#define CLI_OPTSET_MAX 64

struct cli_optset {
	struct option longs[CLI_OPTSET_MAX + 1];   /* ends with zeros */
	char shorts[2 * CLI_OPTSET_MAX + 1];       /* "ho:p:vV" */
};

/*
 * cli_opts_build: fill *set with the getopt_long array and the short
 * option string of the table entries sharing a bit with mask, in table
 * order.
 */
void cli_opts_build(struct cli_optset *set, unsigned mask);

/*
 * cli_opts_request: the request option id (enum report_request_option) of
 * the entry whose getopt value is c, or 0 when c is no request option.
 */
int cli_opts_request(int c);

struct report_request;

/* cli_opts_next's status after a request option with a bad value. */
#define CLI_OPTS_FAIL (-2)

/*
 * cli_opts_next: the next option of argv (getopt_long over set).  A
 * request option (cli_opts_request) is parsed into rq and gives 0 (its
 * id in *rq_id when rq_id is not NULL); a bad value prints the usage
 * error with synopsis and gives CLI_OPTS_FAIL (the tool exits 64).  Any
 * other option gives its getopt value for the tool's own switch ('?' for
 * an unknown one), and the end of the options -1.
 */
int cli_opts_next(const struct cli_optset *set, int argc, char **argv,
		  struct report_request *rq, const char *synopsis, int *rq_id);

/*
 * cli_opts_help: write the help lines of the entries sharing a bit with
 * mask to out: "  LABEL" padded to 20 columns, then the first line of the
 * help text, its other lines indented to the same column.  LABEL is
 * "-s, --name ARG", "--name ARG" or the entry's label.
 */
void cli_opts_help(unsigned mask, FILE *out);

#endif
