/* dii_validate through the public API: every diagnostic code it emits, with
 * its severity and location. Lines and columns in the expectations were
 * counted by hand from the texts below (1-based; a column is the byte where
 * the value concerned starts) — the texts are laid out one member per line
 * to keep that counting easy. The last test case checks the internal
 * helpers (suggestions, the range rule) directly. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"
#include "suggest.h"
#include "testutil.h"
#include "validate.h"

/* Seven indicators, one per unit. A baseline in 2020 and targets up to 2030
 * make the framework's years 2020..2030. */
static const char FRAMEWORK[] =
    "{\"format\": \"dii-framework/1\", \"id\": \"test-fw\", \"version\": \"1\",\n"
    " \"title\": {\"vi\": \"Thử\", \"en\": \"Test\"}, \"status\": \"official\",\n"
    " \"groups\": [{\"id\": \"A\", \"name\": {\"vi\": \"A\", \"en\": \"A\"}}],\n"
    " \"indicators\": [\n"
    "  {\"id\": \"fibre_share\", \"code\": \"1\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Cáp quang\", \"en\": \"Fibre\"}, \"unit\": \"percent\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"ratio\"},\n"
    "   \"baseline\": {\"year\": 2020, \"value\": 10}},\n"
    "  {\"id\": \"cloud_ratio\", \"code\": \"2\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Đám mây\", \"en\": \"Cloud\"}, \"unit\": \"ratio\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"ratio\"}},\n"
    "  {\"id\": \"subs_per_100\", \"code\": \"3\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Thuê bao\", \"en\": \"Subscriptions\"}, \"unit\": \"per_100_people\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"target_ratio\"},\n"
    "   \"targets\": [{\"year\": 2025, \"op\": \">=\", \"value\": 80},\n"
    "               {\"year\": 2030, \"op\": \">=\", \"value\": 100}]},\n"
    "  {\"id\": \"speed_mbps\", \"code\": \"4\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Tốc độ\", \"en\": \"Speed\"}, \"unit\": \"mbps\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}},\n"
    "  {\"id\": \"data_centres\", \"code\": \"5\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Trung tâm\", \"en\": \"Data centres\"}, \"unit\": \"count\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}},\n"
    "  {\"id\": \"iot_deployed\", \"code\": \"6\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"IoT\", \"en\": \"IoT\"}, \"unit\": \"boolean\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"boolean\"}},\n"
    "  {\"id\": \"other_score\", \"code\": \"7\", \"group\": \"A\",\n"
    "   \"name\": {\"vi\": \"Khác\", \"en\": \"Other\"}, \"unit\": \"other\",\n"
    "   \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"best_in_cohort\"}}\n"
    " ]}\n";

static dii_framework *load_framework(void)
{
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_framework_load_memory(FRAMEWORK, strlen(FRAMEWORK), "test-fw.json",
                                              &fw, &d);
    ck_assert_msg(st == DII_OK, "test framework did not load: %s", dii_last_error());
    ck_assert_ptr_nonnull(fw);
    dii_diagnostics_free(d);
    return fw;
}

/* The format is picked from the name's extension (.json / .csv). */
static dii_submissions *load_submissions(const char *text, const char *name)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), name, NULL, &subs, &d);
    ck_assert_msg(st == DII_OK, "%s did not load: %s", name, dii_last_error());
    ck_assert_ptr_nonnull(subs);
    dii_diagnostics_free(d);
    return subs;
}

