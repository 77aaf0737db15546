/* Thread safety (dii.h, "Thread safety"): frameworks are immutable once
 * loaded, so any number of threads may validate and score with the same
 * handle at once, and dii_last_error() is per thread.
 *
 * One instance of each built-in framework (dien-bien-4734-2023 and
 * dii-885-2023) is shared by 8 threads. Each thread has its own cohorts —
 * a different subset of the synthetic 34-province CSV (examples/data) under
 * dii-885-2023, the Điện Biên 2022 actuals against a different target year
 * (2023 + thread) under dien-bien-4734-2023, and a copy of those actuals
 * with a misspelt indicator that fails validation — and, many times over,
 * loads them from memory, validates, scores and serialises diagnostics and
 * results. Every text must equal, byte for byte, what the same steps gave
 * in one thread before the threads started. The framework's own JSON is
 * serialised concurrently too.
 *
 * Tracking (dii_track) shares even more: one panel (dii_submissions, built
 * below), one crosswalk and four option sets (linear / CAGR pace, default /
 * explicit milestones, each with the crosswalk) are shared by all 8 threads,
 * thread t tracking with option set t % 4; every "dii-tracking/1" JSON must
 * equal the single-threaded one of its option set.
 *
 * Run under ThreadSanitizer by scripts/test (build-tsan, CK_FORK=no); in the
 * other builds it checks the same equality without the race detector. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#ifndef DII_EXAMPLES_DIR
#define DII_EXAMPLES_DIR "examples"
#endif

#define N_THREADS 8
/* Rounds per thread; DII_THREAD_ITERATIONS overrides (a longer stress run). */
#define ITERATIONS 10
static int iterations = ITERATIONS;

typedef struct {
    char *text;       /* the cohort's input */
    size_t len;
    const char *name; /* picks the format by extension */
    const dii_framework *fw;
    int target_year;
    char *diags_json; /* expected: dii_diagnostics_to_json of dii_validate */
    char *result_json; /* expected: dii_results_to_json, or NULL when invalid */
} cohort;

/* The shared tracking inputs: a panel of dien-bien-4734-2023 (6 units,
 * 2021-2024, D05 skipping 2022; D05 and D06 merged into D06 before 2024 by
 * the crosswalk) and the option sets. */
#define N_TRACK_OPTIONS 4
static dii_submissions *panel;
static dii_crosswalk *crosswalk;
static const int explicit_milestones[] = {2030, 2026, 2027}; /* unsorted on purpose */
static dii_tracking_options track_options[N_TRACK_OPTIONS];
static char *track_json[N_TRACK_OPTIONS]; /* expected, from one thread */

typedef struct {
    cohort cohorts[3];
    int track_set;          /* index into track_options */
    char *fw_json[2];       /* expected dii_framework_to_json of both frameworks */
    int mismatches;         /* written by the thread, read after join */
    int errors;
    char first_problem[256];
} job;

static dii_framework *frameworks[2];

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The lines of the provinces CSV whose unit (S01 … S34) falls in cohort t:
 * units k with k % N_THREADS == t, plus S01 in every cohort so that the
 * cohorts overlap; the header line is kept. */
static char *csv_cohort(const char *csv, int t, size_t *len)
{
    size_t n = strlen(csv);
    char *out = malloc(n + 1);
    ck_assert_ptr_nonnull(out);
    size_t w = 0;
    int header = 1;
    for (const char *line = csv; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end + 1 : line + strlen(line);
        int unit = (line[0] == 'S') ? atoi(line + 1) : -1;
        if (header || unit == 1 || (unit > 0 && unit % N_THREADS == t)) {
            memcpy(out + w, line, (size_t)(end - line));
            w += (size_t)(end - line);
        }
        header = 0;
        line = end;
    }
    out[w] = '\0';
    *len = w;
    return out;
}

static char *misspelt(const char *json, size_t *len)
{
    static const char good[] = "mobile_broadband_subscriptions_per_100";
    static const char bad[] = "mobile_broadbnd_subscriptions_per_100";
    const char *at = strstr(json, good);
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(json), pre = (size_t)(at - json);
    char *out = malloc(n + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, json, pre);
    memcpy(out + pre, bad, sizeof bad - 1);
    strcpy(out + pre + sizeof bad - 1, at + sizeof good - 1);
    *len = strlen(out);
    return out;
}

