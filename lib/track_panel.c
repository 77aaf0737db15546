/* The panel dii_track works on: one row per unit and year, each holding
 * every indicator's value, after the crosswalk has merged former units into
 * their new one (docs/tracking.md §4). Rows are ordered by unit (first
 * appearance in the input, after mapping) and then by year, so that each
 * unit's years are one ascending run. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "model.h"
#include "track_build.h"

/* The unit a submission counts for: its new unit when a crosswalk merges
 * it (years before the effective year only), else its own. */
static const crosswalk_row *mapping_of(const struct dii_crosswalk *cw,
                                       const struct dii_submission *sub)
{
    if (!cw || sub->body->year >= cw->effective_year)
        return NULL;
    return dii_crosswalk_find(cw, sub->body->unit_id);
}

typedef struct sub_key {
    size_t unit;
    int year;
    size_t sub;
} sub_key;

static int by_unit_year(const void *a, const void *b)
{
    const sub_key *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return (x->sub > y->sub) - (x->sub < y->sub);
}

/* Every submission's unit (strpool index = unit number, in order of first
 * appearance) and each unit's name: the first one its own submissions
 * give, in input order (a former unit's name is not the new unit's). */
static int key_submissions(track_panel *pn, const struct dii_submissions *subs,
                           const struct dii_crosswalk *cw, sub_key *keys)
{
    for (size_t s = 0; s < subs->count; s++) {
        const struct dii_submission *sub = &subs->items[s];
        const crosswalk_row *row = mapping_of(cw, sub);
        const char *unit = row ? row->to_unit : sub->body->unit_id;
        size_t u = dii_strpool_index(&pn->units, unit, strlen(unit));
        if (u == (size_t)-1 || dii_mem_grow((void **)&pn->unit_names, &pn->name_cap,
                                            pn->units.count, sizeof *pn->unit_names))
            return -1;
        while (pn->name_count < pn->units.count)
            pn->unit_names[pn->name_count++] = NULL; /* a new unit, no name yet */
        const char *name = dii_sub_unit_name(sub);
        if (!pn->unit_names[u] && name && strcmp(sub->body->unit_id, unit) == 0)
            pn->unit_names[u] = name;
        keys[s].unit = u;
        keys[s].year = sub->body->year;
        keys[s].sub = s;
    }
    qsort(keys, subs->count, sizeof *keys, by_unit_year);
    return 0;
}

/* Each submission's value of each indicator ([s * K + k]), NULL when not
 * given or given as missing. Validation guarantees one value per id. */
static const dii_value_entry **index_values(const struct dii_framework *fw,
                                            const struct dii_submissions *subs)
{
    size_t kc = fw->indicator_count;
    const dii_value_entry **cells = dii_mem_calloc(subs->count * kc + 1, sizeof *cells);
    const dii_indicator **ind_of_id = dii_resolve_indicator_ids(fw, subs);
    for (size_t s = 0; cells && ind_of_id && s < subs->count; s++) {
        const struct dii_submission *sub = &subs->items[s];
        for (size_t v = 0; v < sub->body->value_count; v++) {
            const dii_indicator *ind = ind_of_id[sub->body->values[v].id];
            if (ind && sub->body->values[v].kind != DII_VALUE_MISSING)
                cells[s * kc + ind->index] = &sub->body->values[v];
        }
    }
    if (!ind_of_id) {
        dii_mem_free((void *)cells);
        cells = NULL;
    }
    dii_mem_free((void *)ind_of_id);
    return cells;
}

static int is_own(const struct dii_submission *sub, const char *unit)
{
    return strcmp(sub->body->unit_id, unit) == 0;
}

