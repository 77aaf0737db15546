/*
 * bench-track: how fast libdii tracks a multi-year panel (dii_track).
 *
 *     bench-track [--min-seconds S] [--min-runs N] [--framework ID]
 *                 [--milestones FIRST-LAST] [--dump FILE] [--only LOOP] json|csv FILE
 *
 * Uses only the public API (dii/dii.h) of the shared library. The panel file
 * is read and loaded (dii_submissions_load_memory) and the framework loaded
 * once, outside the timing — as bench/pandas_track.py builds its DataFrame
 * once. Milestones are given explicitly (default 2026-2030, every year),
 * as opts.milestones. Three loops are timed, one after the other:
 *
 *   track          dii_track + dii_tracking_free
 *                  (validation, the milestone statistics, and the score
 *                  trajectory and projected scores, which dii_track always
 *                  computes: there is no option to skip them)
 *   track+columns  the same plus dii_tracking_milestone_columns into 16
 *                  freshly allocated arrays (the one-pass table export, the
 *                  analogue of pandas' result DataFrame)
 *   score          dii_score of the same panel + dii_results_free, for
 *                  reference only: the scoring share of a dii_track call
 *
 * Each loop runs until at least S seconds (default 1) and N runs (default
 * 10) have passed, after 3 untimed warm-ups (bench/timing.c); figures are
 * per call, median and fastest (wall clock), and the mean CPU time per call
 * (this process's CPU time over the whole loop, warm-ups included, divided
 * by the calls): on a shared machine a call preempted by another process
 * takes longer by the wall clock but not in CPU time.
 *
 * --only track|track+columns|score times that loop alone (for a profiler:
 * valgrind --tool=callgrind bench-track --only track --min-seconds 0 ...).
 *
 * Before timing, one checked call must succeed; --dump FILE writes its
 * "dii-tracking/1" JSON (dii_tracking_to_json) to FILE for
 * bench/pandas_track.py --check. The status counts of that call are printed
 * (every status the data exercises).
 *
 * Output: a human-readable summary, then one machine-readable line per loop
 * starting with "result " (key=value pairs) that bench/run_track reads.
 */
#include <dii/dii.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timing.h"

static const char *progname = "bench-track";

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [--min-seconds S] [--min-runs N] [--framework ID]\n"
            "       [--milestones FIRST-LAST] [--dump FILE] [--only LOOP] json|csv FILE\n",
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

typedef struct track_run {
    const dii_framework *fw;
    const dii_submissions *subs;
    const dii_tracking_options *opts;
} track_run;

static int track_once(void *ctx)
{
    const track_run *r = ctx;
    dii_tracking *tr = NULL;
    dii_status st = dii_track(r->fw, r->subs, r->opts, &tr, NULL);
    dii_tracking_free(tr);
    return st == DII_OK ? 0 : 1;
}

/* The 16 columns of one export, allocated for `rows` rows. */
typedef struct columns {
    size_t *unit, *indicator;
    int *year, *start_year, *latest_year, *expected_year;
    double *start_value, *latest_value, *observed_pace, *target_value, *required_pace,
        *pace_ratio, *projection;
    signed char *target_op, *target_basis, *status;
} columns;

static void columns_free(columns *c)
{
    free(c->unit), free(c->indicator), free(c->year), free(c->start_year);
    free(c->latest_year), free(c->expected_year), free(c->start_value), free(c->latest_value);
    free(c->observed_pace), free(c->target_value), free(c->required_pace), free(c->pace_ratio);
    free(c->projection), free(c->target_op), free(c->target_basis), free(c->status);
}

