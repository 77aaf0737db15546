/* Unit tests for strbuf.c (numbers, JSON strings), result.c (accessors,
 * dii_round_index), result_json.c, result_csv.c, diag_json.c and
 * diag_format.c.
 *
 * The results and diagnostics serialised here are built by hand through the
 * private structs (allocated with dii_mem_*, so dii_results_free /
 * dii_diagnostics_free release them), and the expected JSON documents below
 * were written by hand from design.md §5.3 / §5.4, not captured from program
 * output. The same texts are kept as tests/data/schema/valid/{result,
 * diagnostics}.{handbuilt,empty}.json, which the 'schemas' test validates
 * against the schemas in data/schema; a test here checks those files are
 * byte-identical to the texts below, so the schema check covers exactly what
 * the library writes. */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "result.h"
#include "strbuf.h"
#include "failalloc.h"
#include "testutil.h"

/* ------------------------------------------------------------------------ */
/* Expected documents (hand-written)                                         */
/* ------------------------------------------------------------------------ */

static const char EXPECTED_RESULT[] =
    "{\n"
    "  \"format\": \"dii-result/1\",\n"
    "  \"framework\": {\n"
    "    \"id\": \"dien-bien-4734-2023\",\n"
    "    \"version\": \"2023-10-10\",\n"
    "    \"status\": \"official\"\n"
    "  },\n"
    "  \"results\": [\n"
    "    {\n"
    "      \"unit\": {\n"
    "        \"id\": \"11\",\n"
    "        \"name\": \"Điện Biên\"\n"
    "      },\n"
    "      \"year\": 2022,\n"
    "      \"target_year\": 2023,\n"
    "      \"points\": 21.855926641099295,\n"
    "      \"max_points\": 23,\n"
    "      \"index\": 0.9502576800478,\n"
    "      \"rank\": 1,\n"
    "      \"compliance\": {\n"
    "        \"met\": 1,\n"
    "        \"not_met\": 1,\n"
    "        \"no_target\": 0,\n"
    "        \"missing\": 1\n"
    "      },\n"
    "      \"groups\": [\n"
    "        {\n"
    "          \"id\": \"I\",\n"
    "          \"points\": 15.1226,\n"
    "          \"max_points\": 16,\n"
    "          \"index\": 0.9451625\n"
    "        },\n"
    "        {\n"
    "          \"id\": \"II\",\n"
    "          \"points\": 1,\n"
    "          \"max_points\": 1,\n"
    "          \"index\": 1\n"
    "        }\n"
    "      ],\n"
    "      \"indicators\": [\n"
    "        {\n"
    "          \"id\": \"mobile_broadband_subscriptions_per_100\",\n"
    "          \"code\": \"1\",\n"
    "          \"group\": \"I\",\n"
    "          \"value\": 67.4,\n"
    "          \"points\": 0.9361111111111112,\n"
    "          \"max_points\": 1,\n"
    "          \"attainment\": 0.9361111111111112,\n"
    "          \"status\": \"not_met\",\n"
    "          \"target\": {\n"
    "            \"year\": 2023,\n"
    "            \"op\": \">=\",\n"
    "            \"value\": 72,\n"
    "            \"basis\": \"exact\"\n"
    "          },\n"
    "          \"gap\": 4.599999999999994,\n"
    "          \"progress\": 0.5,\n"
    "          \"provisional\": false\n"
    "        },\n"
    "        {\n"
    "          \"id\": \"ai_blockchain_iot_deployed\",\n"
    "          \"code\": \"9\",\n"
    "          \"group\": \"II\",\n"
    "          \"value\": true,\n"
    "          \"points\": 1,\n"
    "          \"max_points\": 1,\n"
    "          \"attainment\": 1,\n"
    "          \"status\": \"met\",\n"
    "          \"target\": {\n"
    "            \"year\": 2025,\n"
    "            \"op\": \"==\",\n"
    "            \"value\": true,\n"
    "            \"basis\": \"nearest\"\n"
    "          },\n"
    "          \"gap\": null,\n"
    "          \"progress\": null,\n"
    "          \"provisional\": true\n"
    "        },\n"
    "        {\n"
    "          \"id\": \"fixed_broadband_speed_mbps\",\n"
    "          \"code\": null,\n"
    "          \"group\": \"I\",\n"
    "          \"value\": null,\n"
    "          \"points\": 0,\n"
    "          \"max_points\": 0,\n"
    "          \"attainment\": 0,\n"
    "          \"status\": \"missing\",\n"
    "          \"target\": null,\n"
    "          \"gap\": null,\n"
    "          \"progress\": null,\n"
    "          \"provisional\": false\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"unit\": {\n"
    "        \"id\": \"12\",\n"
    "        \"name\": null\n"
    "      },\n"
    "      \"year\": 2024,\n"
    "      \"target_year\": 2024,\n"
    "      \"points\": 1e-7,\n"
    "      \"max_points\": 1e+21,\n"
    "      \"index\": 0,\n"
    "      \"rank\": 2,\n"
    "      \"compliance\": {\n"
    "        \"met\": 0,\n"
    "        \"not_met\": 0,\n"
    "        \"no_target\": 0,\n"
    "        \"missing\": 0\n"
    "      },\n"
    "      \"groups\": [],\n"
    "      \"indicators\": []\n"
    "    }\n"
    "  ],\n"
    "  \"warnings\": [\n"
    "    \"indicator 'ai_blockchain_iot_deployed' is provisional (\\\"inferred\\\")\"\n"
    "  ]\n"
    "}\n";

static const char EXPECTED_RESULT_EMPTY[] =
    "{\n"
    "  \"format\": \"dii-result/1\",\n"
    "  \"framework\": {\n"
    "    \"id\": \"dii-885-2023\",\n"
    "    \"version\": null,\n"
    "    \"status\": \"provisional\"\n"
    "  },\n"
    "  \"results\": [],\n"
    "  \"warnings\": []\n"
    "}\n";

static const char EXPECTED_DIAGS[] =
    "{\n"
    "  \"format\": \"dii-diagnostics/1\",\n"
    "  \"valid\": false,\n"
    "  \"errors\": 1,\n"
    "  \"warnings\": 1,\n"
    "  \"diagnostics\": [\n"
    "    {\n"
    "      \"severity\": \"error\",\n"
    "      \"code\": \"unknown-indicator\",\n"
    "      \"message\": \"unknown indicator 'mobile_broadbnd'\",\n"
    "      \"file\": \"dien-bien.json\",\n"
    "      \"line\": 7,\n"
    "      \"column\": 5,\n"
    "      \"pointer\": \"/values/mobile_broadbnd\",\n"
    "      \"hint\": \"did you mean 'mobile_broadband_subscriptions_per_100'?\"\n"
    "    },\n"
    "    {\n"
    "      \"severity\": \"warning\",\n"
    "      \"code\": \"missing-value\",\n"
    "      \"message\": \"no value for 'fixed_broadband_speed_mbps'\",\n"
    "      \"file\": null,\n"
    "      \"line\": null,\n"
    "      \"column\": null,\n"
    "      \"pointer\": null,\n"
    "      \"hint\": null\n"
    "    }\n"
    "  ]\n"
    "}\n";

static const char EXPECTED_DIAGS_EMPTY[] =
    "{\n"
    "  \"format\": \"dii-diagnostics/1\",\n"
    "  \"valid\": true,\n"
    "  \"errors\": 0,\n"
    "  \"warnings\": 0,\n"
    "  \"diagnostics\": []\n"
    "}\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *put_double(double x)
{
    strbuf sb;
    sb_init(&sb);
    sb_put_double(&sb, x);
    return sb_take(&sb, NULL);
}

