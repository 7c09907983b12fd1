/*
 * runner: the one CUnit runner.  Every tests/test_MODULE.c exports a
 * CU_SuiteInfo array `suite_MODULE`; CMake lists them in suites.inc.
 * The exit status is 1 when any test or suite set-up failed (CUnit's own
 * CU_basic_run_tests() returns 0 even then).
 *
 *	unit_tests [-v] [SUITE]
 *
 * -v lists every test; SUITE runs only the suite of that name (the
 * ThreadSanitizer build runs "ingest" alone); an unknown SUITE is exit 2.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "suites.inc"

int main(int argc, char **argv)
{
	const char *only = NULL;
	CU_pSuite suite = NULL;
	unsigned failures;
	int verbose = 0, a;
	size_t i;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-v") == 0)
			verbose = 1;
		else
			only = argv[a];
	}

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; all_suites[i]; i++) {
		if (CU_register_suites(all_suites[i]) != CUE_SUCCESS) {
			fprintf(stderr, "runner: %s\n", CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	if (only && !(suite = CU_get_suite(only))) {
		fprintf(stderr, "runner: no suite '%s'\n", only);
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(verbose ? CU_BRM_VERBOSE : CU_BRM_NORMAL);
	if (suite)
		CU_basic_run_suite(suite);
	else
		CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed()
		 + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
