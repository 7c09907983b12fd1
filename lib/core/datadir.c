/*
 * datadir: locate the installed data next to the executable.
 */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char found[PATH_MAX];

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int datadir_get(const char **dir, struct nserr *err)
{
	const char *env = getenv("NEEDSTAT_DATADIR");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (found[0]) {
		*dir = found;
		return 0;
	}
	if (env && *env) {
		if (!is_dir(env))
			return nserr_set(err, NS_ECONFIG, "NEEDSTAT_DATADIR "
					 "'%s' is not a directory", env);
		snprintf(found, sizeof found, "%s", env);
		*dir = found;
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return nserr_set(err, NS_ECONFIG, "cannot find the executable's "
				 "directory: set NEEDSTAT_DATADIR");
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	if (snprintf(found, sizeof found, "%s/../share/needstat", exe) >=
	    (int)sizeof found) {
		found[0] = '\0';
		return nserr_set(err, NS_ECONFIG, "the executable's directory "
				 "'%s' is too long: set NEEDSTAT_DATADIR", exe);
	}
	if (!is_dir(found)) {
		char tried[PATH_MAX];
		snprintf(tried, sizeof tried, "%s", found);
		found[0] = '\0';
		return nserr_set(err, NS_ECONFIG, "data directory '%s' not "
				 "found: set NEEDSTAT_DATADIR", tried);
	}
	*dir = found;
	return 0;
}

int datadir_path(const char *rel, char *buf, size_t size, struct nserr *err)
{
	const char *dir;
	int rc = datadir_get(&dir, err);

	if (rc)
		return rc;
	if ((size_t)snprintf(buf, size, "%s/%s", dir, rel) >= size)
		return nserr_set(err, NS_EUSAGE, "path too long: '%s/%s'", dir,
				 rel);
	return 0;
}
