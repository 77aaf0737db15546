/* The `dii` command: shared declarations. The command uses only the public
 * API of libdii (include/dii/dii.h). */
#ifndef DII_CLI_H
#define DII_CLI_H
#include <stddef.h>
#include <stdio.h>

#include <dii/dii.h>

/* Exit codes: a contract for CI pipelines (design.md §6). */
enum {
    EXIT_VALID = 0,   /* success, or input valid */
    EXIT_INVALID = 1, /* invalid input: errors, or warnings with --strict */
    EXIT_USAGE = 2    /* usage, I/O or internal error */
};

/* Output formats of the subcommands. */
typedef enum out_format {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_JUNIT,
    FORMAT_GITHUB,
    FORMAT_TABLE,
    FORMAT_CSV,
    FORMAT_MARKDOWN
} out_format;

/* How a writer may decorate its output. */
typedef struct out_style {
    int color;        /* ANSI colours: only on a terminal and when NO_COLOR is unset */
    const char *lang; /* "vi" or "en": which names to print */
} out_style;

/* One input file of `dii validate`, after loading and validating it. */
typedef struct validated_file {
    const char *name;            /* as given on the command line ("-" = stdin) */
    const dii_submissions *subs; /* NULL when the file could not be loaded */
    const dii_diagnostics *diags;/* every problem found in this file (never NULL) */
} validated_file;

/* ---- writers (each returns 0, or -1 when writing failed) ----------------- */

/* validate --format text: "file:line:column: error[code]: message", then
 * "  hint: ..." lines; a summary line at the end. */
int write_diagnostics_text(FILE *out, const validated_file *files, size_t n,
                           const out_style *style);
/* validate --format junit: a JUnit XML document, one <testsuite> per file,
 * one <testcase> per submission (its diagnostics as <failure>s), plus one
 * testcase for problems of the file as a whole. strict: warnings fail too. */
int write_diagnostics_junit(FILE *out, const validated_file *files, size_t n, int strict);
/* validate --format github: GitHub Actions workflow commands
 * (::error file=…,line=…,col=…,title=code::message / ::warning …). */
int write_diagnostics_github(FILE *out, const validated_file *files, size_t n);

/* score --format table / csv / markdown. */
int write_results_table(FILE *out, const dii_framework *fw, const dii_results *res,
                        const out_style *style);
int write_results_csv(FILE *out, const dii_framework *fw, const dii_results *res);
int write_results_markdown(FILE *out, const dii_framework *fw, const dii_results *res,
                           const out_style *style);

/* show --format table / markdown. */
int write_framework_table(FILE *out, const dii_framework *fw, const out_style *style);
int write_framework_markdown(FILE *out, const dii_framework *fw, const out_style *style);

/* ---- text helpers (textwidth.c) ------------------------------------------ */

/* Columns a UTF-8 string takes on a terminal: combining marks take none,
 * East Asian wide characters two, everything else one. Invalid bytes
 * count one each. */
size_t text_width(const char *s);
/* Writes s padded with spaces to `width` columns (left-aligned), or cut with
 * "…" when it is wider. right != 0 aligns right. */
int put_padded(FILE *out, const char *s, size_t width, int right);

/* Shortest text that reads back as x ("67.4", not "67.400000000000006"). */
void format_number(double x, char *buf, size_t size);

#endif
