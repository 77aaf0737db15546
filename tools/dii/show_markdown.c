/* `dii show FRAMEWORK --format markdown`: a framework as a document (for a
 * wiki, a pull request, a printed annex), in GitHub-flavoured Markdown.
 *
 * The same facts as the terminal table, with nothing cut or wrapped by us
 * (a rendered page wraps itself): the targets get a column of their own,
 * the scoring parameters go with the method, and the indicators' notes,
 * which explain where a figure comes from, are listed under each group. */
#include <string.h>

#include "cli.h"

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

/* "- **Label:** value" (nothing when value is NULL). */
static int put_item(FILE *out, const char *label, const char *value)
{
    if (value == NULL)
        return 0;
    return fprintf(out, "- **%s:** ", label) < 0 || put_md_text(out, value) < 0 ||
                   put_str(out, "\n") < 0
               ? -1
               : 0;
}

static int put_header(FILE *out, const dii_framework *fw, const char *lang)
{
    const char *title = dii_framework_title(fw, lang);
    char max[NUMBER_TEXT_MAX];
    format_number(dii_framework_max_points(fw), max, sizeof max);
    if (put_str(out, "# ") < 0 || put_md_text(out, title ? title : dii_framework_id(fw)) < 0 ||
        put_str(out, "\n\n- **Framework:** `") < 0 || put_md_text(out, dii_framework_id(fw)) < 0 ||
        put_str(out, "`\n") < 0)
        return -1;
    if (put_item(out, "Version", dii_framework_version(fw)) < 0 ||
        put_item(out, "Source", dii_framework_source(fw)) < 0 ||
        put_item(out, "Status", dii_framework_status_name(dii_framework_status_of(fw))) < 0 ||
        put_item(out, "Missing values", missing_policy_text(dii_framework_missing_policy(fw))) < 0 ||
        put_item(out, "Max points", max) < 0)
        return -1;
    if (dii_framework_status_of(fw) == DII_FRAMEWORK_PROVISIONAL &&
        put_str(out, "\n> **Warning:** " PROVISIONAL_FRAMEWORK_WARNING "\n") < 0)
        return -1;
    return 0;
}

static int belongs(const dii_indicator *ind, const dii_group *g)
{
    return strcmp(dii_indicator_group(ind), dii_group_id(g)) == 0;
}

/* The Method cell: the method's name, then its parameters if it has any. */
static int put_method(FILE *out, const dii_indicator *ind)
{
    if (put_str(out, dii_method_name(dii_indicator_method(ind))) < 0)
        return -1;
    if (has_method_details(ind) && (put_str(out, "; ") < 0 || put_method_details(out, ind) < 0))
        return -1;
    return 0;
}

static int put_row(FILE *out, const dii_indicator *ind, const char *lang)
{
    const char *code = dii_indicator_code(ind);
    char points[NUMBER_TEXT_MAX], baseline[NUMBER_TEXT_MAX + 16];
    format_number(dii_indicator_points(ind), points, sizeof points);
    baseline_text(ind, lang, baseline, sizeof baseline);
    if (put_str(out, "| ") < 0 || put_md_text(out, code ? code : "") < 0 ||
        put_str(out, " | ") < 0 || put_md_text(out, indicator_label(ind, lang)) < 0 ||
        (dii_indicator_provisional(ind) && put_str(out, " *(provisional)*") < 0))
        return -1;
    if (fprintf(out, " | %s | %s | %s | ", dii_unit_name(dii_indicator_unit(ind)),
                dii_direction_name(dii_indicator_direction(ind)), points) < 0 ||
        put_method(out, ind) < 0 || fprintf(out, " | %s | ", baseline) < 0)
        return -1;
    /* Our own text ("2023: >= 72; ..."): nothing in it needs escaping. */
    if (dii_indicator_target_count(ind) == 0 ? put_str(out, "-") < 0
                                              : put_target_list(out, ind, lang) < 0)
        return -1;
    return put_str(out, " |\n");
}

/* "- **1**: note" for each indicator of the group that has notes. */
static int put_notes(FILE *out, const dii_framework *fw, const dii_group *g)
{
    int any = 0;
    size_t n = dii_framework_indicator_count(fw);
    for (size_t i = 0; i < n; i++) {
        const dii_indicator *ind = dii_framework_indicator(fw, i);
        const char *notes = dii_indicator_notes(ind);
        if (!belongs(ind, g) || notes == NULL || notes[0] == '\0')
            continue;
        const char *code = dii_indicator_code(ind);
        if ((!any && put_str(out, "\nNotes:\n\n") < 0) || put_str(out, "- **") < 0 ||
            put_md_text(out, code ? code : dii_indicator_id(ind)) < 0 || put_str(out, "**: ") < 0 ||
            put_md_text(out, notes) < 0 || put_str(out, "\n") < 0)
            return -1;
        any = 1;
    }
    return 0;
}

static int put_group(FILE *out, const dii_framework *fw, const dii_group *g, const char *lang)
{
    char max[NUMBER_TEXT_MAX];
    format_number(dii_group_max_points(g), max, sizeof max);
    const char *name = dii_group_name(g, lang);
    if (put_str(out, "\n## Group ") < 0 || put_md_text(out, dii_group_id(g)) < 0 ||
        (name != NULL && (put_str(out, " \xE2\x80\x94 ") < 0 || put_md_text(out, name) < 0)) ||
        fprintf(out, " (%s point%s)\n\n", max, dii_group_max_points(g) == 1 ? "" : "s") < 0)
        return -1;
    if (put_str(out, "| Code | Indicator | Unit | Direction | Points | Method | Baseline | Targets |\n"
                     "|---|---|---|---|--:|---|---|---|\n") < 0)
        return -1;
    size_t n = dii_framework_indicator_count(fw);
    for (size_t i = 0; i < n; i++) {
        const dii_indicator *ind = dii_framework_indicator(fw, i);
        if (belongs(ind, g) && put_row(out, ind, lang) < 0)
            return -1;
    }
    return put_notes(out, fw, g);
}

int write_framework_markdown(FILE *out, const dii_framework *fw, const out_style *style)
{
    const char *lang = style != NULL ? style->lang : NULL;
    if (put_header(out, fw, lang) < 0)
        return -1;
    size_t n = dii_framework_group_count(fw);
    for (size_t i = 0; i < n; i++)
        if (put_group(out, fw, dii_framework_group(fw, i), lang) < 0)
            return -1;
    return flush_status(out);
}
