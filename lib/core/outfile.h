/*
 * outfile: the one way needstat writes a file, so that a run never leaves
 * half a file and never writes through a name it was not meant to.
 *
 * A regular target is written to a temporary created with O_EXCL (mkstemp)
 * in the target's folder, named ".NAME.XXXXXX"; outfile_commit flushes,
 * fsyncs, renames it over the target and fsyncs the folder, so a reader
 * sees the old file or the new one, never a mix, and a failed run leaves
 * the old one.  "-" (or NULL) is standard output; an existing FIFO or
 * character device (/dev/null, a pipe made with mkfifo) is written
 * directly, since renaming over it would replace it.
 *
 * Refused (NS_ECANTCREAT, exit 73, with the path and the reason):
 *  - a directory;
 *  - a symbolic link as the last component of the path: outfile never
 *    follows a link it did not create, nor replaces one (the user names the
 *    real file); links in the folders above are followed as usual;
 *  - a file registered with outfile_protect (the database and its
 *    -wal/-shm/-journal, every input): compared by device and inode when
 *    both exist, and by folder (device, inode) and name otherwise, so a
 *    hard link, "./x" or a path through a symlinked folder is caught too.
 *
 * Thread safety: outfile_protect may be called from several threads; the
 * list is process-wide (everything one process reads must be safe from
 * everything it writes, whichever module opens them).
 */
#ifndef NEEDSTAT_OUTFILE_H
#define NEEDSTAT_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "nserr.h"

struct outfile {
	FILE *fp;          /* where to write; stdout for "-" */
	char *tmp_path;    /* the temporary (malloc'd); NULL when written
			    * directly (stdout, FIFO, device) */
	char *path;        /* the target as given (malloc'd); NULL for stdout */
	mode_t mode;       /* permissions of the new file before the umask:
			    * 0666 from outfile_init; set 0600 before
			    * outfile_open for files that hold raw data */
	int direct;        /* 1: FIFO or device written in place; 2: stdout */
	const char *what;  /* what the file is, for messages ("rejects
			    * file": "cannot create rejects file 'x': ...");
			    * NULL from outfile_init */
};

/* outfile_init: prepare *of (nothing open, mode 0666). */
void outfile_init(struct outfile *of);

/*
 * outfile_open: open path for writing as described above; of->fp is then
 * ready.  A library that writes by file name (libxlsxwriter) may
 * fclose(of->fp), set of->fp to NULL and write to of->tmp_path itself
 * before outfile_commit (only when of->tmp_path is not NULL).
 * Returns 0, or NS_ECANTCREAT (directory, symlink, protected file, folder
 * missing or not writable: message names path and strerror) or NS_ENOMEM;
 * on failure nothing is created and *of needs no outfile_abort (calling
 * it is harmless).
 */
int outfile_open(struct outfile *of, const char *path, struct nserr *err);

/*
 * outfile_commit: finish the file: flush and check for write errors,
 * fsync, close, rename the temporary over the target and fsync the folder.
 * For stdout it only flushes (cli_finish closes it).  Returns 0, or NS_EIO
 * (a write error such as a full disk, "cannot write 'PATH': ...") or
 * NS_ECANTCREAT (the rename failed); on failure the temporary is removed
 * and the target is as it was.  *of is released either way.
 */
int outfile_commit(struct outfile *of, struct nserr *err);

/*
 * outfile_abort: give up: close and remove the temporary (the target is
 * untouched; a FIFO or device has had what was written).  Safe on an
 * initialised, opened, committed or aborted *of.
 */
void outfile_abort(struct outfile *of);

/*
 * outfile_protect: from now on refuse to write over path in this process
 * (outfile_open and outfile_check).  path need not exist yet (a -wal file
 * appears later); its folder should.  Returns 0, or NS_ENOMEM.
 */
int outfile_protect(const char *path, struct nserr *err);

/*
 * outfile_protect_db: outfile_protect for a database path and its -wal,
 * -shm and -journal companions.
 */
int outfile_protect_db(const char *path, struct nserr *err);

/*
 * outfile_check: NS_ECANTCREAT with a message ("refusing to write over
 * 'PATH': it is the database 'DB'") when path is a protected file, else 0.
 * what names the output in the message ("rejects file", "output").
 */
int outfile_check(const char *path, const char *what, struct nserr *err);

/* outfile_unprotect_all: forget every protected path (for tests). */
void outfile_unprotect_all(void);

/*
 * outfile_remove_live: unlink the temporary of every output open now (not
 * yet committed or aborted).  Async-signal-safe (unlink and atomic loads
 * only): for a SIGINT/SIGTERM/SIGHUP handler, so that an interrupted run
 * leaves the old target and no ".NAME.XXXXXX" beside it.  The outfile
 * structs are left as they are (the process is about to end).
 */
void outfile_remove_live(void);

#endif
