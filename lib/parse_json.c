/* Submissions from JSON (one submission or a "dii-submissions/1" batch) and
 * from JSON Lines (one submission per line).
 *
 * json_dom.c reads the text into a tree whose every node knows its line and
 * column (and its key's); this file checks the tree's shape and builds the
 * model. Problems of shape never stop the parse: a submission with a bad
 * field is still built, with the field left empty, so that validation sees
 * every value and the user gets every problem in one run.
 *
 * JSON Pointers are built only where they are kept: in a diagnostic, and
 * in each submission (validation builds its values' pointers from it). */
#include <stdint.h>
#include <limits.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "json_dom.h"
#include "json_members.h"
#include "parse.h"
#include "strbuf.h"
#include "suggest.h"

#define FORMAT_ONE "dii-submission/1"
#define FORMAT_BATCH "dii-submissions/1"

static const char *const submission_fields[] = {"format", "framework", "unit",
                                                "year",   "values",    "sources"};
static const char *const unit_fields[] = {"id", "name"};
static const char *const batch_fields[] = {"format", "submissions"};
/* What editors add to point at a JSON Schema (data/schema): allowed in a
 * submission and a batch, as a string, and otherwise ignored; not offered
 * in "allowed fields" hints, which are about the format's own fields. */
#define SCHEMA_MEMBER "$schema"

/* The entries of one "values" object, built as its members are read (the
 * parser streams them: see keep_container) until its submission takes
 * them. Only objects with members get one. */
typedef struct streamed_values {
    unsigned long line, column; /* the object's '{' */
    dii_value_entry *entries;
    size_t count, cap;
} streamed_values;

/* Per pooled indicator id: the streamed_values (1 + index) whose object
 * last gave it, and its entry there: finds a repeated indicator in O(1). */
typedef struct id_seen {
    uint32_t values;
    uint32_t entry;
} id_seen;

typedef struct json_ctx {
    const char *file;
    dii_diagnostics *diags;
    struct dii_submissions *subs;
    const dii_limits *limits;
    int limit_crossed; /* reading stops: nothing after a limit is looked at */
    int lines;         /* JSON Lines: every root is one submission, never a batch */
    size_t batch_objects; /* objects met so far in a batch's "submissions" */
    size_t refused_index; /* the index there of the one refused as too many */
    streamed_values *streamed; /* in document order */
    size_t streamed_count, streamed_cap;
    size_t streamed_next; /* the first one no submission has looked at */
    size_t serial_base;   /* streamed_values dropped once taken: see store_value */
    id_seen *seen;        /* by pooled id */
    size_t seen_cap;
    /* A batch's "submissions" list streamed (see list_may_stream): each
     * element is read as soon as it is complete, then dropped. */
    int list_streamed;    /* the parser was told to stream it */
    size_t list_handed;   /* elements handed over so far, of the list being read */
    /* A list the first reading could not stream is skipped, and the text
     * read a second time (see read_again): */
    int list_skipped;     /* the first reading skipped a list */
    int second_pass;      /* this is the second reading: every list streamed */
    const jdom_node *first_root; /* the first reading's root (NULL if it failed) */
    unsigned long list_line, list_column; /* the "submissions" the root keeps */
    int prelude_done;     /* the root's checks ran before the first element */
    int items_on;         /* ... and said the elements are read */
    dii_diag_mark mark;   /* the diagnostics and ... */
    size_t first_sub;     /* ... submissions before this parse: see undo_list */
} json_ctx;

/* ------------------------------------------------------------------------ */
/* Locations and reports                                                     */
/* ------------------------------------------------------------------------ */

/* The submission formats' wording (the framework's is framework_parse.c's). */
static const jm_wording sub_wording = {'"', "", "a real number"};

/* What each member read by get_member must be, and what is said when it
 * is not (jm_rule: kinds, wanted, wrong-type hint, required in, missing
 * hint, null is absent). "year" is read by parse_year: its hint depends on
 * the value. */
static const jm_rule schema_rule = {JM_STRING, "a string (the URL of a JSON Schema)", NULL,
                                    NULL, NULL, 0};
static const jm_rule format_rule = {JM_STRING, "a string", NULL, NULL, NULL, 0};
static const jm_rule batch_format_rule = {JM_STRING, "a string", NULL, "a batch of submissions",
                                          "add \"format\": \"" FORMAT_BATCH "\"", 0};
static const jm_rule framework_rule = {JM_STRING, "a string (a framework id)", NULL, NULL, NULL,
                                       0};
static const jm_rule unit_rule = {JM_OBJECT, "an object with \"id\" and \"name\"", NULL,
                                  "the submission",
                                  "add \"unit\": {\"id\": \"...\", \"name\": \"...\"}", 0};
static const jm_rule unit_id_rule = {JM_STRING, "a string",
                                     "write the id in quotes, e.g. \"id\": \"11\"", "\"unit\"",
                                     "add the unit's id, e.g. \"id\": \"11\"", 0};
static const jm_rule unit_name_rule = {JM_STRING, "a string", NULL, NULL, NULL, 1};
static const jm_rule values_rule = {JM_OBJECT, "an object of indicator ids and values", NULL,
                                    "the submission",
                                    "add \"values\": {\"indicator_id\": number, ...}", 0};
static const jm_rule sources_rule = {JM_OBJECT, "an object of indicator ids and texts", NULL,
                                     NULL, NULL, 1};

