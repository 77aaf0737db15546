/* The member readers both JSON readers share (json_members.c): each
 * reader's wording of the same problem, the places reported (found from
 * markers in the text, not counted by hand), optional and null members,
 * integers beyond int64_t; and the one string hash (hash.h). */
#include <limits.h>

#include "hash.h"
#include "json_members.h"
#include "testutil.h"

static const jm_wording framework_words = {'\'', " field", "a number"};
static const jm_wording submission_words = {'"', "", "a real number"};

/* Line and column (1-based) of the first occurrence of marker in text. */
static void position_of(const char *text, const char *marker, unsigned long *line,
                        unsigned long *column)
{
    const char *at = strstr(text, marker);
    ck_assert_ptr_nonnull(at);
    *line = 1;
    const char *line_start = text;
    for (const char *s = text; s < at; s++)
        if (*s == '\n') {
            (*line)++;
            line_start = s + 1;
        }
    *column = (unsigned long)(at - line_start) + 1;
}

typedef struct fixture {
    jdom_parser *parser;
    const jdom_node *root;
    dii_diagnostics *diags;
    jm_reader reader;
} fixture;

static void open_text(fixture *f, const char *text, const jm_wording *words)
{
    jdom_error err;
    f->parser = jdom_parser_new();
    ck_assert_ptr_nonnull(f->parser);
    ck_assert_int_eq(jdom_parse(f->parser, text, strlen(text), 1, &f->root, &err), DII_OK);
    f->diags = dii_diag_new();
    ck_assert_ptr_nonnull(f->diags);
    f->reader = (jm_reader){"in.json", f->diags, words};
}

static void close_text(fixture *f)
{
    dii_diagnostics_free(f->diags);
    jdom_parser_free(f->parser);
}

/* The only diagnostic: its code, message, pointer, hint and place. */
static void expect_only(const fixture *f, const char *code, const char *message,
                        const char *pointer, const char *hint, unsigned long line,
                        unsigned long column)
{
    ck_assert_uint_eq(dii_diagnostics_count(f->diags), 1);
    const dii_diagnostic *d = dii_diagnostics_get(f->diags, 0);
    ck_assert_str_eq(dii_diagnostic_code(d), code);
    ck_assert_str_eq(dii_diagnostic_message(d), message);
    ck_assert_str_eq(dii_diagnostic_pointer(d), pointer);
    if (hint)
        ck_assert_str_eq(dii_diagnostic_hint(d), hint);
    else
        ck_assert_ptr_null(dii_diagnostic_hint(d));
    ck_assert_uint_eq(dii_diagnostic_line(d), line);
    ck_assert_uint_eq(dii_diagnostic_column(d), column);
}

static const char two_members[] = "{\n  \"rank\": 2.5,\n  \"name\": null\n}";

/* jm_get of member key of the root (at pointer base) under rule, with
 * each reader's wording: no member, and one diagnostic whose message is
 * messages[0] (framework) / messages[1] (submissions). */
static void expect_in_each_wording(const jm_rule *rule, const char *base, const char *key,
                                   const char *const messages[2], const char *code,
                                   const char *pointer, unsigned long line, unsigned long column)
{
    const jm_wording *words[] = {&framework_words, &submission_words};
    for (size_t i = 0; i < 2; i++) {
        fixture f;
        open_text(&f, two_members, words[i]);
        const jdom_node *v = (const jdom_node *)1;
        ck_assert_int_eq(jm_get(&f.reader, f.root, base, key, rule, &v), DII_OK);
        ck_assert_ptr_null(v);
        expect_only(&f, code, messages[i], pointer, rule->what ? rule->missing_hint : NULL,
                    line, column);
        close_text(&f);
    }
}

/* The same wrong kind, in each reader's words, at the value. */
START_TEST(wrong_type_in_each_wording)
{
    static const jm_rule integer = {JM_INTEGER, "an integer", NULL, "the object", NULL, 0};
    static const char *const messages[] = {"'rank' must be an integer, not a number",
                                           "\"rank\" must be an integer, not a real number"};
    unsigned long line, column;
    position_of(two_members, "2.5", &line, &column);
    expect_in_each_wording(&integer, "/sub", "rank", messages, "wrong-type", "/sub/rank", line,
                           column);
}
END_TEST

/* A required member that is absent: at the object, with its pointer. */
START_TEST(missing_in_each_wording)
{
    static const jm_rule required = {JM_STRING, "a string", NULL, "the framework", "add it", 0};
    static const char *const messages[] = {"the framework has no 'id' field",
                                           "the framework has no \"id\""};
    expect_in_each_wording(&required, "", "id", messages, "missing-field", "", 1, 1);
}
END_TEST

/* Optional: absent says nothing; null is absent only when the rule says
 * so; a member of an accepted kind is returned. */
