/* "dii-framework/1" JSON → struct dii_framework, checking every rule of the
 * format and reporting each problem with its place. The parser never stops at
 * the first problem: it records it and goes on, so an author fixes a file in
 * one round.
 *
 * The text is read by json_dom.c, the reader the submissions use: every node
 * knows its line and column (and its key's), repeated keys are listed, and
 * the input limits of dii_parse_options apply while reading. Every check
 * below looks at each value a bounded number of times, and whole-document
 * checks (repeated ids and codes, groups) use hash tables, so loading is
 * linear in the size of the file. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "enums.h"
#include "error.h"
#include "hash.h"
#include "json_dom.h"
#include "json_members.h"
#include "model.h"
#include "parse.h"
#include "strbuf.h"

#define FRAMEWORK_FORMAT "dii-framework/1"
#define RANK_DECIMALS_DEFAULT 4
#define RANK_DECIMALS_MAX 12
#define POINTS_MAX 1e6
#define YEAR_SPAN (DII_YEAR_MAX - DII_YEAR_MIN + 1)

/* The framework format's wording (the submissions' is parse_json.c's). */
static const jm_wording fw_wording = {'\'', " field", "a number"};

typedef struct fw_ctx {
    jm_reader r; /* file, diagnostics, wording */
    int out_of_memory;
    int unit_known; /* the current indicator's unit was understood */
} fw_ctx;

/* ---- reporting --------------------------------------------------------- */

/* A report's status: the context remembers a failure to allocate, so that
 * parsing can unwind normally. */
static void note(fw_ctx *c, dii_status st)
{
    if (st != DII_OK)
        c->out_of_memory = 1;
}

/* at: the node the problem is about (its value, or its key when at_key and
 * it has one: unknown fields); pointer: its JSON Pointer. */
static void vreport(fw_ctx *c, const char *code, const jdom_node *at, int at_key,
                    const char *pointer, const char *hint, const char *fmt, va_list ap)
{
    dii_loc loc = at ? jm_loc(at, at_key, pointer) : (dii_loc){0, 0, pointer};
    note(c, dii_diag_addv(c->r.diags, DII_SEVERITY_ERROR, code, c->r.file, &loc, hint, fmt, ap));
}

static void report(fw_ctx *c, const char *code, const jdom_node *at, const char *pointer,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void report(fw_ctx *c, const char *code, const jdom_node *at, const char *pointer,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, code, at, 0, pointer, NULL, fmt, ap);
    va_end(ap);
}

static void report_hint(fw_ctx *c, const char *code, const jdom_node *at, int at_key,
                        const char *pointer, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void report_hint(fw_ctx *c, const char *code, const jdom_node *at, int at_key,
                        const char *pointer, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, code, at, at_key, pointer, hint, fmt, ap);
    va_end(ap);
}

/* Child pointer; on allocation failure the context remembers it and NULL
 * is returned so that parsing can unwind normally. */
static char *child(fw_ctx *c, const char *base, const char *key)
{
    char *p = dii_pointer_join(base, key);
    if (!p)
        c->out_of_memory = 1;
    return p;
}

static char *child_index(fw_ctx *c, const char *base, size_t i)
{
    char *p = dii_pointer_join_index(base, i);
    if (!p)
        c->out_of_memory = 1;
    return p;
}

/* A problem with member `key` (the node v) of the object at ptr: located
 * at the value, with the member's pointer. */
