/*
 * needstat-taxonomy: taxonomy codes and category maps: classify codes as the
 * ingest would, load and show maps (see refdata.h), load term names, list
 * what the map leaves in 'other', and reclassify stored needs (see
 * reclassify.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "classify/classify.h"
#include "cli.h"
#include "core/datadir.h"
#include "core/db.h"
#include "classify/reclassify.h"
#include "classify/refdata.h"

static const char synopsis[] = "needstat-taxonomy [--db FILE] classify "
	"CODE... | map load FILE [--categories FILE] | map show [--map-version N] "
	"| terms load FILE | unmapped | reclassify";

static int help(void)
{
	printf("usage: %s\n\n"
"Taxonomy codes and category maps.\n\n"
"  classify CODE...   how the ingest reads and classifies each code: CSV\n"
"                     code,level,service,targets,category,name_en,prefix,\n"
"                     map_version (prefix: the longest map prefix that\n"
"                     matched, empty when none: category 'other')\n"
"  map load FILE      load a category map (prefix,category) as a new map\n"
"                     version; --categories FILE (id,name_en,name_fr,sort)\n"
"                     loads a centre's own categories first, in the same\n"
"                     transaction.  Stored needs keep their category until\n"
"                     'reclassify'\n"
"  map show           the map in force (or --map-version N) as\n"
"                     prefix,category\n"
"  terms load FILE    licensed term names (code,name_en,name_fr)\n"
"  unmapped           codes of stored needs in category 'other',\n"
"                     'unclassified' or 'target_only', with their need\n"
"                     counts, most frequent first\n"
"  reclassify         apply the map in force to every stored need with a\n"
"                     code and rebuild the need aggregates (one transaction)\n\n"
"A bad file is reported as FILE:LINE and nothing of it is loaded.\n\n"
"Options:\n"
"  --db FILE      database (default $NEEDSTAT_DB, else needstat.db)\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n\n"
"Exit status: 0 ok, 64 usage, 65 bad data (an invalid code, a bad file),\n"
"66 cannot open input, 70 internal error, 74 I/O error, 75 database busy\n"
"(try again later), 78 database not initialised.\n", synopsis);
	return 0;
}

enum { O_CATEGORIES = 256, O_MAPVERSION };

struct run {
	const char *dbpath;
	const char *categories;
	long version;
	sqlite3 *db;
	struct nserr err;
};

static int open_db(struct run *r)
{
	const char *datadir;

	if (datadir_get(&datadir, &r->err) != 0)
		return r->err.code;
	return db_open(r->dbpath, 0, datadir, &r->db, &r->err);
}

static int do_classify(struct run *r, int argc, char **argv)
{
	struct classify cl;
	int i, bad = 0, rc = classify_load(&cl, r->db, &r->err);

	if (rc) {
		classify_release(&cl);
		return rc;
	}
	puts("code,level,service,targets,category,name_en,prefix,map_version");
	for (i = 0; i < argc; i++) {
		struct classify_info ci;
		const char *why = "";
		char lv[8], mv[24], pre[TAXCODE_MAX];
		const char *row[8];

		if (classify_explain(&cl, argv[i], strlen(argv[i]), &ci, &why)) {
			cli_warn(strncmp(why, "is ", 3) == 0 ? "'%s' %s" :
				 "'%s' is not a taxonomy code (%s)", argv[i], why);
			bad = 1;
			continue;
		}
		snprintf(lv, sizeof lv, "%d", ci.code.level);
		snprintf(mv, sizeof mv, "%ld", cl.map_version);
		snprintf(pre, sizeof pre, "%.*s", (int)ci.prefix_len,
			 ci.code.service);
		row[0] = ci.text; row[1] = lv; row[2] = ci.code.service;
		row[3] = ci.code.targets; row[4] = cl.cats[ci.category];
		row[5] = cl.cat_en[ci.category]; row[6] = pre; row[7] = mv;
		cli_print_csv_row(NULL, 8, row);
	}
	classify_release(&cl);
	return bad ? nserr_set(&r->err, NS_EDATA, "%s", "") : 0;
}

static int do_map_load(struct run *r, int argc, char **argv)
{
	struct refdata_result res;
	long ncats = 0;
	int rc = refdata_load_map(r->db, argv[0], r->categories, &res, &ncats,
				  &r->err);

	(void)argc;
	if (rc)
		return rc;
	if (r->categories)
		printf("categories: %ld rows from '%s'\n", ncats, r->categories);
	printf("map version %ld: %ld prefixes from '%s'; stored needs keep "
	       "their category until 'needstat-taxonomy reclassify'\n",
	       res.map_version, res.rows, argv[0]);
	return 0;
}

static int do_map_show(struct run *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	return refdata_list_map(r->db, r->version, cli_print_csv_row, NULL, NULL,
				&r->err);
}

static int do_terms_load(struct run *r, int argc, char **argv)
{
	struct refdata_result res;
	int rc = refdata_load(r->db, REF_TERMS, argv[0], &res, &r->err);

	(void)argc;
	if (!rc)
		printf("terms: %ld rows from '%s'\n", res.rows, argv[0]);
	return rc;
}

static int do_unmapped(struct run *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	return reclassify_unmapped(r->db, cli_print_csv_row, NULL, &r->err);
}

static int do_reclassify(struct run *r, int argc, char **argv)
{
	struct reclassify_stats st;
	int rc = reclassify_needs(r->db, &st, &r->err);

	(void)argc, (void)argv;
	if (!rc)
		printf("map version %ld applied to %ld needs: %ld changed "
		       "category\n", st.map_version, st.needs, st.changed);
	return rc;
}

/* The subcommands: one or two words, then min..max operands. */
static const struct sub {
	const char *word1, *word2;
	int min, max;
	int (*fn)(struct run *r, int argc, char **argv);
} subs[] = {
	{"classify", NULL, 1, 1 << 30, do_classify},
	{"map", "load", 1, 1, do_map_load},
	{"map", "show", 0, 0, do_map_show},
	{"terms", "load", 1, 1, do_terms_load},
	{"unmapped", NULL, 0, 0, do_unmapped},
	{"reclassify", NULL, 0, 0, do_reclassify},
};

