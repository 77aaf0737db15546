/* One-pass JSON reader building a positioned tree in an arena (json_dom.h).
 *
 * Two layers: a lexer that turns the text into tokens (strings decoded into
 * the arena, numbers converted on the spot), and a loop with an explicit
 * stack of open arrays and objects, so that no input can recurse on the C
 * stack. The children of open containers wait on a "pending" stack and are
 * copied into one arena array when their container closes: every
 * container's children end up contiguous and indexable, and the tree costs
 * a handful of large allocations instead of one per value.
 *
 * Syntax errors reuse jansson's wording where jansson has one ("string or
 * '}' expected near ','"): libdii used jansson before, and users and the
 * CLI's golden files speak it.
 * A token error is placed at the token's first byte, an error inside a
 * string at the offending byte, a premature end at the last byte read. */
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "json_dom.h"
#include "textpos.h"
#include "utf8.h"

/* Longest token quoted in "... near '<token>'" (jansson's limit too). */
#define NEAR_MAX 20
/* Objects with more members than this get a hash index. */
#define LINEAR_MAX 8
/* Internal node flag: a member superseded by a later one with its key. */
#define REMOVED 0x80u

/* ------------------------------------------------------------------------ */
/* Arena                                                                     */
/* ------------------------------------------------------------------------ */

/* Chunks are chained newest first; data follows the header (24 bytes, so
 * it keeps malloc's alignment for doubles and pointers). */
typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t size;
    size_t used;
} arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t hint; /* size of the first chunk of a parse */
} arena;

#define ARENA_MIN ((size_t)4096)
#define ARENA_GROWTH_CAP ((size_t)8 << 20)

static unsigned char *chunk_data(arena_chunk *c)
{
    return (unsigned char *)(c + 1);
}

/* Doubling keeps the number of chunks logarithmic in the tree's size. */
static arena_chunk *arena_add_chunk(arena *a, size_t need)
{
    size_t size = a->head ? a->head->size : 0;
    size = size < ARENA_GROWTH_CAP ? 2 * size : size;
    if (size < a->hint)
        size = a->hint;
    if (size < need)
        size = need;
    if (size > SIZE_MAX - sizeof(arena_chunk))
        return NULL;
    arena_chunk *c = dii_mem_alloc(sizeof *c + size);
    if (c == NULL)
        return NULL;
    c->next = a->head;
    c->size = size;
    c->used = 0;
    a->head = c;
    return c;
}

static void *arena_alloc(arena *a, size_t n)
{
    if (n > SIZE_MAX - 8)
        return NULL;
    n = (n + 7) & ~(size_t)7;
    arena_chunk *c = a->head;
    if (c == NULL || c->size - c->used < n) {
        c = arena_add_chunk(a, n);
        if (c == NULL)
            return NULL;
    }
    void *p = chunk_data(c) + c->used;
    c->used += n;
    return p;
}

/* Where an arena stands; arena_rewind hands back everything allocated
 * since. */
typedef struct arena_mark {
    arena_chunk *chunk;
    size_t used;
} arena_mark;

static arena_mark arena_where(const arena *a)
{
    return (arena_mark){a->head, a->head ? a->head->used : 0};
}

/* Frees the chunks added since the mark and rewinds its chunk: a streamed
 * child's nodes and strings (see JDOM_STREAM) cost nothing once handed
 * over. */
static void arena_rewind(arena *a, arena_mark m)
{
    while (a->head != m.chunk) {
        arena_chunk *next = a->head->next;
        dii_mem_free(a->head);
        a->head = next;
    }
    if (a->head != NULL)
        a->head->used = m.used;
}

/* Keeps the newest (largest) chunk for the next parse: JSON Lines parse
 * one small text per line. */
static void arena_reset(arena *a)
{
    if (a->head == NULL)
        return;
    arena_chunk *c = a->head->next;
    while (c != NULL) {
        arena_chunk *next = c->next;
        dii_mem_free(c);
        c = next;
    }
    a->head->next = NULL;
    a->head->used = 0;
}

static void arena_free(arena *a)
{
    arena_reset(a);
    dii_mem_free(a->head);
    a->head = NULL;
}

/* ------------------------------------------------------------------------ */
/* The parser                                                                */
/* ------------------------------------------------------------------------ */

/* An open array or object. A skipped one (the filter said JDOM_SKIP, or it
 * is inside such a one) has no children in pending; only the outermost of
 * a skipped run has a node (NO_NODE for those inside it). */
typedef struct frame {
    size_t node;  /* index in pending of the container's own node, or NO_NODE */
    size_t first; /* index in pending of its first child */
    unsigned char kind; /* JDOM_ARRAY or JDOM_OBJECT */
    unsigned char skip; /* contents checked, not built */
    unsigned char stream; /* children handed to the stream callback, then dropped */
    arena_mark mark;    /* stream: the arena as it opened */
} frame;

#define NO_NODE SIZE_MAX

struct jdom_parser {
    const char *text;
    size_t len;
    size_t pos;
    unsigned long line;   /* line of text[line_start] */
    size_t line_start;    /* offset of the first byte of the current line */
    unsigned long first_line;
    arena arena;
    jdom_node *pending;
    size_t pending_count, pending_cap;
    frame *frames;
    size_t depth, frames_cap;
    char *scratch; /* escaped strings, long numbers, pointers */
    size_t scratch_len, scratch_cap;
    jdom_duplicate *dups; /* a max-heap by position while parsing, then sorted */
    size_t dup_count, dup_cap;
    size_t dup_keep;      /* most kept (0: all): see jdom_parser_set_duplicate_cap */
    size_t dup_dropped;   /* repetitions beyond dup_keep, counted only */
    jdom_node root;
    jdom_node *root_items; /* the root's children when adopted: see adopt_root_children */
    jdom_error *err;
    dii_limits limits;
    jdom_filter filter; /* NULL: build everything */
    void *filter_ctx;
    jdom_stream stream; /* children of JDOM_STREAM containers */
};

typedef enum tok_type {
    T_EOF,
    T_BEGIN_OBJECT,
    T_END_OBJECT,
    T_BEGIN_ARRAY,
    T_END_ARRAY,
    T_COLON,
    T_COMMA,
    T_STRING,
    T_NUMBER,
    T_TRUE,
    T_FALSE,
    T_NULL,
    T_INVALID /* not JSON; the parser says so in the words of its context */
} tok_type;

