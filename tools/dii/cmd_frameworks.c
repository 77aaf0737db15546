/* dii frameworks: list the built-in frameworks. */
#include "cli.h"

static const char USAGE[] =
    "Usage: dii frameworks [OPTIONS]\n"
    "\n"
    "List the frameworks built into libdii: id, status, maximum points and title.\n"
    "\n"
    "Options:\n"
    "  --lang vi|en         language of the titles (default vi)\n"
    "  --help               this help\n";

static int run(const cli_command *cmd, const cli_options *opts)
{
    if (opts->operand_count != 0)
        return usage_error(cmd, "frameworks takes no arguments");
    for (size_t i = 0; i < dii_builtin_framework_count(); i++) {
        dii_framework *fw = NULL;
        const char *id = dii_builtin_framework_id(i);
        if (dii_framework_builtin(id, &fw) != DII_OK) {
            fprintf(stderr, "dii: %s\n", dii_last_error());
            return EXIT_USAGE;
        }
        char points[32];
        format_number(dii_framework_max_points(fw), points, sizeof points);
        put_padded(stdout, id, 22, 0);
        fputs("  ", stdout);
        put_padded(stdout, dii_framework_status_name(dii_framework_status_of(fw)), 11, 0);
        fputs("  ", stdout);
        put_padded(stdout, points, 4, 1);
        printf(" points  %s\n", dii_framework_title(fw, opts->lang));
        dii_framework_free(fw);
    }
    return EXIT_VALID; /* a write error is caught when standard output is closed (main.c) */
}

const cli_command cmd_frameworks = {
    "frameworks", USAGE, OPT_LANG, NULL, 0, run,
};