/* The shared member readers' view of c. */
static jm_reader reader(const json_ctx *c)
{
    return (jm_reader){c->file, c->diags, &sub_wording};
}

static dii_loc value_loc(const jdom_node *v, const char *pointer)
{
    return jm_loc(v, 0, pointer);
}

static const char *type_name(const json_ctx *c, const jdom_node *v)
{
    jm_reader r = reader(c);
    return jm_type_name(&r, v);
}

/* "wrong-type" for member `name` of the object at base. */
static dii_status report_wrong_type(json_ctx *c, const char *base, const char *name,
                                    const jdom_node *value, const char *wanted, const char *hint)
{
    jm_reader r = reader(c);
    return jm_report_wrong_type(&r, base, name, value, wanted, hint);
}

/* "missing-field" located at the object that lacks the member. */
static dii_status report_missing(json_ctx *c, const jdom_node *object, const char *object_pointer,
                                 const char *what, const char *name, const char *hint)
{
    jm_reader r = reader(c);
    return jm_report_missing(&r, object, object_pointer, what, name, hint);
}

/* Member key of obj when it follows rule (jm_get). */
static dii_status get_member(json_ctx *c, const jdom_node *obj, const char *base,
                             const char *key, const jm_rule *rule, const jdom_node **out)
{
    jm_reader r = reader(c);
    return jm_get(&r, obj, base, key, rule, out);
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

static dii_status report_unknown_field(json_ctx *c, const jdom_node *member, const char *base,
                                       const char *const *allowed, size_t n, const char *where)
{
    char *pointer = dii_pointer_join(base, member->key);
    char *hint = unknown_field_hint(member->key, allowed, n);
    dii_status st = DII_ERR_NO_MEMORY;
    if (pointer != NULL && hint != NULL) {
        dii_loc loc = jm_loc(member, 1, pointer);
        st = dii_diag_add(c->diags, DII_SEVERITY_WARNING, "unknown-field", c->file, &loc, hint,
                          "unknown field '%s' in %s", member->key, where);
    }
    dii_mem_free(hint);
    dii_mem_free(pointer);
    return st;
}

/* Unknown members are warnings: a newer writer may add fields that this
 * version can safely ignore. `schema`: "$schema" is allowed here. */
static dii_status check_unknown_fields(json_ctx *c, const jdom_node *obj, const char *base,
                                       const char *const *allowed, size_t n, int schema,
                                       const char *where)
{
    for (size_t i = 0; i < obj->u.children.count; i++) {
        const jdom_node *member = &obj->u.children.items[i];
        if (jm_is_allowed(member->key, allowed, n) ||
            (schema && strcmp(member->key, SCHEMA_MEMBER) == 0))
            continue;
        dii_status st = report_unknown_field(c, member, base, allowed, n, where);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

/* "$schema", when given, must be a string (a URL or path); it is not read. */
static dii_status check_schema_member(json_ctx *c, const jdom_node *obj, const char *base)
{
    const jdom_node *schema;
    return get_member(c, obj, base, SCHEMA_MEMBER, &schema_rule, &schema);
}

/* ------------------------------------------------------------------------ */
/* "format"                                                                  */
/* ------------------------------------------------------------------------ */

static dii_status report_format(json_ctx *c, const jdom_node *f, const char *base, int batch)
{
    const char *expected = batch ? FORMAT_BATCH : FORMAT_ONE;
    const char *hint =
        batch ? "an object with a \"submissions\" array is a batch: \"format\": \"" FORMAT_BATCH
                "\""
              : "one submission has \"format\": \"" FORMAT_ONE
                "\"; a batch lists them in a \"submissions\" array";
    char *pointer = dii_pointer_join(base, "format");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(f, pointer);
    dii_status st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "unsupported-format", c->file,
                                 &loc, hint, "unsupported format '%s' (expected '%s')",
                                 f->u.string.text, expected);
    dii_mem_free(pointer);
    return st;
}

/* Checks "format" of a submission (batch = 0) or batch (batch = 1). Sets
 * *stop when the object is in a format this parser does not know: reading
 * it as a submission would only bury the one real problem in noise. The
 * other libdii format is a slip worth reporting but not a reason to stop. */
static dii_status check_format(json_ctx *c, const jdom_node *obj, const char *base, int batch,
                               int *stop)
{
    *stop = 0;
    const jdom_node *f;
    dii_status st = get_member(c, obj, base, "format", batch ? &batch_format_rule : &format_rule, &f);
    if (st != DII_OK || f == NULL)
        return st;
    const char *text = f->u.string.text;
    if (strcmp(text, batch ? FORMAT_BATCH : FORMAT_ONE) == 0)
        return DII_OK;
    *stop = strcmp(text, batch ? FORMAT_ONE : FORMAT_BATCH) != 0;
    return report_format(c, f, base, batch);
}

/* ------------------------------------------------------------------------ */
/* The fields of one submission                                              */
/* ------------------------------------------------------------------------ */

static dii_status parse_framework(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                                  const char *base)
{
    const jdom_node *f;
    dii_status st = get_member(c, obj, base, "framework", &framework_rule, &f);
    if (st != DII_OK || f == NULL)
        return st;
    struct dii_sub_extra *x = dii_sub_extra_of(c->subs, sub);
    if (x == NULL)
        return DII_ERR_NO_MEMORY;
    x->framework_line = (uint32_t)f->line;
    x->framework_column = (uint32_t)f->column;
    x->framework = dii_strpool_store(&c->subs->texts, f->u.string.text, f->u.string.len);
    return x->framework ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status report_empty_id(json_ctx *c, const jdom_node *id, const char *unit_pointer)
{
    char *pointer = dii_pointer_join(unit_pointer, "id");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(id, pointer);
    dii_status st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "missing-field", c->file, &loc,
                                 NULL, "\"unit\" has an empty \"id\"");
    dii_mem_free(pointer);
    return st;
}

static dii_status parse_unit_id(json_ctx *c, struct dii_submission *sub, const jdom_node *unit,
                                const char *unit_pointer)
{
    const jdom_node *id;
    dii_status st = get_member(c, unit, unit_pointer, "id", &unit_id_rule, &id);
    if (st != DII_OK || id == NULL)
        return st;
    if (id->u.string.len == 0)
        return report_empty_id(c, id, unit_pointer);
    struct dii_sub_body *body = dii_sub_body_of(c->subs, sub);
    if (body == NULL)
        return DII_ERR_NO_MEMORY;
    const char *unit_id = dii_strpool_store(&c->subs->texts, id->u.string.text, id->u.string.len);
    if (unit_id == NULL)
        return DII_ERR_NO_MEMORY;
    body->unit_id = unit_id;
    return DII_OK;
}

static dii_status parse_unit_fields(json_ctx *c, struct dii_submission *sub,
                                    const jdom_node *unit, const char *unit_pointer)
{
    dii_status st = check_unknown_fields(c, unit, unit_pointer, unit_fields,
                                         COUNT_OF(unit_fields), 0, "\"unit\"");
    if (st == DII_OK)
        st = parse_unit_id(c, sub, unit, unit_pointer);
    const jdom_node *name = NULL;
    if (st == DII_OK)
        st = get_member(c, unit, unit_pointer, "name", &unit_name_rule, &name);
    if (st != DII_OK || name == NULL)
        return st;
    return dii_sub_set_unit_name(c->subs, sub, name->u.string.text, name->u.string.len);
}

static dii_status parse_unit(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                             const char *base)
{
    const jdom_node *unit;
    dii_status st = get_member(c, obj, base, "unit", &unit_rule, &unit);
    if (st != DII_OK || unit == NULL)
        return st;
    char *unit_pointer = dii_pointer_join(base, "unit");
    if (unit_pointer == NULL)
        return DII_ERR_NO_MEMORY;
    st = parse_unit_fields(c, sub, unit, unit_pointer);
    dii_mem_free(unit_pointer);
    return st;
}

static dii_status year_value(json_ctx *c, struct dii_submission *sub, const char *base,
                             const jdom_node *year, const dii_loc *loc)
{
    if (!jm_is_integer(year))
        return report_wrong_type(c, base, "year", year, "an integer",
                                 year->kind == JDOM_STRING || year->kind == JDOM_NUMBER
                                     ? "write the year as a plain number, e.g. 2024"
                                     : NULL);
    long long y;
    if (!jm_integer_in(year, INT_MIN, INT_MAX, &y)) { /* quoted as written */
        char text[JM_INTEGER_TEXT_MAX];
        return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, loc, NULL,
                            "year %s is not a usable year", jm_integer_text(year, text));
    }
    struct dii_sub_body *body = dii_sub_body_of(c->subs, sub); /* parse_year made it */
    body->year = (int)y;
    body->year_valid = 1;
    return DII_OK;
}

static dii_status parse_year(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                             const char *base)
{
    const jdom_node *year = jdom_get(obj, "year");
    if (year == NULL)
        return report_missing(c, obj, base, "the submission", "year", "add e.g. \"year\": 2024");
    struct dii_sub_body *body = dii_sub_body_of(c->subs, sub);
    if (body == NULL)
        return DII_ERR_NO_MEMORY;
    body->year_line = (uint32_t)year->line;
    body->year_column = (uint32_t)year->column;
    char *pointer = dii_pointer_join(base, "year");
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_loc loc = value_loc(year, pointer);
    dii_status st = year_value(c, sub, base, year, &loc);
    dii_mem_free(pointer);
    return st;
}

/* What the validator prints after "got": the JSON type, with the text of a
 * string since a quoted number ("67.4") is the usual mistake. */
static char *invalid_value_text(const jdom_node *v)
{
    if (v->kind != JDOM_STRING)
        return dii_mem_strdup(v->kind == JDOM_ARRAY ? "array" : "object");
    strbuf sb;
    sb_init(&sb);
    sb_puts(&sb, "string ");
    sb_put_json_string(&sb, v->u.string.text);
    return sb_take(&sb, NULL);
}

static dii_status set_value(dii_value_entry *e, const jdom_node *v)
{
    switch ((jdom_kind)v->kind) {
    case JDOM_NUMBER:
        e->kind = DII_VALUE_NUMBER;
        e->number = v->u.number.value;
        return DII_OK;
    case JDOM_TRUE:
    case JDOM_FALSE:
        e->kind = DII_VALUE_BOOLEAN;
        e->number = v->kind == JDOM_TRUE ? 1 : 0;
        return DII_OK;
    case JDOM_NULL: e->kind = DII_VALUE_MISSING; return DII_OK;
    default: break;
    }
    e->kind = DII_VALUE_INVALID;
    e->text = invalid_value_text(v);
    return e->text ? DII_OK : DII_ERR_NO_MEMORY;
}

/* Fills e from member of a "values" object. */
static dii_status fill_value(json_ctx *c, dii_value_entry *e, const jdom_node *member)
{
    if (dii_value_set_indicator(c->subs, e, member->key, member->key_len) != DII_OK)
        return DII_ERR_NO_MEMORY;
    e->line = (uint32_t)member->line;
    e->column = (uint32_t)member->column;
    e->key_line = (uint32_t)member->key_line;
    e->key_column = (uint32_t)member->key_column;
    return set_value(e, member);
}

/* The streamed_values of the "values" object at (line, column), made on
 * its first member. */
static streamed_values *streamed_at(json_ctx *c, unsigned long line, unsigned long column)
{
    if (c->streamed_count > 0) {
        streamed_values *last = &c->streamed[c->streamed_count - 1];
        if (last->line == line && last->column == column)
            return last;
    }
    if (c->serial_base + c->streamed_count >= UINT32_MAX ||
        dii_mem_grow((void **)&c->streamed, &c->streamed_cap, c->streamed_count + 1,
                     sizeof *c->streamed) != 0)
        return NULL;
    streamed_values *sv = &c->streamed[c->streamed_count++];
    memset(sv, 0, sizeof *sv);
    sv->line = line;
    sv->column = column;
    return sv;
}

/* Where indicator id was last given; grows the table to the pool. */
static id_seen *seen_of(json_ctx *c, size_t id)
{
    size_t old = c->seen_cap;
    if (id >= old) {
        if (dii_mem_grow((void **)&c->seen, &c->seen_cap, c->subs->ids.count, sizeof *c->seen))
            return NULL;
        memset(c->seen + old, 0, (c->seen_cap - old) * sizeof *c->seen);
    }
    return &c->seen[id];
}

/* Stores e in sv (which then owns what e owns; freed here on failure): a new entry, or in place of the one with the same id (a
 * repeated key: the last value wins, in the first one's place, as a JSON
 * object's members do; the repetition is reported). */
static dii_status store_value(json_ctx *c, jdom_parser *p, streamed_values *sv,
                              const jdom_node *member, dii_value_entry *e)
{
    id_seen *seen = seen_of(c, e->id);
    if (seen == NULL) {
        dii_value_entry_clear(e);
        return DII_ERR_NO_MEMORY;
    }
    uint32_t serial = (uint32_t)(c->serial_base + (size_t)(sv - c->streamed)) + 1;
    if (seen->values == serial) {
        dii_value_entry *first = &sv->entries[seen->entry];
        dii_value_entry_clear(first);
        *first = *e;
        return jdom_add_duplicate(p, member);
    }
    if (sv->count >= UINT32_MAX ||
        dii_mem_grow((void **)&sv->entries, &sv->cap, sv->count + 1, sizeof *sv->entries)) {
        dii_value_entry_clear(e);
        return DII_ERR_NO_MEMORY;
    }
    *seen = (id_seen){serial, (uint32_t)sv->count};
    sv->entries[sv->count++] = *e;
    return DII_OK;
}

/* The stream callback: one member of a submission's "values" object goes
 * straight into an entry; its tree node is dropped. */
static dii_status stream_value(void *ctx, jdom_parser *p, const jdom_node *member)
{
    json_ctx *c = ctx;
    const jdom_node *values = jdom_open_container(p, jdom_open_depth(p) - 1);
    streamed_values *sv = streamed_at(c, values->line, values->column);
    if (sv == NULL)
        return DII_ERR_NO_MEMORY;
    dii_value_entry e;
    memset(&e, 0, sizeof e);
    if (fill_value(c, &e, member) != DII_OK) {
        dii_value_entry_clear(&e);
        return DII_ERR_NO_MEMORY;
    }
    return store_value(c, p, sv, member, &e);
}

/* Once every streamed_values has been taken, the array starts again (a
 * streamed batch then holds one at a time); serial_base keeps their
 * serials (id_seen) unique. */
static void drop_taken(json_ctx *c)
{
    if (c->streamed_next < c->streamed_count)
        return;
    c->serial_base += c->streamed_count;
    c->streamed_count = c->streamed_next = 0;
}

static void free_values(streamed_values *sv)
{
    for (size_t k = 0; k < sv->count; k++)
        dii_value_entry_clear(&sv->entries[k]);
    dii_mem_free(sv->entries);
    sv->entries = NULL;
    sv->count = sv->cap = 0;
}

/* sv's entries become sub's own values. */
static dii_status give_values(json_ctx *c, struct dii_submission *sub, streamed_values *sv)
{
    struct dii_sub_body *body = dii_sub_body_of(c->subs, sub);
    if (body == NULL) {
        free_values(sv);
        return DII_ERR_NO_MEMORY;
    }
    body->values = sv->entries;
    body->value_count = (uint32_t)sv->count; /* < UINT32_MAX: see store_value */
    body->values_owned = 1;
    sv->entries = NULL;
    sv->count = sv->cap = 0;
    return DII_OK;
}

/* Hands the entries streamed for the "values" object `values` to sub
 * (freed here when sub cannot take them: DII_ERR_NO_MEMORY). */
static dii_status take_values(json_ctx *c, struct dii_submission *sub, const jdom_node *values)
{
    dii_status st = DII_OK;
    while (c->streamed_next < c->streamed_count) {
        streamed_values *sv = &c->streamed[c->streamed_next];
        if (sv->line > values->line ||
            (sv->line == values->line && sv->column > values->column))
            return DII_OK; /* a later object's: this one had no members */
        c->streamed_next++;
        if (sv->line == values->line && sv->column == values->column) {
            st = give_values(c, sub, sv);
            break;
        }
        /* an earlier "values" object no submission takes (the first of two
         * "values" keys: the last one counts, as for any repeated key) */
        free_values(sv);
    }
    drop_taken(c);
    return st;
}

static void free_streamed(json_ctx *c)
{
    for (size_t i = 0; i < c->streamed_count; i++)
        free_values(&c->streamed[i]);
    dii_mem_free(c->streamed);
    dii_mem_free(c->seen);
    c->streamed = NULL;
    c->seen = NULL;
    c->streamed_count = c->streamed_cap = c->streamed_next = c->serial_base = c->seen_cap = 0;
}

/* Takes back what the elements of a streamed list added (submissions,
 * their diagnostics, the values streamed for them): the load then reports
 * only what a reading of the whole tree would have, e.g. one syntax error
 * after the list. */
static void undo_list(json_ctx *c)
{
    if (!c->list_streamed)
        return;
    dii_diag_rollback(c->diags, &c->mark);
    dii_submissions_truncate(c->subs, c->first_sub);
    free_streamed(c);
    c->list_streamed = 0;
    c->list_handed = c->batch_objects = 0;
}

static dii_status parse_values(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                               const char *base)
{
    const jdom_node *values;
    dii_status st = get_member(c, obj, base, "values", &values_rule, &values);
    if (st != DII_OK || values == NULL)
        return st;
    return take_values(c, sub, values);
}

static dii_status check_source_types(json_ctx *c, const jdom_node *sources,
                                     const char *sources_pointer)
{
    for (size_t i = 0; i < sources->u.children.count; i++) {
        const jdom_node *v = &sources->u.children.items[i];
        if (v->kind == JDOM_STRING || v->kind == JDOM_NULL)
            continue;
        dii_status st = report_wrong_type(c, sources_pointer, v->key, v, "a string", NULL);
        if (st != DII_OK)
            return st;
    }
    return DII_OK;
}

static dii_status attach_sources(json_ctx *c, struct dii_submission *sub,
                                 const jdom_node *sources)
{
    for (size_t i = 0; i < sub->body->value_count; i++) {
        const jdom_node *s = jdom_get(sources, sub->body->values[i].indicator);
        if (s == NULL || s->kind != JDOM_STRING)
            continue;
        if (dii_value_set_source(c->subs, sub, i, s->u.string.text, s->u.string.len) != DII_OK)
            return DII_ERR_NO_MEMORY;
    }
    return DII_OK;
}

/* A source may name an indicator that has no value: that is not an error,
 * the source simply has nothing to attach to. */
static dii_status parse_sources(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                                const char *base)
{
    const jdom_node *sources;
    dii_status st = get_member(c, obj, base, "sources", &sources_rule, &sources);
    if (st != DII_OK || sources == NULL)
        return st;
    char *sources_pointer = dii_pointer_join(base, "sources");
    if (sources_pointer == NULL)
        return DII_ERR_NO_MEMORY;
    st = check_source_types(c, sources, sources_pointer);
    dii_mem_free(sources_pointer);
    return st == DII_OK ? attach_sources(c, sub, sources) : st;
}

static dii_status parse_fields(json_ctx *c, struct dii_submission *sub, const jdom_node *obj,
                               const char *base)
{
    dii_status st = check_unknown_fields(c, obj, base, submission_fields,
                                         COUNT_OF(submission_fields), 1, "a submission");
    if (st == DII_OK)
        st = check_schema_member(c, obj, base);
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
    return st;
}

#define NO_BATCH_INDEX SIZE_MAX

/* One submission object at pointer base: "" (batch_index NO_BATCH_INDEX)
 * or "/submissions/<batch_index>". */
static dii_status parse_submission(json_ctx *c, const jdom_node *obj, const char *base,
                                   size_t batch_index)
{
    int stop;
    dii_status st = check_format(c, obj, base, 0, &stop);
    if (st != DII_OK || stop)
        return st;
    dii_loc at = value_loc(obj, base);
    st = dii_limit_check(c->diags, c->file, &at, c->limits, DII_LIMIT_SUBMISSIONS,
                         c->subs->count + 1);
    if (st != DII_OK) {
        c->limit_crossed = 1;
        return st;
    }
    struct dii_submission *sub = dii_submissions_append(c->subs);
    if (sub == NULL)
        return DII_ERR_NO_MEMORY;
    sub->line = (uint32_t)obj->line;
    sub->column = (uint32_t)obj->column;
    /* the bare bodies say "in a batch at its index in the set" and "the
     * whole document" */
    if (batch_index == NO_BATCH_INDEX) {
        sub->body = &dii_sub_bare_root;
    } else if (batch_index != c->subs->count - 1) {
        struct dii_sub_body *body = dii_sub_body_of(c->subs, sub);
        if (body == NULL)
            return DII_ERR_NO_MEMORY;
        body->batch_index = (uint32_t)batch_index; /* after a skipped element */
    }
    return parse_fields(c, sub, obj, base);
}

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */
/* ------------------------------------------------------------------------ */

static dii_status parse_batch_item(json_ctx *c, const jdom_node *item, size_t i)
{
    char *pointer = dii_pointer_join_index("/submissions", i);
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    dii_status st;
    if (item->kind == JDOM_OBJECT) {
        st = parse_submission(c, item, pointer, i);
    } else {
        dii_loc loc = value_loc(item, pointer);
        st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, &loc, NULL,
                          "submission %zu must be an object, not %s", i, type_name(c, item));
    }
    dii_mem_free(pointer);
    return st;
}

