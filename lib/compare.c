/* dii_compare: two scorings of the same units matched and set side by side
 * (docs/compare.md). The steps: check that both sides use one framework
 * (§1), choose how to match and index side B by its key (§2), pair the
 * results into entries, then build the model in two passes over the
 * entries' rows: the first counts the rows to list, the second copies them
 * into one block of exactly that size (listing only changed rows must not
 * cost the memory of every row). */
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "compare.h"
#include "error.h"
#include "hash.h"
#include "result.h"

enum { SIDE_A = DII_SIDE_A, SIDE_B = DII_SIDE_B };
#define NONE SIZE_MAX

/* ------------------------------------------------------------------------ */
/* §1: one framework                                                         */
/* ------------------------------------------------------------------------ */

static int same_text(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

static const char *or_none(const char *s)
{
    return s ? s : "(none)";
}

static dii_status check_same_framework(const struct dii_results *a, const struct dii_results *b)
{
    if (strcmp(a->framework_id, b->framework_id) != 0 ||
        !same_text(a->framework_version, b->framework_version))
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_compare: a was scored with framework '%s' (version %s) and b with "
                        "'%s' (version %s); both sides must be scored with the same framework",
                        a->framework_id, or_none(a->framework_version), b->framework_id,
                        or_none(b->framework_version));
    if (a->indicator_count != b->indicator_count)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_compare: framework '%s' (version %s) differs between a and b: "
                        "%zu indicators in a, %zu in b", a->framework_id,
                        or_none(a->framework_version), a->indicator_count, b->indicator_count);
    for (size_t k = 0; k < a->indicator_count; k++)
        if (strcmp(a->indicator_info[k].id, b->indicator_info[k].id) != 0)
            return dii_fail(DII_ERR_INVALID_ARGUMENT,
                            "dii_compare: framework '%s' (version %s) differs between a and b: "
                            "indicator %zu is '%s' in a and '%s' in b", a->framework_id,
                            or_none(a->framework_version), k + 1, a->indicator_info[k].id,
                            b->indicator_info[k].id);
    return DII_OK;
}

static dii_status read_options(const dii_compare_options *opts, int *all_rows)
{
    *all_rows = 0;
    if (!opts)
        return DII_OK;
    if (opts->version < 1 || opts->version > DII_COMPARE_OPTIONS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_compare: opts->version is %u; this "
                        "library knows versions 1 to %d", opts->version,
                        DII_COMPARE_OPTIONS_VERSION);
    *all_rows = opts->all_rows != 0; /* version 1 */
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* §2: matching keys                                                         */
/* ------------------------------------------------------------------------ */

/* One side's results by key (unit id, or unit id and year): open
 * addressing, so that matching n results costs O(n), not O(n²). */
typedef struct key_table {
    size_t *slots; /* 1 + result index; 0 = empty */
    size_t mask;
    const struct dii_results *results;
    int by_year;
} key_table;

static int same_key(const struct dii_result *x, const struct dii_result *y, int by_year)
{
    return strcmp(x->unit_id, y->unit_id) == 0 && (!by_year || x->year == y->year);
}

/* The slot holding r's key in t, or the empty slot where it would go. */
static size_t *key_slot(const key_table *t, const struct dii_result *r)
{
    size_t h = dii_hash_finish(dii_hash_string(r->unit_id), t->by_year ? r->year : 0) & t->mask;
    while (t->slots[h] && !same_key(&t->results->items[t->slots[h] - 1], r, t->by_year))
        h = (h + 1) & t->mask;
    return &t->slots[h];
}

/* The index of the result of t's side with r's key, or NONE. */
static size_t key_find(const key_table *t, const struct dii_result *r)
{
    size_t slot = *key_slot(t, r);
    return slot ? slot - 1 : NONE;
}

/* Indexes every result by key; *dup is the first result whose key an
 * earlier one already has, or NONE. -1 on allocation failure. */
static int key_table_build(key_table *t, const struct dii_results *results, int by_year,
                           size_t *dup)
{
    size_t n = dii_results_count(results), cap = 2;
    while (cap < n * 2) /* at most half full */
        cap *= 2;
    t->slots = dii_mem_calloc(cap, sizeof *t->slots);
    if (!t->slots)
        return -1;
    t->mask = cap - 1;
    t->results = results;
    t->by_year = by_year;
    *dup = NONE;
    for (size_t i = 0; i < n; i++) {
        size_t *slot = key_slot(t, &results->items[i]);
        if (*slot == 0)
            *slot = i + 1;
        else if (*dup == NONE)
            *dup = i;
    }
    return 0;
}

static dii_status refuse_duplicate(const char *side, const struct dii_result *r)
{
    return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_compare: %s holds unit '%s' year %d twice; "
                    "a side may hold one result per unit and year", side, r->unit_id, r->year);
}

