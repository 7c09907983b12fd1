/*
 * fieldval_lang: languages: the ISO 639-1 codes, common ISO 639-2/3 codes
 * and English and French names (accents folded by utf8proc on the slow
 * path only).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fieldval.h"
#include "fieldval_int.h"
#include "core/nserr.h"

/* ISO 639-1, sorted (184 codes, with the withdrawn "bh"). */
static const char iso639_1[][3] = {
	"aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay",
	"az", "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo", "br", "bs",
	"ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
	"dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff",
	"fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv",
	"ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id",
	"ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
	"kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku",
	"kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu",
	"lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my",
	"na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
	"oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu",
	"rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si",
	"sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv",
	"sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr",
	"ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
	"wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

/* English and French names (folded) and ISO 639-2/3 codes, sorted. */
static const struct kv lang_names[] = {
	{"alb", "sq"}, {"albanais", "sq"}, {"albanian", "sq"},
	{"allemand", "de"}, {"american sign language", "sgn"}, {"amh", "am"},
	{"amharic", "am"}, {"amharique", "am"}, {"anglais", "en"},
	{"ara", "ar"}, {"arabe", "ar"}, {"arabic", "ar"}, {"arm", "hy"},
	{"armenian", "hy"}, {"armenien", "hy"}, {"ase", "sgn"},
	{"asl", "sgn"}, {"autre", "other"}, {"aze", "az"},
	{"azerbaidjanais", "az"}, {"azerbaijani", "az"}, {"azeri", "az"},
	{"bangla", "bn"}, {"baq", "eu"}, {"basque", "eu"}, {"bel", "be"},
	{"belarusian", "be"}, {"ben", "bn"}, {"bengali", "bn"},
	{"bielorusse", "be"}, {"birman", "my"}, {"bod", "bo"}, {"bos", "bs"},
	{"bosnian", "bs"}, {"bosniaque", "bs"}, {"bul", "bg"},
	{"bulgare", "bg"}, {"bulgarian", "bg"}, {"bur", "my"},
	{"burmese", "my"}, {"cambodgien", "km"}, {"cambodian", "km"},
	{"cantonais", "zh"}, {"cantonese", "zh"}, {"castilian", "es"},
	{"cat", "ca"}, {"catalan", "ca"}, {"ces", "cs"}, {"chi", "zh"},
	{"chinese", "zh"}, {"chinois", "zh"}, {"cingalais", "si"},
	{"cmn", "zh"}, {"coreen", "ko"}, {"cre", "cr"}, {"cree", "cr"},
	{"creole haitien", "ht"}, {"cri", "cr"}, {"croate", "hr"},
	{"croatian", "hr"}, {"cym", "cy"}, {"cze", "cs"}, {"czech", "cs"},
	{"dan", "da"}, {"danish", "da"}, {"danois", "da"}, {"dari", "fa"},
	{"deu", "de"}, {"dut", "nl"}, {"dutch", "nl"}, {"ell", "el"},
	{"eng", "en"}, {"english", "en"}, {"espagnol", "es"}, {"est", "et"},
	{"estonian", "et"}, {"estonien", "et"}, {"eus", "eu"},
	{"farsi", "fa"}, {"fas", "fa"}, {"fil", "tl"}, {"filipino", "tl"},
	{"fin", "fi"}, {"finnish", "fi"}, {"finnois", "fi"}, {"fra", "fr"},
	{"francais", "fr"}, {"fre", "fr"}, {"french", "fr"},
	{"galician", "gl"}, {"galicien", "gl"}, {"gallois", "cy"},
	{"geo", "ka"}, {"georgian", "ka"}, {"georgien", "ka"}, {"ger", "de"},
	{"german", "de"}, {"gle", "ga"}, {"glg", "gl"}, {"goudjarati", "gu"},
	{"gre", "el"}, {"grec", "el"}, {"greek", "el"}, {"guj", "gu"},
	{"gujarati", "gu"}, {"haitian", "ht"}, {"haitian creole", "ht"},
	{"haoussa", "ha"}, {"hat", "ht"}, {"hau", "ha"}, {"hausa", "ha"},
	{"heb", "he"}, {"hebreu", "he"}, {"hebrew", "he"}, {"hin", "hi"},
	{"hindi", "hi"}, {"hongrois", "hu"}, {"hrv", "hr"}, {"hun", "hu"},
	{"hungarian", "hu"}, {"hye", "hy"}, {"ibo", "ig"}, {"ice", "is"},
	{"icelandic", "is"}, {"igbo", "ig"}, {"iku", "iu"},
	{"inconnu", "unknown"}, {"inconnue", "unknown"}, {"ind", "id"},
	{"indonesian", "id"}, {"indonesien", "id"}, {"inuktitut", "iu"},
	{"irish", "ga"}, {"irlandais", "ga"}, {"isl", "is"},
	{"islandais", "is"}, {"ita", "it"}, {"italian", "it"},
	{"italien", "it"}, {"japanese", "ja"}, {"japonais", "ja"},
	{"jpn", "ja"}, {"kan", "kn"}, {"kannada", "kn"}, {"kat", "ka"},
	{"kaz", "kk"}, {"kazakh", "kk"}, {"khm", "km"}, {"khmer", "km"},
	{"kin", "rw"}, {"kinyarwanda", "rw"}, {"kirundi", "rn"},
	{"kor", "ko"}, {"korean", "ko"}, {"kur", "ku"}, {"kurde", "ku"},
	{"kurdish", "ku"}, {"langue des signes", "sgn"},
	{"langue des signes americaine", "sgn"},
	{"langue des signes quebecoise", "sgn"}, {"lao", "lo"},
	{"laotien", "lo"}, {"latvian", "lv"}, {"lav", "lv"},
	{"letton", "lv"}, {"lin", "ln"}, {"lingala", "ln"}, {"lit", "lt"},
	{"lithuanian", "lt"}, {"lituanien", "lt"}, {"lsq", "sgn"},
	{"mac", "mk"}, {"macedonian", "mk"}, {"macedonien", "mk"},
	{"mal", "ml"}, {"malais", "ms"}, {"malay", "ms"},
	{"malayalam", "ml"}, {"mandarin", "zh"}, {"mar", "mr"},
	{"marathi", "mr"}, {"may", "ms"}, {"mkd", "mk"}, {"mon", "mn"},
	{"mongol", "mn"}, {"mongolian", "mn"}, {"msa", "ms"}, {"mya", "my"},
	{"neerlandais", "nl"}, {"nep", "ne"}, {"nepalais", "ne"},
	{"nepali", "ne"}, {"nld", "nl"}, {"nor", "no"}, {"norvegien", "no"},
	{"norwegian", "no"}, {"oji", "oj"}, {"ojibwa", "oj"},
	{"ojibway", "oj"}, {"ojibwe", "oj"}, {"orm", "om"}, {"oromo", "om"},
	{"other", "other"}, {"ourdou", "ur"}, {"ouzbek", "uz"},
	{"pachto", "ps"}, {"pan", "pa"}, {"panjabi", "pa"}, {"pashto", "ps"},
	{"pendjabi", "pa"}, {"per", "fa"}, {"persan", "fa"},
	{"persian", "fa"}, {"pol", "pl"}, {"polish", "pl"},
	{"polonais", "pl"}, {"por", "pt"}, {"portugais", "pt"},
	{"portuguese", "pt"}, {"prs", "fa"}, {"punjabi", "pa"},
	{"pus", "ps"}, {"romanian", "ro"}, {"ron", "ro"}, {"roumain", "ro"},
	{"rum", "ro"}, {"run", "rn"}, {"rus", "ru"}, {"russe", "ru"},
	{"russian", "ru"}, {"serbe", "sr"}, {"serbian", "sr"},
	{"sign language", "sgn"}, {"sin", "si"}, {"sinhala", "si"},
	{"sinhalese", "si"}, {"slk", "sk"}, {"slo", "sk"}, {"slovak", "sk"},
	{"slovaque", "sk"}, {"slovene", "sl"}, {"slovenian", "sl"},
	{"slv", "sl"}, {"som", "so"}, {"somali", "so"}, {"spa", "es"},
	{"spanish", "es"}, {"sqi", "sq"}, {"srp", "sr"}, {"suedois", "sv"},
	{"swa", "sw"}, {"swahili", "sw"}, {"swe", "sv"}, {"swedish", "sv"},
	{"tagalog", "tl"}, {"tam", "ta"}, {"tamil", "ta"}, {"tamoul", "ta"},
	{"tcheque", "cs"}, {"tel", "te"}, {"telougou", "te"},
	{"telugu", "te"}, {"tgl", "tl"}, {"tha", "th"}, {"thai", "th"},
	{"tib", "bo"}, {"tibetain", "bo"}, {"tibetan", "bo"},
	{"tigrigna", "ti"}, {"tigrinya", "ti"}, {"tir", "ti"}, {"tur", "tr"},
	{"turc", "tr"}, {"turkish", "tr"}, {"ukr", "uk"},
	{"ukrainian", "uk"}, {"ukrainien", "uk"}, {"unknown", "unknown"},
	{"urd", "ur"}, {"urdu", "ur"}, {"uzb", "uz"}, {"uzbek", "uz"},
	{"vie", "vi"}, {"vietnamese", "vi"}, {"vietnamien", "vi"},
	{"wel", "cy"}, {"welsh", "cy"}, {"yid", "yi"}, {"yiddish", "yi"},
	{"yor", "yo"}, {"yoruba", "yo"}, {"yue", "zh"}, {"zho", "zh"},
};

/* Index of the 2-letter code c[0..2) in iso639_1, or -1. */
static int iso_index(const char *c)
{
	size_t lo = 0, hi = NELEM(iso639_1);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = c[0] != iso639_1[mid][0] ? c[0] - iso639_1[mid][0]
						 : c[1] - iso639_1[mid][1];

		if (d == 0)
			return (int)mid;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Slow path: fold case and strip accents with utf8proc, then look up. */
static const char *lang_unicode(const char *s, size_t len)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	const char *v = NULL;
	char key[KEY_MAX];
	int high;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &dst, UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
			 UTF8PROC_COMPOSE | UTF8PROC_LUMP);
	if (n > 0 && fv_fold((const char *)dst, (size_t)n, 1, key, &high) > 0 &&
	    !high)
		v = fv_bsearch_kv(lang_names, NELEM(lang_names), key);
	free(dst);
	return v;
}

int fv_language(const char *s, size_t len, const char **canon,
		const char **why)
{
	char key[KEY_MAX];
	int high, k, i;

	s = fv_trim(s, &len);
	*canon = NULL;
	if (len == 0)
		return 0;
	/* a locale tag such as "en-CA" or "fr_CA": keep the language */
	if (len == 5 && (s[2] == '-' || s[2] == '_'))
		len = 2;
	k = fv_fold(s, len, 1, key, &high);
	if (k == 2 && (i = iso_index(key)) >= 0)
		*canon = iso639_1[i];
	else if (k > 2 && !high)
		*canon = fv_bsearch_kv(lang_names, NELEM(lang_names), key);
	else if (k > 0 && high)
		*canon = lang_unicode(s, len);
	return *canon ? 0 : fv_fail(why, "is not a known language");
}
