/* The README's C example, complete: every return value checked. */
#include <stdio.h>

#include <dii/dii.h>

/* Prints every diagnostic of a list (NULL is an empty list). */
static void report(const dii_diagnostics *diags)
{
    for (size_t i = 0; i < dii_diagnostics_count(diags); i++) {
        const dii_diagnostic *d = dii_diagnostics_get(diags, i);
        const char *file = dii_diagnostic_file(d); /* NULL when not from a file */
        fprintf(stderr, "%s:%lu:%lu: %s[%s]: %s\n", file ? file : "-",
                dii_diagnostic_line(d), dii_diagnostic_column(d),
                dii_severity_name(dii_diagnostic_severity(d)), dii_diagnostic_code(d),
                dii_diagnostic_message(d));
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/data/dien-bien-2022.json";
    dii_framework *fw = NULL;
    dii_submissions *subs = NULL;
    dii_results *res = NULL;
    dii_diagnostics *load_diags = NULL, *score_diags = NULL;
    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = 2023;
    int exit_code = 1;

    dii_status st = dii_framework_builtin("dien-bien-4734-2023", &fw);
    if (st != DII_OK) {
        fprintf(stderr, "framework: %s\n", dii_last_error());
        goto done;
    }
    st = dii_submissions_load_file(path, NULL, &subs, &load_diags);
    report(load_diags); /* warnings may come with DII_OK */
    if (st != DII_OK) {
        fprintf(stderr, "%s: %s\n", path, dii_last_error());
        goto done;
    }
    st = dii_score(fw, subs, &opts, &res, &score_diags);
    report(score_diags);
    if (st != DII_OK) {
        fprintf(stderr, "score: %s\n", dii_last_error());
        goto done;
    }
    for (size_t i = 0; i < dii_results_count(res); i++) {
        const dii_result *r = dii_results_get(res, i);
        printf("%s: %.4f of %g points, index %.4f, rank %d\n", dii_result_unit_id(r),
               dii_result_points(r), dii_result_max_points(r), dii_result_index(r),
               dii_result_rank(r));
    }
    exit_code = 0;
done:
    dii_results_free(res);
    dii_diagnostics_free(score_diags);
    dii_diagnostics_free(load_diags);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    return exit_code;
}
