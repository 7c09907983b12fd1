/*
 * profile_stage: the private work database of a profile run (see
 * profile_stage.h).  Everything is keyed and ordered by SQLite on disk, so
 * memory stays bounded whatever the size of the files; only the need being
 * regrouped is held in memory.
 */
#include "profile_stage.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char schema[] =
	"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	"PRAGMA cache_size = -32768; PRAGMA locking_mode = EXCLUSIVE;"
	"CREATE TABLE dup(h BLOB PRIMARY KEY, line INTEGER) WITHOUT ROWID;"
	"CREATE TABLE pc(key TEXT PRIMARY KEY, seq INTEGER, line INTEGER, "
	"rec TEXT, drop_ TEXT, v0, v1, v2, v3, v4, v5, v6, v7);"
	"CREATE TABLE pn(id INTEGER PRIMARY KEY, ckey TEXT, nid TEXT, "
	"line INTEGER, rec TEXT, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10,"
	" v11, v12, v13);"
	"CREATE INDEX pn_k ON pn(ckey, nid, id);"
	"CREATE INDEX pc_seq ON pc(seq);"
	"BEGIN;";           /* one transaction: never committed, never synced */

static const char *const stmts[] = {
	"INSERT INTO dup VALUES (?1, ?2) ON CONFLICT DO NOTHING",
	"SELECT line FROM dup WHERE h = ?1",
	"SELECT line FROM pc WHERE key = ?1",
	"INSERT INTO pc VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13)",
	"UPDATE pc SET line = ?3, rec = ?4, drop_ = ?5, v0 = ?6, v1 = ?7, "
	"v2 = ?8, v3 = ?9, v4 = ?10, v5 = ?11, v6 = ?12, v7 = ?13 WHERE key "
	"= ?1",
	"INSERT INTO pn(ckey, nid, line, rec, v0, v1, v2, v3, v4, v5, v6, v7,"
	" v8, v9, v10, v11, v12, v13) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
};

static int fail(struct pstage *s, struct nserr *err, const char *what)
{
	return nserr_set(err, NS_EIO, "work database (%s): %s", what,
			 s->db ? sqlite3_errmsg(s->db) : "cannot open");
}

/* The statements of s, in the order of stmts[]. */
static void stmt_slots(struct pstage *s, sqlite3_stmt **st[6])
{
	st[0] = &s->dup_put;
	st[1] = &s->dup_get;
	st[2] = &s->c_get;
	st[3] = &s->c_put;
	st[4] = &s->c_upd;
	st[5] = &s->n_put;
}

