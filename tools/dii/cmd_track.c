/* dii track: is each unit on track for its targets? (docs/tracking.md) */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: dii track [OPTIONS] FILE...\n"
    "\n"
    "Track a multi-year panel (JSON, JSON Lines or CSV; - for standard input):\n"
    "per unit, indicator and milestone the observed and required pace, the pace\n"
    "ratio, a status (achieved, on track, acceleration needed, limited progress,\n"
    "deteriorating, not achieved, insufficient data, no target), the projection\n"
    "and the year the target is expected to be met; per unit the index of every\n"
    "observed year and the projected index at each milestone. The method is\n"
    "docs/tracking.md.\n"
    "\n"
    "Options:\n"
    "  --framework F        built-in framework id or framework file\n"
    "                       (default: the \"framework\" named in the data)\n"
    "  --milestone Y        a milestone year (repeatable; default: the framework's\n"
    "                       target years after each unit's latest year)\n"
    "  --pace METHOD        linear (default: least-squares slope) or cagr\n"
    "                       (compound annual growth rate)\n"
    "  --crosswalk FILE     merge former units into new ones (CSV from_unit,to_unit\n"
    "                       [,weight]) for every year before --effective-year\n"
    "  --effective-year Y   the year the crosswalk takes effect (needed with it)\n"
    "  --format FORMAT      table (default), json, csv or markdown\n"
    "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
    "  --lang vi|en         language of names in table and markdown (default vi)\n"
    "  --delimiter C        CSV field delimiter: ',' (default), ';' or tab\n"
    "  --decimal-mark C     CSV decimal mark: '.' (default) or ','\n"
    "  --unit-id ID         the unit of a plan table (indicator,2022,2023,...) without\n"
    "                       a unit_id column\n"
    "  --unit-name NAME     its name\n"    LIMIT_OPTIONS_HELP
    "  --help               this help\n"
    "\n"
    "Invalid input (or a crosswalk that would count a unit twice) is not tracked:\n"
    "its problems are printed on standard error as by 'dii validate' and the exit\n"
    "status is 1; so are the problems of a bad crosswalk file. Exit status 2:\n"
    "usage or I/O error.\n";

static const out_format FORMATS[] = {FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_MARKDOWN};

/* The --milestone years, ascending (the library sorts them too; this
 * order is only the bit set's). n is opts->milestone_count. */
static int *milestone_list(const cli_options *opts)
{
    int *years = malloc((opts->milestone_count ? opts->milestone_count : 1) * sizeof *years);
    size_t n = 0;
    for (int i = 0; years && i < MILESTONE_YEARS; i++)
        if (opts->milestone[i])
            years[n++] = DII_YEAR_MIN + i;
    if (!years)
        fprintf(stderr, "dii: out of memory\n");
    return years;
}

/* --crosswalk FILE: its problems go to *diags (with its warnings, which are
 * printed whatever happens: a column it ignores is worth knowing). EXIT_VALID,
 * EXIT_INVALID for a bad file, EXIT_USAGE when it cannot be read. */
static int load_crosswalk(const cli_options *opts, dii_crosswalk **cw, dii_diagnostics **diags)
{
    *cw = NULL;
    *diags = NULL;
    if (opts->crosswalk == NULL)
        return EXIT_VALID;
    dii_status st = dii_crosswalk_load_file(opts->crosswalk, opts->effective_year, cw, diags);
    if (st == DII_OK)
        return EXIT_VALID;
    if (st == DII_ERR_PARSE || st == DII_ERR_VALIDATION)
        return EXIT_INVALID;
    if (!*diags) /* an unreadable file comes with its "unreadable" diagnostic */
        fprintf(stderr, "dii: %s\n", dii_last_error());
    return EXIT_USAGE;
}

