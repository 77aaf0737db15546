/* Private: "did you mean ...?" for identifiers typed by people. */
#ifndef DII_SUGGEST_H
#define DII_SUGGEST_H
#include <stddef.h>
#include "dii/dii.h"

/* Returns the i-th candidate string (never NULL) of the collection ctx. */
typedef const char *(*dii_candidate_fn)(const void *ctx, size_t i);

/*
 * Picks the candidate most likely meant by `word`, comparing ASCII letters
 * case-insensitively:
 *   1. the candidate at the smallest Levenshtein distance, when that distance
 *      is at most max(2, strlen(word) / 3) and no other candidate ties it;
 *   2. otherwise the one candidate that starts or ends with `word`, when
 *      exactly one does;
 *   3. when neither rule found any candidate (a tie is not "none": it
 *      stays without a hint), for abbreviations with typos ("mobile_broadbnd_subs"), a
 *      similarity ratio 2 * M / T as Python's difflib.SequenceMatcher.ratio
 *      defines it, T the two lengths added and M the length of their
 *      longest common subsequence (difflib counts its matching blocks,
 *      which M bounds from above): among the candidates whose ratio is at
 *      least 0.6 (difflib's default cutoff), the one with the largest M
 *      (most of what was typed found in order: an abbreviation drops
 *      characters of the id but seldom adds any), then the highest ratio;
 *      no hint on a tie. Candidates longer than 256 bytes are not compared.
 * *best is set to the chosen candidate (borrowed from the collection) or
 * NULL. Returns DII_ERR_NO_MEMORY when the work buffer cannot be allocated
 * (*best is then NULL), DII_OK otherwise. Pure apart from the allocation.
 */
dii_status dii_suggest(const char *word, dii_candidate_fn candidate, const void *ctx,
                       size_t count, const char **best);

/* The same over a plain array of strings. */
dii_status dii_suggest_among(const char *word, const char *const *candidates, size_t count,
                             const char **best);

/* Edit distance (insertions, deletions, substitutions of single bytes,
 * ASCII case ignored). (size_t)-1 when the work buffer cannot be allocated. */
size_t dii_edit_distance(const char *a, const char *b);

#endif
