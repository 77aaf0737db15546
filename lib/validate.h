/* Private: rules shared by validation and scoring. */
#ifndef DII_VALIDATE_H
#define DII_VALIDATE_H
#include "dii/dii.h"

/*
 * The one rule for which values a unit accepts: percent 0..100, ratio 0..1,
 * per_100_people / mbps / count >= 0, boolean 0 or 1, other anything; never
 * NaN or an infinity. Returns 1 when `value` is acceptable, 0 otherwise.
 * When range_text is not NULL it receives (whatever the answer) a short
 * English description of the accepted range, e.g. "0 to 100" (static
 * storage), for messages.
 */
int dii_unit_accepts(dii_unit unit, double value, const char **range_text);

#endif
