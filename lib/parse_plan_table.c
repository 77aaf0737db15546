/* Submissions from a plan table: CSV with one row per indicator and one
 * column per year, the shape of a provincial plan's appendix:
 *
 *     indicator,2022,2023,2024
 *     1,67.4,71,74.5
 *
 * The header names an indicator column, optionally unit_id and unit_name
 * columns, and otherwise only years (four digits). parse_csv.c recognises
 * it (or is told, DII_INPUT_PLAN_TABLE), tokenises every row and hands the
 * rows here; cells are read with its helpers (csv_reader.h), so a value
 * reads exactly as in a long table.
 *
 * Each (row, year column) cell is one value of the submission (unit, year).
 * The unit is the row's unit_id cell when the table has that column, else
 * the caller's (dii_parse_options.unit_id); several units may share a
 * table, each row belonging to its own. A year column where a unit has no
 * non-empty cell makes no submission for it: a unit may skip years. An
 * empty cell in a year that has values is a value reported as missing, as
 * in a long table.
 *
 * Whether a submission has values is known only at the end, so the cells
 * are kept until then, and the submissions are made unit by unit (order of
 * first appearance), year by year (header order), the values in row order.
 *
 * The indicator cell holds an id or a framework code: the text is kept as
 * written and the set is marked (indicator_codes) so that resolving ids
 * against the framework also tries codes (dii_resolve_indicator_ids). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv_reader.h"
#include "strpool.h"

/* Four ASCII digits: 1000 .. 9999, the span a year column can name. */
#define YEAR_SPAN_FIRST 1000
#define YEAR_SPAN 9000

typedef struct plan_year {
    int year;
    size_t col;      /* its column in the rows */
    csv_cell header; /* where the header names it (text unused) */
} plan_year;

/* A cell read, waiting for the end of the input. */
typedef struct plan_value {
    dii_value_entry e;
    size_t unit; /* index in plan_table.units */
    size_t year; /* index in plan_table.years */
    size_t seq;  /* reading order, the sort's tie-break: row order */
} plan_value;

struct plan_table {
    size_t indicator_col;
    size_t unit_id_col;   /* NONE: the caller's unit */
    size_t unit_name_col; /* NONE: the caller's name */
    plan_year *years;     /* header order, each year once */
    size_t year_count;
    size_t year_cap;
    uint16_t *column_of_year; /* YEAR_SPAN slots: 1 + index in years; 0 = none */
    dii_strpool units;      /* the rows' unit ids, in order of first appearance */
    char **unit_names;      /* by unit: the first name given, or NULL */
    size_t unit_name_count; /* entries set (NULL or a name) */
    size_t unit_names_cap;
    dii_strpool rows_seen;  /* "unit:indicator-id" of every row read */
    unsigned long *row_line; /* by rows_seen index: the line of that row */
    size_t row_line_cap;
    plan_value *values;
    size_t value_count;
    size_t value_cap;
};

/* ------------------------------------------------------------------------ */
/* The header                                                                */
/* ------------------------------------------------------------------------ */

static int is_year_text(const char *s, int *year)
{
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (s[4] != '\0' || s[0] == '0')
        return 0;
    *year = atoi(s);
    return 1;
}

enum plan_role { PLAN_INDICATOR, PLAN_UNIT_ID, PLAN_UNIT_NAME, PLAN_YEAR, PLAN_OTHER };

static enum plan_role plan_role_of(const char *text, int *year)
{
    if (dii_csv_equals_folded(text, "indicator"))
        return PLAN_INDICATOR;
    if (dii_csv_equals_folded(text, "unit_id"))
        return PLAN_UNIT_ID;
    if (dii_csv_equals_folded(text, "unit_name"))
        return PLAN_UNIT_NAME;
    return is_year_text(text, year) ? PLAN_YEAR : PLAN_OTHER;
}

