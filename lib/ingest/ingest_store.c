/*
 * ingest_store: writing validated rows with prepared statements inside the
 * caller's transaction.  Consecutive rows with one contact_id make one
 * contact.  A contact_id already stored for the source from an earlier
 * batch is replaced (its needs deleted, aggregates decremented); one seen
 * earlier in this batch gets the new needs appended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "ingest_int.h"
#include "ingest_pipe.h"

static const char *const sql[] = {
	"INSERT INTO contacts(source_id, source_contact_id, batch_id, "
	"started_local, utc_offset, started_utc, month, channel, language, "
	"postal_key, province, region_id, age_group, gender, id, region_given) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	"?15, ?16)",
	"SELECT id, batch_id, month, region_id, channel, language, age_group, "
	"gender FROM contacts WHERE source_id = ?1 AND source_contact_id = ?2",
	"UPDATE contacts SET batch_id = ?3, started_local = ?4, utc_offset = "
	"?5, started_utc = ?6, month = ?7, channel = ?8, language = ?9, "
	"postal_key = ?10, province = ?11, region_id = ?12, age_group = ?13, "
	"gender = ?14, region_given = ?16 WHERE id = ?15 AND source_id = ?1 AND "
	"source_contact_id = ?2",
	"SELECT category, status, reason, referrals FROM needs WHERE "
	"contact_id = ?1",
	/* foreign keys are off during a load: no ON DELETE CASCADE */
	"DELETE FROM needs WHERE contact_id = ?1",
	"INSERT INTO needs(contact_id, seq, code_id, category, map_version, "
	"status, reason, referrals) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"INSERT INTO referrals(contact_id, seq, agency) VALUES (?1, ?2, ?3)",
	"INSERT INTO codes(code, service, targets, level) VALUES (?1, ?2, ?3, "
	"?4)",
	"SELECT coalesce(max(seq), 0) FROM needs WHERE contact_id = ?1",
	"SELECT n.category, r.agency FROM needs n JOIN referrals r ON "
	"r.contact_id = n.contact_id AND r.seq = n.seq WHERE n.contact_id = ?1",
	/* foreign keys are off during a load: no ON DELETE CASCADE */
	"DELETE FROM referrals WHERE contact_id = ?1",
};

