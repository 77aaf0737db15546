/* libFuzzer target: submissions as long-format CSV.
 *
 * The same bytes are loaded with the default options (',' and '.'), with the
 * Vietnamese spreadsheet export (';' and ','), tab-separated, and with format
 * detection by a .csv name, and once more with tight limits; whatever loads
 * with the defaults is validated against and scored with the built-in DII
 * framework. */
#include "fuzz_common.h"

static dii_framework *framework;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!framework && dii_framework_builtin("dii-885-2023", &framework) != DII_OK)
        abort();
    static const struct {
        dii_input_format format;
        char delimiter, decimal;
        const char *name;
    } runs[] = {
        {DII_INPUT_CSV, ',', '.', "fuzz.csv"},
        {DII_INPUT_CSV, ';', ',', "fuzz.csv"},
        {DII_INPUT_CSV, '\t', '.', NULL},
        {DII_INPUT_AUTO, ',', '.', "fuzz.csv"},
        {DII_INPUT_CSV, ',', '.', NULL}, /* tight limits */
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
        opts.format = runs[i].format;
        opts.csv_delimiter = runs[i].delimiter;
        opts.csv_decimal_mark = runs[i].decimal;
        if (i == 4)
            fuzz_tight_limits(&opts);
        dii_submissions *subs = fuzz_load_submissions(data, size, runs[i].name, &opts);
        if (subs && i < 2)
            fuzz_validate_and_score(framework, subs, 0);
        dii_submissions_free(subs);
    }
    return 0;
}
