/* dii_track and the crosswalk (docs/tracking.md), through the public API.
 *
 * Every expected figure is worked out by hand from the definitions of
 * docs/tracking.md §1 and written below as the closed form the hand
 * calculation gave (e.g. 45.0 / 7), with the working in the comment; none
 * was copied from the program's output. The figures were cross-checked once
 * with numpy (np.polyfit and the CAGR formulas), independently of libdii.
 *
 * Most tests use the panel PANEL_T on the framework FW_T: one unit u1
 * observed in 2021, 2022 and 2024 (2023 skipped), one indicator per case.
 * Least squares over the years {2021, 2022, 2024}: x̄ = 6067/3 = 2022.333…,
 * the deviations are -4/3, -1/3, 5/3 and Σ(x - x̄)² = 42/9 = 14/3. For values
 * (a, b, c), Σ(x - x̄)(y - ȳ) = (-4a - b + 5c) / 3, so the slope is
 * (-4a - b + 5c) / 14 and the line is L(Y) = ȳ + slope (Y - x̄). */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"
#include "failalloc.h"
#include "testutil.h"
#include "track.h"

#define TOL 1e-9

static dii_framework *load_fw(const char *text)
{
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_framework_load_memory(text, strlen(text), "fw.json", &fw, &d);
    ck_assert_msg(st == DII_OK, "framework: %s (%s)", dii_last_error(),
                  d && dii_diagnostics_count(d)
                      ? dii_diagnostic_message(dii_diagnostics_get(d, 0)) : "");
    dii_diagnostics_free(d);
    return fw;
}

static dii_submissions *parse(const char *text, const char *name)
{
    dii_submissions *subs = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), name, NULL, &subs, NULL);
    ck_assert_msg(st == DII_OK, "load failed: %s", dii_last_error());
    return subs;
}

static dii_tracking *track(const dii_framework *fw, const dii_submissions *subs,
                           const dii_tracking_options *opts)
{
    dii_tracking *tr = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_track(fw, subs, opts, &tr, &d);
    ck_assert_msg(st == DII_OK, "track failed: %s", dii_last_error());
    ck_assert_ptr_nonnull(tr);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 0);
    dii_diagnostics_free(d);
    return tr;
}

static size_t ind(const dii_tracking *tr, const char *id)
{
    for (size_t k = 0; k < dii_tracking_indicator_count(tr); k++)
        if (strcmp(dii_tracking_indicator_id(tr, k), id) == 0)
            return k;
    ck_abort_msg("no indicator %s", id);
    return 0;
}

static size_t unit(const dii_tracking *tr, const char *id)
{
    for (size_t u = 0; u < dii_tracking_unit_count(tr); u++)
        if (strcmp(dii_tracking_unit_id(tr, u), id) == 0)
            return u;
    ck_abort_msg("no unit %s", id);
    return 0;
}

/* The milestone index of `year` for unit u. */
static size_t ms(const dii_tracking *tr, size_t u, int year)
{
    for (size_t m = 0; m < dii_tracking_unit_milestone_count(tr, u); m++)
        if (dii_tracking_unit_milestone_year(tr, u, m) == year)
            return m;
    ck_abort_msg("unit %zu has no milestone %d", u, year);
    return 0;
}

static double observed(const dii_tracking *tr, size_t u, size_t k)
{
    double p = NAN;
    ck_assert_msg(dii_tracking_indicator_observed_pace(tr, u, k, &p), "no observed pace");
    return p;
}

static double required(const dii_tracking *tr, size_t u, size_t k, size_t m)
{
    double p = NAN;
    ck_assert_msg(dii_tracking_milestone_required_pace(tr, u, k, m, &p), "no required pace");
    return p;
}

static double ratio(const dii_tracking *tr, size_t u, size_t k, size_t m)
{
    double r = NAN;
    ck_assert_msg(dii_tracking_milestone_pace_ratio(tr, u, k, m, &r), "no pace ratio");
    return r;
}

static double projection(const dii_tracking *tr, size_t u, size_t k, size_t m)
{
    double v = NAN;
    ck_assert_msg(dii_tracking_milestone_projection(tr, u, k, m, &v), "no projection");
    return v;
}

#define STATUS(tr, u, k, m) dii_tracking_milestone_status(tr, u, k, m)

/* ------------------------------------------------------------------------ */
/* FW_T / PANEL_T                                                            */
/* ------------------------------------------------------------------------ */

#define IND(id, unit, extra, targets)                                                     \
    "{\"id\": \"" id "\", \"group\": \"G\", \"name\": {\"en\": \"" id "\"}, \"unit\": \"" \
    unit "\", \"direction\": \"higher\", \"points\": 1, " extra " \"targets\": " targets "}"
#define PCT(id, targets) IND(id, "percent", "\"scoring\": {\"method\": \"target_ratio\"},", targets)
#define T2(op1, v1, op2, v2)                                                     \
    "[{\"year\": 2025, \"op\": \"" op1 "\", \"value\": " v1 "}, {\"year\": 2030," \
    " \"op\": \"" op2 "\", \"value\": " v2 "}]"
#define FW_HEAD(id)                                                                       \
    "{\"format\": \"dii-framework/1\", \"id\": \"" id "\", \"version\": \"1\", \"title\":" \
    " {\"en\": \"T\"}, \"status\": \"official\", \"groups\": [{\"id\": \"G\", \"name\":"    \
    " {\"en\": \"G\"}}], \"indicators\": ["

static const char FW_T[] =
    FW_HEAD("t")
    PCT("ontrack", T2(">=", "50", ">=", "80")) ", "
    PCT("limited", T2(">=", "91", ">=", "100")) ", "
    PCT("deter", T2(">=", "50", ">=", "60")) ", "
    PCT("strict", T2(">", "60", ">=", "70")) ", "
    PCT("away", T2(">=", "50", ">=", "50")) ", "
    PCT("zero", T2(">", "60", ">", "60")) ", "
    "{\"id\": \"lower\", \"group\": \"G\", \"name\": {\"en\": \"lower\"}, \"unit\": \"percent\","
    " \"direction\": \"lower\", \"points\": 1, \"scoring\": {\"method\": \"target_ratio\"},"
    " \"targets\": " T2("<=", "20", "<=", "10") "}, "
    PCT("clamp", T2(">=", "90", ">=", "100")) ", "
    IND("yesno", "boolean", "\"scoring\": {\"method\": \"boolean\"},",
        T2("==", "true", "==", "true")) ", "
    PCT("onepoint", T2(">=", "50", ">=", "60")) ", "
    "{\"id\": \"base\", \"group\": \"G\", \"name\": {\"en\": \"base\"}, \"unit\": \"percent\","
    " \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"target_ratio\"},"
    " \"baseline\": {\"year\": 2019, \"value\": 10}, \"targets\": " T2(">=", "50", ">=", "60") "}, "
    "{\"id\": \"notarget\", \"group\": \"G\", \"name\": {\"en\": \"n\"}, \"unit\": \"percent\","
    " \"direction\": \"higher\", \"points\": 1, \"scoring\": {\"method\": \"ratio\"}}, "
    PCT("never", T2(">=", "10", ">=", "20"))
    "]}";

static const char PANEL_T[] =
    "unit_id,year,indicator,value\n"
    "u1,2021,ontrack,20\nu1,2022,ontrack,30\nu1,2024,ontrack,40\n"
    "u1,2021,limited,10\nu1,2022,limited,12\nu1,2024,limited,14\n"
    "u1,2021,deter,40\nu1,2022,deter,38\nu1,2024,deter,36\n"
    "u1,2021,strict,50\nu1,2022,strict,55\nu1,2024,strict,60\n"
    "u1,2021,away,60\nu1,2022,away,55\nu1,2024,away,45\n"
    "u1,2021,zero,60\nu1,2022,zero,50\nu1,2024,zero,59\n"
    "u1,2021,lower,40\nu1,2022,lower,36\nu1,2024,lower,30\n"
    "u1,2021,clamp,70\nu1,2022,clamp,80\nu1,2024,clamp,95\n"
    "u1,2021,yesno,false\nu1,2022,yesno,false\nu1,2024,yesno,false\n"
    "u1,2024,onepoint,30\n"
    "u1,2022,base,20\nu1,2024,base,30\n"
    "u1,2021,notarget,10\nu1,2024,notarget,40\n"
    "u2,2021,yesno,false\nu2,2024,yesno,true\n";

typedef struct fixture {
    dii_framework *fw;
    dii_submissions *subs;
    dii_tracking *tr;
} fixture;

static fixture open_t(const dii_tracking_options *opts)
{
    fixture f;
    f.fw = load_fw(FW_T);
    f.subs = parse(PANEL_T, "panel.csv");
    f.tr = track(f.fw, f.subs, opts);
    return f;
}

static void close_fixture(fixture *f)
{
    dii_tracking_free(f->tr);
    dii_submissions_free(f->subs);
    dii_framework_free(f->fw);
}

/* Default milestones: the framework's target years (2025, 2030) after the
 * latest observed year 2024. */
START_TEST(default_milestones_and_units)
{
    fixture f = open_t(NULL);
    ck_assert_str_eq(dii_tracking_framework_id(f.tr), "t");
    ck_assert_int_eq(dii_tracking_pace_method(f.tr), DII_PACE_LINEAR);
    ck_assert_int_eq(dii_tracking_crosswalk_year(f.tr), 0);
    ck_assert_uint_eq(dii_tracking_unit_count(f.tr), 2);
    ck_assert_str_eq(dii_tracking_unit_id(f.tr, 0), "u1");
    ck_assert_ptr_null(dii_tracking_unit_name(f.tr, 0));
    ck_assert_uint_eq(dii_tracking_unit_milestone_count(f.tr, 0), 2);
    ck_assert_int_eq(dii_tracking_unit_milestone_year(f.tr, 0, 0), 2025);
    ck_assert_int_eq(dii_tracking_unit_milestone_year(f.tr, 0, 1), 2030);
    ck_assert_int_eq(dii_tracking_unit_milestone_year(f.tr, 0, 2), 0);
    ck_assert_uint_eq(dii_tracking_unit_year_count(f.tr, 0), 3);
    ck_assert_uint_eq(dii_tracking_indicator_count(f.tr), 13);
    ck_assert_ptr_null(dii_tracking_indicator_code(f.tr, 0));
    ck_assert_ptr_null(dii_tracking_indicator_id(f.tr, 13));
    close_fixture(&f);
}
END_TEST

