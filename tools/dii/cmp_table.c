/* `dii compare --format table`: a comparison for a person at a terminal.
 *
 * Which file is A and which B, then per entry (a unit, or a unit and year):
 * a heading (unit, years, a side it is missing from), its points, index and
 * rank A → B with the change, and one row per listed indicator (code, name,
 * value A → B, Δ value, points A → B, Δ points, status A → B). The columns
 * have the same widths in every entry, aligned by display width
 * (Vietnamese names); the name gets what is left of LINE_MAX_COLUMNS and
 * is cut with "…". Colour on a terminal only: B's status in score's
 * colours, a rank move up green and down red (the words say it without). */
#include <string.h>

#include "cli.h"

enum {
    LINE_MAX_COLUMNS = 120,
    GAP = 2,
    MIN_NAME_COLUMNS = 16,
    MAX_CODE_COLUMNS = 8,
    COLUMNS = 7
};

static const char *const HEADINGS[COLUMNS] = {
    "Code", "Indicator", "Value A \xE2\x86\x92 B", "\xCE\x94 value", "Points A \xE2\x86\x92 B",
    "\xCE\x94 points", "Status A \xE2\x86\x92 B"};
static const int RIGHT[COLUMNS] = {0, 0, 1, 1, 1, 1, 0};

/* The cells of a row in column order. */
static void cells(const compare_row *r, const char *cell[COLUMNS])
{
    cell[0] = r->code;
    cell[1] = r->name;
    cell[2] = r->value;
    cell[3] = r->delta_value;
    cell[4] = r->points;
    cell[5] = r->delta_points;
    cell[6] = r->status;
}

/* Widths over every listed row: each column as wide as its widest cell, the
 * name what is left of the line. */
static void measure(const dii_framework *fw, const dii_comparison *cmp, const char *lang,
                    size_t w[COLUMNS])
{
    for (size_t c = 0; c < COLUMNS; c++)
        w[c] = text_width(HEADINGS[c]);
    size_t nu = dii_comparison_unit_count(cmp);
    for (size_t u = 0; u < nu; u++)
        for (size_t i = 0; i < dii_comparison_row_count(cmp, u); i++) {
            compare_row r;
            const char *cell[COLUMNS];
            compare_row_fill(cmp, fw, u, i, lang, &r);
            cells(&r, cell);
            for (size_t c = 0; c < COLUMNS; c++)
                w[c] = max_size(w[c], text_width(cell[c]));
        }
    if (w[0] > MAX_CODE_COLUMNS)
        w[0] = MAX_CODE_COLUMNS;
    size_t others = (COLUMNS - 1) * GAP;
    for (size_t c = 0; c < COLUMNS; c++)
        others += c == 1 ? 0 : w[c];
    size_t room = others < LINE_MAX_COLUMNS ? LINE_MAX_COLUMNS - others : 0;
    if (room < MIN_NAME_COLUMNS)
        room = MIN_NAME_COLUMNS;
    if (w[1] > room)
        w[1] = room;
}

/* Cell c, then the gap unless it is the last; colour (NULL: none) goes
 * around the padded text so that it takes no part in the alignment. */
static int put_cell(FILE *out, const char *s, const size_t w[COLUMNS], size_t c,
                    const char *color)
{
    /* the last column is left-aligned: not padded, no trailing spaces */
    int last = c + 1 == COLUMNS;
    if ((color && fputs(color, out) == EOF) ||
        (last ? fputs(s, out) == EOF : put_padded(out, s, w[c], RIGHT[c]) < 0) ||
        (color && fputs(ANSI_RESET, out) == EOF))
        return -1;
    return c + 1 < COLUMNS ? (fputs("  ", out) == EOF ? -1 : 0)
                           : (fputc('\n', out) == EOF ? -1 : 0);
}

