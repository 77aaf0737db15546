/* Validation: checks submissions against a framework and collects every
 * problem, located, into one diagnostics list (design.md §5.4).
 *
 * One pass over the submissions in input order. Lookups that would make the
 * pass quadratic are prepared once: each distinct indicator id is resolved
 * once (dii_resolve_indicator_ids), and same unit and year twice is found
 * through a sorted view of the submissions. */
#include "validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "input_limits.h"
#include "model.h"
#include "strbuf.h"
#include "suggest.h"

/* ------------------------------------------------------------------------ */
/* The range rule                                                            */
/* ------------------------------------------------------------------------ */

int dii_unit_accepts(dii_unit unit, double value, const char **range_text)
{
    const char *text;
    int ok;
    switch (unit) {
    case DII_UNIT_PERCENT:
        text = "0 to 100";
        ok = value >= 0.0 && value <= 100.0;
        break;
    case DII_UNIT_RATIO:
        text = "0 to 1";
        ok = value >= 0.0 && value <= 1.0;
        break;
    case DII_UNIT_PER_100_PEOPLE:
    case DII_UNIT_MBPS:
    case DII_UNIT_COUNT:
        text = "0 or more";
        ok = value >= 0.0;
        break;
    case DII_UNIT_BOOLEAN:
        text = "true or false";
        ok = value == 0.0 || value == 1.0;
        break;
    case DII_UNIT_OTHER:
    default:
        text = "any finite number";
        ok = 1;
        break;
    }
    if (range_text != NULL)
        *range_text = text;
    /* Comparisons already reject NaN; this also rejects +Inf for ">= 0". */
    return ok && isfinite(value);
}

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */
/* ------------------------------------------------------------------------ */

/* A new string from a printf format, or NULL when out of memory. Hints need
 * this because dii_diag_add formats only the message. */


/* ------------------------------------------------------------------------ */
/* Same unit and year twice: sort a view of the submissions once             */
/* ------------------------------------------------------------------------ */

static int compare_unit_year(const void *pa, const void *pb)
{
    const struct dii_submission *a = *(const struct dii_submission *const *)pa;
    const struct dii_submission *b = *(const struct dii_submission *const *)pb;
    int c = strcmp(a->body->unit_id, b->body->unit_id);
    if (c != 0)
        return c;
    if (a->body->year != b->body->year)
        return a->body->year < b->body->year ? -1 : 1;
    /* Items live in one array, so address order is input order: the first of
     * a run of equals is the earliest submission. */
    return (a > b) - (a < b);
}

static int same_unit_and_year(const struct dii_submission *a, const struct dii_submission *b)
{
    return a->body->year == b->body->year && strcmp(a->body->unit_id, b->body->unit_id) == 0;
}

/* A submission takes part when its unit and year are known; the parser has
 * already reported the others. */
static int has_unit_and_year(const struct dii_submission *sub)
{
    return sub->body->year_valid && sub->body->unit_id[0] != '\0';
}

/* A submission whose unit and year an earlier one has: indices in the set
 * (< max_submissions, which fits 32 bits: see input_limits.h). */
typedef struct repeat {
    uint32_t index;
    uint32_t first; /* the earliest submission with its unit and year */
} repeat;

static int compare_repeats(const void *pa, const void *pb)
{
    const repeat *a = pa, *b = pb;
    return (a->index > b->index) - (a->index < b->index);
}

/* The repeats, in input order, in *out (*count of them). Only submissions
 * with a unit and a year are sorted, and only repeats are kept: a batch of
 * `{}` costs nothing here. */
