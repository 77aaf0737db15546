/* Rows of a long table -> submissions: every reader of long-format rows
 * (the CSV reader, dii_submissions_from_columns) groups its rows by
 * (unit_id, year) here, so both group alike. */
#ifndef DII_SUBMISSION_GROUP_H
#define DII_SUBMISSION_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "dii/dii.h"
#include "model.h"

/* (unit_id, year) -> submission index, open addressing, and the values of
 * every row in row order. Zero-initialise.
 *
 * Submission indices are kept as uint32_t (slots, row_sub: 4 bytes a
 * submission and a row, not 8): a submission takes at least one row of
 * some bytes of input, and inputs are below 4 GiB (max_input_bytes), so
 * the count stays far below UINT32_MAX - 1; dii_group_find still refuses
 * (DII_ERR_NO_MEMORY) rather than wrap, for a caller with huge limits
 * (dii_submissions_from_columns). */
typedef struct dii_group_table {
    uint32_t *slots; /* 1 + index into subs->items; 0 = empty */
    size_t cap;
    size_t used;
    size_t last; /* 1 + index of the last row's submission; 0 = none */
    dii_value_entry *rows; /* one per row, until dii_group_finish hands them over */
    uint32_t *row_sub;     /* the submission of each */
    const char **row_source; /* the source of each (in subs->texts; NULL: none), until
                              * dii_group_finish gives them to their submissions;
                              * NULL until a row has one (few tables do) */
    size_t row_count;
    size_t row_cap;
    int interleaved;       /* a row went back to an earlier submission */
} dii_group_table;

/* The index in subs->items of the submission of (unit, year). On first
 * sight appends one (unit_id copied, year set and valid) and sets
 * *created; the caller fills in where it starts. DII_ERR_NO_MEMORY on
 * allocation failure (the table and subs stay consistent and freeable). */
dii_status dii_group_find(dii_group_table *t, struct dii_submissions *subs, const char *unit,
                          int year, size_t *index, int *created);

/* Room for n rows' values in one allocation (a reader that knows its row
 * count). DII_ERR_NO_MEMORY on failure. */
dii_status dii_group_reserve(dii_group_table *t, size_t n);

/* A new zeroed value for submission `sub` of subs (counted in its
 * value_count), or NULL on allocation failure. */
dii_value_entry *dii_group_add_value(dii_group_table *t, struct dii_submissions *subs,
                                     size_t sub);

/* Sets the source of the last row's value to the n bytes at text, stored
 * in subs' texts. DII_ERR_NO_MEMORY on allocation failure. */
dii_status dii_group_set_source(dii_group_table *t, struct dii_submissions *subs,
                                const char *text, size_t n);

/* Hands every value to subs as one block (subs->value_block), each
 * submission's values together in row order, and the rows' sources to
 * their submissions (dii_value_source). Call once, when the rows are
 * read; DII_ERR_NO_MEMORY leaves the values with the table. */
dii_status dii_group_finish(dii_group_table *t, struct dii_submissions *subs);

/* Frees the table and any values it still holds. */
void dii_group_table_free(dii_group_table *t);

#endif