/* Chooses the match (§2) and leaves side B indexed by its key in *tb. */
static dii_status index_sides(const struct dii_results *a, const struct dii_results *b,
                              key_table *tb, dii_compare_match *match)
{
    key_table ta = {0};
    size_t dup_a = NONE, dup_b = NONE;
    for (int by_year = 0; by_year <= 1; by_year++) {
        dii_mem_free(ta.slots);
        dii_mem_free(tb->slots);
        ta.slots = tb->slots = NULL;
        if (key_table_build(&ta, a, by_year, &dup_a) != 0 ||
            key_table_build(tb, b, by_year, &dup_b) != 0) {
            dii_mem_free(ta.slots);
            return dii_fail_nomem();
        }
        if (dup_a == NONE && dup_b == NONE) {
            dii_mem_free(ta.slots);
            *match = by_year ? DII_MATCH_UNIT_YEAR : DII_MATCH_UNIT;
            return DII_OK;
        }
    }
    dii_mem_free(ta.slots);
    return dup_a != NONE ? refuse_duplicate("a", &a->items[dup_a])
                         : refuse_duplicate("b", &b->items[dup_b]);
}

/* The entries: result indices on each side (NONE when not on it), A's
 * results in A's order, then B's unmatched ones in B's order. */
typedef struct pairing {
    size_t *a;
    size_t *b;
    size_t count;
} pairing;

