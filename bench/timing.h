/* What the bench programs share: reading the input file, and timing runs
 * of a function until enough time and runs have passed (median of the runs,
 * each timed on its own with CLOCK_MONOTONIC after 3 untimed warm-ups). */
#ifndef DII_BENCH_TIMING_H
#define DII_BENCH_TIMING_H
#include <stddef.h>

/* The whole file in a new buffer (free with free), or NULL after a message
 * on stderr prefixed with progname. */
char *bench_read_file(const char *progname, const char *path, size_t *len);

/* One run of the thing measured: 0 on success. */
typedef int (*bench_run_fn)(void *ctx);

typedef struct bench_timing {
    size_t runs;
    double elapsed; /* seconds from the first timed run to the end of the last */
    double median, fastest, slowest; /* seconds per run */
} bench_timing;

/* Runs run(ctx) 3 times untimed, then timed until min_seconds and min_runs
 * are both reached. -1 when a run fails or memory runs out. */
int bench_time(bench_run_fn run, void *ctx, double min_seconds, long min_runs,
               bench_timing *out);

/* This process's peak resident set size in KiB (getrusage), or -1. */
long bench_maxrss_kib(void);

#endif
