/* Private: the parsers' entry points, shared by the public load functions. */
#ifndef DII_PARSE_H
#define DII_PARSE_H
#include <stddef.h>
#include "dii/dii.h"
#include "input_limits.h"
#include "model.h"

/* Reads a file into a new NUL-terminated buffer (DII_ERR_IO on failure):
 * all of it, or its first `most` bytes when it is longer (SIZE_MAX: all). */
dii_status dii_read_file(const char *path, size_t most, char **data, size_t *len);

/* Length of a leading UTF-8 byte-order mark (0 or 3). */
size_t dii_bom_length(const char *data, size_t len);

/* Reports every invalid UTF-8 sequence in data as an "encoding" error with its
 * line and column. Returns the number of problems found (they are appended
 * to diags), or (size_t)-1 on allocation failure. */
size_t dii_utf8_check(const char *data, size_t len, const char *file, dii_diagnostics *diags);

/* Submission parsers. data has no BOM. They append every problem to diags
 * (syntax problems as "syntax" errors) and fill subs; they return DII_ERR_PARSE
 * when the text is not well-formed enough to build the model, DII_OK
 * otherwise (shape problems are only diagnostics), DII_ERR_NO_MEMORY. A limit
 * crossed (string length, depth, submissions; the loader checks the size)
 * is one "limit-exceeded" error and DII_ERR_PARSE, and the parse stops. */
dii_status dii_parse_submissions_json(const char *data, size_t len, const char *file,
                                      const dii_limits *limits, struct dii_submissions *subs,
                                      dii_diagnostics *diags);
dii_status dii_parse_submissions_jsonl(const char *data, size_t len, const char *file,
                                       const dii_limits *limits, struct dii_submissions *subs,
                                       dii_diagnostics *diags);
dii_status dii_parse_submissions_csv(const char *data, size_t len, const char *file,
                                     const dii_parse_options *opts, const dii_limits *limits,
                                     struct dii_submissions *subs, dii_diagnostics *diags);

/* Long tables in columns (submission_columns.c). dii_columns_check: the
 * caller errors (DII_ERR_INVALID_ARGUMENT, message set). dii_read_columns:
 * a reader for submission_load.c's loader, input a checked dii_columns. */
dii_status dii_columns_check(const dii_columns *cols);
dii_status dii_read_columns(const void *input, struct dii_submissions *subs,
                            dii_diagnostics *diags);

/* Framework parser: see dii_framework_load_memory_with. data has no BOM;
 * the input size was checked by the caller; the other limits apply while
 * reading. */
dii_status dii_parse_framework(const char *data, size_t len, const char *file,
                               const dii_limits *limits, struct dii_framework **out,
                               dii_diagnostics *diags);

#endif
