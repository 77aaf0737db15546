/* Private: a growable byte buffer that remembers an allocation failure, so
 * writers can append freely and check once at the end. */
#ifndef DII_STRBUF_H
#define DII_STRBUF_H
#include <stddef.h>

typedef struct strbuf {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* an allocation failed: contents are incomplete */
} strbuf;

void sb_init(strbuf *sb);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Longest text dii_format_double writes, NUL included. */
#define DII_DOUBLE_TEXT_MAX 48
/* The shortest decimal text that reads back as exactly x, laid out as
 * JavaScript prints numbers (23, 0.95, 1e-7); "null" for NaN / infinities.
 * Locale-independent. Writes a NUL-terminated string, returns its length. */
size_t dii_format_double(double x, char out[DII_DOUBLE_TEXT_MAX]);
/* The significant digits of |x| (finite, non-zero) rounded to prec digits
 * (prec <= 17): writes prec ASCII digits and a NUL, returns the decimal
 * exponent e with |x| ~= d.ddd x 10^e. Locale-independent. */
int dii_decimal_digits(double x, int prec, char *digits);
/* Appends dii_format_double(x). */
void sb_put_double(strbuf *sb, double x);
/* Appends s as a JSON string literal, quotes included. */
void sb_put_json_string(strbuf *sb, const char *s);
/* Hands over the NUL-terminated data (NULL if anything failed) and resets. */
char *sb_take(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);

#endif
