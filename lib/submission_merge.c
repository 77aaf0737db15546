/* dii_submissions_merge: several loaded inputs as one set, so that a cohort
 * spread over many files is validated and ranked together. Everything is
 * copied; each submission remembers the input it came from, so diagnostics
 * still name the right file. */
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "model.h"

/* A copy of a string that may be NULL in out's texts; *failed is set when
 * a copy fails. */
static const char *copy_opt(struct dii_submissions *out, const char *s, int *failed)
{
    if (!s)
        return NULL;
    const char *c = dii_strpool_store(&out->texts, s, strlen(s));
    if (!c)
        *failed = 1;
    return c;
}

static char *copy_text(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *c = dii_mem_strdup(s);
    if (!c)
        *failed = 1;
    return c;
}

/* The values of src, copied into one array of d's own (body, already
 * d's own). */
static int copy_values(struct dii_submissions *out, struct dii_sub_body *body,
                       const struct dii_sub_body *src)
{
    if (src->value_count == 0)
        return 0;
    body->values = dii_mem_calloc(src->value_count, sizeof *body->values);
    if (!body->values)
        return -1;
    body->values_owned = 1;
    int failed = 0;
    for (size_t i = 0; i < src->value_count && !failed; i++) {
        const dii_value_entry *s = &src->values[i];
        dii_value_entry *e = &body->values[body->value_count++];
        *e = *s;
        if (s->kind == DII_VALUE_INVALID)
            e->text = copy_text(s->text, &failed);
        failed |= dii_value_set_indicator(out, e, s->indicator, strlen(s->indicator)) != DII_OK;
    }
    return failed ? -1 : 0;
}

/* The sources of src's values, once d holds copies of them all. */
static int copy_sources(struct dii_submissions *out, struct dii_submission *d,
                        const struct dii_submission *src)
{
    for (size_t i = 0; i < src->body->value_count; i++) {
        const char *s = dii_value_source(src, i);
        if (s && dii_value_set_source(out, d, i, s, strlen(s)) != DII_OK)
            return -1;
    }
    return 0;
}

/* file: the part's name, already in out's texts (NULL: none). */
static int copy_extra(struct dii_submissions *out, struct dii_submission *d,
                      const struct dii_submission *src, const char *file)
{
    if (!file && !src->body->extra)
        return 0;
    struct dii_sub_extra *x = dii_sub_extra_of(out, d);
    if (!x)
        return -1;
    if (src->body->extra)
        *x = *src->body->extra;
    x->sources = NULL; /* src's: copied with the values (copy_sources) */
    int failed = 0;
    x->file = x->file ? copy_opt(out, x->file, &failed) : file; /* src's own, or the part's */
    x->framework = copy_opt(out, dii_sub_framework(src), &failed);
    x->unit_name = copy_opt(out, dii_sub_unit_name(src), &failed);
    return failed ? -1 : 0;
}

/* A copy of submission `index` of its part, src, at the end of out. A
 * bare one stays bare when it has no file to name and, in a batch, keeps
 * its index. */
static int copy_submission(struct dii_submissions *out, const struct dii_submission *src,
                           size_t index, const char *file)
{
    struct dii_submission *d = dii_submissions_append(out);
    if (!d)
        return -1;
    d->line = src->line;
    d->column = src->column;
    int stays = src->body == &dii_sub_bare_root ||
                (src->body == &dii_sub_bare && index == out->count - 1);
    if (stays && !file) {
        d->body = src->body;
        return 0;
    }
    struct dii_sub_body *body = dii_sub_body_of(out, d);
    if (!body)
        return -1;
    *body = *src->body;
    if (src->body == &dii_sub_bare)
        body->batch_index = (uint32_t)index;
    body->extra = NULL;
    body->values = NULL;
    body->value_count = 0;
    body->values_owned = 0;
    if (body->unit_id != dii_unit_id_absent)
        body->unit_id = dii_strpool_store(&out->texts, src->body->unit_id,
                                          strlen(src->body->unit_id));
    if (!body->unit_id || copy_extra(out, d, src, file) != 0 || copy_values(out, body, src->body) != 0)
        return -1;
    return copy_sources(out, d, src);
}

/* Appends part's submissions and load diagnostics to out. Load diagnostics
 * keep their submission index relative to the merged set. */
static int append_part(struct dii_submissions *out, const struct dii_submissions *part)
{
    size_t offset = out->count, first = out->load_diags->count;
    int failed = 0;
    const char *file = copy_opt(out, part->name, &failed); /* one copy for all */
    for (size_t i = 0; i < part->count && !failed; i++)
        failed = copy_submission(out, &part->items[i], i, file) != 0;
    if (failed)
        return -1;
    if (part->is_csv)
        out->is_csv = 1;
    if (part->indicator_codes) /* the plan table's codes stay resolvable */
        out->indicator_codes = 1;
    if (dii_diag_append_all(out->load_diags, part->load_diags) != DII_OK)
        return -1;
    for (size_t k = first; k < out->load_diags->count; k++)
        if (out->load_diags->items[k].submission >= 0)
            out->load_diags->items[k].submission += (long)offset;
    return 0;
}

DII_API dii_status dii_submissions_merge(const dii_submissions *const *parts, size_t n,
                                         dii_submissions **out)
{
    if (out)
        *out = NULL;
    if (!out || (!parts && n > 0))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_merge: parts and out must "
                                                  "not be NULL");
    for (size_t i = 0; i < n; i++)
        if (!parts[i])
            return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_merge: part %zu is NULL",
                            i);
    struct dii_submissions *merged = dii_mem_calloc(1, sizeof *merged);
    if (merged)
        merged->load_diags = dii_diag_new();
    int failed = !merged || !merged->load_diags;
    for (size_t i = 0; i < n && !failed; i++)
        failed = append_part(merged, parts[i]) != 0;
    if (failed) {
        dii_submissions_destroy(merged);
        return dii_fail_nomem();
    }
    dii_clear_error();
    *out = merged;
    return DII_OK;
}
