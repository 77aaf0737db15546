/*
 * bench-validate: how fast libdii parses and validates a submissions batch.
 *
 *     bench-validate [--min-seconds S] [--min-runs N] [--framework ID] json|csv FILE
 *
 * Uses only the public API (dii/dii.h) of the shared library. The file is read
 * into memory once and the framework loaded once (outside the timing, as
 * bench_jsonschema.py builds its validator once); then one "run" is
 *
 *     dii_submissions_load_memory  (parse: JSON with libdii's own reader,
 *                                   lib/json_dom.c, or CSV via libcsv, plus
 *                                   libdii's shape checks and locations)
 *     dii_validate                 (every value against the framework)
 *     dii_diagnostics_free x2, dii_submissions_free
 *
 * repeated until at least S seconds (default 1) and N runs (default 10) have
 * passed, after 3 untimed warm-up runs. Each run is timed on its own with
 * clock_gettime(CLOCK_MONOTONIC); the figures are from the median run:
 * MB/s = file bytes / 1e6 / median seconds, submissions/s = submissions /
 * median seconds.
 *
 * Before timing, one checked run must load the expected data without an error
 * or a warning (a benchmark of input that fails early would measure nothing);
 * otherwise the diagnostics are printed and the exit status is 1.
 *
 * Output: a human-readable summary, then one machine-readable line starting
 * with "result " (key=value pairs) that bench/run turns into its table.
 * maxrss_kib is this process's peak resident set size from getrusage.
 */
#include <dii/dii.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

static const char *progname = "bench-validate";

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [--min-seconds S] [--min-runs N] [--framework ID] json|csv FILE\n",
            progname);
    exit(2);
}

static void print_diagnostics(const dii_diagnostics *diags)
{
    size_t n = dii_diagnostics_count(diags);
    for (size_t i = 0; i < n && i < 20; i++) {
        const dii_diagnostic *d = dii_diagnostics_get(diags, i);
        fprintf(stderr, "  %s:%lu:%lu: %s [%s] %s\n",
                dii_diagnostic_file(d) ? dii_diagnostic_file(d) : "-",
                dii_diagnostic_line(d), dii_diagnostic_column(d),
                dii_severity_name(dii_diagnostic_severity(d)), dii_diagnostic_code(d),
                dii_diagnostic_message(d));
    }
    if (n > 20)
        fprintf(stderr, "  ... %zu more\n", n - 20);
}

/* One run. Returns 0 on success; with `check` set, also requires a clean result
 * and reports the submission and value counts. */
static int one_run(const dii_framework *fw, const char *data, size_t len, const char *name,
                   const dii_parse_options *opts, int check, size_t *subs_out,
                   size_t *values_out)
{
    dii_submissions *subs = NULL;
    dii_diagnostics *load_diags = NULL, *val_diags = NULL;
    int rc = 0;

    dii_status st = dii_submissions_load_memory(data, len, name, opts, &subs, &load_diags);
    if (st != DII_OK) {
        fprintf(stderr, "%s: load failed: %s: %s\n", progname, dii_status_string(st),
                dii_last_error());
        if (load_diags)
            print_diagnostics(load_diags);
        rc = 1;
        goto done;
    }
    st = dii_validate(fw, subs, &val_diags);
    if (check) {
        size_t problems = dii_diagnostics_count(load_diags) + dii_diagnostics_count(val_diags);
        if (st != DII_OK || problems != 0) {
            fprintf(stderr, "%s: the benchmark data is not clean (%s, %zu diagnostics):\n",
                    progname, dii_status_string(st), problems);
            print_diagnostics(load_diags);
            if (val_diags)
                print_diagnostics(val_diags);
            rc = 1;
            goto done;
        }
        size_t count = dii_submissions_count(subs), values = 0;
        for (size_t i = 0; i < count; i++)
            values += dii_submission_value_count(dii_submissions_get(subs, i));
        *subs_out = count;
        *values_out = values;
    } else if (st != DII_OK) {
        rc = 1;
    }
done:
    dii_diagnostics_free(val_diags);
    dii_diagnostics_free(load_diags);
    dii_submissions_free(subs);
    return rc;
}

typedef struct validate_run {
    const dii_framework *fw;
    const char *data;
    size_t len;
    const char *name;
    const dii_parse_options *opts;
} validate_run;

static int validate_once(void *ctx)
{
    const validate_run *v = ctx;
    return one_run(v->fw, v->data, v->len, v->name, v->opts, 0, NULL, NULL);
}

int main(int argc, char **argv)
{
    double min_seconds = 1.0;
    long min_runs = 10;
    const char *framework_id = "dii-885-2023";
    int i = 1;

    if (argc > 0 && argv[0])
        progname = argv[0];
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--min-seconds") == 0)
            min_seconds = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--min-runs") == 0)
            min_runs = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--framework") == 0)
            framework_id = argv[++i];
        else
            usage();
    }
    if (argc - i != 2 || min_seconds < 0 || min_runs < 1)
        usage();

    dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
    const char *format = argv[i], *path = argv[i + 1];
    if (strcmp(format, "json") == 0)
        opts.format = DII_INPUT_JSON;
    else if (strcmp(format, "csv") == 0)
        opts.format = DII_INPUT_CSV;
    else
        usage();

    size_t len = 0;
    char *data = bench_read_file(progname, path, &len);
    if (!data)
        return 1;

    dii_framework *fw = NULL;
    if (dii_framework_builtin(framework_id, &fw) != DII_OK) {
        fprintf(stderr, "%s: framework %s: %s\n", progname, framework_id, dii_last_error());
        free(data);
        return 1;
    }

    size_t nsubs = 0, nvalues = 0;
    if (one_run(fw, data, len, path, &opts, 1, &nsubs, &nvalues) != 0) {
        dii_framework_free(fw);
        free(data);
        return 1;
    }
    validate_run vr = {fw, data, len, path, &opts};
    bench_timing t;
    if (bench_time(validate_once, &vr, min_seconds, min_runs, &t) != 0)
        goto fail;
    long maxrss_kib = bench_maxrss_kib();
    double mb_per_s = (double)len / 1e6 / t.median;
    double subs_per_s = (double)nsubs / t.median;
    printf("libdii %s %s: %zu bytes, %zu submissions, %zu values; libdii %s\n", format, path,
           len, nsubs, nvalues, dii_version_string());
    printf("  %zu runs in %.2f s; per run: median %.3f ms (min %.3f, max %.3f)\n", t.runs,
           t.elapsed, t.median * 1e3, t.fastest * 1e3, t.slowest * 1e3);
    printf("  %.1f MB/s, %.0f submissions/s, peak RSS %ld KiB\n", mb_per_s, subs_per_s,
           maxrss_kib);
    printf("result impl=libdii-%s bytes=%zu submissions=%zu values=%zu runs=%zu "
           "median_s=%.9f min_s=%.9f mb_per_s=%.3f subs_per_s=%.1f maxrss_kib=%ld\n",
           format, len, nsubs, nvalues, t.runs, t.median, t.fastest, mb_per_s, subs_per_s,
           maxrss_kib);

    dii_framework_free(fw);
    free(data);
    return 0;

fail:
    fprintf(stderr, "%s: a run failed: %s\n", progname, dii_last_error());
    dii_framework_free(fw);
    free(data);
    return 1;
}
