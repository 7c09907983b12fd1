/*
 * synth_data: the static tables behind needstat-synth.  See synth_int.h.
 *
 * Population shares are Statistics Canada 2021 Census counts (FORMATS.md
 * section 4) in thousands.  FSAs are real Canada Post forward sortation
 * areas, mostly urban, with one or more rural ones (digit 0) per province.
 * Taxonomy codes follow the public code grammar; the weights and trends are
 * invented to give the shape 211 centres report: housing the largest and
 * growing need, food close behind and growing, utilities third.  The
 * calendar and the provinces' time-zone rules close the file.
 */
#include "synth_int.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const char *const fsa_nl[] = {
	"A1A", "A1B", "A1C", "A1E", "A1G", "A1H", "A1K", "A1N", "A2A", "A2H",
	"A2V", "A0A", "A0K", "A0P"
};
static const char *const fsa_pe[] = {
	"C1A", "C1B", "C1C", "C1E", "C1N", "C0A", "C0B"
};
static const char *const fsa_ns[] = {
	"B3H", "B3J", "B3K", "B3L", "B3M", "B3N", "B3P", "B3R", "B3S", "B2W",
	"B2V", "B2X", "B2Y", "B1P", "B4N", "B2N", "B5A", "B0J", "B0N"
};
static const char *const fsa_nb[] = {
	"E1A", "E1C", "E1E", "E1G", "E2K", "E2L", "E2M", "E3A", "E3B", "E3C",
	"E1V", "E3V", "E2A", "E0A"
};
static const char *const fsa_qc[] = {
	"H2X", "H3A", "H2J", "H2L", "H2T", "H3B", "H3H", "H3S", "H4A", "H1W",
	"H1K", "H2R", "H4C", "H1N", "H8N", "H9R", "H7N", "H7W", "G1R", "G1K",
	"G1V", "G1L", "G1M", "G2J", "G6V", "G9A", "G7H", "G5L", "J1H", "J1E",
	"J8Y", "J8T", "J9H", "J4K", "J4H", "J9X", "J7Z", "J2B", "J2G", "G0A",
	"J0K"
};
static const char *const fsa_on[] = {
	"K1A", "K1N", "K1P", "K1R", "K1S", "K1Y", "K1Z", "K2P", "K2C", "K1G",
	"K1K", "K7L", "K7K", "K9J", "K8N", "M5V", "M4C", "M5A", "M5B", "M5R",
	"M5S", "M6H", "M6J", "M6K", "M4J", "M4L", "M1B", "M1E", "M1P", "M2N",
	"M3C", "M3N", "M4E", "M9V", "M9W", "M6P", "L8P", "L8L", "L8M", "L9C",
	"L5B", "L5M", "L4T", "L6P", "L6S", "L6T", "L1H", "L1G", "L4M", "L4N",
	"L2E", "L2R", "N2G", "N2H", "N2M", "N2L", "N6A", "N6B", "N5V", "N9A",
	"N8X", "N9B", "N1H", "P3A", "P3E", "P7B", "P7A", "P6A", "P1B", "P4N",
	"K0A", "N0B", "P0M"
};
static const char *const fsa_mb[] = {
	"R3C", "R3B", "R2W", "R2X", "R3G", "R2M", "R3T", "R2C", "R3E", "R7A",
	"R7N", "R8N", "R0A", "R0C"
};
static const char *const fsa_sk[] = {
	"S4P", "S4N", "S4R", "S4T", "S7K", "S7H", "S7M", "S7L", "S7N", "S6H",
	"S6V", "S9H", "S0K"
};
static const char *const fsa_ab[] = {
	"T2P", "T2E", "T2G", "T3H", "T2A", "T3J", "T2R", "T5J", "T5K", "T5H",
	"T6E", "T5B", "T6B", "T5A", "T6L", "T1J", "T1A", "T4N", "T8N", "T9H",
	"T8V", "T0L"
};
static const char *const fsa_bc[] = {
	"V6B", "V6A", "V6E", "V6G", "V5K", "V5L", "V5N", "V5R", "V6K", "V3T",
	"V3W", "V3R", "V5H", "V5C", "V8W", "V8V", "V9A", "V8T", "V1Y", "V2C",
	"V2L", "V9R", "V2S", "V6X", "V3L", "V0N"
};
static const char *const fsa_yt[] = { "Y1A", "Y0B" };
static const char *const fsa_nt[] = { "X1A", "X0E", "X0G" };
static const char *const fsa_nu[] = { "X0A", "X0B", "X0C" };

