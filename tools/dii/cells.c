/* The words and numbers inside one cell of a results or framework table.
 *
 * The table, Markdown and framework writers all show values, targets and
 * statuses; keeping their text here means a terminal table and the
 * Markdown report of the same run can never disagree ("có" in one and
 * "true" in the other, 72 in one and 72.0 in the other). */
#include <string.h>

#include "cli.h"

static int is_vietnamese(const char *lang)
{
    return lang != NULL && strcmp(lang, "vi") == 0;
}

const char *yes_no_text(int yes, const char *lang)
{
    if (is_vietnamese(lang))
        return yes ? "c\xC3\xB3" : "kh\xC3\xB4ng"; /* "có" / "không" */
    return yes ? "yes" : "no";
}

const char *indicator_label(const dii_indicator *ind, const char *lang)
{
    const char *name = dii_indicator_name(ind, lang);
    return name != NULL && name[0] != '\0' ? name : dii_indicator_id(ind);
}

const char *group_label(const dii_framework *fw, const char *group_id, const char *lang)
{
    const dii_group *g = dii_framework_find_group(fw, group_id);
    const char *name = g != NULL ? dii_group_name(g, lang) : NULL;
    return name != NULL ? name : "";
}

const char *status_text(dii_compliance status)
{
    switch (status) {
    case DII_COMPLIANCE_MET:
        return "met";
    case DII_COMPLIANCE_NOT_MET:
        return "not met";
    case DII_COMPLIANCE_NO_TARGET:
        return "no target";
    case DII_COMPLIANCE_MISSING:
        break;
    }
    return "missing";
}

const char *compliance_color(dii_compliance status)
{
    switch (status) {
    case DII_COMPLIANCE_MET:
        return ANSI_GREEN;
    case DII_COMPLIANCE_NOT_MET:
        return ANSI_RED;
    case DII_COMPLIANCE_MISSING:
        return ANSI_YELLOW;
    case DII_COMPLIANCE_NO_TARGET:
        break;
    }
    return NULL;
}

void value_text(const dii_indicator *ind, double v, const char *lang, char *buf, size_t size)
{
    if (dii_indicator_unit(ind) == DII_UNIT_BOOLEAN)
        snprintf(buf, size, "%s", yes_no_text(v != 0, lang));
    else
        format_number(v, buf, size);
}

/* A number a person reads in a target: exact when the framework gave it,
 * at most four decimals when it was interpolated (73.3333, not
 * 73.3333333333333), trailing zeros dropped. */
static void target_number_text(double v, dii_target_basis basis, char *buf, size_t size)
{
    if (basis == DII_BASIS_INTERPOLATED)
        rounded_text(v, 4, buf, size);
    else
        format_number(v, buf, size);
}

void rounded_text(double v, int decimals, char *buf, size_t size)
{
    format_number(v, buf, size);
    const char *dot = strchr(buf, '.');
    if (dot == NULL || strchr(buf, 'e') != NULL || strlen(dot + 1) <= (size_t)decimals)
        return;
    format_fixed(v, decimals, buf, size);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
}

void comparison_text(const dii_indicator *ind, dii_op op, double v, dii_target_basis basis,
                     const char *lang, char *buf, size_t size)
{
    char num[NUMBER_TEXT_MAX];
    if (dii_indicator_unit(ind) == DII_UNIT_BOOLEAN)
        snprintf(num, sizeof num, "%s", yes_no_text(v != 0, lang));
    else
        target_number_text(v, basis, num, sizeof num);
    snprintf(buf, size, "%s %s", dii_op_symbol(op), num);
}

void target_text(const dii_result *r, size_t k, const dii_indicator *ind, const char *lang,
                 char *buf, size_t size)
{
    int year = 0;
    dii_op op = DII_OP_GE;
    double v = 0;
    dii_target_basis basis = DII_BASIS_EXACT;
    if (!dii_result_indicator_target(r, k, &year, &op, &v, &basis)) {
        snprintf(buf, size, "-");
        return;
    }
    char cmp[NUMBER_TEXT_MAX + 8];
    comparison_text(ind, op, v, basis, lang, cmp, sizeof cmp);
    /* A nearest target belongs to another year than the one asked for:
     * say which, or "72 (nearest)" would look like this year's target. */
    if (basis == DII_BASIS_NEAREST)
        snprintf(buf, size, "%s (nearest, %d)", cmp, year);
    else
        snprintf(buf, size, "%s (%s)", cmp, dii_target_basis_name(basis));
}

int put_target_list(FILE *out, const dii_indicator *ind, const char *lang)
{
    size_t n = dii_indicator_target_count(ind);
    for (size_t i = 0; i < n; i++) {
        int year = 0;
        dii_op op = DII_OP_GE;
        double v = 0;
        if (dii_indicator_target(ind, i, &year, &op, &v) != DII_OK)
            continue;
        char cmp[NUMBER_TEXT_MAX + 8];
        comparison_text(ind, op, v, DII_BASIS_EXACT, lang, cmp, sizeof cmp);
        if (fprintf(out, "%s%d: %s", i > 0 ? "; " : "", year, cmp) < 0)
            return -1;
    }
    return 0;
}

void baseline_text(const dii_indicator *ind, const char *lang, char *buf, size_t size)
{
    int year = 0;
    double v = 0;
    if (!dii_indicator_baseline(ind, &year, &v)) {
        snprintf(buf, size, "-");
        return;
    }
    char num[NUMBER_TEXT_MAX];
    value_text(ind, v, lang, num, sizeof num);
    snprintf(buf, size, "%d: %s", year, num);
}

/* Bands are listed best first; the comparison a value must pass to reach
 * one is "from or better", which depends on the direction. */
static int put_bands(FILE *out, const dii_indicator *ind)
{
    const char *op = dii_indicator_direction(ind) == DII_DIRECTION_LOWER ? "<=" : ">=";
    size_t n = dii_indicator_band_count(ind);
    if (fputs("bands: ", out) == EOF)
        return -1;
    for (size_t i = 0; i < n; i++) {
        double from = 0, score = 0;
        if (dii_indicator_band(ind, i, &from, &score) != DII_OK)
            continue;
        char f[NUMBER_TEXT_MAX], s[NUMBER_TEXT_MAX];
        format_number(from, f, sizeof f);
        format_number(score, s, sizeof s);
        if (fprintf(out, "%s%s %s scores %s", i > 0 ? "; " : "", op, f, s) < 0)
            return -1;
    }
    return 0;
}

int put_method_details(FILE *out, const dii_indicator *ind)
{
    double lo = 0, hi = 0;
    if (dii_indicator_method(ind) == DII_METHOD_BANDS)
        return put_bands(out, ind);
    if (dii_indicator_linear_range(ind, &lo, &hi) != DII_OK)
        return 0;
    char a[NUMBER_TEXT_MAX], b[NUMBER_TEXT_MAX];
    format_number(lo, a, sizeof a);
    format_number(hi, b, sizeof b);
    return fprintf(out, "goalposts: %s to %s", a, b) < 0 ? -1 : 0;
}

int has_method_details(const dii_indicator *ind)
{
    dii_method m = dii_indicator_method(ind);
    return m == DII_METHOD_BANDS || m == DII_METHOD_LINEAR;
}

const char *missing_policy_text(dii_missing_policy policy)
{
    if (policy == DII_MISSING_EXCLUDE)
        return "exclude (a missing value leaves the maximum points)";
    return "zero (a missing value scores 0 points)";
}
