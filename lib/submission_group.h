/* Rows of a long table -> submissions: every reader of long-format rows
 * (the CSV reader, dii_submissions_from_columns) groups its rows by
 * (unit_id, year) here, so both group alike. */
#ifndef DII_SUBMISSION_GROUP_H
#define DII_SUBMISSION_GROUP_H

#include <stddef.h>

#include "dii/dii.h"
#include "model.h"

/* (unit_id, year) -> submission index, open addressing. Zero-initialise. */
typedef struct dii_group_table {
    size_t *slots; /* 1 + index into subs->items; 0 = empty */
    size_t cap;
    size_t used;
    size_t last; /* 1 + index of the last row's submission; 0 = none */
} dii_group_table;

/* The index in subs->items of the submission of (unit, year). On first
 * sight appends one (unit_id copied, year set and valid, room reserved for
 * as many values as the previous row's submission holds) and sets *created;
 * the caller fills in where it starts. DII_ERR_NO_MEMORY on allocation
 * failure (the table and subs stay consistent and freeable). */
dii_status dii_group_find(dii_group_table *t, struct dii_submissions *subs, const char *unit,
                          int year, size_t *index, int *created);

void dii_group_table_free(dii_group_table *t);

#endif
