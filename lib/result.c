/* The dii_results handle: freeing, read-only accessors and the one rounding
 * rule for ranks (dii_round_index).
 *
 * Every accessor is bounds-checked: a NULL handle or an index out of range
 * gives 0 / NULL (dii_result_indicator_compliance gives DII_COMPLIANCE_MISSING,
 * since 0 would read as "met"), and optional out parameters are set to 0 when
 * the function returns 0. */
#include "result.h"

#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strbuf.h"

/* result.h says why; a new member must not quietly undo it. */
_Static_assert(sizeof(dii_indicator_result) == 64, "dii_indicator_result grew past 64 bytes");

/* ------------------------------------------------------------------------ */
/* Freeing                                                                   */
/* ------------------------------------------------------------------------ */

/* Frees the results and everything they own, the struct included. Tolerates
 * a half-built set: arrays may be NULL (a results' strings and arrays all
 * live in the pool and the blocks). */
void dii_results_destroy(struct dii_results *results)
{
    if (!results)
        return;
    dii_mem_free(results->framework_id);
    dii_mem_free(results->framework_version);
    dii_mem_free(results->items);
    dii_mem_free(results->indicator_block);
    dii_mem_free(results->group_block);
    dii_mem_free(results->indicator_info);
    if (results->warnings)
        for (size_t i = 0; i < results->warning_count; i++)
            dii_mem_free(results->warnings[i]);
    dii_mem_free(results->warnings);
    dii_strpool_free(&results->labels);
    dii_mem_free(results);
}

const char *dii_results_intern(struct dii_results *results, const char *s)
{
    return s ? dii_strpool_intern(&results->labels, s, strlen(s)) : NULL;
}

DII_API void dii_results_free(dii_results *results)
{
    dii_results_destroy(results);
}

/* ------------------------------------------------------------------------ */
/* The set                                                                   */
/* ------------------------------------------------------------------------ */

DII_API size_t dii_results_count(const dii_results *results)
{
    return results && results->items ? results->count : 0;
}

DII_API const dii_result *dii_results_get(const dii_results *results, size_t i)
{
    return i < dii_results_count(results) ? &results->items[i] : NULL;
}

DII_API size_t dii_results_warning_count(const dii_results *results)
{
    return results && results->warnings ? results->warning_count : 0;
}

DII_API const char *dii_results_warning(const dii_results *results, size_t i)
{
    return i < dii_results_warning_count(results) ? results->warnings[i] : NULL;
}

/* ------------------------------------------------------------------------ */
/* One result                                                                */
/* ------------------------------------------------------------------------ */

DII_API const char *dii_result_unit_id(const dii_result *r) { return r ? r->unit_id : NULL; }
DII_API const char *dii_result_unit_name(const dii_result *r) { return r ? r->unit_name : NULL; }
DII_API int dii_result_year(const dii_result *r) { return r ? r->year : 0; }
DII_API int dii_result_target_year(const dii_result *r) { return r ? r->target_year : 0; }
DII_API double dii_result_points(const dii_result *r) { return r ? r->points : 0; }
DII_API double dii_result_max_points(const dii_result *r) { return r ? r->max_points : 0; }
DII_API double dii_result_index(const dii_result *r) { return r ? r->index : 0; }
DII_API int dii_result_rank(const dii_result *r) { return r ? r->rank : 0; }
DII_API size_t dii_result_cohort_size(const dii_result *r) { return r ? r->cohort_size : 0; }

DII_API size_t dii_result_compliance_count(const dii_result *r, dii_compliance status)
{
    if (!r || (int)status < 0 || (int)status > (int)DII_COMPLIANCE_MISSING)
        return 0;
    return r->compliance[status];
}

/* Groups */

DII_API size_t dii_result_group_count(const dii_result *r)
{
    return r && r->groups ? r->group_count : 0;
}

static const dii_group_result *group_at(const dii_result *r, size_t g)
{
    return g < dii_result_group_count(r) ? &r->groups[g] : NULL;
}

DII_API const char *dii_result_group_id(const dii_result *r, size_t g)
{
    const dii_group_result *gr = group_at(r, g);
    return gr ? gr->id : NULL;
}

DII_API double dii_result_group_points(const dii_result *r, size_t g)
{
    const dii_group_result *gr = group_at(r, g);
    return gr ? gr->points : 0;
}

DII_API double dii_result_group_max_points(const dii_result *r, size_t g)
{
    const dii_group_result *gr = group_at(r, g);
    return gr ? gr->max_points : 0;
}

DII_API double dii_result_group_index(const dii_result *r, size_t g)
{
    const dii_group_result *gr = group_at(r, g);
    return gr ? gr->index : 0;
}

/* Indicators */

DII_API size_t dii_result_indicator_count(const dii_result *r)
{
    return r && r->indicators ? r->indicator_count : 0;
}

static const dii_indicator_result *ind_at(const dii_result *r, size_t k)
{
    return k < dii_result_indicator_count(r) ? &r->indicators[k] : NULL;
}

