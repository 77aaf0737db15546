/* Markdown text in table cells and headings (GitHub-flavoured Markdown).
 *
 * Names come from framework and submission files, so they may hold
 * characters Markdown gives meaning to: a '|' would split a table cell, a
 * '*' or '_' start emphasis, a '<' an HTML tag, a line break end the table
 * row. Escaping them with a backslash keeps the raw file readable while the
 * rendered page shows the name exactly as written. */
#include <string.h>

#include "cli.h"

int put_md_text(FILE *out, const char *s)
{
    if (s == NULL)
        return 0;
    for (; *s; s++) {
        int c = (unsigned char)*s;
        if (c == '\n' || c == '\r' || c == '\t') {
            if (fputc(' ', out) == EOF)
                return -1;
            continue;
        }
        if (strchr("\\|*_`[]<>~", c) != NULL && fputc('\\', out) == EOF)
            return -1;
        if (fputc(c, out) == EOF)
            return -1;
    }
    return 0;
}
