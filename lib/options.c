/* dii_*_options_init: the defaults of one version of an options struct,
 * for callers that cannot use the *_INIT macros (a foreign-function
 * interface sees the functions, not the macros).
 *
 * A caller built against version v has a struct that ends after v's
 * members, so only the prefix version v knows is written: the bytes of
 * later members may lie outside the caller's memory. */
#include <stddef.h>
#include <string.h>

#include "error.h"

/* Copies the first `size` bytes of defaults into opts and checks the
 * version; one rule for every options struct. */
static dii_status init_prefix(const char *fn, void *opts, const void *defaults, size_t size,
                              unsigned int version, unsigned int latest)
{
    if (!opts)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "%s: opts must not be NULL", fn);
    if (version < 1 || version > latest)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "%s: version is %u; this library knows "
                        "versions 1 to %u", fn, version, latest);
    memcpy(opts, defaults, size);
    *(unsigned int *)opts = version; /* every options struct starts with it */
    dii_clear_error();
    return DII_OK;
}

DII_API dii_status dii_parse_options_init(dii_parse_options *opts, unsigned int version)
{
    static const dii_parse_options defaults = DII_PARSE_OPTIONS_INIT;
    /* Where each version's members end (index: version). */
    static const size_t end[] = {
        0,
        offsetof(dii_parse_options, max_input_bytes),
        offsetof(dii_parse_options, max_diagnostics),
        offsetof(dii_parse_options, unit_id),
        sizeof(dii_parse_options),
    };
    _Static_assert(sizeof end / sizeof end[0] == DII_PARSE_OPTIONS_VERSION + 1,
                   "a new dii_parse_options version needs its end here");
    size_t size = version <= DII_PARSE_OPTIONS_VERSION ? end[version] : 0;
    return init_prefix("dii_parse_options_init", opts, &defaults, size, version,
                       DII_PARSE_OPTIONS_VERSION);
}

DII_API dii_status dii_validate_options_init(dii_validate_options *opts, unsigned int version)
{
    static const dii_validate_options defaults = DII_VALIDATE_OPTIONS_INIT;
    _Static_assert(DII_VALIDATE_OPTIONS_VERSION == 1, "one version: the whole struct");
    return init_prefix("dii_validate_options_init", opts, &defaults, sizeof defaults, version,
                       DII_VALIDATE_OPTIONS_VERSION);
}

DII_API dii_status dii_score_options_init(dii_score_options *opts, unsigned int version)
{
    static const dii_score_options defaults = DII_SCORE_OPTIONS_INIT;
    _Static_assert(DII_SCORE_OPTIONS_VERSION == 1, "one version: the whole struct");
    return init_prefix("dii_score_options_init", opts, &defaults, sizeof defaults, version,
                       DII_SCORE_OPTIONS_VERSION);
}

DII_API dii_status dii_tracking_options_init(dii_tracking_options *opts, unsigned int version)
{
    static const dii_tracking_options defaults = DII_TRACKING_OPTIONS_INIT;
    _Static_assert(DII_TRACKING_OPTIONS_VERSION == 1, "one version: the whole struct");
    return init_prefix("dii_tracking_options_init", opts, &defaults, sizeof defaults, version,
                       DII_TRACKING_OPTIONS_VERSION);
}

DII_API dii_status dii_compare_options_init(dii_compare_options *opts, unsigned int version)
{
    static const dii_compare_options defaults = DII_COMPARE_OPTIONS_INIT;
    _Static_assert(DII_COMPARE_OPTIONS_VERSION == 1, "one version: the whole struct");
    return init_prefix("dii_compare_options_init", opts, &defaults, sizeof defaults, version,
                       DII_COMPARE_OPTIONS_VERSION);
}
