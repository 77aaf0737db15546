/* The built-in frameworks, checked through the public API only.
 *
 * The Điện Biên table below was transcribed BY HAND from the appendix
 * ("PHỤ LỤC") of the seed document, Kế hoạch 4734/KH-UBND ngày 10/10/2023
 * (shared/seeds/000_711393773c576ad5.txt), independently of
 * data/frameworks/dien-bien-4734-2023.json: it is a second reading of the
 * source, so a typo in either one makes this test fail.
 *
 * Reading rules (docs/domain.md §1.2): decimal comma -> point; a plain number
 * is ">=", a number written ">60" is ">"; row 21 "Có" is boolean true with
 * "==" every year. Row 23 is the table's last row (the seed file's final
 * line, which has no trailing newline).
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

enum { GE = DII_OP_GE, GT = DII_OP_GT, EQ = DII_OP_EQ };

typedef struct {
    int op;
    double value;
} cell;

typedef struct {
    const char *code;   /* Stt */
    const char *group;  /* I..IV */
    dii_unit unit;      /* Đơn vị tính */
    double baseline;    /* Thực hiện năm 2022 */
    cell t2023, t2024, t2025, t2030;
} row;

#define PCT DII_UNIT_PERCENT
#define P100 DII_UNIT_PER_100_PEOPLE
#define MBPS DII_UNIT_MBPS
#define CNT DII_UNIT_COUNT
#define BOOL DII_UNIT_BOOLEAN

/* Stt, group, unit, 2022, 2023, 2024, 2025, 2030 — typed from the appendix. */
static const row TABLE[23] = {
    {"1", "I", P100, 67.4, {GE, 72}, {GE, 76}, {GE, 80}, {GE, 100}},
    {"2", "I", PCT, 75.2, {GE, 77}, {GE, 78.5}, {GE, 80}, {GE, 100}},
    {"3", "I", PCT, 63, {GE, 67}, {GE, 71}, {GE, 75}, {GE, 90}},
    {"4", "I", MBPS, 37.7, {GE, 42}, {GE, 46}, {GE, 50}, {GE, 100}},
    {"5", "I", PCT, 94.8, {GE, 96}, {GE, 98}, {GE, 100}, {GE, 100}},
    {"6", "I", PCT, 0, {GE, 0}, {GE, 5}, {GE, 15}, {GE, 100}},
    {"7", "I", PCT, 10.8, {GE, 11}, {GE, 11.5}, {GE, 12}, {GT, 25}},
    {"8", "I", PCT, 43, {GE, 45}, {GE, 47.5}, {GE, 50}, {GT, 75}},
    {"9", "I", PCT, 6, {GE, 7}, {GE, 8.5}, {GE, 10}, {GT, 20}},
    {"10", "I", PCT, 100, {GE, 100}, {GE, 100}, {GE, 100}, {GE, 100}},
    {"11", "I", P100, 9, {GE, 10}, {GE, 11}, {GE, 12}, {GE, 20}},
    {"12", "I", PCT, 42, {GE, 48}, {GE, 54}, {GT, 60}, {GE, 100}},
    {"13", "I", MBPS, 100, {GE, 100}, {GE, 100}, {GE, 100}, {GE, 150}},
    {"14", "I", PCT, 88.1, {GE, 88.5}, {GE, 89}, {GE, 90}, {GE, 100}},
    {"15", "I", PCT, 21, {GE, 24}, {GE, 27}, {GE, 30}, {GT, 40}},
    {"16", "I", PCT, 85, {GE, 90}, {GE, 95}, {GE, 100}, {GE, 100}},
    {"17", "II", CNT, 1, {GE, 1}, {GE, 2}, {GE, 3}, {GE, 4}},
    {"18", "II", PCT, 100, {GE, 100}, {GE, 100}, {GE, 100}, {GE, 100}},
    {"19", "II", PCT, 40, {GE, 50}, {GE, 75}, {GE, 87}, {GE, 100}},
    {"20", "III", PCT, 42, {GE, 45}, {GE, 47}, {GT, 50}, {GT, 95}},
    {"21", "III", BOOL, 1, {EQ, 1}, {EQ, 1}, {EQ, 1}, {EQ, 1}},
    {"22", "IV", PCT, 100, {GE, 100}, {GE, 100}, {GE, 100}, {GE, 100}},
    {"23", "IV", PCT, 100, {GE, 100}, {GE, 100}, {GE, 100}, {GE, 100}},
};

