/* `dii validate --format json`: one "dii-diagnostics/1" document for every
 * file (design.md §5.4), written from the views the report shows.
 *
 * The library's dii_diagnostics_to_json writes a whole list; the report
 * needs a filtered (--ignore, --no-warnings) and re-ordered one, which the
 * public API cannot build, so the document is written here in the exact
 * layout of the library's writer (two-space indent, fixed member order,
 * null for an absent file, pointer, hint, line or column). The golden
 * files, made with the library's writer, hold the two to the same bytes. */
#include "cli.h"

/* s as a JSON string (null for NULL): '"', '\\' and the C0 controls
 * escaped, UTF-8 as it is, a byte that is not UTF-8 as U+FFFD. */
static int put_json_string(FILE *out, const char *s)
{
    if (s == NULL)
        return fputs("null", out) == EOF ? -1 : 0;
    if (fputc('"', out) == EOF)
        return -1;
    unsigned long cp;
    size_t n;
    while ((n = utf8_next(s, &cp)) > 0) {
        int rc;
        if (cp == '"' || cp == '\\')
            rc = fprintf(out, "\\%c", (char)cp);
        else if (cp == '\n')
            rc = fprintf(out, "\\n");
        else if (cp == '\r')
            rc = fprintf(out, "\\r");
        else if (cp == '\t')
            rc = fprintf(out, "\\t");
        else if (cp < 0x20)
            rc = fprintf(out, "\\u%04lx", cp);
        else if (cp == UTF8_INVALID)
            rc = fputs("\xEF\xBF\xBD", out) == EOF ? -1 : 0;
        else
            rc = fwrite(s, 1, n, out) == n ? 0 : -1;
        if (rc < 0)
            return -1;
        s += n;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}

/* "key": "value" (or null) at the indent of a diagnostic's members. */
static int put_member(FILE *out, const char *key, const char *value, int last)
{
    if (fprintf(out, "      \"%s\": ", key) < 0 || put_json_string(out, value) < 0)
        return -1;
    return fputs(last ? "\n" : ",\n", out) == EOF ? -1 : 0;
}

/* A line or column: the number, or null when 0 (unknown). */
static int put_position(FILE *out, const char *key, unsigned long v)
{
    return (v ? fprintf(out, "      \"%s\": %lu,\n", key, v)
              : fprintf(out, "      \"%s\": null,\n", key)) < 0
               ? -1
               : 0;
}

/* The members of one diagnostic, as plain values. */
typedef struct item {
    const char *severity, *code, *message, *file;
    unsigned long line, column;
    const char *pointer, *hint;
} item;

static item item_of(const dii_diagnostic *d)
{
    return (item){dii_severity_name(dii_diagnostic_severity(d)), dii_diagnostic_code(d),
                  dii_diagnostic_message(d), dii_diagnostic_file(d), dii_diagnostic_line(d),
                  dii_diagnostic_column(d), dii_diagnostic_pointer(d), dii_diagnostic_hint(d)};
}

static int put_item(FILE *out, const item *d, int first)
{
    if (fputs(first ? "\n    {\n" : ",\n    {\n", out) == EOF ||
        put_member(out, "severity", d->severity, 0) < 0 ||
        put_member(out, "code", d->code, 0) < 0 || put_member(out, "message", d->message, 0) < 0 ||
        put_member(out, "file", d->file, 0) < 0 || put_position(out, "line", d->line) < 0 ||
        put_position(out, "column", d->column) < 0 ||
        put_member(out, "pointer", d->pointer, 0) < 0 || put_member(out, "hint", d->hint, 1) < 0)
        return -1;
    return fputs("    }", out) == EOF ? -1 : 0;
}

/* One file's items: its diagnostics, or the "unreadable" error of a load
 * failure nothing explains. */
static int put_file(FILE *out, const validated_file *f, int *first)
{
    if (unread_without_error(f)) {
        item u = {"error", "unreadable", UNEXPLAINED_LOAD_FAILURE_MESSAGE, f->name, 0, 0,
                  NULL, NULL};
        int rc = put_item(out, &u, *first);
        *first = 0;
        return rc;
    }
    for (size_t j = 0; j < f->diags.count; j++, *first = 0) {
        item d = item_of(f->diags.items[j]);
        if (put_item(out, &d, *first) < 0)
            return -1;
    }
    return 0;
}

int write_diagnostics_json(FILE *out, const validated_file *files, size_t n)
{
    size_t errors = 0, warnings = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        int unread = unread_without_error(&files[i]);
        errors += files[i].diags.errors + (size_t)unread;
        warnings += files[i].diags.warnings;
        count += files[i].diags.count + (size_t)unread;
    }
    if (fprintf(out,
                "{\n  \"format\": \"dii-diagnostics/1\",\n  \"valid\": %s,\n"
                "  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"diagnostics\": [",
                errors == 0 ? "true" : "false", errors, warnings) < 0)
        return -1;
    int first = 1;
    for (size_t i = 0; i < n; i++)
        if (put_file(out, &files[i], &first) < 0)
            return -1;
    if (fputs(count ? "\n  ]\n}\n" : "]\n}\n", out) == EOF)
        return -1;
    return flush_status(out);
}
