/* The statistics of tracking (docs/tracking.md §1–2), for one unit x
 * indicator series at a time: observed pace, required pace, pace ratio,
 * status, projection and expected year. Pure functions of their arguments;
 * the comparator is dii_op_holds, the one used for compliance. */
#include <math.h>
#include <string.h>

#include "track.h"

/* CAGR cannot start from or reach 0: the Eurostat / Open SDG convention
 * replaces a 0 by 0.001 wherever it enters a growth rate. */
#define CAGR_ZERO 0.001

static double cagr_value(double v)
{
    return v == 0 ? CAGR_ZERO : v;
}

/* Ordinary least squares of value on year: slope and the means the fitted
 * line goes through. n >= 2 distinct years, so the denominator is > 0.
 * Years are counted from the first one (x - t0): the same line, without
 * the cancellation that sums of squares of numbers near 2000 cause. */
static void fit_line(track_pace *p, const track_series *s)
{
    double xm = 0, ym = 0;
    for (size_t i = 0; i < s->n; i++) {
        xm += s->years[i] - s->years[0];
        ym += s->values[i];
    }
    xm /= (double)s->n;
    ym /= (double)s->n;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < s->n; i++) {
        double dx = (s->years[i] - s->years[0]) - xm;
        sxy += dx * (s->values[i] - ym);
        sxx += dx * dx;
    }
    p->x_mean = xm; /* counted from t0 */
    p->y_mean = ym;
    p->pace = sxy / sxx;
}

void track_observe(track_pace *p, dii_pace_method m, int is_boolean, const track_series *s)
{
    memset(p, 0, sizeof *p);
    p->method = m;
    p->t0 = s->years[0];
    p->y0 = s->values[0];
    p->t = s->years[s->n - 1];
    p->yt = s->values[s->n - 1];
    if (is_boolean || s->n < 2)
        return; /* yes/no indicators never enter a pace; one point has none */
    if (m == DII_PACE_LINEAR) {
        fit_line(p, s);
        p->has_pace = 1;
        return;
    }
    double a = cagr_value(p->y0), b = cagr_value(p->yt);
    if (a < 0 || b < 0) {
        p->undefined = 1; /* a negative number has no real growth rate */
        return;
    }
    p->pace = pow(b / a, 1.0 / (double)(p->t - p->t0)) - 1;
    p->has_pace = 1;
}

/* The range validation allows for the unit (docs 2.4). NaN stays NaN. */
static double clamp_to_unit(dii_unit unit, double v)
{
    double hi = INFINITY;
    switch (unit) {
    case DII_UNIT_PERCENT:
        hi = 100;
        break;
    case DII_UNIT_RATIO:
        hi = 1;
        break;
    case DII_UNIT_PER_100_PEOPLE:
    case DII_UNIT_MBPS:
    case DII_UNIT_COUNT:
        break;
    default:
        return v; /* other (and boolean, which has no projection): not clamped */
    }
    if (v < 0)
        return 0;
    return v > hi ? hi : v;
}

double track_project(const track_pace *p, dii_unit unit, int year)
{
    double v;
    if (p->method == DII_PACE_LINEAR)
        v = p->y_mean + p->pace * ((double)(year - p->t0) - p->x_mean);
    else
        v = cagr_value(p->yt) * pow(1 + p->pace, (double)(year - p->t));
    return clamp_to_unit(unit, v);
}

double track_clamp(dii_unit unit, double v)
{
    return clamp_to_unit(unit, v);
}

/* The direction the value must move to meet the target (docs 2.2). */
static int improving_direction(dii_op op, double target, double latest)
{
    switch (op) {
    case DII_OP_GE:
    case DII_OP_GT:
        return 1;
    case DII_OP_LE:
    case DII_OP_LT:
        return -1;
    default:
        return target > latest ? 1 : -1; /* == */
    }
}

enum required_kind { REQUIRED_OK, REQUIRED_NONE, REQUIRED_UNDEFINED };

/* (target - y0) / (T - t0), or the growth rate from y0 to the target;
 * none when T <= t0, undefined for a negative CAGR target. */
static enum required_kind required_pace(const track_pace *p, const track_target *tg, double *req)
{
    double a = cagr_value(p->y0), b = cagr_value(tg->value);
    if (p->method == DII_PACE_CAGR && b < 0)
        return REQUIRED_UNDEFINED;
    if (tg->year <= p->t0)
        return REQUIRED_NONE;
    if (p->method == DII_PACE_LINEAR)
        *req = (tg->value - p->y0) / (double)(tg->year - p->t0);
    else
        *req = pow(b / a, 1.0 / (double)(tg->year - p->t0)) - 1;
    return REQUIRED_OK;
}

/* The projection to year y meets the target under op: the comparator of
 * compliance (dii_op_holds), applied to the clamped projection. */
static int meets_at(const track_pace *p, dii_unit unit, dii_op op, double target, int y)
{
    return dii_op_holds(op, track_project(p, unit, y), target);
}

/* The definition of the expected year, year by year from the latest to
 * DII_YEAR_MAX. Used where the projection need not be monotone (below). */
static int expected_year_by_steps(const track_pace *p, dii_unit unit, const track_target *tg)
{
    for (int y = p->t; y <= DII_YEAR_MAX; y++)
        if (meets_at(p, unit, tg->op, tg->value, y))
            return y;
    return 0;
}

