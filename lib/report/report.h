/*
 * report: the report engine.  A report is one SQL file whose leading
 * comment block is its metadata (id, English and French titles and column
 * labels, parameters, statistics, suppression, chart: the format is in
 * needstat-report(1), "Adding a report").  The engine loads it, binds the
 * period, the filters and the parameters (sqlite3_bind_*, never pasted
 * into the SQL), runs it, adds totals, statistics (Wilson intervals,
 * populations and Garwood rates, year-over-year rate ratios), applies
 * small-cell suppression and writes the notes, producing one struct table
 * (table.h) that any renderer can write.
 *
 * Files: report_meta.c (metadata parser), report.c (loading, listing,
 * binding, running), report_stats.c (totals and statistics),
 * report_supp.c (suppression), report_notes.c (notes).
 */
#ifndef NEEDSTAT_REPORT_H
#define NEEDSTAT_REPORT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "core/nserr.h"
#include "core/period.h"
#include "core/table.h"

#define REPORT_MAX_COLS 64
#define REPORT_MAX_PARAMS 16
#define REPORT_MAX_STATS 24
#define REPORT_MAX_NOTES 16
#define REPORT_MAX_SUPPRESS 32
#define REPORT_MAX_SUMS 8
#define REPORT_MAX_SUM_TERMS 16
#define REPORT_MAX_GROUPS 8
#define REPORT_MAX_DERIVED 8
#define REPORT_MAX_DERIVED_FROM 4
#define REPORT_ID_MAX 63

enum report_ptype {
	RP_INT = 0,
	RP_REAL,
	RP_TEXT
};

/* A declared parameter: bound as :name; default NULL binds SQL NULL.
 * values_sql lists the accepted values (each comma-separated element
 * when list is 1); default_sql gives the default from the data (its
 * first row; NULL or no row: def). */
struct report_param {
	const char *name;
	enum report_ptype type;
	const char *def;
	const char *about[NS_NLANG];
	const char *values_sql;
	const char *default_sql;
	int list;
};

/* An output column, in output order (interval bounds of a statistic are
 * added after its column unless declared). */
struct report_colspec {
	const char *name;
	enum col_type type;
	unsigned flags;             /* COLF_* */
	int decimals;               /* -1: the table's default */
	const char *label[NS_NLANG];
	const char *meaning[NS_NLANG];  /* glossary: what the column counts */
	int line;                   /* metadata line (0: added by the engine) */
};

enum report_stat_kind {
	RS_POPULATION = 0,          /* out = population of region column a */
	RS_WILSON,                  /* out = a / b, Wilson interval */
	RS_RATE,                    /* out = a per 10,000 of population b */
	RS_YOY                      /* out = a / b - 1, rate-ratio interval */
};

struct report_stat {
	enum report_stat_kind kind;
	const char *out, *a, *b;
	const char *flag;           /* RS_YOY: text column "yes"/"no" or NULL */
	int ci;                     /* 1: add the interval bounds */
	int line;
};

struct report_note {
	const char *text[NS_NLANG];
};

/* A glossary line: what column `col` counts (attached to the column's
 * meaning once the metadata is read). */
struct report_gloss {
	const char *col;
	const char *text[NS_NLANG];
	int line;
};

struct report_sum {
	const char *total;
	const char *terms[REPORT_MAX_SUM_TERMS];
	size_t nterms;
	int line;
};

/* 'group: COUNT by KEY = TOTAL': the rows with the same value of text
 * column KEY have counts COUNT that add up to TOTAL, one count of the
 * whole table that the query returns without showing it (statistics
 * built on it reveal it). */
struct report_group {
	const char *count, *key, *total;
	int line;
};

/* 'derived: OUT from A B...': a column the query computes from the
 * counts A, B... (hidden when one of them is). */
struct report_derived {
	const char *out;
	const char *from[REPORT_MAX_DERIVED_FROM];
	size_t nfrom;
	int line;
};

/*
 * A loaded report.  Every field is read-only for callers; strings live
 * in the report's own memory until report_release().
 */
struct report {
	const char *path;           /* file it was read from */
	const char *id;
	int order;                  /* position in --list (default 1000) */
	const char *title[NS_NLANG];
	const char *about[NS_NLANG];
	const char *sql;            /* the whole file (one statement) */
	const char *note_sql;       /* NULL, or a query giving (en, fr) notes */
	struct report_param params[REPORT_MAX_PARAMS];
	size_t nparams;
	struct report_colspec cols[REPORT_MAX_COLS];
	size_t ncols;
	struct report_stat stats[REPORT_MAX_STATS];
	size_t nstats;
	struct report_note notes[REPORT_MAX_NOTES];
	size_t nnotes;
	const char *matrix[2];      /* row and column dimensions, or NULLs */
	const char *total[2][NS_NLANG];  /* labels of the dimensions' totals */
	const char *suppress[REPORT_MAX_SUPPRESS];
	size_t nsuppress;
	struct report_sum sums[REPORT_MAX_SUMS];
	size_t nsums;
	struct report_group groups[REPORT_MAX_GROUPS];
	size_t ngroups;
	struct report_derived derived[REPORT_MAX_DERIVED];
	size_t nderived;
	struct report_gloss gloss[REPORT_MAX_COLS];
	size_t ngloss;
	enum chart_type chart;      /* CHART_NONE when none */
	const char *chart_x, *chart_series;
	const char *chart_y[TABLE_CHART_MAX_Y];
	size_t chart_ny;
	void *mem;                  /* private */
};

