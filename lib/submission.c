/* The submissions model: building it (for the parsers) and reading it
 * (the public accessors). Read-only once the loader hands it out. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

_Static_assert(sizeof(struct dii_submission) == 16, "struct dii_submission is not 16 bytes");
_Static_assert(sizeof(struct dii_sub_body) <= 48, "struct dii_sub_body grew past 48 bytes");
_Static_assert(sizeof(dii_value_entry) <= 40, "dii_value_entry grew past 40 bytes");

char dii_unit_id_absent[1];

const struct dii_sub_body dii_sub_bare = {.unit_id = dii_unit_id_absent,
                                          .place = DII_SUB_IN_BATCH};
const struct dii_sub_body dii_sub_bare_root = {.unit_id = dii_unit_id_absent,
                                               .place = DII_SUB_ROOT};

/* ------------------------------------------------------------------------ */
/* The arena: bodies and extras, freed with the set                          */
/* ------------------------------------------------------------------------ */

struct dii_arena_block {
    struct dii_arena_block *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
};

#define ARENA_FIRST_BYTES ((size_t)1 << 10)
#define ARENA_MAX_BYTES ((size_t)1 << 20)

/* A new block with room for n bytes, put in subs' arena: the next size
 * (blocks grow from 1 KiB to 1 MiB: a small set stays small, a large one
 * costs one heap chunk per MiB), or exactly n bytes for a request larger
 * than that (a sources array), which goes behind the current block, still
 * in use. NULL on allocation failure. */
static struct dii_arena_block *arena_block(struct dii_submissions *subs, size_t n)
{
    struct dii_arena_block *current = subs->arena;
    size_t size = current == NULL                      ? ARENA_FIRST_BYTES
                  : current->size >= ARENA_MAX_BYTES / 2 ? ARENA_MAX_BYTES
                                                         : current->size * 2;
    int own = n > size;
    if (own)
        size = n;
    if (size > SIZE_MAX - sizeof *current)
        return NULL;
    struct dii_arena_block *b = dii_mem_alloc(sizeof *b + size);
    if (b == NULL)
        return NULL;
    b->size = size;
    b->used = 0;
    if (own && current != NULL) {
        b->next = current->next;
        current->next = b;
    } else {
        b->next = current;
        subs->arena = b;
    }
    return b;
}

/* n bytes (a multiple of 8) from subs' arena, zeroed; NULL on allocation
 * failure. */
