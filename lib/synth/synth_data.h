/*
 * synth_data: the static tables behind needstat-synth (lib/synth.c), and
 * the calendar and time-zone rules that go with them.
 *
 * Provinces and territories with their population shares, time zones,
 * languages and real forward sortation areas (FSAs); plausible 211 taxonomy
 * codes with their reporting category, weight and trend; unmet rates and
 * reasons; seasonal and hourly contact profiles; synthetic agency names;
 * the damaged values that --dirty writes.  Every table is read-only and
 * every weight an integer, so the generator's output never depends on
 * floating point.  No taxonomy names are bundled (the taxonomy is
 * licensed): the codes are the public code shapes only.
 */
#ifndef NEEDSTAT_SYNTH_DATA_H
#define NEEDSTAT_SYNTH_DATA_H

#include <stddef.h>
#include <stdint.h>

#define SYNTH_NPROV 13
#define SYNTH_NLANG 9
#define SYNTH_NCAT 17
#define SYNTH_NREASON 8
#define SYNTH_NCHANNEL 6

/* Province indexes used by the generator's special cases. */
enum synth_prov_id {
	SP_NL, SP_PE, SP_NS, SP_NB, SP_QC, SP_ON, SP_MB, SP_SK, SP_AB, SP_BC,
	SP_YT, SP_NT, SP_NU
};

/* Category indexes, in the order of FORMATS.md section 3. */
enum synth_cat_id {
	SC_HOUSING, SC_UTILITIES, SC_FOOD, SC_HEALTH, SC_INCOME,
	SC_FAMILY, SC_INFORMATION, SC_LEGAL, SC_MENTAL, SC_CLOTHING,
	SC_DISASTER, SC_TRANSPORT, SC_EMPLOYMENT, SC_VOLUNTEERS,
	SC_EDUCATION, SC_GOVERNMENT, SC_ARTS
};

struct synth_prov {
	const char *code;         /* "ON" */
	unsigned share;           /* 2021 population in thousands */
	int std_off;              /* standard time, minutes east of UTC */
	int dst;                  /* 1: observes daylight saving time */
	unsigned lang_w[SYNTH_NLANG]; /* weights over synth_langs */
	const char *const *fsa;   /* real FSAs of the province */
	size_t nfsa;
};

struct synth_code {
	const char *code;         /* "BD-1800.2000" */
	int cat;                  /* enum synth_cat_id */
	unsigned weight;          /* relative frequency in 2020 */
	int trend;                /* per-mille change of the weight per year */
};

/* An agency name is pre + town + post. */
struct synth_agency {
	const char *pre, *post;
};

extern const struct synth_prov synth_provs[SYNTH_NPROV];
extern const char *const synth_langs[SYNTH_NLANG];
extern const struct synth_code synth_codes[];
extern const size_t synth_ncodes;
extern const char *const synth_cat_ids[SYNTH_NCAT];
extern const unsigned synth_cat_unmet[SYNTH_NCAT];  /* per mille */
extern const unsigned synth_cat_partial[SYNTH_NCAT]; /* per mille */

/* Target-population codes for compound terms ("BD-1800.2000 * YN-9000"). */
extern const char *const synth_targets[];
extern const size_t synth_ntargets;

extern const char *const synth_reasons[SYNTH_NREASON];
/* Reason weights: [0] housing, [1] utilities, [2] everything else. */
extern const unsigned synth_reason_w[3][SYNTH_NREASON];
/* The same reasons as a centre's picklist would spell them, odd case. */
extern const char *const synth_reason_odd[SYNTH_NREASON];

extern const char *const synth_channels[SYNTH_NCHANNEL];
extern const char *const synth_ages[8];
extern const unsigned synth_age_w[8];
extern const char *const synth_genders[4];
extern const unsigned synth_gender_w[4];
extern const unsigned synth_nneeds_w[4];   /* contacts with 1..4 needs */
extern const unsigned synth_referral_w[5]; /* met needs: 1..5 referrals */

/* Seasonal weight per month (100 = average) and hourly weights by local
 * day type: [0] Monday-Friday, [1] Saturday, [2] Sunday or holiday. */
extern const unsigned synth_month_w[12];
extern const unsigned synth_hour_w[3][24];

/* Fictional towns for agency names, English and French. */
extern const char *const synth_towns_en[];
extern const size_t synth_ntowns_en;
extern const char *const synth_towns_fr[];
extern const size_t synth_ntowns_fr;

/* Agency name templates per category and language ([0] en, [1] fr), each
 * list ending with {NULL, NULL}; may be empty.  The generic lists hold at
 * least three names, so a need can always name three distinct agencies. */
extern const struct synth_agency *const synth_agencies[2][SYNTH_NCAT];
extern const struct synth_agency synth_agencies_generic[2][4];

/* --dirty values.  Damage to optional fields (must load): */
extern const char *const synth_bad_postal[];   /* "N/A", "Montréal" */
extern const size_t synth_nbad_postal;
/* Damage to required fields (must be rejected): */
extern const char *const synth_bad_codes[];    /* "B D", "BD-18000" */
extern const size_t synth_nbad_codes;
extern const char *const synth_bad_referrals[];
extern const size_t synth_nbad_referrals;
/* Agency names that need RFC 4180 quoting (comma, quote, newline). */
extern const struct synth_agency synth_quoted_agencies[3];

/* ---- Calendar (proleptic Gregorian; day 0 is 1970-01-01) ---- */

/* synth_days_from_civil: day number of y-m-d (valid date assumed). */
int64_t synth_days_from_civil(int y, int m, int d);

/* synth_civil_from_days: the date of day number z into *y, *m, *d. */
void synth_civil_from_days(int64_t z, int *y, int *m, int *d);

/* synth_weekday: 0 (Sunday) .. 6 (Saturday) of day number z. */
int synth_weekday(int64_t z);

/* synth_days_in_month: 28..31 for month m (1..12) of year y. */
int synth_days_in_month(int y, int m);

/*
 * synth_prov_offset: UTC offset in minutes east in force in province p
 * (enum synth_prov_id, 0..SYNTH_NPROV-1) at UTC second t; the rules are
 * described at synth_utc_offset() in synth.h.
 */
int synth_prov_offset(int p, int64_t t);

#endif
