/* `dii compare --format markdown`: the comparison as a document (a file to
 * attach, a pull-request comment, a CI job summary).
 *
 * The same cells as the terminal table (cmp_cells.c), nothing cut, and,
 * being a document on its own, the comparison's warnings at the end. */
#include <string.h>

#include "cli.h"

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

/* A side's file as given, or "standard input" for "-". */
static int put_file_name(FILE *out, const char *file)
{
    if (strcmp(file, "-") == 0)
        return put_str(out, "standard input");
    return put_str(out, "`") < 0 || put_md_text(out, file) < 0 ? -1 : put_str(out, "`");
}

/* "# DII comparison: <title>", the framework, the two sides. */
static int put_title(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                     const char *const files[2], const char *lang)
{
    const char *title = dii_framework_title(fw, lang);
    const char *version = dii_framework_version(fw);
    if (put_str(out, "# DII comparison") < 0 ||
        (title != NULL && (put_str(out, ": ") < 0 || put_md_text(out, title) < 0)) ||
        put_str(out, "\n\nFramework `") < 0 || put_md_text(out, dii_framework_id(fw)) < 0 ||
        put_str(out, "`") < 0)
        return -1;
    if (version != NULL && (put_str(out, ", version ") < 0 || put_md_text(out, version) < 0))
        return -1;
    if (fprintf(out, " (%s).\n\n", dii_framework_status_name(dii_framework_status_of(fw))) < 0)
        return -1;
    for (int s = 0; s < 2; s++)
        if (fprintf(out, "- %c: ", "AB"[s]) < 0 || put_file_name(out, files[s]) < 0 ||
            put_str(out, "\n") < 0)
            return -1;
    return put_str(out, dii_comparison_all_rows(cmp)
                            ? "\nEvery indicator listed.\n"
                            : "\nChanged indicators only (`--all` lists every one).\n");
}

static int put_unit_heading(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                            size_t u)
{
    const char *name = dii_comparison_unit_name(cmp, u);
    char years[128];
    compare_years_text(cmp, u, years, sizeof years);
    compare_totals t;
    compare_totals_text(fw, cmp, u, &t);
    if (put_str(out, "\n## ") < 0 || (name != NULL && (put_md_text(out, name) < 0 ||
                                                       put_str(out, " (") < 0)) ||
        put_md_text(out, dii_comparison_unit_id(cmp, u)) < 0 ||
        (name != NULL && put_str(out, ")") < 0))
        return -1;
    /* the texts are our own: nothing in them needs escaping */
    return fprintf(out, "\n\n- Years: %s\n- Points: %s\n- Index: %s\n- Rank: %s\n", years,
                   t.points, t.index, t.rank) < 0
               ? -1
               : 0;
}

static int put_row(FILE *out, const compare_row *r)
{
    /* the cells other than code and name are our own text: nothing to escape */
    if (put_str(out, "| ") < 0 || put_md_text(out, r->code) < 0 || put_str(out, " | ") < 0 ||
        put_md_text(out, r->name) < 0)
        return -1;
    return fprintf(out, " | %s | %s | %s | %s | %s |\n", r->value, r->delta_value, r->points,
                   r->delta_points, r->status) < 0
               ? -1
               : 0;
}

static int put_unit(FILE *out, const dii_framework *fw, const dii_comparison *cmp, size_t u,
                    const char *lang)
{
    if (put_unit_heading(out, fw, cmp, u) < 0)
        return -1;
    size_t n = dii_comparison_row_count(cmp, u);
    if (n == 0)
        return put_str(out, "\nNo indicator changed.\n");
    if (put_str(out, "\n| Code | Indicator | Value A \xE2\x86\x92 B | \xCE\x94 value | Points A "
                     "\xE2\x86\x92 B | \xCE\x94 points | Status A \xE2\x86\x92 B |\n"
                     "|---|---|--:|--:|--:|--:|---|\n") < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        compare_row r;
        compare_row_fill(cmp, fw, u, i, lang, &r);
        if (put_row(out, &r) < 0)
            return -1;
    }
    return 0;
}

static int put_warnings(FILE *out, const dii_comparison *cmp)
{
    size_t n = dii_comparison_warning_count(cmp);
    for (size_t i = 0; i < n; i++)
        if (put_str(out, "\n> **Warning:** ") < 0 ||
            put_md_text(out, dii_comparison_warning(cmp, i)) < 0 || put_str(out, "\n") < 0)
            return -1;
    return 0;
}

int write_comparison_markdown(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                              const char *const files[2], const out_style *style)
{
    const char *lang = style != NULL ? style->lang : NULL;
    if (put_title(out, fw, cmp, files, lang) < 0)
        return -1;
    size_t n = dii_comparison_unit_count(cmp);
    for (size_t u = 0; u < n; u++)
        if (put_unit(out, fw, cmp, u, lang) < 0)
            return -1;
    if (n == 0 && put_str(out, "\nNo unit on either side.\n") < 0)
        return -1;
    if (put_warnings(out, cmp) < 0)
        return -1;
    return flush_status(out);
}
