/* Output files are written to a temporary file in the same directory and
 * renamed over the target only once everything was written: a failure
 * (full disk, invalid input found late, a signal) never leaves a partial
 * file, and an existing file is either replaced whole or left untouched. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static char *temp_name_for(const char *path)
{
    const char *suffix = ".dii-XXXXXX";
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *tmp = malloc(n);
    if (tmp)
        snprintf(tmp, n, "%s%s", path, suffix);
    return tmp;
}

int output_open(output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    o->path = strdup(path);
    o->tmp = temp_name_for(path);
    int fd = o->tmp && o->path ? mkstemp(o->tmp) : -1;
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "dii: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        free(o->path);
        memset(o, 0, sizeof *o);
        return -1;
    }
    /* mkstemp creates 0600; give the file the permissions a new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return 0;
}

int output_commit(output *o)
{
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "dii: cannot write standard output: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    int failed = fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
    failed |= fclose(o->fp) != 0;
    o->fp = NULL;
    if (failed || rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "dii: cannot write %s: %s\n", o->path, strerror(errno));
        output_abort(o);
        return -1;
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return 0;
}

void output_abort(output *o)
{
    if (o->path) {
        if (o->fp)
            fclose(o->fp);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int use_color(FILE *fp)
{
    if (getenv("NO_COLOR")) /* set at all, even empty: the rule */
        return 0;
    return isatty(fileno(fp));
}
