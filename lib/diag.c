/* Diagnostic lists: building them (private) and reading them (public). */
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "utf8.h"

dii_diagnostics *dii_diag_new(void)
{
    return dii_mem_calloc(1, sizeof(dii_diagnostics));
}


/* Messages quote user input; a raw CR or ESC from a CSV cell must not
 * rewrite the reader's terminal line, so control characters become '?'. */
static void hide_control_chars(char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

/* The strings of an item, in one block: message, file, pointer, hint and a
 * caller's code, each NUL-terminated, after a count of the items that use
 * it. A copy of an item in another list (the validator's copy of the
 * loader's findings, concat, select) shares the block instead of copying
 * it: two full lists of 10,000 items cost one set of strings. The count is
 * atomic because lists sharing a block may be freed by different threads
 * (dii.h: lists are independent objects). */
typedef struct diag_text {
    atomic_uint users;
    char text[];
} diag_text;

static diag_text *text_of(const struct dii_diagnostic *item)
{
    return (diag_text *)(void *)(item->message - offsetof(diag_text, text));
}

static void clear_item(struct dii_diagnostic *item)
{
    if (item->message == NULL)
        return;
    diag_text *t = text_of(item);
    if (atomic_fetch_sub(&t->users, 1) == 1)
        dii_mem_free(t);
    item->message = NULL;
}

/* Appends s and its NUL at *at (when s is not NULL); returns where it went. */
static char *put_text(char **at, const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *start = *at;
    memcpy(start, s, n + 1);
    *at += n + 1;
    return start;
}

/* Sets item's strings to copies of these in one new block; its message is
 * message (owned, freed here). 0, or -1 when an allocation failed. */
static int give_text(struct dii_diagnostic *item, char *message, const char *file,
                     const char *pointer, const char *hint, const char *owned_code)
{
    const char *parts[] = {message, file, pointer, hint, owned_code};
    size_t len[5], total = 0;
    for (size_t i = 0; i < 5; i++) {
        len[i] = parts[i] ? strlen(parts[i]) : 0;
        total += parts[i] ? len[i] + 1 : 0;
    }
    diag_text *t = message ? dii_mem_alloc(sizeof *t + total) : NULL;
    if (t == NULL) {
        dii_mem_free(message);
        return -1;
    }
    atomic_init(&t->users, 1);
    char *at = t->text;
    item->message = put_text(&at, message, len[0]);
    item->file = put_text(&at, file, len[1]);
    item->pointer = put_text(&at, pointer, len[2]);
    item->hint = put_text(&at, hint, len[3]);
    item->owned_code = put_text(&at, owned_code, len[4]);
    if (item->owned_code != NULL)
        item->code = item->owned_code;
    dii_mem_free(message);
    return 0;
}

/* The reason a load is refused is one item and the one thing the user must
 * see: it goes beyond the cap. */
static int always_listed(const char *code)
{
    return strcmp(code, "limit-exceeded") == 0;
}

int dii_diag_is_full(const dii_diagnostics *d)
{
    return d->limit != 0 && d->count >= d->limit;
}

void dii_diag_count_suppressed_n(dii_diagnostics *d, dii_severity severity, size_t n)
{
    if (severity == DII_SEVERITY_ERROR)
        d->suppressed_errors += n;
    else
        d->suppressed_warnings += n;
}

void dii_diag_count_suppressed(dii_diagnostics *d, dii_severity severity)
{
    dii_diag_count_suppressed_n(d, severity, 1);
}

dii_diag_mark dii_diag_mark_now(const dii_diagnostics *d)
{
    return (dii_diag_mark){d->count, d->suppressed_errors, d->suppressed_warnings};
}

void dii_diag_rollback(dii_diagnostics *d, const dii_diag_mark *mark)
{
    while (d->count > mark->count) {
        struct dii_diagnostic *item = &d->items[--d->count];
        if (item->severity == DII_SEVERITY_ERROR)
            d->errors--;
        else
            d->warnings--;
        clear_item(item);
    }
    d->suppressed_errors = mark->suppressed_errors;
    d->suppressed_warnings = mark->suppressed_warnings;
}

void dii_diag_set_limit(dii_diagnostics *d, size_t limit)
{
    d->limit = limit;
}

/* Appends item (its strings already in their block, which the list now
 * holds); on failure releases them. The cap is the callers' business: the
 * summary item goes beyond it. */
static dii_status append_item(dii_diagnostics *d, struct dii_diagnostic *item)
{
    if (dii_mem_grow((void **)&d->items, &d->cap, d->count + 1, sizeof *item) != 0) {
        clear_item(item);
        return dii_fail_nomem();
    }
    d->items[d->count++] = *item;
    if (item->severity == DII_SEVERITY_ERROR)
        d->errors++;
    else
        d->warnings++;
    return DII_OK;
}

/* Stores a new item with copies of the strings (message is owned and
 * freed here; owned_code, a caller's code, may be NULL); all or nothing. */
static dii_status store_item(dii_diagnostics *d, dii_severity severity, const char *code,
                             char *message, const char *file, const char *pointer,
                             const char *hint, const char *owned_code, unsigned long line,
                             unsigned long column)
{
    hide_control_chars(message);
    struct dii_diagnostic item = {severity, code, NULL, NULL, NULL, NULL, NULL,
                                  line, column, -1};
    if (give_text(&item, message, file, pointer, hint, owned_code) != 0)
        return dii_fail_nomem();
    return append_item(d, &item);
}

dii_status dii_diag_addv(dii_diagnostics *d, dii_severity severity, const char *code,
                         const char *file, const dii_loc *loc, const char *hint,
                         const char *fmt, va_list ap)
{
    /* past the cap not even formatted: a flood costs no memory */
    if (dii_diag_is_full(d) && !always_listed(code)) {
        dii_diag_count_suppressed(d, severity);
        return DII_OK;
    }
    char *message = dii_mem_vprintf(fmt, ap);
    return store_item(d, severity, code, message, file, loc ? loc->pointer : NULL, hint, NULL,
                      loc ? loc->line : 0, loc ? loc->column : 0);
}

dii_status dii_diag_add(dii_diagnostics *d, dii_severity severity, const char *code,
                        const char *file, const dii_loc *loc, const char *hint,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dii_status st = dii_diag_addv(d, severity, code, file, loc, hint, fmt, ap);
    va_end(ap);
    return st;
}

/* Appends a copy of item s, sharing its strings (beyond any cap: callers
 * check it). */
static dii_status copy_item(dii_diagnostics *dst, const struct dii_diagnostic *s)
{
    struct dii_diagnostic item = *s;
    atomic_fetch_add(&text_of(s)->users, 1);
    return append_item(dst, &item);
}

dii_status dii_diag_append_all(dii_diagnostics *dst, const dii_diagnostics *src)
{
    for (size_t i = 0; src && i < src->count; i++) {
        const struct dii_diagnostic *s = &src->items[i];
        if (dii_diag_is_full(dst)) {
            dii_diag_count_suppressed(dst, s->severity);
            continue;
        }
        dii_status st = copy_item(dst, s);
        if (st != DII_OK)
            return st;
    }
    if (src && !src->summarised) {
        dst->suppressed_errors += src->suppressed_errors;
        dst->suppressed_warnings += src->suppressed_warnings;
    }
    return DII_OK;
}

dii_status dii_diag_report_suppressed(dii_diagnostics *d, const char *file)
{
    size_t errors = d->suppressed_errors, warnings = d->suppressed_warnings;
    if (errors + warnings == 0 || d->summarised)
        return DII_OK;
    dii_severity severity = errors > 0 ? DII_SEVERITY_ERROR : DII_SEVERITY_WARNING;
    char *message = dii_mem_printf(
        "%zu more diagnostic%s (%zu error%s, %zu warning%s) found but not listed",
        errors + warnings, errors + warnings == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
        warnings, warnings == 1 ? "" : "s");
    dii_status st = store_item(d, severity, "too-many-diagnostics", message, file, NULL,
                               "the list keeps the first max_diagnostics found; fix those "
                               "first (often one mistake repeated), or raise max_diagnostics",
                               NULL, 0, 0);
    if (st == DII_OK) {
        d->summarised = 1;
        d->summary_severity = severity;
    }
    return st;
}

/* ------------------------------------------------------------------------ */
/* Input order                                                               */
/* ------------------------------------------------------------------------ */

/* An item's place: its file's rank, line (0 stored as the largest: an item
 * with no place goes last), column, and its index in the list, so that
 * ties keep the list's order (qsort is not stable by itself). */
typedef struct position {
    size_t file_rank;
    unsigned long line, column;
    size_t at;
    const struct dii_diagnostic *item;
} position;

static int compare_positions(const void *pa, const void *pb)
{
    const position *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

static unsigned long line_key(const struct dii_diagnostic *item)
{
    return item->line ? item->line : (unsigned long)-1;
}

/* Items without a file (NULL) count as one more file. */
static int compare_files(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

typedef struct file_seen {
    const char *file;
    size_t at;
} file_seen;

static int compare_file_seen(const void *pa, const void *pb)
{
    const file_seen *a = pa, *b = pb;
    int c = compare_files(a->file, b->file);
    return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Rank of a file named in `order` (its first place there), or -1. order is
 * sorted by (file, index) for bsearch. */
typedef struct order_index {
    const file_seen *items;
    size_t count;
} order_index;

static long rank_in_order(const order_index *o, const char *file)
{
    size_t lo = 0, hi = o->count;
    while (lo < hi) { /* the first entry not below file */
        size_t mid = lo + (hi - lo) / 2;
        if (compare_files(o->items[mid].file, file) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < o->count && compare_files(o->items[lo].file, file) == 0)
        return (long)o->items[lo].at;
    return -1;
}

/* keys[i].file_rank: the place of item i's file in `order` when it is
 * there, else (after all of those) the index of the first item that names
 * it, so files rank in the order they are first seen. Found by sorting
 * (file, index) pairs, not by a search per item: a merged set may name
 * thousands of files. */
static dii_status rank_files(const struct dii_diagnostic *const *items, size_t n,
                             const order_index *o, position *keys)
{
    file_seen *seen = dii_mem_calloc(n, sizeof *seen);
    if (seen == NULL)
        return DII_ERR_NO_MEMORY;
    for (size_t i = 0; i < n; i++)
        seen[i] = (file_seen){items[i]->file, i};
    qsort(seen, n, sizeof *seen, compare_file_seen);
    size_t first = 0;
    for (size_t r = 0; r < n; r++) {
        if (r == 0 || compare_files(seen[r - 1].file, seen[r].file) != 0) {
            long given = rank_in_order(o, seen[r].file);
            first = given >= 0 ? (size_t)given : o->count + seen[r].at;
        }
        keys[seen[r].at].file_rank = first;
    }
    dii_mem_free(seen);
    return DII_OK;
}

/* Whether b may follow a where both already are in input order: the same
 * file, b not placed before a. */
static int stays_after(const struct dii_diagnostic *a, const struct dii_diagnostic *b)
{
    return compare_files(a->file, b->file) == 0 &&
           (line_key(a) < line_key(b) || (line_key(a) == line_key(b) && a->column <= b->column));
}

/* The usual case, one file found top to bottom, needs no memory. */
static int in_position_order(const struct dii_diagnostic *items, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (!stays_after(&items[i - 1], &items[i]))
            return 0;
    return 1;
}

/* Puts items[0..n) (n > 0) in input order, `o` giving the files' order. */
static dii_status order_items(const struct dii_diagnostic **items, size_t n, const order_index *o)
{
    position *keys = dii_mem_calloc(n, sizeof *keys);
    dii_status st = keys ? rank_files(items, n, o, keys) : DII_ERR_NO_MEMORY;
    if (st == DII_OK) {
        for (size_t i = 0; i < n; i++) {
            keys[i].line = line_key(items[i]);
            keys[i].column = items[i]->column;
            keys[i].at = i;
            keys[i].item = items[i];
        }
        qsort(keys, n, sizeof *keys, compare_positions);
        for (size_t j = 0; j < n; j++)
            items[j] = keys[j].item;
    }
    dii_mem_free(keys);
    return st;
}

/* Sorts the list with `o` giving the files' order (NULL: first seen). */
static dii_status sort_in(dii_diagnostics *d, const order_index *o)
{
    /* the summary of what the cap left out stays last (dii.h) */
    size_t n = d->count - (d->summarised ? 1 : 0);
    /* fewer than two: nothing to sort, and d->items may be NULL (memcpy's
     * arguments must not be, even for 0 bytes) */
    if (n < 2 || (o->count == 0 && in_position_order(d->items, n)))
        return DII_OK;
    const struct dii_diagnostic **order = dii_mem_calloc(n, sizeof *order);
    struct dii_diagnostic *sorted = dii_mem_calloc(n, sizeof *sorted);
    dii_status st = order && sorted ? DII_OK : DII_ERR_NO_MEMORY;
    for (size_t i = 0; st == DII_OK && i < n; i++)
        order[i] = &d->items[i];
    if (st == DII_OK)
        st = order_items(order, n, o);
    if (st == DII_OK) {
        for (size_t j = 0; j < n; j++)
            sorted[j] = *order[j];
        memcpy(d->items, sorted, n * sizeof *sorted);
    }
    dii_mem_free(order);
    dii_mem_free(sorted);
    return st;
}

dii_status dii_diag_sort_by_position(dii_diagnostics *d)
{
    order_index none = {NULL, 0};
    return sort_in(d, &none);
}

dii_status dii_diag_sort_in_file_order(dii_diagnostics *d, const char *const *files,
                                       size_t nfiles)
{
    file_seen *order = dii_mem_calloc(nfiles ? nfiles : 1, sizeof *order);
    if (order == NULL)
        return DII_ERR_NO_MEMORY;
    for (size_t i = 0; i < nfiles; i++)
        order[i] = (file_seen){files[i], i};
    qsort(order, nfiles, sizeof *order, compare_file_seen);
    order_index o = {order, nfiles};
    dii_status st = sort_in(d, &o);
    dii_mem_free(order);
    return st;
}

size_t dii_diag_errors_found(const dii_diagnostics *d)
{
    size_t summary = d->summarised && d->summary_severity == DII_SEVERITY_ERROR;
    return d->errors - summary + d->suppressed_errors;
}

void dii_diag_tag_submission(dii_diagnostics *d, size_t from, long s)
{
    for (size_t i = from; i < d->count; i++)
        d->items[i].submission = s;
}

/* ------------------------------------------------------------------------ */
/* Several lists read as one                                                 */
/* ------------------------------------------------------------------------ */

void dii_diag_cursor_init(dii_diag_cursor *c, const dii_diagnostics *const *lists, size_t n,
                          const struct dii_diagnostic *const *order, size_t count)
{
    *c = (dii_diag_cursor){lists, n, order, count, 0, 0};
}

const struct dii_diagnostic *dii_diag_cursor_next(dii_diag_cursor *c)
{
    if (c->order)
        return c->at < c->count ? c->order[c->at++] : NULL;
    for (; c->list < c->nlists; c->list++, c->at = 0) {
        const dii_diagnostics *l = c->lists[c->list];
        if (l && l->items && c->at < l->count)
            return &l->items[c->at++];
    }
    return NULL;
}

static int compare_file_names(const void *pa, const void *pb)
{
    return compare_files(*(const char *const *)pa, *(const char *const *)pb);
}

/* Whether the lists' items one after another are as sorting them would
 * leave them: each file's items in one run, each run in position order
 * (then the runs rank as their first items, in the order met). Only the
 * runs' files are kept, one pointer per run, so that the usual case, one
 * run per input, costs next to nothing. 1 yes, 0 no, -1 out of memory. */
static int concat_in_order(const dii_diagnostics *const *lists, size_t n)
{
    dii_diag_cursor c;
    const struct dii_diagnostic *prev = NULL, *item;
    size_t runs = 0;
    dii_diag_cursor_init(&c, lists, n, NULL, 0);
    for (; (item = dii_diag_cursor_next(&c)) != NULL; prev = item) {
        if (prev && compare_files(prev->file, item->file) == 0) {
            if (!stays_after(prev, item))
                return 0;
        } else {
            runs++;
        }
    }
    if (runs < 2)
        return 1;
    const char **files = dii_mem_calloc(runs, sizeof *files);
    if (files == NULL)
        return -1;
    size_t r = 0;
    prev = NULL;
    dii_diag_cursor_init(&c, lists, n, NULL, 0);
    for (; (item = dii_diag_cursor_next(&c)) != NULL; prev = item)
        if (!prev || compare_files(prev->file, item->file) != 0)
            files[r++] = item->file;
    qsort(files, runs, sizeof *files, compare_file_names);
    int once = 1; /* no file has two runs */
    for (r = 1; r < runs && once; r++)
        once = compare_files(files[r - 1], files[r]) != 0;
    dii_mem_free(files);
    return once;
}

dii_status dii_diag_concat_order(const dii_diagnostics *const *lists, size_t n,
                                 const struct dii_diagnostic ***order, size_t *count)
{
    *order = NULL;
    *count = 0;
    int in_order = concat_in_order(lists, n);
    if (in_order != 0)
        return in_order > 0 ? DII_OK : DII_ERR_NO_MEMORY;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += dii_diagnostics_count(lists[i]);
    /* not in order: at least two items */
    const struct dii_diagnostic **items = dii_mem_calloc(total, sizeof *items);
    if (items == NULL)
        return DII_ERR_NO_MEMORY;
    dii_diag_cursor c;
    dii_diag_cursor_init(&c, lists, n, NULL, 0);
    for (size_t i = 0; i < total; i++)
        items[i] = dii_diag_cursor_next(&c);
    order_index none = {NULL, 0};
    if (order_items(items, total, &none) != DII_OK) {
        dii_mem_free(items);
        return DII_ERR_NO_MEMORY;
    }
    *order = items;
    *count = total;
    return DII_OK;
}

DII_API dii_status dii_diagnostics_concat(const dii_diagnostics *const *lists, size_t n,
                                          dii_diagnostics **out)
{
    if (out)
        *out = NULL;
    if (!out || (!lists && n > 0))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_concat: lists and out must "
                                                  "not be NULL");
    dii_diagnostics *all = dii_diag_new();
    if (!all)
        return dii_fail_nomem();
    for (size_t i = 0; i < n; i++)
        if (dii_diag_append_all(all, lists[i]) != DII_OK) {
            dii_diagnostics_free(all);
            return dii_fail_nomem();
        }
    if (dii_diag_sort_by_position(all) != DII_OK) {
        dii_diagnostics_free(all);
        return dii_fail_nomem();
    }
    *out = all;
    dii_clear_error(); /* as every call that succeeds (dii.h, conventions) */
    return DII_OK;
}

DII_API dii_status dii_diagnostics_select(const dii_diagnostics *list, const size_t *items,
                                          size_t n, dii_diagnostics **out)
{
    if (out)
        *out = NULL;
    if (!out || (!items && n > 0))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_select: items and out must "
                                                  "not be NULL");
    size_t count = dii_diagnostics_count(list);
    for (size_t i = 0; i < n; i++)
        if (items[i] >= count)
            return dii_fail(DII_ERR_OUT_OF_RANGE, "dii_diagnostics_select: index %zu (item %zu) "
                            "is past the end of a list of %zu", items[i], i, count);
    dii_diagnostics *picked = dii_diag_new();
    if (!picked)
        return dii_fail_nomem();
    for (size_t i = 0; i < n; i++)
        if (copy_item(picked, &list->items[items[i]]) != DII_OK) {
            dii_diagnostics_free(picked);
            return dii_fail_nomem();
        }
    *out = picked;
    dii_clear_error();
    return DII_OK;
}

/* A stable code's shape (README "Diagnostic codes"): kebab-case. */
static int is_kebab_code(const char *code)
{
    if (*code == '\0')
        return 0;
    for (; *code; code++)
        if (!((*code >= 'a' && *code <= 'z') || (*code >= '0' && *code <= '9') || *code == '-'))
            return 0;
    return 1;
}

DII_API dii_status dii_diagnostics_new_error(const char *code, const char *message,
                                             const char *file, dii_diagnostics **out)
{
    if (out)
        *out = NULL;
    if (!out || !code || !message)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_new_error: code, message "
                                                  "and out must not be NULL");
    if (!is_kebab_code(code))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_new_error: code must be "
                                                  "kebab-case (a-z, 0-9, '-'), not empty");
    if (*message == '\0' || !dii_utf8_is_valid(message))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_new_error: message must be "
                                                  "non-empty UTF-8");
    dii_diagnostics *d = dii_diag_new();
    if (!d || store_item(d, DII_SEVERITY_ERROR, code, dii_mem_strdup(message), file, NULL, NULL,
                         code, 0, 0) != DII_OK) {
        dii_diagnostics_free(d);
        return dii_fail_nomem();
    }
    *out = d;
    dii_clear_error();
    return DII_OK;
}

