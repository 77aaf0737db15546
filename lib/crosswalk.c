/* Unit crosswalks (docs/tracking.md §4): CSV `from_unit,to_unit[,weight]`
 * and an effective year.
 *
 * The submissions CSV reader (parse_csv.c) keeps its tokeniser private to
 * its long-table layout, so this file has its own minimal RFC 4180 reader:
 * ',' only, "quoted" cells with "" for a quote, blanks around cells
 * trimmed, every cell keeping the line and column of its first character.
 * A crosswalk is a few dozen rows; each cell is copied. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv_reader.h"
#include "diag.h"
#include "error.h"
#include "parse.h"
#include "track.h"

enum { COL_FROM, COL_TO, COL_WEIGHT, COL_COUNT };
static const char *const column_names[COL_COUNT] = {"from_unit", "to_unit", "weight"};
#define NO_COLUMN ((size_t)-1)

typedef struct cw_cell {
    char *text; /* trimmed, unquoted */
    unsigned long line, column;
} cw_cell;

typedef struct cw_reader {
    const char *data;
    size_t len;
    size_t pos;
    unsigned long line;
    size_t line_start;
    const char *file;
    dii_diagnostics *diags;
    struct dii_crosswalk *cw;
    cw_cell *cells; /* the row being read */
    size_t cell_count, cell_cap;
    size_t column_of[COL_COUNT];
    int have_header;
    int header_ok;
    int syntax_errors;
} cw_reader;

static unsigned long column_at(const cw_reader *r, size_t pos)
{
    return (unsigned long)(pos - r->line_start) + 1;
}

