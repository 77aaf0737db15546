/* Scoring end to end through the public API. Expected figures are worked out
 * by hand from the seed's appendix (Điện Biên 4734/KH-UBND) or from the
 * formulas of design.md §5.1, as each comment shows; none was copied from the
 * program's output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "failalloc.h"
#include "testutil.h"

#ifndef DII_EXAMPLES_DIR
#define DII_EXAMPLES_DIR "examples"
#endif

static dii_framework *builtin(const char *id)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin(id, &fw), DII_OK);
    return fw;
}

static dii_submissions *parse(const char *text, const char *name)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), name, NULL, &subs, &d);
    ck_assert_msg(st == DII_OK, "load failed: %s", dii_last_error());
    dii_diagnostics_free(d);
    return subs;
}

static dii_results *score(const dii_framework *fw, const dii_submissions *subs, int year)
{
    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = year;
    dii_results *res = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_score(fw, subs, &opts, &res, &d);
    ck_assert_msg(st == DII_OK, "score failed: %s (%s)", dii_last_error(),
                  d && dii_diagnostics_count(d)
                      ? dii_diagnostic_message(dii_diagnostics_get(d, 0)) : "");
    dii_diagnostics_free(d);
    return res;
}

static size_t indicator_by_code(const dii_framework *fw, const char *code)
{
    const dii_indicator *ind = dii_framework_find_indicator_by_code(fw, code);
    ck_assert_ptr_nonnull(ind);
    return dii_indicator_index(ind);
}

/* The 2022 actuals against the 2023 targets. Per row, value / target
 * clamped to 1 (hand-computed from the appendix, columns 3 and 4):
 *  1 67.4/72   = 0.936111   2 75.2/77  = 0.976623   3 63/67   = 0.940299
 *  4 37.7/42   = 0.897619   5 94.8/96  = 0.9875     6 0 >= 0  → 1 (met)
 *  7 10.8/11   = 0.981818   8 43/45    = 0.955556   9 6/7     = 0.857143
 * 10 100/100   = 1 (met)   11 9/10     = 0.9       12 42/48   = 0.875
 * 13 100/100   = 1 (met)   14 88.1/88.5= 0.995480  15 21/24   = 0.875
 * 16 85/90     = 0.944444  17 1/1      = 1 (met)   18 100/100 = 1 (met)
 * 19 40/50     = 0.8       20 42/45    = 0.933333  21 Có      → 1 (met)
 * 22 100/100   = 1 (met)   23 100/100  = 1 (met)
 * Sum = 21.855927 of 23 points; index = 21.855927 / 23 = 0.950258. */
