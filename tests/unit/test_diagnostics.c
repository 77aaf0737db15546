/* The diagnostics cap (issue 9, item 4): dii_parse_options.max_diagnostics
 * and dii_validate_options.max_diagnostics. A flood of problems must give a
 * bounded list that ends with one "too-many-diagnostics" item counting,
 * exactly, what was left out; the verdict (errors or not) must not change;
 * memory must stay bounded while the flood is found. Also: one
 * "missing-value" per submission without values, dii_last_error after
 * dii_diagnostics_concat, and dii_diagnostics_write_json (issue 9 item 5:
 * the document streamed, byte for byte the concatenation's). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"
#include "failalloc.h"
#include "testutil.h"

#define FRAMEWORK_ID "dien-bien-4734-2023"

/* ------------------------------------------------------------------------ */
/* Inputs                                                                    */
/* ------------------------------------------------------------------------ */

/* A batch of n empty submissions: each lacks unit, year and values (three
 * "missing-field" errors at load). The reviewer's flood, 3 bytes each. */
static char *empty_objects_batch(size_t n)
{
    static const char head[] = "{\"format\": \"dii-submissions/1\", \"submissions\": [";
    size_t h = strlen(head);
    char *text = malloc(h + 3 * n + 3);
    ck_assert_ptr_nonnull(text);
    memcpy(text, head, h);
    char *w = text + h;
    for (size_t i = 0; i < n; i++) {
        memcpy(w, i ? ",{}" : "{}", i ? 3 : 2);
        w += i ? 3 : 2;
    }
    strcpy(w, "]}");
    return text;
}

/* One valid-looking submission whose "values" object holds n members
 * named in `fmt` (with %zu): unknown indicators for validation. Or, with
 * `top` set, n unknown members of the submission itself (warnings). */
static char *many_members(size_t n, int top)
{
    size_t cap = 128 + 24 * n;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t w = (size_t)snprintf(text, cap, "{\"unit\": {\"id\": \"11\"}, \"year\": 2022, %s",
                                top ? "\"values\": {}" : "\"values\": {");
    for (size_t i = 0; i < n; i++)
        w += (size_t)snprintf(text + w, cap - w, "%s\"x%zu\": 1", (i || top) ? ", " : "", i);
    snprintf(text + w, cap - w, "%s", top ? "}" : "}}");
    return text;
}

static const dii_diagnostic *last_diag(const dii_diagnostics *d)
{
    ck_assert_uint_gt(dii_diagnostics_count(d), 0);
    return dii_diagnostics_get(d, dii_diagnostics_count(d) - 1);
}

/* `listed` diagnostics, then the summary, which says exactly how many of
 * each severity were left out. */
static void expect_summary(const dii_diagnostics *d, size_t listed, size_t errors,
                           size_t warnings)
{
    ck_assert_uint_eq(dii_diagnostics_count(d), listed + 1);
    ck_assert_uint_eq(count_diag(d, "too-many-diagnostics"), 1);
    const dii_diagnostic *g = last_diag(d);
    ck_assert_str_eq(dii_diagnostic_code(g), "too-many-diagnostics");
    ck_assert_int_eq(dii_diagnostic_severity(g),
                     errors > 0 ? DII_SEVERITY_ERROR : DII_SEVERITY_WARNING);
    ck_assert_uint_eq(dii_diagnostic_line(g), 0);
    ck_assert_int_eq(dii_diagnostic_submission(g), -1);
    char expected[200];
    snprintf(expected, sizeof expected,
             "%zu more diagnostic%s (%zu error%s, %zu warning%s) found but not listed",
             errors + warnings, errors + warnings == 1 ? "" : "s", errors,
             errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    ck_assert_str_eq(dii_diagnostic_message(g), expected);
    ck_assert_ptr_nonnull(dii_diagnostic_hint(g));
}

static dii_status load_capped(const char *text, const char *name, size_t cap,
                              dii_submissions **subs, dii_diagnostics **d)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.max_diagnostics = cap;
    return dii_submissions_load_memory(text, strlen(text), name, &o, subs, d);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */
/* ------------------------------------------------------------------------ */

/* 100,000 empty objects: 300,000 "missing-field" errors. The default cap
 * keeps 10,000 and counts the other 290,000 exactly. */
START_TEST(load_flood_is_capped_by_default)
{
    char *text = empty_objects_batch(100000);
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "flood.json", NULL, &subs,
                                                 &d),
                     DII_OK);
    ck_assert_uint_eq(dii_submissions_count(subs), 100000);
    expect_summary(d, 10000, 290000, 0);
    ck_assert_str_eq(dii_diagnostic_file(last_diag(d)), "flood.json");
    /* the kept ones are still in input order */
    for (size_t i = 1; i + 1 < dii_diagnostics_count(d); i++)
        ck_assert_uint_le(dii_diagnostic_line(dii_diagnostics_get(d, i - 1)),
                          dii_diagnostic_line(dii_diagnostics_get(d, i)));
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 10001);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* The count is exact whatever the cap: found = listed + left out. */
START_TEST(load_cap_counts_exactly)
{
    char *text = empty_objects_batch(50);
    dii_submissions *subs = NULL;
    dii_diagnostics *all = NULL, *d = NULL;
    ck_assert_int_eq(load_capped(text, "f.json", SIZE_MAX, &subs, &all), DII_OK);
    dii_submissions_free(subs);
    ck_assert_uint_eq(dii_diagnostics_count(all), 150);
    ck_assert_int_eq(find_diag(all, "too-many-diagnostics"), -1);
    size_t caps[] = {1, 7, 149};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(load_capped(text, "f.json", caps[i], &subs, &d), DII_OK);
        expect_summary(d, caps[i], 150 - caps[i], 0);
        /* the kept ones are the first ones of the full list */
        for (size_t k = 0; k < caps[i]; k++)
            ck_assert_str_eq(dii_diagnostic_message(dii_diagnostics_get(d, k)),
                             dii_diagnostic_message(dii_diagnostics_get(all, k)));
        dii_submissions_free(subs);
        dii_diagnostics_free(d);
    }
    /* at the cap exactly: nothing left out, no summary */
    ck_assert_int_eq(load_capped(text, "f.json", 150, &subs, &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 150);
    ck_assert_int_eq(find_diag(d, "too-many-diagnostics"), -1);
    dii_submissions_free(subs);
    dii_diagnostics_free(d);
    dii_diagnostics_free(all);
    free(text);
}
END_TEST

