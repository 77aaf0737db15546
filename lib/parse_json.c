/* Submissions from JSON (one submission or a "dii-submissions/1" batch) and
 * from JSON Lines (one submission per line).
 *
 * jansson builds the tree; the locator (json_locate.c) supplies the line,
 * column and pointer of every member, which jansson does not keep. Problems
 * of shape never stop the parse: a submission with a bad field is still
 * built, with the field left empty, so that validation sees every value and
 * the user gets every problem in one run. */
#include <jansson.h>
#include <limits.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "json_locate.h"
#include "json_syntax.h"
#include "parse.h"
#include "strbuf.h"
#include "suggest.h"
#include "textpos.h"

#define FORMAT_ONE "dii-submission/1"
#define FORMAT_BATCH "dii-submissions/1"
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const submission_fields[] = {"format", "framework", "unit",
                                                "year",   "values",    "sources"};
static const char *const unit_fields[] = {"id", "name"};
static const char *const batch_fields[] = {"format", "submissions"};

typedef struct json_ctx {
    const char *file;
    dii_diagnostics *diags;
    struct dii_submissions *subs;
    const json_locator *loc;
} json_ctx;

/* ------------------------------------------------------------------------ */
/* Locations and reports                                                     */
/* ------------------------------------------------------------------------ */

static dii_loc value_loc(const json_ctx *c, const char *pointer)
{
    json_position p = {0, 0, 0, 0};
    json_locator_find(c->loc, pointer, &p);
    return (dii_loc){p.line, p.column, pointer};
}

/* Unknown and repeated members are about the key the user typed. */
static dii_loc key_loc(const json_ctx *c, const char *pointer)
{
    json_position p = {0, 0, 0, 0};
    json_locator_find(c->loc, pointer, &p);
    if (p.key_line == 0)
        return (dii_loc){p.line, p.column, pointer};
    return (dii_loc){p.key_line, p.key_column, pointer};
}

/* Type names for "must be X, not Y" messages. */
static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* "wrong-type" for member `name` of the object at base. */
static dii_status report_wrong_type(json_ctx *c, const char *base, const char *name,
                                    const json_t *value, const char *wanted, const char *hint)
{
    char *pointer = dii_pointer_join(base, name);
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, pointer);
    dii_status st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, &loc, hint,
                                 "\"%s\" must be %s, not %s", name, wanted, type_name(value));
    dii_mem_free(pointer);
    return st;
}

/* "missing-field" located at the object that lacks the member. */
static dii_status report_missing(json_ctx *c, const char *object_pointer, const char *what,
                                 const char *name, const char *hint)
{
    dii_loc loc = value_loc(c, object_pointer);
    return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "missing-field", c->file, &loc, hint,
                        "%s has no \"%s\"", what, name);
}

/* A hint naming the field probably meant, or else all allowed fields. */
static char *unknown_field_hint(const char *key, const char *const *allowed, size_t n)
{
    const char *best = NULL;
    if (dii_suggest_among(key, allowed, n, &best) != DII_OK)
        return NULL;
    strbuf sb;
    sb_init(&sb);
    if (best != NULL) {
        sb_printf(&sb, "did you mean '%s'?", best);
    } else {
        sb_puts(&sb, "allowed fields: ");
        for (size_t i = 0; i < n; i++)
            sb_printf(&sb, "%s%s", i ? ", " : "", allowed[i]);
    }
    return sb_take(&sb, NULL);
}

static int is_allowed(const char *key, const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, allowed[i]) == 0)
            return 1;
    return 0;
}

/* Unknown members are warnings: a newer writer may add fields that this
 * version can safely ignore. */
static dii_status check_unknown_fields(json_ctx *c, json_t *obj, const char *base,
                                       const char *const *allowed, size_t n, const char *where)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        if (is_allowed(key, allowed, n))
            continue;
        char *pointer = dii_pointer_join(base, key);
        char *hint = unknown_field_hint(key, allowed, n);
        dii_status st = DII_ERR_NO_MEMORY;
        if (pointer != NULL && hint != NULL) {
            dii_loc loc = key_loc(c, pointer);
            st = dii_diag_add(c->diags, DII_SEVERITY_WARNING, "unknown-field", c->file, &loc,
                              hint, "unknown field '%s' in %s", key, where);
        }
        dii_mem_free(hint);
        dii_mem_free(pointer);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* "format"                                                                  */