/* Language weights: en fr es ar zh pa tl uk iu. */
const struct synth_prov synth_provs[SYNTH_NPROV] = {
	{"NL", 511, -210, 1, {960, 10, 5, 5, 5, 3, 5, 5, 0}, fsa_nl, N_(fsa_nl)},
	{"PE", 154, -240, 1, {950, 25, 5, 5, 5, 3, 3, 4, 0}, fsa_pe, N_(fsa_pe)},
	{"NS", 969, -240, 1, {930, 30, 8, 12, 6, 4, 4, 6, 0}, fsa_ns, N_(fsa_ns)},
	{"NB", 776, -240, 1, {680, 300, 5, 5, 3, 2, 2, 3, 0}, fsa_nb,
	 N_(fsa_nb)},
	{"QC", 8502, -300, 1, {180, 770, 20, 20, 5, 1, 2, 2, 0}, fsa_qc,
	 N_(fsa_qc)},
	{"ON", 14224, -300, 1, {860, 30, 20, 20, 20, 20, 15, 15, 0}, fsa_on,
	 N_(fsa_on)},
	{"MB", 1342, -360, 1, {880, 20, 8, 8, 10, 20, 35, 19, 0}, fsa_mb,
	 N_(fsa_mb)},
	{"SK", 1133, -360, 0, {920, 15, 5, 8, 8, 12, 12, 20, 0}, fsa_sk,
	 N_(fsa_sk)},
	{"AB", 4263, -420, 1, {880, 15, 20, 20, 15, 20, 15, 15, 0}, fsa_ab,
	 N_(fsa_ab)},
	{"BC", 5001, -480, 1, {860, 12, 15, 12, 50, 40, 6, 5, 0}, fsa_bc,
	 N_(fsa_bc)},
	/* Yukon: UTC-7 all year since 2020 (synth.c handles the change). */
	{"YT", 40, -420, 0, {930, 50, 5, 2, 5, 3, 5, 0, 0}, fsa_yt, N_(fsa_yt)},
	{"NT", 41, -420, 1, {900, 40, 5, 5, 5, 3, 12, 0, 30}, fsa_nt,
	 N_(fsa_nt)},
	/* Nunavut: Iqaluit's Eastern time. */
	{"NU", 37, -300, 1, {500, 40, 0, 0, 0, 0, 0, 0, 460}, fsa_nu,
	 N_(fsa_nu)},
};

const char *const synth_langs[SYNTH_NLANG] = {
	"en", "fr", "es", "ar", "zh", "pa", "tl", "uk", "iu"
};