#define ck_double_text(x, text)                                          \
    do {                                                                  \
        char *got_ = put_double(x);                                       \
        ck_assert_ptr_nonnull(got_);                                      \
        ck_assert_str_eq(got_, text);                                     \
        dii_free(got_);                                                   \
    } while (0)

static char *json_string(const char *s)
{
    strbuf sb;
    sb_init(&sb);
    sb_put_json_string(&sb, s);
    return sb_take(&sb, NULL);
}

#define ck_json_string(s, text)                                          \
    do {                                                                  \
        char *got_ = json_string(s);                                      \
        ck_assert_ptr_nonnull(got_);                                      \
        ck_assert_str_eq(got_, text);                                     \
        dii_free(got_);                                                   \
    } while (0)

/* Ids, codes and group ids live in the set's label pool (result.h). */
static const char *intern(struct dii_results *rs, const char *s)
{
    const char *p = dii_results_intern(rs, s);
    ck_assert_ptr_nonnull(p);
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = dii_mem_strdup(s);
    ck_assert_ptr_nonnull(p);
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = dii_mem_calloc(n, size);
    ck_assert_ptr_nonnull(p);
    return p;
}

/* The two results of EXPECTED_RESULT. */
static dii_results *build_results(void)
{
    struct dii_results *rs = xcalloc(1, sizeof *rs);
    rs->framework_id = xstrdup("dien-bien-4734-2023");
    rs->framework_version = xstrdup("2023-10-10");
    rs->framework_status = DII_FRAMEWORK_OFFICIAL;
    rs->items = xcalloc(2, sizeof *rs->items);
    rs->count = 2;
    rs->warnings = xcalloc(1, sizeof *rs->warnings);
    rs->warning_count = 1;
    rs->warnings[0] = xstrdup("indicator 'ai_blockchain_iot_deployed' is provisional (\"inferred\")");

    struct dii_result *r = &rs->items[0];
    r->unit_id = intern(rs, "11");
    r->unit_name = intern(rs, "Điện Biên");
    r->year = 2022;
    r->target_year = 2023;
    r->points = 21.855926641099295;
    r->max_points = 23;
    r->index = 0.9502576800478;
    r->rank = 1;
    r->cohort_size = 2;
    r->compliance[DII_COMPLIANCE_MET] = 1;
    r->compliance[DII_COMPLIANCE_NOT_MET] = 1;
    r->compliance[DII_COMPLIANCE_MISSING] = 1;
    r->groups = rs->group_block = xcalloc(2, sizeof *r->groups);
    r->group_count = 2;
    r->groups[0] = (dii_group_result){intern(rs, "I"), 15.1226, 16, 0.9451625};
    r->groups[1] = (dii_group_result){intern(rs, "II"), 1, 1, 1};
    r->indicators = rs->indicator_block = xcalloc(3, sizeof *r->indicators);
    r->info = rs->indicator_info = xcalloc(3, sizeof *rs->indicator_info);
    r->indicator_count = 3;
    dii_indicator_info *info = rs->indicator_info;

    dii_indicator_result *k = &r->indicators[0];
    info[0].id = intern(rs, "mobile_broadband_subscriptions_per_100");
    info[0].code = intern(rs, "1");
    info[0].group_id = intern(rs, "I");
    k->has_value = 1;
    k->value = 67.4;
    k->points = 67.4 / 72; /* 0.9361111111111112 at full precision */
    k->max_points = 1;
    k->attainment = 67.4 / 72;
    k->status = DII_COMPLIANCE_NOT_MET;
    k->has_target = 1;
    k->target_year = 2023;
    k->target_op = DII_OP_GE;
    k->target_value = 72;
    k->target_basis = DII_BASIS_EXACT;
    k->has_gap = 1;
    k->gap = 72 - 67.4; /* 4.599999999999994: never rounded in JSON */
    k->has_progress = 1;
    k->progress = 0.5;

    k = &r->indicators[1];
    info[1].id = intern(rs, "ai_blockchain_iot_deployed");
    info[1].code = intern(rs, "9");
    info[1].group_id = intern(rs, "II");
    info[1].is_boolean = 1;
    info[1].provisional = 1;
    k->has_value = 1;
    k->value = 1;
    k->points = 1;
    k->max_points = 1;
    k->attainment = 1;
    k->status = DII_COMPLIANCE_MET;
    k->has_target = 1;
    k->target_year = 2025;
    k->target_op = DII_OP_EQ;
    k->target_value = 1;
    k->target_basis = DII_BASIS_NEAREST;

    k = &r->indicators[2];
    info[2].id = intern(rs, "fixed_broadband_speed_mbps");
    info[2].group_id = intern(rs, "I");
    k->status = DII_COMPLIANCE_MISSING;

    r = &rs->items[1];
    r->unit_id = intern(rs, "12");
    r->year = 2024;
    r->target_year = 2024;
    r->points = 1e-7;
    r->max_points = 1e21;
    r->index = -0.0; /* prints as 0 */
    r->rank = 2;
    r->cohort_size = 1;
    return rs;
}

static dii_results *build_empty_results(void)
{
    struct dii_results *rs = xcalloc(1, sizeof *rs);
    rs->framework_id = xstrdup("dii-885-2023");
    rs->framework_status = DII_FRAMEWORK_PROVISIONAL;
    return rs;
}

static dii_diagnostics *build_diags(void)
{
    dii_diagnostics *d = dii_diag_new();
    ck_assert_ptr_nonnull(d);
    dii_loc loc = {7, 5, "/values/mobile_broadbnd"};
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_ERROR, "unknown-indicator", "dien-bien.json",
                                  &loc, "did you mean 'mobile_broadband_subscriptions_per_100'?",
                                  "unknown indicator '%s'", "mobile_broadbnd"),
                     DII_OK);
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_WARNING, "missing-value", NULL, NULL, NULL,
                                  "no value for '%s'", "fixed_broadband_speed_mbps"),
                     DII_OK);
    return d;
}