/* ontrack, values 20, 30, 40 in 2021, 2022, 2024 (2023 skipped):
 *   slope = (-4·20 - 30 + 5·40) / 14 = 90/14 = 45/7; ȳ = 30.
 *   2025 (>= 50): required (50 - 20)/(2025 - 2021) = 7.5, R = (45/7)/7.5 = 6/7
 *     = 0.857 → acceleration_needed; projection 30 + 45/7·(2025 - 6067/3)
 *     = 30 + 45/7·8/3 = 30 + 120/7 = 47.142857; expected year: L(Y) >= 50 ⇔
 *     Y >= 6067/3 + 20·7/45 = 2025.44 → 2026.
 *   2030 (>= 80): required 60/9, R = (45/7)/(60/9) = 27/28 = 0.964 → on_track;
 *     projection 30 + 45/7·23/3 = 30 + 345/7 = 79.285714 (below 80: on track
 *     means R >= 0.95); expected L(Y) >= 80 ⇔ Y >= 2022.33 + 70/9 = 2030.11 → 2031. */
START_TEST(ols_with_skipped_year_acceleration_and_on_track)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "ontrack");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), 45.0 / 7, TOL);
    ck_assert_uint_eq(dii_tracking_indicator_point_count(f.tr, 0, k), 3);
    int year = 0;
    double v = 0;
    ck_assert_int_eq(dii_tracking_indicator_start(f.tr, 0, k, &year, &v), 1);
    ck_assert_int_eq(year, 2021);
    ck_assert_double_eq(v, 20);
    ck_assert_int_eq(dii_tracking_indicator_latest(f.tr, 0, k, &year, &v), 1);
    ck_assert_int_eq(year, 2024);
    ck_assert_double_eq(v, 40);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 0), 7.5, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), 6.0 / 7, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 30 + 120.0 / 7, TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 2026);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 1), 60.0 / 9, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 1), 27.0 / 28, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 1), DII_TRACK_ON_TRACK);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 1), 30 + 345.0 / 7, TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 1), 2031);
    dii_op op;
    dii_target_basis basis;
    ck_assert_int_eq(dii_tracking_milestone_target(f.tr, 0, k, 1, &op, &v, &basis), 1);
    ck_assert_int_eq(op, DII_OP_GE);
    ck_assert_double_eq(v, 80);
    ck_assert_int_eq(basis, DII_BASIS_EXACT);
    close_fixture(&f);
}
END_TEST

/* limited, 10, 12, 14: slope (-40 - 12 + 70)/14 = 18/14 = 9/7; ȳ = 12.
 *   2025 (>= 91): required 81/4, R = (9/7)/(81/4) = 36/567 = 0.0635 → limited_progress;
 *   projection 12 + 9/7·8/3 = 12 + 24/7; expected L(Y) >= 91 ⇔
 *   Y >= 6067/3 + 79·7/9 = 2022.33 + 61.44 = 2083.78 → 2084.
 *   2030 (>= 100): required 90/9 = 10, R = 9/70 → limited_progress.
 * deter, 40, 38, 36: slope (-160 - 38 + 180)/14 = -18/14 = -9/7.
 *   2025: required 10/4 = 2.5, R = (-9/7)/2.5 = -18/35 → deteriorating; the line
 *   falls, so it never reaches 50: no expected year. */
START_TEST(limited_progress_and_deteriorating)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "limited");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), 9.0 / 7, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), (9.0 / 7) / (81.0 / 4), TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_LIMITED_PROGRESS);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 12 + 24.0 / 7, TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 2084);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 1), 9.0 / 70, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 1), DII_TRACK_LIMITED_PROGRESS);
    k = ind(f.tr, "deter");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), -9.0 / 7, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), -18.0 / 35, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_DETERIORATING);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 1), DII_TRACK_DETERIORATING);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 0);
    close_fixture(&f);
}
END_TEST

/* strict, 50, 55, 60 against "> 60" in 2025: the latest value 60 does not
 * meet a strict target, so not achieved. slope (-200 - 55 + 300)/14 = 45/14;
 * required (60 - 50)/4 = 2.5, R = (45/14)/2.5 = 9/7 → on_track. Expected
 * year: L(Y) > 60 ⇔ Y > 6067/3 + 5·14/45 = 2023.89; the first year from the
 * latest (2024) on: L(2024) = 55 + 45/14·5/3 = 60.357 > 60 → 2024 (the line,
 * not the observation, decides). Projection 2025: 55 + 45/14·8/3 = 55 + 60/7.
 * clamp, 70, 80, 95: 2025 (>= 90) achieved (95 >= 90). slope
 * (-280 - 80 + 475)/14 = 115/14; 2030 projection 245/3 + 115/14·23/3 = 144.64,
 * clamped to 100 (percent); required (100 - 70)/9, R = (115/14)/(30/9) = 2.46
 * → on_track; expected year L(Y) >= 100 ⇔ Y >= 2022.33 + (55/3)·14/115 = 2024.57 → 2025. */
START_TEST(strict_comparator_achieved_and_clamping)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "strict");
    dii_op op;
    ck_assert_int_eq(dii_tracking_milestone_target(f.tr, 0, k, 0, &op, NULL, NULL), 1);
    ck_assert_int_eq(op, DII_OP_GT);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_ON_TRACK);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), 9.0 / 7, TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 2024);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 55 + 60.0 / 7, TOL);
    k = ind(f.tr, "clamp");
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_ACHIEVED);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 1), DII_TRACK_ON_TRACK);
    ck_assert_double_eq(projection(f.tr, 0, k, 1), 100);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 1), (115.0 / 14) / (30.0 / 9), TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 1), 2025);
    close_fixture(&f);
}
END_TEST

/* Rule 6, both ways.
 * away, 60, 55, 45 against >= 50: the start met it, the latest does not.
 *   required (50 - 60)/4 = -2.5 points away (d = +1); slope (-240 - 55 + 225)/14
 *   = -5 points away too → deteriorating; the ratio is not reported.
 * zero, 60, 50, 59 against > 60: required (60 - 60)/4 = 0; slope
 *   (-240 - 50 + 295)/14 = 5/14 > 0 does not point away → limited_progress; no
 *   ratio. Expected year: L(Y) > 60 with ȳ = 169/3 ⇔ Y > 6067/3 + (11/3)·14/5
 *   = 2032.6 → 2033. */
START_TEST(zero_or_away_required_pace)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "away");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), -5, TOL);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 0), -2.5, TOL);
    ck_assert_int_eq(dii_tracking_milestone_pace_ratio(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_DETERIORATING);
    k = ind(f.tr, "zero");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), 5.0 / 14, TOL);
    ck_assert_double_eq(required(f.tr, 0, k, 0), 0);
    ck_assert_int_eq(dii_tracking_milestone_pace_ratio(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_LIMITED_PROGRESS);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 2033);
    close_fixture(&f);
}
END_TEST

/* lower, direction lower, 40, 36, 30 against <= 20 (2025), <= 10 (2030):
 * slope (-160 - 36 + 150)/14 = -46/14 = -23/7; required (20 - 40)/4 = -5, both
 * negative, R = (23/7)/5 = 23/35 = 0.657 → acceleration_needed; 2030 required
 * -30/9, R = (23/7)/(30/9) = 69/70 → on_track. Projection 2025:
 * 106/3 - 23/7·8/3 = 558/21. */
START_TEST(lower_is_better)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "lower");
    ck_assert_double_eq_tol(observed(f.tr, 0, k), -23.0 / 7, TOL);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 0), -5, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), 23.0 / 35, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 1), 69.0 / 70, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 1), DII_TRACK_ON_TRACK);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 558.0 / 21, TOL);
    close_fixture(&f);
}
END_TEST

/* yesno: u1 false every year → not_achieved (no pace, no projection);
 * u2 true in 2024 → achieved. onepoint: one observation (2024, 30) → start =
 * latest, 1 point, insufficient_data. never: not observed → insufficient_data,
 * no start. notarget: no targets → no_target, yet a projection
 * (2 points: slope (40 - 10)/3 = 10, L(2025) = 25 + 10·(2025 - 2022.5) = 50). */
START_TEST(yes_no_insufficient_and_no_target)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "yesno"), u2 = unit(f.tr, "u2");
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_NOT_ACHIEVED);
    ck_assert_int_eq(dii_tracking_indicator_observed_pace(f.tr, 0, k, NULL), 0);
    ck_assert_int_eq(dii_tracking_milestone_projection(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(dii_tracking_milestone_required_pace(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(STATUS(f.tr, u2, k, 0), DII_TRACK_ACHIEVED);
    ck_assert_int_eq(STATUS(f.tr, u2, k, 1), DII_TRACK_ACHIEVED);
    k = ind(f.tr, "onepoint");
    int year = 0;
    double v = 0;
    ck_assert_int_eq(dii_tracking_indicator_start(f.tr, 0, k, &year, &v), 1);
    ck_assert_int_eq(year, 2024);
    ck_assert_uint_eq(dii_tracking_indicator_point_count(f.tr, 0, k), 1);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_INSUFFICIENT_DATA);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 0);
    k = ind(f.tr, "never");
    ck_assert_int_eq(dii_tracking_indicator_start(f.tr, 0, k, NULL, NULL), 0);
    ck_assert_int_eq(dii_tracking_indicator_latest(f.tr, 0, k, NULL, NULL), 0);
    ck_assert_uint_eq(dii_tracking_indicator_point_count(f.tr, 0, k), 0);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_INSUFFICIENT_DATA);
    k = ind(f.tr, "notarget");
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_NO_TARGET);
    ck_assert_int_eq(dii_tracking_milestone_target(f.tr, 0, k, 0, NULL, NULL, NULL), 0);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 50, TOL);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(f.tr, 0, k, 0), 0);
    close_fixture(&f);
}
END_TEST