int pstage_open(struct pstage **out, struct nserr *err)
{
	sqlite3_stmt **st[6];
	struct pstage *s = calloc(1, sizeof *s);
	size_t i;

	*out = NULL;
	if (!s)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		int rc = fail(s, err, "create");
		pstage_close(s);
		return rc;
	}
	stmt_slots(s, st);
	for (i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		if (sqlite3_prepare_v2(s->db, stmts[i], -1, st[i], NULL) !=
		    SQLITE_OK) {
			int rc = fail(s, err, "prepare");
			pstage_close(s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

void pstage_close(struct pstage *s)
{
	sqlite3_stmt **st[6];
	size_t i;

	if (!s)
		return;
	stmt_slots(s, st);
	for (i = 0; i < sizeof stmts / sizeof stmts[0]; i++)
		sqlite3_finalize(*st[i]);
	sqlite3_close(s->db);
	free(s->grp);
	free(s);
}

int pstage_dup_reset(struct pstage *s, struct nserr *err)
{
	if (sqlite3_exec(s->db, "DELETE FROM dup", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return fail(s, err, "reset");
	return 0;
}

int pstage_dup(struct pstage *s, const struct csvin_record *r, uint64_t line,
	       uint64_t *first, struct nserr *err)
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;
	int rc;

	sha256_init(&h);
	for (i = 0; i < r->nfields; i++) {
		uint8_t n[8];
		uint64_t l = r->len[i];
		int k;
		for (k = 0; k < 8; k++)
			n[k] = (uint8_t)(l >> (8 * k));
		sha256_update(&h, sizeof n, n);
		sha256_update(&h, r->len[i], (const uint8_t *)r->field[i]);
	}
	sha256_digest(&h, sizeof d, d);
	sqlite3_reset(s->dup_put);
	sqlite3_bind_blob(s->dup_put, 1, d, 16, SQLITE_STATIC);
	sqlite3_bind_int64(s->dup_put, 2, (sqlite3_int64)line);
	if (sqlite3_step(s->dup_put) != SQLITE_DONE)
		return fail(s, err, "duplicates");
	if (sqlite3_changes(s->db) == 1)
		return 0;
	sqlite3_reset(s->dup_get);
	sqlite3_bind_blob(s->dup_get, 1, d, 16, SQLITE_STATIC);
	rc = sqlite3_step(s->dup_get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, err, "duplicates");
	*first = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s->dup_get,
								    0) : 0;
	sqlite3_reset(s->dup_get);
	return 1;
}

static void bind_vals(sqlite3_stmt *st, int at, const struct prow *v,
		      int from, int to)
{
	int c;

	for (c = from; c < to; c++) {
		if (v && v->v[c])
			sqlite3_bind_text(st, at + c - from, v->v[c],
					  (int)v->len[c], SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, at + c - from);
	}
}

int pstage_contact(struct pstage *s, const char *key, size_t klen,
		   uint64_t line, const char *rec, size_t rec_len,
		   const char *drop, const struct prow *v, uint64_t *first,
		   struct nserr *err)
{
	sqlite3_stmt *st;
	int found;

	sqlite3_reset(s->c_get);
	sqlite3_bind_text(s->c_get, 1, key, (int)klen, SQLITE_STATIC);
	found = sqlite3_step(s->c_get);
	if (found != SQLITE_ROW && found != SQLITE_DONE)
		return fail(s, err, "contacts");
	found = found == SQLITE_ROW;
	if (found)
		*first = (uint64_t)sqlite3_column_int64(s->c_get, 0);
	sqlite3_reset(s->c_get);
	st = found ? s->c_upd : s->c_put;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, ++s->seq);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)line);
	sqlite3_bind_text(st, 4, rec, (int)rec_len, SQLITE_STATIC);
	if (drop)
		sqlite3_bind_text(st, 5, drop, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	bind_vals(st, 6, v, CC_CONTACT_ID, CC_GENDER + 1);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, err, "contacts");
	return found;
}

int pstage_need(struct pstage *s, const char *key, size_t klen,
		const char *nid, size_t nlen, uint64_t line, const char *rec,
		size_t rec_len, const struct prow *v, struct nserr *err)
{
	sqlite3_stmt *st = s->n_put;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, (int)klen, SQLITE_STATIC);
	if (nid && nlen)
		sqlite3_bind_text(st, 2, nid, (int)nlen, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)line);
	sqlite3_bind_text(st, 4, rec, (int)rec_len, SQLITE_STATIC);
	bind_vals(st, 5, v, 0, CC_N);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, err, "needs");
	return 0;
}

/* Read-back: one SELECT layout for both modes.  Columns: 0 contact key,
 * 1 contact line, 2 contact record, 3 drop label, 4..11 contact values,
 * 12 need id, 13 need row id (NULL: no need), 14 need line, 15 need
 * record, 16..21 need values. */
static const char q_join[] =
	"SELECT c.key, c.line, c.rec, c.drop_, c.v0, c.v1, c.v2, c.v3, c.v4,"
	" c.v5, c.v6, c.v7, n.nid, n.id, n.line, n.rec, n.v8, n.v9, n.v10, "
	"n.v11, n.v12, n.v13 FROM pc c LEFT JOIN pn n ON n.ckey = c.key "
	"ORDER BY c.seq, n.nid, n.id";
