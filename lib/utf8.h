/* Private: the one UTF-8 well-formedness rule (RFC 3629), used by the input
 * check (utf8.c) and by the JSON string writer (strbuf.c). */
#ifndef DII_UTF8_H
#define DII_UTF8_H
#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s (avail bytes readable), or
 * 0 when it is not one: overlong forms, surrogates, code points above
 * U+10FFFF and truncated sequences are all refused. */
size_t dii_utf8_sequence_length(const char *s, size_t avail);

/* 1 when the NUL-terminated s is well-formed UTF-8 throughout. */
int dii_utf8_is_valid(const char *s);

/* Writes code point cp (at most U+10FFFF) as UTF-8 into out; returns the
 * number of bytes written (1 to 4). */
size_t dii_utf8_encode(unsigned long cp, char out[4]);

/* The four hex digits of a \uXXXX escape at text[at] (len bytes in all)
 * as a number, or -1 when they are not there. */
long dii_hex4(const char *text, size_t len, size_t at);

#endif
