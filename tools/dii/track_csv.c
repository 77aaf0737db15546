/* `dii track --format csv`: one row per unit x indicator x milestone, read
 * in one pass from dii_tracking_milestone_columns.
 *
 * The same cells as `score --format csv` (the library writes them: lib/result_csv.c): RFC 4180,
 * numbers at full precision, an absent value an empty cell (never 0), the
 * JSON format's names for ops, bases and statuses, and a text cell from the
 * data or the framework that a spreadsheet would run as a formula written
 * with a ' in front. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum column {
    COL_UNIT_ID, COL_UNIT_NAME, COL_INDICATOR, COL_CODE, COL_MILESTONE, COL_START_YEAR,
    COL_START_VALUE, COL_LATEST_YEAR, COL_LATEST_VALUE, COL_OBSERVED_PACE, COL_TARGET_OP,
    COL_TARGET_VALUE, COL_TARGET_BASIS, COL_REQUIRED_PACE, COL_PACE_RATIO, COL_STATUS,
    COL_PROJECTION, COL_EXPECTED_YEAR, COLUMNS
};

static const char *const header[COLUMNS] = {
    "unit_id", "unit_name", "indicator", "code", "milestone", "start_year", "start_value",
    "latest_year", "latest_value", "observed_pace", "target_op", "target_value", "target_basis",
    "required_pace", "pace_ratio", "status", "projection", "expected_year",
};

static const unsigned char free_text[COLUMNS] = {
    [COL_UNIT_ID] = 1, [COL_UNIT_NAME] = 1, [COL_INDICATOR] = 1, [COL_CODE] = 1,
};

/* Every column of dii_tracking_milestone_columns, in one allocation each. */
typedef struct columns {
    size_t rows;
    dii_milestone_columns c;
} columns;

static void columns_free(columns *t)
{
    free(t->c.unit);
    free(t->c.indicator);
    free(t->c.year);
    free(t->c.start_year);
    free(t->c.start_value);
    free(t->c.latest_year);
    free(t->c.latest_value);
    free(t->c.observed_pace);
    free(t->c.target_op);
    free(t->c.target_value);
    free(t->c.target_basis);
    free(t->c.required_pace);
    free(t->c.pace_ratio);
    free(t->c.status);
    free(t->c.projection);
    free(t->c.expected_year);
}

static int columns_read(columns *t, const dii_tracking *tr)
{
    dii_milestone_columns init = DII_MILESTONE_COLUMNS_INIT;
    size_t n = dii_tracking_milestone_row_count(tr), m = n ? n : 1;
    t->rows = n;
    t->c = init;
    t->c.unit = malloc(m * sizeof *t->c.unit);
    t->c.indicator = malloc(m * sizeof *t->c.indicator);
    t->c.year = malloc(m * sizeof *t->c.year);
    t->c.start_year = malloc(m * sizeof *t->c.start_year);
    t->c.start_value = malloc(m * sizeof *t->c.start_value);
    t->c.latest_year = malloc(m * sizeof *t->c.latest_year);
    t->c.latest_value = malloc(m * sizeof *t->c.latest_value);
    t->c.observed_pace = malloc(m * sizeof *t->c.observed_pace);
    t->c.target_op = malloc(m * sizeof *t->c.target_op);
    t->c.target_value = malloc(m * sizeof *t->c.target_value);
    t->c.target_basis = malloc(m * sizeof *t->c.target_basis);
    t->c.required_pace = malloc(m * sizeof *t->c.required_pace);
    t->c.pace_ratio = malloc(m * sizeof *t->c.pace_ratio);
    t->c.status = malloc(m * sizeof *t->c.status);
    t->c.projection = malloc(m * sizeof *t->c.projection);
    t->c.expected_year = malloc(m * sizeof *t->c.expected_year);
    if (!t->c.unit || !t->c.indicator || !t->c.year || !t->c.start_year || !t->c.start_value ||
        !t->c.latest_year || !t->c.latest_value || !t->c.observed_pace || !t->c.target_op ||
        !t->c.target_value || !t->c.target_basis || !t->c.required_pace || !t->c.pace_ratio ||
        !t->c.status || !t->c.projection || !t->c.expected_year) {
        fprintf(stderr, "dii: out of memory\n");
        return -1;
    }
    if (dii_tracking_milestone_columns(tr, &t->c) != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return -1;
    }
    return 0;
}