/* The subcommand argv[0..argc) names, with its operand count checked. */
static const struct sub *find_sub(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		const struct sub *s = &subs[i];
		int words = s->word2 ? 2 : 1;
		if (strcmp(argv[0], s->word1) != 0 || (s->word2 && (argc < 2 ||
		    strcmp(argv[1], s->word2) != 0)))
			continue;
		if (argc - words < s->min || argc - words > s->max)
			return NULL;
		return s;
	}
	return NULL;
}

/* An option after the subcommand (getopt value c). */
static int sub_option(int c, const char *arg, void *ctx)
{
	struct run *r = ctx;

	switch (c) {
	case O_CATEGORIES:
		r->categories = arg;
		return 0;
	case O_MAPVERSION:
		return cli_parse_long("--map-version", arg, 1, 1000000000L,
				      &r->version);
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option sub_opts[] = {
		{"categories", required_argument, NULL, O_CATEGORIES},
		{"map-version", required_argument, NULL, O_MAPVERSION},
		{NULL, 0, NULL, 0},
	};
	const struct sub *sub;
	struct run r;
	int words, rc;

	cli_set_prog("needstat-taxonomy");
	memset(&r, 0, sizeof r);
	nserr_init(&r.err);
	r.dbpath = db_path_default();
	if ((rc = cli_subcommand_args(&argc, &argv, synopsis, help, &r.dbpath,
				      sub_opts, sub_option, &r)) >= 0)
		return rc;
	if (!(sub = find_sub(argc, argv)))
		return cli_usage_error(synopsis, "'%s': unknown subcommand or "
				       "wrong number of operands", argv[0]);
	if (r.categories && sub->fn != do_map_load)
		return cli_usage_error(synopsis, "--categories goes with 'map "
				       "load'");
	if (r.version && sub->fn != do_map_show)
		return cli_usage_error(synopsis, "--map-version N goes with 'map "
				       "show'");
	words = sub->word2 ? 2 : 1;
	if ((rc = open_db(&r)) == 0)
		rc = sub->fn(&r, argc - words, argv + words);
	sqlite3_close(r.db);
	return cli_subcommand_exit(rc, &r.err, synopsis);
}
