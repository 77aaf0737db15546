/*
 * libdii — scores and target compliance for DII-style digital-infrastructure
 * frameworks (Decision 885/QĐ-BTTTT and provincial plans such as Điện Biên's
 * 4734/KH-UBND).
 *
 * This header is the whole public C ABI and its manual.
 *
 * Data flows one way:
 *
 *     framework JSON ──load──▶ dii_framework ──┐
 *     submissions    ──load──▶ dii_submissions ─┼─ dii_validate ─▶ dii_diagnostics
 *                                              └─ dii_score    ─▶ dii_results
 *
 * Conventions (read once, they hold for every function below)
 * -----------------------------------------------------------
 * - Every fallible function returns a dii_status: DII_OK (0) on success, a
 *   negative code on failure. Results are written through out parameters,
 *   which are set to NULL (or 0) on failure. dii_last_error() then describes
 *   the failure in one sentence; every call that returns DII_OK clears it
 *   (to ""), so it always describes the last call that returned a status
 *   (dii_diagnostics_concat kept a previous failure's message before 1.2).
 * - Handles are opaque. Whatever a *_load / *_new / dii_score call returns is
 *   owned by the caller and released with the matching *_free; every *_free
 *   accepts NULL. Pointers returned by accessors (strings, borrowed
 *   indicators, groups, results and diagnostics) are owned by the handle they
 *   came from and stay valid until that handle is freed.
 * - Strings are NUL-terminated UTF-8.
 * - Absent values: a value the data does not have, or an index at or past
 *   its count, is "absent", and an accessor (a function that reads a
 *   handle) says so in the one way its return type allows, never with an
 *   error status and without touching dii_last_error(): NULL for a
 *   pointer, 0 for a count, number or year, and, for an accessor that
 *   gives its value through out parameters and returns int, 0 ("1 and the
 *   value when there is one, else 0"; read the out parameters only after
 *   a 1). Each accessor that does
 *   otherwise says so in its comment, under "Absent:" (all kept as they
 *   were in 1.x: a few return a status, a few an enumeration value).
 * - Thread safety: every function is thread-safe, and frameworks,
 *   submissions, results, diagnostics, trackings, comparisons and
 *   crosswalks are immutable once returned, so any number of threads may
 *   read, validate, score, track and compare with the same handles at
 *   once; option structs and arrays the caller passes are only read during
 *   the call. The exceptions say so in their comment: a handle may be freed
 *   only when no other thread still uses it (*_free), dii_last_error() is
 *   per thread, and the allocator (dii_set_allocator), the only
 *   process-wide state, must be set before any other call.
 * - The library never prints, exits or aborts.
 * - Names: a function kept only for older programs is marked
 *   DII_DEPRECATED and names its replacement.
 * - The formats read and written (dii-framework/1, dii-submission/1,
 *   dii-submissions/1, the CSV tables, dii-result/1, dii-diagnostics/1,
 *   dii-tracking/1, dii-comparison/1) are described field by field in
 *   docs/formats.md; data/schema holds their JSON Schemas.
 */
#ifndef DII_DII_H
#define DII_DII_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Export macro and versions                                                 */
/* ------------------------------------------------------------------------ */

#if defined(DII_BUILDING_LIBRARY) && defined(__GNUC__)
#define DII_API __attribute__((visibility("default")))
#else
#define DII_API
#endif

/**
 * Marks a function kept only for programs built against an older 1.x
 * header: it stays exported and works as documented, but a better-named
 * one replaces it, and compilers that can say so warn at each use. Define
 * DII_DISABLE_DEPRECATE_WARNINGS before including dii.h to silence them.
 */
#if defined(DII_DISABLE_DEPRECATE_WARNINGS)
#define DII_DEPRECATED
#elif defined(__GNUC__) || defined(__clang__)
#define DII_DEPRECATED __attribute__((deprecated))
#else
#define DII_DEPRECATED
#endif

#define DII_VERSION_MAJOR 1
#define DII_VERSION_MINOR 2
#define DII_VERSION_PATCH 0
/* The version is written once, in the three numbers above: meson.build reads
 * them from this header, and the string is made from them here. */
#define DII_EXPAND_AND_QUOTE_(x) #x
#define DII_QUOTE_(x) DII_EXPAND_AND_QUOTE_(x)
/** "MAJOR.MINOR.PATCH", e.g. "1.2.0". */
#define DII_VERSION_STRING \
    DII_QUOTE_(DII_VERSION_MAJOR) "." DII_QUOTE_(DII_VERSION_MINOR) "." DII_QUOTE_(DII_VERSION_PATCH)
/** The version as one comparable number: major * 10000 + minor * 100 + patch. */
#define DII_VERSION_NUMBER \
    (DII_VERSION_MAJOR * 10000 + DII_VERSION_MINOR * 100 + DII_VERSION_PATCH)

/** The years libdii accepts anywhere: targets, baselines, data, target_year. */
#define DII_YEAR_MIN 1900
#define DII_YEAR_MAX 2200

/** Run-time version number, DII_VERSION_NUMBER of the library actually loaded. */
DII_API int dii_version(void);
/** Run-time version string, e.g. "1.0.0". Static storage. */
DII_API const char *dii_version_string(void);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                   */
/* ------------------------------------------------------------------------ */

typedef enum dii_status {
    DII_OK = 0,
    DII_ERR_PARSE = -1,            /**< input is not well-formed JSON / CSV */
    DII_ERR_VALIDATION = -2,       /**< input is well-formed but breaks the rules */
    DII_ERR_NOT_FOUND = -3,        /**< no such framework, indicator, ... */
    DII_ERR_OUT_OF_RANGE = -4,     /**< an index or year outside what exists */
    DII_ERR_NO_MEMORY = -5,        /**< an allocation failed; nothing was leaked */
    DII_ERR_IO = -6,               /**< a file could not be opened or read; a
                                        dii_write_fn stopped the output */
    DII_ERR_INVALID_ARGUMENT = -7  /**< NULL where a value is required, bad options */
} dii_status;

/** A short English name for a status ("parse error", ...). Static storage. */
DII_API const char *dii_status_string(dii_status status);

/**
 * The message of the last failure on the calling thread, or "" when the last
 * call on this thread succeeded. Valid until the next libdii call on this
 * thread. Per thread: each thread has its own message.
 */
DII_API const char *dii_last_error(void);

/**
 * Frees memory the library handed to the caller as a plain buffer (the
 * strings of the *_to_json functions). NULL is a no-op.
 */
DII_API void dii_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Allocator                                                                 */
/* ------------------------------------------------------------------------ */

typedef void *(*dii_malloc_fn)(size_t size, void *user);
typedef void *(*dii_realloc_fn)(void *ptr, size_t size, void *user);
typedef void (*dii_free_fn)(void *ptr, void *user);

/**
 * Replaces the allocator used for every allocation libdii makes itself
 * (libcsv's included: libdii depends on no other library that allocates).
 * Call once, before any other libdii call, from one thread; pass three NULLs
 * to restore malloc/realloc/free. Not thread-safe by design: it is the one
 * piece of process-wide state.
 */
DII_API dii_status dii_set_allocator(dii_malloc_fn malloc_fn, dii_realloc_fn realloc_fn,
                                     dii_free_fn free_fn, void *user);

/* ------------------------------------------------------------------------ */
/* Diagnostics: located problems found while loading or validating           */
/* ------------------------------------------------------------------------ */

typedef struct dii_diagnostics dii_diagnostics;
typedef struct dii_diagnostic dii_diagnostic;

typedef enum dii_severity {
    DII_SEVERITY_ERROR = 0,
    DII_SEVERITY_WARNING = 1
} dii_severity;

/** "error" or "warning". Static storage. */
DII_API const char *dii_severity_name(dii_severity severity);

/** Number of diagnostics in the list (errors and warnings). */
DII_API size_t dii_diagnostics_count(const dii_diagnostics *diags);
/** Number of diagnostics of severity error. */
DII_API size_t dii_diagnostics_error_count(const dii_diagnostics *diags);
/** Number of diagnostics of severity warning. */
DII_API size_t dii_diagnostics_warning_count(const dii_diagnostics *diags);
/** The i-th diagnostic (0-based, in input order), or NULL when i is out of range. */
DII_API const dii_diagnostic *dii_diagnostics_get(const dii_diagnostics *diags, size_t i);
/**
 * Frees the list and every string it owns. NULL is a no-op.
 * Thread-safe for distinct handles; no other thread may still be using this one.
 */
DII_API void dii_diagnostics_free(dii_diagnostics *diags);

DII_API dii_severity dii_diagnostic_severity(const dii_diagnostic *diag);
/** Stable kebab-case code, e.g. "unknown-indicator": one of the table below. */
DII_API const char *dii_diagnostic_code(const dii_diagnostic *diag);

/*
 * Diagnostic codes
 * ----------------
 * The codes are the contract of the loaders and of dii_validate: stable
 * identifiers a program may test with strcmp; messages may change, codes
 * do not. This is every code libdii emits (a unit test compares the table
 * with the library's sources; docs/formats.md explains each rule). An
 * error unless marked "warning"; "both" means either, as the text says.
 *
 *   code                   severity  raised by: meaning
 *   unreadable             error     every loader: the file cannot be opened or read
 *   syntax                 error     every loader: not well-formed JSON or CSV, or empty input
 *   encoding               error     every loader: invalid UTF-8, UTF-16/32, a NUL byte
 *   limit-exceeded         error     frameworks, submissions: input beyond a dii_parse_options
 *                                    limit; loading stops there
 *   unsupported-format     error     frameworks, submissions: "format" names another format
 *   missing-field          error     every loader: a required field or CSV column absent or empty
 *   unknown-field          both      a field or column the format lacks: an error in a
 *                                    framework, a warning in submissions
 *   duplicate-field        error     the same JSON key or CSV column twice
 *   wrong-type             error     a field of the wrong JSON type, a value of the wrong kind
 *                                    for its indicator, a CSV year that is not an integer
 *   invalid-value          error     frameworks, crosswalks: a value the field does not allow
 *   duplicate-id           error     frameworks: two groups or indicators with one id
 *   duplicate-code         error     frameworks: two indicators with one code
 *   unknown-group          error     frameworks: an indicator names no existing group
 *   max-points-mismatch    error     frameworks: a group's max_points is not its points' sum
 *   unknown-method         error     frameworks: a method outside dii_method (hint: the names)
 *   unknown-op             error     frameworks: an op outside dii_op
 *   unknown-unit           error     frameworks: a unit outside dii_unit
 *   unknown-direction      error     frameworks: a direction outside dii_direction
 *   duplicate-target-year  error     frameworks: two targets for one year
 *   target-type            error     frameworks: a yes/no target on a number or the reverse
 *   bands-order            error     frameworks: bands not listed best first
 *   bands-score-order      error     frameworks: a worse band scores more than a better one
 *   linear-range           error     frameworks: "linear" with min == max
 *   method-unit            error     frameworks: a method that cannot score the unit
 *   missing-target         error     frameworks: "target_ratio" without targets
 *   out-of-range           error     a number or year beyond what the field allows
 *                                    (DII_FRAMEWORK_NUMBER_MAX, DII_YEAR_MIN..DII_YEAR_MAX,
 *                                    percent 0..100, ratio 0..1, non-negative counts)
 *   not-finite             error     validation: NaN or infinity
 *   unknown-indicator      error     validation: no such indicator (hint: did you mean ...?)
 *   duplicate-value        error     submissions, validation: one indicator twice for one
 *                                    unit and year
 *   duplicate-submission   error     validation: two submissions for one unit and year
 *   framework-mismatch     error     validation: a submission names another framework
 *   unknown-framework      error     dii_framework_for_submissions, dii_framework_builtin_with:
 *                                    no built-in framework of that id (hint: did you mean ...?)
 *   crosswalk-conflict     error     dii_track: a crosswalk would count a unit's data twice
 *   no-submissions         warning   submissions: well-formed input without any submission
 *   missing-value          warning   validation: a value missing or not reported
 *   year-out-of-range      warning   validation: a year outside the framework's years
 *   too-many-diagnostics   both      past max_diagnostics: how many were left out; an error
 *                                    when one of those is an error, else a warning
 */
