/* The dii_comparison handle: freeing it, the delta rules (docs/compare.md
 * §3, §4) and the public accessors. Immutable once dii_compare hands it
 * out; NULL handles and out-of-range indices read as empty (0 / NULL /
 * SIZE_MAX), and out parameters are set to 0 when an accessor returns 0. */
#include <math.h>
#include <stdint.h>

#include "alloc.h"
#include "compare.h"

static const char *const match_names[] = {"unit", "unit_year"};

DII_API const char *dii_compare_match_name(dii_compare_match match)
{
    return (int)match >= 0 && (size_t)match < sizeof match_names / sizeof match_names[0]
               ? match_names[match]
               : NULL;
}

void dii_comparison_destroy(struct dii_comparison *cmp)
{
    if (!cmp)
        return;
    dii_mem_free(cmp->framework_id);
    dii_mem_free(cmp->framework_version);
    dii_mem_free((void *)cmp->indicator_ids);
    dii_mem_free((void *)cmp->indicator_codes);
    dii_mem_free(cmp->indicator_boolean);
    dii_mem_free((void *)cmp->warnings);
    dii_mem_free(cmp->units);
    dii_mem_free(cmp->rows);
    dii_strpool_free(&cmp->labels);
    dii_mem_free(cmp);
}

DII_API void dii_comparison_free(dii_comparison *cmp)
{
    dii_comparison_destroy(cmp);
}

/* ------------------------------------------------------------------------ */
/* The delta rules                                                           */
/* ------------------------------------------------------------------------ */

static int on_both(const cmp_unit *unit)
{
    return unit->on_side[DII_SIDE_A] && unit->on_side[DII_SIDE_B];
}

/* §3: both values given, not yes/no, and a finite difference. */
int cmp_value_delta(const struct dii_comparison *cmp, const cmp_row *row, double *delta)
{
    /* A side the entry is not on has no value: no need to look at the entry. */
    double d = row->value[DII_SIDE_B] - row->value[DII_SIDE_A];
    int has = row->has_value[DII_SIDE_A] && row->has_value[DII_SIDE_B] &&
              !cmp->indicator_boolean[row->indicator] && isfinite(d);
    *delta = has ? d : 0;
    return has;
}

/* §3: on both sides. */
int cmp_points_delta(const cmp_unit *unit, const cmp_row *row, double *delta)
{
    int has = on_both(unit);
    *delta = has ? row->points[DII_SIDE_B] - row->points[DII_SIDE_A] : 0;
    return has;
}

