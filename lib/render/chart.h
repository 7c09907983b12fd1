/*
 * chart: a chart model built from a struct table and its chart spec, then
 * dumped as text (tests) or drawn with cairo and pango (chart_draw.c).
 *
 * Model first, pixels second.  chart_build() reads the table's chart
 * spec (table_chart(): type, x column, y columns or one y column split
 * by a series column) and makes categories (the x values), series (one
 * per y column or per value of the series column) and points, plus a
 * value axis with nice 1-2-5 ticks labelled in the chart's language.
 *
 * What a chart shows (the privacy rule, also in needstat-chart(1)): only
 * what its table shows.  A suppressed cell ("<5", "x") is a gap with the
 * table's text beside it, never a zero; a month without data or a value
 * not recorded is a break in a line.  Total rows and columns are left
 * out.  A stacked bar whose parts are not all shown is hidden whole (its
 * top would give the sum of the hidden parts, and with the table's
 * totals the hidden part itself).  Interval bounds (table_col lo/hi) are
 * drawn only when the estimate and both bounds are shown.
 *
 * Types: line (x a month or date column: time axis, labels thinned to
 * at most about 12), bar (grouped when several series), stacked bar,
 * hbar (horizontal, ranked by the first series, gaps last, the
 * CHART_HBAR_MAX largest drawn with a note saying so; when an x
 * value repeats, each row is its own bar labelled by its key texts),
 * multiples (one panel per series value with a shared value axis: lines
 * over a time x, else ranked horizontal bars).
 */
#ifndef NEEDSTAT_CHART_H
#define NEEDSTAT_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "core/nserr.h"
#include "core/table.h"

/* Most series (or panels) a chart draws; more is a usage error. */
#define CHART_MAX_SERIES 24
/* Most ticks on the value axis. */
#define CHART_MAX_TICKS 24
/* Most bars an hbar chart draws: the largest, with a note. */
#define CHART_HBAR_MAX 20

enum chart_pt_state {
	CPT_MISSING = 0,   /* no row gives this point: nothing drawn */
	CPT_VALUE,         /* v holds the value */
	CPT_SUPPRESSED,    /* withheld: a gap with gap_text ("<5", "x") */
	CPT_NO_DATA,       /* no data for the period: a break */
	CPT_NOT_RECORDED,  /* not recorded: a break */
	CPT_HIDDEN         /* shown by the table, hidden by the stack rule */
};

struct chart_point {
	enum chart_pt_state state;
	double v;                   /* CPT_VALUE only */
	int has_iv;                 /* lo and hi hold a shown interval */
	double lo, hi;
	char gap_text[16];          /* "<5", "x" (suppressed points) */
};

struct chart_series {
	char *name;                 /* legend text or panel title */
	struct chart_point *pts;    /* ncat points */
	int rolling;                /* 0, or the months of the rolling mean
				       of series `of` that this series is
				       (chart_rolling; drawn dashed) */
	size_t of;
};

struct chart_tick {
	double v;
	char label[64];
};

struct chart_axis {
	double min, max, step;
	int percent;                /* values are proportions, shown as % */
	int decimals;               /* places of tick labels */
	struct chart_tick ticks[CHART_MAX_TICKS];
	size_t nticks;
	char *label;                /* axis title ("Needs", "Rate (per ...)") */
};

struct chart {
	enum chart_type type;
	int lang;
	char *title, *subtitle, *xlabel;
	char **notes;               /* source line: period, suppression ... */
	size_t nnotes;
	char **cats;                /* ncat category labels */
	long *cat_month;            /* x a month column: cat i's month as
				       year * 12 + month - 1 (-1: none);
				       NULL for other x columns */
	unsigned char *cat_label;   /* 1: the time axis labels cat i */
	size_t ncat;
	int time_x;                 /* x is a month or date column */
	size_t *order;              /* hbar: category order, ranked */
	size_t nshown;              /* categories drawn (hbar: the first
				       CHART_HBAR_MAX of order) */
	struct chart_series *series;
	size_t nseries;
	struct chart_axis y;        /* the value axis */
	int gaps, breaks, hidden;   /* counts of such points */
	int rolling;                /* months of the rolling means added by
				       chart_rolling(), 0: none */
};