/** One-sentence English message. */
DII_API const char *dii_diagnostic_message(const dii_diagnostic *diag);
/** The input's name as given to the load call ("-" for stdin), or NULL. */
DII_API const char *dii_diagnostic_file(const dii_diagnostic *diag);
/**
 * 1-based line, or 0 when the problem has no single place (e.g. a missing indicator).
 */
DII_API unsigned long dii_diagnostic_line(const dii_diagnostic *diag);
/** 1-based column in bytes, or 0 when unknown. */
DII_API unsigned long dii_diagnostic_column(const dii_diagnostic *diag);
/** RFC 6901 JSON Pointer into a JSON input, or NULL (CSV input, whole file). */
DII_API const char *dii_diagnostic_pointer(const dii_diagnostic *diag);
/**
 * Index (in dii_submissions_get order) of the submission a validation
 * diagnostic concerns. Absent: -1 when it concerns the input as a whole (syntax,
 * encoding and other loader problems).
 */
DII_API long dii_diagnostic_submission(const dii_diagnostic *diag);
/** A suggestion ("did you mean 'x'?"), or NULL. */
DII_API const char *dii_diagnostic_hint(const dii_diagnostic *diag);

/** Flags of dii_diagnostic_format_text (bits; 0 for the plain text). Since libdii 1.2. */
typedef enum dii_diagnostic_text_flags {
    /** The first line only, without the hint line. */
    DII_DIAGNOSTIC_TEXT_NO_HINT = 1u << 0,
    /** ANSI colour for a terminal: the severity bold red (error) or yellow
     * (warning), the hint dim. */
    DII_DIAGNOSTIC_TEXT_COLOR = 1u << 1
} dii_diagnostic_text_flags;

/**
 * The diagnostic as text, the form compilers use:
 *
 *     file:line:column: severity[code]: message
 *       hint: hint
 *
 * The location keeps the parts that are known, joined by ':' (no column:
 * `file:line: `; no line: `file: `; no file: `line:column: `), and is left
 * out, with its ": ", when none is. The hint line (two spaces, "hint: ")
 * follows after a '\n' when there is a hint and flags lack
 * DII_DIAGNOSTIC_TEXT_NO_HINT. There is no final newline. Without
 * DII_DIAGNOSTIC_TEXT_COLOR the text is exactly `dii validate --format
 * text`'s line(s) for the diagnostic and Python's str(diagnostic).
 * flags: a combination of dii_diagnostic_text_flags.
 * *text is a new NUL-terminated buffer (free with dii_free); its length in
 * *len when len is not NULL. Errors: DII_ERR_INVALID_ARGUMENT when d or
 * text is NULL or flags has an unknown bit; DII_ERR_NO_MEMORY. On failure
 * *text is NULL (and *len 0). Clears dii_last_error() on success.
 * Thread-safe; d may be shared with other threads. Since libdii 1.2.
 */
DII_API dii_status dii_diagnostic_format_text(const dii_diagnostic *d, unsigned flags,
                                              char **text, size_t *len);

/*
 * Lists made by a load or a validation are capped (max_diagnostics in
 * dii_parse_options and dii_validate_options, DII_DEFAULT_MAX_DIAGNOSTICS
 * by default): past the cap diagnostics are counted, not kept, and the
 * list ends with one "too-many-diagnostics" item (line and column 0,
 * submission -1) whose message gives how many were left out, errors and
 * warnings separately. Its severity is error when at least one left-out
 * diagnostic is an error, else warning: the list's error and warning
 * counts are zero exactly when the full list's would be (since 1.2).
 */

/**
 * Copies n lists into one new list (*out, free with dii_diagnostics_free), in
 * input order: by file (in the order the files are first met in lists),
 * then line, then column, items without a place last in their file, ties
 * in the lists' order — so two lists about one input (a loader's and a
 * later check's) interleave as the input reads, and lists about several
 * inputs follow one another (since 1.2; before, the lists were appended as
 * they came). How a tool reports on several inputs in one document. Submission
 * indices (dii_diagnostic_submission) stay those of each list's own input.
 * Every item is copied, "too-many-diagnostics" summaries included; the new
 * list has no cap. A NULL entry in lists is an empty list. Clears
 * dii_last_error() on success, as every call does.
 */
DII_API dii_status dii_diagnostics_concat(const dii_diagnostics *const *lists, size_t n,
                                          dii_diagnostics **out);

/**
 * A new list (*out, free with dii_diagnostics_free) holding copies of the
 * items of `list` at the indices items[0..n), in that order (an index may
 * repeat): how a tool reports part of a list (its own filter, its own
 * order) in the library's formats, dii_diagnostics_to_json included. The
 * error and warning counts are those of the items copied; submission
 * indices are kept; a "too-many-diagnostics" item is copied as any other;
 * the new list has no cap. list NULL is an empty list; n = 0 gives an empty
 * list (items may then be NULL). DII_ERR_OUT_OF_RANGE when an index is not
 * below dii_diagnostics_count(list), DII_ERR_INVALID_ARGUMENT when out is
 * NULL or items is NULL with n > 0, DII_ERR_NO_MEMORY; *out is NULL on any
 * failure. Clears dii_last_error() on success.
 * Since libdii 1.2.
 */
DII_API dii_status dii_diagnostics_select(const dii_diagnostics *list, const size_t *items,
                                          size_t n, dii_diagnostics **out);

/**
 * A new list (*out, free with dii_diagnostics_free) of one error: `code`,
 * `message` and `file` (may be NULL), no line, column, pointer or hint,
 * submission -1. For a caller that reports a problem it found outside
 * libdii (a file it could not read) in the same list, and so in the same
 * formats, as libdii's own (see dii_diagnostics_concat). The strings are
 * copied. code must be non-empty kebab-case ([a-z0-9-]+, as the table's
 * codes) and message non-empty UTF-8, else DII_ERR_INVALID_ARGUMENT, as
 * for a NULL code, message or out; DII_ERR_NO_MEMORY. *out is NULL on any
 * failure. Control characters in message become '?' as in every message.
 * Clears dii_last_error() on success.
 * Since libdii 1.2.
 */
DII_API dii_status dii_diagnostics_new_error(const char *code, const char *message,
                                             const char *file, dii_diagnostics **out);

/**
 * Serialises the list as "dii-diagnostics/1" JSON (docs/formats.md) into a new
 * buffer *json (free with dii_free), NUL-terminated, length in *len if len is
 * not NULL. Pretty-printed with a 2-space indent and a final newline; absent
 * file, pointer and hint are null, unknown line and column are null.
 * DII_ERR_INVALID_ARGUMENT for NULL arguments.
 */
DII_API dii_status dii_diagnostics_to_json(const dii_diagnostics *diags, char **json, size_t *len);

/**
 * Where a streaming writer (dii_diagnostics_write_json) sends its output:
 * called with each piece in order, len > 0, data not NUL-terminated and
 * valid only during the call. Returns 0 to go on, nonzero to stop the
 * writer, which then returns DII_ERR_IO. ctx is the caller's, passed
 * through untouched. A function that writes to a FILE * with fwrite and
 * returns nonzero on a short write is the usual one; it may also keep
 * errno for the caller's message. Since libdii 1.2.
 */
typedef int (*dii_write_fn)(void *ctx, const char *data, size_t len);

/**
 * Writes one "dii-diagnostics/1" document holding the items of lists[0..n)
 * to write(ctx, ...), in pieces of about 64 KiB, as it is produced: the
 * same bytes as dii_diagnostics_to_json of dii_diagnostics_concat(lists,
 * n) (input order, every item, "too-many-diagnostics" summaries included,
 * counts from the items), without building that list or the whole text:
 * memory is a fixed buffer, plus, only when the lists' items must be
 * reordered (one input's items split over several lists, or out of
 * position order), one pointer per item (and some 60 bytes per item while
 * the order is found). A NULL entry in lists is an empty list; n = 0
 * writes the empty document (lists may then be NULL).
 * Errors: DII_ERR_INVALID_ARGUMENT when write is NULL or lists is NULL
 * with n > 0 (write is not called); DII_ERR_IO when write returned
 * nonzero (it is not called again); DII_ERR_NO_MEMORY. On failure the
 * sink may have received part of the document (whatever preceded the
 * failure, never a piece twice): a caller that needs all or nothing
 * writes to a temporary file and renames it. Nothing is leaked on any
 * path. Clears dii_last_error() on success.
 * write is called on the calling thread only. Since libdii 1.2.
 */
DII_API dii_status dii_diagnostics_write_json(const dii_diagnostics *const *lists, size_t n,
                                              dii_write_fn write, void *ctx);

/* ------------------------------------------------------------------------ */
/* Enumerations of the framework format                                      */
/* ------------------------------------------------------------------------ */

typedef enum dii_unit {
    DII_UNIT_PERCENT = 0,        /**< "percent": 0..100 */
    DII_UNIT_PER_100_PEOPLE = 1, /**< "per_100_people": >= 0 */
    DII_UNIT_MBPS = 2,           /**< "mbps": >= 0 */
    DII_UNIT_COUNT = 3,          /**< "count": >= 0 */
    DII_UNIT_BOOLEAN = 4,        /**< "boolean": true / false */
    DII_UNIT_RATIO = 5,          /**< "ratio": 0..1 */
    DII_UNIT_OTHER = 6           /**< "other": any finite number */
} dii_unit;

