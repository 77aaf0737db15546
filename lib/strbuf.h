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
/* Appends the shortest decimal text that reads back as exactly x. */
void sb_put_double(strbuf *sb, double x);
/* Appends s as a JSON string literal, quotes included. */
void sb_put_json_string(strbuf *sb, const char *s);
/* Hands over the NUL-terminated data (NULL if anything failed) and resets. */
char *sb_take(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);

#endif
