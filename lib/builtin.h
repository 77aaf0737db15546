/* Private: the table of embedded framework texts (generated at build time). */
#ifndef DII_BUILTIN_H
#define DII_BUILTIN_H
#include <stddef.h>

typedef struct dii_builtin_entry {
    const char *id;
    const char *text;
    size_t len;
} dii_builtin_entry;

extern const dii_builtin_entry dii_builtin_table[];
extern const size_t dii_builtin_table_size;

#endif
