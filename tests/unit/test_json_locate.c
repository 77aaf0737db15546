/* The JSON locator: pointers, positions, key decoding and duplicate keys.
 * Every expected line and column below was counted by hand from the text
 * next to it (1-based; columns are bytes); the comments show the count. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_locate.h"
#include "model.h"
#include "testutil.h"

static json_locator *build(const char *text, unsigned long line, unsigned long column,
                           const char *base)
{
    json_locator *loc = NULL;
    dii_status st = json_locator_build(text, strlen(text), line, column, base, &loc);
    ck_assert_msg(st == DII_OK, "locator failed: %s", dii_last_error());
    ck_assert_ptr_nonnull(loc);
    return loc;
}

/* Asserts that pointer is found at the given value (and key) position. */
static void expect_at(const json_locator *loc, const char *pointer, unsigned long line,
                      unsigned long column, unsigned long key_line, unsigned long key_column)
{
    json_position p;
    ck_assert_msg(json_locator_find(loc, pointer, &p), "pointer '%s' not found", pointer);
    ck_assert_msg(p.line == line && p.column == column,
                  "'%s': value at %lu:%lu, expected %lu:%lu", pointer, p.line, p.column, line,
                  column);
    ck_assert_msg(p.key_line == key_line && p.key_column == key_column,
                  "'%s': key at %lu:%lu, expected %lu:%lu", pointer, p.key_line, p.key_column,
                  key_line, key_column);
}

START_TEST(positions_of_members_and_elements)
{
    /* line 1: {"a": 1,                 '{' col 1, "a" col 2, 1 col 7
     * line 2:  "b": [true, {"c": "x"}],  "b" col 2, '[' col 7, true col 8,
     *                                    '{' col 14, "c" col 15, "x" col 20
     * line 3:   "d~e/f": null}           key col 3, null col 12 */
    const char *text = "{\"a\": 1,\n"
                       " \"b\": [true, {\"c\": \"x\"}],\n"
                       "  \"d~e/f\": null}";
    json_locator *loc = build(text, 1, 1, "");
    expect_at(loc, "", 1, 1, 0, 0);
    expect_at(loc, "/a", 1, 7, 1, 2);
    expect_at(loc, "/b", 2, 7, 2, 2);
    expect_at(loc, "/b/0", 2, 8, 0, 0);
    expect_at(loc, "/b/1", 2, 14, 0, 0);
    expect_at(loc, "/b/1/c", 2, 20, 2, 15);
    expect_at(loc, "/d~0e~1f", 3, 12, 3, 3);
    ck_assert(!json_locator_find(loc, "/d~e/f", NULL));
    ck_assert(!json_locator_find(loc, "/b/2", NULL));
    ck_assert(!json_locator_find(loc, "/zz", NULL));
    ck_assert(!json_locator_find(loc, NULL, NULL));
    ck_assert_uint_eq(json_locator_duplicate_count(loc), 0);
    ck_assert_ptr_null(json_locator_duplicate(loc, 0));
    json_locator_free(loc);
}
END_TEST

START_TEST(keys_are_decoded)
{
    /* é, a surrogate pair (U+1F600), an escaped quote and an escaped '/'
     * become the real key text, then pointer-escaped. */
    const char *text = "{\"\\u00e9\": 1, \"\\ud83d\\ude00\": 2, \"a\\\"b\": 3, \"\\/\": 4,"
                       " \"t\\tn\\n\": 5, \"\\u00C9\\u0041\": 6}";
    json_locator *loc = build(text, 1, 1, "");
    ck_assert(json_locator_find(loc, "/\xC3\xA9", NULL));
    ck_assert(json_locator_find(loc, "/\xF0\x9F\x98\x80", NULL));
    ck_assert(json_locator_find(loc, "/a\"b", NULL));
    ck_assert(json_locator_find(loc, "/~1", NULL));
    ck_assert(json_locator_find(loc, "/t\tn\n", NULL));
    ck_assert(json_locator_find(loc, "/\xC3\x89" "A", NULL));
    json_locator_free(loc);
}
END_TEST

START_TEST(duplicates_are_reported_per_object)
{
    /* {"x": 1, "y": {"z": 1}, "x": 2, "y": {"z": 2, "z": 3}}
     *  second "x" key at col 25 (value 2 at col 30), second "y" key at col 33,
     *  second "z" of the second y at col 47 (value 3 at col 52). The first
     *  y's "z" repeats the pointer /y/z but in another object: no duplicate. */
    const char *text = "{\"x\": 1, \"y\": {\"z\": 1}, \"x\": 2, \"y\": {\"z\": 2, \"z\": 3}}";
    json_locator *loc = build(text, 1, 1, "");
    ck_assert_uint_eq(json_locator_duplicate_count(loc), 3);
    const json_duplicate *d = json_locator_duplicate(loc, 0);
    ck_assert_str_eq(d->pointer, "/x");
    ck_assert_uint_eq(d->line, 1);
    ck_assert_uint_eq(d->column, 25);
    d = json_locator_duplicate(loc, 1);
    ck_assert_str_eq(d->pointer, "/y");
    ck_assert_uint_eq(d->column, 33);
    d = json_locator_duplicate(loc, 2);
    ck_assert_str_eq(d->pointer, "/y/z");
    ck_assert_uint_eq(d->column, 47);
    /* lookups give the last occurrence, the one jansson keeps */
    expect_at(loc, "/x", 1, 30, 1, 25);
    expect_at(loc, "/y/z", 1, 52, 1, 47);
    json_locator_free(loc);
}
END_TEST

