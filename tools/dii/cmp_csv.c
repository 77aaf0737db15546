/* `dii compare --format csv`: one row per listed unit x indicator row, read
 * in one pass from dii_comparison_rows_columns.
 *
 * The same cells as `score --format csv` (the library writes them: lib/result_csv.c): RFC 4180,
 * numbers at full precision, an absent value an empty cell (never 0), the
 * JSON format's names for statuses and true/false for yes/no values and
 * the changed flags, and a text cell from the data or the framework that a
 * spreadsheet would run as a formula written with a ' in front. The years
 * of each side are there too: when a side holds several years of a unit
 * (entries matched on unit and year), they tell the rows apart. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum column {
    COL_UNIT_ID, COL_UNIT_NAME, COL_YEAR_A, COL_YEAR_B, COL_INDICATOR, COL_CODE, COL_VALUE_A,
    COL_VALUE_B, COL_DELTA_VALUE, COL_POINTS_A, COL_POINTS_B, COL_DELTA_POINTS, COL_STATUS_A,
    COL_STATUS_B, COL_VALUE_CHANGED, COL_POINTS_CHANGED, COL_STATUS_CHANGED, COLUMNS
};

static const char *const header[COLUMNS] = {
    "unit_id", "unit_name", "year_a", "year_b", "indicator", "code", "value_a", "value_b",
    "delta_value", "points_a", "points_b", "delta_points", "status_a", "status_b",
    "value_changed", "points_changed", "status_changed",
};

static const unsigned char free_text[COLUMNS] = {
    [COL_UNIT_ID] = 1, [COL_UNIT_NAME] = 1, [COL_INDICATOR] = 1, [COL_CODE] = 1,
};

typedef struct columns {
    size_t rows;
    dii_comparison_columns c;
} columns;

static void columns_free(columns *t)
{
    free(t->c.unit);
    free(t->c.indicator);
    free(t->c.value_a);
    free(t->c.value_b);
    free(t->c.delta_value);
    free(t->c.points_a);
    free(t->c.points_b);
    free(t->c.delta_points);
    free(t->c.status_a);
    free(t->c.status_b);
    free(t->c.value_changed);
    free(t->c.points_changed);
    free(t->c.status_changed);
}

static int columns_read(columns *t, const dii_comparison *cmp)
{
    dii_comparison_columns init = DII_COMPARISON_COLUMNS_INIT;
    size_t n = dii_comparison_total_row_count(cmp), m = n ? n : 1;
    t->rows = n;
    t->c = init;
    t->c.unit = malloc(m * sizeof *t->c.unit);
    t->c.indicator = malloc(m * sizeof *t->c.indicator);
    t->c.value_a = malloc(m * sizeof *t->c.value_a);
    t->c.value_b = malloc(m * sizeof *t->c.value_b);
    t->c.delta_value = malloc(m * sizeof *t->c.delta_value);
    t->c.points_a = malloc(m * sizeof *t->c.points_a);
    t->c.points_b = malloc(m * sizeof *t->c.points_b);
    t->c.delta_points = malloc(m * sizeof *t->c.delta_points);
    t->c.status_a = malloc(m * sizeof *t->c.status_a);
    t->c.status_b = malloc(m * sizeof *t->c.status_b);
    t->c.value_changed = malloc(m * sizeof *t->c.value_changed);
    t->c.points_changed = malloc(m * sizeof *t->c.points_changed);
    t->c.status_changed = malloc(m * sizeof *t->c.status_changed);
    if (!t->c.unit || !t->c.indicator || !t->c.value_a || !t->c.value_b || !t->c.delta_value ||
        !t->c.points_a || !t->c.points_b || !t->c.delta_points || !t->c.status_a ||
        !t->c.status_b || !t->c.value_changed || !t->c.points_changed || !t->c.status_changed) {
        fprintf(stderr, "dii: out of memory\n");
        return -1;
    }
    if (dii_comparison_rows_columns(cmp, &t->c) != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return -1;
    }
    return 0;
}

typedef struct csv_row {
    const char *field[COLUMNS];
    char year_a[16], year_b[16];
    char value_a[NUMBER_TEXT_MAX], value_b[NUMBER_TEXT_MAX], delta_value[NUMBER_TEXT_MAX];
    char points_a[NUMBER_TEXT_MAX], points_b[NUMBER_TEXT_MAX], delta_points[NUMBER_TEXT_MAX];
} csv_row;

/* A side's status: the JSON name, or empty when the entry is not on it. */
static const char *status_cell(signed char s)
{
    return s < 0 ? NULL : dii_compliance_name((dii_compliance)s);
}

