/*
 * Tests for datetime: ISO and vendor forms, calendar checks, zones,
 * epochs and formatting.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/datetime.h"
#include "core/nserr.h"

static struct ns_datetime dt;
static const char *why;

static int parse(const char *s, enum dt_form form)
{
	memset(&dt, 0x55, sizeof dt);
	why = NULL;
	return dt_parse(s, strlen(s), form, &dt, &why);
}

/* Parse s, expect failure with the phrase msg. */
static void expect_bad(const char *s, enum dt_form form, const char *msg)
{
	CU_ASSERT_EQUAL(parse(s, form), NS_EDATA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_STRING_EQUAL(why, msg);
}

static void expect_fields(int y, int mo, int d, int h, int mi, int sec,
			  int has_time, int has_offset, int off)
{
	CU_ASSERT_EQUAL(dt.year, y);
	CU_ASSERT_EQUAL(dt.month, mo);
	CU_ASSERT_EQUAL(dt.day, d);
	CU_ASSERT_EQUAL(dt.hour, h);
	CU_ASSERT_EQUAL(dt.min, mi);
	CU_ASSERT_EQUAL(dt.sec, sec);
	CU_ASSERT_EQUAL(dt.has_time, has_time);
	CU_ASSERT_EQUAL(dt.has_offset, has_offset);
	CU_ASSERT_EQUAL(dt.offset_min, off);
}

static void test_iso_forms(void)
{
	CU_ASSERT_EQUAL(parse("2024-03-05T14:22:10-05:00", DT_ISO), 0);
	expect_fields(2024, 3, 5, 14, 22, 10, 1, 1, -300);
	CU_ASSERT_EQUAL(parse("2024-03-05 14:22:10", DT_ISO), 0);
	expect_fields(2024, 3, 5, 14, 22, 10, 1, 0, 0);
	CU_ASSERT_EQUAL(parse("2024-03-05", DT_ISO), 0);
	expect_fields(2024, 3, 5, 0, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(parse("  2024-03-05T14:22  ", DT_ISO), 0);
	expect_fields(2024, 3, 5, 14, 22, 0, 1, 0, 0);
	CU_ASSERT_EQUAL(parse("2024-03-05T14:22:10.123456Z", DT_ISO), 0);
	expect_fields(2024, 3, 5, 14, 22, 10, 1, 1, 0);
	CU_ASSERT_EQUAL(dt_parse_iso("2024-03-05T14:22:10+0530", 24, &dt,
				     &why), 0);
	CU_ASSERT_EQUAL(dt.offset_min, 330);
	CU_ASSERT_EQUAL(parse("2024-03-05T14:22:10+05", DT_ISO), 0);
	CU_ASSERT_EQUAL(dt.offset_min, 300);
	CU_ASSERT_EQUAL(parse("2024-03-05T14:22:10-14:00", DT_ISO), 0);
	CU_ASSERT_EQUAL(dt.offset_min, -840);
	CU_ASSERT_EQUAL(parse("2024-03-05T14:22+14:00", DT_ISO), 0);
	CU_ASSERT_EQUAL(dt.offset_min, 840);
	CU_ASSERT_EQUAL(parse("2024-02-29", DT_ISO), 0);
	CU_ASSERT_EQUAL(parse("2000-02-29", DT_ISO), 0);
	CU_ASSERT_EQUAL(parse("2024-12-31T23:59:59", DT_ISO), 0);
	CU_ASSERT_EQUAL(parse("2024-01-01T00:00:00", DT_ISO), 0);
}

static void test_iso_rejects(void)
{
	expect_bad("2024-13-01", DT_ISO, "month out of range");
	expect_bad("2024-00-10", DT_ISO, "month out of range");
	expect_bad("2024-02-30", DT_ISO, "day out of range for the month");
	expect_bad("2023-02-29", DT_ISO, "day out of range for the month");
	expect_bad("1900-02-29", DT_ISO, "day out of range for the month");
	expect_bad("2024-04-31", DT_ISO, "day out of range for the month");
	expect_bad("2024-04-00", DT_ISO, "day out of range for the month");
	expect_bad("0000-01-01", DT_ISO, "year out of range");
	expect_bad("2024-03-05T24:00", DT_ISO, "hour out of range");
	expect_bad("2024-03-05T12:60", DT_ISO, "minute out of range");
	expect_bad("2024-03-05T12:30:60", DT_ISO, "second out of range");
	expect_bad("14:22:10", DT_ISO, "is not a date");
	expect_bad("12:30", DT_ISO, "is not a date");
	expect_bad("", DT_ISO, "is empty");
	expect_bad("   ", DT_ISO, "is empty");
	expect_bad("2024-03-05x", DT_ISO, "trailing characters after the date");
	expect_bad("2024-03-05T14:22:10 x", DT_ISO,
		   "trailing characters after the time");
	expect_bad("2024-03-05T14:22:10Zx", DT_ISO,
		   "trailing characters after the time");
	expect_bad("2024-03-05T14:22:10 EST", DT_ISO,
		   "trailing characters after the time");
	expect_bad("2024-03-055", DT_ISO, "is not a date");
	expect_bad("2024-3-05", DT_ISO, "is not a date");
	expect_bad("24-03-05", DT_ISO, "is not a date");
	expect_bad("2024/03/05", DT_ISO, "is not a date");
	expect_bad("2024-03-05T", DT_ISO, "is not a time");
	expect_bad("2024-03-05T1:22", DT_ISO, "is not a time");
	expect_bad("2024-03-05T14:22:1", DT_ISO, "is not a time");
	expect_bad("2024-03-05T14:22:10.", DT_ISO, "is not a time");
	expect_bad("2024-03-05T14:22:10+15:00", DT_ISO, "offset out of range");
	expect_bad("2024-03-05T14:22:10+14:01", DT_ISO, "offset out of range");
	expect_bad("2024-03-05T14:22:10+05:60", DT_ISO, "offset out of range");
	expect_bad("2024-03-05T14:22:10+5", DT_ISO, "is not a UTC offset");
	expect_bad("2024-03-05T14:22:10+05:3", DT_ISO, "is not a UTC offset");
}

static void test_mdy(void)
{
	CU_ASSERT_EQUAL(parse("12/27/2017 09:02:27.151999 MST", DT_MDY), 0);
	expect_fields(2017, 12, 27, 9, 2, 27, 1, 1, -420);
	CU_ASSERT_EQUAL(dt_epoch(&dt), 1514390547);
	CU_ASSERT_EQUAL(parse("1/5/2024 3:04 PM", DT_MDY), 0);
	expect_fields(2024, 1, 5, 15, 4, 0, 1, 0, 0);
	CU_ASSERT_EQUAL(parse("1/5/2024 12:30 AM", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt.hour, 0);
	CU_ASSERT_EQUAL(parse("1/5/2024 12:30 pm", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt.hour, 12);
	CU_ASSERT_EQUAL(parse("1/5/2024 11:59:59PM", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt.hour, 23);
	CU_ASSERT_EQUAL(parse("01/05/2024", DT_MDY), 0);
	expect_fields(2024, 1, 5, 0, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(parse("2/29/2024 8:00 am edt", DT_MDY), 0);
	expect_fields(2024, 2, 29, 8, 0, 0, 1, 1, -240);
	CU_ASSERT_EQUAL(parse("2/29/2024 20:00 -03:30", DT_MDY), 0);
	expect_fields(2024, 2, 29, 20, 0, 0, 1, 1, -210);
	CU_ASSERT_EQUAL(parse("2/29/2024 20:00 UTC", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt.has_offset, 1);
	CU_ASSERT_EQUAL(dt.offset_min, 0);
	expect_bad("13/01/2024", DT_MDY, "month out of range");
	expect_bad("2/30/2024", DT_MDY, "day out of range for the month");
	expect_bad("1/5/2024 0:30 AM", DT_MDY,
		   "hour out of range for a 12-hour clock");
	expect_bad("1/5/2024 13:30 PM", DT_MDY,
		   "hour out of range for a 12-hour clock");
	expect_bad("1/5/2024 3:04 XM", DT_MDY, "unknown time zone");
	expect_bad("1/5/2024 3:04 PM FOO", DT_MDY, "unknown time zone");
	expect_bad("1/5/2024 3:04 PM EST x", DT_MDY,
		   "trailing characters after the time");
	expect_bad("1/5/2024 3:04 PM EST 7", DT_MDY,
		   "trailing characters after the time");
	expect_bad("12:30 AM", DT_MDY, "is not a date");
	expect_bad("1/5/24", DT_MDY, "is not a date");
	expect_bad("1/5/20245", DT_MDY, "is not a date");
	expect_bad("1-5-2024", DT_MDY, "is not a date");
	expect_bad("1/5/2024x", DT_MDY, "trailing characters after the date");
	expect_bad("1/5/2024 3", DT_MDY, "is not a time");
	expect_bad("1/5/2024 24:00", DT_MDY, "hour out of range");
}

static void test_dmy_ymd(void)
{
	CU_ASSERT_EQUAL(parse("27/12/2017 09:02:27.151999 MST", DT_DMY), 0);
	expect_fields(2017, 12, 27, 9, 2, 27, 1, 1, -420);
	CU_ASSERT_EQUAL(parse("5/1/2024 3:04 PM", DT_DMY), 0);
	expect_fields(2024, 1, 5, 15, 4, 0, 1, 0, 0);
	expect_bad("12/27/2017", DT_DMY, "month out of range");
	expect_bad("29/2/2023", DT_DMY, "day out of range for the month");
	CU_ASSERT_EQUAL(parse("2024/3/5 14:22", DT_YMD), 0);
	expect_fields(2024, 3, 5, 14, 22, 0, 1, 0, 0);
	CU_ASSERT_EQUAL(parse("2024-03-05 2:22:10 PM NST", DT_YMD), 0);
	expect_fields(2024, 3, 5, 14, 22, 10, 1, 1, -210);
	CU_ASSERT_EQUAL(parse("2024/03/05", DT_YMD), 0);
	expect_fields(2024, 3, 5, 0, 0, 0, 0, 0, 0);
	expect_bad("2024/03-05", DT_YMD, "is not a date");
	expect_bad("2024.03.05", DT_YMD, "is not a date");
	expect_bad("2024/13/05", DT_YMD, "month out of range");
}

static void test_zones(void)
{
	static const struct {
		const char *z;
		int off;
	} t[] = {
		{"NST", -210}, {"NDT", -150}, {"AST", -240}, {"ADT", -180},
		{"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
		{"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
		{"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"UTC", 0},
		{"GMT", 0}, {"Z", 0}, {"est", -300}, {"AkDt", -480},
	};
	size_t i;
	int m;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		m = 12345;
		CU_ASSERT_EQUAL(dt_zone_offset(t[i].z, strlen(t[i].z), &m), 0);
		CU_ASSERT_EQUAL(m, t[i].off);
	}
	CU_ASSERT_EQUAL(dt_zone_offset("CET", 3, &m), NS_EDATA);
	CU_ASSERT_EQUAL(dt_zone_offset("", 0, &m), NS_EDATA);
	CU_ASSERT_EQUAL(dt_zone_offset("ESTX", 4, &m), NS_EDATA);
	CU_ASSERT_EQUAL(dt_zone_offset("AKSTT", 5, &m), NS_EDATA);
	/* a NUL byte after a zone name is not its end (found by fuzz_value:
	 * the name table was read past the end of "Z") */
	CU_ASSERT_EQUAL(dt_zone_offset("Z\0", 2, &m), NS_EDATA);
	CU_ASSERT_EQUAL(dt_zone_offset("UT\0\0", 4, &m), NS_EDATA);
	CU_ASSERT_EQUAL(dt_zone_offset("ES", 2, &m), NS_EDATA);
	/* only the first len bytes count */
	CU_ASSERT_EQUAL(dt_zone_offset("ESTXYZ", 3, &m), 0);
	CU_ASSERT_EQUAL(m, -300);
}

static void test_calendar(void)
{
	CU_ASSERT_EQUAL(dt_days_in_month(2024, 2), 29);
	CU_ASSERT_EQUAL(dt_days_in_month(2023, 2), 28);
	CU_ASSERT_EQUAL(dt_days_in_month(1900, 2), 28);
	CU_ASSERT_EQUAL(dt_days_in_month(2000, 2), 29);
	CU_ASSERT_EQUAL(dt_days_in_month(2024, 4), 30);
	CU_ASSERT_EQUAL(dt_days_in_month(2024, 12), 31);
	CU_ASSERT_EQUAL(dt_days_in_month(2024, 0), 0);
	CU_ASSERT_EQUAL(dt_days_in_month(2024, 13), 0);
	CU_ASSERT_EQUAL(dt_days_from_civil(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(dt_days_from_civil(1969, 12, 31), -1);
	CU_ASSERT_EQUAL(dt_days_from_civil(2024, 2, 29), 19782);
	CU_ASSERT_EQUAL(dt_days_from_civil(2000, 3, 1), 11017);
	CU_ASSERT_EQUAL(dt_days_from_civil(1600, 3, 1), -135080);
	CU_ASSERT_EQUAL(dt_days_from_civil(1, 1, 1), -719162);
}

static void test_epoch(void)
{
	static const struct {
		const char *s;
		int64_t t;
	} t[] = {
		{"2024-03-05T14:22:10-05:00", 1709666530},
		{"2024-03-05T14:22:10+05:30", 1709628730},
		{"1970-01-01T00:00:00Z", 0},
		{"1969-12-31T23:59:59Z", -1},
		{"2000-02-29T23:59:59+14:00", 951818399},
		{"2024-01-05T15:04:00", 1704467040},
		{"0001-01-01T00:00:00Z", INT64_C(-62135596800)},
		{"9999-12-31T23:59:59Z", INT64_C(253402300799)},
		{"1970-01-02", 86400},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(parse(t[i].s, DT_ISO), 0);
		CU_ASSERT_EQUAL(dt_epoch(&dt), t[i].t);
	}
	CU_ASSERT_EQUAL(parse("3/5/2024 2:22:10 PM EST", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt_epoch(&dt), 1709666530);
}

static void test_format(void)
{
	char buf[32];

	CU_ASSERT_EQUAL(parse("2024-03-05T04:02:01-05:00", DT_ISO), 0);
	CU_ASSERT_EQUAL(dt_format_local(&dt, buf, sizeof buf), 19);
	CU_ASSERT_STRING_EQUAL(buf, "2024-03-05 04:02:01");
	CU_ASSERT_EQUAL(parse("7/4/0999", DT_MDY), 0);
	CU_ASSERT_EQUAL(dt_format_local(&dt, buf, sizeof buf), 10);
	CU_ASSERT_STRING_EQUAL(buf, "0999-07-04");
	CU_ASSERT_EQUAL(parse("2024-03-05T23:59", DT_ISO), 0);
	CU_ASSERT_EQUAL(dt_format_local(&dt, buf, 20), 19);
	CU_ASSERT_STRING_EQUAL(buf, "2024-03-05 23:59:00");
	CU_ASSERT_EQUAL(dt_format_local(&dt, buf, 19), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static CU_TestInfo tests[] = {
	{"iso forms", test_iso_forms},
	{"iso rejects", test_iso_rejects},
	{"month/day/year", test_mdy},
	{"day/month/year and year/month/day", test_dmy_ymd},
	{"zone abbreviations", test_zones},
	{"calendar", test_calendar},
	{"epoch", test_epoch},
	{"format", test_format},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_datetime[] = {
	{"datetime", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};
