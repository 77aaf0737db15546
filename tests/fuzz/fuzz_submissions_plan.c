/* libFuzzer target: submissions as a plan table (one row per indicator,
 * one column per year; lib/parse_plan_table.c).
 *
 * The same bytes are loaded as a plan table chosen explicitly, with a unit
 * from the options (',' and '.', then ';' and ','), without any unit, by
 * detection from the header of a .csv name, and with tight limits.
 * Whatever loads is checked against the layout's own promise — every
 * submission has a valid year and at least one value that is not an empty
 * cell (a year without any is skipped) — then validated, scored and
 * tracked with the Điện Biên plan, whose indicators the rows may name by
 * code. */
#include "fuzz_common.h"

static dii_framework *framework;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_plan_submissions(const dii_submissions *subs)
{
    for (size_t i = 0; i < dii_submissions_count(subs); i++) {
        const dii_submission *s = dii_submissions_get(subs, i);
        int year = dii_submission_year(s);
        FUZZ_CHECK(year >= 1000 && year <= 9999); /* a four-digit header */
        size_t given = 0;
        for (size_t v = 0; v < dii_submission_value_count(s); v++)
            given += dii_submission_value_kind(s, v) != DII_VALUE_MISSING;
        FUZZ_CHECK(given > 0);
    }
}

static void track(const dii_submissions *subs)
{
    dii_tracking *tr = NULL;
    dii_diagnostics *d = NULL;
    dii_status st = dii_track(framework, subs, NULL, &tr, &d);
    FUZZ_CHECK(st == DII_OK || st == DII_ERR_VALIDATION || st == DII_ERR_NO_MEMORY);
    FUZZ_CHECK((st == DII_OK) == (tr != NULL));
    if (tr != NULL) {
        char *json = NULL;
        size_t len = 0;
        st = dii_tracking_to_json(tr, &json, &len);
        FUZZ_CHECK(st == DII_OK || st == DII_ERR_NO_MEMORY);
        if (st == DII_OK)
            FUZZ_CHECK(json != NULL && strlen(json) == len);
        dii_free(json);
    }
    fuzz_diagnostics(d);
    dii_diagnostics_free(d);
    dii_tracking_free(tr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!framework && dii_framework_builtin("dien-bien-4734-2023", &framework) != DII_OK)
        abort();
    static const struct {
        dii_input_format format;
        char delimiter, decimal;
        const char *unit, *name;
    } runs[] = {
        {DII_INPUT_PLAN_TABLE, ',', '.', "11", "fuzz.csv"},
        {DII_INPUT_PLAN_TABLE, ';', ',', "11", NULL},
        {DII_INPUT_PLAN_TABLE, ',', '.', NULL, NULL},
        {DII_INPUT_AUTO, ',', '.', "11", "fuzz.csv"},
        {DII_INPUT_PLAN_TABLE, ',', '.', "11", NULL}, /* tight limits */
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
        opts.format = runs[i].format;
        opts.csv_delimiter = runs[i].delimiter;
        opts.csv_decimal_mark = runs[i].decimal;
        opts.unit_id = runs[i].unit;
        opts.unit_name = runs[i].unit ? "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn" : NULL;
        if (i == 4)
            fuzz_tight_limits(&opts);
        dii_submissions *subs = fuzz_load_submissions(data, size, runs[i].name, &opts);
        if (subs && runs[i].format == DII_INPUT_PLAN_TABLE)
            check_plan_submissions(subs);
        if (subs && i < 2) {
            fuzz_validate_and_score(framework, subs, 0);
            track(subs);
        }
        dii_submissions_free(subs);
    }
    return 0;
}
