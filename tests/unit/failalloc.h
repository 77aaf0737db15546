/* Test helper: an allocator for dii_set_allocator that fails on purpose, to
 * walk every allocation-failure path of a call. */
#ifndef DII_FAILALLOC_H
#define DII_FAILALLOC_H
#include "dii/dii.h"

/* Installs the failing allocator: the allocation numbered fail_at (0-based,
 * counted from now) returns NULL; -1 never fails. */
void failalloc_arm(long fail_at);
/* Allocations made since failalloc_arm. */
long failalloc_calls(void);
/* Restores malloc / realloc / free. */
void failalloc_disarm(void);

/* Loads text with the 1st, 2nd, 3rd ... allocation failing in turn until a
 * load needs no more than were allowed. Each run must end in
 * DII_ERR_NO_MEMORY with *out and *diags NULL and the message "out of
 * memory", or in `expected` (failures an allocation can recover from);
 * valgrind / ASan check that no path leaks. */
void check_load_under_failures(const char *text, const char *name,
                               const dii_parse_options *opts, dii_status expected);

/* The same walk over any loader: load(input, out, diags) must behave as
 * dii_submissions_load_memory does. */
typedef dii_status (*failalloc_loader)(const void *input, dii_submissions **out,
                                       dii_diagnostics **diags);
void check_loader_under_failures(failalloc_loader load, const void *input,
                                 dii_status expected);

#endif
