/* Submissions from long-format CSV: one row per (unit, year, indicator).
 *
 * libcsv does the RFC 4180 tokenising but reports no positions, so the
 * text is fed to it in chunks that end right after each delimiter or line
 * end. A field can only end on such a byte, so when a field arrives the
 * reader knows where it began: just after the previous chunk that ended a
 * field, past the blanks libcsv skips. That gives every cell a line and a
 * column without a second tokeniser.
 *
 * Rows are grouped into submissions by (unit_id, year) in order of first
 * appearance. Each row keeps its own value entry, duplicates included:
 * validation reports those, with both rows' positions. */
#include <csv.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "parse.h"
#include "suggest.h"
#include "textpos.h"

#define NONE SIZE_MAX

enum role { ROLE_UNIT_ID, ROLE_UNIT_NAME, ROLE_YEAR, ROLE_INDICATOR, ROLE_VALUE, ROLE_SOURCE,
            ROLE_COUNT };

static const char *const role_names[ROLE_COUNT] = {"unit_id",   "unit_name", "year",
                                                   "indicator", "value",     "source"};
static const int role_required[ROLE_COUNT] = {1, 0, 1, 1, 1, 0};

typedef struct csv_cell {
    char *text; /* trimmed */
    unsigned long line;
    unsigned long column;
} csv_cell;

/* (unit_id, year) -> submission index, open addressing. */
typedef struct group_table {
    size_t *slots; /* 1 + index into subs->items; 0 = empty */
    size_t cap;
    size_t used;
} group_table;

typedef struct csv_reader {
    const char *data;
    size_t len;
    const char *file;
    char delimiter;
    char decimal_mark;
    struct dii_submissions *subs;
    dii_diagnostics *diags;
    text_cursor cur;
    size_t field_start; /* where the field being read began (before blanks) */
    size_t chunk_end;   /* offset just past the bytes handed to libcsv */
    int row_begun;      /* a field of the current row has arrived */
    csv_cell *row;
    size_t row_count;
    size_t row_cap;
    int have_header;
    size_t header_count;
    size_t column_of[ROLE_COUNT]; /* NONE when the header lacks the column */
    int header_unusable;          /* a required column is missing */
    int syntax_errors;
    dii_status status; /* first allocation failure: stop */
    locale_t c_locale;
    group_table groups;
} csv_reader;

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */
/* ------------------------------------------------------------------------ */

static int is_blank_char(const csv_reader *r, char c)
{
    return (c == ' ' || c == '\t') && c != r->delimiter;
}

static char *trimmed_copy(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return dii_mem_strndup(s, n);
}

static int equals_folded(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        if (ca != *b)
            return 0;
    }
    return *a == *b;
}

/* ------------------------------------------------------------------------ */
/* Cell values                                                               */
/* ------------------------------------------------------------------------ */

/* Lower-cases s into out (ASCII letters, and the Vietnamese Ó / Ô of
 * "CÓ" / "KHÔNG"), also composing "o" + combining acute / circumflex as
 * macOS writes them. 0 when s is too long to be a boolean word. */
static int fold_boolean_word(const char *s, char *out, size_t cap)
{
    size_t w = 0;
    for (size_t i = 0; s[i] != '\0'; i++) {
        unsigned char c = (unsigned char)s[i];
        if (w + 2 >= cap)
            return 0;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c == 0xC3 && (s[i + 1] == '\x93' || s[i + 1] == '\x94')) {
            out[w++] = '\xC3';
            out[w++] = (char)((unsigned char)s[++i] + 0x20);
        } else if (c == 'o' && s[i + 1] == '\xCC' && (s[i + 2] == '\x81' || s[i + 2] == '\x82')) {
            out[w++] = '\xC3';
            out[w++] = s[i + 2] == '\x81' ? '\xB3' : '\xB4';
            i += 2;
        } else {
            out[w++] = (char)c;
        }
    }
    out[w] = '\0';
    return 1;
}