START_TEST(dien_bien_2022_against_2023)
{
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_file(DII_EXAMPLES_DIR "/data/dien-bien-2022.json",
                                               NULL, &subs, NULL), DII_OK);
    dii_results *res = score(fw, subs, 2023);
    ck_assert_uint_eq(dii_results_count(res), 1);
    const dii_result *r = dii_results_get(res, 0);
    ck_assert_str_eq(dii_result_unit_id(r), "11");
    ck_assert_str_eq(dii_result_unit_name(r), "Điện Biên");
    ck_assert_int_eq(dii_result_year(r), 2022);
    ck_assert_int_eq(dii_result_target_year(r), 2023);
    double expected = 67.4 / 72 + 75.2 / 77 + 63.0 / 67 + 37.7 / 42 + 94.8 / 96 + 1 +
                      10.8 / 11 + 43.0 / 45 + 6.0 / 7 + 1 + 9.0 / 10 + 42.0 / 48 + 1 +
                      88.1 / 88.5 + 21.0 / 24 + 85.0 / 90 + 1 + 1 + 40.0 / 50 + 42.0 / 45 + 1 +
                      1 + 1;
    ck_assert_double_eq_tol(dii_result_points(r), expected, 1e-9);
    ck_assert_double_eq_tol(dii_result_points(r), 21.8559266, 1e-6);
    ck_assert_double_eq(dii_result_max_points(r), 23);
    ck_assert_double_eq_tol(dii_result_index(r), 0.9502577, 1e-6);
    ck_assert_int_eq(dii_result_rank(r), 1);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MET), 8);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NOT_MET), 15);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET), 0);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MISSING), 0);
    /* Exactly rows 6, 10, 13, 17, 18, 21, 22, 23 are met (domain.md §1.2). */
    const char *met[] = {"6", "10", "13", "17", "18", "21", "22", "23"};
    for (int row = 1; row <= 23; row++) {
        char code[4];
        snprintf(code, sizeof code, "%d", row);
        int should = 0;
        for (size_t i = 0; i < 8; i++)
            should |= strcmp(met[i], code) == 0;
        size_t k = indicator_by_code(fw, code);
        dii_compliance want = should ? DII_COMPLIANCE_MET : DII_COMPLIANCE_NOT_MET;
        ck_assert_msg(dii_result_indicator_compliance(r, k) == want, "row %d", row);
    }
    /* Row 1: target 72 (exact), gap 72 - 67.4 = 4.6, no progress in the
     * baseline year itself. */
    size_t k1 = indicator_by_code(fw, "1");
    int ty = 0;
    dii_op op = DII_OP_EQ;
    double tv = 0, gap = 0, progress = 0;
    dii_target_basis basis = DII_BASIS_NEAREST;
    ck_assert_int_eq(dii_result_indicator_target(r, k1, &ty, &op, &tv, &basis), 1);
    ck_assert_int_eq(ty, 2023);
    ck_assert_int_eq(op, DII_OP_GE);
    ck_assert_double_eq(tv, 72);
    ck_assert_int_eq(basis, DII_BASIS_EXACT);
    ck_assert_int_eq(dii_result_indicator_gap(r, k1, &gap), 1);
    ck_assert_double_eq_tol(gap, 4.6, 1e-12);
    ck_assert_int_eq(dii_result_indicator_progress(r, k1, &progress), 0);
    ck_assert_double_eq_tol(dii_result_indicator_attainment(r, k1), 67.4 / 72, 1e-15);
    /* Row 21 is boolean: no gap. */
    ck_assert_int_eq(dii_result_indicator_gap(r, indicator_by_code(fw, "21"), &gap), 0);
    /* Groups: I = rows 1–16, 16 points. */
    ck_assert_uint_eq(dii_result_group_count(r), 4);
    ck_assert_str_eq(dii_result_group_id(r, 0), "I");
    ck_assert_double_eq(dii_result_group_max_points(r, 0), 16);
    /* Every row comes from the appendix: nothing provisional, no warning. */
    ck_assert_int_eq(dii_result_indicator_provisional(r, indicator_by_code(fw, "23")), 0);
    ck_assert_uint_eq(dii_results_warning_count(res), 0);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* A 2025 submission with only row 12 (household fibre, target "> 60"). */
static dii_compliance row12_status(double value)
{
    char text[256];
    snprintf(text, sizeof text,
             "{\"unit\": {\"id\": \"11\"}, \"year\": 2025, "
             "\"values\": {\"household_fibre_internet_access\": %.17g}}", value);
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = parse(text, "row12.json");
    dii_results *res = score(fw, subs, 0); /* 0: against its own year, 2025 */
    const dii_result *r = dii_results_get(res, 0);
    ck_assert_int_eq(dii_result_target_year(r), 2025);
    dii_compliance c = dii_result_indicator_compliance(r, indicator_by_code(fw, "12"));
    /* The 22 other indicators are missing and score 0 (policy "zero"). */
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MISSING), 22);
    ck_assert_double_eq(dii_result_max_points(r), 23);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    return c;
}

START_TEST(strict_target_row12)
{
    ck_assert_int_eq(row12_status(60), DII_COMPLIANCE_NOT_MET);
    ck_assert_int_eq(row12_status(60.5), DII_COMPLIANCE_MET);
}
END_TEST

/* Progress and interpolation: row 1 in 2027, value 90. Target 88
 * (interpolated, see test_target), progress (90 - 67.4) / (88 - 67.4)
 * = 22.6 / 20.6 = 1.0970874; gap 88 - 90 = -2. */
