/* The texts of `dii compare`'s table and Markdown report (cmp_table.c,
 * cmp_markdown.c): one place, so that the two can never disagree.
 *
 * A change reads "A → B" followed by the difference B - A with its sign
 * ("+0.2974", "-4"). Figures are those of `dii score`: values as given
 * (yes/no in words), points to 4 decimals, the index to the framework's
 * rank decimals, statuses in score's words; a difference too small to
 * show at those decimals still keeps its sign ("+0.0000"), since the JSON
 * and CSV outputs say it is not nothing. A side without the figure shows
 * "-". */
#include <string.h>

#include "cli.h"

enum { POINT_DECIMALS = 4, DELTA_VALUE_DECIMALS = 4 };

#define ARROW " \xE2\x86\x92 " /* " → " */

/* Prefixes the sign of x to text, which was written from x: "+" for a
 * positive x, "-" for a negative x whose text rounded to zero. */
static void signed_text(double x, const char *text, char *buf, size_t size)
{
    const char *sign = x > 0 ? "+" : x < 0 && text[0] != '-' ? "-" : "";
    snprintf(buf, size, "%s%s", sign, text);
}

static void fixed_or_dash(int has, double x, int decimals, char *buf, size_t size)
{
    if (has)
        format_fixed(x, decimals, buf, size);
    else
        snprintf(buf, size, "-");
}

static void rank_or_dash(int has, int rank, char *buf, size_t size)
{
    if (has)
        snprintf(buf, size, "%d", rank);
    else
        snprintf(buf, size, "-");
}

/* "a → b" from the two sides' texts. */
static void change_text(const char *a, const char *b, char *buf, size_t size)
{
    snprintf(buf, size, "%s" ARROW "%s", a, b);
}

/* "a → b (+d)", or "a → b" when there is no difference to give. */
static void change_with_delta(const char *a, const char *b, int has_delta, double delta,
                              const char *delta_text, char *buf, size_t size)
{
    if (!has_delta) {
        change_text(a, b, buf, size);
        return;
    }
    char d[NUMBER_TEXT_MAX + 2];
    signed_text(delta, delta_text, d, sizeof d);
    snprintf(buf, size, "%s" ARROW "%s (%s)", a, b, d);
}

static void value_or_dash(const dii_indicator *ind, int has, double v, const char *lang,
                          char *buf, size_t size)
{
    if (has && ind)
        value_text(ind, v, lang, buf, size);
    else if (has)
        format_number(v, buf, size);
    else
        snprintf(buf, size, "-");
}

void compare_row_fill(const dii_comparison *cmp, const dii_framework *fw, size_t u, size_t i,
                      const char *lang, compare_row *row)
{
    size_t k = dii_comparison_row_indicator(cmp, u, i);
    const dii_indicator *ind = dii_framework_indicator(fw, k);
    const char *code = dii_comparison_indicator_code(cmp, k);
    snprintf(row->code, sizeof row->code, "%s", code ? code : "");
    row->name = ind ? indicator_label(ind, lang) : dii_comparison_indicator_id(cmp, k);
    char a[NUMBER_TEXT_MAX], b[NUMBER_TEXT_MAX], d[NUMBER_TEXT_MAX];
    double va = 0, vb = 0, delta = 0;
    /* each accessor first, then the text: it sets the value it reports */
    int has_a = dii_comparison_row_value(cmp, u, i, DII_SIDE_A, &va);
    value_or_dash(ind, has_a, va, lang, a, sizeof a);
    int has_b = dii_comparison_row_value(cmp, u, i, DII_SIDE_B, &vb);
    value_or_dash(ind, has_b, vb, lang, b, sizeof b);
    change_text(a, b, row->value, sizeof row->value);
    row->delta_value[0] = '\0';
    if (dii_comparison_row_value_delta(cmp, u, i, &delta)) {
        rounded_text(delta, DELTA_VALUE_DECIMALS, d, sizeof d);
        signed_text(delta, d, row->delta_value, sizeof row->delta_value);
    }
    has_a = dii_comparison_row_points(cmp, u, i, DII_SIDE_A, &va);
    fixed_or_dash(has_a, va, POINT_DECIMALS, a, sizeof a);
    has_b = dii_comparison_row_points(cmp, u, i, DII_SIDE_B, &vb);
    fixed_or_dash(has_b, vb, POINT_DECIMALS, b, sizeof b);
    change_text(a, b, row->points, sizeof row->points);
    row->delta_points[0] = '\0';
    if (dii_comparison_row_points_delta(cmp, u, i, &delta)) {
        format_fixed(delta, POINT_DECIMALS, d, sizeof d);
        signed_text(delta, d, row->delta_points, sizeof row->delta_points);
    }
    dii_compliance sa = DII_COMPLIANCE_MISSING;
    row->has_status_b = dii_comparison_row_status(cmp, u, i, DII_SIDE_B, &row->status_b);
    has_a = dii_comparison_row_status(cmp, u, i, DII_SIDE_A, &sa);
    change_text(has_a ? status_text(sa) : "-", row->has_status_b ? status_text(row->status_b) : "-",
                row->status, sizeof row->status);
}

