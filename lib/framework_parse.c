/* "dii-framework/1" JSON → struct dii_framework, checking every rule of the
 * format and reporting each problem with its place. The parser never stops at
 * the first problem: it records it and goes on, so an author fixes a file in
 * one round. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "enums.h"
#include "error.h"
#include "json_locate.h"
#include "json_syntax.h"
#include "model.h"
#include "parse.h"
#include "strbuf.h"

#define FRAMEWORK_FORMAT "dii-framework/1"
#define RANK_DECIMALS_DEFAULT 4
#define RANK_DECIMALS_MAX 12
#define POINTS_MAX 1e6

typedef struct fw_ctx {
    const char *file;
    json_locator *locator;
    dii_diagnostics *diags;
    int out_of_memory;
    int unit_known; /* the current indicator's unit was understood */
} fw_ctx;

/* ---- reporting --------------------------------------------------------- */

/* at_key: point at the member's key rather than its value (unknown fields). */
static void vreport(fw_ctx *c, dii_severity sev, const char *code, const char *pointer,
                    int at_key, const char *hint, const char *fmt, va_list ap)
{
    json_position pos = {0, 0, 0, 0};
    dii_loc loc = {0, 0, pointer};
    if (c->locator && json_locator_find(c->locator, pointer, &pos)) {
        loc.line = at_key && pos.key_line ? pos.key_line : pos.line;
        loc.column = at_key && pos.key_line ? pos.key_column : pos.column;
    }
    if (dii_diag_addv(c->diags, sev, code, c->file, &loc, hint, fmt, ap) != DII_OK)
        c->out_of_memory = 1;
}

static void report(fw_ctx *c, const char *code, const char *pointer, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(fw_ctx *c, const char *code, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, DII_SEVERITY_ERROR, code, pointer, 0, NULL, fmt, ap);
    va_end(ap);
}

static void report_hint(fw_ctx *c, const char *code, const char *pointer, int at_key,
                        const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void report_hint(fw_ctx *c, const char *code, const char *pointer, int at_key,
                        const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, DII_SEVERITY_ERROR, code, pointer, at_key, hint, fmt, ap);
    va_end(ap);
}

/* Child pointer; on allocation failure the context remembers it and the
 * empty string is used so that parsing can unwind normally. */
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

static char *copy(fw_ctx *c, const char *s)
{
    char *p = dii_mem_strdup(s);
    if (s && !p)
        c->out_of_memory = 1;
    return p;
}

/* ---- typed member readers ---------------------------------------------- */

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Reports unknown members of obj; allowed is NULL-terminated. */
static void check_members(fw_ctx *c, const json_t *obj, const char *ptr,
                          const char *const *allowed, const char *what)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        int known = 0;
        for (size_t i = 0; allowed[i]; i++)
            known |= strcmp(allowed[i], key) == 0;
        if (known)
            continue;
        char *p = child(c, ptr, key);
        if (!p)
            return;
        char hint[256];
        size_t used = (size_t)snprintf(hint, sizeof hint, "allowed fields of %s:", what);
        for (size_t i = 0; allowed[i] && used < sizeof hint; i++)
            used += (size_t)snprintf(hint + used, sizeof hint - used, " %s", allowed[i]);
        report_hint(c, "unknown-field", p, 1, hint, "unknown field '%s' in %s", key, what);
        dii_mem_free(p);
    }
}

/* Fetches member key; reports "missing-field" when required and absent. */
static const json_t *member(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                            int required, const char *what)
{
    const json_t *v = json_object_get(obj, key);
    if (!v && required)
        report(c, "missing-field", ptr, "%s has no '%s' field", what, key);
    return v;
}

static void report_type(fw_ctx *c, const json_t *v, const char *ptr, const char *key,
                        const char *expected)
{
    char *p = child(c, ptr, key);
    if (p)
        report(c, "wrong-type", p, "'%s' must be %s, not %s", key, expected, json_type_name(v));
    dii_mem_free(p);
}