static void *arena_alloc(struct dii_submissions *subs, size_t n)
{
    struct dii_arena_block *b = subs->arena;
    if ((b == NULL || b->size - b->used < n) && (b = arena_block(subs, n)) == NULL)
        return NULL;
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

static void arena_free(struct dii_arena_block *b)
{
    while (b != NULL) {
        struct dii_arena_block *next = b->next;
        dii_mem_free(b);
        b = next;
    }
}

struct dii_sub_body *dii_sub_body_of(struct dii_submissions *subs, struct dii_submission *sub)
{
    if (!dii_sub_body_is_bare(sub->body))
        return (struct dii_sub_body *)sub->body; /* the arena's: writable */
    struct dii_sub_body *body = arena_alloc(subs, sizeof *body);
    if (body == NULL)
        return NULL;
    *body = *sub->body;
    if (body->place == DII_SUB_IN_BATCH)
        body->batch_index = (uint32_t)(sub - subs->items); /* < max_submissions */
    sub->body = body;
    return body;
}

struct dii_sub_extra *dii_sub_extra_of(struct dii_submissions *subs, struct dii_submission *sub)
{
    struct dii_sub_body *body = dii_sub_body_of(subs, sub);
    if (body == NULL)
        return NULL;
    if (body->extra == NULL)
        body->extra = arena_alloc(subs, sizeof *body->extra);
    return (struct dii_sub_extra *)body->extra;
}

dii_status dii_sub_set_unit_name(struct dii_submissions *subs, struct dii_submission *sub,
                                 const char *s, size_t n)
{
    struct dii_sub_extra *x = dii_sub_extra_of(subs, sub);
    if (x == NULL || (x->unit_name = dii_strpool_store(&subs->texts, s, n)) == NULL)
        return DII_ERR_NO_MEMORY;
    return DII_OK;
}

const char **dii_value_sources_of(struct dii_submissions *subs, struct dii_submission *sub)
{
    struct dii_sub_extra *x = dii_sub_extra_of(subs, sub);
    if (x == NULL)
        return NULL;
    if (x->sources == NULL)
        x->sources = arena_alloc(subs, sub->body->value_count * sizeof *x->sources);
    return x->sources;
}

dii_status dii_value_set_source(struct dii_submissions *subs, struct dii_submission *sub,
                                size_t i, const char *text, size_t n)
{
    const char **sources = dii_value_sources_of(subs, sub);
    if (sources == NULL || (sources[i] = dii_strpool_store(&subs->texts, text, n)) == NULL)
        return DII_ERR_NO_MEMORY;
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Building and freeing                                                      */
/* ------------------------------------------------------------------------ */

void dii_value_entry_clear(dii_value_entry *e)
{
    if (e->kind == DII_VALUE_INVALID)
        dii_mem_free(e->text);
}

static void submission_clear(struct dii_submission *sub)
{
    const struct dii_sub_body *body = sub->body;
    /* values is NULL while a long-table reader still holds them */
    for (size_t i = 0; body->values != NULL && i < body->value_count; i++)
        dii_value_entry_clear(&body->values[i]);
    if (body->values_owned)
        dii_mem_free(body->values);
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
    arena_free(subs->arena);
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
    *sub = (struct dii_submission){&dii_sub_bare, 0, 0};
    return sub;
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

char *dii_submission_pointer(const struct dii_submission *sub, size_t index, int *failed)
{
    *failed = 0;
    char *out;
    switch (sub->body->place) {
    case DII_SUB_ROOT:
        out = dii_mem_strdup("");
        break;
    case DII_SUB_IN_BATCH: /* a bare submission is at its own index */
        out = dii_pointer_join_index("/submissions",
                                     sub->body == &dii_sub_bare ? index : sub->body->batch_index);
        break;
    default:
        return NULL;
    }
    *failed = out == NULL;
    return out;
}

char *dii_submission_member_pointer(const struct dii_submission *sub, size_t index,
                                    const char *member, int *failed)
{
    char *base = dii_submission_pointer(sub, index, failed);
    if (base == NULL)
        return NULL;
    char *out = dii_pointer_join(base, member);
    dii_mem_free(base);
    *failed = out == NULL;
    return out;
}

char *dii_value_pointer(const struct dii_submission *sub, size_t index, const dii_value_entry *e,
                        int *failed)
{
    char *values = dii_submission_member_pointer(sub, index, "values", failed);
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
    return sub ? dii_sub_framework(sub) : NULL;
}

DII_API const char *dii_submission_unit_id(const dii_submission *sub)
{
    return sub ? sub->body->unit_id : NULL;
}

DII_API const char *dii_submission_unit_name(const dii_submission *sub)
{
    return sub ? dii_sub_unit_name(sub) : NULL;
}

DII_API int dii_submission_year(const dii_submission *sub)
{
    return sub && sub->body->year_valid ? sub->body->year : 0;
}

DII_API unsigned long dii_submission_line(const dii_submission *sub)
{
    return sub ? sub->line : 0;
}

static const dii_value_entry *value_at(const dii_submission *sub, size_t i)
{
    return sub && i < sub->body->value_count ? &sub->body->values[i] : NULL;
}

DII_API size_t dii_submission_value_count(const dii_submission *sub)
{
    return sub ? sub->body->value_count : 0;
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
    return e ? dii_value_number(e) : 0;
}

DII_API const char *dii_submission_value_source(const dii_submission *sub, size_t i)
{
    return value_at(sub, i) ? dii_value_source(sub, i) : NULL;
}