/* Warnings only (unknown fields): the summary is a warning, so a valid
 * input stays valid (no error appears) and the load still succeeds. */
START_TEST(warning_flood_stays_a_warning)
{
    char *text = many_members(40, 1);
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(load_capped(text, "w.json", 5, &subs, &d), DII_OK);
    ck_assert_ptr_nonnull(subs);
    expect_summary(d, 5, 0, 35);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 0);
    ck_assert_uint_eq(dii_diagnostics_warning_count(d), 6);
    dii_diagnostics_free(d);
    /* validation repeats the 40 unknown fields and adds the missing
     * values (one warning; and one for the year when the framework's
     * years do not include 2022): still no error */
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    size_t own = 1 + (dii_framework_first_year(fw) > 2022 || dii_framework_last_year(fw) < 2022);
    dii_validate_options vo = DII_VALIDATE_OPTIONS_INIT;
    vo.max_diagnostics = 3;
    ck_assert_int_eq(dii_validate_with(fw, subs, &vo, &d), DII_OK);
    expect_summary(d, 3, 0, 40 + own - 3);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 0);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* A syntax error is still a parse failure when the list is full, and the
 * message counts every error found. */
START_TEST(parse_failure_with_a_full_list)
{
    const char text[] = "{}\n{}\n{}\n{\"a\": }\n";
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(load_capped(text, "p.jsonl", 2, &subs, &d), DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    /* 3 x 3 missing-field + 1 syntax = 10 errors: 2 listed, 8 counted */
    expect_summary(d, 2, 8, 0);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "(and 9 more errors)"));
    dii_diagnostics_free(d);
}
END_TEST

/* The refusal of a limit is always listed, even with a full list. */
START_TEST(limit_exceeded_is_always_listed)
{
    const char text[] = "{}\n{}\n{}\n";
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.max_diagnostics = 1;
    o.max_submissions = 2;
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "l.jsonl", &o, &subs, &d),
                     DII_ERR_PARSE);
    expect_diag_at(d, "limit-exceeded", 3, 1);
    ck_assert_uint_eq(count_diag(d, "too-many-diagnostics"), 1);
    dii_diagnostics_free(d);
}
END_TEST

/* What a program built against the version-2 header passes: the struct
 * ends after max_submissions. Allocated at exactly that size, so that
 * AddressSanitizer and valgrind catch a read of max_diagnostics. */
struct parse_options_v2 {
    unsigned int version;
    dii_input_format format;
    char csv_delimiter;
    char csv_decimal_mark;
    size_t max_input_bytes;
    unsigned int max_depth;
    size_t max_string_bytes;
    size_t max_submissions;
};

START_TEST(version_2_options_get_the_default_cap)
{
    ck_assert_uint_eq(DII_DEFAULT_MAX_DIAGNOSTICS, 10000);
    dii_parse_options init = DII_PARSE_OPTIONS_INIT;
    ck_assert_uint_eq(init.max_diagnostics, 0);
    struct parse_options_v2 *v2 = malloc(sizeof *v2);
    ck_assert_ptr_nonnull(v2);
    *v2 = (struct parse_options_v2){2, DII_INPUT_AUTO, ',', '.', 0, 0, 0, 0};
    char *text = empty_objects_batch(4000); /* 12,000 errors */
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "v2.json",
                                                 (const dii_parse_options *)v2, &subs, &d),
                     DII_OK);
    expect_summary(d, 10000, 2000, 0);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
    free(v2);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Validation                                                                */
/* ------------------------------------------------------------------------ */

/* The loader's findings count towards validation's cap, and those the
 * loader left out are counted in validation's summary too: validation
 * repeats 300,000 errors and adds 100,000 missing-value warnings (one per
 * empty submission, see below). */
START_TEST(validate_flood_is_capped)
{
    char *text = empty_objects_batch(100000);
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "flood.json", NULL, &subs,
                                                 NULL),
                     DII_OK);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    expect_summary(d, 10000, 290000, 100000);
    dii_diagnostics_free(d);
    dii_validate_options vo = DII_VALIDATE_OPTIONS_INIT;
    vo.max_diagnostics = 3;
    ck_assert_int_eq(dii_validate_with(fw, subs, &vo, &d), DII_ERR_VALIDATION);
    expect_summary(d, 3, 299997, 100000);
    dii_diagnostics_free(d);
    /* NULL options are the defaults, as dii_validate */
    ck_assert_int_eq(dii_validate_with(fw, subs, NULL, &d), DII_ERR_VALIDATION);
    expect_summary(d, 10000, 290000, 100000);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* With a cap above the loader's, validation lists what the loader had
 * to leave out: the count is carried, the items are not invented. */
