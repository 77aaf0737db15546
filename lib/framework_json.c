/* struct dii_framework → "dii-framework/1" JSON, in the field order of
 * design.md §5.1. Written from the model (not the original text), so the
 * output is normalised — defaults spelled out, targets sorted by year,
 * group max_points always given — and loads back into an equal framework. */
#include "alloc.h"
#include "error.h"
#include "jsonw.h"
#include "model.h"

static void write_names(jsonw *w, const char *key, const char *vi, const char *en)
{
    jw_key(w, key);
    jw_open(w, '{');
    if (vi) {
        jw_key(w, "vi");
        jw_str(w, vi);
    }
    if (en) {
        jw_key(w, "en");
        jw_str(w, en);
    }
    jw_close(w, '}');
}

/* Yes/no indicators keep their values as true / false. */
static void write_value(jsonw *w, const struct dii_indicator *ind, double v)
{
    if (ind->unit == DII_UNIT_BOOLEAN)
        jw_bool(w, v != 0);
    else
        jw_num(w, v);
}

static void write_scoring(jsonw *w, const struct dii_indicator *ind)
{
    jw_key(w, "scoring");
    jw_open(w, '{');
    jw_key(w, "method");
    jw_str(w, dii_method_name(ind->method));
    if (ind->method == DII_METHOD_LINEAR) {
        jw_key(w, "min");
        jw_num(w, ind->linear_min);
        jw_key(w, "max");
        jw_num(w, ind->linear_max);
    } else if (ind->method == DII_METHOD_BANDS) {
        jw_key(w, "bands");
        jw_open(w, '[');
        for (size_t b = 0; b < ind->band_count; b++) {
            jw_elem(w);
            jw_open(w, '{');
            jw_key(w, "from");
            jw_num(w, ind->bands[b].from);
            jw_key(w, "score");
            jw_num(w, ind->bands[b].score);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static void write_targets(jsonw *w, const struct dii_indicator *ind)
{
    if (ind->has_baseline) {
        jw_key(w, "baseline");
        jw_open(w, '{');
        jw_key(w, "year");
        jw_int(w, ind->baseline_year);
        jw_key(w, "value");
        write_value(w, ind, ind->baseline_value);
        jw_close(w, '}');
    }
    if (ind->target_count == 0)
        return;
    jw_key(w, "targets");
    jw_open(w, '[');
    for (size_t t = 0; t < ind->target_count; t++) {
        jw_elem(w);
        jw_open(w, '{');
        jw_key(w, "year");
        jw_int(w, ind->targets[t].year);
        jw_key(w, "op");
        jw_str(w, dii_op_symbol(ind->targets[t].op));
        jw_key(w, "value");
        write_value(w, ind, ind->targets[t].value);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void write_indicator(jsonw *w, const struct dii_indicator *ind)
{
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, ind->id);
    if (ind->code) {
        jw_key(w, "code");
        jw_str(w, ind->code);
    }
    jw_key(w, "group");
    jw_str(w, ind->group_id);
    write_names(w, "name", ind->name_vi, ind->name_en);
    jw_key(w, "unit");
    jw_str(w, dii_unit_name(ind->unit));
    jw_key(w, "direction");
    jw_str(w, dii_direction_name(ind->direction));
    jw_key(w, "points");
    jw_num(w, ind->points);
    write_scoring(w, ind);
    write_targets(w, ind);
    jw_key(w, "provisional");
    jw_bool(w, ind->provisional);
    if (ind->notes) {
        jw_key(w, "notes");
        jw_str(w, ind->notes);
    }
    jw_close(w, '}');
}

static void write_header(jsonw *w, const struct dii_framework *fw)
{
    jw_key(w, "format");
    jw_str(w, "dii-framework/1");
    jw_key(w, "id");
    jw_str(w, fw->id);
    if (fw->version) {
        jw_key(w, "version");
        jw_str(w, fw->version);
    }
    write_names(w, "title", fw->title_vi, fw->title_en);
    if (fw->source) {
        jw_key(w, "source");
        jw_str(w, fw->source);
    }
    jw_key(w, "status");
    jw_str(w, dii_framework_status_name(fw->status));
    jw_key(w, "missing");
    jw_str(w, dii_missing_policy_name(fw->missing));
    jw_key(w, "rank_decimals");
    jw_int(w, fw->rank_decimals);
}

static void write_groups(jsonw *w, const struct dii_framework *fw)
{
    jw_key(w, "groups");
    jw_open(w, '[');
    for (size_t g = 0; g < fw->group_count; g++) {
        jw_elem(w);
        jw_open(w, '{');
        jw_key(w, "id");
        jw_str(w, fw->groups[g].id);
        write_names(w, "name", fw->groups[g].name_vi, fw->groups[g].name_en);
        jw_key(w, "max_points");
        jw_num(w, fw->groups[g].max_points);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

DII_API dii_status dii_framework_to_json(const dii_framework *fw, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!fw || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_framework_to_json: framework and json must not be NULL");
    strbuf sb;
    sb_init(&sb);
    jsonw w;
    jw_init(&w, &sb);
    jw_open(&w, '{');
    write_header(&w, fw);
    write_groups(&w, fw);
    jw_key(&w, "indicators");
    jw_open(&w, '[');
    for (size_t i = 0; i < fw->indicator_count; i++) {
        jw_elem(&w);
        write_indicator(&w, &fw->indicators[i]);
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    return jw_finish(&sb, json, len);
}
