/* Cross-cutting API contracts: versions, status names, enumeration names,
 * NULL-tolerant frees, the thread-local error, the allocator hook. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "testutil.h"

START_TEST(versions)
{
    ck_assert_int_eq(dii_version(), DII_VERSION_NUMBER);
    ck_assert_str_eq(dii_version_string(), DII_VERSION_STRING);
    ck_assert_int_eq(DII_VERSION_NUMBER,
                     DII_VERSION_MAJOR * 10000 + DII_VERSION_MINOR * 100 + DII_VERSION_PATCH);
}
END_TEST

/* The version is written once (the three numbers in dii.h): the string is
 * made from them, and meson's project version is read from them. */
START_TEST(version_written_once)
{
    char made[32];
    snprintf(made, sizeof made, "%d.%d.%d", DII_VERSION_MAJOR, DII_VERSION_MINOR,
             DII_VERSION_PATCH);
    ck_assert_str_eq(DII_VERSION_STRING, made);
    ck_assert_str_eq(dii_version_string(), made);
    ck_assert_str_eq(DII_PROJECT_VERSION, made);
}
END_TEST

START_TEST(status_and_enum_names)
{
    ck_assert_str_eq(dii_status_string(DII_OK), "success");
    ck_assert_str_eq(dii_status_string(DII_ERR_PARSE), "parse error");
    ck_assert_str_eq(dii_status_string(DII_ERR_NO_MEMORY), "out of memory");
    ck_assert_str_eq(dii_status_string((dii_status)-99), "unknown status");
    ck_assert_str_eq(dii_unit_name(DII_UNIT_PER_100_PEOPLE), "per_100_people");
    ck_assert_ptr_null(dii_unit_name((dii_unit)99));
    ck_assert_str_eq(dii_direction_name(DII_DIRECTION_LOWER), "lower");
    ck_assert_str_eq(dii_method_name(DII_METHOD_MIN_MAX_COHORT), "min_max_cohort");
    ck_assert_str_eq(dii_op_symbol(DII_OP_GT), ">");
    ck_assert_str_eq(dii_framework_status_name(DII_FRAMEWORK_PROVISIONAL), "provisional");
    ck_assert_str_eq(dii_missing_policy_name(DII_MISSING_EXCLUDE), "exclude");
    ck_assert_str_eq(dii_compliance_name(DII_COMPLIANCE_NOT_MET), "not_met");
    ck_assert_str_eq(dii_target_basis_name(DII_BASIS_INTERPOLATED), "interpolated");
    ck_assert_str_eq(dii_severity_name(DII_SEVERITY_WARNING), "warning");
    ck_assert_ptr_null(dii_compliance_name((dii_compliance)-1));
}
END_TEST

START_TEST(frees_accept_null)
{
    dii_framework_free(NULL);
    dii_submissions_free(NULL);
    dii_results_free(NULL);
    dii_diagnostics_free(NULL);
    dii_free(NULL);
    ck_assert_uint_eq(dii_diagnostics_count(NULL), 0);
    ck_assert_ptr_null(dii_diagnostics_get(NULL, 0));
}
END_TEST

static void *fail_in_thread(void *arg)
{
    (void)arg;
    dii_framework *fw = NULL;
    dii_framework_builtin("no-such-framework-in-thread", &fw);
    return NULL;
}

START_TEST(last_error_is_per_thread)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("no-such-framework", &fw), DII_ERR_NOT_FOUND);
    ck_assert_ptr_null(fw);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "no-such-framework"));
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, fail_in_thread, NULL), 0);
    pthread_join(t, NULL);
    /* The other thread's failure did not overwrite this thread's message. */
    ck_assert_ptr_null(strstr(dii_last_error(), "in-thread"));
}
END_TEST

static size_t allocations;

static void *counting_malloc(size_t size, void *user)
{
    (*(size_t *)user)++;
    return malloc(size);
}

static void *counting_realloc(void *p, size_t size, void *user)
{
    (*(size_t *)user)++;
    return realloc(p, size);
}

static void counting_free(void *p, void *user)
{
    (void)user;
    free(p);
}

