/*
 * needstat-regions: where a postal code or ZIP belongs (as the ingest
 * decides), loading crosswalks, regions and populations (see refdata.h;
 * a crosswalk or regions load re-derives stored contacts, see
 * reclassify.h), and listing the regions.
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

static const char synopsis[] = "needstat-regions [--db FILE] resolve "
	"POSTAL... | load [--weight COL] crosswalk|regions|populations FILE | "
	"list [--level L]";

static int help(void)
{
	printf("usage: %s\n\n"
"Regions: provinces, territories, states and finer regions.\n\n"
"  resolve POSTAL...  where the ingest puts each postal code or ZIP: CSV\n"
"                     input,kind,key,province,region,chain (kind ca, us or\n"
"                     blank; key the FSA or 5-digit ZIP; chain the regions\n"
"                     from the finest to the country, with English names)\n"
"  load crosswalk FILE    key,region_id[,weight] (FSA or ZIP -> region);\n"
"                         adds or replaces keys.  A key on several rows\n"
"                         needs a weight on each (such as the share of\n"
"                         its addresses) and goes to its largest share\n"
"                         (ties: the smallest region id); the keys so\n"
"                         split are counted.  Without weights a repeated\n"
"                         key is an error listing FILE:LINE of each row\n"
"  load regions FILE      id,level,parent_id,name_en,name_fr\n"
"  load populations FILE  region_id,year,population[,source]\n"
"  list               regions (of --level L only) with their parent and\n"
"                     latest population and its year\n\n"
"Loading a crosswalk or regions file re-derives the region and province of\n"
"every stored contact from its stored postal key (FSA or ZIP) and rebuilds\n"
"the aggregates, in the same transaction.  A region given in the input's\n"
"'region' column is not stored apart, so such a load replaces it with the\n"
"region of the postal key.  A bad file is reported as FILE:LINE and\n"
"nothing of it is loaded.\n\n"
"Options:\n"
"  --db FILE      database (default $NEEDSTAT_DB, else needstat.db)\n"
"  --weight COL   with 'load crosswalk': the weight column is COL (such\n"
"                 as res_ratio or tot_ratio of a HUD-USPS file) instead\n"
"                 of 'weight'\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n\n"
"Exit status: 0 ok, 64 usage, 65 bad data (an invalid postal code, a bad\n"
"file), 66 cannot open input, 70 internal error, 74 I/O error, 75 database\n"
"busy (try again later), 78 database not initialised.\n", synopsis);
	return 0;
}

enum { O_LEVEL = 256, O_WEIGHT };

struct run {
	const char *dbpath;
	const char *level;
	const char *weight;
	sqlite3 *db;
	struct nserr err;
};

/* "ON-ottawa (Ottawa) > ON (Ontario) > CA (Canada)" into buf. */
static void chain(const struct classify *cl, int r, char *buf, size_t size)
{
	size_t n = 0;
	int depth = 0;

	buf[0] = '\0';
	for (; r >= 0 && depth < 16 && n < size; r = cl->regions[r].parent,
	     depth++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s (%s)",
				      depth ? " > " : "", cl->regions[r].id,
				      cl->regions[r].name_en);
}

static int do_resolve(struct run *r, int argc, char **argv)
{
	static const char *const kinds[] = {"blank", "ca", "us", "invalid"};
	struct classify cl;
	int i, bad = 0, rc = classify_load(&cl, r->db, &r->err);

	if (rc) {
		classify_release(&cl);
		return rc;
	}
	puts("input,kind,key,province,region,chain");
	for (i = 0; i < argc; i++) {
		struct classify_place p;
		const char *why = "", *row[6];
		char buf[1024];

		if (classify_resolve(&cl, argv[i], strlen(argv[i]), &p, &why)) {
			cli_warn(strncmp(why, "is ", 3) == 0 ? "'%s' %s" :
				 "'%s': %s", argv[i], why);
			bad = 1;
			continue;
		}
		chain(&cl, p.region, buf, sizeof buf);
		row[0] = argv[i];
		row[1] = kinds[p.postal.kind];
		row[2] = p.postal.key;
		row[3] = p.province >= 0 ? cl.regions[p.province].id : NULL;
		row[4] = cl.regions[p.region].id;
		row[5] = buf;
		cli_print_csv_row(NULL, 6, row);
	}
	classify_release(&cl);
	return bad ? nserr_set(&r->err, NS_EDATA, "%s", "") : 0;
}

