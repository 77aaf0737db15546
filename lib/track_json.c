/* dii_tracking_to_json: the "dii-tracking/1" document (docs/tracking.md §5,
 * data/schema/tracking.schema.json). Field order is fixed; the layout and
 * the number text are jsonw.h's (the writer result_json.c uses); absent
 * values are null; values and targets of yes/no indicators are true/false. */
#include "error.h"
#include "jsonw.h"
#include "result.h"
#include "track.h"

/* A trajectory year or a projected milestone: the dii_result's totals. */
static void put_score(jsonw *w, const struct dii_result *r)
{
    jw_open(w, '{');
    jw_key(w, "year");
    jw_int(w, r->year);
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
    jw_key(w, "cohort_size");
    jw_uint(w, r->cohort_size);
    jw_key(w, "met");
    jw_uint(w, r->compliance[DII_COMPLIANCE_MET]);
    jw_key(w, "compliance");
    jw_open(w, '{');
    for (int c = DII_COMPLIANCE_MET; c <= DII_COMPLIANCE_MISSING; c++) {
        jw_key(w, dii_compliance_name((dii_compliance)c));
        jw_uint(w, r->compliance[c]);
    }
    jw_close(w, '}');
    jw_close(w, '}');
}

static void put_scores(jsonw *w, const char *key, const dii_results *results, size_t first,
                       size_t count)
{
    jw_key(w, key);
    jw_open(w, '[');
    for (size_t i = 0; results && i < count; i++) {
        jw_elem(w);
        put_score(w, &results->items[first + i]);
    }
    jw_close(w, ']');
}

static void put_point(jsonw *w, const char *key, int has, int year, int is_boolean, double v)
{
    jw_key(w, key);
    if (!has) {
        jw_null(w);
        return;
    }
    jw_open(w, '{');
    jw_key(w, "year");
    jw_int(w, year);
    jw_key(w, "value");
    jw_value(w, is_boolean, v);
    jw_close(w, '}');
}

static void put_milestone(jsonw *w, int year, int is_boolean, const track_row *r)
{
    jw_open(w, '{');
    jw_key(w, "year");
    jw_int(w, year);
    jw_key(w, "target");
    if (r->has_target) {
        jw_open(w, '{');
        jw_key(w, "op");
        jw_enum(w, dii_op_symbol((dii_op)r->target_op));
        jw_key(w, "value");
        jw_value(w, is_boolean, r->target_value);
        jw_key(w, "basis");
        jw_enum(w, dii_target_basis_name((dii_target_basis)r->target_basis));
        jw_close(w, '}');
    } else {
        jw_null(w);
    }
    jw_key(w, "required_pace");
    jw_opt_num(w, r->has_required, r->required);
    jw_key(w, "pace_ratio");
    jw_opt_num(w, r->has_ratio, r->ratio);
    jw_key(w, "status");
    jw_enum(w, dii_track_status_name((dii_track_status)r->status));
    jw_key(w, "projection");
    jw_opt_num(w, r->has_projection, r->projection);
    jw_key(w, "expected_year");
    if (r->expected_year)
        jw_int(w, r->expected_year);
    else
        jw_null(w);
    jw_close(w, '}');
}

static void put_indicator(jsonw *w, const struct dii_tracking *tr, const track_unit *unit,
                          size_t k)
{
    const track_indicator *ti = &unit->indicators[k];
    int is_boolean = tr->indicator_boolean[k];
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, tr->indicator_ids[k]);
    jw_key(w, "code");
    jw_str(w, tr->indicator_codes[k]);
    put_point(w, "start", ti->has_start, ti->start_year, is_boolean, ti->start_value);
    put_point(w, "latest", ti->has_start, ti->latest_year, is_boolean, ti->latest_value);
    jw_key(w, "point_count");
    jw_uint(w, ti->points);
    jw_key(w, "observed_pace");
    jw_opt_num(w, ti->has_pace, ti->pace);
    jw_key(w, "milestones");
    jw_open(w, '[');
    for (size_t m = 0; m < unit->milestone_count; m++) {
        jw_elem(w);
        put_milestone(w, unit->milestones[m], is_boolean,
                      &unit->rows[k * unit->milestone_count + m]);
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

static void put_merged(jsonw *w, const struct dii_tracking *tr, const track_merged *mv)
{
    int is_boolean = tr->indicator_boolean[mv->indicator];
    jw_open(w, '{');
    jw_key(w, "year");
    jw_int(w, mv->year);
    jw_key(w, "indicator");
    jw_str(w, tr->indicator_ids[mv->indicator]);
    jw_key(w, "value");
    jw_value(w, is_boolean, mv->value);
    jw_key(w, "from");
    jw_open(w, '[');
    for (size_t j = 0; j < mv->source_count; j++) {
        const track_source *src = &tr->source_block[mv->first_source + j];
        jw_elem(w);
        jw_open(w, '{');
        jw_key(w, "unit");
        jw_str(w, src->unit);
        jw_key(w, "weight");
        jw_num(w, src->weight);
        jw_key(w, "value");
        jw_value(w, is_boolean, src->value);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

static void put_unit(jsonw *w, const struct dii_tracking *tr, const track_unit *unit)
{
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, unit->id);
    jw_key(w, "name");
    jw_str(w, unit->name);
    put_scores(w, "years", tr->trajectory, unit->first_year_result, unit->year_count);
    put_scores(w, "projected", tr->projected, unit->first_projected, unit->milestone_count);
    jw_key(w, "indicators");
    jw_open(w, '[');
    for (size_t k = 0; k < tr->indicator_count; k++) {
        jw_elem(w);
        put_indicator(w, tr, unit, k);
    }
    jw_close(w, ']');
    jw_key(w, "merged");
    jw_open(w, '[');
    for (size_t i = 0; i < unit->merged_count; i++) {
        jw_elem(w);
        put_merged(w, tr, &tr->merged_block[unit->first_merged + i]);
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

static void put_header(jsonw *w, const struct dii_tracking *tr)
{
    jw_key(w, "format");
    jw_str(w, "dii-tracking/1");
    jw_key(w, "framework");
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, tr->framework_id);
    jw_key(w, "version");
    jw_str(w, tr->framework_version);
    jw_key(w, "status");
    jw_enum(w, dii_framework_status_name(tr->framework_status));
    jw_close(w, '}');
    jw_key(w, "pace_method");
    jw_enum(w, dii_pace_method_name(tr->pace));
    jw_key(w, "crosswalk");
    if (tr->crosswalk_year) {
        jw_open(w, '{');
        jw_key(w, "effective_year");
        jw_int(w, tr->crosswalk_year);
        jw_close(w, '}');
    } else {
        jw_null(w);
    }
}

DII_API dii_status dii_tracking_to_json(const dii_tracking *tr, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!tr || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_tracking_to_json: tr and json must not be NULL");
    strbuf sb;
    sb_init(&sb);
    jsonw w;
    jw_init(&w, &sb);
    jw_open(&w, '{');
    put_header(&w, tr);
    jw_key(&w, "units");
    jw_open(&w, '[');
    for (size_t u = 0; u < tr->unit_count; u++) {
        jw_elem(&w);
        put_unit(&w, tr, &tr->units[u]);
    }
    jw_close(&w, ']');
    jw_key(&w, "warnings");
    jw_open(&w, '[');
    for (size_t i = 0; i < dii_results_warning_count(tr->trajectory); i++) {
        jw_elem(&w);
        jw_str(&w, dii_results_warning(tr->trajectory, i));
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    return jw_finish(&sb, json, len);
}