/* Loads text (named name) and validates it against the test framework. */
static dii_status validate_text(const char *text, const char *name, dii_diagnostics **d)
{
    dii_framework *fw = load_framework();
    dii_submissions *subs = load_submissions(text, name);
    dii_status st = dii_validate(fw, subs, d);
    ck_assert_ptr_nonnull(*d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    return st;
}

/* Index of the n-th (0-based) diagnostic with the given code, or -1. */
static long nth_diag(const dii_diagnostics *d, const char *code, size_t n)
{
    for (size_t i = 0; i < dii_diagnostics_count(d); i++)
        if (strcmp(dii_diagnostic_code(dii_diagnostics_get(d, i)), code) == 0 && n-- == 0)
            return (long)i;
    return -1;
}

static void expect_str(const char *what, const char *got, const char *want)
{
    if (want == NULL)
        ck_assert_msg(got == NULL, "%s: expected NULL, got '%s'", what, got);
    else
        ck_assert_msg(got != NULL && strcmp(got, want) == 0, "%s: expected '%s', got '%s'",
                      what, want, got ? got : "(null)");
}

/* Checks diagnostic i completely except for the message; returns it. */
static const dii_diagnostic *expect_diag(const dii_diagnostics *d, long i, const char *code,
                                         dii_severity severity, unsigned long line,
                                         unsigned long column, const char *pointer,
                                         const char *hint)
{
    ck_assert_msg(i >= 0, "no '%s' diagnostic", code);
    const dii_diagnostic *g = dii_diagnostics_get(d, (size_t)i);
    ck_assert_ptr_nonnull(g);
    expect_str("code", dii_diagnostic_code(g), code);
    ck_assert_msg(dii_diagnostic_severity(g) == severity, "%s: wrong severity", code);
    ck_assert_msg(dii_diagnostic_line(g) == line, "%s: line %lu, expected %lu", code,
                  dii_diagnostic_line(g), line);
    ck_assert_msg(dii_diagnostic_column(g) == column, "%s: column %lu, expected %lu", code,
                  dii_diagnostic_column(g), column);
    expect_str("pointer", dii_diagnostic_pointer(g), pointer);
    expect_str("hint", dii_diagnostic_hint(g), hint);
    ck_assert_ptr_nonnull(dii_diagnostic_message(g));
    return g;
}

static void expect_message_has(const dii_diagnostic *g, const char *part)
{
    const char *m = dii_diagnostic_message(g);
    ck_assert_msg(strstr(m, part) != NULL, "message '%s' lacks '%s'", m, part);
}

/* ------------------------------------------------------------------------ */

START_TEST(clean_submission_is_valid)
{
    static const char text[] =
        "{\"format\": \"dii-submission/1\", \"framework\": \"test-fw\",\n"
        " \"unit\": {\"id\": \"11\", \"name\": \"Điện Biên\"}, \"year\": 2022,\n"
        " \"values\": {\"fibre_share\": 50, \"cloud_ratio\": 0.5, \"subs_per_100\": 70,\n"
        "            \"speed_mbps\": 40, \"data_centres\": 1, \"iot_deployed\": true,\n"
        "            \"other_score\": -3}}\n";
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "clean.json", &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_str_eq(dii_last_error(), "");
    dii_diagnostics_free(d);
}
END_TEST

/* One submission with a problem on almost every line; every one is
 * reported, in input order. */
static const char MANY_PROBLEMS[] =
    "{\n"                                         /* 1 */
    "  \"format\": \"dii-submission/1\",\n"       /* 2 */
    "  \"framework\": \"other-fw\",\n"            /* 3: value at column 16 */
    "  \"unit\": {\"id\": \"11\"},\n"             /* 4 */
    "  \"year\": 2031,\n"                         /* 5: column 11 */
    "  \"values\": {\n"                           /* 6 */
    "    \"fibre_shar\": 50,\n"                   /* 7: key at column 5, value 19 */
    "    \"fibre_share\": 120,\n"                 /* 8: column 20 */
    "    \"cloud_ratio\": 45,\n"                  /* 9: column 20 */
    "    \"subs_per_100\": -1,\n"                 /* 10: column 21 */
    "    \"speed_mbps\": true,\n"                 /* 11: column 19 */
    "    \"iot_deployed\": 1,\n"                  /* 12: column 21 */
    "    \"data_centres\": null,\n"               /* 13: column 21 */
    "    \"7\": 2,\n"                             /* 14: key at column 5, value 10 */
    "    \"other_score\": \"abc\"\n"              /* 15: column 20 */
    "  }\n"
    "}\n";

START_TEST(every_problem_of_a_submission_is_reported)
{
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(MANY_PROBLEMS, "many.json", &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 9);
    ck_assert_uint_eq(dii_diagnostics_warning_count(d), 2);
    ck_assert_uint_eq(dii_diagnostics_count(d), 11);
    ck_assert_str_ne(dii_last_error(), "");

    const dii_diagnostic *g;
    g = expect_diag(d, 0, "framework-mismatch", DII_SEVERITY_ERROR, 3, 16, "/framework",
                    "validate with --framework other-fw, or change \"framework\" to "
                    "\"test-fw\"");
    expect_message_has(g, "'other-fw'");
    expect_message_has(g, "'test-fw'");
    g = expect_diag(d, 1, "year-out-of-range", DII_SEVERITY_WARNING, 5, 11, "/year",
                    "check the year; outside the framework's years the nearest milestone's "
                    "targets apply");
    expect_message_has(g, "2031");
    expect_message_has(g, "2020 to 2030");
    g = expect_diag(d, 2, "unknown-indicator", DII_SEVERITY_ERROR, 7, 5, "/values/fibre_shar",
                    "did you mean 'fibre_share'?");
    expect_str("message", dii_diagnostic_message(g), "unknown indicator 'fibre_shar'");
    g = expect_diag(d, 3, "out-of-range", DII_SEVERITY_ERROR, 8, 20, "/values/fibre_share",
                    NULL);
    expect_message_has(g, "value 120 ");
    expect_message_has(g, "unit percent allows 0 to 100");
    g = expect_diag(d, 4, "out-of-range", DII_SEVERITY_ERROR, 9, 20, "/values/cloud_ratio",
                    "a ratio is a share of 1: did you mean 0.45?");
    expect_message_has(g, "unit ratio allows 0 to 1");
    g = expect_diag(d, 5, "out-of-range", DII_SEVERITY_ERROR, 10, 21, "/values/subs_per_100",
                    NULL);
    expect_message_has(g, "value -1 ");
    expect_message_has(g, "0 or more");
    g = expect_diag(d, 6, "wrong-type", DII_SEVERITY_ERROR, 11, 19, "/values/speed_mbps", NULL);
    expect_message_has(g, "needs a number, got true");
    g = expect_diag(d, 7, "wrong-type", DII_SEVERITY_ERROR, 12, 21, "/values/iot_deployed",
                    "write true or false");
    expect_message_has(g, "yes/no");
    g = expect_diag(d, 8, "missing-value", DII_SEVERITY_WARNING, 13, 21, "/values/data_centres",
                    NULL);
    expect_message_has(g, "reported as missing");
    g = expect_diag(d, 9, "unknown-indicator", DII_SEVERITY_ERROR, 14, 5, "/values/7",
                    "'7' is the code of indicator 'other_score'; use its id");
    g = expect_diag(d, 10, "wrong-type", DII_SEVERITY_ERROR, 15, 20, "/values/other_score",
                    NULL);
    expect_message_has(g, "'other_score' needs a number, got string \"abc\"");
    dii_diagnostics_free(d);
}
END_TEST

/* Indicators the submission never mentions: one warning each, at the
 * submission, pointing at its "values". */
START_TEST(unmentioned_indicators_are_missing_in_json)
{
    static const char text[] =
        "{\"format\": \"dii-submissions/1\", \"submissions\": [\n" /* 1 */
        "  {\"unit\": {\"id\": \"11\"}, \"year\": 2022,\n"         /* 2: submission at column 3 */
        "   \"values\": {\"fibre_share\": 50, \"cloud_ratio\": 0.5, \"subs_per_100\": 70,\n"
        "              \"speed_mbps\": 40, \"data_centres\": 1}}\n"
        "]}\n";
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "batch.json", &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 2);
    ck_assert_uint_eq(count_diag(d, "missing-value"), 2);
    const dii_diagnostic *g;
    g = expect_diag(d, 0, "missing-value", DII_SEVERITY_WARNING, 2, 3, "/submissions/0/values",
                    NULL);
    expect_message_has(g, "'iot_deployed' (code 6)");
    g = expect_diag(d, 1, "missing-value", DII_SEVERITY_WARNING, 2, 3, "/submissions/0/values",
                    NULL);
    expect_message_has(g, "'other_score' (code 7)");
    dii_diagnostics_free(d);
}
END_TEST