static dii_status report(cw_reader *r, dii_severity sev, const char *code, unsigned long line,
                         unsigned long column, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static dii_status report(cw_reader *r, dii_severity sev, const char *code, unsigned long line,
                         unsigned long column, const char *hint, const char *fmt, ...)
{
    dii_loc loc = {line, column, NULL};
    va_list ap;
    va_start(ap, fmt);
    dii_status st = dii_diag_addv(r->diags, sev, code, r->file, &loc, hint, fmt, ap);
    va_end(ap);
    return st;
}

static void clear_cells(cw_reader *r)
{
    for (size_t i = 0; i < r->cell_count; i++)
        dii_mem_free(r->cells[i].text);
    r->cell_count = 0;
}

static int at_line_end(const cw_reader *r)
{
    return r->pos >= r->len || r->data[r->pos] == '\n' || r->data[r->pos] == '\r';
}

/* Past a line end ("\n", "\r\n" or "\r"), counting the line. */
static void next_line(cw_reader *r)
{
    if (r->pos < r->len && r->data[r->pos] == '\r')
        r->pos++;
    if (r->pos < r->len && r->data[r->pos] == '\n')
        r->pos++;
    r->line++;
    r->line_start = r->pos;
}

static void skip_blanks(cw_reader *r)
{
    while (r->pos < r->len && (r->data[r->pos] == ' ' || r->data[r->pos] == '\t'))
        r->pos++;
}

static dii_status push_cell(cw_reader *r, char *text, unsigned long line, unsigned long column)
{
    if (!text || dii_mem_grow((void **)&r->cells, &r->cell_cap, r->cell_count + 1,
                              sizeof *r->cells)) {
        dii_mem_free(text);
        return DII_ERR_NO_MEMORY;
    }
    cw_cell *c = &r->cells[r->cell_count++];
    c->text = text;
    c->line = line;
    c->column = column;
    return DII_OK;
}

/* A quoted cell from the opening quote at r->pos; *bad set on a syntax
 * error (reported). Line ends inside quotes belong to the cell. */
static dii_status quoted_cell(cw_reader *r, int *bad)
{
    unsigned long line = r->line, column = column_at(r, r->pos);
    char *text = dii_mem_alloc(r->len - r->pos + 1);
    if (!text)
        return DII_ERR_NO_MEMORY;
    size_t n = 0;
    r->pos++;
    for (;;) {
        if (r->pos >= r->len) {
            dii_mem_free(text);
            *bad = 1;
            return report(r, DII_SEVERITY_ERROR, "syntax", line, column,
                          "close the quote with '\"'", "unterminated quoted cell");
        }
        char c = r->data[r->pos];
        if (c == '"' && r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
            text[n++] = '"';
            r->pos += 2;
        } else if (c == '"') {
            r->pos++;
            break;
        } else {
            if (c == '\n' || (c == '\r' && (r->pos + 1 >= r->len || r->data[r->pos + 1] != '\n'))) {
                r->line++;
                r->line_start = r->pos + 1;
            }
            text[n++] = c;
            r->pos++;
        }
    }
    text[n] = '\0';
    skip_blanks(r);
    if (!at_line_end(r) && r->data[r->pos] != ',') {
        dii_mem_free(text);
        *bad = 1;
        return report(r, DII_SEVERITY_ERROR, "syntax", r->line, column_at(r, r->pos),
                      "quote the whole cell", "text after a closing quote");
    }
    return push_cell(r, text, line, column);
}

static dii_status plain_cell(cw_reader *r)
{
    size_t start = r->pos, end = r->pos;
    while (end < r->len && r->data[end] != ',' && r->data[end] != '\n' && r->data[end] != '\r')
        end++;
    r->pos = end;
    while (end > start && (r->data[end - 1] == ' ' || r->data[end - 1] == '\t'))
        end--;
    return push_cell(r, dii_mem_strndup(r->data + start, end - start), r->line,
                     column_at(r, start));
}

/* Reads one row into r->cells; *bad when it had a syntax error (the rest
 * of its line is skipped). */
static dii_status read_row(cw_reader *r, int *bad)
{
    clear_cells(r);
    *bad = 0;
    for (;;) {
        skip_blanks(r);
        dii_status st = r->pos < r->len && r->data[r->pos] == '"' ? quoted_cell(r, bad)
                                                                 : plain_cell(r);
        if (st != DII_OK || *bad) {
            while (st == DII_OK && !at_line_end(r))
                r->pos++;
            if (st == DII_OK)
                next_line(r);
            return st;
        }
        if (at_line_end(r)) {
            next_line(r);
            return DII_OK;
        }
        r->pos++; /* the ',' */
    }
}

static int row_is_empty(const cw_reader *r)
{
    return r->cell_count == 1 && r->cells[0].text[0] == '\0';
}

static dii_status header_cell(cw_reader *r, size_t i)
{
    const cw_cell *c = &r->cells[i];
    for (size_t k = 0; k < COL_COUNT; k++) {
        if (!dii_csv_equals_folded(c->text, column_names[k]))
            continue;
        if (r->column_of[k] != NO_COLUMN)
            return report(r, DII_SEVERITY_ERROR, "duplicate-field", c->line, c->column,
                          "keep one column of each name", "column '%s' appears more than once",
                          column_names[k]);
        r->column_of[k] = i;
        return DII_OK;
    }
    return report(r, DII_SEVERITY_WARNING, "unknown-field", c->line, c->column,
                  "known columns: from_unit, to_unit, weight", "unknown column '%s' is ignored",
                  c->text);
}

static dii_status header_row(cw_reader *r)
{
    r->have_header = 1;
    dii_status st = DII_OK;
    for (size_t i = 0; i < r->cell_count && st == DII_OK; i++)
        st = header_cell(r, i);
    r->header_ok = 1;
    for (size_t k = COL_FROM; k <= COL_TO && st == DII_OK; k++) {
        if (r->column_of[k] != NO_COLUMN)
            continue;
        r->header_ok = 0;
        st = report(r, DII_SEVERITY_ERROR, "missing-field", r->cells[0].line, 1,
                    "the header must name the columns from_unit and to_unit (weight is "
                    "optional)", "the header has no '%s' column", column_names[k]);
    }
    return st;
}

/* A decimal number: [+-]digits[.digits][(e|E)[+-]digits], at least one digit
 * before the exponent. Read by strtod with the '.' removed and the exponent
 * adjusted, so that the thread's locale cannot change the reading (the
 * trick json_dom.c and strbuf.c use). 0 when s is not such a number. */
static int parse_decimal(const char *s, double *out)
{
    char buf[128];
    size_t n = 0, digits = 0;
    long frac = 0;
    const char *p = s;
    if (*p == '+' || *p == '-')
        buf[n++] = *p++;
    for (; *p >= '0' && *p <= '9' && n < 100; p++, digits++)
        buf[n++] = *p;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && n < 100; p++, digits++, frac++)
            buf[n++] = *p;
    long exp = 0;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        char *end;
        p++;
        if (!((*p >= '0' && *p <= '9') || ((*p == '+' || *p == '-') && p[1] >= '0' &&
                                            p[1] <= '9')))
            return 0;
        exp = strtol(p, &end, 10);
        if (exp > 100000 || exp < -100000)
            exp = exp > 0 ? 100000 : -100000;
        p = end;
    }
    if (*p != '\0')
        return 0; /* also a number longer than the buffer's 100 digits */
    snprintf(buf + n, sizeof buf - n, "e%ld", exp - frac);
    *out = strtod(buf, NULL);
    return 1;
}

static const cw_cell *cell_of(const cw_reader *r, int col)
{
    size_t i = r->column_of[col];
    return i != NO_COLUMN && i < r->cell_count ? &r->cells[i] : NULL;
}