dii_status dii_diag_give_unreadable(const char *file, dii_status st, dii_diagnostics **out)
{
    if (!out)
        return st;
    char message[512];
    snprintf(message, sizeof message, "%s", dii_last_error());
    dii_diagnostics *d = dii_diag_new();
    if (!d || dii_diag_add(d, DII_SEVERITY_ERROR, "unreadable", file, NULL,
                           "check the path and the file's permissions", "%s",
                           message) != DII_OK) {
        dii_diagnostics_free(d);
        return dii_fail_nomem();
    }
    dii_fail(st, "%s", message); /* building the list must not change the message */
    *out = d;
    return st;
}

void dii_diag_give(dii_diagnostics *d, dii_diagnostics **out)
{
    if (out)
        *out = d;
    else
        dii_diagnostics_free(d);
}

DII_API void dii_diagnostics_free(dii_diagnostics *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        clear_item(&d->items[i]);
    dii_mem_free(d->items);
    dii_mem_free(d);
}

DII_API size_t dii_diagnostics_count(const dii_diagnostics *d)
{
    return d ? d->count : 0;
}

DII_API size_t dii_diagnostics_error_count(const dii_diagnostics *d)
{
    return d ? d->errors : 0;
}

DII_API size_t dii_diagnostics_warning_count(const dii_diagnostics *d)
{
    return d ? d->warnings : 0;
}