#define HOUSING_T 45
#define FOOD_T 35
const struct synth_code synth_codes[] = {
	{"BH-1800.8500", SC_HOUSING, 90, HOUSING_T},
	{"BH-1800.1500", SC_HOUSING, 20, HOUSING_T},
	{"BH-1800.3500", SC_HOUSING, 12, HOUSING_T},
	{"BH-3800", SC_HOUSING, 45, HOUSING_T},
	{"BH-3800.7000", SC_HOUSING, 60, HOUSING_T},
	{"BH-3800.7250", SC_HOUSING, 15, HOUSING_T},
	{"BH-3800.5100", SC_HOUSING, 6, HOUSING_T},
	{"BH-8400.6000", SC_HOUSING, 40, HOUSING_T},
	{"BH-8600", SC_HOUSING, 15, HOUSING_T},
	{"BH-3700", SC_HOUSING, 10, HOUSING_T},
	{"BH-3000", SC_HOUSING, 8, 20},
	{"BV-8900.9300", SC_UTILITIES, 40, 30},
	{"BV-8900.9300-180", SC_UTILITIES, 25, 30},
	{"BV-8900.9300-250", SC_UTILITIES, 15, 30},
	{"BV-8900.9300-950", SC_UTILITIES, 8, 30},
	{"BH-8900.9100", SC_UTILITIES, 10, -80},
	{"BH-8900", SC_UTILITIES, 5, -60},
	{"BD-1800.2000", SC_FOOD, 110, FOOD_T},
	{"BD-1800.1900", SC_FOOD, 15, FOOD_T},
	{"BD-1800.2250", SC_FOOD, 12, FOOD_T},
	{"BD-1800", SC_FOOD, 25, FOOD_T},
	{"BD-5000", SC_FOOD, 35, FOOD_T},
	{"BD-5000.8300", SC_FOOD, 20, FOOD_T},
	{"BD-5000.3500", SC_FOOD, 15, 20},
	{"NL-6000", SC_FOOD, 20, FOOD_T},
	{"NL-6000.2000", SC_FOOD, 8, FOOD_T},
	{"BM-6500", SC_CLOTHING, 25, 0},
	{"BM-6500.1500", SC_CLOTHING, 10, 0},
	{"BM-3000", SC_CLOTHING, 12, 0},
	{"BM-6500.1600", SC_CLOTHING, 8, 0},
	{"BM-6500.6500", SC_CLOTHING, 8, 0},
	{"BT-4500", SC_TRANSPORT, 25, 0},
	{"BT-4500.6500-170", SC_TRANSPORT, 10, 0},
	{"BT-4800.0500-060", SC_TRANSPORT, 6, 0},
	{"BT-4800.0500-060-10", SC_TRANSPORT, 3, 0},
	{"LH-2700", SC_HEALTH, 15, -5},
	{"LN-1500.1400", SC_HEALTH, 10, -5},
	{"LV-1600", SC_HEALTH, 14, 10},
	{"LH-5000", SC_HEALTH, 8, -5},
	{"LJ-2000", SC_HEALTH, 8, -5},
	{"LF-7000", SC_HEALTH, 6, -5},
	{"LH-6700", SC_HEALTH, 10, 0},
	{"NS-8000", SC_INCOME, 40, 0},
	{"NL-5000", SC_INCOME, 25, 0},
	{"NL-1000.6000", SC_INCOME, 12, 0},
	{"NS-1800", SC_INCOME, 15, 0},
	{"NL-3000", SC_INCOME, 10, 0},
	{"NL-1000", SC_INCOME, 10, 0},
	{"ND-1500", SC_EMPLOYMENT, 15, -10},
	{"ND-2000", SC_EMPLOYMENT, 8, -10},
	{"ND-6500", SC_EMPLOYMENT, 10, -10},
	{"ND-3500", SC_EMPLOYMENT, 6, -10},
	{"FT-4500", SC_LEGAL, 15, 0},
	{"FT-3200", SC_LEGAL, 6, 0},
	{"FN-1500", SC_LEGAL, 5, 0},
	{"FP-1500", SC_LEGAL, 4, 0},
	{"DM-1500", SC_LEGAL, 8, 10},
	{"DT-8800", SC_LEGAL, 6, 0},
	{"DF-7000", SC_LEGAL, 4, 0},
	{"JP-3400", SC_LEGAL, 3, 0},
	{"JR-8200", SC_LEGAL, 2, 0},
	{"RP-1400", SC_MENTAL, 30, 10},
	{"RP-1500", SC_MENTAL, 15, 10},
	{"RP-1500.1400-800", SC_MENTAL, 10, 10},
	{"RX-8450", SC_MENTAL, 12, 10},
	{"RX-0400", SC_MENTAL, 5, 10},
	{"RF-2500", SC_MENTAL, 8, 10},
	{"PH-6300", SC_FAMILY, 20, 0},
	{"PH-1400", SC_FAMILY, 10, 0},
	{"PH-2360", SC_FAMILY, 6, 0},
	{"PN-8100", SC_FAMILY, 8, 0},
	{"PH-3300", SC_FAMILY, 5, 0},
	{"TH-2600", SC_DISASTER, 4, 0},
	{"TH-2600.1500", SC_DISASTER, 2, 0},
	{"TH-2600.0500", SC_DISASTER, 1, 0},
	{"HD-1800", SC_EDUCATION, 6, 0},
	{"HL-4500", SC_EDUCATION, 5, 0},
	{"HH-0500", SC_EDUCATION, 4, 0},
	{"TJ-3000.8000", SC_INFORMATION, 12, -10},
	{"TJ-3000", SC_INFORMATION, 5, -10},
	{"PX-9000", SC_VOLUNTEERS, 5, 0},
	{"TI-1800", SC_VOLUNTEERS, 4, 0},
	{"TD-1600", SC_GOVERNMENT, 5, 0},
	{"TD-1200", SC_GOVERNMENT, 3, 0},
	{"PL-6400", SC_ARTS, 4, 0},
	{"PL-6400.1500", SC_ARTS, 2, 0},
};
const size_t synth_ncodes = N_(synth_codes);

