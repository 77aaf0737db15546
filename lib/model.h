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

/* One value of a submission as written in the input. Kept small (40
 * bytes, checked in submission.c): a dense submission holds one per 9 or
 * so input bytes, a CSV of one row per unit one per 16. Positions fit 32
 * bits (inputs are at most max_input_bytes, below 4 GiB); the JSON pointer
 * is not stored but built from the submission's when a diagnostic needs it
 * (<submission>/values/<indicator>). A value's source text, which few
 * values have, is not here either but in its submission's extra part
 * (dii_value_source). */
typedef struct dii_value_entry {
    const char *indicator; /* in the set's pool of ids (dii_submissions.ids) */
    union {                /* by kind: a value is never both */
        double number;     /* DII_VALUE_NUMBER, or 1 / 0 for DII_VALUE_BOOLEAN
                            * (read it through dii_value_number) */
        char *text;        /* DII_VALUE_INVALID only: the offending text or JSON
                            * type name, owned */
    };
    uint32_t id;         /* its index there: see dii_value_set_indicator */
    uint32_t line;       /* of the value itself */
    uint32_t column;
    uint32_t key_line;   /* of the indicator id: JSON key or CSV cell */
    uint32_t key_column;
    dii_value_kind kind; /* set kind before number or text: clearing reads it */
} dii_value_entry;

/* e's number, 0 unless it is a number or a boolean. */
static inline double dii_value_number(const dii_value_entry *e)
{
    return e->kind == DII_VALUE_NUMBER || e->kind == DII_VALUE_BOOLEAN ? e->number : 0;
}

/* Where a JSON submission is in its document, for the JSON pointers of
 * diagnostics: built from this when needed (dii_submission_pointer), not
 * stored (a string a submission was most of a batch of `{}`'s memory). */
typedef enum dii_sub_place {
    DII_SUB_NO_POINTER, /* CSV, columns: diagnostics have no pointer */
    DII_SUB_ROOT,       /* the document itself: "" */
    DII_SUB_IN_BATCH    /* "/submissions/<batch_index>" */
} dii_sub_place;

/* What few submissions have: allocated only when one of these is given.
 * The strings are in the set's texts pool (not owned one by one). */
struct dii_sub_extra {
    const char *unit_name; /* may be NULL */
    const char *framework; /* may be NULL */
    const char *file;      /* input it came from after a merge; NULL = the set's name */
    const char **sources;  /* NULL when no value has a source, else one per value
                            * (NULL: none), in the set's arena: see dii_value_source */
    uint32_t framework_line, framework_column; /* read only when framework is set */
};

/* Everything of a submission but its position (48 bytes). Positions fit
 * 32 bits, as in dii_value_entry. */
struct dii_sub_body {
    const char *unit_id;     /* never NULL ("" when absent, then dii_unit_id_absent: a
                                diagnostic says so); in the set's texts */
    dii_value_entry *values; /* its own array (values_owned), or a slice of the set's
                                value_block */
    const struct dii_sub_extra *extra; /* NULL: no name, framework or file */
    uint32_t value_count;
    int year;
    uint32_t year_line, year_column; /* read only when year_valid */
    uint32_t batch_index;    /* DII_SUB_IN_BATCH: its index in "submissions" */
    unsigned char place;     /* dii_sub_place */
    unsigned char year_valid; /* 0 when absent or not an integer (a diagnostic says so) */
    unsigned char values_owned;
};

/* A submission: its position and its body (16 bytes). A batch of `{}`,
 * JSON Lines of `{}` or a CSV of one row per unit holds one per 3 or 16
 * input bytes, so a submission that has nothing but its position -- `{}`
 * in a batch at its own index in the set, or `{}` as a whole document --
 * shares one constant body, dii_sub_bare or dii_sub_bare_root, and costs
 * 16 bytes; any other gets its own body (dii_sub_body_of) from the set's
 * arena. body is never NULL. */
struct dii_submission {
    const struct dii_sub_body *body;
    uint32_t line; /* where the submission starts */
    uint32_t column;
};

/* The body of a submission with no field: no unit ("" = dii_unit_id_absent),
 * no year, no values; in a batch at its index in its set. */
extern const struct dii_sub_body dii_sub_bare;
/* The same for a whole document (a JSON Lines line): its pointer is "". */
extern const struct dii_sub_body dii_sub_bare_root;

/* Whether body is one of the shared constant bodies (not the set's). */
static inline int dii_sub_body_is_bare(const struct dii_sub_body *body)
{
    return body == &dii_sub_bare || body == &dii_sub_bare_root;
}

/* The unit id of a submission that names none: one shared "", never freed. */
extern char dii_unit_id_absent[1];

