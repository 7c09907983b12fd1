/*
 * report_lang: the language layer of report notes.  Notes are written in
 * English and French; this file gives the French ones French typography
 * (typo.h), numbers grouped as in the tables (the SQL function
 * nf_int(value, lang) for note.sql queries), and the French name of the
 * population source recorded with the populations.
 */
#include <stdio.h>
#include <string.h>

#include "report_int.h"
#include "core/typo.h"

/* Known source names and their French names, longest first where one
 * contains another. */
static const char *const source_names[][2] = {
	{ "Statistics Canada", "Statistique Canada" },
	{ "U.S. Census Bureau", "Bureau du recensement des \xc3\x89tats-Unis" },
	{ "US Census Bureau", "Bureau du recensement des \xc3\x89tats-Unis" },
	{ "Census of Population", "Recensement de la population" },
	{ "American Community Survey", "Enqu\xc3\xaate sur les "
	  "collectivit\xc3\xa9s am\xc3\xa9ricaines (ACS)" },
	{ "Census", "Recensement" },
	{ "Population estimates", "Estimations de la population" },
	{ "Open Licence", "Licence du gouvernement ouvert" },
};

/* year_phrase: "2021 Census of Population" at s (a year, a blank and a
 * phrase of source_names[k]); returns the phrase index and sets *len, or
 * -1. */
static int year_phrase(const char *s, size_t *len)
{
	size_t k, n;

	if (!(s[0] >= '1' && s[0] <= '2') || strspn(s, "0123456789") != 4 ||
	    s[4] != ' ')
		return -1;
	for (k = 0; k < sizeof source_names / sizeof source_names[0]; k++) {
		n = strlen(source_names[k][0]);
		if (strncmp(s + 5, source_names[k][0], n) == 0 &&
		    strncmp(source_names[k][1], "Recensement", 11) == 0) {
			*len = 5 + n;
			return (int)k;
		}
	}
	return -1;
}

void rlang_source(const char *src, char *en, char *fr, size_t size)
{
	const char *bar = strstr(src, " | "), *s;
	size_t k, n, len = 0;
	int y;

	if (bar) {
		snprintf(en, size, "%.*s", (int)(bar - src), src);
		snprintf(fr, size, "%s", bar + 3);
		return;
	}
	snprintf(en, size, "%s", src);
	for (s = src; *s && len < size;) {
		if ((y = year_phrase(s, &n)) >= 0) {
			/* "2021 Census of Population" -> "Recensement de la
			 * population de 2021" */
			len += (size_t)snprintf(fr + len, size - len, "%s de %.4s",
						source_names[y][1], s);
			s += n;
			continue;
		}
		for (k = 0; k < sizeof source_names / sizeof source_names[0];
		     k++) {
			n = strlen(source_names[k][0]);
			if (strncmp(s, source_names[k][0], n) == 0)
				break;
		}
		if (k < sizeof source_names / sizeof source_names[0]) {
			len += (size_t)snprintf(fr + len, size - len, "%s",
						source_names[k][1]);
			s += n;
		} else {
			fr[len++] = *s++;
		}
	}
	fr[len < size ? len : size - 1] = '\0';
}

size_t rlang_fr(char *buf, size_t size, const char *fr)
{
	return typo_fr(buf, size, fr);
}

/* nf_int(value, lang): value grouped for a sentence in lang. */
static void sql_nf_int(sqlite3_context *cx, int argc, sqlite3_value **av)
{
	const char *l = (const char *)sqlite3_value_text(av[1]);
	int lang = l ? nf_lang_parse(l) : NS_EUSAGE;
	char buf[NF_BUFSZ];

	(void)argc;
	if (sqlite3_value_type(av[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if (lang < 0) {
		sqlite3_result_error(cx, "nf_int: language is not en or fr", -1);
		return;
	}
	typo_count(buf, sizeof buf, sqlite3_value_int64(av[0]), lang);
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

int rlang_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "nf_int", 2, SQLITE_UTF8 |
				       SQLITE_DETERMINISTIC, NULL, sql_nf_int,
				       NULL, NULL) == SQLITE_OK ? 0 : NS_ENOMEM;
}