typedef enum dii_direction {
    DII_DIRECTION_HIGHER = 0,    /**< more is better */
    DII_DIRECTION_LOWER = 1      /**< less is better */
} dii_direction;

typedef enum dii_method {
    DII_METHOD_TARGET_RATIO = 0,
    DII_METHOD_RATIO = 1,
    DII_METHOD_LINEAR = 2,
    DII_METHOD_BOOLEAN = 3,
    DII_METHOD_BANDS = 4,
    DII_METHOD_BEST_IN_COHORT = 5,
    DII_METHOD_MIN_MAX_COHORT = 6
} dii_method;

typedef enum dii_op {
    DII_OP_GE = 0, /**< ">=" */
    DII_OP_GT = 1, /**< ">"  */
    DII_OP_LE = 2, /**< "<=" */
    DII_OP_LT = 3, /**< "<"  */
    DII_OP_EQ = 4  /**< "==" */
} dii_op;

typedef enum dii_framework_status {
    DII_FRAMEWORK_OFFICIAL = 0,
    DII_FRAMEWORK_PROVISIONAL = 1
} dii_framework_status;

typedef enum dii_missing_policy {
    DII_MISSING_ZERO = 0,    /**< a missing value scores 0 points */
    DII_MISSING_EXCLUDE = 1  /**< a missing value leaves the maximum too */
} dii_missing_policy;

typedef enum dii_compliance {
    DII_COMPLIANCE_MET = 0,
    DII_COMPLIANCE_NOT_MET = 1,
    DII_COMPLIANCE_NO_TARGET = 2,
    DII_COMPLIANCE_MISSING = 3
} dii_compliance;

typedef enum dii_target_basis {
    DII_BASIS_EXACT = 0,        /**< the framework names a target for that year */
    DII_BASIS_INTERPOLATED = 1, /**< linear between the surrounding milestones */
    DII_BASIS_NEAREST = 2       /**< before the first / after the last milestone */
} dii_target_basis;

/* Names as written in the JSON formats ("per_100_people", ">=", "met", ...).
 * Static storage; NULL for a value outside the enumeration. */
DII_API const char *dii_unit_name(dii_unit unit);
DII_API const char *dii_direction_name(dii_direction direction);
DII_API const char *dii_method_name(dii_method method);
DII_API const char *dii_op_symbol(dii_op op);
DII_API const char *dii_framework_status_name(dii_framework_status status);
DII_API const char *dii_missing_policy_name(dii_missing_policy policy);
DII_API const char *dii_compliance_name(dii_compliance compliance);
DII_API const char *dii_target_basis_name(dii_target_basis basis);

/**
 * Whether value `value` satisfies `op target`: the one comparator used for
 * compliance everywhere. Booleans are compared as 1.0 / 0.0. Pure.
 */
DII_API int dii_op_holds(dii_op op, double value, double target);

/* ------------------------------------------------------------------------ */
/* Frameworks                                                                */
/* ------------------------------------------------------------------------ */

typedef struct dii_framework dii_framework;
typedef struct dii_group dii_group;
typedef struct dii_indicator dii_indicator;

/**
 * The largest magnitude of any number in a framework (targets, baselines,
 * linear min / max, band limits and scores, points, max_points): far above
 * any real indicator (and below 2^53, so every integer up to it is exact),
 * and small enough that no interpolation, difference or sum of framework
 * numbers can overflow. A number beyond it is an "out-of-range" error.
 */
#define DII_FRAMEWORK_NUMBER_MAX 1e15

typedef struct dii_parse_options dii_parse_options; /* defined under Submissions */

/**
 * Loads and checks a "dii-framework/1" JSON file, applying the input limits
 * of opts (NULL: the DII_DEFAULT_MAX_* defaults): max_input_bytes,
 * max_depth and max_string_bytes of dii_parse_options (read by its
 * version, as for submissions; the format and CSV members and
 * max_submissions do not apply). At most max_input_bytes + 1 bytes of the
 * file are read. Every problem found is collected into *diags (when diags
 * is not NULL; free with dii_diagnostics_free; warnings may be present on
 * success).
 * Returns DII_ERR_IO when the file cannot be read (then *diags holds one
 * "unreadable" error), DII_ERR_PARSE on a JSON syntax error, invalid UTF-8
 * or input beyond a limit (one "limit-exceeded" error placed where the
 * limit was crossed), DII_ERR_VALIDATION when the document breaks a rule
 * of the format, DII_ERR_INVALID_ARGUMENT for a NULL path or out or an
 * unknown opts->version (*diags NULL); *out is then NULL.
 * Loading takes time and memory linear in the size of the file.
 */
DII_API dii_status dii_framework_load_file_with(const char *path, const dii_parse_options *opts,
                                                dii_framework **out, dii_diagnostics **diags);

/**
 * As dii_framework_load_file_with, from len bytes at data (need not be
 * NUL-terminated; a UTF-8 BOM is skipped, and counts towards
 * max_input_bytes). `name` labels diagnostics (may be NULL).
 */
DII_API dii_status dii_framework_load_memory_with(const char *data, size_t len,
                                                  const char *name,
                                                  const dii_parse_options *opts,
                                                  dii_framework **out, dii_diagnostics **diags);

/**
 * dii_framework_load_file_with with opts NULL: since 1.2 the default input
 * limits apply (256 MiB, 64 levels, 64 KiB strings).
 */
DII_API dii_status dii_framework_load_file(const char *path, dii_framework **out,
                                           dii_diagnostics **diags);

/**
 * dii_framework_load_memory_with with opts NULL (the default limits).
 */
DII_API dii_status dii_framework_load_memory(const char *data, size_t len, const char *name,
                                             dii_framework **out, dii_diagnostics **diags);

/** Number of frameworks built into the library. */
DII_API size_t dii_builtin_framework_count(void);
/** Id of the i-th built-in framework, or NULL. Static storage. */
DII_API const char *dii_builtin_framework_id(size_t i);
/**
 * The embedded JSON text of built-in framework `id` (static storage, length
 * in *len when len is not NULL), or NULL when there is no such framework.
 */
DII_API const char *dii_builtin_framework_json(const char *id, size_t *len);
/**
 * Loads built-in framework `id` as dii_framework_load_memory loads its
 * embedded text (named `id` in diagnostics), into *out (free with
 * dii_framework_free). DII_ERR_NOT_FOUND when there is no built-in of
 * that id: then *diags holds one "unknown-framework" error (no file or
 * place; the hint "did you mean 'x'?" names the built-in most likely
 * meant, else lists them all). DII_ERR_INVALID_ARGUMENT for a NULL id or
 * out (*diags NULL); DII_ERR_NO_MEMORY. *diags (when diags is not NULL;
 * free with dii_diagnostics_free) is otherwise the load's list, empty for
 * the frameworks shipped. *out is NULL on failure. Since libdii 1.2.
 */
DII_API dii_status dii_framework_builtin_with(const char *id, dii_framework **out,
                                              dii_diagnostics **diags);
/** dii_framework_builtin_with(id, out, NULL): the same, without the list. */
DII_API dii_status dii_framework_builtin(const char *id, dii_framework **out);

/**
 * Serialises the framework as "dii-framework/1" JSON: normalised (defaults
 * written out, targets sorted by year, every group's max_points given),
 * 2-space indent, final newline. Loading the text back gives an equal
 * framework. *json is new (free with dii_free); len may be NULL.
 */
DII_API dii_status dii_framework_to_json(const dii_framework *fw, char **json, size_t *len);

/**
 * Frees a framework. Borrowed groups and indicators die with it. NULL is a no-op.
 * Thread-safe for distinct handles; no other thread may still be using this one.
 */
DII_API void dii_framework_free(dii_framework *fw);

DII_API const char *dii_framework_id(const dii_framework *fw);
/** The "version" field, or NULL when absent. */
DII_API const char *dii_framework_version(const dii_framework *fw);
/** Title in language "vi" or "en"; falls back to the other language; may be NULL. */
DII_API const char *dii_framework_title(const dii_framework *fw, const char *lang);
/** The "source" field, or NULL. */
DII_API const char *dii_framework_source(const dii_framework *fw);
DII_API dii_framework_status dii_framework_status_of(const dii_framework *fw);
DII_API dii_missing_policy dii_framework_missing_policy(const dii_framework *fw);
/** Decimals of the index used for ranking (default 4). */
DII_API int dii_framework_rank_decimals(const dii_framework *fw);
/** Sum of all indicators' points. */
DII_API double dii_framework_max_points(const dii_framework *fw);
/** Earliest year the framework knows (first baseline or target year), 0 if none. */
DII_API int dii_framework_first_year(const dii_framework *fw);
/** Latest target year, 0 if the framework has no targets. */
DII_API int dii_framework_last_year(const dii_framework *fw);

DII_API size_t dii_framework_group_count(const dii_framework *fw);
/** The i-th group in document order, or NULL. Borrowed. */
DII_API const dii_group *dii_framework_group(const dii_framework *fw, size_t i);
DII_API const dii_group *dii_framework_find_group(const dii_framework *fw, const char *id);

DII_API const char *dii_group_id(const dii_group *group);
/** Name in "vi" or "en" (falls back to the other), may be NULL. */
DII_API const char *dii_group_name(const dii_group *group, const char *lang);
/** Sum of the group's indicators' points (equals "max_points" when given). */
DII_API double dii_group_max_points(const dii_group *group);
/** Number of indicators in the group. */
DII_API size_t dii_group_indicator_count(const dii_group *group);

DII_API size_t dii_framework_indicator_count(const dii_framework *fw);
/** The i-th indicator in document order, or NULL. Borrowed. */
DII_API const dii_indicator *dii_framework_indicator(const dii_framework *fw, size_t i);
/** Lookup by id, NULL when absent. */
DII_API const dii_indicator *dii_framework_find_indicator(const dii_framework *fw,
                                                          const char *id);
/** Lookup by the source document's numbering ("code"), NULL when absent. */
DII_API const dii_indicator *dii_framework_find_indicator_by_code(const dii_framework *fw,
                                                                  const char *code);

DII_API const char *dii_indicator_id(const dii_indicator *ind);
/** The source document's numbering, or NULL. */
DII_API const char *dii_indicator_code(const dii_indicator *ind);
/** Position of the indicator in its framework (0-based). */
DII_API size_t dii_indicator_index(const dii_indicator *ind);
DII_API const char *dii_indicator_group(const dii_indicator *ind);
DII_API const char *dii_indicator_name(const dii_indicator *ind, const char *lang);
DII_API dii_unit dii_indicator_unit(const dii_indicator *ind);
DII_API dii_direction dii_indicator_direction(const dii_indicator *ind);
/** Maximum points (the weight). */
DII_API double dii_indicator_points(const dii_indicator *ind);
DII_API dii_method dii_indicator_method(const dii_indicator *ind);
/** Goalposts of a "linear" indicator. Absent: DII_ERR_INVALID_ARGUMENT for other methods. */
DII_API dii_status dii_indicator_linear_range(const dii_indicator *ind, double *min, double *max);
/** Number of bands of a "bands" indicator (0 for other methods). */
DII_API size_t dii_indicator_band_count(const dii_indicator *ind);
/** The i-th band in document order. Absent: DII_ERR_OUT_OF_RANGE when i is too large. */
DII_API dii_status dii_indicator_band(const dii_indicator *ind, size_t i, double *from,
                                      double *score);
