/* Submissions from a long table held in columns (dii_submissions_from_columns):
 * the rows a data frame holds, grouped as the CSV reader groups the rows of
 * a file (submission_group.c), with no text to parse. Row i is reported at
 * line i + 1, and a cell at its column's number (DII_COLUMN_*). */
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "parse.h"
#include "submission_group.h"
#include "utf8.h"

typedef struct column_reader {
    const dii_columns *cols;
    struct dii_submissions *subs;
    dii_diagnostics *diags;
    dii_group_table groups;
} column_reader;

static dii_loc cell_loc(size_t row, unsigned long column)
{
    dii_loc loc = {(unsigned long)row + 1, column, NULL};
    return loc;
}

static dii_status report_cell(column_reader *r, size_t row, unsigned long column,
                              const char *code, const char *message)
{
    dii_loc loc = cell_loc(row, column);
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, code, r->subs->name, &loc, NULL, "%s",
                        message);
}

/* A required text: present and not empty. 0 when not, reported. */
static int present(column_reader *r, size_t row, unsigned long column, const char *text,
                   const char *message, dii_status *st)
{
    if (text != NULL && text[0] != '\0')
        return 1;
    *st = report_cell(r, row, column, "missing-field", message);
    return 0;
}

/* Each distinct text is checked for UTF-8 once: a unit id when its
 * submission is made, an indicator id when the pool first stores it, a
 * name when it differs from the one kept; equal bytes are equally valid.
 * A problem is reported and reading goes on, so that every one is listed;
 * "encoding" is fatal, so the loader then hands out nothing. */
static dii_status check_utf8(column_reader *r, size_t row, unsigned long column,
                             const char *text)
{
    if (text == NULL || dii_utf8_is_valid(text))
        return DII_OK;
    return report_cell(r, row, column, "encoding", "the text is not valid UTF-8");
}

static const char *optional_text(const char *const *column, size_t row)
{
    return column != NULL ? column[row] : NULL;
}

/* The row's unit and indicator are there; both problems reported. */
static int row_ok(column_reader *r, size_t row, dii_status *st)
{
    const dii_columns *c = r->cols;
    int ok = present(r, row, DII_COLUMN_UNIT_ID, c->unit_id[row], "unit_id is empty", st);
    if (*st == DII_OK)
        ok &= present(r, row, DII_COLUMN_INDICATOR, c->indicator[row], "indicator is empty", st);
    return ok && *st == DII_OK;
}

static dii_status set_indicator(column_reader *r, dii_value_entry *e, size_t row)
{
    const char *id = r->cols->indicator[row];
    size_t known = r->subs->ids.count;
    dii_status st = dii_value_set_indicator(r->subs, e, id, strlen(id));
    if (st == DII_OK && r->subs->ids.count > known)
        st = check_utf8(r, row, DII_COLUMN_INDICATOR, id);
    return st;
}

static dii_status set_value(column_reader *r, dii_value_entry *e, size_t row)
{
    const dii_columns *c = r->cols;
    e->kind = c->kind != NULL ? (dii_value_kind)c->kind[row] : DII_VALUE_NUMBER;
    e->number = e->kind == DII_VALUE_MISSING ? 0 : c->value[row];
    e->line = e->key_line = (uint32_t)(row + 1); /* rows < 2^32: see model.h */
    e->column = DII_COLUMN_VALUE;
    e->key_column = DII_COLUMN_INDICATOR;
    const char *source = optional_text(c->source, row);
    if (source != NULL && source[0] != '\0') {
        if (check_utf8(r, row, DII_COLUMN_SOURCE, source) != DII_OK
            || dii_group_set_source(&r->groups, r->subs, source, strlen(source)) != DII_OK)
            return DII_ERR_NO_MEMORY;
    }
    return set_indicator(r, e, row);
}

/* The first non-empty name of a unit's rows is its name; every other one
 * is still checked, so that no text the library was handed goes unchecked. */
static dii_status take_name(column_reader *r, struct dii_submission *sub, size_t row)
{
    const char *name = optional_text(r->cols->unit_name, row);
    if (name == NULL || name[0] == '\0'
        || (dii_sub_unit_name(sub) != NULL && strcmp(dii_sub_unit_name(sub), name) == 0))
        return DII_OK;
    dii_status st = check_utf8(r, row, DII_COLUMN_UNIT_NAME, name);
    if (st == DII_OK && dii_sub_unit_name(sub) == NULL)
        st = dii_sub_set_unit_name(r->subs, sub, name, strlen(name));
    return st;
}

static dii_status add_row(column_reader *r, size_t row)
{
    const dii_columns *c = r->cols;
    size_t index;
    int created;
    dii_status st = dii_group_find(&r->groups, r->subs, c->unit_id[row], c->year[row], &index,
                                   &created);
    struct dii_submission *sub = st == DII_OK ? &r->subs->items[index] : NULL;
    if (created) {
        struct dii_sub_body *body = dii_sub_body_of(r->subs, sub); /* a group's: never bare */
        sub->line = body->year_line = (uint32_t)(row + 1);
        sub->column = DII_COLUMN_UNIT_ID;
        body->year_column = DII_COLUMN_YEAR;
        st = check_utf8(r, row, DII_COLUMN_UNIT_ID, c->unit_id[row]);
    }
    if (st == DII_OK)
        st = take_name(r, sub, row);
    if (st != DII_OK)
        return st;
    dii_value_entry *e = dii_group_add_value(&r->groups, r->subs, index);
    return e != NULL ? set_value(r, e, row) : DII_ERR_NO_MEMORY;
}

dii_status dii_read_columns(const void *input, struct dii_submissions *subs,
                            dii_diagnostics *diags)
{
    column_reader r;
    memset(&r, 0, sizeof r);
    r.cols = input;
    r.subs = subs;
    r.diags = diags;
    subs->is_csv = 1;
    dii_status st = dii_group_reserve(&r.groups, r.cols->rows);
    for (size_t row = 0; row < r.cols->rows && st == DII_OK; row++)
        if (row_ok(&r, row, &st))
            st = add_row(&r, row);
    if (st == DII_OK)
        st = dii_group_finish(&r.groups, subs);
    dii_group_table_free(&r.groups);
    return st;
}

/* Caller errors, which no diagnostic could locate: a missing column, a kind
 * that is not one of the three a table may hold, a boolean that is not 0/1. */
dii_status dii_columns_check(const dii_columns *cols)
{
    if (cols == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: cols is NULL");
    if (cols->version != DII_COLUMNS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: cols->version "
                        "is %u; this library knows version %d", cols->version,
                        DII_COLUMNS_VERSION);
    if (cols->rows > 0 && (cols->unit_id == NULL || cols->year == NULL
                           || cols->indicator == NULL || cols->value == NULL))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: unit_id, year, "
                        "indicator and value are required columns");
    for (size_t row = 0; cols->kind != NULL && row < cols->rows; row++) {
        unsigned k = cols->kind[row];
        if (k != DII_VALUE_NUMBER && k != DII_VALUE_BOOLEAN && k != DII_VALUE_MISSING)
            return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: row %zu: "
                            "kind %u is not DII_VALUE_NUMBER, _BOOLEAN or _MISSING", row, k);
        if (k == DII_VALUE_BOOLEAN && cols->value[row] != 0 && cols->value[row] != 1)
            return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: row %zu: "
                            "a boolean's value must be 1 or 0", row);
    }
    return DII_OK;
}
