/* Framework loading: introspection of a valid file, and each kind of mistake
 * rejected with a located diagnostic. Lines and columns below were counted by
 * hand in the JSON texts of this file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "failalloc.h"
#include "testutil.h"

/* A small valid framework; each line is one JSON line, so positions are easy
 * to count: line N of the text is the Nth string below. */
static const char *const VALID =
    "{\"format\": \"dii-framework/1\", \"id\": \"t\", \"version\": \"1\",\n"          /* 1 */
    " \"title\": {\"vi\": \"Thử\", \"en\": \"Test\"}, \"status\": \"official\",\n"   /* 2 */
    " \"missing\": \"exclude\", \"rank_decimals\": 3,\n"                              /* 3 */
    " \"groups\": [{\"id\": \"A\", \"name\": {\"en\": \"Group A\"}, \"max_points\": 3}],\n" /* 4 */
    " \"indicators\": [\n"                                                            /* 5 */
    "  {\"id\": \"speed\", \"code\": \"1\", \"group\": \"A\", \"name\": {\"vi\": \"Tốc độ\"},"
    " \"unit\": \"mbps\", \"direction\": \"higher\", \"points\": 2,"
    " \"scoring\": {\"method\": \"target_ratio\"}, \"baseline\": {\"year\": 2022, \"value\": 10},"
    " \"targets\": [{\"year\": 2025, \"op\": \">\", \"value\": 50},"
    " {\"year\": 2023, \"op\": \">=\", \"value\": 20}], \"notes\": \"n\"},\n"           /* 6 */
    "  {\"id\": \"ai\", \"code\": \"2\", \"group\": \"A\", \"name\": {\"en\": \"AI\"},"
    " \"unit\": \"boolean\", \"direction\": \"higher\", \"points\": 1,"
    " \"scoring\": {\"method\": \"boolean\"}, \"provisional\": true}\n"               /* 7 */
    " ]}\n";

static dii_framework *load(const char *text, dii_status *st, dii_diagnostics **diags)
{
    dii_framework *fw = NULL;
    *st = dii_framework_load_memory(text, strlen(text), "t.json", &fw, diags);
    return fw;
}

