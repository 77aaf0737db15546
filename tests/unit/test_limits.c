/* The limits on submissions input (dii_parse_options version 2): input
 * size, nesting depth, string length and number of submissions. Each is
 * tried exactly at the limit (accepted) and one beyond it (refused with a
 * located "limit-exceeded" error, DII_ERR_PARSE and *out NULL), in every
 * format it applies to, loaded from memory and from a file.
 *
 * Every line and column below was counted by hand from the texts, whose
 * columns are noted next to them; the lengths of the longest strings too. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dii/dii.h"
#include "failalloc.h"
#include "input_limits.h"
#include "testutil.h"

/* Two submissions in a batch. Depth 5: the root, "submissions", a
 * submission, "values", the [1]. Longest string: the second unit's id,
 * 25 letters and U+00E9 (2 bytes in UTF-8) = 27 bytes decoded (30 as
 * written); next longest "dii-submissions/1", 17.
 *   line 1: 48 bytes, then LF (offsets 0..48)
 *   line 2: 59 bytes, the '[' of [1] at column 54
 *   line 3: the second submission's '{' at column 2, its id's quote at 18;
 *           89 bytes, so its LF is column 90 */
static const char JSON_TEXT[] =
    "{\"format\": \"dii-submissions/1\", \"submissions\": [\n"
    " {\"unit\": {\"id\": \"1\"}, \"year\": 2022, \"values\": {\"a\": [1]}},\n"
    " {\"unit\": {\"id\": \"ABCDEFGHIJKLMNOPQRSTUVWXY\\u00e9\"}, \"year\": 2022, "
    "\"values\": {\"bb\": 2}}]}\n";

/* The same two submissions as JSON Lines. Depth 3: the root, "values", the
 * [1]. Line 1 (57 bytes): "values" (a key, 6 bytes) at column 37, the '['
 * at 53.
 * Line 2: the id's quote at 17; 86 bytes, its LF is column 87. */
static const char JSONL_TEXT[] =
    "{\"unit\": {\"id\": \"1\"}, \"year\": 2022, \"values\": {\"a\": [1]}}\n"
    "{\"unit\": {\"id\": \"ABCDEFGHIJKLMNOPQRSTUVWXY\\u00e9\"}, \"year\": 2022, "
    "\"values\": {\"bb\": 2}}\n";

/* Two submissions (units 1 and 22) as CSV. Longest cell: line 3's quoted
 * indicator at column 9, 24 letters, '"' and 'Y' = 26 bytes unquoted (29
 * as written); next longest the header's "indicator", 9 bytes at 1:14.
 * Line 3 is 39 bytes, its LF column 40. */
static const char CSV_TEXT[] = "unit_id,year,indicator,value\n"
                               "1,2022,a,1\n"
                               "22,2022,\"ABCDEFGHIJKLMNOPQRSTUVWX\"\"Y\",2\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static dii_parse_options with_limit(dii_limit_kind kind, size_t value)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    switch (kind) {
    case DII_LIMIT_INPUT_BYTES: o.max_input_bytes = value; break;
    case DII_LIMIT_DEPTH: o.max_depth = (unsigned)value; break;
    case DII_LIMIT_STRING_BYTES: o.max_string_bytes = value; break;
    case DII_LIMIT_SUBMISSIONS: o.max_submissions = value; break;
    default: break;
    }
    return o;
}

/* A file in the temporary directory holding len bytes of text; its name
 * ends like `name`, so that the format is picked the same way. */
