/*
 * Tests for ingest (public API, lib/ingest.h) on temporary databases made
 * as needstat-init makes them: exact counts of contacts and needs, contact
 * grouping and need sequence numbers, contact-only rows, categories given
 * by id or name, bad rows (line, column, reason) and bad optional fields,
 * postal codes cut to the FSA or 5-digit ZIP, idempotent re-ingest,
 * replaced contacts without double counting (raw tables and aggregates),
 * --strict, --max-rejects and --dry-run leaving the database unchanged,
 * missing columns, empty and header-only files, all rows rejected.
 */
#include <CUnit/CUnit.h>
#include <nettle/sha2.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvin.h"
#include "core/db.h"
#include "ingest/ingest.h"
#include "ingest/ingest_int.h"
#include "core/nserr.h"
#include "classify/refdata.h"
#include "testutil.h"

#define HDR "contact_id,started_at,channel,language,postal_code,region," \
	"age_group,gender,need_code,need_category,need_status," \
	"unmet_reason,referrals,referred_to\n"

static sqlite3 *db;
static struct nserr err;
static struct ingest_stats st;
static char msgs[32][1024];
static int nmsgs;

static void on_msg(const char *m, void *ctx)
{
	(void)ctx;
	if (nmsgs < 32)
		snprintf(msgs[nmsgs], sizeof msgs[0], "%s", m);
	nmsgs++;
}

/* A new database, migrated and with the bundled reference data. */
static void fresh_db(void)
{
	static int k;
	char name[32];
	int rc;

	if (db)
		sqlite3_close(db);
	db = NULL;
	snprintf(name, sizeof name, "ingest-%d.db", ++k);
	rc = tu_db_init(name, NULL, &db, &err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static void opts(struct ingest_opts *o)
{
	ingest_opts_init(o);
	o->rejects_path = tu_path("rejects.csv");
	o->on_msg = on_msg;
}

static int ingest_n(const struct ingest_opts *o, const char *const *files,
		    int n)
{
	ingest_stats_release(&st);
	nmsgs = 0;
	nserr_init(&err);
	return ingest_files(db, o, files, n, &st, &err);
}

static int ingest1(const struct ingest_opts *o, const char *path)
{
	return ingest_n(o, &path, 1);
}

/* Write text to a temporary file name; returns its path (static). */
static const char *file(const char *name, const char *text)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, 512, "%s", tu_path(name));
	CU_ASSERT_EQUAL_FATAL(tu_write_file(p, text, (size_t)-1), 0);
	return p;
}

static long long q(const char *sql)
{
	long long v = -12345;
	struct nserr e;

	nserr_init(&e);
	if (db_int(db, sql, -99999, &v, &e) != 0)
		fprintf(stderr, "query failed: %s: %s\n", sql, e.msg);
	return v;
}

/* First column of the first row as text ("(null)", "(none)"). */
static const char *qs(const char *sql)
{
	static char buf[4][256];
	static int next;
	char *out = buf[next++ % 4];
	sqlite3_stmt *s;

	snprintf(out, 256, "(error)");
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return out;
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, 256, "%s", sqlite3_column_type(s, 0) == SQLITE_NULL
			 ? "(null)" : (const char *)sqlite3_column_text(s, 0));
	else
		snprintf(out, 256, "(none)");
	sqlite3_finalize(s);
	return out;
}

/* Every row of every table, as text (caller frees). */
static char *dump(void)
{
	return tu_dump(db);
}

/* Rows where the aggregates and the raw tables disagree (0: in step). */
static long long agg_mismatch(void)
{
	static const char needs_raw[] = "SELECT c.month, n.category, "
		"c.region_id, n.status, coalesce(n.reason, ''), count(*), "
		"sum(coalesce(n.referrals, 0)) FROM needs n JOIN contacts c ON "
		"c.id = n.contact_id GROUP BY 1, 2, 3, 4, 5";
	static const char needs_agg[] = "SELECT month, category, region_id, "
		"status, reason, needs, referrals FROM agg_needs";
	static const char con_raw[] = "SELECT month, region_id, "
		"coalesce(channel, ''), coalesce(language, ''), "
		"coalesce(age_group, ''), coalesce(gender, ''), count(*), "
		"sum((SELECT count(*) FROM needs n WHERE n.contact_id = c.id)) "
		"FROM contacts c GROUP BY 1, 2, 3, 4, 5, 6";
	static const char con_agg[] = "SELECT month, region_id, channel, "
		"language, age_group, gender, contacts, needs FROM agg_contacts";
	char sql[2048];

	snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (%s EXCEPT %s))"
		 " + (SELECT count(*) FROM (%s EXCEPT %s)) + (SELECT count(*) "
		 "FROM (%s EXCEPT %s)) + (SELECT count(*) FROM (%s EXCEPT %s))",
		 needs_raw, needs_agg, needs_agg, needs_raw, con_raw, con_agg,
		 con_agg, con_raw);
	return q(sql);
}

static void expect_unchanged(const char *before)
{
	char *after = dump();

	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(after);
}

/* ---- a good file ---------------------------------------------------- */

static const char good_csv[] =
	"contact_id,started_at,channel,language,postal_code,region,"
	"age_group,gender,need_code,need_category,need_status,unmet_reason,"
	"referrals,referred_to,caller_name\n"
	"G1,2024-03-05T14:22:10-05:00,phone,en,K1A 0B1,,25-34,woman,"
	"BD-1800.2000,,met,,2,\"Food Bank, Ottawa;Soup Kitchen\",Jane Doe\n"
	"G1,2024-03-05T14:22:10-05:00,phone,en,K1A 0B1,,25-34,woman,BH-1800,"
	",unmet,waitlist,0,,Jane Doe\n"
	"G1,2024-03-05T14:22:10-05:00,phone,en,K1A 0B1,,25-34,woman,"
	"LH-2700 * YN-9000,,partial,cost,1,Clinic,Jane Doe\n"
	"G2,2024-03-06 09:00:00,text,fr,H2X 1Y4,,,,,,,,,,\n"
	"G3,2024-04-01,chat,en,90210-1234,,,,,food,met,,1,,\n"
	"G4,2024-04-02,phone,en,m5v2t6,,,,,Housing,unmet,no service,0,,\n"
	"G5,2024-04-03,phone,fr,X0A 1H0,,,,,Sant\xC3\xA9,met,,,,\n"
	"G5,2024-04-03,phone,fr,X0A 1H0,,,,,\xC3\x89" "ducation,met,,,,\n"
	"G6,2024-04-04,phone,en, k1a ,,,,,utilities, MET ,,,,\n";

