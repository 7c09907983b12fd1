/*
 * outdir: build a directory of outputs (the dashboard) beside its target
 * and swap it into place at the end, so a reader never sees half a
 * directory and a failed run leaves the last good one.
 *
 * outdir_open creates a fresh temporary directory ".NAME.XXXXXX" beside
 * the target (mkdtemp: O_EXCL semantics, nothing followed); the caller
 * writes its files into od->tmp_path; outdir_commit swaps it into place:
 * renameat2(RENAME_EXCHANGE) where the kernel and file system allow it
 * (one atomic step), else the old directory is renamed aside and the new
 * one renamed in (a reader may, for that instant, find no directory, but
 * never a mixed one); the old tree is then removed.  The target must be a
 * directory or not exist: a file or a symbolic link there is refused.
 * Two runs building the same target are kept apart with lock.h.
 *
 * Each folder outdir creates holds a marker file, OUTDIR_MARKER, so that
 * a later run can tell the temporaries a killed run left behind from
 * anything else: outdir_clean_stale, called while holding the lock,
 * removes only folders named as outdir names them, owned by this user,
 * holding the marker.  (The marker stays in the swapped-in directory: a
 * hidden empty file.)
 */
#ifndef NEEDSTAT_OUTDIR_H
#define NEEDSTAT_OUTDIR_H

#include <sys/types.h>

#include "nserr.h"

/* The marker file in every folder outdir creates. */
#define OUTDIR_MARKER ".needstat-outdir"

struct outdir {
	char *path;      /* the target as given (malloc'd) */
	char *tmp_path;  /* the directory being built (malloc'd) */
	mode_t mode;     /* permissions before the umask: 0777 from init */
};

/* outdir_init: prepare *od (nothing open, mode 0777). */
void outdir_init(struct outdir *od);

/*
 * outdir_open: create the temporary directory for target (od->tmp_path)
 * with the marker OUTDIR_MARKER in it.  Returns 0, or NS_ECANTCREAT (target is a file or a symbolic link, the
 * parent folder is missing or not writable; the message names the path)
 * or NS_ENOMEM.  On failure nothing is left to clean up.
 */
int outdir_open(struct outdir *od, const char *target, struct nserr *err);

/*
 * outdir_commit: put the built directory in place of the target and remove
 * the old one.  Returns 0, or NS_ECANTCREAT when the swap failed (the old
 * directory is kept, or put back, and the temporary removed).  A failure to
 * remove the old tree afterwards is not an error (it is left as
 * ".NAME.XXXXXX" beside the target).  *od is released either way.
 */
int outdir_commit(struct outdir *od, struct nserr *err);

/* outdir_abort: remove the temporary directory and all in it; the target
 * is untouched.  Safe on an initialised, committed or aborted *od. */
void outdir_abort(struct outdir *od);

/*
 * outdir_clean_stale: remove the temporaries earlier runs for target left
 * beside it (killed before they swapped or removed them): the entries of
 * target's folder named ".NAME.XXXXXX" or ".NAME.old.XXXXXX" (NAME the
 * last component of target, XXXXXX six letters or digits, as mkdtemp
 * makes them) that are directories, not symbolic links, owned by the
 * effective user and hold a regular file OUTDIR_MARKER.  Anything else is left alone.  The
 * caller must hold the lock on target (lock.h): another run's folder
 * being built looks the same.  Returns the number of folders removed
 * (errors while removing one are skipped: it is tried again next run).
 */
int outdir_clean_stale(const char *target);

/*
 * outdir_remove_tree: remove path and everything below it, never following
 * a symbolic link (a link is removed, not what it points to).  Returns 0 or
 * an errno value.
 */
int outdir_remove_tree(const char *path);

#endif
