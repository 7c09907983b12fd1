/*
 * ingest_batch: the writer's fast path.  Needs are buffered and inserted
 * NEEDS_PER_INSERT rows a statement; runs of new contacts are inserted
 * CONTACTS_PER_INSERT a statement with ids assigned in order, falling back
 * to one row at a time (replacement, appending) when one already exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "ingest_int.h"

/* The multi-row INSERT of CONTACTS_PER_INSERT contacts. */
int batch_prepare_contacts(struct store *s, struct nserr *err)
{
	static const char head[] = "INSERT INTO contacts(source_id, "
		"source_contact_id, batch_id, started_local, utc_offset, "
		"started_utc, month, channel, language, postal_key, province, "
		"region_id, age_group, gender, id, region_given) VALUES ";
	static const char row[] = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?),";
	char q[sizeof head + CONTACTS_PER_INSERT * (sizeof row - 1)];
	size_t n = sizeof head - 1, i;
	long long max;
	int rc;

	memcpy(q, head, n);
	for (i = 0; i < CONTACTS_PER_INSERT; i++) {
		memcpy(q + n, row, sizeof row - 1);
		n += sizeof row - 1;
	}
	q[n - 1] = '\0';
	if ((rc = db_int(s->db, "SELECT max(id) FROM contacts", 0, &max,
			 err)) != 0)
		return rc;
	s->next_id = max + 1;
	return db_prepare(s->db, q, &s->ins_contacts, err);
}

/* The multi-row INSERT of NEEDS_PER_INSERT needs. */
int batch_prepare_needs(struct store *s, struct nserr *err)
{
	static const char head[] = "INSERT INTO needs(contact_id, seq, "
		"code_id, category, map_version, status, reason, referrals) "
		"VALUES ";
	static const char row[] = "(?,?,?,?,?,?,?,?),";
	char q[sizeof head + NEEDS_PER_INSERT * (sizeof row - 1)];
	size_t n = sizeof head - 1, i;

	memcpy(q, head, n);
	for (i = 0; i < NEEDS_PER_INSERT; i++) {
		memcpy(q + n, row, sizeof row - 1);
		n += sizeof row - 1;
	}
	q[n - 1] = '\0';          /* drop the last comma */
	return db_prepare(s->db, q, &s->ins_needs, err);
}

