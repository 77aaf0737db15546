/* Scores a submissions file against a built-in framework and prints one line
 * per indicator: a small consumer of the public API, built out of tree with
 *   cc score_builtin.c $(pkg-config --cflags --libs dii)
 * Usage: score-builtin FRAMEWORK_ID SUBMISSIONS_FILE [TARGET_YEAR] */
#include <stdio.h>
#include <stdlib.h>

#include <dii/dii.h>

static void print_diagnostics(const dii_diagnostics *d)
{
    for (size_t i = 0; i < dii_diagnostics_count(d); i++) {
        const dii_diagnostic *x = dii_diagnostics_get(d, i);
        fprintf(stderr, "%s:%lu:%lu: %s[%s]: %s\n",
                dii_diagnostic_file(x) ? dii_diagnostic_file(x) : "-",
                dii_diagnostic_line(x), dii_diagnostic_column(x),
                dii_severity_name(dii_diagnostic_severity(x)), dii_diagnostic_code(x),
                dii_diagnostic_message(x));
    }
}

static void print_indicator(const dii_result *r, size_t k)
{
    double value = 0, target = 0;
    dii_op op = DII_OP_GE;
    dii_target_basis basis = DII_BASIS_EXACT;
    int has_value = dii_result_indicator_value(r, k, &value);
    int has_target = dii_result_indicator_target(r, k, NULL, &op, &target, &basis);
    printf("  %-46s %10.4g  %2s %-8.4g %-12s %-9s %.4f\n", dii_result_indicator_id(r, k),
           has_value ? value : 0.0, has_target ? dii_op_symbol(op) : "",
           has_target ? target : 0.0, has_target ? dii_target_basis_name(basis) : "-",
           dii_compliance_name(dii_result_indicator_compliance(r, k)),
           dii_result_indicator_points(r, k));
}

static void print_result(const dii_result *r)
{
    printf("%s (%s), data %d, targets %d\n", dii_result_unit_name(r) ? dii_result_unit_name(r)
                                                                    : "",
           dii_result_unit_id(r), dii_result_year(r), dii_result_target_year(r));
    for (size_t k = 0; k < dii_result_indicator_count(r); k++)
        print_indicator(r, k);
    printf("  points %.4f of %g, index %.4f, rank %d of %zu, met %zu of %zu\n",
           dii_result_points(r), dii_result_max_points(r), dii_result_index(r),
           dii_result_rank(r), dii_result_cohort_size(r),
           dii_result_compliance_count(r, DII_COMPLIANCE_MET), dii_result_indicator_count(r));
}

/* Loads, validates and scores; prints every diagnostic on failure. */
static int run(const char *framework_id, const char *path, int target_year)
{
    dii_framework *fw = NULL;
    dii_submissions *subs = NULL;
    dii_results *res = NULL;
    dii_diagnostics *load_diags = NULL, *score_diags = NULL;
    dii_score_options opts = DII_SCORE_OPTIONS_INIT;
    opts.target_year = target_year;
    dii_status st = dii_framework_builtin(framework_id, &fw);
    if (st == DII_OK)
        st = dii_submissions_load_file(path, NULL, &subs, &load_diags);
    if (st == DII_OK)
        st = dii_score(fw, subs, &opts, &res, &score_diags);
    if (st != DII_OK) {
        print_diagnostics(subs ? score_diags : load_diags);
        fprintf(stderr, "score-builtin: %s\n", dii_last_error());
    }
    for (size_t i = 0; i < dii_results_count(res); i++)
        print_result(dii_results_get(res, i));
    for (size_t i = 0; i < dii_results_warning_count(res); i++)
        fprintf(stderr, "warning: %s\n", dii_results_warning(res, i));
    dii_results_free(res);
    dii_diagnostics_free(load_diags);
    dii_diagnostics_free(score_diags);
    dii_submissions_free(subs);
    dii_framework_free(fw);
    return st == DII_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FRAMEWORK_ID SUBMISSIONS_FILE [TARGET_YEAR]\n", argv[0]);
        return 2;
    }
    return run(argv[1], argv[2], argc > 3 ? atoi(argv[3]) : 0);
}
