/*
 * sqlite_floor: how long SQLite alone takes to store what needstat-ingest
 * stores, with no parsing, validation or aggregates: N needs in contacts of
 * 1-2 needs (0.61 contacts per need, as in the benchmark files), into a
 * database made by needstat-init, with needstat's own multi-row statements
 * (32 contacts, 64 needs a statement) in one transaction.  Used by
 * bench/sqlite_floor.sh to compare with sqlite3's .import of a flat file.
 *   usage: sqlite_floor DB NEEDS
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CPI 32
#define NPI 64

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static sqlite3_stmt *multi(sqlite3 *db, const char *head, const char *row,
			   int n)
{
	char q[32768];
	size_t len = (size_t)snprintf(q, sizeof q, "%s", head);
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(q + len, sizeof q - len, "%s%s",
					i ? "," : "", row);
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite_floor: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	return st;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *sc, *sn;
	long needs, ncontacts, c, done = 0, k = 0;
	char key[32];
	double t0;
	int i;

	if (argc != 3 || (needs = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: sqlite_floor DB NEEDS\n");
		return 64;
	}
	ncontacts = needs * 61 / 100 / CPI * CPI;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON;"
		     "INSERT INTO sources(name) VALUES ('floor');"
		     "INSERT INTO batches(source_id, file_name, profile, "
		     "started_at) VALUES (1, 'floor', 'floor', 'now');"
		     "BEGIN", NULL, NULL, NULL);
	sc = multi(db, "INSERT INTO contacts(source_id, source_contact_id, "
		   "batch_id, started_local, utc_offset, started_utc, month, "
		   "channel, language, postal_key, province, region_id, "
		   "age_group, gender, id) VALUES ",
		   "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", CPI);
	sn = multi(db, "INSERT INTO needs(contact_id, seq, code_id, category, "
		   "map_version, status, reason, referrals) VALUES ",
		   "(?,?,?,?,?,?,?,?)", NPI);
	t0 = now();
	for (c = 1; c <= ncontacts; c += CPI) {
		sqlite3_reset(sc);
		for (i = 0; i < CPI; i++) {
			int b = 15 * i;
			int n = snprintf(key, sizeof key, "C%09ld", c + i);
			sqlite3_bind_int(sc, b + 1, 1);
			sqlite3_bind_text(sc, b + 2, key, n, SQLITE_TRANSIENT);
			sqlite3_bind_int(sc, b + 3, 1);
			sqlite3_bind_text(sc, b + 4, "2024-03-05 14:22:10", -1,
					  SQLITE_STATIC);
			sqlite3_bind_int(sc, b + 5, -300);
			sqlite3_bind_int64(sc, b + 6, 1709666530 + c + i);
			sqlite3_bind_int(sc, b + 7, 202403);
			sqlite3_bind_text(sc, b + 8, "phone", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 9, "en", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 10, "K1A", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 11, "ON", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 12, "ON", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 13, "35-44", -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, b + 14, "woman", -1, SQLITE_STATIC);
			sqlite3_bind_int64(sc, b + 15, c + i);
		}
		if (sqlite3_step(sc) != SQLITE_DONE)
			return fprintf(stderr, "%s\n", sqlite3_errmsg(db)), 1;
	}
	/* needs: contact c gets m = 1..4 needs (55/30/11/4 %, 1.64 on
	 * average, as in the benchmark files), seq 1..m, in order; the last
	 * contact takes what is left */
	for (c = 1, k = 0; done < needs; ) {
		sqlite3_reset(sn);
		for (i = 0; i < NPI; i++) {
			int b = 8 * i, p = (int)(c % 100);
			int m = 1 + (p >= 55) + (p >= 85) + (p >= 96);
			sqlite3_bind_int64(sn, b + 1, c);
			sqlite3_bind_int64(sn, b + 2, k + 1);
			sqlite3_bind_int(sn, b + 3, 1 + (int)(done % 300));
			sqlite3_bind_text(sn, b + 4, "housing", -1, SQLITE_STATIC);
			sqlite3_bind_int(sn, b + 5, 1);
			sqlite3_bind_text(sn, b + 6, "met", -1, SQLITE_STATIC);
			sqlite3_bind_null(sn, b + 7);
			sqlite3_bind_int(sn, b + 8, 2);
			done++;
			if (++k >= m && c < ncontacts) {
				k = 0;
				c++;
			}
		}
		if (sqlite3_step(sn) != SQLITE_DONE)
			return fprintf(stderr, "%s\n", sqlite3_errmsg(db)), 1;
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	printf("sqlite_floor: %ld contacts, %ld needs stored in %.2f s\n",
	       ncontacts, done, now() - t0);
	sqlite3_finalize(sc);
	sqlite3_finalize(sn);
	return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