START_TEST(allocator_hook)
{
    ck_assert_int_eq(dii_set_allocator(counting_malloc, NULL, NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_set_allocator(counting_malloc, counting_realloc, counting_free,
                                       &allocations), DII_OK);
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    ck_assert_uint_gt(allocations, 0);
    dii_framework_free(fw);
    ck_assert_int_eq(dii_set_allocator(NULL, NULL, NULL, NULL), DII_OK);
}
END_TEST

START_TEST(builtin_list)
{
    ck_assert_uint_eq(dii_builtin_framework_count(), 2);
    int seen_db = 0, seen_885 = 0;
    for (size_t i = 0; i < dii_builtin_framework_count(); i++) {
        const char *id = dii_builtin_framework_id(i);
        seen_db |= strcmp(id, "dien-bien-4734-2023") == 0;
        seen_885 |= strcmp(id, "dii-885-2023") == 0;
    }
    ck_assert(seen_db && seen_885);
    ck_assert_ptr_null(dii_builtin_framework_id(2));
    size_t len = 0;
    const char *text = dii_builtin_framework_json("dii-885-2023", &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(strlen(text), len);
    ck_assert_ptr_null(dii_builtin_framework_json("nope", &len));
    ck_assert_uint_eq(len, 0);
}
END_TEST

static dii_submissions *load_text(const char *text)
{
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "s.jsonl", NULL, &subs,
                                                 NULL), DII_OK);
    return subs;
}

START_TEST(framework_named_by_submissions)
{
    dii_submissions *subs = load_text(
        "{\"framework\": \"dien-bien-4734-2023\", \"unit\": {\"id\": \"11\"}, \"year\": 2024,"
        " \"values\": {}}\n");
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_for_submissions(subs, &fw, &d), DII_OK);
    ck_assert_str_eq(dii_framework_id(fw), "dien-bien-4734-2023");
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    dii_diagnostics_free(d);
    /* Validation diagnostics name the submission they concern. */
    dii_submissions *two = load_text(
        "{\"unit\": {\"id\": \"a\"}, \"year\": 2024, \"values\": {\"nope\": 1}}\n"
        "{\"unit\": {\"id\": \"b\"}, \"year\": 2024, \"values\": {\"nope\": 1}}\n");
    ck_assert_int_eq(dii_validate(fw, two, &d), DII_ERR_VALIDATION);
    long first = find_diag(d, "unknown-indicator");
    ck_assert_int_eq(dii_diagnostic_submission(dii_diagnostics_get(d, (size_t)first)), 0);
    ck_assert_int_eq(dii_diagnostic_submission(dii_diagnostics_get(d, dii_diagnostics_count(d) - 1)), 1);
    ck_assert_int_eq(dii_diagnostic_submission(NULL), -1);
    dii_diagnostics_free(d);
    dii_submissions_free(two);
    dii_framework_free(fw);
    dii_submissions_free(subs);
}
END_TEST

START_TEST(unknown_framework_is_located)
{
    /* "framework" value starts at column 15 of line 2 (counted by hand). */
    dii_submissions *subs = load_text(
        "{\"unit\": {\"id\": \"a\"}, \"year\": 2024, \"values\": {}}\n"
        "{\"framework\": \"dien-bien-2099\", \"unit\": {\"id\": \"b\"}, \"year\": 2024,"
        " \"values\": {}}\n");
    dii_framework *fw = (dii_framework *)1;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_for_submissions(subs, &fw, &d), DII_ERR_NOT_FOUND);
    ck_assert_ptr_null(fw);
    long i = find_diag(d, "unknown-framework");
    ck_assert_int_ge(i, 0);
    const dii_diagnostic *g = dii_diagnostics_get(d, (size_t)i);
    ck_assert_uint_eq(dii_diagnostic_line(g), 2);
    ck_assert_uint_eq(dii_diagnostic_column(g), 15);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_hint(g), "dien-bien-4734-2023"));
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "dien-bien-2099"));
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