static void test_good_file(void)
{
	struct ingest_opts o;
	const char *p;
	char want[600];

	fresh_db();
	opts(&o);
	p = file("good.csv", good_csv);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.files, 1);
	CU_ASSERT_EQUAL(st.files_same, 0);
	CU_ASSERT_EQUAL(st.rows_read, 9);
	CU_ASSERT_EQUAL(st.rows_loaded, 9);
	CU_ASSERT_EQUAL(st.rows_rejected, 0);
	CU_ASSERT_EQUAL(st.contacts, 6);
	CU_ASSERT_EQUAL(st.contacts_new, 6);
	CU_ASSERT_EQUAL(st.contacts_replaced, 0);
	CU_ASSERT_EQUAL(st.needs, 8);
	CU_ASSERT_EQUAL(st.bytes, sizeof good_csv - 1);
	CU_ASSERT_STRING_EQUAL(st.date_min, "2024-03-05");
	CU_ASSERT_STRING_EQUAL(st.date_max, "2024-04-04");
	CU_ASSERT_STRING_EQUAL(st.rejects_path, "");
	/* G2: a contact with no need, counted as a blank need_code */
	CU_ASSERT_EQUAL_FATAL(st.nissues, 1);
	CU_ASSERT_STRING_EQUAL(st.issues[0].column, "need_code");
	CU_ASSERT_STRING_EQUAL(st.issues[0].reason, "is blank: a contact with "
			       "no need");
	CU_ASSERT_EQUAL(st.issues[0].count, 1);
	CU_ASSERT_EQUAL(nmsgs, 1);
	snprintf(want, sizeof want, "%s: ignoring 1 unknown column: "
		 "'caller_name'", p);
	CU_ASSERT_STRING_EQUAL(msgs[0], want);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 6);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 8);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM referrals"), 3);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batches"), 1);
	CU_ASSERT_EQUAL(q("SELECT sum(needs) FROM agg_needs"), 8);
	CU_ASSERT_EQUAL(q("SELECT sum(referrals) FROM agg_needs"), 4);
	CU_ASSERT_EQUAL(q("SELECT sum(contacts) FROM agg_contacts"), 6);
	CU_ASSERT_EQUAL(q("SELECT sum(needs) FROM agg_contacts"), 8);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

static void test_good_file_contacts(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("good.csv", good_csv)), 0);
	/* G1: three consecutive rows, one contact, seq 1..3 */
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(seq || ':' || status "
		"|| ':' || coalesce(reason, '-') || ':' || referrals, ' ') FROM "
		"(SELECT * FROM needs_v WHERE source_contact_id = 'G1' ORDER BY "
		"seq)"), "1:met:-:2 2:unmet:waitlist:0 3:partial:cost:1");
	CU_ASSERT_STRING_EQUAL(qs("SELECT started_local || '|' || utc_offset "
		"|| '|' || started_utc || '|' || month FROM contacts WHERE "
		"source_contact_id = 'G1'"),
		"2024-03-05 14:22:10|-300|1709666530|202403");
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(agency, '|') FROM "
		"(SELECT agency FROM referrals ORDER BY id)"),
		"Food Bank, Ottawa|Soup Kitchen|Clinic");
	CU_ASSERT_STRING_EQUAL(qs("SELECT code || '|' || service || '|' || "
		"targets FROM codes WHERE code LIKE 'LH%'"),
		"LH-2700 * YN-9000|LH-2700|YN-9000");
	/* G2: a contact-only row is a contact without needs */
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts WHERE "
		"source_contact_id = 'G2'"), 1);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs_v WHERE "
		"source_contact_id = 'G2'"), 0);
	CU_ASSERT_STRING_EQUAL(qs("SELECT started_local || '|' || "
		"coalesce(utc_offset, 'null') || '|' || channel || '|' || language"
		" FROM contacts WHERE source_contact_id = 'G2'"),
		"2024-03-06 09:00:00|null|text|fr");
	/* need_category when need_code is blank: id, English, French names */
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(source_contact_id || "
		"'=' || category || '/' || map_version || '/' || "
		"coalesce(code, 'nocode'), ' ') FROM (SELECT * FROM needs_v WHERE "
		"code IS NULL ORDER BY contact_id, seq)"),
		"G3=food/0/nocode G4=housing/0/nocode G5=health/0/nocode "
		"G5=education/0/nocode G6=utilities/0/nocode");
	CU_ASSERT_STRING_EQUAL(qs("SELECT status FROM needs_v WHERE "
		"source_contact_id = 'G6'"), "met");
	CU_ASSERT_STRING_EQUAL(qs("SELECT reason FROM needs_v WHERE "
		"source_contact_id = 'G4'"), "no_service");
	/* codes classified by the map */
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(category, ' ') FROM "
		"(SELECT category FROM needs_v WHERE source_contact_id = 'G1' "
		"ORDER BY seq)"), "food housing health");
}

static void test_postal_never_full(void)
{
	struct ingest_opts o;
	char *d;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("good.csv", good_csv)), 0);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(source_contact_id || "
		"'=' || coalesce(postal_key, '-') || '/' || coalesce(province, "
		"'-') || '/' || region_id, ' ') FROM (SELECT * FROM contacts "
		"ORDER BY id)"), "G1=K1A/ON/ON G2=H2X/QC/QC G3=90210/US-CA/US-CA "
		"G4=M5V/ON/ON G5=X0A/NU/NU G6=K1A/ON/ON");
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts WHERE "
		"length(postal_key) NOT IN (3, 5)"), 0);
	d = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NULL(strstr(d, "0B1"));        /* no LDU anywhere */
	CU_ASSERT_PTR_NULL(strstr(d, "1Y4"));
	CU_ASSERT_PTR_NULL(strstr(d, "90210-1234"));
	CU_ASSERT_PTR_NULL(strstr(d, "1234|"));
	CU_ASSERT_PTR_NULL(strstr(d, "Jane Doe"));   /* unknown column */
	free(d);
}

/* The batch row: sizes, counts, dates and the SHA-256 of the bytes. */
static void test_batch_row(void)
{
	struct ingest_opts o;
	struct sha256_ctx sha;
	uint8_t dg[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1], sql[300];
	int i;

	fresh_db();
	opts(&o);
	o.source = "east";
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("good.csv", good_csv)), 0);
	sha256_init(&sha);
	sha256_update(&sha, sizeof good_csv - 1, (const uint8_t *)good_csv);
	sha256_digest(&sha, sizeof dg, dg);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", dg[i]);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM batches WHERE sha256 "
		 "= '%s' AND file_size = %zu", hex, sizeof good_csv - 1);
	CU_ASSERT_EQUAL(q(sql), 1);
	CU_ASSERT_STRING_EQUAL(qs("SELECT s.name || '|' || profile || '|' || "
		"rows_read || '|' || rows_loaded || '|' || rows_rejected || '|' "
		"|| contacts_new || '|' || contacts_replaced || '|' || "
		"needs_loaded || '|' || date_min || '|' || date_max || '|' || "
		"(finished_at IS NOT NULL) FROM batches b JOIN sources s ON "
		"s.id = b.source_id"),
		"east|canonical|9|9|0|6|0|8|2024-03-05|2024-04-04|1");
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batch_issues"), 1);
}

/* A postal code that fails its check must not reach the database either:
 * not as the example of its batch_issues row. */
