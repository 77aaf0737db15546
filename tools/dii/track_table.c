/* `dii track --format table`: tracking for a person at a terminal.
 *
 * Per unit: a heading (unit, years observed), the index of every observed
 * year with its rank, then per milestone one row per indicator (code,
 * name, latest value, target, status, pace ratio, projection, expected
 * year) and the projected index "if the pace holds". The columns have the
 * same widths in every milestone of a unit, aligned by display width
 * (Vietnamese names); the name gets what is left of LINE_MAX_COLUMNS and
 * is cut with "…". Status is a symbol and a word, coloured on a terminal
 * only (the symbol reads without colour). */
#include <string.h>

#include "cli.h"

enum {
    LINE_MAX_COLUMNS = 120,
    GAP = 2,
    MIN_NAME_COLUMNS = 16,
    MAX_CODE_COLUMNS = 8,
    MAX_FORMER_UNITS = 16 /* listed in the heading; more are "…" */
};

typedef struct widths {
    size_t code, name, latest, target, status, ratio, projection, expected;
} widths;

static void widen(widths *w, const track_row *r)
{
    w->code = max_size(w->code, text_width(r->code));
    w->name = max_size(w->name, text_width(r->name));
    w->latest = max_size(w->latest, text_width(r->latest));
    w->target = max_size(w->target, text_width(r->target));
    w->status = max_size(w->status, text_width(r->status_text));
    w->ratio = max_size(w->ratio, text_width(r->ratio));
    w->projection = max_size(w->projection, text_width(r->projection));
    w->expected = max_size(w->expected, text_width(r->expected));
}

static const char *const HEADINGS[] = {"Code",  "Indicator",  "Latest",  "Target",
                                       "Status", "Ratio", "Projection", "Expected"};

/* Widths over every milestone of unit u: each column as wide as its widest
 * cell, the name what is left of the line. */
static widths measure(const dii_framework *fw, const dii_tracking *tr, size_t u,
                      const char *lang)
{
    widths w = {4, 9, 6, 6, 6, 5, 10, 8}; /* the headings */
    size_t nk = dii_tracking_indicator_count(tr), nm = dii_tracking_unit_milestone_count(tr, u);
    for (size_t m = 0; m < nm; m++)
        for (size_t k = 0; k < nk; k++) {
            track_row r;
            track_row_fill(tr, fw, u, k, m, lang, &r);
            widen(&w, &r);
        }
    if (w.code > MAX_CODE_COLUMNS)
        w.code = MAX_CODE_COLUMNS;
    size_t others = w.code + w.latest + w.target + w.status + w.ratio + w.projection +
                    w.expected + 7 * GAP;
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

static int put_cell(FILE *out, const char *s, size_t width, int right)
{
    return put_padded(out, s, width, right) < 0 || put_gap(out) < 0 ? -1 : 0;
}

static const char *status_color(dii_track_status s)
{
    switch (s) {
    case DII_TRACK_ACHIEVED:
    case DII_TRACK_ON_TRACK:
        return ANSI_GREEN;
    case DII_TRACK_ACCELERATION_NEEDED:
    case DII_TRACK_LIMITED_PROGRESS:
        return ANSI_YELLOW;
    case DII_TRACK_DETERIORATING:
    case DII_TRACK_NOT_ACHIEVED:
        return ANSI_RED;
    case DII_TRACK_INSUFFICIENT_DATA:
    case DII_TRACK_NO_TARGET:
        break;
    }
    return NULL;
}

/* The status cell: escape codes around the padded text, so that they take
 * no part in the alignment. */
static int put_status(FILE *out, const track_row *r, size_t width, int color)
{
    const char *c = color ? status_color(r->status) : NULL;
    if ((c != NULL && fputs(c, out) == EOF) || put_padded(out, r->status_text, width, 0) < 0 ||
        (c != NULL && fputs(ANSI_RESET, out) == EOF))
        return -1;
    return put_gap(out);
}

static int put_row(FILE *out, const track_row *r, const widths *w, int color)
{
    if (put_cell(out, r->code, w->code, 0) < 0 || put_cell(out, r->name, w->name, 0) < 0 ||
        put_cell(out, r->latest, w->latest, 1) < 0 || put_cell(out, r->target, w->target, 0) < 0 ||
        put_status(out, r, w->status, color) < 0 || put_cell(out, r->ratio, w->ratio, 1) < 0 ||
        put_cell(out, r->projection, w->projection, 1) < 0 ||
        put_padded(out, r->expected, w->expected, 1) < 0)
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
    const size_t width[] = {w->code,  w->name,  w->latest,     w->target,
                            w->status, w->ratio, w->projection, w->expected};
    static const int right[] = {0, 0, 1, 0, 0, 1, 1, 1};
    size_t n = sizeof width / sizeof width[0];
    for (size_t i = 0; i < n; i++)
        if ((i + 1 < n ? put_cell(out, HEADINGS[i], width[i], right[i])
                       : put_padded(out, HEADINGS[i], width[i], right[i])) < 0)
            return -1;
    if (fputc('\n', out) == EOF)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_rule(out, width[i], i + 1 == n) < 0)
            return -1;
    return 0;
}