START_TEST(interpolated_target_and_progress)
{
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = parse("{\"unit\": {\"id\": \"11\"}, \"year\": 2027, \"values\": "
                                  "{\"mobile_broadband_subscriptions_per_100\": 90}}", "p.json");
    dii_results *res = score(fw, subs, 0);
    const dii_result *r = dii_results_get(res, 0);
    size_t k = indicator_by_code(fw, "1");
    double tv = 0, progress = 0, gap = 0;
    dii_target_basis basis = DII_BASIS_EXACT;
    ck_assert_int_eq(dii_result_indicator_target(r, k, NULL, NULL, &tv, &basis), 1);
    ck_assert_double_eq_tol(tv, 88, 1e-12);
    ck_assert_int_eq(basis, DII_BASIS_INTERPOLATED);
    ck_assert_int_eq(dii_result_indicator_progress(r, k, &progress), 1);
    ck_assert_double_eq_tol(progress, 22.6 / 20.6, 1e-12);
    ck_assert_int_eq(dii_result_indicator_gap(r, k, &gap), 1);
    ck_assert_double_eq_tol(gap, -2, 1e-12);
    ck_assert_int_eq(dii_result_indicator_compliance(r, k), DII_COMPLIANCE_MET);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* One indicator, linear 0..100, 1 point: the index is value / 100. */
static const char *LINEAR_FW =
    "{\"format\": \"dii-framework/1\", \"id\": \"lin\", \"title\": {\"en\": \"L\"},"
    " \"status\": \"official\", \"groups\": [{\"id\": \"G\", \"name\": {\"en\": \"G\"}}],"
    " \"indicators\": [{\"id\": \"x\", \"group\": \"G\", \"name\": {\"en\": \"X\"},"
    " \"unit\": \"other\", \"direction\": \"higher\", \"points\": 1,"
    " \"scoring\": {\"method\": \"linear\", \"min\": 0, \"max\": 100}}]}";

static dii_framework *load_fw(const char *text)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), NULL, &fw, NULL), DII_OK);
    return fw;
}

/* Issue 9: the extremes of what validation lets through (any finite value)
 * never make a result number non-finite. "r": value 1e308 against a target
 * of 1e-300 from a baseline of 0 — the ratio clamps to 1, but progress
 * (value - 0) / (1e-300 - 0) would be inf: it is absent. "m": the cohort
 * spans ±1.5e308, whose width overflows a double: the best still earns 1,
 * the worst 0 (1.1 gave NaN, clamped to 0, for both). */
static const char *EXTREME_FW =
    "{\"format\": \"dii-framework/1\", \"id\": \"x\", \"title\": {\"en\": \"X\"},"
    " \"status\": \"official\", \"groups\": [{\"id\": \"G\", \"name\": {\"en\": \"G\"}}],"
    " \"indicators\": [{\"id\": \"r\", \"group\": \"G\", \"name\": {\"en\": \"R\"},"
    " \"unit\": \"other\", \"direction\": \"higher\", \"points\": 1,"
    " \"scoring\": {\"method\": \"target_ratio\"}, \"baseline\": {\"year\": 2020, \"value\": 0},"
    " \"targets\": [{\"year\": 2025, \"op\": \">=\", \"value\": 1e-300}]},"
    " {\"id\": \"m\", \"group\": \"G\", \"name\": {\"en\": \"M\"},"
    " \"unit\": \"other\", \"direction\": \"lower\", \"points\": 1,"
    " \"scoring\": {\"method\": \"min_max_cohort\"}}]}";