/* Row 4 repeats fibre_share; the duplicate is reported at its indicator
 * cell (column 9), the other problems at their value cells. */
START_TEST(csv_duplicate_row_is_duplicate_value)
{
    static const char text[] =
        "unit_id,year,indicator,value\n"   /* 1 */
        "11,2022,fibre_share,50\n"         /* 2: value at column 21 */
        "11,2022,cloud_ratio,0.5\n"        /* 3 */
        "11,2022,fibre_share,60\n"         /* 4: indicator at column 9 */
        "11,2022,subs_per_100,\n"          /* 5: empty value at column 22 */
        "11,2022,speed_mbps,\"67,4\"\n"    /* 6: column 20 */
        "11,2022,iot_deployed,có\n";       /* 7 */
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "rows.csv", &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 2);
    const dii_diagnostic *g;
    g = expect_diag(d, find_diag(d, "duplicate-value"), "duplicate-value", DII_SEVERITY_ERROR,
                    4, 9, NULL, "give each indicator once");
    expect_message_has(g, "'fibre_share'");
    expect_message_has(g, "line 2");
    /* in input order: the two never mentioned (2:1) come before this one */
    g = expect_diag(d, nth_diag(d, "missing-value", 2), "missing-value", DII_SEVERITY_WARNING, 5,
                    22, NULL, NULL);
    expect_message_has(g, "'subs_per_100' is reported as missing");
    g = expect_diag(d, find_diag(d, "wrong-type"), "wrong-type", DII_SEVERITY_ERROR, 6, 20, NULL,
                    "write '.' as the decimal mark, or load the file with ';' as delimiter and "
                    "',' as decimal mark");
    expect_message_has(g, "'speed_mbps' needs a number, got '67,4'");
    /* data_centres and other_score are never mentioned: located at the
     * submission's first row, no pointer in CSV. */
    ck_assert_uint_eq(count_diag(d, "missing-value"), 3);
    g = expect_diag(d, nth_diag(d, "missing-value", 0), "missing-value", DII_SEVERITY_WARNING,
                    2, 1, NULL, NULL);
    expect_message_has(g, "'data_centres' (code 5)");
    g = expect_diag(d, nth_diag(d, "missing-value", 1), "missing-value", DII_SEVERITY_WARNING,
                    2, 1, NULL, NULL);
    expect_message_has(g, "'other_score' (code 7)");
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(csv_infinite_value_is_not_finite)
{
    static const char text[] =
        "unit_id,year,indicator,value\n"
        "11,2022,other_score,inf\n"        /* 2: value at column 21 */
        "11,2022,data_centres,NaN\n";      /* 3: value at column 22 */
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "inf.csv", &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 2);
    const dii_diagnostic *g;
    g = expect_diag(d, nth_diag(d, "not-finite", 0), "not-finite", DII_SEVERITY_ERROR, 2, 21,
                    NULL, NULL);
    expect_message_has(g, "value inf of indicator 'other_score' is not a finite number");
    g = expect_diag(d, nth_diag(d, "not-finite", 1), "not-finite", DII_SEVERITY_ERROR, 3, 22,
                    NULL, NULL);
    expect_message_has(g, "'data_centres'");
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(same_unit_and_year_twice_is_duplicate_submission)
{
    static const char text[] =
        "{\"format\": \"dii-submissions/1\", \"submissions\": [\n" /* 1 */
        " {\"unit\": {\"id\": \"11\"}, \"year\": 2022, \"values\": {}},\n" /* 2 */
        " {\"unit\": {\"id\": \"12\"}, \"year\": 2022, \"values\": {}},\n" /* 3 */
        " {\"unit\": {\"id\": \"11\"}, \"year\": 2023, \"values\": {}},\n" /* 4 */
        " {\"unit\": {\"id\": \"11\"}, \"year\": 2022, \"values\": {}},\n" /* 5: column 2 */
        " {\"unit\": {\"id\": \"11\"}, \"year\": 2022, \"values\": {}}\n"  /* 6: column 2 */
        "]}\n";
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "twice.json", &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 2);
    ck_assert_uint_eq(count_diag(d, "duplicate-submission"), 2);
    const dii_diagnostic *g;
    g = expect_diag(d, nth_diag(d, "duplicate-submission", 0), "duplicate-submission",
                    DII_SEVERITY_ERROR, 5, 2, "/submissions/3",
                    "keep one submission per unit and year");
    expect_message_has(g, "unit '11' year 2022");
    expect_message_has(g, "line 2");
    /* The third one also names the first, not the second. */
    g = expect_diag(d, nth_diag(d, "duplicate-submission", 1), "duplicate-submission",
                    DII_SEVERITY_ERROR, 6, 2, "/submissions/4",
                    "keep one submission per unit and year");
    expect_message_has(g, "line 2");
    /* Every empty submission misses all seven indicators: one warning each. */
    ck_assert_uint_eq(count_diag(d, "missing-value"), 5);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(years_outside_the_framework_warn)
{
    static const char text[] =
        "{\"format\": \"dii-submissions/1\", \"submissions\": [\n"         /* 1 */
        " {\"unit\": {\"id\": \"01\"}, \"year\": 2019, \"values\": {}},\n" /* 2: year at col 33 */
        " {\"unit\": {\"id\": \"01\"}, \"year\": 2020, \"values\": {}},\n" /* 3 */
        " {\"unit\": {\"id\": \"01\"}, \"year\": 2030, \"values\": {}},\n" /* 4 */
        " {\"unit\": {\"id\": \"01\"}, \"year\": 2031, \"values\": {}}\n"  /* 5: col 33 */
        "]}\n";
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(text, "years.json", &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 0);
    ck_assert_uint_eq(count_diag(d, "year-out-of-range"), 2);
    const char *hint = "check the year; outside the framework's years the nearest "
                       "milestone's targets apply";
    const dii_diagnostic *g;
    g = expect_diag(d, nth_diag(d, "year-out-of-range", 0), "year-out-of-range",
                    DII_SEVERITY_WARNING, 2, 33, "/submissions/0/year", hint);
    expect_message_has(g, "year 2019 ");
    g = expect_diag(d, nth_diag(d, "year-out-of-range", 1), "year-out-of-range",
                    DII_SEVERITY_WARNING, 5, 33, "/submissions/3/year", hint);
    expect_message_has(g, "year 2031 ");
    dii_diagnostics_free(d);
}
END_TEST

