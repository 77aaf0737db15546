/* `dii score --format table`: results for a person at a terminal.
 *
 * Per result: a heading, one row per indicator (Code, Indicator, Value,
 * Target, Status, Points), the group totals, and the total / index / rank.
 * Columns are aligned by display width (text_width), because the names are
 * Vietnamese; long names are cut with "…" so that no line is wider than
 * LINE_MAX_COLUMNS and nothing wraps in a terminal or a CI log. */
#include <string.h>

#include <stdlib.h>

#include "cli.h"

enum {
    LINE_MAX_COLUMNS = 120,
    GAP = 2,             /* spaces between two columns */
    MIN_NAME_COLUMNS = 16,
    MAX_CODE_COLUMNS = 8, /* a framework with long codes must not squeeze the names */
    POINT_DECIMALS = 4
};

/* The texts of one indicator row. */
typedef struct row {
    char code[64];
    const char *name;
    char value[NUMBER_TEXT_MAX];
    char target[TARGET_TEXT_MAX];
    const char *status;
    dii_compliance compliance;
    char points[NUMBER_TEXT_MAX];
} row;

typedef struct widths {
    size_t code, name, value, target, status, points;
} widths;

static void fill_row(const dii_indicator *ind, const dii_result *r, size_t k, const char *lang,
                     row *out)
{
    const char *code = dii_indicator_code(ind);
    /* A star marks an inferred (provisional) indicator; the footnote says so. */
    snprintf(out->code, sizeof out->code, "%s%s", code ? code : "",
             dii_result_indicator_provisional(r, k) ? "*" : "");
    out->name = indicator_label(ind, lang);
    double v = 0;
    if (dii_result_indicator_value(r, k, &v))
        value_text(ind, v, lang, out->value, sizeof out->value);
    else
        snprintf(out->value, sizeof out->value, "-");
    target_text(r, k, ind, lang, out->target, sizeof out->target);
    out->compliance = dii_result_indicator_compliance(r, k);
    out->status = status_text(out->compliance);
    /* Under "missing": "exclude" a missing indicator has no points to give:
     * "0.0000" would read as a score of nothing. */
    if (out->compliance == DII_COMPLIANCE_MISSING && dii_result_indicator_max_points(r, k) == 0 &&
        dii_indicator_points(ind) > 0)
        snprintf(out->points, sizeof out->points, "excluded");
    else
        format_fixed(dii_result_indicator_points(r, k), POINT_DECIMALS, out->points,
                     sizeof out->points);
}

static void widen(widths *w, const row *rw)
{
    w->code = max_size(w->code, text_width(rw->code));
    w->name = max_size(w->name, text_width(rw->name));
    w->value = max_size(w->value, text_width(rw->value));
    w->target = max_size(w->target, text_width(rw->target));
    w->status = max_size(w->status, text_width(rw->status));
    w->points = max_size(w->points, text_width(rw->points));
}

/* Column widths: each as wide as its widest cell, except the name, which
 * gets what is left of the line. */
static widths measure(const dii_framework *fw, const dii_result *r, const char *lang)
{
    widths w = {4, 9, 5, 6, 6, 6}; /* the headings' widths */
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k < n; k++) {
        const dii_indicator *ind = dii_framework_indicator(fw, k);
        if (ind == NULL)
            continue;
        row rw;
        fill_row(ind, r, k, lang, &rw);
        widen(&w, &rw);
    }
    if (w.code > MAX_CODE_COLUMNS)
        w.code = MAX_CODE_COLUMNS;
    size_t others = w.code + w.value + w.target + w.status + w.points + 5 * GAP;
    size_t room = others < LINE_MAX_COLUMNS ? LINE_MAX_COLUMNS - others : 0;
    if (room < MIN_NAME_COLUMNS)
        room = MIN_NAME_COLUMNS;
    if (w.name > room)
        w.name = room;
    return w;
}

static int put_gap(FILE *out)
{
    return fputs("  ", out) == EOF ? -1 : 0;
}

/* One cell and the gap after it. */
static int put_cell(FILE *out, const char *s, size_t width, int right)
{
    return put_padded(out, s, width, right) < 0 || put_gap(out) < 0 ? -1 : 0;
}

/* The status cell, coloured when asked: the escape codes go around the
 * padded text so that they take no part in the alignment. */
static int put_status(FILE *out, const row *rw, size_t width, int color)
{
    const char *c = color ? compliance_color(rw->compliance) : NULL;
    if (c != NULL && fputs(c, out) == EOF)
        return -1;
    if (put_padded(out, rw->status, width, 0) < 0)
        return -1;
    if (c != NULL && fputs(ANSI_RESET, out) == EOF)
        return -1;
    return put_gap(out);
}

static int put_row(FILE *out, const row *rw, const widths *w, int color)
{
    if (put_cell(out, rw->code, w->code, 0) < 0 || put_cell(out, rw->name, w->name, 0) < 0 ||
        put_cell(out, rw->value, w->value, 1) < 0 || put_cell(out, rw->target, w->target, 0) < 0 ||
        put_status(out, rw, w->status, color) < 0 || put_padded(out, rw->points, w->points, 1) < 0)
        return -1;
    return fputc('\n', out) == EOF ? -1 : 0;
}