static const char q_one[] =
	"SELECT ckey, line, rec, NULL, v0, v1, v2, v3, v4, v5, v6, v7, nid, "
	"id, line, rec, v8, v9, v10, v11, v12, v13 FROM pn "
	"ORDER BY ckey, nid, id";
static const char q_orphans[] =
	"SELECT ckey, line, rec FROM pn WHERE ckey NOT IN (SELECT key FROM pc)"
	" ORDER BY id";

enum { G_KEY = CC_N, G_CREC, G_NREC, G_NSLOTS };

/* The need being regrouped: the first row's texts in one arena, the
 * referred_to last so that later rows' agencies extend it. */
struct group {
	int active, has_need;
	sqlite3_int64 cline, nline;
	size_t off[G_NSLOTS], len[G_NSLOTS];
	int has[G_NSLOTS];
	size_t used;
};

static int arena_put(struct pstage *s, struct group *g, int slot,
		     const void *p, size_t n)
{
	if (g->used + n + 2 > s->grp_cap) {
		size_t cap = (g->used + n + 2) * 2;
		char *b = realloc(s->grp, cap);
		if (!b)
			return NS_ENOMEM;
		s->grp = b;
		s->grp_cap = cap;
	}
	if (slot >= 0) {
		g->off[slot] = g->used;
		g->len[slot] = n;
		g->has[slot] = p != NULL;
	}
	if (n)
		memcpy(s->grp + g->used, p, n);
	g->used += n;
	s->grp[g->used] = '\0';
	return 0;
}

static int col_put(struct pstage *s, struct group *g, sqlite3_stmt *q,
		   int qcol, int slot)
{
	const void *t = sqlite3_column_text(q, qcol);
	int rc = arena_put(s, g, slot, t, (size_t)sqlite3_column_bytes(q, qcol));

	if (!rc)
		rc = arena_put(s, g, -1, "", 1);     /* NUL after it */
	return rc;
}

static int vcol(int c)
{
	return c <= CC_GENDER ? 4 + c : 16 + (c - CC_CODE);
}

static int start_group(struct pstage *s, struct group *g, sqlite3_stmt *q)
{
	int c, rc;

	memset(g, 0, sizeof *g);
	g->active = 1;
	g->has_need = sqlite3_column_type(q, 13) != SQLITE_NULL;
	g->cline = sqlite3_column_int64(q, 1);
	g->nline = sqlite3_column_int64(q, 14);
	if ((rc = col_put(s, g, q, 0, G_KEY)) || (rc = col_put(s, g, q, 2,
	    G_CREC)) || (rc = col_put(s, g, q, 15, G_NREC)))
		return rc;
	for (c = 0; c < CC_N; c++) {
		if (sqlite3_column_type(q, vcol(c)) == SQLITE_NULL)
			continue;
		if (c == CC_REFERRED_TO)
			break;
		if ((rc = col_put(s, g, q, vcol(c), c)) != 0)
			return rc;
	}
	if (sqlite3_column_type(q, vcol(CC_REFERRED_TO)) != SQLITE_NULL)
		return arena_put(s, g, CC_REFERRED_TO, sqlite3_column_text(q,
			vcol(CC_REFERRED_TO)), (size_t)sqlite3_column_bytes(q,
			vcol(CC_REFERRED_TO)));
	return 0;
}

/* Another row of the same need: add its agencies. */
static int extend_group(struct pstage *s, struct group *g, sqlite3_stmt *q)
{
	const char *t = (const char *)sqlite3_column_text(q,
							  vcol(CC_REFERRED_TO));
	size_t n = (size_t)sqlite3_column_bytes(q, vcol(CC_REFERRED_TO));
	int rc;

	if (!t || !n)
		return 0;
	if (!g->has[CC_REFERRED_TO]) {
		arena_put(s, g, -1, "", 0);
		return arena_put(s, g, CC_REFERRED_TO, t, n);
	}
	if ((rc = arena_put(s, g, -1, ";", 1)) != 0 ||
	    (rc = arena_put(s, g, -1, t, n)) != 0)
		return rc;
	g->len[CC_REFERRED_TO] += n + 1;
	return 0;
}