const char *const synth_cat_ids[SYNTH_NCAT] = {
	"housing", "utilities", "food", "health", "income",
	"family_community", "information", "legal_consumer_safety",
	"mental_health", "clothing_household", "disaster", "transportation",
	"employment", "volunteers_donations", "education", "other_government",
	"arts_recreation"
};

/* About 12 % of needs unmet overall; housing far more often. */
const unsigned synth_cat_unmet[SYNTH_NCAT] = {
	280, 140, 50, 60, 60, 60, 30, 60, 70, 60, 60, 60, 60, 30, 60, 60, 60
};
const unsigned synth_cat_partial[SYNTH_NCAT] = {
	45, 35, 25, 30, 30, 25, 10, 25, 30, 25, 30, 25, 25, 10, 25, 25, 25
};

const char *const synth_targets[] = {
	"YN-9000", "YB-8000", "YF-3000", "YV-3000", "YB-9500"
};
const size_t synth_ntargets = N_(synth_targets);

const char *const synth_reasons[SYNTH_NREASON] = {
	"no_service", "ineligible", "waitlist", "funds_exhausted", "capacity",
	"cost", "declined", "other"
};
const unsigned synth_reason_w[3][SYNTH_NREASON] = {
	{15, 12, 30, 5, 25, 8, 3, 2},
	{8, 30, 5, 35, 5, 10, 4, 3},
	{25, 18, 14, 10, 12, 8, 7, 6},
};
const char *const synth_reason_odd[SYNTH_NREASON] = {
	"Service does not exist", "Not Eligible", " Wait list",
	"FUNDS EXHAUSTED", "No capacity ", "Too expensive", "Client declined",
	" Other"
};

const char *const synth_channels[SYNTH_NCHANNEL] = {
	"phone", "text", "chat", "email", "web", "walk-in"
};
const char *const synth_ages[8] = {
	"0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown"
};
const unsigned synth_age_w[8] = {3, 10, 20, 19, 15, 13, 12, 8};
const char *const synth_genders[4] = {"woman", "man", "non-binary", "unknown"};
const unsigned synth_gender_w[4] = {58, 34, 2, 6};
const unsigned synth_nneeds_w[4] = {55, 30, 11, 4};
const unsigned synth_referral_w[5] = {45, 30, 15, 7, 3};

