/* `dii show FRAMEWORK --format table`: what a framework asks, for a person
 * at a terminal.
 *
 * A header (id, version, title, source, status, missing policy, maximum),
 * then per group a table of its indicators: Code, Indicator, Unit,
 * Direction, Points, Method, Baseline. The targets, which can be many
 * ("2023: >= 72; 2024: >= 76; ..."), go on an indented line under their
 * indicator rather than in a column, so that the table still fits in
 * LINE_MAX_COLUMNS; names are cut with "…" for the same reason (the
 * Markdown and JSON formats carry them in full). Header values are wrapped
 * at word boundaries instead, since a cut title or source would lose
 * information nothing else on screen repeats. */
#include <string.h>

#include "cli.h"

enum {
    LINE_MAX_COLUMNS = 120,
    GAP = 2,
    LABEL_COLUMNS = 16, /* "Missing values: " */
    MIN_NAME_COLUMNS = 16,
    MAX_CODE_COLUMNS = 8,
    DETAIL_INDENT = 8
};

#define ANSI_BOLD "\033[1m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

static int put_spaces(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fputc(' ', out) == EOF)
            return -1;
    return 0;
}

/* ---- header -------------------------------------------------------------- */

/* Writes s from column `indent` on, wrapped at spaces so that no line is
 * wider than LINE_MAX_COLUMNS; continuation lines are indented too. */
static int put_wrapped(FILE *out, const char *s, size_t indent)
{
    const char *next;
    for (int first = 1; first || *s != '\0'; first = 0, s = next) {
        size_t n = wrap_line(s, LINE_MAX_COLUMNS - indent, &next);
        if ((!first && put_spaces(out, indent) < 0) || fwrite(s, 1, n, out) != n ||
            put_str(out, "\n") < 0)
            return -1;
    }
    return 0;
}

/* "Label:          value", the value wrapped under itself. */
static int put_field(FILE *out, const char *label, const char *value)
{
    if (value == NULL)
        return 0;
    if (put_str(out, label) < 0 || put_spaces(out, LABEL_COLUMNS - text_width(label)) < 0)
        return -1;
    return put_wrapped(out, value, LABEL_COLUMNS);
}

/* The warning a provisional framework must carry wherever it is shown. */
static int put_provisional_warning(FILE *out, int color)
{
    if (color && put_str(out, ANSI_BOLD ANSI_YELLOW) < 0)
        return -1;
    if (put_str(out, "Warning: ") < 0 || put_wrapped(out, PROVISIONAL_FRAMEWORK_WARNING, 9) < 0)
        return -1;
    return color ? put_str(out, ANSI_RESET) : 0;
}

static int put_header(FILE *out, const dii_framework *fw, const out_style *style)
{
    char max[NUMBER_TEXT_MAX];
    format_number(dii_framework_max_points(fw), max, sizeof max);
    if (fprintf(out, "%s%s%s", style->color ? ANSI_BOLD : "", dii_framework_id(fw),
                style->color ? ANSI_RESET : "") < 0 ||
        (dii_framework_version(fw) != NULL &&
         fprintf(out, " (version %s)", dii_framework_version(fw)) < 0) ||
        put_str(out, "\n") < 0)
        return -1;
    if (put_field(out, "Title:", dii_framework_title(fw, style->lang)) < 0 ||
        put_field(out, "Source:", dii_framework_source(fw)) < 0 ||
        put_field(out, "Status:", dii_framework_status_name(dii_framework_status_of(fw))) < 0 ||
        put_field(out, "Missing values:",
                  missing_policy_text(dii_framework_missing_policy(fw))) < 0 ||
        put_field(out, "Max points:", max) < 0)
        return -1;
    if (dii_framework_status_of(fw) == DII_FRAMEWORK_PROVISIONAL &&
        put_provisional_warning(out, style->color) < 0)
        return -1;
    return 0;
}

/* ---- indicator tables ---------------------------------------------------- */

typedef struct show_row {
    char code[64];
    const char *name, *unit, *direction, *method;
    char points[NUMBER_TEXT_MAX];
    char baseline[NUMBER_TEXT_MAX + 16];
} show_row;

typedef struct show_widths {
    size_t code, name, unit, direction, points, method, baseline;
} show_widths;

static void fill_row(const dii_indicator *ind, const char *lang, show_row *r)
{
    const char *code = dii_indicator_code(ind);
    snprintf(r->code, sizeof r->code, "%s", code ? code : "");
    r->name = indicator_label(ind, lang);
    r->unit = dii_unit_name(dii_indicator_unit(ind));
    r->direction = dii_direction_name(dii_indicator_direction(ind));
    r->method = dii_method_name(dii_indicator_method(ind));
    format_number(dii_indicator_points(ind), r->points, sizeof r->points);
    baseline_text(ind, lang, r->baseline, sizeof r->baseline);
}

static void widen(show_widths *w, const show_row *r)
{
    w->code = max_size(w->code, text_width(r->code));
    w->name = max_size(w->name, text_width(r->name));
    w->unit = max_size(w->unit, text_width(r->unit));
    w->direction = max_size(w->direction, text_width(r->direction));
    w->points = max_size(w->points, text_width(r->points));
    w->method = max_size(w->method, text_width(r->method));
    w->baseline = max_size(w->baseline, text_width(r->baseline));
}