static int write_output(FILE *out, const cli_options *opts, const dii_framework *fw,
                        const dii_tracking *tr)
{
    out_style style = {use_color(out), opts->lang};
    char *json = NULL;
    int rc;
    switch (opts->format) {
    case FORMAT_JSON:
        /* the one writer of "dii-tracking/1" is the library's */
        rc = dii_tracking_to_json(tr, &json, NULL) == DII_OK && fputs(json, out) >= 0 ? 0 : -1;
        dii_free(json);
        return rc;
    case FORMAT_CSV: return write_tracking_csv(out, fw, tr);
    case FORMAT_MARKDOWN: return write_tracking_markdown(out, fw, tr, &style);
    default: return write_tracking_table(out, fw, tr, &style);
    }
}

static const char *tracking_warning(const void *tr, size_t i)
{
    return dii_tracking_warning(tr, i);
}

static int write_all(const cli_options *opts, const dii_framework *fw, const dii_tracking *tr)
{
    output out;
    if (output_open(&out, opts->output) != 0)
        return EXIT_USAGE;
    if (write_output(out.fp, opts, fw, tr) != 0) {
        output_fail(&out);
        return EXIT_USAGE;
    }
    return output_commit(&out) != 0 ? EXIT_USAGE : EXIT_VALID;
}

static int track_and_write(const cli_options *opts, const dii_framework *fw,
                           const dii_submissions *subs, const dii_crosswalk *cw)
{
    dii_tracking_options to = DII_TRACKING_OPTIONS_INIT;
    int *milestones = NULL;
    if (opts->milestone_count > 0) {
        if (!(milestones = milestone_list(opts)))
            return EXIT_USAGE;
        to.milestones = milestones;
        to.milestone_count = opts->milestone_count;
    }
    to.pace = opts->pace;
    to.crosswalk = cw;
    dii_tracking *tr = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_track(fw, subs, &to, &tr, &d);
    int code = EXIT_VALID;
    if (st == DII_ERR_VALIDATION) {
        d = relist_refused(opts, fw, subs, d, "crosswalk-conflict");
        print_refused(opts, d, "tracked");
        code = EXIT_INVALID;
    } else if (st != DII_OK) {
        fprintf(stderr, "dii: %s\n", dii_last_error());
        code = EXIT_USAGE;
    } else {
        print_output_warnings(dii_tracking_warning_count(tr), tracking_warning, tr, d);
        code = write_all(opts, fw, tr);
    }
    dii_tracking_free(tr);
    dii_diagnostics_free(d);
    free(milestones);
    return code;
}

static int run(const cli_command *cmd, const cli_options *opts)
{
    if (check_files(cmd, opts) != 0 || check_output_is_not_an_input(opts, 1) != 0)
        return EXIT_USAGE;
    dii_crosswalk *cw = NULL;
    dii_submissions *all = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *cw_diags = NULL, *load_diags = NULL;
    int cw_code = load_crosswalk(opts, &cw, &cw_diags);
    int code = load_inputs(opts, &all, &fw, &load_diags);
    code = code > cw_code ? code : cw_code;
    if (code != EXIT_VALID) {
        /* every problem of the inputs and of the crosswalk at once */
        load_diags = join_diagnostics(load_diags, cw_diags);
        cw_diags = NULL;
        print_refused(opts, load_diags, "tracked");
    } else {
        /* the crosswalk's warnings (an ignored column); what the
         * submissions' loader said, dii_track reports again */
        print_problems(opts, cw_diags);
        code = track_and_write(opts, fw, all, cw);
    }
    dii_crosswalk_free(cw);
    dii_framework_free(fw);
    dii_diagnostics_free(cw_diags);
    dii_diagnostics_free(load_diags);
    dii_submissions_free(all);
    return code;
}

const cli_command cmd_track = {
    "track", USAGE, OPT_FORMAT | OPT_FRAMEWORK | OPT_OUTPUT | OPT_LANG | OPT_CSV | OPT_LIMITS |
        OPT_TRACK,
    FORMATS, sizeof FORMATS / sizeof FORMATS[0], run,
};