START_TEST(valid_framework_introspection)
{
    dii_status st;
    dii_diagnostics *d = NULL;
    dii_framework *fw = load(VALID, &st, &d);
    ck_assert_int_eq(st, DII_OK);
    ck_assert_ptr_nonnull(fw);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_str_eq(dii_framework_id(fw), "t");
    ck_assert_str_eq(dii_framework_version(fw), "1");
    ck_assert_str_eq(dii_framework_title(fw, "vi"), "Thử");
    ck_assert_str_eq(dii_framework_title(fw, "en"), "Test");
    ck_assert_ptr_null(dii_framework_source(fw));
    ck_assert_int_eq(dii_framework_status_of(fw), DII_FRAMEWORK_OFFICIAL);
    ck_assert_int_eq(dii_framework_missing_policy(fw), DII_MISSING_EXCLUDE);
    ck_assert_int_eq(dii_framework_rank_decimals(fw), 3);
    ck_assert_double_eq(dii_framework_max_points(fw), 3);
    ck_assert_int_eq(dii_framework_first_year(fw), 2022);
    ck_assert_int_eq(dii_framework_last_year(fw), 2025);
    ck_assert_uint_eq(dii_framework_group_count(fw), 1);
    const dii_group *g = dii_framework_group(fw, 0);
    ck_assert_str_eq(dii_group_id(g), "A");
    ck_assert_str_eq(dii_group_name(g, "vi"), "Group A"); /* falls back to English */
    ck_assert_double_eq(dii_group_max_points(g), 3);
    ck_assert_uint_eq(dii_group_indicator_count(g), 2);
    ck_assert_ptr_eq(dii_framework_find_group(fw, "A"), g);
    ck_assert_ptr_null(dii_framework_group(fw, 1));

    ck_assert_uint_eq(dii_framework_indicator_count(fw), 2);
    const dii_indicator *speed = dii_framework_find_indicator(fw, "speed");
    ck_assert_ptr_eq(dii_framework_find_indicator_by_code(fw, "1"), speed);
    ck_assert_ptr_null(dii_framework_find_indicator(fw, "nope"));
    ck_assert_ptr_null(dii_framework_find_indicator_by_code(fw, "9"));
    ck_assert_uint_eq(dii_indicator_index(speed), 0);
    ck_assert_str_eq(dii_indicator_group(speed), "A");
    ck_assert_str_eq(dii_indicator_name(speed, "en"), "Tốc độ");
    ck_assert_int_eq(dii_indicator_unit(speed), DII_UNIT_MBPS);
    ck_assert_int_eq(dii_indicator_direction(speed), DII_DIRECTION_HIGHER);
    ck_assert_double_eq(dii_indicator_points(speed), 2);
    ck_assert_int_eq(dii_indicator_method(speed), DII_METHOD_TARGET_RATIO);
    ck_assert_str_eq(dii_indicator_notes(speed), "n");
    int year = 0;
    double value = 0;
    dii_op op = DII_OP_EQ;
    ck_assert_int_eq(dii_indicator_baseline(speed, &year, &value), 1);
    ck_assert_int_eq(year, 2022);
    ck_assert_double_eq(value, 10);
    /* Targets come back sorted by year although the file lists 2025 first. */
    ck_assert_uint_eq(dii_indicator_target_count(speed), 2);
    ck_assert_int_eq(dii_indicator_target(speed, 0, &year, &op, &value), DII_OK);
    ck_assert_int_eq(year, 2023);
    ck_assert_int_eq(op, DII_OP_GE);
    ck_assert_double_eq(value, 20);
    ck_assert_int_eq(dii_indicator_target(speed, 1, &year, &op, &value), DII_OK);
    ck_assert_int_eq(year, 2025);
    ck_assert_int_eq(op, DII_OP_GT);
    ck_assert_int_eq(dii_indicator_target(speed, 2, &year, &op, &value), DII_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(dii_indicator_linear_range(speed, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_indicator_band(speed, 0, NULL, NULL), DII_ERR_OUT_OF_RANGE);

    const dii_indicator *ai = dii_framework_indicator(fw, 1);
    ck_assert_str_eq(dii_indicator_id(ai), "ai");
    ck_assert_int_eq(dii_indicator_provisional(ai), 1);
    ck_assert_int_eq(dii_indicator_provisional(speed), 0);
    ck_assert_int_eq(dii_indicator_baseline(ai, NULL, NULL), 0);
    ck_assert_ptr_null(dii_indicator_notes(ai));
    dii_diagnostics_free(d);
    dii_framework_free(fw);
}
END_TEST

START_TEST(defaults_apply)
{
    const char *text =
        "{\"format\": \"dii-framework/1\", \"id\": \"d\", \"title\": {\"en\": \"D\"},"
        " \"status\": \"provisional\", \"groups\": [{\"id\": \"G\", \"name\": {\"en\": \"G\"}}],"
        " \"indicators\": [{\"id\": \"x\", \"group\": \"G\", \"name\": {\"en\": \"X\"},"
        " \"unit\": \"percent\", \"direction\": \"lower\", \"points\": 1.5,"
        " \"scoring\": {\"method\": \"linear\", \"min\": 0, \"max\": 50}}]}";
    dii_status st;
    dii_framework *fw = load(text, &st, NULL);
    ck_assert_int_eq(st, DII_OK);
    ck_assert_int_eq(dii_framework_missing_policy(fw), DII_MISSING_ZERO);
    ck_assert_int_eq(dii_framework_rank_decimals(fw), 4);
    ck_assert_int_eq(dii_framework_status_of(fw), DII_FRAMEWORK_PROVISIONAL);
    ck_assert_int_eq(dii_framework_first_year(fw), 0);
    ck_assert_int_eq(dii_framework_last_year(fw), 0);
    ck_assert_ptr_null(dii_framework_version(fw));
    const dii_indicator *x = dii_framework_indicator(fw, 0);
    ck_assert_ptr_null(dii_indicator_code(x));
    double lo = -1, hi = -1;
    ck_assert_int_eq(dii_indicator_linear_range(x, &lo, &hi), DII_OK);
    ck_assert_double_eq(lo, 0);
    ck_assert_double_eq(hi, 50);
    ck_assert_int_eq(dii_indicator_target_for_year(x, 2025, NULL, NULL, NULL, NULL),
                     DII_ERR_NOT_FOUND);
    dii_framework_free(fw);
}
END_TEST

/* Replaces the first occurrence of `from` in VALID by `to`. */
static char *mutate(const char *from, const char *to)
{
    const char *at = strstr(VALID, from);
    ck_assert_msg(at != NULL, "mutation anchor '%s' not found", from);
    size_t head = (size_t)(at - VALID);
    char *out = malloc(strlen(VALID) - strlen(from) + strlen(to) + 1);
    memcpy(out, VALID, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

/* The 1-based byte column at which `marker` starts on line `line` of VALID
 * with `from` replaced by `to`: positions worked out from the text itself,
 * not counted by hand. */
static unsigned long column_of(const char *from, const char *to, unsigned long line,
                               const char *marker)
{
    char *text = mutate(from, to);
    const char *start = text;
    for (unsigned long l = 1; l < line; l++) {
        start = strchr(start, '\n');
        ck_assert_ptr_nonnull(start);
        start++;
    }
    const char *end = strchr(start, '\n');
    const char *at = strstr(start, marker);
    ck_assert_msg(at != NULL && (end == NULL || at < end), "marker '%s' not on line %lu", marker,
                  line);
    unsigned long column = (unsigned long)(at - start) + 1;
    free(text);
    return column;
}

/* Loads VALID with one mistake and checks the one diagnostic expected. */
static void expect_problem(const char *from, const char *to, const char *code,
                           unsigned long line, unsigned long column, const char *pointer)
{
    char *text = mutate(from, to);
    dii_diagnostics *d = NULL;
    dii_framework *fw = (dii_framework *)1;
    dii_status st = dii_framework_load_memory(text, strlen(text), "t.json", &fw, &d);
    ck_assert_msg(st == DII_ERR_VALIDATION || st == DII_ERR_PARSE, "status %d for %s", st, code);
    ck_assert_ptr_null(fw);
    long i = find_diag(d, code);
    ck_assert_msg(i >= 0, "no '%s' diagnostic; first is '%s': %s", code,
                  dii_diagnostic_code(dii_diagnostics_get(d, 0)),
                  dii_diagnostic_message(dii_diagnostics_get(d, 0)));
    const dii_diagnostic *diag = dii_diagnostics_get(d, (size_t)i);
    ck_assert_int_eq(dii_diagnostic_severity(diag), DII_SEVERITY_ERROR);
    ck_assert_str_eq(dii_diagnostic_file(diag), "t.json");
    ck_assert_msg(dii_diagnostic_line(diag) == line, "%s: line %lu, expected %lu", code,
                  dii_diagnostic_line(diag), line);
    ck_assert_msg(dii_diagnostic_column(diag) == column, "%s: column %lu, expected %lu", code,
                  dii_diagnostic_column(diag), column);
    if (pointer)
        ck_assert_str_eq(dii_diagnostic_pointer(diag), pointer);
    ck_assert_ptr_nonnull(dii_diagnostic_message(diag));
    ck_assert_str_ne(dii_last_error(), "");
    dii_diagnostics_free(d);
    free(text);
}

START_TEST(syntax_error_located)
{
    /* Line 3 loses its comma after "exclude": the reader stops at the next
     * token, the opening quote of "rank_decimals". */
    expect_problem("\"exclude\",", "\"exclude\"", "syntax", 3,
                   column_of("\"exclude\",", "\"exclude\"", 3, "\"rank_decimals\""), NULL);
}
END_TEST

START_TEST(wrong_format)
{
    /* "format" value starts at column 12 of line 1. */
    expect_problem("dii-framework/1", "dii-framework/9", "unsupported-format", 1, 12, "/format");
}
END_TEST

START_TEST(missing_and_unknown_fields)
{
    expect_problem("\"status\": \"official\",", "", "missing-field", 1, 1, "");
    /* The unknown key "colour" is reported at its key: line 3, column 2. */
    expect_problem(" \"missing\"", " \"colour\": 1, \"missing\"", "unknown-field", 3, 2, "/colour");
}
END_TEST

START_TEST(wrong_types)
{
    expect_problem("\"rank_decimals\": 3", "\"rank_decimals\": \"3\"", "wrong-type", 3, 41,
                   "/rank_decimals");
    expect_problem("\"rank_decimals\": 3", "\"rank_decimals\": 99", "invalid-value", 3, 41,
                   "/rank_decimals");
    expect_problem("\"points\": 2", "\"points\": -2", "invalid-value", 6,
                   column_of("\"points\": 2", "\"points\": -2", 6, "-"),
                   "/indicators/0/points");
    expect_problem("\"id\": \"speed\"", "\"id\": \"Speed!\"", "invalid-value", 6,
                   column_of("\"id\": \"speed\"", "\"id\": \"Speed!\"", 6, "\"S"),
                   "/indicators/0/id");
    expect_problem("\"status\": \"official\"", "\"status\": \"draft\"", "invalid-value", 2,
                   column_of("\"status\": \"official\"", "\"status\": \"draft\"", 2, "\"d"),
                   "/status");
}
END_TEST

START_TEST(duplicates)
{
    /* at the second use of the id: its value on line 7 */
    expect_problem("\"id\": \"ai\"", "\"id\": \"speed\"", "duplicate-id", 7,
                   column_of("\"id\": \"ai\"", "\"id\": \"speed\"", 7, "\"speed\""),
                   "/indicators/1/id");
    expect_problem("\"code\": \"2\"", "\"code\": \"1\"", "duplicate-code", 7,
                   column_of("\"code\": \"2\"", "\"code\": \"1\"", 7, "\"1"),
                   "/indicators/1/code");
    expect_problem("{\"year\": 2023, \"op\": \">=\"", "{\"year\": 2025, \"op\": \">=\"", "duplicate-target-year", 6,
                   column_of("{\"year\": 2023, \"op\": \">=\"", "{\"year\": 2025, \"op\": \">=\"", 6, "2025, \"op\": \">="), "/indicators/0/targets/1/year");
    /* A repeated key is invisible to jansson; the locator finds it at the
     * second "version" key, column 58 of line 1. */
    expect_problem("\"version\": \"1\",", "\"version\": \"1\", \"version\": \"2\",",
                   "duplicate-field", 1, 58, NULL);
}
END_TEST

START_TEST(groups_and_points)
{
    expect_problem("\"group\": \"A\", \"name\": {\"en\": \"AI\"}", "\"group\": \"B\", \"name\": {\"en\": \"AI\"}", "unknown-group", 7,
                   column_of("\"group\": \"A\", \"name\": {\"en\": \"AI\"}", "\"group\": \"B\", \"name\": {\"en\": \"AI\"}", 7, "\"B"),
                   "/indicators/1/group");
    /* max_points 3 declared; indicators add to 2 + 1 = 3, so 4 is wrong. */
    expect_problem("\"max_points\": 3", "\"max_points\": 4", "max-points-mismatch", 4,
                   column_of("\"max_points\": 3", "\"max_points\": 4", 4, "4"),
                   "/groups/0/max_points");
}
END_TEST

START_TEST(unknown_enumerations)
{
    expect_problem("\"unit\": \"mbps\"", "\"unit\": \"kbps\"", "unknown-unit", 6,
                   column_of("\"unit\": \"mbps\"", "\"unit\": \"kbps\"", 6, "\"k"),
                   "/indicators/0/unit");
    expect_problem("\"direction\": \"higher\", \"points\": 2", "\"direction\": \"up\", \"points\": 2", "unknown-direction", 6,
                   column_of("\"direction\": \"higher\", \"points\": 2", "\"direction\": \"up\", \"points\": 2", 6, "\"up"),
                   "/indicators/0/direction");
    expect_problem("\"method\": \"target_ratio\"", "\"method\": \"magic\"", "unknown-method", 6,
                   column_of("\"method\": \"target_ratio\"", "\"method\": \"magic\"", 6, "\"ma"), "/indicators/0/scoring/method");
    expect_problem("\"op\": \">\"", "\"op\": \"=>\"", "unknown-op", 6,
                   column_of("\"op\": \">\"", "\"op\": \"=>\"", 6, "\"="),
                   "/indicators/0/targets/0/op");
}
END_TEST

START_TEST(scoring_rules)
{
    expect_problem("\"value\": 50}", "\"value\": true}", "target-type", 6,
                   column_of("\"value\": 50}", "\"value\": true}", 6, "tr"),
                   "/indicators/0/targets/0/value");
    expect_problem("{\"method\": \"target_ratio\"}", "{\"method\": \"linear\", \"min\": 5, \"max\": 5}", "linear-range", 6,
                   column_of("{\"method\": \"target_ratio\"}", "{\"method\": \"linear\", \"min\": 5, \"max\": 5}", 6, "{\"m"),
                   "/indicators/0/scoring");
    const char *unordered = "{\"method\": \"bands\", \"bands\": [{\"from\": 10, \"score\": 0.5},"
                            " {\"from\": 20, \"score\": 1}]}";
    /* at the second band, the one out of order */
    expect_problem("{\"method\": \"target_ratio\"}", unordered, "bands-order", 6,
                   column_of("{\"method\": \"target_ratio\"}", unordered, 6, "{\"from\": 20"),
                   "/indicators/0/scoring/bands/1");
    expect_problem("{\"method\": \"target_ratio\"}", "{\"method\": \"ratio\"}", "method-unit", 6,
                   column_of("{\"method\": \"target_ratio\"}", "{\"method\": \"ratio\"}", 6, "{\"m"), "/indicators/0/scoring");
    expect_problem("{\"method\": \"boolean\"}", "{\"method\": \"target_ratio\"}", "missing-target", 7,
                   column_of("{\"method\": \"boolean\"}", "{\"method\": \"target_ratio\"}", 7, "{"), "/indicators/1");
}
END_TEST

START_TEST(every_problem_reported)
{
    /* Three independent mistakes: all three come back in one load. */
    char *a = mutate("\"unit\": \"mbps\"", "\"unit\": \"kbps\"");
    char *b = malloc(strlen(a) + 32);
    snprintf(b, strlen(a) + 32, "%s", a);
    char *mark = strstr(b, "\"max_points\": 3");
    memcpy(mark, "\"max_points\": 9", 15);
    mark = strstr(b, "\"direction\": \"higher\", \"points\": 1");
    memcpy(mark, "\"direction\": \"HIGHER\"", 21);
    dii_diagnostics *d = NULL;
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(b, strlen(b), NULL, &fw, &d), DII_ERR_VALIDATION);
    ck_assert_uint_ge(count_diag(d, "unknown-unit"), 1);
    ck_assert_uint_ge(count_diag(d, "unknown-direction"), 1);
    ck_assert_uint_ge(count_diag(d, "max-points-mismatch"), 1);
    ck_assert_uint_ge(dii_diagnostics_error_count(d), 3);
    ck_assert_ptr_null(dii_diagnostic_file(dii_diagnostics_get(d, 0)));
    dii_diagnostics_free(d);
    free(a);
    free(b);
}
END_TEST

START_TEST(file_errors)
{
    dii_framework *fw = (dii_framework *)1;
    dii_diagnostics *d = (dii_diagnostics *)1;
    ck_assert_int_eq(dii_framework_load_file("/nonexistent/x.json", &fw, &d), DII_ERR_IO);
    ck_assert_ptr_null(fw);
    ck_assert_int_eq(find_diag(d, "unreadable"), 0);
    dii_diagnostics_free(d);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "/nonexistent/x.json"));
    ck_assert_int_eq(dii_framework_load_file(NULL, &fw, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_framework_load_memory("{}", 2, NULL, NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    /* Not an object at all. */
    ck_assert_int_eq(dii_framework_load_memory("[1]", 3, NULL, &fw, &d), DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(d, "wrong-type"), 0);
    dii_diagnostics_free(d);
    /* Empty input is a syntax error. */
    ck_assert_int_eq(dii_framework_load_memory("", 0, NULL, &fw, &d), DII_ERR_PARSE);
    ck_assert_int_ge(find_diag(d, "syntax"), 0);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(bom_is_accepted)
{
    size_t n = strlen(VALID);
    char *text = malloc(n + 4);
    memcpy(text, "\xEF\xBB\xBF", 3);
    memcpy(text + 3, VALID, n + 1);
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, n + 3, NULL, &fw, NULL), DII_OK);
    dii_framework_free(fw);
    free(text);
}
END_TEST

/* Serialising and loading back gives the same framework: the second text
 * equals the first, for a hand-written file and for both built-ins. */
static void check_round_trip(const dii_framework *fw)
{
    char *first = NULL, *second = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_framework_to_json(fw, &first, &len), DII_OK);
    ck_assert_uint_eq(strlen(first), len);
    dii_framework *again = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_framework_load_memory(first, len, "again.json", &again, &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_int_eq(dii_framework_to_json(again, &second, NULL), DII_OK);
    ck_assert_str_eq(first, second);
    ck_assert_uint_eq(dii_framework_indicator_count(again), dii_framework_indicator_count(fw));
    ck_assert_double_eq(dii_framework_max_points(again), dii_framework_max_points(fw));
    dii_free(first);
    dii_free(second);
    dii_diagnostics_free(d);
    dii_framework_free(again);
}

START_TEST(framework_json_round_trip)
{
    dii_status st;
    dii_framework *fw = load(VALID, &st, NULL);
    check_round_trip(fw);
    char *json = NULL;
    ck_assert_int_eq(dii_framework_to_json(fw, &json, NULL), DII_OK);
    /* Normalised: defaults spelled out, the 2025 target listed after 2023,
     * booleans stay booleans. */
    ck_assert_ptr_nonnull(strstr(json, "\"rank_decimals\": 3"));
    ck_assert_ptr_nonnull(strstr(json, "\"missing\": \"exclude\""));
    ck_assert(strstr(json, "\"year\": 2023") < strstr(json, "\"year\": 2025"));
    dii_free(json);
    dii_framework_free(fw);
    for (size_t i = 0; i < dii_builtin_framework_count(); i++) {
        dii_framework *b = NULL;
        ck_assert_int_eq(dii_framework_builtin(dii_builtin_framework_id(i), &b), DII_OK);
        check_round_trip(b);
        dii_framework_free(b);
    }
    ck_assert_int_eq(dii_framework_to_json(NULL, &json, NULL), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(json);
}
END_TEST

/* Found in review: an unknown unit or method does not hide the problems of
 * the targets and of the scoring object; "targets": [] is no target. */
START_TEST(unknown_unit_hides_nothing)
{
    char *text = mutate("\"unit\": \"mbps\"", "\"unit\": \"furlong\"");
    char *more = malloc(strlen(text) + 64);
    strcpy(more, text);
    char *op = strstr(more, "\"op\": \">\"");
    memcpy(op, "\"op\": \"!\"", 9);
    dii_diagnostics *d = NULL;
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(more, strlen(more), NULL, &fw, &d),
                     DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(d, "unknown-unit"), 0);
    ck_assert_int_ge(find_diag(d, "unknown-op"), 0);
    dii_diagnostics_free(d);
    free(text);
    free(more);
    text = mutate("{\"method\": \"target_ratio\"}", "{\"method\": \"magic\", \"zzz\": 1}");
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), NULL, &fw, &d),
                     DII_ERR_VALIDATION);
    ck_assert_int_ge(find_diag(d, "unknown-method"), 0);
    ck_assert_int_ge(find_diag(d, "unknown-field"), 0);
    dii_diagnostics_free(d);
    free(text);
}
END_TEST

