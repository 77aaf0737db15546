/* Submissions from long-format CSV: one row per (unit, year, indicator).
 *
 * libcsv does the RFC 4180 tokenising but reports no positions, so the
 * text is fed to it in chunks that end right after each delimiter or line
 * end. A field can only end on such a byte, so when a field arrives the
 * reader knows where it began: just after the previous chunk that ended a
 * field, past the blanks libcsv skips. That gives every cell a line and a
 * column without a second tokeniser.
 *
 * Most rows have no quote at all, and libcsv reads such a row as its line
 * split at each delimiter, blanks around each cell dropped. The reader
 * splits those rows itself, which spares a libcsv call per cell and its
 * byte-by-byte copying, and hands libcsv only the rows that contain a
 * quote (with any syntax error they may hold).
 *
 * A cell's text goes into one buffer reused by every row; nothing is
 * allocated per cell, and per row only what the model keeps.
 *
 * Rows are grouped into submissions by (unit_id, year) in order of first
 * appearance. Each row keeps its own value entry, duplicates included:
 * validation reports those, with both rows' positions.
 *
 * A header that names an indicator column and otherwise only years is a
 * plan table's (one row per indicator, one column per year): its rows go
 * to parse_plan_table.c, cell by cell through the helpers of csv_reader.h. */
#include <csv.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv_reader.h"
#include "diag.h"
#include "error.h"
#include "input_limits.h"
#include "parse.h"
#include "submission_group.h"
#include "suggest.h"
#include "textpos.h"

static const char *const role_names[ROLE_COUNT] = {"unit_id",   "unit_name", "year",
                                                   "indicator", "value",     "source"};
static const int role_required[ROLE_COUNT] = {1, 0, 1, 1, 1, 0};

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */
/* ------------------------------------------------------------------------ */

static int is_blank_char(const csv_reader *r, char c)
{
    return (c == ' ' || c == '\t') && c != r->delimiter;
}

