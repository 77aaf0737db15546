/* dii_results_fill_indicator_columns: every result's indicator outcomes as
 * columns, in one pass over the results, for data-frame consumers (the
 * Python bindings' to_dataframe). The same figures as the accessors in
 * result.c, with NaN / -1 / 0 where an accessor says "none". */
#include "columns.h"
#include "error.h"
#include "result.h"

static void put_row(const dii_indicator_columns *out, size_t row, const dii_indicator_info *info,
                    const dii_indicator_result *ir)
{
    column_put_double(out->value, row, ir->has_value, ir->value);
    column_put_double(out->points, row, 1, ir->points);
    column_put_double(out->max_points, row, 1, ir->max_points);
    column_put_double(out->attainment, row, 1, ir->attainment);
    column_put_small(out->status, row, 1, ir->status);
    if (out->target_year)
        out->target_year[row] = ir->has_target ? ir->target_year : 0;
    column_put_small(out->target_op, row, ir->has_target, ir->target_op);
    column_put_double(out->target_value, row, ir->has_target, ir->target_value);
    column_put_small(out->target_basis, row, ir->has_target, ir->target_basis);
    column_put_double(out->gap, row, ir->has_gap, ir->gap);
    column_put_double(out->progress, row, ir->has_progress, ir->progress);
    if (out->provisional)
        out->provisional[row] = info->provisional != 0;
}

DII_API dii_status dii_results_fill_indicator_columns(const dii_results *results,
                                                      dii_indicator_columns *out)
{
    if (results == NULL || out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_results_fill_indicator_columns: results "
                                                  "and out must not be NULL");
    if (out->version != DII_INDICATOR_COLUMNS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_results_fill_indicator_columns: out->version "
                        "is %u; this library knows version %d", out->version,
                        DII_INDICATOR_COLUMNS_VERSION);
    size_t row = 0;
    for (size_t r = 0; r < results->count; r++) {
        const struct dii_result *res = &results->items[r];
        for (size_t k = 0; k < res->indicator_count; k++, row++)
            put_row(out, row, &res->info[k], &res->indicators[k]);
    }
    dii_clear_error();
    return DII_OK;
}

/* The 1.1 name, whose `out` read as an input (const): the struct is only
 * read, the arrays it points to are written. Kept for programs built
 * against it. */
DII_API dii_status dii_results_indicator_columns(const dii_results *results,
                                                 const dii_indicator_columns *out)
{
    /* The cast is sound: *out itself is never written, only its arrays. */
    return dii_results_fill_indicator_columns(results, (dii_indicator_columns *)out);
}
