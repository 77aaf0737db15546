/* The `dii` command: shared declarations. The command uses only the public
 * API of libdii (include/dii/dii.h). */
#ifndef DII_CLI_H
#define DII_CLI_H
#include <stddef.h>
#include <stdio.h>

#include <dii/dii.h>

/* Exit codes: a contract for CI pipelines (design.md §6). */
enum {
    EXIT_VALID = 0,   /* success, or input valid */
    EXIT_INVALID = 1, /* invalid input: errors, or warnings with --strict */
    EXIT_USAGE = 2    /* usage, I/O or internal error */
};

/* Output formats of the subcommands. */
typedef enum out_format {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_JUNIT,
    FORMAT_GITHUB,
    FORMAT_TABLE,
    FORMAT_CSV,
    FORMAT_MARKDOWN
} out_format;

/* The colours of the terminal tables (only when out_style.color says so). */
#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

/* How a writer may decorate its output. */
typedef struct out_style {
    int color;        /* ANSI colours: only on a terminal and when NO_COLOR is unset */
    const char *lang; /* "vi" or "en": which names to print */
} out_style;

/* The diagnostics a report shows: those of a library list that --ignore and
 * --no-warnings leave, in input order (diag_view.c). Borrows the items
 * from the list, which must outlive the view. */
typedef struct diag_view {
    const dii_diagnostics *list; /* the list viewed (NULL: none) */
    const dii_diagnostic **items;
    size_t *at;                  /* items[i] is dii_diagnostics_get(list, at[i]) */
    size_t count;
    size_t errors, warnings; /* among the items */
} diag_view;

/* Which diagnostics a report leaves out (validate --ignore, --no-warnings). */
typedef struct diag_filter {
    unsigned long ignored; /* bit i: the i-th of diag_code_name() */
    int no_warnings;
} diag_filter;

/* One input file of `dii validate`, after loading and validating it. */
typedef struct validated_file {
    const char *name;            /* as given on the command line ("-" = stdin) */
    const dii_submissions *subs; /* NULL when the file could not be loaded */
    diag_view diags;             /* the problems shown for this file */
} validated_file;

/* A file that could not be loaded although no error says why (standard
 * input that could not be read: the reason went to stderr). The machine
 * formats still list it, as an "unreadable" error with this message, so
 * that no report calls such a run valid. */
static inline int unread_without_error(const validated_file *f)
{
    return f->subs == NULL && f->diags.errors == 0;
}
#define UNEXPLAINED_LOAD_FAILURE_MESSAGE "the input could not be read (the reason is on standard error)"

/* ---- command line (args.c) ----------------------------------------------- */

/* Options a subcommand accepts (bit set). */
enum {
    OPT_FORMAT = 1 << 0,
    OPT_FRAMEWORK = 1 << 1,
    OPT_TARGET_YEAR = 1 << 2,
    OPT_OUTPUT = 1 << 3,
    OPT_STRICT = 1 << 4,
    OPT_LANG = 1 << 5,
    OPT_CSV = 1 << 6,   /* --delimiter, --decimal-mark */
    OPT_LIMITS = 1 << 7, /* --max-input-size, --max-depth, --max-string-length, --max-submissions,
                            --max-diagnostics */
    OPT_FILTER = 1 << 8, /* --ignore, --no-warnings */
    OPT_TRACK = 1 << 9,  /* --milestone, --pace, --crosswalk, --effective-year */
    OPT_ALL = 1 << 10    /* --all (compare: every row, not only the changed ones) */
};

/* How many years --milestone can name: DII_YEAR_MIN .. DII_YEAR_MAX. */
#define MILESTONE_YEARS (DII_YEAR_MAX - DII_YEAR_MIN + 1)