/* base: baseline (2019, 10), observations (2022, 20), (2024, 30). The
 * baseline is earlier than the first observation: it is the start point and
 * a third point. x̄ = 6065/3, deviations -8/3, 1/3, 7/3, Σdx² = 114/9,
 * Σdx·dy = (80 + 0 + 70)/3 = 50, slope = 50·9/114 = 75/19; required
 * (50 - 10)/(2025 - 2019) = 20/3, R = (75/19)/(20/3) = 45/76 = 0.592 →
 * limited_progress. (Without the baseline, R would be 5/10 = 0.5.) */
START_TEST(start_point_from_earlier_baseline)
{
    fixture f = open_t(NULL);
    size_t k = ind(f.tr, "base");
    int year = 0;
    double v = 0;
    ck_assert_int_eq(dii_tracking_indicator_start(f.tr, 0, k, &year, &v), 1);
    ck_assert_int_eq(year, 2019);
    ck_assert_double_eq(v, 10);
    ck_assert_uint_eq(dii_tracking_indicator_point_count(f.tr, 0, k), 3);
    ck_assert_double_eq_tol(observed(f.tr, 0, k), 75.0 / 19, TOL);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 0), 20.0 / 3, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), 45.0 / 76, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_LIMITED_PROGRESS);
    close_fixture(&f);
}
END_TEST

/* Milestones given: {2030, 2027, 2030} is used as 2027, 2030. The 2027
 * target of ontrack lies between 2025 (50) and 2030 (80): 50 + 30·2/5 = 62,
 * basis interpolated (the rule of dii_indicator_target_for_year). Required
 * (62 - 20)/(2027 - 2021) = 7, R = (45/7)/7 = 45/49 → acceleration_needed;
 * projection 30 + 45/7·(2027 - 6067/3) = 30 + 45/7·14/3 = 60. */
START_TEST(interpolated_milestone_2027)
{
    int years[] = {2030, 2027, 2030};
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.milestones = years;
    opts.milestone_count = 3;
    fixture f = open_t(&opts);
    ck_assert_uint_eq(dii_tracking_unit_milestone_count(f.tr, 0), 2);
    ck_assert_int_eq(dii_tracking_unit_milestone_year(f.tr, 0, 0), 2027);
    ck_assert_int_eq(dii_tracking_unit_milestone_year(f.tr, 0, 1), 2030);
    size_t k = ind(f.tr, "ontrack");
    dii_op op;
    double target = 0;
    dii_target_basis basis;
    ck_assert_int_eq(dii_tracking_milestone_target(f.tr, 0, k, 0, &op, &target, &basis), 1);
    ck_assert_double_eq_tol(target, 62, TOL);
    ck_assert_int_eq(basis, DII_BASIS_INTERPOLATED);
    ck_assert_double_eq_tol(required(f.tr, 0, k, 0), 7, TOL);
    ck_assert_double_eq_tol(ratio(f.tr, 0, k, 0), 45.0 / 49, TOL);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(projection(f.tr, 0, k, 0), 60, TOL);
    close_fixture(&f);
}
END_TEST

/* A milestone given at the start year (T = t0 = 2021) has no required pace
 * (division by T - t0 = 0), so rule 6 decides: ontrack rises (45/7 > 0,
 * not away from >= 50) → limited_progress; deter falls (-9/7) →
 * deteriorating. The target in 2021 is the first one's (2025: 50, nearest). */
START_TEST(milestone_at_start_year)
{
    int years[] = {2021};
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.milestones = years;
    opts.milestone_count = 1;
    fixture f = open_t(&opts);
    size_t k = ind(f.tr, "ontrack");
    dii_target_basis basis;
    double target = 0;
    ck_assert_int_eq(dii_tracking_milestone_target(f.tr, 0, k, 0, NULL, &target, &basis), 1);
    ck_assert_double_eq(target, 50);
    ck_assert_int_eq(basis, DII_BASIS_NEAREST);
    ck_assert_int_eq(dii_tracking_milestone_required_pace(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(dii_tracking_milestone_pace_ratio(f.tr, 0, k, 0, NULL), 0);
    ck_assert_int_eq(STATUS(f.tr, 0, k, 0), DII_TRACK_LIMITED_PROGRESS);
    ck_assert_int_eq(STATUS(f.tr, 0, ind(f.tr, "deter"), 0), DII_TRACK_DETERIORATING);
    close_fixture(&f);
}
END_TEST

/* Projected score of u1 at 2025 (each indicator 1 point, 13 points):
 *   ontrack 47.142857/50 | limited (12 + 24/7)/91 | deter (38 - 24/7)/50 |
 *   strict 63.57 > 60: 1 (met) | away L(2025) = 53.333 - 5·8/3 = 40: 40/50 |
 *   zero (169/3 + 5/14·8/3)/60 | lower 20 / (558/21) | clamp 100 >= 90: 1 (met) |
 *   yesno latest false carried: 0 | onepoint latest 30 carried: 30/50 |
 *   base 20 + 75/19·10/3 = 20 + 250/19: /50 | notarget (ratio) 50/100 |
 *   never missing: 0.
 * met = 2 (strict, clamp); not_met = 9; no_target 1; missing 1. */
START_TEST(projected_score)
{
    fixture f = open_t(NULL);
    const dii_result *r = dii_tracking_unit_projected(f.tr, 0, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(dii_result_year(r), 2025);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MET), 2);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NOT_MET), 9);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET), 1);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MISSING), 1);
    double points = (30 + 120.0 / 7) / 50 + (12 + 24.0 / 7) / 91 + (38 - 24.0 / 7) / 50 + 1 +
                    40.0 / 50 + (169.0 / 3 + 5.0 / 14 * 8 / 3) / 60 + 20 / (558.0 / 21) + 1 +
                    0 + 30.0 / 50 + (20 + 250.0 / 19) / 50 + 0.5 + 0;
    ck_assert_double_eq_tol(dii_result_points(r), points, 1e-9);
    ck_assert_double_eq_tol(dii_result_index(r), points / 13, 1e-9);
    ck_assert_ptr_null(dii_tracking_unit_projected(f.tr, 0, 2));
    ck_assert_ptr_null(dii_tracking_unit_projected(f.tr, 5, 0));
    close_fixture(&f);
}
END_TEST

