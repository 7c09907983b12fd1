/*
 * Tests for fieldval: status, channel, language, age group, gender, unmet
 * reason and count, with their synonyms, blanks and rejects.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ingest/fieldval.h"
#include "core/nserr.h"

typedef int (*field_fn)(const char *, size_t, const char **, const char **);

/* Call fn on s; expect success with the canonical value want. */
static void ok(field_fn fn, const char *s, const char *want)
{
	const char *canon = "junk", *why = NULL;
	int rc = fn(s, strlen(s), &canon, &why);

	CU_ASSERT_EQUAL(rc, 0);
	if (rc != 0 || !canon) {
		CU_FAIL(s);
		return;
	}
	CU_ASSERT_STRING_EQUAL(canon, want);
}

/* Call fn on s; expect NS_EDATA with the phrase msg. */
static void bad(field_fn fn, const char *s, const char *msg)
{
	const char *canon = NULL, *why = NULL;

	CU_ASSERT_EQUAL(fn(s, strlen(s), &canon, &why), NS_EDATA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_STRING_EQUAL(why, msg);
}

/* Call fn on a blank s; expect 0 and a NULL canonical value. */
static void blank(field_fn fn, const char *s)
{
	const char *canon = "junk", *why = NULL;

	CU_ASSERT_EQUAL(fn(s, strlen(s), &canon, &why), 0);
	CU_ASSERT_PTR_NULL(canon);
}

static void test_status(void)
{
	ok(fv_status, "met", "met");
	ok(fv_status, "Met", "met");
	ok(fv_status, " UNMET ", "unmet");
	ok(fv_status, "not met", "unmet");
	ok(fv_status, "partial", "partial");
	ok(fv_status, "Partially Met", "partial");
	ok(fv_status, "partly  met", "partial");
	ok(fv_status, "unrecorded", "unrecorded");
	blank(fv_status, "");
	blank(fv_status, "  \t ");
	bad(fv_status, "True", "is not a need status (met, unmet, partial)");
	bad(fv_status, "mets", "is not a need status (met, unmet, partial)");
	bad(fv_status, "-", "is not a need status (met, unmet, partial)");
}

static void test_channel(void)
{
	static const char *const t[][2] = {
		{"phone", "phone"}, {"Telephone", "phone"}, {"call", "phone"},
		{"VOICE", "phone"}, {"text", "text"}, {"SMS", "text"},
		{"chat", "chat"}, {"webchat", "chat"}, {"Web Chat", "chat"},
		{"email", "email"}, {"e-mail", "email"}, {"E-Mail", "email"},
		{"courriel", "email"}, {"web", "web"}, {"walk-in", "walk-in"},
		{"walk in", "walk-in"}, {"Walkin", "walk-in"},
		{"in-person", "walk-in"}, {"In Person", "walk-in"},
		{"other", "other"}, {" Phone ", "phone"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ok(fv_channel, t[i][0], t[i][1]);
	blank(fv_channel, " ");
	bad(fv_channel, "fax", "is not a channel");
	bad(fv_channel, "phonecall", "is not a channel");
	bad(fv_channel, "téléphone", "is not a channel");
}

static void test_gender(void)
{
	static const char *const t[][2] = {
		{"woman", "woman"}, {"Female", "woman"}, {"F", "woman"},
		{"w", "woman"}, {"man", "man"}, {"MALE", "man"}, {"m", "man"},
		{"non-binary", "non-binary"}, {"Nonbinary", "non-binary"},
		{"non binary", "non-binary"}, {"Two-Spirit", "non-binary"},
		{"other gender", "non-binary"}, {"unknown", "unknown"},
		{"Prefer not to say", "unknown"}, {"declined", "unknown"},
		{"not asked", "unknown"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ok(fv_gender, t[i][0], t[i][1]);
	blank(fv_gender, "");
	bad(fv_gender, "x", "is not a gender");
	bad(fv_gender, "femaleish", "is not a gender");
}

static void test_reason(void)
{
	static const char *const t[][2] = {
		{"no_service", "no_service"},
		{"Service does not exist", "no_service"},
		{"no service available", "no_service"},
		{"ineligible", "ineligible"}, {"Not eligible", "ineligible"},
		{"waitlist", "waitlist"}, {"Wait list", "waitlist"},
		{"waiting list", "waitlist"},
		{"funds_exhausted", "funds_exhausted"},
		{"Funds exhausted", "funds_exhausted"},
		{"no funds", "funds_exhausted"}, {"capacity", "capacity"},
		{"No capacity", "capacity"}, {"full", "capacity"},
		{"cost", "cost"}, {"Too expensive", "cost"},
		{"cannot afford", "cost"}, {"declined", "declined"},
		{"Client declined", "declined"}, {"refused", "declined"},
		{"other", "other"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ok(fv_reason, t[i][0], t[i][1]);
	blank(fv_reason, "\t");
	bad(fv_reason, "no", "is not an unmet reason");
	bad(fv_reason, "because", "is not an unmet reason");
}

static void test_language_codes(void)
{
	static const char all[] =
		"aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcyda"
		"dedvdzeeeleneoeseteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhz"
		"iaidieigiiikioisitiujajvkakgkikjkkklkmknkokrkskukvkwkylalblgliln"
		"loltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapi"
		"plpsptqurmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthti"
		"tktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";
	char code[3], upper[3];
	size_t i, n = strlen(all);

	CU_ASSERT_EQUAL(n, 2 * 184);
	for (i = 0; i + 1 < n; i += 2) {
		memcpy(code, all + i, 2);
		code[2] = '\0';
		upper[0] = (char)(code[0] - 'a' + 'A');
		upper[1] = (char)(code[1] - 'a' + 'A');
		upper[2] = '\0';
		ok(fv_language, code, code);
		ok(fv_language, upper, code);
	}
	ok(fv_language, " EN ", "en");
	ok(fv_language, "en-CA", "en");
	ok(fv_language, "fr_CA", "fr");
	bad(fv_language, "xx", "is not a known language");
	bad(fv_language, "qq", "is not a known language");
	bad(fv_language, "sh", "is not a known language");
	bad(fv_language, "e", "is not a known language");
	bad(fv_language, "xx-CA", "is not a known language");
	blank(fv_language, "  ");
}

static void test_language_names(void)
{
	static const char *const t[][2] = {
		{"alb", "sq"}, {"albanais", "sq"}, {"albanian", "sq"},
		{"allemand", "de"}, {"american sign language", "sgn"},
		{"amh", "am"}, {"amharic", "am"}, {"amharique", "am"},
		{"anglais", "en"}, {"ara", "ar"}, {"arabe", "ar"},
		{"arabic", "ar"}, {"arm", "hy"}, {"armenian", "hy"},
		{"armenien", "hy"}, {"ase", "sgn"}, {"asl", "sgn"},
		{"autre", "other"}, {"aze", "az"}, {"azerbaidjanais", "az"},
		{"azerbaijani", "az"}, {"azeri", "az"}, {"bangla", "bn"},
		{"baq", "eu"}, {"basque", "eu"}, {"bel", "be"},
		{"belarusian", "be"}, {"ben", "bn"}, {"bengali", "bn"},
		{"bielorusse", "be"}, {"birman", "my"}, {"bod", "bo"},
		{"bos", "bs"}, {"bosnian", "bs"}, {"bosniaque", "bs"},
		{"bul", "bg"}, {"bulgare", "bg"}, {"bulgarian", "bg"},
		{"bur", "my"}, {"burmese", "my"}, {"cambodgien", "km"},
		{"cambodian", "km"}, {"cantonais", "zh"}, {"cantonese", "zh"},
		{"castilian", "es"}, {"cat", "ca"}, {"catalan", "ca"},
		{"ces", "cs"}, {"chi", "zh"}, {"chinese", "zh"},
		{"chinois", "zh"}, {"cingalais", "si"}, {"cmn", "zh"},
		{"coreen", "ko"}, {"cre", "cr"}, {"cree", "cr"},
		{"creole haitien", "ht"}, {"cri", "cr"}, {"croate", "hr"},
		{"croatian", "hr"}, {"cym", "cy"}, {"cze", "cs"},
		{"czech", "cs"}, {"dan", "da"}, {"danish", "da"},
		{"danois", "da"}, {"dari", "fa"}, {"deu", "de"},
		{"dut", "nl"}, {"dutch", "nl"}, {"ell", "el"}, {"eng", "en"},
		{"english", "en"}, {"espagnol", "es"}, {"est", "et"},
		{"estonian", "et"}, {"estonien", "et"}, {"eus", "eu"},
		{"farsi", "fa"}, {"fas", "fa"}, {"fil", "tl"},
		{"filipino", "tl"}, {"fin", "fi"}, {"finnish", "fi"},
		{"finnois", "fi"}, {"fra", "fr"}, {"francais", "fr"},
		{"fre", "fr"}, {"french", "fr"}, {"galician", "gl"},
		{"galicien", "gl"}, {"gallois", "cy"}, {"geo", "ka"},
		{"georgian", "ka"}, {"georgien", "ka"}, {"ger", "de"},
		{"german", "de"}, {"gle", "ga"}, {"glg", "gl"},
		{"goudjarati", "gu"}, {"gre", "el"}, {"grec", "el"},
		{"greek", "el"}, {"guj", "gu"}, {"gujarati", "gu"},
		{"haitian", "ht"}, {"haitian creole", "ht"},
		{"haoussa", "ha"}, {"hat", "ht"}, {"hau", "ha"},
		{"hausa", "ha"}, {"heb", "he"}, {"hebreu", "he"},
		{"hebrew", "he"}, {"hin", "hi"}, {"hindi", "hi"},
		{"hongrois", "hu"}, {"hrv", "hr"}, {"hun", "hu"},
		{"hungarian", "hu"}, {"hye", "hy"}, {"ibo", "ig"},
		{"ice", "is"}, {"icelandic", "is"}, {"igbo", "ig"},
		{"iku", "iu"}, {"inconnu", "unknown"},
		{"inconnue", "unknown"}, {"ind", "id"}, {"indonesian", "id"},
		{"indonesien", "id"}, {"inuktitut", "iu"}, {"irish", "ga"},
		{"irlandais", "ga"}, {"isl", "is"}, {"islandais", "is"},
		{"ita", "it"}, {"italian", "it"}, {"italien", "it"},
		{"japanese", "ja"}, {"japonais", "ja"}, {"jpn", "ja"},
		{"kan", "kn"}, {"kannada", "kn"}, {"kat", "ka"},
		{"kaz", "kk"}, {"kazakh", "kk"}, {"khm", "km"},
		{"khmer", "km"}, {"kin", "rw"}, {"kinyarwanda", "rw"},
		{"kirundi", "rn"}, {"kor", "ko"}, {"korean", "ko"},
		{"kur", "ku"}, {"kurde", "ku"}, {"kurdish", "ku"},
		{"langue des signes", "sgn"},
		{"langue des signes americaine", "sgn"},
		{"langue des signes quebecoise", "sgn"}, {"lao", "lo"},
		{"laotien", "lo"}, {"latvian", "lv"}, {"lav", "lv"},
		{"letton", "lv"}, {"lin", "ln"}, {"lingala", "ln"},
		{"lit", "lt"}, {"lithuanian", "lt"}, {"lituanien", "lt"},
		{"lsq", "sgn"}, {"mac", "mk"}, {"macedonian", "mk"},
		{"macedonien", "mk"}, {"mal", "ml"}, {"malais", "ms"},
		{"malay", "ms"}, {"malayalam", "ml"}, {"mandarin", "zh"},
		{"mar", "mr"}, {"marathi", "mr"}, {"may", "ms"},
		{"mkd", "mk"}, {"mon", "mn"}, {"mongol", "mn"},
		{"mongolian", "mn"}, {"msa", "ms"}, {"mya", "my"},
		{"neerlandais", "nl"}, {"nep", "ne"}, {"nepalais", "ne"},
		{"nepali", "ne"}, {"nld", "nl"}, {"nor", "no"},
		{"norvegien", "no"}, {"norwegian", "no"}, {"oji", "oj"},
		{"ojibwa", "oj"}, {"ojibway", "oj"}, {"ojibwe", "oj"},
		{"orm", "om"}, {"oromo", "om"}, {"other", "other"},
		{"ourdou", "ur"}, {"ouzbek", "uz"}, {"pachto", "ps"},
		{"pan", "pa"}, {"panjabi", "pa"}, {"pashto", "ps"},
		{"pendjabi", "pa"}, {"per", "fa"}, {"persan", "fa"},
		{"persian", "fa"}, {"pol", "pl"}, {"polish", "pl"},
		{"polonais", "pl"}, {"por", "pt"}, {"portugais", "pt"},
		{"portuguese", "pt"}, {"prs", "fa"}, {"punjabi", "pa"},
		{"pus", "ps"}, {"romanian", "ro"}, {"ron", "ro"},
		{"roumain", "ro"}, {"rum", "ro"}, {"run", "rn"},
		{"rus", "ru"}, {"russe", "ru"}, {"russian", "ru"},
		{"serbe", "sr"}, {"serbian", "sr"}, {"sign language", "sgn"},
		{"sin", "si"}, {"sinhala", "si"}, {"sinhalese", "si"},
		{"slk", "sk"}, {"slo", "sk"}, {"slovak", "sk"},
		{"slovaque", "sk"}, {"slovene", "sl"}, {"slovenian", "sl"},
		{"slv", "sl"}, {"som", "so"}, {"somali", "so"}, {"spa", "es"},
		{"spanish", "es"}, {"sqi", "sq"}, {"srp", "sr"},
		{"suedois", "sv"}, {"swa", "sw"}, {"swahili", "sw"},
		{"swe", "sv"}, {"swedish", "sv"}, {"tagalog", "tl"},
		{"tam", "ta"}, {"tamil", "ta"}, {"tamoul", "ta"},
		{"tcheque", "cs"}, {"tel", "te"}, {"telougou", "te"},
		{"telugu", "te"}, {"tgl", "tl"}, {"tha", "th"},
		{"thai", "th"}, {"tib", "bo"}, {"tibetain", "bo"},
		{"tibetan", "bo"}, {"tigrigna", "ti"}, {"tigrinya", "ti"},
		{"tir", "ti"}, {"tur", "tr"}, {"turc", "tr"},
		{"turkish", "tr"}, {"ukr", "uk"}, {"ukrainian", "uk"},
		{"ukrainien", "uk"}, {"unknown", "unknown"}, {"urd", "ur"},
		{"urdu", "ur"}, {"uzb", "uz"}, {"uzbek", "uz"}, {"vie", "vi"},
		{"vietnamese", "vi"}, {"vietnamien", "vi"}, {"wel", "cy"},
		{"welsh", "cy"}, {"yid", "yi"}, {"yiddish", "yi"},
		{"yor", "yo"}, {"yoruba", "yo"}, {"yue", "zh"}, {"zho", "zh"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ok(fv_language, t[i][0], t[i][1]);
	ok(fv_language, "English", "en");
	ok(fv_language, "FRENCH", "fr");
	ok(fv_language, "Français", "fr");
	ok(fv_language, "FRANÇAIS", "fr");
	ok(fv_language, "francais", "fr");
	ok(fv_language, "Espagnol", "es");
	ok(fv_language, "Mandarin", "zh");
	ok(fv_language, "Cantonese", "zh");
	ok(fv_language, "Pendjabi", "pa");
	ok(fv_language, "Inuktitut", "iu");
	ok(fv_language, "Cree", "cr");
	ok(fv_language, "Ojibwé", "oj");
	ok(fv_language, "Ukrainien", "uk");
	ok(fv_language, "Coréen", "ko");
	ok(fv_language, "Créole haïtien", "ht");
	ok(fv_language, "Haitian  Creole", "ht");
	ok(fv_language, "Haitian-Creole", "ht");
	ok(fv_language, "ASL", "sgn");
	ok(fv_language, "Langue des signes québécoise", "sgn");
	ok(fv_language, "Vietnamien", "vi");
	ok(fv_language, "ENG", "en");
	ok(fv_language, "fre", "fr");
	ok(fv_language, "Other", "other");
	ok(fv_language, "Unknown", "unknown");
	bad(fv_language, "Klingon", "is not a known language");
	bad(fv_language, "Ελληνικά", "is not a known language");
	bad(fv_language, "English/French", "is not a known language");
	bad(fv_language, "Françaisx", "is not a known language");
}

static void test_age_group(void)
{
	static const char *const t[][2] = {
		{"18-24", "18-24"}, {" 18 - 24 ", "18-24"}, {"0-17", "0-17"},
		{"05-09", "5-9"}, {"5-9", "5-9"}, {"65+", "65+"},
		{"65 +", "65+"}, {"65 and over", "65+"}, {"65 or older", "65+"},
		{"under 18", "0-17"}, {"Under 18", "0-17"}, {"<18", "0-17"},
		{"< 18", "0-17"}, {"Unknown", "unknown"}, {"18 to 24", "18-24"},
		{"18\xe2\x80\x93" "24", "18-24"}, {"25-34 years", "25-34"},
		{"120-120", "120-120"}, {"0+", "0+"}, {"under 1", "0-0"},
		{"35-44", "35-44"},
	};
	char buf[16];
	const char *canon, *why;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		canon = NULL;
		CU_ASSERT_EQUAL(fv_age_group(t[i][0], strlen(t[i][0]), buf,
					     sizeof buf, &canon, &why), 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(canon);
		CU_ASSERT_STRING_EQUAL(canon, t[i][1]);
	}
	CU_ASSERT_EQUAL(fv_age_group("65+", 3, buf, sizeof buf, &canon, &why),
			0);
	CU_ASSERT_PTR_EQUAL(canon, buf);
	canon = "junk";
	CU_ASSERT_EQUAL(fv_age_group(" ", 1, buf, sizeof buf, &canon, &why), 0);
	CU_ASSERT_PTR_NULL(canon);
}

static void test_age_group_rejects(void)
{
	static const char *const t[][2] = {
		{"24-18", "age range is reversed"},
		{"18-121", "age out of range (0..120)"},
		{"121+", "age out of range (0..120)"},
		{"9-May", "is not an age group"},
		{"18-", "is not an age group"},
		{"-18", "is not an age group"},
		{"18", "is not an age group"},
		{"1000-1001", "is not an age group"},
		{"under 0", "is not an age group"},
		{"18-24x", "is not an age group"},
		{"adult", "is not an age group"},
	};
	char buf[16];
	const char *canon, *why;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		why = NULL;
		CU_ASSERT_EQUAL(fv_age_group(t[i][0], strlen(t[i][0]), buf,
					     sizeof buf, &canon, &why),
				NS_EDATA);
		CU_ASSERT_PTR_NOT_NULL_FATAL(why);
		CU_ASSERT_STRING_EQUAL(why, t[i][1]);
	}
}

static void test_count(void)
{
	long v;
	const char *why = NULL;

	CU_ASSERT_EQUAL(fv_count("3", 1, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(fv_count(" 0 ", 3, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(fv_count("007", 3, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_EQUAL(fv_count("100", 3, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 100);
	CU_ASSERT_EQUAL(fv_count("", 0, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, -1);
	CU_ASSERT_EQUAL(fv_count("  ", 2, 100, &v, &why), 0);
	CU_ASSERT_EQUAL(v, -1);
	CU_ASSERT_EQUAL(fv_count("101", 3, 100, &v, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is too large");
	CU_ASSERT_EQUAL(fv_count("99999999999999999999999", 23, 100, &v,
				 &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is too large");
	CU_ASSERT_EQUAL(fv_count("-1", 2, 100, &v, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is not a non-negative integer");
	CU_ASSERT_EQUAL(fv_count("1.0", 3, 100, &v, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is not a non-negative integer");
	CU_ASSERT_EQUAL(fv_count("1 2", 3, 100, &v, &why), NS_EDATA);
	CU_ASSERT_STRING_EQUAL(why, "is not a non-negative integer");
	CU_ASSERT_EQUAL(fv_count("+1", 2, 100, &v, &why), NS_EDATA);
	CU_ASSERT_EQUAL(fv_count("2147483647", 10, 2147483647L, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 2147483647L);
}

static CU_TestInfo tests[] = {
	{"need status", test_status},
	{"channel", test_channel},
	{"gender", test_gender},
	{"unmet reason", test_reason},
	{"language codes", test_language_codes},
	{"language names", test_language_names},
	{"age group", test_age_group},
	{"age group rejects", test_age_group_rejects},
	{"count", test_count},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_fieldval[] = {
	{"fieldval", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