/* The --help lines of OPT_LIMITS, shared by validate and score. */
#define LIMIT_OPTIONS_HELP                                                              \
    "  --max-input-size N   refuse a file larger than N bytes (default 256M)\n"          \
    "  --max-depth N        refuse JSON nested deeper than N levels (default 64)\n"      \
    "  --max-string-length N\n"                                                         \
    "                       refuse a string or CSV cell longer than N bytes\n"           \
    "                       (default 64K)\n"                                             \
    "  --max-submissions N  refuse a file with more than N submissions\n"                \
    "                       (default 1000000)\n"                                         \
    "  --max-diagnostics N  list at most N problems per file (default 10000); the\n"    \
    "                       rest are counted in one last too-many-diagnostics item\n"   \
    "                       Sizes take a K, M or G suffix (1024, 1024^2, 1024^3).\n"    \
    "                       Size, depth and string limits apply to a --framework\n"     \
    "                       file too.\n"

typedef struct cli_options {
    out_format format;
    const char *framework;   /* --framework: built-in id or path; NULL = from the data */
    int target_year;         /* --target-year; 0 = each submission's own year */
    const char *output;      /* -o FILE; NULL = standard output */
    int strict;              /* --strict: warnings fail validation */
    const char *lang;        /* --lang vi|en */
    dii_parse_options parse; /* --delimiter, --decimal-mark, --max-* */
    diag_filter filter;      /* --ignore, --no-warnings */
    /* --milestone Y (repeatable): milestone[Y - DII_YEAR_MIN] is 1 for each
     * year given, so a year given twice is one milestone and the list needs
     * no allocation; milestone_count years are set. */
    unsigned char milestone[MILESTONE_YEARS];
    size_t milestone_count;
    dii_pace_method pace;    /* --pace linear|cagr */
    const char *crosswalk;   /* --crosswalk FILE; NULL = none */
    int effective_year;      /* --effective-year Y; 0 = not given */
    int all_rows;            /* --all */
    char **operands;         /* files (or the framework of `show`) */
    size_t operand_count;
} cli_options;

/* What a subcommand is: its name, usage text, accepted options and formats. */
typedef struct cli_command {
    const char *name;
    const char *usage;         /* full --help text */
    unsigned options;          /* OPT_* */
    const out_format *formats; /* accepted --format values, first is the default */
    size_t format_count;
    int (*run)(const struct cli_command *cmd, const cli_options *opts);
} cli_command;

/* Parses argv (after the subcommand name). Returns 0 when the command should
 * run, 1 when --help was printed, -1 after printing a usage error. */
int parse_options(const cli_command *cmd, int argc, char **argv, cli_options *opts);
/* "dii: message" on stderr, then "Try 'dii CMD --help'."; returns EXIT_USAGE. */
int usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *format_name(out_format f);

/* ---- the subcommands (cmd_*.c) ------------------------------------------- */

extern const cli_command cmd_frameworks;
extern const cli_command cmd_show;
extern const cli_command cmd_validate;
extern const cli_command cmd_score;
extern const cli_command cmd_track;
extern const cli_command cmd_compare;

/* Scores subs as `dii score` does (--target-year): EXIT_VALID and *res
 * (with the validation warnings in *diags); EXIT_INVALID with the problems
 * to show in *diags (under --max-diagnostics); EXIT_USAGE after a message.
 * The caller frees *res and *diags. (cmd_score.c; compare scores each side
 * with it.) */
int score_submissions(const cli_options *opts, const dii_framework *fw,
                      const dii_submissions *subs, dii_results **res, dii_diagnostics **diags);

/* ---- inputs (inputs.c) --------------------------------------------------- */

/* Loads a submissions file ("-" = standard input). Returns DII_OK,
 * DII_ERR_PARSE (diagnostics in *diags) or another status after printing
 * "dii: NAME: reason" on stderr (I/O, memory). */
dii_status load_submissions(const char *name, const dii_parse_options *parse,
                            dii_submissions **subs, dii_diagnostics **diags);
/* The framework to use: `spec` as a built-in id, else as a path (loaded
 * with the input limits of parse, which may be NULL for the defaults);
 * when spec is NULL, the one the submissions name. Problems with the data
 * go to *diags (caller frees) and give EXIT_INVALID; a bad --framework
 * argument or an unreadable file prints on stderr and gives EXIT_USAGE. */
