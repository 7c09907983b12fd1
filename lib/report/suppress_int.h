/*
 * suppress_int: what the files of the suppression module share and no
 * caller needs (suppress.c, suppress_slack.c).
 */
#ifndef NEEDSTAT_SUPPRESS_INT_H
#define NEEDSTAT_SUPPRESS_INT_H
#include "suppress.h"

/*
 * suppress_cheaper: whether hiding cell a costs less than hiding cell b:
 * inner cells before totals, then the smaller value, then the first
 * added.
 */
int suppress_cheaper(const struct suppress_set *s, size_t a, size_t b);

/*
 * suppress_slack_line: the one-line rule (suppress_slack.c) on line i:
 * when a "<N" cell of the line cannot reach 0 or N-1 by this line alone,
 * hide the cheapest shown cell of the line that gives the room missing.
 * Returns 1 when it hid a cell (call again until every line returns 0),
 * else 0.
 */
int suppress_slack_line(struct suppress_set *s, size_t i);

/*
 * suppress_plan: for the exposed "<N" cells of iv[0..niv) (a quick
 * audit's result: lo NAN when 0 is not reached, else hi NAN when N-1 is
 * not), the shown cells to hide so that each reaches that bound
 * (suppress_plan.c): hide[cell] is set to 1 for each (hide has s->n
 * entries, zeroed by the caller), *nhide gets how many.  Returns 0,
 * NS_ENOMEM or NS_EINTERNAL when the solver fails.
 */
int suppress_plan(const struct suppress_set *s,
		  const struct suppress_interval *iv, size_t niv,
		  unsigned char *hide, size_t *nhide, struct nserr *err);
#endif