int dii_plan_header_matches(const csv_reader *r)
{
    size_t indicators = 0, years = 0;
    for (size_t i = 0; i < r->row_count; i++) {
        int year;
        switch (plan_role_of(r->row[i].text, &year)) {
        case PLAN_INDICATOR:
            indicators++;
            break;
        case PLAN_YEAR:
            years++;
            break;
        case PLAN_OTHER:
            return 0;
        default:
            break;
        }
    }
    return indicators > 0 && years > 0;
}

static dii_status report_duplicate_column(csv_reader *r, const csv_cell *cell)
{
    dii_loc loc = {cell->line, cell->column, NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "duplicate-field", r->file, &loc,
                        "keep one column of each name; the first one is used",
                        "column '%s' appears more than once", cell->text);
}

static dii_status add_year_column(csv_reader *r, size_t col, int year)
{
    struct plan_table *p = r->plan;
    uint16_t *slot = &p->column_of_year[year - YEAR_SPAN_FIRST];
    if (*slot != 0)
        return report_duplicate_column(r, &r->row[col]);
    if (dii_mem_grow((void **)&p->years, &p->year_cap, p->year_count + 1, sizeof *p->years) != 0)
        return DII_ERR_NO_MEMORY;
    plan_year *y = &p->years[p->year_count++];
    y->year = year;
    y->col = col;
    y->header = r->row[col];
    y->header.text = NULL; /* the row buffer is reused */
    *slot = (uint16_t)p->year_count; /* at most YEAR_SPAN */
    return DII_OK;
}

static dii_status set_role_column(csv_reader *r, size_t *slot, size_t col)
{
    if (*slot != NONE)
        return report_duplicate_column(r, &r->row[col]);
    *slot = col;
    return DII_OK;
}

/* Only with DII_INPUT_PLAN_TABLE: a recognised header has no such column. */
static dii_status report_other_column(csv_reader *r, const csv_cell *cell)
{
    dii_loc loc = {cell->line, cell->column, NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_WARNING, "unknown-field", r->file, &loc,
                        "a plan table's columns are indicator, unit_id, unit_name and years "
                        "(four digits, e.g. 2024)",
                        "unknown column '%s' is ignored", cell->text);
}

static dii_status header_cell(csv_reader *r, size_t col)
{
    struct plan_table *p = r->plan;
    int year = 0;
    switch (plan_role_of(r->row[col].text, &year)) {
    case PLAN_INDICATOR:
        return set_role_column(r, &p->indicator_col, col);
    case PLAN_UNIT_ID:
        return set_role_column(r, &p->unit_id_col, col);
    case PLAN_UNIT_NAME:
        return set_role_column(r, &p->unit_name_col, col);
    case PLAN_YEAR:
        return add_year_column(r, col, year);
    default:
        return report_other_column(r, &r->row[col]);
    }
}

