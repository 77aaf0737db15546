/* Private: turning byte offsets into 1-based line and column numbers.
 *
 * Every reader of libdii counts lines the same way, so that positions from
 * the UTF-8 check, the JSON parser and the CSV parser agree: a line ends at
 * LF, at CR LF, or at a CR on its own (old Mac files, which libcsv also
 * treats as row ends). Columns count bytes from 1. */
#ifndef DII_TEXTPOS_H
#define DII_TEXTPOS_H
#include <stddef.h>

/* A forward-only cursor: offsets asked for must not decrease, which keeps
 * a whole scan linear instead of rescanning from the start each time. */
typedef struct text_cursor {
    const char *text;
    size_t len;
    size_t offset;     /* everything before this has been counted */
    unsigned long line;
    size_t line_start; /* offset of the first byte of `line` */
} text_cursor;

static inline void text_cursor_init(text_cursor *c, const char *text, size_t len)
{
    c->text = text;
    c->len = len;
    c->offset = 0;
    c->line = 1;
    c->line_start = 0;
}

/* Whether the byte at i ends a line (the LF of a CR LF does, its CR not). */
static inline int text_is_line_end(const char *text, size_t len, size_t i)
{
    if (text[i] == '\n')
        return 1;
    return text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n');
}

/* Moves the cursor to offset (clamped to the text's length). */
static inline void text_cursor_seek(text_cursor *c, size_t offset)
{
    if (offset > c->len)
        offset = c->len;
    for (size_t i = c->offset; i < offset; i++) {
        if (text_is_line_end(c->text, c->len, i)) {
            c->line++;
            c->line_start = i + 1;
        }
    }
    if (offset > c->offset)
        c->offset = offset;
}

static inline unsigned long text_cursor_column(const text_cursor *c)
{
    return (unsigned long)(c->offset - c->line_start) + 1;
}

#endif
