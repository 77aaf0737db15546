/* Test shim for the `dii` command, loaded with LD_PRELOAD by
 * run_cli_tests.py (never installed): the first fsync() creates the file
 * named by $DII_HOLD_FSYNC_MARKER and then waits for a signal, for ever.
 *
 * dii calls fsync() once, on its temporary output file, after writing all
 * of it and before renaming it into place. Holding it there lets a test
 * send SIGTERM, SIGINT or SIGHUP at exactly the moment the temporary file
 * exists, without any timing: the marker says the moment has come. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int fsync(int fd)
{
    const char *marker = getenv("DII_HOLD_FSYNC_MARKER");
    if (marker != NULL) {
        int m = open(marker, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (m >= 0)
            close(m);
        for (;;)
            pause(); /* a signal's handler may return: wait again */
    }
    int (*real_fsync)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    return real_fsync != NULL ? real_fsync(fd) : 0;
}