START_TEST(optional_and_null_members)
{
    static const jm_rule optional = {JM_STRING, "a string", "quote it", NULL, NULL, 0};
    static const jm_rule null_absent = {JM_STRING, "a string", NULL, NULL, NULL, 1};
    static const jm_rule number = {JM_NUMBER, "a number", NULL, "x", NULL, 0};
    unsigned long line, column;
    position_of(two_members, "null", &line, &column);
    fixture f;
    open_text(&f, two_members, &submission_words);
    const jdom_node *v;
    ck_assert_int_eq(jm_get(&f.reader, f.root, "", "id", &optional, &v), DII_OK);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(jm_get(&f.reader, f.root, "", "name", &null_absent, &v), DII_OK);
    ck_assert_ptr_null(v);
    ck_assert_uint_eq(dii_diagnostics_count(f.diags), 0);
    ck_assert_int_eq(jm_get(&f.reader, f.root, "", "rank", &number, &v), DII_OK);
    ck_assert_ptr_nonnull(v);
    ck_assert(v->u.number.value == 2.5);
    ck_assert_int_eq(jm_get(&f.reader, f.root, "", "name", &optional, &v), DII_OK);
    ck_assert_ptr_null(v);
    expect_only(&f, "wrong-type", "\"name\" must be a string, not null", "/name", "quote it",
                line, column);
    close_text(&f);
}
END_TEST

/* Integers: in range, out of range, beyond int64_t (quoted as written),
 * and a number with a fraction (not an integer at all). */
START_TEST(integers_and_their_text)
{
    static const char text[] = "[-5, 11, 123456789012345678901234567890, 2.0]";
    fixture f;
    open_text(&f, text, &framework_words);
    const jdom_node *items = f.root->u.children.items;
    long long x = 0;
    char buf[JM_INTEGER_TEXT_MAX];
    ck_assert(jm_integer_in(&items[0], -10, 10, &x));
    ck_assert_int_eq(x, -5);
    ck_assert(!jm_integer_in(&items[1], -10, 10, &x));
    ck_assert_str_eq(jm_integer_text(&items[1], buf), "11");
    ck_assert(!jm_integer_in(&items[2], LLONG_MIN, LLONG_MAX, &x));
    ck_assert_str_eq(jm_integer_text(&items[2], buf), "123456789012345678901234567890");
    ck_assert(!jm_is_integer(&items[3]));
    ck_assert(!jm_integer_in(&items[3], -10, 10, &x));
    ck_assert_str_eq(jm_type_name(&f.reader, &items[3]), "a number");
    ck_assert_str_eq(jm_type_name(&f.reader, &items[0]), "an integer");
    close_text(&f);
}
END_TEST

/* A member's key is where an unknown field is reported; a node without a
 * key (the root, an element) is at its value. */
START_TEST(key_or_value_place)
{
    unsigned long line, column;
    fixture f;
    open_text(&f, two_members, &framework_words);
    const jdom_node *name = jdom_get(f.root, "name");
    position_of(two_members, "\"name\"", &line, &column);
    dii_loc at = jm_loc(name, 1, "/name");
    ck_assert_uint_eq(at.line, line);
    ck_assert_uint_eq(at.column, column);
    position_of(two_members, "null", &line, &column);
    at = jm_loc(name, 0, "/name");
    ck_assert_uint_eq(at.line, line);
    ck_assert_uint_eq(at.column, column);
    at = jm_loc(f.root, 1, "");
    ck_assert_uint_eq(at.line, 1);
    ck_assert_uint_eq(at.column, 1);
    const char *const allowed[] = {"rank", "name"};
    ck_assert(jm_is_allowed("name", allowed, COUNT_OF(allowed)));
    ck_assert(!jm_is_allowed("nam", allowed, COUNT_OF(allowed)));
    close_text(&f);
}
END_TEST

/* Every byte of a key counts, at every length a key has (the tail after
 * the last whole word included), and ids that differ only near their end
 * spread over a table's low bits. */
START_TEST(hash_uses_every_byte)
{
    char key[48];
    memset(key, 'a', sizeof key);
    for (size_t n = 1; n <= 40; n++)
        for (size_t i = 0; i < n; i++) {
            uint64_t h = dii_hash_bytes(key, n);
            key[i] = 'b';
            ck_assert_msg(dii_hash_bytes(key, n) != h, "byte %zu of %zu ignored", i, n);
            key[i] = 'a';
        }
    ck_assert(dii_hash_bytes(key, 8) != dii_hash_bytes(key, 9)); /* the length counts */
    /* 1000 ids with a shared 32-byte prefix in a 1024-slot table: a
     * random function fills about 632 slots; a hash that let the tail
     * reach only the high bits would fill a handful */
    static unsigned char used[1024];
    size_t filled = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "mobile_broadband_subscriptions_%04d", i);
        size_t slot = dii_hash_bytes(key, strlen(key)) & 1023;
        filled += !used[slot];
        used[slot] = 1;
    }
    ck_assert_uint_ge(filled, 550);
    ck_assert_uint_eq(dii_hash_string(key), dii_hash_bytes(key, strlen(key)));
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("json_members");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, wrong_type_in_each_wording);
    tcase_add_test(tc, missing_in_each_wording);
    tcase_add_test(tc, optional_and_null_members);
    tcase_add_test(tc, integers_and_their_text);
    tcase_add_test(tc, key_or_value_place);
    tcase_add_test(tc, hash_uses_every_byte);
    suite_add_tcase(s, tc);
    return s;
}
