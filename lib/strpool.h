/* A set of strings, each stored once: the indicator ids of a submissions
 * set, which repeat in every submission, are pooled here instead of being
 * copied once per value. */
#ifndef DII_STRPOOL_H
#define DII_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

struct dii_strpool_block;

/* Zero-initialise; free with dii_strpool_free. The copies are packed in
 * large blocks, not one allocation each: a set with one distinct id per
 * value (a dense submission, a long CSV) pays its ids' bytes, not a heap
 * chunk apiece. At most UINT32_MAX - 1 strings. */
typedef struct dii_strpool {
    char **strings; /* in order of first interning */
    size_t count;
    size_t cap;
    uint32_t *slots; /* open addressing: 1 + index into strings; 0 = empty */
    size_t slot_count;
    struct dii_strpool_block *blocks; /* newest first */
} dii_strpool;

/* The index in pool->strings of the pool's copy of the n bytes at s (plus
 * a NUL), made on first sight; the copy is valid until the pool is freed.
 * SIZE_MAX on allocation failure. */
size_t dii_strpool_index(dii_strpool *pool, const char *s, size_t n);

/* A copy of the n bytes at s (plus a NUL; cut at a NUL inside, as
 * dii_mem_strndup) packed in the pool's blocks but not interned: for
 * strings that seldom repeat (unit ids), which then cost their bytes, not
 * a heap chunk apiece. Valid until the pool is freed; NULL on allocation
 * failure. */
char *dii_strpool_store(dii_strpool *pool, const char *s, size_t n);

/* The same, as the copy itself (NULL on allocation failure). */
const char *dii_strpool_intern(dii_strpool *pool, const char *s, size_t n);

void dii_strpool_free(dii_strpool *pool);

#endif