START_TEST(empty_targets_are_missing)
{
    expect_problem("\"targets\": [{\"year\": 2025, \"op\": \">\", \"value\": 50},"
                   " {\"year\": 2023, \"op\": \">=\", \"value\": 20}]",
                   "\"targets\": []", "missing-target", 6, 3, "/indicators/0");
}
END_TEST

/* Issue 9: framework numbers are bounded by DII_FRAMEWORK_NUMBER_MAX so
 * that no interpolation can overflow (targets of ±1.7e308 interpolated to
 * inf in 1.1); at the bound is accepted, beyond it refused at the value. */
START_TEST(numbers_beyond_the_bound)
{
    expect_problem("\"op\": \">\", \"value\": 50}", "\"op\": \">\", \"value\": 1.7e308}", "out-of-range", 6,
                   column_of("\"op\": \">\", \"value\": 50}", "\"op\": \">\", \"value\": 1.7e308}", 6, "1."), "/indicators/0/targets/0/value");
    expect_problem("\"op\": \">=\", \"value\": 20}", "\"op\": \">=\", \"value\": -1.7e308}", "out-of-range", 6,
                   column_of("\"op\": \">=\", \"value\": 20}", "\"op\": \">=\", \"value\": -1.7e308}", 6, "-"), "/indicators/0/targets/1/value");
    expect_problem("\"value\": 10}", "\"value\": 1.000001e15}", "out-of-range", 6,
                   column_of("\"value\": 10}", "\"value\": 1.000001e15}", 6, "1."),
                   "/indicators/0/baseline/value");
    /* beyond a double: 1.1 called it a syntax error, it is a number too large */
    expect_problem("\"value\": 10}", "\"value\": 1e999}", "out-of-range", 6,
                   column_of("\"value\": 10}", "\"value\": 1e999}", 6, "1e"),
                   "/indicators/0/baseline/value");
    expect_problem("\"max_points\": 3", "\"max_points\": 2e15", "out-of-range", 4,
                   column_of("\"max_points\": 3", "\"max_points\": 2e15", 4, "2"),
                   "/groups/0/max_points");
    expect_problem("{\"method\": \"target_ratio\"}", "{\"method\": \"linear\", \"min\": -1e300, \"max\": 5}", "out-of-range", 6,
                   column_of("{\"method\": \"target_ratio\"}", "{\"method\": \"linear\", \"min\": -1e300, \"max\": 5}", 6, "-"),
                   "/indicators/0/scoring/min");
    expect_problem("{\"method\": \"target_ratio\"}", "{\"method\": \"bands\", \"bands\": [{\"from\": 1e16, \"score\": 1}]}", "out-of-range", 6,
                   column_of("{\"method\": \"target_ratio\"}", "{\"method\": \"bands\", \"bands\": [{\"from\": 1e16, \"score\": 1}]}", 6, "1e"), "/indicators/0/scoring/bands/0/from");
    /* exactly at the bound, both signs */
    char *text = mutate("\"value\": 10}, \"targets\": [{\"year\": 2025, \"op\": \">\", \"value\": 50}",
                        "\"value\": -1e15}, \"targets\": [{\"year\": 2025, \"op\": \">\", "
                        "\"value\": 1e15}");
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), NULL, &fw, NULL), DII_OK);
    double v = 0;
    ck_assert_int_eq(dii_indicator_target_for_year(dii_framework_indicator(fw, 0), 2024, NULL,
                                                   NULL, &v, NULL),
                     DII_OK);
    ck_assert(isfinite(v));
    dii_framework_free(fw);
    free(text);
}
END_TEST

