/*
 * dash_int: what the files of the dashboard module share (not exported
 * beyond lib/publish).
 */
#ifndef NEEDSTAT_DASH_INT_H
#define NEEDSTAT_DASH_INT_H

#include "dashboard.h"

/* dash_notes: the page notes (period, source, categories, coverage from
 * the status report src; the suppression rule of d) on the headline
 * table.  Returns 0 or NS_ENOMEM. */
int dash_notes(struct dashboard *d, const struct table *src,
	       struct nserr *err);

/* dash_suppress: suppress the counts of all tables of d as one set
 * (dashboard.h); nothing with min_cell 1.  Returns 0, NS_EINTERNAL when
 * a small count stays exposed, NS_ENOMEM. */
int dash_suppress(struct dashboard *d, struct nserr *err);

/* dash_top: the top unmet needs from the suppressed status table (only
 * shown counts are ranked).  Returns 0 or NS_ENOMEM. */
int dash_top(struct dashboard *d, struct nserr *err);

#endif
