/* Private: one way to report a jansson syntax error, shared by the framework
 * and submission parsers so that both give the same byte-based positions. */
#ifndef DII_JSON_SYNTAX_H
#define DII_JSON_SYNTAX_H
#include <jansson.h>
#include <stddef.h>

#include "diag.h"

/* Appends a "syntax" error for err at its line and byte column; text[0] is
 * on line first_line. Returns DII_OK or DII_ERR_NO_MEMORY. */
dii_status dii_json_report_syntax(const char *text, size_t len, unsigned long first_line,
                                  const char *file, const json_error_t *err,
                                  dii_diagnostics *diags);

#endif