/* Exports every milestone row of tr into *c (new arrays; columns_free). */
static int export_columns(const dii_tracking *tr, columns *c)
{
    size_t n = dii_tracking_milestone_row_count(tr) + 1; /* + 1: never malloc(0) */
    memset(c, 0, sizeof *c);
    c->unit = malloc(n * sizeof *c->unit);
    c->indicator = malloc(n * sizeof *c->indicator);
    c->year = malloc(n * sizeof *c->year);
    c->start_year = malloc(n * sizeof *c->start_year);
    c->latest_year = malloc(n * sizeof *c->latest_year);
    c->expected_year = malloc(n * sizeof *c->expected_year);
    c->start_value = malloc(n * sizeof *c->start_value);
    c->latest_value = malloc(n * sizeof *c->latest_value);
    c->observed_pace = malloc(n * sizeof *c->observed_pace);
    c->target_value = malloc(n * sizeof *c->target_value);
    c->required_pace = malloc(n * sizeof *c->required_pace);
    c->pace_ratio = malloc(n * sizeof *c->pace_ratio);
    c->projection = malloc(n * sizeof *c->projection);
    c->target_op = malloc(n);
    c->target_basis = malloc(n);
    c->status = malloc(n);
    if (!c->unit || !c->indicator || !c->year || !c->start_year || !c->latest_year ||
        !c->expected_year || !c->start_value || !c->latest_value || !c->observed_pace ||
        !c->target_value || !c->required_pace || !c->pace_ratio || !c->projection ||
        !c->target_op || !c->target_basis || !c->status)
        return 1;
    dii_milestone_columns out = DII_MILESTONE_COLUMNS_INIT;
    out.unit = c->unit;
    out.indicator = c->indicator;
    out.year = c->year;
    out.start_year = c->start_year;
    out.start_value = c->start_value;
    out.latest_year = c->latest_year;
    out.latest_value = c->latest_value;
    out.observed_pace = c->observed_pace;
    out.target_op = c->target_op;
    out.target_value = c->target_value;
    out.target_basis = c->target_basis;
    out.required_pace = c->required_pace;
    out.pace_ratio = c->pace_ratio;
    out.status = c->status;
    out.projection = c->projection;
    out.expected_year = c->expected_year;
    return dii_tracking_milestone_columns(tr, &out) == DII_OK ? 0 : 1;
}

static int track_columns_once(void *ctx)
{
    const track_run *r = ctx;
    dii_tracking *tr = NULL;
    columns c;
    int rc = 1;
    if (dii_track(r->fw, r->subs, r->opts, &tr, NULL) == DII_OK)
        rc = export_columns(tr, &c);
    else
        memset(&c, 0, sizeof c);
    columns_free(&c);
    dii_tracking_free(tr);
    return rc;
}

static int score_once(void *ctx)
{
    const track_run *r = ctx;
    dii_results *res = NULL;
    dii_status st = dii_score(r->fw, r->subs, NULL, &res, NULL);
    dii_results_free(res);
    return st == DII_OK ? 0 : 1;
}

/* Writes the JSON to path; prints the row and status counts. */
static int check_call(const track_run *r, const char *dump)
{
    dii_tracking *tr = NULL;
    dii_diagnostics *diags = NULL;
    dii_status st = dii_track(r->fw, r->subs, r->opts, &tr, &diags);
    if (st != DII_OK) {
        fprintf(stderr, "%s: dii_track failed: %s: %s\n", progname, dii_status_string(st),
                dii_last_error());
        if (diags)
            print_diagnostics(diags);
        dii_diagnostics_free(diags);
        return 1;
    }
    dii_diagnostics_free(diags);
    int rc = 0;
    columns c;
    if (export_columns(tr, &c) != 0) {
        fprintf(stderr, "%s: export failed: %s\n", progname, dii_last_error());
        rc = 1;
    } else {
        size_t rows = dii_tracking_milestone_row_count(tr), count[8] = {0};
        for (size_t i = 0; i < rows; i++)
            if (c.status[i] >= 0 && c.status[i] < 8)
                count[(int)c.status[i]]++;
        printf("tracking: %zu units x %zu indicators, %zu milestone rows; statuses:",
               dii_tracking_unit_count(tr), dii_tracking_indicator_count(tr), rows);
        for (int s = 0; s < 8; s++)
            printf(" %s=%zu", dii_track_status_name((dii_track_status)s), count[s]);
        printf("\n");
    }
    columns_free(&c);
    if (rc == 0 && dump) {
        char *json = NULL;
        size_t len = 0;
        FILE *f = NULL;
        if (dii_tracking_to_json(tr, &json, &len) != DII_OK || !(f = fopen(dump, "wb")) ||
            fwrite(json, 1, len, f) != len) {
            fprintf(stderr, "%s: cannot write %s\n", progname, dump);
            rc = 1;
        }
        if (f && fclose(f) != 0)
            rc = 1;
        dii_free(json);
    }
    dii_tracking_free(tr);
    return rc;
}

