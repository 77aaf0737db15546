/* Loading plan tables: CSV with one row per indicator and one column per
 * year (lib/parse_plan_table.c).
 *
 * Positions are not counted by hand: each input is written with '@'
 * markers, which marked() removes while noting the line and column of the
 * byte that followed each one (1-based, the way every reader counts). A
 * test then expects a value or a diagnostic at mark k. '@' appears in no
 * input otherwise. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"
#include "failalloc.h"
#include "model.h"
#include "testutil.h"

#define EXAMPLES DII_EXAMPLES_DIR "/data"
#define MAX_MARKS 16

typedef struct pos {
    unsigned long line, column;
} pos;

/* src without its '@' markers, into a new string; at[k] the place of the
 * k-th marker. */
static char *marked(const char *src, pos *at, size_t *count)
{
    char *out = malloc(strlen(src) + 1);
    ck_assert_ptr_nonnull(out);
    size_t n = 0, k = 0;
    unsigned long line = 1, column = 1;
    for (const char *s = src; *s; s++) {
        if (*s == '@') {
            ck_assert_uint_lt(k, MAX_MARKS);
            at[k++] = (pos){line, column};
            continue;
        }
        out[n++] = *s;
        if (*s == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    out[n] = '\0';
    if (count)
        *count = k;
    return out;
}

static dii_parse_options unit_options(const char *id, const char *name)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.unit_id = id;
    o.unit_name = name;
    return o;
}

static dii_submissions *load_ok(const char *text, const dii_parse_options *opts,
                                dii_diagnostics **d)
{
    dii_submissions *subs = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), "plan.csv", opts, &subs, d);
    ck_assert_msg(st == DII_OK, "load failed (%d): %s", (int)st, dii_last_error());
    ck_assert_int_eq(subs->is_csv, 1);
    ck_assert_int_eq(subs->indicator_codes, 1);
    return subs;
}

static dii_diagnostics *load_fails(const char *text, const dii_parse_options *opts)
{
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), "plan.csv", opts, &subs, &d);
    ck_assert_int_eq(st, DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    ck_assert_ptr_nonnull(d);
    return d;
}

static void expect_value_at(const dii_submission *s, size_t i, const char *indicator,
                            dii_value_kind kind, double number, pos at)
{
    ck_assert_uint_lt(i, dii_submission_value_count(s));
    ck_assert_str_eq(dii_submission_value_indicator(s, i), indicator);
    ck_assert_int_eq(dii_submission_value_kind(s, i), kind);
    if (kind == DII_VALUE_NUMBER || kind == DII_VALUE_BOOLEAN)
        ck_assert_double_eq(dii_submission_value_number(s, i), number);
    ck_assert_msg(s->body->values[i].line == at.line && s->body->values[i].column == at.column,
                  "value %zu at %lu:%lu, expected %lu:%lu", i, (unsigned long)s->body->values[i].line,
                  (unsigned long)s->body->values[i].column, at.line, at.column);
}

static const dii_diagnostic *expect_at(const dii_diagnostics *d, const char *code, pos at)
{
    return expect_diag_at(d, code, at.line, at.column);
}

static dii_framework *dien_bien(void)
{
    dii_framework *fw = NULL;
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    return fw;
}

/* ------------------------------------------------------------------------ */
/* Well-formed tables                                                        */
/* ------------------------------------------------------------------------ */

/* One unit from the options; codes and ids mixed; the 2023 column is empty
 * throughout, so the unit skipped that year: no submission for it. The
 * submissions come in header order, values in row order, each at its
 * cell; the submission's year is placed at its header cell. */