START_TEST(extreme_values_give_finite_results)
{
    dii_framework *fw = load_fw(EXTREME_FW);
    dii_submissions *subs = parse("unit_id,year,indicator,value\n"
                                  "a,2025,r,1e308\na,2025,m,-1.5e308\n"
                                  "b,2025,r,-1e308\nb,2025,m,1.5e308\n", "x.csv");
    dii_results *res = score(fw, subs, 0);
    const dii_result *a = dii_results_get(res, 0), *b = dii_results_get(res, 1);
    double progress = 0, gap = 0;
    ck_assert_int_eq(dii_result_indicator_progress(a, 0, &progress), 0);
    ck_assert_int_eq(dii_result_indicator_progress(b, 0, &progress), 0);
    ck_assert_int_eq(dii_result_indicator_gap(a, 0, &gap), 1);
    ck_assert(isfinite(gap));
    ck_assert_double_eq(dii_result_indicator_attainment(a, 0), 1);
    ck_assert_double_eq(dii_result_indicator_attainment(b, 0), 0);
    ck_assert_double_eq(dii_result_indicator_attainment(a, 1), 1); /* lower is better */
    ck_assert_double_eq(dii_result_indicator_attainment(b, 1), 0);
    ck_assert_double_eq(dii_result_index(a), 1);
    /* The JSON is the schema instance tests/data/schema/valid/
     * result.extreme-values.json, which the schema suite checks against
     * result.schema.json (numbers where numbers are required). */
    char *json = NULL;
    ck_assert_int_eq(dii_results_to_json(res, &json, NULL), DII_OK);
    ck_assert_ptr_null(strstr(json, "inf"));
    ck_assert_ptr_null(strstr(json, "nan"));
    FILE *f = fopen(DII_TEST_DATA_DIR "/schema/valid/result.extreme-values.json", "rb");
    ck_assert_ptr_nonnull(f);
    char want[8192];
    size_t n = fread(want, 1, sizeof want - 1, f);
    want[n] = '\0';
    fclose(f);
    ck_assert_str_eq(json, want);
    dii_free(json);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(competition_ranking_with_ties)
{
    /* Indices 0.9, 0.80004, 0.80001, 0.7: at 4 decimals the middle two are
     * both 0.8000 → ranks 1, 2, 2, 4. */
    dii_framework *fw = load_fw(LINEAR_FW);
    dii_submissions *subs = parse("unit_id,year,indicator,value\n"
                                  "a,2025,x,90\nb,2025,x,80.004\nc,2025,x,80.001\nd,2025,x,70\n",
                                  "cohort.csv");
    dii_results *res = score(fw, subs, 0);
    int want[] = {1, 2, 2, 4};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(dii_result_rank(dii_results_get(res, i)), want[i]);
        ck_assert_uint_eq(dii_result_cohort_size(dii_results_get(res, i)), 4);
    }
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(cohort_of_34)
{
    /* Unit i (1..34) reports 2 x i: index 2i / 100, so unit 34 ranks 1st and
     * unit i ranks 35 - i. */
    char csv[4096] = "unit_id,unit_name,year,indicator,value\n";
    for (int i = 1; i <= 34; i++) {
        char row[64];
        snprintf(row, sizeof row, "p%02d,Province %d,2026,x,%d\n", i, i, 2 * i);
        strcat(csv, row);
    }
    dii_framework *fw = load_fw(LINEAR_FW);
    dii_submissions *subs = parse(csv, "34.csv");
    dii_results *res = score(fw, subs, 0);
    ck_assert_uint_eq(dii_results_count(res), 34);
    for (int i = 1; i <= 34; i++) {
        const dii_result *r = dii_results_get(res, (size_t)i - 1);
        ck_assert_int_eq(dii_result_rank(r), 35 - i);
        ck_assert_uint_eq(dii_result_cohort_size(r), 34);
        ck_assert_double_eq_tol(dii_result_index(r), 2.0 * i / 100, 1e-12);
    }
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(cohorts_split_by_target_year)
{
    /* Without --target-year each submission meets its own year's targets,
     * so 2024 and 2025 are two cohorts, each with a rank 1. */
    dii_framework *fw = load_fw(LINEAR_FW);
    dii_submissions *subs = parse("unit_id,year,indicator,value\n"
                                  "a,2024,x,10\nb,2024,x,20\na,2025,x,30\n", "y.csv");
    dii_results *res = score(fw, subs, 0);
    ck_assert_int_eq(dii_result_rank(dii_results_get(res, 0)), 2);
    ck_assert_int_eq(dii_result_rank(dii_results_get(res, 1)), 1);
    ck_assert_int_eq(dii_result_rank(dii_results_get(res, 2)), 1);
    ck_assert_uint_eq(dii_result_cohort_size(dii_results_get(res, 2)), 1);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* Two 1-point indicators; y is missing. "zero": 0.5 / 2 = 0.25.
 * "exclude": 0.5 / 1 = 0.5. */
static double index_with_policy(const char *policy)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"format\": \"dii-framework/1\", \"id\": \"m\", \"title\": {\"en\": \"M\"},"
             " \"status\": \"official\", \"missing\": \"%s\","
             " \"groups\": [{\"id\": \"G\", \"name\": {\"en\": \"G\"}}],"
             " \"indicators\": [{\"id\": \"x\", \"group\": \"G\", \"name\": {\"en\": \"X\"},"
             " \"unit\": \"percent\", \"direction\": \"higher\", \"points\": 1,"
             " \"scoring\": {\"method\": \"ratio\"}},"
             " {\"id\": \"y\", \"group\": \"G\", \"name\": {\"en\": \"Y\"},"
             " \"unit\": \"percent\", \"direction\": \"higher\", \"points\": 1,"
             " \"scoring\": {\"method\": \"ratio\"}}]}", policy);
    dii_framework *fw = load_fw(text);
    dii_submissions *subs = parse("{\"unit\": {\"id\": \"u\"}, \"year\": 2025,"
                                  " \"values\": {\"x\": 50, \"y\": null}}", "m.json");
    dii_results *res = score(fw, subs, 0);
    const dii_result *r = dii_results_get(res, 0);
    double index = dii_result_index(r);
    ck_assert_int_eq(dii_result_indicator_compliance(r, 1), DII_COMPLIANCE_MISSING);
    ck_assert_int_eq(dii_result_indicator_compliance(r, 0), DII_COMPLIANCE_NO_TARGET);
    ck_assert_int_eq(dii_result_indicator_value(r, 1, NULL), 0);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    return index;
}

START_TEST(missing_value_policies)
{
    ck_assert_double_eq_tol(index_with_policy("zero"), 0.25, 1e-15);
    ck_assert_double_eq_tol(index_with_policy("exclude"), 0.5, 1e-15);
}
END_TEST

START_TEST(invalid_input_is_not_scored)
{
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = parse("{\"unit\": {\"id\": \"11\"}, \"year\": 2023,"
                                  " \"values\": {\"mobile_broadbnd\": 1}}", "bad.json");
    dii_results *res = (dii_results *)1;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_score(fw, subs, NULL, &res, &d), DII_ERR_VALIDATION);
    ck_assert_ptr_null(res);
    ck_assert_int_ge(find_diag(d, "unknown-indicator"), 0);
    dii_diagnostics_free(d);
    ck_assert_int_eq(dii_score(NULL, subs, NULL, &res, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_score_options bad = DII_SCORE_OPTIONS_INIT;
    bad.version = 99;
    ck_assert_int_eq(dii_score(fw, subs, &bad, &res, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(provisional_framework_warns)
{
    dii_framework *fw = builtin("dii-885-2023");
    dii_submissions *subs = parse("{\"unit\": {\"id\": \"11\"}, \"year\": 2025, \"values\": {}}",
                                  "empty.json");
    dii_results *res = score(fw, subs, 0);
    ck_assert_uint_ge(dii_results_warning_count(res), 1);
    ck_assert_ptr_nonnull(strstr(dii_results_warning(res, 0), "provisional"));
    /* Nothing reported: every criterion missing, 0 of 300. */
    const dii_result *r = dii_results_get(res, 0);
    ck_assert_double_eq(dii_result_points(r), 0);
    ck_assert_double_eq(dii_result_max_points(r), 300);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(results_outlive_inputs)
{
    dii_framework *fw = load_fw(LINEAR_FW);
    dii_submissions *subs = parse("unit_id,year,indicator,value\na,2025,x,42\n", "o.csv");
    dii_results *res = score(fw, subs, 0);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    const dii_result *r = dii_results_get(res, 0);
    ck_assert_str_eq(dii_result_unit_id(r), "a");
    ck_assert_str_eq(dii_result_indicator_id(r, 0), "x");
    ck_assert_double_eq_tol(dii_result_index(r), 0.42, 1e-15);
    char *json = NULL;
    ck_assert_int_eq(dii_results_to_json(res, &json, NULL), DII_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"dii-result/1\""));
    dii_free(json);
    dii_results_free(res);
}
END_TEST

/* A cohort spread over two files ranks as one; a unit and year given in
 * both files is a duplicate reported in the second file. */
START_TEST(merged_inputs_form_one_cohort)
{
    dii_framework *fw = load_fw(LINEAR_FW);
    dii_submissions *a = parse("unit_id,year,indicator,value\na,2025,x,10\n", "a.csv");
    dii_submissions *b = parse("unit_id,year,indicator,value\nb,2025,x,20\n", "b.csv");
    const dii_submissions *parts[] = {a, b};
    dii_submissions *all = NULL;
    ck_assert_int_eq(dii_submissions_merge(parts, 2, &all), DII_OK);
    dii_submissions_free(a);
    dii_submissions_free(b);
    ck_assert_uint_eq(dii_submissions_count(all), 2);
    dii_results *res = score(fw, all, 0);
    ck_assert_int_eq(dii_result_rank(dii_results_get(res, 0)), 2);
    ck_assert_int_eq(dii_result_rank(dii_results_get(res, 1)), 1);
    dii_results_free(res);

    dii_submissions *c = parse("unit_id,year,indicator,value\na,2025,x,30\n", "c.csv");
    const dii_submissions *dup_parts[] = {all, c};
    dii_submissions *dup = NULL;
    ck_assert_int_eq(dii_submissions_merge(dup_parts, 2, &dup), DII_OK);
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_validate(fw, dup, &d), DII_ERR_VALIDATION);
    long i = find_diag(d, "duplicate-submission");
    ck_assert_int_ge(i, 0);
    ck_assert_str_eq(dii_diagnostic_file(dii_diagnostics_get(d, (size_t)i)), "c.csv");
    ck_assert_int_eq(dii_diagnostic_submission(dii_diagnostics_get(d, (size_t)i)), 2);
    dii_diagnostics_free(d);
    dii_submissions_free(dup);
    dii_submissions_free(c);
    dii_submissions_free(all);
    ck_assert_int_eq(dii_submissions_merge(NULL, 1, &dup), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_submissions_merge(NULL, 0, &dup), DII_OK);
    ck_assert_uint_eq(dii_submissions_count(dup), 0);
    dii_submissions_free(dup);
    dii_framework_free(fw);
}
END_TEST

/* Every allocation dii_score makes, failed in turn: each run ends either in
 * DII_ERR_NO_MEMORY with *out and *diags NULL and the message "out of
 * memory", or in success; ASan / valgrind check that no path leaks. */
/* The columns of dii_results_indicator_columns hold, cell for cell, what
 * the accessors say (NaN / -1 / 0 where they say "none"), checked on a
 * 34-province cohort of the provisional framework (provisional rows, yes/no
 * values) and on Điện Biên scored against 2027 (interpolated targets,
 * progress). */
typedef struct column_cases {
    size_t interpolated; /* rows whose target is interpolated */
    size_t provisional;  /* provisional rows */
} column_cases;

static column_cases expect_same_as_accessors(const dii_results *res)
{
    size_t n = dii_results_count(res);
    size_t k = dii_result_indicator_count(dii_results_get(res, 0));
    double *d[7];
    for (int c = 0; c < 7; c++)
        d[c] = calloc(n * k, sizeof(double));
    signed char *status = calloc(n * k, 1), *op = calloc(n * k, 1), *basis = calloc(n * k, 1);
    unsigned char *provisional = calloc(n * k, 1);
    int *year = calloc(n * k, sizeof(int));
    dii_indicator_columns cols = DII_INDICATOR_COLUMNS_INIT;
    cols.value = d[0];
    cols.points = d[1];
    cols.max_points = d[2];
    cols.attainment = d[3];
    cols.target_value = d[4];
    cols.gap = d[5];
    cols.progress = d[6];
    cols.status = status;
    cols.target_op = op;
    cols.target_basis = basis;
    cols.provisional = provisional;
    cols.target_year = year;
    ck_assert_int_eq(dii_results_fill_indicator_columns(res, &cols), DII_OK);
    column_cases seen = {0, 0};
    for (size_t r = 0; r < n; r++) {
        const dii_result *x = dii_results_get(res, r);
        for (size_t j = 0; j < k; j++) {
            size_t row = r * k + j;
            double v = 0, tv = 0, gap = 0, progress = 0;
            int ty = 0;
            dii_op o = DII_OP_GE;
            dii_target_basis b = DII_BASIS_EXACT;
            int has_v = dii_result_indicator_value(x, j, &v);
            int has_t = dii_result_indicator_target(x, j, &ty, &o, &tv, &b);
            int has_g = dii_result_indicator_gap(x, j, &gap);
            int has_p = dii_result_indicator_progress(x, j, &progress);
            ck_assert(has_v ? d[0][row] == v : isnan(d[0][row]));
            ck_assert_double_eq(d[1][row], dii_result_indicator_points(x, j));
            ck_assert_double_eq(d[2][row], dii_result_indicator_max_points(x, j));
            ck_assert_double_eq(d[3][row], dii_result_indicator_attainment(x, j));
            ck_assert(has_t ? d[4][row] == tv : isnan(d[4][row]));
            ck_assert(has_g ? d[5][row] == gap : isnan(d[5][row]));
            ck_assert(has_p ? d[6][row] == progress : isnan(d[6][row]));
            ck_assert_int_eq(status[row], dii_result_indicator_compliance(x, j));
            ck_assert_int_eq(op[row], has_t ? (int)o : -1);
            ck_assert_int_eq(basis[row], has_t ? (int)b : -1);
            ck_assert_int_eq(year[row], has_t ? ty : 0);
            ck_assert_int_eq(provisional[row], dii_result_indicator_provisional(x, j));
            seen.interpolated += has_t && b == DII_BASIS_INTERPOLATED;
            seen.provisional += provisional[row];
        }
    }
    for (int c = 0; c < 7; c++)
        free(d[c]);
    free(status);
    free(op);
    free(basis);
    free(provisional);
    free(year);
    return seen;
}

START_TEST(indicator_columns_match_the_accessors)
{
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_file(DII_EXAMPLES_DIR "/data/dien-bien-2022.json",
                                               NULL, &subs, NULL), DII_OK);
    dii_results *res = score(fw, subs, 2027);
    ck_assert_uint_gt(expect_same_as_accessors(res).interpolated, 0); /* 2025..2030 */
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);

    fw = builtin("dii-885-2023");
    dii_parse_options csv = DII_PARSE_OPTIONS_INIT;
    ck_assert_int_eq(dii_submissions_load_file(DII_EXAMPLES_DIR "/data/provinces-2025.csv",
                                               &csv, &subs, NULL), DII_OK);
    res = score(fw, subs, 0);
    ck_assert_uint_gt(expect_same_as_accessors(res).provisional, 0);

    /* NULL arrays are skipped; a bad version or NULL is the caller's mistake */
    dii_indicator_columns none = DII_INDICATOR_COLUMNS_INIT;
    ck_assert_int_eq(dii_results_fill_indicator_columns(res, &none), DII_OK);
    none.version = 2;
    ck_assert_int_eq(dii_results_fill_indicator_columns(res, &none), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "out->version is 2"));
    ck_assert_int_eq(dii_results_fill_indicator_columns(NULL, &none), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_results_fill_indicator_columns(res, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_results_free(res);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

START_TEST(score_under_allocation_failures)
{
    dii_framework *fw = builtin("dien-bien-4734-2023");
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_file(DII_EXAMPLES_DIR "/data/dien-bien-2022.json",
                                               NULL, &subs, NULL), DII_OK);
    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = 2023;
    long failures = 0;
    for (long n = 0;; n++) {
        dii_results *res = (dii_results *)&res;
        dii_diagnostics *d = (dii_diagnostics *)&d;
        failalloc_arm(n);
        dii_status st = dii_score(fw, subs, &opts, &res, &d);
        int failed_one = failalloc_calls() > n;
        char message[256];
        snprintf(message, sizeof message, "%s", dii_last_error());
        failalloc_disarm();
        if (st == DII_ERR_NO_MEMORY) {
            ck_assert_ptr_null(res);
            ck_assert_ptr_null(d);
            ck_assert_str_eq(message, "out of memory");
            failures++;
        } else {
            ck_assert_int_eq(st, DII_OK);
            ck_assert_double_eq_tol(dii_result_points(dii_results_get(res, 0)), 21.8559266,
                                    1e-6);
            dii_results_free(res);
            dii_diagnostics_free(d);
        }
        if (!failed_one)
            break;
        ck_assert_int_lt(n, 100000);
    }
    ck_assert_int_gt(failures, 0);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("score");
    tcase_add_test(tc, dien_bien_2022_against_2023);
    tcase_add_test(tc, strict_target_row12);
    tcase_add_test(tc, interpolated_target_and_progress);
    tcase_add_test(tc, competition_ranking_with_ties);
    tcase_add_test(tc, cohort_of_34);
    tcase_add_test(tc, cohorts_split_by_target_year);
    tcase_add_test(tc, missing_value_policies);
    tcase_add_test(tc, invalid_input_is_not_scored);
    tcase_add_test(tc, provisional_framework_warns);
    tcase_add_test(tc, results_outlive_inputs);
    tcase_add_test(tc, merged_inputs_form_one_cohort);
    tcase_add_test(tc, indicator_columns_match_the_accessors);
    tcase_add_test(tc, extreme_values_give_finite_results);
    suite_add_tcase(s, tc);
    TCase *slow = tcase_create("allocation failures");
    tcase_set_timeout(slow, 120);
    tcase_add_test(slow, score_under_allocation_failures);
    suite_add_tcase(s, slow);
    return s;
}
