/* The target lookup (lib/target.c) on the Điện Biên rows it matters most for.
 * Expected values are worked out by hand from the seed's appendix. */
#include "testutil.h"
#include "model.h"

/* Row 1 of the appendix: >= 72, 76, 80 (2023–2025), 100 (2030). */
static dii_target_def row1[] = {
    {2023, DII_OP_GE, 72}, {2024, DII_OP_GE, 76}, {2025, DII_OP_GE, 80}, {2030, DII_OP_GE, 100}};
/* Row 12: 48, 54, > 60, 100. */
static dii_target_def row12[] = {
    {2023, DII_OP_GE, 48}, {2024, DII_OP_GE, 54}, {2025, DII_OP_GT, 60}, {2030, DII_OP_GE, 100}};
/* Row 21: "Có" every year. */
static dii_target_def row21[] = {{2023, DII_OP_EQ, 1}, {2030, DII_OP_EQ, 1}};

static struct dii_indicator make(dii_target_def *targets, size_t n, dii_unit unit)
{
    struct dii_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.id = "x";
    ind.unit = unit;
    ind.targets = targets;
    ind.target_count = n;
    return ind;
}

static void expect(const struct dii_indicator *ind, int year, int want_year, dii_op want_op,
                   double want_value, dii_target_basis want_basis)
{
    int ty = 0;
    dii_op op = DII_OP_EQ;
    double v = -1;
    dii_target_basis basis = DII_BASIS_NEAREST;
    ck_assert_int_eq(dii_indicator_target_for_year(ind, year, &ty, &op, &v, &basis), DII_OK);
    ck_assert_int_eq(ty, want_year);
    ck_assert_int_eq(op, want_op);
    ck_assert_double_eq_tol(v, want_value, 1e-12);
    ck_assert_int_eq(basis, want_basis);
}

START_TEST(exact_years)
{
    struct dii_indicator ind = make(row1, 4, DII_UNIT_PER_100_PEOPLE);
    expect(&ind, 2023, 2023, DII_OP_GE, 72, DII_BASIS_EXACT);
    expect(&ind, 2024, 2024, DII_OP_GE, 76, DII_BASIS_EXACT);
    expect(&ind, 2030, 2030, DII_OP_GE, 100, DII_BASIS_EXACT);
}
END_TEST

START_TEST(interpolated_years)
{
    struct dii_indicator ind = make(row1, 4, DII_UNIT_PER_100_PEOPLE);
    /* 2027: 80 + (100 - 80) x (2027 - 2025) / (2030 - 2025) = 88. */
    expect(&ind, 2027, 2027, DII_OP_GE, 88, DII_BASIS_INTERPOLATED);
    expect(&ind, 2026, 2026, DII_OP_GE, 84, DII_BASIS_INTERPOLATED);
    expect(&ind, 2029, 2029, DII_OP_GE, 96, DII_BASIS_INTERPOLATED);
    /* Row 12, 2027: 60 + 40 x 2 / 5 = 76 with the later milestone's op (>=). */
    struct dii_indicator r12 = make(row12, 4, DII_UNIT_PERCENT);
    expect(&r12, 2027, 2027, DII_OP_GE, 76, DII_BASIS_INTERPOLATED);
    expect(&r12, 2025, 2025, DII_OP_GT, 60, DII_BASIS_EXACT);
}
END_TEST

START_TEST(nearest_outside_range)
{
    struct dii_indicator ind = make(row1, 4, DII_UNIT_PER_100_PEOPLE);
    expect(&ind, 2022, 2023, DII_OP_GE, 72, DII_BASIS_NEAREST);
    expect(&ind, 2035, 2030, DII_OP_GE, 100, DII_BASIS_NEAREST);
}
END_TEST

START_TEST(boolean_not_interpolated)
{
    struct dii_indicator ind = make(row21, 2, DII_UNIT_BOOLEAN);
    expect(&ind, 2026, 2026, DII_OP_EQ, 1, DII_BASIS_INTERPOLATED);
    dii_target_def mixed[] = {{2023, DII_OP_EQ, 0}, {2030, DII_OP_EQ, 1}};
    struct dii_indicator m = make(mixed, 2, DII_UNIT_BOOLEAN);
    expect(&m, 2029, 2029, DII_OP_EQ, 0, DII_BASIS_INTERPOLATED); /* earlier milestone */
}
END_TEST

START_TEST(no_targets_and_bad_args)
{
    struct dii_indicator ind = make(NULL, 0, DII_UNIT_PERCENT);
    ck_assert_int_eq(dii_indicator_target_for_year(&ind, 2025, NULL, NULL, NULL, NULL),
                     DII_ERR_NOT_FOUND);
    ck_assert_int_eq(dii_indicator_target_for_year(NULL, 2025, NULL, NULL, NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    /* Every out parameter may be NULL. */
    struct dii_indicator r1 = make(row1, 4, DII_UNIT_PER_100_PEOPLE);
    ck_assert_int_eq(dii_indicator_target_for_year(&r1, 2027, NULL, NULL, NULL, NULL), DII_OK);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("target");
    TCase *tc = tcase_create("lookup");
    tcase_add_test(tc, exact_years);
    tcase_add_test(tc, interpolated_years);
    tcase_add_test(tc, nearest_outside_range);
    tcase_add_test(tc, boolean_not_interpolated);
    tcase_add_test(tc, no_targets_and_bad_args);
    suite_add_tcase(s, tc);
    return s;
}
