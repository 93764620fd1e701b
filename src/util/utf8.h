/* utf8.h - strict UTF-8 decoding and repair.
 *
 * Promises: pb_utf8_decode accepts exactly the well-formed sequences of
 * Unicode (no overlongs, no surrogates, nothing above U+10FFFF). On an
 * ill-formed sequence it reports PB_UTF8_INVALID and consumes the "maximal
 * subpart" (at least one byte), the unit that Unicode and WHATWG replace
 * with one U+FFFD. Nothing here depends on the locale. */
#ifndef PB_UTIL_UTF8_H
#define PB_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define PB_UTF8_INVALID 0xFFFFFFFFu

/* Decodes one code point from s[0..n) (n >= 1); stores it in *cp (or
 * PB_UTF8_INVALID) and returns the number of bytes consumed (1..4). */
size_t pb_utf8_decode(const char *s, size_t n, uint32_t *cp);
bool pb_utf8_valid(const char *s, size_t n);
/* Appends s[0..n) with every ill-formed subpart replaced by U+FFFD. */
bool pb_utf8_repair_append(pb_buf *out, const char *s, size_t n);
/* snprintf-style copy of s[0..len) into out[outsz] that never ends inside a
 * multi-byte sequence; returns len. */
size_t pb_utf8_copy_trunc(char *out, size_t outsz, const char *s, size_t len);

#endif
