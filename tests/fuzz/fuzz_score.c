/* libFuzzer target: the whole validate + score path.
 *
 * The input is loaded as submissions (format detected by content), then
 * checked and scored against every built-in framework — with each
 * submission's own year and with a target year taken from the input — and
 * against the framework its "framework" field names; results and
 * diagnostics are serialised. Once per process, every built-in framework
 * goes through dii_framework_to_json → load → to_json (a fixed point). */
#include "fuzz_common.h"

#define MAX_BUILTIN 16
static dii_framework *frameworks[MAX_BUILTIN];
static size_t n_frameworks;

static void round_trip(const char *id)
{
    dii_framework *fw = NULL, *fw2 = NULL;
    char *j1 = NULL, *j2 = NULL;
    size_t l1 = 0, l2 = 0;
    FUZZ_CHECK(dii_framework_builtin(id, &fw) == DII_OK);
    FUZZ_CHECK(dii_framework_to_json(fw, &j1, &l1) == DII_OK);
    FUZZ_CHECK(dii_framework_load_memory(j1, l1, id, &fw2, NULL) == DII_OK);
    FUZZ_CHECK(dii_framework_to_json(fw2, &j2, &l2) == DII_OK);
    FUZZ_CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0);
    fuzz_framework_walk(fw2);
    dii_free(j1);
    dii_free(j2);
    dii_framework_free(fw);
    dii_framework_free(fw2);
}

static void init(void)
{
    n_frameworks = dii_builtin_framework_count();
    FUZZ_CHECK(n_frameworks > 0 && n_frameworks <= MAX_BUILTIN);
    for (size_t i = 0; i < n_frameworks; i++) {
        const char *id = dii_builtin_framework_id(i);
        FUZZ_CHECK(id != NULL && dii_builtin_framework_json(id, NULL) != NULL);
        round_trip(id);
        FUZZ_CHECK(dii_framework_builtin(id, &frameworks[i]) == DII_OK);
    }
    FUZZ_CHECK(dii_builtin_framework_id(n_frameworks) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (n_frameworks == 0)
        init();
    /* a target year from the input's last two bytes: sometimes 0 (own
     * year), mostly one in or around the frameworks' years, sometimes out
     * of range */
    int target_year = 0;
    if (size >= 2) {
        unsigned v = (unsigned)data[size - 1] | (unsigned)data[size - 2] << 8;
        target_year = v % 4 == 0 ? 0 : v % 4 == 3 ? (int)(v % 400) + 1850 : 2018 + (int)(v % 16);
    }
    dii_submissions *subs = fuzz_load_submissions(data, size, NULL, NULL);
    if (!subs)
        return 0;
    for (size_t i = 0; i < n_frameworks; i++) {
        fuzz_validate_and_score(frameworks[i], subs, 0);
        if (target_year)
            fuzz_validate_and_score(frameworks[i], subs, target_year);
    }
    dii_framework *named = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_framework_for_submissions(subs, &named, &d);
    FUZZ_CHECK((st == DII_OK) == (named != NULL));
    fuzz_diagnostics(d);
    dii_diagnostics_free(d);
    if (named) {
        fuzz_validate_and_score(named, subs, target_year);
        dii_framework_free(named);
    }
    /* merging a set with itself: one cohort of twice the size */
    const dii_submissions *parts[2] = {subs, subs};
    dii_submissions *merged = NULL;
    st = dii_submissions_merge(parts, 2, &merged);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
    if (merged) {
        FUZZ_CHECK(dii_submissions_count(merged) == 2 * dii_submissions_count(subs));
        fuzz_submissions(merged);
        fuzz_validate_and_score(frameworks[0], merged, target_year);
    }
    dii_submissions_free(merged);
    dii_submissions_free(subs);
    return 0;
}