/* A percent baseline or target outside 0-100 can never be a real share. */
START_TEST(percent_targets_within_0_to_100)
{
    const char *percent = "\"unit\": \"percent\"";
    char *base = mutate("\"unit\": \"mbps\"", percent);
    const char *cases[][3] = {
        {"\"value\": 50}", "\"value\": 100.5}", "/indicators/0/targets/0/value"},
        {"\"value\": 20}", "\"value\": -1}", "/indicators/0/targets/1/value"},
        {"\"value\": 10}", "\"value\": 150}", "/indicators/0/baseline/value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *at = strstr(base, cases[i][0]);
        ck_assert_ptr_nonnull(at);
        size_t head = (size_t)(at - base);
        char *text = malloc(strlen(base) + 32);
        memcpy(text, base, head);
        strcpy(text + head, cases[i][1]);
        strcat(text, at + strlen(cases[i][0]));
        dii_diagnostics *d = NULL;
        dii_framework *fw = NULL;
        ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), "t.json", &fw, &d),
                         DII_ERR_VALIDATION);
        ck_assert_uint_eq(dii_diagnostics_count(d), 1);
        const dii_diagnostic *g = dii_diagnostics_get(d, 0);
        ck_assert_str_eq(dii_diagnostic_code(g), "out-of-range");
        ck_assert_str_eq(dii_diagnostic_pointer(g), cases[i][2]);
        ck_assert_uint_eq(dii_diagnostic_line(g), 6);
        dii_diagnostics_free(d);
        free(text);
    }
    /* 0 and 100 themselves are shares */
    char *edge = mutate("\"unit\": \"mbps\"", percent);
    memcpy(strstr(edge, "\"value\": 50}"), "\"value\": 0} ", 12);
    char *t = strstr(edge, "\"value\": 20}");
    char *text = malloc(strlen(edge) + 8);
    memcpy(text, edge, (size_t)(t - edge));
    strcpy(text + (t - edge), "\"value\": 100}");
    strcat(text, t + strlen("\"value\": 20}"));
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(text, strlen(text), NULL, &fw, NULL), DII_OK);
    dii_framework_free(fw);
    free(text);
    free(edge);
    free(base);
}
END_TEST