/* Shape problems the parser found come first, so one list has everything. */
START_TEST(load_diagnostics_are_repeated)
{
    static const char text[] =
        "{\"format\": \"dii-submission/1\", \"unit\": {\"id\": \"11\"}, \"year\": \"2022\",\n"
        " \"colour\": \"blue\", \"values\": {\"fibre_shar\": 1}}\n";
    dii_framework *fw = load_framework();
    dii_submissions *subs = NULL;
    dii_diagnostics *load = NULL, *d = NULL;
    ck_assert_int_eq(
        dii_submissions_load_memory(text, strlen(text), "shape.json", NULL, &subs, &load),
        DII_OK);
    size_t n_load = dii_diagnostics_count(load);
    ck_assert_uint_gt(n_load, 0);
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    /* every one of the loader's findings is in the list, at its place */
    for (size_t i = 0; i < n_load; i++) {
        const dii_diagnostic *g = dii_diagnostics_get(load, i);
        expect_diag_at(d, dii_diagnostic_code(g), dii_diagnostic_line(g),
                       dii_diagnostic_column(g));
    }
    /* The year is not valid, so no year-dependent check runs ... */
    ck_assert_int_eq(find_diag(d, "year-out-of-range"), -1);
    /* ... but the values are still checked. */
    ck_assert_int_ge(find_diag(d, "unknown-indicator"), 0);
    dii_diagnostics_free(load);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Input order (dii.h: dii_diagnostics_get is in input order)                */
/* ------------------------------------------------------------------------ */

/* Validation checks a submission's year before its values and its missing
 * indicators (reported at the submission's start, 1:1) after them; the
 * loader's "unknown-field" warning on the last line came first in the list
 * too. Positions counted by hand from the text. */
static const char OUT_OF_ORDER[] =
    "{\"unit\": {\"id\": \"11\"},\n"   /* 1: missing values at 1:1 */
    " \"values\": {\n"                    /* 2 */
    "  \"fibre_share\": 500,\n"           /* 3: out-of-range at 3:18 */
    "  \"cloud_rati\": 0.5},\n"           /* 4: unknown-indicator at 4:3 */
    " \"year\": 2019,\n"                  /* 5: year-out-of-range at 5:10 */
    " \"colour\": \"blue\"}\n";           /* 6: unknown-field (loader) at 6:2 */

/* Within a file: line, then column; line 0 (no place) last. */
static void expect_input_order(const dii_diagnostics *d)
{
    for (size_t i = 1; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *a = dii_diagnostics_get(d, i - 1), *b = dii_diagnostics_get(d, i);
        if (strcmp(dii_diagnostic_file(a), dii_diagnostic_file(b)) != 0)
            continue;
        unsigned long la = dii_diagnostic_line(a), lb = dii_diagnostic_line(b);
        la = la ? la : (unsigned long)-1;
        lb = lb ? lb : (unsigned long)-1;
        ck_assert_msg(la < lb || (la == lb && dii_diagnostic_column(a) <=
                                                 dii_diagnostic_column(b)),
                      "diagnostic %zu (%s at %lu:%lu) before %s at %lu:%lu", i - 1,
                      dii_diagnostic_code(a), dii_diagnostic_line(a), dii_diagnostic_column(a),
                      dii_diagnostic_code(b), dii_diagnostic_line(b), dii_diagnostic_column(b));
    }
}

static void expect_out_of_order_sorted(const dii_diagnostics *d)
{
    /* cloud_ratio (misspelt), subs_per_100, speed_mbps, data_centres,
     * iot_deployed, other_score: six missing, at the submission's start */
    ck_assert_uint_eq(dii_diagnostics_count(d), 6 + 4);
    for (long i = 0; i < 6; i++)
        expect_diag(d, i, "missing-value", DII_SEVERITY_WARNING, 1, 1, "/values", NULL);
    expect_diag(d, 6, "out-of-range", DII_SEVERITY_ERROR, 3, 18, "/values/fibre_share", NULL);
    expect_str("code 7", dii_diagnostic_code(dii_diagnostics_get(d, 7)), "unknown-indicator");
    ck_assert_uint_eq(dii_diagnostic_line(dii_diagnostics_get(d, 7)), 4);
    expect_diag(d, 8, "year-out-of-range", DII_SEVERITY_WARNING, 5, 10, "/year",
                dii_diagnostic_hint(dii_diagnostics_get(d, 8)));
    expect_str("code 9", dii_diagnostic_code(dii_diagnostics_get(d, 9)), "unknown-field");
    ck_assert_uint_eq(dii_diagnostic_line(dii_diagnostics_get(d, 9)), 6);
    /* in the missing-values, the framework's order is kept (a stable sort) */
    expect_message_has(dii_diagnostics_get(d, 0), "'cloud_ratio'");
    expect_message_has(dii_diagnostics_get(d, 5), "'other_score'");
    expect_input_order(d);
}

START_TEST(validate_lists_in_input_order)
{
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text(OUT_OF_ORDER, "order.json", &d), DII_ERR_VALIDATION);
    expect_out_of_order_sorted(d);
    dii_diagnostics_free(d);
}
END_TEST

