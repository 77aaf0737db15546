/* Where a command writes: standard output, or the file of -o.
 *
 * A regular file (or a new one) is written to a temporary file next to it
 * and renamed over it only once everything was written: a failure (full
 * disk, invalid input found late, SIGTERM/SIGINT/SIGHUP) never leaves a
 * partial file, and an existing file is either replaced whole or left
 * untouched. What -o names is resolved first, so that writing behaves as
 * `>` would, without its partial files:
 *
 *   - a symbolic link is followed: the file it points to is replaced and
 *     the link stays (a link to nothing is refused: cp refuses it too);
 *   - an existing file keeps its permissions and, when the user may give
 *     them, its owner and group;
 *   - a file with several hard links is written in place once the whole
 *     output is ready in the temporary file, so that every link sees it:
 *     renaming would detach this name from the others. That last copy is
 *     not atomic (a full disk during it leaves the file partly written,
 *     reported with exit 2), but signals are held off while it runs;
 *   - anything that is not a regular file (a device such as /dev/null, a
 *     FIFO) is opened and written directly: replacing it would turn a
 *     device node into a plain file.
 *
 * The temporary file is removed by the handler of SIGTERM, SIGINT and
 * SIGHUP, which then lets the signal kill the process as it would have. */
#define _XOPEN_SOURCE 700 /* realpath, fchown, SA_RESETHAND */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- removing the temporary file on a signal ----------------------------- */

static const int fatal_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])

/* What the handler removes: set before `armed`, which the handler reads;
 * a process has at most one output. */
static const char *volatile temp_to_remove;
static volatile sig_atomic_t armed;
static struct sigaction previous[FATAL_SIGNAL_COUNT];

/* Async-signal-safe only: unlink and raise. The handler was installed with
 * SA_RESETHAND, so the signal's action is the default again and, blocked
 * while the handler runs, the raised signal ends the process as soon as it
 * returns: the parent sees death by that signal, as without the handler. */
static void remove_temp_and_die(int sig)
{
    if (armed)
        unlink(temp_to_remove);
    raise(sig);
}

static void block_fatal_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* Installs the handler on each signal that is not ignored (a command run
 * under nohup keeps ignoring SIGHUP). Called with the signals blocked. */
static void arm_cleanup(const char *tmp)
{
    temp_to_remove = tmp;
    armed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_temp_and_die;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal_signals[i], NULL, &previous[i]);
        if (previous[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
}

/* Once the temporary file is gone (renamed or removed). */
static void disarm_cleanup(void)
{
    if (!armed)
        return;
    armed = 0;
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
        sigaction(fatal_signals[i], &previous[i], NULL);
    temp_to_remove = NULL;
}

/* ---- what -o names --------------------------------------------------------- */

/* The file -o finally writes: *real (malloc'd) with symbolic links
 * resolved, and whether it exists (*st then describes it). -1 with errno
 * set when it cannot be written (a link to nothing: ENOENT). */
static int resolve_target(const char *path, char **real, struct stat *st, int *exists)
{
    struct stat lst;
    *real = NULL;
    *exists = 0;
    if (lstat(path, &lst) != 0) {
        if (errno != ENOENT)
            return -1;
        *real = strdup(path); /* a new file */
        return *real ? 0 : -1;
    }
    if (S_ISLNK(lst.st_mode)) {
        *real = realpath(path, NULL);
        /* /dev/stdout on a pipe links to "pipe:[N]", which is no path:
         * what is not a regular file is opened through the link itself */
        if (*real == NULL && stat(path, st) == 0 && !S_ISREG(st->st_mode))
            *real = strdup(path);
        if (*real == NULL)
            return -1;
    } else {
        *real = strdup(path);
        if (*real == NULL)
            return -1;
    }
    if (stat(*real, st) != 0) {
        free(*real);
        *real = NULL;
        return -1;
    }
    *exists = 1;
    return 0;
}

/* ---- opening --------------------------------------------------------------- */

static char *temp_name_for(const char *path)
{
    const char *suffix = ".dii-XXXXXX";
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *tmp = malloc(n);
    if (tmp)
        snprintf(tmp, n, "%s%s", path, suffix);
    return tmp;
}

/* The replacement of an existing file gets its owner, group and mode
 * (owner only as root: chown is refused otherwise; the group when the user
 * is in it). Set-user/group-ID bits only when the owner was kept: a file
 * must not become set-ID for another user. A new file gets what the umask
 * gives (mkstemp makes 0600). */
static void give_attributes(int fd, const struct stat *old, int exists)
{
    if (!exists) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        return;
    }
    int owner_kept = fchown(fd, old->st_uid, old->st_gid) == 0;
    if (!owner_kept && fchown(fd, (uid_t)-1, old->st_gid) != 0) {
        /* keep the group we got */
    }
    fchmod(fd, old->st_mode & (owner_kept ? 07777 : 0777));
}

