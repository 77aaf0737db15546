/* The diagnostics a report shows: the library's list, less what --ignore
 * and --no-warnings leave out, in input order.
 *
 * Input order is file, then line, then column. Every list the library
 * hands out is in that order, lists joined with dii_diagnostics_concat
 * (what the loader found, then why no framework could be used; `score`'s
 * several files) included, so the view only filters. The JSON report is
 * then written by the library from the view (write_diagnostics_json). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* README "Diagnostic codes": every code raised about submissions (not only
 * by framework files). A test compares this list with the README's. */
static const char *const codes[] = {
    "unreadable",          "syntax",           "encoding",          "unsupported-format",
    "missing-field",       "unknown-field",    "duplicate-field",   "wrong-type",
    "unknown-indicator",   "duplicate-value",  "duplicate-submission", "not-finite",
    "out-of-range",        "no-submissions",   "missing-value",     "year-out-of-range",
    "framework-mismatch",  "unknown-framework", "limit-exceeded",    "too-many-diagnostics",
};
#define CODE_COUNT (sizeof codes / sizeof codes[0])
_Static_assert(CODE_COUNT <= sizeof(unsigned long) * 8, "one bit per code in diag_filter");

const char *diag_code_name(size_t i)
{
    return i < CODE_COUNT ? codes[i] : NULL;
}

static int code_index(const char *code)
{
    for (size_t i = 0; i < CODE_COUNT; i++)
        if (strcmp(code, codes[i]) == 0)
            return (int)i;
    return -1;
}

int diag_filter_ignore(diag_filter *f, const char *code)
{
    int i = code_index(code);
    if (i < 0)
        return -1;
    f->ignored |= 1UL << i;
    return 0;
}

/* Whether the report leaves d out. */
static int filtered_out(const dii_diagnostic *d, const diag_filter *f, int keep_errors)
{
    int error = dii_diagnostic_severity(d) == DII_SEVERITY_ERROR;
    if (f == NULL || (error && keep_errors))
        return 0;
    if (!error && f->no_warnings)
        return 1;
    int i = code_index(dii_diagnostic_code(d));
    return i >= 0 && (f->ignored >> i & 1UL);
}

int diag_view_build(diag_view *v, const dii_diagnostics *d, const diag_filter *f,
                    int keep_errors)
{
    memset(v, 0, sizeof *v);
    size_t n = dii_diagnostics_count(d);
    v->list = d;
    v->items = malloc((n ? n : 1) * sizeof *v->items);
    v->at = malloc((n ? n : 1) * sizeof *v->at);
    if (v->items == NULL || v->at == NULL) {
        diag_view_free(v);
        fprintf(stderr, "dii: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const dii_diagnostic *x = dii_diagnostics_get(d, i);
        if (filtered_out(x, f, keep_errors))
            continue;
        v->items[v->count] = x;
        v->at[v->count++] = i;
        if (dii_diagnostic_severity(x) == DII_SEVERITY_ERROR)
            v->errors++;
        else
            v->warnings++;
    }
    return 0;
}

void diag_view_free(diag_view *v)
{
    free(v->items);
    free(v->at);
    memset(v, 0, sizeof *v);
}
