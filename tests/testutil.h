/*
 * testutil: small helpers shared by the CUnit suites.
 */
#ifndef NEEDSTAT_TESTUTIL_H
#define NEEDSTAT_TESTUTIL_H

#include <stddef.h>

/* tu_tmpdir: a fresh temporary directory for this process (created once,
 * removed at exit).  Returns its path (static storage). */
const char *tu_tmpdir(void);

/* tu_path: "<tmpdir>/<name>" in a static rotating buffer (8 slots). */
const char *tu_path(const char *name);

/* tu_write_file: write len bytes (or strlen(text) when len is (size_t)-1)
 * to path; returns 0 or -1. */
int tu_write_file(const char *path, const char *text, size_t len);

/* tu_read_file: whole file into a malloc'ed NUL-terminated buffer (caller
 * frees), NULL on error; *len gets its length when len is not NULL. */
char *tu_read_file(const char *path, size_t *len);

/* tu_source_path: "<source dir>/<rel>" in a static rotating buffer. */
const char *tu_source_path(const char *rel);

/* tu_datadir: the build tree's share/needstat directory. */
const char *tu_datadir(void);

#endif
