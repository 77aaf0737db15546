/* Reading the command's inputs: submissions files (or standard input) and
 * the framework they are checked against. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* Standard input is read whole, or until it is longer than `most` bytes
 * (the library then refuses it with a located "limit-exceeded" error):
 * an endless pipe must not fill the memory. The library parses from
 * memory. */
static int read_stdin(size_t most, char **data, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, stdin);
        if (n < cap || n > most)
            break;
        char *bigger = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (!buf || ferror(stdin)) {
        fprintf(stderr, "dii: -: cannot read standard input: %s\n",
                buf ? strerror(errno) : "out of memory");
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

dii_status load_submissions(const char *name, const dii_parse_options *parse,
                            dii_submissions **subs, dii_diagnostics **diags)
{
    dii_status st;
    if (strcmp(name, "-") == 0) {
        char *data = NULL;
        size_t len = 0;
        if (read_stdin(parse->max_input_bytes, &data, &len) != 0)
            return DII_ERR_IO;
        st = dii_submissions_load_memory(data, len, "-", parse, subs, diags);
        free(data);
    } else {
        st = dii_submissions_load_file(name, parse, subs, diags);
    }
    /* An unreadable file comes back as an "unreadable" diagnostic, which the
     * caller reports; anything else has only the message. */
    if (st != DII_OK && st != DII_ERR_PARSE && !(diags && *diags))
        fprintf(stderr, "dii: %s\n", dii_last_error());
    return st;
}

dii_diagnostics *join_diagnostics(dii_diagnostics *a, dii_diagnostics *b)
{
    if (!a || !b)
        return a ? a : b;
    const dii_diagnostics *both[] = {a, b};
    dii_diagnostics *all = NULL;
    if (dii_diagnostics_concat(both, 2, &all) != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        dii_diagnostics_free(b);
        return a;
    }
    dii_diagnostics_free(a);
    dii_diagnostics_free(b);
    return all;
}

/* A --framework value that is not a built-in id is a path. The input
 * limits of the command line apply to it as to the submissions: a
 * framework file can be as hostile as a data file. */
static int load_framework_file(const char *path, const dii_parse_options *parse,
                               dii_framework **fw, dii_diagnostics **diags)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "dii: '%s' is neither a built-in framework nor a readable file\n"
                        "  (built-in: run 'dii frameworks')\n", path);
        return EXIT_USAGE;
    }
    dii_status st = dii_framework_load_file_with(path, parse, fw, diags);
    if (st == DII_OK)
        return EXIT_VALID;
    if (st == DII_ERR_PARSE || st == DII_ERR_VALIDATION)
        return EXIT_INVALID;
    fprintf(stderr, "dii: %s\n", dii_last_error());
    return EXIT_USAGE;
}

int resolve_framework(const char *spec, const dii_parse_options *parse,
                      const dii_submissions *subs, dii_framework **fw, dii_diagnostics **diags)
{
    *fw = NULL;
    *diags = NULL;
    if (spec) {
        if (dii_builtin_framework_json(spec, NULL))
            return dii_framework_builtin(spec, fw) == DII_OK ? EXIT_VALID : EXIT_USAGE;
        return load_framework_file(spec, parse, fw, diags);
    }
    dii_status st = dii_framework_for_submissions(subs, fw, diags);
    if (st == DII_OK)
        return EXIT_VALID;
    if (st == DII_ERR_NOT_FOUND || st == DII_ERR_VALIDATION)
        return EXIT_INVALID;
    fprintf(stderr, "dii: %s\n", dii_last_error());
    return EXIT_USAGE;
}

dii_validate_options validate_options(const cli_options *opts)
{
    dii_validate_options vo = DII_VALIDATE_OPTIONS_INIT;
    vo.max_diagnostics = opts->parse.max_diagnostics; /* 0: the default, as in parse */
    return vo;
}

/* Standard input can be read once. */
static int stdin_given_twice(const cli_options *opts)
{
    int seen = 0;
    for (size_t i = 0; i < opts->operand_count; i++)
        seen += strcmp(opts->operands[i], "-") == 0;
    return seen > 1;
}

