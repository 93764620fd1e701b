/* width.h - display width of UTF-8 text in terminal columns, and truncation.
 *
 * Promises: one width rule for all text: wcwidth(3) of each code point (so
 * the process must run setlocale(LC_CTYPE, "") with a UTF-8 locale, as the UI
 * does; tests use C.UTF-8). Where wcwidth knows no answer (-1: a non-UTF-8
 * locale, an unassigned code point) a small built-in table decides: combining
 * marks and zero-width characters 0, East Asian wide and emoji 2, others 1;
 * ill-formed bytes count 1 (they print as U+FFFD once sanitized). Controls
 * count 0: sanitize text first (sanitize.h). Truncation never splits a code
 * point, keeps zero-width marks with the character before them, and ends
 * with "…" (one column) when something was cut. */
#ifndef PB_UTIL_WIDTH_H
#define PB_UTIL_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

int pb_width_cp(uint32_t cp);                         /* 0, 1 or 2 */
size_t pb_width_n(const char *s, size_t n);
size_t pb_width(const char *s);                       /* NUL-terminated; NULL is 0 */
/* Bytes of the longest prefix of s[0..n) that fits in max_cols columns
 * (zero-width code points right after it included); its width in *cols. */
size_t pb_width_prefix(const char *s, size_t n, size_t max_cols, size_t *cols);
/* Appends s cut to at most max_cols columns, with "…" when cut. Returns the
 * columns appended. */
size_t pb_width_truncate_append(pb_buf *out, const char *s, size_t max_cols);
/* A malloc'd copy of s cut to max_cols columns (see above). */
char *pb_width_truncate(const char *s, size_t max_cols);

#endif