/* An id cell: present and not empty, else reported at the cell or, when
 * the row is short, at the row's first cell. */
static int id_present(cw_reader *r, int col, dii_status *st)
{
    const cw_cell *c = cell_of(r, col);
    if (c && c->text[0] != '\0')
        return 1;
    const cw_cell *at = c ? c : &r->cells[0];
    *st = report(r, DII_SEVERITY_ERROR, "missing-field", at->line, at->column, NULL,
                 "%s is empty", column_names[col]);
    return 0;
}

static int weight_of(cw_reader *r, double *w, dii_status *st)
{
    const cw_cell *c = cell_of(r, COL_WEIGHT);
    *w = 1;
    if (!c || c->text[0] == '\0')
        return 1; /* equal weights by default */
    if (!parse_decimal(c->text, w)) {
        *st = report(r, DII_SEVERITY_ERROR, "wrong-type", c->line, c->column,
                     "write the weight as a decimal number with '.'",
                     "weight '%s' is not a number", c->text);
        return 0;
    }
    if (!isfinite(*w) || *w <= 0) {
        *st = report(r, DII_SEVERITY_ERROR, "out-of-range", c->line, c->column, NULL,
                     "weight '%s' must be a finite number above 0", c->text);
        return 0;
    }
    return 1;
}

static int check_cell_count(cw_reader *r, size_t header_count, dii_status *st)
{
    if (r->cell_count <= header_count)
        return 1; /* missing trailing cells read as empty */
    const cw_cell *c = &r->cells[header_count];
    *st = report(r, DII_SEVERITY_ERROR, "unknown-field", c->line, c->column,
                 "remove the extra cells or name their column in the header",
                 "the row has %zu cells; the header names %zu columns", r->cell_count,
                 header_count);
    return 0;
}

static dii_status add_row(cw_reader *r, const char *from, const char *to, double w,
                          unsigned long line)
{
    struct dii_crosswalk *cw = r->cw;
    if (dii_mem_grow((void **)&cw->rows, &cw->cap, cw->count + 1, sizeof *cw->rows))
        return DII_ERR_NO_MEMORY;
    crosswalk_row *row = &cw->rows[cw->count];
    row->from_unit = dii_mem_strdup(from);
    row->to_unit = dii_mem_strdup(to);
    row->weight = w;
    row->line = line;
    cw->count++; /* counted even when a copy failed, so that it is freed */
    return row->from_unit && row->to_unit ? DII_OK : DII_ERR_NO_MEMORY;
}

static dii_status data_row(cw_reader *r, size_t header_count)
{
    dii_status st = DII_OK;
    int ok = check_cell_count(r, header_count, &st);
    if (st == DII_OK)
        ok &= id_present(r, COL_FROM, &st);
    if (st == DII_OK)
        ok &= id_present(r, COL_TO, &st);
    double w = 1;
    if (st == DII_OK)
        ok &= weight_of(r, &w, &st);
    if (st != DII_OK || !ok)
        return st;
    const cw_cell *from = cell_of(r, COL_FROM);
    const crosswalk_row *earlier = dii_crosswalk_find(r->cw, from->text);
    if (earlier)
        return report(r, DII_SEVERITY_ERROR, "duplicate-value", from->line, from->column,
                      "list each former unit on one row",
                      "unit '%s' is already merged at line %lu", from->text, earlier->line);
    return add_row(r, from->text, cell_of(r, COL_TO)->text, w, from->line);
}

static dii_status read_rows(cw_reader *r)
{
    size_t header_count = 0;
    dii_status st = DII_OK;
    while (st == DII_OK && r->pos < r->len) {
        int bad = 0;
        st = read_row(r, &bad);
        if (bad)
            r->syntax_errors++;
        if (st != DII_OK || bad || row_is_empty(r))
            continue;
        if (!r->have_header) {
            header_count = r->cell_count;
            st = header_row(r);
        } else if (r->header_ok) {
            st = data_row(r, header_count);
        }
    }
    clear_cells(r);
    dii_mem_free(r->cells);
    return st;
}

const crosswalk_row *dii_crosswalk_find(const struct dii_crosswalk *cw, const char *unit)
{
    for (size_t i = 0; cw && i < cw->count; i++)
        if (strcmp(cw->rows[i].from_unit, unit) == 0)
            return &cw->rows[i];
    return NULL;
}

int dii_crosswalk_is_target(const struct dii_crosswalk *cw, const char *unit)
{
    for (size_t i = 0; cw && i < cw->count; i++)
        if (strcmp(cw->rows[i].to_unit, unit) == 0)
            return 1;
    return 0;
}