/* The years a side was scored with: "data 2024, targets 2024". */
static void side_years(const dii_comparison *cmp, size_t u, dii_compare_side side, int *year,
                       int *target_year)
{
    dii_comparison_unit_score(cmp, u, side, year, target_year, NULL, NULL, NULL);
}

static void year_change(int a, int b, char *buf, size_t size)
{
    if (a == b)
        snprintf(buf, size, "%d", a);
    else
        snprintf(buf, size, "%d" ARROW "%d", a, b);
}

int compare_unit_sides(const dii_comparison *cmp, size_t u)
{
    int a = dii_comparison_unit_score(cmp, u, DII_SIDE_A, NULL, NULL, NULL, NULL, NULL);
    int b = dii_comparison_unit_score(cmp, u, DII_SIDE_B, NULL, NULL, NULL, NULL, NULL);
    return (a ? COMPARE_IN_A : 0) | (b ? COMPARE_IN_B : 0);
}

void compare_years_text(const dii_comparison *cmp, size_t u, char *buf, size_t size)
{
    int ya = 0, ta = 0, yb = 0, tb = 0;
    side_years(cmp, u, DII_SIDE_A, &ya, &ta);
    side_years(cmp, u, DII_SIDE_B, &yb, &tb);
    int sides = compare_unit_sides(cmp, u);
    if (sides != (COMPARE_IN_A | COMPARE_IN_B)) {
        int a = sides == COMPARE_IN_A;
        snprintf(buf, size, "data %d, targets %d; only in %s", a ? ya : yb, a ? ta : tb,
                 a ? "A" : "B");
        return;
    }
    char y[48], t[48];
    year_change(ya, yb, y, sizeof y);
    year_change(ta, tb, t, sizeof t);
    snprintf(buf, size, "data %s, targets %s", y, t);
}

void compare_totals_text(const dii_framework *fw, const dii_comparison *cmp, size_t u,
                         compare_totals *t)
{
    double pa = 0, pb = 0, xa = 0, xb = 0, dp = 0, dx = 0;
    int ra = 0, rb = 0, dr = 0;
    int has_a = dii_comparison_unit_score(cmp, u, DII_SIDE_A, NULL, NULL, &pa, &xa, &ra);
    int has_b = dii_comparison_unit_score(cmp, u, DII_SIDE_B, NULL, NULL, &pb, &xb, &rb);
    int both = dii_comparison_unit_delta(cmp, u, &dp, &dx, &dr);
    int decimals = dii_framework_rank_decimals(fw);
    char a[NUMBER_TEXT_MAX], b[NUMBER_TEXT_MAX], d[NUMBER_TEXT_MAX];
    fixed_or_dash(has_a, pa, POINT_DECIMALS, a, sizeof a);
    fixed_or_dash(has_b, pb, POINT_DECIMALS, b, sizeof b);
    format_fixed(dp, POINT_DECIMALS, d, sizeof d);
    change_with_delta(a, b, both, dp, d, t->points, sizeof t->points);
    fixed_or_dash(has_a, xa, decimals, a, sizeof a);
    fixed_or_dash(has_b, xb, decimals, b, sizeof b);
    format_fixed(dx, decimals, d, sizeof d);
    change_with_delta(a, b, both, dx, d, t->index, sizeof t->index);
    rank_or_dash(has_a, ra, a, sizeof a);
    rank_or_dash(has_b, rb, b, sizeof b);
    /* rank 1 is the best: a smaller rank is a move up */
    t->rank_move = both ? (dr < 0) - (dr > 0) : 0;
    if (both && dr != 0)
        snprintf(d, sizeof d, "%+d, %s", dr,
                 dr < 0 ? "\xE2\x96\xB2 up" /* ▲ */ : "\xE2\x96\xBC down" /* ▼ */);
    else
        snprintf(d, sizeof d, "0");
    if (both)
        snprintf(t->rank, sizeof t->rank, "%s" ARROW "%s (%s)", a, b, d);
    else
        change_text(a, b, t->rank, sizeof t->rank);
}
