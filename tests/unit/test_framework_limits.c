/* Frameworks at scale and at the input limits: loading is linear in the
 * size of the file (big generated frameworks), a repeated id is reported
 * once, and dii_framework_load_*_with apply the limits of
 * dii_parse_options exactly as the submissions loaders do. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

/* n indicators of group "g"; indicator i has id "i<i>", or "same" for
 * all when same_id. No targets, so the indicators are all alike. */
static char *generate(size_t n, int same_id, size_t *len)
{
    static const char head[] =
        "{\"format\": \"dii-framework/1\", \"id\": \"big\", \"title\": {\"en\": \"Big\"},"
        " \"status\": \"provisional\", \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"G\"}}],"
        " \"indicators\": [\n";
    static const char item[] =
        "{\"id\": \"%s%s\", \"group\": \"g\", \"name\": {\"en\": \"x\"}, \"unit\": \"count\","
        " \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}}";
    size_t cap = sizeof head + n * (sizeof item + 32) + 8, used = strlen(head);
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    memcpy(text, head, used);
    for (size_t i = 0; i < n; i++) {
        char number[32];
        snprintf(number, sizeof number, "%zu", i);
        used += (size_t)snprintf(text + used, cap - used, item, same_id ? "same" : "i",
                                 same_id ? "" : number);
        used += (size_t)snprintf(text + used, cap - used, "%s", i + 1 < n ? ",\n" : "\n");
    }
    used += (size_t)snprintf(text + used, cap - used, "]}\n");
    *len = used;
    return text;
}

/* The quadratic loader of 1.1 took 4.2 s for 40,000 distinct indicators;
 * 100,000 would take about half a minute, far beyond this test case's
 * timeout (tcase_set_timeout below), while the linear one takes a fraction of
 * a second. No timing is asserted: the runner's timeout is the guard. */
START_TEST(many_distinct_indicators_load)
{
    size_t len;
    char *text = generate(100000, 0, &len);
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, len, "big.json", &fw, &d), DII_OK);
    ck_assert_uint_eq(dii_framework_indicator_count(fw), 100000);
    ck_assert_uint_eq(dii_indicator_index(dii_framework_find_indicator(fw, "i99999")), 99999);
    ck_assert_double_eq(dii_framework_max_points(fw), 100000);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    free(text);
}
END_TEST

/* 5,025 copies of one id took 40 s and 2.5 GB in 1.1 (every pair was
 * compared and reported: 12.6 million diagnostics); now one diagnostic.
 * Guarded by the timeout, as above. */
START_TEST(many_copies_of_one_id_give_one_diagnostic)
{
    size_t len;
    char *text = generate(5025, 1, &len);
    dii_framework *fw = (dii_framework *)1;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, len, "same.json", &fw, &d),
                     DII_ERR_VALIDATION);
    ck_assert_ptr_null(fw);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = dii_diagnostics_get(d, 0);
    ck_assert_str_eq(dii_diagnostic_code(g), "duplicate-id");
    /* the second occurrence: line 3 (the head is line 1, indicator 0 line 2) */
    ck_assert_str_eq(dii_diagnostic_pointer(g), "/indicators/1/id");
    ck_assert_uint_eq(dii_diagnostic_line(g), 3);
    ck_assert_uint_eq(dii_diagnostic_column(g), 8);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "5025 times"));
    dii_diagnostics_free(d);
    free(text);
}
END_TEST

/* A JSON object with 100,000 members, all unknown, and a target list of
 * 100,000 years: each member or target is looked at a bounded number of
 * times (1.1 compared every target with every earlier one). */