/* load → validate → score → serialise; *diags_json and *result_json are new
 * (result NULL when the cohort does not validate). 0 on success, else a
 * status. */
static int run_cohort(const cohort *c, char **diags_json, char **result_json)
{
    *diags_json = *result_json = NULL;
    dii_submissions *subs = NULL;
    dii_diagnostics *load = NULL, *val = NULL, *sd = NULL;
    dii_results *res = NULL;
    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = c->target_year;
    int rc = dii_submissions_load_memory(c->text, c->len, c->name, NULL, &subs, &load);
    if (rc == DII_OK) {
        dii_status vs = dii_validate(c->fw, subs, &val);
        rc = vs == DII_ERR_VALIDATION ? DII_OK : (int)vs;
        if (rc == DII_OK)
            rc = dii_diagnostics_to_json(val, diags_json, NULL);
        if (rc == DII_OK && vs == DII_OK) {
            rc = dii_score(c->fw, subs, &opts, &res, &sd);
            if (rc == DII_OK)
                rc = dii_results_to_json(res, result_json, NULL);
        }
    }
    dii_results_free(res);
    dii_diagnostics_free(sd);
    dii_diagnostics_free(val);
    dii_diagnostics_free(load);
    dii_submissions_free(subs);
    return rc;
}

/* Long CSV of the panel: every indicator of fw for units D01..D06 and years
 * 2021..2024 (D05 skips 2022), values moving from the baseline (10 without
 * one) by unit and year; booleans alternate. New text (free). */
static char *panel_csv(const dii_framework *fw)
{
    size_t cap = 1 << 16, w = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    w += (size_t)snprintf(out, cap, "unit_id,unit_name,year,indicator,value\n");
    for (int u = 1; u <= 6; u++)
        for (int y = 2021; y <= 2024; y++) {
            if (u == 5 && y == 2022)
                continue;
            for (size_t k = 0; k < dii_framework_indicator_count(fw); k++) {
                const dii_indicator *ind = dii_framework_indicator(fw, k);
                double base = 10;
                dii_indicator_baseline(ind, NULL, &base);
                double v = base * (0.85 + 0.04 * u + 0.03 * (y - 2021) * (u % 3 ? 1 : -1));
                if (dii_indicator_unit(ind) == DII_UNIT_PERCENT && v > 100)
                    v = 100;
                char cell[32];
                if (dii_indicator_unit(ind) == DII_UNIT_BOOLEAN)
                    snprintf(cell, sizeof cell, "%s", (u + y) % 2 ? "true" : "false");
                else if (dii_indicator_unit(ind) == DII_UNIT_COUNT)
                    snprintf(cell, sizeof cell, "%d", (int)(v + 0.5));
                else
                    snprintf(cell, sizeof cell, "%.2f", v);
                int n = snprintf(out + w, cap - w, "D%02d,Unit %d,%d,%s,%s\n", u, u, y,
                                 dii_indicator_id(ind), cell);
                ck_assert(n > 0 && (size_t)n < cap - w);
                w += (size_t)n;
            }
        }
    return out;
}

static void setup_tracking(const dii_framework *fw)
{
    char *csv = panel_csv(fw);
    dii_parse_options po = DII_PARSE_OPTIONS_INIT;
    po.format = DII_INPUT_CSV;
    ck_assert_int_eq(dii_submissions_load_memory(csv, strlen(csv), "panel.csv", &po, &panel,
                                                 NULL),
                     DII_OK);
    free(csv);
    static const char cw[] = "from_unit,to_unit,weight\nD05,D06,2\nD06,D06,\n";
    ck_assert_int_eq(dii_crosswalk_load_memory(cw, sizeof cw - 1, "cw.csv", 2024, &crosswalk,
                                               NULL),
                     DII_OK);
    for (int i = 0; i < N_TRACK_OPTIONS; i++) {
        dii_tracking_options o = DII_TRACKING_OPTIONS_INIT;
        o.pace = i % 2 ? DII_PACE_CAGR : DII_PACE_LINEAR;
        if (i >= 2) {
            o.milestones = explicit_milestones;
            o.milestone_count = sizeof explicit_milestones / sizeof explicit_milestones[0];
        }
        o.crosswalk = crosswalk;
        track_options[i] = o;
    }
}

