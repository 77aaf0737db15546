/* Private: the thread-local last-error message. */
#ifndef DII_ERROR_H
#define DII_ERROR_H
#include "dii/dii.h"

/* Records a printf-style message for dii_last_error() and returns status,
 * so that failures read `return dii_fail(DII_ERR_IO, "cannot open %s", p);`. */
dii_status dii_fail(dii_status status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Shorthand for the one message every allocation failure gets. */
dii_status dii_fail_nomem(void);
/* Clears the message at the start of a successful public call. */
void dii_clear_error(void);

#endif