/** 1 when the indicator has a baseline; then year and value (booleans as 1/0). */
DII_API int dii_indicator_baseline(const dii_indicator *ind, int *year, double *value);
DII_API size_t dii_indicator_target_count(const dii_indicator *ind);
/**
 * The i-th explicit target, ascending by year. Booleans as 1/0.
 * Absent: DII_ERR_OUT_OF_RANGE when i is too large (out parameters 0).
 */
DII_API dii_status dii_indicator_target(const dii_indicator *ind, size_t i, int *year, dii_op *op,
                                        double *value);
/**
 * The target that applies in `year` — the one rule used everywhere:
 * the explicit target if there is one (basis exact); between two milestones
 * the linear interpolation of their values with the later one's op (basis
 * interpolated; booleans take the earlier milestone's value); before the
 * first or after the last milestone that milestone (basis nearest, and
 * *target_year is the milestone's year). Any out parameter may be NULL.
 * Absent: DII_ERR_NOT_FOUND when the indicator has no targets.
 */
DII_API dii_status dii_indicator_target_for_year(const dii_indicator *ind, int year,
                                                 int *target_year, dii_op *op, double *value,
                                                 dii_target_basis *basis);
/** 1 when the indicator is inferred rather than taken from an official source. */
DII_API int dii_indicator_provisional(const dii_indicator *ind);
/** Free-text notes, or NULL. */
DII_API const char *dii_indicator_notes(const dii_indicator *ind);

/* ------------------------------------------------------------------------ */
/* Submissions                                                               */
/* ------------------------------------------------------------------------ */

typedef struct dii_submissions dii_submissions;
typedef struct dii_submission dii_submission;

typedef enum dii_input_format {
    DII_INPUT_AUTO = 0,  /**< by file name (.json .jsonl .ndjson .csv), else by content */
    DII_INPUT_JSON = 1,  /**< one submission or a "dii-submissions/1" batch */
    DII_INPUT_JSONL = 2, /**< one submission object per line */
    DII_INPUT_CSV = 3,   /**< long format: unit_id, year, indicator, value, ... (a plan
                              table's header is recognised and read as one) */
    DII_INPUT_PLAN_TABLE = 4 /**< CSV plan table: indicator, 2022, 2023, ... (libdii 1.2) */
} dii_input_format;

#define DII_PARSE_OPTIONS_VERSION 4

/* Default limits on submissions input (README "Reliability" says why these
 * values). A valid batch nests 4 levels deep and its longest strings are
 * ids and source texts, so the defaults refuse only what no province
 * report holds, while bounding the memory and time one input can take. */
#define DII_DEFAULT_MAX_INPUT_BYTES ((size_t)256 << 20) /**< 256 MiB */
#define DII_DEFAULT_MAX_DEPTH 64u                      /**< arrays and objects */
#define DII_DEFAULT_MAX_STRING_BYTES ((size_t)64 << 10) /**< 64 KiB, decoded UTF-8 */
#define DII_DEFAULT_MAX_SUBMISSIONS ((size_t)1000000)
/** The largest max_input_bytes in effect, whatever is asked (since 1.2):
 *  positions are kept in 32 bits, so no input may be 4 GiB or longer. */
#define DII_MAX_INPUT_BYTES_CEILING ((size_t)0xFFFFFFFFu)
/** Diagnostics kept per load or validate call (see max_diagnostics). */
#define DII_DEFAULT_MAX_DIAGNOSTICS ((size_t)10000)

/**
 * Options for loading submissions. Initialise with DII_PARSE_OPTIONS_INIT.
 * Members are only ever added at the end, with the version bumped; the
 * library reads a member only when `version` says the caller has it, so a
 * program built with an older header keeps working.
 *
 * Limits (version 2): 0 means the DII_DEFAULT_MAX_* value. Input beyond a
 * limit is refused with DII_ERR_PARSE and a "limit-exceeded" diagnostic
 * placed where the limit was crossed; loading stops there.
 *
 * max_diagnostics (version 3, libdii 1.2): the most diagnostics one load
 * call lists; 0 means DII_DEFAULT_MAX_DIAGNOSTICS. It does not refuse
 * anything: loading goes on, the diagnostics found beyond the cap are
 * only counted (they cost no memory), and one "too-many-diagnostics" item
 * at the end of the list says how many were left out, by severity. That
 * item is an error when at least one left-out diagnostic is an error, a
 * warning otherwise, so the list's verdict (any errors? any warnings?) is
 * the one the full list would give. The first max_diagnostics found are
 * the ones kept (readers find problems in roughly input order), then
 * sorted as usual. A caller built against version 1 or 2 gets the default.
 *
 * unit_id, unit_name (version 4, libdii 1.2): the unit of a plan table
 * (CSV with one row per indicator and one column per year, recognised by
 * its header "indicator,2022,2023,..." or chosen with DII_INPUT_PLAN_TABLE)
 * when the table has no unit_id / unit_name column; the columns, when
 * present, win. NULL or "" means none; a plan table without any unit is
 * refused ("missing-field" at 1:1). Other layouts ignore them. Only read
 * during the call. A caller built against version 1 to 3 has none.
 */
typedef struct dii_parse_options {
    unsigned int version;  /**< DII_PARSE_OPTIONS_VERSION (1 to 4 are accepted) */
    dii_input_format format;
    char csv_delimiter;    /**< ',' (default), ';' or '\t' */
    char csv_decimal_mark; /**< '.' (default) or ','; must differ from the delimiter */
    /* version 2 */
    size_t max_input_bytes;  /**< bytes of input, BOM included */
    unsigned int max_depth;  /**< nesting of JSON arrays and objects */
    size_t max_string_bytes; /**< any JSON string or key, any CSV cell (decoded bytes) */
    size_t max_submissions;  /**< submissions in one input */
    /* version 3 */
    size_t max_diagnostics;  /**< diagnostics listed per load call (see above) */
    /* version 4 */
    const char *unit_id;     /**< a plan table's unit id (see above); NULL = none */
    const char *unit_name;   /**< a plan table's unit name; NULL = none */
} dii_parse_options;

#define DII_PARSE_OPTIONS_INIT \
    { DII_PARSE_OPTIONS_VERSION, DII_INPUT_AUTO, ',', '.', 0, 0, 0, 0, 0, NULL, NULL }

/**
 * The *_options_init functions (this one and those of the validate, score,
 * tracking and compare options) do what the *_OPTIONS_INIT macros do, for
 * callers that see functions but not macros (a foreign-function
 * interface): they set opts->version to `version` and every member that
 * version has to its default, and write nothing past that version's last
 * member, so a caller built against an older header passes its own
 * version number (normally the *_OPTIONS_VERSION of its header).
 * DII_ERR_INVALID_ARGUMENT when opts is NULL or the library does not know
 * `version` (0, or above the library's own); opts is then not written.
 * Since libdii 1.2.
 */
DII_API dii_status dii_parse_options_init(dii_parse_options *opts, unsigned int version);

/**
 * Loads submissions from a file (path "-" is not special here: the caller
 * reads stdin and uses dii_submissions_load_memory). opts may be NULL for
 * defaults. On a syntax error returns DII_ERR_PARSE, *out NULL, and every
 * syntax problem found in *diags; likewise, with one "limit-exceeded" error,
 * for input beyond a limit of opts (dii_parse_options), where reading stops.
 * At most max_input_bytes + 1 bytes of the file are read. Otherwise returns DII_OK even when the
 * content has problems of shape (unknown fields, a year that is not an
 * integer, ...): those are in *diags and are repeated by dii_validate, so a
 * caller that validates sees every problem in one list. *diags (when diags
 * is not NULL) is a list, sorted by line and column, after DII_OK and
 * DII_ERR_PARSE; after DII_ERR_IO it holds one "unreadable" error naming the
 * file; it is NULL after DII_ERR_INVALID_ARGUMENT (bad options) and
 * DII_ERR_NO_MEMORY. The list holds at most opts->max_diagnostics items
 * plus, when more were found, one "too-many-diagnostics" item last (see
 * dii_parse_options); a "limit-exceeded" error is listed even past the cap.
 * JSON: a batch is refused at the '{' of its first object past
 * max_submissions (objects in "submissions" are counted), before the rest
 * is read; the contents of values the reader has no use for (an unknown
 * member's value, an indicator value that is an array or object) are
 * checked as JSON, with the same located errors and limits, but not kept,
 * and repeated keys inside them are not reported.
 */
DII_API dii_status dii_submissions_load_file(const char *path, const dii_parse_options *opts,
                                             dii_submissions **out, dii_diagnostics **diags);
/**
 * As dii_submissions_load_file, from memory; `name` labels diagnostics and picks
 * the format by extension when opts->format is DII_INPUT_AUTO.
 */
DII_API dii_status dii_submissions_load_memory(const char *data, size_t len, const char *name,
                                               const dii_parse_options *opts,
                                               dii_submissions **out, dii_diagnostics **diags);
/** Thread-safe for distinct handles; no other thread may still be using this one. */
DII_API void dii_submissions_free(dii_submissions *subs);

#define DII_COLUMNS_VERSION 1

/**
 * A long table held in columns, as a data frame holds it: row i is
 * unit_id[i], year[i], indicator[i], value[i] (and unit_name[i], source[i]
 * when those columns are given). The input of dii_submissions_from_columns,
 * which only reads the arrays, during the call. Initialise with
 * DII_COLUMNS_INIT, then set rows and the columns.
 */
typedef struct dii_columns {
    unsigned int version;         /**< DII_COLUMNS_VERSION */
    size_t rows;                  /**< the length of every column given */
    const char *const *unit_id;   /**< required; UTF-8, NUL-terminated */
    const int *year;              /**< required */
    const char *const *indicator; /**< required: indicator ids */
    const double *value;          /**< required: the number, or 1 / 0 for a boolean */
    /** Optional: a dii_value_kind per row, DII_VALUE_NUMBER, _BOOLEAN or
     *  _MISSING (value[i] is then not read). NULL: every row a number. */
    const unsigned char *kind;
    const char *const *unit_name; /**< optional column; a NULL entry: no name */
    const char *const *source;    /**< optional column; a NULL entry: no source */
} dii_columns;

