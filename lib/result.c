/* The dii_results handle: freeing, read-only accessors and the one rounding
 * rule for ranks (dii_round_index).
 *
 * Every accessor is bounds-checked: a NULL handle or an index out of range
 * gives 0 / NULL (dii_result_indicator_status gives DII_COMPLIANCE_MISSING,
 * since 0 would read as "met"), and optional out parameters are set to 0 when
 * the function returns 0. */
#include "result.h"

#include <math.h>
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

DII_API dii_compliance dii_result_indicator_status(const dii_result *r, size_t k)
{
    const dii_indicator_result *ir = ind_at(r, k);
    return ir ? (dii_compliance)ir->status : DII_COMPLIANCE_MISSING;
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
DII_API double dii_round_index(double index, int decimals)
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
