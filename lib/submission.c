/* The submissions model: building it (for the parsers) and reading it
 * (the public accessors). Read-only once the loader hands it out. */
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

_Static_assert(sizeof(struct dii_submission) <= 88, "struct dii_submission grew past 88 bytes");

char dii_unit_id_absent[1];

/* ------------------------------------------------------------------------ */
/* Building and freeing                                                      */
/* ------------------------------------------------------------------------ */

void dii_value_entry_clear(dii_value_entry *e)
{
    dii_mem_free(e->text);
    dii_mem_free(e->source);
}

static void submission_clear(struct dii_submission *sub)
{
    dii_mem_free(sub->file);
    dii_mem_free(sub->framework);
    dii_mem_free(sub->unit_name);
    /* values is NULL while a long-table reader still holds them */
    for (size_t i = 0; sub->values != NULL && i < sub->value_count; i++)
        dii_value_entry_clear(&sub->values[i]);
    if (sub->value_cap > 0)
        dii_mem_free(sub->values);
}

void dii_submissions_destroy(struct dii_submissions *subs)
{
    if (subs == NULL)
        return;
    for (size_t i = 0; i < subs->count; i++)
        submission_clear(&subs->items[i]);
    dii_mem_free(subs->items);
    dii_mem_free(subs->name);
    dii_diagnostics_free(subs->load_diags);
    dii_strpool_free(&subs->ids);
    dii_strpool_free(&subs->texts);
    dii_mem_free(subs->value_block);
    dii_mem_free(subs);
}

void dii_submissions_truncate(struct dii_submissions *subs, size_t count)
{
    while (subs->count > count)
        submission_clear(&subs->items[--subs->count]);
}

/* The returned pointer is valid only until the next append: the items
 * array may move. Parsers keep indices, not pointers, across appends. */
struct dii_submission *dii_submissions_append(struct dii_submissions *subs)
{
    if (dii_mem_grow((void **)&subs->items, &subs->cap, subs->count + 1, sizeof *subs->items))
        return NULL;
    struct dii_submission *sub = &subs->items[subs->count++];
    memset(sub, 0, sizeof *sub);
    return sub;
}

dii_value_entry *dii_submission_append_value(struct dii_submission *sub)
{
    size_t cap = sub->value_cap;
    if (sub->value_count == UINT32_MAX
        || dii_mem_grow((void **)&sub->values, &cap, sub->value_count + 1, sizeof *sub->values))
        return NULL;
    if (cap > UINT32_MAX) /* the array holds at most UINT32_MAX; its cap says so */
        cap = UINT32_MAX;
    sub->value_cap = (uint32_t)cap;
    dii_value_entry *e = &sub->values[sub->value_count++];
    memset(e, 0, sizeof *e);
    return e;
}

dii_status dii_value_set_indicator(struct dii_submissions *subs, dii_value_entry *e,
                                   const char *s, size_t n)
{
    size_t id = dii_strpool_index(&subs->ids, s, n);
    if (id == SIZE_MAX)
        return DII_ERR_NO_MEMORY;
    e->id = (uint32_t)id;
    e->indicator = subs->ids.strings[id];
    return DII_OK;
}

char *dii_submission_pointer(const struct dii_submission *sub, int *failed)
{
    *failed = 0;
    char *out;
    switch (sub->place) {
    case DII_SUB_ROOT:
        out = dii_mem_strdup("");
        break;
    case DII_SUB_IN_BATCH:
        out = dii_pointer_join_index("/submissions", sub->batch_index);
        break;
    default:
        return NULL;
    }
    *failed = out == NULL;
    return out;
}

char *dii_submission_member_pointer(const struct dii_submission *sub, const char *member,
                                    int *failed)
{
    char *base = dii_submission_pointer(sub, failed);
    if (base == NULL)
        return NULL;
    char *out = dii_pointer_join(base, member);
    dii_mem_free(base);
    *failed = out == NULL;
    return out;
}

char *dii_value_pointer(const struct dii_submission *sub, const dii_value_entry *e, int *failed)
{
    char *values = dii_submission_member_pointer(sub, "values", failed);
    if (values == NULL)
        return NULL;
    char *out = dii_pointer_join(values, e->indicator ? e->indicator : "");
    dii_mem_free(values);
    *failed = out == NULL;
    return out;
}

const dii_indicator **dii_resolve_indicator_ids(const struct dii_framework *fw,
                                                const struct dii_submissions *subs)
{
    /* +1: calloc of 0 elements may legitimately return NULL. */
    const dii_indicator **out = dii_mem_calloc(subs->ids.count + 1, sizeof *out);
    for (size_t i = 0; out != NULL && i < subs->ids.count; i++) {
        out[i] = dii_framework_find_indicator(fw, subs->ids.strings[i]);
        /* A plan table copies the source document's rows, which name an
         * indicator by its code ("1".."23") as often as by its id; the
         * loader cannot tell them apart without the framework, so codes
         * are resolved here, ids first. Other layouts name ids only (an
         * id that is a code gets validation's hint instead). */
        if (out[i] == NULL && subs->indicator_codes)
            out[i] = dii_framework_find_indicator_by_code(fw, subs->ids.strings[i]);
    }
    return out;
}

DII_API void dii_submissions_free(dii_submissions *subs)
{
    dii_submissions_destroy(subs);
}

/* ------------------------------------------------------------------------ */
/* Public accessors: NULL handles and out-of-range indices read as empty     */
/* ------------------------------------------------------------------------ */

DII_API size_t dii_submissions_count(const dii_submissions *subs)
{
    return subs ? subs->count : 0;
}

DII_API const dii_submission *dii_submissions_get(const dii_submissions *subs, size_t i)
{
    return subs && i < subs->count ? &subs->items[i] : NULL;
}

DII_API const char *dii_submission_framework(const dii_submission *sub)
{
    return sub ? sub->framework : NULL;
}

DII_API const char *dii_submission_unit_id(const dii_submission *sub)
{
    return sub ? sub->unit_id : NULL;
}

DII_API const char *dii_submission_unit_name(const dii_submission *sub)
{
    return sub ? sub->unit_name : NULL;
}

DII_API int dii_submission_year(const dii_submission *sub)
{
    return sub && sub->year_valid ? sub->year : 0;
}

DII_API unsigned long dii_submission_line(const dii_submission *sub)
{
    return sub ? sub->line : 0;
}

static const dii_value_entry *value_at(const dii_submission *sub, size_t i)
{
    return sub && i < sub->value_count ? &sub->values[i] : NULL;
}

DII_API size_t dii_submission_value_count(const dii_submission *sub)
{
    return sub ? sub->value_count : 0;
}

DII_API const char *dii_submission_value_indicator(const dii_submission *sub, size_t i)
{
    const dii_value_entry *e = value_at(sub, i);
    return e ? e->indicator : NULL;
}

DII_API dii_value_kind dii_submission_value_kind(const dii_submission *sub, size_t i)
{
    const dii_value_entry *e = value_at(sub, i);
    return e ? e->kind : DII_VALUE_MISSING;
}

DII_API double dii_submission_value_number(const dii_submission *sub, size_t i)
{
    const dii_value_entry *e = value_at(sub, i);
    return e && (e->kind == DII_VALUE_NUMBER || e->kind == DII_VALUE_BOOLEAN) ? e->number : 0;
}

DII_API const char *dii_submission_value_source(const dii_submission *sub, size_t i)
{
    const dii_value_entry *e = value_at(sub, i);
    return e ? e->source : NULL;
}