#define DII_COLUMNS_INIT { DII_COLUMNS_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** The column number that diagnostics give for a cell of a dii_columns
 *  table (the order of a long-format CSV header: required columns first). */
enum {
    DII_COLUMN_UNIT_ID = 1,
    DII_COLUMN_YEAR = 2,
    DII_COLUMN_INDICATOR = 3,
    DII_COLUMN_VALUE = 4,
    DII_COLUMN_UNIT_NAME = 5,
    DII_COLUMN_SOURCE = 6
};

/**
 * Submissions from a long table in columns: what dii_submissions_load_memory
 * makes of the same rows written as a long-format CSV file, without writing
 * or parsing any text. Rows with the same unit_id and year form one
 * submission, in order of first appearance (the CSV reader's grouping, the
 * same code); the unit's name is the first non-empty unit_name of its rows.
 * Texts are taken exactly as given (no trimming). `name` labels diagnostics
 * and may be NULL; row i (0-based) is reported at line i + 1, a cell at its
 * DII_COLUMN_* number.
 *
 * Shape problems are diagnostics, as for a file: an empty or NULL unit_id
 * or indicator is a "missing-field" error (the row is not used); a text
 * that is not UTF-8 an "encoding" error (DII_ERR_PARSE, *out NULL). A NaN or
 * infinite number is kept, and dii_validate reports it. Returns
 * DII_ERR_INVALID_ARGUMENT without diagnostics for a caller's mistake: cols
 * or out NULL, an unknown version, a required column NULL (with rows > 0),
 * a kind other than the three above, a boolean other than 1 or 0. Zero rows
 * give an empty set and a "no-submissions" warning. *diags as for
 * dii_submissions_load_memory, with DII_DEFAULT_MAX_DIAGNOSTICS as the cap.
 * The limits of dii_parse_options do not apply:
 * they guard the parsing of text that came from outside, and these columns
 * are already in the caller's memory, sized by the caller.
 * cols and its arrays must not change during the call.
 */
DII_API dii_status dii_submissions_from_columns(const dii_columns *cols, const char *name,
                                                dii_submissions **out,
                                                dii_diagnostics **diags);

/**
 * Copies n loaded sets into one new set (*out, free with
 * dii_submissions_free), in order, so that submissions spread over several
 * files are validated, scored and ranked as one cohort. Each submission
 * keeps the name of the input it came from, and diagnostics about it name
 * that file. The parts are not changed and may be freed afterwards.
 */
DII_API dii_status dii_submissions_merge(const dii_submissions *const *parts, size_t n,
                                         dii_submissions **out);

DII_API size_t dii_submissions_count(const dii_submissions *subs);
/** The i-th submission in input order, or NULL. Borrowed. */
DII_API const dii_submission *dii_submissions_get(const dii_submissions *subs, size_t i);

/** The "framework" field, or NULL (CSV input has none). */
DII_API const char *dii_submission_framework(const dii_submission *sub);
DII_API const char *dii_submission_unit_id(const dii_submission *sub);
/** The unit's name, or NULL. */
DII_API const char *dii_submission_unit_name(const dii_submission *sub);
DII_API int dii_submission_year(const dii_submission *sub);
/** Line where the submission starts in its input (1-based). */
DII_API unsigned long dii_submission_line(const dii_submission *sub);

typedef enum dii_value_kind {
    DII_VALUE_NUMBER = 0,
    DII_VALUE_BOOLEAN = 1,
    DII_VALUE_MISSING = 2,  /**< null in JSON, empty in CSV */
    DII_VALUE_INVALID = 3   /**< present but neither number nor boolean (validation says why) */
} dii_value_kind;

/** Number of values given in the submission (including null ones). */
DII_API size_t dii_submission_value_count(const dii_submission *sub);
/** Indicator id of the i-th value as written in the input. */
DII_API const char *dii_submission_value_indicator(const dii_submission *sub, size_t i);
DII_API dii_value_kind dii_submission_value_kind(const dii_submission *sub, size_t i);
/** The number (booleans as 1/0; 0 for missing or invalid). */
DII_API double dii_submission_value_number(const dii_submission *sub, size_t i);
/** The "sources" text for the i-th value, or NULL. */
DII_API const char *dii_submission_value_source(const dii_submission *sub, size_t i);

/* ------------------------------------------------------------------------ */
/* Validation                                                                */
/* ------------------------------------------------------------------------ */

#define DII_VALIDATE_OPTIONS_VERSION 1

/**
 * Options for dii_validate_with. Initialise with DII_VALIDATE_OPTIONS_INIT;
 * members are only ever appended, with the version bumped (libdii 1.2).
 */
typedef struct dii_validate_options {
    unsigned int version;   /**< DII_VALIDATE_OPTIONS_VERSION */
    /** The most diagnostics one call lists, the loader's findings (which
     *  validation repeats) included; 0 means DII_DEFAULT_MAX_DIAGNOSTICS.
     *  Beyond it diagnostics are counted, not kept, and one
     *  "too-many-diagnostics" item ends the list, as for
     *  dii_parse_options.max_diagnostics (diagnostics the loader left out
     *  are counted in it too). */
    size_t max_diagnostics;
} dii_validate_options;

#define DII_VALIDATE_OPTIONS_INIT { DII_VALIDATE_OPTIONS_VERSION, 0 }
/** DII_VALIDATE_OPTIONS_INIT as a function (see dii_parse_options_init). Since libdii 1.2. */
DII_API dii_status dii_validate_options_init(dii_validate_options *opts, unsigned int version);

/**
 * Checks every submission against the framework and collects every problem
 * (the codes of the "Diagnostic codes" table) into a new list *diags, which the caller frees:
 * the loader's findings (repeated) and validation's, together in input
 * order: by file (a merged set's files in the order they first appear in
 * the list, which is the merge order unless an earlier input has no
 * diagnostic), then line, then column, items without a line last in their
 * file, ties in the order found (since 1.2; before, the loader's came
 * first and each submission's in the order checked); and last, when the
 * list reached opts->max_diagnostics, one "too-many-diagnostics" item
 * (the max_diagnostics kept are the first found, then sorted). A submission without any value gets one
 * "missing-value" warning, not one per indicator. opts may be NULL for the
 * defaults; DII_ERR_INVALID_ARGUMENT for an unknown opts->version.
 * Returns DII_OK when there is no error (warnings allowed), DII_ERR_VALIDATION
 * when there is at least one; *diags is filled in both cases.
 * Since libdii 1.2.
 */
DII_API dii_status dii_validate_with(const dii_framework *fw, const dii_submissions *subs,
                                     const dii_validate_options *opts, dii_diagnostics **diags);

/**
 * dii_validate_with(fw, subs, NULL, diags): the default options.
 */
DII_API dii_status dii_validate(const dii_framework *fw, const dii_submissions *subs,
                                dii_diagnostics **diags);

/**
 * Picks the built-in framework named by the submissions' "framework" field.
 * DII_ERR_NOT_FOUND with an "unknown-framework" diagnostic when the name is
 * not built in; DII_ERR_VALIDATION when the submissions name no framework or
 * several different ones. diags may be NULL.
 */
DII_API dii_status dii_framework_for_submissions(const dii_submissions *subs,
                                                 dii_framework **out, dii_diagnostics **diags);

/* ------------------------------------------------------------------------ */
/* Scoring                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct dii_results dii_results;
typedef struct dii_result dii_result;

#define DII_SCORE_OPTIONS_VERSION 1

/** Options for dii_score. Initialise with DII_SCORE_OPTIONS_INIT. */
typedef struct dii_score_options {
    unsigned int version; /**< DII_SCORE_OPTIONS_VERSION */
    int target_year;      /**< 0: each submission against its own year's targets */
} dii_score_options;

#define DII_SCORE_OPTIONS_INIT { DII_SCORE_OPTIONS_VERSION, 0 }
/** DII_SCORE_OPTIONS_INIT as a function (see dii_parse_options_init). Since libdii 1.2. */
DII_API dii_status dii_score_options_init(dii_score_options *opts, unsigned int version);

/**
 * Scores every submission. Submissions with the same target year form one
 * cohort: cohort methods normalise within it and ranks are given within it.
 * Validates first: returns DII_ERR_VALIDATION (and *out NULL) when
 * dii_validate would report an error; the diagnostics (errors and warnings,
 * in dii_validate's order: input order) go to *diags when diags is not NULL. opts may be NULL for defaults.
 */
DII_API dii_status dii_score(const dii_framework *fw, const dii_submissions *subs,
                             const dii_score_options *opts, dii_results **out,
                             dii_diagnostics **diags);
/** Thread-safe for distinct handles; no other thread may still be using this one. */
DII_API void dii_results_free(dii_results *results);

/** Number of results (one per submission, in input order). */
DII_API size_t dii_results_count(const dii_results *results);
DII_API const dii_result *dii_results_get(const dii_results *results, size_t i);
/** Warnings that every output of these results must carry (provisional data ...). */
DII_API size_t dii_results_warning_count(const dii_results *results);
DII_API const char *dii_results_warning(const dii_results *results, size_t i);
/**
 * Serialises as "dii-result/1" JSON (docs/formats.md) with numbers at full
 * precision (shortest text that reads back to the same double; -0 prints
 * as 0 and a non-finite number, which scoring never produces, as null).
 * *json is a new NUL-terminated buffer, free with dii_free; len may be NULL.
 * Pretty-printed with a 2-space indent and a final newline.
 */
DII_API dii_status dii_results_to_json(const dii_results *results, char **json, size_t *len);

/** Flags of dii_results_to_csv and dii_results_write_csv (bits; 0 for the
 * default document). Since libdii 1.2. */
typedef enum dii_results_csv_flags {
    /** Leave out the header row (to append the rows of several sets of
     * results to one table). */
    DII_RESULTS_CSV_NO_HEADER = 1u << 0
} dii_results_csv_flags;

/**
 * Name of the i-th column of the results CSV (dii_results_to_csv): "unit_id",
 * "unit_name", "year", "target_year", "group", "code", "indicator", "value",
 * "target_op", "target_value", "target_basis", "status", "attainment",
 * "points", "max_points", "gap", "progress", "provisional", "index", "rank";
 * NULL for i past the last (so a caller counts them by asking until NULL).
 * The one list: bindings read it from here. Static strings. Thread-safe.
 * Since libdii 1.2.
 */
DII_API const char *dii_results_csv_column(size_t i);

