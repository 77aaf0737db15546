/* Cross-cutting API contracts: versions, status names, enumeration names,
 * NULL-tolerant frees, the thread-local error, the allocator hook. */
#include <pthread.h>
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

Suite *make_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("contracts");
    tcase_add_test(tc, versions);
    tcase_add_test(tc, status_and_enum_names);
    tcase_add_test(tc, frees_accept_null);
    tcase_add_test(tc, last_error_is_per_thread);
    tcase_add_test(tc, allocator_hook);
    tcase_add_test(tc, builtin_list);
    tcase_add_test(tc, framework_named_by_submissions);
    tcase_add_test(tc, out_params_reset_on_failure);
    tcase_add_test(tc, unknown_framework_is_located);
    tcase_add_test(tc, conflicting_or_absent_framework);
    suite_add_tcase(s, tc);
    return s;
}
