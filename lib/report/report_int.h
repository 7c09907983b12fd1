/*
 * report_int: what the files of the report engine share (report.c,
 * report_meta.c, report_stats.c, report_supp.c, report_notes.c): the
 * report's string memory, the store of query rows and the run context.
 * Not for use outside the engine.
 */
#ifndef NEEDSTAT_REPORT_INT_H
#define NEEDSTAT_REPORT_INT_H

#include <stdint.h>

#include "report.h"

/* rmem_strndup: copy s[0..n) into r's memory (NUL-terminated); NULL when
 * out of memory.  Freed by report_release(). */
char *rmem_strndup(struct report *r, const char *s, size_t n);

/* rmem_failed: 1 when an allocation of r's memory failed. */
int rmem_failed(const struct report *r);

/* A metadata entry of a report file (report_block.c). */
struct report_entry {
	char *key, *val;            /* malloc'ed; val untrimmed */
	int line;
};

/* report_block_read: the entries of text's leading comment block into a
 * new array *es of *n (free with report_block_free).  Returns 0 or
 * NS_ENOMEM (then *es is NULL). */
int report_block_read(const char *text, struct report_entry **es, size_t *n);
void report_block_free(struct report_entry *es, size_t n);

/* report_check: check the metadata of a parsed report and add the
 * interval columns of its statistics (report_check.c).  Returns 0 or
 * NS_ECONFIG ("PATH:LINE: ...") or NS_ENOMEM. */
int report_check(struct report *r, struct nserr *err);

/* The built-in parameters every report may use (NULL-terminated). */
extern const char *const report_builtin_params[];

/* A value of the query result (SQLite's dynamic types). */
struct rval {
	int type;                   /* SQLITE_INTEGER, _FLOAT, _TEXT, _NULL */
	int64_t i;
	double r;
	char *s;                    /* TEXT: owned */
};

/* Dimension index of a row: a value index >= 0, or these. */
#define RDIM_TOTAL (-1)
#define RDIM_NONE (-2)

/* The rows of the query (and the totals the engine adds), before they
 * become table rows. */
struct rstore {
	size_t ncols;
	char **names;               /* the query's column names (owned) */
	size_t nrows, cap;
	struct rval *v;             /* nrows * ncols, row-major */
	int *dim[2];                /* per row: matrix row / column index */
	unsigned *rflags;           /* per row: ROW_TOTAL */
	size_t ndim[2];             /* number of distinct dimension values */
};

/* A named value source: a table column, or a query column not shown. */
struct rref {
	int tcol;                   /* table column or -1 */
	int scol;                   /* store column or -1 */
};

struct rctx {
	sqlite3 *db;
	const struct report *r;
	const struct report_opts *o;
	struct nserr *err;
	struct period per;          /* resolved (closed unless no data) */
	int has_data;               /* any aggregate row in the period */
	struct table *t;
	struct rstore rs;
	int scol[REPORT_MAX_COLS];  /* store column of each colspec or -1 */
	int scol_fr[REPORT_MAX_COLS];   /* store column NAME_fr or -1 */
	int total_scol;             /* store column "total_row" or -1 */
	int pop_year_lo, pop_year_hi;   /* population years used (0: none) */
	int pop_missing;            /* rows whose region has no population */
	char pop_source[160];
	int used[4];                /* RS_* kinds computed */
	const char *pval[REPORT_MAX_PARAMS];    /* resolved parameter values */
	char pbuf[REPORT_MAX_PARAMS][128];      /* defaults from the data */
	int yoy_from_zero;          /* changes not computed: 0 a year earlier */
	int64_t needs_all;          /* needs of the period (status reports) */
	int64_t needs_unrec;        /* of which status not recorded */
};

/* rstore_release: free the store's contents. */
void rstore_release(struct rstore *rs);

/* rstore_add_row: append a row of NULLs; returns its index or -1. */
long rstore_add_row(struct rstore *rs);

/* rstore_col: the store column named name, or -1. */
int rstore_col(const struct rstore *rs, const char *name);

/* rctx_ref: resolve a column name (table column first, then query
 * column); returns 0, or NS_ECONFIG naming the report and the column. */
int rctx_ref(const struct rctx *x, const char *name, struct rref *ref);

/* rctx_num: the number in ref for row; 1 when present, 0 when NULL or
 * not a number. */
int rctx_num(const struct rctx *x, const struct rref *ref, size_t row,
	     double *v);