static const dii_indicator_info *info_at(const dii_result *r, size_t k)
{
    return k < dii_result_indicator_count(r) && r->info ? &r->info[k] : NULL;
}

DII_API const char *dii_result_indicator_id(const dii_result *r, size_t k)
{
    const dii_indicator_info *info = info_at(r, k);
    return info ? info->id : NULL;
}

DII_API int dii_result_indicator_value(const dii_result *r, size_t k, double *value)
{
    const dii_indicator_result *ir = ind_at(r, k);
    int has = ir && ir->has_value;
    if (value)
        *value = has ? ir->value : 0;
    return has;
}

DII_API double dii_result_indicator_points(const dii_result *r, size_t k)
{
    const dii_indicator_result *ir = ind_at(r, k);
    return ir ? ir->points : 0;
}

DII_API double dii_result_indicator_max_points(const dii_result *r, size_t k)
{
    const dii_indicator_result *ir = ind_at(r, k);
    return ir ? ir->max_points : 0;
}

DII_API double dii_result_indicator_attainment(const dii_result *r, size_t k)
{
    const dii_indicator_result *ir = ind_at(r, k);
    return ir ? ir->attainment : 0;
}

DII_API dii_compliance dii_result_indicator_compliance(const dii_result *r, size_t k)
{
    const dii_indicator_result *ir = ind_at(r, k);
    return ir ? (dii_compliance)ir->status : DII_COMPLIANCE_MISSING;
}

/* The 1.0 name, kept for programs built against it. */
DII_API dii_compliance dii_result_indicator_status(const dii_result *r, size_t k)
{
    return dii_result_indicator_compliance(r, k);
}

DII_API int dii_result_indicator_target(const dii_result *r, size_t k, int *year, dii_op *op,
                                double *value, dii_target_basis *basis)
{
    const dii_indicator_result *ir = ind_at(r, k);
    int has = ir && ir->has_target;
    if (year)
        *year = has ? ir->target_year : 0;
    if (op)
        *op = has ? (dii_op)ir->target_op : DII_OP_GE;
    if (value)
        *value = has ? ir->target_value : 0;
    if (basis)
        *basis = has ? (dii_target_basis)ir->target_basis : DII_BASIS_EXACT;
    return has;
}

DII_API int dii_result_indicator_gap(const dii_result *r, size_t k, double *gap)
{
    const dii_indicator_result *ir = ind_at(r, k);
    int has = ir && ir->has_gap;
    if (gap)
        *gap = has ? ir->gap : 0;
    return has;
}

DII_API int dii_result_indicator_progress(const dii_result *r, size_t k, double *progress)
{
    const dii_indicator_result *ir = ind_at(r, k);
    int has = ir && ir->has_progress;
    if (progress)
        *progress = has ? ir->progress : 0;
    return has;
}

DII_API int dii_result_indicator_provisional(const dii_result *r, size_t k)
{
    const dii_indicator_info *info = info_at(r, k);
    return info ? info->provisional != 0 : 0;
}

/* ------------------------------------------------------------------------ */
/* Rounding                                                                  */
/* ------------------------------------------------------------------------ */

/* Significant digits the value is first reduced to. A double carries 15.9;
 * the arithmetic behind an index (ratios, products, a sum of a few dozen
 * terms, one division) is off by a few units in the 16th-17th digit. Rounding
 * to 12 digits first absorbs that error with a margin of about a thousand
 * times, while any index written with up to 12 significant digits is still
 * rounded exactly as its decimal text says. */
#define SNAP_DIGITS 12
/* Digits that always identify a double exactly (DBL_DECIMAL_DIG). */
#define EXACT_DIGITS 17


/*
 * Half away from zero to `decimals` places, done in decimal so that binary
 * representation never decides a tie:
 *   1. |index| is rounded to 12 significant decimal digits (SNAP_DIGITS
 *      above): 0.95025, stored as 0.950249999999999972..., becomes the digit
 *      string 950250000000 x 10^-12;
 *   2. that digit string is cut after the digit worth 10^-decimals and
 *      incremented when the next digit is 5 or more (carrying as needed):
 *      9503 x 10^-4;
 *   3. the result is read back with strtod from "9503e-4", i.e. it is the
 *      double nearest to the decimal 0.9503 — the same double a reader gets
 *      by typing the published value, so equal published values compare
 *      equal.
 * When `decimals` asks for 12 or more significant digits the value is cut
 * from its exact 17-digit form instead, and from 17 digits on it is returned
 * unchanged (a double has nothing more to round). Non-finite values are
 * returned unchanged.
 */