static inline const char *dii_sub_unit_name(const struct dii_submission *sub)
{
    return sub->body->extra ? sub->body->extra->unit_name : NULL;
}

static inline const char *dii_sub_framework(const struct dii_submission *sub)
{
    return sub->body->extra ? sub->body->extra->framework : NULL;
}

/* The JSON pointer of sub, submission `index` of its set ("" or
 * "/submissions/3"), a new string (free with dii_mem_free); NULL for a CSV
 * or columns submission and on allocation failure: *failed says which. */
char *dii_submission_pointer(const struct dii_submission *sub, size_t index, int *failed);
/* The same joined with member ("/submissions/3/year"). */
char *dii_submission_member_pointer(const struct dii_submission *sub, size_t index,
                                    const char *member, int *failed);

struct dii_submissions {
    char *name;                 /* label for diagnostics, may be NULL */
    struct dii_submission *items;
    size_t count;
    size_t cap;
    int is_csv;
    dii_diagnostics *load_diags; /* shape problems found while parsing */
    dii_strpool ids;            /* the values' indicator ids, each stored once */
    dii_strpool texts;          /* the submissions' unit ids, names, frameworks and
                                 * files and the values' sources, packed
                                 * (dii_strpool_store) */
    dii_value_entry *value_block; /* the long-table readers' values, all submissions' */
    struct dii_arena_block *arena; /* the submissions' bodies, extras and sources */
    int indicator_codes;        /* a plan table's: an id may be a framework code
                                 * (dii_resolve_indicator_ids) */
};

/* The input sub came from: its own after a merge, else the set's name
 * (may be NULL). */
static inline const char *dii_sub_file(const struct dii_submissions *subs,
                                       const struct dii_submission *sub)
{
    const struct dii_sub_extra *x = sub->body->extra;
    return x && x->file ? x->file : subs->name;
}

/* Frees everything, tolerating a half-built set. */
void dii_submissions_destroy(struct dii_submissions *subs);
/* Frees the submissions from index `count` on: the set holds `count`.
 * Their bodies stay in the arena until the set is freed (a rare undo). */
void dii_submissions_truncate(struct dii_submissions *subs, size_t count);
/* Appends a submission with the bare body and returns it (NULL on
 * allocation failure). */
struct dii_submission *dii_submissions_append(struct dii_submissions *subs);
/* sub's own body, for writing: on first call (sub still bare) a new one in
 * the set's arena, a copy of the bare one in a batch at sub's index in the
 * set. Every writer of a field goes through here. NULL on allocation
 * failure. */
struct dii_sub_body *dii_sub_body_of(struct dii_submissions *subs, struct dii_submission *sub);
/* The same for the extra part (made on first call). */
struct dii_sub_extra *dii_sub_extra_of(struct dii_submissions *subs,
                                       struct dii_submission *sub);
/* Sets sub's unit name to the n bytes at s, stored in subs' texts.
 * DII_ERR_NO_MEMORY on failure. */
dii_status dii_sub_set_unit_name(struct dii_submissions *subs, struct dii_submission *sub,
                                 const char *s, size_t n);
/* The source text of value i (< its value count) of sub, NULL when it has
 * none. Kept beside the values, not in them: a source is rare, a value is
 * not (8 bytes more in every dii_value_entry). */
static inline const char *dii_value_source(const struct dii_submission *sub, size_t i)
{
    const struct dii_sub_extra *x = sub->body->extra;
    return x && x->sources ? x->sources[i] : NULL;
}

/* sub's sources, for writing: on first call an array of one NULL per value
 * in the set's arena, so call it once sub holds all its values. NULL on
 * allocation failure. */
const char **dii_value_sources_of(struct dii_submissions *subs, struct dii_submission *sub);
/* Sets the source of value i of sub to the n bytes at text, stored in
 * subs' texts (every writer of a source goes through here, or through
 * dii_value_sources_of with texts stored there). DII_ERR_NO_MEMORY on
 * failure. */
dii_status dii_value_set_source(struct dii_submissions *subs, struct dii_submission *sub,
                                size_t i, const char *text, size_t n);
/* Frees what a value entry owns (not the entry). */
void dii_value_entry_clear(dii_value_entry *e);
/* The JSON pointer of value e of sub (submission `index` of its set),
 * <sub's pointer>/values/<escaped id>: a new string (free with
 * dii_mem_free), built only when a diagnostic needs it. NULL for a CSV or
 * columns submission (no pointer) and on allocation failure: *failed says
 * which. */
char *dii_value_pointer(const struct dii_submission *sub, size_t index, const dii_value_entry *e,
                        int *failed);
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