/* Whether track_project(p, unit, Y), as computed, is a monotone function of
 * the whole year Y (non-decreasing or non-increasing), never NaN.
 * Linear, with finite pace and means: (double)(Y - t0) is exact, and each
 * step after it (- x_mean, * pace, + y_mean, the clamp) is a monotone
 * function of its one varying operand followed by a rounding, which is
 * monotone too; a finite y_mean plus ±inf is ±inf, never NaN. CAGR: the
 * base 1 + pace is >= 0 (pace > -1 up to rounding) and y_t' > 0, so
 * y_t' (1 + pace)^(Y - t) is monotone as long as pow is monotone in its
 * exponent, which a pow erring by less than half the gap between
 * consecutive powers is; tests/unit/test_track.c checks both against the
 * step loop on random series. */
static int projection_is_monotone(const track_pace *p)
{
    if (p->method == DII_PACE_LINEAR)
        return isfinite(p->pace) && isfinite(p->x_mean) && isfinite(p->y_mean);
    return p->yt >= 0 && !isnan(p->pace) && p->pace >= -1;
}

/* Where the unclamped line or curve crosses target, as a fractional year:
 * only a first guess for first_meeting (it may be off, infinite or NaN). */
static double crossing_estimate(const track_pace *p, double target)
{
    if (p->method == DII_PACE_LINEAR)
        return (double)p->t0 + p->x_mean + (target - p->y_mean) / p->pace;
    return (double)p->t + log(target / cagr_value(p->yt)) / log(1 + p->pace);
}

/* The first year in (lo, hi] whose projection meets op, given that lo's
 * does not, hi's does, and meeting is monotone in between (false, then
 * true). The year the closed form gives and its neighbour settle the usual
 * case in two evaluations; bisection finds it when the guess is off (the
 * clamp, rounding far out). Every decision is meets_at at a whole year. */
static int first_meeting(const track_pace *p, dii_unit unit, dii_op op, double target, int lo,
                         int hi, double guess)
{
    if (guess > lo && guess <= hi) { /* false for NaN */
        int g = (int)ceil(guess);    /* lo < g <= hi */
        if (meets_at(p, unit, op, target, g)) {
            if (!meets_at(p, unit, op, target, g - 1))
                return g; /* g - 1 == lo included: lo does not meet */
            hi = g - 1;
        } else if (meets_at(p, unit, op, target, g + 1)) { /* g < hi: hi meets */
            return g + 1;
        } else {
            lo = g + 1;
        }
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (meets_at(p, unit, op, target, mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* The first year from the latest on whose projection meets the target
 * (docs/tracking.md §1), without stepping through every year: with a
 * monotone projection, meeting >=, >, <=, < is monotone in the year too, so
 * when the latest year does not meet and DII_YEAR_MAX does, the answer is
 * the one year where meeting starts, which first_meeting finds. == is
 * reached where the projection first gets to the target from its side
 * (>= or <=, monotone) and holds only if it is equal there. */
static int expected_year(const track_pace *p, dii_unit unit, const track_target *tg)
{
    if (!projection_is_monotone(p))
        return expected_year_by_steps(p, unit, tg);
    if (meets_at(p, unit, tg->op, tg->value, p->t))
        return p->t;
    dii_op reach = tg->op;
    if (tg->op == DII_OP_EQ)
        reach = track_project(p, unit, p->t) < tg->value ? DII_OP_GE : DII_OP_LE;
    if (p->t >= DII_YEAR_MAX || !meets_at(p, unit, reach, tg->value, DII_YEAR_MAX))
        return 0;
    int y = first_meeting(p, unit, reach, tg->value, p->t, DII_YEAR_MAX,
                          crossing_estimate(p, tg->value));
    return meets_at(p, unit, tg->op, tg->value, y) ? y : 0;
}

static dii_track_status status_of_ratio(double r)
{
    if (r >= 0.95)
        return DII_TRACK_ON_TRACK;
    if (r >= 0.6)
        return DII_TRACK_ACCELERATION_NEEDED;
    if (r >= 0)
        return DII_TRACK_LIMITED_PROGRESS;
    return DII_TRACK_DETERIORATING;
}

/* Rules 5–7 of the status, for a numeric indicator not yet achieved. */
static dii_track_status pace_status(const track_pace *p, enum required_kind rk, int away,
                                    int d, const track_outcome *out)
{
    if (!p->has_pace || rk == REQUIRED_UNDEFINED)
        return DII_TRACK_INSUFFICIENT_DATA;
    if (away)
        return p->pace * d < 0 ? DII_TRACK_DETERIORATING : DII_TRACK_LIMITED_PROGRESS;
    return status_of_ratio(out->ratio);
}

void track_assess(const track_pace *p, int is_boolean, dii_unit unit, int has_target,
                  const track_target *tg, track_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (p && p->has_pace) {
        out->projection = track_project(p, unit, tg->year);
        out->has_projection = isfinite(out->projection) != 0;
    }
    if (!has_target) {
        out->status = DII_TRACK_NO_TARGET;
        return;
    }
    if (!p) {
        out->status = DII_TRACK_INSUFFICIENT_DATA; /* never observed */
        return;
    }
    enum required_kind rk = REQUIRED_UNDEFINED;
    int away = 0, d = improving_direction(tg->op, tg->value, p->yt);
    if (p->has_pace) {
        rk = required_pace(p, tg, &out->required);
        out->has_required = rk == REQUIRED_OK;
        /* Rule 6: no required pace, a zero one, or one pointing away. */
        away = rk == REQUIRED_NONE || (rk == REQUIRED_OK && out->required * d <= 0);
        out->has_ratio = rk == REQUIRED_OK && !away;
        if (out->has_ratio)
            out->ratio = p->pace / out->required;
        out->expected_year = expected_year(p, unit, tg);
    }
    if (dii_op_holds(tg->op, p->yt, tg->value))
        out->status = DII_TRACK_ACHIEVED;
    else if (is_boolean)
        out->status = DII_TRACK_NOT_ACHIEVED;
    else
        out->status = pace_status(p, rk, away, d, out);
}
