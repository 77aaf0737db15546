/* Private: the pieces dii_track is built from (track_build.c, track_panel.c). */
#ifndef DII_TRACK_BUILD_H
#define DII_TRACK_BUILD_H
#include "diag.h"
#include "model.h"
#include "track.h"

/* One row per unit and year, after merging (docs/tracking.md §4). */
typedef struct track_panel {
    dii_strpool units;       /* unit ids, index = unit number, in order of first appearance */
    const char **unit_names; /* per unit, borrowed from the submissions; may be NULL */
    size_t name_count, name_cap;
    size_t row_count;
    size_t *row_unit;
    int *row_year;
    double *values;          /* [row * K + k], K the framework's indicator count */
    unsigned char *has;      /* [row * K + k]: 1 when values[] holds a value */
    size_t *first_row, *unit_rows;       /* per unit: its rows, ascending years */
    size_t *first_merged, *merged_count; /* per unit: its run of tr->merged_block */
} track_panel;

typedef struct track_merge_ctx {
    const struct dii_framework *fw;
    const struct dii_submissions *subs;
    const struct dii_crosswalk *cw;
    struct dii_tracking *tr;     /* receives the merged-value records */
    track_panel *panel;
    const dii_value_entry **cells; /* [s * K + k] */
    double *weights;               /* scratch, one per member of a group */
} track_merge_ctx;

/* Builds the panel of validated subs (pn zeroed), recording merged values
 * in tr's blocks. -1 on allocation failure (pn and tr stay freeable). */
int track_panel_build(track_panel *pn, struct dii_tracking *tr, const struct dii_framework *fw,
                      const struct dii_submissions *subs, const struct dii_crosswalk *cw);
void track_panel_free(track_panel *pn);

/* Appends a "crosswalk-conflict" error per submission the crosswalk would
 * count twice. DII_ERR_NO_MEMORY when the list cannot grow. */
dii_status track_check_crosswalk(const struct dii_submissions *subs,
                                 const struct dii_crosswalk *cw, dii_diagnostics *diags);

#endif