int store_open(struct store *s, sqlite3 *db, const struct classify *cl,
	       long source_id, struct nserr *err)
{
	sqlite3_stmt **st[] = {&s->ins_contact, &s->find_contact,
		&s->upd_contact, &s->old_needs, &s->del_needs, &s->ins_need,
		&s->ins_ref, &s->ins_code, &s->max_seq, &s->old_refs, &s->del_refs};
	sqlite3_stmt *q;
	size_t i;
	int rc;

	memset(s, 0, sizeof *s);
	s->db = db;
	s->cl = cl;
	s->source_id = source_id;
	if (strmap_init(&s->codes) || agg_init(&s->agg) ||
	    !(s->cat_ids = malloc((cl->ncats ? cl->ncats : 1) *
				  sizeof *s->cat_ids)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < cl->ncats; i++)
		s->cat_ids[i] = -1;
	for (i = 0; i < sizeof st / sizeof st[0]; i++)
		if ((rc = db_prepare(db, sql[i], st[i], err)) != 0)
			return rc;
	if ((rc = batch_prepare_needs(s, err)) != 0 ||
	    (rc = batch_prepare_contacts(s, err)) != 0)
		return rc;
	if (!(s->pipe = malloc(sizeof *s->pipe)) ||
	    (rc = pipe_start(s->pipe, batch_write_block, s, err)) != 0) {
		free(s->pipe);
		s->pipe = NULL;
		return rc ? rc : nserr_set(err, NS_ENOMEM, "out of memory");
	}
	if ((rc = db_prepare(db, "SELECT id, code, service, level FROM codes",
			     &q, err)) != 0)
		return rc;
	while ((rc = db_row(db, q, "reading the codes", err)) == 1) {
		const char *code = (const char *)sqlite3_column_text(q, 1);
		const char *svc = (const char *)sqlite3_column_text(q, 2);
		int cat = classify_stored(cl, svc, sqlite3_column_int(q, 3));
		if (strmap_put(&s->codes, code, strlen(code),
			       (sqlite3_column_int64(q, 0) << 16) | cat,
			       NULL, NULL) < 0) {
			rc = nserr_set(err, NS_ENOMEM, "out of memory");
			break;
		}
	}
	sqlite3_finalize(q);
	return rc;
}

void store_close(struct store *s)
{
	if (s->pipe) {
		struct nserr ignored;
		pipe_drain(s->pipe, &ignored);
		pipe_stop(s->pipe);
		free(s->pipe);
		s->pipe = NULL;
	}
	sqlite3_finalize(s->ins_contact);
	sqlite3_finalize(s->find_contact);
	sqlite3_finalize(s->upd_contact);
	sqlite3_finalize(s->old_needs);
	sqlite3_finalize(s->del_needs);
	sqlite3_finalize(s->del_refs);
	sqlite3_finalize(s->ins_need);
	sqlite3_finalize(s->ins_needs);
	sqlite3_finalize(s->ins_contacts);
	sqlite3_finalize(s->ins_ref);
	sqlite3_finalize(s->ins_code);
	sqlite3_finalize(s->max_seq);
	sqlite3_finalize(s->old_refs);
	strmap_release(&s->codes);
	agg_release(&s->agg);
	free(s->cat_ids);
	s->cat_ids = NULL;
}

void store_begin_batch(struct store *s, long batch_id)
{
	s->batch_id = batch_id;
	s->date_min[0] = s->date_max[0] = '\0';
	s->cur_len = 0;
	s->cur_id = 0;
}

void store_bind_contact(struct store *s, sqlite3_stmt *st, int k,
			 const struct need_row *r)
{
	const struct classify_region *reg = &s->cl->regions[r->region];
	const struct ns_datetime *w = &r->when;

	sqlite3_bind_int64(st, k + 1, s->source_id);
	sqlite3_bind_text(st, k + 2, r->contact_id, (int)r->contact_len,
			  SQLITE_STATIC);
	sqlite3_bind_int64(st, k + 3, s->batch_id);
	sqlite3_bind_text(st, k + 4, r->local, -1, SQLITE_STATIC);
	if (w->has_offset) {
		sqlite3_bind_int(st, k + 5, w->offset_min);
		sqlite3_bind_int64(st, k + 6, dt_epoch(w));
	} else {
		sqlite3_bind_null(st, k + 5);
		sqlite3_bind_null(st, k + 6);
	}
	sqlite3_bind_int(st, k + 7, r->month);
#define TXT(i, v) ((v) ? sqlite3_bind_text(st, k + i, v, -1, \
		       SQLITE_STATIC) : sqlite3_bind_null(st, k + i))
	TXT(8, r->channel);
	TXT(9, r->language);
	TXT(10, r->postal.key[0] ? r->postal.key : NULL);
	TXT(11, reg->province);
	TXT(12, reg->id);
	TXT(13, r->age_group);
	TXT(14, r->gender);
#undef TXT
	sqlite3_bind_int(st, k + 16, r->region_given);
}

const char *store_category(const struct store *s, int idx)
{
	return s->cl->cats[idx];
}

/* Take back an earlier batch's version of contact id from the aggregates. */
static int unload_contact(struct store *s, int64_t id, sqlite3_stmt *found,
			  struct nserr *err)
{
	int month = sqlite3_column_int(found, 2), rc = 0, row = 0, n = 0;
	char region[64];