START_TEST(conflicting_or_absent_framework)
{
    dii_submissions *two = load_text(
        "{\"framework\": \"dien-bien-4734-2023\", \"unit\": {\"id\": \"a\"}, \"year\": 2024,"
        " \"values\": {}}\n"
        "{\"framework\": \"dii-885-2023\", \"unit\": {\"id\": \"b\"}, \"year\": 2024,"
        " \"values\": {}}\n");
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_for_submissions(two, &fw, &d), DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(d, "framework-mismatch"), 0);
    ck_assert_uint_eq(dii_diagnostic_line(dii_diagnostics_get(d, 0)), 2);
    dii_diagnostics_free(d);
    dii_submissions_free(two);
    dii_submissions *none = load_text("{\"unit\": {\"id\": \"a\"}, \"year\": 2024, "
                                      "\"values\": {}}\n");
    ck_assert_int_eq(dii_framework_for_submissions(none, &fw, &d), DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(d, "missing-field"), 0);
    ck_assert_ptr_nonnull(dii_diagnostic_hint(dii_diagnostics_get(d, 0)));
    dii_diagnostics_free(d);
    ck_assert_int_eq(dii_framework_for_submissions(none, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_submissions_free(none);
}
END_TEST

START_TEST(out_params_reset_on_failure)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    const dii_indicator *ind = dii_framework_indicator(fw, 0);
    int year = 7;
    dii_op op = DII_OP_LT;
    double value = 7, from = 7, score = 7;
    ck_assert_int_eq(dii_indicator_target(ind, 99, &year, &op, &value), DII_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(year, 0);
    ck_assert_double_eq(value, 0);
    ck_assert_int_eq(dii_indicator_band(ind, 0, &from, &score), DII_ERR_OUT_OF_RANGE);
    ck_assert_double_eq(from, 0);
    ck_assert_str_ne(dii_last_error(), "");
    /* A successful call clears the message of the failed one. */
    ck_assert_int_eq(dii_indicator_target_for_year(ind, 2027, &year, &op, &value, NULL), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii_*_options_init: the *_OPTIONS_INIT macros as functions                 */

/* Fills a struct with a marker byte, so that what init leaves alone shows. */
#define MARK(x) memset(&(x), 0xA5, sizeof(x))

static int all_marked(const void *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (((const unsigned char *)p)[i] != 0xA5)
            return 0;
    return 1;
}

START_TEST(parse_options_init_latest)
{
    dii_parse_options got, want = DII_PARSE_OPTIONS_INIT;
    MARK(got);
    ck_assert_int_eq(dii_parse_options_init(&got, DII_PARSE_OPTIONS_VERSION), DII_OK);
    ck_assert_uint_eq(got.version, want.version);
    ck_assert_int_eq(got.format, want.format);
    ck_assert_int_eq(got.csv_delimiter, want.csv_delimiter);
    ck_assert_int_eq(got.csv_decimal_mark, want.csv_decimal_mark);
    ck_assert_uint_eq(got.max_input_bytes, 0);
    ck_assert_uint_eq(got.max_depth, 0);
    ck_assert_uint_eq(got.max_string_bytes, 0);
    ck_assert_uint_eq(got.max_submissions, 0);
    ck_assert_uint_eq(got.max_diagnostics, 0);
    ck_assert_ptr_null(got.unit_id);
    ck_assert_ptr_null(got.unit_name);
    ck_assert_str_eq(dii_last_error(), "");
    /* What it gives is what a load accepts. */
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_memory("unit_id,year,indicator,value\n", 29, "x.csv",
                                                 &got, &subs, NULL), DII_OK);
    dii_submissions_free(subs);
}
END_TEST

/* A caller built against version 2 has a struct that ends after
 * max_submissions: nothing past it is written. */
START_TEST(parse_options_init_older_version)
{
    dii_parse_options got;
    MARK(got);
    ck_assert_int_eq(dii_parse_options_init(&got, 2), DII_OK);
    ck_assert_uint_eq(got.version, 2);
    ck_assert_int_eq(got.csv_delimiter, ',');
    ck_assert_uint_eq(got.max_submissions, 0);
    ck_assert(all_marked(&got, offsetof(dii_parse_options, max_diagnostics), sizeof got));
    MARK(got);
    ck_assert_int_eq(dii_parse_options_init(&got, 1), DII_OK);
    ck_assert_uint_eq(got.version, 1);
    ck_assert_int_eq(got.csv_decimal_mark, '.');
    ck_assert(all_marked(&got, offsetof(dii_parse_options, max_input_bytes), sizeof got));
    MARK(got);
    ck_assert_int_eq(dii_parse_options_init(&got, 3), DII_OK);
    ck_assert_uint_eq(got.max_diagnostics, 0);
    ck_assert(all_marked(&got, offsetof(dii_parse_options, unit_id), sizeof got));
}
END_TEST

START_TEST(parse_options_init_refuses)
{
    dii_parse_options got;
    MARK(got);
    ck_assert_int_eq(dii_parse_options_init(&got, 0), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_parse_options_init(&got, DII_PARSE_OPTIONS_VERSION + 1),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "dii_parse_options_init: version is 5"));
    ck_assert(all_marked(&got, 0, sizeof got)); /* not written */
    ck_assert_int_eq(dii_parse_options_init(NULL, 1), DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* The other four: the defaults of their one version, the same refusals. */
START_TEST(other_options_init)
{
    dii_validate_options v, v_want = DII_VALIDATE_OPTIONS_INIT;
    MARK(v);
    ck_assert_int_eq(dii_validate_options_init(&v, DII_VALIDATE_OPTIONS_VERSION), DII_OK);
    ck_assert_uint_eq(v.version, v_want.version);
    ck_assert_uint_eq(v.max_diagnostics, v_want.max_diagnostics);
    ck_assert_int_eq(dii_validate_options_init(&v, 2), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_validate_options_init(&v, 0), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_validate_options_init(NULL, 1), DII_ERR_INVALID_ARGUMENT);

    dii_score_options sc, sc_want = DII_SCORE_OPTIONS_INIT;
    MARK(sc);
    ck_assert_int_eq(dii_score_options_init(&sc, DII_SCORE_OPTIONS_VERSION), DII_OK);
    ck_assert_uint_eq(sc.version, sc_want.version);
    ck_assert_int_eq(sc.target_year, sc_want.target_year);
    ck_assert_int_eq(dii_score_options_init(&sc, 2), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_score_options_init(&sc, 0), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_score_options_init(NULL, 1), DII_ERR_INVALID_ARGUMENT);

    dii_tracking_options t, t_want = DII_TRACKING_OPTIONS_INIT;
    MARK(t);
    ck_assert_int_eq(dii_tracking_options_init(&t, DII_TRACKING_OPTIONS_VERSION), DII_OK);
    ck_assert_uint_eq(t.version, t_want.version);
    ck_assert_ptr_null(t.milestones);
    ck_assert_uint_eq(t.milestone_count, 0);
    ck_assert_int_eq(t.pace, DII_PACE_LINEAR);
    ck_assert_ptr_null(t.crosswalk);
    ck_assert_int_eq(dii_tracking_options_init(&t, 2), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_tracking_options_init(&t, 0), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_tracking_options_init(NULL, 1), DII_ERR_INVALID_ARGUMENT);

    dii_compare_options c, c_want = DII_COMPARE_OPTIONS_INIT;
    MARK(c);
    ck_assert_int_eq(dii_compare_options_init(&c, DII_COMPARE_OPTIONS_VERSION), DII_OK);
    ck_assert_uint_eq(c.version, c_want.version);
    ck_assert_int_eq(c.all_rows, c_want.all_rows);
    ck_assert_int_eq(dii_compare_options_init(&c, 2), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_compare_options_init(&c, 0), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_compare_options_init(NULL, 1), DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* The 1.x names deprecated in 1.2 still work, and give what their new
 * names give. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
START_TEST(deprecated_names_still_work)
{
    dii_framework *fw = NULL;
    dii_submissions *subs = NULL;
    dii_results *res = NULL;
    char csv[512];
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    /* One value met or not, one missing, the rest absent. */
    int len = snprintf(csv, sizeof csv, "unit_id,year,indicator,value\nu,2022,%s,90\nu,2022,%s,\n",
                       dii_indicator_id(dii_framework_indicator(fw, 0)),
                       dii_indicator_id(dii_framework_indicator(fw, 1)));
    ck_assert_int_eq(dii_submissions_load_memory(csv, (size_t)len, "x.csv", NULL, &subs, NULL),
                     DII_OK);
    ck_assert_int_eq(dii_score(fw, subs, NULL, &res, NULL), DII_OK);
    const dii_result *r = dii_results_get(res, 0);
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k <= n; k++) /* n: out of range, MISSING from both */
        ck_assert_int_eq(dii_result_indicator_status(r, k),
                         dii_result_indicator_compliance(r, k));
    ck_assert_int_eq(dii_result_indicator_status(NULL, 0), DII_COMPLIANCE_MISSING);

    signed char old_status[64], new_status[64];
    dii_indicator_columns old_cols = DII_INDICATOR_COLUMNS_INIT;
    dii_indicator_columns new_cols = DII_INDICATOR_COLUMNS_INIT;
    ck_assert_uint_le(n, 64);
    old_cols.status = old_status;
    new_cols.status = new_status;
    const dii_indicator_columns *as_const = &old_cols; /* the 1.1 signature */
    ck_assert_int_eq(dii_results_indicator_columns(res, as_const), DII_OK);
    ck_assert_int_eq(dii_results_fill_indicator_columns(res, &new_cols), DII_OK);
    ck_assert_mem_eq(old_status, new_status, n);
    ck_assert_int_eq(dii_results_indicator_columns(res, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_results_fill_indicator_columns(NULL, &new_cols),
                     DII_ERR_INVALID_ARGUMENT);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST
#pragma GCC diagnostic pop

Suite *make_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("contracts");
    tcase_add_test(tc, versions);
    tcase_add_test(tc, version_written_once);
    tcase_add_test(tc, status_and_enum_names);
    tcase_add_test(tc, frees_accept_null);
    tcase_add_test(tc, last_error_is_per_thread);
    tcase_add_test(tc, allocator_hook);
    tcase_add_test(tc, builtin_list);
    tcase_add_test(tc, framework_named_by_submissions);
    tcase_add_test(tc, out_params_reset_on_failure);
    tcase_add_test(tc, unknown_framework_is_located);
    tcase_add_test(tc, conflicting_or_absent_framework);
    tcase_add_test(tc, parse_options_init_latest);
    tcase_add_test(tc, parse_options_init_older_version);
    tcase_add_test(tc, parse_options_init_refuses);
    tcase_add_test(tc, other_options_init);
    tcase_add_test(tc, deprecated_names_still_work);
    suite_add_tcase(s, tc);
    return s;
}
