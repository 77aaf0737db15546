/* bench-memory: one input through the library the way `dii validate
 * --format json` takes it — read into memory, load, validate, the
 * diagnostics serialised — and nothing else, so that the process's peak
 * RSS (bench/bench_memory.py reads it from /usr/bin/time -v) is what the
 * library needs for that input. Uses only the 1.0 API, so the same binary
 * measures an older libdii through LD_LIBRARY_PATH.
 *
 *     bench-memory FILE FRAMEWORK_ID [csv-semicolon]
 *
 * Prints "status load=<n> validate=<n> diagnostics=<n> json_bytes=<n>";
 * exits 0 when every call ran (whatever the verdict), 2 when one failed
 * for lack of memory or could not read the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dii/dii.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *more = realloc(buf, cap *= 2);
            if (more == NULL)
                free(buf);
            buf = more;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench-memory FILE FRAMEWORK_ID [csv-semicolon]\n");
        return 2;
    }
    size_t len = 0;
    char *data = read_all(argv[1], &len);
    if (data == NULL) {
        perror(argv[1]);
        return 2;
    }
    dii_parse_options opts = DII_PARSE_OPTIONS_INIT;
    opts.version = 2; /* the 1.1 header's options: runs against 1.1 too */
    if (argc > 3 && strcmp(argv[3], "csv-semicolon") == 0) {
        opts.csv_delimiter = ';';
        opts.csv_decimal_mark = ',';
    }
    dii_submissions *subs = NULL;
    dii_diagnostics *load_diags = NULL, *diags = NULL;
    dii_framework *fw = NULL;
    dii_status load = dii_submissions_load_memory(data, len, argv[1], &opts, &subs, &load_diags);
    dii_status validate = DII_OK;
    size_t json_len = 0;
    char *json = NULL;
    if (subs != NULL && dii_framework_builtin(argv[2], &fw) == DII_OK) {
        validate = dii_validate(fw, subs, &diags);
        if (diags != NULL)
            dii_diagnostics_to_json(diags, &json, &json_len);
    } else if (load_diags != NULL) {
        dii_diagnostics_to_json(load_diags, &json, &json_len);
    }
    printf("status load=%d validate=%d diagnostics=%zu json_bytes=%zu\n", (int)load,
           (int)validate, dii_diagnostics_count(diags ? diags : load_diags), json_len);
    int failed = load == DII_ERR_NO_MEMORY || validate == DII_ERR_NO_MEMORY ||
                 (json == NULL && (diags || load_diags));
    dii_free(json);
    dii_diagnostics_free(diags);
    dii_diagnostics_free(load_diags);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(data);
    return failed ? 2 : 0;
}
