/* `dii score --format csv`: one row per unit x indicator, for spreadsheets
 * and data tools.
 *
 * RFC 4180: CRLF line ends, a field is quoted when it holds a comma, a
 * quote, CR or LF, and quotes inside are doubled. Numbers are at full
 * precision (format_number, '.' decimal mark whatever the locale) so that
 * the CSV says exactly what the JSON says; an absent value is an empty cell,
 * never 0; names of statuses, ops and bases are the JSON format's, so a
 * script can treat both outputs alike.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with '=', '+', '-' or '@' (or tab or CR, which some strip first) as
 * a formula, and unit names and ids come from whoever wrote the data. Such a
 * text cell is written with a ' in front, quoted; a spreadsheet shows it
 * as text. Only the columns of text taken from the data or the framework
 * are escaped: numbers (a gap of -4.6) and the fixed names of the format
 * ("==", "met", "true") are left as they are, so scripts read them as in
 * the JSON. */
#include <math.h>
#include <string.h>

#include "cli.h"

/* Column positions; header[] below names them in the same order. */
enum column {
    COL_UNIT_ID, COL_UNIT_NAME, COL_YEAR, COL_TARGET_YEAR, COL_GROUP, COL_CODE, COL_INDICATOR,
    COL_VALUE, COL_TARGET_OP, COL_TARGET_VALUE, COL_TARGET_BASIS, COL_STATUS, COL_ATTAINMENT,
    COL_POINTS, COL_MAX_POINTS, COL_GAP, COL_PROGRESS, COL_PROVISIONAL, COL_INDEX, COL_RANK,
    COLUMNS
};

static const char *const header[COLUMNS] = {
    "unit_id", "unit_name", "year", "target_year", "group", "code", "indicator",
    "value", "target_op", "target_value", "target_basis", "status", "attainment",
    "points", "max_points", "gap", "progress", "provisional", "index", "rank",
};

/* The columns of free text from the data or the framework: the ones a
 * formula could be smuggled into. */
static const unsigned char free_text[COLUMNS] = {
    [COL_UNIT_ID] = 1, [COL_UNIT_NAME] = 1, [COL_GROUP] = 1, [COL_CODE] = 1, [COL_INDICATOR] = 1,
};

static int needs_quotes(const char *s)
{
    return strpbrk(s, ",\"\r\n") != NULL;
}

/* Whether a spreadsheet would take the text cell s for a formula. */
static int looks_like_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int csv_put_field(FILE *out, const char *s, int first, int text)
{
    if (!first && fputc(',', out) == EOF)
        return -1;
    int escape = s != NULL && text && looks_like_formula(s);
    if (s == NULL || (!escape && !needs_quotes(s)))
        return s == NULL || fputs(s, out) != EOF ? 0 : -1;
    if (fputc('"', out) == EOF || (escape && fputc('\'', out) == EOF))
        return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', out) == EOF)
            return -1;
        if (fputc(*s, out) == EOF)
            return -1;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}

int csv_end_row(FILE *out)
{
    return fputs("\r\n", out) == EOF ? -1 : 0;
}

/* The texts of one row; NULL fields are empty cells. The buffers live in
 * the struct so that the row can be filled first and written in one go. */
typedef struct csv_row {
    const char *field[COLUMNS];
    char year[16], target_year[16], value[NUMBER_TEXT_MAX], target_value[NUMBER_TEXT_MAX];
    char attainment[NUMBER_TEXT_MAX], points[NUMBER_TEXT_MAX], max_points[NUMBER_TEXT_MAX];
    char gap[NUMBER_TEXT_MAX], progress[NUMBER_TEXT_MAX], index[NUMBER_TEXT_MAX], rank[16];
} csv_row;

void csv_value(const dii_indicator *ind, double v, char *buf, size_t size)
{
    if (dii_indicator_unit(ind) == DII_UNIT_BOOLEAN)
        snprintf(buf, size, "%s", v != 0 ? "true" : "false");
    else
        format_number(v, buf, size);
}

/* A year, or an empty cell for 0 (none). */
const char *csv_year_cell(int year, char *buf, size_t size)
{
    if (year == 0)
        return NULL;
    snprintf(buf, size, "%d", year);
    return buf;
}

/* A number, or an empty cell for NaN (absent). */
const char *csv_number_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    format_number(v, buf, size);
    return buf;
}

/* A value of the indicator (true/false for yes/no), or empty for NaN. */
const char *csv_value_cell(const dii_indicator *ind, double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    csv_value(ind, v, buf, size);
    return buf;
}

