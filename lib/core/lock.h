/*
 * lock: keep two runs that build the same output apart (cron starting a
 * dashboard while the last one is still being built), after git's
 * lockfile.h but with flock, so a killed holder never leaves a stale lock.
 *
 * lock_acquire takes an exclusive flock on "TARGET.lock" and writes the
 * holder's pid and start time into it; a second run either fails at once
 * with NS_EBUSY (exit 75, which cron may retry) naming the holder, or
 * waits.  lock_release removes the file and drops the lock.  The lock
 * file is removed only while held, and a run that locked a file another
 * run has since removed tries again, so two runs never both hold the lock.
 */
#ifndef NEEDSTAT_LOCK_H
#define NEEDSTAT_LOCK_H

#include "nserr.h"

struct lock {
	int fd;      /* -1 when not held */
	char *path;  /* "TARGET.lock" (malloc'd) */
};

/* lock_init: prepare *lk (not held). */
void lock_init(struct lock *lk);

/*
 * lock_acquire: lock target (any path: a file or a folder; it need not
 * exist, its folder must).  wait: 0 fail at once when busy, < 0 wait as
 * long as it takes, > 0 wait up to that many seconds.  Returns 0 (held
 * until lock_release or process exit), NS_EBUSY ("'TARGET' is being built
 * by process PID (started YYYY-MM-DDTHH:MM:SSZ)"), NS_ECANTCREAT (the lock
 * file cannot be created: the folder is missing or not writable, or
 * TARGET.lock is a symbolic link) or NS_ENOMEM.
 */
int lock_acquire(struct lock *lk, const char *target, int wait,
		 struct nserr *err);

/* lock_release: remove the lock file and release the lock; safe when not
 * held. */
void lock_release(struct lock *lk);

#endif
