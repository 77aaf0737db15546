/* Helpers shared by the libFuzzer targets in tests/fuzz: walk every public
 * accessor of a handle (so that ASan/UBSan see every byte the library hands
 * out), serialise it, and check the invariants the header promises.
 * A broken invariant aborts with a message: libFuzzer reports it as a crash
 * and keeps the input.
 *
 * Only the public API (include/dii/dii.h) is used: the targets see the
 * library as its users do. */
#ifndef DII_FUZZ_COMMON_H
#define DII_FUZZ_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* Reads a string to the end: a dangling or unterminated pointer shows up
 * under ASan here rather than in some caller. */
static inline size_t fuzz_touch(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Every accessor of a diagnostics list, its JSON, and its invariants. */
static inline void fuzz_diagnostics(const dii_diagnostics *d)
{
    if (d == NULL)
        return;
    size_t n = dii_diagnostics_count(d);
    FUZZ_CHECK(dii_diagnostics_error_count(d) + dii_diagnostics_warning_count(d) == n);
    for (size_t i = 0; i < n; i++) {
        const dii_diagnostic *x = dii_diagnostics_get(d, i);
        FUZZ_CHECK(x != NULL);
        dii_severity sev = dii_diagnostic_severity(x);
        FUZZ_CHECK(sev == DII_SEVERITY_ERROR || sev == DII_SEVERITY_WARNING);
        FUZZ_CHECK(dii_severity_name(sev) != NULL);
        FUZZ_CHECK(dii_diagnostic_code(x) != NULL && dii_diagnostic_code(x)[0] != '\0');
        FUZZ_CHECK(dii_diagnostic_message(x) != NULL);
        fuzz_touch(dii_diagnostic_code(x));
        fuzz_touch(dii_diagnostic_message(x));
        fuzz_touch(dii_diagnostic_file(x));
        fuzz_touch(dii_diagnostic_pointer(x));
        fuzz_touch(dii_diagnostic_hint(x));
        (void)dii_diagnostic_line(x);
        (void)dii_diagnostic_column(x);
        FUZZ_CHECK(dii_diagnostic_submission(x) >= -1);
    }
    FUZZ_CHECK(dii_diagnostics_get(d, n) == NULL);
    char *json = NULL;
    size_t len = 0;
    dii_status st = dii_diagnostics_to_json(d, &json, &len);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
    if (st == DII_OK) {
        FUZZ_CHECK(json != NULL && strlen(json) == len);
        FUZZ_CHECK(strncmp(json, "{", 1) == 0 && json[len - 1] == '\n');
    }
    dii_free(json);
}

/* The diagnostics of a load must be sorted by line, then column (the
 * header's promise for dii_submissions_load_*); unplaced ones (line 0, as
 * "too-many-diagnostics") come last. */
static inline void fuzz_diagnostics_sorted(const dii_diagnostics *d)
{
    unsigned long line = 0, col = 0;
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *x = dii_diagnostics_get(d, i);
        unsigned long l = dii_diagnostic_line(x), c = dii_diagnostic_column(x);
        if (l == 0)
            l = (unsigned long)-1;
        FUZZ_CHECK(l > line || (l == line && c >= col));
        line = l;
        col = c;
    }
}

static inline void fuzz_submissions(const dii_submissions *subs)
{
    size_t n = dii_submissions_count(subs);
    for (size_t i = 0; i < n; i++) {
        const dii_submission *s = dii_submissions_get(subs, i);
        FUZZ_CHECK(s != NULL);
        fuzz_touch(dii_submission_framework(s));
        fuzz_touch(dii_submission_unit_id(s));
        fuzz_touch(dii_submission_unit_name(s));
        (void)dii_submission_year(s);
        (void)dii_submission_line(s);
        for (size_t k = 0; k < dii_submission_value_count(s); k++) {
            fuzz_touch(dii_submission_value_indicator(s, k));
            dii_value_kind kind = dii_submission_value_kind(s, k);
            FUZZ_CHECK(kind >= DII_VALUE_NUMBER && kind <= DII_VALUE_INVALID);
            (void)dii_submission_value_number(s, k);
            fuzz_touch(dii_submission_value_source(s, k));
        }
    }
    FUZZ_CHECK(dii_submissions_get(subs, n) == NULL);
}

