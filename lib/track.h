/* Private: tracking (docs/tracking.md). The statistics of one series
 * (track.c), the immutable model behind dii_tracking (track_model.c) and the
 * crosswalk (crosswalk.c); dii_track builds the model (track_build.c,
 * track_panel.c). */
#ifndef DII_TRACK_H
#define DII_TRACK_H
#include <stddef.h>

#include "dii/dii.h"
#include "strpool.h"

/* ------------------------------------------------------------------------ */
/* Statistics of one unit x indicator series (track.c): pure functions      */
/* ------------------------------------------------------------------------ */

/* The points of a series: ascending distinct years, start point first. */
typedef struct track_series {
    const int *years;
    const double *values;
    size_t n;
} track_series;

/* What a series gives before any milestone: the observed pace and the
 * curve it projects along. */
typedef struct track_pace {
    dii_pace_method method;
    int has_pace;   /* 2+ points of a numeric indicator (and, CAGR, positive values) */
    int undefined;  /* CAGR: a negative start or latest value (docs 2.3) */
    double pace;    /* observed: slope (linear) or growth rate (CAGR) */
    double x_mean;  /* linear: the line is y_mean + pace ((Y - t0) - x_mean) */
    double y_mean;
    int t0, t;      /* start and latest years */
    double y0, yt;  /* start and latest values, as observed */
} track_pace;

/* The pace of series s (n >= 1) under method m. A boolean indicator gets
 * no pace. */
void track_observe(track_pace *p, dii_pace_method m, int is_boolean, const track_series *s);

/* One milestone's target as dii_indicator_target_for_year gives it. */
typedef struct track_target {
    int year;
    dii_op op;
    double value;
} track_target;

/* Everything assessed at one milestone. */
typedef struct track_outcome {
    dii_track_status status;
    int has_required, has_ratio, has_projection;
    double required, ratio, projection;
    int expected_year; /* 0: none */
} track_outcome;

/* Assesses a milestone: has_target 0 for an indicator without targets,
 * p NULL for one the unit never observed. unit clamps the projection. */
void track_assess(const track_pace *p, int is_boolean, dii_unit unit, int has_target,
                  const track_target *target, track_outcome *out);

/* The projection of p to year Y, clamped to unit's range (docs 2.4); has
 * no meaning without a pace. Not necessarily finite. */
double track_project(const track_pace *p, dii_unit unit, int year);

/* v clamped to the range validation allows for unit (docs 2.4). */
double track_clamp(dii_unit unit, double v);

/* ------------------------------------------------------------------------ */
/* Crosswalk (crosswalk.c)                                                   */
/* ------------------------------------------------------------------------ */

typedef struct crosswalk_row {
    char *from_unit;
    char *to_unit;
    double weight;
    unsigned long line;
} crosswalk_row;

struct dii_crosswalk {
    int effective_year;
    crosswalk_row *rows;
    size_t count;
    size_t cap;
};

/* The row whose from_unit is unit, or NULL. */
const crosswalk_row *dii_crosswalk_find(const struct dii_crosswalk *cw, const char *unit);
/* 1 when unit is some row's to_unit. */
int dii_crosswalk_is_target(const struct dii_crosswalk *cw, const char *unit);

/* ------------------------------------------------------------------------ */
/* The tracking model                                                        */
/* ------------------------------------------------------------------------ */

/* One unit x indicator x milestone. */
typedef struct track_row {
    double target_value;
    double required;
    double ratio;
    double projection;
    int expected_year;
    unsigned char status;       /* dii_track_status */
    unsigned char target_op;    /* dii_op */
    unsigned char target_basis; /* dii_target_basis */
    unsigned char has_target : 1;
    unsigned char has_required : 1;
    unsigned char has_ratio : 1;
    unsigned char has_projection : 1;
} track_row;

/* One unit x indicator. */
typedef struct track_indicator {
    int start_year, latest_year;
    double start_value, latest_value;
    double pace;
    size_t points;
    unsigned char has_start : 1; /* the unit observed it: start and latest exist */
    unsigned char has_pace : 1;
} track_indicator;

/* A former unit's share of a merged value. */
typedef struct track_source {
    const char *unit; /* in the label pool */
    double weight;
    double value;
} track_source;

typedef struct track_merged {
    int year;
    size_t indicator;
    double value;
    size_t first_source; /* its former units: source_block[first, first + count) */
    size_t source_count;
} track_merged;

typedef struct track_unit {
    const char *id;   /* in the label pool */
    const char *name; /* in the label pool; may be NULL */
    size_t first_year_result; /* its years: trajectory results [first, first + year_count) */
    size_t year_count;
    size_t first_projected;   /* its milestones: projected results, same layout */
    int *milestones;          /* ascending, milestone_count */
    size_t milestone_count;
    track_indicator *indicators; /* indicator_count */
    track_row *rows;             /* [k * milestone_count + m] */
    size_t first_merged;         /* merged_block[first, first + count), by year, indicator */
    size_t merged_count;
} track_unit;

struct dii_tracking {
    char *framework_id;
    char *framework_version; /* may be NULL */
    dii_framework_status framework_status;
    dii_pace_method pace;
    int crosswalk_year;      /* 0: none */
    size_t indicator_count;
    const char **indicator_ids;   /* in the label pool */
    const char **indicator_codes; /* in the label pool; entries may be NULL */
    unsigned char *indicator_boolean;
    track_unit *units;
    size_t unit_count;
    dii_results *trajectory; /* every unit's observed years, unit by unit */
    dii_results *projected;  /* every unit's milestones, unit by unit */
    dii_strpool labels;
    /* Blocks the units' arrays point into. */
    int *milestone_block;
    track_indicator *indicator_block;
    track_row *row_block;
    track_merged *merged_block;
    size_t merged_cap;
    size_t merged_total;
    track_source *source_block;
    size_t source_cap;
    size_t source_total;
};

/* Frees everything, tolerating a half-built tracking. */
void dii_tracking_destroy(struct dii_tracking *tr);
/* The label pool's copy of s (NULL when s is NULL or on allocation failure). */
const char *dii_tracking_intern(struct dii_tracking *tr, const char *s);

#endif
