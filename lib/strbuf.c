/* A growable byte buffer that remembers an allocation failure (strbuf.h).
 *
 * Numbers: sb_put_double writes the shortest of the 15-, 16- and 17-digit
 * decimal forms that reads back to the identical double (trailing zeros
 * dropped, so 0.1 is "0.1"; subnormals try every precision from 1), laid out the way
 * ECMAScript's Number::toString does (plain decimal for 1e-6 <= |x| < 1e21,
 * else d.ddde±N), so integers print as "23", never "23.0" or "2.3e+01".
 *
 * Locale independence without touching the locale: printf("%e") and strtod
 * only consult LC_NUMERIC for the decimal separator. We print with "%.*e",
 * keep only the digits and the exponent (whatever separator the thread's
 * locale inserted is skipped), and read numbers back from text of the form
 * "DIGITSe-N", which has no separator at all. Nothing here calls setlocale,
 * uselocale or localeconv, so it is thread-safe and allocation-free. */
#include "strbuf.h"
#include "utf8.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

void sb_init(strbuf *sb)
{
    sb_init_sink(sb, NULL, NULL);
}

void sb_init_sink(strbuf *sb, sb_sink_fn sink, void *ctx)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->failed = 0;
    sb->refused = 0;
    sb->sink = sink;
    sb->sink_ctx = ctx;
}

int sb_flush(strbuf *sb)
{
    if (!sb->failed && sb->sink && sb->len > 0) {
        if (sb->sink(sb->sink_ctx, sb->data, sb->len) != 0) {
            sb->failed = 1;
            sb->refused = 1;
        }
        sb->len = 0;
    }
    return sb->failed ? -1 : 0;
}

/* After each append: a streaming buffer that reached SB_FLUSH_AT empties. */
static void sb_appended(strbuf *sb)
{
    if (sb->sink && sb->len >= SB_FLUSH_AT)
        sb_flush(sb);
}

