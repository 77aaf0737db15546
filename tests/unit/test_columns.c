/* dii_submissions_from_columns: a long table in columns, as a data frame
 * holds it.
 *
 * Expected positions follow the rule the header states (row i at line
 * i + 1, a cell at its DII_COLUMN_* number); expected groupings and values
 * were worked out by hand from the small tables below, and the CSV
 * comparison checks the same rows written as a file load the same. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dii/dii.h"
#include "failalloc.h"
#include "testutil.h"

#define MOBILE "mobile_broadband_subscriptions_per_100"
#define FIXED "fixed_broadband_subscriptions_per_100"
#define AI "ai_blockchain_iot_deployed"

/* Rows: B 2024 mobile 70.5 | A 2024 mobile 60 | B 2024 fixed 40 |
 *       B 2025 ai true  | A 2024 fixed missing */
static const char *const units[] = {"B", "A", "B", "B", "A"};
static const int years[] = {2024, 2024, 2024, 2025, 2024};
static const char *const inds[] = {MOBILE, MOBILE, FIXED, AI, FIXED};
static const double values[] = {70.5, 60, 40, 1, -1};
static const unsigned char kinds[] = {DII_VALUE_NUMBER, DII_VALUE_NUMBER, DII_VALUE_NUMBER,
                                      DII_VALUE_BOOLEAN, DII_VALUE_MISSING};
static const char *const names[] = {NULL, "Tỉnh A", "Tỉnh B", "", NULL};
static const char *const sources[] = {"report 2024", NULL, NULL, NULL, ""};

/* A table of the four required columns. */
static dii_columns required(size_t rows, const char *const *unit_id, const int *year,
                            const char *const *indicator, const double *value)
{
    dii_columns c = DII_COLUMNS_INIT;
    c.rows = rows;
    c.unit_id = unit_id;
    c.year = year;
    c.indicator = indicator;
    c.value = value;
    return c;
}

static dii_columns table(void)
{
    dii_columns c = required(5, units, years, inds, values);
    c.kind = kinds;
    c.unit_name = names;
    c.source = sources;
    return c;
}

START_TEST(rows_group_into_submissions)
{
    dii_columns c = table();
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, "frame", &subs, &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    /* first appearance: (B, 2024) row 0, (A, 2024) row 1, (B, 2025) row 3 */
    ck_assert_uint_eq(dii_submissions_count(subs), 3);
    const dii_submission *b = dii_submissions_get(subs, 0);
    const dii_submission *a = dii_submissions_get(subs, 1);
    const dii_submission *b25 = dii_submissions_get(subs, 2);
    ck_assert_str_eq(dii_submission_unit_id(b), "B");
    ck_assert_int_eq(dii_submission_year(b), 2024);
    ck_assert_str_eq(dii_submission_unit_name(b), "Tỉnh B"); /* first non-empty: row 2 */
    ck_assert_ptr_null(dii_submission_unit_name(b25));       /* "" is no name */
    ck_assert_uint_eq(dii_submission_line(b), 1);
    ck_assert_uint_eq(dii_submission_line(a), 2);
    ck_assert_uint_eq(dii_submission_line(b25), 4);
    ck_assert_uint_eq(dii_submission_value_count(b), 2);
    ck_assert_str_eq(dii_submission_value_indicator(b, 0), MOBILE);
    ck_assert_double_eq(dii_submission_value_number(b, 0), 70.5);
    ck_assert_str_eq(dii_submission_value_source(b, 0), "report 2024");
    ck_assert_str_eq(dii_submission_value_indicator(b, 1), FIXED);
    ck_assert_ptr_null(dii_submission_value_source(b, 1));
    ck_assert_int_eq(dii_submission_value_kind(a, 1), DII_VALUE_MISSING);
    ck_assert_double_eq(dii_submission_value_number(a, 1), 0);
    ck_assert_ptr_null(dii_submission_value_source(a, 1)); /* "" is no source */
    ck_assert_int_eq(dii_submission_value_kind(b25, 0), DII_VALUE_BOOLEAN);
    ck_assert_double_eq(dii_submission_value_number(b25, 0), 1);
    ck_assert_ptr_null(dii_submission_framework(b));
    dii_submissions_free(subs);
    dii_diagnostics_free(d);
}
END_TEST

/* The same rows as a long-format CSV file (names and sources aside) load
 * into the same submissions, values and kinds. */
