/*
 * Tests for outfile and outdir: atomic replacement, no half file after a
 * failing write, symlinks never followed, FIFO and device written
 * directly, directories and protected files (the database, inputs)
 * refused, directories swapped whole.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/outdir.h"
#include "core/outfile.h"
#include "testutil.h"

/* A fresh empty folder tu_path(name). */
static const char *fresh_dir(const char *name)
{
	const char *d = tu_path(name);

	outdir_remove_tree(d);
	CU_ASSERT_EQUAL_FATAL(mkdir(d, 0777), 0);
	return d;
}

/* Entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static char path_buf[8][512];
static int path_slot;

static const char *in(const char *dir, const char *name)
{
	char *p = path_buf[path_slot++ % 8], tmp[512];

	int n = snprintf(tmp, sizeof tmp, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sizeof tmp)
		CU_FAIL("path too long");
	memcpy(p, tmp, sizeof tmp);
	return p;
}

static int write_through(const char *path, const char *text,
			 struct nserr *err)
{
	struct outfile of;
	int rc;

	outfile_init(&of);
	if ((rc = outfile_open(&of, path, err)) != 0)
		return rc;
	fputs(text, of.fp);
	return outfile_commit(&of, err);
}

static void test_write_replace(void)
{
	const char *d = fresh_dir("of_basic");
	const char *f = in(d, "out.csv");
	struct nserr err;
	struct stat st;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL(write_through(f, "one\n", &err), 0);
	CU_ASSERT_EQUAL(write_through(f, "two\n", &err), 0);
	s = tu_read_file(f, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "two\n");
	free(s);
	CU_ASSERT_EQUAL(count_entries(d), 1);  /* no temporary left */
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	{
		mode_t um = umask(022);

		umask(um);
		CU_ASSERT_EQUAL(st.st_mode & 0777, 0666 & ~um);
	}
}

static void test_private_mode(void)
{
	const char *d = fresh_dir("of_mode");
	const char *f = in(d, "rejects.csv");
	struct outfile of;
	struct nserr err;
	struct stat st;

	nserr_init(&err);
	outfile_init(&of);
	of.mode = 0600;
	CU_ASSERT_EQUAL_FATAL(outfile_open(&of, f, &err), 0);
	fputs("x\n", of.fp);
	CU_ASSERT_EQUAL(outfile_commit(&of, &err), 0);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
}