/* buf holding v's text when has, else NULL (an empty cell). */
static const char *optional_number(int has, double v, char *buf, size_t size)
{
    if (!has)
        return NULL;
    format_number(v, buf, size);
    return buf;
}

static void fill_unit(csv_row *row, const dii_result *r)
{
    row->field[COL_UNIT_ID] = dii_result_unit_id(r);
    row->field[COL_UNIT_NAME] = dii_result_unit_name(r);
    snprintf(row->year, sizeof row->year, "%d", dii_result_year(r));
    row->field[COL_YEAR] = row->year;
    snprintf(row->target_year, sizeof row->target_year, "%d", dii_result_target_year(r));
    row->field[COL_TARGET_YEAR] = row->target_year;
    format_number(dii_result_index(r), row->index, sizeof row->index);
    row->field[COL_INDEX] = row->index;
    snprintf(row->rank, sizeof row->rank, "%d", dii_result_rank(r));
    row->field[COL_RANK] = row->rank;
}

static void fill_target(csv_row *row, const dii_result *r, size_t k, const dii_indicator *ind)
{
    dii_op op = DII_OP_GE;
    double v = 0;
    dii_target_basis basis = DII_BASIS_EXACT;
    row->field[COL_TARGET_OP] = NULL;
    row->field[COL_TARGET_VALUE] = NULL;
    row->field[COL_TARGET_BASIS] = NULL;
    if (!dii_result_indicator_target(r, k, NULL, &op, &v, &basis))
        return;
    row->field[COL_TARGET_OP] = dii_op_symbol(op);
    csv_value(ind, v, row->target_value, sizeof row->target_value);
    row->field[COL_TARGET_VALUE] = row->target_value;
    row->field[COL_TARGET_BASIS] = dii_target_basis_name(basis);
}

static void fill_indicator(csv_row *row, const dii_result *r, size_t k, const dii_indicator *ind)
{
    double v = 0;
    row->field[COL_GROUP] = dii_indicator_group(ind);
    row->field[COL_CODE] = dii_indicator_code(ind);
    row->field[COL_INDICATOR] = dii_indicator_id(ind);
    row->field[COL_VALUE] = NULL;
    if (dii_result_indicator_value(r, k, &v)) {
        csv_value(ind, v, row->value, sizeof row->value);
        row->field[COL_VALUE] = row->value;
    }
    fill_target(row, r, k, ind);
    row->field[COL_STATUS] = dii_compliance_name(dii_result_indicator_status(r, k));
    format_number(dii_result_indicator_attainment(r, k), row->attainment, sizeof row->attainment);
    row->field[COL_ATTAINMENT] = row->attainment;
    format_number(dii_result_indicator_points(r, k), row->points, sizeof row->points);
    row->field[COL_POINTS] = row->points;
    format_number(dii_result_indicator_max_points(r, k), row->max_points, sizeof row->max_points);
    row->field[COL_MAX_POINTS] = row->max_points;
    int has = dii_result_indicator_gap(r, k, &v);
    row->field[COL_GAP] = optional_number(has, v, row->gap, sizeof row->gap);
    has = dii_result_indicator_progress(r, k, &v);
    row->field[COL_PROGRESS] = optional_number(has, v, row->progress, sizeof row->progress);
    row->field[COL_PROVISIONAL] = dii_result_indicator_provisional(r, k) ? "true" : "false";
}

int csv_put_row(FILE *out, const char *const *field, const unsigned char *text, size_t n)
{
    for (size_t c = 0; c < n; c++)
        if (csv_put_field(out, field[c], c == 0, text[c]) < 0)
            return -1;
    return csv_end_row(out);
}

static int put_row(FILE *out, const char *const *field)
{
    return csv_put_row(out, field, free_text, COLUMNS);
}

static int put_result(FILE *out, const dii_framework *fw, const dii_result *r)
{
    csv_row row;
    memset(&row, 0, sizeof row);
    fill_unit(&row, r);
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k < n; k++) {
        const dii_indicator *ind = dii_framework_indicator(fw, k);
        if (ind == NULL)
            continue;
        fill_indicator(&row, r, k, ind);
        if (put_row(out, row.field) < 0)
            return -1;
    }
    return 0;
}

int write_results_csv(FILE *out, const dii_framework *fw, const dii_results *res)
{
    if (put_row(out, header) < 0)
        return -1;
    size_t n = dii_results_count(res);
    for (size_t i = 0; i < n; i++)
        if (put_result(out, fw, dii_results_get(res, i)) < 0)
            return -1;
    return flush_status(out);
}