static dii_status find_repeated_submissions(const struct dii_submissions *subs, repeat **out,
                                            size_t *count)
{
    size_t n = 0, found = 0, cap = 0;
    for (size_t i = 0; i < subs->count; i++)
        n += has_unit_and_year(&subs->items[i]);
    *out = NULL;
    *count = 0;
    if (n < 2)
        return DII_OK;
    const struct dii_submission **view = dii_mem_calloc(n, sizeof *view);
    if (view == NULL)
        return DII_ERR_NO_MEMORY;
    for (size_t i = 0, k = 0; i < subs->count; i++)
        if (has_unit_and_year(&subs->items[i]))
            view[k++] = &subs->items[i];
    qsort(view, n, sizeof *view, compare_unit_year);
    dii_status st = DII_OK;
    for (size_t r = 1, run_start = 0; r < n && st == DII_OK; r++) {
        if (!same_unit_and_year(view[run_start], view[r])) {
            run_start = r;
            continue;
        }
        if (dii_mem_grow((void **)out, &cap, found + 1, sizeof **out) != 0) {
            st = DII_ERR_NO_MEMORY;
            break;
        }
        (*out)[found++] = (repeat){(uint32_t)(view[r] - subs->items),
                                   (uint32_t)(view[run_start] - subs->items)};
    }
    dii_mem_free(view);
    if (st == DII_OK && found > 1)
        qsort(*out, found, sizeof **out, compare_repeats);
    *count = found;
    return st;
}

/* ------------------------------------------------------------------------ */
/* The validator                                                             */
/* ------------------------------------------------------------------------ */

typedef struct validator {
    const struct dii_framework *fw;
    const struct dii_submissions *subs;
    const char *file;
    dii_diagnostics *diags;
    const dii_indicator **indicator_of_id; /* by dii_value_entry.id */
    /* Per indicator: 1 + index of the last submission that gave it, and the
     * entry where that submission first gave it. Stamping with the
     * submission avoids clearing the arrays between submissions. */
    size_t *given_in;
    size_t *given_at;
    repeat *repeats; /* see find_repeated_submissions */
    size_t repeat_count;
    size_t next_repeat; /* the first one not yet reported */
    const struct dii_submission *sub; /* the one being checked, */
    size_t sub_index;                 /* at this index in the set */
    char *entry_pointer; /* the last value pointer built, for a diagnostic */
} validator;

static void validator_release(validator *v)
{
    dii_mem_free((void *)v->indicator_of_id);
    dii_mem_free(v->given_in);
    dii_mem_free(v->given_at);
    dii_mem_free(v->repeats);
    dii_mem_free(v->entry_pointer);
}

static dii_status validator_init(validator *v, const struct dii_framework *fw,
                                 const struct dii_submissions *subs)
{
    memset(v, 0, sizeof *v);
    v->fw = fw;
    v->subs = subs;
    v->file = subs->name;
    v->diags = dii_diag_new();
    /* +1: calloc of 0 elements may legitimately return NULL. */
    v->given_in = dii_mem_calloc(fw->indicator_count + 1, sizeof *v->given_in);
    v->given_at = dii_mem_calloc(fw->indicator_count + 1, sizeof *v->given_at);
    v->indicator_of_id = dii_resolve_indicator_ids(fw, subs);
    if (v->diags == NULL || v->given_in == NULL || v->given_at == NULL
        || v->indicator_of_id == NULL)
        return DII_ERR_NO_MEMORY;
    return find_repeated_submissions(subs, &v->repeats, &v->repeat_count);
}

/* The members of the checked submission that diagnostics point into; CSV
 * submissions (pointer NULL) have none, so *out stays NULL. */
