/* buf.h - a growable byte buffer and string builder.
 *
 * Promises: the contents are always NUL-terminated once anything was
 * appended (pb_buf_cstr never returns NULL); an allocation failure makes the
 * buffer "failed" (b->oom) and every later append a no-op, so a builder can
 * append freely and check once at the end. pb_buf_take hands the malloc'd
 * string to the caller (free() it) and leaves the buffer empty. */
#ifndef PB_UTIL_BUF_H
#define PB_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pb_buf {
    char *data;   /* NULL until the first append */
    size_t len;   /* bytes, excluding the terminating NUL */
    size_t cap;   /* bytes allocated */
    bool oom;     /* an allocation failed: contents are incomplete */
} pb_buf;

#define PB_BUF_INIT {NULL, 0, 0, false}

void pb_buf_init(pb_buf *b);
void pb_buf_free(pb_buf *b);
void pb_buf_reset(pb_buf *b);                        /* len = 0, keeps memory */
bool pb_buf_reserve(pb_buf *b, size_t extra);        /* room for extra more bytes */
bool pb_buf_append(pb_buf *b, const void *data, size_t n);
bool pb_buf_puts(pb_buf *b, const char *s);
bool pb_buf_putc(pb_buf *b, char c);
bool pb_buf_printf(pb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool pb_buf_vprintf(pb_buf *b, const char *fmt, va_list ap);
/* Appends a code point as UTF-8 (invalid ones as U+FFFD). */
bool pb_buf_put_utf8(pb_buf *b, unsigned long cp);
const char *pb_buf_cstr(const pb_buf *b);            /* "" when empty */
/* The malloc'd string (never NULL unless b->oom); the buffer is left empty.
 * Returns NULL and frees the buffer if it failed. */
char *pb_buf_take(pb_buf *b);
void pb_buf_truncate(pb_buf *b, size_t len);         /* shortens to len bytes */

#endif
