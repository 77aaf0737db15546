/* Private: the pieces of scoring shared between score.c, method.c and rank.c. */
#ifndef DII_SCORE_H
#define DII_SCORE_H
#include <stddef.h>
#include "model.h"
#include "result.h"

/* Smallest and largest value of one indicator within a cohort. */
typedef struct dii_cohort_range {
    int has_values;
    double min;
    double max;
} dii_cohort_range;

/* What a method needs to score one value. */
typedef struct dii_score_input {
    double value;
    int has_target;
    dii_op op;
    double target;
    const dii_cohort_range *cohort; /* the indicator's range within the cohort */
} dii_score_input;

/* Attainment in [0, 1] of one present value under the indicator's method. */
double dii_attainment(const struct dii_indicator *ind, const dii_score_input *in);

/* Gives standard competition ranks (1, 2, 2, 4) by the index rounded with
 * dii_round_index to `decimals`; sets rank and cohort_size of each item.
 * Returns 0, or -1 when scratch memory could not be allocated. */
int dii_rank_cohort(struct dii_result **items, size_t n, int decimals);

#endif