static dii_status child_pointer(const validator *v, const char *member, char **out)
{
    int failed;
    *out = dii_submission_member_pointer(v->sub, v->sub_index, member, &failed);
    return failed ? DII_ERR_NO_MEMORY : DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Checks on one value                                                       */
/* ------------------------------------------------------------------------ */

/* A JSON value's pointer, <submission>/values/<id>, is built only when a
 * diagnostic quotes it: entries do not keep one (a pointer per value was a
 * large part of a dense submission's memory). CSV entries have none. */
static dii_status entry_loc_at(validator *v, const dii_value_entry *entry, unsigned long line,
                               unsigned long column, dii_loc *loc)
{
    dii_mem_free(v->entry_pointer);
    int failed;
    v->entry_pointer = dii_value_pointer(v->sub, v->sub_index, entry, &failed);
    *loc = (dii_loc){line, column, v->entry_pointer};
    return failed ? DII_ERR_NO_MEMORY : DII_OK;
}

static dii_status entry_loc(validator *v, const dii_value_entry *entry, dii_loc *loc)
{
    return entry_loc_at(v, entry, entry->line, entry->column, loc);
}

/* Problems with the indicator id itself point at the id (the JSON key or
 * the CSV indicator cell), not at its value. */
static dii_status entry_key_loc(validator *v, const dii_value_entry *entry, dii_loc *loc)
{
    if (entry->key_line == 0)
        return entry_loc(v, entry, loc);
    return entry_loc_at(v, entry, entry->key_line, entry->key_column, loc);
}

static const char *candidate_id(const void *ctx, size_t i)
{
    return ((const struct dii_framework *)ctx)->indicators[i].id;
}

/* People often copy the source document's row number instead of the id. */
static const struct dii_indicator *indicator_with_code(const struct dii_framework *fw,
                                                       const char *text)
{
    for (size_t k = 0; k < fw->indicator_count; k++)
        if (fw->indicators[k].code != NULL && strcmp(fw->indicators[k].code, text) == 0)
            return &fw->indicators[k];
    return NULL;
}

static dii_status unknown_indicator_hint(const validator *v, const char *text, char **hint)
{
    *hint = NULL;
    const struct dii_indicator *by_code = indicator_with_code(v->fw, text);
    if (by_code != NULL) {
        *hint = dii_mem_printf("'%s' is the code of indicator '%s'; use its id", text, by_code->id);
        return *hint != NULL ? DII_OK : DII_ERR_NO_MEMORY;
    }
    const char *best = NULL;
    if (dii_suggest(text, candidate_id, v->fw, v->fw->indicator_count, &best) != DII_OK)
        return DII_ERR_NO_MEMORY;
    if (best == NULL)
        return DII_OK;
    *hint = dii_mem_printf("did you mean '%s'?", best);
    return *hint != NULL ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status report_unknown_indicator(validator *v, const dii_value_entry *entry)
{
    if (dii_diag_is_full(v->diags)) { /* spare the suggestion's work */
        dii_diag_count_suppressed(v->diags, DII_SEVERITY_ERROR);
        return DII_OK;
    }
    const char *text = entry->indicator != NULL ? entry->indicator : "";
    char *hint = NULL;
    dii_loc loc;
    if (entry_key_loc(v, entry, &loc) != DII_OK || unknown_indicator_hint(v, text, &hint) != DII_OK)
        return DII_ERR_NO_MEMORY;
    dii_status st = dii_diag_add(v->diags, DII_SEVERITY_ERROR, "unknown-indicator", v->file,
                                 &loc, hint, "unknown indicator '%s'", text);
    dii_mem_free(hint);
    return st;
}

/* Records that submission sub_index gives indicator k at entry e; reports
 * the second and later mentions (CSV rows can repeat an indicator). */
static dii_status check_duplicate_value(validator *v, size_t sub_index,
                                        const struct dii_submission *sub, size_t e, size_t k)
{
    if (v->given_in[k] != sub_index + 1) {
        v->given_in[k] = sub_index + 1;
        v->given_at[k] = e;
        return DII_OK;
    }
    const dii_value_entry *first = &sub->body->values[v->given_at[k]];
    dii_loc loc;
    if (entry_key_loc(v, &sub->body->values[e], &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_ERROR, "duplicate-value", v->file, &loc,
                        "give each indicator once",
                        "indicator '%s' is given twice in this submission; "
                        "the first value is at line %lu",
                        v->fw->indicators[k].id, (unsigned long)first->line);
}

static dii_status report_missing_value(validator *v, const struct dii_indicator *ind,
                                       const dii_value_entry *entry)
{
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_WARNING, "missing-value", v->file, &loc, NULL,
                        "indicator '%s' is reported as missing", ind->id);
}

/* A comma inside an otherwise numeric text is a decimal comma, the usual
 * reason a Vietnamese spreadsheet export fails to read. */
static int looks_like_decimal_comma(const char *text)
{
    /* JSON strings come described as string "…": look inside the quotes. */
    const char *json_prefix = "string \"";
    size_t prefix_len = strlen(json_prefix);
    if (strncmp(text, json_prefix, prefix_len) == 0)
        text += prefix_len;
    int digits = 0, commas = 0;
    for (const char *p = text; *p != '\0' && !(*p == '"' && p[1] == '\0'); p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == ',')
            commas++;
        else if (*p != '-' && *p != '+' && *p != ' ')
            return 0;
    }
    return digits > 0 && commas == 1;
}

static dii_status report_invalid_value(validator *v, const struct dii_indicator *ind,
                                       const dii_value_entry *entry)
{
    const char *text = entry->text != NULL ? entry->text : "an unreadable value";
    const char *needed = ind->unit == DII_UNIT_BOOLEAN ? "true or false" : "a number";
    const char *hint = NULL;
    if (ind->unit != DII_UNIT_BOOLEAN && looks_like_decimal_comma(text))
        hint = "write '.' as the decimal mark, or load the file with ';' as delimiter "
               "and ',' as decimal mark";
    /* JSON parsers describe the value ("string \"67.4\""); CSV gives the raw cell. */
    const char *quote = v->subs->is_csv && entry->text != NULL ? "'" : "";
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_ERROR, "wrong-type", v->file, &loc, hint,
                        "indicator '%s' needs %s, got %s%s%s", ind->id, needed, quote, text,
                        quote);
}

