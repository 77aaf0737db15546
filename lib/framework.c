/* The framework handle: loading entry points, accessors and destruction.
 * Parsing and checking live in framework_parse.c. */
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "error.h"
#include "model.h"
#include "parse.h"

static void free_indicator(struct dii_indicator *ind)
{
    dii_mem_free(ind->id);
    dii_mem_free(ind->code);
    dii_mem_free(ind->group_id);
    dii_mem_free(ind->name_vi);
    dii_mem_free(ind->name_en);
    dii_mem_free(ind->bands);
    dii_mem_free(ind->targets);
    dii_mem_free(ind->notes);
}

void dii_framework_destroy(struct dii_framework *fw)
{
    if (!fw)
        return;
    for (size_t i = 0; i < fw->indicator_count; i++)
        free_indicator(&fw->indicators[i]);
    for (size_t i = 0; i < fw->group_count; i++) {
        dii_mem_free(fw->groups[i].id);
        dii_mem_free(fw->groups[i].name_vi);
        dii_mem_free(fw->groups[i].name_en);
    }
    dii_mem_free(fw->indicators);
    dii_mem_free(fw->groups);
    dii_mem_free(fw->id_slots);
    dii_mem_free(fw->id);
    dii_mem_free(fw->version);
    dii_mem_free(fw->title_vi);
    dii_mem_free(fw->title_en);
    dii_mem_free(fw->source);
    dii_mem_free(fw);
}

DII_API void dii_framework_free(dii_framework *fw)
{
    dii_framework_destroy(fw);
}

/* Options: NULL, or a version this library knows. Only the limits are
 * read (dii_limits_of, by version); the format and CSV members mean nothing
 * to a framework and are not checked. */
static dii_status check_options(const char *fn, const dii_parse_options *opts)
{
    if (opts == NULL || (opts->version >= 1 && opts->version <= DII_PARSE_OPTIONS_VERSION))
        return DII_OK;
    return dii_fail(DII_ERR_INVALID_ARGUMENT,
                    "%s: dii_parse_options version %u is not supported (expected 1 to %d); "
                    "initialise options with DII_PARSE_OPTIONS_INIT",
                    fn, opts->version, DII_PARSE_OPTIONS_VERSION);
}

/* Checked arguments and an empty list → the framework or the failure. */
static dii_status load_text(const char *data, size_t len, const char *name,
                            const dii_limits *limits, dii_framework **out,
                            dii_diagnostics *list)
{
    dii_status st = dii_limit_check_size(data, len, name, limits, list);
    if (st == DII_ERR_NO_MEMORY)
        return dii_fail_nomem();
    if (st != DII_OK) {
        const struct dii_diagnostic *d = &list->items[list->count - 1];
        return dii_fail(st, "%s:%lu:%lu: %s", name ? name : "<memory>", d->line, d->column,
                        d->message);
    }
    size_t bom = dii_bom_length(data, len);
    dii_clear_error();
    st = dii_parse_framework(data + bom, len - bom, name, limits, out, list);
    /* the checks run rule by rule: the list is handed out in input order (dii.h) */
    if (dii_diag_sort_by_position(list) != DII_OK) {
        dii_framework_free(*out);
        *out = NULL;
        return dii_fail_nomem();
    }
    return st;
}

DII_API dii_status dii_framework_load_memory_with(const char *data, size_t len,
                                                  const char *name,
                                                  const dii_parse_options *opts,
                                                  dii_framework **out, dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!out || (!data && len > 0))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_framework_load_memory: out and data "
                                                  "must not be NULL");
    dii_status st = check_options("dii_framework_load_memory", opts);
    if (st != DII_OK)
        return st;
    dii_diagnostics *list = dii_diag_new();
    if (!list)
        return dii_fail_nomem();
    dii_limits limits = dii_limits_of(opts);
    st = load_text(data ? data : "", len, name, &limits, out, list);
    dii_diag_give(list, diags);
    return st;
}

DII_API dii_status dii_framework_load_memory(const char *data, size_t len, const char *name,
                                             dii_framework **out, dii_diagnostics **diags)
{
    return dii_framework_load_memory_with(data, len, name, NULL, out, diags);
}

