/*
 * dii.i — SWIG interface: the low-level module dii._dii, generated from the
 * public header include/dii/dii.h and nothing else.
 *
 * _dii stays thin: one wrapped function per C function, the C names kept.
 * What this file adds is only what a C signature cannot say by itself:
 *
 * - Ownership. The four kinds of handle a caller owns (dii_framework,
 *   dii_submissions, dii_results, dii_diagnostics) are SWIG classes whose
 *   destructor is the matching *_free; every `T **out` parameter returns the
 *   new handle as an owned object (SWIG_POINTER_OWN), so Python's garbage
 *   collector frees each exactly once. The *_free functions themselves are
 *   not wrapped: nothing in Python can free a handle a second time.
 *   Borrowed pointers (groups, indicators, submissions, results,
 *   diagnostics inside a list) are plain, unowned SWIG pointers; the Python
 *   package keeps their owner alive.
 * - Status and error text together. A function returning dii_status returns
 *   the list [status, message, outputs...], where message is
 *   dii_last_error() read immediately after the call, before any Python
 *   object is allocated (a garbage collection could otherwise run a *_free
 *   in between). Mapping a negative status to an exception is the Python
 *   package's job.
 * - Out parameters become return values: `T **out`, `dii_diagnostics
 *   **diags`, `char **json, size_t *len` (a str; the buffer is dii_free'd),
 *   scalar outputs (int, double, enum pointers).
 * - The GIL is released around every call that parses, validates, scores or
 *   serialises (%thread below); cheap accessors keep it (releasing costs
 *   more than they do).
 * - Two helpers for the pandas paths (py_csv_from_columns,
 *   py_results_table) move whole columns across in one call; they use the
 *   public API only.
 */
%module(threads="1", docstring="Low-level SWIG wrapper of libdii's C API (dii/dii.h). Use the dii package instead.") dii

%{
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <dii/dii.h>
%}

#define DII_API

/* Keep the GIL by default; release it only around the long calls. */
%nothread;
%thread dii_framework_load_file;
%thread dii_framework_load_memory;
%thread dii_framework_builtin;
%thread dii_framework_to_json;
%thread dii_submissions_load_file;
%thread dii_submissions_load_memory;
%thread dii_submissions_merge;
%thread dii_validate;
%thread dii_framework_for_submissions;
%thread dii_score;
%thread dii_results_to_json;
%thread dii_diagnostics_to_json;
%thread dii_diagnostics_concat;

/* Not wrapped: the allocator (function pointers, process-wide, must be set
 * before any other call, which a Python import cannot guarantee), the
 * option structs (passed as plain Python values, see the typemaps), and the
 * *_free functions (the garbage collector frees; see DII_OWNED_HANDLE). */
%ignore dii_set_allocator;
%ignore dii_parse_options;
%ignore dii_score_options;
%ignore dii_free;
%ignore dii_framework_free;
%ignore dii_submissions_free;
%ignore dii_results_free;
%ignore dii_diagnostics_free;

/* ------------------------------------------------------------------------ */
/* Status: [status, message]                                                 */
/* ------------------------------------------------------------------------ */

%typemap(out) dii_status {
    /* Read the thread-local message before allocating any Python object. */
    const char *error_ = $1 < 0 ? dii_last_error() : "";
    PyObject *message_ = PyUnicode_DecodeUTF8(error_, (Py_ssize_t) strlen(error_), "replace");
    if (message_ == NULL)
        SWIG_fail;
    $result = PyList_New(2);
    if ($result == NULL) {
        Py_DECREF(message_);
        SWIG_fail;
    }
    PyList_SET_ITEM($result, 0, PyLong_FromLong((long) $1));
    PyList_SET_ITEM($result, 1, message_);
}

/* ------------------------------------------------------------------------ */
/* Owned handles                                                             */
/* ------------------------------------------------------------------------ */

