/* dii_diagnostic_format_text: a diagnostic as one line in the form
 * compilers use (file:line:column: severity[code]: message), which editors
 * and CI logs already turn into links, then its hint on a line of its own,
 * indented. The one text of a diagnostic: `dii validate`'s text format and
 * Python's str(diagnostic) both come from here.
 *
 * The location keeps the parts that are known, joined by ':' (a line
 * without a column, a file without a line, no file for an input read from
 * memory without a name), and is left out when none is. */
#include "diag.h"
#include "error.h"
#include "strbuf.h"

/* ANSI SGR sequences of DII_DIAGNOSTIC_TEXT_COLOR: the severity bold red or
 * yellow, the hint dim. */
#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define DIM "\033[2m"
#define RESET "\033[0m"

#define KNOWN_FLAGS ((unsigned)(DII_DIAGNOSTIC_TEXT_NO_HINT | DII_DIAGNOSTIC_TEXT_COLOR))

static void put_location(strbuf *sb, const struct dii_diagnostic *d)
{
    const char *sep = "";
    if (d->file) {
        sb_puts(sb, d->file);
        sep = ":";
    }
    if (d->line) {
        sb_printf(sb, "%s%lu", sep, d->line);
        sep = ":";
        if (d->column)
            sb_printf(sb, ":%lu", d->column);
    }
    if (*sep)
        sb_append(sb, ": ", 2);
}

static void put_text(strbuf *sb, const struct dii_diagnostic *d, unsigned flags)
{
    int color = (flags & DII_DIAGNOSTIC_TEXT_COLOR) != 0;
    put_location(sb, d);
    if (color)
        sb_puts(sb, d->severity == DII_SEVERITY_ERROR ? RED : YELLOW);
    sb_puts(sb, dii_severity_name(d->severity));
    if (color)
        sb_puts(sb, RESET);
    sb_printf(sb, "[%s]: %s", d->code, d->message);
    if (!d->hint || (flags & DII_DIAGNOSTIC_TEXT_NO_HINT))
        return;
    sb_printf(sb, "\n  %shint: %s%s", color ? DIM : "", d->hint, color ? RESET : "");
}

DII_API dii_status dii_diagnostic_format_text(const dii_diagnostic *d, unsigned flags,
                                              char **text, size_t *len)
{
    if (text)
        *text = NULL;
    if (len)
        *len = 0;
    if (!d || !text)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_diagnostic_format_text: d and text must not be NULL");
    if (flags & ~KNOWN_FLAGS)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_diagnostic_format_text: unknown flags 0x%x", flags & ~KNOWN_FLAGS);
    strbuf sb;
    sb_init(&sb);
    put_text(&sb, d, flags);
    return sb_finish(&sb, text, len);
}
