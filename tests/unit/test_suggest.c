/* Did-you-mean hints (suggest.c): the edit-distance and affix rules, and
 * the similarity ratio that finds an id from an abbreviation with a typo. */
#include "suggest.h"
#include "testutil.h"

/* The ids of built-in framework `id`, in a NULL-free array the caller frees. */
static const char **builtin_ids(const char *id, dii_framework **fw, size_t *n)
{
    ck_assert_int_eq(dii_framework_builtin(id, fw), DII_OK);
    *n = dii_framework_indicator_count(*fw);
    const char **ids = malloc(*n * sizeof *ids);
    for (size_t i = 0; i < *n; i++)
        ids[i] = dii_indicator_id(dii_framework_indicator(*fw, i));
    return ids;
}

static const char *suggest(const char *word, const char *const *ids, size_t n)
{
    const char *best = (const char *)1;
    ck_assert_int_eq(dii_suggest_among(word, ids, n, &best), DII_OK);
    return best;
}

/* Issue 9, the reviewer's example: 20 bytes against 38, so beyond any edit
 * distance rule, and no affix; difflib's ratio is 0.69. Among the real
 * framework's ids "mobile_broadband_speed_mbps" has the higher ratio
 * (0.81) but misses one of the typed characters (no 'u'); the
 * subscriptions id holds all 20 in order. */
START_TEST(abbreviation_with_a_typo)
{
    dii_framework *fw;
    size_t n;
    const char **ids = builtin_ids("dii-885-2023", &fw, &n);
    const char *best = suggest("mobile_broadbnd_subs", ids, n);
    ck_assert_ptr_nonnull(best);
    ck_assert_str_eq(best, "mobile_broadband_subscriptions_per_100");
    ck_assert_str_eq(suggest("Mobile_Broadbnd_Speed", ids, n), "mobile_broadband_speed_mbps");
    /* one candidate alone: the ratio 0.69 is above the cutoff */
    const char *one[] = {"mobile_broadband_subscriptions_per_100"};
    ck_assert_str_eq(suggest("mobile_broadbnd_subs", one, 1), one[0]);
    free(ids);
    dii_framework_free(fw);
}
END_TEST

/* Nothing similar, below the cutoff, or a tie: no hint. */
START_TEST(nothing_similar_no_hint)
{
    dii_framework *fw;
    size_t n;
    const char **ids = builtin_ids("dii-885-2023", &fw, &n);
    ck_assert_ptr_null(suggest("zzzz_qqqq", ids, n));
    ck_assert_ptr_null(suggest("internet_users", ids, n)); /* best ratio 0.49 */
    /* "abcdefghi" / "abcxyzuvw": M 3, T 18, ratio 0.33 */
    const char *far[] = {"abcxyzuvw"};
    ck_assert_ptr_null(suggest("abcdefghi", far, 1));
    /* "xaybzc" / "abcd": M 3, T 10, ratio exactly 0.6 passes (edit distance
     * 4, beyond the limit 2; no affix); with "abcde", 6/11 = 0.55, none */
    const char *at_cutoff[] = {"abcd"}, *below_cutoff[] = {"abcde"};
    ck_assert_str_eq(suggest("xaybzc", at_cutoff, 1), "abcd");
    ck_assert_ptr_null(suggest("xaybzc", below_cutoff, 1));
    /* two candidates alike in every respect: no guess */
    const char *twins[] = {"speed_of_fixed_lines_x", "speed_of_fixed_lines_y"};
    ck_assert_ptr_null(suggest("spd_fixd_lins", twins, 2));
    /* candidates beyond 256 bytes are not compared */
    char *huge = malloc(400);
    memset(huge, 'a', 399);
    huge[399] = '\0';
    const char *big[] = {huge};
    ck_assert_ptr_null(suggest("aaaa_aaaa_aaaa", big, 1));
    free(huge);
    free(ids);
    dii_framework_free(fw);
}
END_TEST

/* The first two rules still win where they apply. */
START_TEST(distance_and_affix_rules_first)
{
    const char *ids[] = {"village_ftth_coverage", "urban_5g_coverage"};
    ck_assert_str_eq(suggest("village_fth_coverage", ids, 2), "village_ftth_coverage");
    ck_assert_str_eq(suggest("urban", ids, 2), "urban_5g_coverage");
}
END_TEST

/* End to end: validation's unknown-indicator hint. */
START_TEST(validation_hint)
{
    const char *text = "{\"format\": \"dii-submission/1\", \"framework\": \"dii-885-2023\","
                       " \"unit\": {\"id\": \"x\"}, \"year\": 2023,"
                       " \"values\": {\"mobile_broadbnd_subs\": 5, \"qqq_zzz_www\": 1}}";
    dii_framework *fw;
    ck_assert_int_eq(dii_framework_builtin("dii-885-2023", &fw), DII_OK);
    dii_submissions *subs = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, strlen(text), "s.json", NULL, &subs, NULL),
                     DII_OK);
    dii_diagnostics *d = NULL;
    ck_assert_int_eq(dii_validate(fw, subs, &d), DII_ERR_VALIDATION);
    ck_assert_uint_eq(count_diag(d, "unknown-indicator"), 2);
    const dii_diagnostic *g = dii_diagnostics_get(d, (size_t)find_diag(d, "unknown-indicator"));
    ck_assert_str_eq(dii_diagnostic_hint(g),
                     "did you mean 'mobile_broadband_subscriptions_per_100'?");
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        g = dii_diagnostics_get(d, i);
        if (strstr(dii_diagnostic_message(g), "qqq_zzz_www"))
            ck_assert_ptr_null(dii_diagnostic_hint(g));
    }
    dii_diagnostics_free(d);
    dii_submissions_free(subs);
    dii_framework_free(fw);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("suggest");
    TCase *tc = tcase_create("suggest");
    tcase_add_test(tc, abbreviation_with_a_typo);
    tcase_add_test(tc, nothing_similar_no_hint);
    tcase_add_test(tc, distance_and_affix_rules_first);
    tcase_add_test(tc, validation_hint);
    suite_add_tcase(s, tc);
    return s;
}
