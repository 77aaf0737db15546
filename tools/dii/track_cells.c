/* The texts of `dii track`'s table and Markdown report (track_table.c,
 * track_markdown.c): one place, so that the two can never disagree.
 *
 * Statuses carry a symbol as well as the word, so that they read without
 * colour (a log, a printout, colour blindness): the symbol is what the eye
 * scans, the word what it means. Figures a person reads (ratios,
 * projections) are rounded to 2 decimals; the JSON and CSV outputs have
 * them at full precision. */
#include <string.h>

#include "cli.h"

enum { SHOWN_DECIMALS = 2 };

const char *track_status_text(dii_track_status status)
{
    switch (status) {
    case DII_TRACK_ACHIEVED: return "\xE2\x9C\x93 achieved";                 /* ✓ */
    case DII_TRACK_ON_TRACK: return "\xE2\x86\x97 on track";                 /* ↗ */
    case DII_TRACK_ACCELERATION_NEEDED: return "\xE2\x9A\xA0 acceleration needed"; /* ⚠ */
    case DII_TRACK_LIMITED_PROGRESS: return "\xE2\x80\xA6 limited progress"; /* … */
    case DII_TRACK_DETERIORATING: return "\xE2\x86\x98 deteriorating";       /* ↘ */
    case DII_TRACK_NOT_ACHIEVED: return "\xE2\x9C\x97 not achieved";         /* ✗ */
    case DII_TRACK_INSUFFICIENT_DATA: return "? insufficient data";
    case DII_TRACK_NO_TARGET: break;
    }
    return "\xE2\x80\x93 no target"; /* – */
}

/* "72.5", or "61 (2023)" when the indicator's latest observation is older
 * than the unit's latest year, or "-" when never observed. */
static void latest_text(const dii_tracking *tr, const dii_indicator *ind, size_t u, size_t k,
                        int unit_latest, const char *lang, char *buf, size_t size)
{
    int year = 0;
    double v = 0;
    if (!dii_tracking_indicator_latest(tr, u, k, &year, &v)) {
        snprintf(buf, size, "-");
        return;
    }
    char num[NUMBER_TEXT_MAX];
    value_text(ind, v, lang, num, sizeof num);
    if (year == unit_latest)
        snprintf(buf, size, "%s", num);
    else
        snprintf(buf, size, "%s (%d)", num, year);
}

/* ">= 80", "> 61.6 interp." between two explicit targets, ">= 100 nearest"
 * past the last one, "-" without targets. */
static void milestone_target_text(const dii_tracking *tr, const dii_indicator *ind, size_t u,
                                  size_t k, size_t m, const char *lang, char *buf, size_t size)
{
    dii_op op = DII_OP_GE;
    double v = 0;
    dii_target_basis basis = DII_BASIS_EXACT;
    if (!dii_tracking_milestone_target(tr, u, k, m, &op, &v, &basis)) {
        snprintf(buf, size, "-");
        return;
    }
    char cmp[NUMBER_TEXT_MAX + 8];
    comparison_text(ind, op, v, basis, lang, cmp, sizeof cmp);
    snprintf(buf, size, "%s%s", cmp,
             basis == DII_BASIS_INTERPOLATED ? " interp."
             : basis == DII_BASIS_NEAREST    ? " nearest"
                                             : "");
}

/* A figure rounded for reading, or "-" when there is none. */
static void optional_text(int has, double v, char *buf, size_t size)
{
    if (has)
        rounded_text(v, SHOWN_DECIMALS, buf, size);
    else
        snprintf(buf, size, "-");
}

int tracking_unit_latest_year(const dii_tracking *tr, size_t u)
{
    size_t n = dii_tracking_unit_year_count(tr, u);
    return n ? dii_result_year(dii_tracking_unit_year(tr, u, n - 1)) : 0;
}

void track_row_fill(const dii_tracking *tr, const dii_framework *fw, size_t u, size_t k,
                    size_t m, const char *lang, track_row *row)
{
    const dii_indicator *ind = dii_framework_indicator(fw, k);
    const char *code = dii_tracking_indicator_code(tr, k);
    double v = 0;
    snprintf(row->code, sizeof row->code, "%s", code ? code : "");
    row->name = ind ? indicator_label(ind, lang) : dii_tracking_indicator_id(tr, k);
    latest_text(tr, ind, u, k, tracking_unit_latest_year(tr, u), lang, row->latest,
                sizeof row->latest);
    milestone_target_text(tr, ind, u, k, m, lang, row->target, sizeof row->target);
    row->status = dii_tracking_milestone_status(tr, u, k, m);
    row->status_text = track_status_text(row->status);
    /* the accessor first: it sets v, which an argument list may read before */
    int has = dii_tracking_milestone_pace_ratio(tr, u, k, m, &v);
    optional_text(has, v, row->ratio, sizeof row->ratio);
    has = dii_tracking_milestone_projection(tr, u, k, m, &v);
    optional_text(has, v, row->projection, sizeof row->projection);
    int expected = dii_tracking_milestone_expected_year(tr, u, k, m);
    if (expected)
        snprintf(row->expected, sizeof row->expected, "%d", expected);
    else
        snprintf(row->expected, sizeof row->expected, "-");
}

void trajectory_text(const dii_framework *fw, const dii_result *r, char *buf, size_t size)
{
    char x[NUMBER_TEXT_MAX];
    format_fixed(dii_result_index(r), dii_framework_rank_decimals(fw), x, sizeof x);
    snprintf(buf, size, "%d %s (rank %d of %zu)", dii_result_year(r), x, dii_result_rank(r),
             dii_result_cohort_size(r));
}

void projected_text(const dii_framework *fw, const dii_result *r, char *buf, size_t size)
{
    char x[NUMBER_TEXT_MAX];
    format_fixed(dii_result_index(r), dii_framework_rank_decimals(fw), x, sizeof x);
    size_t met = dii_result_compliance_count(r, DII_COMPLIANCE_MET);
    size_t with_target = dii_result_indicator_count(r) -
                         dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET);
    snprintf(buf, size, "%d index %s (rank %d of %zu), %zu of %zu targets met",
             dii_result_year(r), x, dii_result_rank(r), dii_result_cohort_size(r), met,
             with_target);
}

size_t tracking_former_units(const dii_tracking *tr, size_t u, const char **units, size_t most)
{
    size_t n = 0, merged = dii_tracking_unit_merged_count(tr, u);
    for (size_t i = 0; i < merged; i++) {
        size_t sources = 0;
        if (dii_tracking_unit_merged(tr, u, i, NULL, NULL, NULL, &sources) != DII_OK)
            continue;
        for (size_t j = 0; j < sources; j++) {
            const char *id = NULL;
            if (dii_tracking_unit_merged_source(tr, u, i, j, &id, NULL, NULL) != DII_OK)
                continue;
            size_t seen = 0;
            while (seen < n && strcmp(units[seen], id) != 0)
                seen++;
            if (seen == n && n < most)
                units[n++] = id;
        }
    }
    return n;
}