/* "Điện Biên (11) — data 2022 to 2024, linear pace", bold on a terminal. */
static int put_heading(FILE *out, const dii_tracking *tr, size_t u, int color)
{
    const char *name = dii_tracking_unit_name(tr, u), *id = dii_tracking_unit_id(tr, u);
    size_t n = dii_tracking_unit_year_count(tr, u);
    int first = n ? dii_result_year(dii_tracking_unit_year(tr, u, 0)) : 0;
    if (fprintf(out, "%s%s%s%s%s \xE2\x80\x94 data ", color ? ANSI_BOLD : "", name ? name : "",
                name ? " (" : "", id, name ? ")" : "") < 0)
        return -1;
    int rc = first == tracking_unit_latest_year(tr, u)
                 ? fprintf(out, "%d", first)
                 : fprintf(out, "%d to %d", first, tracking_unit_latest_year(tr, u));
    if (rc < 0)
        return -1;
    return fprintf(out, ", %s pace%s\n", dii_pace_method_name(dii_tracking_pace_method(tr)),
                   color ? ANSI_RESET : "") < 0
               ? -1
               : 0;
}

/* "Index by year: 2022 0.9503 (rank 1 of 1), 2023 …", wrapped to the line. */
static int put_trajectory(FILE *out, const dii_framework *fw, const dii_tracking *tr, size_t u)
{
    static const char lead[] = "Index by year:";
    size_t col = sizeof lead - 1, n = dii_tracking_unit_year_count(tr, u);
    if (fputs(lead, out) == EOF)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char item[NUMBER_TEXT_MAX + 64];
        trajectory_text(fw, dii_tracking_unit_year(tr, u, i), item, sizeof item);
        size_t need = 1 + strlen(item) + (i + 1 < n); /* " item," */
        if (col + need > LINE_MAX_COLUMNS && i > 0) {
            if (fputs("\n ", out) == EOF) /* under the lead, indented */
                return -1;
            col = 1;
        }
        if (fprintf(out, " %s%s", item, i + 1 < n ? "," : "") < 0)
            return -1;
        col += need;
    }
    return fputc('\n', out) == EOF ? -1 : 0;
}

/* "Merged by the crosswalk (effective 2025): 46 values from 01, 02". */
static int put_merged(FILE *out, const dii_tracking *tr, size_t u)
{
    size_t n = dii_tracking_unit_merged_count(tr, u);
    if (n == 0)
        return 0;
    const char *units[MAX_FORMER_UNITS];
    size_t nu = tracking_former_units(tr, u, units, MAX_FORMER_UNITS);
    if (fprintf(out, "Merged by the crosswalk (effective %d): %zu value%s from",
                dii_tracking_crosswalk_year(tr), n, n == 1 ? "" : "s") < 0)
        return -1;
    for (size_t i = 0; i < nu; i++)
        if (fprintf(out, "%s %s", i ? "," : "", units[i]) < 0)
            return -1;
    return fputs(nu == MAX_FORMER_UNITS ? ", \xE2\x80\xA6\n" : "\n", out) == EOF ? -1 : 0;
}

static int put_milestone(FILE *out, const dii_framework *fw, const dii_tracking *tr, size_t u,
                         size_t m, const widths *w, const out_style *style)
{
    if (fprintf(out, "\n%sMilestone %d%s\n", style->color ? ANSI_BOLD : "",
                dii_tracking_unit_milestone_year(tr, u, m), style->color ? ANSI_RESET : "") < 0 ||
        put_header(out, w) < 0)
        return -1;
    size_t nk = dii_tracking_indicator_count(tr);
    for (size_t k = 0; k < nk; k++) {
        track_row r;
        track_row_fill(tr, fw, u, k, m, style->lang, &r);
        if (put_row(out, &r, w, style->color) < 0)
            return -1;
    }
    char text[PROJECTED_TEXT_MAX];
    projected_text(fw, dii_tracking_unit_projected(tr, u, m), text, sizeof text);
    return fprintf(out, "If the pace holds: %s\n", text) < 0 ? -1 : 0;
}

static int put_unit(FILE *out, const dii_framework *fw, const dii_tracking *tr, size_t u,
                    const out_style *style)
{
    if (put_heading(out, tr, u, style->color) < 0 || put_trajectory(out, fw, tr, u) < 0 ||
        put_merged(out, tr, u) < 0)
        return -1;
    size_t nm = dii_tracking_unit_milestone_count(tr, u);
    if (nm == 0)
        return fputs("No milestone after the latest year: give one with --milestone Y.\n",
                     out) == EOF ? -1 : 0;
    widths w = measure(fw, tr, u, style->lang);
    for (size_t m = 0; m < nm; m++)
        if (put_milestone(out, fw, tr, u, m, &w, style) < 0)
            return -1;
    return 0;
}

int write_tracking_table(FILE *out, const dii_framework *fw, const dii_tracking *tr,
                         const out_style *style)
{
    static const out_style plain = {0, NULL};
    if (style == NULL)
        style = &plain;
    size_t n = dii_tracking_unit_count(tr);
    for (size_t u = 0; u < n; u++) {
        if (u > 0 && fputc('\n', out) == EOF)
            return -1;
        if (put_unit(out, fw, tr, u, style) < 0)
            return -1;
    }
    return flush_status(out);
}