/* The texts of one row; NULL fields are empty cells. */
typedef struct csv_row {
    const char *field[COLUMNS];
    char milestone[16], start_year[16], latest_year[16], expected_year[16];
    char start_value[NUMBER_TEXT_MAX], latest_value[NUMBER_TEXT_MAX];
    char observed_pace[NUMBER_TEXT_MAX], target_value[NUMBER_TEXT_MAX];
    char required_pace[NUMBER_TEXT_MAX], pace_ratio[NUMBER_TEXT_MAX], projection[NUMBER_TEXT_MAX];
} csv_row;

static void fill_row(csv_row *row, const dii_tracking *tr, const dii_framework *fw,
                     const dii_milestone_columns *c, size_t i)
{
    size_t u = c->unit[i], k = c->indicator[i];
    const dii_indicator *ind = dii_framework_indicator(fw, k);
    const char **f = row->field;
    f[COL_UNIT_ID] = dii_tracking_unit_id(tr, u);
    f[COL_UNIT_NAME] = dii_tracking_unit_name(tr, u);
    f[COL_INDICATOR] = dii_tracking_indicator_id(tr, k);
    f[COL_CODE] = dii_tracking_indicator_code(tr, k);
    f[COL_MILESTONE] = csv_year_cell(c->year[i], row->milestone, sizeof row->milestone);
    f[COL_START_YEAR] = csv_year_cell(c->start_year[i], row->start_year, sizeof row->start_year);
    f[COL_START_VALUE] = csv_value_cell(ind, c->start_value[i], row->start_value,
                                    sizeof row->start_value);
    f[COL_LATEST_YEAR] = csv_year_cell(c->latest_year[i], row->latest_year, sizeof row->latest_year);
    f[COL_LATEST_VALUE] = csv_value_cell(ind, c->latest_value[i], row->latest_value,
                                     sizeof row->latest_value);
    f[COL_OBSERVED_PACE] = csv_number_cell(c->observed_pace[i], row->observed_pace,
                                       sizeof row->observed_pace);
    int has_target = c->target_op[i] >= 0;
    f[COL_TARGET_OP] = has_target ? dii_op_symbol((dii_op)c->target_op[i]) : NULL;
    f[COL_TARGET_VALUE] = has_target ? csv_value_cell(ind, c->target_value[i], row->target_value,
                                                  sizeof row->target_value)
                                     : NULL;
    f[COL_TARGET_BASIS] =
        has_target ? dii_target_basis_name((dii_target_basis)c->target_basis[i]) : NULL;
    f[COL_REQUIRED_PACE] = csv_number_cell(c->required_pace[i], row->required_pace,
                                       sizeof row->required_pace);
    f[COL_PACE_RATIO] = csv_number_cell(c->pace_ratio[i], row->pace_ratio, sizeof row->pace_ratio);
    f[COL_STATUS] = dii_track_status_name((dii_track_status)c->status[i]);
    f[COL_PROJECTION] = csv_number_cell(c->projection[i], row->projection, sizeof row->projection);
    f[COL_EXPECTED_YEAR] = csv_year_cell(c->expected_year[i], row->expected_year,
                                     sizeof row->expected_year);
}

static int put_row(FILE *out, const char *const *field)
{
    return csv_put_row(out, field, free_text, COLUMNS);
}

int write_tracking_csv(FILE *out, const dii_framework *fw, const dii_tracking *tr)
{
    columns t;
    int rc = columns_read(&t, tr);
    if (rc == 0)
        rc = put_row(out, header);
    for (size_t i = 0; rc == 0 && i < t.rows; i++) {
        csv_row row;
        memset(&row, 0, sizeof row);
        fill_row(&row, tr, fw, &t.c, i);
        rc = put_row(out, row.field);
    }
    columns_free(&t);
    return rc == 0 ? flush_status(out) : -1;
}