static dii_framework *load(const char *id)
{
    dii_framework *fw = NULL;
    dii_status st = dii_framework_builtin(id, &fw);
    ck_assert_msg(st == DII_OK, "dii_framework_builtin(%s): %d %s", id, (int)st,
                  dii_last_error());
    ck_assert_ptr_nonnull(fw);
    return fw;
}

/* ------------------------------------------------------------------------ */

START_TEST(test_builtin_list)
{
    size_t n = dii_builtin_framework_count();
    ck_assert_uint_ge(n, 2);
    int seen_db = 0, seen_885 = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = dii_builtin_framework_id(i);
        ck_assert_ptr_nonnull(id);
        if (strcmp(id, "dien-bien-4734-2023") == 0)
            seen_db++;
        if (strcmp(id, "dii-885-2023") == 0)
            seen_885++;
        size_t len = 0;
        const char *json = dii_builtin_framework_json(id, &len);
        ck_assert_ptr_nonnull(json);
        ck_assert_uint_gt(len, 0);
        /* every listed id loads */
        dii_framework *fw = load(id);
        ck_assert_str_eq(dii_framework_id(fw), id);
        dii_framework_free(fw);
    }
    ck_assert_int_eq(seen_db, 1);
    ck_assert_int_eq(seen_885, 1);
    ck_assert_ptr_null(dii_builtin_framework_id(n));
}
END_TEST

START_TEST(test_builtin_not_found)
{
    dii_framework *fw = (dii_framework *)&fw; /* sentinel: must be reset to NULL */
    ck_assert_int_eq(dii_framework_builtin("no-such", &fw), DII_ERR_NOT_FOUND);
    ck_assert_ptr_null(fw);
    ck_assert_ptr_null(dii_builtin_framework_json("no-such", NULL));
}
END_TEST

/* dii_framework_builtin_with: the built-in loader with diagnostics, like
 * every other loader. */