static void test_postal_not_in_issues(void)
{
	struct ingest_opts o;
	char *d;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("pc.csv", HDR
		"P1,2024-05-01,phone,en,K1A 0B1 Ottawa,,,,BD-1800,,met,,1,\n"
		"P2,2024-05-01,phone,en,H2X1Y4 apt 3,,,,BD-1800,,met,,1,\n")), 0);
	CU_ASSERT_EQUAL(st.rows_loaded, 2);
	CU_ASSERT_EQUAL(q("SELECT count FROM batch_issues WHERE column_name ="
			  " 'postal_code'"), 2);
	d = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NULL(strstr(d, "0B1"));
	CU_ASSERT_PTR_NULL(strstr(d, "1Y4"));
	free(d);
}

/* Header matched by name: order free, case and blanks forgiven. */
static void test_header_by_name(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("hdr.csv",
		" Need_Status ,extra,NEED_CODE,started_at ,Contact_ID\n"
		"met,x,BD-1800,2024-05-01,H1\n"
		"unmet,y,BH-1800,2024-05-01,H1\n")), 0);
	CU_ASSERT_EQUAL(st.contacts, 1);
	CU_ASSERT_EQUAL(st.needs, 2);
	CU_ASSERT_EQUAL(nmsgs, 1);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(code || status, ' ') "
		"FROM (SELECT * FROM needs_v ORDER BY seq)"),
		"BD-1800met BH-1800unmet");
	CU_ASSERT_STRING_EQUAL(qs("SELECT region_id || coalesce(postal_key, "
		"'-') || coalesce(channel, '-') FROM contacts"), "unknown--");
}

/* Rows of one contact that are not consecutive still make one contact. */
static void test_contact_rows_split(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("split.csv", HDR
		"A,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
		"B,2024-05-02,phone,,,,,,BD-1800,,met,,1,\n"
		"A,2024-05-01,phone,,,,,,BH-1800,,unmet,cost,0,\n")), 0);
	CU_ASSERT_EQUAL(st.contacts, 2);
	CU_ASSERT_EQUAL(st.needs, 3);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 2);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(seq || code, ' ') FROM "
		"(SELECT * FROM needs_v WHERE source_contact_id = 'A' ORDER BY "
		"seq)"), "1BD-1800 2BH-1800");
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

/* contact_id: trimmed; blank or longer than 64 characters is a bad row. */
static void test_contact_id(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("ids.csv", HDR
		" X1 ,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
		",2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
		"1234567890123456789012345678901234567890123456789012345678901"
		"2345,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n")), 0);
	CU_ASSERT_EQUAL(st.rows_loaded, 1);
	CU_ASSERT_EQUAL(st.rows_rejected, 2);
	CU_ASSERT_STRING_EQUAL(qs("SELECT source_contact_id FROM contacts"),
			       "X1");
	CU_ASSERT_EQUAL(nmsgs, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(msgs[0], ":3: column 'contact_id': '' "
				      "is blank"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msgs[1], ":4: column 'contact_id': "));
}


/* ---- bad rows ------------------------------------------------------- */

#define LONG_FIELD (CSVIN_FIELD_MAX + 4000)

static const char bad_a[] = HDR
	"B001,2024-03-05T14:22:10-05:00,phone,en,K1A 0B1,,25-34,woman,"
	"BD-1800.2000,,met,,2,\n"                                   /* 2 */
	"B002,2024-13-01,phone,en,K1A 0B1,,,,BD-1800.2000,,met,,1,\n"
	"B003,2024-02-30,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\n"
	"B004,14:22:10,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\n"      /* 5 */
	"B005,2024-03-06,phone,en,K1A 0B1,,,,BD-1800,,maybe,,1,\n"
	"B006,2024-03-06,phone,en,K1A 0B1,,,,B D,,met,,1,\n"
	"B007,2024-03-06,phone,en,K1A 0B1,,,,BD-1800,,met,,-1,\n"   /* 8 */
	"B008,2024-03-07,phone,en,V5K 0A1,,,,BD-1800,,met,,3,\"A\nB\nC\"\n"
	"B009,2024-00-10,phone,en,V5K 0A1,,,,BD-1800,,met,,1,\n"    /* 12 */
	"B010,2024-03-08,phone\n"
	"\n"
	"B011,2024-03-08,phone,en,K1A 0B1,,,,BD-1800,,met,,1,Caf\xE9\n"
	"B012,2024-03-08,ph\0one,en,K1A 0B1,,,,BD-1800,,met,,1,\n"  /* 16 */
	"B013,2024-03-08,fax,en,N/A,,,,BD-1800,,met,,1,\n"
	"B014,2024-03-08,phone,fr,Montr\xC3\xA9" "al,,,,BD-1800,,met,,1,\n"
	"B015,2024-03-09 08:00:00,phone,en,90210-1234,,,,BD-1800,,met,,1,\n"
	"B016,2024-03-09,phone,en,K1A 0B1,,,,BD-1800,,met,,1,";   /* 20 */
static const char bad_b[] =
	"\nB017,2024-03-10,phone,en,K1A 0B1,,,,,,met,,1,\n";        /* 21 */

/* The bad file: bad_a, a field over 64 KiB, bad_b.  Returns its path. */
static const char *bad_file(void)
{
	static char path[512];
	size_t na = sizeof bad_a - 1, nb = sizeof bad_b - 1;
	char *buf = malloc(na + LONG_FIELD + nb);

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	memcpy(buf, bad_a, na);
	memset(buf + na, 'x', LONG_FIELD);
	memcpy(buf + na + LONG_FIELD, bad_b, nb);
	snprintf(path, sizeof path, "%s", tu_path("bad.csv"));
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, buf, na + LONG_FIELD + nb),
			      0);
	free(buf);
	return path;
}

/* Rows rejected (no date, a broken record) and rows kept with a bad need
 * field (issue 11: one bad field does not drop a contact).  Line 21, a
 * blank need_code, is a contact with no need: counted, not listed. */
static const struct {
	int line;
	const char *column, *reason, *action;
} bad_want[] = {
	{3, "started_at", "is not a date (month out of range)", "rejected"},
	{4, "started_at", "is not a date (day out of range for the month)",
	 "rejected"},
	{5, "started_at", "is not a date", "rejected"},
	{6, "need_status", "is not a need status (met, unmet, partial): need "
	 "kept as unrecorded", "kept"},
	{7, "need_code", "is not a taxonomy code: need kept as unclassified "
	 "(invalid code)", "kept"},
	{8, "referrals", "is not a non-negative integer: need kept with "
	 "referrals unknown", "kept"},
	{12, "started_at", "is not a date (month out of range)", "rejected"},
	{13, "(row)", "has 3 fields, the header has 14", "rejected"},
	{15, "(row)", "column 14 is not valid UTF-8", "rejected"},
	{16, "(row)", "contains a NUL byte", "rejected"},
	{20, "referred_to", "column 'referred_to' is longer than 64 KiB",
	 "rejected"},
};
#define NBAD (sizeof bad_want / sizeof bad_want[0])