/* report_init: an empty report (allocates nothing). */
void report_init(struct report *r);

/* report_release: free what r holds; r is as after report_init(). */
void report_release(struct report *r);

/*
 * report_parse: parse a report from text (the whole .sql file); path
 * names it in messages.  r must be initialised and empty.  Returns 0, or
 * NS_ECONFIG with "PATH:LINE: what is wrong" (r is then released), or
 * NS_ENOMEM.
 */
int report_parse(struct report *r, const char *path, const char *text,
		 struct nserr *err);

/* report_load: read path and report_parse() it; NS_ENOINPUT when the
 * file cannot be read. */
int report_load(struct report *r, const char *path, struct nserr *err);

/*
 * report_list: load every DIR/NAME.sql, sorted by order then id, into a new
 * array *list of *n reports (caller frees with report_list_free).
 * Returns 0; NS_ENOINPUT when dir cannot be read; NS_ECONFIG when a file
 * does not parse or two files share an id: *list then still holds the
 * good reports and err names the first bad file.
 */
int report_list(const char *dir, struct report **list, size_t *n,
		struct nserr *err);

/* report_list_free: release and free a list from report_list(). */
void report_list_free(struct report *list, size_t n);

/*
 * report_find: load the installed report `id` (the file DIR/ID.sql)
 * into r.  An id that is not [a-z0-9_]+ or has no file is NS_EUSAGE,
 * "unknown report 'x' (valid: a, b, ...)".  Other errors as report_load.
 */
int report_find(const char *dir, const char *id, struct report *r,
		struct nserr *err);

/* report_uses: 1 when the query of r names the built-in parameter
 * `name` (":region", ":category"; comments and quoted text do not
 * count), else 0. */
int report_uses(const struct report *r, const char *name);

/*
 * report_describe: write r's own help to out, in lang (NS_EN or NS_FR):
 * id and title, description, the filters and -p parameters it accepts,
 * and its glossary (every column's label and what it counts).  Returns
 * 0, or NS_EIO when out has a write error.
 */
int report_describe(const struct report *r, int lang, FILE *out);

struct suppress_set;

/* What to run a report for. */
struct report_opts {
	struct period period;       /* open ends: from the data */
	int fy_start;               /* fiscal start month, for labels */
	const char *region;         /* region id or NULL (all) */
	const char *category;       /* category id or NULL (all) */
	int min_cell;               /* suppression threshold N (>= 1) */
	const char *const *pnames;  /* -p NAME=VALUE: names ... */
	const char *const *pvalues; /* ... and values */
	size_t nparams;
	const char *generated_at;   /* ISO 8601 UTC, NULL: now */
	struct table *audit;        /* NULL, or gets the interval of every
				     * suppressed cell (report_supp.c) */
	struct suppress_set *joint; /* NULL: the table is suppressed alone;
				     * else the set of a request of several
				     * tables, threshold min_cell: the run
				     * adds its cells and lines to it ... */
	int joint_apply;            /* ... or, 1: the set is protected, the
				     * run takes its cells' states from it
				     * (report_supp.c, report_set.c) */
};

/* report_opts_init: open period, fiscal start April, no filters,
 * min_cell 5, no parameters. */
void report_opts_init(struct report_opts *o);

/*
 * report_check_filters: the region and category of o exist.  Returns 0,
 * or NS_EUSAGE "unknown region 'x' (valid: ...)", or a database status.
 */
int report_check_filters(sqlite3 *db, const struct report_opts *o,
			 struct nserr *err);

/*
 * report_run: run r on db for o into t (initialised by the caller, empty;
 * the caller releases it).  A period without data gives a table with its
 * columns, no rows and a note.  Returns 0; NS_EUSAGE for an unknown or
 * bad -p parameter; NS_ECONFIG for a report that does not fit its
 * metadata or the schema ("PATH: ..."); NS_EBUSY, NS_EIO, NS_ENOMEM,
 * NS_EINTERNAL.
 */
int report_run(sqlite3 *db, const struct report *r,
	       const struct report_opts *o, struct table *t,
	       struct nserr *err);

/*
 * report_chart_override: replace parts of t's chart spec (the report's
 * default chart, from its `-- chart:` line) by names: type ("line",
 * "bar", "grouped_bar", "stacked_bar", "hbar", "multiples"), x column,
 * ys (comma-separated y columns), series column ("none" removes it);
 * NULL keeps that part.  Returns 0, or NS_EUSAGE naming the columns of t
 * when a name is not one of them or the spec is incomplete (t unchanged).
 */
int report_chart_override(struct table *t, const char *type, const char *x,
			  const char *ys, const char *series,
			  struct nserr *err);

#endif