/* Every cell of the column export equals what the accessors give. */
START_TEST(milestone_columns_match_accessors)
{
    fixture f = open_t(NULL);
    size_t n = dii_tracking_milestone_row_count(f.tr);
    ck_assert_uint_eq(n, 2 * 13 * 2); /* 2 units x 13 indicators x 2 milestones */
    dii_milestone_columns c = DII_MILESTONE_COLUMNS_INIT;
    c.unit = calloc(n, sizeof(size_t));
    c.indicator = calloc(n, sizeof(size_t));
    c.year = calloc(n, sizeof(int));
    c.start_year = calloc(n, sizeof(int));
    c.start_value = calloc(n, sizeof(double));
    c.latest_year = calloc(n, sizeof(int));
    c.latest_value = calloc(n, sizeof(double));
    c.observed_pace = calloc(n, sizeof(double));
    c.target_op = calloc(n, 1);
    c.target_value = calloc(n, sizeof(double));
    c.target_basis = calloc(n, 1);
    c.required_pace = calloc(n, sizeof(double));
    c.pace_ratio = calloc(n, sizeof(double));
    c.status = calloc(n, 1);
    c.projection = calloc(n, sizeof(double));
    c.expected_year = calloc(n, sizeof(int));
    ck_assert_int_eq(dii_tracking_milestone_columns(f.tr, &c), DII_OK);
    size_t row = 0;
    for (size_t u = 0; u < 2; u++)
        for (size_t k = 0; k < 13; k++)
            for (size_t m = 0; m < 2; m++, row++) {
                int y = 0;
                double v = 0;
                dii_op op = DII_OP_GE;
                dii_target_basis b = DII_BASIS_EXACT;
                ck_assert_uint_eq(c.unit[row], u);
                ck_assert_uint_eq(c.indicator[row], k);
                ck_assert_int_eq(c.year[row], dii_tracking_unit_milestone_year(f.tr, u, m));
                int has = dii_tracking_indicator_start(f.tr, u, k, &y, &v);
                ck_assert_int_eq(c.start_year[row], has ? y : 0);
                ck_assert(has ? c.start_value[row] == v : isnan(c.start_value[row]));
                has = dii_tracking_indicator_latest(f.tr, u, k, &y, &v);
                ck_assert_int_eq(c.latest_year[row], has ? y : 0);
                ck_assert(has ? c.latest_value[row] == v : isnan(c.latest_value[row]));
                has = dii_tracking_indicator_observed_pace(f.tr, u, k, &v);
                ck_assert(has ? c.observed_pace[row] == v : isnan(c.observed_pace[row]));
                has = dii_tracking_milestone_target(f.tr, u, k, m, &op, &v, &b);
                ck_assert_int_eq(c.target_op[row], has ? (int)op : -1);
                ck_assert(has ? c.target_value[row] == v : isnan(c.target_value[row]));
                ck_assert_int_eq(c.target_basis[row], has ? (int)b : -1);
                has = dii_tracking_milestone_required_pace(f.tr, u, k, m, &v);
                ck_assert(has ? c.required_pace[row] == v : isnan(c.required_pace[row]));
                has = dii_tracking_milestone_pace_ratio(f.tr, u, k, m, &v);
                ck_assert(has ? c.pace_ratio[row] == v : isnan(c.pace_ratio[row]));
                ck_assert_int_eq(c.status[row], (int)STATUS(f.tr, u, k, m));
                has = dii_tracking_milestone_projection(f.tr, u, k, m, &v);
                ck_assert(has ? c.projection[row] == v : isnan(c.projection[row]));
                ck_assert_int_eq(c.expected_year[row],
                                 dii_tracking_milestone_expected_year(f.tr, u, k, m));
            }
    /* A NULL array is skipped; wrong version and NULL arguments refused. */
    dii_milestone_columns none = DII_MILESTONE_COLUMNS_INIT;
    ck_assert_int_eq(dii_tracking_milestone_columns(f.tr, &none), DII_OK);
    none.version = 2;
    ck_assert_int_eq(dii_tracking_milestone_columns(f.tr, &none), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_tracking_milestone_columns(NULL, &c), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_tracking_milestone_columns(f.tr, NULL), DII_ERR_INVALID_ARGUMENT);
    void *arrays[] = {c.unit, c.indicator, c.year, c.start_year, c.start_value, c.latest_year,
                      c.latest_value, c.observed_pace, c.target_op, c.target_value,
                      c.target_basis, c.required_pace, c.pace_ratio, c.status, c.projection,
                      c.expected_year};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(arrays[i]);
    close_fixture(&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* CAGR                                                                      */
/* ------------------------------------------------------------------------ */

static const char FW_C[] =
    FW_HEAD("c")
    IND("growth", "per_100_people", "\"scoring\": {\"method\": \"target_ratio\"},",
        "[{\"year\": 2025, \"op\": \">=\", \"value\": 80}]") ", "
    PCT("cg", T2(">=", "50", ">=", "80")) ", "
    IND("neg", "other", "\"scoring\": {\"method\": \"target_ratio\"},",
        "[{\"year\": 2025, \"op\": \">=\", \"value\": 10}]") ", "
    "{\"id\": \"negt\", \"group\": \"G\", \"name\": {\"en\": \"negt\"}, \"unit\": \"other\","
    " \"direction\": \"lower\", \"points\": 1, \"scoring\": {\"method\": \"target_ratio\"},"
    " \"targets\": [{\"year\": 2025, \"op\": \"<=\", \"value\": -1}]}, "
    IND("huge", "other", "\"scoring\": {\"method\": \"target_ratio\"},",
        "[{\"year\": 2025, \"op\": \">=\", \"value\": 10}]")
    "]}";

static const char PANEL_C[] =
    "unit_id,year,indicator,value\n"
    "u,2021,growth,0\nu,2022,growth,10\nu,2024,growth,40\n"
    "u,2021,cg,20\nu,2024,cg,30\n"
    "u,2021,neg,-5\nu,2024,neg,5\n"
    "u,2021,negt,1\nu,2024,negt,2\n"
    "u,2021,huge,1e-300\nu,2024,huge,1e300\n";

/* CAGR (start and latest only; 0 counts as 0.001):
 * growth 0 → 40 over 2021–2024: observed (40/0.001)^(1/3) - 1 = 40000^(1/3) - 1
 *   = 33.1995; required to 80 by 2025: (80/0.001)^(1/4) - 1 = 15.8179;
 *   R = 2.0989 → on_track; projection 40·(1 + observed)^1 = 40·40000^(1/3)
 *   = 1367.98 (per 100 people: no upper clamp); expected year: 2024 gives
 *   40 < 80, 2025 gives 1367.98 → 2025. 2030 uses the last target (80,
 *   nearest): required 80000^(1/9) - 1.
 * cg 20 → 30 over 3 years: observed 1.5^(1/3) - 1 = 0.144714; 2025 (>= 50):
 *   required 2.5^(1/4) - 1 = 0.257433, R = 0.5621 → limited_progress;
 *   projection 30·1.5^(1/3) = 34.341; expected: 30·1.5^((Y-2024)/3) >= 50 ⇔
 *   Y - 2024 >= 3·ln(5/3)/ln(1.5) = 3.78 → 2028. 2030 (>= 80): required
 *   4^(1/9) - 1 = 0.166529, R = 0.869 → acceleration_needed; projection
 *   30·1.5^2 = 67.5.
 * neg -5 → 5: a negative start has no growth rate → insufficient_data (the
 *   linear method gives slope 10/3, required 15/4, R = 8/9).
 * negt 1 → 2 against <= -1: no growth rate reaches a negative target →
 *   insufficient_data (linear: slope 1/3, required (-1 - 1)/4 = -1/2, which
 *   points towards the target (d = -1), R = -2/3 → deteriorating).
 * huge 1e-300 → 1e300: the growth rate overflows to infinity, so the
 *   projection is not a number: reported as absent; 1e300 >= 10 is achieved
 *   and the projected score carries the latest value. */
START_TEST(cagr_method)
{
    dii_framework *fw = load_fw(FW_C);
    dii_submissions *subs = parse(PANEL_C, "c.csv");
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.pace = DII_PACE_CAGR;
    dii_tracking *tr = track(fw, subs, &opts);
    ck_assert_int_eq(dii_tracking_pace_method(tr), DII_PACE_CAGR);
    size_t k = ind(tr, "growth");
    double obs = cbrt(40000.0) - 1, req = pow(80000.0, 0.25) - 1;
    ck_assert_double_eq_tol(observed(tr, 0, k), obs, 1e-9);
    ck_assert_double_eq_tol(required(tr, 0, k, 0), req, 1e-9);
    ck_assert_double_eq_tol(ratio(tr, 0, k, 0), obs / req, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, 0), DII_TRACK_ON_TRACK);
    ck_assert_double_eq_tol(projection(tr, 0, k, 0), 40 * cbrt(40000.0), 1e-7);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(tr, 0, k, 0), 2025);
    dii_target_basis basis;
    ck_assert_int_eq(dii_tracking_milestone_target(tr, 0, k, 1, NULL, NULL, &basis), 1);
    ck_assert_int_eq(basis, DII_BASIS_NEAREST);
    ck_assert_double_eq_tol(required(tr, 0, k, 1), pow(80000.0, 1.0 / 9) - 1, 1e-9);
    k = ind(tr, "cg");
    obs = cbrt(1.5) - 1;
    ck_assert_double_eq_tol(observed(tr, 0, k), obs, 1e-12);
    ck_assert_double_eq_tol(ratio(tr, 0, k, 0), obs / (pow(2.5, 0.25) - 1), 1e-12);
    ck_assert_int_eq(STATUS(tr, 0, k, 0), DII_TRACK_LIMITED_PROGRESS);
    ck_assert_double_eq_tol(projection(tr, 0, k, 0), 30 * cbrt(1.5), 1e-9);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(tr, 0, k, 0), 2028);
    ck_assert_double_eq_tol(ratio(tr, 0, k, 1), obs / (pow(4, 1.0 / 9) - 1), 1e-12);
    ck_assert_int_eq(STATUS(tr, 0, k, 1), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(projection(tr, 0, k, 1), 67.5, 1e-9);
    k = ind(tr, "neg");
    ck_assert_int_eq(STATUS(tr, 0, k, 0), DII_TRACK_INSUFFICIENT_DATA);
    ck_assert_int_eq(dii_tracking_indicator_observed_pace(tr, 0, k, NULL), 0);
    size_t kt = ind(tr, "negt"), kh = ind(tr, "huge");
    ck_assert_int_eq(STATUS(tr, 0, kt, 0), DII_TRACK_INSUFFICIENT_DATA);
    ck_assert_int_eq(dii_tracking_milestone_required_pace(tr, 0, kt, 0, NULL), 0);
    ck_assert_int_eq(STATUS(tr, 0, kh, 0), DII_TRACK_ACHIEVED);
    ck_assert_int_eq(dii_tracking_milestone_projection(tr, 0, kh, 0, NULL), 0);
    double v = 0;
    ck_assert_int_eq(dii_result_indicator_value(dii_tracking_unit_projected(tr, 0, 0), kh, &v), 1);
    ck_assert_double_eq(v, 1e300);
    dii_tracking_free(tr);
    tr = track(fw, subs, NULL); /* linear */
    ck_assert_double_eq_tol(ratio(tr, 0, k, 0), 8.0 / 9, TOL);
    ck_assert_int_eq(STATUS(tr, 0, k, 0), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(ratio(tr, 0, kt, 0), -2.0 / 3, TOL);
    ck_assert_int_eq(STATUS(tr, 0, kt, 0), DII_TRACK_DETERIORATING);
    dii_tracking_free(tr);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Score trajectory, ranks, JSON                                             */
/* ------------------------------------------------------------------------ */

static const char FW_2[] =
    FW_HEAD("two")
    IND("x", "percent", "\"scoring\": {\"method\": \"ratio\"},",
        "[{\"year\": 2025, \"op\": \">=\", \"value\": 50}]")
    "]}";

static const char PANEL_2[] =
    "unit_id,unit_name,year,indicator,value\n"
    "u1,Một,2021,x,40\nu2,Hai,2021,x,60\nu1,Một,2022,x,50\nu2,Hai,2022,x,30\n"
    "u2,Hai,2024,x,35\n";

/* Points = value/100 (ratio method, 1 point). Trajectory:
 *   2021: u1 0.4, u2 0.6 → ranks 2, 1;  2022: u1 0.5, u2 0.3 → 1, 2;
 *   2024: u2 0.35 alone → 1.
 * Milestones: the only target year, 2025, after each unit's latest year.
 * Projections to 2025: u1 two points, slope 10, L(2025) = 45 + 10·3.5 = 80
 *   (met); u2 (60, 30, 35 in 2021, 2022, 2024): slope (-240 - 30 + 175)/14
 *   = -95/14, ȳ = 125/3, L(2025) = 125/3 - 95/14·8/3 = 125/3 - 380/21 = 495/21
 *   = 23.571 (not met). Projected 2025 cohort: u1 0.8 rank 1, u2 0.2357 rank 2. */
START_TEST(trajectory_ranks_two_units)
{
    dii_framework *fw = load_fw(FW_2);
    dii_submissions *subs = parse(PANEL_2, "two.csv");
    dii_tracking *tr = track(fw, subs, NULL);
    ck_assert_uint_eq(dii_tracking_unit_count(tr), 2);
    ck_assert_str_eq(dii_tracking_unit_name(tr, 0), "Một");
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, 0), 2);
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, 1), 3);
    const int want_year[2][3] = {{2021, 2022, 0}, {2021, 2022, 2024}};
    const double want_index[2][3] = {{0.4, 0.5, 0}, {0.6, 0.3, 0.35}};
    const int want_rank[2][3] = {{2, 1, 0}, {1, 2, 1}};
    const size_t want_cohort[2][3] = {{2, 2, 0}, {2, 2, 1}};
    for (size_t u = 0; u < 2; u++)
        for (size_t i = 0; i < dii_tracking_unit_year_count(tr, u); i++) {
            const dii_result *r = dii_tracking_unit_year(tr, u, i);
            ck_assert_int_eq(dii_result_year(r), want_year[u][i]);
            ck_assert_int_eq(dii_result_target_year(r), want_year[u][i]);
            ck_assert_double_eq_tol(dii_result_index(r), want_index[u][i], TOL);
            ck_assert_int_eq(dii_result_rank(r), want_rank[u][i]);
            ck_assert_uint_eq(dii_result_cohort_size(r), want_cohort[u][i]);
        }
    ck_assert_ptr_null(dii_tracking_unit_year(tr, 0, 2));
    const dii_result *p1 = dii_tracking_unit_projected(tr, 0, 0);
    const dii_result *p2 = dii_tracking_unit_projected(tr, 1, 0);
    ck_assert_double_eq_tol(dii_result_index(p1), 0.8, TOL);
    ck_assert_uint_eq(dii_result_compliance_count(p1, DII_COMPLIANCE_MET), 1);
    ck_assert_int_eq(dii_result_rank(p1), 1);
    ck_assert_double_eq_tol(dii_result_index(p2), 495.0 / 21 / 100, TOL);
    ck_assert_uint_eq(dii_result_compliance_count(p2, DII_COMPLIANCE_MET), 0);
    ck_assert_int_eq(dii_result_rank(p2), 2);
    dii_tracking_free(tr);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Compares a generated document with its golden file; on a difference
 * reports the first differing offset and a short excerpt of each (Check
 * cannot carry whole documents in a failure message). */