/* The checks of a batch's root object, which come before its elements;
 * *read_items says whether the elements are then read. */
static dii_status check_batch_root(json_ctx *c, const jdom_node *root, int *read_items)
{
    int stop;
    *read_items = 0;
    dii_status st = check_format(c, root, "", 1, &stop);
    if (st != DII_OK || stop)
        return st;
    st = check_unknown_fields(c, root, "", batch_fields, COUNT_OF(batch_fields), 1,
                              "a batch of submissions");
    if (st == DII_OK)
        st = check_schema_member(c, root, "");
    if (st != DII_OK)
        return st;
    const jdom_node *list = jdom_get(root, "submissions");
    if (list->kind != JDOM_ARRAY)
        return report_wrong_type(c, "", "submissions", list, "an array of submissions", NULL);
    *read_items = 1;
    return DII_OK;
}

/* The second reading finds the root's problems first, as a reading of the
 * whole tree does: they are those of the first reading's root, checked
 * when the first element of a list arrives. */
static dii_status batch_prelude(json_ctx *c)
{
    if (c->prelude_done)
        return DII_OK;
    c->prelude_done = 1;
    if (c->first_root == NULL) /* the first reading failed: so will this one */
        return DII_OK;
    return check_batch_root(c, c->first_root, &c->items_on);
}

