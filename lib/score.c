/* dii_score: validated submissions → immutable results. For every
 * submission and indicator: the target that applies (target.c), compliance
 * (dii_op_holds), attainment (method.c), gap and progress; then group and
 * total points, the index, and ranks within each cohort (rank.c).
 * dii_score_rows (score.h) is that scoring for rows already validated; it
 * is the one scoring code, behind dii_score and dii_track alike. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "score.h"

typedef struct score_ctx {
    const struct dii_framework *fw;
    const dii_score_rows *rows;     /* the submissions: s is a row */
    struct dii_results *results;
    int *target_years;              /* per submission */
    size_t *cohort_of;              /* per submission: index of its cohort */
    size_t cohort_count;            /* cohorts = distinct target years */
    dii_cohort_range *ranges;       /* [cohort][indicator] */
    dii_indicator_result *targets;  /* [cohort][indicator]: the target fields only */
    const char **group_labels;      /* per group: its id in the label pool */
} score_ctx;

/* Submission s's value of indicator k, or NULL when it has none. */
static const double *value_of(const score_ctx *c, size_t s, size_t k)
{
    size_t i = s * c->fw->indicator_count + k;
    return c->rows->has[i] ? &c->rows->value[i] : NULL;
}

/* Numbers the cohorts (distinct target years) in order of first appearance. */
static void assign_cohorts(score_ctx *c)
{
    for (size_t s = 0; s < c->rows->count; s++) {
        size_t j = 0;
        while (j < s && c->target_years[j] != c->target_years[s])
            j++;
        c->cohort_of[s] = j < s ? c->cohort_of[j] : c->cohort_count++;
    }
}

/* One pass over all values: each indicator's range within each cohort. */
static void compute_ranges(score_ctx *c)
{
    size_t k_count = c->fw->indicator_count;
    for (size_t s = 0; s < c->rows->count; s++)
        for (size_t k = 0; k < k_count; k++) {
            const double *e = value_of(c, s, k);
            dii_cohort_range *r = &c->ranges[c->cohort_of[s] * k_count + k];
            if (!e)
                continue;
            if (!r->has_values || *e < r->min)
                r->min = *e;
            if (!r->has_values || *e > r->max)
                r->max = *e;
            r->has_values = 1;
        }
}

static int needs_cohort(const struct dii_indicator *ind)
{
    return ind->method == DII_METHOD_BEST_IN_COHORT || ind->method == DII_METHOD_MIN_MAX_COHORT;
}

/* The target of an indicator depends only on the target year: looked up
 * once per cohort, not once per submission. */
static void fill_target(dii_indicator_result *out, const struct dii_indicator *ind, int year)
{
    dii_op op = DII_OP_GE;
    dii_target_basis basis = DII_BASIS_EXACT;
    out->has_target = dii_indicator_target_for_year(ind, year, &out->target_year, &op,
                                                    &out->target_value, &basis) == DII_OK;
    out->target_op = (unsigned char)op;
    out->target_basis = (unsigned char)basis;
}

/* How far short of the target, and how far from the baseline towards it. */
static void fill_gap_and_progress(dii_indicator_result *out, const struct dii_indicator *ind,
                                  int value_year)
{
    if (!out->has_value || !out->has_target || ind->unit == DII_UNIT_BOOLEAN)
        return;
    /* Framework numbers are bounded (DII_FRAMEWORK_NUMBER_MAX) but a value
     * may be any finite double, so a difference or a quotient can still
     * overflow: a result number that is not finite is left out, never
     * handed out (dii.h: results hold no non-finite number). */
    out->gap = ind->direction == DII_DIRECTION_HIGHER ? out->target_value - out->value
                                                      : out->value - out->target_value;
    out->has_gap = isfinite(out->gap) != 0;
    if (ind->has_baseline && value_year > ind->baseline_year &&
        out->target_value != ind->baseline_value) {
        out->progress = (out->value - ind->baseline_value) /
                        (out->target_value - ind->baseline_value);
        out->has_progress = isfinite(out->progress) != 0;
    }
    if (!out->has_gap)
        out->gap = 0;
    if (!out->has_progress)
        out->progress = 0;
}

/* Each cohort's target for each indicator, from its first submission's
 * target year (every submission of a cohort has that year). */
static void find_targets(score_ctx *c)
{
    size_t k_count = c->fw->indicator_count;
    size_t next_cohort = 0;
    for (size_t s = 0; s < c->rows->count && next_cohort < c->cohort_count; s++) {
        if (c->cohort_of[s] != next_cohort)
            continue; /* cohorts are numbered in order of first appearance */
        for (size_t k = 0; k < k_count; k++)
            fill_target(&c->targets[next_cohort * k_count + k], &c->fw->indicators[k],
                        c->target_years[s]);
        next_cohort++;
    }
}

