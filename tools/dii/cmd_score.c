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
    "  --unit-id ID         the unit of a plan table (indicator,2022,2023,...) without\n"
    "                       a unit_id column\n"
    "  --unit-name NAME     its name\n"
    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "Invalid input is not scored: its problems are printed on standard error as by\n"
    "'dii validate' and the exit status is 1. Exit status 2: usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_MARKDOWN};

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
    case FORMAT_CSV: {
        stream_sink sink = {out, 0};
        return stream_sink_status(&sink, dii_results_write_csv(res, 0, stream_sink_write, &sink));
    }
    case FORMAT_MARKDOWN: return write_results_markdown(out, fw, res, &style);
    default: return write_results_table(out, fw, res, &style);
    }
}

/* Every output made from provisional data says so, here on standard error
 * (stderr_report.c). */
static const char *results_warning(const void *res, size_t i)
{
    return dii_results_warning(res, i);
}

int score_submissions(const cli_options *opts, const dii_framework *fw,
                      const dii_submissions *subs, dii_results **res, dii_diagnostics **diags)
{
    dii_score_options so = DII_SCORE_OPTIONS_INIT;
    so.target_year = opts->target_year;
    *res = NULL;
    *diags = NULL;
    dii_status st = dii_score(fw, subs, &so, res, diags);
    if (st == DII_ERR_VALIDATION) {
        *diags = relist_refused(opts, fw, subs, *diags, NULL);
        return EXIT_INVALID;
    }
    if (st != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return EXIT_USAGE;
    }
    return EXIT_VALID;
}

static int score_and_write(const cli_options *opts, const dii_framework *fw,
                           const dii_submissions *subs)
{
    dii_results *res = NULL;
    dii_diagnostics *d = NULL;
    int code = score_submissions(opts, fw, subs, &res, &d);
    if (code == EXIT_INVALID) {
        print_refused(opts, d, "scored");
    } else if (code == EXIT_VALID) {
        print_output_warnings(dii_results_warning_count(res), results_warning, res, d);
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
    if (check_files(cmd, opts) != 0 || check_output_is_not_an_input(opts, 1) != 0)
        return EXIT_USAGE;
    dii_submissions *all = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *load_diags = NULL;
    int code = load_inputs(opts, &all, &fw, &load_diags);
    /* what the loader said is printed only when scoring cannot go on:
     * dii_score reports the rest */
    if (code != EXIT_VALID)
        print_refused(opts, load_diags, "scored");
    else
        code = score_and_write(opts, fw, all);
    dii_framework_free(fw);
    dii_diagnostics_free(load_diags);
    dii_submissions_free(all);
    return code;
}

const cli_command cmd_score = {
    "score", USAGE, OPT_FORMAT | OPT_FRAMEWORK | OPT_TARGET_YEAR | OPT_OUTPUT | OPT_LANG | OPT_CSV |
        OPT_LIMITS,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
