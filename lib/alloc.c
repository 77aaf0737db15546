/* Every allocation of the library goes through here so that the allocator
 * hook (dii_set_allocator) and the allocation-failure tests see all of them. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "dii/dii.h"

/* The one piece of process-wide state: set before first use, then read-only. */
static struct {
    dii_malloc_fn malloc_fn;
    dii_realloc_fn realloc_fn;
    dii_free_fn free_fn;
    void *user;
} allocator;

DII_API dii_status dii_set_allocator(dii_malloc_fn malloc_fn, dii_realloc_fn realloc_fn,
                                     dii_free_fn free_fn, void *user)
{
    int all_null = !malloc_fn && !realloc_fn && !free_fn;
    int all_set = malloc_fn && realloc_fn && free_fn;
    if (!all_null && !all_set)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_set_allocator: give all three functions, or none");
    allocator.malloc_fn = malloc_fn;
    allocator.realloc_fn = realloc_fn;
    allocator.free_fn = free_fn;
    allocator.user = all_set ? user : NULL;
    dii_clear_error();
    return DII_OK;
}

void *dii_mem_alloc(size_t size)
{
    if (size == 0)
        size = 1;
    if (allocator.malloc_fn)
        return allocator.malloc_fn(size, allocator.user);
    return malloc(size);
}

void *dii_mem_calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t total = n * size;
    void *p = dii_mem_alloc(total);
    if (p && total > 0)
        memset(p, 0, total);
    return p;
}

void *dii_mem_realloc(void *ptr, size_t size)
{
    if (size == 0)
        size = 1;
    if (allocator.realloc_fn)
        return allocator.realloc_fn(ptr, size, allocator.user);
    return realloc(ptr, size);
}

int dii_mem_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return -1;
        new_cap *= 2;
    }
    if (elem_size != 0 && new_cap > SIZE_MAX / elem_size)
        return -1;
    void *p = dii_mem_realloc(*items, new_cap * elem_size);
    if (!p)
        return -1;
    *items = p;
    *cap = new_cap;
    return 0;
}

void dii_mem_free(void *ptr)
{
    if (!ptr)
        return;
    if (allocator.free_fn)
        allocator.free_fn(ptr, allocator.user);
    else
        free(ptr);
}

DII_API void dii_free(void *ptr)
{
    dii_mem_free(ptr);
}

char *dii_mem_strndup(const char *s, size_t n)
{
    char *p = dii_mem_alloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dii_mem_strdup(const char *s)
{
    return s ? dii_mem_strndup(s, strlen(s)) : NULL;
}

char *dii_mem_vprintf(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *s = dii_mem_alloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *dii_mem_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = dii_mem_vprintf(fmt, ap);
    va_end(ap);
    return s;
}
