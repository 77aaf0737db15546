/* Strict UTF-8 checking, before any parser sees the text.
 *
 * jansson would stop at the first bad byte with a vague message and libcsv
 * does not look at encodings at all, so a spreadsheet saved as Windows-1258
 * would load as garbage. Checking here gives one located "encoding" error
 * per bad sequence, for every input format alike. The rules are RFC 3629's:
 * no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF. NUL
 * bytes are refused too: libcsv and C strings would silently cut a field
 * at one. */
#include <string.h>

#include "diag.h"
#include "parse.h"
#include "textpos.h"
#include "utf8.h"

/* What is wrong with the sequence starting at data[i], and how many bytes
 * it spans, so that the scan resumes after it. */
typedef struct utf8_problem {
    const char *what; /* NULL when the sequence is valid */
    size_t length;
} utf8_problem;

static int is_continuation(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Allowed range of the second byte after lead byte b (RFC 3629 table). */
static void second_byte_range(unsigned char b, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (b == 0xE0)
        *lo = 0xA0; /* below: overlong */
    else if (b == 0xED)
        *hi = 0x9F; /* above: surrogates */
    else if (b == 0xF0)
        *lo = 0x90; /* below: overlong */
    else if (b == 0xF4)
        *hi = 0x8F; /* above: beyond U+10FFFF */
}

static const char *second_byte_problem(unsigned char lead)
{
    if (lead == 0xE0 || lead == 0xF0)
        return "overlong encoding";
    if (lead == 0xED)
        return "UTF-16 surrogate encoded in UTF-8";
    return "code point above U+10FFFF";
}

/* Number of continuation bytes right after s[0], at most max. */
static size_t continuation_run(const unsigned char *s, size_t avail, size_t max)
{
    size_t n = 0;
    while (n < max && 1 + n < avail && is_continuation(s[1 + n]))
        n++;
    return n;
}

/* One error per broken character, not per byte: a bad lead byte swallows
 * the continuation bytes that follow it, as an editor would show one
 * replacement character for them. */
static utf8_problem check_sequence(const unsigned char *s, size_t avail)
{
    unsigned char b = s[0];
    if (b < 0x80)
        return (utf8_problem){NULL, 1};
    if (is_continuation(b))
        return (utf8_problem){"unexpected continuation byte", 1 + continuation_run(s, avail, 2)};
    if (b == 0xC0 || b == 0xC1)
        return (utf8_problem){"overlong encoding", 1 + continuation_run(s, avail, 1)};
    if (b >= 0xF5)
        return (utf8_problem){b >= 0xF8 ? "byte that never occurs in UTF-8"
                                        : "code point above U+10FFFF",
                              1 + continuation_run(s, avail, 3)};
    size_t need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    size_t run = continuation_run(s, avail, need - 1);
    if (run < need - 1)
        return (utf8_problem){"truncated UTF-8 sequence", 1 + run};
    unsigned char lo, hi;
    second_byte_range(b, &lo, &hi);
    if (s[1] < lo || s[1] > hi)
        return (utf8_problem){second_byte_problem(b), need};
    return (utf8_problem){NULL, need};
}

size_t dii_utf8_sequence_length(const char *s, size_t avail)
{
    utf8_problem p = check_sequence((const unsigned char *)s, avail);
    return p.what == NULL ? p.length : 0;
}

static dii_status report(dii_diagnostics *diags, const char *file, text_cursor *cur,
                         size_t offset, const char *what, unsigned char byte)
{
    text_cursor_seek(cur, offset);
    dii_loc loc = {cur->line, text_cursor_column(cur), NULL};
    if (byte == 0)
        return dii_diag_add(diags, DII_SEVERITY_ERROR, "encoding", file, &loc,
                            "save the file as UTF-8 text", "%s", what);
    return dii_diag_add(diags, DII_SEVERITY_ERROR, "encoding", file, &loc,
                        "save the file as UTF-8", "invalid UTF-8: %s (byte 0x%02X)", what,
                        (unsigned)byte);
}

/* A UTF-16 or UTF-32 file (as Windows tools like to write) is one mistake,
 * not one error per byte: recognise its byte-order mark and name the
 * encoding once. UTF-32LE's mark begins with UTF-16LE's, so it is tried
 * first (a UTF-16LE text whose first character is U+0000 is no text). The
 * encoding's name, or NULL when there is no such mark. */
static const char *wide_encoding(const unsigned char *s, size_t len)
{
    static const struct {
        unsigned char mark[4];
        size_t len;
        const char *name;
    } marks[] = {
        {{0xFF, 0xFE, 0x00, 0x00}, 4, "UTF-32LE"},
        {{0x00, 0x00, 0xFE, 0xFF}, 4, "UTF-32BE"},
        {{0xFF, 0xFE}, 2, "UTF-16LE"},
        {{0xFE, 0xFF}, 2, "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (len >= marks[i].len && memcmp(s, marks[i].mark, marks[i].len) == 0)
            return marks[i].name;
    return NULL;
}

size_t dii_utf8_check(const char *data, size_t len, const char *file, dii_diagnostics *diags)
{
    const unsigned char *s = (const unsigned char *)data;
    text_cursor cur;
    text_cursor_init(&cur, data, len);
    const char *wide = wide_encoding(s, len);
    if (wide != NULL) {
        dii_loc at = {1, 1, NULL};
        if (dii_diag_add(diags, DII_SEVERITY_ERROR, "encoding", file, &at,
                         "save the file as UTF-8", "the input is %s, not UTF-8", wide) != DII_OK)
            return (size_t)-1;
        return 1;
    }
    size_t problems = 0;
    unsigned long nul_line = 0; /* NUL bytes: one report per line is enough */
    size_t i = 0;
    while (i < len) {
        /* ASCII dominates real inputs; skip it without the full check. */
        if (s[i] != 0 && s[i] < 0x80) {
            i++;
            continue;
        }
        utf8_problem p = check_sequence(s + i, len - i);
        if (s[i] == 0) {
            /* Valid UTF-8, but never text: a UTF-16 file without its
             * mark, or a binary file. */
            text_cursor_seek(&cur, i);
            if (cur.line != nul_line)
                p.what = "NUL byte in the text (is the file UTF-16 or binary?)";
            nul_line = cur.line;
        }
        if (p.what != NULL) {
            if (report(diags, file, &cur, i, p.what, s[i]) != DII_OK)
                return (size_t)-1;
            problems++;
        }
        i += p.length;
    }
    return problems;
}

int dii_utf8_is_valid(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = dii_utf8_sequence_length(s + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

size_t dii_utf8_encode(unsigned long cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

long dii_hex4(const char *text, size_t len, size_t at)
{
    if (at > len || len - at < 4)
        return -1;
    long v = 0;
    for (size_t i = at; i < at + 4; i++) {
        char c = text[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}
