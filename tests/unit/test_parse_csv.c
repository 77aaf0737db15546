/* Loading long-format CSV submissions.
 *
 * Every expected line and column was counted by hand from the CSV text it
 * refers to (1-based; a column is the byte where the cell starts: its
 * opening quote when quoted, the delimiter after it when empty). Vietnamese
 * letters take 2 or 3 bytes in UTF-8 (Đ, â, ê: 2; ệ, ắ: 3), which the
 * counts take into account; the comments show the arithmetic. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"
#include "model.h"
#include "parse.h"
#include "failalloc.h"
#include "testutil.h"

#define SUB_DIR DII_TEST_DATA_DIR "/submissions"

static dii_parse_options options(char delimiter, char mark)
{
    dii_parse_options o = DII_PARSE_OPTIONS_INIT;
    o.csv_delimiter = delimiter;
    o.csv_decimal_mark = mark;
    return o;
}

static dii_submissions *load_ok(const char *text, const char *name,
                                const dii_parse_options *opts, dii_diagnostics **d)
{
    dii_submissions *subs = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), name, opts, &subs, d);
    ck_assert_msg(st == DII_OK, "load failed (%d): %s", (int)st, dii_last_error());
    ck_assert_ptr_nonnull(subs);
    ck_assert_int_eq(subs->is_csv, 1);
    return subs;
}

static dii_diagnostics *load_fails(const char *text, const char *name,
                                   const dii_parse_options *opts)
{
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_memory(text, strlen(text), name, opts, &subs, &d);
    ck_assert_int_eq(st, DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    ck_assert_ptr_nonnull(d);
    return d;
}

static const dii_diagnostic *expect_diag(const dii_diagnostics *d, const char *code,
                                         unsigned long line, unsigned long column)
{
    const dii_diagnostic *g = expect_diag_at(d, code, line, column);
    ck_assert_ptr_null(dii_diagnostic_pointer(g)); /* CSV has no pointers */
    return g;
}

static void expect_value(const dii_submission *s, size_t i, const char *indicator,
                         dii_value_kind kind, double number, unsigned long line,
                         unsigned long column)
{
    ck_assert_uint_lt(i, dii_submission_value_count(s));
    ck_assert_str_eq(dii_submission_value_indicator(s, i), indicator);
    ck_assert_int_eq(dii_submission_value_kind(s, i), kind);
    ck_assert_double_eq(dii_submission_value_number(s, i), number);
    ck_assert_msg(s->body->values[i].line == line && s->body->values[i].column == column,
                  "value %zu at %lu:%lu, expected %lu:%lu", i, (unsigned long)s->body->values[i].line,
                  (unsigned long)s->body->values[i].column, line, column);
    int failed;
    ck_assert_ptr_null(dii_value_pointer(s, 0, &s->body->values[i], &failed)); /* CSV: none */
    ck_assert_int_eq(failed, 0);
}

/* ------------------------------------------------------------------------ */
/* Well-formed inputs                                                        */
/* ------------------------------------------------------------------------ */

/* Rows group by (unit_id, year) in order of first appearance:
 *   line 2 `11,,2022,a,67.4,VNPT`          year col 5, value col 12
 *   line 3 `11,Điện Biên,2022,b,true,`     name = 13 bytes (cols 4-16): value col 25
 *   line 4 `12,Lai Châu,2022,a,,`          name = 9 bytes (4-12): year col 14,
 *                                          empty value at col 21
 *   line 5 `11,Điện Biên,2023,a,70,`       year col 18, value col 25
 *   line 6 `12,,2022,b,abc,`               value col 12 */
