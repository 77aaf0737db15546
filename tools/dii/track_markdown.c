/* `dii track --format markdown`: the tracking report as a document (a file
 * to attach, a pull-request comment, a CI job summary).
 *
 * The same cells as the terminal table (track_cells.c), nothing cut, and,
 * being a document on its own, the tracking's warnings at the end. */
#include "cli.h"

enum { MAX_FORMER_UNITS = 16 };

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

/* "# DII tracking: <title>", the framework and the pace method. */
static int put_title(FILE *out, const dii_framework *fw, const dii_tracking *tr,
                     const char *lang)
{
    const char *title = dii_framework_title(fw, lang);
    const char *version = dii_framework_version(fw);
    if (put_str(out, "# DII tracking") < 0 ||
        (title != NULL && (put_str(out, ": ") < 0 || put_md_text(out, title) < 0)) ||
        put_str(out, "\n\nFramework `") < 0 || put_md_text(out, dii_framework_id(fw)) < 0 ||
        put_str(out, "`") < 0)
        return -1;
    if (version != NULL && (put_str(out, ", version ") < 0 || put_md_text(out, version) < 0))
        return -1;
    return fprintf(out, " (%s); %s pace.\n", dii_framework_status_name(dii_framework_status_of(fw)),
                   dii_pace_method_name(dii_tracking_pace_method(tr))) < 0
               ? -1
               : 0;
}

static int put_heading(FILE *out, const dii_framework *fw, const dii_tracking *tr, size_t u)
{
    const char *name = dii_tracking_unit_name(tr, u);
    if (put_str(out, "\n## ") < 0 || (name != NULL && (put_md_text(out, name) < 0 ||
                                                       put_str(out, " (") < 0)) ||
        put_md_text(out, dii_tracking_unit_id(tr, u)) < 0 ||
        (name != NULL && put_str(out, ")") < 0) || put_str(out, "\n\nIndex by year:") < 0)
        return -1;
    size_t n = dii_tracking_unit_year_count(tr, u);
    for (size_t i = 0; i < n; i++) {
        char item[NUMBER_TEXT_MAX + 64];
        trajectory_text(fw, dii_tracking_unit_year(tr, u, i), item, sizeof item);
        if (fprintf(out, " %s%s", item, i + 1 < n ? "," : ".") < 0)
            return -1;
    }
    return put_str(out, "\n");
}

static int put_merged(FILE *out, const dii_tracking *tr, size_t u)
{
    size_t n = dii_tracking_unit_merged_count(tr, u);
    if (n == 0)
        return 0;
    const char *units[MAX_FORMER_UNITS];
    size_t nu = tracking_former_units(tr, u, units, MAX_FORMER_UNITS);
    if (fprintf(out, "\nMerged by the crosswalk (effective %d): %zu value%s from",
                dii_tracking_crosswalk_year(tr), n, n == 1 ? "" : "s") < 0)
        return -1;
    for (size_t i = 0; i < nu; i++)
        if (put_str(out, i ? ", `" : " `") < 0 || put_md_text(out, units[i]) < 0 ||
            put_str(out, "`") < 0)
            return -1;
    return put_str(out, nu == MAX_FORMER_UNITS ? ", \xE2\x80\xA6.\n" : ".\n");
}

static int put_row(FILE *out, const track_row *r)
{
    /* the cells other than code and name are our own text: nothing to escape */
    if (put_str(out, "| ") < 0 || put_md_text(out, r->code) < 0 || put_str(out, " | ") < 0 ||
        put_md_text(out, r->name) < 0)
        return -1;
    return fprintf(out, " | %s | %s | %s | %s | %s | %s |\n", r->latest, r->target,
                   r->status_text, r->ratio, r->projection, r->expected) < 0
               ? -1
               : 0;
}

static int put_milestone(FILE *out, const dii_framework *fw, const dii_tracking *tr, size_t u,
                         size_t m, const char *lang)
{
    if (fprintf(out, "\n### Milestone %d\n\n", dii_tracking_unit_milestone_year(tr, u, m)) < 0 ||
        put_str(out, "| Code | Indicator | Latest | Target | Status | Pace ratio | Projection "
                     "| Expected year |\n|---|---|--:|---|---|--:|--:|--:|\n") < 0)
        return -1;
    size_t nk = dii_tracking_indicator_count(tr);
    for (size_t k = 0; k < nk; k++) {
        track_row r;
        track_row_fill(tr, fw, u, k, m, lang, &r);
        if (put_row(out, &r) < 0)
            return -1;
    }
    char text[PROJECTED_TEXT_MAX];
    projected_text(fw, dii_tracking_unit_projected(tr, u, m), text, sizeof text);
    return fprintf(out, "\nIf the pace holds: %s.\n", text) < 0 ? -1 : 0;
}

static int put_warnings(FILE *out, const dii_tracking *tr)
{
    size_t n = dii_tracking_warning_count(tr);
    for (size_t i = 0; i < n; i++)
        if (put_str(out, "\n> **Warning:** ") < 0 ||
            put_md_text(out, dii_tracking_warning(tr, i)) < 0 || put_str(out, "\n") < 0)
            return -1;
    return 0;
}

int write_tracking_markdown(FILE *out, const dii_framework *fw, const dii_tracking *tr,
                            const out_style *style)
{
    const char *lang = style != NULL ? style->lang : NULL;
    if (put_title(out, fw, tr, lang) < 0)
        return -1;
    size_t n = dii_tracking_unit_count(tr);
    for (size_t u = 0; u < n; u++) {
        if (put_heading(out, fw, tr, u) < 0 || put_merged(out, tr, u) < 0)
            return -1;
        size_t nm = dii_tracking_unit_milestone_count(tr, u);
        if (nm == 0 && put_str(out, "\nNo milestone after the latest year.\n") < 0)
            return -1;
        for (size_t m = 0; m < nm; m++)
            if (put_milestone(out, fw, tr, u, m, lang) < 0)
                return -1;
    }
    if (put_warnings(out, tr) < 0)
        return -1;
    return flush_status(out);
}