/* 1 / 0 for the words of design.md §5.2, -1 for anything else. */
static int parse_boolean(const char *s)
{
    static const char *const yes[] = {"true", "yes", "c\xC3\xB3"};
    static const char *const no[] = {"false", "no", "kh\xC3\xB4ng"};
    char folded[16];
    if (!fold_boolean_word(s, folded, sizeof folded))
        return -1;
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(folded, yes[i]) == 0)
            return 1;
        if (strcmp(folded, no[i]) == 0)
            return 0;
    }
    return -1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* NaN and infinities in any case, so that validation can say "not-finite"
 * instead of "not a number". */
static int parse_special(const char *s, double *out)
{
    int negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    if (equals_folded(s, "nan")) {
        *out = NAN;
        return 1;
    }
    if (equals_folded(s, "inf") || equals_folded(s, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return 1;
    }
    return 0;
}

/* Whether s is [sign] digits [mark digits] [e [sign] digits] with at least
 * one digit: strtod alone would also take hex, "1e", leading blanks... */
static int is_decimal_number(const char *s, char mark)
{
    size_t digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    for (; is_digit(*s); s++)
        digits++;
    if (*s == mark)
        for (s++; is_digit(*s); s++)
            digits++;
    if (digits == 0)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!is_digit(*s))
            return 0;
        while (is_digit(*s))
            s++;
    }
    return *s == '\0';
}

/* strtod follows the thread's LC_NUMERIC, which an application may have set
 * to a comma locale; the reader's own "C" locale makes "67.4" mean 67.4
 * whatever the caller did. */
static double strtod_c(const csv_reader *r, const char *s)
{
    locale_t previous = uselocale(r->c_locale);
    double x = strtod(s, NULL);
    uselocale(previous);
    return x;
}

/* 1 and the number when s is one (with the configured decimal mark), 0 when
 * not, -1 on allocation failure. */
static int parse_number(const csv_reader *r, const char *s, double *out)
{
    if (parse_special(s, out))
        return 1;
    if (!is_decimal_number(s, r->decimal_mark))
        return 0;
    char *copy = dii_mem_strdup(s);
    if (copy == NULL)
        return -1;
    char *mark = strchr(copy, r->decimal_mark);
    if (mark != NULL)
        *mark = '.';
    *out = strtod_c(r, copy);
    dii_mem_free(copy);
    return 1;
}

static dii_status set_cell_value(const csv_reader *r, dii_value_entry *e, const char *text)
{
    if (text[0] == '\0') {
        e->kind = DII_VALUE_MISSING;
        return DII_OK;
    }
    int b = parse_boolean(text);
    if (b >= 0) {
        e->kind = DII_VALUE_BOOLEAN;
        e->number = b;
        return DII_OK;
    }
    double x;
    int n = parse_number(r, text, &x);
    if (n < 0)
        return DII_ERR_NO_MEMORY;
    if (n > 0) {
        e->kind = DII_VALUE_NUMBER;
        e->number = x;
        return DII_OK;
    }
    e->kind = DII_VALUE_INVALID;
    e->text = dii_mem_strdup(text);
    return e->text ? DII_OK : DII_ERR_NO_MEMORY;
}

/* An integer year; 0 when the text is not one (or does not fit an int). */
static int parse_year(const char *s, int *year)
{
    int negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    if (!is_digit(*s))
        return 0;
    long v = 0;
    for (; is_digit(*s); s++) {
        v = v * 10 + (*s - '0');
        if (v > 2147483647L)
            return 0;
    }
    if (*s != '\0')
        return 0;
    *year = (int)(negative ? -v : v);
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Grouping rows into submissions                                            */
/* ------------------------------------------------------------------------ */

static size_t group_hash(const char *unit, int year)
{
    /* FNV-1a over the id, then the year folded in. */
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)unit; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    h ^= (uint64_t)(unsigned)year;
    h *= 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

static int group_grow(group_table *t, const struct dii_submissions *subs)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    size_t *slots = dii_mem_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i] == 0)
            continue;
        const struct dii_submission *s = &subs->items[t->slots[i] - 1];
        size_t at = group_hash(s->unit_id, s->year) & (cap - 1);
        while (slots[at] != 0)
            at = (at + 1) & (cap - 1);
        slots[at] = t->slots[i];
    }
    dii_mem_free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* The slot for (unit, year): either holding its submission or empty. */