/**
 * Writes the results as CSV to write(ctx, ...) (see dii_write_fn), in pieces
 * of about 64 KiB, as it is produced: exactly what `dii score --format csv`
 * prints. A header row of the dii_results_csv_column names (unless flags
 * has DII_RESULTS_CSV_NO_HEADER), then one row per result x indicator, in
 * result then framework order; index and rank repeat the result's (rank 0:
 * unranked).
 * RFC 4180: CRLF line ends, ',' between fields, a field quoted when it
 * holds a comma, a quote, CR or LF, quotes inside doubled. An absent
 * figure (a missing value, no target, no gap or progress, no code or unit
 * name) is an empty cell. Values and target values of a yes/no indicator
 * are true / false, the names of statuses, ops and bases those of the JSON
 * document. Numbers are written as dii_results_to_json writes them, in the
 * same characters: the shortest decimal that reads back to the same double,
 * laid out as JavaScript prints numbers (23, 0.95, 0.000025, 1e-7, 1e+21;
 * -0 as 0), '.' as decimal mark whatever the locale.
 * Formula injection: a cell of free text (unit_id, unit_name, group, code,
 * indicator) that starts with '=', '+', '-', '@', tab or CR, which a
 * spreadsheet would run as a formula, is written quoted with a ' in front,
 * so that a spreadsheet shows it as text; numbers and the format's fixed
 * names are never changed.
 * Errors: DII_ERR_INVALID_ARGUMENT when results or write is NULL or flags
 * has an unknown bit (write is not called); DII_ERR_IO when write returned
 * nonzero (it is not called again); DII_ERR_NO_MEMORY. On failure the sink
 * may have received part of the document (never a piece twice). Clears
 * dii_last_error() on success.
 * Thread-safe; results may be shared with other threads; write is called on
 * the calling thread only. Since libdii 1.2.
 */
DII_API dii_status dii_results_write_csv(const dii_results *results, unsigned flags,
                                         dii_write_fn write, void *ctx);

/**
 * The document of dii_results_write_csv in a new NUL-terminated buffer
 * *csv (free with dii_free), its length in *len when len is not NULL.
 * Errors: DII_ERR_INVALID_ARGUMENT when results or csv is NULL or flags
 * has an unknown bit; DII_ERR_NO_MEMORY. On failure *csv is NULL (and *len
 * 0). Clears dii_last_error() on success.
 * Thread-safe; results may be shared with other threads. Since libdii 1.2.
 */
DII_API dii_status dii_results_to_csv(const dii_results *results, unsigned flags, char **csv,
                                      size_t *len);

/**
 * Rounds an index the way ranking does: half away from zero to `decimals`
 * places (the framework's rank_decimals). The one rounding rule for ranks.
 * The value is first reduced to 12 significant digits so that binary noise
 * (0.95025 stored as 0.95024999...) cannot turn a published tie into two
 * ranks; the result is the double nearest the rounded decimal. Pure.
 */
DII_API double dii_round_index(double index, int decimals);

DII_API const char *dii_result_unit_id(const dii_result *r);
DII_API const char *dii_result_unit_name(const dii_result *r);
DII_API int dii_result_year(const dii_result *r);
/** The year whose targets applied: the options' target_year, else the data's year. */
DII_API int dii_result_target_year(const dii_result *r);
DII_API double dii_result_points(const dii_result *r);
/** Maximum points: all indicators, less excluded missing ones under "exclude". */
DII_API double dii_result_max_points(const dii_result *r);
/** points / max_points, at full precision (0 when max_points is 0). */
DII_API double dii_result_index(const dii_result *r);
/** Standard competition rank (1, 2, 2, 4) within the cohort. */
DII_API int dii_result_rank(const dii_result *r);
/** Size of the cohort the rank is within. */
DII_API size_t dii_result_cohort_size(const dii_result *r);
/** How many indicators have the given compliance status. */
DII_API size_t dii_result_compliance_count(const dii_result *r, dii_compliance status);

/** Groups in framework order. */
DII_API size_t dii_result_group_count(const dii_result *r);
DII_API const char *dii_result_group_id(const dii_result *r, size_t g);
DII_API double dii_result_group_points(const dii_result *r, size_t g);
DII_API double dii_result_group_max_points(const dii_result *r, size_t g);
DII_API double dii_result_group_index(const dii_result *r, size_t g);

/** Indicators in framework order (index k matches dii_framework_indicator). */
DII_API size_t dii_result_indicator_count(const dii_result *r);
DII_API const char *dii_result_indicator_id(const dii_result *r, size_t k);
/** 1 when a value was given (then *value, booleans as 1/0), 0 when missing. */
DII_API int dii_result_indicator_value(const dii_result *r, size_t k, double *value);
DII_API double dii_result_indicator_points(const dii_result *r, size_t k);
/** The indicator's maximum points in this result (0 when excluded as missing). */
DII_API double dii_result_indicator_max_points(const dii_result *r, size_t k);
/** Attainment in [0, 1]; points = attainment x indicator points. */
DII_API double dii_result_indicator_attainment(const dii_result *r, size_t k);
/**
 * Compliance of indicator k: met, not met, no target, missing.
 * Absent: DII_COMPLIANCE_MISSING for an index out of range (or r NULL).
 * Since libdii 1.2.
 */
DII_API dii_compliance dii_result_indicator_compliance(const dii_result *r, size_t k);
/** Deprecated since 1.2: dii_result_indicator_compliance (a dii_compliance, not a dii_status). */
DII_API DII_DEPRECATED dii_compliance dii_result_indicator_status(const dii_result *r, size_t k);
/** 1 when a target applies (then year, op, value, basis; any may be NULL), else 0. */
DII_API int dii_result_indicator_target(const dii_result *r, size_t k, int *year, dii_op *op,
                                        double *value, dii_target_basis *basis);
/**
 * 1 and the gap when there is a value and a numeric target: how far the value
 * is short of the target (target - value; value - target when lower is
 * better); 0 or less means reached. 0 otherwise, and when the difference
 * would not be a finite number (a value near the largest double): results
 * never hold a non-finite number.
 */
DII_API int dii_result_indicator_gap(const dii_result *r, size_t k, double *gap);
/**
 * 1 and the progress from the baseline when the value's year is after the
 * baseline year and target != baseline: (value - baseline) / (target -
 * baseline), unclamped (negative = went backwards). 0 otherwise, and when
 * the quotient would not be a finite number (an extreme value against a
 * target very close to its baseline).
 */
DII_API int dii_result_indicator_progress(const dii_result *r, size_t k, double *progress);
DII_API int dii_result_indicator_provisional(const dii_result *r, size_t k);

#define DII_INDICATOR_COLUMNS_VERSION 1

/**
 * Where dii_results_indicator_columns writes every result's indicator
 * outcomes as columns, for data-frame and array consumers: each array has
 * dii_results_count x n entries, n the framework's indicator count, entry
 * r * n + k for result r and indicator k. A NULL array is not written.
 * Initialise with DII_INDICATOR_COLUMNS_INIT.
 */
typedef struct dii_indicator_columns {
    unsigned int version;      /**< DII_INDICATOR_COLUMNS_VERSION */
    double *value;             /**< NaN when missing (booleans as 1 / 0) */
    double *points;
    double *max_points;
    double *attainment;
    signed char *status;       /**< dii_compliance */
    int *target_year;          /**< 0 without a target */
    signed char *target_op;    /**< dii_op; -1 without a target */
    double *target_value;      /**< NaN without a target */
    signed char *target_basis; /**< dii_target_basis; -1 without a target */
    double *gap;               /**< NaN when there is none (dii_result_indicator_gap) */
    double *progress;          /**< NaN when there is none */
    unsigned char *provisional; /**< 1 or 0 */
} dii_indicator_columns;

#define DII_INDICATOR_COLUMNS_INIT \
    { DII_INDICATOR_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
      NULL, NULL, NULL }

/**
 * Writes the figures the dii_result_indicator_* accessors give, for every
 * result and indicator at once, into the arrays of *out (sized by the
 * caller, see dii_indicator_columns). DII_ERR_INVALID_ARGUMENT when results
 * or out is NULL or out->version is unknown.
 * Since libdii 1.2.
 */
DII_API dii_status dii_results_fill_indicator_columns(const dii_results *results,
                                                      dii_indicator_columns *out);
/**
 * Deprecated since 1.2: dii_results_fill_indicator_columns (its output was
 * marked const). The same, from libdii 1.1.
 */
DII_API DII_DEPRECATED dii_status dii_results_indicator_columns(const dii_results *results,
                                                                const dii_indicator_columns *out);

/* ------------------------------------------------------------------------ */
/* Tracking: is a unit on track for its targets? (docs/tracking.md)         */
/* ------------------------------------------------------------------------ */

typedef struct dii_crosswalk dii_crosswalk;
typedef struct dii_tracking dii_tracking;

/** How the observed and required paces are measured (docs/tracking.md §1). */
typedef enum dii_pace_method {
    DII_PACE_LINEAR = 0, /**< "linear": least-squares slope; required (target - y0) / (T - t0) */
    DII_PACE_CAGR = 1    /**< "cagr": compound annual growth rates (0 counts as 0.001) */
} dii_pace_method;

/** Status of one unit x indicator x milestone; the first rule that applies, in this order. */
typedef enum dii_track_status {
    DII_TRACK_NO_TARGET = 0,           /**< "no_target": the indicator has no targets */
    DII_TRACK_ACHIEVED = 1,            /**< "achieved": the latest value meets target_T */
    DII_TRACK_NOT_ACHIEVED = 2,        /**< "not_achieved": yes/no indicator, not achieved */
    DII_TRACK_INSUFFICIENT_DATA = 3,   /**< "insufficient_data": fewer than two points */
    DII_TRACK_ON_TRACK = 4,            /**< "on_track": pace ratio >= 0.95 */
    DII_TRACK_ACCELERATION_NEEDED = 5, /**< "acceleration_needed": 0.6 <= ratio < 0.95 */
    DII_TRACK_LIMITED_PROGRESS = 6,    /**< "limited_progress": 0 <= ratio < 0.6 */
    DII_TRACK_DETERIORATING = 7        /**< "deteriorating": ratio < 0, or moving away */
} dii_track_status;

/** "linear" or "cagr"; NULL outside the enumeration. Static storage. */
DII_API const char *dii_pace_method_name(dii_pace_method method);
/** "on_track", ...; NULL outside the enumeration. Static storage. */
DII_API const char *dii_track_status_name(dii_track_status status);

/**
 * Loads a unit crosswalk: CSV text with a header naming the columns
 * from_unit, to_unit and optionally weight (docs/tracking.md §4), and the
 * effective year: every former unit's submissions for years before it are
 * merged into its new unit by dii_track. len bytes at data (need not be
 * NUL-terminated); `name` labels diagnostics (may be NULL). Every problem
 * is collected into *diags (when diags is not NULL; free with
 * dii_diagnostics_free), located by line and column. Returns DII_ERR_PARSE
 * for a syntax or encoding error, DII_ERR_VALIDATION for a bad row,
 * DII_ERR_OUT_OF_RANGE for an effective year outside DII_YEAR_MIN ..
 * DII_YEAR_MAX, DII_ERR_INVALID_ARGUMENT for NULL data (with len > 0) or
 * out; *out is NULL on failure.
 */