START_TEST(validate_reports_what_the_loader_left_out)
{
    char *text = empty_objects_batch(10);
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(load_capped(text, "s.json", 4, &subs, &d), DII_OK);
    expect_summary(d, 4, 26, 0);
    dii_diagnostics_free(d);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    /* 4 repeated + 10 missing-value listed; the 26 the loader left out */
    expect_summary(d, 14, 26, 0);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

START_TEST(validate_options_checked)
{
    const char text[] = "{\"unit\": {\"id\": \"11\"}, \"year\": 2022, \"values\": {}}";
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "o.json", NULL, &subs,
                                                 NULL),
                     DII_OK);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    unsigned versions[] = {0, 2, 99};
    for (size_t i = 0; i < 3; i++) {
        dii_validate_options vo = DII_VALIDATE_OPTIONS_INIT;
        vo.version = versions[i];
        dii_diagnostics *d = (dii_diagnostics *)&d;
        ck_assert_int_eq(dii_validate_with(fw, subs, &vo, &d), DII_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(d);
        ck_assert_ptr_nonnull(strstr(dii_last_error(), "dii_validate_options version"));
    }
    dii_diagnostics *d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_validate_with(NULL, subs, NULL, &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
}
END_TEST

/* One warning for a submission without values, not one per indicator;
 * a submission with some values still gets one per missing indicator. */
START_TEST(no_values_is_one_missing_value)
{
    const char text[] =
        "{\"format\": \"dii-submissions/1\", \"submissions\": [\n"
        " {\"unit\": {\"id\": \"11\"}, \"year\": 2022, \"values\": {}},\n"
        " {\"unit\": {\"id\": \"12\"}, \"year\": 2022,\n"
        "  \"values\": {\"mobile_broadband_subscriptions_per_100\": 70}}]}\n";
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "n.json", NULL, &subs,
                                                 NULL),
                     DII_OK);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_OK);
    size_t n = dii_framework_indicator_count(fw);
    ck_assert_uint_gt(n, 2);
    ck_assert_uint_eq(count_diag(d, "missing-value"), 1 + (n - 1));
    const dii_diagnostic *g = expect_diag_at(d, "missing-value", 2, 2);
    ck_assert_int_eq(dii_diagnostic_severity(g), DII_SEVERITY_WARNING);
    ck_assert_str_eq(dii_diagnostic_pointer(g), "/submissions/0/values");
    ck_assert_int_eq(dii_diagnostic_submission(g), 0);
    char expected[160];
    snprintf(expected, sizeof expected,
             "the submission has no values: none of the %zu indicators of framework '%s' is "
             "given",
             n, FRAMEWORK_ID);
    ck_assert_str_eq(dii_diagnostic_message(g), expected);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Memory stays bounded while a flood is found                               */
/* ------------------------------------------------------------------------ */

/* An allocator that counts the bytes in use and their peak; each block
 * carries its size in front. */
static size_t in_use, peak;

static void *counting_malloc(size_t n, void *user)
{
    (void)user;
    size_t *p = malloc(n + 16);
    if (p == NULL)
        return NULL;
    *p = n;
    in_use += n;
    if (in_use > peak)
        peak = in_use;
    return (char *)p + 16;
}

static void counting_free(void *q, void *user)
{
    (void)user;
    if (q == NULL)
        return;
    size_t *p = (size_t *)((char *)q - 16);
    in_use -= *p;
    free(p);
}

static void *counting_realloc(void *q, size_t n, void *user)
{
    if (q == NULL)
        return counting_malloc(n, user);
    size_t *p = (size_t *)((char *)q - 16);
    size_t old = *p;
    size_t *r = realloc(p, n + 16);
    if (r == NULL)
        return NULL;
    *r = n;
    in_use = in_use - old + n;
    if (in_use > peak)
        peak = in_use;
    return (char *)r + 16;
}

/* A list the loader filled to the cap (unknown members: warnings) and the
 * validator's copy of it, which comes first in the validator's list. */
static void load_and_validate_flood(dii_diagnostics **load, dii_diagnostics **checked)
{
    char *text = many_members(20000, 1); /* 20,000 unknown top-level members */
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "m.json", NULL, &subs,
                                                 load),
                     DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(*load), 10001);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    dii_validate(fw, subs, checked); /* the unknown members are warnings */
    ck_assert_uint_eq(dii_diagnostics_count(*checked), 10001);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}

/* The validator's copy of the loader's findings shares their strings
 * (one block an item, counted): it used to copy each string. The copy
 * outlives the original (valgrind and ASan check the reads). */
START_TEST(copies_share_the_strings)
{
    dii_diagnostics *load = NULL, *checked = NULL;
    load_and_validate_flood(&load, &checked);
    const dii_diagnostic *a = dii_diagnostics_get(load, 0);
    const dii_diagnostic *b = dii_diagnostics_get(checked, 0);
    ck_assert_ptr_eq(dii_diagnostic_message(a), dii_diagnostic_message(b));
    ck_assert_ptr_eq(dii_diagnostic_file(a), dii_diagnostic_file(b));
    char *message = strdup(dii_diagnostic_message(a));
    dii_diagnostics_free(load);
    ck_assert_str_eq(dii_diagnostic_message(b), message);
    ck_assert_str_eq(dii_diagnostic_file(b), "m.json");
    dii_diagnostics *again = NULL;
    ck_assert_int_eq(dii_diagnostics_concat((const dii_diagnostics *const[]){checked}, 1,
                                            &again),
                     DII_OK);
    dii_diagnostics_free(checked);
    ck_assert_str_eq(dii_diagnostic_message(dii_diagnostics_get(again, 0)), message);
    dii_diagnostics_free(again);
    free(message);
}
END_TEST

/* What a copied item costs: its 80-byte record and a share of the
 * strings, not a copy of them. */
START_TEST(copying_a_full_list_costs_its_records)
{
    dii_diagnostics *load = NULL, *checked = NULL;
    load_and_validate_flood(&load, &checked);
    ck_assert_int_eq(dii_set_allocator(counting_malloc, counting_realloc, counting_free, NULL),
                     DII_OK);
    in_use = peak = 0;
    dii_diagnostics *copy = NULL;
    ck_assert_int_eq(dii_diagnostics_concat((const dii_diagnostics *const[]){load}, 1, &copy),
                     DII_OK);
    size_t per_item = peak / dii_diagnostics_count(copy);
    dii_diagnostics_free(copy);
    ck_assert_uint_eq(in_use, 0);
    dii_set_allocator(NULL, NULL, NULL, NULL);
    /* 80 bytes a record, the array doubling as it grows: at most 160; the
     * strings' own copies took 245 here */
    ck_assert_msg(per_item <= 176, "%zu bytes a copied item",
                  per_item);
    dii_diagnostics_free(load);
    dii_diagnostics_free(checked);
}
END_TEST