static void test_abort_keeps_old(void)
{
	const char *d = fresh_dir("of_abort");
	const char *f = in(d, "out.txt");
	struct outfile of;
	struct nserr err;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(write_through(f, "good\n", &err), 0);
	outfile_init(&of);
	CU_ASSERT_EQUAL_FATAL(outfile_open(&of, f, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(of.tmp_path);
	fputs("half", of.fp);
	fflush(of.fp);
	CU_ASSERT_EQUAL(count_entries(d), 2);
	outfile_abort(&of);
	outfile_abort(&of);  /* harmless twice */
	s = tu_read_file(f, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "good\n");
	free(s);
	CU_ASSERT_EQUAL(count_entries(d), 1);
}

/* A write that fails for real (RLIMIT_FSIZE, SIGXFSZ ignored: EFBIG) in a
 * child: commit says NS_EIO naming the file, the old file stays whole and
 * no temporary is left. */
static void test_failing_write(void)
{
	const char *d = fresh_dir("of_full");
	const char *f = in(d, "report.txt");
	struct nserr err;
	pid_t pid;
	int status = -1;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(write_through(f, "last good\n", &err), 0);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct rlimit rl = {4096, 4096};
		struct outfile of;
		int i, rc;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		outfile_init(&of);
		if (outfile_open(&of, f, &err))
			_exit(10);
		for (i = 0; i < 10000; i++)
			fputs("0123456789", of.fp);
		rc = outfile_commit(&of, &err);
		_exit(rc == NS_EIO && strstr(err.msg, "report.txt") &&
		      strstr(err.msg, "too large") ? 0 : 11);
	}
	CU_ASSERT_FATAL(pid > 0);
	waitpid(pid, &status, 0);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	s = tu_read_file(f, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "last good\n");
	free(s);
	CU_ASSERT_EQUAL(count_entries(d), 1);
}

static void test_symlink_target_refused(void)
{
	const char *d = fresh_dir("of_link");
	const char *victim = in(d, "victim"), *link = in(d, "out.csv");
	struct nserr err;
	struct stat st;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(victim, "precious\n", (size_t)-1),
			      0);
	CU_ASSERT_EQUAL_FATAL(symlink("victim", link), 0);
	CU_ASSERT_EQUAL(write_through(link, "evil\n", &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symbolic link"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, link));
	s = tu_read_file(victim, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "precious\n");
	free(s);
	CU_ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CU_ASSERT_EQUAL(count_entries(d), 2);
}

/* The old code wrote FILE.tmp: a symlink planted there redirected it. */
static void test_planted_temp_not_followed(void)
{
	const char *d = fresh_dir("of_plant");
	const char *victim = in(d, "victim"), *f = in(d, "out.csv");
	char plant[512];
	struct nserr err;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(victim, "precious\n", (size_t)-1),
			      0);
	snprintf(plant, sizeof plant, "%s.tmp", f);
	CU_ASSERT_EQUAL_FATAL(symlink("victim", plant), 0);
	CU_ASSERT_EQUAL(write_through(f, "report\n", &err), 0);
	s = tu_read_file(victim, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "precious\n");
	free(s);
	s = tu_read_file(f, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "report\n");
	free(s);
}

static void test_fifo_direct(void)
{
	const char *d = fresh_dir("of_fifo");
	const char *f = in(d, "pipe");
	struct nserr err;
	struct stat st;
	char buf[64];
	ssize_t n;
	int rfd;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(mkfifo(f, 0600), 0);
	rfd = open(f, O_RDONLY | O_NONBLOCK);
	CU_ASSERT_FATAL(rfd >= 0);
	CU_ASSERT_EQUAL(write_through(f, "through the pipe\n", &err), 0);
	n = read(rfd, buf, sizeof buf - 1);
	close(rfd);
	CU_ASSERT_EQUAL(n, 17);
	buf[n > 0 ? n : 0] = '\0';
	CU_ASSERT_STRING_EQUAL(buf, "through the pipe\n");
	CU_ASSERT(lstat(f, &st) == 0 && S_ISFIFO(st.st_mode));
	CU_ASSERT_EQUAL(count_entries(d), 1);
}

static void test_device_direct(void)
{
	struct outfile of;
	struct nserr err;
	struct stat st;

	nserr_init(&err);
	outfile_init(&of);
	CU_ASSERT_EQUAL_FATAL(outfile_open(&of, "/dev/null", &err), 0);
	CU_ASSERT_PTR_NULL(of.tmp_path);
	fputs("gone\n", of.fp);
	CU_ASSERT_EQUAL(outfile_commit(&of, &err), 0);
	CU_ASSERT(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
	/* a full device: the write error is reported */
	if (stat("/dev/full", &st) == 0) {
		outfile_init(&of);
		CU_ASSERT_EQUAL_FATAL(outfile_open(&of, "/dev/full", &err), 0);
		fputs("no room\n", of.fp);
		CU_ASSERT_EQUAL(outfile_commit(&of, &err), NS_EIO);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/dev/full"));
	}
}

static void test_directory_refused(void)
{
	const char *d = fresh_dir("of_dir");
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL(write_through(d, "x", &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a directory"));
	CU_ASSERT_EQUAL(write_through(in(d, "no/such/x"), "x", &err),
			NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "No such file"));
	CU_ASSERT_EQUAL(count_entries(d), 0);
}

static void test_protected(void)
{
	const char *d = fresh_dir("of_prot");
	const char *db = in(d, "needstat.db"), *input = in(d, "in.csv");
	const char *hard = in(d, "alias.csv");
	char dotted[512], wal[512];
	struct nserr err;
	char *s;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(db, "db", (size_t)-1), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(input, "a,b\n", (size_t)-1), 0);
	CU_ASSERT_EQUAL_FATAL(link(input, hard), 0);
	CU_ASSERT_EQUAL(outfile_protect_db(db, &err), 0);
	CU_ASSERT_EQUAL(outfile_protect(input, &err), 0);
	CU_ASSERT_EQUAL(write_through(db, "x", &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "it is the database"));
	/* another name for the same file */
	snprintf(dotted, sizeof dotted, "%s/./needstat.db", d);
	CU_ASSERT_EQUAL(write_through(dotted, "x", &err), NS_ECANTCREAT);
	CU_ASSERT_EQUAL(write_through(hard, "x", &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "an input"));
	/* a companion that does not exist yet */
	snprintf(wal, sizeof wal, "%s/./needstat.db-wal", d);
	CU_ASSERT_EQUAL(write_through(wal, "x", &err), NS_ECANTCREAT);
	CU_ASSERT_EQUAL(outfile_check(in(d, "other.csv"), "output", &err), 0);
	s = tu_read_file(input, NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "a,b\n");
	free(s);
	outfile_unprotect_all();
	CU_ASSERT_EQUAL(write_through(in(d, "needstat.db-wal"), "x", &err), 0);
}

static void test_outdir_swap(void)
{
	const char *d = fresh_dir("od_swap");
	const char *t = in(d, "dash");
	struct outdir od;
	struct nserr err;
	char *s;

	nserr_init(&err);
	outdir_init(&od);
	CU_ASSERT_EQUAL_FATAL(outdir_open(&od, t, &err), 0);
	CU_ASSERT_EQUAL(tu_write_file(in(od.tmp_path, "a.html"), "one",
				      (size_t)-1), 0);
	CU_ASSERT_EQUAL(outdir_commit(&od, &err), 0);
	s = tu_read_file(in(t, "a.html"), NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "one");
	free(s);
	/* a second build replaces the whole directory */
	outdir_init(&od);
	CU_ASSERT_EQUAL_FATAL(outdir_open(&od, t, &err), 0);
	CU_ASSERT_EQUAL(mkdir(in(od.tmp_path, "sub"), 0777), 0);
	CU_ASSERT_EQUAL(tu_write_file(in(od.tmp_path, "sub/b.html"), "two",
				      (size_t)-1), 0);
	CU_ASSERT_EQUAL(outdir_commit(&od, &err), 0);
	CU_ASSERT_EQUAL(access(in(t, "a.html"), F_OK), -1);
	s = tu_read_file(in(t, "sub/b.html"), NULL);
	CU_ASSERT_STRING_EQUAL(s ? s : "", "two");
	free(s);
	CU_ASSERT_EQUAL(count_entries(d), 1);
	/* a failed build leaves the last good one */
	outdir_init(&od);
	CU_ASSERT_EQUAL_FATAL(outdir_open(&od, t, &err), 0);
	CU_ASSERT_EQUAL(tu_write_file(in(od.tmp_path, "half"), "x",
				      (size_t)-1), 0);
	outdir_abort(&od);
	CU_ASSERT_EQUAL(access(in(t, "sub/b.html"), F_OK), 0);
	CU_ASSERT_EQUAL(count_entries(d), 1);
}

static void test_outdir_refusals(void)
{
	const char *d = fresh_dir("od_ref");
	const char *victim = fresh_dir("od_victim");
	struct outdir od;
	struct nserr err;

	nserr_init(&err);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(in(d, "file"), "x", (size_t)-1), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(in(victim, "keep"), "x",
					    (size_t)-1), 0);
	CU_ASSERT_EQUAL_FATAL(symlink(victim, in(d, "link")), 0);
	outdir_init(&od);
	CU_ASSERT_EQUAL(outdir_open(&od, in(d, "file"), &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a directory"));
	CU_ASSERT_EQUAL(outdir_open(&od, in(d, "link"), &err), NS_ECANTCREAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symbolic link"));
	CU_ASSERT_EQUAL(outdir_open(&od, in(d, "no/such"), &err),
			NS_ECANTCREAT);
	/* removing a tree removes a link in it, not what it points to */
	CU_ASSERT_EQUAL(outdir_remove_tree(d), 0);
	CU_ASSERT_EQUAL(access(d, F_OK), -1);
	CU_ASSERT_EQUAL(access(in(victim, "keep"), F_OK), 0);
}

/* stale_dir: a folder name in d, with the marker when marked. */
static void stale_dir(const char *d, const char *name, int marked)
{
	CU_ASSERT_EQUAL_FATAL(mkdir(in(d, name), 0777), 0);
	if (marked) {
		char m[512];

		snprintf(m, sizeof m, "%s/" OUTDIR_MARKER, name);
		CU_ASSERT_EQUAL_FATAL(tu_write_file(in(d, m), "", 0), 0);
	}
}

static void test_outdir_clean_stale(void)
{
	const char *d = fresh_dir("od_stale");
	const char *other = fresh_dir("od_stale_other");
	char t[512];   /* in() reuses its buffers */
	struct outdir od;
	struct nserr err;

	nserr_init(&err);
	snprintf(t, sizeof t, "%s", in(d, "dash"));
	stale_dir(d, "dash", 1);                /* the site itself */
	stale_dir(d, ".dash.AbC123", 1);        /* a killed build */
	stale_dir(d, ".dash.old.Zz9999", 1);    /* a killed swap */
	stale_dir(d, ".dash.QQQQQQ", 0);        /* not ours: no marker */
	stale_dir(d, ".dash.x", 1);             /* not mkdtemp's name */
	stale_dir(d, ".dash.ABCDEFG", 1);
	stale_dir(d, ".dashx.ABCDEF", 1);       /* another target's */
	stale_dir(d, ".other.ABCDEF", 1);
	stale_dir(other, "keep", 1);
	CU_ASSERT_EQUAL_FATAL(symlink(in(other, "keep"),
				      in(d, ".dash.LLLLLL")), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(in(d, ".dash.FFFFFF"), "x",
					    (size_t)-1), 0);
	/* a marker that is a link does not count */
	CU_ASSERT_EQUAL_FATAL(mkdir(in(d, ".dash.SSSSSS"), 0777), 0);
	CU_ASSERT_EQUAL_FATAL(symlink(in(other, "keep/" OUTDIR_MARKER),
			      in(d, ".dash.SSSSSS/" OUTDIR_MARKER)), 0);
	CU_ASSERT_EQUAL(outdir_clean_stale(t), 2);
	CU_ASSERT_EQUAL(access(in(d, ".dash.AbC123"), F_OK), -1);
	CU_ASSERT_EQUAL(access(in(d, ".dash.old.Zz9999"), F_OK), -1);
	CU_ASSERT_EQUAL(count_entries(d), 9);
	CU_ASSERT_EQUAL(access(in(d, "dash/" OUTDIR_MARKER), F_OK), 0);
	CU_ASSERT_EQUAL(access(in(other, "keep/" OUTDIR_MARKER), F_OK), 0);
	CU_ASSERT_EQUAL(outdir_clean_stale(t), 0);
	/* what outdir_open makes is marked, so a killed run's is found */
	outdir_init(&od);
	CU_ASSERT_EQUAL_FATAL(outdir_open(&od, t, &err), 0);
	CU_ASSERT_EQUAL(access(in(od.tmp_path, OUTDIR_MARKER), F_OK), 0);
	CU_ASSERT_EQUAL(outdir_clean_stale(t), 1);
	CU_ASSERT_EQUAL(access(od.tmp_path, F_OK), -1);
	outdir_abort(&od);
	CU_ASSERT_EQUAL(count_entries(d), 9);
}

static CU_TestInfo outfile_tests[] = {
	{"write and replace, nothing left over", test_write_replace},
	{"mode 0600 for raw data", test_private_mode},
	{"abort keeps the old file", test_abort_keeps_old},
	{"failing write: no half file (EFBIG)", test_failing_write},
	{"symlink at the target refused", test_symlink_target_refused},
	{"symlink at FILE.tmp not followed", test_planted_temp_not_followed},
	{"FIFO written directly", test_fifo_direct},
	{"device written directly, write error seen", test_device_direct},
	{"directory and missing folder refused", test_directory_refused},
	{"database, companions and inputs refused", test_protected},
	{"outdir: build and swap", test_outdir_swap},
	{"outdir: file, symlink, missing parent refused",
	 test_outdir_refusals},
	{"outdir: a killed run's folders removed, nothing else",
	 test_outdir_clean_stale},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_outfile[] = {
	{"outfile", NULL, NULL, NULL, NULL, outfile_tests},
	CU_SUITE_INFO_NULL,
};