static inline void fuzz_framework_walk(const dii_framework *fw)
{
    FUZZ_CHECK(fuzz_touch(dii_framework_id(fw)) > 0);
    fuzz_touch(dii_framework_version(fw));
    fuzz_touch(dii_framework_title(fw, "vi"));
    fuzz_touch(dii_framework_title(fw, "en"));
    fuzz_touch(dii_framework_source(fw));
    (void)dii_framework_status_name(dii_framework_status_of(fw));
    (void)dii_missing_policy_name(dii_framework_missing_policy(fw));
    (void)dii_framework_rank_decimals(fw);
    double max = dii_framework_max_points(fw);
    int first = dii_framework_first_year(fw), last = dii_framework_last_year(fw);
    double group_sum = 0;
    size_t group_inds = 0;
    for (size_t g = 0; g < dii_framework_group_count(fw); g++) {
        const dii_group *grp = dii_framework_group(fw, g);
        FUZZ_CHECK(grp != NULL);
        FUZZ_CHECK(dii_framework_find_group(fw, dii_group_id(grp)) == grp);
        fuzz_touch(dii_group_name(grp, "vi"));
        fuzz_touch(dii_group_name(grp, "en"));
        group_sum += dii_group_max_points(grp);
        group_inds += dii_group_indicator_count(grp);
    }
    FUZZ_CHECK(group_inds == dii_framework_indicator_count(fw));
    FUZZ_CHECK(fabs(group_sum - max) <= 1e-9 * (fabs(max) + 1));
    for (size_t i = 0; i < dii_framework_indicator_count(fw); i++) {
        const dii_indicator *ind = dii_framework_indicator(fw, i);
        FUZZ_CHECK(ind != NULL && dii_indicator_index(ind) == i);
        FUZZ_CHECK(dii_framework_find_indicator(fw, dii_indicator_id(ind)) == ind);
        if (dii_indicator_code(ind))
            FUZZ_CHECK(dii_framework_find_indicator_by_code(fw, dii_indicator_code(ind)) != NULL);
        FUZZ_CHECK(dii_framework_find_group(fw, dii_indicator_group(ind)) != NULL);
        fuzz_touch(dii_indicator_name(ind, "vi"));
        fuzz_touch(dii_indicator_name(ind, "en"));
        fuzz_touch(dii_indicator_notes(ind));
        FUZZ_CHECK(dii_unit_name(dii_indicator_unit(ind)) != NULL);
        FUZZ_CHECK(dii_direction_name(dii_indicator_direction(ind)) != NULL);
        FUZZ_CHECK(dii_method_name(dii_indicator_method(ind)) != NULL);
        (void)dii_indicator_points(ind);
        (void)dii_indicator_provisional(ind);
        double a, b;
        (void)dii_indicator_linear_range(ind, &a, &b);
        for (size_t k = 0; k <= dii_indicator_band_count(ind); k++)
            (void)dii_indicator_band(ind, k, &a, &b);
        int y;
        (void)dii_indicator_baseline(ind, &y, &a);
        int prev = 0;
        size_t nt = dii_indicator_target_count(ind);
        for (size_t k = 0; k < nt; k++) {
            dii_op op;
            FUZZ_CHECK(dii_indicator_target(ind, k, &y, &op, &a) == DII_OK);
            FUZZ_CHECK(y > prev);  /* ascending, one target per year */
            FUZZ_CHECK(dii_op_symbol(op) != NULL);
            prev = y;
        }
        FUZZ_CHECK(dii_indicator_target(ind, nt, &y, NULL, &a) != DII_OK);
        /* the target rule, at every year around the milestones */
        int from = first ? first - 2 : DII_YEAR_MIN, to = last ? last + 2 : DII_YEAR_MIN + 2;
        for (int year = from; year <= to && year - from < 64; year++) {
            int ty = 0;
            dii_op op;
            dii_target_basis basis;
            dii_status st = dii_indicator_target_for_year(ind, year, &ty, &op, &a, &basis);
            FUZZ_CHECK(st == (nt ? DII_OK : DII_ERR_NOT_FOUND));
            if (st == DII_OK)
                FUZZ_CHECK(dii_target_basis_name(basis) != NULL && isfinite(a));
        }
    }
}