static void expect_same_text(const char *got, const char *want)
{
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    ck_assert_msg(got[i] == want[i], "differs at byte %zu: got \"%.40s\" want \"%.40s\"", i,
                  got + i, want + i);
}

/* The JSON of the two-unit case is the golden file
 * tests/data/schema/valid/tracking.two-units.json, which the schema test
 * checks against data/schema/tracking.schema.json. Its figures were checked
 * by hand against the comment of trajectory_ranks_two_units (indices 0.4,
 * 0.5 / 0.6, 0.3, 0.35; ranks; slopes 10 and -95/14 = -6.785714285714286;
 * projections 80 and 495/21 = 23.571428571428573; required paces
 * (50 - 40)/4 = 2.5 and (50 - 60)/4 = -2.5 (away: ratio null); statuses
 * achieved (u1: 50 >= 50) and deteriorating (u2); expected years 2022 (u1:
 * L(2022) = 50) and null). Here a few fields are also checked in the text. */
START_TEST(json_golden_and_fields)
{
    dii_framework *fw = load_fw(FW_2);
    dii_submissions *subs = parse(PANEL_2, "two.csv");
    dii_tracking *tr = track(fw, subs, NULL);
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_tracking_to_json(tr, &json, &len), DII_OK);
    ck_assert_uint_eq(len, strlen(json));
    ck_assert_ptr_nonnull(strstr(json, "\"format\": \"dii-tracking/1\""));
    ck_assert_ptr_nonnull(strstr(json, "\"pace_method\": \"linear\""));
    ck_assert_ptr_nonnull(strstr(json, "\"observed_pace\": -6.785714285714286"));
    ck_assert_ptr_nonnull(strstr(json, "\"pace_ratio\": null"));
    ck_assert_ptr_nonnull(strstr(json, "\"expected_year\": null"));
    char *golden = read_text(DII_TEST_DATA_DIR "/schema/valid/tracking.two-units.json");
    expect_same_text(json, golden);
    free(golden);
    dii_free(json);
    ck_assert_int_eq(dii_tracking_to_json(NULL, &json, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(json);
    ck_assert_int_eq(dii_tracking_to_json(tr, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_tracking_free(tr);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Crosswalk                                                                 */
/* ------------------------------------------------------------------------ */

static const char FW_X[] =
    FW_HEAD("x")
    IND("n", "percent", "\"scoring\": {\"method\": \"ratio\"},",
        "[{\"year\": 2030, \"op\": \">=\", \"value\": 90}]") ", "
    IND("b", "boolean", "\"scoring\": {\"method\": \"boolean\"},",
        "[{\"year\": 2030, \"op\": \"==\", \"value\": true}]")
    "]}";

/* A, B and C become N in 2025. C gives no n in 2023 and nothing in 2024.
 * A also reports for 2025, after the change: kept as unit A. */
static const char PANEL_X[] =
    "unit_id,year,indicator,value\n"
    "A,2023,n,40\nA,2023,b,true\nB,2023,n,70\nB,2023,b,false\nC,2023,n,\nC,2023,b,true\n"
    "A,2024,n,50\nA,2024,b,true\nB,2024,n,60\nB,2024,b,true\n"
    "N,2025,n,58\nN,2025,b,true\nA,2025,n,10\n";

static dii_crosswalk *crosswalk(const char *text, int year)
{
    dii_crosswalk *cw = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_crosswalk_load_memory(text, strlen(text), "cw.csv", year, &cw, &d);
    ck_assert_msg(st == DII_OK, "crosswalk: %s", dii_last_error());
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    dii_diagnostics_free(d);
    return cw;
}

static double panel_value(const dii_tracking *tr, size_t u, size_t i, size_t k)
{
    double v = NAN;
    ck_assert(dii_result_indicator_value(dii_tracking_unit_year(tr, u, i), k, &v));
    return v;
}

/* Weights A 1, B 3, C 2, effective 2025:
 *   2023 n: C gave none, so (1·40 + 3·70)/(1 + 3) = 62.5 from A and B;
 *        b: A true, B false, C true → false (not all true);
 *   2024 n: (1·50 + 3·60)/4 = 57.5; b: true, true → true;
 *   2025: N's own 58 (the effective year is not merged); A's 2025 stays A's.
 * Merged records: 2023 n (A 40, B 70), 2023 b (A, B, C), 2024 n, 2024 b. */
START_TEST(crosswalk_weighted_merge)
{
    dii_framework *fw = load_fw(FW_X);
    dii_submissions *subs = parse(PANEL_X, "x.csv");
    dii_crosswalk *cw = crosswalk("from_unit,to_unit,weight\nA,N,1\nB,N,3\nC,N,2\n", 2025);
    ck_assert_uint_eq(dii_crosswalk_count(cw), 3);
    ck_assert_int_eq(dii_crosswalk_effective_year(cw), 2025);
    const char *from = NULL, *to = NULL;
    double w = 0;
    ck_assert_int_eq(dii_crosswalk_row(cw, 1, &from, &to, &w), DII_OK);
    ck_assert_str_eq(from, "B");
    ck_assert_str_eq(to, "N");
    ck_assert_double_eq(w, 3);
    ck_assert_int_eq(dii_crosswalk_row(cw, 3, NULL, NULL, NULL), DII_ERR_OUT_OF_RANGE);
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.crosswalk = cw;
    dii_tracking *tr = track(fw, subs, &opts);
    dii_crosswalk_free(cw); /* the tracking keeps what it needs */
    ck_assert_int_eq(dii_tracking_crosswalk_year(tr), 2025);
    ck_assert_uint_eq(dii_tracking_unit_count(tr), 2);
    size_t n = unit(tr, "N"), a = unit(tr, "A");
    ck_assert_uint_eq(n, 0); /* first appearance: A 2023, merged into N */
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, n), 3);
    ck_assert_double_eq_tol(panel_value(tr, n, 0, 0), 62.5, TOL);
    ck_assert_double_eq(panel_value(tr, n, 0, 1), 0);
    ck_assert_double_eq_tol(panel_value(tr, n, 1, 0), 57.5, TOL);
    ck_assert_double_eq(panel_value(tr, n, 1, 1), 1);
    ck_assert_double_eq(panel_value(tr, n, 2, 0), 58);
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, a), 1);
    ck_assert_double_eq(panel_value(tr, a, 0, 0), 10);
    ck_assert_uint_eq(dii_tracking_unit_merged_count(tr, n), 4);
    ck_assert_uint_eq(dii_tracking_unit_merged_count(tr, a), 0);
    int year = 0;
    size_t k = 9, sources = 0;
    double v = 0;
    ck_assert_int_eq(dii_tracking_unit_merged(tr, n, 0, &year, &k, &v, &sources), DII_OK);
    ck_assert_int_eq(year, 2023);
    ck_assert_uint_eq(k, 0);
    ck_assert_double_eq_tol(v, 62.5, TOL);
    ck_assert_uint_eq(sources, 2);
    const char *src = NULL;
    ck_assert_int_eq(dii_tracking_unit_merged_source(tr, n, 0, 1, &src, &w, &v), DII_OK);
    ck_assert_str_eq(src, "B");
    ck_assert_double_eq(w, 3);
    ck_assert_double_eq(v, 70);
    ck_assert_int_eq(dii_tracking_unit_merged(tr, n, 1, &year, &k, &v, &sources), DII_OK);
    ck_assert_uint_eq(k, 1);
    ck_assert_double_eq(v, 0);
    ck_assert_uint_eq(sources, 3);
    ck_assert_int_eq(dii_tracking_unit_merged_source(tr, n, 1, 2, &src, &w, &v), DII_OK);
    ck_assert_str_eq(src, "C");
    ck_assert_double_eq(v, 1);
    ck_assert_int_eq(dii_tracking_unit_merged(tr, n, 3, &year, NULL, NULL, NULL), DII_OK);
    ck_assert_int_eq(year, 2024);
    ck_assert_int_eq(dii_tracking_unit_merged(tr, n, 4, NULL, NULL, NULL, NULL),
                     DII_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(dii_tracking_unit_merged_source(tr, n, 0, 2, NULL, NULL, NULL),
                     DII_ERR_OUT_OF_RANGE);
    /* The JSON says which values came from which units. */
    char *json = NULL;
    ck_assert_int_eq(dii_tracking_to_json(tr, &json, NULL), DII_OK);
    char *golden = read_text(DII_TEST_DATA_DIR "/schema/valid/tracking.crosswalk.json");
    expect_same_text(json, golden);
    free(golden);
    dii_free(json);
    dii_tracking_free(tr);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* No weight column: equal weights, the plain mean. 2023 n: (40 + 70)/2 = 55
 * (C gave none); 2024: (50 + 60)/2 = 55. Effective year 2024: only 2023 is
 * merged, and the 2024 submissions stay A's and B's own. */
START_TEST(crosswalk_equal_weights_and_effective_year)
{
    dii_framework *fw = load_fw(FW_X);
    dii_submissions *subs = parse(PANEL_X, "x.csv");
    dii_crosswalk *cw = crosswalk("to_unit,from_unit\nN,A\nN,B\nN,C\n", 2025);
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.crosswalk = cw;
    dii_tracking *tr = track(fw, subs, &opts);
    size_t n = unit(tr, "N");
    ck_assert_double_eq_tol(panel_value(tr, n, 0, 0), 55, TOL);
    ck_assert_double_eq_tol(panel_value(tr, n, 1, 0), 55, TOL);
    double w = 0;
    ck_assert_int_eq(dii_tracking_unit_merged_source(tr, n, 0, 0, NULL, &w, NULL), DII_OK);
    ck_assert_double_eq(w, 1);
    dii_tracking_free(tr);
    dii_crosswalk_free(cw);

    cw = crosswalk("from_unit,to_unit\nA,N\nB,N\nC,N\n", 2024);
    opts.crosswalk = cw;
    tr = track(fw, subs, &opts);
    n = unit(tr, "N");
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, n), 2); /* 2023 merged, 2025 own */
    ck_assert_int_eq(dii_result_year(dii_tracking_unit_year(tr, n, 0)), 2023);
    ck_assert_int_eq(dii_result_year(dii_tracking_unit_year(tr, n, 1)), 2025);
    size_t a = unit(tr, "A");
    ck_assert_uint_eq(dii_tracking_unit_year_count(tr, a), 2); /* 2024 and 2025 */
    ck_assert_double_eq(panel_value(tr, a, 0, 0), 50);
    ck_assert_uint_eq(dii_tracking_unit_merged_count(tr, a), 0);
    dii_tracking_free(tr);
    dii_crosswalk_free(cw);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* A new unit that reports for a year before the change without being one of
 * its own former units would be counted twice: refused, located at the
 * submission. Listing it ("N,N") takes its data into the mean. */
START_TEST(crosswalk_conflict_and_self_row)
{
    dii_framework *fw = load_fw(FW_X);
    dii_submissions *subs = parse("unit_id,year,indicator,value\n"
                                  "A,2023,n,40\nN,2023,n,80\nN,2025,n,90\n", "c.csv");
    dii_crosswalk *cw = crosswalk("from_unit,to_unit\nA,N\n", 2025);
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.crosswalk = cw;
    dii_tracking *tr = (dii_tracking *)&tr;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, &d), DII_ERR_VALIDATION);
    ck_assert_ptr_null(tr);
    const dii_diagnostic *g = expect_diag_at(d, "crosswalk-conflict", 3, 1);
    ck_assert_str_eq(dii_diagnostic_file(g), "c.csv");
    ck_assert_int_eq(dii_diagnostic_submission(g), 1);
    dii_diagnostics_free(d);
    dii_crosswalk_free(cw);

    cw = crosswalk("from_unit,to_unit\nA,N\nN,N\n", 2025);
    opts.crosswalk = cw;
    tr = track(fw, subs, &opts);
    ck_assert_uint_eq(dii_tracking_unit_count(tr), 1);
    ck_assert_double_eq_tol(panel_value(tr, 0, 0, 0), 60, TOL); /* (40 + 80)/2 */
    ck_assert_uint_eq(dii_tracking_unit_merged_count(tr, 0), 1);
    dii_tracking_free(tr);
    dii_crosswalk_free(cw);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

