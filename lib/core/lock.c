/*
 * lock: flock on TARGET.lock holding the holder's pid (see lock.h).
 */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void lock_init(struct lock *lk)
{
	lk->fd = -1;
	lk->path = NULL;
}

/* Who holds the lock, from the file: "PID (started TIME)", or a vaguer
 * phrase when the holder has not written it yet. */
static void holder(int fd, char *buf, size_t size)
{
	char text[128];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	long pid;
	char when[64];

	if (n > 0) {
		text[n] = '\0';
		if (sscanf(text, "%ld %63s", &pid, when) == 2) {
			snprintf(buf, size, "process %ld (started %s)", pid,
				 when);
			return;
		}
	}
	snprintf(buf, size, "another process");
}

/* Write our pid and the time into the held lock file. */
static void stamp(int fd)
{
	char text[128], when[32];
	time_t now = time(NULL);
	struct tm tm;
	int n;

	if (!gmtime_r(&now, &tm))
		snprintf(when, sizeof when, "?");
	else
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(text, sizeof text, "%ld %s\n", (long)getpid(), when);
	if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)n, 0) != n)
		return;  /* the pid is a courtesy to the next run */
}

/* Whether fd is still the file at path (not removed by a releasing run). */
static int still_there(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* One attempt: 0 held, 1 busy (fd open in *busy_fd), else an error. */
static int try_once(struct lock *lk, int block, int *busy_fd,
		    struct nserr *err)
{
	int fd = open(lk->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		      0666);

	if (fd < 0)
		return nserr_set(err, NS_ECANTCREAT, "cannot create lock file "
				 "'%s': %s", lk->path, strerror(errno));
	while (flock(fd, block ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK) {
			*busy_fd = fd;
			return 1;
		}
		close(fd);
		return nserr_set(err, NS_ECANTCREAT, "cannot lock '%s': %s",
				 lk->path, strerror(errno));
	}
	if (!still_there(fd, lk->path)) {
		close(fd);
		return 2;  /* a releasing run removed it: try again */
	}
	lk->fd = fd;
	stamp(fd);
	return 0;
}

int lock_acquire(struct lock *lk, const char *target, int wait,
		 struct nserr *err)
{
	size_t n = strlen(target) + 6;
	time_t end = wait > 0 ? time(NULL) + wait : 0;
	char who[128];
	int rc, busy = -1;
	struct timespec pause = {0, 100 * 1000 * 1000};

	if (lk->fd >= 0)
		return nserr_set(err, NS_EINTERNAL, "lock '%s' already held",
				 lk->path);
	free(lk->path);
	if (!(lk->path = malloc(n)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	snprintf(lk->path, n, "%s.lock", target);
	for (;;) {
		rc = try_once(lk, wait < 0, &busy, err);
		if (rc == 0 || rc < 0)
			return rc;
		if (rc == 2)
			continue;
		if (wait == 0 || (wait > 0 && time(NULL) >= end))
			break;
		close(busy);
		busy = -1;
		nanosleep(&pause, NULL);
	}
	holder(busy, who, sizeof who);
	close(busy);
	return nserr_set(err, NS_EBUSY, "'%s' is being built by %s; try again "
			 "later or wait for it (lock file '%s')", target, who,
			 lk->path);
}

void lock_release(struct lock *lk)
{
	if (lk->fd >= 0) {
		unlink(lk->path);
		close(lk->fd);
	}
	lk->fd = -1;
	free(lk->path);
	lk->path = NULL;
}