static dii_status report_boolean_for_number(validator *v, const struct dii_indicator *ind,
                                            const dii_value_entry *entry)
{
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_ERROR, "wrong-type", v->file, &loc, NULL,
                        "indicator '%s' (unit %s) needs a number, got %s", ind->id,
                        dii_unit_name(ind->unit), entry->number != 0.0 ? "true" : "false");
}

static dii_status report_number_for_boolean(validator *v, const struct dii_indicator *ind,
                                            const dii_value_entry *entry)
{
    char number[DII_DOUBLE_TEXT_MAX];
    dii_format_double(entry->number, number);
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_ERROR, "wrong-type", v->file, &loc,
                        "write true or false", "indicator '%s' is yes/no, got the number %s",
                        ind->id, number);
}

static dii_status report_not_finite(validator *v, const struct dii_indicator *ind,
                                    const dii_value_entry *entry)
{
    const char *what = isnan(entry->number) ? "NaN" : entry->number > 0 ? "inf" : "-inf";
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_diag_add(v->diags, DII_SEVERITY_ERROR, "not-finite", v->file, &loc, NULL,
                        "value %s of indicator '%s' is not a finite number", what, ind->id);
}

/* A ratio written as a percentage (45 for 0.45) is the likely slip. */
static int looks_like_percentage(const struct dii_indicator *ind, double value)
{
    return ind->unit == DII_UNIT_RATIO && value > 1.0 && value <= 100.0;
}

static dii_status report_out_of_range(validator *v, const struct dii_indicator *ind,
                                      const dii_value_entry *entry, const char *range)
{
    char number[DII_DOUBLE_TEXT_MAX], share[DII_DOUBLE_TEXT_MAX];
    dii_format_double(entry->number, number);
    dii_format_double(entry->number / 100.0, share);
    dii_loc loc;
    if (entry_loc(v, entry, &loc) != DII_OK)
        return DII_ERR_NO_MEMORY;
    char *hint = NULL;
    if (looks_like_percentage(ind, entry->number)) {
        hint = dii_mem_printf("a ratio is a share of 1: did you mean %s?", share);
        if (hint == NULL)
            return DII_ERR_NO_MEMORY;
    }
    dii_status st = dii_diag_add(v->diags, DII_SEVERITY_ERROR, "out-of-range", v->file, &loc,
                                 hint, "value %s of indicator '%s' is out of range: unit %s "
                                 "allows %s", number, ind->id, dii_unit_name(ind->unit), range);
    dii_mem_free(hint);
    return st;
}

