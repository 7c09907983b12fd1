/*
 * xlsx: the workbook (xlsx.h): libxlsxwriter set-up, the shared cell
 * formats, the Notes sheet, sheet names and workbook properties.  The
 * sheets of the tables are xlsx_sheet.c, the charts xlsx_chart.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "xlsx_int.h"

void xlsx_opts_init(struct xlsx_opts *o)
{
	memset(o, 0, sizeof *o);
	o->lang = NS_EN;
}

/* Texts of the Notes sheet: English, French. */
static const char *const T_TITLE[2] = {
	"Needs and unmet needs: report set",
	"Besoins et besoins non combl\xc3\xa9s\xc2\xa0: ensemble de rapports"};
static const char *const T_NOTES[2] = {"Notes", "Notes"};
static const char *const T_DATA[2] = {"Data", "Donn\xc3\xa9" "es"};
const char *const xlsx_stamp[2] = {
	"NOT FOR PUBLICATION: small counts are not suppressed; internal use "
	"only.",
	"\xc3\x80 NE PAS PUBLIER\xc2\xa0: les petits effectifs ne sont pas "
	"masqu\xc3\xa9s\xc2\xa0; usage interne seulement."};

int xw_fail(struct xw *w, const char *sheet, const char *what, lxw_error e)
{
	return nserr_set(w->err, NS_EINTERNAL, "sheet '%s': cannot %s: %s",
			 sheet, what, lxw_strerror(e));
}

lxw_format *xw_fmt(struct xw *w, const char *num, int bold, int right)
{
	struct xfmt *x;
	size_t i;

	for (i = 0; i < w->nfmt; i++)
		if (!strcmp(w->fmt[i].num, num) && w->fmt[i].bold == bold &&
		    w->fmt[i].right == right)
			return w->fmt[i].f;
	if (w->nfmt == XLSX_MAX_FMT || strlen(num) >= sizeof x->num)
		return NULL;
	x = &w->fmt[w->nfmt];
	if (!(x->f = workbook_add_format(w->wb)))
		return NULL;
	snprintf(x->num, sizeof x->num, "%s", num);
	x->bold = bold;
	x->right = right;
	if (*num)
		format_set_num_format(x->f, num);
	if (bold)
		format_set_bold(x->f);
	if (right)
		format_set_align(x->f, LXW_ALIGN_RIGHT);
	w->nfmt++;
	return x->f;
}

/* utf8_len: characters (not bytes) of s. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* utf8_cut: the byte length of the first max characters of s. */
static size_t utf8_cut(const char *s, size_t max)
{
	size_t i = 0, n = 0;

	while (s[i]) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			break;
		i++;
	}
	return i;
}

static int name_used(const char *name, const char *const *used, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(used[i], name))
			return 1;
	return 0;
}

