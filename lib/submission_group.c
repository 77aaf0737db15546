/* Grouping the rows of a long table into submissions by (unit_id, year),
 * in order of first appearance. */
#include "submission_group.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"

static size_t group_hash(const char *unit, int year)
{
    return dii_hash_finish(dii_hash_string(unit), year);
}

static int group_grow(dii_group_table *t, const struct dii_submissions *subs)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    uint32_t *slots = dii_mem_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i] == 0)
            continue;
        const struct dii_sub_body *s = subs->items[t->slots[i] - 1].body;
        size_t at = group_hash(s->unit_id, s->year) & (cap - 1);
        while (slots[at] != 0)
            at = (at + 1) & (cap - 1);
        slots[at] = t->slots[i];
    }
    dii_mem_free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* The slot for (unit, year): either holding its submission or empty. */
static size_t group_slot(const dii_group_table *t, const struct dii_submissions *subs,
                         const char *unit, int year)
{
    size_t at = group_hash(unit, year) & (t->cap - 1);
    while (t->slots[at] != 0) {
        const struct dii_sub_body *s = subs->items[t->slots[at] - 1].body;
        if (s->year == year && strcmp(s->unit_id, unit) == 0)
            break;
        at = (at + 1) & (t->cap - 1);
    }
    return at;
}

static dii_status new_submission(dii_group_table *t, struct dii_submissions *subs,
                                 const char *unit, int year, size_t slot)
{
    /* 1 + the index fits the uint32_t slots: see dii_group_table */
    if (subs->count >= UINT32_MAX - 1)
        return DII_ERR_NO_MEMORY;
    struct dii_submission *sub = dii_submissions_append(subs);
    struct dii_sub_body *body = sub ? dii_sub_body_of(subs, sub) : NULL;
    if (body == NULL)
        return DII_ERR_NO_MEMORY;
    t->slots[slot] = (uint32_t)subs->count;
    t->used++;
    body->place = DII_SUB_NO_POINTER;
    body->unit_id = dii_strpool_store(&subs->texts, unit, strlen(unit));
    body->year = year;
    body->year_valid = 1;
    return body->unit_id ? DII_OK : DII_ERR_NO_MEMORY;
}

/* Whether the previous row's submission is (unit, year): long tables list a
 * submission's rows together, so this spares most rows the hash. */
static int same_as_last(const dii_group_table *t, const struct dii_submissions *subs,
                        const char *unit, int year)
{
    if (t->last == 0)
        return 0;
    const struct dii_sub_body *s = subs->items[t->last - 1].body;
    return s->year == year && strcmp(s->unit_id, unit) == 0;
}

dii_status dii_group_find(dii_group_table *t, struct dii_submissions *subs, const char *unit,
                          int year, size_t *index, int *created)
{
    *created = 0;
    if (same_as_last(t, subs, unit, year)) {
        *index = t->last - 1;
        return DII_OK;
    }
    if ((t->used + 1) * 2 > t->cap && group_grow(t, subs) != 0)
        return DII_ERR_NO_MEMORY;
    size_t slot = group_slot(t, subs, unit, year);
    if (t->slots[slot] == 0) {
        dii_status st = new_submission(t, subs, unit, year, slot);
        if (st != DII_OK)
            return st;
        *created = 1;
    }
    t->last = t->slots[slot];
    *index = t->last - 1;
    return DII_OK;
}

dii_status dii_group_reserve(dii_group_table *t, size_t n)
{
    if (n <= t->row_cap)
        return DII_OK;
    if (n > SIZE_MAX / sizeof *t->rows)
        return DII_ERR_NO_MEMORY;
    dii_value_entry *rows = dii_mem_realloc(t->rows, n * sizeof *rows);
    if (rows == NULL)
        return DII_ERR_NO_MEMORY;
    t->rows = rows;
    uint32_t *row_sub = dii_mem_realloc(t->row_sub, n * sizeof *row_sub);
    if (row_sub == NULL)
        return DII_ERR_NO_MEMORY;
    t->row_sub = row_sub;
    if (t->row_source != NULL) {
        const char **row_source = dii_mem_realloc(t->row_source, n * sizeof *row_source);
        if (row_source == NULL)
            return DII_ERR_NO_MEMORY;
        t->row_source = row_source;
    }
    t->row_cap = n; /* every array has n now */
    return DII_OK;
}

dii_value_entry *dii_group_add_value(dii_group_table *t, struct dii_submissions *subs,
                                     size_t sub)
{
    if (t->row_count == t->row_cap
        && (t->row_cap > SIZE_MAX / 2
            || dii_group_reserve(t, t->row_cap < 8 ? 8 : 2 * t->row_cap) != DII_OK))
        return NULL;
    /* submissions are numbered in order of first sight, so rows are grouped
     * exactly when their submission numbers never go down */
    if (t->row_count > 0 && sub < t->row_sub[t->row_count - 1])
        t->interleaved = 1;
    t->row_sub[t->row_count] = (uint32_t)sub; /* < subs->count: see dii_group_table */
    if (t->row_source != NULL)
        t->row_source[t->row_count] = NULL;
    dii_sub_body_of(subs, &subs->items[sub])->value_count++; /* a group's: never bare */
    dii_value_entry *e = &t->rows[t->row_count++];
    memset(e, 0, sizeof *e);
    return e;
}

