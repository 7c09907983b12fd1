/*
 * suppress_table: the cells of struct tables in a suppress_set
 * (suppress.h), for an output that builds its set from the tables it
 * shows (a dashboard page, the Data sheet of a workbook): each count is
 * added from its table cell (its flags say whether it is a total or has
 * no value) and remembered, each sum the output shows becomes a line when
 * the shown values add up (a sum that does not hold is no equation a
 * reader has), and after suppress_protect() the states go back onto the
 * table cells as CELL_SUPPRESSED ("<N") and CELL_COMPLEMENTARY ("x").
 */
#ifndef NEEDSTAT_SUPPRESS_TABLE_H
#define NEEDSTAT_SUPPRESS_TABLE_H

#include <stddef.h>

#include "core/nserr.h"
#include "core/table.h"
#include "suppress.h"

/* One table cell of the set. */
struct suppress_ref {
	struct table *t;
	size_t row, col, cell;
};

/* The cells added from tables: caller-owned struct; set is borrowed. */
struct suppress_table {
	struct suppress_set *set;
	struct suppress_ref *refs;
	size_t n, cap;
};

/* suppress_table_init: no cells yet, into set (initialised by the caller,
 * who keeps it; it must outlive st).  Allocates nothing. */
void suppress_table_init(struct suppress_table *st, struct suppress_set *set);

/* suppress_table_release: free the references (not the set nor the
 * tables); st is as after init. */
void suppress_table_release(struct suppress_table *st);

/*
 * suppress_table_cell: the count in cell (row, col) of t as the set's cell
 * key (from table table_id(t); t must outlive the set): a total when the
 * row is ROW_TOTAL or flags has SUPPRESS_CELL_TOTAL, without value when
 * the cell is "not recorded" or "no data".  *idx gets the cell's index,
 * or -1 for a NULL count (nothing added).  Returns 0, NS_EDATA for a
 * negative count, NS_ENOMEM.
 */
int suppress_table_cell(struct suppress_table *st, struct table *t,
			size_t row, size_t col, const char *key,
			unsigned flags, long *idx, struct nserr *err);

/*
 * suppress_table_line: the line total = members[0..n) when every index
 * is a cell (>= 0) and the values add up; nothing otherwise.  Returns 0,
 * or an error of suppress_line (NS_ENOMEM).
 */
int suppress_table_line(struct suppress_table *st, long total,
			const long *members, size_t n, struct nserr *err);

/*
 * suppress_table_apply: after suppress_protect() on the set, mark every
 * hidden cell added with suppress_table_cell on its table (CELL_SUPPRESSED
 * for "<N", CELL_COMPLEMENTARY for "x"; the value is erased).  Returns 0
 * or NS_ENOMEM.
 */
int suppress_table_apply(struct suppress_table *st, struct nserr *err);

#endif
