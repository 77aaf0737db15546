/* `dii validate --format junit`: the diagnostics as a JUnit XML report, the
 * format CI servers (GitLab, Jenkins, Azure, GitHub test-report actions)
 * show as a list of passed and failed tests.
 *
 * The mapping: one <testsuite> per input file; one <testcase> per submission
 * ("unit 11, 2022 (line 1)"), which passes when it has no error, so a
 * dashboard shows every unit checked, not only the broken ones; plus a
 * testcase "file" for problems of the input as a whole (syntax, encoding,
 * a file that could not be loaded). Each error is a <failure> whose type is
 * the stable diagnostic code; warnings are printed in <system-out>, or are
 * failures too under --strict. A file that could not be loaded always
 * fails its "file" testcase (type "not-loaded" when no error says why).
 * The failures attributes count failed testcases, as JUnit consumers
 * expect (a testcase with three errors is one failed test). */
#include <stdlib.h>

#include "cli.h"

/* ---- XML text ------------------------------------------------------------ */

/* Whether XML 1.0 allows the character at all (§2.2 Char): not the C0
 * controls except tab, LF, CR, and not U+FFFE / U+FFFF. */
static int xml_allowed(unsigned long cp)
{
    if (cp == UTF8_INVALID)
        return 0;
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

/* The escape of a character that cannot appear as itself, or NULL. In an
 * attribute, quotes end the value and a parser would turn tab and line
 * breaks into spaces, so they are written as references; in element text a
 * CR would become LF. */
static const char *xml_escape(unsigned long cp, int attribute)
{
    switch (cp) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;"; /* also keeps "]]>" out of element text */
    case '\r':
        return "&#13;";
    case '"':
        return attribute ? "&quot;" : NULL;
    case '\'':
        return attribute ? "&apos;" : NULL;
    case '\n':
        return attribute ? "&#10;" : NULL;
    case '\t':
        return attribute ? "&#9;" : NULL;
    default:
        return NULL;
    }
}

/* Writes s escaped for element text (attribute = 0) or a quoted attribute
 * value. Characters XML forbids, and bytes that are not UTF-8 (a file name
 * given on the command line can be anything), become U+FFFD: a report
 * that does not parse would hide every result in it. */
static int put_xml(FILE *out, const char *s, int attribute)
{
    if (s == NULL)
        return 0;
    unsigned long cp;
    size_t n;
    while ((n = utf8_next(s, &cp)) > 0) {
        const char *esc = xml_allowed(cp) ? xml_escape(cp, attribute) : "\xEF\xBF\xBD";
        if (esc != NULL ? fputs(esc, out) == EOF : fwrite(s, 1, n, out) != n)
            return -1;
        s += n;
    }
    return 0;
}

