/* Private: a growable byte buffer that remembers an allocation failure, so
 * writers can append freely and check once at the end.
 *
 * A buffer may stream instead (sb_init_sink): whenever it holds
 * SB_FLUSH_AT bytes or more, they go to a sink and the buffer is emptied,
 * so that a long document costs SB_FLUSH_AT bytes (plus its longest
 * single piece), not its length. A sink that refuses stops the stream:
 * later appends are dropped, as after an allocation failure. */
#ifndef DII_STRBUF_H
#define DII_STRBUF_H
#include <stddef.h>

#include "dii/dii.h"

/* Takes each piece of a streamed buffer in order: 0 to go on, nonzero to
 * stop (dii.h's dii_write_fn). */
typedef int (*sb_sink_fn)(void *ctx, const char *data, size_t len);

/* What a streaming buffer holds before it flushes. */
#define SB_FLUSH_AT ((size_t)64 * 1024)

typedef struct strbuf {
    char *data;
    size_t len;
    size_t cap;
    int failed;      /* an allocation failed or the sink refused: output incomplete */
    int refused;     /* the sink refused (failed is set too) */
    sb_sink_fn sink; /* NULL: the text stays in memory (sb_take) */
    void *sink_ctx;
} strbuf;

void sb_init(strbuf *sb);
/* A streaming buffer: its text goes to sink(ctx, ...) in pieces, the last
 * of them on sb_flush. sb_take is not for it; sb_free still is. */
void sb_init_sink(strbuf *sb, sb_sink_fn sink, void *ctx);
/* Hands what a streaming buffer holds to its sink. 0, or -1 once anything
 * failed (then refused tells a refusal from an allocation failure). */
int sb_flush(strbuf *sb);
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
/* Ends an in-memory document: hands its text to the caller (*text, *len;
 * len may be NULL) and clears the last error, or DII_ERR_NO_MEMORY (*text
 * NULL, *len 0) when any append failed. The one ending of every to_json /
 * to_csv. */
dii_status sb_finish(strbuf *sb, char **text, size_t *len);
/* Ends a streamed document (sb_init_sink): sends what is left to the sink
 * and frees the buffer: DII_ERR_IO (message naming the public function fn)
 * when the sink refused a piece, DII_ERR_NO_MEMORY when an append failed. */
dii_status sb_finish_stream(strbuf *sb, const char *fn);

#endif
