/* Did-you-mean suggestions: Levenshtein distance, then a unique affix, then
 * a similarity ratio (suggest.h), each with a two-row buffer, so memory is
 * O(strlen(word)) and time O(strlen(word) * strlen(candidate)) per
 * candidate, both lengths at most SUGGEST_MAX_WORD for the ratio. */
#include "suggest.h"

#include <string.h>

#include "alloc.h"

#define SUGGEST_MAX_WORD 256
/* Python difflib's default cutoff for get_close_matches: 2 * M / T >= 6 / 10,
 * compared in integers as 2 * M * 10 >= 6 * T. */
#define RATIO_CUTOFF_NUM 6
#define RATIO_CUTOFF_DEN 10

static unsigned char fold(unsigned char c)
{
    /* Ids are ASCII [a-z0-9_]; people type them in any case. */
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* rows holds 2 * (strlen(word) + 1) entries; the caller allocates it once
 * for all candidates. */
static size_t distance_with_rows(const char *word, size_t word_len, const char *cand,
                                 size_t *rows)
{
    size_t *prev = rows;
    size_t *cur = rows + word_len + 1;
    for (size_t i = 0; i <= word_len; i++)
        prev[i] = i;
    for (size_t j = 0; cand[j] != '\0'; j++) {
        cur[0] = j + 1;
        unsigned char cj = fold((unsigned char)cand[j]);
        for (size_t i = 1; i <= word_len; i++) {
            size_t substitution = prev[i - 1] + (fold((unsigned char)word[i - 1]) != cj);
            cur[i] = min3(prev[i] + 1, cur[i - 1] + 1, substitution);
        }
        size_t *swap = prev;
        prev = cur;
        cur = swap;
    }
    return prev[word_len];
}

static int starts_with_folded(const char *s, const char *prefix, size_t prefix_len)
{
    for (size_t i = 0; i < prefix_len; i++)
        if (s[i] == '\0' || fold((unsigned char)s[i]) != fold((unsigned char)prefix[i]))
            return 0;
    return 1;
}

static int is_prefix_or_suffix(const char *word, size_t word_len, const char *cand)
{
    size_t cand_len = strlen(cand);
    if (word_len == 0 || word_len > cand_len)
        return 0;
    return starts_with_folded(cand, word, word_len) ||
           starts_with_folded(cand + cand_len - word_len, word, word_len);
}

/* Rule 2 of dii_suggest: the single candidate that word begins or ends;
 * *any tells whether there was at least one. */
static const char *unique_affix_match(const char *word, size_t word_len,
                                      dii_candidate_fn candidate, const void *ctx, size_t count,
                                      int *any)
{
    const char *found = NULL;
    *any = 0;
    for (size_t i = 0; i < count; i++) {
        const char *cand = candidate(ctx, i);
        if (!is_prefix_or_suffix(word, word_len, cand))
            continue;
        *any = 1;
        if (found != NULL)
            return NULL;
        found = cand;
    }
    return found;
}

/* Length of the longest common subsequence of word and cand (ASCII case
 * ignored): the characters of word found, in order, in cand. rows as for
 * distance_with_rows. */
static size_t common_with_rows(const char *word, size_t word_len, const char *cand,
                               size_t *rows)
{
    size_t *prev = rows;
    size_t *cur = rows + word_len + 1;
    for (size_t i = 0; i <= word_len; i++)
        prev[i] = 0;
    for (size_t j = 0; cand[j] != '\0'; j++) {
        cur[0] = 0;
        unsigned char cj = fold((unsigned char)cand[j]);
        for (size_t i = 1; i <= word_len; i++) {
            if (fold((unsigned char)word[i - 1]) == cj)
                cur[i] = prev[i - 1] + 1;
            else
                cur[i] = prev[i] > cur[i - 1] ? prev[i] : cur[i - 1];
        }
        size_t *swap = prev;
        prev = cur;
        cur = swap;
    }
    return prev[word_len];
}

/* 2 * common / total >= the cutoff. */
static int similar_enough(size_t common, size_t total)
{
    return 2 * common * RATIO_CUTOFF_DEN >= RATIO_CUTOFF_NUM * total;
}

/* Rule 3 of dii_suggest. A candidate (m common characters, total length t)
 * beats the best so far (best_m, best_t) by covering more of the word, or
 * as much with a higher ratio 2m / t (compared as m * best_t > best_m * t). */
static const char *closest_by_ratio(const char *word, size_t word_len,
                                    dii_candidate_fn candidate, const void *ctx, size_t count,
                                    size_t *rows)
{
    const char *found = NULL;
    size_t best_m = 0, best_t = 1;
    int tied = 0;
    for (size_t i = 0; i < count; i++) {
        const char *cand = candidate(ctx, i);
        size_t cand_len = strlen(cand), t = word_len + cand_len;
        size_t shorter = cand_len < word_len ? cand_len : word_len;
        /* too long to be an id, or too far apart in length to reach the
         * cutoff even if the shorter were all common: not compared */
        if (cand_len > SUGGEST_MAX_WORD || !similar_enough(shorter, t))
            continue;
        size_t m = common_with_rows(word, word_len, cand, rows);
        if (m == 0 || !similar_enough(m, t))
            continue;
        int better = m > best_m || (m == best_m && m * best_t > best_m * t);
        int same = m == best_m && m * best_t == best_m * t;
        if (better) {
            found = cand;
            best_m = m;
            best_t = t;
            tied = 0;
        } else if (same) {
            tied = 1;
        }
    }
    return tied ? NULL : found;
}

dii_status dii_suggest(const char *word, dii_candidate_fn candidate, const void *ctx,
                       size_t count, const char **best)
{
    *best = NULL;
    if (word == NULL || count == 0)
        return DII_OK;
    size_t word_len = strlen(word);
    /* Ids are short; a hint for a runaway key (a whole line pasted into a
     * cell) would cost quadratic time and help nobody. */
    if (word_len > SUGGEST_MAX_WORD)
        return DII_OK;
    size_t *rows = dii_mem_calloc(2 * (word_len + 1), sizeof *rows);
    if (rows == NULL)
        return DII_ERR_NO_MEMORY;

    size_t limit = word_len / 3 > 2 ? word_len / 3 : 2;
    size_t best_distance = (size_t)-1;
    const char *closest = NULL;
    int tied = 0;
    for (size_t i = 0; i < count; i++) {
        const char *cand = candidate(ctx, i);
        size_t cand_len = strlen(cand);
        size_t length_gap = cand_len > word_len ? cand_len - word_len : word_len - cand_len;
        if (length_gap > limit)
            continue; /* the distance is at least the length gap: too far anyway */
        size_t d = distance_with_rows(word, word_len, cand, rows);
        if (d < best_distance) {
            best_distance = d;
            closest = cand;
            tied = 0;
        } else if (d == best_distance) {
            tied = 1;
        }
    }
    /* A tie means we cannot tell which one was meant; guessing would mislead.
     * So the ratio is only asked when the first two rules found no
     * candidate at all, not when they found several. */
    int near = closest != NULL && best_distance <= limit, affix = 0;
    if (near && !tied)
        *best = closest;
    else
        *best = unique_affix_match(word, word_len, candidate, ctx, count, &affix);
    if (!near && !affix)
        *best = closest_by_ratio(word, word_len, candidate, ctx, count, rows);
    dii_mem_free(rows);
    return DII_OK;
}

static const char *array_candidate(const void *ctx, size_t i)
{
    return ((const char *const *)ctx)[i];
}

dii_status dii_suggest_among(const char *word, const char *const *candidates, size_t count,
                             const char **best)
{
    return dii_suggest(word, array_candidate, candidates, count, best);
}

size_t dii_edit_distance(const char *a, const char *b)
{
    size_t a_len = strlen(a);
    size_t *rows = dii_mem_calloc(2 * (a_len + 1), sizeof *rows);
    if (rows == NULL)
        return (size_t)-1;
    size_t d = distance_with_rows(a, a_len, b, rows);
    dii_mem_free(rows);
    return d;
}