static size_t group_slot(const group_table *t, const struct dii_submissions *subs,
                         const char *unit, int year)
{
    size_t at = group_hash(unit, year) & (t->cap - 1);
    while (t->slots[at] != 0) {
        const struct dii_submission *s = &subs->items[t->slots[at] - 1];
        if (s->year == year && strcmp(s->unit_id, unit) == 0)
            break;
        at = (at + 1) & (t->cap - 1);
    }
    return at;
}

static dii_status new_submission(csv_reader *r, const csv_cell *unit, const csv_cell *year,
                                 int year_value, size_t slot)
{
    struct dii_submission *sub = dii_submissions_append(r->subs);
    if (sub == NULL)
        return DII_ERR_NO_MEMORY;
    r->groups.slots[slot] = r->subs->count;
    r->groups.used++;
    sub->unit_id = dii_mem_strdup(unit->text);
    sub->year = year_value;
    sub->year_valid = 1;
    sub->line = r->row[0].line;
    sub->column = r->row[0].column;
    sub->year_line = year->line;
    sub->year_column = year->column;
    return sub->unit_id ? DII_OK : DII_ERR_NO_MEMORY;
}

/* Index of the submission of (unit, year), created on first sight. */
static dii_status find_group(csv_reader *r, const csv_cell *unit, const csv_cell *year,
                             int year_value, size_t *index)
{
    if ((r->groups.used + 1) * 2 > r->groups.cap && group_grow(&r->groups, r->subs) != 0)
        return DII_ERR_NO_MEMORY;
    size_t slot = group_slot(&r->groups, r->subs, unit->text, year_value);
    if (r->groups.slots[slot] == 0) {
        dii_status st = new_submission(r, unit, year, year_value, slot);
        if (st != DII_OK)
            return st;
    }
    *index = r->groups.slots[slot] - 1;
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */
/* ------------------------------------------------------------------------ */

static const csv_cell *cell_of(const csv_reader *r, enum role role)
{
    size_t col = r->column_of[role];
    return col == NONE ? NULL : &r->row[col];
}

static dii_status report_cell(csv_reader *r, const csv_cell *cell, const char *code,
                              const char *hint, const char *message)
{
    dii_loc loc = {cell->line, cell->column, NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, code, r->file, &loc, hint, "%s", message);
}

/* The row's unit, year and indicator; 0 (after reporting) when one is
 * unusable, and the row then joins no submission. */
static int row_key_ok(csv_reader *r, int *year, dii_status *st)
{
    const csv_cell *unit = cell_of(r, ROLE_UNIT_ID);
    const csv_cell *y = cell_of(r, ROLE_YEAR);
    const csv_cell *ind = cell_of(r, ROLE_INDICATOR);
    int ok = 1;
    *st = DII_OK;
    if (unit->text[0] == '\0') {
        ok = 0;
        *st = report_cell(r, unit, "missing-field", NULL, "unit_id is empty");
    }
    if (*st == DII_OK && y->text[0] == '\0') {
        ok = 0;
        *st = report_cell(r, y, "missing-field", NULL, "year is empty");
    } else if (*st == DII_OK && !parse_year(y->text, year)) {
        ok = 0;
        dii_loc loc = {y->line, y->column, NULL};
        *st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "wrong-type", r->file, &loc,
                           "write the year as a whole number, e.g. 2024",
                           "year must be an integer, got '%s'", y->text);
    }
    if (*st == DII_OK && ind->text[0] == '\0') {
        ok = 0;
        *st = report_cell(r, ind, "missing-field", NULL, "indicator is empty");
    }
    return ok;
}