static int put_header(FILE *out, const size_t w[COLUMNS])
{
    for (size_t c = 0; c < COLUMNS; c++)
        if (put_cell(out, HEADINGS[c], w, c, NULL) < 0)
            return -1;
    for (size_t c = 0; c < COLUMNS; c++) {
        for (size_t i = 0; i < w[c]; i++)
            if (fputc('-', out) == EOF)
                return -1;
        if (fputs(c + 1 < COLUMNS ? "  " : "\n", out) == EOF)
            return -1;
    }
    return 0;
}

static int put_row(FILE *out, const compare_row *r, const size_t w[COLUMNS], int color)
{
    const char *cell[COLUMNS];
    cells(r, cell);
    for (size_t c = 0; c < COLUMNS; c++) {
        const char *paint = color && c == 6 && r->has_status_b ? compliance_color(r->status_b)
                                                               : NULL;
        if (put_cell(out, cell[c], w, c, paint) < 0)
            return -1;
    }
    return 0;
}

/* "A: file" and "B: file", and which rows are listed. */
static int put_sides(FILE *out, const dii_comparison *cmp, const char *const files[2])
{
    for (int s = 0; s < 2; s++)
        if (fprintf(out, "%c: %s\n", "AB"[s],
                    strcmp(files[s], "-") == 0 ? "standard input" : files[s]) < 0)
            return -1;
    return fputs(dii_comparison_all_rows(cmp) ? "Every indicator listed.\n"
                                              : "Changed indicators only (--all lists every "
                                                "one).\n",
                 out) == EOF
               ? -1
               : 0;
}

/* "Điện Biên (DB) — data 2024, targets 2024", bold on a terminal. */
static int put_heading(FILE *out, const dii_comparison *cmp, size_t u, int color)
{
    const char *name = dii_comparison_unit_name(cmp, u), *id = dii_comparison_unit_id(cmp, u);
    char years[128];
    compare_years_text(cmp, u, years, sizeof years);
    return fprintf(out, "\n%s%s%s%s%s \xE2\x80\x94 %s%s\n", color ? ANSI_BOLD : "",
                   name ? name : "", name ? " (" : "", id, name ? ")" : "", years,
                   color ? ANSI_RESET : "") < 0
               ? -1
               : 0;
}

static int put_totals(FILE *out, const dii_framework *fw, const dii_comparison *cmp, size_t u,
                      int color)
{
    compare_totals t;
    compare_totals_text(fw, cmp, u, &t);
    const char *paint = !color || t.rank_move == 0 ? NULL
                        : t.rank_move > 0          ? ANSI_GREEN
                                                   : ANSI_RED;
    return fprintf(out, "Points  %s\nIndex   %s\nRank    %s%s%s\n", t.points, t.index,
                   paint ? paint : "", t.rank, paint ? ANSI_RESET : "") < 0
               ? -1
               : 0;
}

static int put_unit(FILE *out, const dii_framework *fw, const dii_comparison *cmp, size_t u,
                    const size_t w[COLUMNS], const out_style *style)
{
    if (put_heading(out, cmp, u, style->color) < 0 || put_totals(out, fw, cmp, u, style->color) < 0)
        return -1;
    size_t n = dii_comparison_row_count(cmp, u);
    if (n == 0)
        return fputs("\nNo indicator changed.\n", out) == EOF ? -1 : 0;
    if (fputc('\n', out) == EOF || put_header(out, w) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        compare_row r;
        compare_row_fill(cmp, fw, u, i, style->lang, &r);
        if (put_row(out, &r, w, style->color) < 0)
            return -1;
    }
    return 0;
}

int write_comparison_table(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                           const char *const files[2], const out_style *style)
{
    static const out_style plain = {0, NULL};
    if (style == NULL)
        style = &plain;
    size_t w[COLUMNS];
    measure(fw, cmp, style->lang, w);
    if (put_sides(out, cmp, files) < 0)
        return -1;
    size_t n = dii_comparison_unit_count(cmp);
    for (size_t u = 0; u < n; u++)
        if (put_unit(out, fw, cmp, u, w, style) < 0)
            return -1;
    if (n == 0 && fputs("\nNo unit on either side.\n", out) == EOF)
        return -1;
    return flush_status(out);
}
