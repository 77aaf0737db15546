/* Names of the format's enumerations, and their reverse lookup used by the
 * framework parser. One table per enumeration so names live in one place. */
#include <string.h>

#include "enums.h"

static const char *const unit_names[] = {"percent", "per_100_people", "mbps", "count",
                                         "boolean", "ratio", "other"};
static const char *const direction_names[] = {"higher", "lower"};
static const char *const method_names[] = {"target_ratio", "ratio", "linear", "boolean",
                                           "bands", "best_in_cohort", "min_max_cohort"};
static const char *const op_symbols[] = {">=", ">", "<=", "<", "=="};
static const char *const status_names[] = {"official", "provisional"};
static const char *const missing_names[] = {"zero", "exclude"};
static const char *const compliance_names[] = {"met", "not_met", "no_target", "missing"};
static const char *const basis_names[] = {"exact", "interpolated", "nearest"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_at(const char *const *names, size_t n, int value)
{
    return value >= 0 && (size_t)value < n ? names[value] : NULL;
}

static int index_of(const char *const *names, size_t n, const char *text)
{
    for (size_t i = 0; text && i < n; i++)
        if (strcmp(names[i], text) == 0)
            return (int)i;
    return -1;
}

DII_API const char *dii_unit_name(dii_unit v) { return name_at(unit_names, COUNT(unit_names), (int)v); }
DII_API const char *dii_direction_name(dii_direction v) { return name_at(direction_names, COUNT(direction_names), (int)v); }
DII_API const char *dii_method_name(dii_method v) { return name_at(method_names, COUNT(method_names), (int)v); }
DII_API const char *dii_op_symbol(dii_op v) { return name_at(op_symbols, COUNT(op_symbols), (int)v); }
DII_API const char *dii_framework_status_name(dii_framework_status v) { return name_at(status_names, COUNT(status_names), (int)v); }
DII_API const char *dii_missing_policy_name(dii_missing_policy v) { return name_at(missing_names, COUNT(missing_names), (int)v); }
DII_API const char *dii_compliance_name(dii_compliance v) { return name_at(compliance_names, COUNT(compliance_names), (int)v); }
DII_API const char *dii_target_basis_name(dii_target_basis v) { return name_at(basis_names, COUNT(basis_names), (int)v); }

int dii_unit_from_name(const char *s) { return index_of(unit_names, COUNT(unit_names), s); }
int dii_direction_from_name(const char *s) { return index_of(direction_names, COUNT(direction_names), s); }
int dii_method_from_name(const char *s) { return index_of(method_names, COUNT(method_names), s); }
int dii_op_from_symbol(const char *s) { return index_of(op_symbols, COUNT(op_symbols), s); }
int dii_framework_status_from_name(const char *s) { return index_of(status_names, COUNT(status_names), s); }
int dii_missing_policy_from_name(const char *s) { return index_of(missing_names, COUNT(missing_names), s); }

/* The one comparator: compliance, interpolation and every writer use it. */
DII_API int dii_op_holds(dii_op op, double value, double target)
{
    switch (op) {
    case DII_OP_GE: return value >= target;
    case DII_OP_GT: return value > target;
    case DII_OP_LE: return value <= target;
    case DII_OP_LT: return value < target;
    case DII_OP_EQ: return value == target;
    }
    return 0;
}