static int put_rule(FILE *out, size_t n, int last)
{
    for (size_t i = 0; i < n; i++)
        if (fputc('-', out) == EOF)
            return -1;
    return last ? (fputc('\n', out) == EOF ? -1 : 0) : put_gap(out);
}

static int put_header(FILE *out, const widths *w)
{
    if (put_cell(out, "Code", w->code, 0) < 0 || put_cell(out, "Indicator", w->name, 0) < 0 ||
        put_cell(out, "Value", w->value, 1) < 0 || put_cell(out, "Target", w->target, 0) < 0 ||
        put_cell(out, "Status", w->status, 0) < 0 || put_padded(out, "Points", w->points, 1) < 0 ||
        fputc('\n', out) == EOF)
        return -1;
    if (put_rule(out, w->code, 0) < 0 || put_rule(out, w->name, 0) < 0 ||
        put_rule(out, w->value, 0) < 0 || put_rule(out, w->target, 0) < 0 ||
        put_rule(out, w->status, 0) < 0 || put_rule(out, w->points, 1) < 0)
        return -1;
    return 0;
}

/* "Điện Biên (11) — data 2022, targets 2023", bold on a terminal. */
static int put_heading(FILE *out, const dii_result *r, int color)
{
    const char *name = dii_result_unit_name(r);
    const char *id = dii_result_unit_id(r);
    return fprintf(out, "%s%s%s%s%s \xE2\x80\x94 data %d, targets %d%s\n", color ? ANSI_BOLD : "",
                   name ? name : "", name ? " (" : "", id ? id : "?", name ? ")" : "",
                   dii_result_year(r), dii_result_target_year(r), color ? ANSI_RESET : "") < 0
               ? -1
               : 0;
}

/* Returns 1 when some indicator of the result is provisional. */
static int any_provisional(const dii_result *r)
{
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k < n; k++)
        if (dii_result_indicator_provisional(r, k))
            return 1;
    return 0;
}

static int put_indicators(FILE *out, const dii_framework *fw, const dii_result *r,
                          const out_style *style)
{
    widths w = measure(fw, r, style->lang);
    if (put_header(out, &w) < 0)
        return -1;
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k < n; k++) {
        const dii_indicator *ind = dii_framework_indicator(fw, k);
        if (ind == NULL)
            continue;
        row rw;
        fill_row(ind, r, k, style->lang, &rw);
        if (put_row(out, &rw, &w, style->color) < 0)
            return -1;
    }
    if (any_provisional(r) &&
        fputs("* provisional: inferred, not taken from an official source\n", out) == EOF)
        return -1;
    return 0;
}

/* Widths shared by the group lines, so that their numbers line up. */
typedef struct group_widths {
    size_t id, points, max;
} group_widths;

static group_widths measure_groups(const dii_result *r)
{
    group_widths w = {0, 0, 0};
    size_t n = dii_result_group_count(r);
    for (size_t g = 0; g < n; g++) {
        char p[NUMBER_TEXT_MAX], m[NUMBER_TEXT_MAX];
        format_fixed(dii_result_group_points(r, g), POINT_DECIMALS, p, sizeof p);
        format_number(dii_result_group_max_points(r, g), m, sizeof m);
        w.id = max_size(w.id, text_width(dii_result_group_id(r, g)) + 1); /* with ':' */
        w.points = max_size(w.points, strlen(p));
        w.max = max_size(w.max, strlen(m));
    }
    return w;
}

/* "Group I:   15.1226 / 16  (0.9452)  Mạng viễn thông băng rộng" */
static int put_group(FILE *out, const dii_framework *fw, const dii_result *r, size_t g,
                     const group_widths *w, const char *lang)
{
    char id[80], p[NUMBER_TEXT_MAX], m[NUMBER_TEXT_MAX], ix[NUMBER_TEXT_MAX + 2], x[NUMBER_TEXT_MAX];
    snprintf(id, sizeof id, "%s:", dii_result_group_id(r, g));
    format_fixed(dii_result_group_points(r, g), POINT_DECIMALS, p, sizeof p);
    format_number(dii_result_group_max_points(r, g), m, sizeof m);
    format_fixed(dii_result_group_index(r, g), POINT_DECIMALS, x, sizeof x);
    snprintf(ix, sizeof ix, "(%s)", x);
    size_t used = 6 + w->id + 1 + w->points + 3 + w->max + GAP + text_width(ix) + GAP;
    const char *name = group_label(fw, dii_result_group_id(r, g), lang);
    size_t room = used < LINE_MAX_COLUMNS ? LINE_MAX_COLUMNS - used : 0;
    if (room < MIN_NAME_COLUMNS)
        room = MIN_NAME_COLUMNS;
    size_t name_w = text_width(name);
    if (name_w > room)
        name_w = room;
    if (fputs("Group ", out) == EOF || put_padded(out, id, w->id, 0) < 0 ||
        fputc(' ', out) == EOF || put_padded(out, p, w->points, 1) < 0 ||
        fputs(" / ", out) == EOF || put_cell(out, m, w->max, 0) < 0 ||
        fputs(ix, out) == EOF)
        return -1;
    if (name[0] != '\0' && (put_gap(out) < 0 || put_padded(out, name, name_w, 0) < 0))
        return -1;
    return fputc('\n', out) == EOF ? -1 : 0;
}

