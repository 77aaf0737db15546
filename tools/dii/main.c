/* dii — validate and score DII-style digital-infrastructure data.
 * Dispatches to the subcommands; see `dii --help` and dii(1). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {&cmd_frameworks, &cmd_show, &cmd_validate,
                                              &cmd_score, &cmd_track, &cmd_compare};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static const char MAIN_USAGE[] =
    "Usage: dii COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Validate, score and track digital-infrastructure (DII) data with libdii.\n"
    "\n"
    "Commands:\n"
    "  frameworks                 list the built-in frameworks\n"
    "  show FRAMEWORK             describe a framework (built-in id or file)\n"
    "  validate [--framework F] [--format text|json|junit|github] [--strict] FILE...\n"
    "                             check data files and report every problem\n"
    "  score [--framework F] [--target-year Y] [--format table|json|csv|markdown]\n"
    "        [-o OUT] FILE...     points, index, rank and target compliance\n"
    "  track [--framework F] [--milestone Y]... [--pace linear|cagr]\n"
    "        [--format table|json|csv|markdown] [-o OUT] FILE...\n"
    "                             is each unit on track for its targets?\n"
    "  compare [--framework F] [--target-year Y] [--all]\n"
    "        [--format table|json|csv|markdown] [-o OUT] A B\n"
    "                             what changed between two rounds or years\n"
    "\n"
    "Options:\n"
    "  --help                     this help; `dii COMMAND --help` for a command\n"
    "  --version                  the program's and the library's version\n"
    "\n"
    "FILE may be - for standard input. Exit status: 0 success / valid, 1 invalid\n"
    "input, 2 usage, I/O or internal error.\n";

static int print_version(void)
{
    printf("dii %s (libdii %s)\n", DII_VERSION_STRING, dii_version_string());
    return EXIT_VALID;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(MAIN_USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        fputs(MAIN_USAGE, stdout);
        return EXIT_VALID;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return print_version();
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(name, commands[i]->name) != 0)
            continue;
        cli_options opts;
        int parsed = parse_options(commands[i], argc - 2, argv + 2, &opts);
        if (parsed != 0)
            return parsed > 0 ? EXIT_VALID : EXIT_USAGE;
        return commands[i]->run(commands[i], &opts);
    }
    fprintf(stderr, "dii: unknown command '%s'\nTry 'dii --help'.\n", name);
    return EXIT_USAGE;
}

/* Whatever went to standard output (--help, --version, a report) must have
 * reached it: a full disk or a closed descriptor is an I/O error, exit 2,
 * not a silent success. Said once: a command that already failed on it has
 * reported it. */
static int close_stdout(int code)
{
    errno = 0;
    int failed = ferror(stdout);
    failed |= fclose(stdout) != 0;
    if (!failed)
        return code;
    if (code != EXIT_USAGE)
        fprintf(stderr, "dii: cannot write standard output: %s\n",
                errno ? strerror(errno) : "write error");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    return close_stdout(dispatch(argc, argv));
}
