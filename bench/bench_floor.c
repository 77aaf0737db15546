/*
 * bench-floor: two packaged parsers alone — a floor to compare bench-validate's
 * figures with. libdii reads JSON with its own reader (lib/json_dom.c) since
 * 1.2 and CSV with libcsv; jansson is here only as a reference JSON parser
 * (built when libjansson-dev is installed).
 *
 *     bench-floor [--min-seconds S] [--min-runs N] [--submissions K] json|csv FILE
 *
 * Not libdii: this links jansson and libcsv directly and does, per run, only
 *
 *     json:  json_loadb(data, len, 0) + json_decref      (jansson, as libdii 1.1 used it)
 *     csv:   csv_init(CSV_STRICT | CSV_STRICT_FINI) + csv_parse + csv_fini + csv_free
 *            with callbacks that only count fields and rows (libcsv, options as libdii)
 *
 * i.e. what any implementation on these libraries must pay before it looks at a
 * single value, with no locations, no shape checks and no validation. Timing,
 * warm-up, median and output ("result impl=floor-jansson|floor-libcsv ...") are
 * those of bench-validate. submissions/s needs the number of submissions: for
 * JSON it is the length of the batch's "submissions" array; for CSV (where it
 * would take grouping rows, which a bare parse does not do) it is --submissions K,
 * else 0.
 */
#include <csv.h>
#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

static const char *progname = "bench-floor";

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [--min-seconds S] [--min-runs N] [--submissions K] json|csv FILE\n",
            progname);
    exit(2);
}

struct counts {
    size_t fields, rows;
};

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((struct counts *)data)->fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((struct counts *)data)->rows++;
}

/* One run; returns the number of top-level items (JSON: the batch's submissions)
 * or data rows (CSV), or (size_t)-1 on failure. */
static size_t run_json(const char *data, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, 0, &err);
    if (!root) {
        fprintf(stderr, "%s: %d:%d: %s\n", progname, err.line, err.column, err.text);
        return (size_t)-1;
    }
    size_t n = json_array_size(json_object_get(root, "submissions"));
    json_decref(root);
    return n;
}

static size_t run_csv(const char *data, size_t len)
{
    struct csv_parser p;
    struct counts c = {0, 0};
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return (size_t)-1;
    size_t done = csv_parse(&p, data, len, on_field, on_row, &c);
    int ok = done == len && csv_fini(&p, on_field, on_row, &c) == 0;
    if (!ok)
        fprintf(stderr, "%s: %s\n", progname, csv_strerror(csv_error(&p)));
    csv_free(&p);
    return ok && c.rows > 0 ? c.rows - 1 : (size_t)-1;
}

/* One timed run: the parse must find what the checked first run found. */
typedef struct floor_run {
    size_t (*run)(const char *, size_t);
    const char *data;
    size_t len;
    size_t items;
} floor_run;

static int floor_once(void *ctx)
{
    const floor_run *fr = ctx;
    return fr->run(fr->data, fr->len) == fr->items ? 0 : -1;
}

int main(int argc, char **argv)
{
    double min_seconds = 1.0;
    long min_runs = 10, given_subs = 0;
    int i = 1;

    if (argc > 0 && argv[0])
        progname = argv[0];
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--min-seconds") == 0)
            min_seconds = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--min-runs") == 0)
            min_runs = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--submissions") == 0)
            given_subs = strtol(argv[++i], NULL, 10);
        else
            usage();
    }
    if (argc - i != 2 || min_seconds < 0 || min_runs < 1 || given_subs < 0)
        usage();

    const char *format = argv[i], *path = argv[i + 1];
    size_t (*run)(const char *, size_t);
    const char *impl;
    if (strcmp(format, "json") == 0) {
        run = run_json;
        impl = "floor-jansson";
    } else if (strcmp(format, "csv") == 0) {
        run = run_csv;
        impl = "floor-libcsv";
    } else {
        usage();
        return 2;
    }

    size_t len = 0;
    char *data = bench_read_file(progname, path, &len);
    if (!data)
        return 1;
    floor_run fr = {run, data, len, run(data, len)};
    bench_timing t;
    int rc = fr.items == (size_t)-1 ? -1 : bench_time(floor_once, &fr, min_seconds, min_runs, &t);
    free(data);
    if (rc != 0) {
        fprintf(stderr, "%s: a run failed\n", progname);
        return 1;
    }
    size_t subs = given_subs > 0 ? (size_t)given_subs
                  : strcmp(format, "json") == 0 ? fr.items : 0;
    printf("%s %s: %zu bytes, %zu %s\n", impl, path, len, fr.items,
           strcmp(format, "json") == 0 ? "submissions" : "data rows");
    printf("  %zu runs in %.2f s; per run: median %.3f ms (min %.3f)\n", t.runs, t.elapsed,
           t.median * 1e3, t.fastest * 1e3);
    printf("result impl=%s bytes=%zu submissions=%zu values=0 runs=%zu median_s=%.9f "
           "min_s=%.9f mb_per_s=%.3f subs_per_s=%.1f maxrss_kib=%ld\n",
           impl, len, subs, t.runs, t.median, t.fastest, (double)len / 1e6 / t.median,
           (double)subs / t.median, bench_maxrss_kib());
    return 0;
}
