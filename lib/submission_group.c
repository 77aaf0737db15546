/* Grouping the rows of a long table into submissions by (unit_id, year),
 * in order of first appearance. */
#include "submission_group.h"

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
    size_t *slots = dii_mem_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i] == 0)
            continue;
        const struct dii_submission *s = &subs->items[t->slots[i] - 1];
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
        const struct dii_submission *s = &subs->items[t->slots[at] - 1];
        if (s->year == year && strcmp(s->unit_id, unit) == 0)
            break;
        at = (at + 1) & (t->cap - 1);
    }
    return at;
}

/* Room for as many values as the previous row's submission holds: in a
 * table that lists each submission's rows together that is the number every
 * submission will have, so its values array is allocated once, at its size,
 * instead of growing 8, 16, 32. Up to 8 (the first size dii_mem_grow picks)
 * there is nothing to gain, and rows interleaved across submissions give
 * small hints. 0 on allocation failure. */
static int reserve_values(struct dii_submission *sub, size_t hint)
{
    if (hint <= 8)
        return 1;
    sub->values = dii_mem_calloc(hint, sizeof *sub->values);
    if (sub->values == NULL)
        return 0;
    sub->value_cap = hint;
    return 1;
}

static dii_status new_submission(dii_group_table *t, struct dii_submissions *subs,
                                 const char *unit, int year, size_t slot)
{
    size_t hint = t->last ? subs->items[t->last - 1].value_count : 0;
    struct dii_submission *sub = dii_submissions_append(subs);
    if (sub == NULL || !reserve_values(sub, hint))
        return DII_ERR_NO_MEMORY;
    t->slots[slot] = subs->count;
    t->used++;
    sub->unit_id = dii_mem_strdup(unit);
    sub->year = year;
    sub->year_valid = 1;
    return sub->unit_id ? DII_OK : DII_ERR_NO_MEMORY;
}

/* Whether the previous row's submission is (unit, year): long tables list a
 * submission's rows together, so this spares most rows the hash. */
static int same_as_last(const dii_group_table *t, const struct dii_submissions *subs,
                        const char *unit, int year)
{
    if (t->last == 0)
        return 0;
    const struct dii_submission *s = &subs->items[t->last - 1];
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

void dii_group_table_free(dii_group_table *t)
{
    dii_mem_free(t->slots);
    t->slots = NULL;
    t->cap = t->used = t->last = 0;
}
