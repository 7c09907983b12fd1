/*
 * outfile: atomic, non-following file output and the process-wide list of
 * files that must never be written over (see outfile.h for the rules).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One protected file: its path as given and what it is, for messages. */
struct guard {
	char *path;
	const char *role;
};

static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static struct guard *guards;
static size_t nguards, capguards;

void outfile_init(struct outfile *of)
{
	memset(of, 0, sizeof *of);
	of->mode = 0666;
}

/* A copy of s, or NULL. */
static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* The folder part of path ("." when none) into buf; the base name into
 * *base (points into path). */
static void split_path(const char *path, char *buf, size_t size,
		       const char **base)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash) {
		snprintf(buf, size, ".");
		*base = path;
		return;
	}
	n = (size_t)(slash - path);
	if (n == 0)
		n = 1;  /* "/x": the root */
	if (n >= size)
		n = size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
	*base = slash + 1;
}

/* Whether a and b name the same file: same inode when both exist (lstat,
 * so a symlink is not the file it points to), else same folder and name. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char da[4096], db[4096];
	const char *ba, *bb;
	int ea = lstat(a, &sa) == 0, eb = lstat(b, &sb) == 0;

	if (ea && eb)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (ea != eb)
		return 0;
	split_path(a, da, sizeof da, &ba);
	split_path(b, db, sizeof db, &bb);
	if (strcmp(ba, bb) != 0 || stat(da, &sa) != 0 || stat(db, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int protect_as(const char *path, const char *role, struct nserr *err)
{
	char *copy = dup_str(path);
	int rc = 0;

	if (!copy)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	pthread_mutex_lock(&guard_lock);
	for (size_t i = 0; i < nguards; i++)
		if (strcmp(guards[i].path, path) == 0)
			goto out;  /* already there */
	if (nguards == capguards) {
		size_t cap = capguards ? 2 * capguards : 16;
		struct guard *g = realloc(guards, cap * sizeof *g);

		if (!g) {
			rc = nserr_set(err, NS_ENOMEM, "out of memory");
			goto out;
		}
		guards = g;
		capguards = cap;
	}
	guards[nguards].path = copy;
	guards[nguards++].role = role;
	copy = NULL;
out:
	pthread_mutex_unlock(&guard_lock);
	free(copy);
	return rc;
}

int outfile_protect(const char *path, struct nserr *err)
{
	return protect_as(path, "an input", err);
}

int outfile_protect_db(const char *path, struct nserr *err)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
	char buf[4096];
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < sizeof ext / sizeof ext[0]; i++) {
		if ((size_t)snprintf(buf, sizeof buf, "%s%s", path, ext[i])
		    >= sizeof buf)
			return nserr_set(err, NS_ECANTCREAT, "database path "
					 "too long: '%s'", path);
		rc = protect_as(buf, i ? "a file of the database" :
				"the database", err);
	}
	return rc;
}

void outfile_unprotect_all(void)
{
	size_t i;

	pthread_mutex_lock(&guard_lock);
	for (i = 0; i < nguards; i++)
		free(guards[i].path);
	free(guards);
	guards = NULL;
	nguards = capguards = 0;
	pthread_mutex_unlock(&guard_lock);
}

int outfile_check(const char *path, const char *what, struct nserr *err)
{
	size_t i;
	int rc = 0;

	pthread_mutex_lock(&guard_lock);
	for (i = 0; i < nguards && !rc; i++)
		if (same_file(path, guards[i].path))
			rc = nserr_set(err, NS_ECANTCREAT, "refusing to write "
				       "the %s to '%s': it is %s ('%s'); "
				       "choose another file", what, path,
				       guards[i].role, guards[i].path);
	pthread_mutex_unlock(&guard_lock);
	return rc;
}

/* "WHAT " for messages, or "". */
static const char *what(const struct outfile *of, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", of->what ? of->what : "",
		 of->what ? " " : "");
	return buf;
}

/* The permissions a new file gets: mode less the process umask. */
static mode_t masked(mode_t mode)
{
	mode_t um = umask(022);

	umask(um);
	return mode & ~um;
}

/* Open an existing FIFO or device for writing, without following a
 * symlink swapped in since the lstat. */
static int open_direct(struct outfile *of, const char *path,
		       struct nserr *err)
{
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	char w[64];

