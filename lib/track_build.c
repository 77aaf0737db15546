/* dii_track: validated submissions → the immutable tracking
 * (docs/tracking.md). The panel (track_panel.c) merges former units; the
 * statistics of each unit x indicator series come from track.c; the score
 * trajectory and the projected scores are scored by dii_score's own code
 * (dii_score_rows_run) from the panel validated once at the start, so that
 * no scoring rule exists twice. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "result.h"
#include "score.h"
#include "track_build.h"

typedef struct build_ctx {
    const struct dii_framework *fw;
    const struct dii_submissions *subs;
    dii_pace_method pace;
    const struct dii_crosswalk *cw;
    int *given_milestones;    /* sorted, distinct; NULL: the framework's years */
    size_t given_count;
    int *fw_years;            /* every explicit target year, ascending, distinct */
    size_t fw_year_count;
    struct dii_tracking *tr;
    track_panel panel;
    int *series_years;        /* scratch: one unit's series of one indicator */
    double *series_values;
} build_ctx;

/* ------------------------------------------------------------------------ */
/* Years                                                                     */
/* ------------------------------------------------------------------------ */

static int by_year(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts years ascending and keeps each once; returns the new count. */
static size_t sort_unique(int *years, size_t n)
{
    qsort(years, n, sizeof *years, by_year);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || years[kept - 1] != years[i])
            years[kept++] = years[i];
    return kept;
}

static int collect_framework_years(build_ctx *c)
{
    size_t n = 0;
    for (size_t k = 0; k < c->fw->indicator_count; k++)
        n += c->fw->indicators[k].target_count;
    c->fw_years = dii_mem_calloc(n + 1, sizeof *c->fw_years);
    if (!c->fw_years)
        return -1;
    n = 0;
    for (size_t k = 0; k < c->fw->indicator_count; k++)
        for (size_t i = 0; i < c->fw->indicators[k].target_count; i++)
            c->fw_years[n++] = c->fw->indicators[k].targets[i].year;
    c->fw_year_count = sort_unique(c->fw_years, n);
    return 0;
}

static int copy_given_milestones(build_ctx *c, const dii_tracking_options *opts)
{
    if (!opts || !opts->milestones)
        return 0;
    c->given_milestones = dii_mem_calloc(opts->milestone_count + 1, sizeof(int));
    if (!c->given_milestones)
        return -1;
    memcpy(c->given_milestones, opts->milestones, opts->milestone_count * sizeof(int));
    c->given_count = sort_unique(c->given_milestones, opts->milestone_count);
    return 0;
}

/* A unit's milestones: the given ones, else the framework's target years
 * after its latest observed year. Writes them to out (NULL: only counts). */