/* Reads tests/data/schema/valid/<name> into a new buffer (free()). */
static char *read_data_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/schema/valid/%s", DII_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *buf = malloc(1 << 16);
    ck_assert_ptr_nonnull(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ------------------------------------------------------------------------ */
/* strbuf: numbers                                                           */
/* ------------------------------------------------------------------------ */

START_TEST(double_shortest_round_trip)
{
    ck_double_text(0.1, "0.1");                     /* not 0.10000000000000001 */
    ck_double_text(1.0 / 3, "0.3333333333333333");  /* 16 digits suffice */
    ck_double_text(21.855926641099295, "21.855926641099295"); /* needs all 17 */
    ck_double_text(0.95, "0.95");
    ck_double_text(67.4, "67.4");
    ck_double_text(72 - 67.4, "4.599999999999994");
    ck_double_text(0.1 + 0.2, "0.30000000000000004");
    ck_double_text(-2.5, "-2.5");
    ck_double_text(5e-324, "5e-324");               /* smallest subnormal */
    ck_double_text(1.7976931348623157e308, "1.7976931348623157e+308");
}
END_TEST

START_TEST(double_layout)
{
    ck_double_text(23, "23");             /* integers: no ".0", no exponent */
    ck_double_text(-23, "-23");
    ck_double_text(100, "100");
    ck_double_text(1e20, "100000000000000000000");
    ck_double_text(1e21, "1e+21");        /* ECMAScript switches at 1e21 ... */
    ck_double_text(1.5e21, "1.5e+21");
    ck_double_text(0.000001, "0.000001"); /* ... and below 1e-6 */
    ck_double_text(1e-7, "1e-7");
    ck_double_text(1.25e-7, "1.25e-7");
    ck_double_text(123456.789, "123456.789");
    ck_double_text(0.0, "0");
    ck_double_text(-0.0, "0");            /* decision: no "-0" in documents */
}
END_TEST

START_TEST(double_not_finite_is_null)
{
    ck_double_text(NAN, "null");
    ck_double_text(INFINITY, "null");
    ck_double_text(-INFINITY, "null");
}
END_TEST

/* Every printed number reads back (in the C locale) to the identical double. */
START_TEST(double_round_trips_many)
{
    double xs[] = {0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1.0 / 7, 3.141592653589793, 2.718281828459045, 1e-300, 3e300,
                   123456789012345678.0, 0.9503, 0.95025, 9007199254740993.0, 4.35,
                   2.675, 1.005, 1e15 + 0.3, 5e-324, 2.2250738585072014e-308};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        for (int sign = -1; sign <= 1; sign += 2) {
            double x = sign * xs[i];
            char *t = put_double(x);
            ck_assert_ptr_nonnull(t);
            ck_assert_msg(strtod(t, NULL) == x, "%s does not read back as %.17g", t, x);
            ck_assert_msg(strchr(t, ',') == NULL, "%s", t);
            dii_free(t);
        }
    }
}
END_TEST

/* A comma-decimal LC_NUMERIC must not leak into JSON. The build host may have
 * no such locale installed; then this checks only the C locale. */
START_TEST(double_locale_independent)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                        "vi_VN.UTF-8", "ru_RU.UTF-8", "de_DE"};
    const char *set = NULL;
    for (size_t i = 0; !set && i < sizeof names / sizeof names[0]; i++)
        set = setlocale(LC_NUMERIC, names[i]);
    if (set) { /* all of these write one half as "0,5" */
        char probe[16];
        snprintf(probe, sizeof probe, "%.1f", 0.5);
        ck_assert_str_eq(probe, "0,5");
    }
    ck_double_text(0.95, "0.95");
    ck_double_text(21.855926641099295, "21.855926641099295");
    ck_double_text(1.0 / 3, "0.3333333333333333");
    ck_double_text(1.5e-7, "1.5e-7");
    ck_double_text(0.1 + 0.2, "0.30000000000000004");
    ck_assert_double_eq(dii_round_index(0.95025, 4), 0.9503);
    setlocale(LC_NUMERIC, "C");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* strbuf: strings and buffer                                                */
/* ------------------------------------------------------------------------ */