static void test_bad_rows_counts(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, bad_file()), 0);
	CU_ASSERT_EQUAL(st.rows_read, 17);
	CU_ASSERT_EQUAL(st.rows_loaded, 9);
	CU_ASSERT_EQUAL(st.rows_rejected, 8);
	CU_ASSERT_EQUAL(st.rows_read, st.rows_loaded + st.rows_merged +
			st.rows_duplicate + st.rows_dropped + st.rows_blank +
			st.rows_rejected);
	CU_ASSERT_EQUAL(st.contacts, 9);
	CU_ASSERT_EQUAL(st.needs, 8);
	CU_ASSERT_STRING_EQUAL(st.rejects_path, tu_path("rejects.csv"));
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(source_contact_id, ' ')"
		" FROM (SELECT * FROM contacts ORDER BY id)"),
		"B001 B005 B006 B007 B008 B013 B014 B015 B017");
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(c.source_contact_id || "
		"'=' || n.category || '/' || n.status || '/' || coalesce("
		"n.referrals, '?') || '/' || coalesce(k.code, ''), ' ') FROM "
		"contacts c JOIN needs n ON n.contact_id = c.id LEFT JOIN codes k"
		" ON k.id = n.code_id WHERE c.source_contact_id IN ('B005', "
		"'B006', 'B007')"), "B005=food/unrecorded/1/BD-1800 "
		"B006=unclassified/met/1/B D B007=food/met/?/BD-1800");
	CU_ASSERT_STRING_EQUAL(qs("SELECT rows_read || '|' || rows_loaded || "
		"'|' || rows_rejected || '|' || needs_loaded || '|' || "
		"rows_merged || '|' || rows_blank FROM batches"),
		"17|9|8|8|0|0");
	CU_ASSERT_EQUAL(q("SELECT sum(count) FROM batch_issues WHERE kind = "
			  "'reject'"), 8);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batch_issues WHERE kind = "
			  "'reject'"), 7);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

static void test_bad_rows_messages(void)
{
	struct ingest_opts o;
	char want[512];
	size_t i;
	const char *p;

	fresh_db();
	opts(&o);
	p = bad_file();
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL_FATAL(nmsgs, 10);          /* the first 10 only */
	for (i = 0; i < 10; i++) {
		if (i < 7)
			snprintf(want, sizeof want, "%s:%d: column '%s': '%s' %s",
				 p, bad_want[i].line, bad_want[i].column,
				 i == 0 ? "2024-13-01" : i == 1 ? "2024-02-30"
				 : i == 2 ? "14:22:10" : i == 3 ? "maybe"
				 : i == 4 ? "B D" : i == 5 ? "-1" : "2024-00-10",
				 bad_want[i].reason);
		else
			snprintf(want, sizeof want, "%s:%d: %s", p,
				 bad_want[i].line, bad_want[i].reason);
		CU_ASSERT_STRING_EQUAL(msgs[i], want);
	}
}

/* Read back the rejects CSV with csvin. */
struct rej {
	size_t n;
	char line[24][16], column[24][32], reason[24][96], value[24][32];
	char action[24][16];
	char record[24][160];
	size_t nfields[24];
};

static int on_rej(const struct csvin_record *r, void *ctx)
{
	struct rej *rj = ctx;
	size_t k = rj->n++;

	if (k >= 24)
		return 0;
	rj->nfields[k] = r->nfields;
	if (r->nfields < 6)
		return 0;
	snprintf(rj->line[k], 16, "%s", r->field[1]);
	snprintf(rj->column[k], 32, "%s", r->field[2]);
	snprintf(rj->value[k], 32, "%s", r->field[3]);
	snprintf(rj->reason[k], 96, "%s", r->field[4]);
	snprintf(rj->record[k], 160, "%s", r->field[5]);
	if (r->nfields > 6)
		snprintf(rj->action[k], 16, "%s", r->field[6]);
	return 0;
}

static int read_rejects(const char *path, struct rej *rj)
{
	struct csvin in;
	struct nserr e;
	int fd = open(path, O_RDONLY), rc;

	memset(rj, 0, sizeof *rj);
	if (fd < 0)
		return -1;
	nserr_init(&e);
	rc = csvin_init(&in, fd, path, on_rej, NULL, rj);
	if (!rc)
		rc = csvin_run(&in, &e);
	csvin_release(&in);
	close(fd);
	return rc;
}

static void test_bad_rows_rejects_file(void)
{
	struct ingest_opts o;
	struct rej rj;
	size_t i;
	char ln[16];

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, bad_file()), 0);
	CU_ASSERT_EQUAL_FATAL(read_rejects(tu_path("rejects.csv"), &rj), 0);
	CU_ASSERT_EQUAL_FATAL(rj.n, NBAD + 1);
	CU_ASSERT_STRING_EQUAL(rj.line[0], "line");
	CU_ASSERT_STRING_EQUAL(rj.reason[0], "reason");
	CU_ASSERT_STRING_EQUAL(rj.record[0], "record");
	CU_ASSERT_STRING_EQUAL(rj.action[0], "action");
	for (i = 0; i < NBAD; i++) {
		snprintf(ln, sizeof ln, "%d", bad_want[i].line);
		CU_ASSERT_EQUAL(rj.nfields[i + 1], 7);
		CU_ASSERT_STRING_EQUAL(rj.action[i + 1], bad_want[i].action);
		CU_ASSERT_STRING_EQUAL(rj.line[i + 1], ln);
		CU_ASSERT_STRING_EQUAL(rj.column[i + 1], bad_want[i].column);
		CU_ASSERT_STRING_EQUAL(rj.reason[i + 1], bad_want[i].reason);
	}
	CU_ASSERT_STRING_EQUAL(rj.value[1], "2024-13-01");
	CU_ASSERT_STRING_EQUAL(rj.record[1], "B002,2024-13-01,phone,en,"
			       "K1A 0B1,,,,BD-1800.2000,,met,,1,");
	CU_ASSERT_STRING_EQUAL(rj.value[8], "");
	CU_ASSERT_STRING_EQUAL(rj.record[8], "B010,2024-03-08,phone");
	CU_ASSERT_STRING_EQUAL(rj.record[9], "B011,2024-03-08,phone,en,"
			       "K1A 0B1,,,,BD-1800,,met,,1,Caf\xE9");
}

/* Optional fields that fail: stored unknown, counted by column. */
/* The example kept for the first issue of a kind (needstat-schema(5)). */
static const char *example_of(const char *column, const char *v)
{
	static char got[256];
	struct issue_tally t;

	CU_ASSERT_EQUAL_FATAL(tally_init(&t), 0);
	t.file = "in/calls.csv";
	t.line = 12;
	CU_ASSERT_EQUAL(tally_add(&t, "field", column, "why", v, strlen(v)), 0);
	CU_ASSERT_EQUAL(tally_add(&t, "field", column, "why", "other", 5), 0);
	CU_ASSERT_EQUAL_FATAL(t.n, 1);
	CU_ASSERT_EQUAL(t.slots[0].count, 2);
	snprintf(got, sizeof got, "%s", t.slots[0].example);
	tally_release(&t);
	return got;
}