START_TEST(same_as_the_csv_reader)
{
    const char *csv = "unit_id,year,indicator,value\n"
                      "B,2024," MOBILE ",70.5\n"
                      "A,2024," MOBILE ",60\n"
                      "B,2024," FIXED ",40\n"
                      "B,2025," AI ",true\n"
                      "A,2024," FIXED ",\n";
    dii_submissions *from_csv = NULL, *from_cols = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(csv, strlen(csv), "t.csv", NULL, &from_csv,
                                                 NULL), DII_OK);
    dii_columns c = table();
    c.unit_name = NULL;
    c.source = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, NULL, &from_cols, NULL), DII_OK);
    ck_assert_uint_eq(dii_submissions_count(from_cols), dii_submissions_count(from_csv));
    for (size_t i = 0; i < dii_submissions_count(from_csv); i++) {
        const dii_submission *x = dii_submissions_get(from_csv, i);
        const dii_submission *y = dii_submissions_get(from_cols, i);
        ck_assert_str_eq(dii_submission_unit_id(x), dii_submission_unit_id(y));
        ck_assert_int_eq(dii_submission_year(x), dii_submission_year(y));
        ck_assert_uint_eq(dii_submission_value_count(x), dii_submission_value_count(y));
        for (size_t v = 0; v < dii_submission_value_count(x); v++) {
            ck_assert_str_eq(dii_submission_value_indicator(x, v),
                             dii_submission_value_indicator(y, v));
            ck_assert_int_eq(dii_submission_value_kind(x, v), dii_submission_value_kind(y, v));
            ck_assert_double_eq(dii_submission_value_number(x, v),
                                dii_submission_value_number(y, v));
        }
    }
    dii_submissions_free(from_csv);
    dii_submissions_free(from_cols);
}
END_TEST

/* Every row a number when kind is NULL; scoring works on the set. */
START_TEST(numbers_without_kinds_score)
{
    const char *u[] = {"A", "A"};
    const int y[] = {2023, 2023};
    const char *i[] = {MOBILE, FIXED};
    const double v[] = {80, 50};
    dii_columns c = required(2, u, y, i, v);
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, NULL, &subs, NULL), DII_OK);
    ck_assert_int_eq(dii_submission_value_kind(dii_submissions_get(subs, 0), 1),
                     DII_VALUE_NUMBER);
    dii_results *res = NULL;
    ck_assert_int_eq(dii_score(fw, subs, NULL, &res, NULL), DII_OK);
    ck_assert_uint_eq(dii_results_count(res), 1);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* Shape problems are located diagnostics; the rows they spoil are not
 * used, and dii_validate repeats them. */
START_TEST(shape_problems_are_located)
{
    const char *u[] = {"A", "", NULL, "B"};
    const int y[] = {2024, 2024, 2024, 2024};
    const char *i[] = {MOBILE, MOBILE, MOBILE, ""};
    const double v[] = {1, 2, 3, NAN};
    dii_columns c = required(4, u, y, i, v);
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, "frame", &subs, &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 3);
    const dii_diagnostic *g = expect_diag_at(d, "missing-field", 2, DII_COLUMN_UNIT_ID);
    ck_assert_str_eq(dii_diagnostic_message(g), "unit_id is empty");
    ck_assert_str_eq(dii_diagnostic_file(g), "frame");
    expect_diag_at(d, "missing-field", 3, DII_COLUMN_UNIT_ID);
    g = expect_diag_at(d, "missing-field", 4, DII_COLUMN_INDICATOR);
    ck_assert_str_eq(dii_diagnostic_message(g), "indicator is empty");
    ck_assert_uint_eq(dii_submissions_count(subs), 1); /* only row 0 was usable */
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    dii_diagnostics *v_diags = NULL;
    ck_assert_int_eq(dii_validate(fw, subs, &v_diags), DII_ERR_VALIDATION);
    expect_diag_at(v_diags, "missing-field", 4, DII_COLUMN_INDICATOR);
    dii_diagnostics_free(v_diags);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);

    /* A NaN is kept as a number, and validation says where it is. */
    const char *u2[] = {"A"};
    const char *i2[] = {MOBILE};
    const double nan_value[] = {NAN};
    c = required(1, u2, y, i2, nan_value);
    ck_assert_int_eq(dii_submissions_from_columns(&c, "frame", &subs, NULL), DII_OK);
    ck_assert_int_eq(dii_validate(fw, subs, &v_diags), DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(v_diags, "not-finite"), 0);
    g = dii_diagnostics_get(v_diags, (size_t)find_diag(v_diags, "not-finite"));
    ck_assert_uint_eq(dii_diagnostic_line(g), 1);
    ck_assert_uint_eq(dii_diagnostic_column(g), DII_COLUMN_VALUE);
    dii_diagnostics_free(v_diags);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* Text that is not UTF-8 cannot be held: a parse failure, nothing handed
 * out, and every such text reported in one pass, in each column. */
