/*
 * ingest_pipe: bounded block queue between the reading thread and the
 * SQLite writer thread.
 */
#include "ingest_pipe.h"

#include <stdlib.h>
#include <string.h>

static void *writer(void *arg)
{
	struct pipe *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct pipe_block *b;
		int idx, status = 0;
		struct nserr werr;

		while (!p->nfull && !p->quit)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->nfull && p->quit)
			break;
		idx = p->full[p->head];
		p->head = (p->head + 1) % PIPE_BLOCKS;
		p->nfull--;
		p->busy = 1;
		pthread_mutex_unlock(&p->mu);
		b = p->blocks[idx];
		status = p->write(p->ctx, b->rows, b->n, &werr);
		b->n = 0;
		b->used = 0;
		pthread_mutex_lock(&p->mu);
		if (status && !p->status) {
			p->status = status;
			p->err = werr;
		}
		p->busy = 0;
		p->freelist[p->nfree++] = idx;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int pipe_start(struct pipe *p, pipe_write_fn write, void *ctx,
	       struct nserr *err)
{
	int i;

	memset(p, 0, sizeof *p);
	nserr_init(&p->err);
	p->write = write;
	p->ctx = ctx;
	for (i = 0; i < PIPE_BLOCKS; i++) {
		if (!(p->blocks[i] = calloc(1, sizeof *p->blocks[i]))) {
			pipe_stop(p);
			return nserr_set(err, NS_ENOMEM, "out of memory");
		}
		if (i > 0)
			p->freelist[p->nfree++] = i;
	}
	p->cur = 0;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->thread, NULL, writer, p) != 0) {
		pipe_stop(p);
		return nserr_set(err, NS_EINTERNAL, "cannot start the writer "
				 "thread");
	}
	p->started = 1;
	return 0;
}

/* Queue the current block and take a free one (waiting if none). */
static void hand_over(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->seen = p->status;
	p->full[(p->head + p->nfull) % PIPE_BLOCKS] = p->cur;
	p->nfull++;
	pthread_cond_broadcast(&p->cv);
	while (!p->nfree)
		pthread_cond_wait(&p->cv, &p->mu);
	p->cur = p->freelist[--p->nfree];
	pthread_mutex_unlock(&p->mu);
}

static const char *keep(struct pipe_block *b, const char *s, size_t len)
{
	char *d = b->arena + b->used;

	memcpy(d, s, len);
	d[len] = '\0';
	b->used += len + 1;
	return d;
}

int pipe_push(struct pipe *p, const struct need_row *r, struct nserr *err)
{
	struct pipe_block *b = p->blocks[p->cur];
	struct need_row *c;
	/* only needs carry referred_to; a contact-only row leaves it unset */
	size_t ref = r->kind == ROW_NEED && r->referred_to ? r->referred_len : 0;
	size_t need = r->contact_len + ref + 2;

	if (b->n == PIPE_ROWS || b->used + need > PIPE_ARENA) {
		if (b->n)
			hand_over(p);
		if (p->seen)
			goto failed;
		b = p->blocks[p->cur];
		if (need > PIPE_ARENA)
			return nserr_set(err, NS_EINTERNAL, "row too large");
	}
	c = &b->rows[b->n++];
	*c = *r;
	c->contact_id = keep(b, r->contact_id, r->contact_len);
	c->referred_to = ref ? keep(b, r->referred_to, ref) : NULL;
	c->referred_len = ref;
	if (r->age_group == r->agebuf)
		c->age_group = c->agebuf;
	return 0;
failed:
	pthread_mutex_lock(&p->mu);
	*err = p->err;
	pthread_mutex_unlock(&p->mu);
	return p->seen;
}

int pipe_drain(struct pipe *p, struct nserr *err)
{
	if (p->blocks[p->cur]->n)
		hand_over(p);
	pthread_mutex_lock(&p->mu);
	while (p->nfull || p->busy)
		pthread_cond_wait(&p->cv, &p->mu);
	if (p->status)
		*err = p->err;
	p->seen = p->status;
	pthread_mutex_unlock(&p->mu);
	return p->seen;
}

void pipe_stop(struct pipe *p)
{
	int i;

	if (p->started) {
		pthread_mutex_lock(&p->mu);
		p->quit = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		p->started = 0;
	}
	for (i = 0; i < PIPE_BLOCKS; i++) {
		free(p->blocks[i]);
		p->blocks[i] = NULL;
	}
}