int resolve_framework(const char *spec, const dii_parse_options *parse,
                      const dii_submissions *subs, dii_framework **fw, dii_diagnostics **diags);
/* score and track: loads every FILE, merges them into one set (*all) and
 * resolves the framework (*fw). Returns EXIT_VALID, or EXIT_INVALID /
 * EXIT_USAGE with *all and *fw NULL. *diags (caller frees) gets what the
 * loaders and the framework resolution said, in either case; nothing is
 * printed but I/O and memory failures. */
int load_inputs(const cli_options *opts, dii_submissions **all, dii_framework **fw,
                dii_diagnostics **diags);
/* load_inputs that also keeps each FILE's own set: parts[i] (an array of
 * operand_count that the caller gives and frees the items of) is the i-th
 * FILE's submissions, all NULL on failure. compare scores each side apart
 * but resolves the framework of both at once, as score would. */
int load_inputs_each(const cli_options *opts, dii_submissions **parts, dii_submissions **all,
                     dii_framework **fw, dii_diagnostics **diags);
/* The validation options the command line asks for (--max-diagnostics). */
dii_validate_options validate_options(const cli_options *opts);
/* The FILE operands of validate / score: at least one, and "-" (standard
 * input, which can be read once) at most once. 0, or -1 after a usage error. */
int check_files(const cli_command *cmd, const cli_options *opts);
/* -o must not name an input (it would be replaced by the output): the
 * FILE operands (the FRAMEWORK of show, unless a built-in id), and the
 * --framework and --crosswalk files. 0, or -1 after a message (exit 2, nothing read). */
int check_output_is_not_an_input(const cli_options *opts, int operands_are_files);
/* One list with a's diagnostics, then b's; frees both (either may be NULL).
 * On allocation failure keeps a (and says so on stderr). */
dii_diagnostics *join_diagnostics(dii_diagnostics *a, dii_diagnostics *b);

/* ---- the diagnostics a report shows (diag_view.c) ------------------------ */

/* The codes of the diagnostics `dii validate` can report about submissions
 * (README "Diagnostic codes"): the i-th, or NULL past the last. */
const char *diag_code_name(size_t i);
/* Adds code to the filter: 0, or -1 when it is not one of diag_code_name. */
int diag_filter_ignore(diag_filter *f, const char *code);
/* The view of list d (NULL: empty) that filter f leaves (NULL: no filter),
 * in the list's order (input order: the library keeps every list, joined
 * ones too, by file, line and column). keep_errors: errors are kept
 * whatever f says (a file that could not be checked must not look valid).
 * 0, or -1 when out of memory (said on stderr). */
int diag_view_build(diag_view *v, const dii_diagnostics *d, const diag_filter *f,
                    int keep_errors);
void diag_view_free(diag_view *v);

/* ---- what score and track say on standard error (stderr_report.c) ------ */

/* The problems of list d in the text form of validate, in input order: file
 * (as given on the command line; another file, such as a crosswalk, after
 * them), line, column. */
void print_problems(const cli_options *opts, const dii_diagnostics *d);
/* print_problems, then "dii: N errors, N warnings: nothing was WHAT" when
 * there was any. */
void print_refused(const cli_options *opts, const dii_diagnostics *d, const char *what);
/* The problems to show when the library refused subs (DII_ERR_VALIDATION)
 * with the list `refused`: dii_validate_with under --max-diagnostics, plus
 * the items of `refused` with code extra_code (a check beyond validation,
 * such as track's crosswalk-conflict; NULL: none). Takes `refused`. */
dii_diagnostics *relist_refused(const cli_options *opts, const dii_framework *fw,
                                const dii_submissions *subs, dii_diagnostics *refused,
                                const char *extra_code);
/* The n warnings of a result handle (warning(handle, i): the framework's in
 * full, more than three condensed to the first and a count), then how many
 * validation warnings d holds. */