START_TEST(offsets_and_base_pointer)
{
    /* The slice starts at line 7, column 5 of some bigger input.
     * {"k": [1, 2],        slice cols: "k" 2, '[' 7, 2 at 11
     *  "m": 0}             line 2 of the slice is not shifted: 0 at col 7 */
    const char *text = "{\"k\": [1, 2],\n \"m\": 0}";
    json_locator *loc = build(text, 7, 5, "/submissions/3");
    expect_at(loc, "/submissions/3", 7, 5, 0, 0);
    expect_at(loc, "/submissions/3/k", 7, 11, 7, 6);
    expect_at(loc, "/submissions/3/k/1", 7, 15, 0, 0);
    expect_at(loc, "/submissions/3/m", 8, 7, 8, 2);
    json_locator_free(loc);
}
END_TEST

START_TEST(line_ends_crlf_and_cr)
{
    /* CR LF counts once; a lone CR counts as a line end too. */
    json_locator *loc = build("{\r\n\"a\": 1,\r\n\"b\": 2\r\n}", 1, 1, "");
    expect_at(loc, "/a", 2, 6, 2, 1);
    expect_at(loc, "/b", 3, 6, 3, 1);
    json_locator_free(loc);
    loc = build("{\r\"a\": 1}", 1, 1, "");
    expect_at(loc, "/a", 2, 6, 2, 1);
    json_locator_free(loc);
}
END_TEST

START_TEST(scalars_and_empty_containers)
{
    /* [{}, [], "s\"]", -1.5e3, false, null]
     *  cols: {} 2, [] 6, string 10, -1.5e3 18, false 26, null 33 */
    json_locator *loc = build("[{}, [], \"s\\\"]\", -1.5e3, false, null]", 1, 1, "");
    expect_at(loc, "/0", 1, 2, 0, 0);
    expect_at(loc, "/1", 1, 6, 0, 0);
    expect_at(loc, "/2", 1, 10, 0, 0);
    expect_at(loc, "/3", 1, 18, 0, 0);
    expect_at(loc, "/4", 1, 26, 0, 0);
    expect_at(loc, "/5", 1, 33, 0, 0);
    ck_assert(!json_locator_find(loc, "/6", NULL));
    json_locator_free(loc);
}
END_TEST

START_TEST(malformed_text_is_refused)
{
    const char *bad[] = {"", "   ", "{\"a\": }", "[1 2]", "{\"a\" 1}", "{\"a\": 1", "{1: 2}",
                         "\"unterminated", "{\"\\x\": 1}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_locator *loc = (json_locator *)1;
        dii_status st = json_locator_build(bad[i], strlen(bad[i]), 1, 1, "", &loc);
        ck_assert_msg(st == DII_ERR_PARSE, "'%s' gave %d", bad[i], (int)st);
        ck_assert_ptr_null(loc);
    }
    ck_assert_int_eq(json_locator_build("{}", 2, 1, 1, "", NULL), DII_ERR_INVALID_ARGUMENT);
    json_locator_free(NULL);
}
END_TEST

START_TEST(ten_thousand_values)
{
    /* line 1 "{", line 2 "\"values\": {", then one member per line:
     *   "  \"k<i>\": <i>,"  -> key at col 3, value at col 3 + len("\"k<i>\"") + 2 */
    enum { N = 10000 };
    size_t cap = 32 * N + 64;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)snprintf(text, cap, "{\n\"values\": {\n");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, "  \"k%d\": %d%s\n", i, i, i + 1 < N ? "," : "");
    snprintf(text + n, cap - n, "}}\n");
    json_locator *loc = build(text, 1, 1, "");
    for (int i = 0; i < N; i++) {
        char pointer[32], key[16];
        snprintf(pointer, sizeof pointer, "/values/k%d", i);
        int key_len = snprintf(key, sizeof key, "\"k%d\"", i);
        expect_at(loc, pointer, (unsigned long)i + 3, 3 + (unsigned long)key_len + 2,
                  (unsigned long)i + 3, 3);
    }
    json_locator_free(loc);
    free(text);
}
END_TEST

START_TEST(pointer_join_escapes)
{
    char *p = dii_pointer_join("/values", "a/b~c");
    ck_assert_str_eq(p, "/values/a~1b~0c");
    dii_free(p);
    p = dii_pointer_join(NULL, "");
    ck_assert_str_eq(p, "/");
    dii_free(p);
    p = dii_pointer_join_index("/submissions", 12);
    ck_assert_str_eq(p, "/submissions/12");
    dii_free(p);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("json_locate");
    TCase *tc = tcase_create("locate");
    tcase_add_test(tc, positions_of_members_and_elements);
    tcase_add_test(tc, keys_are_decoded);
    tcase_add_test(tc, duplicates_are_reported_per_object);
    tcase_add_test(tc, offsets_and_base_pointer);
    tcase_add_test(tc, line_ends_crlf_and_cr);
    tcase_add_test(tc, scalars_and_empty_containers);
    tcase_add_test(tc, malformed_text_is_refused);
    tcase_add_test(tc, ten_thousand_values);
    tcase_add_test(tc, pointer_join_escapes);
    suite_add_tcase(s, tc);
    return s;
}