/* dii_track with option set i, serialised; *json new. 0 or a status. */
static int run_tracking(int i, char **json)
{
    dii_tracking *tr = NULL;
    *json = NULL;
    int rc = dii_track(frameworks[1], panel, &track_options[i], &tr, NULL);
    if (rc == DII_OK)
        rc = dii_tracking_to_json(tr, json, NULL);
    dii_tracking_free(tr);
    return rc;
}

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static void note(job *j, const char *what)
{
    if (j->first_problem[0] == '\0')
        snprintf(j->first_problem, sizeof j->first_problem, "%s", what);
}

static void *worker(void *arg)
{
    job *j = arg;
    for (int it = 0; it < iterations; it++) {
        for (size_t k = 0; k < 3; k++) {
            char *dj = NULL, *rj = NULL;
            if (run_cohort(&j->cohorts[k], &dj, &rj) != 0) {
                j->errors++;
                note(j, "a call failed");
            } else if (!same(dj, j->cohorts[k].diags_json) ||
                       !same(rj, j->cohorts[k].result_json)) {
                j->mismatches++;
                note(j, k == 0 ? "CSV cohort differs" : k == 1 ? "Điện Biên cohort differs"
                                                               : "invalid cohort differs");
            }
            dii_free(dj);
            dii_free(rj);
        }
        char *tj = NULL;
        if (run_tracking(j->track_set, &tj) != 0) {
            j->errors++;
            note(j, "dii_track failed");
        } else if (!same(tj, track_json[j->track_set])) {
            j->mismatches++;
            note(j, "dii_track differs");
        }
        dii_free(tj);
        /* the thread-local error: a failure here, success elsewhere */
        dii_framework *none = NULL;
        if (dii_framework_builtin("no-such-framework", &none) != DII_ERR_NOT_FOUND ||
            strstr(dii_last_error(), "no-such-framework") == NULL) {
            j->mismatches++;
            note(j, "dii_last_error is not this thread's");
        }
        for (size_t f = 0; f < 2; f++) {
            char *fj = NULL;
            if (dii_framework_to_json(frameworks[f], &fj, NULL) != DII_OK ||
                !same(fj, j->fw_json[f])) {
                j->mismatches++;
                note(j, "dii_framework_to_json differs");
            }
            dii_free(fj);
            if (dii_last_error()[0] != '\0') {
                j->mismatches++;
                note(j, "dii_last_error not cleared by a success");
            }
        }
    }
    return NULL;
}

START_TEST(test_eight_threads_share_two_frameworks)
{
    const char *env = getenv("DII_THREAD_ITERATIONS");
    if (env && atoi(env) > 0)
        iterations = atoi(env);
    ck_assert_int_eq(dii_framework_builtin("dii-885-2023", &frameworks[0]), DII_OK);
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &frameworks[1]), DII_OK);
    size_t csv_len, db_len;
    char *csv = read_file(DII_EXAMPLES_DIR "/data/provinces-2025.csv", &csv_len);
    char *db = read_file(DII_EXAMPLES_DIR "/data/dien-bien-2022.json", &db_len);
    setup_tracking(frameworks[1]);
    for (int i = 0; i < N_TRACK_OPTIONS; i++) {
        ck_assert_int_eq(run_tracking(i, &track_json[i]), DII_OK);
        ck_assert_ptr_nonnull(strstr(track_json[i], "\"merged\": [\n")); /* D06 merged */
    }
    /* the option sets really give different answers */
    for (int i = 1; i < N_TRACK_OPTIONS; i++)
        ck_assert_str_ne(track_json[0], track_json[i]);

    static job jobs[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        job *j = &jobs[t];
        memset(j, 0, sizeof *j);
        cohort *c = j->cohorts;
        c[0].text = csv_cohort(csv, t, &c[0].len);
        c[0].name = "cohort.csv";
        c[0].fw = frameworks[0];
        c[1].text = malloc(db_len + 1);
        ck_assert_ptr_nonnull(c[1].text);
        memcpy(c[1].text, db, db_len + 1);
        c[1].len = db_len;
        c[1].name = "dien-bien-2022.json";
        c[1].fw = frameworks[1];
        c[1].target_year = 2023 + t;
        c[2].text = misspelt(db, &c[2].len);
        c[2].name = "misspelt.json";
        c[2].fw = frameworks[1];
        j->track_set = t % N_TRACK_OPTIONS;
        /* the serial answers */
        for (size_t k = 0; k < 3; k++)
            ck_assert_int_eq(run_cohort(&c[k], &c[k].diags_json, &c[k].result_json), 0);
        ck_assert_ptr_nonnull(c[0].result_json);
        ck_assert_ptr_nonnull(c[1].result_json);
        ck_assert_ptr_null(c[2].result_json);  /* the misspelt copy does not validate */
        ck_assert_ptr_nonnull(strstr(c[2].diags_json, "unknown-indicator"));
        for (size_t f = 0; f < 2; f++)
            ck_assert_int_eq(dii_framework_to_json(frameworks[f], &j->fw_json[f], NULL), DII_OK);
    }
    /* the cohorts really differ from thread to thread */
    ck_assert_str_ne(jobs[0].cohorts[0].result_json, jobs[1].cohorts[0].result_json);
    ck_assert_str_ne(jobs[0].cohorts[1].result_json, jobs[1].cohorts[1].result_json);

    pthread_t threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_create(&threads[t], NULL, worker, &jobs[t]), 0);
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);

    for (int t = 0; t < N_THREADS; t++) {
        ck_assert_msg(jobs[t].errors == 0 && jobs[t].mismatches == 0,
                      "thread %d: %d failed calls, %d mismatches (first: %s)", t,
                      jobs[t].errors, jobs[t].mismatches, jobs[t].first_problem);
        for (size_t k = 0; k < 3; k++) {
            free(jobs[t].cohorts[k].text);
            dii_free(jobs[t].cohorts[k].diags_json);
            dii_free(jobs[t].cohorts[k].result_json);
        }
        for (size_t f = 0; f < 2; f++)
            dii_free(jobs[t].fw_json[f]);
    }
    for (int i = 0; i < N_TRACK_OPTIONS; i++)
        dii_free(track_json[i]);
    dii_crosswalk_free(crosswalk);
    dii_submissions_free(panel);
    free(csv);
    free(db);
    dii_framework_free(frameworks[0]);
    dii_framework_free(frameworks[1]);
}
END_TEST

