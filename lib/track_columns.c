/* dii_tracking_milestone_columns: every unit x indicator x milestone row
 * as columns, in one pass, for data-frame consumers. The same figures as
 * the accessors in track_model.c, with NaN / -1 / 0 where an accessor says
 * "none" (the convention of dii_results_fill_indicator_columns). */
#include "columns.h"
#include "error.h"
#include "track.h"

static void put_row(const dii_milestone_columns *out, size_t row, const track_unit *unit,
                    size_t u, size_t k, size_t m)
{
    const track_indicator *ti = &unit->indicators[k];
    const track_row *r = &unit->rows[k * unit->milestone_count + m];
    if (out->unit)
        out->unit[row] = u;
    if (out->indicator)
        out->indicator[row] = k;
    column_put_int(out->year, row, 1, unit->milestones[m]);
    column_put_int(out->start_year, row, ti->has_start, ti->start_year);
    column_put_double(out->start_value, row, ti->has_start, ti->start_value);
    column_put_int(out->latest_year, row, ti->has_start, ti->latest_year);
    column_put_double(out->latest_value, row, ti->has_start, ti->latest_value);
    column_put_double(out->observed_pace, row, ti->has_pace, ti->pace);
    column_put_small(out->target_op, row, r->has_target, r->target_op);
    column_put_double(out->target_value, row, r->has_target, r->target_value);
    column_put_small(out->target_basis, row, r->has_target, r->target_basis);
    column_put_double(out->required_pace, row, r->has_required, r->required);
    column_put_double(out->pace_ratio, row, r->has_ratio, r->ratio);
    column_put_small(out->status, row, 1, r->status);
    column_put_double(out->projection, row, r->has_projection, r->projection);
    column_put_int(out->expected_year, row, 1, r->expected_year);
}

DII_API dii_status dii_tracking_milestone_columns(const dii_tracking *tr,
                                                  dii_milestone_columns *out)
{
    if (tr == NULL || out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_tracking_milestone_columns: tr and out "
                                                  "must not be NULL");
    if (out->version != DII_MILESTONE_COLUMNS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_tracking_milestone_columns: "
                        "out->version is %u; this library knows version %d", out->version,
                        DII_MILESTONE_COLUMNS_VERSION);
    size_t row = 0;
    for (size_t u = 0; u < tr->unit_count; u++) {
        const track_unit *unit = &tr->units[u];
        for (size_t k = 0; k < tr->indicator_count; k++)
            for (size_t m = 0; m < unit->milestone_count; m++, row++)
                put_row(out, row, unit, u, k, m);
    }
    dii_clear_error();
    return DII_OK;
}
