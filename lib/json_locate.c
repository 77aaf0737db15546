/* Source positions for every value of a JSON text (see json_locate.h).
 *
 * One linear pass with an explicit stack (no recursion, so nesting depth is
 * bounded by memory, not by the C stack). Each member or element becomes an
 * entry {pointer, position}; the entries are then sorted by pointer so that
 * lookups are a binary search: validation asks for a position per value,
 * and inputs can hold ~10,000 of them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "alloc.h"
#include "error.h"
#include "json_locate.h"
#include "model.h"
#include "textpos.h"

#define NO_PARENT SIZE_MAX

typedef struct loc_entry {
    char *pointer;
    json_position pos;
    size_t seq;    /* document order, to tell repeated pointers apart */
    size_t parent; /* serial of the enclosing object or array */
} loc_entry;

struct json_locator {
    loc_entry *entries;
    size_t count;
    size_t cap;
    json_duplicate *dups;
    size_t dup_count;
};

/* An open object or array. */
typedef struct frame {
    const char *pointer; /* owned by the container's entry */
    size_t serial;
    size_t members;
    char close; /* '}' or ']' */
} frame;

typedef struct scanner {
    const char *text;
    size_t len;
    size_t pos;
    text_cursor cur;
    unsigned long first_line;
    unsigned long first_column;
    frame *stack;
    size_t depth;
    size_t stack_cap;
    size_t next_serial;
    char *key; /* the last key read, decoded */
    size_t key_len;
    size_t key_cap;
    json_locator *loc;
} scanner;

/* ------------------------------------------------------------------------ */
/* Positions                                                                 */
/* ------------------------------------------------------------------------ */

static void position_at(scanner *s, size_t offset, unsigned long *line, unsigned long *column)
{
    text_cursor_seek(&s->cur, offset);
    unsigned long col = text_cursor_column(&s->cur);
    /* Only the first line of the slice starts mid-line in the whole input. */
    if (s->cur.line == 1)
        col += s->first_column - 1;
    *line = s->first_line + s->cur.line - 1;
    *column = col;
}