static void test_issue_examples(void)
{
	char v[200], want[200];

	CU_ASSERT_STRING_EQUAL(example_of("channel", "fax"),
			       "in/calls.csv:12 'fax'");
	/* an invalid postal value is shown, but never a full postal code */
	CU_ASSERT_STRING_EQUAL(example_of("postal_code", "K1A 0B1 Ottawa"),
			       "in/calls.csv:12 'K1A *** Ottawa'");
	CU_ASSERT_STRING_EQUAL(example_of("postal_code", "k1a0b1x"),
			       "in/calls.csv:12 'k1a***x'");
	CU_ASSERT_STRING_EQUAL(example_of("postal_code", "90210-1234 CA"),
			       "in/calls.csv:12 '90210-**** CA'");
	CU_ASSERT_STRING_EQUAL(example_of("postal_code", "K1A-0B1,H2X 1Y4"),
			       "in/calls.csv:12 'K1A-***,H2X ***'");
	CU_ASSERT_STRING_EQUAL(example_of("postal_code", "N/A"),
			       "in/calls.csv:12 'N/A'");
	/* other columns keep such text */
	CU_ASSERT_STRING_EQUAL(example_of("referred_to", "K1A 0B1"),
			       "in/calls.csv:12 'K1A 0B1'");
	/* 64 bytes kept, then "..."; never half a UTF-8 character */
	memset(v, 'a', 70);
	v[70] = '\0';
	snprintf(want, sizeof want, "in/calls.csv:12 '%.64s...'", v);
	CU_ASSERT_STRING_EQUAL(example_of("gender", v), want);
	v[64] = '\0';
	snprintf(want, sizeof want, "in/calls.csv:12 '%.64s'", v);
	CU_ASSERT_STRING_EQUAL(example_of("gender", v), want);
	memset(v, 'a', 63);
	memcpy(v + 63, "\xC3\xA9\xC3\xA9", 5);
	snprintf(want, sizeof want, "in/calls.csv:12 '%.63s...'", v);
	CU_ASSERT_STRING_EQUAL(example_of("gender", v), want);
}

static void test_optional_fields(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, bad_file()), 0);
	CU_ASSERT_STRING_EQUAL(qs("SELECT coalesce(channel, 'null') || '|' || "
		"coalesce(postal_key, 'null') || '|' || region_id FROM contacts "
		"WHERE source_contact_id = 'B013'"), "null|null|unknown");
	CU_ASSERT_STRING_EQUAL(qs("SELECT language || '|' || coalesce("
		"postal_key, 'null') FROM contacts WHERE source_contact_id = "
		"'B014'"), "fr|null");
	CU_ASSERT_STRING_EQUAL(qs("SELECT postal_key || '|' || region_id FROM "
		"contacts WHERE source_contact_id = 'B015'"), "90210|US-CA");
	/* examples: file (here a temporary path), line and value */
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(column_name || '/' || "
		"reason || '/' || count || '/' || substr(example, instr(example, "
		"'bad.csv:')), ' ; ') FROM (SELECT * FROM batch_issues WHERE "
		"kind = 'field' AND column_name IN ('channel', 'postal_code') "
		"ORDER BY column_name)"),
		"channel/is not a channel/1/bad.csv:17 'fax' ; "
		"postal_code/is not a postal code or ZIP/2/bad.csv:17 'N/A'");
	/* the need fields kept (B005-B007) and the contact with no need
	 * (B017) are counted as field issues too */
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(column_name || '/' || "
		"reason || '/' || count, ' ; ') FROM (SELECT * FROM batch_issues "
		"WHERE kind = 'field' AND column_name NOT IN ('channel', "
		"'postal_code') ORDER BY column_name, reason)"),
		"need_code/is blank: a contact with no need/1 ; "
		"need_code/is not a taxonomy code: need kept as unclassified/1 ; "
		"need_status/is not a need status: need kept as unrecorded/1 ; "
		"referrals/is not a non-negative integer: need kept with "
		"referrals unknown/1");
	CU_ASSERT_EQUAL_FATAL(st.nissues, 13);
	CU_ASSERT_STRING_EQUAL(st.issues[0].kind, "reject");
	CU_ASSERT_STRING_EQUAL(st.issues[0].column, "started_at");
	CU_ASSERT_STRING_EQUAL(st.issues[0].reason,
			       "is not a date (month out of range)");
	CU_ASSERT_EQUAL(st.issues[0].count, 2);
	CU_ASSERT_STRING_EQUAL(st.issues[6].kind, "reject");
	CU_ASSERT_STRING_EQUAL(st.issues[7].kind, "field");
	CU_ASSERT_STRING_EQUAL(st.issues[7].column, "postal_code");
	CU_ASSERT_EQUAL(st.issues[7].count, 2);
	CU_ASSERT_STRING_EQUAL(st.issues[8].column, "channel");
	CU_ASSERT_EQUAL(st.issues[8].count, 1);
}

/* BOM, CRLF, a 3-line quoted field, a blank line: exact lines. */
static void test_bom_crlf_lines(void)
{
	struct ingest_opts o;
	char want[600];
	const char *p;

	fresh_db();
	opts(&o);
	p = file("crlf.csv", "\xEF\xBB\xBF" "contact_id,started_at,channel,"
		 "language,postal_code,region,age_group,gender,need_code,"
		 "need_category,need_status,unmet_reason,referrals,referred_to"
		 "\r\n"
		 "C1,2024-05-01,phone,en,K1A 0B1,,,,BD-1800,,met,,2,\"one\r\n"
		 "two\r\nthree\"\r\n"
		 "\r\n"
		 "C2,2024-13-01,phone,en,K1A 0B1,,,,BD-1800,,met,,1,\r\n"
		 "C3,2024-05-02,phone,en,K1A 0B1,,,,BD-1800,,met,,1,x\r\n");
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.rows_read, 3);
	CU_ASSERT_EQUAL(st.rows_loaded, 2);
	CU_ASSERT_EQUAL_FATAL(nmsgs, 1);
	snprintf(want, sizeof want, "%s:6: column 'started_at': '2024-13-01' "
		 "is not a date (month out of range)", p);
	CU_ASSERT_STRING_EQUAL(msgs[0], want);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(agency, '|') FROM "
		"(SELECT agency FROM referrals ORDER BY id)"),
		"one\r\ntwo\r\nthree|x");
}

/* Messages name the problem once: never "is not a date (is not a date)"
 * or "is not a taxonomy code (is not a taxonomy code)". */