static int flush_group(struct pstage *s, struct group *g,
		       const struct pstage_emit *e)
{
	struct porigin oc, on;
	struct prow row;
	int c;

	if (!g->active)
		return 0;
	g->active = 0;
	memset(&row, 0, sizeof row);
	for (c = 0; c < CC_N; c++)
		if (g->has[c]) {
			row.v[c] = s->grp + g->off[c];
			row.len[c] = g->len[c];
		}
	row.count_refs = e->count_refs && g->has_need;
	memset(&oc, 0, sizeof oc);
	oc.file = e->join ? e->cfile : e->nfile;
	oc.line = (uint64_t)g->cline;
	oc.text = s->grp + g->off[G_CREC];
	oc.text_len = g->len[G_CREC];
	on = oc;
	if (g->has_need) {
		on.file = e->nfile;
		on.line = (uint64_t)g->nline;
		on.text = s->grp + g->off[G_NREC];
		on.text_len = g->len[G_NREC];
	}
	return e->row(e->ctx, &row, &oc, &on);
}

/* The group key of the current row into buf: key, need id or row id. */
static void group_key(sqlite3_stmt *q, char *buf, size_t size)
{
	if (sqlite3_column_type(q, 13) == SQLITE_NULL)
		snprintf(buf, size, "%s\x1f-", sqlite3_column_text(q, 0));
	else if (sqlite3_column_type(q, 12) != SQLITE_NULL)
		snprintf(buf, size, "%s\x1f=%s", sqlite3_column_text(q, 0),
			 sqlite3_column_text(q, 12));
	else
		snprintf(buf, size, "%s\x1f#%lld", sqlite3_column_text(q, 0),
			 (long long)sqlite3_column_int64(q, 13));
}

/* 1 when t[0..n) (blanks trimmed) is blank or already one of the group's
 * ';'-joined agencies. */
static int adds_nothing(const struct pstage *s, const struct group *g,
			const char *t, size_t n)
{
	const char *p, *end;

	while (n && (*t == ' ' || *t == '\t'))
		t++, n--;
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	if (!n)
		return 1;
	if (!g->has[CC_REFERRED_TO])
		return 0;
	p = s->grp + g->off[CC_REFERRED_TO];
	end = p + g->len[CC_REFERRED_TO];
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *x = p, *y = semi ? semi : end;
		while (x < y && (*x == ' ' || *x == '\t'))
			x++;
		while (y > x && (y[-1] == ' ' || y[-1] == '\t'))
			y--;
		if ((size_t)(y - x) == n && memcmp(x, t, n) == 0)
			return 1;
		p = semi ? semi + 1 : end;
	}
	return 0;
}

/* A further row of the need being regrouped: merged (its agencies are
 * added) or a duplicate (it adds none). */
static int further_row(struct pstage *s, struct group *g, sqlite3_stmt *q,
		       const struct pstage_emit *e)
{
	const char *t = (const char *)sqlite3_column_text(q,
							  vcol(CC_REFERRED_TO));
	size_t n = (size_t)sqlite3_column_bytes(q, vcol(CC_REFERRED_TO));
	struct porigin o;
	char why[160];
	int dup = adds_nothing(s, g, t ? t : "", t ? n : 0), rc;

	memset(&o, 0, sizeof o);
	o.file = e->nfile;
	o.line = (uint64_t)sqlite3_column_int64(q, 14);
	o.text = (const char *)sqlite3_column_text(q, 15);
	o.text_len = (size_t)sqlite3_column_bytes(q, 15);
	snprintf(why, sizeof why, "same need id as line %lld, no further "
		 "agency: duplicate", (long long)g->nline);
	if (e->skip && (rc = e->skip(e->ctx, dup, &o, why)) != 0)
		return rc;
	return dup ? 0 : extend_group(s, g, q);
}

