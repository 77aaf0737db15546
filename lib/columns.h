/* Private: writing one cell of a caller's column array, for the one-pass
 * column exports (result_columns.c, track_columns.c, compare_columns.c).
 * The one convention: a NULL array is not written, and "none" is NaN for
 * a number, -1 for a small enumeration and 0 for a year. */
#ifndef DII_COLUMNS_H
#define DII_COLUMNS_H
#include <math.h>
#include <stddef.h>

static inline void column_put_double(double *column, size_t row, int has, double v)
{
    if (column)
        column[row] = has ? v : NAN;
}

static inline void column_put_int(int *column, size_t row, int has, int v)
{
    if (column)
        column[row] = has ? v : 0;
}

static inline void column_put_small(signed char *column, size_t row, int has, int v)
{
    if (column)
        column[row] = (signed char)(has ? v : -1);
}

static inline void column_put_flag(unsigned char *column, size_t row, int v)
{
    if (column)
        column[row] = v != 0;
}

static inline void column_put_index(size_t *column, size_t row, size_t v)
{
    if (column)
        column[row] = v;
}

#endif
