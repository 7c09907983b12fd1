/*
 * cli: diagnostics and exit-status plumbing for the tools.
 */
#include "cli.h"

#include "csvin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "needstat";

void cli_set_prog(const char *name)
{
	const char *slash = strrchr(name, '/');
	prog = slash ? slash + 1 : name;
}

const char *cli_prog(void)
{
	return prog;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_fail(const struct nserr *err)
{
	cli_warn("%s", err->msg[0] ? err->msg : nserr_str(err->code));
	return nserr_exit_code(err->code);
}

int cli_usage_error(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fprintf(stderr, "%s: ", prog);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "usage: %s\ntry '%s --help'\n", synopsis, prog);
	return 64;
}

int cli_version(void)
{
	printf("%s %s\n", prog, NEEDSTAT_VERSION);
	return 0;
}

int cli_finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("write error on standard output: %s", strerror(errno));
		fclose(stdout);
		return 74;
	}
	if (fclose(stdout) != 0) {
		cli_warn("write error on standard output: %s", strerror(errno));
		return 74;
	}
	return rc;
}

int cli_parse_long(const char *opt, const char *s, long lo, long hi,
		   long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi) {
		cli_warn("option '%s': '%s' is not a whole number from %ld to "
			 "%ld", opt, s, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_print_csv_row(void *ctx, int n, const char *const *v)
{
	int i;

	(void)ctx;
	for (i = 0; i < n; i++) {
		if (i)
			putchar(',');
		if (v[i])
			csvin_write_field(stdout, v[i], strlen(v[i]));
	}
	putchar('\n');
	return 0;
}
