/*
 * typo: French typography for running text (notes, report help), as
 * CLDR and the Office québécois de la langue française write it:
 *   - a no-break space (U+00A0) before ":";
 *   - a narrow no-break space (U+202F) before ";", "?" and "!", and
 *     inside « »;
 *   - a narrow no-break space between the digit groups of a number
 *     written with no-break spaces ("10 000" with U+00A0 -> U+202F).
 * A space that is there already (ASCII, U+00A0 or U+202F) is replaced;
 * a missing one is added.  Punctuation not followed by a blank, the end
 * or a closing mark is left alone, so "10:30", "http://x" and "a;b" do
 * not change.  English text needs none of this.
 *
 * Numbers inside notes are written with typo_count(), so that notes
 * group digits like the tables of people formats.
 */
#ifndef NEEDSTAT_TYPO_H
#define NEEDSTAT_TYPO_H

#include <stddef.h>
#include <stdint.h>

/* U+202F NARROW NO-BREAK SPACE and U+00A0 NO-BREAK SPACE in UTF-8. */
#define TYPO_NNBSP "\xe2\x80\xaf"
#define TYPO_NBSP "\xc2\xa0"

/*
 * typo_fr: src (UTF-8) with French typography into buf[0..size),
 * NUL-terminated.  Returns the length of the whole result (snprintf
 * semantics: >= size means truncated).  src and buf must not overlap.
 */
size_t typo_fr(char *buf, size_t size, const char *src);

/*
 * typo_count: v for a sentence in lang (NS_EN or NS_FR): "11,642" in
 * English, "11 642" with U+202F in French.  Returns the length as
 * snprintf does.
 */
int typo_count(char *buf, size_t size, int64_t v, int lang);

#endif