static dii_status check_number(validator *v, const struct dii_indicator *ind,
                               const dii_value_entry *entry)
{
    if (ind->unit == DII_UNIT_BOOLEAN)
        return report_number_for_boolean(v, ind, entry);
    if (!isfinite(entry->number))
        return report_not_finite(v, ind, entry);
    const char *range = NULL;
    if (!dii_unit_accepts(ind->unit, entry->number, &range))
        return report_out_of_range(v, ind, entry, range);
    return DII_OK;
}

static dii_status check_value(validator *v, const struct dii_indicator *ind,
                              const dii_value_entry *entry)
{
    switch (entry->kind) {
    case DII_VALUE_MISSING:
        return report_missing_value(v, ind, entry);
    case DII_VALUE_INVALID:
        return report_invalid_value(v, ind, entry);
    case DII_VALUE_BOOLEAN:
        return ind->unit == DII_UNIT_BOOLEAN ? DII_OK : report_boolean_for_number(v, ind, entry);
    case DII_VALUE_NUMBER:
        return check_number(v, ind, entry);
    }
    return DII_OK;
}

/* Value checks need the indicator's unit, so an unknown indicator gets only
 * its unknown-indicator error. */
static dii_status check_entry(validator *v, size_t sub_index, const struct dii_submission *sub,
                              size_t e)
{
    const dii_value_entry *entry = &sub->body->values[e];
    const dii_indicator *ind = v->indicator_of_id[entry->id];
    if (ind == NULL)
        return report_unknown_indicator(v, entry);
    size_t k = ind->index;
    dii_status st = check_duplicate_value(v, sub_index, sub, e, k);
    if (st != DII_OK)
        return st;
    return check_value(v, &v->fw->indicators[k], entry);
}

/* ------------------------------------------------------------------------ */
/* Checks on one submission                                                  */
/* ------------------------------------------------------------------------ */

static dii_status check_framework_id(validator *v, const struct dii_submission *sub)
{
    const struct dii_sub_extra *x = sub->body->extra;
    if (x == NULL || x->framework == NULL || strcmp(x->framework, v->fw->id) == 0)
        return DII_OK;
    char *pointer = NULL;
    if (child_pointer(v, "framework", &pointer) != DII_OK)
        return DII_ERR_NO_MEMORY;
    char *hint = dii_mem_printf("validate with --framework %s, or change \"framework\" to \"%s\"",
                             x->framework, v->fw->id);
    dii_status st = DII_ERR_NO_MEMORY;
    if (hint != NULL) {
        dii_loc loc = {x->framework_line, x->framework_column, pointer};
        st = dii_diag_add(v->diags, DII_SEVERITY_ERROR, "framework-mismatch", v->file, &loc,
                          hint, "submission names framework '%s' but is validated against '%s'",
                          x->framework, v->fw->id);
    }
    dii_mem_free(hint);
    dii_mem_free(pointer);
    return st;
}

static dii_status check_repeated_submission(validator *v, size_t sub_index,
                                            const struct dii_submission *sub)
{
    if (v->next_repeat == v->repeat_count || v->repeats[v->next_repeat].index != sub_index)
        return DII_OK;
    size_t earlier = v->repeats[v->next_repeat++].first;
    int failed;
    char *pointer = dii_submission_pointer(sub, sub_index, &failed);
    if (failed)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = {sub->line, sub->column, pointer};
    dii_status st = dii_diag_add(v->diags, DII_SEVERITY_ERROR, "duplicate-submission", v->file,
                                 &loc, "keep one submission per unit and year",
                                 "unit '%s' year %d is submitted again; the first submission "
                                 "starts at line %lu",
                                 sub->body->unit_id, sub->body->year,
                                 (unsigned long)v->subs->items[earlier].line);
    dii_mem_free(pointer);
    return st;
}

