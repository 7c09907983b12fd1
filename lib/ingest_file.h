/*
 * ingest_file: state of one ingest run and of the file being read
 * (internal to the ingest).
 */
#ifndef NEEDSTAT_INGEST_FILE_H
#define NEEDSTAT_INGEST_FILE_H

#include <nettle/sha2.h>
#include <stdio.h>

#include "ingest.h"
#include "ingest_int.h"

struct ingest_run {
	const struct ingest_opts *opts;
	struct ingest_stats *st;
	const struct classify *cl;
	struct store *store;
	FILE *rejects;
	int rejects_failed;
	char rejects_path[512];
	int messages;
};

struct ifile {
	struct ingest_run *run;
	const struct ingest_opts *opts;
	const char *name;
	long batch_id;
	int header_done;
	size_t ncols;
	int colof[CC_N];
	long rows, rejected;
	uint64_t bytes;
	struct sha256_ctx sha;
	char sha_hex[2 * SHA256_DIGEST_SIZE + 1];
	struct issue_tally issues;
	struct nserr *err;
};

/* ifile_read: read fd to the end through the record path. */
int ifile_read(struct ifile *f, int fd);

#endif