static int score_indicator(const score_ctx *c, size_t s, size_t k, dii_indicator_result *out)
{
    const struct dii_indicator *ind = &c->fw->indicators[k];
    const double *e = value_of(c, s, k);
    out->max_points = ind->points;
    const dii_indicator_result *target = &c->targets[c->cohort_of[s] * c->fw->indicator_count + k];
    out->has_target = target->has_target;
    out->target_year = target->target_year;
    out->target_op = target->target_op;
    out->target_value = target->target_value;
    out->target_basis = target->target_basis;
    if (!e) {
        out->status = DII_COMPLIANCE_MISSING;
        if (c->fw->missing == DII_MISSING_EXCLUDE)
            out->max_points = 0;
        return 0;
    }
    out->has_value = 1;
    out->value = *e;
    const dii_cohort_range *range = &c->ranges[c->cohort_of[s] * c->fw->indicator_count + k];
    dii_score_input in = {*e, out->has_target, (dii_op)out->target_op, out->target_value,
                          needs_cohort(ind) ? range : NULL};
    out->attainment = dii_attainment(ind, &in);
    out->points = ind->points * out->attainment;
    if (!out->has_target)
        out->status = DII_COMPLIANCE_NO_TARGET;
    else
        out->status = dii_op_holds((dii_op)out->target_op, out->value, out->target_value)
                          ? DII_COMPLIANCE_MET
                          : DII_COMPLIANCE_NOT_MET;
    fill_gap_and_progress(out, ind, c->rows->year[s]);
    return 0;
}

static double ratio_or_zero(double points, double max)
{
    return max > 0 ? points / max : 0;
}

static void sum_groups(const score_ctx *c, size_t s, struct dii_result *r)
{
    const struct dii_framework *fw = c->fw;
    r->groups = c->results->group_block + s * fw->group_count;
    r->group_count = fw->group_count;
    for (size_t g = 0; g < fw->group_count; g++)
        r->groups[g].id = c->group_labels[g];
    for (size_t k = 0; k < r->indicator_count; k++) {
        const dii_indicator_result *ir = &r->indicators[k];
        dii_group_result *gr = &r->groups[fw->indicators[k].group_index];
        gr->points += ir->points;
        gr->max_points += ir->max_points;
        r->points += ir->points;
        r->max_points += ir->max_points;
        r->compliance[ir->status]++;
    }
    for (size_t g = 0; g < r->group_count; g++)
        r->groups[g].index = ratio_or_zero(r->groups[g].points, r->groups[g].max_points);
    r->index = ratio_or_zero(r->points, r->max_points);
}

static int score_submission(const score_ctx *c, size_t s, struct dii_result *r)
{
    const char *name = c->rows->unit_name[s];
    r->unit_id = dii_results_intern(c->results, c->rows->unit_id[s]);
    r->unit_name = dii_results_intern(c->results, name);
    if (!r->unit_id || (name && !r->unit_name))
        return -1;
    r->year = c->rows->year[s];
    r->target_year = c->target_years[s];
    r->indicators = c->results->indicator_block + s * c->fw->indicator_count;
    r->info = c->results->indicator_info;
    r->indicator_count = c->fw->indicator_count;
    for (size_t k = 0; k < r->indicator_count; k++)
        if (score_indicator(c, s, k, &r->indicators[k]) != 0)
            return -1;
    sum_groups(c, s, r);
    return 0;
}

/* Ranks each cohort: the results that share a target year. */
static int rank_cohorts(score_ctx *c)
{
    size_t n = c->results->count;
    struct dii_result **members = dii_mem_calloc(n, sizeof *members);
    int failed = !members;
    for (size_t cohort = 0; !failed && cohort < c->cohort_count; cohort++) {
        size_t m = 0;
        for (size_t s = 0; s < n; s++)
            if (c->cohort_of[s] == cohort)
                members[m++] = &c->results->items[s];
        failed = dii_rank_cohort(members, m, c->fw->rank_decimals) != 0;
    }
    dii_mem_free(members);
    return failed ? -1 : 0;
}

/* Appends a warning that takes ownership of w (NULL = allocation failed). */
static int add_warning(struct dii_results *r, char *w)
{
    size_t cap = r->warning_count;
    if (!w || dii_mem_grow((void **)&r->warnings, &cap, r->warning_count + 1, sizeof(char *))) {
        dii_mem_free(w);
        return -1;
    }
    r->warnings[r->warning_count++] = w;
    return 0;
}

