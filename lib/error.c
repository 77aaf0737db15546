/* The thread-local message behind dii_last_error(). A fixed buffer per
 * thread: reporting a failure must itself never fail or allocate. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

#define DII_ERROR_MAX 512

static _Thread_local char last_error[DII_ERROR_MAX];

dii_status dii_fail(dii_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return status;
}

dii_status dii_fail_nomem(void)
{
    return dii_fail(DII_ERR_NO_MEMORY, "out of memory");
}

void dii_clear_error(void)
{
    last_error[0] = '\0';
}

DII_API const char *dii_last_error(void)
{
    return last_error;
}

DII_API const char *dii_status_string(dii_status status)
{
    switch (status) {
    case DII_OK: return "success";
    case DII_ERR_PARSE: return "parse error";
    case DII_ERR_VALIDATION: return "validation error";
    case DII_ERR_NOT_FOUND: return "not found";
    case DII_ERR_OUT_OF_RANGE: return "out of range";
    case DII_ERR_NO_MEMORY: return "out of memory";
    case DII_ERR_IO: return "input/output error";
    case DII_ERR_INVALID_ARGUMENT: return "invalid argument";
    }
    return "unknown status";
}