START_TEST(invalid_utf8_is_refused)
{
    dii_columns c = table();
    /* row 2 names B a second time, differently: still checked */
    const char *bad_names[] = {NULL, "T\xe1nh", "Tỉnh B", "\xc3", NULL};
    const char *bad_units[] = {"B", "A", "B", "\xff", "A"};
    const char *bad_inds[] = {MOBILE, MOBILE, "fixed\x80", AI, "fixed\x80"};
    const char *bad_sources[] = {"ok", NULL, NULL, NULL, "r\xe9port"};
    c.unit_name = bad_names;
    c.unit_id = bad_units;
    c.indicator = bad_inds;
    c.source = bad_sources;
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, "frame", &subs, &d), DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    expect_diag_at(d, "encoding", 2, DII_COLUMN_UNIT_NAME);
    expect_diag_at(d, "encoding", 3, DII_COLUMN_INDICATOR); /* once, though used twice */
    expect_diag_at(d, "encoding", 4, DII_COLUMN_UNIT_ID);
    expect_diag_at(d, "encoding", 4, DII_COLUMN_UNIT_NAME);
    expect_diag_at(d, "encoding", 5, DII_COLUMN_SOURCE);
    ck_assert_uint_eq(count_diag(d, "encoding"), 5);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "frame:2:5"));
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(zero_rows_warn)
{
    dii_columns c = DII_COLUMNS_INIT; /* rows 0: the columns may be NULL */
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_from_columns(&c, NULL, &subs, &d), DII_OK);
    ck_assert_uint_eq(dii_submissions_count(subs), 0);
    ck_assert_int_ge(find_diag(d, "no-submissions"), 0);
    dii_submissions_free(subs);
    dii_diagnostics_free(d);
}
END_TEST

static void expect_invalid_argument(const dii_columns *c, const char *message_part)
{
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_submissions_from_columns(c, NULL, &subs, &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(subs);
    ck_assert_ptr_null(d);
    ck_assert_msg(strstr(dii_last_error(), message_part) != NULL, "message '%s' lacks '%s'",
                  dii_last_error(), message_part);
}

START_TEST(caller_errors)
{
    expect_invalid_argument(NULL, "cols is NULL");
    dii_columns c = table();
    ck_assert_int_eq(dii_submissions_from_columns(&c, NULL, NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "out is NULL"));
    c.version = 2;
    expect_invalid_argument(&c, "cols->version is 2");
    c = table();
    c.year = NULL;
    expect_invalid_argument(&c, "required columns");
    c = table();
    c.value = NULL;
    expect_invalid_argument(&c, "required columns");
    const unsigned char bad_kind[] = {0, 0, DII_VALUE_INVALID, 0, 0};
    c = table();
    c.kind = bad_kind;
    expect_invalid_argument(&c, "row 2: kind 3");
    const unsigned char bool_kind[] = {DII_VALUE_BOOLEAN, 0, 0, 0, 0};
    c = table();
    c.kind = bool_kind; /* row 0's value is 70.5 */
    expect_invalid_argument(&c, "row 0: a boolean's value must be 1 or 0");
}
END_TEST

static dii_status load_table(const void *input, dii_submissions **out, dii_diagnostics **diags)
{
    return dii_submissions_from_columns(input, "frame", out, diags);
}

START_TEST(allocation_failures)
{
    dii_columns c = table();
    check_loader_under_failures(load_table, &c, DII_OK);
    const char *u[] = {"A", ""};
    const int y[] = {2024, 2024};
    const char *i[] = {MOBILE, MOBILE};
    const double v[] = {1, 2};
    dii_columns with_problem = required(2, u, y, i, v);
    check_loader_under_failures(load_table, &with_problem, DII_OK);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("columns");
    TCase *good = tcase_create("well-formed");
    tcase_add_test(good, rows_group_into_submissions);
    tcase_add_test(good, same_as_the_csv_reader);
    tcase_add_test(good, numbers_without_kinds_score);
    suite_add_tcase(s, good);
    TCase *bad = tcase_create("problems");
    tcase_add_test(bad, shape_problems_are_located);
    tcase_add_test(bad, invalid_utf8_is_refused);
    tcase_add_test(bad, zero_rows_warn);
    tcase_add_test(bad, caller_errors);
    tcase_add_test(bad, allocation_failures);
    suite_add_tcase(s, bad);
    return s;
}