START_TEST(one_unit_from_options)
{
    pos m[MAX_MARKS];
    char *text = marked("indicator,@2022,2023,@2024\n"
                        "1,@67.4,,@74.5\n"
                        "adult_smartphone_ownership,@63,,@\n"
                        "21,@c\xC3\xB3,,@KH\xC3\x94NG\n"
                        "4,@abc,,@1e1\n",
                        m, NULL);
    dii_parse_options o = unit_options("11", "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn");
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, &o, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_uint_eq(dii_submissions_count(subs), 2);

    const dii_submission *a = dii_submissions_get(subs, 0);
    ck_assert_str_eq(dii_submission_unit_id(a), "11");
    ck_assert_str_eq(dii_submission_unit_name(a), "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn");
    ck_assert_int_eq(dii_submission_year(a), 2022);
    ck_assert_uint_eq(a->body->year_line, m[0].line);
    ck_assert_uint_eq(a->body->year_column, m[0].column);
    ck_assert_uint_eq(dii_submission_value_count(a), 4);
    expect_value_at(a, 0, "1", DII_VALUE_NUMBER, 67.4, m[2]);
    expect_value_at(a, 1, "adult_smartphone_ownership", DII_VALUE_NUMBER, 63, m[4]);
    expect_value_at(a, 2, "21", DII_VALUE_BOOLEAN, 1, m[6]);
    expect_value_at(a, 3, "4", DII_VALUE_INVALID, 0, m[8]);
    ck_assert_str_eq(a->body->values[3].text, "abc");

    const dii_submission *b = dii_submissions_get(subs, 1);
    ck_assert_int_eq(dii_submission_year(b), 2024);
    ck_assert_uint_eq(b->body->year_column, m[1].column);
    expect_value_at(b, 0, "1", DII_VALUE_NUMBER, 74.5, m[3]);
    expect_value_at(b, 1, "adult_smartphone_ownership", DII_VALUE_MISSING, 0, m[5]);
    expect_value_at(b, 2, "21", DII_VALUE_BOOLEAN, 0, m[7]);
    expect_value_at(b, 3, "4", DII_VALUE_NUMBER, 10, m[9]);
    /* the indicator id's place is its row's indicator cell */
    ck_assert_uint_eq(b->body->values[1].key_line, 3);
    ck_assert_uint_eq(b->body->values[1].key_column, 1);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* Recognised by the header alone: any name (or none), a BOM, blanks and
 * upper case in the header, ';' with a decimal comma; and when chosen
 * explicitly. */
START_TEST(recognised_by_header)
{
    static const char *const names[] = {"plan.csv", "plan.txt", NULL};
    const char *texts[] = {"\xEF\xBB\xBFIndicator , 2022\n1,67.4\n", "INDICATOR;2022\n1;67,4\n"};
    for (size_t t = 0; t < 2; t++) {
        for (size_t i = 0; i < 3; i++) {
            dii_parse_options o = unit_options("11", NULL);
            if (t == 1) {
                o.csv_delimiter = ';';
                o.csv_decimal_mark = ',';
            }
            if (i == 2)
                o.format = DII_INPUT_PLAN_TABLE;
            dii_submissions *subs = NULL;
            dii_diagnostics *d = NULL;
            ck_assert_int_eq(dii_submissions_load_memory(texts[t], strlen(texts[t]), names[i], &o,
                                                         &subs, &d),
                             DII_OK);
            ck_assert_uint_eq(dii_diagnostics_count(d), 0);
            ck_assert_uint_eq(dii_submissions_count(subs), 1);
            const dii_submission *s = dii_submissions_get(subs, 0);
            ck_assert_int_eq(dii_submission_year(s), 2022);
            ck_assert_ptr_null(dii_submission_unit_name(s));
            ck_assert_double_eq(dii_submission_value_number(s, 0), 67.4);
            dii_diagnostics_free(d);
            dii_submissions_free(subs);
        }
    }
}
END_TEST

/* unit_id / unit_name columns: several units in one table, rows grouped
 * per unit (order of first appearance), the first name given kept; the
 * columns win over the options. Unit 12 has no 2023 value: no submission. */
START_TEST(units_from_columns)
{
    const char text[] = "unit_name,indicator,unit_id,2022,2023\n"
                        "Lai Ch\xC3\xA2u,1,12,50,\n"
                        ",1,11,67.4,71\n"
                        "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn,2,11,75.2,77.5\n"
                        "Other,2,12,60,\n";
    dii_parse_options o = unit_options("99", "Ignored");
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, &o, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_uint_eq(dii_submissions_count(subs), 3);
    const char *unit[] = {"12", "11", "11"};
    const char *name[] = {"Lai Ch\xC3\xA2u", "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn",
                          "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn"};
    int year[] = {2022, 2022, 2023};
    size_t values[] = {2, 2, 2};
    for (size_t i = 0; i < 3; i++) {
        const dii_submission *s = dii_submissions_get(subs, i);
        ck_assert_str_eq(dii_submission_unit_id(s), unit[i]);
        ck_assert_str_eq(dii_submission_unit_name(s), name[i]);
        ck_assert_int_eq(dii_submission_year(s), year[i]);
        ck_assert_uint_eq(dii_submission_value_count(s), values[i]);
    }
    ck_assert_double_eq(dii_submission_value_number(dii_submissions_get(subs, 2), 1), 77.5);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* A table whose every year column is empty holds no submission: loaded,
 * with the usual "no-submissions" warning. */
START_TEST(all_years_empty)
{
    dii_parse_options o = unit_options("11", NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok("indicator,2022,2023\n1,,\n2,,\n", &o, &d);
    ck_assert_uint_eq(dii_submissions_count(subs), 0);
    expect_diag_at(d, "no-submissions", 1, 1);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* What a program built against the version-3 header passes: the struct
 * ends after max_diagnostics. Allocated at exactly that size, so that
 * AddressSanitizer catches any read of unit_id / unit_name. */
struct parse_options_v3 {
    unsigned int version;
    dii_input_format format;
    char csv_delimiter;
    char csv_decimal_mark;
    size_t max_input_bytes;
    unsigned int max_depth;
    size_t max_string_bytes;
    size_t max_submissions;
    size_t max_diagnostics;
};

START_TEST(version_3_struct_has_no_unit)
{
    struct parse_options_v3 *v3 = malloc(sizeof *v3);
    ck_assert_ptr_nonnull(v3);
    *v3 = (struct parse_options_v3){3, DII_INPUT_PLAN_TABLE, ';', ',', 0, 0, 0, 0, 0};
    dii_diagnostics *d = load_fails("indicator;2022\n1;2,5\n", (const dii_parse_options *)v3);
    expect_diag_at(d, "missing-field", 1, 1);
    dii_diagnostics_free(d);
    /* with the unit in columns it loads, its CSV settings applied */
    const char *text = "unit_id;indicator;2022\n11;1;2,5\n";
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), NULL,
                                                 (const dii_parse_options *)v3, &subs, NULL),
                     DII_OK);
    ck_assert_double_eq(dii_submission_value_number(dii_submissions_get(subs, 0), 0), 2.5);
    dii_submissions_free(subs);
    free(v3);
}
END_TEST

/* A caller built against options version 3 has no unit_id member: the
 * library must not read one (here the struct has it, set, but says 3). */
START_TEST(unit_option_needs_version_4)
{
    dii_parse_options o = unit_options("11", "x");
    o.version = 3;
    dii_diagnostics *d = load_fails("indicator,2022\n1,2\n", &o);
    expect_diag_at(d, "missing-field", 1, 1);
    dii_diagnostics_free(d);
    o.version = 4;
    dii_submissions *subs = load_ok("indicator,2022\n1,2\n", &o, &d);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    o.version = 5;
    dii_submissions *none = NULL;
    ck_assert_int_eq(dii_submissions_load_memory("a", 1, NULL, &o, &none, NULL),
                     DII_ERR_INVALID_ARGUMENT);
    o.version = 4;
    o.format = (dii_input_format)5;
    ck_assert_int_eq(dii_submissions_load_memory("a", 1, NULL, &o, &none, NULL),
                     DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* A long table's header is not a plan table's, nor is one with a column
 * that is neither a role nor four digits, nor one without a year. */
START_TEST(other_headers_stay_long)
{
    const char *texts[] = {"unit_id,year,indicator,value\n11,2022,1,2\n",
                           "indicator,2022,note\n1,2,x\n", "indicator,22\n1,2\n",
                           "indicator,unit_id\n1,2\n", "indicator,02022\n1,2\n"};
    dii_parse_options o = unit_options("11", NULL);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        dii_submissions *subs = NULL;
        dii_diagnostics *d = NULL;
        dii_submissions_load_memory(texts[i], strlen(texts[i]), "x.csv", &o, &subs, &d);
        if (subs != NULL)
            ck_assert_int_eq(subs->indicator_codes, 0);
        else /* the long reader's complaint */
            ck_assert_int_ge(find_diag(d, "missing-field"), 0);
        dii_diagnostics_free(d);
        dii_submissions_free(subs);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Errors, each at its place                                                 */
/* ------------------------------------------------------------------------ */

START_TEST(no_unit_is_refused_at_1_1)
{
    dii_parse_options empty = unit_options("", NULL);
    const dii_parse_options *opts[] = {NULL, &empty};
    for (size_t i = 0; i < 2; i++) {
        dii_diagnostics *d = load_fails("indicator,2022\n1,2\n", opts[i]);
        const dii_diagnostic *g = expect_diag_at(d, "missing-field", 1, 1);
        ck_assert_ptr_nonnull(strstr(dii_diagnostic_hint(g), "--unit-id"));
        ck_assert_ptr_nonnull(strstr(dii_diagnostic_hint(g), "unit_id"));
        dii_diagnostics_free(d);
    }
}
END_TEST

/* Chosen explicitly, a header that is not a plan table's: each missing
 * part an error at the header's start; other columns are ignored with a
 * warning at their cell. */
START_TEST(explicit_format_bad_headers)
{
    dii_parse_options o = unit_options("11", NULL);
    o.format = DII_INPUT_PLAN_TABLE;
    pos m[MAX_MARKS];
    char *text = marked("\n@2022,@note\n1,2\n", m, NULL);
    dii_diagnostics *d = load_fails(text, &o);
    const dii_diagnostic *g = expect_diag_at(d, "missing-field", 2, 1);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "'indicator'"));
    expect_at(d, "unknown-field", m[1]);
    dii_diagnostics_free(d);
    free(text);

    d = load_fails("indicator,value\n1,2\n", &o);
    g = expect_diag_at(d, "missing-field", 1, 1);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "year column"));
    expect_diag_at(d, "unknown-field", 1, 11);
    dii_diagnostics_free(d);
}
END_TEST