static dii_status add_row_value(csv_reader *r, size_t index)
{
    struct dii_submission *sub = &r->subs->items[index];
    const csv_cell *name = cell_of(r, ROLE_UNIT_NAME);
    const csv_cell *source = cell_of(r, ROLE_SOURCE);
    const csv_cell *value = cell_of(r, ROLE_VALUE);
    if (sub->unit_name == NULL && name != NULL && name->text[0] != '\0') {
        sub->unit_name = dii_mem_strdup(name->text);
        if (sub->unit_name == NULL)
            return DII_ERR_NO_MEMORY;
    }
    dii_value_entry *e = dii_submission_append_value(sub);
    if (e == NULL)
        return DII_ERR_NO_MEMORY;
    e->indicator = dii_mem_strdup(cell_of(r, ROLE_INDICATOR)->text);
    if (e->indicator == NULL)
        return DII_ERR_NO_MEMORY;
    e->line = value->line;
    e->column = value->column;
    e->key_line = cell_of(r, ROLE_INDICATOR)->line;
    e->key_column = cell_of(r, ROLE_INDICATOR)->column;
    if (source != NULL && source->text[0] != '\0') {
        e->source = dii_mem_strdup(source->text);
        if (e->source == NULL)
            return DII_ERR_NO_MEMORY;
    }
    return set_cell_value(r, e, value->text);
}

static dii_status data_row(csv_reader *r)
{
    if (r->row_count != r->header_count) {
        r->syntax_errors++;
        dii_loc loc = {r->row[0].line, r->row[0].column, NULL};
        return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "syntax", r->file, &loc,
                            "quote fields that contain the delimiter or a line break",
                            "row has %zu fields but the header has %zu", r->row_count,
                            r->header_count);
    }
    int year = 0;
    dii_status st;
    if (!row_key_ok(r, &year, &st))
        return st;
    size_t index;
    st = find_group(r, cell_of(r, ROLE_UNIT_ID), cell_of(r, ROLE_YEAR), year, &index);
    return st == DII_OK ? add_row_value(r, index) : st;
}

/* ------------------------------------------------------------------------ */
/* The header                                                                */
/* ------------------------------------------------------------------------ */

static enum role role_of(const char *name)
{
    for (int k = 0; k < ROLE_COUNT; k++)
        if (equals_folded(name, role_names[k]))
            return (enum role)k;
    return ROLE_COUNT;
}

static dii_status report_unknown_column(csv_reader *r, const csv_cell *cell)
{
    const char *best = NULL;
    if (dii_suggest_among(cell->text, role_names, ROLE_COUNT, &best) != DII_OK)
        return DII_ERR_NO_MEMORY;
    char hint[96];
    if (best != NULL)
        snprintf(hint, sizeof hint, "did you mean '%s'?", best);
    else
        snprintf(hint, sizeof hint, "known columns: unit_id, unit_name, year, indicator, "
                                    "value, source");
    dii_loc loc = {cell->line, cell->column, NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_WARNING, "unknown-field", r->file, &loc, hint,
                        "unknown column '%s' is ignored", cell->text);
}

static dii_status header_cell(csv_reader *r, size_t col)
{
    const csv_cell *cell = &r->row[col];
    enum role role = role_of(cell->text);
    if (role == ROLE_COUNT)
        return report_unknown_column(r, cell);
    if (r->column_of[role] != NONE) {
        dii_loc loc = {cell->line, cell->column, NULL};
        return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "duplicate-field", r->file, &loc,
                            "keep one column of each name; the first one is used",
                            "column '%s' appears more than once", role_names[role]);
    }
    r->column_of[role] = col;
    return DII_OK;
}

/* A lone header cell holding the other delimiter means the file was read
 * with the wrong one: the usual mistake with Vietnamese spreadsheets. */
static const char *missing_column_hint(const csv_reader *r)
{
    if (r->row_count == 1 && r->delimiter != ';' && strchr(r->row[0].text, ';'))
        return "the header contains ';': load the file with ';' as the delimiter";
    if (r->row_count == 1 && r->delimiter != ',' && strchr(r->row[0].text, ','))
        return "the header contains ',': load the file with ',' as the delimiter";
    return "the header must name the columns unit_id, year, indicator and value "
           "(unit_name and source are optional)";
}