static void write_temp(const char *text, size_t len, const char *name, char *path, size_t size)
{
    snprintf(path, size, "/tmp/dii-test-limits-%ld-%s", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* Loads from memory (from_file 0) or from a temporary file (1). */
static dii_status load(int from_file, const char *text, size_t len, const char *name,
                       const dii_parse_options *o, dii_submissions **subs, dii_diagnostics **d)
{
    if (!from_file)
        return dii_submissions_load_memory(text, len, name, o, subs, d);
    char path[256];
    write_temp(text, len, name, path, sizeof path);
    dii_status st = dii_submissions_load_file(path, o, subs, d);
    unlink(path);
    return st;
}

static void expect_accepted_len(const char *text, size_t len, const char *name,
                                const dii_parse_options *o)
{
    for (int from_file = 0; from_file < 2; from_file++) {
        dii_submissions *subs = NULL;
        dii_diagnostics *d = NULL;
        dii_status st = load(from_file, text, len, name, o, &subs, &d);
        ck_assert_msg(st == DII_OK, "%s (file %d): %d %s", name, from_file, (int)st,
                      dii_last_error());
        ck_assert_ptr_nonnull(subs);
        ck_assert_int_eq(find_diag(d, "limit-exceeded"), -1);
        dii_submissions_free(subs);
        dii_diagnostics_free(d);
    }
}

static void expect_accepted(const char *text, const char *name, dii_limit_kind kind, size_t max)
{
    dii_parse_options o = with_limit(kind, max);
    expect_accepted_len(text, strlen(text), name, &o);
}

/* Refused with one "limit-exceeded" error at line:column saying `message`,
 * as the last diagnostic in input order (loading stops there). */
static void expect_refused_len(const char *text, size_t len, const char *name,
                               const dii_parse_options *o, unsigned long line,
                               unsigned long column, const char *message)
{
    for (int from_file = 0; from_file < 2; from_file++) {
        dii_submissions *subs = (dii_submissions *)&subs; /* anything but NULL */
        dii_diagnostics *d = NULL;
        dii_status st = load(from_file, text, len, name, o, &subs, &d);
        ck_assert_msg(st == DII_ERR_PARSE, "%s (file %d): status %d", name, from_file, (int)st);
        ck_assert_ptr_null(subs);
        ck_assert_ptr_nonnull(d);
        ck_assert_uint_eq(count_diag(d, "limit-exceeded"), 1);
        const dii_diagnostic *g = dii_diagnostics_get(d, (size_t)find_diag(d, "limit-exceeded"));
        ck_assert_int_eq(dii_diagnostic_severity(g), DII_SEVERITY_ERROR);
        ck_assert_msg(dii_diagnostic_line(g) == line && dii_diagnostic_column(g) == column,
                      "%s (file %d): at %lu:%lu, expected %lu:%lu", name, from_file,
                      dii_diagnostic_line(g), dii_diagnostic_column(g), line, column);
        ck_assert_str_eq(dii_diagnostic_message(g), message);
        ck_assert_int_eq(dii_diagnostic_submission(g), -1);
        /* dii_last_error names the problem as the CLI prints it */
        ck_assert_ptr_nonnull(strstr(dii_last_error(), message));
        dii_diagnostics_free(d);
    }
}

static void expect_refused(const char *text, const char *name, dii_limit_kind kind, size_t max,
                           unsigned long line, unsigned long column, const char *message)
{
    dii_parse_options o = with_limit(kind, max);
    expect_refused_len(text, strlen(text), name, &o, line, column, message);
}

/* One limit tried on one text: accepted with the limit at `fits` (0: not
 * tried), refused with it at `max` (one less, or smaller) with the error
 * at line:column saying `message`. */
typedef struct limit_case {
    const char *text, *name;
    dii_limit_kind kind;
    size_t fits, max;
    unsigned long line, column;
    const char *message;
} limit_case;

static void run_cases(const limit_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const limit_case *c = &cases[i];
        if (c->fits > 0)
            expect_accepted(c->text, c->name, c->kind, c->fits);
        expect_refused(c->text, c->name, c->kind, c->max, c->line, c->column, c->message);
    }
}

#define RUN_CASES(cases) run_cases(cases, sizeof(cases) / sizeof((cases)[0]))

/* ------------------------------------------------------------------------ */
/* Input size                                                                */
/* ------------------------------------------------------------------------ */

#define SIZE_MESSAGE(n) "input is larger than " n " (max_input_bytes; dii --max-input-size)"

/* Positions are kept in 32 bits (1.2): an input size limit above 4 GiB - 1
 * is that ceiling; at the ceiling and below it is kept as asked. */
START_TEST(input_size_limit_has_a_ceiling)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.max_input_bytes = SIZE_MAX;
    ck_assert_uint_eq(dii_limits_of(&o).max[DII_LIMIT_INPUT_BYTES], DII_MAX_INPUT_BYTES_CEILING);
    o.max_input_bytes = DII_MAX_INPUT_BYTES_CEILING;
    ck_assert_uint_eq(dii_limits_of(&o).max[DII_LIMIT_INPUT_BYTES], DII_MAX_INPUT_BYTES_CEILING);
    o.max_input_bytes = DII_MAX_INPUT_BYTES_CEILING - 1;
    ck_assert_uint_eq(dii_limits_of(&o).max[DII_LIMIT_INPUT_BYTES],
                      DII_MAX_INPUT_BYTES_CEILING - 1);
    ck_assert_uint_eq(UINT32_MAX, DII_MAX_INPUT_BYTES_CEILING);
}
END_TEST