static void test_reasons_not_doubled(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("twice.csv", HDR
		"D1,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
		"D2,14:22:10,phone,,,,,,BD-1800,,met,,1,\n"
		"D3,2024-05-01,phone,,,,,,B D,,met,,1,\n")), 0);
	CU_ASSERT_EQUAL(st.rows_rejected, 1);       /* D3 is kept */
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batch_issues WHERE reason IN "
		"('is not a date (is not a date)', 'is not a taxonomy code (is "
		"not a taxonomy code)')"), 0);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batch_issues WHERE reason IN "
		"('is not a date', 'is not a taxonomy code: need kept as "
		"unclassified')"), 2);
}

/* ---- re-ingest, replacement ----------------------------------------- */

static const char f1_csv[] = HDR
	"R1,2024-03-01 10:00:00,phone,en,K1A 0B1,,,,BD-1800,,met,,1,A1\n"
	"R1,2024-03-01 10:00:00,phone,en,K1A 0B1,,,,BH-1800,,unmet,waitlist,"
	"0,\n"
	"R2,2024-03-02 10:00:00,phone,en,V5K 0A1,,,,BD-1800,,met,,2,A2;A3\n"
	"R3,2024-03-03 10:00:00,chat,fr,H2X 1Y4,,,,LH-2700,,met,,1,\n";

/* A later export: R2 changed (month, region, needs), R3 the same, R4 new. */
static const char f2_csv[] = HDR
	"R2,2024-04-02 10:00:00,text,fr,H2X 1Y4,,,,BH-1800,,unmet,cost,0,\n"
	"R2,2024-04-02 10:00:00,text,fr,H2X 1Y4,,,,NL-6000,,partial,other,1,"
	"A9\n"
	"R3,2024-03-03 10:00:00,chat,fr,H2X 1Y4,,,,LH-2700,,met,,1,\n"
	"R4,2024-04-05 10:00:00,email,en,T5J 8H3,,,,BD-1800,,met,,1,\n";

static void test_reingest_same_file(void)
{
	struct ingest_opts o;
	const char *p;
	char *before, want[600];

	fresh_db();
	opts(&o);
	p = file("good.csv", good_csv);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.files, 1);
	CU_ASSERT_EQUAL(st.files_same, 1);
	CU_ASSERT_EQUAL(st.rows_read, 0);
	CU_ASSERT_EQUAL(st.contacts, 0);
	CU_ASSERT_EQUAL(st.needs, 0);
	CU_ASSERT_EQUAL_FATAL(nmsgs, 1);
	snprintf(want, sizeof want, "%s: already loaded as batch 1 (same "
		 "SHA-256): nothing to do", p);
	CU_ASSERT_STRING_EQUAL(msgs[0], want);
	expect_unchanged(before);
	free(before);
}

static void test_replace_contacts(void)
{
	struct ingest_opts o;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f1.csv", f1_csv)), 0);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 4);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM agg_needs WHERE region_id = "
			  "'BC'"), 1);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f2.csv", f2_csv)), 0);
	CU_ASSERT_EQUAL(st.contacts, 3);
	CU_ASSERT_EQUAL(st.contacts_new, 1);
	CU_ASSERT_EQUAL(st.contacts_replaced, 2);
	CU_ASSERT_EQUAL(st.needs, 4);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 4);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 6);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(agency, ' ') FROM "
		"(SELECT agency FROM referrals ORDER BY agency)"), "A1 A9");
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(seq || ':' || code || "
		"':' || status, ' ') FROM (SELECT * FROM needs_v WHERE "
		"source_contact_id = 'R2' ORDER BY seq)"),
		"1:BH-1800:unmet 2:NL-6000:partial");
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(source_contact_id || "
		"batch_id || month || region_id, ' ') FROM (SELECT * FROM "
		"contacts ORDER BY source_contact_id)"),
		"R11202403ON R22202404QC R32202403QC R42202404AB");
	CU_ASSERT_EQUAL(q("SELECT sum(needs) FROM agg_needs"), 6);
	CU_ASSERT_EQUAL(q("SELECT sum(referrals) FROM agg_needs"), 4);
	CU_ASSERT_EQUAL(q("SELECT sum(contacts) FROM agg_contacts"), 4);
	CU_ASSERT_EQUAL(q("SELECT sum(needs) FROM agg_contacts"), 6);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM agg_needs WHERE region_id = "
			  "'BC' OR needs = 0"), 0);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM agg_contacts WHERE region_id ="
			  " 'BC' OR contacts = 0"), 0);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
	CU_ASSERT_STRING_EQUAL(qs("SELECT group_concat(contacts_new || '/' || "
		"contacts_replaced || '/' || needs_loaded, ' ') FROM (SELECT * "
		"FROM batches ORDER BY id)"), "3/0/4 1/2/4");
}

/* Re-ingesting either file again changes nothing; a contact replaced by a
 * contact-only row loses its needs. */
static void test_replace_then_reingest(void)
{
	struct ingest_opts o;
	const char *p1, *p2;
	char *before;
	int rc;

	fresh_db();
	opts(&o);
	p1 = file("f1.csv", f1_csv);
	p2 = file("f2.csv", f2_csv);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p1), 0);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, p2), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL(ingest1(&o, p2), 0);
	CU_ASSERT_EQUAL(st.files_same, 1);
	CU_ASSERT_EQUAL(ingest1(&o, p1), 0);
	CU_ASSERT_EQUAL(st.files_same, 1);
	expect_unchanged(before);
	free(before);
	rc = ingest1(&o, file("f3.csv", HDR
		"R4,2024-04-05 10:00:00,email,en,T5J 8H3,,,,,,,,,\n"));
	if (rc)
		fprintf(stderr, "\n  contact-only replacement: %s\n", err.msg);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(st.contacts_replaced, 1);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 4);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 5);
	CU_ASSERT_EQUAL(q("SELECT sum(needs) FROM agg_needs"), 5);
	CU_ASSERT_EQUAL(q("SELECT sum(contacts) FROM agg_contacts"), 4);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

/* The same file twice in one call; the same bytes from another source. */
static void test_same_file_and_sources(void)
{
	struct ingest_opts o;
	const char *files[2];

	fresh_db();
	opts(&o);
	files[0] = files[1] = file("f1.csv", f1_csv);
	CU_ASSERT_EQUAL_FATAL(ingest_n(&o, files, 2), 0);
	CU_ASSERT_EQUAL(st.files, 2);
	CU_ASSERT_EQUAL(st.files_same, 1);
	CU_ASSERT_EQUAL(st.contacts, 3);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 3);
	o.source = "west";
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, files[0]), 0);
	CU_ASSERT_EQUAL(st.files_same, 0);
	CU_ASSERT_EQUAL(st.contacts_new, 3);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 6);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 8);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM sources"), 2);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

/* Read path through standard input (fd 0 borrowed for the call). */
static int ingest_stdin(const struct ingest_opts *o, const char *path)
{
	int save = dup(0), fd = open(path, O_RDONLY), rc;

	if (save < 0 || fd < 0 || dup2(fd, 0) < 0)
		return 999;
	close(fd);
	rc = ingest1(o, "-");
	dup2(save, 0);
	close(save);
	return rc;
}