static inline void fuzz_results(const dii_results *res, size_t n_subs)
{
    FUZZ_CHECK(dii_results_count(res) == n_subs);
    for (size_t i = 0; i < dii_results_warning_count(res); i++)
        FUZZ_CHECK(dii_results_warning(res, i) != NULL);
    for (size_t i = 0; i < dii_results_count(res); i++) {
        const dii_result *r = dii_results_get(res, i);
        FUZZ_CHECK(r != NULL);
        fuzz_touch(dii_result_unit_id(r));
        fuzz_touch(dii_result_unit_name(r));
        double pts = dii_result_points(r), max = dii_result_max_points(r);
        double idx = dii_result_index(r);
        FUZZ_CHECK(isfinite(pts) && isfinite(max) && isfinite(idx));
        FUZZ_CHECK(pts >= 0 && pts <= max + 1e-9 * (max + 1));
        FUZZ_CHECK(idx >= 0 && idx <= 1 + 1e-12);
        FUZZ_CHECK(dii_result_rank(r) >= 1 &&
                   (size_t)dii_result_rank(r) <= dii_result_cohort_size(r));
        size_t nk = dii_result_indicator_count(r), by_status = 0;
        for (int c = DII_COMPLIANCE_MET; c <= DII_COMPLIANCE_MISSING; c++)
            by_status += dii_result_compliance_count(r, (dii_compliance)c);
        FUZZ_CHECK(by_status == nk);
        for (size_t g = 0; g < dii_result_group_count(r); g++) {
            fuzz_touch(dii_result_group_id(r, g));
            FUZZ_CHECK(isfinite(dii_result_group_points(r, g)));
            FUZZ_CHECK(isfinite(dii_result_group_max_points(r, g)));
            FUZZ_CHECK(isfinite(dii_result_group_index(r, g)));
        }
        for (size_t k = 0; k < nk; k++) {
            double v, t, gap, prog;
            int ty;
            dii_op op;
            dii_target_basis basis;
            fuzz_touch(dii_result_indicator_id(r, k));
            (void)dii_result_indicator_value(r, k, &v);
            double a = dii_result_indicator_attainment(r, k);
            FUZZ_CHECK(a >= 0 && a <= 1);
            FUZZ_CHECK(isfinite(dii_result_indicator_points(r, k)));
            FUZZ_CHECK(isfinite(dii_result_indicator_max_points(r, k)));
            FUZZ_CHECK(dii_compliance_name(dii_result_indicator_compliance(r, k)) != NULL);
            if (dii_result_indicator_target(r, k, &ty, &op, &t, &basis))
                FUZZ_CHECK(isfinite(t) && dii_op_symbol(op) != NULL);
            if (dii_result_indicator_gap(r, k, &gap))
                FUZZ_CHECK(isfinite(gap));
            if (dii_result_indicator_progress(r, k, &prog))
                FUZZ_CHECK(!isnan(prog));
            (void)dii_result_indicator_provisional(r, k);
        }
    }
    char *json = NULL;
    size_t len = 0;
    dii_status st = dii_results_to_json(res, &json, &len);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
    if (st == DII_OK)
        FUZZ_CHECK(json != NULL && strlen(json) == len);
    dii_free(json);
}

/* validate → score → to_json for one framework and one set of submissions,
 * with the invariants that tie them together. */
static inline void fuzz_validate_and_score(const dii_framework *fw, const dii_submissions *subs,
                                           int target_year)
{
    dii_diagnostics *vd = NULL;
    dii_status vs = dii_validate(fw, subs, &vd);
    FUZZ_CHECK(vs == DII_OK || vs == DII_ERR_VALIDATION || vs == DII_ERR_NO_MEMORY);
    if (vs != DII_ERR_NO_MEMORY) {
        FUZZ_CHECK(vd != NULL);
        FUZZ_CHECK((vs == DII_OK) == (dii_diagnostics_error_count(vd) == 0));
    }
    fuzz_diagnostics(vd);

    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = target_year;
    dii_results *res = NULL;
    dii_diagnostics *sd = NULL;
    dii_status ss = dii_score(fw, subs, &opts, &res, &sd);
    if (ss == DII_OK) {
        FUZZ_CHECK(res != NULL && vs == DII_OK);
        fuzz_results(res, dii_submissions_count(subs));
    } else {
        FUZZ_CHECK(res == NULL);
        /* scoring fails only where validation does, or on bad options */
        FUZZ_CHECK(ss == DII_ERR_NO_MEMORY || vs != DII_OK ||
                   ss == DII_ERR_INVALID_ARGUMENT || ss == DII_ERR_OUT_OF_RANGE);
    }
    fuzz_diagnostics(sd);
    dii_results_free(res);
    dii_diagnostics_free(sd);
    dii_diagnostics_free(vd);
}

/* Limits small enough for fuzzed inputs to cross, so that every limit's
 * path is fuzzed too (the defaults are far beyond a fuzzer's inputs). */
static inline void fuzz_tight_limits(dii_parse_options *opts)
{
    opts->max_depth = 3;
    opts->max_string_bytes = 8;
    opts->max_submissions = 2;
    opts->max_diagnostics = 2;
}

/* Loads submissions with the given options and checks the load contract. */
static inline dii_submissions *fuzz_load_submissions(const uint8_t *data, size_t size,
                                                     const char *name,
                                                     const dii_parse_options *opts)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_memory((const char *)data, size, name, opts, &subs, &d);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_PARSE || st == DII_ERR_NO_MEMORY);
    if (st == DII_OK) {
        FUZZ_CHECK(subs != NULL && d != NULL);
        fuzz_submissions(subs);
    } else {
        FUZZ_CHECK(subs == NULL);
    }
    if (st == DII_ERR_PARSE) {
        FUZZ_CHECK(d != NULL && dii_diagnostics_error_count(d) > 0);
    }
    if (d) {
        fuzz_diagnostics_sorted(d);
        fuzz_diagnostics(d);
    }
    dii_diagnostics_free(d);
    return subs;
}

#endif
