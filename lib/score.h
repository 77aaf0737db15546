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

/* Submissions to score, already validated against the framework, as rows:
 * what scoring reads of them. dii_score makes them from dii_submissions,
 * dii_track from its panel and projections. Borrowed, never freed here. */
typedef struct dii_score_rows {
    size_t count;                 /* submissions */
    const char *const *unit_id;   /* per submission */
    const char *const *unit_name; /* per submission; entries may be NULL */
    const int *year;              /* per submission: the data's year */
    const double *value;          /* [s * K + k], K the framework's indicator count;
                                   * a yes/no value is 1 or 0 */
    const unsigned char *has;     /* same layout: 0 when the value is missing */
} dii_score_rows;

/* Scores rows: each against the targets of target_year, or of its own year
 * when target_year is 0 (the rules of dii_score, which calls this after
 * validating). *out gets new results. DII_OK, or DII_ERR_NO_MEMORY with *out
 * NULL; sets no error message (the caller does). */
dii_status dii_score_rows_run(const struct dii_framework *fw, const dii_score_rows *rows,
                              int target_year, struct dii_results **out);

/* Attainment in [0, 1] of one present value under the indicator's method. */
double dii_attainment(const struct dii_indicator *ind, const dii_score_input *in);

/* Gives standard competition ranks (1, 2, 2, 4) by the index rounded with
 * dii_round_index to `decimals`; sets rank and cohort_size of each item.
 * Returns 0, or -1 when scratch memory could not be allocated. */
int dii_rank_cohort(struct dii_result **items, size_t n, int decimals);

#endif