DII_API const dii_diagnostic *dii_diagnostics_get(const dii_diagnostics *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

DII_API dii_severity dii_diagnostic_severity(const dii_diagnostic *diag)
{
    return diag ? diag->severity : DII_SEVERITY_ERROR;
}

DII_API const char *dii_diagnostic_code(const dii_diagnostic *diag)
{
    return diag ? diag->code : NULL;
}

DII_API const char *dii_diagnostic_message(const dii_diagnostic *diag)
{
    return diag ? diag->message : NULL;
}

DII_API const char *dii_diagnostic_file(const dii_diagnostic *diag)
{
    return diag ? diag->file : NULL;
}

DII_API unsigned long dii_diagnostic_line(const dii_diagnostic *diag)
{
    return diag ? diag->line : 0;
}

DII_API unsigned long dii_diagnostic_column(const dii_diagnostic *diag)
{
    return diag ? diag->column : 0;
}

DII_API const char *dii_diagnostic_pointer(const dii_diagnostic *diag)
{
    return diag ? diag->pointer : NULL;
}

DII_API long dii_diagnostic_submission(const dii_diagnostic *diag)
{
    return diag ? diag->submission : -1;
}

DII_API const char *dii_diagnostic_hint(const dii_diagnostic *diag)
{
    return diag ? diag->hint : NULL;
}

DII_API const char *dii_severity_name(dii_severity severity)
{
    return severity == DII_SEVERITY_WARNING ? "warning" : "error";
}