typedef struct token {
    tok_type type;
    size_t start, end; /* the raw text */
    unsigned long line, column;
    const char *text; /* T_STRING: decoded, in the arena */
    size_t text_len;
    double number;    /* T_NUMBER */
    int64_t integer;
    unsigned char flags;
} token;

/* A member's key, read and waiting for its value. */
typedef struct pending_key {
    const char *text;
    size_t len;
    unsigned long line, column;
} pending_key;

/* Whether the innermost open container is skipped: its contents are read
 * and checked, but nothing of them is kept (no node, no string copy). */
static int skipping(const jdom_parser *p)
{
    return p->depth > 0 && p->frames[p->depth - 1].skip;
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* Records the error's position at byte offset. Counted afresh from the
 * start: only one error is ever reported per text. */
static dii_status place_error(jdom_parser *p, size_t offset)
{
    text_cursor cur;
    text_cursor_init(&cur, p->text, p->len);
    text_cursor_seek(&cur, offset);
    p->err->line = p->first_line + cur.line - 1;
    p->err->column = text_cursor_column(&cur);
    return DII_ERR_PARSE;
}

/* Records a syntax error at byte offset. */
__attribute__((format(printf, 3, 4))) static dii_status fail_at(jdom_parser *p, size_t offset,
                                                                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    p->err->limit = DII_LIMIT_NONE;
    return place_error(p, offset);
}

/* Records limit `kind` as crossed at byte offset; the caller words it. */
static dii_status fail_limit(jdom_parser *p, size_t offset, dii_limit_kind kind)
{
    p->err->message[0] = '\0';
    p->err->limit = kind;
    return place_error(p, offset);
}

static int is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Where "near end of file" points: the last byte, or the start of the
 * number that the text ends in (as libdii placed it with jansson). */
static size_t end_of_file_offset(const jdom_parser *p)
{
    size_t at = p->len > 0 ? p->len - 1 : 0;
    while (at > 0 && is_number_char(p->text[at]) && is_number_char(p->text[at - 1]))
        at--;
    return at;
}

/* "<what> near '<token>'", jansson's form: quoting short tokens only, and
 * "near end of file" when the text stops early. */
static dii_status fail_token(jdom_parser *p, const token *t, const char *what)
{
    if (t->type == T_EOF)
        return fail_at(p, end_of_file_offset(p), "%s near end of file", what);
    size_t n = t->end - t->start;
    if (n > NEAR_MAX)
        return fail_at(p, t->start, "%s", what);
    return fail_at(p, t->start, "%s near '%.*s'", what, (int)n, p->text + t->start);
}

/* ------------------------------------------------------------------------ */
/* Scratch buffer                                                            */
/* ------------------------------------------------------------------------ */

static dii_status scratch_put(jdom_parser *p, const char *bytes, size_t n)
{
    if (n > SIZE_MAX - p->scratch_len - 1 ||
        dii_mem_grow((void **)&p->scratch, &p->scratch_cap, p->scratch_len + n + 1, 1) != 0)
        return DII_ERR_NO_MEMORY;
    memcpy(p->scratch + p->scratch_len, bytes, n);
    p->scratch_len += n;
    p->scratch[p->scratch_len] = '\0';
    return DII_OK;
}

static dii_status scratch_put_code_point(jdom_parser *p, unsigned long cp)
{
    char b[4];
    size_t n = dii_utf8_encode(cp, b);
    return scratch_put(p, b, n);
}

/* ------------------------------------------------------------------------ */
/* Whitespace                                                                */
/* ------------------------------------------------------------------------ */

/* Skips JSON whitespace, counting lines as textpos.h does (LF, CR LF, CR):
 * line breaks occur nowhere else in valid JSON, so this is the only place
 * positions need bookkeeping. */
static void skip_ws(jdom_parser *p)
{
    const char *s = p->text;
    size_t i = p->pos, len = p->len;
    while (i < len) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            i++;
        } else if (c == '\n' || c == '\r') {
            i += (c == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            p->line++;
            p->line_start = i;
        } else {
            break;
        }
    }
    p->pos = i;
}

/* ------------------------------------------------------------------------ */
/* Strings                                                                   */
/* ------------------------------------------------------------------------ */

static int is_plain_string_byte(unsigned char c)
{
    return c != '"' && c != '\\' && c >= 0x20;
}

#define BYTES(b) ((uint64_t)0x0101010101010101u * (b))

/* Nonzero when one of the 8 bytes of w is '"', '\\' or below 0x20. The
 * classic "has a byte below n" test: a byte's high bit survives in
 * (x - n) & ~x only if the byte is below n (n <= 0x80), and a zero byte is
 * one below 1. */
static uint64_t special_bytes(uint64_t w)
{
    uint64_t quote = w ^ BYTES('"'), backslash = w ^ BYTES('\\');
    uint64_t hits = ((quote - BYTES(1)) & ~quote) | ((backslash - BYTES(1)) & ~backslash) |
                    ((w - BYTES(0x20)) & ~w);
    return hits & BYTES(0x80);
}

/* Offset of the first '"', '\\' or control byte at or after i (or len).
 * Strings are most of a submissions file: eight bytes per step where no
 * such byte is, then byte by byte. */
static size_t plain_run_end(const jdom_parser *p, size_t i)
{
    const unsigned char *s = (const unsigned char *)p->text;
    for (; p->len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (special_bytes(w) != 0)
            break;
    }
    while (i < p->len && is_plain_string_byte(s[i]))
        i++;
    return i;
}

/* Ends a string token whose decoded bytes are at bytes[0..n). */
static dii_status string_done(jdom_parser *p, token *t, const char *bytes, size_t n, size_t end)
{
    if (dii_limit_exceeded(&p->limits, DII_LIMIT_STRING_BYTES, n))
        return fail_limit(p, t->start, DII_LIMIT_STRING_BYTES);
    if (skipping(p)) { /* checked, not kept */
        bytes = "";
        n = 0;
    }
    char *copy = arena_alloc(&p->arena, n + 1);
    if (copy == NULL)
        return DII_ERR_NO_MEMORY;
    memcpy(copy, bytes, n);
    copy[n] = '\0';
    t->type = T_STRING;
    t->text = copy;
    t->text_len = n;
    t->end = end;
    p->pos = end;
    return DII_OK;
}