static size_t unit_milestones(const build_ctx *c, int latest_year, int *out)
{
    if (c->given_milestones) {
        if (out)
            memcpy(out, c->given_milestones, c->given_count * sizeof *out);
        return c->given_count;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->fw_year_count; i++)
        if (c->fw_years[i] > latest_year) {
            if (out)
                out[n] = c->fw_years[i];
            n++;
        }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Scoring: the one scoring code, dii_score's, on rows validated once       */
/* ------------------------------------------------------------------------ */

/* Rows to score, owned: the per-submission columns of a dii_score_rows
 * (values and presence may be borrowed from the panel instead). */
typedef struct score_table {
    dii_score_rows rows;
    const char **unit_id;
    const char **unit_name;
    int *year;
    double *value;        /* NULL when borrowed */
    unsigned char *has;   /* NULL when borrowed */
} score_table;

/* Allocates rows x 1 submission columns, and rows x K values unless
 * borrowed later. */
static int table_alloc(score_table *t, size_t rows, size_t kc, int own_values)
{
    memset(t, 0, sizeof *t);
    t->unit_id = dii_mem_calloc(rows + 1, sizeof *t->unit_id);
    t->unit_name = dii_mem_calloc(rows + 1, sizeof *t->unit_name);
    t->year = dii_mem_calloc(rows + 1, sizeof *t->year);
    if (own_values) {
        t->value = dii_mem_calloc(rows * kc + 1, sizeof *t->value);
        t->has = dii_mem_calloc(rows * kc + 1, sizeof *t->has);
    }
    t->rows = (dii_score_rows){rows, t->unit_id, t->unit_name, t->year, t->value, t->has};
    return t->unit_id && t->unit_name && t->year && (!own_values || (t->value && t->has))
               ? 0
               : -1;
}

static void table_free(score_table *t)
{
    dii_mem_free((void *)t->unit_id);
    dii_mem_free((void *)t->unit_name);
    dii_mem_free(t->year);
    dii_mem_free(t->value);
    dii_mem_free(t->has);
}

/* Submission i is unit u in `year`. */
static void table_set_row(score_table *t, size_t i, const struct dii_tracking *tr, size_t u,
                          int year)
{
    t->unit_id[i] = tr->units[u].id;
    t->unit_name[i] = tr->units[u].name;
    t->year[i] = year;
}

/* The trajectory: every panel row (unit by unit, years ascending), its
 * values as the panel holds them (validated with the submissions), each
 * scored against its own year's targets. */
static dii_status score_trajectory(build_ctx *c)
{
    const track_panel *pn = &c->panel;
    score_table t;
    dii_status st = DII_ERR_NO_MEMORY;
    if (table_alloc(&t, pn->row_count, c->fw->indicator_count, 0) == 0) {
        for (size_t r = 0; r < pn->row_count; r++)
            table_set_row(&t, r, c->tr, pn->row_unit[r], pn->row_year[r]);
        t.rows.value = pn->values;
        t.rows.has = pn->has;
        st = dii_score_rows_run(c->fw, &t.rows, 0, &c->tr->trajectory);
    }
    table_free(&t);
    return st;
}

/* The projected scores: each unit at each of its milestones, valued at
 * the projection (clamped to the unit's range, so valid), else the latest
 * value carried forward, else missing. */
static dii_status score_projected(build_ctx *c, size_t milestone_total)
{
    struct dii_tracking *tr = c->tr;
    size_t kc = c->fw->indicator_count;
    score_table t;
    dii_status st = DII_ERR_NO_MEMORY;
    if (table_alloc(&t, milestone_total, kc, 1) == 0) {
        size_t i = 0;
        for (size_t u = 0; u < tr->unit_count; u++) {
            const track_unit *unit = &tr->units[u];
            for (size_t m = 0; m < unit->milestone_count; m++, i++) {
                table_set_row(&t, i, tr, u, unit->milestones[m]);
                for (size_t k = 0; k < kc; k++) {
                    const track_indicator *ti = &unit->indicators[k];
                    const track_row *row = &unit->rows[k * unit->milestone_count + m];
                    t.has[i * kc + k] = row->has_projection || ti->has_start;
                    t.value[i * kc + k] = row->has_projection ? row->projection
                                          : ti->has_start     ? ti->latest_value
                                                              : 0;
                }
            }
        }
        st = dii_score_rows_run(c->fw, &t.rows, 0, &tr->projected);
    }
    table_free(&t);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Per unit x indicator x milestone                                          */
/* ------------------------------------------------------------------------ */

/* Unit u's series of indicator k into the scratch arrays: the framework's
 * baseline first when it is earlier than the first observation. Returns the
 * number of observations; *series the points. */
static size_t unit_series(build_ctx *c, size_t u, size_t k, track_series *series)
{
    const track_panel *pn = &c->panel;
    const struct dii_indicator *ind = &c->fw->indicators[k];
    size_t kc = c->fw->indicator_count, obs = 0;
    for (size_t r = pn->first_row[u]; r < pn->first_row[u] + pn->unit_rows[u]; r++) {
        if (!pn->has[r * kc + k])
            continue;
        c->series_years[1 + obs] = pn->row_year[r];
        c->series_values[1 + obs] = pn->values[r * kc + k];
        obs++;
    }
    size_t first = 1;
    if (obs > 0 && ind->has_baseline && ind->baseline_year < c->series_years[1]) {
        c->series_years[0] = ind->baseline_year;
        c->series_values[0] = ind->baseline_value;
        first = 0;
    }
    series->years = c->series_years + first;
    series->values = c->series_values + first;
    series->n = obs + 1 - first;
    return obs;
}

static void fill_row(track_row *row, const track_outcome *o, int has_target,
                     const track_target *tg, dii_target_basis basis)
{
    row->has_target = has_target != 0;
    row->target_op = (unsigned char)tg->op;
    row->target_value = tg->value;
    row->target_basis = (unsigned char)basis;
    row->status = (unsigned char)o->status;
    row->has_required = o->has_required != 0;
    row->required = o->required;
    row->has_ratio = o->has_ratio != 0;
    row->ratio = o->ratio;
    row->has_projection = o->has_projection != 0;
    row->projection = o->projection;
    row->expected_year = o->expected_year;
}

static void assess_indicator(build_ctx *c, track_unit *unit, size_t u, size_t k)
{
    const struct dii_indicator *ind = &c->fw->indicators[k];
    int is_boolean = ind->unit == DII_UNIT_BOOLEAN;
    track_series s;
    size_t obs = unit_series(c, u, k, &s);
    track_pace pace;
    track_indicator *ti = &unit->indicators[k];
    if (obs > 0) {
        track_observe(&pace, c->pace, is_boolean, &s);
        ti->has_start = 1;
        ti->start_year = s.years[0];
        ti->start_value = s.values[0];
        ti->latest_year = s.years[s.n - 1];
        ti->latest_value = s.values[s.n - 1];
        ti->points = s.n;
        ti->has_pace = pace.has_pace != 0;
        ti->pace = pace.pace;
    }
    for (size_t m = 0; m < unit->milestone_count; m++) {
        track_target tg = {unit->milestones[m], DII_OP_GE, 0};
        dii_target_basis basis = DII_BASIS_EXACT;
        int has_target = dii_indicator_target_for_year(ind, tg.year, NULL, &tg.op, &tg.value,
                                                       &basis) == DII_OK;
        track_outcome o;
        track_assess(obs > 0 ? &pace : NULL, is_boolean, ind->unit, has_target, &tg, &o);
        fill_row(&unit->rows[k * unit->milestone_count + m], &o, has_target, &tg, basis);
    }
}

/* Units: ids, names, their slices of the panel, milestones and rows. */
static int build_units(build_ctx *c, size_t *milestone_total)
{
    struct dii_tracking *tr = c->tr;
    const track_panel *pn = &c->panel;
    size_t kc = c->fw->indicator_count, total = 0;
    tr->unit_count = pn->units.count;
    tr->units = dii_mem_calloc(tr->unit_count + 1, sizeof *tr->units);
    if (!tr->units)
        return -1;
    for (size_t u = 0; u < tr->unit_count; u++) {
        track_unit *unit = &tr->units[u];
        unit->id = dii_tracking_intern(tr, pn->units.strings[u]);
        unit->name = dii_tracking_intern(tr, pn->unit_names[u]);
        if (!unit->id || (pn->unit_names[u] && !unit->name))
            return -1;
        unit->first_year_result = pn->first_row[u];
        unit->year_count = pn->unit_rows[u];
        unit->first_merged = pn->first_merged[u];
        unit->merged_count = pn->merged_count[u];
        int latest = pn->row_year[pn->first_row[u] + pn->unit_rows[u] - 1];
        unit->first_projected = total;
        unit->milestone_count = unit_milestones(c, latest, NULL);
        total += unit->milestone_count;
    }
    tr->milestone_block = dii_mem_calloc(total + 1, sizeof *tr->milestone_block);
    tr->indicator_block = dii_mem_calloc(tr->unit_count * kc + 1, sizeof *tr->indicator_block);
    tr->row_block = dii_mem_calloc(total * kc + 1, sizeof *tr->row_block);
    if (!tr->milestone_block || !tr->indicator_block || !tr->row_block)
        return -1;
    for (size_t u = 0; u < tr->unit_count; u++) {
        track_unit *unit = &tr->units[u];
        unit->milestones = tr->milestone_block + unit->first_projected;
        unit_milestones(c, pn->row_year[pn->first_row[u] + pn->unit_rows[u] - 1],
                        unit->milestones);
        unit->indicators = tr->indicator_block + u * kc;
        unit->rows = tr->row_block + unit->first_projected * kc;
        for (size_t k = 0; k < kc; k++)
            assess_indicator(c, unit, u, k);
    }
    *milestone_total = total;
    return 0;
}

/* What the tracking keeps of the framework: ids and codes of indicators. */
static int copy_framework(build_ctx *c)
{
    struct dii_tracking *tr = c->tr;
    const struct dii_framework *fw = c->fw;
    tr->framework_id = dii_mem_strdup(fw->id);
    tr->framework_version = dii_mem_strdup(fw->version);
    tr->framework_status = fw->status;
    tr->pace = c->pace;
    tr->crosswalk_year = c->cw ? c->cw->effective_year : 0;
    tr->indicator_count = fw->indicator_count;
    tr->indicator_ids = dii_mem_calloc(fw->indicator_count + 1, sizeof *tr->indicator_ids);
    tr->indicator_codes = dii_mem_calloc(fw->indicator_count + 1, sizeof *tr->indicator_codes);
    tr->indicator_boolean = dii_mem_calloc(fw->indicator_count + 1, 1);
    if (!tr->framework_id || (fw->version && !tr->framework_version) || !tr->indicator_ids ||
        !tr->indicator_codes || !tr->indicator_boolean)
        return -1;
    for (size_t k = 0; k < fw->indicator_count; k++) {
        const struct dii_indicator *ind = &fw->indicators[k];
        tr->indicator_ids[k] = dii_tracking_intern(tr, ind->id);
        tr->indicator_codes[k] = dii_tracking_intern(tr, ind->code);
        tr->indicator_boolean[k] = ind->unit == DII_UNIT_BOOLEAN;
        if (!tr->indicator_ids[k] || (ind->code && !tr->indicator_codes[k]))
            return -1;
    }
    return 0;
}

/* Everything after validation. DII_ERR_NO_MEMORY, or what scoring returned. */
static dii_status build(build_ctx *c, const dii_tracking_options *opts)
{
    size_t milestone_total = 0;
    c->tr = dii_mem_calloc(1, sizeof *c->tr);
    if (!c->tr || copy_framework(c) != 0 || copy_given_milestones(c, opts) != 0 ||
        collect_framework_years(c) != 0 ||
        track_panel_build(&c->panel, c->tr, c->fw, c->subs, c->cw) != 0)
        return DII_ERR_NO_MEMORY;
    /* +2: the start slot of unit_series and the baseline before it. */
    c->series_years = dii_mem_calloc(c->panel.row_count + 2, sizeof *c->series_years);
    c->series_values = dii_mem_calloc(c->panel.row_count + 2, sizeof *c->series_values);
    if (!c->series_years || !c->series_values || build_units(c, &milestone_total) != 0)
        return DII_ERR_NO_MEMORY;
    dii_status st = score_trajectory(c);
    return st == DII_OK ? score_projected(c, milestone_total) : st;
}

/* ------------------------------------------------------------------------ */
/* The public entry point                                                    */
/* ------------------------------------------------------------------------ */

static dii_status check_args(const dii_framework *fw, const dii_submissions *subs,
                             const dii_tracking_options *opts, dii_tracking **out)
{
    if (!fw || !subs || !out)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_track: framework, submissions and out "
                                                  "must not be NULL");
    if (!opts)
        return DII_OK;
    if (opts->version != DII_TRACKING_OPTIONS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_track: options version %u is not %d",
                        opts->version, DII_TRACKING_OPTIONS_VERSION);
    if (opts->pace != DII_PACE_LINEAR && opts->pace != DII_PACE_CAGR)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_track: unknown pace method %d",
                        (int)opts->pace);
    if (!opts->milestones && opts->milestone_count > 0)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_track: milestones is NULL but "
                                                  "milestone_count is %zu", opts->milestone_count);
    for (size_t i = 0; opts->milestones && i < opts->milestone_count; i++)
        if (opts->milestones[i] < DII_YEAR_MIN || opts->milestones[i] > DII_YEAR_MAX)
            return dii_fail(DII_ERR_OUT_OF_RANGE, "milestone %d is outside %d to %d",
                            opts->milestones[i], DII_YEAR_MIN, DII_YEAR_MAX);
    return DII_OK;
}