/* Appends one merged value and its contributors to the tracking's blocks. */
static int record_merged(track_merge_ctx *m, size_t k, double value, const sub_key *group,
                         size_t members)
{
    struct dii_tracking *tr = m->tr;
    if (dii_mem_grow((void **)&tr->merged_block, &tr->merged_cap, tr->merged_total + 1,
                     sizeof *tr->merged_block))
        return -1;
    track_merged *mv = &tr->merged_block[tr->merged_total];
    mv->year = group[0].year;
    mv->indicator = k;
    mv->value = value;
    mv->first_source = tr->source_total;
    mv->source_count = 0;
    size_t kc = m->fw->indicator_count;
    for (size_t i = 0; i < members; i++) {
        const dii_value_entry *e = m->cells[group[i].sub * kc + k];
        if (!e)
            continue;
        const struct dii_submission *sub = &m->subs->items[group[i].sub];
        if (dii_mem_grow((void **)&tr->source_block, &tr->source_cap, tr->source_total + 1,
                         sizeof *tr->source_block))
            return -1;
        track_source *src = &tr->source_block[tr->source_total];
        src->unit = dii_tracking_intern(tr, sub->body->unit_id);
        src->weight = m->weights[i];
        src->value = dii_value_number(e);
        if (!src->unit)
            return -1;
        tr->source_total++;
        mv->source_count++;
    }
    tr->merged_total++;
    return 0;
}

/* Indicator k of a group of former units' submissions: the weighted mean
 * of the numbers given, or for yes/no true only when every one given is
 * true. 0 when none gave a value. */
static int merge_value(const track_merge_ctx *m, size_t k, const sub_key *group, size_t members,
                       double *out)
{
    const struct dii_indicator *ind = &m->fw->indicators[k];
    size_t kc = m->fw->indicator_count;
    double sum = 0, weights = 0;
    int given = 0, all_true = 1;
    for (size_t i = 0; i < members; i++) {
        const dii_value_entry *e = m->cells[group[i].sub * kc + k];
        if (!e)
            continue;
        given = 1;
        sum += m->weights[i] * dii_value_number(e);
        weights += m->weights[i];
        all_true &= dii_value_number(e) != 0;
    }
    if (!given)
        return 0;
    /* The mean of values in range is in range; the clamp only guards
     * against a last-bit rounding excess, which validation would refuse. */
    *out = ind->unit == DII_UNIT_BOOLEAN ? (all_true ? 1 : 0)
                                         : track_clamp(ind->unit, sum / weights);
    return 1;
}

/* Fills panel row r from the submissions of one unit and year. */
static int fill_row(track_merge_ctx *m, size_t r, const sub_key *group, size_t members)
{
    track_panel *pn = m->panel;
    size_t kc = m->fw->indicator_count;
    const char *unit = pn->units.strings[group[0].unit];
    int merged = members > 1 || !is_own(&m->subs->items[group[0].sub], unit);
    for (size_t i = 0; i < members; i++) {
        const crosswalk_row *row = mapping_of(m->cw, &m->subs->items[group[i].sub]);
        m->weights[i] = row ? row->weight : 1;
    }
    pn->row_unit[r] = group[0].unit;
    pn->row_year[r] = group[0].year;
    for (size_t k = 0; k < kc; k++) {
        double v;
        if (!merge_value(m, k, group, members, &v))
            continue;
        pn->has[r * kc + k] = 1;
        pn->values[r * kc + k] = v;
        if (merged && record_merged(m, k, v, group, members) != 0)
            return -1;
    }
    return 0;
}

/* The number of (unit, year) groups in the sorted keys. */
static size_t count_groups(const sub_key *keys, size_t n)
{
    size_t groups = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || keys[i].unit != keys[i - 1].unit || keys[i].year != keys[i - 1].year)
            groups++;
    return groups;
}

static int allocate_rows(track_panel *pn, size_t rows, size_t kc)
{
    size_t units = pn->units.count;
    pn->row_unit = dii_mem_calloc(rows + 1, sizeof *pn->row_unit);
    pn->row_year = dii_mem_calloc(rows + 1, sizeof *pn->row_year);
    pn->values = dii_mem_calloc(rows * kc + 1, sizeof *pn->values);
    pn->has = dii_mem_calloc(rows * kc + 1, sizeof *pn->has);
    pn->first_row = dii_mem_calloc(units + 1, sizeof *pn->first_row);
    pn->unit_rows = dii_mem_calloc(units + 1, sizeof *pn->unit_rows);
    pn->first_merged = dii_mem_calloc(units + 1, sizeof *pn->first_merged);
    pn->merged_count = dii_mem_calloc(units + 1, sizeof *pn->merged_count);
    return pn->row_unit && pn->row_year && pn->values && pn->has && pn->first_row &&
                   pn->unit_rows && pn->first_merged && pn->merged_count
               ? 0
               : -1;
}