static dii_status parse_batch(json_ctx *c, const jdom_node *root)
{
    if (c->prelude_done) /* the second reading: done as the elements came */
        return DII_OK;
    int read_items;
    dii_status st = check_batch_root(c, root, &read_items);
    if (st != DII_OK || !read_items)
        return st;
    const jdom_node *list = jdom_get(root, "submissions");
    for (size_t i = 0; st == DII_OK && i < list->u.children.count; i++)
        st = parse_batch_item(c, &list->u.children.items[i], i);
    return st;
}

/* The stream callback: a streamed array is a batch's "submissions" list
 * (list_may_stream), a streamed object a submission's "values". */
static dii_status stream_child(void *ctx, jdom_parser *p, const jdom_node *child)
{
    json_ctx *c = ctx;
    const jdom_node *open = jdom_open_container(p, jdom_open_depth(p) - 1);
    if (open->kind != JDOM_ARRAY)
        return stream_value(ctx, p, child);
    if (c->second_pass) {
        dii_status st = batch_prelude(c);
        int read = c->items_on && open->line == c->list_line && open->column == c->list_column;
        if (st != DII_OK || !read) {
            c->list_handed++;
            return st;
        }
    }
    return parse_batch_item(c, child, c->list_handed++);
}

static dii_status report_not_object(json_ctx *c, const jdom_node *root, const char *what)
{
    dii_loc loc = value_loc(root, "");
    return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "wrong-type", c->file, &loc,
                        "write one submission object, or a batch {\"format\": \"" FORMAT_BATCH
                        "\", \"submissions\": [...]}",
                        "%s must be a JSON object, not %s", what, type_name(c, root));
}

