/*
 * outdir: a directory built aside and swapped in (see outdir.h).
 *
 * _GNU_SOURCE for renameat2 (glibc 2.28+, Linux 3.15+); where it fails
 * with EINVAL or ENOSYS (a file system without RENAME_EXCHANGE) the
 * portable two-rename path is taken.
 */
#define _GNU_SOURCE
#include "outdir.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void outdir_init(struct outdir *od)
{
	memset(od, 0, sizeof *od);
	od->mode = 0777;
}

/* A malloc'd "FOLDER/.NAME.XXXXXX" for path, or NULL. */
static char *temp_name(const char *path, const char *tag)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dlen = slash ? (int)(slash - path) : 1;
	const char *dir = slash ? path : ".";
	size_t n = strlen(path) + strlen(tag) + 16;
	char *p = malloc(n);

	if (slash && dlen == 0) {
		dir = "/";
		dlen = 0;
	}
	if (p)
		snprintf(p, n, "%.*s/.%s%s.XXXXXX", dlen, dir, base, tag);
	return p;
}

/* Remove everything inside the open directory fd, then close it. */
static int empty_dir(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	struct stat st;
	int rc = 0, sub;

	if (!d) {
		rc = errno;
		close(fd);
		return rc;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = rc ? rc : errno;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY |
				     O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0 || empty_dir(sub) != 0 ||
			    unlinkat(fd, e->d_name, AT_REMOVEDIR) != 0)
				rc = rc ? rc : errno ? errno : EIO;
		} else if (unlinkat(fd, e->d_name, 0) != 0) {
			rc = rc ? rc : errno;
		}
	}
	closedir(d);
	return rc;
}

int outdir_remove_tree(const char *path)
{
	struct stat st;
	int fd, rc;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : errno;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0 ? 0 : errno;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if ((rc = empty_dir(fd)) != 0)
		return rc;
	return rmdir(path) == 0 ? 0 : errno;
}

/* mark: create the marker file in dir (a folder we just created). */
static int mark(const char *dir)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof path, "%s/" OUTDIR_MARKER, dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0)
		return errno;
	return close(fd) == 0 ? 0 : errno;
}

/* tmp_suffix: s is "XXXXXX" as mkdtemp makes it (six letters or
 * digits, nothing after). */
static int tmp_suffix(const char *s)
{
	int i;

	for (i = 0; i < 6; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return s[6] == '\0';
}

/* ours: the entry name of folder fd is a temporary outdir made for base
 * (marked, a directory owned by us, not a link). */
static int ours(int fd, const char *name, const char *base)
{
	size_t n = strlen(base);
	const char *rest;
	struct stat st;

	if (name[0] != '.' || strncmp(name + 1, base, n) || name[n + 1] != '.')
		return 0;
	rest = name + n + 2;
	if (!(strncmp(rest, "old.", 4) == 0 && tmp_suffix(rest + 4)) &&
	    !tmp_suffix(rest))
		return 0;
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
		return 0;
	if ((fd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			 O_CLOEXEC)) < 0)
		return 0;
	n = fstatat(fd, OUTDIR_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode);
	close(fd);
	return (int)n;
}

int outdir_clean_stale(const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	char dir[4096], path[4400];
	struct dirent *e;
	int n = 0;
	DIR *d;

	if (!*base)
		return 0;
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - target) : 1,
		 slash ? (slash == target ? "/" : target) : ".");
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (!ours(dirfd(d), e->d_name, base))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (outdir_remove_tree(path) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int outdir_open(struct outdir *od, const char *target, struct nserr *err)
{
	struct stat st;
	mode_t um;
	int e;

	if (!target || !*target)
		return nserr_set(err, NS_ECANTCREAT, "empty output folder name");
	if (lstat(target, &st) == 0 && !S_ISDIR(st.st_mode))
		return nserr_set(err, NS_ECANTCREAT, "cannot build '%s': it is "
				 "%s", target, S_ISLNK(st.st_mode) ? "a symbolic "
				 "link (name the folder it points to)" :
				 "not a directory");
	if (!(od->path = malloc(strlen(target) + 1)) ||
	    !(od->tmp_path = temp_name(target, ""))) {
		outdir_abort(od);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	memcpy(od->path, target, strlen(target) + 1);
	if (!mkdtemp(od->tmp_path)) {
		e = errno;
		free(od->tmp_path);
		od->tmp_path = NULL;
		outdir_abort(od);
		return nserr_set(err, NS_ECANTCREAT, "cannot create a folder "
				 "beside '%s': %s", target, strerror(e));
	}
	um = umask(022);
	umask(um);
	if ((e = mark(od->tmp_path)) != 0 ||
	    (chmod(od->tmp_path, od->mode & ~um) != 0 && (e = errno))) {
		outdir_abort(od);
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 target, strerror(e));
	}
	return 0;
}

/* fsync the folder holding path. */
static void sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	int fd;

	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? (slash == path ? "/" : path) : ".");
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* The two-rename swap: target aside into a fresh holder, tmp in. */
/* drop_holder: remove the marker and the holder folder if it is empty
 * (a last good tree that could not be put back stays in it). */