/* 1 when *out was set (absent optional members leave it untouched). */
static int read_string(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                       int required, const char *what, char **out)
{
    const json_t *v = member(c, obj, ptr, key, required, what);
    if (!v)
        return 0;
    if (!json_is_string(v)) {
        report_type(c, v, ptr, key, "a string");
        return 0;
    }
    *out = copy(c, json_string_value(v));
    return *out != NULL;
}

static int read_number(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                       int required, const char *what, double *out)
{
    const json_t *v = member(c, obj, ptr, key, required, what);
    if (!v)
        return 0;
    if (!json_is_number(v)) {
        report_type(c, v, ptr, key, "a number");
        return 0;
    }
    *out = json_number_value(v);
    return 1;
}

static int read_int(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                    int required, const char *what, int lo, int hi, int *out)
{
    const json_t *v = member(c, obj, ptr, key, required, what);
    if (!v)
        return 0;
    if (!json_is_integer(v)) {
        report_type(c, v, ptr, key, "an integer");
        return 0;
    }
    json_int_t n = json_integer_value(v);
    if (n < lo || n > hi) {
        char *p = child(c, ptr, key);
        if (p)
            report(c, "invalid-value", p, "'%s' must be between %d and %d, not %lld", key, lo,
                   hi, (long long)n);
        dii_mem_free(p);
        return 0;
    }
    *out = (int)n;
    return 1;
}

/* A number or a boolean (booleans as 1 / 0); *is_bool tells which. */
static int read_scalar(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                       const char *what, double *out, int *is_bool)
{
    const json_t *v = member(c, obj, ptr, key, 1, what);
    if (!v)
        return 0;
    if (json_is_boolean(v)) {
        *out = json_is_true(v) ? 1.0 : 0.0;
        *is_bool = 1;
        return 1;
    }
    if (!json_is_number(v)) {
        report_type(c, v, ptr, key, "a number or a boolean");
        return 0;
    }
    *out = json_number_value(v);
    *is_bool = 0;
    return 1;
}

static int read_bool(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                     const char *what, int *out)
{
    const json_t *v = member(c, obj, ptr, key, 0, what);
    if (!v)
        return 0;
    if (!json_is_boolean(v)) {
        report_type(c, v, ptr, key, "true or false");
        return 0;
    }
    *out = json_is_true(v);
    return 1;
}

/* {"vi": "...", "en": "..."}: at least one language. */
static void read_names(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                       int required, const char *what, char **vi, char **en)
{
    static const char *const langs[] = {"vi", "en", NULL};
    const json_t *v = member(c, obj, ptr, key, required, what);
    if (!v)
        return;
    if (!json_is_object(v)) {
        report_type(c, v, ptr, key, "an object {\"vi\": ..., \"en\": ...}");
        return;
    }
    char *p = child(c, ptr, key);
    if (!p)
        return;
    check_members(c, v, p, langs, key);
    read_string(c, v, p, "vi", 0, key, vi);
    read_string(c, v, p, "en", 0, key, en);
    if (!json_object_get(v, "vi") && !json_object_get(v, "en"))
        report(c, "missing-field", p, "'%s' needs a \"vi\" or an \"en\" text", key);
    dii_mem_free(p);
}

/* An enumeration given as a string; code names the diagnostic. */
static int read_enum(fw_ctx *c, const json_t *obj, const char *ptr, const char *key,
                     int required, const char *what, int (*lookup)(const char *),
                     const char *code, const char *choices, int *out)
{
    char *text = NULL;
    if (!read_string(c, obj, ptr, key, required, what, &text))
        return 0;
    int v = lookup(text);
    if (v < 0) {
        char *p = child(c, ptr, key);
        if (p)
            report_hint(c, code, p, 0, choices, "unknown %s '%s'", key, text);
        dii_mem_free(p);
    } else {
        *out = v;
    }
    dii_mem_free(text);
    return v >= 0;
}

/* ---- scoring ----------------------------------------------------------- */