static int has_text(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* A header the rows cannot be read under: reported at its start, and the
 * load fails as for a long table without a required column. */
static dii_status refuse_header(csv_reader *r, const char *hint, const char *message)
{
    r->header_unusable = 1;
    dii_loc loc = {r->row[0].line, 1, NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "missing-field", r->file, &loc, hint, "%s",
                        message);
}

static dii_status check_header(csv_reader *r)
{
    const struct plan_table *p = r->plan;
    dii_status st = DII_OK;
    if (p->indicator_col == NONE)
        st = refuse_header(r, "name the column of indicator ids or codes 'indicator'",
                           "the plan table's header has no 'indicator' column");
    if (st == DII_OK && p->year_count == 0)
        st = refuse_header(r, "name each year column by its year, e.g. 2024",
                           "the plan table's header has no year column");
    if (st == DII_OK && p->unit_id_col == NONE && !has_text(r->unit_id))
        st = refuse_header(r,
                           "give the unit with --unit-id ID (option unit_id), or add a "
                           "unit_id column",
                           "the plan table names no unit");
    return st;
}

dii_status dii_plan_header(csv_reader *r)
{
    r->have_header = 1;
    r->header_count = r->row_count;
    struct plan_table *p = dii_mem_calloc(1, sizeof *p);
    if (p == NULL)
        return DII_ERR_NO_MEMORY;
    r->plan = p;
    p->indicator_col = p->unit_id_col = p->unit_name_col = NONE;
    p->column_of_year = dii_mem_calloc(YEAR_SPAN, sizeof *p->column_of_year);
    if (p->column_of_year == NULL)
        return DII_ERR_NO_MEMORY;
    dii_status st = DII_OK;
    for (size_t col = 0; col < r->row_count && st == DII_OK; col++)
        st = header_cell(r, col);
    return st == DII_OK ? check_header(r) : st;
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */
/* ------------------------------------------------------------------------ */

/* The row's unit: its index in p->units, made on first sight, its name
 * noted. 0 (after reporting) when the row has an empty unit_id cell. */
static int row_unit(csv_reader *r, size_t *unit, dii_status *st)
{
    struct plan_table *p = r->plan;
    *st = DII_OK;
    const char *id = r->unit_id;
    if (p->unit_id_col != NONE) {
        const csv_cell *cell = &r->row[p->unit_id_col];
        if (cell->text[0] == '\0') {
            *st = dii_csv_report_cell(r, cell, "missing-field", NULL, "unit_id is empty");
            return 0;
        }
        id = cell->text;
    }
    *unit = dii_strpool_index(&p->units, id, strlen(id));
    if (*unit == SIZE_MAX ||
        dii_mem_grow((void **)&p->unit_names, &p->unit_names_cap, p->units.count,
                     sizeof *p->unit_names) != 0) {
        *st = DII_ERR_NO_MEMORY;
        return 0;
    }
    while (p->unit_name_count < p->units.count)
        p->unit_names[p->unit_name_count++] = NULL;
    const char *name = p->unit_name_col != NONE ? r->row[p->unit_name_col].text : NULL;
    if (p->unit_names[*unit] == NULL && has_text(name) &&
        (p->unit_names[*unit] = dii_mem_strdup(name)) == NULL) {
        *st = DII_ERR_NO_MEMORY;
        return 0;
    }
    return 1;
}

/* Whether this is the unit's first row of this indicator (as written).
 * A repeated row is reported at its indicator cell and left out: the
 * first row is used. */
static int first_row_of_indicator(csv_reader *r, size_t unit, const dii_value_entry *key,
                                  dii_status *st)
{
    struct plan_table *p = r->plan;
    const csv_cell *cell = &r->row[p->indicator_col];
    char text[48];
    int n = snprintf(text, sizeof text, "%zu:%lu", unit, (unsigned long)key->id);
    size_t before = p->rows_seen.count;
    size_t at = dii_strpool_index(&p->rows_seen, text, (size_t)n);
    if (at == SIZE_MAX || dii_mem_grow((void **)&p->row_line, &p->row_line_cap,
                                       p->rows_seen.count, sizeof *p->row_line) != 0) {
        *st = DII_ERR_NO_MEMORY;
        return 0;
    }
    *st = DII_OK;
    if (p->rows_seen.count > before) {
        p->row_line[at] = cell->line;
        return 1;
    }
    dii_loc loc = {cell->line, cell->column, NULL};
    *st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "duplicate-value", r->file, &loc,
                       "give each indicator one row; the first one is used",
                       "indicator '%s' has a second row for unit '%s'; the first is at line %lu",
                       cell->text, p->units.strings[unit], p->row_line[at]);
    return 0;
}

static dii_status keep_cell(csv_reader *r, size_t unit, size_t year,
                            const dii_value_entry *key)
{
    struct plan_table *p = r->plan;
    if (dii_mem_grow((void **)&p->values, &p->value_cap, p->value_count + 1,
                     sizeof *p->values) != 0)
        return DII_ERR_NO_MEMORY;
    csv_cell *cell = &r->row[p->years[year].col];
    plan_value *v = &p->values[p->value_count];
    memset(v, 0, sizeof *v);
    v->unit = unit;
    v->year = year;
    v->seq = p->value_count;
    v->e.indicator = key->indicator;
    v->e.id = key->id;
    v->e.key_line = key->key_line;
    v->e.key_column = key->key_column;
    v->e.line = (uint32_t)cell->line;
    v->e.column = (uint32_t)cell->column;
    dii_status st = dii_csv_set_cell_value(r, &v->e, cell->text);
    if (st == DII_OK)
        p->value_count++;
    else
        dii_value_entry_clear(&v->e);
    return st;
}

dii_status dii_plan_row(csv_reader *r)
{
    struct plan_table *p = r->plan;
    const csv_cell *ind = &r->row[p->indicator_col];
    if (ind->text[0] == '\0')
        return dii_csv_report_cell(r, ind, "missing-field", NULL, "indicator is empty");
    size_t unit;
    dii_status st;
    if (!row_unit(r, &unit, &st))
        return st;
    dii_value_entry key = {0};
    if (dii_value_set_indicator(r->subs, &key, ind->text, strlen(ind->text)) != DII_OK)
        return DII_ERR_NO_MEMORY;
    key.key_line = (uint32_t)ind->line;
    key.key_column = (uint32_t)ind->column;
    if (!first_row_of_indicator(r, unit, &key, &st))
        return st;
    for (size_t y = 0; y < p->year_count && st == DII_OK; y++)
        st = keep_cell(r, unit, y, &key);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Submissions                                                               */
/* ------------------------------------------------------------------------ */

static int by_unit_year_row(const void *a, const void *b)
{
    const plan_value *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether values[from, to) (one unit, one year) hold a value that is not
 * an empty cell. */
static int run_has_value(const plan_value *values, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (values[i].e.kind != DII_VALUE_MISSING)
            return 1;
    return 0;
}

static dii_status name_submission(csv_reader *r, size_t index, size_t unit)
{
    struct dii_submission *sub = &r->subs->items[index];
    const char *name = r->plan->unit_names[unit];
    if (name == NULL)
        name = r->unit_name;
    if (dii_sub_unit_name(sub) != NULL || !has_text(name))
        return DII_OK;
    return dii_sub_set_unit_name(r->subs, sub, name, strlen(name));
}

/* The submission of the run values[from, to): one unit's cells of one
 * year, which it gets in row order. The values move to the group table. */
static dii_status make_submission(csv_reader *r, size_t from, size_t to)
{
    struct plan_table *p = r->plan;
    const plan_value *first = &p->values[from];
    const plan_year *year = &p->years[first->year];
    size_t index;
    dii_status st = dii_csv_find_group(r, p->units.strings[first->unit], year->year,
                                       &year->header, &year->header, &index);
    if (st == DII_OK)
        st = name_submission(r, index, first->unit);
    for (size_t i = from; i < to && st == DII_OK; i++) {
        dii_value_entry *e = dii_group_add_value(&r->groups, r->subs, index);
        if (e == NULL)
            return DII_ERR_NO_MEMORY;
        *e = p->values[i].e;
        if (e->kind == DII_VALUE_INVALID)
            p->values[i].e.text = NULL; /* owned by the set now */
    }
    return st;
}

dii_status dii_plan_finish(csv_reader *r)
{
    struct plan_table *p = r->plan;
    r->subs->indicator_codes = 1;
    if (p->value_count > 1)
        qsort(p->values, p->value_count, sizeof *p->values, by_unit_year_row);
    dii_status st = DII_OK;
    for (size_t from = 0, to; from < p->value_count && st == DII_OK; from = to) {
        for (to = from + 1; to < p->value_count && p->values[to].unit == p->values[from].unit &&
                            p->values[to].year == p->values[from].year;
             to++)
            ;
        if (run_has_value(p->values, from, to))
            st = make_submission(r, from, to);
    }
    return st;
}

void dii_plan_free(struct plan_table *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->value_count; i++)
        dii_value_entry_clear(&p->values[i].e);
    for (size_t i = 0; i < p->unit_name_count; i++)
        dii_mem_free(p->unit_names[i]);
    dii_mem_free(p->values);
    dii_mem_free(p->unit_names);
    dii_mem_free(p->row_line);
    dii_mem_free(p->years);
    dii_mem_free(p->column_of_year);
    dii_strpool_free(&p->units);
    dii_strpool_free(&p->rows_seen);
    dii_mem_free(p);
}
