#include "dii/dii.h"

DII_API int dii_version(void)
{
    return DII_VERSION_NUMBER;
}

DII_API const char *dii_version_string(void)
{
    return DII_VERSION_STRING;
}
