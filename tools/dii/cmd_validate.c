/* dii validate: check data files and report every problem. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: dii validate [OPTIONS] FILE...\n"
    "\n"
    "Check submissions (JSON, JSON Lines or CSV; - for standard input) against\n"
    "their framework and report every problem with file, line, column and code.\n"
    "\n"
    "Options:\n"
    "  --framework F        built-in framework id or framework file\n"
    "                       (default: the \"framework\" named in each file)\n"
    "  --format FORMAT      text (default), json, junit or github\n"
    "  --strict             warnings make the input invalid too\n"
    "  -o, --output FILE    write the report to FILE instead of standard output\n"
    "  --delimiter C        CSV field delimiter: ',' (default), ';' or tab\n"
    "  --decimal-mark C     CSV decimal mark: '.' (default) or ','\n"
    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "Exit status: 0 valid, 1 invalid (errors, or warnings with --strict),\n"
    "2 usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT, FORMAT_GITHUB};

/* What validating one file produced; owns its handles. */
typedef struct file_state {
    dii_submissions *subs;
    dii_diagnostics *diags;
    int exit_code;
} file_state;

static int max_code(int a, int b)
{
    return a > b ? a : b;
}

/* Loads one file and checks it; the exit code says how bad it went. */
static void validate_file(const char *name, const cli_options *opts, file_state *fs)
{
    dii_status st = load_submissions(name, &opts->parse, &fs->subs, &fs->diags);
    if (st != DII_OK) {
        fs->exit_code = st == DII_ERR_PARSE ? EXIT_INVALID : EXIT_USAGE;
        return;
    }
    dii_framework *fw = NULL;
    dii_diagnostics *fw_diags = NULL;
    int rc = resolve_framework(opts->framework, fs->subs, &fw, &fw_diags);
    if (rc == EXIT_VALID)
        dii_diagnostics_free(fw_diags);
    if (rc != EXIT_VALID) {
        /* what the loader found, then why no framework could be used */
        fs->diags = join_diagnostics(fs->diags, fw_diags);
        fs->exit_code = rc;
        return;
    }
    dii_diagnostics_free(fs->diags); /* dii_validate repeats the loader's findings */
    fs->diags = NULL;
    st = dii_validate(fw, fs->subs, &fs->diags);
    if (st != DII_OK && st != DII_ERR_VALIDATION) {
        fprintf(stderr, "dii: %s: %s\n", name, dii_last_error());
        fs->exit_code = EXIT_USAGE;
    }
    dii_framework_free(fw);
}

static int verdict(const file_state *fs, int strict)
{
    if (fs->exit_code != EXIT_VALID)
        return fs->exit_code;
    if (dii_diagnostics_error_count(fs->diags) > 0)
        return EXIT_INVALID;
    if (strict && dii_diagnostics_warning_count(fs->diags) > 0)
        return EXIT_INVALID;
    return EXIT_VALID;
}

static int write_json(FILE *out, const validated_file *files, size_t n)
{
    const dii_diagnostics **lists = calloc(n ? n : 1, sizeof *lists);
    dii_diagnostics *all = NULL;
    char *json = NULL;
    int rc = -1;
    if (lists) {
        for (size_t i = 0; i < n; i++)
            lists[i] = files[i].diags;
        if (dii_diagnostics_concat(lists, n, &all) == DII_OK &&
            dii_diagnostics_to_json(all, &json, NULL) == DII_OK)
            rc = fputs(json, out) < 0 ? -1 : 0;
    }
    if (rc != 0 && !json)
        fprintf(stderr, "dii: %s\n", dii_last_error());
    dii_free(json);
    dii_diagnostics_free(all);
    free(lists);
    return rc;
}

static int write_report(FILE *out, const cli_options *opts, const validated_file *files,
                        size_t n)
{
    out_style style = {use_color(out), opts->lang};
    switch (opts->format) {
    case FORMAT_JSON: return write_json(out, files, n);
    case FORMAT_JUNIT: return write_diagnostics_junit(out, files, n, opts->strict);
    case FORMAT_GITHUB: return write_diagnostics_github(out, files, n);
    default: return write_diagnostics_text(out, files, n, &style);
    }
}

/* An -o file is only written when every input could be read: on an I/O
 * or usage error the target is neither created nor changed. */
static int report(const cli_options *opts, const validated_file *files, size_t n, int code)
{
    if (opts->output && code == EXIT_USAGE) {
        out_style style = {use_color(stderr), "en"};
        write_diagnostics_text(stderr, files, n, &style);
        fprintf(stderr, "dii: %s was not written\n", opts->output);
        return 0;
    }
    output out;
    if (output_open(&out, opts->output) != 0)
        return -1;
    if (write_report(out.fp, opts, files, n) != 0) {
        output_abort(&out);
        return -1;
    }
    return output_commit(&out);
}


static int run(const cli_command *cmd, const cli_options *opts)
{
    size_t n = opts->operand_count;
    if (check_files(cmd, opts) != 0)
        return EXIT_USAGE;
    file_state *states = calloc(n, sizeof *states);
    validated_file *files = calloc(n, sizeof *files);
    int code = EXIT_VALID;
    if (!states || !files) {
        fprintf(stderr, "dii: out of memory\n");
        free(states);
        free(files);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++) {
        validate_file(opts->operands[i], opts, &states[i]);
        files[i] = (validated_file){opts->operands[i], states[i].subs, states[i].diags};
        code = max_code(code, verdict(&states[i], opts->strict));
    }
    if (report(opts, files, n, code) != 0)
        code = EXIT_USAGE;
    for (size_t i = 0; i < n; i++) {
        dii_submissions_free(states[i].subs);
        dii_diagnostics_free(states[i].diags);
    }
    free(states);
    free(files);
    return code;
}

const cli_command cmd_validate = {
    "validate", USAGE, OPT_FORMAT | OPT_FRAMEWORK | OPT_STRICT | OPT_OUTPUT | OPT_CSV | OPT_LIMITS,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