DII_API dii_status dii_framework_load_file_with(const char *path, const dii_parse_options *opts,
                                                dii_framework **out, dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!path || !out)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_framework_load_file: path and out must "
                                                  "not be NULL");
    dii_status st = check_options("dii_framework_load_file", opts);
    if (st != DII_OK)
        return st;
    dii_limits limits = dii_limits_of(opts);
    char *data = NULL;
    size_t len = 0;
    /* At most one byte past the limit: an endless file (/dev/zero) ends. */
    st = dii_read_file(path, dii_limit_read_most(&limits), &data, &len);
    if (st == DII_ERR_IO)
        return dii_diag_give_unreadable(path, st, diags);
    if (st != DII_OK)
        return st;
    dii_diagnostics *list = dii_diag_new();
    if (!list) {
        dii_mem_free(data);
        return dii_fail_nomem();
    }
    st = load_text(data, len, path, &limits, out, list);
    dii_diag_give(list, diags);
    dii_mem_free(data);
    return st;
}

DII_API dii_status dii_framework_load_file(const char *path, dii_framework **out,
                                           dii_diagnostics **diags)
{
    return dii_framework_load_file_with(path, NULL, out, diags);
}

DII_API const char *dii_framework_id(const dii_framework *fw) { return fw ? fw->id : NULL; }
DII_API const char *dii_framework_version(const dii_framework *fw) { return fw ? fw->version : NULL; }
DII_API const char *dii_framework_source(const dii_framework *fw) { return fw ? fw->source : NULL; }

/* "en" asks for English; anything else for Vietnamese, the source language. */
static const char *pick_language(const char *vi, const char *en, const char *lang)
{
    int want_en = lang && strcmp(lang, "en") == 0;
    if (want_en)
        return en ? en : vi;
    return vi ? vi : en;
}

DII_API const char *dii_framework_title(const dii_framework *fw, const char *lang)
{
    return fw ? pick_language(fw->title_vi, fw->title_en, lang) : NULL;
}

DII_API dii_framework_status dii_framework_status_of(const dii_framework *fw)
{
    return fw ? fw->status : DII_FRAMEWORK_PROVISIONAL;
}

DII_API dii_missing_policy dii_framework_missing_policy(const dii_framework *fw)
{
    return fw ? fw->missing : DII_MISSING_ZERO;
}

DII_API int dii_framework_rank_decimals(const dii_framework *fw) { return fw ? fw->rank_decimals : 0; }
DII_API double dii_framework_max_points(const dii_framework *fw) { return fw ? fw->max_points : 0; }
DII_API int dii_framework_first_year(const dii_framework *fw) { return fw ? fw->first_year : 0; }
DII_API int dii_framework_last_year(const dii_framework *fw) { return fw ? fw->last_year : 0; }
DII_API size_t dii_framework_group_count(const dii_framework *fw) { return fw ? fw->group_count : 0; }
DII_API size_t dii_framework_indicator_count(const dii_framework *fw) { return fw ? fw->indicator_count : 0; }

DII_API const dii_group *dii_framework_group(const dii_framework *fw, size_t i)
{
    return fw && i < fw->group_count ? &fw->groups[i] : NULL;
}

DII_API const dii_group *dii_framework_find_group(const dii_framework *fw, const char *id)
{
    for (size_t i = 0; fw && id && i < fw->group_count; i++)
        if (strcmp(fw->groups[i].id, id) == 0)
            return &fw->groups[i];
    return NULL;
}

DII_API const char *dii_group_id(const dii_group *g) { return g ? g->id : NULL; }
DII_API double dii_group_max_points(const dii_group *g) { return g ? g->max_points : 0; }
DII_API size_t dii_group_indicator_count(const dii_group *g) { return g ? g->indicator_count : 0; }

DII_API const char *dii_group_name(const dii_group *g, const char *lang)
{
    return g ? pick_language(g->name_vi, g->name_en, lang) : NULL;
}

DII_API const dii_indicator *dii_framework_indicator(const dii_framework *fw, size_t i)
{
    return fw && i < fw->indicator_count ? &fw->indicators[i] : NULL;
}

dii_status dii_framework_index_ids(struct dii_framework *fw)
{
    size_t cap = 8;
    while (cap < 2 * fw->indicator_count)
        cap *= 2;
    fw->id_slots = dii_mem_calloc(cap, sizeof *fw->id_slots);
    if (fw->id_slots == NULL)
        return DII_ERR_NO_MEMORY;
    fw->id_mask = cap - 1;
    for (size_t k = 0; k < fw->indicator_count; k++) {
        size_t at = dii_hash_finish(dii_hash_string(fw->indicators[k].id), 0) & fw->id_mask;
        while (fw->id_slots[at] != 0)
            at = (at + 1) & fw->id_mask;
        fw->id_slots[at] = k + 1;
    }
    return DII_OK;
}