START_TEST(input_size_at_and_beyond)
{
    /* JSON: 48 + 1 + 59 + 1 + 89 + 1 = 199 bytes; JSON Lines: 57 + 1 + 86 + 1
     * = 145; CSV: 28 + 1 + 10 + 1 + 39 + 1 = 80. One byte short, the error is
     * at the last byte (the final LF); with 59 bytes allowed, offset 59 is
     * line 2 (which starts at offset 49), column 11. */
    ck_assert_uint_eq(strlen(JSON_TEXT), 199);
    ck_assert_uint_eq(strlen(JSONL_TEXT), 145);
    ck_assert_uint_eq(strlen(CSV_TEXT), 80);
    static const limit_case cases[] = {
        {JSON_TEXT, "x.json", DII_LIMIT_INPUT_BYTES, 199, 198, 3, 90, SIZE_MESSAGE("198 bytes")},
        {JSON_TEXT, "x.json", DII_LIMIT_INPUT_BYTES, 0, 59, 2, 11, SIZE_MESSAGE("59 bytes")},
        {JSONL_TEXT, "x.jsonl", DII_LIMIT_INPUT_BYTES, 145, 144, 2, 87,
         SIZE_MESSAGE("144 bytes")},
        {CSV_TEXT, "x.csv", DII_LIMIT_INPUT_BYTES, 80, 79, 3, 40, SIZE_MESSAGE("79 bytes")},
    };
    RUN_CASES(cases);
    /* the limit is on the bytes of the input, BOM included; positions are
     * counted after the BOM as everywhere else */
    char with_bom[256] = "\xEF\xBB\xBF";
    strcat(with_bom, CSV_TEXT);
    dii_parse_options o = with_limit(DII_LIMIT_INPUT_BYTES, 83);
    expect_accepted_len(with_bom, 83, "x.csv", &o);
    o.max_input_bytes = 82;
    expect_refused_len(with_bom, 83, "x.csv", &o, 3, 40, SIZE_MESSAGE("82 bytes"));
    /* a limit inside the BOM: the first byte of the text */
    o.max_input_bytes = 1;
    expect_refused_len(with_bom, 83, "x.csv", &o, 1, 1, SIZE_MESSAGE("1 byte"));
}
END_TEST

/* An endless file is refused after max_input_bytes + 1 bytes instead of
 * being read until memory runs out: the point of the limit. */