/* §4: on both sides; B - A, so a positive rank delta is a worse place. */
int cmp_unit_delta(const cmp_unit *unit, double *points, double *index, int *rank)
{
    int has = on_both(unit);
    const cmp_score *x = &unit->score[DII_SIDE_A], *y = &unit->score[DII_SIDE_B];
    *points = has ? y->points - x->points : 0;
    *index = has ? y->index - x->index : 0;
    *rank = has ? y->rank - x->rank : 0;
    return has;
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */
/* ------------------------------------------------------------------------ */

DII_API const char *dii_comparison_framework_id(const dii_comparison *cmp)
{
    return cmp ? cmp->framework_id : NULL;
}

DII_API dii_compare_match dii_comparison_match(const dii_comparison *cmp)
{
    return cmp ? cmp->match : DII_MATCH_UNIT;
}

DII_API int dii_comparison_all_rows(const dii_comparison *cmp)
{
    return cmp ? cmp->all_rows : 0;
}

DII_API size_t dii_comparison_warning_count(const dii_comparison *cmp)
{
    return cmp ? cmp->warning_count : 0;
}

DII_API const char *dii_comparison_warning(const dii_comparison *cmp, size_t i)
{
    return i < dii_comparison_warning_count(cmp) ? cmp->warnings[i] : NULL;
}

DII_API size_t dii_comparison_indicator_count(const dii_comparison *cmp)
{
    return cmp ? cmp->indicator_count : 0;
}

DII_API const char *dii_comparison_indicator_id(const dii_comparison *cmp, size_t k)
{
    return k < dii_comparison_indicator_count(cmp) ? cmp->indicator_ids[k] : NULL;
}

DII_API const char *dii_comparison_indicator_code(const dii_comparison *cmp, size_t k)
{
    return k < dii_comparison_indicator_count(cmp) ? cmp->indicator_codes[k] : NULL;
}

DII_API size_t dii_comparison_unit_count(const dii_comparison *cmp)
{
    return cmp ? cmp->unit_count : 0;
}

static const cmp_unit *unit_at(const dii_comparison *cmp, size_t u)
{
    return u < dii_comparison_unit_count(cmp) ? &cmp->units[u] : NULL;
}

static int valid_side(dii_compare_side side)
{
    return side == DII_SIDE_A || side == DII_SIDE_B;
}

DII_API const char *dii_comparison_unit_id(const dii_comparison *cmp, size_t u)
{
    const cmp_unit *unit = unit_at(cmp, u);
    return unit ? unit->id : NULL;
}

DII_API const char *dii_comparison_unit_name(const dii_comparison *cmp, size_t u)
{
    const cmp_unit *unit = unit_at(cmp, u);
    return unit ? unit->name : NULL;
}

DII_API int dii_comparison_unit_score(const dii_comparison *cmp, size_t u,
                                      dii_compare_side side, int *year, int *target_year,
                                      double *points, double *index, int *rank)
{
    const cmp_unit *unit = unit_at(cmp, u);
    int has = unit && valid_side(side) && unit->on_side[side];
    cmp_score none = {0, 0, 0, 0, 0};
    const cmp_score *s = has ? &unit->score[side] : &none;
    if (year)
        *year = s->year;
    if (target_year)
        *target_year = s->target_year;
    if (points)
        *points = s->points;
    if (index)
        *index = s->index;
    if (rank)
        *rank = s->rank;
    return has;
}

DII_API int dii_comparison_unit_delta(const dii_comparison *cmp, size_t u, double *points,
                                      double *index, int *rank)
{
    const cmp_unit *unit = unit_at(cmp, u);
    double p = 0, x = 0;
    int r = 0;
    int has = unit && cmp_unit_delta(unit, &p, &x, &r);
    if (points)
        *points = p;
    if (index)
        *index = x;
    if (rank)
        *rank = r;
    return has;
}

DII_API int dii_comparison_unit_changed(const dii_comparison *cmp, size_t u)
{
    const cmp_unit *unit = unit_at(cmp, u);
    return unit ? unit->changed : 0;
}

DII_API size_t dii_comparison_row_count(const dii_comparison *cmp, size_t u)
{
    const cmp_unit *unit = unit_at(cmp, u);
    return unit ? unit->row_count : 0;
}

DII_API size_t dii_comparison_total_row_count(const dii_comparison *cmp)
{
    return cmp ? cmp->row_total : 0;
}

/* Entry u's i-th listed row (and *unit), or NULL. */
static const cmp_row *row_at(const dii_comparison *cmp, size_t u, size_t i,
                             const cmp_unit **unit)
{
    *unit = unit_at(cmp, u);
    return *unit && i < (*unit)->row_count ? &cmp->rows[(*unit)->first_row + i] : NULL;
}

DII_API size_t dii_comparison_row_indicator(const dii_comparison *cmp, size_t u, size_t i)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    return row ? row->indicator : SIZE_MAX;
}

DII_API int dii_comparison_row_value(const dii_comparison *cmp, size_t u, size_t i,
                                     dii_compare_side side, double *value)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    int has = row && valid_side(side) && row->has_value[side];
    if (value)
        *value = has ? row->value[side] : 0;
    return has;
}

DII_API int dii_comparison_row_points(const dii_comparison *cmp, size_t u, size_t i,
                                      dii_compare_side side, double *points)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    int has = row && valid_side(side) && unit->on_side[side];
    if (points)
        *points = has ? row->points[side] : 0;
    return has;
}

DII_API int dii_comparison_row_status(const dii_comparison *cmp, size_t u, size_t i,
                                      dii_compare_side side, dii_compliance *status)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    int has = row && valid_side(side) && unit->on_side[side];
    if (status)
        *status = has ? (dii_compliance)row->status[side] : DII_COMPLIANCE_MET;
    return has;
}

DII_API int dii_comparison_row_value_delta(const dii_comparison *cmp, size_t u, size_t i,
                                           double *delta)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    double d = 0;
    int has = row && cmp_value_delta(cmp, row, &d);
    if (delta)
        *delta = d;
    return has;
}

DII_API int dii_comparison_row_points_delta(const dii_comparison *cmp, size_t u, size_t i,
                                            double *delta)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    double d = 0;
    int has = row && cmp_points_delta(unit, row, &d);
    if (delta)
        *delta = d;
    return has;
}

DII_API int dii_comparison_row_changes(const dii_comparison *cmp, size_t u, size_t i)
{
    const cmp_unit *unit;
    const cmp_row *row = row_at(cmp, u, i, &unit);
    return row ? row->changes : 0;
}