/* Every output made from provisional data must say so. */
static int add_provisional_warnings(const struct dii_framework *fw, struct dii_results *r)
{
    if (fw->status == DII_FRAMEWORK_PROVISIONAL &&
        add_warning(r, dii_mem_printf("framework '%s' is provisional: some of its criteria are "
                                      "inferred, not taken from an official source; scores "
                                      "are indicative only", fw->id)) != 0)
        return -1;
    for (size_t k = 0; k < fw->indicator_count; k++) {
        const struct dii_indicator *ind = &fw->indicators[k];
        if (ind->provisional &&
            add_warning(r, dii_mem_printf("indicator '%s' (code %s) is provisional: its "
                                          "definition or values are inferred; see its notes",
                                          ind->id, ind->code ? ind->code : "-")) != 0)
            return -1;
    }
    return 0;
}

/* What every result shares about each indicator, and the group labels:
 * one copy of each label for the whole set (see result.h). */
static int fill_shared_labels(score_ctx *c)
{
    const struct dii_framework *fw = c->fw;
    dii_indicator_info *info = c->results->indicator_info;
    /* +1: calloc of 0 elements may legitimately return NULL. */
    c->group_labels = dii_mem_calloc(fw->group_count + 1, sizeof *c->group_labels);
    if (!c->group_labels)
        return -1;
    for (size_t k = 0; k < fw->indicator_count; k++) {
        const struct dii_indicator *ind = &fw->indicators[k];
        info[k].id = dii_results_intern(c->results, ind->id);
        info[k].code = dii_results_intern(c->results, ind->code);
        info[k].group_id = dii_results_intern(c->results, ind->group_id);
        info[k].is_boolean = ind->unit == DII_UNIT_BOOLEAN;
        info[k].provisional = ind->provisional;
        if (!info[k].id || !info[k].group_id || (ind->code && !info[k].code))
            return -1;
    }
    for (size_t g = 0; g < fw->group_count; g++)
        if (!(c->group_labels[g] = dii_results_intern(c->results, fw->groups[g].id)))
            return -1;
    return 0;
}

static int build_results(score_ctx *c, int target_year)
{
    struct dii_results *r = c->results;
    size_t n = c->rows->count, k = c->fw->indicator_count;
    r->framework_id = dii_mem_strdup(c->fw->id);
    r->framework_version = dii_mem_strdup(c->fw->version);
    r->framework_status = c->fw->status;
    r->items = dii_mem_calloc(n, sizeof *r->items);
    c->target_years = dii_mem_calloc(n, sizeof *c->target_years);
    c->cohort_of = dii_mem_calloc(n, sizeof *c->cohort_of);
    /* +1: calloc of 0 elements may legitimately return NULL. */
    r->indicator_block = dii_mem_calloc(n * k + 1, sizeof *r->indicator_block);
    r->group_block = dii_mem_calloc(n * c->fw->group_count + 1, sizeof *r->group_block);
    r->indicator_info = dii_mem_calloc(k + 1, sizeof *r->indicator_info);
    if (!r->framework_id || (c->fw->version && !r->framework_version) || !r->items ||
        !c->target_years || !c->cohort_of || !r->indicator_block ||
        !r->group_block || !r->indicator_info || fill_shared_labels(c) != 0)
        return -1;
    r->count = n;
    r->indicator_count = k;
    for (size_t s = 0; s < n; s++)
        c->target_years[s] = target_year ? target_year : c->rows->year[s];
    assign_cohorts(c);
    /* +1: calloc of 0 elements may legitimately return NULL. */
    c->ranges = dii_mem_calloc(c->cohort_count * k + 1, sizeof *c->ranges);
    c->targets = dii_mem_calloc(c->cohort_count * k + 1, sizeof *c->targets);
    if (!c->ranges || !c->targets)
        return -1;
    find_targets(c);
    compute_ranges(c);
    for (size_t s = 0; s < n; s++)
        if (score_submission(c, s, &r->items[s]) != 0)
            return -1;
    if (rank_cohorts(c) != 0)
        return -1;
    return add_provisional_warnings(c->fw, r);
}

