/*
 * postal: Canadian postal codes and US ZIP codes, reduced to what needstat
 * stores (the FSA or the 5-digit ZIP: a full postal code never reaches the
 * database), and the province a Canadian code implies.
 */
#ifndef NEEDSTAT_POSTAL_H
#define NEEDSTAT_POSTAL_H

#include <stddef.h>

enum postal_kind {
	POSTAL_BLANK = 0,  /* empty or only blanks */
	POSTAL_CA,         /* Canadian: full code or FSA alone */
	POSTAL_US,         /* US ZIP or ZIP+4 */
	POSTAL_INVALID     /* anything else */
};

struct postal {
	enum postal_kind kind;
	char key[6];        /* "K1A" (FSA) or "90210"; "" unless CA or US */
	char province[3];   /* "ON"...; "" for US, invalid, or X (NT or NU) */
	int rural;          /* CA: 1 when the FSA's digit is 0 */
};

/*
 * postal_parse: classify s[0..len).  Accepted Canadian forms, case-
 * insensitive, surrounding blanks ignored: "K1A 0B1", "K1A0B1",
 * "K1A  0B1", "K1A-0B1", "K1A, 0B1", and the FSA alone "K1A".  The FSA's
 * first letter must be one Canada Post uses (ABCEGHJKLMNPRSTVXY), its third
 * letter not D F I O Q U; the LDU is digit letter digit (any letter).  US:
 * "12345" or "12345-6789" (ZIP kept as 5 digits).  Returns 0 for BLANK, CA
 * and US; NS_EDATA for INVALID with *why a static phrase ("is not a postal
 * code or ZIP", "first letter is not used in Canadian postal codes",
 * "third character is not used in Canadian postal codes").  out->kind is
 * always set.
 */
int postal_parse(const char *s, size_t len, struct postal *out,
		 const char **why);

/*
 * postal_province_of_letter: province or territory code implied by the first
 * letter of a Canadian postal code ('K' -> "ON"), NULL for 'X' (NT or NU:
 * needs the FSA) and for letters not in use.
 */
const char *postal_province_of_letter(char c);

/*
 * postal_us_state: two-letter state (or DC, PR, VI, GU, or the military
 * AA/AE/AP) of a 5-digit ZIP by its 3-digit prefix (USPS ranges; an unused
 * prefix inside a state's span counts for that state), NULL when zip5 does
 * not start with 5 digits or the prefix is not assigned.
 */
const char *postal_us_state(const char *zip5);

#endif
