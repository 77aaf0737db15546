/* dii_diagnostics_to_json: the "dii-diagnostics/1" document (design.md §5.4).
 *
 * Same layout as the results document (jsonw.h: two-space indent, trailing
 * newline, fixed field order). "errors" and "warnings" are counted from the
 * items themselves and "valid" is errors == 0. file, pointer and hint are
 * null when absent, line and column null when 0 (unknown). */
#include "diag.h"
#include "error.h"
#include "jsonw.h"

DII_API dii_status dii_diagnostics_to_json(const dii_diagnostics *diags, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!diags || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_diagnostics_to_json: diags and json must not be NULL");

    size_t count = diags->items ? diags->count : 0;
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < count; i++) {
        if (diags->items[i].severity == DII_SEVERITY_ERROR)
            errors++;
        else
            warnings++;
    }

    strbuf sb;
    sb_init(&sb);
    jsonw w;
    jw_init(&w, &sb);

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
    for (size_t i = 0; i < count; i++) {
        const struct dii_diagnostic *d = &diags->items[i];
        jw_elem(&w);
        jw_open(&w, '{');
        jw_key(&w, "severity");
        jw_str(&w, dii_severity_name(d->severity));
        jw_key(&w, "code");
        jw_str(&w, d->code);
        jw_key(&w, "message");
        jw_str(&w, d->message);
        jw_key(&w, "file");
        jw_str(&w, d->file);
        jw_key(&w, "line");
        if (d->line)
            jw_uint(&w, d->line);
        else
            jw_null(&w);
        jw_key(&w, "column");
        if (d->column)
            jw_uint(&w, d->column);
        else
            jw_null(&w);
        jw_key(&w, "pointer");
        jw_str(&w, d->pointer);
        jw_key(&w, "hint");
        jw_str(&w, d->hint);
        jw_close(&w, '}');
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    return jw_finish(&sb, json, len);
}