const unsigned synth_month_w[12] = {
	122, 116, 108, 100, 96, 92, 90, 93, 101, 106, 112, 118
};
const unsigned synth_hour_w[3][24] = {
	{2, 1, 1, 1, 1, 2, 4, 10, 35, 60, 70, 70, 58, 66, 68, 62, 50, 30, 18,
	 14, 11, 8, 6, 4},
	{2, 1, 1, 1, 1, 1, 2, 5, 14, 25, 32, 34, 32, 31, 30, 28, 24, 18, 12,
	 10, 8, 6, 5, 3},
	{2, 1, 1, 1, 1, 1, 2, 4, 10, 20, 27, 29, 28, 27, 26, 24, 21, 16, 11,
	 9, 7, 5, 4, 3},
};

const char *const synth_towns_en[] = {
	"Northfield", "Riverbend", "Lakeview", "Pinecrest", "Eastgate",
	"Westbrook", "Stonebridge", "Cedar Falls", "Harbourview", "Millbrook",
	"Fairhaven", "Elmwood", "Kingsmere", "Silver Creek", "Maple Bay"
};
const size_t synth_ntowns_en = N_(synth_towns_en);
const char *const synth_towns_fr[] = {
	"Rivière-Claire", "Saint-Aubin", "Lac-aux-Pins", "Val-des-Cèdres",
	"Sainte-Brigitte-du-Nord", "Pointe-aux-Hérons", "Beaulieu",
	"Saint-Firmin-des-Monts"
};
const size_t synth_ntowns_fr = N_(synth_towns_fr);

#define END_ {0, 0}
static const struct synth_agency en_housing[] = {
	{"", " Housing Help"}, {"", " Emergency Shelter"}, {"", " Rent Bank"},
	END_
};
static const struct synth_agency en_utilities[] = {
	{"", " Energy Assistance Program"}, {"", " Hydro Relief Fund"}, END_
};
static const struct synth_agency en_food[] = {
	{"Food Bank of ", ""}, {"", " Community Food Cupboard"},
	{"", " Soup Kitchen"}, END_
};
static const struct synth_agency en_health[] = {
	{"", " Community Health Centre"}, {"", " Dental Clinic"}, END_
};
static const struct synth_agency en_income[] = {
	{"", " Benefits Navigator"}, {"", " Tax Clinic"}, END_
};
static const struct synth_agency en_family[] = {
	{"", " Parent Support Network"}, {"", " Seniors Centre"}, END_
};
static const struct synth_agency en_information[] = {
	{"", " Public Library"}, END_
};
static const struct synth_agency en_legal[] = {
	{"", " Legal Clinic"}, {"", " Tenant Rights Office"}, END_
};
static const struct synth_agency en_mental[] = {
	{"", " Crisis Line"}, {"", " Counselling Services"},
	{"", " Addiction Services"}, END_
};
static const struct synth_agency en_clothing[] = {
	{"", " Clothing Bank"}, {"", " Furniture Bank"}, END_
};
static const struct synth_agency en_disaster[] = {
	{"", " Emergency Social Services"}, END_
};
static const struct synth_agency en_transport[] = {
	{"", " Accessible Transit"}, {"", " Volunteer Drivers"}, END_
};
static const struct synth_agency en_employment[] = {
	{"", " Employment Centre"}, {"", " Job Skills"}, END_
};
static const struct synth_agency en_volunteers[] = {
	{"", " Volunteer Centre"}, END_
};
static const struct synth_agency en_education[] = {
	{"", " Literacy Council"}, END_
};
static const struct synth_agency en_government[] = {
	{"", " Service Centre"}, END_
};
static const struct synth_agency en_arts[] = {
	{"", " Recreation Centre"}, END_
};
static const struct synth_agency fr_housing[] = {
	{"Aide au logement de ", ""}, {"Refuge d'urgence de ", ""},
	{"Office d'habitation de ", ""}, END_
};
static const struct synth_agency fr_utilities[] = {
	{"Fonds d'aide énergétique de ", ""}, END_
};
static const struct synth_agency fr_food[] = {
	{"Banque alimentaire de ", ""}, {"Soupe populaire de ", ""},
	{"Frigo communautaire de ", ""}, END_
};
static const struct synth_agency fr_health[] = {
	{"Clinique communautaire de ", ""}, END_
};
static const struct synth_agency fr_mental[] = {
	{"Centre de crise de ", ""}, {"Centre de réadaptation de ", ""}, END_
};
static const struct synth_agency fr_legal[] = {
	{"Clinique juridique de ", ""}, END_
};
static const struct synth_agency fr_none[] = { END_ };