static dii_status header_row(csv_reader *r)
{
    r->have_header = 1;
    r->header_count = r->row_count;
    dii_status st = DII_OK;
    for (size_t col = 0; col < r->row_count && st == DII_OK; col++)
        st = header_cell(r, col);
    for (int k = 0; k < ROLE_COUNT && st == DII_OK; k++) {
        if (!role_required[k] || r->column_of[k] != NONE)
            continue;
        r->header_unusable = 1;
        dii_loc loc = {r->row[0].line, 1, NULL};
        st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "missing-field", r->file, &loc,
                          missing_column_hint(r), "the header has no '%s' column",
                          role_names[k]);
    }
    return st;
}

/* ------------------------------------------------------------------------ */
/* libcsv callbacks                                                          */
/* ------------------------------------------------------------------------ */

static void clear_row(csv_reader *r)
{
    for (size_t i = 0; i < r->row_count; i++)
        dii_mem_free(r->row[i].text);
    r->row_count = 0;
    r->row_begun = 0;
}

/* Where the field that began at `from` has its first byte: libcsv skips
 * blanks before a field, and blank lines before a row. */
static size_t field_content_start(const csv_reader *r, size_t from)
{
    while (from < r->len) {
        char c = r->data[from];
        int skip = is_blank_char(r, c) || (!r->row_begun && (c == '\n' || c == '\r'));
        if (!skip)
            break;
        from++;
    }
    return from;
}

static void on_field(void *text, size_t n, void *data)
{
    csv_reader *r = data;
    size_t start = field_content_start(r, r->field_start);
    r->field_start = r->chunk_end;
    r->row_begun = 1;
    if (r->status != DII_OK)
        return;
    if (dii_mem_grow((void **)&r->row, &r->row_cap, r->row_count + 1, sizeof *r->row) != 0) {
        r->status = DII_ERR_NO_MEMORY;
        return;
    }
    csv_cell *cell = &r->row[r->row_count];
    cell->text = trimmed_copy(text ? (const char *)text : "", text ? n : 0);
    if (cell->text == NULL) {
        r->status = DII_ERR_NO_MEMORY;
        return;
    }
    text_cursor_seek(&r->cur, start);
    cell->line = r->cur.line;
    cell->column = text_cursor_column(&r->cur);
    r->row_count++;
}

static int row_is_empty(const csv_reader *r)
{
    for (size_t i = 0; i < r->row_count; i++)
        if (r->row[i].text[0] != '\0')
            return 0;
    return 1;
}

/* A row of empty cells (",,,," left by a spreadsheet) counts as blank. */
static void on_row(int terminator, void *data)
{
    (void)terminator;
    csv_reader *r = data;
    if (r->status == DII_OK && r->row_count > 0 && !row_is_empty(r) && !r->header_unusable) {
        dii_status st = r->have_header ? data_row(r) : header_row(r);
        if (st != DII_OK)
            r->status = st;
    }
    clear_row(r);
}

/* ------------------------------------------------------------------------ */
/* Driving libcsv                                                            */
/* ------------------------------------------------------------------------ */

static int parser_start(struct csv_parser *p, char delimiter)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    csv_set_delim(p, (unsigned char)delimiter);
    csv_set_realloc_func(p, dii_mem_realloc);
    csv_set_free_func(p, dii_mem_free);
    return 0;
}

static dii_status report_syntax(csv_reader *r, size_t offset, const char *hint,
                                const char *message)
{
    r->syntax_errors++;
    text_cursor_seek(&r->cur, offset);
    dii_loc loc = {r->cur.line, text_cursor_column(&r->cur), NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "syntax", r->file, &loc, hint, "%s",
                        message);
}

/* After a quoting error libcsv cannot go on: report it, drop the row and
 * restart at the next line, so that later rows are still checked. */