static const char *flag_cell(unsigned char set)
{
    return set ? "true" : "false";
}

static int side_year(const dii_comparison *cmp, size_t u, dii_compare_side side)
{
    int year = 0;
    dii_comparison_unit_score(cmp, u, side, &year, NULL, NULL, NULL, NULL);
    return year;
}

static void fill_row(csv_row *row, const dii_comparison *cmp, const dii_framework *fw,
                     const dii_comparison_columns *c, size_t i)
{
    size_t u = c->unit[i], k = c->indicator[i];
    const dii_indicator *ind = dii_framework_indicator(fw, k);
    const char **f = row->field;
    f[COL_UNIT_ID] = dii_comparison_unit_id(cmp, u);
    f[COL_UNIT_NAME] = dii_comparison_unit_name(cmp, u);
    f[COL_YEAR_A] = csv_year_cell(side_year(cmp, u, DII_SIDE_A), row->year_a, sizeof row->year_a);
    f[COL_YEAR_B] = csv_year_cell(side_year(cmp, u, DII_SIDE_B), row->year_b, sizeof row->year_b);
    f[COL_INDICATOR] = dii_comparison_indicator_id(cmp, k);
    f[COL_CODE] = dii_comparison_indicator_code(cmp, k);
    f[COL_VALUE_A] = csv_value_cell(ind, c->value_a[i], row->value_a, sizeof row->value_a);
    f[COL_VALUE_B] = csv_value_cell(ind, c->value_b[i], row->value_b, sizeof row->value_b);
    f[COL_DELTA_VALUE] = csv_number_cell(c->delta_value[i], row->delta_value,
                                         sizeof row->delta_value);
    f[COL_POINTS_A] = csv_number_cell(c->points_a[i], row->points_a, sizeof row->points_a);
    f[COL_POINTS_B] = csv_number_cell(c->points_b[i], row->points_b, sizeof row->points_b);
    f[COL_DELTA_POINTS] = csv_number_cell(c->delta_points[i], row->delta_points,
                                          sizeof row->delta_points);
    f[COL_STATUS_A] = status_cell(c->status_a[i]);
    f[COL_STATUS_B] = status_cell(c->status_b[i]);
    f[COL_VALUE_CHANGED] = flag_cell(c->value_changed[i]);
    f[COL_POINTS_CHANGED] = flag_cell(c->points_changed[i]);
    f[COL_STATUS_CHANGED] = flag_cell(c->status_changed[i]);
}

static int put_row(FILE *out, const char *const *field)
{
    return csv_put_row(out, field, free_text, COLUMNS);
}

int write_comparison_csv(FILE *out, const dii_framework *fw, const dii_comparison *cmp)
{
    columns t;
    int rc = columns_read(&t, cmp);
    if (rc == 0)
        rc = put_row(out, header);
    for (size_t i = 0; rc == 0 && i < t.rows; i++) {
        csv_row row;
        memset(&row, 0, sizeof row);
        fill_row(&row, cmp, fw, &t.c, i);
        rc = put_row(out, row.field);
    }
    columns_free(&t);
    return rc == 0 ? flush_status(out) : -1;
}