/* ------------------------------------------------------------------------ */

/* Checks "format" of a submission (batch = 0) or batch (batch = 1). Sets
 * *stop when the object is in a format this parser does not know: reading
 * it as a submission would only bury the one real problem in noise. The
 * other libdii format is a slip worth reporting but not a reason to stop. */
static dii_status check_format(json_ctx *c, json_t *obj, const char *base, int batch, int *stop)
{
    *stop = 0;
    json_t *f = json_object_get(obj, "format");
    const char *expected = batch ? FORMAT_BATCH : FORMAT_ONE;
    if (f == NULL)
        return batch ? report_missing(c, base, "a batch of submissions", "format",
                                      "add \"format\": \"" FORMAT_BATCH "\"")
                     : DII_OK;
    if (!json_is_string(f))
        return report_wrong_type(c, base, "format", f, "a string", NULL);
    const char *text = json_string_value(f);
    if (strcmp(text, expected) == 0)
        return DII_OK;
    *stop = strcmp(text, batch ? FORMAT_ONE : FORMAT_BATCH) != 0;
    const char *hint =
        batch ? "an object with a \"submissions\" array is a batch: \"format\": \"" FORMAT_BATCH
                "\""
              : "one submission has \"format\": \"" FORMAT_ONE
                "\"; a batch lists them in a \"submissions\" array";
    char *pointer = dii_pointer_join(base, "format");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, pointer);
    dii_status st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "unsupported-format", c->file,
                                 &loc, hint, "unsupported format '%s' (expected '%s')", text,
                                 expected);
    dii_mem_free(pointer);
    return st;
}

/* ------------------------------------------------------------------------ */
/* The fields of one submission                                              */
/* ------------------------------------------------------------------------ */