static size_t recover(csv_reader *r, struct csv_parser *p, size_t offset)
{
    dii_status st = report_syntax(
        r, offset, "quote the whole field and double any quote inside it, e.g. \"a \"\"b\"\"\"",
        p->quoted ? "unexpected text after the closing quote of a field"
                  : "quote inside an unquoted field");
    if (st != DII_OK)
        r->status = st;
    csv_free(p);
    if (parser_start(p, r->delimiter) != 0)
        r->status = DII_ERR_NO_MEMORY;
    clear_row(r);
    size_t next = offset;
    while (next < r->len && !text_is_line_end(r->data, r->len, next))
        next++;
    if (next < r->len)
        next++;
    r->field_start = next;
    return next;
}

/* The next chunk ends right after the next delimiter or line-end byte. */
static size_t chunk_end(const csv_reader *r, size_t pos)
{
    while (pos < r->len) {
        char c = r->data[pos++];
        if (c == r->delimiter || c == '\n' || c == '\r')
            break;
    }
    return pos;
}

static void feed(csv_reader *r, struct csv_parser *p)
{
    size_t pos = 0;
    while (pos < r->len && r->status == DII_OK) {
        size_t end = chunk_end(r, pos);
        r->chunk_end = end;
        size_t used = csv_parse(p, r->data + pos, end - pos, on_field, on_row, r);
        if (used == end - pos) {
            pos = end;
        } else if (csv_error(p) == CSV_EPARSE) {
            pos = recover(r, p, pos + used);
        } else {
            r->status = DII_ERR_NO_MEMORY;
        }
    }
}

static void finish_input(csv_reader *r, struct csv_parser *p)
{
    r->chunk_end = r->len;
    if (r->status != DII_OK)
        return;
    if (csv_fini(p, on_field, on_row, r) != 0) {
        size_t start = field_content_start(r, r->field_start);
        dii_status st = report_syntax(r, start, "close the quoted field with '\"'",
                                      "quoted field is not closed before the end of the input");
        if (st != DII_OK)
            r->status = st;
        clear_row(r);
    }
}

static void reader_free(csv_reader *r)
{
    clear_row(r);
    dii_mem_free(r->row);
    dii_mem_free(r->groups.slots);
    if (r->c_locale != (locale_t)0)
        freelocale(r->c_locale);
}

static dii_status reader_init(csv_reader *r, const char *data, size_t len, const char *file,
                              const dii_parse_options *opts, struct dii_submissions *subs,
                              dii_diagnostics *diags)
{
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = len;
    r->file = file;
    r->delimiter = opts && opts->csv_delimiter ? opts->csv_delimiter : ',';
    r->decimal_mark = opts && opts->csv_decimal_mark ? opts->csv_decimal_mark : '.';
    r->subs = subs;
    r->diags = diags;
    for (int k = 0; k < ROLE_COUNT; k++)
        r->column_of[k] = NONE;
    text_cursor_init(&r->cur, data, len);
    r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    return r->c_locale != (locale_t)0 ? DII_OK : DII_ERR_NO_MEMORY;
}

dii_status dii_parse_submissions_csv(const char *data, size_t len, const char *file,
                                     const dii_parse_options *opts,
                                     struct dii_submissions *subs, dii_diagnostics *diags)
{
    csv_reader r;
    struct csv_parser p;
    dii_status st = reader_init(&r, data, len, file, opts, subs, diags);
    if (st == DII_OK && parser_start(&p, r.delimiter) != 0)
        st = DII_ERR_NO_MEMORY;
    if (st != DII_OK) {
        reader_free(&r);
        return dii_fail_nomem();
    }
    feed(&r, &p);
    finish_input(&r, &p);
    csv_free(&p);
    st = r.status;
    int unusable = r.header_unusable || r.syntax_errors > 0;
    reader_free(&r);
    if (st == DII_ERR_NO_MEMORY)
        return dii_fail_nomem();
    if (st != DII_OK)
        return st;
    return unusable ? DII_ERR_PARSE : DII_OK;
}