/* dii_score hands out the same list, in the same order. */
START_TEST(score_lists_in_input_order)
{
    dii_framework *fw = load_framework();
    dii_submissions *subs = load_submissions(OUT_OF_ORDER, "order.json");
    dii_results *res = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_score(fw, subs, NULL, &res, &d), DII_ERR_VALIDATION);
    ck_assert_ptr_null(res);
    expect_out_of_order_sorted(d);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* Merged inputs: file by file in the merge order (b before a, not by name),
 * each in input order; the cap's summary stays last. */
/* Merge order, not the order the list was built in: the loader's findings
 * come first in validation's list, so a.json's unknown field (a.json merged
 * second) is the first item found, yet b.json's problem is listed first.
 * Before 1.2's merge-order rule the files ranked by their first item found,
 * a.json first. */
START_TEST(merged_inputs_ranked_by_merge_order_not_first_found)
{
    dii_framework *fw = load_framework();
    static const char first[] = "{\"unit\": {\"id\": \"11\"}, \"year\": 2022,\n"
                                " \"values\": {\"fibre_share\": 500}}\n";
    static const char second[] = "{\"unit\": {\"id\": \"12\"}, \"year\": 2022, \"values\": {},\n"
                                 " \"colour\": 1}\n";
    dii_submissions *parts[2] = {load_submissions(first, "b.json"),
                                 load_submissions(second, "a.json")};
    dii_submissions *all = NULL;
    ck_assert_int_eq(dii_submissions_merge((const dii_submissions *const *)parts, 2, &all),
                     DII_OK);
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_validate(fw, all, &d), DII_ERR_VALIDATION);
    size_t n = dii_diagnostics_count(d), last_b = 0, first_a = n;
    for (size_t i = 0; i < n; i++) {
        const char *file = dii_diagnostic_file(dii_diagnostics_get(d, i));
        if (strcmp(file, "b.json") == 0)
            last_b = i;
        else if (first_a == n)
            first_a = i;
    }
    ck_assert_uint_lt(first_a, n);
    ck_assert_uint_lt(last_b, first_a);
    expect_str("a.json's loader finding", dii_diagnostic_code(dii_diagnostics_get(d, n - 1)),
               "unknown-field");
    expect_input_order(d);
    dii_diagnostics_free(d);
    dii_submissions_free(all);
    dii_submissions_free(parts[0]);
    dii_submissions_free(parts[1]);
    dii_framework_free(fw);
}
END_TEST