START_TEST(wide_objects_and_long_target_lists_are_linear)
{
    size_t n = 100000, cap = n * 80 + 1024, used = 0;
    char *text = malloc(cap);
    used += (size_t)snprintf(text + used, cap - used,
                             "{\"format\": \"dii-framework/1\", \"id\": \"w\","
                             " \"title\": {\"en\": \"W\"}, \"status\": \"provisional\","
                             " \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"G\"}}],"
                             " \"indicators\": [{\"id\": \"a\", \"group\": \"g\","
                             " \"name\": {\"en\": \"A\"}, \"unit\": \"count\","
                             " \"direction\": \"higher\", \"points\": 1,"
                             " \"scoring\": {\"method\": \"target_ratio\"}, \"targets\": [");
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "%s{\"year\": %zu, \"op\": \">=\", \"value\": 1}", i ? "," : "",
                                 2000 + i % 100);
    used += (size_t)snprintf(text + used, cap - used, "]}], \"x0\": 0");
    for (size_t i = 1; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used, ", \"x%zu\": 0", i);
    used += (size_t)snprintf(text + used, cap - used, "}");
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, used, NULL, &fw, &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(count_diag(d, "unknown-field"), n);
    /* 100 distinct years, each repeated: every repetition is reported */
    ck_assert_uint_eq(count_diag(d, "duplicate-target-year"), n - 100);
    dii_diagnostics_free(d);
    free(text);
}
END_TEST

/* Three indicators share an id and two share a code: one diagnostic per
 * repeated id or code, at its second occurrence, saying how often. */
START_TEST(one_diagnostic_per_repeated_id)
{
    const char *text =
        "{\"format\": \"dii-framework/1\", \"id\": \"r\", \"title\": {\"en\": \"R\"},\n"
        " \"status\": \"provisional\", \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"G\"}},\n"
        " {\"id\": \"g\", \"name\": {\"en\": \"G2\"}}], \"indicators\": [\n"
        "{\"id\": \"a\", \"code\": \"1\", \"group\": \"g\", \"name\": {\"en\": \"x\"}, \"unit\": "
        "\"count\", \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}},\n"
        "{\"id\": \"b\", \"code\": \"1\", \"group\": \"g\", \"name\": {\"en\": \"x\"}, \"unit\": "
        "\"count\", \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}},\n"
        "{\"id\": \"a\", \"code\": \"2\", \"group\": \"g\", \"name\": {\"en\": \"x\"}, \"unit\": "
        "\"count\", \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}},\n"
        "{\"id\": \"a\", \"code\": \"3\", \"group\": \"g\", \"name\": {\"en\": \"x\"}, \"unit\": "
        "\"count\", \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}}\n"
        "]}\n";
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), "r.json", &fw, &d),
                     DII_ERR_VALIDATION);
    ck_assert_uint_eq(count_diag(d, "duplicate-id"), 2); /* indicator "a", group "g" */
    ck_assert_uint_eq(count_diag(d, "duplicate-code"), 1);
    ck_assert_uint_eq(dii_diagnostics_count(d), 3);
    const dii_diagnostic *a = expect_diag_at(d, "duplicate-id", 6, 8);
    ck_assert_str_eq(dii_diagnostic_pointer(a), "/indicators/2/id");
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(a), "'a' is used 3 times"));
    const dii_diagnostic *g = expect_diag_at(d, "duplicate-id", 3, 9);
    ck_assert_str_eq(dii_diagnostic_pointer(g), "/groups/1/id");
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "'g' is used 2 times"));
    const dii_diagnostic *c = expect_diag_at(d, "duplicate-code", 5, 21);
    ck_assert_str_eq(dii_diagnostic_pointer(c), "/indicators/1/code");
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(c), "'1' is used 2 times"));
    dii_diagnostics_free(d);
}
END_TEST

/* ---- limits ------------------------------------------------------------ */

/* A valid framework: 5 levels deep at the target objects, its longest
 * string is the 40-byte note. */
static const char *const SMALL =
    "{\"format\": \"dii-framework/1\", \"id\": \"s\", \"title\": {\"en\": \"S\"},\n"
    " \"status\": \"provisional\", \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"G\"}}],\n"
    " \"indicators\": [{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"},"
    " \"unit\": \"count\", \"direction\": \"higher\", \"points\": 1,"
    " \"scoring\": {\"method\": \"target_ratio\"},\n"
    "  \"targets\": [{\"year\": 2025, \"op\": \">=\", \"value\": 5}],\n"
    "  \"notes\": \"0123456789012345678901234567890123456789\"}]}\n";
