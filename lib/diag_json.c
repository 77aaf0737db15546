/* The "dii-diagnostics/1" document (design.md §5.4): dii_diagnostics_to_json
 * into memory, dii_diagnostics_write_json streamed to a caller's sink; one
 * serialiser for both.
 *
 * Same layout as the results document (jsonw.h: two-space indent, trailing
 * newline, fixed field order). "errors" and "warnings" are counted from the
 * items themselves and "valid" is errors == 0. file, pointer and hint are
 * null when absent, line and column null when 0 (unknown). */
#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "jsonw.h"

static void put_item(jsonw *w, const struct dii_diagnostic *d)
{
    jw_elem(w);
    jw_open(w, '{');
    jw_key(w, "severity");
    jw_str(w, dii_severity_name(d->severity));
    jw_key(w, "code");
    jw_str(w, d->code);
    jw_key(w, "message");
    jw_str(w, d->message);
    jw_key(w, "file");
    jw_str(w, d->file);
    jw_key(w, "line");
    if (d->line)
        jw_uint(w, d->line);
    else
        jw_null(w);
    jw_key(w, "column");
    if (d->column)
        jw_uint(w, d->column);
    else
        jw_null(w);
    jw_key(w, "pointer");
    jw_str(w, d->pointer);
    jw_key(w, "hint");
    jw_str(w, d->hint);
    jw_close(w, '}');
}

/* The document of the items `start` reads (its copy is read twice: the
 * counts come first), without the final newline. */
static void put_document(strbuf *sb, const dii_diag_cursor *start)
{
    size_t errors = 0, warnings = 0;
    dii_diag_cursor c = *start;
    for (const struct dii_diagnostic *d; (d = dii_diag_cursor_next(&c)) != NULL;) {
        if (d->severity == DII_SEVERITY_ERROR)
            errors++;
        else
            warnings++;
    }

    jsonw w;
    jw_init(&w, sb);
    jw_open(&w, '{');
    jw_key(&w, "format");
    jw_str(&w, "dii-diagnostics/1");
    jw_key(&w, "valid");
    jw_bool(&w, errors == 0);
    jw_key(&w, "errors");
    jw_uint(&w, errors);
    jw_key(&w, "warnings");
    jw_uint(&w, warnings);
    jw_key(&w, "diagnostics");
    jw_open(&w, '[');
    c = *start;
    for (const struct dii_diagnostic *d; (d = dii_diag_cursor_next(&c)) != NULL;)
        put_item(&w, d);
    jw_close(&w, ']');
    jw_close(&w, '}');
}

DII_API dii_status dii_diagnostics_to_json(const dii_diagnostics *diags, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!diags || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_diagnostics_to_json: diags and json must not be NULL");
    /* the list as it is, in its own order (a selection may have any) */
    dii_diag_cursor c;
    dii_diag_cursor_init(&c, &diags, 1, NULL, 0);
    strbuf sb;
    sb_init(&sb);
    put_document(&sb, &c);
    return jw_finish(&sb, json, len);
}

DII_API dii_status dii_diagnostics_write_json(const dii_diagnostics *const *lists, size_t n,
                                              dii_write_fn write, void *ctx)
{
    if ((!lists && n > 0) || !write)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_diagnostics_write_json: lists and write "
                                                  "must not be NULL");
    /* dii_diagnostics_concat's order, without its copy */
    const struct dii_diagnostic **order = NULL;
    size_t count = 0;
    if (dii_diag_concat_order(lists, n, &order, &count) != DII_OK)
        return dii_fail_nomem();
    dii_diag_cursor c;
    dii_diag_cursor_init(&c, lists, n, order, count);
    strbuf sb;
    sb_init_sink(&sb, write, ctx);
    put_document(&sb, &c);
    dii_mem_free(order);
    return jw_finish_stream(&sb, "dii_diagnostics_write_json");
}