static int dropped_row(sqlite3_stmt *q, const struct pstage_emit *e)
{
	struct porigin o;
	char label[300];

	if (sqlite3_column_type(q, 13) == SQLITE_NULL)
		return 0;              /* the contact alone: counted already */
	memset(&o, 0, sizeof o);
	o.file = e->nfile;
	o.line = (uint64_t)sqlite3_column_int64(q, 14);
	o.text = (const char *)sqlite3_column_text(q, 15);
	o.text_len = (size_t)sqlite3_column_bytes(q, 15);
	snprintf(label, sizeof label, "its contact was dropped (%s)",
		 sqlite3_column_text(q, 3));
	return e->drop(e->ctx, label, &o);
}

static int orphans(struct pstage *s, const struct pstage_emit *e,
		   struct nserr *err)
{
	sqlite3_stmt *q;
	struct porigin o;
	int rc = 0, st;

	if (sqlite3_prepare_v2(s->db, q_orphans, -1, &q, NULL) != SQLITE_OK)
		return fail(s, err, "read back");
	memset(&o, 0, sizeof o);
	o.file = e->nfile;
	while (!rc && (st = sqlite3_step(q)) == SQLITE_ROW) {
		o.line = (uint64_t)sqlite3_column_int64(q, 1);
		o.text = (const char *)sqlite3_column_text(q, 2);
		o.text_len = (size_t)sqlite3_column_bytes(q, 2);
		rc = e->orphan(e->ctx, (const char *)sqlite3_column_text(q, 0),
			       &o);
	}
	if (!rc && st != SQLITE_DONE)
		rc = fail(s, err, "read back");
	sqlite3_finalize(q);
	return rc;
}

int pstage_emit(struct pstage *s, const struct pstage_emit *e,
		struct nserr *err)
{
	struct group g;
	sqlite3_stmt *q;
	char cur[600], key[600], lastc[600];
	int rc = 0, st;

	memset(&g, 0, sizeof g);
	cur[0] = lastc[0] = '\0';
	if (sqlite3_prepare_v2(s->db, e->join ? q_join : q_one, -1, &q,
			       NULL) != SQLITE_OK)
		return fail(s, err, "read back");
	while (!rc && (st = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_type(q, 3) != SQLITE_NULL) {
			if ((rc = flush_group(s, &g, e)) == 0)
				rc = dropped_row(q, e);
			continue;
		}
		group_key(q, key, sizeof key);
		if (g.active && strcmp(key, cur) == 0) {
			rc = further_row(s, &g, q, e);
			continue;
		}
		if ((rc = flush_group(s, &g, e)) == 0)
			rc = start_group(s, &g, q);
		memcpy(cur, key, sizeof cur);
		if (!rc && e->join && e->skip && g.has_need &&
		    strcmp(lastc, (const char *)sqlite3_column_text(q, 0))) {
			/* the contacts-file row travels with its needs */
			snprintf(lastc, sizeof lastc, "%s",
				 sqlite3_column_text(q, 0));
			rc = e->skip(e->ctx, 0, NULL, NULL);
		}
	}
	if (!rc && st != SQLITE_DONE)
		rc = fail(s, err, "read back");
	if (!rc)
		rc = flush_group(s, &g, e);
	sqlite3_finalize(q);
	if (rc == NS_ENOMEM)
		nserr_set(err, rc, "out of memory");
	if (!rc && e->join)
		rc = orphans(s, e, err);
	if (!rc && sqlite3_exec(s->db, "DELETE FROM pc; DELETE FROM pn", NULL,
				NULL, NULL) != SQLITE_OK)
		rc = fail(s, err, "clear");
	return rc;
}
