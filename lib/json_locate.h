/* Private: source positions for JSON values.
 *
 * jansson reports positions only for syntax errors; to point every later
 * diagnostic at the value it is about, the locator scans the (already
 * syntax-checked) text once and records, for every object member and array
 * element, its JSON Pointer and the line/column of its key and its value.
 * It also reports duplicate object keys, which jansson silently merges. */
#ifndef DII_JSON_LOCATE_H
#define DII_JSON_LOCATE_H
#include <stddef.h>
#include "dii/dii.h"

typedef struct json_locator json_locator;

typedef struct json_position {
    unsigned long line;        /* 1-based */
    unsigned long column;      /* 1-based, in bytes */
    unsigned long key_line;    /* member's key; 0 for array elements and the root */
    unsigned long key_column;
} json_position;

/* A duplicate key found while scanning: pointer of the second occurrence
 * and the position of its key. */
typedef struct json_duplicate {
    const char *pointer;
    unsigned long line;
    unsigned long column;
} json_duplicate;

/* Scans len bytes of valid JSON text. first_line / first_column give the
 * position of text[0] within the whole input (JSON Lines: the line's number
 * and 1). base_pointer is prepended to every pointer ("" normally). */
dii_status json_locator_build(const char *text, size_t len, unsigned long first_line,
                              unsigned long first_column, const char *base_pointer,
                              json_locator **out);
/* Position of the value at pointer ("" is the root); 0 when not found. */
int json_locator_find(const json_locator *loc, const char *pointer, json_position *out);
size_t json_locator_duplicate_count(const json_locator *loc);
const json_duplicate *json_locator_duplicate(const json_locator *loc, size_t i);
void json_locator_free(json_locator *loc);

#endif
