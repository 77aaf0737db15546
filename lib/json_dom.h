/* Private: a JSON text read in one pass into a tree that remembers where
 * everything was written.
 *
 * The submissions parser needs, for every value, its type, its decoded
 * content, the line and byte column of the value and of its key, and to
 * know about repeated keys; building that in one pass over the text is
 * several times faster than a general-purpose JSON library followed by a
 * second scan for positions.
 *
 * The tree lives in an arena owned by the parser and stays valid until the
 * parser's next jdom_parse or jdom_parser_free. Strings are decoded UTF-8,
 * NUL-terminated, and never contain U+0000 (refused by the parser). An
 * object keeps each key once, in the order of its first appearance, with
 * the value (and positions) of its last appearance, as most JSON readers
 * do; every repetition is listed as a duplicate so that it can be
 * reported. */
#ifndef DII_JSON_DOM_H
#define DII_JSON_DOM_H
#include <stddef.h>
#include <stdint.h>

#include "dii/dii.h"
#include "input_limits.h"

typedef enum jdom_kind {
    JDOM_NULL,
    JDOM_FALSE,
    JDOM_TRUE,
    JDOM_NUMBER,
    JDOM_STRING,
    JDOM_ARRAY,
    JDOM_OBJECT
} jdom_kind;

/* Number flags. */
#define JDOM_INTEGER 1u /* written without fraction or exponent */
#define JDOM_INT64 2u   /* ... and within int64_t: u.number.integer is exact */
/* Container flag: its contents were skipped (see jdom_filter); it has no
 * children in the tree. */
#define JDOM_SKIPPED 4u
/* Container flag: its children were streamed (see JDOM_STREAM); it has
 * none in the tree. */
#define JDOM_STREAMED 8u

typedef struct jdom_node jdom_node;
/* Kept small (48 bytes): an object's members are all nodes while it is
 * open. Positions and lengths fit 32 bits, as in dii_value_entry (inputs
 * are at most max_input_bytes). */
struct jdom_node {
    const char *key; /* object members: the decoded key; NULL otherwise */
    union {
        struct {
            double value; /* +-inf when out of range, as strtod */
            union {
                int64_t integer;  /* with JDOM_INT64 */
                const char *text; /* JDOM_INTEGER without JDOM_INT64: as written */
            };
        } number;
        struct {
            const char *text;
            size_t len;
        } string;
        struct {
            jdom_node *items; /* members or elements, in order */
            size_t count;
        } children;
    } u;
    uint32_t key_len;
    uint32_t line, column;         /* the value's first byte, 1-based */
    uint32_t key_line, key_column; /* the key's opening quote; 0 without a key */
    unsigned char kind;            /* jdom_kind */
    unsigned char flags;                /* JDOM_INTEGER, JDOM_INT64 */
};

/* A repeated key: the JSON Pointer of the repetition (as the pointer of a
 * member: parent's pointer + "/" + escaped key) and where its key is. */
typedef struct jdom_duplicate {
    const char *pointer;
    const char *key;
    unsigned long line, column;
} jdom_duplicate;

/* One syntax error (message) or crossed limit (limit, message empty) and
 * its position (line 1-based from first_line). */
typedef struct jdom_error {
    char message[160];
    unsigned long line, column;
    dii_limit_kind limit; /* DII_LIMIT_NONE for a syntax error */
} jdom_error;

typedef struct jdom_parser jdom_parser;

/* What a filter decides about an array or object as it opens. */
typedef enum jdom_verdict {
    JDOM_BUILD,  /* its contents go into the tree */
    JDOM_SKIP,   /* read and checked, not kept (see jdom_filter) */
    JDOM_REFUSE, /* the parse stops: *limit is crossed at its first byte */
    JDOM_STREAM  /* each child, once complete, goes to the stream callback and
                    is dropped (see jdom_stream); as JDOM_BUILD without one */
} jdom_verdict;