void print_output_warnings(size_t n, const char *(*warning)(const void *, size_t),
                           const void *handle, const dii_diagnostics *d);

/* ---- output (output.c) --------------------------------------------------- */

/* Where a command writes: standard output, or the file of -o (output.c
 * says how each kind of target is written). A regular or new file is
 * written through a temporary file next to it, put in place only when
 * everything was written, so a failure or a signal never leaves a partial
 * or changed file. */
typedef struct output {
    FILE *fp;
    char *path;   /* the file written, symbolic links resolved; NULL = stdout */
    char *tmp;    /* the temporary file; NULL when written directly */
    int direct;   /* not a regular file (device, FIFO): written directly */
    int in_place; /* a file with several hard links: copied into at the commit */
} output;

int output_open(output *o, const char *path);
/* Flushes and puts in place; 0 on success, -1 (message printed) on failure. */
int output_commit(output *o);
/* Discards a temporary file. Safe after a commit. */
void output_abort(output *o);
/* After a writer failed: "dii: cannot write FILE: reason" (errno), then
 * output_abort. */
void output_fail(output *o);
/* Whether -o output_path is the file input (the same file once links are
 * followed: a symbolic or hard link to it counts). "-" is never a file. */
int output_names_input(const char *output_path, const char *input);
/* Whether colour may be used on this stream (a terminal, NO_COLOR unset). */
int use_color(FILE *fp);

/* ---- writers (each returns 0, or -1 when writing failed) ----------------- */

/* d as the library's text (dii_diagnostic_format_text with flags, no
 * final newline) written through put (fputs, or an escaping writer),
 * preceded by fallback_file when d names no file. 0, or -1 when the text
 * could not be made (said on stderr) or put failed. */
int put_diagnostic_text(FILE *out, const dii_diagnostic *d, const char *fallback_file,
                        unsigned flags, int (*put)(FILE *, const char *));
/* The diagnostics of one list in the text form (no summary line). */
int write_diagnostic_lines(FILE *out, const diag_view *v, const char *fallback_file,
                           const out_style *style);
/* validate --format text: "file:line:column: error[code]: message", then
 * "  hint: ..." lines; a summary line at the end. */
int write_diagnostics_text(FILE *out, const validated_file *files, size_t n,
                           const out_style *style);
/* validate --format junit: a JUnit XML document, one <testsuite> per file,
 * one <testcase> per submission (its diagnostics as <failure>s), plus one
 * testcase for problems of the file as a whole. strict: warnings fail too. */
int write_diagnostics_junit(FILE *out, const validated_file *files, size_t n, int strict);
/* validate --format github: GitHub Actions workflow commands
 * (::error file=…,line=…,col=…,title=code::message / ::warning …). */
int write_diagnostics_github(FILE *out, const validated_file *files, size_t n, int exit_code);
/* validate --format github, when $GITHUB_STEP_SUMMARY names a file: appends
 * a Markdown summary (counts per file) to it. 0, or -1 after a message. */
int write_github_step_summary(const validated_file *files, size_t n, int exit_code);
/* validate --format json: one dii-diagnostics/1 document for all files,
 * streamed by the library (dii_diagnostics_write_json) from the views. */
int write_diagnostics_json(FILE *out, const validated_file *files, size_t n);

/* score --format table / csv / markdown. */
int write_results_table(FILE *out, const dii_framework *fw, const dii_results *res,
                        const out_style *style);
int write_results_markdown(FILE *out, const dii_framework *fw, const dii_results *res,
                           const out_style *style);

/* The CSV cells of the track and compare CSV writers (csv.c; score's CSV is
 * the library's, dii_results_write_csv). One field, preceded by
 * a comma unless first; RFC 4180 quoting; NULL is an empty cell; text != 0
 * marks a cell of free text from the data or the framework, which gets a
 * leading ' when a spreadsheet would run it as a formula. */
