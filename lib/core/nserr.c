/*
 * nserr: formatting and mapping of the library's error statuses.
 */
#include "nserr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* After a vsnprintf into msg that wanted n bytes: mark a cut message. */
static void mark_cut(char *msg, size_t size, int n)
{
	if (n >= 0 && (size_t)n >= size && size > 4)
		memcpy(msg + size - 4, "...", 4);
}

void nserr_init(struct nserr *err)
{
	err->code = NS_OK;
	err->msg[0] = '\0';
}

int nserr_set(struct nserr *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	mark_cut(err->msg, sizeof err->msg,
		 vsnprintf(err->msg, sizeof err->msg, fmt, ap));
	va_end(ap);
	return code;
}

int nserr_prefix(struct nserr *err, const char *fmt, ...)
{
	char head[NSERR_MSG_MAX], old[NSERR_MSG_MAX];
	va_list ap;

	if (!err)
		return NS_EINTERNAL;
	va_start(ap, fmt);
	mark_cut(head, sizeof head, vsnprintf(head, sizeof head, fmt, ap));
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	mark_cut(err->msg, sizeof err->msg, old[0] ?
		 snprintf(err->msg, sizeof err->msg, "%s: %s", head, old) :
		 snprintf(err->msg, sizeof err->msg, "%s", head));
	return err->code;
}

const char *nserr_str(int code)
{
	switch (code) {
	case NS_OK: return "ok";
	case NS_EUSAGE: return "usage error";
	case NS_EDATA: return "bad data";
	case NS_ENOINPUT: return "cannot open input";
	case NS_ECANTCREAT: return "cannot create output";
	case NS_EIO: return "input/output error";
	case NS_EBUSY: return "database busy";
	case NS_ECONFIG: return "configuration error";
	case NS_ENOMEM: return "out of memory";
	case NS_EINTERNAL: return "internal error";
	case NS_ESAME: return "already loaded";
	}
	return "unknown error";
}

int nserr_exit_code(int code)
{
	switch (code) {
	case NS_OK: case NS_ESAME: return 0;
	case NS_EUSAGE: return 64;
	case NS_EDATA: return 65;
	case NS_ENOINPUT: return 66;
	case NS_ECANTCREAT: return 73;
	case NS_EIO: return 74;
	case NS_EBUSY: return 75;
	case NS_ECONFIG: return 78;
	default: return 70;
	}
}