static int do_load(struct run *r, int argc, char **argv)
{
	static const struct { const char *name; enum refdata_kind kind; }
	kinds[] = {{"crosswalk", REF_CROSSWALK}, {"regions", REF_REGIONS},
		   {"populations", REF_POPULATIONS}};
	struct refdata_result res;
	struct reclassify_stats st;
	size_t i;
	int rc;

	(void)argc;
	for (i = 0; i < 3 && strcmp(argv[0], kinds[i].name) != 0; i++)
		;
	if (i == 3)
		return nserr_set(&r->err, NS_EUSAGE, "cannot load '%s': say "
				 "crosswalk, regions or populations", argv[0]);
	if (kinds[i].kind == REF_POPULATIONS) {
		rc = refdata_load(r->db, REF_POPULATIONS, argv[1], &res,
				  &r->err);
		if (!rc)
			printf("populations: %ld rows from '%s'\n", res.rows,
			       argv[1]);
		return rc;
	}
	if (kinds[i].kind == REF_CROSSWALK)
		rc = reclassify_load_crosswalk(r->db, argv[1], r->weight, &res,
					       &st, &r->err);
	else
		rc = reclassify_load_regions(r->db, kinds[i].kind, argv[1],
					     &res, &st, &r->err);
	if (rc)
		return rc;
	printf("%s: %ld rows from '%s'", argv[0], res.rows, argv[1]);
	if (res.split_keys)
		printf(" for %ld keys, %ld of them split between regions (each "
		       "in its largest share)", res.keys, res.split_keys);
	printf("; %ld of %ld contacts changed region or province\n",
	       st.regions_changed, st.contacts);
	return 0;
}

static int do_list(struct run *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	return refdata_list_regions(r->db, r->level, cli_print_csv_row, NULL, &r->err);
}

/* The subcommands, with their operand counts. */
static const struct sub {
	const char *name;
	int min, max;
	int (*fn)(struct run *r, int argc, char **argv);
} subs[] = {
	{"resolve", 1, 1 << 30, do_resolve},
	{"load", 2, 2, do_load},
	{"list", 0, 0, do_list},
};

static const struct sub *find_sub(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return argc - 1 >= subs[i].min &&
			       argc - 1 <= subs[i].max ? &subs[i] : NULL;
	return NULL;
}

/* An option after the subcommand (getopt value c). */
static int sub_option(int c, const char *arg, void *ctx)
{
	struct run *r = ctx;

	if (c == O_LEVEL)
		r->level = arg;
	else if (c == O_WEIGHT)
		r->weight = arg;
	else
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option sub_opts[] = {
		{"level", required_argument, NULL, O_LEVEL},
		{"weight", required_argument, NULL, O_WEIGHT},
		{NULL, 0, NULL, 0},
	};
	const struct sub *sub;
	const char *datadir;
	struct run r;
	int rc;

	cli_set_prog("needstat-regions");
	memset(&r, 0, sizeof r);
	nserr_init(&r.err);
	r.dbpath = db_path_default();
	if ((rc = cli_subcommand_args(&argc, &argv, synopsis, help, &r.dbpath,
				      sub_opts, sub_option, &r)) >= 0)
		return rc;
	if (!(sub = find_sub(argc, argv)))
		return cli_usage_error(synopsis, "'%s': unknown subcommand or "
				       "wrong number of operands", argv[0]);
	if (r.level && sub->fn != do_list)
		return cli_usage_error(synopsis, "--level goes with 'list'");
	if (r.weight && (sub->fn != do_load || strcmp(argv[1], "crosswalk")))
		return cli_usage_error(synopsis, "--weight goes with 'load "
				       "crosswalk'");
	if ((rc = datadir_get(&datadir, &r.err)) == 0 &&
	    (rc = db_open(r.dbpath, 0, datadir, &r.db, &r.err)) == 0)
		rc = sub->fn(&r, argc - 1, argv + 1);
	sqlite3_close(r.db);
	return cli_subcommand_exit(rc, &r.err, synopsis);
}