static void test_reingest_stdin(void)
{
	struct ingest_opts o;
	char *before;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest_stdin(&o, file("f1.csv", f1_csv)), 0);
	CU_ASSERT_EQUAL(st.contacts_new, 3);
	CU_ASSERT_STRING_EQUAL(qs("SELECT file_name FROM batches"), "-");
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL(ingest_stdin(&o, file("f1.csv", f1_csv)), 0);
	CU_ASSERT_EQUAL(st.files_same, 1);
	CU_ASSERT_EQUAL(st.contacts, 0);
	expect_unchanged(before);
	free(before);
}

/* The same through stdin, for a file with a bad row: the second run must
 * also succeed and change nothing (it is the same file). */
static void test_reingest_stdin_with_rejects(void)
{
	struct ingest_opts o;
	const char *p;
	char *before;
	int rc;

	fresh_db();
	opts(&o);
	p = file("somebad.csv", HDR
		 "S1,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
		 "S2,2024-13-01,phone,,,,,,BD-1800,,met,,1,\n");
	CU_ASSERT_EQUAL_FATAL(ingest_stdin(&o, p), 0);
	CU_ASSERT_EQUAL(st.rows_rejected, 1);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	rc = ingest_stdin(&o, p);
	CU_ASSERT_EQUAL(rc, 0);
	if (rc)
		fprintf(stderr, "\n  reingest via stdin: %s\n", err.msg);
	CU_ASSERT_EQUAL(st.files_same, 1);
	expect_unchanged(before);
	free(before);
}

/* ---- modes and whole-run failures ----------------------------------- */

static void test_strict(void)
{
	struct ingest_opts o;
	char *before;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f1.csv", f1_csv)), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	o.strict = 1;
	CU_ASSERT_EQUAL(ingest1(&o, file("strict.csv", HDR
		"R1,2024-04-01,phone,,,,,,BD-1800,,met,,1,\n"
		"R9,2024-04-01,phone,,,,,,BD-1800,,met,,1,\n"
		"R8,2024-04-31,phone,,,,,,BD-1800,,met,,1,\n"
		"R7,2024-04-01,phone,,,,,,BD-1800,,met,,1,\n")), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(err.msg, "1 bad row and --strict: nothing was "
			       "loaded");
	CU_ASSERT_EQUAL(st.rows_rejected, 1);
	expect_unchanged(before);
	/* strict with a clean file loads it */
	CU_ASSERT_EQUAL(ingest1(&o, file("f2.csv", f2_csv)), 0);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 4);
	free(before);
}

static const char mr_csv[] = HDR
	"M1,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
	"M2,2024-05-32,phone,,,,,,BD-1800,,met,,1,\n"
	"M3,2024-05-00,phone,,,,,,BD-1800,,met,,1,\n"
	"M4,2024-05-01,phone,,,,,,BD-1800,,met,,1,\n"
	",2024-05-01,phone,,,,,,BD-1800,,met,,1,\n";

static void test_max_rejects(void)
{
	struct ingest_opts o;
	const char *p;
	char *before, want[600];

	fresh_db();
	opts(&o);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	p = file("mr.csv", mr_csv);
	o.max_rejects = 2;
	CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
	snprintf(want, sizeof want, "more than 2 bad rows (--max-rejects): "
		 "stopped at %s:6; nothing was loaded", p);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	expect_unchanged(before);
	o.max_rejects = 0;
	CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
	expect_unchanged(before);
	o.max_rejects = 3;
	CU_ASSERT_EQUAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.rows_rejected, 3);
	CU_ASSERT_EQUAL(st.rows_loaded, 2);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 2);
	free(before);
}

static void test_dry_run(void)
{
	struct ingest_opts o;
	char *before;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f1.csv", f1_csv)), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	o.dry_run = 1;
	o.rejects_path = NULL;
	CU_ASSERT_EQUAL(ingest1(&o, file("f2.csv", f2_csv)), 0);
	CU_ASSERT_EQUAL(st.contacts_new, 1);
	CU_ASSERT_EQUAL(st.contacts_replaced, 2);
	CU_ASSERT_EQUAL(st.needs, 4);
	expect_unchanged(before);
	CU_ASSERT_EQUAL(ingest1(&o, file("mr.csv", mr_csv)), 0);
	CU_ASSERT_EQUAL(st.rows_rejected, 3);
	CU_ASSERT_STRING_EQUAL(st.rejects_path, "");   /* no file written */
	expect_unchanged(before);
	free(before);
}

static void test_missing_column(void)
{
	struct ingest_opts o;
	const char *p, *files[2];
	char *before, want[600];

	fresh_db();
	opts(&o);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	p = file("nostatus.csv", "contact_id,started_at,need_code,referrals\n"
		 "M1,2024-05-01,BD-1800,1\n");
	CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
	snprintf(want, sizeof want, "%s: missing required column "
		 "'need_status' (the header is line 1)", p);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	CU_ASSERT_EQUAL(st.rows_read, 0);
	expect_unchanged(before);
	/* a good file before it in the same run is not kept either */
	files[0] = file("f1.csv", f1_csv);
	files[1] = p;
	CU_ASSERT_EQUAL(ingest_n(&o, files, 2), NS_EDATA);
	expect_unchanged(before);
	p = file("nocode.csv", "contact_id,started_at,need_status\n"
		 "M1,2024-05-01,met\n");
	CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
	snprintf(want, sizeof want, "%s: missing required column 'need_code' "
		 "(the header is line 1)", p);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	free(before);
}

static void test_empty_file(void)
{
	static const char *const empties[] = {"", "\n\n", "\r\n",
		"\xEF\xBB\xBF"};
	struct ingest_opts o;
	const char *p;
	char *before, want[600];
	size_t i;

	fresh_db();
	opts(&o);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	for (i = 0; i < 4; i++) {
		p = file("empty.csv", empties[i]);
		CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
		snprintf(want, sizeof want, "%s: the file is empty: a header "
			 "row is required", p);
		CU_ASSERT_STRING_EQUAL(err.msg, want);
		expect_unchanged(before);
	}
	free(before);
}

/* A header and no rows: a success that loads nothing (the batch is kept,
 * so the same file again is "already loaded"). */
static void test_header_only(void)
{
	struct ingest_opts o;
	const char *p;

	fresh_db();
	opts(&o);
	p = file("hdronly.csv", HDR);
	CU_ASSERT_EQUAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.files, 1);
	CU_ASSERT_EQUAL(st.rows_read, 0);
	CU_ASSERT_EQUAL(st.contacts, 0);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM contacts"), 0);
	CU_ASSERT_STRING_EQUAL(qs("SELECT rows_read || '|' || rows_loaded || "
		"'|' || coalesce(date_min, 'null') FROM batches"), "0|0|null");
	CU_ASSERT_EQUAL(ingest1(&o, p), 0);
	CU_ASSERT_EQUAL(st.files_same, 1);
	CU_ASSERT_EQUAL(q("SELECT count(*) FROM batches"), 1);
}