static int pair_results(const struct dii_results *a, const struct dii_results *b,
                        const key_table *tb, pairing *p)
{
    size_t na = dii_results_count(a), nb = dii_results_count(b);
    /* +1: calloc of 0 elements may legitimately return NULL. */
    p->a = dii_mem_calloc(na + nb + 1, sizeof *p->a);
    p->b = dii_mem_calloc(na + nb + 1, sizeof *p->b);
    unsigned char *matched = dii_mem_calloc(nb + 1, 1);
    if (!p->a || !p->b || !matched) {
        dii_mem_free(matched);
        return -1;
    }
    p->count = 0;
    for (size_t i = 0; i < na; i++) {
        size_t j = key_find(tb, &a->items[i]);
        if (j != NONE)
            matched[j] = 1;
        p->a[p->count] = i;
        p->b[p->count++] = j;
    }
    for (size_t j = 0; j < nb; j++)
        if (!matched[j]) {
            p->a[p->count] = NONE;
            p->b[p->count++] = j;
        }
    dii_mem_free(matched);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* §3, §4: rows and entries                                                   */
/* ------------------------------------------------------------------------ */

/* What differs in a row (§3). A side the entry is not on has no value,
 * points or status. */
static unsigned char row_changes(const cmp_row *row, int on_both)
{
    unsigned char changes = 0;
    if (row->has_value[SIDE_A] != row->has_value[SIDE_B] ||
        (row->has_value[SIDE_A] && row->value[SIDE_A] != row->value[SIDE_B]))
        changes |= DII_CHANGED_VALUE;
    if (!on_both || row->points[SIDE_A] != row->points[SIDE_B])
        changes |= DII_CHANGED_POINTS;
    if (!on_both || row->status[SIDE_A] != row->status[SIDE_B])
        changes |= DII_CHANGED_STATUS;
    return changes;
}

/* Entry x indicator k from the entry's results (side[s] NULL: not on s). */
static void read_row(cmp_row *row, const struct dii_result *const side[2], size_t k)
{
    memset(row, 0, sizeof *row);
    row->indicator = k;
    for (int s = SIDE_A; s <= SIDE_B; s++) {
        if (!side[s])
            continue;
        const dii_indicator_result *ir = &side[s]->indicators[k];
        row->has_value[s] = ir->has_value;
        row->value[s] = ir->has_value ? ir->value : 0;
        row->points[s] = ir->points;
        row->status[s] = ir->status;
    }
    row->changes = row_changes(row, side[SIDE_A] && side[SIDE_B]);
}

/* An entry is changed (§4) when it is on one side only, a row changed, or
 * its totals differ. */
static int entry_changed(const cmp_unit *unit, int any_row_changed)
{
    const cmp_score *x = &unit->score[SIDE_A], *y = &unit->score[SIDE_B];
    return !unit->on_side[SIDE_A] || !unit->on_side[SIDE_B] || any_row_changed ||
           x->points != y->points || x->index != y->index || x->rank != y->rank;
}

static const char *intern(struct dii_comparison *cmp, const char *s, int *failed)
{
    if (!s)
        return NULL;
    const char *copy = dii_strpool_intern(&cmp->labels, s, strlen(s));
    if (!copy)
        *failed = 1;
    return copy;
}

/* The entry's totals and labels, and (first pass) how many rows it lists. */
static int fill_unit(struct dii_comparison *cmp, cmp_unit *unit,
                     const struct dii_result *const side[2])
{
    int failed = 0;
    const struct dii_result *first = side[SIDE_A] ? side[SIDE_A] : side[SIDE_B];
    const char *name = side[SIDE_A] && side[SIDE_A]->unit_name
                           ? side[SIDE_A]->unit_name
                           : (side[SIDE_B] ? side[SIDE_B]->unit_name : NULL);
    unit->id = intern(cmp, first->unit_id, &failed);
    unit->name = intern(cmp, name, &failed);
    for (int s = SIDE_A; s <= SIDE_B; s++) {
        if (!side[s])
            continue;
        unit->on_side[s] = 1;
        unit->score[s] = (cmp_score){side[s]->year, side[s]->target_year, side[s]->rank,
                                     side[s]->points, side[s]->index};
    }
    int any_changed = 0;
    for (size_t k = 0; k < cmp->indicator_count; k++) {
        cmp_row row;
        read_row(&row, side, k);
        any_changed |= row.changes != 0;
        unit->row_count += cmp->all_rows || row.changes;
    }
    unit->changed = (unsigned char)entry_changed(unit, any_changed);
    return failed ? -1 : 0;
}

/* Second pass: copies the entry's listed rows into the block. */
static void fill_rows(struct dii_comparison *cmp, const cmp_unit *unit,
                      const struct dii_result *const side[2])
{
    cmp_row *out = &cmp->rows[unit->first_row];
    for (size_t k = 0; k < cmp->indicator_count; k++) {
        read_row(out, side, k);
        if (cmp->all_rows || out->changes)
            out++;
    }
}

static void entry_sides(const struct dii_results *a, const struct dii_results *b,
                        const pairing *p, size_t e, const struct dii_result *side[2])
{
    side[SIDE_A] = p->a[e] == NONE ? NULL : &a->items[p->a[e]];
    side[SIDE_B] = p->b[e] == NONE ? NULL : &b->items[p->b[e]];
}

static int build_entries(struct dii_comparison *cmp, const struct dii_results *a,
                         const struct dii_results *b, const pairing *p)
{
    const struct dii_result *side[2];
    cmp->units = dii_mem_calloc(p->count + 1, sizeof *cmp->units);
    if (!cmp->units)
        return -1;
    cmp->unit_count = p->count;
    size_t total = 0;
    for (size_t e = 0; e < p->count; e++) {
        entry_sides(a, b, p, e, side);
        if (fill_unit(cmp, &cmp->units[e], side) != 0)
            return -1;
        cmp->units[e].first_row = total;
        total += cmp->units[e].row_count;
    }
    cmp->rows = dii_mem_calloc(total + 1, sizeof *cmp->rows);
    if (!cmp->rows)
        return -1;
    cmp->row_total = total;
    for (size_t e = 0; e < p->count; e++) {
        entry_sides(a, b, p, e, side);
        fill_rows(cmp, &cmp->units[e], side);
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Framework labels and warnings                                             */
/* ------------------------------------------------------------------------ */

static int fill_framework(struct dii_comparison *cmp, const struct dii_results *a)
{
    size_t n = a->indicator_count;
    int failed = 0;
    cmp->framework_id = dii_mem_strdup(a->framework_id);
    cmp->framework_version = dii_mem_strdup(a->framework_version);
    cmp->framework_status = a->framework_status;
    cmp->indicator_ids = dii_mem_calloc(n + 1, sizeof *cmp->indicator_ids);
    cmp->indicator_codes = dii_mem_calloc(n + 1, sizeof *cmp->indicator_codes);
    cmp->indicator_boolean = dii_mem_calloc(n + 1, 1);
    if (!cmp->framework_id || (a->framework_version && !cmp->framework_version) ||
        !cmp->indicator_ids || !cmp->indicator_codes || !cmp->indicator_boolean)
        return -1;
    cmp->indicator_count = n;
    for (size_t k = 0; k < n; k++) {
        cmp->indicator_ids[k] = intern(cmp, a->indicator_info[k].id, &failed);
        cmp->indicator_codes[k] = intern(cmp, a->indicator_info[k].code, &failed);
        cmp->indicator_boolean[k] = (unsigned char)a->indicator_info[k].is_boolean;
    }
    return failed ? -1 : 0;
}

static int has_warning(const struct dii_comparison *cmp, const char *w)
{
    for (size_t i = 0; i < cmp->warning_count; i++)
        if (strcmp(cmp->warnings[i], w) == 0)
            return 1;
    return 0;
}

/* A's warnings, then B's that A lacks (§5). A handful: one per provisional
 * indicator at most, so the linear look-up is no concern. */
static int fill_warnings(struct dii_comparison *cmp, const struct dii_results *a,
                         const struct dii_results *b)
{
    size_t na = dii_results_warning_count(a), nb = dii_results_warning_count(b);
    cmp->warnings = dii_mem_calloc(na + nb + 1, sizeof *cmp->warnings);
    if (!cmp->warnings)
        return -1;
    const struct dii_results *sides[2] = {a, b};
    int failed = 0;
    for (int s = SIDE_A; s <= SIDE_B; s++)
        for (size_t i = 0; i < dii_results_warning_count(sides[s]); i++) {
            const char *w = dii_results_warning(sides[s], i);
            if (!has_warning(cmp, w))
                cmp->warnings[cmp->warning_count++] = intern(cmp, w, &failed);
            if (failed)
                return -1;
        }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* dii_compare                                                               */
/* ------------------------------------------------------------------------ */

static dii_status build(struct dii_comparison *cmp, const struct dii_results *a,
                        const struct dii_results *b)
{
    key_table tb = {0};
    pairing p = {0};
    dii_status st = index_sides(a, b, &tb, &cmp->match);
    if (st == DII_OK && (pair_results(a, b, &tb, &p) != 0 || fill_framework(cmp, a) != 0 ||
                         fill_warnings(cmp, a, b) != 0 || build_entries(cmp, a, b, &p) != 0))
        st = dii_fail_nomem();
    dii_mem_free(tb.slots); /* also after a refused duplicate */
    dii_mem_free(p.a);
    dii_mem_free(p.b);
    return st;
}

DII_API dii_status dii_compare(const dii_results *a, const dii_results *b,
                               const dii_compare_options *opts, dii_comparison **out)
{
    if (out)
        *out = NULL;
    if (!a || !b || !out)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_compare: a, b and out must not be NULL");
    int all_rows;
    dii_status st = read_options(opts, &all_rows);
    if (st == DII_OK)
        st = check_same_framework(a, b);
    if (st != DII_OK)
        return st;
    struct dii_comparison *cmp = dii_mem_calloc(1, sizeof *cmp);
    if (!cmp)
        return dii_fail_nomem();
    cmp->all_rows = all_rows;
    st = build(cmp, a, b);
    if (st != DII_OK) {
        dii_comparison_destroy(cmp);
        return st;
    }
    *out = cmp;
    dii_clear_error();
    return DII_OK;
}
