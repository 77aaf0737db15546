/* Private: building diagnostic lists. */
#ifndef DII_DIAG_H
#define DII_DIAG_H
#include <stdarg.h>
#include "dii/dii.h"

/* Where something is in an input: 1-based line and column (0 = unknown) and
 * an RFC 6901 pointer for JSON inputs (NULL otherwise). The pointer is
 * borrowed; dii_diag_add copies it. */
typedef struct dii_loc {
    unsigned long line;
    unsigned long column;
    const char *pointer;
} dii_loc;

struct dii_diagnostic {
    dii_severity severity;
    const char *code; /* static string */
    char *message;
    char *file;
    char *pointer;
    char *hint;
    unsigned long line;
    unsigned long column;
    long submission; /* index of the submission concerned, -1 = the input as a whole */
};

struct dii_diagnostics {
    struct dii_diagnostic *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
};

dii_diagnostics *dii_diag_new(void);
/* Appends one diagnostic. loc, file and hint may be NULL. Returns
 * DII_ERR_NO_MEMORY (and records it) when the list cannot grow. */
dii_status dii_diag_add(dii_diagnostics *d, dii_severity severity, const char *code,
                        const char *file, const dii_loc *loc, const char *hint,
                        const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* As dii_diag_add with a va_list. */
dii_status dii_diag_addv(dii_diagnostics *d, dii_severity severity, const char *code,
                         const char *file, const dii_loc *loc, const char *hint,
                         const char *fmt, va_list ap);
/* Marks the diagnostics from index `from` on as concerning submission s. */
void dii_diag_tag_submission(dii_diagnostics *d, size_t from, long s);
/* Appends a copy of every diagnostic of src. */
dii_status dii_diag_append_all(dii_diagnostics *dst, const dii_diagnostics *src);
/* A list holding one "unreadable" error for a file that could not be read
 * (message: dii_last_error()), handed to *out when out is not NULL. The
 * status is kept: returns st, or DII_ERR_NO_MEMORY. */
dii_status dii_diag_give_unreadable(const char *file, dii_status st, dii_diagnostics **out);
/* Hands d to the caller through out (when out is not NULL), else frees it. */
void dii_diag_give(dii_diagnostics *d, dii_diagnostics **out);

#endif
