/*
 * nserr: the one error type of the needstat library.
 *
 * Library functions never print and never exit: they return an int status
 * (0 for success, a negative NS_E* code otherwise) and fill a caller-owned
 * struct nserr with the code and a human message that already names its
 * subject (file, line, column, value).  Only cmd/ prints, prefixing the
 * program name, and maps the code to a sysexits exit status.
 */
#ifndef NEEDSTAT_NSERR_H
#define NEEDSTAT_NSERR_H

#include <stddef.h>

/*
 * The statuses are far from -1, 1 and the other small numbers that
 * helpers return for "not found" or "stop", so such a value that leaks out
 * as a status is never mistaken for one of these (nserr_exit_code maps any
 * unknown value to 70, internal error).
 */
enum ns_status {
	NS_OK = 0,
	NS_EUSAGE = -1064,    /* bad arguments from the caller */
	NS_EDATA = -1065,     /* bad input data (rows, files, values) */
	NS_ENOINPUT = -1066,  /* an input file cannot be opened */
	NS_ECANTCREAT = -1073,/* an output or the database cannot be created */
	NS_EIO = -1074,       /* read or write error */
	NS_EBUSY = -1075,     /* database locked past the timeout */
	NS_ECONFIG = -1078,   /* bad configuration, profile or reference file */
	NS_ENOMEM = -1071,    /* out of memory */
	NS_EINTERNAL = -1070, /* a bug or an unexpected library failure */
	NS_ESAME = -1100      /* nothing to do: input already loaded */
};

#define NSERR_MSG_MAX 1024

struct nserr {
	int code;                   /* one of enum ns_status */
	char msg[NSERR_MSG_MAX];    /* message without program name */
};

/* nserr_init: clear *err (code NS_OK, empty message). */
void nserr_init(struct nserr *err);

/*
 * nserr_set: set err->code to code and format the message (printf style);
 * a message longer than NSERR_MSG_MAX - 1 bytes is cut and ends in "...".
 * err may be NULL (then nothing is recorded).  Returns code, so a caller can
 * write `return nserr_set(err, NS_EDATA, "...")`.
 */
int nserr_set(struct nserr *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * nserr_prefix: put a formatted context before the current message,
 * separated by ": " (e.g. "cannot prepare 'x.sql'" + ": near FORM").
 * The code is kept.  Returns err->code.
 */
int nserr_prefix(struct nserr *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* nserr_str: a short English name for a status code ("bad data"). */
const char *nserr_str(int code);

/*
 * nserr_exit_code: the sysexits.h exit status for a status code:
 * 0 -> 0, NS_EUSAGE -> 64, NS_EDATA -> 65, NS_ENOINPUT -> 66,
 * NS_EINTERNAL/NS_ENOMEM -> 70, NS_ECANTCREAT -> 73, NS_EIO -> 74,
 * NS_EBUSY -> 75, NS_ECONFIG -> 78, NS_ESAME -> 0.
 */
int nserr_exit_code(int code);

#endif