/* Narrows [*s, *s + *n) to its text without leading or trailing blanks. */
static void trim_blanks(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

int dii_csv_equals_folded(const char *a, const char *b)
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
    if (dii_csv_equals_folded(s, "nan")) {
        *out = NAN;
        return 1;
    }
    if (dii_csv_equals_folded(s, "inf") || dii_csv_equals_folded(s, "infinity")) {
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
 * whatever the caller did. s is a decimal number with '.' as its mark. */
static double strtod_c(const csv_reader *r, const char *s)
{
    locale_t previous = uselocale(r->c_locale);
    double x = strtod(s, NULL);
    uselocale(previous);
    return x;
}

/* 10^0 .. 10^22: every one is exactly a double (5^22 < 2^53). */
static const double powers_of_ten[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define MAX_EXACT_MANTISSA (UINT64_C(1) << 53)
#define MAX_FAST_EXPONENT 22
/* Beyond this many fraction digits or this exponent, strtod decides. */
#define EXPONENT_CAP 10000

/* The digits of s, leading zeros skipped, accumulated into *m while at most
 * 19 are kept (so *m stays exact); *kept counts the kept ones. Returns the
 * first non-digit. */
static const char *scan_digits(const char *s, uint64_t *m, size_t *kept)
{
    for (; is_digit(*s); s++) {
        if (*kept == 0 && *s == '0')
            continue;
        if (++*kept <= 19)
            *m = *m * 10 + (uint64_t)(*s - '0');
    }
    return s;
}

/* The exponent after 'e' ([sign] digits); 0 when its size reaches
 * EXPONENT_CAP. */
static int scan_exponent(const char *s, long *e)
{
    int negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    long v = 0;
    for (; is_digit(*s); s++) {
        v = v * 10 + (*s - '0');
        if (v >= EXPONENT_CAP)
            return 0;
    }
    *e = negative ? -v : v;
    return 1;
}

/* Clinger's fast path: when s is m x 10^e with m <= 2^53 and |e| <= 22, m and
 * 10^|e| are both exact doubles, and one IEEE multiplication or division
 * rounds their exact product or quotient correctly: the very double a
 * correctly rounding strtod (glibc's is) returns. Every digit zero gives a
 * signed zero, as strtod does. 0 when s is outside these cases. Only valid
 * where double arithmetic is not carried out in a wider format. */
static int decimal_fast(const char *s, char mark, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    int negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    uint64_t m = 0;
    size_t kept = 0, frac_digits = 0;
    s = scan_digits(s, &m, &kept);
    if (*s == mark) {
        const char *fraction = s + 1;
        s = scan_digits(fraction, &m, &kept);
        frac_digits = (size_t)(s - fraction);
    }
    if (kept == 0) {
        *out = negative ? -0.0 : 0.0;
        return 1;
    }
    long e = 0;
    if ((*s == 'e' || *s == 'E') && !scan_exponent(s + 1, &e))
        return 0;
    if (kept > 19 || m > MAX_EXACT_MANTISSA || frac_digits >= EXPONENT_CAP)
        return 0;
    e -= (long)frac_digits;
    if (e < -MAX_FAST_EXPONENT || e > MAX_FAST_EXPONENT)
        return 0;
    double x = (double)m;
    x = e < 0 ? x / powers_of_ten[-e] : x * powers_of_ten[e];
    *out = negative ? -x : x;
    return 1;
#else
    (void)s;
    (void)mark;
    (void)out;
    return 0;
#endif
}

/* s (already checked by is_decimal_number) as a double. Outside the fast
 * path strtod reads it, the mark swapped for '.' in place and put back. */
static double decimal_value(const csv_reader *r, char *s)
{
    double x;
    if (decimal_fast(s, r->decimal_mark, &x))
        return x;
    char *mark = strchr(s, r->decimal_mark);
    if (mark != NULL)
        *mark = '.';
    x = strtod_c(r, s);
    if (mark != NULL)
        *mark = r->decimal_mark;
    return x;
}

/* 1 and the number when s is one (with the configured decimal mark), 0 when
 * not. */
static int parse_number(const csv_reader *r, char *s, double *out)
{
    if (is_decimal_number(s, r->decimal_mark)) {
        *out = decimal_value(r, s);
        return 1;
    }
    return parse_special(s, out);
}

/* Boolean words all begin with an ASCII letter: anything else (every
 * number) skips the folding and comparing. */
static int may_be_boolean(const char *s)
{
    char c = (char)(*s | 0x20);
    return c >= 'a' && c <= 'z';
}

dii_status dii_csv_set_cell_value(const csv_reader *r, dii_value_entry *e, char *text)
{
    if (text[0] == '\0') {
        e->kind = DII_VALUE_MISSING;
        return DII_OK;
    }
    int b = may_be_boolean(text) ? parse_boolean(text) : -1;
    if (b >= 0) {
        e->kind = DII_VALUE_BOOLEAN;
        e->number = b;
        return DII_OK;
    }
    double x;
    if (parse_number(r, text, &x)) {
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

dii_status dii_csv_find_group(csv_reader *r, const char *unit, int year,
                              const csv_cell *start, const csv_cell *year_at, size_t *index)
{
    int created;
    dii_status st = dii_group_find(&r->groups, r->subs, unit, year, index, &created);
    if (st != DII_OK || !created)
        return st;
    /* one too many is made, then refused: the set is not handed out */
    dii_loc at = {start->line, start->column, NULL};
    st = dii_limit_check(r->diags, r->file, &at, r->limits, DII_LIMIT_SUBMISSIONS, r->subs->count);
    if (st != DII_OK)
        return st;
    struct dii_submission *sub = &r->subs->items[*index];
    struct dii_sub_body *body = dii_sub_body_of(r->subs, sub); /* a group's: never bare */
    sub->line = start->line;
    sub->column = start->column;
    body->year_line = year_at->line;
    body->year_column = year_at->column;
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

dii_status dii_csv_report_cell(csv_reader *r, const csv_cell *cell, const char *code,
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
        *st = dii_csv_report_cell(r, unit, "missing-field", NULL, "unit_id is empty");
    }
    if (*st == DII_OK && y->text[0] == '\0') {
        ok = 0;
        *st = dii_csv_report_cell(r, y, "missing-field", NULL, "year is empty");
    } else if (*st == DII_OK && !parse_year(y->text, year)) {
        ok = 0;
        dii_loc loc = {y->line, y->column, NULL};
        *st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "wrong-type", r->file, &loc,
                           "write the year as a whole number, e.g. 2024",
                           "year must be an integer, got '%s'", y->text);
    }
    if (*st == DII_OK && ind->text[0] == '\0') {
        ok = 0;
        *st = dii_csv_report_cell(r, ind, "missing-field", NULL, "indicator is empty");
    }
    return ok;
}

static dii_status add_row_value(csv_reader *r, size_t index)
{
    struct dii_submission *sub = &r->subs->items[index];
    const csv_cell *name = cell_of(r, ROLE_UNIT_NAME);
    const csv_cell *source = cell_of(r, ROLE_SOURCE);
    const csv_cell *value = cell_of(r, ROLE_VALUE);
    if (dii_sub_unit_name(sub) == NULL && name != NULL && name->text[0] != '\0' &&
        dii_sub_set_unit_name(r->subs, sub, name->text, strlen(name->text)) != DII_OK)
        return DII_ERR_NO_MEMORY;
    dii_value_entry *e = dii_group_add_value(&r->groups, r->subs, index);
    if (e == NULL)
        return DII_ERR_NO_MEMORY;
    const char *id = cell_of(r, ROLE_INDICATOR)->text;
    if (dii_value_set_indicator(r->subs, e, id, strlen(id)) != DII_OK)
        return DII_ERR_NO_MEMORY;
    e->line = (uint32_t)value->line;
    e->column = (uint32_t)value->column;
    e->key_line = (uint32_t)cell_of(r, ROLE_INDICATOR)->line;
    e->key_column = (uint32_t)cell_of(r, ROLE_INDICATOR)->column;
    if (source != NULL && source->text[0] != '\0'
        && dii_group_set_source(&r->groups, r->subs, source->text, strlen(source->text)) != DII_OK)
        return DII_ERR_NO_MEMORY;
    return dii_csv_set_cell_value(r, e, value->text);
}

int dii_csv_row_width_ok(csv_reader *r, dii_status *st)
{
    *st = DII_OK;
    if (r->row_count == r->header_count)
        return 1;
    r->syntax_errors++;
    dii_loc loc = {r->row[0].line, r->row[0].column, NULL};
    *st = dii_diag_add(r->diags, DII_SEVERITY_ERROR, "syntax", r->file, &loc,
                       "quote fields that contain the delimiter or a line break",
                       "row has %zu fields but the header has %zu", r->row_count,
                       r->header_count);
    return 0;
}

static dii_status data_row(csv_reader *r)
{
    dii_status st;
    if (!dii_csv_row_width_ok(r, &st))
        return st;
    if (r->plan != NULL)
        return dii_plan_row(r);
    int year = 0;
    if (!row_key_ok(r, &year, &st))
        return st;
    size_t index;
    st = dii_csv_find_group(r, cell_of(r, ROLE_UNIT_ID)->text, year, &r->row[0],
                            cell_of(r, ROLE_YEAR), &index);
    return st == DII_OK ? add_row_value(r, index) : st;
}

/* ------------------------------------------------------------------------ */
/* The header                                                                */
/* ------------------------------------------------------------------------ */

static enum role role_of(const char *name)
{
    for (int k = 0; k < ROLE_COUNT; k++)
        if (dii_csv_equals_folded(name, role_names[k]))
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

/* Whether text, split at delim, names every required column (blanks
 * around the names allowed, any case, as in a header). */
static int splits_into_required_columns(const char *text, char delim)
{
    int seen[ROLE_COUNT] = {0};
    size_t parts = 0;
    for (const char *s = text;; parts++) {
        const char *end = strchr(s, delim);
        size_t n = end ? (size_t)(end - s) : strlen(s);
        const char *name = s;
        trim_blanks(&name, &n);
        char copy[16];
        if (n < sizeof copy) {
            memcpy(copy, name, n);
            copy[n] = '\0';
            enum role role = role_of(copy);
            if (role != ROLE_COUNT)
                seen[role] = 1;
        }
        if (end == NULL)
            break;
        s = end + 1;
    }
    for (int k = 0; k < ROLE_COUNT; k++)
        if (role_required[k] && !seen[k])
            return 0;
    return parts > 0;
}

/* The delimiter the header is written with when it is another than the one
 * in use: the header is then one cell that, split at that byte, names the
 * required columns. The usual case is a Vietnamese spreadsheet export
 * (';' with a decimal comma) read with the default ','. 0 when none. */
static char header_delimiter(const csv_reader *r)
{
    static const char candidates[] = {';', ',', '\t'};
    if (r->row_count != 1)
        return 0;
    for (size_t i = 0; i < sizeof candidates; i++)
        if (candidates[i] != r->delimiter && strchr(r->row[0].text, candidates[i]) &&
            splits_into_required_columns(r->row[0].text, candidates[i]))
            return candidates[i];
    return 0;
}

/* The way out names the dii flag and the option member (C, and the Python
 * keyword of the same name). */
static const char *missing_column_hint(const csv_reader *r)
{
    switch (header_delimiter(r)) {
    case ';':
        return "the file looks semicolon-separated (a Vietnamese spreadsheet export): use "
               "--delimiter ';' (option csv_delimiter), and --decimal-mark ',' "
               "(csv_decimal_mark) if its numbers use a decimal comma";
    case ',':
        return "the file looks comma-separated: use --delimiter ',' (option csv_delimiter)";
    case '\t':
        return "the file looks tab-separated: use --delimiter tab (option csv_delimiter)";
    default:
        return "the header must name the columns unit_id, year, indicator and value "
               "(unit_name and source are optional)";
    }
}

static dii_status header_row(csv_reader *r)
{
    if (r->plan_forced || dii_plan_header_matches(r))
        return dii_plan_header(r);
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
    r->row_count = 0;
    r->text_len = 0;
    r->row_begun = 0;
}

/* Moves m forward to offset, counting the line ends on the way. */
static void mark_advance(const csv_reader *r, text_mark *m, size_t offset)
{
    for (size_t i = m->offset; i < offset; i++) {
        if (text_is_line_end(r->data, r->len, i)) {
            m->line++;
            m->line_start = i + 1;
        }
    }
    if (offset > m->offset)
        m->offset = offset;
}

/* The mark at the end of the chunk [at, end). A chunk stops at its first
 * '\n' or '\r', so only its last byte can end a line: one test instead of
 * a scan of every byte. */
static text_mark chunk_mark(const csv_reader *r, text_mark at, size_t end)
{
    if (end > at.offset && text_is_line_end(r->data, r->len, end - 1)) {
        at.line++;
        at.line_start = end;
    }
    at.offset = end;
    return at;
}

static unsigned long mark_column(const text_mark *m)
{
    return (unsigned long)(m->offset - m->line_start) + 1;
}

/* Where the field being read has its first byte: libcsv skips blanks
 * before a field, and blank lines before a row. */
static text_mark field_content_start(const csv_reader *r)
{
    size_t from = r->field.offset;
    while (from < r->len) {
        char c = r->data[from];
        int skip = is_blank_char(r, c) || (!r->row_begun && (c == '\n' || c == '\r'));
        if (!skip)
            break;
        from++;
    }
    text_mark m = r->field;
    mark_advance(r, &m, from);
    return m;
}

/* Appends the cell's trimmed text to the row buffer, NUL-terminated. Every
 * cell passes here, header and quoted ones included, so this is where the
 * string limit is kept. */
static dii_status store_cell(csv_reader *r, const char *text, size_t n, const text_mark *at)
{
    trim_blanks(&text, &n);
    dii_loc loc = {at->line, mark_column(at), NULL};
    dii_status st = dii_limit_check(r->diags, r->file, &loc, r->limits, DII_LIMIT_STRING_BYTES, n);
    if (st != DII_OK)
        return st;
    if (r->row_count == r->row_cap &&
        dii_mem_grow((void **)&r->row, &r->row_cap, r->row_count + 1, sizeof *r->row) != 0)
        return DII_ERR_NO_MEMORY;
    size_t need = r->text_len + n + 1;
    if (need > r->text_cap && dii_mem_grow((void **)&r->text, &r->text_cap, need, 1) != 0)
        return DII_ERR_NO_MEMORY;
    csv_cell *cell = &r->row[r->row_count++];
    cell->offset = r->text_len;
    cell->line = at->line;
    cell->column = mark_column(at);
    if (n > 0)
        memcpy(r->text + r->text_len, text, n);
    r->text[r->text_len + n] = '\0';
    r->text_len += n + 1;
    return DII_OK;
}

static void on_field(void *text, size_t n, void *data)
{
    csv_reader *r = data;
    text_mark start = field_content_start(r);
    r->field = r->chunk;
    r->row_begun = 1;
    if (r->status != DII_OK)
        return;
    r->status = store_cell(r, text ? (const char *)text : "", text ? n : 0, &start);
}

/* The row buffer no longer moves once the row is complete. */
static void resolve_cells(csv_reader *r)
{
    for (size_t i = 0; i < r->row_count; i++)
        r->row[i].text = r->text + r->row[i].offset;
}

static int row_is_empty(const csv_reader *r)
{
    for (size_t i = 0; i < r->row_count; i++)
        if (r->row[i].text[0] != '\0')
            return 0;
    return 1;
}

/* A row of empty cells (",,,," left by a spreadsheet) counts as blank. */
static void end_row(csv_reader *r)
{
    resolve_cells(r);
    if (r->status == DII_OK && r->row_count > 0 && !row_is_empty(r) && !r->header_unusable) {
        dii_status st = r->have_header ? data_row(r) : header_row(r);
        if (st != DII_OK)
            r->status = st;
    }
    clear_row(r);
    r->csv_idle = 1;
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    end_row(data);
}

/* ------------------------------------------------------------------------ */
/* Rows without quotes                                                       */
/* ------------------------------------------------------------------------ */

/* The first byte from i on that ends a run of plain text in a row. */
static size_t next_special(const csv_reader *r, size_t i)
{
    while (i < r->len && !r->special[(unsigned char)r->data[i]])
        i++;
    return i;
}

static size_t skip_blanks(const csv_reader *r, size_t i)
{
    while (i < r->len && is_blank_char(r, r->data[i]))
        i++;
    return i;
}

/* The mark just past a row that ends at offset end (its line-end byte, or
 * the end of the input), given m on the same line. */
static text_mark past_row(const csv_reader *r, text_mark m, size_t end)
{
    m.offset = end;
    return end < r->len ? chunk_mark(r, m, end + 1) : m;
}

/* Reads the next row itself when its line holds no quote, with libcsv
 * between rows. libcsv would skip blanks and blank lines before the row,
 * end a cell at each delimiter, drop the blanks around it and end the row
 * at the line end: so does this, giving the same cells at the same
 * positions. Returns 0, having changed nothing, when the row needs libcsv;
 * otherwise 1, *at past what was read. */
static int plain_row(csv_reader *r, text_mark *at)
{
    text_mark m = field_content_start(r);
    size_t i = m.offset;
    while (i < r->len) {
        size_t end = next_special(r, i);
        if (end < r->len && r->data[end] == '"') {
            clear_row(r);
            return 0;
        }
        text_mark cell = m;
        cell.offset = i;
        if ((r->status = store_cell(r, r->data + i, end - i, &cell)) != DII_OK)
            return 1;
        i = end;
        if (end == r->len || r->data[end] != r->delimiter)
            break;
        i = skip_blanks(r, end + 1);
        if (i == r->len) {
            /* A delimiter ends the input: libcsv's last, empty cell. */
            cell.offset = i;
            if ((r->status = store_cell(r, "", 0, &cell)) != DII_OK)
                return 1;
        }
    }
    *at = past_row(r, m, i);
    if (r->row_count == 0)
        return 1; /* only blanks were left: no row, as with libcsv */
    r->field = *at;
    end_row(r);
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Driving libcsv                                                            */
/* ------------------------------------------------------------------------ */

/* plain_row reproduces libcsv under exactly these settings (strict, '"'
 * quotes, default blanks and line ends): change one, change both. */
static int parser_start(struct csv_parser *p, char delimiter)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    csv_set_delim(p, (unsigned char)delimiter);
    csv_set_realloc_func(p, dii_mem_realloc);
    csv_set_free_func(p, dii_mem_free);
    return 0;
}

static dii_status report_syntax(csv_reader *r, const text_mark *at, const char *hint,
                                const char *message)
{
    r->syntax_errors++;
    dii_loc loc = {at->line, mark_column(at), NULL};
    return dii_diag_add(r->diags, DII_SEVERITY_ERROR, "syntax", r->file, &loc, hint, "%s",
                        message);
}

/* After a quoting error libcsv cannot go on: report it, drop the row and
 * restart at the next line, so that later rows are still checked. at is
 * the start of the chunk, offset the byte libcsv stopped at. Returns the
 * mark to go on from. */
static text_mark recover(csv_reader *r, struct csv_parser *p, text_mark at, size_t offset)
{
    mark_advance(r, &at, offset);
    dii_status st = report_syntax(
        r, &at, "quote the whole field and double any quote inside it, e.g. \"a \"\"b\"\"\"",
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
    mark_advance(r, &at, next);
    r->field = at;
    r->csv_idle = 1;
    return at;
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
    text_mark at = r->chunk;
    while (at.offset < r->len && r->status == DII_OK) {
        if (r->csv_idle && plain_row(r, &at))
            continue;
        r->csv_idle = 0;
        size_t end = chunk_end(r, at.offset);
        r->chunk = chunk_mark(r, at, end);
        size_t n = end - at.offset;
        size_t used = csv_parse(p, r->data + at.offset, n, on_field, on_row, r);
        if (used == n) {
            at = r->chunk;
        } else if (csv_error(p) == CSV_EPARSE) {
            at = recover(r, p, at, at.offset + used);
        } else {
            r->status = DII_ERR_NO_MEMORY;
        }
    }
    r->chunk = at;
}

static void finish_input(csv_reader *r, struct csv_parser *p)
{
    if (r->status != DII_OK)
        return;
    if (csv_fini(p, on_field, on_row, r) != 0) {
        text_mark start = field_content_start(r);
        dii_status st = report_syntax(r, &start, "close the quoted field with '\"'",
                                      "quoted field is not closed before the end of the input");
        if (st != DII_OK)
            r->status = st;
        clear_row(r);
    }
}

static void reader_free(csv_reader *r)
{
    dii_mem_free(r->row);
    dii_mem_free(r->text);
    dii_group_table_free(&r->groups);
    dii_plan_free(r->plan);
    if (r->c_locale != (locale_t)0)
        freelocale(r->c_locale);
}

static dii_status reader_init(csv_reader *r, const char *data, size_t len, const char *file,
                              const dii_parse_options *opts, const dii_limits *limits,
                              struct dii_submissions *subs, dii_diagnostics *diags)
{
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = len;
    r->file = file;
    r->delimiter = opts && opts->csv_delimiter ? opts->csv_delimiter : ',';
    r->decimal_mark = opts && opts->csv_decimal_mark ? opts->csv_decimal_mark : '.';
    r->plan_forced = opts && opts->format == DII_INPUT_PLAN_TABLE;
    if (opts && opts->version >= 4) { /* members a caller built against version 3 lacks */
        r->unit_id = opts->unit_id;
        r->unit_name = opts->unit_name;
    }
    r->subs = subs;
    r->diags = diags;
    r->limits = limits;
    for (int k = 0; k < ROLE_COUNT; k++)
        r->column_of[k] = NONE;
    r->chunk.line = 1;
    r->field = r->chunk;
    r->csv_idle = 1;
    r->special[(unsigned char)r->delimiter] = 1;
    r->special['\n'] = r->special['\r'] = r->special['"'] = 1;
    r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    return r->c_locale != (locale_t)0 ? DII_OK : DII_ERR_NO_MEMORY;
}

dii_status dii_parse_submissions_csv(const char *data, size_t len, const char *file,
                                     const dii_parse_options *opts, const dii_limits *limits,
                                     struct dii_submissions *subs, dii_diagnostics *diags)
{
    csv_reader r;
    struct csv_parser p;
    dii_status st = reader_init(&r, data, len, file, opts, limits, subs, diags);
    if (st == DII_OK && parser_start(&p, r.delimiter) != 0)
        st = DII_ERR_NO_MEMORY;
    if (st != DII_OK) {
        reader_free(&r);
        return dii_fail_nomem();
    }
    feed(&r, &p);
    finish_input(&r, &p);
    csv_free(&p);
    if (r.status == DII_OK && r.plan != NULL)
        r.status = dii_plan_finish(&r);
    if (r.status == DII_OK)
        r.status = dii_group_finish(&r.groups, subs);
    st = r.status;
    int unusable = r.header_unusable || r.syntax_errors > 0;
    reader_free(&r);
    if (st == DII_ERR_NO_MEMORY)
        return dii_fail_nomem();
    if (st != DII_OK)
        return st;
    return unusable ? DII_ERR_PARSE : DII_OK;
}