/* Bands are listed best first; a later (worse) band scoring more than an
 * earlier one would pay for a worse value. Equal scores are allowed. */
START_TEST(band_scores_never_rise_for_worse_values)
{
    const char *rising = "{\"method\": \"bands\", \"bands\": [{\"from\": 20, \"score\": 0.5},"
                         " {\"from\": 10, \"score\": 1}]}";
    /* at the score that rises: the second band's, 1 */
    expect_problem("{\"method\": \"target_ratio\"}", rising, "bands-score-order", 6,
                   column_of("{\"method\": \"target_ratio\"}", rising, 6, "1}]}"),
                   "/indicators/0/scoring/bands/1/score");
    char *lower = mutate("{\"method\": \"target_ratio\"}",
                         "{\"method\": \"bands\", \"bands\": [{\"from\": 10, \"score\": 0.5},"
                         " {\"from\": 20, \"score\": 0.75}, {\"from\": 30, \"score\": 0.75}]}");
    char *dir = strstr(lower, "\"direction\": \"higher\", \"points\": 2");
    memcpy(dir, "\"direction\": \"lower\" , \"points\": 2", 34);
    dii_diagnostics *d = NULL;
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_load_memory(lower, strlen(lower), "t.json", &fw, &d),
                     DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    ck_assert_str_eq(dii_diagnostic_code(dii_diagnostics_get(d, 0)), "bands-score-order");
    ck_assert_str_eq(dii_diagnostic_pointer(dii_diagnostics_get(d, 0)),
                     "/indicators/0/scoring/bands/1/score");
    dii_diagnostics_free(d);
    free(lower);
    /* non-increasing, with a tie: fine */
    char *ok = mutate("{\"method\": \"target_ratio\"}",
                      "{\"method\": \"bands\", \"bands\": [{\"from\": 30, \"score\": 1},"
                      " {\"from\": 20, \"score\": 0.5}, {\"from\": 10, \"score\": 0.5}]}");
    ck_assert_int_eq(dii_framework_load_memory(ok, strlen(ok), NULL, &fw, NULL), DII_OK);
    dii_framework_free(fw);
    free(ok);
}
END_TEST

