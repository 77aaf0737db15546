/* dii validate: check data files and report every problem. */
#include <stdlib.h>

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
    "  --ignore CODE        leave diagnostics with this code out of the report and\n"
    "                       of the exit status (repeatable; errors that stop a file\n"
    "                       from being checked are always reported)\n"
    "  --no-warnings        leave every warning out of the report and the exit status\n"
    "  -o, --output FILE    write the report to FILE instead of standard output\n"
    "  --delimiter C        CSV field delimiter: ',' (default), ';' or tab\n"
    "  --decimal-mark C     CSV decimal mark: '.' (default) or ','\n"
    "  --unit-id ID         the unit of a plan table (indicator,2022,2023,...) without\n"
    "                       a unit_id column\n"
    "  --unit-name NAME     its name\n"    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "Exit status: 0 valid, 1 invalid (errors, or warnings with --strict),\n"
    "2 usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT, FORMAT_GITHUB};

/* What validating one file produced; owns its handles. */
typedef struct file_state {
    dii_submissions *subs;
    dii_diagnostics *diags;
    int exit_code; /* EXIT_VALID unless the file could not be loaded or checked */
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
    int rc = resolve_framework(opts->framework, &opts->parse, fs->subs, &fw, &fw_diags);
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
    dii_validate_options vo = validate_options(opts);
    st = dii_validate_with(fw, fs->subs, &vo, &fs->diags);
    if (st != DII_OK && st != DII_ERR_VALIDATION) {
        fprintf(stderr, "dii: %s: %s\n", name, dii_last_error());
        fs->exit_code = EXIT_USAGE;
    }
    dii_framework_free(fw);
}

/* One file's part of the JSON report in *shown: the items its view shows,
 * or the "unreadable" error of a load failure nothing explains. The
 * library's list itself when the view shows all of it (the usual case:
 * nothing is copied), else a new list, also in *made for the caller to
 * free. -1 when out of memory (said on stderr). */
static int shown_list(const validated_file *f, const dii_diagnostics **shown,
                      dii_diagnostics **made)
{
    int unread = unread_without_error(f);
    *made = NULL;
    *shown = f->diags.list;
    if (!unread && f->diags.count == dii_diagnostics_count(f->diags.list))
        return 0;
    dii_status st = unread ? dii_diagnostics_new_error("unreadable",
                                                       UNEXPLAINED_LOAD_FAILURE_MESSAGE, f->name,
                                                       made)
                           : dii_diagnostics_select(f->diags.list, f->diags.at, f->diags.count,
                                                    made);
    if (st != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return -1;
    }
    *shown = *made;
    return 0;
}

/* The files' lists as one document, streamed by the library's one writer
 * of "dii-diagnostics/1" (design.md: one writer per data contract) as it
 * is produced: neither the joined list nor the whole text is held. */
int write_diagnostics_json(FILE *out, const validated_file *files, size_t n)
{
    const dii_diagnostics **shown = calloc(n ? n : 1, sizeof *shown);
    dii_diagnostics **made = calloc(n ? n : 1, sizeof *made);
    int rc = shown && made ? 0 : -1;
    if (rc != 0)
        fprintf(stderr, "dii: out of memory\n");
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = shown_list(&files[i], &shown[i], &made[i]);
    if (rc == 0) {
        stream_sink sink = {out, 0};
        dii_status st = dii_diagnostics_write_json(shown, n, stream_sink_write, &sink);
        rc = stream_sink_status(&sink, st);
    }
    for (size_t i = 0; made && i < n; i++)
        dii_diagnostics_free(made[i]);
    free(made);
    free(shown);
    return rc;
}

/* The exit status of one file, from what its report shows: ignored
 * diagnostics do not count, with --strict either. */
static int verdict(const file_state *fs, const diag_view *shown, int strict)
{
    if (fs->exit_code != EXIT_VALID)
        return fs->exit_code;
    if (shown->errors > 0)
        return EXIT_INVALID;
    if (strict && shown->warnings > 0)
        return EXIT_INVALID;
    return EXIT_VALID;
}

static int write_report(FILE *out, const cli_options *opts, const validated_file *files,
                        size_t n, int code)
{
    out_style style = {use_color(out), opts->lang};
    switch (opts->format) {
    case FORMAT_JSON: return write_diagnostics_json(out, files, n);
    case FORMAT_JUNIT: return write_diagnostics_junit(out, files, n, opts->strict);
    case FORMAT_GITHUB: return write_diagnostics_github(out, files, n, code);
    default: return write_diagnostics_text(out, files, n, &style);
    }
}

/* The report is the product: it is written (to standard output or -o)
 * whatever the files hold, an unreadable one included, so that a CI job
 * always has it to show. */
static int report(const cli_options *opts, const validated_file *files, size_t n, int code)
{
    output out;
    if (output_open(&out, opts->output) != 0)
        return -1;
    if (write_report(out.fp, opts, files, n, code) != 0) {
        output_fail(&out);
        return -1;
    }
    if (output_commit(&out) != 0)
        return -1;
    if (opts->format == FORMAT_GITHUB)
        return write_github_step_summary(files, n, code);
    return 0;
}

static int run(const cli_command *cmd, const cli_options *opts)
{
    size_t n = opts->operand_count;
    if (check_files(cmd, opts) != 0 || check_output_is_not_an_input(opts, 1) != 0)
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
    for (size_t i = 0; i < n && code != -1; i++) {
        validate_file(opts->operands[i], opts, &states[i]);
        files[i].name = opts->operands[i];
        files[i].subs = states[i].subs;
        /* a file that could not be checked keeps every error */
        if (diag_view_build(&files[i].diags, states[i].diags, &opts->filter,
                            states[i].exit_code != EXIT_VALID) != 0)
            code = -1;
        else
            code = max_code(code, verdict(&states[i], &files[i].diags, opts->strict));
    }
    if (code == -1 || report(opts, files, n, code) != 0)
        code = EXIT_USAGE;
    for (size_t i = 0; i < n; i++) {
        diag_view_free(&files[i].diags);
        dii_submissions_free(states[i].subs);
        dii_diagnostics_free(states[i].diags);
    }
    free(states);
    free(files);
    return code;
}

const cli_command cmd_validate = {
    "validate", USAGE,
    OPT_FORMAT | OPT_FRAMEWORK | OPT_STRICT | OPT_OUTPUT | OPT_CSV | OPT_LIMITS | OPT_FILTER,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
