/* Self-test of the CLI's text helpers (text.c): display width, padding and
 * cutting, number text. The unit tests link the library's internals; these
 * helpers belong to the command, so they get this small executable instead.
 * Exits 0 when every check passes, 1 otherwise, naming each failure. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int failures = 0;
static int c_numeric = 1; /* strtod reads '.' only while LC_NUMERIC is "C" */

static void check_width(const char *s, size_t want, const char *what)
{
    size_t got = text_width(s);
    if (got != want) {
        fprintf(stderr, "FAIL text_width(%s) = %zu, want %zu\n", what, got, want);
        failures++;
    }
}

/* put_padded's output as a new string (caller frees), via a memory stream. */
static char *padded(const char *s, size_t width, int right)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    if (put_padded(f, s, width, right) != 0)
        failures++;
    fclose(f);
    return buf;
}

static void check_padded(const char *s, size_t width, int right, const char *want)
{
    char *got = padded(s, width, right);
    if (got == NULL || strcmp(got, want) != 0) {
        fprintf(stderr, "FAIL put_padded(\"%s\", %zu, %d) = \"%s\", want \"%s\"\n", s, width,
                right, got ? got : "(null)", want);
        failures++;
    } else if (text_width(got) != width) {
        fprintf(stderr, "FAIL put_padded(\"%s\", %zu) is %zu columns wide\n", s, width,
                text_width(got));
        failures++;
    }
    free(got);
}

static void check_number(double x, const char *want)
{
    char buf[NUMBER_TEXT_MAX];
    format_number(x, buf, sizeof buf);
    if (strcmp(buf, want) != 0) {
        fprintf(stderr, "FAIL format_number(%.17g) = \"%s\", want \"%s\"\n", x, buf, want);
        failures++;
    }
    if (c_numeric && strtod(buf, NULL) != x && !(x == 0 && strcmp(buf, "0") == 0)) {
        fprintf(stderr, "FAIL format_number(%.17g) = \"%s\" does not read back\n", x, buf);
        failures++;
    }
}

static void check_fixed(double x, int decimals, const char *want)
{
    char buf[NUMBER_TEXT_MAX];
    format_fixed(x, decimals, buf, sizeof buf);
    if (strcmp(buf, want) != 0) {
        fprintf(stderr, "FAIL format_fixed(%.17g, %d) = \"%s\", want \"%s\"\n", x, decimals,
                buf, want);
        failures++;
    }
}

static void test_width(void)
{
    check_width("", 0, "empty");
    check_width("abc", 3, "ASCII");
    check_width("\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn", 9, "Điện Biên (precomposed)");
    /* "Tỷ lệ" typed with combining marks, as some keyboards and PDF copies
     * give it: y + hook above (U+0309), e + circumflex (U+0302) + dot below
     * (U+0323). */
    check_width("Ty\xCC\x89 le\xCC\x82\xCC\xA3", 5, "Tỷ lệ (decomposed)");
    check_width("T\xE1\xBB\xB7 l\xE1\xBB\x87", 5, "Tỷ lệ (precomposed)");
    check_width("\xE4\xB8\xAD\xE6\x96\x87", 4, "中文");
    check_width("\xFF", 1, "invalid byte");
    check_width("a\xC3", 2, "truncated sequence");
    check_width("\xC0\xAF", 2, "overlong slash");
    check_width("\xED\xA0\x80", 3, "encoded surrogate");
    check_width("x\xE2\x80\x8By", 2, "zero-width space");
    check_width("\xEF\xBC\xA1", 2, "fullwidth A");
    check_width("\xE2\x80\xA6", 1, "ellipsis");
}

static void test_padding(void)
{
    check_padded("abc", 5, 0, "abc  ");
    check_padded("abc", 5, 1, "  abc");
    check_padded("abc", 3, 0, "abc");
    check_padded("abcdef", 4, 0, "abc\xE2\x80\xA6");
    check_padded("abcdef", 4, 1, "abc\xE2\x80\xA6");
    check_padded("abcdef", 1, 0, "\xE2\x80\xA6");
    check_padded("abcdef", 0, 0, "");
    check_padded("\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn", 11, 0,
                 "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn  ");
    check_padded("\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn", 6, 0, "\xC4\x90i\xE1\xBB\x87n \xE2\x80\xA6");
    /* A cut keeps the accents of the last letter kept. */
    check_padded("le\xCC\x82\xCC\xA3 xyz", 3, 0, "le\xCC\x82\xCC\xA3\xE2\x80\xA6");
    /* A wide character that would straddle the edge goes whole; pad instead. */
    check_padded("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 5, 0, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6");
    check_padded("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 4, 0, "\xE4\xB8\xAD\xE2\x80\xA6 ");
}

/* Splits s with wrap_line and joins the lines with '/'. */
static void check_wrap(const char *s, size_t width, const char *want)
{
    char got[256] = "";
    size_t o = 0;
    const char *next;
    for (int first = 1; *s != '\0' && o < sizeof got - 64; first = 0, s = next) {
        size_t n = wrap_line(s, width, &next);
        if (!first)
            got[o++] = '/';
        memcpy(got + o, s, n);
        o += n;
        got[o] = '\0';
    }
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "FAIL wrap at %zu = \"%s\", want \"%s\"\n", width, got, want);
        failures++;
    }
}

static void test_wrapping(void)
{
    check_wrap("abc def ghi", 7, "abc def/ghi");
    check_wrap("abc def ghi", 6, "abc/def/ghi");
    check_wrap("abc  def", 4, "abc/def");
    check_wrap("abcdefgh", 3, "abc/def/gh");
    check_wrap("short", 10, "short");
    /* Display width, not bytes: "Điện Biên" is 9 columns in 13 bytes. */
    check_wrap("\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn x", 10, "\xC4\x90i\xE1\xBB\x87n Bi\xC3\xAAn/x");
    /* A combining mark stays with its letter at the edge. */
    check_wrap("le\xCC\x82\xCC\xA3x", 2, "le\xCC\x82\xCC\xA3/x");
    check_wrap("\xE4\xB8\xAD\xE6\x96\x87", 3, "\xE4\xB8\xAD/\xE6\x96\x87");
}

static void test_numbers(void)
{
    check_number(67.4, "67.4");
    check_number(72, "72");
    check_number(0.1, "0.1");
    check_number(-0.0, "0");
    check_number(0.1 + 0.2, "0.30000000000000004");
    check_number(1.0 / 3.0, "0.3333333333333333");
    check_number(-4.6, "-4.6");
    check_number(1e21, "1e+21");
    check_number(5e-324, "4.94065645841247e-324"); /* subnormal: 15 digits suffice */
    check_fixed(0.95025, 4, "0.9503");
    check_fixed(21.85588, 4, "21.8559");
    check_fixed(1, 4, "1.0000");
    check_fixed(-0.00001, 4, "0.0000");
}

int main(void)
{
    test_width();
    test_padding();
    test_wrapping();
    test_numbers();
    /* The same numbers in a comma locale, when the system has one: output
     * text must not change with LC_NUMERIC. */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL ||
        setlocale(LC_NUMERIC, "vi_VN.UTF-8") != NULL) {
        c_numeric = 0;
        test_numbers();
    }
    if (failures > 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("text helpers: all checks passed\n");
    return 0;
}