/* Copies of a diagnostics list share its strings through an atomic count
 * (lib/diag.c): 8 threads copy one shared list over and over, serialise
 * their copy and free it, while the count of every item goes up and down
 * from all of them at once. Each text must equal the list's own. */
static const dii_diagnostics *shared_list;
static char *shared_list_json;

static void *copy_worker(void *arg)
{
    int *bad = arg;
    for (int i = 0; i < iterations * 10; i++) {
        dii_diagnostics *copy = NULL;
        char *json = NULL;
        if (dii_diagnostics_concat(&shared_list, 1, &copy) != DII_OK ||
            dii_diagnostics_to_json(copy, &json, NULL) != DII_OK ||
            strcmp(json, shared_list_json) != 0)
            (*bad)++;
        dii_free(json);
        dii_diagnostics_free(copy);
    }
    return NULL;
}

START_TEST(test_eight_threads_copy_one_diagnostics_list)
{
    size_t len;
    char *db = read_file(DII_EXAMPLES_DIR "/data/dien-bien-2022.json", &len);
    char *text = misspelt(db, &len);
    dii_submissions *subs = NULL;
    dii_framework *fw = NULL;
    dii_diagnostics *list = NULL;
    ck_assert_int_eq(dii_submissions_load_memory(text, len, "misspelt.json", NULL, &subs, NULL),
                     DII_OK);
    ck_assert_int_eq(dii_framework_builtin("dien-bien-4734-2023", &fw), DII_OK);
    ck_assert_int_eq(dii_validate(fw, subs, &list), DII_ERR_VALIDATION);
    ck_assert_int_eq(dii_diagnostics_to_json(list, &shared_list_json, NULL), DII_OK);
    shared_list = list;
    pthread_t threads[N_THREADS];
    int bad[N_THREADS] = {0};
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_create(&threads[t], NULL, copy_worker, &bad[t]), 0);
    for (int t = 0; t < N_THREADS; t++) {
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
        ck_assert_msg(bad[t] == 0, "thread %d: %d copies went wrong", t, bad[t]);
    }
    dii_free(shared_list_json);
    dii_diagnostics_free(list);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(text);
    free(db);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("shared framework");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_eight_threads_share_two_frameworks);
    tcase_add_test(tc, test_eight_threads_copy_one_diagnostics_list);
    suite_add_tcase(s, tc);
    return s;
}