/* A year no framework can have is an error, not a matter of range. */
static dii_status check_year_possible(validator *v, const struct dii_submission *sub)
{
    char *pointer = NULL;
    if (child_pointer(v, "year", &pointer) != DII_OK)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = {sub->body->year_line, sub->body->year_column, pointer};
    dii_status st = dii_diag_add(v->diags, DII_SEVERITY_ERROR, "out-of-range", v->file, &loc,
                                 NULL, "year %d is outside %d to %d", sub->body->year, DII_YEAR_MIN,
                                 DII_YEAR_MAX);
    dii_mem_free(pointer);
    return st;
}

static dii_status check_year_range(validator *v, const struct dii_submission *sub)
{
    int first = v->fw->first_year, last = v->fw->last_year, year = sub->body->year;
    if (sub->body->year_valid && (year < DII_YEAR_MIN || year > DII_YEAR_MAX))
        return check_year_possible(v, sub);
    if (!sub->body->year_valid || first == 0 || last == 0)
        return DII_OK;
    if (year >= first && year <= last)
        return DII_OK;
    char *pointer = NULL;
    if (child_pointer(v, "year", &pointer) != DII_OK)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = {sub->body->year_line, sub->body->year_column, pointer};
    dii_status st = dii_diag_add(
        v->diags, DII_SEVERITY_WARNING, "year-out-of-range", v->file, &loc,
        "check the year; outside the framework's years the nearest milestone's targets apply",
        "year %d is outside the years of framework '%s' (%d to %d)", year, v->fw->id,
        first, last);
    dii_mem_free(pointer);
    return st;
}

static dii_status report_not_given(validator *v, const struct dii_submission *sub,
                                   const struct dii_indicator *ind, const char *values_pointer)
{
    dii_loc loc = {sub->line, sub->column, values_pointer};
    if (ind->code != NULL)
        return dii_diag_add(v->diags, DII_SEVERITY_WARNING, "missing-value", v->file, &loc,
                            NULL, "indicator '%s' (code %s) has no value in this submission",
                            ind->id, ind->code);
    return dii_diag_add(v->diags, DII_SEVERITY_WARNING, "missing-value", v->file, &loc, NULL,
                        "indicator '%s' has no value in this submission", ind->id);
}

/* A submission without any value is one problem, not one per indicator:
 * a file of empty objects must not flood the list. */
static dii_status report_no_values(validator *v, const struct dii_submission *sub,
                                   const char *values_pointer)
{
    dii_loc loc = {sub->line, sub->column, values_pointer};
    size_t n = v->fw->indicator_count;
    return dii_diag_add(v->diags, DII_SEVERITY_WARNING, "missing-value", v->file, &loc,
                        "give each indicator a value, or null when it is not known",
                        "the submission has no values: none of the %zu indicator%s of "
                        "framework '%s' is given",
                        n, n == 1 ? "" : "s", v->fw->id);
}

/* Runs after the submission's entries, which stamped given_in. */
static dii_status check_all_indicators_given(validator *v, size_t sub_index,
                                             const struct dii_submission *sub)
{
    if (v->fw->indicator_count == 0)
        return DII_OK;
    char *values_pointer = NULL;
    if (child_pointer(v, "values", &values_pointer) != DII_OK)
        return DII_ERR_NO_MEMORY;
    dii_status st = DII_OK;
    size_t given = sub->body->value_count;
    if (given == 0)
        st = report_no_values(v, sub, values_pointer);
    for (size_t k = 0; k < v->fw->indicator_count && st == DII_OK && given > 0; k++)
        if (v->given_in[k] != sub_index + 1)
            st = report_not_given(v, sub, &v->fw->indicators[k], values_pointer);
    dii_mem_free(values_pointer);
    return st;
}

static dii_status check_submission(validator *v, size_t sub_index)
{
    const struct dii_submission *sub = &v->subs->items[sub_index];
    size_t first_diag = v->diags->count;
    v->sub = sub;
    v->sub_index = sub_index;
    v->file = dii_sub_file(v->subs, sub);
    dii_status st = check_repeated_submission(v, sub_index, sub);
    if (st == DII_OK)
        st = check_framework_id(v, sub);
    if (st == DII_OK)
        st = check_year_range(v, sub);
    for (size_t e = 0; e < sub->body->value_count && st == DII_OK; e++)
        st = check_entry(v, sub_index, sub, e);
    if (st == DII_OK)
        st = check_all_indicators_given(v, sub_index, sub);
    dii_diag_tag_submission(v->diags, first_diag, (long)sub_index);
    return st;
}

