/* jansson syntax errors → located "syntax" diagnostics. jansson counts
 * columns in characters; libdii reports bytes everywhere, so the position
 * is recomputed from jansson's byte offset. */
#include <string.h>

#include "json_syntax.h"
#include "textpos.h"

/* Offset of the token jansson complains about. Its position is just past
 * that token, so step back over the token quoted in "... near 'tok'" when
 * it is really there, else by one byte. */
static int is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static size_t syntax_error_offset(const char *text, size_t len, const json_error_t *err)
{
    size_t end = err->position > 0 ? (size_t)err->position : 0;
    if (end > len)
        end = len;
    const char *near = strstr(err->text, " near '");
    size_t text_len = strlen(err->text);
    if (near != NULL && text_len > 0 && err->text[text_len - 1] == '\'') {
        const char *tok = near + 7;
        size_t tok_len = (size_t)(err->text + text_len - 1 - tok);
        if (tok_len > 0 && tok_len <= end && memcmp(text + end - tok_len, tok, tok_len) == 0)
            return end - tok_len;
    }
    size_t at = end > 0 ? end - 1 : 0;
    /* A number jansson cannot hold ("too big integer", "real number
     * overflow") is reported at its last digit: point at its first. */
    while (at > 0 && is_number_char(text[at]) && is_number_char(text[at - 1]))
        at--;
    return at;
}


dii_status dii_json_report_syntax(const char *text, size_t len, unsigned long first_line,
                                  const char *file, const json_error_t *err,
                                  dii_diagnostics *diags)
{
    text_cursor cur;
    text_cursor_init(&cur, text, len);
    text_cursor_seek(&cur, syntax_error_offset(text, len, err));
    dii_loc loc = {first_line + cur.line - 1, text_cursor_column(&cur), NULL};
    return dii_diag_add(diags, DII_SEVERITY_ERROR, "syntax", file, &loc, NULL, "%s", err->text);
}
