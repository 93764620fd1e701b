/* intern.h - string interning, and the string pool that records live in.
 *
 * Promises: pb_intern returns the same pointer for equal byte strings, so
 * interned strings (stage values, currency codes, company names) compare with
 * ==. Interned strings live in the interner's arena until pb_interner_free.
 * A pb_strpool couples an arena (for strings seen once, like deal names) with
 * an interner; the parsers put every string of a record there, and the
 * strings stay valid until pb_strpool_free. All functions return NULL on
 * out-of-memory. */
#ifndef PB_UTIL_INTERN_H
#define PB_UTIL_INTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef struct pb_interner {
    pb_arena arena;
    const char **slots;   /* open addressing, power-of-two size */
    size_t *lens;
    size_t cap, count;
} pb_interner;

void pb_interner_init(pb_interner *in);
void pb_interner_free(pb_interner *in);
const char *pb_intern(pb_interner *in, const char *s, size_t n);
const char *pb_intern_cstr(pb_interner *in, const char *s);
size_t pb_interner_count(const pb_interner *in);

typedef struct pb_strpool {
    pb_arena arena;
    pb_interner intern;
} pb_strpool;

void pb_strpool_init(pb_strpool *sp);
void pb_strpool_free(pb_strpool *sp);
/* Copies s[0..n), replacing ill-formed UTF-8 with U+FFFD; interned if asked. */
const char *pb_strpool_dup(pb_strpool *sp, const char *s, size_t n, bool intern);

#endif