/* Asked about each array and object as it opens, except those inside a
 * skipped one: `node` is the container (kind, key and positions; no
 * children yet), in the innermost open container jdom_open_container(p,
 * jdom_open_depth(p) - 1) (none for the root). A skipped container's
 * contents are still checked as JSON, with the same located errors and
 * the same depth and string limits, but cost no memory: no node, no
 * string, no repeated-key check. It stays in the tree as a node of its
 * kind with no children and JDOM_SKIPPED in flags. A reader that only
 * needs some parts of a document (the submissions reader) uses this to
 * keep an ignored member's value, however large, out of memory. */
typedef jdom_verdict (*jdom_filter)(void *ctx, const jdom_parser *p, const jdom_node *node,
                                    dii_limit_kind *limit);

/* Called, with the filter's ctx, with each child of a JDOM_STREAM
 * container as soon as it is complete (a scalar, or an array or object
 * with its children, or skipped): the child, its key, its strings and its
 * children are valid during the call only, and then cost no memory. The
 * parser does not look for repeated keys among a streamed object's
 * members: the callback reports them (jdom_add_duplicate). Anything but
 * DII_OK stops the parse with that status. */
typedef dii_status (*jdom_stream)(void *ctx, jdom_parser *p, const jdom_node *child);

/* NULL on allocation failure. The parser applies the default limits until
 * told otherwise. */
jdom_parser *jdom_parser_new(void);
/* The limits the following parses apply: nesting depth (levels of arrays
 * and objects; the parser keeps its own stack on the heap, so any depth is
 * safe for the C stack and the limit is only about what input is sane) and
 * the decoded length of every string and key. */
void jdom_parser_set_limits(jdom_parser *p, const dii_limits *limits);
void jdom_parser_free(jdom_parser *p);
/* The filter the following parses ask (NULL, the default: build all). */
void jdom_parser_set_filter(jdom_parser *p, jdom_filter filter, void *ctx);
/* The stream callback the following parses call (NULL: JDOM_STREAM is
 * JDOM_BUILD). */
void jdom_parser_set_stream(jdom_parser *p, jdom_stream stream);
/* Repeated keys kept: the first `keep` in the text (0: all); the others
 * are only counted (jdom_duplicates_dropped). A reader whose diagnostics
 * list is capped keeps at most the cap: a flood of repetitions then costs
 * no memory. */
void jdom_parser_set_duplicate_cap(jdom_parser *p, size_t keep);
/* For stream callbacks: records member, a child of the innermost open
 * (streamed) object, as a repeated key. DII_ERR_NO_MEMORY on failure. */
dii_status jdom_add_duplicate(jdom_parser *p, const jdom_node *member);
/* For filters: the number of containers open around the one being asked
 * about, and the node of the one at `level` (0 = the root), or NULL. */
size_t jdom_open_depth(const jdom_parser *p);
const jdom_node *jdom_open_container(const jdom_parser *p, size_t level);
/* For filters: the children of the innermost open container so far, the
 * one being asked about included (its index in the container + 1). */
size_t jdom_open_child_count(const jdom_parser *p);
/* For filters: child i (0-based, below jdom_open_child_count) of the
 * innermost open container, as read so far (a container child has no
 * children yet), or NULL. Valid during the filter call only. */
const jdom_node *jdom_open_child(const jdom_parser *p, size_t i);

/* Parses len bytes of text, which must be one JSON array or object with
 * nothing but whitespace around it; text[0] is on line first_line, column 1.
 * DII_OK with *root set; DII_ERR_PARSE with *err filled (the first problem
 * only: a syntax error, or the limit crossed at the string's opening quote
 * or the bracket one level too deep); DII_ERR_NO_MEMORY. Replaces the tree
 * of the previous call. */
dii_status jdom_parse(jdom_parser *p, const char *text, size_t len, unsigned long first_line,
                      const jdom_node **root, jdom_error *err);

/* The member of object named key, or NULL (also when object is not one). */
const jdom_node *jdom_get(const jdom_node *object, const char *key);

/* Repeated keys of the last parse, in the order they appear in the text
 * (the first jdom_parser_set_duplicate_cap of them), and how many more. */
size_t jdom_duplicate_count(const jdom_parser *p);
size_t jdom_duplicates_dropped(const jdom_parser *p);
const jdom_duplicate *jdom_duplicate_at(const jdom_parser *p, size_t i);

#endif
