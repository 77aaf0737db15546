/* libFuzzer target: submissions as JSON (one submission or a
 * "dii-submissions/1" batch) and as JSON Lines.
 *
 * The same bytes are loaded as JSON, as JSON Lines and with format detection
 * (by content, and by a .jsonl name), and once more with tight limits;
 * whatever loads is validated against and scored with the built-in Điện
 * Biên framework. */
#include "fuzz_common.h"

static dii_framework *framework;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!framework && dii_framework_builtin("dien-bien-4734-2023", &framework) != DII_OK)
        abort();
    static const struct {
        dii_input_format format;
        const char *name;
    } runs[] = {
        {DII_INPUT_JSON, "fuzz.json"},
        {DII_INPUT_JSONL, "fuzz.jsonl"},
        {DII_INPUT_AUTO, NULL},
        {DII_INPUT_AUTO, "fuzz.ndjson"},
        {DII_INPUT_AUTO, "fuzz.json"}, /* tight limits */
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
        opts.format = runs[i].format;
        if (i == 4)
            fuzz_tight_limits(&opts);
        dii_submissions *subs = fuzz_load_submissions(data, size, runs[i].name, &opts);
        if (subs && i < 2)
            fuzz_validate_and_score(framework, subs, 0);
        dii_submissions_free(subs);
    }
    return 0;
}
