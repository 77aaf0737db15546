/* dii_results_to_json: the "dii-result/1" document (design.md §5.3).
 *
 * Field order is fixed (as below) and the layout is jsonw.h's two-space
 * pretty-printing with a trailing newline, so that golden files diff well.
 * Numbers are written at full precision (strbuf.c's shortest round-trip
 * form); absent things are null: unit name, framework version, indicator
 * code, a missing value, target, gap, progress, and a rank of 0 (unranked).
 * Values and target values of boolean indicators are written as true/false. */
#include "error.h"
#include "jsonw.h"
#include "result.h"

static void put_indicator(jsonw *w, const dii_indicator_info *info,
                          const dii_indicator_result *ir)
{
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, info->id);
    jw_key(w, "code");
    jw_str(w, info->code);
    jw_key(w, "group");
    jw_str(w, info->group_id);
    jw_key(w, "value");
    if (ir->has_value)
        jw_value(w, info->is_boolean, ir->value);
    else
        jw_null(w);
    jw_key(w, "points");
    jw_num(w, ir->points);
    jw_key(w, "max_points");
    jw_num(w, ir->max_points);
    jw_key(w, "attainment");
    jw_num(w, ir->attainment);
    jw_key(w, "status");
    jw_enum(w, dii_compliance_name(ir->status));
    jw_key(w, "target");
    if (ir->has_target) {
        jw_open(w, '{');
        jw_key(w, "year");
        jw_int(w, ir->target_year);
        jw_key(w, "op");
        jw_enum(w, dii_op_symbol(ir->target_op));
        jw_key(w, "value");
        jw_value(w, info->is_boolean, ir->target_value);
        jw_key(w, "basis");
        jw_enum(w, dii_target_basis_name(ir->target_basis));
        jw_close(w, '}');
    } else {
        jw_null(w);
    }
    jw_key(w, "gap");
    if (ir->has_gap)
        jw_num(w, ir->gap);
    else
        jw_null(w);
    jw_key(w, "progress");
    if (ir->has_progress)
        jw_num(w, ir->progress);
    else
        jw_null(w);
    jw_key(w, "provisional");
    jw_bool(w, info->provisional);
    jw_close(w, '}');
}

static void put_result(jsonw *w, const struct dii_result *r)
{
    jw_open(w, '{');
    jw_key(w, "unit");
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, r->unit_id);
    jw_key(w, "name");
    jw_str(w, r->unit_name);
    jw_close(w, '}');
    jw_key(w, "year");
    jw_int(w, r->year);
    jw_key(w, "target_year");
    jw_int(w, r->target_year);
    jw_key(w, "points");
    jw_num(w, r->points);
    jw_key(w, "max_points");
    jw_num(w, r->max_points);
    jw_key(w, "index");
    jw_num(w, r->index);
    jw_key(w, "rank");
    if (r->rank > 0)
        jw_int(w, r->rank);
    else
        jw_null(w);

    jw_key(w, "compliance");
    jw_open(w, '{');
    for (int c = DII_COMPLIANCE_MET; c <= DII_COMPLIANCE_MISSING; c++) {
        jw_key(w, dii_compliance_name((dii_compliance)c)); /* met, not_met, ... */
        jw_uint(w, r->compliance[c]);
    }
    jw_close(w, '}');

    jw_key(w, "groups");
    jw_open(w, '[');
    for (size_t g = 0; r->groups && g < r->group_count; g++) {
        const dii_group_result *gr = &r->groups[g];
        jw_elem(w);
        jw_open(w, '{');
        jw_key(w, "id");
        jw_str(w, gr->id);
        jw_key(w, "points");
        jw_num(w, gr->points);
        jw_key(w, "max_points");
        jw_num(w, gr->max_points);
        jw_key(w, "index");
        jw_num(w, gr->index);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "indicators");
    jw_open(w, '[');
    for (size_t k = 0; r->indicators && k < r->indicator_count; k++) {
        jw_elem(w);
        put_indicator(w, &r->info[k], &r->indicators[k]);
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

DII_API dii_status dii_results_to_json(const dii_results *results, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!results || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_results_to_json: results and json must not be NULL");

    strbuf sb;
    sb_init(&sb);
    jsonw w;
    jw_init(&w, &sb);

    jw_open(&w, '{');
    jw_key(&w, "format");
    jw_str(&w, "dii-result/1");
    jw_key(&w, "framework");
    jw_open(&w, '{');
    jw_key(&w, "id");
    jw_str(&w, results->framework_id);
    jw_key(&w, "version");
    jw_str(&w, results->framework_version);
    jw_key(&w, "status");
    jw_enum(&w, dii_framework_status_name(results->framework_status));
    jw_close(&w, '}');

    jw_key(&w, "results");
    jw_open(&w, '[');
    for (size_t i = 0; results->items && i < results->count; i++) {
        jw_elem(&w);
        put_result(&w, &results->items[i]);
    }
    jw_close(&w, ']');

    jw_key(&w, "warnings");
    jw_open(&w, '[');
    for (size_t i = 0; results->warnings && i < results->warning_count; i++) {
        jw_elem(&w);
        jw_str(&w, results->warnings[i]);
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    return jw_finish(&sb, json, len);
}
