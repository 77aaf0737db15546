/* dii show: describe a framework. */
#include "cli.h"

static const char USAGE[] =
    "Usage: dii show [OPTIONS] FRAMEWORK\n"
    "\n"
    "Describe a framework: a built-in id (see 'dii frameworks') or a framework\n"
    "file. --format json prints it as dii-framework/1 JSON that loads back\n"
    "unchanged (normalised: defaults written out, targets sorted by year).\n"
    "\n"
    "Options:\n"
    "  --format FORMAT      table (default), json or markdown\n"
    "  --lang vi|en         language of names (default vi)\n"
    "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
    "  --help               this help\n";

static const out_format FORMATS[] = {FORMAT_TABLE, FORMAT_JSON, FORMAT_MARKDOWN};

static int write_framework(FILE *out, const cli_options *opts, const dii_framework *fw)
{
    out_style style = {use_color(out), opts->lang};
    char *json = NULL;
    int rc;
    switch (opts->format) {
    case FORMAT_JSON:
        rc = dii_framework_to_json(fw, &json, NULL) == DII_OK && fputs(json, out) >= 0 ? 0 : -1;
        dii_free(json);
        return rc;
    case FORMAT_MARKDOWN: return write_framework_markdown(out, fw, &style);
    default: return write_framework_table(out, fw, &style);
    }
}

static int run(const cli_command *cmd, const cli_options *opts)
{
    if (opts->operand_count != 1)
        return usage_error(cmd, "show takes exactly one FRAMEWORK");
    if (check_output_is_not_an_input(opts, 0) != 0)
        return EXIT_USAGE;
    dii_framework *fw = NULL;
    dii_diagnostics *diags = NULL;
    int code = resolve_framework(opts->operands[0], NULL, NULL, &fw, &diags);
    if (code != EXIT_VALID) {
        validated_file f = {opts->operands[0], NULL, {0}};
        out_style style = {use_color(stderr), "en"};
        if (diags && diag_view_build(&f.diags, diags, NULL, 1) == 0)
            write_diagnostics_text(stderr, &f, 1, &style);
        diag_view_free(&f.diags);
        dii_diagnostics_free(diags);
        return code;
    }
    output out;
    if (output_open(&out, opts->output) != 0) {
        code = EXIT_USAGE;
    } else if (write_framework(out.fp, opts, fw) != 0) {
        output_fail(&out);
        code = EXIT_USAGE;
    } else if (output_commit(&out) != 0) {
        code = EXIT_USAGE;
    }
    dii_framework_free(fw);
    dii_diagnostics_free(diags);
    return code;
}

const cli_command cmd_show = {
    "show", USAGE, OPT_FORMAT | OPT_LANG | OPT_OUTPUT, FORMATS,
    sizeof FORMATS / sizeof FORMATS[0], run,
};