/* One set of widths for every group, so that all the tables line up. */
static show_widths measure(const dii_framework *fw, const char *lang)
{
    show_widths w = {4, 9, 4, 9, 6, 6, 8}; /* the headings' widths */
    size_t n = dii_framework_indicator_count(fw);
    for (size_t i = 0; i < n; i++) {
        show_row r;
        fill_row(dii_framework_indicator(fw, i), lang, &r);
        widen(&w, &r);
    }
    if (w.code > MAX_CODE_COLUMNS)
        w.code = MAX_CODE_COLUMNS;
    size_t others = w.code + w.unit + w.direction + w.points + w.method + w.baseline + 6 * GAP;
    size_t room = others < LINE_MAX_COLUMNS ? LINE_MAX_COLUMNS - others : 0;
    if (room < MIN_NAME_COLUMNS)
        room = MIN_NAME_COLUMNS;
    if (w.name > room)
        w.name = room;
    return w;
}

/* One cell and the gap after it. */
static int put_cell(FILE *out, const char *s, size_t width, int right)
{
    return put_padded(out, s, width, right) < 0 || put_spaces(out, GAP) < 0 ? -1 : 0;
}

/* The next line of a wrapped name as its own string (put_padded needs one). */
static const char *name_line(const char *s, size_t width, const char **next, char *buf,
                             size_t size)
{
    size_t n = wrap_line(s, width, next);
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* A row; the name is wrapped within its column, its further lines under
 * it, so that a long Vietnamese name is shown whole. The last column is not
 * padded: no trailing spaces. */
static int put_row(FILE *out, const show_row *r, const show_widths *w)
{
    char line[2048];
    const char *next;
    name_line(r->name, w->name, &next, line, sizeof line);
    if (put_cell(out, r->code, w->code, 0) < 0 || put_cell(out, line, w->name, 0) < 0 ||
        put_cell(out, r->unit, w->unit, 0) < 0 || put_cell(out, r->direction, w->direction, 0) < 0 ||
        put_cell(out, r->points, w->points, 1) < 0 || put_cell(out, r->method, w->method, 0) < 0 ||
        put_str(out, r->baseline) < 0 || put_str(out, "\n") < 0)
        return -1;
    while (*next != '\0') {
        name_line(next, w->name, &next, line, sizeof line);
        if (put_spaces(out, w->code + GAP) < 0 || put_str(out, line) < 0 || put_str(out, "\n") < 0)
            return -1;
    }
    return 0;
}

static int put_rule(FILE *out, size_t n, int last)
{
    for (size_t i = 0; i < n; i++)
        if (fputc('-', out) == EOF)
            return -1;
    return last ? put_str(out, "\n") : put_spaces(out, GAP);
}

static int put_table_header(FILE *out, const show_widths *w)
{
    show_row h = {"Code", "Indicator", "Unit", "Direction", "Method", "Points", "Baseline"};
    if (put_row(out, &h, w) < 0)
        return -1;
    return put_rule(out, w->code, 0) < 0 || put_rule(out, w->name, 0) < 0 ||
                   put_rule(out, w->unit, 0) < 0 || put_rule(out, w->direction, 0) < 0 ||
                   put_rule(out, w->points, 0) < 0 || put_rule(out, w->method, 0) < 0 ||
                   put_rule(out, w->baseline, 1) < 0
               ? -1
               : 0;
}

/* The lines under an indicator: its targets, its method's parameters, and
 * the provisional mark. */
static int put_details(FILE *out, const dii_indicator *ind, const char *lang)
{
    if (dii_indicator_target_count(ind) > 0 &&
        (put_spaces(out, DETAIL_INDENT) < 0 || put_str(out, "targets: ") < 0 ||
         put_target_list(out, ind, lang) < 0 || put_str(out, "\n") < 0))
        return -1;
    if (has_method_details(ind) && (put_spaces(out, DETAIL_INDENT) < 0 ||
                                    put_method_details(out, ind) < 0 || put_str(out, "\n") < 0))
        return -1;
    if (dii_indicator_provisional(ind) &&
        (put_spaces(out, DETAIL_INDENT) < 0 ||
         put_str(out, "(provisional: inferred, not taken from an official source)\n") < 0))
        return -1;
    return 0;
}

/* "Group I — Mạng viễn thông băng rộng (16 points)" */
static int put_group_heading(FILE *out, const dii_group *g, const out_style *style)
{
    char max[NUMBER_TEXT_MAX];
    format_number(dii_group_max_points(g), max, sizeof max);
    const char *name = dii_group_name(g, style->lang);
    return fprintf(out, "\n%sGroup %s%s%s (%s point%s)%s\n", style->color ? ANSI_BOLD : "",
                   dii_group_id(g), name ? " \xE2\x80\x94 " : "", name ? name : "", max,
                   dii_group_max_points(g) == 1 ? "" : "s", style->color ? ANSI_RESET : "") < 0
               ? -1
               : 0;
}

static int put_group(FILE *out, const dii_framework *fw, const dii_group *g,
                     const show_widths *w, const out_style *style)
{
    if (put_group_heading(out, g, style) < 0 || put_table_header(out, w) < 0)
        return -1;
    size_t n = dii_framework_indicator_count(fw);
    for (size_t i = 0; i < n; i++) {
        const dii_indicator *ind = dii_framework_indicator(fw, i);
        if (strcmp(dii_indicator_group(ind), dii_group_id(g)) != 0)
            continue;
        show_row r;
        fill_row(ind, style->lang, &r);
        if (put_row(out, &r, w) < 0 || put_details(out, ind, style->lang) < 0)
            return -1;
    }
    return 0;
}

int write_framework_table(FILE *out, const dii_framework *fw, const out_style *style)
{
    static const out_style plain = {0, NULL};
    if (style == NULL)
        style = &plain;
    if (put_header(out, fw, style) < 0)
        return -1;
    show_widths w = measure(fw, style->lang);
    size_t n = dii_framework_group_count(fw);
    for (size_t i = 0; i < n; i++)
        if (put_group(out, fw, dii_framework_group(fw, i), &w, style) < 0)
            return -1;
    return flush_status(out);
}