DII_API void dii_crosswalk_free(dii_crosswalk *cw)
{
    if (!cw)
        return;
    for (size_t i = 0; i < cw->count; i++) {
        dii_mem_free(cw->rows[i].from_unit);
        dii_mem_free(cw->rows[i].to_unit);
    }
    dii_mem_free(cw->rows);
    dii_mem_free(cw);
}

/* Reads the text into r->cw; the status a load returns. */
static dii_status parse_crosswalk(cw_reader *r)
{
    size_t bom = dii_bom_length(r->data, r->len);
    r->data += bom;
    r->len -= bom;
    size_t bad = dii_utf8_check(r->data, r->len, r->file, r->diags);
    if (bad == (size_t)-1)
        return DII_ERR_NO_MEMORY;
    if (bad > 0)
        return dii_fail(DII_ERR_PARSE, "the crosswalk is not valid UTF-8");
    dii_status st = read_rows(r);
    if (st != DII_OK)
        return st;
    if (!r->have_header) {
        st = report(r, DII_SEVERITY_ERROR, "missing-field", 1, 1,
                    "the first row must name the columns from_unit and to_unit",
                    "the crosswalk has no header row");
        if (st != DII_OK)
            return st;
    }
    if (r->syntax_errors > 0)
        return dii_fail(DII_ERR_PARSE, "the crosswalk has %d syntax error(s)", r->syntax_errors);
    if (dii_diagnostics_error_count(r->diags) > 0)
        return dii_fail(DII_ERR_VALIDATION, "the crosswalk has %zu error(s); see the "
                        "diagnostics", dii_diagnostics_error_count(r->diags));
    return DII_OK;
}

DII_API dii_status dii_crosswalk_load_memory(const char *data, size_t len, const char *name,
                                             int effective_year, dii_crosswalk **out,
                                             dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!out || (!data && len > 0))
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_crosswalk_load_memory: data and out "
                                                  "must not be NULL");
    if (effective_year < DII_YEAR_MIN || effective_year > DII_YEAR_MAX)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "effective year %d is outside %d to %d",
                        effective_year, DII_YEAR_MIN, DII_YEAR_MAX);
    cw_reader r;
    memset(&r, 0, sizeof r);
    r.data = data ? data : "";
    r.len = len;
    r.line = 1;
    r.file = name;
    for (size_t k = 0; k < COL_COUNT; k++)
        r.column_of[k] = NO_COLUMN;
    r.diags = dii_diag_new();
    r.cw = dii_mem_calloc(1, sizeof *r.cw);
    dii_status st = r.diags && r.cw ? parse_crosswalk(&r) : DII_ERR_NO_MEMORY;
    if (st == DII_ERR_NO_MEMORY) {
        dii_crosswalk_free(r.cw);
        dii_diagnostics_free(r.diags);
        return dii_fail_nomem();
    }
    dii_diag_give(r.diags, diags);
    if (st != DII_OK) {
        dii_crosswalk_free(r.cw);
        return st;
    }
    r.cw->effective_year = effective_year;
    dii_clear_error();
    *out = r.cw;
    return DII_OK;
}

DII_API dii_status dii_crosswalk_load_file(const char *path, int effective_year,
                                           dii_crosswalk **out, dii_diagnostics **diags)
{
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!path || !out)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_crosswalk_load_file: path and out must "
                                                  "not be NULL");
    char *data = NULL;
    size_t len = 0;
    dii_status st = dii_read_file(path, (size_t)-1, &data, &len);
    if (st == DII_ERR_NO_MEMORY)
        return st;
    if (st != DII_OK)
        return dii_diag_give_unreadable(path, st, diags);
    st = dii_crosswalk_load_memory(data, len, path, effective_year, out, diags);
    dii_mem_free(data);
    return st;
}

DII_API int dii_crosswalk_effective_year(const dii_crosswalk *cw)
{
    return cw ? cw->effective_year : 0;
}

DII_API size_t dii_crosswalk_count(const dii_crosswalk *cw)
{
    return cw ? cw->count : 0;
}

DII_API dii_status dii_crosswalk_row(const dii_crosswalk *cw, size_t i, const char **from_unit,
                                     const char **to_unit, double *weight)
{
    if (!cw || i >= cw->count)
        return dii_fail(DII_ERR_OUT_OF_RANGE, "crosswalk row %zu does not exist", i);
    if (from_unit)
        *from_unit = cw->rows[i].from_unit;
    if (to_unit)
        *to_unit = cw->rows[i].to_unit;
    if (weight)
        *weight = cw->rows[i].weight;
    dii_clear_error();
    return DII_OK;
}
