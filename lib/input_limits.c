/* The limits on submissions and framework input: resolving the options, the comparison
 * and the diagnostic (input_limits.h). */
#include "input_limits.h"

#include <stdint.h>

#include "parse.h"
#include "textpos.h"

/* What the message calls each limit, and the two ways to raise it: the
 * option member (C, and the Python keyword of the same name) and the flag
 * of the dii command. */
static const struct {
    const char *what; /* before the limit */
    const char *unit; /* after it, singular: "s" is added for any other number */
    const char *member;
    const char *flag;
} limit_text[DII_LIMIT_NONE] = {
    {"input is larger than", "byte", "max_input_bytes", "--max-input-size"},
    {"input nests deeper than", "level", "max_depth", "--max-depth"},
    {"string is longer than", "byte", "max_string_bytes", "--max-string-length"},
    {"input holds more than", "submission", "max_submissions", "--max-submissions"},
};

static size_t pick(size_t given, size_t fallback)
{
    return given != 0 ? given : fallback;
}

dii_limits dii_limits_of(const dii_parse_options *opts)
{
    dii_limits l = {{DII_DEFAULT_MAX_INPUT_BYTES, DII_DEFAULT_MAX_DEPTH,
                     DII_DEFAULT_MAX_STRING_BYTES, DII_DEFAULT_MAX_SUBMISSIONS}};
    /* A version-1 caller's struct ends before these members: reading them
     * would read past its object. */
    if (opts == NULL || opts->version < 2)
        return l;
    l.max[DII_LIMIT_INPUT_BYTES] = pick(opts->max_input_bytes, l.max[DII_LIMIT_INPUT_BYTES]);
    /* positions (line, column) are kept in 32 bits: no input may be longer */
    if (l.max[DII_LIMIT_INPUT_BYTES] > DII_MAX_INPUT_BYTES_CEILING)
        l.max[DII_LIMIT_INPUT_BYTES] = DII_MAX_INPUT_BYTES_CEILING;
    l.max[DII_LIMIT_DEPTH] = pick(opts->max_depth, l.max[DII_LIMIT_DEPTH]);
    l.max[DII_LIMIT_STRING_BYTES] = pick(opts->max_string_bytes, l.max[DII_LIMIT_STRING_BYTES]);
    l.max[DII_LIMIT_SUBMISSIONS] = pick(opts->max_submissions, l.max[DII_LIMIT_SUBMISSIONS]);
    return l;
}

size_t dii_max_diagnostics_or_default(size_t given)
{
    return pick(given, DII_DEFAULT_MAX_DIAGNOSTICS);
}

size_t dii_parse_max_diagnostics(const dii_parse_options *opts)
{
    /* versions 1 and 2 end before the member */
    if (opts == NULL || opts->version < 3)
        return DII_DEFAULT_MAX_DIAGNOSTICS;
    return dii_max_diagnostics_or_default(opts->max_diagnostics);
}

int dii_limit_exceeded(const dii_limits *limits, dii_limit_kind kind, size_t amount)
{
    return amount > limits->max[kind];
}

dii_status dii_limit_report(dii_diagnostics *d, const char *file, const dii_loc *loc,
                            const dii_limits *limits, dii_limit_kind kind)
{
    dii_status st = dii_diag_add(d, DII_SEVERITY_ERROR, "limit-exceeded", file, loc, NULL,
                                 "%s %zu %s%s (%s; dii %s)", limit_text[kind].what,
                                 limits->max[kind], limit_text[kind].unit,
                                 limits->max[kind] == 1 ? "" : "s", limit_text[kind].member,
                                 limit_text[kind].flag);
    return st == DII_OK ? DII_ERR_PARSE : st;
}

dii_status dii_limit_check(dii_diagnostics *d, const char *file, const dii_loc *loc,
                           const dii_limits *limits, dii_limit_kind kind, size_t amount)
{
    if (!dii_limit_exceeded(limits, kind, amount))
        return DII_OK;
    return dii_limit_report(d, file, loc, limits, kind);
}

dii_status dii_limit_check_size(const char *data, size_t len, const char *file,
                                const dii_limits *limits, dii_diagnostics *d)
{
    if (!dii_limit_exceeded(limits, DII_LIMIT_INPUT_BYTES, len))
        return DII_OK;
    size_t skip = dii_bom_length(data, len);
    size_t max = limits->max[DII_LIMIT_INPUT_BYTES];
    text_cursor at;
    text_cursor_init(&at, data + skip, len - skip);
    text_cursor_seek(&at, max > skip ? max - skip : 0);
    dii_loc loc = {at.line, text_cursor_column(&at), NULL};
    return dii_limit_report(d, file, &loc, limits, DII_LIMIT_INPUT_BYTES);
}

size_t dii_limit_read_most(const dii_limits *limits)
{
    size_t max = limits->max[DII_LIMIT_INPUT_BYTES];
    size_t most = max < SIZE_MAX ? max + 1 : max;
    return most > 4 ? most : 4;
}
