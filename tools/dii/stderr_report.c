/* What score and track say on standard error: the problems of input they
 * refuse (in the text form of `dii validate`, in input order) and the
 * warnings every output made from provisional data carries. One place, so
 * that both commands say it alike. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void print_problems(const cli_options *opts, const dii_diagnostics *d)
{
    out_style style = {use_color(stderr), "en"};
    diag_view v;
    const char *fallback = opts->operand_count == 1 ? opts->operands[0] : "-";
    if (diag_view_build(&v, d, NULL, 1) != 0)
        return;
    write_diagnostic_lines(stderr, &v, fallback, &style);
    diag_view_free(&v);
}

void print_refused(const cli_options *opts, const dii_diagnostics *d, const char *what)
{
    print_problems(opts, d);
    if (dii_diagnostics_count(d) == 0)
        return;
    size_t e = dii_diagnostics_error_count(d), w = dii_diagnostics_warning_count(d);
    fprintf(stderr, "dii: %zu error%s, %zu warning%s: nothing was %s\n", e, e == 1 ? "" : "s",
            w, w == 1 ? "" : "s", what);
}

/* The items of list whose code is `code`, as a new list (NULL when none or
 * out of memory, said on stderr). */
static dii_diagnostics *select_code(const dii_diagnostics *list, const char *code)
{
    size_t n = dii_diagnostics_count(list), kept = 0;
    size_t *at = n ? calloc(n, sizeof *at) : NULL;
    if (n && !at) {
        fprintf(stderr, "dii: out of memory\n");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(dii_diagnostic_code(dii_diagnostics_get(list, i)), code) == 0)
            at[kept++] = i;
    dii_diagnostics *out = NULL;
    if (kept > 0 && dii_diagnostics_select(list, at, kept, &out) != DII_OK)
        fprintf(stderr, "dii: %s\n", dii_last_error());
    free(at);
    return out;
}

dii_diagnostics *relist_refused(const cli_options *opts, const dii_framework *fw,
                                const dii_submissions *subs, dii_diagnostics *refused,
                                const char *extra_code)
{
    /* the library listed what the default cap keeps; the problems shown
     * are those --max-diagnostics keeps (only refused input pays for this
     * second pass) */
    dii_validate_options vo = validate_options(opts);
    dii_diagnostics *d = NULL;
    dii_status st = dii_validate_with(fw, subs, &vo, &d);
    if (st != DII_OK && st != DII_ERR_VALIDATION) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        dii_diagnostics_free(d);
        return refused;
    }
    dii_diagnostics *extra = extra_code ? select_code(refused, extra_code) : NULL;
    dii_diagnostics_free(refused);
    return join_diagnostics(d, extra);
}

void print_output_warnings(size_t n, const char *(*warning)(const void *, size_t),
                           const void *handle, const dii_diagnostics *d)
{
    size_t shown = n > 3 ? 1 : n;
    for (size_t i = 0; i < shown; i++)
        fprintf(stderr, "dii: warning: %s\n", warning(handle, i));
    if (n > shown)
        fprintf(stderr, "dii: warning: %zu more provisional indicators (see 'dii show' or the "
                        "JSON output's \"warnings\")\n", n - shown);
    size_t w = dii_diagnostics_warning_count(d);
    if (w > 0)
        fprintf(stderr, "dii: %zu validation warning%s (missing values, years outside the "
                        "framework); 'dii validate' lists them\n", w, w == 1 ? "" : "s");
}