static void read_bands(fw_ctx *c, const json_t *bands, const char *ptr,
                       struct dii_indicator *ind)
{
    static const char *const allowed[] = {"from", "score", NULL};
    if (!json_is_array(bands) || json_array_size(bands) == 0) {
        report(c, "wrong-type", ptr, "'bands' must be a non-empty array of {\"from\", \"score\"}");
        return;
    }
    ind->bands = dii_mem_calloc(json_array_size(bands), sizeof *ind->bands);
    if (!ind->bands) {
        c->out_of_memory = 1;
        return;
    }
    for (size_t i = 0; i < json_array_size(bands); i++) {
        const json_t *b = json_array_get(bands, i);
        char *p = child_index(c, ptr, i);
        if (!p)
            return;
        if (!json_is_object(b)) {
            report(c, "wrong-type", p, "a band must be an object, not %s", json_type_name(b));
        } else {
            dii_band *band = &ind->bands[ind->band_count++];
            check_members(c, b, p, allowed, "a band");
            read_number(c, b, p, "from", 1, "a band", &band->from);
            if (read_number(c, b, p, "score", 1, "a band", &band->score) &&
                !(band->score >= 0 && band->score <= 1))
                report(c, "invalid-value", p, "a band's score must be between 0 and 1");
        }
        dii_mem_free(p);
    }
}

/* Bands are listed best first: descending 'from' when higher is better,
 * ascending when lower is better, so the first band reached is the best. */
static void check_band_order(fw_ctx *c, const char *ptr, const struct dii_indicator *ind)
{
    for (size_t i = 1; i < ind->band_count; i++) {
        double prev = ind->bands[i - 1].from, cur = ind->bands[i].from;
        int ordered = ind->direction == DII_DIRECTION_HIGHER ? cur < prev : cur > prev;
        if (ordered)
            continue;
        char *p = child_index(c, ptr, i);
        if (p)
            report_hint(c, "bands-order", p, 0,
                        "list bands best first, each 'from' strictly beyond the next",
                        "band %zu is out of order for direction '%s'", i,
                        dii_direction_name(ind->direction));
        dii_mem_free(p);
    }
}

static void read_scoring(fw_ctx *c, const json_t *ind_obj, const char *ind_ptr,
                         struct dii_indicator *ind, int *method_ok)
{
    static const char *const base[] = {"method", NULL};
    static const char *const linear[] = {"method", "min", "max", NULL};
    static const char *const bands[] = {"method", "bands", NULL};
    static const char *const any[] = {"method", "min", "max", "bands", NULL};
    const json_t *s = member(c, ind_obj, ind_ptr, "scoring", 1, "an indicator");
    if (!s)
        return;
    if (!json_is_object(s)) {
        report_type(c, s, ind_ptr, "scoring", "an object {\"method\": ...}");
        return;
    }
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
        check_members(c, s, p, linear, "'scoring'");
        int have = read_number(c, s, p, "min", 1, "linear scoring", &ind->linear_min);
        have &= read_number(c, s, p, "max", 1, "linear scoring", &ind->linear_max);
        char both[DII_DOUBLE_TEXT_MAX];
        dii_format_double(ind->linear_min, both);
        if (have && ind->linear_min == ind->linear_max)
            report(c, "linear-range", p, "linear scoring needs min != max (both are %s)", both);
    } else if (*method_ok && ind->method == DII_METHOD_BANDS) {
        check_members(c, s, p, bands, "'scoring'");
        const json_t *b = member(c, s, p, "bands", 1, "bands scoring");
        char *bp = b ? child(c, p, "bands") : NULL;
        if (bp) {
            read_bands(c, b, bp, ind);
            check_band_order(c, bp, ind);
        }
        dii_mem_free(bp);
    } else if (*method_ok) {
        check_members(c, s, p, base, "'scoring'");
    } else {
        check_members(c, s, p, any, "'scoring'");
    }
    dii_mem_free(p);
}

/* ---- baseline and targets ---------------------------------------------- */

static void check_value_type(fw_ctx *c, const char *ptr, const struct dii_indicator *ind,
                             int is_bool, const char *what)
{
    int want_bool = ind->unit == DII_UNIT_BOOLEAN;
    if (!c->unit_known || is_bool == want_bool)
        return; /* an unknown unit is reported once, not at every value */
    char *p = child(c, ptr, "value");
    if (p)
        report(c, "target-type", p, "%s of %s indicator '%s' must be %s", what,
               want_bool ? "boolean" : "numeric", ind->id ? ind->id : "?",
               want_bool ? "true or false" : "a number");
    dii_mem_free(p);
}

