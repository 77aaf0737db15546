/* libFuzzer target: framework JSON ("dii-framework/1").
 *
 * load_memory → walk every accessor → to_json → load the JSON back → to_json
 * again (must be byte-identical: "loading the text back gives an equal
 * framework") → then score a cohort of synthetic submissions built from the
 * framework's own targets and baselines, so that every scoring method the
 * fuzzer invents (bands, linear, cohort methods, odd targets) is exercised. */
#include "fuzz_common.h"

/* A growable text buffer; on allocation failure the fuzz input is skipped. */
typedef struct {
    char *p;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 1024) + n;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_json_string(buf *b, const char *s)
{
    puts_(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(b, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            puts_(b, esc);
        } else {
            put(b, (const char *)&c, 1);
        }
    }
    puts_(b, "\"");
}

static void put_number(buf *b, double v)
{
    char tmp[64];
    if (!isfinite(v))
        v = 0;
    snprintf(tmp, sizeof tmp, "%.17g", v);
    puts_(b, tmp);
}

/* Value of unit `u` (0..3) for indicator `ind` in `year`: the target, the
 * baseline, zero, and half-way, so that units meet, miss and tie. */
static void put_value(buf *b, const dii_indicator *ind, int year, int u)
{
    double target = 0, base = 0;
    int by;
    (void)dii_indicator_target_for_year(ind, year, NULL, NULL, &target, NULL);
    (void)dii_indicator_baseline(ind, &by, &base);
    if (dii_indicator_unit(ind) == DII_UNIT_BOOLEAN) {
        puts_(b, u == 3 ? "null" : ((u == 0 ? target != 0 : u == 1) ? "true" : "false"));
        return;
    }
    double v = u == 0 ? target : u == 1 ? base : u == 2 ? 0 : (target + base) / 2;
    switch (dii_indicator_unit(ind)) {
    case DII_UNIT_PERCENT:
        v = v < 0 ? 0 : v > 100 ? 100 : v;
        break;
    case DII_UNIT_RATIO:
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        break;
    case DII_UNIT_OTHER:
        break;
    default:
        v = v < 0 ? 0 : v;
        break;
    }
    put_number(b, v);
}

static void score_synthetic(const dii_framework *fw)
{
    int year = dii_framework_last_year(fw);
    if (year == 0)
        year = dii_framework_first_year(fw);
    if (year == 0)
        year = 2025;
    buf b = {0};
    puts_(&b, "{\"format\": \"dii-submissions/1\", \"submissions\": [");
    for (int u = 0; u < 4; u++) {
        char head[128];
        snprintf(head, sizeof head, "%s{\"framework\": ", u ? ", " : "");
        puts_(&b, head);
        put_json_string(&b, dii_framework_id(fw));
        snprintf(head, sizeof head, ", \"unit\": {\"id\": \"u%d\"}, \"year\": %d, \"values\": {",
                 u, year);
        puts_(&b, head);
        for (size_t i = 0; i < dii_framework_indicator_count(fw); i++) {
            const dii_indicator *ind = dii_framework_indicator(fw, i);
            if (i)
                puts_(&b, ", ");
            put_json_string(&b, dii_indicator_id(ind));
            puts_(&b, ": ");
            put_value(&b, ind, year, u);
        }
        puts_(&b, "}}");
    }
    puts_(&b, "]}");
    if (!b.failed) {
        dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
        opts.format = DII_INPUT_JSON;
        dii_submissions *subs =
            fuzz_load_submissions((const uint8_t *)b.p, b.len, "synthetic.json", &opts);
        if (subs) {
            fuzz_validate_and_score(fw, subs, 0);
            fuzz_validate_and_score(fw, subs, dii_framework_first_year(fw)
                                                  ? dii_framework_first_year(fw)
                                                  : 0);
        }
        dii_submissions_free(subs);
    }
    free(b.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dii_framework *fw = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_framework_load_memory((const char *)data, size, "fuzz.json", &fw, &d);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_PARSE || st == DII_ERR_VALIDATION ||
               st == DII_ERR_NO_MEMORY);
    FUZZ_CHECK((st == DII_OK) == (fw != NULL));
    if (st == DII_ERR_PARSE || st == DII_ERR_VALIDATION)
        FUZZ_CHECK(d != NULL && dii_diagnostics_error_count(d) > 0);
    if (st == DII_OK && d)
        FUZZ_CHECK(dii_diagnostics_error_count(d) == 0);
    fuzz_diagnostics(d);
    dii_diagnostics_free(d);
    if (!fw)
        return 0;

    fuzz_framework_walk(fw);

    /* round trip: to_json → load → to_json is a fixed point */
    char *j1 = NULL, *j2 = NULL;
    size_t l1 = 0, l2 = 0;
    st = dii_framework_to_json(fw, &j1, &l1);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
    if (st == DII_OK) {
        dii_framework *fw2 = NULL;
        dii_diagnostics *d2 = NULL;
        st = dii_framework_load_memory(j1, l1, "round-trip.json", &fw2, &d2);
        if (st != DII_OK && st != DII_ERR_NO_MEMORY) {
            for (size_t i = 0; i < dii_diagnostics_count(d2); i++)
                fprintf(stderr, "round trip: %s: %s\n",
                        dii_diagnostic_code(dii_diagnostics_get(d2, i)),
                        dii_diagnostic_message(dii_diagnostics_get(d2, i)));
            FUZZ_CHECK(!"the framework's own JSON loads back");
        }
        dii_diagnostics_free(d2);
        if (fw2) {
            st = dii_framework_to_json(fw2, &j2, &l2);
            FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
            if (st == DII_OK && (l1 != l2 || memcmp(j1, j2, l1) != 0)) {
                fprintf(stderr, "first:\n%s\nsecond:\n%s\n", j1, j2);
                FUZZ_CHECK(!"to_json of the reloaded framework is identical");
            }
        }
        dii_free(j2);
        dii_framework_free(fw2);
    }
    dii_free(j1);

    score_synthetic(fw);
    dii_framework_free(fw);
    return 0;
}