/* Makes room for n more bytes plus a NUL. 0 on success. */
static int sb_reserve(strbuf *sb, size_t n)
{
    if (sb->failed)
        return -1;
    if (n > (size_t)-1 - sb->len - 1) {
        sb->failed = 1;
        return -1;
    }
    size_t need = sb->len + n + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need) {
        if (cap > (size_t)-1 / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    char *p = dii_mem_realloc(sb->data, cap);
    if (!p) {
        sb->failed = 1;
        return -1;
    }
    sb->data = p;
    sb->cap = cap;
    return 0;
}

void sb_append(strbuf *sb, const char *s, size_t n)
{
    if (n == 0 || sb_reserve(sb, n) != 0)
        return;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    sb_appended(sb);
}

void sb_puts(strbuf *sb, const char *s)
{
    if (s)
        sb_append(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    if (sb->failed)
        return;
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        sb_append(sb, small, (size_t)n);
        return;
    }
    if (sb_reserve(sb, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    sb_appended(sb);
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                   */
/* ------------------------------------------------------------------------ */

/* The significant digits of |x| (finite, non-zero) rounded to `prec` digits:
 * writes prec ASCII digits and a NUL to digits and returns the decimal
 * exponent e such that |x| ~= d.ddd x 10^e. Independent of the locale. */
int dii_decimal_digits(double x, int prec, char *digits)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", prec - 1, fabs(x));
    const char *p = buf;
    int n = 0;
    /* Mantissa digits; anything else before the 'e' is the separator. */
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && n < prec)
            digits[n++] = *p;
    digits[n] = '\0';
    return (*p == 'e' || *p == 'E') ? (int)strtol(p + 1, NULL, 10) : 0;
}

/* Reads "DIGITS x 10^exp10" back as a double, without a decimal separator. */
static double digits_to_double(const char *digits, int exp10)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%se%d", digits, exp10);
    return strtod(buf, NULL);
}

size_t dii_format_double(double x, char out[DII_DOUBLE_TEXT_MAX])
{
    if (!isfinite(x)) {
        memcpy(out, "null", 5); /* JSON has no NaN / Infinity */
        return 4;
    }
    if (x == 0) {
        memcpy(out, "0", 2); /* -0 too: "-0" would only puzzle readers */
        return 1;
    }
    char digits[24];
    int e = 0;
    /* Any decimal of up to 15 digits survives a trip through a normal double
     * (DBL_DIG), so when a shorter form exists the 15-digit one is it plus
     * zeros, stripped below. Subnormals carry fewer digits: search them all. */
    int first = fabs(x) < DBL_MIN ? 1 : 15;
    for (int prec = first; prec <= 17; prec++) {
        e = dii_decimal_digits(x, prec, digits);
        if (digits_to_double(digits, e - (prec - 1)) == fabs(x))
            break; /* 17 digits always round-trip: the loop ends there */
    }
    size_t k = strlen(digits);
    while (k > 1 && digits[k - 1] == '0')
        k--;
    digits[k] = '\0';

    size_t o = 0;
    if (x < 0)
        out[o++] = '-';
    int n = e + 1; /* ECMAScript's n: position of the decimal point */
    if ((int)k <= n && n <= 21) {
        /* integer: digits then n - k zeros */
        memcpy(out + o, digits, k);
        o += k;
        for (int i = (int)k; i < n; i++)
            out[o++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(out + o, digits, (size_t)n);
        o += (size_t)n;
        out[o++] = '.';
        memcpy(out + o, digits + n, k - (size_t)n);
        o += k - (size_t)n;
    } else if (-6 < n && n <= 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = 0; i < -n; i++)
            out[o++] = '0';
        memcpy(out + o, digits, k);
        o += k;
    } else {
        out[o++] = digits[0];
        if (k > 1) {
            out[o++] = '.';
            memcpy(out + o, digits + 1, k - 1);
            o += k - 1;
        }
        o += (size_t)snprintf(out + o, DII_DOUBLE_TEXT_MAX - o, "e%c%d", e < 0 ? '-' : '+',
                              e < 0 ? -e : e);
    }
    out[o] = '\0';
    return o;
}

void sb_put_double(strbuf *sb, double x)
{
    char text[DII_DOUBLE_TEXT_MAX];
    size_t n = dii_format_double(x, text);
    sb_append(sb, text, n);
}

/* ------------------------------------------------------------------------ */
/* JSON strings                                                              */
/* ------------------------------------------------------------------------ */

void sb_put_json_string(strbuf *sb, const char *s)
{
    if (!s) {
        sb_puts(sb, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    sb_putc(sb, '"');
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        const char *esc = NULL;
        char ubuf[8];
        size_t step = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20) {
            snprintf(ubuf, sizeof ubuf, "\\u%04x", (unsigned)c);
            esc = ubuf;
        } else if (c >= 0x80) {
            step = dii_utf8_sequence_length(s + i, n - i);
            if (step == 0) {
                esc = "\xEF\xBF\xBD"; /* invalid UTF-8 byte: U+FFFD */
                step = 1;
            }
        }
        if (esc) {
            sb_append(sb, s + run, i - run);
            sb_puts(sb, esc);
            run = i + step;
        }
        i += step;
    }
    sb_append(sb, s + run, n - run);
    sb_putc(sb, '"');
}

char *sb_take(strbuf *sb, size_t *len)
{
    char *out = NULL;
    size_t n = 0;
    if (!sb->failed && sb_reserve(sb, 0) == 0) {
        sb->data[sb->len] = '\0';
        out = sb->data;
        n = sb->len;
    } else {
        dii_mem_free(sb->data);
    }
    sb_init(sb);
    if (len)
        *len = n;
    return out;
}

void sb_free(strbuf *sb)
{
    dii_mem_free(sb->data);
    sb_init(sb);
}

dii_status sb_finish(strbuf *sb, char **text, size_t *len)
{
    char *out = sb_take(sb, len);
    if (!out)
        return dii_fail_nomem();
    *text = out;
    dii_clear_error();
    return DII_OK;
}

dii_status sb_finish_stream(strbuf *sb, const char *fn)
{
    int failed = sb_flush(sb) != 0;
    int refused = sb->refused;
    sb_free(sb);
    if (refused)
        return dii_fail(DII_ERR_IO, "%s: the write function stopped the output", fn);
    if (failed)
        return dii_fail_nomem();
    dii_clear_error();
    return DII_OK;
}