static int put_groups(FILE *out, const dii_framework *fw, const dii_result *r, const char *lang)
{
    group_widths w = measure_groups(r);
    size_t n = dii_result_group_count(r);
    for (size_t g = 0; g < n; g++)
        if (put_group(out, fw, r, g, &w, lang) < 0)
            return -1;
    return 0;
}

/* "Total: 21.8559 / 23   Index: 0.9503   Rank: 1 of 1", then how many
 * targets were met: the other question the report answers. */
static int put_totals(FILE *out, const dii_framework *fw, const dii_result *r, int color)
{
    char p[NUMBER_TEXT_MAX], m[NUMBER_TEXT_MAX], x[NUMBER_TEXT_MAX];
    format_fixed(dii_result_points(r), POINT_DECIMALS, p, sizeof p);
    format_number(dii_result_max_points(r), m, sizeof m);
    format_fixed(dii_result_index(r), dii_framework_rank_decimals(fw), x, sizeof x);
    if (fprintf(out, "%sTotal: %s / %s   Index: %s   Rank: %d of %zu%s\n", color ? ANSI_BOLD : "",
                p, m, x, dii_result_rank(r), dii_result_cohort_size(r),
                color ? ANSI_RESET : "") < 0)
        return -1;
    return fprintf(out, "Targets: %zu met, %zu not met, %zu no target, %zu missing\n",
                   dii_result_compliance_count(r, DII_COMPLIANCE_MET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_NOT_MET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_MISSING)) < 0
               ? -1
               : 0;
}

static int put_result(FILE *out, const dii_framework *fw, const dii_result *r,
                      const out_style *style)
{
    if (put_heading(out, r, style->color) < 0 || fputc('\n', out) == EOF ||
        put_indicators(out, fw, r, style) < 0 || fputc('\n', out) == EOF ||
        put_groups(out, fw, r, style->lang) < 0 || put_totals(out, fw, r, style->color) < 0)
        return -1;
    return 0;
}

/* Order of results for the ranking: by target year, then rank, then input
 * order (so equal ranks keep the order the data came in). */
typedef struct ranked {
    const dii_result *r;
    size_t input;
} ranked;

static int by_year_then_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int ya = dii_result_target_year(x->r), yb = dii_result_target_year(y->r);
    if (ya != yb)
        return ya < yb ? -1 : 1;
    int ra = dii_result_rank(x->r), rb = dii_result_rank(y->r);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return x->input < y->input ? -1 : x->input > y->input;
}

static int put_ranking_row(FILE *out, const dii_framework *fw, const dii_result *r)
{
    char x[NUMBER_TEXT_MAX], p[NUMBER_TEXT_MAX];
    format_fixed(dii_result_index(r), dii_framework_rank_decimals(fw), x, sizeof x);
    format_fixed(dii_result_points(r), POINT_DECIMALS, p, sizeof p);
    const char *name = dii_result_unit_name(r) ? dii_result_unit_name(r) : dii_result_unit_id(r);
    if (fprintf(out, "%4d  ", dii_result_rank(r)) < 0 || put_padded(out, name, 40, 0) < 0)
        return -1;
    return fprintf(out, "  %-8s  %s  %10s\n", dii_result_unit_id(r), x, p) < 0 ? -1 : 0;
}

/* With several units the question "what rank?" deserves one list: every
 * cohort (target year) from first to last. */
static int put_ranking(FILE *out, const dii_framework *fw, const dii_results *res, int color)
{
    size_t n = dii_results_count(res);
    ranked *order = calloc(n, sizeof *order);
    if (!order)
        return -1;
    for (size_t i = 0; i < n; i++)
        order[i] = (ranked){dii_results_get(res, i), i};
    qsort(order, n, sizeof *order, by_year_then_rank);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int year = dii_result_target_year(order[i].r);
        if ((i == 0 || year != dii_result_target_year(order[i - 1].r)) &&
            fprintf(out, "\n%sRanking, targets %d%s\nRank  %-40s  %-8s  Index   %10s\n",
                    color ? ANSI_BOLD : "", year, color ? ANSI_RESET : "", "Unit", "Id",
                    "Points") < 0)
            rc = -1;
        if (rc == 0)
            rc = put_ranking_row(out, fw, order[i].r);
    }
    free(order);
    return rc;
}

int write_results_table(FILE *out, const dii_framework *fw, const dii_results *res,
                        const out_style *style)
{
    static const out_style plain = {0, NULL};
    if (style == NULL)
        style = &plain;
    size_t n = dii_results_count(res);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && fputc('\n', out) == EOF)
            return -1;
        if (put_result(out, fw, dii_results_get(res, i), style) < 0)
            return -1;
    }
    if (n > 1 && put_ranking(out, fw, res, style->color) < 0)
        return -1;
    return flush_status(out);
}