START_TEST(json_string_escaping)
{
    ck_json_string("plain", "\"plain\"");
    ck_json_string("", "\"\"");
    ck_json_string("a\"b\\c", "\"a\\\"b\\\\c\"");
    ck_json_string("line\nnext\ttab\rret", "\"line\\nnext\\ttab\\rret\"");
    ck_json_string("\x01\x08\x0c\x1f", "\"\\u0001\\u0008\\u000c\\u001f\"");
    ck_json_string("/ stays /", "\"/ stays /\"");
    ck_json_string("Điện Biên — có", "\"Điện Biên — có\""); /* UTF-8 passes through */
    ck_json_string("\xF0\x9F\x93\xB6", "\"\xF0\x9F\x93\xB6\"");  /* 4-byte sequence */
    /* Invalid UTF-8 never reaches a JSON document: each bad byte is U+FFFD. */
    ck_json_string("a\xFFz", "\"a\xEF\xBF\xBDz\"");
    ck_json_string("\xC3", "\"\xEF\xBF\xBD\"");                  /* truncated */
    ck_json_string("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  /* overlong */
    ck_json_string("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* surrogate */
    ck_json_string(NULL, "null");
}
END_TEST

START_TEST(strbuf_basics)
{
    strbuf sb;
    sb_init(&sb);
    size_t len = 99;
    char *s = sb_take(&sb, &len); /* nothing appended: an empty string */
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "");
    ck_assert_uint_eq(len, 0);
    dii_free(s);

    for (int i = 0; i < 1000; i++)
        sb_printf(&sb, "%d,", i % 10);
    sb_puts(&sb, NULL);
    sb_append(&sb, "xyz", 2);
    sb_putc(&sb, '!');
    char big[600];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sb_printf(&sb, "%s", big); /* longer than sb_printf's stack buffer */
    s = sb_take(&sb, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, 2000 + 3 + 599);
    ck_assert_uint_eq(strlen(s), len);
    ck_assert(strncmp(s, "0,1,2,", 6) == 0);
    ck_assert(strncmp(s + 2000, "xy!b", 4) == 0);
    ck_assert_ptr_null(sb.data); /* take resets */
    dii_free(s);

    sb_puts(&sb, "discarded");
    sb_free(&sb);
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.len, 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii_round_index                                                           */
/* ------------------------------------------------------------------------ */

START_TEST(round_index_cases)
{
    /* Hand-computed. 0.95025 is the published-value case: a reader seeing
     * 0.95025 expects 0.9503 (half away from zero). */
    ck_assert_double_eq(dii_round_index(0.95025, 4), 0.9503);
    ck_assert_double_eq(dii_round_index(0.95024999, 4), 0.9502);
    ck_assert_double_eq(dii_round_index(0.5, 0), 1);
    /* 0.12345 -> 0.1235: half away from zero, not half to even (which would
     * keep the even digit: 0.1234), and not truncation. */
    ck_assert_double_eq(dii_round_index(0.12345, 4), 0.1235);
    /* Stored below the half in binary: 0.00015 is 0.000149999999999999986...,
     * 2.675 is 2.67499999999999982..., 1.005 is 1.00499999999999989...; a
     * naive floor(x * 10^d + 0.5) gives 0.0001, 2.67, 1.00. */
    ck_assert_double_eq(dii_round_index(0.00015, 4), 0.0002);
    ck_assert_double_eq(dii_round_index(2.675, 2), 2.68);
    ck_assert_double_eq(dii_round_index(1.005, 2), 1.01);
    /* Computed, not typed: 0.95 + 0.00025 is 0.950249999999999928..., a
     * floating-point artefact of the sum 0.95025. */
    ck_assert_double_eq(dii_round_index(0.95 + 0.00025, 4), 0.9503);
    /* Half away from zero on the negative side too. */
    ck_assert_double_eq(dii_round_index(-0.95025, 4), -0.9503);
    ck_assert_double_eq(dii_round_index(-0.5, 0), -1);
    /* Ordinary cases and carries. */
    ck_assert_double_eq(dii_round_index(0.9502576800478, 4), 0.9503);
    ck_assert_double_eq(dii_round_index(0.94516, 4), 0.9452);
    ck_assert_double_eq(dii_round_index(0.99995, 4), 1);
    ck_assert_double_eq(dii_round_index(9.99995, 4), 10);
    ck_assert_double_eq(dii_round_index(0.49999, 0), 0);
    ck_assert_double_eq(dii_round_index(0.00004, 4), 0);
    ck_assert_double_eq(dii_round_index(0.00005, 4), 0.0001);
    ck_assert_double_eq(dii_round_index(0.000049, 4), 0);
    ck_assert_double_eq(dii_round_index(1, 4), 1);
    ck_assert_double_eq(dii_round_index(0, 4), 0);
    ck_assert_double_eq(dii_round_index(125, -1), 130); /* negative decimals: tens */
    /* Documented tolerance: 12 significant digits decide. 0.499999999999
     * (12 digits) is below the half; 0.4999999999999 (13) is within 5e-13
     * of it and treated as the half. */
    ck_assert_double_eq(dii_round_index(0.499999999999, 0), 0);
    ck_assert_double_eq(dii_round_index(0.4999999999999, 0), 1);
    /* Beyond what a double holds: unchanged. */
    ck_assert_double_eq(dii_round_index(1.0 / 3, 20), 1.0 / 3);
    ck_assert_double_eq(dii_round_index(0.123456789012345, 14), 0.12345678901235);
    ck_assert(isnan(dii_round_index(NAN, 4)));
    ck_assert(isinf(dii_round_index(INFINITY, 4)));
}
END_TEST

/* Results equal once published are equal after rounding (ranks tie). */
START_TEST(round_index_matches_published_value)
{
    /* Every 4-decimal value 0.dddd stays itself, and every 0.dddd5 (as
     * typed, whichever side of the half its binary form falls) becomes the
     * next 4-decimal value — the very double a reader gets from its text. */
    for (int i = 0; i < 10000; i++) {
        char text[32];
        snprintf(text, sizeof text, "0.%04d", i);
        double published = strtod(text, NULL);
        snprintf(text, sizeof text, "0.%04d5", i);
        double half = strtod(text, NULL);
        snprintf(text, sizeof text, "%d.%04d", (i + 1) / 10000, (i + 1) % 10000);
        double next = strtod(text, NULL);
        ck_assert_double_eq(dii_round_index(published, 4), published);
        ck_assert_msg(dii_round_index(half, 4) == next, "0.%04d5 did not round to %s", i, text);
        ck_assert_double_eq(dii_round_index(-half, 4), -next);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Results JSON                                                              */
/* ------------------------------------------------------------------------ */

START_TEST(results_json_document)
{
    dii_results *rs = build_results();
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_results_to_json(rs, &json, &len), DII_OK);
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(json, EXPECTED_RESULT);
    ck_assert_uint_eq(len, strlen(EXPECTED_RESULT));
    ck_assert_str_eq(dii_last_error(), "");
    dii_free(json);

    ck_assert_int_eq(dii_results_to_json(rs, &json, NULL), DII_OK); /* len optional */
    ck_assert_str_eq(json, EXPECTED_RESULT);
    dii_free(json);
    dii_results_free(rs);
}
END_TEST

START_TEST(results_json_empty)
{
    dii_results *rs = build_empty_results();
    char *json = NULL;
    ck_assert_int_eq(dii_results_to_json(rs, &json, NULL), DII_OK);
    ck_assert_str_eq(json, EXPECTED_RESULT_EMPTY);
    dii_free(json);
    dii_results_free(rs);
}
END_TEST

START_TEST(results_json_rank_zero_is_null)
{
    dii_results *rs = build_results();
    rs->items[1].rank = 0; /* unranked */
    char *json = NULL;
    ck_assert_int_eq(dii_results_to_json(rs, &json, NULL), DII_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"rank\": null,\n"));
    dii_free(json);
    dii_results_free(rs);
}
END_TEST

/* The schema instances under tests/data/schema/valid are these very texts. */
START_TEST(schema_instances_match)
{
    struct { const char *file, *text; } cases[] = {
        {"result.handbuilt.json", EXPECTED_RESULT},
        {"result.empty.json", EXPECTED_RESULT_EMPTY},
        {"diagnostics.handbuilt.json", EXPECTED_DIAGS},
        {"diagnostics.empty.json", EXPECTED_DIAGS_EMPTY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = read_data_file(cases[i].file);
        ck_assert_msg(strcmp(text, cases[i].text) == 0, "%s differs", cases[i].file);
        free(text);
    }
}
END_TEST

START_TEST(results_json_null_arguments)
{
    dii_results *rs = build_empty_results();
    char *json = (char *)"sentinel";
    size_t len = 42;
    ck_assert_int_eq(dii_results_to_json(NULL, &json, &len), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(json);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_ne(dii_last_error(), "");
    ck_assert_int_eq(dii_results_to_json(rs, NULL, &len), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_results_to_json(NULL, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_results_free(rs);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Diagnostics JSON                                                          */
/* ------------------------------------------------------------------------ */

START_TEST(diagnostics_json_document)
{
    dii_diagnostics *d = build_diags();
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_diagnostics_to_json(d, &json, &len), DII_OK);
    ck_assert_str_eq(json, EXPECTED_DIAGS);
    ck_assert_uint_eq(len, strlen(EXPECTED_DIAGS));
    dii_free(json);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(diagnostics_json_empty_and_warnings_only)
{
    dii_diagnostics *d = dii_diag_new();
    ck_assert_ptr_nonnull(d);
    char *json = NULL;
    ck_assert_int_eq(dii_diagnostics_to_json(d, &json, NULL), DII_OK);
    ck_assert_str_eq(json, EXPECTED_DIAGS_EMPTY);
    dii_free(json);

    /* Warnings alone leave the input valid. */
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_WARNING, "unknown-field", "x.csv", NULL,
                                  NULL, "tab\there \"q\""), DII_OK);
    ck_assert_int_eq(dii_diagnostics_to_json(d, &json, NULL), DII_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"valid\": true,\n  \"errors\": 0,\n  \"warnings\": 1,"));
    /* Control characters never reach a message (they could rewrite a
     * terminal line); quotes are escaped. */
    ck_assert_ptr_nonnull(strstr(json, "\"message\": \"tab?here \\\"q\\\"\","));
    ck_assert_ptr_nonnull(strstr(json, "\"file\": \"x.csv\","));
    dii_free(json);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(diagnostics_json_null_arguments)
{
    dii_diagnostics *d = dii_diag_new();
    char *json = (char *)"sentinel";
    size_t len = 42;
    ck_assert_int_eq(dii_diagnostics_to_json(NULL, &json, &len), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(json);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(dii_diagnostics_to_json(d, NULL, NULL), DII_ERR_INVALID_ARGUMENT);
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failure                                                        */
/* ------------------------------------------------------------------------ */

typedef dii_status (*to_json_fn)(const void *obj, char **json, size_t *len);

static dii_status results_to_json(const void *o, char **j, size_t *l)
{
    return dii_results_to_json(o, j, l);
}

static dii_status diags_to_json(const void *o, char **j, size_t *l)
{
    return dii_diagnostics_to_json(o, j, l);
}

static dii_status results_to_csv(const void *o, char **j, size_t *l)
{
    return dii_results_to_csv(o, 0, j, l);
}

static dii_status diagnostic_text(const void *o, char **j, size_t *l)
{
    return dii_diagnostic_format_text(o, 0, j, l);
}

/* Fails the 1st, 2nd, ... allocation until the call succeeds; every failure
 * must report DII_ERR_NO_MEMORY with *json NULL (valgrind checks for leaks).
 * The allocator is swapped after other allocations were made, which the
 * header forbids in general; it is safe here because these hooks are plain
 * malloc / realloc / free underneath. */
static void check_nomem(to_json_fn fn, const void *obj, const char *expected)
{
    int failures = 0;
    for (long n = 0;; n++) {
        char *json = (char *)"sentinel";
        size_t len = 42;
        failalloc_arm(n);
        dii_status st = fn(obj, &json, &len);
        char message[256];
        snprintf(message, sizeof message, "%s", dii_last_error());
        failalloc_disarm(); /* clears the message: it was kept above */
        if (st == DII_OK) {
            ck_assert_str_eq(json, expected);
            dii_free(json);
            break;
        }
        ck_assert_int_eq(st, DII_ERR_NO_MEMORY);
        ck_assert_ptr_null(json);
        ck_assert_uint_eq(len, 0);
        ck_assert_str_eq(message, "out of memory");
        failures++;
        ck_assert_int_lt(n, 1000);
    }
    ck_assert_int_gt(failures, 0);
}

START_TEST(to_json_out_of_memory)
{
    dii_results *rs = build_results();
    check_nomem(results_to_json, rs, EXPECTED_RESULT);
    dii_results_free(rs);
    dii_diagnostics *d = build_diags();
    check_nomem(diags_to_json, d, EXPECTED_DIAGS);
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Results CSV (result_csv.c), written by hand from dii.h's description     */
/* ------------------------------------------------------------------------ */

#define CSV_HEADER                                                                            \
    "unit_id,unit_name,year,target_year,group,code,indicator,value,target_op,target_value,"   \
    "target_basis,status,attainment,points,max_points,gap,progress,provisional,index,rank\r\n"

/* build_results' rows: unit 12 has no indicator, so no row. */
static const char EXPECTED_CSV[] =
    CSV_HEADER
    "11,Điện Biên,2022,2023,I,1,mobile_broadband_subscriptions_per_100,67.4,>=,72,exact,"
    "not_met,0.9361111111111112,0.9361111111111112,1,4.599999999999994,0.5,false,"
    "0.9502576800478,1\r\n"
    "11,Điện Biên,2022,2023,II,9,ai_blockchain_iot_deployed,true,==,true,nearest,met,1,1,1,"
    ",,true,0.9502576800478,1\r\n"
    "11,Điện Biên,2022,2023,I,,fixed_broadband_speed_mbps,,,,,missing,0,0,0,,,false,"
    "0.9502576800478,1\r\n";

START_TEST(results_csv_document)
{
    dii_results *rs = build_results();
    char *csv = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_results_to_csv(rs, 0, &csv, &len), DII_OK);
    ck_assert_str_eq(csv, EXPECTED_CSV);
    ck_assert_uint_eq(len, strlen(EXPECTED_CSV));
    ck_assert_str_eq(dii_last_error(), "");
    dii_free(csv);

    ck_assert_int_eq(dii_results_to_csv(rs, DII_RESULTS_CSV_NO_HEADER, &csv, NULL), DII_OK);
    ck_assert_str_eq(csv, EXPECTED_CSV + strlen(CSV_HEADER));
    dii_free(csv);
    dii_results_free(rs);

    rs = build_empty_results(); /* no results: the header alone, or nothing */
    ck_assert_int_eq(dii_results_to_csv(rs, 0, &csv, &len), DII_OK);
    ck_assert_str_eq(csv, CSV_HEADER);
    dii_free(csv);
    ck_assert_int_eq(dii_results_to_csv(rs, DII_RESULTS_CSV_NO_HEADER, &csv, &len), DII_OK);
    ck_assert_str_eq(csv, "");
    ck_assert_uint_eq(len, 0);
    dii_free(csv);
    dii_results_free(rs);
}
END_TEST

/* The one list of columns is the header row, and ends with NULL. */
START_TEST(results_csv_columns)
{
    char header[512] = "";
    size_t n = 0;
    for (const char *c; (c = dii_results_csv_column(n)) != NULL; n++) {
        if (n > 0)
            strcat(header, ",");
        strcat(header, c);
    }
    strcat(header, "\r\n");
    ck_assert_uint_eq(n, 20);
    ck_assert_str_eq(header, CSV_HEADER);
    ck_assert_ptr_null(dii_results_csv_column((size_t)-1));
}
END_TEST

/* Quoting (RFC 4180) and the leading ' of a free-text cell a spreadsheet
 * would run as a formula; a negative number is not text and keeps its sign. */
START_TEST(results_csv_quoting_and_formulas)
{
    dii_results *rs = build_results();
    struct dii_result *r = &rs->items[0];
    r->unit_id = intern(rs, "=1+2");
    r->unit_name = intern(rs, "a, \"b\"");
    rs->indicator_info[0].code = intern(rs, "@x");
    rs->indicator_info[0].group_id = intern(rs, "-I");
    rs->indicator_info[0].id = intern(rs, "+id\nnext");
    r->indicators[0].gap = -4.5;
    char *csv = NULL;
    ck_assert_int_eq(dii_results_to_csv(rs, 0, &csv, NULL), DII_OK);
    const char *row = csv + strlen(CSV_HEADER);
    const char *want = "\"'=1+2\",\"a, \"\"b\"\"\",2022,2023,\"'-I\",\"'@x\",\"'+id\nnext\",67.4,>=,"
                       "72,exact,not_met,0.9361111111111112,0.9361111111111112,1,-4.5,0.5,false,"
                       "0.9502576800478,1\r\n";
    ck_assert_msg(strncmp(row, want, strlen(want)) == 0, "row: %s", row);
    dii_free(csv);
    dii_results_free(rs);
}
END_TEST

/* JSON and CSV print every number in the same characters, JavaScript's:
 * 2.5e-05 as 0.000025, 1e-7, 67.4, 1e21 as 1e+21, -0 as 0. */
START_TEST(results_csv_numbers_as_json)
{
    dii_results *rs = build_results();
    dii_indicator_result *k = &rs->items[0].indicators[0];
    k->value = 67.4;
    k->target_value = 1e21;
    k->gap = 2.5e-05;
    k->progress = 1e-7;
    k->points = -0.0;
    char *csv = NULL, *json = NULL;
    ck_assert_int_eq(dii_results_to_csv(rs, 0, &csv, NULL), DII_OK);
    ck_assert_int_eq(dii_results_to_json(rs, &json, NULL), DII_OK);
    const char *row = "11,Điện Biên,2022,2023,I,1,mobile_broadband_subscriptions_per_100,67.4,>=,"
                      "1e+21,exact,not_met,0.9361111111111112,0,1,0.000025,1e-7,false,"
                      "0.9502576800478,1\r\n";
    ck_assert_msg(strstr(csv, row) != NULL, "csv: %s", csv);
    const char *fields[] = {
        "\"value\": 67.4,\n          \"points\": 0,\n",
        "\"value\": 1e+21,\n",
        "\"gap\": 0.000025,\n          \"progress\": 1e-7,\n",
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        ck_assert_msg(strstr(json, fields[i]) != NULL, "no %s in %s", fields[i], json);
    dii_free(csv);
    dii_free(json);
    dii_results_free(rs);
}
END_TEST

START_TEST(results_csv_bad_arguments)
{
    dii_results *rs = build_empty_results();
    char *csv = (char *)"sentinel";
    size_t len = 42;
    ck_assert_int_eq(dii_results_to_csv(NULL, 0, &csv, &len), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(csv);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_ne(dii_last_error(), "");
    ck_assert_int_eq(dii_results_to_csv(rs, 0, NULL, &len), DII_ERR_INVALID_ARGUMENT);
    csv = (char *)"sentinel";
    ck_assert_int_eq(dii_results_to_csv(rs, 1u << 5, &csv, &len), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(csv);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "unknown flags 0x20"));
    dii_results_free(rs);
}
END_TEST

/* A sink that keeps what it is given, or refuses from its `refuse_at`-th
 * call on (counting from 0; -1 never). */
typedef struct test_sink {
    strbuf text;
    int calls;
    int refuse_at;
} test_sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
    test_sink *s = ctx;
    ck_assert_uint_gt(len, 0);
    if (s->refuse_at >= 0 && s->calls >= s->refuse_at) {
        ck_assert_int_eq(s->calls, s->refuse_at); /* never called again after refusing */
        s->calls++;
        return 1;
    }
    s->calls++;
    sb_append(&s->text, data, len);
    return 0;
}

START_TEST(results_csv_streamed)
{
    dii_results *rs = build_results();
    test_sink s = {.refuse_at = -1};
    sb_init(&s.text);
    ck_assert_int_eq(dii_results_write_csv(rs, 0, sink_write, &s), DII_OK);
    ck_assert_str_eq(dii_last_error(), "");
    char *text = sb_take(&s.text, NULL);
    ck_assert_str_eq(text, EXPECTED_CSV);
    dii_mem_free(text);

    /* A refusing sink stops the writer: DII_ERR_IO. */
    s = (test_sink){.refuse_at = 0};
    sb_init(&s.text);
    ck_assert_int_eq(dii_results_write_csv(rs, 0, sink_write, &s), DII_ERR_IO);
    ck_assert_int_eq(s.calls, 1);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "dii_results_write_csv"));
    sb_free(&s.text);

    ck_assert_int_eq(dii_results_write_csv(NULL, 0, sink_write, &s), DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(dii_results_write_csv(rs, 0, NULL, &s), DII_ERR_INVALID_ARGUMENT);
    s = (test_sink){.refuse_at = -1};
    ck_assert_int_eq(dii_results_write_csv(rs, 1u << 7, sink_write, &s),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(s.calls, 0);
    dii_results_free(rs);
}
END_TEST

/* A document longer than the stream's buffer goes out in several pieces,
 * the same bytes as the one in memory. */
START_TEST(results_csv_streamed_in_pieces)
{
    dii_results *rs = build_results();
    struct dii_result *r = &rs->items[0];
    char name[4096];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    r->unit_name = intern(rs, name);
    struct dii_result *many = xcalloc(40, sizeof *many);
    for (size_t i = 0; i < 40; i++)
        many[i] = rs->items[0];
    dii_mem_free(rs->items);
    rs->items = many; /* 40 x 3 rows of 4 KiB: past the 64 KiB buffer */
    rs->count = 40;
    char *csv = NULL;
    ck_assert_int_eq(dii_results_to_csv(rs, 0, &csv, NULL), DII_OK);
    test_sink s = {.refuse_at = -1};
    sb_init(&s.text);
    ck_assert_int_eq(dii_results_write_csv(rs, 0, sink_write, &s), DII_OK);
    ck_assert_int_gt(s.calls, 1);
    char *text = sb_take(&s.text, NULL);
    ck_assert_str_eq(text, csv);
    dii_mem_free(text);
    dii_free(csv);
    dii_results_free(rs);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* A diagnostic's text (diag_format.c)                                       */
/* ------------------------------------------------------------------------ */

static char *diag_text(const dii_diagnostic *d, unsigned flags)
{
    char *text = NULL;
    size_t len = 0;
    ck_assert_int_eq(dii_diagnostic_format_text(d, flags, &text, &len), DII_OK);
    ck_assert_uint_eq(len, strlen(text));
    return text;
}

static void check_diag_text(const dii_diagnostic *d, unsigned flags, const char *expected)
{
    char *text = diag_text(d, flags);
    ck_assert_str_eq(text, expected);
    dii_free(text);
}

START_TEST(diagnostic_text_forms)
{
    dii_diagnostics *d = build_diags();
    const dii_diagnostic *e = dii_diagnostics_get(d, 0), *w = dii_diagnostics_get(d, 1);
    check_diag_text(e, 0, "dien-bien.json:7:5: error[unknown-indicator]: unknown indicator "
                          "'mobile_broadbnd'\n  hint: did you mean "
                          "'mobile_broadband_subscriptions_per_100'?");
    check_diag_text(e, DII_DIAGNOSTIC_TEXT_NO_HINT,
                    "dien-bien.json:7:5: error[unknown-indicator]: unknown indicator "
                    "'mobile_broadbnd'");
    check_diag_text(e, DII_DIAGNOSTIC_TEXT_COLOR,
                    "dien-bien.json:7:5: \033[1;31merror\033[0m[unknown-indicator]: unknown "
                    "indicator 'mobile_broadbnd'\n  \033[2mhint: did you mean "
                    "'mobile_broadband_subscriptions_per_100'?\033[0m");
    /* no file, no line: no location */
    check_diag_text(w, 0, "warning[missing-value]: no value for 'fixed_broadband_speed_mbps'");
    check_diag_text(w, DII_DIAGNOSTIC_TEXT_COLOR,
                    "\033[1;33mwarning\033[0m[missing-value]: no value for "
                    "'fixed_broadband_speed_mbps'");
    dii_diagnostics_free(d);

    /* the known parts of a location */
    d = dii_diag_new();
    ck_assert_ptr_nonnull(d);
    dii_loc line_only = {3, 0, NULL}, both = {2, 13, NULL};
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_ERROR, "syntax", "a.csv", &line_only, NULL,
                                  "bad"), DII_OK);
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_ERROR, "syntax", "a.csv", NULL, NULL, "bad"),
                     DII_OK);
    ck_assert_int_eq(dii_diag_add(d, DII_SEVERITY_ERROR, "syntax", NULL, &both, NULL, "bad"),
                     DII_OK);
    check_diag_text(dii_diagnostics_get(d, 0), 0, "a.csv:3: error[syntax]: bad");
    check_diag_text(dii_diagnostics_get(d, 1), 0, "a.csv: error[syntax]: bad");
    check_diag_text(dii_diagnostics_get(d, 2), 0, "2:13: error[syntax]: bad");
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(diagnostic_text_bad_arguments)
{
    dii_diagnostics *d = build_diags();
    const dii_diagnostic *e = dii_diagnostics_get(d, 0);
    char *text = (char *)"sentinel";
    size_t len = 42;
    ck_assert_int_eq(dii_diagnostic_format_text(NULL, 0, &text, &len),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(text);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_ne(dii_last_error(), "");
    ck_assert_int_eq(dii_diagnostic_format_text(e, 0, NULL, &len), DII_ERR_INVALID_ARGUMENT);
    text = (char *)"sentinel";
    ck_assert_int_eq(dii_diagnostic_format_text(e, 1u << 2, &text, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(text);
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "unknown flags 0x4"));
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(to_csv_and_text_out_of_memory)
{
    dii_results *rs = build_results();
    check_nomem(results_to_csv, rs, EXPECTED_CSV);
    dii_results_free(rs);
    dii_diagnostics *d = build_diags();
    check_nomem(diagnostic_text, dii_diagnostics_get(d, 0),
                "dien-bien.json:7:5: error[unknown-indicator]: unknown indicator "
                "'mobile_broadbnd'\n  hint: did you mean 'mobile_broadband_subscriptions_per_100'?");
    dii_diagnostics_free(d);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */
/* ------------------------------------------------------------------------ */

START_TEST(accessors_in_range)
{
    dii_results *rs = build_results();
    ck_assert_uint_eq(dii_results_count(rs), 2);
    ck_assert_uint_eq(dii_results_warning_count(rs), 1);
    ck_assert_str_eq(dii_results_warning(rs, 0),
                     "indicator 'ai_blockchain_iot_deployed' is provisional (\"inferred\")");
    const dii_result *r = dii_results_get(rs, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(dii_result_unit_id(r), "11");
    ck_assert_str_eq(dii_result_unit_name(r), "Điện Biên");
    ck_assert_int_eq(dii_result_year(r), 2022);
    ck_assert_int_eq(dii_result_target_year(r), 2023);
    ck_assert_double_eq(dii_result_points(r), 21.855926641099295);
    ck_assert_double_eq(dii_result_max_points(r), 23);
    ck_assert_double_eq(dii_result_index(r), 0.9502576800478);
    ck_assert_int_eq(dii_result_rank(r), 1);
    ck_assert_uint_eq(dii_result_cohort_size(r), 2);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MET), 1);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NOT_MET), 1);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_NO_TARGET), 0);
    ck_assert_uint_eq(dii_result_compliance_count(r, DII_COMPLIANCE_MISSING), 1);

    ck_assert_uint_eq(dii_result_group_count(r), 2);
    ck_assert_str_eq(dii_result_group_id(r, 1), "II");
    ck_assert_double_eq(dii_result_group_points(r, 0), 15.1226);
    ck_assert_double_eq(dii_result_group_max_points(r, 0), 16);
    ck_assert_double_eq(dii_result_group_index(r, 0), 0.9451625);

    ck_assert_uint_eq(dii_result_indicator_count(r), 3);
    ck_assert_str_eq(dii_result_indicator_id(r, 0), "mobile_broadband_subscriptions_per_100");
    double v = -1;
    ck_assert_int_eq(dii_result_indicator_value(r, 0, &v), 1);
    ck_assert_double_eq(v, 67.4);
    ck_assert_int_eq(dii_result_indicator_value(r, 0, NULL), 1);
    ck_assert_int_eq(dii_result_indicator_value(r, 2, &v), 0);
    ck_assert_double_eq(v, 0);
    ck_assert_double_eq(dii_result_indicator_points(r, 0), 67.4 / 72);
    ck_assert_double_eq(dii_result_indicator_max_points(r, 0), 1);
    ck_assert_double_eq(dii_result_indicator_attainment(r, 0), 67.4 / 72);
    ck_assert_int_eq(dii_result_indicator_compliance(r, 0), DII_COMPLIANCE_NOT_MET);
    ck_assert_int_eq(dii_result_indicator_compliance(r, 1), DII_COMPLIANCE_MET);

    int year = 0;
    dii_op op = DII_OP_LT;
    dii_target_basis basis = DII_BASIS_INTERPOLATED;
    ck_assert_int_eq(dii_result_indicator_target(r, 0, &year, &op, &v, &basis), 1);
    ck_assert_int_eq(year, 2023);
    ck_assert_int_eq(op, DII_OP_GE);
    ck_assert_double_eq(v, 72);
    ck_assert_int_eq(basis, DII_BASIS_EXACT);
    ck_assert_int_eq(dii_result_indicator_target(r, 1, NULL, NULL, NULL, &basis), 1);
    ck_assert_int_eq(basis, DII_BASIS_NEAREST);
    ck_assert_int_eq(dii_result_indicator_target(r, 2, &year, &op, &v, &basis), 0);
    ck_assert_int_eq(year, 0);

    ck_assert_int_eq(dii_result_indicator_gap(r, 0, &v), 1);
    ck_assert_double_eq(v, 72 - 67.4);
    ck_assert_int_eq(dii_result_indicator_gap(r, 1, &v), 0);
    ck_assert_int_eq(dii_result_indicator_progress(r, 0, &v), 1);
    ck_assert_double_eq(v, 0.5);
    ck_assert_int_eq(dii_result_indicator_progress(r, 2, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_provisional(r, 0), 0);
    ck_assert_int_eq(dii_result_indicator_provisional(r, 1), 1);

    r = dii_results_get(rs, 1);
    ck_assert_ptr_null(dii_result_unit_name(r));
    ck_assert_uint_eq(dii_result_group_count(r), 0);
    ck_assert_uint_eq(dii_result_indicator_count(r), 0);
    dii_results_free(rs);
}
END_TEST

START_TEST(accessors_out_of_range_and_null)
{
    dii_results *rs = build_results();
    ck_assert_ptr_null(dii_results_get(rs, 2));
    ck_assert_ptr_null(dii_results_get(rs, (size_t)-1));
    ck_assert_ptr_null(dii_results_warning(rs, 1));
    const dii_result *r = dii_results_get(rs, 0);
    ck_assert_uint_eq(dii_result_compliance_count(r, (dii_compliance)4), 0);
    ck_assert_uint_eq(dii_result_compliance_count(r, (dii_compliance)-1), 0);
    ck_assert_ptr_null(dii_result_group_id(r, 2));
    ck_assert_double_eq(dii_result_group_points(r, 2), 0);
    ck_assert_double_eq(dii_result_group_max_points(r, 99), 0);
    ck_assert_double_eq(dii_result_group_index(r, (size_t)-1), 0);
    ck_assert_ptr_null(dii_result_indicator_id(r, 3));
    double v = 7;
    ck_assert_int_eq(dii_result_indicator_value(r, 3, &v), 0);
    ck_assert_double_eq(v, 0);
    ck_assert_double_eq(dii_result_indicator_points(r, 3), 0);
    ck_assert_double_eq(dii_result_indicator_max_points(r, 3), 0);
    ck_assert_double_eq(dii_result_indicator_attainment(r, 3), 0);
    ck_assert_int_eq(dii_result_indicator_compliance(r, 3), DII_COMPLIANCE_MISSING);
    int year = 5;
    ck_assert_int_eq(dii_result_indicator_target(r, 3, &year, NULL, NULL, NULL), 0);
    ck_assert_int_eq(year, 0);
    v = 7;
    ck_assert_int_eq(dii_result_indicator_gap(r, 3, &v), 0);
    ck_assert_double_eq(v, 0);
    ck_assert_int_eq(dii_result_indicator_progress(r, 3, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_provisional(r, 3), 0);

    /* NULL handles */
    ck_assert_uint_eq(dii_results_count(NULL), 0);
    ck_assert_ptr_null(dii_results_get(NULL, 0));
    ck_assert_uint_eq(dii_results_warning_count(NULL), 0);
    ck_assert_ptr_null(dii_results_warning(NULL, 0));
    ck_assert_ptr_null(dii_result_unit_id(NULL));
    ck_assert_ptr_null(dii_result_unit_name(NULL));
    ck_assert_int_eq(dii_result_year(NULL), 0);
    ck_assert_int_eq(dii_result_target_year(NULL), 0);
    ck_assert_double_eq(dii_result_points(NULL), 0);
    ck_assert_double_eq(dii_result_max_points(NULL), 0);
    ck_assert_double_eq(dii_result_index(NULL), 0);
    ck_assert_int_eq(dii_result_rank(NULL), 0);
    ck_assert_uint_eq(dii_result_cohort_size(NULL), 0);
    ck_assert_uint_eq(dii_result_compliance_count(NULL, DII_COMPLIANCE_MET), 0);
    ck_assert_uint_eq(dii_result_group_count(NULL), 0);
    ck_assert_ptr_null(dii_result_group_id(NULL, 0));
    ck_assert_uint_eq(dii_result_indicator_count(NULL), 0);
    ck_assert_ptr_null(dii_result_indicator_id(NULL, 0));
    ck_assert_int_eq(dii_result_indicator_value(NULL, 0, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_compliance(NULL, 0), DII_COMPLIANCE_MISSING);
    ck_assert_int_eq(dii_result_indicator_target(NULL, 0, NULL, NULL, NULL, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_gap(NULL, 0, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_progress(NULL, 0, NULL), 0);
    ck_assert_int_eq(dii_result_indicator_provisional(NULL, 0), 0);
    dii_results_free(rs);
    dii_results_free(NULL);
}
END_TEST

/* A builder may give up half way: zeroed elements and NULL arrays are fine. */
START_TEST(destroy_half_built)
{
    struct dii_results *rs = xcalloc(1, sizeof *rs);
    rs->framework_id = xstrdup("x");
    rs->items = xcalloc(3, sizeof *rs->items);
    rs->count = 3;
    rs->items[0].unit_id = intern(rs, "1");
    rs->items[0].groups = rs->group_block = xcalloc(2, sizeof *rs->items[0].groups);
    rs->items[0].group_count = 2;
    rs->items[0].groups[0].id = intern(rs, "I");
    rs->items[0].indicators = rs->indicator_block = xcalloc(4, sizeof *rs->items[0].indicators);
    rs->items[0].indicator_count = 4;
    rs->items[0].info = rs->indicator_info = xcalloc(4, sizeof *rs->indicator_info);
    rs->indicator_info[0].id = intern(rs, "a");
    rs->indicator_info[0].code = intern(rs, "1");
    rs->items[0].indicator_count = 4;
    rs->warning_count = 3; /* count set, array never allocated */
    ck_assert_uint_eq(dii_results_warning_count(rs), 0);
    ck_assert_ptr_null(dii_results_warning(rs, 0));
    dii_results_destroy(rs);
    dii_results_destroy(NULL);
}
END_TEST

/* dii_round_index takes an integer path where it can (result.c says why it
 * is exact); it must give bit for bit the double the decimal-text
 * definition, dii_round_index_by_text, gives. Compared on every kind of
 * value where the two could part: exact binary ties of the 12-digit snap
 * (odd j / 2^n, e.g. 4097/4096 = 1.000244140625), decimal midpoints of the cut (i + 1/2) / 10^d and their
 * neighbouring doubles, values whose snap carries (0.99999999999995),
 * the domain's edges, and random doubles; decimals -1 to 16, signs both. */
static void round_same(double x, int decimals)
{
    double a = dii_round_index(x, decimals), b = dii_round_index_by_text(x, decimals);
    if (memcmp(&a, &b, sizeof a) != 0)
        ck_abort_msg("dii_round_index(%.17g, %d) = %.17g, by text %.17g", x, decimals, a, b);
}

static void round_same_all(double x)
{
    for (int d = -1; d <= 16; d++) {
        round_same(x, d);
        round_same(-x, d);
        round_same(nextafter(x, 0), d);
        round_same(nextafter(x, INFINITY), d);
    }
}

static uint64_t round_rng(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

START_TEST(round_index_integer_path_matches_text)
{
    uint64_t state = 0x243F6A8885A308D3ULL;
    /* Ties of the 12-digit snap: 4097/4096 = 1.000244140625 has 13 digits.
     * (The digit before such a final 5 is always 2 or 7, so the tie never
     * decides the cut; they are compared all the same.) Cut at 10 decimals
     * it is 1.0002441406; at 11 the cut falls on the 12th digit and the
     * exact 17-digit form rounds half up: 1.00024414063. */
    ck_assert_double_eq(dii_round_index(4097.0 / 4096, 10), 1.0002441406);
    ck_assert_double_eq(dii_round_index(4097.0 / 4096, 11), 1.00024414063);
    round_same_all(4097.0 / 4096);
    round_same_all(0.99999999999995);
    round_same_all(0.999999999999949);
    round_same_all(9.9999999999995e-5);
    round_same_all(1e-5);
    round_same_all(1e5);
    round_same_all(0.5);
    for (int p = -5; p <= 5; p++) { /* where a log10 guess of the exponent is off */
        double ten = pow(10, p);
        round_same_all(ten);
        round_same_all(ten * (1 - 5e-13));
        round_same_all(ten * (1 - 4.9e-13));
        round_same_all(nextafter(nextafter(ten, 0), 0));
    }
    for (int n = 1; n <= 60; n++)
        for (int i = 0; i < 10; i++) {
            uint64_t j = (round_rng(&state) >> (64 - (n < 50 ? n : 50))) | 1;
            round_same_all(ldexp((double)j, -n));
        }
    for (int d = 0; d <= 8; d++)
        for (int i = 0; i < 150; i++) {
            uint64_t top = d < 8 ? 2 * (uint64_t)pow(10, d) : 200000000;
            double mid = ((double)(round_rng(&state) % top) + 0.5) / pow(10, d);
            round_same_all(mid);
        }
    for (int i = 0; i < 2500; i++) {
        double u = (double)(round_rng(&state) >> 11) / 9007199254740992.0;
        round_same_all(u);                                   /* an index */
        round_same_all(pow(10, u * 12 - 6));                 /* 1e-6 .. 1e6 */
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("results_json");
    TCase *tc = tcase_create("strbuf");
    tcase_add_test(tc, double_shortest_round_trip);
    tcase_add_test(tc, double_layout);
    tcase_add_test(tc, double_not_finite_is_null);
    tcase_add_test(tc, double_round_trips_many);
    tcase_add_test(tc, double_locale_independent);
    tcase_add_test(tc, json_string_escaping);
    tcase_add_test(tc, strbuf_basics);
    suite_add_tcase(s, tc);

    tc = tcase_create("round_index");
    tcase_add_test(tc, round_index_cases);
    tcase_add_test(tc, round_index_matches_published_value);
    tcase_add_test(tc, round_index_integer_path_matches_text);
    tcase_set_timeout(tc, 120); /* ~1.5 million roundings by text, slow under sanitizers */
    suite_add_tcase(s, tc);

    tc = tcase_create("json");
    tcase_add_test(tc, results_json_document);
    tcase_add_test(tc, results_json_empty);
    tcase_add_test(tc, results_json_rank_zero_is_null);
    tcase_add_test(tc, schema_instances_match);
    tcase_add_test(tc, results_json_null_arguments);
    tcase_add_test(tc, diagnostics_json_document);
    tcase_add_test(tc, diagnostics_json_empty_and_warnings_only);
    tcase_add_test(tc, diagnostics_json_null_arguments);
    tcase_add_test(tc, to_json_out_of_memory);
    suite_add_tcase(s, tc);

    tc = tcase_create("csv_and_text");
    tcase_add_test(tc, results_csv_document);
    tcase_add_test(tc, results_csv_columns);
    tcase_add_test(tc, results_csv_quoting_and_formulas);
    tcase_add_test(tc, results_csv_numbers_as_json);
    tcase_add_test(tc, results_csv_bad_arguments);
    tcase_add_test(tc, results_csv_streamed);
    tcase_add_test(tc, results_csv_streamed_in_pieces);
    tcase_add_test(tc, diagnostic_text_forms);
    tcase_add_test(tc, diagnostic_text_bad_arguments);
    tcase_add_test(tc, to_csv_and_text_out_of_memory);
    suite_add_tcase(s, tc);

    tc = tcase_create("accessors");
    tcase_add_test(tc, accessors_in_range);
    tcase_add_test(tc, accessors_out_of_range_and_null);
    tcase_add_test(tc, destroy_half_built);
    suite_add_tcase(s, tc);
    return s;
}