char *xlsx_sheet_name(const char *title, const char *const *used,
		      size_t nused, char *buf, size_t size)
{
	char base[XLSX_NAME_BUF], suf[16];
	size_t i, len, cut;
	unsigned k;

	/* forbidden characters are dropped, runs of spaces made one */
	for (i = 0, len = 0; title && title[i] && len + 1 < sizeof base; i++)
		if (!strchr("[]:*?/\\", title[i]) &&
		    !(title[i] == ' ' && (len == 0 || base[len - 1] == ' ')))
			base[len++] = title[i];
	base[len] = '\0';
	if (!*base)
		snprintf(base, sizeof base, "Sheet");
	for (k = 1;; k++) {
		suf[0] = '\0';
		if (k > 1)
			snprintf(suf, sizeof suf, " (%u)", k);
		len = utf8_cut(base, XLSX_SHEET_NAME_MAX - strlen(suf));
		cut = len;
		/* cut at a word boundary when the title is longer */
		if (base[len]) {
			while (cut > 0 && base[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = len;
		}
		while (cut > 0 && (base[cut - 1] == ' ' ||
				   base[cut - 1] == ',' ||
				   base[cut - 1] == '\''))
			cut--;
		i = base[0] == '\'' ? 1 : 0;
		if (cut <= i)
			snprintf(buf, size, "Sheet%s", suf);
		else
			snprintf(buf, size, "%.*s%s", (int)(cut - i), base + i,
				 suf);
		if (!name_used(buf, used, nused))
			return buf;
	}
}

const char *xlsx_num_format(const struct table_col *c, char *buf,
			    size_t size)
{
	int d = c->decimals < 0 ? 0 : c->decimals > 10 ? 10 : c->decimals;
	const char *zeros = "0000000000";

	switch (c->type) {
	case COL_INT:
		snprintf(buf, size, "#,##0");
		break;
	case COL_REAL:
	case COL_RATE:
		snprintf(buf, size, d ? "#,##0.%.*s" : "#,##0", d, zeros);
		break;
	case COL_SHARE:
		snprintf(buf, size, d ? "0.%.*s%%" : "0%%", d, zeros);
		break;
	case COL_MONTH:
		snprintf(buf, size, "yyyy-mm");
		break;
	case COL_DATE:
		snprintf(buf, size, "yyyy-mm-dd");
		break;
	default:
		buf[0] = '\0';
	}
	return buf;
}

double xlsx_col_width(const struct table *t, size_t c, int lang)
{
	char buf[NF_BUFSZ + 8];
	const char *s;
	size_t r, n, w;

	w = utf8_len(table_col_label(t, c, lang)) + 3;  /* filter button */
	for (r = 0; r < table_nrows(t); r++) {
		s = table_cell_display(t, r, c, lang, NF_TEXT, buf, sizeof buf);
		n = utf8_len(s) + 1;
		if (n > w)
			w = n;
	}
	return w < 6 ? 6 : w > 60 ? 60 : (double)w;
}

/* created: generated_at (YYYY-MM-DDTHH:MM:SSZ, UTC) as a time_t; now
 * when NULL or unreadable. */
static time_t created(const char *iso)
{
	int y, mo, d, h, mi, s;
	long long days;

	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h,
			   &mi, &s) != 6 || mo < 1 || mo > 12)
		return time(NULL);
	/* days from 1970-01-01 (Howard Hinnant's days_from_civil) */
	y -= mo <= 2;
	{
		long long era = (y >= 0 ? y : y - 399) / 400;
		long long yoe = y - era * 400;
		long long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	return (time_t)(days * 86400 + h * 3600 + mi * 60 + s);
}

static int add_formats(struct xw *w)
{
	lxw_workbook *wb = w->wb;

	if (!(w->f_title = workbook_add_format(wb)) ||
	    !(w->f_sub = workbook_add_format(wb)) ||
	    !(w->f_stamp = workbook_add_format(wb)) ||
	    !(w->f_head = workbook_add_format(wb)) ||
	    !(w->f_label = workbook_add_format(wb)) ||
	    !(w->f_wrap = workbook_add_format(wb)) ||
	    !(w->f_top = workbook_add_format(wb)))
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	format_set_bold(w->f_title);
	format_set_font_size(w->f_title, 14);
	format_set_italic(w->f_sub);
	format_set_bold(w->f_stamp);
	format_set_font_color(w->f_stamp, LXW_COLOR_RED);
	format_set_bold(w->f_head);
	format_set_text_wrap(w->f_head);
	format_set_align(w->f_head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(w->f_label);
	format_set_align(w->f_label, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(w->f_top, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(w->f_wrap);
	format_set_align(w->f_wrap, LXW_ALIGN_VERTICAL_TOP);
	return 0;
}

/* meta_any: the first value of key among the tables, or NULL. */
static const char *meta_any(const struct table *const *t, size_t n,
			    const char *key)
{
	const char *v;
	size_t i;

	for (i = 0; i < n; i++)
		if ((v = table_meta_get(t[i], key)) != NULL && *v)
			return v;
	return NULL;
}

/* A Notes sheet being written: its worksheet and next row. */
struct nsheet {
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_error e;
};

/* Width of the Notes sheet's text column, in characters. */
#define NOTES_WIDTH 100

unsigned xlsx_text_lines(const char *s, double width)
{
	double n = (double)utf8_len(s) / (width * 0.95);

	return n <= 1 ? 1 : (unsigned)n + 1;
}

static void nline(struct nsheet *s, const char *label, const char *text,
		  lxw_format *lf, lxw_format *tf)
{
	if (!s->e && text && xlsx_text_lines(text, NOTES_WIDTH) > 1)
		s->e = worksheet_set_row(s->ws, s->row, 15.0 *
					 xlsx_text_lines(text, NOTES_WIDTH), NULL);
	if (!s->e && label && *label)
		s->e = worksheet_write_string(s->ws, s->row, 0, label, lf);
	if (!s->e && text && *text)
		s->e = worksheet_write_string(s->ws, s->row, 1, text, tf);
	s->row++;
}

/* seen: whether note text was written before (then skipped). */
static int seen(const char **done, size_t *ndone, size_t cap,
		const char *text)
{
	size_t i;

	for (i = 0; i < *ndone; i++)
		if (!strcmp(done[i], text))
			return 1;
	if (*ndone < cap)
		done[(*ndone)++] = text;
	return 0;
}

static const char *const L_FACTS[][2] = {
	{"Title", "Titre"},
	{"Generated", "Produit le"},
	{"Period", "P\xc3\xa9riode"},
	{"Period start", "D\xc3\xa9" "but"},
	{"Period end", "Fin"},
	{"Source batches", "Lots sources"},
	{"Category map", "Table de classement"},
	{"Population year", "Ann\xc3\xa9" "e de population"},
	{"Sheets", "Feuilles"},
	{"Notes and methods", "Notes et m\xc3\xa9thodes"},
	{"Suppression", "Masquage"},
};

/* suppression: the workbook's suppression rule in its language. */
static const char *suppression(struct xw *w, const struct table *t,
			       char *buf, size_t size)
{
	int n = table_min_cell(t), l = w->o->lang;

	if (w->o->internal || n <= 1)
		return xlsx_stamp[l];
	snprintf(buf, size, l == NS_FR ?
		 "Dans tout le classeur, les effectifs de 0 \xc3\xa0 %d sont "
		 "affich\xc3\xa9s <%d et d'autres sont masqu\xc3\xa9s (x) "
		 "pour qu'aucun ne puisse \xc3\xaatre d\xc3\xa9" "duit des "
		 "lignes, colonnes et totaux de toutes les feuilles "
		 "ensemble\xc2\xa0: un effectif que deux feuilles montrent a "
		 "un seul traitement (v\xc3\xa9rifi\xc3\xa9 par programmation "
		 "lin\xc3\xa9" "aire sur tout le classeur)\xc2\xa0; un "
		 "masqu\xc3\xa9 est du texte, jamais un nombre." :
		 "In the whole workbook, counts from 0 to %d are shown as <%d "
		 "and further counts are hidden (x) so that none can be "
		 "deduced from the rows, columns and totals of all sheets "
		 "together: a count two sheets show is treated alike in both "
		 "(checked by linear programming over the whole workbook); a "
		 "hidden cell is text, never a number.", n - 1, n);
	return buf;
}

static int notes_sheet(struct xw *w, const struct table *const *t, size_t n,
		       const char *title, const char *when)
{
	int l = w->o->lang;
	struct nsheet s = {NULL, 0, LXW_NO_ERROR};
	const char **done;
	size_t ndone = 0, cap = 0, i, k;
	const char *v;
	char rule[512];
	int named;

	if (!(s.ws = workbook_add_worksheet(w->wb, w->names[0])))
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		cap += table_nnotes(t[i]);
	if (!(done = malloc((cap + 1) * sizeof *done)))
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	worksheet_set_column(s.ws, 0, 0, 34, NULL);
	worksheet_set_column(s.ws, 1, 1, NOTES_WIDTH, w->f_wrap);
	worksheet_set_landscape(s.ws);
	worksheet_fit_to_pages(s.ws, 1, 0);
	if (w->o->internal)
		worksheet_set_header(s.ws, "&C&\"-,Bold\"NOT FOR PUBLICATION");
	s.e = worksheet_write_string(s.ws, s.row++, 0, title, w->f_title);
	if (w->o->internal)
		nline(&s, xlsx_stamp[l], NULL, w->f_stamp, NULL);
	s.row++;
	nline(&s, L_FACTS[1][l], when, w->f_label, w->f_wrap);
	nline(&s, L_FACTS[2][l], table_subtitle(t[0], l), w->f_label,
	      w->f_wrap);
	nline(&s, L_FACTS[3][l], meta_any(t, n, "period_from"), w->f_label,
	      w->f_wrap);
	nline(&s, L_FACTS[4][l], meta_any(t, n, "period_to"), w->f_label,
	      w->f_wrap);
	if ((v = meta_any(t, n, "source")) != NULL)
		nline(&s, L_FACTS[5][l], v, w->f_label, w->f_wrap);
	if ((v = meta_any(t, n, "map_version")) != NULL)
		nline(&s, L_FACTS[6][l], v, w->f_label, w->f_wrap);
	if ((v = meta_any(t, n, "population_year")) != NULL)
		nline(&s, L_FACTS[7][l], v, w->f_label, w->f_wrap);
	nline(&s, L_FACTS[10][l], suppression(w, t[0], rule, sizeof rule),
	      w->f_label, w->f_wrap);
	s.row++;
	nline(&s, L_FACTS[8][l], NULL, w->f_label, NULL);
	for (i = 0; i < n; i++)
		nline(&s, w->names[i + 1], table_title(t[i], l), w->f_top,
		      w->f_wrap);
	s.row++;
	/* every note once, under the first sheet that has it */
	nline(&s, L_FACTS[9][l], NULL, w->f_label, NULL);
	for (i = 0; i < n && !s.e; i++)
		for (k = 0, named = 0; k < table_nnotes(t[i]); k++) {
			v = table_note(t[i], k, l);
			if (!*v || seen(done, &ndone, cap, v))
				continue;
			nline(&s, named++ ? "" : w->names[i + 1], v, w->f_top,
			      w->f_wrap);
		}
	free(done);
	return s.e ? xw_fail(w, w->names[0], "write the notes", s.e) : 0;
}

/* names: the sheet names into w->names (0: Notes, 1..n: tables, n+1:
 * Data). */
static int names(struct xw *w, const struct table *const *t, size_t n,
		 int data)
{
	size_t i;

	if (n + 2 > XLSX_MAX_SHEETS)
		return nserr_set(w->err, NS_EUSAGE, "too many sheets: %zu "
				 "(at most %d)", n, XLSX_MAX_SHEETS - 2);
	for (i = 0; i < n + 1 + (data != 0); i++) {
		xlsx_sheet_name(i == 0 ? T_NOTES[w->o->lang] : i <= n ?
				table_title(t[i - 1], w->o->lang) :
				T_DATA[w->o->lang], w->used, w->nused,
				w->names[i], sizeof w->names[i]);
		w->used[w->nused++] = w->names[i];
	}
	return 0;
}

static int build(struct xw *w, const struct table *const *tables, size_t n,
		 const struct table *data, const char *when)
{
	int l = w->o->lang, rc;
	const char *title = w->o->title ? w->o->title : T_TITLE[l];
	lxw_doc_properties props;
	char subject[512];
	size_t i;

	memset(&props, 0, sizeof props);
	snprintf(subject, sizeof subject, "%s", table_subtitle(tables[0], l));
	props.title = (char *)title;
	props.subject = subject;
	props.comments = (char *)(w->o->internal ? xlsx_stamp[l] : "");
	props.created = created(when);
	if (workbook_set_properties(w->wb, &props) != LXW_NO_ERROR)
		return nserr_set(w->err, NS_ENOMEM, "out of memory");
	if ((rc = add_formats(w)) != 0 || (rc = names(w, tables, n, !!data))
	    || (rc = notes_sheet(w, tables, n, title, when)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = xsheet_write(w, tables[i], w->names[i + 1], 0)) != 0)
			return rc;
	return data ? xsheet_write(w, data, w->names[n + 1], 1) : 0;
}

/*
 * quiet: libxlsxwriter prints its own "[ERROR] ..." lines on stderr and
 * has no hook to turn them off; glibc documents stderr as an ordinary
 * variable a program may set (glibc manual, "Standard Streams"), so while
 * the workbook is built and closed stderr is a memory stream whose text is
 * dropped (our message says what failed, with the file's name).
 * quiet(1, &q) starts, quiet(0, &q) ends.  Outside glibc it does nothing.
 */
struct quiet {
	FILE *saved, *mem;
	char *buf;
	size_t len;
};

static void quiet(int on, struct quiet *q)
{
#ifdef __GLIBC__
	if (on) {
		q->saved = NULL;
		q->buf = NULL;
		fflush(stderr);
		if ((q->mem = open_memstream(&q->buf, &q->len)) != NULL) {
			q->saved = stderr;
			stderr = q->mem;
		}
		return;
	}
	if (q->saved) {
		stderr = q->saved;
		fclose(q->mem);
		free(q->buf);
		q->saved = NULL;
	}
#else
	(void)on;
	(void)q;
#endif
}

int xlsx_write(const char *path, const struct table *const *tables,
	       size_t n, const struct table *data, const struct xlsx_opts *o,
	       struct nserr *err)
{
	lxw_workbook_options wo;
	struct quiet q;
	struct xw *w;
	char now[32];
	const char *when = o->generated_at;
	lxw_error e;
	FILE *f;
	int rc;

	if (n == 0)
		return nserr_set(err, NS_EUSAGE, "no table for the workbook");
	if (!when) {
		time_t tt = time(NULL);
		struct tm tm;

		gmtime_r(&tt, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		when = now;
	}
	/* libxlsxwriter would print its own message: try the file first */
	if (!(f = fopen(path, "wb")))
		return nserr_set(err, NS_ECANTCREAT, "cannot write '%s': %s",
				 path, strerror(errno));
	fclose(f);
	if (!(w = calloc(1, sizeof *w)))
		return nserr_set(err, NS_ENOMEM, "out of memory");
	w->o = o;
	w->err = err;
	w->big = data && table_nrows(data) > (o->big_rows ? o->big_rows
					      : XLSX_BIG_ROWS);
	memset(&wo, 0, sizeof wo);
	wo.constant_memory = (uint8_t)w->big;
	wo.tmpdir = (char *)o->tmpdir;
	quiet(1, &q);
	if (!(w->wb = workbook_new_opt(path, &wo))) {
		quiet(0, &q);
		free(w);
		return nserr_set(err, NS_ENOMEM, "cannot write '%s': out of "
				 "memory", path);
	}
	rc = build(w, tables, n, data, when);
	/* closing writes the file (and frees the workbook) in every case */
	errno = 0;
	e = workbook_close(w->wb);
	{
		int keep = errno;

		quiet(0, &q);
		errno = keep;
	}
	if (!rc && e != LXW_NO_ERROR && errno != 0 &&
	    e != LXW_ERROR_MEMORY_MALLOC_FAILED)
		/* a failed write (full disk, file size limit): an I/O error */
		rc = nserr_set(err, errno == ENOMEM ? NS_ENOMEM : NS_EIO,
			       "cannot write '%s': %s", path, strerror(errno));
	else if (!rc && e != LXW_NO_ERROR)
		rc = nserr_set(err, e == LXW_ERROR_MEMORY_MALLOC_FAILED ?
			       NS_ENOMEM : NS_ECANTCREAT, "cannot write '%s': "
			       "%s", path, lxw_strerror(e));
	free(w);
	return rc;
}