/* rctx_text: the text in ref for row (English), or NULL. */
const char *rctx_text(const struct rctx *x, const struct rref *ref,
		      size_t row);

/* rtable_map: match the declared columns with the query's columns;
 * NS_ECONFIG for a declared column neither returned nor computed
 * (report_table.c). */
int rtable_map(struct rctx *x);

/* rtable_fill: the table's columns, then its rows from the store. */
int rtable_fill(struct rctx *x);

/* rtable_chart: the default chart of the report. */
int rtable_chart(struct rctx *x);

/* rstats_margins: add the matrix totals to the store (report_stats.c). */
int rstats_margins(struct rctx *x);

/* rstats_pop_member: 1 when row i counts in the population of total row
 * `row` (a member of a matrix total, or any row but a total of the
 * query for a query total without a region in reg). */
int rstats_pop_member(const struct rctx *x, const struct rref *reg,
		      size_t i, size_t row);

/* rstats_apply: compute the declared statistics into x->t. */
int rstats_apply(struct rctx *x);

/* rsupp_apply: small-cell suppression of x->t (report_supp.c). */
int rsupp_apply(struct rctx *x);

/* rnotes_add: the notes of x->t (report_notes.c). */
int rnotes_add(struct rctx *x);

/* rnote: add one note to x->t, the French text (may be NULL) with French
 * typography (report_lang.c).  0 or NS_ENOMEM (report_notes.c). */
int rnote(struct rctx *x, const char *en, const char *fr);

/* rparams_given: the value given with -p for parameter name, or NULL
 * (report_params.c). */
const char *rparams_given(const struct report_opts *o, const char *name);

/* rparams_resolve: the value of every declared parameter into x->pval
 * (-p, else its default.sql, else its default), each checked against
 * its type and values.sql: NS_EUSAGE naming the accepted values
 * (report_params.c). */
int rparams_resolve(struct rctx *x);

/* rfilters_check: --region and --category are used by the report's
 * query st, else NS_EUSAGE naming what the report accepts. */
int rfilters_check(const struct rctx *x, sqlite3_stmt *st);

/* rlang_fr: the French text fr with French typography into buf
 * (report_lang.c; typo_fr semantics). */
size_t rlang_fr(char *buf, size_t size, const char *fr);

/* rlang_source: a population source as recorded into its English and
 * French names (buffers of size bytes): "EN | FR" is split; otherwise
 * the French name is made from known agency and survey names
 * ("Statistics Canada, 2021 Census of Population" -> "Statistique
 * Canada, Recensement de la population de 2021"), the rest kept. */
void rlang_source(const char *src, char *en, char *fr, size_t size);

/* rlang_register: define the SQL function nf_int(value, lang) on db
 * (a count grouped for a sentence: "11,642", "11 642").  0 or
 * NS_ENOMEM. */
int rlang_register(sqlite3 *db);
/* rcover_months: the note on the months of x's period that no batch
 * covers (and the meta key "months_no_data"); none when all are covered
 * (report_cover.c).  Returns 0 or a database status. */
int rcover_months(struct rctx *x);

/* rcover_total_pop: for a report with a population and a rate whose
 * grand total row has a population, the note naming that population: the
 * regions whose populations it sums and those left out of the total's
 * rates for want of one, with their counts as the table shows them. */
int rcover_total_pop(struct rctx *x);

/* rcover_yoy: the note on the year-over-year changes not computed
 * because the month a year earlier counts 0 (x->yoy_from_zero). */
int rcover_yoy(struct rctx *x);

/* rcover_status_count: for a report whose query returns a column
 * 'recorded', count the needs of the period (with the filters) and those
 * whose status was not recorded into x->needs_all and x->needs_unrec
 * (both 0 otherwise).  Returns 0 or a database status. */
int rcover_status_count(struct rctx *x);

/* rcover_status: for a report whose query returns a column 'recorded'
 * (it depends on a need's met or unmet status), the note on the needs of
 * the period whose status was not recorded and the batches they come
 * from; none when every need has a status.  Returns 0 or a status. */
int rcover_status(struct rctx *x);

/* report_prepare: prepare sql (one read-only statement of the report,
 * `what` names it in messages) and bind its parameters (report_run.c). */
int report_prepare(const struct rctx *x, const char *sql, const char *what,
		   sqlite3_stmt **st);

/* report_bind: bind every parameter of stmt for x; NS_ECONFIG or
 * NS_EUSAGE (bad -p value) on failure (report.c). */
int report_bind(const struct rctx *x, sqlite3_stmt *stmt);

#endif
