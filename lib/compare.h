/* Private: the immutable model behind dii_comparison (docs/compare.md).
 * compare.c builds it from two dii_results; compare_model.c frees and reads
 * it; compare_json.c and compare_columns.c write it out. Every figure is a
 * copy: the comparison outlives the results it came from. */
#ifndef DII_COMPARE_H
#define DII_COMPARE_H
#include <stddef.h>

#include "dii/dii.h"
#include "strpool.h"

/* One entry's totals on one side. */
typedef struct cmp_score {
    int year;
    int target_year;
    int rank;
    double points;
    double index;
} cmp_score;

/* One entry: a unit (or unit-year) on side A, side B or both. */
typedef struct cmp_unit {
    const char *id;   /* in the label pool */
    const char *name; /* in the label pool; may be NULL */
    cmp_score score[2];
    unsigned char on_side[2]; /* 1 when the entry has a result on that side */
    unsigned char changed;
    size_t first_row; /* its listed rows: rows[first_row, first_row + row_count) */
    size_t row_count;
} cmp_unit;

/* One entry x indicator. A side the entry is not on reads as no value. */
typedef struct cmp_row {
    double value[2];
    double points[2];
    size_t indicator;
    unsigned char status[2];    /* dii_compliance */
    unsigned char has_value[2];
    unsigned char changes;      /* DII_CHANGED_* */
} cmp_row;

struct dii_comparison {
    char *framework_id;
    char *framework_version; /* may be NULL */
    dii_framework_status framework_status;
    dii_compare_match match;
    int all_rows;
    size_t indicator_count;
    const char **indicator_ids;   /* in the label pool */
    const char **indicator_codes; /* in the label pool; entries may be NULL */
    unsigned char *indicator_boolean;
    const char **warnings;        /* in the label pool */
    size_t warning_count;
    cmp_unit *units;
    size_t unit_count;
    cmp_row *rows;
    size_t row_total;
    dii_strpool labels;
};

/* Frees everything, tolerating a half-built comparison. */
void dii_comparison_destroy(struct dii_comparison *cmp);

/* The one rule for each delta (docs/compare.md §3, §4), shared by the
 * accessors, the JSON writer and the column export: 1 and the delta when
 * there is one. */
int cmp_value_delta(const struct dii_comparison *cmp, const cmp_row *row, double *delta);
int cmp_points_delta(const cmp_unit *unit, const cmp_row *row, double *delta);
int cmp_unit_delta(const cmp_unit *unit, double *points, double *index, int *rank);

#endif
