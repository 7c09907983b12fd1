/*
 * report_chart: the chart spec of a report, changed by a caller.
 *
 * A report's default chart comes from its `-- chart:` line (report_meta.c,
 * needstat-report(1)) and travels in its table (table_chart()).  Tools
 * (needstat-chart --type/--x/--y/--series, the workbook writer) may
 * replace parts of it by column names; this file checks the names against
 * the table and says which columns exist when one does not.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

/* col: index of the column named name (len bytes), or a usage error. */
static int col(const struct table *t, const char *what, const char *name,
	       size_t len, struct nserr *err)
{
	char buf[128], cols[1024];
	size_t i, n = 0;
	int c;

	snprintf(buf, sizeof buf, "%.*s", (int)len, name);
	if ((c = table_col_find(t, buf)) >= 0)
		return c;
	cols[0] = '\0';
	for (i = 0; i < table_ncols(t) && n < sizeof cols; i++)
		n += (size_t)snprintf(cols + n, sizeof cols - n, "%s%s",
				      i ? ", " : "", table_col(t, i)->name);
	return nserr_set(err, NS_EUSAGE, "%s: no column '%s' in report '%s' "
			 "(columns: %s)", what, buf, table_id(t), cols);
}

int report_chart_override(struct table *t, const char *type, const char *x,
			  const char *ys, const char *series,
			  struct nserr *err)
{
	struct table_chart ch = *table_chart(t);
	int y[TABLE_CHART_MAX_Y];
	size_t i;
	int c;

	if (type) {
		if ((c = table_chart_parse(type)) <= 0)
			return nserr_set(err, NS_EUSAGE, "chart type '%s' is "
					 "not line, bar, grouped_bar, "
					 "stacked_bar, hbar or multiples", type);
		ch.type = (enum chart_type)c;
	}
	if (ch.type == CHART_NONE)
		return nserr_set(err, NS_EUSAGE, "report '%s' has no default "
				 "chart: give --type, --x and --y", table_id(t));
	if (x && (ch.x = col(t, "--x", x, strlen(x), err)) < 0)
		return err->code;
	for (i = 0; i < ch.ny; i++)
		y[i] = ch.y[i];
	if (ys) {
		const char *p = ys;

		ch.ny = 0;
		while (*p) {
			size_t n = strcspn(p, ",");

			if (ch.ny == TABLE_CHART_MAX_Y)
				return nserr_set(err, NS_EUSAGE, "--y: at most "
						 "%d columns", TABLE_CHART_MAX_Y);
			if ((c = col(t, "--y", p, n, err)) < 0)
				return err->code;
			y[ch.ny++] = c;
			p += n + (p[n] == ',');
		}
		if (ch.ny == 0)
			return nserr_set(err, NS_EUSAGE, "--y: no column");
	}
	if (series)
		ch.series = strcmp(series, "none") == 0 ? -1
			    : col(t, "--series", series, strlen(series), err);
	if (ch.series < -1)
		return err->code;
	if (ch.series >= 0 && ch.ny > 1)
		return nserr_set(err, NS_EUSAGE, "a series column splits one y "
				 "column; %zu given", ch.ny);
	if (ch.x < 0)
		return nserr_set(err, NS_EUSAGE, "give the x column (--x)");
	return table_set_chart(t, ch.type, ch.x, y, ch.ny, ch.series) == 0 ? 0
	       : nserr_set(err, NS_EUSAGE, "bad chart spec");
}
