/* The scoring methods of design.md §5.1: how much of an indicator's points a
 * value earns. Compliance (met / not met) is decided elsewhere, by
 * dii_op_holds; a method only measures attainment. */
#include <math.h>

#include "score.h"

static double clamp01(double x)
{
    if (!(x > 0))
        return 0;
    return x > 1 ? 1 : x;
}

/* value / target, or target / value when lower is better. A target (or,
 * lower-is-better, a value) at or below zero makes the ratio meaningless:
 * then the target is simply met or not. */
static double target_ratio(const struct dii_indicator *ind, const dii_score_input *in)
{
    if (!in->has_target)
        return 0;
    int met = dii_op_holds(in->op, in->value, in->target);
    if (ind->direction == DII_DIRECTION_HIGHER) {
        if (in->target <= 0)
            return met ? 1 : 0;
        return clamp01(in->value / in->target);
    }
    if (in->value <= 0 || in->target <= 0)
        return met ? 1 : 0;
    return clamp01(in->target / in->value);
}

/* The value is already a share: percent / 100, ratio as is; when lower is
 * better the complement earns the points. */
static double share(const struct dii_indicator *ind, double value)
{
    double s = ind->unit == DII_UNIT_PERCENT ? value / 100.0 : value;
    s = clamp01(s);
    return ind->direction == DII_DIRECTION_HIGHER ? s : 1 - s;
}

static double linear(const struct dii_indicator *ind, double value)
{
    double a = (value - ind->linear_min) / (ind->linear_max - ind->linear_min);
    a = clamp01(a);
    return ind->direction == DII_DIRECTION_HIGHER ? a : 1 - a;
}

/* Bands are listed best first (the parser checks it), so the first band
 * the value reaches is the highest one. */
static double bands(const struct dii_indicator *ind, double value)
{
    for (size_t i = 0; i < ind->band_count; i++) {
        const dii_band *b = &ind->bands[i];
        int reached = ind->direction == DII_DIRECTION_HIGHER ? value >= b->from
                                                             : value <= b->from;
        if (reached)
            return b->score;
    }
    return 0;
}

/* value / best in the cohort (lower: best / value). Non-positive bests
 * cannot be divided by: then only the best value itself scores. */
static double best_in_cohort(const struct dii_indicator *ind, const dii_score_input *in)
{
    const dii_cohort_range *r = in->cohort;
    if (!r || !r->has_values)
        return 0;
    if (ind->direction == DII_DIRECTION_HIGHER) {
        if (r->max <= 0)
            return in->value == r->max ? 1 : 0;
        return clamp01(in->value / r->max);
    }
    if (r->min <= 0 || in->value <= 0)
        return in->value == r->min ? 1 : 0;
    return clamp01(r->min / in->value);
}

/* Position between the cohort's worst and best; everyone equal earns all. */
static double min_max_cohort(const struct dii_indicator *ind, const dii_score_input *in)
{
    const dii_cohort_range *r = in->cohort;
    if (!r || !r->has_values)
        return 0;
    if (r->max == r->min)
        return 1;
    /* Halved first: the cohort's values may span more than the largest
     * double (±1.5e308); halving is exact (but for subnormal numbers), so
     * the quotient is the same wherever the plain one does not overflow. */
    double a = (in->value / 2 - r->min / 2) / (r->max / 2 - r->min / 2);
    return ind->direction == DII_DIRECTION_HIGHER ? clamp01(a) : clamp01(1 - a);
}

static double boolean_method(const struct dii_indicator *ind, double value)
{
    int yes = value != 0;
    return (ind->direction == DII_DIRECTION_HIGHER) == yes ? 1 : 0;
}

double dii_attainment(const struct dii_indicator *ind, const dii_score_input *in)
{
    switch (ind->method) {
    case DII_METHOD_TARGET_RATIO: return target_ratio(ind, in);
    case DII_METHOD_RATIO: return share(ind, in->value);
    case DII_METHOD_LINEAR: return linear(ind, in->value);
    case DII_METHOD_BOOLEAN: return boolean_method(ind, in->value);
    case DII_METHOD_BANDS: return bands(ind, in->value);
    case DII_METHOD_BEST_IN_COHORT: return best_in_cohort(ind, in);
    case DII_METHOD_MIN_MAX_COHORT: return min_max_cohort(ind, in);
    }
    return 0;
}
