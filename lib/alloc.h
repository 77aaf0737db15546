/* Private: every allocation libdii makes goes through these, so that the
 * allocator hook and allocation-failure tests see all of them. */
#ifndef DII_ALLOC_H
#define DII_ALLOC_H
#include <stdarg.h>
#include <stddef.h>

void *dii_mem_alloc(size_t size);
/* Zeroed n * size bytes; NULL on overflow as well as on exhaustion. */
void *dii_mem_calloc(size_t n, size_t size);
void *dii_mem_realloc(void *ptr, size_t size);
/* Grows *items (of *cap elements of elem_size) so that it holds at least
 * need elements; doubles to keep appends amortised O(1). 0 on success. */
int dii_mem_grow(void **items, size_t *cap, size_t need, size_t elem_size);
void dii_mem_free(void *ptr);
char *dii_mem_strdup(const char *s);
char *dii_mem_strndup(const char *s, size_t n);
/* A new string formatted like vsprintf / sprintf; NULL on failure. */
char *dii_mem_vprintf(const char *fmt, va_list ap);
char *dii_mem_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
