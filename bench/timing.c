/* The bench programs' shared harness (timing.h). */
#include "timing.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

char *bench_read_file(const char *progname, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    if (!buf)
        fprintf(stderr, "%s: cannot read %s\n", progname, path);
    *len = n;
    return buf;
}

int bench_time(bench_run_fn run, void *ctx, double min_seconds, long min_runs,
               bench_timing *out)
{
    for (int w = 0; w < 3; w++)
        if (run(ctx) != 0)
            return -1;
    size_t cap = 256, runs = 0;
    double *times = malloc(cap * sizeof *times);
    double start = now_seconds(), elapsed = 0.0;
    while (times && (elapsed < min_seconds || runs < (size_t)min_runs)) {
        if (runs == cap) {
            double *bigger = realloc(times, 2 * cap * sizeof *times);
            if (!bigger)
                break;
            times = bigger;
            cap *= 2;
        }
        double t0 = now_seconds();
        int rc = run(ctx);
        double t1 = now_seconds();
        if (rc != 0)
            break;
        times[runs++] = t1 - t0;
        elapsed = t1 - start;
    }
    int done = times && (elapsed >= min_seconds && runs >= (size_t)min_runs);
    if (done) {
        qsort(times, runs, sizeof *times, compare_double);
        out->runs = runs;
        out->elapsed = elapsed;
        out->median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        out->fastest = times[0];
        out->slowest = times[runs - 1];
    }
    free(times);
    return done ? 0 : -1;
}

long bench_maxrss_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? (long)ru.ru_maxrss : -1;
}