int csv_put_field(FILE *out, const char *s, int first, int text);
/* The CRLF that ends a row. */
int csv_end_row(FILE *out);
/* One row of n fields, text[c] marking free-text cells (csv_put_field), then
 * its CRLF: what every CSV writer of the command writes per row. */
int csv_put_row(FILE *out, const char *const *field, const unsigned char *text, size_t n);
/* A value or target: true/false for a yes/no indicator, else format_number. */
void csv_value(const dii_indicator *ind, double v, char *buf, size_t size);
/* The text of a cell in buf, or NULL (an empty cell) when there is none:
 * a year (0: none), a number at full precision (NaN: none), a value of the
 * indicator as csv_value writes it (NaN: none). */
const char *csv_year_cell(int year, char *buf, size_t size);
const char *csv_number_cell(double v, char *buf, size_t size);
const char *csv_value_cell(const dii_indicator *ind, double v, char *buf, size_t size);

/* track --format table / csv / markdown (track_*.c). */
int write_tracking_table(FILE *out, const dii_framework *fw, const dii_tracking *tr,
                         const out_style *style);
int write_tracking_csv(FILE *out, const dii_framework *fw, const dii_tracking *tr);
int write_tracking_markdown(FILE *out, const dii_framework *fw, const dii_tracking *tr,
                            const out_style *style);

/* show --format table / markdown. */
int write_framework_table(FILE *out, const dii_framework *fw, const out_style *style);
int write_framework_markdown(FILE *out, const dii_framework *fw, const out_style *style);

/* What a writer returns at its end: 0, or -1 when anything it wrote failed
 * (a full disk, a closed pipe). Flushes first, since a buffered stream
 * only finds out on the write that reaches the file. */
static inline int flush_status(FILE *out)
{
    return fflush(out) == EOF || ferror(out) ? -1 : 0;
}

/* A library streaming writer's dii_write_fn onto a stream (output.c). A
 * short write stops the writer; its errno is kept for output_fail's
 * message (the library may change errno). */
typedef struct stream_sink {
    FILE *fp;
    int err;
} stream_sink;
int stream_sink_write(void *ctx, const char *data, size_t len);
/* What a writer returns once the library's streaming writer returned st:
 * flush_status on success; else -1, with the sink's errno back for a
 * refused write (DII_ERR_IO) or the library's message on stderr. */
int stream_sink_status(const stream_sink *sink, dii_status st);

/* ---- text helpers (text.c) ----------------------------------------------- */

/* utf8_next's code point for a byte that does not start a valid sequence. */
#define UTF8_INVALID 0xFFFFFFFFUL
/* Decodes the character at s: returns its length in bytes (0 at the NUL)
 * and sets *cp, or UTF8_INVALID (length 1) for a byte that does not start a
 * well-formed RFC 3629 sequence, so that a scan always moves on. */
size_t utf8_next(const char *s, unsigned long *cp);

/* Columns a UTF-8 string takes on a terminal: combining marks take none,
 * East Asian wide characters two, everything else one. Invalid bytes
 * count one each. */
size_t text_width(const char *s);
/* The larger of two column widths. */
static inline size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}
/* Writes s padded with spaces to `width` columns (left-aligned), or cut with
 * "…" when it is wider. right != 0 aligns right. */
int put_padded(FILE *out, const char *s, size_t width, int right);

/* Wrapping: the length in bytes of the first line of s when lines may be
 * `width` columns wide, broken at a space (or inside a word longer than a
 * line); *next is where the following line starts (spaces skipped), at the
 * NUL when s fits. Accents stay with their letter. */
size_t wrap_line(const char *s, size_t width, const char **next);

/* Shortest text that reads back as x ("67.4", not "67.400000000000006"):
 * the first of %.15g, %.16g, %.17g that strtod reads back exactly; "-0" is
 * "0"; always '.' as the decimal mark, whatever the locale. */
