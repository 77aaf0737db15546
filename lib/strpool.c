/* Interning: a hash table over the pool's strings (hash.h's hash). */
#include "strpool.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"

/* A stored copy ends at the first NUL (dii_mem_strndup), so bytes holding
 * one never match it: they get a copy of their own, which reads the same. */
static int same(const char *stored, const char *s, size_t n)
{
    return strnlen(stored, n + 1) == n && memcmp(stored, s, n) == 0;
}

/* Copies live in blocks that double from FIRST_BLOCK_BYTES up to
 * BLOCK_BYTES (a longer string gets a block of its own); data follows the
 * header. A small set (the benchmark batch, loaded and freed in a loop)
 * stays in small blocks: a 64 KiB block freed each time makes malloc give
 * the top of its heap back and fault it in again on the next load. */
struct dii_strpool_block {
    struct dii_strpool_block *next;
    size_t size, used;
};

#define BLOCK_BYTES ((size_t)64 << 10)
#define FIRST_BLOCK_BYTES ((size_t)512)

/* The size of the next ordinary block: twice the current one's, at most
 * BLOCK_BYTES. */
static size_t next_block_size(const struct dii_strpool_block *current)
{
    if (current == NULL)
        return FIRST_BLOCK_BYTES;
    return current->size >= BLOCK_BYTES / 2 ? BLOCK_BYTES : current->size * 2;
}

/* A NUL-terminated copy of the n bytes at s, cut at the first NUL as
 * dii_mem_strndup does, in the pool's blocks. */
static char *pool_copy(dii_strpool *p, const char *s, size_t n)
{
    n = strnlen(s, n);
    struct dii_strpool_block *b = p->blocks;
    if (b == NULL || b->size - b->used < n + 1) {
        size_t size = next_block_size(b);
        if (n + 1 > size)
            size = n + 1;
        if (size > SIZE_MAX - sizeof *b)
            return NULL;
        b = dii_mem_alloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->size = size;
        b->used = 0;
        /* a string's own block goes behind the current one, still in use */
        if (n + 1 > next_block_size(p->blocks) && p->blocks != NULL) {
            b->next = p->blocks->next;
            p->blocks->next = b;
        } else {
            b->next = p->blocks;
            p->blocks = b;
        }
    }
    char *copy = (char *)(b + 1) + b->used;
    memcpy(copy, s, n);
    copy[n] = '\0';
    b->used += n + 1;
    return copy;
}

char *dii_strpool_store(dii_strpool *pool, const char *s, size_t n)
{
    return pool_copy(pool, s, n);
}

static int rehash(dii_strpool *p)
{
    size_t count = p->slot_count ? p->slot_count * 2 : 64;
    uint32_t *slots = dii_mem_calloc(count, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < p->count; i++) {
        size_t at = dii_hash_bytes(p->strings[i], strlen(p->strings[i])) & (count - 1);
        while (slots[at] != 0)
            at = (at + 1) & (count - 1);
        slots[at] = (uint32_t)(i + 1);
    }
    dii_mem_free(p->slots);
    p->slots = slots;
    p->slot_count = count;
    return 0;
}

static size_t add(dii_strpool *p, const char *s, size_t n, size_t slot)
{
    if (p->count + 1 >= UINT32_MAX ||
        dii_mem_grow((void **)&p->strings, &p->cap, p->count + 1, sizeof *p->strings) != 0)
        return SIZE_MAX;
    char *copy = pool_copy(p, s, n);
    if (copy == NULL)
        return SIZE_MAX;
    p->strings[p->count++] = copy;
    p->slots[slot] = (uint32_t)p->count;
    return p->count - 1;
}

size_t dii_strpool_index(dii_strpool *p, const char *s, size_t n)
{
    if ((p->count + 1) * 2 > p->slot_count && rehash(p) != 0)
        return SIZE_MAX;
    size_t mask = p->slot_count - 1;
    size_t at = dii_hash_bytes(s, n) & mask;
    for (; p->slots[at] != 0; at = (at + 1) & mask) {
        size_t i = p->slots[at] - 1;
        if (same(p->strings[i], s, n))
            return i;
    }
    return add(p, s, n, at);
}

const char *dii_strpool_intern(dii_strpool *p, const char *s, size_t n)
{
    size_t i = dii_strpool_index(p, s, n);
    return i == SIZE_MAX ? NULL : p->strings[i];
}

void dii_strpool_free(dii_strpool *p)
{
    while (p->blocks != NULL) {
        struct dii_strpool_block *next = p->blocks->next;
        dii_mem_free(p->blocks);
        p->blocks = next;
    }
    dii_mem_free(p->strings);
    dii_mem_free(p->slots);
    memset(p, 0, sizeof *p);
}