/* This process's CPU time in seconds. */
static double cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Times one loop, unless --only names another. */
static int report(const char *only, const char *loop, const char *impl, const char *label,
                  bench_run_fn fn, track_run *r, double min_seconds, long min_runs)
{
    bench_timing t;
    if (only && strcmp(only, loop) != 0)
        return 0;
    double cpu0 = cpu_seconds();
    if (bench_time(fn, r, min_seconds, min_runs, &t) != 0) {
        fprintf(stderr, "%s: a %s run failed: %s\n", progname, impl, dii_last_error());
        return 1;
    }
    double cpu = (cpu_seconds() - cpu0) / (double)(t.runs + 3); /* + the 3 warm-ups */
    printf("  %-52s %6zu runs; per call: median %8.3f ms, min %8.3f ms, CPU %8.3f ms\n",
           label, t.runs, t.median * 1e3, t.fastest * 1e3, cpu * 1e3);
    printf("result impl=%s runs=%zu median_s=%.9f min_s=%.9f cpu_s=%.9f\n", impl, t.runs,
           t.median, t.fastest, cpu);
    return 0;
}

/* "2026-2030" or "2030": every year from first to last. */
static size_t parse_milestones(const char *s, int *years, size_t cap)
{
    char *end = NULL;
    long first = strtol(s, &end, 10), last = first;
    if (*end == '-')
        last = strtol(end + 1, &end, 10);
    if (*end != '\0' || first < DII_YEAR_MIN || last > DII_YEAR_MAX || last < first ||
        (size_t)(last - first) >= cap)
        return 0;
    for (long y = first; y <= last; y++)
        years[y - first] = (int)y;
    return (size_t)(last - first + 1);
}

int main(int argc, char **argv)
{
    double min_seconds = 1.0;
    long min_runs = 10;
    const char *framework_id = "dien-bien-4734-2023", *dump = NULL, *only = NULL;
    int milestones[64];
    size_t milestone_count = parse_milestones("2026-2030", milestones, 64);
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
        else if (strcmp(argv[i], "--milestones") == 0)
            milestone_count = parse_milestones(argv[++i], milestones, 64);
        else if (strcmp(argv[i], "--dump") == 0)
            dump = argv[++i];
        else if (strcmp(argv[i], "--only") == 0)
            only = argv[++i];
        else
            usage();
    }
    if (argc - i != 2 || min_seconds < 0 || min_runs < 1 || milestone_count == 0 ||
        (only && strcmp(only, "track") != 0 && strcmp(only, "track+columns") != 0 &&
         strcmp(only, "score") != 0))
        usage();

    dii_parse_options popts = DII_PARSE_OPTIONS_INIT;
    const char *format = argv[i], *path = argv[i + 1];
    if (strcmp(format, "json") == 0)
        popts.format = DII_INPUT_JSON;
    else if (strcmp(format, "csv") == 0)
        popts.format = DII_INPUT_CSV;
    else
        usage();

    size_t len = 0;
    char *data = bench_read_file(progname, path, &len);
    if (!data)
        return 1;
    dii_framework *fw = NULL;
    dii_submissions *subs = NULL;
    dii_diagnostics *diags = NULL;
    int rc = 1;
    if (dii_framework_builtin(framework_id, &fw) != DII_OK) {
        fprintf(stderr, "%s: framework %s: %s\n", progname, framework_id, dii_last_error());
        goto done;
    }
    if (dii_submissions_load_memory(data, len, path, &popts, &subs, &diags) != DII_OK) {
        fprintf(stderr, "%s: cannot load %s: %s\n", progname, path, dii_last_error());
        print_diagnostics(diags);
        goto done;
    }

    dii_tracking_options opts = DII_TRACKING_OPTIONS_INIT;
    opts.milestones = milestones;
    opts.milestone_count = milestone_count;
    track_run r = {fw, subs, &opts};
    printf("libdii %s: %s %s, %zu bytes, %zu submissions; framework %s; milestones %d-%d\n",
           dii_version_string(), format, path, len, dii_submissions_count(subs), framework_id,
           milestones[0], milestones[milestone_count - 1]);
    if (check_call(&r, dump) != 0)
        goto done;
    if (report(only, "track", "libdii-track", "dii_track (incl. score trajectory)",
               track_once, &r, min_seconds, min_runs) != 0 ||
        report(only, "track+columns", "libdii-track-columns",
               "dii_track + dii_tracking_milestone_columns", track_columns_once, &r,
               min_seconds, min_runs) != 0 ||
        report(only, "score", "libdii-score", "dii_score of the panel (reference only)",
               score_once, &r, min_seconds, min_runs) != 0)
        goto done;
    printf("  peak RSS %ld KiB\n", bench_maxrss_kib());
    rc = 0;
done:
    dii_diagnostics_free(diags);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    free(data);
    return rc;
}
