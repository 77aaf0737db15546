/* The one string hash of libdii's open-addressing tables: the JSON
 * reader's object keys, the string pools, indicator ids, (unit, year)
 * groups, compared results. */
#ifndef DII_HASH_H
#define DII_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* n bytes, eight at a time (the keys the JSON reader hashes most,
 * indicator ids, run to 40 bytes and more), with a final mix so that the
 * low bits a power-of-two table's mask keeps depend on every byte. The
 * keys come from one input or one framework, and a table only slows down
 * on collisions, so there is no adversary to resist. */
static inline uint64_t dii_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    if (n > 0)
        memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
    h ^= h >> 29;
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
