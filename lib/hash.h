/* The one string hash of libdii's open-addressing tables (indicator ids,
 * (unit, year) groups). */
#ifndef DII_HASH_H
#define DII_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* FNV-1a over n bytes: the keys are short ids, and a table only ever
 * holds what one input or one framework brought, so there is no adversary
 * to resist. */
static inline uint64_t dii_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static inline uint64_t dii_hash_string(const char *s)
{
    return dii_hash_bytes(s, strlen(s));
}

/* Folds an integer into a hash and spreads the high bits into the low ones
 * that a power-of-two table's mask keeps. */
static inline size_t dii_hash_finish(uint64_t h, int extra)
{
    h ^= (uint64_t)(unsigned)extra;
    h *= 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

#endif
