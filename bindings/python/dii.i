/*
 * dii.i — SWIG interface: the low-level module dii._dii, generated from the
 * public header include/dii/dii.h and nothing else.
 *
 * _dii stays thin: one wrapped function per C function, the C names kept.
 * What this file adds is only what a C signature cannot say by itself:
 *
 * - Ownership. The seven kinds of handle a caller owns (dii_framework,
 *   dii_submissions, dii_results, dii_diagnostics, dii_crosswalk,
 *   dii_tracking, dii_comparison) are SWIG classes whose
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
 * - Four helpers for the pandas paths (py_submissions_from_columns,
 *   py_results_table, py_tracking_table, py_comparison_table) move whole
 *   columns across in one
 *   call; they use the public API only.
 */
%module(threads="1", docstring="Low-level SWIG wrapper of libdii's C API (dii/dii.h). Use the dii package instead.") dii

%{
#include <limits.h>
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
%thread dii_validate_with;
%thread dii_framework_for_submissions;
%thread dii_score;
%thread dii_results_to_json;
%thread dii_results_to_csv;
%thread dii_diagnostics_to_json;
%thread dii_diagnostics_concat;
%thread dii_crosswalk_load_file;
%thread dii_crosswalk_load_memory;
%thread dii_track;
%thread dii_tracking_to_json;
%thread dii_compare;
%thread dii_comparison_to_json;

/* Not wrapped: the allocator (function pointers, process-wide, must be set
 * before any other call, which a Python import cannot guarantee), the
 * option structs (passed as plain Python values, see the typemaps), the
 * *_free functions (the garbage collector frees; see DII_OWNED_HANDLE),
 * and the streaming writers (a C callback per piece; Python has
 * dii_diagnostics_to_json and dii_results_to_csv, and a str is what it
 * wants). */
%ignore dii_set_allocator;
%ignore dii_write_fn;
%ignore dii_diagnostics_write_json;
%ignore dii_results_write_csv;
%ignore dii_parse_options;
%ignore dii_score_options;
%ignore dii_validate_options;
%ignore dii_columns;
%ignore dii_indicator_columns;
%ignore dii_results_indicator_columns;
%ignore dii_submissions_from_columns;
%ignore dii_free;
%ignore dii_framework_free;
%ignore dii_submissions_free;
%ignore dii_results_free;
%ignore dii_diagnostics_free;
%ignore dii_tracking_options;
%ignore dii_milestone_columns;
%ignore dii_tracking_milestone_columns;
%ignore dii_crosswalk_free;
%ignore dii_tracking_free;
%ignore dii_compare_options;
%ignore dii_comparison_columns;
%ignore dii_comparison_rows_columns;
%ignore dii_comparison_free;
/* The *_options_init functions fill the ignored option structs (Python
 * passes options as values); the deprecated 1.x names have 1.2 names. */
%ignore dii_parse_options_init;
%ignore dii_validate_options_init;
%ignore dii_score_options_init;
%ignore dii_tracking_options_init;
%ignore dii_compare_options_init;
%ignore dii_results_fill_indicator_columns;
%ignore dii_result_indicator_status;

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
DII_OWNED_HANDLE(dii_crosswalk, dii_crosswalk_free)
DII_OWNED_HANDLE(dii_tracking, dii_tracking_free)
DII_OWNED_HANDLE(dii_comparison, dii_comparison_free)

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

/* Text in for every other `const char *` (ids, codes, paths, names,
 * languages): a str (as UTF-8), bytes (a path as os.fsencode gives it), or
 * None for NULL. C reads up to the first NUL, so a string holding one would
 * silently name something else ("x\0y" the id "x", a path another file):
 * it is refused with ValueError before C sees it. The buffer belongs to the
 * argument object, which the call holds, also while the GIL is released. */
%typemap(in) const char * {
    char *text_ = NULL;
    Py_ssize_t size_ = 0;
    if ($input == Py_None) {
        text_ = NULL;
    } else if (PyUnicode_Check($input)) {
        text_ = (char *) PyUnicode_AsUTF8AndSize($input, &size_);
        if (text_ == NULL)
            SWIG_fail;
    } else if (PyBytes_Check($input)) {
        if (PyBytes_AsStringAndSize($input, &text_, &size_) < 0)
            SWIG_fail;
    } else {
        PyErr_Format(PyExc_TypeError, "$1_name must be str or None, not %.100s",
                     Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
    if (text_ != NULL && strlen(text_) != (size_t) size_) {
        PyErr_SetString(PyExc_ValueError, "$1_name contains a NUL character");
        SWIG_fail;
    }
    $1 = text_;
}
%typemap(freearg) const char * "";
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * {
    $1 = $input == Py_None || PyUnicode_Check($input) || PyBytes_Check($input);
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

/* The other text outputs are the same: a str. */
%apply (char **json, size_t *len) { (char **csv, size_t *len), (char **text, size_t *len) };

/* dii_builtin_framework_json: the length is not needed in Python. */
%typemap(in, numinputs=0) size_t *len (size_t len_ = 0) {
    $1 = &len_;
}

/* Parse options: None, or (format, delimiter, decimal_mark[, max_input_bytes,
 * max_depth, max_string_bytes, max_submissions, max_diagnostics, unit_id,
 * unit_name]) with format an int
 * (DII_INPUT_*), the two marks one-character str and the limits ints (0:
 * the default). */
%typemap(in) const dii_parse_options *opts (dii_parse_options opts_) {
    /* Every member from the initialiser first, so that a member this
     * typemap does not set (a later version's) is its default, never
     * whatever was on the stack. */
    const dii_parse_options init_ = DII_PARSE_OPTIONS_INIT;
    opts_ = init_;
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        int format_ = 0;
        const char *delim_ = NULL, *mark_ = NULL;
        unsigned long long input_ = 0, string_ = 0, submissions_ = 0, diagnostics_ = 0;
        unsigned int depth_ = 0;
        const char *unit_id_ = NULL, *unit_name_ = NULL; /* borrowed for the call */
        if (!PyArg_ParseTuple($input, "iss|KIKKKzz;parse options must be (format, delimiter, "
                              "decimal_mark[, max_input_bytes, max_depth, max_string_bytes, "
                              "max_submissions, max_diagnostics, unit_id, unit_name])",
                              &format_, &delim_, &mark_, &input_, &depth_, &string_,
                              &submissions_, &diagnostics_, &unit_id_, &unit_name_))
            SWIG_fail;
        if (strlen(delim_) != 1 || strlen(mark_) != 1)
            SWIG_exception_fail(SWIG_ValueError, "delimiter and decimal_mark must be one ASCII character each");
        if (input_ > SIZE_MAX || string_ > SIZE_MAX || submissions_ > SIZE_MAX ||
            diagnostics_ > SIZE_MAX)
            SWIG_exception_fail(SWIG_OverflowError, "a limit is larger than size_t holds");
        opts_.format = (dii_input_format) format_;
        opts_.csv_delimiter = delim_[0];
        opts_.csv_decimal_mark = mark_[0];
        opts_.max_input_bytes = (size_t) input_;
        opts_.max_depth = depth_;
        opts_.max_string_bytes = (size_t) string_;
        opts_.max_submissions = (size_t) submissions_;
        opts_.max_diagnostics = (size_t) diagnostics_;
        opts_.unit_id = unit_id_;
        opts_.unit_name = unit_name_;
        $1 = &opts_;
    }
}

/* Validate options: None, or max_diagnostics as an int (0: the default). */
%typemap(in) const dii_validate_options *opts (dii_validate_options opts_) {
    const dii_validate_options init_ = DII_VALIDATE_OPTIONS_INIT;
    opts_ = init_;
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        unsigned long long most_ = PyLong_AsUnsignedLongLong($input);
        if (most_ == (unsigned long long)-1 && PyErr_Occurred())
            SWIG_fail;
        if (most_ > SIZE_MAX)
            SWIG_exception_fail(SWIG_OverflowError, "max_diagnostics is larger than size_t holds");
        opts_.max_diagnostics = (size_t) most_;
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

/* Tracking options: None, or (milestones, pace, crosswalk) with milestones
 * None (the framework's target years) or a tuple of ints (possibly empty:
 * no milestones), pace an int (dii_pace_method) and crosswalk a
 * dii_crosswalk handle or None. A tuple is immutable and the argument holds
 * it, with the crosswalk handle in it, for the whole call (also while the
 * GIL is released); the years are copied into an array of ours. */
%typemap(in) const dii_tracking_options *opts (dii_tracking_options opts_, int *years_ = NULL) {
    /* Every member from the initialiser first, so that a member this
     * typemap does not set (a later version's) is its default. */
    const dii_tracking_options init_ = DII_TRACKING_OPTIONS_INIT;
    opts_ = init_;
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        PyObject *years_obj_ = NULL, *cw_obj_ = NULL;
        int pace_ = 0;
        void *cw_ = NULL;
        if (!PyArg_ParseTuple($input, "OiO;tracking options must be (milestones, pace, crosswalk)",
                              &years_obj_, &pace_, &cw_obj_))
            SWIG_fail;
        if (years_obj_ != Py_None) {
            Py_ssize_t n_, i_;
            if (!PyTuple_Check(years_obj_))
                SWIG_exception_fail(SWIG_TypeError, "milestones must be a tuple of ints or None");
            n_ = PyTuple_GET_SIZE(years_obj_);
            years_ = (int *) malloc(sizeof *years_ * (size_t) (n_ > 0 ? n_ : 1));
            if (years_ == NULL) {
                PyErr_NoMemory();
                SWIG_fail;
            }
            for (i_ = 0; i_ < n_; i_++) {
                long y_ = PyLong_AsLong(PyTuple_GET_ITEM(years_obj_, i_));
                if (y_ == -1 && PyErr_Occurred())
                    SWIG_fail;
                if (y_ < INT_MIN || y_ > INT_MAX)
                    SWIG_exception_fail(SWIG_OverflowError, "a milestone is out of range");
                years_[i_] = (int) y_;
            }
            opts_.milestones = years_;
            opts_.milestone_count = (size_t) n_;
        }
        opts_.pace = (dii_pace_method) pace_;
        if (cw_obj_ != Py_None) {
            int res_ = SWIG_ConvertPtr(cw_obj_, &cw_, $descriptor(dii_crosswalk *), 0);
            if (!SWIG_IsOK(res_) || cw_ == NULL)
                SWIG_exception_fail(SWIG_TypeError, "crosswalk must be a dii_crosswalk handle or None");
            opts_.crosswalk = (const dii_crosswalk *) cw_;
        }
        $1 = &opts_;
    }
}
%typemap(freearg) const dii_tracking_options *opts {
    free(years_$argnum);
}

/* Compare options: None, or all_rows as a bool (any object: its truth). */
%typemap(in) const dii_compare_options *opts (dii_compare_options opts_) {
    /* Every member from the initialiser first, so that a member this
     * typemap does not set (a later version's) is its default. */
    const dii_compare_options init_ = DII_COMPARE_OPTIONS_INIT;
    opts_ = init_;
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        int all_ = PyObject_IsTrue($input);
        if (all_ < 0)
            SWIG_fail;
        opts_.all_rows = all_;
        $1 = &opts_;
    }
}

/* Scalar outputs. */
%apply double *OUTPUT { double *min, double *max, double *from, double *score, double *value,
                        double *gap, double *progress, double *pace, double *ratio,
                        double *weight, double *points, double *index, double *delta };
%apply int *OUTPUT { int *year, int *target_year, int *rank };

/* size_t outputs (an index, a count). */
%define DII_SIZE_OUTPUT(NAME)
%typemap(in, numinputs=0) size_t *NAME (size_t tmp_ = 0) {
    $1 = &tmp_;
}
%typemap(argout) size_t *NAME {
    $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(tmp_$argnum));
}
%enddef
DII_SIZE_OUTPUT(indicator)
DII_SIZE_OUTPUT(source_count)

/* String outputs: the text (owned by the handle, copied into a str) or None. */
%define DII_TEXT_OUTPUT(NAME)
%typemap(in, numinputs=0) const char **NAME (const char *tmp_ = NULL) {
    $1 = ($1_ltype) &tmp_;
}
%typemap(argout) const char **NAME {
    PyObject *text_ = Py_None;
    if (tmp_$argnum != NULL) {
        text_ = PyUnicode_DecodeUTF8(tmp_$argnum, (Py_ssize_t) strlen(tmp_$argnum), "replace");
        if (text_ == NULL)
            SWIG_fail;
    } else {
        Py_INCREF(text_);
    }
    $result = SWIG_Python_AppendOutput($result, text_);
}
%enddef
DII_TEXT_OUTPUT(from_unit)
DII_TEXT_OUTPUT(to_unit)
DII_TEXT_OUTPUT(unit)

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
DII_ENUM_OUTPUT(dii_compliance, status, DII_COMPLIANCE_MET)

/* ------------------------------------------------------------------------ */
/* Column helpers for the pandas paths                                       */
/* ------------------------------------------------------------------------ */

%{
/* The texts of one column as C strings that point into the str objects of
 * `items` (a new list of ours, which no other code can change, so it holds
 * them alive while the GIL is released): None, a float NaN and `na` (pandas'
 * missing markers) are NULL; a str is its UTF-8; bytes are decoded as UTF-8
 * (refused when they are not); any other object goes through str(); a
 * decoded or converted object is kept in `items` in its place. */
static int py_is_missing(PyObject *o, PyObject *na)
{
    return o == Py_None || o == na || (PyFloat_Check(o) && isnan(PyFloat_AS_DOUBLE(o)));
}

static int py_text_column(PyObject **items, const char ***texts, PyObject *na, const char *what)
{
    Py_ssize_t n = PyList_GET_SIZE(*items);
    *texts = (const char **) PyMem_Malloc(sizeof **texts * (size_t) (n > 0 ? n : 1));
    if (*texts == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(*items, i);
        Py_ssize_t len = 0;
        if (!PyUnicode_CheckExact(o) && py_is_missing(o, na)) {
            (*texts)[i] = NULL;
            continue;
        }
        if (!PyUnicode_Check(o)) {
            /* bytes are text in UTF-8 (str() would make "b'1'" of b"1") */
            PyObject *str = PyBytes_Check(o) ? PyUnicode_FromEncodedObject(o, "utf-8", "strict")
                                             : PyObject_Str(o);
            if (str == NULL && PyBytes_Check(o) && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
                PyErr_Clear();
                PyErr_Format(PyExc_ValueError, "row %zd: %s holds bytes that are not UTF-8 "
                             "(decode them first)", i, what);
            }
            if (str == NULL)
                return -1;
            PyList_SET_ITEM(*items, i, str);
            Py_DECREF(o);
            o = str;
        }
        (*texts)[i] = PyUnicode_AsUTF8AndSize(o, &len);
        if ((*texts)[i] == NULL)
            return -1;
        if ((size_t) len != strlen((*texts)[i])) {
            PyErr_Format(PyExc_ValueError, "row %zd: %s holds a NUL character", i, what);
            return -1;
        }
    }
    return 0;
}

/* A C-contiguous buffer of n items of the given size and struct format letters. */
static int py_column_buffer(PyObject *o, Py_buffer *view, Py_ssize_t n, Py_ssize_t itemsize,
                            const char *formats, const char *what)
{
    if (PyObject_GetBuffer(o, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format ? view->format : "B";
    if (f[0] == '<' || f[0] == '=' || f[0] == '@')
        f++;
    if (view->itemsize != itemsize || strlen(f) != 1 || strchr(formats, f[0]) == NULL
        || view->len != n * itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: expected %zd items of format '%s'", what, n, formats);
        PyBuffer_Release(view);
        view->obj = NULL;
        return -1;
    }
    return 0;
}

/* int64 years as the ints dii_columns holds; a year no int can hold is refused. */
static int *py_years(const Py_buffer *view, Py_ssize_t n)
{
    const long long *y = (const long long *) view->buf;
    int *out = (int *) PyMem_Malloc(sizeof *out * (size_t) (n > 0 ? n : 1));
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (y[i] < INT_MIN || y[i] > INT_MAX) {
            PyErr_Format(PyExc_ValueError, "row %zd: year %lld is out of range", i, y[i]);
            PyMem_Free(out);
            return NULL;
        }
        out[i] = (int) y[i];
    }
    return out;
}

typedef struct py_columns {
    PyObject *lists[4];             /* unit_id, indicator, unit_name, source */
    const char **texts[4];
    Py_buffer years, values, kinds; /* obj NULL when not taken */
    int *year_ints;
} py_columns;

static void py_columns_release(py_columns *c)
{
    for (int k = 0; k < 4; k++) {
        PyMem_Free((void *) c->texts[k]);
        Py_XDECREF(c->lists[k]);
    }
    if (c->years.obj)
        PyBuffer_Release(&c->years);
    if (c->values.obj)
        PyBuffer_Release(&c->values);
    if (c->kinds.obj)
        PyBuffer_Release(&c->kinds);
    PyMem_Free(c->year_ints);
}

/* Text column k of the table from a list (or None for an absent optional one). */
static int py_columns_text(py_columns *c, int k, PyObject *list, Py_ssize_t n, PyObject *na,
                           const char *what)
{
    if (list == Py_None)
        return 0;
    c->lists[k] = PySequence_List(list);
    if (c->lists[k] == NULL)
        return -1;
    if (PyList_GET_SIZE(c->lists[k]) != n) {
        PyErr_Format(PyExc_ValueError, "column %s has %zd rows, not %zd", what,
                     PyList_GET_SIZE(c->lists[k]), n);
        return -1;
    }
    return py_text_column(&c->lists[k], &c->texts[k], na, what);
}

/* [status, message, submissions, diagnostics], as the SWIG wrapper of a
 * load function returns them; the handles belong to the new objects (and
 * are freed here when those cannot be made). */
static PyObject *py_load_result(dii_status st, dii_submissions *subs, dii_diagnostics *diags)
{
    const char *error = st < 0 ? dii_last_error() : "";
    PyObject *message = PyUnicode_DecodeUTF8(error, (Py_ssize_t) strlen(error), "replace");
    PyObject *h = SWIG_Python_NewPointerObj(NULL, SWIG_as_voidptr(subs), SWIGTYPE_p_dii_submissions,
                                     SWIG_POINTER_OWN);
    if (h == NULL)
        dii_submissions_free(subs);
    PyObject *d = SWIG_Python_NewPointerObj(NULL, SWIG_as_voidptr(diags), SWIGTYPE_p_dii_diagnostics,
                                     SWIG_POINTER_OWN);
    if (d == NULL)
        dii_diagnostics_free(diags);
    if (message == NULL || h == NULL || d == NULL) {
        Py_XDECREF(message);
        Py_XDECREF(h);
        Py_XDECREF(d);
        return NULL;
    }
    return Py_BuildValue("[iNNN]", (int) st, message, h, d);
}
%}

%feature("docstring") py_submissions_from_columns "
py_submissions_from_columns(unit_ids, unit_names, sources, years, indicators, values, kinds,
                            na, name) -> [status, message, submissions, diagnostics]

dii_submissions_from_columns over Python columns: unit_ids, indicators
(sequences; unit_names and sources may be None) of str (None, a float NaN
or the object na: absent; bytes decoded as UTF-8; other objects through str()); years a buffer of int64, values a
buffer of float64, kinds None or a buffer of uint8 (dii_value_kind), all of
the same length. The GIL is released while the library builds the set.
";
%inline %{
PyObject *py_submissions_from_columns(PyObject *unit_ids, PyObject *unit_names,
                                      PyObject *sources, PyObject *years,
                                      PyObject *indicators, PyObject *values,
                                      PyObject *kinds, PyObject *na, const char *name)
{
    py_columns c;
    memset(&c, 0, sizeof c);
    dii_columns cols = DII_COLUMNS_INIT;
    dii_submissions *subs = NULL;
    dii_diagnostics *diags = NULL;
    dii_status st;
    Py_ssize_t n = PyObject_Length(unit_ids);
    if (n < 0)
        return NULL;
    if (py_columns_text(&c, 0, unit_ids, n, na, "unit_id") < 0
        || py_columns_text(&c, 1, indicators, n, na, "indicator") < 0
        || py_columns_text(&c, 2, unit_names, n, na, "unit_name") < 0
        || py_columns_text(&c, 3, sources, n, na, "source") < 0
        || py_column_buffer(years, &c.years, n, 8, "qlL", "year") < 0
        || py_column_buffer(values, &c.values, n, 8, "d", "value") < 0
        || (kinds != Py_None && py_column_buffer(kinds, &c.kinds, n, 1, "Bb?", "kind") < 0)
        || (c.year_ints = py_years(&c.years, n)) == NULL) {
        py_columns_release(&c);
        return NULL;
    }
    cols.rows = (size_t) n;
    cols.unit_id = c.texts[0];
    cols.indicator = c.texts[1];
    cols.unit_name = c.texts[2];
    cols.source = c.texts[3];
    cols.year = c.year_ints;
    cols.value = (const double *) c.values.buf;
    cols.kind = kinds != Py_None ? (const unsigned char *) c.kinds.buf : NULL;
    Py_BEGIN_ALLOW_THREADS
    st = dii_submissions_from_columns(&cols, name, &subs, &diags);
    Py_END_ALLOW_THREADS
    PyObject *out = py_load_result(st, subs, diags);
    py_columns_release(&c);
    return out;
}
%}

%{
/* A writable buffer for a packed column: numpy.frombuffer over a bytearray
 * gives a writable array that owns nothing else, so the DataFrame can take
 * it as it is, without a copy. */
static PyObject *py_new_column(Py_ssize_t n, char **data)
{
    PyObject *o = PyByteArray_FromStringAndSize(NULL, n > 0 ? n : 0);
    *data = o ? PyByteArray_AS_STRING(o) : NULL;
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
Per result x indicator, row r * n_indicators + k (bytearrays, to be read
with numpy.frombuffer, writable): value, target_value, attainment, points, max_points, gap,
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
        if ((f8[j] = py_new_column((Py_ssize_t) (n * k * sizeof(double)), &raw)) == NULL)
            goto fail;
        f8p[j] = (double *) (void *) raw;
    }
    for (j = 0; j < 4; j++) {
        if ((i1[j] = py_new_column((Py_ssize_t) (n * k), &raw)) == NULL)
            goto fail;
        i1p[j] = (signed char *) raw;
    }
    if ((ty = py_new_column((Py_ssize_t) (n * k * sizeof(int)), &raw)) == NULL)
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
    }
    {
        /* the per-indicator columns in one pass (value, target_value,
         * attainment, points, max_points, gap, progress; status, op, basis,
         * provisional; target year) */
        dii_indicator_columns cols = DII_INDICATOR_COLUMNS_INIT;
        cols.value = f8p[0];
        cols.target_value = f8p[1];
        cols.attainment = f8p[2];
        cols.points = f8p[3];
        cols.max_points = f8p[4];
        cols.gap = f8p[5];
        cols.progress = f8p[6];
        cols.status = i1p[0];
        cols.target_op = i1p[1];
        cols.target_basis = i1p[2];
        cols.provisional = (unsigned char *) i1p[3];
        cols.target_year = typ;
        if (dii_results_fill_indicator_columns(results, &cols) != DII_OK) {
            PyErr_SetString(PyExc_RuntimeError, dii_last_error());
            goto fail;
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

%feature("docstring") py_tracking_table "
py_tracking_table(tracking) -> dict

Every figure of a dii_tracking as columns, for building DataFrames in one
step. Lists: unit_id, unit_name (per unit), indicator_id, indicator_code
(per indicator). Per unit x indicator x milestone, in the order of
dii_tracking_milestone_columns, written by it in one pass (bytearrays, to
be read with numpy.frombuffer, writable): unit, indicator (size_t), year,
start_year, latest_year, expected_year (int32, 0 when absent), start_value,
latest_value, observed_pace, target_value, required_pace, pace_ratio,
projection (float64, NaN when absent), target_op, target_basis (int8, -1
when absent), status (int8). Per unit x indicator, row u * n_indicators + k
(keys prefixed ind_): start_year, latest_year (int32, 0 when absent),
start_value, latest_value, observed_pace (float64, NaN when absent),
point_count (size_t). Also n_rows, n_units and n_indicators. The GIL is
released while the library writes the columns.
";
%inline %{
PyObject *py_tracking_table(const dii_tracking *tracking)
{
    /* The milestone columns: name, item size, and where
     * dii_milestone_columns takes the array. */
    enum { N_MS = 16, N_IND = 6 };
    static const char *const ms_names[N_MS] = {
        "unit", "indicator", "year", "start_year", "start_value", "latest_year", "latest_value",
        "observed_pace", "target_op", "target_value", "target_basis", "required_pace",
        "pace_ratio", "status", "projection", "expected_year"};
    static const size_t ms_sizes[N_MS] = {
        sizeof(size_t), sizeof(size_t), sizeof(int), sizeof(int), sizeof(double), sizeof(int),
        sizeof(double), sizeof(double), 1, sizeof(double), 1, sizeof(double), sizeof(double), 1,
        sizeof(double), sizeof(int)};
    static const char *const ind_names[N_IND] = {
        "ind_start_year", "ind_start_value", "ind_latest_year", "ind_latest_value",
        "ind_observed_pace", "ind_point_count"};
    static const size_t ind_sizes[N_IND] = {
        sizeof(int), sizeof(double), sizeof(int), sizeof(double), sizeof(double), sizeof(size_t)};
    PyObject *ms[N_MS] = {NULL}, *ind[N_IND] = {NULL}, *lists[4] = {NULL}, *out = NULL;
    static const char *const list_names[4] = {"unit_id", "unit_name", "indicator_id",
                                              "indicator_code"};
    char *msp[N_MS], *indp[N_IND];
    size_t rows, units, inds, u, k, j;
    dii_status st;

    if (tracking == NULL) {
        PyErr_SetString(PyExc_ValueError, "a dii_tracking handle is required");
        return NULL;
    }
    rows = dii_tracking_milestone_row_count(tracking);
    units = dii_tracking_unit_count(tracking);
    inds = dii_tracking_indicator_count(tracking);
    for (j = 0; j < N_MS; j++)
        if ((ms[j] = py_new_column((Py_ssize_t) (rows * ms_sizes[j]), &msp[j])) == NULL)
            goto fail;
    for (j = 0; j < N_IND; j++)
        if ((ind[j] = py_new_column((Py_ssize_t) (units * inds * ind_sizes[j]), &indp[j])) == NULL)
            goto fail;
    if ((lists[0] = PyList_New((Py_ssize_t) units)) == NULL
        || (lists[1] = PyList_New((Py_ssize_t) units)) == NULL
        || (lists[2] = PyList_New((Py_ssize_t) inds)) == NULL
        || (lists[3] = PyList_New((Py_ssize_t) inds)) == NULL)
        goto fail;
    for (u = 0; u < units; u++) {
        PyObject *id = py_text(dii_tracking_unit_id(tracking, u));
        if (id == NULL)
            goto fail;
        PyList_SET_ITEM(lists[0], (Py_ssize_t) u, id);
        PyObject *name = py_text(dii_tracking_unit_name(tracking, u));
        if (name == NULL)
            goto fail;
        PyList_SET_ITEM(lists[1], (Py_ssize_t) u, name);
    }
    for (k = 0; k < inds; k++) {
        PyObject *id = py_text(dii_tracking_indicator_id(tracking, k));
        if (id == NULL)
            goto fail;
        PyList_SET_ITEM(lists[2], (Py_ssize_t) k, id);
        PyObject *code = py_text(dii_tracking_indicator_code(tracking, k));
        if (code == NULL)
            goto fail;
        PyList_SET_ITEM(lists[3], (Py_ssize_t) k, code);
    }
    {
        dii_milestone_columns cols = DII_MILESTONE_COLUMNS_INIT;
        cols.unit = (size_t *) (void *) msp[0];
        cols.indicator = (size_t *) (void *) msp[1];
        cols.year = (int *) (void *) msp[2];
        cols.start_year = (int *) (void *) msp[3];
        cols.start_value = (double *) (void *) msp[4];
        cols.latest_year = (int *) (void *) msp[5];
        cols.latest_value = (double *) (void *) msp[6];
        cols.observed_pace = (double *) (void *) msp[7];
        cols.target_op = (signed char *) msp[8];
        cols.target_value = (double *) (void *) msp[9];
        cols.target_basis = (signed char *) msp[10];
        cols.required_pace = (double *) (void *) msp[11];
        cols.pace_ratio = (double *) (void *) msp[12];
        cols.status = (signed char *) msp[13];
        cols.projection = (double *) (void *) msp[14];
        cols.expected_year = (int *) (void *) msp[15];
        /* The bytearrays are new and ours alone: no other thread can reach
         * them while the GIL is released. */
        Py_BEGIN_ALLOW_THREADS
        st = dii_tracking_milestone_columns(tracking, &cols);
        Py_END_ALLOW_THREADS
        if (st != DII_OK) {
            PyErr_SetString(PyExc_RuntimeError, dii_last_error());
            goto fail;
        }
    }
    /* Per unit x indicator, through the accessors: units x indicators
     * calls, a few hundred for a province, nothing to release the GIL for. */
    for (u = 0; u < units; u++)
        for (k = 0; k < inds; k++) {
            size_t r = u * inds + k;
            int year = 0;
            double value = NAN;
            int has = dii_tracking_indicator_start(tracking, u, k, &year, &value);
            ((int *) (void *) indp[0])[r] = has ? year : 0;
            ((double *) (void *) indp[1])[r] = has ? value : NAN;
            has = dii_tracking_indicator_latest(tracking, u, k, &year, &value);
            ((int *) (void *) indp[2])[r] = has ? year : 0;
            ((double *) (void *) indp[3])[r] = has ? value : NAN;
            has = dii_tracking_indicator_observed_pace(tracking, u, k, &value);
            ((double *) (void *) indp[4])[r] = has ? value : NAN;
            ((size_t *) (void *) indp[5])[r] = dii_tracking_indicator_point_count(tracking, u, k);
        }
    if ((out = PyDict_New()) == NULL)
        goto fail;
    if (py_dict_steal(out, "n_rows", PyLong_FromSize_t(rows)) < 0
        || py_dict_steal(out, "n_units", PyLong_FromSize_t(units)) < 0
        || py_dict_steal(out, "n_indicators", PyLong_FromSize_t(inds)) < 0)
        goto fail;
    for (j = 0; j < 4; j++) {
        PyObject *o = lists[j];
        lists[j] = NULL;
        if (py_dict_steal(out, list_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < N_MS; j++) {
        PyObject *o = ms[j];
        ms[j] = NULL;
        if (py_dict_steal(out, ms_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < N_IND; j++) {
        PyObject *o = ind[j];
        ind[j] = NULL;
        if (py_dict_steal(out, ind_names[j], o) < 0)
            goto fail;
    }
    return out;
fail:
    for (j = 0; j < N_MS; j++)
        Py_XDECREF(ms[j]);
    for (j = 0; j < N_IND; j++)
        Py_XDECREF(ind[j]);
    for (j = 0; j < 4; j++)
        Py_XDECREF(lists[j]);
    Py_XDECREF(out);
    return NULL;
}
%}

%feature("docstring") py_comparison_table "
py_comparison_table(comparison) -> dict

Every figure of a dii_comparison as columns, for building DataFrames in
one step. Lists: unit_id, unit_name (per entry), indicator_id,
indicator_code (per indicator). Per listed row, in the order of
dii_comparison_rows_columns, written by it in one pass (bytearrays, to be
read with numpy.frombuffer, writable): unit, indicator (size_t); value_a,
value_b, delta_value, points_a, points_b, delta_points (float64, NaN when
absent); status_a, status_b (int8, -1 when the entry is not on that side);
value_changed, points_changed, status_changed, changed (uint8). Per entry
(keys prefixed u_): on_a, on_b, changed (uint8); year_a, year_b,
target_year_a, target_year_b, rank_a, rank_b, delta_rank (int32, 0 when
absent); points_a, points_b, index_a, index_b, delta_points, delta_index
(float64, NaN when absent). Also n_rows, n_units and n_indicators. The GIL
is released while the library writes the row columns.
";
%inline %{
PyObject *py_comparison_table(const dii_comparison *comparison)
{
    enum { N_ROW = 14, N_UNIT = 16 };
    static const char *const row_names[N_ROW] = {
        "unit", "indicator", "value_a", "value_b", "delta_value", "points_a", "points_b",
        "delta_points", "status_a", "status_b", "value_changed", "points_changed",
        "status_changed", "changed"};
    static const size_t row_sizes[N_ROW] = {
        sizeof(size_t), sizeof(size_t), sizeof(double), sizeof(double), sizeof(double),
        sizeof(double), sizeof(double), sizeof(double), 1, 1, 1, 1, 1, 1};
    /* Per entry: three flags, seven ints, six doubles, in this order. */
    static const char *const unit_names[N_UNIT] = {
        "u_on_a", "u_on_b", "u_changed", "u_year_a", "u_year_b", "u_target_year_a",
        "u_target_year_b", "u_rank_a", "u_rank_b", "u_delta_rank", "u_points_a", "u_points_b",
        "u_index_a", "u_index_b", "u_delta_points", "u_delta_index"};
    static const size_t unit_sizes[N_UNIT] = {
        1, 1, 1, sizeof(int), sizeof(int), sizeof(int), sizeof(int), sizeof(int), sizeof(int),
        sizeof(int), sizeof(double), sizeof(double), sizeof(double), sizeof(double),
        sizeof(double), sizeof(double)};
    static const char *const list_names[4] = {"unit_id", "unit_name", "indicator_id",
                                              "indicator_code"};
    PyObject *rowc[N_ROW] = {NULL}, *unitc[N_UNIT] = {NULL}, *lists[4] = {NULL}, *out = NULL;
    char *rp[N_ROW], *up[N_UNIT];
    size_t rows, units, inds, u, k, j;
    dii_status st;

    if (comparison == NULL) {
        PyErr_SetString(PyExc_ValueError, "a dii_comparison handle is required");
        return NULL;
    }
    rows = dii_comparison_total_row_count(comparison);
    units = dii_comparison_unit_count(comparison);
    inds = dii_comparison_indicator_count(comparison);
    for (j = 0; j < N_ROW; j++)
        if ((rowc[j] = py_new_column((Py_ssize_t) (rows * row_sizes[j]), &rp[j])) == NULL)
            goto fail;
    for (j = 0; j < N_UNIT; j++)
        if ((unitc[j] = py_new_column((Py_ssize_t) (units * unit_sizes[j]), &up[j])) == NULL)
            goto fail;
    if ((lists[0] = PyList_New((Py_ssize_t) units)) == NULL
        || (lists[1] = PyList_New((Py_ssize_t) units)) == NULL
        || (lists[2] = PyList_New((Py_ssize_t) inds)) == NULL
        || (lists[3] = PyList_New((Py_ssize_t) inds)) == NULL)
        goto fail;
    for (u = 0; u < units; u++) {
        PyObject *id = py_text(dii_comparison_unit_id(comparison, u));
        if (id == NULL)
            goto fail;
        PyList_SET_ITEM(lists[0], (Py_ssize_t) u, id);
        PyObject *name = py_text(dii_comparison_unit_name(comparison, u));
        if (name == NULL)
            goto fail;
        PyList_SET_ITEM(lists[1], (Py_ssize_t) u, name);
    }
    for (k = 0; k < inds; k++) {
        PyObject *id = py_text(dii_comparison_indicator_id(comparison, k));
        if (id == NULL)
            goto fail;
        PyList_SET_ITEM(lists[2], (Py_ssize_t) k, id);
        PyObject *code = py_text(dii_comparison_indicator_code(comparison, k));
        if (code == NULL)
            goto fail;
        PyList_SET_ITEM(lists[3], (Py_ssize_t) k, code);
    }
    {
        dii_comparison_columns cols = DII_COMPARISON_COLUMNS_INIT;
        cols.unit = (size_t *) (void *) rp[0];
        cols.indicator = (size_t *) (void *) rp[1];
        cols.value_a = (double *) (void *) rp[2];
        cols.value_b = (double *) (void *) rp[3];
        cols.delta_value = (double *) (void *) rp[4];
        cols.points_a = (double *) (void *) rp[5];
        cols.points_b = (double *) (void *) rp[6];
        cols.delta_points = (double *) (void *) rp[7];
        cols.status_a = (signed char *) rp[8];
        cols.status_b = (signed char *) rp[9];
        cols.value_changed = (unsigned char *) rp[10];
        cols.points_changed = (unsigned char *) rp[11];
        cols.status_changed = (unsigned char *) rp[12];
        cols.changed = (unsigned char *) rp[13];
        /* The bytearrays are new and ours alone: no other thread can reach
         * them while the GIL is released. */
        Py_BEGIN_ALLOW_THREADS
        st = dii_comparison_rows_columns(comparison, &cols);
        Py_END_ALLOW_THREADS
        if (st != DII_OK) {
            PyErr_SetString(PyExc_RuntimeError, dii_last_error());
            goto fail;
        }
    }
    /* Per entry, through the accessors: a few calls per entry, nothing to
     * release the GIL for. */
    for (u = 0; u < units; u++) {
        int year[2], target_year[2], rank[2], d_rank = 0, on[2];
        double points[2], index[2], d_points = NAN, d_index = NAN;
        for (int s = 0; s < 2; s++) {
            on[s] = dii_comparison_unit_score(comparison, u, (dii_compare_side) s, &year[s],
                                              &target_year[s], &points[s], &index[s], &rank[s]);
            if (!on[s])
                points[s] = index[s] = NAN;
            ((unsigned char *) up[s])[u] = (unsigned char) on[s];
        }
        if (!dii_comparison_unit_delta(comparison, u, &d_points, &d_index, &d_rank))
            d_points = d_index = NAN;
        ((unsigned char *) up[2])[u] = (unsigned char) dii_comparison_unit_changed(comparison, u);
        int ints[7] = {year[0], year[1], target_year[0], target_year[1], rank[0], rank[1],
                       d_rank};
        double dbls[6] = {points[0], points[1], index[0], index[1], d_points, d_index};
        for (j = 0; j < 7; j++)
            ((int *) (void *) up[3 + j])[u] = ints[j];
        for (j = 0; j < 6; j++)
            ((double *) (void *) up[10 + j])[u] = dbls[j];
    }
    if ((out = PyDict_New()) == NULL)
        goto fail;
    if (py_dict_steal(out, "n_rows", PyLong_FromSize_t(rows)) < 0
        || py_dict_steal(out, "n_units", PyLong_FromSize_t(units)) < 0
        || py_dict_steal(out, "n_indicators", PyLong_FromSize_t(inds)) < 0)
        goto fail;
    for (j = 0; j < 4; j++) {
        PyObject *o = lists[j];
        lists[j] = NULL;
        if (py_dict_steal(out, list_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < N_ROW; j++) {
        PyObject *o = rowc[j];
        rowc[j] = NULL;
        if (py_dict_steal(out, row_names[j], o) < 0)
            goto fail;
    }
    for (j = 0; j < N_UNIT; j++) {
        PyObject *o = unitc[j];
        unitc[j] = NULL;
        if (py_dict_steal(out, unit_names[j], o) < 0)
            goto fail;
    }
    return out;
fail:
    for (j = 0; j < N_ROW; j++)
        Py_XDECREF(rowc[j]);
    for (j = 0; j < N_UNIT; j++)
        Py_XDECREF(unitc[j]);
    for (j = 0; j < 4; j++)
        Py_XDECREF(lists[j]);
    Py_XDECREF(out);
    return NULL;
}
%}

/* ------------------------------------------------------------------------ */
/* The public header, as is                                                  */
/* ------------------------------------------------------------------------ */

%include "dii/dii.h"