static void report_member(fw_ctx *c, const char *code, const jdom_node *v, const char *ptr,
                          const char *key, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void report_member(fw_ctx *c, const char *code, const jdom_node *v, const char *ptr,
                          const char *key, const char *hint, const char *fmt, ...)
{
    char *p = child(c, ptr, key);
    if (!p)
        return;
    va_list ap;
    va_start(ap, fmt);
    vreport(c, code, v, 0, p, hint, fmt, ap);
    va_end(ap);
    dii_mem_free(p);
}

static char *copy(fw_ctx *c, const char *s)
{
    char *p = dii_mem_strdup(s);
    if (s && !p)
        c->out_of_memory = 1;
    return p;
}

/* ---- typed member readers ---------------------------------------------- */

static int is_boolean(const jdom_node *v)
{
    return v->kind == JDOM_TRUE || v->kind == JDOM_FALSE;
}

static size_t child_count(const jdom_node *v)
{
    return v->u.children.count;
}

static const jdom_node *child_at(const jdom_node *v, size_t i)
{
    return &v->u.children.items[i];
}

static const char *type_name(fw_ctx *c, const jdom_node *v)
{
    return jm_type_name(&c->r, v);
}

/* Reports unknown members of obj: those not among the n allowed. */
static void check_members(fw_ctx *c, const jdom_node *obj, const char *ptr,
                          const char *const *allowed, size_t n, const char *what)
{
    for (size_t m = 0; m < child_count(obj) && !c->out_of_memory; m++) {
        const jdom_node *member = child_at(obj, m);
        if (jm_is_allowed(member->key, allowed, n))
            continue;
        char *p = child(c, ptr, member->key);
        if (!p)
            return;
        char hint[256];
        size_t used = (size_t)snprintf(hint, sizeof hint, "allowed fields of %s:", what);
        for (size_t i = 0; i < n && used < sizeof hint; i++)
            used += (size_t)snprintf(hint + used, sizeof hint - used, " %s", allowed[i]);
        report_hint(c, "unknown-field", member, 1, p, hint, "unknown field '%s' in %s",
                    member->key, what);
        dii_mem_free(p);
    }
}

/* Fetches member key; reports "missing-field" (at the object) when required
 * and absent. */
static const jdom_node *member(fw_ctx *c, const jdom_node *obj, const char *ptr,
                               const char *key, int required, const char *what)
{
    const jdom_node *v = jdom_get(obj, key);
    if (!v && required)
        note(c, jm_report_missing(&c->r, obj, ptr, what, key, NULL));
    return v;
}

/* Member key when it is one of kinds (JM_*): NULL when absent (reported
 * when required) or of another kind (reported: "must be <wanted>"). */
static const jdom_node *typed(fw_ctx *c, const jdom_node *obj, const char *ptr,
                              const char *key, int required, const char *what, unsigned kinds,
                              const char *wanted)
{
    jm_rule rule = {kinds, wanted, NULL, required ? what : NULL, NULL, 0};
    const jdom_node *v;
    note(c, jm_get(&c->r, obj, ptr, key, &rule, &v));
    return v;
}

static void report_type(fw_ctx *c, const jdom_node *v, const char *ptr, const char *key,
                        const char *expected)
{
    note(c, jm_report_wrong_type(&c->r, ptr, key, v, expected, NULL));
}

/* Every number of a framework is within ±DII_FRAMEWORK_NUMBER_MAX, so that
 * no interpolation, difference or sum of them can overflow (dii.h). An
 * out-of-range value is reported and not used. */
static int number_in_bound(fw_ctx *c, const jdom_node *v, const char *ptr, const char *key)
{
    double x = v->u.number.value;
    if (fabs(x) <= DII_FRAMEWORK_NUMBER_MAX)
        return 1;
    report_member(c, "out-of-range", v, ptr, key,
                  "numbers in a framework are between -1e15 and 1e15",
                  "'%s' is %s than any number a framework may hold", key,
                  x > 0 ? "larger" : "smaller");
    return 0;
}

/* 1 when *out was set (absent optional members leave it untouched). */
static int read_string(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                       int required, const char *what, char **out)
{
    const jdom_node *v = typed(c, obj, ptr, key, required, what, JM_STRING, "a string");
    if (!v)
        return 0;
    *out = copy(c, v->u.string.text);
    return *out != NULL;
}

static int read_number(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                       int required, const char *what, double *out)
{
    const jdom_node *v = typed(c, obj, ptr, key, required, what, JM_NUMBER, "a number");
    if (!v || !number_in_bound(c, v, ptr, key))
        return 0;
    *out = v->u.number.value;
    return 1;
}

static int read_int(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                    int required, const char *what, int lo, int hi, int *out)
{
    const jdom_node *v = typed(c, obj, ptr, key, required, what, JM_INTEGER, "an integer");
    if (!v)
        return 0;
    long long x;
    if (!jm_integer_in(v, lo, hi, &x)) {
        char text[JM_INTEGER_TEXT_MAX];
        report_member(c, "invalid-value", v, ptr, key, NULL,
                      "'%s' must be between %d and %d, not %s", key, lo, hi,
                      jm_integer_text(v, text));
        return 0;
    }
    *out = (int)x;
    return 1;
}

/* A number or a boolean (booleans as 1 / 0); *is_bool tells which; *at
 * receives the value's node. */
static int read_scalar(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                       const char *what, double *out, int *is_bool, const jdom_node **at)
{
    const jdom_node *v = typed(c, obj, ptr, key, 1, what, JM_NUMBER | JM_BOOLEAN,
                               "a number or a boolean");
    *at = v;
    if (!v)
        return 0;
    if (is_boolean(v)) {
        *out = v->kind == JDOM_TRUE ? 1.0 : 0.0;
        *is_bool = 1;
        return 1;
    }
    if (!number_in_bound(c, v, ptr, key))
        return 0;
    *out = v->u.number.value;
    *is_bool = 0;
    return 1;
}

static int read_bool(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                     const char *what, int *out)
{
    const jdom_node *v = typed(c, obj, ptr, key, 0, what, JM_BOOLEAN, "true or false");
    if (!v)
        return 0;
    *out = v->kind == JDOM_TRUE;
    return 1;
}

/* {"vi": "...", "en": "..."}: at least one language. */
static void read_names(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                       int required, const char *what, char **vi, char **en)
{
    static const char *const langs[] = {"vi", "en"};
    const jdom_node *v = typed(c, obj, ptr, key, required, what, JM_OBJECT,
                               "an object {\"vi\": ..., \"en\": ...}");
    if (!v)
        return;
    char *p = child(c, ptr, key);
    if (!p)
        return;
    check_members(c, v, p, langs, COUNT_OF(langs), key);
    read_string(c, v, p, "vi", 0, key, vi);
    read_string(c, v, p, "en", 0, key, en);
    if (!jdom_get(v, "vi") && !jdom_get(v, "en"))
        report(c, "missing-field", v, p, "'%s' needs a \"vi\" or an \"en\" text", key);
    dii_mem_free(p);
}

/* An enumeration given as a string; code names the diagnostic. */
static int read_enum(fw_ctx *c, const jdom_node *obj, const char *ptr, const char *key,
                     int required, const char *what, int (*lookup)(const char *),
                     const char *code, const char *choices, int *out)
{
    char *text = NULL;
    if (!read_string(c, obj, ptr, key, required, what, &text))
        return 0;
    int v = lookup(text);
    if (v < 0)
        report_member(c, code, jdom_get(obj, key), ptr, key, choices, "unknown %s '%s'", key,
                      text);
    else
        *out = v;
    dii_mem_free(text);
    return v >= 0;
}

/* ---- scoring ----------------------------------------------------------- */

static void read_bands(fw_ctx *c, const jdom_node *bands, const char *ptr,
                       struct dii_indicator *ind)
{
    static const char *const allowed[] = {"from", "score"};
    if (bands->kind != JDOM_ARRAY || child_count(bands) == 0) {
        report(c, "wrong-type", bands, ptr,
               "'bands' must be a non-empty array of {\"from\", \"score\"}");
        return;
    }
    ind->bands = dii_mem_calloc(child_count(bands), sizeof *ind->bands);
    if (!ind->bands) {
        c->out_of_memory = 1;
        return;
    }
    for (size_t i = 0; i < child_count(bands); i++) {
        const jdom_node *b = child_at(bands, i);
        char *p = child_index(c, ptr, i);
        if (!p)
            return;
        if (b->kind != JDOM_OBJECT) {
            report(c, "wrong-type", b, p, "a band must be an object, not %s", type_name(c, b));
        } else {
            dii_band *band = &ind->bands[ind->band_count++];
            check_members(c, b, p, allowed, COUNT_OF(allowed), "a band");
            read_number(c, b, p, "from", 1, "a band", &band->from);
            if (read_number(c, b, p, "score", 1, "a band", &band->score) &&
                !(band->score >= 0 && band->score <= 1))
                report(c, "invalid-value", b, p, "a band's score must be between 0 and 1");
        }
        dii_mem_free(p);
    }
}

/* Bands are listed best first: descending 'from' when higher is better,
 * ascending when lower is better, so the first band reached is the best
 * (method.c). The same order must not make a worse value earn more: along
 * the list each score is at most the one before. (Sorted by 'from', that is:
 * scores never fall as 'from' rises when higher is better, never rise when
 * lower is better.) */
static void check_band_order(fw_ctx *c, const jdom_node *bands, const char *ptr,
                             const struct dii_indicator *ind)
{
    if (ind->band_count != child_count(bands))
        return; /* a band that is not an object was reported; indices would not match */
    for (size_t i = 1; i < ind->band_count; i++) {
        const dii_band *prev = &ind->bands[i - 1], *cur = &ind->bands[i];
        int ordered = ind->direction == DII_DIRECTION_HIGHER ? cur->from < prev->from
                                                             : cur->from > prev->from;
        char *p = child_index(c, ptr, i);
        if (!p)
            return;
        if (!ordered)
            report_hint(c, "bands-order", child_at(bands, i), 0, p,
                        "list bands best first, each 'from' strictly beyond the next",
                        "band %zu is out of order for direction '%s'", i,
                        dii_direction_name(ind->direction));
        if (cur->score > prev->score) {
            char now[DII_DOUBLE_TEXT_MAX], before[DII_DOUBLE_TEXT_MAX];
            dii_format_double(cur->score, now);
            dii_format_double(prev->score, before);
            report_member(c, "bands-score-order", jdom_get(child_at(bands, i), "score"), p,
                          "score", "a worse value cannot earn more: list scores from highest "
                          "to lowest",
                          "band %zu scores %s, more than band %zu (%s) for a worse value", i,
                          now, i - 1, before);
        }
        dii_mem_free(p);
    }
}

static void read_scoring(fw_ctx *c, const jdom_node *ind_obj, const char *ind_ptr,
                         struct dii_indicator *ind, int *method_ok)
{
    static const char *const base[] = {"method"};
    static const char *const linear[] = {"method", "min", "max"};
    static const char *const bands[] = {"method", "bands"};
    static const char *const any[] = {"method", "min", "max", "bands"};
    const jdom_node *s = typed(c, ind_obj, ind_ptr, "scoring", 1, "an indicator", JM_OBJECT,
                               "an object {\"method\": ...}");
    if (!s)
        return;
    char *p = child(c, ind_ptr, "scoring");
    if (!p)
        return;
    int m = 0;
    *method_ok = read_enum(c, s, p, "method", 1, "'scoring'", dii_method_from_name,
                           "unknown-method",
                           "methods: target_ratio ratio linear boolean bands best_in_cohort "
                           "min_max_cohort", &m);
    ind->method = (dii_method)m;
    if (*method_ok && ind->method == DII_METHOD_LINEAR) {
        check_members(c, s, p, linear, COUNT_OF(linear), "'scoring'");
        int have = read_number(c, s, p, "min", 1, "linear scoring", &ind->linear_min);
        have &= read_number(c, s, p, "max", 1, "linear scoring", &ind->linear_max);
        char both[DII_DOUBLE_TEXT_MAX];
        dii_format_double(ind->linear_min, both);
        if (have && ind->linear_min == ind->linear_max)
            report(c, "linear-range", s, p, "linear scoring needs min != max (both are %s)",
                   both);
    } else if (*method_ok && ind->method == DII_METHOD_BANDS) {
        check_members(c, s, p, bands, COUNT_OF(bands), "'scoring'");
        const jdom_node *b = member(c, s, p, "bands", 1, "bands scoring");
        char *bp = b ? child(c, p, "bands") : NULL;
        if (bp) {
            read_bands(c, b, bp, ind);
            if (b->kind == JDOM_ARRAY)
                check_band_order(c, b, bp, ind);
        }
        dii_mem_free(bp);
    } else if (*method_ok) {
        check_members(c, s, p, base, COUNT_OF(base), "'scoring'");
    } else {
        check_members(c, s, p, any, COUNT_OF(any), "'scoring'");
    }
    dii_mem_free(p);
}

/* ---- baseline and targets ---------------------------------------------- */

/* A baseline's or a target's value (node v, member "value" of the object
 * at ptr) against the indicator's unit: true / false for yes/no indicators,
 * numbers otherwise, and 0-100 for a percent. 1 when it fits. */
static int check_value(fw_ctx *c, const jdom_node *v, const char *ptr,
                       const struct dii_indicator *ind, int is_bool, double value,
                       const char *what)
{
    int want_bool = ind->unit == DII_UNIT_BOOLEAN;
    if (!c->unit_known)
        return 1; /* an unknown unit is reported once, not at every value */
    if (is_bool != want_bool) {
        report_member(c, "target-type", v, ptr, "value", NULL, "%s of %s indicator '%s' must be %s",
                      what, want_bool ? "boolean" : "numeric", ind->id ? ind->id : "?",
                      want_bool ? "true or false" : "a number");
        return 0;
    }
    if (ind->unit == DII_UNIT_PERCENT && !(value >= 0 && value <= 100)) {
        char text[DII_DOUBLE_TEXT_MAX];
        dii_format_double(value, text);
        report_member(c, "out-of-range", v, ptr, "value", "a percent is between 0 and 100",
                      "%s of percent indicator '%s' is %s, outside 0-100", what,
                      ind->id ? ind->id : "?", text);
        return 0;
    }
    return 1;
}

static void read_baseline(fw_ctx *c, const jdom_node *obj, const char *ptr,
                          struct dii_indicator *ind)
{
    static const char *const allowed[] = {"year", "value"};
    const jdom_node *b = typed(c, obj, ptr, "baseline", 0, "an indicator", JM_OBJECT,
                               "an object {\"year\", \"value\"}");
    if (!b)
        return;
    char *p = child(c, ptr, "baseline");
    if (!p)
        return;
    check_members(c, b, p, allowed, COUNT_OF(allowed), "'baseline'");
    int is_bool = 0;
    const jdom_node *v;
    int ok = read_int(c, b, p, "year", 1, "'baseline'", DII_YEAR_MIN, DII_YEAR_MAX,
                      &ind->baseline_year);
    if (read_scalar(c, b, p, "value", "'baseline'", &ind->baseline_value, &is_bool, &v) &&
        check_value(c, v, p, ind, is_bool, ind->baseline_value, "the baseline"))
        ind->has_baseline = ok;
    dii_mem_free(p);
}

/* seen[y - DII_YEAR_MIN]: a target for year y was already kept. */
static void read_target(fw_ctx *c, const jdom_node *t, const char *p,
                        struct dii_indicator *ind, unsigned char *seen)
{
    static const char *const allowed[] = {"year", "op", "value"};
    if (t->kind != JDOM_OBJECT) {
        report(c, "wrong-type", t, p, "a target must be an object, not %s", type_name(c, t));
        return;
    }
    check_members(c, t, p, allowed, COUNT_OF(allowed), "a target");
    dii_target_def def = {0, DII_OP_GE, 0};
    int op = DII_OP_GE, is_bool = 0;
    const jdom_node *v;
    int ok = read_int(c, t, p, "year", 1, "a target", DII_YEAR_MIN, DII_YEAR_MAX, &def.year);
    ok &= read_enum(c, t, p, "op", 1, "a target", dii_op_from_symbol, "unknown-op",
                    "ops: >= > <= < ==", &op);
    if (!read_scalar(c, t, p, "value", "a target", &def.value, &is_bool, &v) ||
        !check_value(c, v, p, ind, is_bool, def.value, "a target"))
        ok = 0;
    def.op = (dii_op)op;
    if (ok && seen[def.year - DII_YEAR_MIN]) {
        report_member(c, "duplicate-target-year", jdom_get(t, "year"), p, "year", NULL,
                      "indicator '%s' has two targets for %d", ind->id ? ind->id : "?",
                      def.year);
        ok = 0;
    }
    if (ok) {
        seen[def.year - DII_YEAR_MIN] = 1;
        ind->targets[ind->target_count++] = def;
    }
}

static int compare_target_year(const void *a, const void *b)
{
    const dii_target_def *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static void read_targets(fw_ctx *c, const jdom_node *obj, const char *ptr,
                         struct dii_indicator *ind)
{
    const jdom_node *ts = typed(c, obj, ptr, "targets", 0, "an indicator", JM_ARRAY, "an array");
    if (!ts)
        return;
    char *p = child(c, ptr, "targets");
    if (!p)
        return;
    size_t n = child_count(ts);
    unsigned char seen[YEAR_SPAN] = {0};
    ind->targets = dii_mem_calloc(n ? n : 1, sizeof *ind->targets);
    if (!ind->targets)
        c->out_of_memory = 1;
    for (size_t i = 0; ind->targets && i < n && !c->out_of_memory; i++) {
        char *tp = child_index(c, p, i);
        if (tp)
            read_target(c, child_at(ts, i), tp, ind, seen);
        dii_mem_free(tp);
    }
    if (ind->target_count > 1)
        qsort(ind->targets, ind->target_count, sizeof *ind->targets, compare_target_year);
    dii_mem_free(p);
}

/* ---- indicators -------------------------------------------------------- */

static int valid_indicator_id(const char *id)
{
    if (!*id)
        return 0;
    for (const char *s = id; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Which units a method can score; the error says why not. */
static void check_method_unit(fw_ctx *c, const jdom_node *obj, const char *ptr,
                              const struct dii_indicator *ind)
{
    int is_bool_unit = ind->unit == DII_UNIT_BOOLEAN;
    const char *problem = NULL;
    if (ind->method == DII_METHOD_BOOLEAN && !is_bool_unit)
        problem = "method 'boolean' needs unit 'boolean'";
    else if (ind->method != DII_METHOD_BOOLEAN && is_bool_unit)
        problem = "unit 'boolean' can only be scored with method 'boolean'";
    else if (ind->method == DII_METHOD_RATIO && ind->unit != DII_UNIT_PERCENT &&
             ind->unit != DII_UNIT_RATIO)
        problem = "method 'ratio' needs unit 'percent' or 'ratio'";
    if (problem)
        report_member(c, "method-unit", jdom_get(obj, "scoring"), ptr, "scoring", NULL,
                      "indicator '%s': %s", ind->id ? ind->id : "?", problem);
}

static void read_indicator(fw_ctx *c, const jdom_node *obj, const char *ptr,
                           struct dii_indicator *ind)
{
    static const char *const allowed[] = {"id", "code", "group", "name", "unit", "direction",
                                          "points", "scoring", "baseline", "targets",
                                          "provisional", "notes"};
    const char *what = "an indicator";
    check_members(c, obj, ptr, allowed, COUNT_OF(allowed), what);
    if (read_string(c, obj, ptr, "id", 1, what, &ind->id) && !valid_indicator_id(ind->id))
        report_member(c, "invalid-value", jdom_get(obj, "id"), ptr, "id",
                      "use lower-case letters, digits and '_'",
                      "indicator id '%s' is not of the form [a-z0-9_]+", ind->id);
    read_string(c, obj, ptr, "code", 0, what, &ind->code);
    read_string(c, obj, ptr, "group", 1, what, &ind->group_id);
    read_names(c, obj, ptr, "name", 1, what, &ind->name_vi, &ind->name_en);
    int unit = 0, direction = 0, method_ok = 0;
    int unit_ok = read_enum(c, obj, ptr, "unit", 1, what, dii_unit_from_name, "unknown-unit",
                            "units: percent per_100_people mbps count boolean ratio other",
                            &unit);
    ind->unit = (dii_unit)unit;
    read_enum(c, obj, ptr, "direction", 1, what, dii_direction_from_name, "unknown-direction",
              "directions: higher lower", &direction);
    ind->direction = (dii_direction)direction;
    /* Bounded so that no sum of points can overflow to infinity. */
    if (read_number(c, obj, ptr, "points", 1, what, &ind->points) &&
        !(ind->points >= 0 && ind->points <= POINTS_MAX))
        report_member(c, "invalid-value", jdom_get(obj, "points"), ptr, "points", NULL,
                      "points must be between 0 and 1000000");
    read_scoring(c, obj, ptr, ind, &method_ok);
    if (unit_ok && method_ok)
        check_method_unit(c, obj, ptr, ind);
    c->unit_known = unit_ok;
    read_baseline(c, obj, ptr, ind);
    read_targets(c, obj, ptr, ind);
    /* Targets that were given but all rejected have their own errors. */
    const jdom_node *targets = jdom_get(obj, "targets");
    if (method_ok && ind->method == DII_METHOD_TARGET_RATIO && ind->target_count == 0 &&
        (!targets || targets->kind != JDOM_ARRAY || child_count(targets) == 0))
        report_hint(c, "missing-target", obj, 0, ptr,
                    "add \"targets\" or choose a method that needs none",
                    "indicator '%s' is scored by target_ratio but has no targets",
                    ind->id ? ind->id : "?");
    read_bool(c, obj, ptr, "provisional", what, &ind->provisional);
    read_string(c, obj, ptr, "notes", 0, what, &ind->notes);
}

/* ---- groups ------------------------------------------------------------ */

static void read_group(fw_ctx *c, const jdom_node *obj, const char *ptr, struct dii_group *g,
                       double *declared_max, int *has_max)
{
    static const char *const allowed[] = {"id", "name", "max_points"};
    check_members(c, obj, ptr, allowed, COUNT_OF(allowed), "a group");
    read_string(c, obj, ptr, "id", 1, "a group", &g->id);
    read_names(c, obj, ptr, "name", 1, "a group", &g->name_vi, &g->name_en);
    *has_max = read_number(c, obj, ptr, "max_points", 0, "a group", declared_max);
}

static int same_points(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* ---- repeated ids ------------------------------------------------------ */

/* The key of item i of a collection (an id or a code), or NULL when it has
 * none. */
typedef const char *(*key_fn)(const void *items, size_t i);

/* Open addressing over the items' keys: each slot holds an item index + 1,
 * the first item seen with that key. */
typedef struct key_table {
    size_t *slots;
    size_t mask;
    key_fn key;
    const void *items;
} key_table;

static int key_table_init(key_table *t, size_t n, key_fn key, const void *items)
{
    size_t cap = 8;
    while (cap < 2 * n)
        cap *= 2;
    t->slots = dii_mem_calloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    t->key = key;
    t->items = items;
    return t->slots != NULL;
}

/* The first item whose key equals item i's key; i itself (then added)
 * when it is the first. */
static size_t key_table_first(key_table *t, size_t i)
{
    const char *k = t->key(t->items, i);
    size_t at = dii_hash_finish(dii_hash_string(k), 0) & t->mask;
    for (; t->slots[at] != 0; at = (at + 1) & t->mask)
        if (strcmp(t->key(t->items, t->slots[at] - 1), k) == 0)
            return t->slots[at] - 1;
    t->slots[at] = i + 1;
    return i;
}

/* Looks up a key (not necessarily an item's): its first item, or -1. */
static long key_table_find(const key_table *t, const char *k)
{
    size_t at = dii_hash_finish(dii_hash_string(k), 0) & t->mask;
    for (; t->slots[at] != 0; at = (at + 1) & t->mask)
        if (strcmp(t->key(t->items, t->slots[at] - 1), k) == 0)
            return (long)(t->slots[at] - 1);
    return -1;
}

/* How a kind of repeat is reported: code, the array and its pointer, the
 * member holding the key, and the words of the message. */
typedef struct repeat_kind {
    const char *code;
    const jdom_node *array;
    const char *array_ptr;
    const char *member;
    const char *what; /* "indicator id" */
} repeat_kind;

static void report_repeat(fw_ctx *c, const repeat_kind *k, const char *key, size_t first,
                          size_t second, size_t count)
{
    char *p = child_index(c, k->array_ptr, second);
    if (p)
        report_member(c, k->code, jdom_get(child_at(k->array, second), k->member), p,
                      k->member, NULL, "%s '%s' is used %zu times (first at index %zu)",
                      k->what, key, count, first);
    dii_mem_free(p);
}

/* One diagnostic per key that several of the n items share, at its second
 * occurrence, saying how many times it is used; in the order of those
 * second occurrences. Linear: one hash lookup per item. */
static void check_repeats(fw_ctx *c, const repeat_kind *k, key_fn key, const void *items,
                          size_t n)
{
    key_table t;
    size_t *count = dii_mem_calloc(n ? n : 1, sizeof *count);  /* by first index */
    size_t *second = dii_mem_calloc(n ? n : 1, sizeof *second); /* by first index */
    size_t *order = dii_mem_calloc(n ? n : 1, sizeof *order);   /* first indices */
    size_t repeated = 0;
    if (!count || !second || !order || !key_table_init(&t, n, key, items)) {
        c->out_of_memory = 1;
        t.slots = NULL;
    }
    for (size_t i = 0; t.slots && i < n; i++) {
        if (!key(items, i))
            continue;
        size_t first = key_table_first(&t, i);
        if (++count[first] == 2) {
            second[first] = i;
            order[repeated++] = first;
        }
    }
    for (size_t r = 0; r < repeated && !c->out_of_memory; r++) {
        size_t first = order[r];
        report_repeat(c, k, key(items, first), first, second[first], count[first]);
    }
    dii_mem_free(t.slots);
    dii_mem_free(count);
    dii_mem_free(second);
    dii_mem_free(order);
}

static const char *indicator_id(const void *items, size_t i)
{
    return ((const struct dii_indicator *)items)[i].id;
}

static const char *indicator_code(const void *items, size_t i)
{
    return ((const struct dii_indicator *)items)[i].code;
}

static const char *group_id(const void *items, size_t i)
{
    return ((const struct dii_group *)items)[i].id;
}

/* ---- whole-document checks --------------------------------------------- */

/* Links each indicator to its group (the first of that id) and adds up the
 * group maxima. */
static void link_groups(fw_ctx *c, const jdom_node *is, struct dii_framework *fw)
{
    key_table t;
    if (!key_table_init(&t, fw->group_count, group_id, fw->groups)) {
        c->out_of_memory = 1;
        return;
    }
    for (size_t g = 0; g < fw->group_count; g++)
        if (fw->groups[g].id)
            key_table_first(&t, g);
    for (size_t i = 0; i < fw->indicator_count && !c->out_of_memory; i++) {
        struct dii_indicator *ind = &fw->indicators[i];
        ind->index = i;
        if (!ind->group_id)
            continue;
        long g = key_table_find(&t, ind->group_id);
        if (g < 0) {
            char *p = child_index(c, "/indicators", i);
            if (p)
                report_member(c, "unknown-group", jdom_get(child_at(is, i), "group"), p,
                              "group", NULL,
                              "indicator '%s' names group '%s', which is not in \"groups\"",
                              ind->id ? ind->id : "?", ind->group_id);
            dii_mem_free(p);
            continue;
        }
        ind->group_index = (size_t)g;
        fw->groups[g].max_points += ind->points;
        fw->groups[g].indicator_count++;
        fw->max_points += ind->points;
    }
    dii_mem_free(t.slots);
}

static void check_group_maxima(fw_ctx *c, const jdom_node *gs, struct dii_framework *fw,
                               const double *declared, const int *has_declared)
{
    for (size_t g = 0; g < fw->group_count; g++) {
        if (!has_declared[g] || same_points(declared[g], fw->groups[g].max_points))
            continue;
        char *p = child_index(c, "/groups", g);
        char want[DII_DOUBLE_TEXT_MAX], sum[DII_DOUBLE_TEXT_MAX];
        dii_format_double(declared[g], want);
        dii_format_double(fw->groups[g].max_points, sum);
        if (p)
            report_member(c, "max-points-mismatch", jdom_get(child_at(gs, g), "max_points"), p,
                          "max_points", NULL,
                          "group '%s' declares max_points %s but its indicators add up to %s",
                          fw->groups[g].id ? fw->groups[g].id : "?", want, sum);
        dii_mem_free(p);
    }
}

static void compute_years(struct dii_framework *fw)
{
    for (size_t i = 0; i < fw->indicator_count; i++) {
        const struct dii_indicator *ind = &fw->indicators[i];
        if (ind->has_baseline && (!fw->first_year || ind->baseline_year < fw->first_year))
            fw->first_year = ind->baseline_year;
        for (size_t t = 0; t < ind->target_count; t++) {
            int y = ind->targets[t].year;
            if (!fw->first_year || y < fw->first_year)
                fw->first_year = y;
            if (y > fw->last_year)
                fw->last_year = y;
        }
    }
}

/* ---- arrays of groups and indicators ----------------------------------- */

static const jdom_node *array_member(fw_ctx *c, const jdom_node *root, const char *key)
{
    const jdom_node *a = member(c, root, "", key, 1, "the framework");
    if (a && (a->kind != JDOM_ARRAY || child_count(a) == 0)) {
        report_type(c, a, "", key, "a non-empty array");
        return NULL;
    }
    return a;
}

/* Reads the groups; declared[g] / has_declared[g] receive each group's
 * "max_points" for the later check against its indicators' sum. */
static const jdom_node *read_groups(fw_ctx *c, const jdom_node *root,
                                    struct dii_framework *fw, double **declared,
                                    int **has_declared)
{
    const jdom_node *gs = array_member(c, root, "groups");
    if (!gs)
        return NULL;
    size_t n = child_count(gs);
    fw->groups = dii_mem_calloc(n, sizeof *fw->groups);
    *declared = dii_mem_calloc(n, sizeof **declared);
    *has_declared = dii_mem_calloc(n, sizeof **has_declared);
    if (!fw->groups || !*declared || !*has_declared) {
        c->out_of_memory = 1;
        return NULL;
    }
    fw->group_count = n;
    for (size_t i = 0; i < n && !c->out_of_memory; i++) {
        const jdom_node *g = child_at(gs, i);
        char *p = child_index(c, "/groups", i);
        if (p && g->kind == JDOM_OBJECT)
            read_group(c, g, p, &fw->groups[i], &(*declared)[i], &(*has_declared)[i]);
        else if (p)
            report(c, "wrong-type", g, p, "a group must be an object, not %s", type_name(c, g));
        dii_mem_free(p);
    }
    repeat_kind ids = {"duplicate-id", gs, "/groups", "id", "group id"};
    if (!c->out_of_memory)
        check_repeats(c, &ids, group_id, fw->groups, n);
    return gs;
}

static const jdom_node *read_indicators(fw_ctx *c, const jdom_node *root,
                                        struct dii_framework *fw)
{
    const jdom_node *is = array_member(c, root, "indicators");
    if (!is)
        return NULL;
    size_t n = child_count(is);
    fw->indicators = dii_mem_calloc(n, sizeof *fw->indicators);
    if (!fw->indicators) {
        c->out_of_memory = 1;
        return NULL;
    }
    fw->indicator_count = n;
    for (size_t i = 0; i < n && !c->out_of_memory; i++) {
        const jdom_node *ind = child_at(is, i);
        char *p = child_index(c, "/indicators", i);
        if (p && ind->kind == JDOM_OBJECT)
            read_indicator(c, ind, p, &fw->indicators[i]);
        else if (p)
            report(c, "wrong-type", ind, p, "an indicator must be an object, not %s",
                   type_name(c, ind));
        dii_mem_free(p);
    }
    repeat_kind ids = {"duplicate-id", is, "/indicators", "id", "indicator id"};
    repeat_kind codes = {"duplicate-code", is, "/indicators", "code", "indicator code"};
    if (!c->out_of_memory)
        check_repeats(c, &ids, indicator_id, fw->indicators, n);
    if (!c->out_of_memory)
        check_repeats(c, &codes, indicator_code, fw->indicators, n);
    return is;
}

/* ---- the document ------------------------------------------------------ */

static void read_header(fw_ctx *c, const jdom_node *root, struct dii_framework *fw)
{
    static const char *const allowed[] = {"format", "id", "version", "title", "source",
                                          "status", "missing", "rank_decimals", "groups",
                                          "indicators"};
    const char *what = "the framework";
    check_members(c, root, "", allowed, COUNT_OF(allowed), what);
    char *format = NULL;
    if (read_string(c, root, "", "format", 1, what, &format) &&
        strcmp(format, FRAMEWORK_FORMAT) != 0)
        report_hint(c, "unsupported-format", jdom_get(root, "format"), 0, "/format",
                    "this library reads " FRAMEWORK_FORMAT,
                    "unsupported framework format '%s'", format);
    dii_mem_free(format);
    read_string(c, root, "", "id", 1, what, &fw->id);
    read_string(c, root, "", "version", 0, what, &fw->version);
    read_names(c, root, "", "title", 1, what, &fw->title_vi, &fw->title_en);
    read_string(c, root, "", "source", 0, what, &fw->source);
    int status = 0, missing = 0;
    read_enum(c, root, "", "status", 1, what, dii_framework_status_from_name, "invalid-value",
              "status: official provisional", &status);
    fw->status = (dii_framework_status)status;
    read_enum(c, root, "", "missing", 0, what, dii_missing_policy_from_name, "invalid-value",
              "missing: zero exclude", &missing);
    fw->missing = (dii_missing_policy)missing;
    fw->rank_decimals = RANK_DECIMALS_DEFAULT;
    read_int(c, root, "", "rank_decimals", 0, what, 0, RANK_DECIMALS_MAX, &fw->rank_decimals);
}

static void read_document(fw_ctx *c, const jdom_node *root, struct dii_framework *fw)
{
    double *declared = NULL;
    int *has_declared = NULL;
    read_header(c, root, fw);
    const jdom_node *gs = read_groups(c, root, fw, &declared, &has_declared);
    const jdom_node *is = read_indicators(c, root, fw);
    if (!c->out_of_memory && is) {
        link_groups(c, is, fw);
        if (gs && declared && has_declared)
            check_group_maxima(c, gs, fw, declared, has_declared);
    }
    compute_years(fw);
    dii_mem_free(declared);
    dii_mem_free(has_declared);
}

/* Repeated keys: the reader keeps the last value of each (as most JSON
 * readers do); the format allows none. */
static void report_duplicate_keys(fw_ctx *c, const jdom_parser *p)
{
    for (size_t i = 0; i < jdom_duplicate_count(p) && !c->out_of_memory; i++) {
        const jdom_duplicate *d = jdom_duplicate_at(p, i);
        dii_loc loc = {d->line, d->column, d->pointer};
        if (dii_diag_add(c->r.diags, DII_SEVERITY_ERROR, "duplicate-field", c->r.file, &loc, NULL,
                         "'%s' is given twice; only one value is allowed", d->pointer) != DII_OK)
            c->out_of_memory = 1;
    }
}

/* The text → its tree, or DII_ERR_PARSE with one "syntax" or
 * "limit-exceeded" error (the message of which is also the last error). */
static dii_status read_tree(jdom_parser *p, const char *data, size_t len, const char *file,
                            const dii_limits *limits, const jdom_node **root,
                            dii_diagnostics *diags)
{
    jdom_error err;
    dii_status st = jdom_parse(p, data, len, 1, root, &err);
    if (st != DII_ERR_PARSE)
        return st == DII_ERR_NO_MEMORY ? dii_fail_nomem() : st;
    dii_loc at = {err.line, err.column, NULL};
    if (err.limit != DII_LIMIT_NONE)
        st = dii_limit_report(diags, file, &at, limits, err.limit);
    else
        st = dii_diag_add(diags, DII_SEVERITY_ERROR, "syntax", file, &at, NULL, "%s",
                          err.message) == DII_OK
                 ? DII_ERR_PARSE
                 : DII_ERR_NO_MEMORY;
    if (st == DII_ERR_NO_MEMORY)
        return dii_fail_nomem();
    const struct dii_diagnostic *d = &diags->items[diags->count - 1];
    return dii_fail(DII_ERR_PARSE, "%s:%lu:%lu: %s", file ? file : "<memory>", d->line,
                    d->column, d->message);
}

/* The framework of a well-formed tree, or NULL with every problem in
 * diags (c->out_of_memory set when that is why). */
static struct dii_framework *build(fw_ctx *c, const jdom_parser *p, const jdom_node *root)
{
    struct dii_framework *fw = dii_mem_calloc(1, sizeof *fw);
    if (!fw) {
        c->out_of_memory = 1;
        return NULL;
    }
    if (root->kind == JDOM_OBJECT)
        read_document(c, root, fw);
    else
        report(c, "wrong-type", root, "", "a framework must be a JSON object, not %s",
               type_name(c, root));
    report_duplicate_keys(c, p);
    return fw;
}

dii_status dii_parse_framework(const char *data, size_t len, const char *file,
                               const dii_limits *limits, struct dii_framework **out,
                               dii_diagnostics *diags)
{
    *out = NULL;
    /* The same encoding rules as submissions: invalid UTF-8 and NUL bytes
     * are reported with their places before anything else reads the text. */
    size_t bad = dii_utf8_check(data, len, file, diags);
    if (bad == (size_t)-1)
        return dii_fail_nomem();
    if (bad > 0)
        return dii_fail(DII_ERR_PARSE, "%s: the framework is not valid UTF-8 text",
                        file ? file : "<memory>");
    jdom_parser *p = jdom_parser_new();
    if (!p)
        return dii_fail_nomem();
    jdom_parser_set_limits(p, limits);
    const jdom_node *root;
    dii_status st = read_tree(p, data, len, file, limits, &root, diags);
    if (st != DII_OK) {
        jdom_parser_free(p);
        return st;
    }
    fw_ctx c = {{file, diags, &fw_wording}, 0, 0};
    struct dii_framework *fw = build(&c, p, root);
    jdom_parser_free(p);
    if (c.out_of_memory) {
        dii_framework_destroy(fw);
        return dii_fail_nomem();
    }
    if (diags->errors > 0) {
        dii_framework_destroy(fw);
        return dii_fail(DII_ERR_VALIDATION, "%s: the framework has %zu error(s)",
                        file ? file : "<memory>", diags->errors);
    }
    if (dii_framework_index_ids(fw) != DII_OK) {
        dii_framework_destroy(fw);
        return dii_fail_nomem();
    }
    *out = fw;
    return DII_OK;
}