/* 100,000 unknown indicators give 100,000 errors in validation; with the
 * cap, validating needs little more than the loaded set: before the cap
 * the list alone took over 20 MB here. */
START_TEST(validate_flood_memory_is_bounded)
{
    ck_assert_int_eq(dii_set_allocator(counting_malloc, counting_realloc, counting_free, NULL),
                     DII_OK);
    char *text = many_members(100000, 0);
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "m.json", NULL, &subs,
                                                 NULL),
                     DII_OK);
    ck_assert_int_eq(dii_framework_builtin(FRAMEWORK_ID, &fw), DII_OK);
    size_t before = in_use;
    peak = in_use;
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(dii_diagnostics_count(d), 10001);
    size_t grew = peak - before;
    ck_assert_msg(grew < (size_t)6 << 20, "validation took %zu bytes", grew);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    ck_assert_uint_eq(in_use, 0);
    dii_set_allocator(NULL, NULL, NULL, NULL);
    free(text);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii_last_error after dii_diagnostics_concat                               */
/* ------------------------------------------------------------------------ */

/* dii.h's convention: dii_last_error() is "" once a call has succeeded.
 * dii_diagnostics_concat kept the previous failure's message. */
START_TEST(concat_success_clears_last_error)
{
    dii_diagnostics *out = NULL;
    ck_assert_int_eq(dii_diagnostics_concat(NULL, 1, &out), DII_ERR_INVALID_ARGUMENT);
    ck_assert_str_ne(dii_last_error(), "");
    const dii_diagnostics *none[1] = {NULL};
    ck_assert_int_eq(dii_diagnostics_concat(none, 1, &out), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    ck_assert_uint_eq(dii_diagnostics_count(out), 0);
    dii_diagnostics_free(out);
}
END_TEST

/* One submission with an unknown field at 3:2, and one with it at 2:2. */
static const char late[] = "{\"unit\": {\"id\": \"1\"}, \"year\": 2022,\n"
                           " \"values\": {},\n \"x\": 1}\n";
static const char early[] = "{\"unit\": {\"id\": \"1\"}, \"year\": 2022,\n"
                            " \"y\": 1, \"values\": {}}\n";

/* Two lists about one input interleave as the input reads (a later
 * check's item on line 2 before the first list's line 3), and lists about
 * two inputs keep the inputs' order whatever their lines. Before 1.2 the
 * lists were appended as they came. */
START_TEST(concat_puts_items_in_input_order)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *l3 = NULL, *l2 = NULL, *other = NULL, *all = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(late, strlen(late), "x.json", NULL, &subs, &l3),
                     DII_OK);
    dii_submissions_free(subs);
    ck_assert_int_eq(dii_submissions_load_memory(early, strlen(early), "x.json", NULL, &subs,
                                                 &l2), DII_OK);
    dii_submissions_free(subs);
    ck_assert_int_eq(dii_submissions_load_memory(early, strlen(early), "w.json", NULL, &subs,
                                                 &other), DII_OK);
    dii_submissions_free(subs);
    ck_assert_uint_eq(dii_diagnostics_count(l3), 1);
    ck_assert_uint_eq(dii_diagnostics_count(l2), 1);
    const dii_diagnostics *lists[3] = {l3, l2, other};
    ck_assert_int_eq(dii_diagnostics_concat(lists, 3, &all), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(all), 3);
    static const char *const files[] = {"x.json", "x.json", "w.json"};
    static const unsigned long lines[] = {2, 3, 2};
    for (size_t i = 0; i < 3; i++) {
        const dii_diagnostic *x = dii_diagnostics_get(all, i);
        ck_assert_str_eq(dii_diagnostic_file(x), files[i]);
        ck_assert_uint_eq(dii_diagnostic_line(x), lines[i]);
    }
    dii_diagnostics_free(all);
    dii_diagnostics_free(l3);
    dii_diagnostics_free(l2);
    dii_diagnostics_free(other);
}
END_TEST