#define SMALL_DEPTH 5u
#define SMALL_LONGEST 40u

static dii_parse_options limits(size_t bytes, unsigned depth, size_t string)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.max_input_bytes = bytes;
    o.max_depth = depth;
    o.max_string_bytes = string;
    return o;
}

static dii_status load_with(const char *text, size_t len, const dii_parse_options *o,
                            dii_diagnostics **d)
{
    dii_framework *fw = (dii_framework *)1;
    dii_status st = dii_framework_load_memory_with(text, len, "s.json", o, &fw, d);
    if (st == DII_OK)
        ck_assert_ptr_nonnull(fw);
    else
        ck_assert_ptr_null(fw);
    dii_framework_free(fw);
    return st;
}

/* The one limit-exceeded error, at line:column; the message names the
 * option member. */
static void expect_limit(dii_diagnostics *d, unsigned long line, unsigned long column,
                         const char *member)
{
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = expect_diag_at(d, "limit-exceeded", line, column);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), member));
    ck_assert_str_eq(dii_diagnostic_file(g), "s.json");
    dii_diagnostics_free(d);
}

START_TEST(input_size_at_and_beyond_the_limit)
{
    size_t len = strlen(SMALL);
    dii_diagnostics *d = NULL;
    dii_parse_options at = limits(len, 0, 0), below = limits(len - 1, 0, 0);
    ck_assert_int_eq(load_with(SMALL, len, &at, &d), DII_OK);
    dii_diagnostics_free(d);
    ck_assert_int_eq(load_with(SMALL, len, &below, &d), DII_ERR_PARSE);
    /* the first byte beyond the limit is the last byte, the final newline */
    expect_limit(d, 5, 57, "max_input_bytes");
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "s.json"));
}
END_TEST

START_TEST(depth_at_and_beyond_the_limit)
{
    size_t len = strlen(SMALL);
    dii_diagnostics *d = NULL;
    dii_parse_options at = limits(0, SMALL_DEPTH, 0), below = limits(0, SMALL_DEPTH - 1, 0);
    ck_assert_int_eq(load_with(SMALL, len, &at, &d), DII_OK);
    dii_diagnostics_free(d);
    ck_assert_int_eq(load_with(SMALL, len, &below, &d), DII_ERR_PARSE);
    expect_limit(d, 4, 15, "max_depth"); /* the target's '{' */
}
END_TEST

START_TEST(string_at_and_beyond_the_limit)
{
    size_t len = strlen(SMALL);
    dii_diagnostics *d = NULL;
    dii_parse_options at = limits(0, 0, SMALL_LONGEST), below = limits(0, 0, SMALL_LONGEST - 1);
    ck_assert_int_eq(load_with(SMALL, len, &at, &d), DII_OK);
    dii_diagnostics_free(d);
    ck_assert_int_eq(load_with(SMALL, len, &below, &d), DII_ERR_PARSE);
    expect_limit(d, 5, 12, "max_string_bytes"); /* the note's opening quote */
}
END_TEST

/* The loaders without options apply the defaults: 65 levels is one too
 * many, even inside a field the format does not have. */
START_TEST(default_limits_apply_without_options)
{
    const char *head = "{\"x\": ";
    size_t levels = DII_DEFAULT_MAX_DEPTH + 1, n = strlen(head);
    char *text = malloc(n + 2 * levels + 2);
    memcpy(text, head, n);
    memset(text + n, '[', levels);
    memset(text + n + levels, ']', levels);
    strcpy(text + n + 2 * levels, "}");
    dii_framework *fw = (dii_framework *)1;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), "s.json", &fw, &d),
                     DII_ERR_PARSE);
    ck_assert_ptr_null(fw);
    /* the root is level 1, so the 64th '[' is level 65 */
    expect_limit(d, 1, n + DII_DEFAULT_MAX_DEPTH, "max_depth");
    free(text);
}
END_TEST

/* A version-1 caller's struct has no limit members: it gets the defaults
 * (the library does not read past its end); max_submissions and the CSV
 * members mean nothing to a framework; an unknown version is refused. */