static void read_baseline(fw_ctx *c, const json_t *obj, const char *ptr,
                          struct dii_indicator *ind)
{
    static const char *const allowed[] = {"year", "value", NULL};
    const json_t *b = member(c, obj, ptr, "baseline", 0, "an indicator");
    if (!b)
        return;
    if (!json_is_object(b)) {
        report_type(c, b, ptr, "baseline", "an object {\"year\", \"value\"}");
        return;
    }
    char *p = child(c, ptr, "baseline");
    if (!p)
        return;
    check_members(c, b, p, allowed, "'baseline'");
    int is_bool = 0;
    int ok = read_int(c, b, p, "year", 1, "'baseline'", DII_YEAR_MIN, DII_YEAR_MAX, &ind->baseline_year);
    if (read_scalar(c, b, p, "value", "'baseline'", &ind->baseline_value, &is_bool)) {
        check_value_type(c, p, ind, is_bool, "the baseline");
        ind->has_baseline = ok;
    }
    dii_mem_free(p);
}

static void read_target(fw_ctx *c, const json_t *t, const char *p, struct dii_indicator *ind)
{
    static const char *const allowed[] = {"year", "op", "value", NULL};
    if (!json_is_object(t)) {
        report(c, "wrong-type", p, "a target must be an object, not %s", json_type_name(t));
        return;
    }
    check_members(c, t, p, allowed, "a target");
    dii_target_def def = {0, DII_OP_GE, 0};
    int op = DII_OP_GE, is_bool = 0;
    int ok = read_int(c, t, p, "year", 1, "a target", DII_YEAR_MIN, DII_YEAR_MAX, &def.year);
    ok &= read_enum(c, t, p, "op", 1, "a target", dii_op_from_symbol, "unknown-op",
                    "ops: >= > <= < ==", &op);
    if (read_scalar(c, t, p, "value", "a target", &def.value, &is_bool))
        check_value_type(c, p, ind, is_bool, "a target");
    else
        ok = 0;
    def.op = (dii_op)op;
    for (size_t i = 0; ok && i < ind->target_count; i++)
        if (ind->targets[i].year == def.year) {
            char *yp = child(c, p, "year");
            if (yp)
                report(c, "duplicate-target-year", yp,
                       "indicator '%s' has two targets for %d", ind->id ? ind->id : "?",
                       def.year);
            dii_mem_free(yp);
            ok = 0;
        }
    if (ok)
        ind->targets[ind->target_count++] = def;
}

