/* validate --format text: one line per problem in the form compilers use
 * (file:line:column: error[code]: message), which editors and CI logs
 * already know how to turn into links, then the hint indented below: the
 * library's text of a diagnostic (dii_diagnostic_format_text). */
#include "cli.h"

static int put_plain(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

int put_diagnostic_text(FILE *out, const dii_diagnostic *d, const char *fallback_file,
                        unsigned flags, int (*put)(FILE *, const char *))
{
    char *text = NULL;
    if (dii_diagnostic_format_text(d, flags, &text, NULL) != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return -1;
    }
    /* No file in the item: it concerns the input the command line named,
     * and the library's location (line:column, or none) follows the name. */
    int rc = 0;
    if (dii_diagnostic_file(d) == NULL && fallback_file != NULL)
        rc = put(out, fallback_file) < 0 || put(out, dii_diagnostic_line(d) ? ":" : ": ") < 0;
    rc = rc || put(out, text) < 0;
    dii_free(text);
    return rc ? -1 : 0;
}

int write_diagnostic_lines(FILE *out, const diag_view *v, const char *fallback_file,
                           const out_style *style)
{
    unsigned flags = style->color ? DII_DIAGNOSTIC_TEXT_COLOR : 0;
    for (size_t i = 0; i < v->count; i++)
        if (put_diagnostic_text(out, v->items[i], fallback_file, flags, put_plain) < 0 ||
            fputc('\n', out) == EOF)
            return -1;
    return ferror(out) ? -1 : 0;
}

int write_diagnostics_text(FILE *out, const validated_file *files, size_t n,
                           const out_style *style)
{
    size_t errors = 0, warnings = 0, unread = 0;
    for (size_t f = 0; f < n; f++) {
        const diag_view *v = &files[f].diags;
        if (write_diagnostic_lines(out, v, files[f].name, style) < 0)
            return -1;
        errors += v->errors;
        warnings += v->warnings;
        /* not loaded and nothing to show: it could not be read (said on stderr) */
        unread += unread_without_error(&files[f]);
    }
    fprintf(out, "%zu file%s checked: %zu error%s, %zu warning%s", n, n == 1 ? "" : "s",
            errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    if (unread)
        fprintf(out, ", %zu not readable", unread);
    fputc('\n', out);
    return flush_status(out);
}
