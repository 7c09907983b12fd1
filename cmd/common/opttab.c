/*
 * opttab: the option table of the request tools, and the getopt_long
 * array and --help lines built from it (opttab.h).  The wording of each
 * help text is the tool's --help; the man page OPTIONS say the same at
 * more length (tests/cli/man_options.sh checks they list the same
 * options).
 */
#include "opttab.h"

#include <string.h>

#include "cli.h"
#include "report/request.h"

#define RQ(id) (CLI_O_REQUEST + (id))
#define REQ CLI_T_REQUEST
#define REP CLI_T_REPORT
#define XLS CLI_T_XLSX
#define CHT CLI_T_CHART
#define DASH CLI_T_DASHBOARD

const struct cli_opt cli_opt_table[] = {
	{"audit", CLI_O_AUDIT, NULL, 0, REP, NULL,
	 "instead of the report, write the interval a reader\n"
	 "can deduce for each suppressed cell (linear\n"
	 "programming over everything the table shows)"},
	{"category", RQ(RQ_CATEGORY), "ID", RQ_CATEGORY, REQ, NULL,
	 "only needs of this category"},
	{"db", RQ(RQ_DB), "FILE", RQ_DB, REQ | DASH, NULL,
	 "database (default $NEEDSTAT_DB, else needstat.db)"},
	{"describe", CLI_O_DESCRIBE, NULL, 0, REP, NULL,
	 "the report's help: what it is, the filters and\n"
	 "parameters it accepts, its glossary (what each\n"
	 "column counts); also --help REPORT"},
	{"dump", CLI_O_DUMP, NULL, 0, CHT, NULL,
	 "print the chart model as text instead of drawing"},
	{"file", CLI_O_FILE, "PATH", 0, REP, NULL,
	 "run the report in PATH instead of an installed one"},
	{"fiscal-start", RQ(RQ_FISCAL_START), "M", RQ_FISCAL_START, REQ, NULL,
	 "first month of fiscal years, 1-12 (default\n"
	 "$NEEDSTAT_FISCAL_START, else 4: April to March)"},
	{"fiscal-year", RQ(RQ_FISCAL_YEAR), "YYYY", RQ_FISCAL_YEAR, REQ, NULL,
	 "the fiscal year starting in YYYY"},
	{"format", CLI_O_FORMAT, "F", 0, REP, NULL,
	 "text (default), csv, md, json or html (a complete\n"
	 "page with its stylesheet)"},
	{"format", CLI_O_FORMAT, "F", 0, CHT, NULL,
	 "png, svg or pdf (default: from -o's extension)"},
	{"fragment", CLI_O_FRAGMENT, NULL, 0, REP, NULL,
	 "with --format html: only the table and its notes,\n"
	 "to embed in another page"},
	{"from", RQ(RQ_FROM), "D", RQ_FROM, REQ, "--from D, --to D",
	 "first and last month: YYYY-MM, or YYYY-MM-DD on a\n"
	 "month's first (--from) or last (--to) day"},
	{"to", RQ(RQ_TO), "D", RQ_TO, REQ, "", NULL},
	{"height", CLI_O_HEIGHT, "H", 0, CHT, NULL,
	 "height in pixels (PNG) or points, 200-8000\n"
	 "(default 500)"},
	{"internal", CLI_O_INTERNAL, NULL, 0, XLS, NULL,
	 "every report and the Data sheet unsuppressed (as\n"
	 "--min-cell 1); every sheet says NOT FOR PUBLICATION"},
	{"lang", RQ(RQ_LANG), "L", RQ_LANG, REQ, NULL,
	 "en (default $NEEDSTAT_LANG, else en) or fr"},
	{"lang", CLI_O_LANGS, "L[,L]", 0, DASH, NULL,
	 "languages to build: en, fr or en,fr (default both)"},
	{"lazy", CLI_O_LAZY, NULL, 0, DASH, NULL,
	 "do nothing (exit 0) when nothing that feeds the\n"
	 "month changed since the last build"},
	{"list", CLI_O_LIST, NULL, 0, REP, NULL,
	 "list the installed reports (id and title)"},
	{"min-cell", RQ(RQ_MIN_CELL), "N", RQ_MIN_CELL, REQ | DASH, NULL,
	 "show counts 0..N-1 as <N in reports that suppress,\n"
	 "and hide more (x) so that none can be deduced\n"
	 "(default 5; 1 turns suppression off)"},
	{"month", RQ(RQ_MONTH), "YYYY-MM", RQ_MONTH, REQ | DASH, NULL,
	 "one month"},
	{"data", CLI_O_DATA, NULL, 0, XLS, NULL,
	 "add the flat Data sheet (month x category x region\n"
	 "x status), suppressed with the sheets (slow: minutes\n"
	 "for a fiscal year); always with --internal"},
	{"no-suppress", RQ(RQ_NO_SUPPRESS), NULL, RQ_NO_SUPPRESS, REQ | DASH, NULL,
	 "no suppression (as --min-cell 1): for internal use,\n"
	 "the output says NOT FOR PUBLICATION"},
	{"out", CLI_O_OUT, "DIR", 0, DASH, NULL,
	 "the dashboard folder (created or replaced as a whole)"},
	{"output", 'o', "FILE", 0, REP, NULL,
	 "write to FILE instead of stdout (built beside it\n"
	 "and renamed in at the end; never the database)"},
	{"output", 'o', "FILE", 0, XLS, NULL,
	 "the workbook to write (required; built beside it\n"
	 "and renamed in at the end: never half a workbook)"},
	{"output", 'o', "FILE", 0, CHT, NULL,
	 "write the chart to FILE (built beside it and\n"
	 "renamed in at the end: never half a chart)"},
	{"param", 'p', "N=V", RQ_PARAM, REQ, NULL,
	 "set the report parameter N (see --list -v)"},
	{"quarter", RQ(RQ_QUARTER), "YYYY-Qn", RQ_QUARTER, REQ, NULL,
	 "a calendar quarter"},
	{"region", RQ(RQ_REGION), "ID", RQ_REGION, REQ, NULL,
	 "only contacts in this region (and its parts)"},
	{"reports", CLI_O_REPORTS, "LIST", 0, XLS, NULL,
	 "these reports (ID,ID...), in this order (default:\n"
	 "every installed report that suppresses small cells,\n"
	 "with --internal every report)"},
	{"rolling", CLI_O_ROLLING, "N", 0, CHT, NULL,
	 "line charts over months: add each series' N-month\n"
	 "rolling mean, dashed (12: a year; none where a\n"
	 "month of the N is missing or withheld)"},
	{"scale", CLI_O_SCALE, "S", 0, CHT, NULL,
	 "PNG pixels per unit, 0.5-4 (2 for HiDPI; default 1)"},
	{"series", CLI_O_SERIES, "COL", 0, CHT, NULL,
	 "split the y column into one series (or panel) per\n"
	 "value of COL ('none': no split)"},
	{"type", CLI_O_TYPE, "T", 0, CHT, NULL,
	 "line, bar, grouped_bar, stacked_bar, hbar or\n"
	 "multiples (one panel per series value)"},
	{"width", CLI_O_WIDTH, "W", 0, CHT, NULL,
	 "width in pixels (PNG) or points, 200-8000\n"
	 "(default 800)"},
	{"x", CLI_O_X, "COL", 0, CHT, NULL,
	 "the category or month column"},
	{"y", CLI_O_Y, "COLS", 0, CHT, NULL,
	 "the value column(s), comma-separated"},
	{"year", RQ(RQ_YEAR), "YYYY", RQ_YEAR, REQ, NULL,
	 "a calendar year"},
	{"verbose", 'v', NULL, 0, REP, NULL,
	 "with --list: also descriptions and parameters"},
	{"wait", CLI_O_WAIT, NULL, 0, DASH, NULL,
	 "when another run is building DIR, wait for it\n"
	 "instead of exiting 75"},
	{"help", 'h', NULL, 0, CLI_T_STD, NULL,
	 "show this help"},
	{"version", 'V', NULL, 0, CLI_T_STD, NULL,
	 "show the version"},
	{NULL, 0, NULL, 0, 0, NULL, NULL},
};