	snprintf(region, sizeof region, "%s", sqlite3_column_text(found, 3));
	sqlite3_reset(s->old_needs);
	sqlite3_bind_int64(s->old_needs, 1, id);
	while (!rc && (row = db_row(s->db, s->old_needs, "replacing a "
				    "contact", err)) == 1) {
		rc = agg_need(&s->agg, month,
			(const char *)sqlite3_column_text(s->old_needs, 0), region,
			(const char *)sqlite3_column_text(s->old_needs, 1),
			(const char *)sqlite3_column_text(s->old_needs, 2), -1,
			(long)sqlite3_column_int64(s->old_needs, 3));
		n++;
	}
	if (!rc && row < 0)
		return row;
	if (!rc)
		rc = agg_contact(&s->agg, month, region,
			(const char *)sqlite3_column_text(found, 4),
			(const char *)sqlite3_column_text(found, 5),
			(const char *)sqlite3_column_text(found, 6),
			(const char *)sqlite3_column_text(found, 7), -1, -n);
	sqlite3_reset(s->old_refs);
	sqlite3_bind_int64(s->old_refs, 1, id);
	while (!rc && (row = db_row(s->db, s->old_refs, "replacing a "
				    "contact", err)) == 1) {
		const char *ag = (const char *)sqlite3_column_text(s->old_refs, 1);
		rc = agg_referral(&s->agg, month,
			(const char *)sqlite3_column_text(s->old_refs, 0), region,
			ag, strlen(ag), -1);
	}
	if (!rc && row < 0)
		return row;
	if (rc)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	sqlite3_reset(s->del_refs);
	sqlite3_bind_int64(s->del_refs, 1, id);
	if (sqlite3_step(s->del_refs) != SQLITE_DONE)
		return db_fail(s->db, err, "replacing a contact");
	sqlite3_reset(s->del_needs);
	sqlite3_bind_int64(s->del_needs, 1, id);
	if (sqlite3_step(s->del_needs) != SQLITE_DONE)
		return db_fail(s->db, err, "replacing a contact");
	return 0;
}