/* The low half of a surrogate pair, when "\uXXXX" follows at text[at]; -1
 * when no \u escape follows, else its value (maybe not a low surrogate). */
static long following_escape(const jdom_parser *p, size_t at)
{
    if (at + 1 >= p->len || p->text[at] != '\\' || p->text[at + 1] != 'u')
        return -1;
    return dii_hex4(p->text, p->len, at + 2);
}

/* Decodes "\uXXXX" (or a surrogate pair) at text[*i] == '\\'. Lone
 * surrogates have no UTF-8 form and U+0000 would cut C strings: both are
 * refused rather than silently changed. */
static dii_status decode_unicode(jdom_parser *p, size_t *i)
{
    size_t at = *i;
    long cp = dii_hex4(p->text, p->len, at + 2);
    if (cp < 0)
        return fail_at(p, at, "invalid escape: \\u must be followed by four hex digits");
    size_t next = at + 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        long low = following_escape(p, next);
        if (low < 0)
            return fail_at(p, at, "invalid Unicode '\\u%04lX' (a lone surrogate)", cp);
        if (low < 0xDC00 || low > 0xDFFF)
            return fail_at(p, at, "invalid Unicode '\\u%04lX\\u%04lX' (not a surrogate pair)",
                           cp, low);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        next += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return fail_at(p, at, "invalid Unicode '\\u%04lX' (a lone surrogate)", cp);
    } else if (cp == 0) {
        return fail_at(p, at, "\\u0000 is not allowed in a string");
    }
    *i = next;
    return scratch_put_code_point(p, (unsigned long)cp);
}

/* Decodes the escape at text[*i] == '\\' into the scratch buffer. */
static dii_status decode_escape(jdom_parser *p, const token *t, size_t *i)
{
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    size_t at = *i;
    if (at + 1 >= p->len)
        return fail_at(p, t->start, "unterminated string (premature end of input)");
    char c = p->text[at + 1];
    if (c == 'u')
        return decode_unicode(p, i);
    const char *known = c != '\0' ? memchr(from, c, sizeof from - 1) : NULL;
    if (known == NULL) {
        size_t n = dii_utf8_sequence_length(p->text + at + 1, p->len - at - 1);
        return fail_at(p, at, "invalid escape '\\%.*s' in a string", (int)(n ? n : 1),
                       p->text + at + 1);
    }
    *i = at + 2;
    return scratch_put(p, &to[known - from], 1);
}

static dii_status fail_control(jdom_parser *p, size_t at)
{
    unsigned c = (unsigned char)p->text[at];
    if (c == '\n' || c == '\r')
        return fail_at(p, at, "string contains a line break: close it before the end of the "
                              "line, or write the break as \\n");
    return fail_at(p, at, "string contains a control character (U+%04X): write it as \\u%04X",
                   c, c);
}

/* The slow path: a string with escapes, decoded into the scratch buffer
 * from text[i], its first escape (or problem). */
static dii_status lex_escaped_string(jdom_parser *p, token *t, size_t i)
{
    const unsigned char *s = (const unsigned char *)p->text;
    p->scratch_len = 0;
    dii_status st = scratch_put(p, p->text + t->start + 1, i - t->start - 1);
    while (st == DII_OK) {
        if (i >= p->len)
            return fail_at(p, t->start, "unterminated string (premature end of input)");
        if (s[i] == '"')
            return string_done(p, t, p->scratch, p->scratch_len, i + 1);
        if (s[i] == '\\') {
            st = decode_escape(p, t, &i);
            continue;
        }
        if (s[i] < 0x20)
            return fail_control(p, i);
        size_t run = i;
        i = plain_run_end(p, i);
        st = scratch_put(p, p->text + run, i - run);
    }
    return st;
}

/* A string token (text[t->start] is its quote). Most strings have no
 * escape: they are copied straight from the text. */
