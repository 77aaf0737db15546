/* dii score: points, index, rank and target compliance. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: dii score [OPTIONS] FILE...\n"
    "\n"
    "Score submissions (JSON, JSON Lines or CSV; - for standard input). All the\n"
    "submissions given form one cohort per target year and are ranked together.\n"
    "\n"
    "Options:\n"
    "  --framework F        built-in framework id or framework file\n"
    "                       (default: the \"framework\" named in the data)\n"
    "  --target-year Y      score against the targets of year Y\n"
    "                       (default: each submission's own year)\n"
    "  --format FORMAT      table (default), json, csv or markdown\n"
    "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
    "  --lang vi|en         language of names in table and markdown (default vi)\n"
    "  --delimiter C        CSV field delimiter: ',' (default), ';' or tab\n"
    "  --decimal-mark C     CSV decimal mark: '.' (default) or ','\n"
    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "Invalid input is not scored: its problems are printed on standard error as by\n"
    "'dii validate' and the exit status is 1. Exit status 2: usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_MARKDOWN};

/* Problems go to standard error in the text form of `dii validate`, in
 * input order: file (as given on the command line), line, column. */
static void print_problems(const cli_options *opts, const dii_diagnostics *d)
{
    out_style style = {use_color(stderr), "en"};
    diag_view v;
    const char *fallback = opts->operand_count == 1 ? opts->operands[0] : "-";
    if (diag_view_build(&v, d, NULL, 1) != 0)
        return;
    write_diagnostic_lines(stderr, &v, fallback, &style);
    diag_view_free(&v);
}

static void print_not_scored(const dii_diagnostics *d)
{
    size_t e = dii_diagnostics_error_count(d), w = dii_diagnostics_warning_count(d);
    fprintf(stderr, "dii: %zu error%s, %zu warning%s: nothing was scored\n", e,
            e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

/* Loads every file, keeping what the loader said about each (printed only
 * when scoring cannot go on: dii_score reports it again otherwise). */
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

static int write_output(FILE *out, const cli_options *opts, const dii_framework *fw,
                        const dii_results *res)
{
    out_style style = {use_color(out), opts->lang};
    char *json = NULL;
    int rc;
    switch (opts->format) {
    case FORMAT_JSON:
        rc = dii_results_to_json(res, &json, NULL) == DII_OK && fputs(json, out) >= 0 ? 0 : -1;
        dii_free(json);
        return rc;
    case FORMAT_CSV: return write_results_csv(out, fw, res);
    case FORMAT_MARKDOWN: return write_results_markdown(out, fw, res, &style);
    default: return write_results_table(out, fw, res, &style);
    }
}

/* Every output made from provisional data says so, here on standard error:
 * the framework's warning in full, the per-indicator ones counted (the JSON
 * output carries each of them). */
static void print_warnings(const dii_results *res, const dii_diagnostics *d)
{
    size_t n = dii_results_warning_count(res), shown = n > 3 ? 1 : n;
    for (size_t i = 0; i < shown; i++)
        fprintf(stderr, "dii: warning: %s\n", dii_results_warning(res, i));
    if (n > shown)
        fprintf(stderr, "dii: warning: %zu more provisional indicators (see 'dii show' or the "
                        "JSON output's \"warnings\")\n", n - shown);
    size_t w = dii_diagnostics_warning_count(d);
    if (w > 0)
        fprintf(stderr, "dii: %zu validation warning%s (missing values, years outside the "
                        "framework); 'dii validate' lists them\n", w, w == 1 ? "" : "s");
}

static int score_and_write(const cli_options *opts, const dii_framework *fw,
                           const dii_submissions *subs)
{
    dii_score_options so = DII_SCORE_OPTIONS_INIT;
    so.target_year = opts->target_year;
    dii_results *res = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_score(fw, subs, &so, &res, &d);
    int code = EXIT_VALID;
    if (st == DII_ERR_VALIDATION) {
        /* dii_score lists what the default cap keeps; the problems shown
         * are those --max-diagnostics keeps (only invalid input pays for
         * this second pass) */
        dii_validate_options vo = validate_options(opts);
        dii_diagnostics_free(d);
        d = NULL;
        st = dii_validate_with(fw, subs, &vo, &d);
    }
    if (st == DII_ERR_VALIDATION) {
        print_problems(opts, d);
        print_not_scored(d);
        code = EXIT_INVALID;
    } else if (st != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        code = EXIT_USAGE;
    } else {
        print_warnings(res, d);
        output out;
        if (output_open(&out, opts->output) != 0)
            code = EXIT_USAGE;
        else if (write_output(out.fp, opts, fw, res) != 0) {
            output_fail(&out);
            code = EXIT_USAGE;
        } else if (output_commit(&out) != 0)
            code = EXIT_USAGE;
    }
    dii_results_free(res);
    dii_diagnostics_free(d);
    return code;
}

static int run(const cli_command *cmd, const cli_options *opts)
{
    size_t n = opts->operand_count;
    if (check_files(cmd, opts) != 0 || check_output_is_not_an_input(opts, 1) != 0)
        return EXIT_USAGE;
    dii_submissions **parts = calloc(n, sizeof *parts);
    if (!parts) {
        fprintf(stderr, "dii: out of memory\n");
        return EXIT_USAGE;
    }
    dii_submissions *all = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *load_diags = NULL, *fw_diags = NULL;
    int code = load_all(opts, parts, &load_diags);
    if (code == EXIT_VALID)
        code = merge_all(opts, parts, &all);
    if (code == EXIT_VALID)
        code = resolve_framework(opts->framework, &opts->parse, all, &fw, &fw_diags);
    if (code != EXIT_VALID) {
        load_diags = join_diagnostics(load_diags, fw_diags);
        fw_diags = NULL;
        print_problems(opts, load_diags);
        if (dii_diagnostics_count(load_diags) > 0)
            print_not_scored(load_diags);
    }
    if (code == EXIT_VALID)
        code = score_and_write(opts, fw, all);
    dii_framework_free(fw);
    dii_diagnostics_free(fw_diags);
    dii_diagnostics_free(load_diags);
    dii_submissions_free(all);
    for (size_t i = 0; i < n; i++)
        dii_submissions_free(parts[i]);
    free(parts);
    return code;
}

const cli_command cmd_score = {
    "score", USAGE, OPT_FORMAT | OPT_FRAMEWORK | OPT_TARGET_YEAR | OPT_OUTPUT | OPT_LANG | OPT_CSV |
        OPT_LIMITS,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