static dii_diagnostics *bad_crosswalk(const char *text, dii_status expected)
{
    dii_crosswalk *cw = (dii_crosswalk *)&cw;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_crosswalk_load_memory(text, strlen(text), "bad.csv", 2025, &cw, &d),
                     expected);
    ck_assert_ptr_null(cw);
    ck_assert_ptr_nonnull(d);
    return d;
}

START_TEST(crosswalk_bad_rows_located)
{
    dii_diagnostics *d = bad_crosswalk("from_unit,to_unit,weight\n"
                                       "A,N,1\n"
                                       ",N,1\n"         /* 3:1 from_unit empty */
                                       "B, ,2\n"        /* 4:4 to_unit empty */
                                       "C,N,abc\n"      /* 5:5 not a number */
                                       "D,N,-1\n"       /* 6:5 not above 0 */
                                       "A,M,1\n"        /* 7:1 A again */
                                       "E,N,1,9\n"      /* 8:7 a cell too many */
                                       "  \"F\" , N,1.5e0\n" /* fine: quoted, blanks */
                                       "G,N,0\n",       /* 10:5 not above 0 */
                                       DII_ERR_VALIDATION);
    expect_diag_at(d, "missing-field", 3, 1);
    expect_diag_at(d, "missing-field", 4, 4);
    expect_diag_at(d, "wrong-type", 5, 5);
    expect_diag_at(d, "out-of-range", 6, 5);
    const dii_diagnostic *g = expect_diag_at(d, "duplicate-value", 7, 1);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "line 2"));
    expect_diag_at(d, "unknown-field", 8, 7);
    expect_diag_at(d, "out-of-range", 10, 5);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 7);
    ck_assert_str_eq(dii_diagnostic_file(dii_diagnostics_get(d, 0)), "bad.csv");
    dii_diagnostics_free(d);

    d = bad_crosswalk("from_unit,to\nA,N\n", DII_ERR_VALIDATION);
    expect_diag_at(d, "unknown-field", 1, 11); /* a warning: the column is ignored */
    expect_diag_at(d, "missing-field", 1, 1);  /* no to_unit column */
    dii_diagnostics_free(d);
    d = bad_crosswalk("from_unit,to_unit,from_unit\n", DII_ERR_VALIDATION);
    expect_diag_at(d, "duplicate-field", 1, 19);
    dii_diagnostics_free(d);
    d = bad_crosswalk("", DII_ERR_VALIDATION);
    expect_diag_at(d, "missing-field", 1, 1); /* no header */
    dii_diagnostics_free(d);
    d = bad_crosswalk("from_unit,to_unit\n\"A\"x,N\nB,N\n\"C,N\n", DII_ERR_PARSE);
    expect_diag_at(d, "syntax", 2, 4); /* text after a closing quote */
    expect_diag_at(d, "syntax", 4, 1); /* unterminated */
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 2);
    dii_diagnostics_free(d);
    d = bad_crosswalk("from_unit,to_unit\nA\xff,N\n", DII_ERR_PARSE);
    expect_diag_at(d, "encoding", 2, 2);
    dii_diagnostics_free(d);
}
END_TEST

/* Quoting, CRLF, a BOM, blank lines and a quoted line break all read. */
START_TEST(crosswalk_csv_forms)
{
    dii_crosswalk *cw = crosswalk("\xEF\xBB\xBF" "From_Unit , to_unit ,weight\r\n\r\n"
                                  "\"A \"\"x\"\"\",N,\r\n"
                                  "\"B\nC\",N, 2.5 \r\n", 2025);
    ck_assert_uint_eq(dii_crosswalk_count(cw), 2);
    const char *from = NULL;
    double w = 0;
    ck_assert_int_eq(dii_crosswalk_row(cw, 0, &from, NULL, &w), DII_OK);
    ck_assert_str_eq(from, "A \"x\"");
    ck_assert_double_eq(w, 1);
    ck_assert_int_eq(dii_crosswalk_row(cw, 1, &from, NULL, &w), DII_OK);
    ck_assert_str_eq(from, "B\nC");
    ck_assert_double_eq(w, 2.5);
    dii_crosswalk_free(cw);
    cw = crosswalk("from_unit,to_unit\n", 2025); /* a header alone: nothing merges */
    ck_assert_uint_eq(dii_crosswalk_count(cw), 0);
    dii_crosswalk_free(cw);
}
END_TEST

