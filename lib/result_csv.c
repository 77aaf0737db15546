/* dii_results_to_csv / dii_results_write_csv: the results as CSV, one row
 * per unit x indicator, for spreadsheets and data tools (what `dii score
 * --format csv` prints). One serialiser: the in-memory form is the
 * streamed one written into a growing buffer.
 *
 * RFC 4180: CRLF line ends, a field is quoted when it holds a comma, a
 * quote, CR or LF, and quotes inside are doubled. Numbers are written by
 * dii_format_double, the JSON writer's form (strbuf.h), so that the CSV
 * says exactly what the JSON says in the same characters; an absent value
 * is an empty cell, never 0; names of statuses, ops and bases are the JSON
 * format's, so a script can treat both outputs alike.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with '=', '+', '-' or '@' (or tab or CR, which some strip first) as
 * a formula, and unit names and ids come from whoever wrote the data. Such a
 * text cell is written with a ' in front, quoted; a spreadsheet shows it
 * as text. Only the columns of text taken from the data or the framework
 * are escaped: numbers (a gap of -4.6) and the fixed names of the format
 * ("==", "met", "true") are left as they are, so scripts read them as in
 * the JSON. */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "result.h"
#include "strbuf.h"

/* Column positions; columns[] below names them in the same order. */
enum column {
    COL_UNIT_ID, COL_UNIT_NAME, COL_YEAR, COL_TARGET_YEAR, COL_GROUP, COL_CODE, COL_INDICATOR,
    COL_VALUE, COL_TARGET_OP, COL_TARGET_VALUE, COL_TARGET_BASIS, COL_STATUS, COL_ATTAINMENT,
    COL_POINTS, COL_MAX_POINTS, COL_GAP, COL_PROGRESS, COL_PROVISIONAL, COL_INDEX, COL_RANK,
    COLUMNS
};

/* The one list of the columns (the header row; dii_results_csv_column). */
static const char *const columns[COLUMNS] = {
    "unit_id", "unit_name", "year", "target_year", "group", "code", "indicator",
    "value", "target_op", "target_value", "target_basis", "status", "attainment",
    "points", "max_points", "gap", "progress", "provisional", "index", "rank",
};

/* The columns of free text from the data or the framework: the ones a
 * formula could be smuggled into. */
static const unsigned char free_text[COLUMNS] = {
    [COL_UNIT_ID] = 1, [COL_UNIT_NAME] = 1, [COL_GROUP] = 1, [COL_CODE] = 1, [COL_INDICATOR] = 1,
};

/* Every flag this library knows; any other bit is refused, so that a
 * program written for a later library fails loudly here. */
#define KNOWN_FLAGS ((unsigned)DII_RESULTS_CSV_NO_HEADER)

DII_API const char *dii_results_csv_column(size_t i)
{
    return i < COLUMNS ? columns[i] : NULL;
}

static int needs_quotes(const char *s)
{
    return strpbrk(s, ",\"\r\n") != NULL;
}

/* Whether a spreadsheet would take the text cell s for a formula. */
static int looks_like_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Field c of a row (NULL: an empty cell), its separator first. */
static void put_field(strbuf *sb, const char *s, size_t c)
{
    if (c > 0)
        sb_putc(sb, ',');
    if (s == NULL)
        return;
    int escape = free_text[c] && looks_like_formula(s);
    if (!escape && !needs_quotes(s)) {
        sb_puts(sb, s);
        return;
    }
    sb_putc(sb, '"');
    if (escape)
        sb_putc(sb, '\'');
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        sb_append(sb, s, (size_t)(q - s) + 1); /* up to and with the quote */
        sb_putc(sb, '"');                     /* which is doubled */
    }
    sb_puts(sb, s);
    sb_putc(sb, '"');
}

static void put_row(strbuf *sb, const char *const *field)
{
    for (size_t c = 0; c < COLUMNS; c++)
        put_field(sb, field[c], c);
    sb_append(sb, "\r\n", 2);
}

/* The texts of one row; NULL fields are empty cells. The buffers live in
 * the struct so that the row can be filled first and written in one go. */
typedef struct csv_row {
    const char *field[COLUMNS];
    char year[16], target_year[16], rank[16];
    char value[DII_DOUBLE_TEXT_MAX], target_value[DII_DOUBLE_TEXT_MAX];
    char attainment[DII_DOUBLE_TEXT_MAX], points[DII_DOUBLE_TEXT_MAX];
    char max_points[DII_DOUBLE_TEXT_MAX], gap[DII_DOUBLE_TEXT_MAX];
    char progress[DII_DOUBLE_TEXT_MAX], index[DII_DOUBLE_TEXT_MAX];
} csv_row;

