/* dii_submissions_load_file / _memory: the one door into the submission
 * parsers. Checks arguments, reads the file, drops a BOM, insists on
 * UTF-8, picks the format and hands over to the parser, then decides from
 * the diagnostics whether the caller gets a model or a parse error. */
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "input_limits.h"
#include "model.h"
#include "parse.h"
#include "textpos.h"

/* ------------------------------------------------------------------------ */
/* Arguments                                                                 */
/* ------------------------------------------------------------------------ */

static dii_status check_options(const dii_parse_options *opts)
{
    if (opts == NULL)
        return DII_OK;
    /* 1: built against a header without the limits (limits.c gives them
     * their defaults); above the current version the struct has members
     * this library cannot know the meaning of. */
    if (opts->version < 1 || opts->version > DII_PARSE_OPTIONS_VERSION)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_parse_options version %u is not supported (expected 1 to %d); "
                        "initialise options with DII_PARSE_OPTIONS_INIT",
                        opts->version, DII_PARSE_OPTIONS_VERSION);
    if ((int)opts->format < (int)DII_INPUT_AUTO || (int)opts->format > (int)DII_INPUT_PLAN_TABLE)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "unknown input format %d", (int)opts->format);
    char delim = opts->csv_delimiter, mark = opts->csv_decimal_mark;
    if (delim != ',' && delim != ';' && delim != '\t')
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "CSV delimiter must be ',', ';' or a tab, not byte 0x%02X",
                        (unsigned)(unsigned char)delim);
    if (mark != '.' && mark != ',')
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "CSV decimal mark must be '.' or ',', not byte 0x%02X",
                        (unsigned)(unsigned char)mark);
    if (delim == mark)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "CSV delimiter and decimal mark are both '%c'; use ';' as the "
                        "delimiter with ',' as the decimal mark",
                        delim);
    return DII_OK;
}

/* ------------------------------------------------------------------------ */
/* Choosing the format                                                       */
/* ------------------------------------------------------------------------ */

