/* `dii validate --format github`: GitHub Actions workflow commands, which
 * the runner turns into annotations on the lines of the pull request:
 *
 *   ::error file=data/x.json,line=7,col=5,title=unknown-indicator::unknown indicator 'x' (hint: ...)
 *
 * Escaping follows the runner's rules (actions/toolkit, command.ts): in the
 * message '%', CR and LF are percent-encoded; in a property value ':' and
 * ',' are too, since they separate the properties. Without that, a message
 * with a newline would end the command early and the rest would be lost. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Writes s with the characters the runner would misread percent-encoded. */
static int put_escaped(FILE *out, const char *s, int property)
{
    for (; s != NULL && *s; s++) {
        const char *esc = NULL;
        if (*s == '%')
            esc = "%25";
        else if (*s == '\r')
            esc = "%0D";
        else if (*s == '\n')
            esc = "%0A";
        else if (property && *s == ':')
            esc = "%3A";
        else if (property && *s == ',')
            esc = "%2C";
        if (esc != NULL ? fputs(esc, out) == EOF : fputc(*s, out) == EOF)
            return -1;
    }
    return 0;
}

/* "file=F,line=L,col=C,title=CODE": line and column only when known (0
 * means the problem has no single place, e.g. a value never reported). */
static int put_properties(FILE *out, const dii_diagnostic *d, const char *file)
{
    unsigned long line = dii_diagnostic_line(d), col = dii_diagnostic_column(d);
    if (fputs("file=", out) == EOF || put_escaped(out, file, 1) < 0)
        return -1;
    if (line > 0 && fprintf(out, ",line=%lu", line) < 0)
        return -1;
    if (line > 0 && col > 0 && fprintf(out, ",col=%lu", col) < 0)
        return -1;
    return fputs(",title=", out) == EOF || put_escaped(out, dii_diagnostic_code(d), 1) < 0 ? -1 : 0;
}

static int put_command(FILE *out, const dii_diagnostic *d, const char *file)
{
    const char *hint = dii_diagnostic_hint(d);
    const char *kind = dii_diagnostic_severity(d) == DII_SEVERITY_ERROR ? "error" : "warning";
    if (fprintf(out, "::%s ", kind) < 0 || put_properties(out, d, file) < 0 ||
        fputs("::", out) == EOF || put_escaped(out, dii_diagnostic_message(d), 0) < 0)
        return -1;
    if (hint != NULL &&
        (fputs(" (hint: ", out) == EOF || put_escaped(out, hint, 0) < 0 || fputc(')', out) == EOF))
        return -1;
    return fputc('\n', out) == EOF ? -1 : 0;
}

typedef struct totals {
    size_t errors, warnings;
} totals;

static totals count_all(const validated_file *files, size_t n)
{
    totals t = {0, 0};
    for (size_t i = 0; i < n; i++) {
        t.errors += files[i].diags.errors;
        t.warnings += files[i].diags.warnings;
    }
    return t;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* A run with nothing to annotate still says what it checked: a log that is
 * empty looks like a step that did not run. */
static int put_valid_notice(FILE *out, size_t n, totals t)
{
    return fprintf(out, "::notice::dii: %zu file%s valid, %zu error%s, %zu warning%s\n", n,
                   plural(n), t.errors, plural(t.errors), t.warnings, plural(t.warnings)) < 0
               ? -1
               : 0;
}

int write_diagnostics_github(FILE *out, const validated_file *files, size_t n, int exit_code)
{
    for (size_t i = 0; i < n; i++) {
        const diag_view *v = &files[i].diags;
        if (unread_without_error(&files[i]) &&
            (fputs("::error file=", out) == EOF || put_escaped(out, files[i].name, 1) < 0 ||
             fputs(",title=unreadable::" UNEXPLAINED_LOAD_FAILURE_MESSAGE "\n", out) == EOF))
            return -1;
        for (size_t j = 0; j < v->count; j++) {
            const char *file = dii_diagnostic_file(v->items[j]);
            if (put_command(out, v->items[j], file != NULL ? file : files[i].name) < 0)
                return -1;
        }
    }
    if (exit_code == EXIT_VALID && put_valid_notice(out, n, count_all(files, n)) < 0)
        return -1;
    return flush_status(out);
}

/* ---- the job summary ($GITHUB_STEP_SUMMARY) -------------------------------- */

static const char *verdict_text(int exit_code)
{
    return exit_code == EXIT_VALID     ? "valid"
           : exit_code == EXIT_INVALID ? "invalid"
                                       : "not every file could be read";
}

/* One row per file: | file | errors | warnings | */
static int put_summary_row(FILE *out, const validated_file *f)
{
    if (fputs("| ", out) == EOF || put_md_text(out, f->name) < 0)
        return -1;
    if (f->subs == NULL && f->diags.errors == 0 && fputs(" (not readable)", out) == EOF)
        return -1;
    return fprintf(out, " | %zu | %zu |\n", f->diags.errors, f->diags.warnings) < 0 ? -1 : 0;
}

static int put_summary(FILE *out, const validated_file *files, size_t n, int exit_code)
{
    totals t = count_all(files, n);
    if (fprintf(out,
                "### dii validate: %s\n\n%zu file%s checked: %zu error%s, %zu warning%s.\n\n"
                "| File | Errors | Warnings |\n|---|---:|---:|\n",
                verdict_text(exit_code), n, plural(n), t.errors, plural(t.errors), t.warnings,
                plural(t.warnings)) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_summary_row(out, &files[i]) < 0)
            return -1;
    return fputs("\n", out) == EOF ? -1 : 0;
}

/* Appended, as GitHub asks (other steps' summaries are in the same file).
 * The variable unset or empty: not on a GitHub runner, nothing to do. */
int write_github_step_summary(const validated_file *files, size_t n, int exit_code)
{
    const char *path = getenv("GITHUB_STEP_SUMMARY");
    if (path == NULL || *path == '\0')
        return 0;
    errno = 0;
    FILE *out = fopen(path, "a");
    int failed = out == NULL;
    if (!failed) {
        failed = put_summary(out, files, n, exit_code) < 0;
        failed |= fclose(out) != 0;
    }
    if (failed) {
        fprintf(stderr, "dii: cannot write the job summary %s ($GITHUB_STEP_SUMMARY): %s\n", path,
                errno ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}
