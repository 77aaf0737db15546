/* dii_comparison_rows_columns: every listed row of every entry as columns,
 * in one pass, for data-frame consumers. The same figures as the row
 * accessors in compare_model.c (the same delta rules), with NaN / -1 where
 * an accessor says "none" (columns.h). */
#include "columns.h"
#include "compare.h"
#include "error.h"

static void put_row(const dii_comparison_columns *out, size_t r,
                    const struct dii_comparison *cmp, size_t u, const cmp_row *row)
{
    const cmp_unit *unit = &cmp->units[u];
    double delta;
    int has;
    column_put_index(out->unit, r, u);
    column_put_index(out->indicator, r, row->indicator);
    column_put_double(out->value_a, r, row->has_value[DII_SIDE_A], row->value[DII_SIDE_A]);
    column_put_double(out->value_b, r, row->has_value[DII_SIDE_B], row->value[DII_SIDE_B]);
    has = cmp_value_delta(cmp, row, &delta);
    column_put_double(out->delta_value, r, has, delta);
    column_put_double(out->points_a, r, unit->on_side[DII_SIDE_A], row->points[DII_SIDE_A]);
    column_put_double(out->points_b, r, unit->on_side[DII_SIDE_B], row->points[DII_SIDE_B]);
    has = cmp_points_delta(unit, row, &delta);
    column_put_double(out->delta_points, r, has, delta);
    column_put_small(out->status_a, r, unit->on_side[DII_SIDE_A], row->status[DII_SIDE_A]);
    column_put_small(out->status_b, r, unit->on_side[DII_SIDE_B], row->status[DII_SIDE_B]);
    column_put_flag(out->value_changed, r, row->changes & DII_CHANGED_VALUE);
    column_put_flag(out->points_changed, r, row->changes & DII_CHANGED_POINTS);
    column_put_flag(out->status_changed, r, row->changes & DII_CHANGED_STATUS);
    column_put_flag(out->changed, r, row->changes != 0);
}

DII_API dii_status dii_comparison_rows_columns(const dii_comparison *cmp,
                                               dii_comparison_columns *out)
{
    if (cmp == NULL || out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_comparison_rows_columns: cmp and out "
                                                  "must not be NULL");
    if (out->version != DII_COMPARISON_COLUMNS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_comparison_rows_columns: out->version "
                        "is %u; this library knows version %d", out->version,
                        DII_COMPARISON_COLUMNS_VERSION);
    size_t r = 0;
    for (size_t u = 0; u < cmp->unit_count; u++) {
        const cmp_unit *unit = &cmp->units[u];
        for (size_t i = 0; i < unit->row_count; i++, r++)
            put_row(out, r, cmp, u, &cmp->rows[unit->first_row + i]);
    }
    dii_clear_error();
    return DII_OK;
}
