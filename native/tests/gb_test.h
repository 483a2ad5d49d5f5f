/* A minimal test harness: CHECK records failures without stopping, each
 * TEST is one counted case, and gb_test_report prints the line the project's
 * test driver parses: "N passed, N failed". */
#ifndef GB_TEST_H
#define GB_TEST_H

#include <stdio.h>

static int gb_t_passed, gb_t_failed, gb_t_case_failed;
static const char *gb_t_name;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "  FAIL %s: %s:%d: %s\n", gb_t_name, __FILE__, __LINE__, #cond); \
            gb_t_case_failed = 1;                                                      \
        }                                                                              \
    } while (0)

#define RUN(fn)                                                                        \
    do {                                                                               \
        gb_t_name = #fn;                                                               \
        gb_t_case_failed = 0;                                                          \
        fn();                                                                          \
        if (gb_t_case_failed)                                                          \
            gb_t_failed++;                                                             \
        else                                                                           \
            gb_t_passed++;                                                             \
    } while (0)

static inline int gb_test_report(void)
{
    printf("%d passed, %d failed\n", gb_t_passed, gb_t_failed);
    fflush(stdout);
    return gb_t_failed ? 1 : 0;
}

#endif