/* Bind pending need i at parameter offset k of st. */
static void bind_need(struct store *s, sqlite3_stmt *st, int k,
		      const struct pending_need *p)
{
	const struct need_row *r = p->row;

	sqlite3_bind_int64(st, k + 1, p->contact_id);
	sqlite3_bind_int(st, k + 2, p->seq);
	if (r->has_code)
		sqlite3_bind_int64(st, k + 3, p->code_id);
	else
		sqlite3_bind_null(st, k + 3);
	sqlite3_bind_text(st, k + 4, store_category(s, r->category), -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(st, k + 5, r->category_given ? 0
			   : s->cl->map_version);
	sqlite3_bind_text(st, k + 6, r->status, -1, SQLITE_STATIC);
	if (r->reason)
		sqlite3_bind_text(st, k + 7, r->reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, k + 7);
	if (r->referrals >= 0)
		sqlite3_bind_int64(st, k + 8, r->referrals);
	else
		sqlite3_bind_null(st, k + 8);
}

/* Insert pending needs [from, from + n) with one statement. */
static int insert_needs(struct store *s, sqlite3_stmt *st, size_t from,
			size_t n, struct nserr *err)
{
	size_t i;
	int rc;

	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		bind_need(s, st, (int)(8 * i), &s->pend[from + i]);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(s->db, err, "inserting needs");
	for (i = 0; i < n; i++) {
		const struct pending_need *p = &s->pend[from + i];
		if (p->row->referred_len &&
		    (rc = store_referrals(s, p->contact_id, p->seq, p->row,
					  err)) != 0)
			return rc;
	}
	return 0;
}

/* Write the pending needs: NEEDS_PER_INSERT rows a statement. */
int batch_flush_needs(struct store *s, struct nserr *err)
{
	size_t i = 0;
	int rc = 0;

	while (!rc && s->npend - i >= NEEDS_PER_INSERT) {
		rc = insert_needs(s, s->ins_needs, i, NEEDS_PER_INSERT, err);
		i += NEEDS_PER_INSERT;
	}
	for (; !rc && i < s->npend; i++)
		rc = insert_needs(s, s->ins_need, i, 1, err);
	s->npend = 0;
	return rc;
}

int batch_need(struct store *s, const struct need_row *r,
		      struct nserr *err)
{
	struct pending_need *p;
	int64_t cid = 0;
	int rc, cat, status, reason;

	if (r->has_code && (rc = store_code_id(s, r, &cid, err)) != 0)
		return rc;
	if (s->npend == PENDING_NEEDS && (rc = batch_flush_needs(s, err)) != 0)
		return rc;
	p = &s->pend[s->npend++];
	p->row = r;
	p->contact_id = s->cur_id;
	p->seq = ++s->cur_seq;
	p->code_id = cid;
	s->needs++;
	s->cur_needs++;
	cat = store_category_id(s, r->category);
	status = agg_id(&s->agg, r->status, strlen(r->status));
	reason = r->reason ? agg_id(&s->agg, r->reason, strlen(r->reason)) : 0;
	if (cat < 0 || status < 0 || reason < 0 ||
	    agg_need_ids(&s->agg, s->cur_month, cat, s->cur_dims[0], status,
			 reason, 1, r->referrals))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (r->referred_len) {
		const char *q = r->referred_to, *end = q + r->referred_len, *ag;
		size_t len;
		while (store_next_agency(&q, end, &ag, &len))
			if (agg_referral(&s->agg, s->cur_month,
					 store_category(s, r->category),
					 s->cur_region, ag, len, 1))
				return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	return 0;
}

/* Count the current contact (when new or replaced) and the needs written
 * for it in its cell: one touch of the cell a contact. */
int batch_end_contact(struct store *s, struct nserr *err)
{
	if ((s->cur_needs || s->cur_counted) &&
	    agg_contact_ids(&s->agg, s->cur_month, s->cur_dims, s->cur_counted,
			    (int)s->cur_needs))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	s->cur_needs = 0;
	s->cur_counted = 0;
	return 0;
}

static int same_key(const struct need_row *a, const struct need_row *b)
{
	return a->contact_len == b->contact_len &&
	       memcmp(a->contact_id, b->contact_id, a->contact_len) == 0;
}

/*
 * Find CONTACTS_PER_INSERT consecutive contact groups from rows[i]:
 * start[g] is the first row of group g, start[CONTACTS_PER_INSERT] the end.
 * Returns 1 when found and their ids are distinct, else 0.
 */
static int find_chunk(const struct need_row *rows, size_t i, size_t n,
		      size_t *start)
{
	int g = 0, a, b;

	start[0] = i;
	while (g < CONTACTS_PER_INSERT && i < n) {
		size_t j = i + 1;
		while (j < n && same_key(&rows[j], &rows[i]))
			j++;
		start[++g] = j;
		i = j;
	}
	if (g < CONTACTS_PER_INSERT)
		return 0;
	for (a = 0; a < g; a++)
		for (b = a + 1; b < g; b++)
			if (same_key(&rows[start[a]], &rows[start[b]]))
				return 0;
	return 1;
}

/* Insert the chunk's contacts in one statement with ids next_id...
 * Returns 0, 1 when a contact already exists (nothing inserted), or a
 * negative status. */
static int insert_contacts(struct store *s, const struct need_row *rows,
			   const size_t *start, struct nserr *err)
{
	sqlite3_stmt *st = s->ins_contacts;
	int g, rc;

	sqlite3_reset(st);
	for (g = 0; g < CONTACTS_PER_INSERT; g++) {
		store_bind_contact(s, st, 16 * g, &rows[start[g]]);
		sqlite3_bind_int64(st, 16 * g + 15, s->next_id + g);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "inserting contacts");
	return 0;
}

/* The chunk's contacts are inserted: write their needs. */
static int chunk_needs(struct store *s, const struct need_row *rows,
		       const size_t *start, struct nserr *err)
{
	int g, rc;

	for (g = 0; g < CONTACTS_PER_INSERT; g++) {
		size_t j;
		if ((rc = batch_end_contact(s, err)) != 0)
			return rc;
		if (agg_full(&s->agg) && (rc = agg_flush(&s->agg, s->db, err)))
			return rc;
		s->cur_id = s->next_id + g;
		s->cur_seq = 0;
		s->contacts_new++;
		if ((rc = store_contact_started(s, &rows[start[g]], 1, err)) != 0)
			return rc;
		for (j = start[g]; j < start[g + 1]; j++) {
			store_count_row(s, &rows[j], j == start[g]);
			if (rows[j].kind == ROW_NEED &&
			    (rc = batch_need(s, &rows[j], err)) != 0)
				return rc;
		}
	}
	s->next_id += CONTACTS_PER_INSERT;
	return 0;
}

/* Runs on the writer thread: one block of rows, then the pending needs
 * (they point into the block, which is reused after this returns).
 * New contacts go CONTACTS_PER_INSERT a statement; a chunk holding a
 * contact already stored falls back to one row at a time. */
int batch_write_block(void *ctx, const struct need_row *rows, size_t n,
		       struct nserr *err)
{
	struct store *s = ctx;
	size_t i = 0, start[CONTACTS_PER_INSERT + 1];
	int rc = 0;

	while (!rc && i < n) {
		if (s->cur_len == rows[i].contact_len &&
		    memcmp(s->cur_key, rows[i].contact_id, s->cur_len) == 0) {
			rc = store_write_row(s, &rows[i++], err);
			continue;
		}
		if (s->multi_backoff == 0 && find_chunk(rows, i, n, start) &&
		    (rc = insert_contacts(s, rows, start, err)) == 0) {
			rc = chunk_needs(s, rows, start, err);
			i = start[CONTACTS_PER_INSERT];
			continue;
		}
		if (rc < 0)
			break;
		if (rc == 1)            /* a contact of the chunk exists */
			s->multi_backoff = MULTI_BACKOFF;
		rc = store_write_row(s, &rows[i++], err);
	}
	if (!rc)
		rc = batch_flush_needs(s, err);
	return rc;
}