START_TEST(options_by_version)
{
    size_t len = strlen(SMALL);
    dii_diagnostics *d = NULL;
    struct {
        unsigned int version;
        dii_input_format format;
        char csv_delimiter, csv_decimal_mark;
    } v1 = {1, DII_INPUT_CSV, 'x', 'x'};
    ck_assert_int_eq(load_with(SMALL, len, (const dii_parse_options *)&v1, &d), DII_OK);
    dii_diagnostics_free(d);
    dii_parse_options o = limits(0, 0, 0);
    o.max_submissions = 1;
    o.csv_delimiter = 'x';
    ck_assert_int_eq(load_with(SMALL, len, &o, &d), DII_OK);
    dii_diagnostics_free(d);
    ck_assert_int_eq(load_with(SMALL, len, NULL, &d), DII_OK);
    dii_diagnostics_free(d);
    o.version = DII_PARSE_OPTIONS_VERSION + 1;
    ck_assert_int_eq(load_with(SMALL, len, &o, &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    o.version = 0;
    dii_framework *fw = (dii_framework *)1;
    ck_assert_int_eq(dii_framework_load_file_with("/nonexistent.json", &o, &fw, &d),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(fw);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(dii_framework_load_memory_with(NULL, 1, NULL, NULL, &fw, &d),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_framework_load_file_with(NULL, NULL, &fw, &d),
                     DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* An endless file is read only one byte past the limit. */
START_TEST(endless_file_stops_at_the_limit)
{
    dii_parse_options o = limits(1000, 0, 0);
    dii_framework *fw = (dii_framework *)1;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_file_with("/dev/zero", &o, &fw, &d), DII_ERR_PARSE);
    ck_assert_ptr_null(fw);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = expect_diag_at(d, "limit-exceeded", 1, 1001);
    ck_assert_str_eq(dii_diagnostic_file(g), "/dev/zero");
    dii_diagnostics_free(d);
}
END_TEST

/* The file loader with limits: a file exactly at the limit loads, and
 * an unreadable one is an "unreadable" error as without options. */
START_TEST(file_at_the_limit)
{
    char path[] = "/tmp/dii-fw-limit-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(SMALL, f);
    fclose(f);
    size_t len = strlen(SMALL);
    dii_parse_options at = limits(len, 0, 0), below = limits(len - 1, 0, 0);
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_file_with(path, &at, &fw, &d), DII_OK);
    ck_assert_uint_eq(dii_framework_indicator_count(fw), 1);
    dii_framework_free(fw);
    dii_diagnostics_free(d);
    ck_assert_int_eq(dii_framework_load_file_with(path, &below, &fw, &d), DII_ERR_PARSE);
    ck_assert_int_ge(find_diag(d, "limit-exceeded"), 0);
    dii_diagnostics_free(d);
    remove(path);
    ck_assert_int_eq(dii_framework_load_file_with(path, &at, &fw, &d), DII_ERR_IO);
    ck_assert_int_eq(find_diag(d, "unreadable"), 0);
    dii_diagnostics_free(d);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("framework_limits");
    TCase *big = tcase_create("scale");
    /* Generous for the sanitizer build, yet far below what the quadratic
     * paths of 1.1 need (see the tests). */
    tcase_set_timeout(big, 20);
    tcase_add_test(big, many_distinct_indicators_load);
    tcase_add_test(big, many_copies_of_one_id_give_one_diagnostic);
    tcase_add_test(big, wide_objects_and_long_target_lists_are_linear);
    suite_add_tcase(s, big);
    TCase *tc = tcase_create("limits");
    tcase_add_test(tc, one_diagnostic_per_repeated_id);
    tcase_add_test(tc, input_size_at_and_beyond_the_limit);
    tcase_add_test(tc, depth_at_and_beyond_the_limit);
    tcase_add_test(tc, string_at_and_beyond_the_limit);
    tcase_add_test(tc, default_limits_apply_without_options);
    tcase_add_test(tc, options_by_version);
    tcase_add_test(tc, endless_file_stops_at_the_limit);
    tcase_add_test(tc, file_at_the_limit);
    suite_add_tcase(s, tc);
    return s;
}
