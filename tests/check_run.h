/* The end of every Check program's main: runs the suite and turns its
 * failures into the exit status ctest reads. */
#ifndef LS_TESTS_CHECK_RUN_H
#define LS_TESTS_CHECK_RUN_H
#include <check.h>
#include <stdlib.h>

static inline int ls_check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV); /* CK_NORMAL unless CK_VERBOSITY says otherwise */
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