/* A year named twice: the second column is reported and ignored (its
 * cells are not read: the submission holds the first column's values);
 * likewise a second indicator column. */
START_TEST(repeated_columns)
{
    pos m[MAX_MARKS];
    char *text = marked("indicator,2022,@2022,@indicator\n1,5,6,2\n", m, NULL);
    dii_parse_options o = unit_options("11", NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, &o, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 2);
    expect_at(d, "duplicate-field", m[0]);
    expect_at(d, "duplicate-field", m[1]);
    ck_assert_uint_eq(dii_submissions_count(subs), 1);
    const dii_submission *s = dii_submissions_get(subs, 0);
    ck_assert_uint_eq(dii_submission_value_count(s), 1);
    ck_assert_str_eq(dii_submission_value_indicator(s, 0), "1");
    ck_assert_double_eq(dii_submission_value_number(s, 0), 5);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* A second row of an indicator (as written) for the same unit: one
 * duplicate-value error at its indicator cell, naming the first row's
 * line; the first row is used. Another unit may have the same indicator. */
START_TEST(repeated_indicator_row)
{
    pos m[MAX_MARKS];
    char *text = marked("unit_id,indicator,2022,2023\n"
                        "11,1,5,6\n"
                        "12,1,7,8\n"
                        "11,@1,9,10\n",
                        m, NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = expect_at(d, "duplicate-value", m[0]);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_message(g), "line 2"));
    ck_assert_uint_eq(dii_submissions_count(subs), 4);
    const dii_submission *s = dii_submissions_get(subs, 0);
    ck_assert_uint_eq(dii_submission_value_count(s), 1);
    ck_assert_double_eq(dii_submission_value_number(s, 0), 5);
    dii_diagnostics_free(d);

    /* validation repeats it, at the same place */
    dii_framework *fw = dien_bien();
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    expect_at(d, "duplicate-value", m[0]);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* An id and the code of the same indicator are two spellings of one
 * indicator: only validation can tell, and reports the second row's cell
 * in every year it has a value. */
START_TEST(id_and_code_of_one_indicator)
{
    pos m[MAX_MARKS];
    char *text = marked("indicator,2022\n"
                        "mobile_broadband_subscriptions_per_100,67.4\n"
                        "@1,70\n",
                        m, NULL);
    dii_parse_options o = unit_options("11", NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, &o, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    dii_diagnostics_free(d);
    dii_framework *fw = dien_bien();
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    expect_at(d, "duplicate-value", m[0]);
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* Empty unit_id or indicator cells: the row is reported at that cell and
 * skipped; the other rows load. */
START_TEST(empty_key_cells)
{
    pos m[MAX_MARKS];
    char *text = marked("unit_id,indicator,2022\n"
                        "@,1,5\n"
                        "11,@,6\n"
                        "11,2,7\n",
                        m, NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 2);
    ck_assert_str_eq(dii_diagnostic_message(expect_at(d, "missing-field", m[0])),
                     "unit_id is empty");
    ck_assert_str_eq(dii_diagnostic_message(expect_at(d, "missing-field", m[1])),
                     "indicator is empty");
    ck_assert_uint_eq(dii_submissions_count(subs), 1);
    ck_assert_uint_eq(dii_submission_value_count(dii_submissions_get(subs, 0)), 1);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* The tokeniser's errors, as for a long table: a row of the wrong width
 * at its start, a stray quote where it is. */
START_TEST(syntax_errors)
{
    pos m[MAX_MARKS];
    char *text = marked("indicator,2022,2023\n"
                        "@1,2\n"
                        "2,3,4\n"
                        "3,a@\"b,5\n",
                        m, NULL);
    dii_parse_options o = unit_options("11", NULL);
    dii_diagnostics *d = load_fails(text, &o);
    expect_at(d, "syntax", m[0]);
    expect_at(d, "syntax", m[1]);
    dii_diagnostics_free(d);
    free(text);
}
END_TEST

/* Values are validated as any CSV value: here an unknown indicator at its
 * cell (with the usual suggestion), text where a number belongs at its
 * cell, a year outside 1900-2200 and one outside the framework's years at
 * their header cells. A code resolves: no error for row "2". */
START_TEST(validated_as_today)
{
    pos m[MAX_MARKS];
    char *text = marked("indicator,@1850,@2040,2022\n"
                        "2,1,1,@abc\n"
                        "@adult_smartphone_ownershipp,1,1,5\n",
                        m, NULL);
    dii_parse_options o = unit_options("11", NULL);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, &o, &d);
    ck_assert_uint_eq(dii_submissions_count(subs), 3);
    dii_diagnostics_free(d);
    dii_framework *fw = dien_bien();
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    expect_at(d, "out-of-range", m[0]);
    expect_at(d, "year-out-of-range", m[1]);
    expect_at(d, "wrong-type", m[2]);
    const dii_diagnostic *g = expect_at(d, "unknown-indicator", m[3]);
    ck_assert_str_eq(dii_diagnostic_hint(g), "did you mean 'adult_smartphone_ownership'?");
    ck_assert_int_eq(count_diag(d, "unknown-indicator"), 3); /* once a year */
    dii_diagnostics_free(d);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* Codes are a plan table's: the same code in a long table stays an
 * unknown indicator (with the hint to use the id), also after a merge
 * with a plan table, which keeps its own codes resolvable. */
START_TEST(codes_only_for_plan_tables)
{
    dii_framework *fw = dien_bien();
    dii_submissions *lng = NULL, *plan = NULL, *all = NULL;
    dii_diagnostics *d = NULL;
    const char *l = "unit_id,year,indicator,value\n12,2022,1,5\n";
    ck_assert_int_eq(dii_submissions_load_memory(l, strlen(l), "l.csv", NULL, &lng, NULL), DII_OK);
    dii_parse_options o = unit_options("11", NULL);
    plan = load_ok("indicator,2022\n1,5\n", &o, NULL);
    ck_assert_int_eq(dii_validate(fw, lng, &d), DII_ERR_VALIDATION);
    ck_assert_int_eq(count_diag(d, "unknown-indicator"), 1);
    dii_diagnostics_free(d);
    ck_assert_int_eq(dii_validate(fw, plan, &d), DII_OK);
    ck_assert_int_eq(count_diag(d, "unknown-indicator"), 0);
    dii_diagnostics_free(d);
    const dii_submissions *parts[] = {plan};
    ck_assert_int_eq(dii_submissions_merge(parts, 1, &all), DII_OK);
    ck_assert_int_eq(dii_validate(fw, all, &d), DII_OK);
    ck_assert_int_eq(count_diag(d, "unknown-indicator"), 0);
    dii_diagnostics_free(d);
    dii_submissions_free(all);
    dii_submissions_free(lng);
    dii_submissions_free(plan);
    dii_framework_free(fw);
}
END_TEST

/* The submissions limit counts the submissions the table makes. */
START_TEST(submissions_limit)
{
    dii_parse_options o = unit_options("11", NULL);
    o.max_submissions = 2;
    pos m[MAX_MARKS];
    char *text = marked("indicator,2022,2023,@2024\n1,1,2,3\n", m, NULL);
    dii_diagnostics *d = load_fails(text, &o);
    expect_at(d, "limit-exceeded", m[0]);
    dii_diagnostics_free(d);
    free(text);
}
END_TEST

START_TEST(allocation_failures)
{
    dii_parse_options o = unit_options("11", "x");
    check_load_under_failures("unit_name,indicator,2022,2023,2024\nA,1,5,,6\nB,2,,,có\n", "p.csv",
                              &o, DII_OK);
    check_load_under_failures("indicator,2022,2022\n1,5,6\n1,7,8\n", "p.csv", &o, DII_OK);
    check_load_under_failures("indicator,2022\n1,\"5\n", "p.csv", &o, DII_ERR_PARSE);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The example: the same submissions as the long panel                       */
/* ------------------------------------------------------------------------ */

static char *tracking_json(const dii_framework *fw, const dii_submissions *subs)
{
    dii_tracking *tr = NULL;
    ck_assert_int_eq(dii_track(fw, subs, NULL, &tr, NULL), DII_OK);
    char *json = NULL;
    ck_assert_int_eq(dii_tracking_to_json(tr, &json, NULL), DII_OK);
    dii_tracking_free(tr);
    return json;
}

static char *results_json(const dii_framework *fw, const dii_submissions *subs)
{
    dii_results *res = NULL;
    ck_assert_int_eq(dii_score(fw, subs, NULL, &res, NULL), DII_OK);
    char *json = NULL;
    ck_assert_int_eq(dii_results_to_json(res, &json, NULL), DII_OK);
    dii_results_free(res);
    return json;
}

/* examples/data/dien-bien-plan-table-synthetic-2023-2024.csv holds the
 * values of dien-bien-panel-2022-2024.json by code: both score and track
 * to the very same JSON. */
START_TEST(example_matches_the_long_panel)
{
    dii_framework *fw = dien_bien();
    dii_parse_options o = unit_options("11", "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn");
    dii_submissions *plan = NULL, *panel = NULL;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_file(
                         EXAMPLES "/dien-bien-plan-table-synthetic-2023-2024.csv", &o, &plan, &d),
                     DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    dii_diagnostics_free(d);
    ck_assert_int_eq(
        dii_submissions_load_file(EXAMPLES "/dien-bien-panel-2022-2024.json", NULL, &panel, NULL),
        DII_OK);
    ck_assert_uint_eq(dii_submissions_count(plan), 3);
    ck_assert_int_eq(dii_validate(fw, plan, &d), DII_OK);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    dii_diagnostics_free(d);
    char *a = tracking_json(fw, plan), *b = tracking_json(fw, panel);
    ck_assert_str_eq(a, b);
    dii_free(a);
    dii_free(b);
    a = results_json(fw, plan);
    b = results_json(fw, panel);
    ck_assert_str_eq(a, b);
    dii_free(a);
    dii_free(b);
    dii_submissions_free(plan);
    dii_submissions_free(panel);
    dii_framework_free(fw);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("plan_table");
    TCase *tc = tcase_create("plan_table");
    tcase_add_test(tc, one_unit_from_options);
    tcase_add_test(tc, recognised_by_header);
    tcase_add_test(tc, units_from_columns);
    tcase_add_test(tc, all_years_empty);
    tcase_add_test(tc, unit_option_needs_version_4);
    tcase_add_test(tc, version_3_struct_has_no_unit);
    tcase_add_test(tc, other_headers_stay_long);
    tcase_add_test(tc, no_unit_is_refused_at_1_1);
    tcase_add_test(tc, explicit_format_bad_headers);
    tcase_add_test(tc, repeated_columns);
    tcase_add_test(tc, repeated_indicator_row);
    tcase_add_test(tc, id_and_code_of_one_indicator);
    tcase_add_test(tc, empty_key_cells);
    tcase_add_test(tc, syntax_errors);
    tcase_add_test(tc, validated_as_today);
    tcase_add_test(tc, codes_only_for_plan_tables);
    tcase_add_test(tc, submissions_limit);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, example_matches_the_long_panel);
    suite_add_tcase(s, tc);
    return s;
}