static const char *number(double v, char buf[DII_DOUBLE_TEXT_MAX])
{
    dii_format_double(v, buf);
    return buf;
}

/* buf holding v's text when has, else NULL (an empty cell). */
static const char *optional_number(int has, double v, char buf[DII_DOUBLE_TEXT_MAX])
{
    return has ? number(v, buf) : NULL;
}

/* A value or target value: true / false for a yes/no indicator, as in the
 * JSON. */
static const char *indicator_value(const dii_indicator_info *info, double v,
                                   char buf[DII_DOUBLE_TEXT_MAX])
{
    if (info->is_boolean)
        return v != 0 ? "true" : "false";
    return number(v, buf);
}

static void fill_unit(csv_row *row, const struct dii_result *r)
{
    row->field[COL_UNIT_ID] = r->unit_id;
    row->field[COL_UNIT_NAME] = r->unit_name;
    snprintf(row->year, sizeof row->year, "%d", r->year);
    row->field[COL_YEAR] = row->year;
    snprintf(row->target_year, sizeof row->target_year, "%d", r->target_year);
    row->field[COL_TARGET_YEAR] = row->target_year;
    row->field[COL_INDEX] = number(r->index, row->index);
    snprintf(row->rank, sizeof row->rank, "%d", r->rank);
    row->field[COL_RANK] = row->rank;
}

static void fill_target(csv_row *row, const dii_indicator_info *info,
                        const dii_indicator_result *ir)
{
    int has = ir->has_target;
    row->field[COL_TARGET_OP] = has ? dii_op_symbol((dii_op)ir->target_op) : NULL;
    row->field[COL_TARGET_VALUE] = has ? indicator_value(info, ir->target_value,
                                                         row->target_value)
                                       : NULL;
    row->field[COL_TARGET_BASIS] =
        has ? dii_target_basis_name((dii_target_basis)ir->target_basis) : NULL;
}

static void fill_indicator(csv_row *row, const dii_indicator_info *info,
                           const dii_indicator_result *ir)
{
    row->field[COL_GROUP] = info->group_id;
    row->field[COL_CODE] = info->code;
    row->field[COL_INDICATOR] = info->id;
    row->field[COL_VALUE] = ir->has_value ? indicator_value(info, ir->value, row->value) : NULL;
    fill_target(row, info, ir);
    row->field[COL_STATUS] = dii_compliance_name((dii_compliance)ir->status);
    row->field[COL_ATTAINMENT] = number(ir->attainment, row->attainment);
    row->field[COL_POINTS] = number(ir->points, row->points);
    row->field[COL_MAX_POINTS] = number(ir->max_points, row->max_points);
    row->field[COL_GAP] = optional_number(ir->has_gap, ir->gap, row->gap);
    row->field[COL_PROGRESS] = optional_number(ir->has_progress, ir->progress, row->progress);
    row->field[COL_PROVISIONAL] = info->provisional ? "true" : "false";
}

static void put_result(strbuf *sb, const struct dii_result *r)
{
    csv_row row;
    memset(&row, 0, sizeof row);
    fill_unit(&row, r);
    for (size_t k = 0; r->indicators && k < r->indicator_count; k++) {
        fill_indicator(&row, &r->info[k], &r->indicators[k]);
        put_row(sb, row.field);
    }
}

static void put_document(strbuf *sb, const struct dii_results *results, unsigned flags)
{
    if (!(flags & DII_RESULTS_CSV_NO_HEADER))
        put_row(sb, columns);
    for (size_t i = 0; results->items && i < results->count; i++)
        put_result(sb, &results->items[i]);
}

DII_API dii_status dii_results_write_csv(const dii_results *results, unsigned flags,
                                         dii_write_fn write, void *ctx)
{
    if (!results || !write)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_results_write_csv: results and write must not be NULL");
    if (flags & ~KNOWN_FLAGS)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_results_write_csv: unknown flags 0x%x",
                        flags & ~KNOWN_FLAGS);
    strbuf sb;
    sb_init_sink(&sb, write, ctx);
    put_document(&sb, results, flags);
    return sb_finish_stream(&sb, "dii_results_write_csv");
}

DII_API dii_status dii_results_to_csv(const dii_results *results, unsigned flags, char **csv,
                                      size_t *len)
{
    if (csv)
        *csv = NULL;
    if (len)
        *len = 0;
    if (!results || !csv)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_results_to_csv: results and csv must not be NULL");
    if (flags & ~KNOWN_FLAGS)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_results_to_csv: unknown flags 0x%x",
                        flags & ~KNOWN_FLAGS);
    strbuf sb;
    sb_init(&sb);
    put_document(&sb, results, flags);
    return sb_finish(&sb, csv, len);
}