START_TEST(endless_file_is_not_read_whole)
{
    dii_parse_options o = with_limit(DII_LIMIT_INPUT_BYTES, 1000);
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_file("/dev/zero", &o, &subs, &d), DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = dii_diagnostics_get(d, 0);
    ck_assert_str_eq(dii_diagnostic_code(g), "limit-exceeded");
    ck_assert_uint_eq(dii_diagnostic_line(g), 1);
    ck_assert_uint_eq(dii_diagnostic_column(g), 1001);
    ck_assert_str_eq(dii_diagnostic_file(g), "/dev/zero");
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Nesting depth                                                             */
/* ------------------------------------------------------------------------ */

#define DEPTH_MESSAGE(n) "input nests deeper than " n " (max_depth; dii --max-depth)"

START_TEST(depth_at_and_beyond)
{
    static const limit_case cases[] = {
        {JSON_TEXT, "x.json", DII_LIMIT_DEPTH, 5, 4, 2, 54, DEPTH_MESSAGE("4 levels")},
        {JSONL_TEXT, "x.jsonl", DII_LIMIT_DEPTH, 3, 2, 1, 53, DEPTH_MESSAGE("2 levels")},
        /* depth 1 allows the root alone: the '[' of "submissions" is refused */
        {JSON_TEXT, "x.json", DII_LIMIT_DEPTH, 0, 1, 1, 48, DEPTH_MESSAGE("1 level")},
    };
    RUN_CASES(cases);
    /* CSV has no nesting: depth 1 changes nothing */
    expect_accepted(CSV_TEXT, "x.csv", DII_LIMIT_DEPTH, 1);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* String length                                                             */
/* ------------------------------------------------------------------------ */

#define STRING_MESSAGE(n)                                                                   \
    "string is longer than " n " (max_string_bytes; dii --max-string-length)"

START_TEST(string_length_at_and_beyond)
{
    static const limit_case cases[] = {
        /* decoded bytes count, not bytes as written: 27, not 30 */
        {JSON_TEXT, "x.json", DII_LIMIT_STRING_BYTES, 27, 26, 3, 18, STRING_MESSAGE("26 bytes")},
        /* the first string too long is the one reported: "dii-submissions/1" */
        {JSON_TEXT, "x.json", DII_LIMIT_STRING_BYTES, 0, 16, 1, 12, STRING_MESSAGE("16 bytes")},
        {JSONL_TEXT, "x.jsonl", DII_LIMIT_STRING_BYTES, 27, 26, 2, 17,
         STRING_MESSAGE("26 bytes")},
        /* keys are strings too: "values" */
        {JSONL_TEXT, "x.jsonl", DII_LIMIT_STRING_BYTES, 0, 5, 1, 37, STRING_MESSAGE("5 bytes")},
        /* CSV: a quoted cell counts unquoted (26, not 29) */
        {CSV_TEXT, "x.csv", DII_LIMIT_STRING_BYTES, 26, 25, 3, 9, STRING_MESSAGE("25 bytes")},
        /* an unquoted header cell: "indicator" */
        {CSV_TEXT, "x.csv", DII_LIMIT_STRING_BYTES, 0, 8, 1, 14, STRING_MESSAGE("8 bytes")},
    };
    RUN_CASES(cases);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Number of submissions                                                     */
/* ------------------------------------------------------------------------ */

#define COUNT_MESSAGE(n)                                                                    \
    "input holds more than " n " (max_submissions; dii --max-submissions)"

START_TEST(submissions_at_and_beyond)
{
    static const limit_case cases[] = {
        {JSON_TEXT, "x.json", DII_LIMIT_SUBMISSIONS, 2, 1, 3, 2, COUNT_MESSAGE("1 submission")},
        {JSONL_TEXT, "x.jsonl", DII_LIMIT_SUBMISSIONS, 2, 1, 2, 1,
         COUNT_MESSAGE("1 submission")},
        {CSV_TEXT, "x.csv", DII_LIMIT_SUBMISSIONS, 2, 1, 3, 1, COUNT_MESSAGE("1 submission")},
    };
    RUN_CASES(cases);
    /* CSV counts submissions, not rows: four rows of two (unit, year) */
    const char rows[] = "unit_id,year,indicator,value\n1,2022,a,1\n1,2022,b,2\n"
                        "2,2022,a,1\n2,2022,b,2\n";
    expect_accepted(rows, "r.csv", DII_LIMIT_SUBMISSIONS, 2);
}
END_TEST

/* Reading stops at the limit: in JSON Lines the lines after it are not
 * read (the syntax error on line 3 is never reported). */
START_TEST(reading_stops_at_the_limit)
{
    const char text[] = "{\"unit\": {\"id\": \"1\"}, \"year\": 2022, \"values\": {}}\n"
                        "{\"unit\": {\"id\": \"2\"}, \"year\": 2022, \"values\": {}}\n"
                        "{\"a\": }\n";
    dii_parse_options o = with_limit(DII_LIMIT_SUBMISSIONS, 1);
    expect_refused_len(text, strlen(text), "s.jsonl", &o, 2, 1, COUNT_MESSAGE("1 submission"));
    dii_diagnostics *d = NULL;
    dii_submissions *subs = NULL;
    dii_submissions_load_memory(text, strlen(text), "s.jsonl", &o, &subs, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Defaults and option versions                                              */
/* ------------------------------------------------------------------------ */

/* A submission whose unit name is `bytes` long. */
static char *long_name(size_t bytes)
{
    static const char head[] = "{\"unit\": {\"id\": \"1\", \"name\": \"";
    static const char tail[] = "\"}, \"year\": 2022, \"values\": {}}";
    size_t h = strlen(head), t = strlen(tail);
    char *text = malloc(h + bytes + t + 1);
    ck_assert_ptr_nonnull(text);
    memcpy(text, head, h);
    memset(text + h, 'n', bytes);
    strcpy(text + h + bytes, tail);
    return text;
}

/* The defaults apply with no options, with DII_PARSE_OPTIONS_INIT (every
 * limit 0) and with a version-1 caller. */
static void check_default_limits(const dii_parse_options *o)
{
    size_t prefix;
    char *text = nested_text(DII_DEFAULT_MAX_DEPTH - 2, &prefix); /* + the root, "values" */
    expect_accepted_len(text, strlen(text), "d.json", o);
    free(text);
    text = nested_text(DII_DEFAULT_MAX_DEPTH - 1, &prefix);
    /* 52 bytes of prefix, then '[' from column 53: level 65 is the 63rd */
    ck_assert_uint_eq(prefix, 52);
    expect_refused_len(text, strlen(text), "d.json", o, 1, 53 + 62, DEPTH_MESSAGE("64 levels"));
    free(text);
    text = long_name(DII_DEFAULT_MAX_STRING_BYTES);
    expect_accepted_len(text, strlen(text), "s.json", o);
    free(text);
    text = long_name(DII_DEFAULT_MAX_STRING_BYTES + 1);
    /* the name's quote: column 30 */
    expect_refused_len(text, strlen(text), "s.json", o, 1, 30, STRING_MESSAGE("65536 bytes"));
    free(text);
}

/* What a program built against the version-1 header passes: the struct
 * ends after csv_decimal_mark. Allocated at exactly that size, so that
 * AddressSanitizer and valgrind catch any read of the newer members. */
struct parse_options_v1 {
    unsigned int version;
    dii_input_format format;
    char csv_delimiter;
    char csv_decimal_mark;
};

START_TEST(defaults)
{
    ck_assert_uint_eq(DII_PARSE_OPTIONS_VERSION, 4);
    ck_assert_uint_eq(DII_DEFAULT_MAX_INPUT_BYTES, 268435456u);
    ck_assert_uint_eq(DII_DEFAULT_MAX_DEPTH, 64);
    ck_assert_uint_eq(DII_DEFAULT_MAX_STRING_BYTES, 65536);
    ck_assert_uint_eq(DII_DEFAULT_MAX_SUBMISSIONS, 1000000);
    dii_parse_options init = DII_PARSE_OPTIONS_INIT;
    ck_assert_uint_eq(init.max_input_bytes, 0);
    ck_assert_uint_eq(init.max_depth, 0);
    ck_assert_uint_eq(init.max_string_bytes, 0);
    ck_assert_uint_eq(init.max_submissions, 0);
    /* 0 means the default, member by member */
    dii_limits l = dii_limits_of(&init);
    ck_assert_uint_eq(l.max[DII_LIMIT_INPUT_BYTES], DII_DEFAULT_MAX_INPUT_BYTES);
    ck_assert_uint_eq(l.max[DII_LIMIT_DEPTH], DII_DEFAULT_MAX_DEPTH);
    ck_assert_uint_eq(l.max[DII_LIMIT_STRING_BYTES], DII_DEFAULT_MAX_STRING_BYTES);
    ck_assert_uint_eq(l.max[DII_LIMIT_SUBMISSIONS], DII_DEFAULT_MAX_SUBMISSIONS);
    init.max_depth = 7;
    l = dii_limits_of(&init);
    ck_assert_uint_eq(l.max[DII_LIMIT_DEPTH], 7);
    ck_assert_uint_eq(l.max[DII_LIMIT_STRING_BYTES], DII_DEFAULT_MAX_STRING_BYTES);
    check_default_limits(NULL);
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    check_default_limits(&o);
}
END_TEST

START_TEST(version_1_options)
{
    struct parse_options_v1 *v1 = malloc(sizeof *v1);
    ck_assert_ptr_nonnull(v1);
    *v1 = (struct parse_options_v1){1, DII_INPUT_AUTO, ';', ','};
    const dii_parse_options *o = (const dii_parse_options *)v1;
    dii_limits l = dii_limits_of(o);
    ck_assert_uint_eq(l.max[DII_LIMIT_DEPTH], DII_DEFAULT_MAX_DEPTH);
    check_default_limits(o);
    /* and its CSV settings still count */
    const char csv[] = "unit_id;year;indicator;value\n1;2022;a;1,5\n";
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(csv, strlen(csv), "v.csv", o, &subs, NULL),
                     DII_OK);
    ck_assert_double_eq(dii_submission_value_number(dii_submissions_get(subs, 0), 0), 1.5);
    dii_submissions_free(subs);
    free(v1);
}
END_TEST

START_TEST(unknown_versions_refused)
{
    unsigned versions[] = {0, 5, 100};
    for (size_t i = 0; i < 3; i++) {
        dii_parse_options o = DII_PARSE_OPTIONS_INIT;
        o.version = versions[i];
        dii_submissions *subs = (dii_submissions *)&subs;
        dii_diagnostics *d = (dii_diagnostics *)&d;
        ck_assert_int_eq(dii_submissions_load_memory("{}", 2, "x.json", &o, &subs, &d),
                         DII_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(subs);
        ck_assert_ptr_null(d);
        ck_assert_ptr_nonnull(strstr(dii_last_error(), "version"));
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failures on the way to each limit                              */
/* ------------------------------------------------------------------------ */

START_TEST(allocation_failures)
{
    dii_parse_options o = with_limit(DII_LIMIT_INPUT_BYTES, 59);
    check_load_under_failures(JSON_TEXT, "x.json", &o, DII_ERR_PARSE);
    o = with_limit(DII_LIMIT_DEPTH, 4);
    check_load_under_failures(JSON_TEXT, "x.json", &o, DII_ERR_PARSE);
    check_load_under_failures(JSONL_TEXT, "x.jsonl", &o, DII_OK);
    o = with_limit(DII_LIMIT_STRING_BYTES, 26);
    check_load_under_failures(JSON_TEXT, "x.json", &o, DII_ERR_PARSE);
    check_load_under_failures(CSV_TEXT, "x.csv", &o, DII_OK);
    o.max_string_bytes = 25;
    check_load_under_failures(CSV_TEXT, "x.csv", &o, DII_ERR_PARSE);
    o = with_limit(DII_LIMIT_SUBMISSIONS, 1);
    check_load_under_failures(JSON_TEXT, "x.json", &o, DII_ERR_PARSE);
    check_load_under_failures(JSONL_TEXT, "x.jsonl", &o, DII_ERR_PARSE);
    check_load_under_failures(CSV_TEXT, "x.csv", &o, DII_ERR_PARSE);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *each = tcase_create("each limit");
    tcase_add_test(each, input_size_at_and_beyond);
    tcase_add_test(each, input_size_limit_has_a_ceiling);
    tcase_add_test(each, endless_file_is_not_read_whole);
    tcase_add_test(each, depth_at_and_beyond);
    tcase_add_test(each, string_length_at_and_beyond);
    tcase_add_test(each, submissions_at_and_beyond);
    tcase_add_test(each, reading_stops_at_the_limit);
    suite_add_tcase(s, each);
    TCase *options = tcase_create("options");
    tcase_add_test(options, defaults);
    tcase_add_test(options, version_1_options);
    tcase_add_test(options, unknown_versions_refused);
    suite_add_tcase(s, options);
    TCase *alloc = tcase_create("allocation failures");
    tcase_add_test(alloc, allocation_failures);
    tcase_set_timeout(alloc, 120);
    suite_add_tcase(s, alloc);
    return s;
}
