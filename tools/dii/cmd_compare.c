/* dii compare: round against round, year against year (docs/compare.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: dii compare [OPTIONS] A B\n"
    "\n"
    "Compare two scorings of the same units: A and B are submissions files (JSON,\n"
    "JSON Lines or CSV; one of them may be - for standard input), each scored as\n"
    "'dii score' would, with one framework and one --target-year. For example a\n"
    "province's self-assessment (A) against the ministry's evaluation (B), or one\n"
    "year against the next. Per unit: points, index and rank on each side and\n"
    "their change (B - A; a positive rank change is a worse place); per\n"
    "indicator: value, points and status on each side and their change. Only\n"
    "changed indicators are listed unless --all is given; units found on one side\n"
    "only are listed too. Result documents (dii-result/1 JSON) are not read. The\n"
    "method is docs/compare.md.\n"
    "\n"
    "Options:\n"
    "  --framework F        built-in framework id or framework file\n"
    "                       (default: the \"framework\" named in the data)\n"
    "  --target-year Y      score both sides against the targets of year Y\n"
    "                       (default: each submission's own year)\n"
    "  --all                list every indicator, not only the changed ones\n"
    "  --format FORMAT      table (default), json, csv or markdown\n"
    "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
    "  --lang vi|en         language of names in table and markdown (default vi)\n"
    "  --delimiter C        CSV field delimiter: ',' (default), ';' or tab\n"
    "  --decimal-mark C     CSV decimal mark: '.' (default) or ','\n"
    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "If either side is invalid nothing is compared: the problems of both are\n"
    "printed on standard error as by 'dii validate' and the exit status is 1.\n"
    "Exit status 2: usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_MARKDOWN};

enum { SIDES = 2 };

static int write_output(FILE *out, const cli_options *opts, const dii_framework *fw,
                        const dii_comparison *cmp)
{
    out_style style = {use_color(out), opts->lang};
    const char *const files[SIDES] = {opts->operands[0], opts->operands[1]};
    char *json = NULL;
    int rc;
    switch (opts->format) {
    case FORMAT_JSON:
        /* the one writer of "dii-comparison/1" is the library's */
        rc = dii_comparison_to_json(cmp, &json, NULL) == DII_OK && fputs(json, out) >= 0 ? 0 : -1;
        dii_free(json);
        return rc;
    case FORMAT_CSV: return write_comparison_csv(out, fw, cmp);
    case FORMAT_MARKDOWN: return write_comparison_markdown(out, fw, cmp, files, &style);
    default: return write_comparison_table(out, fw, cmp, files, &style);
    }
}

static const char *comparison_warning(const void *cmp, size_t i)
{
    return dii_comparison_warning(cmp, i);
}

static int write_all(const cli_options *opts, const dii_framework *fw, const dii_comparison *cmp)
{
    output out;
    if (output_open(&out, opts->output) != 0)
        return EXIT_USAGE;
    if (write_output(out.fp, opts, fw, cmp) != 0) {
        output_fail(&out);
        return EXIT_USAGE;
    }
    return output_commit(&out) != 0 ? EXIT_USAGE : EXIT_VALID;
}

static int compare_and_write(const cli_options *opts, const dii_framework *fw,
                             dii_results *const res[SIDES], const dii_diagnostics *diags)
{
    dii_compare_options co = DII_COMPARE_OPTIONS_INIT;
    co.all_rows = opts->all_rows;
    dii_comparison *cmp = NULL;
    if (dii_compare(res[0], res[1], &co, &cmp) != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        return EXIT_USAGE;
    }
    print_output_warnings(dii_comparison_warning_count(cmp), comparison_warning, cmp, diags);
    int code = write_all(opts, fw, cmp);
    dii_comparison_free(cmp);
    return code;
}

/* Both sides scored, then compared: an invalid side is reported with the
 * other's problems (in input order: A's file first), so that one run
 * shows everything to fix. */
static int score_both_and_compare(const cli_options *opts, const dii_framework *fw,
                                  dii_submissions *const parts[SIDES])
{
    dii_results *res[SIDES] = {NULL, NULL};
    dii_diagnostics *d = NULL;
    int code = EXIT_VALID;
    for (size_t s = 0; s < SIDES; s++) {
        dii_diagnostics *side = NULL;
        int c = score_submissions(opts, fw, parts[s], &res[s], &side);
        d = join_diagnostics(d, side);
        code = c > code ? c : code;
    }
    if (code == EXIT_INVALID)
        print_refused(opts, d, "compared");
    else if (code == EXIT_VALID)
        code = compare_and_write(opts, fw, res, d);
    for (size_t s = 0; s < SIDES; s++)
        dii_results_free(res[s]);
    dii_diagnostics_free(d);
    return code;
}

static int run(const cli_command *cmd, const cli_options *opts)
{
    if (check_files(cmd, opts) != 0)
        return EXIT_USAGE;
    if (opts->operand_count != SIDES)
        return usage_error(cmd, "compare takes two files, A and B (%zu given)",
                           opts->operand_count);
    if (check_output_is_not_an_input(opts, 1) != 0)
        return EXIT_USAGE;
    dii_submissions *parts[SIDES] = {NULL, NULL};
    dii_submissions *all = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *load_diags = NULL;
    /* one framework for both sides, resolved from both as score resolves
     * it from several files: sides naming different frameworks are refused
     * (framework-mismatch) */
    int code = load_inputs_each(opts, parts, &all, &fw, &load_diags);
    if (code != EXIT_VALID)
        print_refused(opts, load_diags, "compared");
    else
        code = score_both_and_compare(opts, fw, parts);
    for (size_t s = 0; s < SIDES; s++)
        dii_submissions_free(parts[s]);
    dii_submissions_free(all);
    dii_framework_free(fw);
    dii_diagnostics_free(load_diags);
    return code;
}

const cli_command cmd_compare = {
    "compare", USAGE, OPT_FORMAT | OPT_FRAMEWORK | OPT_TARGET_YEAR | OPT_OUTPUT | OPT_LANG |
        OPT_CSV | OPT_LIMITS | OPT_ALL,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
