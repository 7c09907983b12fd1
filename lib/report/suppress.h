/*
 * suppress: small-cell suppression that arithmetic cannot undo, over a SET
 * of published tables (one request: a report, later a workbook or a
 * dashboard of several), audited with a linear program (GLPK).
 *
 * Model.  A "cell" is one published count, named by a key (the values of
 * its row's dimensions and its column, e.g. "Alberta, Housing, waitlist").
 * The same key added twice (from two tables of one request) is the same
 * cell, so it gets one treatment everywhere.  A "line" is a published
 * additive equation: total = member + member + ... (a row and its "All"
 * total, a column and its total, unmet = sum of its reasons).
 *
 * The rule (N = min_count):
 * - primary: every count 0..N-1 is hidden and shown "<N", zeros included,
 *   so "<N" means exactly "0 to N-1" and a published zero never exists;
 * - complementary: further counts (all >= N, since every smaller count is
 *   already "<N") are hidden and shown "x", so "x" means "N or more";
 * - safe: for every "<N" cell, the smallest and the largest value it can
 *   take in the linear relaxation of what is published (every shown value,
 *   every line, 0 <= "<N" <= N-1, "x" >= N) are 0 and N-1: a reader who
 *   combines all lines of all tables learns nothing beyond the marker.
 *
 * suppress_protect() marks the primary cells, hides a second member of
 * every line that would otherwise have a single hidden member, and applies
 * the one-line rule (suppress_slack.c: a "<N" cell that its line alone
 * keeps from reaching 0 or N-1 gets the cheapest shown cell of the line
 * that gives the room missing) until nothing changes: cheap, and usually
 * enough.  Then it repairs with the audit: while a "<N" cell is exposed, a
 * linear program (suppress_plan.c) names the cheapest shown cells whose
 * hiding lets it reach its bound (inner cells before totals), they are
 * hidden, and the exposed cells are audited again; when the program names
 * none, the cheapest visible cell of the nearest line that binds the cell
 * is hidden instead.  The final audit is the safety net: if a cell is
 * still exposed it returns NS_EINTERNAL naming it, and nothing may be
 * published.  Everything is deterministic (order of addition).
 *
 * Shares, rates and intervals computed from a hidden count are the
 * caller's to hide (report_supp.c does it).
 */
#ifndef NEEDSTAT_SUPPRESS_H
#define NEEDSTAT_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/nserr.h"
#include "core/strmap.h"

#define SUPPRESS_DEFAULT_MIN 5

/* The state of a cell. */
enum suppress_state {
	SUPPRESS_SHOWN = 0,       /* publish the value */
	SUPPRESS_PRIMARY = 1,     /* 0..N-1: show "<N" */
	SUPPRESS_COMPLEMENT = 2,  /* hidden to protect a primary cell: "x" */
	SUPPRESS_ABSENT = 3       /* no value (not recorded, no data): never
				   * hidden, adds nothing to its lines */
};

/* Whether a state hides a count ("<N" or "x"). */
#define SUPPRESS_HIDDEN(st) \
	((st) == SUPPRESS_PRIMARY || (st) == SUPPRESS_COMPLEMENT)

/* suppress_cell flags. */
#define SUPPRESS_CELL_TOTAL 1u   /* a total: hidden after inner cells */
#define SUPPRESS_CELL_ABSENT 2u  /* a value the data cannot give */

/* The set: caller-owned struct, contents owned by the module. */
struct suppress_set {
	int64_t min_count;        /* N >= 2 */
	size_t n, cap;            /* cells */
	int64_t *value;
	unsigned char *state;     /* enum suppress_state */
	unsigned char *total;     /* SUPPRESS_CELL_* flags of the cell */
	const char **key;         /* keys (in keys' arena) */
	const char **table;       /* table of the cell's first appearance */
	struct strmap keys;       /* key -> cell index */
	size_t nl, cap_l;         /* lines */
	size_t *l_start, *l_len, *l_total;
	size_t nm, cap_m;
	size_t *members;          /* members of all lines, back to back */
};

/* One audited hidden cell (suppress_audit). */
struct suppress_interval {
	size_t cell;              /* index in the set */
	double lo, hi;            /* feasible interval (hi: HUGE_VAL if open) */
	int exposed;              /* a "<N" cell whose interval is not [0,N-1] */
};

/*
 * suppress_init: an empty set for threshold min_count (>= 2).
 * Returns 0, NS_EUSAGE for min_count < 2, or NS_ENOMEM.  Release with
 * suppress_release() in every case.
 */
int suppress_init(struct suppress_set *s, int64_t min_count,
		  struct nserr *err);

/* suppress_release: free the contents of s (s may be reused after init). */
void suppress_release(struct suppress_set *s);

/*
 * suppress_cell: add the cell `key` of table `table` with count value (>= 0)
 * and its flags: SUPPRESS_CELL_TOTAL for a total, SUPPRESS_CELL_ABSENT for
 * a cell the table shows as having no value ("not recorded", "no data":
 * value 0, state SUPPRESS_ABSENT, known to add nothing to its lines).  A key already in the set with the same value
 * is the same cell (its index is returned); with another value, the two
 * are different counts under one name: the new one gets the key
 * "key #2" (then "#3" ...).  table must outlive s.
 * Returns the cell's index (>= 0), or a negative status: NS_EDATA for a
 * negative count, NS_ENOMEM.
 */
long suppress_cell(struct suppress_set *s, const char *table, const char *key,
		   int64_t value, unsigned flags, struct nserr *err);

/*
 * suppress_line: add the equation cell `total` = sum of the n cells
 * members[] (indexes from suppress_cell).  Returns 0, NS_EUSAGE for a bad
 * index, NS_EDATA when the values do not add up (the caller's model is
 * wrong: not an additive equation), NS_ENOMEM.
 */
int suppress_line(struct suppress_set *s, size_t total, const size_t *members,
		  size_t n, struct nserr *err);

/*
 * suppress_protect: compute the states of all cells (rule above), then
 * audit.  Returns 0 when every "<N" cell is safe; NS_EINTERNAL "table 'T':
 * cell (KEY) is exposed: ..." when the repair could not protect a cell
 * (nothing may be published); NS_ENOMEM.
 */
int suppress_protect(struct suppress_set *s, struct nserr *err);

/* suppress_audit flags. */
#define SUPPRESS_AUDIT_X 1u      /* audit the "x" cells too */
#define SUPPRESS_AUDIT_QUICK 2u  /* exposed "<N" cells: no exact interval */

/*
 * suppress_audit: the feasible interval of every "<N" cell of s given its
 * current states, and with SUPPRESS_AUDIT_X of every "x" cell too (linear
 * programs, GLPK).  A reader is assumed to know every shown value, every
 * line, 0 <= "<N" <= N-1 and "x" >= N.  only: NULL, or a flag per cell:
 * audit only those (hiding more cells only widens intervals, so a repair
 * re-audits only the cells found exposed).  *out gets a malloc'ed array
 * of *nout intervals in cell order (caller frees, also on error);
 * *exposed (may be NULL) the number of exposed "<N" cells (interval not
 * [0, N-1]; with SUPPRESS_AUDIT_QUICK a bound not reached is NAN instead
 * of computed).  An "x" cell's upper bound is HUGE_VAL when unbounded; it
 * is never exposed.  Returns 0, NS_ENOMEM, or NS_EINTERNAL when the
 * solver fails.
 */
int suppress_audit(const struct suppress_set *s, unsigned flags,
		   const unsigned char *only, struct suppress_interval **out,
		   size_t *nout, size_t *exposed, struct nserr *err);

#endif
