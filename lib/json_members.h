/* Private: reading the members of a json_dom object and reporting what is
 * wrong with them where it was written (line, column and JSON Pointer).
 *
 * The framework reader (framework_parse.c) and the submissions reader
 * (parse_json.c) both read with these: one way to get a member, check its
 * kind, say "missing-field" or "wrong-type", name a value's type and read
 * an integer. The two formats word their messages slightly differently
 * (jm_wording), and each keeps its wording: the words are data here, the
 * logic is written once. */
#ifndef DII_JSON_MEMBERS_H
#define DII_JSON_MEMBERS_H
#include <stddef.h>

#include "diag.h"
#include "json_dom.h"

#ifndef COUNT_OF
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* How a reader words the messages below. */
typedef struct jm_wording {
    char quote;               /* around a member's name: '\'' or '"' */
    const char *missing_tail; /* after "<what> has no <name>": " field" or "" */
    const char *real_number;  /* the type of a number with a fraction or exponent */
} jm_wording;

/* Where a reader reports: the file named in its diagnostics, its list and
 * its wording. */
typedef struct jm_reader {
    const char *file;
    dii_diagnostics *diags;
    const jm_wording *wording;
} jm_reader;

/* Kinds a member may have (jm_rule.kinds): bits 1u << jdom_kind, and
 * JM_INTEGER, a number written without fraction or exponent. */
#define JM_KIND(k) (1u << (k))
#define JM_STRING JM_KIND(JDOM_STRING)
#define JM_NUMBER JM_KIND(JDOM_NUMBER)
#define JM_OBJECT JM_KIND(JDOM_OBJECT)
#define JM_ARRAY JM_KIND(JDOM_ARRAY)
#define JM_BOOLEAN (JM_KIND(JDOM_TRUE) | JM_KIND(JDOM_FALSE))
#define JM_INTEGER (1u << 8)

/* What a member must be, and how its absence and its wrong kind are
 * reported. */
typedef struct jm_rule {
    unsigned kinds;           /* accepted kinds */
    const char *wanted;       /* "a string": "<name> must be <wanted>, not <type>" */
    const char *wrong_hint;   /* the wrong-type hint, or NULL */
    const char *what;         /* required: "<what> has no <name>"; NULL: optional */
    const char *missing_hint; /* the missing-field hint, or NULL */
    int null_is_absent;       /* a null member counts as not given */
} jm_rule;

/* The node's place: its key's when at_key and it has a key, else its
 * value's; pointer is borrowed. */
dii_loc jm_loc(const jdom_node *at, int at_key, const char *pointer);

int jm_is_integer(const jdom_node *v);

/* "an object", "a string", "an integer", the wording's real number, ... */
const char *jm_type_name(const jm_reader *r, const jdom_node *v);

/* Whether key is one of the n names in allowed. */
int jm_is_allowed(const char *key, const char *const *allowed, size_t n);

/* "wrong-type" for member name (node value) of the object at base: at the
 * value, with the member's pointer. DII_OK or DII_ERR_NO_MEMORY. */
dii_status jm_report_wrong_type(const jm_reader *r, const char *base, const char *name,
                                const jdom_node *value, const char *wanted, const char *hint);

/* "missing-field": the object at object_pointer, called `what` in the
 * message, has no member name; located at the object. */
dii_status jm_report_missing(const jm_reader *r, const jdom_node *object,
                             const char *object_pointer, const char *what, const char *name,
                             const char *hint);

/* Member key of obj (at pointer ptr) when it follows rule: *out is the
 * member, or NULL when it is absent (reported when required) or of
 * another kind (reported). DII_OK or DII_ERR_NO_MEMORY. */
dii_status jm_get(const jm_reader *r, const jdom_node *obj, const char *ptr, const char *key,
                  const jm_rule *rule, const jdom_node **out);

/* An integer node (jm_is_integer) within [lo, hi]: 1 with *out set, else
 * 0 (also beyond int64_t). */
int jm_integer_in(const jdom_node *v, long long lo, long long hi, long long *out);

/* An integer node as written, for messages: its value when it fits
 * int64_t, else its text (a borrowed string, or buf). */
#define JM_INTEGER_TEXT_MAX 24
const char *jm_integer_text(const jdom_node *v, char buf[JM_INTEGER_TEXT_MAX]);

#endif