START_TEST(rows_group_into_submissions)
{
    const char text[] = "unit_id,unit_name,year,indicator,value,source\n"
                        "11,,2022,a,67.4,VNPT\n"
                        "11,\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn,2022,b,true,\n"
                        "12,Lai Ch\xC3\xA2u,2022,a,,\n"
                        "11,\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn,2023,a,70,\n"
                        "12,,2022,b,abc,\n";
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "basic.csv", NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_uint_eq(dii_submissions_count(subs), 3);

    const dii_submission *a = dii_submissions_get(subs, 0);
    ck_assert_str_eq(dii_submission_unit_id(a), "11");
    ck_assert_str_eq(dii_submission_unit_name(a), "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn");
    ck_assert_int_eq(dii_submission_year(a), 2022);
    ck_assert_ptr_null(dii_submission_framework(a));
    int failed;
    ck_assert_ptr_null(dii_submission_pointer(a, 0, &failed)); /* CSV: no JSON pointer */
    ck_assert_int_eq(failed, 0);
    ck_assert_uint_eq(dii_submission_line(a), 2);
    ck_assert_uint_eq(a->body->year_line, 2);
    ck_assert_uint_eq(a->body->year_column, 5);
    ck_assert_uint_eq(dii_submission_value_count(a), 2);
    expect_value(a, 0, "a", DII_VALUE_NUMBER, 67.4, 2, 12);
    ck_assert_str_eq(dii_submission_value_source(a, 0), "VNPT");
    expect_value(a, 1, "b", DII_VALUE_BOOLEAN, 1, 3, 25);
    ck_assert_ptr_null(dii_submission_value_source(a, 1));

    const dii_submission *b = dii_submissions_get(subs, 1);
    ck_assert_str_eq(dii_submission_unit_id(b), "12");
    ck_assert_str_eq(dii_submission_unit_name(b), "Lai Ch\xC3\xA2u");
    ck_assert_uint_eq(dii_submission_line(b), 4);
    ck_assert_uint_eq(b->body->year_column, 14);
    expect_value(b, 0, "a", DII_VALUE_MISSING, 0, 4, 21);
    expect_value(b, 1, "b", DII_VALUE_INVALID, 0, 6, 12);
    ck_assert_str_eq(b->body->values[1].text, "abc");

    const dii_submission *c = dii_submissions_get(subs, 2);
    ck_assert_int_eq(dii_submission_year(c), 2023);
    ck_assert_uint_eq(dii_submission_line(c), 5);
    ck_assert_uint_eq(c->body->year_column, 18);
    expect_value(c, 0, "a", DII_VALUE_NUMBER, 70, 5, 25);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* Header in any order and case, padded; ';' delimiter with ',' decimals.
 *   line 1 ` Value ; INDICATOR;Year;unit_id;Comment;year`
 *          Comment at col 33, the second year at col 41
 *   line 2 `"67,4";x;2022;11;hello;2023`   value (quoted) at col 1 */
START_TEST(header_order_case_and_semicolons)
{
    const char text[] = " Value ; INDICATOR;Year;unit_id;Comment;year\n"
                        "\"67,4\";x;2022;11;hello;2023\n"
                        "1,5e1;y;2022;11;;2023\n";
    dii_parse_options opts = options(';', ',');
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "vn.csv", &opts, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 2);
    const dii_diagnostic *g = expect_diag(d, "unknown-field", 1, 33);
    ck_assert_int_eq(dii_diagnostic_severity(g), DII_SEVERITY_WARNING);
    ck_assert_ptr_nonnull(dii_diagnostic_hint(g));
    g = expect_diag(d, "duplicate-field", 1, 41);
    ck_assert_int_eq(dii_diagnostic_severity(g), DII_SEVERITY_ERROR);
    ck_assert_str_eq(dii_diagnostic_file(g), "vn.csv");
    /* shape problems are kept for validation */
    ck_assert_uint_eq(dii_diagnostics_count(subs->load_diags), 2);

    ck_assert_uint_eq(dii_submissions_count(subs), 1);
    const dii_submission *s = dii_submissions_get(subs, 0);
    ck_assert_int_eq(dii_submission_year(s), 2022); /* the first year column */
    expect_value(s, 0, "x", DII_VALUE_NUMBER, 67.4, 2, 1);
    expect_value(s, 1, "y", DII_VALUE_NUMBER, 15, 3, 1);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* Quoted cells with the delimiter, a line break and doubled quotes:
 *   line 2-3 `11,"Điện Biên, tỉnh` / `Tây Bắc",2022,a,1.5`
 *            "Tây Bắc" = 10 bytes (cols 1-10), quote 11: value 1.5 at 3:20
 *   line 4   `11,"Điện ""B""",2022,b,"2"`   "2" at col 27
 *   line 5   `12,x,2022,a,3`                 3 at col 13 */
START_TEST(quoted_fields)
{
    const char text[] = "unit_id,unit_name,year,indicator,value\n"
                        "11,\"\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn, t\xE1\xBB\x89nh\n"
                        "T\xC3\xA2y B\xE1\xBA\xAF" "c\",2022,a,1.5\n"
                        "11,\"\xC4\x90i\xE1\xBB\x87n \"\"B\"\"\",2022,b,\"2\"\n"
                        "12,x,2022,a,3";
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, NULL, NULL, &d); /* sniffed as CSV */
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_uint_eq(dii_submissions_count(subs), 2);
    const dii_submission *a = dii_submissions_get(subs, 0);
    ck_assert_str_eq(dii_submission_unit_name(a),
                     "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn, t\xE1\xBB\x89nh\nT\xC3\xA2y B\xE1\xBA\xAF"
                     "c");
    ck_assert_uint_eq(dii_submission_line(a), 2);
    expect_value(a, 0, "a", DII_VALUE_NUMBER, 1.5, 3, 20);
    expect_value(a, 1, "b", DII_VALUE_NUMBER, 2, 4, 27);
    const dii_submission *b = dii_submissions_get(subs, 1);
    ck_assert_uint_eq(dii_submission_line(b), 5);
    expect_value(b, 0, "a", DII_VALUE_NUMBER, 3, 5, 13);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* BOM, tab delimiter, CR LF line ends and a blank line (line 3):
 *   `11<TAB>2022<TAB>b<TAB>2` on line 4: value at col 11 */
START_TEST(bom_tabs_crlf_blank_lines)
{
    const char text[] = "\xEF\xBB\xBFunit_id\tyear\tindicator\tvalue\r\n"
                        "11\t2022\ta\t1\r\n"
                        "\r\n"
                        "11\t2022\tb\t2\r\n"
                        ",,,\r\n"; /* not a row of this file: one field, no tabs */
    dii_parse_options opts = options('\t', '.');
    dii_diagnostics *d = NULL;
    dii_submissions *subs = NULL;
    /* ",,," is one field under a tab delimiter: a row of the wrong width */
    d = load_fails(text, "x.tsv", &opts);
    expect_diag(d, "syntax", 5, 1);
    dii_diagnostics_free(d);

    const char clean[] = "\xEF\xBB\xBFunit_id\tyear\tindicator\tvalue\r\n"
                         "11\t2022\ta\t1\r\n"
                         "\r\n"
                         "11\t2022\tb\t2\r\n"
                         "\t\t\t\r\n"; /* all cells empty: a blank row */
    subs = load_ok(clean, "x.tsv", &opts, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    const dii_submission *s = dii_submissions_get(subs, 0);
    ck_assert_uint_eq(dii_submission_line(s), 2);
    expect_value(s, 0, "a", DII_VALUE_NUMBER, 1, 2, 11);
    expect_value(s, 1, "b", DII_VALUE_NUMBER, 2, 4, 11);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

START_TEST(csv_file_with_crlf)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_submissions_load_file(SUB_DIR "/vn-semicolon-crlf.csv", NULL, &subs, &d);
    /* read with the default ',' the header is one unknown column */
    ck_assert_int_eq(st, DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    const dii_diagnostic *g = expect_diag(d, "missing-field", 1, 1);
    ck_assert_ptr_nonnull(strstr(dii_diagnostic_hint(g), "';'"));
    ck_assert_uint_eq(count_diag(d, "missing-field"), 4);
    ck_assert_uint_eq(count_diag(d, "unknown-field"), 1);
    dii_diagnostics_free(d);

    /* vn-semicolon-crlf.csv, CR LF line ends:
     *   line 2 `11;Điện Biên;2022;mobile;67,4`   13-byte name (cols 4-16), year
     *          18-21, mobile 23-28: value at col 30
     *   line 3 `11;Điện Biên;2022;iot;Có`        iot 23-25: value at col 27 */
    dii_parse_options opts = options(';', ',');
    st = dii_submissions_load_file(SUB_DIR "/vn-semicolon-crlf.csv", &opts, &subs, &d);
    ck_assert_msg(st == DII_OK, "%s", dii_last_error());
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    const dii_submission *s = dii_submissions_get(subs, 0);
    expect_value(s, 0, "mobile", DII_VALUE_NUMBER, 67.4, 2, 30);
    expect_value(s, 1, "iot", DII_VALUE_BOOLEAN, 1, 3, 27);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

START_TEST(value_words_and_numbers)
{
    const char text[] = "unit_id,year,indicator,value\n"
                        "1,2022,a,C\xC3\xB3\n"          /* Có */
                        "1,2022,b,C\xC3\x93\n"          /* CÓ */
                        "1,2022,c,c\xC3\xB3\n"          /* có */
                        "1,2022,d,Kh\xC3\xB4ng\n"       /* Không */
                        "1,2022,e,KH\xC3\x94NG\n"       /* KHÔNG */
                        "1,2022,f,kh\xC3\xB4ng\n"       /* không */
                        "1,2022,g,YES\n"
                        "1,2022,h,No\n"
                        "1,2022,i,True\n"
                        "1,2022,j,FALSE\n"
                        "1,2022,k,co\xCC\x81\n"         /* có, decomposed */
                        "1,2022,l,KHO\xCC\x82NG\n"      /* KHÔNG, decomposed */
                        "1,2022,m,nan\n"
                        "1,2022,n,-Inf\n"
                        "1,2022,o,c\xC3\xB3 th\xE1\xBB\x83\n" /* có thể: not a boolean */
                        "1,2022,p,  42  \n"
                        "1,2022,q,\" 1e3 \"\n"
                        "1,2022,r,0x10\n"
                        "1,2022,s,\"67,4\"\n"
                        "1,2022,t,.5\n"
                        "1,2022,u,-5.\n"
                        "1,2022,v,1e\n"
                        "1,2022,w,+7\n"
                        "1,2022,x,\"\"\n"
                        "1,2022,y,infinity\n"
                        "1,2022,z,1.2.3\n";
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "w.csv", NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    const dii_submission *s = dii_submissions_get(subs, 0);
    ck_assert_uint_eq(dii_submission_value_count(s), 26);
    const int booleans[] = {1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0};
    for (size_t i = 0; i < 12; i++) {
        ck_assert_msg(dii_submission_value_kind(s, i) == DII_VALUE_BOOLEAN, "value %zu", i);
        ck_assert_double_eq(dii_submission_value_number(s, i), booleans[i]);
    }
    ck_assert_int_eq(dii_submission_value_kind(s, 12), DII_VALUE_NUMBER);
    ck_assert(isnan(dii_submission_value_number(s, 12)));
    ck_assert(isinf(dii_submission_value_number(s, 13)) && dii_submission_value_number(s, 13) < 0);
    ck_assert_int_eq(dii_submission_value_kind(s, 14), DII_VALUE_INVALID);
    ck_assert_str_eq(s->body->values[14].text, "c\xC3\xB3 th\xE1\xBB\x83");
    ck_assert_double_eq(dii_submission_value_number(s, 15), 42);
    ck_assert_double_eq(dii_submission_value_number(s, 16), 1000);
    ck_assert_int_eq(dii_submission_value_kind(s, 17), DII_VALUE_INVALID);
    ck_assert_int_eq(dii_submission_value_kind(s, 18), DII_VALUE_INVALID); /* '.' is the mark */
    ck_assert_str_eq(s->body->values[18].text, "67,4");
    ck_assert_double_eq(dii_submission_value_number(s, 19), 0.5);
    ck_assert_double_eq(dii_submission_value_number(s, 20), -5);
    ck_assert_int_eq(dii_submission_value_kind(s, 21), DII_VALUE_INVALID);
    ck_assert_double_eq(dii_submission_value_number(s, 22), 7);
    ck_assert_int_eq(dii_submission_value_kind(s, 23), DII_VALUE_MISSING);
    ck_assert(isinf(dii_submission_value_number(s, 24)));
    ck_assert_int_eq(dii_submission_value_kind(s, 25), DII_VALUE_INVALID);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Problems                                                                  */
/* ------------------------------------------------------------------------ */

/*   line 2  `11,2022.5,a,1`    year at col 4: wrong-type
 *   line 3  `,2022,a,1`        empty unit_id at col 1
 *   line 4  `11,,a,1`          empty year at col 4
 *   line 5  `11,2022,,1`       empty indicator at col 9
 *   line 6  `11,2022,b`        3 fields: syntax at col 1
 *   line 7  `,,,`              all empty: ignored
 *   line 8-9 two values of c: both kept
 *   line 10 `11,20"22,d,1`     quote in an unquoted field: col 6
 *   line 11 good again
 *   line 12 `11,"2022"x,f,1`   text after the closing quote: col 10
 *   line 13 `11,2022,g,"open`  never closed: col 11 */
static const char PROBLEMS[] = "unit_id,year,indicator,value\n"
                               "11,2022.5,a,1\n"
                               ",2022,a,1\n"
                               "11,,a,1\n"
                               "11,2022,,1\n"
                               "11,2022,b\n"
                               ",,,\n"
                               "11,2022,c,2\n"
                               "11,2022,c,3\n"
                               "11,20\"22,d,1\n"
                               "11,2022,e,1\n"
                               "11,\"2022\"x,f,1\n"
                               "11,2022,g,\"open\n";

START_TEST(row_problems_all_reported)
{
    dii_diagnostics *d = load_fails(PROBLEMS, "p.csv", NULL);
    ck_assert_uint_eq(dii_diagnostics_count(d), 8);
    expect_diag(d, "wrong-type", 2, 4);
    expect_diag(d, "missing-field", 3, 1);
    expect_diag(d, "missing-field", 4, 4);
    expect_diag(d, "missing-field", 5, 9);
    expect_diag(d, "syntax", 6, 1);
    expect_diag(d, "syntax", 10, 6);
    expect_diag(d, "syntax", 12, 10);
    expect_diag(d, "syntax", 13, 11);
    /* in file order */
    for (size_t i = 1; i < dii_diagnostics_count(d); i++)
        ck_assert_uint_le(dii_diagnostic_line(dii_diagnostics_get(d, i - 1)),
                          dii_diagnostic_line(dii_diagnostics_get(d, i)));
    ck_assert_ptr_nonnull(strstr(dii_last_error(), "p.csv:2:4:"));
    dii_diagnostics_free(d);

    /* The parser keeps the good rows, duplicates included. */
    struct dii_submissions *raw = calloc(1, sizeof *raw);
    d = dii_diag_new();
    ck_assert_int_eq(dii_parse_submissions_csv(PROBLEMS, strlen(PROBLEMS), "p.csv", NULL, &DEFAULT_LIMITS,
                                               raw, d),
                     DII_ERR_PARSE);
    ck_assert_uint_eq(raw->count, 1);
    ck_assert_uint_eq(raw->items[0].body->value_count, 3);
    expect_value(&raw->items[0], 0, "c", DII_VALUE_NUMBER, 2, 8, 11);
    expect_value(&raw->items[0], 1, "c", DII_VALUE_NUMBER, 3, 9, 11);
    expect_value(&raw->items[0], 2, "e", DII_VALUE_NUMBER, 1, 11, 11);
    ck_assert_uint_eq(raw->items[0].line, 8);
    dii_diagnostics_free(d);
    dii_submissions_destroy(raw);
}
END_TEST

/* Shape problems alone do not fail the load. */
START_TEST(shape_problems_keep_the_model)
{
    const char text[] = "unit_id,year,indicator,value\n"
                        "11,2022,a,1\n"
                        "11,twenty,b,1\n"; /* year at col 4 */
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "s.csv", NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = expect_diag(d, "wrong-type", 3, 4);
    ck_assert_str_eq(dii_diagnostic_message(g), "year must be an integer, got 'twenty'");
    ck_assert_uint_eq(dii_submission_value_count(dii_submissions_get(subs, 0)), 1);
    ck_assert_uint_eq(dii_diagnostics_count(subs->load_diags), 1);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* A NUL byte would cut a cell short without a word: refused instead.
 * `11,2022,a,1<NUL>5` -> the NUL at 2:12 */
START_TEST(nul_bytes_refused)
{
    const char text[] = "unit_id,year,indicator,value\n11,2022,a,1\0" "5\n";
    dii_submissions *subs = (dii_submissions *)&subs;
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, sizeof text - 1, "n.csv", NULL, &subs, &d),
                     DII_ERR_PARSE);
    ck_assert_ptr_null(subs);
    expect_diag(d, "encoding", 2, 12);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(missing_columns)
{
    dii_diagnostics *d = load_fails("unit_id,year,indicator\n11,2022,a\n", "m.csv", NULL);
    ck_assert_uint_eq(dii_diagnostics_count(d), 1);
    const dii_diagnostic *g = expect_diag(d, "missing-field", 1, 1);
    ck_assert_str_eq(dii_diagnostic_message(g), "the header has no 'value' column");
    dii_diagnostics_free(d);
    /* a header after blank lines: reported at its own line */
    d = load_fails("\n\nunit,year,indicator,value\n", "m.csv", NULL);
    expect_diag(d, "missing-field", 3, 1);
    expect_diag(d, "unknown-field", 3, 1);
    dii_diagnostics_free(d);
}
END_TEST

START_TEST(many_units_and_rows)
{
    /* 2,000 units x 2 years x 3 indicators, rows interleaved by indicator:
     * every row lands in its own (unit, year), in order of first sight. */
    enum { UNITS = 2000 };
    size_t cap = (size_t)UNITS * 2 * 3 * 32 + 64;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)snprintf(text, cap, "unit_id,year,indicator,value\n");
    for (int k = 0; k < 3; k++)
        for (int u = 0; u < UNITS; u++)
            for (int y = 0; y < 2; y++)
                n += (size_t)snprintf(text + n, cap - n, "u%d,%d,i%d,%d\n", u, 2022 + y, k,
                                      u * 10 + k);
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "big.csv", NULL, &d);
    ck_assert_uint_eq(dii_submissions_count(subs), UNITS * 2);
    for (size_t i = 0; i < UNITS * 2; i++) {
        const dii_submission *s = dii_submissions_get(subs, i);
        char id[16];
        snprintf(id, sizeof id, "u%zu", i / 2);
        ck_assert_str_eq(dii_submission_unit_id(s), id);
        ck_assert_int_eq(dii_submission_year(s), 2022 + (int)(i % 2));
        ck_assert_uint_eq(dii_submission_value_count(s), 3);
        ck_assert_double_eq(dii_submission_value_number(s, 2), (double)(i / 2) * 10 + 2);
        ck_assert_uint_eq(dii_submission_line(s), i + 2);
    }
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    free(text);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Rows read without libcsv, numbers read without strtod                     */
/* ------------------------------------------------------------------------ */

/* Rows without a quote are split by the reader itself, the others by
 * libcsv; positions must not depend on which. With each line end:
 *   line 2-3 `11,2022,"a` / `b",1`  quoted indicator at 2:9, value at 3:4
 *   line 4   `11,2022,c,2`          value at col 11
 *   line 5   `11,20"22,d,1`         quote in an unquoted field: col 6
 *   line 6   `11,2022,e, 3`         value after a blank: col 12
 *   line 7   three blanks, line 8 empty: no rows
 *   line 9   ` 12 ,2023,f,4`        unit at col 2, value at col 13
 *   line 10  `12,2023,g,` (no line end) empty value at the end: col 11 */
START_TEST(plain_and_quoted_rows_mix)
{
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    for (size_t k = 0; k < 3; k++) {
        const char *e = ends[k];
        char text[256];
        snprintf(text, sizeof text,
                 "unit_id,year,indicator,value%s11,2022,\"a%sb\",1%s11,2022,c,2%s"
                 "11,20\"22,d,1%s11,2022,e, 3%s   %s%s 12 ,2023,f,4%s12,2023,g,",
                 e, e, e, e, e, e, e, e, e);
        struct dii_submissions *raw = calloc(1, sizeof *raw);
        dii_diagnostics *d = dii_diag_new();
        ck_assert_int_eq(dii_parse_submissions_csv(text, strlen(text), "m.csv", NULL,
                                                   &DEFAULT_LIMITS, raw, d),
                         DII_ERR_PARSE);
        ck_assert_uint_eq(dii_diagnostics_count(d), 1);
        expect_diag(d, "syntax", 5, 6);
        ck_assert_uint_eq(raw->count, 2);
        const struct dii_submission *s = &raw->items[0];
        ck_assert_uint_eq(s->line, 2);
        ck_assert_uint_eq(s->body->value_count, 3);
        char indicator[8];
        snprintf(indicator, sizeof indicator, "a%sb", e);
        expect_value(s, 0, indicator, DII_VALUE_NUMBER, 1, 3, 4);
        ck_assert_uint_eq(s->body->values[0].key_line, 2);
        ck_assert_uint_eq(s->body->values[0].key_column, 9);
        expect_value(s, 1, "c", DII_VALUE_NUMBER, 2, 4, 11);
        expect_value(s, 2, "e", DII_VALUE_NUMBER, 3, 6, 12);
        s = &raw->items[1];
        ck_assert_str_eq(s->body->unit_id, "12");
        ck_assert_uint_eq(s->line, 9);
        ck_assert_uint_eq(s->column, 2);
        ck_assert_uint_eq(s->body->year_column, 6);
        ck_assert_uint_eq(s->body->value_count, 2);
        expect_value(s, 0, "f", DII_VALUE_NUMBER, 4, 9, 13);
        expect_value(s, 1, "g", DII_VALUE_MISSING, 0, 10, 11);
        dii_diagnostics_free(d);
        dii_submissions_destroy(raw);
    }
}
END_TEST

/* Every number reads as the very double strtod gives in the "C" locale,
 * whether the reader's fast path (at most 19 significant digits, up to
 * 2^53, |exponent| <= 22) or strtod itself reads it: the edges of that
 * path, halfway cases and signed zeros. */
static const char *const NUMBERS[] = {
    "0", "-0", "+0", "0.000", "-0.0e5", "0e99999", "-0e-99999", "00012.500", ".5", "5.",
    "0.1", "0.2", "0.3", "67.4", "-12.75e+3", "1e22", "1e23", "1.5e-22", "1e-23", "123e-24",
    "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
    "900719925474099.3", "90071992547409.93e1", "9007199254740993e1",
    "1234567890123456789", "12345678901234567890", "0.1234567890123456789012345",
    "1e308", "1.7976931348623157e308", "1e309", "4.9e-324", "2.4703282292062327e-324",
    "1e-400", "2.2250738585072011e-308", "0.000000000000000000000000000001",
    "100000000000000000000000", "3.14159265358979323846", "1e5", "+.5e1", "99.99",
};

START_TEST(numbers_read_exactly)
{
    size_t n = sizeof NUMBERS / sizeof *NUMBERS;
    for (int semicolon = 0; semicolon < 2; semicolon++) {
        char text[4096];
        size_t len = (size_t)snprintf(text, sizeof text, "unit_id%cyear%cindicator%cvalue\n",
                                      semicolon ? ';' : ',', semicolon ? ';' : ',',
                                      semicolon ? ';' : ',');
        for (size_t i = 0; i < n; i++) {
            char number[64];
            snprintf(number, sizeof number, "%s", NUMBERS[i]);
            char *mark = strchr(number, '.');
            if (semicolon && mark != NULL)
                *mark = ',';
            len += (size_t)snprintf(text + len, sizeof text - len, "1%c2022%ci%zu%c%s\n",
                                    semicolon ? ';' : ',', semicolon ? ';' : ',', i,
                                    semicolon ? ';' : ',', number);
        }
        dii_parse_options opts = options(semicolon ? ';' : ',', semicolon ? ',' : '.');
        dii_diagnostics *d = NULL;
        dii_submissions *subs = load_ok(text, "n.csv", &opts, &d);
        const dii_submission *s = dii_submissions_get(subs, 0);
        ck_assert_uint_eq(dii_submission_value_count(s), n);
        for (size_t i = 0; i < n; i++) {
            double want = strtod(NUMBERS[i], NULL);
            double got = dii_submission_value_number(s, i);
            ck_assert_int_eq(dii_submission_value_kind(s, i), DII_VALUE_NUMBER);
            ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s: got %.17g, want %.17g",
                          NUMBERS[i], got, want);
        }
        dii_diagnostics_free(d);
        dii_submissions_free(subs);
    }
}
END_TEST

/* A submission's values array is sized from the previous submission's
 * count; one with more values still grows, one with fewer keeps them all. */
START_TEST(submissions_of_different_sizes)
{
    const char text[] = "unit_id,year,indicator,value\n"
                        "1,2022,a,1\n1,2022,b,2\n1,2022,c,3\n"
                        "2,2022,a,1\n2,2022,b,2\n2,2022,c,3\n2,2022,d,4\n2,2022,e,5\n"
                        "3,2022,a,1\n"
                        "1,2022,d,4\n";
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(text, "s.csv", NULL, &d);
    ck_assert_uint_eq(dii_submissions_count(subs), 3);
    const size_t counts[] = {4, 5, 1};
    for (size_t i = 0; i < 3; i++) {
        const dii_submission *s = dii_submissions_get(subs, i);
        ck_assert_uint_eq(dii_submission_value_count(s), counts[i]);
        for (size_t k = 0; k < counts[i]; k++)
            ck_assert_double_eq(dii_submission_value_number(s, k), (double)k + 1);
    }
    expect_value(dii_submissions_get(subs, 0), 3, "d", DII_VALUE_NUMBER, 4, 11, 10);
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* Rows of two units alternate, each with its own source but one: the
 * values are regrouped by submission at the end of the table, and each
 * source must stay with its value. Sources are kept beside the values
 * (the submission's extra part), made only for a submission with one. */
static const char INTERLEAVED[] = "unit_id,year,indicator,value,source\n"
                                  "u1,2022,a,1,s1a\n"
                                  "u2,2022,a,2,s2a\n"
                                  "u1,2022,b,3,s1b\n"
                                  "u2,2022,b,4,\n"
                                  "u3,2022,a,5,\n"
                                  "u1,2022,c,6,s1c\n"
                                  "u2,2022,c,7,s2c\n";

START_TEST(sources_follow_interleaved_rows)
{
    dii_diagnostics *d = NULL;
    dii_submissions *subs = load_ok(INTERLEAVED, "i.csv", NULL, &d);
    ck_assert_uint_eq(dii_diagnostics_count(d), 0);
    ck_assert_uint_eq(dii_submissions_count(subs), 3);
    const dii_submission *u1 = dii_submissions_get(subs, 0), *u2 = dii_submissions_get(subs, 1);
    const char *ids[] = {"a", "b", "c"};
    const char *s1[] = {"s1a", "s1b", "s1c"}, *s2[] = {"s2a", NULL, "s2c"};
    const double n1[] = {1, 3, 6}, n2[] = {2, 4, 7};
    const unsigned long line1[] = {2, 4, 7}, line2[] = {3, 5, 8}; /* value column 11 */
    for (size_t i = 0; i < 3; i++) {
        expect_value(u1, i, ids[i], DII_VALUE_NUMBER, n1[i], line1[i], 11);
        expect_value(u2, i, ids[i], DII_VALUE_NUMBER, n2[i], line2[i], 11);
        ck_assert_str_eq(dii_submission_value_source(u1, i), s1[i]);
        if (s2[i] == NULL)
            ck_assert_ptr_null(dii_submission_value_source(u2, i));
        else
            ck_assert_str_eq(dii_submission_value_source(u2, i), s2[i]);
    }
    ck_assert_ptr_null(dii_submission_value_source(u1, 3)); /* out of range */
    const dii_submission *u3 = dii_submissions_get(subs, 2);
    ck_assert_ptr_null(dii_submission_value_source(u3, 0));
    ck_assert_ptr_null(u3->body->extra); /* no source, no name: no extra part */
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
}
END_TEST

/* Two sets with sources, merged: each copy keeps its own sources. */
START_TEST(sources_survive_a_merge)
{
    dii_diagnostics *da = NULL, *db = NULL;
    dii_submissions *a = load_ok(INTERLEAVED, "i.csv", NULL, &da);
    dii_submissions *b = load_ok("unit_id,year,indicator,value,source\nu9,2023,z,9,s9\n",
                                 "b.csv", NULL, &db);
    const dii_submissions *parts[] = {a, b};
    dii_submissions *all = NULL;
    ck_assert_int_eq(dii_submissions_merge(parts, 2, &all), DII_OK);
    dii_submissions_free(a); /* the merge holds copies */
    ck_assert_uint_eq(dii_submissions_count(all), 4);
    const dii_submission *u2 = dii_submissions_get(all, 1), *u9 = dii_submissions_get(all, 3);
    ck_assert_str_eq(dii_submission_value_source(dii_submissions_get(all, 0), 2), "s1c");
    ck_assert_str_eq(dii_submission_value_source(u2, 0), "s2a");
    ck_assert_ptr_null(dii_submission_value_source(u2, 1));
    ck_assert_str_eq(dii_submission_value_source(u2, 2), "s2c");
    ck_assert_ptr_null(dii_submission_value_source(dii_submissions_get(all, 2), 0));
    ck_assert_ptr_null(dii_submissions_get(all, 2)->body->extra->sources);
    ck_assert_str_eq(dii_submission_value_source(u9, 0), "s9");
    ck_assert_str_eq(dii_sub_file(all, u9), "b.csv");
    dii_submissions_free(all);
    dii_submissions_free(b);
    dii_diagnostics_free(da);
    dii_diagnostics_free(db);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failures                                                       */
/* ------------------------------------------------------------------------ */

/* A merge of the interleaved table with itself, as a loader for the
 * allocation-failure walk. */
static dii_status merge_interleaved(const void *input, dii_submissions **out,
                                    dii_diagnostics **diags)
{
    dii_submissions *part = NULL;
    *out = NULL;
    dii_status st = dii_submissions_load_memory(input, strlen(input), "i.csv", NULL, &part,
                                                diags);
    if (st != DII_OK)
        return st;
    const dii_submissions *parts[] = {part, part};
    st = dii_submissions_merge(parts, 2, out);
    dii_submissions_free(part);
    if (st != DII_OK) {
        dii_diagnostics_free(*diags);
        *diags = NULL;
    }
    return st;
}

START_TEST(allocation_failures)
{
    const char good[] = "unit_id,unit_name,year,indicator,value,source,extra,year\n"
                        "11,A,2022,a,1.5,src,x,1\n"
                        "11,,2022,b,c\xC3\xB3,,x,1\n"
                        "12,B,2022,a,abc,,x,1\n"
                        "12,B,twenty,a,1,,x,1\n";
    check_load_under_failures(good, "g.csv", NULL, DII_OK);
    check_load_under_failures(PROBLEMS, "p.csv", NULL, DII_ERR_PARSE);
    check_load_under_failures("unit_id;year\n", "h.csv", NULL, DII_ERR_PARSE);
    check_load_under_failures(INTERLEAVED, "i.csv", NULL, DII_OK); /* sources regrouped */
    check_loader_under_failures(merge_interleaved, INTERLEAVED, DII_OK);
}
END_TEST

/* A header written with another delimiter than the one in use is one cell
 * that, split at that delimiter, names the required columns: the hint
 * names the delimiter, the dii flag and the option (issue 9, item 18). The
 * header's one cell is missing every required column: 4 errors at 1:1. */
static void expect_delimiter_hint(const char *text, char delimiter, const char *hint_part)
{
    dii_parse_options o = options(delimiter, delimiter == ',' ? '.' : ',');
    dii_diagnostics *d = load_fails(text, "h.csv", &o);
    ck_assert_uint_eq(count_diag(d, "missing-field"), 4);
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *g = dii_diagnostics_get(d, i);
        if (strcmp(dii_diagnostic_code(g), "missing-field") != 0)
            continue; /* the one cell is also an unknown column */
        const char *hint = dii_diagnostic_hint(g);
        ck_assert_msg(hint != NULL && strstr(hint, hint_part) != NULL, "hint '%s' lacks '%s'",
                      hint ? hint : "(null)", hint_part);
    }
    dii_diagnostics_free(d);
}

START_TEST(other_delimiter_hint)
{
    expect_delimiter_hint("Unit_ID; unit_name; year ;indicator;value\n"
                          "11;Điện Biên;2022;a;67,4\n",
                          ',',
                          "the file looks semicolon-separated (a Vietnamese spreadsheet "
                          "export): use --delimiter ';' (option csv_delimiter), and "
                          "--decimal-mark ',' (csv_decimal_mark) if its numbers use a decimal "
                          "comma");
    expect_delimiter_hint("unit_id,year,indicator,value\n11,2022,a,67.4\n", ';',
                          "the file looks comma-separated: use --delimiter ',' (option "
                          "csv_delimiter)");
    expect_delimiter_hint("unit_id\tyear\tindicator\tvalue\n11\t2022\ta\t67.4\n", ',',
                          "the file looks tab-separated: use --delimiter tab");
    /* ';' in a header that does not split into the columns: no such guess */
    expect_delimiter_hint("unit_id;year;indicatr;value\n", ',',
                          "the header must name the columns unit_id, year, indicator and "
                          "value");
    expect_delimiter_hint("a;b\n", ',', "the header must name the columns");
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("parse_csv");
    TCase *good = tcase_create("well-formed");
    tcase_add_test(good, rows_group_into_submissions);
    tcase_add_test(good, header_order_case_and_semicolons);
    tcase_add_test(good, quoted_fields);
    tcase_add_test(good, bom_tabs_crlf_blank_lines);
    tcase_add_test(good, csv_file_with_crlf);
    tcase_add_test(good, value_words_and_numbers);
    tcase_add_test(good, many_units_and_rows);
    tcase_add_test(good, numbers_read_exactly);
    tcase_add_test(good, submissions_of_different_sizes);
    tcase_add_test(good, sources_follow_interleaved_rows);
    tcase_add_test(good, sources_survive_a_merge);
    suite_add_tcase(s, good);
    TCase *bad = tcase_create("problems");
    tcase_add_test(bad, row_problems_all_reported);
    tcase_add_test(bad, shape_problems_keep_the_model);
    tcase_add_test(bad, missing_columns);
    tcase_add_test(bad, other_delimiter_hint);
    tcase_add_test(bad, nul_bytes_refused);
    tcase_add_test(bad, plain_and_quoted_rows_mix);
    tcase_add_test(bad, allocation_failures);
    suite_add_tcase(s, bad);
    return s;
}
