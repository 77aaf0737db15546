/* Reading input files whole, and recognising a UTF-8 byte-order mark.
 *
 * Inputs are small (a province's report, a framework), and every parser
 * wants the whole text at once to give line and column positions, so files
 * are read into one buffer rather than streamed. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "parse.h"

/* strerror() may share a static buffer between threads; the XSI strerror_r
 * (what _POSIX_C_SOURCE selects) writes into ours. */
static dii_status fail_errno(const char *path, const char *what, int err)
{
    char text[128];
    if (strerror_r(err, text, sizeof text) != 0)
        text[0] = '\0';
    return dii_fail(DII_ERR_IO, "cannot %s '%s': %s", what, path,
                    text[0] != '\0' ? text : "unknown error");
}

/* Reads until end of file or `most` bytes, growing the buffer as needed:
 * st_size is only a hint, since pipes and special files report 0 and files
 * may grow. Stopping at `most` is what keeps a huge file, or an endless
 * pipe, from being read into memory at all. */
static dii_status read_all(int fd, const char *path, size_t hint, size_t most, char **data,
                           size_t *len)
{
    if (hint > most)
        hint = most;
    size_t cap = hint < SIZE_MAX && hint + 1 > 4096 ? hint + 1 : 4096;
    size_t used = 0;
    char *buf = dii_mem_alloc(cap);
    if (buf == NULL)
        return dii_fail_nomem();
    while (used < most) {
        if (used + 1 >= cap && dii_mem_grow((void **)&buf, &cap, used + 2, 1) != 0) {
            dii_mem_free(buf);
            return dii_fail_nomem();
        }
        size_t room = cap - 1 - used;
        ssize_t n = read(fd, buf + used, room < most - used ? room : most - used);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            dii_mem_free(buf);
            return fail_errno(path, "read", err);
        }
        used += (size_t)n;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return DII_OK;
}

dii_status dii_read_file(const char *path, size_t most, char **data, size_t *len)
{
    if (data != NULL)
        *data = NULL;
    if (len != NULL)
        *len = 0;
    if (path == NULL || data == NULL || len == NULL)
        return dii_fail(DII_ERR_INVALID_ARGUMENT, "dii_read_file: NULL argument");
    int fd;
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fail_errno(path, "open", errno);
    struct stat st;
    dii_status status;
    if (fstat(fd, &st) != 0)
        status = fail_errno(path, "read", errno);
    else if (S_ISDIR(st.st_mode))
        /* open() succeeds on a directory; say what is wrong before read()
         * fails with the same errno less clearly. */
        status = fail_errno(path, "read", EISDIR);
    else
        status = read_all(fd, path, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, most, data,
                          len);
    close(fd);
    return status;
}

size_t dii_bom_length(const char *data, size_t len)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    if (data != NULL && len >= 3 && memcmp(data, bom, 3) == 0)
        return 3;
    return 0;
}
