/* Private: a tiny pretty-printing JSON writer on top of strbuf, shared by
 * result_json.c and diag_json.c. Layout: two-space indent, one member or
 * element per line, "key": value, empty containers as {} / [] — the same
 * layout as Python's json.dumps(indent=2, ensure_ascii=False), so golden
 * files diff well. The caller is responsible for well-formed nesting. */
#ifndef DII_JSONW_H
#define DII_JSONW_H
#include "error.h"
#include "strbuf.h"

typedef struct jsonw {
    strbuf *sb;
    int depth;
    int first; /* no member / element written yet in the open container */
} jsonw;

static inline void jw_init(jsonw *w, strbuf *sb)
{
    w->sb = sb;
    w->depth = 0;
    w->first = 1;
}

static inline void jw_newline(jsonw *w)
{
    sb_putc(w->sb, '\n');
    for (int i = 0; i < w->depth; i++)
        sb_append(w->sb, "  ", 2);
}

/* Starts the next element of an array (separator, newline, indent). */
static inline void jw_elem(jsonw *w)
{
    if (!w->first)
        sb_putc(w->sb, ',');
    jw_newline(w);
    w->first = 0;
}

/* Starts the next member of an object: separator, indent, "key": . */
static inline void jw_key(jsonw *w, const char *key)
{
    jw_elem(w);
    sb_put_json_string(w->sb, key);
    sb_append(w->sb, ": ", 2);
}

/* Opens '{' or '['. */
static inline void jw_open(jsonw *w, char bracket)
{
    sb_putc(w->sb, bracket);
    w->depth++;
    w->first = 1;
}

/* Closes '}' or ']'; an empty container stays on one line. */
static inline void jw_close(jsonw *w, char bracket)
{
    w->depth--;
    if (!w->first)
        jw_newline(w);
    sb_putc(w->sb, bracket);
    w->first = 0;
}

static inline void jw_null(jsonw *w) { sb_append(w->sb, "null", 4); }
static inline void jw_bool(jsonw *w, int b) { sb_puts(w->sb, b ? "true" : "false"); }
static inline void jw_str(jsonw *w, const char *s) { sb_put_json_string(w->sb, s); }
static inline void jw_num(jsonw *w, double x) { sb_put_double(w->sb, x); }
static inline void jw_int(jsonw *w, long long v) { sb_printf(w->sb, "%lld", v); }
static inline void jw_uint(jsonw *w, unsigned long long v) { sb_printf(w->sb, "%llu", v); }

/* An enumeration's name; null for a value outside it (never produced). */
static inline void jw_enum(jsonw *w, const char *name)
{
    if (name)
        jw_str(w, name);
    else
        jw_null(w);
}

/* An indicator value or target: true / false for a yes/no indicator. */
static inline void jw_value(jsonw *w, int is_boolean, double v)
{
    if (is_boolean)
        jw_bool(w, v != 0);
    else
        jw_num(w, v);
}

/* A number that may be absent: null when has is 0. */
static inline void jw_opt_num(jsonw *w, int has, double v)
{
    if (has)
        jw_num(w, v);
    else
        jw_null(w);
}

/* Ends the document with a newline and hands the text to the caller
 * (sb_finish). */
static inline dii_status jw_finish(strbuf *sb, char **json, size_t *len)
{
    sb_putc(sb, '\n');
    return sb_finish(sb, json, len);
}

/* Ends a streamed document with a newline (sb_finish_stream). */
static inline dii_status jw_finish_stream(strbuf *sb, const char *fn)
{
    sb_putc(sb, '\n');
    return sb_finish_stream(sb, fn);
}

#endif