DII_API const dii_indicator *dii_framework_find_indicator(const dii_framework *fw,
                                                          const char *id)
{
    /* every framework handed out is indexed (dii_parse_framework) */
    if (fw == NULL || id == NULL || fw->id_slots == NULL)
        return NULL;
    size_t at = dii_hash_finish(dii_hash_string(id), 0) & fw->id_mask;
    for (; fw->id_slots[at] != 0; at = (at + 1) & fw->id_mask) {
        const dii_indicator *ind = &fw->indicators[fw->id_slots[at] - 1];
        if (strcmp(ind->id, id) == 0)
            return ind;
    }
    return NULL;
}

DII_API const dii_indicator *dii_framework_find_indicator_by_code(const dii_framework *fw,
                                                                  const char *code)
{
    for (size_t i = 0; fw && code && i < fw->indicator_count; i++)
        if (fw->indicators[i].code && strcmp(fw->indicators[i].code, code) == 0)
            return &fw->indicators[i];
    return NULL;
}

DII_API const char *dii_indicator_id(const dii_indicator *ind) { return ind ? ind->id : NULL; }
DII_API const char *dii_indicator_code(const dii_indicator *ind) { return ind ? ind->code : NULL; }
DII_API size_t dii_indicator_index(const dii_indicator *ind) { return ind ? ind->index : 0; }
DII_API const char *dii_indicator_group(const dii_indicator *ind) { return ind ? ind->group_id : NULL; }
DII_API dii_unit dii_indicator_unit(const dii_indicator *ind) { return ind ? ind->unit : DII_UNIT_OTHER; }
DII_API dii_direction dii_indicator_direction(const dii_indicator *ind) { return ind ? ind->direction : DII_DIRECTION_HIGHER; }
DII_API double dii_indicator_points(const dii_indicator *ind) { return ind ? ind->points : 0; }
DII_API dii_method dii_indicator_method(const dii_indicator *ind) { return ind ? ind->method : DII_METHOD_TARGET_RATIO; }
DII_API int dii_indicator_provisional(const dii_indicator *ind) { return ind ? ind->provisional : 0; }
DII_API const char *dii_indicator_notes(const dii_indicator *ind) { return ind ? ind->notes : NULL; }
DII_API size_t dii_indicator_target_count(const dii_indicator *ind) { return ind ? ind->target_count : 0; }
DII_API size_t dii_indicator_band_count(const dii_indicator *ind) { return ind ? ind->band_count : 0; }

DII_API const char *dii_indicator_name(const dii_indicator *ind, const char *lang)
{
    return ind ? pick_language(ind->name_vi, ind->name_en, lang) : NULL;
}

DII_API dii_status dii_indicator_linear_range(const dii_indicator *ind, double *min, double *max)
{
    if (min)
        *min = 0;
    if (max)
        *max = 0;
    if (!ind || ind->method != DII_METHOD_LINEAR)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "indicator is not scored by method 'linear'");
    dii_clear_error();
    if (min)
        *min = ind->linear_min;
    if (max)
        *max = ind->linear_max;
    return DII_OK;
}

DII_API dii_status dii_indicator_band(const dii_indicator *ind, size_t i, double *from,
                                      double *score)
{
    if (from)
        *from = 0;
    if (score)
        *score = 0;
    if (!ind || i >= ind->band_count)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "no band %zu", i);
    dii_clear_error();
    if (from)
        *from = ind->bands[i].from;
    if (score)
        *score = ind->bands[i].score;
    return DII_OK;
}

DII_API int dii_indicator_baseline(const dii_indicator *ind, int *year, double *value)
{
    if (!ind || !ind->has_baseline)
        return 0;
    if (year)
        *year = ind->baseline_year;
    if (value)
        *value = ind->baseline_value;
    return 1;
}

DII_API dii_status dii_indicator_target(const dii_indicator *ind, size_t i, int *year,
                                        dii_op *op, double *value)
{
    if (year)
        *year = 0;
    if (op)
        *op = DII_OP_GE;
    if (value)
        *value = 0;
    if (!ind || i >= ind->target_count)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "no target %zu", i);
    dii_clear_error();
    if (year)
        *year = ind->targets[i].year;
    if (op)
        *op = ind->targets[i].op;
    if (value)
        *value = ind->targets[i].value;
    return DII_OK;
}