static void skip_ws(scanner *s)
{
    while (s->pos < s->len) {
        char c = s->text[s->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

static int peek(const scanner *s)
{
    return s->pos < s->len ? (unsigned char)s->text[s->pos] : -1;
}

/* ------------------------------------------------------------------------ */
/* Strings and scalars                                                       */
/* ------------------------------------------------------------------------ */

static int key_put(scanner *s, const char *bytes, size_t n)
{
    if (dii_mem_grow((void **)&s->key, &s->key_cap, s->key_len + n + 1, 1) != 0)
        return -1;
    memcpy(s->key + s->key_len, bytes, n);
    s->key_len += n;
    s->key[s->key_len] = '\0';
    return 0;
}

static int key_put_code_point(scanner *s, unsigned long cp)
{
    char b[4];
    size_t n = dii_utf8_encode(cp, b);
    return key_put(s, b, n);
}


/* Decodes \uXXXX (s->pos at the 'u'), joining a surrogate pair so that
 * keys match the UTF-8 text jansson hands out. A lone surrogate (which
 * jansson rejects anyway) becomes U+FFFD rather than invalid UTF-8. */
static dii_status decode_unicode_escape(scanner *s)
{
    long cp = dii_hex4(s->text, s->len, s->pos + 1);
    if (cp < 0)
        return DII_ERR_PARSE;
    s->pos += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && s->pos + 1 < s->len && s->text[s->pos] == '\\' &&
        s->text[s->pos + 1] == 'u') {
        long low = dii_hex4(s->text, s->len, s->pos + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            s->pos += 6;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    return key_put_code_point(s, (unsigned long)cp) == 0 ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status decode_escape(scanner *s)
{
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    if (s->pos >= s->len)
        return DII_ERR_PARSE;
    char c = s->text[s->pos];
    if (c == 'u')
        return decode_unicode_escape(s);
    const char *at = memchr(from, c, sizeof from - 1);
    if (at == NULL)
        return DII_ERR_PARSE;
    s->pos++;
    return key_put(s, &to[at - from], 1) == 0 ? DII_OK : DII_ERR_NO_MEMORY;
}

/* Reads a string literal (s->pos at its opening quote) into s->key. */
static dii_status read_key(scanner *s)
{
    s->key_len = 0;
    if (key_put(s, "", 0) != 0)
        return DII_ERR_NO_MEMORY;
    s->pos++;
    while (s->pos < s->len) {
        size_t run = s->pos;
        while (run < s->len && s->text[run] != '"' && s->text[run] != '\\')
            run++;
        if (key_put(s, s->text + s->pos, run - s->pos) != 0)
            return DII_ERR_NO_MEMORY;
        s->pos = run;
        if (run >= s->len)
            break;
        s->pos++;
        if (s->text[run] == '"')
            return DII_OK;
        dii_status st = decode_escape(s);
        if (st != DII_OK)
            return st;
    }
    return DII_ERR_PARSE;
}

/* Skips a string value: only its extent matters, not its text. */
static dii_status skip_string(scanner *s)
{
    for (s->pos++; s->pos < s->len; s->pos++) {
        char c = s->text[s->pos];
        if (c == '\\')
            s->pos++;
        else if (c == '"') {
            s->pos++;
            return DII_OK;
        }
    }
    return DII_ERR_PARSE;
}

/* Skips a number or true / false / null; the text is known to be valid. */
static dii_status skip_scalar(scanner *s)
{
    int c = peek(s);
    if (!(c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n'))
        return DII_ERR_PARSE;
    while (s->pos < s->len && strchr(",]}: \t\r\n", s->text[s->pos]) == NULL)
        s->pos++;
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Entries and the container stack                                           */
/* ------------------------------------------------------------------------ */

/* Takes ownership of pointer, also on failure. */
static dii_status add_entry(scanner *s, char *pointer, unsigned long key_line,
                            unsigned long key_column, size_t parent)
{
    json_locator *loc = s->loc;
    if (pointer == NULL ||
        dii_mem_grow((void **)&loc->entries, &loc->cap, loc->count + 1, sizeof *loc->entries)) {
        dii_mem_free(pointer);
        return DII_ERR_NO_MEMORY;
    }
    loc_entry *e = &loc->entries[loc->count];
    e->pointer = pointer;
    position_at(s, s->pos, &e->pos.line, &e->pos.column);
    e->pos.key_line = key_line;
    e->pos.key_column = key_column;
    e->seq = loc->count;
    e->parent = parent;
    loc->count++;
    return DII_OK;
}

static dii_status push_frame(scanner *s, const char *pointer, char close)
{
    if (dii_mem_grow((void **)&s->stack, &s->stack_cap, s->depth + 1, sizeof *s->stack) != 0)
        return DII_ERR_NO_MEMORY;
    s->stack[s->depth++] = (frame){pointer, s->next_serial++, 0, close};
    return DII_OK;
}

/* Records the value at s->pos and steps into it (containers) or over it. */
static dii_status begin_value(scanner *s, char *pointer, unsigned long key_line,
                              unsigned long key_column, size_t parent)
{
    dii_status st = add_entry(s, pointer, key_line, key_column, parent);
    if (st != DII_OK)
        return st;
    const char *own = s->loc->entries[s->loc->count - 1].pointer;
    switch (peek(s)) {
    case '{':
        s->pos++;
        return push_frame(s, own, '}');
    case '[':
        s->pos++;
        return push_frame(s, own, ']');
    case '"':
        return skip_string(s);
    default:
        return skip_scalar(s);
    }
}

/* Reads `"key" :` of an object member and returns the member's pointer. */
static dii_status read_member_head(scanner *s, const frame *f, char **pointer,
                                   unsigned long *key_line, unsigned long *key_column)
{
    if (peek(s) != '"')
        return DII_ERR_PARSE;
    position_at(s, s->pos, key_line, key_column);
    dii_status st = read_key(s);
    if (st != DII_OK)
        return st;
    skip_ws(s);
    if (peek(s) != ':')
        return DII_ERR_PARSE;
    s->pos++;
    *pointer = dii_pointer_join(f->pointer, s->key);
    return *pointer != NULL ? DII_OK : DII_ERR_NO_MEMORY;
}

/* One step inside the innermost container: close it, or read one member
 * or element. */
static dii_status step(scanner *s)
{
    frame *f = &s->stack[s->depth - 1];
    skip_ws(s);
    if (peek(s) == f->close) {
        s->pos++;
        s->depth--;
        return DII_OK;
    }
    if (f->members > 0) {
        if (peek(s) != ',')
            return DII_ERR_PARSE;
        s->pos++;
        skip_ws(s);
    }
    char *pointer = NULL;
    unsigned long key_line = 0, key_column = 0;
    if (f->close == '}') {
        dii_status st = read_member_head(s, f, &pointer, &key_line, &key_column);
        if (st != DII_OK)
            return st;
        skip_ws(s);
    } else {
        pointer = dii_pointer_join_index(f->pointer, f->members);
    }
    f->members++;
    /* begin_value may grow the stack: f is not used after this call. */
    return begin_value(s, pointer, key_line, key_column, f->serial);
}

static dii_status scan(scanner *s, const char *base_pointer)
{
    skip_ws(s);
    if (s->pos >= s->len)
        return DII_ERR_PARSE;
    dii_status st = begin_value(s, dii_mem_strdup(base_pointer), 0, 0, NO_PARENT);
    while (st == DII_OK && s->depth > 0)
        st = step(s);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Sorting, duplicates, lookup                                               */
/* ------------------------------------------------------------------------ */

static int compare_entries(const void *pa, const void *pb)
{
    const loc_entry *a = pa, *b = pb;
    int c = strcmp(a->pointer, b->pointer);
    if (c != 0)
        return c;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static int compare_seq(const void *pa, const void *pb)
{
    const loc_entry *a = *(const loc_entry *const *)pa;
    const loc_entry *b = *(const loc_entry *const *)pb;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* A repeated pointer is a duplicate key only when both occurrences share
 * the same enclosing object: {"a":{"x":1},"a":{"x":2}} repeats "/a/x" too,
 * but only "/a" is a duplicate. */
static int repeats_earlier(const loc_entry *run, size_t j)
{
    for (size_t i = 0; i < j; i++)
        if (run[i].parent == run[j].parent)
            return 1;
    return 0;
}

static dii_status collect_duplicates(json_locator *loc)
{
    const loc_entry **found = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < loc->count;) {
        size_t end = i + 1;
        while (end < loc->count && strcmp(loc->entries[end].pointer, loc->entries[i].pointer) == 0)
            end++;
        for (size_t j = 1; j < end - i; j++) {
            if (!repeats_earlier(&loc->entries[i], j))
                continue;
            if (dii_mem_grow((void **)&found, &cap, n + 1, sizeof *found) != 0) {
                dii_mem_free(found);
                return DII_ERR_NO_MEMORY;
            }
            found[n++] = &loc->entries[i + j];
        }
        i = end;
    }
    if (n == 0)
        return DII_OK;
    qsort(found, n, sizeof *found, compare_seq);
    loc->dups = dii_mem_calloc(n, sizeof *loc->dups);
    if (loc->dups == NULL) {
        dii_mem_free(found);
        return DII_ERR_NO_MEMORY;
    }
    for (size_t k = 0; k < n; k++)
        loc->dups[k] = (json_duplicate){found[k]->pointer, found[k]->pos.key_line,
                                        found[k]->pos.key_column};
    loc->dup_count = n;
    dii_mem_free(found);
    return DII_OK;
}

dii_status json_locator_build(const char *text, size_t len, unsigned long first_line,
                              unsigned long first_column, const char *base_pointer,
                              json_locator **out)
{
    if (out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "json_locator_build: NULL out");
    *out = NULL;
    if (text == NULL && len > 0)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "json_locator_build: NULL text");
    json_locator *loc = dii_mem_calloc(1, sizeof *loc);
    if (loc == NULL)
        return dii_fail_nomem();
    scanner s = {0};
    s.text = text;
    s.len = len;
    s.first_line = first_line ? first_line : 1;
    s.first_column = first_column ? first_column : 1;
    s.loc = loc;
    text_cursor_init(&s.cur, text, len);
    dii_status st = scan(&s, base_pointer ? base_pointer : "");
    dii_mem_free(s.stack);
    dii_mem_free(s.key);
    if (st == DII_OK) {
        qsort(loc->entries, loc->count, sizeof *loc->entries, compare_entries);
        st = collect_duplicates(loc);
    }
    if (st != DII_OK) {
        json_locator_free(loc);
        return st == DII_ERR_NO_MEMORY ? dii_fail_nomem()
                                       : dii_fail(st, "malformed JSON near byte %zu", s.pos);
    }
    *out = loc;
    return DII_OK;
}

/* jansson keeps the last of repeated keys, so the last occurrence is the
 * one whose position describes the value the parser saw. */
int json_locator_find(const json_locator *loc, const char *pointer, json_position *out)
{
    if (loc == NULL || pointer == NULL)
        return 0;
    size_t lo = 0, hi = loc->count;
    while (lo < hi) { /* first entry > pointer */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(loc->entries[mid].pointer, pointer) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || strcmp(loc->entries[lo - 1].pointer, pointer) != 0)
        return 0;
    if (out != NULL)
        *out = loc->entries[lo - 1].pos;
    return 1;
}

size_t json_locator_duplicate_count(const json_locator *loc)
{
    return loc ? loc->dup_count : 0;
}

const json_duplicate *json_locator_duplicate(const json_locator *loc, size_t i)
{
    return loc && i < loc->dup_count ? &loc->dups[i] : NULL;
}

void json_locator_free(json_locator *loc)
{
    if (loc == NULL)
        return;
    for (size_t i = 0; i < loc->count; i++)
        dii_mem_free(loc->entries[i].pointer);
    dii_mem_free(loc->entries);
    dii_mem_free(loc->dups);
    dii_mem_free(loc);
}