static dii_status parse_framework(json_ctx *c, struct dii_submission *sub, json_t *obj,
                                  const char *base)
{
    json_t *f = json_object_get(obj, "framework");
    if (f == NULL)
        return DII_OK;
    char *pointer = dii_pointer_join(base, "framework");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, pointer);
    dii_mem_free(pointer);
    sub->framework_line = loc.line;
    sub->framework_column = loc.column;
    if (!json_is_string(f))
        return report_wrong_type(c, base, "framework", f, "a string (a framework id)", NULL);
    sub->framework = dii_mem_strdup(json_string_value(f));
    return sub->framework ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status parse_unit_id(json_ctx *c, struct dii_submission *sub, json_t *unit,
                                const char *unit_pointer)
{
    json_t *id = json_object_get(unit, "id");
    if (id == NULL)
        return report_missing(c, unit_pointer, "\"unit\"", "id",
                              "add the unit's id, e.g. \"id\": \"11\"");
    if (!json_is_string(id))
        return report_wrong_type(c, unit_pointer, "id", id, "a string",
                                 "write the id in quotes, e.g. \"id\": \"11\"");
    if (json_string_length(id) == 0) {
        char *pointer = dii_pointer_join(unit_pointer, "id");
        if (pointer == NULL)
            return DII_ERR_NO_MEMORY;
        dii_loc loc = value_loc(c, pointer);
        dii_status st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "missing-field", c->file,
                                     &loc, NULL, "\"unit\" has an empty \"id\"");
        dii_mem_free(pointer);
        return st;
    }
    sub->unit_id = dii_mem_strdup(json_string_value(id));
    return sub->unit_id ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status parse_unit_fields(json_ctx *c, struct dii_submission *sub, json_t *unit,
                                    const char *unit_pointer)
{
    dii_status st = check_unknown_fields(c, unit, unit_pointer, unit_fields,
                                         COUNT_OF(unit_fields), "\"unit\"");
    if (st == DII_OK)
        st = parse_unit_id(c, sub, unit, unit_pointer);
    json_t *name = json_object_get(unit, "name");
    if (st != DII_OK || name == NULL || json_is_null(name))
        return st;
    if (!json_is_string(name))
        return report_wrong_type(c, unit_pointer, "name", name, "a string", NULL);
    sub->unit_name = dii_mem_strdup(json_string_value(name));
    return sub->unit_name ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status parse_unit(json_ctx *c, struct dii_submission *sub, json_t *obj,
                             const char *base)
{
    json_t *unit = json_object_get(obj, "unit");
    if (unit == NULL)
        return report_missing(c, base, "the submission", "unit",
                              "add \"unit\": {\"id\": \"...\", \"name\": \"...\"}");
    if (!json_is_object(unit))
        return report_wrong_type(c, base, "unit", unit, "an object with \"id\" and \"name\"",
                                 NULL);
    char *unit_pointer = dii_pointer_join(base, "unit");
    if (unit_pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_status st = parse_unit_fields(c, sub, unit, unit_pointer);
    dii_mem_free(unit_pointer);
    return st;
}

static dii_status year_value(json_ctx *c, struct dii_submission *sub, const char *base,
                             json_t *year, const dii_loc *loc)
{
    if (!json_is_integer(year))
        return report_wrong_type(c, base, "year", year, "an integer",
                                 json_is_string(year) || json_is_real(year)
                                     ? "write the year as a plain number, e.g. 2024"
                                     : NULL);
    json_int_t y = json_integer_value(year);
    if (y < INT_MIN || y > INT_MAX)
        return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, loc, NULL,
                            "year %" JSON_INTEGER_FORMAT " is not a usable year", y);
    sub->year = (int)y;
    sub->year_valid = 1;
    return DII_OK;
}

static dii_status parse_year(json_ctx *c, struct dii_submission *sub, json_t *obj,
                             const char *base)
{
    json_t *year = json_object_get(obj, "year");
    if (year == NULL)
        return report_missing(c, base, "the submission", "year", "add e.g. \"year\": 2024");
    char *pointer = dii_pointer_join(base, "year");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, pointer);
    sub->year_line = loc.line;
    sub->year_column = loc.column;
    dii_status st = year_value(c, sub, base, year, &loc);
    dii_mem_free(pointer);
    return st;
}

/* What the validator prints after "got": the JSON type, with the text of a
 * string since a quoted number ("67.4") is the usual mistake. */
static char *invalid_value_text(const json_t *v)
{
    if (!json_is_string(v))
        return dii_mem_strdup(json_is_array(v) ? "array" : "object");
    strbuf sb;
    sb_init(&sb);
    sb_puts(&sb, "string ");
    sb_put_json_string(&sb, json_string_value(v));
    return sb_take(&sb, NULL);
}

static dii_status set_value(dii_value_entry *e, const json_t *v)
{
    if (json_is_number(v)) {
        e->kind = DII_VALUE_NUMBER;
        e->number = json_number_value(v);
    } else if (json_is_boolean(v)) {
        e->kind = DII_VALUE_BOOLEAN;
        e->number = json_is_true(v) ? 1 : 0;
    } else if (json_is_null(v)) {
        e->kind = DII_VALUE_MISSING;
    } else {
        e->kind = DII_VALUE_INVALID;
        e->text = invalid_value_text(v);
        if (e->text == NULL)
            return DII_ERR_NO_MEMORY;
    }
    return DII_OK;
}

static dii_status add_value(json_ctx *c, struct dii_submission *sub, const char *values_pointer,
                            const char *key, const json_t *v)
{
    dii_value_entry *e = dii_submission_append_value(sub);
    if (e == NULL)
        return DII_ERR_NO_MEMORY;
    e->indicator = dii_mem_strdup(key);
    e->pointer = dii_pointer_join(values_pointer, key);
    if (e->indicator == NULL || e->pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, e->pointer);
    e->line = loc.line;
    e->column = loc.column;
    dii_loc id_loc = key_loc(c, e->pointer);
    e->key_line = id_loc.line;
    e->key_column = id_loc.column;
    return set_value(e, v);
}

