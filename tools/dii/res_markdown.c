/* `dii score --format markdown`: a standalone report (a file to attach, a
 * pull-request comment, a CI job summary) in GitHub-flavoured Markdown.
 *
 * The same figures as the terminal table (the cell texts come from cells.c),
 * but nothing is cut: a rendered page wraps long names itself. Being a
 * document on its own, it also carries the results' warnings (provisional
 * framework or indicators) at the end; on a terminal those go to stderr. */
#include "cli.h"

enum { POINT_DECIMALS = 4 };

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

/* "# DII results: <title>" and the framework it was computed with. */
static int put_title(FILE *out, const dii_framework *fw, const char *lang)
{
    const char *title = dii_framework_title(fw, lang);
    const char *version = dii_framework_version(fw);
    if (put_str(out, "# DII results") < 0 ||
        (title != NULL && (put_str(out, ": ") < 0 || put_md_text(out, title) < 0)) ||
        put_str(out, "\n\nFramework `") < 0 || put_md_text(out, dii_framework_id(fw)) < 0 ||
        put_str(out, "`") < 0)
        return -1;
    if (version != NULL && (put_str(out, ", version ") < 0 || put_md_text(out, version) < 0))
        return -1;
    return fprintf(out, " (%s).\n", dii_framework_status_name(dii_framework_status_of(fw))) < 0
               ? -1
               : 0;
}

/* "## Điện Biên (11)" and the years. */
static int put_heading(FILE *out, const dii_result *r)
{
    const char *name = dii_result_unit_name(r);
    const char *id = dii_result_unit_id(r);
    if (put_str(out, "\n## ") < 0)
        return -1;
    if (name != NULL && (put_md_text(out, name) < 0 || put_str(out, " (") < 0))
        return -1;
    if (put_md_text(out, id ? id : "?") < 0 || (name != NULL && put_str(out, ")") < 0))
        return -1;
    return fprintf(out, "\n\nData %d, targets %d.\n\n", dii_result_year(r),
                   dii_result_target_year(r)) < 0
               ? -1
               : 0;
}

/* The Points cell: "excluded" for a missing value that left the maximum
 * (missing: exclude), as in the terminal table. */
static void points_text(const dii_result *r, size_t k, const dii_indicator *ind, char *buf,
                        size_t size)
{
    if (dii_result_indicator_compliance(r, k) == DII_COMPLIANCE_MISSING &&
        dii_result_indicator_max_points(r, k) == 0 && dii_indicator_points(ind) > 0)
        snprintf(buf, size, "excluded");
    else
        format_fixed(dii_result_indicator_points(r, k), POINT_DECIMALS, buf, size);
}

static int put_indicator_row(FILE *out, const dii_result *r, size_t k, const dii_indicator *ind,
                             const char *lang)
{
    char value[NUMBER_TEXT_MAX], target[TARGET_TEXT_MAX], points[NUMBER_TEXT_MAX];
    double v = 0;
    if (dii_result_indicator_value(r, k, &v))
        value_text(ind, v, lang, value, sizeof value);
    else
        snprintf(value, sizeof value, "-");
    target_text(r, k, ind, lang, target, sizeof target);
    points_text(r, k, ind, points, sizeof points);
    const char *code = dii_indicator_code(ind);
    if (put_str(out, "| ") < 0 || put_md_text(out, code ? code : "") < 0 ||
        put_str(out, " | ") < 0 || put_md_text(out, indicator_label(ind, lang)) < 0 ||
        (dii_result_indicator_provisional(r, k) && put_str(out, " *(provisional)*") < 0) ||
        put_str(out, " | ") < 0 || put_str(out, value) < 0 || put_str(out, " | ") < 0 ||
        put_str(out, target) < 0) /* our own text: nothing in it needs escaping */
        return -1;
    return fprintf(out, " | %s | %s |\n", status_text(dii_result_indicator_compliance(r, k)),
                   points) < 0
               ? -1
               : 0;
}

static int put_indicators(FILE *out, const dii_framework *fw, const dii_result *r,
                          const char *lang)
{
    if (put_str(out, "| Code | Indicator | Value | Target | Status | Points |\n"
                     "|---|---|--:|---|---|--:|\n") < 0)
        return -1;
    size_t n = dii_result_indicator_count(r);
    for (size_t k = 0; k < n; k++) {
        const dii_indicator *ind = dii_framework_indicator(fw, k);
        if (ind != NULL && put_indicator_row(out, r, k, ind, lang) < 0)
            return -1;
    }
    return 0;
}

static int put_groups(FILE *out, const dii_framework *fw, const dii_result *r, const char *lang)
{
    if (put_str(out, "\n| Group | Name | Points | Max | Index |\n|---|---|--:|--:|--:|\n") < 0)
        return -1;
    size_t n = dii_result_group_count(r);
    for (size_t g = 0; g < n; g++) {
        char p[NUMBER_TEXT_MAX], m[NUMBER_TEXT_MAX], x[NUMBER_TEXT_MAX];
        const char *id = dii_result_group_id(r, g);
        format_fixed(dii_result_group_points(r, g), POINT_DECIMALS, p, sizeof p);
        format_number(dii_result_group_max_points(r, g), m, sizeof m);
        format_fixed(dii_result_group_index(r, g), POINT_DECIMALS, x, sizeof x);
        if (put_str(out, "| ") < 0 || put_md_text(out, id) < 0 || put_str(out, " | ") < 0 ||
            put_md_text(out, group_label(fw, id, lang)) < 0 ||
            fprintf(out, " | %s | %s | %s |\n", p, m, x) < 0)
            return -1;
    }
    return 0;
}

static int put_totals(FILE *out, const dii_framework *fw, const dii_result *r)
{
    char p[NUMBER_TEXT_MAX], m[NUMBER_TEXT_MAX], x[NUMBER_TEXT_MAX];
    format_fixed(dii_result_points(r), POINT_DECIMALS, p, sizeof p);
    format_number(dii_result_max_points(r), m, sizeof m);
    format_fixed(dii_result_index(r), dii_framework_rank_decimals(fw), x, sizeof x);
    /* Two trailing spaces: a Markdown line break between the two lines. */
    return fprintf(out,
                   "\n**Total: %s / %s · Index: %s · Rank: %d of %zu**  \n"
                   "Targets: %zu met, %zu not met, %zu no target, %zu missing.\n",
                   p, m, x, dii_result_rank(r), dii_result_cohort_size(r),
                   dii_result_compliance_count(r, DII_COMPLIANCE_MET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_NOT_MET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET),
                   dii_result_compliance_count(r, DII_COMPLIANCE_MISSING)) < 0
               ? -1
               : 0;
}

static int put_warnings(FILE *out, const dii_results *res)
{
    size_t n = dii_results_warning_count(res);
    for (size_t i = 0; i < n; i++)
        if (put_str(out, "\n> **Warning:** ") < 0 ||
            put_md_text(out, dii_results_warning(res, i)) < 0 || put_str(out, "\n") < 0)
            return -1;
    return 0;
}

int write_results_markdown(FILE *out, const dii_framework *fw, const dii_results *res,
                           const out_style *style)
{
    const char *lang = style != NULL ? style->lang : NULL;
    if (put_title(out, fw, lang) < 0)
        return -1;
    size_t n = dii_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const dii_result *r = dii_results_get(res, i);
        if (put_heading(out, r) < 0 || put_indicators(out, fw, r, lang) < 0 ||
            put_groups(out, fw, r, lang) < 0 || put_totals(out, fw, r) < 0)
            return -1;
    }
    if (put_warnings(out, res) < 0)
        return -1;
    return flush_status(out);
}
