/* bench-memory: one input through the library the way `dii validate
 * --format json` takes it — read into memory, load, validate, the
 * diagnostics written out — and nothing else, so that the process's peak
 * RSS (bench/bench_memory.py reads it from /usr/bin/time -v) is what the
 * library needs for that input. Links against the 1.0 API only, so the
 * same binary measures an older libdii through LD_LIBRARY_PATH; the
 * diagnostics go out as `dii validate` sends them with that library:
 * streamed to /dev/null by dii_diagnostics_write_json where the library
 * has it (1.2, found with dlsym), else built whole by
 * dii_diagnostics_to_json.
 *
 *     bench-memory FILE FRAMEWORK_ID [csv-semicolon]
 *
 * Prints "status load=<n> validate=<n> diagnostics=<n> json_bytes=<n>";
 * exits 0 when every call ran (whatever the verdict), 2 when one failed
 * for lack of memory or could not read the file. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
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

typedef int (*write_fn)(void *ctx, const char *data, size_t len);
typedef dii_status (*write_json_fn)(const dii_diagnostics *const *lists, size_t n,
                                    write_fn write, void *ctx);

typedef struct sink {
    FILE *file;
    size_t bytes;
} sink;

static int to_file(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    s->bytes += len;
    return fwrite(data, 1, len, s->file) == len ? 0 : -1;
}

/* The diagnostics as `dii validate --format json` writes them; the bytes
 * of JSON in *len. 0, or -1 when the library failed. */
static int write_out(const dii_diagnostics *diags, size_t *len)
{
    write_json_fn stream = (write_json_fn)(uintptr_t)dlsym(RTLD_DEFAULT,
                                                           "dii_diagnostics_write_json");
    if (stream != NULL) {
        sink null = {fopen("/dev/null", "wb"), 0};
        if (null.file == NULL)
            return -1;
        dii_status st = stream(&diags, 1, to_file, &null);
        *len = null.bytes;
        fclose(null.file);
        return st == DII_OK ? 0 : -1;
    }
    char *json = NULL;
    dii_status st = dii_diagnostics_to_json(diags, &json, len);
    dii_free(json);
    return st == DII_OK ? 0 : -1;
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
    int written = 0;
    if (subs != NULL && dii_framework_builtin(argv[2], &fw) == DII_OK) {
        validate = dii_validate(fw, subs, &diags);
        if (diags != NULL)
            written = write_out(diags, &json_len);
    } else if (load_diags != NULL) {
        written = write_out(load_diags, &json_len);
    }
    printf("status load=%d validate=%d diagnostics=%zu json_bytes=%zu\n", (int)load,
           (int)validate, dii_diagnostics_count(diags ? diags : load_diags), json_len);
    int failed = load == DII_ERR_NO_MEMORY || validate == DII_ERR_NO_MEMORY || written != 0;
    dii_diagnostics_free(diags);
    dii_diagnostics_free(load_diags);
    dii_framework_free(fw);
    dii_submissions_free(subs);
    free(data);
    return failed ? 2 : 0;
}