DII_API dii_status dii_crosswalk_load_memory(const char *data, size_t len, const char *name,
                                             int effective_year, dii_crosswalk **out,
                                             dii_diagnostics **diags);
/**
 * As dii_crosswalk_load_memory, from a file. DII_ERR_IO (and one
 * "unreadable" diagnostic) when it cannot be read.
 */
DII_API dii_status dii_crosswalk_load_file(const char *path, int effective_year,
                                           dii_crosswalk **out, dii_diagnostics **diags);
/** NULL is a no-op. Thread-safe for distinct handles; no other thread may still use this one. */
DII_API void dii_crosswalk_free(dii_crosswalk *cw);
/** The effective year given at load. */
DII_API int dii_crosswalk_effective_year(const dii_crosswalk *cw);
/** Number of rows (one per former unit). */
DII_API size_t dii_crosswalk_count(const dii_crosswalk *cw);
/**
 * Row i in file order: the former unit, the new unit and the weight (1 when
 * not given); any out parameter may be NULL. Absent: DII_ERR_OUT_OF_RANGE when i is
 * too large. Strings are owned by the crosswalk.
 */
DII_API dii_status dii_crosswalk_row(const dii_crosswalk *cw, size_t i, const char **from_unit,
                                     const char **to_unit, double *weight);

#define DII_TRACKING_OPTIONS_VERSION 1

/**
 * Options for dii_track. Initialise with DII_TRACKING_OPTIONS_INIT. Members
 * are only ever added at the end, with the version bumped; the library reads
 * a member only when `version` says the caller has it.
 */
typedef struct dii_tracking_options {
    unsigned int version;       /**< DII_TRACKING_OPTIONS_VERSION */
    /** The milestone years for every unit (sorted and each taken once by the
     *  library); NULL: for each unit the framework's target years after its
     *  latest observed year. */
    const int *milestones;
    size_t milestone_count;
    dii_pace_method pace;       /**< DII_PACE_LINEAR (default) or DII_PACE_CAGR */
    const dii_crosswalk *crosswalk; /**< NULL: no units merged */
} dii_tracking_options;

#define DII_TRACKING_OPTIONS_INIT { DII_TRACKING_OPTIONS_VERSION, NULL, 0, DII_PACE_LINEAR, NULL }
/** DII_TRACKING_OPTIONS_INIT as a function (see dii_parse_options_init). Since libdii 1.2. */
DII_API dii_status dii_tracking_options_init(dii_tracking_options *opts, unsigned int version);

/**
 * Tracks every unit of a multi-year panel towards its milestones
 * (docs/tracking.md): per unit x indicator the start point, latest value and
 * observed pace; per milestone the target, required pace, pace ratio,
 * status, projection and expected year; per unit the score trajectory (each
 * observed year scored by dii_score against its own year's targets, ranked
 * within that year's cohort) and the projected score at each milestone.
 * Validates first, as dii_score does: DII_ERR_VALIDATION (and *out NULL)
 * when dii_validate reports an error, or when the crosswalk would count a
 * unit twice ("crosswalk-conflict"); the diagnostics go to *diags when diags
 * is not NULL. opts may be NULL for defaults. DII_ERR_INVALID_ARGUMENT for
 * NULL fw, subs or out, an unknown options version or pace method, NULL
 * milestones with a non-zero count; DII_ERR_OUT_OF_RANGE for a milestone
 * outside DII_YEAR_MIN .. DII_YEAR_MAX.
 * The result is immutable and owns copies of everything it needs: fw, subs
 * and the crosswalk may be freed afterwards.
 */
DII_API dii_status dii_track(const dii_framework *fw, const dii_submissions *subs,
                             const dii_tracking_options *opts, dii_tracking **out,
                             dii_diagnostics **diags);
/** NULL is a no-op. Thread-safe for distinct handles; no other thread may still use this one. */
DII_API void dii_tracking_free(dii_tracking *tr);

/** Id of the framework tracked against. */
DII_API const char *dii_tracking_framework_id(const dii_tracking *tr);
DII_API dii_pace_method dii_tracking_pace_method(const dii_tracking *tr);
/** Effective year of the crosswalk used, 0 when none. */
DII_API int dii_tracking_crosswalk_year(const dii_tracking *tr);
/** Warnings every output must carry (provisional framework or indicators). */
DII_API size_t dii_tracking_warning_count(const dii_tracking *tr);
DII_API const char *dii_tracking_warning(const dii_tracking *tr, size_t i);

/** The framework's indicators, in framework order (index k below). */
DII_API size_t dii_tracking_indicator_count(const dii_tracking *tr);
DII_API const char *dii_tracking_indicator_id(const dii_tracking *tr, size_t k);
/** The indicator's code, or NULL. */
DII_API const char *dii_tracking_indicator_code(const dii_tracking *tr, size_t k);

/** Units, in order of first appearance in the (merged) input. */
DII_API size_t dii_tracking_unit_count(const dii_tracking *tr);
DII_API const char *dii_tracking_unit_id(const dii_tracking *tr, size_t u);
/** The unit's name (the first one its own submissions give), or NULL. */
DII_API const char *dii_tracking_unit_name(const dii_tracking *tr, size_t u);

/** Number of observed years of unit u (the score trajectory). */
DII_API size_t dii_tracking_unit_year_count(const dii_tracking *tr, size_t u);
/**
 * The score of unit u's i-th observed year (ascending), as a dii_result
 * owned by the tracking: read it with the dii_result_* accessors (year,
 * points, index, rank within that year's cohort, compliance counts,
 * groups, indicators). NULL when u or i is out of range.
 */
DII_API const dii_result *dii_tracking_unit_year(const dii_tracking *tr, size_t u, size_t i);

/** Number of milestones of unit u. */
DII_API size_t dii_tracking_unit_milestone_count(const dii_tracking *tr, size_t u);
/** Year of unit u's m-th milestone (ascending), 0 when out of range. */
DII_API int dii_tracking_unit_milestone_year(const dii_tracking *tr, size_t u, size_t m);
/**
 * The projected score of unit u at its m-th milestone ("if the pace
 * holds"), a dii_result owned by the tracking (its year is the milestone;
 * rank within the milestone's cohort). NULL when out of range.
 */
DII_API const dii_result *dii_tracking_unit_projected(const dii_tracking *tr, size_t u,
                                                      size_t m);

/**
 * Start point of unit u's indicator k: 1 and its year and value (booleans
 * as 1 / 0), or 0 when the unit never observed it. Out parameters may be NULL.
 */
DII_API int dii_tracking_indicator_start(const dii_tracking *tr, size_t u, size_t k, int *year,
                                         double *value);
/** Latest observation, as dii_tracking_indicator_start. */
DII_API int dii_tracking_indicator_latest(const dii_tracking *tr, size_t u, size_t k, int *year,
                                          double *value);
/** Number of points the pace uses (observations, plus an earlier baseline). */
DII_API size_t dii_tracking_indicator_point_count(const dii_tracking *tr, size_t u, size_t k);
/** 1 and the observed pace when there is one, else 0. */
DII_API int dii_tracking_indicator_observed_pace(const dii_tracking *tr, size_t u, size_t k,
                                                 double *pace);

/**
 * The target of unit u's indicator k at its m-th milestone (the one
 * dii_indicator_target_for_year gives): 1 and op, value and basis (any may
 * be NULL), or 0 when the indicator has no targets or an index is out of range.
 */
DII_API int dii_tracking_milestone_target(const dii_tracking *tr, size_t u, size_t k, size_t m,
                                          dii_op *op, double *value, dii_target_basis *basis);
/** 1 and the required pace when there is one, else 0. */
DII_API int dii_tracking_milestone_required_pace(const dii_tracking *tr, size_t u, size_t k,
                                                 size_t m, double *pace);
/** 1 and the pace ratio when it is reported (docs/tracking.md §2.2), else 0. */
DII_API int dii_tracking_milestone_pace_ratio(const dii_tracking *tr, size_t u, size_t k,
                                              size_t m, double *ratio);
/** Status. Absent: DII_TRACK_INSUFFICIENT_DATA for an index out of range. */
DII_API dii_track_status dii_tracking_milestone_status(const dii_tracking *tr, size_t u,
                                                       size_t k, size_t m);
/** 1 and the clamped projection to the milestone when there is one, else 0. */
DII_API int dii_tracking_milestone_projection(const dii_tracking *tr, size_t u, size_t k,
                                              size_t m, double *value);
/** The expected year, or 0 when none (or an index is out of range). */
DII_API int dii_tracking_milestone_expected_year(const dii_tracking *tr, size_t u, size_t k,
                                                 size_t m);

/** Number of values of unit u merged by the crosswalk. */
DII_API size_t dii_tracking_unit_merged_count(const dii_tracking *tr, size_t u);
/**
 * The i-th merged value of unit u (by year, then indicator): its year, the
 * indicator's index k, the merged value and the number of former units it
 * came from. Absent: DII_ERR_OUT_OF_RANGE when an index is too large; out
 * parameters may be NULL.
 */
DII_API dii_status dii_tracking_unit_merged(const dii_tracking *tr, size_t u, size_t i,
                                            int *year, size_t *indicator, double *value,
                                            size_t *source_count);
/**
 * Former unit j of the i-th merged value of unit u: its id (owned by the
 * tracking), weight and value. Absent: DII_ERR_OUT_OF_RANGE when an index is
 * too large.
 */
DII_API dii_status dii_tracking_unit_merged_source(const dii_tracking *tr, size_t u, size_t i,
                                                   size_t j, const char **unit, double *weight,
                                                   double *value);

/**
 * Serialises as "dii-tracking/1" JSON (docs/tracking.md §5, schema
 * data/schema/tracking.schema.json): numbers at full precision, absent
 * values null, 2-space indent, final newline. *json is new (free with
 * dii_free); len may be NULL.
 */
DII_API dii_status dii_tracking_to_json(const dii_tracking *tr, char **json, size_t *len);

#define DII_MILESTONE_COLUMNS_VERSION 1

/**
 * Where dii_tracking_milestone_columns writes every unit x indicator x
 * milestone row: dii_tracking_milestone_row_count entries per array, in
 * order unit, indicator, milestone. A NULL array is not written.
 * Initialise with DII_MILESTONE_COLUMNS_INIT.
 */
