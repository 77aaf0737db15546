/* Command-line options of the subcommands. Hand-written rather than
 * getopt_long so that every subcommand rejects the options it does not
 * take with a clear message, and so that `--opt value` and `--opt=value`
 * both work the same everywhere. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const format_names[] = {"text",  "json",  "junit",   "github",
                                           "table", "csv",   "markdown"};

const char *format_name(out_format f)
{
    return format_names[f];
}

int usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dii: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'dii %s --help'.\n", cmd->name);
    return EXIT_USAGE;
}

static int parse_format(const cli_command *cmd, const char *v, cli_options *o)
{
    for (size_t i = 0; i < cmd->format_count; i++)
        if (strcmp(v, format_name(cmd->formats[i])) == 0) {
            o->format = cmd->formats[i];
            return 0;
        }
    usage_error(cmd, "'%s' is not a format of '%s'", v, cmd->name);
    return -1;
}

/* A year option (--target-year, --milestone, --effective-year): a whole
 * number within DII_YEAR_MIN .. DII_YEAR_MAX, the years libdii takes. */
static int parse_year(const cli_command *cmd, const char *opt, const char *v, int *out)
{
    char *end = NULL;
    errno = 0;
    long y = strtol(v, &end, 10);
    if (errno || end == v || *end || y < DII_YEAR_MIN || y > DII_YEAR_MAX) {
        usage_error(cmd, "%s needs a year between %d and %d, not '%s'", opt, DII_YEAR_MIN,
                    DII_YEAR_MAX, v);
        return -1;
    }
    *out = (int)y;
    return 0;
}

static int parse_milestone(const cli_command *cmd, const char *v, cli_options *o)
{
    int y = 0;
    if (parse_year(cmd, "--milestone", v, &y) != 0)
        return -1;
    unsigned char *seen = &o->milestone[y - DII_YEAR_MIN];
    o->milestone_count += !*seen;
    *seen = 1;
    return 0;
}

/* --pace: the library's names of its methods ("linear", "cagr"). */
static int parse_pace(const cli_command *cmd, const char *v, cli_options *o)
{
    static const dii_pace_method methods[] = {DII_PACE_LINEAR, DII_PACE_CAGR};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(v, dii_pace_method_name(methods[i])) == 0) {
            o->pace = methods[i];
            return 0;
        }
    usage_error(cmd, "--pace takes linear or cagr, not '%s'", v);
    return -1;
}

static int parse_char(const cli_command *cmd, const char *opt, const char *v,
                      const char *allowed, char *out)
{
    if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0)
        v = "\t";
    if (strlen(v) != 1 || !strchr(allowed, v[0])) {
        usage_error(cmd, "%s takes one of: %s", opt,
                    strcmp(opt, "--delimiter") == 0 ? "',' ';' tab" : "'.' ','");
        return -1;
    }
    *out = v[0];
    return 0;
}

/* A positive limit, in the range of its option member. Byte sizes may end
 * in K, M or G (powers of 1024: the defaults are 64K and 256M). */
static int parse_limit(const cli_command *cmd, const char *opt, const char *v, int sized,
                       uintmax_t most, uintmax_t *out)
{
    static const char suffixes[] = "KMG";
    char *end = NULL;
    errno = 0;
    uintmax_t n = v[0] >= '0' && v[0] <= '9' ? strtoumax(v, &end, 10) : 0;
    const char *suffix = sized && end && *end ? strchr(suffixes, *end) : NULL;
    int shift = suffix ? 10 * (int)(suffix - suffixes + 1) : 0;
    if (suffix)
        end++;
    if (errno || n == 0 || !end || *end || n > (most >> shift)) {
        usage_error(cmd, "%s takes a whole number from 1 to %ju%s, not '%s'", opt, most,
                    sized ? " (or with a K, M or G suffix)" : "", v);
        return -1;
    }
    *out = n << shift;
    return 0;
}

/* --max-input-size, --max-depth, --max-string-length, --max-submissions,
 * --max-diagnostics (one cap for loading and validating: both lists are
 * what the report shows). */