/* chart_init: an empty chart; allocates nothing. */
void chart_init(struct chart *c);

/* chart_release: free what c holds and leave it as after chart_init. */
void chart_release(struct chart *c);

/*
 * chart_build: the model of table t's chart spec in lang (NS_EN or
 * NS_FR) into c (initialised and empty; the caller releases it).  The
 * model copies what it needs: t may be released afterwards.  Returns 0;
 * NS_EUSAGE when t has no chart, or the spec does not fit the data (a y
 * column not numeric, an x that repeats in a line or bar chart, too many
 * series, multiples without a series column), with a message naming the
 * columns; NS_ENOMEM.
 */
int chart_build(struct chart *c, const struct table *t, int lang,
		struct nserr *err);

/* Most months of a rolling mean (chart_rolling). */
#define CHART_ROLLING_MAX 24

/*
 * chart_rolling: add to line chart c (built by chart_build) a rolling
 * mean of each of its series over `months` months (2..CHART_ROLLING_MAX;
 * 12 is the usual): the mean, not the sum, so that it shares the value
 * axis with the monthly values.  Series i's mean is a new series (named
 * "NAME (12-month rolling mean)" in the chart's language, drawn dashed
 * in series i's colour) whose point for month m is the mean of the
 * values of months m-months+1 .. m; it is undefined (a break, never a
 * guess) when any of those months is not in the chart, has no data, is
 * not recorded or is withheld.  So it uses only values the chart shows,
 * and a withheld month cannot be worked out from two means either side
 * of it.  Adds a note saying so and appends the rolling mean to the
 * subtitle.  Returns 0; NS_EUSAGE when c is not a line chart over a
 * month column, months is out of range, already added, or the series
 * would be more than CHART_MAX_SERIES; NS_ENOMEM.
 */
int chart_rolling(struct chart *c, int months, struct nserr *err);

/*
 * chart_ticks: nice ticks for values in [lo, hi] (lo <= hi; zero always
 * included): steps 1, 2 or 5 times a power of ten, about 5 intervals,
 * at least step 1 when integral is set.  Fills min, max, step, decimals
 * and the tick values and labels of a (labels grouped in lang, as
 * percentages when a->percent is set).  Returns 0.
 */
int chart_ticks(struct chart_axis *a, double lo, double hi, int integral,
		int lang);

/*
 * chart_dump: the model as text, one fact per line (type, titles, axis
 * and ticks, categories, series and points with their bar extents,
 * notes), for tests and --dump.  Returns 0 or NS_EIO.
 */
int chart_dump(const struct chart *c, FILE *out, struct nserr *err);

enum chart_format {
	CHART_PNG = 0,
	CHART_SVG,
	CHART_PDF
};

/* chart_format_parse: "png", "svg" or "pdf" (any case) or a file name
 * ending in one of them; NS_EUSAGE otherwise. */
int chart_format_parse(const char *s);

/*
 * chart_draw: draw c on a width x height surface (CSS pixels for PNG,
 * points for SVG and PDF) and write it to out.  scale multiplies the
 * pixels of a PNG (2 for HiDPI screens); ignored for vector formats.
 * Returns 0; NS_EUSAGE for a size out of 200..8000 (scaled) or a scale
 * out of 0.5..4; NS_EIO when writing fails; NS_EINTERNAL for a cairo
 * error (named).
 */
int chart_draw(const struct chart *c, enum chart_format fmt, double width,
	       double height, double scale, FILE *out, struct nserr *err);

/*
 * chart_shutdown: free the font caches that pango, cairo and fontconfig
 * keep for the whole process (so leak checkers see none).  Call at most
 * once, at exit, after the last chart_draw(); nothing may draw after.
 */
void chart_shutdown(void);

#endif