typedef struct dii_milestone_columns {
    unsigned int version;       /**< DII_MILESTONE_COLUMNS_VERSION */
    size_t *unit;               /**< index u */
    size_t *indicator;          /**< index k */
    int *year;                  /**< the milestone */
    int *start_year;            /**< 0 without a start point */
    double *start_value;        /**< NaN without one */
    int *latest_year;           /**< 0 without a latest value */
    double *latest_value;       /**< NaN without one */
    double *observed_pace;      /**< NaN without one */
    signed char *target_op;     /**< dii_op; -1 without a target */
    double *target_value;       /**< NaN without a target */
    signed char *target_basis;  /**< dii_target_basis; -1 without a target */
    double *required_pace;      /**< NaN without one */
    double *pace_ratio;         /**< NaN when not reported */
    signed char *status;        /**< dii_track_status */
    double *projection;         /**< NaN without one */
    int *expected_year;         /**< 0 when none */
} dii_milestone_columns;

#define DII_MILESTONE_COLUMNS_INIT \
    { DII_MILESTONE_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
      NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Rows dii_tracking_milestone_columns writes: sum over units of indicators x milestones. */
DII_API size_t dii_tracking_milestone_row_count(const dii_tracking *tr);

/**
 * Writes the figures the dii_tracking_indicator_* and
 * dii_tracking_milestone_* accessors give, for every row at once, into the
 * arrays of *out (sized by the caller). DII_ERR_INVALID_ARGUMENT when tr or
 * out is NULL or out->version is unknown.
 */
DII_API dii_status dii_tracking_milestone_columns(const dii_tracking *tr,
                                                  dii_milestone_columns *out);

/* ------------------------------------------------------------------------ */
/* Comparison: round against round, year against year (docs/compare.md)    */
/* ------------------------------------------------------------------------ */

typedef struct dii_comparison dii_comparison;

/** One side of a comparison. */
typedef enum dii_compare_side {
    DII_SIDE_A = 0, /**< the first results given to dii_compare (e.g. the self-assessment) */
    DII_SIDE_B = 1  /**< the second (e.g. the ministry's round); deltas are B - A */
} dii_compare_side;

/** How dii_compare matched the two sides' results (docs/compare.md §2). */
typedef enum dii_compare_match {
    DII_MATCH_UNIT = 0,     /**< "unit": on the unit id (each unit at most once per side) */
    DII_MATCH_UNIT_YEAR = 1 /**< "unit_year": on unit id and data year (panels) */
} dii_compare_match;

/** What differs in a row: the bits of dii_comparison_row_changes. */
enum {
    DII_CHANGED_VALUE = 1,  /**< a value appeared, disappeared or differs */
    DII_CHANGED_POINTS = 2, /**< points differ, or the entry is on one side only */
    DII_CHANGED_STATUS = 4  /**< compliance differs, or the entry is on one side only */
};

/** "unit" or "unit_year"; NULL outside the enumeration. Static storage. */
DII_API const char *dii_compare_match_name(dii_compare_match match);

#define DII_COMPARE_OPTIONS_VERSION 1

/**
 * Options for dii_compare. Initialise with DII_COMPARE_OPTIONS_INIT. Members
 * are only ever added at the end, with the version bumped; the library reads
 * a member only when `version` says the caller has it.
 */
typedef struct dii_compare_options {
    unsigned int version; /**< DII_COMPARE_OPTIONS_VERSION */
    int all_rows;         /**< 0: list only changed rows; non-zero: every row */
} dii_compare_options;

#define DII_COMPARE_OPTIONS_INIT { DII_COMPARE_OPTIONS_VERSION, 0 }
/** DII_COMPARE_OPTIONS_INIT as a function (see dii_parse_options_init). Since libdii 1.2. */
DII_API dii_status dii_compare_options_init(dii_compare_options *opts, unsigned int version);

/**
 * Compares two scorings of the same units with the same framework
 * (docs/compare.md): a self-assessment against the ministry's round, or one
 * year against another. Results are matched on the unit id, or on unit id
 * and data year when a unit occurs several times on a side; each entry has
 * its totals on each side and their deltas (B - A; a positive rank delta is
 * a worse place), and per indicator the value, points and compliance on
 * each side, their deltas and what changed. Units found on one side only
 * are kept. opts may be NULL for defaults (only changed rows).
 * DII_ERR_INVALID_ARGUMENT (and a dii_last_error naming both frameworks)
 * when a and b were scored with different frameworks (id, version or
 * indicators); also for NULL a, b or out, an unknown options version, and a
 * side holding one matching key twice. *out is NULL on failure.
 * The comparison owns copies of everything it reports: a and b may be freed
 * afterwards.
 */
DII_API dii_status dii_compare(const dii_results *a, const dii_results *b,
                               const dii_compare_options *opts, dii_comparison **out);
/** NULL is a no-op. Thread-safe for distinct handles; no other thread may still use this one. */
DII_API void dii_comparison_free(dii_comparison *cmp);

/** Id of the framework both sides were scored with. */
DII_API const char *dii_comparison_framework_id(const dii_comparison *cmp);
/** How the sides were matched. */
DII_API dii_compare_match dii_comparison_match(const dii_comparison *cmp);
/** 1 when every row is listed (opts->all_rows), 0 when only changed rows. */
DII_API int dii_comparison_all_rows(const dii_comparison *cmp);
/** Warnings every output must carry: A's, then B's that A lacks. */
DII_API size_t dii_comparison_warning_count(const dii_comparison *cmp);
DII_API const char *dii_comparison_warning(const dii_comparison *cmp, size_t i);

/** The framework's indicators, in framework order (index k). */
DII_API size_t dii_comparison_indicator_count(const dii_comparison *cmp);
DII_API const char *dii_comparison_indicator_id(const dii_comparison *cmp, size_t k);
/** The indicator's code, or NULL. */
DII_API const char *dii_comparison_indicator_code(const dii_comparison *cmp, size_t k);

/**
 * Entries: one per unit (per unit and year when matched so), A's in A's
 * order, then those only in B in B's order.
 */
DII_API size_t dii_comparison_unit_count(const dii_comparison *cmp);
DII_API const char *dii_comparison_unit_id(const dii_comparison *cmp, size_t u);
/** A's unit name when A gives one, else B's, or NULL. */
DII_API const char *dii_comparison_unit_name(const dii_comparison *cmp, size_t u);
/**
 * Entry u's totals on one side: 1 and its data year, target year, points,
 * index and rank (within that side's cohort) when the entry is on that
 * side; 0 (out parameters set to 0) when not, or an index is out of range.
 * Out parameters may be NULL.
 */
DII_API int dii_comparison_unit_score(const dii_comparison *cmp, size_t u,
                                      dii_compare_side side, int *year, int *target_year,
                                      double *points, double *index, int *rank);
/**
 * 1 and the deltas B - A of entry u's points, index and rank when it is on
 * both sides (a positive rank delta is a worse place); else 0. Out
 * parameters may be NULL.
 */
DII_API int dii_comparison_unit_delta(const dii_comparison *cmp, size_t u, double *points,
                                      double *index, int *rank);
/** 1 when entry u is on one side only, has a changed row, or its points, index or rank differ. */
DII_API int dii_comparison_unit_changed(const dii_comparison *cmp, size_t u);

/** Rows listed for entry u: the changed ones, or all with all_rows. */
DII_API size_t dii_comparison_row_count(const dii_comparison *cmp, size_t u);
/** The indicator index k of entry u's i-th row. Absent: SIZE_MAX when out of range. */
DII_API size_t dii_comparison_row_indicator(const dii_comparison *cmp, size_t u, size_t i);
/** 1 and the value on one side (booleans as 1 / 0) when there is one, else 0. */
DII_API int dii_comparison_row_value(const dii_comparison *cmp, size_t u, size_t i,
                                     dii_compare_side side, double *value);
/** 1 and the points on one side when the entry is on it, else 0. */
DII_API int dii_comparison_row_points(const dii_comparison *cmp, size_t u, size_t i,
                                      dii_compare_side side, double *points);
/** 1 and the compliance on one side when the entry is on it, else 0. */
DII_API int dii_comparison_row_status(const dii_comparison *cmp, size_t u, size_t i,
                                      dii_compare_side side, dii_compliance *status);
/**
 * 1 and value B - value A when both are given, the indicator is not yes/no
 * and the difference is finite; else 0.
 */
DII_API int dii_comparison_row_value_delta(const dii_comparison *cmp, size_t u, size_t i,
                                           double *delta);
/** 1 and points B - points A when the entry is on both sides, else 0. */
DII_API int dii_comparison_row_points_delta(const dii_comparison *cmp, size_t u, size_t i,
                                            double *delta);
/** DII_CHANGED_* bits of what differs in the row; 0 when nothing (or out of range). */
DII_API int dii_comparison_row_changes(const dii_comparison *cmp, size_t u, size_t i);

/**
 * Serialises as "dii-comparison/1" JSON (docs/compare.md §5, schema
 * data/schema/comparison.schema.json): numbers at full precision, absent
 * values null, 2-space indent, final newline. *json is new (free with
 * dii_free); len may be NULL.
 */
DII_API dii_status dii_comparison_to_json(const dii_comparison *cmp, char **json, size_t *len);

#define DII_COMPARISON_COLUMNS_VERSION 1

/**
 * Where dii_comparison_rows_columns writes every listed row:
 * dii_comparison_total_row_count entries per array, entry by entry, rows in
 * order. A NULL array is not written. Initialise with
 * DII_COMPARISON_COLUMNS_INIT.
 */
typedef struct dii_comparison_columns {
    unsigned int version;          /**< DII_COMPARISON_COLUMNS_VERSION */
    size_t *unit;                  /**< entry index u */
    size_t *indicator;             /**< index k */
    double *value_a;               /**< NaN without a value (booleans as 1 / 0) */
    double *value_b;
    double *delta_value;           /**< NaN without one */
    double *points_a;              /**< NaN when the entry is not on that side */
    double *points_b;
    double *delta_points;          /**< NaN without one */
    signed char *status_a;         /**< dii_compliance; -1 when not on that side */
    signed char *status_b;
    unsigned char *value_changed;  /**< 1 or 0 */
    unsigned char *points_changed;
    unsigned char *status_changed;
    unsigned char *changed;        /**< any of the three */
} dii_comparison_columns;

#define DII_COMPARISON_COLUMNS_INIT \
    { DII_COMPARISON_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
      NULL, NULL, NULL, NULL, NULL }

/** Rows dii_comparison_rows_columns writes: the sum of the entries' row counts. */
DII_API size_t dii_comparison_total_row_count(const dii_comparison *cmp);

/**
 * Writes the figures the dii_comparison_row_* accessors give, for every
 * listed row at once, into the arrays of *out (sized by the caller).
 * DII_ERR_INVALID_ARGUMENT when cmp or out is NULL or out->version is unknown.
 */
DII_API dii_status dii_comparison_rows_columns(const dii_comparison *cmp,
                                               dii_comparison_columns *out);

#ifdef __cplusplus
}
#endif

#endif /* DII_DII_H */
