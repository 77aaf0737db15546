#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"

static long calls;
static long fail_at = -1;

static void *failing_malloc(size_t n, void *user)
{
    (void)user;
    return calls++ == fail_at ? NULL : malloc(n);
}

static void *failing_realloc(void *p, size_t n, void *user)
{
    (void)user;
    return calls++ == fail_at ? NULL : realloc(p, n);
}

static void plain_free(void *p, void *user)
{
    (void)user;
    free(p);
}

void failalloc_arm(long at)
{
    calls = 0;
    fail_at = at;
    ck_assert_int_eq(dii_set_allocator(failing_malloc, failing_realloc, plain_free, NULL),
                     DII_OK);
}

long failalloc_calls(void)
{
    return calls;
}

void failalloc_disarm(void)
{
    dii_set_allocator(NULL, NULL, NULL, NULL);
    fail_at = -1;
}

void check_loader_under_failures(failalloc_loader load, const void *input,
                                 dii_status expected)
{
    for (long n = 0;; n++) {
        failalloc_arm(n);
        dii_submissions *subs = (dii_submissions *)&subs;
        dii_diagnostics *d = (dii_diagnostics *)&d;
        dii_status st = load(input, &subs, &d);
        int failed_one = failalloc_calls() > n;
        char message[256];
        snprintf(message, sizeof message, "%s", dii_last_error());
        failalloc_disarm(); /* clears the message: it was kept above */
        if (st == DII_ERR_NO_MEMORY) {
            ck_assert_msg(failed_one, "no memory reported without a failed allocation");
            ck_assert_ptr_null(subs);
            ck_assert_ptr_null(d);
            ck_assert_str_eq(message, "out of memory");
        } else {
            ck_assert_msg(st == expected, "allocation %ld failed: status %d", n, (int)st);
            if (st != DII_OK)
                ck_assert_ptr_null(subs);
            dii_submissions_free(subs);
            dii_diagnostics_free(d);
        }
        if (!failed_one)
            break;
        ck_assert_int_lt(n, 100000);
    }
}

typedef struct text_load {
    const char *text;
    const char *name;
    const dii_parse_options *opts;
} text_load;

static dii_status load_text(const void *input, dii_submissions **out, dii_diagnostics **diags)
{
    const text_load *t = input;
    return dii_submissions_load_memory(t->text, strlen(t->text), t->name, t->opts, out, diags);
}

void check_load_under_failures(const char *text, const char *name,
                               const dii_parse_options *opts, dii_status expected)
{
    text_load t = {text, name, opts};
    check_loader_under_failures(load_text, &t, expected);
}