static int compare_target_year(const void *a, const void *b)
{
    const dii_target_def *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static void read_targets(fw_ctx *c, const json_t *obj, const char *ptr,
                         struct dii_indicator *ind)
{
    const json_t *ts = member(c, obj, ptr, "targets", 0, "an indicator");
    if (!ts)
        return;
    if (!json_is_array(ts)) {
        report_type(c, ts, ptr, "targets", "an array");
        return;
    }
    char *p = child(c, ptr, "targets");
    if (!p)
        return;
    ind->targets = dii_mem_calloc(json_array_size(ts) ? json_array_size(ts) : 1,
                                  sizeof *ind->targets);
    if (!ind->targets)
        c->out_of_memory = 1;
    for (size_t i = 0; ind->targets && i < json_array_size(ts); i++) {
        char *tp = child_index(c, p, i);
        if (tp)
            read_target(c, json_array_get(ts, i), tp, ind);
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
static void check_method_unit(fw_ctx *c, const char *ptr, const struct dii_indicator *ind)
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
    if (!problem)
        return;
    char *p = child(c, ptr, "scoring");
    if (p)
        report(c, "method-unit", p, "indicator '%s': %s", ind->id ? ind->id : "?", problem);
    dii_mem_free(p);
}

static void read_indicator(fw_ctx *c, const json_t *obj, const char *ptr,
                           struct dii_indicator *ind)
{
    static const char *const allowed[] = {"id", "code", "group", "name", "unit", "direction",
                                          "points", "scoring", "baseline", "targets",
                                          "provisional", "notes", NULL};
    const char *what = "an indicator";
    check_members(c, obj, ptr, allowed, what);
    if (read_string(c, obj, ptr, "id", 1, what, &ind->id) && !valid_indicator_id(ind->id)) {
        char *p = child(c, ptr, "id");
        if (p)
            report_hint(c, "invalid-value", p, 0, "use lower-case letters, digits and '_'",
                        "indicator id '%s' is not of the form [a-z0-9_]+", ind->id);
        dii_mem_free(p);
    }
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
        !(ind->points >= 0 && ind->points <= POINTS_MAX)) {
        char *p = child(c, ptr, "points");
        if (p)
            report(c, "invalid-value", p, "points must be between 0 and 1000000");
        dii_mem_free(p);
    }
    read_scoring(c, obj, ptr, ind, &method_ok);
    if (unit_ok && method_ok)
        check_method_unit(c, ptr, ind);
    c->unit_known = unit_ok;
    read_baseline(c, obj, ptr, ind);
    read_targets(c, obj, ptr, ind);
    /* Targets that were given but all rejected have their own errors. */
    const json_t *targets = json_object_get(obj, "targets");
    if (method_ok && ind->method == DII_METHOD_TARGET_RATIO && ind->target_count == 0 &&
        (!json_is_array(targets) || json_array_size(targets) == 0))
        report_hint(c, "missing-target", ptr, 0,
                    "add \"targets\" or choose a method that needs none",
                    "indicator '%s' is scored by target_ratio but has no targets",
                    ind->id ? ind->id : "?");
    read_bool(c, obj, ptr, "provisional", what, &ind->provisional);
    read_string(c, obj, ptr, "notes", 0, what, &ind->notes);
}

/* ---- groups ------------------------------------------------------------ */

static void read_group(fw_ctx *c, const json_t *obj, const char *ptr, struct dii_group *g,
                       double *declared_max, int *has_max)
{
    static const char *const allowed[] = {"id", "name", "max_points", NULL};
    check_members(c, obj, ptr, allowed, "a group");
    read_string(c, obj, ptr, "id", 1, "a group", &g->id);
    read_names(c, obj, ptr, "name", 1, "a group", &g->name_vi, &g->name_en);
    *has_max = read_number(c, obj, ptr, "max_points", 0, "a group", declared_max);
}

static int same_points(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* ---- whole-document checks --------------------------------------------- */

static void check_unique_ids(fw_ctx *c, struct dii_framework *fw)
{
    for (size_t i = 0; i < fw->indicator_count; i++) {
        const struct dii_indicator *a = &fw->indicators[i];
        for (size_t j = 0; j < i; j++) {
            const struct dii_indicator *b = &fw->indicators[j];
            char *p = NULL;
            if (a->id && b->id && strcmp(a->id, b->id) == 0) {
                p = child_index(c, "/indicators", i);
                char *ip = p ? child(c, p, "id") : NULL;
                if (ip)
                    report(c, "duplicate-id", ip, "indicator id '%s' is used twice (also by "
                           "indicator %zu)", a->id, j);
                dii_mem_free(ip);
            }
            if (a->code && b->code && strcmp(a->code, b->code) == 0) {
                if (!p)
                    p = child_index(c, "/indicators", i);
                char *cp = p ? child(c, p, "code") : NULL;
                if (cp)
                    report(c, "duplicate-code", cp, "indicator code '%s' is used twice (also "
                           "by '%s')", a->code, b->id ? b->id : "?");
                dii_mem_free(cp);
            }
            dii_mem_free(p);
        }
    }
}

static void check_unique_groups(fw_ctx *c, struct dii_framework *fw)
{
    for (size_t i = 0; i < fw->group_count; i++)
        for (size_t j = 0; j < i; j++) {
            if (!fw->groups[i].id || !fw->groups[j].id ||
                strcmp(fw->groups[i].id, fw->groups[j].id) != 0)
                continue;
            char *p = child_index(c, "/groups", i);
            char *ip = p ? child(c, p, "id") : NULL;
            if (ip)
                report(c, "duplicate-id", ip, "group id '%s' is used twice", fw->groups[i].id);
            dii_mem_free(ip);
            dii_mem_free(p);
        }
}

static long find_group(const struct dii_framework *fw, const char *id)
{
    for (size_t i = 0; id && i < fw->group_count; i++)
        if (fw->groups[i].id && strcmp(fw->groups[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* Links each indicator to its group and adds up the group maxima. */
static void link_groups(fw_ctx *c, struct dii_framework *fw)
{
    for (size_t i = 0; i < fw->indicator_count; i++) {
        struct dii_indicator *ind = &fw->indicators[i];
        ind->index = i;
        long g = find_group(fw, ind->group_id);
        if (g < 0) {
            if (!ind->group_id)
                continue;
            char *p = child_index(c, "/indicators", i);
            char *gp = p ? child(c, p, "group") : NULL;
            if (gp)
                report(c, "unknown-group", gp, "indicator '%s' names group '%s', which is "
                       "not in \"groups\"", ind->id ? ind->id : "?", ind->group_id);
            dii_mem_free(gp);
            dii_mem_free(p);
            continue;
        }
        ind->group_index = (size_t)g;
        fw->groups[g].max_points += ind->points;
        fw->groups[g].indicator_count++;
        fw->max_points += ind->points;
    }
}

static void check_group_maxima(fw_ctx *c, struct dii_framework *fw, const double *declared,
                               const int *has_declared)
{
    for (size_t g = 0; g < fw->group_count; g++) {
        if (!has_declared[g] || same_points(declared[g], fw->groups[g].max_points))
            continue;
        char *p = child_index(c, "/groups", g);
        char *mp = p ? child(c, p, "max_points") : NULL;
        char want[DII_DOUBLE_TEXT_MAX], sum[DII_DOUBLE_TEXT_MAX];
        dii_format_double(declared[g], want);
        dii_format_double(fw->groups[g].max_points, sum);
        if (mp)
            report(c, "max-points-mismatch", mp, "group '%s' declares max_points %s but its "
                   "indicators add up to %s", fw->groups[g].id ? fw->groups[g].id : "?",
                   want, sum);
        dii_mem_free(mp);
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

static const json_t *array_member(fw_ctx *c, const json_t *root, const char *key)
{
    const json_t *a = member(c, root, "", key, 1, "the framework");
    if (a && (!json_is_array(a) || json_array_size(a) == 0)) {
        report_type(c, a, "", key, "a non-empty array");
        return NULL;
    }
    return a;
}

/* Reads the groups; declared[g] / has_declared[g] receive each group's
 * "max_points" for the later check against its indicators' sum. */
static void read_groups(fw_ctx *c, const json_t *root, struct dii_framework *fw,
                        double **declared, int **has_declared)
{
    const json_t *gs = array_member(c, root, "groups");
    if (!gs)
        return;
    size_t n = json_array_size(gs);
    fw->groups = dii_mem_calloc(n, sizeof *fw->groups);
    *declared = dii_mem_calloc(n, sizeof **declared);
    *has_declared = dii_mem_calloc(n, sizeof **has_declared);
    if (!fw->groups || !*declared || !*has_declared) {
        c->out_of_memory = 1;
        return;
    }
    fw->group_count = n;
    for (size_t i = 0; i < n; i++) {
        const json_t *g = json_array_get(gs, i);
        char *p = child_index(c, "/groups", i);
        if (p && json_is_object(g))
            read_group(c, g, p, &fw->groups[i], &(*declared)[i], &(*has_declared)[i]);
        else if (p)
            report(c, "wrong-type", p, "a group must be an object, not %s", json_type_name(g));
        dii_mem_free(p);
    }
    check_unique_groups(c, fw);
}

static void read_indicators(fw_ctx *c, const json_t *root, struct dii_framework *fw)
{
    const json_t *is = array_member(c, root, "indicators");
    if (!is)
        return;
    size_t n = json_array_size(is);
    fw->indicators = dii_mem_calloc(n, sizeof *fw->indicators);
    if (!fw->indicators) {
        c->out_of_memory = 1;
        return;
    }
    fw->indicator_count = n;
    for (size_t i = 0; i < n && !c->out_of_memory; i++) {
        const json_t *ind = json_array_get(is, i);
        char *p = child_index(c, "/indicators", i);
        if (p && json_is_object(ind))
            read_indicator(c, ind, p, &fw->indicators[i]);
        else if (p)
            report(c, "wrong-type", p, "an indicator must be an object, not %s",
                   json_type_name(ind));
        dii_mem_free(p);
    }
    check_unique_ids(c, fw);
}

/* ---- the document ------------------------------------------------------ */

static void read_header(fw_ctx *c, const json_t *root, struct dii_framework *fw)
{
    static const char *const allowed[] = {"format", "id", "version", "title", "source",
                                          "status", "missing", "rank_decimals", "groups",
                                          "indicators", NULL};
    const char *what = "the framework";
    check_members(c, root, "", allowed, what);
    char *format = NULL;
    if (read_string(c, root, "", "format", 1, what, &format) &&
        strcmp(format, FRAMEWORK_FORMAT) != 0)
        report_hint(c, "unsupported-format", "/format", 0, "this library reads " FRAMEWORK_FORMAT,
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

static void read_document(fw_ctx *c, const json_t *root, struct dii_framework *fw)
{
    double *declared = NULL;
    int *has_declared = NULL;
    read_header(c, root, fw);
    read_groups(c, root, fw, &declared, &has_declared);
    read_indicators(c, root, fw);
    if (!c->out_of_memory) {
        link_groups(c, fw);
        if (declared && has_declared)
            check_group_maxima(c, fw, declared, has_declared);
        compute_years(fw);
    }
    dii_mem_free(declared);
    dii_mem_free(has_declared);
}


dii_status dii_parse_framework(const char *data, size_t len, const char *file,
                               struct dii_framework **out, dii_diagnostics *diags)
{
    fw_ctx c = {file, NULL, diags, 0, 0};
    *out = NULL;
    /* The same encoding rules as submissions: jansson would take a NUL byte
     * as the end of a number and the locator would then disagree with it. */
    size_t bad = dii_utf8_check(data, len, file, diags);
    if (bad == (size_t)-1)
        return dii_fail_nomem();
    if (bad > 0)
        return dii_fail(DII_ERR_PARSE, "%s: the framework is not valid UTF-8 text",
                        file ? file : "<memory>");
    json_error_t err;
    json_t *root = json_loadb(data, len, 0, &err);
    if (!root) {
        if (dii_json_report_syntax(data, len, 1, file, &err, diags) != DII_OK)
            return dii_fail_nomem();
        const struct dii_diagnostic *d = &diags->items[diags->count - 1];
        return dii_fail(DII_ERR_PARSE, "%s:%lu:%lu: %s", file ? file : "<memory>", d->line,
                        d->column, d->message);
    }
    struct dii_framework *fw = dii_mem_calloc(1, sizeof *fw);
    dii_status st = fw ? json_locator_build(data, len, 1, 1, "", &c.locator) : DII_ERR_NO_MEMORY;
    if (st != DII_OK) {
        json_decref(root);
        dii_mem_free(fw);
        if (st == DII_ERR_NO_MEMORY)
            return dii_fail_nomem();
        /* jansson accepted what the locator could not scan: never silent. */
        dii_loc at = {1, 1, NULL};
        if (dii_diag_add(diags, DII_SEVERITY_ERROR, "syntax", file, &at, NULL, "%s",
                         dii_last_error()) != DII_OK)
            return dii_fail_nomem();
        return DII_ERR_PARSE;
    }
    if (json_is_object(root))
        read_document(&c, root, fw);
    else
        report(&c, "wrong-type", "", "a framework must be a JSON object, not %s",
               json_type_name(root));
    for (size_t i = 0; i < json_locator_duplicate_count(c.locator); i++) {
        const json_duplicate *d = json_locator_duplicate(c.locator, i);
        dii_loc loc = {d->line, d->column, d->pointer};
        if (dii_diag_add(diags, DII_SEVERITY_ERROR, "duplicate-field", file, &loc, NULL,
                         "'%s' is given twice; only one value is allowed", d->pointer) != DII_OK)
            c.out_of_memory = 1;
    }
    json_locator_free(c.locator);
    json_decref(root);
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