void format_number(double x, char *buf, size_t size);
/* x rounded as ranks round it (dii_round_index) to `decimals` places and
 * written with exactly that many ("0.9361", "1.0000"); '.' decimal mark. */
void format_fixed(double x, int decimals, char *buf, size_t size);
/* Room for any format_number / format_fixed text of a score. */
#define NUMBER_TEXT_MAX 64

/* ---- cell texts shared by the table and Markdown writers (cells.c) ------- */

/* "có"/"không" when lang is "vi", else "yes"/"no". Static storage. */
const char *yes_no_text(int yes, const char *lang);
/* The indicator's name in lang (falling back to the other language, then
 * to its id). Borrowed from the framework. */
const char *indicator_label(const dii_indicator *ind, const char *lang);
/* The name of group group_id in lang, or "" when it has none. */
const char *group_label(const dii_framework *fw, const char *group_id, const char *lang);
/* "met", "not met", "no target", "missing". Static storage. */
const char *status_text(dii_compliance status);
/* The colour of a status in a terminal table (green met, red not met,
 * yellow missing), or NULL (no target). */
const char *compliance_color(dii_compliance status);
/* A value of the indicator: yes/no words for booleans, else format_number. */
void value_text(const dii_indicator *ind, double v, const char *lang, char *buf, size_t size);
/* x for a person: format_number's text when it has at most `decimals`
 * decimals, else rounded to that many with trailing zeros dropped
 * (73.3333, 0.81, 100). */
void rounded_text(double v, int decimals, char *buf, size_t size);
/* ">= 72", "== có"; an interpolated number keeps at most 4 decimals. */
void comparison_text(const dii_indicator *ind, dii_op op, double v, dii_target_basis basis,
                     const char *lang, char *buf, size_t size);
/* The target that applied to indicator k of a result: ">= 72 (exact)",
 * "> 61.6 (interpolated)", ">= 100 (nearest, 2030)", or "-" when none. */
#define TARGET_TEXT_MAX (NUMBER_TEXT_MAX + 48)
void target_text(const dii_result *r, size_t k, const dii_indicator *ind, const char *lang,
                 char *buf, size_t size);
/* Writes every explicit target: "2023: >= 72; 2024: >= 76; ..." (nothing
 * when there is none). 0, or -1 when writing failed. */
int put_target_list(FILE *out, const dii_indicator *ind, const char *lang);
/* "2022: 67.4", or "-" when the indicator has no baseline. */
void baseline_text(const dii_indicator *ind, const char *lang, char *buf, size_t size);
/* Whether the scoring method has parameters worth printing (linear, bands),
 * and writes them: "goalposts: 0 to 100", "bands: >= 90 scores 1; ...". */
int has_method_details(const dii_indicator *ind);
int put_method_details(FILE *out, const dii_indicator *ind);
/* "zero (a missing value scores 0 points)" / "exclude (...)". */
const char *missing_policy_text(dii_missing_policy policy);
/* What `show` says about a provisional framework, in every format. */
#define PROVISIONAL_FRAMEWORK_WARNING                                                        \
    "this framework is provisional: some criteria are inferred, not taken from an official " \
    "source (marked \"(provisional)\"). Scores computed with it are not official."

/* ---- cell texts of track's table and Markdown report (track_cells.c) ---- */

/* "✓ achieved", "↗ on track", "⚠ acceleration needed", "… limited
 * progress", "↘ deteriorating", "✗ not achieved", "? insufficient data",
 * "– no target". Static storage. */
const char *track_status_text(dii_track_status status);

/* The texts of one unit x indicator x milestone row. */
typedef struct track_row {
    char code[64];
    const char *name;                       /* borrowed from the framework */
    char latest[NUMBER_TEXT_MAX + 8];       /* "72.5", "61 (2023)" or "-" */
    char target[NUMBER_TEXT_MAX + 24];      /* ">= 80", ">= 88 interp.", "-" */
    dii_track_status status;
    const char *status_text;                /* track_status_text */
    char ratio[NUMBER_TEXT_MAX];            /* 2 decimals, or "-" */
    char projection[NUMBER_TEXT_MAX];       /* 2 decimals, or "-" */
    char expected[16];                      /* a year, or "-" */
} track_row;

