/* The target lookup: which target applies to an indicator in a given year.
 * The one implementation of the rule; scoring, compliance and every output
 * use it through dii_indicator_target_for_year. */
#include "error.h"
#include "model.h"

static void set_target(const dii_target_def *t, int year, double value, dii_target_basis b,
                       int *target_year, dii_op *op, double *out_value,
                       dii_target_basis *basis)
{
    if (target_year)
        *target_year = year;
    if (op)
        *op = t->op;
    if (out_value)
        *out_value = value;
    if (basis)
        *basis = b;
}

/* Linear between the milestones around year; booleans cannot be
 * interpolated, so they keep the earlier milestone's value. */
static double interpolate(const struct dii_indicator *ind, const dii_target_def *lo,
                          const dii_target_def *hi, int year)
{
    if (ind->unit == DII_UNIT_BOOLEAN)
        return lo->value;
    double share = (double)(year - lo->year) / (double)(hi->year - lo->year);
    return lo->value + (hi->value - lo->value) * share;
}

DII_API dii_status dii_indicator_target_for_year(const dii_indicator *ind, int year,
                                                 int *target_year, dii_op *op, double *value,
                                                 dii_target_basis *basis)
{
    if (target_year)
        *target_year = 0;
    if (op)
        *op = DII_OP_GE;
    if (value)
        *value = 0;
    if (basis)
        *basis = DII_BASIS_EXACT;
    if (!ind)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "indicator must not be NULL");
    if (ind->target_count == 0)
        return dii_fail(DII_ERR_NOT_FOUND, "indicator '%s' has no targets", ind->id);
    dii_clear_error();
    const dii_target_def *first = &ind->targets[0];
    const dii_target_def *last = &ind->targets[ind->target_count - 1];
    if (year <= first->year) {
        dii_target_basis b = year == first->year ? DII_BASIS_EXACT : DII_BASIS_NEAREST;
        set_target(first, first->year, first->value, b, target_year, op, value, basis);
        return DII_OK;
    }
    if (year >= last->year) {
        dii_target_basis b = year == last->year ? DII_BASIS_EXACT : DII_BASIS_NEAREST;
        set_target(last, last->year, last->value, b, target_year, op, value, basis);
        return DII_OK;
    }
    for (size_t i = 1; i < ind->target_count; i++) {
        const dii_target_def *hi = &ind->targets[i];
        if (hi->year == year) {
            set_target(hi, year, hi->value, DII_BASIS_EXACT, target_year, op, value, basis);
            return DII_OK;
        }
        if (hi->year > year) {
            double v = interpolate(ind, &ind->targets[i - 1], hi, year);
            set_target(hi, year, v, DII_BASIS_INTERPOLATED, target_year, op, value, basis);
            return DII_OK;
        }
    }
    return dii_fail(DII_ERR_NOT_FOUND, "no target for %d", year); /* unreachable: sorted */
}