%define DII_OWNED_HANDLE(TYPE, FREE)
%nodefaultctor TYPE;
struct TYPE {};
%extend TYPE {
    ~TYPE() { FREE($self); }
}
%typemap(in, numinputs=0) TYPE ** (TYPE *tmp = NULL) {
    $1 = &tmp;
}
%typemap(argout) TYPE ** {
    $result = SWIG_Python_AppendOutput($result,
        SWIG_NewPointerObj(SWIG_as_voidptr(tmp$argnum), $*1_descriptor, SWIG_POINTER_OWN));
}
/* A NULL handle where one is required is refused before C sees it. */
%typemap(check) const TYPE * {
    if ($1 == NULL)
        SWIG_exception_fail(SWIG_ValueError, "a TYPE handle is required, got None");
}
%enddef

DII_OWNED_HANDLE(dii_framework, dii_framework_free)
DII_OWNED_HANDLE(dii_submissions, dii_submissions_free)
DII_OWNED_HANDLE(dii_results, dii_results_free)
DII_OWNED_HANDLE(dii_diagnostics, dii_diagnostics_free)

/* Borrowed handles are never NULL where C reads them either. */
%define DII_BORROWED_HANDLE(TYPE)
%typemap(check) const TYPE * {
    if ($1 == NULL)
        SWIG_exception_fail(SWIG_ValueError, "a TYPE pointer is required, got None");
}
%enddef
DII_BORROWED_HANDLE(dii_group)
DII_BORROWED_HANDLE(dii_indicator)
DII_BORROWED_HANDLE(dii_submission)
DII_BORROWED_HANDLE(dii_result)
DII_BORROWED_HANDLE(dii_diagnostic)

/* A sequence of handles in (merge, concat): copied into a tuple that holds
 * every handle for the whole call, so that another thread emptying the
 * list while the GIL is released cannot free one of them. */
