/* RFC 6901 JSON Pointers, the "pointer" of every JSON diagnostic.
 *
 * Indicator ids are [a-z0-9_]+ in a valid framework, but submissions can
 * carry any key, and a key with '/' or '~' must still give a pointer that
 * resolves to exactly that member; hence the escaping. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

static size_t escaped_length(const char *token)
{
    size_t n = 0;
    for (const char *p = token; *p != '\0'; p++)
        n += (*p == '~' || *p == '/') ? 2 : 1;
    return n;
}

char *dii_pointer_join(const char *base, const char *token)
{
    if (base == NULL)
        base = "";
    if (token == NULL)
        token = "";
    size_t base_len = strlen(base);
    size_t token_len = escaped_length(token);
    char *out = dii_mem_alloc(base_len + 1 + token_len + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, base, base_len);
    char *w = out + base_len;
    *w++ = '/';
    for (const char *p = token; *p != '\0'; p++) {
        if (*p == '~' || *p == '/') {
            *w++ = '~';
            *w++ = *p == '~' ? '0' : '1';
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}

char *dii_pointer_join_index(const char *base, size_t index)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%zu", index);
    return dii_pointer_join(base, digits);
}