/* Not a regular file (a device, a FIFO): written directly, never replaced. */
static int open_direct(output *o, const char *real)
{
    int fd = open(real, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    o->direct = 1;
    return 0;
}

/* A regular or new file: through a temporary file next to it. */
static int open_temp(output *o, const struct stat *st, int exists)
{
    o->tmp = temp_name_for(o->path);
    if (o->tmp == NULL)
        return -1;
    sigset_t old;
    block_fatal_signals(&old); /* no signal between creating and arming */
    int fd = mkstemp(o->tmp);
    if (fd >= 0)
        arm_cleanup(o->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0)
        return -1;
    /* "w+": a file with several links is copied from it at the commit */
    if (!(o->fp = fdopen(fd, "w+"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        disarm_cleanup();
        errno = e;
        return -1;
    }
    give_attributes(fd, st, exists);
    o->in_place = exists && st->st_nlink > 1;
    return 0;
}

static void output_clear(output *o)
{
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int output_open(output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    struct stat st;
    int exists = 0, rc = resolve_target(path, &o->path, &st, &exists);
    if (rc == 0 && exists && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        rc = -1;
    }
    if (rc == 0)
        rc = exists && !S_ISREG(st.st_mode) ? open_direct(o, o->path) : open_temp(o, &st, exists);
    if (rc != 0) {
        fprintf(stderr, "dii: cannot write %s: %s\n", path, strerror(errno));
        output_clear(o);
        return -1;
    }
    return 0;
}

/* ---- committing ------------------------------------------------------------ */

/* Copies the finished temporary file into the target's own inode (a file
 * with several hard links), then truncates it to the new length. */
static int copy_in_place(output *o)
{
    int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[65536];
    size_t n;
    off_t total = 0;
    int ok = fseek(o->fp, 0, SEEK_SET) == 0;
    while (ok && (n = fread(buf, 1, sizeof buf, o->fp)) > 0) {
        for (size_t done = 0; ok && done < n;) {
            ssize_t w = write(fd, buf + done, n - done);
            ok = w >= 0 || errno == EINTR;
            done += w > 0 ? (size_t)w : 0;
        }
        total += (off_t)n;
    }
    ok = ok && !ferror(o->fp) && ftruncate(fd, total) == 0 && fsync(fd) == 0;
    if (!ok) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return close(fd);
}

/* Puts the finished temporary file in place: renamed over the target, or
 * copied into it (several links) with the signals held off, so that the
 * copy is never cut short by one and the temporary file never survives. */
static int put_in_place(output *o)
{
    if (!o->in_place) {
        int rc = rename(o->tmp, o->path);
        if (rc == 0)
            disarm_cleanup();
        return rc;
    }
    sigset_t old;
    block_fatal_signals(&old);
    int rc = copy_in_place(o);
    int e = errno;
    if (rc == 0) {
        fclose(o->fp);
        o->fp = NULL;
        unlink(o->tmp);
        disarm_cleanup();
    }
    sigprocmask(SIG_SETMASK, &old, NULL); /* a signal held off is delivered now */
    errno = e;
    return rc;
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
    errno = 0;
    int failed = fflush(o->fp) != 0 || ferror(o->fp);
    if (o->direct) {
        failed |= fclose(o->fp) != 0;
        o->fp = NULL;
    } else {
        failed = failed || fsync(fileno(o->fp)) != 0;
        if (!o->in_place) {
            failed |= fclose(o->fp) != 0;
            o->fp = NULL;
        }
    }
    if (failed || (!o->direct && put_in_place(o) != 0)) {
        fprintf(stderr, "dii: cannot write %s: %s\n", o->path,
                errno ? strerror(errno) : "write error");
        output_abort(o);
        return -1;
    }
    output_clear(o);
    return 0;
}

void output_fail(output *o)
{
    int e = errno;
    fprintf(stderr, "dii: cannot write %s: %s\n", o->path ? o->path : "standard output",
            e ? strerror(e) : "write error");
    output_abort(o);
}

void output_abort(output *o)
{
    if (o->path) {
        if (o->fp)
            fclose(o->fp);
        if (o->tmp) {
            unlink(o->tmp);
            disarm_cleanup();
        }
    }
    output_clear(o);
}

/* ---- -o must not name an input --------------------------------------------- */

/* Whether a and b are the same file (after following links): a symbolic or
 * hard link to an input is that input. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int output_names_input(const char *output_path, const char *input)
{
    if (output_path == NULL || strcmp(output_path, "-") == 0 || strcmp(input, "-") == 0)
        return 0;
    return same_file(output_path, input);
}

int use_color(FILE *fp)
{
    if (getenv("NO_COLOR")) /* set at all, even empty: the rule */
        return 0;
    return isatty(fileno(fp));
}

int stream_sink_write(void *ctx, const char *data, size_t len)
{
    stream_sink *sink = ctx;
    if (fwrite(data, 1, len, sink->fp) == len)
        return 0;
    sink->err = errno;
    return -1;
}

int stream_sink_status(const stream_sink *sink, dii_status st)
{
    if (st == DII_OK)
        return flush_status(sink->fp);
    if (st == DII_ERR_IO)
        errno = sink->err;
    else
        fprintf(stderr, "dii: %s\n", dii_last_error());
    return -1;
}
