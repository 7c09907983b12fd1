/*
 * ingest_pipe: the two-thread pipeline of the ingest.  The reading thread
 * parses, validates and classifies rows and copies them into blocks; a
 * writer thread takes full blocks and writes them to SQLite.  The SQLite
 * connection is used by one thread at a time: the writer between
 * pipe_start and pipe_drain, the caller otherwise.  Memory is bounded: at
 * most PIPE_BLOCKS blocks of PIPE_ROWS rows exist.
 */
#ifndef NEEDSTAT_INGEST_PIPE_H
#define NEEDSTAT_INGEST_PIPE_H

#include <pthread.h>

#include "ingest_int.h"

#define PIPE_ROWS 4096
#define PIPE_BLOCKS 4
#define PIPE_ARENA (PIPE_ROWS * 96)

typedef int (*pipe_write_fn)(void *ctx, const struct need_row *rows,
			     size_t n, struct nserr *err);

struct pipe_block {
	struct need_row rows[PIPE_ROWS];
	size_t n;
	char arena[PIPE_ARENA];
	size_t used;
};

struct pipe {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pipe_block *blocks[PIPE_BLOCKS];
	int full[PIPE_BLOCKS];       /* queue of block indexes, FIFO */
	int nfull, head;
	int freelist[PIPE_BLOCKS], nfree;
	int cur;                     /* block being filled by the reader */
	int busy;                    /* writer is working on a block */
	int quit, started;
	int status;                  /* first writer error (under mu) */
	int seen;                    /* status as the reader last saw it */
	struct nserr err;
	pipe_write_fn write;
	void *ctx;
};

/* pipe_start: allocate the blocks and start the writer thread. */
int pipe_start(struct pipe *p, pipe_write_fn write, void *ctx,
	       struct nserr *err);
/* pipe_push: copy *r into the current block (hand it over when full).
 * Returns the writer's first error, if any, so the reader can stop. */
int pipe_push(struct pipe *p, const struct need_row *r, struct nserr *err);
/* pipe_drain: hand over the partial block and wait until everything is
 * written.  Returns the writer's first error (copied into *err). */
int pipe_drain(struct pipe *p, struct nserr *err);
/* pipe_stop: stop the writer and free the blocks (after pipe_drain). */
void pipe_stop(struct pipe *p);

#endif
