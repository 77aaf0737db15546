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
    const char *code; /* a static string, or owned_code */
    /* The strings below live in one block that copies of the item in
     * other lists share (diag.c, diag_text): read-only once stored;
     * message is never NULL and marks the block. */
    const char *owned_code; /* a caller's code (dii_diagnostics_new_error), else NULL */
    const char *message;
    const char *file;
    const char *pointer;
    const char *hint;
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
    /* The cap (max_diagnostics): once `limit` items are held, further ones
     * are only counted, by severity, so that a flood of problems costs no
     * memory. 0 = no cap (lists built by copying, e.g. concat). */
    size_t limit;
    size_t suppressed_errors;
    size_t suppressed_warnings;
    /* The "too-many-diagnostics" item that reports the suppressed ones has
     * been appended (dii_diag_report_suppressed); its severity. */
    int summarised;
    dii_severity summary_severity;
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
/* Where a list stands (items held, diagnostics suppressed), so that a
 * reader can take back what it added since (dii_diag_rollback). */
typedef struct dii_diag_mark {
    size_t count, suppressed_errors, suppressed_warnings;
} dii_diag_mark;
dii_diag_mark dii_diag_mark_now(const dii_diagnostics *d);
/* Frees the items added since mark and uncounts what was suppressed since:
 * the list is as it was then. Only before the summary item is appended. */
void dii_diag_rollback(dii_diagnostics *d, const dii_diag_mark *mark);
/* Marks the diagnostics from index `from` on as concerning submission s. */
void dii_diag_tag_submission(dii_diagnostics *d, size_t from, long s);
/* Appends a copy of every diagnostic of src (within dst's cap). When src's
 * suppressed diagnostics have not been reported yet (no summary), they
 * carry over to dst, which will report them with its own. */
dii_status dii_diag_append_all(dii_diagnostics *dst, const dii_diagnostics *src);
/* Caps the list at `limit` items (0: no cap); see struct dii_diagnostics. */
void dii_diag_set_limit(dii_diagnostics *d, size_t limit);
/* Whether the list is at its cap: the next diagnostic would only be
 * counted. Lets a caller skip the work of building one (a hint, a
 * pointer); it then calls dii_diag_count_suppressed instead. */
int dii_diag_is_full(const dii_diagnostics *d);
/* Counts one diagnostic of this severity as suppressed. */
void dii_diag_count_suppressed(dii_diagnostics *d, dii_severity severity);
/* Counts n diagnostics of this severity as suppressed. */
void dii_diag_count_suppressed_n(dii_diagnostics *d, dii_severity severity, size_t n);
/* When diagnostics were suppressed, appends the one "too-many-diagnostics"
 * item that says how many (beyond the cap, placed nowhere so that it sorts
 * last). Its severity is error when at least one suppressed diagnostic was
 * an error, else warning, so that the list's verdict (errors or not,
 * warnings or not) is the one the whole list would have given. Call once,
 * when the list is complete. */
dii_status dii_diag_report_suppressed(dii_diagnostics *d, const char *file);
/* Puts the list in input order, the one order every list is handed out in
 * (dii.h): by file, in the order files are first seen in the list (the
 * merge order of a merged set), then line, then column; items without a
 * line after the placed ones of their file; ties keep the list's order. A
 * "too-many-diagnostics" summary already appended stays last. Returns
 * DII_ERR_NO_MEMORY (not recorded) when it cannot, the list unchanged. */
dii_status dii_diag_sort_by_position(dii_diagnostics *d);
/* As dii_diag_sort_by_position, the files ranked by their first place in
 * files[0..nfiles) (a merged set's inputs in merge order; NULL names the
 * set itself), files not among them after those, in the order first seen. */
dii_status dii_diag_sort_in_file_order(dii_diagnostics *d, const char *const *files,
                                       size_t nfiles);
/* Reads the items of several lists one after another (a NULL list is
 * empty), or, when order is not NULL, the items order[0..count) instead
 * (dii_diag_concat_order's), without copying them. */
typedef struct dii_diag_cursor {
    const dii_diagnostics *const *lists;
    size_t nlists;
    const struct dii_diagnostic *const *order;
    size_t count;
    size_t list, at; /* where the next item is */
} dii_diag_cursor;
void dii_diag_cursor_init(dii_diag_cursor *c, const dii_diagnostics *const *lists, size_t n,
                          const struct dii_diagnostic *const *order, size_t count);
/* The next item, or NULL after the last. */
const struct dii_diagnostic *dii_diag_cursor_next(dii_diag_cursor *c);
/* The items of lists[0..n) in the order dii_diagnostics_concat gives them,
 * found without copying any: *order NULL (and nothing allocated) when that
 * is the lists' own order one after another (the usual case: each input's
 * items in position order, inputs one after another), else a new array of
 * *count pointers into the lists (dii_mem_free). DII_ERR_NO_MEMORY (not
 * recorded). */
dii_status dii_diag_concat_order(const dii_diagnostics *const *lists, size_t n,
                                 const struct dii_diagnostic ***order, size_t *count);
/* Errors found, listed or suppressed (the summary item not counted). */
size_t dii_diag_errors_found(const dii_diagnostics *d);
/* A list holding one "unreadable" error for a file that could not be read
 * (message: dii_last_error()), handed to *out when out is not NULL. The
 * status is kept: returns st, or DII_ERR_NO_MEMORY. */
dii_status dii_diag_give_unreadable(const char *file, dii_status st, dii_diagnostics **out);
/* Hands d to the caller through out (when out is not NULL), else frees it. */
void dii_diag_give(dii_diagnostics *d, dii_diagnostics **out);

#endif
