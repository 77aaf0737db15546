/* Scoring methods (lib/method.c) on hand-built indicators. Every expected
 * attainment is worked out by hand in the comment beside it from design.md
 * §5.1's formulas. */
#include <math.h>

#include "testutil.h"
#include "score.h"

#define EPS 1e-12

static struct dii_indicator make(dii_method method, dii_unit unit, dii_direction dir)
{
    struct dii_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.id = "x";
    ind.method = method;
    ind.unit = unit;
    ind.direction = dir;
    ind.points = 1;
    return ind;
}

static double with_target(const struct dii_indicator *ind, double value, dii_op op, double t)
{
    dii_score_input in = {value, 1, op, t, NULL};
    return dii_attainment(ind, &in);
}

static double plain(const struct dii_indicator *ind, double value)
{
    dii_score_input in = {value, 0, DII_OP_GE, 0, NULL};
    return dii_attainment(ind, &in);
}

static double in_cohort(const struct dii_indicator *ind, double value, double lo, double hi)
{
    dii_cohort_range r = {1, lo, hi};
    dii_score_input in = {value, 0, DII_OP_GE, 0, &r};
    return dii_attainment(ind, &in);
}

START_TEST(target_ratio_higher)
{
    struct dii_indicator ind = make(DII_METHOD_TARGET_RATIO, DII_UNIT_PER_100_PEOPLE,
                                    DII_DIRECTION_HIGHER);
    ck_assert_double_eq_tol(with_target(&ind, 67.4, DII_OP_GE, 72), 67.4 / 72, EPS); /* 0.9361 */
    ck_assert_double_eq(with_target(&ind, 80, DII_OP_GE, 72), 1);   /* clamped */
    ck_assert_double_eq(with_target(&ind, -5, DII_OP_GE, 72), 0);   /* clamped below */
    /* Target 0 (row 6 in 2023): 0 >= 0 is met → 1; 0 > 0 is not → 0. */
    ck_assert_double_eq(with_target(&ind, 0, DII_OP_GE, 0), 1);
    ck_assert_double_eq(with_target(&ind, 0, DII_OP_GT, 0), 0);
    /* No target at all earns nothing. */
    ck_assert_double_eq(plain(&ind, 50), 0);
}
END_TEST

START_TEST(target_ratio_lower)
{
    struct dii_indicator ind = make(DII_METHOD_TARGET_RATIO, DII_UNIT_COUNT, DII_DIRECTION_LOWER);
    ck_assert_double_eq(with_target(&ind, 20, DII_OP_LE, 10), 0.5);  /* 10 / 20 */
    ck_assert_double_eq(with_target(&ind, 5, DII_OP_LE, 10), 1);     /* 10 / 5 = 2, clamped */
    ck_assert_double_eq(with_target(&ind, 0, DII_OP_LE, 10), 1);     /* value 0: met → 1 */
    ck_assert_double_eq(with_target(&ind, 0, DII_OP_LT, 0), 0);      /* 0 < 0 not met → 0 */
}
END_TEST

START_TEST(ratio_method)
{
    struct dii_indicator pct = make(DII_METHOD_RATIO, DII_UNIT_PERCENT, DII_DIRECTION_HIGHER);
    ck_assert_double_eq_tol(plain(&pct, 42), 0.42, EPS);     /* 42 / 100 */
    ck_assert_double_eq(plain(&pct, 150), 1);                /* clamped */
    struct dii_indicator r = make(DII_METHOD_RATIO, DII_UNIT_RATIO, DII_DIRECTION_HIGHER);
    ck_assert_double_eq_tol(plain(&r, 0.3), 0.3, EPS);
    struct dii_indicator low = make(DII_METHOD_RATIO, DII_UNIT_PERCENT, DII_DIRECTION_LOWER);
    ck_assert_double_eq_tol(plain(&low, 42), 0.58, EPS);     /* 1 - 0.42 */
}
END_TEST

START_TEST(linear_method)
{
    struct dii_indicator ind = make(DII_METHOD_LINEAR, DII_UNIT_MBPS, DII_DIRECTION_HIGHER);
    ind.linear_min = 20;
    ind.linear_max = 70;
    ck_assert_double_eq(plain(&ind, 45), 0.5);               /* (45 - 20) / 50 */
    ck_assert_double_eq(plain(&ind, 10), 0);
    ck_assert_double_eq(plain(&ind, 100), 1);
    ind.direction = DII_DIRECTION_LOWER;
    ck_assert_double_eq_tol(plain(&ind, 30), 0.8, EPS);      /* 1 - (30 - 20) / 50 */
}
END_TEST