const struct synth_agency *const synth_agencies[2][SYNTH_NCAT] = {
	{en_housing, en_utilities, en_food, en_health, en_income, en_family,
	 en_information, en_legal, en_mental, en_clothing, en_disaster,
	 en_transport, en_employment, en_volunteers, en_education,
	 en_government, en_arts},
	{fr_housing, fr_utilities, fr_food, fr_health, fr_none, fr_none,
	 fr_none, fr_legal, fr_mental, fr_none, fr_none, fr_none, fr_none,
	 fr_none, fr_none, fr_none, fr_none},
};
const struct synth_agency synth_agencies_generic[2][4] = {
	{{"", " Community Services"}, {"", " Family Resource Centre"},
	 {"", " Multicultural Centre"}, END_},
	{{"Centre communautaire de ", ""}, {"Carrefour familial de ", ""},
	 {"Centre d'action bénévole de ", ""}, END_},
};

const char *const synth_bad_postal[] = {
	"", "N/A", "Montréal"
};
const size_t synth_nbad_postal = N_(synth_bad_postal);
const char *const synth_bad_codes[] = { "B D", "BD-18000", "food" };
const size_t synth_nbad_codes = N_(synth_bad_codes);
const char *const synth_bad_referrals[] = { "-1", "two" };
const size_t synth_nbad_referrals = N_(synth_bad_referrals);
const struct synth_agency synth_quoted_agencies[3] = {
	{"", " Legal Clinic, Inc."},
	{"", " \"Open Door\" Drop-in"},
	{"", " Housing Help\n(after hours)"},
};

/* ---- Calendar (proleptic Gregorian) and time zones ---- */

int64_t synth_days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void synth_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int synth_weekday(int64_t z) /* 0 = Sunday */
{
	int64_t w = (z + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int synth_days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				   30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

/* The n-th Sunday (n >= 1) of month m, or the last one (n == 0). */
static int64_t nth_sunday(int y, int m, int n)
{
	int64_t z;

	if (n > 0) {
		z = synth_days_from_civil(y, m, 1);
		return z + (7 - synth_weekday(z)) % 7 + 7 * (n - 1);
	}
	z = synth_days_from_civil(y, m, synth_days_in_month(y, m));
	return z - synth_weekday(z);
}

/* Offset (minutes east of UTC) of province p at UTC instant t. */
int synth_prov_offset(int p, int64_t t)
{
	const int64_t yt_fixed = 1583661600; /* 2020-03-08 10:00 UTC */
	int std = synth_provs[p].std_off, at, y, m, d;
	int64_t start, end;

	if (p == SP_YT) {
		if (t >= yt_fixed)
			return -420;
		std = -480;
	} else if (!synth_provs[p].dst) {
		return std;
	}
	synth_civil_from_days(floor_div(t + std * 60, 86400), &y, &m, &d);
	if (y >= 2007) {
		start = nth_sunday(y, 3, 2);
		end = nth_sunday(y, 11, 1);
	} else {
		start = nth_sunday(y, 4, 1);
		end = nth_sunday(y, 10, 0);
	}
	at = (p == SP_NL && y < 2011) ? 1 : 120; /* NL: 00:01 until 2011 */
	start = start * 86400 + at * 60 - std * 60;
	end = end * 86400 + at * 60 - (std + 60) * 60;
	return t >= start && t < end ? std + 60 : std;
}