/* A concatenation copies every item, summaries included, with no cap. */
START_TEST(concat_keeps_summaries)
{
    char *text = empty_objects_batch(10);
    dii_submissions *subs = NULL;
    dii_diagnostics *a = NULL, *b = NULL, *all = NULL;
    ck_assert_int_eq(load_capped(text, "a.json", 4, &subs, &a), DII_OK);
    dii_submissions_free(subs);
    ck_assert_int_eq(load_capped(text, "b.json", 20, &subs, &b), DII_OK);
    dii_submissions_free(subs);
    const dii_diagnostics *lists[2] = {a, b};
    ck_assert_int_eq(dii_diagnostics_concat(lists, 2, &all), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(all), 5 + 21);
    ck_assert_uint_eq(count_diag(all, "too-many-diagnostics"), 2);
    dii_diagnostics_free(all);
    dii_diagnostics_free(a);
    dii_diagnostics_free(b);
    free(text);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii_diagnostics_select and dii_diagnostics_new_error                      */
/* ------------------------------------------------------------------------ */

/* Three empty submissions: nine "missing-field" errors (3 per submission)
 * and one "unknown-field" warning, capped at 5 so the list ends with a
 * summary: 5 items + 1. */
static dii_diagnostics *sample_list(void)
{
    static const char text[] =
        "{\"format\": \"dii-submissions/1\", \"x\": 1, \"submissions\": [{}, {}, {}]}";
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(load_capped(text, "s.json", 5, &subs, &d), DII_OK);
    dii_submissions_free(subs);
    ck_assert_uint_eq(dii_diagnostics_count(d), 6);
    return d;
}

static void expect_same_item(const dii_diagnostic *a, const dii_diagnostic *b)
{
    ck_assert_int_eq(dii_diagnostic_severity(a), dii_diagnostic_severity(b));
    ck_assert_str_eq(dii_diagnostic_code(a), dii_diagnostic_code(b));
    ck_assert_str_eq(dii_diagnostic_message(a), dii_diagnostic_message(b));
    ck_assert_pstr_eq(dii_diagnostic_file(a), dii_diagnostic_file(b));
    ck_assert_uint_eq(dii_diagnostic_line(a), dii_diagnostic_line(b));
    ck_assert_uint_eq(dii_diagnostic_column(a), dii_diagnostic_column(b));
    ck_assert_pstr_eq(dii_diagnostic_pointer(a), dii_diagnostic_pointer(b));
    ck_assert_pstr_eq(dii_diagnostic_hint(a), dii_diagnostic_hint(b));
    ck_assert_int_eq(dii_diagnostic_submission(a), dii_diagnostic_submission(b));
}

/* Copies in the order asked, an index twice, the summary as any item;
 * the counts are the copies'. */
START_TEST(select_copies_in_the_order_given)
{
    dii_diagnostics *d = sample_list();
    long warning = find_diag(d, "unknown-field");
    ck_assert_int_ge(warning, 0);
    size_t pick[] = {5, (size_t)warning, 1, 1};
    dii_diagnostics *out = NULL;
    ck_assert_int_eq(dii_diagnostics_select(NULL, NULL, 1, &out), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_diagnostics_select(d, pick, 4, &out), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    ck_assert_uint_eq(dii_diagnostics_count(out), 4);
    for (size_t i = 0; i < 4; i++)
        expect_same_item(dii_diagnostics_get(out, i), dii_diagnostics_get(d, pick[i]));
    /* the summary (an error: errors were left out), two errors, a warning */
    ck_assert_uint_eq(dii_diagnostics_error_count(out), 3);
    ck_assert_uint_eq(dii_diagnostics_warning_count(out), 1);
    dii_diagnostics_free(d); /* the copies own their strings */
    char *json = NULL;
    ck_assert_int_eq(dii_diagnostics_to_json(out, &json, NULL), DII_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"errors\": 3,\n  \"warnings\": 1,"));
    const char *summary = strstr(json, "too-many-diagnostics");
    ck_assert(summary && summary < strstr(json, "unknown-field"));
    dii_free(json);
    dii_diagnostics_free(out);
}
END_TEST

START_TEST(select_nothing_is_an_empty_list)
{
    dii_diagnostics *d = sample_list(), *out = NULL;
    ck_assert_int_eq(dii_diagnostics_select(d, NULL, 0, &out), DII_OK);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(dii_diagnostics_count(out), 0);
    ck_assert_uint_eq(dii_diagnostics_error_count(out), 0);
    dii_diagnostics_free(out);
    /* a NULL list is empty: nothing to select from, but nothing asked */
    ck_assert_int_eq(dii_diagnostics_select(NULL, NULL, 0, &out), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(out), 0);
    dii_diagnostics_free(out);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(select_errors)
{
    dii_diagnostics *d = sample_list();
    size_t past[] = {0, 6}, one[] = {0};
    dii_diagnostics *out = (dii_diagnostics *)&out;
    /* an index past the end (6 of 6), with a valid one before it */
    ck_assert_int_eq(dii_diagnostics_select(d, past, 2, &out), DII_ERR_OUT_OF_RANGE);
    ck_assert_ptr_null(out);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "index 6"));
    /* any index of a NULL (empty) list */
    out = (dii_diagnostics *)&out;
    ck_assert_int_eq(dii_diagnostics_select(NULL, one, 1, &out), DII_ERR_OUT_OF_RANGE);
    ck_assert_ptr_null(out);
    /* items NULL with n > 0 */
    out = (dii_diagnostics *)&out;
    ck_assert_int_eq(dii_diagnostics_select(d, NULL, 1, &out), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(out);
    ck_assert_str_ne(dii_last_error(), "");
    /* out NULL */
    ck_assert_int_eq(dii_diagnostics_select(d, one, 1, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(new_error_is_one_unplaced_error)
{
    dii_diagnostics *d = NULL;
    char code[] = "unreadable", message[] = "cannot read \x1b it", file[] = "-";
    ck_assert_int_eq(dii_diagnostics_new_error(code, message, file, &d), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    memset(code, 'x', strlen(code)); /* the list keeps copies */
    memset(file, 'x', strlen(file));
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    ck_assert_uint_eq(dii_diagnostics_error_count(d), 1);
    ck_assert_uint_eq(dii_diagnostics_warning_count(d), 0);
    const dii_diagnostic *g = dii_diagnostics_get(d, 0);
    ck_assert_int_eq(dii_diagnostic_severity(g), DII_SEVERITY_ERROR);
    ck_assert_str_eq(dii_diagnostic_code(g), "unreadable");
    ck_assert_str_eq(dii_diagnostic_message(g), "cannot read ? it"); /* as every message */
    ck_assert_str_eq(dii_diagnostic_file(g), "-");
    ck_assert_uint_eq(dii_diagnostic_line(g), 0);
    ck_assert_uint_eq(dii_diagnostic_column(g), 0);
    ck_assert_ptr_null(dii_diagnostic_pointer(g));
    ck_assert_ptr_null(dii_diagnostic_hint(g));
    ck_assert_int_eq(dii_diagnostic_submission(g), -1);
    /* copies of it (concat, select) own their code: the original goes first */
    const dii_diagnostics *lists[1] = {d};
    dii_diagnostics *joined = NULL, *picked = NULL;
    ck_assert_int_eq(dii_diagnostics_concat(lists, 1, &joined), DII_OK);
    ck_assert_int_eq(dii_diagnostics_select(d, (size_t[]){0}, 1, &picked), DII_OK);
    dii_diagnostics_free(d);
    ck_assert_str_eq(dii_diagnostic_code(dii_diagnostics_get(joined, 0)), "unreadable");
    ck_assert_str_eq(dii_diagnostic_code(dii_diagnostics_get(picked, 0)), "unreadable");
    dii_diagnostics_free(joined);
    dii_diagnostics_free(picked);
    /* no file */
    ck_assert_int_eq(dii_diagnostics_new_error("my-tool-2", "failed", NULL, &d), DII_OK);
    ck_assert_ptr_null(dii_diagnostic_file(dii_diagnostics_get(d, 0)));
    char *json = NULL;
    ck_assert_int_eq(dii_diagnostics_to_json(d, &json, NULL), DII_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"code\": \"my-tool-2\""));
    ck_assert_ptr_nonnull(strstr(json, "\"valid\": false"));
    dii_free(json);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(new_error_refuses_bad_arguments)
{
    static const char *const bad_codes[] = {"", "Unreadable", "not_kebab", "a b", "é", "x\n"};
    for (size_t i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
        dii_diagnostics *d = (dii_diagnostics *)&d;
        ck_assert_int_eq(dii_diagnostics_new_error(bad_codes[i], "m", "f", &d),
                         DII_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(d);
        ck_assert_ptr_nonnull(strstr(dii_last_error(), "kebab-case"));
    }
    static const char *const bad_messages[] = {"", "\xff", "caf\xc3", "\xc0\xaf"};
    for (size_t i = 0; i < sizeof bad_messages / sizeof bad_messages[0]; i++) {
        dii_diagnostics *d = (dii_diagnostics *)&d;
        ck_assert_int_eq(dii_diagnostics_new_error("x", bad_messages[i], "f", &d),
                         DII_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(d);
        ck_assert_ptr_nonnull(strstr(dii_last_error(), "UTF-8"));
    }
    dii_diagnostics *d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_diagnostics_new_error(NULL, "m", "f", &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    d = (dii_diagnostics *)&d;
    ck_assert_int_eq(dii_diagnostics_new_error("x", NULL, "f", &d), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(dii_diagnostics_new_error("x", "m", "f", NULL), DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* Every allocation of each call failing in turn: DII_ERR_NO_MEMORY, *out
 * NULL, "out of memory", nothing leaked (ASan), until one succeeds. */
typedef dii_status (*list_maker)(const void *ctx, dii_diagnostics **out);

static void check_maker_under_failures(list_maker make, const void *ctx, size_t expect_count)
{
    long failures = 0;
    for (long n = 0;; n++) {
        dii_diagnostics *out = (dii_diagnostics *)&out;
        failalloc_arm(n);
        dii_status st = make(ctx, &out);
        int failed_one = failalloc_calls() > n;
        char message[256];
        snprintf(message, sizeof message, "%s", dii_last_error());
        failalloc_disarm();
        if (st == DII_ERR_NO_MEMORY) {
            ck_assert_ptr_null(out);
            ck_assert_str_eq(message, "out of memory");
            failures++;
        } else {
            ck_assert_int_eq(st, DII_OK);
            ck_assert_uint_eq(dii_diagnostics_count(out), expect_count);
            dii_diagnostics_free(out);
        }
        if (!failed_one)
            break;
        ck_assert_int_lt(n, 10000);
    }
    ck_assert_int_gt(failures, 0);
}

static dii_status select_all_six(const void *ctx, dii_diagnostics **out)
{
    static const size_t all[] = {5, 4, 3, 2, 1, 0};
    return dii_diagnostics_select(ctx, all, 6, out);
}

static dii_status make_error(const void *ctx, dii_diagnostics **out)
{
    (void)ctx;
    return dii_diagnostics_new_error("unreadable", "cannot read", "in.json", out);
}

static dii_status select_made_error(const void *ctx, dii_diagnostics **out)
{
    return dii_diagnostics_select(ctx, (const size_t[]){0, 0}, 2, out);
}

START_TEST(select_and_new_error_under_allocation_failures)
{
    dii_diagnostics *d = sample_list();
    check_maker_under_failures(select_all_six, d, 6);
    dii_diagnostics_free(d);
    check_maker_under_failures(make_error, NULL, 1);
    /* copying a caller's code is one allocation more */
    ck_assert_int_eq(make_error(NULL, &d), DII_OK);
    check_maker_under_failures(select_made_error, d, 2);
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii_diagnostics_write_json: the document streamed to a sink               */
/* ------------------------------------------------------------------------ */

/* A dii_write_fn that keeps what it gets (with plain malloc: the failing
 * allocator must not reach it), refusing any piece that would take it past
 * `limit` bytes. */
typedef struct sink {
    char *data;
    size_t len, cap;
    size_t limit;     /* SIZE_MAX: takes everything */
    size_t calls;     /* pieces offered, the refused one included */
    size_t largest;   /* the longest piece */
    int refused;
} sink;

static void sink_init(sink *k, size_t limit)
{
    memset(k, 0, sizeof *k);
    k->limit = limit;
}

static int sink_write(void *ctx, const char *data, size_t len)
{
    sink *k = ctx;
    ck_assert(!k->refused); /* never called again after a refusal */
    ck_assert_uint_gt(len, 0);
    k->calls++;
    if (len > k->largest)
        k->largest = len;
    if (len > k->limit - k->len) {
        k->refused = 1;
        return 1;
    }
    if (k->len + len > k->cap) {
        k->cap = (k->len + len) * 2;
        k->data = realloc(k->data, k->cap);
        ck_assert_ptr_nonnull(k->data);
    }
    memcpy(k->data + k->len, data, len);
    k->len += len;
    return 0;
}

/* What dii_diagnostics_write_json must give: the document of the lists'
 * concatenation. */
static char *concat_json(const dii_diagnostics *const *lists, size_t n, size_t *len)
{
    dii_diagnostics *all = NULL;
    char *json = NULL;
    ck_assert_int_eq(dii_diagnostics_concat(lists, n, &all), DII_OK);
    ck_assert_int_eq(dii_diagnostics_to_json(all, &json, len), DII_OK);
    dii_diagnostics_free(all);
    return json;
}

/* The streamed bytes are those, exactly; the call clears the last error. */
static void expect_streams_as_concat(const dii_diagnostics *const *lists, size_t n)
{
    size_t want_len = 0;
    char *want = concat_json(lists, n, &want_len);
    sink k;
    sink_init(&k, SIZE_MAX);
    dii_diagnostics_concat(NULL, 1, NULL); /* a failure's message, to be cleared */
    ck_assert_int_eq(dii_diagnostics_write_json(lists, n, sink_write, &k), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    ck_assert_uint_eq(k.len, want_len);
    ck_assert(memcmp(k.data, want, want_len) == 0);
    dii_free(want);
    free(k.data);
}

static dii_diagnostics *load_list(const char *text, const char *name, size_t cap)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(load_capped(text, name, cap, &subs, &d), DII_OK);
    dii_submissions_free(subs);
    return d;
}

START_TEST(write_json_of_no_list)
{
    expect_streams_as_concat(NULL, 0);
    const dii_diagnostics *none[2] = {NULL, NULL};
    expect_streams_as_concat(none, 2);
    sink k;
    sink_init(&k, SIZE_MAX);
    ck_assert_int_eq(dii_diagnostics_write_json(NULL, 0, sink_write, &k), DII_OK);
    static const char empty[] = "{\n  \"format\": \"dii-diagnostics/1\",\n  \"valid\": true,\n"
                                "  \"errors\": 0,\n  \"warnings\": 0,\n  \"diagnostics\": []\n}\n";
    ck_assert_uint_eq(k.len, strlen(empty));
    ck_assert(memcmp(k.data, empty, k.len) == 0);
    ck_assert_uint_eq(k.calls, 1);
    free(k.data);
}
END_TEST

/* One list, capped: its "too-many-diagnostics" item included. */
START_TEST(write_json_of_one_capped_list)
{
    dii_diagnostics *d = sample_list();
    ck_assert_uint_eq(count_diag(d, "too-many-diagnostics"), 1);
    const dii_diagnostics *lists[1] = {d};
    expect_streams_as_concat(lists, 1);
    dii_diagnostics_free(d);
}
END_TEST

/* Several lists, in each of concat's cases: inputs one after another
 * (nothing to reorder), one input split over lists (interleaved by line),
 * an input met again after another, items without a file, a list out of
 * position order (a selection), summaries, empty and NULL lists. */
START_TEST(write_json_of_several_lists)
{
    char *batch = empty_objects_batch(10);
    dii_diagnostics *x3 = load_list(late, "x.json", 100), *x2 = load_list(early, "x.json", 100);
    dii_diagnostics *w = load_list(early, "w.json", 100), *a = load_list(batch, "a.json", 4);
    dii_diagnostics *b = load_list(batch, "b.json", 20), *empty = NULL, *nofile = NULL;
    dii_diagnostics *reversed = NULL, *s = sample_list();
    ck_assert_int_eq(dii_diagnostics_select(NULL, NULL, 0, &empty), DII_OK);
    ck_assert_int_eq(dii_diagnostics_new_error("my-tool", "failed", NULL, &nofile), DII_OK);
    ck_assert_int_eq(select_all_six(s, &reversed), DII_OK);

    const dii_diagnostics *in_order[] = {a, NULL, b, empty, w, nofile};
    expect_streams_as_concat(in_order, 6);
    const dii_diagnostics *split[] = {x3, x2, w};
    expect_streams_as_concat(split, 3);
    const dii_diagnostics *again[] = {x2, w, x3, nofile, a, nofile};
    expect_streams_as_concat(again, 6);
    const dii_diagnostics *one_reversed[] = {reversed};
    expect_streams_as_concat(one_reversed, 1);
    /* unlike dii_diagnostics_to_json of that list, which keeps its order */
    char *own = NULL;
    ck_assert_int_eq(dii_diagnostics_to_json(reversed, &own, NULL), DII_OK);
    size_t sorted_len = 0;
    char *sorted = concat_json(one_reversed, 1, &sorted_len);
    ck_assert_str_ne(own, sorted);
    dii_free(own);
    dii_free(sorted);

    dii_diagnostics *all[] = {x3, x2, w, a, b, empty, nofile, reversed, s};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        dii_diagnostics_free(all[i]);
    free(batch);
}
END_TEST

/* 9,000 items (1.8 MB of JSON) go out in pieces of about 64 KiB, with no
 * memory growing with the document: before, it was built whole. */
START_TEST(write_json_streams_in_bounded_memory)
{
    ck_assert_int_eq(dii_set_allocator(counting_malloc, counting_realloc, counting_free, NULL),
                     DII_OK);
    char *text = empty_objects_batch(3000);
    dii_diagnostics *d = load_list(text, "f.json", 100000);
    ck_assert_uint_eq(dii_diagnostics_count(d), 9000);
    const dii_diagnostics *lists[1] = {d};
    sink k;
    sink_init(&k, SIZE_MAX);
    size_t before = in_use;
    peak = in_use;
    ck_assert_int_eq(dii_diagnostics_write_json(lists, 1, sink_write, &k), DII_OK);
    size_t grew = peak - before;
    ck_assert_uint_gt(k.len, (size_t)1500000);
    ck_assert_uint_gt(k.calls, 20);
    ck_assert_uint_lt(k.largest, (size_t)80 * 1024);
    ck_assert_msg(grew < (size_t)256 * 1024, "writing took %zu bytes", grew);
    ck_assert_uint_eq(in_use, before);
    dii_diagnostics_free(d);
    ck_assert_uint_eq(in_use, 0);
    dii_set_allocator(NULL, NULL, NULL, NULL);
    free(k.data);
    free(text);
}
END_TEST

/* A sink that stops, at its first piece or after k bytes: DII_ERR_IO with
 * a message, what it took is the start of the document, it is not called
 * again, nothing leaks (valgrind / ASan). */
START_TEST(write_json_stops_when_the_sink_does)
{
    char *text = empty_objects_batch(1000);
    dii_diagnostics *d = load_list(text, "f.json", 100000), *x = sample_list();
    const dii_diagnostics *lists[2] = {x, d};
    size_t want_len = 0;
    char *want = concat_json(lists, 2, &want_len);
    const size_t limits[] = {0, 1, 100, 65535, 65536, 70000, 200000, want_len - 1};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        sink k;
        sink_init(&k, limits[i]);
        ck_assert_int_eq(dii_diagnostics_write_json(lists, 2, sink_write, &k), DII_ERR_IO);
        ck_assert(k.refused);
        ck_assert_ptr_nonnull(strstr(dii_last_error(), "dii_diagnostics_write_json"));
        ck_assert_uint_le(k.len, limits[i]);
        ck_assert(k.len == 0 || memcmp(k.data, want, k.len) == 0);
        free(k.data);
    }
    /* a limit of the document's length exactly: the whole of it */
    sink k;
    sink_init(&k, want_len);
    ck_assert_int_eq(dii_diagnostics_write_json(lists, 2, sink_write, &k), DII_OK);
    ck_assert_uint_eq(k.len, want_len);
    free(k.data);
    dii_free(want);
    dii_diagnostics_free(d);
    dii_diagnostics_free(x);
    free(text);
}
END_TEST

static int sink_never_called(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    ck_abort_msg("the sink was called");
    return 1;
}

START_TEST(write_json_refuses_null_arguments)
{
    dii_diagnostics *d = sample_list();
    const dii_diagnostics *lists[1] = {d};
    sink k;
    sink_init(&k, SIZE_MAX);
    ck_assert_int_eq(dii_diagnostics_write_json(lists, 1, NULL, &k), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "must not be NULL"));
    ck_assert_int_eq(dii_diagnostics_write_json(NULL, 1, sink_never_called, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_str_ne(dii_last_error(), "");
    ck_assert_uint_eq(k.calls, 0);
    dii_diagnostics_free(d);
}
END_TEST

/* Every allocation failing in turn, in both paths (the lists in order, and
 * reordered): DII_ERR_NO_MEMORY with "out of memory", or the whole
 * document; nothing leaked. */
START_TEST(write_json_under_allocation_failures)
{
    char *text = empty_objects_batch(300);
    dii_diagnostics *big = load_list(text, "f.json", 100000);
    dii_diagnostics *x3 = load_list(late, "x.json", 100), *x2 = load_list(early, "x.json", 100);
    dii_diagnostics *w = load_list(early, "w.json", 100);
    const dii_diagnostics *in_order[] = {x2, big, w};
    const dii_diagnostics *reorder[] = {x3, w, x2, big};
    const dii_diagnostics *const *cases[] = {in_order, reorder};
    const size_t sizes[] = {3, 4};
    for (size_t c = 0; c < 2; c++) {
        size_t want_len = 0;
        char *want = concat_json(cases[c], sizes[c], &want_len);
        long failures = 0;
        for (long n = 0;; n++) {
            sink k;
            sink_init(&k, SIZE_MAX);
            failalloc_arm(n);
            dii_status st = dii_diagnostics_write_json(cases[c], sizes[c], sink_write, &k);
            int failed_one = failalloc_calls() > n;
            char message[256];
            snprintf(message, sizeof message, "%s", dii_last_error());
            failalloc_disarm();
            if (st == DII_ERR_NO_MEMORY) {
                ck_assert_str_eq(message, "out of memory");
                failures++;
            } else {
                ck_assert_int_eq(st, DII_OK);
                ck_assert_uint_eq(k.len, want_len);
                ck_assert(memcmp(k.data, want, want_len) == 0);
            }
            free(k.data);
            if (!failed_one)
                break;
            ck_assert_int_lt(n, 10000);
        }
        ck_assert_int_gt(failures, 0);
        dii_free(want);
    }
    dii_diagnostics_free(big);
    dii_diagnostics_free(x3);
    dii_diagnostics_free(x2);
    dii_diagnostics_free(w);
    free(text);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("diagnostics");
    TCase *load = tcase_create("load cap");
    tcase_add_test(load, load_flood_is_capped_by_default);
    tcase_add_test(load, load_cap_counts_exactly);
    tcase_add_test(load, warning_flood_stays_a_warning);
    tcase_add_test(load, parse_failure_with_a_full_list);
    tcase_add_test(load, limit_exceeded_is_always_listed);
    tcase_add_test(load, version_2_options_get_the_default_cap);
    suite_add_tcase(s, load);
    TCase *val = tcase_create("validate cap");
    tcase_add_test(val, validate_flood_is_capped);
    tcase_add_test(val, validate_reports_what_the_loader_left_out);
    tcase_add_test(val, validate_options_checked);
    tcase_add_test(val, no_values_is_one_missing_value);
    tcase_add_test(val, validate_flood_memory_is_bounded);
    suite_add_tcase(s, val);
    TCase *concat = tcase_create("concat");
    tcase_add_test(concat, concat_success_clears_last_error);
    tcase_add_test(concat, concat_puts_items_in_input_order);
    tcase_add_test(concat, concat_keeps_summaries);
    tcase_add_test(concat, copies_share_the_strings);
    tcase_add_test(concat, copying_a_full_list_costs_its_records);
    suite_add_tcase(s, concat);
    TCase *pick = tcase_create("select and new_error");
    tcase_add_test(pick, select_copies_in_the_order_given);
    tcase_add_test(pick, select_nothing_is_an_empty_list);
    tcase_add_test(pick, select_errors);
    tcase_add_test(pick, new_error_is_one_unplaced_error);
    tcase_add_test(pick, new_error_refuses_bad_arguments);
    tcase_add_test(pick, select_and_new_error_under_allocation_failures);
    suite_add_tcase(s, pick);
    TCase *stream = tcase_create("write_json");
    tcase_add_test(stream, write_json_of_no_list);
    tcase_add_test(stream, write_json_of_one_capped_list);
    tcase_add_test(stream, write_json_of_several_lists);
    tcase_add_test(stream, write_json_streams_in_bounded_memory);
    tcase_add_test(stream, write_json_stops_when_the_sink_does);
    tcase_add_test(stream, write_json_refuses_null_arguments);
    tcase_add_test(stream, write_json_under_allocation_failures);
    suite_add_tcase(s, stream);
    return s;
}