START_TEST(boolean_method)
{
    struct dii_indicator ind = make(DII_METHOD_BOOLEAN, DII_UNIT_BOOLEAN, DII_DIRECTION_HIGHER);
    ck_assert_double_eq(plain(&ind, 1), 1);
    ck_assert_double_eq(plain(&ind, 0), 0);
    ind.direction = DII_DIRECTION_LOWER;
    ck_assert_double_eq(plain(&ind, 0), 1);
}
END_TEST

START_TEST(bands_method)
{
    dii_band high[] = {{90, 1}, {80, 0.5}};
    struct dii_indicator ind = make(DII_METHOD_BANDS, DII_UNIT_PERCENT, DII_DIRECTION_HIGHER);
    ind.bands = high;
    ind.band_count = 2;
    ck_assert_double_eq(plain(&ind, 95), 1);
    ck_assert_double_eq(plain(&ind, 90), 1);                 /* reaching 'from' counts */
    ck_assert_double_eq(plain(&ind, 85), 0.5);
    ck_assert_double_eq(plain(&ind, 70), 0);                 /* below every band */
    dii_band low[] = {{10, 1}, {20, 0.5}};
    ind.bands = low;
    ind.direction = DII_DIRECTION_LOWER;
    ck_assert_double_eq(plain(&ind, 15), 0.5);
    ck_assert_double_eq(plain(&ind, 5), 1);
    ck_assert_double_eq(plain(&ind, 25), 0);
}
END_TEST

START_TEST(best_in_cohort_method)
{
    struct dii_indicator ind = make(DII_METHOD_BEST_IN_COHORT, DII_UNIT_MBPS,
                                    DII_DIRECTION_HIGHER);
    /* Cohort 25, 50, 100: value / 100. */
    ck_assert_double_eq(in_cohort(&ind, 50, 25, 100), 0.5);
    ck_assert_double_eq(in_cohort(&ind, 100, 25, 100), 1);
    ck_assert_double_eq(in_cohort(&ind, 25, 25, 100), 0.25);
    /* A cohort of one is its own best. */
    ck_assert_double_eq(in_cohort(&ind, 7, 7, 7), 1);
    /* All zero: nobody can be divided by; the best (0) scores 1. */
    ck_assert_double_eq(in_cohort(&ind, 0, 0, 0), 1);
    ind.direction = DII_DIRECTION_LOWER;
    ck_assert_double_eq(in_cohort(&ind, 2, 2, 4), 1);        /* 2 / 2 */
    ck_assert_double_eq(in_cohort(&ind, 4, 2, 4), 0.5);      /* 2 / 4 */
    /* No cohort information at all: nothing to compare with. */
    ck_assert_double_eq(plain(&ind, 4), 0);
}
END_TEST

START_TEST(min_max_cohort_method)
{
    struct dii_indicator ind = make(DII_METHOD_MIN_MAX_COHORT, DII_UNIT_PERCENT,
                                    DII_DIRECTION_HIGHER);
    ck_assert_double_eq(in_cohort(&ind, 10, 10, 30), 0);
    ck_assert_double_eq(in_cohort(&ind, 20, 10, 30), 0.5);
    ck_assert_double_eq(in_cohort(&ind, 30, 10, 30), 1);
    ck_assert_double_eq(in_cohort(&ind, 40, 40, 40), 1);     /* all equal → 1 */
    ind.direction = DII_DIRECTION_LOWER;
    ck_assert_double_eq(in_cohort(&ind, 10, 10, 30), 1);
    ck_assert_double_eq(in_cohort(&ind, 25, 10, 30), 0.25);  /* 1 - 15 / 20 */
}
END_TEST

START_TEST(comparator)
{
    ck_assert(dii_op_holds(DII_OP_GE, 60, 60));
    ck_assert(!dii_op_holds(DII_OP_GT, 60, 60));
    ck_assert(dii_op_holds(DII_OP_GT, 60.5, 60));
    ck_assert(dii_op_holds(DII_OP_LE, 3, 3));
    ck_assert(!dii_op_holds(DII_OP_LT, 3, 3));
    ck_assert(dii_op_holds(DII_OP_EQ, 1, 1));
    ck_assert(!dii_op_holds(DII_OP_EQ, 0, 1));
    ck_assert(!dii_op_holds((dii_op)42, 1, 1));
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("methods");
    TCase *tc = tcase_create("attainment");
    tcase_add_test(tc, target_ratio_higher);
    tcase_add_test(tc, target_ratio_lower);
    tcase_add_test(tc, ratio_method);
    tcase_add_test(tc, linear_method);
    tcase_add_test(tc, boolean_method);
    tcase_add_test(tc, bands_method);
    tcase_add_test(tc, best_in_cohort_method);
    tcase_add_test(tc, min_max_cohort_method);
    tcase_add_test(tc, comparator);
    suite_add_tcase(s, tc);
    return s;
}
