/* Helpers shared by the unit tests. */
#ifndef DII_TESTUTIL_H
#define DII_TESTUTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dii/dii.h"

/* Directory of tests/data, passed by meson as DII_TEST_DATA_DIR. */
#ifndef DII_TEST_DATA_DIR
#define DII_TEST_DATA_DIR "tests/data"
#endif

/* The limits a load without options applies (input_limits.h), for tests that
 * call the parsers directly. */
#define DEFAULT_LIMITS                                                                 \
    ((dii_limits){{DII_DEFAULT_MAX_INPUT_BYTES, DII_DEFAULT_MAX_DEPTH,                 \
                   DII_DEFAULT_MAX_STRING_BYTES, DII_DEFAULT_MAX_SUBMISSIONS}})

/* Index of the first diagnostic with the given code, or -1. */
static inline long find_diag(const dii_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < dii_diagnostics_count(d); i++)
        if (strcmp(dii_diagnostic_code(dii_diagnostics_get(d, i)), code) == 0)
            return (long)i;
    return -1;
}

/* Number of diagnostics with the given code. */
static inline size_t count_diag(const dii_diagnostics *d, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < dii_diagnostics_count(d); i++)
        if (strcmp(dii_diagnostic_code(dii_diagnostics_get(d, i)), code) == 0)
            n++;
    return n;
}

/* The diagnostic with this code at line:column; fails (listing what there
 * is) when there is none. */
static inline const dii_diagnostic *expect_diag_at(const dii_diagnostics *d, const char *code,
                                                   unsigned long line, unsigned long column)
{
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *g = dii_diagnostics_get(d, i);
        if (strcmp(dii_diagnostic_code(g), code) == 0 && dii_diagnostic_line(g) == line &&
            dii_diagnostic_column(g) == column)
            return g;
    }
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *g = dii_diagnostics_get(d, i);
        fprintf(stderr, "  have %s at %lu:%lu: %s\n", dii_diagnostic_code(g),
                dii_diagnostic_line(g), dii_diagnostic_column(g), dii_diagnostic_message(g));
    }
    ck_abort_msg("no '%s' diagnostic at %lu:%lu", code, line, column);
    return NULL;
}

/* `{"unit": {"id": "1"}, "year": 2022, "values": {"a": ` then `levels`
 * '[' and as many ']': the root and "values" make 2 more levels. The
 * caller frees the text; *prefix_len is the length of the part before the
 * first '['. */
static inline char *nested_text(size_t levels, size_t *prefix_len)
{
    static const char prefix[] = "{\"unit\": {\"id\": \"1\"}, \"year\": 2022, \"values\": {\"a\": ";
    size_t n = strlen(prefix);
    char *text = malloc(n + 2 * levels + 3);
    ck_assert_ptr_nonnull(text);
    memcpy(text, prefix, n);
    memset(text + n, '[', levels);
    memset(text + n + levels, ']', levels);
    strcpy(text + n + 2 * levels, "}}");
    *prefix_len = n;
    return text;
}

#endif