/* dii_validate's list plus the crosswalk's conflicts: DII_OK when neither
 * has an error; the list goes to *diags either way. */
static dii_status validate_panel(const dii_framework *fw, const dii_submissions *subs,
                                 const dii_crosswalk *cw, dii_diagnostics **diags)
{
    dii_diagnostics *list = NULL;
    dii_status st = dii_validate(fw, subs, &list);
    if (st == DII_OK || st == DII_ERR_VALIDATION) {
        dii_status cs = track_check_crosswalk(subs, cw, list);
        if (cs != DII_OK) {
            dii_diagnostics_free(list);
            return dii_fail_nomem();
        }
    }
    size_t errors = dii_diagnostics_error_count(list);
    dii_diag_give(list, diags);
    if (errors > 0)
        return dii_fail(DII_ERR_VALIDATION, "the submissions have %zu error(s); see the "
                        "diagnostics", errors);
    return st;
}

static void ctx_free(build_ctx *c)
{
    track_panel_free(&c->panel);
    dii_mem_free(c->given_milestones);
    dii_mem_free(c->fw_years);
    dii_mem_free(c->series_years);
    dii_mem_free(c->series_values);
}

DII_API dii_status dii_track(const dii_framework *fw, const dii_submissions *subs,
                             const dii_tracking_options *opts, dii_tracking **out,
                             dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    dii_status st = check_args(fw, subs, opts, out);
    if (st != DII_OK)
        return st;
    const dii_crosswalk *cw = opts ? opts->crosswalk : NULL;
    st = validate_panel(fw, subs, cw, diags);
    if (st != DII_OK)
        return st;
    build_ctx c;
    memset(&c, 0, sizeof c);
    c.fw = fw;
    c.subs = subs;
    c.pace = opts ? opts->pace : DII_PACE_LINEAR;
    c.cw = cw;
    st = build(&c, opts);
    ctx_free(&c);
    if (st != DII_OK) {
        dii_tracking_destroy(c.tr);
        if (diags) {
            dii_diagnostics_free(*diags);
            *diags = NULL;
        }
        return st == DII_ERR_NO_MEMORY ? dii_fail_nomem() : st;
    }
    dii_clear_error();
    *out = c.tr;
    return DII_OK;
}