static dii_status check_score_args(const dii_framework *fw, const dii_submissions *subs,
                                   const dii_score_options *opts, dii_results **out)
{
    if (!fw || !subs || !out)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_score: framework, submissions and out "
                                                  "must not be NULL");
    if (opts && opts->version != DII_SCORE_OPTIONS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_score: options version %u is not %d",
                        opts->version, DII_SCORE_OPTIONS_VERSION);
    if (opts && opts->target_year &&
        (opts->target_year < DII_YEAR_MIN || opts->target_year > DII_YEAR_MAX))
        return dii_fail(DII_ERR_OUT_OF_RANGE, "target year %d is outside %d to %d",
                        opts->target_year, DII_YEAR_MIN, DII_YEAR_MAX);
    return DII_OK;
}

dii_status dii_score_rows_run(const struct dii_framework *fw, const dii_score_rows *rows,
                              int target_year, struct dii_results **out)
{
    score_ctx c;
    memset(&c, 0, sizeof c);
    c.fw = fw;
    c.rows = rows;
    c.results = dii_mem_calloc(1, sizeof(struct dii_results));
    int failed = !c.results || build_results(&c, target_year) != 0;
    dii_mem_free(c.target_years);
    dii_mem_free(c.cohort_of);
    dii_mem_free(c.ranges);
    dii_mem_free(c.targets);
    dii_mem_free((void *)c.group_labels);
    if (failed) {
        dii_results_destroy(c.results);
        *out = NULL;
        return DII_ERR_NO_MEMORY;
    }
    *out = c.results;
    return DII_OK;
}

/* Validated submissions as rows; arrays freed by free_submission_rows.
 * Validation guarantees every indicator id is known and given at most once. */
static int submission_rows(const struct dii_framework *fw, const struct dii_submissions *subs,
                           dii_score_rows *rows)
{
    size_t n = subs->count, k_count = fw->indicator_count;
    const char **ids = dii_mem_calloc(n + 1, sizeof *ids);
    const char **names = dii_mem_calloc(n + 1, sizeof *names);
    int *years = dii_mem_calloc(n + 1, sizeof *years);
    double *value = dii_mem_calloc(n * k_count + 1, sizeof *value);
    unsigned char *has = dii_mem_calloc(n * k_count + 1, 1);
    const dii_indicator **indicator_of_id = dii_resolve_indicator_ids(fw, subs);
    *rows = (dii_score_rows){n, ids, names, years, value, has};
    if (!ids || !names || !years || !value || !has || !indicator_of_id) {
        dii_mem_free((void *)indicator_of_id);
        return -1;
    }
    for (size_t s = 0; s < n; s++) {
        const struct dii_submission *sub = &subs->items[s];
        ids[s] = sub->body->unit_id;
        names[s] = dii_sub_unit_name(sub);
        years[s] = sub->body->year;
        for (size_t v = 0; v < sub->body->value_count; v++) {
            const dii_value_entry *e = &sub->body->values[v];
            const dii_indicator *ind = indicator_of_id[e->id];
            if (!ind)
                continue;
            value[s * k_count + ind->index] = dii_value_number(e);
            has[s * k_count + ind->index] = e->kind != DII_VALUE_MISSING;
        }
    }
    dii_mem_free((void *)indicator_of_id);
    return 0;
}

static void free_submission_rows(dii_score_rows *rows)
{
    dii_mem_free((void *)rows->unit_id);
    dii_mem_free((void *)rows->unit_name);
    dii_mem_free((void *)rows->year);
    dii_mem_free((void *)rows->value);
    dii_mem_free((void *)rows->has);
}

DII_API dii_status dii_score(const dii_framework *fw, const dii_submissions *subs,
                             const dii_score_options *opts, dii_results **out,
                             dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    dii_status st = check_score_args(fw, subs, opts, out);
    if (st != DII_OK)
        return st;
    dii_diagnostics *list = NULL;
    st = dii_validate(fw, subs, &list);
    size_t errors = dii_diagnostics_error_count(list);
    dii_diag_give(list, diags);
    if (st == DII_ERR_VALIDATION)
        return dii_fail(DII_ERR_VALIDATION, "the submissions have %zu error(s); see the "
                        "diagnostics", errors);
    if (st != DII_OK)
        return st;
    dii_score_rows rows;
    st = submission_rows(fw, subs, &rows) == 0 ? DII_OK : DII_ERR_NO_MEMORY;
    if (st == DII_OK)
        st = dii_score_rows_run(fw, &rows, opts ? opts->target_year : 0, out);
    free_submission_rows(&rows);
    if (st != DII_OK) {
        if (diags) {
            dii_diagnostics_free(*diags);
            *diags = NULL;
        }
        return dii_fail_nomem();
    }
    dii_clear_error();
    return DII_OK;
}