static int parse_limit_option(const cli_command *cmd, const char *opt, const char *v,
                              dii_parse_options *p)
{
    uintmax_t n;
    if (strcmp(opt, "--max-depth") == 0) {
        if (parse_limit(cmd, opt, v, 0, UINT_MAX, &n) != 0)
            return -1;
        p->max_depth = (unsigned int)n;
        return 0;
    }
    if (strcmp(opt, "--max-diagnostics") == 0) {
        if (parse_limit(cmd, opt, v, 0, SIZE_MAX, &n) != 0)
            return -1;
        p->max_diagnostics = (size_t)n;
        return 0;
    }
    int sized = strcmp(opt, "--max-submissions") != 0;
    if (parse_limit(cmd, opt, v, sized, SIZE_MAX, &n) != 0)
        return -1;
    if (strcmp(opt, "--max-input-size") == 0)
        p->max_input_bytes = (size_t)n;
    else if (strcmp(opt, "--max-string-length") == 0)
        p->max_string_bytes = (size_t)n;
    else
        p->max_submissions = (size_t)n;
    return 0;
}

/* --ignore CODE: a code dii validate can report (a typo must not silently
 * ignore nothing). */
static int parse_ignore(const cli_command *cmd, const char *v, cli_options *o)
{
    if (diag_filter_ignore(&o->filter, v) == 0)
        return 0;
    fprintf(stderr, "dii: --ignore: unknown diagnostic code '%s'; the codes are:\n", v);
    for (size_t i = 0; diag_code_name(i) != NULL; i++)
        fprintf(stderr, "  %s\n", diag_code_name(i));
    fprintf(stderr, "Try 'dii %s --help'.\n", cmd->name);
    return -1;
}

static int parse_lang(const cli_command *cmd, const char *v, cli_options *o)
{
    if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0) {
        usage_error(cmd, "--lang takes vi or en, not '%s'", v);
        return -1;
    }
    o->lang = v;
    return 0;
}

/* The option table: long name, bit, whether it takes a value. */
typedef struct option_def {
    const char *name;
    unsigned bit;
    int takes_value;
} option_def;

static const option_def option_defs[] = {
    {"--format", OPT_FORMAT, 1},     {"--framework", OPT_FRAMEWORK, 1},
    {"--target-year", OPT_TARGET_YEAR, 1}, {"--output", OPT_OUTPUT, 1},
    {"-o", OPT_OUTPUT, 1},           {"--strict", OPT_STRICT, 0},
    {"--lang", OPT_LANG, 1},         {"--delimiter", OPT_CSV, 1},
    {"--decimal-mark", OPT_CSV, 1},  {"--max-input-size", OPT_LIMITS, 1},
    {"--unit-id", OPT_CSV, 1},       {"--unit-name", OPT_CSV, 1}, /* a plan table's unit */
    {"--max-depth", OPT_LIMITS, 1},  {"--max-string-length", OPT_LIMITS, 1},
    {"--max-submissions", OPT_LIMITS, 1}, {"--max-diagnostics", OPT_LIMITS, 1},
    {"--ignore", OPT_FILTER, 1},
    {"--no-warnings", OPT_FILTER, 0},
    {"--milestone", OPT_TRACK, 1},   {"--pace", OPT_TRACK, 1},
    {"--crosswalk", OPT_TRACK, 1},   {"--effective-year", OPT_TRACK, 1},
    {"--all", OPT_ALL, 0},
};

static int apply_option(const cli_command *cmd, const option_def *def, const char *value,
                        cli_options *o)
{
    const char *n = def->name;
    if (strcmp(n, "--format") == 0)
        return parse_format(cmd, value, o);
    if (strcmp(n, "--framework") == 0)
        o->framework = value;
    else if (strcmp(n, "--target-year") == 0)
        return parse_year(cmd, n, value, &o->target_year);
    else if (strcmp(n, "--milestone") == 0)
        return parse_milestone(cmd, value, o);
    else if (strcmp(n, "--pace") == 0)
        return parse_pace(cmd, value, o);
    else if (strcmp(n, "--crosswalk") == 0)
        o->crosswalk = value;
    else if (strcmp(n, "--effective-year") == 0)
        return parse_year(cmd, n, value, &o->effective_year);
    else if (strcmp(n, "--output") == 0 || strcmp(n, "-o") == 0)
        o->output = value;
    else if (strcmp(n, "--strict") == 0)
        o->strict = 1;
    else if (strcmp(n, "--lang") == 0)
        return parse_lang(cmd, value, o);
    else if (strcmp(n, "--delimiter") == 0)
        return parse_char(cmd, n, value, ",;\t", &o->parse.csv_delimiter);
    else if (strcmp(n, "--decimal-mark") == 0)
        return parse_char(cmd, n, value, ".,", &o->parse.csv_decimal_mark);
    else if (strcmp(n, "--unit-id") == 0)
        o->parse.unit_id = value;
    else if (strcmp(n, "--unit-name") == 0)
        o->parse.unit_name = value;
    else if (strcmp(n, "--ignore") == 0)
        return parse_ignore(cmd, value, o);
    else if (strcmp(n, "--no-warnings") == 0)
        o->filter.no_warnings = 1;
    else if (strcmp(n, "--all") == 0)
        o->all_rows = 1;
    else if (def->bit == OPT_LIMITS)
        return parse_limit_option(cmd, n, value, &o->parse);
    return 0;
}