/* Every allocation of loading (and serialising) a framework, failed in
 * turn: DII_ERR_NO_MEMORY with nothing handed out, or success. The JSON
 * reader's allocations are libdii's too (json_dom.c). */
START_TEST(load_under_allocation_failures)
{
    /* The small framework above keeps the walk short (one load per
     * allocation) while reaching every kind of field. */
    const char *text = VALID;
    size_t len = strlen(VALID);
    long failures = 0;
    for (long n = 0;; n++) {
        dii_framework *fw = (dii_framework *)&fw;
        char *json = NULL;
        failalloc_arm(n);
        dii_status st = dii_framework_load_memory(text, len, "db.json", &fw, NULL);
        dii_status js = st == DII_OK ? dii_framework_to_json(fw, &json, NULL) : DII_OK;
        int failed_one = failalloc_calls() > n;
        failalloc_disarm();
        if (st != DII_OK) {
            ck_assert_int_eq(st, DII_ERR_NO_MEMORY);
            ck_assert_ptr_null(fw); /* nothing handed out */
            failures++;
        } else if (js != DII_OK) {
            ck_assert_int_eq(js, DII_ERR_NO_MEMORY);
            ck_assert_ptr_null(json);
            failures++;
        } else {
            ck_assert_uint_eq(dii_framework_indicator_count(fw), 2);
        }
        dii_free(json);
        if (st == DII_OK)
            dii_framework_free(fw);
        if (!failed_one)
            break;
        ck_assert_int_lt(n, 100000);
    }
    ck_assert_int_gt(failures, 0);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("framework");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, valid_framework_introspection);
    tcase_add_test(tc, defaults_apply);
    tcase_add_test(tc, syntax_error_located);
    tcase_add_test(tc, wrong_format);
    tcase_add_test(tc, missing_and_unknown_fields);
    tcase_add_test(tc, wrong_types);
    tcase_add_test(tc, duplicates);
    tcase_add_test(tc, groups_and_points);
    tcase_add_test(tc, unknown_enumerations);
    tcase_add_test(tc, scoring_rules);
    tcase_add_test(tc, every_problem_reported);
    tcase_add_test(tc, file_errors);
    tcase_add_test(tc, bom_is_accepted);
    tcase_add_test(tc, framework_json_round_trip);
    tcase_add_test(tc, unknown_unit_hides_nothing);
    tcase_add_test(tc, empty_targets_are_missing);
    tcase_add_test(tc, numbers_beyond_the_bound);
    tcase_add_test(tc, percent_targets_within_0_to_100);
    tcase_add_test(tc, band_scores_never_rise_for_worse_values);
    suite_add_tcase(s, tc);
    /* Slow under the sanitizers: its own generous timeout. */
    TCase *slow = tcase_create("allocation failures");
    tcase_set_timeout(slow, 120);
    tcase_add_test(slow, load_under_allocation_failures);
    suite_add_tcase(s, slow);
    return s;
}
