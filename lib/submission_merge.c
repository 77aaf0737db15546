/* dii_submissions_merge: several loaded inputs as one set, so that a cohort
 * spread over many files is validated and ranked together. Everything is
 * copied; each submission remembers the input it came from, so diagnostics
 * still name the right file. */
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "model.h"

/* Copies a string that may be NULL; *failed is set when a copy fails. */
static char *copy_opt(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *c = dii_mem_strdup(s);
    if (!c)
        *failed = 1;
    return c;
}

static int copy_values(struct dii_submissions *out, struct dii_submission *dst,
                       const struct dii_submission *src)
{
    int failed = 0;
    for (size_t i = 0; i < src->value_count && !failed; i++) {
        const dii_value_entry *s = &src->values[i];
        dii_value_entry *d = dii_submission_append_value(dst);
        if (!d)
            return -1;
        *d = *s;
        failed = dii_value_set_indicator(out, d, s->indicator, strlen(s->indicator)) != DII_OK;
        d->text = copy_opt(s->text, &failed);
        d->source = copy_opt(s->source, &failed);
    }
    return failed ? -1 : 0;
}

static int copy_submission(struct dii_submissions *out, const struct dii_submission *src,
                           const char *file)
{
    struct dii_submission *d = dii_submissions_append(out);
    if (!d)
        return -1;
    *d = *src;
    d->values = NULL;
    d->value_count = d->value_cap = 0;
    int failed = 0;
    d->file = copy_opt(src->file ? src->file : file, &failed);
    d->framework = copy_opt(src->framework, &failed);
    d->unit_id = src->unit_id == dii_unit_id_absent
                     ? dii_unit_id_absent
                     : dii_strpool_store(&out->texts, src->unit_id, strlen(src->unit_id));
    failed |= d->unit_id == NULL;
    d->unit_name = copy_opt(src->unit_name, &failed);
    return failed ? -1 : copy_values(out, d, src);
}

/* Appends part's submissions and load diagnostics to out. Load diagnostics
 * keep their submission index relative to the merged set. */
static int append_part(struct dii_submissions *out, const struct dii_submissions *part)
{
    size_t offset = out->count, first = out->load_diags->count;
    for (size_t i = 0; i < part->count; i++)
        if (copy_submission(out, &part->items[i], part->name) != 0)
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
