/* Private: the in-memory model behind the opaque framework and submission
 * handles. Built once by the parsers, never modified afterwards. */
#ifndef DII_MODEL_H
#define DII_MODEL_H
#include <stdint.h>

#include "dii/dii.h"
#include "strpool.h"
#include "diag.h"

typedef struct dii_target_def {
    int year;
    dii_op op;
    double value; /* booleans as 1 / 0 */
} dii_target_def;

typedef struct dii_band {
    double from;
    double score;
} dii_band;

struct dii_indicator {
    char *id;
    char *code;     /* may be NULL */
    char *group_id;
    char *name_vi;  /* may be NULL */
    char *name_en;  /* may be NULL */
    dii_unit unit;
    dii_direction direction;
    double points;
    dii_method method;
    double linear_min, linear_max; /* method linear */
    dii_band *bands;               /* method bands, document order */
    size_t band_count;
    int has_baseline;
    int baseline_year;
    double baseline_value;
    dii_target_def *targets;       /* ascending by year, years unique */
    size_t target_count;
    int provisional;
    char *notes;                   /* may be NULL */
    size_t index;                  /* position in the framework */
    size_t group_index;            /* position of its group */
};

struct dii_group {
    char *id;
    char *name_vi;
    char *name_en;
    double max_points;      /* sum of its indicators' points */
    size_t indicator_count;
};

struct dii_framework {
    char *id;
    char *version;
    char *title_vi;
    char *title_en;
    char *source;
    dii_framework_status status;
    dii_missing_policy missing;
    int rank_decimals;
    struct dii_group *groups;
    size_t group_count;
    struct dii_indicator *indicators;
    size_t indicator_count;
    double max_points;
    int first_year;
    int last_year;
    size_t *id_slots;      /* indicator ids, open addressing: 1 + index, 0 = empty */
    size_t id_mask;        /* slot count - 1; id_slots is NULL until indexed */
};

/* Frees everything a framework owns, tolerating a half-built one. */
void dii_framework_destroy(struct dii_framework *fw);
/* Builds fw's indicator-id index, which dii_framework_find_indicator uses
 * (validation and scoring look up every value's id). Called once a
 * framework is complete, with unique ids. DII_ERR_NO_MEMORY on failure. */
dii_status dii_framework_index_ids(struct dii_framework *fw);

/* One value of a submission as written in the input. Kept small (56
 * bytes): a dense submission holds one per 7 or 8 input bytes. Positions
 * fit 32 bits (inputs are at most max_input_bytes, below 4 GiB); the JSON
 * pointer is not stored but built from the submission's when a diagnostic
 * needs it (<submission>/values/<indicator>). */
typedef struct dii_value_entry {
    const char *indicator; /* in the set's pool of ids (dii_submissions.ids) */
    double number;       /* DII_VALUE_NUMBER, or 1 / 0 for DII_VALUE_BOOLEAN */
    char *text;          /* DII_VALUE_INVALID: the offending text or JSON type name */
    char *source;        /* may be NULL */
    uint32_t id;         /* its index there: see dii_value_set_indicator */
    uint32_t line;       /* of the value itself */
    uint32_t column;
    uint32_t key_line;   /* of the indicator id: JSON key or CSV cell */
    uint32_t key_column;
    dii_value_kind kind;
} dii_value_entry;

/* Where a JSON submission is in its document, for the JSON pointers of
 * diagnostics: built from this when needed (dii_submission_pointer), not
 * stored (a string a submission was most of a batch of `{}`'s memory). */
typedef enum dii_sub_place {
    DII_SUB_NO_POINTER, /* CSV, columns: diagnostics have no pointer */
    DII_SUB_ROOT,       /* the document itself: "" */
    DII_SUB_IN_BATCH    /* "/submissions/<batch_index>" */
} dii_sub_place;

/* Kept small (88 bytes): a batch of `{}` or a CSV of one row per unit
 * holds one per 3 or 16 input bytes. Positions fit 32 bits, as in
 * dii_value_entry. */
