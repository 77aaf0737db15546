/* Private: the limits on submissions and framework input (dii_parse_options,
 * version 2).
 *
 * Every reader asks the same two questions, in the same words: is this
 * amount beyond the limit, and if so, what does the user read. Keeping
 * both here means the JSON reader, the CSV reader and the loader cannot
 * drift apart on what "at the limit" means or on how the way out is named. */
#ifndef DII_INPUT_LIMITS_H
#define DII_INPUT_LIMITS_H
#include <stddef.h>

#include "diag.h"
#include "dii/dii.h"

typedef enum dii_limit_kind {
    DII_LIMIT_INPUT_BYTES,
    DII_LIMIT_DEPTH,
    DII_LIMIT_STRING_BYTES,
    DII_LIMIT_SUBMISSIONS,
    DII_LIMIT_NONE /* not a limit: "no limit was crossed" where one is recorded */
} dii_limit_kind;

/* The limits in force, every one resolved to a positive number. */
typedef struct dii_limits {
    size_t max[DII_LIMIT_NONE];
} dii_limits;

/* The limits of opts: its members when opts->version has them and they are
 * not 0, the defaults otherwise (also for opts NULL). */
dii_limits dii_limits_of(const dii_parse_options *opts);

/* The diagnostics cap of a load (dii_parse_options.max_diagnostics, read
 * only from a version-3 struct) or of a validation: `given`, or the default
 * when it is 0. Not a limit of the kinds above: crossing it refuses
 * nothing (diag.h). */
size_t dii_parse_max_diagnostics(const dii_parse_options *opts);
size_t dii_max_diagnostics_or_default(size_t given);

/* Whether amount is beyond limit kind: the one comparison, so that
 * "exactly at the limit" is accepted everywhere. */
int dii_limit_exceeded(const dii_limits *limits, dii_limit_kind kind, size_t amount);

/* Appends the "limit-exceeded" error for kind at loc. DII_ERR_PARSE when it
 * was added (the load is refused), DII_ERR_NO_MEMORY otherwise. */
dii_status dii_limit_report(dii_diagnostics *d, const char *file, const dii_loc *loc,
                            const dii_limits *limits, dii_limit_kind kind);

/* dii_limit_exceeded, then dii_limit_report when it is: DII_OK when amount
 * is within the limit. */
dii_status dii_limit_check(dii_diagnostics *d, const char *file, const dii_loc *loc,
                           const dii_limits *limits, dii_limit_kind kind, size_t amount);

/* The input size rule of every loader (submissions and frameworks): len
 * bytes at data, a BOM included, against max_input_bytes. Beyond it, the
 * error points at the first byte beyond the limit (positions count from
 * after a BOM, as everywhere) and DII_ERR_PARSE is returned. */
dii_status dii_limit_check_size(const char *data, size_t len, const char *file,
                                const dii_limits *limits, dii_diagnostics *d);

/* How many bytes a file loader reads: one more than max_input_bytes is
 * enough to know the file is too long (so an endless file ends the read),
 * but no fewer than 4, a BOM and a byte, so that a tiny limit places its
 * error as a load from memory does. */
size_t dii_limit_read_most(const dii_limits *limits);

#endif