START_TEST(merged_inputs_in_merge_order_summary_last)
{
    dii_framework *fw = load_framework();
    /* another unit in a.json, so that no submission repeats one of b.json */
    char other_unit[sizeof OUT_OF_ORDER];
    strcpy(other_unit, OUT_OF_ORDER);
    other_unit[strlen("{\"unit\": {\"id\": \"1")] = '2';
    dii_submissions *parts[2] = {load_submissions(OUT_OF_ORDER, "b.json"),
                                 load_submissions(other_unit, "a.json")};
    dii_submissions *all = NULL;
    ck_assert_int_eq(dii_submissions_merge((const dii_submissions *const *)parts, 2, &all),
                     DII_OK);
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_validate(fw, all, &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_count(d), 20);
    for (size_t i = 0; i < 20; i++)
        expect_str("file", dii_diagnostic_file(dii_diagnostics_get(d, i)),
                   i < 10 ? "b.json" : "a.json");
    expect_input_order(d);
    dii_diagnostics_free(d);
    /* capped at 7: the 7 kept are sorted, the summary is the 8th and last */
    dii_validate_options o = DII_VALIDATE_OPTIONS_INIT;
    o.max_diagnostics = 7;
    ck_assert_int_eq(dii_validate_with(fw, all, &o, &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_count(d), 8);
    expect_str("summary last", dii_diagnostic_code(dii_diagnostics_get(d, 7)),
               "too-many-diagnostics");
    for (size_t i = 1; i < 7; i++) {
        const dii_diagnostic *a = dii_diagnostics_get(d, i - 1), *b = dii_diagnostics_get(d, i);
        int same_file = strcmp(dii_diagnostic_file(a), dii_diagnostic_file(b)) == 0;
        ck_assert(!same_file || dii_diagnostic_line(a) <= dii_diagnostic_line(b));
        ck_assert(same_file || strcmp(dii_diagnostic_file(a), "b.json") == 0);
    }
    dii_diagnostics_free(d);
    dii_submissions_free(all);
    dii_submissions_free(parts[0]);
    dii_submissions_free(parts[1]);
    dii_framework_free(fw);
}
END_TEST

START_TEST(null_arguments_are_rejected)
{
    dii_framework *fw = load_framework();
    dii_submissions *subs = load_submissions("{\"unit\": {\"id\": \"1\"}, \"year\": 2022, "
                                             "\"values\": {}}", "x.json");
    dii_diagnostics *d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_validate(NULL, subs, &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    ck_assert_str_ne(dii_last_error(), "");
    d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_validate(fw, NULL, &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(dii_validate(fw, subs, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* The seed's 2022 actuals (the "baseline" of every indicator of the
 * built-in framework) form a complete, valid submission. */
START_TEST(builtin_dien_bien_2022_actuals_are_valid)
{
    static const char text[] =
        "{\"format\": \"dii-submission/1\", \"framework\": \"dien-bien-4734-2023\",\n"
        " \"unit\": {\"id\": \"11\", \"name\": \"Điện Biên\"}, \"year\": 2022,\n"
        " \"values\": {\n"
        "  \"mobile_broadband_subscriptions_per_100\": 67.4,\n"
        "  \"smartphone_subscription_share\": 75.2,\n"
        "  \"adult_smartphone_ownership\": 63,\n"
        "  \"mobile_broadband_speed_mbps\": 37.7,\n"
        "  \"village_mobile_broadband_coverage\": 94.8,\n"
        "  \"urban_5g_coverage\": 0,\n"
        "  \"bts_site_sharing\": 10.8,\n"
        "  \"cable_pole_sharing\": 43,\n"
        "  \"cable_duct_sharing\": 6,\n"
        "  \"agencies_on_dedicated_data_network\": 100,\n"
        "  \"fixed_broadband_subscriptions_per_100\": 9,\n"
        "  \"household_fibre_internet_access\": 42,\n"
        "  \"fixed_broadband_speed_mbps\": 100,\n"
        "  \"village_ftth_coverage\": 88.1,\n"
        "  \"outside_plant_undergrounding\": 21,\n"
        "  \"public_area_free_wifi_coverage\": 85,\n"
        "  \"provincial_cloud_data_centres\": 1,\n"
        "  \"provincial_shared_systems_on_cloud\": 100,\n"
        "  \"population_cloud_accounts\": 40,\n"
        "  \"adult_payment_accounts\": 42,\n"
        "  \"ai_blockchain_iot_deployed\": true,\n"
        "  \"state_bodies_using_infrastructure_platforms\": 100,\n"
        "  \"enterprises_using_infrastructure_platforms\": 100\n"
        " }}\n";
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    ck_assert_uint_eq(dii_framework_indicator_count(fw), 23);
    dii_submissions *subs = load_submissions(text, "dien-bien-2022.json");
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_OK);
    if (dii_diagnostics_count(d) > 0)
        ck_abort_msg("unexpected %s: %s", dii_diagnostic_code(dii_diagnostics_get(d, 0)),
                     dii_diagnostic_message(dii_diagnostics_get(d, 0)));
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failure: every failing allocation leaves nothing behind        */
/* ------------------------------------------------------------------------ */

static long allocations_left = -1; /* -1: never fail */

static int allowed(void)
{
    if (allocations_left < 0)
        return 1;
    if (allocations_left == 0)
        return 0;
    allocations_left--;
    return 1;
}

static void *counting_malloc(size_t size, void *user)
{
    (void)user;
    return allowed() ? malloc(size) : NULL;
}

static void *counting_realloc(void *ptr, size_t size, void *user)
{
    (void)user;
    return allowed() ? realloc(ptr, size) : NULL;
}

static void counting_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

START_TEST(allocation_failures_leak_nothing)
{
    /* The allocator may only be set before first use; without CK_FORK
     * earlier tests have used the library already in this process. */
    if (dii_set_allocator(counting_malloc, counting_realloc, counting_free, NULL) != DII_OK)
        return;
    dii_framework *fw = load_framework();
    dii_submissions *subs = load_submissions(MANY_PROBLEMS, "many.json");
    dii_status st = DII_ERR_NO_MEMORY;
    long failures = 0;
    for (long budget = 0; st == DII_ERR_NO_MEMORY && budget < 10000; budget++) {
        dii_diagnostics *d = (dii_diagnostics *)&d;
        allocations_left = budget;
        st = dii_validate(fw, subs, &d);
        allocations_left = -1;
        if (st == DII_ERR_NO_MEMORY) {
            failures++;
            ck_assert_ptr_null(d);
            ck_assert_str_eq(dii_last_error(), "out of memory");
        } else {
            dii_diagnostics_free(d);
        }
    }
    ck_assert_int_eq(st, DII_ERR_VALIDATION);
    /* Each of the 11 diagnostics allocates, so many budgets must fail. */
    ck_assert_int_gt(failures, 11);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    dii_set_allocator(NULL, NULL, NULL, NULL);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Internal helpers                                                          */
/* ------------------------------------------------------------------------ */

START_TEST(suggestions)
{
    static const char *const ids[] = {"cable_pole_sharing", "cable_duct_sharing",
                                      "bts_site_sharing", "urban_5g_coverage",
                                      "population_cloud_accounts"};
    const char *best = NULL;
    ck_assert_int_eq(dii_suggest_among("bts_site_sharng", ids, 5, &best), DII_OK);
    ck_assert_str_eq(best, "bts_site_sharing");
    /* Case is ignored. */
    ck_assert_int_eq(dii_suggest_among("URBAN_5G_Coverage", ids, 5, &best), DII_OK);
    ck_assert_str_eq(best, "urban_5g_coverage");
    /* Equally close to two: no guess. */
    ck_assert_int_eq(dii_suggest_among("cable_xxxx_sharing", ids, 5, &best), DII_OK);
    ck_assert_ptr_null(best);
    /* Too far for the distance rule, but the prefix of exactly one. */
    ck_assert_int_eq(dii_suggest_among("population", ids, 5, &best), DII_OK);
    ck_assert_str_eq(best, "population_cloud_accounts");
    /* A suffix of two: no guess. */
    ck_assert_int_eq(dii_suggest_among("sharing", ids, 5, &best), DII_OK);
    ck_assert_ptr_null(best);
    ck_assert_int_eq(dii_suggest_among("5g", ids, 5, &best), DII_OK);
    ck_assert_ptr_null(best);
    ck_assert_int_eq(dii_suggest_among("x", ids, 0, &best), DII_OK);
    ck_assert_ptr_null(best);
    /* Limit is max(2, len / 3): 12 letters allow 4 edits, not 5. */
    ck_assert_int_eq(dii_suggest_among("abcdefghijkl", (const char *const[]){"abcdefghWXYZ"}, 1,
                                       &best), DII_OK);
    ck_assert_str_eq(best, "abcdefghWXYZ");
    ck_assert_int_eq(dii_suggest_among("abcdefghijkl", (const char *const[]){"abcdefgVWXYZ"}, 1,
                                       &best), DII_OK);
    ck_assert_ptr_null(best);
    ck_assert_uint_eq(dii_edit_distance("kitten", "sitting"), 3);
    ck_assert_uint_eq(dii_edit_distance("", "abc"), 3);
    ck_assert_uint_eq(dii_edit_distance("abc", ""), 3);
}
END_TEST

START_TEST(unit_ranges)
{
    const char *range = NULL;
    ck_assert(dii_unit_accepts(DII_UNIT_PERCENT, 0, &range));
    ck_assert(dii_unit_accepts(DII_UNIT_PERCENT, 100, &range));
    ck_assert(!dii_unit_accepts(DII_UNIT_PERCENT, 100.5, &range));
    ck_assert(!dii_unit_accepts(DII_UNIT_PERCENT, -0.1, &range));
    ck_assert_str_eq(range, "0 to 100");
    ck_assert(dii_unit_accepts(DII_UNIT_RATIO, 1, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_RATIO, 1.01, NULL));
    ck_assert(dii_unit_accepts(DII_UNIT_COUNT, 0, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_COUNT, -1, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_MBPS, -1, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_PER_100_PEOPLE, -1, NULL));
    ck_assert(dii_unit_accepts(DII_UNIT_PER_100_PEOPLE, 250, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_MBPS, INFINITY, NULL));
    ck_assert(dii_unit_accepts(DII_UNIT_OTHER, -1e9, &range));
    ck_assert_str_eq(range, "any finite number");
    ck_assert(!dii_unit_accepts(DII_UNIT_OTHER, NAN, NULL));
    ck_assert(dii_unit_accepts(DII_UNIT_BOOLEAN, 1, NULL));
    ck_assert(!dii_unit_accepts(DII_UNIT_BOOLEAN, 2, NULL));
}
END_TEST

/* Found in review: a JSON string "67,4" gets the decimal-comma hint as a
 * CSV cell does; a year no framework can have is an error. */
START_TEST(review_regressions)
{
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(validate_text("{\"unit\": {\"id\": \"a\"}, \"year\": 21899,"
                                   " \"values\": {\"speed_mbps\": \"67,4\"}}", "r.json", &d),
                     DII_ERR_VALIDATION);
    long i = find_diag(d, "wrong-type");
    ck_assert_int_ge(i, 0);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_hint(dii_diagnostics_get(d, (size_t)i)),
                                 "decimal mark"));
    i = find_diag(d, "out-of-range");
    ck_assert_int_ge(i, 0);
    const dii_diagnostic *g = dii_diagnostics_get(d, (size_t)i);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "21899"));
    ck_assert_str_eq(dii_diagnostic_pointer(g), "/year");
    ck_assert_int_eq(find_diag(d, "year-out-of-range"), -1);
    dii_diagnostics_free(d);
    /* A runaway 1 000-byte key gets no (quadratic) suggestion. */
    char text[1200] = "{\"unit\": {\"id\": \"a\"}, \"year\": 2025, \"values\": {\"";
    size_t n = strlen(text);
    memset(text + n, 'x', 1000);
    strcpy(text + n + 1000, "\": 1}}");
    ck_assert_int_eq(validate_text(text, "long.json", &d), DII_ERR_VALIDATION);
    i = find_diag(d, "unknown-indicator");
    ck_assert_ptr_null(dii_diagnostic_hint(dii_diagnostics_get(d, (size_t)i)));
    dii_diagnostics_free(d);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *api = tcase_create("api");
    tcase_add_test(api, clean_submission_is_valid);
    tcase_add_test(api, every_problem_of_a_submission_is_reported);
    tcase_add_test(api, unmentioned_indicators_are_missing_in_json);
    tcase_add_test(api, csv_duplicate_row_is_duplicate_value);
    tcase_add_test(api, csv_infinite_value_is_not_finite);
    tcase_add_test(api, same_unit_and_year_twice_is_duplicate_submission);
    tcase_add_test(api, years_outside_the_framework_warn);
    tcase_add_test(api, load_diagnostics_are_repeated);
    tcase_add_test(api, validate_lists_in_input_order);
    tcase_add_test(api, score_lists_in_input_order);
    tcase_add_test(api, merged_inputs_in_merge_order_summary_last);
    tcase_add_test(api, merged_inputs_ranked_by_merge_order_not_first_found);
    tcase_add_test(api, null_arguments_are_rejected);
    tcase_add_test(api, builtin_dien_bien_2022_actuals_are_valid);
    tcase_add_test(api, allocation_failures_leak_nothing);
    tcase_add_test(api, review_regressions);
    suite_add_tcase(s, api);
    TCase *internal = tcase_create("internal");
    tcase_add_test(internal, suggestions);
    tcase_add_test(internal, unit_ranges);
    suite_add_tcase(s, internal);
    return s;
}
