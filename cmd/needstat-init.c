/*
 * needstat-init: create or migrate a needstat database and load the bundled
 * reference data (categories, regions, populations, default category map).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "classify/refdata.h"

static const char synopsis[] = "needstat-init [--db FILE] [-q]";

static int help(void)
{
	printf("usage: %s\n\n"
"Create the needstat database FILE, or migrate an existing one to this\n"
"version's schema, and load the bundled reference data: the 17 AIRS need\n"
"categories (English and French), provinces, territories and US states,\n"
"2021 Census populations, and the default category map (only if no map is\n"
"loaded yet).  Running it again changes nothing.\n\n"
"Options:\n"
"  --db FILE      database (default $NEEDSTAT_DB, else needstat.db)\n"
"  -q, --quiet    print nothing on success\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n\n"
"Exit status: 0 ok, 64 usage, 65 FILE exists and is not a database, 70\n"
"internal error, 73 cannot create the database, 74 I/O error, 75\n"
"database busy, 78 data directory missing.\n",
	       synopsis);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_OPT_DB,
		{"help", no_argument, NULL, 'h'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *path = db_path_default(), *datadir;
	struct nserr err;
	sqlite3 *db = NULL;
	int c, quiet = 0, applied = 0, rc;
	long long version = 0;

	cli_set_prog("needstat-init");
	nserr_init(&err);
	while ((c = getopt_long(argc, argv, "hqV", opts, NULL)) != -1) {
		switch (c) {
		case CLI_O_DB: path = optarg; break;
		case 'h': return cli_finish(help());
		case 'q': quiet = 1; break;
		case 'V': return cli_finish(cli_version());
		default: return cli_usage_error(synopsis, NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error(synopsis, "unexpected argument '%s'",
				       argv[optind]);
	if ((rc = datadir_get(&datadir, &err)) != 0 ||
	    (rc = db_open(path, 1, NULL, &db, &err)) != 0 ||
	    (rc = db_migrate(db, datadir, &applied, &err)) != 0)
		goto out;
	if ((rc = db_begin(db, &err)) != 0)
		goto out;
	if ((rc = refdata_load_bundled(db, datadir, &err)) != 0) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db, &err)) != 0 ||
	    (rc = db_int(db, "SELECT max(version) FROM schema_version", 0,
			 &version, &err)) != 0)
		goto out;
	if (quiet)
		;
	else if (applied)
		printf("%s: applied %d migration(s); database ready (schema "
		       "version %lld)\n", path, applied, version);
	else
		printf("%s: schema up to date (version %lld); nothing to do\n",
		       path, version);
out:
	sqlite3_close(db);
	if (rc)
		return cli_fail(&err);
	return cli_finish(0);
}
