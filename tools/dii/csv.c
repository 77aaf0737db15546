/* The CSV cells of `dii track --format csv` and `dii compare --format csv`
 * (`dii score --format csv` is the library's dii_results_write_csv, whose
 * rules these follow).
 *
 * RFC 4180: CRLF line ends, a field is quoted when it holds a comma, a
 * quote, CR or LF, and quotes inside are doubled. Numbers are at full
 * precision (format_number, '.' decimal mark whatever the locale); an
 * absent value is an empty cell, never 0.
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

int csv_put_row(FILE *out, const char *const *field, const unsigned char *text, size_t n)
{
    for (size_t c = 0; c < n; c++)
        if (csv_put_field(out, field[c], c == 0, text[c]) < 0)
            return -1;
    return csv_end_row(out);
}