int check_files(const cli_command *cmd, const cli_options *opts)
{
    if (opts->operand_count == 0) {
        usage_error(cmd, "no FILE given (use - for standard input)");
        return -1;
    }
    if (stdin_given_twice(opts)) {
        usage_error(cmd, "standard input (-) can be given only once");
        return -1;
    }
    return 0;
}

/* A built-in framework id names no file. */
static int is_builtin(const char *spec)
{
    return dii_builtin_framework_json(spec, NULL) != NULL;
}

static int refuse_output_over(const char *output, const char *input)
{
    if (!output_names_input(output, input))
        return 0;
    fprintf(stderr, "dii: -o %s is the input %s: refusing to write over it\n", output, input);
    return -1;
}

int check_output_is_not_an_input(const cli_options *opts, int operands_are_files)
{
    if (opts->output == NULL)
        return 0;
    for (size_t i = 0; i < opts->operand_count; i++) {
        const char *op = opts->operands[i];
        if ((operands_are_files || !is_builtin(op)) && refuse_output_over(opts->output, op))
            return -1;
    }
    if (opts->framework && !is_builtin(opts->framework) &&
        refuse_output_over(opts->output, opts->framework))
        return -1;
    if (opts->crosswalk && refuse_output_over(opts->output, opts->crosswalk))
        return -1;
    return 0;
}

/* Loads every FILE, keeping what the loader said about each. */
static int load_all(const cli_options *opts, dii_submissions **parts,
                    dii_diagnostics **load_diags)
{
    int code = EXIT_VALID;
    for (size_t i = 0; i < opts->operand_count; i++) {
        dii_diagnostics *d = NULL;
        dii_status st = load_submissions(opts->operands[i], &opts->parse, &parts[i], &d);
        *load_diags = join_diagnostics(*load_diags, d);
        if (st == DII_ERR_PARSE)
            code = code > EXIT_INVALID ? code : EXIT_INVALID;
        else if (st != DII_OK)
            code = EXIT_USAGE;
    }
    return code;
}

static int merge_all(const cli_options *opts, dii_submissions **parts, dii_submissions **all)
{
    if (dii_submissions_merge((const dii_submissions *const *)parts, opts->operand_count,
                              all) == DII_OK)
        return EXIT_VALID;
    fprintf(stderr, "dii: %s\n", dii_last_error());
    return EXIT_USAGE;
}

int load_inputs_each(const cli_options *opts, dii_submissions **parts, dii_submissions **all,
                     dii_framework **fw, dii_diagnostics **diags)
{
    size_t n = opts->operand_count;
    *all = NULL;
    *fw = NULL;
    *diags = NULL;
    for (size_t i = 0; i < n; i++)
        parts[i] = NULL;
    dii_diagnostics *fw_diags = NULL;
    int code = load_all(opts, parts, diags);
    if (code == EXIT_VALID)
        code = merge_all(opts, parts, all);
    if (code == EXIT_VALID)
        code = resolve_framework(opts->framework, &opts->parse, *all, fw, &fw_diags);
    *diags = join_diagnostics(*diags, fw_diags);
    if (code != EXIT_VALID) {
        for (size_t i = 0; i < n; i++) {
            dii_submissions_free(parts[i]);
            parts[i] = NULL;
        }
        dii_submissions_free(*all);
        *all = NULL;
        dii_framework_free(*fw);
        *fw = NULL;
    }
    return code;
}

int load_inputs(const cli_options *opts, dii_submissions **all, dii_framework **fw,
                dii_diagnostics **diags)
{
    size_t n = opts->operand_count;
    dii_submissions **parts = calloc(n, sizeof *parts);
    if (!parts) {
        *all = NULL;
        *fw = NULL;
        *diags = NULL;
        fprintf(stderr, "dii: out of memory\n");
        return EXIT_USAGE;
    }
    int code = load_inputs_each(opts, parts, all, fw, diags);
    for (size_t i = 0; i < n; i++)
        dii_submissions_free(parts[i]);
    free(parts);
    return code;
}
