/*
 * Tests for lock: a second run is refused with NS_EBUSY naming the
 * holder's pid, or waits for the holder; the lock file goes at release;
 * a symlink at TARGET.lock is not followed.
 */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/lock.h"
#include "testutil.h"

/* The lock the parent holds: a child closes its inherited copy (an flock
 * belongs to the open file, which the child would otherwise share). */
static int held_fd = -1;

/* In a child: try to lock target with wait; exit 0 when locked, 75 when
 * busy and the message names want_pid, 1 otherwise. */
static pid_t child_try(const char *target, int wait, pid_t want_pid)
{
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (held_fd >= 0)
			close(held_fd);
		struct lock lk;
		struct nserr err;
		char needle[64];
		int rc;

		nserr_init(&err);
		lock_init(&lk);
		rc = lock_acquire(&lk, target, wait, &err);
		snprintf(needle, sizeof needle, "by process %ld (started ",
			 (long)want_pid);
		if (rc == 0) {
			lock_release(&lk);
			_exit(0);
		}
		_exit(rc == NS_EBUSY && strstr(err.msg, needle) &&
		      strstr(err.msg, target) ? 75 : 1);
	}
	return pid;
}

static int child_status(pid_t pid)
{
	int status = -1;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_busy_names_holder(void)
{
	const char *t = tu_path("lock_dash");
	char lockfile[512];
	struct lock lk;
	struct nserr err;

	nserr_init(&err);
	lock_init(&lk);
	snprintf(lockfile, sizeof lockfile, "%s.lock", t);
	CU_ASSERT_EQUAL_FATAL(lock_acquire(&lk, t, 0, &err), 0);
	held_fd = lk.fd;
	CU_ASSERT_EQUAL(access(lockfile, F_OK), 0);
	CU_ASSERT_EQUAL(child_status(child_try(t, 0, getpid())), 75);
	CU_ASSERT_EQUAL(child_status(child_try(t, 1, getpid())), 75);
	lock_release(&lk);
	held_fd = -1;
	CU_ASSERT_EQUAL(access(lockfile, F_OK), -1);
	CU_ASSERT_EQUAL(child_status(child_try(t, 0, getpid())), 0);
	lock_release(&lk);  /* harmless when not held */
}

static void test_wait_for_holder(void)
{
	const char *t = tu_path("lock_wait");
	struct lock lk;
	struct nserr err;
	struct timespec pause = {0, 300 * 1000 * 1000};
	pid_t waiter, forever;

	nserr_init(&err);
	lock_init(&lk);
	CU_ASSERT_EQUAL_FATAL(lock_acquire(&lk, t, 0, &err), 0);
	held_fd = lk.fd;
	waiter = child_try(t, 30, getpid());
	forever = child_try(t, -1, getpid());
	nanosleep(&pause, NULL);
	lock_release(&lk);
	held_fd = -1;
	CU_ASSERT_EQUAL(child_status(waiter), 0);
	CU_ASSERT_EQUAL(child_status(forever), 0);
}

/* A holder killed with SIGKILL leaves no stale lock. */
static void test_killed_holder(void)
{
	const char *t = tu_path("lock_kill");
	int p[2];
	char c;
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct lock lk;
		struct nserr err;

		lock_init(&lk);
		if (lock_acquire(&lk, t, 0, &err) == 0 &&
		    write(p[1], "x", 1) == 1)
			pause();
		_exit(1);
	}
	close(p[1]);
	CU_ASSERT_EQUAL(read(p[0], &c, 1), 1);
	close(p[0]);
	CU_ASSERT_EQUAL(child_status(child_try(t, 0, pid)), 75);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CU_ASSERT_EQUAL(child_status(child_try(t, 0, pid)), 0);
}

static void test_lock_symlink(void)
{
	const char *t = tu_path("lock_link");
	const char *victim = tu_path("lock_victim");
	char lockfile[512];
	struct lock lk;
	struct nserr err;
	char *s;

	nserr_init(&err);
	lock_init(&lk);
	snprintf(lockfile, sizeof lockfile, "%s.lock", t);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(victim, "keep\n", (size_t)-1), 0);
	CU_ASSERT_EQUAL_FATAL(symlink(victim, lockfile), 0);
	CU_ASSERT_EQUAL(lock_acquire(&lk, t, 0, &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, lockfile));
	s = tu_read_file(victim, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "keep\n");
	free(s);
	lock_release(&lk);
	unlink(lockfile);
}

static CU_TestInfo tests[] = {
	{"busy: NS_EBUSY naming the holder's pid", test_busy_names_holder},
	{"wait: locked once the holder releases", test_wait_for_holder},
	{"killed holder leaves no stale lock", test_killed_holder},
	{"symlink at TARGET.lock not followed", test_lock_symlink},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_lock[] = {
	{"lock", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
