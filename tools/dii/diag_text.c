/* validate --format text: one line per problem in the form compilers use
 * (file:line:column: error[code]: message), which editors and CI logs
 * already know how to turn into links, then the hint indented below. */
#include "cli.h"

static const char *const RED = "\033[1;31m", *const YELLOW = "\033[1;33m",
                  *const DIM = "\033[2m", *const RESET = "\033[0m";

static void put_location(FILE *out, const dii_diagnostic *d, const char *fallback)
{
    const char *file = dii_diagnostic_file(d) ? dii_diagnostic_file(d) : fallback;
    unsigned long line = dii_diagnostic_line(d), col = dii_diagnostic_column(d);
    if (line && col)
        fprintf(out, "%s:%lu:%lu: ", file, line, col);
    else if (line)
        fprintf(out, "%s:%lu: ", file, line);
    else
        fprintf(out, "%s: ", file);
}

static void put_diagnostic(FILE *out, const dii_diagnostic *d, const char *file,
                           const out_style *style)
{
    int error = dii_diagnostic_severity(d) == DII_SEVERITY_ERROR;
    put_location(out, d, file);
    fprintf(out, "%s%s%s[%s]: %s\n", style->color ? (error ? RED : YELLOW) : "",
            dii_severity_name(dii_diagnostic_severity(d)), style->color ? RESET : "",
            dii_diagnostic_code(d), dii_diagnostic_message(d));
    if (dii_diagnostic_hint(d))
        fprintf(out, "  %shint: %s%s\n", style->color ? DIM : "", dii_diagnostic_hint(d),
                style->color ? RESET : "");
}

int write_diagnostic_lines(FILE *out, const diag_view *v, const char *fallback_file,
                           const out_style *style)
{
    for (size_t i = 0; i < v->count; i++)
        put_diagnostic(out, v->items[i], fallback_file, style);
    return ferror(out) ? -1 : 0;
}

int write_diagnostics_text(FILE *out, const validated_file *files, size_t n,
                           const out_style *style)
{
    size_t errors = 0, warnings = 0, unread = 0;
    for (size_t f = 0; f < n; f++) {
        const diag_view *v = &files[f].diags;
        write_diagnostic_lines(out, v, files[f].name, style);
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
