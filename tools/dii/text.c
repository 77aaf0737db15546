/* Text helpers for the writers: display width of UTF-8 text, padding and
 * cutting to a column width, and locale-independent number text.
 *
 * Why display width: the tables are read by people whose names are
 * Vietnamese ("Điện Biên" is 11 bytes but 9 columns; a name typed with
 * combining accents is longer still in bytes), so aligning by bytes or by
 * code points would put every column out of line. We do not use wcwidth():
 * it depends on the process locale (LC_CTYPE=C makes every accent -1), and
 * the output must look the same in a CI log as in a terminal. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- UTF-8 decoding ------------------------------------------------------ */

static int is_continuation(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Sequence length announced by lead byte b, or 0 when b cannot start one
 * (a continuation byte, 0xC0/0xC1 which only make overlong forms, 0xF5+). */
static size_t sequence_length(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* Whether the decoded code point is one RFC 3629 allows for a sequence of
 * n bytes: no overlong form, no surrogate, nothing above U+10FFFF. */
static int is_canonical(unsigned long cp, size_t n)
{
    static const unsigned long least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF)
        return 0;
    return !(cp >= 0xD800 && cp <= 0xDFFF);
}

size_t utf8_next(const char *s, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0)
        return 0;
    size_t n = sequence_length(u[0]);
    if (n == 0) {
        *cp = UTF8_INVALID;
        return 1;
    }
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned long c = u[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++) {
        /* A NUL or any non-continuation byte ends a truncated sequence:
         * only the lead byte is consumed, so the next byte is decoded anew. */
        if (!is_continuation(u[i])) {
            *cp = UTF8_INVALID;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (!is_canonical(c, n)) {
        *cp = UTF8_INVALID;
        return 1;
    }
    *cp = c;
    return n;
}

/* ---- display width ------------------------------------------------------- */

typedef struct cp_range {
    unsigned long first, last;
} cp_range;

/* Marks drawn over the previous character: they take no column. The five
 * combining blocks, plus zero-width spaces/joiners and variation selectors,
 * which text copied from Word documents and web pages often carries. */
static const cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

/* East Asian Wide and Fullwidth characters (Unicode UAX #11), as terminals
 * draw them: two columns. */
static const cp_range wide[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

static int in_ranges(unsigned long cp, const cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].first && cp <= r[i].last)
            return 1;
    return 0;
}

/* Columns one decoded character takes. Vietnamese precomposed letters
 * (U+00C0..U+01B0, U+1EA0..U+1EF9) fall through to one, as they should. */
static size_t char_width(unsigned long cp)
{
    if (cp == UTF8_INVALID)
        return 1; /* the terminal shows one replacement glyph per bad byte */
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof *zero_width))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof *wide))
        return 2;
    return 1;
}

size_t text_width(const char *s)
{
    size_t width = 0;
    unsigned long cp;
    size_t n;
    while ((n = utf8_next(s, &cp)) > 0) {
        width += char_width(cp);
        s += n;
    }
    return width;
}

/* ---- padding and cutting ------------------------------------------------- */

static int put_spaces(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (putc(' ', out) == EOF)
            return -1;
    return 0;
}

/* Length in bytes of the longest prefix of s that fits in `room` columns,
 * its width in *used. Zero-width marks after the last kept character stay
 * with it (an accent must not be separated from its letter). */
static size_t fitting_prefix(const char *s, size_t room, size_t *used)
{
    size_t bytes = 0, width = 0, n;
    unsigned long cp;
    while ((n = utf8_next(s + bytes, &cp)) > 0) {
        size_t w = char_width(cp);
        if (width + w > room)
            break;
        width += w;
        bytes += n;
    }
    *used = width;
    return bytes;
}

int put_padded(FILE *out, const char *s, size_t width, int right)
{
    if (s == NULL)
        s = "";
    size_t have = text_width(s);
    size_t bytes = strlen(s);
    const char *ellipsis = "";
    if (have > width) {
        /* Cut: keep what fits in width - 1 columns, then "…" (one column).
         * A wide character that would straddle the edge is dropped whole,
         * and the missing column is padded below. */
        size_t used = 0;
        bytes = width > 0 ? fitting_prefix(s, width - 1, &used) : 0;
        ellipsis = width > 0 ? "\xE2\x80\xA6" : "";
        have = width > 0 ? used + 1 : 0;
    }
    size_t pad = width - have;
    if (right && put_spaces(out, pad) < 0)
        return -1;
    if (fwrite(s, 1, bytes, out) != bytes || fputs(ellipsis, out) == EOF)
        return -1;
    if (!right && put_spaces(out, pad) < 0)
        return -1;
    return 0;
}

/* ---- wrapping ------------------------------------------------------------ */

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

size_t wrap_line(const char *s, size_t width, const char **next)
{
    size_t bytes = 0, used = 0, n;
    size_t last_space = 0; /* bytes before the last space seen, 0 = none */
    unsigned long cp;
    while ((n = utf8_next(s + bytes, &cp)) > 0) {
        size_t w = char_width(cp);
        if (used + w > width && bytes > 0) {
            /* Break at this space, else at the last one; a word longer
             * than the line is broken where it reaches the edge. */
            size_t end = cp == ' ' || last_space == 0 ? bytes : last_space;
            *next = skip_spaces(s + end);
            while (end > 0 && s[end - 1] == ' ')
                end--;
            return end;
        }
        if (cp == ' ')
            last_space = bytes;
        used += w;
        bytes += n;
    }
    *next = s + bytes;
    return bytes;
}

/* ---- numbers ------------------------------------------------------------- */

/* printf and strtod put the locale's decimal separator in numbers; output
 * files must not depend on the user's LC_NUMERIC ("67,4" would break every
 * CSV reader). Copies src to dst keeping digits, signs and the exponent
 * letter, and writes '.' for the separator, whatever bytes it was made of. */
static void delocalize(const char *src, char *dst, size_t size)
{
    size_t o = 0;
    for (const char *p = src; *p && o + 1 < size;) {
        if ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e') {
            dst[o++] = *p++;
            continue;
        }
        dst[o++] = '.';
        while (*p && !(*p >= '0' && *p <= '9'))
            p++;
    }
    if (size > 0)
        dst[o] = '\0';
}

/* Text for NaN and infinities, which %g would spell in a locale-free way
 * but which delocalize() would mangle; scoring never produces them. */
static int format_non_finite(double x, char *buf, size_t size)
{
    if (isfinite(x))
        return 0;
    snprintf(buf, size, "%s", isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
    return 1;
}

void format_number(double x, char *buf, size_t size)
{
    if (format_non_finite(x, buf, size))
        return;
    if (x == 0)
        x = 0; /* -0 prints as "0": a minus sign on nothing only puzzles */
    char tmp[64];
    /* 15 digits are exact for any decimal a person typed (DBL_DIG); 17
     * always read back. strtod parses in the same locale printf wrote in,
     * so the check holds whatever LC_NUMERIC is. */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    delocalize(tmp, buf, size);
}

void format_fixed(double x, int decimals, char *buf, size_t size)
{
    if (format_non_finite(x, buf, size))
        return;
    /* Round the way ranks are computed, so that two units shown with the
     * same index are the two that share a rank. */
    double r = dii_round_index(x, decimals);
    if (r == 0)
        r = 0; /* no "-0.0000" */
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, r);
    delocalize(tmp, buf, size);
}
