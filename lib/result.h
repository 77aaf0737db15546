/* Private: the in-memory scoring results behind dii_results. Results copy
 * every string they need, so they stay valid after the framework and the
 * submissions they came from are freed. */
#ifndef DII_RESULT_H
#define DII_RESULT_H
#include "dii/dii.h"
#include "strpool.h"

/* The ids, codes, group ids and unit ids and names below point into the
 * set's label pool (dii_results_intern): the same few strings are shared by
 * every result instead of being copied once per unit and indicator. */

/* What every result shares about the framework's k-th indicator. */
typedef struct dii_indicator_info {
    const char *id;
    const char *code;     /* may be NULL */
    const char *group_id;
    int is_boolean;       /* unit boolean: value and target print as true/false */
    int provisional;
} dii_indicator_info;

/* One unit's outcome on one indicator. Kept to 64 bytes: a set holds one
 * per unit and indicator, and on a first touch every page of them costs a
 * page fault, which dominates scoring a large cohort once memory is cold. */
typedef struct dii_indicator_result {
    double value;
    double points;
    double max_points;    /* 0 when excluded as missing */
    double attainment;
    double target_value;
    double gap;
    double progress;
    int target_year;
    unsigned char status;       /* dii_compliance */
    unsigned char target_op;    /* dii_op */
    unsigned char target_basis; /* dii_target_basis */
    unsigned char has_value : 1;
    unsigned char has_target : 1;
    unsigned char has_gap : 1;
    unsigned char has_progress : 1;
} dii_indicator_result;

typedef struct dii_group_result {
    const char *id;       /* in the label pool */
    double points;
    double max_points;
    double index;
} dii_group_result;

struct dii_result {
    const char *unit_id;  /* in the label pool */
    const char *unit_name; /* in the label pool; may be NULL */
    int year;
    int target_year;
    double points;
    double max_points;
    double index;
    int rank;
    size_t cohort_size;
    size_t compliance[4]; /* by dii_compliance */
    dii_group_result *groups;         /* in the set's group_block */
    size_t group_count;
    dii_indicator_result *indicators; /* in the set's indicator_block */
    const dii_indicator_info *info;   /* the set's indicator_info, indicator_count long */
    size_t indicator_count;
};

struct dii_results {
    char *framework_id;
    char *framework_version;   /* may be NULL */
    dii_framework_status framework_status;
    struct dii_result *items;
    size_t count;
    char **warnings;
    size_t warning_count;
    dii_strpool labels;   /* the label pool: one copy of each id, code, group id, unit */
    /* Every result's indicators and groups, one block each: hundreds of
     * equal-sized arrays freed and made again call after call are what
     * malloc handles worst. */
    dii_indicator_result *indicator_block;
    dii_group_result *group_block;
    dii_indicator_info *indicator_info; /* per framework indicator */
    size_t indicator_count;             /* the framework's, also when count is 0 */
};

void dii_results_destroy(struct dii_results *results);
/* The label pool's copy of s (NULL when s is NULL or on allocation
 * failure), valid as long as the set. */
const char *dii_results_intern(struct dii_results *results, const char *s);

/* dii_round_index's rule done in decimal text (snprintf, strtod): the
 * definition, used wherever the exact integer path does not apply; exposed
 * so that a test can compare the two. */
double dii_round_index_by_text(double index, int decimals);

#endif
