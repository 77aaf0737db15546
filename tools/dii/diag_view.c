/* The diagnostics a report shows: the library's list, less what --ignore
 * and --no-warnings leave out, in input order.
 *
 * Input order is file (in the order given on the command line), then line,
 * then column. Each list the library hands out is in that order; a report
 * may join lists of separate calls (what the loader found, then why no
 * framework could be used; `score`'s several files), so the view sorts
 * the joined list by the same rule, with the files in command-line order.
 * The JSON report is then written by the library from the view
 * (write_diagnostics_json). */
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

/* A diagnostic with its sort key. */
typedef struct placed {
    const dii_diagnostic *d;
    size_t file_rank;
    unsigned long line, column; /* line 0 (no place) is stored as the largest */
    size_t seq;                 /* position in the list: ties keep it */
} placed;

static size_t file_rank(const dii_diagnostic *d, const char *const *files, size_t nfiles)
{
    const char *name = dii_diagnostic_file(d);
    for (size_t i = 0; name != NULL && i < nfiles; i++)
        if (strcmp(name, files[i]) == 0)
            return i;
    return nfiles;
}

static int compare_placed(const void *pa, const void *pb)
{
    const placed *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int diag_view_build(diag_view *v, const dii_diagnostics *d, const diag_filter *f,
                    int keep_errors, const char *const *files, size_t nfiles)
{
    memset(v, 0, sizeof *v);
    size_t n = dii_diagnostics_count(d);
    placed *p = malloc((n ? n : 1) * sizeof *p);
    v->list = d;
    v->items = malloc((n ? n : 1) * sizeof *v->items);
    v->at = malloc((n ? n : 1) * sizeof *v->at);
    if (p == NULL || v->items == NULL || v->at == NULL) {
        free(p);
        diag_view_free(v);
        fprintf(stderr, "dii: out of memory\n");
        return -1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const dii_diagnostic *x = dii_diagnostics_get(d, i);
        if (filtered_out(x, f, keep_errors))
            continue;
        unsigned long line = dii_diagnostic_line(x);
        p[kept++] = (placed){x, file_rank(x, files, nfiles), line ? line : (unsigned long)-1,
                             dii_diagnostic_column(x), i};
    }
    qsort(p, kept, sizeof *p, compare_placed);
    for (size_t i = 0; i < kept; i++) {
        v->items[i] = p[i].d;
        v->at[i] = p[i].seq;
        if (dii_diagnostic_severity(p[i].d) == DII_SEVERITY_ERROR)
            v->errors++;
        else
            v->warnings++;
    }
    v->count = kept;
    free(p);
    return 0;
}

void diag_view_free(diag_view *v)
{
    free(v->items);
    free(v->at);
    memset(v, 0, sizeof *v);
}