double dii_round_index_by_text(double index, int decimals)
{
    if (!isfinite(index) || index == 0)
        return index == 0 ? 0.0 : index;
    if (decimals > 400)
        decimals = 400;
    if (decimals < -400)
        decimals = -400;

    char digits[EXACT_DIGITS + 2];
    int prec = SNAP_DIGITS;
    int e = dii_decimal_digits(index, prec, digits);
    int keep = e + 1 + decimals; /* digits at or above the 10^-decimals place */
    if (keep >= SNAP_DIGITS) {
        prec = EXACT_DIGITS;
        e = dii_decimal_digits(index, prec, digits);
        keep = e + 1 + decimals;
        if (keep >= EXACT_DIGITS)
            return index;
    }
    if (keep < 0)
        return 0.0; /* below half a unit of the last place */

    /* kept digits, with one spare position in front for a carry */
    char out[EXACT_DIGITS + 8];
    out[0] = '0';
    memcpy(out + 1, digits, (size_t)keep);
    out[keep + 1] = '\0';
    if (digits[keep] >= '5') {
        int i = keep;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        out[i]++; /* i >= 0: out[0] is '0', never '9' */
    }
    char text[EXACT_DIGITS + 24];
    snprintf(text, sizeof text, "%s%se%d", index < 0 ? "-" : "", out, -decimals);
    double rounded = strtod(text, NULL);
    return rounded == 0 ? 0.0 : rounded;
}

/*
 * The same rule without text, where it is provably the same double:
 * |index| in [1e-5, 1e5), 0 <= decimals <= 15, the default rounding mode,
 * and the cut falling within the 12 snapped digits. There |index| = m / 2^k
 * exactly (m < 2^53, 36 <= k <= 69), and with 128-bit integers
 *   1. the decimal exponent e is the one with 10^11 <= m 10^(11-e) / 2^k
 *      < 10^12, decided by exact integer comparison; the 12 digits D are
 *      that quotient rounded to nearest, ties to even — what glibc's
 *      printf("%.11e") prints in the default rounding mode, for it prints
 *      the exact binary value rounded in the current mode — and a carry to
 *      10^12 becomes 10^11 with e + 1, as printf's exponent does;
 *   2. the cut and the half-up increment on the next digit are integer
 *      division and remainder: Q = D / 10^(12 - keep), + 1 when the
 *      remainder is >= 5 x 10^(11 - keep);
 *   3. Q < 2^53 and 10^decimals (<= 10^15) are exact doubles, so Q /
 *      10^decimals is the correctly rounded quotient: the double nearest
 *      Q x 10^-decimals, which is what strtod("Qe-decimals") returns.
 * tests/unit/test_results_json.c compares it with dii_round_index_by_text
 * bit for bit on ties, decimal midpoints and their neighbours and random
 * doubles. Returns 0 with *out set, or -1 outside that domain.
 */
#ifdef __SIZEOF_INT128__
typedef unsigned __int128 round_u128;

static const uint64_t POW10[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL,
                                 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
                                 10000000000ULL, 100000000000ULL, 1000000000000ULL,
                                 10000000000000ULL, 100000000000000ULL, 1000000000000000ULL,
                                 10000000000000000ULL, 100000000000000000ULL,
                                 1000000000000000000ULL};

static int round_index_exact(double index, int decimals, double *out)
{
    double a = fabs(index);
    if (!(a >= 1e-5 && a < 1e5) || decimals < 0 || decimals > 15 ||
        fegetround() != FE_TONEAREST)
        return -1;
    int exp2;
    uint64_t m = (uint64_t)ldexp(frexp(a, &exp2), 53); /* a = m / 2^k, exactly */
    int k = 53 - exp2;                                    /* 36 <= k <= 69 */
    int e = (int)floor(log10(a));                         /* a guess, corrected below */
    const round_u128 lo = (round_u128)POW10[11] << k, hi = (round_u128)POW10[12] << k;
    round_u128 v = (round_u128)m * POW10[11 - e];
    while (v < lo) { /* 11 - e <= 17 throughout: v < 2^53 10^17 < 2^110 */
        e--;
        v = (round_u128)m * POW10[11 - e];
    }
    while (v >= hi) {
        e++;
        v = (round_u128)m * POW10[11 - e];
    }
    uint64_t d = (uint64_t)(v >> k);
    round_u128 rem = v - ((round_u128)d << k), half = (round_u128)1 << (k - 1);
    if (rem > half || (rem == half && (d & 1)))
        d++;
    if (d == POW10[12]) {
        d = POW10[11];
        e++;
    }
    int keep = e + 1 + decimals;
    if (keep >= SNAP_DIGITS)
        return -1; /* the 17-digit branch: left to the text */
    if (keep < 0) {
        *out = 0.0;
        return 0;
    }
    uint64_t unit = POW10[SNAP_DIGITS - keep];
    uint64_t q = d / unit + (d % unit >= 5 * (unit / 10) ? 1 : 0);
    double r = (double)q / (double)POW10[decimals];
    *out = r == 0 ? 0.0 : index < 0 ? -r : r;
    return 0;
}
#else
static int round_index_exact(double index, int decimals, double *out)
{
    (void)index;
    (void)decimals;
    (void)out;
    return -1; /* no 128-bit integers: always the text */
}
#endif

DII_API double dii_round_index(double index, int decimals)
{
    double r;
    if (isfinite(index) && index != 0 && round_index_exact(index, decimals, &r) == 0)
        return r;
    return dii_round_index_by_text(index, decimals);
}
