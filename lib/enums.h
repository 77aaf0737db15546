/* Private: reverse lookups of the format's enumeration names (-1 = unknown). */
#ifndef DII_ENUMS_H
#define DII_ENUMS_H
#include "dii/dii.h"

int dii_unit_from_name(const char *s);
int dii_direction_from_name(const char *s);
int dii_method_from_name(const char *s);
int dii_op_from_symbol(const char *s);
int dii_framework_status_from_name(const char *s);
int dii_missing_policy_from_name(const char *s);

#endif
