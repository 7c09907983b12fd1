/*
 * dash_book: the month's workbook on the dashboard (dashboard.h): the
 * report set needstat-xlsx writes for the month (every installed report
 * that honours the request, report_set.h), run once and written in each
 * language with xlsx_write (xlsx.h) into xlsx/ of the site.  Its
 * suppression is the workbook's own, as needstat-xlsx's; with min_cell 1
 * it is stamped not for publication, like the pages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dash_int.h"
#include "render/xlsx.h"

int dash_book_build(sqlite3 *db, const char *reports_dir,
		    const struct report_opts *o, struct dashboard *d,
		    struct nserr *err)
{
	struct report_opts ro = *o;
	int rc;

	if (d->empty)
		return 0;
	ro.min_cell = d->min_cell;
	ro.audit = NULL;
	rc = report_set_load(&d->book, reports_dir, NULL, &ro, err);
	if (!rc)
		rc = report_set_run(&d->book, db, &ro, NULL, err);
	if (rc) {
		nserr_prefix(err, "the month's workbook");
		report_set_release(&d->book);
	}
	return rc;
}

void dash_book_name(const struct dashboard *d, int lang, char *buf,
		    size_t size)
{
	snprintf(buf, size, "needstat-%04d-%02d.%s.xlsx", d->month / 100,
		 d->month % 100, nf_lang_code(lang));
}

int dash_book_write(const struct dashboard *d, const char *dir, int lang,
		    struct nserr *err)
{
	const struct table **tp;
	struct xlsx_opts xo;
	char sub[4096], path[4200], name[64];
	size_t i;
	int rc;

	if (!d->book.n)
		return 0;
	snprintf(sub, sizeof sub, "%s/xlsx", dir);
	if (mkdir(sub, 0755) && errno != EEXIST)
		return nserr_set(err, NS_ECANTCREAT, "cannot create '%s': %s",
				 sub, strerror(errno));
	dash_book_name(d, lang, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", sub, name);
	if (!(tp = malloc(d->book.n * sizeof *tp)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	for (i = 0; i < d->book.n; i++)
		tp[i] = &d->book.tables[i];
	xlsx_opts_init(&xo);
	xo.lang = lang;
	xo.internal = d->min_cell <= 1;
	xo.generated_at = d->generated_at;
	xo.tmpdir = dir;    /* a killed run's leftovers go with the folder */
	rc = xlsx_write(path, tp, d->book.n, NULL, &xo, err);
	free(tp);
	return rc;
}