static void test_all_rejected(void)
{
	struct ingest_opts o;
	char *before;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f1.csv", f1_csv)), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL(ingest1(&o, file("allbad.csv", HDR
		"Z1,2024-05-32,phone,,,,,,BD-1800,,met,,1,\n"
		"Z2,yesterday,phone,,,,,,BD-1800,,met,,1,\n")), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(err.msg, "every row was rejected: nothing was "
			       "loaded (is this the right file or profile?)");
	CU_ASSERT_EQUAL(st.rows_rejected, 2);
	expect_unchanged(before);
	free(before);
}

/* An unterminated quote at end of file is an error naming the line where
 * the record starts, not a field that swallows the rest of the file. */
static void test_unterminated_quote(void)
{
	struct ingest_opts o;
	const char *p;
	char *before, want[600];

	fresh_db();
	opts(&o);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	p = file("unterm.csv", "contact_id,started_at,need_code,need_status,"
		 "referred_to\n"
		 "U1,2024-05-01,BD-1800,met,\"open\nmore\n"
		 "U2,2024-05-01,BD-1800,met,x\n");
	CU_ASSERT_EQUAL(ingest1(&o, p), NS_EDATA);
	snprintf(want, sizeof want, "%s:2: a quoted field is not closed at "
		 "end of file", p);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	expect_unchanged(before);
	free(before);
}

/* ---- SQLite faults: an error is never the end of the rows ----------- */

/*
 * Replacing a contact reads its stored needs and referrals to take them
 * back from the aggregates.  A read that fails at any step of that query
 * fails the whole run and leaves the database as it was; it used to end
 * the loop early and commit aggregates off by the needs not read.
 */
static void test_fault_replacing(void)
{
	static const char *const reads[] = {
		"SELECT category, status, reason, referrals FROM needs",
		"SELECT n.category, r.agency FROM needs n JOIN referrals",
		"SELECT id, code, service, level FROM codes",
	};
	struct ingest_opts o;
	const char *p1, *p2;
	char *before;
	size_t i;
	int n, rc, fired, faults = 0;

	for (i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		fresh_db();
		opts(&o);
		p1 = file("f1.csv", f1_csv);
		p2 = file("f2.csv", f2_csv);
		CU_ASSERT_EQUAL_FATAL(ingest1(&o, p1), 0);
		before = dump();
		CU_ASSERT_PTR_NOT_NULL_FATAL(before);
		for (n = 1; n < 100000; n++) {
			tu_fault_arm(db, reads[i], n);
			rc = ingest1(&o, p2);
			fired = tu_fault_disarm(db);
			if (!fired)
				break;
			faults++;
			if (rc == 0 || err.code == NS_OK) {
				fprintf(stderr, "fault at step %d of '%s' "
					"ignored\n", n, reads[i]);
				CU_FAIL("a failed step was taken as the end "
					"of the rows");
				break;
			}
			CU_ASSERT(rc < 0 && rc != NS_EUSAGE);
			CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "interrupted"));
			expect_unchanged(before);
		}
		free(before);
		CU_ASSERT(n > 2);            /* the fault did happen */
		CU_ASSERT_EQUAL(rc, 0);      /* and without it: loaded */
		CU_ASSERT_EQUAL(st.contacts_replaced, 2);
		CU_ASSERT_EQUAL(q("SELECT count(*) FROM needs"), 6);
		CU_ASSERT_EQUAL(agg_mismatch(), 0);
	}
	CU_ASSERT(faults > 10);
}

/*
 * A write that fails mid-aggregate (a trigger aborts the third new row of
 * agg_needs): the run fails and nothing of it is committed.
 */
static void test_fault_mid_aggregate(void)
{
	struct ingest_opts o;
	char *before;
	int rc;

	fresh_db();
	opts(&o);
	CU_ASSERT_EQUAL_FATAL(ingest1(&o, file("f1.csv", f1_csv)), 0);
	before = dump();
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db, "CREATE TEMP TRIGGER fault "
		"AFTER INSERT ON agg_needs WHEN (SELECT count(*) FROM agg_needs)"
		" > (SELECT count(*) FROM temp.fault_base) + 2 BEGIN SELECT "
		"RAISE(ABORT, 'fault injected'); END; CREATE TEMP TABLE "
		"fault_base AS SELECT * FROM agg_needs", NULL, NULL, NULL),
		SQLITE_OK);
	rc = ingest1(&o, file("f2.csv", f2_csv));
	CU_ASSERT(rc < 0 && rc != NS_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "fault injected"));
	sqlite3_exec(db, "DROP TRIGGER temp.fault; DROP TABLE temp.fault_base",
		     NULL, NULL, NULL);
	expect_unchanged(before);
	free(before);
	CU_ASSERT_EQUAL(ingest1(&o, file("f2.csv", f2_csv)), 0);
	CU_ASSERT_EQUAL(agg_mismatch(), 0);
}

static int suite_clean(void)
{
	ingest_stats_release(&st);
	if (db)
		sqlite3_close(db);
	db = NULL;
	return 0;
}

static CU_TestInfo tests[] = {
	{"good file: counts", test_good_file},
	{"good file: contacts, needs, categories", test_good_file_contacts},
	{"postal codes cut to FSA / ZIP5, names not stored",
	 test_postal_never_full},
	{"postal codes not stored as issue examples",
	 test_postal_not_in_issues},
	{"batch row and SHA-256", test_batch_row},
	{"header matched by name", test_header_by_name},
	{"rows of a contact not consecutive", test_contact_rows_split},
	{"contact_id trimmed, blank and long rejected", test_contact_id},
	{"bad rows: counts", test_bad_rows_counts},
	{"bad rows: first 10 messages", test_bad_rows_messages},
	{"bad rows: rejects file", test_bad_rows_rejects_file},
	{"optional fields: unknown and counted", test_optional_fields},
	{"issue examples: file, line, value, postal codes masked",
	 test_issue_examples},
	{"BOM, CRLF, quoted newlines: lines", test_bom_crlf_lines},
	{"reasons are not doubled", test_reasons_not_doubled},
	{"re-ingest the same file", test_reingest_same_file},
	{"later export replaces contacts", test_replace_contacts},
	{"replace, then re-ingest both files", test_replace_then_reingest},
	{"same file twice, two sources", test_same_file_and_sources},
	{"re-ingest through stdin", test_reingest_stdin},
	{"re-ingest through stdin, file with a bad row",
	 test_reingest_stdin_with_rejects},
	{"strict: nothing loaded", test_strict},
	{"max_rejects", test_max_rejects},
	{"dry run writes nothing", test_dry_run},
	{"missing required column", test_missing_column},
	{"empty file", test_empty_file},
	{"header only", test_header_only},
	{"every row rejected", test_all_rejected},
	{"unterminated quote at end of file", test_unterminated_quote},
	{"fault: a failed read while replacing", test_fault_replacing},
	{"fault: a failed write mid-aggregate", test_fault_mid_aggregate},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_ingest[] = {
	{"ingest", NULL, suite_clean, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