dii_status dii_group_set_source(dii_group_table *t, struct dii_submissions *subs,
                                const char *text, size_t n)
{
    if (t->row_source == NULL) {
        /* the rows so far have none; row_cap >= row_count > 0 here */
        t->row_source = dii_mem_calloc(t->row_cap, sizeof *t->row_source);
        if (t->row_source == NULL)
            return DII_ERR_NO_MEMORY;
    }
    const char *copy = dii_strpool_store(&subs->texts, text, n);
    if (copy == NULL)
        return DII_ERR_NO_MEMORY;
    t->row_source[t->row_count - 1] = copy;
    return DII_OK;
}

/* Rows that came back to earlier submissions, put together by submission
 * (a stable counting sort), their sources with them: rare in long tables,
 * which list a unit's rows together. */
static dii_status regroup(dii_group_table *t, const struct dii_submissions *subs)
{
    /* +1: an allocation of 0 bytes may legitimately return NULL. */
    size_t *next = dii_mem_calloc(subs->count + 1, sizeof *next);
    dii_value_entry *grouped = dii_mem_calloc(t->row_count + 1, sizeof *grouped);
    const char **sources = t->row_source != NULL
                               ? dii_mem_calloc(t->row_count + 1, sizeof *sources) : NULL;
    if (next == NULL || grouped == NULL || (t->row_source != NULL && sources == NULL)) {
        dii_mem_free(next);
        dii_mem_free(grouped);
        dii_mem_free(sources);
        return DII_ERR_NO_MEMORY;
    }
    for (size_t i = 0, at = 0; i < subs->count; i++) {
        next[i] = at;
        at += subs->items[i].body->value_count;
    }
    for (size_t r = 0; r < t->row_count; r++) {
        size_t at = next[t->row_sub[r]]++;
        grouped[at] = t->rows[r];
        if (sources != NULL)
            sources[at] = t->row_source[r];
    }
    dii_mem_free(next);
    dii_mem_free(t->rows);
    dii_mem_free(t->row_source);
    t->rows = grouped;
    t->row_source = sources;
    t->row_cap = t->row_count + 1;
    t->interleaved = 0;
    return DII_OK;
}

/* Gives each submission that has a source among its rows (grouped: see
 * regroup) its sources array. */
static dii_status attach_sources(const dii_group_table *t, struct dii_submissions *subs)
{
    for (size_t i = 0, at = 0; t->row_source != NULL && i < subs->count; i++) {
        size_t count = subs->items[i].body->value_count, first = at;
        at += count;
        size_t k = 0;
        while (k < count && t->row_source[first + k] == NULL)
            k++;
        if (k == count)
            continue;
        const char **sources = dii_value_sources_of(subs, &subs->items[i]);
        if (sources == NULL)
            return DII_ERR_NO_MEMORY;
        memcpy(sources, t->row_source + first, count * sizeof *sources);
    }
    return DII_OK;
}

/* One block for the whole set: hundreds of equal-sized per-submission
 * arrays, made and freed load after load, are what malloc handles worst (it
 * returns the coalesced space to the system and takes it back, a page fault
 * a page: CSV validation ran a third slower with them). */
dii_status dii_group_finish(dii_group_table *t, struct dii_submissions *subs)
{
    if ((t->interleaved && regroup(t, subs) != DII_OK) || attach_sources(t, subs) != DII_OK)
        return DII_ERR_NO_MEMORY;
    size_t at = 0;
    for (size_t i = 0; i < subs->count; i++) {
        struct dii_sub_body *sub = dii_sub_body_of(subs, &subs->items[i]); /* never bare */
        sub->values = sub->value_count > 0 ? t->rows + at : NULL; /* not its own: the set's */
        at += sub->value_count;
    }
    dii_mem_free(subs->value_block);
    subs->value_block = t->rows;
    t->rows = NULL;
    dii_mem_free(t->row_source);
    t->row_source = NULL;
    t->row_count = t->row_cap = 0;
    return DII_OK;
}

void dii_group_table_free(dii_group_table *t)
{
    for (size_t r = 0; r < t->row_count; r++)
        dii_value_entry_clear(&t->rows[r]);
    dii_mem_free(t->rows);
    dii_mem_free(t->row_sub);
    dii_mem_free(t->row_source);
    dii_mem_free(t->slots);
    memset(t, 0, sizeof *t);
}