/* One row per group of keys; each unit's rows and merged values are runs. */
static int fill_rows(track_merge_ctx *m, const sub_key *keys, size_t n)
{
    track_panel *pn = m->panel;
    size_t r = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && keys[j].unit == keys[i].unit && keys[j].year == keys[i].year)
            j++;
        size_t u = keys[i].unit;
        if (pn->unit_rows[u] == 0) {
            pn->first_row[u] = r;
            pn->first_merged[u] = m->tr->merged_total;
        }
        if (fill_row(m, r, keys + i, j - i) != 0)
            return -1;
        pn->unit_rows[u]++;
        pn->merged_count[u] = m->tr->merged_total - pn->first_merged[u];
        r++;
        i = j;
    }
    pn->row_count = r;
    return 0;
}

int track_panel_build(track_panel *pn, struct dii_tracking *tr, const struct dii_framework *fw,
                      const struct dii_submissions *subs, const struct dii_crosswalk *cw)
{
    track_merge_ctx m = {fw, subs, cw, tr, pn, NULL, NULL};
    size_t n = subs->count;
    sub_key *keys = dii_mem_calloc(n + 1, sizeof *keys);
    m.weights = dii_mem_calloc(n + 1, sizeof *m.weights);
    int failed = !keys || !m.weights || key_submissions(pn, subs, cw, keys) != 0 ||
                 !(m.cells = index_values(fw, subs)) ||
                 allocate_rows(pn, count_groups(keys, n), fw->indicator_count) != 0 ||
                 fill_rows(&m, keys, n) != 0;
    dii_mem_free(keys);
    dii_mem_free(m.weights);
    dii_mem_free((void *)m.cells);
    return failed ? -1 : 0;
}

void track_panel_free(track_panel *pn)
{
    dii_strpool_free(&pn->units);
    dii_mem_free((void *)pn->unit_names);
    dii_mem_free(pn->row_unit);
    dii_mem_free(pn->row_year);
    dii_mem_free(pn->values);
    dii_mem_free(pn->has);
    dii_mem_free(pn->first_row);
    dii_mem_free(pn->unit_rows);
    dii_mem_free(pn->first_merged);
    dii_mem_free(pn->merged_count);
    memset(pn, 0, sizeof *pn);
}

/* A new unit's own submission before the effective year, when the unit is
 * not listed as one of its former units, would be counted twice: once as
 * itself, once as the merge of the others. Reported at the submission. */
dii_status track_check_crosswalk(const struct dii_submissions *subs,
                                 const struct dii_crosswalk *cw, dii_diagnostics *diags)
{
    for (size_t s = 0; cw && s < subs->count; s++) {
        const struct dii_submission *sub = &subs->items[s];
        const char *unit = sub->body->unit_id;
        int year = sub->body->year;
        if (year >= cw->effective_year || dii_crosswalk_find(cw, unit) ||
            !dii_crosswalk_is_target(cw, unit))
            continue;
        int failed;
        char *pointer = dii_submission_pointer(sub, s, &failed);
        if (failed)
            return DII_ERR_NO_MEMORY;
        dii_loc loc = {sub->line, sub->column, pointer};
        size_t before = dii_diagnostics_count(diags);
        dii_status st = dii_diag_add(
            diags, DII_SEVERITY_ERROR, "crosswalk-conflict", dii_sub_file(subs, sub),
            &loc, "list the unit as one of its own former units (a row 'U,U') to keep its data",
            "unit '%s' year %d: the crosswalk merges other units into '%s' before %d, and this "
            "submission of '%s' itself is not one of them",
            unit, year, unit, cw->effective_year, unit);
        dii_mem_free(pointer);
        if (st != DII_OK)
            return st;
        dii_diag_tag_submission(diags, before, (long)s);
    }
    return DII_OK;
}