static int ends_with_folded(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    if (n < e)
        return 0;
    for (size_t i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

static dii_input_format format_from_name(const char *name)
{
    if (name == NULL)
        return DII_INPUT_AUTO;
    if (ends_with_folded(name, ".json"))
        return DII_INPUT_JSON;
    if (ends_with_folded(name, ".jsonl") || ends_with_folded(name, ".ndjson"))
        return DII_INPUT_JSONL;
    if (ends_with_folded(name, ".csv"))
        return DII_INPUT_CSV;
    return DII_INPUT_AUTO;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_space(const char *data, size_t len, size_t i)
{
    while (i < len && is_space(data[i]))
        i++;
    return i;
}

/* Offset just past the object that starts at data[i] == '{' when it closes
 * on the same line, else 0. Strings are skipped so braces inside them do
 * not count. */
static size_t end_of_one_line_object(const char *data, size_t len, size_t i)
{
    int depth = 0, in_string = 0;
    for (; i < len && data[i] != '\n' && data[i] != '\r'; i++) {
        char c = data[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return 0;
}

/* JSON Lines when the first line is a whole object with nothing after it
 * on that line, and more text follows; any other JSON is one document. */
static int looks_like_jsonl(const char *data, size_t len, size_t start)
{
    size_t end = end_of_one_line_object(data, len, start);
    if (end == 0)
        return 0;
    while (end < len && (data[end] == ' ' || data[end] == '\t'))
        end++;
    if (end < len && data[end] != '\n' && data[end] != '\r')
        return 0;
    return skip_space(data, len, end) < len;
}

/* '[' is sniffed as JSON too: such a file is a JSON mistake ("wrong-type"),
 * and reading it as CSV would only report a confusing header. */
static dii_input_format sniff_format(const char *data, size_t len)
{
    size_t start = skip_space(data, len, 0);
    if (start < len && data[start] == '[')
        return DII_INPUT_JSON;
    if (start < len && data[start] == '{')
        return looks_like_jsonl(data, len, start) ? DII_INPUT_JSONL : DII_INPUT_JSON;
    return DII_INPUT_CSV;
}

static dii_input_format choose_format(const char *data, size_t len, const char *name,
                                      const dii_parse_options *opts)
{
    if (opts != NULL && opts->format != DII_INPUT_AUTO)
        return opts->format;
    dii_input_format by_name = format_from_name(name);
    return by_name != DII_INPUT_AUTO ? by_name : sniff_format(data, len);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */
/* ------------------------------------------------------------------------ */

static int is_fatal_code(const char *code)
{
    return strcmp(code, "syntax") == 0 || strcmp(code, "encoding") == 0 ||
           strcmp(code, "limit-exceeded") == 0;
}

static int has_fatal(const dii_diagnostics *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (is_fatal_code(d->items[i].code))
            return 1;
    return 0;
}

/* dii_last_error for a parse failure: the first error, located, as the
 * CLI would print it. */
static dii_status fail_parse(const dii_diagnostics *d, const char *name)
{
    const struct dii_diagnostic *first = NULL;
    for (size_t i = 0; i < d->count && first == NULL; i++)
        if (d->items[i].severity == DII_SEVERITY_ERROR)
            first = &d->items[i];
    const char *label = name ? name : "<input>";
    size_t errors = dii_diag_errors_found(d);
    if (first == NULL)
        return dii_fail(DII_ERR_PARSE, "%s: cannot parse the submissions", label);
    if (errors > 1)
        return dii_fail(DII_ERR_PARSE, "%s:%lu:%lu: %s (and %zu more errors)", label,
                        first->line, first->column, first->message, errors - 1);
    return dii_fail(DII_ERR_PARSE, "%s:%lu:%lu: %s", label, first->line, first->column,
                    first->message);
}

static dii_status dispatch(const char *data, size_t len, const char *name,
                           const dii_parse_options *opts, const dii_limits *limits,
                           struct dii_submissions *subs, dii_diagnostics *d)
{
    switch (choose_format(data, len, name, opts)) {
    case DII_INPUT_JSONL:
        return dii_parse_submissions_jsonl(data, len, name, limits, subs, d);
    case DII_INPUT_CSV:
    case DII_INPUT_PLAN_TABLE: /* the CSV reader, told the layout (parse_csv.c) */
        subs->is_csv = 1;
        return dii_parse_submissions_csv(data, len, name, opts, limits, subs, d);
    default:
        return dii_parse_submissions_json(data, len, name, limits, subs, d);
    }
}

/* Checks that stop before any parser runs: encoding and emptiness.
 * DII_ERR_PARSE when a diagnostic was added. */
static dii_status precheck(const char *data, size_t len, const char *name, dii_diagnostics *d)
{
    size_t bad = dii_utf8_check(data, len, name, d);
    if (bad == (size_t)-1)
        return DII_ERR_NO_MEMORY;
    if (bad > 0)
        return DII_ERR_PARSE;
    if (skip_space(data, len, 0) < len)
        return DII_OK;
    dii_loc at = {1, 1, NULL};
    dii_status st = dii_diag_add(d, DII_SEVERITY_ERROR, "syntax", name, &at,
                                 "the input holds no submissions", "empty input");
    return st == DII_OK ? DII_ERR_PARSE : st;
}

/* A file with a header only, or an empty batch, is well-formed but almost
 * certainly not what was meant to be sent. */
static dii_status warn_no_submissions(dii_diagnostics *d, const char *name)
{
    dii_loc loc = {1, 1, NULL};
    return dii_diag_add(d, DII_SEVERITY_WARNING, "no-submissions", name, &loc, NULL,
                        "the input holds no submission");
}

/* A reader fills a new set from its input: a text (read_text) or a table
 * in columns (dii_read_columns). Both return as the parsers do (parse.h). */
typedef dii_status (*set_reader)(const void *input, struct dii_submissions *subs,
                                 dii_diagnostics *d);

typedef struct text_input {
    const char *data;
    size_t len;
    const char *name;
    const dii_parse_options *opts;
} text_input;

static dii_status read_text(const void *input, struct dii_submissions *subs, dii_diagnostics *d)
{
    const text_input *in = input;
    dii_limits limits = dii_limits_of(in->opts);
    dii_status st = dii_limit_check_size(in->data, in->len, in->name, &limits, d);
    if (st != DII_OK)
        return st;
    size_t bom = dii_bom_length(in->data, in->len);
    st = precheck(in->data + bom, in->len - bom, in->name, d);
    if (st != DII_OK)
        return st;
    return dispatch(in->data + bom, in->len - bom, in->name, in->opts, &limits, subs, d);
}

/* Reads into a new model; *subs NULL unless the read succeeded. d is
 * capped (dii_parse_options.max_diagnostics); the model's copy carries the
 * count of what the cap left out, for dii_validate to report again. */
static dii_status read_into(set_reader read, const void *input, const char *name,
                            dii_diagnostics *d, struct dii_submissions **subs)
{
    *subs = NULL;
    struct dii_submissions *s = dii_mem_calloc(1, sizeof *s);
    if (s == NULL)
        return DII_ERR_NO_MEMORY;
    if (name != NULL && (s->name = dii_mem_strdup(name)) == NULL) {
        dii_submissions_destroy(s);
        return DII_ERR_NO_MEMORY;
    }
    dii_status st = read(input, s, d);
    if (st == DII_OK && has_fatal(d))
        st = DII_ERR_PARSE;
    if (st == DII_OK && s->count == 0)
        st = warn_no_submissions(d, name);
    if (dii_diag_sort_by_position(d) != DII_OK)
        st = DII_ERR_NO_MEMORY;
    /* validation repeats the shape problems, so the model keeps a copy */
    if (st == DII_OK && ((s->load_diags = dii_diag_new()) == NULL ||
                         dii_diag_append_all(s->load_diags, d) != DII_OK))
        st = DII_ERR_NO_MEMORY;
    if (st != DII_ERR_NO_MEMORY && dii_diag_report_suppressed(d, name) != DII_OK)
        st = DII_ERR_NO_MEMORY;
    if (st != DII_OK)
        dii_submissions_destroy(s);
    else
        *subs = s;
    return st;
}

/* Every loader's end: the set and the diagnostics handed out, or the
 * failure with its message. */
static dii_status load(set_reader read, const void *input, const char *name,
                       size_t max_diagnostics, dii_submissions **out, dii_diagnostics **diags)
{
    dii_diagnostics *d = dii_diag_new();
    if (d == NULL)
        return dii_fail_nomem();
    dii_diag_set_limit(d, max_diagnostics);
    struct dii_submissions *subs;
    dii_status st = read_into(read, input, name, d, &subs);
    if (st == DII_ERR_NO_MEMORY) {
        dii_diagnostics_free(d);
        return dii_fail_nomem();
    }
    if (st != DII_OK) {
        st = fail_parse(d, name);
        dii_diag_give(d, diags);
        return st;
    }
    *out = subs;
    dii_diag_give(d, diags);
    dii_clear_error();
    return DII_OK;
}

static dii_status load_text(const char *data, size_t len, const char *name,
                            const dii_parse_options *opts, dii_submissions **out,
                            dii_diagnostics **diags)
{
    text_input in = {data, len, name, opts};
    return load(read_text, &in, name, dii_parse_max_diagnostics(opts), out, diags);
}

DII_API dii_status dii_submissions_load_memory(const char *data, size_t len, const char *name,
                                               const dii_parse_options *opts,
                                               dii_submissions **out, dii_diagnostics **diags)
{
    if (out != NULL)
        *out = NULL;
    if (diags != NULL)
        *diags = NULL;
    if (out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_load_memory: out is NULL");
    if (data == NULL && len > 0)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_load_memory: data is NULL");
    if (data == NULL)
        data = ""; /* as the framework loader: nothing to read is empty input */
    dii_status st = check_options(opts);
    return st != DII_OK ? st : load_text(data, len, name, opts, out, diags);
}

DII_API dii_status dii_submissions_load_file(const char *path, const dii_parse_options *opts,
                                             dii_submissions **out, dii_diagnostics **diags)
{
    if (out != NULL)
        *out = NULL;
    if (diags != NULL)
        *diags = NULL;
    if (out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_load_file: out is NULL");
    if (path == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_load_file: path is NULL");
    dii_status st = check_options(opts);
    if (st != DII_OK)
        return st;
    dii_limits limits = dii_limits_of(opts);
    char *data;
    size_t len;
    st = dii_read_file(path, dii_limit_read_most(&limits), &data, &len);
    if (st == DII_ERR_IO)
        return dii_diag_give_unreadable(path, st, diags);
    if (st != DII_OK)
        return st;
    st = load_text(data, len, path, opts, out, diags);
    dii_mem_free(data);
    return st;
}

DII_API dii_status dii_submissions_from_columns(const dii_columns *cols, const char *name,
                                                dii_submissions **out,
                                                dii_diagnostics **diags)
{
    if (out != NULL)
        *out = NULL;
    if (diags != NULL)
        *diags = NULL;
    if (out == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_submissions_from_columns: out is NULL");
    dii_status st = dii_columns_check(cols);
    if (st != DII_OK)
        return st;
    return load(dii_read_columns, cols, name, DII_DEFAULT_MAX_DIAGNOSTICS, out, diags);
}