static dii_status parse_values(json_ctx *c, struct dii_submission *sub, json_t *obj,
                               const char *base)
{
    json_t *values = json_object_get(obj, "values");
    if (values == NULL)
        return report_missing(c, base, "the submission", "values",
                              "add \"values\": {\"indicator_id\": number, ...}");
    if (!json_is_object(values))
        return report_wrong_type(c, base, "values", values,
                                 "an object of indicator ids and values", NULL);
    char *values_pointer = dii_pointer_join(base, "values");
    if (values_pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_status st = DII_OK;
    const char *key;
    json_t *v;
    json_object_foreach(values, key, v) {
        st = add_value(c, sub, values_pointer, key, v);
        if (st != DII_OK)
            break;
    }
    dii_mem_free(values_pointer);
    return st;
}

static dii_status check_source_types(json_ctx *c, json_t *sources, const char *sources_pointer)
{
    const char *key;
    json_t *v;
    json_object_foreach(sources, key, v) {
        if (json_is_string(v) || json_is_null(v))
            continue;
        dii_status st = report_wrong_type(c, sources_pointer, key, v, "a string", NULL);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

/* A source may name an indicator that has no value: that is not an error,
 * the source simply has nothing to attach to. */
static dii_status parse_sources(json_ctx *c, struct dii_submission *sub, json_t *obj,
                                const char *base)
{
    json_t *sources = json_object_get(obj, "sources");
    if (sources == NULL || json_is_null(sources))
        return DII_OK;
    if (!json_is_object(sources))
        return report_wrong_type(c, base, "sources", sources,
                                 "an object of indicator ids and texts", NULL);
    char *sources_pointer = dii_pointer_join(base, "sources");
    if (sources_pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_status st = check_source_types(c, sources, sources_pointer);
    dii_mem_free(sources_pointer);
    for (size_t i = 0; st == DII_OK && i < sub->value_count; i++) {
        json_t *s = json_object_get(sources, sub->values[i].indicator);
        if (!json_is_string(s))
            continue;
        sub->values[i].source = dii_mem_strdup(json_string_value(s));
        if (sub->values[i].source == NULL)
            st = DII_ERR_NO_MEMORY;
    }
    return st;
}

static dii_status parse_fields(json_ctx *c, struct dii_submission *sub, json_t *obj,
                               const char *base)
{
    dii_status st = check_unknown_fields(c, obj, base, submission_fields,
                                         COUNT_OF(submission_fields), "a submission");
    if (st == DII_OK)
        st = parse_framework(c, sub, obj, base);
    if (st == DII_OK)
        st = parse_unit(c, sub, obj, base);
    if (st == DII_OK)
        st = parse_year(c, sub, obj, base);
    if (st == DII_OK)
        st = parse_values(c, sub, obj, base);
    if (st == DII_OK)
        st = parse_sources(c, sub, obj, base);
    if (st == DII_OK && sub->unit_id == NULL) {
        sub->unit_id = dii_mem_strdup("");
        if (sub->unit_id == NULL)
            st = DII_ERR_NO_MEMORY;
    }
    return st;
}

/* One submission object at pointer base ("" or "/submissions/<i>"). */
static dii_status parse_submission(json_ctx *c, json_t *obj, const char *base)
{
    int stop;
    dii_status st = check_format(c, obj, base, 0, &stop);
    if (st != DII_OK || stop)
        return st;
    struct dii_submission *sub = dii_submissions_append(c->subs);
    if (sub == NULL)
        return DII_ERR_NO_MEMORY;
    sub->pointer = dii_mem_strdup(base);
    if (sub->pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(c, base);
    sub->line = loc.line;
    sub->column = loc.column;
    /* Until a field says otherwise, point year / framework problems at the
     * submission itself. */
    sub->year_line = sub->framework_line = loc.line;
    sub->year_column = sub->framework_column = loc.column;
    return parse_fields(c, sub, obj, base);
}

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */
/* ------------------------------------------------------------------------ */

static dii_status parse_batch_items(json_ctx *c, json_t *list)
{
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        char *pointer = dii_pointer_join_index("/submissions", i);
        if (pointer == NULL)
            return DII_ERR_NO_MEMORY;
        dii_status st;
        if (json_is_object(item)) {
            st = parse_submission(c, item, pointer);
        } else {
            dii_loc loc = value_loc(c, pointer);
            st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, &loc, NULL,
                              "submission %zu must be an object, not %s", i, type_name(item));
        }
        dii_mem_free(pointer);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

static dii_status parse_batch(json_ctx *c, json_t *root)
{
    int stop;
    dii_status st = check_format(c, root, "", 1, &stop);
    if (st != DII_OK || stop)
        return st;
    st = check_unknown_fields(c, root, "", batch_fields, COUNT_OF(batch_fields),
                              "a batch of submissions");
    if (st != DII_OK)
        return st;
    json_t *list = json_object_get(root, "submissions");
    if (!json_is_array(list))
        return report_wrong_type(c, "", "submissions", list, "an array of submissions", NULL);
    return parse_batch_items(c, list);
}

static dii_status report_not_object(json_ctx *c, const json_t *root, const char *what)
{
    dii_loc loc = value_loc(c, "");
    return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, &loc,
                        "write one submission object, or a batch {\"format\": \"" FORMAT_BATCH
                        "\", \"submissions\": [...]}",
                        "%s must be a JSON object, not %s", what, type_name(root));
}

/* ------------------------------------------------------------------------ */
/* Duplicate keys (jansson keeps the last silently; the locator saw both)    */
/* ------------------------------------------------------------------------ */

/* The last reference token of pointer, unescaped (~1 -> '/', ~0 -> '~'). */
static char *last_token(const char *pointer)
{
    const char *slash = strrchr(pointer, '/');
    const char *t = slash ? slash + 1 : pointer;
    char *out = dii_mem_alloc(strlen(t) + 1);
    if (out == NULL)
        return NULL;
    char *w = out;
    for (; *t != '\0'; t++) {
        if (t[0] == '~' && (t[1] == '0' || t[1] == '1')) {
            *w++ = t[1] == '0' ? '~' : '/';
            t++;
        } else {
            *w++ = *t;
        }
    }
    *w = '\0';
    return out;
}

static int is_submission_pointer(const char *p, size_t n, int batch)
{
    static const char prefix[] = "/submissions/";
    size_t plen = sizeof prefix - 1;
    if (n == 0)
        return !batch;
    if (!batch || n <= plen || strncmp(p, prefix, plen) != 0)
        return 0;
    for (size_t i = plen; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

/* Which member of a submission ("values" or "sources") holds the duplicate
 * at pointer, or NULL when it is elsewhere. */
static const char *duplicate_container(const char *pointer, int batch)
{
    static const char *const names[] = {"values", "sources"};
    const char *slash = strrchr(pointer, '/');
    size_t parent = slash ? (size_t)(slash - pointer) : 0;
    for (size_t k = 0; k < COUNT_OF(names); k++) {
        size_t n = strlen(names[k]);
        if (parent < n + 1 || pointer[parent - n - 1] != '/' ||
            strncmp(pointer + parent - n, names[k], n) != 0)
            continue;
        if (is_submission_pointer(pointer, parent - n - 1, batch))
            return names[k];
    }
    return NULL;
}

static dii_status report_duplicate(json_ctx *c, const json_duplicate *d, int batch)
{
    char *key = last_token(d->pointer);
    if (key == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = {d->line, d->column, d->pointer};
    const char *container = duplicate_container(d->pointer, batch);
    dii_status st;
    if (container != NULL)
        st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "duplicate-value", c->file, &loc,
                          "give each indicator once",
                          "indicator '%s' appears more than once in \"%s\"; only the last "
                          "one would be used",
                          key, container);
    else
        st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "duplicate-field", c->file, &loc,
                          "give each field once",
                          "field '%s' appears more than once; only the last one would be used",
                          key);
    dii_mem_free(key);
    return st;
}

static dii_status report_duplicates(json_ctx *c, int batch)
{
    for (size_t i = 0; i < json_locator_duplicate_count(c->loc); i++) {
        dii_status st = report_duplicate(c, json_locator_duplicate(c->loc, i), batch);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Syntax errors                                                             */
/* ------------------------------------------------------------------------ */

/* Parses text with jansson and builds its locator; DII_ERR_PARSE (with a
 * diagnostic) when the text is not JSON. */
static dii_status load_tree(const char *text, size_t len, unsigned long first_line,
                            const char *file, dii_diagnostics *diags, json_t **root,
                            json_locator **loc)
{
    json_error_t err;
    *root = json_loadb(text, len, 0, &err);
    if (*root == NULL) {
        dii_status st = dii_json_report_syntax(text, len, first_line, file, &err, diags);
        return st == DII_OK ? DII_ERR_PARSE : st;
    }
    dii_status st = json_locator_build(text, len, first_line, 1, "", loc);
    if (st == DII_ERR_PARSE) {
        /* jansson accepted what the locator could not scan: a bug, but
         * one that must surface as a located error, not a crash. */
        dii_loc at = {first_line, 1, NULL};
        dii_status added = dii_diag_add(diags, DII_SEVERITY_ERROR, "syntax", file, &at, NULL,
                                        "%s", dii_last_error());
        st = added == DII_OK ? DII_ERR_PARSE : added;
    }
    if (st != DII_OK) {
        json_decref(*root);
        *root = NULL;
    }
    return st;
}

static dii_status finish(dii_status st)
{
    return st == DII_ERR_NO_MEMORY ? dii_fail_nomem() : st;
}

dii_status dii_parse_submissions_json(const char *data, size_t len, const char *file,
                                      struct dii_submissions *subs, dii_diagnostics *diags)
{
    json_t *root;
    json_locator *loc;
    dii_status st = load_tree(data, len, 1, file, diags, &root, &loc);
    if (st != DII_OK)
        return finish(st);
    json_ctx c = {file, diags, subs, loc};
    int batch = json_is_object(root) && json_object_get(root, "submissions") != NULL;
    if (!json_is_object(root))
        st = report_not_object(&c, root, "a submissions document");
    else if (batch)
        st = parse_batch(&c, root);
    else
        st = parse_submission(&c, root, "");
    if (st == DII_OK)
        st = report_duplicates(&c, batch);
    json_locator_free(loc);
    json_decref(root);
    return finish(st);
}

/* ------------------------------------------------------------------------ */
/* JSON Lines                                                                */
/* ------------------------------------------------------------------------ */

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* One non-blank line: a syntax error there is reported and the caller goes
 * on with the next line, so one bad line does not hide the others. */
static dii_status parse_line(const char *text, size_t len, unsigned long line_no,
                             const char *file, struct dii_submissions *subs,
                             dii_diagnostics *diags)
{
    json_t *root;
    json_locator *loc;
    dii_status st = load_tree(text, len, line_no, file, diags, &root, &loc);
    if (st != DII_OK)
        return st;
    json_ctx c = {file, diags, subs, loc};
    if (json_is_object(root))
        st = parse_submission(&c, root, "");
    else
        st = report_not_object(&c, root, "each line of a JSON Lines file");
    if (st == DII_OK)
        st = report_duplicates(&c, 0);
    json_locator_free(loc);
    json_decref(root);
    return st;
}

/* Length of the line starting at start, without its line end, and in *next
 * where the following line starts (same line-end rule as textpos.h). */
static size_t line_length(const char *data, size_t len, size_t start, size_t *next)
{
    size_t end = start;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    *next = end;
    if (end < len)
        *next = (data[end] == '\r' && end + 1 < len && data[end + 1] == '\n') ? end + 2 : end + 1;
    return end - start;
}

dii_status dii_parse_submissions_jsonl(const char *data, size_t len, const char *file,
                                       struct dii_submissions *subs, dii_diagnostics *diags)
{
    dii_status result = DII_OK;
    unsigned long line_no = 1;
    for (size_t start = 0; start < len; line_no++) {
        size_t next;
        size_t n = line_length(data, len, start, &next);
        if (!is_blank(data + start, n)) {
            dii_status st = parse_line(data + start, n, line_no, file, subs, diags);
            if (st == DII_ERR_NO_MEMORY)
                return finish(st);
            if (st != DII_OK)
                result = st;
        }
        start = next;
    }
    return result;
}