static dii_status lex_string(jdom_parser *p, token *t)
{
    const unsigned char *s = (const unsigned char *)p->text;
    size_t i = plain_run_end(p, t->start + 1);
    if (i < p->len && s[i] == '"')
        return string_done(p, t, p->text + t->start + 1, i - t->start - 1, i + 1);
    return lex_escaped_string(p, t, i);
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                   */
/* ------------------------------------------------------------------------ */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t skip_digits(const jdom_parser *p, size_t i)
{
    while (i < p->len && is_digit(p->text[i]))
        i++;
    return i;
}

static int digit_at(const jdom_parser *p, size_t i)
{
    return i < p->len && is_digit(p->text[i]);
}

/* Scans the number starting at text[start] (JSON's grammar: no leading
 * zeros, digits on both sides of '.', digits after the exponent mark) and
 * sets *end after it. Returns 0 when it is malformed, *end then being the
 * end of the text jansson quoted for it ("01" -> "0", "1." -> "1.",
 * "1e+" -> "1e+", "-" -> "-"). */
static int scan_number(const jdom_parser *p, size_t start, size_t *end)
{
    size_t i = start + (p->text[start] == '-');
    *end = i;
    if (!digit_at(p, i))
        return 0;
    i = p->text[i] == '0' ? i + 1 : skip_digits(p, i);
    *end = i;
    if (digit_at(p, i))
        return 0; /* a leading zero */
    if (i < p->len && p->text[i] == '.') {
        *end = ++i;
        if (!digit_at(p, i))
            return 0;
        i = skip_digits(p, i);
    }
    if (i < p->len && (p->text[i] == 'e' || p->text[i] == 'E')) {
        i++;
        if (i < p->len && (p->text[i] == '+' || p->text[i] == '-'))
            i++;
        *end = i;
        if (!digit_at(p, i))
            return 0;
        i = skip_digits(p, i);
    }
    *end = i;
    return 1;
}

/* The digits of a number, split the way conversion needs them. */
typedef struct number_parts {
    int negative;
    int integer;       /* no fraction, no exponent */
    uint64_t mantissa; /* the first 19 significant digits */
    int inexact;       /* more significant digits than mantissa holds */
    long long frac_digits;
    long long exponent; /* saturated far beyond any double's range */
} number_parts;

static void add_digit(number_parts *n, int d, int *significant)
{
    if (n->mantissa == 0 && d == 0)
        return; /* leading zero */
    if (*significant < 19) {
        n->mantissa = n->mantissa * 10 + (uint64_t)d;
        (*significant)++;
    } else {
        n->inexact = 1;
    }
}

static void split_number(const char *s, const char *end, number_parts *n)
{
    int significant = 0;
    memset(n, 0, sizeof *n);
    n->integer = 1;
    n->negative = *s == '-';
    s += n->negative;
    for (; s < end && is_digit(*s); s++)
        add_digit(n, *s - '0', &significant);
    if (s < end && *s == '.') {
        n->integer = 0;
        for (s++; s < end && is_digit(*s); s++, n->frac_digits++)
            add_digit(n, *s - '0', &significant);
    }
    if (s < end) { /* the exponent */
        n->integer = 0;
        s++;
        int negative = *s == '-';
        s += *s == '-' || *s == '+';
        for (; s < end; s++)
            if (n->exponent < 1000000000)
                n->exponent = n->exponent * 10 + (*s - '0');
        n->exponent = negative ? -n->exponent : n->exponent;
    }
}

/* Exactly representable powers of ten: a mantissa below 2^53 times or
 * divided by one of these is correctly rounded by one IEEE operation. */
static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int fast_double(const number_parts *n, double *out)
{
#if FLT_EVAL_METHOD != 0
    (void)n;
    (void)out;
    return 0; /* extended intermediates would round twice */
#else
    long long e = n->exponent - n->frac_digits;
    if (n->mantissa == 0) {
        *out = n->negative ? -0.0 : 0.0;
        return 1;
    }
    if (n->inexact || n->mantissa > ((uint64_t)1 << 53) || e < -22 || e > 22)
        return 0;
    double m = (double)n->mantissa;
    double x = e >= 0 ? m * exact_pow10[e] : m / exact_pow10[-e];
    *out = n->negative ? -x : x;
    return 1;
#endif
}

/* Anything else goes to strtod as "-DIGITSeN": with no decimal separator
 * in the text, the thread's locale cannot change the reading (strbuf.c
 * uses the same trick). Out of range gives +-inf or 0, as wanted. */
static dii_status slow_double(jdom_parser *p, const char *s, const char *end,
                              const number_parts *n, double *out)
{
    p->scratch_len = 0;
    dii_status st = scratch_put(p, n->negative ? "-" : "", n->negative ? 1 : 0);
    for (s += n->negative; st == DII_OK && s < end && (is_digit(*s) || *s == '.'); s++)
        if (*s != '.')
            st = scratch_put(p, s, 1);
    char exp[32];
    int len = snprintf(exp, sizeof exp, "e%lld", n->exponent - n->frac_digits);
    if (st == DII_OK)
        st = scratch_put(p, exp, (size_t)len);
    if (st == DII_OK)
        *out = strtod(p->scratch, NULL);
    return st;
}

/* Fits a JSON integer into int64_t when it can; -9223372036854775808 too. */
static int exact_integer(const number_parts *n, int64_t *out)
{
    if (!n->integer || n->inexact)
        return 0;
    uint64_t limit = (uint64_t)INT64_MAX + (uint64_t)n->negative;
    if (n->mantissa > limit)
        return 0;
    /* -(m - 1) - 1 never overflows, even for m = 2^63 */
    *out = n->negative && n->mantissa > 0 ? -(int64_t)(n->mantissa - 1) - 1
                                          : (int64_t)n->mantissa;
    return 1;
}

/* An integer too large for int64_t keeps its text, so that a message can
 * quote what the user wrote rather than a rounded double. */
static dii_status keep_integer_text(jdom_parser *p, token *t)
{
    size_t n = skipping(p) ? 0 : t->end - t->start;
    char *copy = arena_alloc(&p->arena, n + 1);
    if (copy == NULL)
        return DII_ERR_NO_MEMORY;
    memcpy(copy, p->text + t->start, n);
    copy[n] = '\0';
    t->text = copy;
    return DII_OK;
}

static dii_status number_value(jdom_parser *p, token *t)
{
    const char *s = p->text + t->start, *end = p->text + t->end;
    number_parts n;
    split_number(s, end, &n);
    t->flags = n.integer ? JDOM_INTEGER : 0;
    t->integer = 0;
    t->text = NULL;
    if (exact_integer(&n, &t->integer)) {
        /* as jansson did: "-0" is the integer 0 */
        t->flags |= JDOM_INT64;
        t->number = (double)t->integer;
        return DII_OK;
    }
    dii_status st = n.integer ? keep_integer_text(p, t) : DII_OK;
    if (st != DII_OK || fast_double(&n, &t->number))
        return st;
    return slow_double(p, s, end, &n, &t->number);
}

static dii_status lex_number(jdom_parser *p, token *t)
{
    size_t end;
    int ok = scan_number(p, t->start, &end);
    t->type = ok ? T_NUMBER : T_INVALID;
    t->end = p->pos = end;
    return ok ? number_value(p, t) : DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Other tokens                                                              */
/* ------------------------------------------------------------------------ */

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A run of letters: true, false, null, or an invalid token quoted whole
 * ("tru", "True", "nulls") for a clearer message. */
static dii_status lex_word(jdom_parser *p, token *t)
{
    size_t i = t->start;
    while (i < p->len && is_alpha(p->text[i]))
        i++;
    size_t n = i - t->start;
    const char *w = p->text + t->start;
    t->type = n == 4 && memcmp(w, "true", 4) == 0    ? T_TRUE
              : n == 5 && memcmp(w, "false", 5) == 0 ? T_FALSE
              : n == 4 && memcmp(w, "null", 4) == 0  ? T_NULL
                                                     : T_INVALID;
    t->end = p->pos = i;
    return DII_OK;
}

/* Any other character is an invalid token, quoted whole if multi-byte. */
static dii_status lex_other(jdom_parser *p, token *t)
{
    size_t n = dii_utf8_sequence_length(p->text + t->start, p->len - t->start);
    t->type = T_INVALID;
    t->end = p->pos = t->start + (n ? n : 1);
    return DII_OK;
}

static dii_status lex_punct(jdom_parser *p, token *t, tok_type type)
{
    t->type = type;
    t->end = p->pos = t->start + 1;
    return DII_OK;
}

/* The next token. DII_OK also for T_INVALID and T_EOF: whether those are
 * wrong, and how to say so, depends on where they are. */
static dii_status lex(jdom_parser *p, token *t)
{
    skip_ws(p);
    t->start = p->pos;
    t->line = p->line;
    t->column = (unsigned long)(p->pos - p->line_start) + 1;
    if (p->pos >= p->len) {
        t->type = T_EOF;
        t->end = p->pos;
        return DII_OK;
    }
    char c = p->text[p->pos];
    switch (c) {
    case '{': return lex_punct(p, t, T_BEGIN_OBJECT);
    case '}': return lex_punct(p, t, T_END_OBJECT);
    case '[': return lex_punct(p, t, T_BEGIN_ARRAY);
    case ']': return lex_punct(p, t, T_END_ARRAY);
    case ':': return lex_punct(p, t, T_COLON);
    case ',': return lex_punct(p, t, T_COMMA);
    case '"': return lex_string(p, t);
    default: break;
    }
    if (c == '-' || is_digit(c))
        return lex_number(p, t);
    return is_alpha(c) ? lex_word(p, t) : lex_other(p, t);
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                     */
/* ------------------------------------------------------------------------ */

/* Appends a node for the value starting at token t, with the member key
 * (if any) that precedes it; consumes the key. */
static dii_status push_node(jdom_parser *p, const token *t, jdom_kind kind, pending_key *key)
{
    if (skipping(p)) {
        memset(key, 0, sizeof *key);
        return DII_OK;
    }
    if (dii_mem_grow((void **)&p->pending, &p->pending_cap, p->pending_count + 1,
                     sizeof *p->pending) != 0)
        return DII_ERR_NO_MEMORY;
    jdom_node *n = &p->pending[p->pending_count++];
    memset(n, 0, sizeof *n);
    n->key = key->text;
    n->key_len = key->len;
    n->key_line = key->line;
    n->key_column = key->column;
    n->line = t->line;
    n->column = t->column;
    n->kind = (unsigned char)kind;
    if (kind == JDOM_STRING) {
        n->u.string.text = t->text;
        n->u.string.len = t->text_len;
    } else if (kind == JDOM_NUMBER) {
        n->u.number.value = t->number;
        if (t->flags & JDOM_INT64)
            n->u.number.integer = t->integer;
        else
            n->u.number.text = t->text;
        n->flags = t->flags;
    }
    memset(key, 0, sizeof *key);
    return DII_OK;
}

/* What the filter says of the container just pushed (the last node of
 * pending, no frame of its own yet); JDOM_BUILD without a filter. */
static jdom_verdict ask_filter(jdom_parser *p, dii_limit_kind *limit)
{
    *limit = DII_LIMIT_NONE;
    if (p->filter == NULL)
        return JDOM_BUILD;
    return p->filter(p->filter_ctx, p, &p->pending[p->pending_count - 1], limit);
}

static dii_status open_container(jdom_parser *p, const token *t, pending_key *key)
{
    if (dii_limit_exceeded(&p->limits, DII_LIMIT_DEPTH, p->depth + 1))
        return fail_limit(p, t->start, DII_LIMIT_DEPTH);
    if (dii_mem_grow((void **)&p->frames, &p->frames_cap, p->depth + 1, sizeof *p->frames) != 0)
        return DII_ERR_NO_MEMORY;
    jdom_kind kind = t->type == T_BEGIN_OBJECT ? JDOM_OBJECT : JDOM_ARRAY;
    frame f = {NO_NODE, p->pending_count, (unsigned char)kind, 1, 0, {NULL, 0}};
    if (!skipping(p)) {
        dii_status st = push_node(p, t, kind, key);
        if (st != DII_OK)
            return st;
        dii_limit_kind limit;
        jdom_verdict v = ask_filter(p, &limit);
        if (v == JDOM_REFUSE)
            return fail_limit(p, t->start, limit);
        f = (frame){p->pending_count - 1, p->pending_count, (unsigned char)kind,
                    v == JDOM_SKIP, v == JDOM_STREAM && p->stream != NULL,
                    arena_where(&p->arena)};
        if (f.skip)
            p->pending[f.node].flags |= JDOM_SKIPPED;
    } else {
        memset(key, 0, sizeof *key); /* consumed, as push_node does */
    }
    p->frames[p->depth++] = f;
    return DII_OK;
}

static int in_object(const jdom_parser *p)
{
    return p->frames[p->depth - 1].kind == JDOM_OBJECT;
}

/* ------------------------------------------------------------------------ */
/* Objects: key index and repeated keys                                      */
/* ------------------------------------------------------------------------ */

/* Slots of an object's index: a power of two, at most half full. */
static size_t table_cap(size_t count)
{
    size_t cap = 16;
    while (cap < 2 * count)
        cap *= 2;
    return cap;
}

static int same_key(const jdom_node *a, const char *key, size_t len)
{
    return a->key_len == len && memcmp(a->key, key, len) == 0;
}

/* Index of the member of items[0..n) with this key, else n. Linear for
 * small objects; large ones keep a hash index right after their items. */
static size_t find_member(const jdom_node *items, size_t n, const char *key, size_t len)
{
    if (n <= LINEAR_MAX) {
        for (size_t i = 0; i < n; i++)
            if (!(items[i].flags & REMOVED) && same_key(&items[i], key, len))
                return i;
        return n;
    }
    const uint32_t *table = (const uint32_t *)(items + n);
    size_t mask = table_cap(n) - 1;
    for (size_t slot = dii_hash_bytes(key, len) & mask; table[slot] != 0; slot = (slot + 1) & mask)
        if (same_key(&items[table[slot] - 1], key, len))
            return table[slot] - 1;
    return n;
}

/* Adds items[j] to the index of items[0..n) (n > LINEAR_MAX) unless an
 * earlier member has its key: returns that member's index, else j. */
static size_t index_member(jdom_node *items, size_t n, size_t j)
{
    uint32_t *table = (uint32_t *)(items + n);
    size_t mask = table_cap(n) - 1;
    size_t slot = dii_hash_bytes(items[j].key, items[j].key_len) & mask;
    for (; table[slot] != 0; slot = (slot + 1) & mask)
        if (same_key(&items[table[slot] - 1], items[j].key, items[j].key_len))
            return table[slot] - 1;
    table[slot] = (uint32_t)(j + 1);
    return j;
}

static dii_status scratch_put_token(jdom_parser *p, const char *token, size_t n)
{
    dii_status st = scratch_put(p, "/", 1);
    for (size_t i = 0; st == DII_OK && i < n; i++) {
        if (token[i] == '~' || token[i] == '/')
            st = scratch_put(p, token[i] == '~' ? "~0" : "~1", 2);
        else
            st = scratch_put(p, &token[i], 1);
    }
    return st;
}

/* The pointer of member m of the innermost open object, from the open
 * containers' keys and indices (RFC 6901 escapes), in scratch. Only
 * repeated keys need one, so this is off the fast path. */
static dii_status member_pointer(jdom_parser *p, const jdom_node *m)
{
    p->scratch_len = 0;
    dii_status st = scratch_put(p, "", 0);
    for (size_t k = 1; st == DII_OK && k < p->depth; k++) {
        const jdom_node *c = &p->pending[p->frames[k].node];
        char index[24];
        if (c->key != NULL) {
            st = scratch_put_token(p, c->key, c->key_len);
        } else {
            size_t i = p->frames[k].node - p->frames[k - 1].first;
            int n = snprintf(index, sizeof index, "%zu", i);
            st = scratch_put_token(p, index, (size_t)n);
        }
    }
    if (st == DII_OK)
        st = scratch_put_token(p, m->key, m->key_len);
    return st;
}

static int duplicate_before(const jdom_duplicate *a, const jdom_duplicate *b)
{
    return a->line < b->line || (a->line == b->line && a->column < b->column);
}

static void free_duplicate(jdom_duplicate *d)
{
    dii_mem_free((char *)d->pointer);
    dii_mem_free((char *)d->key);
}

/* The kept repetitions are a max-heap by position (the last one on top),
 * so that the first dup_keep of the text are kept whatever order they are
 * found in (an inner object's when it closes, a streamed object's at
 * once). */
static void heap_up(jdom_duplicate *h, size_t i)
{
    while (i > 0 && duplicate_before(&h[(i - 1) / 2], &h[i])) {
        jdom_duplicate t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static void heap_down(jdom_duplicate *h, size_t n)
{
    for (size_t i = 0;;) {
        size_t big = i, l = 2 * i + 1, r = l + 1;
        if (l < n && duplicate_before(&h[big], &h[l]))
            big = l;
        if (r < n && duplicate_before(&h[big], &h[r]))
            big = r;
        if (big == i)
            return;
        jdom_duplicate t = h[i];
        h[i] = h[big];
        h[big] = t;
        i = big;
    }
}

/* Records member m of the innermost open object as a repeated key; its
 * strings are the record's own (the arena may be rewound). Beyond
 * dup_keep, a repetition after all the kept ones is only counted. */
static dii_status record_duplicate(jdom_parser *p, const jdom_node *m)
{
    jdom_duplicate d = {NULL, NULL, m->key_line, m->key_column};
    int full = p->dup_keep > 0 && p->dup_count >= p->dup_keep;
    if (full && !duplicate_before(&d, &p->dups[0])) {
        p->dup_dropped++;
        return DII_OK;
    }
    if (member_pointer(p, m) != DII_OK)
        return DII_ERR_NO_MEMORY;
    d.pointer = dii_mem_strndup(p->scratch, p->scratch_len);
    d.key = dii_mem_strndup(m->key, m->key_len);
    if (d.pointer == NULL || d.key == NULL ||
        (!full && dii_mem_grow((void **)&p->dups, &p->dup_cap, p->dup_count + 1,
                               sizeof *p->dups) != 0)) {
        free_duplicate(&d);
        return DII_ERR_NO_MEMORY;
    }
    if (full) {
        free_duplicate(&p->dups[0]);
        p->dups[0] = d;
        p->dup_dropped++;
        heap_down(p->dups, p->dup_count);
    } else {
        p->dups[p->dup_count++] = d;
        heap_up(p->dups, p->dup_count - 1);
    }
    return DII_OK;
}

dii_status jdom_add_duplicate(jdom_parser *p, const jdom_node *member)
{
    return record_duplicate(p, member);
}

static void free_duplicates(jdom_parser *p)
{
    for (size_t i = 0; i < p->dup_count; i++)
        free_duplicate(&p->dups[i]);
    p->dup_count = 0;
    p->dup_dropped = 0;
}

/* Finds repeated keys among items[0..n): each repetition is recorded, its
 * node moves into the first occurrence's place (the last value wins, the
 * first position in the order stays) and is marked REMOVED. Returns the
 * number removed through *removed. */
static dii_status merge_repeats(jdom_parser *p, jdom_node *items, size_t n, size_t *removed)
{
    if (n > LINEAR_MAX)
        memset(items + n, 0, table_cap(n) * sizeof(uint32_t));
    *removed = 0;
    for (size_t j = 0; j < n; j++) {
        size_t first = n > LINEAR_MAX ? index_member(items, n, j)
                                      : find_member(items, j, items[j].key, items[j].key_len);
        if (first == j)
            continue;
        dii_status st = record_duplicate(p, &items[j]);
        if (st != DII_OK)
            return st;
        items[first] = items[j];
        items[j].flags |= REMOVED;
        (*removed)++;
    }
    return DII_OK;
}

/* Drops REMOVED members and rebuilds the index (it sits after the items,
 * so it moves when their count changes; the block is large enough). */
static size_t compact_members(jdom_node *items, size_t n)
{
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
        if (!(items[r].flags & REMOVED))
            items[w++] = items[r];
    if (w > LINEAR_MAX) {
        memset(items + w, 0, table_cap(w) * sizeof(uint32_t));
        for (size_t j = 0; j < w; j++)
            index_member(items, w, j);
    }
    return w;
}

/* ------------------------------------------------------------------------ */
/* Closing containers                                                        */
/* ------------------------------------------------------------------------ */

/* The last node of pending is complete; in a streamed container it is
 * handed to the stream callback and dropped, with all it took from the
 * arena (its key, its strings, its children). */
static dii_status hand_over_child(jdom_parser *p)
{
    if (p->depth == 0 || !p->frames[p->depth - 1].stream)
        return DII_OK;
    arena_mark mark = p->frames[p->depth - 1].mark;
    dii_status st = p->stream(p->filter_ctx, p, &p->pending[p->pending_count - 1]);
    p->pending_count--;
    arena_rewind(&p->arena, mark);
    return st;
}

/* The root's children (the only ones pending holds, after the root's own
 * node) become the tree's as they lie, instead of being copied into the
 * arena: a large object or array, a single submission's members, is not
 * held twice. pending gets a new array holding the root's node. */
static jdom_node *adopt_root_children(jdom_parser *p, size_t n, size_t index_bytes)
{
    jdom_node *fresh = dii_mem_alloc(8 * sizeof *fresh);
    if (fresh == NULL)
        return NULL;
    jdom_node *items = p->pending;
    fresh[0] = items[0];
    memmove(items, items + 1, n * sizeof *items);
    jdom_node *fit = dii_mem_realloc(items, n * sizeof *items + index_bytes);
    if (fit == NULL) { /* the stack stays pending's, in its new order: the parse fails */
        dii_mem_free(fresh);
        return NULL;
    }
    dii_mem_free(p->root_items);
    p->root_items = fit;
    p->pending = fresh;
    p->pending_cap = 8;
    p->pending_count = 1 + n;
    return fit;
}

/* Children too few to be worth a block of their own go into the arena. */
#define ADOPT_MIN ((size_t)1 << 16)

static dii_status close_container(jdom_parser *p)
{
    frame f = p->frames[p->depth - 1];
    if (f.skip) { /* nothing was kept: its node (if it has one) stays childless */
        p->depth--;
        return f.node == NO_NODE ? DII_OK : hand_over_child(p);
    }
    size_t n = p->pending_count - f.first;
    int object = p->pending[f.node].kind == JDOM_OBJECT;
    if (object && n > UINT32_MAX / 4)
        return DII_ERR_NO_MEMORY; /* index slots hold 32-bit positions */
    size_t index_bytes = object && n > LINEAR_MAX ? table_cap(n) * sizeof(uint32_t) : 0;
    jdom_node *items = NULL;
    if (n > 0) {
        if (n > (SIZE_MAX - index_bytes) / sizeof *items)
            return DII_ERR_NO_MEMORY;
        if (p->depth == 1 && n * sizeof *items >= ADOPT_MIN) {
            items = adopt_root_children(p, n, index_bytes);
            if (items == NULL)
                return DII_ERR_NO_MEMORY;
        } else {
            items = arena_alloc(&p->arena, n * sizeof *items + index_bytes);
            if (items == NULL)
                return DII_ERR_NO_MEMORY;
            memcpy(items, p->pending + f.first, n * sizeof *items);
        }
    }
    if (object && n > 1) {
        size_t removed;
        dii_status st = merge_repeats(p, items, n, &removed);
        if (st != DII_OK)
            return st;
        if (removed > 0)
            n = compact_members(items, n);
    }
    jdom_node *node = &p->pending[f.node];
    node->u.children.items = items;
    node->u.children.count = n;
    if (f.stream)
        node->flags |= JDOM_STREAMED;
    p->pending_count = f.first;
    p->depth--;
    return hand_over_child(p);
}

/* ------------------------------------------------------------------------ */
/* The grammar                                                               */
/* ------------------------------------------------------------------------ */

typedef enum pstate { AT_VALUE, AFTER_VALUE, AT_KEY, DONE } pstate;

static jdom_kind scalar_kind(tok_type type)
{
    switch (type) {
    case T_STRING: return JDOM_STRING;
    case T_NUMBER: return JDOM_NUMBER;
    case T_TRUE: return JDOM_TRUE;
    case T_FALSE: return JDOM_FALSE;
    default: return JDOM_NULL;
    }
}

/* t is an array or object's first token: '{' or '['. */
static dii_status begin_container(jdom_parser *p, token *t, pending_key *key, pstate *state)
{
    tok_type close = t->type == T_BEGIN_OBJECT ? T_END_OBJECT : T_END_ARRAY;
    dii_status st = open_container(p, t, key);
    if (st == DII_OK)
        st = lex(p, t);
    if (st != DII_OK)
        return st;
    if (t->type == close) {
        *state = AFTER_VALUE;
        return close_container(p);
    }
    *state = close == T_END_OBJECT ? AT_KEY : AT_VALUE;
    return DII_OK;
}

/* t starts a value (the root, an element, a member's value). */
static dii_status at_value(jdom_parser *p, token *t, pending_key *key, pstate *state)
{
    switch (t->type) {
    case T_BEGIN_OBJECT:
    case T_BEGIN_ARRAY: return begin_container(p, t, key, state);
    case T_STRING:
    case T_NUMBER:
    case T_TRUE:
    case T_FALSE:
    case T_NULL: {
        *state = AFTER_VALUE;
        dii_status st = push_node(p, t, scalar_kind(t->type), key);
        return st == DII_OK && !skipping(p) ? hand_over_child(p) : st;
    }
    case T_INVALID: return fail_token(p, t, "invalid token");
    case T_EOF:
        if (!in_object(p))
            return fail_token(p, t, "']' expected");
        return fail_token(p, t, "unexpected token");
    default: return fail_token(p, t, "unexpected token");
    }
}

/* After a value inside a container: ',' or the container's end. */
static dii_status after_value(jdom_parser *p, token *t, pstate *state)
{
    if (p->depth == 0) {
        *state = DONE;
        return DII_OK;
    }
    int object = in_object(p);
    dii_status st = lex(p, t);
    if (st != DII_OK)
        return st;
    if (t->type == T_COMMA) {
        *state = object ? AT_KEY : AT_VALUE;
        return lex(p, t);
    }
    if (t->type == (object ? T_END_OBJECT : T_END_ARRAY))
        return close_container(p);
    return fail_token(p, t, object ? "'}' expected" : "']' expected");
}

/* t should be a member's key; reads it and the ':' after it. */
static dii_status at_key(jdom_parser *p, token *t, pending_key *key, pstate *state)
{
    if (t->type != T_STRING)
        return fail_token(p, t, "string or '}' expected");
    *key = (pending_key){t->text, t->text_len, t->line, t->column};
    dii_status st = lex(p, t);
    if (st != DII_OK)
        return st;
    if (t->type != T_COLON)
        return fail_token(p, t, "':' expected");
    *state = AT_VALUE;
    return lex(p, t);
}

static dii_status parse_text(jdom_parser *p)
{
    token t;
    dii_status st = lex(p, &t);
    if (st != DII_OK)
        return st;
    if (t.type != T_BEGIN_OBJECT && t.type != T_BEGIN_ARRAY)
        return fail_token(p, &t, "'[' or '{' expected");
    pending_key key = {NULL, 0, 0, 0};
    pstate state = AT_VALUE;
    while (st == DII_OK && state != DONE) {
        if (state == AT_VALUE)
            st = at_value(p, &t, &key, &state);
        else if (state == AT_KEY)
            st = at_key(p, &t, &key, &state);
        else
            st = after_value(p, &t, &state);
    }
    if (st == DII_OK)
        st = lex(p, &t);
    if (st == DII_OK && t.type != T_EOF)
        return fail_token(p, &t, "end of file expected");
    return st;
}

/* ------------------------------------------------------------------------ */
/* Public (to the library) entry points                                      */
/* ------------------------------------------------------------------------ */

jdom_parser *jdom_parser_new(void)
{
    jdom_parser *p = dii_mem_calloc(1, sizeof(jdom_parser));
    if (p != NULL)
        p->limits = dii_limits_of(NULL);
    return p;
}

void jdom_parser_set_limits(jdom_parser *p, const dii_limits *limits)
{
    p->limits = *limits;
}

void jdom_parser_set_filter(jdom_parser *p, jdom_filter filter, void *ctx)
{
    p->filter = filter;
    p->filter_ctx = ctx;
}

void jdom_parser_set_stream(jdom_parser *p, jdom_stream stream)
{
    p->stream = stream;
}

void jdom_parser_set_duplicate_cap(jdom_parser *p, size_t keep)
{
    p->dup_keep = keep;
}

size_t jdom_duplicates_dropped(const jdom_parser *p)
{
    return p ? p->dup_dropped : 0;
}

size_t jdom_open_depth(const jdom_parser *p)
{
    return p->depth;
}

size_t jdom_open_child_count(const jdom_parser *p)
{
    return p->depth == 0 ? 0 : p->pending_count - p->frames[p->depth - 1].first;
}

const jdom_node *jdom_open_child(const jdom_parser *p, size_t i)
{
    return i < jdom_open_child_count(p) ? &p->pending[p->frames[p->depth - 1].first + i] : NULL;
}

const jdom_node *jdom_open_container(const jdom_parser *p, size_t level)
{
    if (level >= p->depth || p->frames[level].node == NO_NODE)
        return NULL;
    return &p->pending[p->frames[level].node];
}

void jdom_parser_free(jdom_parser *p)
{
    if (p == NULL)
        return;
    arena_free(&p->arena);
    dii_mem_free(p->root_items);
    dii_mem_free(p->pending);
    dii_mem_free(p->frames);
    dii_mem_free(p->scratch);
    free_duplicates(p);
    dii_mem_free(p->dups);
    dii_mem_free(p);
}

static int compare_duplicates(const void *pa, const void *pb)
{
    const jdom_duplicate *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->column > b->column) - (a->column < b->column);
}

/* Members of an inner object are found (when it closes) before earlier
 * members of the outer one, so the list needs sorting. Input from outside
 * can repeat keys by the hundred thousand: O(n log n), not an insertion
 * sort. No two repetitions share a position, so any sort gives one order. */
static void sort_duplicates(jdom_parser *p)
{
    if (p->dup_count > 1)
        qsort(p->dups, p->dup_count, sizeof *p->dups, compare_duplicates);
}

/* The first chunk is half the text's size: the submissions reader streams
 * the values, the bulk of a document, so its tree is a fraction of the
 * text; chunks double from there when a tree needs more. */
static void reset(jdom_parser *p, const char *text, size_t len, unsigned long first_line)
{
    arena_reset(&p->arena);
    dii_mem_free(p->root_items);
    p->root_items = NULL;
    p->arena.hint = len / 2 > ARENA_GROWTH_CAP ? ARENA_GROWTH_CAP : len / 2;
    if (p->arena.hint < ARENA_MIN)
        p->arena.hint = ARENA_MIN;
    p->text = text;
    p->len = len;
    p->pos = 0;
    p->first_line = first_line ? first_line : 1;
    p->line = p->first_line;
    p->line_start = 0;
    p->pending_count = 0;
    p->depth = 0;
    free_duplicates(p);
}

/* The pending stack holds the children of open containers; once the text
 * is read it is empty. A large one (a big object's members, waiting for
 * it to close) is handed back at once, so that what the caller builds from
 * the tree does not pile up on top of it; a small one is kept for the next
 * parse (JSON Lines parse one short text per line). */
#define PENDING_KEEP ((size_t)1 << 20)

static void release_large_pending(jdom_parser *p)
{
    if (p->pending_cap * sizeof *p->pending <= PENDING_KEEP)
        return;
    dii_mem_free(p->pending);
    p->pending = NULL;
    p->pending_cap = 0;
}

dii_status jdom_parse(jdom_parser *p, const char *text, size_t len, unsigned long first_line,
                      const jdom_node **root, jdom_error *err)
{
    jdom_error ignored;
    *root = NULL;
    reset(p, text ? text : "", text ? len : 0, first_line);
    p->err = err ? err : &ignored;
    dii_status st = parse_text(p);
    if (st == DII_OK) {
        p->root = p->pending[0];
        sort_duplicates(p);
        *root = &p->root;
    } else {
        free_duplicates(p);
    }
    p->err = NULL;
    p->pending_count = 0;
    p->depth = 0;
    release_large_pending(p);
    return st;
}

const jdom_node *jdom_get(const jdom_node *object, const char *key)
{
    if (object == NULL || object->kind != JDOM_OBJECT || key == NULL)
        return NULL;
    const jdom_node *items = object->u.children.items;
    size_t n = object->u.children.count;
    size_t i = find_member(items, n, key, strlen(key));
    return i < n ? &items[i] : NULL;
}

size_t jdom_duplicate_count(const jdom_parser *p)
{
    return p ? p->dup_count : 0;
}

const jdom_duplicate *jdom_duplicate_at(const jdom_parser *p, size_t i)
{
    return p && i < p->dup_count ? &p->dups[i] : NULL;
}
