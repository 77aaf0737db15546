/* The dii_tracking handle: freeing it and reading it (the public
 * accessors). Immutable once dii_track hands it out; NULL handles and
 * out-of-range indices read as empty, as the results accessors do. */
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "result.h"
#include "track.h"

static const char *const pace_names[] = {"linear", "cagr"};
static const char *const status_names[] = {
    "no_target", "achieved", "not_achieved", "insufficient_data", "on_track",
    "acceleration_needed", "limited_progress", "deteriorating"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

DII_API const char *dii_pace_method_name(dii_pace_method method)
{
    return (int)method >= 0 && (size_t)method < COUNT(pace_names) ? pace_names[method] : NULL;
}

DII_API const char *dii_track_status_name(dii_track_status status)
{
    return (int)status >= 0 && (size_t)status < COUNT(status_names) ? status_names[status]
                                                                   : NULL;
}

void dii_tracking_destroy(struct dii_tracking *tr)
{
    if (!tr)
        return;
    dii_mem_free(tr->framework_id);
    dii_mem_free(tr->framework_version);
    dii_mem_free((void *)tr->indicator_ids);
    dii_mem_free((void *)tr->indicator_codes);
    dii_mem_free(tr->indicator_boolean);
    dii_mem_free(tr->units);
    dii_results_free(tr->trajectory);
    dii_results_free(tr->projected);
    dii_strpool_free(&tr->labels);
    dii_mem_free(tr->milestone_block);
    dii_mem_free(tr->indicator_block);
    dii_mem_free(tr->row_block);
    dii_mem_free(tr->merged_block);
    dii_mem_free(tr->source_block);
    dii_mem_free(tr);
}

const char *dii_tracking_intern(struct dii_tracking *tr, const char *s)
{
    return s ? dii_strpool_intern(&tr->labels, s, strlen(s)) : NULL;
}

DII_API void dii_tracking_free(dii_tracking *tr)
{
    dii_tracking_destroy(tr);
}

DII_API const char *dii_tracking_framework_id(const dii_tracking *tr)
{
    return tr ? tr->framework_id : NULL;
}

DII_API dii_pace_method dii_tracking_pace_method(const dii_tracking *tr)
{
    return tr ? tr->pace : DII_PACE_LINEAR;
}

DII_API int dii_tracking_crosswalk_year(const dii_tracking *tr)
{
    return tr ? tr->crosswalk_year : 0;
}

/* Provisional warnings are the trajectory scoring's: the same framework. */
DII_API size_t dii_tracking_warning_count(const dii_tracking *tr)
{
    return tr ? dii_results_warning_count(tr->trajectory) : 0;
}

DII_API const char *dii_tracking_warning(const dii_tracking *tr, size_t i)
{
    return tr ? dii_results_warning(tr->trajectory, i) : NULL;
}

DII_API size_t dii_tracking_indicator_count(const dii_tracking *tr)
{
    return tr ? tr->indicator_count : 0;
}

DII_API const char *dii_tracking_indicator_id(const dii_tracking *tr, size_t k)
{
    return tr && k < tr->indicator_count ? tr->indicator_ids[k] : NULL;
}

DII_API const char *dii_tracking_indicator_code(const dii_tracking *tr, size_t k)
{
    return tr && k < tr->indicator_count ? tr->indicator_codes[k] : NULL;
}

DII_API size_t dii_tracking_unit_count(const dii_tracking *tr)
{
    return tr ? tr->unit_count : 0;
}

static const track_unit *unit_at(const dii_tracking *tr, size_t u)
{
    return tr && u < tr->unit_count ? &tr->units[u] : NULL;
}

DII_API const char *dii_tracking_unit_id(const dii_tracking *tr, size_t u)
{
    const track_unit *unit = unit_at(tr, u);
    return unit ? unit->id : NULL;
}

DII_API const char *dii_tracking_unit_name(const dii_tracking *tr, size_t u)
{
    const track_unit *unit = unit_at(tr, u);
    return unit ? unit->name : NULL;
}

DII_API size_t dii_tracking_unit_year_count(const dii_tracking *tr, size_t u)
{
    const track_unit *unit = unit_at(tr, u);
    return unit ? unit->year_count : 0;
}

DII_API const dii_result *dii_tracking_unit_year(const dii_tracking *tr, size_t u, size_t i)
{
    const track_unit *unit = unit_at(tr, u);
    if (!unit || i >= unit->year_count)
        return NULL;
    return dii_results_get(tr->trajectory, unit->first_year_result + i);
}

DII_API size_t dii_tracking_unit_milestone_count(const dii_tracking *tr, size_t u)
{
    const track_unit *unit = unit_at(tr, u);
    return unit ? unit->milestone_count : 0;
}

DII_API int dii_tracking_unit_milestone_year(const dii_tracking *tr, size_t u, size_t m)
{
    const track_unit *unit = unit_at(tr, u);
    return unit && m < unit->milestone_count ? unit->milestones[m] : 0;
}

DII_API const dii_result *dii_tracking_unit_projected(const dii_tracking *tr, size_t u,
                                                      size_t m)
{
    const track_unit *unit = unit_at(tr, u);
    if (!unit || m >= unit->milestone_count)
        return NULL;
    return dii_results_get(tr->projected, unit->first_projected + m);
}

static const track_indicator *indicator_at(const dii_tracking *tr, size_t u, size_t k)
{
    const track_unit *unit = unit_at(tr, u);
    return unit && k < tr->indicator_count ? &unit->indicators[k] : NULL;
}

static int give(int has, double v, double *out)
{
    if (has && out)
        *out = v;
    return has != 0;
}

static int give_point(const track_indicator *ti, int start, int *year, double *value)
{
    if (!ti || !ti->has_start)
        return 0;
    if (year)
        *year = start ? ti->start_year : ti->latest_year;
    if (value)
        *value = start ? ti->start_value : ti->latest_value;
    return 1;
}

DII_API int dii_tracking_indicator_start(const dii_tracking *tr, size_t u, size_t k, int *year,
                                         double *value)
{
    return give_point(indicator_at(tr, u, k), 1, year, value);
}

DII_API int dii_tracking_indicator_latest(const dii_tracking *tr, size_t u, size_t k, int *year,
                                          double *value)
{
    return give_point(indicator_at(tr, u, k), 0, year, value);
}

DII_API size_t dii_tracking_indicator_point_count(const dii_tracking *tr, size_t u, size_t k)
{
    const track_indicator *ti = indicator_at(tr, u, k);
    return ti ? ti->points : 0;
}

DII_API int dii_tracking_indicator_observed_pace(const dii_tracking *tr, size_t u, size_t k,
                                                 double *pace)
{
    const track_indicator *ti = indicator_at(tr, u, k);
    return ti ? give(ti->has_pace, ti->pace, pace) : 0;
}

static const track_row *row_at(const dii_tracking *tr, size_t u, size_t k, size_t m)
{
    const track_unit *unit = unit_at(tr, u);
    if (!unit || k >= tr->indicator_count || m >= unit->milestone_count)
        return NULL;
    return &unit->rows[k * unit->milestone_count + m];
}

DII_API int dii_tracking_milestone_target(const dii_tracking *tr, size_t u, size_t k, size_t m,
                                          dii_op *op, double *value, dii_target_basis *basis)
{
    const track_row *row = row_at(tr, u, k, m);
    if (!row || !row->has_target)
        return 0;
    if (op)
        *op = (dii_op)row->target_op;
    if (value)
        *value = row->target_value;
    if (basis)
        *basis = (dii_target_basis)row->target_basis;
    return 1;
}

DII_API int dii_tracking_milestone_required_pace(const dii_tracking *tr, size_t u, size_t k,
                                                 size_t m, double *pace)
{
    const track_row *row = row_at(tr, u, k, m);
    return row ? give(row->has_required, row->required, pace) : 0;
}

DII_API int dii_tracking_milestone_pace_ratio(const dii_tracking *tr, size_t u, size_t k,
                                              size_t m, double *ratio)
{
    const track_row *row = row_at(tr, u, k, m);
    return row ? give(row->has_ratio, row->ratio, ratio) : 0;
}

DII_API dii_track_status dii_tracking_milestone_status(const dii_tracking *tr, size_t u,
                                                       size_t k, size_t m)
{
    const track_row *row = row_at(tr, u, k, m);
    return row ? (dii_track_status)row->status : DII_TRACK_INSUFFICIENT_DATA;
}

DII_API int dii_tracking_milestone_projection(const dii_tracking *tr, size_t u, size_t k,
                                              size_t m, double *value)
{
    const track_row *row = row_at(tr, u, k, m);
    return row ? give(row->has_projection, row->projection, value) : 0;
}

DII_API int dii_tracking_milestone_expected_year(const dii_tracking *tr, size_t u, size_t k,
                                                 size_t m)
{
    const track_row *row = row_at(tr, u, k, m);
    return row ? row->expected_year : 0;
}

DII_API size_t dii_tracking_unit_merged_count(const dii_tracking *tr, size_t u)
{
    const track_unit *unit = unit_at(tr, u);
    return unit ? unit->merged_count : 0;
}

static const track_merged *merged_at(const dii_tracking *tr, size_t u, size_t i)
{
    const track_unit *unit = unit_at(tr, u);
    return unit && i < unit->merged_count ? &tr->merged_block[unit->first_merged + i] : NULL;
}

DII_API dii_status dii_tracking_unit_merged(const dii_tracking *tr, size_t u, size_t i,
                                            int *year, size_t *indicator, double *value,
                                            size_t *source_count)
{
    const track_merged *mv = merged_at(tr, u, i);
    if (!mv)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "unit %zu has no merged value %zu", u, i);
    if (year)
        *year = mv->year;
    if (indicator)
        *indicator = mv->indicator;
    if (value)
        *value = mv->value;
    if (source_count)
        *source_count = mv->source_count;
    dii_clear_error();
    return DII_OK;
}

DII_API dii_status dii_tracking_unit_merged_source(const dii_tracking *tr, size_t u, size_t i,
                                                   size_t j, const char **unit, double *weight,
                                                   double *value)
{
    const track_merged *mv = merged_at(tr, u, i);
    if (!mv || j >= mv->source_count)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "unit %zu merged value %zu has no source %zu", u,
                        i, j);
    const track_source *src = &tr->source_block[mv->first_source + j];
    if (unit)
        *unit = src->unit;
    if (weight)
        *weight = src->weight;
    if (value)
        *value = src->value;
    dii_clear_error();
    return DII_OK;
}

DII_API size_t dii_tracking_milestone_row_count(const dii_tracking *tr)
{
    size_t rows = 0;
    for (size_t u = 0; tr && u < tr->unit_count; u++)
        rows += tr->units[u].milestone_count * tr->indicator_count;
    return rows;
}