	if (fd < 0 || !(of->fp = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return nserr_set(err, NS_ECANTCREAT, "cannot open %s'%s': %s",
				 what(of, w, sizeof w), path, strerror(e));
	}
	of->direct = 1;
	return 0;
}

/*
 * The temporaries open now, for outfile_remove_live (a signal handler):
 * slots hold a pointer or NULL, set and cleared with atomic stores.  A
 * process has few outputs open at once; past the slots a temporary is
 * simply not removed on a signal.
 */
#define LIVE_MAX 16
static char *_Atomic live[LIVE_MAX];

static void live_add(char *path)
{
	size_t i;

	for (i = 0; i < LIVE_MAX; i++) {
		char *none = NULL;

		if (atomic_compare_exchange_strong(&live[i], &none, path))
			return;
	}
}

static void live_drop(const char *path)
{
	size_t i;

	for (i = 0; path && i < LIVE_MAX; i++)
		if (atomic_load(&live[i]) == path)
			atomic_store(&live[i], NULL);
}

void outfile_remove_live(void)
{
	size_t i;
	char *p;

	for (i = 0; i < LIVE_MAX; i++)
		if ((p = atomic_load(&live[i])) != NULL)
			unlink(p);
}

/* Create the temporary ".NAME.XXXXXX" beside path. */
static int open_temp(struct outfile *of, const char *path, struct nserr *err)
{
	char dir[4096], w[64];
	const char *base;
	size_t n;
	int fd, e;

	split_path(path, dir, sizeof dir, &base);
	n = strlen(dir) + strlen(base) + 10;
	if (!(of->tmp_path = malloc(n)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	snprintf(of->tmp_path, n, "%s/.%s.XXXXXX", dir, base);
	if ((fd = mkstemp(of->tmp_path)) < 0) {
		e = errno;
		free(of->tmp_path);
		of->tmp_path = NULL;
		return nserr_set(err, NS_ECANTCREAT, "cannot create %s'%s': "
				 "%s", what(of, w, sizeof w), path, strerror(e));
	}
	if (fchmod(fd, masked(of->mode)) != 0 ||
	    !(of->fp = fdopen(fd, "w"))) {
		e = errno;
		close(fd);
		unlink(of->tmp_path);
		free(of->tmp_path);
		of->tmp_path = NULL;
		return nserr_set(err, NS_ECANTCREAT, "cannot create %s'%s': "
				 "%s", what(of, w, sizeof w), path, strerror(e));
	}
	live_add(of->tmp_path);
	return 0;
}

int outfile_open(struct outfile *of, const char *path, struct nserr *err)
{
	struct stat st;
	char w[64];
	int rc;

	if (!path || strcmp(path, "-") == 0) {
		of->fp = stdout;
		of->direct = 2;
		return 0;
	}
	what(of, w, sizeof w);
	if (!*path)
		return nserr_set(err, NS_ECANTCREAT, "empty %sfile name", w);
	if (lstat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return nserr_set(err, NS_ECANTCREAT, "cannot write "
					 "%s'%s': it is a directory", w, path);
		if (S_ISLNK(st.st_mode))
			return nserr_set(err, NS_ECANTCREAT, "cannot write "
					 "%s'%s': it is a symbolic link "
					 "(outputs never follow one: name the "
					 "file it points to)", w, path);
	} else if (errno != ENOENT) {
		return nserr_set(err, NS_ECANTCREAT, "cannot create %s'%s': "
				 "%s", w, path, strerror(errno));
	}
	if ((rc = outfile_check(path, of->what ? of->what : "output",
				err)) != 0)
		return rc;
	if (!(of->path = dup_str(path)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (lstat(path, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))
		rc = open_direct(of, path, err);
	else
		rc = open_temp(of, path, err);
	if (rc) {
		free(of->path);
		of->path = NULL;
	}
	return rc;
}

/* fsync the folder holding path, so the rename survives a crash. */
static void sync_folder(const char *path)
{
	char dir[4096];
	const char *base;
	int fd;

	split_path(path, dir, sizeof dir, &base);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);  /* some file systems refuse: nothing to do */
		close(fd);
	}
}

/* Flush, fsync (files only) and close of->fp; 0 or the errno. */
static int close_fp(struct outfile *of)
{
	int e = 0;

	if (fflush(of->fp) != 0 || ferror(of->fp))
		e = errno ? errno : EIO;
	if (!e && !of->direct && fsync(fileno(of->fp)) != 0)
		e = errno;
	if (fclose(of->fp) != 0 && !e)
		e = errno ? errno : EIO;
	of->fp = NULL;
	return e;
}

/* fsync a temporary that a library wrote by name. */
static int sync_by_name(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), e = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) != 0)
		e = errno;
	close(fd);
	return e;
}

static void release(struct outfile *of)
{
	live_drop(of->tmp_path);
	free(of->tmp_path);
	free(of->path);
	of->tmp_path = of->path = NULL;
	of->fp = NULL;
	of->direct = 0;
}

int outfile_commit(struct outfile *of, struct nserr *err)
{
	char w[64];
	int e, rc = 0;

	errno = 0;
	if (of->direct == 2) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = nserr_set(err, NS_EIO, "cannot write to standard "
				       "output: %s", strerror(errno ? errno
							      : EIO));
		release(of);
		return rc;
	}
	if (!of->path)
		return nserr_set(err, NS_EINTERNAL, "outfile_commit: "
				 "nothing open");
	e = of->fp ? close_fp(of) : sync_by_name(of->tmp_path);
	if (e)
		rc = nserr_set(err, NS_EIO, "cannot write %s'%s': %s",
			       what(of, w, sizeof w), of->path, strerror(e));
	if (!rc && of->tmp_path) {
		if (rename(of->tmp_path, of->path) != 0)
			rc = nserr_set(err, NS_ECANTCREAT, "cannot rename "
				       "'%s' to '%s': %s", of->tmp_path,
				       of->path, strerror(errno));
		else
			sync_folder(of->path);
	}
	if (rc)
		outfile_abort(of);
	release(of);
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (of->fp && of->fp != stdout)
		fclose(of->fp);
	if (of->tmp_path)
		unlink(of->tmp_path);
	release(of);
}