static int put_str(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

/* ` name="value"` */
static int put_attr(FILE *out, const char *name, const char *value)
{
    return fprintf(out, " %s=\"", name) < 0 || put_xml(out, value, 1) < 0 || put_str(out, "\"") < 0
               ? -1
               : 0;
}

/* ---- which diagnostics belong to which testcase -------------------------- */

/* The diagnostics of one file grouped by testcase, in input order within
 * each: case 0 is "file", case i + 1 is submission i. Grouped once (a
 * counting sort) so that a batch of thousands of units with thousands of
 * warnings is not scanned once per unit. */
typedef struct cases {
    const validated_file *f;
    size_t count;  /* number of cases, the "file" case included */
    size_t *start; /* diagnostics of case c: order[start[c] .. start[c + 1]) */
    size_t *order; /* diagnostic indices */
} cases;

/* The case a diagnostic belongs to: its submission's, or "file" when it
 * concerns the whole input (or names a submission that is not there, which
 * must not make it vanish from the report). */
static size_t case_of(const dii_diagnostic *d, const dii_submissions *subs)
{
    long s = dii_diagnostic_submission(d);
    if (subs == NULL || s < 0 || (size_t)s >= dii_submissions_count(subs))
        return 0;
    return (size_t)s + 1;
}

static void cases_free(cases *c)
{
    free(c->start);
    free(c->order);
}

static int cases_build(cases *c, const validated_file *f)
{
    size_t n = f->diags.count;
    c->f = f;
    c->count = 1 + (f->subs != NULL ? dii_submissions_count(f->subs) : 0);
    c->start = calloc(c->count + 1, sizeof *c->start);
    c->order = malloc((n > 0 ? n : 1) * sizeof *c->order);
    if (c->start == NULL || c->order == NULL) {
        cases_free(c);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        c->start[case_of(f->diags.items[i], f->subs) + 1]++;
    for (size_t k = 0; k < c->count; k++)
        c->start[k + 1] += c->start[k];
    /* Fill each case from its start, using start[k] as a cursor, then shift
     * the cursors back: start[k] ends where case k + 1 begins. */
    for (size_t i = 0; i < n; i++)
        c->order[c->start[case_of(f->diags.items[i], f->subs)]++] = i;
    for (size_t k = c->count; k > 0; k--)
        c->start[k] = c->start[k - 1];
    c->start[0] = 0;
    return 0;
}

static const dii_diagnostic *case_diag(const cases *c, size_t j)
{
    return c->f->diags.items[c->order[j]];
}

static int fails(const dii_diagnostic *d, int strict)
{
    return dii_diagnostic_severity(d) == DII_SEVERITY_ERROR || strict;
}

/* How many diagnostics of case k fail it. */
static size_t failing_in(const cases *c, size_t k, int strict)
{
    size_t failing = 0;
    for (size_t j = c->start[k]; j < c->start[k + 1]; j++)
        failing += fails(case_diag(c, j), strict);
    return failing;
}

/* A file that could not be loaded fails its "file" testcase even if the
 * caller recorded no error for it: a report must never show such a file as
 * passed. */
static int unexplained_load_failure(const cases *c, size_t k, int strict)
{
    return k == 0 && c->f->subs == NULL && failing_in(c, k, strict) == 0;
}

/* The "file" testcase is there when a file-level problem is, and always
 * when the file could not be loaded (the suite must not look as if the
 * file had nothing in it to check). */
static int has_file_case(const cases *c)
{
    return c->f->subs == NULL || c->start[1] > c->start[0];
}

typedef struct tally {
    size_t tests, failures;
} tally;

static tally tally_cases(const cases *c, int strict)
{
    tally t = {0, 0};
    for (size_t k = has_file_case(c) ? 0 : 1; k < c->count; k++) {
        t.tests++;
        t.failures += failing_in(c, k, strict) > 0 || unexplained_load_failure(c, k, strict);
    }
    return t;
}

/* ---- one diagnostic ------------------------------------------------------ */

static int put_xml_text(FILE *out, const char *s)
{
    return put_xml(out, s, 0);
}

/* "file:line:col: error[code]: message" and "\n  hint: ..." as in the text
 * format, so the failure reads the same as a local `dii validate`. */
static int put_diagnostic_line(FILE *out, const dii_diagnostic *d, const char *file)
{
    return put_diagnostic_text(out, d, file, 0, put_xml_text);
}

static int put_failure(FILE *out, const dii_diagnostic *d, const char *file)
{
    if (put_str(out, "      <failure") < 0 || put_attr(out, "type", dii_diagnostic_code(d)) < 0 ||
        put_attr(out, "message", dii_diagnostic_message(d)) < 0 || put_str(out, ">") < 0 ||
        put_diagnostic_line(out, d, file) < 0)
        return -1;
    return put_str(out, "</failure>\n");
}

/* ---- testcases and suites ------------------------------------------------ */

static int put_failures(FILE *out, const cases *c, size_t k, int strict)
{
    if (unexplained_load_failure(c, k, strict))
        return put_str(out, "      <failure type=\"not-loaded\" message=\"the file could not be "
                            "loaded\"/>\n");
    for (size_t j = c->start[k]; j < c->start[k + 1]; j++) {
        const dii_diagnostic *d = case_diag(c, j);
        if (fails(d, strict) && put_failure(out, d, c->f->name) < 0)
            return -1;
    }
    return 0;
}

/* Warnings that do not fail the testcase, one per line in <system-out>. */
static int put_system_out(FILE *out, const cases *c, size_t k)
{
    if (put_str(out, "      <system-out>") < 0)
        return -1;
    for (size_t j = c->start[k]; j < c->start[k + 1]; j++) {
        const dii_diagnostic *d = case_diag(c, j);
        if (fails(d, 0))
            continue;
        if (put_diagnostic_line(out, d, c->f->name) < 0 || put_str(out, "\n") < 0)
            return -1;
    }
    return put_str(out, "</system-out>\n");
}

/* "unit 11, 2022 (line 1)", or "file". */
static int put_case_name(FILE *out, const cases *c, size_t k)
{
    if (k == 0)
        return put_attr(out, "name", "file");
    const dii_submission *s = dii_submissions_get(c->f->subs, k - 1);
    const char *unit = dii_submission_unit_id(s);
    char rest[64];
    snprintf(rest, sizeof rest, ", %d (line %lu)", dii_submission_year(s), dii_submission_line(s));
    return put_str(out, " name=\"unit ") < 0 || put_xml(out, unit ? unit : "?", 1) < 0 ||
                   put_xml(out, rest, 1) < 0 || put_str(out, "\"") < 0
               ? -1
               : 0;
}

static int put_case(FILE *out, const cases *c, size_t k, int strict)
{
    size_t in = c->start[k + 1] - c->start[k];
    size_t failing = failing_in(c, k, strict);
    if (put_str(out, "    <testcase") < 0 || put_attr(out, "classname", c->f->name) < 0 ||
        put_case_name(out, c, k) < 0)
        return -1;
    if (in == 0 && !unexplained_load_failure(c, k, strict))
        return put_str(out, "/>\n");
    if (put_str(out, ">\n") < 0 || put_failures(out, c, k, strict) < 0)
        return -1;
    if (in > failing && put_system_out(out, c, k) < 0)
        return -1;
    return put_str(out, "    </testcase>\n");
}

static int put_suite(FILE *out, const cases *c, int strict)
{
    tally t = tally_cases(c, strict);
    if (put_str(out, "  <testsuite") < 0 || put_attr(out, "name", c->f->name) < 0 ||
        fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", t.tests, t.failures) < 0)
        return -1;
    for (size_t k = has_file_case(c) ? 0 : 1; k < c->count; k++)
        if (put_case(out, c, k, strict) < 0)
            return -1;
    return put_str(out, "  </testsuite>\n");
}

static void free_all(cases *all, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cases_free(&all[i]);
    free(all);
}

/* Groups every file's diagnostics; NULL when memory ran out. */
static cases *build_all(const validated_file *files, size_t n)
{
    cases *all = calloc(n > 0 ? n : 1, sizeof *all);
    if (all == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (cases_build(&all[i], &files[i]) < 0) {
            free_all(all, i);
            return NULL;
        }
    }
    return all;
}

static int put_document(FILE *out, const cases *all, size_t n, int strict)
{
    tally sum = {0, 0};
    for (size_t i = 0; i < n; i++) {
        tally t = tally_cases(&all[i], strict);
        sum.tests += t.tests;
        sum.failures += t.failures;
    }
    if (fprintf(out,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<testsuites name=\"dii validate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
                sum.tests, sum.failures) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_suite(out, &all[i], strict) < 0)
            return -1;
    return put_str(out, "</testsuites>\n");
}

int write_diagnostics_junit(FILE *out, const validated_file *files, size_t n, int strict)
{
    cases *all = build_all(files, n);
    if (all == NULL)
        return -1;
    int rc = put_document(out, all, n, strict);
    free_all(all, n);
    return rc < 0 ? -1 : flush_status(out);
}