void track_row_fill(const dii_tracking *tr, const dii_framework *fw, size_t u, size_t k,
                    size_t m, const char *lang, track_row *row);
/* Unit u's latest observed year (0 when none). */
int tracking_unit_latest_year(const dii_tracking *tr, size_t u);
/* "2023 0.9412 (rank 1 of 2)": one year of a unit's score trajectory. */
void trajectory_text(const dii_framework *fw, const dii_result *r, char *buf, size_t size);
/* "2025 index 0.8712 (rank 1 of 2), 14 of 23 targets met", from a
 * projected result: what the unit reaches if the pace holds. */
#define PROJECTED_TEXT_MAX (NUMBER_TEXT_MAX + 128)
void projected_text(const dii_framework *fw, const dii_result *r, char *buf, size_t size);
/* The distinct former units whose values the crosswalk merged into unit
 * u, at most `most` of them, in order of first use; returns how many. */
size_t tracking_former_units(const dii_tracking *tr, size_t u, const char **units, size_t most);

/* ---- cell texts of compare's table and Markdown report (cmp_cells.c) -- */

/* The texts of one listed row of a comparison entry. */
typedef struct compare_row {
    char code[64];
    const char *name;                          /* borrowed from the framework */
    char value[2 * NUMBER_TEXT_MAX + 8];       /* "76 → 72", "có → có", "- → 72" */
    char delta_value[NUMBER_TEXT_MAX + 2];     /* "-4", "+0.5", or "" (none) */
    char points[2 * NUMBER_TEXT_MAX + 8];      /* "1.0000 → 0.9474" */
    char delta_points[NUMBER_TEXT_MAX + 2];    /* "-0.0526", or "" */
    char status[48];                           /* "met → not met" */
    int has_status_b;                          /* for the colour: B's status */
    dii_compliance status_b;
} compare_row;

void compare_row_fill(const dii_comparison *cmp, const dii_framework *fw, size_t u, size_t i,
                      const char *lang, compare_row *row);

/* Which sides entry u is on (bits). */
enum { COMPARE_IN_A = 1, COMPARE_IN_B = 2 };
int compare_unit_sides(const dii_comparison *cmp, size_t u);
/* "data 2024, targets 2024", "data 2023 → 2024, targets 2023 → 2024", or
 * "data 2024, targets 2024; only in A". */
void compare_years_text(const dii_comparison *cmp, size_t u, char *buf, size_t size);

/* An entry's totals: "3.3000 → 3.5974 (+0.2974)", "0.1435 → 0.1564
 * (+0.0129)", "2 → 1 (-1, ▲ up)"; "-" for a side the entry is not on. */
typedef struct compare_totals {
    char points[3 * NUMBER_TEXT_MAX + 16];
    char index[3 * NUMBER_TEXT_MAX + 16];
    char rank[3 * NUMBER_TEXT_MAX + 32];
    int rank_move; /* 1 up (a better place), -1 down, 0 none */
} compare_totals;
void compare_totals_text(const dii_framework *fw, const dii_comparison *cmp, size_t u,
                         compare_totals *t);

/* compare --format table / csv / markdown (cmp_*.c); files are A's and B's
 * names as given on the command line. */
int write_comparison_table(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                           const char *const files[2], const out_style *style);
int write_comparison_csv(FILE *out, const dii_framework *fw, const dii_comparison *cmp);
int write_comparison_markdown(FILE *out, const dii_framework *fw, const dii_comparison *cmp,
                              const char *const files[2], const out_style *style);

/* Writes s as Markdown text that renders as s: the characters Markdown
 * gives meaning to are backslash-escaped ('|' included, so it is safe in a
 * table cell) and line breaks become spaces. NULL writes nothing. (md.c) */
int put_md_text(FILE *out, const char *s);

#endif