void cli_opts_build(struct cli_optset *set, unsigned mask)
{
	const struct cli_opt *e;
	size_t n = 0, k = 0;

	memset(set, 0, sizeof *set);
	for (e = cli_opt_table; e->name && n < CLI_OPTSET_MAX; e++) {
		if (!(e->tools & mask))
			continue;
		set->longs[n].name = e->name;
		set->longs[n].has_arg = e->arg ? required_argument
				       : no_argument;
		set->longs[n].flag = NULL;
		set->longs[n++].val = e->val;
		if (e->val > 0 && e->val < 128) {
			set->shorts[k++] = (char)e->val;
			if (e->arg)
				set->shorts[k++] = ':';
		}
	}
}

int cli_opts_request(int c)
{
	const struct cli_opt *e;

	for (e = cli_opt_table; e->name; e++)
		if (e->val == c)
			return e->rq;
	return 0;
}

int cli_opts_next(const struct cli_optset *set, int argc, char **argv,
		  struct report_request *rq, const char *synopsis, int *rq_id)
{
	struct nserr err;
	int c = getopt_long(argc, argv, set->shorts, set->longs, NULL), id;

	if (c == -1 || (id = cli_opts_request(c)) == 0)
		return c;
	nserr_init(&err);
	if (report_request_option(rq, id, optarg, &err)) {
		cli_usage_error(synopsis, "%s", err.msg);
		return CLI_OPTS_FAIL;
	}
	if (rq_id)
		*rq_id = id;
	return 0;
}

void cli_opts_help(unsigned mask, FILE *out)
{
	const struct cli_opt *e;
	char label[64];
	const char *s, *nl;

	for (e = cli_opt_table; e->name; e++) {
		if (!(e->tools & mask) || (e->label && !e->label[0]))
			continue;
		if (e->label)
			snprintf(label, sizeof label, "%s", e->label);
		else if (e->val > 0 && e->val < 128)
			snprintf(label, sizeof label, "-%c, --%s%s%s", e->val,
				 e->name, e->arg ? " " : "", e->arg ? e->arg
				 : "");
		else
			snprintf(label, sizeof label, "--%s%s%s", e->name,
				 e->arg ? " " : "", e->arg ? e->arg : "");
		fprintf(out, "  %-18s", label);
		for (s = e->help; s; s = nl ? nl + 1 : NULL) {
			nl = strchr(s, '\n');
			fprintf(out, "%s%.*s\n", s == e->help ? "  " : "                      ",
				nl ? (int)(nl - s) : (int)strlen(s), s);
		}
	}
}
