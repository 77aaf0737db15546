/* Standard competition ranking ("1224") on the published, rounded index:
 * equal rounded values share a rank and the next rank is skipped, as MIC
 * publishes its DTI and DII tables. */
#include <stdlib.h>

#include "alloc.h"
#include "score.h"

typedef struct rank_entry {
    double rounded;
    struct dii_result *result;
} rank_entry;

static int by_rounded_desc(const void *a, const void *b)
{
    const rank_entry *x = a, *y = b;
    return (x->rounded < y->rounded) - (x->rounded > y->rounded);
}

int dii_rank_cohort(struct dii_result **items, size_t n, int decimals)
{
    if (n == 0)
        return 0;
    rank_entry *entries = dii_mem_calloc(n, sizeof *entries);
    if (!entries)
        return -1;
    for (size_t i = 0; i < n; i++) {
        entries[i].rounded = dii_round_index(items[i]->index, decimals);
        entries[i].result = items[i];
    }
    qsort(entries, n, sizeof *entries, by_rounded_desc);
    for (size_t i = 0; i < n; i++) {
        int tied = i > 0 && entries[i].rounded == entries[i - 1].rounded;
        entries[i].result->rank = tied ? entries[i - 1].result->rank : (int)i + 1;
        entries[i].result->cohort_size = n;
    }
    dii_mem_free(entries);
    return 0;
}