static dii_status validate_all(validator *v)
{
    if (v->subs->load_diags != NULL &&
        dii_diag_append_all(v->diags, v->subs->load_diags) != DII_OK)
        return DII_ERR_NO_MEMORY;
    for (size_t i = 0; i < v->subs->count; i++)
        if (check_submission(v, i) != DII_OK)
            return DII_ERR_NO_MEMORY;
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Public entry point                                                        */
/* ------------------------------------------------------------------------ */

static dii_status check_validate_options(const dii_validate_options *opts)
{
    if (opts == NULL || opts->version == 1)
        return DII_OK;
    return dii_fail(DII_ERR_INVALID_ARGUMENT,
                    "dii_validate_options version %u is not supported (expected 1 to %d); "
                    "initialise options with DII_VALIDATE_OPTIONS_INIT",
                    opts->version, DII_VALIDATE_OPTIONS_VERSION);
}

/* Input order with a merged set's files in merge order: the checks may
 * find a problem of a later input first (a duplicate submission). */
static dii_status sort_in_merge_order(dii_diagnostics *d, const struct dii_submissions *subs)
{
    size_t runs = 0; /* runs of one input: counted first, one entry each */
    const char *last = NULL;
    for (size_t i = 0; i < subs->count; i++) {
        const char *file = dii_sub_file(subs, &subs->items[i]);
        runs += runs == 0 || file != last;
        last = file;
    }
    const char **files = dii_mem_calloc(runs ? runs : 1, sizeof *files);
    if (files == NULL)
        return DII_ERR_NO_MEMORY;
    size_t n = 0;
    for (size_t i = 0; i < subs->count; i++) {
        const char *file = dii_sub_file(subs, &subs->items[i]);
        if (n == 0 || files[n - 1] != file)
            files[n++] = file;
    }
    dii_status st = dii_diag_sort_in_file_order(d, files, n);
    dii_mem_free(files);
    return st;
}

DII_API dii_status dii_validate_with(const dii_framework *fw, const dii_submissions *subs,
                                     const dii_validate_options *opts, dii_diagnostics **diags)
{
    if (diags != NULL)
        *diags = NULL;
    if (fw == NULL || subs == NULL || diags == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_validate: framework, submissions and diags must not be NULL");
    dii_status st = check_validate_options(opts);
    if (st != DII_OK)
        return st;
    validator v;
    st = validator_init(&v, fw, subs);
    if (st == DII_OK) {
        dii_diag_set_limit(v.diags, dii_max_diagnostics_or_default(opts ? opts->max_diagnostics
                                                                         : 0));
        st = validate_all(&v);
    }
    /* checks run field by field (a submission's year before its values,
     * its missing indicators after them) and the loader's findings come
     * first: the list is handed out in input order (dii.h) */
    if (st == DII_OK)
        st = sort_in_merge_order(v.diags, subs);
    if (st == DII_OK && dii_diag_report_suppressed(v.diags, subs->name) != DII_OK)
        st = DII_ERR_NO_MEMORY;
    validator_release(&v);
    if (st != DII_OK) {
        dii_diagnostics_free(v.diags);
        return dii_fail_nomem();
    }
    *diags = v.diags;
    size_t errors = dii_diagnostics_error_count(v.diags);
    if (errors > 0)
        return dii_fail(DII_ERR_VALIDATION, "%zu validation error%s found", errors,
                        errors == 1 ? "" : "s");
    dii_clear_error();
    return DII_OK;
}

DII_API dii_status dii_validate(const dii_framework *fw, const dii_submissions *subs,
                                dii_diagnostics **diags)
{
    return dii_validate_with(fw, subs, NULL, diags);
}