START_TEST(test_builtin_with_suggests)
{
    dii_framework *fw = (dii_framework *)&fw;
    dii_diagnostics *diags = NULL;
    ck_assert_int_eq(dii_framework_builtin_with("dien-bien-4734-2032", &fw, &diags),
                     DII_ERR_NOT_FOUND);
    ck_assert_ptr_null(fw);
    ck_assert_str_eq(dii_last_error(), "no built-in framework 'dien-bien-4734-2032'");
    ck_assert_uint_eq(dii_diagnostics_count(diags), 1);
    ck_assert_uint_eq(dii_diagnostics_error_count(diags), 1);
    const dii_diagnostic *d = dii_diagnostics_get(diags, 0);
    ck_assert_str_eq(dii_diagnostic_code(d), "unknown-framework");
    ck_assert_str_eq(dii_diagnostic_message(d), "no built-in framework 'dien-bien-4734-2032'");
    ck_assert_str_eq(dii_diagnostic_hint(d), "did you mean 'dien-bien-4734-2023'?");
    ck_assert_ptr_null(dii_diagnostic_file(d));
    ck_assert_uint_eq(dii_diagnostic_line(d), 0);
    ck_assert_int_eq(dii_diagnostic_submission(d), -1);
    dii_diagnostics_free(diags);

    /* Nothing near: the hint lists every built-in. */
    ck_assert_int_eq(dii_framework_builtin_with("zzz", &fw, &diags), DII_ERR_NOT_FOUND);
    ck_assert_str_eq(dii_diagnostic_hint(dii_diagnostics_get(diags, 0)),
                     "built-in frameworks: dien-bien-4734-2023 dii-885-2023");
    dii_diagnostics_free(diags);
    /* diags may be NULL. */
    ck_assert_int_eq(dii_framework_builtin_with("zzz", &fw, NULL), DII_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_builtin_with_loads)
{
    dii_framework *fw = NULL;
    dii_diagnostics *diags = (dii_diagnostics *)&diags;
    ck_assert_int_eq(dii_framework_builtin_with("dii-885-2023", &fw, &diags), DII_OK);
    ck_assert_str_eq(dii_framework_id(fw), "dii-885-2023");
    ck_assert_ptr_nonnull(diags);
    ck_assert_uint_eq(dii_diagnostics_count(diags), 0);
    dii_diagnostics_free(diags);
    dii_framework_free(fw);

    diags = (dii_diagnostics *)&diags;
    ck_assert_int_eq(dii_framework_builtin_with(NULL, &fw, &diags), DII_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(diags);
    ck_assert_ptr_null(fw);
    ck_assert_int_eq(dii_framework_builtin_with("dii-885-2023", NULL, NULL),
                     DII_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dien-bien-4734-2023                                                       */

START_TEST(test_dien_bien_header)
{
    dii_framework *fw = load("dien-bien-4734-2023");
    ck_assert_str_eq(dii_framework_id(fw), "dien-bien-4734-2023");
    ck_assert_str_eq(dii_framework_version(fw), "2023-10-10");
    ck_assert_int_eq(dii_framework_status_of(fw), DII_FRAMEWORK_OFFICIAL);
    ck_assert_int_eq(dii_framework_missing_policy(fw), DII_MISSING_ZERO);
    ck_assert_int_eq(dii_framework_rank_decimals(fw), 4);
    ck_assert_ptr_nonnull(dii_framework_source(fw));
    ck_assert_ptr_nonnull(strstr(dii_framework_source(fw), "4734/KH-UBND"));
    ck_assert_ptr_nonnull(dii_framework_title(fw, "vi"));
    ck_assert_ptr_nonnull(dii_framework_title(fw, "en"));
    ck_assert_uint_eq(dii_framework_indicator_count(fw), 23);
    ck_assert_double_eq(dii_framework_max_points(fw), 23);
    ck_assert_int_eq(dii_framework_first_year(fw), 2022);
    ck_assert_int_eq(dii_framework_last_year(fw), 2030);

    static const char *const ids[4] = {"I", "II", "III", "IV"};
    static const size_t counts[4] = {16, 3, 2, 2};
    static const char *const vi[4] = {
        "Mạng viễn thông băng rộng",
        "Hạ tầng trung tâm dữ liệu và điện toán đám mây",
        "Hạ tầng công nghệ số",
        "Nền tảng số có tính chất hạ tầng",
    };
    ck_assert_uint_eq(dii_framework_group_count(fw), 4);
    for (size_t g = 0; g < 4; g++) {
        const dii_group *grp = dii_framework_group(fw, g);
        ck_assert_ptr_nonnull(grp);
        ck_assert_str_eq(dii_group_id(grp), ids[g]);
        ck_assert_str_eq(dii_group_name(grp, "vi"), vi[g]);
        ck_assert_ptr_nonnull(dii_group_name(grp, "en"));
        ck_assert_uint_eq(dii_group_indicator_count(grp), counts[g]);
        ck_assert_double_eq(dii_group_max_points(grp), (double)counts[g]);
        ck_assert_ptr_eq(dii_framework_find_group(fw, ids[g]), grp);
    }
    /* membership counted from the indicators themselves */
    size_t members[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < 23; i++) {
        const char *g = dii_indicator_group(dii_framework_indicator(fw, i));
        for (size_t k = 0; k < 4; k++)
            if (strcmp(g, ids[k]) == 0)
                members[k]++;
    }
    for (size_t k = 0; k < 4; k++)
        ck_assert_uint_eq(members[k], counts[k]);
    dii_framework_free(fw);
}
END_TEST

static void check_target(const dii_indicator *ind, size_t i, int year, cell c)
{
    int y = 0;
    dii_op op = DII_OP_LT;
    double v = -1;
    ck_assert_int_eq(dii_indicator_target(ind, i, &y, &op, &v), DII_OK);
    ck_assert_msg(y == year, "row %s target %zu: year %d, want %d", dii_indicator_code(ind), i,
                  y, year);
    ck_assert_msg((int)op == c.op, "row %s %d: op %s, want %s", dii_indicator_code(ind), year,
                  dii_op_symbol(op), dii_op_symbol((dii_op)c.op));
    ck_assert_msg(v == c.value, "row %s %d: value %g, want %g", dii_indicator_code(ind), year, v,
                  c.value);
}

/* Every number of the appendix, row by row (a loop test over the 23 rows). */
START_TEST(test_dien_bien_row)
{
    const row *r = &TABLE[_i];
    dii_framework *fw = load("dien-bien-4734-2023");
    const dii_indicator *ind = dii_framework_find_indicator_by_code(fw, r->code);
    ck_assert_msg(ind != NULL, "no indicator with code %s", r->code);
    ck_assert_uint_eq(dii_indicator_index(ind), (size_t)_i); /* table order */
    ck_assert_ptr_eq(dii_framework_indicator(fw, (size_t)_i), ind);
    ck_assert_str_eq(dii_indicator_code(ind), r->code);
    ck_assert_str_eq(dii_indicator_group(ind), r->group);
    ck_assert_int_eq(dii_indicator_unit(ind), r->unit);
    ck_assert_int_eq(dii_indicator_direction(ind), DII_DIRECTION_HIGHER);
    ck_assert_double_eq(dii_indicator_points(ind), 1);
    ck_assert_int_eq(dii_indicator_method(ind), r->unit == DII_UNIT_BOOLEAN
                                                    ? DII_METHOD_BOOLEAN
                                                    : DII_METHOD_TARGET_RATIO);
    /* every row is read from the official table, row 23 included */
    ck_assert_int_eq(dii_indicator_provisional(ind), 0);

    const char *id = dii_indicator_id(ind);
    ck_assert_ptr_nonnull(id);
    ck_assert_uint_eq(strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_"), strlen(id));
    ck_assert_ptr_eq(dii_framework_find_indicator(fw, id), ind);
    ck_assert_ptr_nonnull(dii_indicator_name(ind, "vi"));
    ck_assert_ptr_nonnull(dii_indicator_name(ind, "en"));

    int by = 0;
    double bv = -1;
    ck_assert_int_eq(dii_indicator_baseline(ind, &by, &bv), 1);
    ck_assert_int_eq(by, 2022);
    ck_assert_msg(bv == r->baseline, "row %s baseline %g, want %g", r->code, bv, r->baseline);

    ck_assert_uint_eq(dii_indicator_target_count(ind), 4);
    check_target(ind, 0, 2023, r->t2023);
    check_target(ind, 1, 2024, r->t2024);
    check_target(ind, 2, 2025, r->t2025);
    check_target(ind, 3, 2030, r->t2030);
    dii_framework_free(fw);
}
END_TEST

START_TEST(test_dien_bien_names)
{
    dii_framework *fw = load("dien-bien-4734-2023");
    static const struct {
        const char *code, *vi;
    } names[] = {
        {"1", "Số thuê bao băng rộng di động/100 dân"},
        {"5", "Tỷ lệ cấp thôn, bản được phủ sóng di động băng rộng"},
        {"6", "Triển khai cung cấp dịch vụ mạng di động 5G khu vực đô thị"},
        /* the seed's spelling is kept, typo included */
        {"9", "Tỷ lệ dùng chung công bě cáp"},
        {"17", "Phát triển, duy trì Trung tâm dữ liệu của tỉnh theo công nghệ điện toán đám mây"},
        {"22", "Tỷ lệ cơ quan, tổ chức Nhà nước sử dụng nền tảng số có tính chất hạ tầng"},
        {"23", "Tỷ lệ doanh nghiệp sử dụng nền tảng số có tính chất hạ tầng"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const dii_indicator *ind = dii_framework_find_indicator_by_code(fw, names[i].code);
        ck_assert_ptr_nonnull(ind);
        ck_assert_str_eq(dii_indicator_name(ind, "vi"), names[i].vi);
    }
    /* narrative / table disagreements are recorded in the notes */
    const dii_indicator *r1 = dii_framework_find_indicator_by_code(fw, "1");
    ck_assert_ptr_nonnull(dii_indicator_notes(r1));
    ck_assert_ptr_nonnull(strstr(dii_indicator_notes(r1), "Trên 80"));
    const dii_indicator *r19 = dii_framework_find_indicator_by_code(fw, "19");
    ck_assert_ptr_nonnull(dii_indicator_notes(r19));
    ck_assert_ptr_nonnull(strstr(dii_indicator_notes(r19), "50%"));
    dii_framework_free(fw);
}
END_TEST

/* The hand-checked fact of domain.md §1.2, on this file's own table: the 2022
 * actuals meet the 2023 targets exactly on rows 6, 10, 13, 17, 18, 21, 22,
 * 23, and value/target clamped to [0,1] sums to 21.8559266... of 23. Guards
 * the transcription above (and, through test_dien_bien_row, the JSON). */
START_TEST(test_dien_bien_hand_check)
{
    static const int met_rows[] = {6, 10, 13, 17, 18, 21, 22, 23};
    double sum = 0;
    size_t met = 0;
    for (size_t i = 0; i < 23; i++) {
        const row *r = &TABLE[i];
        int holds = dii_op_holds((dii_op)r->t2023.op, r->baseline, r->t2023.value);
        double a;
        if (r->unit == DII_UNIT_BOOLEAN || r->t2023.value <= 0)
            a = holds ? 1.0 : 0.0;
        else
            a = fmin(1.0, fmax(0.0, r->baseline / r->t2023.value));
        sum += a;
        int expected = 0;
        for (size_t k = 0; k < sizeof met_rows / sizeof met_rows[0]; k++)
            if (met_rows[k] == (int)i + 1)
                expected = 1;
        ck_assert_msg(holds == expected, "row %zu: met %d, want %d", i + 1, holds, expected);
        met += (size_t)holds;
    }
    ck_assert_uint_eq(met, 8);
    ck_assert_double_eq_tol(sum, 21.855926641, 1e-8);
    ck_assert_double_eq_tol(sum / 23, 0.950257680, 1e-8);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* dii-885-2023                                                              */

START_TEST(test_885_structure)
{
    dii_framework *fw = load("dii-885-2023");
    ck_assert_str_eq(dii_framework_id(fw), "dii-885-2023");
    ck_assert_int_eq(dii_framework_status_of(fw), DII_FRAMEWORK_PROVISIONAL);
    ck_assert_int_eq(dii_framework_missing_policy(fw), DII_MISSING_ZERO);
    ck_assert_int_eq(dii_framework_rank_decimals(fw), 4);
    ck_assert_ptr_nonnull(dii_framework_source(fw));
    ck_assert_ptr_nonnull(strstr(dii_framework_source(fw), "885/QĐ-BTTTT"));
    ck_assert_ptr_nonnull(strstr(dii_framework_source(fw), "3115/BTTTT-CVT"));
    ck_assert_uint_eq(dii_framework_indicator_count(fw), 24);
    ck_assert_double_eq(dii_framework_max_points(fw), 300);

    static const double maxima[6] = {80, 60, 20, 30, 20, 90};
    static const size_t counts[6] = {4, 6, 1, 3, 1, 9};
    static const char *const ids[6] = {"1", "2", "3", "4", "5", "6"};
    ck_assert_uint_eq(dii_framework_group_count(fw), 6);
    double total = 0;
    for (size_t g = 0; g < 6; g++) {
        const dii_group *grp = dii_framework_group(fw, g);
        ck_assert_ptr_nonnull(grp);
        ck_assert_str_eq(dii_group_id(grp), ids[g]);
        ck_assert_ptr_nonnull(dii_group_name(grp, "vi"));
        ck_assert_ptr_nonnull(dii_group_name(grp, "en"));
        ck_assert_double_eq(dii_group_max_points(grp), maxima[g]);
        ck_assert_uint_eq(dii_group_indicator_count(grp), counts[g]);
        total += dii_group_max_points(grp);
    }
    ck_assert_double_eq(total, 300);
    dii_framework_free(fw);
}
END_TEST

START_TEST(test_885_group1)
{
    dii_framework *fw = load("dii-885-2023");
    static const struct {
        const char *code;
        double points;
        int provisional;
    } g1[4] = {{"1.1", 35, 0}, {"1.2", 15, 0}, {"1.3", 15, 0}, {"1.4", 15, 1}};
    for (size_t i = 0; i < 4; i++) {
        const dii_indicator *ind = dii_framework_find_indicator_by_code(fw, g1[i].code);
        ck_assert_msg(ind != NULL, "no criterion %s", g1[i].code);
        ck_assert_uint_eq(dii_indicator_index(ind), i);
        ck_assert_str_eq(dii_indicator_group(ind), "1");
        ck_assert_double_eq(dii_indicator_points(ind), g1[i].points);
        ck_assert_int_eq(dii_indicator_unit(ind), DII_UNIT_BOOLEAN);
        ck_assert_int_eq(dii_indicator_method(ind), DII_METHOD_BOOLEAN);
        ck_assert_int_eq(dii_indicator_provisional(ind), g1[i].provisional);
        ck_assert_uint_eq(dii_indicator_target_count(ind), 0);
        /* group 1 is [reported], and the notes say so */
        ck_assert_ptr_nonnull(dii_indicator_notes(ind));
    }
    dii_framework_free(fw);
}
END_TEST

START_TEST(test_885_groups_2_to_6_provisional)
{
    dii_framework *fw = load("dii-885-2023");
    size_t n = dii_framework_indicator_count(fw);
    ck_assert_uint_eq(n, 24);
    for (size_t i = 4; i < n; i++) {
        const dii_indicator *ind = dii_framework_indicator(fw, i);
        const char *code = dii_indicator_code(ind);
        ck_assert_ptr_nonnull(code);
        ck_assert_str_ne(dii_indicator_group(ind), "1");
        /* code "G.k" belongs to group G */
        ck_assert_int_eq(code[0], dii_indicator_group(ind)[0]);
        ck_assert_int_eq(code[1], '.');
        ck_assert_msg(dii_indicator_provisional(ind), "%s is not provisional", code);
        ck_assert_ptr_nonnull(dii_indicator_notes(ind));
        ck_assert_uint_eq(dii_indicator_target_count(ind), 0);
        double pts = dii_indicator_points(ind);
        const char *g = dii_indicator_group(ind);
        ck_assert_double_eq(pts, (strcmp(g, "3") == 0 || strcmp(g, "5") == 0) ? 20 : 10);
        /* rates are rate x points, unbounded quantities against the cohort */
        dii_method m = dii_indicator_method(ind);
        switch (dii_indicator_unit(ind)) {
        case DII_UNIT_PERCENT:
        case DII_UNIT_RATIO:
            ck_assert_int_eq(m, DII_METHOD_RATIO);
            break;
        case DII_UNIT_PER_100_PEOPLE:
        case DII_UNIT_MBPS:
        case DII_UNIT_COUNT:
            ck_assert_int_eq(m, DII_METHOD_BEST_IN_COHORT);
            break;
        case DII_UNIT_BOOLEAN:
            ck_assert_int_eq(m, DII_METHOD_BOOLEAN);
            break;
        default:
            ck_abort_msg("%s: unexpected unit", code);
        }
    }
    dii_framework_free(fw);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("builtin");
    TCase *tc = tcase_create("builtin");
    tcase_add_test(tc, test_builtin_list);
    tcase_add_test(tc, test_builtin_not_found);
    tcase_add_test(tc, test_builtin_with_suggests);
    tcase_add_test(tc, test_builtin_with_loads);
    tcase_add_test(tc, test_dien_bien_header);
    tcase_add_loop_test(tc, test_dien_bien_row, 0, 23);
    tcase_add_test(tc, test_dien_bien_names);
    tcase_add_test(tc, test_dien_bien_hand_check);
    tcase_add_test(tc, test_885_structure);
    tcase_add_test(tc, test_885_group1);
    tcase_add_test(tc, test_885_groups_2_to_6_provisional);
    suite_add_tcase(s, tc);
    return s;
}
