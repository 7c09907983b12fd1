/*
 * datadir: where the tools find their data (sql/, reports/, data/,
 * profiles/): $NEEDSTAT_DATADIR, else ../share/needstat relative to the
 * running executable, which holds both in the build tree and in any install
 * prefix.
 */
#ifndef NEEDSTAT_DATADIR_H
#define NEEDSTAT_DATADIR_H

#include <stddef.h>

#include "nserr.h"

/*
 * datadir_get: the data directory (static storage, computed once).
 * Returns 0, or NS_ECONFIG when it cannot be found (message says how to set
 * NEEDSTAT_DATADIR); *dir is set on success.
 */
int datadir_get(const char **dir, struct nserr *err);

/*
 * datadir_path: "<datadir>/<rel>" into buf.  Returns 0, NS_ECONFIG as
 * datadir_get, or NS_EUSAGE when buf is too small.
 */
int datadir_path(const char *rel, char *buf, size_t size, struct nserr *err);

#endif