static void copy(char *dst, size_t size, const void *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The current contact's aggregate dimensions, as text and as agg ids.
 * Returns 0 or NS_ENOMEM. */
static int remember_dims(struct store *s, int month, const char *region,
			 const char *channel, const char *language,
			 const char *age, const char *gender)
{
	const char *v[5];
	int i;

	s->cur_month = month;
	copy(s->cur_region, sizeof s->cur_region, region);
	copy(s->cur_channel, sizeof s->cur_channel, channel);
	copy(s->cur_language, sizeof s->cur_language, language);
	copy(s->cur_age, sizeof s->cur_age, age);
	copy(s->cur_gender, sizeof s->cur_gender, gender);
	v[0] = s->cur_region, v[1] = s->cur_channel, v[2] = s->cur_language;
	v[3] = s->cur_age, v[4] = s->cur_gender;
	for (i = 0; i < 5; i++)
		if ((s->cur_dims[i] = agg_id(&s->agg, v[i], strlen(v[i]))) < 0)
			return NS_ENOMEM;
	return 0;
}

int store_category_id(struct store *s, int idx)
{
	if (s->cat_ids[idx] < 0)
		s->cat_ids[idx] = agg_id(&s->agg, s->cl->cats[idx],
					 strlen(s->cl->cats[idx]));
	return s->cat_ids[idx];
}

/* The contact_id is stored already: replace it or append to it. */
static int existing_contact(struct store *s, const struct need_row *r,
			    struct nserr *err)
{
	sqlite3_stmt *f = s->find_contact;
	int rc;

	if ((rc = batch_flush_needs(s, err)) != 0)
		return rc;
	sqlite3_reset(f);
	sqlite3_bind_int64(f, 1, s->source_id);
	sqlite3_bind_text(f, 2, r->contact_id, (int)r->contact_len,
			  SQLITE_STATIC);
	if (sqlite3_step(f) != SQLITE_ROW)
		return db_fail(s->db, err, "looking up a contact");
	s->cur_id = sqlite3_column_int64(f, 0);
	if (sqlite3_column_int64(f, 1) == s->batch_id) {
		/* seen earlier in this batch: append its needs */
		if (remember_dims(s, sqlite3_column_int(f, 2),
			(const char *)sqlite3_column_text(f, 3),
			(const char *)sqlite3_column_text(f, 4),
			(const char *)sqlite3_column_text(f, 5),
			(const char *)sqlite3_column_text(f, 6),
			(const char *)sqlite3_column_text(f, 7)))
			return nserr_set(err, NS_ENOMEM, "out of memory");
		sqlite3_reset(s->max_seq);
		sqlite3_bind_int64(s->max_seq, 1, s->cur_id);
		if ((rc = db_row(s->db, s->max_seq, "appending to a contact",
				 err)) < 0)
			return rc;
		s->cur_seq = rc ? sqlite3_column_int(s->max_seq, 0) : 0;
		return 0;
	}
	if ((rc = unload_contact(s, s->cur_id, f, err)) != 0)
		return rc;
	sqlite3_reset(s->upd_contact);
	store_bind_contact(s, s->upd_contact, 0, r);
	sqlite3_bind_int64(s->upd_contact, 15, s->cur_id);
	if (sqlite3_step(s->upd_contact) != SQLITE_DONE)
		return db_fail(s->db, err, "replacing a contact");
	s->contacts_replaced++;
	s->cur_seq = 0;
	return 1;
}

/* Widen the range [lo, hi] (empty: "") to the local date of r. */
static void widen(char *lo, char *hi, const struct need_row *r)
{
	if (!lo[0] || memcmp(r->local, lo, 10) < 0)
		memcpy(lo, r->local, 10), lo[10] = '\0';
	if (!hi[0] || memcmp(r->local, hi, 10) > 0)
		memcpy(hi, r->local, 10), hi[10] = '\0';
}

/* The batch's own date range, and the run's. */
static void track_dates(struct store *s, const struct need_row *r)
{
	widen(s->date_min, s->date_max, r);
	widen(s->run_min, s->run_max, r);
}

/* Bookkeeping once a contact row is resolved: key, dates, dimensions and
 * its contact cell (fresh: new or replaced; else appended to). */
int store_contact_started(struct store *s, const struct need_row *r,
			   int fresh, struct nserr *err)
{
	const struct classify_region *reg = &s->cl->regions[r->region];

	memcpy(s->cur_key, r->contact_id, r->contact_len);
	s->cur_len = r->contact_len;
	track_dates(s, r);
	if (!fresh)
		return 0;
	if (remember_dims(s, r->month, reg->id, r->channel, r->language,
			  r->age_group, r->gender))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	s->cur_counted = 1;     /* counted with its needs: batch_end_contact */
	return 0;
}

static int start_contact(struct store *s, const struct need_row *r,
			 struct nserr *err)
{
	int rc, fresh = 1;

	sqlite3_reset(s->ins_contact);
	store_bind_contact(s, s->ins_contact, 0, r);
	sqlite3_bind_null(s->ins_contact, 15);
	rc = sqlite3_step(s->ins_contact);
	if (rc == SQLITE_CONSTRAINT) {
		sqlite3_reset(s->ins_contact);
		rc = existing_contact(s, r, err);
		if (rc < 0)
			return rc;
		fresh = rc;           /* 1: replaced, 0: appended */
		/* contacts already stored come in runs (a later export of
		 * the same period): stop trying multi-row inserts for a while */
		s->multi_backoff = MULTI_BACKOFF;
	} else if (rc != SQLITE_DONE) {
		return db_fail(s->db, err, "inserting a contact");
	} else {
		s->cur_id = sqlite3_last_insert_rowid(s->db);
		if (s->cur_id >= s->next_id)
			s->next_id = s->cur_id + 1;
		s->cur_seq = 0;
		s->contacts_new++;
		if (s->multi_backoff > 0)
			s->multi_backoff--;
	}
	s->fresh = fresh;
	return store_contact_started(s, r, fresh, err);
}

int store_code_id(struct store *s, const struct need_row *r, int64_t *id,
		   struct nserr *err)
{
	char full[TAXCODE_MAX + TAXCODE_TARGETS_MAX + 4];
	int64_t *slot;
	size_t ns = strnlen(r->code.service, TAXCODE_MAX - 1);
	size_t nt = strnlen(r->code.targets, TAXCODE_TARGETS_MAX - 1);
	int n, rc;

	/* "service * targets" without printf: this runs for every need */
	memcpy(full, r->code.service, ns);
	n = (int)ns;
	if (nt) {
		memcpy(full + n, " * ", 3);
		memcpy(full + n + 3, r->code.targets, nt);
		n += 3 + (int)nt;
	}
	full[n] = '\0';
	rc = strmap_put(&s->codes, full, (size_t)n, -1, &slot, NULL);

	if (rc < 0)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (rc == 0) {
		*id = *slot >> 16;
		return 0;
	}
	sqlite3_reset(s->ins_code);
	sqlite3_bind_text(s->ins_code, 1, full, n, SQLITE_STATIC);
	sqlite3_bind_text(s->ins_code, 2, r->code.service, -1, SQLITE_STATIC);
	if (r->code.targets[0])
		sqlite3_bind_text(s->ins_code, 3, r->code.targets, -1,
				  SQLITE_STATIC);
	else
		sqlite3_bind_null(s->ins_code, 3);
	sqlite3_bind_int(s->ins_code, 4, r->code.level);
	if (sqlite3_step(s->ins_code) != SQLITE_DONE)
		return db_fail(s->db, err, "inserting a code");
	*id = sqlite3_last_insert_rowid(s->db);
	*slot = (*id << 16) | r->category;
	return 0;
}

/* referred_to: agencies joined by ';', blanks trimmed, empties skipped. */
int store_next_agency(const char **p, const char *end, const char **a,
		      size_t *len)
{
	while (*p && *p < end) {
		const char *semi = memchr(*p, ';', (size_t)(end - *p));
		const char *x = *p, *y = semi ? semi : end;
		*p = semi ? semi + 1 : end;
		while (x < y && (*x == ' ' || *x == '\t'))
			x++;
		while (y > x && (y[-1] == ' ' || y[-1] == '\t'))
			y--;
		if (y > x) {
			size_t n = (size_t)(y - x);
			if (n > AGENCY_MAX) {   /* cut on a UTF-8 boundary */
				n = AGENCY_MAX;
				while (n > 0 && ((unsigned char)x[n] & 0xC0) == 0x80)
					n--;
			}
			*a = x;
			*len = n;
			return 1;
		}
	}
	return 0;
}

int store_referrals(struct store *s, int64_t contact_id, int seq,
		    const struct need_row *r, struct nserr *err)
{
	const char *p = r->referred_to, *end = p + r->referred_len, *a;
	size_t len;

	while (store_next_agency(&p, end, &a, &len)) {
		sqlite3_reset(s->ins_ref);
		sqlite3_bind_int64(s->ins_ref, 1, contact_id);
		sqlite3_bind_int(s->ins_ref, 2, seq);
		sqlite3_bind_text(s->ins_ref, 3, a, (int)len, SQLITE_STATIC);
		if (sqlite3_step(s->ins_ref) != SQLITE_DONE)
			return db_fail(s->db, err, "inserting a referral");
	}
	return 0;
}

void store_count_row(struct store *s, const struct need_row *r, int fresh)
{
	if (!r->counted)
		return;
	if (r->kind == ROW_NEED || fresh) {
		s->rows_loaded++;
		s->moved_loaded += r->foreign;
	} else {
		s->rows_merged++;
		s->moved_merged += r->foreign;
	}
}

int store_write_row(struct store *s, const struct need_row *r,
		     struct nserr *err)
{
	int rc, fresh = 0;

	if (s->cur_len != r->contact_len ||
	    memcmp(s->cur_key, r->contact_id, r->contact_len) != 0) {
		if ((rc = batch_end_contact(s, err)) != 0)
			return rc;
		if (agg_full(&s->agg) && (rc = agg_flush(&s->agg, s->db, err)))
			return rc;
		if ((rc = start_contact(s, r, err)) != 0)
			return rc;
		fresh = s->fresh;
	}
	store_count_row(s, r, fresh);
	if (r->kind == ROW_CONTACT_ONLY)
		return 0;
	return batch_need(s, r, err);
}

int store_row(struct store *s, const struct need_row *r, struct nserr *err)
{
	return pipe_push(s->pipe, r, err);
}

int store_end_batch(struct store *s, struct nserr *err)
{
	int rc = pipe_drain(s->pipe, err);

	if (!rc)
		rc = batch_end_contact(s, err);
	s->cur_len = 0;
	return rc ? rc : agg_flush(&s->agg, s->db, err);
}
