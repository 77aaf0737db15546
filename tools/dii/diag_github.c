/* `dii validate --format github`: GitHub Actions workflow commands, which
 * the runner turns into annotations on the lines of the pull request:
 *
 *   ::error file=data/x.json,line=7,col=5,title=unknown-indicator::unknown indicator 'x' (hint: ...)
 *
 * Escaping follows the runner's rules (actions/toolkit, command.ts): in the
 * message '%', CR and LF are percent-encoded; in a property value ':' and
 * ',' are too, since they separate the properties. Without that, a message
 * with a newline would end the command early and the rest would be lost. */
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

int write_diagnostics_github(FILE *out, const validated_file *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t count = dii_diagnostics_count(files[i].diags);
        for (size_t j = 0; j < count; j++) {
            const dii_diagnostic *d = dii_diagnostics_get(files[i].diags, j);
            const char *file = dii_diagnostic_file(d);
            if (put_command(out, d, file != NULL ? file : files[i].name) < 0)
                return -1;
        }
    }
    return flush_status(out);
}