/* Matches "--name", "--name=value" or "-o"; *inline_value gets the part
 * after '=' when present. */
static const option_def *find_option(const char *arg, const char **inline_value)
{
    for (size_t i = 0; i < sizeof option_defs / sizeof option_defs[0]; i++) {
        size_t n = strlen(option_defs[i].name);
        if (strncmp(arg, option_defs[i].name, n) != 0)
            continue;
        if (arg[n] == '\0') {
            *inline_value = NULL;
            return &option_defs[i];
        }
        if (arg[n] == '=' && option_defs[i].takes_value && arg[1] == '-') {
            *inline_value = arg + n + 1;
            return &option_defs[i];
        }
        /* the short option takes its value attached, as in -oFILE */
        if (arg[1] != '-' && option_defs[i].takes_value) {
            *inline_value = arg + n;
            return &option_defs[i];
        }
    }
    return NULL;
}

static void init_options(const cli_command *cmd, cli_options *o, char **argv)
{
    memset(o, 0, sizeof *o);
    o->format = cmd->format_count ? cmd->formats[0] : FORMAT_TEXT;
    o->lang = "vi";
    dii_parse_options defaults = DII_PARSE_OPTIONS_INIT;
    o->parse = defaults;
    /* spelled out: reading standard input stops at this size */
    o->parse.max_input_bytes = DII_DEFAULT_MAX_INPUT_BYTES;
    o->operands = argv; /* operands are compacted to the front of argv */
}

static int take_option(const cli_command *cmd, int argc, char **argv, int *i, cli_options *o)
{
    const char *value = NULL;
    const option_def *def = find_option(argv[*i], &value);
    if (!def || !(cmd->options & def->bit)) {
        usage_error(cmd, "'%s' is not an option of '%s'", argv[*i], cmd->name);
        return -1;
    }
    if (def->takes_value && !value) {
        if (*i + 1 >= argc) {
            usage_error(cmd, "%s needs a value", def->name);
            return -1;
        }
        value = argv[++*i];
    }
    return apply_option(cmd, def, value, o);
}

int parse_options(const cli_command *cmd, int argc, char **argv, cli_options *o)
{
    init_options(cmd, o, argv);
    int only_operands = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_operands && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            fputs(cmd->usage, stdout);
            return 1;
        }
        if (!only_operands && strcmp(a, "--") == 0) {
            only_operands = 1;
        } else if (!only_operands && a[0] == '-' && a[1] != '\0') {
            if (take_option(cmd, argc, argv, &i, o) != 0)
                return -1;
        } else {
            o->operands[o->operand_count++] = argv[i];
        }
    }
    if ((cmd->options & OPT_CSV) && o->parse.csv_delimiter == o->parse.csv_decimal_mark) {
        usage_error(cmd, "the CSV delimiter and decimal mark must differ (try --delimiter ';' "
                         "--decimal-mark ',')");
        return -1;
    }
    /* A crosswalk means nothing without the year it takes effect, and the
     * year nothing without a crosswalk: either alone is a mistake. */
    if ((o->crosswalk != NULL) != (o->effective_year != 0)) {
        usage_error(cmd, o->crosswalk ? "--crosswalk needs --effective-year Y (the first year "
                                        "of the new units)"
                                      : "--effective-year is the year of a --crosswalk FILE, "
                                        "which is not given");
        return -1;
    }
    return 0;
}