START_TEST(crosswalk_arguments_and_files)
{
    dii_crosswalk *cw = (dii_crosswalk *)&cw;
    dii_diagnostics *d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_crosswalk_load_memory("a", 1, NULL, 1899, &cw, &d),
                     DII_ERR_OUT_OF_RANGE);
    ck_assert_ptr_null(cw);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(dii_crosswalk_load_memory(NULL, 1, NULL, 2025, &cw, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_crosswalk_load_memory("a", 1, NULL, 2025, NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_crosswalk_load_file("/nonexistent/cw.csv", 2025, &cw, &d),
                     DII_ERR_IO);
    ck_assert_ptr_null(cw);
    ck_assert_int_eq(find_diag(d, "unreadable"), 0);
    dii_diagnostics_free(d);
    char path[] = "/tmp/dii-cw-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("from_unit,to_unit\nA,N\n", f);
    fclose(f);
    ck_assert_int_eq(dii_crosswalk_load_file(path, 2025, &cw, NULL), DII_OK);
    ck_assert_uint_eq(dii_crosswalk_count(cw), 1);
    dii_crosswalk_free(cw);
    remove(path);
    dii_crosswalk_free(NULL);
    ck_assert_uint_eq(dii_crosswalk_count(NULL), 0);
    ck_assert_int_eq(dii_crosswalk_effective_year(NULL), 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Arguments, names, validation                                              */
/* ------------------------------------------------------------------------ */

START_TEST(arguments_and_names)
{
    dii_framework *fw = load_fw(FW_2);
    dii_submissions *subs = parse(PANEL_2, "two.csv");
    dii_tracking *tr = (dii_tracking *)&tr;
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    ck_assert_int_eq(dii_track(NULL, subs, NULL, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(tr);
    ck_assert_int_eq(dii_track(fw, NULL, NULL, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_track(fw, subs, NULL, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    opts.version = 0;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    opts.version = DII_TRACKING_OPTIONS_VERSION + 1;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    opts.version = DII_TRACKING_OPTIONS_VERSION;
    opts.pace = (dii_pace_method)7;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    opts.pace = DII_PACE_LINEAR;
    opts.milestone_count = 1;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, NULL), DII_ERR_INVALID_ARGUMENT);
    int bad[] = {2025, 2201};
    opts.milestones = bad;
    opts.milestone_count = 2;
    ck_assert_int_eq(dii_track(fw, subs, &opts, &tr, NULL), DII_ERR_OUT_OF_RANGE);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "2201"));
    ck_assert_str_eq(dii_track_status_name(DII_TRACK_ON_TRACK), "on_track");
    ck_assert_str_eq(dii_track_status_name(DII_TRACK_ACCELERATION_NEEDED),
                     "acceleration_needed");
    ck_assert_str_eq(dii_track_status_name(DII_TRACK_NO_TARGET), "no_target");
    ck_assert_str_eq(dii_track_status_name(DII_TRACK_DETERIORATING), "deteriorating");
    ck_assert_ptr_null(dii_track_status_name((dii_track_status)8));
    ck_assert_ptr_null(dii_track_status_name((dii_track_status)-1));
    ck_assert_str_eq(dii_pace_method_name(DII_PACE_CAGR), "cagr");
    ck_assert_ptr_null(dii_pace_method_name((dii_pace_method)2));
    /* NULL handles read as empty. */
    ck_assert_uint_eq(dii_tracking_unit_count(NULL), 0);
    ck_assert_ptr_null(dii_tracking_unit_id(NULL, 0));
    ck_assert_int_eq(dii_tracking_milestone_status(NULL, 0, 0, 0), DII_TRACK_INSUFFICIENT_DATA);
    ck_assert_uint_eq(dii_tracking_milestone_row_count(NULL), 0);
    dii_tracking_free(NULL);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* Invalid submissions are refused as dii_score refuses them. */
START_TEST(validation_errors_refused)
{
    dii_framework *fw = load_fw(FW_2);
    dii_submissions *subs = parse("unit_id,year,indicator,value\nu,2024,x,120\n", "bad.csv");
    dii_tracking *tr = (dii_tracking *)&tr;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_track(fw, subs, NULL, &tr, &d), DII_ERR_VALIDATION);
    ck_assert_ptr_null(tr);
    expect_diag_at(d, "out-of-range", 2, 10);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Điện Biên 4734/KH-UBND                                                    */
/* ------------------------------------------------------------------------ */

/* Unit 11 (Điện Biên). 2022 values are the seed's actuals ("Thực hiện năm
 * 2022"); the 2023 and 2024 values are SYNTHETIC, made up for this test.
 * Milestones: the framework's target years after 2024: 2025 and 2030.
 * Row 1 mobile broadband /100: 67.4, 71.0*, 74.0* (baseline 2022 is the
 *   first observation's year, so not an extra point). slope over 2022–2024 =
 *   (74.0 - 67.4)/2 = 3.3 (centred: (-1)(-3.4) + (1)(3.2) over 2), ȳ = 70.8.
 *   2025 (>= 80): required (80 - 67.4)/3 = 4.2, R = 3.3/4.2 = 0.786 →
 *   acceleration_needed; projection 70.8 + 3.3·2 = 77.4; expected
 *   70.8 + 3.3(Y - 2023) >= 80 ⇔ Y >= 2025.79 → 2026.
 *   2030 (>= 100): required 32.6/8 = 4.075, R = 0.810 → acceleration_needed;
 *   projection 70.8 + 3.3·7 = 93.9; expected Y >= 2023 + 29.2/3.3 = 2031.85 → 2032.
 * Row 2 smartphone share: 75.2, 74.0*, 73.0*: slope -1.1; 2025 required
 *   (80 - 75.2)/3 = 1.6, R = -0.6875 → deteriorating.
 * Row 12 fibre households: 42, 47*, 56*: slope 7, ȳ = 145/3; 2025 "> 60":
 *   required 18/3 = 6, R = 7/6 → on_track; projection 145/3 + 14 = 62.33;
 *   expected 145/3 + 7(Y - 2023) > 60 ⇔ Y > 2024.67 → 2025.
 *   2030 (>= 100): required 58/8 = 7.25, R = 0.9655 → on_track.
 * Row 17 data centres (count): 1, 1*, 2*: slope 0.5; 2025 (>= 3): required
 *   2/3, R = 0.75 → acceleration_needed; 2030 (>= 4): required 3/8, R = 4/3
 *   → on_track.
 * Row 21 AI/blockchain/IoT (yes/no): Có every year → achieved at both.
 * Every other row has no value → insufficient_data. */
START_TEST(dien_bien_synthetic_panel)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    dii_submissions *subs = parse(
        "unit_id,unit_name,year,indicator,value\n"
        "11,Điện Biên,2022,mobile_broadband_subscriptions_per_100,67.4\n"
        "11,Điện Biên,2022,smartphone_subscription_share,75.2\n"
        "11,Điện Biên,2022,household_fibre_internet_access,42\n"
        "11,Điện Biên,2022,provincial_cloud_data_centres,1\n"
        "11,Điện Biên,2022,ai_blockchain_iot_deployed,có\n"
        "11,Điện Biên,2023,mobile_broadband_subscriptions_per_100,71.0\n"
        "11,Điện Biên,2023,smartphone_subscription_share,74.0\n"
        "11,Điện Biên,2023,household_fibre_internet_access,47\n"
        "11,Điện Biên,2023,provincial_cloud_data_centres,1\n"
        "11,Điện Biên,2023,ai_blockchain_iot_deployed,có\n"
        "11,Điện Biên,2024,mobile_broadband_subscriptions_per_100,74.0\n"
        "11,Điện Biên,2024,smartphone_subscription_share,73.0\n"
        "11,Điện Biên,2024,household_fibre_internet_access,56\n"
        "11,Điện Biên,2024,provincial_cloud_data_centres,2\n"
        "11,Điện Biên,2024,ai_blockchain_iot_deployed,có\n",
        "dien-bien-synthetic.csv");
    dii_tracking *tr = track(fw, subs, NULL);
    ck_assert_str_eq(dii_tracking_unit_name(tr, 0), "Điện Biên");
    size_t m25 = ms(tr, 0, 2025), m30 = ms(tr, 0, 2030);
    ck_assert_uint_eq(dii_tracking_unit_milestone_count(tr, 0), 2);
    size_t k = ind(tr, "mobile_broadband_subscriptions_per_100");
    ck_assert_str_eq(dii_tracking_indicator_code(tr, k), "1");
    ck_assert_uint_eq(dii_tracking_indicator_point_count(tr, 0, k), 3);
    ck_assert_double_eq_tol(observed(tr, 0, k), 3.3, 1e-9);
    ck_assert_double_eq_tol(ratio(tr, 0, k, m25), 3.3 / 4.2, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(projection(tr, 0, k, m25), 77.4, 1e-9);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(tr, 0, k, m25), 2026);
    ck_assert_double_eq_tol(ratio(tr, 0, k, m30), 3.3 / 4.075, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m30), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(projection(tr, 0, k, m30), 93.9, 1e-9);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(tr, 0, k, m30), 2032);
    k = ind(tr, "smartphone_subscription_share");
    ck_assert_double_eq_tol(ratio(tr, 0, k, m25), -1.1 / 1.6, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_DETERIORATING);
    k = ind(tr, "household_fibre_internet_access");
    ck_assert_double_eq_tol(ratio(tr, 0, k, m25), 7.0 / 6, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_ON_TRACK);
    ck_assert_double_eq_tol(projection(tr, 0, k, m25), 145.0 / 3 + 14, 1e-9);
    ck_assert_int_eq(dii_tracking_milestone_expected_year(tr, 0, k, m25), 2025);
    ck_assert_double_eq_tol(ratio(tr, 0, k, m30), 7 / 7.25, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m30), DII_TRACK_ON_TRACK);
    k = ind(tr, "provincial_cloud_data_centres");
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_ACCELERATION_NEEDED);
    ck_assert_double_eq_tol(ratio(tr, 0, k, m30), 4.0 / 3, 1e-9);
    ck_assert_int_eq(STATUS(tr, 0, k, m30), DII_TRACK_ON_TRACK);
    k = ind(tr, "ai_blockchain_iot_deployed");
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_ACHIEVED);
    ck_assert_int_eq(STATUS(tr, 0, k, m30), DII_TRACK_ACHIEVED);
    k = ind(tr, "urban_5g_coverage");
    ck_assert_int_eq(STATUS(tr, 0, k, m25), DII_TRACK_INSUFFICIENT_DATA);
    dii_tracking_free(tr);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failures                                                       */
/* ------------------------------------------------------------------------ */

/* Every allocation dii_track makes fails in turn: each run ends in
 * DII_ERR_NO_MEMORY with nothing handed out, or succeeds with the right
 * figures; ASan / valgrind check that no path leaks. A crosswalk is used so
 * that the merge records are walked too. */
START_TEST(track_under_allocation_failures)
{
    dii_framework *fw = load_fw(FW_X);
    dii_submissions *subs = parse(PANEL_X, "x.csv");
    dii_crosswalk *cw = crosswalk("from_unit,to_unit,weight\nA,N,1\nB,N,3\nC,N,2\n", 2025);
    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.crosswalk = cw;
    long failures = 0;
    for (long n = 0;; n++) {
        dii_tracking *tr = (dii_tracking *)&tr;
        dii_diagnostics *d = (dii_diagnostics *)&d;
        failalloc_arm(n);
        dii_status st = dii_track(fw, subs, &opts, &tr, &d);
        int failed_one = failalloc_calls() > n;
        char message[256];
        snprintf(message, sizeof message, "%s", dii_last_error());
        failalloc_disarm();
        if (st == DII_ERR_NO_MEMORY) {
            ck_assert_ptr_null(tr);
            ck_assert_ptr_null(d);
            ck_assert_str_eq(message, "out of memory");
            failures++;
        } else {
            ck_assert_int_eq(st, DII_OK);
            ck_assert_double_eq_tol(panel_value(tr, 0, 0, 0), 62.5, TOL);
            ck_assert_uint_eq(dii_tracking_unit_merged_count(tr, 0), 4);
            char *json = NULL;
            failalloc_arm(-1);
            ck_assert_int_eq(dii_tracking_to_json(tr, &json, NULL), DII_OK);
            failalloc_disarm();
            dii_free(json);
            dii_tracking_free(tr);
            dii_diagnostics_free(d);
        }
        if (!failed_one)
            break;
        ck_assert_int_lt(n, 100000);
    }
    ck_assert_int_gt(failures, 0);
    dii_crosswalk_free(cw);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

/* The same walk over the crosswalk loader and the JSON writer. */
START_TEST(crosswalk_and_json_under_allocation_failures)
{
    static const char text[] = "from_unit,to_unit,weight\nA,N,1\nB,N,3\n\"C\",N,\n";
    for (long n = 0;; n++) {
        dii_crosswalk *cw = (dii_crosswalk *)&cw;
        dii_diagnostics *d = (dii_diagnostics *)&d;
        failalloc_arm(n);
        dii_status st = dii_crosswalk_load_memory(text, strlen(text), "cw", 2025, &cw, &d);
        int failed_one = failalloc_calls() > n;
        failalloc_disarm();
        if (st == DII_ERR_NO_MEMORY) {
            ck_assert_ptr_null(cw);
            ck_assert_ptr_null(d);
        } else {
            ck_assert_int_eq(st, DII_OK);
            ck_assert_uint_eq(dii_crosswalk_count(cw), 3);
            dii_crosswalk_free(cw);
            dii_diagnostics_free(d);
        }
        if (!failed_one)
            break;
    }
    fixture f = open_t(NULL);
    for (long n = 0;; n++) {
        char *json = (char *)&json;
        failalloc_arm(n);
        dii_status st = dii_tracking_to_json(f.tr, &json, NULL);
        int failed_one = failalloc_calls() > n;
        failalloc_disarm();
        if (st == DII_ERR_NO_MEMORY)
            ck_assert_ptr_null(json);
        else
            ck_assert_int_eq(st, DII_OK);
        dii_free(st == DII_OK ? json : NULL);
        if (!failed_one)
            break;
    }
    close_fixture(&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The expected year: computed without stepping, identical to the steps     */
/* ------------------------------------------------------------------------ */

/* The definition (docs/tracking.md §1), as a loop: the first whole year from
 * the latest to DII_YEAR_MAX whose clamped projection meets the target. */
static int expected_year_by_loop(const track_pace *p, dii_unit unit, const track_target *tg)
{
    for (int y = p->t; y <= DII_YEAR_MAX; y++)
        if (dii_op_holds(tg->op, track_project(p, unit, y), tg->value))
            return y;
    return 0;
}

/* track_assess's expected year for pace p against `op value`, checked
 * against the loop; returns it. */
static int assess_checked(const track_pace *p, dii_unit unit, dii_op op, double value)
{
    track_target tg = {2030, op, value};
    track_outcome o;
    track_assess(p, 0, unit, 1, &tg, &o);
    int loop = expected_year_by_loop(p, unit, &tg);
    if (o.expected_year != loop)
        ck_abort_msg("expected year %d, the loop gives %d (method %d, unit %d, op %s "
                     "%.17g, pace %.17g, t %d)", o.expected_year, loop, (int)p->method,
                     (int)unit, dii_op_symbol(op), value, p->pace, p->t);
    return o.expected_year;
}

static int expected_checked(dii_pace_method m, dii_unit unit, const int *years,
                            const double *values, size_t n, dii_op op, double value)
{
    track_series s = {years, values, n};
    track_pace p;
    track_observe(&p, m, 0, &s);
    ck_assert(p.has_pace);
    return assess_checked(&p, unit, op, value);
}

/* Hand-computed edge cases. The line through (2020, 10) and (2022, 14) is
 * L(Y) = 12 + 2 ((Y - 2020) - 1), exact in binary: L(2025) = 20 exactly,
 * L(2200) = 370; the latest year is 2022 (L = 14). */
START_TEST(expected_year_edge_cases)
{
    const int yrs[] = {2020, 2022};
    const double up[] = {10, 14}, down[] = {14, 10};
    dii_unit u = DII_UNIT_COUNT;
    /* A strict comparator landing exactly on a whole year: L(2025) = 20. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_GE, 20), 2025);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_GT, 20), 2026);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_EQ, 20), 2025);
    /* == between two whole years (L(2025) = 20, L(2026) = 22): never. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_EQ, 21), 0);
    /* Lower is better: L(Y) = 12 - 2 ((Y - 2020) - 1): 4 in 2025, 0 in 2027,
     * then clamped to 0 (a count). */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_LE, 4), 2025);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_LT, 4), 2026);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_LE, 0), 2027);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_EQ, 0), 2027);
    /* Below the clamp: never. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_LT, 0), 0);
    /* Already met at the latest year (L(2022) = 14 resp. 10), also moving away. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_GE, 14), 2022);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_GE, 9), 2022);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_EQ, 14), 2022);
    /* Moving away from the target: never. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, down, 2, DII_OP_GE, 20), 0);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_EQ, 5), 0);
    /* Reached in 2200 exactly (L(2200) = 370); one more: never by 2200. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_GE, 370),
                     DII_YEAR_MAX);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, up, 2, DII_OP_GT, 370), 0);
    /* A flat line: met at once or never. */
    const double flat[] = {7, 7};
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, flat, 2, DII_OP_EQ, 7), 2022);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, u, yrs, flat, 2, DII_OP_GT, 7), 0);
    /* A percent meets 100 at L(2065) = 100 and stays there (clamped); above
     * 100 it never gets. */
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, DII_UNIT_PERCENT, yrs, up, 2, DII_OP_GE,
                                      100), 2065);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, DII_UNIT_PERCENT, yrs, up, 2, DII_OP_EQ,
                                      100), 2065);
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, DII_UNIT_PERCENT, yrs, up, 2, DII_OP_GT,
                                      100), 0);
    /* CAGR: 10 → 40 in 2 years is 100 % a year, 40 · 2^(Y - 2022), exact:
     * 320 in 2025. */
    const double grow[] = {10, 40}, shrink[] = {40, 10};
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, grow, 2, DII_OP_GE, 320), 2025);
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, grow, 2, DII_OP_GT, 320), 2026);
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, grow, 2, DII_OP_EQ, 320), 2025);
    /* Halving: 10 · 2^-(Y - 2022), 1.25 in 2025; never 0 by 2200. */
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, shrink, 2, DII_OP_LE, 1.25), 2025);
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, shrink, 2, DII_OP_LT, 1.25), 2026);
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, shrink, 2, DII_OP_LE, 0), 0);
    ck_assert_int_eq(expected_checked(DII_PACE_CAGR, u, yrs, shrink, 2, DII_OP_GE, 50), 0);
    /* Sums that overflow: the slope is +inf, not finite, and the result is
     * the loop's (the first year whose projection is +inf). */
    const double huge[] = {-1.5e308, 1.7e308};
    ck_assert_int_eq(expected_checked(DII_PACE_LINEAR, DII_UNIT_OTHER, yrs, huge, 2, DII_OP_GE,
                                      1e308), 2022);
}
END_TEST