%define DII_HANDLE_SEQUENCE(TYPE, NAME)
%typemap(in) (const TYPE *const *NAME, size_t n) (PyObject *tuple_ = NULL, const TYPE **array_ = NULL) {
    Py_ssize_t i_, n_;
    tuple_ = PySequence_Tuple($input);
    if (tuple_ == NULL)
        SWIG_fail;
    n_ = PyTuple_GET_SIZE(tuple_);
    array_ = (const TYPE **) malloc(sizeof *array_ * (size_t) (n_ > 0 ? n_ : 1));
    if (array_ == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (i_ = 0; i_ < n_; i_++) {
        void *p_ = NULL;
        int res_ = SWIG_ConvertPtr(PyTuple_GET_ITEM(tuple_, i_), &p_, $descriptor(TYPE *), 0);
        if (!SWIG_IsOK(res_) || p_ == NULL)
            SWIG_exception_fail(SWIG_TypeError, "expected a sequence of TYPE handles");
        array_[i_] = (const TYPE *) p_;
    }
    $1 = ($1_ltype) array_;
    $2 = (size_t) n_;
}
%typemap(argout) (const TYPE *const *NAME, size_t n) "";
%typemap(freearg) (const TYPE *const *NAME, size_t n) {
    free((void *) array_$argnum);
    Py_XDECREF(tuple_$argnum);
}
%enddef
DII_HANDLE_SEQUENCE(dii_submissions, parts)
DII_HANDLE_SEQUENCE(dii_diagnostics, lists)

/* ------------------------------------------------------------------------ */
/* Other parameters                                                          */
/* ------------------------------------------------------------------------ */

/* Text in: str (taken as UTF-8) or bytes. Both are immutable, so the bytes
 * stay put while the GIL is released. */
%typemap(in) (const char *data, size_t len) {
    char *buf_ = NULL;
    Py_ssize_t len_ = 0;
    if (PyBytes_Check($input)) {
        if (PyBytes_AsStringAndSize($input, &buf_, &len_) < 0)
            SWIG_fail;
    } else if (PyUnicode_Check($input)) {
        buf_ = (char *) PyUnicode_AsUTF8AndSize($input, &len_);
        if (buf_ == NULL)
            SWIG_fail;
    } else {
        SWIG_exception_fail(SWIG_TypeError, "expected str or bytes");
    }
    $1 = buf_;
    $2 = (size_t) len_;
}
%typemap(typecheck) (const char *data, size_t len) {
    $1 = PyBytes_Check($input) || PyUnicode_Check($input);
}

/* JSON out: a str; the library's buffer is released with dii_free. */
%typemap(in, numinputs=0) (char **json, size_t *len) (char *json_ = NULL, size_t len_ = 0) {
    $1 = &json_;
    $2 = &len_;
}
%typemap(argout) (char **json, size_t *len) {
    PyObject *text_;
    if (json_$argnum != NULL) {
        text_ = PyUnicode_DecodeUTF8(json_$argnum, (Py_ssize_t) len_$argnum, "replace");
        dii_free(json_$argnum);
        json_$argnum = NULL;
        if (text_ == NULL)
            SWIG_fail;
    } else {
        text_ = Py_None;
        Py_INCREF(text_);
    }
    $result = SWIG_Python_AppendOutput($result, text_);
}
%typemap(freearg) (char **json, size_t *len) {
    dii_free(json_$argnum);
}

/* dii_builtin_framework_json: the length is not needed in Python. */
%typemap(in, numinputs=0) size_t *len (size_t len_ = 0) {
    $1 = &len_;
}

/* Parse options: None, or (format, delimiter, decimal_mark) with format an
 * int (DII_INPUT_*) and the two marks one-character str. */
%typemap(in) const dii_parse_options *opts (dii_parse_options opts_) {
    opts_.version = DII_PARSE_OPTIONS_VERSION;
    opts_.format = DII_INPUT_AUTO;
    opts_.csv_delimiter = ',';
    opts_.csv_decimal_mark = '.';
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        int format_ = 0;
        const char *delim_ = NULL, *mark_ = NULL;
        if (!PyArg_ParseTuple($input, "iss;parse options must be (format, delimiter, decimal_mark)",
                              &format_, &delim_, &mark_))
            SWIG_fail;
        if (strlen(delim_) != 1 || strlen(mark_) != 1)
            SWIG_exception_fail(SWIG_ValueError, "delimiter and decimal_mark must be one ASCII character each");
        opts_.format = (dii_input_format) format_;
        opts_.csv_delimiter = delim_[0];
        opts_.csv_decimal_mark = mark_[0];
        $1 = &opts_;
    }
}

/* Score options: None, or the target year as an int (0 = each submission's own). */
%typemap(in) const dii_score_options *opts (dii_score_options opts_) {
    opts_.version = DII_SCORE_OPTIONS_VERSION;
    opts_.target_year = 0;
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        long year_ = PyLong_AsLong($input);
        if (year_ == -1 && PyErr_Occurred())
            SWIG_fail;
        if (year_ < -2147483647L || year_ > 2147483647L)
            SWIG_exception_fail(SWIG_OverflowError, "target year out of range");
        opts_.target_year = (int) year_;
        $1 = &opts_;
    }
}

/* Scalar outputs. */
%apply double *OUTPUT { double *min, double *max, double *from, double *score, double *value,
                        double *gap, double *progress };
%apply int *OUTPUT { int *year, int *target_year };

%define DII_ENUM_OUTPUT(TYPE, NAME, INIT)
%typemap(in, numinputs=0) TYPE *NAME (TYPE tmp_ = INIT) {
    $1 = &tmp_;
}
%typemap(argout) TYPE *NAME {
    $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long) tmp_$argnum));
}
%enddef
DII_ENUM_OUTPUT(dii_op, op, DII_OP_GE)
DII_ENUM_OUTPUT(dii_target_basis, basis, DII_BASIS_EXACT)

/* ------------------------------------------------------------------------ */
/* Column helpers for the pandas paths                                       */
/* ------------------------------------------------------------------------ */