static void drop_holder(const char *holder)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/" OUTDIR_MARKER, holder);
	unlink(path);
	rmdir(holder);
}

static int swap_by_rename(struct outdir *od, char **old, struct nserr *err)
{
	char *holder = temp_name(od->path, ".old");
	size_t n;
	int e;

	if (!holder)
		return nserr_set(err, NS_ENOMEM, "out of memory");
	if (!mkdtemp(holder)) {
		e = errno;
		free(holder);
		return nserr_set(err, NS_ECANTCREAT, "cannot replace '%s': %s",
				 od->path, strerror(e));
	}
	if ((e = mark(holder)) != 0) {
		drop_holder(holder);
		free(holder);
		return nserr_set(err, NS_ECANTCREAT, "cannot replace '%s': %s",
				 od->path, strerror(e));
	}
	n = strlen(holder) + 5;
	if (!(*old = malloc(n))) {
		drop_holder(holder);
		free(holder);
		return nserr_set(err, NS_ENOMEM, "out of memory");
	}
	snprintf(*old, n, "%s/old", holder);
	if (rename(od->path, *old) != 0) {
		e = errno;
		drop_holder(holder);
		free(holder);
		free(*old);
		*old = NULL;
		return nserr_set(err, NS_ECANTCREAT, "cannot move '%s' aside: "
				 "%s", od->path, strerror(e));
	}
	if (rename(od->tmp_path, od->path) != 0) {
		e = errno;
		rename(*old, od->path);  /* put the last good one back */
		drop_holder(holder);
		free(holder);
		free(*old);
		*old = NULL;
		return nserr_set(err, NS_ECANTCREAT, "cannot rename '%s' to "
				 "'%s': %s", od->tmp_path, od->path, strerror(e));
	}
	free(*old);
	*old = holder;  /* remove the holder and the old tree in it */
	return 0;
}

int outdir_commit(struct outdir *od, struct nserr *err)
{
	struct stat st;
	char *old = NULL;
	int rc = 0;

	if (!od->tmp_path)
		return nserr_set(err, NS_EINTERNAL, "outdir_commit: nothing "
				 "open");
	if (lstat(od->path, &st) != 0) {
		if (rename(od->tmp_path, od->path) != 0)
			rc = nserr_set(err, NS_ECANTCREAT, "cannot rename '%s' "
				       "to '%s': %s", od->tmp_path, od->path,
				       strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		rc = nserr_set(err, NS_ECANTCREAT, "cannot replace '%s': it is "
			       "no longer a directory", od->path);
	} else if (renameat2(AT_FDCWD, od->tmp_path, AT_FDCWD, od->path,
			     RENAME_EXCHANGE) == 0) {
		old = od->tmp_path;  /* now holds the old tree */
		od->tmp_path = NULL;
	} else if (errno == EINVAL || errno == ENOSYS) {
		rc = swap_by_rename(od, &old, err);
	} else {
		rc = nserr_set(err, NS_ECANTCREAT, "cannot replace '%s': %s",
			       od->path, strerror(errno));
	}
	if (!rc) {
		sync_parent(od->path);
		free(od->tmp_path);
		od->tmp_path = NULL;
	}
	if (old) {
		outdir_remove_tree(old);
		free(old);
	}
	outdir_abort(od);
	return rc;
}

void outdir_abort(struct outdir *od)
{
	if (od->tmp_path)
		outdir_remove_tree(od->tmp_path);
	free(od->tmp_path);
	free(od->path);
	od->tmp_path = od->path = NULL;
}
