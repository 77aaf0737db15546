/* Private: the CSV reader's state and the cell helpers shared by the two
 * CSV layouts, the long one (parse_csv.c, which also owns the tokeniser)
 * and the plan table (parse_plan_table.c). One tokeniser, one number and
 * boolean reader, one way to place a diagnostic on a cell: both layouts
 * read cells alike. */
#ifndef DII_CSV_READER_H
#define DII_CSV_READER_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "dii/dii.h"
#include "input_limits.h"
#include "model.h"
#include "submission_group.h"

#define NONE SIZE_MAX

enum role { ROLE_UNIT_ID, ROLE_UNIT_NAME, ROLE_YEAR, ROLE_INDICATOR, ROLE_VALUE, ROLE_SOURCE,
            ROLE_COUNT };

/* A cell of the row being read. Its text lives in the reader's row buffer,
 * so a row costs no allocation; `text` is only set once the row is
 * complete, because the buffer may move while the row grows. */
typedef struct csv_cell {
    char *text;    /* trimmed, NUL-terminated */
    size_t offset; /* of the text in csv_reader.text */
    unsigned long line;
    unsigned long column;
} csv_cell;

/* A byte offset with its line number and the offset where that line
 * starts: enough for a column, without rescanning the text. */
typedef struct text_mark {
    size_t offset;
    unsigned long line;
    size_t line_start;
} text_mark;

struct plan_table; /* parse_plan_table.c */

typedef struct csv_reader {
    const char *data;
    size_t len;
    const char *file;
    char delimiter;
    char decimal_mark;
    struct dii_submissions *subs;
    dii_diagnostics *diags;
    const dii_limits *limits;
    text_mark field; /* where the field being read began (before blanks) */
    text_mark chunk; /* just past the bytes handed to libcsv */
    int row_begun;   /* a field of the current row has arrived */
    int csv_idle;    /* libcsv is between rows: the reader may split one itself */
    unsigned char special[256]; /* delimiter, '\n', '\r', '"': 1; else 0 */
    csv_cell *row;
    size_t row_count;
    size_t row_cap;
    char *text; /* the row's cell texts, one after the other */
    size_t text_len;
    size_t text_cap;
    int have_header;
    size_t header_count;
    size_t column_of[ROLE_COUNT]; /* NONE when the header lacks the column */
    int header_unusable;          /* a required column is missing */
    int syntax_errors;
    dii_status status; /* first allocation failure or crossed limit: stop */
    locale_t c_locale;
    dii_group_table groups;
    /* The plan-table layout (parse_plan_table.c): chosen by the caller
     * (DII_INPUT_PLAN_TABLE) or by the header; its unit when the table
     * has no unit_id column (dii_parse_options version 4; NULL = none). */
    int plan_forced;
    const char *unit_id;
    const char *unit_name;
    struct plan_table *plan; /* NULL: the long layout */
} csv_reader;

/* Whether a and b are equal, a's ASCII letters lower-cased (b is lower
 * case): header names are matched in any case. */
int dii_csv_equals_folded(const char *a, const char *b);

/* Sets e's value from a cell's text: empty = missing, a boolean word
 * (true/false/yes/no/có/không, any case), a number with the reader's
 * decimal mark, else invalid (the text kept for validation). text may be
 * modified while it is read, and is restored. */
dii_status dii_csv_set_cell_value(const csv_reader *r, dii_value_entry *e, char *text);

/* An error placed on cell. */
dii_status dii_csv_report_cell(csv_reader *r, const csv_cell *cell, const char *code,
                               const char *hint, const char *message);

/* Whether the current row has as many cells as the header; when not,
 * reports the "syntax" error (the row is then skipped) in *st. */
int dii_csv_row_width_ok(csv_reader *r, dii_status *st);

/* The submission of (unit, year), created on first sight and then placed at
 * `start` (its year at `year_at`) and counted against the submissions
 * limit. */
dii_status dii_csv_find_group(csv_reader *r, const char *unit, int year,
                              const csv_cell *start, const csv_cell *year_at, size_t *index);

/* The plan table, parse_plan_table.c. */

/* Whether the header row (r->row) is a plan table's: an indicator column,
 * optional unit_id / unit_name columns, and otherwise only years (four
 * digits), at least one. */
int dii_plan_header_matches(const csv_reader *r);
/* Reads the header row as a plan table's; from then on rows go to
 * dii_plan_row. DII_OK, after reporting, for a header with problems. */
dii_status dii_plan_header(csv_reader *r);
/* Reads one data row of the plan table (width already checked). */
dii_status dii_plan_row(csv_reader *r);
/* Makes the submissions once every row is read. */
dii_status dii_plan_finish(csv_reader *r);
void dii_plan_free(struct plan_table *plan);

#endif