%{
/* A growable byte buffer for py_csv_from_columns. */
typedef struct pybuf {
    char *data;
    size_t len, cap;
} pybuf;

static int pybuf_reserve(pybuf *b, size_t more)
{
    if (b->len + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more)
        cap *= 2;
    char *p = (char *) PyMem_Realloc(b->data, cap);
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

static int pybuf_put(pybuf *b, const char *s, size_t n)
{
    if (pybuf_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

/* One CSV field (RFC 4180: quoted when it holds a comma, quote, CR, LF or
 * starts or ends with a space, which a reader could trim). */
static int pybuf_put_field(pybuf *b, const char *s, size_t n)
{
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\t' || s[n - 1] == '\t');
    for (size_t i = 0; !quote && i < n; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote)
        return pybuf_put(b, s, n);
    if (pybuf_reserve(b, 2 * n + 2) < 0)
        return -1;
    b->data[b->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            b->data[b->len++] = '"';
        b->data[b->len++] = s[i];
    }
    b->data[b->len++] = '"';
    return 0;
}

/* A text cell: str as is, anything else through str(). */
static int pybuf_put_text(pybuf *b, PyObject *o)
{
    Py_ssize_t n = 0;
    const char *s;
    if (PyUnicode_Check(o)) {
        s = PyUnicode_AsUTF8AndSize(o, &n);
        return s == NULL ? -1 : pybuf_put_field(b, s, (size_t) n);
    }
    PyObject *str = PyObject_Str(o);
    if (str == NULL)
        return -1;
    s = PyUnicode_AsUTF8AndSize(str, &n);
    int rc = s == NULL ? -1 : pybuf_put_field(b, s, (size_t) n);
    Py_DECREF(str);
    return rc;
}

/* A double as the shortest decimal with at most 8 fraction digits that
 * reads back to exactly the same double, when there is one (67.4, 100,
 * 0.125; not 1/3): m / 10^d with m an integer below 2^53 and 10^d exact,
 * so the IEEE division is the correctly rounded value of the decimal, the
 * very double any correctly rounding reader (libdii's included) returns.
 * Some 10 times faster than repr(); 0 when v needs repr(). */
static int fast_decimal(double v, char *buf)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (!(fabs(v) < 1e15))
        return 0;
    for (int d = 0; d <= 8; d++) {
        double m = nearbyint(v * pow10[d]);
        if (fabs(m) >= 9007199254740992.0)
            return 0;
        if (m / pow10[d] != v)
            continue;
        char digits[32];
        int n = 0, len = 0;
        unsigned long long u = (unsigned long long) fabs(m);
        do {
            digits[n++] = (char) ('0' + (int) (u % 10));
            u /= 10;
        } while (u > 0);
        while (n <= d)
            digits[n++] = '0';
        if (m < 0)
            buf[len++] = '-';
        for (int i = n - 1; i >= 0; i--) {
            buf[len++] = digits[i];
            if (i == d && d > 0)
                buf[len++] = '.';
        }
        return len;
    }
    return 0;
}

static PyObject *pylist_item(PyObject *seq, Py_ssize_t i)
{
    return PyList_GET_ITEM(seq, i);
}
%}

%feature("docstring") py_csv_from_columns "
py_csv_from_columns(unit_ids, unit_names, years, indicators, values, nan_missing) -> bytes | int

Long-format CSV text (unit_id,unit_name,year,indicator,value) from five
lists of equal length (unit_names may be None). Values: None = missing,
bool = true/false, int or float = the number at full precision. A NaN is an
empty cell when nan_missing is true; otherwise, and for an infinity, the
0-based index of the first such row is returned instead of the text.
";
%inline %{
PyObject *py_csv_from_columns(PyObject *unit_ids, PyObject *unit_names, PyObject *years,
                              PyObject *indicators, PyObject *values, int nan_missing)
{
    pybuf b = {NULL, 0, 0};
    char num[64];
    Py_ssize_t n, i;
    int with_names = unit_names != Py_None;

    if (!PyList_Check(unit_ids) || !PyList_Check(years) || !PyList_Check(indicators)
        || !PyList_Check(values) || (with_names && !PyList_Check(unit_names))) {
        PyErr_SetString(PyExc_TypeError, "py_csv_from_columns expects lists");
        return NULL;
    }
    n = PyList_GET_SIZE(unit_ids);
    if (PyList_GET_SIZE(years) != n || PyList_GET_SIZE(indicators) != n
        || PyList_GET_SIZE(values) != n || (with_names && PyList_GET_SIZE(unit_names) != n)) {
        PyErr_SetString(PyExc_ValueError, "py_csv_from_columns: columns differ in length");
        return NULL;
    }
    if (pybuf_reserve(&b, (size_t) n * 64 + 64) < 0)
        return NULL;
    if (pybuf_put(&b, with_names ? "unit_id,unit_name,year,indicator,value\n"
                                 : "unit_id,year,indicator,value\n",
                  with_names ? 39 : 29) < 0)
        goto fail;
    for (i = 0; i < n; i++) {
        PyObject *v = pylist_item(values, i);
        PyObject *y = pylist_item(years, i);
        long year;
        int len;

        if (pybuf_put_text(&b, pylist_item(unit_ids, i)) < 0 || pybuf_put(&b, ",", 1) < 0)
            goto fail;
        if (with_names) {
            PyObject *name = pylist_item(unit_names, i);
            if (name != Py_None && pybuf_put_text(&b, name) < 0)
                goto fail;
            if (pybuf_put(&b, ",", 1) < 0)
                goto fail;
        }
        if (PyLong_Check(y)) {
            year = PyLong_AsLong(y);
        } else {
            PyObject *index = PyNumber_Index(y);
            if (index == NULL)
                goto fail;
            year = PyLong_AsLong(index);
            Py_DECREF(index);
        }
        if (year == -1 && PyErr_Occurred())
            goto fail;
        len = snprintf(num, sizeof num, "%ld,", year);
        if (pybuf_put(&b, num, (size_t) len) < 0
            || pybuf_put_text(&b, pylist_item(indicators, i)) < 0 || pybuf_put(&b, ",", 1) < 0)
            goto fail;
        if (v == Py_None) {
            /* missing: empty cell */
        } else if (PyBool_Check(v)) {
            if (pybuf_put(&b, v == Py_True ? "true" : "false", v == Py_True ? 4 : 5) < 0)
                goto fail;
        } else if (PyLong_Check(v)) {
            PyObject *s = PyObject_Str(v);
            Py_ssize_t sn = 0;
            const char *sp = s ? PyUnicode_AsUTF8AndSize(s, &sn) : NULL;
            int rc = sp == NULL ? -1 : pybuf_put(&b, sp, (size_t) sn);
            Py_XDECREF(s);
            if (rc < 0)
                goto fail;
        } else {
            double d = PyFloat_Check(v) ? PyFloat_AS_DOUBLE(v) : PyFloat_AsDouble(v);
            if (d == -1.0 && PyErr_Occurred())
                goto fail;
            if (isnan(d) && nan_missing) {
                /* missing */
            } else if (!isfinite(d)) {
                PyMem_Free(b.data);
                return PyLong_FromSsize_t(i);
            } else if ((len = fast_decimal(d, num)) > 0) {
                if (pybuf_put(&b, num, (size_t) len) < 0)
                    goto fail;
            } else {
                char *text = PyOS_double_to_string(d, 'r', 0, 0, NULL);
                if (text == NULL)
                    goto fail;
                int rc = pybuf_put(&b, text, strlen(text));
                PyMem_Free(text);
                if (rc < 0)
                    goto fail;
            }
        }
        if (pybuf_put(&b, "\n", 1) < 0)
            goto fail;
    }
    {
        PyObject *out = PyBytes_FromStringAndSize(b.data, (Py_ssize_t) b.len);
        PyMem_Free(b.data);
        return out;
    }
fail:
    PyMem_Free(b.data);
    return NULL;
}
%}

%{
static PyObject *py_new_bytes(Py_ssize_t n, char **data)
{
    PyObject *o = PyBytes_FromStringAndSize(NULL, n > 0 ? n : 0);
    *data = o ? PyBytes_AS_STRING(o) : NULL;
    return o;
}

static int py_dict_steal(PyObject *dict, const char *key, PyObject *value)
{
    if (value == NULL)
        return -1;
    int rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *py_text(const char *s)
{
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t) strlen(s), "replace");
}
%}

%feature("docstring") py_results_table "
py_results_table(results) -> dict

Every figure of a dii_results as columns, for building a DataFrame in one
step. Per result (lists): unit_id, unit_name, year, target_year, points,
max_points, index, rank, cohort_size, met, not_met, no_target, missing.
Per result x indicator, row r * n_indicators + k (bytes to be read with
numpy.frombuffer): value, target_value, attainment, points, max_points, gap,
progress (float64, NaN when absent); target_year (int32, 0 when absent);
status, target_op, target_basis (int8, -1 when absent), provisional (int8).
Also n_results, n_indicators and indicator_ids (list).
";
%inline %{
PyObject *py_results_table(const dii_results *results)
{
    size_t n = 0, k = 0, r, j;
    PyObject *out = NULL;
    PyObject *lists[13] = {NULL};
    static const char *const list_names[13] = {
        "unit_id", "unit_name", "year", "target_year", "points", "max_points", "index", "rank",
        "cohort_size", "met", "not_met", "no_target", "missing"};
    static const char *const f8_names[7] = {
        "value", "target_value", "attainment", "points_k", "max_points_k", "gap", "progress"};
    static const char *const i1_names[4] = {"status", "target_op", "target_basis", "provisional"};
    PyObject *f8[7] = {NULL}, *i1[4] = {NULL}, *ty = NULL, *ids = NULL;
    double *f8p[7];
    signed char *i1p[4];
    int *typ;
    char *raw;

    if (results == NULL) {
        PyErr_SetString(PyExc_ValueError, "a dii_results handle is required");
        return NULL;
    }
    n = dii_results_count(results);
    if (n > 0)
        k = dii_result_indicator_count(dii_results_get(results, 0));
    for (j = 0; j < 13; j++)
        if ((lists[j] = PyList_New((Py_ssize_t) n)) == NULL)
            goto fail;
    for (j = 0; j < 7; j++) {
        if ((f8[j] = py_new_bytes((Py_ssize_t) (n * k * sizeof(double)), &raw)) == NULL)
            goto fail;
        f8p[j] = (double *) (void *) raw;
    }
    for (j = 0; j < 4; j++) {
        if ((i1[j] = py_new_bytes((Py_ssize_t) (n * k), &raw)) == NULL)
            goto fail;
        i1p[j] = (signed char *) raw;
    }
    if ((ty = py_new_bytes((Py_ssize_t) (n * k * sizeof(int)), &raw)) == NULL)
        goto fail;
    typ = (int *) (void *) raw;
    if ((ids = PyList_New((Py_ssize_t) k)) == NULL)
        goto fail;
    for (j = 0; j < k; j++) {
        PyObject *id = py_text(dii_result_indicator_id(dii_results_get(results, 0), j));
        if (id == NULL)
            goto fail;
        PyList_SET_ITEM(ids, (Py_ssize_t) j, id);
    }
    for (r = 0; r < n; r++) {
        const dii_result *res = dii_results_get(results, r);
        PyObject *items[13];
        items[0] = py_text(dii_result_unit_id(res));
        items[1] = py_text(dii_result_unit_name(res));
        items[2] = PyLong_FromLong(dii_result_year(res));
        items[3] = PyLong_FromLong(dii_result_target_year(res));
        items[4] = PyFloat_FromDouble(dii_result_points(res));
        items[5] = PyFloat_FromDouble(dii_result_max_points(res));
        items[6] = PyFloat_FromDouble(dii_result_index(res));
        items[7] = PyLong_FromLong(dii_result_rank(res));
        items[8] = PyLong_FromSize_t(dii_result_cohort_size(res));
        items[9] = PyLong_FromSize_t(dii_result_compliance_count(res, DII_COMPLIANCE_MET));
        items[10] = PyLong_FromSize_t(dii_result_compliance_count(res, DII_COMPLIANCE_NOT_MET));
        items[11] = PyLong_FromSize_t(dii_result_compliance_count(res, DII_COMPLIANCE_NO_TARGET));
        items[12] = PyLong_FromSize_t(dii_result_compliance_count(res, DII_COMPLIANCE_MISSING));
        for (j = 0; j < 13; j++) {
            if (items[j] == NULL) {
                for (size_t m = j + 1; m < 13; m++)
                    Py_XDECREF(items[m]);
                goto fail;
            }
            PyList_SET_ITEM(lists[j], (Py_ssize_t) r, items[j]);
        }
        for (j = 0; j < k; j++) {
            size_t row = r * k + j;
            double v = 0, tv = 0, gap = 0, progress = 0;
            int year = 0;
            dii_op op = DII_OP_GE;
            dii_target_basis basis = DII_BASIS_EXACT;
            int has_target;

            f8p[0][row] = dii_result_indicator_value(res, j, &v) ? v : NAN;
            has_target = dii_result_indicator_target(res, j, &year, &op, &tv, &basis);
            f8p[1][row] = has_target ? tv : NAN;
            f8p[2][row] = dii_result_indicator_attainment(res, j);
            f8p[3][row] = dii_result_indicator_points(res, j);
            f8p[4][row] = dii_result_indicator_max_points(res, j);
            f8p[5][row] = dii_result_indicator_gap(res, j, &gap) ? gap : NAN;
            f8p[6][row] = dii_result_indicator_progress(res, j, &progress) ? progress : NAN;
            typ[row] = has_target ? year : 0;
            i1p[0][row] = (signed char) dii_result_indicator_status(res, j);
            i1p[1][row] = (signed char) (has_target ? (int) op : -1);
            i1p[2][row] = (signed char) (has_target ? (int) basis : -1);
            i1p[3][row] = (signed char) (dii_result_indicator_provisional(res, j) != 0);
        }
    }
    if ((out = PyDict_New()) == NULL)
        goto fail;
    if (py_dict_steal(out, "n_results", PyLong_FromSize_t(n)) < 0
        || py_dict_steal(out, "n_indicators", PyLong_FromSize_t(k)) < 0)
        goto fail;
    for (j = 0; j < 13; j++) {
        PyObject *o = lists[j];
        lists[j] = NULL;
        if (py_dict_steal(out, list_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < 7; j++) {
        PyObject *o = f8[j];
        f8[j] = NULL;
        if (py_dict_steal(out, f8_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < 4; j++) {
        PyObject *o = i1[j];
        i1[j] = NULL;
        if (py_dict_steal(out, i1_names[j], o) < 0)
            goto fail;
    }
    {
        PyObject *o = ty;
        ty = NULL;
        if (py_dict_steal(out, "target_year_k", o) < 0)
            goto fail;
        o = ids;
        ids = NULL;
        if (py_dict_steal(out, "indicator_ids", o) < 0)
            goto fail;
    }
    return out;
fail:
    for (j = 0; j < 13; j++)
        Py_XDECREF(lists[j]);
    for (j = 0; j < 7; j++)
        Py_XDECREF(f8[j]);
    for (j = 0; j < 4; j++)
        Py_XDECREF(i1[j]);
    Py_XDECREF(ty);
    Py_XDECREF(ids);
    Py_XDECREF(out);
    return NULL;
}
%}

/* ------------------------------------------------------------------------ */
/* The public header, as is                                                  */
/* ------------------------------------------------------------------------ */

%include "dii/dii.h"