/* ------------------------------------------------------------------------ */
/* Repeated keys (the tree keeps the last; json_dom.c lists the others)      */
/* ------------------------------------------------------------------------ */

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

static dii_status report_duplicate(json_ctx *c, const jdom_duplicate *d, int batch)
{
    dii_loc loc = {d->line, d->column, d->pointer};
    const char *container = duplicate_container(d->pointer, batch);
    if (container != NULL)
        return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "duplicate-value", c->file, &loc,
                            "give each indicator once",
                            "indicator '%s' appears more than once in \"%s\"; only the last "
                            "one would be used",
                            d->key, container);
    return dii_diag_add(c->diags, DII_SEVERITY_ERROR, "duplicate-field", c->file, &loc,
                        "give each field once",
                        "field '%s' appears more than once; only the last one would be used",
                        d->key);
}

/* The parser keeps the first diags->limit repetitions (they come last,
 * after the shape problems): the others would be beyond the cap, so they
 * are only counted, as the list counts what it cannot hold. */
static dii_status report_duplicates(json_ctx *c, const jdom_parser *p, int batch)
{
    for (size_t i = 0; i < jdom_duplicate_count(p); i++) {
        dii_status st = report_duplicate(c, jdom_duplicate_at(p, i), batch);
        if (st != DII_OK)
            return st;
    }
    dii_diag_count_suppressed_n(c->diags, DII_SEVERITY_ERROR, jdom_duplicates_dropped(p));
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Syntax errors                                                             */
/* ------------------------------------------------------------------------ */

/* Parses one JSON text whose first byte is on line first_line;
 * DII_ERR_PARSE (with one "syntax" or "limit-exceeded" diagnostic) when it
 * is not JSON or crosses a limit. */
static dii_status load_tree(jdom_parser *p, const char *text, size_t len,
                            unsigned long first_line, json_ctx *c, const jdom_node **root)
{
    jdom_error err;
    dii_status st = jdom_parse(p, text, len, first_line, root, &err);
    if (st != DII_ERR_PARSE)
        return st;
    undo_list(c);
    dii_loc at = {err.line, err.column, NULL};
    if (err.limit == DII_LIMIT_SUBMISSIONS) { /* a batch's submission, refused at its '{' */
        char *pointer = dii_pointer_join_index("/submissions", c->refused_index);
        if (pointer == NULL)
            return DII_ERR_NO_MEMORY;
        at.pointer = pointer;
        c->limit_crossed = 1;
        st = dii_limit_report(c->diags, c->file, &at, c->limits, err.limit);
        dii_mem_free(pointer);
        return st;
    }
    if (err.limit != DII_LIMIT_NONE) {
        c->limit_crossed = 1;
        return dii_limit_report(c->diags, c->file, &at, c->limits, err.limit);
    }
    st = dii_diag_add(c->diags, DII_SEVERITY_ERROR, "syntax", c->file, &at, NULL, "%s",
                      err.message);
    return st == DII_OK ? DII_ERR_PARSE : st;
}

static dii_status finish(json_ctx *c, jdom_parser *p, dii_status st)
{
    free_streamed(c);
    jdom_parser_free(p);
    return st == DII_ERR_NO_MEMORY ? dii_fail_nomem() : st;
}

/* ------------------------------------------------------------------------ */
/* What the tree keeps                                                       */
/* ------------------------------------------------------------------------ */

static int key_is(const jdom_node *n, const char *key)
{
    return n->key != NULL && strcmp(n->key, key) == 0;
}

/* The members of a submission whose contents are read, objects all three:
 * "values" is streamed (each member straight into an entry, stream_value:
 * a dense submission's values never sit in the tree), "unit" and
 * "sources" are built. */
static jdom_verdict submission_part(const jdom_node *n)
{
    if (n->kind != JDOM_OBJECT)
        return JDOM_SKIP;
    if (key_is(n, "values"))
        return JDOM_STREAM;
    return key_is(n, "unit") || key_is(n, "sources") ? JDOM_BUILD : JDOM_SKIP;
}

/* A batch's "submissions" list is streamed, each element read as it is
 * complete (stream_child) and then dropped, when nothing before it in the
 * root object can change how the elements are read (a "format" other than
 * a batch's stops the reading) or the order the diagnostics are found in
 * (which the diagnostics cap keeps): the root's members so far are a
 * batch's "format" and a string "$schema". A member after the list that
 * would have made a difference is caught by reread_needed. */
static int list_may_stream(const json_ctx *c, const jdom_parser *p)
{
    if (c->list_streamed)
        return 0;
    int format = 0;
    for (size_t i = 0; i + 1 < jdom_open_child_count(p); i++) { /* + 1: the list itself */
        const jdom_node *m = jdom_open_child(p, i);
        int string = m->kind == JDOM_STRING;
        if (key_is(m, "format") && string && strcmp(m->u.string.text, FORMAT_BATCH) == 0)
            format = 1;
        else if (!(key_is(m, SCHEMA_MEMBER) && string))
            return 0;
    }
    return format;
}

/* After a streamed list: whether the root, now complete, is one whose
 * reading the streaming could have changed (a member after the list that
 * is unknown or invalid, a "format" repeated with another value, a second
 * "submissions"). The document is then read again (read_again), which is
 * rare: writers put "format" first and nothing after the list. */
static int reread_needed(const json_ctx *c, const jdom_node *root)
{
    if (!c->list_streamed)
        return 0;
    for (size_t i = 0; i < root->u.children.count; i++) {
        const jdom_node *m = &root->u.children.items[i];
        int string = m->kind == JDOM_STRING;
        if (key_is(m, "format") && string && strcmp(m->u.string.text, FORMAT_BATCH) == 0)
            continue;
        if (key_is(m, SCHEMA_MEMBER) && string)
            continue;
        if (key_is(m, "submissions") && (m->flags & JDOM_STREAMED))
            continue;
        return 1;
    }
    return 0;
}

/* One more object in a batch's "submissions": refused when it is one too
 * many, right at its '{', before anything of it or after it is read. */
static jdom_verdict batch_item(json_ctx *c, const jdom_parser *p, const jdom_node *n,
                               dii_limit_kind *limit)
{
    if (n->kind != JDOM_OBJECT)
        return JDOM_SKIP; /* reported as "wrong-type" from its kind alone */
    if (dii_limit_exceeded(c->limits, DII_LIMIT_SUBMISSIONS, ++c->batch_objects)) {
        /* a streamed list holds only this one: the others were handed over */
        c->refused_index = c->list_streamed ? c->list_handed : jdom_open_child_count(p) - 1;
        *limit = DII_LIMIT_SUBMISSIONS;
        return JDOM_REFUSE;
    }
    return JDOM_BUILD;
}

/* The tree keeps only the containers the reader looks into: the root
 * object, a batch's "submissions" and its objects, and each submission's
 * "unit", "values" and "sources". Any other array or object (an unknown
 * member's value, an indicator value that is an array, ...) is only
 * reported by its kind, so its contents are checked and skipped: a huge
 * ignored value costs no memory. A root object cannot yet tell a batch
 * from one submission, so both readings' containers are kept there. */
static jdom_verdict keep_container(void *ctx, const jdom_parser *p, const jdom_node *n,
                                   dii_limit_kind *limit)
{
    json_ctx *c = ctx;
    size_t depth = jdom_open_depth(p);
    if (depth == 0)
        return n->kind == JDOM_OBJECT ? JDOM_BUILD : JDOM_SKIP;
    if (depth == 1) {
        int list = !c->lines && n->kind == JDOM_ARRAY && key_is(n, "submissions");
        if (!list)
            return submission_part(n);
        if (c->second_pass || list_may_stream(c, p)) {
            c->list_streamed = 1;
            c->list_handed = 0;
            return JDOM_STREAM;
        }
        c->list_skipped = 1; /* read on the second reading (read_again) */
        return JDOM_SKIP;
    }
    const jdom_node *parent = jdom_open_container(p, depth - 1);
    if (depth == 2)
        return parent->kind == JDOM_ARRAY ? batch_item(c, p, n, limit) : JDOM_SKIP;
    /* depth 3: inside a kept object at depth 2, which is a batch's submission */
    if (depth == 3 && parent->kind == JDOM_OBJECT && parent->key == NULL)
        return submission_part(n);
    return JDOM_SKIP;
}

static jdom_parser *new_parser(const dii_limits *limits, json_ctx *c)
{
    jdom_parser *p = jdom_parser_new();
    if (p != NULL) {
        jdom_parser_set_limits(p, limits);
        jdom_parser_set_filter(p, keep_container, c);
        jdom_parser_set_stream(p, stream_child);
        /* repetitions are reported last: beyond the cap, none is listed */
        jdom_parser_set_duplicate_cap(p, c->diags->limit);
    }
    return p;
}

static dii_status parse_document(json_ctx *c, const jdom_parser *p, const jdom_node *root)
{
    int batch = root->kind == JDOM_OBJECT && jdom_get(root, "submissions") != NULL;
    dii_status st;
    if (root->kind != JDOM_OBJECT)
        st = report_not_object(c, root, "a submissions document");
    else if (batch)
        st = parse_batch(c, root);
    else
        st = parse_submission(c, root, "", NO_BATCH_INDEX);
    return st == DII_OK ? report_duplicates(c, p, batch) : st;
}

/* The second reading of a batch whose list the first could not stream (it
 * came before the root's "format", or the root has more after it): every
 * "submissions" list is streamed, so no list is ever held whole, and the
 * root's checks, known from the first reading (first_root: its parser is
 * kept alive meanwhile), run before the first element, so the diagnostics are found in
 * the order a reading of the whole tree finds them (which the cap keeps).
 * Only the list the root keeps (the last "submissions") is read; earlier
 * ones are counted against max_submissions, as the tree counted them. */
static dii_status read_again(json_ctx *c, const jdom_node *first_root, const char *data,
                             size_t len, jdom_parser **p, const jdom_node **root)
{
    undo_list(c);
    dii_diag_rollback(c->diags, &c->mark); /* the first reading's failure, if any */
    free_streamed(c);
    c->list_skipped = 0;
    c->list_handed = c->batch_objects = 0;
    c->limit_crossed = 0;
    c->second_pass = 1;
    c->first_root = first_root;
    const jdom_node *list = first_root ? jdom_get(first_root, "submissions") : NULL;
    if (list != NULL) {
        c->list_line = list->line;
        c->list_column = list->column;
    }
    *p = new_parser(c->limits, c);
    if (*p == NULL)
        return DII_ERR_NO_MEMORY;
    return load_tree(*p, data, len, 1, c, root);
}

dii_status dii_parse_submissions_json(const char *data, size_t len, const char *file,
                                      const dii_limits *limits, struct dii_submissions *subs,
                                      dii_diagnostics *diags)
{
    json_ctx c = {.file = file, .diags = diags, .subs = subs, .limits = limits,
                  .mark = dii_diag_mark_now(diags), .first_sub = subs->count};
    jdom_parser *p = new_parser(limits, &c);
    if (p == NULL)
        return finish(&c, p, DII_ERR_NO_MEMORY);
    const jdom_node *root;
    dii_status st = load_tree(p, data, len, 1, &c, &root);
    if (c.list_skipped || (st == DII_OK && reread_needed(&c, root))) {
        jdom_parser *first = p;
        p = NULL;
        st = read_again(&c, st == DII_OK ? root : NULL, data, len, &p, &root);
        jdom_parser_free(first);
    }
    if (st != DII_OK)
        return finish(&c, p, st);
    return finish(&c, p, parse_document(&c, p, root));
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
static dii_status parse_line(jdom_parser *p, const char *text, size_t len,
                             unsigned long line_no, json_ctx *c)
{
    const jdom_node *root;
    dii_status st = load_tree(p, text, len, line_no, c, &root);
    if (st != DII_OK)
        return st;
    if (root->kind == JDOM_OBJECT)
        st = parse_submission(c, root, "", NO_BATCH_INDEX);
    else
        st = report_not_object(c, root, "each line of a JSON Lines file");
    return st == DII_OK ? report_duplicates(c, p, 0) : st;
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
                                       const dii_limits *limits, struct dii_submissions *subs,
                                       dii_diagnostics *diags)
{
    json_ctx c = {.file = file, .diags = diags, .subs = subs, .limits = limits, .lines = 1,
                  .mark = dii_diag_mark_now(diags), .first_sub = subs->count};
    jdom_parser *p = new_parser(limits, &c);
    if (p == NULL)
        return finish(&c, p, DII_ERR_NO_MEMORY);
    dii_status result = DII_OK;
    unsigned long line_no = 1;
    for (size_t start = 0; start < len && !c.limit_crossed; line_no++) {
        size_t next;
        size_t n = line_length(data, len, start, &next);
        if (!is_blank(data + start, n)) {
            dii_status st = parse_line(p, data + start, n, line_no, &c);
            if (st == DII_ERR_NO_MEMORY)
                return finish(&c, p, st);
            if (st != DII_OK)
                result = st;
        }
        start = next;
    }
    return finish(&c, p, result);
}
