/* Reading typed members of a json_dom object, with located reports: the
 * helpers the framework and the submissions readers share. */
#include "json_members.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

dii_loc jm_loc(const jdom_node *at, int at_key, const char *pointer)
{
    if (at_key && at->key_line != 0)
        return (dii_loc){at->key_line, at->key_column, pointer};
    return (dii_loc){at->line, at->column, pointer};
}

int jm_is_integer(const jdom_node *v)
{
    return v->kind == JDOM_NUMBER && (v->flags & JDOM_INTEGER);
}

const char *jm_type_name(const jm_reader *r, const jdom_node *v)
{
    switch ((jdom_kind)v->kind) {
    case JDOM_OBJECT: return "an object";
    case JDOM_ARRAY: return "an array";
    case JDOM_STRING: return "a string";
    case JDOM_NUMBER: return jm_is_integer(v) ? "an integer" : r->wording->real_number;
    case JDOM_TRUE:
    case JDOM_FALSE: return "a boolean";
    case JDOM_NULL: return "null";
    }
    return "a value";
}

int jm_is_allowed(const char *key, const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, allowed[i]) == 0)
            return 1;
    return 0;
}

dii_status jm_report_wrong_type(const jm_reader *r, const char *base, const char *name,
                                const jdom_node *value, const char *wanted, const char *hint)
{
    char *pointer = dii_pointer_join(base, name);
    if (pointer == NULL)
        return DII_ERR_NO_MEMORY;
    char q = r->wording->quote;
    dii_loc loc = jm_loc(value, 0, pointer);
    dii_status st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "wrong-type", r->file, &loc, hint,
                                 "%c%s%c must be %s, not %s", q, name, q, wanted,
                                 jm_type_name(r, value));
    dii_mem_free(pointer);
    return st;
}

dii_status jm_report_missing(const jm_reader *r, const jdom_node *object,
                             const char *object_pointer, const char *what, const char *name,
                             const char *hint)
{
    char q = r->wording->quote;
    dii_loc loc = jm_loc(object, 0, object_pointer);
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "missing-field", r->file, &loc, hint,
                        "%s has no %c%s%c%s", what, q, name, q, r->wording->missing_tail);
}

static int has_kind(const jdom_node *v, unsigned kinds)
{
    if ((kinds & JM_INTEGER) && jm_is_integer(v))
        return 1;
    return (kinds & JM_KIND(v->kind)) != 0;
}

dii_status jm_get(const jm_reader *r, const jdom_node *obj, const char *ptr, const char *key,
                  const jm_rule *rule, const jdom_node **out)
{
    const jdom_node *v = jdom_get(obj, key);
    *out = NULL;
    if (v != NULL && rule->null_is_absent && v->kind == JDOM_NULL)
        v = NULL;
    if (v == NULL)
        return rule->what ? jm_report_missing(r, obj, ptr, rule->what, key, rule->missing_hint)
                          : DII_OK;
    if (!has_kind(v, rule->kinds))
        return jm_report_wrong_type(r, ptr, key, v, rule->wanted, rule->wrong_hint);
    *out = v;
    return DII_OK;
}

int jm_integer_in(const jdom_node *v, long long lo, long long hi, long long *out)
{
    if (!jm_is_integer(v) || !(v->flags & JDOM_INT64))
        return 0;
    if (v->u.number.integer < lo || v->u.number.integer > hi)
        return 0;
    *out = (long long)v->u.number.integer;
    return 1;
}

const char *jm_integer_text(const jdom_node *v, char buf[JM_INTEGER_TEXT_MAX])
{
    if (!(v->flags & JDOM_INT64))
        return v->u.number.text;
    snprintf(buf, JM_INTEGER_TEXT_MAX, "%lld", (long long)v->u.number.integer);
    return buf;
}
