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

typedef struct {
    cohort cohorts[3];
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
    free(csv);
    free(db);
    dii_framework_free(frameworks[0]);
    dii_framework_free(frameworks[1]);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("shared framework");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_eight_threads_share_two_frameworks);
    suite_add_tcase(s, tc);
    return s;
}