struct dii_submission {
    char *file;          /* input it came from after a merge; NULL = the set's name */
    char *framework;     /* may be NULL */
    char *unit_id;       /* never NULL after parsing ("" when absent: a diagnostic says so;
                            then dii_unit_id_absent); not owned: in the set's texts, or
                            dii_unit_id_absent */
    char *unit_name;     /* may be NULL */
    dii_value_entry *values; /* its own array, or a slice of the set's value_block */
    uint32_t value_count;
    uint32_t value_cap;      /* 0 for a slice of the value_block: not its own */
    int year;
    uint32_t line;       /* where the submission starts */
    uint32_t column;
    uint32_t year_line, year_column;
    uint32_t framework_line, framework_column;
    uint32_t batch_index;    /* DII_SUB_IN_BATCH: its index in "submissions" */
    unsigned char place;     /* dii_sub_place */
    unsigned char year_valid; /* 0 when absent or not an integer (a diagnostic says so) */
};

/* The unit id of a submission that names none: one shared "", never freed. */
extern char dii_unit_id_absent[1];
/* The JSON pointer of sub ("" or "/submissions/3"), a new string (free
 * with dii_mem_free); NULL for a CSV or columns submission and on
 * allocation failure: *failed says which. */
char *dii_submission_pointer(const struct dii_submission *sub, int *failed);
/* The same joined with member ("/submissions/3/year"). */
char *dii_submission_member_pointer(const struct dii_submission *sub, const char *member,
                                    int *failed);

struct dii_submissions {
    char *name;                 /* label for diagnostics, may be NULL */
    struct dii_submission *items;
    size_t count;
    size_t cap;
    int is_csv;
    dii_diagnostics *load_diags; /* shape problems found while parsing */
    dii_strpool ids;            /* the values' indicator ids, each stored once */
    dii_strpool texts;          /* the submissions' unit ids, packed (dii_strpool_store) */
    dii_value_entry *value_block; /* the long-table readers' values, all submissions' */
    int indicator_codes;        /* a plan table's: an id may be a framework code
                                 * (dii_resolve_indicator_ids) */
};

/* Frees everything, tolerating a half-built set. */
void dii_submissions_destroy(struct dii_submissions *subs);
/* Frees the submissions from index `count` on: the set holds `count`. */
void dii_submissions_truncate(struct dii_submissions *subs, size_t count);
/* Appends a zeroed submission and returns it (NULL on allocation failure). */
struct dii_submission *dii_submissions_append(struct dii_submissions *subs);
/* Frees what a value entry owns (not the entry). */
void dii_value_entry_clear(dii_value_entry *e);
/* Appends a zeroed value entry and returns it (NULL on allocation failure). */
dii_value_entry *dii_submission_append_value(struct dii_submission *sub);
/* The JSON pointer of value e of sub, <sub's pointer>/values/<escaped id>:
 * a new string (free with dii_mem_free), built only when a diagnostic
 * needs it. NULL for a CSV or columns submission (no pointer) and on
 * allocation failure: *failed says which. */
char *dii_value_pointer(const struct dii_submission *sub, const dii_value_entry *e, int *failed);
/* Sets e's indicator id to the n bytes at s, pooled in subs->ids: every
 * reader sets ids through here. DII_ERR_NO_MEMORY on failure. */
dii_status dii_value_set_indicator(struct dii_submissions *subs, dii_value_entry *e,
                                   const char *s, size_t n);
/* Each of subs' distinct indicator ids resolved against fw once: a new
 * array, indexed by dii_value_entry.id, of the indicator (NULL when fw has
 * none of that id; when subs->indicator_codes, an id no indicator has may
 * be an indicator's code). Free with dii_mem_free. NULL on allocation
 * failure. */
const dii_indicator **dii_resolve_indicator_ids(const struct dii_framework *fw,
                                                const struct dii_submissions *subs);

/* Builds "/a/b" style JSON pointers: returns a new string base + "/" +
 * escaped(token) (RFC 6901: ~ -> ~0, / -> ~1). NULL on allocation failure. */
char *dii_pointer_join(const char *base, const char *token);
/* Same for an array index. */
char *dii_pointer_join_index(const char *base, size_t index);

#endif