/* A small deterministic generator (xorshift64*), so that a failure repeats. */
static uint64_t rng_next(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

static double rng_unit(uint64_t *state)
{
    return (double)(rng_next(state) >> 11) / 9007199254740992.0; /* [0, 1) */
}

/* 40,000 random series, both methods, every comparator, units with and
 * without a clamp. A third of the targets are the projection itself at a
 * random whole year (ties decided by the last bit: the strict comparators
 * must step over them exactly as the loop does), a third a neighbouring
 * double of it, a third anywhere. */
START_TEST(expected_year_matches_loop_on_random_series)
{
    static const dii_unit units[] = {DII_UNIT_PERCENT, DII_UNIT_RATIO, DII_UNIT_COUNT,
                                     DII_UNIT_OTHER};
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    int years[9];
    double values[9];
    for (int i = 0; i < 40000; i++) {
        size_t n = 2 + rng_next(&state) % 8;
        int y = 2010 + (int)(rng_next(&state) % 20);
        double scale = pow(10, (double)(rng_next(&state) % 7) - 3);
        for (size_t j = 0; j < n; j++) {
            years[j] = y;
            y += 1 + (int)(rng_next(&state) % 3);
            values[j] = scale * (rng_unit(&state) * 100);
        }
        dii_pace_method m = rng_next(&state) % 2 ? DII_PACE_CAGR : DII_PACE_LINEAR;
        dii_unit unit = units[rng_next(&state) % 4];
        track_series s = {years, values, n};
        track_pace p;
        track_observe(&p, m, 0, &s);
        ck_assert(p.has_pace);
        double target;
        int kind = (int)(rng_next(&state) % 3);
        if (kind < 2) {
            int at = p.t + (int)(rng_next(&state) % (DII_YEAR_MAX - p.t + 1));
            target = track_project(&p, unit, at);
            if (kind == 1)
                target = nextafter(target, rng_next(&state) % 2 ? INFINITY : -INFINITY);
        } else {
            target = scale * (rng_unit(&state) * 300 - 50);
        }
        assess_checked(&p, unit, (dii_op)(rng_next(&state) % 5), target);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("track");
    TCase *tc = tcase_create("track");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, default_milestones_and_units);
    tcase_add_test(tc, ols_with_skipped_year_acceleration_and_on_track);
    tcase_add_test(tc, limited_progress_and_deteriorating);
    tcase_add_test(tc, strict_comparator_achieved_and_clamping);
    tcase_add_test(tc, zero_or_away_required_pace);
    tcase_add_test(tc, lower_is_better);
    tcase_add_test(tc, yes_no_insufficient_and_no_target);
    tcase_add_test(tc, start_point_from_earlier_baseline);
    tcase_add_test(tc, interpolated_milestone_2027);
    tcase_add_test(tc, milestone_at_start_year);
    tcase_add_test(tc, projected_score);
    tcase_add_test(tc, milestone_columns_match_accessors);
    tcase_add_test(tc, cagr_method);
    tcase_add_test(tc, trajectory_ranks_two_units);
    tcase_add_test(tc, json_golden_and_fields);
    tcase_add_test(tc, crosswalk_weighted_merge);
    tcase_add_test(tc, crosswalk_equal_weights_and_effective_year);
    tcase_add_test(tc, crosswalk_conflict_and_self_row);
    tcase_add_test(tc, crosswalk_bad_rows_located);
    tcase_add_test(tc, crosswalk_csv_forms);
    tcase_add_test(tc, crosswalk_arguments_and_files);
    tcase_add_test(tc, arguments_and_names);
    tcase_add_test(tc, validation_errors_refused);
    tcase_add_test(tc, dien_bien_synthetic_panel);
    tcase_add_test(tc, track_under_allocation_failures);
    tcase_add_test(tc, crosswalk_and_json_under_allocation_failures);
    tcase_add_test(tc, expected_year_edge_cases);
    tcase_add_test(tc, expected_year_matches_loop_on_random_series);
    suite_add_tcase(s, tc);
    return s;
}
